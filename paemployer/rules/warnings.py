"""Warnings as values: what a rule found (a Finding) and how a person reads it (a Warning).

A rule returns Findings: a stable code, the subject (the employer or one PA), a due date, the
figures a message needs, and a `fact` fingerprint of exactly the facts the finding rests on. The
warning catalogue (services/warning_catalogue.py) turns a Finding into a Warning with its severity,
plain-English texts and legal basis. A risk decision covers a warning while its fact is unchanged, so
changing the underlying record (a new expiry date, a new check) brings the warning back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from types import MappingProxyType
from typing import Any, Mapping

EMPLOYER = "employer"


def pa_subject(pa_id: int) -> str:
    """The subject key of a PA, as stored in RiskDecision.subject."""
    return f"pa:{pa_id}"


class Severity(str, Enum):
    ACT_NOW = "act_now"    # a legal duty is broken now, or will be before anything can be arranged
    ACT_SOON = "act_soon"  # something must be done by a date
    INFO = "info"          # worth knowing; nothing is due

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.ACT_NOW: 0, Severity.ACT_SOON: 1, Severity.INFO: 2}


def fingerprint(*parts: Any) -> str:
    """A short stable digest of the facts a finding rests on (never `today`, or it would change daily)."""
    text = "|".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Finding:
    """What a rule found, before any wording: the catalogue renders it."""

    code: str
    subject: str                      # EMPLOYER or pa_subject(id)
    fact: str                         # fingerprint(...) of the facts this rests on
    due: date | None = None           # when it must be done by (None: now, or no date applies)
    overdue: bool = False             # the duty is already broken on the day checked
    params: Mapping[str, Any] = field(default_factory=dict)  # figures for the message texts
    record_id: Any = None             # what the "go there" button opens: a record id, a shift key or a date

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))


@dataclass(frozen=True)
class ActionTarget:
    """Where the "go there" button leads: a page name of the app and, optionally, what to show on it
    (a record id on the records pages; a shift key or a day on the rota)."""

    page: str
    record_id: Any = None


@dataclass(frozen=True)
class Decision:
    """A risk decision as plain values (the stored RiskDecision, detached)."""

    id: int
    code: str
    subject: str
    fact: str
    decision: str            # "accepted" | "scheduled"
    reason: str
    decided_by: str
    decided_at: Any          # datetime
    review_on: date | None

    def covers(self, code: str, subject: str, fact: str, on: date) -> bool:
        """True while the facts are the ones decided on and any review date has not arrived."""
        if (self.code, self.subject, self.fact) != (code, subject, fact):
            return False
        return self.review_on is None or on < self.review_on


@dataclass(frozen=True)
class Warning:
    """One warning, ready for a person: what, why, what to do, by when, on what legal basis."""

    code: str
    severity: Severity
    subject: str              # EMPLOYER or "pa:<id>"
    subject_name: str         # the PA's full name, or "employer"
    due: date | None
    title: str
    explanation: str
    action: str
    action_target: ActionTarget
    basis: str
    basis_url: str
    fact: str
    decided: bool = False
    decision: Decision | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """What a risk decision is matched on."""
        return (self.code, self.subject, self.fact)

    def with_decision(self, decision: Decision | None) -> "Warning":
        return replace(self, decided=decision is not None, decision=decision)


def sort_key(warning: Warning) -> tuple:
    """Most urgent first: act now, then act soon by date, then information; decided ones after open ones."""
    return (
        warning.decided,
        warning.severity.rank,
        warning.due is None,
        warning.due or date.max,
        warning.subject_name,
        warning.code,
    )


def sort_warnings(warnings: list[Warning]) -> list[Warning]:
    return sorted(warnings, key=sort_key)


def apply_decisions(warnings: list[Warning], decisions: list[Decision], on: date) -> list[Warning]:
    """Mark the warnings a current decision covers; a changed fact or a passed review date uncovers them."""
    by_key: dict[tuple[str, str, str], Decision] = {}
    for decision in decisions:
        if decision.covers(decision.code, decision.subject, decision.fact, on):
            # The newest decision on the same facts wins (decisions arrive oldest first).
            by_key[(decision.code, decision.subject, decision.fact)] = decision
    return [warning.with_decision(by_key.get(warning.key)) for warning in warnings]
