"""Reading one PA's records into rules.pay.PayInputs: worked shifts, contract terms, leave, sickness, bank
holidays and the minimum-wage shortfalls of earlier finalised periods not yet paid back.

Which shifts are paid: those STARTING inside the period (the local date of their start) that someone came to and
that are confirmed as worked (RotaShift.status "worked", `is_came_to`). Planned shifts in the period that have
ended are not paid: they are counted as unconfirmed, and the run says so. Covered, absent and cancelled shifts pay
the original PA nothing (the person who came is paid through their own shift).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlmodel import Session

from paemployer.rules.dates import years_after
from paemployer.rules.holiday import leave_year_containing
from paemployer.rules.money import ZERO
from paemployer.rules.pay import (
    Deductions,
    EarlierShortfall,
    HolidayPay,
    LeaveTaken,
    LineKind,
    PayInputs,
    PayLine,
    PayPeriod,
    PayTerms,
    SicknessSpell,
    WorkedShift,
)
from paemployer.services.pay.schedule import (
    Employment,
    bank_holidays_around,
    employment_in,
    value,
)
from paemployer.services.rota import shifts_in
from paemployer.services.rota.engine import RotaShift, occurrence_key, shift_key
from paemployer.store import queries
from paemployer.store.models import AbsenceKind

NO_DEDUCTIONS = Deductions()
# The 52-week holiday-pay average looks back at most 104 weeks from the leave (WTR reg 16(3)(e)).
HISTORY = timedelta(weeks=104)
# Sickness spells that can link into one period of incapacity for SSP reach back at most three years.
SICKNESS_HISTORY_YEARS = 3


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def pay_terms(rows: Iterable) -> tuple[PayTerms, ...]:
    terms = []
    for row in rows:
        try:
            holiday_pay = HolidayPay(value(row.holiday_pay) or HolidayPay.WHEN_TAKEN.value)
        except ValueError:
            holiday_pay = HolidayPay.WHEN_TAKEN
        terms.append(PayTerms(
            effective_from=row.effective_from, standard_rate=row.standard_rate,
            waking_night_rate=row.waking_night_rate, sleep_in_allowance=row.sleep_in_allowance,
            weekend_rate=row.weekend_rate, bank_holiday_rate=row.bank_holiday_rate,
            hours_type=value(row.hours_type), hours_per_week=row.hours_per_week, days_per_week=row.days_per_week,
            holiday_pay=holiday_pay, accommodation_provided=bool(row.accommodation_provided),
            accommodation_charge_per_day=row.accommodation_charge_per_day))
    return tuple(terms)


def worked_shift(shift: RotaShift) -> WorkedShift:
    return WorkedShift(shift_key=shift.key, start=shift.start, end=shift.end, kind=shift.kind,
                       break_minutes=shift.break_minutes, woken_minutes=shift.woken_minutes,
                       elapsed_minutes=shift.elapsed_minutes)


def stored_worked_shifts(session: Session, pa_id: int, first: datetime, before: datetime) -> list[RotaShift]:
    """The PA's shifts confirmed as worked starting from `first` up to `before`: worked shifts are always stored
    rows (confirming a pattern occurrence stores it), so the history needs no pattern expanded."""
    shifts = []
    for row in queries.worked_shifts_of(session=session, pa_id=pa_id, first=first, before=before):
        key = (occurrence_key(row.pattern_id, row.occurrence_start)
               if row.pattern_id is not None and row.occurrence_start is not None else shift_key(row.id))
        shifts.append(RotaShift(key=key, pa_id=row.pa_id, pa_name="", start=row.start, end=row.end,
                                kind=value(row.kind), break_minutes=row.break_minutes, status="worked",
                                shift_id=row.id, pattern_id=row.pattern_id, occurrence_start=row.occurrence_start,
                                woken_minutes=row.woken_minutes))
    return [shift for shift in shifts if shift.is_came_to]


def period_shifts(session: Session, pa_id: int, period: PayPeriod, *, now: datetime) -> tuple[list[RotaShift], int]:
    """(shifts worked by the PA starting in the period, planned shifts of theirs in it that have ended)."""
    worked: list[RotaShift] = []
    unconfirmed = 0
    for shift in shifts_in(session, _midnight(period.start), _midnight(period.end + timedelta(days=1))):
        if shift.pa_id != pa_id or not period.contains(shift.start.date()) or not shift.is_came_to:
            continue
        if shift.status == "worked":
            worked.append(shift)
        elif shift.status == "planned" and shift.end <= now:
            unconfirmed += 1
    return worked, unconfirmed


def shortfalls_owed(session: Session, finalised: list, *, back_pay_now: Decimal = ZERO) -> list[tuple]:
    """(run, shortfall still owed) for each finalised run with a minimum-wage shortfall among `finalised` (the runs
    standing for their periods), oldest first: the back pay paid in the finalised runs after the first shortfall,
    and `back_pay_now` (the back-pay lines of the run being built), pay the oldest shortfall first."""
    owed = [run for run in finalised if run.nmw_shortfall]
    if not owed:
        return []
    first_owed = min(run.period_end for run in owed)
    later = [run.id for run in finalised if run.period_end > first_owed]
    back_pay = sum((line.amount for line in queries.pay_run_lines(session=session, run_ids=later)
                    if line.kind == LineKind.BACK_PAY.value), ZERO) if later else ZERO
    back_pay += back_pay_now
    result = []
    for run in sorted(owed, key=lambda r: r.period_end):
        paid = min(back_pay, run.nmw_shortfall)
        back_pay -= paid
        result.append((run, run.nmw_shortfall - paid))
    return result


def finalised_standing(session: Session, pa_id: int, *, before: date | None = None) -> list:
    """The PA's finalised runs standing for their periods (those ending before `before`, when given)."""
    runs = [run for run in queries.pay_runs_for(session=session, pa_id=pa_id)
            if before is None or run.period_end < before]
    return [run for run in standing_runs(runs) if run.status == "finalised"]


