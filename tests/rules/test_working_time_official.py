"""Working time rules against the examples and rules of thumb published in official guidance.

Each case ports a published example as written (hours, times, weeks) into shifts and checks the engine reaches the
published conclusion. Sources:
- GOV.UK "Maximum weekly working hours: calculating your average weekly working hours",
  https://www.gov.uk/maximum-weekly-working-hours/calculating-your-average-weekly-working-hours (the same example on
  nidirect, https://www.nidirect.gov.uk/articles/calculating-your-working-time, "Example one"): a 40-hour week (8 hours
  a day) with 12 hours' overtime in each of the first 10 weeks of a 17-week reference period: (17 x 40 + 10 x 12) / 17
  = 800 / 17 = 47.1 hours, within the limit.
- GOV.UK "Maximum weekly working hours: calculating your working hours",
  https://www.gov.uk/maximum-weekly-working-hours/calculating-your-working-hours: "Your working hours can't be averaged
  out if you're under 18. You can't work more than 40 hours in any one week."
- GOV.UK "Rest breaks at work", https://www.gov.uk/rest-breaks-work (overview): a 20-minute break if working more
  than 6 hours a day; "11 hours rest between working days, for example if they finish work at 8pm, they should not
  start work again until 7am the next day"; weekly rest of "an uninterrupted 24 hours without any work each week or
  an uninterrupted 48 hours without any work each fortnight"; young workers (section "Young workers"): a 30-minute
  break if they work more than 4.5 hours, 12 hours' daily rest.
- Acas "Rest breaks at work", https://www.acas.org.uk/rest-breaks-at-work ("Rest breaks during the working day"):
  "a 12-hour shift does not mean they're entitled to a 40-minute break".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from paemployer.rules import working_time as wt
from paemployer.rules.working_time import WorkingTimeFacts, WorkShift

MONDAY = date(2026, 1, 5)
ADULT = WorkingTimeFacts(date_of_birth=date(1990, 6, 1))
SEVENTEEN = WorkingTimeFacts(date_of_birth=date(2008, 9, 1))  # 17 throughout January-May 2026


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def codes(shifts, facts=ADULT) -> set[str]:
    return {breach.code for breach in wt.check_working_time(shifts, facts)}


def _govuk_average_example() -> list[WorkShift]:
    """17 weeks of Monday-Friday 09:00-17:30 with a 30-minute break (8 hours a day, 40 a week), plus a 12-hour
    Saturday (08:00-20:30, 30-minute break) in each of the first 10 weeks."""
    shifts = []
    for week in range(17):
        monday = MONDAY + timedelta(weeks=week)
        for offset in range(5):
            day = monday + timedelta(days=offset)
            shifts.append(WorkShift(f"w{week}d{offset}", at(day, 9), at(day, 17, 30), 30))
        if week < 10:
            saturday = monday + timedelta(days=5)
            shifts.append(WorkShift(f"w{week}ot", at(saturday, 8), at(saturday, 20, 30), 30))
    return shifts


def _usual_40_hour_weeks_before() -> list[WorkShift]:
    """"You work a 40-hour week": the 16 weeks before the example's period, Monday-Friday as in it. The reference
    period rolls (reg 4(3)(b)) and the weeks before a record are unknown, not weeks off, so the example is read
    with the worker's usual weeks before it; every 17 weeks then average at most the published 800 / 17."""
    shifts = []
    for week in range(16, 0, -1):
        monday = MONDAY - timedelta(weeks=week)
        for offset in range(5):
            day = monday + timedelta(days=offset)
            shifts.append(WorkShift(f"u{week}d{offset}", at(day, 9), at(day, 17, 30), 30))
    return shifts


def test_govuk_average_weekly_hours_example_is_within_the_limit():
    shifts = _govuk_average_example()
    assert sum(wt.shift_hours(shift) for shift in shifts) == Decimal(800)  # 17 x 40 + 10 x 12
    assert codes(_usual_40_hour_weeks_before() + shifts) == set()


def test_govuk_average_weekly_hours_example_averages_800_over_17_weeks():
    # One more hour a week elsewhere (other employers count, reg 4) lifts 800/17 = 47.06 to 817/17 = 48.06: the
    # engine's average is the published one to the hundredth.
    facts = WorkingTimeFacts(date_of_birth=date(1990, 6, 1), other_hours_per_week=Decimal(1))
    [breach] = [b for b in wt.check_working_time(_usual_40_hour_weeks_before() + _govuk_average_example(), facts)
                if b.code == wt.WTR_48H_AVERAGE]
    assert breach.params["average_hours"] == "48.06" and breach.params["weeks"] == 17


