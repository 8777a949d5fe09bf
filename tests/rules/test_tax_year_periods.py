"""Tax years, weeks and months: the PAYE calendar (tax week 1 is 6-12 April; week 53 the last day or two; tax month 1
is 6 April to 5 May), the period of a payment by its pay date, and tax year labels like 2025-26."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from paemployer.errors import PAEmployerError
from paemployer.rules.tax_year import (
    tax_month,
    tax_period,
    tax_week,
    tax_year_code,
    tax_year_label,
    tax_year_of,
)


def test_tax_year_labels():
    assert tax_year_of("2025-26") == date(2025, 4, 6)
    assert tax_year_of(" 1999-00 ") == date(1999, 4, 6)
    assert tax_year_code(date(2025, 4, 6)) == "2025-26"
    assert tax_year_code(date(2026, 4, 5)) == "2025-26"
    assert tax_year_code(date(2026, 4, 6)) == "2026-27"
    assert tax_year_code(date(2099, 12, 31)) == "2099-00"
    assert tax_year_label(date(2026, 4, 6)) == "2026/27"  # the display form is unchanged


@pytest.mark.parametrize("label", ["2025/26", "2025-2026", "2025-27", "25-26", "2025-26x", "", "  ", "２０２５-２６"])
def test_bad_tax_year_labels_are_refused_plainly(label):
    with pytest.raises(ValueError, match="write it like 2025-26") as raised:
        tax_year_of(label)
    assert isinstance(raised.value, PAEmployerError)
    with pytest.raises(ValueError):
        tax_year_of(2025)


@pytest.mark.parametrize("day, week", [
    (date(2025, 4, 6), 1), (date(2025, 4, 12), 1), (date(2025, 4, 13), 2), (date(2025, 12, 25), 38),
    (date(2026, 3, 28), 51), (date(2026, 3, 29), 52), (date(2026, 4, 4), 52), (date(2026, 4, 5), 53),
    # 2023-24 holds 29 February 2024: 4 and 5 April 2024 are both week 53.
    (date(2024, 4, 3), 52), (date(2024, 4, 4), 53), (date(2024, 4, 5), 53), (date(2024, 4, 6), 1),
])
def test_tax_weeks(day, week):
    assert tax_week(day) == week


@pytest.mark.parametrize("day, month", [
    (date(2025, 4, 6), 1), (date(2025, 5, 5), 1), (date(2025, 5, 6), 2), (date(2025, 12, 5), 8),
    (date(2025, 12, 6), 9), (date(2026, 1, 5), 9), (date(2026, 1, 6), 10), (date(2026, 3, 5), 11),
    (date(2026, 3, 6), 12), (date(2026, 4, 5), 12),
])
def test_tax_months(day, month):
    assert tax_month(day) == month


def test_every_day_of_a_year_has_one_week_and_one_month_in_order():
    day, weeks, months = date(2027, 4, 6), [], []
    while day < date(2028, 4, 6):
        weeks.append(tax_week(day))
        months.append(tax_month(day))
        day += timedelta(days=1)
    assert weeks == sorted(weeks) and set(weeks) == set(range(1, 54)) and weeks.count(53) == 2  # 2028 is a leap year
    assert months == sorted(months) and set(months) == set(range(1, 13))


def test_the_period_of_a_payment_is_set_by_its_pay_date():
    pay_day = date(2025, 5, 9)  # tax week 5, tax month 2
    assert [tax_period(pay_day, frequency) for frequency in ("weekly", "fortnightly", "four_weekly", "monthly")] == [
        5, 5, 5, 2]
    with pytest.raises(ValueError, match="not a pay frequency"):
        tax_period(pay_day, "four-weekly")
