"""pas.csv: each PA with their first contract terms; every row is checked before any PA is added."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, select

from paemployer.errors import ValidationError
from paemployer.i18n import N_, _, ngettext
from paemployer.services import audit
from paemployer.services.importer import CsvRowsError, RowProblem, register_csv_kind
from paemployer.services.records import stage_contract_terms, stage_pa
from paemployer.services.records.validation import (
    to_choice,
    validate_contract_terms,
    validate_pa,
)
from paemployer.store.models import PA, HoursType, PayFrequency

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
