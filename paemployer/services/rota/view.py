"""What the rota screens show, as plain values: patterns in words, short names, problems as rows.

No Qt here: the week and month views only lay these values out, and tests read them directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time


from paemployer.i18n import _, day_name, format_decimal, ngettext
from paemployer.labels import shift_status_label
from paemployer.rules.dates import months_after
from paemployer.rules.rates import load_table
from paemployer.rules.working_time import TABLE as WORKING_TIME_TABLE
from paemployer.services.rota import RotaPeriod
from paemployer.services.rota.engine import (
    Clash, Gap, RotaShift, clash_explanation, day_label, describe_shift_time, describe_span, recurrence,
)
from paemployer.store import queries
from paemployer.store.models import ShiftStatus


def month_start(day: date, months: int = 0) -> date:
    """The first day of the month `months` after the one containing `day` (negative: before); the rota's month view
    steps by it (calendar arithmetic through rules/dates.py, as everywhere)."""
    return months_after(day.replace(day=1), months)


def _day_runs(days: list[int]) -> str:
    """[0, 1, 2, 5] → 'Mon–Wed, Sat': runs of three or more days are shown as a range."""
    days = sorted(set(days))
    parts, run = [], []
    for day in days + [None]:
        if run and (day is None or day != run[-1] + 1):
            names = [day_name(d, width="abbreviated") for d in run]
            parts.append(f"{names[0]}–{names[-1]}" if len(run) >= 3 else ", ".join(names))
            run = []
        if day is not None:
            run.append(day)
    return ", ".join(parts)


def describe_rule(rrule: str, first_start: datetime) -> str:
    """A repeat rule in the words a person would use: 'every Mon–Thu', 'every other Sat'."""
    parts = recurrence(rrule)
    if parts is None:
        return _("repeats (custom rule)")
    freq, interval, weekdays = parts.freq, parts.interval, list(parts.weekdays)
    if freq == "DAILY" and not weekdays:
        return _("every day") if interval == 1 else _("every {n} days").format(n=interval)
    if freq == "WEEKLY":
        days = _day_runs(weekdays or [first_start.weekday()])
        if len(set(weekdays)) == 7:
            days = _("day")
        if interval == 1:
            return _("every {days}").format(days=days)
        if interval == 2:
            return _("every other {days}").format(days=days)
        return _("every {n} weeks: {days}").format(n=interval, days=days)
    if freq == "MONTHLY":
        return _("monthly")
    return _("repeats (custom rule)")


def pattern_words(ef) -> dict[int, str]:
    """Each shift pattern's repeat in words, by pattern id."""
    with ef.session() as session:
        rows = queries.pattern_rules(session=session)
    return {pattern_id: describe_rule(rule, first_start) for pattern_id, rule, first_start in rows}


def short_names(full_names: list[str]) -> dict[str, str]:
    """First names where they tell the PAs apart, full names where two PAs share a first name."""
    firsts: dict[str, int] = {}
    for name in set(full_names):
        first = name.split(" ")[0] if name else name
        firsts[first] = firsts.get(first, 0) + 1
    result = {}
    for name in full_names:
        first = name.split(" ")[0] if name else name
        result[name] = first if firsts.get(first, 0) == 1 else name
    return result


def shift_words(shift: RotaShift, patterns: dict[int, str]) -> str:
    """Where the shift comes from: its pattern in words, 'one-off', or who it covers for."""
    if shift.cover_for_shift_id is not None:
        return _("covering")
    if shift.pattern_id is not None:
        return patterns.get(shift.pattern_id, _("repeating"))
    return _("one-off")


def status_words(status: str) -> str:
    """What is said beside a shift about its status: nothing for a planned one, else labels' words."""
    return "" if status == ShiftStatus.PLANNED else shift_status_label(status)


# --- problems beside the grid ------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the rota, in words: when, what, and who (or which shifts)."""

    kind: str             # "gap", "clash" or "working_time"
    start: datetime
    end: datetime | None
    when: str
    what: str
    who: str
    shift_keys: tuple[str, ...] = ()
    people_missing: int = 0


