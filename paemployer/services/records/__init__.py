"""Record keeping use cases: the employer, PAs, their contract terms, training and references,
emergency cover contacts and the contingency plan.

Every function takes an open `EmployerFile`, runs in one transaction (a failing save changes
nothing), writes an audit entry for every change, and returns plain frozen values (services/values.py:
the table's field names and properties, never a row): safe to read anywhere, never tied to a session.
`stage_*` work on rows inside the caller's transaction. Values come as a mapping and/or keyword arguments
named like the table's fields (see store/models.py); dates are `date`, money is `Decimal`
(text such as "12.60" is accepted and converted; a float is refused).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from paemployer import clock
from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date, ngettext
from paemployer.services import audit
from paemployer.services import values as plain
from paemployer.services.records.validation import (
    check_terms_during_employment,
    validate_contingency_step,
    validate_contract_terms,
    validate_cover_contact,
    validate_employer,
    validate_pa,
    validate_reference,
    validate_training,
)
from paemployer.store import queries
from paemployer.store.db import EmployerFile
from paemployer.store.models import (
    PA,
    ContingencyStep,
    ContractTerms,
    CoverContact,
    Reference,
    Training,
)

Direction = Literal["up", "down"]


@dataclass(frozen=True)
class PARecord:
    """Everything kept about one PA, for a details page: one call, one consistent read."""

    pa: plain.PA
    contract_terms: tuple[plain.ContractTerms, ...]  # oldest first
    training: tuple[plain.Training, ...]
    references: tuple[plain.Reference, ...]


def _values(data: Mapping[str, Any] | None, fields: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(data or {})
    merged.update(fields)
    return merged


def _current(row) -> dict[str, Any]:
    return {name: getattr(row, name) for name in type(row).model_fields if name != "id"}


def _apply(row, cleaned: Mapping[str, Any]) -> list[str]:
    """Set the cleaned values on `row`; returns the names of the fields that really changed."""
    changed = [name for name, value in cleaned.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, cleaned[name])
    return changed


# --- employer ------------------------------------------------------------------------------------

def get_employer(ef: EmployerFile) -> plain.Employer:
    """The person supported and how the employment is run (one per file)."""
    with ef.session() as session:
        return plain.frozen(queries.get_employer(session=session))


def update_employer(ef: EmployerFile, changes: Mapping[str, Any] | None = None, /, **fields: Any) -> plain.Employer:
    """Change any of the employer's fields, e.g. `update_employer(ef, el_expiry=date(2027, 3, 31))`."""
    with ef.session() as session:
        employer = queries.get_employer(session=session)
        requested = _values(changes, fields)
        cleaned = validate_employer(_current(employer) | requested)
        changed = _apply(employer, {name: cleaned[name] for name in requested if name != "id"})
        if changed:
            session.flush()
            audit.record(session, who=ef.who, action="change", table_name="employer", row_id=employer.id,
                         summary=_("Changed employer details: {fields}").format(
                             fields=audit.changed_fields_text(changed)))
        return plain.frozen(employer)


# --- PAs -----------------------------------------------------------------------------------------

def list_pas(ef: EmployerFile, *, employed_on: date | None = None) -> list[plain.PA]:
    """PAs by surname; with `employed_on`, only those employed that day."""
    with ef.session() as session:
        return plain.frozen_all(queries.list_pas(session=session, employed_on=employed_on))


def get_pa(ef: EmployerFile, pa_id: int) -> plain.PA:
    with ef.session() as session:
        return plain.frozen(queries.get_pa(session=session, pa_id=pa_id))


def get_pa_record(ef: EmployerFile, pa_id: int) -> PARecord:
    """A PA with their contract history, training and references."""
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        return PARecord(
            pa=plain.frozen(pa),
            contract_terms=tuple(plain.frozen_all(queries.contract_terms_for(session=session, pa_id=pa_id))),
            training=tuple(plain.frozen_all(queries.training_for(session=session, pa_id=pa_id))),
            references=tuple(plain.frozen_all(queries.references_for(session=session, pa_id=pa_id))),
        )


