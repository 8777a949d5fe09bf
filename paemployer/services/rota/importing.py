"""shifts.csv and support.csv: every row is checked before any is written, and a problem names its row.

shifts.csv columns `pa,start,end,kind,break_minutes,status`, and optionally `pa_date_of_birth` (a name two
PAs share is refused without it): the PA's full name as recorded, local date and time (2026-11-23T07:00, 2026-11-23 07:00, or as written in the UK, 23/11/2026 07:00, with Excel's :00
seconds if it adds them), kind day|waking_night|sleep_in|on_call, status planned|worked. A shift for the
same PA at the same start (stored, or an occurrence of a repeating shift) is already there, and one overlapping
a shift of that PA (not cancelled) is a correction of it: neither is added; with `replace` that shift takes the
file's times, kind, break and status. Two rows of one file for a PA at overlapping times are refused.
support.csv columns `weekday,start,end,people`: mon…sun, HH:MM (an end before the start runs past
midnight), how many PAs at once. The times are added to the schedule (those already in it are reported);
with `replace` the whole schedule becomes the file's, and what was removed is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from paemployer.errors import PAEmployerError, ValidationError
from paemployer.i18n import N_, _, format_date, ngettext
from paemployer.services import audit
from paemployer.services.importer import (
    MAX_LISTED,
    CsvRowsError,
    ImportOutcome,
    RowProblem,
    register_csv_kind,
)
from paemployer.services.records.validation import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    parse_date_text,
)
from paemployer.services.rota import materialise, shifts_in, validate_need
from paemployer.services.rota.engine import (
    RotaShift,
    SupportNeedSpec,
    clock_range,
    describe_span,
    validate_shift,
)
from paemployer.store import queries
from paemployer.store.models import Shift, ShiftKind, ShiftStatus, SupportNeed

SHIFT_COLUMNS = ("pa", "start", "end", "kind", "break_minutes", "status")
SHIFT_OPTIONAL_COLUMNS = ("pa_date_of_birth",)  # tells apart two PAs with one name
SUPPORT_COLUMNS = ("weekday", "start", "end", "people")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SHIFTS_DESCRIPTION = N_("shifts")
SUPPORT_DESCRIPTION = N_("the support schedule")
MAX_BREAK_DIGITS = 4   # a break is shorter than the shift: at most 24 hours, 1,440 minutes
MAX_PEOPLE = 99
# A date (ISO or UK day/month/year, see parse_date_text), then a 24-hour time, with Excel's :00 seconds.
_DATE_AND_TIME = re.compile(r"([0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4})[T ]([0-9]{1,2}):([0-9]{2})(?::00(?:\.0+)?)?")
_TIME_ZONE = re.compile(r"(?:Z|[+-][0-9]{2}:?[0-9]{2})$")
_REPLACEABLE = ("planned", "worked")


@dataclass(frozen=True)
class ShiftRow:
    pa_id: int
    start: datetime
    end: datetime
    kind: str
    break_minutes: int
    status: str
    line: int = 0
    pa_name: str = ""


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


def parse_local_datetime(text: str) -> datetime | None:
    """A local date and time as a spreadsheet writes it, to the minute; None if it is not plainly one."""
    match = _DATE_AND_TIME.fullmatch(text.strip())
    if not match:
        return None
    day = parse_date_text(match.group(1))
    hours, minutes = int(match.group(2)), int(match.group(3))
    if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR or hours > 23 or minutes > 59:
        return None
    return datetime(day.year, day.month, day.day, hours, minutes)


def _whole_number(text: str, most_digits: int) -> int | None:
    """ASCII digits only: '²'.isdigit() is true and int('١٠') is 10, and neither is what a person typed."""
    return int(text) if re.fullmatch(rf"[0-9]{{1,{most_digits}}}", text) else None


def _when(start: datetime) -> str:
    return _("{date} at {time}").format(date=format_date(start.date()), time=start.strftime("%H:%M"))


def _born(day: date | None) -> str:
    """A date of birth as it could be typed in the pa_date_of_birth column."""
    return day.strftime("%d/%m/%Y") if day is not None else _("no date of birth recorded")


def _pa_for_row(row: Mapping[str, str], line: int, pas: Mapping[str, Sequence[tuple[int, date | None]]]
                ) -> tuple[int | None, RowProblem | None]:
    """The id of the PA a row names, told apart by `pa_date_of_birth` when two PAs share the name."""
    name = _cell(row, "pa")
    shown = name[:80]
    candidates = pas.get(_name_key(name), ())
    if not candidates:
        return None, RowProblem(line, "pa", _("no PA called '{name}' (use the full name as recorded).").format(
            name=shown))
    born_text = _cell(row, "pa_date_of_birth")
    if born_text:
        born = parse_date_text(born_text)
        if born is None or not EARLIEST_YEAR <= born.year <= LATEST_YEAR:
            return None, RowProblem(line, "pa_date_of_birth", _(
                "give the PA's date of birth as day/month/year, like 13/12/1990, or leave it empty."))
        candidates = [candidate for candidate in candidates if candidate[1] == born]
        if not candidates:
            return None, RowProblem(line, "pa_date_of_birth", _(
                "no PA called '{name}' was born on {born}: the file has {name} born on {dates}.").format(
                    name=shown, born=_born(born), dates=", ".join(_born(day) for _id, day in pas[_name_key(name)])))
    if len(candidates) > 1:
        dates = "; ".join(_("born {date}").format(date=_born(day)) for _id, day in candidates)
        example = next((day for _id, day in candidates if day is not None), None)
        if born_text or example is None:
            return None, RowProblem(line, "pa", _(
                "more than one PA is called '{name}' ({dates}). Record their dates of birth in the app, so the "
                "pa_date_of_birth column can tell them apart.").format(name=shown, dates=dates))
        return None, RowProblem(line, "pa", _(
            "more than one PA is called '{name}' ({dates}). Add a pa_date_of_birth column to the spreadsheet and "
            "write the date of birth of the PA this shift is for, like {example}.").format(
                name=shown, dates=dates, example=_born(example)))
    return candidates[0][0], None


def parse_shift_rows(rows: Iterable[Mapping[str, str]],
                     pas: Mapping[str, Sequence[tuple[int, date | None]]]) -> list[ShiftRow]:
    """Check every row of shifts.csv; `pas` maps casefolded full names to (id, date of birth) of each PA with
    that name. Raises listing every problem."""
    parsed, problems = [], []
    seen: dict[tuple[int, datetime], int] = {}
    for index, row in enumerate(rows):
        line = _line(row, index)
        if None in row:
            problems.append(RowProblem(line, None, _("this row has more cells than the header.")))
            continue
        name = _cell(row, "pa")
        pa_id, problem = _pa_for_row(row, line, pas)
        if problem is not None:
            problems.append(problem)
            continue
        times = {}
        for column in ("start", "end"):
            text = _cell(row, column)
            times[column] = parse_local_datetime(text)
            if times[column] is None:
                problems.append(RowProblem(line, column, (
                    _("give local times without a time zone, like 23/11/2026 07:00.") if _TIME_ZONE.search(text)
                    else _("give the date and time, like 23/11/2026 07:00 or 2026-11-23T07:00."))))
        if None in times.values():
            continue
        start, end = times["start"], times["end"]
        kind = _cell(row, "kind") or "day"
        status = _cell(row, "status") or "planned"
        break_minutes = _whole_number(_cell(row, "break_minutes") or "0", MAX_BREAK_DIGITS)
        if break_minutes is None:
            problems.append(RowProblem(line, "break_minutes",
                                       _("break_minutes must be a whole number of minutes.")))
            continue
        if status not in ("planned", "worked"):
            problems.append(RowProblem(line, "status", _("status must be planned or worked, not '{status}'.").format(
                status=status[:40])))
            continue
        try:
            validate_shift(start, end, kind[:40], break_minutes)
        except PAEmployerError as error:
            problems.append(RowProblem(line, getattr(error, "field", None), error.message))
            continue
        if (pa_id, start) in seen:
            problems.append(RowProblem(line, "start", _("{name} has a shift starting at this time also on line "
                                                        "{line}; keep one of them.").format(
                name=name, line=seen[pa_id, start])))
            continue
        seen[pa_id, start] = line
        parsed.append(ShiftRow(pa_id, start, end, kind, break_minutes, status, line, " ".join(name.split())))
    problems += _overlaps_in_file(parsed)
    _raise_problems(sorted(problems, key=lambda problem: problem.line), _(SHIFTS_DESCRIPTION))
    return parsed


def _span(start: datetime, end: datetime, on: datetime) -> str:
    """'07:00–15:00' for a shift on the day `on`, else with its days."""
    return clock_range(start, end) if start.date() == on.date() else describe_span(start, end)


def _overlaps_in_file(rows: Sequence[ShiftRow]) -> list[RowProblem]:
    """Two rows of the file for one PA at overlapping times: the later line is refused, naming the earlier."""
    problems = []
    by_pa: dict[int, list[ShiftRow]] = {}
    for row in rows:
        by_pa.setdefault(row.pa_id, []).append(row)
    for pa_rows in by_pa.values():
        pa_rows.sort(key=lambda row: (row.start, row.end))
        latest: ShiftRow | None = None  # of the rows so far, the one ending last
        for row in pa_rows:
            if latest is not None and row.start < latest.end:
                first, second = sorted((latest, row), key=lambda shift_row: shift_row.line)
                problems.append(RowProblem(second.line, "start", _(
                    "{name}'s shift {times} overlaps the shift {other} on line {line}; a PA works one shift at a "
                    "time. Correct the times, or keep one of them.").format(
                        name=row.pa_name, times=_span(second.start, second.end, second.start),
                        other=_span(first.start, first.end, second.start), line=first.line)))
            if latest is None or row.end > latest.end:
                latest = row
    return problems


def _day_ranges(rows: Sequence[ShiftRow]) -> list[tuple[datetime, datetime]]:
    """The runs of consecutive days the rows' shifts touch, to read the rota there in few queries."""
    days = sorted({row.start.date() + timedelta(days=offset) for row in rows
                   for offset in range((row.end.date() - row.start.date()).days + 1)})
    ranges: list[tuple[datetime, datetime]] = []
    for day in days:
        begin = datetime(day.year, day.month, day.day)
        if ranges and ranges[-1][1] == begin:
            ranges[-1] = (ranges[-1][0], begin + timedelta(days=1))
        else:
            ranges.append((begin, begin + timedelta(days=1)))
    return ranges


