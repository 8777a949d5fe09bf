"""What to pay HMRC and when, the payments made, and the figures each reporting route needs.

The HMRC year: for each tax month (or quarter, when the employer pays quarterly) the tax, student and
postgraduate loan deductions, employee's and employer's National Insurance of the FINALISED pay runs standing for
their periods (built here or a payroll service's payslips) whose PAY DATE falls in it (PAYE follows the pay date,
not the period worked); less the Employment Allowance, set against employer's National Insurance month by month
until the year's allowance is used (only when it is claimed and every duty of every PA is care and support:
National Insurance Contributions Act 2014 s.2), and less the statutory family pay the employer takes back (92 %,
or 108.5 % with Small Employers' Relief: rules/hmrc_payments). What is left is due by the 22nd after the period
(electronic; the last working day before when the 22nd is not one) or the 19th (cheque), and what the employer
records paying (HmrcPayment) is set against it.

Reporting. Online (Basic PAYE Tools): `fps_figures` gives one payment's Full Payment Submission figures in the
order HMRC's guidance "What payroll information to report to HMRC" lists an FPS payment's fields, which is the
order Basic PAYE Tools' "Add employee payment" steps ask for them: the payment (frequency, date, tax week or
month, periods covered, normal hours band), the tax code, pay and deductions in the period and to date, then the
National Insurance figures for the letter. What was confirmed: the FPS field names and their grouping (GOV.UK
guidance; HMRC's FPS message layout: PayFreq, PmtDate, WeekNo/MonthNo, PeriodsCovered, HoursWorked, TaxCode,
TaxablePay, …, NI letter and values). What could not be confirmed from the copies of Basic PAYE Tools' guide the
project holds: each on-screen label word for word, so each name here is HMRC's field name in plain words.
Basic PAYE Tools works the tax and NI out itself from the pay typed: the figures here are the ones to type and the
ones it should show back.

On paper (care and support employers exempt from online filing: SSCR 2001 Sch 4 para 21D; NIM11565): form RT2
"Full quarterly payment summary", one per PA paid in the quarter, by 19 July, 19 October, 19 January and 19 April,
with form RT5 "Employer payment summary" to claim the Employment Allowance or recover statutory pay (or to say
nobody was paid). Confirmed: the forms' names and numbers, the RT2's sections ("Your employee's personal details",
"… starter information", "… payment details", "… pay and deductions", "… leaver information") and the RT5's
purpose (LITRG; Disability Tax Guide; HMRC DMBM519240, NIM11565). NOT confirmed: the RT2 and RT5 box (question)
numbers, which HMRC prints on the paper forms it posts and does not publish; `paper_return_figures` therefore
names each figure by its section and HMRC's wording, never by a box number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session

from paemployer import clock
from paemployer.errors import RatesError, ValidationError
from paemployer.i18n import _, format_date, format_money
from paemployer.labels import pay_frequency_label
from paemployer.rules.dates import FIRST_DAY, LAST_DAY, years_after
from paemployer.rules.hmrc_payments import (
    MONTHS_IN_QUARTER,
    HmrcPeriod,
    allocate_employment_allowance,
    hmrc_period_of,
    hmrc_periods,
    may_pay_quarterly,
    statutory_pay_recovery,
)
from paemployer.rules.money import PENNY, ZERO, money_str
from paemployer.rules.national_insurance import class1_ni
from paemployer.rules.pay import WORK_KINDS, LineKind, RunSource, RunStatus
from paemployer.rules.rates import load_table
from paemployer.rules.tax_year import tax_period, tax_year_code, tax_year_of
from paemployer.services import audit
from paemployer.services.pay.inputs import standing_runs
from paemployer.services.records.validation import to_money
from paemployer.services.tax.year import net_pay_arrangement
from paemployer.store import queries
from paemployer.store.models import PA, HmrcPayment
from paemployer.store.models import PayRun as PayRunRow

# The largest payment to HMRC the app records: a slip of the keyboard, not a quarter's PAYE for a few PAs.
MAX_PAYMENT = Decimal(1000000)
ROUTES = ("basic_paye_tools", "payroll_service", "paper")


@dataclass(frozen=True)
class HmrcPaymentRecord:
    """A payment the employer made to HMRC, as recorded."""

    id: int
    tax_year: str
    period_number: int
    quarterly: bool
    paid_on: date
    amount: Decimal
    notes: str


@dataclass(frozen=True)
class HmrcFigures:
    """The money of a period (or of the year): what was taken from pay, what is set against it, what is due."""

    tax: Decimal = ZERO
    student_loans: Decimal = ZERO            # undergraduate and postgraduate loan deductions
    employee_ni: Decimal = ZERO
    employer_ni: Decimal = ZERO
    employment_allowance_used: Decimal = ZERO
    statutory_pay: Decimal = ZERO            # SMP, SPP, SAP, ShPP paid out (the family pay lines)
    statutory_pay_recovered: Decimal = ZERO
    amount_due: Decimal = ZERO               # never below zero
    hmrc_owes: Decimal = ZERO                # what is taken back beyond what is owed: HMRC owes it to the employer
    paid: Decimal = ZERO
    outstanding: Decimal = ZERO

    def as_dict(self) -> dict[str, str]:
        return {name: money_str(getattr(self, name)) for name in (
            "tax", "student_loans", "employee_ni", "employer_ni", "employment_allowance_used",
            "statutory_pay_recovered", "amount_due", "hmrc_owes", "paid", "outstanding")}


@dataclass(frozen=True)
class HmrcPeriodSummary(HmrcFigures):
    """One tax month or quarter: its figures, when they are due, and the payments recorded against it."""

    period: HmrcPeriod | None = None
    due_date: date | None = None
    runs: int = 0
    payments: tuple[HmrcPaymentRecord, ...] = ()


@dataclass(frozen=True)
class HmrcYear:
    """A tax year's dealings with HMRC, period by period."""

    tax_year: str                            # "2026-27"
    quarterly: bool
    route: str                               # basic_paye_tools | payroll_service | paper
    payment_method: str                      # electronic | cheque
    employment_allowance: Decimal            # the year's allowance that may be used (zero when not claimed)
    periods: tuple[HmrcPeriodSummary, ...]
    totals: HmrcFigures
    notes: tuple[str, ...] = ()


