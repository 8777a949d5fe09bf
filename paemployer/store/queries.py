"""Plain data-access functions over an open session (keyword-only), shared by every service.

Every read a service makes is one named function here, so a read can be found, reused and indexed in
one place; services keep their writes. The caller's `EmployerFile.session()` block owns the
transaction. Reads that name no order return rows in the order the database keeps them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import String, func, type_coerce
from sqlmodel import Session, SQLModel, col, select

from paemployer.errors import NotFoundError
from paemployer.i18n import N_, _
from paemployer.store.models import (
    PA,
    Absence,
    AuditEntry,
    ContingencyStep,
    ContractTerms,
    CoverContact,
    Employer,
    HmrcPayment,
    PayRun,
    PayRunLine,
    Reference,
    RiskDecision,
    Shift,
    ShiftPattern,
    ShiftStatus,
    SupportNeed,
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
    "payrun": N_("pay run"),
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


def find_employer(*, session: Session) -> Employer | None:
    """The file's one employer row, or None in a file that has none yet (nothing is made)."""
    return session.exec(select(Employer).order_by(col(Employer.id))).first()


def get_employer(*, session: Session) -> Employer:
    """The file's one employer row, made (empty) if the file has none yet."""
    employer = find_employer(session=session)
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


# --- PAs -----------------------------------------------------------------------------------------------

def all_pas(*, session: Session) -> list[PA]:
    """Every PA, in the order stored (list_pas gives them by name)."""
    return list(session.exec(select(PA)).all())


def pas_by_id(*, session: Session, pa_ids: Collection[int]) -> list[PA]:
    """The PAs with these ids (those still in the file), in the order stored."""
    return list(session.exec(select(PA).where(col(PA.id).in_(set(pa_ids)))).all())


def pas_with_ni_number(*, session: Session, ni_number: str) -> list[PA]:
    return list(session.exec(select(PA).where(PA.ni_number == ni_number)).all())


def pa_names(*, session: Session) -> list[tuple[int, str, str]]:
    """(id, first name, last name) of every PA: names without loading whole records."""
    return list(session.exec(select(PA.id, PA.first_name, PA.last_name)).all())


def pas_with_first_rota_day(*, session: Session) -> list[tuple[PA, Any]]:
    """Each PA by id, with the start of their first planned or worked stored shift (None when there is none), in
    one query; their patterns' first days come from patterns_for_first_rota_day."""
    # Planned or worked only, unlike earliest_rota_starts: a child's work is a shift worked or to be worked, and a
    # cancelled shift is not work.
    first_shift = (select(func.min(Shift.start))
                   .where(Shift.pa_id == PA.id, col(Shift.status).in_([ShiftStatus.PLANNED, ShiftStatus.WORKED]))
                   .correlate(PA).scalar_subquery())
    return list(session.exec(select(PA, first_shift).order_by(PA.id)).all())


def earliest_rota_starts(*, session: Session, pa_ids: Collection[int]) -> list[tuple[int, Any]]:
    """(PA id, earliest start) among these PAs' stored shifts of any status, in one grouped query; their patterns'
    first days come from patterns_for_first_rota_day."""
    # Any status, unlike pas_with_first_rota_day: a cancelled shift still shows the rota was kept for that PA that
    # week (the 48-hour average's records begin there), though it is not work.
    query = (select(Shift.pa_id, func.min(Shift.start)).where(col(Shift.pa_id).in_(pa_ids))
             .group_by(Shift.pa_id))
    return list(session.exec(query).all())


# Separates the replaced occurrences patterns_for_first_rota_day gives as one text (ISO date-times have no comma).
REPLACED_SEPARATOR = ","


def patterns_for_first_rota_day(*, session: Session,
                                pa_ids: Collection[int] | None = None) -> list[tuple[ShiftPattern, Any, Any, Any]]:
    """(pattern, its PA's start date, its PA's end date, the occurrences stored rows replace) for every PA's shift
    patterns, or only `pa_ids`', in one query: enough to find the first occurrence a pattern puts on the rota. The
    replaced occurrences are one text of stored date-times joined by REPLACED_SEPARATOR (None when there are none)."""
    replaced = (select(func.group_concat(Shift.occurrence_start, REPLACED_SEPARATOR))
                .where(Shift.pattern_id == ShiftPattern.id, col(Shift.occurrence_start).is_not(None))
                .correlate(ShiftPattern).scalar_subquery())
    query = (select(ShiftPattern, PA.start_date, PA.end_date, replaced)
             .join(PA, ShiftPattern.pa_id == PA.id)
             .order_by(ShiftPattern.id))
    if pa_ids is not None:
        query = query.where(col(ShiftPattern.pa_id).in_(pa_ids))
    return list(session.exec(query).all())


# --- contract terms, training, cover contacts ------------------------------------------------------------

