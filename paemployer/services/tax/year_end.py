"""The year's end and a PA's leaving: the P60 a PA is given for a tax year, and the P45 figures when they leave.

Both are read from the FINALISED pay runs standing for their periods (built here or a payroll service's payslips)
whose pay date falls in the tax year (PAYE follows the pay date), and the previous employer's P45 figures recorded
for the PA: never typed twice. A P60 is for a PA employed on the last day of the tax year (PAYE Regulations 2003
reg 67); a P45 for one who leaves (reg 36). Statutory family pay is one kind of pay line here: its description says
which it is (maternity, paternity, adoption, shared parental, bereavement, in English or Welsh), and a line that
does not say is counted as maternity pay, the common case for a PA.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from paemployer.documents.p60 import P60Data, P60NiLine
from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date
from paemployer.rules.money import ZERO, money_str
from paemployer.rules.pay import LineKind
from paemployer.rules.tax_year import tax_period, tax_year_code
from paemployer.services.pay.documents import employer_address
from paemployer.services.tax.details import effective_tax_code
from paemployer.services.tax.hmrc import (
    finalised_runs_paid_in,
    ni_bands,
    run_figures,
    year_bounds,
)
from paemployer.store import queries
from paemployer.store.models import PayRun as PayRunRow

# Words in a family pay line's description that say which statutory payment it is (English and Welsh).
_FAMILY_KINDS = (
    ("shpp", ("shared parental", "rhiant a rennir", "shpp")),
    ("spbp", ("bereavement", "profedigaeth", "spbp")),
    ("sap", ("adoption", "mabwysiadu", "sap")),
    ("spp", ("paternity", "tadolaeth", "spp")),
    ("smp", ("maternity", "mamolaeth", "smp")),
)


def family_pay_kind(description: str) -> str:
    """'smp', 'spp', 'sap', 'shpp' or 'spbp' from a family pay line's words ('smp' when they do not say)."""
    words = description.casefold()
    for kind, keys in _FAMILY_KINDS:
        if any(key in words for key in keys):
            return kind
    return "smp"


@dataclass(frozen=True)
class YearOfPay:
    """One PA's finalised pay in a tax year, as P60s and P45s report it."""

    rows: tuple[PayRunRow, ...]
    taxable_pay: Decimal
    tax: Decimal
    student_loan: Decimal
    postgraduate_loan: Decimal
    family: dict
    ni: dict                    # letter -> [at LEL, LEL to PT, PT to UEL, employee NI]


def year_of_pay(session: Session, tax_year: str, pa_id: int, *, up_to: date | None = None) -> YearOfPay:
    first, last = year_bounds(tax_year)
    rows = [row for row in finalised_runs_paid_in(session, first, last)
            if row.pa_id == pa_id and (up_to is None or row.pay_date <= up_to)]
    queries.get_pa(session=session, pa_id=pa_id)  # a plain refusal of a PA not in the file
    taxable = ZERO
    family: dict[str, Decimal] = defaultdict(lambda: ZERO)
    ni: dict[str, list[Decimal]] = {}
    lines_by_run = defaultdict(list)
    if rows:
        for line in queries.pay_run_lines(session=session, run_ids=[row.id for row in rows]):
            lines_by_run[line.pay_run_id].append(line)
    for row in rows:
        figures = run_figures(session, row)
        taxable += figures.taxable
        for line in lines_by_run[row.id]:
            if line.kind == LineKind.FAMILY_PAY.value:
                family[family_pay_kind(line.description)] += line.amount
        run_bands = ni_bands(session, row, ni_earnings=figures.ni_earnings)  # worked out for typed or taken-in pay
        bands = ni.setdefault(run_bands.letter, [ZERO, ZERO, ZERO, ZERO])
        bands[0] += run_bands.at_lel
        bands[1] += run_bands.lel_to_pt
        bands[2] += run_bands.pt_to_uel
        bands[3] += row.employee_ni
    return YearOfPay(rows=tuple(rows), taxable_pay=taxable, tax=sum((row.tax for row in rows), ZERO),
                     student_loan=sum((row.student_loan or ZERO for row in rows), ZERO),
                     postgraduate_loan=sum((row.postgraduate_loan or ZERO for row in rows), ZERO),
                     family=dict(family), ni=ni)


def _previous(pa, employer, tax_year: str) -> tuple[Decimal, Decimal]:
    """Pay and tax in an earlier employment this tax year, from the P45 the PA brought, when they were counted (a
    cumulative code); on week 1 / month 1 they were not used, and the P60 leaves them out as the P45 does."""
    code = effective_tax_code(pa, employer, tax_year)
    return code.previous_pay, code.previous_tax


