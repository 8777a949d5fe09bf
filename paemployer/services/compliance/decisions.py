"""Risk decisions: the employer has read a warning and accepted the risk, or scheduled the fix for a date.

A decision records who, when and why, against the warning's code, subject and fact fingerprint. It
covers the warning while the facts are unchanged and any review date has not arrived; nothing is
hidden without one. Every decision (and withdrawing one) is written to the audit trail.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from paemployer import clock
from paemployer.errors import NotFoundError, ValidationError
from paemployer.i18n import _, format_date
from paemployer.rules.warnings import Decision, Warning
from paemployer.services import audit
from paemployer.services.compliance.catalogue import CATALOGUE
from paemployer.store import queries
from paemployer.store.models import DecisionKind, RiskDecision

MAX_REASON = 2000


def _plain(row: RiskDecision) -> Decision:
    kind = row.decision.value if isinstance(row.decision, DecisionKind) else str(row.decision)
    return Decision(id=row.id, code=row.code, subject=row.subject, fact=row.fact, decision=kind,
                    reason=row.reason, decided_by=row.decided_by, decided_at=row.decided_at,
                    review_on=row.review_on)


def load_decisions(session: Session) -> list[Decision]:
    """Every decision, oldest first (so the newest on the same facts wins when applied)."""
    rows = queries.risk_decisions(session=session)
    return [_plain(row) for row in rows]


def list_decisions(ef) -> list[Decision]:
    with ef.session() as session:
        return load_decisions(session)


def _validate(code: str, subject: str, decision: DecisionKind, reason: str, review_on: date | None,
              today: date) -> None:
    if code not in CATALOGUE:
        raise ValidationError(_("There is no warning called {code}.").format(code=code), field="code")
    if not subject:
        raise ValidationError(_("Say who the decision is about."), field="subject")
    if decision == DecisionKind.ACCEPTED and not reason.strip():
        raise ValidationError(
            _("Write down why you accept this risk, so you (and anyone checking) can see it later."), field="reason")
    if len(reason) > MAX_REASON:
        raise ValidationError(
            _("The reason is too long: keep it under {count} characters.").format(count=MAX_REASON), field="reason")
    if decision == DecisionKind.SCHEDULED:
        if review_on is None:
            raise ValidationError(_("Choose the date by which you will sort this out."), field="review_on")
        if review_on <= today:
            raise ValidationError(
                _("The date to sort this out by must be after today."), field="review_on")
    if review_on is not None and review_on <= today and decision == DecisionKind.ACCEPTED:
        raise ValidationError(_("A date to look at this again must be after today."), field="review_on")


def record_decision(ef, *, code: str, subject: str, fact: str, decision: DecisionKind | str, reason: str = "",
                    review_on: date | None = None, decided_by: str | None = None,
                    at: datetime | None = None) -> Decision:
    """Accept a risk (with a reason; optionally a date to look again) or schedule the fix for a date.

    The warning moves to "decided" until its facts change or `review_on` arrives.
    """
    kind = DecisionKind(decision)
    at = at or clock.now()
    who = decided_by if decided_by is not None else getattr(ef, "who", "")
    reason = reason.strip()
    _validate(code, subject, kind, reason, review_on, at.date())
    with ef.session() as session:
        row = RiskDecision(code=code, subject=subject, fact=fact, decision=kind, reason=reason, decided_by=who,
                           decided_at=at, review_on=review_on)
        session.add(row)
        session.flush()
        # The summary names the warning and the decision, never the reason text (it may be personal).
        if review_on is None:
            summary = _("{decision} {code} for {subject}").format(decision=kind.value, code=code, subject=subject)
        else:
            summary = _("{decision} {code} for {subject} until {review_on}").format(
                decision=kind.value, code=code, subject=subject, review_on=format_date(review_on))
        audit.record(session, who=who, action="decide", table_name="riskdecision", row_id=row.id, summary=summary,
                     at=at)
        return _plain(row)


def decide(ef, warning: Warning, *, decision: DecisionKind | str, reason: str = "",
           review_on: date | None = None, decided_by: str | None = None, at: datetime | None = None) -> Decision:
    """Record a decision on this warning, as it stands now."""
    return record_decision(ef, code=warning.code, subject=warning.subject, fact=warning.fact, decision=decision,
                           reason=reason, review_on=review_on, decided_by=decided_by, at=at)


def withdraw_decision(ef, decision_id: int, *, who: str | None = None, at: datetime | None = None) -> None:
    """Take a decision back: its warning is open again. The audit trail keeps that it was made and withdrawn."""
    at = at or clock.now()
    who = who if who is not None else getattr(ef, "who", "")
    with ef.session() as session:
        row = session.get(RiskDecision, decision_id)
        if row is None:
            raise NotFoundError(_("That decision is no longer recorded."))
        audit.record(session, who=who, action="delete", table_name="riskdecision", row_id=row.id,
                     summary=_("Withdrew the decision on {code} for {subject}").format(code=row.code,
                                                                                       subject=row.subject),
                     at=at)
        session.delete(row)