# --- reading ----------------------------------------------------------------------------------------------


def _employer(session: Session):
    return queries.find_employer(session=session)


def year_bounds(tax_year: str) -> tuple[date, date]:
    start = tax_year_of(tax_year)
    if not FIRST_DAY <= start < date(LAST_DAY.year, 4, 6):
        raise ValidationError(_("The tax year {year} is outside the dates PA Employer works with ({first} to "
                                "{last}).").format(year=tax_year, first=FIRST_DAY.isoformat(),
                                                   last=LAST_DAY.isoformat()), field="tax_year")
    return start, date(start.year + 1, 4, 5)


def finalised_runs_paid_in(session: Session, first: date, last: date) -> list[PayRunRow]:
    """The finalised runs standing for their periods (built here or imported) paid from `first` to `last`."""
    # A correction (same pay date) stands for the run it corrects once finalised; a draft correction is not paid yet.
    rows = queries.pay_runs_paid_between(session=session, first=first, last=last)
    return sorted(standing_runs(row for row in rows if row.status == RunStatus.FINALISED.value),
                  key=lambda row: (row.pay_date, row.pa_id, row.id))


def family_pay_by_run(session: Session, rows: Sequence[PayRunRow]) -> dict[int, Decimal]:
    """Run id → the statutory family pay (SMP, SPP, SAP, ShPP) its lines pay."""
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    if rows:
        for line in queries.pay_run_lines(session=session, run_ids=[row.id for row in rows]):
            if line.kind == LineKind.FAMILY_PAY.value:
                totals[line.pay_run_id] += line.amount
    return totals


def _payments(session: Session, tax_year: str) -> list[HmrcPaymentRecord]:
    return [_payment_value(row) for row in queries.hmrc_payments(session=session, tax_year=tax_year)]


def _payment_value(row: HmrcPayment) -> HmrcPaymentRecord:
    return HmrcPaymentRecord(id=row.id, tax_year=row.tax_year, period_number=row.period_number,
                             quarterly=row.quarterly, paid_on=row.paid_on, amount=row.amount, notes=row.notes)


def employment_allowance_for(tax_year: str, *, claimed: bool, care_and_support_only: bool | None) -> Decimal:
    """The year's Employment Allowance the employer may set against employer's NI: the table's annual amount when
    it is claimed and every duty of every PA is care and support (and such employers could claim it then)."""
    if not claimed or care_and_support_only is not True:
        return ZERO
    row = load_table("employment_allowance").row_on(tax_year_of(tax_year))
    return row["annual_amount"] if row["care_and_support_employers_eligible"] else ZERO


def student_loans_of(row: PayRunRow) -> Decimal:
    return (row.student_loan or ZERO) + (row.postgraduate_loan or ZERO)


# --- the year -----------------------------------------------------------------------------------------------


