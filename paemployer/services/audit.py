"""The audit trail: who changed what, when. Summaries name the record and the fields changed,
never the values of sensitive fields (NI numbers, bank details)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session

from paemployer import clock
from paemployer.i18n import _
from paemployer.services.records.validation import label
from paemployer.store.models import AuditEntry

# Fields whose values are never written into a summary (only that they changed).
SENSITIVE_FIELDS = frozenset({"ni_number", "bank_account_name", "bank_sort_code", "bank_account_number"})


def changed_fields_text(fields: Iterable[str]) -> str:
    """'NI number, bank details': the changed fields in the user's words, bank fields as one."""
    names: list[str] = []
    for field in fields:
        name = _("bank details") if field.startswith("bank_") else label(field)
        if name not in names:
            names.append(name)
    return ", ".join(names)


def record(session: Session, *, who: str, action: str, table_name: str, row_id: int | None,
           summary: str, at: datetime | None = None) -> AuditEntry:
    """Stage one audit entry in the caller's transaction, so the change and its record stand or fall together.

    `at`: when the change was made, if the caller already fixed it (default: now)."""
    entry = AuditEntry(at=at or clock.now(), who=who, action=action, table_name=table_name, row_id=row_id,
                       summary=summary)
    session.add(entry)
    return entry
