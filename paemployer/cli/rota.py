"""`paemployer rota`, `paemployer ics` and `paemployer plan`: the rota headless."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta

from paemployer import clock
from paemployer.services import output
from paemployer.cli import EXIT_OK
from paemployer.cli.args import LAST_DAY, argparse_type, bounded_whole_number, file_path, name_text, parse_date
from paemployer.errors import ValidationError
from paemployer.i18n import _, day_name, format_date, format_time, ngettext
from paemployer.services import rota
from paemployer.labels import shift_kind_label
from paemployer.services.rota.engine import Clash, Gap, RotaShift, clash_explanation, describe_shift_time
from paemployer.services.rota.view import status_words
from paemployer.store.db import open_employer_file

# The most weeks one calendar holds: ten years of shifts.
MAX_WEEKS = 520


def _shift_json(shift: RotaShift, week: tuple[datetime, datetime]) -> dict:
    """A shift as `rota --json` gives it. A shift is listed in every week it overlaps, but belongs to (and is paid in)
    the week it starts in: a week's pay is the sum over its shifts whose `starts_in_week` is true."""
    return {
        "key": shift.key,
        "pa": shift.pa_name or None,
        "pa_id": shift.pa_id,
        "cover_contact": shift.cover_contact_name or None,
        "start": shift.start.isoformat(timespec="minutes"),
        "end": shift.end.isoformat(timespec="minutes"),
        "kind": shift.kind,
        "break_minutes": shift.break_minutes,
        "status": shift.status,
        # Only a shift someone came to counts (RotaShift.is_came_to): a covered PA's time is paid to their cover.
        "working_minutes": shift.minutes_worked,
        "paid_minutes": shift.paid_minutes,
        "woken_minutes": shift.woken_minutes,
        "pattern_id": shift.pattern_id,
        "starts_in_week": week[0] <= shift.start < week[1],
    }


def _gap_json(gap: Gap) -> dict:
    return {"start": gap.start.isoformat(timespec="minutes"), "end": gap.end.isoformat(timespec="minutes"),
            "people_missing": gap.people_missing, "people_needed": gap.people_needed}


def _clash_json(clash: Clash, week: tuple[datetime, datetime]) -> dict:
    data = {"pa": clash.pa_name, "pa_id": clash.pa_id, "reason": clash.reason,
            "shifts": [_shift_json(s, week) for s in clash.shifts], "explanation": clash_explanation(clash)}
    if clash.absence is not None:
        data["absence"] = {"kind": clash.absence.kind, "start_date": clash.absence.start_date.isoformat(),
                           "end_date": clash.absence.end_date.isoformat()}
    return data


def _when(moment: datetime) -> str:
    """'Tue 24 Nov 09:00': a gap's start or end, written like the shifts above it."""
    return (f"{day_name(moment.weekday(), width='abbreviated')} {format_date(moment.date(), format='d MMM')} "
            f"{format_time(moment.time())}")


