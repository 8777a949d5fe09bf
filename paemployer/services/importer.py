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
from pathlib import Path

from paemployer.errors import FileFormatError, ValidationError
from paemployer.i18n import N_, _, ngettext
from paemployer.store.db import EmployerFile

# Modules that register more kinds of CSV when imported (one line each; no edit of this file's code).
CSV_KIND_MODULES: list[str] = ["paemployer.services.records.importing", "paemployer.services.rota.importing"]

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
