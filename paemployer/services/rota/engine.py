"""The rota over plain values: expanding shift patterns, finding gaps and clashes. No database, no Qt.

Shift times are local wall-clock datetimes without a zone (Europe/London), as people write them on a
rota. Durations are real elapsed time, so a night shift across a clock change is an hour shorter
(last Sunday of March) or longer (last Sunday of October), and working time and pay see that.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import vRecur

from paemployer.errors import ValidationError
from paemployer.i18n import _, day_name, duration_text, format_date, format_time
from paemployer.labels import absence_kind_label
from paemployer.rules.dates import LAST_DAY, years_after
from paemployer.rules.working_time import elapsed_minutes, to_utc  # cached: find_clashes calls it in its inner loop
from paemployer.store.models import ShiftKind

LONDON = ZoneInfo("Europe/London")

# The longest shift the rota accepts, in real elapsed time (as the working-time rules measure a shift).
MAX_SHIFT = timedelta(hours=24)
# How far back a range query looks for shifts running into it: the longest shift on the clock, an hour more than
# MAX_SHIFT when the clocks go forward in March (07:00 Saturday to 08:00 Sunday is 24 real hours).
MAX_SHIFT_ON_THE_CLOCK = MAX_SHIFT + timedelta(hours=1)
# An edited pattern occurrence may move this far from its slot, so a range query finds its override row.
MAX_OCCURRENCE_MOVE = timedelta(days=7)

KINDS = tuple(kind.value for kind in ShiftKind)
# Statuses in which someone is (or was) actually there: the others leave the time uncovered.
ACTIVE_STATUSES = frozenset({"planned", "worked"})


@dataclass(frozen=True)
class RotaShift:
    """One shift on the rota, stored or expanded from a pattern. `key` identifies it across both."""

    key: str
    pa_id: int | None
    pa_name: str
    start: datetime
    end: datetime
    kind: str = "day"
    break_minutes: int = 0
    status: str = "planned"
    shift_id: int | None = None
    pattern_id: int | None = None
    occurrence_start: datetime | None = None
    woken_minutes: int = 0
    cover_for_shift_id: int | None = None
    cover_contact_id: int | None = None
    cover_contact_name: str = ""
    notes: str = ""

    @property
    def elapsed_minutes(self) -> int:
        return elapsed_minutes(self.start, self.end)

    @property
    def working_minutes(self) -> int:
        """Working time (WTR): time at the workplace less unpaid breaks, asleep or not; on-call only when called.

        The shift's length as planned, whatever its status (an absence records it); time actually worked is
        this only while `is_active`.
        """
        if self.kind == "on_call":
            return self.woken_minutes
        return max(0, self.elapsed_minutes - self.break_minutes)

    @property
    def minutes_worked(self) -> int:
        """Working time someone actually does (or is planned to do) on this shift: `working_minutes` while it is
        `is_came_to`, else 0 (a covered, absent or cancelled shift, or one with nobody on it)."""
        return self.working_minutes if self.is_came_to else 0

    @property
    def paid_minutes(self) -> int:
        """Hours paid by the hour (NMW): a sleep-in or on-call counts only the minutes woken to work.

        Only a shift someone came to (planned or worked, with a PA or cover contact on it) is paid: a covered,
        absent or cancelled one, or one with nobody on it, pays nothing here, and the person who came is paid
        through their own (cover) shift.
        """
        if not self.is_came_to:
            return 0
        if self.kind in ("sleep_in", "on_call"):
            return self.woken_minutes
        return max(0, self.elapsed_minutes - self.break_minutes)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_staffed(self) -> bool:
        """Someone is named for it: a PA or a cover contact. "Nobody yet" is a gap still to fill."""
        return self.pa_id is not None or self.cover_contact_id is not None

    @property
    def is_came_to(self) -> bool:
        """Someone is (or was) there: the shift is active and a PA or cover contact is on it."""
        return self.is_active and self.is_staffed

    @property
    def who(self) -> str:
        return self.pa_name or self.cover_contact_name or _("Nobody yet")

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


def occurrence_key(pattern_id: int, occurrence_start: datetime) -> str:
    return f"p{pattern_id}@{occurrence_start.strftime('%Y%m%dT%H%M')}"


def shift_key(shift_id: int) -> str:
    return f"s{shift_id}"


def parse_key(key: str | int) -> tuple[str, int, datetime | None]:
    """('shift', id, None) or ('occurrence', pattern id, occurrence start) from a RotaShift key or a shift id."""
    if isinstance(key, int):
        return "shift", key, None
    try:
        if key.startswith("s"):
            return "shift", int(key[1:]), None
        if key.startswith("p") and "@" in key:
            pattern, when = key[1:].split("@", 1)
            return "occurrence", int(pattern), datetime.strptime(when, "%Y%m%dT%H%M")
        return "shift", int(key), None
    except ValueError:
        raise ValidationError(_("'{key}' is not a shift on the rota.").format(key=key), field="shift") from None


@dataclass(frozen=True)
class PatternSpec:
    """A PA's repeating shift: an RFC 5545 RRULE from the first occurrence."""

    pattern_id: int
    pa_id: int | None
    pa_name: str
    rrule: str
    first_start: datetime
    first_end: datetime
    until: date | None = None
    kind: str = "day"
    break_minutes: int = 0
    pa_end_date: date | None = None  # a PA who has left works no more occurrences
    pa_start_date: date | None = None  # nor any before they started
    notes: str = ""


