"""`paemployer rota`, `ics` and `plan` on an employer file, headless."""

from __future__ import annotations

import io
import json
from datetime import datetime, time

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from paemployer.cli import main
from paemployer.services import rota
from paemployer.services.rota.engine import SupportNeedSpec
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, CoverContact, Employer


@pytest.fixture
def employer_path(tmp_path):
    path = tmp_path / "cli.paemployer"
    ef = open_employer_file(path, create=True)
    with ef.session() as session:
        session.add(Employer(name="Eleri Davies", stand_in_essentials="Medication at 8am."))
        session.add(PA(first_name="Ann", last_name="Lee"))
        session.add(PA(first_name="Bo", last_name="Evans"))
        session.add(CoverContact(name="Siân Roberts", phone="07700 900610", priority=1))
    rota.replace_support_schedule(ef, [SupportNeedSpec(d, time(7), time(10)) for d in range(7)]
                                  + [SupportNeedSpec(0, time(8), time(8, 30), people=2)])
    rota.add_pattern(ef, pa_id=1, rrule="FREQ=DAILY", first_start=datetime(2026, 11, 1, 7),
                     first_end=datetime(2026, 11, 1, 10))
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 12))
    ef.close()
    return path


def test_rota_json_gives_shifts_gaps_and_clashes(employer_path, capsys):
    assert main(["rota", str(employer_path), "--week", "2026-11-25", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["week_start"] == "2026-11-23"
    assert len(data["shifts"]) == 8
    assert data["shifts"][0]["pa"] == "Ann Lee" and data["shifts"][0]["start"] == "2026-11-23T07:00"
    assert data["gaps"] == [{"start": "2026-11-23T08:00", "end": "2026-11-23T08:30", "people_missing": 1,
                             "people_needed": 2}]
    [clash] = data["clashes"]
    assert clash["pa"] == "Ann Lee" and clash["reason"] == "overlap"
    assert [s["start"] for s in clash["shifts"]] == ["2026-11-25T07:00", "2026-11-25T09:00"]
    # Ann works every morning with no day off: no 24 hours' rest in the week.
    assert [(w["code"], w["pa"]) for w in data["working_time"]] == [("WTR_WEEKLY_REST", "Ann Lee")]


def test_rota_text_and_pdf(employer_path, capsys, tmp_path):
    out = tmp_path / "week.pdf"
    assert main(["rota", str(employer_path), "--week", "2026-11-25", "--pdf", str(out)]) == 0
    text = capsys.readouterr().out
    assert "1 gap" in text and "1 clash" in text and "Ann Lee is on two shifts at once" in text
    # Dates and times written for people, not ISO.
    assert "Rota for the week of 23 November 2026" in text
    assert "Mon 23 Nov 08:00 to Mon 23 Nov 08:30: 1 more needed" in text and "2026-11-23" not in text
    assert "1 working-time finding" in text and "WTR_WEEKLY_REST Ann Lee" in text
    assert "Ann Lee" in PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()


def test_ics_writes_the_pas_calendar(employer_path, capsys, tmp_path):
    out = tmp_path / "ann.ics"
    assert main(["ics", str(employer_path), "--pa", "Ann Lee", "--out", str(out), "--from", "2026-11-23",
                 "--weeks", "1"]) == 0
    assert "Wrote 8 shifts" in capsys.readouterr().out
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 8


def test_ics_with_an_unknown_pa_explains_and_exits_2(employer_path, capsys, tmp_path):
    assert main(["ics", str(employer_path), "--pa", "Nobody", "--out", str(tmp_path / "x.ics")]) == 2
    error = capsys.readouterr().err
    assert "No PA called 'Nobody'" in error and "Ann Lee, Bo Evans" in error


def test_a_bad_week_date_exits_2(employer_path, capsys):
    assert main(["rota", str(employer_path), "--week", "next tuesday"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_plan_writes_the_emergency_plan(employer_path, capsys, tmp_path):
    out = tmp_path / "plan.pdf"
    assert main(["plan", str(employer_path), "--out", str(out)]) == 0
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "Siân Roberts" in text and "07700 900610" in text and "Medication at 8am." in text


@pytest.mark.parametrize("command", [
    ["ics", "{file}", "--pa", "Ann Lee", "--out", "{missing}/ann.ics"],
    ["plan", "{file}", "--out", "{missing}/plan.pdf"],
    ["rota", "{file}", "--week", "2026-11-25", "--pdf", "{missing}/week.pdf"],
])
def test_an_unwritable_output_path_is_a_plain_message_and_exit_2(employer_path, tmp_path, capsys, command):
    missing = tmp_path / "no such folder"
    argv = [part.format(file=employer_path, missing=missing) for part in command]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert f"Could not write {missing}" in captured.err
    assert f"the folder {missing} does not exist" in captured.err
    assert captured.out == ""
    assert not missing.exists()


def test_writing_over_a_folder_says_so(employer_path, tmp_path, capsys):
    assert main(["plan", str(employer_path), "--out", str(tmp_path)]) == 2
    assert "that is a folder, not a file" in capsys.readouterr().err


def test_the_rota_text_words_kinds_and_statuses_in_the_chosen_language(employer_path, capsys):
    rota.cancel_shift(open_employer_file(employer_path), rota.week(open_employer_file(employer_path),
                                                                    datetime(2026, 11, 25).date()).shifts[0].key)
    try:
        assert main(["--locale", "cy", "rota", str(employer_path), "--week", "2026-11-25"]) == 0
    finally:
        from paemployer.i18n import set_locale

        set_locale("en_GB")
    text = capsys.readouterr().out
    assert "[cancelled]" not in text and "(day)" not in text
    assert "(diwrnod)" in text
