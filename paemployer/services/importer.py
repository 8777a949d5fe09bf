"""Importing spreadsheets (CSV): what a file holds is told from its header row.

Each kind of CSV is registered with its exact set of columns and an importer,
`importer(session, rows, *, who) -> count`, which checks every row before adding anything and
raises a PAEmployerError naming each bad row. `import_csv` runs it in one transaction, so one bad
row means nothing is imported. Modules that add kinds (shifts, the support schedule, absences) are
listed in CSV_KIND_MODULES and call `register_csv_kind` when imported.
"""

from __future__ import annotations

import csv
import importlib
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from paemployer.errors import FileFormatError, ValidationError
from paemployer.i18n import N_, _, ngettext
from paemployer.services import audit
from paemployer.services.records import stage_contract_terms, stage_pa
from paemployer.services.records.validation import (
    to_choice,
    validate_contract_terms,
    validate_pa,
)
from paemployer.store.db import EmployerFile
from paemployer.store.models import PA, HoursType, PayFrequency

# Modules that register more kinds of CSV when imported (one line each; no edit of this file's code).
CSV_KIND_MODULES: list[str] = ["paemployer.services.rota.importing"]

MAX_LISTED = 20  # a file with hundreds of bad rows lists the first ones, then says how many more

CsvImporter = Callable[..., int]


class CsvRow(dict):
    """One data row: column name -> cell text, and `line`, the row's line number in the file (header = 1)."""

    def __init__(self, values: Mapping[str, str], line: int) -> None:
        super().__init__(values)
        self.line = line


@dataclass(frozen=True)
class CsvKind:
    name: str
    columns: tuple[str, ...]
    importer: CsvImporter
    description: str  # what the rows are, for messages: N_("PAs")


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        if self.column:
            return _("Line {line} ({column}): {reason}").format(line=self.line, column=self.column, reason=self.reason)
        return _("Line {line}: {reason}").format(line=self.line, reason=self.reason)


class CsvRowsError(ValidationError):
    """Some rows are wrong; nothing was imported. `problems` names each bad row and why."""

    message_id = "csv_rows"

    def __init__(self, problems: Sequence[RowProblem], *, description: str) -> None:
        self.problems = tuple(problems)
        listed = [str(problem) for problem in self.problems[:MAX_LISTED]]
        more = len(self.problems) - len(listed)
        if more:
            listed.append(ngettext("... and {n} more problem.", "... and {n} more problems.", more).format(n=more))
        bad_rows = len({problem.line for problem in self.problems})  # a row may have several problems
        heading = ngettext(
            "Nothing was imported: {n} row is wrong. Correct it in the spreadsheet and import the file again.",
            "Nothing was imported: {n} rows are wrong. Correct them in the spreadsheet and import the file again.",
            bad_rows,
        ).format(n=bad_rows)
        super().__init__("\n".join([heading, *listed]), field="rows")
        self.description = description


@dataclass(frozen=True)
class ImportResult:
    kind: str           # the registered kind's name, e.g. "pas"
    description: str    # translated, e.g. "PAs"
    imported: int
    path: Path


_KINDS: dict[frozenset[str], CsvKind] = {}


def _normalise_column(name: str) -> str:
    return name.strip().lower()


def register_csv_kind(columns: tuple[str, ...], importer: CsvImporter, *, name: str | None = None,
                      description: str | None = None) -> CsvKind:
    """Teach the importer a kind of CSV: a file whose header has exactly `columns` (in any order).

    Registering the same columns again with the same importer is harmless (a module imported twice).
    """
    key = frozenset(_normalise_column(column) for column in columns)
    kind = CsvKind(name=name or "+".join(columns), columns=tuple(columns), importer=importer,
                   description=description or N_("rows"))
    existing = _KINDS.get(key)
    if existing is not None and existing.importer is not importer:
        raise ValueError(f"a CSV kind with columns {sorted(key)} is already registered ({existing.name})")
    _KINDS[key] = kind
    return kind


def registered_kinds() -> list[CsvKind]:
    _load_kind_modules()
    return sorted(_KINDS.values(), key=lambda kind: kind.name)


def _load_kind_modules() -> None:
    for module_name in CSV_KIND_MODULES:
        importlib.import_module(module_name)