def _refuse_shared_ni_number(session: Session, ni_number: str, *, except_id: int | None = None) -> None:
    if not ni_number:
        return
    same_number = queries.pas_with_ni_number(session=session, ni_number=ni_number)
    other = next((pa for pa in same_number if pa.id != except_id), None)
    if other is not None:
        raise ValidationError(
            _("{name} already has this National Insurance number; each person has their own. Check the number, "
              "or if {name} is coming back, change their record instead of adding them again.").format(
                name=other.full_name),
            field="ni_number", message_id="ni_number_taken",
        )


def _date_the_decision(cleaned: dict[str, Any]) -> None:
    """A decision not to DBS/PVG-check with no date given was made when it is recorded."""
    if cleaned.get("background_check_declined") and cleaned.get("background_check_decision_date") is None:
        cleaned["background_check_decision_date"] = clock.today()


def _refuse_start_after_terms(session: Session, pa_id: int, cleaned: Mapping[str, Any]) -> None:
    """A later start date must not leave contract terms beginning before the PA's first day."""
    start = cleaned.get("start_date")
    first = next(iter(queries.contract_terms_for(session=session, pa_id=pa_id)), None)  # oldest first
    if start is not None and first is not None and first.effective_from < start:
        raise ValidationError(
            _("{name}'s first contract terms start on {date}, before this start date. Choose a start date on "
              "or before {date}, or change the date of those terms first.").format(
                name=f"{cleaned['first_name']} {cleaned['last_name']}".strip(),
                date=format_date(first.effective_from)),
            field="start_date", message_id="start_after_terms",
        )


def stage_pa(session: Session, values: Mapping[str, Any], *, who: str, action: str = "add",
             ni_number_checked: bool = False) -> PA:
    """Validate and add a PA inside the caller's transaction (used by add_pa and the importer).

    `ni_number_checked`: the caller has already refused an NI number another PA has (the importer checks every
    row against the file and each other at once), so no query per PA here."""
    cleaned = validate_pa(values)
    _date_the_decision(cleaned)
    if not ni_number_checked:
        _refuse_shared_ni_number(session, cleaned.get("ni_number", ""))
    pa = PA(**cleaned)
    session.add(pa)
    session.flush()
    audit.record(session, who=who, action=action, table_name="pa", row_id=pa.id,
                 summary=_("Added PA {name}").format(name=pa.full_name))
    return pa


def add_pa(ef: EmployerFile, data: Mapping[str, Any] | None = None, /, **fields: Any) -> plain.PA:
    """Add a PA: `add_pa(ef, first_name="Ceri", last_name="Jones", ni_number="AB 12 34 56 C")`."""
    with ef.session() as session:
        return plain.frozen(stage_pa(session, _values(data, fields), who=ef.who))


def update_pa(ef: EmployerFile, pa_id: int, changes: Mapping[str, Any] | None = None, /, **fields: Any) -> plain.PA:
    """Change some of a PA's fields; the whole record is checked again (e.g. end date after start)."""
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        requested = _values(changes, fields)
        cleaned = validate_pa(_current(pa) | requested)
        _refuse_shared_ni_number(session, cleaned["ni_number"], except_id=pa.id)
        if "start_date" in requested:
            _refuse_start_after_terms(session, pa.id, cleaned)
        _date_the_decision(cleaned)
        # A tax code typed with W1, M1 or X after it sets its basis too.
        bases = [basis for code, basis in (("tax_code", "tax_week1_month1"), ("p45_tax_code", "p45_week1_month1"))
                 if code in requested]
        changed = _apply(pa, {name: cleaned[name] for name in requested if name != "id"} |
                         {name: cleaned[name] for name in ("first_name", "last_name",
                                                           "background_check_decision_date", *bases)})
        if changed:
            session.flush()
            audit.record(session, who=ef.who, action="change", table_name="pa", row_id=pa.id,
                         summary=_("Changed PA {name}: {fields}").format(
                             name=pa.full_name, fields=audit.changed_fields_text(changed)))
        return plain.frozen(pa)


