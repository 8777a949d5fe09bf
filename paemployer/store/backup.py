"""Copies of an employer file kept beside it, made before every migration and on request.

A copy is taken with SQLite's online backup API, so it is consistent even while the file is open
(write-ahead log included). Copies live in a `backups/` folder beside the file, owner-only.
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
from datetime import datetime
from pathlib import Path

from paemployer import clock

DEFAULT_KEEP = 10
BACKUP_DIR_NAME = "backups"
_TIMESTAMP_FORMAT = "%Y%m%d-%H%M%S"


def backup_dir(path: Path | str) -> Path:
    return Path(path).resolve().parent / BACKUP_DIR_NAME


def _safe_reason(reason: str) -> str:
    # The reason becomes part of a file name: keep letters, digits and dashes only.
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", reason).strip("-").lower()
    return cleaned[:40] or "backup"


def list_backups(path: Path | str) -> list[Path]:
    """Backups of this employer file, newest first."""
    source = Path(path)
    folder = backup_dir(source)
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(source.stem) + r"-(\d{8}-\d{6})(-\d+)?-[a-z0-9-]+" + re.escape(source.suffix) + "$")
    found = [candidate for candidate in folder.iterdir() if pattern.match(candidate.name)]
    # Names hold the timestamp and a same-second counter, so sorting names sorts by age.
    return sorted(found, key=lambda candidate: _sort_key(pattern, candidate.name), reverse=True)


def _sort_key(pattern: re.Pattern[str], name: str) -> tuple[str, int]:
    match = pattern.match(name)
    assert match is not None
    counter = int(match.group(2)[1:]) if match.group(2) else 0
    return match.group(1), counter


def make_backup(path: Path | str, reason: str, *, keep: int = DEFAULT_KEEP, now: datetime | None = None) -> Path:
    """Copy the employer file at `path` into backups/ beside it; keep the newest `keep` copies.

    Returns the new copy's path. The copy is owner-only, like the file itself.
    """
    source = Path(path)
    folder = backup_dir(source)
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = (now or clock.now()).strftime(_TIMESTAMP_FORMAT)
    base = f"{source.stem}-{stamp}"
    target = folder / f"{base}-{_safe_reason(reason)}{source.suffix}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{base}-{counter}-{_safe_reason(reason)}{source.suffix}"
    # Made under a hidden temporary name and renamed when complete: a stopped backup is never taken for one.
    building = folder / f".{base}-{secrets.token_hex(4)}.building"
    _create_private(building)
    try:
        source_db = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
        try:
            target_db = sqlite3.connect(building)
            try:
                source_db.backup(target_db)
                # A backup is one self-contained file: no write-ahead log beside it.
                target_db.execute("PRAGMA journal_mode=DELETE")
            finally:
                target_db.close()
        finally:
            source_db.close()
        if os.name == "posix":
            os.chmod(building, 0o600)
        os.replace(building, target)
    finally:
        for leftover in (building, Path(f"{building}-journal"), Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
    for old in list_backups(source)[keep:]:
        old.unlink(missing_ok=True)
    return target


def _create_private(target: Path) -> None:
    # Create the file owner-only before any data is written into it.
    descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(descriptor)
