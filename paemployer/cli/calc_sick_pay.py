"""`paemployer calc sick-pay`: statutory sick pay for one spell of sickness.

    paemployer calc sick-pay --from 2026-04-06 --to 2026-04-17 --qualifying-days mon,tue,wed,thu,fri \\
        --weekly-earnings 300 [--linked-from 2026-03-02 --linked-to 2026-03-06] --json

The earlier spell (`--linked-from`/`--linked-to`) counts only if it links in law: it is a period of incapacity
for work and ends no more than the linking gap (sick_pay_table: linking_gap_days) before this one starts.
"""

from __future__ import annotations

import argparse
import json
from itertools import groupby
from decimal import Decimal

from paemployer.cli.args import iso_date
from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date, format_decimal, format_money, ngettext
from paemployer.rules.sick_pay import (
    NIL_RATE,
    NOT_QUALIFYING,
    PAID,
    WAITING,
    Spell,
    parse_qualifying_days,
    sick_pay_table,
    status_label,
    statutory_sick_pay,
)
from paemployer.services.records.validation import to_money


# Far beyond any real week's pay: larger amounts are typing mistakes (and would strain the arithmetic).
WEEKLY_EARNINGS_LIMIT = Decimal(1_000_000)


def money(text: str) -> Decimal:
    """argparse type: an amount of money of 0 or more, like 250 or 250.00."""
    try:
        value = to_money(text, field="weekly_earnings")
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None
    if value is None or value < 0:
        raise argparse.ArgumentTypeError(_("'{text}' must be an amount of money of 0 or more").format(text=text))
    if value > WEEKLY_EARNINGS_LIMIT:
        raise argparse.ArgumentTypeError(_("'{text}' is more than PA Employer accepts for a week's earnings "
                                           "({limit})").format(text=text, limit=format_money(WEEKLY_EARNINGS_LIMIT)))
    if value != value.quantize(Decimal("0.01")):
        raise argparse.ArgumentTypeError(_("'{text}' has more than two decimal places").format(text=text))
    return value


def weekdays(text: str) -> tuple[int, ...]:
    """argparse type: days of the week like mon,tue,wed."""
    try:
        return parse_qualifying_days(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(calc_subparsers) -> None:
    parser = calc_subparsers.add_parser(
        "sick-pay",
        help=_("statutory sick pay for a spell of sickness"),
        description=_(
            "Statutory Sick Pay for one spell of sickness: days paid, the amount (each Sunday-Saturday week rounded "
            "up to the penny, as HMRC's daily rates table) and the daily rate."
        ),
    )
    parser.add_argument("--from", dest="start", type=iso_date, required=True, metavar="YYYY-MM-DD",
                        help=_("the first day of sickness"))
    parser.add_argument("--to", dest="end", type=iso_date, required=True, metavar="YYYY-MM-DD",
                        help=_("the last day of sickness"))
    parser.add_argument("--qualifying-days", type=weekdays, required=True, metavar="mon,tue,…",
                        help=_("the days of the week the employee normally works"))
    parser.add_argument("--weekly-earnings", type=money, required=True, metavar="AMOUNT",
                        help=_("average weekly earnings over the {weeks} weeks before the sickness").format(
                            weeks=sick_pay_table().rows[-1]["relevant_period_weeks"]))
    parser.add_argument("--linked-from", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("first day of an earlier spell of sickness"))
    parser.add_argument("--linked-to", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("last day of that earlier spell"))
    parser.add_argument("--json", action="store_true", help=_("print the answer and its working as JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    if args.end < args.start:
        raise ValidationError(
            _("argument --to: {end} is before --from {start}").format(end=args.end.isoformat(), start=args.start.isoformat()),
            field="to",
        )
    earlier = []
    if (args.linked_from is None) != (args.linked_to is None):
        raise ValidationError(_("arguments --linked-from and --linked-to must be given together"), field="linked_from")
    if args.linked_from is not None:
        if args.linked_to < args.linked_from:
            raise ValidationError(_("argument --linked-to: it is before --linked-from"), field="linked_to")
        if (args.start - args.linked_to).days < 2:
            raise ValidationError(
                _("argument --linked-to: the earlier spell must end at least one day before --from "
                  "(otherwise it is the same spell: give its first day as --from)"),
                field="linked_to",
            )
        earlier.append(Spell(args.linked_from, args.linked_to))
    result = statutory_sick_pay(
        Spell(args.start, args.end), args.qualifying_days, args.weekly_earnings, earlier_spells=earlier
    )
    if args.json:
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return 0
    print(
        ngettext(
            "Statutory Sick Pay for {start} to {end}: {amount} for {days} day.",
            "Statutory Sick Pay for {start} to {end}: {amount} for {days} days.",
            result.days_paid,
        ).format(
            start=format_date(args.start, format="long"),
            end=format_date(args.end, format="long"),
            amount=format_money(result.amount),
            days=result.days_paid,
        )
    )
    # Runs of paid days sharing one daily rate, as result.daily_rates() groups them for the JSON.
    paid = [day for day in result.days if day.status in (PAID, NIL_RATE)]
    for (_weekly, daily, how), run_ in groupby(paid, key=lambda day: (day.weekly_rate, day.daily_rate, day.how)):
        run_ = list(run_)
        print(
            ngettext(
                "  {first} to {last}: {count} day at {daily} a day ({how}).",
                "  {first} to {last}: {count} days at {daily} a day ({how}).",
                len(run_),
            ).format(
                first=format_date(run_[0].day),
                last=format_date(run_[-1].day),
                count=len(run_),
                daily=format_decimal(daily, places=4),
                how=how,
            )
        )
    if result.waiting_days:
        print(_("  Waiting days (unpaid): {days}.").format(days=", ".join(format_date(d) for d in result.waiting_days)))
    if earlier:
        print(_("  Earlier spell linked: {answer}.").format(answer=_("yes") if result.linked_spells else _("no")))
    if not result.period_of_incapacity:
        print(_("  Not a period of incapacity for work: too short for SSP under the rules then in force."))
    reasons = sorted({day.status for day in result.days} - {PAID, NOT_QUALIFYING, WAITING})
    if reasons:
        print(_("  Other days: {reasons}.").format(reasons=", ".join(status_label(reason) for reason in reasons)))
    return 0
