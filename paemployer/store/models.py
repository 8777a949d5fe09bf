"""The employer file's tables (SQLModel). One file holds one employer: the person supported.

Tables only; reading and writing go through plain functions in store/ and services/. Money and
rates are Decimal stored exactly (DecimalText); dates are dates; shift times are local wall-clock
datetimes (Europe/London) without a zone, as people write them on a rota.
"""

from __future__ import annotations

import uuid
from datetime import date, time
from decimal import Decimal
from enum import Enum
from typing import Optional

from pydantic import NaiveDatetime
from sqlalchemy import Column, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

from paemployer.store.types import DecimalText

# Named constraints, so Alembic batch migrations can find and change them on SQLite.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Local wall-clock date-times without a zone; plain `datetime` would make SQLModel demand a UTC offset.
LocalDateTime = NaiveDatetime


def money_field(default: Optional[Decimal] = None) -> Decimal | None:
    """An exact Decimal column; optional (NULL allowed) unless a default is given."""
    return Field(default=default, sa_column=Column(DecimalText(), nullable=default is None))


class Nation(str, Enum):
    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


class ManagedBy(str, Enum):
    SELF = "self"
    SUITABLE_PERSON = "suitable_person"  # family member or other person acting on the employer's behalf
    REPRESENTATIVE = "representative"
    SUPPORT_SERVICE = "support_service"


