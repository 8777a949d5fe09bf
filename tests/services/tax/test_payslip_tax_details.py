"""The payslip's tax block is filled from the run's stored working and the finalised runs before it: the code,
letter and tax week used, and the tax year so far after this payment; none for typed figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import tax_runs
from tax_runs import LATE, add_pa, pay_week

from paemployer.services import pay, records, tax
from paemployer.services.pay import documents

pay_file = tax_runs.pay_file  # the fixture


def test_the_tax_block_has_the_working_and_the_year_so_far(pay_file):
    records.update_employer(pay_file, pension_relief="relief_at_source")
    pa = add_pa(pay_file, tax_code="1257L", ni_category="A")
    tax.update_tax_details(pay_file, pa.id, pension_status="enrolled", pension_enrolled_on=date(2026, 4, 6))
    first = pay_week(pay_file, pa.id, 30, 5)
    second = pay_week(pay_file, pa.id, 31, 3)
    [_first_data, data] = documents.payslip_data(pay_file, [first, second])
    block = data.tax_details
    assert (block.tax_code, block.week1_month1, block.ni_category, block.tax_period, block.period_kind) == (
        "1257L", False, "A", 32, "week")  # paid Friday 13 November 2026: tax week 32
    assert block.taxable_pay == Decimal("292.50")
    assert block.taxable_pay_to_date == Decimal("780.00") == second.tax.taxable_pay_to_date
    assert block.tax_to_date == first.deductions.tax + second.deductions.tax
    assert block.employee_ni_to_date == first.deductions.employee_ni + second.deductions.employee_ni
    assert block.employee_pension_to_date == first.deductions.employee_pension + second.deductions.employee_pension
    assert block.employee_pension_to_date > 0 and block.pension_relief == "relief_at_source"


def test_not_in_a_scheme_says_no_relief_and_typed_figures_have_no_block(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    run = pay_week(pay_file, pa.id, 30, 5)
    assert documents.payslip_data(pay_file, [run])[0].tax_details.pension_relief == ""
    draft = pay_week(pay_file, pa.id, 31, 5, finalise=False)
    typed = pay.set_deductions(pay_file, draft.run_id, pay.Deductions(tax=Decimal("10.00")), now=LATE)
    assert documents.payslip_data(pay_file, [typed])[0].tax_details is None
