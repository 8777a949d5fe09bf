"""Calendar arithmetic every rule shares, built on dateutil's relativedelta; nothing else moves a date by months
or years.

"One month after 31 January" and "a year from 29 February" have no single answer: the later month may lack
the day. Three conventions answer three different questions, and each rule names the one the law gives it:

- `months_after` / `years_after` ("deadline"): a deadline n months *after* an event falls on the
  corresponding date of the later month, or on that month's last day when it has none (the corresponding
  date rule: Dodds v Walker [1981] 1 WLR 1027 (HL); "month" means calendar month, Interpretation Act 1978
  Sch 1). 31 Jan + 1 month = 28 Feb; 29 Feb 2024 + 1 year = 28 Feb 2025. This is relativedelta's own answer.
  Used for: the written statement within 2 months (NI), auto-enrolment postponement and declaration
  deadlines, "last confirmed more than n months ago".
- `period_end` / `period_after` ("a period beginning on a day"): a period of n calendar months that
  *begins on* a day runs to the day before the corresponding date, or to the later month's last day when it
  has none; the next period begins the day after. 30 Jan-28 Feb is one month, as is 1-31 March; a year
  beginning 29 Feb 2024 ends on 28 Feb 2025 and the next begins on 1 March 2025. Used for: the longest pay
  reference period (NMW Regulations 2015 reg 6: "a month"), the first year of an apprenticeship (reg 5),
  leave years beginning on the anniversary of the start date (WTR 1998 reg 13(3)(b)).
- `anniversary` / `add_years` ("birthday"): a person attains an age at the start of the anniversary of
  their birth (Family Law Reform Act 1969 s.9); born on 29 February, the anniversary in a common year is
  1 March (Age of Legal Capacity (Scotland) Act 1991 s.6; the reading of s.9). It is the same day as
  `period_after(birth, months=12 * years)`, so the two conventions never disagree.

Every answer is a calendar date; nothing here reads the clock.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

# The days the app works with, everywhere a date is typed (records, imports, the command line): far enough back
# for anyone now living's date of birth, far enough ahead for any plan; 9999-12-31 is a slip, and sums on it overflow.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)

DAY = timedelta(days=1)


def months_after(day: date, months: int) -> date:
    """A deadline `months` calendar months after `day`: the corresponding date, or the later month's last day
    when it has none (corresponding date rule, Dodds v Walker). `months` may be negative (that many before)."""
    return day + relativedelta(months=months)


def years_after(day: date, years: int) -> date:
    """A deadline `years` after `day`: 29 February → 28 February in a common year (corresponding date rule)."""
    return day + relativedelta(years=years)


def period_after(first_day: date, *, months: int) -> date:
    """The first day after a period of `months` calendar months beginning on `first_day`: the corresponding
    date, or the 1st of the month after when the later month has none (30 Jan + 1 month → 1 March)."""
    if months < 0:
        raise ValueError("a period has a positive length")
    moved = first_day + relativedelta(months=months)
    if moved.day == first_day.day:
        return moved
    return moved + DAY  # relativedelta stopped at the month's last day: the period ends there


def period_end(first_day: date, *, months: int) -> date:
    """The last day of a period of `months` calendar months beginning on `first_day` (30 Jan → 28 Feb, 1 March →
    31 March, 29 Feb 2024 for 12 months → 28 Feb 2025)."""
    return period_after(first_day, months=months) - DAY


def anniversary(start: date, year: int) -> date:
    """`start`'s anniversary in `year`: the same day and month; 1 March when `start` is 29 February and `year` is
    a common year (Family Law Reform Act 1969 s.9; Age of Legal Capacity (Scotland) Act 1991 s.6)."""
    years = year - start.year
    if years >= 0:
        return period_after(start, months=12 * years)
    moved = start + relativedelta(years=years)
    return moved if moved.day == start.day else moved + DAY


def add_years(start: date, years: int) -> date:
    """The anniversary `years` after `start` (an age attained, a leave year beginning): 29 February → 1 March
    in a common year."""
    return anniversary(start, start.year + years)
