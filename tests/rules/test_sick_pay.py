"""Statutory Sick Pay: GOV.UK's calculator test cases ported, then each rule on its own (periods of incapacity,
linking, waiting days, the 28-week limit, the earnings test, the 6 April 2026 changes and their transition,
rounding per week and per pay period), then properties."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paemployer.errors import RatesError, ValidationError
from paemployer.rules.sick_pay import (
    BELOW_LEL,
    ENTITLEMENT_ENDED,
    MAXIMUM_REACHED,
    NIL_RATE,
    NOT_IN_PIW,
    PAID,
    WAITING,
    Spell,
    parse_qualifying_days,
    statutory_sick_pay,
    week_start,
)

D = Decimal
MON_FRI = (0, 1, 2, 3, 4)
HIGH = D("500")  # average weekly earnings well above every limit and above the flat rate / 80%


def ssp(first, last, days=MON_FRI, earnings=HIGH, earlier=()):
    return statutory_sick_pay(Spell(first, last), days, earnings, earlier_spells=[Spell(*pair) for pair in earlier])


def sa_days(pattern: str) -> tuple[int, ...]:
    """smart-answers writes days as Ruby wday digits (0 = Sunday); ours are Monday = 0."""
    return tuple(sorted((int(digit) - 1) % 7 for digit in pattern))


# --- GOV.UK's calculator, ported --------------------------------------------------------------------------------
# alphagov/smart-answers test/unit/calculators/statutory_sick_pay_calculator_test.rb (commit 01603ed0cccb; the
# same cases at 96f10c4c04bd), contexts named below. Their calculator takes earnings separately, so each case
# here uses earnings above the limit. Cases testing internals with impossible inputs (a "linked" spell after
# the current one, or one day long) are not ported. 17 cases, all agree.

SMART_ANSWERS_CASES = [
    # (context, first, last, pattern, linked, days paid, amount)
    ("prev_sick_days is 5, M-F, 7 days out", date(2012, 10, 1), date(2012, 10, 7), "12345",
     (date(2012, 9, 1), date(2012, 9, 7)), 5, "85.85"),
    ("maximum days payable for 5 days a week", date(2012, 4, 6), date(2012, 12, 6), "12345", None, 140, "2403.80"),
    ("maximum days payable for 3 days a week", date(2012, 4, 6), date(2012, 12, 6), "234", None, 84, "2403.80"),
    ("test scenario 1 - M-F, no waiting days, cross tax years", date(2012, 3, 26), date(2012, 4, 13), "12345",
     None, 12, "200.94"),
    ("test scenario 2 - T-F, 7 waiting days, cross tax years", date(2012, 2, 28), date(2012, 4, 7), "2345",
     (date(2012, 1, 3), date(2012, 1, 12)), 24, "490.67"),
    ("test scenario 3", date(2012, 7, 25), date(2012, 9, 4), "135", (date(2012, 5, 7), date(2012, 7, 1)), 18, "515.11"),
    ("test scenario 4", date(2012, 11, 23), date(2012, 12, 31), "06", None, 9, "386.33"),
    ("test scenario 5", date(2012, 3, 29), date(2012, 5, 6), "1234", (date(2011, 9, 28), date(2012, 3, 19)), 16,
     "338.09"),
    ("test scenario 6", date(2012, 3, 29), date(2012, 5, 6), "1234", (date(2011, 9, 5), date(2012, 3, 21)), 0, "0"),
    ("test scenario 7", date(2012, 8, 28), date(2012, 10, 6), "3", None, 3, "257.55"),
    ("test scenario 6a - 1 day max to pay", date(2012, 3, 29), date(2012, 4, 10), "1234",
     (date(2011, 9, 5), date(2012, 3, 20)), 1, "20.40"),
    ("2013/14 test scenario 1", date(2013, 3, 26), date(2013, 4, 12), "234", None, 6, "172.55"),
    ("2013/14 test scenario 2", date(2013, 1, 7), date(2013, 5, 3), "1234", None, 65, "1398.47"),
    ("2013/14 test scenario 3", date(2013, 1, 7), date(2013, 5, 3), "36", (date(2012, 12, 1), date(2012, 12, 28)), 33,
     "1419.93"),
    ("2013/14 test scenario 4", date(2013, 1, 7), date(2013, 5, 3), "234", (date(2012, 9, 21), date(2012, 12, 28)),
     45, "1289.45"),
    ("2014/2015 scenario 5", date(2014, 7, 10), date(2014, 7, 20), "12345", (date(2014, 6, 1), date(2014, 6, 14)), 7,
     "122.57"),
    ("when the last working day of the sick period is a Sunday", date(2013, 10, 24), date(2013, 10, 27), "013456",
     None, 1, "14.45"),
]


@pytest.mark.parametrize("case", SMART_ANSWERS_CASES, ids=[case[0] for case in SMART_ANSWERS_CASES])
def test_agrees_with_govuk_calculator_tests(case):
    _, first, last, pattern, linked, days_paid, amount = case
    result = ssp(first, last, sa_days(pattern), earlier=[linked] if linked else [])
    assert (result.days_paid, result.amount) == (days_paid, D(amount))


@pytest.mark.parametrize(
    "on, pattern, daily",
    [
        (date(2012, 10, 1), "12345", "17.1700"),  # "return daily rate of 17.1700"
        (date(2012, 10, 1), "135", "28.6166"),  # "should be 28.6166 according to HMRC table"
        (date(2012, 10, 1), "0123456", "12.2642"),  # "unrounded, matches the HMRC SSP daily rate table"
        (date(2012, 10, 1), "123456", "14.3083"),
        (date(2012, 10, 1), "45", "42.9250"),
        (date(2012, 4, 5), "12345", "16.3200"),  # "use ssp rate and lel for 2011-12"
        (date(2014, 5, 4), "12345", "17.5100"),  # "use ssp rate and lel for 2014-15"
    ],
)
def test_daily_rates_agree_with_govuk_calculator_tests(on, pattern, daily):
    # A spell of a week starting on `on`, linked to an earlier one so no waiting days are served.
    days = sa_days(pattern)
    result = ssp(on, on + timedelta(days=13), days, earlier=[(on - timedelta(days=40), on - timedelta(days=20))])
    assert result.days[0].status == PAID or result.daily_rate is not None
    assert result.daily_rate == D(daily)


def test_weekly_amounts_agree_with_govuk_calculator_test():
    """smart-answers "sick_pay_weekly_amounts": 2013/14 scenario 4, week by week (weeks ending Saturday)."""
    result = ssp(date(2013, 1, 7), date(2013, 5, 3), sa_days("234"), earlier=[(date(2012, 9, 21), date(2012, 12, 28))])
    expected = [D("85.85")] * 13 + [D("86.70"), D("86.70")]
    assert [week.amount for week in result.weeks] == expected
    assert result.weeks[0].week_end == date(2013, 1, 12) and result.weeks[-1].week_end == date(2013, 4, 20)
    assert result.amount == sum(expected)


def test_lower_earnings_limits_agree_with_govuk_calculator_tests():
    for on, limit in [(date(2012, 4, 1), "102"), (date(2012, 4, 6), "107"), (date(2013, 4, 6), "109"),
                      (date(2014, 4, 6), "111"), (date(2015, 4, 6), "112")]:
        below = ssp(on, on + timedelta(days=10), earnings=D(limit) - D("0.01"))
        at = ssp(on, on + timedelta(days=10), earnings=D(limit))
        assert below.days_paid == 0 and any(day.status == BELOW_LEL for day in below.days)
        assert at.days_paid > 0


# --- periods of incapacity and linking -----------------------------------------------------------------------------


def test_three_days_before_6_april_2026_is_not_a_period_of_incapacity():
    result = ssp(date(2026, 3, 2), date(2026, 3, 4))
    assert not result.period_of_incapacity and result.days_paid == 0
    assert {day.status for day in result.days} == {NOT_IN_PIW}


def test_four_days_make_a_period_but_waiting_days_come_first():
    result = ssp(date(2026, 3, 2), date(2026, 3, 5))
    assert result.period_of_incapacity
    assert result.waiting_days == (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4))
    assert result.days_paid == 1 and result.amount == D("23.75")


def test_from_6_april_2026_one_day_is_paid_from_the_first_day():
    result = ssp(date(2026, 4, 7), date(2026, 4, 7))
    assert result.period_of_incapacity and result.waiting_days == ()
    assert (result.days_paid, result.daily_rate, result.amount) == (1, D("24.6500"), D("24.65"))


def test_spells_eight_weeks_apart_link_and_nine_weeks_do_not():
    earlier = (date(2025, 1, 6), date(2025, 1, 10))  # Mon-Fri: 3 waiting days, 2 paid
    linked = ssp(date(2025, 3, 8), date(2025, 3, 14), earlier=[earlier])  # gap of 56 days
    assert linked.linked_spells and linked.waiting_days == ()
    unlinked = ssp(date(2025, 3, 9), date(2025, 3, 14), earlier=[earlier])  # gap of 57 days
    assert not unlinked.linked_spells and len(unlinked.waiting_days) == 3
    assert unlinked.working["earlier_spells_not_linked"][0]["why"].startswith("57 days")


def test_an_earlier_spell_too_short_to_be_a_period_does_not_link():
    result = ssp(date(2025, 3, 10), date(2025, 3, 14), earlier=[(date(2025, 3, 3), date(2025, 3, 5))])
    assert not result.linked_spells and len(result.waiting_days) == 3


def test_waiting_days_are_served_once_across_a_linked_series():
    # Earlier: Thu-Fri and Sat-Sun = 4 days, 2 qualifying days, both waiting days.
    result = ssp(date(2025, 2, 3), date(2025, 2, 7), earlier=[(date(2025, 1, 9), date(2025, 1, 12))])
    assert result.waiting_days == (date(2025, 2, 3),)
    assert result.days_paid == 4
    assert result.working["waiting_days_served_before_this_spell"] == 2


def test_a_chain_of_links_reaches_back_through_each_period():
    earlier = [(date(2025, 1, 6), date(2025, 1, 10)), (date(2025, 2, 24), date(2025, 2, 28))]
    result = ssp(date(2025, 4, 21), date(2025, 4, 25), earlier=earlier)
    assert len(result.linked_spells) == 2 and result.working["series_start"] == "2025-01-06"


def test_earlier_spell_must_end_before_this_one():
    with pytest.raises(ValidationError, match="at least one day before"):
        ssp(date(2025, 3, 10), date(2025, 3, 14), earlier=[(date(2025, 3, 3), date(2025, 3, 9))])
    with pytest.raises(ValidationError, match="cannot end"):
        Spell(date(2025, 3, 10), date(2025, 3, 9))


# --- the 28-week limit and the three-year limit --------------------------------------------------------------------


def test_28_weeks_counts_days_already_paid_in_linked_periods():
    earlier = (date(2024, 6, 3), date(2024, 11, 29))  # 26 weeks Mon-Fri: 3 waiting + 127 paid
    result = ssp(date(2024, 12, 9), date(2024, 12, 31), earlier=[earlier])
    assert result.days_paid == 140 - 127
    assert any(day.status == MAXIMUM_REACHED for day in result.days)


def test_a_linked_series_ends_after_three_years():
    # Two-day-a-week worker (Sat, Sun) sick for short linked periods every seven weeks: never reaching 28 weeks.
    earlier = []
    first = date(2016, 4, 2)  # a Saturday
    while first < date(2019, 4, 2):
        earlier.append((first, first + timedelta(days=3)))
        first += timedelta(weeks=7)
    result = ssp(first, first + timedelta(days=3), days=(5, 6), earlier=earlier)
    assert result.working["series_start"] == "2016-04-02"
    assert {day.status for day in result.days if day.qualifying} == {ENTITLEMENT_ENDED}


# --- the 6 April 2026 changes and the transition ---------------------------------------------------------------------


def test_from_6_april_2026_no_lower_earnings_limit_and_80_percent_of_earnings():
    result = ssp(date(2026, 4, 13), date(2026, 4, 17), earnings=D("100"))
    assert (result.weekly_rate, result.daily_rate, result.amount) == (D("80.00"), D("16.0000"), D("80.00"))
    assert "80% of average weekly earnings" in result.days[0].how


def test_80_percent_is_only_used_below_the_flat_rate():
    # 154.0625 x 80% = 123.25: the published break-even is "between 125 and 154.05".
    assert ssp(date(2026, 4, 13), date(2026, 4, 17), earnings=D("154.07")).weekly_rate == D("123.25")
    assert ssp(date(2026, 4, 13), date(2026, 4, 17), earnings=D("154.06")).weekly_rate == D("123.248")


def test_pennies_of_the_80_percent_rate_round_up_per_week():
    result = ssp(date(2026, 4, 13), date(2026, 4, 17), days=(0, 1, 2), earnings=D("100.01"))  # Mon-Wed
    assert result.daily_rate == D("26.6693")  # 80.008 / 3, truncated
    assert result.amount == D("80.01")  # 80.0079 rounded up


def test_sickness_spanning_6_april_2026_already_paid_keeps_the_flat_rate():
    """Transitional protection: SSP paid before 6 April in this absence, earnings 140 a week (80% = 112)."""
    result = ssp(date(2026, 3, 23), date(2026, 4, 10), earnings=D("140"))
    before = [day for day in result.days if day.day < date(2026, 4, 6) and day.status == PAID]
    after = [day for day in result.days if day.day >= date(2026, 4, 6) and day.status == PAID]
    assert len(result.waiting_days) == 3 and len(before) == 7
    assert {day.weekly_rate for day in before} == {D("118.75")}
    assert {day.weekly_rate for day in after} == {D("123.25")}
    assert "transition" in result.working
    assert result.amount == D("23.75") * 7 + D("24.65") * 5


def test_sickness_spanning_6_april_2026_serving_waiting_days_is_paid_from_6_april_at_the_new_rate():
    # Thu 2 April: waiting days 2 and 3 April; from Monday 6 April no more waiting days, 80% of 140 = 112.
    result = ssp(date(2026, 4, 2), date(2026, 4, 10), earnings=D("140"))
    assert result.waiting_days == (date(2026, 4, 2), date(2026, 4, 3))
    assert result.days[4].day == date(2026, 4, 6) and result.days[4].status == PAID
    assert (result.days_paid, result.weekly_rate) == (5, D("112.00"))


def test_sickness_spanning_6_april_2026_below_the_old_limit_is_paid_from_6_april():
    result = ssp(date(2026, 3, 23), date(2026, 4, 10), earnings=D("100"))
    assert {day.status for day in result.days if day.day < date(2026, 4, 6) and day.qualifying} == {BELOW_LEL}
    assert result.days_paid == 5 and result.weekly_rate == D("80.00")


def test_three_days_before_and_one_after_6_april_2026():
    # Fri 3 - Mon 6 April: 4 days, a period under the old rules too: 3 waiting days (Fri, and Mon counts
    # under the new rules, so only Friday waits), Monday paid.
    result = ssp(date(2026, 4, 3), date(2026, 4, 6))
    assert result.waiting_days == (date(2026, 4, 3),) and result.days_paid == 1
    # Sat 4 - Mon 6 April: 3 days, not a period before 6 April; Monday is one under the new rules.
    short = ssp(date(2026, 4, 4), date(2026, 4, 6))
    assert [day.status for day in short.days] == [NOT_IN_PIW, NOT_IN_PIW, PAID]


def test_absence_continuous_since_before_22_september_2025_is_nil_rate_from_6_april_2026():
    result = ssp(date(2025, 9, 15), date(2026, 4, 17), earnings=D("100"))
    after = [day for day in result.days if day.day >= date(2026, 4, 6) and day.qualifying]
    assert {day.status for day in after} == {NIL_RATE} and result.amount == 0
    started_later = ssp(date(2025, 9, 22), date(2026, 4, 17), earnings=D("100"))
    assert started_later.amount == D("80.00") * 2


def test_linked_spell_after_6_april_uses_the_new_rules_with_no_protection():
    # Paid at the flat rate in March; a linked spell in May gets the lower of flat and 80% of 140.
    result = ssp(date(2026, 5, 4), date(2026, 5, 8), earnings=D("140"), earlier=[(date(2026, 3, 2), date(2026, 3, 13))])
    assert result.linked_spells and result.weekly_rate == D("112.00") and result.days_paid == 5


# --- per week and per pay period -------------------------------------------------------------------------------------


def test_each_sunday_to_saturday_week_is_rounded_up():
    result = ssp(date(2012, 10, 1), date(2012, 10, 31), days=(0, 2, 4), earlier=[(date(2012, 9, 1), date(2012, 9, 12))])
    # 3 qualifying days: 28.6166 a day; a full week is 85.8498, rounded up to 85.85.
    full_weeks = [week for week in result.weeks if week.days_paid == 3]
    assert full_weeks and all(week.amount == D("85.85") for week in full_weeks)
    assert all(week_start(week.week_start) == week.week_start and week.week_start.weekday() == 6 for week in result.weeks)


def test_amount_for_a_pay_period():
    result = ssp(date(2026, 4, 13), date(2026, 5, 29))
    april = result.amount_between(date(2026, 4, 1), date(2026, 4, 30))
    may = result.amount_between(date(2026, 5, 1), date(2026, 5, 31))
    assert april == D("24.65") * 14 and may == D("24.65") * 21
    assert april + may == result.amount
    with pytest.raises(ValidationError):
        result.amount_between(date(2026, 5, 1), date(2026, 4, 1))


def test_dates_outside_the_table_are_a_clear_error():
    with pytest.raises(RatesError, match="2010-04-06"):
        ssp(date(2010, 3, 1), date(2010, 3, 10))


def test_a_spell_across_the_2011_uprating_pays_each_day_at_its_own_rate():
    # 2010/11 rate 79.15 (SI 2010/793) until 5 April 2011, then 81.60; waiting days 28-30 March.
    result = ssp(date(2011, 3, 28), date(2011, 4, 8))
    assert [day.daily_rate for day in result.days if day.status == "paid"] == (
        [D("15.83")] * 4 + [D("16.32")] * 3
    )
    assert [week.amount for week in result.weeks] == [D("31.66"), D("80.62")]


def test_qualifying_days_are_read_from_names():
    assert parse_qualifying_days("mon,tue,wed") == (0, 1, 2)
    assert parse_qualifying_days("Sunday, sat") == (5, 6)
    for bad in ("", "mon,mon", "funday", "mo"):
        with pytest.raises(ValueError):
            parse_qualifying_days(bad)


# --- properties -------------------------------------------------------------------------------------------------------

days_st = st.sets(st.integers(min_value=0, max_value=6), min_size=1).map(lambda days: tuple(sorted(days)))
starts = st.dates(min_value=date(2010, 4, 6), max_value=date(2027, 6, 30))
earnings_st = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(start=starts, length=st.integers(min_value=1, max_value=250), days=days_st, earnings=earnings_st)
def test_amounts_are_never_negative_and_add_up(start, length, days, earnings):
    result = ssp(start, start + timedelta(days=length - 1), days=days, earnings=earnings)
    assert result.amount >= 0 and all(week.amount >= 0 for week in result.weeks)
    assert all(day.daily_rate is None or day.daily_rate >= 0 for day in result.days)
    assert result.amount == sum((week.amount for week in result.weeks), D(0))
    assert result.days_paid <= 28 * len(days)
    assert result.amount_between(result.spell.first_day, result.spell.last_day) == result.amount
    # Cutting the spell into pay periods at week boundaries never changes the total.
    cut = week_start(start) + timedelta(weeks=2)
    if start <= cut <= result.spell.last_day:
        assert result.amount_between(start, cut - timedelta(days=1)) + result.amount_between(
            cut, result.spell.last_day
        ) == result.amount


@settings(max_examples=100, deadline=None)
@given(start=starts, length=st.integers(min_value=1, max_value=60), days=days_st)
def test_more_earnings_never_mean_less_sick_pay(start, length, days):
    last = start + timedelta(days=length - 1)
    low = ssp(start, last, days=days, earnings=D("50")).amount
    high = ssp(start, last, days=days, earnings=D("400")).amount
    assert low <= high


def test_ssp_split_across_pay_periods_adds_up_to_the_total():
    # A week split by a pay period's end is shared so the parts add to the week's amount (rounded up once):
    # with 3 qualifying days, 28.6166 a day, a week is 85.85; rounding each part up would pay 85.86.
    result = ssp(date(2012, 10, 1), date(2012, 10, 31), days=(0, 2, 4), earlier=[(date(2012, 9, 1), date(2012, 9, 12))])
    total = result.amount
    for cut in (date(2012, 10, 3), date(2012, 10, 4), date(2012, 10, 10), date(2012, 10, 12), date(2012, 10, 18)):
        first = result.amount_between(result.spell.first_day, cut - timedelta(days=1))
        second = result.amount_between(cut, result.spell.last_day)
        assert first + second == total, cut
    weekly = [result.amount_between(day, day) for day in (date(2012, 10, 8), date(2012, 10, 10), date(2012, 10, 12))]
    assert sum(weekly, D(0)) == D("85.85")
