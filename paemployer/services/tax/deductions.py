"""A computed draft's deductions: pension, PAYE income tax, National Insurance and student loans, worked out by the
rules from the PA's tax details, the employer's choices and the tax year so far.

Not worked out when the employer's payroll service does the tax (their payslips are taken in) or when the employer
typed the figures on the draft (kept as typed, until they ask for the worked-out figures again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from paemployer.errors import ValidationError
from paemployer.i18n import _, format_money
from paemployer.rules import pensions
from paemployer.rules.minimum_wage import age_on
from paemployer.rules.money import ZERO
from paemployer.rules.national_insurance import class1_ni, suggested_category
from paemployer.rules.pay import Deductions, PayRun, TaxWorking
from paemployer.rules.paye import paye_tax
from paemployer.rules.student_loans import POSTGRADUATE, student_loan_deduction
from paemployer.rules.tax_year import tax_period, tax_year_code
from paemployer.services.tax import details as tax_details_module
from paemployer.services.tax import year as tax_year_module
from paemployer.store import queries

PAYROLL_SERVICE = "payroll_service"
COMPUTED, TYPED = "computed", "typed"
IN_SCHEME = ("enrolled", "opted_in")
# Letters that go by the PA's age (under 21, apprentice under 25, State Pension age, deferred under 21).
AGE_LETTERS = ("A", "M", "H", "C", "X", "J", "Z")
# An age assumed when the date of birth is not recorded: old enough to be enrolled, not of State Pension age.
ASSUMED_AGE = 30


@dataclass(frozen=True)
class ComputedDeductions:
    """A run's deductions as worked out here, with the working kept with the run and notes for the employer."""

    deductions: Deductions
    working: TaxWorking
    notes: tuple[str, ...] = ()


def typed_by_employer(deductions: Deductions) -> bool:
    """Whether the employer typed tax, NI, pension or loan figures on the draft (kept over rebuilds). An "other"
    deduction alone (a loan repayment agreed in writing) is kept alongside worked-out figures."""
    if deductions.source == COMPUTED:
        return False
    return any((deductions.tax, deductions.employee_ni, deductions.employee_pension, deductions.employer_ni,
                deductions.employer_pension, deductions.student_loan, deductions.postgraduate_loan))


def computes_for(employer: Any) -> bool:
    """Whether the app works out this employer's deductions: not when a payroll service does."""
    return employer.hmrc_route != PAYROLL_SERVICE


def pay_for_tax_and_ni(run: PayRun) -> Decimal:
    """The run's gross less lines that are not pay (expenses paid back): the pay tax and NI are worked out on."""
    return sum((line.amount for line in run.lines if line.kind.value not in tax_year_module.NOT_PAY_KINDS), ZERO)


def _in_scheme(pa: Any, period_end: date) -> bool:
    status = getattr(pa.pension_status, "value", pa.pension_status)
    enrolled = pa.pension_enrolled_on
    opted_out = pa.pension_opted_out_on
    # Recorded as enrolled with no date (files from before the date was asked for): in the scheme already.
    return (status in IN_SCHEME and (enrolled is None or enrolled <= period_end)
            and (opted_out is None or opted_out > period_end))


def _pension(pa: Any, employer: Any, run: PayRun, tax_year: str, pay: Decimal,
             notes: list[str]) -> tuple[pensions.PensionAssessment, Decimal, Decimal, bool]:
    """(assessment, employer's contribution, employee's deduction, in the scheme) for the pay reference period."""
    period_end = run.period.end
    if pa.date_of_birth is not None:
        age = age_on(pa.date_of_birth, period_end)
        state_pension_age = pensions.has_reached_state_pension_age(pa.date_of_birth, period_end)
    else:
        age, state_pension_age = ASSUMED_AGE, False
    assessment = pensions.assess_for_pension(tax_year=tax_year, frequency=run.period.frequency, gross=pay, age=age,
                                             reached_state_pension_age=state_pension_age)
    if pa.date_of_birth is None and assessment.status != pensions.ENTITLED_WORKER:
        notes.append(_("{name}'s date of birth is not recorded, so for the workplace pension they are taken to be "
                       "old enough to be enrolled (22 to State Pension age). Record it in their details.").format(
            name=pa.full_name))
    if not _in_scheme(pa, period_end):
        postponed = pa.pension_postponed_until is not None and pa.pension_postponed_until >= period_end
        if assessment.status == pensions.ELIGIBLE_JOBHOLDER and not postponed:
            notes.append(_("{name} earns more than {trigger} in this pay period and is an eligible jobholder: the law "
                           "says to enrol them in a workplace pension (Pensions Act 2008, section 3) unless "
                           "enrolment is postponed. No contribution is taken until they are enrolled.").format(
                name=pa.full_name, trigger=format_money(assessment.earnings_trigger)))
        return assessment, ZERO, ZERO, False
    employer_part, employee_part = pensions.pension_contributions(
        qualifying_earnings=assessment.qualifying_earnings, employer_rate=employer.pension_employer_rate,
        employee_rate=employer.pension_employee_rate, relief=employer.pension_relief, on=run.period.pay_date)
    return assessment, employer_part, employee_part, True