def delete_pa(ef: EmployerFile, pa_id: int) -> None:
    """Delete a PA with their terms, training and references (their shifts stay, unassigned).

    Someone who has left is better kept with an end date: their pay and leave history stays. A PA with any stored
    pay run cannot be deleted: pay records must be kept for six years (the refusal says to record a leaving date).
    """
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        name = pa.full_name
        runs = queries.pay_run_count(session=session, pa_id=pa_id)
        if runs:
            raise ValidationError(
                ngettext("{name} has {count} pay run on record, and pay records must be kept for six years, so "
                         "{name} cannot be deleted. Record a leaving date in their details instead: they will stay "
                         "in the file with their pay history, off the rota from that day.",
                         "{name} has {count} pay runs on record, and pay records must be kept for six years, so "
                         "{name} cannot be deleted. Record a leaving date in their details instead: they will stay "
                         "in the file with their pay history, off the rota from that day.", runs).format(
                    name=name, count=runs),
                field="end_date")
        session.delete(pa)
        session.flush()
        audit.record(session, who=ef.who, action="delete", table_name="pa", row_id=pa_id,
                     summary=_("Deleted PA {name} and their records").format(name=name))


# --- training and references ---------------------------------------------------------------------

def list_training(ef: EmployerFile, pa_id: int) -> list[plain.Training]:
    with ef.session() as session:
        queries.get_pa(session=session, pa_id=pa_id)
        return plain.frozen_all(queries.training_for(session=session, pa_id=pa_id))


def add_training(ef: EmployerFile, pa_id: int, data: Mapping[str, Any] | None = None, /,
                 **fields: Any) -> plain.Training:
    """Record a course: `add_training(ef, pa_id, course="Moving and handling", completed_on=..., expires_on=...)`."""
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        cleaned = validate_training(_values(data, fields) | {"pa_id": pa_id})
        training = Training(**cleaned)
        session.add(training)
        session.flush()
        audit.record(session, who=ef.who, action="add", table_name="training", row_id=training.id,
                     summary=_("Added training {course} for {name}").format(course=training.course, name=pa.full_name))
        return plain.frozen(training)


def update_training(ef: EmployerFile, training_id: int, changes: Mapping[str, Any] | None = None, /,
                    **fields: Any) -> plain.Training:
    with ef.session() as session:
        training = queries.get_row(session=session, model=Training, row_id=training_id)
        requested = _values(changes, fields)
        requested.pop("pa_id", None)  # a course belongs to one PA
        cleaned = validate_training(_current(training) | requested)
        changed = _apply(training, {name: cleaned[name] for name in requested if name != "id"})
        if changed:
            pa = queries.get_pa(session=session, pa_id=training.pa_id)
            audit.record(session, who=ef.who, action="change", table_name="training", row_id=training.id,
                         summary=_("Changed training {course} for {name}: {fields}").format(
                             course=training.course, name=pa.full_name, fields=audit.changed_fields_text(changed)))
        return plain.frozen(training)


def delete_training(ef: EmployerFile, training_id: int) -> None:
    with ef.session() as session:
        training = queries.get_row(session=session, model=Training, row_id=training_id)
        pa = queries.get_pa(session=session, pa_id=training.pa_id)
        session.delete(training)
        audit.record(session, who=ef.who, action="delete", table_name="training", row_id=training_id,
                     summary=_("Deleted training {course} for {name}").format(course=training.course, name=pa.full_name))


def list_references(ef: EmployerFile, pa_id: int) -> list[plain.Reference]:
    with ef.session() as session:
        queries.get_pa(session=session, pa_id=pa_id)
        return plain.frozen_all(queries.references_for(session=session, pa_id=pa_id))


def add_reference(ef: EmployerFile, pa_id: int, data: Mapping[str, Any] | None = None, /,
                  **fields: Any) -> plain.Reference:
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        cleaned = validate_reference(_values(data, fields) | {"pa_id": pa_id})
        reference = Reference(**cleaned)
        session.add(reference)
        session.flush()
        audit.record(session, who=ef.who, action="add", table_name="reference", row_id=reference.id,
                     summary=_("Added a reference from {referee} for {name}").format(
                         referee=reference.referee_name, name=pa.full_name))
        return plain.frozen(reference)


