"""Working time: each limit raised by a small rota and silent on a sound one; clock changes; speed."""

from __future__ import annotations

import time as clock
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paemployer.errors import ValidationError
from paemployer.rules import working_time as wt
from paemployer.rules.rates import load_table
from paemployer.rules.working_time import WorkingTimeFacts, WorkShift

D = date.fromisoformat
MONDAY = D("2026-01-05")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def daily(first: date, days: int, start: int, end: int, *, break_minutes: int = 30, kind: str = "day",
          prefix: str = "s", skip_weekdays: tuple[int, ...] = ()) -> list[WorkShift]:
    """One shift a day from `start` to `end` o'clock (ending next morning if end <= start)."""
    shifts = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        if day.weekday() in skip_weekdays:
            continue
        finish = at(day + timedelta(days=1), end) if end <= start else at(day, end)
        shifts.append(WorkShift(f"{prefix}{offset}", at(day, start), finish, break_minutes, kind))
    return shifts


def codes(breaches) -> list[str]:
    return [breach.code for breach in breaches]


# --- real elapsed time across the clock changes -------------------------------------------------------

def test_a_night_shift_over_the_last_sunday_in_march_is_an_hour_shorter():
    assert wt.shift_hours(WorkShift(1, at(D("2026-03-28"), 22), at(D("2026-03-29"), 8))) == Decimal("9.00")


def test_a_night_shift_over_the_last_sunday_in_october_is_an_hour_longer():
    assert wt.shift_hours(WorkShift(1, at(D("2026-10-24"), 22), at(D("2026-10-25"), 8))) == Decimal("11.00")


def test_aware_times_are_taken_as_given():
    start = datetime(2026, 10, 24, 21, 0, tzinfo=timezone.utc)
    assert wt.shift_hours(WorkShift(1, start, start + timedelta(hours=10), 30)) == Decimal("9.50")


def test_daily_rest_over_the_march_clock_change_is_an_hour_short():
    # Finishing 23:00 Saturday and starting 10:00 Sunday looks like 11 hours but is 10.
    shifts = [WorkShift("sat", at(D("2026-03-28"), 14), at(D("2026-03-28"), 23), 30),
              WorkShift("sun", at(D("2026-03-29"), 10), at(D("2026-03-29"), 16), 0)]
    breaches = [b for b in wt.check_working_time(shifts) if b.code == wt.WTR_DAILY_REST]
    assert len(breaches) == 1
    assert breaches[0].params["longest_rest_hours"] == "10.00"
    assert set(breaches[0].shift_ids) == {"sat", "sun"}


def test_daily_rest_over_the_october_clock_change_gains_an_hour():
    # Finishing 23:00 Saturday and starting 09:00 Sunday looks like 10 hours but is 11.
    shifts = [WorkShift("sat", at(D("2026-10-24"), 14), at(D("2026-10-24"), 23), 30),
              WorkShift("sun", at(D("2026-10-25"), 9), at(D("2026-10-25"), 15), 0)]
    assert wt.WTR_DAILY_REST not in codes(wt.check_working_time(shifts))


def test_a_shift_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError):
        wt.check_working_time([WorkShift(1, at(MONDAY, 10), at(MONDAY, 9))])


# --- reg 4: the 48-hour average ---------------------------------------------------------------------

def fifty_hour_weeks(weeks: int) -> list[WorkShift]:
    """Monday to Friday 08:00-18:30 with a 30-minute break: 10 hours a day, 50 a week; weekends off."""
    return [WorkShift(f"w{offset}", at(MONDAY + timedelta(days=offset), 8), at(MONDAY + timedelta(days=offset), 18, 30), 30)
            for offset in range(weeks * 7) if (MONDAY + timedelta(days=offset)).weekday() < 5]


def test_more_than_48_hours_on_average_over_17_weeks():
    # (The first weeks are also a forecast: with no start date, the weeks before the records are unknown.)
    breaches = [b for b in wt.check_working_time(fifty_hour_weeks(17))
                if b.code == wt.WTR_48H_AVERAGE and not b.params["forecast"]]
    assert len(breaches) == 1
    breach = breaches[0]
    assert breach.params["average_hours"] == "50.00"
    assert breach.params["weeks"] == 17
    assert breach.first_day == MONDAY and breach.last_day == MONDAY + timedelta(weeks=17) - timedelta(days=1)
    assert len(breach.shift_ids) == 85
    assert "reg 4" in breach.basis
    assert any("domestic servant" in note for note in breach.notes)


def test_sixteen_weeks_at_50_hours_with_no_start_date_are_on_course_to_exceed_not_yet_a_breach():
    # 16 x 50 = 800 hours is not over 17 x 48 = 816 on its own: the weeks before the records decide it.
    breaches = [b for b in wt.check_working_time(fifty_hour_weeks(16)) if b.code == wt.WTR_48H_AVERAGE]
    assert [b.params["forecast"] for b in breaches] == [True]


