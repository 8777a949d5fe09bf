"""Rota use cases over a real employer file: patterns, occurrence edits, cover, timesheets."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from paemployer.errors import NotFoundError, ValidationError
from paemployer.services import rota
from paemployer.services.rota.engine import SupportNeedSpec, occurrence_key
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, Absence, CoverContact, CoverRole, Shift

MONDAY = date(2026, 11, 23)


def at(day_offset, hour, minute=0):
    return datetime.combine(MONDAY + timedelta(days=day_offset), time(hour, minute))


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "rota.paemployer", create=True)
    with employer_file.session() as session:
        session.add(PA(first_name="Ann", last_name="Lee", phone="07700 900001"))
        session.add(PA(first_name="Bo", last_name="Evans", phone="07700 900002"))
        session.add(PA(first_name="Cai", last_name="Ŵyn", phone="07700 900003"))
        session.add(PA(first_name="Dee", last_name="Left", end_date=date(2026, 6, 30)))
        session.add(CoverContact(name="Agency", role=CoverRole.AGENCY, phone="01234 567890", priority=2))
        session.add(CoverContact(name="Sister", role=CoverRole.FAMILY, phone="07700 900009", priority=1))
    yield employer_file
    employer_file.close()


def mornings(ef, pa_id=1):
    return rota.add_pattern(ef, pa_id=pa_id, rrule="FREQ=DAILY", first_start=datetime(2026, 11, 1, 7),
                            first_end=datetime(2026, 11, 1, 10))


def test_a_week_expands_patterns_and_finds_gaps_against_the_schedule(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(d, time(7), time(10)) for d in range(7)]
                                  + [SupportNeedSpec(2, time(8), time(8, 30), people=2)])
    mornings(ef)
    view = rota.week(ef, MONDAY)
    assert len(view.shifts) == 7 and {s.pa_name for s in view.shifts} == {"Ann Lee"}
    [gap] = view.gaps
    assert (gap.start, gap.end, gap.people_missing) == (at(2, 8), at(2, 8, 30), 1)
    assert view.clashes == ()


def test_importing_a_schedule_replaces_the_old_one(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(0, time(7), time(10))])
    rota.replace_support_schedule(ef, [SupportNeedSpec(1, time(9), time(11), people=2)])
    assert rota.support_schedule(ef) == [SupportNeedSpec(1, time(9), time(11), people=2)]


def test_editing_one_occurrence_keeps_the_pattern(ef):
    mornings(ef)
    key = occurrence_key(1, at(2, 7))
    new_key = rota.move_shift(ef, key, at(2, 11))
    assert new_key == key  # the occurrence keeps its identity (and its calendar UID)
    view = rota.week(ef, MONDAY)
    starts = sorted(s.start for s in view.shifts)
    assert at(2, 11) in starts and at(2, 7) not in starts and len(starts) == 7
    moved = rota.get_shift(ef, key)
    assert (moved.start, moved.end, moved.occurrence_start) == (at(2, 11), at(2, 14), at(2, 7))
    # The following week is untouched.
    assert all(s.start.hour == 7 for s in rota.week(ef, MONDAY + timedelta(days=7)).shifts)


def test_an_occurrence_cannot_wander_far_from_its_day(ef):
    mornings(ef)
    with pytest.raises(ValidationError):
        rota.move_shift(ef, occurrence_key(1, at(2, 7)), at(12, 7))


def test_cancelling_one_occurrence_opens_a_gap_on_that_day_only(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(d, time(7), time(10)) for d in range(7)])
    mornings(ef)
    rota.cancel_shift(ef, occurrence_key(1, at(3, 7)))
    view = rota.week(ef, MONDAY)
    assert [(g.start, g.end) for g in view.gaps] == [(at(3, 7), at(3, 10))]
    assert [s.status for s in view.shifts].count("cancelled") == 1


def test_a_double_booking_and_a_shift_during_leave_are_clashes(ef):
    mornings(ef)
    rota.add_shift(ef, pa_id=1, start=at(1, 9), end=at(1, 12))
    with ef.session() as session:
        session.add(Absence(pa_id=1, kind="annual_leave", start_date=MONDAY + timedelta(days=4),
                            end_date=MONDAY + timedelta(days=5)))
    clashes = rota.week(ef, MONDAY).clashes
    assert [(c.reason, c.shifts[0].start) for c in clashes] == [
        ("overlap", at(1, 7)), ("absence", at(4, 7)), ("absence", at(5, 7))]


def test_cover_options_list_free_pas_then_contacts_in_priority_order(ef):
    mornings(ef)
    rota.add_shift(ef, pa_id=2, start=at(1, 6), end=at(1, 9))  # Bo is busy on Tuesday morning
    options = rota.cover_options(ef, occurrence_key(1, at(1, 7)))
    assert [c.pa_name for c in options.pas] == ["Cai Ŵyn"]  # not Ann (her shift), not Bo (busy), not Dee (left)
    assert [name for name, _why in options.unavailable] == ["Bo Evans"]
    assert [c.name for c in options.contacts] == ["Sister", "Agency"]
    assert options.contacts[0].phone == "07700 900009"
    with ef.session() as session:
        session.add(PA(first_name="Eve", last_name="New", start_date=date(2026, 12, 1)))
    assert [c.pa_name for c in rota.cover_options(ef, occurrence_key(1, at(1, 7))).pas] == ["Cai Ŵyn"]  # not started


def test_cover_options_say_why_a_pa_would_break_their_rest(ef):
    mornings(ef)
    # Cai works until 23:00 on Monday; covering at 07:00 on Tuesday leaves 8 hours' rest, not 11.
    rota.add_shift(ef, pa_id=3, start=at(0, 15), end=at(0, 23))
    options = rota.cover_options(ef, occurrence_key(1, at(1, 7)))
    cai = [c for c in options.pas if c.pa_name == "Cai Ŵyn"][0]
    assert not cai.within_limits
    assert "WTR_DAILY_REST" in cai.codes
    bo = [c for c in options.pas if c.pa_name == "Bo Evans"][0]
    assert bo.within_limits
    assert [c.pa_name for c in options.pas] == ["Bo Evans", "Cai Ŵyn"]  # those within limits first


def test_recording_cover_marks_the_shift_adds_the_cover_and_the_absence(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(1, time(7), time(10))])
    mornings(ef)
    key = occurrence_key(1, at(1, 7))
    cover_key = rota.record_cover(ef, key, covering_pa_id=2, absence_kind="sickness")
    original = rota.get_shift(ef, key)
    cover = rota.get_shift(ef, cover_key)
    assert original.status == "covered"
    assert (cover.pa_name, cover.start, cover.end, cover.cover_for_shift_id) == ("Bo Evans", at(1, 7), at(1, 10),
                                                                                 original.shift_id)
    with ef.session() as session:
        [absence] = session.exec(select(Absence)).all()
        assert (absence.pa_id, absence.kind.value, absence.start_date, absence.hours, absence.shift_id) == (
            1, "sickness", MONDAY + timedelta(days=1), Decimal("3.00"), original.shift_id)
    view = rota.week(ef, MONDAY)
    assert view.gaps == () and view.clashes == ()


def test_nobody_covering_leaves_an_absent_shift_and_a_gap(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(1, time(7), time(10))])
    mornings(ef)
    assert rota.record_cover(ef, occurrence_key(1, at(1, 7)), absence_kind="no_show") is None
    assert rota.get_shift(ef, occurrence_key(1, at(1, 7))).status == "absent"
    assert [(g.start, g.end) for g in rota.week(ef, MONDAY).gaps] == [(at(1, 7), at(1, 10))]


def test_the_printed_rota_words_a_no_show_as_the_screen_does(ef):
    from paemployer.services.rota.documents import weekly_rota_data
    from paemployer.services.rota.view import status_words

    mornings(ef)
    rota.record_cover(ef, occurrence_key(1, at(1, 7)), absence_kind="no_show")
    [row] = weekly_rota_data(ef, MONDAY, today=MONDAY).rows
    assert [cell.status for cell in row.days[1]] == [status_words("absent")] == ["nobody came"]


def test_a_cover_contact_can_cover(ef):
    mornings(ef)
    cover_key = rota.record_cover(ef, occurrence_key(1, at(1, 7)), cover_contact_id=1, absence_kind="unpaid")
    cover = rota.get_shift(ef, cover_key)
    assert (cover.pa_id, cover.cover_contact_name, cover.who) == (None, "Agency", "Agency")


def test_recording_cover_is_all_or_nothing(ef):
    mornings(ef)
    key = occurrence_key(1, at(1, 7))
    with pytest.raises(NotFoundError):
        rota.record_cover(ef, key, cover_contact_id=99, absence_kind="sickness")
    with pytest.raises(ValidationError):
        rota.record_cover(ef, key, covering_pa_id=2, absence_kind="holiday")
    with pytest.raises(ValidationError, match="sickness, unpaid, no_show"):
        rota.record_cover(ef, key, covering_pa_id=2, absence_kind="maternity")  # family leave is not "can't come"
    with ef.session() as session:
        assert session.exec(select(Shift)).all() == [] and session.exec(select(Absence)).all() == []


def test_confirming_a_week_as_planned_marks_only_shifts_that_have_ended(ef):
    mornings(ef)
    now = at(3, 9)  # Thursday 09:00: Thursday's shift is still going
    assert rota.confirm_as_planned(ef, *rota.engine.week_range(MONDAY), now=now) == 3
    statuses = {s.start.date().weekday(): s.status for s in rota.week(ef, MONDAY).shifts}
    assert statuses == {0: "worked", 1: "worked", 2: "worked", 3: "planned", 4: "planned", 5: "planned",
                        6: "planned"}
    assert rota.confirm_as_planned(ef, *rota.engine.week_range(MONDAY), now=now) == 0


def test_correcting_times_and_recording_a_sleep_in_woken(ef):
    key = rota.add_shift(ef, pa_id=1, start=at(0, 22), end=at(1, 7), kind="sleep_in")
    later = at(7, 0)
    rota.record_worked(ef, key, woken_minutes=45, now=later)
    night = rota.get_shift(ef, key)
    assert (night.status, night.woken_minutes, night.paid_minutes, night.working_minutes) == ("worked", 45, 45, 540)
    day = rota.add_shift(ef, pa_id=2, start=at(0, 9), end=at(0, 17), break_minutes=30)
    rota.record_worked(ef, day, end=at(0, 18), now=later)
    assert rota.get_shift(ef, day).paid_minutes == 8 * 60 + 30
    with pytest.raises(ValidationError):
        rota.record_worked(ef, day, woken_minutes=10, now=later)
    with pytest.raises(ValidationError):
        rota.record_worked(ef, key, woken_minutes=600, now=later)


def test_a_shift_that_has_not_ended_cannot_be_confirmed_as_worked(ef):
    key = rota.add_shift(ef, pa_id=1, start=at(2, 9), end=at(2, 17))
    with pytest.raises(ValidationError, match="has not come yet") as error:
        rota.record_worked(ef, key, now=at(2, 16, 59))
    assert error.value.field == "end" and "ends at 25 Nov 2026 17:00," in error.value.message  # not ISO
    assert rota.get_shift(ef, key).status == "planned"
    with pytest.raises(ValidationError):
        rota.record_worked(ef, key, end=at(2, 18), now=at(2, 17, 30))  # corrected to end later than now
    assert rota.record_worked(ef, key, now=at(2, 17)) == key
    assert rota.get_shift(ef, key).status == "worked"


def test_find_pa_by_name(ef):
    assert rota.find_pa(ef, "cai  ŵyn") == (3, "Cai Ŵyn")
    with pytest.raises(NotFoundError) as raised:
        rota.find_pa(ef, "Zed")
    assert "Ann Lee" in raised.value.message


def test_the_emergency_plan_and_weekly_rota_come_from_the_file(ef):
    import io

    from pypdf import PdfReader

    from paemployer.services.rota.documents import emergency_plan, weekly_rota

    with ef.session() as session:
        from paemployer.store.models import Employer

        session.add(Employer(name="Eleri Davies", stand_in_essentials="Hoist: two people, blue sling."))
    text = " ".join(PdfReader(io.BytesIO(emergency_plan(ef, today=MONDAY))).pages[0].extract_text().split())
    assert text.index("Sister") < text.index("Agency")  # priority order, not the order they were added
    assert "Hoist: two people, blue sling." in text and "Care agency" in text
    rota.replace_support_schedule(ef, [SupportNeedSpec(5, time(7), time(10))])
    mornings(ef)
    rota.cancel_shift(ef, occurrence_key(1, at(5, 7)))
    text = " ".join(PdfReader(io.BytesIO(weekly_rota(ef, MONDAY, today=MONDAY))).pages[0].extract_text().split())
    assert "Ann Lee" in text and "(cancelled)" in text and "07:00–10:00 (1 missing)" in text


def test_patterns_are_listed_as_plain_values(ef):
    mornings(ef)
    rota.add_pattern(ef, pa_id=2, rrule="RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", first_start=datetime(2026, 11, 7, 9),
                     first_end=datetime(2026, 11, 7, 17), break_minutes=30)
    rota.end_pattern(ef, 1, date(2026, 12, 31))
    first, second = rota.list_patterns(ef)
    assert (first.pa_name, first.until, second.rrule, second.break_minutes) == (
        "Ann Lee", date(2026, 12, 31), "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", 30)
    assert [p.pattern_id for p in rota.list_patterns(ef, pa_id=2)] == [2]


def test_a_shift_with_nobody_on_it_leaves_the_demo_gap_showing(tmp_path, today):
    from paemployer.services.demo import write_demo_file

    with open_employer_file(write_demo_file(tmp_path / "demo.paemployer", today=today)) as demo:
        saturday_evening = (datetime(2026, 12, 5, 17), datetime(2026, 12, 5, 22))
        assert saturday_evening in [(g.start, g.end) for g in rota.week(demo, date(2026, 12, 5)).gaps]
        rota.add_shift(demo, pa_id=None, start=saturday_evening[0], end=saturday_evening[1])
        assert saturday_evening in [(g.start, g.end) for g in rota.week(demo, date(2026, 12, 5)).gaps]
        assert saturday_evening in [(g.start, g.end) for g in rota.gaps_between(demo, *saturday_evening)]


def test_a_no_show_in_the_morning_is_no_clash_with_the_evening_shift(ef):
    rota.add_pattern(ef, pa_id=1, rrule="FREQ=DAILY", first_start=at(0, 7), first_end=at(0, 10))
    evening = rota.add_shift(ef, pa_id=1, start=at(6, 17), end=at(6, 22))
    rota.record_cover(ef, occurrence_key(1, at(6, 7)), covering_pa_id=2, absence_kind="no_show")
    sunday = rota.week(ef, MONDAY + timedelta(days=6))
    assert [c for c in sunday.clashes if evening in [s.key for s in c.shifts]] == []
    assert sunday.clashes == ()


def test_a_cover_role_is_worded_once_for_screens_and_papers():
    from paemployer.labels import cover_role_label, cover_role_labels

    assert cover_role_label("agency") == cover_role_label(CoverRole.AGENCY) == cover_role_labels()[CoverRole.AGENCY]
    assert cover_role_label("agency") == "Care agency"
    assert cover_role_label("neighbour") == "neighbour"  # a role this version does not know is shown as stored


# --- issue 8 item 4: a repeating shift is held to the 24-hour limit in every occurrence ---------------


def test_a_24_hour_pattern_on_the_clock_is_refused_when_an_occurrence_crosses_the_autumn_change(ef):
    # Saturdays 07:00 to Sunday 07:00: 24 real hours in early October, 25 on 24 October 2026 (clocks go back).
    with pytest.raises(ValidationError) as refused:
        rota.add_pattern(ef, pa_id=1, rrule="FREQ=WEEKLY;BYDAY=SA", first_start=datetime(2026, 10, 3, 7),
                         first_end=datetime(2026, 10, 4, 7))
    message = str(refused.value)
    assert "24 Oct 2026" in message and "25 hours" in message and "clocks go back" in message
    assert "1 hour earlier" in message
    assert refused.value.field == "end"  # shown under the end time, as the one-off shift's refusal is
    assert rota.list_patterns(ef) == []  # nothing stored
    # The one-off shift on the same night is refused as before.
    with pytest.raises(ValidationError, match="24 hours"):
        rota.add_shift(ef, pa_id=1, start=datetime(2026, 10, 24, 7), end=datetime(2026, 10, 25, 7))


def test_a_pattern_whose_first_shift_spans_the_spring_change_is_refused_for_its_longer_occurrences(ef):
    # 28 March 07:00 to 29 March 08:00 is 24 real hours (the clocks go forward), but every later Saturday
    # 07:00 to Sunday 08:00 is 25 real hours, and 26 across the autumn change.
    with pytest.raises(ValidationError) as refused:
        rota.add_pattern(ef, pa_id=1, rrule="FREQ=WEEKLY;BYDAY=SA", first_start=datetime(2026, 3, 28, 7),
                         first_end=datetime(2026, 3, 29, 8))
    assert "4 Apr 2026" in str(refused.value) and "25 hours" in str(refused.value)
    # Only the two nights of the spring change: the second one lasts 25 real hours, with no change that night.
    with pytest.raises(ValidationError, match="4 Apr 2026"):
        rota.add_pattern(ef, pa_id=1, rrule="FREQ=WEEKLY;BYDAY=SA;COUNT=2", first_start=datetime(2026, 3, 28, 7),
                         first_end=datetime(2026, 3, 29, 8))
    assert rota.list_patterns(ef) == []


def test_a_pattern_ending_in_the_autumn_change_week_is_refused_at_the_autumn_change(ef):
    # Daily 07:00-07:00 from 20 October: the night of 24-25 October lasts 25 real hours.
    with pytest.raises(ValidationError) as refused:
        rota.add_pattern(ef, pa_id=1, rrule="FREQ=DAILY", first_start=datetime(2026, 10, 20, 7),
                         first_end=datetime(2026, 10, 21, 7), until=date(2026, 10, 30))
    assert "24 Oct 2026" in str(refused.value) and "clocks go back" in str(refused.value)


def test_a_24_hour_pattern_that_never_spans_a_clock_change_is_accepted(ef):
    two_in_july = rota.add_pattern(ef, pa_id=1, rrule="FREQ=DAILY;COUNT=2", first_start=datetime(2026, 7, 6, 7),
                                   first_end=datetime(2026, 7, 7, 7))
    until_august = rota.add_pattern(ef, pa_id=2, rrule="FREQ=WEEKLY;BYDAY=SA", first_start=datetime(2026, 4, 4, 7),
                                    first_end=datetime(2026, 4, 5, 7), until=date(2026, 8, 31))
    assert {p.pattern_id for p in rota.list_patterns(ef)} == {two_in_july, until_august}


def test_an_open_ended_pattern_is_checked_at_the_clock_changes_years_ahead(ef):
    # Every fourth Saturday from 23 May 2026 misses the autumn changes until 2032: that night is named.
    with pytest.raises(ValidationError) as refused:
        rota.add_pattern(ef, pa_id=1, rrule="FREQ=WEEKLY;INTERVAL=4;BYDAY=SA", first_start=datetime(2026, 5, 23, 7),
                         first_end=datetime(2026, 5, 24, 7))
    assert "30 Oct 2032" in str(refused.value) and "clocks go back" in str(refused.value)


def test_a_pattern_too_long_by_half_an_hour_says_so_in_hours_and_minutes(ef):
    with pytest.raises(ValidationError) as refused:
        rota.add_pattern(ef, pa_id=1, rrule="FREQ=WEEKLY;BYDAY=SA", first_start=datetime(2026, 10, 3, 7),
                         first_end=datetime(2026, 10, 4, 6, 30))
    assert "24 hours 30 minutes" in str(refused.value) and "30 minutes earlier" in str(refused.value)
