"""Plain data-access functions over an open session (keyword-only), shared by every service.

They read and stage rows; the caller's `EmployerFile.session()` block owns the transaction.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from sqlmodel import Session, SQLModel, col, select

from paemployer.errors import NotFoundError
from paemployer.i18n import N_, _
from paemployer.store.models import (
    PA,
    AuditEntry,
    ContingencyStep,
    ContractTerms,
    CoverContact,
    Employer,
    Reference,
    Training,
)

Row = TypeVar("Row", bound=SQLModel)

# What a missing row is called in a message, in the user's words.
_RECORD_NAMES = {
    "pa": N_("PA"),
    "contractterms": N_("contract terms"),
    "training": N_("training record"),
    "reference": N_("reference"),
    "covercontact": N_("cover contact"),
    "contingencystep": N_("contingency step"),
}


def get_row(*, session: Session, model: type[Row], row_id: int) -> Row:
    """The row with this id, or NotFoundError (it may have been deleted in another window)."""
    row = session.get(model, row_id)
    if row is None:
        what = _(_RECORD_NAMES.get(model.__tablename__, model.__tablename__))
        raise NotFoundError(
            _("That {what} is no longer in this file (number {row_id}); it may have been deleted. "
              "Refresh the list and try again.").format(what=what, row_id=row_id),
            message_id="row_not_found",
        )
    return row


def get_employer(*, session: Session) -> Employer:
    """The file's one employer row, made (empty) if the file has none yet."""
    employer = session.exec(select(Employer).order_by(col(Employer.id))).first()
    if employer is None:
        employer = Employer()
        session.add(employer)
        session.flush()
    return employer


def list_pas(*, session: Session, employed_on: date | None = None) -> list[PA]:
    """PAs by name; with `employed_on`, only those employed on that day (started, not yet left)."""
    statement = select(PA).order_by(col(PA.last_name), col(PA.first_name), col(PA.id))
    if employed_on is not None:
        statement = statement.where(
            (col(PA.start_date).is_(None)) | (col(PA.start_date) <= employed_on),
            (col(PA.end_date).is_(None)) | (col(PA.end_date) >= employed_on),
        )
    return list(session.exec(statement).all())


def get_pa(*, session: Session, pa_id: int) -> PA:
    return get_row(session=session, model=PA, row_id=pa_id)


def training_for(*, session: Session, pa_id: int) -> list[Training]:
    statement = select(Training).where(Training.pa_id == pa_id).order_by(col(Training.course), col(Training.id))
    return list(session.exec(statement).all())


def references_for(*, session: Session, pa_id: int) -> list[Reference]:
    statement = select(Reference).where(Reference.pa_id == pa_id).order_by(col(Reference.id))
    return list(session.exec(statement).all())


def contract_terms_for(*, session: Session, pa_id: int) -> list[ContractTerms]:
    """Every version of a PA's terms, oldest first: the history of their contract."""
    statement = (select(ContractTerms).where(ContractTerms.pa_id == pa_id)
                 .order_by(col(ContractTerms.effective_from)))
    return list(session.exec(statement).all())


def terms_in_force(*, session: Session, pa_id: int, on: date) -> ContractTerms | None:
    """The version in force on `on`: the latest that started on or before it (None before the first)."""
    statement = (select(ContractTerms)
                 .where(ContractTerms.pa_id == pa_id, col(ContractTerms.effective_from) <= on)
                 .order_by(col(ContractTerms.effective_from).desc()))
    return session.exec(statement).first()


def cover_contacts(*, session: Session) -> list[CoverContact]:
    """Emergency cover contacts in the order to call them."""
    statement = select(CoverContact).order_by(col(CoverContact.priority), col(CoverContact.id))
    return list(session.exec(statement).all())


def contingency_steps(*, session: Session, scenario: str | None = None) -> list[ContingencyStep]:
    """Steps of the contingency plan, grouped by scenario, in order."""
    statement = select(ContingencyStep)
    if scenario is not None:
        statement = statement.where(ContingencyStep.scenario == scenario)
    statement = statement.order_by(col(ContingencyStep.scenario), col(ContingencyStep.position),
                                   col(ContingencyStep.id))
    return list(session.exec(statement).all())


def audit_entries(*, session: Session, limit: int | None = 200) -> list[AuditEntry]:
    """The audit trail, newest first."""
    statement = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.exec(statement).all())