YEARS_AGO = WorkingTimeFacts(employment_start=D("2019-09-02"))  # employed long before the records began


def seventy_two_hour_weeks(weeks: int, first: date = MONDAY) -> list[WorkShift]:
    """Monday to Saturday 07:00-19:30 with a 30-minute break: 12 hours a day, 72 a week."""
    return [WorkShift(f"s{offset}", at(first + timedelta(days=offset), 7), at(first + timedelta(days=offset), 19, 30),
                      30) for offset in range(weeks * 7) if (first + timedelta(days=offset)).weekday() < 6]


def test_a_rota_planned_at_72_hours_a_week_is_on_course_to_exceed_the_48_hour_average_from_its_first_week():
    breaches = [b for b in wt.check_working_time(seventy_two_hour_weeks(16), YEARS_AGO)
                if b.code == wt.WTR_48H_AVERAGE]
    assert breaches and breaches[0].first_day == MONDAY
    forecast = next(b for b in breaches if b.params["forecast"])
    assert forecast.params["average_hours"] == "72.00"
    assert "On course to exceed" in forecast.message
    # From the 12th week the work on record alone (12 x 72 = 864 hours) is over 17 x 48 = 816 whatever the
    # unknown weeks held: a breach, no longer a forecast.
    certain = next(b for b in breaches if not b.params["forecast"])
    assert certain.params["weeks"] == 17
    assert any("before the records began" in note for note in certain.notes)
    # The rota view asks about one week in the middle: the warning is there too.
    week_nine = MONDAY + timedelta(weeks=8)
    touching = wt.check_working_time(seventy_two_hour_weeks(16), YEARS_AGO, touching=(week_nine, week_nine))
    assert wt.WTR_48H_AVERAGE in codes(touching)


def test_weeks_before_the_records_began_are_unknown_not_zero():
    # Three weeks of 72 hours after the records began: on course to exceed. Had the records begun 14 weeks earlier
    # with no work in them, the 17-week average would be 216/17 = 12.7: nothing to say.
    shifts = seventy_two_hour_weeks(3, MONDAY + timedelta(weeks=14))
    assert wt.WTR_48H_AVERAGE in codes(wt.check_working_time(shifts, YEARS_AGO))
    on_record = WorkingTimeFacts(employment_start=D("2019-09-02"), records_from=MONDAY)
    assert wt.WTR_48H_AVERAGE not in codes(wt.check_working_time(shifts, on_record))


def test_the_48_hour_forecast_is_silent_when_all_is_well():
    forty_hours = [s for s in fifty_hour_weeks(10)]  # 50 hours: over; cut each day to 8 hours: 40 a week
    forty_hours = [WorkShift(s.id, s.start, s.start + timedelta(hours=8, minutes=30), 30) for s in forty_hours]
    assert wt.WTR_48H_AVERAGE not in codes(wt.check_working_time(forty_hours, YEARS_AGO))
    # An opt-out (reg 5): the PA agreed to work more, so no forecast (a certain breach is still noted).
    opted_out = WorkingTimeFacts(employment_start=D("2019-09-02"), opt_out=True)
    assert wt.WTR_48H_AVERAGE not in codes(wt.check_working_time(seventy_two_hour_weeks(5), opted_out))
    # No employment start: 40 hours a week is silent too.
    assert wt.WTR_48H_AVERAGE not in codes(wt.check_working_time(forty_hours))


def seventy_two_hours_with_an_hour_break(weeks: int, first: date = MONDAY) -> list[WorkShift]:
    """Monday to Saturday 07:00-20:00 with a 60-minute break: 12 hours a day, 72 a week."""
    return [WorkShift(f"h{offset}", at(first + timedelta(days=offset), 7), at(first + timedelta(days=offset), 20),
                      60) for offset in range(weeks * 7) if (first + timedelta(days=offset)).weekday() < 6]


@pytest.mark.parametrize("facts", [WorkingTimeFacts(), WorkingTimeFacts(records_from=MONDAY),
                                   WorkingTimeFacts(date_of_birth=D("1990-06-01"), records_from=MONDAY)],
                         ids=["nothing known", "records from the first shift", "date of birth only"])
def test_a_pa_with_no_start_date_is_warned_of_the_48_hour_average_as_one_employed_before_the_records(facts):
    # Start date is optional: with none, the weeks before the records are unknown (they may be weeks of work), so
    # 72 hours a week is on course to exceed from the first week and certain from the 12th (12 x 72 > 17 x 48).
    shifts = seventy_two_hours_with_an_hour_break(16)
    without = [(b.first_day, b.params["forecast"], b.params["average_hours"], b.params["weeks"])
               for b in wt.check_working_time(shifts, facts) if b.code == wt.WTR_48H_AVERAGE]
    employed_long_ago = [(b.first_day, b.params["forecast"], b.params["average_hours"], b.params["weeks"])
                         for b in wt.check_working_time(shifts, YEARS_AGO) if b.code == wt.WTR_48H_AVERAGE]
    assert without == employed_long_ago
    assert {forecast for _first, forecast, _average, _weeks in without} == {True, False}
    assert without[0][0] == MONDAY