def all_contract_terms(*, session: Session) -> list[ContractTerms]:
    """Every PA's contract versions, by PA and then oldest first."""
    return list(session.exec(select(ContractTerms).order_by(ContractTerms.pa_id, ContractTerms.effective_from)))


def all_training(*, session: Session) -> list[Training]:
    """Every PA's training, by PA and then in the order recorded."""
    return list(session.exec(select(Training).order_by(Training.pa_id, Training.id)))


def cover_contact_names(*, session: Session) -> dict[int, str]:
    """Each cover contact's name by id."""
    return dict(session.exec(select(CoverContact.id, CoverContact.name)).all())


# --- risk decisions and the audit trail ------------------------------------------------------------------

def risk_decisions(*, session: Session) -> list[RiskDecision]:
    """Every risk decision, oldest first."""
    return list(session.exec(select(RiskDecision).order_by(RiskDecision.decided_at, RiskDecision.id)).all())


def first_audit_entry(*, session: Session) -> AuditEntry | None:
    """The first entry ever written to the audit trail (None in a file with none)."""
    return session.exec(select(AuditEntry).order_by(AuditEntry.id).limit(1)).first()


# --- the rota --------------------------------------------------------------------------------------------

# The columns shift_columns_starting reads, in this order. kind and status are the names stored (e.g.
# "SLEEP_IN"), for the caller to map: SQLAlchemy's Enum conversion of two columns was a fifth of the time to
# read 17 weeks of shifts.
SHIFT_COLUMNS = (Shift.id, Shift.pa_id, Shift.start, Shift.end, type_coerce(Shift.kind, String), Shift.break_minutes,
                 type_coerce(Shift.status, String), Shift.pattern_id, Shift.occurrence_start, Shift.woken_minutes,
                 Shift.cover_for_shift_id, Shift.cover_contact_id, Shift.notes)


def shift_columns_starting(*, session: Session, first: datetime, before: datetime) -> list:
    """Plain rows of SHIFT_COLUMNS for the stored shifts starting from `first` up to `before`, through the
    shift.start index (a week costs the same in year 1 or 10); plain rows, not ORM objects: twice as fast."""
    query = select(*SHIFT_COLUMNS).where(Shift.start >= first, Shift.start < before)
    return list(session.exec(query).all())


def shift_for_occurrence(*, session: Session, pattern_id: int, occurrence: datetime) -> Shift | None:
    """The stored row overriding one occurrence of a shift pattern, if there is one."""
    statement = select(Shift).where(Shift.pattern_id == pattern_id, Shift.occurrence_start == occurrence)
    return session.exec(statement).first()


def patterns_starting_before(*, session: Session, before: datetime) -> list[tuple[ShiftPattern, Any, Any]]:
    """(pattern, its PA's start date, its PA's end date) for the patterns whose first shift starts before
    `before`, in the order stored (PA dates None for a pattern with no PA)."""
    query = (
        select(ShiftPattern, PA.start_date, PA.end_date)
        .join(PA, ShiftPattern.pa_id == PA.id, isouter=True)
        .where(ShiftPattern.first_start < before)
    )
    return list(session.exec(query).all())


def patterns_with_pa_dates(*, session: Session, pa_id: int | None = None) -> list[tuple[ShiftPattern, Any, Any]]:
    """(pattern, its PA's start date, its PA's end date) for every pattern, or one PA's, oldest first."""
    query = select(ShiftPattern, PA.start_date, PA.end_date).join(PA, ShiftPattern.pa_id == PA.id, isouter=True)
    if pa_id is not None:
        query = query.where(ShiftPattern.pa_id == pa_id)
    return list(session.exec(query.order_by(ShiftPattern.first_start)).all())


def pattern_rules(*, session: Session) -> list[tuple[int, str, datetime]]:
    """(id, repeat rule, first start) of every shift pattern."""
    return list(session.exec(select(ShiftPattern.id, ShiftPattern.rrule, ShiftPattern.first_start)).all())


def absences_between(*, session: Session, first: date, last: date,
                     pa_ids: Collection[int] | None = None) -> list[Absence]:
    """Absences overlapping the days `first` to `last` (inclusive), of every PA or only of `pa_ids`."""
    conditions = [Absence.start_date <= last, Absence.end_date >= first]
    if pa_ids is not None:
        conditions.insert(0, col(Absence.pa_id).in_(pa_ids))
    return list(session.exec(select(Absence).where(*conditions)).all())


def support_needs(*, session: Session) -> list[SupportNeed]:
    """The weekly support schedule, by day and time."""
    return list(session.exec(select(SupportNeed).order_by(SupportNeed.weekday, SupportNeed.start)).all())


def worked_shift_starts(*, session: Session, first: datetime, before: datetime) -> list[tuple[int, datetime]]:
    """(PA id, start) of the stored shifts confirmed as worked that start from `first` up to `before`, with a PA:
    worked shifts are always stored rows (confirming an occurrence stores it), so no pattern is expanded."""
    query = (select(Shift.pa_id, Shift.start)
             .where(Shift.start >= first, Shift.start < before, Shift.status == ShiftStatus.WORKED,
                    col(Shift.pa_id).is_not(None)))
    return list(session.exec(query).all())


