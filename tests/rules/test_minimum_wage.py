"""Minimum wage: bands by age across the history of the rates, the first-day rule, apprentices, 29 February
birthdays, looking ahead, and the pay reference period check (with property tests)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paemployer.errors import RatesError, ValidationError
from paemployer.rules.minimum_wage import (
    Accommodation,
    HoursInPeriod,
    PayInPeriod,
    age_on,
    check_pay_reference_period,
    date_reaching_age,
    minimum_wage_rate,
    next_changes,
)

D = Decimal


def born_aged(age: int, on: date) -> date:
    """A date of birth making the worker exactly `age` on `on` (birthday well before it)."""
    return date(on.year - age, 1, 1) if on.month > 1 else date(on.year - age - 1, 1, 1)


# --- ages ---------------------------------------------------------------------------------------------------------


def test_age_in_completed_years():
    assert age_on(date(2005, 6, 30), date(2026, 6, 29)) == 20
    assert age_on(date(2005, 6, 30), date(2026, 6, 30)) == 21
    with pytest.raises(ValidationError):
        age_on(date(2005, 6, 30), date(2005, 6, 29))


def test_29_february_birthday_is_reached_on_1_march_in_a_non_leap_year():
    """Family Law Reform Act 1969 s.9 (the commencement of the anniversary) and the Age of Legal Capacity
    (Scotland) Act 1991 s.6(2) (1 March, expressly)."""
    leapling = date(2008, 2, 29)
    assert age_on(leapling, date(2027, 2, 28)) == 18
    assert age_on(leapling, date(2027, 3, 1)) == 19
    assert age_on(leapling, date(2028, 2, 28)) == 19
    assert age_on(leapling, date(2028, 2, 29)) == 20  # a leap year: the anniversary exists
    assert date_reaching_age(leapling, 21) == date(2029, 3, 1)
    assert date_reaching_age(leapling, 20) == date(2028, 2, 29)


def test_a_29_february_birthday_moves_the_band_from_1_march():
    leapling = date(2004, 2, 29)
    # Turns 21 on 1 March 2025 (2025 is not a leap year).
    assert minimum_wage_rate(leapling, date(2025, 2, 28)).hourly_rate == D("8.60")  # 2024/25 rates, aged 20
    assert minimum_wage_rate(leapling, date(2025, 3, 1)).hourly_rate == D("11.44")  # aged 21
    [change] = [c for c in next_changes(leapling, date(2025, 2, 1)) if "birthday" in c.reasons]
    assert change.on == date(2025, 3, 1) and change.band == "21_and_over"
    assert minimum_wage_rate(leapling, date(2025, 3, 1)).working["leap_day_birthday"]


# --- bands across the history ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "on, age, band, rate",
    [
        (date(2011, 4, 6), 21, "21_and_over", "5.93"),  # April 2011: the October 2010 rates
        (date(2011, 4, 6), 20, "18_to_20", "4.92"),
        (date(2011, 4, 6), 17, "16_to_17", "3.64"),
        (date(2015, 10, 1), 24, "21_and_over", "6.70"),
        (date(2016, 4, 1), 24, "21_to_24", "6.70"),  # NLW for 25 and over from April 2016
        (date(2016, 4, 1), 25, "25_and_over", "7.20"),
        (date(2021, 4, 1), 22, "21_to_22", "8.36"),  # NLW from 23 from April 2021
        (date(2021, 4, 1), 23, "23_and_over", "8.91"),
        (date(2024, 3, 31), 22, "21_to_22", "10.18"),
        (date(2024, 4, 1), 21, "21_and_over", "11.44"),  # NLW from 21 from April 2024
        (date(2025, 4, 1), 18, "18_to_20", "10.00"),
        (date(2026, 4, 1), 21, "21_and_over", "12.71"),
        (date(2026, 4, 1), 20, "18_to_20", "10.85"),
        (date(2026, 4, 1), 16, "16_to_17", "8.00"),
    ],
)
def test_band_and_rate_by_age(on, age, band, rate):
    result = minimum_wage_rate(born_aged(age, on), on)
    assert (result.age, result.band, result.hourly_rate) == (age, band, D(rate))
    assert result.working["row_effective_from"] == result.effective_from.isoformat()
    assert result.source.startswith("https://")


def test_the_national_living_wage_is_named_from_april_2016():
    assert minimum_wage_rate(born_aged(30, date(2026, 4, 1)), date(2026, 4, 1)).band_label.startswith(
        "National Living Wage"
    )
    assert minimum_wage_rate(born_aged(30, date(2015, 10, 1)), date(2015, 10, 1)).band_label.startswith(
        "National Minimum Wage adult rate"
    )


def test_under_16_is_not_entitled():
    result = minimum_wage_rate(born_aged(15, date(2026, 4, 1)), date(2026, 4, 1))
    assert result.band == "under_16" and result.hourly_rate is None
    assert "not_entitled" in result.working


def test_a_date_before_the_table_is_a_clear_error():
    with pytest.raises(RatesError, match="2010-10-01"):
        minimum_wage_rate(date(1980, 1, 1), date(2010, 9, 30))


# --- apprentices --------------------------------------------------------------------------------------------------


def test_apprentice_under_19_gets_the_apprentice_rate_in_any_year():
    on = date(2026, 4, 1)
    result = minimum_wage_rate(born_aged(18, on), on, apprentice_since=date(2024, 9, 1))
    assert (result.band, result.hourly_rate, result.apprentice_rate_applies) == ("apprentice", D("8.00"), True)


def test_apprentice_19_or_over_gets_it_only_in_the_first_12_months():
    dob = date(2000, 1, 1)
    since = date(2025, 9, 1)
    assert minimum_wage_rate(dob, date(2026, 8, 31), apprentice_since=since).hourly_rate == D("8.00")
    after = minimum_wage_rate(dob, date(2026, 9, 1), apprentice_since=since)
    assert (after.band, after.hourly_rate) == ("21_and_over", D("12.71"))
    [change] = next_changes(dob, date(2026, 8, 1), apprentice_since=since)
    assert change.on == date(2026, 9, 1) and change.reasons == ("apprenticeship_first_year_ends",)


def test_an_apprentice_who_started_on_29_february_keeps_the_apprentice_rate_for_the_whole_first_year():
    # The first year from 29 February 2024 runs to 28 February 2025 (reg 5: the first 12 months).
    dob, since = date(2000, 6, 1), date(2024, 2, 29)
    last_day = minimum_wage_rate(dob, date(2025, 2, 28), apprentice_since=since)
    assert last_day.apprentice_rate_applies and last_day.band == "apprentice"
    assert not minimum_wage_rate(dob, date(2025, 3, 1), apprentice_since=since).apprentice_rate_applies
    [change] = [c for c in next_changes(dob, date(2025, 1, 1), apprentice_since=since)
                if "apprenticeship_first_year_ends" in c.reasons]
    assert change.on == date(2025, 3, 1)


def test_not_yet_an_apprentice_and_no_longer_one():
    dob = date(2000, 1, 1)
    assert minimum_wage_rate(dob, date(2026, 4, 1), apprentice_since=date(2026, 5, 1)).band == "21_and_over"
    ended = minimum_wage_rate(dob, date(2026, 4, 1), apprentice_since=date(2026, 1, 1), apprentice_until=date(2026, 3, 1))
    assert ended.band == "21_and_over"


# --- the first day of the pay reference period sets the rate (NMWM03050) ----------------------------------------


def _required(dob, start, end, hours="100"):
    check = check_pay_reference_period(
        date_of_birth=dob, period_start=start, period_end=end, hours=HoursInPeriod(working=D(hours)), pay=PayInPeriod()
    )
    return check.rate.hourly_rate, check.required


def test_birthday_on_the_first_day_of_the_period_applies_at_once():
    dob = date(2005, 11, 1)  # 21 on 1 November 2026
    assert _required(dob, date(2026, 11, 1), date(2026, 11, 30)) == (D("12.71"), D("1271.00"))


def test_birthday_on_the_second_day_waits_for_the_next_period():
    dob = date(2005, 11, 2)
    assert _required(dob, date(2026, 11, 1), date(2026, 11, 30)) == (D("10.85"), D("1085.00"))
    assert _required(dob, date(2026, 12, 1), date(2026, 12, 31))[0] == D("12.71")


def test_birthday_on_the_last_day_waits_for_the_next_period():
    dob = date(2005, 11, 30)
    assert _required(dob, date(2026, 11, 1), date(2026, 11, 30))[0] == D("10.85")
    assert _required(dob, date(2026, 12, 1), date(2026, 12, 31))[0] == D("12.71")


def test_weekly_periods_around_a_birthday():
    dob = date(2005, 11, 4)  # a Wednesday in 2026
    assert _required(dob, date(2026, 11, 2), date(2026, 11, 8), "40")[0] == D("10.85")
    assert _required(dob, date(2026, 11, 9), date(2026, 11, 15), "40")[0] == D("12.71")


def test_1_april_inside_a_period_waits_for_the_next_period():
    dob = date(1990, 1, 1)
    assert _required(dob, date(2026, 3, 15), date(2026, 4, 14), "10") == (D("12.21"), D("122.10"))
    assert _required(dob, date(2026, 4, 15), date(2026, 5, 14), "10") == (D("12.71"), D("127.10"))
    check = check_pay_reference_period(
        date_of_birth=dob, period_start=date(2026, 3, 15), period_end=date(2026, 4, 14),
        hours=HoursInPeriod(working=D("10")), pay=PayInPeriod(basic_pay=D("122.10")),
    )
    assert check.compliant
    assert [change["date"] for change in check.working["changes_inside_period"]] == ["2026-04-01"]


def test_1_april_as_the_first_day_applies_at_once():
    assert _required(date(1990, 1, 1), date(2026, 4, 1), date(2026, 4, 30), "10")[0] == D("12.71")


# --- looking ahead ------------------------------------------------------------------------------------------------


def test_next_changes_for_a_teenager():
    dob = date(2009, 7, 15)  # 16 on 15 July 2025
    changes = next_changes(dob, date(2026, 4, 1))
    assert [(c.on, c.reasons, c.band, c.hourly_rate) for c in changes] == [
        (date(2027, 7, 15), ("birthday",), "18_to_20", D("10.85")),
        (date(2030, 7, 15), ("birthday",), "21_and_over", D("12.71")),
    ]
    assert changes[0].as_dict()["applies_from"].startswith("the first pay reference period starting on or after")


def test_next_changes_include_a_known_uprating():
    changes = next_changes(date(1990, 1, 1), date(2026, 1, 15))
    assert [(c.on, c.reasons, c.previous_hourly_rate, c.hourly_rate) for c in changes] == [
        (date(2026, 4, 1), ("uprating",), D("12.21"), D("12.71"))
    ]


def test_no_changes_known_for_an_adult_after_the_last_row():
    assert next_changes(date(1990, 1, 1), date(2026, 11, 24)) == ()


# --- the pay reference period check -------------------------------------------------------------------------------


DOB = date(1990, 1, 1)
NOV = (date(2026, 11, 1), date(2026, 11, 30))


def _check(hours, pay, period=NOV, dob=DOB):
    return check_pay_reference_period(date_of_birth=dob, period_start=period[0], period_end=period[1], hours=hours, pay=pay)


def test_which_hours_count():
    hours = HoursInPeriod(
        working=D("100"), sleep_in_awake_for_work=D("2"), travel_between_assignments=D("3"), training=D("5"),
        sleep_in_asleep_or_free=D("40"), travel_home_to_work=D("10"), unpaid_rest_breaks=D("4"), absence=D("8"),
    )
    check = _check(hours, PayInPeriod(basic_pay=D("1398.10")))
    assert check.hours_that_count == D("110")
    assert check.required == D("1398.10") and check.compliant
    assert check.working["hours_not_counted"]["sleep_in_asleep_or_free"] == "40"


def test_sleep_in_only_hours_awake_for_work_count():
    """Royal Mencap Society v Tomlinson-Blake [2021] UKSC 8: a sleep-in allowance of 50.00 for a night of which
    1 hour was spent awake and working; 8 working hours at 12.71 plus the allowance covers 9 hours."""
    hours = HoursInPeriod(working=D("8"), sleep_in_awake_for_work=D("1"), sleep_in_asleep_or_free=D("8"))
    check = _check(hours, PayInPeriod(basic_pay=D("101.68"), allowances_that_count=D("50.00")), period=(date(2026, 11, 2), date(2026, 11, 8)))
    assert check.required == D("114.39") and check.compliant


def test_what_pay_counts():
    hours = HoursInPeriod(working=D("100"))
    pay = PayInPeriod(
        basic_pay=D("1200.00"), allowances_that_count=D("50.00"), premium_pay=D("200.00"),
        allowances_not_counted=D("30.00"), tips_and_service_charges=D("40.00"), expenses_reimbursed=D("25.00"),
        absence_pay=D("100.00"), deductions_for_employer_benefit=D("15.00"),
        payments_to_employer_for_employer_benefit=D("5.00"),
    )
    check = _check(hours, pay)
    assert check.pay_that_counts == D("1230.00")
    assert check.required == D("1271.00")
    assert check.shortfall == D("41.00") and not check.compliant
    treatments = {line.item: line.treatment for line in check.pay_lines}
    assert treatments["premium_pay"] == "excluded" and treatments["tips_and_service_charges"] == "excluded"
    assert treatments["deductions_for_employer_benefit"] == "deducted"


def test_shortfall_rounds_up_in_the_workers_favour():
    check = _check(HoursInPeriod(working=D("7.5")), PayInPeriod(basic_pay=D("95.32")))
    assert check.required == D("95.325")
    assert check.shortfall == D("0.005") and check.shortfall_to_penny == D("0.01") and check.required_to_penny == D("95.33")
    assert _check(HoursInPeriod(working=D("7.5")), PayInPeriod(basic_pay=D("95.33"))).compliant


def test_free_accommodation_adds_the_offset():
    pay = PayInPeriod(basic_pay=D("1000.00"), accommodation=Accommodation(days=30))
    check = _check(HoursInPeriod(working=D("100")), pay)
    assert check.pay_that_counts == D("1000.00") + D("11.10") * 30
    assert check.working["accommodation"]["effect"].startswith("free accommodation")


def test_accommodation_charged_above_the_offset_reduces_pay():
    pay = PayInPeriod(basic_pay=D("1271.00"), accommodation=Accommodation(days=30, charge=D("400.00")))
    check = _check(HoursInPeriod(working=D("100")), pay)
    assert check.pay_that_counts == D("1271.00") - (D("400.00") - D("333.00"))
    assert check.shortfall == D("67.00")


def test_accommodation_charged_within_the_offset_changes_nothing():
    pay = PayInPeriod(basic_pay=D("1271.00"), accommodation=Accommodation(days=30, charge=D("300.00")))
    check = _check(HoursInPeriod(working=D("100")), pay)
    assert check.pay_that_counts == D("1271.00") and check.compliant


def test_the_offset_of_2011_applies_to_a_period_starting_then():
    pay = PayInPeriod(basic_pay=D("0"), accommodation=Accommodation(days=7))
    check = _check(HoursInPeriod(working=D("1")), pay, period=(date(2011, 4, 4), date(2011, 4, 10)))
    assert check.pay_that_counts == D("4.61") * 7


def test_bad_periods_and_inputs_are_refused():
    with pytest.raises(ValidationError, match="at most 1 month"):
        _check(HoursInPeriod(), PayInPeriod(), period=(date(2026, 1, 31), date(2026, 3, 1)))
    assert _check(HoursInPeriod(), PayInPeriod(), period=(date(2026, 1, 31), date(2026, 2, 27))).compliant
    with pytest.raises(ValidationError, match="ends before"):
        _check(HoursInPeriod(), PayInPeriod(), period=(date(2026, 2, 2), date(2026, 2, 1)))
    with pytest.raises(ValidationError, match="negative"):
        _check(HoursInPeriod(working=D("-1")), PayInPeriod())
    with pytest.raises(ValidationError, match="under 16"):
        _check(HoursInPeriod(), PayInPeriod(), dob=date(2012, 1, 1))


def test_a_pay_reference_period_of_one_calendar_month_is_accepted_however_long():
    # NMW Regulations 2015 reg 6: a pay reference period is at most a month; 30 January to 28 February is one
    # calendar month just as 1 to 31 March is (the month ends the day before the 30th, and February has none).
    assert _check(HoursInPeriod(), PayInPeriod(), period=(date(2026, 1, 30), date(2026, 2, 28))).compliant
    assert _check(HoursInPeriod(), PayInPeriod(), period=(date(2026, 1, 31), date(2026, 2, 28))).compliant
    assert _check(HoursInPeriod(), PayInPeriod(), period=(date(2026, 3, 1), date(2026, 3, 31))).compliant
    assert _check(HoursInPeriod(), PayInPeriod(), period=(date(2024, 1, 30), date(2024, 2, 29))).compliant
    for too_long in ((date(2026, 1, 30), date(2026, 3, 1)), (date(2026, 3, 1), date(2026, 4, 1)),
                     (date(2026, 2, 1), date(2026, 3, 1))):
        with pytest.raises(ValidationError, match="at most 1 month"):
            _check(HoursInPeriod(), PayInPeriod(), period=too_long)


# --- properties ---------------------------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
hours_st = st.decimals(min_value=0, max_value=200, places=2, allow_nan=False, allow_infinity=False)
first_days = st.dates(min_value=date(2010, 10, 1), max_value=date(2028, 12, 31))
births = st.dates(min_value=date(1950, 1, 1), max_value=date(1992, 12, 31))


@settings(max_examples=200, deadline=None)
@given(hours=hours_st, basic=money, deductions=money, start=first_days, dob=births)
def test_shortfall_is_zero_exactly_when_pay_reaches_the_required_amount(hours, basic, deductions, start, dob):
    check = _check(
        HoursInPeriod(working=hours),
        PayInPeriod(basic_pay=basic, deductions_for_employer_benefit=deductions),
        period=(start, start + timedelta(days=6)),
        dob=dob,
    )
    assert check.shortfall >= 0 and check.required >= 0
    assert (check.shortfall == 0) == (check.pay_that_counts >= check.required)
    assert (check.shortfall_to_penny == 0) == check.compliant


@settings(max_examples=200, deadline=None)
@given(a=hours_st, b=hours_st, c=hours_st, start=first_days, dob=births)
def test_splitting_the_hours_never_changes_the_total_required(a, b, c, start, dob):
    period = (start, start + timedelta(days=13))
    whole = _check(HoursInPeriod(working=a + b, training=c), PayInPeriod(), period=period, dob=dob).required
    parts = sum(
        (_check(HoursInPeriod(working=x), PayInPeriod(), period=period, dob=dob).required for x in (a, b, c)), D(0)
    )
    assert whole == parts


@settings(max_examples=200, deadline=None)
@given(a=hours_st, b=hours_st, start=first_days, dob=births, split=st.integers(min_value=1, max_value=6))
def test_splitting_a_period_with_no_change_inside_never_changes_the_total_required(a, b, start, dob, split):
    end = start + timedelta(days=6)
    if any(change.on <= end for change in next_changes(dob, start)):
        return  # a change inside the week would set a different rate for the second part
    whole = _check(HoursInPeriod(working=a + b), PayInPeriod(), period=(start, end), dob=dob).required
    first = _check(HoursInPeriod(working=a), PayInPeriod(), period=(start, start + timedelta(days=split - 1)), dob=dob)
    second = _check(HoursInPeriod(working=b), PayInPeriod(), period=(start + timedelta(days=split), end), dob=dob)
    assert whole == first.required + second.required


@settings(max_examples=300, deadline=None)
@given(on=first_days, younger=st.integers(min_value=16, max_value=40), gap=st.integers(min_value=0, max_value=20))
def test_the_rate_never_falls_with_age(on, younger, gap):
    low = minimum_wage_rate(born_aged(younger, on), on).hourly_rate
    high = minimum_wage_rate(born_aged(younger + gap, on), on).hourly_rate
    assert D(0) < low <= high
