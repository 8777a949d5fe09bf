"""Tax, National Insurance, pension and loans worked out on pay runs built through the pay service: every figure is
compared with the rules called directly (rules/paye, national_insurance, pensions, student_loans: each tested
against HMRC's own cases) on the pay and tax to date the test itself adds up from the payslips."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import tax_runs
from tax_runs import DAY_PAY, LATE, add_pa, pay_week, week, work_days

from paemployer.errors import ValidationError
from paemployer.rules.national_insurance import class1_ni
from paemployer.rules.paye import paye_tax
from paemployer.rules.pensions import (
    ELIGIBLE_JOBHOLDER,
    assess_for_pension,
    pension_contributions,
)
from paemployer.rules.student_loans import student_loan_deduction
from paemployer.rules.tax_year import tax_week
from paemployer.services import pay, records, tax

ZERO = Decimal(0)

pay_file = tax_runs.pay_file  # the fixture


def _paye(code, gross, *, week_number, week1=False, pay_before=ZERO, tax_before=ZERO):
    return paye_tax(tax_year="2026-27", frequency="weekly", period=week_number, tax_code=code, week1_month1=week1,
                    gross=gross, pay_to_date_before=pay_before, tax_to_date_before=tax_before).tax_due_in_period


def test_a_tax_year_of_weekly_pay_is_taxed_cumulatively_with_a_code_change_part_way(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    pay_to_date = tax_to_date = ni_to_date = ZERO
    code = "1257L"
    for number in range(1, 52):  # periods ending 12 April 2026 to 28 March 2027, paid in tax weeks 2 to 52
        if number == 26:  # HMRC sends a new code (a P6): from the next payment on, cumulative on the new code
            tax.update_tax_details(pay_file, pa.id, tax_code="1100L")
            code = "1100L"
        days = 5 if number % 3 == 0 else (2 if number % 3 == 1 else 1)  # £487.50, £195.00, £97.50: refunds too
        run = pay_week(pay_file, pa.id, number, days)
        gross = DAY_PAY * days
        assert run.status == pay.RunStatus.FINALISED and run.gross == gross
        week_number = tax_week(run.period.pay_date)
        expected = _paye(code, gross, week_number=week_number, pay_before=pay_to_date, tax_before=tax_to_date)
        assert run.deductions.tax == expected, number
        ni = class1_ni(tax_year="2026-27", frequency="weekly", category="A", gross=gross)
        assert (run.deductions.employee_ni, run.deductions.employer_ni) == (ni.employee_ni, ni.employer_ni)
        assert run.deductions.source == "computed" and run.tax.tax_code == code and not run.tax.week1_month1
        assert run.tax.tax_period == week_number
        pay_to_date += gross
        tax_to_date += expected
        ni_to_date += ni.employee_ni
        assert (run.tax.taxable_pay, run.tax.taxable_pay_to_date, run.tax.tax_to_date) == (
            gross, pay_to_date, tax_to_date)
        assert (run.tax.ni_earnings_at_lel, run.tax.ni_earnings_lel_to_pt, run.tax.ni_earnings_pt_to_uel) == (
            ni.earnings_at_lel, ni.earnings_lel_to_pt, ni.earnings_pt_to_uel)
        assert run.net == gross - expected - ni.employee_ni
    runs = [run for run in pay.runs_for_pa(pay_file, pa.id)]
    assert sum((run.deductions.tax for run in runs), ZERO) == tax_to_date
    assert any(run.deductions.tax < 0 for run in runs), "a low week after a high one is refunded on a cumulative code"
    with pay_file.session() as session:
        so_far = tax.pay_and_tax_to_date(session, pa.id, date(2027, 4, 5))
    assert (so_far.runs, so_far.taxable_pay, so_far.tax, so_far.employee_ni) == (51, pay_to_date, tax_to_date,
                                                                                 ni_to_date)


def test_finalised_runs_keep_their_working_when_the_code_changes_later(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    first = pay_week(pay_file, pa.id, 30, 5)
    tax.update_tax_details(pay_file, pa.id, tax_code="BR")
    assert pay.get_run(pay_file, first.run_id) == first
    second = pay_week(pay_file, pa.id, 31, 5)
    # BR is cumulative too: 20 % of the whole pounds of pay to date (£975) less the tax paid on 1257L (none).
    assert first.deductions.tax == ZERO
    assert second.tax.tax_code == "BR" and second.deductions.tax == Decimal("195.00")
    assert second.deductions.tax == _paye("BR", Decimal("487.50"), week_number=32, pay_before=Decimal("487.50"))


def test_a_draft_is_rebuilt_when_the_tax_details_change_and_finalised_as_they_are(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    draft = pay_week(pay_file, pa.id, 30, 5, finalise=False)
    tax.update_tax_details(pay_file, pa.id, tax_code="0T", tax_week1_month1=True)
    (rebuilt,) = pay.build_drafts(pay_file, week(30)[1], now=LATE)
    assert rebuilt.run_id == draft.run_id and rebuilt.tax.tax_code == "0T" and rebuilt.tax.week1_month1
    assert rebuilt.deductions.tax == _paye("0T", Decimal("487.50"), week_number=31, week1=True)
    assert pay.finalise(pay_file, draft.run_id, now=LATE).deductions == rebuilt.deductions


def test_a_p45_starter_has_their_previous_pay_and_tax_counted(pay_file):
    pa = add_pa(pay_file, start=date(2026, 7, 6), p45_leaving_date=date(2026, 6, 30), p45_tax_code="1257L",
                p45_pay_to_date="6000.00", p45_tax_to_date="700.00")
    details = tax.tax_details(pay_file, pa.id)
    assert (details.effective.code, details.effective.basis, details.effective.week1_month1) == ("1257L", "p45", False)
    run = pay_week(pay_file, pa.id, 14, 4)  # 6-12 July 2026, paid 17 July: tax week 15
    gross = DAY_PAY * 4
    expected = _paye("1257L", gross, week_number=15, pay_before=Decimal("6000.00"), tax_before=Decimal("700.00"))
    assert run.deductions.tax == expected
    assert run.tax.taxable_pay_to_date == Decimal("6000.00") + gross
    assert run.tax.tax_to_date == Decimal("700.00") + expected


def test_a_p45_marked_week_1_is_used_on_its_own_and_its_figures_not_counted(pay_file):
    pa = add_pa(pay_file, start=date(2026, 7, 6), p45_leaving_date=date(2026, 6, 30), p45_tax_code="1257L M1",
                p45_pay_to_date="6000.00", p45_tax_to_date="700.00")
    run = pay_week(pay_file, pa.id, 14, 4)
    assert run.tax.week1_month1 and run.deductions.tax == _paye("1257L", DAY_PAY * 4, week_number=15, week1=True)
    assert run.tax.taxable_pay_to_date == DAY_PAY * 4


@pytest.mark.parametrize(("statement", "code", "week1"), [
    ("A", "1257L", False), ("B", "1257L", True), ("C", "BR", False), ("", "0T", True)])
def test_the_starter_statement_sets_the_code(pay_file, statement, code, week1):
    pa = add_pa(pay_file, starter_statement=statement)
    run = pay_week(pay_file, pa.id, 30, 5)
    assert (run.tax.tax_code, run.tax.week1_month1) == (code, week1)
    assert run.deductions.tax == _paye(code, Decimal("487.50"), week_number=31, week1=week1)
    missing = [note for note in run.notes if "No tax code, P45 or starter checklist" in note]
    assert bool(missing) == (statement == "")


def test_a_scottish_and_a_welsh_code_in_one_file(pay_file):
    scot = add_pa(pay_file, "Iona", "Reid", tax_code="S1257L W1")
    welsh = add_pa(pay_file, "Megan", "Prys", tax_code="C1257L W1")
    for pa, code in ((scot, "S1257L"), (welsh, "C1257L")):
        run = pay_week(pay_file, pa.id, 30, 7)  # £682.50 in one week: Scotland's starter and basic bands
        assert (run.tax.tax_code, run.tax.week1_month1, run.tax.tax_period) == (code, True, 31)  # paid 6 Nov
        assert run.deductions.tax == _paye(code, Decimal("682.50"), week_number=31, week1=True)
    scottish, welsh_run = (pay.runs_for_pa(pay_file, pa.id)[0] for pa in (scot, welsh))
    assert scottish.deductions.tax != welsh_run.deductions.tax, "Scotland's bands differ from Wales's"


def test_starter_codes_take_the_employers_nation(pay_file):
    records.update_employer(pay_file, nation="scotland")
    pa = add_pa(pay_file, starter_statement="C")
    assert tax.tax_details(pay_file, pa.id).effective.code == "SBR"
    records.update_employer(pay_file, nation="wales")
    assert tax.tax_details(pay_file, pa.id).effective.code == "CBR"


def _enrolled(pay_file, pa):
    tax.update_tax_details(pay_file, pa.id, pension_status="enrolled", pension_enrolled_on=date(2026, 4, 6))


@pytest.mark.parametrize("relief", ["net_pay", "relief_at_source"])
def test_pension_by_net_pay_or_relief_at_source(pay_file, relief):
    records.update_employer(pay_file, pension_relief=relief, pension_employer_rate="3%", pension_employee_rate="5%")
    pa = add_pa(pay_file, tax_code="1257L")
    _enrolled(pay_file, pa)
    run = pay_week(pay_file, pa.id, 30, 5)
    gross = Decimal("487.50")
    assessment = assess_for_pension(tax_year="2026-27", frequency="weekly", gross=gross, age=36,
                                    reached_state_pension_age=False)
    employer, employee = pension_contributions(qualifying_earnings=assessment.qualifying_earnings,
                                               employer_rate=Decimal("0.03"), employee_rate=Decimal("0.05"),
                                               relief=relief, on=run.period.pay_date)
    assert (run.deductions.employer_pension, run.deductions.employee_pension) == (employer, employee)
    assert run.tax.pension_status == ELIGIBLE_JOBHOLDER
    assert run.tax.pension_qualifying_earnings == assessment.qualifying_earnings
    taxable = gross - employee if relief == "net_pay" else gross
    assert run.tax.taxable_pay == taxable
    assert run.deductions.tax == _paye("1257L", taxable, week_number=31)
    ni = class1_ni(tax_year="2026-27", frequency="weekly", category="A", gross=gross)  # NI on pay before pension
    assert run.deductions.employee_ni == ni.employee_ni
    if relief == "relief_at_source":
        full_share = (assessment.qualifying_earnings * Decimal("0.05")).quantize(Decimal("0.01"))
        assert employee < full_share  # the basic rate of tax on it is claimed from HMRC by the scheme


def test_an_eligible_jobholder_not_enrolled_has_no_contribution_but_the_status_is_kept(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    run = pay_week(pay_file, pa.id, 30, 5)
    assert (run.deductions.employee_pension, run.deductions.employer_pension) == (ZERO, ZERO)
    assert run.tax.pension_status == ELIGIBLE_JOBHOLDER
    assert any("eligible jobholder" in note and "Pensions Act 2008" in note for note in run.notes)


def test_a_pa_without_a_date_of_birth_is_taken_as_old_enough_and_told(pay_file):
    pa = add_pa(pay_file, tax_code="1257L", date_of_birth=None)
    run = pay_week(pay_file, pa.id, 30, 5)
    assert run.tax.pension_status == ELIGIBLE_JOBHOLDER
    assert any("date of birth is not recorded" in note for note in run.notes)


def test_a_pa_under_the_primary_threshold_pays_no_tax_and_no_ni(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    run = pay_week(pay_file, pa.id, 30, 2)  # £195.00, under the £242 primary threshold
    assert (run.deductions.tax, run.deductions.employee_ni, run.deductions.employer_ni) == (
        ZERO, ZERO, Decimal("14.85"))  # employer's NI from £96: (195 - 96) x 15 %
    assert run.net == Decimal("195.00")


def test_student_and_postgraduate_loans_are_taken_on_ni_able_pay(pay_file):
    pa = add_pa(pay_file, tax_code="1257L", student_loan_plan="2", postgraduate_loan=True)
    run = pay_week(pay_file, pa.id, 30, 7)
    gross = Decimal("682.50")
    plan2 = student_loan_deduction(tax_year="2026-27", frequency="weekly", plan="2", earnings=gross)
    postgraduate = student_loan_deduction(tax_year="2026-27", frequency="weekly", plan="postgraduate",
                                          earnings=gross)
    assert (run.deductions.student_loan, run.deductions.postgraduate_loan) == (plan2, postgraduate)
    assert plan2 > 0 and postgraduate > 0
    assert run.net == gross - run.deductions.tax - run.deductions.employee_ni - plan2 - postgraduate


def test_expenses_paid_back_are_not_taxed(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    draft = pay_week(pay_file, pa.id, 30, 5, finalise=False)
    with_bus = pay.add_line(pay_file, draft.run_id, kind="expense", description="Bus fares", amount="20.00", now=LATE)
    assert with_bus.gross == Decimal("507.50") and with_bus.tax.taxable_pay == Decimal("487.50")
    assert with_bus.deductions == draft.deductions


def test_a_payroll_service_employer_has_nothing_worked_out(pay_file):
    records.update_employer(pay_file, hmrc_route="payroll_service")
    pa = add_pa(pay_file, tax_code="1257L")
    run = pay_week(pay_file, pa.id, 30, 5)
    assert run.tax is None and run.deductions == pay.Deductions()
    assert run.net == run.gross
    with pytest.raises(pay.PayRunRefused, match="payroll service works out"):
        pay.use_computed_deductions(pay_file, pay_week(pay_file, pa.id, 31, 5, finalise=False).run_id, now=LATE)


def test_typed_deductions_are_kept_over_rebuilds_until_the_worked_out_ones_are_asked_for(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    draft = pay_week(pay_file, pa.id, 30, 5, finalise=False)
    typed = pay.Deductions(tax=Decimal("50.00"), employee_ni=Decimal("10.00"))
    pay.set_deductions(pay_file, draft.run_id, typed, now=LATE)
    work_days(pay_file, pa.id, week(30)[0] + timedelta(days=5), 1)  # Saturday worked too
    (rebuilt,) = pay.build_drafts(pay_file, week(30)[1], now=LATE)
    assert rebuilt.gross == Decimal("585.00")
    assert (rebuilt.deductions.tax, rebuilt.deductions.employee_ni, rebuilt.deductions.source) == (
        Decimal("50.00"), Decimal("10.00"), "typed")
    assert rebuilt.tax is None
    computed = pay.use_computed_deductions(pay_file, draft.run_id, now=LATE)
    assert computed.deductions.source == "computed" and computed.tax.tax_code == "1257L"
    assert computed.deductions.tax == _paye("1257L", Decimal("585.00"), week_number=31)


def test_an_other_deduction_alone_is_kept_with_the_worked_out_figures(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    draft = pay_week(pay_file, pa.id, 30, 5, finalise=False)
    loan = pay.Deductions(other=Decimal("25.00"), other_description="Loan repayment agreed 1 May")
    run = pay.set_deductions(pay_file, draft.run_id, loan, now=LATE)
    (rebuilt,) = pay.build_drafts(pay_file, week(30)[1], now=LATE)
    assert rebuilt.deductions.other == Decimal("25.00") and rebuilt.deductions.tax == draft.deductions.tax
    assert rebuilt.deductions.source == "computed" and run.deductions.source == "typed"


def test_a_correction_is_taxed_on_the_year_without_the_run_it_corrects(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    first = pay_week(pay_file, pa.id, 30, 5)
    work_days(pay_file, pa.id, week(30)[0] + timedelta(days=5), 1)
    correction = pay.correct(pay_file, first.run_id, now=LATE)
    assert correction.deductions.tax == _paye("1257L", Decimal("585.00"), week_number=31)
    final = pay.finalise(pay_file, correction.run_id, now=LATE)
    after = pay_week(pay_file, pa.id, 31, 5)
    assert after.deductions.tax == _paye("1257L", Decimal("487.50"), week_number=32, pay_before=Decimal("585.00"),
                                         tax_before=final.deductions.tax)


def test_pay_and_tax_to_date_counts_only_finalised_pay_and_says_so(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    pay_week(pay_file, pa.id, 29, 5, finalise=False)
    later = pay_week(pay_file, pa.id, 30, 5, finalise=False)
    assert any("not finalised yet" in note for note in later.notes)
    assert later.tax.taxable_pay_to_date == Decimal("487.50")


@pytest.mark.parametrize(("born", "letter"), [(date(2007, 1, 1), "M"), (date(1955, 1, 1), "C"), (date(1990, 5, 1), "A")])
def test_the_ni_letter_goes_by_age_on_the_pay_day_whatever_was_recorded(pay_file, born, letter):
    """HMRC's category letters: M under 21 (no employer's NI up to the UST), C from State Pension age (no
    employee's NI); a PA recorded as A is paid on the letter their age gives, and told."""
    pa = add_pa(pay_file, tax_code="1257L", ni_category="A", date_of_birth=born)
    run = pay_week(pay_file, pa.id, 30, 7, finalise=False)
    expected = class1_ni(tax_year="2026-27", frequency="weekly", category=letter, gross=Decimal("682.50"))
    assert run.tax.ni_category == letter
    assert (run.deductions.employee_ni, run.deductions.employer_ni) == (expected.employee_ni, expected.employer_ni)
    assert any("letter goes by age" in note for note in run.notes) == (letter != "A")


def test_typed_deductions_under_a_net_pay_arrangement_count_the_pension_off_taxable_pay(pay_file):
    """A net pay arrangement takes the PA's pension before tax: a run whose figures were typed keeps no working,
    so the year so far (and the next run's cumulative tax) takes the typed pension off its pay."""
    records.update_employer(pay_file, pension_relief="net_pay", pension_employer_rate="3%", pension_employee_rate="5%")
    pa = add_pa(pay_file, tax_code="1257L")
    _enrolled(pay_file, pa)
    draft = pay_week(pay_file, pa.id, 30, 5, finalise=False)
    typed = pay.Deductions(tax=Decimal("40.00"), employee_ni=Decimal("19.64"), employee_pension=Decimal("18.38"),
                           employer_pension=Decimal("11.03"), source="typed")
    pay.set_deductions(pay_file, draft.run_id, typed, now=LATE)
    pay.finalise(pay_file, draft.run_id, now=LATE)
    with pay_file.session() as session:
        so_far = tax.pay_and_tax_to_date(session, pa.id, week(31)[1] + timedelta(days=5))
    assert so_far.taxable_pay == Decimal("487.50") - Decimal("18.38")


@pytest.mark.parametrize("week1", [True, False])
def test_the_p60_counts_a_p45_only_when_its_figures_were_used(pay_file, week1):
    """On a week 1 / month 1 code the P45's pay and tax were not used, and the P60 leaves them out as the P45
    figures do; on a cumulative code they are the previous employment's figures."""
    pa = add_pa(pay_file, p45_leaving_date=date(2026, 4, 20), p45_tax_code="1257L", p45_week1_month1=week1,
                p45_pay_to_date="6000.00", p45_tax_to_date="900.00")
    pay_week(pay_file, pa.id, 30, 5)
    p60 = tax.p60_data(pay_file, "2026-27", pa.id)
    expected = (ZERO, ZERO) if week1 else (Decimal("6000.00"), Decimal("900.00"))
    assert (p60.pay_in_previous_employments, p60.tax_in_previous_employments) == expected


def test_a_pa_recorded_as_enrolled_without_a_date_pays_into_the_pension(pay_file):
    """Files from before the enrolment date was asked for say only 'enrolled': they are in the scheme."""
    records.update_employer(pay_file, pension_relief="relief_at_source", pension_employer_rate="3%",
                            pension_employee_rate="5%")
    pa = add_pa(pay_file, tax_code="1257L", pension_status="enrolled")
    run = pay_week(pay_file, pa.id, 30, 5, finalise=False)
    assert run.deductions.employer_pension > 0 and run.deductions.employee_pension > 0
    assert not any("enrol them" in note for note in run.notes)


def test_a_tax_refund_can_be_typed_but_not_a_negative_ni(pay_file):
    """A cumulative code can refund tax (Basic PAYE Tools shows it as a negative figure); nothing else is negative."""
    pa = add_pa(pay_file, tax_code="1257L")
    draft = pay_week(pay_file, pa.id, 30, 5, finalise=False)
    run = pay.set_deductions(pay_file, draft.run_id, pay.Deductions(tax=Decimal("-12.40"), source="typed"), now=LATE)
    assert run.deductions.tax == Decimal("-12.40") and run.net == run.gross + Decimal("12.40")
    with pytest.raises(ValidationError):
        pay.set_deductions(pay_file, draft.run_id, pay.Deductions(employee_ni=Decimal("-1.00"), source="typed"),
                           now=LATE)
