"""Working-time limits on the rota through the rules engine (rules/working_time.py): rest, breaks, 48 hours.

The rota shows the breaches touching the period on screen, and "who could cover?" says which limit a
PA would break by taking a shift. Each PA's shifts are read for the 17-week reference period before
the period (plus a week), patterns expanded, so an average or a weekly rest is judged on real history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session

from paemployer.rules.rates import load_table
from paemployer.rules.working_time import (
    TABLE, WTR_48H_AVERAGE, Breach, ShiftTimeline, WorkingTimeFacts, WorkShift, check_working_time,
)
from paemployer.services.rota.engine import RotaShift
from paemployer.services.rota.first_day import first_rota_days
from paemployer.store import queries
from paemployer.store.models import PA, AbsenceKind


def _reference_history() -> timedelta:
    """How far before a period to read shifts: the longest reference period in the working-time table (17 weeks,
    reg 4(3), reference_weeks) so every average ending inside the period is whole, and a week's margin for
    weekly rest."""
    return timedelta(weeks=max(row["reference_weeks"] for row in load_table(TABLE).rows) + 1)


HISTORY = _reference_history()
# As far after the period as before: the averages (48 hours, night work) are judged on the rota planned a whole
# reference period ahead, as the warnings centre judges them, so a week shows what its warning says; this also
# covers the fortnight of weekly rest (reg 11(2)) and the days making up for leave (reg 4(6)).
AFTER = HISTORY
# Leave and sickness days are left out of the 48-hour average and made up from later days (reg 4(5)-(6)).
EXCLUDED_KINDS = frozenset({
    AbsenceKind.ANNUAL_LEAVE, AbsenceKind.SICKNESS, AbsenceKind.MATERNITY, AbsenceKind.PATERNITY,
    AbsenceKind.ADOPTION, AbsenceKind.SHARED_PARENTAL,
})


@dataclass(frozen=True)
class WorkingTimeIssue:
    """A working-time limit a PA's rota breaks, for the rota view (codes WTR_*)."""

    code: str
    pa_id: int
    pa_name: str
    first_day: date
    last_day: date
    shift_keys: tuple[str, ...]
    explanation: str
    basis: str
    notes: tuple[str, ...]
    fact: str
    opted_out: bool = False  # a 48-hour finding for a PA with a signed opt-out: information, not a breach
    forecast: bool = False   # a 48-hour average "on course to exceed": the weeks before the records are unknown

    def as_json(self) -> dict:
        return {"code": self.code, "pa": self.pa_name, "pa_id": self.pa_id, "first_day": self.first_day.isoformat(),
                "last_day": self.last_day.isoformat(), "shifts": list(self.shift_keys),
                "explanation": self.explanation, "basis": self.basis, "notes": list(self.notes),
                "opted_out": self.opted_out, "forecast": self.forecast}


def work_shift(shift: RotaShift) -> WorkShift:
    return WorkShift(id=shift.key, start=shift.start, end=shift.end, break_minutes=shift.break_minutes,
                     kind=shift.kind)


def _excluded_days_by_pa(session: Session, pa_ids: set[int], first: date, last: date) -> dict[int, frozenset[date]]:
    """Each PA's days of leave or sickness between `first` and `last` (left out of the 48-hour average), in one query."""
    days: dict[int, set[date]] = defaultdict(set)
    for absence in queries.absences_between(session=session, first=first, last=last, pa_ids=pa_ids):
        if absence.kind not in EXCLUDED_KINDS:
            continue
        day = max(absence.start_date, first)
        while day <= min(absence.end_date, last):
            days[absence.pa_id].add(day)
            day += timedelta(days=1)
    return {pa_id: frozenset(pa_days) for pa_id, pa_days in days.items()}


def records_from_by_pa(session: Session, pa_ids: set[int]) -> dict[int, date]:
    """The first day each PA's work is on record in this file (their first stored shift of any status, or the first
    occurrence a pattern puts on the rota: first_day.first_rota_days), in two queries: weeks before it are unknown
    to the 48-hour average, weeks after it without shifts are weeks off."""
    return first_rota_days(session, queries.earliest_rota_starts(session=session, pa_ids=pa_ids), pa_ids)


