"""The employer's pay schedule and each PA's pay periods: which PAs are paid for a period ending on a day.

A PA's frequency is `pay_frequency` of the contract terms in force on the period's last day (or the latest terms
before it); a PA with no terms yet is paid at the employer's `default_pay_frequency`. The periods themselves
and their pay days are rules.pay_periods' (the employer's week anchor, tax or calendar months, pay-day rule and
the bank holidays of the employer's nation).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from paemployer.errors import ValidationError
from paemployer.i18n import _
from paemployer.rules.bank_holidays import bank_holidays_between
from paemployer.rules.pay import PayPeriod
from paemployer.rules.pay_periods import (
    DEFAULT_WEEK_ANCHOR,
    MONTHS_BASES,
    PAY_DAY_RULES,
    period_containing,
    period_ending,
    periods_between,
)
from paemployer.services import audit
from paemployer.store import queries

# A pay day is at most a few weeks from its period's end (the Friday after, the next working day after a long
# bank-holiday weekend): the bank holidays read around a period reach this far either side.
BANK_HOLIDAY_MARGIN = timedelta(days=62)


def value(enum_or_text: Any) -> Any:
    return getattr(enum_or_text, "value", enum_or_text)


@dataclass(frozen=True)
class PaySchedule:
    """How the employer's pay periods are counted: monthly basis ("tax" | "calendar"), the pay-day rule
    (rules.pay_periods.PAY_DAY_RULES) and the first day of a weekly block."""

    months: str = "tax"
    pay_day: str = "friday_after"
    week_anchor: date = DEFAULT_WEEK_ANCHOR


@dataclass(frozen=True)
class Employment:
    """What the pay service needs of the employer row, read once per transaction."""

    schedule: PaySchedule
    nation: str
    holiday_year_start: date
    default_frequency: str


def employment_in(session: Session) -> Employment:
    employer = queries.get_employer(session=session)
    schedule = PaySchedule(months=employer.pay_months or "tax", pay_day=employer.pay_day or "friday_after",
                           week_anchor=employer.pay_week_anchor or DEFAULT_WEEK_ANCHOR)
    return Employment(schedule=schedule, nation=value(employer.nation), holiday_year_start=employer.holiday_year_start,
                      default_frequency=value(employer.default_pay_frequency))


def bank_holidays_around(nation: str, first: date, last: date) -> frozenset[date]:
    return bank_holidays_between(nation, first - BANK_HOLIDAY_MARGIN, last + BANK_HOLIDAY_MARGIN)


def pay_schedule(ef) -> PaySchedule:
    with ef.session() as session:
        return employment_in(session).schedule


def update_pay_schedule(ef, *, months: str | None = None, pay_day: str | None = None,
                        week_anchor: date | None = None) -> PaySchedule:
    """Change how pay periods are counted. Runs already stored keep their own dates."""
    if months is not None and value(months) not in MONTHS_BASES:
        raise ValidationError(_("Monthly pay periods are tax months (6th to 5th) or calendar months: choose 'tax' or "
                                "'calendar', not '{value}'.").format(value=months), field="pay_months")
    if pay_day is not None and value(pay_day) not in PAY_DAY_RULES:
        raise ValidationError(_("'{value}' is not a pay-day rule: choose one of {rules}.").format(
            value=pay_day, rules=", ".join(PAY_DAY_RULES)), field="pay_day")
    if week_anchor is not None and not isinstance(week_anchor, date):
        raise ValidationError(_("The first day of a pay week must be a date."), field="pay_week_anchor")
    with ef.session() as session:
        employer = queries.get_employer(session=session)
        changed = []
        for field, new in (("pay_months", months), ("pay_day", pay_day), ("pay_week_anchor", week_anchor)):
            if new is not None and getattr(employer, field) != value(new):
                setattr(employer, field, value(new))
                changed.append(field)
        if changed:
            session.add(employer)
            session.flush()
            audit.record(session, who=getattr(ef, "who", ""), action="change", table_name="employer",
                         row_id=employer.id, summary=_("Changed the pay schedule: {fields}").format(
                             fields=", ".join(changed)))
        return employment_in(session).schedule


# --- which PAs are paid when --------------------------------------------------------------------------------


def frequencies_by_pa(session: Session) -> dict[int, list[tuple[date, str]]]:
    """Each PA's (effective from, pay frequency) versions, oldest first: one query for every PA."""
    versions: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for row in queries.all_contract_terms(session=session):
        versions[row.pa_id].append((row.effective_from, value(row.pay_frequency)))
    return versions


def frequency_on(versions: Iterable[tuple[date, str]], on: date, default: str) -> str:
    """The frequency of the terms in force on `on` (the latest that started on or before it); else the default."""
    current = default
    for effective_from, frequency in versions:
        if effective_from <= on:
            current = frequency
    return current


