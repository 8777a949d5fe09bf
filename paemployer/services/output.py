"""Files a person asked for (PDFs, calendars, images): written whole or not at all."""


from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from paemployer.errors import PAEmployerError
from paemployer.i18n import _
from paemployer.services import audit


def _audit(ef, session: Session, action: str, table_name: str, row_id: int | None, summary: str) -> None:
    audit.record(session, who=getattr(ef, "who", ""), action=action, table_name=table_name, row_id=row_id,
                 summary=summary)


# --- writing a file the person asked for ----------------------------------------------------------------


class OutputFileError(PAEmployerError):
    """A calendar or PDF cannot be written where the person asked: no such folder, no permission, a folder."""

    message_id = "output_file"


def _why_not_writable(error: OSError, path: Path) -> str:
    if isinstance(error, FileNotFoundError):
        return _("the folder {folder} does not exist").format(folder=path.parent)
    if isinstance(error, PermissionError):
        return _("you do not have permission to write there")
    if isinstance(error, IsADirectoryError):
        return _("that is a folder, not a file")
    if isinstance(error, NotADirectoryError):
        return _("part of the path is a file, not a folder")
    return error.strerror or str(error)


def write_output(path: Path | str, data: bytes) -> None:
    """Write `data` to `path`, or raise OutputFileError saying which path and why (nothing is written)."""
    path = Path(path)
    try:
        path.write_bytes(data)
    except OSError as error:
        raise OutputFileError(_("Could not write {path}: {why}. Choose a folder that exists and that you can "
                                "save files in.").format(path=path, why=_why_not_writable(error, path))) from None
