"""`paemployer p60 FILE --tax-year 2025-26 --out DIR [--pa NAME] [--force]`: P60 PDFs headless."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from paemployer.cli import EXIT_BAD_INPUT, EXIT_OK, main
from paemployer.services import records
from paemployer.store.db import open_employer_file
from paemployer.store.models import PayRun, PayRunLine


@pytest.fixture
def employer_path(tmp_path):
    path = tmp_path / "p60.paemployer"
    with open_employer_file(path, create=True) as ef:
        records.update_employer(ef, name="Eleri Davies", nation="scotland", paye_reference="120/DA45678")
        for first, last, code in (("Ceri", "Jones", "S1257L"), ("Dai", "Evans", "S1257L")):
            pa = records.add_pa(ef, first_name=first, last_name=last, date_of_birth=date(1990, 5, 1),
                                start_date=date(2025, 4, 6), tax_code=code)
            for month in range(12):
                pay_date = date(2025, 4, 25) + timedelta(days=30 * month)
                with ef.session() as session:
                    row = PayRun(pa_id=pa.id, pa_name=pa.full_name, period_start=pay_date - timedelta(days=30),
                                 period_end=pay_date - timedelta(days=1), pay_date=pay_date, pay_frequency="monthly",
                                 status="finalised", source="computed", tax=Decimal("80.00"),
                                 employee_ni=Decimal("32.00"), tax_code=code, ni_category="A",
                                 taxable_pay=Decimal("1500.00"), ni_earnings_at_lel=Decimal("542.00"),
                                 ni_earnings_lel_to_pt=Decimal("506.00"), ni_earnings_pt_to_uel=Decimal("452.00"),
                                 created_at=datetime(2026, 11, 24))
                    session.add(row)
                    session.flush()
                    session.add(PayRunLine(pay_run_id=row.id, position=0, kind="hours", description="Hours",
                                           amount=Decimal("1500.00")))
    return path


def test_a_p60_for_each_pa_and_a_refusal_to_overwrite_without_force(employer_path, tmp_path, capsys):
    out = tmp_path / "p60s"
    assert main(["p60", str(employer_path), "--tax-year", "2025-26", "--out", str(out)]) == EXIT_OK
    assert sorted(path.name for path in out.iterdir()) == ["p60-2025-26-Ceri-Jones.pdf", "p60-2025-26-Dai-Evans.pdf"]
    assert "Wrote 2 P60s" in capsys.readouterr().out
    text = " ".join(page.extract_text() for page in PdfReader(out / "p60-2025-26-Ceri-Jones.pdf").pages)
    assert "S1257L" in text and "18,000.00" in text and "960.00" in text
    assert main(["p60", str(employer_path), "--tax-year", "2025-26", "--out", str(out)]) == EXIT_BAD_INPUT
    assert "already exists" in capsys.readouterr().err
    assert main(["p60", str(employer_path), "--tax-year", "2025-26", "--out", str(out), "--force"]) == EXIT_OK


def test_one_pas_p60(employer_path, tmp_path):
    out = tmp_path / "one"
    assert main(["p60", str(employer_path), "--tax-year", "2025-26", "--out", str(out), "--pa", "Dai Evans"]) == 0
    assert [path.name for path in out.iterdir()] == ["p60-2025-26-Dai-Evans.pdf"]


@pytest.mark.parametrize("argv, said", [
    (["--tax-year", "2025"], "is not a tax year"),
    (["--tax-year", "2024-25"], "has finalised pay in it"),
    (["--tax-year", "2025-26", "--pa", "Nobody Here"], "Nobody Here"),
    (["--tax-year", "2025-26", "--pa", " "], "the name is empty"),
])
def test_bad_input_is_a_sentence_exit_2_and_writes_nothing(employer_path, tmp_path, capsys, argv, said):
    out = tmp_path / "none"
    try:
        code = main(["p60", str(employer_path), "--out", str(out), *argv])
    except SystemExit as refused:
        code = refused.code
    assert code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_an_out_that_is_a_file_is_refused(employer_path, tmp_path, capsys):
    assert main(["p60", str(employer_path), "--tax-year", "2025-26", "--out", str(employer_path)]) == EXIT_BAD_INPUT
    assert "is a file, not a folder" in capsys.readouterr().err


def test_p60s_before_the_year_has_ended_are_refused(employer_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PAEMPLOYER_TODAY", "2026-04-05")
    out = tmp_path / "early"
    assert main(["p60", str(employer_path), "--tax-year", "2025-26", "--out", str(out)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "The tax year 2025-26 ends on 5 April 2026: P60s are made after that" in err and "Traceback" not in err
    assert not out.exists()
    with open_employer_file(employer_path) as ef:
        assert records.get_employer(ef).p60s_given_for == ""


def test_writing_every_p60_records_the_year_as_given(employer_path, tmp_path):
    assert main(["p60", str(employer_path), "--tax-year", "2025-26", "--out", str(tmp_path / "one"),
                 "--pa", "Dai Evans"]) == EXIT_OK
    with open_employer_file(employer_path) as ef:
        assert records.get_employer(ef).p60s_given_for == ""  # Ceri's is still to give
    assert main(["p60", str(employer_path), "--tax-year", "2025-26", "--out", str(tmp_path / "all")]) == EXIT_OK
    with open_employer_file(employer_path) as ef:
        assert records.get_employer(ef).p60s_given_for == "2025-26"