def update_reference(ef: EmployerFile, reference_id: int, changes: Mapping[str, Any] | None = None, /,
                     **fields: Any) -> plain.Reference:
    with ef.session() as session:
        reference = queries.get_row(session=session, model=Reference, row_id=reference_id)
        requested = _values(changes, fields)
        requested.pop("pa_id", None)
        cleaned = validate_reference(_current(reference) | requested)
        changed = _apply(reference, {name: cleaned[name] for name in requested if name != "id"})
        if changed:
            pa = queries.get_pa(session=session, pa_id=reference.pa_id)
            audit.record(session, who=ef.who, action="change", table_name="reference", row_id=reference.id,
                         summary=_("Changed the reference from {referee} for {name}: {fields}").format(
                             referee=reference.referee_name, name=pa.full_name,
                             fields=audit.changed_fields_text(changed)))
        return plain.frozen(reference)


def delete_reference(ef: EmployerFile, reference_id: int) -> None:
    with ef.session() as session:
        reference = queries.get_row(session=session, model=Reference, row_id=reference_id)
        pa = queries.get_pa(session=session, pa_id=reference.pa_id)
        session.delete(reference)
        audit.record(session, who=ef.who, action="delete", table_name="reference", row_id=reference_id,
                     summary=_("Deleted the reference from {referee} for {name}").format(
                         referee=reference.referee_name, name=pa.full_name))


# --- contract terms, versioned by effective_from -------------------------------------------------

def _refuse_same_date(session: Session, pa: PA, effective_from: date, *, except_id: int | None = None) -> None:
    for version in queries.contract_terms_for(session=session, pa_id=pa.id):
        if version.effective_from == effective_from and version.id != except_id:
            raise ValidationError(
                _("{name} already has contract terms starting on {date}. Change that version instead, "
                  "or choose another start date for the new terms.").format(
                    name=pa.full_name, date=format_date(effective_from)),
                field="effective_from", message_id="terms_same_date",
            )


def _flush_terms(session: Session) -> None:
    try:
        session.flush()
    except IntegrityError as error:  # two windows saving the same date at once
        raise ValidationError(
            _("There are already contract terms starting on that date. Choose another date."),
            field="effective_from", message_id="terms_same_date",
        ) from error


def list_contract_terms(ef: EmployerFile, pa_id: int) -> list[plain.ContractTerms]:
    """Every version of a PA's terms, oldest first."""
    with ef.session() as session:
        queries.get_pa(session=session, pa_id=pa_id)
        return plain.frozen_all(queries.contract_terms_for(session=session, pa_id=pa_id))


def terms_in_force(ef: EmployerFile, pa_id: int, on: date) -> plain.ContractTerms | None:
    """The PA's terms in force on `on`: the latest version starting on or before it, or None
    (always None before the PA's first day, whatever an older file holds)."""
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        if pa.start_date is not None and on < pa.start_date:
            return None
        terms = queries.terms_in_force(session=session, pa_id=pa_id, on=on)
        return None if terms is None else plain.frozen(terms)


def _refuse_outside_employment(pa: PA, effective_from: date | None) -> None:
    check_terms_during_employment(effective_from, name=pa.full_name, start_date=pa.start_date,
                                  end_date=pa.end_date)


def stage_contract_terms(session: Session, pa: PA, values: Mapping[str, Any], *, who: str,
                         action: str = "add") -> ContractTerms:
    """Validate and add one version of a PA's terms inside the caller's transaction."""
    cleaned = validate_contract_terms(dict(values) | {"pa_id": pa.id})
    _refuse_outside_employment(pa, cleaned["effective_from"])
    _refuse_same_date(session, pa, cleaned["effective_from"])
    terms = ContractTerms(**cleaned)
    session.add(terms)
    _flush_terms(session)
    audit.record(session, who=who, action=action, table_name="contractterms", row_id=terms.id,
                 summary=_("Added contract terms for {name} from {date}").format(
                     name=pa.full_name, date=format_date(terms.effective_from)))
    return terms


