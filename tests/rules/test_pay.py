"""Pay for one PA for one period (rules/pay.py): each line kind, rates by shift date and by the day's time,
sleep-ins and on call, holiday pay in each of its ways, sick pay, and the minimum wage on the pay made.

Figures: the National Living Wage is £12.71 from 1 April 2026 and £12.21 from 1 April 2025; 18-20 is £10.85
from 1 April 2026 (resources/rates/minimum_wage.toml).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from paemployer.rules.bank_holidays import bank_holidays_between
from paemployer.rules.pay import (
    Deductions,
    LineKind,
    PayInputs,
    PayLine,
    PayPeriod,
    PayTerms,
    WorkedShift,
    build_pay_run,
    current_terms,
    terms_on,
    week_pay_history,
)

M = Decimal
D = date.fromisoformat

# A plain week: Monday 1 to Sunday 7 June 2026 (weeks counted from Monday 6 April 2026).
WEEK = PayPeriod(D("2026-06-01"), D("2026-06-07"), D("2026-06-12"), "weekly")
TERMS = PayTerms(D("2026-01-01"), M("13.00"), waking_night_rate=M("14.00"), sleep_in_allowance=M("80.00"),
                 weekend_rate=M("15.00"), bank_holiday_rate=M("20.00"), hours_per_week=M("37.5"),
                 days_per_week=M("5"))
PLAIN = PayTerms(D("2026-01-01"), M("13.00"))
ANCHOR = D("2026-04-06")


def shift(key: str, start: str, end: str, **kwargs) -> WorkedShift:
    return WorkedShift(key, datetime.fromisoformat(start), datetime.fromisoformat(end), **kwargs)


def inputs(*shifts: WorkedShift, period: PayPeriod = WEEK, nation: str = "england", terms=(TERMS,), **kwargs):
    values = {
        "pa_id": 1, "pa_name": "Ann Lee", "period": period, "nation": nation, "leave_year_start": D("2026-04-01"),
        "week_anchor": ANCHOR, "terms": tuple(terms), "shifts": tuple(shifts),
        "bank_holidays": bank_holidays_between(nation, D("2023-01-01"), D("2028-12-31")),
        "date_of_birth": D("1990-05-05"),
    }
    values.update(kwargs)
    return PayInputs(**values)


def lines_of(run, kind: LineKind):
    return [line for line in run.lines if line.kind is kind]


def only(run, kind: LineKind) -> PayLine:
    found = lines_of(run, kind)
    assert len(found) == 1, run.lines
    return found[0]


# --- terms by date ---------------------------------------------------------------------------------------------------


def test_terms_in_force_are_the_latest_starting_on_or_before_the_day():
    old, new = PayTerms(D("2026-01-01"), M("12")), PayTerms(D("2026-06-04"), M("13"))
    assert terms_on((new, old), D("2026-06-03")) is old
    assert terms_on((new, old), D("2026-06-04")) is new
    assert terms_on((new, old), D("2025-12-31")) is None
    assert current_terms(inputs(terms=(old, new))) is new


# --- each line kind ----------------------------------------------------------------------------------------------------


def test_hours_line_pays_hours_at_the_standard_rate_less_the_unpaid_break():
    run = build_pay_run(inputs(shift("a", "2026-06-02T09:00", "2026-06-02T17:00", break_minutes=30)))
    line = only(run, LineKind.HOURS)
    assert (line.hours, line.rate, line.amount) == (M("7.50"), M("13.00"), M("97.50"))
    assert line.shift_keys == ("a",)
    assert line.counts_for_minimum_wage == M("97.50")
    assert "1 shift" in line.basis and "highest rate" in line.basis
    assert run.gross == M("97.50") and run.hours_paid == M("7.50")


def test_waking_night_line_pays_the_waking_night_rate_on_a_weekday_night():
    run = build_pay_run(inputs(shift("n", "2026-06-02T22:00", "2026-06-03T07:00", kind="waking_night")))
    line = only(run, LineKind.WAKING_NIGHT)
    assert (line.hours, line.rate, line.amount) == (M("9.00"), M("14.00"), M("126.00"))
    assert line.counts_for_minimum_wage == M("117.00")  # the standard-rate part: £1 an hour is premium
    assert not lines_of(run, LineKind.HOURS)


def test_weekend_line_pays_the_weekend_rate_for_time_on_a_saturday():
    run = build_pay_run(inputs(shift("w", "2026-06-06T09:00", "2026-06-06T13:00")))
    line = only(run, LineKind.WEEKEND)
    assert (line.hours, line.rate, line.amount, line.counts_for_minimum_wage) == (
        M("4.00"), M("15.00"), M("60.00"), M("52.00"))


def test_a_shift_over_midnight_into_saturday_is_split_at_midnight():
    run = build_pay_run(inputs(shift("f", "2026-06-05T20:00", "2026-06-06T02:00")))
    assert only(run, LineKind.HOURS).hours == M("4.00")     # Friday 20:00-24:00
    assert only(run, LineKind.WEEKEND).hours == M("2.00")   # Saturday 00:00-02:00
    assert run.gross == M("4") * M("13.00") + M("2") * M("15.00")


def test_a_waking_night_into_saturday_takes_the_higher_weekend_rate_after_midnight():
    run = build_pay_run(inputs(shift("n", "2026-06-05T22:00", "2026-06-06T07:00", kind="waking_night")))
    assert only(run, LineKind.WAKING_NIGHT).hours == M("2.00")
    assert only(run, LineKind.WEEKEND).hours == M("7.00")


def test_the_highest_rate_wins_when_the_waking_night_rate_beats_the_weekend_rate():
    terms = replace(TERMS, waking_night_rate=M("16.00"))
    run = build_pay_run(inputs(shift("n", "2026-06-05T22:00", "2026-06-06T07:00", kind="waking_night"),
                               terms=(terms,)))
    assert only(run, LineKind.WAKING_NIGHT).hours == M("9.00")
    assert not lines_of(run, LineKind.WEEKEND)


def test_without_enhanced_rates_every_hour_is_at_the_standard_rate():
    run = build_pay_run(inputs(shift("w", "2026-06-06T09:00", "2026-06-06T13:00"), terms=(PLAIN,)))
    assert only(run, LineKind.HOURS).amount == M("52.00")


def test_sleep_in_without_time_woken_pays_the_allowance_only():
    run = build_pay_run(inputs(shift("s", "2026-06-02T22:00", "2026-06-03T08:00", kind="sleep_in")))
    line = only(run, LineKind.SLEEP_IN)
    assert (line.amount, line.hours, line.rate) == (M("80.00"), None, None)
    assert line.description == "1 sleep-in at £80.00"
    assert line.counts_for_minimum_wage == M("80.00")  # the allowance counts for the minimum wage
    assert not lines_of(run, LineKind.SLEEP_IN_WOKEN)
    assert run.minimum_wage.hours_counted == 0  # asleep: no hours count


def test_sleep_in_with_time_woken_adds_the_woken_hours_at_the_hourly_rate():
    run = build_pay_run(inputs(
        shift("s", "2026-06-02T22:00", "2026-06-03T08:00", kind="sleep_in", woken_minutes=90),
        shift("t", "2026-06-03T22:00", "2026-06-04T08:00", kind="sleep_in")))
    assert only(run, LineKind.SLEEP_IN).description == "2 sleep-ins at £80.00"
    assert only(run, LineKind.SLEEP_IN).amount == M("160.00")
    woken = only(run, LineKind.SLEEP_IN_WOKEN)
    assert (woken.hours, woken.rate, woken.amount, woken.shift_keys) == (M("1.50"), M("13.00"), M("19.50"), ("s",))
    assert run.minimum_wage.hours_counted == M("1.50")


def test_sleep_in_woken_on_a_saturday_takes_the_weekend_rate_never_the_waking_night_rate():
    run = build_pay_run(inputs(shift("s", "2026-06-06T22:00", "2026-06-07T08:00", kind="sleep_in",
                                     woken_minutes=60)))
    assert only(run, LineKind.SLEEP_IN_WOKEN).rate == M("15.00")


def test_a_sleep_in_with_no_allowance_in_the_contract_has_a_note_and_no_allowance_line():
    run = build_pay_run(inputs(shift("s", "2026-06-02T22:00", "2026-06-03T08:00", kind="sleep_in",
                                     woken_minutes=30), terms=(PLAIN,)))
    assert not lines_of(run, LineKind.SLEEP_IN)
    assert only(run, LineKind.SLEEP_IN_WOKEN).amount == M("6.50")
    assert any("no sleep-in allowance in the contract" in note for note in run.notes)


def test_on_call_pays_only_the_minutes_called_out():
    run = build_pay_run(inputs(shift("o", "2026-06-02T18:00", "2026-06-03T08:00", kind="on_call",
                                     woken_minutes=45)))
    assert not lines_of(run, LineKind.SLEEP_IN)
    assert only(run, LineKind.SLEEP_IN_WOKEN).amount == M("9.75")
    assert run.minimum_wage.hours_counted == M("0.75")


def test_added_lines_are_kept_marked_and_a_bonus_counts_for_the_minimum_wage_but_expenses_do_not():
    added = (PayLine(LineKind.EXPENSE, "Bus fares", M("12.40")), PayLine(LineKind.BONUS, "Christmas", M("50.00")),
             PayLine(LineKind.BACK_PAY, "May shortfall", M("8.00")),
             PayLine(LineKind.FAMILY_PAY, "Statutory paternity pay", M("187.18")))
    run = build_pay_run(inputs(shift("a", "2026-06-02T09:00", "2026-06-02T13:00"), added_lines=added))
    assert all(line.added_by_user for line in run.lines[-4:])
    counts = {line.kind: line.counts_for_minimum_wage for line in run.lines}
    assert counts[LineKind.BONUS] == M("50.00")
    assert counts[LineKind.EXPENSE] == counts[LineKind.BACK_PAY] == counts[LineKind.FAMILY_PAY] == 0
    assert run.minimum_wage.pay_counted == M("52.00") + M("50.00")
    assert run.gross == M("52.00") + M("12.40") + M("50.00") + M("8.00") + M("187.18")


def test_deductions_are_copied_from_the_inputs():
    deductions = Deductions(tax=M("10.00"), employee_ni=M("2.00"), source="typed")
    run = build_pay_run(inputs(shift("a", "2026-06-02T09:00", "2026-06-02T17:00"), deductions=deductions))
    assert run.deductions == deductions
    assert run.net == M("104.00") - M("12.00")


def test_unconfirmed_planned_shifts_are_said_in_a_note():
    run = build_pay_run(inputs(unconfirmed_shifts=2))
    assert "2 planned shifts not yet confirmed as worked" in run.notes[0]


def test_a_shift_before_any_contract_terms_is_not_paid_and_the_note_says_why():
    late = PayTerms(D("2026-06-04"), M("13.00"))
    run = build_pay_run(inputs(shift("a", "2026-06-02T09:00", "2026-06-02T17:00"),
                               shift("b", "2026-06-04T09:00", "2026-06-04T17:00"), terms=(late,)))
    assert only(run, LineKind.HOURS).shift_keys == ("b",)
    assert any("no contract terms were in force" in note for note in run.notes)


def test_only_shifts_starting_in_the_period_are_paid():
    run = build_pay_run(inputs(shift("before", "2026-05-31T20:00", "2026-06-01T02:00"),
                               shift("last", "2026-06-07T22:00", "2026-06-08T02:00", kind="day")))
    assert {key for line in run.lines for key in line.shift_keys} == {"last"}


# --- a pay rise in the middle of the period ------------------------------------------------------------------------------


def test_a_pay_rise_in_the_middle_of_the_period_splits_the_line_by_the_shift_date():
    old, new = PayTerms(D("2026-01-01"), M("13.00")), PayTerms(D("2026-06-04"), M("14.00"))
    run = build_pay_run(inputs(shift("a", "2026-06-02T09:00", "2026-06-02T17:00"),
                               shift("b", "2026-06-04T09:00", "2026-06-04T17:00"),
                               shift("c", "2026-06-05T09:00", "2026-06-05T13:00"), terms=(new, old)))
    hours = lines_of(run, LineKind.HOURS)
    assert [(line.rate, line.hours, line.amount, line.shift_keys) for line in hours] == [
        (M("13.00"), M("8.00"), M("104.00"), ("a",)),
        (M("14.00"), M("12.00"), M("168.00"), ("b", "c")),
    ]
    assert hours[0].description == "Hours at the standard rate, rate from 1 January 2026"
    assert hours[1].description == "Hours at the standard rate, rate from 4 June 2026"


def test_a_night_shift_is_paid_at_the_terms_of_the_day_it_starts():
    old, new = PayTerms(D("2026-01-01"), M("13.00")), PayTerms(D("2026-06-03"), M("14.00"))
    run = build_pay_run(inputs(shift("n", "2026-06-02T20:00", "2026-06-03T04:00"), terms=(old, new)))
    assert only(run, LineKind.HOURS).rate == M("13.00")


# --- bank holidays by nation -----------------------------------------------------------------------------------------------


def _bank_holiday_run(nation: str, day: str):
    start = D(day)
    monday = start - timedelta(days=start.weekday())
    period = PayPeriod(monday, monday + timedelta(days=6), monday + timedelta(days=11), "weekly")
    return build_pay_run(inputs(shift("h", f"{day}T09:00", f"{day}T17:00"), period=period, nation=nation))


@pytest.mark.parametrize(("nation", "paid_as"), [
    ("scotland", LineKind.BANK_HOLIDAY), ("england", LineKind.HOURS), ("wales", LineKind.HOURS),
    ("northern-ireland", LineKind.HOURS)])
def test_st_andrews_day_is_a_bank_holiday_in_scotland_only(nation, paid_as):
    run = _bank_holiday_run(nation, "2026-11-30")
    line = only(run, paid_as)
    if paid_as is LineKind.BANK_HOLIDAY:
        assert line.description == "Bank holiday hours: St Andrew's Day"
        assert (line.rate, line.amount, line.counts_for_minimum_wage) == (M("20.00"), M("160.00"), M("104.00"))


@pytest.mark.parametrize(("nation", "paid_as"), [
    ("northern-ireland", LineKind.BANK_HOLIDAY), ("england", LineKind.HOURS), ("scotland", LineKind.HOURS),
    ("wales", LineKind.HOURS)])
def test_twelfth_of_july_is_a_bank_holiday_in_northern_ireland_only(nation, paid_as):
    run = _bank_holiday_run(nation, "2027-07-12")
    assert only(run, paid_as).hours == M("8.00")


@pytest.mark.parametrize(("nation", "paid_as"), [
    ("england", LineKind.BANK_HOLIDAY), ("wales", LineKind.BANK_HOLIDAY), ("northern-ireland", LineKind.BANK_HOLIDAY),
    ("scotland", LineKind.HOURS)])
def test_easter_monday_is_a_bank_holiday_except_in_scotland(nation, paid_as):
    run = _bank_holiday_run(nation, "2026-04-06")
    assert only(run, paid_as).hours == M("8.00")


def test_a_night_into_christmas_day_pays_the_bank_holiday_rate_after_midnight():
    period = PayPeriod(D("2026-12-21"), D("2026-12-27"), D("2026-12-31"), "weekly")
    run = build_pay_run(inputs(shift("x", "2026-12-24T20:00", "2026-12-25T04:00"), period=period))
    assert only(run, LineKind.HOURS).hours == M("4.00")
    line = only(run, LineKind.BANK_HOLIDAY)
    assert line.hours == M("4.00") and line.description == "Bank holiday hours: Christmas Day"


# --- clock changes -----------------------------------------------------------------------------------------------------------


def test_the_october_clock_change_night_is_paid_on_real_minutes():
    # 22:00 Saturday 24 to 07:00 Sunday 25 October 2026: 10 real hours on a 9-hour clock face.
    period = PayPeriod(D("2026-10-19"), D("2026-10-25"), D("2026-10-30"), "weekly")
    run = build_pay_run(inputs(shift("n", "2026-10-24T22:00", "2026-10-25T07:00"), period=period, terms=(PLAIN,)))
    assert only(run, LineKind.HOURS).hours == M("10.00")
    assert run.gross == M("130.00")


def test_the_march_clock_change_night_is_an_hour_shorter():
    period = PayPeriod(D("2027-03-22"), D("2027-03-28"), D("2027-04-02"), "weekly")
    run = build_pay_run(inputs(shift("n", "2027-03-27T22:00", "2027-03-28T07:00"), period=period, terms=(PLAIN,)))
    assert only(run, LineKind.HOURS).hours == M("8.00")


def test_the_rotas_own_real_minutes_win_over_the_clock_face():
    run = build_pay_run(inputs(shift("a", "2026-06-02T09:00", "2026-06-02T17:00", elapsed_minutes=420),
                               terms=(PLAIN,)))
    assert only(run, LineKind.HOURS).hours == M("7.00")


# --- rounding -------------------------------------------------------------------------------------------------------------------


def test_a_line_is_rounded_half_up_to_the_penny_once_from_the_exact_minutes():
    # 3 shifts of 20 minutes at £12.71: 1 hour exactly = £12.71 (rounding each shift would give 3 x £4.24 = £12.72).
    terms = (PayTerms(D("2026-01-01"), M("12.71")),)
    run = build_pay_run(inputs(*(shift(k, f"2026-06-0{d}T09:00", f"2026-06-0{d}T09:20") for k, d in
                                 (("a", 2), ("b", 3), ("c", 4))), terms=terms))
    assert only(run, LineKind.HOURS).amount == M("12.71")
    # 20 minutes at £12.71 is £4.2366...: half up to £4.24.
    single = build_pay_run(inputs(shift("a", "2026-06-02T09:00", "2026-06-02T09:20"), terms=terms))
    assert only(single, LineKind.HOURS).amount == M("4.24")
    assert only(single, LineKind.HOURS).hours == M("0.33")


# --- the week history -------------------------------------------------------------------------------------------------------------


def test_week_pay_history_counts_pay_for_work_by_pay_week_and_marks_weeks_without_pay():
    history = week_pay_history(inputs(shift("a", "2026-05-19T09:00", "2026-05-19T17:00"),
                                      shift("b", "2026-05-20T09:00", "2026-05-20T13:00"),
                                      start_date=D("2026-04-06")), WEEK.start)
    assert [week.week_start for week in history][:2] == [D("2026-04-06"), D("2026-04-13")]
    assert history[-1].week_start == D("2026-05-25")
    by_week = {week.week_start: week for week in history}
    assert by_week[D("2026-05-18")].pay == M("156.00") and by_week[D("2026-05-18")].paid
    assert not by_week[D("2026-05-25")].paid and by_week[D("2026-05-25")].pay == 0


def test_week_pay_history_reaches_back_at_most_104_weeks():
    history = week_pay_history(inputs(), WEEK.start)
    assert len(history) == 104
    assert history[0].week_start == WEEK.start - timedelta(weeks=104)
