"""Pay for one PA for one pay period, as plain values: the lines, gross, deductions, net, employer costs and
the minimum-wage check on the pay actually made.

A pay run is computed from plain values (worked shifts, contract terms by date, leave and sickness, the
bank holidays of the employer's nation, lines the user adds) and never reads storage. What the law says
about each line is with the code that builds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from paemployer.rules.money import ZERO, decimal_str, money_str


class LineKind(str, Enum):
    """What a pay line is for. The values are public (JSON `kind`, the hours export)."""

    HOURS = "hours"                          # time work at the standard rate
    WAKING_NIGHT = "waking_night"            # waking-night hours at the waking-night rate
    WEEKEND = "weekend"                      # hours on a Saturday or Sunday at the weekend rate
    BANK_HOLIDAY = "bank_holiday"            # hours on a bank holiday of the employer's nation
    SLEEP_IN = "sleep_in"                    # the flat allowance for a sleep-in
    SLEEP_IN_WOKEN = "sleep_in_woken"        # time woken and working on a sleep-in or on call, by the hour
    HOLIDAY_PAY = "holiday_pay"              # leave taken, paid when taken
    ROLLED_UP_HOLIDAY_PAY = "rolled_up_holiday_pay"  # 12.07% of pay for work (WTR reg 16A)
    UNTAKEN_HOLIDAY = "untaken_holiday"      # pay in lieu of leave not taken, on leaving (WTR reg 14)
    SICK_PAY = "sick_pay"                    # statutory sick pay
    FAMILY_PAY = "family_pay"                # statutory maternity, paternity, adoption, shared parental pay
    EXPENSE = "expense"                      # expenses paid back
    BONUS = "bonus"
    BACK_PAY = "back_pay"                    # pay owed for an earlier period
    OTHER = "other"


# Kinds the user adds by hand; the others are built from the records.
ADDED_KINDS = (LineKind.EXPENSE, LineKind.BONUS, LineKind.BACK_PAY, LineKind.FAMILY_PAY, LineKind.OTHER)
# Pay for work: what rolled-up holiday pay is a percentage of.
WORK_KINDS = (LineKind.HOURS, LineKind.WAKING_NIGHT, LineKind.WEEKEND, LineKind.BANK_HOLIDAY, LineKind.SLEEP_IN,
              LineKind.SLEEP_IN_WOKEN)


class HolidayPay(str, Enum):
    """How an irregular-hours or part-year PA's holiday is paid (the PAs CSV column `holiday_pay`)."""

    WHEN_TAKEN = "when_taken"
    ROLLED_UP = "rolled_up"


class RunStatus(str, Enum):
    DRAFT = "draft"
    APPROVED = "approved"
    FINALISED = "finalised"


class RunSource(str, Enum):
    COMPUTED = "computed"   # built here from the rota and records
    IMPORTED = "imported"   # a payroll service's payslip figures


@dataclass(frozen=True)
class PayPeriod:
    """One pay period: first and last day (inclusive), the day pay is made, and how often the PA is paid."""

    start: date
    end: date
    pay_date: date
    frequency: str  # weekly | fortnightly | four_weekly | monthly

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class WorkedShift:
    """A shift someone came to, as pay needs it (local wall-clock times; real minutes across clock changes)."""

    shift_key: str          # the rota's key, so a line can open its shifts
    start: datetime
    end: datetime
    kind: str = "day"       # day | waking_night | sleep_in | on_call
    break_minutes: int = 0  # unpaid rest breaks
    woken_minutes: int = 0  # sleep-in or on call: time woken and working
    elapsed_minutes: int | None = None  # real minutes (None: end - start)


@dataclass(frozen=True)
class PayTerms:
    """The pay parts of one version of a PA's contract terms, in force from `effective_from`."""

    effective_from: date
    standard_rate: Decimal
    waking_night_rate: Decimal | None = None
    sleep_in_allowance: Decimal | None = None
    weekend_rate: Decimal | None = None
    bank_holiday_rate: Decimal | None = None
    hours_type: str = "fixed"        # fixed | irregular | zero_hours
    hours_per_week: Decimal | None = None
    days_per_week: Decimal | None = None
    holiday_pay: HolidayPay = HolidayPay.WHEN_TAKEN


@dataclass(frozen=True)
class PayLine:
    """One line of pay. `nmw` says how it counts for the minimum wage: counts | premium | excluded."""

    kind: LineKind
    description: str
    amount: Decimal
    hours: Decimal | None = None
    rate: Decimal | None = None
    basis: str = ""                       # the rule or record it comes from, in words
    shift_keys: tuple[str, ...] = ()      # the shifts it was built from
    counts_for_minimum_wage: Decimal = ZERO  # the part of `amount` that is pay that counts (reg 9 less reg 10)
    added_by_user: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "description": self.description,
            "hours": decimal_str(self.hours) if self.hours is not None else None,
            "rate": money_str(self.rate) if self.rate is not None else None,
            "amount": money_str(self.amount),
        }


