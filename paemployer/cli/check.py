"""`paemployer check FILE [--on DATE] [--json]`: the warnings centre, headless.

Exit 0 when nothing needs acting on now, 1 when something does, 2 on bad input.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from paemployer import clock
from paemployer.cli import EXIT_ACT_NOW, EXIT_OK
from paemployer.cli.args import iso_date
from paemployer.i18n import _, format_date, ngettext
from paemployer.rules.warnings import EMPLOYER, Severity, Warning

def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help=_("list what needs attention in an employer file"),
        description=_("List the warnings for an employer file, most urgent first. Exit code 1 when something "
                      "needs acting on now."),
    )
    parser.add_argument("file", metavar="FILE", type=Path, help=_("the employer file"))
    parser.add_argument("--on", metavar="DATE", type=iso_date,
                        help=_("look at the file as of this date (YYYY-MM-DD; default today)"))
    parser.add_argument("--json", action="store_true", help=_("print the warnings as JSON"))
    parser.set_defaults(handler=run)


def _subject(warning: Warning) -> str:
    return _("You (the employer)") if warning.subject == EMPLOYER else warning.subject_name


def _text_report(warnings: list[Warning], on: date) -> str:
    from paemployer.services.compliance import count_act_now, open_warnings
    from paemployer.services.compliance.catalogue import due_text, severity_label

    open_ones = open_warnings(warnings)
    decided = [w for w in warnings if w.decided]
    lines = [_("Warnings for {date}").format(date=format_date(on, format="long")), ""]
    if not open_ones:
        lines.append(_("Nothing needs your attention."))
    for severity in Severity:
        group = [w for w in open_ones if w.severity == severity]
        if not group:
            continue
        lines.append(f"{severity_label(severity)} ({len(group)})")
        for warning in group:
            when = due_text(warning, on, format="medium")
            due = f" — {when}" if when else ""
            lines.append(f"  • {warning.title}{due}")
            lines.append(f"    {_subject(warning)}: {warning.explanation}")
            lines.append("    " + _("What to do: {action}").format(action=warning.action))
            basis = warning.basis + (f" ({warning.basis_url})" if warning.basis_url else "")
            lines.append("    " + _("Basis: {basis}").format(basis=basis))
        lines.append("")
    if decided:
        lines.append(_("Decided ({count})").format(count=len(decided)))
        for warning in decided:
            decision = warning.decision
            if decision.decision == "scheduled":
                how = _("to be sorted by {date}").format(date=format_date(decision.review_on))
            else:
                how = _("risk accepted: {reason}").format(reason=decision.reason)
            lines.append(f"  • {warning.title} — {how}")
        lines.append("")
    count = count_act_now(warnings)
    lines.append(ngettext("{count} warning needs acting on now.", "{count} warnings need acting on now.",
                          count).format(count=count))
    return "\n".join(lines)


def run(args) -> int:
    # Imported here so `paemployer --help` stays quick.
    from paemployer.services.compliance import count_act_now, gather_warnings, warning_as_dict
    from paemployer.store.db import open_employer_file

    on = args.on or clock.today()
    with open_employer_file(args.file) as ef:
        warnings = gather_warnings(ef, on=on)
    if args.json:
        json.dump([warning_as_dict(w) for w in warnings], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(_text_report(warnings, on))
    return EXIT_ACT_NOW if count_act_now(warnings) else EXIT_OK
