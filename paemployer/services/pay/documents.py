"""Payslips and the pay summary from an employer file (documents/ only draws them; this reads what they show).

The runs are the ones the pay screen shows for periods ending that day (services.pay.build_drafts: drafts
built or rebuilt from the records, keeping lines and deductions the employer added; approved and finalised
runs exactly as stored, read without rebuilding anything when no draft is among them). Files are written whole or not at all (services.output.write_output): an existing
file only with `force`, an employer file never; every payslip's path is checked before any is written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from paemployer import clock
from paemployer.documents.pay_summary import PaySummaryData, pay_summary_pdf
from paemployer.documents.payslip import PayslipData, PayslipTaxDetails, payslip_pdf
from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date
from paemployer.labels import pay_frequency_label, pay_frequency_labels
from paemployer.rules.money import ZERO
from paemployer.rules.pay import PayRun, RunStatus
from paemployer.rules.tax_year import tax_year_code
from paemployer.services import pay, records
from paemployer.services.output import check_output_path, write_output
from paemployer.services.tax import year as tax_year
from paemployer.store.db import cannot_write, expand_path, path_exists


def employer_address(employer) -> str:
    """The employer's address as lines, the postcode last."""
    return "\n".join(part.strip() for part in (employer.address, employer.postcode) if part and part.strip())


def payslip_data(ef, runs: Sequence[PayRun]) -> list[PayslipData]:
    """Each run with the names, address and NI number a payslip shows (read once for all of them)."""
    employer = records.get_employer(ef)
    address = employer_address(employer)
    pas = {pa.id: pa for pa in records.list_pas(ef)}
    paid = already_paid(ef, runs)
    tax = tax_details(ef, runs, pension_relief=employer.pension_relief)
    data = []
    for run in runs:
        pa = pas.get(run.pa_id)
        data.append(PayslipData(run=run, employer_name=employer.name, employer_address=address,
                                pa_name=run.pa_name, ni_number=(pa.ni_number or "") if pa is not None else "",
                                frequency_label=pay_frequency_label(run.period.frequency),
                                already_paid=paid.get(run.run_id), tax_details=tax.get(run.run_id)))
    return data


def tax_details(ef, runs: Sequence[PayRun], *, pension_relief: str) -> dict[int, PayslipTaxDetails]:
    """For each stored run whose deductions were worked out here: run id → the payslip's tax block (the code,
    letter and period used, and the tax year so far after this payment, from the finalised runs before it). Runs
    with typed or imported figures have none: there is no working to show."""
    details = {}
    year_rows: dict[tuple[int, str], list] = {}  # (PA, tax year) → its finalised runs: read once for all payslips
    with ef.session() as session:
        for run in runs:
            working = run.tax
            if working is None or run.run_id is None:
                continue
            key = (run.pa_id, tax_year_code(run.period.pay_date))
            if key not in year_rows:
                year_rows[key] = tax_year.runs_in_tax_year(session, key[1], pa_id=run.pa_id)
            before = (run.period.pay_date, run.period.end)
            earlier = [row for row in year_rows[key]
                       if row.id != run.run_id and (row.pay_date, row.period_end) < before]
            so_far_ni = sum((row.employee_ni for row in earlier), ZERO)
            so_far_pension = sum((row.employee_pension for row in earlier), ZERO)
            taken = run.deductions
            in_scheme = bool(taken.employee_pension or taken.employer_pension)
            details[run.run_id] = PayslipTaxDetails(
                tax_code=working.tax_code, week1_month1=working.week1_month1, ni_category=working.ni_category,
                tax_period=working.tax_period, period_kind="month" if run.period.frequency == "monthly" else "week",
                taxable_pay=working.taxable_pay or ZERO, taxable_pay_to_date=working.taxable_pay_to_date or ZERO,
                tax_to_date=working.tax_to_date or ZERO,
                employee_ni_to_date=so_far_ni + taken.employee_ni,
                employee_pension_to_date=so_far_pension + taken.employee_pension,
                student_loan=taken.student_loan, postgraduate_loan=taken.postgraduate_loan,
                pension_relief=pension_relief if in_scheme else "")
    return details


def already_paid(ef, runs: Sequence[PayRun]) -> dict[int, Decimal]:
    """For each correction among `runs`: its run id → the net pay of the run it corrects (paid already)."""
    return {run.run_id: pay.get_run(ef, run.corrects_run_id).net for run in runs
            if run.corrects_run_id is not None and run.run_id is not None}


