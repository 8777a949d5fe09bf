"""`paemployer check FILE [--on DATE] [--json]`: exit codes, JSON shape, text grouped by urgency."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from paemployer.cli import main
from paemployer.services.demo import write_demo_file
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, ContractTerms, CoverContact, Employer

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.paemployer"
    write_demo_file(path, today=TODAY)
    return path


@pytest.fixture
def demo(tmp_path, demo_template):
    copy = tmp_path / "demo.paemployer"
    copy.write_bytes(demo_template.read_bytes())
    return copy


@pytest.fixture
def sound(tmp_path):
    path = tmp_path / "sound.paemployer"
    with open_employer_file(path, create=True) as ef, ef.session() as session:
        session.add(Employer(name="E", el_expiry=date(2027, 9, 1), pension_duties_start=date(2025, 1, 6),
                             declaration_of_compliance_date=date(2025, 2, 1)))
        session.add(CoverContact(name="Ann", priority=1, last_confirmed=date(2026, 10, 1)))
        pa = PA(first_name="Dai", last_name="Test", start_date=date(2025, 1, 6),
                right_to_work_checked_on=date(2025, 1, 2), background_check_declined=True,
                pension_status="enrolled")
        session.add(pa)
        session.flush()
        session.add(ContractTerms(pa_id=pa.id, effective_from=date(2025, 1, 6), standard_rate=Decimal("13.00"),
                                  issued_on=date(2025, 1, 6)))
    return path


def run_json(capsys, *args):
    code = main(["check", *map(str, args), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_demo_has_act_now_warnings_and_exits_1(capsys, demo):
    code, warnings = run_json(capsys, demo)
    assert code == 1
    assert any(w["severity"] == "act_now" for w in warnings)
    for warning in warnings:
        assert set(warning) >= {"code", "severity", "subject", "due", "title", "action", "basis", "decided"}
        assert warning["severity"] in ("act_now", "act_soon", "info")
        assert isinstance(warning["decided"], bool)
        assert warning["due"] is None or date.fromisoformat(warning["due"])
    subjects = {w["subject"] for w in warnings}
    assert "employer" in subjects and "Gareth Price" in subjects


def test_sound_file_exits_0_with_an_empty_list(capsys, sound):
    code, warnings = run_json(capsys, sound)
    assert (code, warnings) == (0, [])
    assert main(["check", str(sound)]) == 0
    assert "Nothing needs your attention." in capsys.readouterr().out


def test_on_evaluates_the_file_as_of_that_date(capsys, sound):
    # By then the cover contact (confirmed October 2026) is also over six months old.
    code, warnings = run_json(capsys, sound, "--on", "2027-09-02")
    assert code == 1 and {w["code"] for w in warnings} == {"EL_INSURANCE_EXPIRED", "COVER_CONTACTS_STALE"}
    code, warnings = run_json(capsys, sound, "--on", "2027-08-01")
    assert code == 0 and {w["code"] for w in warnings} == {"EL_INSURANCE_EXPIRING", "COVER_CONTACTS_STALE"}
    [el] = [w for w in warnings if w["code"] == "EL_INSURANCE_EXPIRING"]
    assert el["due"] == "2027-09-01" and el["subject"] == "employer" and el["severity"] == "act_soon"


def test_text_is_grouped_by_urgency(capsys, demo):
    assert main(["check", str(demo)]) == 1
    out = capsys.readouterr().out
    assert out.index("Act now") < out.index("Act soon")
    assert "What to do:" in out and "acting on now." in out.splitlines()[-1]


def test_a_badly_written_date_exits_2(capsys, sound):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(sound), "--on", "24/11/2026"])
    assert exit_info.value.code == 2
    assert "is not a date" in capsys.readouterr().err


def test_a_file_that_is_not_an_employer_file_exits_2(capsys, tmp_path):
    not_a_file = tmp_path / "notes.txt"
    not_a_file.write_text("hello")
    assert main(["check", str(not_a_file)]) == 2
    assert "is not a PA Employer file" in capsys.readouterr().err


def test_missing_file_exits_2_with_a_message(capsys, tmp_path):
    assert main(["check", str(tmp_path / "nope.paemployer")]) == 2
    assert "There is no employer file" in capsys.readouterr().err
