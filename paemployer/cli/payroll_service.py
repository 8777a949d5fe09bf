"""`paemployer hours`: the hours a payroll service needs for one pay period, as a CSV.

The payslips the service sends back are imported with `paemployer import FILE payslips.csv` (cli/records.py).
Both files are described in docs/payroll-service-export.md.
"""

from __future__ import annotations

from paemployer import clock
from paemployer.cli import EXIT_OK
from paemployer.cli.args import file_path, parse_date
from paemployer.i18n import _, format_date, ngettext
from paemployer.services import output
from paemployer.store.db import open_employer_file


def register(subparsers) -> None:
    hours = subparsers.add_parser(
        "hours", help=_("write the hours a payroll service needs for a pay period (CSV)"),
        description=_("Write the hours export for a payroll service: one CSV row per PA paid for a period ending "
                      "on DATE (two rows when their rates changed in the period), with their NI number, the "
                      "hours at each rate, sleep-ins, holiday and sickness days and expenses, built from the same "
                      "pay runs as the pay screen. Drafts for the period are built or brought up to date first. "
                      "The columns are described in docs/payroll-service-export.md."))
    hours.add_argument("file", metavar="FILE", type=file_path, help=_("the employer file"))
    hours.add_argument("--period-end", required=True, metavar="DATE",
                       help=_("the last day of the pay period (YYYY-MM-DD)"))
    hours.add_argument("--out", required=True, metavar="hours.csv", type=file_path,
                       help=_("where to write the CSV (never over an employer file)"))
    hours.add_argument("--force", action="store_true", help=_("replace the CSV if it already exists"))
    hours.set_defaults(handler=run_hours)


def run_hours(args) -> int:
    from paemployer.services.pay import exchange

    period_end = parse_date(args.period_end, field="period_end")
    output.check_output_path(args.out, replace=args.force)  # refused before any work is done
    with open_employer_file(args.file) as ef:
        export = exchange.hours_export(ef, period_end, now=clock.now())
        written = exchange.save_hours_export(export, args.out, force=args.force)
    pas = len({row["pa"] for row in export.rows})
    print(ngettext("Wrote the hours of {n} PA for the period ending {date} to {path}.",
                   "Wrote the hours of {n} PAs for the period ending {date} to {path}.", pas).format(
        n=pas, date=format_date(period_end), path=written))
    if export.warnings:
        print(_("Before you send it:"))
        for warning in export.warnings:
            print("  " + warning)
    return EXIT_OK
