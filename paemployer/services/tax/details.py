"""A PA's tax details and the tax code their pay is worked out on.

The code is the one HMRC gave (recorded on the PA), else the one on a P45 from earlier in the same tax year, else the
one the new-starter statement points to, as HMRC's guidance for employers says (https://www.gov.uk/new-employee/
tax-code): statement A the emergency code on a cumulative basis, statement B the emergency code on a week 1 /
month 1 basis, statement C BR; with no P45 and no statement, 0T on a week 1 / month 1 basis. A code worked out here
takes the prefix of the employer's nation (S Scotland, C Wales), as the PA is taken to live where they work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from paemployer import clock
from paemployer.i18n import _, format_date
from paemployer.rules.money import ZERO
from paemployer.rules.paye import (
    REGION_PREFIX,
    REST_OF_UK,
    SCOTLAND,
    WALES,
    emergency_tax_code,
)
from paemployer.rules.tax_year import tax_year_code, tax_year_of
from paemployer.services import records
from paemployer.store import queries
from paemployer.store.db import EmployerFile

# Where the code came from (EffectiveTaxCode.basis).
RECORDED, P45, STARTER_A, STARTER_B, STARTER_C, MISSING = (
    "recorded", "p45", "starter_a", "starter_b", "starter_c", "missing")

# The PA's fields tax_details shows and update_tax_details changes.
TAX_FIELDS = ("tax_code", "tax_week1_month1", "ni_category", "starter_statement", "p45_leaving_date", "p45_tax_code",
              "p45_week1_month1", "p45_pay_to_date", "p45_tax_to_date", "student_loan_plan", "postgraduate_loan",
              "pension_status", "pension_assessed_on", "pension_enrolled_on", "pension_opted_out_on",
              "pension_postponed_until")


@dataclass(frozen=True)
class EffectiveTaxCode:
    """The tax code a PA's pay in one tax year is worked out on, and why."""

    tax_year: str                 # "2026-27"
    code: str                     # without W1/M1, e.g. "1257L", "S1257L", "BR", "0T"
    week1_month1: bool
    basis: str                    # recorded | p45 | starter_a | starter_b | starter_c | missing
    explanation: str              # in plain English, for the pay screen and the payslip's notes
    details_missing: bool         # no tax code, P45 or starter statement: 0T week 1 / month 1 until one is given
    previous_pay: Decimal = ZERO  # a P45 of this tax year, counted with a cumulative code
    previous_tax: Decimal = ZERO

    @property
    def cumulative(self) -> bool:
        return not self.week1_month1


@dataclass(frozen=True)
class TaxDetails:
    """A PA's tax, National Insurance, loan and pension details as recorded, and the code in use today."""

    pa_id: int
    pa_name: str
    date_of_birth: date | None
    tax_code: str
    tax_week1_month1: bool
    ni_category: str
    starter_statement: str
    p45_leaving_date: date | None
    p45_tax_code: str
    p45_week1_month1: bool
    p45_pay_to_date: Decimal | None
    p45_tax_to_date: Decimal | None
    student_loan_plan: str
    postgraduate_loan: bool
    pension_status: str
    pension_assessed_on: date | None
    pension_enrolled_on: date | None
    pension_opted_out_on: date | None
    pension_postponed_until: date | None
    effective: EffectiveTaxCode   # for the tax year of today

    @property
    def missing(self) -> bool:
        return self.effective.details_missing


def region_of(nation: Any) -> str:
    """The PAYE region of the employer's nation: Scottish or Welsh rates of income tax, or the rest of the UK's."""
    nation = getattr(nation, "value", nation)
    return {"scotland": SCOTLAND, "wales": WALES}.get(nation, REST_OF_UK)


def p45_in_tax_year(pa: Any, tax_year: str) -> bool:
    """Whether the PA's P45 is from a job left in this tax year (a P45 from an earlier year does not count)."""
    leaving = pa.p45_leaving_date
    return leaving is not None and tax_year_code(leaving) == tax_year