class PayFrequency(str, Enum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    FOUR_WEEKLY = "four_weekly"
    MONTHLY = "monthly"


class HoursType(str, Enum):
    FIXED = "fixed"
    IRREGULAR = "irregular"
    ZERO_HOURS = "zero_hours"


class BackgroundCheckKind(str, Enum):
    DBS_BASIC = "dbs_basic"
    DBS_STANDARD = "dbs_standard"
    DBS_ENHANCED = "dbs_enhanced"
    DBS_ENHANCED_BARRED = "dbs_enhanced_barred"
    PVG = "pvg"
    ACCESSNI = "accessni"


class PensionStatus(str, Enum):
    NOT_ASSESSED = "not_assessed"
    ENROLLED = "enrolled"
    OPTED_OUT = "opted_out"
    OPTED_IN = "opted_in"
    NOT_ELIGIBLE = "not_eligible"
    POSTPONED = "postponed"


class CoverRole(str, Enum):
    BACKUP_PA = "backup_pa"
    FAMILY = "family"
    FRIEND = "friend"
    AGENCY = "agency"
    COUNCIL_OUT_OF_HOURS = "council_out_of_hours"
    OTHER = "other"


class ShiftKind(str, Enum):
    DAY = "day"
    WAKING_NIGHT = "waking_night"
    SLEEP_IN = "sleep_in"
    ON_CALL = "on_call"


class ShiftStatus(str, Enum):
    PLANNED = "planned"
    WORKED = "worked"
    CANCELLED = "cancelled"
    ABSENT = "absent"
    COVERED = "covered"


class AbsenceKind(str, Enum):
    ANNUAL_LEAVE = "annual_leave"
    SICKNESS = "sickness"
    MATERNITY = "maternity"
    PATERNITY = "paternity"
    ADOPTION = "adoption"
    SHARED_PARENTAL = "shared_parental"
    CARERS = "carers"
    UNPAID = "unpaid"
    NO_SHOW = "no_show"
    OTHER = "other"


class DecisionKind(str, Enum):
    ACCEPTED = "accepted"    # the employer accepts the risk
    SCHEDULED = "scheduled"  # the employer will fix it by review_on


class Employer(SQLModel, table=True):
    """The person supported, and how their direct-payment employment is run. One row per file."""

    id: Optional[int] = Field(default=None, primary_key=True)
    # Never changes, even if the name does: calendar UIDs and exports key on it.
    file_uid: str = Field(default_factory=lambda: uuid.uuid4().hex, max_length=32)
    name: str = Field(default="")
    address: str = Field(default="")
    postcode: str = Field(default="")
    phone: str = Field(default="")
    email: str = Field(default="")
    nation: Nation = Field(default=Nation.ENGLAND)
    managed_by: ManagedBy = Field(default=ManagedBy.SELF)
    manager_name: str = Field(default="")
    manager_contact: str = Field(default="")
    council: str = Field(default="")
    direct_payment_reference: str = Field(default="")
    paye_reference: str = Field(default="")
    accounts_office_reference: str = Field(default="")
    employment_allowance: bool = Field(default=False)
    pension_scheme: str = Field(default="")
    pension_duties_start: Optional[date] = None
    declaration_of_compliance_date: Optional[date] = None
    el_insurer: str = Field(default="")
    el_policy_number: str = Field(default="")
    el_expiry: Optional[date] = None
    holiday_year_start: date = Field(default=date(2026, 4, 1))  # the day and month matter; the year is the first one
    default_pay_frequency: PayFrequency = Field(default=PayFrequency.MONTHLY)
    pay_months: str = Field(default="tax")             # monthly pay periods: "tax" (6th to 5th) or "calendar"
    pay_day: str = Field(default="friday_after")       # rules.pay_periods.PAY_DAY_RULES
    pay_week_anchor: date = Field(default=date(2026, 4, 6))  # first day of a weekly block (tax year 2026/27)
    locale: str = Field(default="en_GB")
    stand_in_essentials: str = Field(default="")  # what a stand-in must know: medication, routines, access
    setup_completed: bool = Field(default=False)
    # HMRC and workplace pension (issue 10).
    hmrc_route: str = Field(default="basic_paye_tools")      # basic_paye_tools | payroll_service | paper
    hmrc_payment_method: str = Field(default="electronic")   # electronic (by the 22nd) | cheque (by the 19th)
    hmrc_pays_quarterly: bool = Field(default=False)
    care_and_support_only: Optional[bool] = None  # every duty of every PA is for the person needing care (EA)
    small_employers_relief: bool = Field(default=True)
    pension_relief: str = Field(default="relief_at_source")  # relief_at_source | net_pay
    pension_employer_rate: Decimal = money_field(Decimal("0.03"))
    pension_employee_rate: Decimal = money_field(Decimal("0.05"))
    p60s_given_for: str = Field(default="")       # the last tax year ("2025-26") whose P60s were given


class PA(SQLModel, table=True):
    """A personal assistant the employer employs (or has employed)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    first_name: str
    last_name: str
    known_as: str = Field(default="")
    date_of_birth: Optional[date] = None
    ni_number: str = Field(default="")
    phone: str = Field(default="")
    email: str = Field(default="")
    address: str = Field(default="")
    emergency_contact_name: str = Field(default="")
    emergency_contact_phone: str = Field(default="")
    start_date: Optional[date] = None
    end_date: Optional[date] = None
    leaving_reason: str = Field(default="")
    is_family: bool = Field(default=False)           # a relative of the person supported
    family_relationship: str = Field(default="")     # e.g. "daughter"
    same_household: bool = Field(default=False)      # lives in the same household as the person supported
    council_approved_family: Optional[date] = None   # date the council agreed to a same-household relative
    right_to_work_checked_on: Optional[date] = None
    right_to_work_document: str = Field(default="")
    right_to_work_follow_up: Optional[date] = None   # time-limited permission: check again by this date
    background_check_kind: Optional[BackgroundCheckKind] = None
    background_check_date: Optional[date] = None
    background_check_reference: str = Field(default="")
    background_check_declined: bool = Field(default=False)  # the employer decided not to check
    background_check_decision_reason: str = Field(default="")
    background_check_decision_date: Optional[date] = None
    bank_account_name: str = Field(default="")
    bank_sort_code: str = Field(default="")
    bank_account_number: str = Field(default="")
    apprentice: bool = Field(default=False)
    apprentice_since: Optional[date] = None
    pension_status: PensionStatus = Field(default=PensionStatus.NOT_ASSESSED)
    pension_assessed_on: Optional[date] = None
    wtr_opt_out: bool = Field(default=False)          # signed opt-out of the 48-hour average week
    wtr_opt_out_date: Optional[date] = None
    other_employer_hours_per_week: Optional[Decimal] = money_field()  # counts towards the 48 hours
    # Tax and National Insurance (issue 10): as HMRC or the PA gave them.
    tax_code: str = Field(default="")              # "" = not known yet (the starter statement or P45 decides)
    tax_week1_month1: bool = Field(default=False)
    ni_category: str = Field(default="A")
    starter_statement: str = Field(default="")     # "", "A", "B" or "C" (HMRC starter checklist)
    p45_leaving_date: Optional[date] = None
    p45_tax_code: str = Field(default="")
    p45_week1_month1: bool = Field(default=False)
    p45_pay_to_date: Optional[Decimal] = money_field()
    p45_tax_to_date: Optional[Decimal] = money_field()
    student_loan_plan: str = Field(default="")     # "", "1", "2", "4" or "5"
    postgraduate_loan: bool = Field(default=False)
    pension_enrolled_on: Optional[date] = None
    pension_opted_out_on: Optional[date] = None
    pension_postponed_until: Optional[date] = None
    notes: str = Field(default="")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Reference(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    pa_id: int = Field(foreign_key="pa.id", index=True, ondelete="CASCADE")
    referee_name: str
    referee_contact: str = Field(default="")
    requested_on: Optional[date] = None
    received_on: Optional[date] = None
    notes: str = Field(default="")


class Training(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    pa_id: int = Field(foreign_key="pa.id", index=True, ondelete="CASCADE")
    course: str
    completed_on: Optional[date] = None
    expires_on: Optional[date] = None
    notes: str = Field(default="")


class ContractTerms(SQLModel, table=True):
    """A version of a PA's terms, in force from effective_from until the next version starts."""

    __table_args__ = (UniqueConstraint("pa_id", "effective_from"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    pa_id: int = Field(foreign_key="pa.id", index=True, ondelete="CASCADE")
    effective_from: date
    job_title: str = Field(default="Personal assistant")
    place_of_work: str = Field(default="")
    hours_type: HoursType = Field(default=HoursType.FIXED)
    hours_per_week: Optional[Decimal] = money_field()
    days_per_week: Optional[Decimal] = money_field()
    standard_rate: Decimal = money_field(Decimal("0"))
    waking_night_rate: Optional[Decimal] = money_field()
    sleep_in_allowance: Optional[Decimal] = money_field()  # flat sum per sleep-in
    # Living accommodation the employer provides (a live-in PA): counts for the minimum wage by the offset.
    accommodation_provided: bool = Field(default=False)
    accommodation_charge_per_day: Optional[Decimal] = money_field()  # charged or deducted; none or 0: free
    bank_holiday_rate: Optional[Decimal] = money_field()
    weekend_rate: Optional[Decimal] = money_field()
    pay_frequency: PayFrequency = Field(default=PayFrequency.MONTHLY)
    holiday_pay: str = Field(default="when_taken")  # irregular hours: "when_taken" | "rolled_up" (rules.pay.HolidayPay)
    holiday_basis: str = Field(default="statutory")  # how holiday is worked out; see rules.holiday
    notice_weeks: Optional[int] = None
    probation_end: Optional[date] = None
    sick_pay: str = Field(default="statutory")
    pension: str = Field(default="")
    issued_on: Optional[date] = None  # written statement of particulars given to the PA
    signed_on: Optional[date] = None
    notes: str = Field(default="")


class CoverContact(SQLModel, table=True):
    """Plan B: someone to call when a PA cannot come, in priority order (1 = call first)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    role: CoverRole = Field(default=CoverRole.OTHER)
    phone: str = Field(default="")
    phone_other: str = Field(default="")
    available_when: str = Field(default="")
    can_help_with: str = Field(default="")
    priority: int = Field(default=0, index=True)
    last_confirmed: Optional[date] = None
    notes: str = Field(default="")


class ContingencyStep(SQLModel, table=True):
    """A step of the contingency plan for a scenario ("PA does not arrive", "hoist breaks")."""

    id: Optional[int] = Field(default=None, primary_key=True)
    scenario: str
    step: str
    position: int = Field(default=0)


class SupportNeed(SQLModel, table=True):
    """The support the person needs, as a weekly schedule: what gaps are measured against."""

    id: Optional[int] = Field(default=None, primary_key=True)
    weekday: int  # Monday = 0
    start: time
    end: time     # an end before the start runs past midnight
    people: int = Field(default=1)
    kind: ShiftKind = Field(default=ShiftKind.DAY)
    notes: str = Field(default="")


class ShiftPattern(SQLModel, table=True):
    """A PA's repeating shift: an RFC 5545 recurrence rule from a first occurrence."""

    id: Optional[int] = Field(default=None, primary_key=True)
    pa_id: Optional[int] = Field(default=None, foreign_key="pa.id", index=True, ondelete="CASCADE")
    rrule: str                       # e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"
    first_start: LocalDateTime            # local wall-clock start of the first occurrence
    first_end: LocalDateTime
    until: Optional[date] = None
    kind: ShiftKind = Field(default=ShiftKind.DAY)
    break_minutes: int = Field(default=0)
    notes: str = Field(default="")


class Shift(SQLModel, table=True):
    """A planned or worked shift. Pattern occurrences that were edited or recorded are stored here too."""

    id: Optional[int] = Field(default=None, primary_key=True)
    pa_id: Optional[int] = Field(default=None, foreign_key="pa.id", index=True, ondelete="SET NULL")
    start: LocalDateTime = Field(index=True)
    end: LocalDateTime
    kind: ShiftKind = Field(default=ShiftKind.DAY)
    break_minutes: int = Field(default=0)
    status: ShiftStatus = Field(default=ShiftStatus.PLANNED)
    pattern_id: Optional[int] = Field(default=None, foreign_key="shiftpattern.id", index=True, ondelete="SET NULL")
    occurrence_start: Optional[LocalDateTime] = None  # which pattern occurrence this row replaces (RECURRENCE-ID)
    woken_minutes: int = Field(default=0)        # sleep-in time woken and working: counts as work and pay
    cover_for_shift_id: Optional[int] = Field(default=None, foreign_key="shift.id", ondelete="SET NULL")
    cover_contact_id: Optional[int] = Field(default=None, foreign_key="covercontact.id", ondelete="SET NULL")
    notes: str = Field(default="")


class Absence(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    pa_id: int = Field(foreign_key="pa.id", index=True, ondelete="CASCADE")
    kind: AbsenceKind
    start_date: date
    end_date: date
    hours: Optional[Decimal] = money_field()
    days: Optional[Decimal] = money_field()
    evidence: str = Field(default="")  # e.g. "fit note from 3 March"
    shift_id: Optional[int] = Field(default=None, foreign_key="shift.id", ondelete="SET NULL")
    notes: str = Field(default="")


class RiskDecision(SQLModel, table=True):
    """A warning the employer has read and accepted, or scheduled to fix by a date."""

    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(index=True)
    subject: str                 # "employer" or "pa:<id>"
    fact: str = Field(default="")  # fingerprint of the facts decided on: the warning returns when they change
    decision: DecisionKind = Field(default=DecisionKind.ACCEPTED)
    reason: str = Field(default="")
    decided_by: str = Field(default="")
    decided_at: LocalDateTime
    review_on: Optional[date] = None  # a scheduled fix comes back on this date


class AuditEntry(SQLModel, table=True):
    """Who changed what, when. Summaries name records, never sensitive values."""

    id: Optional[int] = Field(default=None, primary_key=True)
    at: LocalDateTime = Field(index=True)
    who: str = Field(default="")
    action: str           # "add" | "change" | "delete" | "import" | "decide" ...
    table_name: str
    row_id: Optional[int] = None
    summary: str = Field(default="")


class PayRun(SQLModel, table=True):
    """One PA's pay for one pay period, as built here or taken in from a payroll service.

    A finalised run is kept exactly as paid (six years: pay records), never changed; a correction is a new run
    with `corrects_id`. Status, source and frequency are the public values of rules.pay (RunStatus, RunSource)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    # RESTRICT: pay records must be kept for six years, so a PA with pay runs cannot be deleted (end employment).
    pa_id: int = Field(foreign_key="pa.id", index=True, ondelete="RESTRICT")
    pa_name: str = Field(default="")         # the name as paid
    period_start: date
    period_end: date = Field(index=True)
    pay_date: date
    pay_frequency: str = Field(default="monthly")
    status: str = Field(default="draft")      # draft | approved | finalised
    source: str = Field(default="computed")   # computed | imported
    corrects_id: Optional[int] = Field(default=None, foreign_key="payrun.id", ondelete="RESTRICT")
    tax: Decimal = money_field(Decimal("0"))
    employee_ni: Decimal = money_field(Decimal("0"))
    employee_pension: Decimal = money_field(Decimal("0"))
    other_deductions: Decimal = money_field(Decimal("0"))
    other_deductions_description: str = Field(default="")
    employer_ni: Decimal = money_field(Decimal("0"))
    employer_pension: Decimal = money_field(Decimal("0"))
    deductions_source: str = Field(default="typed")  # typed | imported | computed
    imported_gross: Optional[Decimal] = money_field()
    imported_net: Optional[Decimal] = money_field()
    imported_hours: Optional[Decimal] = money_field()
    nmw_band: str = Field(default="")        # the band in words, as shown when paid
    nmw_band_code: str = Field(default="")   # the rules' code for it ("21_and_over", "apprentice")
    nmw_rate: Optional[Decimal] = money_field()
    nmw_hours_counted: Optional[Decimal] = money_field()
    nmw_pay_counted: Optional[Decimal] = money_field()
    nmw_required: Optional[Decimal] = money_field()
    nmw_shortfall: Optional[Decimal] = money_field()
    nmw_earlier_arrears: Optional[Decimal] = money_field()
    nmw_note: str = Field(default="")
    # The tax, NI and pension working as paid (empty on imported runs and runs from before issue 10).
    tax_code: str = Field(default="")
    tax_week1_month1: bool = Field(default=False)
    ni_category: str = Field(default="")
    tax_period: Optional[int] = None          # tax week or month of the pay date
    taxable_pay: Optional[Decimal] = money_field()
    taxable_pay_to_date: Optional[Decimal] = money_field()
    tax_to_date: Optional[Decimal] = money_field()
    ni_earnings_at_lel: Optional[Decimal] = money_field()
    ni_earnings_lel_to_pt: Optional[Decimal] = money_field()
    ni_earnings_pt_to_uel: Optional[Decimal] = money_field()
    ni_earnings_above_uel: Optional[Decimal] = money_field()
    student_loan: Decimal = money_field(Decimal("0"))
    postgraduate_loan: Decimal = money_field(Decimal("0"))
    pension_status: str = Field(default="")
    pension_qualifying_earnings: Optional[Decimal] = money_field()
    fps_sent_on: Optional[date] = None
    notes: str = Field(default="")            # newline-joined
    created_at: LocalDateTime
    approved_at: Optional[LocalDateTime] = None
    finalised_at: Optional[LocalDateTime] = None


class PayRunLine(SQLModel, table=True):
    """One line of a stored pay run, in its order (`position`)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    pay_run_id: int = Field(foreign_key="payrun.id", index=True, ondelete="CASCADE")
    position: int = Field(default=0)
    kind: str                                  # rules.pay.LineKind value
    description: str = Field(default="")
    hours: Optional[Decimal] = money_field()
    rate: Optional[Decimal] = money_field()
    amount: Decimal = money_field(Decimal("0"))
    basis: str = Field(default="")
    shift_keys: str = Field(default="")        # the rota keys, comma-joined
    counts_for_minimum_wage: Decimal = money_field(Decimal("0"))
    added_by_user: bool = Field(default=False)


class HmrcPayment(SQLModel, table=True):
    """A payment made to HMRC for one tax month (or quarter) of a tax year."""

    id: Optional[int] = Field(default=None, primary_key=True)
    tax_year: str = Field(index=True)          # "2025-26"
    period_number: int                         # tax month 1..12, or quarter 1..4 when quarterly
    quarterly: bool = Field(default=False)
    paid_on: date
    amount: Decimal = money_field(Decimal("0"))
    notes: str = Field(default="")


ALL_TABLES = (
    Employer, PA, Reference, Training, ContractTerms, CoverContact, ContingencyStep,
    SupportNeed, ShiftPattern, Shift, Absence, RiskDecision, AuditEntry, PayRun, PayRunLine, HmrcPayment,
)

metadata: MetaData = SQLModel.metadata
