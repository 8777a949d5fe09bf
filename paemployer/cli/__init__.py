"""The `paemployer` command: starts the GUI, or runs a subcommand headless on an employer file.

Exit codes: 0 ok; 1 warnings of severity "act now" (for `check`); 2 bad input, with a message
saying which argument and why. Each subcommand lives in its own module with `register(subparsers)`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from paemployer import __version__
from paemployer.errors import PAEmployerError
from paemployer.i18n import _, set_locale

# Each module adds its subcommands with register(subparsers); handlers return an exit code.
COMMAND_MODULES = [
    "paemployer.cli.calc",
    "paemployer.cli.rota",
    "paemployer.cli.check",
    "paemployer.cli.records",
]

EXIT_OK = 0
EXIT_ACT_NOW = 1
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paemployer",
        description=_("PA Employer: records, rota, pay and warnings for people who employ personal assistants."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--file", metavar="PATH", help=_("open this employer file in the app"))
    parser.add_argument("--demo", action="store_true", help=_("open the app on a fresh copy of the sample employer"))
    parser.add_argument("--screenshot", metavar="OUT.png", help=_("render the main window offscreen to a PNG and exit"))
    parser.add_argument("--page", metavar="NAME", help=_("with --screenshot: the page to show"))
    parser.add_argument("--locale", metavar="LOCALE", help=_("language: en_GB or cy (Welsh)"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def _locale_from_argv(argv: Sequence[str]) -> str | None:
    # Help texts are translated when the parser is built, so the locale is read before parsing.
    for index, arg in enumerate(argv):
        if arg == "--locale" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--locale="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        set_locale(_locale_from_argv(argv))
    except PAEmployerError as error:  # the catalogue asked for is missing from this installation
        print(f"paemployer: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            # The only place the command line reaches Qt: launching the GUI (DESIGN.md).
            return importlib.import_module("paemployer.ui.app").run(args)
        return args.handler(args)
    except PAEmployerError as error:
        print(f"paemployer: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
