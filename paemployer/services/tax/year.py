"""A PA's pay and deductions in a tax year so far, from the finalised pay runs (never typed twice).

PAYE counts a payment in the tax year of its pay date (Income Tax (PAYE) Regulations 2003 reg. 2). A finalised
correction stands for the run it corrects; drafts and approved runs are not paid yet, so they do not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from paemployer.rules.money import ZERO
from paemployer.rules.pay import LineKind, RunStatus
from paemployer.rules.tax_year import tax_year_code, tax_year_of, tax_year_start
from paemployer.services.pay.inputs import standing_runs
from paemployer.store import queries
from paemployer.store.models import PayRun as PayRunRow

# Lines that are not pay: expenses paid back are not earnings for tax or National Insurance (ITEPA 2003 s.289A,
# the exemption for paid or reimbursed expenses; SSCBA 1992 s.3 earnings).
NOT_PAY_KINDS = frozenset({LineKind.EXPENSE.value})


@dataclass(frozen=True)
class YearToDate:
    """A PA's figures in one tax year before a payment: this employment's finalised runs, and a P45 of the year."""

    tax_year: str                 # "2026-27"
    runs: int                     # finalised runs counted
    gross: Decimal                # all pay, expenses too
    taxable_pay: Decimal          # pay for tax in this employment
    tax: Decimal
    ni_earnings: Decimal          # pay for National Insurance (gross less expenses)
    employee_ni: Decimal
    employer_ni: Decimal
    employee_pension: Decimal
    employer_pension: Decimal
    student_loan: Decimal
    postgraduate_loan: Decimal
    previous_pay: Decimal         # the P45 of a job left in this tax year (counted only with a cumulative code)
    previous_tax: Decimal
    unfinalised_earlier: int = 0  # runs paid earlier in the year that are not finalised (not counted)


def runs_in_tax_year(session: Session, tax_year: str, *, pa_id: int | None = None,
                     before: tuple[date, date] | None = None,
                     exclude_run_id: int | None = None) -> list[PayRunRow]:
    """The finalised runs standing in `tax_year` ("2026-27"), by pay date: a correction in place of the run it
    corrects. With `before` (pay date, period end), only runs paid before that payment."""
    start = tax_year_of(tax_year)
    rows = queries.pay_runs_paid_between(session=session, first=start, last=date(start.year + 1, 4, 5), pa_id=pa_id)
    finalised = standing_runs(row for row in rows if row.status == RunStatus.FINALISED.value)
    return [row for row in finalised
            if row.id != exclude_run_id and (before is None or (row.pay_date, row.period_end) < before)]


def taxable_pay_of(session: Session, rows: Iterable[PayRunRow]) -> dict[int, Decimal]:
    """Each run's pay for tax: as worked out when it was paid, else its gross less expenses (a payroll service's
    payslip: its gross, which it reports as pay)."""
    rows = list(rows)
    pay = {row.id: row.taxable_pay for row in rows if row.taxable_pay is not None}
    not_worked_out = [row for row in rows if row.id not in pay]
    earnings = ni_earnings_of(session, not_worked_out)
    net_pay = net_pay_arrangement(session)
    for row in not_worked_out:
        # Typed or taken-in figures: a net pay arrangement's pension comes off pay before tax.
        pay[row.id] = earnings[row.id] - (row.employee_pension if net_pay else ZERO)
    return pay


def net_pay_arrangement(session: Session) -> bool:
    """Whether the employer's pension scheme takes the PA's contributions before tax (a net pay arrangement)."""
    employer = queries.find_employer(session=session)
    return employer is not None and employer.pension_relief == "net_pay"


def ni_earnings_of(session: Session, rows: Iterable[PayRunRow]) -> dict[int, Decimal]:
    """Each run's pay for National Insurance: gross less expenses (an imported payslip's gross)."""
    rows = list(rows)
    earnings = {row.id: row.imported_gross for row in rows if row.imported_gross is not None}
    lined = [row.id for row in rows if row.id not in earnings]
    earnings |= {run_id: ZERO for run_id in lined}
    if lined:
        for line in queries.pay_run_lines(session=session, run_ids=lined):
            if line.kind not in NOT_PAY_KINDS:
                earnings[line.pay_run_id] += line.amount
    return earnings


def pay_and_tax_to_date(session: Session, pa_id: int, pay_date: date, *, exclude_run_id: int | None = None,
                        period_end: date | None = None) -> YearToDate:
    """The PA's figures in the tax year of `pay_date` from finalised runs paid before it (pay date, then period end
    when given, so two periods paid on one day count in order), with the figures of a P45 of that year."""
    tax_year = tax_year_code(pay_date)
    before = (pay_date, period_end or date.min)
    rows = runs_in_tax_year(session, tax_year, pa_id=pa_id, before=before, exclude_run_id=exclude_run_id)
    taxable = taxable_pay_of(session, rows)
    earnings = ni_earnings_of(session, rows)

    def total(values: Iterable[Decimal | None]) -> Decimal:
        return sum((value or ZERO for value in values), ZERO)

    pa = queries.get_pa(session=session, pa_id=pa_id)
    p45 = pa.p45_leaving_date is not None and tax_year_start(pa.p45_leaving_date) == tax_year_start(pay_date)
    start = tax_year_of(tax_year)
    unfinalised = [row for row in standing_runs(queries.pay_runs_paid_between(
        session=session, first=start, last=pay_date, pa_id=pa_id))
        if row.status != RunStatus.FINALISED.value and row.id != exclude_run_id
        and (row.pay_date, row.period_end) < before]
    return YearToDate(
        tax_year=tax_year, runs=len(rows),
        gross=total(row.imported_gross if row.imported_gross is not None else None for row in rows)
        + total(_line_gross(session, [row for row in rows if row.imported_gross is None]).values()),
        taxable_pay=total(taxable.values()), tax=total(row.tax for row in rows),
        ni_earnings=total(earnings.values()),
        employee_ni=total(row.employee_ni for row in rows), employer_ni=total(row.employer_ni for row in rows),
        employee_pension=total(row.employee_pension for row in rows),
        employer_pension=total(row.employer_pension for row in rows),
        student_loan=total(row.student_loan for row in rows),
        postgraduate_loan=total(row.postgraduate_loan for row in rows),
        previous_pay=(pa.p45_pay_to_date or ZERO) if p45 else ZERO,
        previous_tax=(pa.p45_tax_to_date or ZERO) if p45 else ZERO,
        unfinalised_earlier=len(unfinalised))


def _line_gross(session: Session, rows: list[PayRunRow]) -> dict[int, Decimal]:
    gross = {row.id: ZERO for row in rows}
    if rows:
        for line in queries.pay_run_lines(session=session, run_ids=list(gross)):
            gross[line.pay_run_id] += line.amount
    return gross
