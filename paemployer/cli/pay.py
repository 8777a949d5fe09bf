"""`paemployer payrun` and `paemployer payslips`: pay for a period headless.

`payrun FILE --period-end DATE` builds (or shows) the pay of every PA whose pay period ends that day, as the pay
screen does: drafts built or brought up to date from the rota and records, approved and finalised runs as stored.
`--finalise` then finalises every run that may be, and exits 1 naming each PA refused and why (a minimum-wage
shortfall without a recorded decision). `payslips` writes one PDF per PA into a folder (and with --summary the
employer's pay summary). Exit 2: bad input (a date
that ends nobody's pay period, an unknown PA), nothing changed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from paemployer import clock
from paemployer.cli import EXIT_ACT_NOW, EXIT_OK
from paemployer.cli.args import file_path, name_text, parse_date
from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date, format_money, ngettext
from paemployer.labels import pay_frequency_label
from paemployer.rules.money import decimal_str, money_str
from paemployer.services import pay, rota
from paemployer.services.output import check_output_path
from paemployer.services.pay import PayRun
from paemployer.store.db import open_employer_file


def run_as_dict(run: PayRun) -> dict[str, Any]:
    """One PA's pay as `payrun --json` gives it: money as strings with two decimals, hours as decimal strings."""
    return {
        "pa": run.pa_name,
        "pay_frequency": run.period.frequency,
        "period_start": run.period.start.isoformat(),
        "period_end": run.period.end.isoformat(),
        "pay_date": run.period.pay_date.isoformat(),
        "status": run.status.value,
        "lines": [line.as_dict() for line in run.lines],
        "gross": money_str(run.gross),
        "deductions": run.deductions.as_dict(),
        "net": money_str(run.net),
        "employer_costs": run.deductions.employer_costs(),
        "minimum_wage": run.minimum_wage.as_dict() if run.minimum_wage is not None else None,
    }


def _status_words(run: PayRun) -> str:
    words = {"draft": _("draft"), "approved": _("approved"), "finalised": _("finalised")}[run.status.value]
    if run.source == pay.RunSource.IMPORTED:
        return _("{status}, from your payroll service").format(status=words)
    if run.corrects_run_id is not None:
        return _("{status}, correcting pay run {number}").format(status=words, number=run.corrects_run_id)
    return words


def _hours(value) -> str:
    return _("{hours} h").format(hours=decimal_str(value))


def _print_run(run: PayRun) -> None:
    period = run.period
    print(_("{name}: {frequency}, {start} to {end}, paid {pay_date} ({status})").format(
        name=run.pa_name, frequency=pay_frequency_label(period.frequency),
        start=format_date(period.start, format="long"), end=format_date(period.end, format="long"),
        pay_date=format_date(period.pay_date, format="long"), status=_status_words(run)))
    rows: list[tuple[str, str, str]] = []
    for line in run.lines:
        working = ""
        if line.hours is not None and line.rate is not None:
            working = _("{hours} × {rate}").format(hours=_hours(line.hours), rate=format_money(line.rate))
        elif line.hours is not None:
            working = _hours(line.hours)
        rows.append((line.description, working, format_money(line.amount)))
    rows.append((_("Gross pay"), "", format_money(run.gross)))
    deductions = run.deductions
    for label, amount in ((_("Tax"), deductions.tax), (_("Employee's National Insurance"), deductions.employee_ni),
                          (_("Employee's pension"), deductions.employee_pension),
                          (deductions.other_description or _("Other deduction"), deductions.other)):
        if amount:
            rows.append((label, "", "-" + format_money(amount)))
    rows.append((_("Net pay"), "", format_money(run.net)))
    width_label = max(len(row[0]) for row in rows)
    width_working = max(len(row[1]) for row in rows)
    width_amount = max(len(row[2]) for row in rows)
    for label, working, amount in rows:
        print(f"  {label:<{width_label}}  {working:<{width_working}}  {amount:>{width_amount}}")
    result = run.minimum_wage
    if result is not None and result.rate is not None:
        verdict = (_("met") if result.shortfall == 0
                   else _("{shortfall} short").format(shortfall=format_money(result.shortfall)))
        print("  " + _("Minimum wage ({band}, {rate} an hour): {required} needed for {hours}, {paid} counts: "
                       "{verdict}.").format(band=result.band, rate=format_money(result.rate),
                                            required=format_money(result.required), hours=_hours(result.hours_counted),
                                            paid=format_money(result.pay_counted), verdict=verdict))
        if result.earlier_arrears:
            print("  " + _("Earlier pay periods still owe {arrears} (at today's rate).").format(
                arrears=format_money(result.earlier_arrears)))
    elif result is not None and result.note:
        print("  " + _("Minimum wage: {note}").format(note=result.note))
    for note in run.notes:
        print("  " + _("Note: {note}").format(note=note))