def _on_rota(session: Session, rows: Sequence[ShiftRow]) -> dict[int, list[RotaShift]]:
    """Each PA's shifts on the rota (stored, or occurrences of repeating shifts) on the days the rows touch."""
    found: dict[str, RotaShift] = {}
    for begin, end in _day_ranges(rows):
        for shift in shifts_in(session, begin, end):
            if shift.pa_id is not None:
                found.setdefault(shift.key, shift)
    by_pa: dict[int, list[RotaShift]] = {}
    for shift in sorted(found.values(), key=lambda shift: shift.start):
        by_pa.setdefault(shift.pa_id, []).append(shift)
    return by_pa


def _overlapped(row: ShiftRow, shifts: Sequence[RotaShift]) -> list[RotaShift]:
    """The PA's shifts on the rota a row matches: the one at its start (whatever its status), and any other
    it overlaps that was not cancelled."""
    return [shift for shift in shifts if shift.start == row.start or (
        shift.start < row.end and row.start < shift.end and shift.status != "cancelled")]


def _same(row: ShiftRow, shift: RotaShift) -> bool:
    return (row.start, row.end, row.kind, row.break_minutes, row.status) == (
        shift.start, shift.end, shift.kind, shift.break_minutes, shift.status)


def _listed(items: Sequence[str]) -> str:
    text = ", ".join(items[:MAX_LISTED])
    more = len(items) - MAX_LISTED
    if more > 0:
        text += " " + ngettext("and {n} more", "and {n} more", more).format(n=more)
    return text


