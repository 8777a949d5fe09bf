"""`paemployer import FILE payslips.csv`: the service's payslips stored, each checked, exit 1 when one underpays."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from paemployer.cli import main
from paemployer.services import pay, records, rota
from paemployer.store.db import open_employer_file

HEADER = ("pa,period_start,period_end,pay_date,gross,tax,employee_ni,employee_pension,net,employer_ni,"
          "employer_pension,hours_paid")
PERIOD_END = date(2026, 11, 22)


@pytest.fixture
def employer_path(tmp_path):
    path = tmp_path / "pay.paemployer"
    ef = open_employer_file(path, create=True)
    records.update_employer(ef, name="Eleri Davies", nation="england")
    ann = records.add_pa(ef, first_name="Ann", last_name="Lee", date_of_birth=date(1990, 1, 2),
                         start_date=date(2026, 4, 6))
    records.add_contract_terms(ef, ann.id, effective_from=date(2026, 4, 6), standard_rate="12.71",
                               hours_type="irregular", pay_frequency="weekly")
    for day in (16, 17):  # 8 hours each: 16 hours at £12.71 is £203.36
        rota.add_shift(ef, pa_id=ann.id, start=datetime(2026, 11, day, 9), end=datetime(2026, 11, day, 17),
                       status="worked")
    ef.close()
    return path


def _payslips(tmp_path, *rows, name="payslips.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _stored(employer_path):
    with open_employer_file(employer_path) as ef:
        return pay.runs_for_period(ef, PERIOD_END)


FAIR = "Ann Lee,2026-11-16,2026-11-22,2026-11-27,203.36,0.00,0.00,6.10,197.26,0.00,6.10,16"
LOW = "Ann Lee,2026-11-16,2026-11-22,2026-11-27,150.00,0.00,0.00,0.00,150.00,0.00,0.00,16"


def test_a_fair_payslip_is_imported_with_its_minimum_wage_verdict_and_exit_0(employer_path, tmp_path, capsys):
    assert main(["import", str(employer_path), str(_payslips(tmp_path, FAIR))]) == 0
    out = capsys.readouterr().out
    assert "payslips: 1 imported" in out
    assert "Ann Lee, 16 Nov 2026 to 22 Nov 2026: minimum wage met" in out
    assert "UNDERPAID" not in out
    [run] = _stored(employer_path)
    assert (run.source.value, run.status.value, str(run.net)) == ("imported", "finalised", "197.26")


def test_an_imported_payslip_that_underpays_exits_1_saying_by_how_much(employer_path, tmp_path, capsys):
    assert main(["import", str(employer_path), str(_payslips(tmp_path, LOW))]) == 1
    out = capsys.readouterr().out
    assert "UNDERPAID: £53.36 below the minimum wage" in out  # 16 h x £12.71 = £203.36, paid £150.00
    assert "Gross pay: the rota says £203.36, the payslip says £150.00 (£53.36 less)." in out
    assert "1 payslip pays less than the minimum wage." in out
    [run] = _stored(employer_path)  # stored all the same: it is what was paid, and the warnings keep showing it
    assert str(run.minimum_wage.shortfall) == "53.36"


def test_a_row_whose_net_does_not_add_up_exits_2_with_the_figures_and_stores_nothing(employer_path, tmp_path, capsys):
    bad = "Ann Lee,2026-11-16,2026-11-22,2026-11-27,203.36,10.00,0.00,0.00,200.00,0.00,0.00,16"
    assert main(["import", str(employer_path), str(_payslips(tmp_path, bad))]) == 2
    err = capsys.readouterr().err
    assert "Nothing was imported" in err and "Line 2 (net)" in err
    assert "£203.36" in err and "£193.36" in err and "£200.00" in err
    assert _stored(employer_path) == []


def test_a_period_that_is_not_the_pas_exits_2_and_stores_nothing(employer_path, tmp_path, capsys):
    monthly = "Ann Lee,2026-11-06,2026-12-05,2026-12-11,203.36,0,0,0,203.36,0,0,16"
    assert main(["import", str(employer_path), str(_payslips(tmp_path, monthly))]) == 2
    assert "Line 2 (period_end)" in capsys.readouterr().err
    assert _stored(employer_path) == []


def test_the_same_file_twice_is_already_there_and_replace_takes_new_figures(employer_path, tmp_path, capsys):
    path = _payslips(tmp_path, FAIR)
    assert main(["import", str(employer_path), str(path)]) == 0
    capsys.readouterr()
    assert main(["import", str(employer_path), str(path)]) == 0
    out = capsys.readouterr().out
    assert "payslips: 0 imported" in out and "1 already there" in out
    corrected = _payslips(tmp_path, FAIR.replace("6.10,197.26", "8.00,195.36"), name="corrected.csv")
    assert main(["import", str(employer_path), str(corrected)]) == 2
    assert "--replace" in capsys.readouterr().err
    assert main(["import", str(employer_path), str(corrected), "--replace"]) == 0
    assert "1 replaced" in capsys.readouterr().out
    [run] = _stored(employer_path)
    assert str(run.net) == "195.36"


def test_import_help_says_payslips_and_the_exit_code_for_underpay(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "payslips" in out and "Exit code 1 when an imported payslip pays less than the minimum wage" in out


def test_other_kinds_of_file_import_as_before(employer_path, tmp_path, capsys):
    support = tmp_path / "support.csv"
    support.write_text("weekday,start,end,people\nmon,09:00,12:00,1\n", encoding="utf-8")
    assert main(["import", str(employer_path), str(support)]) == 0
    assert "1 imported" in capsys.readouterr().out