def test_a_pa_with_no_start_date_whose_records_began_before_the_work_counts_those_weeks_as_no_work():
    # Records begin 14 weeks before three 72-hour weeks: 216 / 17 = 12.7 hours a week, nothing to say.
    shifts = seventy_two_hours_with_an_hour_break(3, MONDAY + timedelta(weeks=14))
    assert wt.WTR_48H_AVERAGE not in codes(wt.check_working_time(shifts, WorkingTimeFacts(records_from=MONDAY)))
    assert wt.WTR_48H_AVERAGE in codes(wt.check_working_time(shifts, WorkingTimeFacts()))


def test_a_new_pa_is_averaged_over_the_weeks_since_starting():
    facts = WorkingTimeFacts(employment_start=MONDAY)
    breaches = [b for b in wt.check_working_time(fifty_hour_weeks(4), facts) if b.code == wt.WTR_48H_AVERAGE]
    assert len(breaches) == 1 and breaches[0].params["average_hours"] == "50.00"


def test_a_pa_employed_for_less_than_17_weeks_before_the_records_is_averaged_over_the_weeks_employed():
    # reg 4(4): employed 4 weeks before the records began, then 72-hour weeks. After 9 weeks on record the work alone
    # (648 hours) is over 13 weeks employed x 48 = 624, whatever the 4 unknown weeks held: a breach, averaged over
    # the weeks since employment began, not over 17 (648 / 17 = 38.1).
    facts = WorkingTimeFacts(employment_start=MONDAY - timedelta(weeks=4), records_from=MONDAY)
    breaches = [b for b in wt.check_working_time(seventy_two_hour_weeks(10), facts) if b.code == wt.WTR_48H_AVERAGE]
    certain = [b for b in breaches if not b.params["forecast"]]
    assert len(certain) == 1
    assert certain[0].params["from"] == (MONDAY - timedelta(weeks=4)).isoformat()
    assert (certain[0].params["weeks"], certain[0].params["average_hours"]) == (14, "51.43")  # 720 / 14
    # Before then, on course to exceed: the average still to be worked out is over the weeks employed.
    [forecast] = [b for b in breaches if b.params["forecast"]]
    assert "the 12-week average" in forecast.message and forecast.working["reference_weeks"] == 12  # 4 + 8 on record


def test_weeks_on_record_before_employment_began_are_not_in_the_average():
    # The records begin 10 weeks before the PA's start date; from it, 10 weeks of 50 hours: every period since
    # employment began averages 50 (reg 4(4)), also once 17 weeks of records exist.
    facts = WorkingTimeFacts(employment_start=MONDAY, records_from=MONDAY - timedelta(weeks=10))
    [breach] = [b for b in wt.check_working_time(fifty_hour_weeks(10), facts) if b.code == wt.WTR_48H_AVERAGE]
    assert breach.first_day == MONDAY and breach.last_day == MONDAY + timedelta(weeks=10, days=-1)
    assert breach.params["average_hours"] == "50.00"


def test_of_equally_bad_periods_the_latest_is_named():
    # 72 hours every week: each period on record averages 72. The forecast names all the weeks on record, not the
    # first one alone ("the 1 weeks on record").
    [forecast] = [b for b in wt.check_working_time(seventy_two_hour_weeks(8), YEARS_AGO)
                  if b.code == wt.WTR_48H_AVERAGE]
    assert forecast.params["weeks"] == 8 and forecast.params["to"] == (MONDAY + timedelta(weeks=8, days=-1)).isoformat()
    # 50 hours every week for 30 weeks from the start: every period averages 50; the latest 17 weeks are named.
    started = WorkingTimeFacts(employment_start=MONDAY)
    [breach] = [b for b in wt.check_working_time(fifty_hour_weeks(30), started) if b.code == wt.WTR_48H_AVERAGE]
    assert (breach.params["from"], breach.params["weeks"]) == ((MONDAY + timedelta(weeks=13)).isoformat(), 17)


def test_of_equally_bad_periods_one_touching_the_week_looked_at_is_named():
    # The rota's third week: of the periods averaging 50, the latest that includes that week is named.
    started = WorkingTimeFacts(employment_start=MONDAY)
    week = MONDAY + timedelta(weeks=2)
    [breach] = [b for b in wt.check_working_time(fifty_hour_weeks(30), started, touching=(week, week + timedelta(days=6)))
                if b.code == wt.WTR_48H_AVERAGE]
    assert (breach.params["from"], breach.params["to"]) == (
        week.isoformat(), (MONDAY + timedelta(weeks=19, days=-1)).isoformat())


