"""A PA's tax and pension details and the employer's HMRC and pension choices are checked where they are typed:
HMRC's shapes taken as people write them, anything else refused with what to type; contribution rates below the
legal minimum are said, not refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from paemployer.errors import ValidationError
from paemployer.services import records
from paemployer.services.records.validation import (
    pension_rate_notes,
    validate_employer,
    validate_pa,
)
from paemployer.store.db import open_employer_file

NAMES = {"first_name": "Ceri", "last_name": "Jones"}


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "tax.paemployer", create=True)
    employer_file.who = "tester"
    yield employer_file
    employer_file.close()


def test_tax_details_are_taken_as_people_write_them():
    cleaned = validate_pa(NAMES | {"tax_code": " s1257l w1 ", "ni_category": "m", "starter_statement": "statement b",
                                   "student_loan_plan": "Plan 2", "p45_tax_code": "1100L",
                                   "p45_leaving_date": "30/06/2026", "p45_pay_to_date": "4,200.10",
                                   "p45_tax_to_date": "310.40"})
    assert (cleaned["tax_code"], cleaned["tax_week1_month1"]) == ("S1257L", True)
    assert (cleaned["ni_category"], cleaned["starter_statement"], cleaned["student_loan_plan"]) == ("M", "B", "2")
    assert (cleaned["p45_tax_code"], cleaned["p45_leaving_date"]) == ("1100L", date(2026, 6, 30))
    assert (cleaned["p45_pay_to_date"], cleaned["p45_tax_to_date"]) == (Decimal("4200.10"), Decimal("310.40"))
    assert validate_pa(NAMES | {"tax_code": "", "ni_category": "", "starter_statement": ""})["ni_category"] == "A"


@pytest.mark.parametrize(("typed", "field", "words"), [
    ({"tax_code": "12Q"}, "tax_code", "Tax codes look like 1257L"),
    ({"p45_tax_code": "K0", "p45_leaving_date": "2026-06-30"}, "p45_tax_code", "K0 is not a tax code"),
    ({"ni_category": "Q"}, "ni_category", "Most PAs are A"),
    ({"starter_statement": "D"}, "starter_statement", "A, B or C"),
    ({"student_loan_plan": "3"}, "student_loan_plan", "1, 2, 4 or 5"),
    ({"p45_pay_to_date": "100"}, "p45_leaving_date", "without the leaving date"),
    ({"p45_pay_to_date": "-1", "p45_leaving_date": "2026-05-01"}, "p45_pay_to_date", "less than zero"),
    ({"p45_leaving_date": "2027-05-01"}, "p45_leaving_date", "has not come yet"),
    ({"pension_enrolled_on": "2026-06-01", "pension_opted_out_on": "2026-05-01"}, "pension_opted_out_on",
     "cannot be before"),
])
def test_tax_details_that_are_not_right_are_refused_with_what_to_type(typed, field, words):
    with pytest.raises(ValidationError) as refused:
        validate_pa(NAMES | typed)
    assert refused.value.field == field and words in refused.value.message


def test_the_employers_hmrc_and_pension_choices_are_taken_as_typed():
    cleaned = validate_employer({"hmrc_route": "Payroll service", "hmrc_payment_method": "CHEQUE",
                                 "pension_relief": "net-pay", "pension_employer_rate": "3.5%",
                                 "pension_employee_rate": "0.045", "p60s_given_for": "2025-26"})
    assert (cleaned["hmrc_route"], cleaned["hmrc_payment_method"], cleaned["pension_relief"]) == (
        "payroll_service", "cheque", "net_pay")
    assert (cleaned["pension_employer_rate"], cleaned["pension_employee_rate"]) == (Decimal("0.035"),
                                                                                   Decimal("0.045"))


@pytest.mark.parametrize(("typed", "field"), [
    ({"pension_employer_rate": "150%"}, "pension_employer_rate"),
    ({"pension_employee_rate": "-0.01"}, "pension_employee_rate"),
    ({"pension_employee_rate": "1.5"}, "pension_employee_rate"),
    ({"hmrc_route": "email"}, "hmrc_route"),
    ({"hmrc_payment_method": "cash"}, "hmrc_payment_method"),
    ({"pension_relief": "salary sacrifice"}, "pension_relief"),
    ({"p60s_given_for": "2025-27"}, "p60s_given_for"),
])
def test_the_employers_choices_that_are_not_right_are_refused(typed, field):
    with pytest.raises(ValidationError) as refused:
        validate_employer(typed)
    assert refused.value.field == field


def test_rates_below_the_legal_minimum_are_said_and_not_refused(ef):
    employer = records.update_employer(ef, pension_employer_rate="2%", pension_employee_rate="5%")
    assert employer.pension_employer_rate == Decimal("0.02")
    notes = pension_rate_notes(employer.pension_employer_rate, employer.pension_employee_rate, on=date(2026, 11, 1))
    assert len(notes) == 2
    assert "2% is less than the 3%" in notes[0] and "7%, less than the 8%" in notes[1]
    assert pension_rate_notes(Decimal("0.03"), Decimal("0.05"), on=date(2026, 11, 1)) == []
    assert len(pension_rate_notes(Decimal("0.04"), Decimal("0.03"), on=date(2026, 11, 1))) == 1


def test_a_code_typed_with_w1_sets_its_basis_on_the_record(ef):
    pa = records.add_pa(ef, **NAMES)
    changed = records.update_pa(ef, pa.id, tax_code="c1257l m1", p45_tax_code="1100L X",
                                p45_leaving_date=date(2026, 6, 30))
    assert (changed.tax_code, changed.tax_week1_month1) == ("C1257L", True)
    assert (changed.p45_tax_code, changed.p45_week1_month1) == ("1100L", True)
    again = records.update_pa(ef, pa.id, tax_code="C1257L", tax_week1_month1=False)
    assert (again.tax_code, again.tax_week1_month1) == ("C1257L", False)


def test_care_and_support_only_not_answered_stays_unanswered(ef):
    """'Not answered yet' is not 'no': the Employment Allowance check tells the two apart."""
    for given, stored in ((True, True), (None, None), ("", None), (False, False), ("no", False)):
        records.update_employer(ef, care_and_support_only=given)
        assert records.get_employer(ef).care_and_support_only is stored
