"""Files a person asked for (PDFs, calendars, images): written whole or not at all."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from paemployer.i18n import _
from paemployer.store.db import FileWriteError, cannot_write, expand_path, is_employer_file, path_exists, publish


# --- writing a file the person asked for ----------------------------------------------------------------

# The error and the reasons live with the store's own file making, so both say the same things.
OutputFileError = FileWriteError


def _refuse_employer_file(path: Path) -> OutputFileError:
    return OutputFileError(_("{path} is an employer file, so nothing was written over it. Choose another name "
                             "for the new file.").format(path=path), message_id="employer_file_target")


def _refuse_existing(path: Path) -> OutputFileError:
    return OutputFileError(_("{path} already exists, so nothing was written. Choose a new file name, or ask to "
                             "replace it (--force on the command line).").format(path=path),
                           message_id="file_exists")


def check_output_path(path: Path | str, *, replace: bool = False) -> Path:
    """The expanded path to write, or OutputFileError when it must not be written (see write_output)."""
    path = expand_path(path)
    if path_exists(path):
        if path.is_dir():
            raise cannot_write(IsADirectoryError(), path)
        if is_employer_file(path):
            raise _refuse_employer_file(path)
        if not replace:
            raise _refuse_existing(path)
    return path


def write_output(path: Path | str, data: bytes, *, replace: bool = False) -> Path:
    """Write `data` to `path` whole or not at all, and return the path written.

    Refuses an existing file unless `replace` (the person said so: --force, or a save dialog's own
    question), and never writes over an employer file (told by its content) or a folder. The bytes
    go to a temporary file in the same folder, which is then renamed into place with os.replace, so
    a failure part-way leaves whatever was there before. Raises OutputFileError saying which path
    and why; nothing is written then.
    """
    path = check_output_path(path, replace=replace)
    temporary = path.with_name(f".paemployer-{secrets.token_hex(6)}.part")
    try:
        descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            _remove(temporary)
            raise
        try:
            if replace and is_employer_file(path):  # became one since it was checked
                raise _refuse_employer_file(path)
            publish(temporary, path, replace=replace)
        finally:
            _remove(temporary)
    except OSError as error:
        raise cannot_write(error, path) from None
    return path


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