def test_forty_hours_here_and_ten_elsewhere_is_over_48():
    shifts = [WorkShift(f"w{offset}", at(MONDAY + timedelta(days=offset), 9), at(MONDAY + timedelta(days=offset), 17, 30), 30)
              for offset in range(17 * 7) if (MONDAY + timedelta(days=offset)).weekday() < 5]
    assert wt.WTR_48H_AVERAGE not in codes(wt.check_working_time(shifts))
    facts = WorkingTimeFacts(other_hours_per_week=Decimal(10))
    breach = next(b for b in wt.check_working_time(shifts, facts) if b.code == wt.WTR_48H_AVERAGE)
    assert breach.params["average_hours"] == "50.00"


def test_an_opt_out_is_noted_but_still_reported():
    facts = WorkingTimeFacts(opt_out=True)
    breach = next(b for b in wt.check_working_time(fifty_hour_weeks(17), facts) if b.code == wt.WTR_48H_AVERAGE)
    assert breach.params["opt_out"] is True
    assert "opt-out" in breach.notes[0]


def test_holiday_in_the_period_is_made_up_from_the_days_after_it():
    # 17 weeks at 45 hours (9 a day) with a week's leave in week 10, then 60-hour days afterwards.
    shifts = [WorkShift(f"w{offset}", at(MONDAY + timedelta(days=offset), 8), at(MONDAY + timedelta(days=offset), 17), 0)
              for offset in range(17 * 7) if (MONDAY + timedelta(days=offset)).weekday() < 5
              and not 63 <= offset < 70]
    after = MONDAY + timedelta(weeks=17)
    shifts += [WorkShift(f"a{offset}", at(after + timedelta(days=offset), 6), at(after + timedelta(days=offset), 18), 0)
               for offset in range(5)]
    leave = frozenset(MONDAY + timedelta(days=offset) for offset in range(63, 68))
    without_leave_rule = [b for b in wt.check_working_time(shifts) if b.code == wt.WTR_48H_AVERAGE]
    with_leave_rule = [b for b in wt.check_working_time(shifts, WorkingTimeFacts(excluded_days=leave))
                       if b.code == wt.WTR_48H_AVERAGE]
    assert without_leave_rule == []
    # 16 x 45 = 720 hours + 5 made-up days of 12 hours = 780 / 17 = 45.88 - still under 48.
    assert with_leave_rule == []
    heavy = [WorkShift(s.id, s.start, s.end + timedelta(hours=2), 0) for s in shifts]  # 11-hour days, 55 a week
    breach = next(b for b in wt.check_working_time(heavy, WorkingTimeFacts(excluded_days=leave))
                  if b.code == wt.WTR_48H_AVERAGE)
    assert breach.working["excluded_days"] == 5
    assert breach.working["hours_made_up_for_leave"] == "70.00"


def test_the_clock_change_counts_in_the_weekly_hours():
    # Week of the October change: a Saturday night shift 22:00-08:00 is 11 hours, not 10.
    facts = WorkingTimeFacts(employment_start=D("2026-10-19"), night_worker=False)
    week = [WorkShift(f"d{offset}", at(D("2026-10-19") + timedelta(days=offset), 8), at(D("2026-10-19") + timedelta(days=offset), 16), 0)
            for offset in range(5)]
    week.append(WorkShift("night", at(D("2026-10-24"), 22), at(D("2026-10-25"), 8), 0))
    breach = next(b for b in wt.check_working_time(week, facts) if b.code == wt.WTR_48H_AVERAGE)
    assert breach.params["average_hours"] == "51.00"  # 5 x 8 + 11


# --- reg 10: daily rest ------------------------------------------------------------------------------

def test_split_shifts_leave_too_little_consecutive_rest():
    shifts = []
    for offset in range(3):
        day = MONDAY + timedelta(days=offset)
        shifts += [WorkShift(f"m{offset}", at(day, 7), at(day, 10)), WorkShift(f"e{offset}", at(day, 17), at(day, 22))]
    breaches = [b for b in wt.check_working_time(shifts) if b.code == wt.WTR_DAILY_REST]
    assert len(breaches) == 1
    assert breaches[0].params["longest_rest_hours"] == "9.00"
    assert breaches[0].first_day == MONDAY


def test_a_nine_to_five_week_has_enough_daily_rest():
    assert wt.WTR_DAILY_REST not in codes(wt.check_working_time(daily(MONDAY, 5, 9, 17)))


def test_a_sleep_in_then_a_day_shift_is_work_all_the_way_through():
    shifts = [WorkShift("sleep", at(MONDAY, 22), at(MONDAY + timedelta(days=1), 7), 0, "sleep_in"),
              WorkShift("day", at(MONDAY + timedelta(days=1), 7), at(MONDAY + timedelta(days=1), 15), 30)]
    breach = next(b for b in wt.check_working_time(shifts) if b.code == wt.WTR_DAILY_REST)
    assert breach.params["longest_rest_hours"] == "7.00"
    assert set(breach.shift_ids) == {"sleep", "day"}