def hmrc_year(ef, tax_year: str, *, today: date) -> HmrcYear:
    """Each tax month (or quarter) of `tax_year` ("2026-27") with what is due, by when, and what has been paid."""
    first, last = year_bounds(tax_year)
    with ef.session() as session:
        employer = _employer(session)
        rows = finalised_runs_paid_in(session, first, last)
        family = family_pay_by_run(session, rows)
        payments = _payments(session, tax_year)
    quarterly = bool(employer.hmrc_pays_quarterly) if employer is not None else False
    method = employer.hmrc_payment_method if employer is not None else "electronic"
    route = employer.hmrc_route if employer is not None else "basic_paye_tools"
    small = bool(employer.small_employers_relief) if employer is not None else True
    allowance = employment_allowance_for(
        tax_year, claimed=bool(employer.employment_allowance) if employer is not None else False,
        care_and_support_only=employer.care_and_support_only if employer is not None else None)
    periods = hmrc_periods(tax_year, quarterly=quarterly)
    by_period: dict[int, list[PayRunRow]] = defaultdict(list)
    for row in rows:
        by_period[hmrc_period_of(row.pay_date, quarterly=quarterly).number].append(row)
    employer_ni = [sum((row.employer_ni for row in by_period[period.number]), ZERO) for period in periods]
    allowance_used = allocate_employment_allowance(allowance=allowance, employer_ni_by_period=employer_ni)
    figures = []
    for period, ni, used in zip(periods, employer_ni, allowance_used, strict=True):
        period_rows = by_period[period.number]
        statutory = sum((family.get(row.id, ZERO) for row in period_rows), ZERO)
        recovered = statutory_pay_recovery(amount=statutory, small_employer=small, on=period.start) \
            if statutory else ZERO
        tax = sum((row.tax for row in period_rows), ZERO)
        loans = sum((student_loans_of(row) for row in period_rows), ZERO)
        employee_ni = sum((row.employee_ni for row in period_rows), ZERO)
        owed = tax + loans + employee_ni + ni - used - recovered
        figures.append((period, period_rows, tax, loans, employee_ni, ni, used, statutory, recovered, owed))
    paid, paid_rows = _payments_by_period(payments, quarterly=quarterly,
                                          due=[max(item[-1], ZERO) for item in figures])
    summaries = []
    for period, period_rows, tax, loans, employee_ni, ni, used, statutory, recovered, owed in figures:
        due = max(owed, ZERO)
        summaries.append(HmrcPeriodSummary(
            period=period, tax=tax, student_loans=loans, employee_ni=employee_ni, employer_ni=ni,
            employment_allowance_used=used, statutory_pay=statutory, statutory_pay_recovered=recovered,
            amount_due=due, hmrc_owes=max(-owed, ZERO), paid=paid[period.number],
            outstanding=max(due - paid[period.number], ZERO),
            due_date=period.due_cheque if method == "cheque" else period.due_electronic,
            runs=len(period_rows), payments=tuple(paid_rows[period.number])))
    totals = HmrcFigures(**{name: sum((getattr(summary, name) for summary in summaries), ZERO)
                            for name in HmrcFigures.__dataclass_fields__})
    notes = _notes(tax_year, summaries, totals, quarterly=quarterly, today=today, allowance=allowance,
                   claimed=bool(employer.employment_allowance) if employer is not None else False)
    return HmrcYear(tax_year=tax_year, quarterly=quarterly, route=route, payment_method=method,
                    employment_allowance=allowance, periods=tuple(summaries), totals=totals, notes=tuple(notes))


def _payments_by_period(payments: Sequence[HmrcPaymentRecord], *, quarterly: bool, due: Sequence[Decimal]
                        ) -> tuple[dict[int, Decimal], dict[int, list[HmrcPaymentRecord]]]:
    """What each period (numbered from 1, under the employer's basis now) has had paid against it, and the payments
    that count in it, when some payments were recorded under the other basis (the employer switched between paying
    monthly and quarterly): a tax month's payment counts in the quarter holding that month."""
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    rows: dict[int, list[HmrcPaymentRecord]] = defaultdict(list)
    spread = []
    for payment in payments:
        if payment.quarterly == quarterly:
            number = payment.period_number
        elif quarterly:
            number = (payment.period_number - 1) // MONTHS_IN_QUARTER + 1
        else:
            spread.append(payment)
            continue
        paid[number] += payment.amount
        rows[number].append(payment)
    for payment in sorted(spread, key=lambda item: (item.paid_on, item.id or 0)):
        # A quarter's payment fills its months' amounts due in order, the rest on its last month: paid for the
        # whole quarter, it settles each month in it, so none of them shows as owed or overdue when it is not.
        last = payment.period_number * MONTHS_IN_QUARTER
        left = payment.amount
        for number in range(last - MONTHS_IN_QUARTER + 1, last + 1):
            share = left if number == last else min(left, max(due[number - 1] - paid[number], ZERO))
            if share or number == last:
                paid[number] += share
                rows[number].append(payment)
            left -= share
            if not left:
                break
    return paid, rows


def _months_begun(tax_year: str, today: date) -> int:
    return sum(1 for month in hmrc_periods(tax_year, quarterly=False) if month.start <= today)


