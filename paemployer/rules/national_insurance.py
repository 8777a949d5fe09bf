"""Class 1 National Insurance for one payment: employee (primary) and employer (secondary) contributions, and the
earnings bands a Full Payment Submission reports, by category letter and pay frequency.

Legal basis: Social Security Contributions and Benefits Act 1992 ss.6-9B (Class 1; the upper secondary thresholds
for under-21s, apprentices under 25, veterans, freeport and investment zone employees), the Social Security
(Contributions) Regulations 2001 (earnings periods, reg. 131 reduced rate elections). The figures are in
resources/rates/national_insurance.toml, one row a tax year, with HMRC's sources.

HMRC's method, as HMRC's test data for software developers confirms it:
- Period thresholds: weekly and monthly as HMRC publishes them; fortnightly and four-weekly from the annual figure,
  annual x weeks / 52 rounded UP to the next whole pound (2025-26 fortnightly secondary threshold 193, not 2 x 96).
  A payment covering several periods (`periods`) has each threshold multiplied by the number of periods.
- Contributions: employee = R(earnings PT..UEL x main rate) + R(earnings above UEL x additional rate);
  employer = R(earnings from the secondary threshold, or the category's upper secondary threshold, to the UEL x rate)
  + R(earnings above the UEL x rate). From 2025-26 the secondary threshold is below the LEL, so an employer pays on
  pay below the LEL.
- R is HMRC's NI rounding: look at the third decimal place of the pounds; 6 or more rounds up to the next penny,
  5 or less rounds down (£0.0064 is £0.01, £0.0056 is £0.00).
- Earnings bands as an FPS reports them: nothing when pay is below the LEL; otherwise the LEL itself, pay from the
  LEL to the PT, and pay from the PT to the UEL, to the penny.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_HALF_DOWN,
    Decimal,
    InvalidOperation,
)

from paemployer.errors import RatesError, ValidationError
from paemployer.i18n import N_, _
from paemployer.rules.money import PENNY, ZERO, to_decimal
from paemployer.rules.rates import RatesRow, RatesTable, load_table
from paemployer.rules.tax_year import tax_year_code, tax_year_of

TABLE = "national_insurance"
CATEGORY_LETTERS_SOURCE = "https://www.gov.uk/national-insurance-rates-letters/category-letters"

FREQUENCIES = ("weekly", "fortnightly", "four_weekly", "monthly")
# Weeks in a pay period for the weekly kinds: their thresholds come from the annual figure (or are the weekly one).
WEEKS_IN_PERIOD = {"weekly": 1, "fortnightly": 2, "four_weekly": 4}
WEEKS_IN_YEAR = 52

CATEGORIES: tuple[str, ...] = ("A", "B", "C", "D", "E", "F", "H", "I", "J", "K", "L", "M", "N", "S", "V", "X", "Z")

# The employee's rate between the PT and the UEL: the main rate, the married women's reduced rate, none (over State
# Pension age), or only the additional rate (deferred: full NI is paid in another job).
MAIN, REDUCED, NONE, DEFERRED = "main", "reduced", "none", "deferred"
EMPLOYEE_RATE = {
    "A": MAIN, "H": MAIN, "M": MAIN, "V": MAIN, "F": MAIN, "N": MAIN,
    "B": REDUCED, "I": REDUCED, "E": REDUCED,
    "C": NONE, "S": NONE, "K": NONE,
    "J": DEFERRED, "Z": DEFERRED, "L": DEFERRED, "D": DEFERRED,
}
# The threshold (a rates-table field) below which the employer pays 0 % for the category; others pay from the ST.
EMPLOYER_RELIEF = {
    "M": "upper_secondary_threshold", "Z": "upper_secondary_threshold",
    "H": "apprentice_upper_secondary_threshold",
    "V": "veterans_upper_secondary_threshold",
    "F": "freeport_upper_secondary_threshold", "I": "freeport_upper_secondary_threshold",
    "L": "freeport_upper_secondary_threshold", "S": "freeport_upper_secondary_threshold",
    "D": "investment_zone_upper_secondary_threshold", "E": "investment_zone_upper_secondary_threshold",
    "K": "investment_zone_upper_secondary_threshold", "N": "investment_zone_upper_secondary_threshold",
}
NO_NI = "X"

# What each letter means, in the words of HMRC's "National Insurance category letters" page.
CATEGORY_WORDS = {
    "A": N_("Standard rate (most people)"),
    "B": N_("Married woman or widow who chose to pay the reduced rate (before 1977)"),
    "C": N_("Over State Pension age: the PA pays none, the employer still pays"),
    "D": N_("Investment zone: can put off paying because they already pay in another job"),
    "E": N_("Investment zone: married woman or widow paying the reduced rate"),
    "F": N_("Freeport: standard rate"),
    "H": N_("Apprentice under 25"),
    "I": N_("Freeport: married woman or widow paying the reduced rate"),
    "J": N_("Can put off paying because they already pay in another job"),
    "K": N_("Investment zone: over State Pension age"),
    "L": N_("Freeport: can put off paying because they already pay in another job"),
    "M": N_("Under 21"),
    "N": N_("Investment zone: standard rate"),
    "S": N_("Freeport: over State Pension age"),
    "V": N_("Veteran in the first 12 months of their first civilian job since leaving the armed forces"),
    "X": N_("Does not pay National Insurance, for example because they are under 16"),
    "Z": N_("Under 21 and can put off paying because they already pay in another job"),
}

_THOUSANDTH = Decimal("0.001")


@dataclass(frozen=True)
class NiResult:
    """Class 1 NI on one payment. Employer NI is before any Employment Allowance."""

    employee_ni: Decimal
    employer_ni: Decimal
    earnings_at_lel: Decimal
    earnings_lel_to_pt: Decimal
    earnings_pt_to_uel: Decimal
    earnings_above_uel: Decimal
    category: str


@dataclass(frozen=True)
class PeriodThresholds:
    """The thresholds for one pay period (already multiplied by the periods a payment covers)."""

    lower_earnings_limit: Decimal
    primary_threshold: Decimal
    secondary_threshold: Decimal
    upper_earnings_limit: Decimal
    employer_relief_threshold: Decimal | None  # the category's upper secondary threshold, if it has one


def round_ni(amount: Decimal) -> Decimal:
    """HMRC's NI rounding: the third decimal place of the pounds decides; 6 or more rounds up, 5 or less down."""
    return amount.quantize(_THOUSANDTH, rounding=ROUND_DOWN).quantize(PENNY, rounding=ROUND_HALF_DOWN)


