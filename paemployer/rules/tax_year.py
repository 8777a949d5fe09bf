"""Tax years (6 April to 5 April) and the first Sunday in April (statutory family pay uprating)."""

from __future__ import annotations

from datetime import date, timedelta


def tax_year_start(on: date) -> date:
    """6 April on or before `on`: the first day of the tax year `on` falls in."""
    start = date(on.year, 4, 6)
    return start if on >= start else date(on.year - 1, 4, 6)


def tax_year_label(on: date) -> str:
    """'2026/27' for any date from 6 April 2026 to 5 April 2027."""
    start = tax_year_start(on).year
    return f"{start}/{(start + 1) % 100:02d}"


def first_sunday_in_april(year: int) -> date:
    """Statutory maternity, paternity, adoption, shared parental and bereavement pay are uprated from the
    first Sunday in April (the start of the benefit week), not from 6 April."""
    first = date(year, 4, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7)
