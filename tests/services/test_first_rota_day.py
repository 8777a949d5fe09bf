"""The first day a PA is on the rota (services/rota/first_day.py), for the child-employment warning and the 48-hour
average's first week on record: a pattern's occurrences count from the PA's start date, as the rota shows them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from paemployer.services.rota import working_time as rota_working_time
from paemployer.services.rota.engine import PatternSpec
from paemployer.services.rota.first_day import first_occurrence
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, Shift, ShiftPattern, ShiftStatus


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "test.paemployer", create=True)
    yield employer_file
    employer_file.close()


def _pa_with_pattern(ef, *, start_date, first_start, until=None, end_date=None) -> int:
    with ef.session() as session:
        pa = PA(first_name="Sam", last_name="Jones", start_date=start_date, end_date=end_date)
        session.add(pa)
        session.flush()
        session.add(ShiftPattern(pa_id=pa.id, rrule="FREQ=WEEKLY", first_start=first_start,
                                 first_end=first_start.replace(hour=first_start.hour + 3), until=until))
        return pa.id


def test_records_begin_at_the_first_pattern_occurrence_on_or_after_the_start_date(ef):
    pa_id = _pa_with_pattern(ef, start_date=date(2026, 11, 2), first_start=datetime(2026, 10, 20, 9))
    with ef.session() as session:
        assert rota_working_time.records_from_by_pa(session, {pa_id}) == {pa_id: date(2026, 11, 3)}


def test_records_begin_at_a_cancelled_stored_shift_before_the_patterns_first_day(ef):
    pa_id = _pa_with_pattern(ef, start_date=date(2026, 11, 2), first_start=datetime(2026, 10, 20, 9))
    with ef.session() as session:
        session.add(Shift(pa_id=pa_id, start=datetime(2026, 11, 2, 9), end=datetime(2026, 11, 2, 12),
                          status=ShiftStatus.CANCELLED))
    with ef.session() as session:
        assert rota_working_time.records_from_by_pa(session, {pa_id}) == {pa_id: date(2026, 11, 2)}


def test_a_pattern_ending_before_the_start_date_puts_no_day_on_record(ef):
    pa_id = _pa_with_pattern(ef, start_date=date(2026, 11, 2), first_start=datetime(2026, 10, 20, 9),
                             until=date(2026, 11, 1))
    with ef.session() as session:
        assert rota_working_time.records_from_by_pa(session, {pa_id}) == {}


def test_first_occurrence_looks_past_a_long_gap_and_stops_at_the_patterns_end():
    spec = PatternSpec(1, 1, "Sam", "FREQ=YEARLY", datetime(2020, 3, 1, 9), datetime(2020, 3, 1, 12),
                       pa_start_date=date(2026, 3, 2))
    assert first_occurrence(spec) == datetime(2027, 3, 1, 9)
    ended = PatternSpec(1, 1, "Sam", "FREQ=YEARLY", datetime(2020, 3, 1, 9), datetime(2020, 3, 1, 12),
                        until=date(2027, 2, 28), pa_start_date=date(2026, 3, 2))
    assert first_occurrence(ended) is None
    replaced = first_occurrence(spec, {datetime(2027, 3, 1, 9)})
    assert replaced == datetime(2028, 3, 1, 9)