def add_contract_terms(ef: EmployerFile, pa_id: int, data: Mapping[str, Any] | None = None, /,
                       **fields: Any) -> plain.ContractTerms:
    """Add a version of the PA's terms (usually the first); `effective_from` and `standard_rate` are required."""
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        return plain.frozen(stage_contract_terms(session, pa, _values(data, fields), who=ef.who))


def change_terms_from(ef: EmployerFile, pa_id: int, effective_from: date, changes: Mapping[str, Any] | None = None,
                      /, **fields: Any) -> plain.ContractTerms:
    """A change from a date, such as a pay rise: a new version copying the terms in force that day,
    with `changes` applied. Earlier versions are kept as history.

    `change_terms_from(ef, pa_id, date(2027, 4, 1), standard_rate=Decimal("13.10"))`
    """
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        base = queries.terms_in_force(session=session, pa_id=pa_id, on=effective_from)
        if base is None:
            raise ValidationError(
                _("{name} has no contract terms in force on {date} to change. Add their first terms "
                  "instead.").format(name=pa.full_name, date=format_date(effective_from)),
                field="effective_from", message_id="no_terms_to_change",
            )
        requested = _values(changes, fields)
        requested.pop("pa_id", None)
        values = _current(base) | {"issued_on": None, "signed_on": None} | requested
        values["effective_from"] = effective_from
        cleaned = validate_contract_terms(values | {"pa_id": pa.id})
        _refuse_outside_employment(pa, cleaned["effective_from"])
        _refuse_same_date(session, pa, cleaned["effective_from"])
        terms = ContractTerms(**cleaned)
        session.add(terms)
        _flush_terms(session)
        changed = [name for name in requested if name != "effective_from" and getattr(base, name) != cleaned[name]]
        audit.record(session, who=ef.who, action="add", table_name="contractterms", row_id=terms.id,
                     summary=_("New contract terms for {name} from {date}: {fields}").format(
                         name=pa.full_name, date=format_date(effective_from),
                         fields=audit.changed_fields_text(changed) or _("no changes")))
        return plain.frozen(terms)


def update_contract_terms(ef: EmployerFile, terms_id: int, changes: Mapping[str, Any] | None = None, /,
                          **fields: Any) -> plain.ContractTerms:
    """Correct one version in place (a typing mistake); a real change from a date is change_terms_from."""
    with ef.session() as session:
        terms = queries.get_row(session=session, model=ContractTerms, row_id=terms_id)
        pa = queries.get_pa(session=session, pa_id=terms.pa_id)
        requested = _values(changes, fields)
        requested.pop("pa_id", None)
        cleaned = validate_contract_terms(_current(terms) | requested)
        if "effective_from" in requested:
            _refuse_outside_employment(pa, cleaned["effective_from"])
        _refuse_same_date(session, pa, cleaned["effective_from"], except_id=terms.id)
        changed = _apply(terms, {name: cleaned[name] for name in requested if name != "id"})
        if changed:
            _flush_terms(session)
            audit.record(session, who=ef.who, action="change", table_name="contractterms", row_id=terms.id,
                         summary=_("Corrected contract terms for {name} from {date}: {fields}").format(
                             name=pa.full_name, date=format_date(terms.effective_from),
                             fields=audit.changed_fields_text(changed)))
        return plain.frozen(terms)


def delete_contract_terms(ef: EmployerFile, terms_id: int) -> None:
    with ef.session() as session:
        terms = queries.get_row(session=session, model=ContractTerms, row_id=terms_id)
        pa = queries.get_pa(session=session, pa_id=terms.pa_id)
        session.delete(terms)
        audit.record(session, who=ef.who, action="delete", table_name="contractterms", row_id=terms_id,
                     summary=_("Deleted contract terms for {name} from {date}").format(
                         name=pa.full_name, date=format_date(terms.effective_from)))


# --- emergency cover contacts, in priority order -------------------------------------------------

def _renumber(rows: Sequence[CoverContact] | Sequence[ContingencyStep], field: str) -> None:
    """Number an ordered list 1, 2, 3… in `field`: a contact's priority, a plan step's position."""
    for number, row in enumerate(rows, start=1):
        if getattr(row, field) != number:
            setattr(row, field, number)


