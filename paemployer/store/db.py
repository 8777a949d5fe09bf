"""Opening, creating and upgrading an employer file: one SQLite file holds one employer.

A new file is made by running the Alembic migrations (never `create_all`), so every file, old or
new, has gone through the same steps. Every connection has foreign keys ON and a write-ahead log.
A file written by a newer PA Employer is refused; an older one is backed up, then upgraded.
"""

from __future__ import annotations

import errno
import getpass
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, pool
from sqlalchemy.engine import Engine
from sqlmodel import Session

from paemployer.errors import FileFormatError, NotFoundError, PAEmployerError, ValidationError
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


# --- making a file: whole or not at all ------------------------------------------------------------------

# SQLite keeps an open file's latest changes beside it in these; they belong to the file of the same name.
SIDE_FILE_ENDINGS = ("-wal", "-shm", "-journal")


class FileWriteError(PAEmployerError):
    """A file cannot be written where the person asked: no such folder, no permission, a folder, a name too long."""

    message_id = "output_file"


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest folder on `path`'s way that is in fact a file, if any (`sum` in sum/a.paemployer)."""
    for ancestor in reversed(path.parents):
        try:
            if ancestor.exists() and not ancestor.is_dir():
                return ancestor
        except OSError:
            return None
    return None


def why_not_writable(error: OSError, path: Path) -> tuple[str, str]:
    """Why `path` could not be written, and what to do about it, in words a person can act on.

    One mapping for every file the app makes (employer files, their folders, PDFs, calendars, images), so
    each says the same thing for the same reason, with advice that fits it.
    """
    choose = _("Choose a folder you can save files in, such as your Documents folder.")
    in_the_way = _file_in_the_way(path)
    if in_the_way is not None or isinstance(error, NotADirectoryError):
        # Making the folder under a file says "File exists"; opening the file there says "Not a directory".
        return (_("part of the path is a file, not a folder: {file}").format(file=in_the_way or path.parent),
                _("Check the path, or choose another folder."))
    if isinstance(error, FileNotFoundError):
        if path.parent.is_dir():  # the folder is there, but takes no files (/proc, some network places)
            return (_("files cannot be saved in the folder {folder}").format(folder=path.parent), choose)
        return (_("the folder {folder} does not exist").format(folder=path.parent),
                _("Choose a folder that exists, or make it first."))
    if isinstance(error, PermissionError):
        return _("you do not have permission to write there"), choose
    if isinstance(error, IsADirectoryError):
        return _("that is a folder, not a file"), _("Give the name of a file to make inside it.")
    if error.errno == errno.ENAMETOOLONG:
        return _("the name is too long"), _("Choose a shorter name for the file or its folders.")
    if error.errno == errno.ENOSPC:
        return _("the disk is full"), _("Make some space on the disk, or choose another disk.")
    if error.errno == errno.EROFS:
        return _("that place is read-only"), choose
    return (error.strerror or type(error).__name__,
            _("Choose a folder that exists and that you can save files in."))


def cannot_write(error: OSError, path: Path) -> FileWriteError:
    why, advice = why_not_writable(error, path)
    return FileWriteError(_("Could not write {path}: {why}. Nothing was written. {advice}").format(
        path=path, why=why, advice=advice), message_id="output_file")


def expand_path(path: Path | str) -> Path:
    """`~` expanded the same way everywhere (also when quoted on a command line), made absolute."""
    return Path(path).expanduser().absolute()


