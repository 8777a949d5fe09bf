"""The one way the app shows an error to a person, and the one log of what went wrong.

Expected errors (PAEmployerError) already carry a plain-English message. Anything else is a bug: it is
logged with its traceback (type and code locations only, never the message, which might hold personal
data) and the person sees a calm explanation and where the log is.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from paemployer.errors import PAEmployerError
from paemployer.i18n import _
from paemployer.paths import user_log_dir

log = logging.getLogger("paemployer")

LOG_FILE_NAME = "paemployer.log"
_handler: logging.Handler | None = None


def configure_logging() -> None:
    """Log to a daily rotating file in the platform's log folder (a week kept); again if the folder changed."""
    global _handler
    path = user_log_dir() / LOG_FILE_NAME
    if _handler is not None and getattr(_handler, "baseFilename", None) == str(path):
        return
    if _handler is not None:
        log.removeHandler(_handler)
        _handler.close()
    _handler = logging.handlers.TimedRotatingFileHandler(path, when="midnight", backupCount=7, encoding="utf-8")
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)


def log_exception(exc_type: type[BaseException], tb: TracebackType | None) -> None:
    """Record where a bug happened: the exception type and code locations, not its message."""
    # File, line and function only: no source text and no values, so nothing personal reaches the log.
    frames = "\n".join(f"  {frame.filename}:{frame.lineno} in {frame.name}"
                        for frame in traceback.extract_tb(tb)) if tb is not None else ""
    log.error("Unexpected %s.%s\n%s", exc_type.__module__, exc_type.__qualname__, frames)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Show any error the one standard way: a modal message box a screen reader announces."""
    if isinstance(error, PAEmployerError):
        title = _("Please check")
        text = error.message
        detail = None
    else:
        log_exception(type(error), error.__traceback__)
        title = _("Something went wrong")
        text = _(
            "PA Employer met a problem it did not expect. Nothing you saved before has been lost. "
            "If it happens again, please send the log file to whoever supports you."
        )
        detail = _("The log is kept in: {folder}").format(folder=str(user_log_dir()))
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
    box.setAccessibleName(title)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
    box.deleteLater()


def install_excepthook() -> None:
    """Uncaught exceptions in Qt slots are logged and shown instead of silently ending the app."""

    def hook(exc_type, exc_value, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc_value, tb)
            return
        if exc_value is None:
            exc_value = exc_type()
        exc_value.__traceback__ = tb
        show_error(QApplication.activeWindow(), exc_value)

    sys.excepthook = hook
