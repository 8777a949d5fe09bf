"""Working-time warnings come from the rules engine over a PA's shifts: raised by a scenario, silent when sound."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from paemployer.rules.warnings import Severity
from paemployer.services import rota
from paemployer.services.compliance import gather_warnings
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, ContractTerms, CoverContact, Employer

ON = date(2026, 11, 24)  # a Tuesday
MONDAY = date(2026, 11, 30)


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "wt.paemployer", create=True)
    with employer_file.session() as session:
        session.add(Employer(name="E", el_expiry=date(2027, 9, 1), pension_duties_start=date(2025, 1, 6),
                             declaration_of_compliance_date=date(2025, 2, 1)))
        session.add(CoverContact(name="Ann", priority=1, last_confirmed=date(2026, 10, 1)))
    yield employer_file
    employer_file.close()


def add_pa(ef, *, born=date(1990, 1, 1), opt_out=False, other_hours=None) -> int:
    from decimal import Decimal

    with ef.session() as session:
        pa = PA(first_name="Sam", last_name="Jones", date_of_birth=born, start_date=date(2025, 1, 6),
                right_to_work_checked_on=date(2025, 1, 2), background_check_declined=True,
                pension_status="enrolled", wtr_opt_out=opt_out, other_employer_hours_per_week=other_hours)
        session.add(pa)
        session.flush()
        session.add(ContractTerms(pa_id=pa.id, effective_from=date(2025, 1, 6), standard_rate=Decimal("14"),
                                  issued_on=date(2025, 1, 6)))
        return pa.id


def shift(ef, pa_id, day: date, start_hour: int, hours: int, break_minutes: int = 0):
    start = datetime.combine(day, datetime.min.time()) + timedelta(hours=start_hour)
    rota.add_shift(ef, pa_id=pa_id, start=start, end=start + timedelta(hours=hours), break_minutes=break_minutes)


def wtr(ef):
    return [w for w in gather_warnings(ef, on=ON) if w.code.startswith("WTR_")]


def test_sound_shifts_are_silent(ef):
    pa = add_pa(ef)
    for offset in range(5):
        shift(ef, pa, MONDAY + timedelta(days=offset), 9, 8, break_minutes=30)
    assert wtr(ef) == []


def test_daily_rest(ef):
    pa = add_pa(ef)
    shift(ef, pa, MONDAY, 14, 8, break_minutes=30)       # until 22:00
    shift(ef, pa, MONDAY + timedelta(days=1), 6, 4)     # back at 06:00: 8 hours' rest
    [warning] = wtr(ef)
    assert warning.code == "WTR_DAILY_REST" and warning.subject == f"pa:{pa}"
    assert warning.severity == Severity.ACT_NOW and warning.action_target.page == "rota"
    # "Go there" opens one of the shifts involved on the rota.
    assert rota.get_shift(ef, warning.action_target.record_id).pa_id == pa


def test_break(ef):
    pa = add_pa(ef)
    shift(ef, pa, MONDAY + timedelta(days=7), 8, 8, break_minutes=0)
    [warning] = wtr(ef)
    assert warning.code == "WTR_BREAK" and warning.severity == Severity.ACT_SOON


def test_weekly_rest(ef):
    pa = add_pa(ef)
    for offset in range(14):
        shift(ef, pa, MONDAY + timedelta(days=offset - 7), 8, 6)
    codes = {w.code for w in wtr(ef)}
    assert "WTR_WEEKLY_REST" in codes


def test_young_worker(ef):
    pa = add_pa(ef, born=date(2009, 6, 1))  # 17
    shift(ef, pa, MONDAY, 8, 10, break_minutes=30)
    codes = {w.code for w in wtr(ef)}
    assert "WTR_YOUNG_WORKER" in codes
    adult = add_pa(ef)
    shift(ef, adult, MONDAY + timedelta(days=2), 8, 10, break_minutes=30)
    assert {w.code for w in wtr(ef) if w.subject == f"pa:{adult}"} == set()


def _long_weeks(ef, pa):
    # 12 hours a day, 5 days a week, from 17 weeks back to next week: a 60-hour average.
    first = MONDAY - timedelta(weeks=17)
    for week in range(18):
        for offset in range(5):
            shift(ef, pa, first + timedelta(weeks=week, days=offset), 7, 12, break_minutes=60)


@pytest.mark.slow
def test_48_hour_average_without_and_with_an_opt_out(ef):
    pa = add_pa(ef)
    _long_weeks(ef, pa)
    [warning] = [w for w in wtr(ef) if w.code == "WTR_48H_AVERAGE"]
    assert warning.severity != Severity.INFO and "opt-out" in warning.action
    with ef.session() as session:
        row = session.get(PA, pa)
        row.wtr_opt_out = True
        session.add(row)
    [warning] = [w for w in wtr(ef) if w.code == "WTR_48H_AVERAGE"]
    assert warning.severity == Severity.INFO and "signed an opt-out" in warning.explanation


@pytest.mark.slow
def test_leave_is_left_out_of_the_48_hour_average_as_on_the_rota(ef):
    # 55 hours a week (five 12-hour days with an hour's break) with three weeks of annual leave in the
    # reference period: counting the leave as 0 hours gives 14 x 55 / 17 = 45.3, under 48; leaving it out
    # (and making it up from the weeks after, reg 4(6)) gives 55.
    from paemployer.store.models import Absence, AbsenceKind

    pa = add_pa(ef)
    first = MONDAY - timedelta(weeks=21)
    leave_start, leave_end = MONDAY - timedelta(weeks=12), MONDAY - timedelta(weeks=9, days=1)
    for week in range(22):
        for offset in range(5):
            day = first + timedelta(weeks=week, days=offset)
            if not leave_start <= day <= leave_end:
                shift(ef, pa, day, 7, 12, break_minutes=60)
    assert [w.code for w in wtr(ef) if w.code == "WTR_48H_AVERAGE"] == []  # no leave recorded: under 48
    with ef.session() as session:
        session.add(Absence(pa_id=pa, kind=AbsenceKind.ANNUAL_LEAVE, start_date=leave_start, end_date=leave_end))
    [warning] = [w for w in wtr(ef) if w.code == "WTR_48H_AVERAGE"]
    assert warning.subject == f"pa:{pa}"
    # The rota shows the same breach over the same weeks.
    look_back = datetime.combine(ON - timedelta(days=28), datetime.min.time())
    shown = rota.period(ef, look_back, look_back + timedelta(weeks=4), working_time=True)
    assert "WTR_48H_AVERAGE" in {issue.code for issue in shown.working_time}