def path_exists(path: Path) -> bool:
    """Whether anything (a file, a folder, a broken link) is at `path`; a name the system refuses is a sentence."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise cannot_write(error, path) from None
    return True


def is_employer_file(path: Path | str) -> bool:
    """True when `path` holds an employer file (told by its content, not its name), or is one of its side files.

    An SQLite file with this app's tables counts, and so does an SQLite file too damaged or too busy to
    tell: it is never worth the risk of writing over someone's records.
    """
    path = Path(path)
    for ending in SIDE_FILE_ENDINGS:
        if path.name.endswith(ending) and len(path.name) > len(ending):
            if is_employer_file(path.with_name(path.name[: -len(ending)])):
                return True
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    if header != SQLITE_HEADER:
        return False
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except sqlite3.Error:
        return True
    return "alembic_version" in tables or "employer" in tables


def _temporary_sibling(path: Path, ending: str) -> Path:
    # Short and hidden: a name near the system's limit still leaves room, and nothing lists or opens it.
    return path.with_name(f".paemployer-{secrets.token_hex(6)}{ending}")


def publish(built: Path, path: Path, *, replace: bool) -> None:
    """Move the finished file `built` to `path` in one step (same folder, so os.replace is atomic).

    Without `replace`, refuses when something appeared at `path` meanwhile, never writing over it.
    """
    if replace:
        os.replace(built, path)
        return
    try:
        os.link(built, path)  # fails if `path` exists: no window in which another file could be lost
    except FileExistsError:
        raise file_exists(path) from None
    except OSError:  # file systems without hard links (FAT, some network drives)
        if path_exists(path):
            raise file_exists(path) from None
        os.replace(built, path)
        return
    os.unlink(built)


def file_exists(path: Path) -> ValidationError:
    return ValidationError(_("{path} already exists, so nothing was written. Choose a new file name.").format(
        path=path), field="path", message_id="file_exists")


def _remove_quietly(*paths: Path) -> None:
    for leftover in paths:
        try:
            os.unlink(leftover)
        except OSError:
            pass


# A file being built by create_employer_file, and its SQLite side files: only these names are ever cleared.
_BUILDING_NAME = re.compile(r"\.paemployer-[0-9a-f]{12}\.building(?:-wal|-shm|-journal)?")
# No build takes this long (a demo file takes about a second); an older one was stopped (killed, power cut).
STALE_BUILD_SECONDS = 10 * 60


def _held_by_another_program(built: Path) -> bool:
    """True when some process holds an SQLite lock on `built` (it is still being written)."""
    try:
        connection = sqlite3.connect(f"{built.absolute().as_uri()}?mode=rw", uri=True, timeout=0)
    except sqlite3.Error:
        return False
    try:
        connection.execute("BEGIN EXCLUSIVE")
        connection.rollback()
    except sqlite3.OperationalError as error:
        return "locked" in str(error) or "busy" in str(error)
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return False


def remove_stale_builds(folder: Path, *, now: float | None = None) -> None:
    """Remove what a killed create_employer_file left in `folder`: hidden `.paemployer-<hex>.building` files
    (they hold the employer's name, and more), with their -wal, -shm and -journal, once no file of the
    build has changed for STALE_BUILD_SECONDS and no process holds it open. Nothing else is touched:
    not another name, not a folder, not a link. Never fails: a leftover that cannot go stays."""
    now = time.time() if now is None else now
    builds: dict[str, list[os.DirEntry]] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if _BUILDING_NAME.fullmatch(entry.name):
                    builds.setdefault(entry.name.split(".building", 1)[0] + ".building", []).append(entry)
    except OSError:
        return
    for base, entries in builds.items():
        try:
            if not all(entry.is_file(follow_symlinks=False) for entry in entries):
                continue
            if now - max(entry.stat(follow_symlinks=False).st_mtime for entry in entries) < STALE_BUILD_SECONDS:
                continue
        except OSError:
            continue
        built = Path(folder) / base
        if any(entry.name == base for entry in entries) and _held_by_another_program(built):
            continue
        # Checking the lock may have made side files of its own: all of them go.
        _remove_quietly(built, *(Path(f"{built}{ending}") for ending in SIDE_FILE_ENDINGS))


def create_employer_file(path: Path | str, fill: Callable[[EmployerFile], None] | None = None, *,
                         replace: bool = False) -> Path:
    """Make a complete employer file at `path` and return its (expanded) path.

    The file is built under a temporary name in the same folder (migrations, then `fill(ef)`), and only
    then renamed into place: a file stopped half-way never appears under the name asked for, and a
    temporary one left by a killed process is hidden. Refuses when `path` exists, unless `replace`
    (the caller has decided the file there may go; never a folder).
    """
    path = expand_path(path)
    exists = path_exists(path)
    if exists and (not replace or path.is_dir()):
        if path.is_dir():
            raise FileWriteError(_("{path} is a folder. Give the name of a file to make inside it, for example "
                                   "{example}.").format(path=path, example=path / f"employer{FILE_SUFFIX}"),
                                 message_id="output_file")
        raise file_exists(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(error, path) from None
    remove_stale_builds(path.parent)
    built = _temporary_sibling(path, ".building")
    try:
        # Owner-only from the first byte: the file will hold NI numbers and bank details.
        descriptor = os.open(built, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(descriptor)
    except OSError as error:
        raise cannot_write(error, path) from None
    try:
        _make_private(built)
        _upgrade(built)
        if fill is not None:
            ef = EmployerFile(built, _make_engine(built, foreign_keys=True), who=_default_who())
            try:
                fill(ef)
            finally:
                ef.close()
        # Everything into the main file, so nothing is left in a side file under the temporary name.
        connection = sqlite3.connect(built)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
        # Side files of a file being replaced, or left with no file of their own, would be read into the new one.
        _remove_quietly(*(Path(f"{path}{ending}") for ending in SIDE_FILE_ENDINGS))
        publish(built, path, replace=replace)
    except OSError as error:
        raise cannot_write(error, path) from None
    finally:
        _remove_quietly(built, *(Path(f"{built}{ending}") for ending in SIDE_FILE_ENDINGS))
    return path


def open_employer_file(path: Path | str, *, create: bool = False, keep_backups: int = DEFAULT_KEEP) -> EmployerFile:
    """Open the employer file at `path`, making it first when `create` is true and it does not exist.

    Raises NotFoundError when there is no file (and `create` is false), FileFormatError when the
    file is not an employer file, is damaged, or was written by a newer PA Employer. An older file
    is copied into backups/ beside it before it is upgraded.
    """
    path = expand_path(path)
    try:
        exists = path.exists()
    except OSError:  # a name the system refuses (too long): there is no such file
        exists = False
    if not exists or (create and path.is_file() and path.stat().st_size == 0):
        if not create:
            raise NotFoundError(
                _("There is no employer file at {path}. Check the name, or make a new file.").format(path=path),
                message_id="no_employer_file",
            )
        create_employer_file(path, replace=exists)  # an empty file (nothing in it to lose) is replaced
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
