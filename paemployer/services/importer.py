"""Importing spreadsheets (CSV): what a file holds is told from its header row.

Each kind of CSV is registered with its columns (some optional) and an importer,
`importer(session, rows, *, who[, replace]) -> ImportOutcome` (or a count of rows added), which checks
every row before adding anything and raises a PAEmployerError naming each bad row. `import_csv` runs it in
one transaction, so one bad row means nothing is imported. A row that matches a record already in the file
is reported as already there, never added twice. Modules that add kinds (shifts, the support schedule,
absences) are listed in CSV_KIND_MODULES and call `register_csv_kind` when imported.

The file itself is read strictly and within bounds: a workbook or a UTF-16 file saved with a .csv name, a
file over MAX_FILE_BYTES, or a cell over MAX_CELL_CHARS is refused with one sentence. Each row carries the
file's decimal separator (a comma in a semicolon-separated file) so numbers are read by its conventions.
"""

from __future__ import annotations

import csv
import importlib
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from paemployer.errors import FileFormatError, ValidationError
from paemployer.i18n import N_, _, ngettext
from paemployer.store.db import EmployerFile

# Modules that register more kinds of CSV when imported (one line each; no edit of this file's code).
CSV_KIND_MODULES: list[str] = ["paemployer.services.records.importing", "paemployer.services.rota.importing"]

MAX_LISTED = 20  # a file with hundreds of bad rows lists the first ones, then says how many more
MAX_FILE_BYTES = 10 * 1024 * 1024  # far more than years of shifts for one employer
MAX_CELL_CHARS = 1_000  # no name, date or number is longer; a longer cell is a paste gone wrong

CsvImporter = Callable[..., "ImportOutcome | int"]


class CsvRow(dict):
    """One data row: column name -> cell text, `line`, the row's line number in the file (header = 1), and
    `decimal_separator`, how the file writes a decimal point ("." or "," in a semicolon-separated file)."""

    def __init__(self, values: Mapping[str, str], line: int, decimal_separator: str = ".") -> None:
        super().__init__(values)
        self.line = line
        self.decimal_separator = decimal_separator


def decimal_separator_of(row: Mapping[str, str]) -> str:
    """The decimal separator of the file a row came from ("." for rows made in code)."""
    return getattr(row, "decimal_separator", ".")


@dataclass(frozen=True)
class CsvKind:
    name: str
    columns: tuple[str, ...]
    importer: CsvImporter
    description: str  # what the rows are, for messages: N_("PAs")
    optional_columns: tuple[str, ...] = ()
    can_replace: bool = False  # the importer takes `replace=`: the file's rows replace those already there

    def matches(self, columns: frozenset[str]) -> bool:
        required = frozenset(_normalise_column(column) for column in self.columns)
        optional = frozenset(_normalise_column(column) for column in self.optional_columns)
        return required <= columns <= required | optional


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
class ImportOutcome:
    """What an importer did: rows added, rows already in the file (not added again), records replaced by the
    file's, records removed; `notes`, one translated sentence each, say which."""

    added: int = 0
    already_there: int = 0
    replaced: int = 0
    removed: int = 0
    notes: tuple[str, ...] = ()
    overlapping: int = 0  # rows not added because they overlap a record there (a shift's corrected times)


@dataclass(frozen=True)
class ImportResult:
    kind: str           # the registered kind's name, e.g. "pas"
    description: str    # translated, e.g. "PAs"
    imported: int       # rows whose values went into the file: added + replaced
    path: Path
    added: int = 0
    already_there: int = 0
    replaced: int = 0
    removed: int = 0
    notes: tuple[str, ...] = field(default=())
    overlapping: int = 0

    def summary(self) -> list[str]:
        """The result in sentences: the counts first, then the notes."""
        counts = [ngettext("{n} added", "{n} added", self.added).format(n=self.added)]
        if self.already_there:
            counts.append(ngettext("{n} already there (not added again)", "{n} already there (not added again)",
                                   self.already_there).format(n=self.already_there))
        if self.overlapping:
            counts.append(ngettext("{n} overlapping a shift already there (not added)",
                                   "{n} overlapping a shift already there (not added)",
                                   self.overlapping).format(n=self.overlapping))
        if self.replaced:
            counts.append(ngettext("{n} replaced", "{n} replaced", self.replaced).format(n=self.replaced))
        if self.removed:
            counts.append(ngettext("{n} removed", "{n} removed", self.removed).format(n=self.removed))
        return [", ".join(counts) + ".", *self.notes]


_KINDS: dict[frozenset[str], CsvKind] = {}


def _normalise_column(name: str) -> str:
    return name.strip().lower()