def stage_shift_import(session: Session, rows: Iterable[Mapping[str, str]], *, who: str = "",
                       replace: bool = False) -> ImportOutcome:
    """Validate all rows, then add the shifts not already on the rota as one-off shifts, in the caller's
    transaction. A row at the start of a shift already there, or overlapping one, is not added: with
    `replace`, that shift takes the file's times and details (unless cancelled or covered, or the row and the
    shift overlap more than one of the other)."""
    pas: dict[str, list[tuple[int, date | None]]] = {}
    for pa in queries.all_pas(session=session):
        pas.setdefault(_name_key(f"{pa.first_name} {pa.last_name}"), []).append((pa.id, pa.date_of_birth))
    parsed = parse_shift_rows(rows, pas)
    on_rota = _on_rota(session, parsed)
    matched = {row: _overlapped(row, on_rota.get(row.pa_id, ())) for row in parsed}
    rows_per_shift: dict[str, int] = {}
    for shifts in matched.values():
        for shift in shifts:
            rows_per_shift[shift.key] = rows_per_shift.get(shift.key, 0) + 1
    added, same, kept, cannot, replaced, overlapping, tangled = [], [], [], [], [], [], []
    for row in parsed:
        shifts = matched[row]
        described = _("{name} {when} (line {line})").format(name=row.pa_name, when=_when(row.start), line=row.line)
        if not shifts:
            added.append(row)
            continue
        shift = shifts[0]
        at_start = len(shifts) == 1 and shift.start == row.start
        if len(shifts) == 1 and _same(row, shift):
            same.append(described)
        elif not at_start and not replace:
            overlapping.append(_("{shift} overlaps the shift {times} already on the rota").format(
                shift=described, times=", ".join(_span(other.start, other.end, row.start) for other in shifts)))
        elif not replace:
            kept.append(described)
        elif len(shifts) > 1 or rows_per_shift[shift.key] > 1:
            tangled.append(described)
        elif shift.status not in _REPLACEABLE:
            cannot.append(described)
        else:
            stored = materialise(session, shift.key)
            stored.start, stored.end, stored.kind = row.start, row.end, ShiftKind(row.kind)
            stored.break_minutes, stored.status = row.break_minutes, ShiftStatus(row.status)
            session.add(stored)
            replaced.append(described if at_start else _("{shift}, which was {times}").format(
                shift=described, times=_span(shift.start, shift.end, row.start)))
    for row in added:
        session.add(_new_shift(row))
    session.flush()
    if added:
        audit.record(session, who=who, action="import", table_name="shift", row_id=None,
                     summary=_("Imported {n} shifts").format(n=len(added)))
    if replaced:
        audit.record(session, who=who, action="import", table_name="shift", row_id=None,
                     summary=_("Replaced {n} shifts with a spreadsheet's details").format(n=len(replaced)))
    notes = []
    if same:
        notes.append(_("Already on the rota, so not added again: {shifts}.").format(shifts=_listed(same)))
    if kept:
        notes.append(_("Already on the rota with another end, kind, break or status, so kept as they are: {shifts}. "
                       "To take the spreadsheet's details, import the file again with --replace.").format(
            shifts=_listed(kept)))
    if overlapping:
        notes.append(_("Not added, so that no one is paid twice for the same hours: {shifts}. If the spreadsheet "
                       "corrects those shifts, import the file again with --replace to take its times.").format(
            shifts=_listed(overlapping)))
    if cannot:
        notes.append(_("Cancelled, covered or marked absent in the app, so kept as they are: {shifts}.").format(
            shifts=_listed(cannot)))
    if tangled:
        notes.append(_("Not replaced, because the row and the shifts on the rota do not match one to one (a row "
                       "overlaps two shifts, or two rows overlap one shift): {shifts}. Change these shifts in the "
                       "app.").format(shifts=_listed(tangled)))
    if replaced:
        notes.append(_("Replaced with the spreadsheet's times, kind, break and status: {shifts}.").format(
            shifts=_listed(replaced)))
    return ImportOutcome(added=len(added), already_there=len(same) + len(kept) + len(cannot) + len(tangled),
                         overlapping=len(overlapping), replaced=len(replaced), notes=tuple(notes))


