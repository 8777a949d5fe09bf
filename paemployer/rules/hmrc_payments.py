"""The HMRC payment calendar: the tax months and quarters an employer pays PAYE for, when each payment is due, who
may pay quarterly, the Employment Allowance set against employer's National Insurance period by period, and the
statutory pay an employer gets back.

- A tax month runs from the 6th to the 5th of the next month (month 1 is 6 April to 5 May); a quarter ends on
  5 July, 5 October, 5 January or 5 April (Income Tax (PAYE) Regulations 2003 reg 2 "tax month", "tax quarter").
- The bill for a period is due by the 22nd of the month the period ends in when paid electronically, and a cheque
  sent by post must reach HMRC by the 19th (PAYE Regulations 2003 reg 69; https://www.gov.uk/pay-paye-tax). When
  that day is a Saturday, Sunday or bank holiday the money must reach HMRC on the last working day before it
  (GOV.UK "Pay employers' PAYE": only a Faster Payment can arrive on the day itself), so that day is the due date
  given here. The bank holidays are England and Wales' (HMRC's banks are there) unless the caller passes others.
- An employer who expects the average monthly amount to be less than £1,500 may pay quarterly (PAYE Regulations
  2003 reg 70; https://www.gov.uk/pay-paye-tax; HMRC manual DMBM520425).
- The Employment Allowance comes off employer's Class 1 National Insurance as it falls due, period by period, until
  the year's allowance is used up (Employment Allowance: NICA 2014 s.1; https://www.gov.uk/claim-employment-allowance).
- Statutory Maternity, Paternity, Adoption, Shared Parental, Parental Bereavement and Neonatal Care Pay: 92 % back,
  or with Small Employers' Relief (Class 1 NI of £45,000 or less in the last complete tax year) the whole payment
  and compensation, 108.5 % from 6 April 2025 (https://www.gov.uk/recover-statutory-payments). Statutory Sick Pay
  is not recoverable.

The figures (the due days, £1,500, 92 %, 103 % / 108.5 %, £45,000) are in resources/rates/hmrc_payments.toml, a row
for every tax year. Nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from paemployer.errors import RatesError, ValidationError
from paemployer.i18n import _
from paemployer.rules.bank_holidays import bank_holidays_between, is_working_day
from paemployer.rules.dates import months_after
from paemployer.rules.money import ZERO, round_half_up_to_penny, to_decimal
from paemployer.rules.rates import RatesRow, RatesTable, load_table
from paemployer.rules.tax_year import (
    tax_month,
    tax_year_code,
    tax_year_of,
    tax_year_start,
)

TABLE = "hmrc_payments"
# HMRC's bank accounts are in England: a payment reaches them on England and Wales' working days.
HMRC_BANKING_NATION = "england"
MONTHS_IN_QUARTER = 3


def hmrc_payments_table() -> RatesTable:
    """resources/rates/hmrc_payments.toml (load_table reads it once a process)."""
    return load_table(TABLE)


def _row_for_year_starting(start: date) -> RatesRow:
    """The row for the tax year beginning on `start`: the one that starts that day (never last year's carried on)."""
    table = hmrc_payments_table()
    row = table.tax_year_row(start)
    if row is None:
        raise RatesError(
            _("PA Employer has no figures for paying HMRC in the tax year {year}: it has them for {first} to "
              "{last}.").format(year=tax_year_code(start), first=tax_year_code(table.rows[0].effective_from),
                                last=tax_year_code(table.rows[-1].effective_from)),
            message_id="hmrc_no_figures_for_year")
    return row


def _row_on(on: date) -> RatesRow:
    return _row_for_year_starting(tax_year_start(on))


@dataclass(frozen=True)
class HmrcPeriod:
    """A tax month (1 to 12) or a tax quarter (1 to 4) of a tax year, and the day its PAYE bill is due.

    `due_electronic` and `due_cheque` are the last days the money can reach HMRC: the 22nd and the 19th of the month
    the period ends in, or the last working day before when that day is a weekend or bank holiday."""

    tax_year: str
    number: int
    quarterly: bool
    start: date
    end: date
    due_electronic: date
    due_cheque: date


def last_working_day_on_or_before(day: date, bank_holidays: Collection[date]) -> date:
    """`day` itself if it is a working day (Monday to Friday, not a bank holiday), or the working day before it."""
    while not is_working_day(day, bank_holidays):
        day -= timedelta(days=1)
    return day


def payment_due_date(period_end: date, day_of_month: int, bank_holidays: Collection[date]) -> date:
    """The day a payment for a period ending on `period_end` (a 5th) must reach HMRC: `day_of_month` of the same
    month, moved back to the last working day before it when it is a weekend or bank holiday."""
    return last_working_day_on_or_before(period_end.replace(day=day_of_month), bank_holidays)


def _holidays(tax_year_start_day: date, bank_holidays: Collection[date] | None) -> Collection[date]:
    if bank_holidays is not None:
        return bank_holidays
    # From the year's start to the last due day (22 April the next year), with a week to spare.
    return bank_holidays_between(HMRC_BANKING_NATION, tax_year_start_day, date(tax_year_start_day.year + 1, 4, 30))


def _period(start_of_year: date, number: int, quarterly: bool, row: RatesRow,
            bank_holidays: Collection[date]) -> HmrcPeriod:
    months = MONTHS_IN_QUARTER if quarterly else 1
    start = months_after(start_of_year, (number - 1) * months)  # tax months begin on the 6th
    end = months_after(start_of_year, number * months) - timedelta(days=1)
    return HmrcPeriod(
        tax_year=tax_year_code(start_of_year),
        number=number,
        quarterly=quarterly,
        start=start,
        end=end,
        due_electronic=payment_due_date(end, row["electronic_payment_day"], bank_holidays),
        due_cheque=payment_due_date(end, row["cheque_payment_day"], bank_holidays),
    )


def hmrc_periods(tax_year: str, *, quarterly: bool, bank_holidays: Collection[date] | None = None) -> list[HmrcPeriod]:
    """The twelve tax months, or the four quarters, of the tax year written '2025-26', with their due dates.
    `bank_holidays`: the days that are not working days besides weekends (England and Wales' when not given)."""
    start = tax_year_of(tax_year)
    row = _row_for_year_starting(start)
    holidays = _holidays(start, bank_holidays)
    count = 12 // MONTHS_IN_QUARTER if quarterly else 12
    return [_period(start, number, quarterly, row, holidays) for number in range(1, count + 1)]


def hmrc_period_of(pay_date: date, *, quarterly: bool, bank_holidays: Collection[date] | None = None) -> HmrcPeriod:
    """The tax month (or quarter) a payment made on `pay_date` is reported and paid for: set by the pay date."""
    start = tax_year_start(pay_date)
    month = tax_month(pay_date)
    number = (month - 1) // MONTHS_IN_QUARTER + 1 if quarterly else month
    return _period(start, number, quarterly, _row_for_year_starting(start), _holidays(start, bank_holidays))


def may_pay_quarterly(average_monthly: Decimal, on: date) -> bool:
    """Whether an employer whose average monthly PAYE bill (tax, NI, student loans) is `average_monthly` may pay
    quarterly in the tax year of `on`: less than £1,500 (PAYE Regulations 2003 reg 70; the table's limit)."""
    return to_decimal(average_monthly) < _row_on(on)["quarterly_average_monthly_limit"]


def allocate_employment_allowance(*, allowance: Decimal, employer_ni_by_period: Sequence[Decimal]) -> list[Decimal]:
    """How much of the year's Employment Allowance is used in each period, in order: all of the period's employer NI
    until the allowance is used up, then what is left, then nothing. A period with no employer NI (or a refund of
    it) uses none."""
    remaining = to_decimal(allowance)
    if remaining < 0:
        raise ValidationError(_("The Employment Allowance cannot be less than nothing."), field="allowance",
                              message_id="hmrc_negative_allowance")
    used = []
    for employer_ni in employer_ni_by_period:
        take = min(remaining, max(ZERO, to_decimal(employer_ni)))
        used.append(take)
        remaining -= take
    return used


def qualifies_for_small_employers_relief(class1_ni_last_year: Decimal, on: date) -> bool:
    """Small Employers' Relief: Class 1 National Insurance (employee's and employer's, before the Employment
    Allowance) in the last complete tax year was £45,000 or less (the table's limit for the tax year of `on`)."""
    return to_decimal(class1_ni_last_year) <= _row_on(on)["small_employers_relief_limit"]


def statutory_pay_recovery(*, amount: Decimal, small_employer: bool, on: date) -> Decimal:
    """How much of `amount` of Statutory Maternity, Paternity, Adoption, Shared Parental, Parental Bereavement or
    Neonatal Care Pay paid on `on` the employer gets back: 92 %, or with Small Employers' Relief the whole of it and
    compensation (103 % to 5 April 2025, 108.5 % from 6 April 2025). Rounded to the penny, half up."""
    row = _row_on(on)
    rate = row["small_employers_relief_rate"] if small_employer else row["statutory_pay_recovery_rate"]
    return round_half_up_to_penny(to_decimal(amount) * rate)