def test_govuk_under_18_hours_cannot_be_averaged_40_in_any_one_week():
    # 42 hours one week (Monday-Saturday 7 hours) and 30 the next average 36 - but the 42-hour week breaks the limit.
    shifts = [WorkShift(f"a{n}", at(MONDAY + timedelta(days=n), 9), at(MONDAY + timedelta(days=n), 16, 30), 30)
              for n in range(6)]
    second = MONDAY + timedelta(weeks=1)
    shifts += [WorkShift(f"b{n}", at(second + timedelta(days=n), 9), at(second + timedelta(days=n), 15, 30), 30)
               for n in range(5)]
    young = [b for b in wt.check_working_time(shifts, SEVENTEEN) if b.code == wt.WTR_YOUNG_WORKER]
    weekly = [b for b in young if b.params["rule"] == "weekly_limit"]
    assert len(weekly) == 1 and weekly[0].first_day == MONDAY and weekly[0].params["worst_hours"] == "42.00"
    assert wt.WTR_YOUNG_WORKER not in codes(shifts)  # an adult may work 42 hours in a week


def test_govuk_daily_rest_finish_at_8pm_start_again_at_7am():
    finish_8pm = WorkShift("mon", at(MONDAY, 11, 30), at(MONDAY, 20), 30)
    tuesday = MONDAY + timedelta(days=1)
    assert wt.WTR_DAILY_REST not in codes([finish_8pm, WorkShift("tue", at(tuesday, 7), at(tuesday, 15, 30), 30)])
    # "should not start work again until 7am": starting at 6:30 leaves 10.5 hours.
    early = [b for b in wt.check_working_time([finish_8pm, WorkShift("tue", at(tuesday, 6, 30), at(tuesday, 15), 30)],
                                              ADULT) if b.code == wt.WTR_DAILY_REST]
    assert len(early) == 1 and early[0].params["longest_rest_hours"] == "10.50"


def test_govuk_rest_break_20_minutes_when_working_more_than_6_hours():
    tuesday = MONDAY + timedelta(days=1)
    assert wt.WTR_BREAK not in codes([WorkShift("six", at(MONDAY, 9), at(MONDAY, 15), 0)])  # exactly 6: no right
    assert wt.WTR_BREAK in codes([WorkShift("more", at(tuesday, 9), at(tuesday, 15, 30), 0)])
    assert wt.WTR_BREAK in codes([WorkShift("short", at(tuesday, 9), at(tuesday, 15, 45), 15)])


def test_acas_a_12_hour_shift_needs_20_minutes_not_40():
    assert wt.WTR_BREAK not in codes([WorkShift("long", at(MONDAY, 8), at(MONDAY, 20, 20), 20)])


def test_govuk_weekly_rest_24_hours_a_week_or_48_hours_a_fortnight():
    # Twelve days on (Monday to the next Friday, 08:00-16:30) then Saturday and Sunday off: no 24-hour rest in the
    # first week, but 48 hours uninterrupted in the fortnight.
    twelve = [WorkShift(f"d{n}", at(MONDAY + timedelta(days=n), 8), at(MONDAY + timedelta(days=n), 16, 30), 30)
              for n in range(12)]
    assert wt.WTR_WEEKLY_REST not in codes(twelve)
    # Fourteen days on: neither 24 hours in a week nor 48 in the fortnight.
    fourteen = [WorkShift(f"d{n}", at(MONDAY + timedelta(days=n), 8), at(MONDAY + timedelta(days=n), 16, 30), 30)
                for n in range(14)]
    assert wt.WTR_WEEKLY_REST in codes(fourteen)


def test_govuk_young_worker_30_minute_break_over_4_5_hours_and_12_hours_daily_rest():
    five_hours = WorkShift("five", at(MONDAY, 9), at(MONDAY, 14, 20), 20)  # 5 hours' work, a 20-minute break
    assert codes([five_hours]) == set()  # an adult: a 20-minute break is enough
    [young] = wt.check_working_time([five_hours], SEVENTEEN)
    assert (young.code, young.params["rule"], young.params["break_minutes"]) == (wt.WTR_YOUNG_WORKER, "break", 30)
    tuesday = MONDAY + timedelta(days=1)
    eleven_hours_rest = [WorkShift("mon", at(MONDAY, 15, 30), at(MONDAY, 20), 0),
                         WorkShift("tue", at(tuesday, 7), at(tuesday, 11), 0)]
    assert codes(eleven_hours_rest) == set()  # 11 hours: enough for an adult (the 8pm-7am example)
    [young] = wt.check_working_time(eleven_hours_rest, SEVENTEEN)
    assert (young.params["rule"], young.params["longest_rest_hours"], young.params["required_hours"]) == (
        "daily_rest", "11.00", "12.00")
