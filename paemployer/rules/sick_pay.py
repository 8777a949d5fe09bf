"""Statutory Sick Pay for one spell of sickness, with any earlier spells that link to it.

Legal basis (Great Britain: Social Security Contributions and Benefits Act 1992 Part XI; Northern Ireland: the
SSCB (Northern Ireland) Act 1992 Part XI, the same rules section for section, ss.147-153):
- s.152: a period of incapacity for work (PIW) is four or more consecutive days of incapacity, counting every day
  of the week; two PIWs separated by not more than 8 weeks (56 days) are one (they "link").
- s.153 and Sch. 11: the period of entitlement, its end, and the exclusions, including average weekly earnings
  below the lower earnings limit (Sch. 11 para 2(c)); a linked series ends after three years.
- s.154: SSP is paid only for qualifying days (the days the employee is required to work).
- s.155: no SSP for the first three qualifying days of a PIW (waiting days, served once in a linked series);
  at most 28 weeks' SSP in a period of entitlement (counted here as 28 x the number of qualifying days a week).
- s.157: the weekly rate; the daily rate is the weekly rate divided by the number of qualifying days in the week.
- Employment Rights Act 2025, in force 6 April 2026: no waiting days and no lower earnings limit; SSP is payable
  from the first full day of sickness absence; the weekly rate is the lower of the flat rate and 80% of average
  weekly earnings. All these figures and switches are rows of resources/rates/statutory_sick_pay.toml.
- Transition (DWP transitional guidance for software developers, as reported by CIPP, Cintra and PAYadvice in
  Dec 2025-Feb 2026; GOV.UK's calculator flags spells straddling 6 April 2026): days up to 5 April 2026 follow
  the old rules and days from 6 April 2026 the new; waiting days not yet served on 6 April are not served; an
  employee below the lower earnings limit becomes entitled from 6 April at 80% of earnings; an employee already
  PAID SSP before 6 April in a continuous absence keeps the (uprated) flat rate for the rest of that absence; an
  absence continuous since before 22 September 2025 (28 weeks before 6 April 2026) with no SSP before the change
  is entitled at a rate of nil.
- Amounts, as HMRC's SSP daily rates table and GOV.UK's calculator give them: the daily rate unrounded to four
  decimal places (truncated), each Sunday-to-Saturday week's amount rounded UP to the penny.

Average weekly earnings are an input here: for a linked series they are those worked out for its first PIW.
Coronavirus-era special rules (2020-2022) are not modelled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

from paemployer.errors import RatesError, ValidationError
from paemployer.i18n import N_, _, format_date, format_decimal, ngettext
from paemployer.rules.dates import add_years
from paemployer.rules.money import ZERO, decimal_str, money_str, plain, rate_str, round_up_to_penny, to_decimal, truncate
from paemployer.rules.rates import RatesRow, RatesTable, load_table

TABLE = "statutory_sick_pay"
WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
DAILY_RATE_PLACES = 4

# Legal basis, marked for the catalogue and translated when a result is made (the reader's language then).
BASIS = (
    N_(
        "Social Security Contributions and Benefits Act 1992 ss.151-157 and Sch. 11 "
        "(Northern Ireland: SSCB (NI) Act 1992 ss.147-153)"
    ),
    N_(
        "Employment Rights Act 2025: from {date} no waiting days, no lower earnings limit, "
        "weekly rate the lower of the flat rate and {percent}% of average weekly earnings"
    ),
    N_("HMRC SSP daily rates table: daily rate to {places} places unrounded; each week's amount rounded up to the "
       "penny"),
)

# Day statuses
PAID = "paid"
NIL_RATE = "nil_rate_transitional"
WAITING = "waiting_day"
NOT_QUALIFYING = "not_a_qualifying_day"
NOT_IN_PIW = "not_a_period_of_incapacity"
BELOW_LEL = "below_lower_earnings_limit"
MAXIMUM_REACHED = "maximum_reached"
ENTITLEMENT_ENDED = "three_year_limit_reached"

# What each day status is called for a person (the status codes stay as data).
STATUS_LABELS = {
    PAID: N_("paid"),
    NIL_RATE: N_("nil rate transitional"),
    WAITING: N_("waiting day"),
    NOT_QUALIFYING: N_("not a qualifying day"),
    NOT_IN_PIW: N_("not a period of incapacity"),
    BELOW_LEL: N_("below lower earnings limit"),
    MAXIMUM_REACHED: N_("maximum reached"),
    ENTITLEMENT_ENDED: N_("three year limit reached"),
}


def status_label(status: str) -> str:
    """A day status in the reader's language."""
    known = STATUS_LABELS.get(status)
    return _(known) if known else status.replace("_", " ")


