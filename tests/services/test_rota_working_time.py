"""WTR_* findings on the rota, through the rules engine: raised by a scenario, silent on a sound rota."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from paemployer.services import rota
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "wtr.paemployer", create=True)
    with employer_file.session() as session:
        session.add(PA(first_name="Ann", last_name="Lee", start_date=date(2025, 1, 6)))
        session.add(PA(first_name="Bo", last_name="Evans", start_date=date(2025, 1, 6), wtr_opt_out=True))
    yield employer_file
    employer_file.close()


def codes(ef, day, pa_name=None):
    issues = rota.week(ef, day, working_time=True).working_time
    return sorted({i.code for i in issues if pa_name is None or i.pa_name == pa_name})


def test_a_sound_rota_raises_no_working_time_finding(ef):
    rota.add_pattern(ef, pa_id=1, rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", first_start=datetime(2026, 6, 1, 8),
                     first_end=datetime(2026, 6, 1, 16), break_minutes=30)
    rota.add_pattern(ef, pa_id=2, rrule="FREQ=WEEKLY;BYDAY=SA,SU", first_start=datetime(2026, 6, 6, 22),
                     first_end=datetime(2026, 6, 7, 7), kind="sleep_in")
    assert codes(ef, date(2026, 11, 24)) == []


def test_too_little_rest_between_shifts_is_a_daily_rest_finding(ef):
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 23, 15), end=datetime(2026, 11, 23, 23), break_minutes=30)
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 24, 7), end=datetime(2026, 11, 24, 10))
    [issue] = rota.week(ef, date(2026, 11, 24), working_time=True).working_time
    assert (issue.code, issue.pa_name) == ("WTR_DAILY_REST", "Ann Lee")
    assert "11" in issue.explanation and issue.as_json()["code"] == "WTR_DAILY_REST"


def test_no_day_off_in_a_fortnight_is_a_weekly_rest_finding(ef):
    rota.add_pattern(ef, pa_id=1, rrule="FREQ=DAILY", first_start=datetime(2026, 11, 9, 8),
                     first_end=datetime(2026, 11, 9, 12), until=date(2026, 12, 13))
    assert "WTR_WEEKLY_REST" in codes(ef, date(2026, 11, 24))


def test_a_long_day_without_a_break_is_a_break_finding(ef):
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 24, 8), end=datetime(2026, 11, 24, 16))
    assert codes(ef, date(2026, 11, 24)) == ["WTR_BREAK"]


def test_more_than_48_hours_on_average_is_found_and_an_opt_out_is_noted(ef):
    for pa_id in (1, 2):
        rota.add_pattern(ef, pa_id=pa_id, rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", first_start=datetime(2026, 6, 1, 7),
                         first_end=datetime(2026, 6, 1, 18), break_minutes=30)
    issues = [i for i in rota.week(ef, date(2026, 11, 24), working_time=True).working_time
              if i.code == "WTR_48H_AVERAGE"]
    assert {(i.pa_name, i.opted_out) for i in issues} == {("Ann Lee", False), ("Bo Evans", True)}


# The last Sunday of March 2026 is the 29th (clocks forward), of October the 25th (clocks back).

def test_spring_clock_change_shortens_the_rest_into_a_breach(ef):
    # 19:30 Saturday to 07:00 Sunday looks like 11.5 hours on the clock, but is 10.5 hours of real rest.
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 3, 28, 12), end=datetime(2026, 3, 28, 19, 30), break_minutes=30)
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 3, 29, 7), end=datetime(2026, 3, 29, 10))
    assert codes(ef, date(2026, 3, 28)) == ["WTR_DAILY_REST"]


def test_autumn_clock_change_lengthens_the_rest_out_of_a_breach(ef):
    # 20:00 Saturday to 06:30 Sunday looks like 10.5 hours on the clock, but is 11.5 hours of real rest.
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 10, 24, 12), end=datetime(2026, 10, 24, 20), break_minutes=30)
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 10, 25, 6, 30), end=datetime(2026, 10, 25, 10))
    assert codes(ef, date(2026, 10, 24)) == []


def test_a_night_across_the_autumn_change_is_ten_hours_of_working_time(ef):
    key = rota.add_shift(ef, pa_id=1, start=datetime(2026, 10, 24, 22), end=datetime(2026, 10, 25, 7),
                         kind="waking_night")
    assert rota.get_shift(ef, key).working_minutes == 600
    # Ten hours straight with no break: the break rule sees the extra hour too.
    assert codes(ef, date(2026, 10, 24)) == ["WTR_BREAK"]


def test_cover_options_name_the_limit_and_ignore_an_agreed_opt_out(ef):
    # Ann and Bo already work 52.5 hours a week; Bo has signed the opt-out.
    for pa_id in (1, 2):
        rota.add_pattern(ef, pa_id=pa_id, rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                         first_start=datetime(2026, 6, 1, 7), first_end=datetime(2026, 6, 1, 18), break_minutes=30)
    with ef.session() as session:
        session.add(PA(first_name="Cai", last_name="Free"))
    shift_key = rota.add_shift(ef, pa_id=3, start=datetime(2026, 11, 28, 7), end=datetime(2026, 11, 28, 19),
                               break_minutes=60)
    options = rota.cover_options(ef, shift_key)
    by_name = {c.pa_name: c for c in options.pas}
    assert "WTR_48H_AVERAGE" in by_name["Ann Lee"].codes and not by_name["Ann Lee"].within_limits
    assert by_name["Bo Evans"].within_limits  # signed the opt-out
    assert [c.pa_name for c in options.pas] == ["Bo Evans", "Ann Lee"]
    assert "48" in by_name["Ann Lee"].reasons[0]


def test_one_read_for_the_week_and_the_reference_period_changes_nothing(tmp_path, today):
    """The checked week reads its shifts once (with the 17 weeks around); it must show exactly what a plain read
    does, and the same findings as reading each PA's history and leave separately."""
    from paemployer.services.demo import write_demo_file
    from paemployer.services.rota.engine import week_range
    from paemployer.services.rota.working_time import AFTER, HISTORY, _excluded_days_by_pa, working_time_issues
    from paemployer.store.models import Absence, AbsenceKind

    with open_employer_file(write_demo_file(tmp_path / "demo.paemployer", today=today)) as demo:
        rota.edit_shift(demo, rota.week(demo, today).shifts[0].key, start=datetime(2026, 11, 24, 6))
        with demo.session() as session:
            session.add(Absence(pa_id=1, kind=AbsenceKind.ANNUAL_LEAVE, start_date=date(2026, 10, 5),
                                end_date=date(2026, 10, 9)))
        found = 0
        for weeks in range(-3, 4):
            day = today + timedelta(weeks=weeks)
            plain, checked = rota.week(demo, day), rota.week(demo, day, working_time=True)
            assert (checked.shifts, checked.gaps, checked.clashes) == (plain.shifts, plain.gaps, plain.clashes)
            start, end = week_range(day)
            with demo.session() as session:
                nearby = rota.shifts_in(session, start - HISTORY, end + AFTER)  # read apart from the week's own
                on_their_own = working_time_issues(session, list(plain.shifts), start, end, nearby=nearby)
                assert _excluded_days_by_pa(session, {1}, (start - HISTORY).date(), (end + AFTER).date())[1]
            assert list(checked.working_time) == on_their_own
            found += len(on_their_own)
        assert found  # the demo rota has findings to compare


