"""A small employer file for the pay service's tests: one PA paid weekly at £13.00 an hour in England, and helpers
to put worked shifts, leave and terms on record. Weekly periods run Monday to Sunday from 6 April 2026: the period
9 to 15 November 2026 is paid on Friday 20 November (the Friday after); the suite's today is 24 November 2026."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from paemployer.services import records, rota
from paemployer.store.db import open_employer_file
from paemployer.store.models import Absence, AbsenceKind

PERIOD_END = date(2026, 11, 15)
PERIOD_START = date(2026, 11, 9)
PAY_DATE = date(2026, 11, 20)
NOW = datetime(2026, 11, 24, 10, 0)


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "pay.paemployer", create=True)
    employer_file.who = "tester"
    records.update_employer(employer_file, name="Eleri Davies", nation="england")
    yield employer_file
    employer_file.close()


def add_pa(ef, first_name="Ceri", last_name="Jones", *, rate="13.00", frequency="weekly", **terms):
    pa = records.add_pa(ef, first_name=first_name, last_name=last_name, date_of_birth=date(1990, 5, 1),
                        start_date=date(2026, 4, 6))
    records.add_contract_terms(ef, pa.id, effective_from=date(2026, 4, 6), standard_rate=Decimal(rate),
                               pay_frequency=frequency, **terms)
    return pa


@pytest.fixture
def pa(ef):
    return add_pa(ef)


def worked(ef, pa_id, day: date, start_hour=9, hours=8, *, break_minutes=30, kind="day", woken_minutes=0,
           status="worked") -> str:
    start = datetime.combine(day, datetime.min.time()) + timedelta(hours=start_hour)
    return rota.add_shift(ef, pa_id=pa_id, start=start, end=start + timedelta(hours=hours), kind=kind,
                          break_minutes=break_minutes, status=status, woken_minutes=woken_minutes)


def a_week_worked(ef, pa_id, monday: date = PERIOD_START, days=3) -> list[str]:
    """Days Monday onwards, 09:00-17:00 with a 30-minute unpaid break: 7.5 paid hours a day."""
    return [worked(ef, pa_id, monday + timedelta(days=offset)) for offset in range(days)]


def leave(ef, pa_id, first: date, last: date, *, hours=None, days=None, kind=AbsenceKind.ANNUAL_LEAVE) -> None:
    with ef.session() as session:
        session.add(Absence(pa_id=pa_id, kind=kind, start_date=first, end_date=last,
                            hours=None if hours is None else Decimal(hours),
                            days=None if days is None else Decimal(days)))