def _new_shift(row: ShiftRow) -> Shift:
    return Shift(pa_id=row.pa_id, start=row.start, end=row.end, kind=ShiftKind(row.kind),
                 break_minutes=row.break_minutes, status=ShiftStatus(row.status))


def _parse_time(text: str) -> time:
    match = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", text)
    if not match:
        raise ValueError(text)
    return time(int(match.group(1)), int(match.group(2)))  # 24:00 or 07:75 raise ValueError


def parse_support_rows(rows: Iterable[Mapping[str, str]]) -> list[SupportNeedSpec]:
    return [need for need, _line_number in _parse_support_rows(rows)]


def _parse_support_rows(rows: Iterable[Mapping[str, str]]) -> list[tuple[SupportNeedSpec, int]]:
    """Each time of support in support.csv with its line; one day and times twice is refused."""
    parsed, problems = [], []
    seen: dict[tuple, tuple[int, int]] = {}  # day and times -> (line, people)
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
        people = _whole_number(_cell(row, "people") or "1", 2)
        if people is None:
            problems.append(RowProblem(line, "people", _("people must be a whole number from 1 to {most}.").format(
                most=MAX_PEOPLE)))
            continue
        need = SupportNeedSpec(WEEKDAYS.index(weekday), start, end, people, _cell(row, "kind")[:40] or "day")
        try:
            validate_need(need)
        except PAEmployerError as error:
            problems.append(RowProblem(line, getattr(error, "field", None), error.message))
            continue
        if _need_time(need) in seen:
            other_line, other_people = seen[_need_time(need)]
            problems.append(RowProblem(line, None, (
                _("this is the same as line {line}; keep one of them.") if other_people == people else
                _("line {line} has the same day and times with {n} people; keep one of them, with the number of "
                  "people needed at once.")).format(line=other_line, n=other_people)))
            continue
        seen[_need_time(need)] = (line, people)
        parsed.append((need, line))
    _raise_problems(problems, _(SUPPORT_DESCRIPTION))
    return parsed


