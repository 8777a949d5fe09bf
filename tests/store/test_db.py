"""Opening and creating employer files: migrations from empty, refusal of newer or foreign files,
an older file backed up before it is upgraded, connection settings and transactions."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import select

from paemployer.errors import FileFormatError, NotFoundError
from paemployer.store import db
from paemployer.store.backup import list_backups
from paemployer.store.db import current_revision, head_revision, open_employer_file, script_directory
from paemployer.store.models import ALL_TABLES, PA, Employer, metadata


def _revision_of(path) -> str | None:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _migrate(path, revision: str, *, down: bool = False) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def test_a_new_file_is_made_by_the_migrations_and_is_owner_only(tmp_path):
    path = tmp_path / "folder" / "new.paemployer"
    with open_employer_file(path, create=True) as ef:
        assert ef.path == path
        assert current_revision(ef) == head_revision()
        with ef.engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        tables = set(inspect(ef.engine).get_table_names())
    assert {table.__tablename__ for table in ALL_TABLES} | {"alembic_version"} == tables
    if os.name == "posix":
        assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_migrations_from_empty_match_the_models_and_downgrade_cleanly(tmp_path):
    path = tmp_path / "empty.sqlite"
    sqlite3.connect(path).close()
    _migrate(path, "head")
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
    assert differences == []
    engine.dispose()
    _migrate(path, "base", down=True)
    engine = create_engine(f"sqlite:///{path}")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    engine.dispose()
    assert _revision_of(path) is None


def test_migration_history_is_one_straight_line():
    heads = script_directory().get_heads()
    assert heads == [head_revision()]
    revisions = list(script_directory().walk_revisions())
    assert revisions[-1].down_revision is None


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "newer.paemployer"
    open_employer_file(path, create=True).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()
    before = _digest(path)
    with pytest.raises(FileFormatError) as refused:
        open_employer_file(path)
    assert refused.value.message_id == "newer_file"
    assert "newer version of PA Employer" in refused.value.message
    assert "Update PA Employer" in refused.value.message
    assert _digest(path) == before
    assert list_backups(path) == []


@pytest.mark.parametrize("revision", [None] + [s.revision for s in script_directory().walk_revisions()
                                               if s.revision != head_revision()])
def test_an_older_file_is_backed_up_before_it_is_upgraded(tmp_path, monkeypatch, revision):
    path = tmp_path / "older.paemployer"
    open_employer_file(path, create=True).close()
    # Take the file back to an older revision (None: stamped at base, no tables yet).
    _migrate(path, revision or "base", down=True)
    assert _revision_of(path) == revision

    real_upgrade = db._upgrade
    seen_at_upgrade = []

    def upgrade_watching_backups(target):
        seen_at_upgrade.append(list_backups(target))
        real_upgrade(target)

    monkeypatch.setattr(db, "_upgrade", upgrade_watching_backups)
    with open_employer_file(path) as ef:
        assert current_revision(ef) == head_revision()
        with ef.session() as session:
            assert session.exec(select(PA)).all() == []
    backups = list_backups(path)
    assert len(seen_at_upgrade) == 1 and len(seen_at_upgrade[0]) == 1, "the backup must exist before the upgrade"
    assert backups == seen_at_upgrade[0]
    assert _revision_of(backups[0]) == revision  # the copy holds the file as it was
    assert "before-upgrade" in backups[0].name


def test_an_up_to_date_file_is_opened_without_a_backup(tmp_path):
    path = tmp_path / "current.paemployer"
    open_employer_file(path, create=True).close()
    open_employer_file(path).close()
    assert list_backups(path) == []


def test_a_missing_file_is_not_made_unless_asked(tmp_path):
    with pytest.raises(NotFoundError, match="There is no employer file"):
        open_employer_file(tmp_path / "missing.paemployer")
    assert not (tmp_path / "missing.paemployer").exists()


def test_files_that_are_not_employer_files_are_refused(tmp_path):
    text_file = tmp_path / "notes.paemployer"
    text_file.write_text("shopping list")
    other_sqlite = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other_sqlite)
    connection.execute("CREATE TABLE photos (id INTEGER)")
    connection.commit()
    connection.close()
    other_alembic = tmp_path / "other-app.sqlite"
    connection = sqlite3.connect(other_alembic)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
    connection.execute("INSERT INTO alembic_version VALUES ('abc123')")
    connection.commit()
    connection.close()
    for path in (text_file, other_sqlite, other_alembic, tmp_path):
        with pytest.raises(FileFormatError) as refused:
            open_employer_file(path)
        assert refused.value.message_id == "not_employer_file", path
        assert "is not a PA Employer file" in refused.value.message


def test_a_damaged_file_is_refused_plainly(tmp_path):
    path = tmp_path / "damaged.paemployer"
    open_employer_file(path, create=True).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page, schema included, is overwritten
    path.write_bytes(bytes(data))
    with pytest.raises(FileFormatError) as refused:
        open_employer_file(path)
    assert refused.value.message_id == "damaged_file"
    assert "backups" in refused.value.message


def test_a_session_commits_on_success_and_rolls_back_on_error(tmp_path):
    with open_employer_file(tmp_path / "tx.paemployer", create=True) as ef:
        with ef.session() as session:
            session.add(PA(first_name="Ann", last_name="Lee"))
        with pytest.raises(RuntimeError):
            with ef.session() as session:
                session.add(PA(first_name="Bo", last_name="Ray"))
                session.flush()
                raise RuntimeError("something went wrong half way")
        with ef.session() as session:
            names = [pa.first_name for pa in session.exec(select(PA)).all()]
        assert names == ["Ann"]


def test_objects_stay_readable_after_the_session_and_are_detached(tmp_path):
    with open_employer_file(tmp_path / "detached.paemployer", create=True) as ef:
        with ef.session() as session:
            pa = PA(first_name="Ann", last_name="Lee")
            session.add(pa)
        assert pa.id is not None and pa.first_name == "Ann"
        assert inspect(pa).detached


def test_foreign_keys_are_enforced(tmp_path):
    from sqlalchemy.exc import IntegrityError

    from paemployer.store.models import Training

    with open_employer_file(tmp_path / "fk.paemployer", create=True) as ef:
        with pytest.raises(IntegrityError):
            with ef.session() as session:
                session.add(Training(pa_id=999, course="First aid"))


FAILING_REVISION = '''
"""A migration that fails half way (test only)."""
from alembic import op
import sqlalchemy as sa

revision = "9000_fails"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("UPDATE pa SET first_name = 'changed'")
    raise RuntimeError("the disk is full")


def downgrade():
    op.drop_table("half_done")
'''


def test_an_upgrade_that_fails_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    import shutil

    path = tmp_path / "older.paemployer"
    with open_employer_file(path, create=True) as ef, ef.session() as session:
        session.add(PA(first_name="Ann", last_name="Lee"))
    migrations = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9000_fails.py").write_text(FAILING_REVISION.format(down=head_revision()))
    old_head = head_revision()
    monkeypatch.setattr(db, "MIGRATIONS_DIR", migrations)
    assert head_revision() == "9000_fails"
    with pytest.raises(FileFormatError) as refused:
        open_employer_file(path)
    assert refused.value.message_id == "upgrade_failed"
    assert "has not been changed" in refused.value.message
    assert _revision_of(path) == old_head
    connection = sqlite3.connect(path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    names = [row[0] for row in connection.execute("SELECT first_name FROM pa")]
    connection.close()
    assert "half_done" not in tables and names == ["Ann"]
    assert len(list_backups(path)) == 1


def test_the_write_ahead_log_is_owner_only_and_gone_after_close(tmp_path):
    path = tmp_path / "wal.paemployer"
    ef = open_employer_file(path, create=True)
    with ef.session() as session:
        session.add(PA(first_name="Ann", last_name="Lee"))
    wal = tmp_path / "wal.paemployer-wal"
    assert wal.exists()
    if os.name == "posix":
        assert oct(wal.stat().st_mode & 0o777) == "0o600"
    ef.close()
    assert not wal.exists()  # the file is whole on its own: safe to copy or email


def test_upgrading_from_0001_gives_each_existing_employer_a_file_uid(tmp_path):
    path = tmp_path / "before-uid.paemployer"
    open_employer_file(path, create=True).close()
    _migrate(path, "0001", down=True)
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO employer (name, address, postcode, phone, email, nation, managed_by, manager_name,"
                       " manager_contact, council, direct_payment_reference, paye_reference,"
                       " accounts_office_reference, employment_allowance, pension_scheme, el_insurer,"
                       " el_policy_number, holiday_year_start, default_pay_frequency, locale,"
                       " stand_in_essentials, setup_completed) VALUES ('Eleri', '', '', '', '', 'WALES', 'SELF',"
                       " '', '', '', '', '', '', 0, '', '', '', '2026-04-01', 'MONTHLY', 'cy', '', 1)")
    connection.commit()
    connection.close()
    with open_employer_file(path) as ef, ef.session() as session:
        employer = session.exec(select(Employer)).one()
    assert employer.name == "Eleri" and len(employer.file_uid) == 32
    assert list_backups(path), "the 0001 file was backed up before the upgrade"


# --- what a killed `new` or `demo` leaves behind -------------------------------------------------------------

_KILLED_BUILD = """
import sys, time
from paemployer.store import db
def fill(ef):
    from paemployer.services import records
    records.update_employer(ef, name="Jo Secret", nation="wales")
    print("building", flush=True)
    time.sleep(60)
