"""An employer file with finalised pay stored as paid, for the HMRC year's tests: the figures are put on record
directly (what a finalised run holds), so each test says exactly what was taken from pay."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from paemployer.services import records
from paemployer.store.db import open_employer_file
from paemployer.store.models import PayRun, PayRunLine

NOW = datetime(2026, 11, 24, 10, 0)


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "hmrc.paemployer", create=True)
    employer_file.who = "tester"
    records.update_employer(employer_file, name="Eleri Davies", nation="england", paye_reference="123/AB45678")
    yield employer_file
    employer_file.close()


def add_pa(ef, first_name="Ceri", last_name="Jones", **fields):
    return records.add_pa(ef, first_name=first_name, last_name=last_name, date_of_birth=date(1990, 5, 1),
                          start_date=date(2025, 4, 6), **fields)


def set_employer(ef, **fields):
    from sqlmodel import select

    from paemployer.store.models import Employer

    with ef.session() as session:
        employer = session.exec(select(Employer)).one()
        for key, value in fields.items():
            setattr(employer, key, value)
        session.add(employer)


def set_pa(ef, pa_id, **fields):
    from paemployer.store.models import PA

    with ef.session() as session:
        pa = session.get(PA, pa_id)
        for key, value in fields.items():
            setattr(pa, key, value)
        session.add(pa)


def paid(ef, pa, pay_date: date, *, gross="1500.00", tax="0", employee_ni="0", employer_ni="0",
         student_loan="0", postgraduate_loan="0", frequency="monthly", status="finalised", source="computed",
         family_pay=None, expenses=None, corrects_id=None, hours="120", ni_bands=("0", "0", "0"), tax_code="1257L",
         ni_category="A", pension_status="", employee_pension="0", fps_sent_on=None, days=30) -> int:
    """A stored run paid on `pay_date` for the period ending the day before, with the figures given; its id."""
    end = pay_date - timedelta(days=1)
    start = end - timedelta(days=days)
    lines = [("hours", "Hours", Decimal(gross), Decimal(hours))]
    if family_pay is not None:
        lines.append(("family_pay", "Statutory maternity pay", Decimal(family_pay), None))
    if expenses is not None:
        lines.append(("expense", "Bus fares", Decimal(expenses), None))
    with ef.session() as session:
        row = PayRun(pa_id=pa.id, pa_name=pa.full_name, period_start=start, period_end=end, pay_date=pay_date,
                     pay_frequency=frequency, status=status, source=source, corrects_id=corrects_id,
                     tax=Decimal(tax), employee_ni=Decimal(employee_ni), employer_ni=Decimal(employer_ni),
                     employee_pension=Decimal(employee_pension),
                     student_loan=Decimal(student_loan), postgraduate_loan=Decimal(postgraduate_loan),
                     deductions_source="computed", tax_code=tax_code, ni_category=ni_category,
                     taxable_pay=Decimal(gross) + (Decimal(family_pay) if family_pay else Decimal(0)),
                     ni_earnings_at_lel=Decimal(ni_bands[0]), ni_earnings_lel_to_pt=Decimal(ni_bands[1]),
                     ni_earnings_pt_to_uel=Decimal(ni_bands[2]), pension_status=pension_status,
                     fps_sent_on=fps_sent_on, created_at=NOW,
                     finalised_at=NOW if status == "finalised" else None)
        session.add(row)
        session.flush()
        for position, (kind, words, amount, line_hours) in enumerate(lines):
            session.add(PayRunLine(pay_run_id=row.id, position=position, kind=kind, description=words,
                                   amount=amount, hours=line_hours))
        return row.id


def monthly_pay_dates(first_month: int = 1, months: int = 12, year: int = 2026) -> list[date]:
    """The 25th of each tax month from `first_month` (tax month 1 is 6 April to 5 May)."""
    dates = []
    for number in range(first_month, first_month + months):
        month = (number + 2) % 12 + 1
        dates.append(date(year + (1 if month < 4 else 0), month, 25))
    return dates