def facts_for(pa: PA, *, excluded_days: frozenset[date], records_from: date | None = None) -> WorkingTimeFacts:
    """The rules' facts about `pa`; `excluded_days` from `_excluded_days_by_pa` and `records_from` from
    `records_from_by_pa`, each read once for every PA."""
    return WorkingTimeFacts(
        date_of_birth=pa.date_of_birth,
        other_hours_per_week=Decimal(pa.other_employer_hours_per_week or 0),
        opt_out=bool(pa.wtr_opt_out),
        employment_start=pa.start_date,
        excluded_days=excluded_days,
        records_from=records_from,
    )


def _issue(breach: Breach, pa: PA, opted_out: bool) -> WorkingTimeIssue:
    return WorkingTimeIssue(breach.code, pa.id, pa.full_name, breach.first_day, breach.last_day,
                            tuple(str(key) for key in breach.shift_ids), breach.message, breach.basis,
                            tuple(breach.notes), breach.fact, opted_out, bool(breach.params.get("forecast")))


def working_time_issues(session: Session, shifts: list[RotaShift], range_start: datetime,
                        range_end: datetime, *, nearby: list[RotaShift]) -> list[WorkingTimeIssue]:
    """Breaches of the working-time limits touching [range_start, range_end) by the PAs on these shifts.

    `nearby`: the shifts from HISTORY before the range to AFTER it, which the caller has read already.
    """
    pa_ids = {s.pa_id for s in shifts if s.pa_id is not None and s.is_active}
    if not pa_ids:
        return []
    history = defaultdict(list)  # each PA's timeline, built once in a single pass
    for shift in nearby:
        if shift.pa_id in pa_ids and shift.is_active:
            history[shift.pa_id].append(work_shift(shift))
    first_day, last_day = (range_start - HISTORY).date(), (range_end + AFTER).date()
    excluded = _excluded_days_by_pa(session, pa_ids, first_day, last_day)
    records_from = records_from_by_pa(session, pa_ids)
    issues = []
    for pa in queries.pas_by_id(session=session, pa_ids=pa_ids):
        facts = facts_for(pa, excluded_days=excluded.get(pa.id, frozenset()), records_from=records_from.get(pa.id))
        touching = (range_start.date(), range_end.date() - timedelta(days=1))
        for breach in check_working_time(history[pa.id], facts, touching=touching):
            if breach.last_day < range_start.date() or breach.first_day >= range_end.date():
                continue
            issues.append(_issue(breach, pa, breach.code == WTR_48H_AVERAGE and pa.wtr_opt_out))
    issues.sort(key=lambda issue: (issue.first_day, issue.pa_name, issue.code))
    return issues


def cover_reasons(pa: PA, shift: RotaShift, nearby: list[RotaShift], *, excluded_days: frozenset[date],
                  records_from: date | None = None) -> tuple[list[str], list[str]]:
    """(codes, reasons) for the limits `pa` would break by also working `shift`, given their shifts in `nearby`
    (HISTORY before the shift to AFTER it), their leave days then (`excluded_days`) and the first day their work is
    on record (`records_from`, from `records_from_by_pa`).

    A 48-hour average under a signed opt-out is not a reason: the PA has agreed to work more.
    """
    own = [s for s in nearby if s.pa_id == pa.id and s.is_active]
    facts = facts_for(pa, excluded_days=excluded_days, records_from=records_from)
    proposed = WorkShift(id="proposed", start=shift.start, end=shift.end, break_minutes=shift.break_minutes,
                         kind=shift.kind)
    codes, reasons = [], []
    for breach in ShiftTimeline([work_shift(s) for s in own], facts).check_proposed(proposed):
        if breach.code == WTR_48H_AVERAGE and pa.wtr_opt_out:
            continue
        if breach.code not in codes:
            codes.append(breach.code)
            reasons.append(breach.message)
    return codes, reasons
