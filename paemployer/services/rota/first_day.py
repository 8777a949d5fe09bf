"""The first day a PA is on the rota: their first stored shift, or the first occurrence a shift pattern puts on the
rota (expanded as the rota expands it, engine.expand_pattern: from the PA's start date, up to the pattern's end
and the PA's, not the occurrences a stored row replaces). Used by the child-employment warning (services/compliance)
and the 48-hour average's first week on record (rota/working_time.records_from_by_pa)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session

from paemployer.rules.dates import LAST_DAY
from paemployer.services.rota.engine import PatternSpec, expand_pattern
from paemployer.store import queries

_FIRST_LOOK = timedelta(days=35)  # the first window looked at; each next one twice as long, up to the last day


def as_datetime(value: Any) -> datetime:
    """A start as read from a query: a datetime, or the stored text an aggregate gives back."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def first_occurrence(pattern: PatternSpec, replaced: Collection[datetime] = ()) -> datetime | None:
    """The start of the first occurrence `pattern` puts on the rota that no stored row replaces (`replaced`: the
    occurrence starts stored rows stand for); None when it puts none there."""
    start = pattern.first_start
    if pattern.pa_start_date is not None:
        start = max(start, datetime.combine(pattern.pa_start_date, time()))
    ends = [day for day in (pattern.until, pattern.pa_end_date, LAST_DAY) if day is not None]
    end = datetime.combine(min(ends) + timedelta(days=1), time())
    look = _FIRST_LOOK
    while start < end:
        window_end = min(start + look, end)
        starts = [shift.start for shift in expand_pattern(pattern, start, window_end)
                  if shift.start >= start and shift.start not in replaced]
        if starts:
            return min(starts)
        start, look = window_end, look * 2
    return None


def _pattern_days(rows: Iterable[tuple[Any, Any, Any, Any]]) -> dict[int, date]:
    first: dict[int, date] = {}
    for pattern, pa_start, pa_end, replaced_text in rows:
        replaced = {as_datetime(text) for text in (replaced_text or "").split(queries.REPLACED_SEPARATOR) if text}
        spec = PatternSpec(pattern.id, pattern.pa_id, "", pattern.rrule, pattern.first_start, pattern.first_end,
                           pattern.until, pa_end_date=pa_end, pa_start_date=pa_start)
        occurrence = first_occurrence(spec, replaced)
        if occurrence is not None:
            first[pattern.pa_id] = min(first.get(pattern.pa_id, occurrence.date()), occurrence.date())
    return first


def first_rota_days(session: Session, stored_starts: Iterable[tuple[int, Any]],
                    pa_ids: Collection[int] | None = None) -> dict[int, date]:
    """Each PA's first day on the rota: the earlier of their first stored shift (`stored_starts`: (PA id, start)
    pairs from the caller's query, which chooses the statuses) and their patterns' first occurrences (one query,
    for `pa_ids` or every PA). PAs on neither are left out."""
    first = _pattern_days(queries.patterns_for_first_rota_day(session=session, pa_ids=pa_ids))
    for pa_id, start in stored_starts:
        if start is not None:
            day = as_datetime(start).date()
            first[pa_id] = min(first.get(pa_id, day), day)
    return first
