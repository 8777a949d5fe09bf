"""The warnings centre over a real employer file: each code raised from recorded data, silent when sound."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from paemployer.rules.warnings import Severity
from paemployer.services.compliance import count_act_now, gather_warnings, load_snapshot, warning_as_dict
from paemployer.store.db import open_employer_file
from paemployer.store.models import (
    PA, BackgroundCheckKind, ContractTerms, CoverContact, Employer, Nation, PensionStatus, Training,
)

ON = date(2026, 11, 24)


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "test.paemployer", create=True)
    yield employer_file
    employer_file.close()


def sound_records(ef, *, nation=Nation.ENGLAND) -> int:
    """An employer whose records are all in order on ON; returns the PA's id."""
    with ef.session() as session:
        session.add(Employer(name="Rhian Evans", nation=nation, el_insurer="PA Cover", el_expiry=date(2027, 8, 31),
                             pension_duties_start=date(2024, 6, 3), declaration_of_compliance_date=date(2024, 8, 1)))
        pa = PA(first_name="Sam", last_name="Jones", date_of_birth=date(1990, 5, 1), start_date=date(2024, 6, 3),
                right_to_work_checked_on=date(2024, 5, 28), background_check_kind=BackgroundCheckKind.DBS_ENHANCED_BARRED,
                background_check_date=date(2024, 5, 20), pension_status=PensionStatus.ENROLLED)
        if nation == Nation.SCOTLAND:
            pa.background_check_kind = BackgroundCheckKind.PVG
        session.add(pa)
        session.flush()
        session.add(ContractTerms(pa_id=pa.id, effective_from=date(2024, 6, 3), standard_rate=Decimal("13.50"),
                                  issued_on=date(2024, 6, 1), probation_end=date(2024, 12, 3)))
        session.add(Training(pa_id=pa.id, course="Moving and handling", completed_on=date(2026, 2, 1),
                             expires_on=date(2027, 2, 1)))
        session.add(CoverContact(name="Ann Backup", phone="07700 900123", priority=1, last_confirmed=date(2026, 10, 1)))
        return pa.id


def change_pa(ef, pa_id, **values):
    with ef.session() as session:
        pa = session.get(PA, pa_id)
        for key, value in values.items():
            setattr(pa, key, value)
        session.add(pa)


def change_employer(ef, **values):
    with ef.session() as session:
        employer = session.exec(__import__("sqlmodel").select(Employer)).first()
        for key, value in values.items():
            setattr(employer, key, value)
        session.add(employer)


def codes(ef, on=ON) -> set[str]:
    return {w.code for w in gather_warnings(ef, on=on)}


def test_sound_file_is_silent(ef):
    sound_records(ef)
    assert gather_warnings(ef, on=ON) == []


def test_empty_file_is_silent(ef):
    assert gather_warnings(ef, on=ON) == []


@pytest.mark.parametrize("change, code", [
    ({"right_to_work_checked_on": None}, "RIGHT_TO_WORK_MISSING"),
    ({"right_to_work_follow_up": date(2026, 12, 10)}, "RIGHT_TO_WORK_FOLLOW_UP"),
    ({"background_check_kind": None, "background_check_date": None}, "DBS_DECISION_MISSING"),
    ({"pension_status": PensionStatus.NOT_ASSESSED}, "PENSION_ASSESSMENT_DUE"),
    ({"is_family": True, "family_relationship": "son", "same_household": True}, "FAMILY_MEMBER_APPROVAL"),
])
def test_pa_record_raises(ef, change, code):
    pa_id = sound_records(ef)
    change_pa(ef, pa_id, **change)
    warnings = gather_warnings(ef, on=ON)
    assert [w.code for w in warnings] == [code]
    [warning] = warnings
    assert warning.subject == f"pa:{pa_id}" and warning.subject_name == "Sam Jones"
    assert warning.action_target.page == "pas" and warning.action_target.record_id == pa_id
    assert warning.title and warning.explanation and warning.action and warning.basis


