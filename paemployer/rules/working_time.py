"""Working time: weekly hours, rest, breaks and night work for one PA's shifts.

Legal basis (Great Britain): Working Time Regulations 1998 (SI 1998/1833); Northern Ireland: Working
Time Regulations (Northern Ireland) 2016 (SR 2016/49), whose regulations carry the same numbers and
limits:
- reg 4: average weekly working time no more than 48 hours over a 17-week reference period (rolling),
  counting work for every employer (reg 4(2)), with leave and sickness days made up from the days
  after the period (reg 4(6)); a worker may opt out in writing (reg 5);
- reg 5A: a young worker (over compulsory school age, under 18) no more than 8 hours a day and 40 hours
  a week, for all employers together, with no averaging;
- reg 6: a night worker's normal hours no more than an average of 8 in each 24 hours over the
  reference period (reg 6(5): days in the period less the weekly rest days);
- reg 6A: a young worker must not work in the restricted period (10pm-6am, or 11pm-7am where the
  contract provides for work after 10pm);
- reg 10: 11 consecutive hours' rest in each 24 hours (12 for a young worker);
- reg 11: 24 hours' uninterrupted rest in each 7 days, or two of 24 hours or one of 48 hours in each
  14 days (48 hours in each 7 days for a young worker); weeks begin at midnight between Sunday and Monday;
- reg 12: a 20-minute break when daily working time is more than 6 hours (30 minutes over 4.5 hours
  for a young worker).
Reg 19: regs 4(1), 4(2), 6(1), 6(2) and 6(7) do not apply to a worker employed as a domestic servant in
a private household. A PA paid by the person they support may be one (HSE treats them so even when a
council provides the money), but it depends on the facts, so the 48-hour and night-work findings are
still reported, with that note.

Time is real elapsed time: naive datetimes are wall-clock times in Europe/London, so a night shift
over the last Sunday in March is an hour shorter, and over the last Sunday in October an hour longer,
than its clock times suggest. A sleep-in at the workplace is working time (it counts for these rules,
unlike for the minimum wage); an "on_call" shift away from the workplace is not.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Hashable, Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

from paemployer.errors import ValidationError
from paemployer.i18n import N_, _, format_date, format_datetime, ngettext
from paemployer.rules.dates import add_years
from paemployer.rules.money import decimal_str
from paemployer.rules.rates import RatesRow, load_table

TABLE = "working_time"
LONDON = ZoneInfo("Europe/London")
UTC = timezone.utc
HOUR = 3600
DAY = timedelta(days=1)
WEEK = timedelta(weeks=1)
NOT_WORKING_TIME = frozenset({"on_call"})
NO_BREAK_CHECK = frozenset({"sleep_in", "on_call"})

WTR_48H_AVERAGE = "WTR_48H_AVERAGE"
WTR_DAILY_REST = "WTR_DAILY_REST"
WTR_WEEKLY_REST = "WTR_WEEKLY_REST"
WTR_BREAK = "WTR_BREAK"
WTR_NIGHT_WORK = "WTR_NIGHT_WORK"
WTR_YOUNG_WORKER = "WTR_YOUNG_WORKER"

_BASIS = {
    WTR_48H_AVERAGE: N_("Working Time Regulations 1998 reg 4(1)-(2), (6) (NI: WTR (NI) 2016 reg 4); opt-out reg 5"),
    WTR_DAILY_REST: N_("Working Time Regulations 1998 reg 10(1) (NI: WTR (NI) 2016 reg 10)"),
    WTR_WEEKLY_REST: N_("Working Time Regulations 1998 reg 11(1)-(2), (6) (NI: WTR (NI) 2016 reg 11)"),
    WTR_BREAK: N_("Working Time Regulations 1998 reg 12(1), (3) (NI: WTR (NI) 2016 reg 12)"),
    WTR_NIGHT_WORK: N_("Working Time Regulations 1998 reg 6(1), (3), (5) (NI: WTR (NI) 2016 reg 6)"),
    WTR_YOUNG_WORKER: N_("Working Time Regulations 1998 regs 5A, 6A, 10(2), 11(3), 12(4) "
                      "(NI: WTR (NI) 2016 regs 5A, 6A, 10, 11, 12)"),
}


@dataclass(frozen=True)
class WorkShift:
    """One shift as plain values. `start`/`end` are aware, or naive wall-clock times in Europe/London."""

    id: Hashable
    start: datetime
    end: datetime
    break_minutes: int = 0
    kind: str = "day"          # day | waking_night | sleep_in | on_call


@dataclass(frozen=True)
class Breach:
    """A working-time limit broken: which rule, on which dates, in which shifts, and the working."""

    code: str
    first_day: date
    last_day: date
    shift_ids: tuple[Hashable, ...]
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)
    working: Mapping[str, Any] = field(default_factory=dict)
    basis: str = ""
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "working", MappingProxyType(dict(self.working)))

    @property
    def fact(self) -> str:
        """A stable fingerprint of what this breach rests on (for risk decisions)."""
        text = "|".join([self.code, self.first_day.isoformat(), self.last_day.isoformat(),
                         *(str(shift_id) for shift_id in self.shift_ids)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class WorkingTimeFacts:
    """What the checks need beyond the shifts themselves."""

    date_of_birth: date | None = None
    other_hours_per_week: Decimal = Decimal(0)   # hours the PA says they work for other employers
    opt_out: bool = False                          # a signed 48-hour opt-out is recorded (reg 5)
    employment_start: date | None = None           # for reference periods shorter than 17 weeks (reg 4(4))
    excluded_days: frozenset[date] = frozenset()   # annual leave, sick leave, family leave days (reg 4(5)-(6))
    night_worker: bool | None = None               # None: decide from the shifts (reg 2, "majority of days")
    young_late_contract: bool = False              # the contract provides for work after 10pm (reg 6A)
    # The first day this PA's work is on record (their first shift in the file). Weeks before it are unknown, not
    # weeks without work; None: from the first shift given. Shifts given may start later (only recent ones read).
    records_from: date | None = None


# --- time helpers -----------------------------------------------------------------------------------

def to_utc(moment: datetime) -> datetime:
    """An instant in UTC; a naive datetime is a wall-clock time in Europe/London."""
    if moment.tzinfo is None:
        return _wall_clock_to_utc(moment)
    return moment.astimezone(UTC)


def elapsed_minutes(start: datetime, end: datetime) -> int:
    """Real minutes between two local wall-clock times: a night across a clock change is 8 or 10 hours, not 9."""
    return int((to_utc(end) - to_utc(start)).total_seconds() // 60)


@lru_cache(maxsize=32768)  # pure; paging the rota checks mostly the same shifts' times week after week
def _wall_clock_to_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=LONDON).astimezone(UTC)


@lru_cache(maxsize=8192)  # pure, and asked for the same few hundred days over and over
def local_midnight(day: date) -> datetime:
    """The instant (UTC) at which `day` begins in Europe/London."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