def _move(rows: list, moving, up_or_down: Direction, field: str) -> int | None:
    """Swap `moving` with its neighbour above or below in `rows` and renumber them; its new place (1 first),
    or None when it is already first (moving up) or last (moving down) and nothing changes."""
    if up_or_down not in ("up", "down"):
        raise ValueError(f"up_or_down must be 'up' or 'down', not {up_or_down!r}")
    index = rows.index(moving)
    target = index - 1 if up_or_down == "up" else index + 1
    moved = 0 <= target < len(rows)
    if moved:
        rows[index], rows[target] = rows[target], rows[index]
    _renumber(rows, field)
    return target + 1 if moved else None


def list_cover_contacts(ef: EmployerFile) -> list[plain.CoverContact]:
    """Cover contacts in the order to call them (priority 1 first)."""
    with ef.session() as session:
        return plain.frozen_all(queries.cover_contacts(session=session))


def add_cover_contact(ef: EmployerFile, data: Mapping[str, Any] | None = None, /,
                      **fields: Any) -> plain.CoverContact:
    """Add a contact at the end of the list (reorder to move them up)."""
    with ef.session() as session:
        values = _values(data, fields)
        values.pop("priority", None)
        cleaned = validate_cover_contact(values)
        existing = queries.cover_contacts(session=session)
        _renumber(existing, "priority")
        contact = CoverContact(**cleaned, priority=len(existing) + 1)
        session.add(contact)
        session.flush()
        audit.record(session, who=ef.who, action="add", table_name="covercontact", row_id=contact.id,
                     summary=_("Added cover contact {name}").format(name=contact.name))
        return plain.frozen(contact)


def update_cover_contact(ef: EmployerFile, contact_id: int, changes: Mapping[str, Any] | None = None, /,
                         **fields: Any) -> plain.CoverContact:
    """Change a contact's details (their place in the list changes with move/reorder)."""
    with ef.session() as session:
        contact = queries.get_row(session=session, model=CoverContact, row_id=contact_id)
        requested = _values(changes, fields)
        requested.pop("priority", None)
        cleaned = validate_cover_contact(_current(contact) | requested)
        changed = _apply(contact, {name: cleaned[name] for name in requested if name != "id"})
        if changed:
            audit.record(session, who=ef.who, action="change", table_name="covercontact", row_id=contact.id,
                         summary=_("Changed cover contact {name}: {fields}").format(
                             name=contact.name, fields=audit.changed_fields_text(changed)))
        return plain.frozen(contact)


def delete_cover_contact(ef: EmployerFile, contact_id: int) -> None:
    with ef.session() as session:
        contact = queries.get_row(session=session, model=CoverContact, row_id=contact_id)
        session.delete(contact)
        session.flush()
        _renumber(queries.cover_contacts(session=session), "priority")
        audit.record(session, who=ef.who, action="delete", table_name="covercontact", row_id=contact_id,
                     summary=_("Deleted cover contact {name}").format(name=contact.name))


def move_cover_contact(ef: EmployerFile, contact_id: int, up_or_down: Direction) -> list[plain.CoverContact]:
    """Move one contact a place up (called sooner) or down; returns the whole list in its new order.

    Moving the first contact up, or the last down, changes nothing.
    """
    with ef.session() as session:
        contacts = queries.cover_contacts(session=session)
        moving = queries.get_row(session=session, model=CoverContact, row_id=contact_id)
        position = _move(contacts, moving, up_or_down, "priority")
        if position is not None:
            audit.record(session, who=ef.who, action="change", table_name="covercontact", row_id=contact_id,
                         summary=_("Moved cover contact {name} to number {position}").format(
                             name=moving.name, position=position))
        return plain.frozen_all(contacts)


