"""Employer files as the screens see them: the file name ending, opening a file, making a new one.

The UI imports services only; this is its one door to the store's file handling.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from paemployer.store.db import FILE_SUFFIX, EmployerFile
from paemployer.store.db import create_employer_file as _create_employer_file
from paemployer.store.db import open_employer_file as _open_employer_file

__all__ = ["FILE_SUFFIX", "EmployerFile", "create_employer_file", "open_employer_file"]


def open_employer_file(path: Path | str) -> EmployerFile:
    """Open an existing employer file (NotFoundError / FileFormatError say why one cannot be opened)."""
    return _open_employer_file(path)


def create_employer_file(path: Path | str, fill: Callable[[EmployerFile], object] | None = None) -> EmployerFile:
    """Make a new employer file at `path`, with `fill(ef)` run on it before it appears, and open it.

    Refuses (ValidationError, nothing changed) when anything is already at `path`: an existing file is
    opened, never made again over its records. The file appears only when complete (store.db).
    """
    return _open_employer_file(_create_employer_file(path, fill))
