"""`paemployer new`, `paemployer demo` and `paemployer import`: making and filling employer files headless.

For support services setting up many clients by script: each command prints what it did, and exits
2 with a plain message (and nothing changed) when the input is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paemployer import clock
from paemployer.cli import EXIT_ACT_NOW, EXIT_BAD_INPUT, EXIT_OK
from paemployer.cli.args import file_path, name_text
from paemployer.i18n import _, ngettext
from paemployer.store.models import Nation


def register(subparsers) -> None:
    new = subparsers.add_parser(
        "new", help=_("make an empty employer file"),
        description=_("Make a new, empty employer file for one person who employs PAs."))
    new.add_argument("employer_file", metavar="FILE", type=file_path,
                     help=_("the employer file to make (must not exist)"))
    new.add_argument("--employer", required=True, metavar="NAME", type=name_text,
                     help=_("the name of the person supported"))
    new.add_argument("--nation", required=True, choices=[nation.value for nation in Nation],
                     help=_("where the employer lives: its bank holidays and checks apply"))
    new.set_defaults(handler=run_new)

    demo = subparsers.add_parser(
        "demo", help=_("write a sample employer file to explore"),
        description=_("Write a realistic sample employer (a person in Wales employing four PAs) to FILE."))
    demo.add_argument("employer_file", metavar="FILE", type=file_path, help=_("where to write the sample file"))
    demo.add_argument("--force", action="store_true",
                      help=_("replace FILE if it already exists (never an employer's own file, only a sample)"))
    demo.set_defaults(handler=run_demo)

    import_ = subparsers.add_parser(
        "import", help=_("add records from a spreadsheet (CSV)"),
        description=_("Add records to an employer file from a CSV file. What the CSV holds is told from its "
                      "first row. If any row is wrong, nothing is imported and each wrong row is listed. A row "
                      "already in the file (a PA with the same NI number, or name and date of birth; a shift "
                      "for the same PA and start, or overlapping one; the same time of support) is reported, "
                      "not added again. A "
                      "support schedule is added to the one in the file unless you give --replace. "
                      "A payroll service's payslips (pa,period_start,period_end,pay_date,gross,tax,employee_ni,"
                      "employee_pension,net,employer_ni,employer_pension,hours_paid) are stored as finalised pay "
                      "and each is checked: the minimum wage on the pay made, and every figure that differs from "
                      "the rota. Exit code 1 when an imported payslip pays less than the minimum wage."))
    import_.add_argument("employer_file", metavar="FILE", type=file_path, help=_("the employer file"))
    import_.add_argument("csv_file", metavar="CSV", type=file_path, help=_("the spreadsheet, saved as CSV"))
    import_.add_argument("--replace", action="store_true",
                         help=_("support schedule: replace the whole schedule with the spreadsheet's (what is "
                                "removed is listed); shifts: a shift already on the rota that a row starts at or "
                                "overlaps takes the row's times, kind, break and status; payslips: the file's "
                                "figures replace a payslip already imported for the PA and period"))
    import_.set_defaults(handler=run_import)


def _refuse_existing(path: Path) -> int:
    print(_("paemployer: {path} already exists, so nothing was written. Choose a new file name.").format(path=path),
          file=sys.stderr)
    return EXIT_BAD_INPUT


def run_new(args: argparse.Namespace) -> int:
    from paemployer.services import records
    from paemployer.store.db import create_employer_file, path_exists

    path: Path = args.employer_file  # `~` already expanded, so an existing file is seen as existing
    if path_exists(path):
        return _refuse_existing(path)
    name = args.employer.strip()
    if not name:
        print(_("paemployer: the employer's name is empty. Give it with --employer \"NAME\"."), file=sys.stderr)
        return EXIT_BAD_INPUT

    def fill(ef) -> None:
        records.update_employer(ef, name=name, nation=args.nation)

    # Built under a temporary name and renamed when complete: a stopped `new` leaves nothing at `path`.
    path = create_employer_file(path, fill)
    print(_("Made the employer file {path} for {name}.").format(path=path, name=name))
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    from paemployer.services.demo import write_demo_file
    from paemployer.store.db import path_exists

    path: Path = args.employer_file
    if path_exists(path) and not args.force and not path.is_dir():
        print(_("paemployer: {path} already exists, so nothing was written. Choose a new file name, "
                "or add --force to replace it.").format(path=path), file=sys.stderr)
        return EXIT_BAD_INPUT
    written = write_demo_file(path, today=clock.today(), overwrite=args.force)
    print(_("Wrote the sample employer to {path}.").format(path=written))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from paemployer.services.importer import import_csv

    # Importing exchange registers payslips.csv, told from its first row like the other kinds.
    from paemployer.services.pay import exchange
    from paemployer.store.db import open_employer_file

    with open_employer_file(args.employer_file) as ef:
        payslips = exchange.is_payslips_file(args.csv_file)
        if payslips:
            result = exchange.import_payslips(ef, args.csv_file, replace=args.replace, now=clock.now())
        else:
            result = import_csv(ef, args.csv_file, replace=args.replace)
    print(_("{what}: {n} imported from {csv} into {path}.").format(
        what=result.description, n=result.imported, csv=args.csv_file, path=args.employer_file))
    for line in result.summary():
        print(line)
    if not payslips:
        return EXIT_OK
    for check in result.checks:
        for line in check.sentences():
            print(line)
    underpaid = result.underpaid
    if underpaid:
        print(ngettext("{n} payslip pays less than the minimum wage.", "{n} payslips pay less than the minimum wage.",
                       len(underpaid)).format(n=len(underpaid)))
        return EXIT_ACT_NOW
    return EXIT_OK