def _payrun(args) -> int:
    period_end = parse_date(args.period_end, field="period_end")
    now = clock.now()
    refusals: list[pay.Refusal] = []
    with open_employer_file(args.file) as ef:
        pa_id = rota.find_pa(ef, args.pa)[0] if args.pa else None
        if args.finalise:
            _finalised, refusals = pay.finalise_period(ef, period_end, pa_id=pa_id, now=now)
            runs = pay.runs_for_period(ef, period_end, pa_id=pa_id)
        else:
            runs = pay.build_drafts(ef, period_end, pa_id=pa_id, now=now)
    runs = sorted(runs, key=lambda run: (run.pa_name.casefold(), run.pa_id))
    if args.json:
        json.dump({"period_end": period_end.isoformat(), "pas": [run_as_dict(run) for run in runs]}, sys.stdout,
                  indent=2, ensure_ascii=False)
        print()
    else:
        print(_("Pay for the periods ending {date}").format(date=format_date(period_end, format="long")))
        for run in runs:
            print()
            _print_run(run)
        if args.finalise:
            done = sum(1 for run in runs if run.status == pay.RunStatus.FINALISED)
            print()
            print(ngettext("{n} pay run finalised.", "{n} pay runs finalised.", done).format(n=done))
    for refusal in refusals:
        print(_("paemployer: {name}'s pay was not finalised: {reason}").format(name=refusal.pa_name,
                                                                                reason=refusal.reason),
              file=sys.stderr)
    return EXIT_ACT_NOW if refusals else EXIT_OK


def _payslips(args) -> int:
    from paemployer.services.pay.documents import write_pay_summary, write_payslips

    period_end = parse_date(args.period_end, field="period_end")
    if args.out.exists() and not args.out.is_dir():  # refused before any work is done (an employer file above all)
        raise ValidationError(_("{path} is a file, not a folder: give the folder to write the payslips into (it is "
                                "made if missing).").format(path=args.out), field="out")
    if args.summary:
        check_output_path(args.summary, replace=args.force)  # refused before any payslip is written
    with open_employer_file(args.file) as ef:
        pa_id = rota.find_pa(ef, args.pa)[0] if args.pa else None
        paths = write_payslips(ef, period_end, args.out, pa_id=pa_id, force=args.force)
        summary = write_pay_summary(ef, period_end, args.summary, force=args.force) if args.summary else None
    print(ngettext("Wrote {n} payslip to {folder}:", "Wrote {n} payslips to {folder}:", len(paths)).format(
        n=len(paths), folder=args.out))
    for path in paths:
        print(f"  {path.name}")
    if summary is not None:
        print(_("Wrote the pay summary to {path}.").format(path=summary))
    return EXIT_OK


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "payrun", help=_("build (or show) the pay of every PA paid for a period ending on a day"),
        description=_("Build the pay of every PA whose pay period ends on DATE from the shifts worked, leave, "
                      "sickness and contract terms, as the pay screen does: drafts are built or brought up to "
                      "date, approved and finalised pay is shown as stored. With --finalise, every run that may "
                      "be is finalised; a PA whose pay is below the minimum wage (with no decision recorded) is "
                      "refused, named, and the command exits 1."))
    parser.add_argument("file", metavar="FILE", type=file_path, help=_("the employer file"))
    parser.add_argument("--period-end", required=True, metavar="DATE",
                        help=_("the last day of the pay period (YYYY-MM-DD)"))
    parser.add_argument("--pa", metavar="NAME", type=name_text,
                        help=_("only this PA (full name; if two PAs share it, add the date of birth as the error "
                               "shows, like \"Ann Lee (born 1990-12-13)\")"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    parser.add_argument("--finalise", action="store_true",
                        help=_("finalise every run that may be; exit 1 naming each PA refused and why"))
    parser.set_defaults(handler=_payrun)

    parser = subparsers.add_parser(
        "payslips", help=_("write one payslip PDF per PA paid for a period ending on a day"))
    parser.add_argument("file", metavar="FILE", type=file_path, help=_("the employer file"))
    parser.add_argument("--period-end", required=True, metavar="DATE",
                        help=_("the last day of the pay period (YYYY-MM-DD)"))
    parser.add_argument("--out", required=True, metavar="DIR", type=file_path,
                        help=_("the folder to write the payslips into (made if missing)"))
    parser.add_argument("--pa", metavar="NAME", type=name_text, help=_("only this PA's payslip"))
    parser.add_argument("--summary", metavar="PDF", type=file_path,
                        help=_("also write the employer's pay summary for the period to this PDF"))
    parser.add_argument("--force", action="store_true",
                        help=_("replace payslips already in the folder (and the summary file)"))
    parser.set_defaults(handler=_payslips)
