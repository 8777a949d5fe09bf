"""An employer file for the tests of tax worked out on pay runs: PAs paid weekly at £13.00 an hour in England, worked
shifts put on record, and each period built and finalised through the pay service. Weekly periods run Monday to
Sunday from 6 April 2026 and are paid on the Friday after (period 6-12 April 2026 paid 17 April, tax week 2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from paemployer.services import pay, records
from paemployer.store.db import open_employer_file
from paemployer.store.models import Shift, ShiftStatus

FIRST_MONDAY = date(2026, 4, 6)
LATE = datetime(2027, 4, 30, 10, 0)   # after every period of the tax year 2026-27 (finalising needs its end)
DAY_PAY = Decimal("97.50")            # 7.5 paid hours at £13.00


@pytest.fixture
def pay_file(tmp_path):
    employer_file = open_employer_file(tmp_path / "tax.paemployer", create=True)
    employer_file.who = "tester"
    records.update_employer(employer_file, name="Eleri Davies", nation="england")
    yield employer_file
    employer_file.close()


def add_pa(ef, first_name="Ceri", last_name="Jones", *, start=FIRST_MONDAY, date_of_birth=date(1990, 5, 1),
           **fields):
    pa = records.add_pa(ef, first_name=first_name, last_name=last_name, date_of_birth=date_of_birth,
                        start_date=start, **fields)
    records.add_contract_terms(ef, pa.id, effective_from=start, standard_rate=Decimal("13.00"),
                               pay_frequency="weekly")
    return pa


def week(number: int) -> tuple[date, date]:
    """(Monday, Sunday) of the `number`th weekly period from 6 April 2026 (1-based)."""
    monday = FIRST_MONDAY + timedelta(weeks=number - 1)
    return monday, monday + timedelta(days=6)


def work_days(ef, pa_id: int, monday: date, days: int) -> None:
    """`days` days from Monday, 09:00-17:00 with a 30-minute break: 7.5 paid hours (£97.50) each."""
    with ef.session() as session:
        for offset in range(days):
            start = datetime.combine(monday + timedelta(days=offset), datetime.min.time()) + timedelta(hours=9)
            session.add(Shift(pa_id=pa_id, start=start, end=start + timedelta(hours=8), break_minutes=30,
                              status=ShiftStatus.WORKED))


def pay_week(ef, pa_id: int, number: int, days: int, *, finalise: bool = True) -> pay.PayRun:
    """Work `days` days in week `number`, build its pay, and finalise it (the run as stored)."""
    monday, sunday = week(number)
    work_days(ef, pa_id, monday, days)
    (run,) = pay.build_drafts(ef, sunday, pa_id=pa_id, now=LATE)
    return pay.finalise(ef, run.run_id, now=LATE) if finalise else run