def test_shifts_read_as_plain_rows_equal_those_read_as_records(ef):
    from sqlmodel import select

    from paemployer.services.rota.shifts import _column_rows_to_shifts, _contact_names, _pa_names, _stored_rows, _to_rota_shift
    from paemployer.store.models import Shift

    rota.add_pattern(ef, pa_id=1, rrule="FREQ=DAILY", first_start=datetime(2026, 11, 1, 7),
                     first_end=datetime(2026, 11, 1, 10))
    rota.move_shift(ef, "p1@20261124T0700", datetime(2026, 11, 24, 8))
    rota.add_shift(ef, pa_id=2, start=datetime(2026, 11, 25, 22), end=datetime(2026, 11, 26, 7), kind="sleep_in",
                   status="worked", woken_minutes=30, notes="woken twice")
    rota.record_cover(ef, "p1@20261126T0700", covering_pa_id=2)
    with ef.session() as session:
        names, contacts = _pa_names(session), _contact_names(session)
        rows = _stored_rows(session, datetime(2026, 11, 23), datetime(2026, 11, 30))
        records = session.exec(select(Shift).order_by(Shift.id)).all()
        assert len(rows) == len(records) == 4
        assert sorted(_column_rows_to_shifts(rows, names, contacts), key=lambda s: s.shift_id) == [
            _to_rota_shift(record, names, contacts) for record in records]


def test_asking_for_one_week_s_findings_gives_exactly_those_of_the_full_check():
    """check_working_time(touching=...) skips the other weeks' rest for speed; it must return the same findings."""
    import random

    from paemployer.rules.working_time import WorkingTimeFacts, WorkShift, check_working_time

    rng = random.Random(4)
    compared = 0
    for _trial in range(60):
        start = datetime(2026, rng.choice([1, 3, 10]), rng.randint(1, 28))
        moment, shifts = start, []
        for number in range(rng.randint(20, 120)):
            moment += timedelta(hours=rng.choice([3, 6, 9, 11, 13, 24]), minutes=rng.choice([0, 30]))
            shifts.append(WorkShift(number, moment, moment + timedelta(hours=rng.choice([3, 7, 10, 13])),
                                    rng.choice([0, 0, 20]), rng.choice(["day", "waking_night", "sleep_in"])))
        facts = WorkingTimeFacts(date_of_birth=rng.choice([None, date(2009, 9, 1)]),
                                 employment_start=rng.choice([None, start.date()]))
        first = start.date() + timedelta(days=rng.randint(0, 100))
        last = first + timedelta(days=6)
        full = check_working_time(shifts, facts)
        wanted = tuple(b for b in full if b.last_day >= first and b.first_day <= last)
        assert check_working_time(shifts, facts, touching=(first, last)) == wanted
        compared += len(wanted)
    assert compared > 50


def test_the_history_read_is_the_reference_period_from_the_table_and_a_week():
    from paemployer.rules.rates import load_table
    from paemployer.services.rota.working_time import HISTORY

    assert HISTORY == timedelta(weeks=load_table("working_time").row_on(date(2026, 11, 24))["reference_weeks"] + 1)
    assert HISTORY == timedelta(weeks=18)  # 17 weeks (reg 4(3)) and a week's margin for weekly rest


def test_the_rota_week_shows_the_working_time_the_warnings_raise(tmp_path, today):
    """A warning's 'Go to Rota' finds its finding there: the week reads the averages as far ahead as the warnings."""
    from paemployer.services.compliance import gather_warnings
    from paemployer.services.demo import write_demo_file

    with open_employer_file(write_demo_file(tmp_path / "demo.paemployer", today=today)) as demo:
        warned = {(w.code, w.subject_name) for w in gather_warnings(demo, on=today) if w.code.startswith("WTR_")}
        shown = {(issue.code, issue.pa_name) for issue in rota.week(demo, today, working_time=True).working_time}
    assert ("WTR_NIGHT_WORK", "Anita Kowalska") in warned  # six sleep-ins a week, planned for months ahead
    assert warned <= shown