def _notes(tax_year: str, summaries: Sequence[HmrcPeriodSummary], totals: HmrcFigures, *, quarterly: bool,
           today: date, allowance: Decimal, claimed: bool) -> list[str]:
    notes = []
    months = _months_begun(tax_year, today)
    if quarterly and months:
        average = (totals.amount_due / months).quantize(PENNY)
        if not may_pay_quarterly(average, tax_year_of(tax_year)):
            notes.append(_("You pay quarterly, but the amount due averages {average} a month so far this year. "
                           "Quarterly payment is only for employers whose average monthly amount is below HMRC's "
                           "limit: pay monthly from now on, and tell HMRC.").format(average=format_money(average)))
    for summary in summaries:
        if summary.hmrc_owes:
            notes.append(_("For {period} the statutory pay you take back is {amount} more than you owe: nothing is "
                           "due, and HMRC owes you {amount}. Take it off the next period's payment, or ask HMRC to "
                           "repay it.").format(period=period_words(summary.period),
                                               amount=format_money(summary.hmrc_owes)))
    if claimed and not allowance:
        notes.append(_("The Employment Allowance is recorded as claimed, but not that every duty of every PA is care "
                       "and support for the person who needs it, so none is taken off here."))
    elif allowance and totals.employment_allowance_used >= allowance:
        used_up = next((summary.period for summary in summaries
                        if sum((s.employment_allowance_used for s in summaries
                                if s.period.number <= summary.period.number), ZERO) >= allowance), None)
        if used_up is not None:
            notes.append(_("The year's Employment Allowance of {allowance} is used up in {period}; employer's "
                           "National Insurance is due in full after that.").format(
                allowance=format_money(allowance), period=period_words(used_up)))
    return notes


def period_words(period: HmrcPeriod) -> str:
    """'tax month 8 (6 November to 5 December 2026)' or 'quarter 3 (6 October 2026 to 5 January 2027)'."""
    span = _("{start} to {end}").format(start=format_date(period.start, format="long"),
                                         end=format_date(period.end, format="long"))
    if period.quarterly:
        return _("quarter {number} ({span})").format(number=period.number, span=span)
    return _("tax month {number} ({span})").format(number=period.number, span=span)


# --- payments to HMRC -----------------------------------------------------------------------------------------


def _period_number(value, *, quarterly: bool) -> int:
    most = 4 if quarterly else 12
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        what = _("a quarter from 1 to 4") if quarterly else _("a tax month from 1 to 12")
        raise ValidationError(_("The period must be {what}.").format(what=what), field="period_number")
    return value


def _payment_amount(value) -> Decimal:
    try:
        amount = to_money(value, field="amount")
    except TypeError:
        amount = None
    except ValidationError:
        raise ValidationError(_("The amount paid must be in pounds and pence, like 412.60."), field="amount") from None
    if amount is None:
        raise ValidationError(_("The amount paid must be in pounds and pence, like 412.60."), field="amount")
    if amount <= ZERO:
        raise ValidationError(_("The amount paid must be more than nothing."), field="amount")
    if amount.quantize(PENNY) != amount:
        raise ValidationError(_("The amount paid must be whole pence, like 412.60."), field="amount")
    if amount > MAX_PAYMENT:
        raise ValidationError(_("A payment of {amount} is more than the app records ({limit}): check the "
                                "figure.").format(amount=format_money(amount), limit=format_money(MAX_PAYMENT)),
                              field="amount")
    return amount.quantize(PENNY)


def record_hmrc_payment(ef, tax_year: str, period_number: int, *, paid_on: date, amount: Decimal, notes: str = "",
                        now: datetime | None = None) -> HmrcPaymentRecord:
    """Record a payment made to HMRC for a tax month (or a quarter, when the employer pays quarterly)."""
    tax_year_of(tax_year)  # a plain refusal of anything but "2026-27"
    if not isinstance(paid_on, date) or not FIRST_DAY <= paid_on <= LAST_DAY:
        raise ValidationError(_("Give the day the payment was made."), field="paid_on")
    amount = _payment_amount(amount)
    notes = " ".join(str(notes or "").split())
    if len(notes) > 500:
        raise ValidationError(_("Keep the note under 500 characters."), field="notes")
    now = now or clock.now()
    with ef.session() as session:
        employer = _employer(session)
        quarterly = bool(employer.hmrc_pays_quarterly) if employer is not None else False
        number = _period_number(period_number, quarterly=quarterly)
        period = hmrc_periods(tax_year, quarterly=quarterly)[number - 1]
        if paid_on < years_after(period.start, -1):
            raise ValidationError(_("The payment is dated {day}, more than a year before {period} begins: check the "
                                    "year of the date.").format(day=format_date(paid_on, format="long"),
                                                                 period=period_words(period)), field="paid_on")
        row = HmrcPayment(tax_year=tax_year, period_number=number, quarterly=quarterly, paid_on=paid_on,
                          amount=amount, notes=notes)
        session.add(row)
        session.flush()
        audit.record(session, who=getattr(ef, "who", ""), action="add", table_name="hmrcpayment", row_id=row.id,
                     summary=_("Recorded a payment to HMRC of {amount} on {day} for {period}").format(
                         amount=format_money(amount), day=format_date(paid_on, format="long"),
                         period=period_words(period)), at=now)
        return _payment_value(row)