@pytest.mark.parametrize("change, code", [
    ({"el_expiry": date(2026, 11, 1)}, "EL_INSURANCE_EXPIRED"),
    ({"el_expiry": None}, "EL_INSURANCE_EXPIRED"),
    ({"el_expiry": date(2026, 12, 20)}, "EL_INSURANCE_EXPIRING"),
    ({"pension_duties_start": date(2023, 12, 1), "declaration_of_compliance_date": date(2024, 2, 1)},
     "PENSION_REDECLARATION_DUE"),
    ({"declaration_of_compliance_date": None}, "PENSION_DECLARATION_DUE"),
])
def test_employer_record_raises(ef, change, code):
    sound_records(ef)
    change_employer(ef, **change)
    [warning] = gather_warnings(ef, on=ON)
    assert warning.code == code and warning.subject == "employer" and warning.action_target.page == "employer"


def test_training_expired(ef):
    pa_id = sound_records(ef)
    with ef.session() as session:
        session.add(Training(pa_id=pa_id, course="First aid", completed_on=date(2023, 11, 1),
                             expires_on=date(2026, 11, 1)))
    [warning] = gather_warnings(ef, on=ON)
    assert warning.code == "TRAINING_EXPIRED" and "First aid" in warning.title
    assert warning.severity == Severity.ACT_SOON


def test_probation_ending_and_written_statement(ef):
    pa_id = sound_records(ef)
    with ef.session() as session:
        session.add(ContractTerms(pa_id=pa_id, effective_from=date(2026, 10, 1), standard_rate=Decimal("14"),
                                  probation_end=date(2026, 12, 10)))
    assert codes(ef) == {"PROBATION_ENDING"}
    new = None
    with ef.session() as session:
        new = PA(first_name="Lee", last_name="Ng", date_of_birth=date(1985, 1, 1), start_date=date(2026, 11, 2),
                 right_to_work_checked_on=date(2026, 10, 30), background_check_declined=True,
                 pension_status=PensionStatus.ENROLLED)
        session.add(new)
        session.flush()
        session.add(ContractTerms(pa_id=new.id, effective_from=date(2026, 11, 2), standard_rate=Decimal("13")))
    found = {(w.code, w.subject_name) for w in gather_warnings(ef, on=ON)}
    assert ("NO_WRITTEN_STATEMENT", "Lee Ng") in found


def test_cover_contacts(ef):
    sound_records(ef)
    with ef.session() as session:
        contact = session.exec(__import__("sqlmodel").select(CoverContact)).first()
        contact.last_confirmed = date(2026, 3, 1)
        session.add(contact)
    [warning] = gather_warnings(ef, on=ON)
    assert warning.code == "COVER_CONTACTS_STALE" and "Ann Backup" in warning.explanation
    with ef.session() as session:
        session.delete(session.exec(__import__("sqlmodel").select(CoverContact)).first())
    assert codes(ef) == {"NO_COVER_CONTACT"}


def test_scotland_pvg(ef):
    pa_id = sound_records(ef, nation=Nation.SCOTLAND)
    assert codes(ef) == set()
    change_pa(ef, pa_id, background_check_kind=BackgroundCheckKind.DBS_BASIC)
    [warning] = gather_warnings(ef, on=ON)
    assert warning.code == "DBS_DECISION_MISSING" and "PVG" in warning.title
    assert warning.severity == Severity.ACT_NOW and "disclosure.gov.scot" in warning.basis_url


def test_sorted_by_urgency_and_counted(ef):
    pa_id = sound_records(ef)
    change_pa(ef, pa_id, right_to_work_checked_on=None, background_check_kind=None)
    change_employer(ef, el_expiry=date(2027, 1, 10))
    warnings = gather_warnings(ef, on=ON)
    assert [w.severity for w in warnings] == sorted((w.severity for w in warnings), key=lambda s: s.rank)
    assert warnings[0].code == "RIGHT_TO_WORK_MISSING"
    assert count_act_now(warnings) == 1


