"""Pay and deductions in a tax year so far: from finalised runs paid before a payment in the same tax year (a
finalised correction in place of the run it corrects; drafts not counted), a payroll service's payslips by their
gross, expenses never, and a P45 of a job left in the same tax year."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import tax_runs
from tax_runs import add_pa, pay_week

from paemployer.services import pay, tax
from paemployer.store.models import PayRun, PayRunLine

pay_file = tax_runs.pay_file  # the fixture
NOW = datetime(2026, 11, 24, 10, 0)


def _stored(ef, pa, *, pay_date, gross, tax_paid="0", status="finalised", source="imported", lines=(),
            taxable=None, corrects_id=None):
    """A run put on record directly (what an older or imported run holds: no tax working unless given)."""
    with ef.session() as session:
        row = PayRun(pa_id=pa.id, pa_name=pa.full_name, period_start=pay_date.replace(day=1), period_end=pay_date,
                     pay_date=pay_date, pay_frequency="monthly", status=status, source=source,
                     tax=Decimal(tax_paid), employee_ni=Decimal("10.00"), employer_ni=Decimal("20.00"),
                     imported_gross=Decimal(gross) if source == "imported" else None,
                     taxable_pay=None if taxable is None else Decimal(taxable), corrects_id=corrects_id,
                     created_at=NOW, finalised_at=NOW if status == "finalised" else None)
        session.add(row)
        session.flush()
        for position, (kind, amount) in enumerate(lines):
            session.add(PayRunLine(pay_run_id=row.id, position=position, kind=kind, amount=Decimal(amount)))
        return row.id


def _to_date(ef, pa, pay_date, **kwargs):
    with ef.session() as session:
        return tax.pay_and_tax_to_date(session, pa.id, pay_date, **kwargs)


def test_only_finalised_pay_before_the_payment_in_the_same_tax_year_counts(pay_file):
    pa = add_pa(pay_file)
    _stored(pay_file, pa, pay_date=date(2026, 3, 31), gross="999.00", tax_paid="99.00")      # tax year 2025-26
    _stored(pay_file, pa, pay_date=date(2026, 5, 29), gross="1200.00", tax_paid="40.00")     # a payslip taken in
    _stored(pay_file, pa, pay_date=date(2026, 6, 30), gross="0", tax_paid="0", source="computed",
            lines=(("hours", "800.00"), ("expense", "35.00")))                                # older run: no working
    _stored(pay_file, pa, pay_date=date(2026, 7, 31), gross="0", source="computed", status="draft",
            lines=(("hours", "700.00"),))                                                     # not paid yet
    _stored(pay_file, pa, pay_date=date(2026, 9, 30), gross="5000.00", tax_paid="900.00")    # after the payment
    so_far = _to_date(pay_file, pa, date(2026, 8, 28))
    assert (so_far.tax_year, so_far.runs) == ("2026-27", 2)
    assert (so_far.taxable_pay, so_far.tax, so_far.ni_earnings) == (Decimal("2000.00"), Decimal("40.00"),
                                                                     Decimal("2000.00"))
    assert so_far.gross == Decimal("2035.00")  # the expense is paid, but not pay
    assert (so_far.employee_ni, so_far.employer_ni) == (Decimal("20.00"), Decimal("40.00"))
    assert so_far.unfinalised_earlier == 1
    assert _to_date(pay_file, pa, date(2026, 4, 6)).runs == 0


def test_a_finalised_correction_stands_for_the_run_it_corrects(pay_file):
    pa = add_pa(pay_file)
    first = _stored(pay_file, pa, pay_date=date(2026, 5, 29), gross="1200.00", tax_paid="40.00")
    _stored(pay_file, pa, pay_date=date(2026, 5, 29), gross="1300.00", tax_paid="60.00", corrects_id=first)
    so_far = _to_date(pay_file, pa, date(2026, 6, 30))
    assert (so_far.runs, so_far.taxable_pay, so_far.tax) == (1, Decimal("1300.00"), Decimal("60.00"))
    assert _to_date(pay_file, pa, date(2026, 6, 30), exclude_run_id=first).runs == 1


def test_a_p45_counts_only_in_the_tax_year_of_its_leaving_date(pay_file):
    pa = add_pa(pay_file, start=date(2026, 7, 6), p45_leaving_date=date(2026, 6, 30), p45_tax_code="1257L",
                p45_pay_to_date="6000.00", p45_tax_to_date="700.00")
    this_year = _to_date(pay_file, pa, date(2026, 8, 28))
    assert (this_year.previous_pay, this_year.previous_tax) == (Decimal("6000.00"), Decimal("700.00"))
    assert this_year.taxable_pay == 0, "the P45's pay is not this employment's"
    next_year = _to_date(pay_file, pa, date(2027, 4, 30))
    assert (next_year.previous_pay, next_year.previous_tax) == (0, 0)


def test_runs_in_tax_year_are_the_finalised_runs_by_pay_date(pay_file):
    pa = add_pa(pay_file, tax_code="1257L")
    weeks = [pay_week(pay_file, pa.id, number, 3) for number in (2, 1, 3)]
    pay_week(pay_file, pa.id, 4, 3, finalise=False)
    with pay_file.session() as session:
        rows = tax.runs_in_tax_year(session, "2026-27", pa_id=pa.id)
        ids = [row.id for row in rows]
    assert ids == [weeks[1].run_id, weeks[0].run_id, weeks[2].run_id]
    assert all(run.status == pay.RunStatus.FINALISED for run in weeks)