def test_on_call_away_from_work_is_rest():
    shifts = [WorkShift("call", at(MONDAY, 22), at(MONDAY + timedelta(days=1), 7), 0, "on_call"),
              WorkShift("day", at(MONDAY + timedelta(days=1), 7), at(MONDAY + timedelta(days=1), 15), 30)]
    assert wt.WTR_DAILY_REST not in codes(wt.check_working_time(shifts))


# --- reg 11: weekly rest -----------------------------------------------------------------------------

def test_a_fortnight_without_a_day_off_breaks_weekly_rest():
    breaches = [b for b in wt.check_working_time(daily(MONDAY, 14, 9, 17)) if b.code == wt.WTR_WEEKLY_REST]
    assert [b.first_day for b in breaches] == [MONDAY, MONDAY + timedelta(weeks=1)]


def test_two_days_off_in_the_fortnight_cover_a_week_without_one():
    # Week 1 every day; week 2 Monday to Friday: a 48-hour rest in the fortnight (reg 11(2)).
    shifts = daily(MONDAY, 7, 9, 17) + daily(MONDAY + timedelta(weeks=1), 5, 9, 17, prefix="t")
    assert wt.WTR_WEEKLY_REST not in codes(wt.check_working_time(shifts))


def test_one_day_off_a_week_is_enough():
    assert wt.WTR_WEEKLY_REST not in codes(wt.check_working_time(daily(MONDAY, 28, 9, 17, skip_weekdays=(6,))))


# --- reg 12: breaks ------------------------------------------------------------------------------------

def test_a_long_shift_without_a_20_minute_break():
    shifts = [WorkShift("long", at(MONDAY, 8), at(MONDAY, 16), 10), WorkShift("ok", at(MONDAY + timedelta(days=1), 8),
                                                                            at(MONDAY + timedelta(days=1), 16), 20),
              WorkShift("six", at(MONDAY + timedelta(days=2), 8), at(MONDAY + timedelta(days=2), 14), 0)]
    breaches = [b for b in wt.check_working_time(shifts) if b.code == wt.WTR_BREAK]
    assert len(breaches) == 1 and breaches[0].shift_ids == ("long",)


def test_back_to_back_shifts_without_a_break_raise_wtr_break():
    # 07:00-11:00, 11:00-14:00, 14:00-17:00: ten hours' work with no break, as one 07:00-17:00 shift is.
    cut = [WorkShift("a", at(MONDAY, 7), at(MONDAY, 11)), WorkShift("b", at(MONDAY, 11), at(MONDAY, 14)),
           WorkShift("c", at(MONDAY, 14), at(MONDAY, 17))]
    whole = [WorkShift("w", at(MONDAY, 7), at(MONDAY, 17))]
    [breach] = [b for b in wt.check_working_time(cut) if b.code == wt.WTR_BREAK]
    assert set(breach.shift_ids) == {"a", "b", "c"}
    assert breach.working["spells"][0]["working_hours"] == "10.00"
    assert wt.WTR_BREAK in codes(wt.check_working_time(whole))


@settings(max_examples=200, deadline=None)
@given(start_minute=st.integers(min_value=0, max_value=16 * 60), length=st.integers(min_value=60, max_value=14 * 60),
       break_minutes=st.sampled_from([0, 10, 20, 30, 45]), cuts=st.lists(st.floats(0.05, 0.95), max_size=4),
       carrier=st.integers(min_value=0, max_value=4), young=st.booleans())
def test_cutting_a_shift_into_back_to_back_pieces_never_changes_the_break_verdict(start_minute, length, break_minutes,
                                                                                   cuts, carrier, young):
    start = at(MONDAY, 0) + timedelta(minutes=start_minute)
    end = start + timedelta(minutes=length)
    facts = SEVENTEEN if young else WorkingTimeFacts()
    whole = [WorkShift("whole", start, end, break_minutes)]
    points = sorted({start + timedelta(minutes=round(length * cut)) for cut in cuts} - {start, end})
    edges = [start, *points, end]
    pieces = [WorkShift(f"p{index}", begin, finish, 0) for index, (begin, finish) in enumerate(zip(edges, edges[1:]))]
    longest = max(pieces, key=lambda piece: piece.end - piece.start)
    holder = pieces[carrier % len(pieces)]
    if holder.end - holder.start <= timedelta(minutes=break_minutes):
        holder = longest  # the break must fit in the piece that records it
    if holder.end - holder.start <= timedelta(minutes=break_minutes):
        return
    pieces = [WorkShift(p.id, p.start, p.end, break_minutes if p is holder else 0) for p in pieces]

    def verdict(shifts):
        return {(b.code, b.params.get("rule")) for b in wt.check_working_time(shifts, facts)
                if b.code == wt.WTR_BREAK or b.params.get("rule") == "break"}

    assert verdict(pieces) == verdict(whole)