def effective_tax_code(pa: Any, employer: Any, tax_year: str) -> EffectiveTaxCode:
    """The code `pa`'s pay in `tax_year` ("2026-27") is worked out on (pa and employer: rows or plain values)."""
    tax_year_of(tax_year)  # a bad label is refused plainly
    region = region_of(employer.nation)
    prefix = REGION_PREFIX[region]
    has_p45 = p45_in_tax_year(pa, tax_year)
    if pa.tax_code:
        code, week1, basis = pa.tax_code, bool(pa.tax_week1_month1), RECORDED
        explanation = _("Tax code {code} as recorded for {name}.").format(code=_shown(code, week1),
                                                                          name=pa.full_name)
    elif has_p45 and pa.p45_tax_code:
        code, week1, basis = pa.p45_tax_code, bool(pa.p45_week1_month1), P45
        explanation = _("Tax code {code} from the P45 of the job {name} left on {day}, as HMRC's guidance for a new "
                        "employee with a P45 says.").format(code=_shown(code, week1), name=pa.full_name,
                                                            day=format_date(pa.p45_leaving_date, format="long"))
    elif pa.p45_tax_code and pa.p45_leaving_date is not None and _started_before(pa, tax_year) \
            and tax_year_code(pa.p45_leaving_date) == tax_year_code(pa.start_date):
        # The P45's code was in use here last year: HMRC P9X carries it on, and week 1 / month 1 ends on 6 April.
        code, week1, basis = pa.p45_tax_code, False, P45
        explanation = _("Tax code {code} from the P45 of the job {name} left on {day}, carried into the new tax year "
                        "on a cumulative basis until HMRC sends another (HMRC P9X: week 1 / month 1 ends on 6 "
                        "April).").format(code=code, name=pa.full_name,
                                          day=format_date(pa.p45_leaving_date, format="long"))
    elif pa.starter_statement == "A":
        code, week1, basis = emergency_tax_code(region, tax_year), False, STARTER_A
        explanation = _("Emergency tax code {code}, because {name} ticked statement A of the starter checklist "
                        "(HMRC: gov.uk/new-employee/tax-code).").format(code=code, name=pa.full_name)
    elif pa.starter_statement == "B" and _started_before(pa, tax_year):
        # HMRC P9X: week 1 / month 1 markers end on 6 April; the emergency code goes on cumulatively.
        code, week1, basis = emergency_tax_code(region, tax_year), False, STARTER_B
        explanation = _("Emergency tax code {code}: {name} ticked statement B of the starter checklist in an earlier "
                        "tax year, and week 1 / month 1 ends on 6 April (HMRC P9X).").format(code=code,
                                                                                            name=pa.full_name)
    elif pa.starter_statement == "B":
        code, week1, basis = emergency_tax_code(region, tax_year), True, STARTER_B
        explanation = _("Emergency tax code {code} on a week 1 / month 1 basis, because {name} ticked statement B of "
                        "the starter checklist (HMRC: gov.uk/new-employee/tax-code).").format(
            code=_shown(code, True), name=pa.full_name)
    elif pa.starter_statement == "C":
        code, week1, basis = f"{prefix}BR", False, STARTER_C
        explanation = _("Tax code {code}: all pay taxed at the basic rate, because {name} ticked statement C of the "
                        "starter checklist (another job or a pension; HMRC: gov.uk/new-employee/tax-code).").format(
            code=code, name=pa.full_name)
    else:
        code, week1, basis = f"{prefix}0T", True, MISSING
        explanation = _("No tax code, P45 or starter checklist is recorded for {name}, so tax is worked out on "
                        "{code} on a week 1 / month 1 basis, as HMRC says to (gov.uk/new-employee/tax-code). Record "
                        "their tax code, P45 or starter statement in their tax details.").format(
            name=pa.full_name, code=code)
    previous_pay = previous_tax = ZERO
    if has_p45 and not week1:
        previous_pay, previous_tax = pa.p45_pay_to_date or ZERO, pa.p45_tax_to_date or ZERO
    return EffectiveTaxCode(tax_year=tax_year, code=code, week1_month1=week1, basis=basis, explanation=explanation,
                            details_missing=basis == MISSING, previous_pay=previous_pay, previous_tax=previous_tax)


def _started_before(pa: Any, tax_year: str) -> bool:
    """Whether the PA started with this employer in a tax year before `tax_year`."""
    start = getattr(pa, "start_date", None)
    return start is not None and tax_year_code(start) < tax_year


def _shown(code: str, week1_month1: bool) -> str:
    return _("{code} week 1 / month 1").format(code=code) if week1_month1 else code


def _details(pa: Any, employer: Any, on: date) -> TaxDetails:
    return TaxDetails(
        pa_id=pa.id, pa_name=pa.full_name, date_of_birth=pa.date_of_birth, tax_code=pa.tax_code,
        tax_week1_month1=pa.tax_week1_month1, ni_category=pa.ni_category, starter_statement=pa.starter_statement,
        p45_leaving_date=pa.p45_leaving_date, p45_tax_code=pa.p45_tax_code, p45_week1_month1=pa.p45_week1_month1,
        p45_pay_to_date=pa.p45_pay_to_date, p45_tax_to_date=pa.p45_tax_to_date,
        student_loan_plan=pa.student_loan_plan, postgraduate_loan=pa.postgraduate_loan,
        pension_status=getattr(pa.pension_status, "value", pa.pension_status),
        pension_assessed_on=pa.pension_assessed_on, pension_enrolled_on=pa.pension_enrolled_on,
        pension_opted_out_on=pa.pension_opted_out_on, pension_postponed_until=pa.pension_postponed_until,
        effective=effective_tax_code(pa, employer, tax_year_code(on)))


def tax_details(ef: EmployerFile, pa_id: int) -> TaxDetails:
    """A PA's tax details, with the code in use for today's tax year."""
    with ef.session() as session:
        return _details(queries.get_pa(session=session, pa_id=pa_id), queries.get_employer(session=session),
                        clock.today())


def update_tax_details(ef: EmployerFile, pa_id: int, **fields: Any) -> TaxDetails:
    """Change any of TAX_FIELDS (checked as typed: a code with W1/M1 after it sets its basis), in one transaction
    with its audit entry; anything else is a programming error."""
    unknown = sorted(set(fields) - set(TAX_FIELDS))
    if unknown:
        raise TypeError(f"update_tax_details does not change {', '.join(unknown)}")
    records.update_pa(ef, pa_id, fields)
    return tax_details(ef, pa_id)