@dataclass(frozen=True)
class Spell:
    """A run of consecutive days of incapacity for work, first and last day included."""

    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValidationError(
                _("A spell of sickness cannot end ({last_day}) before it starts ({first_day}).").format(
                    last_day=format_date(self.last_day, format="long"),
                    first_day=format_date(self.first_day, format="long"),
                ),
                field="to",
            )

    @property
    def length(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def days(self) -> Iterable[date]:
        for offset in range(self.length):
            yield self.first_day + timedelta(days=offset)

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.first_day.isoformat(), "to": self.last_day.isoformat(), "days": self.length}


@dataclass(frozen=True)
class SickDay:
    day: date
    qualifying: bool
    status: str
    weekly_rate: Decimal | None = None
    daily_rate: Decimal | None = None
    rates_from: date | None = None
    how: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "qualifying_day": self.qualifying,
            "status": self.status,
            "weekly_rate": None if self.weekly_rate is None else rate_str(self.weekly_rate),
            "daily_rate": None if self.daily_rate is None else f"{self.daily_rate:.4f}",
            "rates_from": None if self.rates_from is None else self.rates_from.isoformat(),
            "how": self.how,
        }


@dataclass(frozen=True)
class SickPayWeek:
    """One Sunday-to-Saturday week of the spell: paid days and the amount, rounded up to the penny."""

    week_start: date  # a Sunday
    week_end: date  # the Saturday after
    days_paid: int
    unrounded: Decimal
    amount: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "week_start": self.week_start.isoformat(),
            "week_end": self.week_end.isoformat(),
            "days_paid": self.days_paid,
            "amount": money_str(self.amount),
        }