def national_insurance_table() -> RatesTable:
    """resources/rates/national_insurance.toml (load_table reads it once a process)."""
    return load_table(TABLE)


def _row_for(tax_year: str) -> RatesRow:
    start = tax_year_of(tax_year)
    table = national_insurance_table()
    first_full = next((row for row in table.rows if row["primary_threshold_annual"] is not None), None)
    row = table.tax_year_row(start, needs="primary_threshold_annual")
    if row is None:
        first = tax_year_code(first_full.effective_from) if first_full else ""
        last = tax_year_code(table.rows[-1].effective_from)
        raise RatesError(
            _("PA Employer has no National Insurance figures for the tax year {year}: it works out National "
              "Insurance for {first} to {last}.").format(year=tax_year, first=first, last=last),
            message_id="ni_no_figures_for_year")
    return row


def _threshold(row: RatesRow, name: str, frequency: str) -> Decimal:
    if frequency == "monthly":
        return row[f"{name}_monthly"]
    weeks = WEEKS_IN_PERIOD[frequency]
    if weeks == 1:
        return row[name]
    # HMRC: annual x weeks / 52, rounded up to the next whole pound (2025-26 fortnightly ST 5000 x 2 / 52 -> 193).
    return (row[f"{name}_annual"] * weeks / WEEKS_IN_YEAR).to_integral_value(rounding=ROUND_CEILING)


def _check(frequency: str, category: str, periods: int) -> str:
    if frequency not in FREQUENCIES:
        raise ValidationError(
            _("'{text}' is not a pay frequency: give weekly, fortnightly, four-weekly or monthly.").format(
                text=str(frequency)[:20]), field="frequency", message_id="ni_bad_frequency")
    letter = category.strip().upper() if isinstance(category, str) else ""
    if letter not in CATEGORIES:
        raise ValidationError(
            _("'{text}' is not a National Insurance category letter: give one of {letters}.").format(
                text=str(category)[:20], letters=", ".join(CATEGORIES)), field="category",
            message_id="ni_bad_category")
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 1:
        raise ValidationError(_("The number of pay periods a payment covers must be a whole number of 1 or more."),
                              field="periods", message_id="ni_bad_periods")
    return letter


def period_thresholds(*, tax_year: str, frequency: str, category: str = "A", periods: int = 1) -> PeriodThresholds:
    """The LEL, PT, ST, UEL (and the category's upper secondary threshold) for a payment of `periods` pay periods."""
    letter = _check(frequency, category, periods)
    return _period_thresholds(_row_for(tax_year), frequency, letter, periods)


