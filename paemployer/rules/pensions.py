"""Workplace pensions automatic enrolment: who must be enrolled in a pay reference period, the qualifying earnings
and the minimum contributions on them, State Pension age, postponement and the opt-out window.

Legal basis: Pensions Act 2008 (Part 1, Chapter 1):
- s.1: a jobholder is a worker aged at least 16 and under 75, working in Great Britain, with qualifying earnings
  (earnings above the lower limit of the qualifying earnings band) in the pay reference period;
- s.3: an eligible jobholder is a jobholder aged at least 22 who has not reached State Pension age and whose earnings
  in the pay reference period are above the earnings trigger: the employer must enrol them automatically;
- s.4: the employer may postpone (defer) the assessment for up to three months;
- s.13: qualifying earnings are the part of the gross earnings in the pay reference period above the lower limit
  and not above the upper limit;
- s.15A: rounded figures for pay reference periods of a week, two weeks, four weeks and a month (used here);
- s.20 and the Occupational and Personal Pension Schemes (Automatic Enrolment) Regulations 2010: the minimum
  contributions to a defined contribution scheme on qualifying earnings, 8 % in all of which the employer pays at
  least 3 % (since 6 April 2019); reg 9: a jobholder may opt out within one month.
The Pensions Regulator's guidance for employers ("Automatic enrolment earnings thresholds", "Assessing the
workforce") gives the same categories: an eligible jobholder must be enrolled; a non-eligible jobholder (16-74 with
earnings above the lower limit who is not eligible) may opt in and the employer must then contribute; an entitled
worker (16-74, earnings at or below the lower limit) may join and the employer need not contribute.

The figures are in resources/rates/auto_enrolment.toml (one row a tax year, each with its source); the period that
postponement may last is in employer_duties.toml (shared with the declaration warnings in compliance_checks).
Nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from paemployer.errors import RatesError, ValidationError
from paemployer.i18n import N_, _
from paemployer.rules.dates import add_years, months_after, period_end
from paemployer.rules.money import PENNY, ZERO, round_half_up_to_penny, to_decimal
from paemployer.rules.rates import RatesRow, RatesTable, load_table
from paemployer.rules.tax_year import tax_year_code, tax_year_of

TABLE = "auto_enrolment"

ELIGIBLE_JOBHOLDER = "eligible_jobholder"
NON_ELIGIBLE_JOBHOLDER = "non_eligible_jobholder"
ENTITLED_WORKER = "entitled_worker"
NO_DUTY = "no_duty"  # under 16, or 75 and over
STATUSES = (ELIGIBLE_JOBHOLDER, NON_ELIGIBLE_JOBHOLDER, ENTITLED_WORKER, NO_DUTY)
# What each category means for the employer, in plain words (TPR "Assessing the workforce").
STATUS_WORDS = {
    ELIGIBLE_JOBHOLDER: N_("eligible jobholder: must be put into a workplace pension, and the employer pays into it"),
    NON_ELIGIBLE_JOBHOLDER: N_("non-eligible jobholder: not put in automatically, but may ask to join (opt in), "
                               "and then the employer must pay into it"),
    ENTITLED_WORKER: N_("entitled worker: not put in automatically, but may ask to join a pension; the employer "
                        "need not pay into it"),
    NO_DUTY: N_("outside automatic enrolment (under 16, or 75 or over): no duty to enrol"),
}

FREQUENCIES = ("weekly", "fortnightly", "four_weekly", "monthly")
NET_PAY = "net_pay"
RELIEF_AT_SOURCE = "relief_at_source"
RELIEF_KINDS = (NET_PAY, RELIEF_AT_SOURCE)


def auto_enrolment_table() -> RatesTable:
    """resources/rates/auto_enrolment.toml (load_table reads it once a process)."""
    return load_table(TABLE)


def _row_on(on: date) -> RatesRow:
    return auto_enrolment_table().row_on(on)


def _row_for_tax_year(tax_year: str) -> RatesRow:
    """The row for the tax year written '2025-26': the row starting on its 6 April (never last year's carried on)."""
    start = tax_year_of(tax_year)
    table = auto_enrolment_table()
    row = table.tax_year_row(start, needs="earnings_trigger_weekly")
    if row is None:
        with_periods = [r for r in table.rows if r["earnings_trigger_weekly"] is not None]
        raise RatesError(
            _("PA Employer has no automatic enrolment figures for the tax year {year}: it has them for {first} to "
              "{last}.").format(year=tax_year, first=tax_year_code(with_periods[0].effective_from),
                                last=tax_year_code(with_periods[-1].effective_from)),
            message_id="pension_no_figures_for_year")
    return row


# --- State Pension age ----------------------------------------------------------------------------------------------

# Pensions Act 1995 Sch. 4 para. 1 as amended by the Pensions Act 2011 s.1: people born from 6 December
# 1953 to 5 October 1954 reach State Pension age on a set day; (first birthday in the band, last, the day).
_PENSIONS_ACT_2011_TABLE = (
    (date(1953, 12, 6), date(1954, 1, 5), date(2019, 3, 6)),
    (date(1954, 1, 6), date(1954, 2, 5), date(2019, 5, 6)),
    (date(1954, 2, 6), date(1954, 3, 5), date(2019, 7, 6)),
    (date(1954, 3, 6), date(1954, 4, 5), date(2019, 9, 6)),
    (date(1954, 4, 6), date(1954, 5, 5), date(2019, 11, 6)),
    (date(1954, 5, 6), date(1954, 6, 5), date(2020, 1, 6)),
    (date(1954, 6, 6), date(1954, 7, 5), date(2020, 3, 6)),
    (date(1954, 7, 6), date(1954, 8, 5), date(2020, 5, 6)),
    (date(1954, 8, 6), date(1954, 9, 5), date(2020, 7, 6)),
    (date(1954, 9, 6), date(1954, 10, 5), date(2020, 9, 6)),
)
# Pensions Act 1995 Sch. 4 para. 1(7) and table 3 as substituted by the Pensions Act 2014 s.26: people born from
# 6 April 1960 to 5 March 1961 reach State Pension age at 66 years and 1 to 11 months; (first, last, months over 66).
_PENSIONS_ACT_2014_TABLE = (
    (date(1960, 4, 6), date(1960, 5, 5), 1),
    (date(1960, 5, 6), date(1960, 6, 5), 2),
    (date(1960, 6, 6), date(1960, 7, 5), 3),
    (date(1960, 7, 6), date(1960, 8, 5), 4),
    (date(1960, 8, 6), date(1960, 9, 5), 5),
    (date(1960, 9, 6), date(1960, 10, 5), 6),
    (date(1960, 10, 6), date(1960, 11, 5), 7),
    (date(1960, 11, 6), date(1960, 12, 5), 8),
    (date(1960, 12, 6), date(1961, 1, 5), 9),
    (date(1961, 1, 6), date(1961, 2, 5), 10),
    (date(1961, 2, 6), date(1961, 3, 5), 11),
)
# Pensions Act 1995 Sch. 4 para. 1 table 4 as inserted by the Pensions Act 2007 s.13 and Sch. 3: the rise from 67
# to 68 for people born from 6 April 1977 to 5 April 1978, on set days from 6 May 2044 to 6 March 2046, two months
# apart; 68 for anyone born later. This is the law today: the rise to 68 has not been brought forward (the
# government's State Pension age reviews have proposed it, and no Act has done it).
_PENSIONS_ACT_2007_TABLE = (
    (date(1977, 4, 6), date(1977, 5, 5), date(2044, 5, 6)),
    (date(1977, 5, 6), date(1977, 6, 5), date(2044, 7, 6)),
    (date(1977, 6, 6), date(1977, 7, 5), date(2044, 9, 6)),
    (date(1977, 7, 6), date(1977, 8, 5), date(2044, 11, 6)),
    (date(1977, 8, 6), date(1977, 9, 5), date(2045, 1, 6)),
    (date(1977, 9, 6), date(1977, 10, 5), date(2045, 3, 6)),
    (date(1977, 10, 6), date(1977, 11, 5), date(2045, 5, 6)),
    (date(1977, 11, 6), date(1977, 12, 5), date(2045, 7, 6)),
    (date(1977, 12, 6), date(1978, 1, 5), date(2045, 9, 6)),
    (date(1978, 1, 6), date(1978, 2, 5), date(2045, 11, 6)),
    (date(1978, 2, 6), date(1978, 3, 5), date(2046, 1, 6)),
    (date(1978, 3, 6), date(1978, 4, 5), date(2046, 3, 6)),
)


def state_pension_age_date(date_of_birth: date) -> date:
    """The day a person born on `date_of_birth` reaches State Pension age (Pensions Act 1995 Sch. 4 para. 1 as
    amended by the Pensions Acts 2007, 2011 and 2014; the same in Northern Ireland).

    - born before 6 December 1953: 65 (a man; a woman born before then reached it earlier, from 60 — Sch. 4
      para. 1(2)-(3) —, which needs her sex to say; either way it was before 6 December 2018, so whether she has
      reached it on any day from then on has one answer, which is all automatic enrolment asks);
    - 6 December 1953 to 5 October 1954: a set day from 6 March 2019 to 6 September 2020 (Pensions Act 2011);
    - 6 October 1954 to 5 April 1960: 66;
    - 6 April 1960 to 5 March 1961: 66 years and 1 to 11 months (Pensions Act 2014 s.26); a month without the day of
      birth gives its last day (born 31 July 1960: 30 November 2026, para. 1(7A));
    - 6 March 1961 to 5 April 1977: 67;
    - 6 April 1977 to 5 April 1978: a set day from 6 May 2044 to 6 March 2046 (Pensions Act 2007);
    - from 6 April 1978: 68.
    An age is reached at the start of the birthday (Family Law Reform Act 1969 s.9; born 29 February: 1 March in a
    common year, as rules/dates.add_years).
    """
    if date_of_birth < date(1953, 12, 6):
        return add_years(date_of_birth, 65)
    for first, last, day in _PENSIONS_ACT_2011_TABLE:
        if first <= date_of_birth <= last:
            return day
    if date_of_birth < date(1960, 4, 6):
        return add_years(date_of_birth, 66)
    for first, last, months in _PENSIONS_ACT_2014_TABLE:
        if first <= date_of_birth <= last:
            # "66 years and n months": the corresponding day, or the month's last day (para. 1(7A)).
            return months_after(date_of_birth, 66 * 12 + months)
    if date_of_birth < date(1977, 4, 6):
        return add_years(date_of_birth, 67)
    for first, last, day in _PENSIONS_ACT_2007_TABLE:
        if first <= date_of_birth <= last:
            return day
    return add_years(date_of_birth, 68)


def has_reached_state_pension_age(date_of_birth: date, on: date) -> bool:
    return on >= state_pension_age_date(date_of_birth)


# --- the assessment in a pay reference period ----------------------------------------------------------------------


@dataclass(frozen=True)
class PensionAssessment:
    """A worker's category in one pay reference period, and the minimum contributions on the qualifying earnings.

    The minimums are what the law asks when the worker is an active member: an eligible jobholder (enrolled), or a
    non-eligible jobholder who has opted in. They are nothing for an entitled worker (no qualifying earnings, and an
    employer need not contribute for one who joins) and for a worker outside the duties (under 16 or 75 and over).
    """

    status: str
    qualifying_earnings: Decimal
    employer_minimum: Decimal
    total_minimum: Decimal
    employee_minimum: Decimal
    employee_deduction_relief_at_source: Decimal
    earnings_trigger: Decimal
    lower_limit: Decimal
    upper_limit: Decimal

    @property
    def must_enrol(self) -> bool:
        return self.status == ELIGIBLE_JOBHOLDER


def status_words(status: str) -> str:
    """The category and what it means, in the reader's language."""
    return _(STATUS_WORDS[status])


def _check_frequency(frequency: str) -> str:
    if frequency not in FREQUENCIES:
        raise ValidationError(
            _("'{text}' is not a pay frequency: give weekly, fortnightly, four-weekly or monthly.").format(
                text=str(frequency)[:20]), field="frequency", message_id="pension_bad_frequency")
    return frequency


def period_limits(*, tax_year: str, frequency: str) -> tuple[Decimal, Decimal, Decimal]:
    """(earnings trigger, lower limit, upper limit) for a pay reference period of `frequency`'s length in the tax
    year written '2025-26': The Pensions Regulator's rounded figures (Pensions Act 2008 s.15A)."""
    row = _row_for_tax_year(tax_year)
    _check_frequency(frequency)
    return (row[f"earnings_trigger_{frequency}"], row[f"qualifying_earnings_lower_{frequency}"],
            row[f"qualifying_earnings_upper_{frequency}"])


def qualifying_earnings(gross: Decimal, lower_limit: Decimal, upper_limit: Decimal) -> Decimal:
    """Pay above the lower limit and not above the upper limit (Pensions Act 2008 s.13(1))."""
    return max(ZERO, min(gross, upper_limit) - lower_limit)


def _check_age(age: int) -> int:
    if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 130:
        raise ValidationError(_("The age must be a whole number of years from 0 to 130."), field="age",
                              message_id="pension_bad_age")
    return age


def _check_money(amount: Decimal, field: str) -> Decimal:
    value = to_decimal(amount)
    if value < 0:
        raise ValidationError(_("An amount of pay cannot be less than nothing."), field=field,
                              message_id="pension_negative_pay")
    if value != value.quantize(PENNY):
        raise ValidationError(_("An amount of pay is a whole number of pence: {amount} is not.").format(
            amount=value), field=field, message_id="pension_part_pence")
    return value


def assess_for_pension(*, tax_year: str, frequency: str, gross: Decimal, age: int,
                       reached_state_pension_age: bool) -> PensionAssessment:
    """The worker's automatic enrolment category in one pay reference period of `frequency`'s length, and the
    minimum contributions on the qualifying earnings of `gross` (Pensions Act 2008 ss.1, 3, 13, 20; TPR guidance).

    Eligible jobholder: aged 22 or more, not yet at State Pension age, earnings ABOVE the trigger for the period (at
    the trigger exactly is not enough: s.3(1)(c) "more than"). Non-eligible jobholder: aged 16 to 74 with earnings
    above the lower limit, not eligible. Entitled worker: aged 16 to 74 with earnings at or below the lower limit.
    No duty: under 16, or 75 and over.

    Minimum contributions (total 8 %, employer 3 %, employee the rest): each is rounded to the penny, half up.
    A scheme's own rules may round differently (some round down, some work on whole pounds), and the scheme's
    figures are then the ones to pay. Under relief at source the employee's deduction is their share less the basic
    rate of tax, which HMRC adds to the pension (4 % of the 5 %); under a net pay arrangement the whole share is
    taken from pay before tax.
    """
    row = _row_for_tax_year(tax_year)
    trigger, lower, upper = period_limits(tax_year=tax_year, frequency=frequency)
    gross = _check_money(gross, "gross")
    _check_age(age)
    in_duties = row["jobholder_minimum_age"] <= age < row["jobholder_age_limit"]
    if not in_duties:
        status = NO_DUTY
    elif age >= row["eligible_jobholder_minimum_age"] and not reached_state_pension_age and gross > trigger:
        status = ELIGIBLE_JOBHOLDER
    elif gross > lower:
        status = NON_ELIGIBLE_JOBHOLDER
    else:
        status = ENTITLED_WORKER
    earnings = qualifying_earnings(gross, lower, upper)
    if status in (ELIGIBLE_JOBHOLDER, NON_ELIGIBLE_JOBHOLDER):
        # Scheme rules may round differently: these are the law's minimums, rounded to the penny half up.
        employer = round_half_up_to_penny(earnings * row["minimum_employer_contribution"])
        total = round_half_up_to_penny(earnings * row["minimum_total_contribution"])
        employee = total - employer
        relief_at_source = round_half_up_to_penny(employee * (1 - row["relief_at_source_rate"]))
    else:
        employer = total = employee = relief_at_source = ZERO
    return PensionAssessment(
        status=status,
        qualifying_earnings=earnings,
        employer_minimum=employer,
        total_minimum=total,
        employee_minimum=employee,
        employee_deduction_relief_at_source=relief_at_source,
        earnings_trigger=trigger,
        lower_limit=lower,
        upper_limit=upper,
    )


def pension_contributions(*, qualifying_earnings: Decimal, employer_rate: Decimal, employee_rate: Decimal,
                          relief: str, on: date) -> tuple[Decimal, Decimal]:
    """(employer's contribution, employee's deduction from pay) at the scheme's own rates, for an employer paying
    more than the minimum. `relief` is "net_pay" (the employee's share taken before tax: the deduction is the whole
    share) or "relief_at_source" (taken after tax, less the basic rate of tax in force on `on`, which HMRC adds to
    the pension). Each figure is rounded to the penny, half up; a scheme's own rules may round differently.
    """
    earnings = _check_money(qualifying_earnings, "qualifying_earnings")
    employer_rate, employee_rate = to_decimal(employer_rate), to_decimal(employee_rate)
    if not (0 <= employer_rate <= 1 and 0 <= employee_rate <= 1):
        raise ValidationError(_("A contribution rate must be from 0 % to 100 %."), field="pension_rate",
                              message_id="pension_bad_rate")
    if relief not in RELIEF_KINDS:
        raise ValidationError(
            _("'{text}' is not a kind of pension tax relief: give net_pay or relief_at_source.").format(
                text=str(relief)[:20]), field="pension_relief", message_id="pension_bad_relief")
    employer = round_half_up_to_penny(earnings * employer_rate)
    employee = round_half_up_to_penny(earnings * employee_rate)
    if relief == RELIEF_AT_SOURCE:
        employee = round_half_up_to_penny(employee * (1 - _row_on(on)["relief_at_source_rate"]))
    return employer, employee


# --- postponement and opting out -----------------------------------------------------------------------------------


def postponement_end(start: date) -> date:
    """The latest day a postponement that starts on `start` (the duties start date, or the day a worker starts or
    becomes eligible) can run to: three months after it, the corresponding date or the month's last day (Pensions
    Act 2008 s.4; employer_duties.toml ae_postponement_months; the deadline convention of rules/dates)."""
    return months_after(start, load_table("employer_duties").row_on(start)["ae_postponement_months"])


def opt_out_window(enrolled_on: date, informed_on: date | None) -> tuple[date, date]:
    """(first day, last day) a jobholder may opt out: the period of one month beginning with the later of the day
    they were enrolled and the day they were given the enrolment information (Occupational and Personal Pension
    Schemes (Automatic Enrolment) Regulations 2010 reg 9(3)); contributions paid are refunded (reg 10).
    `informed_on` None: the information has not been recorded, so the window is the earliest it can be, beginning
    on the enrolment day; it moves later if the information was given later."""
    first = enrolled_on if informed_on is None else max(enrolled_on, informed_on)
    return first, period_end(first, months=_row_on(first)["opt_out_period_months"])
