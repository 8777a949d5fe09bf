"""Tax years (6 April to 5 April), PAYE's tax weeks and months, and the first Sunday in April (statutory family pay
uprating)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from paemployer.errors import ValidationError
from paemployer.i18n import _


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


# PAYE's calendar (HMRC "Employer further guide to PAYE and NICs" (CWG2), tax weeks and months): the tax year runs
# 6 April to 5 April; tax week 1 is 6 to 12 April, and the last day or two (5 April, and 4 April in a leap year)
# are week 53; tax month 1 is 6 April to 5 May. The period of a payment is set by its pay date, not by when the
# work was done (PAYE Manual PAYE70015; Income Tax (PAYE) Regulations 2003 reg. 2 "tax week", "tax month").
WEEKLY_FREQUENCIES = ("weekly", "fortnightly", "four_weekly")
PAYE_FREQUENCIES = (*WEEKLY_FREQUENCIES, "monthly")
_TAX_YEAR_LABEL = re.compile(r"([0-9]{4})-([0-9]{2})")


class TaxYearError(ValidationError, ValueError):
    """A tax year or frequency that is not one: a ValueError for callers of the rules, and one of the app's own
    errors (exit 2 on the command line, shown plainly in the app)."""


def tax_year_of(label: str) -> date:
    """6 April of the tax year written '2025-26' (the year it starts, a dash, the next year's last two digits)."""
    match = _TAX_YEAR_LABEL.fullmatch(label.strip()) if isinstance(label, str) else None
    if match is None or (int(match.group(1)) + 1) % 100 != int(match.group(2)) or int(match.group(1)) < 1900:
        raise TaxYearError(
            _("'{text}' is not a tax year: write it like 2025-26 (the year it starts, a dash, the next year's last "
              "two digits).").format(text=str(label)[:20]),
            field="tax_year", message_id="bad_tax_year")
    return date(int(match.group(1)), 4, 6)


def tax_year_code(on: date) -> str:
    """'2025-26' for any day from 6 April 2025 to 5 April 2026 (the form the command line and JSON use)."""
    start = tax_year_start(on).year
    return f"{start}-{(start + 1) % 100:02d}"


def tax_week(pay_date: date) -> int:
    """The tax week of a pay date: 1 for 6-12 April ... 52, and 53 for the last day or two of the year."""
    return (pay_date - tax_year_start(pay_date)).days // 7 + 1


def tax_month(pay_date: date) -> int:
    """The tax month of a pay date: 1 for 6 April to 5 May ... 12 for 6 March to 5 April."""
    start = tax_year_start(pay_date)
    months_since_april = (pay_date.year - start.year) * 12 + pay_date.month - start.month
    return months_since_april + (1 if pay_date.day >= 6 else 0)


def tax_period(pay_date: date, frequency: str) -> int:
    """The PAYE period of a payment: the tax week of its pay date for weekly, fortnightly and four-weekly pay
    (HMRC numbers those payments by the week they are made in), the tax month for monthly pay."""
    if frequency == "monthly":
        return tax_month(pay_date)
    if frequency in WEEKLY_FREQUENCIES:
        return tax_week(pay_date)
    raise TaxYearError(
        _("'{text}' is not a pay frequency: give weekly, fortnightly, four-weekly or monthly.").format(
            text=str(frequency)[:20]), field="frequency", message_id="bad_frequency")
