"""`paemployer payrun` and `paemployer payslips` on an employer file, headless: the JSON shape and its money
strings, running twice never paying twice, --finalise refusing a shortfall by name (exit 1), bad input (exit 2)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from paemployer.cli import main
from paemployer.services import records, rota
from paemployer.store.db import open_employer_file

PERIOD_END = "2026-11-15"


def _pa(ef, first, last, rate):
    pa = records.add_pa(ef, first_name=first, last_name=last, date_of_birth=date(1990, 5, 1),
                        start_date=date(2026, 4, 6))
    records.add_contract_terms(ef, pa.id, effective_from=date(2026, 4, 6), standard_rate=Decimal(rate),
                               pay_frequency="weekly", waking_night_rate=Decimal("14.00"))
    for offset in range(3):
        start = datetime(2026, 11, 9 + offset, 9)
        rota.add_shift(ef, pa_id=pa.id, start=start, end=start + timedelta(hours=8), break_minutes=30,
                       status="worked")
    return pa


@pytest.fixture
def employer_path(tmp_path):
    path = tmp_path / "pay.paemployer"
    ef = open_employer_file(path, create=True)
    records.update_employer(ef, name="Eleri Davies", nation="england")
    _pa(ef, "Ann", "Lee", "13.00")
    night = _pa(ef, "Bo", "Ray", "12.71")
    rota.add_shift(ef, pa_id=night.id, start=datetime(2026, 11, 13, 22), end=datetime(2026, 11, 14, 7),
                   kind="waking_night", status="worked")
    ef.close()
    return path


def _json(capsys, *args):
    assert main(["payrun", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_payrun_json_is_the_issues_shape_with_money_as_two_decimal_strings(employer_path, capsys):
    data = _json(capsys, str(employer_path), "--period-end", PERIOD_END)
    assert list(data) == ["period_end", "pas"] and data["period_end"] == PERIOD_END
    ann, bo = data["pas"]
    assert list(ann) == ["pa", "pay_frequency", "period_start", "period_end", "pay_date", "status", "lines", "gross",
                         "deductions", "net", "employer_costs", "minimum_wage"]
    assert (ann["pa"], ann["pay_frequency"], ann["period_start"], ann["period_end"], ann["pay_date"],
            ann["status"]) == ("Ann Lee", "weekly", "2026-11-09", "2026-11-15", "2026-11-20", "draft")
    assert ann["lines"] == [{"kind": "hours", "description": "Hours at the standard rate", "hours": "22.5",
                             "rate": "13.00", "amount": "292.50"}]
    # No tax code, P45 or starter statement recorded: 0T week 1, £292 x 20 % = £58.40; NI (292.50 - 242) x 8 %
    # = £4.04; employer's (292.50 - 96) x 15 % = £29.475, £29.47 by HMRC's rounding (a 5 in the third place down).
    assert (ann["gross"], ann["net"]) == ("292.50", "230.06")
    assert ann["deductions"] == {"tax": "58.40", "employee_ni": "4.04", "employee_pension": "0.00",
                                 "student_loan": "0.00", "postgraduate_loan": "0.00", "other": "0.00"}
    assert ann["employer_costs"] == {"employer_ni": "29.47", "employer_pension": "0.00"}
    assert ann["minimum_wage"] == {"band": "21_and_over", "band_label": "National Living Wage (21 and over)",
                                   "rate": "12.71",
                                   "hours_counted": "22.5", "pay_counted": "292.50", "required": "285.98",
                                   "shortfall": "0.00"}
    kinds = {line["kind"]: line for line in bo["lines"]}
    assert kinds["waking_night"]["hours"] == "9" and kinds["waking_night"]["amount"] == "126.00"
    assert bo["gross"] == "411.98"


def test_running_the_same_period_twice_never_pays_twice(employer_path, capsys):
    first = _json(capsys, str(employer_path), "--period-end", PERIOD_END)
    second = _json(capsys, str(employer_path), "--period-end", PERIOD_END)
    assert first == second
    with open_employer_file(employer_path) as ef, ef.session() as session:
        from sqlmodel import select

        from paemployer.store.models import PayRun
        assert len(session.exec(select(PayRun)).all()) == 2


def test_payrun_for_one_pa_and_the_readable_table(employer_path, capsys):
    assert main(["payrun", str(employer_path), "--period-end", PERIOD_END, "--pa", "Ann Lee"]) == 0
    out = capsys.readouterr().out
    assert "Ann Lee: Weekly, 9 November 2026 to 15 November 2026, paid 20 November 2026 (draft)" in out
    assert "Hours at the standard rate" in out and "22.5 h × £13.00" in out and "£292.50" in out
    assert "Bo Ray" not in out


def test_finalise_refuses_a_shortfall_naming_the_pa_and_exits_1(tmp_path, capsys):
    path = tmp_path / "low.paemployer"
    ef = open_employer_file(path, create=True)
    _pa(ef, "Ann", "Lee", "13.00")
    _pa(ef, "Cai", "Low", "11.00")
    ef.close()
    assert main(["payrun", str(path), "--period-end", PERIOD_END, "--finalise", "--json"]) == 1
    captured = capsys.readouterr()
    statuses = {pa["pa"]: pa["status"] for pa in json.loads(captured.out)["pas"]}
    assert statuses == {"Ann Lee": "finalised", "Cai Low": "draft"}
    assert "Cai Low's pay was not finalised" in captured.err and "£38.48 below the minimum wage" in captured.err
    assert "Ann Lee" not in captured.err


def test_finalise_with_nothing_refused_exits_0(employer_path, capsys):
    assert main(["payrun", str(employer_path), "--period-end", PERIOD_END, "--finalise"]) == 0
    assert "2 pay runs finalised." in capsys.readouterr().out


@pytest.mark.parametrize("args, words", [
    (["--period-end", "2026-11-14"], "not the last day of a pay period"),
    (["--period-end", "14/11/2026"], "is not a date"),
    (["--period-end", PERIOD_END, "--pa", "Nobody Here"], "No PA called 'Nobody Here'"),
])
def test_bad_input_exits_2_and_changes_nothing(employer_path, capsys, args, words):
    before = employer_path.read_bytes()
    assert main(["payrun", str(employer_path), *args]) == 2
    assert words in capsys.readouterr().err
    with open_employer_file(employer_path) as ef, ef.session() as session:
        from sqlmodel import select

        from paemployer.store.models import PayRun
        assert session.exec(select(PayRun)).all() == []
    assert before  # the file is still there


def test_payslips_writes_one_pdf_per_pa_and_never_overwrites_without_force(employer_path, tmp_path, capsys):
    out = tmp_path / "slips"
    assert main(["payslips", str(employer_path), "--period-end", PERIOD_END, "--out", str(out)]) == 0
    written = sorted(path.name for path in out.iterdir())
    assert written == ["payslip-2026-11-15-Ann-Lee.pdf", "payslip-2026-11-15-Bo-Ray.pdf"]
    assert "Wrote 2 payslips" in capsys.readouterr().out
    text = "".join(page.extract_text() for page in PdfReader(out / written[0]).pages)
    assert "Ann Lee" in text and "292.50" in text
    assert main(["payslips", str(employer_path), "--period-end", PERIOD_END, "--out", str(out)]) == 2
    assert main(["payslips", str(employer_path), "--period-end", PERIOD_END, "--out", str(out), "--force",
                 "--pa", "Bo Ray"]) == 0


def test_payslips_with_a_summary_write_the_employers_pay_summary_too(employer_path, tmp_path, capsys):
    out, summary = tmp_path / "slips", tmp_path / "summary.pdf"
    assert main(["payslips", str(employer_path), "--period-end", PERIOD_END, "--out", str(out),
                 "--summary", str(summary)]) == 0
    assert f"Wrote the pay summary to {summary}." in capsys.readouterr().out
    text = "".join(page.extract_text() for page in PdfReader(summary).pages)
    assert "Pay summary" in text and "Ann Lee" in text and "Bo Ray" in text


def test_a_summary_over_the_employer_file_is_refused_before_any_payslip_is_written(employer_path, tmp_path, capsys):
    before = employer_path.read_bytes()
    out = tmp_path / "slips"
    assert main(["payslips", str(employer_path), "--period-end", PERIOD_END, "--out", str(out),
                 "--summary", str(employer_path), "--force"]) == 2
    assert employer_path.read_bytes() == before
    assert not out.exists()


def test_payslips_never_write_over_the_employer_file(employer_path, capsys):
    before = employer_path.read_bytes()
    assert main(["payslips", str(employer_path), "--period-end", PERIOD_END, "--out", str(employer_path)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert employer_path.read_bytes() == before
