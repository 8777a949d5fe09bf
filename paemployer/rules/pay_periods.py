"""Pay periods and pay days: which days a pay period covers and the day its pay is made.

- Weekly, fortnightly and four-weekly periods are blocks of 7, 14 or 28 days counted from the employer's week
  anchor (default Monday 6 April 2026, the first day of tax year 2026/27), forwards and backwards. HMRC sets the
  tax week of a payment by its pay date, not by the period it is for, so the blocks simply run on across tax
  years (a 53rd week is HMRC's business, not the period's).
- Monthly periods are tax months (6th of one month to 5th of the next, the months HMRC counts in) by default,
  or calendar months (1st to the last day).
- The pay day follows one of four rules (PAY_DAY_RULES). A working day is Monday to Friday and not a bank
  holiday of the employer's nation (the caller passes those days: rules/bank_holidays.py).

Nothing here reads the clock or storage.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from enum import Enum

from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date, ngettext
from paemployer.rules.bank_holidays import is_working_day
from paemployer.rules.dates import months_after
from paemployer.rules.pay import PayPeriod

DEFAULT_WEEK_ANCHOR = date(2026, 4, 6)
PAY_DAY_RULES = ("friday_after", "next_working_day", "last_working_day", "period_end")
MONTHS_BASES = ("tax", "calendar")
FREQUENCIES = ("weekly", "fortnightly", "four_weekly", "monthly")
BLOCK_DAYS = {"weekly": 7, "fortnightly": 14, "four_weekly": 28}
TAX_MONTH_FIRST_DAY = 6  # a tax month runs from the 6th to the 5th (Income Tax (PAYE) Regulations 2003 reg 2)
FRIDAY = 4



def _value(item: str | Enum) -> str:
    return str(item.value) if isinstance(item, Enum) else str(item)


def _frequency(frequency: str | Enum) -> str:
    value = _value(frequency)
    if value not in FREQUENCIES:
        raise ValidationError(
            _("The pay frequency must be weekly, fortnightly, four_weekly or monthly, not '{value}'.").format(
                value=value), field="pay_frequency")
    return value


def _months(months: str | Enum) -> str:
    value = _value(months)
    if value not in MONTHS_BASES:
        raise ValidationError(
            _("Monthly pay periods are 'tax' months (6th to 5th) or 'calendar' months, not '{value}'.").format(
                value=value), field="pay_months")
    return value


def _rule(rule: str | Enum) -> str:
    value = _value(rule)
    if value not in PAY_DAY_RULES:
        raise ValidationError(
            _("The pay day rule must be one of {rules}, not '{value}'.").format(
                rules=", ".join(PAY_DAY_RULES), value=value), field="pay_day")
    return value


# --- the pay day ----------------------------------------------------------------------------------------------


def _next_working_day(after: date, bank_holidays: Collection[date]) -> date:
    day = after + timedelta(days=1)
    while not is_working_day(day, bank_holidays):
        day += timedelta(days=1)
    return day


def _last_working_day(on_or_before: date, bank_holidays: Collection[date]) -> date:
    day = on_or_before
    while not is_working_day(day, bank_holidays):
        day -= timedelta(days=1)
    return day


def pay_date_for(start: date, end: date, *, rule: str, bank_holidays: Collection[date]) -> date:
    """The day pay for the period `start`..`end` is made, by the employer's pay-day rule:

    - "period_end": the period's last day, whatever day it is;
    - "friday_after": the first Friday after the period ends; when that Friday is a bank holiday (Good Friday,
      Christmas Day), the working day before it, if that is still after the period ends, else the next
      working day after it (pay is never made before the period ends under this rule);
    - "next_working_day": the first working day after the period ends;
    - "last_working_day": the last working day on or before the period's last day (never before its first
      day: a period with no working day in it is paid on its last day).
    """
    rule = _rule(rule)
    if end < start:
        raise ValidationError(_("A pay period cannot end before it starts."), field="period_end")
    if rule == "period_end":
        return end
    if rule == "next_working_day":
        return _next_working_day(end, bank_holidays)
    if rule == "last_working_day":
        day = _last_working_day(end, bank_holidays)
        return day if day >= start else end
    friday = end + timedelta(days=(FRIDAY - end.weekday() - 1) % 7 + 1)
    if is_working_day(friday, bank_holidays):
        return friday
    earlier = _last_working_day(friday, bank_holidays)
    return earlier if earlier > end else _next_working_day(friday, bank_holidays)


# --- the periods ------------------------------------------------------------------------------------------------


def _block_containing(day: date, days: int, anchor: date) -> tuple[date, date]:
    index = (day - anchor).days // days  # floor division: blocks run backwards from the anchor too
    start = anchor + timedelta(days=index * days)
    return start, start + timedelta(days=days - 1)


def _month_containing(day: date, months: str) -> tuple[date, date]:
    if months == "calendar":
        start = day.replace(day=1)
    elif day.day >= TAX_MONTH_FIRST_DAY:
        start = day.replace(day=TAX_MONTH_FIRST_DAY)
    else:
        start = months_after(day.replace(day=TAX_MONTH_FIRST_DAY), -1)
    return start, months_after(start, 1) - timedelta(days=1)


def _bounds(day: date, frequency: str, anchor: date, months: str) -> tuple[date, date]:
    if frequency == "monthly":
        return _month_containing(day, months)
    return _block_containing(day, BLOCK_DAYS[frequency], anchor)


def period_containing(day: date, *, frequency: str, anchor: date = DEFAULT_WEEK_ANCHOR, months: str = "tax",
                      pay_day: str = "friday_after", bank_holidays: Collection[date] = ()) -> PayPeriod:
    """The pay period that includes `day`, with its pay date."""
    frequency, months, pay_day = _frequency(frequency), _months(months), _rule(pay_day)
    start, end = _bounds(day, frequency, anchor, months)
    return PayPeriod(start, end, pay_date_for(start, end, rule=pay_day, bank_holidays=bank_holidays), frequency)


def period_ending(end: date, *, frequency: str, anchor: date = DEFAULT_WEEK_ANCHOR, months: str = "tax",
                  pay_day: str = "friday_after", bank_holidays: Collection[date] = ()) -> PayPeriod:
    """The pay period whose last day is `end`. A day that ends no period is refused, naming the nearest period
    ends before and after it."""
    period = period_containing(end, frequency=frequency, anchor=anchor, months=months, pay_day=pay_day,
                               bank_holidays=bank_holidays)
    if period.end == end:
        return period
    before = period.start - timedelta(days=1)
    frequency = _frequency(frequency)
    if frequency == "monthly":
        how = (_("monthly periods run from the 6th to the 5th (tax months)") if _months(months) == "tax"
               else _("monthly periods are calendar months"))
    else:
        how = ngettext("periods of {days} day are counted from {anchor}", "periods of {days} days are counted from "
                       "{anchor}", BLOCK_DAYS[frequency]).format(days=BLOCK_DAYS[frequency],
                                                                 anchor=format_date(anchor, format="full"))
    raise ValidationError(
        _("{day} is not the last day of a pay period ({how}). The nearest periods end on {before} and {after}.").format(
            day=format_date(end, format="full"), how=how, before=format_date(before, format="full"),
            after=format_date(period.end, format="full")),
        field="period_end",
    )


def periods_between(first: date, last: date, *, frequency: str, anchor: date = DEFAULT_WEEK_ANCHOR,
                    months: str = "tax", pay_day: str = "friday_after",
                    bank_holidays: Collection[date] = ()) -> list[PayPeriod]:
    """Every pay period with at least one day from `first` to `last`, in order: the one containing `first`
    to the one containing `last` (empty when `last` is before `first`)."""
    periods: list[PayPeriod] = []
    day = first
    while day <= last:
        period = period_containing(day, frequency=frequency, anchor=anchor, months=months, pay_day=pay_day,
                                   bank_holidays=bank_holidays)
        periods.append(period)
        day = period.end + timedelta(days=1)
    return periods
