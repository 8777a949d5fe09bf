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
from paemployer.services.tax.year import (
    YearToDate,
    pay_and_tax_to_date,
    runs_in_tax_year,
)

__all__ = [
    "TAX_FIELDS", "ComputedDeductions", "EffectiveTaxCode", "TaxDetails", "YearToDate", "compute_deductions",
    "computes_for", "effective_tax_code", "pay_and_tax_to_date", "pay_for_tax_and_ni", "region_of",
    "runs_in_tax_year", "tax_details", "typed_by_employer", "update_tax_details",
]