def delete_hmrc_payment(ef, payment_id: int, *, now: datetime | None = None) -> None:
    """Delete a payment recorded by mistake (the audit trail keeps what it was)."""
    with ef.session() as session:
        row = session.get(HmrcPayment, payment_id) if isinstance(payment_id, int) else None
        if row is None:
            raise ValidationError(_("There is no payment to HMRC numbered {number}.").format(number=payment_id),
                                  field="payment")
        period = hmrc_periods(row.tax_year, quarterly=row.quarterly)[row.period_number - 1]
        summary = _("Deleted the payment to HMRC of {amount} on {day} for {period}").format(
            amount=format_money(row.amount), day=format_date(row.paid_on, format="long"), period=period_words(period))
        session.delete(row)
        session.flush()
        audit.record(session, who=getattr(ef, "who", ""), action="delete", table_name="hmrcpayment",
                     row_id=payment_id, summary=summary, at=now or clock.now())


def hmrc_payments(ef, tax_year: str) -> list[HmrcPaymentRecord]:
    """The payments recorded for a tax year, oldest first."""
    tax_year_of(tax_year)
    with ef.session() as session:
        return _payments(session, tax_year)


# --- Full Payment Submission figures --------------------------------------------------------------------------

# FPS "Number of normal hours worked" bands (HMRC: A up to 15.99, B 16 to 23.99, C 24 to 29.99, D 30 or more,
# E other, for those with no hours to report).
_HOURS_BANDS = ((Decimal(16), "A"), (Decimal(24), "B"), (Decimal(30), "C"))
_WEEKS = {"weekly": Decimal(1), "fortnightly": Decimal(2), "four_weekly": Decimal(4),
          "monthly": Decimal(52) / Decimal(12)}
_WORK_KIND_VALUES = frozenset(kind.value for kind in WORK_KINDS)


def hours_band(hours_paid: Decimal | None, frequency: str) -> str:
    """The FPS hours band letter for the hours paid in a period, as hours a week."""
    if not hours_paid:
        return "E"
    weekly = hours_paid / _WEEKS.get(frequency, Decimal(1))
    for limit, letter in _HOURS_BANDS:
        if weekly < limit:
            return letter
    return "D"


def _hours_band_words(letter: str) -> str:
    return {"A": _("A: up to 15.99 hours a week"), "B": _("B: 16 to 23.99 hours a week"),
            "C": _("C: 24 to 29.99 hours a week"), "D": _("D: 30 hours or more a week"),
            "E": _("E: other (no normal hours)")}[letter]


def _frequency_words(frequency: str) -> str:
    return pay_frequency_label(frequency)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


@dataclass(frozen=True)
class _RunFigures:
    """One stored run's figures as an FPS reports them (money in pounds and pence)."""

    gross: Decimal
    expenses: Decimal
    family_pay: Decimal
    taxable: Decimal
    ni_earnings: Decimal
    hours: Decimal


def run_figures(session: Session, row: PayRunRow) -> _RunFigures:
    lines = queries.pay_run_lines(session=session, run_ids=[row.id])
    gross = row.imported_gross if row.imported_gross is not None else sum((line.amount for line in lines), ZERO)
    expenses = sum((line.amount for line in lines if line.kind == LineKind.EXPENSE.value), ZERO)
    family = sum((line.amount for line in lines if line.kind == LineKind.FAMILY_PAY.value), ZERO)
    hours = row.imported_hours if row.imported_hours is not None else sum(
        (line.hours for line in lines if line.hours is not None and line.kind in _WORK_KIND_VALUES),
        ZERO)
    untaxed_pension = row.employee_pension if net_pay_arrangement(session) else ZERO  # typed or taken in
    taxable = row.taxable_pay if row.taxable_pay is not None else gross - expenses - untaxed_pension
    return _RunFigures(gross=gross, expenses=expenses, family_pay=family, taxable=taxable,
                       ni_earnings=gross - expenses, hours=hours)


@dataclass(frozen=True)
class NiBands:
    """A run's NI letter and its earnings in the bands an FPS and a P60 report."""

    letter: str
    at_lel: Decimal
    lel_to_pt: Decimal
    pt_to_uel: Decimal


