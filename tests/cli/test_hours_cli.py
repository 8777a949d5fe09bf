"""`paemployer hours FILE --period-end DATE --out hours.csv [--force]`: the payroll service's hours, one CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest

from paemployer.cli import main
from paemployer.services import records, rota
from paemployer.services.pay import exchange
from paemployer.store.db import open_employer_file


@pytest.fixture
def employer_path(tmp_path):
    path = tmp_path / "pay.paemployer"
    ef = open_employer_file(path, create=True)
    records.update_employer(ef, name="Eleri Davies", nation="wales")
    ann = records.add_pa(ef, first_name="Ann", last_name="Lee", ni_number="AB123456C", start_date=date(2026, 4, 6),
                         date_of_birth=date(1990, 1, 2))
    records.add_contract_terms(ef, ann.id, effective_from=date(2026, 4, 6), standard_rate="12.71",
                               hours_type="irregular", pay_frequency="weekly")
    bo = records.add_pa(ef, first_name="Bo", last_name="Ray", start_date=date(2026, 4, 6))  # no NI number
    records.add_contract_terms(ef, bo.id, effective_from=date(2026, 4, 6), standard_rate="13.00",
                               hours_type="irregular", pay_frequency="weekly")
    rota.add_shift(ef, pa_id=ann.id, start=datetime(2026, 11, 16, 9), end=datetime(2026, 11, 16, 16, 30),
                   status="worked")
    rota.add_shift(ef, pa_id=bo.id, start=datetime(2026, 11, 18, 9), end=datetime(2026, 11, 18, 12),
                   status="worked")
    rota.add_shift(ef, pa_id=bo.id, start=datetime(2026, 11, 19, 9), end=datetime(2026, 11, 19, 12))  # not confirmed
    ef.close()
    return path


def _rows(path):
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_hours_writes_a_row_per_pa_and_says_what_to_check_before_sending(employer_path, tmp_path, capsys):
    out = tmp_path / "hours.csv"
    assert main(["hours", str(employer_path), "--period-end", "2026-11-22", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Wrote the hours of 2 PAs for the period ending 22 Nov 2026" in printed
    assert "Bo Ray has no National Insurance number" in printed
    assert "planned shift not yet confirmed" in printed
    rows = _rows(out)
    assert list(rows[0]) == list(exchange.HOURS_EXPORT_COLUMNS)
    assert [(row["pa"], row["ni_number"], Decimal(row["standard_hours"]), row["standard_rate"]) for row in rows] == [
        ("Ann Lee", "AB123456C", Decimal("7.5"), "12.71"), ("Bo Ray", "", Decimal(3), "13.00")]


def test_hours_never_writes_over_a_file_unless_forced(employer_path, tmp_path, capsys):
    out = tmp_path / "hours.csv"
    out.write_text("last week's export, already sent", encoding="utf-8")
    assert main(["hours", str(employer_path), "--period-end", "2026-11-22", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "last week's export, already sent"
    assert main(["hours", str(employer_path), "--period-end", "2026-11-22", "--out", str(out), "--force"]) == 0
    assert len(_rows(out)) == 2


def test_hours_never_writes_over_an_employer_file_even_forced(employer_path, capsys):
    before = employer_path.read_bytes()
    code = main(["hours", str(employer_path), "--period-end", "2026-11-22", "--out", str(employer_path), "--force"])
    assert code == 2
    assert "employer file" in capsys.readouterr().err
    assert employer_path.read_bytes() == before


def test_a_day_that_ends_no_pay_period_is_refused_and_nothing_written(employer_path, tmp_path, capsys):
    out = tmp_path / "hours.csv"
    assert main(["hours", str(employer_path), "--period-end", "2026-11-20", "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith("paemployer: ")
    assert not out.exists()


def test_a_date_that_is_not_a_date_is_refused(employer_path, tmp_path, capsys):
    assert main(["hours", str(employer_path), "--period-end", "22/11/2026", "--out", str(tmp_path / "h.csv")]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_hours_help_names_the_columns_document(capsys):
    with pytest.raises(SystemExit):
        main(["hours", "--help"])
    assert "payroll-service-export.md" in capsys.readouterr().out
