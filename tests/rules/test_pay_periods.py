"""Pay periods and pay days (rules/pay_periods.py): blocks from the week anchor, tax and calendar months, the
four pay-day rules with bank holidays moving the day, and a clear refusal of a day that ends no period."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from paemployer.errors import ValidationError
from paemployer.rules.bank_holidays import bank_holidays_between
from paemployer.rules.pay_periods import (
    DEFAULT_WEEK_ANCHOR,
    MONTHS_BASES,
    PAY_DAY_RULES,
    pay_date_for,
    period_containing,
    period_ending,
    periods_between,
)

D = date.fromisoformat


def holidays(nation: str = "england") -> frozenset[date]:
    return bank_holidays_between(nation, date(2025, 1, 1), date(2029, 12, 31))


def test_the_defaults_are_the_agreed_ones():
    assert DEFAULT_WEEK_ANCHOR == date(2026, 4, 6) and DEFAULT_WEEK_ANCHOR.weekday() == 0
    assert PAY_DAY_RULES == ("friday_after", "next_working_day", "last_working_day", "period_end")
    assert MONTHS_BASES == ("tax", "calendar")


# --- weekly, fortnightly and four-weekly blocks -----------------------------------------------------------------


def test_weekly_periods_run_monday_to_sunday_from_the_anchor_across_the_tax_year_end():
    period = period_containing(D("2027-04-05"), frequency="weekly", pay_day="period_end")
    # 5 April 2027 is the last day of tax year 2026/27 and 6 April the first of 2027/28: one week holds both.
    assert (period.start, period.end, period.days, period.frequency) == (D("2027-04-05"), D("2027-04-11"), 7, "weekly")
    before = period_containing(D("2027-04-04"), frequency="weekly", pay_day="period_end")
    assert before.end == period.start - timedelta(days=1)


def test_weekly_blocks_also_run_backwards_from_the_anchor():
    period = period_containing(D("2026-04-05"), frequency="weekly", pay_day="period_end")
    assert (period.start, period.end) == (D("2026-03-30"), D("2026-04-05"))


def test_fortnightly_periods_are_14_day_blocks_across_the_tax_year_boundary():
    first = period_containing(D("2026-04-06"), frequency="fortnightly", pay_day="period_end")
    assert (first.start, first.end) == (D("2026-04-06"), D("2026-04-19"))
    earlier = period_containing(D("2026-04-05"), frequency="fortnightly", pay_day="period_end")
    assert (earlier.start, earlier.end) == (D("2026-03-23"), D("2026-04-05"))
    across = period_containing(D("2027-04-06"), frequency="fortnightly", pay_day="period_end")
    # 26 fortnights after the anchor: 5 April 2027 (the last day of tax year 2026/27) and 6 April in one period.
    assert (across.start, across.end) == (D("2027-04-05"), D("2027-04-18"))


def test_four_weekly_periods_hold_29_february_in_a_leap_year_and_stay_28_days():
    period = period_containing(D("2028-02-29"), frequency="four_weekly", pay_day="period_end")
    assert period.days == 28 and period.contains(D("2028-02-29"))
    assert (period.start - DEFAULT_WEEK_ANCHOR).days % 28 == 0
    across = period_containing(D("2027-04-05"), frequency="four_weekly", pay_day="period_end")
    assert across.contains(D("2027-04-06")) and across.days == 28


def test_a_different_anchor_moves_the_blocks():
    period = period_containing(D("2026-05-01"), frequency="weekly", anchor=D("2026-04-10"), pay_day="period_end")
    assert (period.start, period.end) == (D("2026-05-01"), D("2026-05-07"))


# --- months -----------------------------------------------------------------------------------------------------


def test_tax_months_run_from_the_6th_to_the_5th_across_the_tax_year_end():
    march = period_containing(D("2027-04-05"), frequency="monthly", pay_day="period_end")
    assert (march.start, march.end) == (D("2027-03-06"), D("2027-04-05"))
    april = period_containing(D("2027-04-06"), frequency="monthly", pay_day="period_end")
    assert (april.start, april.end) == (D("2027-04-06"), D("2027-05-05"))


def test_a_tax_month_crosses_the_new_year():
    period = period_containing(D("2027-01-03"), frequency="monthly", pay_day="period_end")
    assert (period.start, period.end) == (D("2026-12-06"), D("2027-01-05"))


def test_tax_month_holding_29_february_in_a_leap_year_has_29_days():
    period = period_containing(D("2028-02-29"), frequency="monthly", pay_day="period_end")
    assert (period.start, period.end, period.days) == (D("2028-02-06"), D("2028-03-05"), 29)


def test_calendar_months_run_from_the_1st_to_the_last_day_in_a_leap_year():
    period = period_containing(D("2028-02-10"), frequency="monthly", months="calendar", pay_day="period_end")
    assert (period.start, period.end) == (D("2028-02-01"), D("2028-02-29"))
    march = period_containing(D("2027-03-31"), frequency="monthly", months="calendar", pay_day="period_end")
    assert (march.start, march.end) == (D("2027-03-01"), D("2027-03-31"))


# --- the pay-day rules --------------------------------------------------------------------------------------------


def test_period_end_rule_pays_on_the_last_day_even_at_a_weekend():
    assert pay_date_for(D("2026-04-06"), D("2026-04-12"), rule="period_end", bank_holidays=holidays()) == D("2026-04-12")


def test_friday_after_is_the_first_friday_after_the_period():
    assert pay_date_for(D("2026-04-06"), D("2026-04-12"), rule="friday_after", bank_holidays=holidays()) == \
        D("2026-04-17")
    # A period ending on a Friday is paid the Friday after, not the same day.
    assert pay_date_for(D("2026-04-04"), D("2026-04-10"), rule="friday_after", bank_holidays=()) == D("2026-04-17")


def test_friday_after_on_good_friday_moves_to_the_thursday_before():
    # The week of 15-21 March 2027; the Friday after is Good Friday, 26 March 2027.
    assert pay_date_for(D("2027-03-15"), D("2027-03-21"), rule="friday_after", bank_holidays=holidays()) == \
        D("2027-03-25")


def test_friday_after_on_christmas_day_moves_to_christmas_eve():
    assert pay_date_for(D("2026-12-14"), D("2026-12-20"), rule="friday_after", bank_holidays=holidays()) == \
        D("2026-12-24")


def test_friday_after_never_moves_back_into_the_period():
    # Ends Thursday 2 April 2026; Friday 3 is Good Friday; in England Monday 6 is Easter Monday, in Scotland not.
    assert pay_date_for(D("2026-03-27"), D("2026-04-02"), rule="friday_after", bank_holidays=holidays("england")) \
        == D("2026-04-07")
    assert pay_date_for(D("2026-03-27"), D("2026-04-02"), rule="friday_after", bank_holidays=holidays("scotland")) \
        == D("2026-04-06")


def test_next_working_day_skips_christmas_boxing_day_substitute_and_the_weekend():
    # Ends Thursday 24 December 2026: Friday 25 and Monday 28 (Boxing Day's substitute) are bank holidays.
    assert pay_date_for(D("2026-12-18"), D("2026-12-24"), rule="next_working_day", bank_holidays=holidays()) == \
        D("2026-12-29")


def test_next_working_day_after_december_differs_by_nation():
    # Calendar December 2026: 1 January 2027 is a Friday; Scotland's 2 January (a Saturday) is kept on Monday 4th.
    args = {"rule": "next_working_day"}
    assert pay_date_for(D("2026-12-01"), D("2026-12-31"), bank_holidays=holidays("england"), **args) == D("2027-01-04")
    assert pay_date_for(D("2026-12-01"), D("2026-12-31"), bank_holidays=holidays("scotland"), **args) == D("2027-01-05")


def test_last_working_day_before_a_tax_month_ending_at_easter_is_the_thursday():
    # The tax month ending Sunday 5 April 2026: Saturday 4, Friday 3 (Good Friday) are not working days.
    assert pay_date_for(D("2026-03-06"), D("2026-04-05"), rule="last_working_day", bank_holidays=holidays()) == \
        D("2026-04-02")


def test_last_working_day_moves_back_from_christmas_day():
    assert pay_date_for(D("2026-12-19"), D("2026-12-25"), rule="last_working_day", bank_holidays=holidays()) == \
        D("2026-12-24")


def test_last_working_day_of_a_period_with_none_pays_on_its_last_day():
    # A week of Saturday 26 December 2026 to Friday 1 January 2027 with every weekday a holiday (made up).
    made_up = {D("2026-12-28"), D("2026-12-29"), D("2026-12-30"), D("2026-12-31"), D("2027-01-01")}
    assert pay_date_for(D("2026-12-26"), D("2027-01-01"), rule="last_working_day", bank_holidays=made_up) == \
        D("2027-01-01")


def test_the_pay_date_comes_with_the_period():
    period = period_ending(D("2026-12-20"), frequency="weekly", pay_day="friday_after", bank_holidays=holidays())
    assert period.pay_date == D("2026-12-24")


# --- refusals -------------------------------------------------------------------------------------------------------


def test_a_day_that_ends_no_weekly_period_names_the_nearest_ends():
    with pytest.raises(ValidationError) as caught:
        period_ending(D("2026-04-15"), frequency="weekly")
    message = caught.value.message
    assert caught.value.field == "period_end"
    assert "is not the last day of a pay period" in message
    assert "Sunday, 12 April 2026" in message and "Sunday, 19 April 2026" in message
    assert "Monday, 6 April 2026" in message  # the anchor the weeks are counted from


def test_a_day_that_ends_no_tax_month_says_tax_months_run_6th_to_5th():
    with pytest.raises(ValidationError) as caught:
        period_ending(D("2026-04-30"), frequency="monthly")
    assert "6th to the 5th" in caught.value.message
    assert "Tuesday, 5 May 2026" in caught.value.message and "Sunday, 5 April 2026" in caught.value.message


def test_a_period_end_is_accepted_for_every_frequency():
    assert period_ending(D("2026-04-19"), frequency="fortnightly").start == D("2026-04-06")
    assert period_ending(D("2026-05-03"), frequency="four_weekly").start == D("2026-04-06")
    assert period_ending(D("2026-04-30"), frequency="monthly", months="calendar").start == D("2026-04-01")


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"frequency": "daily"}, "pay_frequency"),
    ({"frequency": "monthly", "months": "lunar"}, "pay_months"),
    ({"frequency": "weekly", "pay_day": "whenever"}, "pay_day"),
])
def test_unknown_frequency_months_or_rule_is_refused(kwargs, field):
    with pytest.raises(ValidationError) as caught:
        period_containing(D("2026-05-01"), **kwargs)
    assert caught.value.field == field


# --- periods between two days ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("frequency", ["weekly", "fortnightly", "four_weekly", "monthly"])
def test_periods_between_cover_the_days_without_gaps_or_overlaps(frequency):
    periods = periods_between(D("2027-01-20"), D("2028-05-02"), frequency=frequency, bank_holidays=holidays())
    assert periods[0].contains(D("2027-01-20")) and periods[-1].contains(D("2028-05-02"))
    for before, after in pairwise(periods):
        assert after.start == before.end + timedelta(days=1)
    assert all(period.pay_date > period.end for period in periods)  # friday_after: always after the end


def test_periods_between_is_empty_when_last_is_before_first():
    assert periods_between(D("2026-05-02"), D("2026-05-01"), frequency="weekly") == []
