"""shifts.csv and support.csv: all rows checked before any is written; a schedule import replaces the old one."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlmodel import select

from paemployer.errors import ValidationError
from paemployer.services import rota
from paemployer.services.rota.engine import SupportNeedSpec
from paemployer.services.rota.importing import import_shifts, import_support
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, Shift


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "import.paemployer", create=True)
    with employer_file.session() as session:
        session.add(PA(first_name="Ann", last_name="Lee"))
        session.add(PA(first_name="Dŵr", last_name="Ŷ Gwyn"))
    yield employer_file
    employer_file.close()


def shift_row(pa="Ann Lee", start="2026-11-23T07:00", end="2026-11-23T10:00", kind="day", break_minutes="0",
              status="planned"):
    return {"pa": pa, "start": start, "end": end, "kind": kind, "break_minutes": break_minutes, "status": status}


def test_good_shift_rows_are_imported(ef):
    rows = [shift_row(), shift_row(pa="dŵr ŷ gwyn", start="2026-11-23T22:00", end="2026-11-24T07:00",
                                   kind="sleep_in", status="worked")]
    assert import_shifts(ef, rows).added == 2
    shifts = rota.shifts_between(ef, datetime(2026, 11, 23), datetime(2026, 11, 25))
    assert [(s.pa_name, s.kind, s.status) for s in shifts] == [("Ann Lee", "day", "planned"),
                                                               ("Dŵr Ŷ Gwyn", "sleep_in", "worked")]


def test_one_bad_row_stops_the_whole_import_and_every_problem_is_named(ef):
    rows = [shift_row(), shift_row(pa="Nobody"), shift_row(kind="night"), shift_row(end="2026-11-23T06:00"),
            shift_row(status="done"), shift_row(start="11/23/2026 07:00"), shift_row(break_minutes="ten")]
    with pytest.raises(ValidationError) as raised:
        import_shifts(ef, rows)
    message = raised.value.message
    for line in range(3, 9):
        assert f"Line {line} " in message
    assert "Line 2 " not in message
    with ef.session() as session:
        assert session.exec(select(Shift)).all() == []


def test_a_support_schedule_import_with_replace_replaces_the_current_one(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(0, time(9), time(17))])
    rows = [{"weekday": "mon", "start": "07:00", "end": "10:00", "people": "1"},
            {"weekday": "mon", "start": "08:00", "end": "08:30", "people": "2"},
            {"weekday": "sun", "start": "22:00", "end": "07:00", "people": "1"}]
    outcome = import_support(ef, rows, replace=True)
    assert (outcome.added, outcome.removed) == (3, 1)
    assert rota.support_schedule(ef) == [SupportNeedSpec(0, time(7), time(10)),
                                         SupportNeedSpec(0, time(8), time(8, 30), people=2),
                                         SupportNeedSpec(6, time(22), time(7))]


def test_bad_support_rows_leave_the_old_schedule(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(0, time(9), time(17))])
    rows = [{"weekday": "mon", "start": "07:00", "end": "10:00", "people": "1"},
            {"weekday": "funday", "start": "07:00", "end": "10:00", "people": "1"},
            {"weekday": "tue", "start": "7am", "end": "10:00", "people": "1"},
            {"weekday": "wed", "start": "07:00", "end": "10:00", "people": "0"},
            {"weekday": "thu", "start": "07:00", "end": "10:00", "people": "1", "kind": "nap"}]
    with pytest.raises(ValidationError) as raised:
        import_support(ef, rows, replace=True)
    assert all(f"Line {n} " in raised.value.message for n in (3, 4, 5, 6))
    assert "'nap' is not a kind of support" in raised.value.message  # refused, not quietly made a day
    assert rota.support_schedule(ef) == [SupportNeedSpec(0, time(9), time(17))]


def test_csv_files_are_told_apart_by_their_header(ef, tmp_path):
    from paemployer.services.importer import import_csv

    shifts = tmp_path / "shifts.csv"
    shifts.write_text("pa,start,end,kind,break_minutes,status\n"
                      "Ann Lee,2026-11-23T07:00,2026-11-23T10:00,day,0,worked\n"
                      "Dŵr Ŷ Gwyn,2026-11-23T22:00,2026-11-24T07:00,sleep_in,,planned\n", encoding="utf-8")
    support = tmp_path / "support.csv"
    support.write_text("weekday,start,end,people\nmon,07:00,10:00,1\nsun,22:00,07:00,1\n", encoding="utf-8")
    assert import_csv(ef, shifts).imported == 2
    assert import_csv(ef, support).added == 2
    assert len(rota.shifts_between(ef, datetime(2026, 11, 23), datetime(2026, 11, 25))) == 2
    assert rota.support_schedule(ef)[1] == SupportNeedSpec(6, time(22), time(7))


# --- issue 8: idempotent imports, --replace, dates as people write them ---------------------------------

def test_importing_the_same_shifts_twice_adds_them_once(ef, tmp_path):
    from paemployer.services.importer import import_csv

    shifts = tmp_path / "shifts.csv"
    shifts.write_text("pa,start,end,kind,break_minutes,status\n"
                      "Ann Lee,2026-11-23T07:00,2026-11-23T10:00,day,0,planned\n"
                      "Ann Lee,2026-11-24T07:00,2026-11-24T10:00,day,0,planned\n", encoding="utf-8")
    first = import_csv(ef, shifts)
    again = import_csv(ef, shifts)
    assert (first.added, first.already_there) == (2, 0)
    assert (again.added, again.already_there, again.replaced) == (0, 2, 0)
    assert len(rota.shifts_between(ef, datetime(2026, 11, 23), datetime(2026, 11, 25))) == 2


def test_a_shift_already_there_with_other_details_is_kept_unless_replace(ef):
    import_shifts(ef, [shift_row()])
    worked = shift_row(end="2026-11-23T11:00", status="worked")
    kept = import_shifts(ef, [worked])
    assert (kept.added, kept.already_there, kept.replaced) == (0, 1, 0)
    assert any("--replace" in note for note in kept.notes)
    shifts = rota.shifts_between(ef, datetime(2026, 11, 23), datetime(2026, 11, 24))
    assert [(s.end, s.status) for s in shifts] == [(datetime(2026, 11, 23, 10), "planned")]
    replaced = import_shifts(ef, [worked], replace=True)
    assert (replaced.added, replaced.already_there, replaced.replaced) == (0, 0, 1)
    shifts = rota.shifts_between(ef, datetime(2026, 11, 23), datetime(2026, 11, 24))
    assert [(s.end, s.status) for s in shifts] == [(datetime(2026, 11, 23, 11), "worked")]


def test_a_shift_on_a_pattern_occurrence_is_already_there(ef):
    with ef.session() as session:
        from paemployer.store.models import PA as PARow
        ann = session.exec(select(PARow).where(PARow.first_name == "Ann")).one().id
    rota.add_pattern(ef, pa_id=ann, rrule="FREQ=WEEKLY;BYDAY=MO", first_start=datetime(2026, 11, 23, 7),
                     first_end=datetime(2026, 11, 23, 10))
    outcome = import_shifts(ef, [shift_row(start="2026-11-30T07:00", end="2026-11-30T10:00")])
    assert (outcome.added, outcome.already_there) == (0, 1)
    assert len(rota.shifts_between(ef, datetime(2026, 11, 30), datetime(2026, 12, 1))) == 1


def test_the_same_shift_twice_in_one_file_is_refused(ef):
    with pytest.raises(ValidationError, match="also on line 2"):
        import_shifts(ef, [shift_row(), shift_row(end="2026-11-23T09:00")])
    with ef.session() as session:
        assert session.exec(select(Shift)).all() == []


def test_shift_times_as_written_in_the_uk_and_by_excel_are_read(ef):
    rows = [shift_row(start="23/11/2026 07:00", end="23/11/2026 10:00"),
            shift_row(start="2026-11-24 07:00:00", end="2026-11-24 10:30:00"),
            shift_row(start="25/11/2026 7:00", end="2026-11-25T10:00")]
    assert import_shifts(ef, rows).added == 3
    shifts = rota.shifts_between(ef, datetime(2026, 11, 23), datetime(2026, 11, 26))
    assert [(s.start, s.end) for s in shifts] == [
        (datetime(2026, 11, 23, 7), datetime(2026, 11, 23, 10)), (datetime(2026, 11, 24, 7),
                                                                 datetime(2026, 11, 24, 10, 30)),
        (datetime(2026, 11, 25, 7), datetime(2026, 11, 25, 10))]


@pytest.mark.parametrize("start", ["2026-11-23", "23/11/26 07:00", "11/23/2026 07:00", "2026-11-23T07:00+01:00",
                                   "20261123T0700", "2026-11-23T07:00:30", "9999-11-23T07:00", "２０２６-11-23T07:00"])
def test_a_shift_start_that_is_not_plainly_one_time_is_refused(ef, start):
    with pytest.raises(ValidationError) as raised:
        import_shifts(ef, [shift_row(start=start)])
    assert "Line 2 (start)" in raised.value.message
    with ef.session() as session:
        assert session.exec(select(Shift)).all() == []


@pytest.mark.parametrize("text", ["²", "١٠", "9" * 5000, "1e3", "-5"])
def test_a_break_or_people_count_in_odd_digits_gets_a_sentence(ef, text):
    with pytest.raises(ValidationError, match="Line 2 \\(break_minutes\\)"):
        import_shifts(ef, [shift_row(break_minutes=text)])
    with pytest.raises(ValidationError, match="Line 2 \\(people\\)"):
        import_support(ef, [{"weekday": "mon", "start": "07:00", "end": "10:00", "people": text}])


def test_a_support_import_adds_to_the_schedule_unless_replace(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(0, time(9), time(17))])
    rows = [{"weekday": "mon", "start": "09:00", "end": "17:00", "people": "1"},
            {"weekday": "tue", "start": "09:00", "end": "17:00", "people": "1"}]
    outcome = import_support(ef, rows)
    assert (outcome.added, outcome.already_there, outcome.removed) == (1, 1, 0)
    assert any("--replace" in note for note in outcome.notes)
    assert rota.support_schedule(ef) == [SupportNeedSpec(0, time(9), time(17)), SupportNeedSpec(1, time(9), time(17))]


def test_a_support_import_with_replace_reports_what_was_removed(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(0, time(9), time(17)), SupportNeedSpec(5, time(8), time(12))])
    rows = [{"weekday": "mon", "start": "09:00", "end": "17:00", "people": "1"},
            {"weekday": "tue", "start": "09:00", "end": "17:00", "people": "2"}]
    outcome = import_support(ef, rows, replace=True)
    assert (outcome.added, outcome.already_there, outcome.removed) == (1, 1, 1)
    assert any("sat 08:00-12:00" in note for note in outcome.notes)
    assert rota.support_schedule(ef) == [SupportNeedSpec(0, time(9), time(17)),
                                         SupportNeedSpec(1, time(9), time(17), people=2)]


def test_replacing_the_schedule_with_an_empty_file_is_refused(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(0, time(9), time(17))])
    with pytest.raises(ValidationError, match="no times of support"):
        import_support(ef, [], replace=True)
    assert rota.support_schedule(ef) == [SupportNeedSpec(0, time(9), time(17))]


# --- two PAs with one name (audit of issue 8, item 7) -----------------------------------------------------

def _twins(ef):
    from datetime import date
    with ef.session() as session:
        session.add(PA(first_name="Bob", last_name="Stone", date_of_birth=date(1990, 12, 31)))
        session.add(PA(first_name="Bob", last_name="Stone", date_of_birth=date(1990, 12, 13)))
    with ef.session() as session:
        return {pa.date_of_birth.day: pa.id for pa in session.exec(select(PA).where(PA.first_name == "Bob"))}


def test_a_shift_for_a_name_two_pas_share_is_refused_with_their_dates_of_birth(ef):
    _twins(ef)
    with pytest.raises(ValidationError) as raised:
        import_shifts(ef, [shift_row(), shift_row(pa="bob stone")])
    message = raised.value.message
    assert "Line 3 (pa)" in message and "Line 2" not in message
    assert "13/12/1990" in message and "31/12/1990" in message and "pa_date_of_birth" in message
    with ef.session() as session:
        assert session.exec(select(Shift)).all() == []


def test_a_pa_date_of_birth_column_tells_two_pas_with_one_name_apart(ef, tmp_path):
    from paemployer.services.importer import import_csv

    ids = _twins(ef)
    shifts = tmp_path / "shifts.csv"
    shifts.write_text("pa,start,end,kind,break_minutes,status,pa_date_of_birth\n"
                      "Bob Stone,2026-11-23T07:00,2026-11-23T10:00,day,0,planned,13/12/1990\n"
                      "Bob Stone,2026-11-24T07:00,2026-11-24T10:00,day,0,planned,1990-12-31\n"
                      "Ann Lee,2026-11-24T07:00,2026-11-24T10:00,day,0,planned,\n", encoding="utf-8")
    assert import_csv(ef, shifts).added == 3
    with ef.session() as session:
        stored = {shift.start.day: shift.pa_id for shift in session.exec(select(Shift)) if shift.pa_id != 1}
    assert stored == {23: ids[13], 24: ids[31]}
    shifts.write_text("pa,start,end,kind,break_minutes,status,pa_date_of_birth\n"
                      "Bob Stone,2026-11-25T07:00,2026-11-25T10:00,day,0,planned,1990-01-01\n"
                      "Bob Stone,2026-11-26T07:00,2026-11-26T10:00,day,0,planned,31/13/1990\n", encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        import_csv(ef, shifts)
    assert "Line 2 (pa_date_of_birth)" in raised.value.message and "Line 3 (pa_date_of_birth)" in raised.value.message


# --- a corrected shift is not added beside the one it corrects (audit of issue 8, item 7) -----------------

def _stored(ef):
    return [(s.start, s.end, s.status) for s in rota.shifts_between(ef, datetime(2026, 11, 22), datetime(2026, 11, 26))]


def test_a_shift_overlapping_one_already_on_the_rota_is_not_added_and_is_reported(ef):
    import_shifts(ef, [shift_row(start="2026-11-23T07:00", end="2026-11-23T15:00")])
    outcome = import_shifts(ef, [shift_row(start="2026-11-23T07:30", end="2026-11-23T15:00"),
                                 shift_row(start="2026-11-23T15:00", end="2026-11-23T17:00")])
    assert (outcome.added, outcome.replaced, outcome.overlapping) == (1, 0, 1)
    note = next(note for note in outcome.notes if "overlaps" in note)
    assert "07:00–15:00" in note and "(line 2)" in note and "--replace" in note
    assert _stored(ef) == [(datetime(2026, 11, 23, 7), datetime(2026, 11, 23, 15), "planned"),
                           (datetime(2026, 11, 23, 15), datetime(2026, 11, 23, 17), "planned")]


def test_replace_moves_the_overlapped_shift_to_the_spreadsheets_times(ef):
    import_shifts(ef, [shift_row(start="2026-11-23T07:00", end="2026-11-23T15:00")])
    outcome = import_shifts(ef, [shift_row(start="2026-11-23T07:30", end="2026-11-23T15:00")], replace=True)
    assert (outcome.added, outcome.replaced, outcome.overlapping) == (0, 1, 0)
    assert _stored(ef) == [(datetime(2026, 11, 23, 7, 30), datetime(2026, 11, 23, 15), "planned")]


def test_a_shift_overlapping_a_pattern_occurrence_is_not_added_and_replace_moves_the_occurrence(ef):
    with ef.session() as session:
        ann = session.exec(select(PA).where(PA.first_name == "Ann")).one().id
    rota.add_pattern(ef, pa_id=ann, rrule="FREQ=WEEKLY;BYDAY=MO", first_start=datetime(2026, 11, 16, 7),
                     first_end=datetime(2026, 11, 16, 15))
    row = shift_row(start="23/11/2026 06:30", end="23/11/2026 14:00")
    assert import_shifts(ef, [row]).overlapping == 1
    assert _stored(ef) == [(datetime(2026, 11, 23, 7), datetime(2026, 11, 23, 15), "planned")]
    assert import_shifts(ef, [row], replace=True).replaced == 1
    assert _stored(ef) == [(datetime(2026, 11, 23, 6, 30), datetime(2026, 11, 23, 14), "planned")]


def test_a_shift_overlapping_a_cancelled_one_is_added(ef):
    import_shifts(ef, [shift_row(start="2026-11-23T07:00", end="2026-11-23T15:00")])
    rota.cancel_shift(ef, rota.shifts_between(ef, datetime(2026, 11, 23), datetime(2026, 11, 24))[0].key)
    assert import_shifts(ef, [shift_row(start="2026-11-23T07:30", end="2026-11-23T15:00")]).added == 1


def test_two_overlapping_shifts_in_one_file_are_refused_with_both_lines(ef):
    rows = [shift_row(start="2026-11-23T07:00", end="2026-11-23T15:00"),
            shift_row(pa="Dŵr Ŷ Gwyn", start="2026-11-23T07:30", end="2026-11-23T15:00"),
            shift_row(start="2026-11-23T14:00", end="2026-11-23T18:00"),
            shift_row(start="2026-11-23T18:00", end="2026-11-23T20:00")]
    with pytest.raises(ValidationError) as raised:
        import_shifts(ef, rows)
    problems = raised.value.problems
    assert [(p.line, p.column) for p in problems] == [(4, "start")]
    assert "line 2" in problems[0].reason and "07:00–15:00" in problems[0].reason
    with ef.session() as session:
        assert session.exec(select(Shift)).all() == []


# --- one time of support, one number of people (audit of issue 8, item 8) ---------------------------------

def _support(weekday, start, end, people):
    return {"weekday": weekday, "start": start, "end": end, "people": people}


def test_a_support_time_already_there_with_another_number_of_people_is_kept_unless_replace(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(0, time(7), time(10), people=1),
                                       SupportNeedSpec(2, time(18), time(22))])
    kept = import_support(ef, [_support("mon", "07:00", "10:00", "2")])
    assert (kept.added, kept.already_there, kept.replaced, kept.removed) == (0, 1, 0, 0)
    note = next(note for note in kept.notes if "mon 07:00-10:00" in note)
    assert "differs" in note and "kept" in note and "--replace" in note and "line 2" in note
    assert rota.support_schedule(ef) == [SupportNeedSpec(0, time(7), time(10), people=1),
                                         SupportNeedSpec(2, time(18), time(22))]
    replaced = import_support(ef, [_support("mon", "07:00", "10:00", "2"), _support("wed", "18:00", "22:00", "1")],
                              replace=True)
    assert (replaced.added, replaced.already_there, replaced.replaced, replaced.removed) == (0, 1, 1, 0)
    assert any("mon 07:00-10:00" in note and "2 people" in note for note in replaced.notes)
    assert rota.support_schedule(ef) == [SupportNeedSpec(0, time(7), time(10), people=2),
                                         SupportNeedSpec(2, time(18), time(22))]


def test_one_time_of_support_twice_in_a_file_with_two_numbers_of_people_is_refused(ef):
    with pytest.raises(ValidationError) as raised:
        import_support(ef, [_support("mon", "07:00", "10:00", "1"), _support("Monday", "07:00", "10:00", "2")])
    assert [(p.line, p.column) for p in raised.value.problems] == [(3, None)]
    assert "line 2" in raised.value.problems[0].reason
    assert rota.support_schedule(ef) == []
