"""A PA's shifts as an iCalendar (.ics) file they can import into a phone calendar.

Each event's UID comes from the employer file's identity and the shift's rota key (the pattern and
its occurrence, or the stored shift), so importing a fresh export updates the events already there
instead of adding copies; a shift cancelled, covered, deleted or given to another PA since is sent as
STATUS:CANCELLED with the same UID, so it leaves the phone rather than staying there stale.
Times carry TZID Europe/London with a VTIMEZONE, so phones get the clock changes right.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from paemployer import __version__
from paemployer.services import output
from paemployer.errors import ValidationError
from paemployer.i18n import _
from paemployer.services import rota
from paemployer.labels import shift_kind_label
from paemployer.services.rota.engine import LONDON, RotaShift
from paemployer.store import queries
from paemployer.store.models import PA

UID_DOMAIN = "paemployer.invalid"


def file_identity(file_uid: str) -> str:
    """A short tag for one employer's file, so two employers' shifts never share a UID.

    It comes from the file's uid, which never changes: renaming the employer keeps every UID.
    """
    return hashlib.sha256(file_uid.encode("utf-8")).hexdigest()[:12]


def event_uid(identity: str, shift: RotaShift) -> str:
    return f"{shift.key.replace('@', '-')}-{identity}@{UID_DOMAIN}"


def _summary(shift: RotaShift, employer_name: str) -> str:
    if employer_name:
        return _("{kind} shift for {employer}").format(kind=shift_kind_label(shift.kind).capitalize(),
                                                        employer=employer_name)
    return _("{kind} shift").format(kind=shift_kind_label(shift.kind).capitalize())


def _description(shift: RotaShift) -> str:
    lines = []
    if shift.break_minutes:
        lines.append(_("Unpaid break: {minutes} minutes").format(minutes=shift.break_minutes))
    if shift.cover_for_shift_id is not None:
        lines.append(_("Covering for a colleague"))
    if shift.status == "covered":
        lines.append(_("Someone else is covering this shift"))
    elif shift.status in ("cancelled", "absent"):
        lines.append(_("This shift is cancelled"))
    if shift.notes:
        lines.append(shift.notes)
    return "\n".join(lines)


def calendar_bytes(shifts: list[RotaShift], *, identity: str, employer_name: str, pa_name: str,
                   stamp: datetime) -> bytes:
    """The .ics text for these shifts. `stamp` (local time) is the DTSTAMP: pass it in for repeatable files."""
    calendar = Calendar()
    calendar.add("prodid", f"-//PA Employer//paemployer {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Shifts: {pa}").format(pa=pa_name))
    calendar.add("x-wr-timezone", "Europe/London")
    stamp_utc = stamp.replace(tzinfo=LONDON)
    for shift in shifts:
        event = Event()
        event.add("uid", event_uid(identity, shift))
        event.add("dtstamp", stamp_utc)
        event.add("dtstart", shift.start.replace(tzinfo=LONDON))
        event.add("dtend", shift.end.replace(tzinfo=LONDON))
        event.add("summary", _summary(shift, employer_name))
        description = _description(shift)
        if description:
            event.add("description", description)
        event.add("status", "CONFIRMED" if shift.is_active else "CANCELLED")
        event.add("transp", "OPAQUE" if shift.is_active else "TRANSPARENT")
        calendar.add_component(event)
    # A VTIMEZONE covering just the exported shifts (and a year either side), not every change since 1970.
    days = [s.start.date() for s in shifts] or [stamp.date()]
    calendar.add_missing_timezones(first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366))
    return calendar.to_ical()


def _pa_shifts(ef, pa_id: int, start: datetime, end: datetime) -> list[RotaShift]:
    """The PA's shifts, plus their patterns' occurrences given to someone else: sent as cancelled, same UID."""
    own_patterns = {p.pattern_id for p in rota.list_patterns(ef, pa_id=pa_id)}
    shifts = []
    for shift in rota.shifts_between(ef, start, end):
        if shift.pa_id == pa_id:
            shifts.append(shift)
        elif shift.pattern_id in own_patterns and shift.occurrence_start is not None:
            status = "covered" if shift.is_active else shift.status
            shifts.append(replace(shift, status=status, pa_id=pa_id, pa_name="", cover_contact_id=None,
                                  cover_contact_name="", cover_for_shift_id=None))
    return shifts


def pa_calendar(ef, pa_id: int, first_day: date, last_day: date, *, stamp: datetime) -> tuple[bytes, int]:
    """(.ics bytes, number of events) for one PA's shifts from `first_day` to `last_day` inclusive."""
    if last_day < first_day:
        raise ValidationError(_("The last day must be on or after the first."), field="last_day")
    start = datetime.combine(first_day, time())
    end = datetime.combine(last_day + timedelta(days=1), time())
    shifts = _pa_shifts(ef, pa_id, start, end)
    with ef.session() as session:
        employer = queries.get_employer(session=session)
        pa = session.get(PA, pa_id)
        pa_name = pa.full_name if pa is not None else ""
    return calendar_bytes(shifts, identity=file_identity(employer.file_uid), employer_name=employer.name,
                          pa_name=pa_name, stamp=stamp), len(shifts)


def export_pa_calendar(ef, pa_name: str, out: Path | str, *, first_day: date, last_day: date,
                       stamp: datetime, replace: bool = False) -> int:
    """Write the named PA's calendar to `out`; returns the number of events written.

    Refuses an existing `out` unless `replace`, and an employer file always (output.write_output).
    """
    output.check_output_path(out, replace=replace)  # before the work, so a refusal is quick
    pa_id, _full_name = rota.find_pa(ef, pa_name)
    data, count = pa_calendar(ef, pa_id, first_day, last_day, stamp=stamp)
    output.write_output(out, data, replace=replace)
    return count
