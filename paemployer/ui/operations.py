"""One way to change data from the UI (STYLE.md habit 3).

A widget never writes to the file itself: it hands a service call to `Operations.run`, which runs it,
shows any error the one standard way (at the field when a form can show it), and announces what
changed with a set of change names, so only the views that show those things refresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Iterable, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from paemployer.errors import ValidationError
from paemployer.ui import errors

T = TypeVar("T")

# Change names: what a change touched. Pages list the names they show in `Page.shows`.
EMPLOYER = "employer"
PA = "pa"
CONTRACT = "contract"
TRAINING = "training"
REFERENCE = "reference"
COVER = "cover"
CONTINGENCY = "contingency"
SHIFT = "shift"
ABSENCE = "absence"
DECISION = "decision"
PAY = "pay"  # pay runs: their lines, deductions and states
HMRC = "hmrc"  # payments made to HMRC, and payments' figures marked as sent
# Every record may have changed (a file was opened, imported or restored).
EVERYTHING = frozenset({EMPLOYER, PA, CONTRACT, TRAINING, REFERENCE, COVER, CONTINGENCY, SHIFT, ABSENCE, DECISION, PAY,
                        HMRC})


class ShowsFieldErrors(Protocol):
    """A form that can show a validation message at the field it is about."""

    def show_validation_error(self, error: ValidationError) -> None: ...

    def clear_validation_errors(self) -> None: ...


@dataclass(frozen=True)
class Outcome(Generic[T]):
    ok: bool
    value: T | None = None
    error: BaseException | None = None


class Operations(QObject):
    """Runs changes for one open employer file and tells the views what changed."""

    changed = Signal(object)  # frozenset[str] of change names
    message = Signal(str)  # a short confirmation for the status bar

    def run(
        self,
        call: Callable[[], T],
        *,
        changes: Iterable[str],
        parent: QWidget | None = None,
        form: ShowsFieldErrors | None = None,
        done: str | None = None,
    ) -> Outcome[T]:
        """Run `call` (one service call: one transaction). On success announce `changes` and `done`.

        A ValidationError goes to `form` when one is given (the message under the field, focus on it);
        any other error is shown with errors.show_error. Nothing is announced when the call fails,
        because the service saved nothing.
        """
        if form is not None:
            form.clear_validation_errors()
        try:
            value = call()
        except ValidationError as error:
            if form is not None:
                form.show_validation_error(error)
            else:
                errors.show_error(parent, error)
            return Outcome(False, error=error)
        except Exception as error:  # show_error says a PAEmployerError plainly; anything else is a bug, logged too
            errors.show_error(parent, error)
            return Outcome(False, error=error)
        names = frozenset(changes)
        if names:
            self.changed.emit(names)
        if done:
            self.message.emit(done)
        return Outcome(True, value=value)

    def read(self, call: Callable[[], T], *, parent: QWidget | None = None, default: Any = None) -> T:
        """Run a read-only service call; a failure is shown and `default` returned."""
        try:
            return call()
        except Exception as error:
            errors.show_error(parent, error)
            return default