@dataclass(frozen=True)
class Deductions:
    """What comes off gross pay, and the employer's own costs. `source` says where the figures came from:
    typed (by the employer), imported (from a payroll service) or computed (by the tax rules)."""

    tax: Decimal = ZERO
    employee_ni: Decimal = ZERO
    employee_pension: Decimal = ZERO
    other: Decimal = ZERO                 # e.g. a loan repayment the PA agreed to in writing
    other_description: str = ""
    employer_ni: Decimal = ZERO
    employer_pension: Decimal = ZERO
    source: str = "typed"

    @property
    def total(self) -> Decimal:
        return self.tax + self.employee_ni + self.employee_pension + self.other

    def as_dict(self) -> dict[str, str]:
        return {"tax": money_str(self.tax), "employee_ni": money_str(self.employee_ni),
                "employee_pension": money_str(self.employee_pension), "other": money_str(self.other)}

    def employer_costs(self) -> dict[str, str]:
        return {"employer_ni": money_str(self.employer_ni), "employer_pension": money_str(self.employer_pension)}


@dataclass(frozen=True)
class MinimumWageResult:
    """The minimum-wage check of one pay reference period on the pay made (None figures: not entitled)."""

    band: str
    rate: Decimal | None
    hours_counted: Decimal
    pay_counted: Decimal
    required: Decimal          # rounded up to the penny, in the worker's favour
    shortfall: Decimal         # rounded up to the penny; zero when compliant
    earlier_arrears: Decimal = ZERO  # unpaid shortfalls of earlier periods, at today's rate (NMWA 1998 s.17)
    note: str = ""
    working: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def compliant(self) -> bool:
        return self.shortfall == ZERO

    def as_dict(self) -> dict[str, Any]:
        return {
            "band": self.band,
            "rate": money_str(self.rate) if self.rate is not None else None,
            "hours_counted": decimal_str(self.hours_counted),
            "pay_counted": money_str(self.pay_counted),
            "required": money_str(self.required),
            "shortfall": money_str(self.shortfall),
        }


@dataclass(frozen=True)
class PayRun:
    """One PA's pay for one period: computed here, or a payroll service's payslip taken in."""

    pa_id: int
    pa_name: str
    period: PayPeriod
    lines: tuple[PayLine, ...]
    deductions: Deductions
    minimum_wage: MinimumWageResult | None
    status: RunStatus = RunStatus.DRAFT
    source: RunSource = RunSource.COMPUTED
    run_id: int | None = None          # the stored run, once saved
    corrects_run_id: int | None = None
    notes: tuple[str, ...] = ()        # things the employer should know (unconfirmed shifts, rates missing)
    imported_gross: Decimal | None = None  # an imported payslip's own figures, kept exactly as received
    imported_net: Decimal | None = None
    imported_hours: Decimal | None = None

    @property
    def gross(self) -> Decimal:
        if self.imported_gross is not None:
            return self.imported_gross
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def net(self) -> Decimal:
        if self.imported_net is not None:
            return self.imported_net
        return self.gross - self.deductions.total

    @property
    def hours_paid(self) -> Decimal:
        if self.imported_hours is not None:
            return self.imported_hours
        return sum((line.hours for line in self.lines if line.hours is not None and line.kind in WORK_KINDS), ZERO)


# --- what a pay run is built from ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaveTaken:
    """Annual leave taken: the days it covers and, where recorded, its hours or days of leave."""

    start: date
    end: date
    hours: Decimal | None = None
    days: Decimal | None = None


@dataclass(frozen=True)
class SicknessSpell:
    """A spell of sickness, first to last day (calendar days, inclusive)."""

    start: date
    end: date


@dataclass(frozen=True)
class EarlierShortfall:
    """A minimum-wage shortfall of an earlier finalised period, not yet paid back."""

    period_start: date
    period_end: date
    shortfall: Decimal
    rate: Decimal  # the minimum hourly rate of that period


@dataclass(frozen=True)
class PayInputs:
    """Everything one PA's pay for one period is computed from, as plain values read by the pay service."""

    pa_id: int
    pa_name: str
    period: PayPeriod
    nation: str                                # england | wales | scotland | northern-ireland
    leave_year_start: date                     # the employer's holiday year (day and month matter)
    week_anchor: date                          # the first day of a pay week: history is counted in these weeks
    terms: tuple[PayTerms, ...]                # every version, any order
    shifts: tuple[WorkedShift, ...]            # worked shifts from 104 weeks before the period to its end
    bank_holidays: frozenset[date]             # the employer's nation's, covering the shifts' dates
    date_of_birth: date | None = None
    apprentice_since: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    leave: tuple[LeaveTaken, ...] = ()         # annual leave from the start of the previous leave year
    sickness: tuple[SicknessSpell, ...] = ()   # every recorded spell (earlier ones link for SSP)
    added_lines: tuple[PayLine, ...] = ()      # expenses, bonus, back pay, family pay the user added
    deductions: Deductions = Deductions()
    earlier_shortfalls: tuple[EarlierShortfall, ...] = ()
    unconfirmed_shifts: int = 0                # planned shifts in the period not yet confirmed as worked