def register_csv_kind(columns: tuple[str, ...], importer: CsvImporter, *, name: str | None = None,
                      description: str | None = None, optional_columns: tuple[str, ...] = (),
                      can_replace: bool = False) -> CsvKind:
    """Teach the importer a kind of CSV: a file whose header has exactly `columns` (in any order), and any of
    `optional_columns`. Registering the same columns again with the same importer is harmless (a module
    imported twice)."""
    key = frozenset(_normalise_column(column) for column in columns)
    kind = CsvKind(name=name or "+".join(columns), columns=tuple(columns), importer=importer,
                   description=description or N_("rows"), optional_columns=tuple(optional_columns),
                   can_replace=can_replace)
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


def _shown(text: str, limit: int = 120) -> str:
    """Text from the file, for a message: printable, and cut short in the middle (the end often says why)."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", text)
    if len(text) <= limit:
        return text
    return text[:limit // 2] + "…" + text[-(limit - limit // 2):]


def kind_for_header(header: Sequence[str]) -> CsvKind:
    """The registered kind whose columns are this header's; otherwise a plain refusal."""
    _load_kind_modules()
    columns = [_normalise_column(column) for column in header]
    if len(set(columns)) == len(columns):
        found = [kind for kind in _KINDS.values() if kind.matches(frozenset(columns))]
        if len(found) == 1:
            return found[0]
    lines = []
    for known in registered_kinds():
        line = f"- {_(known.description)}: {','.join(known.columns)}"
        if known.optional_columns:
            line += " " + _("(and, if you have them, {columns})").format(columns=",".join(known.optional_columns))
        lines.append(line)
    raise FileFormatError(
        _("PA Employer cannot tell what this file holds from its first row ({header}). The first row "
          "must name the columns exactly as one of these:\n{known}").format(
            header=_shown(",".join(header)), known="\n".join(lines)),
        message_id="csv_unknown_header",
    )


def _save_as_csv(path: Path, what: str) -> FileFormatError:
    return FileFormatError(
        _("{name} is {what}, not a CSV file the app can read: save it as CSV UTF-8 from your spreadsheet, "
          "then import that file.").format(name=_shown(path.name, 80), what=what),
        message_id="csv_not_text",
    )


def _alternating_nuls(raw: bytes) -> bool:
    """UTF-16 without its byte-order mark: mostly-English text has a NUL in every other byte, and only there."""
    sample = raw[:4096]
    if len(sample) < 8:
        return False
    even, odd = sample[0::2], sample[1::2]
    return any(one.count(0) >= len(one) // 2 and other.count(0) <= len(other) // 20
               for one, other in ((even, odd), (odd, even)))


