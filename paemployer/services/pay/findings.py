"""Warnings from pay, for the warnings centre: NMW_SHORTFALL on pay made, HOLIDAY_PAY_BELOW_AVERAGE,
PAY_RUN_NOT_FINALISED after the pay day, and PAYSLIP_MISSING for a period with hours worked and no pay.

Cheap by design: it looks back at most LOOK_BACK (13 months), reads the runs of that window in one query, the
worked shifts in one more, and builds a PA's full inputs only for a run with leave in its period (holiday pay).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from paemployer.errors import ValidationError
from paemployer.rules.dates import months_after
from paemployer.rules.money import ZERO, round_half_up_to_penny
from paemployer.rules.pay import (
    LineKind,
    RunSource,
    RunStatus,
    holiday_pay_check,
)
from paemployer.rules.warnings import Finding, fingerprint, pa_subject
from paemployer.services.pay.inputs import (
    finalised_standing,
    inputs_in,
    shortfalls_owed,
    standing_runs,
    stored_worked_shifts,
)
from paemployer.services.pay.runs import NMW_SHORTFALL, shortfall_fact, values_of
from paemployer.services.pay.schedule import (
    bank_holidays_around,
    employment_in,
    frequencies_by_pa,
    frequency_on,
    period_around,
)
from paemployer.store import queries
from paemployer.store.models import AbsenceKind

LOOK_BACK_MONTHS = 13  # a year of pay periods and the one before: older pay is history, not a warning


def _look_back(on: date) -> date:
    return months_after(on, -LOOK_BACK_MONTHS)


def pay_findings(ef, *, on: date) -> list[Finding]:
    with ef.session() as session:
        return findings_in(session, on=on)


def findings_in(session: Session, *, on: date) -> list[Finding]:
    first = _look_back(on)
    rows = standing_runs(queries.pay_runs_ending_between(session=session, first=first, last=on + timedelta(days=62)))
    runs = values_of(session, rows)
    findings: list[Finding] = []
    owed, owed_by_pa = _owed(session, runs)
    for run in runs:
        subject = pa_subject(run.pa_id)
        period = {"period_start": run.period.start, "period_end": run.period.end, "pay_date": run.period.pay_date}
        result = run.minimum_wage
        if result is not None and result.shortfall > ZERO and run.period.end >= first:
            shortfall, arrears = result.shortfall, result.earlier_arrears
            if run.status == RunStatus.FINALISED:
                # Back pay in the finalised runs since pays the oldest shortfall first (as the next run's inputs
                # reckon it): a shortfall paid back is not owed, and arrears all paid back are not said to be.
                shortfall = owed.get(run.run_id, shortfall)
                if not any(remaining > ZERO for end, remaining in owed_by_pa.get(run.pa_id, ()) if end < run.period.start):
                    arrears = ZERO
            if shortfall <= ZERO:
                continue
            findings.append(Finding(
                NMW_SHORTFALL, subject, shortfall_fact(run), due=run.period.pay_date,
                overdue=run.period.pay_date <= on, record_id=run.run_id,
                params={"name": run.pa_name, "pay_made": True, **period, "shortfall": shortfall,
                        "arrears": arrears, "minimum": result.rate or ZERO,
                        "required": result.required, "pay_counted": result.pay_counted,
                        "hours_counted": f"{result.hours_counted:f}",
                        "finalised": run.status == RunStatus.FINALISED}))
        if run.status != RunStatus.FINALISED and run.period.pay_date < on:
            findings.append(Finding(
                "PAY_RUN_NOT_FINALISED", subject, fingerprint("not_finalised", run.run_id, run.period.pay_date),
                due=run.period.pay_date, overdue=True, record_id=run.run_id,
                params={"name": run.pa_name, **period, "status": run.status.value}))
    findings += _holiday_pay_findings(session, runs, first=first, on=on)
    findings += _missing_payslips(session, rows, first=first, on=on)
    findings += _unpaid_shifts(session, runs, on=on)
    return findings


def _owed(session: Session, runs: list) -> tuple[dict, dict]:
    """For the PAs with a finalised shortfall among `runs`: (run id → the shortfall still owed after the back pay
    paid since, PA id → [(period end, still owed)] of all their finalised shortfalls)."""
    owed: dict = {}
    by_pa: dict = {}
    for pa_id in {run.pa_id for run in runs if run.status == RunStatus.FINALISED and run.minimum_wage is not None
                  and run.minimum_wage.shortfall > ZERO}:
        reckoned = shortfalls_owed(session, finalised_standing(session, pa_id))
        by_pa[pa_id] = [(row.period_end, remaining) for row, remaining in reckoned]
        owed.update({row.id: remaining for row, remaining in reckoned})
    return owed, by_pa


def _holiday_pay_findings(session: Session, runs: list, *, first: date, on: date) -> list[Finding]:
    """HOLIDAY_PAY_BELOW_AVERAGE for payroll services' payslips whose period had annual leave: only those runs'
    inputs are read. The app's own runs pay leave at no less than the average by construction (rules/pay.py
    takes the higher of the contract rate and the average), so checking them again on every refresh is waste."""
    runs = [run for run in runs if run.source == RunSource.IMPORTED]
    if not runs:
        return []
    leave = defaultdict(list)
    for absence in queries.absences_between(session=session, first=first, last=on,
                                            pa_ids={run.pa_id for run in runs}):
        if getattr(absence.kind, "value", absence.kind) == AbsenceKind.ANNUAL_LEAVE.value:
            leave[absence.pa_id].append((absence.start_date, absence.end_date))
    findings = []
    employment = None
    for run in runs:
        if run.period.end > on or not any(start <= run.period.end and end >= run.period.start
                                          for start, end in leave.get(run.pa_id, ())):
            continue
        employment = employment or employment_in(session)
        now = datetime.combine(on, time())
        inputs = inputs_in(session, run.pa_id, run.period, now=now, employment=employment)
        check = holiday_pay_check(inputs, run)
        if check is None or not check.below:
            continue
        findings.append(Finding(
            "HOLIDAY_PAY_BELOW_AVERAGE", pa_subject(run.pa_id),
            fingerprint("holiday_pay", run.period.start, run.period.end, check.shortfall),
            due=run.period.pay_date, record_id=run.run_id,
            params={"name": run.pa_name, "period_start": run.period.start, "period_end": run.period.end,
                    "pay_date": run.period.pay_date, "shortfall": check.shortfall,
                    # Shown to the penny (round half up: display of a derived figure).
                    "paid_per_hour": round_half_up_to_penny(check.paid_per_hour),
                    "average_per_hour": round_half_up_to_penny(check.average_per_hour)}))
    return findings


def _missing_payslips(session: Session, rows: list, *, first: date, on: date) -> list[Finding]:
    """PAYSLIP_MISSING: one per PA for the periods that ended, whose pay day passed, with shifts worked in them and no
    pay run at all (one warning per PA, naming the latest period and how many)."""
    worked = queries.worked_shift_starts(session=session, first=datetime.combine(first, time()),
                                         before=datetime.combine(on, time()))
    if not worked:
        return []
    employment = employment_in(session)
    versions = frequencies_by_pa(session)
    holidays = bank_holidays_around(employment.nation, first, on)
    covered = defaultdict(list)
    for row in rows:
        covered[row.pa_id].append((row.period_start, row.period_end))
    for row in queries.pay_runs_ending_between(session=session, first=first - timedelta(days=62), last=first):
        covered[row.pa_id].append((row.period_start, row.period_end))
    missing: dict[int, set] = defaultdict(set)
    for pa_id, start in worked:
        day = start.date()
        if any(period_start <= day <= period_end for period_start, period_end in covered.get(pa_id, ())):
            continue
        frequency = frequency_on(versions.get(pa_id, ()), day, employment.default_frequency)
        try:
            period = period_around(employment, frequency, day, holidays)
        except ValidationError:
            continue
        if period.end < on and period.pay_date < on and period.start >= first:
            missing[pa_id].add(period)
    if not missing:
        return []
    names = {pa.id: pa.full_name for pa in queries.pas_by_id(session=session, pa_ids=set(missing))}
    findings = []
    for pa_id, periods in missing.items():
        ordered = sorted(periods, key=lambda period: period.start)
        latest = ordered[-1]
        findings.append(Finding(
            "PAYSLIP_MISSING", pa_subject(pa_id),
            fingerprint("payslip_missing", *[(period.start, period.end) for period in ordered]),
            due=latest.pay_date, overdue=True, record_id=latest.end,
            params={"name": names.get(pa_id, ""), "period_start": latest.start, "period_end": latest.end,
                    "pay_date": latest.pay_date, "count": len(ordered)}))
    return findings


def _needs_pay(shift, run) -> bool:
    """Whether the pay builder would give this worked shift a line: an on-call or sleep-in with no time woken pays
    only a sleep-in allowance (when the contract has one, which the run's sleep-in lines show)."""
    if shift.kind in ("sleep_in", "on_call") and not shift.woken_minutes:
        return shift.kind == "sleep_in" and any(line.kind == LineKind.SLEEP_IN for line in run.lines)
    return shift.working_minutes > 0


def _unpaid_shifts(session: Session, runs: list, *, on: date) -> list[Finding]:
    """PAYSLIP_MISSING, variant unpaid_shifts: a finalised run (built here) whose period has worked shifts that none
    of its lines pays. They were confirmed or added after the pay was finalised, and a finalised run never
    changes: they are paid as back pay or by a correction."""
    finalised = defaultdict(list)
    for run in runs:
        if run.status == RunStatus.FINALISED and run.source == RunSource.COMPUTED and run.period.start <= on:
            finalised[run.pa_id].append(run)
    findings = []
    for pa_id, pa_runs in finalised.items():
        first = min(run.period.start for run in pa_runs)
        last = max(run.period.end for run in pa_runs)
        shifts = stored_worked_shifts(session, pa_id, datetime.combine(first, time()),
                                      datetime.combine(last + timedelta(days=1), time()))
        # Each shift to the run of the day it starts on: one pass over the shifts, not one per run.
        run_of_day = {run.period.start + timedelta(days=offset): run
                      for run in pa_runs for offset in range(run.period.days)}
        shifts_of_run = defaultdict(list)
        for shift in shifts:
            run = run_of_day.get(shift.start.date())
            if run is not None:
                shifts_of_run[run.run_id].append(shift)
        for run in pa_runs:
            paid = {key for line in run.lines for key in line.shift_keys}
            unpaid = sorted(shift.key for shift in shifts_of_run[run.run_id]
                            if shift.key not in paid and _needs_pay(shift, run))
            if not unpaid:
                continue
            findings.append(Finding(
                "PAYSLIP_MISSING", pa_subject(pa_id), fingerprint("unpaid_shifts", run.run_id, *unpaid),
                due=run.period.pay_date, overdue=run.period.pay_date < on, record_id=run.run_id,
                params={"name": run.pa_name, "period_start": run.period.start, "period_end": run.period.end,
                        "pay_date": run.period.pay_date, "count": len(unpaid), "unpaid_shifts": True}))
    return findings
