"""Dated rates tables: every statutory figure the rules use, as data with an effective date and source.

A table is a TOML file in resources/rates/:

    title = "National Minimum Wage"
    [fields]                       # every row must give exactly these, typed
    adult = "decimal"              # decimal | int | date | text | bool
    [[rows]]
    effective_from = 2026-04-01    # the day the figures start to apply
    source = "https://www.gov.uk/..."
    adult = "12.71"                # money is a string, read as Decimal, never a float

Each row applies from its effective date until the day before the next row's. A new April's figures
are a new row: a data change, not a code change.

Validated on load: a [fields] section typing every figure; every row giving every field (a field typed
with a trailing "?", e.g. `lower_earnings_limit = "decimal?"`, may be left out of a row where the figure
does not exist, and then reads as None); effective dates strictly ascending; every `source` naming a
web address (http:// or https://); money as strings, never floats. An optional top-level
`max_days_between_rows = 400` refuses a table with a longer stretch between two rows, which catches a
forgotten year ("no gaps"). A row may carry a free-text `note`. A date before the first row is an
error (RatesError), never a silent default.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from paemployer.errors import RatesError
from paemployer.i18n import _
from paemployer.paths import resource

RATES_DIR = resource("rates")
_FIELD_TYPES = ("decimal", "int", "date", "text", "bool")


@dataclass(frozen=True)
class RatesRow:
    """One row of a rates table: the figures in force from `effective_from`."""

    table: str
    effective_from: date
    source: str
    values: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""

    def __getitem__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise RatesError(f"The {self.table} rates have no figure called '{name}'.") from None

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


@dataclass(frozen=True)
class RatesTable:
    name: str
    title: str
    rows: tuple[RatesRow, ...]

    def row_on(self, on: date) -> RatesRow:
        """The row in force on `on`. A date before the first row is an error, never a silent default."""
        starts = [row.effective_from for row in self.rows]
        index = bisect_right(starts, on) - 1
        if index < 0:
            raise RatesError(_(
                "PA Employer has no figures for {day}: its figures for this begin on {first}. Choose a date on or "
                "after {first}.").format(day=on.isoformat(), first=self.rows[0].effective_from.isoformat()),
                message_id=f"rates_before_{self.name}")
        return self.rows[index]

    def tax_year_row(self, start: date, *, needs: str | None = None) -> RatesRow | None:
        """The figures of the tax year beginning `start` (6 April): the row starting that day and unchanged to the
        next 5 April, holding the figure `needs` when given; None otherwise (never last year's carried on)."""
        try:
            row = self.row_on(start)
        except RatesError:
            return None
        last = date(start.year + 1, 4, 5)
        if row.effective_from != start or self.changes_between(start, last):
            return None
        return None if needs is not None and row.get(needs) is None else row

    def value_on(self, name: str, on: date) -> Any:
        return self.row_on(on)[name]

    def next_change_after(self, on: date) -> RatesRow | None:
        """The first row that starts after `on`, if the table already knows one."""
        for row in self.rows:
            if row.effective_from > on:
                return row
        return None

    def changes_between(self, first: date, last: date) -> tuple[RatesRow, ...]:
        """Rows starting in (first, last]: the changes a period crosses."""
        return tuple(row for row in self.rows if first < row.effective_from <= last)


def _convert(table: str, row_index: int, name: str, kind: str, raw: Any) -> Any:
    where = f"{table}.toml row {row_index + 1} field '{name}'"
    kind = kind.rstrip("?")
    if kind == "decimal":
        if isinstance(raw, float):
            raise RatesError(f"{where}: write money and rates as strings (\"12.71\"), not floats.")
        try:
            return Decimal(str(raw))
        except InvalidOperation:
            raise RatesError(f"{where}: '{raw}' is not a number.") from None
    if kind == "int":
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise RatesError(f"{where}: expected a whole number, got {raw!r}.")
        return raw
    if kind == "date":
        if not isinstance(raw, date):
            raise RatesError(f"{where}: expected a date like 2026-04-06, got {raw!r}.")
        return raw
    if kind == "bool":
        if not isinstance(raw, bool):
            raise RatesError(f"{where}: expected true or false, got {raw!r}.")
        return raw
    if not isinstance(raw, str):
        raise RatesError(f"{where}: expected text, got {raw!r}.")
    return raw


def parse_table(name: str, document: Mapping[str, Any]) -> RatesTable:
    """Validate a parsed TOML document and build the table (dates ascending, every field in every row)."""
    fields = document.get("fields")
    rows = document.get("rows")
    if not isinstance(fields, dict) or not fields:
        raise RatesError(f"{name}.toml: a [fields] section naming each figure and its type is required.")
    for field_name, kind in fields.items():
        if not isinstance(kind, str) or kind.rstrip("?") not in _FIELD_TYPES or kind.count("?") > 1:
            raise RatesError(f"{name}.toml: field '{field_name}' has unknown type '{kind}'.")
    required = {field_name for field_name, kind in fields.items() if not kind.endswith("?")}
    max_gap = document.get("max_days_between_rows")
    if max_gap is not None and (not isinstance(max_gap, int) or isinstance(max_gap, bool) or max_gap < 1):
        raise RatesError(f"{name}.toml: max_days_between_rows must be a whole number of days.")
    if not isinstance(rows, list) or not rows:
        raise RatesError(f"{name}.toml: at least one [[rows]] entry is required.")
    built: list[RatesRow] = []
    for index, raw_row in enumerate(rows):
        effective_from = raw_row.get("effective_from")
        source = raw_row.get("source")
        if not isinstance(effective_from, date):
            raise RatesError(f"{name}.toml row {index + 1}: effective_from must be a date like 2026-04-01.")
        if not isinstance(source, str) or not source.strip():
            raise RatesError(f"{name}.toml row {index + 1}: every row needs its source.")
        if "http://" not in source and "https://" not in source:
            raise RatesError(f"{name}.toml row {index + 1} ({effective_from}): the source must give a web address.")
        note = raw_row.get("note", "")
        if not isinstance(note, str):
            raise RatesError(f"{name}.toml row {index + 1} ({effective_from}): a note must be text.")
        given = set(raw_row) - {"effective_from", "source", "note"}
        missing = required - given
        unknown = given - set(fields)
        if missing:
            raise RatesError(f"{name}.toml row {index + 1} ({effective_from}): missing {', '.join(sorted(missing))}.")
        if unknown:
            raise RatesError(f"{name}.toml row {index + 1} ({effective_from}): unknown {', '.join(sorted(unknown))}.")
        if built and effective_from <= built[-1].effective_from:
            raise RatesError(
                f"{name}.toml row {index + 1}: dates must ascend, but {effective_from} "
                f"does not come after {built[-1].effective_from}."
            )
        if built and max_gap is not None and (effective_from - built[-1].effective_from).days > max_gap:
            raise RatesError(
                f"{name}.toml row {index + 1}: {effective_from} is more than {max_gap} days after the row of "
                f"{built[-1].effective_from}; is a year's figures missing?"
            )
        values = {
            key: (_convert(name, index, key, kind, raw_row[key]) if key in raw_row else None)
            for key, kind in fields.items()
        }
        built.append(RatesRow(name, effective_from, source.strip(), MappingProxyType(values), note.strip()))
    return RatesTable(name=name, title=str(document.get("title", name)), rows=tuple(built))


def load_table_from(path: Path) -> RatesTable:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise RatesError(f"The rates table {path.name} is missing.") from None
    except tomllib.TOMLDecodeError as error:
        raise RatesError(f"The rates table {path.name} cannot be read: {error}.") from None
    return parse_table(path.stem, document)


@cache
def load_table(name: str) -> RatesTable:
    """The table resources/rates/NAME.toml, loaded and validated once per process."""
    return load_table_from(RATES_DIR / f"{name}.toml")