def _final_code(pa, rows) -> tuple[str, bool]:
    for row in reversed(rows):
        if row.tax_code:
            return row.tax_code, bool(row.tax_week1_month1)
    return pa.tax_code or "", bool(pa.tax_week1_month1)


def p60_data(ef, tax_year: str, pa_id: int) -> P60Data:
    """One PA's P60 for `tax_year` ("2025-26") from the finalised pay and their P45."""
    year_bounds(tax_year)
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        employer = queries.find_employer(session=session)
        year = year_of_pay(session, tax_year, pa_id)
        if not year.rows:
            raise ValidationError(_("{name} has no finalised pay in the tax year {year}, so there is no P60 to "
                                    "give.").format(name=pa.full_name, year=tax_year), field="pa")
        code, week1 = _final_code(pa, year.rows)
        previous_pay, previous_tax = _previous(pa, employer, tax_year)
        return P60Data(
            surname=pa.last_name, forenames=pa.first_name, ni_number=pa.ni_number or "", tax_year=tax_year,
            tax_code=code, week1_month1=week1,
            pay_in_previous_employments=previous_pay, tax_in_previous_employments=previous_tax,
            pay_in_this_employment=year.taxable_pay, tax_in_this_employment=year.tax,
            ni_lines=tuple(P60NiLine(letter=letter, earnings_at_lel=bands[0], earnings_lel_to_pt=bands[1],
                                     earnings_pt_to_uel=bands[2], employee_contributions=bands[3])
                           for letter, bands in sorted(year.ni.items())),
            employer_name=employer.name if employer is not None else "",
            employer_address=employer_address(employer) if employer is not None else "",
            paye_reference=employer.paye_reference if employer is not None else "",
            smp=year.family.get("smp", ZERO), spp=year.family.get("spp", ZERO), sap=year.family.get("sap", ZERO),
            shpp=year.family.get("shpp", ZERO), spbp=year.family.get("spbp", ZERO),
            student_loan=year.student_loan, postgraduate_loan=year.postgraduate_loan)


def pas_for_p60(ef, tax_year: str) -> list[tuple[int, str]]:
    """(PA id, name) of each PA with finalised pay in `tax_year` still employed on its last day (5 April)."""
    first, last = year_bounds(tax_year)
    with ef.session() as session:
        rows = finalised_runs_paid_in(session, first, last)
        ids = {row.pa_id for row in rows}
        pas = queries.pas_by_id(session=session, pa_ids=ids) if ids else []
    return sorted(((pa.id, pa.full_name) for pa in pas if pa.end_date is None or pa.end_date >= last),
                  key=lambda item: (item[1].casefold(), item[0]))


def p45_figures(ef, pa_id: int) -> list[tuple[str, str]]:
    """What a leaver's P45 says, (box name, value): leaving date, tax code and its basis at leaving, the last tax
    week or month paid, pay and tax to date (the year's total with a cumulative code; this employment's always),
    and whether student and postgraduate loan deductions continue."""
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        if pa.end_date is None:
            raise ValidationError(_("Record the day {name} leaves (their end date) first: the P45 is made then.").format(
                name=pa.full_name), field="end_date")
        tax_year = tax_year_code(pa.end_date)
        year = year_of_pay(session, tax_year, pa_id)
        previous_pay, previous_tax = _previous(pa, queries.get_employer(session=session), tax_year)
    code, week1 = _final_code(pa, year.rows)
    last_row = year.rows[-1] if year.rows else None
    if last_row is not None:
        period = last_row.tax_period or tax_period(last_row.pay_date, last_row.pay_frequency)
        last_paid = (_("Month {number}") if last_row.pay_frequency == "monthly" else _("Week {number}")).format(
            number=period)
    else:
        last_paid = _("no pay in this tax year")
    cumulative = not week1
    blank = _("leave blank (the code is on a week 1 or month 1 basis)")
    return [
        (_("Leaving date"), format_date(pa.end_date, format="long")),
        (_("Tax code at leaving"), code or _("not recorded")),
        (_("Week 1 or Month 1 basis"), _("Yes") if week1 else _("No")),
        (_("Last entries: tax week or month number"), last_paid),
        (_("Total pay to date"), money_str(previous_pay + year.taxable_pay) if cumulative else blank),
        (_("Total tax to date"), money_str(previous_tax + year.tax) if cumulative else blank),
        (_("Pay in this employment"), money_str(year.taxable_pay)),
        (_("Tax in this employment"), money_str(year.tax)),
        (_("Student loan deductions to continue"), _("Yes") if pa.student_loan_plan else _("No")),
        (_("Postgraduate loan deductions to continue"), _("Yes") if pa.postgraduate_loan else _("No")),
    ]
