"""Warnings from tax, National Insurance, pensions and the HMRC year, for the warnings centre.

- HMRC_PAYMENT_DUE: a tax month (or quarter) with an amount still to pay whose due date is within DUE_SOON_DAYS.
- HMRC_PAYMENT_OVERDUE: past its due date with an amount still to pay (one warning for all such periods).
- FPS_NOT_SENT (Basic PAYE Tools route): a finalised pay run built here whose pay day has come with no Full Payment
  Submission recorded; the FPS is due on or before pay day (PAYE Regulations 2003 reg 67B). One warning per PA.
- P60_DUE (6 April to 31 May): P60s for the last tax year not recorded as given, when a PA paid in that year was
  still employed on its last day (PAYE Regulations 2003 reg 67).
- TAX_DETAILS_MISSING: a PA paid here (or with pay being prepared) in this tax year or later, with no tax code,
  no starter checklist answer and no P45: tax is worked out on 0T week 1/month 1.
- PENSION_ENROLMENT_DUE: a finalised or draft run assessed the PA as an eligible jobholder while they are not
  enrolled, not postponed to a day after that period began, and not opted out: they must be enrolled from the first
  day of that pay reference period (Pensions Act 2008 s.3).
- EMPLOYMENT_ALLOWANCE_CHECK: employer's NI paid this tax year and the allowance not claimed while every duty is care
  and support; or claimed while that is recorded as not so (or not recorded at all).

A fixed number of queries whatever the number of PAs and runs.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlmodel import Session

from paemployer.errors import RatesError
from paemployer.i18n import _
from paemployer.rules.dates import months_after, years_after
from paemployer.rules.money import ZERO
from paemployer.rules.pay import RunSource, RunStatus
from paemployer.rules.pensions import ELIGIBLE_JOBHOLDER
from paemployer.rules.rates import load_table
from paemployer.rules.tax_year import tax_year_code, tax_year_label, tax_year_start
from paemployer.rules.warnings import EMPLOYER, Finding, fingerprint, pa_subject
from paemployer.services.pay.inputs import standing_runs
from paemployer.services.tax.hmrc import hmrc_year, period_words
from paemployer.store import queries

DUE_SOON_DAYS = 14      # a fortnight's notice of a payment to HMRC: time to arrange it from the direct payment account
LOOK_BACK_MONTHS = 13   # a year of pay and the month before: older pay is history, not a warning
P60_DEADLINE = (5, 31)  # 31 May after the tax year (PAYE Regulations 2003 reg 67)
_IN_OR_OUT = frozenset({"enrolled", "opted_in", "opted_out"})


def tax_findings(ef, *, on: date) -> list[Finding]:
    """Every tax, HMRC and pension-enrolment warning for the file on `on`."""
    with ef.session() as session:
        employer = queries.find_employer(session=session)
        if employer is None:
            return []
        first = months_after(on, -LOOK_BACK_MONTHS)
        rows = standing_runs(queries.pay_runs_ending_between(session=session, first=first - timedelta(days=70),
                                                             last=on + timedelta(days=62)))
        pa_ids = {row.pa_id for row in rows}
        pas = {pa.id: pa for pa in queries.pas_by_id(session=session, pa_ids=pa_ids)} if pa_ids else {}
        findings = _fps_not_sent(employer, rows, first=first, on=on)
        findings += _tax_details_missing(employer, rows, pas, on=on)
        findings += _pension_enrolment_due(rows, pas, first=first, on=on)
        findings += _p60_due(session, employer, on=on)
    findings += _hmrc_payments(ef, on=on)
    findings += _employment_allowance(ef, employer, on=on)
    return findings


# --- paying HMRC ----------------------------------------------------------------------------------------------


def _years(on: date) -> list[str]:
    """This tax year and the last (a payment for March is due in April)."""
    this = tax_year_start(on)
    return [tax_year_code(years_after(this, -1)), tax_year_code(this)]


def _hmrc_payments(ef, *, on: date) -> list[Finding]:
    findings: list[Finding] = []
    overdue = []
    for year_code in _years(on):
        try:
            year = hmrc_year(ef, year_code, today=on)
        except RatesError:  # a year before the app's HMRC figures: nothing it can say
            continue
        for summary in year.periods:
            if summary.outstanding <= ZERO:
                continue
            if summary.due_date < on:
                overdue.append(summary)
            elif summary.due_date <= on + timedelta(days=DUE_SOON_DAYS):
                method = _("paid electronically") if year.payment_method != "cheque" else _("by cheque in the post")
                findings.append(Finding(
                    "HMRC_PAYMENT_DUE", EMPLOYER,
                    fingerprint("hmrc_due", year_code, summary.period.number, summary.period.quarterly,
                                summary.outstanding),
                    due=summary.due_date, record_id=f"{year_code}:{summary.period.number}",
                    params={"amount": summary.outstanding, "period": period_words(summary.period),
                            "method": method}))
    if overdue:
        first = overdue[0]
        findings.append(Finding(
            "HMRC_PAYMENT_OVERDUE", EMPLOYER,
            fingerprint("hmrc_overdue", *[(s.period.tax_year, s.period.number, s.period.quarterly, s.outstanding)
                                          for s in overdue]),
            due=first.due_date, overdue=True, record_id=f"{first.period.tax_year}:{first.period.number}",
            params={"amount": sum((s.outstanding for s in overdue), ZERO), "period": period_words(first.period),
                    "count": len(overdue)}))
    return findings


def _employment_allowance(ef, employer, *, on: date) -> list[Finding]:
    claimed, care_only = bool(employer.employment_allowance), employer.care_and_support_only
    year_code = tax_year_code(on)
    if claimed:
        if care_only is True:
            return []
        reason = "not_eligible" if care_only is False else "unknown"
        return [Finding("EMPLOYMENT_ALLOWANCE_CHECK", EMPLOYER, fingerprint("ea", reason), record_id=None,
                        params={"reason": reason, "tax_year": tax_year_label(on)})]
    if care_only is not True:
        return []
    try:
        year = hmrc_year(ef, year_code, today=on)
    except RatesError:
        return []
    employer_ni = year.totals.employer_ni
    if employer_ni <= ZERO:
        return []
    allowance = load_table("employment_allowance").row_on(tax_year_start(on))["annual_amount"]
    return [Finding("EMPLOYMENT_ALLOWANCE_CHECK", EMPLOYER, fingerprint("ea", "not_claimed", year_code),
                    params={"reason": "not_claimed", "tax_year": tax_year_label(on), "employer_ni": employer_ni,
                            "allowance": allowance})]


# --- reporting -------------------------------------------------------------------------------------------------


def _fps_not_sent(employer, rows, *, first: date, on: date) -> list[Finding]:
    if employer.hmrc_route != "basic_paye_tools":
        return []
    unsent = defaultdict(list)
    for row in rows:
        if (row.status == RunStatus.FINALISED.value and row.source == RunSource.COMPUTED.value
                and row.fps_sent_on is None and first <= row.pay_date <= on):
            unsent[row.pa_id].append(row)
    findings = []
    for pa_id, pa_rows in unsent.items():
        pa_rows.sort(key=lambda row: (row.pay_date, row.id))
        oldest = pa_rows[0]
        findings.append(Finding(
            "FPS_NOT_SENT", pa_subject(pa_id), fingerprint("fps", *[row.id for row in pa_rows]),
            due=oldest.pay_date, overdue=oldest.pay_date < on, record_id=oldest.id,
            params={"name": oldest.pa_name, "pay_date": oldest.pay_date, "period_start": oldest.period_start,
                    "period_end": oldest.period_end, "count": len(pa_rows)}))
    return findings


def _p60_due(session: Session, employer, *, on: date) -> list[Finding]:
    this_year = tax_year_start(on)
    deadline = date(this_year.year, *P60_DEADLINE)
    if on > deadline:
        return []
    last_year = years_after(this_year, -1)
    last_code = tax_year_code(last_year)
    if employer.p60s_given_for and employer.p60s_given_for >= last_code:
        return []
    year_end = this_year - timedelta(days=1)
    rows = standing_runs(queries.pay_runs_paid_between(session=session, first=last_year, last=year_end))
    paid = {row.pa_id for row in rows if row.status == RunStatus.FINALISED.value}
    if not paid:
        return []
    employed = [pa for pa in queries.pas_by_id(session=session, pa_ids=paid)
                if pa.end_date is None or pa.end_date >= year_end]
    if not employed:
        return []
    return [Finding("P60_DUE", EMPLOYER, fingerprint("p60", last_code, *sorted(pa.id for pa in employed)),
                    due=deadline, record_id=last_code,
                    params={"tax_year": tax_year_label(last_year), "count": len(employed), "form": "P60"})]


# --- the PAs ---------------------------------------------------------------------------------------------------


def _tax_details_missing(employer, rows, pas, *, on: date) -> list[Finding]:
    if employer.hmrc_route == "payroll_service":
        return []  # the payroll service works the tax out with the code HMRC sends them
    year_start = tax_year_start(on)
    paid_here = {row.pa_id for row in rows if row.source == RunSource.COMPUTED.value
                 and (row.pay_date >= year_start or row.status != RunStatus.FINALISED.value)}
    findings = []
    for pa_id in sorted(paid_here):
        pa = pas.get(pa_id)
        if pa is None or (pa.end_date is not None and pa.end_date < year_start):
            continue
        if (pa.tax_code or "").strip() or pa.starter_statement or pa.p45_leaving_date is not None \
                or (pa.p45_tax_code or "").strip():
            continue
        findings.append(Finding("TAX_DETAILS_MISSING", pa_subject(pa_id), fingerprint("tax_details", pa_id),
                                record_id=pa_id, params={"name": pa.full_name, "leaver_form": "P45", "fallback": _(
                                    "code 0T on a week 1 or month 1 basis")}))
    return findings


def _age_on(date_of_birth: date | None, day: date) -> int | None:
    if date_of_birth is None:
        return None
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def _pension_enrolment_due(rows, pas, *, first: date, on: date) -> list[Finding]:
    earliest: dict[int, object] = {}
    for row in sorted(rows, key=lambda row: (row.period_start, row.id)):
        if row.pension_status != ELIGIBLE_JOBHOLDER or row.period_end < first or row.pa_id in earliest:
            continue
        if row.status not in (RunStatus.FINALISED.value, RunStatus.DRAFT.value):
            continue
        pa = pas.get(row.pa_id)
        if pa is None or pa.pension_opted_out_on is not None or pa.pension_enrolled_on is not None:
            continue
        if getattr(pa.pension_status, "value", pa.pension_status) in _IN_OR_OUT:
            continue  # the PA's pension record already says they are in the scheme or left it
        if pa.pension_postponed_until is not None and pa.pension_postponed_until >= row.period_start:
            continue
        earliest[row.pa_id] = row
    findings = []
    for pa_id, row in earliest.items():
        pa = pas[pa_id]
        # Enrolled from the period's first day; the joining window gives the employer six weeks to do it.
        enrol_by = row.period_start + timedelta(
            weeks=load_table("employer_duties").row_on(row.period_start)["ae_joining_window_weeks"])
        findings.append(Finding(
            "PENSION_ENROLMENT_DUE", pa_subject(pa_id),
            fingerprint("enrol", row.period_start, pa.pension_postponed_until),
            due=enrol_by, overdue=enrol_by < on, record_id=pa_id,
            params={"name": pa.full_name, "period_start": row.period_start, "period_end": row.period_end,
                    "age": _age_on(pa.date_of_birth, row.period_start) or ""}))
    return findings
