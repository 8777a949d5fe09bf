"""The `paemployer` command: starts the GUI, or runs a subcommand headless on an employer file.

Exit codes: 0 ok; 1 warnings of severity "act now" (for `check`); 2 bad input (or a file another
program holds), with a message saying which argument and why, and nothing changed; 70 a fault in PA
Employer itself, said in one sentence with no personal data, its traceback in the log folder; 141
when the reader of the output went away (`check F | head -1`), quietly. Each subcommand lives in its
own module with `register(subparsers)`.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import logging
import os
import sys
import traceback
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
    "paemployer.cli.pay",
    "paemployer.cli.payroll_service",
    "paemployer.cli.tax",
]

EXIT_OK = 0
EXIT_ACT_NOW = 1
EXIT_BAD_INPUT = 2
EXIT_FAULT = 70  # EX_SOFTWARE: never 1, which tells a script to act now
EXIT_BROKEN_PIPE = 141  # what a shell reports for a program whose reader went away (128 + SIGPIPE)
LOG_FILE_NAME = "paemployer.log"  # the same file the app logs to (ui/errors.py)


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
    parser.add_argument("--force", dest="force_screenshot", action="store_true",
                        help=_("with --screenshot: replace OUT.png if it already exists"))
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


def _report_fault(error: BaseException) -> None:
    """Log where a fault happened (type and code locations only: no message, no values, nothing personal)."""
    from paemployer.paths import user_log_dir

    try:
        folder = user_log_dir()
        frames = "\n".join(f"  {frame.filename}:{frame.lineno} in {frame.name}"
                           for frame in traceback.extract_tb(error.__traceback__))
        handler = logging.FileHandler(folder / LOG_FILE_NAME, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log = logging.getLogger("paemployer.cli")
        log.addHandler(handler)
        try:
            log.error("Unexpected %s.%s in a command\n%s", type(error).__module__, type(error).__qualname__, frames)
        finally:
            log.removeHandler(handler)
            handler.close()
        where = _(" Details are in {folder}.").format(folder=folder)
    except Exception:  # the log folder cannot be written either: the sentence is still said
        where = ""
    print(_("paemployer: something went wrong inside PA Employer, so the command stopped; nothing was changed "
            "by the step that failed. Please tell the people who support PA Employer.") + where, file=sys.stderr)


def _is_locked(error: BaseException) -> bool:
    """SQLite's "database is locked" (another program held the file past the wait), however it was wrapped."""
    import sqlite3

    seen: BaseException | None = error
    for _depth in range(10):  # a chain of causes is short; never follow a loop
        if seen is None:
            break
        if isinstance(seen, sqlite3.OperationalError) and "locked" in str(seen):
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return False


def _quiet_stdout() -> None:
    """The reader of stdout went away: send what is left nowhere, so exiting does not complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (a test capturing it)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every outcome is an exit code, never a traceback (see the module's docstring)."""
    try:
        return _main(argv)
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if _is_locked(error):
            print(_("paemployer: another program has the employer file open and is changing it, so nothing was "
                    "changed. Close PA Employer (or the other program) and try again."), file=sys.stderr)
            return EXIT_BAD_INPUT
        if isinstance(error, OSError) and error.errno is not None:
            print(_("paemployer: a file could not be read or written ({reason}), so the command stopped.").format(
                reason=_os_reason(error)), file=sys.stderr)
            return EXIT_BAD_INPUT
        _report_fault(error)
        return EXIT_FAULT


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return _("the disk is full")
    if isinstance(error, PermissionError):
        return _("permission was refused")
    return error.strerror or type(error).__name__


def _main(argv: Sequence[str] | None) -> int:
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