@dataclass(frozen=True)
class SickPayResult:
    spell: Spell
    qualifying_weekdays: tuple[int, ...]
    average_weekly_earnings: Decimal
    period_of_incapacity: bool
    linked_spells: tuple[Spell, ...]
    days: tuple[SickDay, ...]  # the spell's own days, in order
    weeks: tuple[SickPayWeek, ...]
    working: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def days_paid(self) -> int:
        return sum(1 for day in self.days if day.status in (PAID, NIL_RATE))

    @property
    def amount(self) -> Decimal:
        return sum((week.amount for week in self.weeks), ZERO)

    @property
    def waiting_days(self) -> tuple[date, ...]:
        return tuple(day.day for day in self.days if day.status == WAITING)

    @property
    def daily_rate(self) -> Decimal | None:
        """The daily rate of the first day paid (see `daily_rates` when the rate changes in the spell)."""
        for day in self.days:
            if day.status in (PAID, NIL_RATE):
                return day.daily_rate
        return None

    @property
    def weekly_rate(self) -> Decimal | None:
        for day in self.days:
            if day.status in (PAID, NIL_RATE):
                return day.weekly_rate
        return None

    def daily_rates(self) -> tuple[dict[str, Any], ...]:
        """Runs of paid days sharing one daily rate: from, to, weekly rate, daily rate, how it was set."""
        runs: list[dict[str, Any]] = []
        for day in self.days:
            if day.status not in (PAID, NIL_RATE):
                continue
            key = (day.weekly_rate, day.daily_rate, day.how)
            if runs and runs[-1]["_key"] == key:
                runs[-1]["to"] = day.day.isoformat()
                runs[-1]["days"] += 1
            else:
                runs.append(
                    {
                        "_key": key,
                        "from": day.day.isoformat(),
                        "to": day.day.isoformat(),
                        "days": 1,
                        "weekly_rate": rate_str(day.weekly_rate),
                        "daily_rate": f"{day.daily_rate:.4f}",
                        "how": day.how,
                    }
                )
        return tuple({k: v for k, v in run.items() if k != "_key"} for run in runs)

    def amount_between(self, first: date, last: date) -> Decimal:
        """SSP for the paid days from `first` to `last` (a pay period), so that pay periods add up to the total.

        Each Sunday-to-Saturday week is rounded up to the penny once (as `weeks` is); a week split between pay
        periods is shared by rounding the running total of its daily rates at each cut: the days up to and
        including the period's last day, rounded up, less the days before its first, rounded up. The parts of
        a week therefore always add to the week's amount, and a whole week gives exactly its amount.
        """
        if last < first:
            raise ValidationError(_("A pay period cannot end before it starts."), field="last")
        before: dict[date, Decimal] = {}   # each week's daily rates before `first`
        through: dict[date, Decimal] = {}  # ... up to and including `last`
        for day in self.days:
            if day.status not in (PAID, NIL_RATE) or day.day > last:
                continue
            start = week_start(day.day)
            if start + timedelta(days=6) < first:
                continue
            through[start] = through.get(start, ZERO) + day.daily_rate
            if day.day < first:
                before[start] = before.get(start, ZERO) + day.daily_rate
        return sum((round_up_to_penny(total) - round_up_to_penny(before.get(start, ZERO))
                    for start, total in through.items()), ZERO)

    def as_dict(self) -> dict[str, Any]:
        return {
            "days_paid": self.days_paid,
            "amount": money_str(self.amount),
            "daily_rate": None if self.daily_rate is None else f"{self.daily_rate:.4f}",
            "weekly_rate": None if self.weekly_rate is None else rate_str(self.weekly_rate),
            "from": self.spell.first_day.isoformat(),
            "to": self.spell.last_day.isoformat(),
            "qualifying_days": [WEEKDAY_CODES[index] for index in self.qualifying_weekdays],
            "qualifying_days_in_spell": sum(1 for day in self.days if day.qualifying),
            "waiting_days": [day.isoformat() for day in self.waiting_days],
            "period_of_incapacity_for_work": self.period_of_incapacity,
            "linked": bool(self.linked_spells),
            "linked_spells": [spell.as_dict() for spell in self.linked_spells],
            "daily_rates": list(self.daily_rates()),
            "weeks": [week.as_dict() for week in self.weeks],
            "days": [day.as_dict() for day in self.days],
            "working": plain(self.working),
        }


def week_start(day: date) -> date:
    """The Sunday that starts the SSP week containing `day`."""
    return day - timedelta(days=(day.weekday() + 1) % 7)


def parse_qualifying_days(text: str) -> tuple[int, ...]:
    """'mon,tue,fri' (or full names, any case) -> (0, 1, 4). Raises ValueError saying what is wrong."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not names:
        raise ValueError(_("give at least one day, like {example}").format(example="mon,tue,wed"))
    found: list[int] = []
    for name in names:
        matches = [index for index, code in enumerate(WEEKDAY_CODES) if name[:3] == code and _day_name_ok(name, index)]
        if not matches:
            raise ValueError(
                _("'{name}' is not a day of the week (use {days})").format(name=name, days=", ".join(WEEKDAY_CODES))
            )
        if matches[0] in found:
            raise ValueError(_("'{name}' is given twice").format(name=name))
        found.append(matches[0])
    return tuple(sorted(found))


_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day_name_ok(name: str, index: int) -> bool:
    return len(name) >= 3 and _FULL_NAMES[index].startswith(name)


@lru_cache(maxsize=None)
def sick_pay_table() -> RatesTable:
    """resources/rates/statutory_sick_pay.toml, loaded and checked once."""
    table = load_table(TABLE)
    for row in table.rows:
        where = f"{table.name}.toml row of {row.effective_from}"
        if row["lower_earnings_limit"] is None and row["earnings_percentage_cap"] is None:
            raise RatesError(f"{where}: give a lower earnings limit or an earnings percentage cap.")
        if row["weekly_rate"] <= ZERO or row["min_days_in_piw"] < 1 or row["max_weeks"] < 1:
            raise RatesError(f"{where}: the weekly rate, PIW length and maximum weeks must be positive.")
        if not 0 <= row["waiting_days"] <= 7:
            raise RatesError(f"{where}: waiting days must be 0 to 7.")
    return table


def _policy_change(table: RatesTable) -> RatesRow | None:
    """The first row with an earnings-percentage rate: 6 April 2026 (Employment Rights Act 2025)."""
    for row in table.rows:
        if row["earnings_percentage_cap"] is not None:
            return row
    return None


def _basis(policy: RatesRow | None) -> list[str]:
    """The legal basis, its figures from the rates rows: the date and earnings share of the 2025 Act's change
    (left out when the table has no such row) and the daily rate's places."""
    basis = [_(BASIS[0])]
    if policy is not None:
        basis.append(_(BASIS[1]).format(date=format_date(policy.effective_from, format="long"),
                                        percent=format_decimal((policy["earnings_percentage_cap"] * 100).normalize())))
    basis.append(_(BASIS[2]).format(places=DAILY_RATE_PLACES))
    return basis