def test_shifts_apart_by_less_than_a_break_are_one_spell_of_work():
    # A 10-minute gap is not a 20-minute rest break (reg 12(3)): 6 h 50 min of work with no break.
    shifts = [WorkShift("a", at(MONDAY, 8), at(MONDAY, 11, 30)), WorkShift("b", at(MONDAY, 11, 40), at(MONDAY, 15))]
    assert wt.WTR_BREAK in codes(wt.check_working_time(shifts))


def test_a_gap_of_at_least_the_break_between_shifts_is_a_break():
    shifts = [WorkShift("a", at(MONDAY, 8), at(MONDAY, 12)), WorkShift("b", at(MONDAY, 12, 20), at(MONDAY, 16)),
              WorkShift("c", at(MONDAY + timedelta(days=1), 8), at(MONDAY + timedelta(days=1), 12)),
              WorkShift("d", at(MONDAY + timedelta(days=1), 12), at(MONDAY + timedelta(days=1), 16), 20)]
    assert wt.WTR_BREAK not in codes(wt.check_working_time(shifts))


def test_a_proposed_shift_back_to_back_with_another_is_judged_with_it():
    existing = [WorkShift("morning", at(MONDAY, 7), at(MONDAY, 11))]
    proposed = WorkShift("afternoon", at(MONDAY, 11), at(MONDAY, 15))
    assert wt.WTR_BREAK in codes(wt.check_proposed_shift(proposed, existing))


def test_young_worker_back_to_back_shifts_need_a_30_minute_break():
    shifts = [WorkShift("a", at(MONDAY, 9), at(MONDAY, 12)), WorkShift("b", at(MONDAY, 12, 20), at(MONDAY, 15))]
    assert "break" in young_rules(wt.check_working_time(shifts, SEVENTEEN))
    assert wt.WTR_BREAK not in codes(wt.check_working_time(shifts))  # 5 h 40 min: an adult needs no break


def test_young_worker_daily_limit_counts_back_to_back_shifts_together():
    shifts = [WorkShift("a", at(MONDAY, 8), at(MONDAY, 12)), WorkShift("b", at(MONDAY, 12, 30), at(MONDAY, 17, 30))]
    assert "daily_limit" in young_rules(wt.check_working_time(shifts, SEVENTEEN))


def test_daily_rest_is_the_same_however_the_work_is_cut_into_shifts():
    tuesday = MONDAY + timedelta(days=1)
    whole = [WorkShift("day", at(MONDAY, 7), at(MONDAY, 19), 30), WorkShift("early", at(tuesday, 5), at(tuesday, 9))]
    cut = [WorkShift("am", at(MONDAY, 7), at(MONDAY, 13)), WorkShift("pm", at(MONDAY, 13, 30), at(MONDAY, 19)),
           WorkShift("early", at(tuesday, 5), at(tuesday, 9))]
    for shifts in (whole, cut):
        [rest] = [b for b in wt.check_working_time(shifts) if b.code == wt.WTR_DAILY_REST]
        assert rest.params["longest_rest_hours"] == "10.00"


def test_sleep_ins_are_not_checked_for_breaks():
    shifts = [WorkShift("sleep", at(MONDAY, 22), at(MONDAY + timedelta(days=1), 8), 0, "sleep_in")]
    assert wt.WTR_BREAK not in codes(wt.check_working_time(shifts))


# --- reg 6: night work ------------------------------------------------------------------------------

def test_a_night_worker_averaging_more_than_8_hours_a_day():
    # Six 10-hour waking nights a week (22:00-08:00) for 17 weeks: 60 hours a week over 6 days.
    shifts = daily(MONDAY, 17 * 7, 22, 8, break_minutes=0, kind="waking_night", skip_weekdays=(6,))
    breaches = wt.check_working_time(shifts)
    night = next(b for b in breaches if b.code == wt.WTR_NIGHT_WORK)
    assert Decimal(night.params["average_hours_per_day"]) > 8
    assert wt.WTR_48H_AVERAGE in codes(breaches)


def test_a_day_worker_is_not_a_night_worker():
    shifts = daily(MONDAY, 17 * 7, 7, 19, break_minutes=60, skip_weekdays=(6,))
    assert wt.WTR_NIGHT_WORK not in codes(wt.check_working_time(shifts))


# --- workers under 18 ---------------------------------------------------------------------------------

SEVENTEEN = WorkingTimeFacts(date_of_birth=D("2009-03-01"))  # turns 18 on 1 March 2027


def young_rules(breaches) -> set[str]:
    return {b.params["rule"] for b in breaches if b.code == wt.WTR_YOUNG_WORKER}