def _need_time(need: SupportNeedSpec | SupportNeed) -> tuple:
    """What makes a time of support the same one: its day and times (the number of people is a detail of it)."""
    return need.weekday, need.start, need.end


def _people(n: int) -> str:
    return ngettext("{n} person", "{n} people", n).format(n=n)


def _need_time_text(need: SupportNeed | SupportNeedSpec) -> str:
    return f"{WEEKDAYS[need.weekday]} {need.start:%H:%M}-{need.end:%H:%M}"


def _need_text(need: SupportNeed | SupportNeedSpec) -> str:
    text = _need_time_text(need)
    kind = need.kind.value if isinstance(need.kind, ShiftKind) else need.kind
    details = [ngettext("{n} person", "{n} people", need.people).format(n=need.people)] if need.people != 1 else []
    if kind != "day":
        details.append(kind)
    return text + (f" ({', '.join(details)})" if details else "")


def stage_support_import(session: Session, rows: Iterable[Mapping[str, str]], *, who: str = "",
                         replace: bool = False) -> ImportOutcome:
    """Validate all rows, then add the times of support not already in the schedule, in the caller's
    transaction. A time already there (the same day and times) with another number of people is kept and
    reported; with `replace` it takes the file's number, and the times the file does not have are removed, so
    the schedule is the file's."""
    needs = _parse_support_rows(rows)
    if replace and not needs:
        raise ValidationError(
            _("Nothing was changed: the spreadsheet has no times of support, so replacing the schedule with it "
              "would leave none. Check that it is the right file."), field="rows", message_id="csv_replace_empty")
    current = queries.support_needs(session=session)
    by_time: dict[tuple, list[SupportNeed]] = {}
    for row in current:
        by_time.setdefault(_need_time(row), []).append(row)
    new, same, differs, replaced, matched = [], [], [], [], set()
    for need, line in needs:
        there = by_time.get(_need_time(need), [])
        exact = next((row for row in there if row.people == need.people), None)
        if exact is not None:
            same.append(need)
            matched.add(id(exact))
        elif not there:
            new.append(need)
        elif not replace:
            differs.append(_("{time} (line {line}: {people}; the schedule has {there})").format(
                time=_need_time_text(need), line=line, people=_people(need.people), there=_people(there[0].people)))
        else:
            row = there[0]
            replaced.append(_("{time}: {people}, not {before}").format(
                time=_need_time_text(row), people=_people(need.people), before=_people(row.people)))
            row.people = need.people
            session.add(row)
            matched.add(id(row))
    removed = [row for row in current if id(row) not in matched] if replace else []
    removed_text = [_need_text(row) for row in removed]
    for row in removed:
        session.delete(row)
    for need in new:
        session.add(SupportNeed(weekday=need.weekday, start=need.start, end=need.end, people=need.people,
                                kind=ShiftKind(need.kind), notes=need.notes))
    session.flush()
    notes = []
    if differs:
        notes.append(_("In the support schedule already, with another number of people: the spreadsheet differs, "
                       "and the schedule was kept as it is: {times}. To take the spreadsheet's, import it again "
                       "with --replace.").format(times=_listed(differs)))
    if replaced:
        notes.append(_("Replaced with the spreadsheet's number of people: {times}.").format(times=_listed(replaced)))
    if removed:
        notes.append(_("Removed from the support schedule, because the spreadsheet does not have them: "
                       "{times}.").format(times=_listed(removed_text)))
    if not replace and current:
        notes.append(ngettext(
            "Added to the support schedule, which already had {n} time of support; nothing was removed. To make "
            "the schedule exactly the spreadsheet's, import it again with --replace.",
            "Added to the support schedule, which already had {n} times of support; nothing was removed. To make "
            "the schedule exactly the spreadsheet's, import it again with --replace.", len(current)).format(
            n=len(current)))
    if new or removed or replaced:
        audit.record(session, who=who, action="import", table_name="supportneed", row_id=None,
                     summary=_("Imported the support schedule ({n} times of support added, {replaced} replaced, "
                               "{removed} removed)").format(n=len(new), replaced=len(replaced), removed=len(removed)))
    return ImportOutcome(added=len(new), already_there=len(same) + len(differs), replaced=len(replaced),
                         removed=len(removed), notes=tuple(notes))


def import_shifts(ef, rows: Iterable[Mapping[str, str]], *, replace: bool = False) -> ImportOutcome:
    with ef.session() as session:
        return stage_shift_import(session, list(rows), who=getattr(ef, "who", ""), replace=replace)


def import_support(ef, rows: Iterable[Mapping[str, str]], *, replace: bool = False) -> ImportOutcome:
    with ef.session() as session:
        return stage_support_import(session, list(rows), who=getattr(ef, "who", ""), replace=replace)


register_csv_kind(SHIFT_COLUMNS, stage_shift_import, name="shifts", description=SHIFTS_DESCRIPTION,
                  optional_columns=SHIFT_OPTIONAL_COLUMNS, can_replace=True)
register_csv_kind(SUPPORT_COLUMNS, stage_support_import, name="support", description=SUPPORT_DESCRIPTION,
                  can_replace=True)