def period_of(employment: Employment, frequency: str, period_end: date,
              bank_holidays: frozenset[date] | None = None) -> PayPeriod:
    """The `frequency` period ending on `period_end` (ValidationError naming the nearest ends when it is not one)."""
    schedule = employment.schedule
    if bank_holidays is None:
        bank_holidays = bank_holidays_around(employment.nation, period_end, period_end)
    return period_ending(period_end, frequency=frequency, anchor=schedule.week_anchor, months=schedule.months,
                         pay_day=schedule.pay_day, bank_holidays=bank_holidays)


def period_around(employment: Employment, frequency: str, day: date,
                  bank_holidays: frozenset[date] | None = None) -> PayPeriod:
    """The `frequency` period containing `day`."""
    schedule = employment.schedule
    if bank_holidays is None:
        bank_holidays = bank_holidays_around(employment.nation, day, day)
    return period_containing(day, frequency=frequency, anchor=schedule.week_anchor, months=schedule.months,
                             pay_day=schedule.pay_day, bank_holidays=bank_holidays)


def employed_during(pa, period: PayPeriod) -> bool:
    return ((pa.start_date is None or pa.start_date <= period.end)
            and (pa.end_date is None or pa.end_date >= period.start))


def period_in(session: Session, pa_id: int, period_end: date) -> PayPeriod:
    employment = employment_in(session)
    queries.get_pa(session=session, pa_id=pa_id)
    frequency = frequency_on(frequencies_by_pa(session).get(pa_id, ()), period_end, employment.default_frequency)
    return period_of(employment, frequency, period_end)


def period_for(ef, pa_id: int, period_end: date) -> PayPeriod:
    """The PA's pay period ending on `period_end` (ValidationError when no period of theirs ends that day)."""
    with ef.session() as session:
        return period_in(session, pa_id, period_end)


def paid_on_in(session: Session, period_end: date) -> list[tuple[Any, PayPeriod]]:
    """(PA row, period) for every PA with a period ending on `period_end` who is employed during it, by name."""
    employment = employment_in(session)
    versions = frequencies_by_pa(session)
    holidays = bank_holidays_around(employment.nation, period_end, period_end)
    periods: dict[str, PayPeriod | None] = {}
    paid = []
    for pa in queries.list_pas(session=session):
        frequency = frequency_on(versions.get(pa.id, ()), period_end, employment.default_frequency)
        if frequency not in periods:
            try:
                periods[frequency] = period_of(employment, frequency, period_end, holidays)
            except ValidationError:
                periods[frequency] = None
        period = periods[frequency]
        if period is not None and employed_during(pa, period):
            paid.append((pa, period))
    return paid


def pas_paid_on(ef, period_end: date) -> list[tuple[int, str, PayPeriod]]:
    """(PA id, name, period) for every PA whose pay period ends on `period_end` and who is employed in it."""
    with ef.session() as session:
        return [(pa.id, pa.full_name, period) for pa, period in paid_on_in(session, period_end)]


def check_period_end(session: Session, period_end: date) -> None:
    """Refuse a day that ends no PA's pay period, naming the nearest period ends of the frequencies in use."""
    if paid_on_in(session, period_end):
        return
    employment = employment_in(session)
    versions = frequencies_by_pa(session)
    frequencies = sorted({frequency for pa_versions in versions.values() for _day, frequency in pa_versions}
                         | {employment.default_frequency})
    reasons = []
    for frequency in frequencies:
        try:
            period_of(employment, frequency, period_end)
        except ValidationError as error:
            reasons.append(error.message)
    if len(reasons) == len(frequencies):
        raise ValidationError(" ".join(reasons), field="period_end")
    raise ValidationError(_("No PA is paid for a period ending on {day}: nobody employed then is paid on that "
                            "schedule.").format(day=period_end.isoformat()), field="period_end")


def recent_period_ends(ef, *, on: date, count: int = 12) -> list[date]:
    """The last days of the pay periods of the frequencies in use, newest first: the period containing `on`, then
    those before it (for the pay screen's period chooser)."""
    with ef.session() as session:
        employment = employment_in(session)
        versions = frequencies_by_pa(session)
    frequencies = {frequency for pa_versions in versions.values() for _day, frequency in pa_versions}
    frequencies.add(employment.default_frequency)
    # Enough days back for `count` periods of the longest frequency in use.
    first = on - timedelta(days=31 * count + 31)
    holidays = bank_holidays_around(employment.nation, first, on)
    schedule = employment.schedule
    ends: set[date] = set()
    for frequency in frequencies:
        for period in periods_between(first, on, frequency=frequency, anchor=schedule.week_anchor,
                                      months=schedule.months, pay_day=schedule.pay_day, bank_holidays=holidays):
            ends.add(period.end)
    return sorted(ends, reverse=True)[:count]