@lru_cache(maxsize=256)
def _rule(text: str, dtstart: datetime):
    return rrulestr(text, dtstart=dtstart)


_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Recurrence:
    """The parts of a stored RFC 5545 rule the rota reasons about, read with icalendar's public parser."""

    freq: str  # "DAILY", "WEEKLY", "MONTHLY", …
    interval: int = 1
    weekdays: tuple[int, ...] = ()  # Monday = 0, as date.weekday()
    count: int | None = None


def recurrence(text: str) -> Recurrence | None:
    """The rule's frequency, interval, weekdays and count; None for a rule these parts cannot describe."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:"):]
    if "\n" in body or ":" in body:  # several lines (DTSTART, EXDATE…): not a single plain rule
        return None
    try:
        parts = vRecur.from_ical(body)
        freq = str(parts["FREQ"][0]).upper()
        interval = int(parts.get("INTERVAL", [1])[0])
        weekdays = tuple(_WEEKDAY_CODES.index(str(day)[-2:].upper()) for day in parts.get("BYDAY", []))
        count = int(parts["COUNT"][0]) if "COUNT" in parts else None
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return Recurrence(freq=freq, interval=interval, weekdays=weekdays, count=count)


def validate_rrule(text: str, first_start: datetime) -> None:
    """Raise a plain-English ValidationError if `text` is not a recurrence rule dateutil can expand."""
    try:
        rule = rrulestr(text, dtstart=first_start)
        rule.after(first_start, inc=True)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("The repeat rule '{rule}' is not valid ({reason}). Write it as in a calendar, for example "
              "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA for every other Saturday.").format(rule=text, reason=error),
            field="rrule",
        ) from None


def _phase_start(pattern: PatternSpec, not_before: datetime) -> datetime:
    """A later dtstart with the same phase, so expanding week 520 does not walk through ten years of weeks."""
    parts = recurrence(pattern.rrule)
    if parts is None or parts.count is not None or parts.freq not in ("DAILY", "WEEKLY") or not_before <= pattern.first_start:
        return pattern.first_start
    period = timedelta(days=parts.interval if parts.freq == "DAILY" else 7 * parts.interval)
    steps = (not_before - pattern.first_start) // period
    return pattern.first_start + steps * period


def expand_pattern(pattern: PatternSpec, range_start: datetime, range_end: datetime) -> list[RotaShift]:
    """The pattern's occurrences whose time overlaps [range_start, range_end), as planned shifts."""
    length = pattern.first_end - pattern.first_start  # wall-clock length: 22:00-07:00 stays so across clock changes
    window_start = range_start - length
    window_end = range_end
    dtstart = _phase_start(pattern, window_start)
    rule = _rule(pattern.rrule, dtstart)
    last_day = min(d for d in (pattern.until, pattern.pa_end_date, date.max) if d is not None)
    shifts = []
    for occurrence in rule.between(window_start, window_end, inc=True):
        if occurrence < pattern.first_start or occurrence.date() > last_day or occurrence >= range_end:
            continue
        if pattern.pa_start_date is not None and occurrence.date() < pattern.pa_start_date:
            continue
        if occurrence + length <= range_start:
            continue
        shifts.append(RotaShift(
            key=occurrence_key(pattern.pattern_id, occurrence),
            pa_id=pattern.pa_id,
            pa_name=pattern.pa_name,
            start=occurrence,
            end=occurrence + length,
            kind=pattern.kind,
            break_minutes=pattern.break_minutes,
            status="planned",
            pattern_id=pattern.pattern_id,
            occurrence_start=occurrence,
            notes=pattern.notes,
        ))
    return shifts