def gap_problem(gap: Gap) -> Problem:
    if gap.people_needed > 1 and gap.people_on_rota > 0:
        what = ngettext("Second person missing: {needed} needed, {on} on the rota",
                        "{missing} people missing: {needed} needed, {on} on the rota",
                        gap.people_missing).format(missing=gap.people_missing, needed=gap.people_needed,
                                                   on=gap.people_on_rota)
    else:
        what = ngettext("Nobody on the rota", "{missing} people missing: nobody on the rota",
                        gap.people_missing).format(missing=gap.people_missing)
    return Problem("gap", gap.start, gap.end, describe_span(gap.start, gap.end), what, _("Enter adds a shift for it"),
                   people_missing=gap.people_missing)


def clash_problem(clash: Clash) -> Problem:
    first = clash.shifts[0]
    what = _("Two shifts at once") if clash.reason == "overlap" else _("On the rota while booked off")
    return Problem("clash", first.start, first.end, describe_shift_time(first), what,
                   clash_explanation(clash), tuple(s.key for s in clash.shifts))


def weekly_average_limit(day: date) -> str:
    """The weekly average limit in force on `day`, as a person reads it ('48')."""
    return format_decimal(load_table(WORKING_TIME_TABLE).row_on(day)["weekly_average_limit_hours"])


def working_time_title(code: str, day: date, opted_out: bool = False, forecast: bool = False) -> str:
    """A short title for a WTR_* issue; the hours come from the working-time rates in force on `day`."""
    limits = load_table(WORKING_TIME_TABLE).row_on(day)
    titles = {
        "WTR_DAILY_REST": _("Less than {hours} hours' rest between shifts").format(
            hours=format_decimal(limits["daily_rest_hours"])),
        "WTR_WEEKLY_REST": _("Not enough weekly rest"),
        "WTR_48H_AVERAGE": _("Over {hours} hours a week on average").format(
            hours=format_decimal(limits["weekly_average_limit_hours"])),
        "WTR_BREAK": _("No break long enough in a long shift"),
        "WTR_NIGHT_WORK": _("Night work over the limit"),
        "WTR_YOUNG_WORKER": _("Over a young worker's limits"),
    }
    if forecast and code == "WTR_48H_AVERAGE":
        titles[code] = _("On course for over {hours} hours a week on average").format(
            hours=format_decimal(limits["weekly_average_limit_hours"]))
    title = titles.get(code, _("Working-time limit"))
    return _("{title} (opted out: for information)").format(title=title) if opted_out else title


def working_time_problem(issue) -> Problem:
    """A rest or hours-limit issue (services.rota_working_time.WorkingTimeIssue), shown like the others."""
    first, last = issue.first_day, issue.last_day
    when = day_label(first) if last == first else f"{day_label(first)}–{day_label(last)}"
    return Problem("working_time", datetime.combine(first, time()), datetime.combine(last, time()), when,
                   working_time_title(issue.code, first, issue.opted_out, issue.forecast),
                   f"{issue.pa_name}: {issue.explanation}",
                   tuple(issue.shift_keys))


def problems(view: RotaPeriod) -> list[Problem]:
    """Gaps, clashes and working-time issues of a period, in time order."""
    rows = [gap_problem(g) for g in view.gaps] + [clash_problem(c) for c in view.clashes]
    rows += [working_time_problem(issue) for issue in view.working_time]
    rows.sort(key=lambda p: (p.start, p.kind, p.who))
    return rows


def problem_counts(rows: list[Problem], *, checking: bool = False) -> str:
    """'1 gap, 0 clashes, 2 rest or hours problems'; while the working-time checks run, says so instead."""
    gaps = sum(1 for p in rows if p.kind == "gap")
    clashes = sum(1 for p in rows if p.kind == "clash")
    limits = sum(1 for p in rows if p.kind == "working_time")
    if checking:
        return ", ".join([ngettext("{n} gap", "{n} gaps", gaps).format(n=gaps),
                          ngettext("{n} clash", "{n} clashes", clashes).format(n=clashes),
                          _("checking rest and hours…")])
    if not rows:
        return _("No gaps, clashes or rest problems.")
    parts = [ngettext("{n} gap", "{n} gaps", gaps).format(n=gaps),
             ngettext("{n} clash", "{n} clashes", clashes).format(n=clashes),
             ngettext("{n} rest or hours problem", "{n} rest or hours problems", limits).format(n=limits)]
    return ", ".join(parts)