def test_young_worker_more_than_8_hours_a_day_and_40_a_week():
    shifts = daily(MONDAY, 5, 8, 17, break_minutes=30)  # 8.5 hours a day, 42.5 a week
    assert young_rules(wt.check_working_time(shifts, SEVENTEEN)) >= {"daily_limit", "weekly_limit"}
    assert wt.WTR_YOUNG_WORKER not in codes(wt.check_working_time(shifts))  # the same shifts for an adult


def test_young_worker_other_jobs_count_toward_40():
    shifts = daily(MONDAY, 5, 9, 16, break_minutes=30)  # 6.5 hours a day, 32.5 a week
    assert "weekly_limit" not in young_rules(wt.check_working_time(shifts, SEVENTEEN))
    facts = WorkingTimeFacts(date_of_birth=D("2009-03-01"), other_hours_per_week=Decimal(8))
    assert "weekly_limit" in young_rules(wt.check_working_time(shifts, facts))


def test_young_worker_needs_12_hours_daily_rest():
    shifts = [WorkShift("eve", at(MONDAY, 15), at(MONDAY, 20), 30),
              WorkShift("morn", at(MONDAY + timedelta(days=1), 7, 30), at(MONDAY + timedelta(days=1), 12), 0)]
    assert "daily_rest" in young_rules(wt.check_working_time(shifts, SEVENTEEN))
    assert wt.WTR_DAILY_REST not in codes(wt.check_working_time(shifts))


def test_young_worker_needs_48_hours_weekly_rest_and_30_minute_breaks():
    shifts = daily(MONDAY, 6, 9, 14, break_minutes=20)  # six 5-hour days, 20-minute breaks
    rules = young_rules(wt.check_working_time(shifts, SEVENTEEN))
    assert {"weekly_rest", "break"} <= rules
    assert not {wt.WTR_WEEKLY_REST, wt.WTR_BREAK} & set(codes(wt.check_working_time(shifts)))


def test_young_worker_restricted_night_period():
    shifts = [WorkShift("late", at(MONDAY, 18), at(MONDAY, 22, 30), 0)]
    assert "restricted_period" in young_rules(wt.check_working_time(shifts, SEVENTEEN))
    late_contract = WorkingTimeFacts(date_of_birth=D("2009-03-01"), young_late_contract=True)
    assert "restricted_period" not in young_rules(wt.check_working_time(shifts, late_contract))


def test_turning_18_ends_the_young_worker_limits():
    facts = WorkingTimeFacts(date_of_birth=D("2008-01-07"))  # 18 on 7 January 2026
    shifts = daily(MONDAY, 5, 8, 17, break_minutes=30)  # Monday 5 Jan - Friday 9 Jan 2026
    young = [b for b in wt.check_working_time(shifts, facts) if b.code == wt.WTR_YOUNG_WORKER]
    daily_limit = next(b for b in young if b.params["rule"] == "daily_limit")
    assert daily_limit.first_day == MONDAY and daily_limit.last_day == MONDAY + timedelta(days=1)


def test_born_on_29_february_turns_18_on_1_march_in_a_common_year():
    rules = load_table(wt.TABLE).row_on(D("2026-03-01"))
    assert rules["young_worker_age_limit"] == 18
    assert wt.adult_worker_from(D("2008-02-29"), rules) == D("2026-03-01")
    assert wt.adult_worker_from(D("2008-03-01"), rules) == D("2026-03-01")


def test_sound_rota_is_silent():
    # 37.5 hours a week, Monday to Friday 09:00-17:00 with a 30-minute break, for 20 weeks.
    shifts = daily(MONDAY, 20 * 7, 9, 17, break_minutes=30, skip_weekdays=(5, 6))
    assert wt.check_working_time(shifts, WorkingTimeFacts(employment_start=MONDAY)) == ()


# --- proposed shifts: "who could cover?" ----------------------------------------------------------------

def a_year_of_shifts() -> list[WorkShift]:
    """Two shifts most days for a year: 07:00-13:00 and some 16:00-21:00; Sundays off."""
    shifts = []
    for offset in range(364):
        day = MONDAY + timedelta(days=offset)
        if day.weekday() == 6:
            continue
        shifts.append(WorkShift(f"a{offset}", at(day, 7), at(day, 13), 0))
        if day.weekday() in (1, 3):
            shifts.append(WorkShift(f"b{offset}", at(day, 16), at(day, 21), 0))
    return shifts


def test_a_proposed_shift_too_soon_after_another_breaks_daily_rest():
    existing = daily(MONDAY, 5, 9, 17)
    proposed = WorkShift("new", at(MONDAY + timedelta(days=1), 19), at(MONDAY + timedelta(days=1), 23), 0)
    breaches = wt.check_proposed_shift(proposed, existing)
    assert wt.WTR_DAILY_REST in codes(breaches)
    assert all("new" in b.shift_ids for b in breaches)


