"""Student and postgraduate loan deductions from one payment.

Legal basis: Education (Student Loans) (Repayment) Regulations 2009, Part 4 (repayment through PAYE). The
thresholds and rates are in resources/rates/student_loans.toml, one row a tax year, with HMRC's sources.

HMRC's method (Collection of Student Loans Manual CSLM10111, CSLM17065, CSLM18025,
https://www.gov.uk/hmrc-internal-manuals/collection-of-student-loans-manual):
- Earnings: the same gross pay as for employer's Class 1 National Insurance in the pay period (CSLM10111).
- Non-cumulative: each payment on its own, against the pay period's threshold (CSLM10111, CSLM10115).
- Period threshold: the annual threshold / 52 (weekly) or / 12 (monthly), rounded DOWN to the penny, as HMRC
  publishes them (2024-25 Plan 1: 24,990 / 52 = 480.57; postgraduate 21,000 / 52 = 403.84).
- Deduction: 9 % (plans 1, 2, 4, 5) or 6 % (postgraduate loan) of the earnings above the threshold, rounded DOWN
  to whole pounds (CSLM18025: "must also be rounded down to the nearest pound").
- Fortnightly and four-weekly pay (CSLM17065, pay periods made of whole weeks): the earnings divided equally into
  weeks, the weekly deduction found for that weekly amount, and multiplied by the number of weeks
  (3 weeks' pay of 1,500: 500 a week, 14 a week, 42).
A postgraduate loan is deducted as well as a plan 1, 2, 4 or 5 loan: ask for each separately.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_FLOOR, Decimal

from paemployer.errors import RatesError
from paemployer.i18n import _
from paemployer.rules.money import PENNY, ZERO, to_decimal
from paemployer.rules.paye import TaxCodeError
from paemployer.rules.rates import RatesRow, RatesTable, load_table
from paemployer.rules.tax_year import PAYE_FREQUENCIES, tax_year_code, tax_year_of

TABLE = "student_loans"
MANUAL_SOURCE = "https://www.gov.uk/hmrc-internal-manuals/collection-of-student-loans-manual/cslm17065"
POSTGRADUATE = "postgraduate"
PLANS = ("1", "2", "4", "5", POSTGRADUATE)
WEEKS_IN_PERIOD = {"weekly": 1, "fortnightly": 2, "four_weekly": 4}


def student_loans_table() -> RatesTable:
    """resources/rates/student_loans.toml (load_table reads it once a process)."""
    return load_table(TABLE)


def _field(plan: str) -> str:
    return "postgraduate_threshold" if plan == POSTGRADUATE else f"plan_{plan}_threshold"


def _plan_words(plan: str) -> str:
    return _("postgraduate loan") if plan == POSTGRADUATE else _("Plan {plan} student loan").format(plan=plan)


def _row_for(tax_year: str) -> RatesRow:
    start = tax_year_of(tax_year)
    table = student_loans_table()
    row = table.tax_year_row(start)
    if row is None:
        raise RatesError(
            _("PA Employer has no student loan figures for the tax year {year}: it works them out for {first} to "
              "{last}.").format(year=tax_year.strip(), first=tax_year_code(table.rows[0].effective_from),
                                last=tax_year_code(table.rows[-1].effective_from)),
            message_id="student_loan_no_figures_for_year")
    return row


def annual_threshold(*, tax_year: str, plan: str) -> Decimal:
    """The plan's annual repayment threshold in the tax year; a plan with no deductions that year is refused."""
    if plan not in PLANS:
        raise TaxCodeError(
            _("'{text}' is not a student loan plan: give 1, 2, 4, 5 or postgraduate.").format(text=str(plan)[:20]),
            field="student_loan_plan", message_id="student_loan_bad_plan")
    row = _row_for(tax_year)
    threshold = row[_field(plan)]
    if threshold is None:
        first = next((r for r in student_loans_table().rows if r[_field(plan)] is not None), None)
        raise TaxCodeError(
            _("There are no {plan} deductions from pay in the tax year {year}; HMRC starts them in {first}.").format(
                plan=_plan_words(plan), year=tax_year.strip(),
                first=tax_year_code(first.effective_from) if first else _("a later year")),
            field="student_loan_plan", message_id="student_loan_plan_not_yet")
    return threshold


def period_threshold(*, tax_year: str, frequency: str, plan: str) -> Decimal:
    """The weekly (annual / 52) or monthly (annual / 12) threshold, rounded down to the penny as HMRC publishes it.
    Fortnightly and four-weekly pay use the weekly threshold, week by week (see the module docstring)."""
    annual = annual_threshold(tax_year=tax_year, plan=plan)
    _check_frequency(frequency)
    return (annual / (12 if frequency == "monthly" else 52)).quantize(PENNY, rounding=ROUND_DOWN)


def _check_frequency(frequency: str) -> None:
    if frequency not in PAYE_FREQUENCIES:
        raise TaxCodeError(
            _("'{text}' is not a pay frequency: give weekly, fortnightly, four-weekly or monthly.").format(
                text=str(frequency)[:20]), field="frequency", message_id="student_loan_bad_frequency")


def student_loan_deduction(*, tax_year: str, frequency: str, plan: str, earnings: Decimal) -> Decimal:
    """The whole-pound student (or postgraduate) loan deduction from one payment of NI-able `earnings`.

    Bad input is a TaxCodeError (a ValueError); a plan with no deductions in the year is refused the same way;
    a year without figures is a RatesError."""
    try:
        amount = to_decimal(earnings)
    except (TypeError, ValueError):
        amount = None
    if amount is None or amount < ZERO or amount != amount.quantize(PENNY):
        raise TaxCodeError(_("The earnings must be an amount of money of 0 or more, in pounds and pence."),
                           field="earnings", message_id="student_loan_bad_earnings")
    threshold = period_threshold(tax_year=tax_year, frequency=frequency, plan=plan)
    row = _row_for(tax_year)
    rate = row["postgraduate_rate" if plan == POSTGRADUATE else "plan_rate"]
    weeks = 1 if frequency == "monthly" else WEEKS_IN_PERIOD[frequency]
    # Equal weekly amounts for a pay period of several weeks (CSLM17065); exact, so nothing is lost to rounding.
    each = amount / weeks
    if each <= threshold:
        return ZERO.quantize(PENNY)
    weekly_or_monthly = ((each - threshold) * rate).to_integral_value(rounding=ROUND_FLOOR)
    return (weekly_or_monthly * weeks).quantize(PENNY)