# How far ahead an open-ended pattern's occurrences are held to the 24-hour limit.
PATTERN_CHECK_YEARS = 10


def clock_changes(first_day: date, last_day: date) -> list[date]:
    """The days in [first_day, last_day] on which Europe/London's clocks change, in order.

    Found from the zone data itself (noon offsets month by month, then day by day in a month that changes), so
    the rule is never restated here.
    """
    def offset(day: date) -> timedelta:
        return datetime.combine(day, time(12), LONDON).utcoffset()

    changes = []
    last_day = min(last_day, LAST_DAY)
    month = first_day.replace(day=1)
    while month <= last_day:
        following = (month + timedelta(days=32)).replace(day=1)
        end = following
        if offset(month) != offset(end):
            day = month
            while day < end:
                if offset(day) != offset(day + timedelta(days=1)):
                    changed = day + timedelta(days=1)  # changed in the early hours of the next day
                    if first_day <= changed <= last_day:
                        changes.append(changed)
                day += timedelta(days=1)
        month = following
    return changes


def check_pattern_lengths(rrule: str, first_start: datetime, first_end: datetime, until: date | None = None) -> None:
    """Refuse a pattern any of whose occurrences would last more than MAX_SHIFT of real time.

    An occurrence keeps the first one's times on the clock, so its real length differs from the first one's only
    when one of them spans a clock change: the occurrences checked are the one after the first (the usual length,
    if the first spanned a change) and those spanning each change until the pattern ends (or PATTERN_CHECK_YEARS
    ahead). Names the first such shift, and why, in a plain sentence.
    """
    spec = PatternSpec(0, None, "", rrule, first_start, first_end, until)
    horizon = years_after(first_start.date(), PATTERN_CHECK_YEARS) if first_start.date() < LAST_DAY else LAST_DAY
    last_day = min(until if until is not None else horizon, LAST_DAY)
    rule = _rule(rrule, first_start)
    candidates = []
    second = rule.after(first_start)
    if second is not None and second.date() <= last_day:
        candidates.append(second)
    day = timedelta(days=1)
    for change in clock_changes(first_start.date(), last_day):
        midnight = datetime.combine(change, time())
        candidates.extend(s.start for s in expand_pattern(spec, midnight, midnight + day))
    length = first_end - first_start
    for start in sorted(set(candidates)):
        minutes = elapsed_minutes(start, start + length)
        if minutes > MAX_SHIFT.total_seconds() // 60:
            raise ValidationError(_too_long_sentence(start, start + length, minutes), field="end")


