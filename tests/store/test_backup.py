"""Backups beside the employer file: consistent copies, owner-only, newest N kept."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta

from sqlmodel import select

from paemployer.store.backup import backup_dir, list_backups, make_backup
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA


def test_a_backup_is_a_complete_owner_only_copy_in_backups_beside_the_file(tmp_path):
    path = tmp_path / "eleri.paemployer"
    with open_employer_file(path, create=True) as ef:
        with ef.session() as session:
            session.add(PA(first_name="Ann", last_name="Lee"))
        # Taken while the file is open, with the change perhaps still in the write-ahead log.
        copy = make_backup(path, "on request", now=datetime(2026, 11, 24, 9, 30, 0))
    assert copy.parent == backup_dir(path) == tmp_path / "backups"
    assert copy.name == "eleri-20261124-093000-on-request.paemployer"
    if os.name == "posix":
        assert oct(copy.stat().st_mode & 0o777) == "0o600"
        assert oct(copy.parent.stat().st_mode & 0o777) == "0o700"
    with open_employer_file(copy) as restored, restored.session() as session:
        assert [pa.first_name for pa in session.exec(select(PA)).all()] == ["Ann"]
    connection = sqlite3.connect(copy)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()


def test_only_the_newest_backups_are_kept(tmp_path):
    path = tmp_path / "eleri.paemployer"
    open_employer_file(path, create=True).close()
    start = datetime(2026, 11, 1, 8, 0, 0)
    made = [make_backup(path, "daily", keep=3, now=start + timedelta(days=day)) for day in range(5)]
    assert list_backups(path) == list(reversed(made[-3:]))
    assert not made[0].exists() and not made[1].exists()


def test_backups_in_the_same_second_do_not_overwrite_each_other(tmp_path):
    path = tmp_path / "eleri.paemployer"
    open_employer_file(path, create=True).close()
    moment = datetime(2026, 11, 24, 9, 30, 0)
    first = make_backup(path, "one", now=moment)
    second = make_backup(path, "two", now=moment)
    assert first != second and first.exists() and second.exists()
    assert list_backups(path) == [second, first]


def test_backups_of_another_file_in_the_same_folder_are_not_counted(tmp_path):
    ours, theirs = tmp_path / "ours.paemployer", tmp_path / "theirs.paemployer"
    open_employer_file(ours, create=True).close()
    open_employer_file(theirs, create=True).close()
    make_backup(theirs, "x", now=datetime(2026, 1, 1))
    for day in range(1, 4):
        make_backup(ours, "x", keep=1, now=datetime(2026, 1, 1 + day))
    assert len(list_backups(ours)) == 1
    assert len(list_backups(theirs)) == 1


def test_a_stopped_backup_is_never_taken_for_a_backup(tmp_path, monkeypatch):
    from paemployer.store import backup

    path = tmp_path / "client.paemployer"
    open_employer_file(path, create=True).close()

    class Stopped:
        def __init__(self, connection):
            self.connection = connection

        def backup(self, target):
            raise KeyboardInterrupt  # stopped while copying

        def __getattr__(self, name):
            return getattr(self.connection, name)

    class StoppingSqlite:
        def connect(self, *args, **kwargs):
            return Stopped(sqlite3.connect(*args, **kwargs))

    monkeypatch.setattr(backup, "sqlite3", StoppingSqlite())
    try:
        make_backup(path, "before-upgrade")
    except KeyboardInterrupt:
        pass
    assert list_backups(path) == []
    assert list(backup_dir(path).iterdir()) == []  # nothing half-made left behind, hidden or not