def worked_shifts_of(*, session: Session, pa_id: int, first: datetime, before: datetime) -> list[Shift]:
    """One PA's stored shifts confirmed as worked that start from `first` up to `before`, in time order."""
    query = (select(Shift)
             .where(Shift.pa_id == pa_id, Shift.start >= first, Shift.start < before,
                    Shift.status == ShiftStatus.WORKED)
             .order_by(col(Shift.start)))
    return list(session.exec(query).all())


# --- pay runs --------------------------------------------------------------------------------------------

def pay_runs_ending(*, session: Session, period_end: date, pa_ids: Collection[int] | None = None) -> list[PayRun]:
    """Every stored pay run (any status, corrected ones too) for periods ending on `period_end`, oldest first."""
    statement = select(PayRun).where(PayRun.period_end == period_end)
    if pa_ids is not None:
        statement = statement.where(col(PayRun.pa_id).in_(set(pa_ids)))
    return list(session.exec(statement.order_by(col(PayRun.id))).all())


def pay_runs_overlapping(*, session: Session, pa_id: int, first: date, last: date) -> list[PayRun]:
    """One PA's stored pay runs whose period shares a day with `first` to `last`, oldest first."""
    statement = (select(PayRun)
                 .where(PayRun.pa_id == pa_id, PayRun.period_start <= last, PayRun.period_end >= first)
                 .order_by(col(PayRun.id)))
    return list(session.exec(statement).all())


def pay_runs_for(*, session: Session, pa_id: int) -> list[PayRun]:
    """One PA's stored pay runs, by period and then oldest first."""
    statement = select(PayRun).where(PayRun.pa_id == pa_id).order_by(col(PayRun.period_end), col(PayRun.id))
    return list(session.exec(statement).all())


def pay_runs_ending_between(*, session: Session, first: date, last: date) -> list[PayRun]:
    """Every stored pay run whose period ends from `first` to `last` (inclusive), by period end and id."""
    statement = (select(PayRun).where(PayRun.period_end >= first, PayRun.period_end <= last)
                 .order_by(col(PayRun.period_end), col(PayRun.id)))
    return list(session.exec(statement).all())


def pay_runs_paid_between(*, session: Session, first: date, last: date,
                          pa_id: int | None = None) -> list[PayRun]:
    """Every stored pay run (any status, corrected ones too) paid from `first` to `last` (inclusive), optionally of
    one PA, by pay date, period end and id: a tax year's pay as PAYE counts it (by the day pay is made)."""
    statement = select(PayRun).where(PayRun.pay_date >= first, PayRun.pay_date <= last)
    if pa_id is not None:
        statement = statement.where(PayRun.pa_id == pa_id)
    return list(session.exec(statement.order_by(col(PayRun.pay_date), col(PayRun.period_end),
                                                col(PayRun.id))).all())


def hmrc_payments(*, session: Session, tax_year: str | None = None) -> list[HmrcPayment]:
    """The payments made to HMRC (of one tax year, "2025-26"), by period and the day paid."""
    statement = select(HmrcPayment)
    if tax_year is not None:
        statement = statement.where(HmrcPayment.tax_year == tax_year)
    return list(session.exec(statement.order_by(col(HmrcPayment.tax_year), col(HmrcPayment.period_number),
                                                col(HmrcPayment.paid_on), col(HmrcPayment.id))).all())


def pay_run_count(*, session: Session, pa_id: int) -> int:
    """How many pay runs are stored for a PA (any status)."""
    return session.exec(select(func.count()).select_from(PayRun).where(PayRun.pa_id == pa_id)).one()


def corrections_of(*, session: Session, run_id: int) -> list[PayRun]:
    """The runs that correct this one, oldest first."""
    return list(session.exec(select(PayRun).where(PayRun.corrects_id == run_id).order_by(col(PayRun.id))).all())


def pay_run_lines(*, session: Session, run_ids: Collection[int]) -> list[PayRunLine]:
    """The lines of these runs, by run and then in their order."""
    statement = (select(PayRunLine).where(col(PayRunLine.pay_run_id).in_(set(run_ids)))
                 .order_by(col(PayRunLine.pay_run_id), col(PayRunLine.position), col(PayRunLine.id)))
    return list(session.exec(statement).all())


def absences_of(*, session: Session, pa_id: int, first: date, last: date) -> list[Absence]:
    """One PA's absences overlapping `first` to `last` (inclusive), earliest first."""
    statement = (select(Absence).where(Absence.pa_id == pa_id, Absence.start_date <= last, Absence.end_date >= first)
                 .order_by(col(Absence.start_date), col(Absence.id)))
    return list(session.exec(statement).all())