db.create_employer_file(sys.argv[1], fill)
"""


def _age(path, seconds: float) -> None:
    then = path.stat().st_mtime - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_a_killed_builds_leftovers_are_removed_on_the_next_create_in_that_folder(tmp_path):
    import signal
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", _KILLED_BUILD, str(tmp_path / "k.paemployer")],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "building"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    leftovers = sorted(p for p in tmp_path.iterdir() if ".building" in p.name)
    assert leftovers and not (tmp_path / "k.paemployer").exists()
    for leftover in leftovers:
        _age(leftover, db.STALE_BUILD_SECONDS + 60)

    db.create_employer_file(tmp_path / "next.paemployer")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["next.paemployer"]


def test_a_recent_build_and_files_that_are_not_ours_are_left_alone(tmp_path):
    recent = tmp_path / ".paemployer-0123456789ab.building"
    recent.write_bytes(b"")  # another process's build, in progress
    others = {
        ".paemployer-0123456789ab.part": b"",                 # an output's temporary: not a build
        ".paemployer-nothex000000.building": b"",             # not our shape of name
        "notes.building": b"",
        "my.paemployer.building": b"",
        ".paemployer-abcdefabcdef.building.txt": b"",
        ".paemployer-0123456789ab.buildingX": b"",
    }
    for name, content in others.items():
        (tmp_path / name).write_bytes(content)
        _age(tmp_path / name, db.STALE_BUILD_SECONDS + 60)
    folder_named_so = tmp_path / ".paemployer-aaaaaaaaaaaa.building"
    folder_named_so.mkdir()
    os.utime(folder_named_so, (0, 0))
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    link = tmp_path / ".paemployer-bbbbbbbbbbbb.building"
    link.symlink_to(outside)
    _age(link, db.STALE_BUILD_SECONDS + 60)

    db.create_employer_file(tmp_path / "next.paemployer")
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {recent.name, *others, folder_named_so.name, outside.name, link.name, "next.paemployer"}
    assert outside.read_text() == "keep"


def test_an_old_build_another_program_holds_open_is_left_alone(tmp_path):
    held = tmp_path / ".paemployer-cccccccccccc.building"
    connection = sqlite3.connect(held, timeout=0)
    try:
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
        connection.execute("BEGIN EXCLUSIVE")
        _age(held, db.STALE_BUILD_SECONDS + 60)
        db.create_employer_file(tmp_path / "next.paemployer")
        assert held.exists()
    finally:
        connection.close()
    db.create_employer_file(tmp_path / "again.paemployer")
    assert not held.exists()  # let go: now it is a leftover like any other
