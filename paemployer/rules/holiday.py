"""Statutory holiday: entitlement for each way of working, irregular-hours accrual, and a week's holiday pay.

Legal basis (Great Britain): Working Time Regulations 1998 (SI 1998/1833)
- reg 13 (4 weeks) and reg 13A (1.6 weeks more; 5.6 weeks in all, capped at 28 days, reg 13A(3));
- reg 15A (leave in the first year accrues one twelfth on the first day of each month; a fraction of a
  day is treated as a half day or a whole day);
- regs 15F and 15G (irregular-hours and part-year workers, leave years beginning on or after
  1 April 2024: 12.07% of the hours worked in each pay period, accrued at its end);
- reg 16 with Employment Rights Act 1996 ss.221-224 (a week's pay; from 6 April 2020, for workers
  without normal hours or with variable pay, the average over the last 52 weeks with pay, looking back
  no more than 104 weeks - SI 2018/1378).
Northern Ireland: Working Time Regulations (NI) 2016 regs 13, 13A, 15A, 16 give the same 5.6 weeks and
28 days; the 12.07% accrual and the 52-week reference period were not adopted there (12 weeks).

The entitlement calculations reproduce the GOV.UK "Calculate holiday entitlement" smart answer
(alphagov/smart-answers, lib/smart_answer/calculators/holiday_entitlement.rb and the flow
calculate_your_holiday_entitlement_flow), including where it rounds:
- a starter's fraction of the year counts whole months (reg 15A), and a starter's days, shifts and the
  hours derived from those days are rounded UP to the next half day;
- intermediate figures are rounded to 10 decimal places (half up), as GOV.UK's BigDecimal code does;
- the figure GOV.UK shows is rounded UP to 1 decimal place (2 for a leaver's shifts and weeks);
- irregular hours: 12.07% of the hours worked, rounded to the nearest whole hour (half up).
Arithmetic is exact (fractions), so no binary floating-point error reaches a result.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date
from paemployer.rules.dates import anniversary, period_end
from paemployer.rules.rates import RatesRow, load_table

TABLE = "holiday"
DAYS_PER_WEEK = 7
MONTHS_PER_YEAR = 12
PENNY = Decimal("0.01")


class Basis(str, Enum):
    """The ways of working the GOV.UK holiday entitlement calculator offers."""

    DAYS = "days"
    HOURS = "hours"
    COMPRESSED = "compressed"
    SHIFTS = "shifts"
    IRREGULAR = "irregular"
    ANNUALISED = "annualised"


class Period(str, Enum):
    FULL_YEAR = "full-year"
    STARTING = "starting"
    LEAVING = "leaving"
    STARTING_AND_LEAVING = "starting-and-leaving"


@dataclass(frozen=True)
class LeaveYear:
    first_day: date
    last_day: date

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def includes_29_february(self) -> bool:
        for year in range(self.first_day.year, self.last_day.year + 1):
            if calendar.isleap(year) and self.first_day <= date(year, 2, 29) <= self.last_day:
                return True
        return False


@dataclass(frozen=True)
class YearFraction:
    """The share of a leave year worked, with how it was counted."""

    value: Fraction
    period: Period
    leave_year: LeaveYear
    months: int | None = None        # a starter: whole months (reg 15A)
    days: int | None = None          # a leaver: days employed in the leave year
    days_in_year: int | None = None  # 365, or 366 when the year counted includes 29 February


@dataclass(frozen=True)
class HolidayEntitlement:
    """A statutory entitlement with its working, in plain values for the UI, PDFs and the CLI.

    `entitlement` carries the rounding GOV.UK applies to the entitlement itself (a starter's days and
    shifts rounded up to the next half day; an irregular-hours accrual rounded to the nearest hour);
    `display` is the figure GOV.UK shows (rounded up to 1 or 2 decimal places).
    """

    basis: Basis
    entitlement: Decimal
    unit: str                       # "days" | "hours" | "shifts" | "weeks"
    display: str
    period: Period
    working: Mapping[str, Any] = field(default_factory=dict)
    steps: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    accrued: Decimal | None = None  # irregular hours: the exact hours accrued, unrounded (what pay adds up)

    def __post_init__(self) -> None:
        object.__setattr__(self, "working", MappingProxyType(dict(self.working)))
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))


# --- exact arithmetic with GOV.UK's rounding steps -------------------------------------------------

def _fraction(value: Decimal | int | str | Fraction) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(Decimal(str(value)))


def round_places_half_up(value: Fraction, places: int = 10) -> Fraction:
    """Round to `places` decimals, half away from zero (Ruby BigDecimal#round's default mode)."""
    scale = 10 ** places
    scaled = abs(value) * scale
    rounded = math.floor(scaled + Fraction(1, 2))
    return Fraction(rounded if value >= 0 else -rounded, scale)


def ceil_places(value: Fraction, places: int) -> Fraction:
    """Round up to `places` decimals: how GOV.UK's format_number shows every figure."""
    scale = 10 ** places
    return Fraction(math.ceil(value * scale), scale)


def ceil_half(value: Fraction) -> Fraction:
    """Round up to the next half: GOV.UK's rounding of a starter's days and shifts (reg 15A(2))."""
    return Fraction(math.ceil(value * 2), 2)


def govuk_format(value: Fraction, places: int = 1) -> str:
    """GOV.UK's format_number: round up to `places` decimals, then drop a wholly-zero decimal part."""
    rounded = ceil_places(value, places)
    text = f"{Decimal(rounded.numerator) / Decimal(rounded.denominator):.{places}f}"
    if "." in text and set(text.split(".", 1)[1]) == {"0"}:
        text = text.split(".", 1)[0]
    return text


def to_decimal(value: Fraction, places: int = 10) -> Decimal:
    """An exact fraction as a Decimal string-ready value: 10 places, half up, trailing zeros dropped."""
    rounded = round_places_half_up(value, places)
    result = (Decimal(rounded.numerator) / Decimal(rounded.denominator)).quantize(Decimal(1).scaleb(-places))
    normalised = result.normalize()
    # normalize() writes 28 as 2.8E+1: quantize back to a plain number of places.
    exponent = normalised.as_tuple().exponent
    return normalised.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else normalised


def plain(value: Decimal | int) -> str:
    """A number as people write it, never in scientific notation (str(Decimal('0.00000056')) is '5.6E-7')."""
    return format(Decimal(value), "f")


def _text(value: Fraction, places: int = 10) -> str:
    """An exact fraction as plain decimal text: to_decimal's rounding, written without an exponent."""
    return plain(to_decimal(value, places))


# --- the leave year and the share of it worked ------------------------------------------------------

def leave_year_beginning(first_day: date) -> LeaveYear:
    """The year from `first_day` to the day before its next anniversary (GOV.UK's YearRange): a year beginning on
    29 February ends on 28 February, and the next begins on 1 March (rules/dates.py, "a period beginning on a
    day")."""
    return LeaveYear(first_day, period_end(first_day, months=MONTHS_PER_YEAR))


def leave_year_containing(leave_year_start: date, on: date) -> LeaveYear:
    """The leave year (beginning on each anniversary of `leave_year_start`, WTR 1998 reg 13(3)) that includes `on`:
    from one anniversary to the day before the next. Anniversaries of 29 February fall on 1 March in common
    years, so the years neither overlap nor leave a gap (1 March 2027 to 28 February 2028, then from 29 February)."""
    year = on.year if on >= anniversary(leave_year_start, on.year) else on.year - 1
    return LeaveYear(anniversary(leave_year_start, year), anniversary(leave_year_start, year + 1) - timedelta(days=1))


def _months_worked(start: date, leave_year: LeaveYear) -> int:
    # GOV.UK counts the month of the start date as a whole month if the start day-of-month is on or
    # before the leave year's last day-of-month (one twelfth from the first day, reg 15A).
    end = leave_year.last_day
    months = MONTHS_PER_YEAR * (end.year - start.year) + end.month - start.month
    return months + 1 if end.day >= start.day else months


def year_fraction(*, leave_year_start: date, start: date | None = None, leaving: date | None = None) -> YearFraction:
    """The share of the leave year worked, counted the way GOV.UK's calculator counts it.

    - full year: 1;
    - starting part way: whole months to the end of the leave year / 12 (reg 15A accrual);
    - leaving part way: days from the start of the leave year to the leaving day / 365 (366 if the leave
      year includes 29 February);
    - starting and leaving: days employed / days in the year beginning on the start date (GOV.UK
      measures this year from the start date, whatever the leave year).
    """
    if start is not None and leaving is not None:
        if leaving < start:
            raise ValidationError(_("The leaving date is before the start date."), field="leaving")
        year = leave_year_beginning(start)
        if leaving > year.last_day:
            raise ValidationError(
                _("The leaving date must be within a year of the start date; work out each leave year separately."),
                field="leaving",
            )
        days_in_year = 366 if year.includes_29_february else 365
        days = (leaving - start).days + 1
        return YearFraction(Fraction(days, days_in_year), Period.STARTING_AND_LEAVING, year,
                            days=days, days_in_year=days_in_year)
    if start is not None:
        year = leave_year_containing(leave_year_start, start)
        months = _months_worked(start, year)
        return YearFraction(Fraction(months, MONTHS_PER_YEAR), Period.STARTING, year, months=months)
    if leaving is not None:
        year = leave_year_containing(leave_year_start, leaving)
        days_in_year = 366 if year.includes_29_february else 365
        days = (leaving - year.first_day).days + 1
        return YearFraction(Fraction(days, days_in_year), Period.LEAVING, year, days=days, days_in_year=days_in_year)
    return YearFraction(Fraction(1), Period.FULL_YEAR, leave_year_beginning(leave_year_start))


def rules_for_leave_year(leave_year_start: date) -> RatesRow:
    """The holiday figures for a leave year, chosen by its first day (reg 15F applies by leave year)."""
    return load_table(TABLE).row_on(leave_year_start)


# --- input checks (the GOV.UK flow's own limits) ------------------------------------------------------

# Not statutory: bounds on what a week, a shift or a pay period can hold, so that an impossible figure is a
# sentence rather than an answer (120,700 hours from one pay period) or a number in scientific notation.
MOST_DECIMAL_PLACES = 2                # hours and days to the hundredth: 37.25 hours, 2.5 days
MOST_HOURS_IN_A_PAY_PERIOD = 24 * 31   # a pay period of a calendar month holds at most 31 days of 24 hours
MOST_DAYS_IN_A_SHIFT_PATTERN = 366     # a pattern repeats within a year


def _decimal_places(value: Decimal, name: str, *, what: str) -> None:
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MOST_DECIMAL_PLACES:
        raise ValidationError(
            _("{what} can have at most {places} decimal places; {value} has more. Round it to the nearest "
              "hundredth.").format(what=what, places=MOST_DECIMAL_PLACES, value=plain(value)), field=name)


def _positive(value: Decimal, name: str, *, maximum: Decimal | None = None, what: str) -> Fraction:
    if value <= 0:
        raise ValidationError(_("{what} must be more than 0.").format(what=what), field=name)
    if maximum is not None and value > maximum:
        raise ValidationError(_("{what} cannot be more than {maximum}.").format(what=what, maximum=maximum), field=name)
    _decimal_places(value, name, what=what)
    return _fraction(value)


def _not_negative(value: Decimal, name: str, *, what: str) -> Fraction:
    """A count that may be 0 (a pay period with no hours worked accrues no leave), never below it."""
    if value < 0:
        raise ValidationError(_("{what} cannot be negative.").format(what=what), field=name)
    _decimal_places(value, name, what=what)
    return _fraction(value)


def _hours_worked(hours_worked: Decimal) -> Fraction:
    hours = Decimal(hours_worked)
    if hours > MOST_HOURS_IN_A_PAY_PERIOD:
        raise ValidationError(
            _("Hours worked in the pay period cannot be more than {most}: even a pay period of a month has at most "
              "31 days of 24 hours. Give the hours worked in one pay period.").format(most=MOST_HOURS_IN_A_PAY_PERIOD),
            field="hours_worked")
    return _not_negative(hours, "hours_worked", what=_("Hours worked in the pay period"))


def _days_per_week(days_per_week: Decimal) -> Fraction:
    return _positive(Decimal(days_per_week), "days_per_week", maximum=Decimal(7), what=_("Days worked a week"))


def _hours_per_week(hours_per_week: Decimal, days: Fraction) -> Fraction:
    hours = _positive(Decimal(hours_per_week), "hours_per_week", maximum=Decimal(168), what=_("Hours worked a week"))
    if hours / days > 24:
        raise ValidationError(_("That is more than 24 hours a day: check the hours and days a week."), field="hours_per_week")
    return hours


# --- the common working ------------------------------------------------------------------------------

def _period_working(fraction: YearFraction) -> tuple[dict[str, Any], list[str]]:
    working: dict[str, Any] = {
        "period": fraction.period.value,
        "leave_year_first_day": fraction.leave_year.first_day.isoformat(),
        "leave_year_last_day": fraction.leave_year.last_day.isoformat(),
        "fraction_of_year": _text(fraction.value),
    }
    steps: list[str] = []
    if fraction.period is Period.STARTING:
        working["months_counted"] = fraction.months
        steps.append(_("Starting part way through the leave year: {months} of 12 months counted, each month from "
                       "its first day (reg 15A).").format(months=fraction.months))
    elif fraction.period in (Period.LEAVING, Period.STARTING_AND_LEAVING):
        working["days_counted"] = fraction.days
        working["days_in_year"] = fraction.days_in_year
        steps.append(_("{days} days employed out of {year_days} in the year.").format(
            days=fraction.days, year_days=fraction.days_in_year))
    else:
        steps.append(_("A full leave year."))
    return working, steps


def _statutory(row: RatesRow) -> tuple[Fraction, Fraction, Fraction]:
    return _fraction(row["statutory_weeks"]), _fraction(row["max_days"]), _fraction(row["max_days_per_week"])


# --- entitlement by way of working ---------------------------------------------------------------------

def entitlement_days(days_per_week: Decimal, *, leave_year_start: date, start: date | None = None,
                     leaving: date | None = None) -> HolidayEntitlement:
    """Days of leave for someone working a fixed number of days a week (WTR 1998 regs 13, 13A, 15A).

    5.6 weeks x days a week, capped at 28 days (days above 5 a week add nothing), times the share of
    the leave year worked; a starter's days are rounded up to the next half day.
    """
    row = rules_for_leave_year(leave_year_start)
    weeks, max_days, max_per_week = _statutory(row)
    days = _days_per_week(days_per_week)
    fraction = year_fraction(leave_year_start=leave_year_start, start=start, leaving=leaving)
    full_year_days = max_days if days > max_per_week else min(max_days, weeks * days)
    exact = round_places_half_up(full_year_days * fraction.value)
    entitlement = ceil_half(exact) if fraction.period is Period.STARTING else exact
    working, steps = _period_working(fraction)
    working.update({"statutory_weeks": str(row["statutory_weeks"]), "days_per_week": _text(days),
                    "full_year_days": _text(full_year_days), "before_rounding": _text(exact),
                    "rates_from": row.effective_from.isoformat(), "source": row.source})
    steps.insert(0, _("{weeks} weeks x {days} days a week = {full} days a year (no more than {cap}).").format(
        weeks=row["statutory_weeks"], days=_text(days), full=_text(full_year_days), cap=row["max_days"]))
    if fraction.period is Period.STARTING:
        steps.append(_("{exact} days, rounded up to the next half day: {rounded}.").format(
            exact=_text(exact), rounded=_text(entitlement)))
    return HolidayEntitlement(Basis.DAYS, to_decimal(entitlement), "days", govuk_format(entitlement),
                              fraction.period, working, tuple(steps))


def _hours_entitlement(basis: Basis, hours_per_week: Decimal, days_per_week: Decimal, *, leave_year_start: date,
                       start: date | None, leaving: date | None) -> tuple[Fraction, dict, list, YearFraction, Fraction]:
    row = rules_for_leave_year(leave_year_start)
    weeks, max_days, max_per_week = _statutory(row)
    days = _days_per_week(days_per_week)
    hours = _hours_per_week(hours_per_week, days)
    fraction = year_fraction(leave_year_start=leave_year_start, start=start, leaving=leaving)
    hours_a_day = hours / days
    full_year_days = max_days if days > max_per_week else min(max_days, weeks * days)
    if fraction.period in (Period.LEAVING, Period.STARTING_AND_LEAVING):
        # GOV.UK: the full year's hours (5.6 weeks of at most 5 days) times the share of the year.
        full_year_hours = weeks * min(days, max_per_week) * hours_a_day
        entitlement = fraction.value * full_year_hours
    else:
        # GOV.UK: the (starter's half-day-rounded) days, times the hours in a working day.
        exact_days = round_places_half_up(full_year_days * fraction.value)
        rounded_days = ceil_half(exact_days) if fraction.period is Period.STARTING else exact_days
        full_year_hours = weeks * min(days, max_per_week) * hours_a_day
        entitlement = rounded_days * hours / days
    working, steps = _period_working(fraction)
    working.update({"statutory_weeks": str(row["statutory_weeks"]), "hours_per_week": _text(hours),
                    "days_per_week": _text(days), "hours_per_day": _text(hours_a_day),
                    "full_year_hours": _text(full_year_hours),
                    "rates_from": row.effective_from.isoformat(), "source": row.source})
    steps.insert(0, _("{hours} hours a week over {days} days: {per_day} hours a working day; {weeks} weeks of at "
                      "most {cap} days a week = {full} hours a year.").format(
        hours=_text(hours), days=_text(days), per_day=_text(hours_a_day), weeks=row["statutory_weeks"],
        cap=row["max_days_per_week"], full=_text(full_year_hours)))
    if fraction.period is Period.STARTING:
        steps.append(_("The starter's days are rounded up to the next half day before turning them into hours."))
    return entitlement, working, steps, fraction, hours / days


def entitlement_hours(hours_per_week: Decimal, days_per_week: Decimal, *, leave_year_start: date,
                      start: date | None = None, leaving: date | None = None) -> HolidayEntitlement:
    """Hours of leave for someone working fixed hours a week (WTR 1998 regs 13, 13A, 15A).

    5.6 weeks of the hours worked, capped at 28 days' worth (5 days' hours a week), pro rata.
    """
    entitlement, working, steps, fraction, _per_day = _hours_entitlement(
        Basis.HOURS, hours_per_week, days_per_week, leave_year_start=leave_year_start, start=start, leaving=leaving)
    display = govuk_format(entitlement)
    return HolidayEntitlement(Basis.HOURS, to_decimal(entitlement), "hours", display, fraction.period,
                              working, tuple(steps), {"hours_and_minutes": _hours_and_minutes(display)})


def _hours_and_minutes(display: str) -> dict[str, int]:
    # GOV.UK turns its displayed hours into hours and minutes, rounding seconds to the nearest minute.
    seconds_total = int(Decimal(display) * 3600)
    seconds = seconds_total % 60
    minutes = (seconds_total // 60) % 60
    return {"hours": seconds_total // 3600, "minutes": minutes if seconds < 30 else minutes + 1}


def entitlement_compressed(hours_per_week: Decimal, days_per_week: Decimal, *, leave_year_start: date,
                           start: date | None = None, leaving: date | None = None) -> HolidayEntitlement:
    """Compressed hours (full-time hours over fewer days): leave in hours, 5.6 weeks' hours (regs 13, 13A).

    Also gives the hours and minutes of leave that replace each day otherwise worked (rounded up to the minute).
    """
    entitlement, working, steps, fraction, per_day = _hours_entitlement(
        Basis.COMPRESSED, hours_per_week, days_per_week, leave_year_start=leave_year_start, start=start, leaving=leaving)
    display = govuk_format(entitlement)
    daily_minutes = math.ceil(per_day * 60)
    extra = {"hours_and_minutes": _hours_and_minutes(display),
             "daily_average": {"hours": daily_minutes // 60, "minutes": daily_minutes % 60}}
    return HolidayEntitlement(Basis.COMPRESSED, to_decimal(entitlement), "hours", display, fraction.period,
                              working, tuple(steps), extra)


def entitlement_shifts(shift_hours: Decimal, shifts_per_pattern: int, pattern_days: Decimal, *,
                       leave_year_start: date, start: date | None = None,
                       leaving: date | None = None) -> HolidayEntitlement:
    """Shifts of leave for a shift pattern (regs 13, 13A, 15A).

    Shifts a week = shifts in the pattern / days in the pattern x 7 (at most 5 count); 5.6 weeks of
    those, pro rata; a starter's shifts are rounded up to the next half shift.
    """
    row = rules_for_leave_year(leave_year_start)
    weeks, _max_days, max_per_week = _statutory(row)
    hours = _positive(Decimal(shift_hours), "shift_hours", maximum=Decimal(24), what=_("Hours in a shift"))
    if int(shifts_per_pattern) != shifts_per_pattern or shifts_per_pattern <= 0:
        raise ValidationError(_("Shifts in the pattern must be a whole number more than 0."), field="shifts_per_pattern")
    days = _positive(Decimal(pattern_days), "pattern_days", maximum=Decimal(MOST_DAYS_IN_A_SHIFT_PATTERN),
                     what=_("Days in the shift pattern"))
    if days < shifts_per_pattern:
        raise ValidationError(_("The pattern must last at least as many days as it has shifts."), field="pattern_days")
    fraction = year_fraction(leave_year_start=leave_year_start, start=start, leaving=leaving)
    shifts_a_week = round_places_half_up(Fraction(int(shifts_per_pattern)) / days * DAYS_PER_WEEK)
    pro_rated = weeks * fraction.value * min(shifts_a_week, max_per_week)
    entitlement = ceil_half(pro_rated) if fraction.period is Period.STARTING else pro_rated
    places = 2 if fraction.period in (Period.LEAVING, Period.STARTING_AND_LEAVING) else 1
    working, steps = _period_working(fraction)
    working.update({"statutory_weeks": str(row["statutory_weeks"]), "shift_hours": _text(hours),
                    "shifts_per_pattern": int(shifts_per_pattern), "pattern_days": _text(days),
                    "shifts_per_week": _text(shifts_a_week),
                    "rates_from": row.effective_from.isoformat(), "source": row.source})
    steps.insert(0, _("{shifts} shifts every {days} days = {per_week} shifts a week (at most {cap} count); "
                      "x {weeks} weeks.").format(shifts=int(shifts_per_pattern), days=_text(days),
                                                  per_week=_text(shifts_a_week), cap=row["max_days_per_week"],
                                                  weeks=row["statutory_weeks"]))
    if fraction.period is Period.STARTING:
        steps.append(_("A starter's shifts are rounded up to the next half shift."))
    extra = {"hours": _text(entitlement * hours)}
    return HolidayEntitlement(Basis.SHIFTS, to_decimal(entitlement), "shifts", govuk_format(entitlement, places),
                              fraction.period, working, tuple(steps), extra)


def entitlement_weeks(*, leave_year_start: date, start: date | None = None, leaving: date | None = None,
                      basis: Basis = Basis.ANNUALISED) -> HolidayEntitlement:
    """Weeks of leave: annualised hours, and irregular hours in leave years before 1 April 2024 (regs 13, 13A).

    5.6 weeks, times the share of the leave year worked; not rounded to half days.
    """
    row = rules_for_leave_year(leave_year_start)
    weeks = _fraction(row["statutory_weeks"])
    fraction = year_fraction(leave_year_start=leave_year_start, start=start, leaving=leaving)
    entitlement = weeks * fraction.value
    places = 1 if fraction.period is Period.FULL_YEAR else 2
    working, steps = _period_working(fraction)
    working.update({"statutory_weeks": str(row["statutory_weeks"]), "rates_from": row.effective_from.isoformat(),
                    "source": row.source})
    steps.insert(0, _("{weeks} weeks a year, in proportion to the part of the year worked.").format(
        weeks=row["statutory_weeks"]))
    return HolidayEntitlement(basis, to_decimal(entitlement), "weeks", govuk_format(entitlement, places),
                              fraction.period, working, tuple(steps))


def _accrual_from() -> date:
    """The first leave-year start from which irregular-hours leave accrues from hours worked (reg 15F)."""
    return next(row.effective_from for row in load_table(TABLE).rows if row["irregular_accrual"])


def irregular_hours_accrual(hours_worked: Decimal, *, leave_year_start: date,
                            northern_ireland: bool = False) -> HolidayEntitlement:
    """Leave accrued in one pay period by an irregular-hours or part-year worker (WTR 1998 regs 15F, 15G).

    For leave years beginning on or after 1 April 2024 (GB): 12.07% of the hours actually worked in
    the pay period, accrued at its end, rounded to the nearest hour (half an hour rounds up), as
    GOV.UK's calculator does; total leave cannot exceed 5.6 weeks in the leave year. For earlier leave
    years there is no accrual rule: use entitlement_weeks (GOV.UK sends these workers to the other
    ways of working). Northern Ireland did not adopt the accrual: refused there.
    """
    row = rules_for_leave_year(leave_year_start)
    if northern_ireland:
        raise ValidationError(_("Leave accruing as a share of the hours worked does not apply in Northern Ireland."),
                              field="northern_ireland")
    if not row["irregular_accrual"]:
        raise ValidationError(
            _("Leave accruing as a share of the hours worked only applies to leave years starting on or after "
              "{accrual_from}; this leave year starts on {day}.").format(
                accrual_from=format_date(_accrual_from(), format="long"), day=format_date(leave_year_start, format="long")),
            field="leave_year_start",
        )
    hours = _hours_worked(hours_worked)
    percent = _fraction(row["irregular_accrual_percent"])
    accrued = hours * percent / 100
    rounded = Fraction(int((Decimal(accrued.numerator) / Decimal(accrued.denominator)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP)))
    working = {"hours_worked": _text(hours), "percent": str(row["irregular_accrual_percent"]),
               "before_rounding": _text(accrued), "leave_year_start": leave_year_start.isoformat(),
               "rates_from": row.effective_from.isoformat(), "source": row.source}
    steps = (
        _("{percent}% of {hours} hours worked in the pay period = {accrued} hours.").format(
            percent=row["irregular_accrual_percent"], hours=_text(hours), accrued=_text(accrued)),
        _("Rounded to the nearest hour (half an hour or more rounds up): {rounded}.").format(rounded=int(rounded)),
        _("No more than {weeks} weeks ({days} days) can accrue over the leave year.").format(
            weeks=row["statutory_weeks"], days=row["max_days"]),
    )
    return HolidayEntitlement(Basis.IRREGULAR, Decimal(int(rounded)), "hours", str(int(rounded)), Period.FULL_YEAR,
                              working, steps, {"accrued": _text(accrued)}, accrued=to_decimal(accrued))


def irregular_hours_accrued(hours_by_pay_period: Iterable[Decimal], *, leave_year_start: date,
                            northern_ireland: bool = False) -> HolidayEntitlement:
    """Leave accrued over several pay periods of a leave year (WTR 1998 reg 15F): 12.07% of the hours worked in
    each, added up exactly. Rounding each period to the hour first would lose it all for short periods (4 hours a
    week is 0.48 hours, rounded to 0, every week): the regulations round nothing, so the total is exact and only
    the figure shown is rounded to the nearest hour, as GOV.UK shows a single period's. Use this, not the sum of
    `irregular_hours_accrual(...).entitlement`, for a balance. The 5.6-week cap is for the caller, who knows the
    PA's week.
    """
    periods = [irregular_hours_accrual(Decimal(hours), leave_year_start=leave_year_start,
                                       northern_ireland=northern_ireland) for hours in hours_by_pay_period]
    row = rules_for_leave_year(leave_year_start)
    hours = sum((_fraction(Decimal(period.working["hours_worked"])) for period in periods), Fraction(0))
    accrued = sum((_fraction(period.accrued) for period in periods), Fraction(0))
    shown = int(to_decimal(accrued).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    working = {"pay_periods": len(periods), "hours_worked": _text(hours),
               "percent": str(row["irregular_accrual_percent"]), "accrued": _text(accrued),
               "leave_year_start": leave_year_start.isoformat(), "rates_from": row.effective_from.isoformat(),
               "source": row.source}
    steps = (
        _("{percent}% of the hours worked in each of {count} pay periods ({hours} hours in all) = {accrued} hours, "
          "added up without rounding.").format(percent=row["irregular_accrual_percent"], count=len(periods),
                                               hours=_text(hours), accrued=_text(accrued)),
        _("About {rounded} hours (to the nearest hour).").format(rounded=shown),
    )
    return HolidayEntitlement(Basis.IRREGULAR, to_decimal(accrued), "hours", str(shown), Period.FULL_YEAR, working,
                              steps, {"accrued": _text(accrued)}, accrued=to_decimal(accrued))


def holiday_entitlement(basis: Basis | str, *, leave_year_start: date, start: date | None = None,
                        leaving: date | None = None, days_per_week: Decimal | None = None,
                        hours_per_week: Decimal | None = None, hours_worked: Decimal | None = None,
                        shift_hours: Decimal | None = None, shifts_per_pattern: int | None = None,
                        pattern_days: Decimal | None = None, northern_ireland: bool = False) -> HolidayEntitlement:
    """One entry point for every way of working, as the CLI and the UI ask for it.

    `irregular` answers the hours accrued for `hours_worked` in one pay period in leave years from
    1 April 2024; for an earlier leave year, or in Northern Ireland, it answers in weeks (5.6, pro rata).
    """
    basis = Basis(basis)

    def need(value: Any, name: str) -> Any:
        if value is None:
            raise ValidationError(_("This way of working needs {name}.").format(name=name), field=name)
        return value

    if basis is Basis.DAYS:
        return entitlement_days(need(days_per_week, "days_per_week"), leave_year_start=leave_year_start,
                                start=start, leaving=leaving)
    if basis in (Basis.HOURS, Basis.COMPRESSED):
        calculate = entitlement_hours if basis is Basis.HOURS else entitlement_compressed
        return calculate(need(hours_per_week, "hours_per_week"), need(days_per_week, "days_per_week"),
                         leave_year_start=leave_year_start, start=start, leaving=leaving)
    if basis is Basis.SHIFTS:
        return entitlement_shifts(need(shift_hours, "shift_hours"), need(shifts_per_pattern, "shifts_per_pattern"),
                                  need(pattern_days, "pattern_days"), leave_year_start=leave_year_start,
                                  start=start, leaving=leaving)
    if basis is Basis.ANNUALISED:
        return entitlement_weeks(leave_year_start=leave_year_start, start=start, leaving=leaving)
    # Irregular hours and part-year workers.
    if rules_for_leave_year(leave_year_start)["irregular_accrual"] and not northern_ireland:
        if start is not None or leaving is not None:
            raise ValidationError(
                _("Irregular-hours leave accrues from the hours worked in each pay period, so a start or leaving "
                  "date is not used; give the hours worked in the pay period instead."),
                field="start" if start is not None else "leaving",
            )
        return irregular_hours_accrual(need(hours_worked, "hours_worked"), leave_year_start=leave_year_start)
    result = entitlement_weeks(leave_year_start=leave_year_start, start=start, leaving=leaving, basis=Basis.IRREGULAR)
    weeks = rules_for_leave_year(leave_year_start)["statutory_weeks"]
    if northern_ireland:
        note = _("Northern Ireland has no accrual as a share of hours worked: the entitlement is {weeks} weeks, "
                 "each week valued at the average week.").format(weeks=weeks)
    else:
        note = _("Leave years starting before {accrual_from} have no rule converting the entitlement into hours for "
                 "irregular-hours or part-year workers: it is {weeks} weeks, each week valued at the average week "
                 "(Harpur Trust v Brazel [2022] UKSC 21).").format(
            accrual_from=format_date(_accrual_from(), format="long"), weeks=weeks)
    notes = (note,) if hours_worked is None else (note, _("The hours worked in a pay period are not used here."))
    return HolidayEntitlement(result.basis, result.entitlement, result.unit, result.display, result.period,
                              {**result.working, "old_rules": True}, result.steps + notes, result.extra)


# --- holiday pay: a week's pay over the reference period ----------------------------------------------

@dataclass(frozen=True)
class PayWeek:
    """Pay for one pay week. `paid` is False for a week in which no pay was due (it is skipped)."""

    week_start: date
    pay: Decimal
    paid: bool = True


@dataclass(frozen=True)
class WeeksPayAverage:
    """The average week's pay for holiday pay, with the weeks used and why others were not."""

    holiday_starts: date
    average: Decimal                    # to the penny, half up
    exact_average: Decimal              # before rounding (10 places)
    total: Decimal
    weeks_counted: int
    weeks_wanted: int
    weeks_used: tuple[date, ...]        # week starts, latest first
    weeks_skipped: tuple[date, ...]     # weeks without pay inside the look-back, latest first
    lookback_from: date | None          # the earliest week start that could count (None: no limit)
    working: Mapping[str, Any] = field(default_factory=dict)
    steps: tuple[str, ...] = ()


def holiday_pay_average(weeks: Iterable[PayWeek], *, holiday_starts: date,
                        northern_ireland: bool = False) -> WeeksPayAverage:
    """A week's pay for holiday: the average over the last weeks with pay before the holiday.

    Employment Rights Act 1996 ss.221-224 applied by WTR 1998 reg 16: from 6 April 2020 the last 52
    complete weeks in which pay was due, skipping weeks without pay, looking back no more than 104
    weeks (fewer weeks if employed for less); before then 12 weeks, with no look-back limit
    (s.223(2)). Northern Ireland keeps 12 weeks. Only weeks ending before the holiday starts count.
    """
    row = load_table(TABLE).row_on(holiday_starts)
    wanted = row["pay_reference_weeks_ni"] if northern_ireland else row["pay_reference_weeks"]
    limited = row["pay_lookback_limited"] and not northern_ireland
    complete = sorted((week for week in weeks if week.week_start + timedelta(days=DAYS_PER_WEEK) <= holiday_starts),
                      key=lambda week: week.week_start, reverse=True)
    seen: set[date] = set()
    for week in complete:
        if week.week_start in seen:
            raise ValidationError(_("Two pay records are for the week starting {day}.").format(
                day=week.week_start.isoformat()), field="weeks")
        seen.add(week.week_start)
    lookback_from = None
    if limited and complete:
        # ERA 1996 s.224 as amended by SI 2018/1378: the 104 weeks end with the last complete week before the
        # holiday (the calculation date), in the employer's pay weeks - not with the last week that has a record.
        aligned = complete[0].week_start
        last_week = aligned + timedelta(weeks=(holiday_starts - timedelta(days=DAYS_PER_WEEK) - aligned).days // 7)
        lookback_from = last_week - timedelta(weeks=row["pay_lookback_weeks"] - 1)
    used: list[PayWeek] = []
    skipped: list[date] = []
    for week in complete:
        if lookback_from is not None and week.week_start < lookback_from:
            break
        if len(used) == wanted:
            break
        if week.paid and week.pay > 0:
            used.append(week)
        else:
            skipped.append(week.week_start)
    total = sum((week.pay for week in used), Decimal("0"))
    exact = Fraction(total) / len(used) if used else Fraction(0)
    average = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(PENNY, rounding=ROUND_HALF_UP)
    steps = [
        _("Weeks wanted: {wanted} complete weeks with pay before {day}.").format(wanted=wanted,
                                                                              day=holiday_starts.isoformat()),
        _("Weeks counted: {count}; weeks without pay skipped: {skipped}.").format(count=len(used), skipped=len(skipped)),
    ]
    if lookback_from is not None:
        steps.append(_("Looking back no further than the week starting {day} ({weeks} weeks).").format(
            day=lookback_from.isoformat(), weeks=row["pay_lookback_weeks"]))
    if used:
        steps.append(_("Total pay {total} / {count} weeks = {average} a week.").format(
            total=total, count=len(used), average=average))
    else:
        steps.append(_("No week with pay was found, so there is no average to use."))
    working = {"weeks_wanted": wanted, "weeks_counted": len(used), "total_pay": str(total),
               "average_weekly_pay": str(average), "lookback_from": lookback_from.isoformat() if lookback_from else None,
               "rates_from": row.effective_from.isoformat(), "source": row.source,
               "nation": "northern_ireland" if northern_ireland else "great_britain"}
    return WeeksPayAverage(holiday_starts, average, to_decimal(exact), total, len(used), wanted,
                           tuple(week.week_start for week in used), tuple(skipped), lookback_from, working, tuple(steps))


def rolled_up_holiday_pay(pay_for_period: Decimal, *, leave_year_start: date, northern_ireland: bool = False) -> Decimal:
    """Rolled-up holiday pay for an irregular-hours or part-year worker (WTR 1998 reg 16A).

    Leave years beginning on or after 1 April 2024 only: 12.07% of the pay for work in the pay
    period, shown as its own line on the payslip; rounded to the penny, half up. Not in Northern Ireland.
    """
    row = rules_for_leave_year(leave_year_start)
    if not row["irregular_accrual"] or northern_ireland:
        raise ValidationError(
            _("Rolled-up holiday pay is only lawful for leave years starting on or after {accrual_from}.").format(
                accrual_from=format_date(_accrual_from(), format="long")),
            field="leave_year_start",
        )
    if pay_for_period < 0:
        raise ValidationError(_("Pay for the period cannot be negative."), field="pay_for_period")
    return (Decimal(pay_for_period) * row["irregular_accrual_percent"] / 100).quantize(PENNY, rounding=ROUND_HALF_UP)

