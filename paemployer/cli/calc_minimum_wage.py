"""`paemployer calc minimum-wage`: the minimum hourly rate for a worker in a pay reference period.

    paemployer calc minimum-wage --date-of-birth 2005-06-30 --on 2026-04-01 [--apprentice-since 2025-09-01] --json

`--on` is the first day of the pay reference period: the worker's age and the rates in force on that day set the
rate for the whole period (HMRC NMW Manual NMWM03050).
"""

from __future__ import annotations

import json

from paemployer.cli.args import iso_date
from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date, format_money
from paemployer.rules.minimum_wage import minimum_wage_rate, minimum_wage_table, next_changes


def register(calc_subparsers) -> None:
    parser = calc_subparsers.add_parser(
        "minimum-wage",
        help=_("the National Minimum Wage / National Living Wage rate for a worker in a pay reference period"),
        description=_(
            "The minimum hourly rate for a pay reference period, set by the worker's age and the rates in force "
            "on its first day, and the dates on which it will next change."
        ),
    )
    parser.add_argument(
        "--date-of-birth", type=iso_date, required=True, metavar="YYYY-MM-DD", help=_("the worker's date of birth")
    )
    parser.add_argument(
        "--on", type=iso_date, required=True, metavar="YYYY-MM-DD", help=_("the first day of the pay reference period")
    )
    parser.add_argument(
        "--apprentice-since",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=_("the day the worker's apprenticeship started, if they are an apprentice"),
    )
    parser.add_argument("--json", action="store_true", help=_("print the answer and its working as JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    if args.on < args.date_of_birth:
        raise ValidationError(
            _("argument --on: {on} is before the date of birth {dob}").format(
                on=args.on.isoformat(), dob=args.date_of_birth.isoformat()
            ),
            field="on",
        )
    if args.apprentice_since is not None and args.apprentice_since < args.date_of_birth:
        raise ValidationError(
            _("argument --apprentice-since: {day} is before the date of birth").format(
                day=args.apprentice_since.isoformat()
            ),
            field="apprentice_since",
        )
    rate = minimum_wage_rate(args.date_of_birth, args.on, apprentice_since=args.apprentice_since)
    changes = next_changes(args.date_of_birth, args.on, apprentice_since=args.apprentice_since)
    if args.json:
        answer = rate.as_dict()
        answer["next_changes"] = [change.as_dict() for change in changes]
        print(json.dumps(answer, indent=2, ensure_ascii=False))
        return 0
    if rate.hourly_rate is None:
        print(_("Not entitled to the minimum wage: under {age} on {day}.").format(
            age=minimum_wage_table().value_on("youth_band_min_age", args.on), day=format_date(args.on, format="long")))
    else:
        print(
            _("{rate} an hour: {band}, age {age} on {day}.").format(
                rate=format_money(rate.hourly_rate),
                band=rate.band_label,
                age=rate.age,
                day=format_date(args.on, format="long"),
            )
        )
        print(
            _("Rates in force from {day} ({source}).").format(
                day=format_date(rate.effective_from, format="long"), source=rate.source
            )
        )
    for change in changes[:3]:
        new_rate = _("not entitled") if change.hourly_rate is None else format_money(change.hourly_rate)
        print(
            _("From the first pay period starting on or after {day}: {rate} ({band}).").format(
                day=format_date(change.on, format="long"), rate=new_rate, band=change.band_label
            )
        )
    return 0