@lru_cache(maxsize=8192)
def _local_at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=LONDON).astimezone(UTC)


@lru_cache(maxsize=8192)
def _night_on(day: date, begins: time, ends: time) -> tuple[datetime, datetime]:
    """The night period starting on `day` (to the next morning when it ends at or before it begins), in UTC."""
    return _local_at(day, begins), (_local_at(day + DAY, ends) if ends <= begins else _local_at(day, ends))


def _local_date(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _hours(seconds: float | Fraction | int) -> Decimal:
    return (Decimal(Fraction(seconds).numerator) / Decimal(Fraction(seconds).denominator) / HOUR).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)


def _seconds_of(hours) -> Fraction | int:
    """A limit in hours as exact seconds: an int when whole (comparing ints is much cheaper than Fractions)."""
    seconds = Fraction(hours) * HOUR
    return seconds.numerator if seconds.denominator == 1 else seconds


@lru_cache(maxsize=64)
def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def adult_worker_from(date_of_birth: date, rules: RatesRow) -> date:
    """The day a person stops being a young worker: their birthday at the row's age limit, 18 (reg 2); born on
    29 February, 1 March in a common year."""
    return add_years(date_of_birth, rules["young_worker_age_limit"])


@dataclass(frozen=True)
class _Span:
    id: Hashable
    start: datetime       # UTC
    end: datetime         # UTC
    break_seconds: int
    kind: str
    # Worked out once here, not on each of the many reads per check (the span is frozen, so they cannot go stale).
    elapsed: int = field(init=False, compare=False)
    working_seconds: int = field(init=False, compare=False)
    local_day: date = field(init=False, compare=False)

    def __post_init__(self) -> None:
        elapsed = int((self.end - self.start).total_seconds())
        object.__setattr__(self, "elapsed", elapsed)
        object.__setattr__(self, "working_seconds", max(0, elapsed - self.break_seconds))
        object.__setattr__(self, "local_day", _local_date(self.start))


def _span(shift: WorkShift) -> _Span:
    start, end = to_utc(shift.start), to_utc(shift.end)
    if end <= start:
        raise ValidationError(_("Shift {id} ends before it starts.").format(id=shift.id), field="end")
    if shift.break_minutes < 0:
        raise ValidationError(_("Shift {id} has a negative break.").format(id=shift.id), field="break_minutes")
    return _Span(shift.id, start, end, int(shift.break_minutes) * 60, str(getattr(shift.kind, "value", shift.kind)))


def _pieces_by_day(span: _Span) -> list[tuple[date, Fraction | int]]:
    """The shift's working seconds on each local calendar day (the break shared out in proportion).

    Exact either way: whole seconds (int) where no break is shared out, a Fraction only where one is.
    """
    day = span.local_day
    if span.end <= local_midnight(day + DAY):
        return [(day, span.working_seconds)]  # within one day: the common case, no proportion needed
    pieces: list[tuple[date, Fraction | int]] = []
    cursor = span.start
    ratio = Fraction(span.working_seconds, span.elapsed) if span.break_seconds else None
    while cursor < span.end:
        boundary = min(span.end, local_midnight(day + DAY))
        seconds = int((boundary - cursor).total_seconds())
        pieces.append((day, seconds if ratio is None else seconds * ratio))
        cursor, day = boundary, day + DAY
    return pieces


def _merge(spans: Sequence[_Span]) -> list[tuple[datetime, datetime, list[_Span]]]:
    """Working periods: shifts that overlap or touch joined together (rest is the time between them)."""
    periods: list[tuple[datetime, datetime, list[_Span]]] = []
    for span in spans:
        if span.kind in NOT_WORKING_TIME:
            continue
        if periods and span.start <= periods[-1][1]:
            start, end, members = periods[-1]
            periods[-1] = (start, max(end, span.end), members + [span])
        else:
            periods.append((span.start, span.end, [span]))
    return periods


def _ids(spans: Iterable[_Span]) -> tuple[Hashable, ...]:
    seen: dict[Hashable, None] = {}
    for span in spans:
        seen.setdefault(span.id, None)
    return tuple(seen)