def _too_long_sentence(start: datetime, end: datetime, minutes: int) -> str:
    """Why an occurrence is too long, and what to do, in words ('25 hours'; '24 hours 30 minutes')."""
    over = minutes - int(MAX_SHIFT.total_seconds() // 60)
    if to_utc(end) - to_utc(start) > end - start:  # longer in real time than on the clock
        why = _("The clocks go back during the shift of {date}, so it would last {length}.")
    else:  # only the first shift, across the spring change, is an hour shorter than the rest
        why = _("The shift of {date} would last {length}: only the first, when the clocks go forward, is an hour "
                "shorter.")
    advice = _("A shift can be at most 24 hours: end it {over} earlier, or split the stay into a day shift and a "
               "night shift.")
    return (why.format(date=format_date(start.date()), length=duration_text(minutes)) + " "
            + advice.format(over=duration_text(over)))


def assemble(
    patterns: list[PatternSpec], stored: list[RotaShift], range_start: datetime, range_end: datetime
) -> list[RotaShift]:
    """Stored shifts plus pattern occurrences not replaced by a stored row, overlapping the range, in order."""
    replaced = {(s.pattern_id, s.occurrence_start) for s in stored if s.pattern_id is not None and s.occurrence_start}
    result = [s for s in stored if s.overlaps(range_start, range_end)]
    for pattern in patterns:
        for occurrence in expand_pattern(pattern, range_start, range_end):
            if (pattern.pattern_id, occurrence.start) in replaced:
                continue
            if occurrence.overlaps(range_start, range_end):
                result.append(occurrence)
    result.sort(key=lambda s: (s.start, s.pa_name, s.key))
    return result


# --- support schedule and gaps -------------------------------------------------------------------------


@dataclass(frozen=True)
class SupportNeedSpec:
    weekday: int  # Monday = 0
    start: time
    end: time     # an end at or before the start runs past midnight
    people: int = 1
    kind: str = "day"
    notes: str = ""


def support_intervals(needs: list[SupportNeedSpec], range_start: datetime, range_end: datetime):
    """(start, end, people) for every need on the days touching the range, clipped to it."""
    intervals = []
    day = range_start.date() - timedelta(days=1)  # yesterday's need may run past midnight into the range
    by_weekday = defaultdict(list)
    for need in needs:
        by_weekday[need.weekday].append(need)
    while day <= range_end.date():
        for need in by_weekday.get(day.weekday(), ()):
            start = datetime.combine(day, need.start)
            end_day = day if need.end > need.start else day + timedelta(days=1)
            end = datetime.combine(end_day, need.end)
            start, end = max(start, range_start), min(end, range_end)
            if start < end:
                intervals.append((start, end, need.people))
        day += timedelta(days=1)
    return intervals


@dataclass(frozen=True)
class Gap:
    """Support time with fewer people on the rota than the person needs."""

    start: datetime
    end: datetime
    people_needed: int
    people_on_rota: int

    @property
    def people_missing(self) -> int:
        return self.people_needed - self.people_on_rota

    @property
    def elapsed_minutes(self) -> int:
        return elapsed_minutes(self.start, self.end)


def find_gaps(
    needs: list[SupportNeedSpec], shifts: list[RotaShift], range_start: datetime, range_end: datetime
) -> list[Gap]:
    """Sweep the range: where needs overlap the larger `people` applies (a double-up is 2, not 1 + 2)."""
    events: dict[datetime, list] = defaultdict(list)
    for start, end, people in support_intervals(needs, range_start, range_end):
        events[start].append(("need+", people))
        events[end].append(("need-", people))
    for shift in shifts:
        if not shift.is_active or not shift.is_staffed:
            continue
        start, end = max(shift.start, range_start), min(shift.end, range_end)
        if start < end:
            events[start].append(("on", 1))
            events[end].append(("off", 1))
    needed: Counter[int] = Counter()
    on_rota = 0
    gaps: list[Gap] = []
    open_gap: tuple[datetime, int, int] | None = None
    for moment in sorted(events):
        for what, value in events[moment]:
            if what == "need+":
                needed[value] += 1
            elif what == "need-":
                needed[value] -= 1
                if needed[value] == 0:
                    del needed[value]
            elif what == "on":
                on_rota += 1
            else:
                on_rota -= 1
        need_now = max(needed) if needed else 0
        state = (need_now, min(on_rota, need_now)) if on_rota < need_now else None
        if open_gap is not None and (state is None or state != open_gap[1:]):
            gaps.append(Gap(open_gap[0], moment, open_gap[1], open_gap[2]))
            open_gap = None
        if state is not None and open_gap is None:
            open_gap = (moment, *state)
    return gaps


# --- clashes --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AbsenceSpec:
    absence_id: int | None
    pa_id: int
    kind: str
    start_date: date
    end_date: date
    shift_id: int | None = None


@dataclass(frozen=True)
class Clash:
    """A PA booked twice at once (`reason` 'overlap', two shifts) or during their leave ('absence')."""

    pa_id: int
    pa_name: str
    reason: str
    shifts: tuple[RotaShift, ...]
    absence: AbsenceSpec | None = None


def find_clashes(shifts: list[RotaShift], absences: list[AbsenceSpec] = ()) -> list[Clash]:
    clashes: list[Clash] = []
    by_pa: dict[int, list[RotaShift]] = defaultdict(list)
    for shift in shifts:
        if shift.is_active and shift.pa_id is not None:
            by_pa[shift.pa_id].append(shift)
    for pa_shifts in by_pa.values():
        pa_shifts.sort(key=lambda s: (to_utc(s.start), s.key))
        for index, first in enumerate(pa_shifts):
            for second in pa_shifts[index + 1:]:
                if to_utc(second.start) >= to_utc(first.end):
                    break
                clashes.append(Clash(first.pa_id, first.pa_name, "overlap", (first, second)))
    for absence in absences:
        leave_start = datetime.combine(absence.start_date, time())
        leave_end = datetime.combine(absence.end_date + timedelta(days=1), time())
        if absence.shift_id is not None:
            continue  # missed one shift (sick, did not come): they may still come for their other shifts that day
        for shift in by_pa.get(absence.pa_id, ()):
            if shift.overlaps(leave_start, leave_end):
                clashes.append(Clash(shift.pa_id, shift.pa_name, "absence", (shift,), absence))
    clashes.sort(key=lambda c: (c.shifts[0].start, c.pa_name, c.reason))
    return clashes


def clash_explanation(clash: Clash) -> str:
    if clash.reason == "overlap":
        first, second = clash.shifts
        return _("{pa} is on two shifts at once: {a} and {b}.").format(
            pa=clash.pa_name, a=describe_shift_time(first), b=describe_shift_time(second))
    return _("{pa} is on the rota for {shift} but is booked off ({kind}) from {start} to {end}.").format(
        pa=clash.pa_name, shift=describe_shift_time(clash.shifts[0]), kind=absence_kind_label(clash.absence.kind),
        start=format_date(clash.absence.start_date), end=format_date(clash.absence.end_date))


def day_label(day: date) -> str:
    """'Mon 23 Nov' in the user's language."""
    return f"{day_name(day.weekday(), width='abbreviated')} {format_date(day, format='d MMM')}"


def clock_range(start: datetime, end: datetime) -> str:
    """'07:00–10:00': the clock times only, in the user's language."""
    return f"{format_time(start.time())}–{format_time(end.time())}"


def describe_span(start: datetime, end: datetime) -> str:
    """'Mon 23 Nov 07:00–10:00', or 'Sat 24 Oct 22:00–Sun 07:00' overnight (ending at midnight stays one day)."""
    if start.date() == end.date() or end == datetime.combine(start.date() + timedelta(days=1), time()):
        return f"{day_label(start.date())} {clock_range(start, end)}"
    return (f"{day_label(start.date())} {format_time(start.time())}–"
            f"{day_name(end.weekday(), width='abbreviated')} {format_time(end.time())}")


def describe_shift_time(shift: RotaShift) -> str:
    """When a shift is, in words: see describe_span."""
    return describe_span(shift.start, shift.end)


def week_start(day: date) -> date:
    """The Monday of the week containing `day`."""
    return day - timedelta(days=day.weekday())


def week_range(day: date) -> tuple[datetime, datetime]:
    monday = week_start(day)
    return datetime.combine(monday, time()), datetime.combine(monday + timedelta(days=7), time())


def validate_shift(start: datetime, end: datetime, kind: str, break_minutes: int, woken_minutes: int = 0) -> None:
    if kind not in KINDS:
        raise ValidationError(
            _("'{kind}' is not a kind of shift: use day, waking_night, sleep_in or on_call.").format(kind=kind),
            field="kind")
    if end <= start:
        raise ValidationError(_("A shift must end after it starts; for a night shift give the next day's date "
                                "for the end."), field="end")
    length = elapsed_minutes(start, end)  # real time: across the October clock change 07:00-07:00 is 25 hours
    if length > MAX_SHIFT.total_seconds() // 60:
        raise ValidationError(_("A shift can be at most 24 hours long; split a longer stay into daily shifts."),
                              field="end")
    if break_minutes < 0 or break_minutes >= max(length, 1):
        raise ValidationError(_("The unpaid break must be at least 0 minutes and shorter than the shift."),
                              field="break_minutes")
    if woken_minutes < 0 or woken_minutes > length:
        raise ValidationError(_("Time woken to work must be between 0 minutes and the length of the shift."),
                              field="woken_minutes")