def ni_bands(session: Session, row: PayRunRow, *, ni_earnings: Decimal | None = None) -> NiBands:
    """The run's NI letter (its own, else the PA's, else A) and earnings bands: those stored when it was worked out
    here; for a typed or imported run (none stored) worked out from its NI earnings (gross less expenses) for its
    tax year, frequency and letter. Only the bands: the employee NI deducted stays what was stored. A tax year the
    app has no NI figures for leaves them at nothing."""
    letter = row.ni_category
    if not letter:
        pa = session.get(PA, row.pa_id)
        letter = (pa.ni_category if pa is not None else "") or "A"
    stored = (row.ni_earnings_at_lel, row.ni_earnings_lel_to_pt, row.ni_earnings_pt_to_uel)
    if any(value is not None for value in stored):
        return NiBands(letter, *(value or ZERO for value in stored))
    earnings = ni_earnings if ni_earnings is not None else run_figures(session, row).ni_earnings
    if earnings <= ZERO:
        return NiBands(letter, ZERO, ZERO, ZERO)
    try:
        result = class1_ni(tax_year=tax_year_code(row.pay_date), frequency=row.pay_frequency, category=letter,
                           gross=earnings)
    except RatesError:
        return NiBands(letter, ZERO, ZERO, ZERO)
    return NiBands(letter, result.earnings_at_lel, result.earnings_lel_to_pt, result.earnings_pt_to_uel)


def _year_rows_of(session: Session, row: PayRunRow) -> list[PayRunRow]:
    """The PA's finalised runs standing in the same tax year paid on or before this run (and this run)."""
    first, last = year_bounds(tax_year_code(row.pay_date))
    earlier = [other for other in finalised_runs_paid_in(session, first, last)
               if other.pa_id == row.pa_id and other.id != row.id
               and (other.pay_date, other.id) < (row.pay_date, row.id)]
    return [*earlier, row]


def fps_figures(ef, run_id: int) -> list[tuple[str, str]]:
    """One payment's Full Payment Submission figures, (field name, value), in Basic PAYE Tools' order."""
    with ef.session() as session:
        row = queries.get_row(session=session, model=PayRunRow, row_id=run_id)
        employer = _employer(session)
        net_pay_scheme = employer is not None and employer.pension_relief == "net_pay"
        this = run_figures(session, row)
        year = _year_rows_of(session, row)
        figures = {other.id: (this if other.id == row.id else run_figures(session, other)) for other in year}
        bands = {other.id: ni_bands(session, other, ni_earnings=figures[other.id].ni_earnings) for other in year}
        letter = bands[row.id].letter
        same_letter = [other for other in year if bands[other.id].letter == letter]
    monthly = row.pay_frequency == "monthly"
    period = row.tax_period
    if period is None:
        period = tax_period(row.pay_date, row.pay_frequency)

    def total(rows, value) -> Decimal:
        return sum((value(other) for other in rows), ZERO)

    pension_net = row.employee_pension if net_pay_scheme else ZERO
    pension_not_net = ZERO if net_pay_scheme else row.employee_pension
    code = row.tax_code or _("not recorded (the pay's tax was typed or imported)")
    return [
        (_("Pay frequency"), _frequency_words(row.pay_frequency)),
        (_("Payment date"), row.pay_date.strftime("%d/%m/%Y")),
        (_("Tax month number") if monthly else _("Tax week number"), str(period)),
        (_("Number of earnings periods covered by this payment"), "1"),
        (_("Number of normal hours worked"), _hours_band_words(hours_band(this.hours, row.pay_frequency))),
        (_("Tax code"), code),
        (_("Week 1 or Month 1 basis (non-cumulative)"), _yes_no(row.tax_week1_month1)),
        (_("Taxable pay in this pay period"), money_str(this.taxable)),
        (_("Statutory maternity, paternity, adoption or shared parental pay in this period"),
         money_str(this.family_pay)),
        (_("Employee pension contributions paid under a net pay arrangement"), money_str(pension_net)),
        (_("Employee pension contributions not paid under a net pay arrangement"), money_str(pension_not_net)),
        (_("Payments not subject to tax or National Insurance (expenses paid back)"), money_str(this.expenses)),
        (_("Deductions from net pay"), money_str(row.other_deductions)),
        (_("Tax deducted or refunded from this payment"), money_str(row.tax)),
        (_("Student loan deduction in this period"), money_str(row.student_loan or ZERO)),
        (_("Postgraduate loan deduction in this period"), money_str(row.postgraduate_loan or ZERO)),
        (_("Taxable pay to date in this employment"), money_str(total(year, lambda o: figures[o.id].taxable))),
        (_("Total tax to date in this employment"), money_str(total(year, lambda o: o.tax))),
        (_("Student loan deductions to date"), money_str(total(year, lambda o: o.student_loan or ZERO))),
        (_("Postgraduate loan deductions to date"), money_str(total(year, lambda o: o.postgraduate_loan or ZERO))),
        (_("National Insurance category letter"), letter),
        (_("Gross earnings for National Insurance in this period"), money_str(this.ni_earnings)),
        (_("Gross earnings for National Insurance year to date"),
         money_str(total(same_letter, lambda o: figures[o.id].ni_earnings))),
        (_("Earnings at the Lower Earnings Limit year to date"),
         money_str(total(same_letter, lambda o: bands[o.id].at_lel))),
        (_("Earnings above the Lower Earnings Limit up to the Primary Threshold year to date"),
         money_str(total(same_letter, lambda o: bands[o.id].lel_to_pt))),
        (_("Earnings above the Primary Threshold up to the Upper Earnings Limit year to date"),
         money_str(total(same_letter, lambda o: bands[o.id].pt_to_uel))),
        (_("Employer's National Insurance in this period"), money_str(row.employer_ni)),
        (_("Employer's National Insurance year to date"), money_str(total(same_letter, lambda o: o.employer_ni))),
        (_("Employee's National Insurance in this period"), money_str(row.employee_ni)),
        (_("Employee's National Insurance year to date"), money_str(total(same_letter, lambda o: o.employee_ni))),
    ]


