"""Opening, creating and upgrading an employer file: one SQLite file holds one employer.

A new file is made by running the Alembic migrations (never `create_all`), so every file, old or
new, has gone through the same steps. Every connection has foreign keys ON and a write-ahead log.
A file written by a newer PA Employer is refused; an older one is backed up, then upgraded.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, pool
from sqlalchemy.engine import Engine
from sqlmodel import Session

from paemployer.errors import FileFormatError, NotFoundError
from paemployer.i18n import _
from paemployer.store.backup import DEFAULT_KEEP, make_backup

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
FILE_SUFFIX = ".paemployer"


def alembic_config(url: str | None = None) -> Config:
    """Alembic's configuration, built in code: no alembic.ini is shipped with the app."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url)
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The schema revision this version of the app writes."""
    head = script_directory().get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in script_directory().walk_revisions()}


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _make_engine(path: Path, *, foreign_keys: bool, poolclass=None, transactional_ddl: bool = False) -> Engine:
    engine = create_engine(_sqlite_url(path), poolclass=poolclass) if poolclass else create_engine(_sqlite_url(path))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA journal_mode=WAL")
        finally:
            cursor.close()
        if transactional_ddl:
            # The sqlite3 module never opens a transaction before DDL; take over so a migration is all or nothing.
            dbapi_connection.isolation_level = None

    if transactional_ddl:
        @event.listens_for(engine, "begin")
        def _on_begin(connection) -> None:
            connection.exec_driver_sql("BEGIN")

    return engine


class EmployerFile:
    """An open employer file. Use `session()` for one transaction; `close()` when done.

    `who` is written into the audit trail for every change made through this file.
    """

    def __init__(self, path: Path, engine: Engine, *, who: str = "") -> None:
        self.path = path
        self.engine = engine
        self.who = who

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: commits when the block ends normally, rolls back on any error.

        Objects stay readable after the block (expire_on_commit=False) and are then detached.
        """
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "EmployerFile":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EmployerFile({str(self.path)!r})"


def _default_who() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some systems (containers, services): the trail still works
        return ""


def _make_private(path: Path) -> None:
    if os.name != "posix":
        return
    try:
        os.chmod(path, 0o600)
    except PermissionError:  # someone else's file opened read-only: theirs to protect
        pass


def _not_employer_file(path: Path) -> FileFormatError:
    return FileFormatError(
        _("{path} is not a PA Employer file. Choose a file made by PA Employer (it ends in .paemployer), "
          "or make a new one.").format(path=path),
        message_id="not_employer_file",
    )


def _read_revision(path: Path) -> tuple[str | None, bool]:
    """(alembic revision, has an employer table) of an existing SQLite file; refuses other files."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise FileFormatError(
            _("{path} cannot be read ({reason}). Check that the file is there and that you may open it.").format(
                path=path, reason=error.strerror or error),
            message_id="unreadable_file",
        ) from error
    if header != SQLITE_HEADER:
        raise _not_employer_file(path)
    try:
        connection = sqlite3.connect(path)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                raise _not_employer_file(path)
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise FileFormatError(
            _("{path} looks damaged and cannot be opened. Open one of its backups instead.").format(path=path),
            message_id="damaged_file",
        ) from error
    return (row[0] if row else None), ("employer" in tables)


def _upgrade(path: Path) -> None:
    """Run every migration the file lacks, in one transaction: on any failure the file is left as it was."""
    # Foreign keys OFF from the first moment: a batch rebuild with them ON would cascade deletes.
    engine = _make_engine(path, foreign_keys=False, poolclass=pool.NullPool, transactional_ddl=True)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-only from the first byte: the file will hold NI numbers and bank details.
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(descriptor)
    _make_private(path)
    _upgrade(path)


def open_employer_file(path: Path | str, *, create: bool = False, keep_backups: int = DEFAULT_KEEP) -> EmployerFile:
    """Open the employer file at `path`, making it first when `create` is true and it does not exist.

    Raises NotFoundError when there is no file (and `create` is false), FileFormatError when the
    file is not an employer file, is damaged, or was written by a newer PA Employer. An older file
    is copied into backups/ beside it before it is upgraded.
    """
    path = Path(path).expanduser().absolute()
    if not path.exists() or (create and path.is_file() and path.stat().st_size == 0):
        if not create:
            raise NotFoundError(
                _("There is no employer file at {path}. Check the name, or make a new file.").format(path=path),
                message_id="no_employer_file",
            )
        _create(path)
    elif path.is_dir():
        raise _not_employer_file(path)
    else:
        revision, has_employer_table = _read_revision(path)
        if revision is not None and revision not in known_revisions():
            if not has_employer_table:
                raise _not_employer_file(path)
            raise FileFormatError(
                _("{path} was saved by a newer version of PA Employer. Update PA Employer to open it; "
                  "the file has not been changed.").format(path=path),
                message_id="newer_file",
            )
        if revision != head_revision():
            backup = make_backup(path, f"before-upgrade-from-{revision or 'empty'}", keep=keep_backups)
            try:
                _upgrade(path)
            except Exception as error:
                raise FileFormatError(
                    _("{path} was made by an older PA Employer and could not be brought up to date ({reason}). "
                      "The file has not been changed, and a copy is kept at {backup}.").format(
                        path=path, reason=type(error).__name__, backup=backup),
                    message_id="upgrade_failed",
                ) from error
        _make_private(path)
    return EmployerFile(path, _make_engine(path, foreign_keys=True), who=_default_who())


def current_revision(ef: EmployerFile) -> str | None:
    """The schema revision the open file is at (the head, once opened)."""
    with ef.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
