"""Holiday rules beyond GOV.UK's own tests: edge dates, properties, the week's pay reference period."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paemployer.errors import ValidationError
from paemployer.rules import holiday as h

D = date.fromisoformat


# --- leave years and fractions ---------------------------------------------------------------------

def test_leave_year_containing_a_date_before_the_anniversary_is_last_years():
    year = h.leave_year_containing(D("2026-04-01"), D("2026-02-10"))
    assert (year.first_day, year.last_day) == (D("2025-04-01"), D("2026-03-31"))


def test_leave_year_with_29_february_has_366_days():
    year = h.leave_year_beginning(D("2023-03-01"))
    assert year.last_day == D("2024-02-29")
    assert year.includes_29_february and year.days == 366
    assert not h.leave_year_beginning(D("2024-03-01")).includes_29_february


def test_leave_years_starting_on_29_february_follow_each_other_without_overlap():
    # WTR 1998 reg 13(3)(b): the leave year begins on each anniversary of the start; the anniversary of
    # 29 February in a common year is 1 March, so the year from 29 February 2024 ends on 28 February 2025.
    years = [h.leave_year_containing(D("2024-02-29"), D(f"{year}-06-01")) for year in range(2024, 2033)]
    assert (years[0].first_day, years[0].last_day) == (D("2024-02-29"), D("2025-02-28"))
    assert years[1].first_day == D("2025-03-01")
    assert years[4].first_day == D("2028-02-29") and years[3].last_day == D("2028-02-28")
    for earlier, later in zip(years, years[1:]):
        assert later.first_day == earlier.last_day + timedelta(days=1)
    assert h.leave_year_containing(D("2024-02-29"), D("2025-02-28")) == years[0]
    assert h.leave_year_containing(D("2024-02-29"), D("2025-03-01")) == years[1]


def test_leaver_in_a_leave_year_with_29_february_divides_by_366():
    # Leave year 1 Jan 2024 (leap): leaving 31 March = 91 days of 366.
    result = h.year_fraction(leave_year_start=D("2024-01-01"), leaving=D("2024-03-31"))
    assert (result.days, result.days_in_year) == (91, 366)
    same_in_2025 = h.year_fraction(leave_year_start=D("2025-01-01"), leaving=D("2025-03-31"))
    assert (same_in_2025.days, same_in_2025.days_in_year) == (90, 365)


def test_starter_on_the_first_day_of_the_leave_year_gets_the_whole_year():
    result = h.entitlement_days(Decimal(5), leave_year_start=D("2026-04-01"), start=D("2026-04-01"))
    assert result.entitlement == Decimal(28)


def test_starter_counts_the_month_they_start_in():
    # Starting 15 January in a calendar leave year: January to December = 12 months (one twelfth from the
    # first day of each month, GOV.UK's reading of reg 15A); starting 1 February: 11 months.
    assert h.year_fraction(leave_year_start=D("2026-01-01"), start=D("2026-01-15")).months == 12
    assert h.year_fraction(leave_year_start=D("2026-01-01"), start=D("2026-02-01")).months == 11


def test_starting_and_leaving_in_the_same_leave_year():
    result = h.entitlement_days(Decimal(3), leave_year_start=D("2026-04-01"), start=D("2026-05-01"),
                                leaving=D("2026-08-31"))
    # 123 days of 365 x 16.8 days = 5.66... days; shown rounded up to 5.7; no half-day rounding for a leaver.
    assert result.working["days_counted"] == 123
    assert result.entitlement == Decimal("5.6613698630")
    assert result.display == "5.7"


def test_leaving_before_starting_is_refused():
    with pytest.raises(ValidationError) as error:
        h.entitlement_days(Decimal(5), leave_year_start=D("2026-04-01"), start=D("2026-06-01"), leaving=D("2026-05-01"))
    assert error.value.field == "leaving"


def test_leaving_more_than_a_year_after_starting_is_refused():
    with pytest.raises(ValidationError):
        h.entitlement_days(Decimal(5), leave_year_start=D("2026-04-01"), start=D("2026-06-01"), leaving=D("2027-06-01"))


@pytest.mark.parametrize("field,kwargs", [
    ("days_per_week", dict(days_per_week=Decimal(0))),
    ("days_per_week", dict(days_per_week=Decimal(8))),
])
def test_days_out_of_range_are_refused(field, kwargs):
    with pytest.raises(ValidationError) as error:
        h.entitlement_days(kwargs["days_per_week"], leave_year_start=D("2026-04-01"))
    assert error.value.field == field


def test_more_than_24_hours_a_day_is_refused():
    with pytest.raises(ValidationError) as error:
        h.entitlement_hours(Decimal(50), Decimal(2), leave_year_start=D("2026-04-01"))
    assert error.value.field == "hours_per_week"


def test_shift_pattern_shorter_than_its_shifts_is_refused():
    with pytest.raises(ValidationError) as error:
        h.entitlement_shifts(Decimal(8), 5, Decimal(4), leave_year_start=D("2026-04-01"))
    assert error.value.field == "pattern_days"


# --- irregular hours around 1 April 2024 ---------------------------------------------------------------

def test_leave_year_starting_1_april_2024_uses_the_12_07_percent_accrual():
    result = h.holiday_entitlement("irregular", leave_year_start=D("2024-04-01"), hours_worked=Decimal("100"))
    assert result.unit == "hours"
    assert result.extra["accrued"] == "12.07"
    assert result.entitlement == Decimal(12)


def test_leave_year_straddling_1_april_2024_keeps_the_old_rules():
    # A leave year from 1 January 2024 straddles 1 April 2024 but began before it: no 12.07% accrual.
    result = h.holiday_entitlement("irregular", leave_year_start=D("2024-01-01"), hours_worked=Decimal("100"))
    assert result.unit == "weeks"
    assert result.entitlement == Decimal("5.6")
    assert result.working["old_rules"] is True
    with pytest.raises(ValidationError):
        h.irregular_hours_accrual(Decimal("100"), leave_year_start=D("2024-03-31"))


def test_old_rules_for_an_irregular_starter_pro_rate_the_weeks():
    result = h.holiday_entitlement("irregular", leave_year_start=D("2023-10-01"), start=D("2024-04-15"))
    # Leave year 1 Oct 2023 - 30 Sep 2024: April to September = 6 months -> 2.8 weeks.
    assert result.entitlement == Decimal("2.8")


def test_irregular_hours_accrual_rounds_half_an_hour_up():
    # 12.07% of 29 hours = 3.5003 hours -> 4; of 28.9 hours = 3.48823 hours -> 3.
    assert h.irregular_hours_accrual(Decimal("29"), leave_year_start=D("2025-04-01")).entitlement == 4
    assert h.irregular_hours_accrual(Decimal("28.9"), leave_year_start=D("2025-04-01")).entitlement == 3


def test_irregular_accrual_refuses_start_and_leaving_dates():
    with pytest.raises(ValidationError) as error:
        h.holiday_entitlement("irregular", leave_year_start=D("2025-04-01"), hours_worked=Decimal(10),
                              start=D("2025-05-01"))
    assert error.value.field == "start"


def test_rolled_up_holiday_pay_is_12_07_percent_of_pay_from_april_2024():
    assert h.rolled_up_holiday_pay(Decimal("250.00"), leave_year_start=D("2025-04-01")) == Decimal("30.18")
    with pytest.raises(ValidationError):
        h.rolled_up_holiday_pay(Decimal("250.00"), leave_year_start=D("2024-01-01"))


# --- properties ---------------------------------------------------------------------------------------

leave_year_starts = st.dates(min_value=D("2009-04-01"), max_value=D("2035-12-31"))
days_per_week = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(7), places=1)


def _period(draw, leave_year_start):
    year = h.leave_year_beginning(leave_year_start)
    kind = draw(st.sampled_from(["full", "starting", "leaving", "both"]))
    start = leaving = None
    if kind in ("starting", "both"):
        start = draw(st.dates(min_value=year.first_day, max_value=year.last_day))
    if kind == "leaving":
        leaving = draw(st.dates(min_value=year.first_day, max_value=year.last_day))
    if kind == "both":
        leaving = draw(st.dates(min_value=start, max_value=h.leave_year_beginning(start).last_day))
    return start, leaving


@st.composite
def periods(draw):
    leave_year_start = draw(leave_year_starts)
    start, leaving = _period(draw, leave_year_start)
    return leave_year_start, start, leaving


@settings(max_examples=300, deadline=None)
@given(periods(), days_per_week)
def test_days_never_negative_and_never_above_28(period, days):
    leave_year_start, start, leaving = period
    result = h.entitlement_days(days, leave_year_start=leave_year_start, start=start, leaving=leaving)
    assert Decimal(0) < result.entitlement <= Decimal(28)
    assert Decimal(result.display) <= Decimal(28)


@settings(max_examples=300, deadline=None)
@given(periods(), days_per_week, days_per_week)
def test_more_days_a_week_never_give_less_holiday(period, first, second):
    leave_year_start, start, leaving = period
    fewer, more = sorted((first, second))
    low = h.entitlement_days(fewer, leave_year_start=leave_year_start, start=start, leaving=leaving)
    high = h.entitlement_days(more, leave_year_start=leave_year_start, start=start, leaving=leaving)
    assert low.entitlement <= high.entitlement


@settings(max_examples=200, deadline=None)
@given(periods(), st.integers(min_value=1, max_value=14), st.integers(min_value=0, max_value=14))
def test_shifts_never_negative_and_never_above_28(period, shifts, extra_days):
    leave_year_start, start, leaving = period
    result = h.entitlement_shifts(Decimal(8), shifts, Decimal(shifts + extra_days), leave_year_start=leave_year_start,
                                  start=start, leaving=leaving)
    assert Decimal(0) < result.entitlement <= Decimal(28)


@settings(max_examples=200, deadline=None)
@given(periods(), st.decimals(min_value=Decimal(1), max_value=Decimal(80), places=2), days_per_week)
def test_hours_never_above_28_days_of_hours(period, hours, days):
    leave_year_start, start, leaving = period
    if hours / days > 24:
        return
    result = h.entitlement_hours(hours, days, leave_year_start=leave_year_start, start=start, leaving=leaving)
    assert Decimal(0) < result.entitlement <= (Decimal(28) * hours / days).quantize(Decimal("0.0000000001")) + Decimal("1e-10")


@settings(max_examples=200, deadline=None)
@given(periods())
def test_weeks_never_above_5_6(period):
    leave_year_start, start, leaving = period
    result = h.entitlement_weeks(leave_year_start=leave_year_start, start=start, leaving=leaving)
    assert Decimal(0) < result.entitlement <= Decimal("5.6")


# --- a week's pay: the holiday pay reference period ------------------------------------------------------

MONDAY = D("2026-11-02")  # a Monday; the holiday starts on Monday 2 November 2026


def weeks_back(pays, *, last_week_start=MONDAY - timedelta(weeks=1)):
    """Pay weeks going back from `last_week_start`, latest first; None means a week without pay."""
    return [h.PayWeek(last_week_start - timedelta(weeks=index), Decimal(pay) if pay is not None else Decimal(0),
                      pay is not None) for index, pay in enumerate(pays)]


def test_average_of_the_last_52_weeks_with_pay():
    weeks = weeks_back(["100"] * 52 + ["1000"] * 10)  # older, higher weeks are beyond the 52
    result = h.holiday_pay_average(weeks, holiday_starts=MONDAY)
    assert result.weeks_counted == 52 and result.average == Decimal("100.00")


def test_weeks_without_pay_are_skipped_and_earlier_weeks_brought_in():
    weeks = weeks_back(["200"] + [None] * 3 + ["100"] * 60)
    result = h.holiday_pay_average(weeks, holiday_starts=MONDAY)
    assert result.weeks_counted == 52
    assert len(result.weeks_skipped) == 3
    assert result.total == Decimal("200") + Decimal("100") * 51
    assert result.average == Decimal("101.92")  # 5300 / 52 = 101.923...


def test_no_further_back_than_104_weeks():
    # 60 weeks without pay, then 100 weeks with pay: only 44 weeks with pay lie within 104 weeks.
    weeks = weeks_back([None] * 60 + ["150"] * 100)
    result = h.holiday_pay_average(weeks, holiday_starts=MONDAY)
    assert result.weeks_counted == 44
    assert result.lookback_from == MONDAY - timedelta(weeks=104)
    assert result.average == Decimal("150.00")


def test_employed_for_less_than_52_weeks_uses_the_weeks_there_are():
    result = h.holiday_pay_average(weeks_back(["120", "80", "100"]), holiday_starts=MONDAY)
    assert result.weeks_counted == 3 and result.average == Decimal("100.00")


def test_a_week_not_finished_before_the_holiday_does_not_count():
    weeks = weeks_back(["100"] * 5) + [h.PayWeek(MONDAY - timedelta(days=3), Decimal("999"), True)]
    result = h.holiday_pay_average(weeks, holiday_starts=MONDAY)
    assert result.weeks_counted == 5 and result.average == Decimal("100.00")


def test_before_6_april_2020_twelve_weeks_without_a_look_back_limit():
    holiday = D("2020-03-30")
    weeks = weeks_back([None] * 200 + ["90"] * 12 + ["1"] * 5, last_week_start=holiday - timedelta(weeks=1))
    result = h.holiday_pay_average(weeks, holiday_starts=holiday)
    assert result.weeks_wanted == 12 and result.weeks_counted == 12
    assert result.lookback_from is None and result.average == Decimal("90.00")


def test_from_6_april_2020_fifty_two_weeks():
    holiday = D("2020-04-06")
    result = h.holiday_pay_average(weeks_back(["10"] * 60, last_week_start=holiday - timedelta(weeks=1)),
                                   holiday_starts=holiday)
    assert result.weeks_wanted == 52


def test_northern_ireland_keeps_twelve_weeks():
    result = h.holiday_pay_average(weeks_back(["50"] * 12 + ["500"] * 40), holiday_starts=MONDAY, northern_ireland=True)
    assert result.weeks_counted == 12 and result.average == Decimal("50.00")


def test_no_week_with_pay_gives_no_average():
    result = h.holiday_pay_average(weeks_back([None] * 5), holiday_starts=MONDAY)
    assert result.weeks_counted == 0 and result.average == Decimal("0.00")


def test_two_records_for_one_week_are_refused():
    weeks = weeks_back(["100", "100"])
    with pytest.raises(ValidationError):
        h.holiday_pay_average(weeks + [weeks[0]], holiday_starts=MONDAY)


def test_a_date_before_the_table_is_a_clear_error():
    from paemployer.errors import RatesError

    with pytest.raises(RatesError):
        h.entitlement_days(Decimal(5), leave_year_start=D("2008-01-01"))


def test_northern_ireland_has_no_12_07_percent_accrual_or_rolled_up_pay():
    result = h.holiday_entitlement("irregular", leave_year_start=D("2025-04-01"), hours_worked=Decimal(30),
                                   northern_ireland=True)
    assert (result.entitlement, result.unit) == (Decimal("5.6"), "weeks")
    with pytest.raises(ValidationError):
        h.irregular_hours_accrual(Decimal(30), leave_year_start=D("2025-04-01"), northern_ireland=True)
    with pytest.raises(ValidationError):
        h.rolled_up_holiday_pay(Decimal(100), leave_year_start=D("2025-04-01"), northern_ireland=True)


# --- issue 8: the look-back is measured from the holiday; accrual is not rounded away ----------------------------

def test_the_104_week_look_back_runs_from_the_holiday_not_from_the_last_week_supplied():
    # ERA 1996 s.224 as amended by SI 2018/1378: no week before the 104 weeks ending with the last complete week
    # before the calculation date counts. The PA had no pay records for the 70 weeks before the holiday, so the
    # window starts 104 weeks back from the holiday, whatever weeks happen to be supplied.
    last_paid = MONDAY - timedelta(weeks=71)
    weeks = weeks_back(["150"] * 100, last_week_start=last_paid)
    result = h.holiday_pay_average(weeks, holiday_starts=MONDAY)
    assert result.lookback_from == MONDAY - timedelta(weeks=104)
    assert result.weeks_counted == 34  # 104 weeks less the 70 without records
    assert all(week >= MONDAY - timedelta(weeks=104) for week in result.weeks_used)


def test_irregular_hours_accrue_exactly_across_pay_periods_so_4_hours_a_week_accrues_leave():
    # WTR 1998 reg 15F: 12.07% of the hours worked in each pay period. 4 hours a week is 0.4828 hours a week,
    # which rounds to 0 on its own; 52 such weeks accrue 25.1056 hours.
    periods = [Decimal(4)] * 52
    result = h.irregular_hours_accrued(periods, leave_year_start=D("2025-04-01"))
    assert result.entitlement == Decimal("25.1056")
    assert result.unit == "hours" and result.display == "25"
    single = h.irregular_hours_accrual(Decimal(4), leave_year_start=D("2025-04-01"))
    assert single.accrued == Decimal("0.4828")
    assert sum((h.irregular_hours_accrual(hours, leave_year_start=D("2025-04-01")).accrued for hours in periods),
               Decimal(0)) == result.entitlement