def kind_for_header(header: Sequence[str]) -> CsvKind:
    """The registered kind whose columns are exactly this header's; otherwise a plain refusal."""
    _load_kind_modules()
    columns = [_normalise_column(column) for column in header]
    kind = _KINDS.get(frozenset(columns))
    if kind is not None and len(set(columns)) == len(columns):
        return kind
    known = "\n".join(f"- {_(k.description)}: {','.join(k.columns)}" for k in registered_kinds())
    raise FileFormatError(
        _("PA Employer cannot tell what this file holds from its first row ({header}). The first row "
          "must name the columns exactly as one of these:\n{known}").format(header=",".join(header), known=known),
        message_id="csv_unknown_header",
    )


def read_csv(csv_path: Path | str) -> tuple[list[str], list[CsvRow]]:
    """The header and the non-empty rows of a CSV (UTF-8, or Windows-1252 as older Excel saves it)."""
    path = Path(csv_path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileFormatError(
            _("{path} cannot be read ({reason}). Check the file name.").format(path=path,
                                                                              reason=error.strerror or error),
            message_id="csv_unreadable",
        ) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    # Excel in some languages separates cells with semicolons.
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[CsvRow] = []
    for cells in reader:
        if header is None:
            if not any(cell.strip() for cell in cells):
                continue
            header = [cell.strip() for cell in cells]
            continue
        if not any(cell.strip() for cell in cells):
            continue
        values = {_normalise_column(column): (cells[index] if index < len(cells) else "")
                  for index, column in enumerate(header)}
        row = CsvRow(values, reader.line_num)
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            row[None] = "extra"  # type: ignore[index]  # flagged by the kind's importer as a bad row
        rows.append(row)
    if header is None:
        raise FileFormatError(_("{path} is empty. Export the spreadsheet again, with its header row.").format(
            path=path), message_id="csv_empty")
    return header, rows


def import_csv(ef: EmployerFile, csv_path: Path | str) -> ImportResult:
    """Import a CSV whose kind is told by its header row, all rows or none.

    Raises CsvRowsError (each bad row with its line number and reason) or FileFormatError.
    """
    header, rows = read_csv(csv_path)
    kind = kind_for_header(header)
    with ef.session() as session:
        count = kind.importer(session, rows, who=ef.who)
    return ImportResult(kind=kind.name, description=_(kind.description), imported=count, path=Path(csv_path))


# --- PAs -----------------------------------------------------------------------------------------

PA_COLUMNS = ("first_name", "last_name", "date_of_birth", "ni_number", "start_date", "hourly_rate", "hours_type",
              "hours_per_week", "days_per_week", "pay_frequency")
_IMPORT_HOURS_TYPES = (HoursType.FIXED, HoursType.IRREGULAR)
# The model's field names, as the CSV's columns call them.
_COLUMN_FOR_FIELD = {"standard_rate": "hourly_rate", "effective_from": "start_date"}


def _problems(check: Callable[[Mapping[str, Any]], dict[str, Any]], base: Mapping[str, Any],
              values: Mapping[str, Any]) -> tuple[dict[str, Any] | None, list[ValidationError]]:
    """Every problem `check` finds in `values`, not only the first: each value is checked on its own
    (with `base` standing in for the rest), then, when each is sound, all together for their order."""
    problems: list[ValidationError] = []
    for name, value in values.items():
        try:
            check(dict(base) | {name: value})
        except ValidationError as error:
            problems.append(error)
    if problems:
        return None, problems
    try:
        return check(values), []
    except ValidationError as error:
        return None, [error]


def _choice(text: str, enum_type: type, field: str, problems: list[ValidationError]) -> Any:
    try:
        return to_choice(text, enum_type, field=field)
    except ValidationError as error:
        problems.append(error)
        return None


def _parse_pa_row(row: Mapping[Any, str]) -> tuple[tuple[dict[str, Any], dict[str, Any]] | None,
                                                   list[ValidationError]]:
    """Clean PA and contract-terms values from one row, or every problem in it (each naming its column)."""
    problems: list[ValidationError] = []
    if None in row:
        problems.append(ValidationError(
            _("This row has more cells than the header has columns. Remove the extra cells.")))
    cell = {column: (row.get(column) or "").strip() for column in PA_COLUMNS}
    pa, pa_problems = _problems(validate_pa, {"first_name": "-", "last_name": "-"}, {
        "first_name": cell["first_name"], "last_name": cell["last_name"], "date_of_birth": cell["date_of_birth"],
        "ni_number": cell["ni_number"], "start_date": cell["start_date"],
    })
    problems += pa_problems
    if not cell["start_date"]:
        problems.append(ValidationError(
            _("The start date is missing. Write the PA's first day as year-month-day, for example 2026-11-24."),
            field="start_date"))
    hours_type = _choice(cell["hours_type"], HoursType, "hours_type", problems)
    if hours_type is not None and hours_type not in _IMPORT_HOURS_TYPES:
        problems.append(ValidationError(_("The hours type must be fixed or irregular."), field="hours_type"))
    if hours_type is HoursType.FIXED:
        # Holiday and pay for fixed hours are worked out from the hours and days agreed.
        if not cell["hours_per_week"]:
            problems.append(ValidationError(
                _("A PA on fixed hours needs their hours per week. Write the hours agreed, for example 20, "
                  "or set the hours type to irregular."), field="hours_per_week"))
        if not cell["days_per_week"]:
            problems.append(ValidationError(
                _("A PA on fixed hours needs their days per week. Write the days agreed, for example 4, "
                  "or set the hours type to irregular."), field="days_per_week"))
    pay_frequency = _choice(cell["pay_frequency"], PayFrequency, "pay_frequency", problems)
    terms, terms_problems = _problems(validate_contract_terms, {
        "pa_id": 0, "effective_from": date(2000, 1, 1), "standard_rate": "0"}, {
        "pa_id": 0, "effective_from": date(2000, 1, 1), "standard_rate": cell["hourly_rate"],
        "hours_per_week": cell["hours_per_week"], "days_per_week": cell["days_per_week"],
    })
    problems += terms_problems
    if problems or pa is None or terms is None:
        return None, problems
    terms |= {"effective_from": pa["start_date"], "hours_type": hours_type, "pay_frequency": pay_frequency}
    terms.pop("pa_id")
    return (pa, terms), []


def stage_pa_import(session: Session, rows: Sequence[Mapping[Any, str]], *, who: str = "") -> int:
    """Check every row of pas.csv, then add each PA with their first contract terms. Returns how many."""
    known_ni = {ni for ni in session.exec(select(PA.ni_number)).all() if ni}
    seen_ni: dict[str, int] = {}
    prepared: list[tuple[dict[str, Any], dict[str, Any]]] = []
    problems: list[RowProblem] = []
    for number, row in enumerate(rows, start=2):
        line = getattr(row, "line", number)
        parsed, row_problems = _parse_pa_row(row)
        if parsed is not None:
            pa, _terms = parsed
            ni = pa.get("ni_number")
            if ni and ni in known_ni:
                row_problems.append(ValidationError(
                    _("A PA with this National Insurance number is already in the file."), field="ni_number"))
            elif ni and ni in seen_ni:
                row_problems.append(ValidationError(
                    _("This National Insurance number is also on line {line}. Each PA has their own.").format(
                        line=seen_ni[ni]), field="ni_number"))
            elif ni:
                seen_ni[ni] = line
        for error in row_problems:
            column = _COLUMN_FOR_FIELD.get(error.field or "", error.field)
            problems.append(RowProblem(line=line, column=column, reason=error.message))
        if parsed is not None and not row_problems:
            prepared.append(parsed)
    if problems:
        raise CsvRowsError(problems, description=N_("PAs"))
    for pa_values, terms_values in prepared:
        pa = stage_pa(session, pa_values, who=who, action="import", ni_number_checked=True)
        stage_contract_terms(session, pa, terms_values, who=who, action="import")
    audit.record(session, who=who, action="import", table_name="pa", row_id=None,
                 summary=ngettext("Imported {n} PA from a spreadsheet", "Imported {n} PAs from a spreadsheet",
                                  len(prepared)).format(n=len(prepared)))
    return len(prepared)


register_csv_kind(PA_COLUMNS, stage_pa_import, name="pas", description=N_("PAs"))