@dataclass(frozen=True)
class FpsPayment:
    """A finalised payment to a PA that a Full Payment Submission reports, and whether it was sent."""

    run_id: int
    pa_id: int
    pa_name: str
    pay_date: date
    period_start: date
    period_end: date
    fps_sent_on: date | None
    from_payroll_service: bool


def fps_payments(ef, tax_year: str) -> list[FpsPayment]:
    """Every finalised payment of `tax_year` by pay date: what the Full Payment Submissions report."""
    first, last = year_bounds(tax_year)
    with ef.session() as session:
        rows = finalised_runs_paid_in(session, first, last)
    return [FpsPayment(run_id=row.id, pa_id=row.pa_id, pa_name=row.pa_name, pay_date=row.pay_date,
                       period_start=row.period_start, period_end=row.period_end, fps_sent_on=row.fps_sent_on,
                       from_payroll_service=row.source == RunSource.IMPORTED.value) for row in rows]


def mark_fps_sent(ef, run_id: int, on: date, *, now: datetime | None = None) -> date:
    """Record that a finalised payment's Full Payment Submission was sent to HMRC on `on`."""
    if not isinstance(on, date) or not FIRST_DAY <= on <= LAST_DAY:
        raise ValidationError(_("Give the day the submission was sent."), field="on")
    with ef.session() as session:
        row = queries.get_row(session=session, model=PayRunRow, row_id=run_id)
        if row.status != RunStatus.FINALISED.value:
            raise ValidationError(_("Finalise this pay first: a Full Payment Submission reports the pay as paid."),
                                  field="run")
        if row.source != RunSource.COMPUTED.value:
            raise ValidationError(_("This pay came from your payroll service's payslip: they send its Full Payment "
                                    "Submission."), field="run")
        row.fps_sent_on = on
        session.add(row)
        session.flush()
        audit.record(session, who=getattr(ef, "who", ""), action="change", table_name="payrun", row_id=row.id,
                     summary=_("Recorded the Full Payment Submission of {name}'s pay of {day} as sent on "
                               "{sent}").format(name=row.pa_name, day=format_date(row.pay_date, format="long"),
                                                sent=format_date(on, format="long")), at=now or clock.now())
        return on


# --- the paper route: RT2 and RT5, quarter by quarter -----------------------------------------------------------


