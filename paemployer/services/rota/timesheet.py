"""Timesheets: confirming planned shifts as worked, and recording what was worked."""

from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session

from paemployer.errors import NotFoundError, ValidationError
from paemployer.i18n import _
from paemployer.services.records.validation import parse_date_text
from paemployer.services.rota import engine
from paemployer.services.rota.shifts import (
    _audit,
    _key,
    _moment,
    _value,
    materialise,
    shifts_in,
)
from paemployer.store import queries
from paemployer.store.models import (
    ShiftStatus,
)

# --- timesheets ----------------------------------------------------------------------------------------


def stage_confirm_as_planned(session: Session, range_start: datetime, range_end: datetime, *, now: datetime,
                             pa_id: int | None = None) -> int:
    """`confirm_as_planned` in the caller's session, without the audit entry. Returns how many."""
    count = 0
    for shift in shifts_in(session, range_start, range_end):
        if shift.status != "planned" or shift.end > now or shift.start < range_start:
            continue
        if pa_id is not None and shift.pa_id != pa_id:
            continue
        row = materialise(session, shift.key)
        row.status = ShiftStatus.WORKED
        session.add(row)
        count += 1
    return count


def confirm_as_planned(ef, range_start: datetime, range_end: datetime, *, now: datetime,
                       pa_id: int | None = None) -> int:
    """Mark every planned shift in the range that has ended by `now` as worked, as planned. Returns how many."""
    with ef.session() as session:
        count = stage_confirm_as_planned(session, range_start, range_end, now=now, pa_id=pa_id)
        if count:
            _audit(ef, session, "change", "shift", None,
                   _("Confirmed {n} shifts as worked as planned").format(n=count))
        return count


def record_worked(ef, key: str | int, *, now: datetime, start: datetime | None = None, end: datetime | None = None,
                  break_minutes: int | None = None, woken_minutes: int | None = None) -> str:
    """Confirm one shift as worked, correcting the times, the break, or a sleep-in's minutes woken to work.

    Only a shift that has ended by `now` (local time) can be confirmed: a future one has not been worked yet.
    """
    with ef.session() as session:
        row = materialise(session, key)
        if _value(row.status) not in engine.ACTIVE_STATUSES:
            raise ValidationError(_("This shift was cancelled or covered; add the hours as a new shift instead."),
                                  field="shift")
        new_start, new_end = start or row.start, end or row.end
        new_break = row.break_minutes if break_minutes is None else break_minutes
        new_woken = row.woken_minutes if woken_minutes is None else woken_minutes
        if new_woken and _value(row.kind) not in ("sleep_in", "on_call"):
            raise ValidationError(_("Time woken to work is only for sleep-in and on-call shifts; for other "
                                    "shifts correct the start and end."), field="woken_minutes")
        engine.validate_shift(new_start, new_end, _value(row.kind), new_break, new_woken)
        if new_end > now:
            raise ValidationError(_("This shift ends at {end}, which has not come yet: it can be confirmed as worked "
                                    "once it is over.").format(end=_moment(new_end)),
                                  field="end")
        row.start, row.end, row.break_minutes, row.woken_minutes = new_start, new_end, new_break, new_woken
        row.status = ShiftStatus.WORKED
        session.add(row)
        session.flush()
        return _key(row)


# "Ann Lee (born 1990-12-13)": a name, then a date in brackets after a word in any language (or none).
_NAME_AND_BIRTH = re.compile(r"(.*?)\s*\(\s*[^\d()]*?\s*([0-9][0-9./-]*[0-9])\s*\)\s*")


def _pa_with_birth(pa) -> str:
    if pa.date_of_birth is None:
        return _("{name} (no date of birth recorded)").format(name=pa.full_name)
    return _("{name} (born {date})").format(name=pa.full_name, date=pa.date_of_birth.isoformat())


def find_pa(ef, name: str) -> tuple[int, str]:
    """(id, full name) of the PA called `name` (full name or known-as, any case). Two PAs who share a name are
    told apart by the date of birth in brackets, as the refusal lists them: "Ann Lee (born 1990-12-13)"."""
    wanted, born = " ".join(name.split()).casefold(), None
    match = _NAME_AND_BIRTH.fullmatch(name)
    if match and parse_date_text(match.group(2)) is not None:
        born = parse_date_text(match.group(2))
        wanted = " ".join(match.group(1).split()).casefold()
    with ef.session() as session:
        pas = queries.all_pas(session=session)
    named = [pa for pa in pas if wanted in (pa.full_name.casefold(), (pa.known_as or "").casefold())]
    matches = [pa for pa in named if born is None or pa.date_of_birth == born]
    if len(matches) == 1:
        return matches[0].id, matches[0].full_name
    shared = {pa.full_name.casefold() for pa in pas if sum(
        other.full_name.casefold() == pa.full_name.casefold() for other in pas) > 1}
    names = sorted(_pa_with_birth(pa) if pa.full_name.casefold() in shared else pa.full_name for pa in pas)
    if not matches and not named:
        raise NotFoundError(_("No PA called '{name}'. The PAs in this file are: {names}.").format(
            name=name, names=", ".join(names) or _("none yet")))
    listed = ", ".join(sorted(_pa_with_birth(pa) for pa in named))
    if not matches:
        raise NotFoundError(_("No PA called '{name}' has that date of birth. The PAs of that name are: {pas}. "
                              "Give the name as one of these, with the date of birth in brackets.").format(
            name=name, pas=listed))
    if not any(pa.date_of_birth for pa in matches):
        raise ValidationError(_("More than one PA is called '{name}': {pas}. Add their dates of birth in the app to "
                                "tell them apart.").format(name=name, pas=listed), field="pa")
    example = _pa_with_birth(next(pa for pa in matches if pa.date_of_birth))
    raise ValidationError(_("More than one PA is called '{name}': {pas}. Give the name as one of these, with the "
                            "date of birth in brackets, for example '{example}'.").format(
        name=name, pas=listed, example=example), field="pa")