def _rota(args) -> int:
    day = parse_date(args.week, field="week") if args.week else clock.today()
    if args.pdf:
        output.check_output_path(args.pdf, replace=args.force)  # refused before any work is done
    with open_employer_file(args.file) as ef:
        view = rota.week(ef, day, working_time=True)
        if args.pdf:
            from paemployer.services.rota.documents import weekly_rota

            output.write_output(args.pdf, weekly_rota(ef, day, today=clock.today()), replace=args.force)
    if args.json:
        week = (view.start, view.end)
        json.dump({
            "week_start": view.start.date().isoformat(),
            "shifts": [_shift_json(s, week) for s in view.shifts],
            "gaps": [_gap_json(g) for g in view.gaps],
            "clashes": [_clash_json(c, week) for c in view.clashes],
            "working_time": [issue.as_json() for issue in view.working_time],
        }, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    print(_("Rota for the week of {date}").format(date=format_date(view.start.date(), format="long")))
    for shift in view.shifts:
        words = status_words(shift.status)
        status = f" [{words}]" if words else ""
        print(f"  {describe_shift_time(shift)}  {shift.who}  ({shift_kind_label(shift.kind)}){status}")
    if not view.shifts:
        print("  " + _("No shifts this week."))
    print(ngettext("{n} gap", "{n} gaps", len(view.gaps)).format(n=len(view.gaps)))
    for gap in view.gaps:
        print("  " + _("{start} to {end}: {n} more needed").format(
            start=_when(gap.start), end=_when(gap.end),
            n=gap.people_missing))
    print(ngettext("{n} clash", "{n} clashes", len(view.clashes)).format(n=len(view.clashes)))
    for clash in view.clashes:
        print("  " + clash_explanation(clash))
    print(ngettext("{n} working-time finding", "{n} working-time findings", len(view.working_time)).format(
        n=len(view.working_time)))
    for issue in view.working_time:
        print(f"  {issue.code} {issue.pa_name}: {issue.explanation}")
    return EXIT_OK


def _ics(args) -> int:
    from paemployer.services.rota.calendar_export import export_pa_calendar

    first_day = parse_date(args.from_date, field="from") if args.from_date else clock.today() - timedelta(days=28)
    if not 1 <= args.weeks <= MAX_WEEKS:
        raise ValidationError(_("--weeks must be from 1 to {most}.").format(most=MAX_WEEKS), field="weeks")
    last_day = first_day + timedelta(weeks=args.weeks) - timedelta(days=1)
    if last_day > LAST_DAY:
        raise ValidationError(_("--from and --weeks reach past {last}, the last date PA Employer works with.").format(
            last=LAST_DAY.isoformat()), field="weeks")
    output.check_output_path(args.out, replace=args.force)
    with open_employer_file(args.file) as ef:
        count = export_pa_calendar(ef, args.pa, args.out, first_day=first_day, last_day=last_day, stamp=clock.now(),
                                   replace=args.force)
    print(ngettext("Wrote {n} shift to {path}", "Wrote {n} shifts to {path}", count).format(n=count, path=args.out))
    return EXIT_OK


def _plan(args) -> int:
    from paemployer.services.rota.documents import emergency_plan

    output.check_output_path(args.out, replace=args.force)
    with open_employer_file(args.file) as ef:
        output.write_output(args.out, emergency_plan(ef, today=clock.today()), replace=args.force)
    print(_("Wrote the emergency plan to {path}").format(path=args.out))
    return EXIT_OK


def register(subparsers) -> None:
    parser = subparsers.add_parser("rota", help=_("show a week's shifts, gaps and clashes"))
    parser.add_argument("file", metavar="FILE", type=file_path, help=_("the employer file"))
    parser.add_argument("--week", metavar="DATE", help=_("any day of the week to show (YYYY-MM-DD); default this week"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    parser.add_argument("--pdf", metavar="OUT.pdf", type=file_path, help=_("also write the week's rota as a PDF"))
    parser.add_argument("--force", action="store_true", help=_("replace OUT.pdf if it already exists"))
    parser.set_defaults(handler=_rota)

    parser = subparsers.add_parser("ics", help=_("write a PA's shifts as a calendar file for their phone"))
    parser.add_argument("file", metavar="FILE", type=file_path, help=_("the employer file"))
    parser.add_argument("--pa", required=True, metavar="NAME", type=name_text,
                        help=_("the PA's full name; if two PAs share it, add the date of birth as the error shows, "
                               "like \"Ann Lee (born 1990-12-13)\""))
    parser.add_argument("--out", required=True, metavar="FILE.ics", type=file_path,
                        help=_("where to write the calendar"))
    parser.add_argument("--force", action="store_true", help=_("replace FILE.ics if it already exists"))
    parser.add_argument("--from", dest="from_date", metavar="DATE",
                        help=_("first day (YYYY-MM-DD); default four weeks ago"))
    parser.add_argument("--weeks", type=argparse_type(bounded_whole_number, low=-(10 ** 6), high=10 ** 6), default=30,
                        help=_("how many weeks to include (default 30)"))
    parser.set_defaults(handler=_ics)

    parser = subparsers.add_parser("plan", help=_("write the one-page emergency plan as a PDF"))
    parser.add_argument("file", metavar="FILE", type=file_path, help=_("the employer file"))
    parser.add_argument("--out", required=True, metavar="plan.pdf", type=file_path, help=_("where to write the PDF"))
    parser.add_argument("--force", action="store_true", help=_("replace the PDF if it already exists"))
    parser.set_defaults(handler=_plan)