def test_a_proposed_shift_that_fits_is_silent():
    existing = daily(MONDAY, 5, 9, 17, skip_weekdays=(5, 6))
    proposed = WorkShift("new", at(MONDAY + timedelta(days=5), 10), at(MONDAY + timedelta(days=5), 14), 0)
    assert wt.check_proposed_shift(proposed, existing) == ()


def test_proposed_shift_findings_match_a_full_check():
    existing = a_year_of_shifts()
    proposed = WorkShift("new", at(D("2026-06-11"), 14), at(D("2026-06-11"), 23), 0)
    full = [b for b in wt.check_working_time(existing + [proposed]) if "new" in b.shift_ids]
    quick = wt.check_proposed_shift(proposed, existing)
    assert sorted((b.code, b.params.get("longest_rest_hours")) for b in quick) == \
        sorted((b.code, b.params.get("longest_rest_hours")) for b in full)
    assert {wt.WTR_DAILY_REST, wt.WTR_BREAK} <= set(codes(quick))


def test_checking_proposals_against_a_year_of_shifts_is_cheap():
    shifts = a_year_of_shifts()
    began = clock.perf_counter()
    full = wt.check_working_time(shifts)
    full_seconds = clock.perf_counter() - began
    assert full_seconds < 10 and wt.WTR_DAILY_REST in codes(full)
    timeline = wt.ShiftTimeline(shifts)
    began = clock.perf_counter()
    for offset in range(0, 364, 7):
        day = MONDAY + timedelta(days=offset)
        timeline.check_proposed(WorkShift(f"p{offset}", at(day, 14), at(day, 15), 0))
    assert (clock.perf_counter() - began) / 52 < 0.25


def test_a_proposal_looks_only_at_the_shifts_around_it():
    # Three more years of older records change neither the answer nor the amount of work per check.
    recent = a_year_of_shifts()
    older = [WorkShift(f"old{offset}", at(MONDAY - timedelta(days=offset + 1), 9), at(MONDAY - timedelta(days=offset + 1), 12))
             for offset in range(3 * 364)]
    proposed = WorkShift("new", at(D("2026-09-10"), 14), at(D("2026-09-10"), 23), 0)
    short, long = wt.ShiftTimeline(recent), wt.ShiftTimeline(older + recent)
    assert [(b.code, b.first_day) for b in short.check_proposed(proposed)] == \
        [(b.code, b.first_day) for b in long.check_proposed(proposed)]


# --- counts in the text agree with their number (ngettext) -----------------------------------------------

SEVENTEEN = WorkingTimeFacts(date_of_birth=D("2008-09-01"))  # 17 throughout January-May 2026


def _one_of_each() -> dict[str, tuple[list[WorkShift], WorkingTimeFacts, str]]:
    """Rotas whose findings count exactly one thing (or one unknown week), and the words that count it."""
    fifteen_then_more = fifty_hour_weeks(15) + [
        WorkShift(f"x{offset}", at(MONDAY + timedelta(weeks=15, days=offset), 8),
                  at(MONDAY + timedelta(weeks=15, days=offset), 19, 30), 30) for offset in range(5)]
    return {
        "break": ([WorkShift("long", at(MONDAY, 8), at(MONDAY, 16), 0)], WorkingTimeFacts(), "On 1 occasion,"),
        "restricted period": ([WorkShift("late", at(MONDAY, 18), at(MONDAY, 22, 30), 0)], SEVENTEEN,
                              "1 shift of a worker under 18 falls"),
        "young day": ([WorkShift("nine", at(MONDAY, 8), at(MONDAY, 17, 30), 30)], SEVENTEEN, "On 1 day a worker"),
        "young week": (daily(MONDAY, 6, 8, 16, break_minutes=30), SEVENTEEN, "In 1 week a worker"),
        "average": (daily(MONDAY, 6, 7, 18, break_minutes=0), WorkingTimeFacts(employment_start=MONDAY),
                    "over the 1 week from"),
        "forecast": (seventy_two_hour_weeks(1), YEARS_AGO, "the 1 week on record from"),
        "forecast unknown": (fifteen_then_more, YEARS_AGO, "The 1 week before the records began is not known"),
        "breach unknown": (seventy_two_hour_weeks(16), YEARS_AGO, "The first 1 week of these is before"),
        "night": (daily(MONDAY, 7, 22, 8, break_minutes=0), WorkingTimeFacts(employment_start=MONDAY),
                  "in each 24 hours over 1 week,"),
    }


@pytest.mark.parametrize("case", list(_one_of_each()))
def test_a_count_of_one_is_said_in_the_singular(case):
    shifts, facts, words = _one_of_each()[case]
    texts = [text for breach in wt.check_working_time(shifts, facts) for text in (breach.message, *breach.notes)]
    assert any(words in text for text in texts), texts
