"""The HMRC payment calendar (rules/hmrc_payments.py): tax months and quarters, due dates moved back from weekends
and bank holidays (GOV.UK "Pay employers' PAYE"), who may pay quarterly, the Employment Allowance used up part way
through a year, and statutory pay recovery with and without Small Employers' Relief."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from types import MappingProxyType

import pytest

from paemployer.errors import RatesError, ValidationError
from paemployer.rules import hmrc_payments
from paemployer.rules.hmrc_payments import (
    allocate_employment_allowance,
    hmrc_period_of,
    hmrc_periods,
    last_working_day_on_or_before,
    may_pay_quarterly,
    qualifies_for_small_employers_relief,
    statutory_pay_recovery,
)
from paemployer.rules.rates import RatesTable, load_table

YEARS = ("2024-25", "2025-26", "2026-27")


def test_the_tax_months_of_2025_26_and_their_due_dates():
    months = hmrc_periods("2025-26", quarterly=False)
    assert [period.number for period in months] == list(range(1, 13))
    assert (months[0].start, months[0].end) == (date(2025, 4, 6), date(2025, 5, 5))
    assert (months[8].start, months[8].end) == (date(2025, 12, 6), date(2026, 1, 5))
    assert (months[11].start, months[11].end) == (date(2026, 3, 6), date(2026, 4, 5))
    assert all(period.tax_year == "2025-26" and not period.quarterly for period in months)
    assert months[0].due_electronic == date(2025, 5, 22)   # a Thursday
    assert months[0].due_cheque == date(2025, 5, 19)       # a Monday
    # 22 June 2025 is a Sunday: the money must reach HMRC on Friday 20 June.
    assert months[1].due_electronic == date(2025, 6, 20)
    # 22 November 2025 is a Saturday: Friday 21 November.
    assert months[6].due_electronic == date(2025, 11, 21)
    # 22 February and 22 March 2026 are Sundays.
    assert (months[9].due_electronic, months[10].due_electronic) == (date(2026, 2, 20), date(2026, 3, 20))
    # Cheques: 19 July 2025 is a Saturday, 19 October 2025 a Sunday.
    assert (months[2].due_cheque, months[5].due_cheque) == (date(2025, 7, 18), date(2025, 10, 17))
    assert [period.due_electronic.day for period in months] == [22, 20, 22, 22, 22, 22, 21, 22, 22, 20, 20, 22]


def test_a_due_day_on_a_bank_holiday_weekend_moves_to_the_working_day_before():
    # 2024-25 month 12: the cheque is due on 19 April 2025, a Saturday; Friday 18 April is Good Friday.
    last = hmrc_periods("2024-25", quarterly=False)[11]
    assert (last.end, last.due_electronic, last.due_cheque) == (date(2025, 4, 5), date(2025, 4, 22), date(2025, 4, 17))


def test_the_caller_can_give_the_bank_holidays():
    holidays = frozenset({date(2025, 5, 22), date(2025, 5, 21)})
    first = hmrc_periods("2025-26", quarterly=False, bank_holidays=holidays)[0]
    assert first.due_electronic == date(2025, 5, 20)
    assert hmrc_period_of(date(2025, 4, 30), quarterly=False, bank_holidays=holidays) == first
    # With none, 19 April 2025 (Saturday) moves only to Friday 18 April.
    assert hmrc_periods("2024-25", quarterly=False, bank_holidays=frozenset())[11].due_cheque == date(2025, 4, 18)
    assert last_working_day_on_or_before(date(2025, 4, 21), frozenset({date(2025, 4, 21), date(2025, 4, 18)})) == \
        date(2025, 4, 17)


def test_a_quarterly_payer_pays_four_times_a_year():
    quarters = hmrc_periods("2026-27", quarterly=True)
    assert [(period.start, period.end) for period in quarters] == [
        (date(2026, 4, 6), date(2026, 7, 5)),
        (date(2026, 7, 6), date(2026, 10, 5)),
        (date(2026, 10, 6), date(2027, 1, 5)),
        (date(2027, 1, 6), date(2027, 4, 5)),
    ]
    # GOV.UK: "22 July for the 6 April to 5 July quarter".
    assert [period.due_electronic for period in quarters] == [
        date(2026, 7, 22), date(2026, 10, 22), date(2027, 1, 22), date(2027, 4, 22)]
    # 19 July 2026 is a Sunday.
    assert [period.due_cheque for period in quarters] == [
        date(2026, 7, 17), date(2026, 10, 19), date(2027, 1, 19), date(2027, 4, 19)]
    assert all(period.quarterly for period in quarters)


@pytest.mark.parametrize("tax_year", YEARS)
@pytest.mark.parametrize("quarterly", [False, True])
def test_the_periods_cover_the_year_and_each_pay_date_falls_in_its_own(tax_year, quarterly):
    periods = hmrc_periods(tax_year, quarterly=quarterly)
    start = date(int(tax_year[:4]), 4, 6)
    assert periods[0].start == start and periods[-1].end == date(start.year + 1, 4, 5)
    for before, after in pairwise(periods):
        assert after.start == before.end + timedelta(days=1)
    for period in periods:
        for day in (period.start, period.start + timedelta(days=13), period.end):
            assert hmrc_period_of(day, quarterly=quarterly) == period
        # Due within the month the period ends in, never before the period ends.
        assert period.end < period.due_cheque <= period.due_electronic
        assert period.due_electronic.month == period.end.month and period.due_electronic.weekday() < 5


def test_the_period_of_a_pay_date():
    assert hmrc_period_of(date(2025, 5, 5), quarterly=False).number == 1
    assert hmrc_period_of(date(2025, 5, 6), quarterly=False).number == 2
    april = hmrc_period_of(date(2026, 4, 5), quarterly=False)
    assert (april.tax_year, april.number) == ("2025-26", 12)
    assert hmrc_period_of(date(2026, 7, 5), quarterly=True).number == 1
    assert hmrc_period_of(date(2026, 7, 6), quarterly=True).number == 2
    third = hmrc_period_of(date(2027, 1, 4), quarterly=True)
    assert (third.tax_year, third.number, third.due_electronic) == ("2026-27", 3, date(2027, 1, 22))


def test_years_without_figures_are_refused():
    with pytest.raises(RatesError, match="2027-28"):
        hmrc_periods("2027-28", quarterly=False)
    with pytest.raises(RatesError, match="2023-24"):
        hmrc_period_of(date(2024, 1, 10), quarterly=False)
    with pytest.raises(ValueError, match="not a tax year"):
        hmrc_periods("2025", quarterly=True)


# --- Employment Allowance ----------------------------------------------------------------------------------------


def test_the_employment_allowance_is_used_up_part_way_through_the_year():
    # £10,500 against £1,200 of employer NI a month: all of it for eight months, £900 in the ninth, then nothing.
    used = allocate_employment_allowance(allowance=Decimal(10500), employer_ni_by_period=[Decimal(1200)] * 12)
    assert used == [Decimal(1200)] * 8 + [Decimal(900), Decimal(0), Decimal(0), Decimal(0)]
    assert sum(used) == Decimal(10500)


def test_the_employment_allowance_skips_months_without_employer_ni():
    ni = [Decimal(0), Decimal("400.55"), Decimal("-20.00"), Decimal(4000), Decimal(300)]
    assert allocate_employment_allowance(allowance=Decimal(5000), employer_ni_by_period=ni) == [
        Decimal(0), Decimal("400.55"), Decimal(0), Decimal(4000), Decimal(300)]
    assert allocate_employment_allowance(allowance=Decimal(4500), employer_ni_by_period=ni) == [
        Decimal(0), Decimal("400.55"), Decimal(0), Decimal(4000), Decimal("99.45")]
    assert allocate_employment_allowance(allowance=Decimal(0), employer_ni_by_period=ni) == [Decimal(0)] * 5
    assert allocate_employment_allowance(allowance=Decimal(10500), employer_ni_by_period=[]) == []
    with pytest.raises(ValidationError):
        allocate_employment_allowance(allowance=Decimal(-1), employer_ni_by_period=ni)


# --- quarterly and statutory pay ---------------------------------------------------------------------------------


def test_quarterly_payment_needs_an_average_under_1500_a_month():
    on = date(2025, 6, 1)
    assert may_pay_quarterly(Decimal("1499.99"), on)
    assert not may_pay_quarterly(Decimal("1500.00"), on)
    assert may_pay_quarterly(Decimal(0), date(2026, 4, 6))


def test_statutory_pay_recovery():
    # Before 6 April 2025: 92 %, or 103 % with Small Employers' Relief.
    assert statutory_pay_recovery(amount=Decimal("1000.00"), small_employer=False, on=date(2024, 6, 1)) == Decimal("920.00")
    assert statutory_pay_recovery(amount=Decimal("1000.00"), small_employer=True, on=date(2024, 6, 1)) == Decimal("1030.00")
    assert statutory_pay_recovery(amount=Decimal("1000.00"), small_employer=True, on=date(2025, 4, 5)) == Decimal("1030.00")
    # From 6 April 2025: 108.5 %.
    assert statutory_pay_recovery(amount=Decimal("1000.00"), small_employer=True, on=date(2025, 4, 6)) == Decimal("1085.00")
    # A week of SMP at the 2025-26 flat rate: 187.18 x 1.085 = 203.0903; x 0.92 = 172.2056 (to the penny, half up).
    assert statutory_pay_recovery(amount=Decimal("187.18"), small_employer=True, on=date(2025, 9, 1)) == Decimal("203.09")
    assert statutory_pay_recovery(amount=Decimal("187.18"), small_employer=False, on=date(2025, 9, 1)) == Decimal("172.21")
    assert statutory_pay_recovery(amount=Decimal("194.32"), small_employer=True, on=date(2026, 5, 1)) == Decimal("210.84")


def test_small_employers_relief_limit():
    on = date(2026, 5, 1)
    assert qualifies_for_small_employers_relief(Decimal("45000.00"), on)
    assert not qualifies_for_small_employers_relief(Decimal("45000.01"), on)


def _changed(table: RatesTable, **figures) -> RatesTable:
    rows = tuple(replace(row, values=MappingProxyType({**row.values, **figures})) for row in table.rows)
    return RatesTable(table.name, table.title, rows)


def test_the_figures_come_from_the_table(monkeypatch):
    real = load_table("hmrc_payments")
    monkeypatch.setattr(hmrc_payments, "hmrc_payments_table",
                        lambda: _changed(real, electronic_payment_day=25, quarterly_average_monthly_limit=Decimal(2000),
                                         small_employers_relief_rate=Decimal("1.10")))
    assert hmrc_periods("2025-26", quarterly=False)[0].due_electronic == date(2025, 5, 23)  # 25 May is a Sunday
    assert may_pay_quarterly(Decimal("1999.99"), date(2025, 6, 1))
    assert statutory_pay_recovery(amount=Decimal("100.00"), small_employer=True, on=date(2025, 6, 1)) == Decimal("110.00")
