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
    assert import_shifts(ef, rows) == 2
    shifts = rota.shifts_between(ef, datetime(2026, 11, 23), datetime(2026, 11, 25))
    assert [(s.pa_name, s.kind, s.status) for s in shifts] == [("Ann Lee", "day", "planned"),
                                                               ("Dŵr Ŷ Gwyn", "sleep_in", "worked")]


def test_one_bad_row_stops_the_whole_import_and_every_problem_is_named(ef):
    rows = [shift_row(), shift_row(pa="Nobody"), shift_row(kind="night"), shift_row(end="2026-11-23T06:00"),
            shift_row(status="done"), shift_row(start="23/11/2026 07:00"), shift_row(break_minutes="ten")]
    with pytest.raises(ValidationError) as raised:
        import_shifts(ef, rows)
    message = raised.value.message
    for line in range(3, 9):
        assert f"Line {line} " in message
    assert "Line 2 " not in message
    with ef.session() as session:
        assert session.exec(select(Shift)).all() == []


def test_a_support_schedule_import_replaces_the_current_one(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(0, time(9), time(17))])
    rows = [{"weekday": "mon", "start": "07:00", "end": "10:00", "people": "1"},
            {"weekday": "mon", "start": "08:00", "end": "08:30", "people": "2"},
            {"weekday": "sun", "start": "22:00", "end": "07:00", "people": "1"}]
    assert import_support(ef, rows) == 3
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
        import_support(ef, rows)
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
    assert import_csv(ef, support).imported == 2
    assert len(rota.shifts_between(ef, datetime(2026, 11, 23), datetime(2026, 11, 25))) == 2
    assert rota.support_schedule(ef)[1] == SupportNeedSpec(6, time(22), time(7))