def _period_thresholds(row: RatesRow, frequency: str, letter: str, periods: int) -> PeriodThresholds:
    relief = EMPLOYER_RELIEF.get(letter)
    return PeriodThresholds(
        lower_earnings_limit=_threshold(row, "lower_earnings_limit", frequency) * periods,
        primary_threshold=_threshold(row, "primary_threshold", frequency) * periods,
        secondary_threshold=_threshold(row, "secondary_threshold", frequency) * periods,
        upper_earnings_limit=_threshold(row, "upper_earnings_limit", frequency) * periods,
        employer_relief_threshold=_threshold(row, relief, frequency) * periods if relief else None,
    )


def _between(gross: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """The part of `gross` above `low` and up to `high`."""
    return max(ZERO, min(gross, high) - low)


def class1_ni(*, tax_year: str, frequency: str, category: str, gross: Decimal, periods: int = 1) -> NiResult:
    """Employee and employer Class 1 NI on one payment of NI-able pay `gross`, for a non-director.

    `frequency` is weekly, fortnightly, four_weekly or monthly; `periods` the number of those pay periods the
    payment covers (thresholds multiplied by it). Bad input is a ValidationError; a tax year without figures a
    RatesError. Employer NI is before the Employment Allowance.
    """
    letter = _check(frequency, category, periods)
    try:
        gross = to_decimal(gross)
        whole_pence = gross >= ZERO and gross == gross.quantize(PENNY)
    except (TypeError, ValueError, InvalidOperation):  # InvalidOperation: too many digits to hold in pence
        whole_pence = False
    if not whole_pence:
        raise ValidationError(_("The pay must be an amount of money of 0 or more, in pounds and pence."),
                              field="gross", message_id="ni_bad_gross")
    row = _row_for(tax_year)
    limits = _period_thresholds(row, frequency, letter, periods)
    if letter == NO_NI:
        return NiResult(*(ZERO.quantize(PENNY),) * 6, letter)

    lel, pt, uel = limits.lower_earnings_limit, limits.primary_threshold, limits.upper_earnings_limit
    above_uel = max(ZERO, gross - uel)
    if gross < lel:
        at_lel = lel_to_pt = pt_to_uel = ZERO
    else:
        at_lel, lel_to_pt, pt_to_uel = lel, _between(gross, lel, pt), _between(gross, pt, uel)

    kind = EMPLOYEE_RATE[letter]
    main = {MAIN: row["employee_main_rate"], REDUCED: row["employee_reduced_rate"], NONE: ZERO,
            DEFERRED: row["employee_additional_rate"]}[kind]
    additional = ZERO if kind == NONE else row["employee_additional_rate"]
    employee = round_ni(_between(gross, pt, uel) * main) + round_ni(above_uel * additional)

    employer_from = limits.secondary_threshold
    if limits.employer_relief_threshold is not None:
        employer_from = max(employer_from, limits.employer_relief_threshold)
    rate = row["employer_rate"]
    employer = round_ni(_between(gross, employer_from, uel) * rate) + round_ni(above_uel * rate)
    # Every figure is already whole pence: quantize only writes it with two places.
    return NiResult(*(amount.quantize(PENNY) for amount in (employee, employer, at_lel, lel_to_pt, pt_to_uel,
                                                             above_uel)), letter)


def category_words(category: str) -> str:
    """A category letter in plain words, in the reader's language."""
    words = CATEGORY_WORDS.get(category.strip().upper() if isinstance(category, str) else "")
    if words is None:
        raise ValidationError(_("'{text}' is not a National Insurance category letter.").format(
            text=str(category)[:20]), field="category", message_id="ni_bad_category")
    return _(words)


def suggested_category(*, age: int | None, over_state_pension_age: bool, apprentice_under_25: bool,
                       deferred: bool = False) -> str:
    """The letter a PA usually has, by HMRC's "National Insurance category letters" (CATEGORY_LETTERS_SOURCE).

    Over State Pension age: C (no employee NI; it outranks the rest). Under 16: X. Deferred (full NI paid in another
    job): Z under 21, otherwise J. An apprentice under 25 on an approved apprenticeship: H (even under 21, where H
    and M give the same relief). Under 21: M. Otherwise A. An unknown age is taken as 21 or over.
    """
    if over_state_pension_age:
        return "C"
    if age is not None and age < 16:
        return "X"
    under_21 = age is not None and age < 21
    if deferred:
        return "Z" if under_21 else "J"
    if apprentice_under_25 and (age is None or age < 25):
        return "H"
    return "M" if under_21 else "A"