def reorder_cover_contacts(ef: EmployerFile, ids: Sequence[int]) -> list[plain.CoverContact]:
    """Put the contacts in exactly this order (ids of every contact, first to call first)."""
    with ef.session() as session:
        contacts = queries.cover_contacts(session=session)
        by_id = {contact.id: contact for contact in contacts}
        if sorted(ids) != sorted(by_id):
            raise ValidationError(
                _("The list of cover contacts has changed since it was shown. Refresh it, then put them in order again."),
                field="priority", message_id="cover_order_stale",
            )
        ordered = [by_id[contact_id] for contact_id in ids]
        if ordered != contacts or any(c.priority != i for i, c in enumerate(ordered, start=1)):
            _renumber(ordered, "priority")
            audit.record(session, who=ef.who, action="change", table_name="covercontact", row_id=None,
                         summary=_("Put cover contacts in a new order: {names}").format(
                             names=", ".join(contact.name for contact in ordered)))
        return plain.frozen_all(ordered)


# --- contingency plan ----------------------------------------------------------------------------

def list_contingency_steps(ef: EmployerFile, scenario: str | None = None) -> list[plain.ContingencyStep]:
    """Plan steps grouped by scenario, in order; only one scenario's when `scenario` is given."""
    with ef.session() as session:
        return plain.frozen_all(queries.contingency_steps(session=session, scenario=scenario))


def add_contingency_step(ef: EmployerFile, scenario: str, step: str) -> plain.ContingencyStep:
    """Add a step at the end of a scenario's plan ("PA does not arrive": "Ring the backup PA")."""
    with ef.session() as session:
        cleaned = validate_contingency_step({"scenario": scenario, "step": step})
        existing = queries.contingency_steps(session=session, scenario=cleaned["scenario"])
        row = ContingencyStep(**cleaned, position=len(existing) + 1)
        session.add(row)
        session.flush()
        audit.record(session, who=ef.who, action="add", table_name="contingencystep", row_id=row.id,
                     summary=_("Added a step to the plan for: {scenario}").format(scenario=row.scenario))
        return plain.frozen(row)


def update_contingency_step(ef: EmployerFile, step_id: int, changes: Mapping[str, Any] | None = None, /,
                            **fields: Any) -> plain.ContingencyStep:
    with ef.session() as session:
        row = queries.get_row(session=session, model=ContingencyStep, row_id=step_id)
        requested = _values(changes, fields)
        requested.pop("position", None)
        cleaned = validate_contingency_step(_current(row) | requested)
        changed = _apply(row, {name: cleaned[name] for name in requested if name != "id"})
        if changed:
            audit.record(session, who=ef.who, action="change", table_name="contingencystep", row_id=row.id,
                         summary=_("Changed a step of the plan for: {scenario}").format(scenario=row.scenario))
        return plain.frozen(row)


def delete_contingency_step(ef: EmployerFile, step_id: int) -> None:
    with ef.session() as session:
        row = queries.get_row(session=session, model=ContingencyStep, row_id=step_id)
        session.delete(row)
        session.flush()
        _renumber(queries.contingency_steps(session=session, scenario=row.scenario), "position")
        audit.record(session, who=ef.who, action="delete", table_name="contingencystep", row_id=step_id,
                     summary=_("Deleted a step of the plan for: {scenario}").format(scenario=row.scenario))


def move_contingency_step(ef: EmployerFile, step_id: int, up_or_down: Direction) -> list[plain.ContingencyStep]:
    """Move a step one place within its scenario; returns that scenario's steps in order."""
    with ef.session() as session:
        row = queries.get_row(session=session, model=ContingencyStep, row_id=step_id)
        steps = queries.contingency_steps(session=session, scenario=row.scenario)
        if _move(steps, row, up_or_down, "position") is not None:
            audit.record(session, who=ef.who, action="change", table_name="contingencystep", row_id=step_id,
                         summary=_("Moved a step of the plan for: {scenario}").format(scenario=row.scenario))
        return plain.frozen_all(steps)


# --- audit trail ---------------------------------------------------------------------------------

def list_audit(ef: EmployerFile, *, limit: int | None = 200) -> list[plain.AuditEntry]:
    """The audit trail, newest first."""
    with ef.session() as session:
        return plain.frozen_all(queries.audit_entries(session=session, limit=limit))
