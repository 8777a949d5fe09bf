"""A PA's .ics: parses with icalendar, carries Europe/London with a VTIMEZONE, and keeps UIDs on re-export."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from sqlmodel import select

from paemployer.errors import NotFoundError, ValidationError
from paemployer.services import rota
from paemployer.services.rota.calendar_export import export_pa_calendar, pa_calendar
from paemployer.services.rota.engine import occurrence_key
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, Employer

STAMP = datetime(2026, 11, 24, 9, 30)


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "cal.paemployer", create=True)
    with employer_file.session() as session:
        session.add(Employer(name="Eleri Davies"))
        session.add(PA(first_name="Ann", last_name="Lee"))
        session.add(PA(first_name="Bo", last_name="Evans"))
    rota.add_pattern(employer_file, pa_id=1, rrule="FREQ=WEEKLY;BYDAY=SA", first_start=datetime(2026, 10, 3, 22),
                     first_end=datetime(2026, 10, 4, 7), kind="sleep_in")
    rota.add_shift(employer_file, pa_id=1, start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 13))
    rota.add_shift(employer_file, pa_id=2, start=datetime(2026, 11, 26, 9), end=datetime(2026, 11, 26, 13))
    yield employer_file
    employer_file.close()


def events(data: bytes):
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_the_calendar_parses_with_london_times_and_a_vtimezone(ef):
    data, count = pa_calendar(ef, 1, date(2026, 10, 1), date(2026, 11, 30), stamp=STAMP)
    calendar = Calendar.from_ical(data)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    found = events(data)
    assert count == len(found) == 10  # nine Saturday sleep-ins and one day shift, none of Bo's
    autumn = [e for e in found.values() if e["DTSTART"].dt.date() == date(2026, 10, 24)][0]
    start, end = autumn["DTSTART"].dt, autumn["DTEND"].dt
    assert "Europe/London" in str(getattr(start.tzinfo, "key", start.tzinfo))
    assert (end - start) == timedelta(hours=9)  # wall clock; the real night is 10 hours
    assert (end.astimezone(ZoneInfo("UTC")) - start.astimezone(ZoneInfo("UTC"))) == timedelta(hours=10)
    assert "Sleep-in shift for Eleri Davies" in str(autumn["SUMMARY"])
    assert b"TZID=Europe/London" in data


def test_re_export_keeps_the_uids_and_updates_an_edited_occurrence(ef):
    before = events(pa_calendar(ef, 1, date(2026, 11, 1), date(2026, 11, 30), stamp=STAMP)[0])
    key = occurrence_key(1, datetime(2026, 11, 14, 22))
    rota.move_shift(ef, key, datetime(2026, 11, 14, 23))
    rota.cancel_shift(ef, occurrence_key(1, datetime(2026, 11, 21, 22)))
    after = events(pa_calendar(ef, 1, date(2026, 11, 1), date(2026, 11, 30), stamp=STAMP + timedelta(days=1))[0])
    assert set(after) == set(before)
    moved = [e for e in after.values() if e["DTSTART"].dt.date() == date(2026, 11, 14)][0]
    assert moved["DTSTART"].dt.hour == 23 and str(moved["STATUS"]) == "CONFIRMED"
    cancelled = [e for e in after.values() if e["DTSTART"].dt.date() == date(2026, 11, 21)][0]
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_renaming_the_employer_keeps_the_uids(ef):
    before = events(pa_calendar(ef, 1, date(2026, 11, 1), date(2026, 11, 30), stamp=STAMP)[0])
    with ef.session() as session:
        session.exec(select(Employer)).one().name = "Eleri Davies-Jones"
    after = events(pa_calendar(ef, 1, date(2026, 11, 1), date(2026, 11, 30), stamp=STAMP)[0])
    assert set(after) == set(before)


def test_uids_differ_between_employers(ef, tmp_path):
    other = open_employer_file(tmp_path / "other.paemployer", create=True)
    with other.session() as session:
        session.add(Employer(name="Someone Else"))
        session.add(PA(first_name="Ann", last_name="Lee"))
    rota.add_pattern(other, pa_id=1, rrule="FREQ=WEEKLY;BYDAY=SA", first_start=datetime(2026, 10, 3, 22),
                     first_end=datetime(2026, 10, 4, 7), kind="sleep_in")
    mine = events(pa_calendar(ef, 1, date(2026, 11, 1), date(2026, 11, 30), stamp=STAMP)[0])
    theirs = events(pa_calendar(other, 1, date(2026, 11, 1), date(2026, 11, 30), stamp=STAMP)[0])
    other.close()
    assert not set(mine) & set(theirs)


def test_export_by_name_writes_the_file(ef, tmp_path):
    out = tmp_path / "bo.ics"
    assert export_pa_calendar(ef, "bo evans", out, first_day=date(2026, 11, 1), last_day=date(2026, 11, 30),
                              stamp=STAMP) == 1
    assert "Shifts: Bo Evans" in str(Calendar.from_ical(out.read_bytes())["X-WR-CALNAME"])


def statuses(data: bytes) -> dict[str, str]:
    return {uid: str(event["STATUS"]) for uid, event in events(data).items()}


def export(ef, pa_id, stamp=STAMP):
    return statuses(pa_calendar(ef, pa_id, date(2026, 11, 1), date(2026, 11, 30), stamp=stamp)[0])


def test_an_occurrence_given_to_another_pa_is_cancelled_on_the_first_pa_s_phone(ef):
    ann_before, bo_before = export(ef, 1), export(ef, 2)
    rota.edit_shift(ef, occurrence_key(1, datetime(2026, 11, 14, 22)), pa_id=2)
    ann_after, bo_after = export(ef, 1, STAMP + timedelta(days=1)), export(ef, 2, STAMP + timedelta(days=1))
    assert set(ann_after) == set(ann_before)  # nothing vanishes: the phone is told
    [moved_uid] = [uid for uid in ann_after if uid.startswith("p1-20261114T2200-")]
    assert ann_after[moved_uid] == "CANCELLED"
    assert [s for uid, s in ann_after.items() if uid != moved_uid] == ["CONFIRMED"] * (len(ann_after) - 1)
    assert bo_after == {**bo_before, moved_uid: "CONFIRMED"}


def test_passing_a_given_occurrence_on_again_cancels_it_on_the_second_pa_s_phone(ef):
    key = occurrence_key(1, datetime(2026, 11, 14, 22))
    rota.edit_shift(ef, key, pa_id=2)
    bo_before = export(ef, 2)
    [moved_uid] = [uid for uid in bo_before if uid.startswith("p1-")]
    rota.edit_shift(ef, key, pa_id=None)
    bo_after = export(ef, 2, STAMP + timedelta(days=1))
    assert set(bo_after) == set(bo_before) and bo_after[moved_uid] == "CANCELLED"
    assert export(ef, 1)[moved_uid] == "CANCELLED"
    saturday = rota.shifts_between(ef, datetime(2026, 11, 14, 22), datetime(2026, 11, 15, 7))
    assert [(s.pa_id, s.status) for s in saturday] == [(None, "planned"), (2, "cancelled")]


def test_a_one_off_shift_given_to_another_pa_is_cancelled_on_the_first_pa_s_phone(ef):
    ann_before = export(ef, 1)
    [one_off] = [uid for uid in ann_before if uid.startswith("s1-")]
    new_key = rota.edit_shift(ef, "s1", pa_id=2)
    assert new_key != "s1" and rota.get_shift(ef, new_key).pa_id == 2
    ann_after = export(ef, 1, STAMP + timedelta(days=1))
    assert set(ann_after) == set(ann_before) and ann_after[one_off] == "CANCELLED"
    bo_after = export(ef, 2, STAMP + timedelta(days=1))
    assert list(bo_after.values()).count("CONFIRMED") == 2 and one_off not in bo_after
    # The rota has Bo on, Ann's copy only as a cancelled record: no gap, no clash.
    week = rota.week(ef, date(2026, 11, 25))
    assert [(s.pa_id, s.status) for s in week.shifts if s.start == datetime(2026, 11, 25, 9)] == [
        (1, "cancelled"), (2, "planned")]


def test_deleting_a_one_off_shift_cancels_it_on_the_phone_and_one_with_nobody_goes(ef):
    ann_before = export(ef, 1)
    [one_off] = [uid for uid in ann_before if uid.startswith("s1-")]
    rota.delete_shift(ef, "s1")
    ann_after = export(ef, 1, STAMP + timedelta(days=1))
    assert set(ann_after) == set(ann_before) and ann_after[one_off] == "CANCELLED"
    nobody = rota.add_shift(ef, pa_id=None, start=datetime(2026, 11, 27, 9), end=datetime(2026, 11, 27, 12))
    rota.delete_shift(ef, nobody)
    with pytest.raises(NotFoundError):
        rota.get_shift(ef, nobody)


def test_a_last_day_before_the_first_is_refused(ef, tmp_path):
    with pytest.raises(ValidationError) as raised:
        export_pa_calendar(ef, "bo evans", tmp_path / "bo.ics", first_day=date(2026, 11, 30),
                           last_day=date(2026, 11, 1), stamp=STAMP)
    assert raised.value.field == "last_day"
    assert not (tmp_path / "bo.ics").exists()
