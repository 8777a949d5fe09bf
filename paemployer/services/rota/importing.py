"""shifts.csv and support.csv: every row is checked before any is written, and a problem names its row.

shifts.csv columns `pa,start,end,kind,break_minutes,status`: the PA's full name as recorded, ISO local
datetimes, kind day|waking_night|sleep_in|on_call, status planned|worked.
support.csv columns `weekday,start,end,people`: mon…sun, HH:MM (an end before the start runs past
midnight), how many PAs at once. Importing a schedule replaces the current one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Iterable, Mapping

from sqlmodel import Session, select

from paemployer.errors import PAEmployerError
from paemployer.i18n import N_, _
from paemployer.services import audit
from paemployer.services.importer import CsvRowsError, RowProblem, register_csv_kind
from paemployer.services.rota import replace_needs, validate_need
from paemployer.services.rota.engine import SupportNeedSpec, validate_shift
from paemployer.store.models import PA, Shift, ShiftKind, ShiftStatus

SHIFT_COLUMNS = ("pa", "start", "end", "kind", "break_minutes", "status")
SUPPORT_COLUMNS = ("weekday", "start", "end", "people")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SHIFTS_DESCRIPTION = N_("shifts")
SUPPORT_DESCRIPTION = N_("the support schedule")


@dataclass(frozen=True)
class ShiftRow:
    pa_id: int
    start: datetime
    end: datetime
    kind: str
    break_minutes: int
    status: str


def _raise_problems(problems: list[RowProblem], description: str) -> None:
    if problems:
        raise CsvRowsError(problems, description=description)


def _line(row: Mapping[str, str], index: int) -> int:
    """The row's line in the file (header = 1), as the importer's CsvRow carries it."""
    return getattr(row, "line", index + 2)


def _cell(row: Mapping[str, str], column: str) -> str:
    return (row.get(column) or "").strip()


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def parse_shift_rows(rows: Iterable[Mapping[str, str]], pa_ids: Mapping[str, int]) -> list[ShiftRow]:
    """Check every row of shifts.csv; `pa_ids` maps casefolded full names to ids. Raises listing every problem."""
    parsed, problems = [], []
    for index, row in enumerate(rows):
        line = _line(row, index)
        if None in row:
            problems.append(RowProblem(line, None, _("this row has more cells than the header.")))
            continue
        name = _cell(row, "pa")
        pa_id = pa_ids.get(_name_key(name))
        if pa_id is None:
            problems.append(RowProblem(line, "pa", _("no PA called '{name}' (use the full name as recorded).").format(
                name=name)))
            continue
        try:
            start = datetime.fromisoformat(_cell(row, "start"))
            end = datetime.fromisoformat(_cell(row, "end"))
        except ValueError:
            problems.append(RowProblem(line, "start",
                                       _("start and end must be dates and times like 2026-11-23T07:00.")))
            continue
        if start.tzinfo is not None or end.tzinfo is not None:
            problems.append(RowProblem(line, "start",
                                       _("give local times without a time zone, like 2026-11-23T07:00.")))
            continue
        kind = _cell(row, "kind") or "day"
        status = _cell(row, "status") or "planned"
        text_break = _cell(row, "break_minutes") or "0"
        if not text_break.isdigit():
            problems.append(RowProblem(line, "break_minutes",
                                       _("break_minutes must be a whole number of minutes.")))
            continue
        if status not in ("planned", "worked"):
            problems.append(RowProblem(line, "status", _("status must be planned or worked, not '{status}'.").format(
                status=status)))
            continue
        try:
            validate_shift(start, end, kind, int(text_break))
        except PAEmployerError as error:
            problems.append(RowProblem(line, getattr(error, "field", None), error.message))
            continue
        parsed.append(ShiftRow(pa_id, start, end, kind, int(text_break), status))
    _raise_problems(problems, _(SHIFTS_DESCRIPTION))
    return parsed


def stage_shift_import(session: Session, rows: Iterable[Mapping[str, str]], *, who: str = "") -> int:
    """Validate all rows, then add them as one-off shifts in the caller's transaction. Returns the count."""
    pa_ids = {}
    for pa_id, first, last in session.exec(select(PA.id, PA.first_name, PA.last_name)).all():
        pa_ids[_name_key(f"{first} {last}")] = pa_id
    parsed = parse_shift_rows(rows, pa_ids)
    for row in parsed:
        session.add(Shift(pa_id=row.pa_id, start=row.start, end=row.end, kind=ShiftKind(row.kind),
                          break_minutes=row.break_minutes, status=ShiftStatus(row.status)))
    audit.record(session, who=who, action="import", table_name="shift", row_id=None,
                 summary=_("Imported {n} shifts").format(n=len(parsed)))
    return len(parsed)


def _parse_time(text: str) -> time:
    hours, _sep, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2):
        raise ValueError(text)
    return time(int(hours), int(minutes))  # 24:00 or 07:75 raise ValueError


def parse_support_rows(rows: Iterable[Mapping[str, str]]) -> list[SupportNeedSpec]:
    parsed, problems = [], []
    for index, row in enumerate(rows):
        line = _line(row, index)
        if None in row:
            problems.append(RowProblem(line, None, _("this row has more cells than the header.")))
            continue
        weekday = _cell(row, "weekday").lower()[:3]
        if weekday not in WEEKDAYS:
            problems.append(RowProblem(line, "weekday",
                                       _("weekday must be one of mon, tue, wed, thu, fri, sat, sun.")))
            continue
        try:
            start, end = _parse_time(_cell(row, "start")), _parse_time(_cell(row, "end"))
        except ValueError:
            problems.append(RowProblem(line, "start", _("start and end must be times like 07:00 or 22:30.")))
            continue
        people = _cell(row, "people") or "1"
        if not people.isdigit():
            problems.append(RowProblem(line, "people", _("people must be a whole number, 1 or more.")))
            continue
        need = SupportNeedSpec(WEEKDAYS.index(weekday), start, end, int(people), _cell(row, "kind") or "day")
        try:
            validate_need(need)
        except PAEmployerError as error:
            problems.append(RowProblem(line, getattr(error, "field", None), error.message))
            continue
        parsed.append(need)
    _raise_problems(problems, _(SUPPORT_DESCRIPTION))
    return parsed


def stage_support_import(session: Session, rows: Iterable[Mapping[str, str]], *, who: str = "") -> int:
    """Validate all rows, then replace the whole support schedule in the caller's transaction."""
    needs = parse_support_rows(rows)
    replace_needs(session, needs)
    audit.record(session, who=who, action="import", table_name="supportneed", row_id=None,
                 summary=_("Imported the support schedule ({n} times of support)").format(n=len(needs)))
    return len(needs)


def import_shifts(ef, rows: Iterable[Mapping[str, str]]) -> int:
    with ef.session() as session:
        return stage_shift_import(session, list(rows), who=getattr(ef, "who", ""))


def import_support(ef, rows: Iterable[Mapping[str, str]]) -> int:
    with ef.session() as session:
        return stage_support_import(session, list(rows), who=getattr(ef, "who", ""))


register_csv_kind(SHIFT_COLUMNS, stage_shift_import, name="shifts", description=SHIFTS_DESCRIPTION)
register_csv_kind(SUPPORT_COLUMNS, stage_support_import, name="support", description=SUPPORT_DESCRIPTION)
