"""The tax code a PA's pay is worked out on, from what is recorded (HMRC: gov.uk/new-employee/tax-code), and the
tax details read and changed through the tax service with the audit trail."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import tax_runs
from sqlmodel import select
from tax_runs import add_pa

from paemployer.errors import ValidationError
from paemployer.services import records, tax
from paemployer.store.models import PA, Employer

pay_file = tax_runs.pay_file  # the fixture


def _effective(pay_file, pa_id, tax_year="2026-27"):
    with pay_file.session() as session:
        return tax.effective_tax_code(session.get(PA, pa_id), session.exec(select(Employer)).one(), tax_year)


def test_a_recorded_code_comes_first(pay_file):
    pa = add_pa(pay_file, tax_code="K475", starter_statement="A", p45_leaving_date=date(2026, 5, 1),
                p45_tax_code="1100L")
    code = _effective(pay_file, pa.id)
    assert (code.code, code.week1_month1, code.basis, code.details_missing) == ("K475", False, "recorded", False)
    assert "K475" in code.explanation


def test_a_p45_of_this_tax_year_comes_before_the_starter_statement_and_counts_its_figures(pay_file):
    pa = add_pa(pay_file, starter_statement="A", p45_leaving_date=date(2026, 5, 1), p45_tax_code="1100L",
                p45_pay_to_date="2500.00", p45_tax_to_date="210.00")
    code = _effective(pay_file, pa.id)
    assert (code.code, code.basis, code.cumulative) == ("1100L", "p45", True)
    assert (code.previous_pay, code.previous_tax) == (Decimal("2500.00"), Decimal("210.00"))
    # A P45 of a job left in an earlier tax year does not count: the starter statement decides, nothing is counted.
    records.update_pa(pay_file, pa.id, p45_leaving_date=date(2026, 3, 31))
    earlier = _effective(pay_file, pa.id)
    assert (earlier.code, earlier.basis, earlier.previous_pay, earlier.previous_tax) == ("1257L", "starter_a", 0, 0)


def test_a_recorded_cumulative_code_still_counts_a_p45_of_the_year(pay_file):
    pa = add_pa(pay_file, tax_code="1257L", p45_leaving_date=date(2026, 5, 1), p45_tax_code="1100L",
                p45_pay_to_date="2500.00", p45_tax_to_date="210.00")
    code = _effective(pay_file, pa.id)
    assert (code.code, code.previous_pay) == ("1257L", Decimal("2500.00"))
    records.update_pa(pay_file, pa.id, tax_week1_month1=True)
    assert _effective(pay_file, pa.id).previous_pay == 0


@pytest.mark.parametrize(("nation", "statement", "code", "week1"), [
    ("england", "A", "1257L", False), ("scotland", "A", "S1257L", False), ("wales", "B", "C1257L", True),
    ("england", "C", "BR", False), ("scotland", "", "S0T", True), ("northern-ireland", "", "0T", True)])
def test_the_starter_statement_and_the_employers_nation_give_the_code(pay_file, nation, statement, code, week1):
    records.update_employer(pay_file, nation=nation)
    pa = add_pa(pay_file, starter_statement=statement)
    effective = _effective(pay_file, pa.id)
    assert (effective.code, effective.week1_month1, effective.details_missing) == (code, week1, statement == "")
    assert "gov.uk/new-employee/tax-code" in effective.explanation


def test_tax_details_are_read_and_changed_with_an_audit_entry(pay_file):
    pa = add_pa(pay_file)
    details = tax.tax_details(pay_file, pa.id)
    assert (details.tax_code, details.ni_category, details.missing) == ("", "A", True)
    changed = tax.update_tax_details(pay_file, pa.id, tax_code="s1257l m1", ni_category="m", student_loan_plan="4")
    assert (changed.tax_code, changed.tax_week1_month1, changed.ni_category, changed.student_loan_plan) == (
        "S1257L", True, "M", "4")
    assert not changed.missing and changed.effective.code == "S1257L"
    assert any("Ceri Jones" in entry.summary and "tax code" in entry.summary for entry in records.list_audit(pay_file))


def test_a_bad_tax_detail_changes_nothing(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    with pytest.raises(ValidationError):
        tax.update_tax_details(pay_file, pa.id, tax_code="1257Q", ni_category="B")
    assert tax.tax_details(pay_file, pa.id).ni_category == "A"
    with pytest.raises(TypeError):
        tax.update_tax_details(pay_file, pa.id, first_name="Bob")


def test_a_p45_code_in_use_last_year_carries_on_cumulatively_and_week1_ends_on_6_april(pay_file):
    """HMRC P9X: the code in use goes on into the new tax year until HMRC sends another, and week 1 / month 1
    markers end on 6 April (a P45 on M1 last year is cumulative this year; so is a statement B starter's code)."""
    pa = add_pa(pay_file, start=date(2025, 10, 6), p45_leaving_date=date(2025, 9, 30), p45_tax_code="1100L",
                p45_week1_month1=True, p45_pay_to_date="6000.00", p45_tax_to_date="600.00")
    last_year = _effective(pay_file, pa.id, "2025-26")
    assert (last_year.code, last_year.week1_month1, last_year.basis) == ("1100L", True, "p45")
    this_year = _effective(pay_file, pa.id)
    assert (this_year.code, this_year.week1_month1, this_year.basis) == ("1100L", False, "p45")
    assert (this_year.previous_pay, this_year.previous_tax) == (0, 0)  # last year's P45 pay is not this year's
    records.update_pa(pay_file, pa.id, p45_leaving_date=None, p45_tax_code="", p45_week1_month1=False,
                      p45_pay_to_date=None, p45_tax_to_date=None, starter_statement="B")
    assert (_effective(pay_file, pa.id).week1_month1, _effective(pay_file, pa.id).basis) == (False, "starter_b")
    assert _effective(pay_file, pa.id, "2025-26").week1_month1 is True