def _piw_lengths(spell: Spell, table: RatesTable) -> str:
    """'4 days from 6 April 2025; 1 day from 6 April 2026': the length each row in force over the spell requires."""
    rows = sorted({table.row_on(day).effective_from: table.row_on(day) for day in spell.days()}.values(),
                  key=lambda row: row.effective_from)
    return "; ".join(
        ngettext("{days} day from {date}", "{days} days from {date}", row["min_days_in_piw"]).format(
            days=row["min_days_in_piw"], date=format_date(row.effective_from, format="long"))
        for row in rows)


def _in_piw(spell: Spell, row: RatesRow) -> bool:
    return spell.length >= row["min_days_in_piw"]


def _is_piw(spell: Spell, table: RatesTable) -> bool:
    return any(_in_piw(spell, table.row_on(day)) for day in spell.days())


def statutory_sick_pay(
    spell: Spell,
    qualifying_weekdays: Iterable[int],
    average_weekly_earnings: Decimal,
    *,
    earlier_spells: Sequence[Spell] = (),
) -> SickPayResult:
    """SSP due for `spell`, given the employee's qualifying days (Monday = 0), average weekly earnings and any
    earlier spells of sickness with the same employer. Earlier spells count only where they link in law: each is
    a PIW and the gap to the next PIW is at most 8 weeks (s.152(3)); their qualifying days use up waiting days
    and the 28-week maximum."""
    table = sick_pay_table()
    weekdays = tuple(sorted(set(qualifying_weekdays)))
    if not weekdays or any(not 0 <= day <= 6 for day in weekdays):
        raise ValidationError(_("Give at least one qualifying day of the week."), field="qualifying_days")
    earnings = to_decimal(average_weekly_earnings)
    if earnings < ZERO:
        raise ValidationError(_("Average weekly earnings cannot be negative."), field="weekly_earnings")
    earlier = sorted(earlier_spells, key=lambda item: item.first_day)
    for before, after in zip(earlier, [*earlier[1:], spell]):
        if before.last_day >= after.first_day - timedelta(days=1):
            raise ValidationError(
                _(
                    "The earlier spell {first_day} to {last_day} must end at least one day before the next starts "
                    "({next_day}); otherwise it is the same spell."
                ).format(
                    first_day=format_date(before.first_day, format="long"),
                    last_day=format_date(before.last_day, format="long"),
                    next_day=format_date(after.first_day, format="long"),
                ),
                field="linked_to",
            )
    # Rates must be known for every day looked at (a clear RatesError otherwise).
    for item in [*earlier, spell]:
        table.row_on(item.first_day)

    # Linking: walk back from this spell through earlier PIWs while each gap is within the limit.
    linked: list[Spell] = []
    not_linked: list[dict[str, Any]] = []
    later = spell
    chain_open = True
    for candidate in reversed(earlier):
        if not _is_piw(candidate, table):
            not_linked.append({**candidate.as_dict(), "why": _("not a period of incapacity for work (too short)")})
            continue
        gap = (later.first_day - candidate.last_day).days - 1
        limit = table.row_on(later.first_day)["linking_gap_days"]
        if chain_open and gap <= limit:
            linked.insert(0, candidate)
            later = candidate
        else:
            chain_open = False
            why = ngettext(
                "{gap} day before the next period: more than {limit}",
                "{gap} days before the next period: more than {limit}",
                gap,
            ).format(gap=gap, limit=limit)
            not_linked.append({**candidate.as_dict(), "why": why})

    series = [*linked, spell]
    series_start = series[0].first_day
    lel_row = table.row_on(series_start)
    policy = _policy_change(table)
    weekly_count = len(weekdays)
    waiting_served = 0
    entitlement_days = 0
    three_years_end = add_years(series_start, lel_row["linked_series_max_years"])
    earlier_summary: list[dict[str, Any]] = []
    own_days: list[SickDay] = []

    for spell_index, item in enumerate(series):
        paid_before_change = False
        counts: dict[str, int] = {}
        for day in item.days():
            row = table.row_on(day)
            qualifying = day.weekday() in weekdays
            status, weekly, daily, how = _decide(
                day=day,
                item=item,
                row=row,
                qualifying=qualifying,
                earnings=earnings,
                lel_row=lel_row,
                waiting_served=waiting_served,
                entitlement_days=entitlement_days,
                weekly_count=weekly_count,
                three_years_end=three_years_end,
                policy=policy,
                paid_before_change=paid_before_change,
            )
            if status == WAITING:
                waiting_served += 1
            if status in (PAID, NIL_RATE):
                entitlement_days += 1
                if policy is not None and day < policy.effective_from and status == PAID:
                    paid_before_change = True
            counts[status] = counts.get(status, 0) + 1
            if item is spell:
                own_days.append(SickDay(day, qualifying, status, weekly, daily, row.effective_from, how))
        if item is not spell:
            earlier_summary.append({**item.as_dict(), "days_by_status": counts})

    weeks = _weeks(own_days)
    working: dict[str, Any] = {
        "basis": _basis(policy),
        "table": table.name,
        "rows_used": sorted({day.rates_from.isoformat() for day in own_days if day.rates_from}),
        "spell": spell.as_dict(),
        "period_of_incapacity_for_work": _is_piw(spell, table),
        "piw_rule": _(
            "a spell is a period of incapacity for work if it is at least as long as the rates row in force on one "
            "of its days requires ({needed}), counting every day of the week"
        ).format(needed=_piw_lengths(spell, table)),
        "linked_spells": earlier_summary,
        "earlier_spells_not_linked": not_linked,
        "linking_rule": _("periods of incapacity linked when separated by no more than {days} days").format(
            days=lel_row["linking_gap_days"]
        ),
        "series_start": series_start.isoformat(),
        "average_weekly_earnings": decimal_str(earnings),
        "lower_earnings_limit_tested": None
        if lel_row["lower_earnings_limit"] is None
        else decimal_str(lel_row["lower_earnings_limit"]),
        "qualifying_days_per_week": weekly_count,
        "maximum_days": lel_row["max_weeks"] * weekly_count,
        "entitlement_days_used_before_this_spell": sum(
            summary["days_by_status"].get(PAID, 0) + summary["days_by_status"].get(NIL_RATE, 0)
            for summary in earlier_summary
        ),
        "waiting_days_served_before_this_spell": sum(
            summary["days_by_status"].get(WAITING, 0) for summary in earlier_summary
        ),
        "rounding": _("daily rate truncated to {places} places; each Sunday-Saturday week rounded up to the "
                      "penny").format(places=DAILY_RATE_PLACES),
    }
    if policy is not None and spell.first_day < policy.effective_from <= spell.last_day:
        working["transition"] = _(
            "this spell runs over {date}: days before follow the old rules, days from then the new; "
            "a spell already paid before the change keeps the flat rate"
        ).format(date=format_date(policy.effective_from, format="long"))
    return SickPayResult(
        spell=spell,
        qualifying_weekdays=weekdays,
        average_weekly_earnings=earnings,
        period_of_incapacity=_is_piw(spell, table),
        linked_spells=tuple(linked),
        days=tuple(own_days),
        weeks=weeks,
        working=MappingProxyType(working),
    )