def payslip_bytes(ef, run_id: int) -> bytes:
    """One stored run's payslip as PDF bytes (for a screen's 'Save payslip')."""
    [data] = payslip_data(ef, [pay.get_run(ef, run_id)])
    return payslip_pdf(data)


def _runs(ef, period_end: date, *, pa_id: int | None, now: datetime | None) -> list[PayRun]:
    """The runs the pay screen shows for periods ending `period_end`. When every PA paid then already has a run
    that is not a draft, those stored runs are exactly what build_drafts would give, so nothing is rebuilt
    (printing a past year's payslips reads them; it does not work each one out again)."""
    stored = pay.runs_for_period(ef, period_end, pa_id=pa_id)
    paid = {paid_id for paid_id, _name, _period in pay.pas_paid_on(ef, period_end)
            if pa_id is None or paid_id == pa_id}
    if stored and paid <= {run.pa_id for run in stored} and all(run.status != RunStatus.DRAFT for run in stored):
        runs = stored
    else:
        runs = pay.build_drafts(ef, period_end, pa_id=pa_id, now=now or clock.now())
    if not runs:
        raise ValidationError(
            _("No PA is paid for a period ending on {date}, so there is nothing to print. Choose the last day of a "
              "pay period.").format(date=format_date(period_end)),
            field="period_end", message_id="payslips_no_period")
    return sorted(runs, key=lambda run: (run.pa_name.casefold(), run.pa_id))


def file_name_part(name: str) -> str:
    """A PA's name as part of a file name: letters and digits kept (accents too), anything else a hyphen."""
    name = unicodedata.normalize("NFC", name)
    part = re.sub(r"[^\w]+", "-", name, flags=re.UNICODE).strip("-_")
    return part[:60].rstrip("-_") or "pa"


def payslip_file_names(runs: Sequence[PayRun], period_end: date) -> list[str]:
    """'payslip-2026-04-12-Megan-Wyn.pdf' per run; PAs sharing a name told apart by their number."""
    parts = [file_name_part(run.pa_name) for run in runs]
    shared = {part for part in parts if sum(p.casefold() == part.casefold() for p in parts) > 1}
    names = []
    for run, part in zip(runs, parts, strict=True):
        if part in shared:
            part = f"{part}-{run.pa_id}"
        names.append(f"payslip-{period_end.isoformat()}-{part}.pdf")
    return names


def _folder(out_dir: Path | str) -> Path:
    folder = expand_path(out_dir)
    if path_exists(folder) and not folder.is_dir():
        raise cannot_write(NotADirectoryError(), folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(error, folder) from None
    return folder


def write_payslips(ef, period_end: date, out_dir: Path | str, *, pa_id: int | None = None, force: bool = False,
                   now: datetime | None = None) -> list[Path]:
    """One payslip PDF per PA paid for a period ending `period_end` (or just `pa_id`'s) into `out_dir`
    (made if missing); returns the paths written. Nothing is written if any of the files may not be."""
    runs = _runs(ef, period_end, pa_id=pa_id, now=now)
    folder = _folder(out_dir)
    paths = [check_output_path(folder / name, replace=force) for name in payslip_file_names(runs, period_end)]
    written = []
    for path, data in zip(paths, payslip_data(ef, runs), strict=True):
        written.append(write_output(path, payslip_pdf(data), replace=force))
    return written


def pay_summary_bytes(ef, period_end: date, *, now: datetime | None = None, today: date | None = None) -> bytes:
    """The employer's pay summary for periods ending `period_end` as PDF bytes."""
    runs = _runs(ef, period_end, pa_id=None, now=now)
    employer = records.get_employer(ef)
    return pay_summary_pdf(PaySummaryData(employer_name=employer.name, period_end=period_end, runs=tuple(runs),
                                          printed_on=today or clock.today(), already_paid=already_paid(ef, runs),
                                          frequency_labels={kind.value: words for kind, words
                                                            in pay_frequency_labels().items()}))


def write_pay_summary(ef, period_end: date, out: Path | str, *, force: bool = False,
                      now: datetime | None = None) -> Path:
    """Write the pay summary for periods ending `period_end` to `out`; returns the path written."""
    out = check_output_path(out, replace=force)  # refuse before any work
    return write_output(out, pay_summary_bytes(ef, period_end, now=now), replace=force)
