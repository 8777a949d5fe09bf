"""Starting the app: `paemployer` with no subcommand lands here (run(args) -> exit code).

--demo opens a fresh copy of the sample employer; --file PATH opens that file; otherwise the default
file in the user data folder, made (with the guided set-up) on first start. --screenshot OUT.png
[--page NAME] renders the main window offscreen to a PNG and exits.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from paemployer import clock
from paemployer.errors import PAEmployerError
from paemployer.i18n import _, set_locale
from paemployer.paths import default_employer_file
from paemployer.ui.appearance import apply_font_scale, install_qt_translations

# Set by benchmarks/startup.py: print "shown <seconds>" once the window is on screen, then quit.
EXIT_WHEN_SHOWN_ENV = "PAEMPLOYER_EXIT_WHEN_SHOWN"
SCREENSHOT_SIZE = (1280, 800)
def fresh_demo_file() -> Path:
    """A new copy of the sample employer in a temporary folder, so a demo never touches real files."""
    from paemployer.services.demo import write_demo_file

    folder = Path(tempfile.mkdtemp(prefix="paemployer-demo-"))
    return write_demo_file(folder / "demo.paemployer", today=clock.today())


def _choose_file(args) -> tuple[Path | None, bool]:
    """The file to open and whether this is a first start (no default file yet)."""
    if getattr(args, "demo", False):
        return fresh_demo_file(), False
    if getattr(args, "file", None):
        path = Path(args.file).expanduser()
        try:
            found = path.exists()
        except OSError:  # a name the system refuses (too long): there is no such file
            found = False
        if not found:
            raise PAEmployerError(
                _("There is no employer file at {path}. Check the name, or make one with "
                  "“paemployer new {path} --employer NAME --nation NATION”.").format(path=path)
            )
        return path, False
    default = default_employer_file()
    return default, not default.exists()


def _save_screenshot(window, screenshot: str, *, replace: bool) -> int:
    """The window as a PNG, written whole through output.write_output (never over an employer file)."""
    from PySide6.QtCore import QBuffer, QIODevice

    from paemployer.services import output

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not window.grab().save(buffer, "PNG"):
        print(_("paemployer: could not write the picture to {path}").format(path=screenshot), file=sys.stderr)
        return 2
    try:
        try:
            Path(screenshot).expanduser().parent.mkdir(parents=True, exist_ok=True)  # a folder for the pictures
        except OSError:
            pass  # write_output says why the picture cannot be written there
        output.write_output(screenshot, bytes(buffer.data()), replace=replace)
    except PAEmployerError as error:
        print(f"paemployer: {error.message}", file=sys.stderr)
        return 2
    return 0


def run(args) -> int:
    started = time.perf_counter()
    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        from paemployer.services import output

        try:  # refused before the window is built: no work for a picture that cannot be written
            output.check_output_path(screenshot, replace=bool(getattr(args, "force_screenshot", False)))
        except PAEmployerError as error:
            print(f"paemployer: {error.message}", file=sys.stderr)
            return 2
        # A screenshot needs no display: render offscreen unless told otherwise.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTimer
    from PySide6.QtWidgets import QApplication

    from paemployer.ui.errors import configure_logging, install_excepthook, show_error
    from paemployer.ui.settings import AppSettings

    QCoreApplication.setOrganizationName("paemployer")
    QCoreApplication.setApplicationName("PA Employer")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_logging()
    settings = AppSettings()
    locale = set_locale(getattr(args, "locale", None) or settings.locale() or QLocale.system().name())
    install_qt_translations(app, locale)
    apply_font_scale(app, settings.font_scale())

    from paemployer.ui.main_window import MainWindow

    window = MainWindow(settings)
    try:
        path, first_start = _choose_file(args)
        if first_start:
            from paemployer.ui.setup_wizard import SetupWizard, create_file_from_answers

            answers = None
            if not screenshot:
                wizard = SetupWizard(window, suggested_path=path)
                if wizard.exec() == SetupWizard.DialogCode.Accepted:
                    answers = wizard.answers()
            # Cancelled or skipped: still make the file to work in; the set-up can be run again from File.
            path = create_file_from_answers(answers, path=path)
        window.open_file(path, raise_errors=bool(screenshot))
        if getattr(args, "page", None):
            window.go_to(args.page)
    except PAEmployerError as error:
        if screenshot:
            print(f"paemployer: {error.message}", file=sys.stderr)
            return 2
        show_error(window, error)

    if screenshot:
        window.resize(*SCREENSHOT_SIZE)
        window.show()
        for _round in range(3):
            app.processEvents()
        status = _save_screenshot(window, screenshot, replace=bool(getattr(args, "force_screenshot", False)))
        window.close()
        return status

    install_excepthook()
    window.show()
    if os.environ.get(EXIT_WHEN_SHOWN_ENV):
        def report_and_quit() -> None:
            print(f"shown {time.perf_counter() - started:.4f}", flush=True)
            # Closing the last window ends app.exec() the way a person closing it does; an extra
            # app.quit() here would leave a second Quit event queued behind the first.
            window.close()

        QTimer.singleShot(0, report_and_quit)
    code = app.exec()
    # A Quit event still queued (Qt posts one whenever the last window closes) would be delivered by the
    # next processEvents() outside exec() and call exit(0) there, which leaves Qt's "quit now" flag set
    # for good: every later dialog.exec() would then return at once. Drop it so the app can run again.
    QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
    return code

