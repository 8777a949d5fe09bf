"""The rota engine over plain values: recurrence, clock changes, gaps and clashes. No database, no Qt."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from dateutil.rrule import rrulestr

from paemployer.errors import ValidationError
from paemployer.services.rota.engine import (
    AbsenceSpec, PatternSpec, RotaShift, SupportNeedSpec, assemble, elapsed_minutes, expand_pattern,
    find_clashes, find_gaps, occurrence_key, parse_key, validate_rrule, validate_shift, week_range,
)


def pattern(rule, start, end, *, pattern_id=1, pa_id=1, until=None, kind="day", pa_end_date=None):
    return PatternSpec(pattern_id, pa_id, f"PA {pa_id}", rule, start, end, until=until, kind=kind,
                       pa_end_date=pa_end_date)


def shift(pa_id, start, end, *, status="planned", key=None, kind="day", shift_id=None):
    return RotaShift(key or f"x{pa_id}{start:%m%d%H%M}", pa_id, f"PA {pa_id}", start, end, kind=kind,
                     status=status, shift_id=shift_id)


# --- recurrence ----------------------------------------------------------------------------------------


def test_every_other_saturday_lands_on_alternate_saturdays():
    p = pattern("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", datetime(2026, 1, 3, 9), datetime(2026, 1, 3, 17))
    starts = [s.start for s in expand_pattern(p, datetime(2026, 11, 1), datetime(2026, 12, 31))]
    # 3 January 2026 plus whole fortnights.
    assert starts == [datetime(2026, 11, 7, 9), datetime(2026, 11, 21, 9), datetime(2026, 12, 5, 9),
                      datetime(2026, 12, 19, 9)]
    assert all(s.weekday() == 5 for s in starts)


def test_weekly_on_weekdays_and_until_stops_the_pattern():
    p = pattern("FREQ=WEEKLY;BYDAY=MO,WE,FR", datetime(2026, 11, 2, 7), datetime(2026, 11, 2, 10),
                until=date(2026, 11, 11))
    starts = [s.start.date() for s in expand_pattern(p, datetime(2026, 11, 1), datetime(2026, 12, 1))]
    assert starts == [date(2026, 11, 2), date(2026, 11, 4), date(2026, 11, 6), date(2026, 11, 9),
                      date(2026, 11, 11)]


def test_a_pa_who_has_left_works_no_more_occurrences():
    p = pattern("FREQ=DAILY", datetime(2026, 11, 1, 7), datetime(2026, 11, 1, 10), pa_end_date=date(2026, 11, 3))
    assert len(expand_pattern(p, datetime(2026, 11, 1), datetime(2026, 11, 10))) == 3


def test_a_pa_works_no_occurrences_before_they_start():
    p = PatternSpec(1, 1, "PA 1", "FREQ=DAILY", datetime(2026, 11, 1, 7), datetime(2026, 11, 1, 10),
                    pa_start_date=date(2026, 11, 8))
    assert expand_pattern(p, datetime(2026, 11, 1), datetime(2026, 11, 10))[0].start == datetime(2026, 11, 8, 7)


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU", "FREQ=DAILY;INTERVAL=3",
                                  "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY;BYMONTHDAY=1"])
def test_expanding_a_late_week_matches_walking_the_whole_rule(rule):
    # The shortcut that skips whole periods must give exactly the occurrences dateutil gives from the start.
    first = datetime(2016, 1, 2, 22)
    p = pattern(rule, first, first + timedelta(hours=9))
    start, end = datetime(2026, 3, 23), datetime(2026, 4, 13)
    expected = [o for o in rrulestr(rule, dtstart=first).between(start - timedelta(hours=9), end, inc=True)
                if o + timedelta(hours=9) > start and o < end]
    assert [s.start for s in expand_pattern(p, start, end) if s.overlaps(start, end)] == expected


def test_a_night_from_the_week_before_shows_on_monday():
    p = pattern("FREQ=WEEKLY;BYDAY=SU", datetime(2026, 11, 1, 22), datetime(2026, 11, 2, 7), kind="sleep_in")
    start, end = week_range(date(2026, 11, 24))
    shifts = assemble([p], [], start, end)
    assert [s.start for s in shifts] == [datetime(2026, 11, 22, 22), datetime(2026, 11, 29, 22)]


def test_an_edited_occurrence_replaces_only_that_occurrence():
    p = pattern("FREQ=DAILY", datetime(2026, 11, 1, 7), datetime(2026, 11, 1, 10), pattern_id=4)
    moved = RotaShift(occurrence_key(4, datetime(2026, 11, 25, 7)), 1, "PA 1", datetime(2026, 11, 25, 11),
                      datetime(2026, 11, 25, 14), shift_id=9, pattern_id=4, occurrence_start=datetime(2026, 11, 25, 7))
    start, end = week_range(date(2026, 11, 24))
    shifts = assemble([p], [moved], start, end)
    assert len(shifts) == 7
    wednesday = [s for s in shifts if s.start.date() == date(2026, 11, 25)]
    assert [(s.start.hour, s.shift_id) for s in wednesday] == [(11, 9)]
    assert all(s.start.hour == 7 for s in shifts if s.start.date() != date(2026, 11, 25))


def test_keys_round_trip():
    assert parse_key(occurrence_key(3, datetime(2026, 3, 29, 22))) == ("occurrence", 3, datetime(2026, 3, 29, 22))
    assert parse_key("s12") == ("shift", 12, None)
    assert parse_key(12) == ("shift", 12, None)
    with pytest.raises(ValidationError):
        parse_key("nonsense")


def test_a_bad_rule_is_explained():
    with pytest.raises(ValidationError) as raised:
        validate_rrule("FREQ=FORTNIGHTLY", datetime(2026, 1, 1, 9))
    assert "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA" in raised.value.message


def test_shift_validation():
    validate_shift(datetime(2026, 1, 1, 22), datetime(2026, 1, 2, 7), "sleep_in", 0, 30)
    with pytest.raises(ValidationError):
        validate_shift(datetime(2026, 1, 1, 22), datetime(2026, 1, 1, 7), "day", 0)
    with pytest.raises(ValidationError):
        validate_shift(datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 17), "night", 0)
    with pytest.raises(ValidationError):
        validate_shift(datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 10), "day", 60)


# --- clock changes -------------------------------------------------------------------------------------


def test_a_night_across_the_spring_clock_change_is_an_hour_shorter():
    # 29 March 2026 is the last Sunday of March: clocks go forward at 01:00.
    night = shift(1, datetime(2026, 3, 28, 22), datetime(2026, 3, 29, 7), kind="waking_night")
    assert night.elapsed_minutes == 8 * 60
    assert night.working_minutes == night.paid_minutes == 8 * 60


def test_a_night_across_the_autumn_clock_change_is_an_hour_longer():
    # 25 October 2026 is the last Sunday of October: clocks go back at 02:00.
    night = shift(1, datetime(2026, 10, 24, 22), datetime(2026, 10, 25, 7), kind="waking_night")
    assert night.elapsed_minutes == 10 * 60
    assert night.paid_minutes == 10 * 60


def test_an_ordinary_night_is_nine_hours_and_a_pattern_keeps_wall_clock_times():
    assert elapsed_minutes(datetime(2026, 10, 17, 22), datetime(2026, 10, 18, 7)) == 9 * 60
    p = pattern("FREQ=DAILY", datetime(2026, 10, 1, 22), datetime(2026, 10, 2, 7), kind="sleep_in")
    nights = expand_pattern(p, datetime(2026, 10, 24), datetime(2026, 10, 26))
    autumn = [n for n in nights if n.start == datetime(2026, 10, 24, 22)][0]
    assert (autumn.end, autumn.elapsed_minutes) == (datetime(2026, 10, 25, 7), 600)
    # A sleep-in counts as working time in full, but only the minutes woken are paid by the hour.
    assert (autumn.working_minutes, autumn.paid_minutes) == (600, 0)


@pytest.mark.parametrize("night_start", [datetime(2026, 3, 28, 22), datetime(2026, 10, 24, 22)])
def test_clock_change_nights_covered_end_to_end_leave_no_gap(night_start):
    needs = [SupportNeedSpec(night_start.weekday(), time(22), time(7))]
    night = shift(1, night_start, night_start + timedelta(hours=9))
    start, end = night_start - timedelta(hours=2), night_start + timedelta(hours=12)
    assert find_gaps(needs, [night], start, end) == []
    # Leaving the PA off the night shows the whole night as a gap, with its real length.
    [gap] = find_gaps(needs, [], start, end)
    assert (gap.start, gap.end, gap.people_missing) == (night_start, night_start + timedelta(hours=9), 1)
    assert gap.elapsed_minutes == (480 if night_start.month == 3 else 600)


# --- gaps ----------------------------------------------------------------------------------------------

MONDAY = date(2026, 11, 23)


def at(day_offset, hour, minute=0):
    return datetime.combine(MONDAY + timedelta(days=day_offset), time(hour, minute))


NEEDS = [SupportNeedSpec(0, time(7), time(10)), SupportNeedSpec(0, time(8), time(8, 30), people=2),
         SupportNeedSpec(0, time(22), time(7), kind="sleep_in")]


def sound_monday():
    return [shift(1, at(0, 7), at(0, 10)), shift(2, at(0, 8), at(0, 8, 30)), shift(3, at(0, 22), at(1, 7))]


def test_a_sound_day_has_no_gaps():
    assert find_gaps(NEEDS, sound_monday(), at(0, 0), at(1, 12)) == []


def test_a_missing_second_pa_for_a_double_up_is_a_gap_of_one():
    shifts = [s for s in sound_monday() if s.pa_id != 2]
    [gap] = find_gaps(NEEDS, shifts, at(0, 0), at(1, 12))
    assert (gap.start, gap.end, gap.people_missing, gap.people_needed) == (at(0, 8), at(0, 8, 30), 1, 2)


def test_an_uncovered_morning_reports_both_missing_at_the_double_up():
    shifts = [s for s in sound_monday() if s.pa_id == 3]
    gaps = [(g.start, g.end, g.people_missing) for g in find_gaps(NEEDS, shifts, at(0, 0), at(1, 12))]
    assert gaps == [(at(0, 7), at(0, 8), 1), (at(0, 8), at(0, 8, 30), 2), (at(0, 8, 30), at(0, 10), 1)]


def test_a_need_running_past_midnight_is_a_gap_into_the_next_day():
    shifts = [shift(1, at(0, 7), at(0, 10)), shift(2, at(0, 8), at(0, 8, 30)), shift(3, at(0, 22), at(1, 3))]
    [gap] = find_gaps(NEEDS, shifts, at(0, 0), at(1, 12))
    assert (gap.start, gap.end) == (at(1, 3), at(1, 7))


def test_cancelled_and_covered_shifts_do_not_cover_but_their_cover_does():
    shifts = sound_monday()
    shifts[0] = shift(1, at(0, 7), at(0, 10), status="covered")
    assert [(g.start, g.end) for g in find_gaps(NEEDS, shifts, at(0, 0), at(1, 12))][0] == (at(0, 7), at(0, 8))
    shifts.append(RotaShift("cover", None, "", at(0, 7), at(0, 10), cover_contact_id=1, cover_contact_name="Agency"))
    assert find_gaps(NEEDS, shifts, at(0, 0), at(1, 12)) == []


def test_a_shift_with_nobody_on_it_does_not_fill_the_gap():
    shifts = [s for s in sound_monday() if s.pa_id != 1]
    shifts.append(RotaShift("nobody", None, "", at(0, 7), at(0, 10)))
    gaps = [(g.start, g.end, g.people_missing) for g in find_gaps(NEEDS, shifts, at(0, 0), at(1, 12))]
    assert gaps == [(at(0, 7), at(0, 8), 1), (at(0, 8), at(0, 8, 30), 1), (at(0, 8, 30), at(0, 10), 1)]


# --- clashes -------------------------------------------------------------------------------------------


def test_a_pa_on_two_shifts_at_once_is_a_clash():
    first, second = shift(1, at(0, 7), at(0, 10)), shift(1, at(0, 9), at(0, 12))
    [clash] = find_clashes([first, second, shift(2, at(0, 9), at(0, 12))])
    assert (clash.pa_id, clash.reason, clash.shifts) == (1, "overlap", (first, second))


def test_back_to_back_shifts_and_cancelled_ones_do_not_clash():
    shifts = [shift(1, at(0, 7), at(0, 10)), shift(1, at(0, 10), at(0, 12)),
              shift(1, at(0, 8), at(0, 9), status="cancelled")]
    assert find_clashes(shifts) == []


def test_a_shift_during_booked_leave_is_a_clash():
    leave = AbsenceSpec(5, 1, "annual_leave", MONDAY + timedelta(days=1), MONDAY + timedelta(days=4))
    on_leave = shift(1, at(2, 7), at(2, 10))
    [clash] = find_clashes([shift(1, at(0, 7), at(0, 10)), on_leave, shift(2, at(2, 7), at(2, 10))], [leave])
    assert (clash.reason, clash.shifts, clash.absence) == ("absence", (on_leave,), leave)


def test_the_absence_recorded_for_a_shift_does_not_clash_with_that_shift():
    missed = shift(1, at(0, 7), at(0, 10), status="worked", shift_id=3)
    sick = AbsenceSpec(6, 1, "sickness", MONDAY, MONDAY, shift_id=3)
    assert find_clashes([missed], [sick]) == []


def test_an_absence_for_one_shift_does_not_book_off_the_pa_s_other_shifts_that_day():
    evening = shift(1, at(0, 17), at(0, 22), shift_id=4)
    no_show = AbsenceSpec(7, 1, "no_show", MONDAY, MONDAY, shift_id=3)
    assert find_clashes([shift(1, at(0, 7), at(0, 10), status="covered", shift_id=3), evening], [no_show]) == []


def test_shift_times_are_worded_one_way_with_midnight_ending_the_day():
    from paemployer.services.rota.engine import clock_range, day_label, describe_shift_time

    def shift(start, end):
        return RotaShift("s1", 1, "Ann", start, end)

    assert day_label(date(2026, 11, 23)) == "Mon 23 Nov"
    assert clock_range(datetime(2026, 11, 23, 7), datetime(2026, 11, 23, 10)) == "07:00–10:00"
    assert describe_shift_time(shift(datetime(2026, 11, 23, 7), datetime(2026, 11, 23, 10))) == "Mon 23 Nov 07:00–10:00"
    assert describe_shift_time(shift(datetime(2026, 11, 23, 18), datetime(2026, 11, 24))) == "Mon 23 Nov 18:00–00:00"
    assert describe_shift_time(shift(datetime(2026, 11, 23, 22), datetime(2026, 11, 24, 7))) == \
        "Mon 23 Nov 22:00–Tue 07:00"


@pytest.mark.parametrize(("text", "expected"), [
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", ("WEEKLY", 2, (5,), None)),
    ("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE", ("WEEKLY", 1, (0, 1, 2), None)),
    ("FREQ=DAILY;COUNT=5", ("DAILY", 1, (), 5)),
    ("FREQ=MONTHLY;BYDAY=-1FR", ("MONTHLY", 1, (4,), None)),
])
def test_a_repeat_rule_is_read_with_a_public_parser(text, expected):
    from paemployer.services.rota.engine import recurrence

    parts = recurrence(text)
    assert (parts.freq, parts.interval, parts.weekdays, parts.count) == expected


@pytest.mark.parametrize("text", ["FREQ=WEEKLY;BYDAY=XX", "nonsense", "DTSTART:20260101T090000\nRRULE:FREQ=DAILY"])
def test_a_rule_the_rota_cannot_describe_reads_as_none(text):
    from paemployer.services.rota.engine import recurrence

    assert recurrence(text) is None


def test_no_code_reaches_into_dateutils_private_attributes():
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "paemployer"
    private = re.compile(r"\._(freq|interval|byweekday|bymonthday|count|until|dtstart)\b")
    offenders = [str(path) for path in package.rglob("*.py") if private.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_a_shift_is_at_most_24_real_hours_across_the_clock_changes():
    # 07:00 Saturday 24 October to 07:00 Sunday 25 October 2026 is 24 hours on the clock but 25 hours of real
    # time (the clocks go back at 02:00): refused, as the working-time rules measure it.
    with pytest.raises(ValidationError, match="24 hours"):
        validate_shift(datetime(2026, 10, 24, 7), datetime(2026, 10, 25, 7), "day", 0)
    validate_shift(datetime(2026, 10, 24, 7), datetime(2026, 10, 25, 6), "day", 0)  # 24 real hours
    # In March 24 real hours read 25 on the clock: accepted.
    validate_shift(datetime(2026, 3, 28, 7), datetime(2026, 3, 29, 8), "day", 0)
    with pytest.raises(ValidationError, match="24 hours"):
        validate_shift(datetime(2026, 3, 28, 7), datetime(2026, 3, 29, 8, 1), "day", 0)


def test_the_clock_changes_are_found_from_the_zone_data():
    from paemployer.services.rota.engine import clock_changes

    assert clock_changes(date(2026, 1, 1), date(2027, 12, 31)) == [
        date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31)]
    assert clock_changes(date(2026, 3, 30), date(2026, 10, 24)) == []


def test_a_shift_with_nobody_on_it_pays_nothing_and_counts_no_time_worked():
    from paemployer.services.rota.engine import RotaShift

    nobody = RotaShift("s1", None, "", datetime(2026, 11, 23, 9), datetime(2026, 11, 23, 12))
    assert (nobody.paid_minutes, nobody.minutes_worked) == (0, 0)
    assert nobody.working_minutes == 180  # the gap's length as planned, as the rota still shows it
    ann = RotaShift("s2", 1, "Ann Lee", datetime(2026, 11, 23, 9), datetime(2026, 11, 23, 12))
    assert (ann.paid_minutes, ann.minutes_worked) == (180, 180)
    sister = RotaShift("s3", None, "", datetime(2026, 11, 23, 9), datetime(2026, 11, 23, 12), cover_contact_id=4,
                       cover_contact_name="Sister")
    assert (sister.paid_minutes, sister.minutes_worked) == (180, 180)
    absent = RotaShift("s4", 1, "Ann Lee", datetime(2026, 11, 23, 9), datetime(2026, 11, 23, 12), status="absent")
    assert (absent.paid_minutes, absent.minutes_worked) == (0, 0)
