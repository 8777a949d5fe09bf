"""One exception family for the whole core. The UI shows them with one show_error; the CLI exits 2."""

from __future__ import annotations


class PAEmployerError(Exception):
    """Base of every error the app raises on purpose.

    `message` is already translated plain English (or Welsh) for a person to read;
    `message_id` is stable, for logs and tests (never contains personal data).
    """

    message_id = "error"

    def __init__(self, message: str, *, message_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if message_id is not None:
            self.message_id = message_id


class ValidationError(PAEmployerError):
    """Bad input. `field` names what was wrong so a form can point at it."""

    message_id = "validation"

    def __init__(self, message: str, *, field: str | None = None, message_id: str | None = None) -> None:
        super().__init__(message, message_id=message_id)
        self.field = field


class RatesError(PAEmployerError):
    """A rates table is malformed, or no rate is known for the date asked."""

    message_id = "rates"


class FileFormatError(PAEmployerError):
    """An employer file cannot be opened: newer than this app, damaged, or not an employer file."""

    message_id = "file_format"


class NotFoundError(PAEmployerError):
    message_id = "not_found"
