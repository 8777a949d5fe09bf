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