def _decode(path: Path, raw: bytes) -> str:
    """The file's text: UTF-8 (with or without Excel's byte-order mark) or Windows-1252 as older Excel saves
    it. Anything else gets one sentence saying what it is and how to save it, never garbled headers."""
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise _save_as_csv(path, _("a spreadsheet workbook (Excel or similar)"))
    if raw.startswith(b"SQLite format 3\x00"):
        raise FileFormatError(
            _("{name} is an employer file, not a spreadsheet. To import, choose the CSV file saved from your "
              "spreadsheet.").format(name=_shown(path.name, 80)), message_id="csv_employer_file")
    if raw.startswith(b"%PDF-"):
        raise _save_as_csv(path, _("a PDF document"))
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _save_as_csv(path, _("saved as UTF-32 (Unicode text)"))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _alternating_nuls(raw):
        raise _save_as_csv(path, _("saved as UTF-16 (Unicode text)"))
    if b"\x00" in raw:
        raise _save_as_csv(path, _("not text (it holds binary data)"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise _save_as_csv(path, _("in a text encoding the app does not know")) from None
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        raise _save_as_csv(path, _("not plain text"))
    return text


@contextmanager
def _cells_up_to(limit: int) -> Iterator[None]:
    """Let the csv module read cells as long as the file (the length of each is checked after)."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, limit))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def read_csv(csv_path: Path | str) -> tuple[list[str], list[CsvRow]]:
    """The header and the non-empty rows of a CSV (UTF-8, or Windows-1252 as older Excel saves it)."""
    path = Path(csv_path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileFormatError(
                _("{name} is too large to be one employer's spreadsheet ({size} MB; the most is {limit} MB). "
                  "Check that it is the right file, or split it.").format(
                    name=_shown(path.name, 80), size=-(-size // (1024 * 1024)),
                    limit=MAX_FILE_BYTES // (1024 * 1024)),
                message_id="csv_too_large")
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FileFormatError(
            _("{path} cannot be read ({reason}). Check the file name.").format(path=path,
                                                                              reason=error.strerror or error),
            message_id="csv_unreadable",
        ) from error
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        raise FileFormatError(_("{name} is too large to be one employer's spreadsheet. Check that it is the right "
                                "file, or split it.").format(name=_shown(path.name, 80)), message_id="csv_too_large")
    text = _decode(path, raw)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Excel in some languages separates cells with semicolons, and writes a decimal comma.
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    decimal_separator = "," if delimiter == ";" else "."
    lines = io.StringIO(text, newline="").readlines()  # as the csv reader counts them
    header: list[str] | None = None
    raw_rows: list[tuple[int, list[str]]] = []  # (the line the row starts on, its cells)
    try:
        with _cells_up_to(MAX_FILE_BYTES):
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            last_line = 0
            for cells in reader:
                first_line, last_line = last_line + 1, reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                # A quote left open swallows line breaks and cells, so its row comes up short of the header's.
                short = header is None or len(cells) < len(header)
                if short and (any(("\n" in cell or "\r" in cell) and delimiter in cell for cell in cells) or (
                        last_line == len(lines) and lines[first_line - 1].count('"') % 2
                        and any(delimiter in cell for cell in cells))):
                    raise _unclosed_quote(path, first_line)
                if header is None:
                    header = [cell.strip() for cell in cells]
                    continue
                raw_rows.append((first_line, cells))
    except csv.Error as error:
        raise FileFormatError(
            _("{name} is not a CSV file the app can read (line {line}): save it as CSV UTF-8 from your "
              "spreadsheet, then import that file.").format(name=_shown(path.name, 80), line=reader.line_num),
            message_id="csv_malformed",
        ) from error
    if header is None:
        raise FileFormatError(_("{path} is empty. Export the spreadsheet again, with its header row.").format(
            path=path), message_id="csv_empty")
    header = _without_unnamed_columns(header, raw_rows)
    rows: list[CsvRow] = []
    problems: list[RowProblem] = []
    for line, cells in raw_rows:
        values = {_normalise_column(column): (cells[index] if index < len(cells) else "")
                  for index, column in enumerate(header)}
        row = CsvRow(values, line, decimal_separator)
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            row[None] = "extra"  # type: ignore[index]  # flagged by the kind's importer as a bad row
        problems += [RowProblem(row.line, _shown(column, 40), ngettext(
            "this cell is {n} character long; the most is {limit}. Check what was pasted into it.",
            "this cell is {n} characters long; the most is {limit}. Check what was pasted into it.",
            len(value)).format(n=len(value), limit=MAX_CELL_CHARS))
            for column, value in values.items() if len(value) > MAX_CELL_CHARS]
        rows.append(row)
    if problems:
        raise CsvRowsError(problems, description=N_("rows"))
    return header, rows


def _unclosed_quote(path: Path, line: int) -> FileFormatError:
    return FileFormatError(
        _("In {name}, line {line} opens a quote (\") that is never closed, so the rest of the line, or of the "
          "file, was read as one cell. Close the quote or remove it in the spreadsheet, then import the file "
          "again.").format(line=line, name=_shown(path.name, 80)),
        message_id="csv_unclosed_quote")


def _without_unnamed_columns(header: list[str], raw_rows: Sequence[tuple[int, list[str]]]) -> list[str]:
    """The header without the empty cells Excel leaves at its end (`,,`) when their columns are empty in every
    row; a column with no name but something in it is refused, naming the line."""
    for index, name in enumerate(header):
        if name:
            continue
        used = next(((line, cells[index]) for line, cells in raw_rows
                     if index < len(cells) and cells[index].strip()), None)
        if used is not None:
            raise FileFormatError(
                _("Column {column} has no name in the first row, but line {line} has something in it ({value}). "
                  "Name the column in the first row, or delete what is in it.").format(
                    column=index + 1, line=used[0], value=_shown(used[1].strip(), 40)),
                message_id="csv_unnamed_column")
    while header and not header[-1]:
        header = header[:-1]
    return header


def import_csv(ef: EmployerFile, csv_path: Path | str, *, replace: bool = False) -> ImportResult:
    """Import a CSV whose kind is told by its header row, all rows or none.

    Rows matching a record already in the file are reported, not added again; with `replace` (kinds that
    allow it: shifts, the support schedule), the file's rows replace what is there and the result says what
    was replaced and removed. Raises CsvRowsError (each bad row with its line number and reason),
    FileFormatError, or ValidationError (`replace` for a kind that cannot be replaced).
    """
    header, rows = read_csv(csv_path)
    kind = kind_for_header(header)
    if replace and not kind.can_replace:
        raise ValidationError(
            _("Nothing was imported: {what} are not replaced by an import, because their records hold more than "
              "a spreadsheet row. Import the file without --replace: rows already in the file are kept and "
              "reported.").format(what=_(kind.description)),
            field="replace", message_id="csv_cannot_replace")
    with ef.session() as session:
        if kind.can_replace:
            outcome = kind.importer(session, rows, who=ef.who, replace=replace)
        else:
            outcome = kind.importer(session, rows, who=ef.who)
    if isinstance(outcome, int):
        outcome = ImportOutcome(added=outcome)
    return ImportResult(kind=kind.name, description=_(kind.description), imported=outcome.added + outcome.replaced,
                        path=Path(csv_path), added=outcome.added, already_there=outcome.already_there,
                        replaced=outcome.replaced, removed=outcome.removed, notes=tuple(outcome.notes),
                        overlapping=outcome.overlapping)
