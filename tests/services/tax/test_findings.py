"""Each tax and HMRC warning raised from recorded data, and silent when all is well; through the warnings centre."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hmrc_records import NOW, add_pa, paid, set_employer, set_pa

from paemployer.rules.warnings import Severity
from paemployer.services.compliance import gather_warnings
from paemployer.services.tax.findings import tax_findings
from paemployer.services.tax.hmrc import mark_fps_sent, record_hmrc_payment

ON = date(2026, 11, 24)


def codes(ef, on=ON) -> list[str]:
    return sorted(finding.code for finding in tax_findings(ef, on=on))


def sound_pa(ef, **fields):
    """A PA whose tax details are recorded and whose pay is reported."""
    pa = add_pa(ef, **fields)
    set_pa(ef, pa.id, tax_code="1257L")
    return pa


def test_an_empty_file_and_a_file_with_no_pay_are_silent(ef):
    assert codes(ef) == []
    add_pa(ef)
    assert codes(ef) == []


def test_pay_in_order_is_silent(ef):
    pa = sound_pa(ef)
    paid(ef, pa, date(2026, 10, 23), tax="100.00", fps_sent_on=date(2026, 10, 22))
    record_hmrc_payment(ef, "2026-27", 7, paid_on=date(2026, 11, 18), amount=Decimal("100.00"), now=NOW)
    assert codes(ef) == []


def test_hmrc_payment_due_within_a_fortnight(ef):
    pa = sound_pa(ef)
    paid(ef, pa, date(2026, 11, 6), tax="90.00", employee_ni="30.00", fps_sent_on=date(2026, 11, 5))
    assert codes(ef) == []  # due 22 December: not yet within 14 days
    [finding] = tax_findings(ef, on=date(2026, 12, 10))
    assert finding.code == "HMRC_PAYMENT_DUE" and finding.due == date(2026, 12, 22)
    assert finding.params["amount"] == Decimal("120.00") and "tax month 8" in finding.params["period"]
    record_hmrc_payment(ef, "2026-27", 8, paid_on=date(2026, 12, 9), amount=Decimal("120.00"), now=NOW)
    assert codes(ef, on=date(2026, 12, 10)) == []


def test_hmrc_payment_overdue_says_how_much_for_how_many_periods(ef):
    pa = sound_pa(ef)
    paid(ef, pa, date(2026, 8, 25), tax="50.00", fps_sent_on=date(2026, 8, 25))
    paid(ef, pa, date(2026, 9, 25), tax="60.00", fps_sent_on=date(2026, 9, 25))
    [finding] = tax_findings(ef, on=ON)
    assert finding.code == "HMRC_PAYMENT_OVERDUE" and finding.overdue and finding.params["count"] == 2
    assert finding.params["amount"] == Decimal("110.00") and finding.due == date(2026, 9, 22)
    record_hmrc_payment(ef, "2026-27", 5, paid_on=date(2026, 9, 20), amount=Decimal("50.00"), now=NOW)
    [finding] = tax_findings(ef, on=ON)
    assert finding.params["count"] == 1 and finding.params["amount"] == Decimal("60.00")
    record_hmrc_payment(ef, "2026-27", 6, paid_on=date(2026, 10, 20), amount=Decimal("60.00"), now=NOW)
    assert codes(ef) == []


def test_fps_not_sent_from_pay_day_for_basic_paye_tools_only(ef):
    pa = sound_pa(ef)
    run_id = paid(ef, pa, date(2026, 11, 24), fps_sent_on=None)
    paid(ef, pa, date(2026, 11, 27), fps_sent_on=None)  # pay day not come
    assert codes(ef, on=date(2026, 11, 23)) == []
    [finding] = tax_findings(ef, on=ON)
    assert finding.code == "FPS_NOT_SENT" and finding.due == ON and finding.record_id == run_id
    set_employer(ef, hmrc_route="payroll_service")
    assert codes(ef) == []
    set_employer(ef, hmrc_route="basic_paye_tools")
    mark_fps_sent(ef, run_id, ON, now=NOW)
    assert codes(ef) == []


def test_p60_due_from_6_april_to_31_may_until_recorded_as_given(ef):
    pa = sound_pa(ef)
    left = sound_pa(ef, first_name="Dai", last_name="Left")
    set_pa(ef, left.id, end_date=date(2027, 2, 1))
    paid(ef, pa, date(2027, 1, 25), fps_sent_on=date(2027, 1, 25))
    paid(ef, left, date(2027, 1, 25), fps_sent_on=date(2027, 1, 25))
    record_hmrc_payment(ef, "2026-27", 10, paid_on=date(2027, 2, 1), amount=Decimal("1.00"), now=NOW)
    assert "P60_DUE" not in codes(ef, on=date(2027, 4, 5))
    [finding] = [f for f in tax_findings(ef, on=date(2027, 4, 6)) if f.code == "P60_DUE"]
    assert finding.due == date(2027, 5, 31) and finding.params["count"] == 1  # only the PA employed on 5 April
    # Rendered in the warnings centre as the user sees it (its words name the form through a parameter).
    [shown] = [w for w in gather_warnings(ef, on=date(2027, 4, 20)) if w.code == "P60_DUE"]
    assert "P60" in shown.title and "2026" in shown.title
    assert "P60_DUE" not in codes(ef, on=date(2027, 6, 1))
    set_employer(ef, p60s_given_for="2026-27")
    assert "P60_DUE" not in codes(ef, on=date(2027, 4, 6))


def test_tax_details_missing_for_a_pa_paid_with_no_code_statement_or_p45(ef):
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 12, 18), status="draft", tax_code="0T")
    [finding] = tax_findings(ef, on=ON)
    assert finding.code == "TAX_DETAILS_MISSING" and finding.record_id == pa.id
    set_pa(ef, pa.id, starter_statement="A")
    assert codes(ef) == []
    set_pa(ef, pa.id, starter_statement="", p45_leaving_date=date(2026, 3, 31), p45_tax_code="1257L")
    assert codes(ef) == []


def test_tax_details_are_not_asked_for_a_payroll_services_pay(ef):
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 10, 23), source="imported", fps_sent_on=date(2026, 10, 23))
    record_hmrc_payment(ef, "2026-27", 7, paid_on=date(2026, 11, 18), amount=Decimal("1.00"), now=NOW)
    assert codes(ef) == []


def test_pension_enrolment_due_from_the_first_day_of_the_period(ef):
    """Enrolled from the period's first day (20 October); the joining window gives six weeks to do it (1 December:
    reg 6 of the Automatic Enrolment Regulations 2010), so it is overdue only after that."""
    pa = sound_pa(ef)
    paid(ef, pa, date(2026, 11, 20), status="draft", pension_status="eligible_jobholder", days=30)
    [finding] = tax_findings(ef, on=ON)
    assert finding.code == "PENSION_ENROLMENT_DUE" and finding.due == date(2026, 12, 1)
    assert finding.overdue == (ON > date(2026, 12, 1))
    [early] = tax_findings(ef, on=date(2026, 11, 25))
    assert early.due == date(2026, 12, 1) and not early.overdue
    assert finding.params["age"] == 36
    set_pa(ef, pa.id, pension_postponed_until=date(2027, 1, 20))
    assert codes(ef) == []
    set_pa(ef, pa.id, pension_postponed_until=None, pension_enrolled_on=date(2026, 10, 20))
    assert codes(ef) == []
    set_pa(ef, pa.id, pension_enrolled_on=None, pension_opted_out_on=date(2026, 11, 1))
    assert codes(ef) == []


def test_a_non_eligible_jobholder_needs_no_enrolment(ef):
    pa = sound_pa(ef)
    paid(ef, pa, date(2026, 11, 27), status="draft", pension_status="non_eligible_jobholder")
    assert codes(ef) == []


def test_employment_allowance_check(ef):
    pa = sound_pa(ef)
    paid(ef, pa, date(2026, 11, 25), employer_ni="120.00", fps_sent_on=date(2026, 11, 25))
    assert codes(ef) == []  # not recorded whether every duty is care and support: nothing to say
    set_employer(ef, care_and_support_only=True)
    [finding] = tax_findings(ef, on=ON)
    assert (finding.code, finding.params["reason"]) == ("EMPLOYMENT_ALLOWANCE_CHECK", "not_claimed")
    assert finding.params["employer_ni"] == Decimal("120.00") and finding.params["allowance"] == Decimal(10500)
    set_employer(ef, employment_allowance=True)
    assert codes(ef) == []
    set_employer(ef, care_and_support_only=False)
    assert [f.params["reason"] for f in tax_findings(ef, on=ON)] == ["not_eligible"]
    set_employer(ef, care_and_support_only=None)
    assert [f.params["reason"] for f in tax_findings(ef, on=ON)] == ["unknown"]


def test_the_warnings_centre_words_them_and_points_at_the_right_page(ef):
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 8, 25), tax="50.00")
    paid(ef, pa, date(2026, 11, 24), pension_status="eligible_jobholder", employer_ni="10.00")
    set_employer(ef, employment_allowance=True, care_and_support_only=False)
    warnings = {warning.code: warning for warning in gather_warnings(ef, on=ON)}
    assert {"HMRC_PAYMENT_OVERDUE", "FPS_NOT_SENT", "TAX_DETAILS_MISSING", "PENSION_ENROLMENT_DUE",
            "EMPLOYMENT_ALLOWANCE_CHECK"} <= set(warnings)
    overdue = warnings["HMRC_PAYMENT_OVERDUE"]
    assert overdue.severity == Severity.ACT_NOW and overdue.action_target.page == "tax"
    assert "£50.00" in overdue.title and overdue.basis_url.startswith("https://www.gov.uk/")
    assert warnings["FPS_NOT_SENT"].subject == f"pa:{pa.id}" and warnings["FPS_NOT_SENT"].action_target.page == "tax"
    assert "Ceri Jones" in warnings["FPS_NOT_SENT"].title
    assert warnings["TAX_DETAILS_MISSING"].action_target.page == "pas"
    assert "0T" in warnings["TAX_DETAILS_MISSING"].explanation
    assert "Pensions Act 2008, section 3" in warnings["PENSION_ENROLMENT_DUE"].basis
    assert warnings["EMPLOYMENT_ALLOWANCE_CHECK"].action_target.page == "employer"
