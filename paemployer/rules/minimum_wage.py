"""National Minimum Wage and National Living Wage: the band, the hourly minimum and the pay reference period check.

Legal basis (UK-wide):
- National Minimum Wage Act 1998 s.1: a worker who has ceased to be of compulsory school age is entitled to
  at least the national minimum wage; s.3 and the National Minimum Wage Regulations 2015 (SI 2015/621)
  regs 4, 4A and 5 set the rates by age and for apprentices (the figures are in resources/rates/minimum_wage.toml).
- The rate for a pay reference period is set by the worker's age, and the rates in force, on the FIRST day of
  the period: a birthday, an apprentice's first year ending, or an April uprating part-way through a period takes
  effect from the first pay reference period starting on or after it (HMRC National Minimum Wage Manual NMWM03050;
  ACAS "When your rate increases").
- Apprentice rate: an apprentice under 19, or 19 or over and in the first 12 months of the apprenticeship
  (NMW Regulations 2015 reg 5; NMWM03065).
- Pay reference period: at most a month (reg 6). Compliance: pay that counts divided by hours that count is at
  least the rate (reg 7), checked period by period, never averaged across periods.
- Pay that counts: payments for the period (reg 9) less reductions (reg 10): premium pay above the basic rate
  (NMWM09270), allowances not consolidated into pay, tips and service charges, expense payments, pay for absences,
  and deductions and payments for the employer's own use and benefit (reg 12); living accommodation adjusted by
  the accommodation offset (regs 14-16).
- Hours that count (time work, regs 30-35): hours working; on a sleep-in only the hours awake for the purpose of
  working (reg 32(2); Royal Mencap Society v Tomlinson-Blake [2021] UKSC 8); travel for the purpose of work, such
  as between assignments, but not between home and work (reg 34); training (reg 33). Not: time asleep or free on
  a sleep-in, travel from home to work, rest breaks, absences.

Ages: a person attains an age at the start of the anniversary of their birth (Family Law Reform Act 1969 s.9 in
England and Wales; Age of Legal Capacity (Scotland) Act 1991 s.6). Someone born on 29 February reaches each new
age on 1 March in a non-leap year: the 1991 Act s.6(2) says so for Scotland; the 1969 Act is silent, and 1 March
is the reading its "commencement of the relevant anniversary" wording gives (the anniversary has not begun on
28 February), which this module applies UK-wide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Mapping

from paemployer.errors import RatesError, ValidationError
from paemployer.i18n import N_, _, format_date, ngettext
from paemployer.rules.dates import add_years, anniversary, period_after
from paemployer.rules.dates import period_end as period_end_of  # `period_end` is a parameter below
from paemployer.rules.money import ZERO, decimal_str, money_str, plain, round_up_to_penny, to_decimal
from paemployer.rules.rates import RatesRow, RatesTable, load_table

TABLE = "minimum_wage"

# Legal basis, marked for the catalogue and translated when a result is made (the reader's language then).
BASIS_RATES = N_("National Minimum Wage Act 1998 s.1; National Minimum Wage Regulations 2015 regs 4, 4A")
BASIS_APPRENTICE = N_("National Minimum Wage Regulations 2015 reg 5; HMRC NMW Manual NMWM03065")
BASIS_FIRST_DAY = N_(
    "HMRC NMW Manual NMWM03050: a higher rate applies from the first pay reference period starting on or after "
    "the change"
)
BASIS_SCHOOL_AGE = N_("National Minimum Wage Act 1998 s.1(2)(c): only workers above compulsory school age")
BASIS_AGE = N_("Family Law Reform Act 1969 s.9; Age of Legal Capacity (Scotland) Act 1991 s.6")

# Names of the top band as the rates table spells them: the table keeps its English, people read these.
TOP_BAND_NAMES = {
    "National Living Wage": N_("National Living Wage"),
    "National Minimum Wage adult rate": N_("National Minimum Wage adult rate"),
}


def top_band_name(name: str) -> str:
    """The rates table's name for the top band in the reader's language (as written when it is not known)."""
    known = TOP_BAND_NAMES.get(name)
    return _(known) if known else name


# --- ages -------------------------------------------------------------------------------------------------------


def date_reaching_age(date_of_birth: date, age: int) -> date:
    """The day a person born on `date_of_birth` attains `age` (the start of that anniversary)."""
    return add_years(date_of_birth, age)


def age_on(date_of_birth: date, on: date) -> int:
    """Age in completed years on `on` (29 February birthdays count from 1 March in non-leap years)."""
    if on < date_of_birth:
        raise ValidationError(
            _("The date {day} is before the date of birth {date_of_birth}.").format(
                day=format_date(on, format="long"), date_of_birth=format_date(date_of_birth, format="long")
            ),
            field="date_of_birth",
        )
    age = on.year - date_of_birth.year
    if on < anniversary(date_of_birth, on.year):
        age -= 1
    return age


# --- the table ------------------------------------------------------------------------------------------------


def validate_minimum_wage_table(table: RatesTable) -> RatesTable:
    """Check the bands of every row make sense: ages ascending, no hidden figure, rates rising with age."""
    for row in table.rows:
        where = f"{table.name}.toml row of {row.effective_from}"
        youth, development = row["youth_band_min_age"], row["development_band_min_age"]
        second, top = row["second_band_min_age"], row["top_band_min_age"]
        if not youth < development < second <= top:
            raise RatesError(
                f"{where}: band ages must ascend (16-17 < 18-20 < second band <= top band); "
                f"got {youth}, {development}, {second}, {top}."
            )
        if second == top and row["second_band_rate"] != row["top_band_rate"]:
            raise RatesError(f"{where}: the second band is empty (its age equals the top band's) but has its own rate.")
        rates = [row["youth_band_rate"], row["development_band_rate"], row["second_band_rate"], row["top_band_rate"]]
        if any(rate <= ZERO for rate in rates + [row["apprentice_rate"], row["accommodation_offset_daily"]]):
            raise RatesError(f"{where}: every rate must be more than zero.")
        if rates != sorted(rates):
            raise RatesError(f"{where}: a band's rate is below a younger band's.")
        if row["apprentice_rate"] > row["top_band_rate"]:
            raise RatesError(f"{where}: the apprentice rate is above the top rate.")
    return table


@lru_cache(maxsize=None)
def minimum_wage_table() -> RatesTable:
    """resources/rates/minimum_wage.toml, loaded and validated once."""
    return validate_minimum_wage_table(load_table(TABLE))


# --- the rate for a pay reference period --------------------------------------------------------------------------


@dataclass(frozen=True)
class MinimumWageRate:
    """The minimum hourly rate for a worker in a pay reference period starting on `on`."""

    on: date
    age: int
    band: str  # "25_and_over", "21_to_22", "18_to_20", "16_to_17", "apprentice", "under_16", ...
    band_label: str
    hourly_rate: Decimal | None  # None: not entitled (below compulsory school leaving age)
    effective_from: date  # the first day of the rates row used
    source: str
    apprentice_rate_applies: bool
    working: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "band": self.band,
            "band_label": self.band_label,
            "hourly_rate": None if self.hourly_rate is None else money_str(self.hourly_rate),
            "effective_from": self.effective_from.isoformat(),
            "on": self.on.isoformat(),
            "age": self.age,
            "apprentice_rate_applies": self.apprentice_rate_applies,
            "source": self.source,
            "working": plain(self.working),
        }


def _age_band(row: RatesRow, age: int) -> tuple[str, str, Decimal | None, str]:
    """(band code, label, rate, how the ages were read) for a worker of `age` under `row`."""
    youth, top = row["youth_band_min_age"], row["top_band_min_age"]
    if age < youth:
        return (f"under_{youth}", _("Under {age}: not entitled").format(age=youth), None,
                _("age {age} is under {youngest}").format(age=age, youngest=youth))
    # Bands below the top one, youngest first: (lowest age, first age of the next band, rate field).
    bounded = (
        (youth, row["development_band_min_age"], "youth_band_rate"),
        (row["development_band_min_age"], row["second_band_min_age"], "development_band_rate"),
        (row["second_band_min_age"], top, "second_band_rate"),
    )
    for low, next_low, rate_field in bounded:
        if age < next_low:
            return (f"{low}_to_{next_low - 1}", _("Aged {low} to {high}").format(low=low, high=next_low - 1),
                    row[rate_field], f"{low} <= {age} < {next_low}")
    return (f"{top}_and_over",
            _("{name} ({age} and over)").format(name=top_band_name(row["top_band_name"]), age=top),
            row["top_band_rate"], f"{age} >= {top}")


def apprenticeship_first_year_end(apprentice_since: date, row: RatesRow) -> date:
    """The first day after the first year of an apprenticeship (its length, 12 months, from the rates row): a
    period beginning on the start day, so a first year from 29 February 2024 ends on 28 February 2025 and the
    day after is 1 March (rules/dates.py, "a period beginning on a day")."""
    return period_after(apprentice_since, months=row["apprentice_first_year_months"])


def minimum_wage_rate(
    date_of_birth: date,
    on: date,
    *,
    apprentice_since: date | None = None,
    apprentice_until: date | None = None,
) -> MinimumWageRate:
    """The minimum hourly rate for a pay reference period whose FIRST day is `on`.

    Age and rates are read on `on` (NMWM03050). The apprentice rate applies to an apprentice (employed under an
    apprenticeship that started on `apprentice_since` and has not ended before `on`) who is under the row's
    apprentice age limit (19) or within the first 12 months of the apprenticeship (reg 5).
    """
    table = minimum_wage_table()
    row = table.row_on(on)
    age = age_on(date_of_birth, on)
    band, label, rate, reading = _age_band(row, age)
    working: dict[str, Any] = {
        "rule": _(
            "rate for a pay reference period = the band for the worker's age on its first day, "
            "at the rates in force on that day"
        ),
        "basis": [_(BASIS_RATES), _(BASIS_FIRST_DAY), _(BASIS_AGE)],
        "table": table.name,
        "row_effective_from": row.effective_from.isoformat(),
        "row_source": row.source,
        "first_day_of_period": on.isoformat(),
        "date_of_birth": date_of_birth.isoformat(),
        "age_on_first_day": age,
        "age_band": band,
        "age_band_reading": reading,
        "age_band_rate": None if rate is None else money_str(rate),
    }
    if date_of_birth.month == 2 and date_of_birth.day == 29:
        working["leap_day_birthday"] = _(
            "born on 29 February: each new age is reached on 1 March in a non-leap year"
        )
    apprentice_applies = False
    if apprentice_since is not None:
        if apprentice_until is not None and apprentice_until < apprentice_since:
            raise ValidationError(_("The apprenticeship cannot end before it starts."), field="apprentice_until")
        first_year_end = apprenticeship_first_year_end(apprentice_since, row)
        is_apprentice = apprentice_since <= on and (apprentice_until is None or on <= apprentice_until)
        in_first_year = is_apprentice and on < first_year_end
        under_limit = age < row["apprentice_age_limit"]
        working["apprenticeship"] = {
            "started": apprentice_since.isoformat(),
            "ended": None if apprentice_until is None else apprentice_until.isoformat(),
            "an_apprentice_on_first_day": is_apprentice,
            "first_year_ends": first_year_end.isoformat(),
            "in_first_year": in_first_year,
            "under_apprentice_age_limit": under_limit,
            "apprentice_age_limit": row["apprentice_age_limit"],
            "basis": _(BASIS_APPRENTICE),
        }
        if is_apprentice and rate is not None and (under_limit or in_first_year):
            apprentice_applies = True
            band, label, rate = "apprentice", _("Apprentice rate"), row["apprentice_rate"]
            working["apprenticeship"]["rate_applies"] = (
                _("under {age}").format(age=row["apprentice_age_limit"])
                if under_limit
                else _("in the first {months} months").format(months=row["apprentice_first_year_months"])
            )
    if rate is None:
        working["not_entitled"] = _(BASIS_SCHOOL_AGE)
    else:
        working["hourly_rate"] = money_str(rate)
        if age == row["youth_band_min_age"]:
            working["school_age_note"] = _(
                "a {age}-year-old is entitled only once past compulsory school age (England and Wales: the last "
                "Friday in June of the school year they turn {age})"
            ).format(age=row["youth_band_min_age"])
    return MinimumWageRate(
        on=on,
        age=age,
        band=band,
        band_label=label,
        hourly_rate=rate,
        effective_from=row.effective_from,
        source=row.source,
        apprentice_rate_applies=apprentice_applies,
        working=MappingProxyType(working),
    )


# --- looking ahead --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateChange:
    """A date on which the worker's minimum changes, and what it changes to.

    The new rate applies from the first pay reference period starting on or after `on` (NMWM03050).
    """

    on: date
    reasons: tuple[str, ...]  # "birthday", "uprating", "apprenticeship_first_year_ends", "apprenticeship_ends"
    band: str
    band_label: str
    hourly_rate: Decimal | None
    previous_hourly_rate: Decimal | None
    effective_from: date
    source: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.on.isoformat(),
            "reasons": list(self.reasons),
            "band": self.band,
            "band_label": self.band_label,
            "hourly_rate": None if self.hourly_rate is None else money_str(self.hourly_rate),
            "previous_hourly_rate": None if self.previous_hourly_rate is None else money_str(self.previous_hourly_rate),
            "rates_effective_from": self.effective_from.isoformat(),
            "source": self.source,
            "applies_from": _("the first pay reference period starting on or after {day}").format(
                day=format_date(self.on, format="long")
            ),
        }


def next_changes(
    date_of_birth: date,
    on: date,
    *,
    apprentice_since: date | None = None,
    apprentice_until: date | None = None,
) -> tuple[RateChange, ...]:
    """Every date after `on` on which the worker's minimum changes, as far as the rates table knows.

    Candidates: each birthday up to the oldest band age in any row (and the apprentice age limit), each later
    row of the table (April uprating), the end of the apprenticeship's first year and the apprenticeship's end.
    A candidate is kept only when the band or the rate actually changes. Uprating rows not yet published are
    not guessed.
    """
    table = minimum_wage_table()
    oldest_band_age = max(max(row["top_band_min_age"], row["apprentice_age_limit"]) for row in table.rows)
    candidates: dict[date, set[str]] = {}
    current_age = age_on(date_of_birth, on)
    for age in range(current_age + 1, oldest_band_age + 1):
        candidates.setdefault(date_reaching_age(date_of_birth, age), set()).add("birthday")
    for row in table.rows:
        if row.effective_from > on:
            candidates.setdefault(row.effective_from, set()).add("uprating")
    if apprentice_since is not None:
        if apprentice_since > on:
            candidates.setdefault(apprentice_since, set()).add("apprenticeship_starts")
        candidates.setdefault(apprenticeship_first_year_end(apprentice_since, table.row_on(on)), set()).add(
            "apprenticeship_first_year_ends"
        )
        if apprentice_until is not None:
            candidates.setdefault(apprentice_until + timedelta(days=1), set()).add("apprenticeship_ends")
    changes: list[RateChange] = []
    previous = minimum_wage_rate(date_of_birth, on, apprentice_since=apprentice_since, apprentice_until=apprentice_until)
    for candidate in sorted(day for day in candidates if day > on):
        current = minimum_wage_rate(
            date_of_birth, candidate, apprentice_since=apprentice_since, apprentice_until=apprentice_until
        )
        if (current.band, current.hourly_rate) != (previous.band, previous.hourly_rate):
            changes.append(
                RateChange(
                    on=candidate,
                    reasons=tuple(sorted(candidates[candidate])),
                    band=current.band,
                    band_label=current.band_label,
                    hourly_rate=current.hourly_rate,
                    previous_hourly_rate=previous.hourly_rate,
                    effective_from=current.effective_from,
                    source=current.source,
                )
            )
        previous = current
    # A birthday after the last known row is read at the last known rates: still a change of band, whose
    # figure will move when the next row is added.
    return tuple(changes)


# --- the pay reference period check -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HoursInPeriod:
    """Hours in one pay reference period, split by whether they count for the minimum wage (regs 30-35)."""

    working: Decimal = ZERO
    sleep_in_awake_for_work: Decimal = ZERO
    travel_between_assignments: Decimal = ZERO
    training: Decimal = ZERO
    # Recorded, never counted:
    sleep_in_asleep_or_free: Decimal = ZERO
    travel_home_to_work: Decimal = ZERO
    unpaid_rest_breaks: Decimal = ZERO
    absence: Decimal = ZERO

    COUNTED = ("working", "sleep_in_awake_for_work", "travel_between_assignments", "training")
    NOT_COUNTED = ("sleep_in_asleep_or_free", "travel_home_to_work", "unpaid_rest_breaks", "absence")


@dataclass(frozen=True)
class Accommodation:
    """Living accommodation the employer provides in the period: on how many days, and the total charged
    (deducted from pay or paid by the worker) for it. A charge of zero means it is free."""

    days: int
    charge: Decimal = ZERO


@dataclass(frozen=True)
class PayInPeriod:
    """Payments attributable to one pay reference period, by kind (reg 9 and the reductions of reg 10)."""

    basic_pay: Decimal = ZERO  # pay for the hours at the basic (lowest contractual) rate, overtime hours included
    allowances_that_count: Decimal = ZERO  # consolidated into pay for the job as a whole
    premium_pay: Decimal = ZERO  # the part ABOVE the basic rate for overtime, nights, weekends, bank holidays
    allowances_not_counted: Decimal = ZERO  # e.g. for unsocial hours or particular duties, not consolidated
    tips_and_service_charges: Decimal = ZERO
    expenses_reimbursed: Decimal = ZERO
    absence_pay: Decimal = ZERO  # holiday pay, sick pay and other pay for time not worked
    deductions_for_employer_benefit: Decimal = ZERO  # e.g. uniform, tools, till shortages
    payments_to_employer_for_employer_benefit: Decimal = ZERO
    accommodation: Accommodation | None = None


@dataclass(frozen=True)
class PayLine:
    item: str
    amount: Decimal
    treatment: str  # "counts", "excluded", "deducted", "added"
    basis: str

    def as_dict(self) -> dict[str, Any]:
        return {"item": self.item, "amount": decimal_str(self.amount), "treatment": self.treatment, "basis": self.basis}


@dataclass(frozen=True)
class MinimumWageCheck:
    """The check for one pay reference period. `shortfall` is zero exactly when pay that counts >= required."""

    period_start: date
    period_end: date
    rate: MinimumWageRate
    hours_that_count: Decimal
    pay_that_counts: Decimal
    required: Decimal  # exact: hours that count x hourly rate
    shortfall: Decimal  # exact, never negative
    pay_lines: tuple[PayLine, ...]
    working: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def compliant(self) -> bool:
        return self.shortfall == ZERO

    @property
    def required_to_penny(self) -> Decimal:
        """The required amount rounded UP to the penny (in the worker's favour)."""
        return round_up_to_penny(self.required)

    @property
    def shortfall_to_penny(self) -> Decimal:
        """Arrears owed, rounded UP to the penny (in the worker's favour): zero exactly when compliant."""
        return round_up_to_penny(self.shortfall)

    def as_dict(self) -> dict[str, Any]:
        return {
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "rate": self.rate.as_dict(),
            "hours_that_count": decimal_str(self.hours_that_count),
            "pay_that_counts": decimal_str(self.pay_that_counts),
            "required": money_str(self.required_to_penny),
            "shortfall": money_str(self.shortfall_to_penny),
            "compliant": self.compliant,
            "pay_lines": [line.as_dict() for line in self.pay_lines],
            "working": plain(self.working),
        }


# What each hours or pay field is called when a person is told it is wrong (the field codes stay as data).
FIELD_NAMES = {
    "working": N_("Hours working"),
    "sleep_in_awake_for_work": N_("Hours awake for work on a sleep-in"),
    "travel_between_assignments": N_("Hours travelling between assignments"),
    "training": N_("Hours training"),
    "sleep_in_asleep_or_free": N_("Hours asleep or free on a sleep-in"),
    "travel_home_to_work": N_("Hours travelling between home and work"),
    "unpaid_rest_breaks": N_("Hours of unpaid rest breaks"),
    "absence": N_("Hours of absence"),
    "basic_pay": N_("Basic pay"),
    "allowances_that_count": N_("Allowances that count"),
    "premium_pay": N_("Premium pay"),
    "allowances_not_counted": N_("Allowances that do not count"),
    "tips_and_service_charges": N_("Tips and service charges"),
    "expenses_reimbursed": N_("Expenses paid back"),
    "absence_pay": N_("Pay for absences"),
    "deductions_for_employer_benefit": N_("Deductions for the employer's own use and benefit"),
    "payments_to_employer_for_employer_benefit": N_("Payments to the employer for its own use and benefit"),
    "accommodation_offset": N_("The accommodation offset"),
    "accommodation_charge_above_offset": N_("The accommodation charge above the offset"),
    "accommodation_charge": N_("The accommodation charge"),
}


def _non_negative(value: Decimal, name: str) -> Decimal:
    value = to_decimal(value)
    if value < ZERO:
        known = FIELD_NAMES.get(name)
        what = _(known) if known else name.replace("_", " ")
        raise ValidationError(_("{what} cannot be negative.").format(what=what), field=name)
    return value


def check_pay_reference_period(
    *,
    date_of_birth: date,
    period_start: date,
    period_end: date,
    hours: HoursInPeriod,
    pay: PayInPeriod,
    apprentice_since: date | None = None,
    apprentice_until: date | None = None,
) -> MinimumWageCheck:
    """Was the worker paid at least the minimum wage for this pay reference period? (reg 7)

    required = hours that count x the rate for the period (set on its first day); shortfall = required minus pay
    that counts, or zero. Both exact; `*_to_penny` round up in the worker's favour.
    """
    if period_end < period_start:
        raise ValidationError(_("The pay reference period ends before it starts."), field="period_end")
    longest = minimum_wage_table().row_on(period_start)["pay_reference_period_max_months"]
    # A calendar month beginning on any day, however long: 30 January to 28 February is one month (rules/dates.py).
    if period_end > period_end_of(period_start, months=longest):
        raise ValidationError(
            ngettext(
                "A pay reference period is at most {months} month (NMW Regulations 2015 reg 6).",
                "A pay reference period is at most {months} months (NMW Regulations 2015 reg 6).",
                longest,
            ).format(months=longest),
            field="period_end",
        )
    rate = minimum_wage_rate(
        date_of_birth, period_start, apprentice_since=apprentice_since, apprentice_until=apprentice_until
    )
    if rate.hourly_rate is None:
        raise ValidationError(
            _("The worker is under {age} on the first day of the period, so not entitled to the minimum wage.").format(
                age=minimum_wage_table().row_on(period_start)["youth_band_min_age"]),
            field="date_of_birth",
        )
    counted = {name: _non_negative(getattr(hours, name), name) for name in HoursInPeriod.COUNTED}
    not_counted = {name: _non_negative(getattr(hours, name), name) for name in HoursInPeriod.NOT_COUNTED}
    hours_that_count = sum(counted.values(), ZERO)

    lines: list[PayLine] = []
    pay_that_counts = ZERO

    def line(item: str, amount: Decimal, treatment: str, basis: str) -> None:
        nonlocal pay_that_counts
        amount = _non_negative(amount, item)
        if amount == ZERO and treatment != "counts":
            return
        lines.append(PayLine(item, amount, treatment, _(basis)))
        if treatment in ("counts", "added"):
            pay_that_counts += amount
        elif treatment == "deducted":
            pay_that_counts -= amount

    line("basic_pay", pay.basic_pay, "counts", N_("reg 9: pay for the period"))
    line("allowances_that_count", pay.allowances_that_count, "counts", N_("reg 9: consolidated allowances count"))
    line("premium_pay", pay.premium_pay, "excluded", N_("reg 10; NMWM09270: premium above the basic rate"))
    line("allowances_not_counted", pay.allowances_not_counted, "excluded", N_("reg 10: allowances not consolidated"))
    line("tips_and_service_charges", pay.tips_and_service_charges, "excluded", N_("reg 10: tips and service charges"))
    line("expenses_reimbursed", pay.expenses_reimbursed, "excluded", N_("reg 10: expense payments"))
    line("absence_pay", pay.absence_pay, "excluded", N_("reg 10: pay for absences (holiday, sickness)"))
    line(
        "deductions_for_employer_benefit",
        pay.deductions_for_employer_benefit,
        "deducted",
        N_("reg 12: deductions for the employer's own use and benefit"),
    )
    line(
        "payments_to_employer_for_employer_benefit",
        pay.payments_to_employer_for_employer_benefit,
        "deducted",
        N_("reg 12: payments to the employer for its own use and benefit"),
    )
    row = minimum_wage_table().row_on(period_start)
    accommodation_working: dict[str, Any] | None = None
    if pay.accommodation is not None and pay.accommodation.days:
        days = pay.accommodation.days
        if days < 0 or days > (period_end - period_start).days + 1:
            raise ValidationError(_("Accommodation days must be within the period."), field="accommodation")
        charge = _non_negative(pay.accommodation.charge, "accommodation_charge")
        offset = row["accommodation_offset_daily"] * days
        accommodation_working = {
            "days": days,
            "offset_daily": money_str(row["accommodation_offset_daily"]),
            "offset_for_period": decimal_str(offset),
            "charge": decimal_str(charge),
            "basis": _("NMW Regulations 2015 regs 14-16: accommodation offset"),
        }
        if charge == ZERO:
            line("accommodation_offset", offset, "added", N_("regs 14-16: free accommodation counts up to the offset"))
            accommodation_working["effect"] = _("free accommodation: the offset is added to pay")
        elif charge > offset:
            line(
                "accommodation_charge_above_offset",
                charge - offset,
                "deducted",
                N_("regs 14-16: a charge above the offset reduces pay"),
            )
            accommodation_working["effect"] = _("charge above the offset: the excess reduces pay")
        else:
            accommodation_working["effect"] = _("charge within the offset: no adjustment")

    required = hours_that_count * rate.hourly_rate
    shortfall = max(required - pay_that_counts, ZERO)
    working: dict[str, Any] = {
        "rule": _("pay that counts / hours that count >= the hourly rate for the period (reg 7)"),
        "basis": [
            _("National Minimum Wage Regulations 2015 regs 6, 7, 9, 10, 12, 14-16, 30-35"),
            _("Royal Mencap Society v Tomlinson-Blake [2021] UKSC 8 (sleep-ins)"),
        ],
        "rate_set_on": period_start.isoformat(),
        "hours_counted": {name: decimal_str(value) for name, value in counted.items()},
        "hours_not_counted": {name: decimal_str(value) for name, value in not_counted.items()},
        "hours_that_count": decimal_str(hours_that_count),
        "hourly_rate": money_str(rate.hourly_rate),
        "required_exact": decimal_str(required),
        "pay_that_counts": decimal_str(pay_that_counts),
        "shortfall_exact": decimal_str(shortfall),
        "rounding": _("required and shortfall rounded up to the penny, in the worker's favour"),
    }
    changes_inside = [
        change.as_dict()
        for change in next_changes(
            date_of_birth, period_start, apprentice_since=apprentice_since, apprentice_until=apprentice_until
        )
        if change.on <= period_end
    ]
    if changes_inside:
        working["changes_inside_period"] = changes_inside
        working["changes_inside_period_note"] = _(
            "these take effect from the next pay reference period starting on or after them (NMWM03050)"
        )
    if accommodation_working:
        working["accommodation"] = accommodation_working
    if hours_that_count:
        working["average_hourly_pay"] = decimal_str((pay_that_counts / hours_that_count).quantize(Decimal("0.0001")))
    return MinimumWageCheck(
        period_start=period_start,
        period_end=period_end,
        rate=rate,
        hours_that_count=hours_that_count,
        pay_that_counts=pay_that_counts,
        required=required,
        shortfall=shortfall,
        pay_lines=tuple(lines),
        working=MappingProxyType(working),
    )
