"""`paemployer calc holiday`: statutory holiday entitlement for one way of working, as GOV.UK calculates it.

    paemployer calc holiday --basis days|hours|compressed|shifts|irregular|annualised
        [--days-per-week N] [--hours-per-week H] [--hours-worked H]
        [--shift-hours H --shifts-per-pattern N --pattern-days N]
        --leave-year-start D [--start D] [--leaving D] [--json]

JSON: {"entitlement": "16.5", "unit": "days", "display": "16.5", "working": {...}, ...}; numbers are
decimal strings. `entitlement` carries the rounding GOV.UK applies to the entitlement itself (a
starter's days rounded up to the next half day); `display` is GOV.UK's shown figure.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal

from paemployer.cli.args import bounded_number, bounded_whole_number, iso_date
from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date
from paemployer.rules import holiday

# Which number arguments each way of working takes (the others are refused, to catch mistakes).
NEEDS = {
    "days": ("days_per_week",),
    "hours": ("hours_per_week", "days_per_week"),
    "compressed": ("hours_per_week", "days_per_week"),
    "shifts": ("shift_hours", "shifts_per_pattern", "pattern_days"),
    "irregular": ("hours_worked",),
    "annualised": (),
}
OPTION = {
    "days_per_week": "--days-per-week", "hours_per_week": "--hours-per-week", "hours_worked": "--hours-worked",
    "shift_hours": "--shift-hours", "shifts_per_pattern": "--shifts-per-pattern", "pattern_days": "--pattern-days",
    "leave_year_start": "--leave-year-start", "start": "--start", "leaving": "--leaving",
}


# Far beyond any real week or year, and small enough for every calculation to stay exact.
NUMBER_LIMIT = Decimal(10 ** 6)


def _number(text: str) -> Decimal:
    try:
        return bounded_number(text, low=-NUMBER_LIMIT, high=NUMBER_LIMIT, example="37.5")
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _whole_number(text: str) -> int:
    try:
        return bounded_whole_number(text, low=-int(NUMBER_LIMIT), high=int(NUMBER_LIMIT))
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def register(calc_subparsers) -> None:
    parser = calc_subparsers.add_parser(
        "holiday", help=_("statutory holiday entitlement, as the GOV.UK holiday entitlement calculator works it out"),
    )
    parser.add_argument("--basis", required=True, choices=list(NEEDS), help=_("the way the PA works"))
    parser.add_argument("--days-per-week", type=_number, metavar="N", help=_("days worked a week"))
    parser.add_argument("--hours-per-week", type=_number, metavar="H", help=_("hours worked a week"))
    parser.add_argument("--hours-worked", type=_number, metavar="H",
                        help=_("irregular hours: hours worked in the pay period"))
    parser.add_argument("--shift-hours", type=_number, metavar="H", help=_("shifts: hours in each shift"))
    parser.add_argument("--shifts-per-pattern", type=_whole_number, metavar="N",
                        help=_("shifts: number of shifts in the shift pattern"))
    parser.add_argument("--pattern-days", type=_number, metavar="N", help=_("shifts: days the shift pattern lasts"))
    parser.add_argument("--leave-year-start", type=iso_date, required=True, metavar="D",
                        help=_("the first day of the leave year"))
    parser.add_argument("--start", type=iso_date, metavar="D", help=_("the start date, if starting part way"))
    parser.add_argument("--leaving", type=iso_date, metavar="D", help=_("the leaving date, if leaving part way"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def _check_arguments(args) -> None:
    needed = NEEDS[args.basis]
    for name in needed:
        # Irregular hours in a leave year before 1 April 2024 answer in weeks, with no hours needed.
        if getattr(args, name) is None and not (args.basis == "irregular" and not _new_irregular_rules(args)):
            raise ValidationError(_("{option} is needed with --basis {basis}.").format(
                option=OPTION[name], basis=args.basis), field=name)
    for name in OPTION:
        if name in needed or name in ("leave_year_start", "start", "leaving"):
            continue
        if getattr(args, name) is not None:
            raise ValidationError(_("{option} is not used with --basis {basis}.").format(
                option=OPTION[name], basis=args.basis), field=name)


def _new_irregular_rules(args) -> bool:
    return bool(holiday.rules_for_leave_year(args.leave_year_start)["irregular_accrual"])


def _result_json(result: holiday.HolidayEntitlement) -> dict:
    payload = {
        "basis": result.basis.value,
        "entitlement": holiday.plain(result.entitlement),
        "unit": result.unit,
        "display": result.display,
        "period": result.period.value,
        "working": {**result.working, "steps": list(result.steps)},
    }
    payload.update(result.extra)
    return payload


def _print_text(result: holiday.HolidayEntitlement, args) -> None:
    units = {"days": _("days"), "hours": _("hours"), "shifts": _("shifts"), "weeks": _("weeks")}
    print(_("Statutory holiday entitlement: {display} {unit}").format(display=result.display, unit=units[result.unit]))
    if result.display != holiday.plain(result.entitlement):
        print(_("  (before GOV.UK's display rounding: {value})").format(value=holiday.plain(result.entitlement)))
    if result.accrued is not None and result.accrued != result.entitlement:
        # A running total over pay periods adds the exact hours; the rounded figure would lose them.
        print(_("  Exactly {hours} hours accrued: add this figure, not the rounded one, when you total the "
                "leave over several pay periods.").format(hours=holiday.plain(result.accrued)))
    hours_and_minutes = result.extra.get("hours_and_minutes")
    if hours_and_minutes:
        print(_("  That is {hours} hours and {minutes} minutes.").format(**hours_and_minutes))
    daily = result.extra.get("daily_average")
    if daily:
        print(_("  Each day's holiday: {hours} hours and {minutes} minutes.").format(**daily))
    if "leave_year_first_day" in result.working:
        # The same leave year the entitlement was worked out over, as dates (the working holds them as text).
        year = holiday.year_fraction(leave_year_start=args.leave_year_start, start=args.start,
                                     leaving=args.leaving).leave_year
        print(_("  Leave year: {first} to {last}").format(first=format_date(year.first_day, format="long"),
                                                       last=format_date(year.last_day, format="long")))
    print(_("Working:"))
    for step in result.steps:
        print(f"  - {step}")


def run(args) -> int:
    try:
        _check_arguments(args)
        result = holiday.holiday_entitlement(
            args.basis, leave_year_start=args.leave_year_start, start=args.start, leaving=args.leaving,
            days_per_week=args.days_per_week, hours_per_week=args.hours_per_week, hours_worked=args.hours_worked,
            shift_hours=args.shift_hours, shifts_per_pattern=args.shifts_per_pattern, pattern_days=args.pattern_days,
        )
    except ValidationError as error:
        option = OPTION.get(error.field or "")
        message = f"{option}: {error.message}" if option and not error.message.startswith(option) else error.message
        raise ValidationError(message, field=error.field) from None
    if args.json:
        json.dump(_result_json(result), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_text(result, args)
    return 0
