"""Tax, National Insurance, pensions and the HMRC year as use cases over an employer file.

`details`: a PA's tax details and the tax code their pay is worked out on (HMRC's code, a P45's, or the starter
statement's); `deductions`: a computed pay run's tax, NI, pension and loans (services/pay/runs calls it when it builds
a draft); `year`: pay and deductions in a tax year so far, from finalised runs and a P45. Plain values out.
"""

from paemployer.services.tax.deductions import (
    ComputedDeductions,
    compute_deductions,
    computes_for,
    pay_for_tax_and_ni,
    typed_by_employer,
)
from paemployer.services.tax.details import (
    TAX_FIELDS,
    EffectiveTaxCode,
    TaxDetails,
    effective_tax_code,
    region_of,
    tax_details,
    update_tax_details,
)

# The HMRC year, reporting, warnings and the year's end (hmrc, findings, year_end, documents).
from paemployer.services.tax.findings import tax_findings
from paemployer.services.tax.hmrc import (
    FpsPayment,
    HmrcFigures,
    HmrcPaymentRecord,
    HmrcPeriodSummary,
    HmrcYear,
    delete_hmrc_payment,
    fps_figures,
    fps_payments,
    hmrc_payments,
    hmrc_year,
    mark_fps_sent,
    paper_return_figures,
    period_words,
    record_hmrc_payment,
)
from paemployer.services.tax.year import (
    YearToDate,
    pay_and_tax_to_date,
    runs_in_tax_year,
)

# The P60 and P45 names load reportlab, so they are imported when first asked for: the warnings (and so start-up)
# import this package and need none of them.
_YEAR_END = {"P60Data": "year_end", "p45_figures": "year_end", "p60_data": "year_end", "pas_for_p60": "year_end",
             "p60_bytes": "documents", "write_p60s": "documents"}


def __getattr__(name: str):
    if name in _YEAR_END:
        import importlib

        return getattr(importlib.import_module(f"paemployer.services.tax.{_YEAR_END[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "TAX_FIELDS",
    "ComputedDeductions",
    "EffectiveTaxCode",
    "FpsPayment",
    "HmrcFigures",
    "HmrcPaymentRecord",
    "HmrcPeriodSummary",
    "HmrcYear",
    "P60Data",
    "TaxDetails",
    "YearToDate",
    "compute_deductions",
    "computes_for",
    "delete_hmrc_payment",
    "effective_tax_code",
    "fps_figures",
    "fps_payments",
    "hmrc_payments",
    "hmrc_year",
    "mark_fps_sent",
    "p45_figures",
    "p60_bytes",
    "p60_data",
    "paper_return_figures",
    "pas_for_p60",
    "pay_and_tax_to_date",
    "pay_for_tax_and_ni",
    "period_words",
    "record_hmrc_payment",
    "region_of",
    "runs_in_tax_year",
    "tax_details",
    "tax_findings",
    "typed_by_employer",
    "update_tax_details",
    "write_p60s",
]
