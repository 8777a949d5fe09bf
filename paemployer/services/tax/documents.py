"""P60s as PDF files (documents/p60.py draws them; services/tax/year_end.py reads what they show).

Written as payslips are (services/pay/documents.py): whole or not at all, an existing file only with `force`, an
employer file never; every path is checked before any file is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from paemployer import clock
from paemployer.documents.p60 import p60_pdf
from paemployer.errors import ValidationError
from paemployer.i18n import _, current_locale, format_date
from paemployer.services.output import check_output_path, write_output
from paemployer.services.pay.documents import _folder, file_name_part
from paemployer.services.records import get_employer, update_employer
from paemployer.services.tax.hmrc import year_bounds
from paemployer.services.tax.year_end import p60_data, pas_for_p60


def p60_file_names(pas: list[tuple[int, str]], tax_year: str) -> list[str]:
    """'p60-2026-27-Megan-Wyn.pdf' per PA; PAs sharing a name told apart by their number."""
    parts = [file_name_part(name) for _id, name in pas]
    shared = {part for part in parts if sum(p.casefold() == part.casefold() for p in parts) > 1}
    return [f"p60-{tax_year}-{part}-{pa_id}.pdf" if part in shared else f"p60-{tax_year}-{part}.pdf"
            for (pa_id, _name), part in zip(pas, parts, strict=True)]


def p60_bytes(ef, tax_year: str, pa_id: int) -> bytes:
    """One PA's P60 as PDF bytes (for a screen's 'Save P60')."""
    return p60_pdf(p60_data(ef, tax_year, pa_id), locale=current_locale())


def write_p60s(ef, tax_year: str, out_dir: Path | str, *, pa_id: int | None = None,
               force: bool = False, today: date | None = None) -> list[Path]:
    """A P60 PDF for each PA paid in `tax_year` and employed on its last day (or just `pa_id`'s, whenever they
    left) into `out_dir` (made if missing); returns the paths written. Nothing is written if any may not be.

    Refused before the tax year has ended (`today`, the clock's day when not given, on or before 5 April): a P60
    is for the whole year (PAYE Regulations 2003 reg 67). Once the P60s of every PA due one are written (all of
    them, or `pa_id` when they are the only one due), the employer is recorded as having given the year's P60s
    (Employer.p60s_given_for, through update_employer so it is checked and audited; never moved back to an
    earlier year), which clears the warning that they are due."""
    _first, last = year_bounds(tax_year)
    today = today or clock.today()
    if today <= last:
        raise ValidationError(_("The tax year {year} ends on {end}: P60s are made after that, for the PAs employed "
                                "on its last day.").format(year=tax_year, end=format_date(last, format="long")),
                              field="tax_year")
    due = pas_for_p60(ef, tax_year)
    pas = due
    if pa_id is not None:
        pas = [item for item in due if item[0] == pa_id]
        if not pas:
            data = p60_data(ef, tax_year, pa_id)  # says plainly when there is no pay in the year
            pas = [(pa_id, data.full_name)]
    if not pas:
        raise ValidationError(_("Nobody employed at the end of the tax year {year} has finalised pay in it, so there "
                                "are no P60s to write.").format(year=tax_year), field="tax_year")
    documents = [p60_pdf(p60_data(ef, tax_year, item[0]), locale=current_locale()) for item in pas]
    folder = _folder(out_dir)
    paths = [check_output_path(folder / name, replace=force) for name in p60_file_names(pas, tax_year)]
    written = [write_output(path, data, replace=force) for path, data in zip(paths, documents, strict=True)]
    if due and {item[0] for item in due} <= {item[0] for item in pas}:
        given = get_employer(ef).p60s_given_for or ""
        if given < tax_year:  # "2025-26" < "2026-27": the codes sort as the years do
            update_employer(ef, p60s_given_for=tax_year)
    return written