class _Checker:
    """All the checks over one PA's shifts, sorted once."""

    def __init__(self, spans: list[_Span], facts: WorkingTimeFacts, *, fortnight_anchor: date | None = None,
                 touching: tuple[date, date] | None = None) -> None:
        self.spans = spans
        self.facts = facts
        self.touching = touching  # (first, last day): only findings touching these days are wanted
        self.working = [span for span in spans if span.kind not in NOT_WORKING_TIME]
        self.periods = _merge(spans)
        self.period_ends = [period[1] for period in self.periods]
        self.period_starts = [period[0] for period in self.periods]
        first = spans[0].local_day if spans else None
        self.data_start_week = _monday(first) if first else None
        # Fortnights for weekly rest (reg 11(2)) pair weeks from employment start, else from the first record.
        self.fortnight_anchor = (_monday(facts.employment_start) if facts.employment_start
                                 else fortnight_anchor or self.data_start_week)
        self.rules: RatesRow = load_table(TABLE).row_on(spans[0].local_day) if spans else None
        self.adult_from = (adult_worker_from(facts.date_of_birth, self.rules)
                           if facts.date_of_birth and self.rules is not None else None)
        self.breaches: list[Breach] = []
        self.average_weeks: list[date] = []  # the weeks of the weekly average, set when it is checked

    def young_on(self, day: date) -> bool:
        return self.adult_from is not None and day < self.adult_from

    def note_domestic(self) -> str:
        return _("A PA employed by the person they support in their own home may count as a domestic servant in a "
                 "private household, to whom this limit does not apply (reg 19); it depends on the facts, so if in "
                 "doubt, keep to the limit.")

    def run(self) -> list[Breach]:
        if not self.spans:
            return []
        self.check_weekly_average()
        self.check_daily_rest()
        self.check_weekly_rest()
        self.check_breaks()
        self.check_night_work()
        self.check_young_limits()
        breaches = self.breaches
        if self.touching:
            first, last = self.touching
            breaches = [breach for breach in breaches if breach.last_day >= first and breach.first_day <= last]
        return sorted(breaches, key=lambda breach: (breach.first_day, breach.code))

    # --- reg 4: 48 hours on average over 17 weeks; reg 6: night work over the same period -----------

    def weekly_hours(self) -> tuple[list[date], list[Fraction], dict[date, Fraction], dict[date, list[_Span]]]:
        by_day: dict[date, Fraction] = {}
        shifts_by_week: dict[date, list[_Span]] = {}
        for span in self.working:
            for day, seconds in _pieces_by_day(span):
                by_day[day] = by_day.get(day, 0) + seconds
                shifts_by_week.setdefault(_monday(day), []).append(span)
        first_week = self.data_start_week
        records_week = self.records_start_week()
        if records_week < first_week:
            # Weeks on record without work count as nothing worked; the averages ending from the first shift given
            # reach back at most one reference period.
            first_week = max(records_week, first_week - WEEK * (self.rules["reference_weeks"] - 1))
        last_week = _monday(max(by_day)) if by_day else first_week
        weeks: list[date] = []
        totals: list[Fraction] = []
        week = first_week
        while week <= last_week:
            weeks.append(week)
            totals.append(Fraction(sum(by_day.get(week + timedelta(days=offset), 0) for offset in range(7))))
            week += WEEK
        return weeks, totals, by_day, shifts_by_week

    def records_start_week(self) -> date:
        records_from = self.facts.records_from
        return min(_monday(records_from), self.data_start_week) if records_from else self.data_start_week

    def _windows(self, weeks: list[date]) -> list[tuple[int, int, bool]]:
        """(first index, last index, known) of each reference period to test: 17 weeks, or fewer since starting
        (reg 4(4)). `known` is False for a period reaching back before the records began for a PA employed before
        then, or whose employment start is not known: its first index is negative, and those weeks are unknown, not
        weeks without work."""
        reference = self.rules["reference_weeks"]
        windows = []
        employed_from = _monday(self.facts.employment_start) if self.facts.employment_start else None
        records_week = self.records_start_week()
        # The week employment began, as an index into `weeks`: negative when it is before them.
        employed_index = (employed_from - weeks[0]).days // 7 if employed_from is not None else None
        for last in range(len(weeks)):
            first = last - reference + 1
            if employed_index is not None and employed_index > first:
                # Employed for less than the reference period: the weeks since employment began (reg 4(4)), not
                # weeks on record before it; a period ending before employment began is none.
                if employed_index > last:
                    continue
                first = employed_index
            if first >= 0:
                windows.append((first, last, True))
            elif weeks[0] <= records_week:
                # Employed before the records began, or with no employment start (it is optional): the weeks before
                # the records are unknown, not weeks without work, and may have been weeks of work.
                windows.append((first, last, False))
        return windows

    def _made_up_hours(self, window_end: date, excluded: int, by_day: dict[date, Fraction]) -> Fraction:
        # reg 4(6): add the hours of the working days just after the period, as many as the days excluded.
        if excluded == 0:
            return Fraction(0)
        later_days = sorted(day for day in by_day if day > window_end and day not in self.facts.excluded_days)
        return sum((by_day[day] for day in later_days[:excluded]), Fraction(0))

    def check_weekly_average(self) -> None:
        weeks, totals, by_day, shifts_by_week = self.weekly_hours()
        if not weeks:
            return
        self.average_weeks = weeks
        prefix = [Fraction(0)]
        for total in totals:
            prefix.append(prefix[-1] + total)
        limit = Fraction(self.rules["weekly_average_limit_hours"]) * HOUR
        night_limit = Fraction(self.rules["night_average_limit_hours"]) * HOUR
        other = Fraction(Decimal(self.facts.other_hours_per_week)) * HOUR
        night_worker = self.is_night_worker()
        average_runs: list[dict] = []
        forecast_runs: list[dict] = []
        night_runs: list[dict] = []
        for first, last, known in self._windows(weeks):
            window_end = weeks[last] + timedelta(days=6)
            if self.young_on(window_end):
                continue  # under 18: the 40-hour week (reg 5A) applies instead of averaging
            if not known:
                self._forecast_window(first, last, weeks, prefix, by_day, limit, other, average_runs, forecast_runs)
                continue
            window_start = weeks[first]
            count = last - first + 1
            excluded = sum(1 for day in self.facts.excluded_days if window_start <= day <= window_end)
            worked = prefix[last + 1] - prefix[first]
            made_up = self._made_up_hours(window_end, excluded, by_day)
            average = (worked + made_up + other * count) / count
            if average > limit:
                self._extend(average_runs, first, last, average, worked=worked, made_up=made_up, excluded=excluded,
                             weeks_counted=count)
            if night_worker:
                # reg 6(5): hours / (days in the period - the weekly rest periods' hours / 24).
                rest_days = count * Fraction(self.rules["weekly_rest_hours"]) / 24
                per_day = (worked + made_up) / (7 * count - rest_days)
                if per_day > night_limit:
                    self._extend(night_runs, first, last, per_day, worked=worked, made_up=made_up, excluded=excluded)
        for run in average_runs:
            self._report_average(run, weeks, shifts_by_week, other)
        for run in forecast_runs:
            self._report_average(run, weeks, shifts_by_week, other, forecast=True)
        for run in night_runs:
            self._report_night(run, weeks, shifts_by_week)

    def _forecast_window(self, first: int, last: int, weeks: list[date], prefix: list[Fraction],
                         by_day: dict[date, Fraction], limit: Fraction, other: Fraction, average_runs: list[dict],
                         forecast_runs: list[dict]) -> None:
        """A reference period reaching back before the records began, for a PA employed before then or whose
        employment start is not known (reg 4).

        The weeks before the records are unknown, not weeks without work. If the work on record alone, with no
        work at all in the unknown weeks, already averages over the limit across the whole period, the limit is
        broken. Otherwise, if the weeks on record (worked and planned) average over the limit, the PA is on course
        to exceed it: said as a forecast, unless they have opted out (reg 5), since the unknown weeks decide it.
        """
        reference = last - first + 1  # 17 weeks, or the weeks since employment began (reg 4(4))
        known = last + 1  # weeks 0..last are on record
        window_end = weeks[last] + timedelta(days=6)
        excluded = sum(1 for day in self.facts.excluded_days if weeks[0] <= day <= window_end)
        worked = prefix[last + 1]
        made_up = self._made_up_hours(window_end, excluded, by_day)
        at_least = (worked + made_up + other * reference) / reference
        if at_least > limit:
            self._extend(average_runs, 0, last, at_least, worked=worked, made_up=made_up, excluded=excluded,
                         weeks_counted=reference, unknown_weeks=reference - known, reference_weeks=reference)
            return
        on_record = (worked + made_up + other * known) / known
        if on_record > limit and not self.facts.opt_out:
            self._extend(forecast_runs, 0, last, on_record, worked=worked, made_up=made_up, excluded=excluded,
                         weeks_counted=known, unknown_weeks=reference - known, reference_weeks=reference)

    def _touches(self, first: int, last: int) -> bool:
        """Whether weeks[first]..weeks[last] (of the weekly average) touch the days asked about, if any."""
        if not self.touching:
            return True
        weeks = self.average_weeks
        return weeks[first] <= self.touching[1] and weeks[last] + timedelta(days=6) >= self.touching[0]

    def _extend(self, runs: list[dict], first: int, last: int, value: Fraction, **working) -> None:
        # Overlapping breaching periods make one finding, carrying the worst figure. Of equally bad periods, one
        # touching the days asked about (the rota week on screen), else the latest: the later periods include the
        # later weeks, so "the 1 week on record" is not said of a rota planned on and on.
        if runs and first <= runs[-1]["last"] + 1:
            run = runs[-1]
            run["last"] = last
            run["periods"] += 1
            if value > run["worst"] or (value == run["worst"] and (
                    self._touches(first, last) or not self._touches(run["worst_first"], run["worst_last"]))):
                run.update(worst=value, worst_first=first, worst_last=last, **working)
        else:
            runs.append(dict(first=first, last=last, worst=value, worst_first=first, worst_last=last, periods=1,
                             **working))

    def _run_shifts(self, run: dict, weeks: list[date], shifts_by_week: dict[date, list[_Span]]) -> tuple:
        return _ids(span for index in range(run["first"], run["last"] + 1)
                    for span in shifts_by_week.get(weeks[index], []))

    def _report_average(self, run: dict, weeks: list[date], shifts_by_week, other: Fraction, *,
                        forecast: bool = False) -> None:
        first_day, last_day = weeks[run["first"]], weeks[run["last"]] + timedelta(days=6)
        count = run["weeks_counted"]
        unknown = run.get("unknown_weeks", 0)
        worst_to = weeks[run["worst_last"]] + timedelta(days=6)
        # The period averaged: its first week, which for a period reaching before the records is not on record.
        worst_from = worst_to + timedelta(days=1) - WEEK * count
        average = _hours(run["worst"])
        params = {"average_hours": str(average), "limit_hours": str(self.rules["weekly_average_limit_hours"]),
                  "weeks": count, "from": worst_from.isoformat(), "to": worst_to.isoformat(),
                  "opt_out": self.facts.opt_out, "other_hours_per_week": str(self.facts.other_hours_per_week),
                  "forecast": forecast}
        limit = decimal_str(self.rules["weekly_average_limit_hours"])
        if forecast:
            # Two counts, two sentences: each says its number in the form the language needs for it.
            on_record = ngettext(
                "On course to exceed the {limit}-hour average: the {weeks} week on record from {start} to {end}, "
                "worked and planned, comes to {average} hours.",
                "On course to exceed the {limit}-hour average: the {weeks} weeks on record from {start} to {end}, "
                "worked and planned, average {average} hours a week.", count).format(
                limit=limit, weeks=count, start=format_date(worst_from), end=format_date(worst_to),
                average=decimal_str(average))
            before = ngettext(
                "The {unknown} week before the records began is not known, so the {reference}-week average cannot "
                "be worked out yet; if it was like these, the average would be over {limit}.",
                "The {unknown} weeks before the records began are not known, so the {reference}-week average cannot "
                "be worked out yet; if they were like these, it would be over {limit}.", unknown).format(
                unknown=unknown, reference=run["reference_weeks"], limit=limit)
            message = on_record + " " + before
        else:
            message = ngettext(
                "Average weekly working time of {average} hours over the {weeks} week from {start} to {end} is more "
                "than {limit}.",
                "Average weekly working time of {average} hours over the {weeks} weeks from {start} to {end} is more "
                "than {limit}.", count).format(average=decimal_str(average), weeks=count,
                                                        start=format_date(worst_from), end=format_date(worst_to),
                                                        limit=self.rules["weekly_average_limit_hours"])
        notes = [self.note_domestic()]
        if unknown and not forecast:
            notes.insert(0, ngettext(
                "The first {unknown} week of these is before the records began; counted as no work at all, the "
                "average is still over the limit.",
                "The first {unknown} weeks of these are before the records began; counted as no work at all, the "
                "average is still over the limit.", unknown).format(unknown=unknown))
        if self.facts.opt_out:
            notes.insert(0, _("A signed opt-out from the {limit}-hour average is recorded (reg 5), so this is not a "
                              "breach while it stands; the PA can end it with notice.").format(
                                  limit=self.rules["weekly_average_limit_hours"]))
        working = {"hours_worked": str(_hours(run["worked"])), "hours_made_up_for_leave": str(_hours(run["made_up"])),
                   "excluded_days": run["excluded"],
                   "other_employers_hours": str(_hours(other * count)), "weeks": count,
                   "weeks_before_records": unknown, "forecast": forecast,
                   "reference_weeks": run.get("reference_weeks", count),
                   "average": str(average), "reference_periods_over_limit": run["periods"],
                   "rates_from": self.rules.effective_from.isoformat(), "source": self.rules.source}
        self.breaches.append(Breach(WTR_48H_AVERAGE, first_day, last_day, self._run_shifts(run, weeks, shifts_by_week),
                                    message, params, working, _(_BASIS[WTR_48H_AVERAGE]), tuple(notes)))

    def is_night_worker(self) -> bool:
        if self.facts.night_worker is not None:
            return self.facts.night_worker
        # reg 2: at least 3 hours of night time as a normal course - on the majority of working days.
        minimum = _seconds_of(self.rules["night_worker_min_hours"])
        night: dict[date, Fraction | int] = {}
        for span in self.working:
            night[span.local_day] = night.get(span.local_day, 0) + self.night_seconds(span)
        return bool(night) and sum(1 for seconds in night.values() if seconds >= minimum) * 2 > len(night)

    def night_seconds(self, span: _Span, start: str | None = None, end: str | None = None) -> Fraction:
        """Working seconds of a shift inside the night period (by default 11pm-6am, reg 2)."""
        begins, ends = _clock(start or self.rules["night_time_start"]), _clock(end or self.rules["night_time_end"])
        total = 0
        day = span.local_day - DAY
        while local_midnight(day) < span.end:
            night_from, night_to = _night_on(day, begins, ends)
            overlap = (min(span.end, night_to) - max(span.start, night_from)).total_seconds()
            total += max(0, int(overlap))
            day += DAY
        if not span.break_seconds:
            return total  # exact whole seconds: no break to share out
        return Fraction(total) * Fraction(span.working_seconds, span.elapsed)

    def _report_night(self, run: dict, weeks: list[date], shifts_by_week) -> None:
        first_day, last_day = weeks[run["first"]], weeks[run["last"]] + timedelta(days=6)
        count = run["worst_last"] - run["worst_first"] + 1
        per_day = _hours(run["worst"])
        message = ngettext(
            "As a night worker, the PA's normal hours average {per_day} hours in each 24 hours over {weeks} week, "
            "more than {limit}.",
            "As a night worker, the PA's normal hours average {per_day} hours in each 24 hours over {weeks} weeks, "
            "more than {limit}.", count).format(per_day=decimal_str(per_day), weeks=count,
                                                       limit=self.rules["night_average_limit_hours"])
        params = {"average_hours_per_day": str(per_day), "limit_hours": str(self.rules["night_average_limit_hours"]),
                  "weeks": count}
        working = {"hours_worked": str(_hours(run["worked"])), "hours_made_up_for_leave": str(_hours(run["made_up"])),
                   "days_counted": 6 * count, "average_per_day": str(per_day),
                   "night_time": f"{self.rules['night_time_start']}-{self.rules['night_time_end']}",
                   "rates_from": self.rules.effective_from.isoformat(), "source": self.rules.source}
        self.breaches.append(Breach(WTR_NIGHT_WORK, first_day, last_day, self._run_shifts(run, weeks, shifts_by_week),
                                    message, params, working, _(_BASIS[WTR_NIGHT_WORK]), (self.note_domestic(),)))

    # --- reg 10: daily rest ---------------------------------------------------------------------------

    def check_daily_rest(self) -> None:
        periods = self.periods
        occasions: list[dict] = []
        following = 0
        required_for = {young: _seconds_of(self.rules["young_daily_rest_hours" if young else "daily_rest_hours"])
                        for young in (False, True)}
        for index, (start, _end, members) in enumerate(periods):
            young = self.young_on(_local_date(start))
            required = required_for[young]
            window_end = start + DAY
            following = max(following, index)
            while following + 1 < len(periods) and periods[following + 1][0] < window_end:
                following += 1
            longest = 0  # whole seconds
            for inner in range(index, following + 1):
                rest_from = periods[inner][1]
                rest_to = periods[inner + 1][0] if inner < following else window_end
                rest = int((min(rest_to, window_end) - rest_from).total_seconds())
                if rest > longest:
                    longest = rest
            if longest < required:
                involved = [span for inner in range(index, following + 1) for span in periods[inner][2]]
                occasions.append(dict(start=start, longest=longest, required=required, young=young, spans=involved))
        self._report_rest_occasions(occasions)

    def _report_rest_occasions(self, occasions: list[dict]) -> None:
        # Overlapping 24-hour periods short of rest make one finding per run of days.
        runs: list[list[dict]] = []
        for occasion in occasions:
            if runs and occasion["young"] == runs[-1][-1]["young"] and occasion["start"] - runs[-1][-1]["start"] <= DAY:
                runs[-1].append(occasion)
            else:
                runs.append([occasion])
        for run in runs:
            worst = min(run, key=lambda occasion: occasion["longest"])
            young = run[0]["young"]
            spans = [span for occasion in run for span in occasion["spans"]]
            first_day = _local_date(run[0]["start"])
            last_day = max(_local_date(span.end) for span in spans)
            longest, required = _hours(worst["longest"]), _hours(worst["required"])
            message = _("In the 24 hours from {start}, the longest rest was {longest} hours; at least {required} "
                        "consecutive hours are needed.").format(
                start=format_datetime(worst["start"].astimezone(LONDON).replace(tzinfo=None), format="d MMM y, HH:mm"), longest=decimal_str(longest),
                required=decimal_str(required))
            params = {"longest_rest_hours": str(longest), "required_hours": str(required), "occasions": len(run),
                      "young_worker": young}
            working = {"occasions": len(run), "worst_period_from": worst["start"].astimezone(LONDON).isoformat(),
                       "days": sorted({_local_date(occasion["start"]).isoformat() for occasion in run}),
                       "rates_from": self.rules.effective_from.isoformat(), "source": self.rules.source}
            if young:
                params["rule"] = "daily_rest"
            code = WTR_YOUNG_WORKER if young else WTR_DAILY_REST
            self.breaches.append(Breach(code, first_day, last_day, _ids(spans), message, params, working,
                                        _(_BASIS[code])))

    # --- reg 11: weekly rest ------------------------------------------------------------------------

    def _longest_rest(self, begins: datetime, ends: datetime) -> tuple[Fraction, list[Fraction]]:
        """Longest rest and every rest inside [begins, ends) (binary search to the first period)."""
        periods = self.periods
        rests: list[int] = []  # whole seconds
        free_from = begins
        index = bisect_right(self.period_ends, begins)
        while index < len(periods) and periods[index][0] < ends:
            if periods[index][0] > free_from:
                rests.append(int((periods[index][0] - free_from).total_seconds()))
            free_from = max(free_from, periods[index][1])
            index += 1
        if free_from < ends:
            rests.append(int((ends - free_from).total_seconds()))
        return (max(rests) if rests else 0), rests

    def check_weekly_rest(self) -> None:
        if not self.periods:
            return
        first_week = self.data_start_week
        last_week = _monday(_local_date(self.periods[-1][1]))
        anchor = self.fortnight_anchor
        daily = _seconds_of(self.rules["weekly_rest_hours"])
        fortnightly = _seconds_of(self.rules["fortnightly_rest_hours"])
        week = first_week
        while week <= last_week:
            if self.touching and not (self.touching[0] <= week + timedelta(days=6) and week <= self.touching[1]):
                week += timedelta(days=7)
                continue  # each week's finding stands alone: a week outside the days asked about is not wanted
            begins, ends = local_midnight(week), local_midnight(week + timedelta(days=7))
            young = self.young_on(week)
            longest, _rests = self._longest_rest(begins, ends)
            required = _seconds_of(self.rules["young_weekly_rest_hours"]) if young else daily
            if longest < required:
                satisfied_by_fortnight = False
                if not young:
                    # reg 11(2): two rests of 24 hours, or one of 48, in each 14 days instead.
                    fortnight = week - timedelta(days=((week - anchor).days // 7 % 2) * 7)
                    _longest, rests = self._longest_rest(local_midnight(fortnight),
                                                         local_midnight(fortnight + timedelta(days=14)))
                    satisfied_by_fortnight = (max(rests, default=0) >= fortnightly
                                              or sum(1 for rest in rests if rest >= daily)
                                              >= self.rules["fortnightly_rest_periods"])
                if not satisfied_by_fortnight:
                    self._report_weekly_rest(week, begins, ends, longest, required, young)
            week += timedelta(days=7)

    def _report_weekly_rest(self, week, begins, ends, longest, required, young) -> None:
        # Only the periods touching the week, found by binary search (periods are in order and do not overlap).
        first = bisect_right(self.period_ends, begins)
        spans = [span for period in self.periods[first:bisect_left(self.period_starts, ends)] for span in period[2]]
        hours, needed = _hours(longest), _hours(required)
        message = _("In the week from Monday {week}, the longest rest was {longest} hours; an uninterrupted rest of "
                    "{required} hours is needed.").format(week=format_date(week), longest=decimal_str(hours), required=decimal_str(needed))
        params = {"longest_rest_hours": str(hours), "required_hours": str(needed), "week": week.isoformat(),
                  "young_worker": young}
        rests = self.rules["fortnightly_rest_periods"]
        notes = () if young else (ngettext(
            "{count} rest of {daily} hours, or one of {fortnightly} hours, in the fortnight would also have been "
            "enough (reg 11(2)); the fortnight did not have it either.",
            "{count} rests of {daily} hours, or one of {fortnightly} hours, in the fortnight would also have been "
            "enough (reg 11(2)); the fortnight did not have them either.", rests).format(count=rests,
                                                      daily=decimal_str(self.rules["weekly_rest_hours"]),
                                                      fortnightly=decimal_str(self.rules["fortnightly_rest_hours"])),)
        if young:
            params["rule"] = "weekly_rest"
        code = WTR_YOUNG_WORKER if young else WTR_WEEKLY_REST
        working = {"week_from": week.isoformat(), "week_to": (week + timedelta(days=6)).isoformat(),
                   "longest_rest_hours": str(hours), "rates_from": self.rules.effective_from.isoformat(),
                   "source": self.rules.source}
        self.breaches.append(Breach(code, week, week + timedelta(days=6), _ids(spans), message, params, working,
                                    _(_BASIS[code]), notes))

    # --- reg 12: rest breaks --------------------------------------------------------------------------

    def break_spells(self, young: bool) -> list[list[_Span]]:
        """Spells of work for reg 12: shifts joined whenever the time between them is shorter than the break the
        worker needs (20 minutes, 30 for a young worker), so back-to-back shifts are judged as the one stretch of
        working time they are, however the rota cuts it; a gap of at least the break is a break."""
        gap = self.rules["young_break_minutes" if young else "break_minutes"] * 60
        spells: list[list[_Span]] = []
        spell_end: datetime | None = None
        for span in self.working:
            if span.kind in NO_BREAK_CHECK:
                continue  # a sleep-in is mostly time the PA may rest; woken time is logged separately
            if spells and int((span.start - spell_end).total_seconds()) < gap:
                spells[-1].append(span)
                spell_end = max(spell_end, span.end)
            else:
                spells.append([span])
                spell_end = span.end
        return spells

    def check_breaks(self) -> None:
        """Reg 12: a rest break of 20 minutes (30 for a young worker) in any spell of more than 6 hours' work (4.5)."""
        short: dict[bool, list[tuple[list[_Span], int, int]]] = {False: [], True: []}
        for young in (False, True):
            after = _seconds_of(self.rules["young_break_after_hours" if young else "break_after_hours"])
            minutes = self.rules["young_break_minutes" if young else "break_minutes"]
            for spell in self.break_spells(young):
                if self.young_on(spell[0].local_day) != young:
                    continue
                working = sum(span.working_seconds for span in spell)
                longest_break = max(span.break_seconds for span in spell)
                if working > after and longest_break < minutes * 60:
                    short[young].append((spell, working, longest_break))
        for young, spells in short.items():
            if not spells:
                continue
            minutes = self.rules["young_break_minutes" if young else "break_minutes"]
            after = self.rules["young_break_after_hours" if young else "break_after_hours"]
            message = ngettext(
                "On {count} occasion, more than {after} hours' work (back-to-back shifts counted together) had no "
                "break of {minutes} minutes.",
                "On {count} occasions, more than {after} hours' work (back-to-back shifts counted together) had no "
                "break of {minutes} minutes.", len(spells)).format(count=len(spells), after=decimal_str(after),
                                                                    minutes=minutes)
            params = {"shifts": len(spells), "break_minutes": minutes, "after_hours": str(after), "young_worker": young}
            if young:
                params["rule"] = "break"
            code = WTR_YOUNG_WORKER if young else WTR_BREAK
            members = [span for spell, _working, _break in spells for span in spell]
            working = {"spells": [{"ids": list(_ids(spell)), "day": spell[0].local_day.isoformat(),
                                   "from": spell[0].start.astimezone(LONDON).isoformat(),
                                   "to": max(span.end for span in spell).astimezone(LONDON).isoformat(),
                                   "working_hours": str(_hours(working_seconds)),
                                   "longest_break_minutes": longest // 60}
                                  for spell, working_seconds, longest in spells],
                       "rates_from": self.rules.effective_from.isoformat(), "source": self.rules.source}
            self.breaches.append(Breach(code, spells[0][0][0].local_day, spells[-1][0][-1].local_day, _ids(members),
                                        message, params, working, _(_BASIS[code])))

    # --- reg 6 night work is checked with the weekly average; here the young-worker rules --------------

    def check_night_work(self) -> None:
        """Young workers: no work in the restricted period (reg 6A)."""
        start_key = "young_restricted_alt_start" if self.facts.young_late_contract else "young_restricted_start"
        end_key = "young_restricted_alt_end" if self.facts.young_late_contract else "young_restricted_end"
        spans = [span for span in self.working if self.young_on(span.local_day)
                 and self.night_seconds(span, self.rules[start_key], self.rules[end_key]) > 0]
        if not spans:
            return
        period = f"{self.rules[start_key]}-{self.rules[end_key]}"
        message = ngettext("{count} shift of a worker under {age} falls in the restricted period {period}.",
                           "{count} shifts of a worker under {age} fall in the restricted period {period}.",
                           len(spans)).format(
            count=len(spans), age=self.rules["young_worker_age_limit"], period=period)
        params = {"rule": "restricted_period", "shifts": len(spans), "period": period, "young_worker": True}
        working = {"days": sorted({span.local_day.isoformat() for span in spans}),
                   "rates_from": self.rules.effective_from.isoformat(), "source": self.rules.source}
        self.breaches.append(Breach(WTR_YOUNG_WORKER, spans[0].local_day, spans[-1].local_day, _ids(spans), message,
                                    params, working, _(_BASIS[WTR_YOUNG_WORKER])))

    def check_young_limits(self) -> None:
        """Young workers: 8 hours a day and 40 hours a week, all employers together, no averaging (reg 5A)."""
        if self.adult_from is None:
            return
        daily_limit = _seconds_of(self.rules["young_daily_limit_hours"])
        weekly_limit = _seconds_of(self.rules["young_weekly_limit_hours"])
        other = Fraction(Decimal(self.facts.other_hours_per_week)) * HOUR
        by_day: dict[date, Fraction] = {}
        spans_by_day: dict[date, list[_Span]] = {}
        for span in self.working:
            for day, seconds in _pieces_by_day(span):
                if self.young_on(day):
                    by_day[day] = by_day.get(day, Fraction(0)) + seconds
                    spans_by_day.setdefault(day, []).append(span)
        long_days = sorted(day for day, seconds in by_day.items() if seconds > daily_limit)
        if long_days:
            spans = [span for day in long_days for span in spans_by_day[day]]
            worst = max(by_day[day] for day in long_days)
            message = ngettext(
                "On {count} day a worker under {age} worked more than {limit} hours (up to {worst}).",
                "On {count} days a worker under {age} worked more than {limit} hours (up to {worst}).",
                len(long_days)).format(
                count=len(long_days), age=self.rules["young_worker_age_limit"], limit=self.rules["young_daily_limit_hours"], worst=decimal_str(_hours(worst)))
            params = {"rule": "daily_limit", "days": len(long_days), "worst_hours": str(_hours(worst)),
                      "young_worker": True}
            working = {"days": {day.isoformat(): str(_hours(by_day[day])) for day in long_days},
                       "rates_from": self.rules.effective_from.isoformat(), "source": self.rules.source}
            self.breaches.append(Breach(WTR_YOUNG_WORKER, long_days[0], long_days[-1], _ids(spans), message, params,
                                        working, _(_BASIS[WTR_YOUNG_WORKER])))
        weeks: dict[date, Fraction] = {}
        for day, seconds in by_day.items():
            weeks[_monday(day)] = weeks.get(_monday(day), Fraction(0)) + seconds
        long_weeks = sorted(week for week, seconds in weeks.items() if seconds + other > weekly_limit)
        if long_weeks:
            spans = [span for week in long_weeks for offset in range(7)
                     for span in spans_by_day.get(week + timedelta(days=offset), [])]
            worst = max(weeks[week] + other for week in long_weeks)
            message = ngettext(
                "In {count} week a worker under {age} worked more than {limit} hours, counting other jobs "
                "(up to {worst}).",
                "In {count} weeks a worker under {age} worked more than {limit} hours, counting other jobs "
                "(up to {worst}).", len(long_weeks)).format(count=len(long_weeks), age=self.rules["young_worker_age_limit"], limit=self.rules["young_weekly_limit_hours"],
                                                   worst=decimal_str(_hours(worst)))
            params = {"rule": "weekly_limit", "weeks": len(long_weeks), "worst_hours": str(_hours(worst)),
                      "young_worker": True}
            working = {"weeks": {week.isoformat(): str(_hours(weeks[week] + other)) for week in long_weeks},
                       "other_hours_per_week": str(self.facts.other_hours_per_week),
                       "rates_from": self.rules.effective_from.isoformat(), "source": self.rules.source}
            self.breaches.append(Breach(WTR_YOUNG_WORKER, long_weeks[0], long_weeks[-1] + timedelta(days=6),
                                        _ids(spans), message, params, working, _(_BASIS[WTR_YOUNG_WORKER])))


def _prepare(shifts: Iterable[WorkShift]) -> list[_Span]:
    spans = [_span(shift) for shift in shifts]
    spans.sort(key=lambda span: (span.start, span.end))  # near-linear when already in order (Timsort)
    return spans


def check_working_time(shifts: Iterable[WorkShift], facts: WorkingTimeFacts = WorkingTimeFacts(), *,
                       touching: tuple[date, date] | None = None) -> tuple[Breach, ...]:
    """Every working-time limit broken by one PA's shifts (see the module docstring for the rules).

    `touching` (first, last day): only the findings touching those days, exactly as in the full list; the
    rota view asks for one week's and is spared checking every other week's rest.
    """
    return tuple(_Checker(_prepare(shifts), facts, touching=touching).run())


class ShiftTimeline:
    """One PA's shifts, sorted once, for checking many proposed shifts cheaply ("who could cover?").

    Building is O(n log n) once (O(n) for shifts already in order); each proposed shift is checked
    against only the shifts within the reference periods around it, found by binary search.
    """

    # 17 weeks either side cover every reference period containing the shift; 8 more weeks after it
    # cover the days added back for leave (reg 4(6)).
    BEFORE = timedelta(weeks=18)
    AFTER = timedelta(weeks=26)

    def __init__(self, shifts: Iterable[WorkShift], facts: WorkingTimeFacts = WorkingTimeFacts()) -> None:
        self.spans = _prepare(shifts)
        self.starts = [span.start for span in self.spans]
        self.facts = facts
        self.data_start_week = _monday(self.spans[0].local_day) if self.spans else None

    def check_proposed(self, proposed: WorkShift) -> tuple[Breach, ...]:
        """The limits the proposed shift would break (or be part of breaking), given the existing shifts."""
        new = _span(proposed)
        low = bisect_left(self.starts, new.start - self.BEFORE)
        high = bisect_right(self.starts, new.end + self.AFTER)
        spans = self.spans[low:high]
        spans.insert(bisect_left(self.starts, new.start, low, high) - low, new)
        week = _monday(new.local_day)
        anchor = min(self.data_start_week, week) if self.data_start_week else week
        checker = _Checker(spans, self.facts, fortnight_anchor=anchor)
        return tuple(breach for breach in checker.run() if new.id in breach.shift_ids)


def check_proposed_shift(proposed: WorkShift, existing: Sequence[WorkShift],
                         facts: WorkingTimeFacts = WorkingTimeFacts()) -> tuple[Breach, ...]:
    """The limits a proposed shift would break for a PA with these existing shifts (one-off check).

    For checking many proposals against one PA, build a ShiftTimeline once and call check_proposed.
    """
    return ShiftTimeline(existing, facts).check_proposed(proposed)


def shift_hours(shift: WorkShift) -> Decimal:
    """A shift's working time in hours: real elapsed time (across clock changes) less its unpaid break."""
    return _hours(_span(shift).working_seconds)
