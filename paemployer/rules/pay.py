"""Pay for one PA for one pay period, as plain values: the lines, gross, deductions, net, employer costs and
the minimum-wage check on the pay actually made.

A pay run is computed from plain values (worked shifts, contract terms by date, leave and sickness, the
bank holidays of the employer's nation, lines the user adds) and never reads storage. What the law says
about each line is with the code that builds it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import Enum
from types import MappingProxyType
from typing import Any

from paemployer.errors import RatesError, ValidationError
from paemployer.i18n import N_, _, format_date, format_money, hours_text, ngettext
from paemployer.rules import holiday as holiday_rules
from paemployer.rules import minimum_wage as nmw
from paemployer.rules import school_age, sick_pay
from paemployer.rules.bank_holidays import bank_holiday_name
from paemployer.rules.dates import months_after, years_after
from paemployer.rules.money import (
    ZERO,
    decimal_str,
    money_str,
    plain,
    round_half_up_to_penny,
    round_up_to_penny,
)
from paemployer.rules.rates import load_table
from paemployer.rules.working_time import elapsed_minutes


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
    accommodation_provided: bool = False               # living accommodation the employer provides
    accommodation_charge_per_day: Decimal | None = None  # charged or deducted for it; None or 0: free


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
    student_loan: Decimal = ZERO          # whole pounds (Education (Student Loans) (Repayment) Regulations 2009)
    postgraduate_loan: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return (self.tax + self.employee_ni + self.employee_pension + self.student_loan + self.postgraduate_loan
                + self.other)

    def as_dict(self) -> dict[str, str]:
        return {"tax": money_str(self.tax), "employee_ni": money_str(self.employee_ni),
                "employee_pension": money_str(self.employee_pension), "student_loan": money_str(self.student_loan),
                "postgraduate_loan": money_str(self.postgraduate_loan), "other": money_str(self.other)}

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
    band_code: str = ""        # the rules' code for the band ("21_and_over", "apprentice"); `band` is its words

    @property
    def compliant(self) -> bool:
        return self.shortfall == ZERO

    def as_dict(self) -> dict[str, Any]:
        return {
            "band": self.band_code or self.band,  # a stable code for scripts, as `calc minimum-wage --json` gives
            "band_label": self.band,
            "rate": money_str(self.rate) if self.rate is not None else None,
            "hours_counted": decimal_str(self.hours_counted),
            "pay_counted": money_str(self.pay_counted),
            "required": money_str(self.required),
            "shortfall": money_str(self.shortfall),
        }


@dataclass(frozen=True)
class TaxWorking:
    """How the tax, National Insurance, loans and pension of a computed run were worked out, as kept with the run
    (what a Full Payment Submission and the payslip's tax block report). None figures: not worked out here."""

    tax_code: str                  # the code used, without W1/M1 ("1257L", "S1257L", "BR")
    week1_month1: bool
    ni_category: str               # "A"
    tax_period: int | None         # tax week (weekly pay types) or tax month of the pay date
    taxable_pay: Decimal | None    # this period: gross less expenses (and pension under a net pay arrangement)
    taxable_pay_to_date: Decimal | None  # this employment (and a P45's pay when cumulative), after this payment
    tax_to_date: Decimal | None
    ni_earnings_at_lel: Decimal | None = None
    ni_earnings_lel_to_pt: Decimal | None = None
    ni_earnings_pt_to_uel: Decimal | None = None
    ni_earnings_above_uel: Decimal | None = None
    pension_status: str = ""       # rules.pensions status in this pay reference period ("" not assessed)
    pension_qualifying_earnings: Decimal | None = None


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
    tax: TaxWorking | None = None      # the tax working when the deductions were computed here

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
    band_code: str = ""  # the band that applied then ("18_to_20", "apprentice"); "" = unknown, today's band is used


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


# --- results beyond the pay run -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One figure of an imported payslip that differs from what the rota says. `item`: gross | hours_paid |
    holiday_pay | sick_pay, or a line kind's value when the payslip is itemised."""

    item: str
    expected: Decimal   # from the rota and records
    received: Decimal   # on the payslip


@dataclass(frozen=True)
class HolidayPayCheck:
    """Holiday pay for an hour of leave on a run against the 52-week average pay for an hour of work."""

    leave_hours: Decimal
    paid: Decimal
    paid_per_hour: Decimal          # exact
    average_per_hour: Decimal       # exact
    weeks_counted: int
    below: bool                     # below the average by more than a penny an hour
    shortfall: Decimal              # (average - paid) per hour x leave hours, rounded up to the penny; 0 if not below
    note: str = ""


@dataclass(frozen=True)
class ImportedCheck:
    """An imported payslip checked against the app's own run for the same PA and period."""

    computed: PayRun
    minimum_wage: MinimumWageResult | None
    differences: tuple[Difference, ...]
    holiday_pay_below_average: bool


# --- small helpers ----------------------------------------------------------------------------------------------

MINUTES_PER_HOUR = 60
HUNDREDTH = Decimal("0.01")
# Hours handed to the minimum-wage check: truncated to 10 places, so a third of an hour never becomes a hair more
# than a third (which rounding the requirement UP would turn into an extra penny). Pay rates have whole pence, so
# an exact requirement is either a whole number of pence or at least 1/6000 of a penny away from one: the
# truncation can never move it across a penny.
NMW_HOURS_PLACES = Decimal("1E-10")
SSP_LOOKBACK = timedelta(weeks=8)
HISTORY_WEEKS = 104  # the 52-week average looks back no more than 104 weeks (ERA 1996 s.224(3) as amended)
NORTHERN_IRELAND = "northern-ireland"
TIME_KINDS = (LineKind.HOURS, LineKind.WAKING_NIGHT, LineKind.WEEKEND, LineKind.BANK_HOLIDAY)
ABSENCE_KINDS = (LineKind.HOLIDAY_PAY, LineKind.ROLLED_UP_HOLIDAY_PAY, LineKind.UNTAKEN_HOLIDAY, LineKind.SICK_PAY,
                 LineKind.FAMILY_PAY)
HOLIDAY_KINDS = (LineKind.HOLIDAY_PAY, LineKind.ROLLED_UP_HOLIDAY_PAY, LineKind.UNTAKEN_HOLIDAY)

TIME_LINE_WORDS = {
    LineKind.HOURS: N_("Hours at the standard rate"),
    LineKind.WAKING_NIGHT: N_("Waking-night hours"),
    LineKind.WEEKEND: N_("Weekend hours"),
    LineKind.BANK_HOLIDAY: N_("Bank holiday hours"),
}
BASIS_TIME = N_("each hour is paid at the highest rate that applies to it (standard, waking-night, weekend, bank "
                "holiday), days split at midnight; unpaid breaks are not paid")
BASIS_PREMIUM = N_("Pay above the standard rate (waking-night, weekend and bank-holiday rates) is premium pay and "
                   "does not count towards the minimum wage (NMW Regulations 2015 reg 10; HMRC NMWM09270): only the "
                   "standard rate part of those hours counts.")


def _money(amount: Decimal) -> str:
    return format_money(amount)


def _day(day: date) -> str:
    return format_date(day, format="long")


def terms_on(terms: Iterable[PayTerms], day: date) -> PayTerms | None:
    """The version of the contract terms in force on `day`: the latest starting on or before it (None: none yet)."""
    best: PayTerms | None = None
    for version in terms:
        if version.effective_from <= day and (best is None or version.effective_from > best.effective_from):
            best = version
    return best


def current_terms(inputs: PayInputs) -> PayTerms | None:
    """The terms in force on the period's last day, else the latest before it (the terms that decide how the PA is
    paid for the period: hours type, holiday pay)."""
    return terms_on(inputs.terms, inputs.period.end)


def hours_of(minutes: int | Decimal) -> Decimal:
    """Hours as a payslip shows them: minutes / 60, to the hundredth (display rounding, half up); amounts are
    always worked from the exact minutes."""
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def pay_for_minutes(minutes: int, rate: Decimal) -> Decimal:
    # HMRC/contract rounding of a pay line: hours x rate, rounded half up to the penny, once per line.
    return round_half_up_to_penny(Decimal(minutes) * rate / MINUTES_PER_HOUR)


real_minutes = elapsed_minutes  # the rota's own reckoning of real time (rules/working_time.py)


def _pieces(shift: WorkedShift) -> list[tuple[date, int]]:
    """The shift cut at each local midnight: (day, real minutes on that day), in order."""
    pieces: list[tuple[date, int]] = []
    moment = shift.start
    while moment < shift.end:
        midnight = datetime.combine(moment.date() + timedelta(days=1), time())
        cut = min(midnight, shift.end)
        pieces.append((moment.date(), real_minutes(moment, cut)))
        moment = cut
    if shift.elapsed_minutes is not None and pieces:
        # The rota's own count of real minutes wins; any difference (there should be none) is put on the last day.
        gap = shift.elapsed_minutes - sum(minutes for _day, minutes in pieces)
        pieces[-1] = (pieces[-1][0], pieces[-1][1] + gap)
    return pieces


def _best_rate(day: date, terms: PayTerms, bank_holidays: frozenset[date] | set[date],
               *, waking_night: bool) -> tuple[LineKind, Decimal]:
    """The highest rate applying to time on `day` (ties keep the plainer kind, in the order below)."""
    candidates = [(LineKind.HOURS, terms.standard_rate)]
    if waking_night and terms.waking_night_rate is not None:
        candidates.append((LineKind.WAKING_NIGHT, terms.waking_night_rate))
    if day.weekday() >= 5 and terms.weekend_rate is not None:
        candidates.append((LineKind.WEEKEND, terms.weekend_rate))
    if day in bank_holidays and terms.bank_holiday_rate is not None:
        candidates.append((LineKind.BANK_HOLIDAY, terms.bank_holiday_rate))
    best = candidates[0]
    for candidate in candidates[1:]:
        if candidate[1] > best[1]:
            best = candidate
    return best


# --- pay for work -------------------------------------------------------------------------------------------------


@dataclass
class _TimeAcc:
    minutes: int = 0
    standard_value: Decimal = ZERO   # sum of minutes x the standard rate in force (exact)
    keys: list[str] = field(default_factory=list)
    days: set[date] = field(default_factory=set)
    terms_from: set[date] = field(default_factory=set)


@dataclass
class _Work:
    """Pay for work from a set of shifts, before it is turned into lines."""

    time: dict[tuple[LineKind, Decimal], _TimeAcc] = field(default_factory=dict)
    sleep_ins: dict[Decimal, list[str]] = field(default_factory=dict)
    woken: dict[Decimal, _TimeAcc] = field(default_factory=dict)
    working_minutes: int = 0   # time paid by the hour on day and waking-night shifts, breaks taken off
    woken_minutes: int = 0
    asleep_minutes: int = 0    # sleep-in time asleep or free, on-call time not called
    break_minutes: int = 0
    days_worked: set[date] = field(default_factory=set)
    no_terms: list[date] = field(default_factory=list)
    # Shifts worked with no contract terms in force: nothing is paid for them, but their time is still worked time
    # for the minimum wage (NMW Regulations 2015 regs 30-35), so a PA paid nothing for it shows a shortfall. Kept
    # apart from the minutes above, which are paid time (the averages for holiday pay and sick pay use those).
    unpaid_working_minutes: int = 0
    unpaid_woken_minutes: int = 0
    unpaid_asleep_minutes: int = 0
    unpaid_break_minutes: int = 0
    no_allowance: list[date] = field(default_factory=list)

    def add_time(self, kind: LineKind, rate: Decimal, minutes: int, standard: Decimal, key: str, day: date,
                 terms_from: date) -> None:
        acc = self.time.setdefault((kind, rate), _TimeAcc())
        acc.minutes += minutes
        acc.standard_value += minutes * standard
        if key not in acc.keys:
            acc.keys.append(key)
        acc.days.add(day)
        acc.terms_from.add(terms_from)

    @property
    def paid_minutes(self) -> int:
        return self.working_minutes + self.woken_minutes


def _work(shifts: Iterable[WorkedShift], terms: Sequence[PayTerms], bank_holidays: frozenset[date]) -> _Work:
    work = _Work()
    for shift in shifts:
        version = terms_on(terms, shift.start.date())
        if version is None:
            work.no_terms.append(shift.start.date())
            _unpaid_time(work, shift)
            continue
        work.days_worked.add(shift.start.date())
        if shift.kind in ("sleep_in", "on_call"):
            elapsed = shift.elapsed_minutes if shift.elapsed_minutes is not None else real_minutes(shift.start,
                                                                                                    shift.end)
            woken = max(0, min(shift.woken_minutes, elapsed))
            work.woken_minutes += woken
            work.asleep_minutes += elapsed - woken
            if shift.kind == "sleep_in":
                if version.sleep_in_allowance is None:
                    work.no_allowance.append(shift.start.date())
                else:
                    work.sleep_ins.setdefault(version.sleep_in_allowance, []).append(shift.shift_key)
            if woken:
                # Time woken is paid by the hour at the highest rate on the day the shift starts, not the
                # waking-night rate (the PA was on a sleep-in or on call, not a waking night).
                _kind, rate = _best_rate(shift.start.date(), version, bank_holidays, waking_night=False)
                acc = work.woken.setdefault(rate, _TimeAcc())
                acc.minutes += woken
                acc.standard_value += woken * version.standard_rate
                acc.keys.append(shift.shift_key)
                acc.days.add(shift.start.date())
                acc.terms_from.add(version.effective_from)
            continue
        # Unpaid breaks come off the first piece of the shift (spilling into the next when longer): where in the
        # shift a break falls only matters when the days' rates differ, and the rota does not record when it was.
        unpaid = max(0, shift.break_minutes)
        work.break_minutes += unpaid
        for day, minutes in _pieces(shift):
            taken = min(unpaid, minutes)
            unpaid -= taken
            paid = minutes - taken
            if paid <= 0:
                continue
            kind, rate = _best_rate(day, version, bank_holidays, waking_night=shift.kind == "waking_night")
            work.add_time(kind, rate, paid, version.standard_rate, shift.shift_key, day, version.effective_from)
            work.working_minutes += paid
    return work


def _elapsed(shift: WorkedShift) -> int:
    return shift.elapsed_minutes if shift.elapsed_minutes is not None else real_minutes(shift.start, shift.end)


def _unpaid_time(work: _Work, shift: WorkedShift) -> None:
    """The time of a shift worked with no contract terms in force, sorted as a paid shift's would be (hours that
    count, time woken, time asleep, breaks) but with no pay."""
    elapsed = _elapsed(shift)
    if shift.kind in ("sleep_in", "on_call"):
        woken = max(0, min(shift.woken_minutes, elapsed))
        work.unpaid_woken_minutes += woken
        work.unpaid_asleep_minutes += elapsed - woken
        return
    unpaid = max(0, min(shift.break_minutes, elapsed))
    work.unpaid_break_minutes += unpaid
    work.unpaid_working_minutes += elapsed - unpaid


def _work_lines(work: _Work, nation: str) -> list[PayLine]:
    lines: list[PayLine] = []
    kinds_with_rates: dict[LineKind, int] = defaultdict(int)
    for kind, _rate in work.time:
        kinds_with_rates[kind] += 1
    order = {kind: index for index, kind in enumerate(TIME_KINDS)}
    for (kind, rate), acc in sorted(work.time.items(), key=lambda item: (order[item[0][0]], min(item[1].terms_from),
                                                                         item[0][1])):
        words = _(TIME_LINE_WORDS[kind])
        if kind is LineKind.BANK_HOLIDAY:
            names = [bank_holiday_name(nation, day) or _day(day) for day in sorted(acc.days)]
            words = _("{what}: {days}").format(what=words, days=", ".join(dict.fromkeys(names)))
        if kinds_with_rates[kind] > 1:
            words = _("{what}, rate from {date}").format(what=words, date=_day(min(acc.terms_from)))
        amount = pay_for_minutes(acc.minutes, rate)
        # The standard-rate part, rounded as the line is (half up to the penny), is what counts for the minimum wage.
        counts = min(amount, round_half_up_to_penny(acc.standard_value / MINUTES_PER_HOUR))
        basis = _("{shifts}; contract terms from {date}; {rule}").format(
            shifts=ngettext("{count} shift", "{count} shifts", len(acc.keys)).format(count=len(acc.keys)),
            date=_day(min(acc.terms_from)), rule=_(BASIS_TIME))
        lines.append(PayLine(kind, words, amount, hours_of(acc.minutes), rate, basis, tuple(acc.keys), counts))
    for allowance, keys in sorted(work.sleep_ins.items()):
        count = len(keys)
        # The allowance is a flat sum a night; a sum of whole pence needs no rounding, a rate with more places is
        # rounded half up to the penny (HMRC/contract rounding of a pay line).
        amount = round_half_up_to_penny(allowance * count)
        words = ngettext("{count} sleep-in at {allowance}", "{count} sleep-ins at {allowance}", count).format(
            count=count, allowance=_money(allowance))
        basis = _("The sleep-in allowance in the contract, for each night; it counts towards the minimum wage "
                  "(NMW Regulations 2015 reg 9), the time asleep does not (reg 32(2))")
        lines.append(PayLine(LineKind.SLEEP_IN, words, amount, None, None, basis, tuple(keys), amount))
    for rate, acc in sorted(work.woken.items()):
        amount = pay_for_minutes(acc.minutes, rate)
        counts = min(amount, round_half_up_to_penny(acc.standard_value / MINUTES_PER_HOUR))
        words = _("Time woken and working on sleep-ins or on call")
        basis = _("{shifts}; paid by the hour at the highest rate on the day the shift starts (not the waking-night "
                  "rate); time woken to work counts towards the minimum wage (NMW Regulations 2015 reg 32(2))").format(
            shifts=ngettext("{count} shift", "{count} shifts", len(acc.keys)).format(count=len(acc.keys)))
        lines.append(PayLine(LineKind.SLEEP_IN_WOKEN, words, amount, hours_of(acc.minutes), rate, basis,
                             tuple(acc.keys), counts))
    return lines


def _work_notes(work: _Work) -> list[str]:
    notes = []
    if work.no_terms:
        count = len(work.no_terms)
        notes.append(ngettext(
            "{count} shift (from {day}) is not paid: no contract terms were in force that day. Add the PA's pay rate.",
            "{count} shifts (from {day}) are not paid: no contract terms were in force on their days. Add the PA's "
            "pay rate.", count).format(count=count, day=_day(min(work.no_terms))))
    if work.no_allowance:
        count = len(work.no_allowance)
        notes.append(ngettext(
            "{count} sleep-in has no allowance: there is no sleep-in allowance in the contract. Add it to the "
            "contract terms to pay it.",
            "{count} sleep-ins have no allowance: there is no sleep-in allowance in the contract. Add it to the "
            "contract terms to pay them.", count).format(count=count))
    return notes


def _pay_total(lines: Iterable[PayLine], kinds: Sequence[LineKind] = WORK_KINDS) -> Decimal:
    return sum((line.amount for line in lines if line.kind in kinds), ZERO)


def _in_period(shifts: Iterable[WorkedShift], first: date, last: date) -> list[WorkedShift]:
    return [shift for shift in shifts if first <= shift.start.date() <= last]


# --- week by week: the history holiday pay and SSP look back over ----------------------------------------------


@dataclass(frozen=True)
class _Week:
    start: date
    pay: Decimal
    minutes: int      # paid minutes (hours worked plus time woken)
    days: int         # days on which a paid shift started


def _weeks(inputs: PayInputs, before: date) -> list[_Week]:
    """Every pay week (7 days from the week anchor) ending before `before`, as far back as 104 weeks and the
    PA's start, with the pay for work in it (shifts starting in the week, priced as the pay run prices them)."""
    anchor = inputs.week_anchor
    last_start = anchor + timedelta(days=7 * ((before - anchor).days // 7 - 1))
    first_start = last_start - timedelta(weeks=HISTORY_WEEKS - 1)
    if inputs.start_date is not None:
        first_start = max(first_start, inputs.start_date - timedelta(days=(inputs.start_date - anchor).days % 7))
    by_week: dict[date, list[WorkedShift]] = defaultdict(list)
    for shift in inputs.shifts:
        day = shift.start.date()
        if first_start <= day < last_start + timedelta(days=7):
            by_week[anchor + timedelta(days=7 * ((day - anchor).days // 7))].append(shift)
    weeks = []
    week = first_start
    while week <= last_start:
        shifts = by_week.get(week, [])
        if shifts:
            work = _work(shifts, inputs.terms, inputs.bank_holidays)
            pay = _pay_total(_work_lines(work, inputs.nation))
            weeks.append(_Week(week, pay, work.paid_minutes, len(work.days_worked)))
        else:
            weeks.append(_Week(week, ZERO, 0, 0))
        week += timedelta(days=7)
    return weeks


def week_pay_history(inputs: PayInputs, before: date) -> tuple[holiday_rules.PayWeek, ...]:
    """The PA's pay weeks before `before` (weeks of 7 days from the employer's week anchor, at most 104 back and
    none before the PA started), each with the pay for work in it; a week without pay is marked not paid (skipped
    by the 52-week average)."""
    return tuple(holiday_rules.PayWeek(week.start, week.pay, week.pay > ZERO) for week in _weeks(inputs, before))


@dataclass(frozen=True)
class _Average:
    """The 52-week average as pay for an hour (and hours a day), with the rules' own working."""

    per_hour: Decimal | None         # total / hours; None when no week with pay was found
    hours_per_day: Decimal | None
    hours_per_week: Decimal | None
    weeks_counted: int
    result: holiday_rules.WeeksPayAverage
    hours: Decimal = ZERO            # hours paid in the weeks used (exact)

    def pay_for(self, hours: Decimal) -> Decimal:
        """The average pay for `hours`, exact: total x hours / hours worked, one division at the end (so a sum
        that is a whole number of pence is not turned into a hair more by a rounded quotient)."""
        return self.result.total * hours / self.hours


def _average(inputs: PayInputs, before: date) -> _Average:
    weeks = _weeks(inputs, before)
    result = holiday_rules.holiday_pay_average(
        [holiday_rules.PayWeek(week.start, week.pay, week.pay > ZERO) for week in weeks], holiday_starts=before,
        northern_ireland=inputs.nation == NORTHERN_IRELAND)
    used = set(result.weeks_used)
    minutes = sum(week.minutes for week in weeks if week.start in used)
    days = sum(week.days for week in weeks if week.start in used)
    if not used or minutes == 0:
        return _Average(None, None, None, 0, result)
    hours = Decimal(minutes) / MINUTES_PER_HOUR
    return _Average(result.total / hours, hours / days if days else None, hours / len(used), len(used), result,
                    hours)


# --- holiday pay ------------------------------------------------------------------------------------------------


def _overlap(first: date, last: date, start: date, end: date) -> int:
    return max(0, (min(last, end) - max(first, start)).days + 1)


def _leave_hours(leave: LeaveTaken, first: date, last: date, hours_per_day: Decimal | None) -> Decimal | None:
    """Hours of leave from `leave` falling between `first` and `last` (shared by calendar days when the leave runs
    past them); None when neither hours nor days (with hours a day) are known."""
    days = (leave.end - leave.start).days + 1
    share = Decimal(_overlap(first, last, leave.start, leave.end)) / days
    if leave.hours is not None:
        return leave.hours * share
    if leave.days is not None and hours_per_day is not None:
        return leave.days * share * hours_per_day
    return None


def _fixed_hours_per_day(terms: PayTerms | None) -> Decimal | None:
    if terms is None or not terms.hours_per_week or not terms.days_per_week:
        return None
    return terms.hours_per_week / terms.days_per_week


def _irregular(terms: PayTerms | None) -> bool:
    return terms is not None and terms.hours_type in ("irregular", "zero_hours")


def _rolled_up(inputs: PayInputs, notes: list[str]) -> tuple[bool, date]:
    """Whether rolled-up holiday pay is lawful and chosen for this period, and the leave year it is for; a
    contract asking for it where the law does not allow it gets a note (and holiday pay when taken)."""
    terms = current_terms(inputs)
    leave_year = holiday_rules.leave_year_containing(inputs.leave_year_start, inputs.period.end).first_day
    if terms is None or terms.holiday_pay is not HolidayPay.ROLLED_UP:
        return False, leave_year
    if not _irregular(terms):
        notes.append(_("The contract says holiday pay is rolled up, but rolled-up holiday pay is only for "
                       "irregular-hours and part-year PAs (WTR 1998 reg 16A): holiday pay is paid when leave is "
                       "taken instead."))
        return False, leave_year
    if inputs.nation == NORTHERN_IRELAND:
        notes.append(_("The contract says holiday pay is rolled up, but rolled-up holiday pay is not lawful in "
                       "Northern Ireland: holiday pay is paid when leave is taken instead."))
        return False, leave_year
    if not holiday_rules.rules_for_leave_year(leave_year)["irregular_accrual"]:
        accrual_from = next(row.effective_from for row in load_table(holiday_rules.TABLE).rows
                            if row["irregular_accrual"])
        notes.append(_("The contract says holiday pay is rolled up, but rolled-up holiday pay is only lawful for "
                       "leave years starting on or after {accrual_from}; this leave year starts on {day}: holiday pay "
                       "is paid when leave is taken instead.").format(accrual_from=_day(accrual_from),
                                                                       day=_day(leave_year)))
        return False, leave_year
    return True, leave_year


def _holiday_lines(inputs: PayInputs, rolled_up: bool, notes: list[str]) -> tuple[list[PayLine], Decimal]:
    """HOLIDAY_PAY lines for leave taken in the period, and the hours of leave (for the minimum-wage record)."""
    period = inputs.period
    lines: list[PayLine] = []
    leave_hours_total = ZERO
    for leave in sorted(inputs.leave, key=lambda item: item.start):
        if not _overlap(period.start, period.end, leave.start, leave.end):
            continue
        first = max(leave.start, period.start)
        last = min(leave.end, period.end)
        when = (_("{first} to {last}").format(first=_day(first), last=_day(last)) if first != last else _day(first))
        if rolled_up:
            notes.append(_("Leave taken {when} is not paid again: holiday pay is rolled up into every payslip "
                           "(WTR 1998 reg 16A).").format(when=when))
            continue
        terms = terms_on(inputs.terms, first)
        if terms is None:
            notes.append(_("Leave taken {when} is not paid: no contract terms were in force.").format(when=when))
            continue
        if _irregular(terms):
            average = _average(inputs, leave.start)
            hours = _leave_hours(leave, first, last, average.hours_per_day)
            if average.per_hour is None:
                rate_exact = terms.standard_rate
                basis = _("No earlier week with pay to average, so the standard rate is used (Employment Rights "
                          "Act 1996 s.228: an amount that fairly represents a week's pay)")
            else:
                rate_exact = average.per_hour
                basis = _("The average pay for an hour over the last {weeks} weeks with pay before the leave "
                          "(looking back at most {lookback} weeks): {total} for {hours} (WTR 1998 reg 16; Employment "
                          "Rights Act 1996 ss.221-224)").format(
                    weeks=average.weeks_counted, lookback=HISTORY_WEEKS, total=_money(average.result.total),
                    hours=hours_text(average.hours.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)))  # display
        else:
            hours = _leave_hours(leave, first, last, _fixed_hours_per_day(terms))
            rate_exact = terms.standard_rate
            basis = _("Normal pay for the hours of leave: the standard rate in the contract terms from {date} (WTR "
                      "1998 reg 16)").format(date=_day(terms.effective_from))
            # Normal hours but pay varying with when they are worked (regular weekends, nights): a week's pay is the
            # average (ERA 1996 s.222), so the higher of the two is paid and the app never underpays its own leave.
            average = _average(inputs, leave.start)
            if average.per_hour is not None and average.per_hour > rate_exact:
                rate_exact = average.per_hour
                basis = _("Normal pay for the hours of leave: the average pay for an hour over the last {weeks} weeks "
                          "with pay, above the standard rate because regular weekend, night or bank-holiday hours "
                          "pay more (WTR 1998 reg 16; Employment Rights Act 1996 s.222)").format(
                    weeks=average.weeks_counted)
        if hours is None:
            notes.append(_("Leave taken {when} is not paid: its hours are not recorded, and neither are the hours "
                           "and days a week to work them out. Record the hours of leave.").format(when=when))
            continue
        hours = hours.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)  # hours of leave to the hundredth (display)
        # A rate on a payslip is in pence: an average rate for an hour is rounded UP to the penny (worker's favour).
        rate = round_up_to_penny(rate_exact)
        # HMRC/contract rounding of a pay line: hours x rate, half up to the penny.
        amount = round_half_up_to_penny(hours * rate)
        leave_hours_total += hours
        lines.append(PayLine(LineKind.HOLIDAY_PAY, _("Holiday pay, leave {when}").format(when=when), amount, hours,
                             rate, basis))
    return lines, leave_hours_total


def _rolled_up_line(inputs: PayInputs, work_lines: Sequence[PayLine], leave_year: date) -> PayLine | None:
    # Remuneration for work done (reg 16A(2)): the pay for work and any bonus the user added for the period.
    pay = _pay_total(work_lines) + _pay_total(inputs.added_lines, (LineKind.BONUS,))
    if pay <= ZERO:
        return _rolled_up_while_absent(inputs, leave_year)
    amount = holiday_rules.rolled_up_holiday_pay(pay, leave_year_start=leave_year)  # rounds half up to the penny
    percent = holiday_rules.rules_for_leave_year(leave_year)["irregular_accrual_percent"]
    return PayLine(LineKind.ROLLED_UP_HOLIDAY_PAY,
                   _("Rolled-up holiday pay ({percent}% of pay for work)").format(percent=decimal_str(percent)),
                   amount, None, None,
                   _("{percent}% of {pay} pay for work in the period, paid with it and shown apart (WTR 1998 reg "
                     "16A); leave year from {day}").format(percent=decimal_str(percent), pay=_money(pay),
                                                           day=_day(leave_year)))


WEEKS_PER_PERIOD = {"weekly": Decimal(1), "fortnightly": Decimal(2), "four_weekly": Decimal(4),
                    "monthly": Decimal(52) / 12}


def _rolled_up_while_absent(inputs: PayInputs, leave_year: date) -> PayLine | None:
    """Rolled-up holiday pay for a pay period of sick leave or statutory leave with no work in it (WTR 1998 reg
    16A(4)-(6)): the average rolled-up holiday pay for a pay period over the 52 weeks before the leave began (or
    the shorter time it has been rolled up), worked out from the pay weeks: 12.07% of the pay for work in them,
    over the number of weeks, times the weeks in a pay period. None when the PA is not on such leave, or was paid
    no rolled-up holiday pay before it."""
    period = inputs.period
    sick_from = [spell.start for spell in _spells(inputs.sickness)
                 if _overlap(period.start, period.end, spell.start, spell.end)]
    on_family_leave = any(line.kind is LineKind.FAMILY_PAY for line in inputs.added_lines)
    if not sick_from and not on_family_leave:
        return None
    leave_from = min(sick_from) if sick_from else period.start
    # The relevant period: 52 weeks before the leave, or fewer if holiday pay has been rolled up for less time
    # (the PA's start, or the unbroken run of contract terms asking for it).
    versions = sorted((terms for terms in inputs.terms if terms.effective_from < leave_from),
                      key=lambda terms: terms.effective_from, reverse=True)
    rolled_from: date | None = None
    for version in versions:  # latest first: the first day of the unbroken run of rolled-up terms
        if version.holiday_pay is not HolidayPay.ROLLED_UP:
            break
        rolled_from = version.effective_from
    if rolled_from is None:
        return None
    since = max(inputs.start_date or rolled_from, rolled_from)
    weeks = [week for week in _weeks(inputs, leave_from)[-52:] if week.start + timedelta(days=6) >= since]
    pay = sum((week.pay for week in weeks), ZERO)
    if not weeks or pay <= ZERO:
        return None
    per_period = pay * WEEKS_PER_PERIOD.get(period.frequency, Decimal(1)) / len(weeks)
    amount = holiday_rules.rolled_up_holiday_pay(per_period, leave_year_start=leave_year)  # half up to the penny
    percent = holiday_rules.rules_for_leave_year(leave_year)["irregular_accrual_percent"]
    return PayLine(LineKind.ROLLED_UP_HOLIDAY_PAY,
                   _("Rolled-up holiday pay while on leave or sick (the average for a pay period)"),
                   amount, None, None,
                   ngettext("No work in the period, on sick leave or statutory leave from {day}: the average rolled-up "
                            "holiday pay for a pay period over the {count} week before ({percent}% of {pay} pay for "
                            "work) (WTR 1998 reg 16A(4)-(6)); leave year from {year}",
                            "No work in the period, on sick leave or statutory leave from {day}: the average rolled-up "
                            "holiday pay for a pay period over the {count} weeks before ({percent}% of {pay} pay for "
                            "work) (WTR 1998 reg 16A(4)-(6)); leave year from {year}", len(weeks)).format(
                       day=_day(leave_from), count=len(weeks), percent=decimal_str(percent), pay=_money(pay),
                       year=_day(leave_year)))


def _earlier_period(period: PayPeriod) -> PayPeriod:
    """The pay period before `period`, of the same frequency (blocks of days, or months starting the same day)."""
    end = period.start - timedelta(days=1)
    if period.frequency == "monthly":  # tax months start on the 6th, calendar months on the 1st: in every month
        return PayPeriod(months_after(period.start, -1), end, end, period.frequency)
    return PayPeriod(period.start - timedelta(days=period.days), end, end, period.frequency)


def _hours_by_period(inputs: PayInputs, first: date, last: date) -> list[Decimal]:
    """Hours worked (paid hours and time woken) in each pay period from `first` to `last`, each clipped to them."""
    result = []
    period = PayPeriod(inputs.period.start, inputs.period.end, inputs.period.pay_date, inputs.period.frequency)
    while period.end >= first:
        shifts = _in_period(inputs.shifts, max(period.start, first), min(period.end, last))
        work = _work(shifts, inputs.terms, inputs.bank_holidays)
        result.append(Decimal(work.paid_minutes) / MINUTES_PER_HOUR)
        period = _earlier_period(period)
    return list(reversed(result))


def _untaken_line(inputs: PayInputs, notes: list[str]) -> PayLine | None:
    """Pay in lieu of statutory leave not taken, on leaving (WTR 1998 reg 14)."""
    leaving = inputs.end_date
    assert leaving is not None
    leave_year = holiday_rules.leave_year_containing(inputs.leave_year_start, leaving)
    starter = inputs.start_date if inputs.start_date and inputs.start_date > leave_year.first_day else None
    terms = terms_on(inputs.terms, leaving)
    if terms is None:
        notes.append(_("Pay for untaken holiday on leaving is not worked out: no contract terms were in force."))
        return None
    northern_ireland = inputs.nation == NORTHERN_IRELAND
    rate_how = ""
    try:
        if _irregular(terms):
            average = _average(inputs, leaving + timedelta(days=1))
            hours_per_day = average.hours_per_day
            rate_exact = average.per_hour if average.per_hour is not None else terms.standard_rate
            if holiday_rules.rules_for_leave_year(leave_year.first_day)["irregular_accrual"] and not northern_ireland:
                first = max(leave_year.first_day, inputs.start_date or leave_year.first_day)
                accrued = holiday_rules.irregular_hours_accrued(
                    _hours_by_period(inputs, first, leaving), leave_year_start=leave_year.first_day)
                entitlement = accrued.accrued or ZERO
                how = _("{percent}% of the hours worked in the leave year's pay periods (WTR 1998 reg 15F)").format(
                    percent=accrued.working["percent"])
                # rules.holiday leaves the 5.6-week cap to the caller, who knows the PA's week: here the average
                # week of the last 52 weeks with pay, counting at most 5 days' hours (28 days in all, reg 13A(3)).
                row = holiday_rules.rules_for_leave_year(leave_year.first_day)
                week_hours = average.hours_per_week
                if week_hours is not None and average.hours_per_day is not None:
                    week_hours = min(week_hours, row["max_days_per_week"] * average.hours_per_day)
                if week_hours is not None and entitlement > row["statutory_weeks"] * week_hours:
                    entitlement = row["statutory_weeks"] * week_hours
                    how = _("{how}, capped at {weeks} weeks ({days} days) of the average week of {hours}").format(
                        how=how, weeks=decimal_str(row["statutory_weeks"]), days=row["max_days"],
                        hours=hours_text(hours_of(week_hours * MINUTES_PER_HOUR)))
            else:
                weeks = holiday_rules.entitlement_weeks(leave_year_start=leave_year.first_day, start=starter,
                                                        leaving=leaving).entitlement
                if average.hours_per_week is None:
                    notes.append(_("Pay for untaken holiday on leaving is not worked out: there is no week with pay "
                                   "to take an average week's hours from."))
                    return None
                entitlement = weeks * average.hours_per_week
                how = _("{weeks} weeks of leave for the part of the leave year worked, each the average week of "
                        "{hours}").format(weeks=decimal_str(weeks), hours=hours_text(hours_of(
                            average.hours_per_week * MINUTES_PER_HOUR)))
        else:
            hours_per_day = _fixed_hours_per_day(terms)
            if hours_per_day is None:
                notes.append(_("Pay for untaken holiday on leaving is not worked out: the contract does not say the "
                               "hours and days worked a week."))
                return None
            rate_exact = terms.standard_rate
            # As for leave taken: normal hours but pay varying with when they are worked (regular weekends, nights)
            # make a week's pay the average (WTR 1998 reg 14(3)(b) with reg 16; ERA 1996 s.222), so the higher of the
            # standard rate and the 52-week average for an hour is paid.
            average = _average(inputs, leaving + timedelta(days=1))
            if average.per_hour is not None and average.per_hour > rate_exact:
                rate_exact = average.per_hour
                rate_how = _("; paid at the average pay for an hour over the last {weeks} weeks with pay, above the "
                             "standard rate because regular weekend, night or bank-holiday hours pay more (WTR 1998 "
                             "regs 14(3)(b) and 16; Employment Rights Act 1996 s.222)").format(
                    weeks=average.weeks_counted)
            entitlement = holiday_rules.entitlement_hours(
                terms.hours_per_week, terms.days_per_week, leave_year_start=leave_year.first_day, start=starter,
                leaving=leaving).entitlement
            how = _("the statutory entitlement for the part of the leave year worked (WTR 1998 regs 13, 13A, 14)")
    except (ValidationError, RatesError) as error:
        notes.append(_("Pay for untaken holiday on leaving is not worked out: {reason}").format(reason=error.args[0]))
        return None
    taken = ZERO
    for leave in inputs.leave:
        hours = _leave_hours(leave, leave_year.first_day, leaving, hours_per_day)
        if hours is None:
            notes.append(_("Leave from {day} has no hours recorded, so it is not taken off the holiday owed on "
                           "leaving. Record its hours.").format(day=_day(leave.start)))
            continue
        taken += hours
    balance = (entitlement - taken).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)  # hours to the hundredth (display)
    if balance < ZERO:
        notes.append(_("The PA took more leave than accrued this leave year ({hours} more) — recovering it needs a "
                       "written agreement (Working Time Regulations 1998 reg 14(4)).").format(
            hours=hours_text(-balance)))
        return None
    if balance == ZERO:
        return None
    rate = round_up_to_penny(rate_exact)  # a rate on a payslip is in pence: rounded UP (worker's favour)
    amount = round_half_up_to_penny(balance * rate)  # HMRC/contract rounding of a pay line
    basis = _("Leaving on {day}: {entitled} owed by {how}, less {taken} taken in the leave year from {year}").format(
        day=_day(leaving), entitled=hours_text(entitlement.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)), how=how,
        taken=hours_text(taken.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)), year=_day(leave_year.first_day))
    basis += rate_how
    return PayLine(LineKind.UNTAKEN_HOLIDAY, _("Pay for holiday not taken, on leaving"), amount, balance, rate, basis)


# --- statutory sick pay -------------------------------------------------------------------------------------------


def _spells(sickness: Iterable[SicknessSpell]) -> list[SicknessSpell]:
    """Sickness records as spells: records back to back (one ending the day before the next starts) or
    overlapping are one spell of incapacity (SSCBA 1992 s.152: consecutive days)."""
    merged: list[SicknessSpell] = []
    for spell in sorted(sickness, key=lambda item: item.start):
        if merged and spell.start <= merged[-1].end + timedelta(days=1):
            merged[-1] = SicknessSpell(merged[-1].start, max(merged[-1].end, spell.end))
        else:
            merged.append(spell)
    return merged


def _gross_between(inputs: PayInputs, first: date, last: date) -> Decimal:
    """Gross pay for `first` to `last` as the rota and records give it: pay for work in the shifts starting then,
    holiday pay for leave taken then (or rolled-up holiday pay on the pay for work). Lines added by hand to earlier
    runs (a bonus) are not in the inputs, so they are not here."""
    # The window's own facts only: the lines added to this run and its sickness are not the window's.
    window = replace(inputs, period=PayPeriod(first, last, last, inputs.period.frequency), added_lines=(),
                     sickness=())
    work_lines = _work_lines(_work(_in_period(inputs.shifts, first, last), inputs.terms, inputs.bank_holidays),
                             inputs.nation)
    scratch: list[str] = []
    rolled_up, leave_year = _rolled_up(window, scratch)
    total = _pay_total(work_lines)
    if rolled_up:
        line = _rolled_up_line(window, work_lines, leave_year)
        return total + (line.amount if line is not None else ZERO)
    holiday, _hours = _holiday_lines(window, False, scratch)
    return total + _pay_total(holiday, (LineKind.HOLIDAY_PAY,))


def _average_weekly_earnings(inputs: PayInputs, first_day: date) -> tuple[Decimal, str]:
    """Average weekly earnings for SSP for a spell (or linked series) starting on `first_day`, and a note saying how
    (SSP (General) Regulations 1982 reg 19; HMRC SPM170200, SPM170500): all gross pay in the relevant period
    (holiday pay included), approximated by the 8 weeks before the sickness; a PA employed less than 8 weeks is
    averaged over the days employed before it (reg 19(7)); one sick before any pay, on the contract's weekly pay
    (reg 19(8))."""
    lookback_start = first_day - SSP_LOOKBACK
    started = inputs.start_date
    if started is None or started <= lookback_start:
        gross = _gross_between(inputs, lookback_start, first_day - timedelta(days=1))
        earnings = gross / 8
        return earnings, _(
            "Average weekly earnings for sick pay are the gross pay (pay for work and holiday pay) in the 8 weeks "
            "before the sickness from {day} divided by 8 ({earnings}): an approximation of the relevant period, "
            "which the law sets by pay days (SSP (General) Regulations 1982 reg 19).").format(
            day=_day(first_day), earnings=_money(round_half_up_to_penny(earnings)))
    days = (first_day - started).days
    gross = _gross_between(inputs, started, first_day - timedelta(days=1)) if days > 0 else ZERO
    if gross > ZERO:
        earnings = gross * 7 / days
        return earnings, ngettext(
            "Average weekly earnings for sick pay: employed {count} day before the sickness from {day}, so its gross "
            "pay {gross} is averaged over it as a week's pay ({earnings}) (SSP (General) Regulations 1982 reg "
            "19(7)).",
            "Average weekly earnings for sick pay: employed {count} days before the sickness from {day}, so their "
            "gross pay {gross} is averaged over them as a week's pay ({earnings}) (SSP (General) Regulations 1982 "
            "reg 19(7)).", days).format(count=days, day=_day(first_day), gross=_money(gross),
                                        earnings=_money(round_half_up_to_penny(earnings)))
    terms = terms_on(inputs.terms, first_day) or terms_on(inputs.terms, inputs.period.end)
    if terms is None or not terms.hours_per_week:
        return ZERO, _(
            "Average weekly earnings for sick pay: sick from {day} before any pay, and the contract does not say the "
            "hours worked a week, so there are no earnings to go on (SSP (General) Regulations 1982 reg 19(8)). "
            "Record the weekly hours in the contract terms.").format(day=_day(first_day))
    earnings = terms.hours_per_week * terms.standard_rate
    return earnings, _(
        "Average weekly earnings for sick pay: sick from {day} before any pay, so they are the contract's weekly "
        "pay, {hours} at {rate} ({earnings}) (SSP (General) Regulations 1982 reg 19(8)).").format(
        day=_day(first_day), hours=hours_text(terms.hours_per_week), rate=_money(terms.standard_rate),
        earnings=_money(round_half_up_to_penny(earnings)))


def _sick_lines(inputs: PayInputs, notes: list[str]) -> list[PayLine]:
    period = inputs.period
    lines = []
    spells = _spells(inputs.sickness)
    for spell in spells:
        if not _overlap(period.start, period.end, spell.start, spell.end):
            continue
        before = _in_period(inputs.shifts, spell.start - SSP_LOOKBACK, spell.start - timedelta(days=1))
        weekdays = sorted({shift.start.date().weekday() for shift in before})
        if not weekdays:
            weekdays = [0, 1, 2, 3, 4]
            notes.append(_("No shifts in the 8 weeks before the sickness from {day}: Monday to Friday are taken as "
                           "the qualifying days for sick pay.").format(day=_day(spell.start)))
        earlier = [sick_pay.Spell(other.start, other.end) for other in spells if other.end < spell.start]
        try:
            earnings, how = _average_weekly_earnings(inputs, spell.start)
            result = sick_pay.statutory_sick_pay(sick_pay.Spell(spell.start, spell.end), weekdays, earnings,
                                                 earlier_spells=earlier)
            if result.linked_spells:
                # A spell linked to earlier ones keeps the earnings worked out at the start of the first of them
                # (SSP (General) Regulations 1982 reg 19(2)).
                first_day = result.linked_spells[0].first_day
                earnings, how = _average_weekly_earnings(inputs, first_day)
                how = _("This sickness links to the earlier sickness from {day}, so its average weekly earnings are "
                        "those at the start of that sickness. {how}").format(day=_day(first_day), how=how)
                result = sick_pay.statutory_sick_pay(sick_pay.Spell(spell.start, spell.end), weekdays, earnings,
                                                     earlier_spells=earlier)
            amount = result.amount_between(period.start, period.end)
        except (ValidationError, RatesError) as error:
            notes.append(_("Sick pay for the sickness from {day} is not worked out: {reason}").format(
                day=_day(spell.start), reason=error.args[0]))
            continue
        days = sum(1 for day in result.days if day.status in (sick_pay.PAID, sick_pay.NIL_RATE)
                   and period.contains(day.day))
        notes.append(how)
        if amount <= ZERO:
            continue
        lines.append(PayLine(
            LineKind.SICK_PAY,
            ngettext("Statutory sick pay, {count} day", "Statutory sick pay, {count} days", days).format(count=days),
            amount, None, None,
            _("Sickness from {first} to {last}; qualifying days {days}; Social Security Contributions and Benefits "
              "Act 1992 ss.151-157").format(first=_day(spell.start), last=_day(spell.end),
                                            days=", ".join(sick_pay.WEEKDAY_CODES[day] for day in weekdays))))
    return lines


# --- the minimum wage on the pay made -------------------------------------------------------------------------------


def _hours_in_period(work: _Work, leave_hours: Decimal) -> nmw.HoursInPeriod:
    def hours(minutes: int) -> Decimal:
        return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(NMW_HOURS_PLACES, rounding=ROUND_DOWN)

    # Shifts with no contract terms in force are worked time too: they count with pay 0 (a shortfall shows).
    return nmw.HoursInPeriod(working=hours(work.working_minutes + work.unpaid_working_minutes),
                             sleep_in_awake_for_work=hours(work.woken_minutes + work.unpaid_woken_minutes),
                             sleep_in_asleep_or_free=hours(work.asleep_minutes + work.unpaid_asleep_minutes),
                             unpaid_rest_breaks=hours(work.break_minutes + work.unpaid_break_minutes),
                             absence=leave_hours)


def _pay_in_period(lines: Iterable[PayLine]) -> nmw.PayInPeriod:
    """Pay lines as the minimum-wage check sorts them (reg 9 less reg 10)."""
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        counts = line.counts_for_minimum_wage
        rest = line.amount - counts
        if line.kind is LineKind.SLEEP_IN:
            sums["allowances_that_count"] += counts
        else:
            sums["basic_pay"] += counts
        if rest <= ZERO:
            continue
        if line.kind in TIME_KINDS or line.kind is LineKind.SLEEP_IN_WOKEN:
            sums["premium_pay"] += rest
        elif line.kind in ABSENCE_KINDS:
            sums["absence_pay"] += rest
        elif line.kind is LineKind.EXPENSE:
            sums["expenses_reimbursed"] += rest
        else:
            sums["allowances_not_counted"] += rest  # back pay (for another period) and other payments
    return nmw.PayInPeriod(**sums)


def _accommodation(inputs: PayInputs) -> nmw.Accommodation | None:
    """Living accommodation provided in the period (NMW Regulations 2015 regs 14-16): the days of the period the
    PA is employed under terms that provide it, and what was charged for them (the accommodation offset is then
    applied by the minimum-wage check: free accommodation adds it, a charge above it takes the excess off)."""
    period = inputs.period
    first = max(period.start, inputs.start_date or period.start)
    last = min(period.end, inputs.end_date or period.end)
    days, charge = 0, ZERO
    day = first
    while day <= last:
        terms = terms_on(inputs.terms, day)
        if terms is not None and terms.accommodation_provided:
            days += 1
            charge += terms.accommodation_charge_per_day or ZERO
        day += timedelta(days=1)
    return nmw.Accommodation(days, charge) if days else None


def _rate_now_for_band(band_code: str, today: date, todays_band_rate: Decimal | None) -> Decimal | None:
    """The minimum rate in force on `today` for the band a worker was in for an earlier period (NMWA 1998 s.17(4);
    HMRC NMWM13160: arrears are worked out at the current rate for the band that applied then, not the worker's
    band now). Bands are read by their youngest age ("18_to_20" is the band of an 18-year-old today: an old
    "21_to_22" band is today's band for 21). No band given: today's band, `todays_band_rate`."""
    if not band_code:
        return todays_band_rate
    row = nmw.minimum_wage_table().row_on(today)
    if band_code == "apprentice":
        return row["apprentice_rate"]
    if band_code.startswith("under_"):
        return None  # not entitled then: nothing to uplift
    youngest = band_code.split("_")[0]
    if not youngest.isdigit():
        return todays_band_rate
    # A date of birth making the worker exactly that age today, so the rules' own band reading gives the rate.
    return nmw.minimum_wage_rate(years_after(today, -int(youngest)), today).hourly_rate


def _minimum_wage(inputs: PayInputs, hours: nmw.HoursInPeriod, pay: nmw.PayInPeriod,
                  notes: Sequence[str] = ()) -> MinimumWageResult:
    period = inputs.period
    table = nmw.minimum_wage_table()
    row = table.row_on(period.start)
    paid_hours = hours.working + hours.sleep_in_awake_for_work
    shown_hours = paid_hours.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    counted_pay = max(ZERO, pay.basic_pay + pay.allowances_that_count)
    texts = list(notes)
    date_of_birth = inputs.date_of_birth
    if date_of_birth is None:
        # Without a date of birth the check is made at the top band (the highest rate), so nobody is under-checked.
        date_of_birth = years_after(period.start, -(row["top_band_min_age"] + 1))
        texts.append(_("No date of birth is recorded, so the check uses the top rate; record the date of birth to "
                       "check the right band."))
    rate = nmw.minimum_wage_rate(date_of_birth, period.start, apprentice_since=inputs.apprentice_since)
    not_entitled = None
    if rate.hourly_rate is None:
        not_entitled = _("Under {age} on the first day of the period: not entitled to the minimum wage (National "
                         "Minimum Wage Act 1998 s.1(2)(c)).").format(age=row["youth_band_min_age"])
    elif inputs.date_of_birth is not None:
        leaving = school_age.school_leaving(inputs.date_of_birth, inputs.nation,
                                            load_table("employer_duties").row_on(period.start))
        if leaving.day >= period.start:
            not_entitled = _("Still of compulsory school age on the first day of the period (school-leaving date "
                             "{day}): not entitled to the minimum wage (National Minimum Wage Act 1998 "
                             "s.1(2)(c)).").format(day=_day(leaving.day))
    if not_entitled is not None:
        return MinimumWageResult(band=rate.band_label, rate=None, hours_counted=shown_hours, pay_counted=counted_pay,
                                 required=ZERO, shortfall=ZERO, note=" ".join([not_entitled, *texts]),
                                 band_code=rate.band)
    check = nmw.check_pay_reference_period(date_of_birth=date_of_birth, period_start=period.start,
                                           period_end=period.end, hours=hours, pay=pay,
                                           apprentice_since=inputs.apprentice_since)
    arrears = ZERO
    arrears_working = []
    for earlier in inputs.earlier_shortfalls:
        owed = earlier.shortfall
        rate_now = _rate_now_for_band(earlier.band_code, period.start, check.rate.hourly_rate)
        if rate_now is not None and earlier.rate and rate_now > earlier.rate:
            # NMWA 1998 s.17(2)-(4): arrears are repaid at the rate now when it is higher than the rate then.
            # Multiplied before dividing, so an exact number of pence stays exact; rounded UP: worker's favour.
            owed = round_up_to_penny(earlier.shortfall * rate_now / earlier.rate)
        arrears += owed
        arrears_working.append({"period_start": earlier.period_start, "period_end": earlier.period_end,
                                "shortfall": earlier.shortfall, "rate_then": earlier.rate,
                                "band_then": earlier.band_code or check.rate.band, "rate_now": rate_now,
                                "owed_now": owed})
    if pay.premium_pay > ZERO:
        texts.insert(0, _(BASIS_PREMIUM))
    if arrears > ZERO:
        texts.append(_("Earlier periods still owe {amount} of minimum-wage arrears, at today's rate for the band "
                       "that applied then where it is higher (National Minimum Wage Act 1998 s.17).").format(amount=_money(arrears)))
    if not check.compliant:
        texts.insert(0, _("Paid {shortfall} less than the minimum wage for {hours} ({rate} an hour): pay the "
                          "shortfall as back pay in the next run.").format(
            shortfall=_money(check.shortfall_to_penny), hours=hours_text(shown_hours),
            rate=_money(check.rate.hourly_rate)))
    working = dict(check.working)
    if arrears_working:
        working["earlier_arrears"] = plain(arrears_working)
    return MinimumWageResult(band=check.rate.band_label, rate=check.rate.hourly_rate, hours_counted=shown_hours,
                             pay_counted=check.pay_that_counts, required=check.required_to_penny,
                             shortfall=check.shortfall_to_penny, earlier_arrears=arrears, note=" ".join(texts),
                             working=MappingProxyType(working), band_code=check.rate.band)


# --- the pay run ----------------------------------------------------------------------------------------------------


def _added(line: PayLine) -> PayLine:
    """A line the user added, marked so; a bonus counts for the minimum wage, nothing else added does (expenses,
    back pay for another period, statutory family pay are not pay for this period's work)."""
    counts = line.amount if line.kind is LineKind.BONUS and line.amount > ZERO else ZERO
    return PayLine(line.kind, line.description, line.amount, line.hours, line.rate, line.basis, line.shift_keys,
                   counts, True)


@dataclass(frozen=True)
class _Built:
    run: PayRun
    work: _Work
    leave_hours: Decimal


def _build(inputs: PayInputs) -> _Built:
    period = inputs.period
    notes: list[str] = []
    if inputs.unconfirmed_shifts:
        notes.append(ngettext("{count} planned shift not yet confirmed as worked: it is not paid until it is.",
                              "{count} planned shifts not yet confirmed as worked: they are not paid until they are.",
                              inputs.unconfirmed_shifts).format(count=inputs.unconfirmed_shifts))
    work = _work(_in_period(inputs.shifts, period.start, period.end), inputs.terms, inputs.bank_holidays)
    notes.extend(_work_notes(work))
    lines = _work_lines(work, inputs.nation)
    rolled_up, leave_year = _rolled_up(inputs, notes)
    holiday, leave_hours = _holiday_lines(inputs, rolled_up, notes)
    lines.extend(holiday)
    if rolled_up:
        line = _rolled_up_line(inputs, lines, leave_year)
        if line is not None:
            lines.append(line)
    elif inputs.end_date is not None and period.contains(inputs.end_date):
        line = _untaken_line(inputs, notes)
        if line is not None:
            lines.append(line)
    lines.extend(_sick_lines(inputs, notes))
    lines.extend(_added(line) for line in inputs.added_lines)
    pay_in_period = replace(_pay_in_period(lines), accommodation=_accommodation(inputs))
    minimum_wage = _minimum_wage(inputs, _hours_in_period(work, leave_hours), pay_in_period)
    run = PayRun(pa_id=inputs.pa_id, pa_name=inputs.pa_name, period=period, lines=tuple(lines),
                 deductions=inputs.deductions, minimum_wage=minimum_wage, notes=tuple(notes))
    return _Built(run, work, leave_hours)


def build_pay_run(inputs: PayInputs) -> PayRun:
    """One PA's pay for one period, from plain values: the lines (pay for work, sleep-ins, holiday, sick pay, the
    lines the user added), the deductions as given, the minimum-wage check on the pay made, and notes for the
    employer (shifts not confirmed, facts missing)."""
    return _build(inputs).run


# --- checks on a run ------------------------------------------------------------------------------------------------


def holiday_pay_check(inputs: PayInputs, run: PayRun) -> HolidayPayCheck | None:
    """Holiday pay for an hour of leave on `run` against the 52-week average pay for an hour of work before the
    leave (WTR 1998 reg 16; ERA 1996 ss.221-224). None when the run has no leave paid when taken, or there is no
    week with pay to average. An imported payslip without lines is read as its gross less the computed pay other
    than holiday pay."""
    computed = run if run.source is RunSource.COMPUTED else build_pay_run(inputs)
    leave_hours = sum((line.hours or ZERO for line in computed.lines if line.kind is LineKind.HOLIDAY_PAY), ZERO)
    if leave_hours <= ZERO:
        return None
    own = [line for line in run.lines if line.kind is LineKind.HOLIDAY_PAY]
    if own:
        paid = _pay_total(own, (LineKind.HOLIDAY_PAY,))
        hours = sum((line.hours or ZERO for line in own), ZERO) or leave_hours
    else:
        other = computed.gross - _pay_total(computed.lines, (LineKind.HOLIDAY_PAY,))
        paid = max(ZERO, run.gross - other)
        hours = leave_hours
    first_leave = min((leave.start for leave in inputs.leave
                       if _overlap(inputs.period.start, inputs.period.end, leave.start, leave.end)),
                      default=inputs.period.start)
    average = _average(inputs, first_leave)
    if average.per_hour is None:
        return None
    per_hour = paid / hours
    below = average.per_hour - per_hour > HUNDREDTH
    shortfall = round_up_to_penny(average.pay_for(hours) - paid) if below else ZERO  # rounded UP: worker's favour
    note = ""
    if below:
        note = _("Holiday pay is {paid} an hour, below the average of {average} an hour over the last {weeks} weeks "
                 "with pay: {shortfall} short for {hours}.").format(
            paid=_money(round_half_up_to_penny(per_hour)), average=_money(round_half_up_to_penny(average.per_hour)),
            weeks=average.weeks_counted, shortfall=_money(shortfall), hours=hours_text(hours))
    return HolidayPayCheck(hours, paid, per_hour, average.per_hour, average.weeks_counted, below, shortfall, note)


def check_imported(inputs: PayInputs, imported: PayRun) -> ImportedCheck:
    """An imported payslip checked as the app's own runs are: the minimum wage on the imported pay (its gross less
    the pay that never counts, as the rota and records give it: absence pay, expenses, premium, back pay) for the
    hours the rota counts; each figure that differs from the app's own run; holiday pay against the average."""
    built = _build(inputs)
    computed = built.run
    not_counting = sum((line.amount - line.counts_for_minimum_wage for line in computed.lines), ZERO)
    pay = nmw.PayInPeriod(basic_pay=max(ZERO, imported.gross - not_counting))
    minimum_wage = _minimum_wage(inputs, _hours_in_period(built.work, built.leave_hours), pay, (
        _("Pay that counts is the payslip's gross {gross} less {other} the rota and records give as pay that does "
          "not count (holiday and sick pay, expenses, premium above the standard rate, back pay).").format(
            gross=_money(imported.gross), other=_money(not_counting)),) if not_counting else ())
    differences: list[Difference] = []
    if imported.gross != computed.gross:
        differences.append(Difference("gross", computed.gross, imported.gross))
    if imported.imported_hours is not None and imported.imported_hours != computed.hours_paid:
        differences.append(Difference("hours_paid", computed.hours_paid, imported.imported_hours))
    if imported.lines:
        groups = {"holiday_pay": HOLIDAY_KINDS, "sick_pay": (LineKind.SICK_PAY,)}
        for item, kinds in groups.items():
            expected, received = _pay_total(computed.lines, kinds), _pay_total(imported.lines, kinds)
            if expected != received:
                differences.append(Difference(item, expected, received))
        grouped = {kind for group in groups.values() for kind in group}
        for kind in LineKind:
            if kind in grouped:
                continue
            expected, received = _pay_total(computed.lines, (kind,)), _pay_total(imported.lines, (kind,))
            if expected != received:
                differences.append(Difference(kind.value, expected, received))
    check = holiday_pay_check(inputs, imported)
    return ImportedCheck(computed, minimum_wage, tuple(differences), bool(check and check.below))
