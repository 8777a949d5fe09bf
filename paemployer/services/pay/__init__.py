"""Pay as use cases over an employer file: pay periods, building pay runs from the rota and the records, their
states (draft → approved → finalised, corrections), a payroll service's payslips kept, and the warnings from pay.

The pay itself is computed by rules.pay from plain values (`inputs_for` reads them); this package reads the
records, stores what was built and paid, and keeps the rules of the states. The screens and the command line
take everything they need from here (values re-exported below), never from rules/ or the store.
The pay schedule and periods are in `schedule`, reading the records in `inputs`, runs and their states in
`runs`, the warnings in `findings`. Payslip and pay summary PDFs are in `documents`, the payroll service's hours
export and payslip import in `exchange`.
"""

from paemployer.rules.pay import (
    ADDED_KINDS,
    WORK_KINDS,
    Deductions,
    HolidayPay,
    LineKind,
    MinimumWageResult,
    PayInputs,
    PayLine,
    PayPeriod,
    PayRun,
    RunSource,
    RunStatus,
)
from paemployer.rules.pay_periods import FREQUENCIES, MONTHS_BASES, PAY_DAY_RULES
from paemployer.services.pay.findings import pay_findings
from paemployer.services.pay.inputs import inputs_for
from paemployer.services.pay.runs import (
    NMW_SHORTFALL,
    PayRunRefused,
    Refusal,
    add_line,
    approve,
    back_to_draft,
    build_drafts,
    correct,
    finalise,
    finalise_period,
    first_finalise_day,
    get_run,
    remove_line,
    runs_for_pa,
    runs_for_period,
    same_pay,
    save_imported,
    set_deductions,
    shifts_for_line,
    shortfall_fact,
    use_computed_deductions,
)
from paemployer.services.pay.schedule import (
    PaySchedule,
    pas_paid_on,
    pay_schedule,
    period_for,
    recent_period_ends,
    update_pay_schedule,
)

__all__ = [
    "ADDED_KINDS", "FREQUENCIES", "MONTHS_BASES", "NMW_SHORTFALL", "PAY_DAY_RULES", "WORK_KINDS", "Deductions",
    "HolidayPay", "LineKind", "MinimumWageResult", "PayInputs", "PayLine", "PayPeriod", "PayRun", "PayRunRefused",
    "PaySchedule", "Refusal", "RunSource", "RunStatus", "add_line", "approve", "back_to_draft", "build_drafts",
    "correct", "finalise", "finalise_period", "get_run", "inputs_for", "pas_paid_on", "pay_findings", "pay_schedule",
    "period_for", "recent_period_ends", "remove_line", "runs_for_pa", "runs_for_period", "same_pay", "save_imported",
    "set_deductions", "shifts_for_line", "shortfall_fact", "update_pay_schedule", "use_computed_deductions",
]