def earlier_shortfalls(session: Session, pa_id: int, before: date, *,
                       back_pay_now: Decimal = ZERO) -> tuple[EarlierShortfall, ...]:
    """Shortfalls of the PA's earlier finalised periods (the run standing for each period) less the back pay paid
    in finalised runs since and on the run being built (`back_pay_now`), oldest shortfall paid first."""
    return tuple(EarlierShortfall(run.period_start, run.period_end, remaining, run.nmw_rate,
                                  band_code=run.nmw_band_code or "")
                 for run, remaining in shortfalls_owed(session, finalised_standing(session, pa_id, before=before),
                                                       back_pay_now=back_pay_now)
                 if remaining > ZERO and run.nmw_rate is not None)


def standing_runs(runs: Iterable) -> list:
    """The runs no other run corrects: at most one per PA and period."""
    runs = list(runs)
    corrected = {run.corrects_id for run in runs if run.corrects_id is not None}
    return [run for run in runs if run.id not in corrected]


def inputs_in(session: Session, pa_id: int, period: PayPeriod, *, now: datetime,
              added_lines: tuple[PayLine, ...] = (), deductions: Deductions = NO_DEDUCTIONS,
              employment: Employment | None = None) -> PayInputs:
    """Everything one PA's pay for `period` is computed from, read in the caller's transaction."""
    employment = employment or employment_in(session)
    pa = queries.get_pa(session=session, pa_id=pa_id)
    history_start = period.start - HISTORY
    shifts, unconfirmed = period_shifts(session, pa_id, period, now=now)
    earlier = stored_worked_shifts(session, pa_id, _midnight(history_start), _midnight(period.start))
    leave_year = leave_year_containing(employment.holiday_year_start, period.start)
    previous_year_start = leave_year_containing(employment.holiday_year_start,
                                                leave_year.first_day - timedelta(days=1)).first_day
    sickness_from = years_after(period.start, -SICKNESS_HISTORY_YEARS)
    leave, sickness = [], []
    for absence in queries.absences_of(session=session, pa_id=pa_id, first=min(previous_year_start, sickness_from),
                                       last=period.end):
        kind = value(absence.kind)
        if kind == AbsenceKind.ANNUAL_LEAVE.value and absence.end_date >= previous_year_start:
            leave.append(LeaveTaken(absence.start_date, absence.end_date, absence.hours, absence.days))
        elif kind == AbsenceKind.SICKNESS.value:
            sickness.append(SicknessSpell(absence.start_date, absence.end_date))
    all_shifts = sorted(earlier + shifts, key=lambda shift: shift.start)
    return PayInputs(
        pa_id=pa.id, pa_name=pa.full_name, period=period, nation=employment.nation,
        leave_year_start=employment.holiday_year_start, week_anchor=employment.schedule.week_anchor,
        terms=pay_terms(queries.contract_terms_for(session=session, pa_id=pa_id)),
        shifts=tuple(worked_shift(shift) for shift in all_shifts),
        bank_holidays=bank_holidays_around(employment.nation, history_start, period.end),
        date_of_birth=pa.date_of_birth,
        apprentice_since=pa.apprentice_since if pa.apprentice else None,
        start_date=pa.start_date, end_date=pa.end_date,
        leave=tuple(leave), sickness=tuple(sickness), added_lines=tuple(added_lines), deductions=deductions,
        # The back pay on the run being built counts against the arrears it shows: the run paying them does not
        # still say that earlier periods owe them.
        earlier_shortfalls=earlier_shortfalls(
            session, pa_id, period.start,
            back_pay_now=sum((line.amount for line in added_lines if line.kind == LineKind.BACK_PAY), ZERO)),
        unconfirmed_shifts=unconfirmed,
    )


def inputs_for(ef, pa_id: int, period: PayPeriod, *, now: datetime | None = None) -> PayInputs:
    """PayInputs for one PA and period, as the records stand (`now`: which planned shifts count as unconfirmed)."""
    from paemployer import clock

    with ef.session() as session:
        return inputs_in(session, pa_id, period, now=now or clock.now())