def _decide(
    *,
    day: date,
    item: Spell,
    row: RatesRow,
    qualifying: bool,
    earnings: Decimal,
    lel_row: RatesRow,
    waiting_served: int,
    entitlement_days: int,
    weekly_count: int,
    three_years_end: date,
    policy: RatesRow | None,
    paid_before_change: bool,
) -> tuple[str, Decimal | None, Decimal | None, str]:
    """The status of one day, and its weekly and daily rate when SSP is due for it."""
    if not _in_piw(item, row):
        how = ngettext(
            "spell of {length} day is shorter than {minimum}",
            "spell of {length} days is shorter than {minimum}",
            item.length,
        ).format(length=item.length, minimum=row["min_days_in_piw"])
        return NOT_IN_PIW, None, None, how
    if not qualifying:
        return NOT_QUALIFYING, None, None, ""
    if day >= three_years_end:
        how = ngettext(
            "a linked series ends after {years} year", "a linked series ends after {years} years",
            lel_row["linked_series_max_years"],
        ).format(years=lel_row["linked_series_max_years"])
        return ENTITLEMENT_ENDED, None, None, how
    if row["lower_earnings_limit"] is not None:
        limit = lel_row["lower_earnings_limit"] if lel_row["lower_earnings_limit"] is not None else row["lower_earnings_limit"]
        if earnings < limit:
            how = _("average weekly earnings {earnings} below {limit}").format(
                earnings=decimal_str(earnings), limit=decimal_str(limit)
            )
            return BELOW_LEL, None, None, how
    if waiting_served < row["waiting_days"]:
        how = _("waiting day {number} of {total}").format(number=waiting_served + 1, total=row["waiting_days"])
        return WAITING, None, None, how
    if entitlement_days >= row["max_weeks"] * weekly_count:
        how = ngettext(
            "{weeks} week's SSP already paid", "{weeks} weeks' SSP already paid", row["max_weeks"]
        ).format(weeks=row["max_weeks"])
        return MAXIMUM_REACHED, None, None, how
    flat = row["weekly_rate"]
    share = row["earnings_percentage_cap"]
    status = PAID
    if share is None:
        weekly, how = flat, _("flat weekly rate")
    elif policy is not None and item.first_day < policy.effective_from and paid_before_change:
        weekly, how = flat, _("flat weekly rate kept: SSP already paid in this absence before {day}").format(
            day=format_date(policy.effective_from, format="long"))
    elif (
        policy is not None
        and item.first_day < policy.effective_from - timedelta(weeks=policy["transition_lookback_weeks"])
    ):
        since = policy.effective_from - timedelta(weeks=policy["transition_lookback_weeks"])
        how = _("nil: absence continuous since before {day}").format(day=format_date(since, format="long"))
        weekly, status = ZERO, NIL_RATE
    else:
        capped = earnings * share
        if capped < flat:
            weekly, how = capped, _("{percent}% of average weekly earnings (below the flat rate)").format(
                percent=decimal_str(share * 100)
            )
        else:
            weekly, how = flat, _("flat weekly rate (not more than the earnings share)")
    daily = truncate(weekly / weekly_count, 4)
    return status, weekly, daily, how


def _weeks(days: Sequence[SickDay]) -> tuple[SickPayWeek, ...]:
    totals: dict[date, tuple[int, Decimal]] = {}
    for day in days:
        if day.status in (PAID, NIL_RATE):
            start = week_start(day.day)
            count, total = totals.get(start, (0, ZERO))
            totals[start] = (count + 1, total + day.daily_rate)
    return tuple(
        SickPayWeek(start, start + timedelta(days=6), count, total, round_up_to_penny(total))
        for start, (count, total) in sorted(totals.items())
    )
