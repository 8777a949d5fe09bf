"""pas.csv: each PA with their first contract terms; every row is checked before any PA is added.

Columns `first_name,last_name,date_of_birth,ni_number,start_date,hourly_rate,hours_type,hours_per_week,
days_per_week,pay_frequency`, and optionally `phone`, `email`, `sleep_in_allowance` (pounds a night),
`waking_night_rate` (pounds an hour) and `holiday_pay` (`when_taken` | `rolled_up`, the second for irregular
hours only) for the first contract terms. A row for a PA already in the file (the
same National Insurance number, or the same name and date of birth) is reported as already there and the
file's record is kept: a PA's record holds more than a spreadsheet row, so it is changed in the app.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from paemployer.errors import ValidationError
from paemployer.i18n import N_, _, format_date, ngettext
from paemployer.services import audit
from paemployer.services.importer import (
    MAX_LISTED,
    CsvRowsError,
    ImportOutcome,
    RowProblem,
    decimal_separator_of,
    register_csv_kind,
)
from paemployer.services.records import stage_contract_terms, stage_pa
from paemployer.services.records.validation import (
    check_holiday_pay_fits_hours,
    label,
    to_choice,
    to_holiday_pay,
    to_money,
    validate_contract_terms,
    validate_pa,
)
from paemployer.store import queries
from paemployer.store.models import PA, ContractTerms, HoursType, PayFrequency

PA_COLUMNS = ("first_name", "last_name", "date_of_birth", "ni_number", "start_date", "hourly_rate", "hours_type",
              "hours_per_week", "days_per_week", "pay_frequency")
PA_OPTIONAL_COLUMNS = ("phone", "email", "sleep_in_allowance", "waking_night_rate", "holiday_pay")
_IMPORT_HOURS_TYPES = (HoursType.FIXED, HoursType.IRREGULAR)
# The model's field names, as the CSV's columns call them.
_COLUMN_FOR_FIELD = {"standard_rate": "hourly_rate", "effective_from": "start_date"}
_NUMBER_COLUMNS = {"hourly_rate": "standard_rate", "hours_per_week": "hours_per_week",
                   "days_per_week": "days_per_week", "sleep_in_allowance": "sleep_in_allowance",
                   "waking_night_rate": "waking_night_rate"}
# Optional terms: compared with a PA already in the file only when the row gives them.
_OPTIONAL_TERMS = ("sleep_in_allowance", "waking_night_rate", "holiday_pay")
_PHONE = re.compile(r"\+?[0-9 ()-]{6,30}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(?:\.[^@\s.]+)+")
_EMAIL_LONGEST = 254


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


def _contact(cell: Mapping[str, str], problems: list[ValidationError]) -> dict[str, str]:
    """The optional phone and email, checked for their shape (empty stays empty)."""
    phone, email = cell.get("phone", ""), cell.get("email", "")
    if phone and not (_PHONE.fullmatch(phone) and sum(char.isdigit() for char in phone) >= 6):
        problems.append(ValidationError(
            _("This is not a phone number: write digits, with spaces or a + if you like, for example 07700 900123."),
            field="phone"))
    if email and (len(email) > _EMAIL_LONGEST or not _EMAIL.fullmatch(email)):
        problems.append(ValidationError(
            _("This is not an email address: it should look like name@example.org."), field="email"))
    return {"phone": phone, "email": email}


def _parse_pa_row(row: Mapping[Any, str]) -> tuple[tuple[dict[str, Any], dict[str, Any]] | None,
                                                   list[ValidationError]]:
    """Clean PA and contract-terms values from one row, or every problem in it (each naming its column)."""
    problems: list[ValidationError] = []
    if None in row:
        problems.append(ValidationError(
            _("This row has more cells than the header has columns. Remove the extra cells.")))
    cell = {column: (row.get(column) or "").strip() for column in PA_COLUMNS + PA_OPTIONAL_COLUMNS}
    pa, pa_problems = _problems(validate_pa, {"first_name": "-", "last_name": "-"}, {
        "first_name": cell["first_name"], "last_name": cell["last_name"], "date_of_birth": cell["date_of_birth"],
        "ni_number": cell["ni_number"], "start_date": cell["start_date"],
    })
    problems += pa_problems
    contact = _contact(cell, problems)
    if not cell["start_date"]:
        problems.append(ValidationError(
            _("The start date is missing. Write the PA's first day as day/month/year, for example 24/11/2026."),
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
    holiday_pay = None
    try:
        holiday_pay = to_holiday_pay(cell["holiday_pay"])
        if hours_type is not None:  # a wrong hours type is said on its own
            check_holiday_pay_fits_hours(holiday_pay, hours_type)
    except ValidationError as error:
        problems.append(error)
    # Numbers are read by the file's own convention (a decimal comma in a semicolon-separated file).
    numbers: dict[str, Any] = {}
    for column, field_name in _NUMBER_COLUMNS.items():
        try:
            numbers[field_name] = to_money(cell[column], field=field_name,
                                           decimal_separator=decimal_separator_of(row))
        except ValidationError as error:
            problems.append(error)  # the other numbers are still checked below, without this one
    base = {"pa_id": 0, "effective_from": date(2000, 1, 1), "standard_rate": Decimal(0)}
    terms, terms_problems = _problems(validate_contract_terms, base, base | numbers)
    problems += terms_problems
    if problems or pa is None or terms is None or len(numbers) < len(_NUMBER_COLUMNS):
        return None, problems
    pa |= {name: value for name, value in contact.items() if value}
    terms |= {"effective_from": pa["start_date"], "hours_type": hours_type, "pay_frequency": pay_frequency}
    if holiday_pay is not None:  # not given: the contract's default (when taken)
        terms["holiday_pay"] = holiday_pay
    terms.pop("pa_id")
    return (pa, terms), []


def _name_key(first: str, last: str) -> str:
    return " ".join(f"{first} {last}".split()).casefold()


def _differences(pa: PA, first_terms: ContractTerms | None, values: Mapping[str, Any],
                 terms: Mapping[str, Any]) -> list[str]:
    """The fields (in the user's words) where a row differs from the PA already in the file."""
    differ = []
    for name in ("first_name", "last_name", "date_of_birth", "ni_number", "start_date", "phone", "email"):
        if name in values and values[name] not in (None, "") and values[name] != getattr(pa, name):
            differ.append(label(name))
    if first_terms is not None:
        for name in ("standard_rate", "hours_type", "hours_per_week", "days_per_week", "pay_frequency"):
            mine, theirs = terms.get(name), getattr(first_terms, name)
            if isinstance(mine, Decimal) and isinstance(theirs, Decimal):
                same = mine == theirs
            else:
                same = mine == theirs or (mine is None and theirs is None)
            if not same:
                differ.append(label("hourly_rate" if name == "standard_rate" else name))
        for name in _OPTIONAL_TERMS:
            mine, theirs = terms.get(name), getattr(first_terms, name, None)
            if mine is not None and _plain(mine) != _plain(theirs):
                differ.append(label(name))
    return differ


def _plain(value: Any) -> Any:
    """A stored choice as its text (an enum or a string column), so the two compare."""
    return getattr(value, "value", value)


def stage_pa_import(session: Session, rows: Sequence[Mapping[Any, str]], *, who: str = "") -> ImportOutcome:
    """Check every row of pas.csv, then add each PA not already in the file with their first contract terms."""
    known = queries.all_pas(session=session)
    by_ni = {pa.ni_number: pa for pa in known if pa.ni_number}
    by_name_born = {(_name_key(pa.first_name, pa.last_name), pa.date_of_birth): pa for pa in known}
    by_name: dict[str, list[PA]] = {}
    for pa in known:
        by_name.setdefault(_name_key(pa.first_name, pa.last_name), []).append(pa)
    seen_ni: dict[str, int] = {}
    seen_name_born: dict[tuple[str, date | None], int] = {}
    seen_name: dict[str, list[tuple[int, date | None]]] = {}
    namesakes: list[str] = []
    prepared: list[tuple[dict[str, Any], dict[str, Any]]] = []
    already: list[tuple[int, PA, dict[str, Any], dict[str, Any]]] = []
    problems: list[RowProblem] = []
    for number, row in enumerate(rows, start=2):
        line = getattr(row, "line", number)
        parsed, row_problems = _parse_pa_row(row)
        existing = None
        if parsed is not None:
            pa, _terms = parsed
            ni = pa.get("ni_number")
            name_born = (_name_key(pa["first_name"], pa["last_name"]), pa.get("date_of_birth"))
            if ni and ni in seen_ni:
                row_problems.append(ValidationError(
                    _("This National Insurance number is also on line {line}. Each PA has their own.").format(
                        line=seen_ni[ni]), field="ni_number"))
            elif name_born in seen_name_born:
                row_problems.append(ValidationError(
                    _("This PA is also on line {line} (the same name and date of birth). Keep one of the "
                      "rows.").format(line=seen_name_born[name_born]), field="first_name"))
            elif ni and ni in by_ni:
                existing = by_ni[ni]
                if (_name_key(existing.first_name, existing.last_name) != name_born[0]
                        and existing.date_of_birth != name_born[1]):
                    row_problems.append(ValidationError(
                        _("{name} already has this National Insurance number in the file. Check the number "
                          "with the PA.").format(name=existing.full_name), field="ni_number"))
            elif name_born in by_name_born:
                existing = by_name_born[name_born]
                if ni and existing.ni_number:
                    row_problems.append(ValidationError(
                        _("{name}, born on the same day, is already in the file with another National "
                          "Insurance number. Check the number with the PA.").format(name=existing.full_name),
                        field="ni_number"))
            if ni:
                seen_ni.setdefault(ni, line)
            seen_name_born.setdefault(name_born, line)
        for error in row_problems:
            column = _COLUMN_FOR_FIELD.get(error.field or "", error.field)
            problems.append(RowProblem(line=line, column=column, reason=error.message))
        if parsed is not None and not row_problems:
            if existing is not None:
                already.append((line, existing, *parsed))
            else:
                prepared.append(parsed)
                namesakes += _namesake_notes(line, parsed[0], by_name, seen_name)
                name = _name_key(parsed[0]["first_name"], parsed[0]["last_name"])
                seen_name.setdefault(name, []).append((line, parsed[0].get("date_of_birth")))
    if problems:
        raise CsvRowsError(problems, description=N_("PAs"))
    for pa_values, terms_values in prepared:
        pa = stage_pa(session, pa_values, who=who, action="import", ni_number_checked=True)
        stage_contract_terms(session, pa, terms_values, who=who, action="import")
    if prepared:
        audit.record(session, who=who, action="import", table_name="pa", row_id=None,
                     summary=ngettext("Imported {n} PA from a spreadsheet", "Imported {n} PAs from a spreadsheet",
                                      len(prepared)).format(n=len(prepared)))
    return ImportOutcome(added=len(prepared), already_there=len(already),
                         notes=tuple(_already_notes(session, already) + _listed_notes(namesakes)))


def _born(day: date | None) -> str:
    return format_date(day) if day is not None else _("no date of birth")


def _namesake_notes(line: int, values: Mapping[str, Any], by_name: Mapping[str, Sequence[PA]],
                    seen_name: Mapping[str, Sequence[tuple[int, date | None]]]) -> list[str]:
    """A sentence when a PA added has the name of one already in the file, or on an earlier line, with another
    date of birth: two PAs may share a name, but a mistyped date of birth (31/12 for 13/12) looks the same."""
    name = _name_key(values["first_name"], values["last_name"])
    born = values.get("date_of_birth")
    full_name = " ".join(f"{values['first_name']} {values['last_name']}".split())
    notes = []
    in_file = [pa for pa in by_name.get(name, ()) if pa.date_of_birth != born]
    if in_file:
        notes.append(_("Line {line}: {name} ({born}) was added, and the file already has {others}. If they are the "
                       "same person, one date of birth is mistyped: check it with the PA, correct it in the app and "
                       "delete the PA added twice.").format(
            line=line, name=full_name, born=_born(born), others=", ".join(
                _("{name} ({born})").format(name=pa.full_name, born=_born(pa.date_of_birth)) for pa in in_file)))
    earlier = [(other_line, other_born) for other_line, other_born in seen_name.get(name, ()) if other_born != born]
    if earlier:
        notes.append(_("Line {line}: {name} ({born}) was added, and so was a PA of the same name on line {lines} "
                       "({others}). If they are the same person, one date of birth is mistyped: check it with the "
                       "PA, correct it in the app and delete the PA added twice.").format(
            line=line, name=full_name, born=_born(born), lines=", ".join(str(other) for other, _b in earlier),
            others=", ".join(_born(other_born) for _l, other_born in earlier)))
    return notes


def _listed_notes(notes: Sequence[str]) -> list[str]:
    """Notes, the first MAX_LISTED of them, then how many more."""
    if len(notes) <= MAX_LISTED:
        return list(notes)
    more = len(notes) - MAX_LISTED
    return [*notes[:MAX_LISTED], ngettext("... and {n} more note.", "... and {n} more notes.", more).format(n=more)]


def _already_notes(session: Session, already: Sequence[tuple[int, PA, dict[str, Any], dict[str, Any]]]) -> list[str]:
    """One sentence naming the PAs already in the file, and one for each whose row says something else."""
    if not already:
        return []
    names = [_("{name} (line {line})").format(name=pa.full_name, line=line) for line, pa, _v, _t in already]
    listed = ", ".join(names[:MAX_LISTED])
    if len(names) > MAX_LISTED:
        listed += " " + ngettext("and {n} more", "and {n} more", len(names) - MAX_LISTED).format(
            n=len(names) - MAX_LISTED)
    notes = [_("Already in the file, so not added again: {names}.").format(names=listed)]
    for line, pa, values, terms in already[:MAX_LISTED]:
        first_terms = next(iter(queries.contract_terms_for(session=session, pa_id=pa.id)), None)  # oldest first
        differ = _differences(pa, first_terms, values, terms)
        if differ:
            notes.append(_("Line {line}: for {name}, the spreadsheet differs from the file in: {fields} (terms from "
                           "{date}). The file's details were kept; if the spreadsheet is right, change them in the "
                           "app.").format(line=line, fields=", ".join(differ), name=pa.full_name,
                                          date=format_date(first_terms.effective_from) if first_terms else "-"))
    return notes


register_csv_kind(PA_COLUMNS, stage_pa_import, name="pas", description=N_("PAs"),
                  optional_columns=PA_OPTIONAL_COLUMNS)
