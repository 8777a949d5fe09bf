"""The warnings centre: every warning for an employer file as of a date, most urgent first.

One pass of queries reads the records into plain facts; the pure rules (rules/compliance_checks.py,
rules/minimum_wage.py, the rota's working-time and gap checks, the pay service's checks of the pay made) turn
them into findings; the catalogue words them; risk decisions mark those the employer has already decided on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session

from paemployer.rules import compliance_checks as checks
from paemployer.rules import working_time
from paemployer.rules.compliance_checks import (
    CoverContactFacts, EmployerFacts, Horizons, PAFacts, TermsFacts, TrainingFacts,
)
from paemployer.i18n import format_date, format_time, ngettext
from paemployer.rules.warnings import (
    EMPLOYER, Decision, Finding, Severity, Warning, apply_decisions, fingerprint, pa_subject, sort_warnings,
)
from paemployer.services.compliance.decisions import load_decisions
from paemployer.services import rota
from paemployer.services.pay import pay_findings
from paemployer.services.tax.findings import tax_findings
from paemployer.services.rota import working_time as rota_working_time
from paemployer.services.rota.first_day import first_rota_days
from paemployer.services.compliance.catalogue import (
    HORIZONS, MAX_GAP_WARNINGS, ROTA_LOOK_AHEAD_DAYS, WTR_LOOK_BACK_DAYS, render,
)
from paemployer.store import queries


def _value(enum_or_text: Any) -> Any:
    return getattr(enum_or_text, "value", enum_or_text)


@dataclass(frozen=True)
class Snapshot:
    """The records the checks need, read in one transaction as plain values."""

    employer: EmployerFacts
    pas: tuple[PAFacts, ...]
    contacts: tuple[CoverContactFacts, ...]
    decisions: tuple[Decision, ...]

    def name_of(self, subject: str) -> str:
        if subject == EMPLOYER:
            return EMPLOYER
        for pa in self.pas:
            if pa.subject == subject:
                return pa.full_name
        return subject


def load_snapshot(session: Session) -> Snapshot:
    """Seven queries, whatever the number of PAs: no query per PA (or per shift pattern)."""
    employer_row = queries.find_employer(session=session)
    employer = EmployerFacts() if employer_row is None else EmployerFacts(
        nation=_value(employer_row.nation), el_insurer=employer_row.el_insurer, el_expiry=employer_row.el_expiry,
        pension_duties_start=employer_row.pension_duties_start,
        declaration_of_compliance_date=employer_row.declaration_of_compliance_date,
    )
    terms_by_pa: dict[int, list[TermsFacts]] = defaultdict(list)
    for row in queries.all_contract_terms(session=session):
        terms_by_pa[row.pa_id].append(TermsFacts(
            id=row.id, effective_from=row.effective_from, standard_rate=row.standard_rate,
            waking_night_rate=row.waking_night_rate, pay_frequency=_value(row.pay_frequency),
            probation_end=row.probation_end, issued_on=row.issued_on))
    training_by_pa: dict[int, list[TrainingFacts]] = defaultdict(list)
    for row in queries.all_training(session=session):
        training_by_pa[row.pa_id].append(TrainingFacts(id=row.id, course=row.course, completed_on=row.completed_on,
                                                        expires_on=row.expires_on))
    # The first day each PA is on the rota (a stored shift planned or worked, or the first occurrence a pattern puts
    # on the rota), the stored shifts read in the same query as the PAs: a child's work is found however the start
    # date was recorded.
    rows = queries.pas_with_first_rota_day(session=session)
    first_days = first_rota_days(session, [(row.id, shift_start) for row, shift_start in rows])
    pas = tuple(
        PAFacts(
            id=row.id, full_name=row.full_name, date_of_birth=row.date_of_birth, start_date=row.start_date,
            first_day_worked=first_days.get(row.id),
            end_date=row.end_date, is_family=row.is_family, family_relationship=row.family_relationship,
            same_household=row.same_household, council_approved_family=row.council_approved_family,
            right_to_work_checked_on=row.right_to_work_checked_on,
            right_to_work_follow_up=row.right_to_work_follow_up,
            background_check_kind=_value(row.background_check_kind),
            background_check_date=row.background_check_date,
            background_check_declined=row.background_check_declined, apprentice=row.apprentice,
            apprentice_since=row.apprentice_since, pension_status=_value(row.pension_status),
            pension_assessed_on=row.pension_assessed_on, wtr_opt_out=row.wtr_opt_out,
            other_employer_hours_per_week=row.other_employer_hours_per_week,
            terms=tuple(terms_by_pa.get(row.id, ())), training=tuple(training_by_pa.get(row.id, ())),
        )
        for row, _shift_start in rows
    )
    contacts = tuple(
        CoverContactFacts(id=row.id, name=row.name, last_confirmed=row.last_confirmed)
        for row in queries.cover_contacts(session=session)
    )
    return Snapshot(employer, pas, contacts, tuple(load_decisions(session)))


def findings_for(snapshot: Snapshot, *, on: date, horizons: Horizons = HORIZONS) -> list[Finding]:
    """Every finding from the records (not the rota) on `on`."""
    findings = checks.record_checks(snapshot.employer, snapshot.pas, snapshot.contacts, on=on, horizons=horizons)
    findings += checks.minimum_wage_checks(snapshot.pas, on=on, horizons=horizons)
    return findings


def _span(start: datetime, end: datetime) -> str:
    """'Saturday 5 December 2026, 17:00–22:00' (the end's day is named when it is another day)."""
    first = f"{format_date(start.date(), format='full')}, {format_time(start.time())}"
    if end.date() == start.date():
        return f"{first}–{format_time(end.time())}"
    return f"{first} – {format_date(end.date(), format='full')}, {format_time(end.time())}"


def rota_findings(ef, *, on: date) -> list[Finding]:
    """ROTA_GAP and ROTA_CLASH over the coming days, through the rota service's public API."""
    start = datetime.combine(on, time())
    period = rota.period(ef, start, start + timedelta(days=ROTA_LOOK_AHEAD_DAYS))
    findings: list[Finding] = []
    gaps = [gap for gap in period.gaps if gap.end > start]
    if len(gaps) > MAX_GAP_WARNINGS:
        # Many gaps mean the rota is not planned yet: one warning, not one per gap.
        findings.append(Finding("ROTA_GAP", EMPLOYER, fingerprint(*[(g.start, g.end, g.people_missing) for g in gaps]),
                                due=gaps[0].start.date(), record_id=gaps[0].start.date(),
                                params={"when": _span(gaps[0].start, gaps[0].end), "count": len(gaps),
                                        "days": ROTA_LOOK_AHEAD_DAYS, "people_missing": gaps[0].people_missing}))
    else:
        for gap in gaps:
            findings.append(Finding("ROTA_GAP", EMPLOYER, fingerprint(gap.start, gap.end, gap.people_missing),
                                    due=gap.start.date(), record_id=gap.start.date(),
                                    params={"when": _span(gap.start, gap.end), "count": 1,
                                            "people_missing": gap.people_missing}))
    for clash in period.clashes:
        first = clash.shifts[0]
        findings.append(Finding("ROTA_CLASH", pa_subject(clash.pa_id),
                                fingerprint(clash.reason, *[(s.key, s.start, s.end) for s in clash.shifts],
                                            clash.absence.absence_id if clash.absence else None),
                                due=first.start.date(), record_id=first.key,
                                params={"name": clash.pa_name, "when": _span(first.start, first.end),
                                        "reason": clash.reason,
                                        "other": _span(clash.shifts[1].start, clash.shifts[1].end)
                                        if len(clash.shifts) > 1 else "",
                                        "absence_start": clash.absence.start_date if clash.absence else None,
                                        "absence_end": clash.absence.end_date if clash.absence else None}))
    return findings


def working_time_findings(ef, pas: tuple[PAFacts, ...], *, on: date) -> list[Finding]:
    """WTR_* breaches from the PAs' shifts (stored and from patterns) over the recent past and the coming
    fortnight, by rules/working_time.py; the 48-hour average (and night work) over a whole reference period ahead,
    so a rota planned over the limit warns from its first week. Breaches that ended before the look-back are
    history, not warnings."""
    start = datetime.combine(on - timedelta(days=WTR_LOOK_BACK_DAYS), time()) - rota_working_time.HISTORY
    soon = on + timedelta(days=ROTA_LOOK_AHEAD_DAYS)
    end = datetime.combine(max(soon, on + rota_working_time.HISTORY), time())
    by_pa: dict[int, list[working_time.WorkShift]] = defaultdict(list)
    for shift in rota.shifts_between(ef, start, end):
        if shift.pa_id is not None and shift.is_active:
            by_pa[shift.pa_id].append(rota_working_time.work_shift(shift))
    if not by_pa:
        return []
    oldest = on - timedelta(days=WTR_LOOK_BACK_DAYS)
    findings: list[Finding] = []
    # The rota's own facts (leave and sickness left out of the 48-hour average), so both agree: one session,
    # one absence query for every PA with shifts.
    with ef.session() as session:
        excluded = rota_working_time._excluded_days_by_pa(session, set(by_pa), start.date(), end.date())
        records_from = rota_working_time.records_from_by_pa(session, set(by_pa))
        rows = {row.id: row for row in queries.pas_by_id(session=session, pa_ids=by_pa)}
        facts_by_pa = {pa_id: rota_working_time.facts_for(row, excluded_days=excluded.get(pa_id, frozenset()),
                                                          records_from=records_from.get(pa_id))
                       for pa_id, row in rows.items()}
    for pa in pas:
        shifts = by_pa.get(pa.id)
        if not shifts:
            continue
        facts = facts_by_pa[pa.id]
        by_code: dict[str, list[working_time.Breach]] = defaultdict(list)
        for breach in working_time.check_working_time(shifts, facts):
            if breach.code not in AVERAGED and breach.first_day > soon:
                continue  # rest and breaks: the coming fortnight, as the rest of the rota is looked at
            if breach.last_day >= oldest:
                by_code[breach.code].append(breach)
        for code, breaches in by_code.items():
            findings.append(_working_time_finding(pa, code, breaches, on=on))
    return findings


# Limits on an average over the reference period: judged on the rota a whole reference period ahead.
AVERAGED = frozenset({working_time.WTR_48H_AVERAGE, working_time.WTR_NIGHT_WORK})


def _working_time_finding(pa: PAFacts, code: str, breaches: list, *, on: date) -> Finding:
    """One warning per PA and rule: a rota pattern repeats its breach every week, and one is enough to act on."""
    breaches.sort(key=lambda b: b.first_day)
    ahead = [b for b in breaches if b.last_day >= on]
    shown = ahead[0] if ahead else breaches[-1]
    detail = shown.message
    # A forecast ("on course to exceed") over the same weeks as a certain breach is that breach foreseen: one occasion.
    occasions = [b for b in breaches if not (b.params.get("forecast") and any(
        not other.params.get("forecast") and other.first_day <= b.last_day and b.first_day <= other.last_day
        for other in breaches))]
    if len(occasions) > 1:
        detail += " " + ngettext("It happens {count} time between {first} and {last}.",
                                 "It happens {count} times between {first} and {last}.", len(occasions)).format(
            count=len(occasions), first=format_date(breaches[0].first_day, format="long"),
            last=format_date(breaches[-1].last_day, format="long"))
    # The weekdays it falls on: stable while the same rota pattern repeats, so a decision holds week to week.
    shape = sorted({(b.first_day.weekday(), b.last_day.weekday()) for b in breaches})
    # A decision taken on a forecast ("on course to exceed") does not cover the breach itself when it comes.
    forecast = ("forecast",) if shown.params.get("forecast") else ()
    return Finding(code, pa.subject, fingerprint(code, pa.id, shape, pa.wtr_opt_out, bool(ahead), *forecast),
                   due=max(shown.first_day, on) if ahead else None,
                   record_id=shown.shift_ids[0] if shown.shift_ids else shown.first_day,
                   params={"name": pa.full_name, "detail": detail, "when": shown.first_day,
                           "opt_out": pa.wtr_opt_out and code == working_time.WTR_48H_AVERAGE,
                           "forecast": bool(shown.params.get("forecast")),
                           "notes": " ".join(shown.notes)})


def gather_warnings(ef, *, on: date) -> list[Warning]:
    """All warnings for the file as of `on`, most urgent first; decided ones marked `decided`."""
    with ef.session() as session:
        snapshot = load_snapshot(session)
    findings = findings_for(snapshot, on=on)
    findings += rota_findings(ef, on=on)
    findings += working_time_findings(ef, snapshot.pas, on=on)
    findings += pay_findings(ef, on=on)
    findings += tax_findings(ef, on=on)
    warnings = [render(finding, on=on, subject_name=snapshot.name_of(finding.subject)) for finding in findings]
    return sort_warnings(apply_decisions(warnings, list(snapshot.decisions), on))


def open_warnings(warnings: list[Warning]) -> list[Warning]:
    return [warning for warning in warnings if not warning.decided]


def count_act_now(warnings: list[Warning]) -> int:
    """How many open warnings need acting on now: what the app says at start-up."""
    return sum(1 for w in warnings if not w.decided and w.severity == Severity.ACT_NOW)


def _plain_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def warning_as_dict(warning: Warning) -> dict[str, Any]:
    """The JSON shape of `paemployer check --json` (and anything else that exports warnings)."""
    decision = warning.decision
    return {
        "code": warning.code,
        "severity": warning.severity.value,
        "subject": warning.subject_name,
        "subject_key": warning.subject,
        "due": warning.due.isoformat() if warning.due else None,
        "title": warning.title,
        "explanation": warning.explanation,
        "action": warning.action,
        "action_page": warning.action_target.page,
        "action_record_id": _plain_json(warning.action_target.record_id),
        "basis": warning.basis,
        "basis_url": warning.basis_url,
        "fact": warning.fact,
        "decided": warning.decided,
        "decision": None if decision is None else {
            "decision": decision.decision,
            "reason": decision.reason,
            "decided_by": decision.decided_by,
            "decided_at": decision.decided_at.isoformat() if isinstance(decision.decided_at, datetime) else None,
            "review_on": decision.review_on.isoformat() if decision.review_on else None,
        },
    }
