"""Risk decisions: a decided warning moves to "decided", and comes back when its facts change or its date passes."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from paemployer.errors import NotFoundError, ValidationError
from paemployer.services.compliance import count_act_now, gather_warnings
from paemployer.services.compliance.decisions import decide, list_decisions, record_decision, withdraw_decision
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, AuditEntry, DecisionKind, Employer, RiskDecision

ON = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 10, 30)


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "d.paemployer", create=True)
    with employer_file.session() as session:
        session.add(Employer(name="Rhian", el_expiry=date(2026, 12, 20), pension_duties_start=date(2025, 1, 6),
                             declaration_of_compliance_date=date(2025, 2, 1)))
        session.add(PA(first_name="Dai", last_name="Hughes", start_date=date(2025, 1, 6),
                       right_to_work_checked_on=date(2025, 1, 2), pension_status="enrolled"))
    yield employer_file
    employer_file.close()


def by_code(warnings):
    return {w.code: w for w in warnings}


def test_accepting_a_risk_moves_the_warning_to_decided_and_is_audited(ef):
    dbs = by_code(gather_warnings(ef, on=ON))["DBS_DECISION_MISSING"]
    decision = decide(ef, dbs, decision="accepted", reason="Known Dai for 20 years", decided_by="Rhian", at=NOW)
    after = by_code(gather_warnings(ef, on=ON))["DBS_DECISION_MISSING"]
    assert after.decided and after.decision.id == decision.id
    assert after.decision.reason == "Known Dai for 20 years" and after.decision.decided_by == "Rhian"
    assert after.decision.decided_at == NOW
    with ef.session() as session:
        [entry] = session.exec(select(AuditEntry).where(AuditEntry.action == "decide")).all()
    assert entry.table_name == "riskdecision" and entry.row_id == decision.id and entry.who == "Rhian"
    assert "DBS_DECISION_MISSING" in entry.summary and "20 years" not in entry.summary


def test_changing_the_fact_brings_the_warning_back(ef):
    el = by_code(gather_warnings(ef, on=ON))["EL_INSURANCE_EXPIRING"]
    decide(ef, el, decision="scheduled", review_on=date(2026, 12, 15), decided_by="Rhian", at=NOW)
    assert by_code(gather_warnings(ef, on=ON))["EL_INSURANCE_EXPIRING"].decided
    with ef.session() as session:
        employer = session.exec(select(Employer)).first()
        employer.el_expiry = date(2026, 12, 31)  # a different policy: the decision was about the old one
        session.add(employer)
    assert not by_code(gather_warnings(ef, on=ON))["EL_INSURANCE_EXPIRING"].decided


def test_a_scheduled_fix_comes_back_on_its_date(ef):
    el = by_code(gather_warnings(ef, on=ON))["EL_INSURANCE_EXPIRING"]
    decide(ef, el, decision=DecisionKind.SCHEDULED, review_on=date(2026, 12, 1), at=NOW)
    assert by_code(gather_warnings(ef, on=date(2026, 11, 30)))["EL_INSURANCE_EXPIRING"].decided
    assert not by_code(gather_warnings(ef, on=date(2026, 12, 1)))["EL_INSURANCE_EXPIRING"].decided


def test_decided_warnings_do_not_count_as_act_now(ef):
    with ef.session() as session:
        pa = session.exec(select(PA)).first()
        pa.right_to_work_checked_on = None
        session.add(pa)
    warnings = gather_warnings(ef, on=ON)
    assert {w.code for w in warnings if w.severity == "act_now"} == {"RIGHT_TO_WORK_MISSING", "NO_WRITTEN_STATEMENT"}
    assert count_act_now(warnings) == 2
    for code in ("RIGHT_TO_WORK_MISSING", "NO_WRITTEN_STATEMENT"):
        decide(ef, by_code(warnings)[code], decision="scheduled", review_on=date(2026, 11, 27), at=NOW)
    assert count_act_now(gather_warnings(ef, on=ON)) == 0


def test_withdrawing_a_decision_reopens_the_warning(ef):
    dbs = by_code(gather_warnings(ef, on=ON))["DBS_DECISION_MISSING"]
    decision = decide(ef, dbs, decision="accepted", reason="Family friend", at=NOW)
    withdraw_decision(ef, decision.id, who="Rhian", at=NOW)
    assert not by_code(gather_warnings(ef, on=ON))["DBS_DECISION_MISSING"].decided
    assert list_decisions(ef) == []
    with pytest.raises(NotFoundError):
        withdraw_decision(ef, decision.id)


@pytest.mark.parametrize("kwargs, field", [
    ({"decision": "accepted", "reason": "  "}, "reason"),
    ({"decision": "scheduled", "reason": "will do"}, "review_on"),
    ({"decision": "scheduled", "review_on": ON}, "review_on"),
    ({"decision": "accepted", "reason": "x" * 2001}, "reason"),
])
def test_a_decision_needs_a_reason_or_a_future_date(ef, kwargs, field):
    dbs = by_code(gather_warnings(ef, on=ON))["DBS_DECISION_MISSING"]
    with pytest.raises(ValidationError) as error:
        decide(ef, dbs, at=NOW, **kwargs)
    assert error.value.field == field
    with ef.session() as session:
        assert session.exec(select(RiskDecision)).all() == []


def test_unknown_code_refused(ef):
    with pytest.raises(ValidationError):
        record_decision(ef, code="NOT_A_CODE", subject="employer", fact="x", decision="accepted", reason="r", at=NOW)