def paper_return_figures(ef, tax_year: str, quarter: int) -> list[tuple[str, str, str]]:
    """The figures for a quarter's paper returns, (box, box name, value): an RT2 "Full quarterly payment summary"
    for each PA paid in the quarter, and the RT5 "Employer payment summary". The box is the form and its section
    in HMRC's words (the printed question numbers are not published: see the module's docstring)."""
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise ValidationError(_("The quarter must be from 1 to 4."), field="quarter")
    first, last = year_bounds(tax_year)
    period = hmrc_periods(tax_year, quarterly=True)[quarter - 1]
    with ef.session() as session:
        employer = _employer(session)
        year_rows = [row for row in finalised_runs_paid_in(session, first, last) if row.pay_date <= period.end]
        figures = {row.id: run_figures(session, row) for row in year_rows}
        bands = {row.id: ni_bands(session, row, ni_earnings=figures[row.id].ni_earnings) for row in year_rows}
        pas = {pa.id: pa for pa in queries.pas_by_id(session=session, pa_ids={row.pa_id for row in year_rows})}
    small = bool(employer.small_employers_relief) if employer is not None else True
    in_quarter = [row for row in year_rows if row.pay_date >= period.start]
    out: list[tuple[str, str, str]] = []
    by_pa: dict[int, list[PayRunRow]] = defaultdict(list)
    for row in in_quarter:
        by_pa[row.pa_id].append(row)
    for pa_id in sorted(by_pa, key=lambda key: (by_pa[key][0].pa_name.casefold(), key)):
        rows = by_pa[pa_id]
        to_date = [row for row in year_rows if row.pa_id == pa_id]
        last_row = rows[-1]
        pa = pas.get(pa_id)
        name = last_row.pa_name

        def box(section: str, _name: str = name) -> str:
            return _("RT2 for {name}: {section}").format(name=_name, section=section)

        def add(section: str, label: str, value: str) -> None:
            out.append((box(section), label, value))

        def money(rows_, value) -> str:
            return money_str(sum((value(row) for row in rows_), ZERO))

        personal, payment, deductions, leaver = (_("Your employee's personal details"),
                                                 _("Your employee's payment details"),
                                                 _("Your employee's pay and deductions"),
                                                 _("Your employee's leaver information"))
        add(personal, _("National Insurance number"), (pa.ni_number or "") if pa is not None else "")
        add(personal, _("Surname"), pa.last_name if pa is not None else name)
        add(personal, _("First name"), pa.first_name if pa is not None else "")
        add(personal, _("Date of birth"), pa.date_of_birth.strftime("%d/%m/%Y")
            if pa is not None and pa.date_of_birth else "")
        add(payment, _("Pay frequency"), _frequency_words(last_row.pay_frequency))
        add(payment, _("Date of the last payment in the quarter"), last_row.pay_date.strftime("%d/%m/%Y"))
        add(payment, _("Number of normal hours worked"), _hours_band_words(
            hours_band(figures[last_row.id].hours, last_row.pay_frequency)))
        add(payment, _("Tax code used for the last payment"), last_row.tax_code or _("not recorded"))
        add(payment, _("Week 1 or Month 1 basis"), _yes_no(last_row.tax_week1_month1))
        add(deductions, _("Taxable pay in this quarter"), money(rows, lambda r: figures[r.id].taxable))
        add(deductions, _("Tax deducted or refunded in this quarter"), money(rows, lambda r: r.tax))
        add(deductions, _("Taxable pay to date in this employment"), money(to_date, lambda r: figures[r.id].taxable))
        add(deductions, _("Tax deducted to date in this employment"), money(to_date, lambda r: r.tax))
        add(deductions, _("National Insurance category letter"), bands[last_row.id].letter)
        add(deductions, _("Earnings at the Lower Earnings Limit year to date"),
            money(to_date, lambda r: bands[r.id].at_lel))
        add(deductions, _("Earnings above the Lower Earnings Limit up to the Primary Threshold year to date"),
            money(to_date, lambda r: bands[r.id].lel_to_pt))
        add(deductions, _("Earnings above the Primary Threshold up to the Upper Earnings Limit year to date"),
            money(to_date, lambda r: bands[r.id].pt_to_uel))
        add(deductions, _("Employee's National Insurance in this quarter"), money(rows, lambda r: r.employee_ni))
        add(deductions, _("Employee's and employer's National Insurance in this quarter"),
            money(rows, lambda r: r.employee_ni + r.employer_ni))
        add(deductions, _("Employee's National Insurance year to date"), money(to_date, lambda r: r.employee_ni))
        add(deductions, _("Employee's and employer's National Insurance year to date"),
            money(to_date, lambda r: r.employee_ni + r.employer_ni))
        add(deductions, _("Statutory maternity, paternity, adoption or shared parental pay year to date"),
            money(to_date, lambda r: figures[r.id].family_pay))
        add(deductions, _("Student loan deductions in this quarter"), money(rows, lambda r: r.student_loan or ZERO))
        add(deductions, _("Postgraduate loan deductions in this quarter"),
            money(rows, lambda r: r.postgraduate_loan or ZERO))
        if pa is not None and pa.end_date is not None and period.start <= pa.end_date <= period.end:
            add(leaver, _("Date of leaving"), pa.end_date.strftime("%d/%m/%Y"))
    year = hmrc_year(ef, tax_year, today=period.end)
    quarter_figures = _quarter_totals(year, period)
    statutory = sum((figures[row.id].family_pay for row in in_quarter), ZERO)
    recovered = statutory_pay_recovery(amount=statutory, small_employer=small, on=period.start) if statutory else ZERO
    rt5 = _("RT5 Employer payment summary")
    out.append((rt5, _("No payments to employees in this quarter"), _yes_no(not in_quarter)))
    out.append((rt5, _("Employment Allowance claimed"), _yes_no(bool(year.employment_allowance))))
    out.append((rt5, _("Employment Allowance used in this quarter"),
                money_str(quarter_figures.employment_allowance_used)))
    out.append((rt5, _("Statutory pay recovered in this quarter"), money_str(recovered)))
    out.append((rt5, _("Amount due to HMRC for this quarter"), money_str(quarter_figures.amount_due)))
    return out


def _quarter_totals(year: HmrcYear, quarter: HmrcPeriod) -> HmrcFigures:
    """A quarter's figures from a year reckoned monthly or quarterly."""
    inside = [summary for summary in year.periods
              if quarter.start <= summary.period.start and summary.period.end <= quarter.end]
    return HmrcFigures(**{name: sum((getattr(summary, name) for summary in inside), ZERO)
                          for name in HmrcFigures.__dataclass_fields__})