def test_as_of_another_date(ef):
    sound_records(ef)
    # In July 2027 the insurance has run out and the 3-year re-declaration is coming up.
    assert codes(ef, date(2027, 9, 1)) >= {"EL_INSURANCE_EXPIRED"}
    assert "EL_INSURANCE_EXPIRING" in codes(ef, date(2027, 8, 1))


def test_json_shape(ef):
    sound_records(ef)
    change_employer(ef, el_expiry=date(2026, 12, 20))
    [warning] = gather_warnings(ef, on=ON)
    data = warning_as_dict(warning)
    assert data["code"] == "EL_INSURANCE_EXPIRING" and data["severity"] == "act_soon"
    assert data["subject"] == "employer" and data["due"] == "2026-12-20" and data["decided"] is False
    for key in ("title", "action", "basis"):
        assert isinstance(data[key], str) and data[key]


def test_one_pass_of_queries_whatever_the_number_of_pas(ef):
    from sqlalchemy import event

    sound_records(ef)
    with ef.session() as session:
        for n in range(20):
            session.add(PA(first_name=f"P{n}", last_name="X", start_date=date(2025, 1, 1)))
    statements = []
    event.listen(ef.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with ef.session() as session:
        load_snapshot(session)
    assert len(statements) <= 7


def test_minimum_wage_shortfall_and_band_change_from_the_file(ef):
    pa_id = sound_records(ef)
    with ef.session() as session:
        terms = session.exec(__import__("sqlmodel").select(ContractTerms)).first()
        terms.standard_rate = Decimal("12.00")
        session.add(terms)
    [warning] = gather_warnings(ef, on=ON)
    assert warning.code == "NMW_SHORTFALL" and warning.severity == Severity.ACT_NOW
    assert "£12.00" in warning.explanation and "£12.71" in warning.explanation
    assert "standard hourly rate" in warning.explanation
    change_pa(ef, pa_id, date_of_birth=date(2005, 12, 10))  # 20 now: £10.85, 21 on 10 December: £12.71
    [warning] = gather_warnings(ef, on=ON)
    assert warning.code == "NMW_BAND_CHANGE" and warning.due == date(2026, 12, 10)


def test_uprating_ahead_from_the_file(ef):
    sound_records(ef)
    with ef.session() as session:
        terms = session.exec(__import__("sqlmodel").select(ContractTerms)).first()
        terms.standard_rate = Decimal("12.50")  # above £12.21 (2025), below £12.71 (April 2026)
        session.add(terms)
    found = {w.code: w for w in gather_warnings(ef, on=date(2026, 2, 1))}
    assert found["NMW_UPRATING_AHEAD"].due == date(2026, 4, 1)
    assert "NMW_SHORTFALL" not in found


def test_gather_warnings_query_count_does_not_grow_with_pas(ef):
    from sqlalchemy import event

    sound_records(ef)

    def statements_for_gather():
        statements = []
        listener = lambda *a: statements.append(a[2])
        event.listen(ef.engine, "before_cursor_execute", listener)
        try:
            gather_warnings(ef, on=ON)
        finally:
            event.remove(ef.engine, "before_cursor_execute", listener)
        return len(statements)

    few = statements_for_gather()
    with ef.session() as session:
        for n in range(25):
            session.add(PA(first_name=f"P{n}", last_name="X", start_date=date(2025, 1, 6)))
    assert statements_for_gather() == few


def test_a_zero_hourly_rate_in_the_file_is_a_minimum_wage_shortfall(ef):
    sound_records(ef)
    with ef.session() as session:
        terms = session.exec(__import__("sqlmodel").select(ContractTerms)).first()
        terms.standard_rate = Decimal("0")
        session.add(terms)
    [warning] = gather_warnings(ef, on=ON)
    assert warning.code == "NMW_SHORTFALL" and warning.severity == Severity.ACT_NOW
    assert "£0.00" in warning.explanation


def test_child_employment_from_the_start_date_in_the_file(ef):
    pa_id = sound_records(ef)
    change_pa(ef, pa_id, date_of_birth=date(2011, 3, 1))  # 15 on ON
    [warning] = [w for w in gather_warnings(ef, on=ON) if w.code == "CHILD_EMPLOYMENT"]
    assert warning.severity == Severity.ACT_NOW and "25 June 2027" in warning.explanation


@pytest.mark.parametrize("status, raised", [("worked", True), ("cancelled", False)])
def test_child_employment_from_a_shift_before_the_recorded_start(ef, status, raised):
    from paemployer.store.models import Shift, ShiftStatus

    pa_id = sound_records(ef)
    # 16 on 1 November 2023, so of school age until Friday 28 June 2024; recorded as starting in July.
    change_pa(ef, pa_id, date_of_birth=date(2007, 11, 1), start_date=date(2024, 7, 1))
    with ef.session() as session:
        session.add(Shift(pa_id=pa_id, start=datetime(2024, 6, 20, 9), end=datetime(2024, 6, 20, 12),
                          status=ShiftStatus(status)))
    assert ("CHILD_EMPLOYMENT" in codes(ef)) is raised


def test_child_employment_first_rota_day_is_not_a_pattern_occurrence_before_the_start_date(ef):
    from paemployer.store.models import ShiftPattern

    # The review's case: a weekly pattern first dated Tuesday 20 October, a PA starting 2 November: the rota's
    # first shift is 3 November, and nothing was worked on 20 October.
    pa_id = sound_records(ef)
    change_pa(ef, pa_id, date_of_birth=date(2010, 11, 1), start_date=date(2026, 11, 2))
    with ef.session() as session:
        session.add(ShiftPattern(pa_id=pa_id, rrule="FREQ=WEEKLY", first_start=datetime(2026, 10, 20, 9),
                                 first_end=datetime(2026, 10, 20, 12)))
    [warning] = [w for w in gather_warnings(ef, on=ON) if w.code == "CHILD_EMPLOYMENT"]
    assert "from 2 November 2026" in warning.explanation and "20 October" not in warning.explanation


def test_child_employment_silent_for_a_pattern_whose_occurrences_all_fall_before_the_start_date(ef):
    from paemployer.store.models import ShiftPattern

    # Of school age until 28 June 2024, starting 1 July: a pattern ending before the start puts nothing on the rota.
    pa_id = sound_records(ef)
    change_pa(ef, pa_id, date_of_birth=date(2007, 11, 1), start_date=date(2024, 7, 1))
    with ef.session() as session:
        session.add(ShiftPattern(pa_id=pa_id, rrule="FREQ=WEEKLY", first_start=datetime(2024, 6, 1, 9),
                                 first_end=datetime(2024, 6, 1, 12), until=date(2024, 6, 30)))
    assert "CHILD_EMPLOYMENT" not in codes(ef)


@pytest.mark.parametrize("cancelled, first_day", [(0, "14 June 2024"), (1, "21 June 2024"), (2, "28 June 2024"),
                                                 (3, None)])
def test_child_employment_first_rota_day_skips_pattern_occurrences_a_cancelled_shift_replaces(ef, cancelled,
                                                                                              first_day):
    from paemployer.store.models import Shift, ShiftPattern, ShiftStatus

    # No start date recorded; of school age until Friday 28 June 2024; weekly on Fridays from 14 June.
    pa_id = sound_records(ef)
    change_pa(ef, pa_id, date_of_birth=date(2007, 11, 1), start_date=None)
    with ef.session() as session:
        pattern = ShiftPattern(pa_id=pa_id, rrule="FREQ=WEEKLY", first_start=datetime(2024, 6, 14, 9),
                               first_end=datetime(2024, 6, 14, 12))
        session.add(pattern)
        session.flush()
        for week in range(cancelled):
            occurrence = datetime(2024, 6, 14, 9) + timedelta(weeks=week)
            session.add(Shift(pa_id=pa_id, start=occurrence, end=occurrence + timedelta(hours=3),
                              status=ShiftStatus.CANCELLED, pattern_id=pattern.id, occurrence_start=occurrence))
    found = [w for w in gather_warnings(ef, on=ON) if w.code == "CHILD_EMPLOYMENT"]
    if first_day is None:
        assert found == []
    else:
        [warning] = found
        assert "from " + first_day in warning.explanation
