"""`paemployer hmrc FILE --tax-year 2026-27 [--json] [--fps] [--paper]`: the HMRC year headless."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from paemployer.cli import EXIT_BAD_INPUT, EXIT_OK, main
from paemployer.services import records
from paemployer.store.db import open_employer_file
from paemployer.store.models import PayRun, PayRunLine


def _paid(ef, pa, pay_date, **figures):
    end = pay_date - timedelta(days=1)
    with ef.session() as session:
        row = PayRun(pa_id=pa.id, pa_name=pa.full_name, period_start=end - timedelta(days=30), period_end=end,
                     pay_date=pay_date, pay_frequency="monthly", status="finalised", source="computed",
                     tax_code="1257L", ni_category="A", taxable_pay=Decimal("1500.00"),
                     created_at=datetime(2026, 11, 24), **{k: Decimal(v) for k, v in figures.items()})
        session.add(row)
        session.flush()
        session.add(PayRunLine(pay_run_id=row.id, position=0, kind="hours", description="Hours",
                               amount=Decimal("1500.00"), hours=Decimal(120)))


@pytest.fixture
def employer_path(tmp_path):
    path = tmp_path / "hmrc.paemployer"
    with open_employer_file(path, create=True) as ef:
        records.update_employer(ef, name="Eleri Davies", nation="england", employment_allowance=True,
                                care_and_support_only=True)
        pa = records.add_pa(ef, first_name="Ceri", last_name="Jones", date_of_birth=date(1990, 5, 1),
                            start_date=date(2025, 4, 6), tax_code="1257L")
        _paid(ef, pa, date(2026, 4, 24), tax="120.40", employee_ni="41.20", employer_ni="77.25", student_loan="12")
        _paid(ef, pa, date(2026, 7, 24), tax="100.00", employee_ni="40.00", employer_ni="70.00")
    return path


def test_json_gives_each_month_with_money_as_two_decimal_strings(employer_path, capsys):
    assert main(["hmrc", str(employer_path), "--tax-year", "2026-27", "--json"]) == EXIT_OK
    out = json.loads(capsys.readouterr().out)
    assert out["tax_year"] == "2026-27" and out["quarterly"] is False and len(out["periods"]) == 12
    first = out["periods"][0]
    assert first["period"] == 1 and first["start"] == "2026-04-06" and first["end"] == "2026-05-05"
    assert first["tax"] == "120.40" and first["student_loans"] == "12.00" and first["employee_ni"] == "41.20"
    assert first["employer_ni"] == "77.25" and first["employment_allowance_used"] == "77.25"
    assert first["amount_due"] == "173.60" and first["due_date"] == "2026-05-22"
    assert first["paid"] == "0.00" and first["outstanding"] == "173.60"
    assert out["totals"]["amount_due"] == "313.60" and out["totals"]["employment_allowance_used"] == "147.25"
    assert out["employment_allowance"] == "10500.00"
    assert "fps" not in out and "paper" not in out


def test_text_names_the_months_and_what_is_due(employer_path, capsys):
    assert main(["hmrc", str(employer_path), "--tax-year", "2026-27"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "2026-27" in out and "£173.60" in out and "22 May 2026" in out and "£313.60" in out


def test_fps_and_paper_figures(employer_path, capsys):
    assert main(["hmrc", str(employer_path), "--tax-year", "2026-27", "--json", "--fps", "--paper"]) == EXIT_OK
    out = json.loads(capsys.readouterr().out)
    [first, second] = out["fps"]
    assert first["pa"] == "Ceri Jones" and first["pay_date"] == "2026-04-24" and first["fps_sent_on"] is None
    assert [item["field"] for item in first["figures"]][:3] == ["Pay frequency", "Payment date", "Tax month number"]
    fields = {item["field"]: item["value"] for item in second["figures"]}
    assert fields["Total tax to date in this employment"] == "220.40"
    assert [quarter["quarter"] for quarter in out["paper"]] == [1, 2, 3, 4]
    rt2 = {item["name"]: item["value"] for item in out["paper"][1]["boxes"] if item["box"].startswith("RT2")}
    assert rt2["Tax deducted or refunded in this quarter"] == "100.00"
    assert main(["hmrc", str(employer_path), "--tax-year", "2026-27", "--fps", "--paper"]) == EXIT_OK
    text = capsys.readouterr().out
    assert "Full Payment Submission: Ceri Jones" in text and "RT5 Employer payment summary" in text


@pytest.mark.parametrize("year, said", [("2026/27", "is not a tax year"), ("2026-28", "is not a tax year"),
                                        ("2019-20", "no figures for paying HMRC")])
def test_a_bad_tax_year_is_a_sentence_and_exit_2(employer_path, capsys, year, said):
    assert main(["hmrc", str(employer_path), "--tax-year", year]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err


def test_a_missing_file_is_exit_2(tmp_path, capsys):
    assert main(["hmrc", str(tmp_path / "nothing.paemployer"), "--tax-year", "2026-27"]) == EXIT_BAD_INPUT
