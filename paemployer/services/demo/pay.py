"""The sample employer's pay history: timesheets confirmed up to the start of this week, every whole pay period
that has ended since the rota began finalised (paid on its pay day), and a draft for the period running now, so
the pay screen, the payslips and the pay summary have something real to show.

Eleri pays all four PAs monthly, by tax month (6th to 5th), on the Friday after the period ends. Their rates are
above the minimum wage, so no run is held back; the warnings find no pay missing and nothing left unfinalised. She is
up to date with HMRC: each finalised payment reported on its pay day, and each bill due by today paid on its due day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from paemployer.errors import RatesError
from paemployer.rules.tax_year import tax_year_code, tax_year_start
from paemployer.services import pay
from paemployer.services.rota import stage_confirm_as_planned
from paemployer.services.rota.engine import week_start
from paemployer.services.tax.hmrc import (
    fps_payments,
    hmrc_year,
    mark_fps_sent,
    record_hmrc_payment,
)

# The time of day the sample's pay runs were built and finalised (on the pay day, or today for a later one).
PAY_TIME = time(9)


def confirm_timesheets(ef, first_day: date, today: date) -> int:
    """Every planned shift from `first_day` to the start of this week confirmed as worked, as planned."""
    this_week = datetime.combine(week_start(today), time())
    with ef.session() as session:
        return stage_confirm_as_planned(session, datetime.combine(first_day, time()), this_week, now=this_week)


def add_demo_pay(ef, first_day: date, today: date) -> None:
    """Pay for every whole pay period since `first_day` (the rota's first day): finalised when it has ended, a
    draft for the one running now. Shifts before the first of those periods stay as planned (never paid here, so
    never missing a payslip); from it to the start of this week they are confirmed as worked."""
    periods = []
    for end in sorted(pay.recent_period_ends(ef, on=today, count=6)):
        paid = [period for _pa_id, _name, period in pay.pas_paid_on(ef, end)]
        if paid and min(period.start for period in paid) >= first_day:
            periods.append((end, paid))
    if not periods:
        return
    confirm_timesheets(ef, min(period.start for period in periods[0][1]), today)
    for end, paid in periods:
        if end < today:
            when = datetime.combine(min([today, *(period.pay_date for period in paid)]), PAY_TIME)
            pay.finalise_period(ef, end, now=when)
        else:
            pay.build_drafts(ef, end, now=datetime.combine(today, PAY_TIME))
    report_to_hmrc(ef, today)


def report_to_hmrc(ef, today: date) -> None:
    """Each finalised payment's Full Payment Submission sent on its pay day, and what was due to HMRC by today
    paid on its due day, for the tax years the sample's pay falls in."""
    for year in sorted({tax_year_code(today), tax_year_code(tax_year_start(today) - timedelta(days=1))}):
        try:
            summaries = hmrc_year(ef, year, today=today).periods
        except RatesError:  # a year the app holds no HMRC figures for: nothing to pay it for
            continue
        for payment in fps_payments(ef, year):
            if not payment.from_payroll_service and payment.fps_sent_on is None:
                mark_fps_sent(ef, payment.run_id, payment.pay_date, now=datetime.combine(payment.pay_date, PAY_TIME))
        for summary in summaries:
            if summary.outstanding and summary.due_date < today:
                record_hmrc_payment(ef, year, summary.period.number, paid_on=summary.due_date,
                                    amount=summary.outstanding, now=datetime.combine(summary.due_date, PAY_TIME))
