"""Who could cover when a PA can't come, and recording the cover."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session

from paemployer.errors import NotFoundError, ValidationError
from paemployer.i18n import _
from paemployer.labels import absence_kind_label
from paemployer.services.rota import engine
from paemployer.services.rota.engine import RotaShift
from paemployer.services.rota.shifts import (
    _absences, _audit, _check_pa, _get, _moment, _to_rota_shift, _value, materialise, shifts_in,
)
from paemployer.services.rota.working_time import (
    AFTER, HISTORY, _excluded_days_by_pa, cover_reasons, records_from_by_pa,
)
from paemployer.store import queries
from paemployer.store.models import Absence, AbsenceKind, CoverContact, Shift, ShiftStatus


# --- "my PA can't come" --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverCandidate:
    """A PA who could cover; `reasons` says why covering would break their rest or hours limits."""

    pa_id: int
    pa_name: str
    phone: str
    reasons: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()

    @property
    def within_limits(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class CoverContactOption:
    contact_id: int
    name: str
    role: str
    phone: str
    phone_other: str
    available_when: str
    can_help_with: str
    priority: int
    last_confirmed: date | None


@dataclass(frozen=True)
class CoverOptions:
    shift: RotaShift
    pas: tuple[CoverCandidate, ...]            # free then: within limits first, then those with a reason
    unavailable: tuple[tuple[str, str], ...]   # (PA name, why not): on shift, on leave
    contacts: tuple[CoverContactOption, ...]   # emergency cover contacts in priority order


def _contacts(session: Session) -> list[CoverContactOption]:
    return [CoverContactOption(c.id, c.name, _value(c.role), c.phone, c.phone_other, c.available_when,
                               c.can_help_with, c.priority, c.last_confirmed)
            for c in queries.cover_contacts(session=session)]


def cover_options(ef, key: str | int) -> CoverOptions:
    """Who could cover this shift: other PAs free then (with any rest/hours reason), then plan B contacts."""

    with ef.session() as session:
        shift = _get(session, key)
        day = shift.start.date()
        pas = sorted(queries.list_pas(session=session, employed_on=day),
                     key=lambda pa: (pa.first_name, pa.last_name))
        # One read for every PA: the 17-week reference period before the shift and two weeks after it.
        nearby = shifts_in(session, shift.start - HISTORY, shift.end + AFTER)
        absences = _absences(session, day, shift.end.date())
        excluded = _excluded_days_by_pa(session, {pa.id for pa in pas}, (shift.start - HISTORY).date(),
                                        (shift.end + AFTER).date())
        records_from = records_from_by_pa(session, {pa.id for pa in pas})
        candidates, unavailable = [], []
        for pa in pas:
            if pa.id == shift.pa_id:
                continue
            busy = [s for s in nearby if s.pa_id == pa.id and s.is_active and s.overlaps(shift.start, shift.end)]
            if busy:
                unavailable.append((pa.full_name, _("on another shift then ({time})").format(
                    time=engine.describe_shift_time(busy[0]))))
                continue
            away = [a for a in absences if a.pa_id == pa.id]
            if away:
                unavailable.append((pa.full_name, _("booked off ({kind})").format(
                    kind=absence_kind_label(away[0].kind))))
                continue
            codes, reasons = cover_reasons(pa, shift, nearby, excluded_days=excluded.get(pa.id, frozenset()),
                                           records_from=records_from.get(pa.id))
            candidates.append(CoverCandidate(pa.id, pa.full_name, pa.phone, tuple(reasons), tuple(codes)))
        candidates.sort(key=lambda c: (not c.within_limits, c.pa_name))
        return CoverOptions(shift, tuple(candidates), tuple(unavailable), tuple(_contacts(session)))


# Kinds of absence "can't come" records; family leave (maternity and so on) is planned in the PA's record.
COVER_ABSENCE_KINDS = ("sickness", "unpaid", "no_show", "annual_leave", "carers", "other")


def record_cover(ef, key: str | int, *, covering_pa_id: int | None = None, cover_contact_id: int | None = None,
                 absence_kind: str = "sickness", notes: str = "") -> str | None:
    """Record that the shift's PA cannot come, and who covers (a PA, a cover contact, or nobody yet).

    In one transaction: the original shift becomes `covered` (or `absent` when nobody covers), a covering
    shift is added, and the absent PA's Absence is recorded with its kind for pay and leave. Returns the
    covering shift's key, or None when nobody covers.
    """
    if covering_pa_id is not None and cover_contact_id is not None:
        raise ValidationError(_("Choose either a PA or a cover contact to cover, not both."), field="cover")
    if absence_kind not in COVER_ABSENCE_KINDS:
        raise ValidationError(_("'{kind}' is not a kind of absence for a shift someone cannot come to: use one of "
                                "{kinds}.").format(kind=absence_kind, kinds=", ".join(COVER_ABSENCE_KINDS)),
                              field="absence_kind")
    kind = AbsenceKind(absence_kind)
    with ef.session() as session:
        original = materialise(session, key)
        if _value(original.status) not in engine.ACTIVE_STATUSES:
            raise ValidationError(_("This shift is already marked as cancelled, absent or covered."), field="shift")
        if covering_pa_id is not None:
            _check_pa(session, covering_pa_id)
            if covering_pa_id == original.pa_id:
                raise ValidationError(_("The PA who cannot come cannot cover their own shift."), field="cover")
        if cover_contact_id is not None and session.get(CoverContact, cover_contact_id) is None:
            raise NotFoundError(_("That cover contact is no longer in this file."))
        covered = covering_pa_id is not None or cover_contact_id is not None
        original.status = ShiftStatus.COVERED if covered else ShiftStatus.ABSENT
        session.add(original)
        if original.pa_id is not None:
            minutes = _to_rota_shift(original, {}, {}).working_minutes
            session.add(Absence(
                pa_id=original.pa_id, kind=kind, start_date=original.start.date(), end_date=original.start.date(),
                hours=(Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                shift_id=original.id, notes=notes,
            ))
        _audit(ef, session, "change", "shift", original.id,
               _("Recorded that the shift of {start} was missed ({kind})").format(
                   start=_moment(original.start), kind=absence_kind_label(kind.value)))
        if not covered:
            return None
        cover = Shift(pa_id=covering_pa_id, start=original.start, end=original.end, kind=original.kind,
                      break_minutes=original.break_minutes, status=ShiftStatus.PLANNED,
                      cover_for_shift_id=original.id, cover_contact_id=cover_contact_id, notes=notes)
        session.add(cover)
        session.flush()
        return engine.shift_key(cover.id)