def _ni_letter(pa: Any, pay_date: date, notes: list[str]) -> str:
    """The NI letter for this payment: the recorded one, moved with the PA's age on the pay date where the letter
    goes by age (M under 21, C from State Pension age; HMRC changes it from the first payday after)."""
    recorded = (pa.ni_category or "A").upper()
    if pa.date_of_birth is None or recorded not in AGE_LETTERS:
        return recorded
    age = age_on(pa.date_of_birth, pay_date)
    letter = suggested_category(
        age=age, over_state_pension_age=pensions.has_reached_state_pension_age(pa.date_of_birth, pay_date),
        apprentice_under_25=recorded == "H" or bool(getattr(pa, "apprentice", False)),
        deferred=recorded in ("J", "Z"))
    if letter != recorded:
        notes.append(_("National Insurance letter {letter} is used, not {recorded} as recorded: on the pay day "
                       "{name} is {age}, and the letter goes by age (HMRC: "
                       "gov.uk/national-insurance-rates-letters/category-letters). Change it in their tax "
                       "details.").format(letter=letter, recorded=recorded, name=pa.full_name, age=age))
    return letter


def _loans(pa: Any, tax_year: str, frequency: str, earnings: Decimal, notes: list[str]) -> tuple[Decimal, Decimal]:
    """(student loan, postgraduate loan) deductions, in whole pounds, on the NI-able earnings."""
    amounts = []
    for plan in (pa.student_loan_plan, POSTGRADUATE if pa.postgraduate_loan else ""):
        if not plan:
            amounts.append(ZERO)
            continue
        try:
            amounts.append(student_loan_deduction(tax_year=tax_year, frequency=frequency, plan=plan,
                                                  earnings=earnings))
        except ValidationError as refused:  # a plan with no deductions in this tax year (plan 5 before 2026-27)
            notes.append(refused.message)
            amounts.append(ZERO)
    return amounts[0], amounts[1]


def compute_deductions(session: Session, run: PayRun, *, exclude_run_id: int | None = None,
                       other: Decimal = ZERO, other_description: str = "") -> ComputedDeductions | None:
    """The deductions of a computed run (its lines as built), worked out in the caller's transaction; None when
    the employer's payroll service works them out. `exclude_run_id`: the run's own stored row (not counted in the
    year so far); `other`: an agreed other deduction, kept as it is."""
    employer = queries.get_employer(session=session)
    if not computes_for(employer):
        return None
    pa = queries.get_pa(session=session, pa_id=run.pa_id)
    period = run.period
    tax_year = tax_year_code(period.pay_date)
    notes: list[str] = []
    pay = pay_for_tax_and_ni(run)

    assessment, employer_pension, employee_pension, in_scheme = _pension(pa, employer, run, tax_year, pay, notes)
    net_pay_arrangement = in_scheme and employer.pension_relief == pensions.NET_PAY
    taxable = pay - employee_pension if net_pay_arrangement else pay

    code = tax_details_module.effective_tax_code(pa, employer, tax_year)
    if code.details_missing:
        notes.append(code.explanation)
    so_far = tax_year_module.pay_and_tax_to_date(session, pa.id, period.pay_date, exclude_run_id=exclude_run_id,
                                                 period_end=period.end)
    if so_far.unfinalised_earlier:
        notes.append(_("Pay made earlier in this tax year is not finalised yet, so the tax here counts only the "
                       "finalised pay; it is worked out again when this pay is finalised."))
    pay_before = so_far.taxable_pay + code.previous_pay
    tax_before = so_far.tax + code.previous_tax
    number = tax_period(period.pay_date, period.frequency)
    paye = paye_tax(tax_year=tax_year, frequency=period.frequency, period=number, tax_code=code.code,
                    week1_month1=code.week1_month1, gross=taxable, pay_to_date_before=pay_before,
                    tax_to_date_before=tax_before)
    if paye.regulatory_limit_applied:
        notes.append(_("The tax is limited to half of this pay, as the law says (the overriding limit); the rest is "
                       "collected later."))

    letter = _ni_letter(pa, period.pay_date, notes)
    ni = class1_ni(tax_year=tax_year, frequency=period.frequency, category=letter, gross=pay)
    student_loan, postgraduate_loan = _loans(pa, tax_year, period.frequency, pay, notes)

    deductions = Deductions(tax=paye.tax_due_in_period, employee_ni=ni.employee_ni,
                            employee_pension=employee_pension, other=other, other_description=other_description,
                            employer_ni=ni.employer_ni, employer_pension=employer_pension, source=COMPUTED,
                            student_loan=student_loan, postgraduate_loan=postgraduate_loan)
    working = TaxWorking(
        tax_code=code.code, week1_month1=code.week1_month1, ni_category=ni.category, tax_period=number,
        taxable_pay=taxable, taxable_pay_to_date=pay_before + taxable, tax_to_date=tax_before + paye.tax_due_in_period,
        ni_earnings_at_lel=ni.earnings_at_lel, ni_earnings_lel_to_pt=ni.earnings_lel_to_pt,
        ni_earnings_pt_to_uel=ni.earnings_pt_to_uel, ni_earnings_above_uel=ni.earnings_above_uel,
        pension_status=assessment.status, pension_qualifying_earnings=assessment.qualifying_earnings)
    if deductions.total > run.gross:
        notes.append(_("The deductions worked out come to {total}, more than the pay of {gross}: check the tax code "
                       "and the lines on this pay.").format(total=format_money(deductions.total),
                                                           gross=format_money(run.gross)))
    return ComputedDeductions(deductions=deductions, working=working, notes=tuple(notes))

