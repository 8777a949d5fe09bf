"""`paemployer hmrc` and `paemployer p60`: the HMRC year and the P60s headless.

`hmrc FILE --tax-year 2026-27` shows each tax month (or quarter, for an employer who pays quarterly): the tax, student
loan deductions, employee's and employer's National Insurance of the finalised pay, the Employment Allowance used,
the statutory pay taken back, the amount due and its due date, what has been paid and what is still to pay. `--fps`
adds each payment's Full Payment Submission figures in Basic PAYE Tools' order; `--paper` each quarter's figures for
the paper forms RT2 and RT5. `--json` prints all of it as JSON, money as strings with two decimals.
`p60 FILE --tax-year 2025-26 --out DIR` writes a P60 PDF for each PA employed at the end of the year (or --pa's).
Exit 2: bad input (a tax year written wrongly or without HMRC figures, an unknown PA), nothing changed.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from paemployer import clock
from paemployer.cli import EXIT_OK
from paemployer.cli.args import file_path, name_text
from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date, format_money, ngettext
from paemployer.rules.money import money_str
from paemployer.services import rota
from paemployer.services.tax.hmrc import (
    HmrcPeriodSummary,
    HmrcYear,
    fps_figures,
    fps_payments,
    hmrc_year,
    paper_return_figures,
    year_bounds,
)
from paemployer.store.db import open_employer_file

_MONEY_FIELDS = ("tax", "student_loans", "employee_ni", "employer_ni", "employment_allowance_used",
                 "statutory_pay_recovered", "amount_due", "hmrc_owes", "paid", "outstanding")


def _tax_year(text: str) -> str:
    year_bounds(text)  # a sentence on anything but "2026-27" in the dates the app works with
    return text.strip()


def period_as_dict(summary: HmrcPeriodSummary) -> dict[str, Any]:
    period = summary.period
    return {
        "period": period.number,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        **{name: money_str(getattr(summary, name)) for name in _MONEY_FIELDS},
        "due_date": summary.due_date.isoformat(),
        "runs": summary.runs,
        "payments": [{"id": payment.id, "paid_on": payment.paid_on.isoformat(), "amount": money_str(payment.amount),
                      "notes": payment.notes} for payment in summary.payments],
    }


def year_as_dict(year: HmrcYear) -> dict[str, Any]:
    return {
        "tax_year": year.tax_year,
        "quarterly": year.quarterly,
        "route": year.route,
        "payment_method": year.payment_method,
        "employment_allowance": money_str(year.employment_allowance),
        "periods": [period_as_dict(summary) for summary in year.periods],
        "totals": {name: money_str(getattr(year.totals, name)) for name in _MONEY_FIELDS},
        "notes": list(year.notes),
    }


def _table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:], widths[1:])]
        print("  " + "  ".join(cells).rstrip())


def _print_year(year: HmrcYear) -> None:
    kind = _("quarter") if year.quarterly else _("tax month")
    print(_("Paying HMRC for the tax year {year} (by {kind})").format(year=year.tax_year, kind=kind))
    rows = [(_("Period"), _("Tax"), _("Student loans"), _("Employee NI"), _("Employer NI"),
             _("Employment Allowance"), _("Statutory pay back"), _("Due"), _("Due by"), _("Paid"), _("To pay"))]
    for summary in year.periods:
        rows.append((str(summary.period.number), *(format_money(getattr(summary, name)) for name in (
            "tax", "student_loans", "employee_ni", "employer_ni", "employment_allowance_used",
            "statutory_pay_recovered", "amount_due")), format_date(summary.due_date),
            format_money(summary.paid), format_money(summary.outstanding)))
    totals = year.totals
    rows.append((_("Year"), *(format_money(getattr(totals, name)) for name in (
        "tax", "student_loans", "employee_ni", "employer_ni", "employment_allowance_used",
        "statutory_pay_recovered", "amount_due")), "", format_money(totals.paid), format_money(totals.outstanding)))
    _table(rows)
    for note in year.notes:
        print(_("Note: {note}").format(note=note))


def _fps(ef, tax_year: str) -> list[dict[str, Any]]:
    return [{"run_id": payment.run_id, "pa": payment.pa_name, "pay_date": payment.pay_date.isoformat(),
             "fps_sent_on": payment.fps_sent_on.isoformat() if payment.fps_sent_on else None,
             "from_payroll_service": payment.from_payroll_service,
             "figures": [{"field": field, "value": value} for field, value in fps_figures(ef, payment.run_id)]}
            for payment in fps_payments(ef, tax_year)]


def _paper(ef, tax_year: str) -> list[dict[str, Any]]:
    return [{"quarter": quarter,
             "boxes": [{"box": box, "name": name, "value": value}
                       for box, name, value in paper_return_figures(ef, tax_year, quarter)]}
            for quarter in range(1, 5)]


def _hmrc(args) -> int:
    tax_year = _tax_year(args.tax_year)
    with open_employer_file(args.file) as ef:
        year = hmrc_year(ef, tax_year, today=clock.today())
        fps = _fps(ef, tax_year) if args.fps else None
        paper = _paper(ef, tax_year) if args.paper else None
    if args.json:
        out = year_as_dict(year)
        if fps is not None:
            out["fps"] = fps
        if paper is not None:
            out["paper"] = paper
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    _print_year(year)
    for payment in fps or []:
        print()
        sent = (_("sent {day}").format(day=format_date(date.fromisoformat(payment["fps_sent_on"])))
                if payment["fps_sent_on"] else _("not recorded as sent"))
        print(_("Full Payment Submission: {name}, paid {day} ({sent})").format(
            name=payment["pa"], day=format_date(date.fromisoformat(payment["pay_date"])), sent=sent))
        _table([(item["field"], item["value"]) for item in payment["figures"]])
    for quarter in paper or []:
        print()
        print(_("Paper returns for quarter {number}").format(number=quarter["quarter"]))
        box = None
        for item in quarter["boxes"]:
            if item["box"] != box:
                box = item["box"]
                print("  " + box)
            print(f"    {item['name']}: {item['value']}")
    return EXIT_OK


def _p60(args) -> int:
    from paemployer.services.tax.documents import write_p60s

    tax_year = _tax_year(args.tax_year)
    if args.out.exists() and not args.out.is_dir():  # refused before any work is done (an employer file above all)
        raise ValidationError(_("{path} is a file, not a folder: give the folder to write the P60s into (it is made "
                                "if missing).").format(path=args.out), field="out")
    with open_employer_file(args.file) as ef:
        pa_id = rota.find_pa(ef, args.pa)[0] if args.pa else None
        paths = write_p60s(ef, tax_year, args.out, pa_id=pa_id, force=args.force)
    print(ngettext("Wrote {n} P60 to {folder}:", "Wrote {n} P60s to {folder}:", len(paths)).format(
        n=len(paths), folder=args.out))
    for path in paths:
        print(f"  {path.name}")
    return EXIT_OK


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "hmrc", help=_("what to pay HMRC for a tax year, month by month (or quarter by quarter), and when"),
        description=_("Each tax month (or quarter) of the tax year: the tax, student loan deductions and National "
                      "Insurance of the finalised pay, the Employment Allowance used, the statutory pay taken back, "
                      "the amount due and the day it is due, and what has been paid."))
    parser.add_argument("file", metavar="FILE", type=file_path, help=_("the employer file"))
    parser.add_argument("--tax-year", required=True, metavar="YEAR",
                        help=_("the tax year, written like 2026-27"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    parser.add_argument("--fps", action="store_true",
                        help=_("also each payment's Full Payment Submission figures, in Basic PAYE Tools' order"))
    parser.add_argument("--paper", action="store_true",
                        help=_("also each quarter's figures for the paper forms RT2 and RT5"))
    parser.set_defaults(handler=_hmrc)

    parser = subparsers.add_parser(
        "p60", help=_("write a P60 PDF for each PA employed at the end of a tax year"))
    parser.add_argument("file", metavar="FILE", type=file_path, help=_("the employer file"))
    parser.add_argument("--tax-year", required=True, metavar="YEAR", help=_("the tax year, written like 2025-26"))
    parser.add_argument("--out", required=True, metavar="DIR", type=file_path,
                        help=_("the folder to write the P60s into (made if missing)"))
    parser.add_argument("--pa", metavar="NAME", type=name_text, help=_("only this PA's P60"))
    parser.add_argument("--force", action="store_true", help=_("replace P60s already in the folder"))
    parser.set_defaults(handler=_p60)

