"""Calendar arithmetic the rules share. Someone born on 29 February reaches each age on 1 March in a
common year (Age of Legal Capacity (Scotland) Act 1991 s.6; the reading of Family Law Reform Act 1969 s.9)."""

from __future__ import annotations

from datetime import date


def anniversary(start: date, year: int) -> date:
    """`start`'s day and month in `year`; 1 March when `start` is 29 February and `year` is not a leap year."""
    try:
        return start.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 3, 1)


def add_years(start: date, years: int) -> date:
    """The same day `years` later (29 February → 1 March in a common year)."""
    return anniversary(start, start.year + years)
