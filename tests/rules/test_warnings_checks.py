"""Each record-based check raises its code on a small scenario and stays silent on a sound one."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from paemployer.rules import compliance_checks as cc
from paemployer.rules import school_age
from paemployer.rules.rates import load_table
from paemployer.rules.compliance_checks import (
    CoverContactFacts, EmployerFacts, Horizons, PAFacts, TermsFacts, TrainingFacts,
)
from paemployer.rules.warnings import (
    EMPLOYER, Decision, Finding, Severity, Warning, ActionTarget, apply_decisions, fingerprint, sort_warnings,
)

ON = date(2026, 11, 24)
H = Horizons()


def sound_pa(**changes) -> PAFacts:
    """A PA whose records are all in order on ON."""
    values = dict(
        id=1, full_name="Sam Jones", date_of_birth=date(1990, 5, 1), start_date=date(2024, 6, 3),
        right_to_work_checked_on=date(2024, 5, 28), background_check_kind="dbs_enhanced_barred",
        background_check_date=date(2023, 12, 20), pension_status="enrolled", pension_assessed_on=date(2024, 6, 3),
        terms=(TermsFacts(id=10, effective_from=date(2024, 6, 3), standard_rate=Decimal("13.50"),
                          issued_on=date(2024, 5, 28), probation_end=date(2024, 12, 3)),),
        training=(TrainingFacts(id=5, course="Moving and handling", completed_on=date(2026, 2, 1),
                                expires_on=date(2027, 2, 1)),),
    )
    values.update(changes)
    return PAFacts(**values)


SOUND_EMPLOYER = EmployerFacts(nation="england", el_insurer="PA Cover Ltd", el_expiry=date(2027, 6, 30),
                               pension_duties_start=date(2024, 6, 3),
                               declaration_of_compliance_date=date(2024, 8, 1))
FRESH_CONTACTS = [CoverContactFacts(id=1, name="Ann Backup", last_confirmed=date(2026, 10, 1))]


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def test_a_sound_file_raises_nothing():
    assert cc.record_checks(SOUND_EMPLOYER, [sound_pa()], FRESH_CONTACTS, on=ON, horizons=H) == []


# NO_WRITTEN_STATEMENT ---------------------------------------------------------------------------------------

def test_no_written_statement_when_none_issued():
    pa = sound_pa(terms=(TermsFacts(id=10, effective_from=date(2024, 6, 3), standard_rate=Decimal("13"),),))
    [finding] = cc.check_written_statement(pa, on=ON, nation="england", horizons=H)
    assert finding.code == "NO_WRITTEN_STATEMENT" and finding.overdue and not finding.params["late"]


def test_written_statement_issued_late_is_kept_for_information():
    pa = sound_pa(terms=(TermsFacts(id=10, effective_from=date(2024, 6, 3), issued_on=date(2024, 7, 1)),))
    [finding] = cc.check_written_statement(pa, on=ON, nation="england", horizons=H)
    assert finding.params["late"] and not finding.overdue


def test_written_statement_in_northern_ireland_has_two_months():
    pa = sound_pa(start_date=ON - timedelta(days=20),
                  terms=(TermsFacts(id=10, effective_from=ON - timedelta(days=20)),))
    [finding] = cc.check_written_statement(pa, on=ON, nation="northern-ireland", horizons=H)
    assert not finding.overdue and finding.due == date(2027, 1, 4)
    late_pa = sound_pa(terms=(TermsFacts(id=10, effective_from=date(2024, 6, 3), issued_on=date(2024, 7, 20)),))
    assert cc.check_written_statement(late_pa, on=ON, nation="northern-ireland", horizons=H) == []


def test_written_statement_silent_when_given_on_first_day_or_pa_has_left():
    pa = sound_pa(terms=(TermsFacts(id=10, effective_from=date(2024, 6, 3), issued_on=date(2024, 6, 3)),))
    assert cc.check_written_statement(pa, on=ON, nation="england", horizons=H) == []
    left = sound_pa(terms=(), end_date=date(2025, 1, 1))
    assert cc.check_written_statement(left, on=ON, nation="england", horizons=H) == []


# RIGHT_TO_WORK_* ---------------------------------------------------------------------------------------------

def test_right_to_work_missing_for_a_working_pa_and_before_a_start():
    [finding] = cc.check_right_to_work(sound_pa(right_to_work_checked_on=None), on=ON, horizons=H)
    assert finding.code == "RIGHT_TO_WORK_MISSING" and finding.overdue
    starter = sound_pa(right_to_work_checked_on=None, start_date=ON + timedelta(days=10))
    [finding] = cc.check_right_to_work(starter, on=ON, horizons=H)
    assert not finding.overdue and finding.due == ON + timedelta(days=10)
    far_starter = sound_pa(right_to_work_checked_on=None, start_date=ON + timedelta(days=100))
    assert cc.check_right_to_work(far_starter, on=ON, horizons=H) == []


def test_right_to_work_follow_up_ahead_and_overdue():
    [finding] = cc.check_right_to_work(sound_pa(right_to_work_follow_up=ON + timedelta(days=30)), on=ON, horizons=H)
    assert finding.code == "RIGHT_TO_WORK_FOLLOW_UP" and not finding.overdue
    [finding] = cc.check_right_to_work(sound_pa(right_to_work_follow_up=ON - timedelta(days=1)), on=ON, horizons=H)
    assert finding.overdue
    assert cc.check_right_to_work(sound_pa(right_to_work_follow_up=ON + timedelta(days=200)), on=ON, horizons=H) == []


# DBS_DECISION_MISSING ----------------------------------------------------------------------------------------

def test_dbs_decision_missing_and_silenced_by_a_check_or_a_decision():
    unchecked = sound_pa(background_check_kind=None, background_check_date=None)
    [finding] = cc.check_background(unchecked, on=ON, nation="wales", horizons=H)
    assert finding.code == "DBS_DECISION_MISSING" and not finding.params["pvg_required"]
    declined = sound_pa(background_check_kind=None, background_check_date=None, background_check_declined=True)
    assert cc.check_background(declined, on=ON, nation="wales", horizons=H) == []


def test_scotland_needs_pvg_from_april_2025_even_if_the_employer_declined():
    declined = sound_pa(background_check_kind=None, background_check_date=None, background_check_declined=True)
    [finding] = cc.check_background(declined, on=ON, nation="scotland", horizons=H)
    assert finding.params["pvg_required"] and finding.overdue
    dbs_only = sound_pa()
    assert cc.check_background(dbs_only, on=ON, nation="scotland", horizons=H)
    pvg = sound_pa(background_check_kind="pvg")
    assert cc.check_background(pvg, on=ON, nation="scotland", horizons=H) == []
    # Before 1 April 2025 the declined decision stood.
    assert cc.check_background(declined, on=date(2025, 3, 31), nation="scotland", horizons=H) == []
    # Family relationships are outside the PVG duty.
    family = sound_pa(background_check_kind=None, background_check_date=None, background_check_declined=True,
                      is_family=True)
    assert cc.check_background(family, on=ON, nation="scotland", horizons=H) == []


# TRAINING_EXPIRED --------------------------------------------------------------------------------------------

def test_training_expired_and_expiring():
    expired = sound_pa(training=(TrainingFacts(id=5, course="First aid", expires_on=ON - timedelta(days=3)),))
    [finding] = cc.check_training(expired, on=ON, horizons=H)
    assert finding.code == "TRAINING_EXPIRED" and finding.overdue and finding.params["course"] == "First aid"
    soon = sound_pa(training=(TrainingFacts(id=5, course="First aid", expires_on=ON + timedelta(days=10)),))
    [finding] = cc.check_training(soon, on=ON, horizons=H)
    assert not finding.overdue


def test_training_renewed_replaces_the_expired_record():
    renewed = sound_pa(training=(
        TrainingFacts(id=5, course="First aid", completed_on=date(2023, 1, 1), expires_on=date(2026, 1, 1)),
        TrainingFacts(id=6, course="first aid", completed_on=date(2026, 1, 2), expires_on=date(2029, 1, 2)),
    ))
    assert cc.check_training(renewed, on=ON, horizons=H) == []


# PROBATION_ENDING --------------------------------------------------------------------------------------------

def test_probation_ending_soon_only():
    terms = (TermsFacts(id=10, effective_from=date(2026, 9, 1), issued_on=date(2026, 9, 1),
                        probation_end=ON + timedelta(days=14)),)
    [finding] = cc.check_probation(sound_pa(terms=terms), on=ON, horizons=H)
    assert finding.code == "PROBATION_ENDING" and finding.due == ON + timedelta(days=14)
    assert cc.check_probation(sound_pa(), on=ON, horizons=H) == []


# FAMILY_MEMBER_APPROVAL --------------------------------------------------------------------------------------

@pytest.mark.parametrize("nation", ["england", "wales", "northern-ireland"])
def test_same_household_relative_needs_agreement(nation):
    daughter = sound_pa(is_family=True, family_relationship="daughter", same_household=True)
    [finding] = cc.check_family_approval(daughter, on=ON, nation=nation, horizons=H)
    assert finding.code == "FAMILY_MEMBER_APPROVAL" and finding.params["nation"] == nation
    elsewhere = sound_pa(is_family=True, family_relationship="daughter", same_household=False)
    assert cc.check_family_approval(elsewhere, on=ON, nation=nation, horizons=H) == []
    agreed = sound_pa(is_family=True, same_household=True, council_approved_family=date(2023, 12, 1))
    assert cc.check_family_approval(agreed, on=ON, nation=nation, horizons=H) == []


def test_scotland_any_family_member_needs_agreement():
    nephew = sound_pa(is_family=True, family_relationship="nephew", same_household=False)
    assert codes(cc.check_family_approval(nephew, on=ON, nation="scotland", horizons=H)) == ["FAMILY_MEMBER_APPROVAL"]


# PENSION_* ---------------------------------------------------------------------------------------------------

def test_pension_assessment_due_for_unassessed_and_postponed():
    [finding] = cc.check_pension_assessment(sound_pa(pension_status="not_assessed"), on=ON,
                                            employer=SOUND_EMPLOYER, horizons=H)
    assert finding.code == "PENSION_ASSESSMENT_DUE" and finding.overdue
    postponed = sound_pa(pension_status="postponed", start_date=date(2026, 10, 1),
                         pension_assessed_on=date(2026, 10, 1))
    [finding] = cc.check_pension_assessment(postponed, on=ON, employer=SOUND_EMPLOYER, horizons=H)
    assert finding.due == date(2027, 1, 1) and not finding.overdue
    assert cc.check_pension_assessment(sound_pa(), on=ON, employer=SOUND_EMPLOYER, horizons=H) == []


def test_redeclaration_every_three_years():
    employer = EmployerFacts(el_expiry=date(2027, 6, 30), pension_duties_start=date(2023, 12, 1),
                             declaration_of_compliance_date=date(2024, 8, 1))
    [finding] = cc.check_pension_declarations(employer, on=ON, anyone_employed=True, horizons=H)
    assert finding.code == "PENSION_REDECLARATION_DUE"
    assert finding.due == date(2027, 5, 1) and finding.params["anniversary"] == date(2026, 12, 1)
    redeclared = EmployerFacts(pension_duties_start=date(2023, 12, 1),
                               declaration_of_compliance_date=date(2026, 11, 20))
    assert cc.check_pension_declarations(redeclared, on=ON, anyone_employed=True, horizons=H) == []
    # Two years in: nothing due yet.
    assert cc.check_pension_declarations(SOUND_EMPLOYER, on=ON, anyone_employed=True, horizons=H) == []


def test_first_declaration_due_and_missing_duties_start():
    new = EmployerFacts(pension_duties_start=date(2026, 9, 1))
    [finding] = cc.check_pension_declarations(new, on=ON, anyone_employed=True, horizons=H)
    assert finding.code == "PENSION_DECLARATION_DUE" and finding.due == date(2027, 2, 1)
    [finding] = cc.check_pension_declarations(EmployerFacts(), on=ON, anyone_employed=True, horizons=H)
    assert finding.code == "PENSION_DECLARATION_DUE" and finding.due is None
    assert cc.check_pension_declarations(EmployerFacts(), on=ON, anyone_employed=False, horizons=H) == []


def test_redeclaration_cycle_moves_on_every_three_years():
    assert cc.redeclaration_cycle(date(2020, 1, 1), date(2026, 11, 24), 90) == (date(2026, 1, 1), date(2026, 6, 1))
    assert cc.redeclaration_cycle(date(2025, 1, 1), date(2026, 11, 24), 90) is None


# EL_INSURANCE_* ----------------------------------------------------------------------------------------------

def test_el_insurance_expired_missing_and_expiring():
    [finding] = cc.check_el_insurance(EmployerFacts(el_expiry=ON - timedelta(days=1)), [sound_pa()], on=ON, horizons=H)
    assert finding.code == "EL_INSURANCE_EXPIRED" and finding.overdue and finding.params["recorded"]
    [finding] = cc.check_el_insurance(EmployerFacts(), [sound_pa()], on=ON, horizons=H)
    assert finding.code == "EL_INSURANCE_EXPIRED" and not finding.params["recorded"]
    [finding] = cc.check_el_insurance(EmployerFacts(el_expiry=date(2026, 12, 20)), [sound_pa()], on=ON, horizons=H)
    assert finding.code == "EL_INSURANCE_EXPIRING" and finding.due == date(2026, 12, 20)
    # Valid through the expiry day itself.
    [finding] = cc.check_el_insurance(EmployerFacts(el_expiry=ON), [sound_pa()], on=ON, horizons=H)
    assert finding.code == "EL_INSURANCE_EXPIRING"


def test_el_insurance_silent_when_valid_or_nobody_employed():
    assert cc.check_el_insurance(SOUND_EMPLOYER, [sound_pa()], on=ON, horizons=H) == []
    assert cc.check_el_insurance(EmployerFacts(), [], on=ON, horizons=H) == []
    left = sound_pa(end_date=date(2025, 1, 1))
    assert cc.check_el_insurance(EmployerFacts(), [left], on=ON, horizons=H) == []


def test_el_insurance_all_family_is_not_overdue():
    [finding] = cc.check_el_insurance(EmployerFacts(), [sound_pa(is_family=True)], on=ON, horizons=H)
    assert finding.params["all_family"] and not finding.overdue


# NO_COVER_CONTACT / COVER_CONTACTS_STALE --------------------------------------------------------------------

def test_no_cover_contact():
    assert codes(cc.check_cover_contacts([], on=ON, anyone_employed=True, horizons=H)) == ["NO_COVER_CONTACT"]
    assert cc.check_cover_contacts([], on=ON, anyone_employed=False, horizons=H) == []


def test_cover_contacts_stale_after_six_months():
    contacts = [CoverContactFacts(id=1, name="Ann", last_confirmed=date(2026, 5, 23)),
                CoverContactFacts(id=2, name="Bob", last_confirmed=None),
                CoverContactFacts(id=3, name="Cat", last_confirmed=date(2026, 5, 24))]
    [finding] = cc.check_cover_contacts(contacts, on=ON, anyone_employed=True, horizons=H)
    assert finding.code == "COVER_CONTACTS_STALE"
    assert finding.params["names"] == "Bob, Ann" and finding.params["count"] == 2
    assert cc.check_cover_contacts(contacts[2:], on=ON, anyone_employed=True, horizons=H) == []


def test_cover_stale_fact_changes_when_a_contact_is_confirmed():
    stale = [CoverContactFacts(id=1, name="Ann", last_confirmed=date(2025, 1, 1)),
             CoverContactFacts(id=2, name="Bob", last_confirmed=date(2025, 2, 1))]
    before = cc.check_cover_contacts(stale, on=ON, anyone_employed=True, horizons=H)[0].fact
    stale[1] = CoverContactFacts(id=2, name="Bob", last_confirmed=ON)
    after = cc.check_cover_contacts(stale, on=ON, anyone_employed=True, horizons=H)[0].fact
    assert before != after


# Warning values and decisions --------------------------------------------------------------------------------

def _warning(code="X", severity=Severity.ACT_SOON, due=None, fact="f", subject=EMPLOYER) -> Warning:
    return Warning(code=code, severity=severity, subject=subject, subject_name="employer", due=due, title="t",
                   explanation="e", action="a", action_target=ActionTarget("home"), basis="b", basis_url="",
                   fact=fact)


def _decision(fact="f", review_on=None, code="X") -> Decision:
    return Decision(id=1, code=code, subject=EMPLOYER, fact=fact, decision="accepted", reason="known for years",
                    decided_by="me", decided_at=None, review_on=review_on)


def test_a_decision_covers_only_the_same_facts_until_its_review_date():
    [covered] = apply_decisions([_warning()], [_decision()], ON)
    assert covered.decided and covered.decision.reason == "known for years"
    [changed] = apply_decisions([_warning(fact="g")], [_decision()], ON)
    assert not changed.decided
    [before] = apply_decisions([_warning()], [_decision(review_on=ON + timedelta(days=1))], ON)
    [on_the_day] = apply_decisions([_warning()], [_decision(review_on=ON)], ON)
    assert before.decided and not on_the_day.decided


def test_sorted_most_urgent_first():
    warnings = [_warning(code="I", severity=Severity.INFO), _warning(code="S2", due=date(2027, 1, 1)),
                _warning(code="N", severity=Severity.ACT_NOW), _warning(code="S1", due=date(2026, 12, 1)),
                _warning(code="S3")]
    assert [w.code for w in sort_warnings(warnings)] == ["N", "S1", "S2", "S3", "I"]


def test_fingerprint_is_stable_and_sensitive():
    assert fingerprint(1, date(2026, 1, 1), None) == fingerprint(1, date(2026, 1, 1), None)
    assert fingerprint(1, date(2026, 1, 1)) != fingerprint(1, date(2026, 1, 2))


# NMW_* --------------------------------------------------------------------------------------------------------

def _pay(rate: str, *, effective=date(2024, 6, 3), later=()):
    terms = [TermsFacts(id=10, effective_from=effective, standard_rate=Decimal(rate), issued_on=effective)]
    for index, (when, new_rate) in enumerate(later, start=11):
        terms.append(TermsFacts(id=index, effective_from=when, standard_rate=Decimal(new_rate), issued_on=when))
    return tuple(terms)


def test_nmw_shortfall_for_an_adult_below_the_national_living_wage():
    [finding] = cc.check_minimum_wage(sound_pa(terms=_pay("12.70")), on=ON, horizons=H)
    assert finding.code == "NMW_SHORTFALL" and finding.overdue
    assert finding.params["minimum"] == Decimal("12.71") and finding.params["rate"] == Decimal("12.70")
    assert cc.check_minimum_wage(sound_pa(terms=_pay("12.71")), on=ON, horizons=H) == []


def test_nmw_waking_night_rate_is_checked_too():
    terms = (TermsFacts(id=10, effective_from=date(2024, 6, 3), standard_rate=Decimal("13.50"),
                        waking_night_rate=Decimal("11.00"), issued_on=date(2024, 6, 3)),)
    [finding] = cc.check_minimum_wage(sound_pa(terms=terms), on=ON, horizons=H)
    assert finding.params["rate_kind"] == "waking_night"


def test_nmw_young_worker_uses_their_band():
    nineteen = sound_pa(date_of_birth=date(2007, 3, 1), terms=_pay("10.85"))
    assert cc.check_minimum_wage(nineteen, on=ON, horizons=H) == []
    [finding] = cc.check_minimum_wage(sound_pa(date_of_birth=date(2007, 3, 1), terms=_pay("10.80")), on=ON,
                                      horizons=H)
    assert finding.code == "NMW_SHORTFALL" and finding.params["minimum"] == Decimal("10.85")


def test_nmw_band_change_next_month_and_silent_with_a_pay_rise_recorded():
    # Turns 21 on 10 December 2026: the minimum goes from £10.85 to £12.71.
    turning_21 = sound_pa(date_of_birth=date(2005, 12, 10), terms=_pay("11.00"))
    [finding] = cc.check_minimum_wage(turning_21, on=ON, horizons=H)
    assert finding.code == "NMW_BAND_CHANGE" and finding.due == date(2005 + 21, 12, 10)
    assert finding.params["minimum"] == Decimal("12.71") and not finding.overdue
    with_rise = sound_pa(date_of_birth=date(2005, 12, 10), terms=_pay("11.00", later=[(date(2026, 12, 10), "12.80")]))
    assert cc.check_minimum_wage(with_rise, on=ON, horizons=H) == []
    # Too far ahead to warn yet.
    later = sound_pa(date_of_birth=date(2006, 6, 10), terms=_pay("11.00"))
    assert cc.check_minimum_wage(later, on=ON, horizons=H) == []


def test_nmw_uprating_ahead_when_the_next_april_rate_is_known():
    # As seen on 1 February 2026: the April 2026 rates (£12.71) are already in the table.
    pa = sound_pa(terms=_pay("12.50"))
    [finding] = cc.check_minimum_wage(pa, on=date(2026, 2, 1), horizons=H)
    assert finding.code == "NMW_UPRATING_AHEAD" and finding.due == date(2026, 4, 1)
    assert finding.params["minimum"] == Decimal("12.71")
    assert cc.check_minimum_wage(sound_pa(terms=_pay("12.75")), on=date(2026, 2, 1), horizons=H) == []
    raised = sound_pa(terms=_pay("12.50", later=[(date(2026, 4, 1), "12.75")]))
    assert cc.check_minimum_wage(raised, on=date(2026, 2, 1), horizons=H) == []


def test_nmw_no_date_of_birth_the_band_is_not_guessed():
    # £8.00 is the lowest minimum from April 2026 (16-17 and apprentices): above it, the band decides.
    assert cc.check_minimum_wage(sound_pa(date_of_birth=None, terms=_pay("8.00")), on=ON, horizons=H) == []


@pytest.mark.parametrize("rate", ["0", "5.00", "7.99"])
def test_nmw_shortfall_without_a_date_of_birth_below_every_band(rate):
    [finding] = cc.check_minimum_wage(sound_pa(date_of_birth=None, terms=_pay(rate)), on=ON, horizons=H)
    assert finding.code == "NMW_SHORTFALL" and finding.overdue
    assert finding.params["minimum"] == Decimal("8.00") and "no date of birth" in finding.params["band"]


def test_nmw_shortfall_for_an_hourly_rate_of_zero():
    # 0 is a rate (unpaid work), not "not filled in": it is below every minimum.
    [finding] = cc.check_minimum_wage(sound_pa(terms=_pay("0")), on=ON, horizons=H)
    assert finding.code == "NMW_SHORTFALL" and finding.overdue
    assert finding.params["rate"] == Decimal("0") and finding.params["minimum"] == Decimal("12.71")
    zero_nights = (TermsFacts(id=10, effective_from=date(2024, 6, 3), standard_rate=Decimal("13.50"),
                              waking_night_rate=Decimal("0"), issued_on=date(2024, 6, 3)),)
    [finding] = cc.check_minimum_wage(sound_pa(terms=zero_nights), on=ON, horizons=H)
    assert finding.params["rate_kind"] == "waking_night" and finding.params["rate"] == Decimal("0")


def test_nmw_no_waking_night_rate_agreed_is_not_a_rate_of_zero():
    terms = (TermsFacts(id=10, effective_from=date(2024, 6, 3), standard_rate=Decimal("13.50"),
                        waking_night_rate=None, issued_on=date(2024, 6, 3)),)
    assert cc.check_minimum_wage(sound_pa(terms=terms), on=ON, horizons=H) == []


def test_nmw_band_change_ahead_for_a_rate_of_zero():
    # 20 now and 0 an hour: the shortfall is raised now, not hidden until a birthday.
    pa = sound_pa(date_of_birth=date(2005, 12, 10), terms=_pay("0"))
    assert "NMW_SHORTFALL" in codes(cc.check_minimum_wage(pa, on=ON, horizons=H))


# CHILD_EMPLOYMENT ----------------------------------------------------------------------------------------------

def test_child_employment_for_a_pa_under_16_on_their_start_date():
    # 15 on ON (16 on 1 March 2027, so of school age until the last Friday in June 2027), started 1 November 2026.
    pa = sound_pa(date_of_birth=date(2011, 3, 1), start_date=date(2026, 11, 1))
    [finding] = cc.check_child_employment(pa, on=ON, nation="england", horizons=H)
    assert finding.code == "CHILD_EMPLOYMENT" and finding.overdue and not finding.params["past"]
    assert finding.params["age"] == 16 and finding.params["leaving_date"] == date(2027, 6, 25)
    assert finding.params["first_day"] == date(2026, 11, 1)
    assert "CHILD_EMPLOYMENT" in codes(cc.record_checks(SOUND_EMPLOYER, [pa], FRESH_CONTACTS, on=ON, horizons=H))


def test_child_employment_before_a_start_date_ahead():
    # Starts next week, still 15 then: due on the first day, not yet broken.
    pa = sound_pa(date_of_birth=date(2011, 3, 1), start_date=ON + timedelta(days=7))
    [finding] = cc.check_child_employment(pa, on=ON, nation="scotland", horizons=H)
    assert finding.due == ON + timedelta(days=7) and not finding.overdue


def test_child_employment_on_a_day_worked_before_the_recorded_start():
    # Recorded as starting after leaving school, but on the rota while still of school age.
    pa = sound_pa(date_of_birth=date(2009, 11, 1), start_date=date(2026, 7, 1), first_day_worked=date(2026, 6, 1))
    [finding] = cc.check_child_employment(pa, on=ON, nation="wales", horizons=H)
    assert finding.params["first_day"] == date(2026, 6, 1) and finding.params["past"]
    assert finding.params["leaving_date"] == date(2026, 6, 26)


def test_child_employment_silent_from_the_day_after_the_school_leaving_date():
    # 16 on 1 November 2025: of school age until the end of Friday 26 June 2026 (Education Act 1996 s.8(3)).
    born = date(2009, 11, 1)
    for first_day in (date(2026, 6, 27), date(2026, 11, 1)):
        pa = sound_pa(date_of_birth=born, start_date=first_day, first_day_worked=first_day)
        assert cc.check_child_employment(pa, on=ON, nation="england", horizons=H) == []
    assert cc.check_child_employment(sound_pa(), on=ON, nation="england", horizons=H) == []
    assert cc.check_child_employment(sound_pa(date_of_birth=None), on=ON, nation="england", horizons=H) == []


def test_child_employment_still_a_child_on_the_school_leaving_date_itself():
    pa = sound_pa(date_of_birth=date(2009, 11, 1), start_date=date(2026, 6, 26))
    [finding] = cc.check_child_employment(pa, on=ON, nation="england", horizons=H)
    assert finding.params["leaving_date"] == date(2026, 6, 26) and finding.params["past"]


def test_child_employment_continues_past_the_16th_birthday_until_the_school_leaving_date():
    # The review's case: 16 on 1 November 2026, starting that day, is still of school age until 25 June 2027.
    pa = sound_pa(date_of_birth=date(2010, 11, 1), start_date=date(2026, 11, 1))
    [finding] = cc.check_child_employment(pa, on=ON, nation="england", horizons=H)
    assert finding.params["leaving_date"] == date(2027, 6, 25) and not finding.params["past"] and finding.overdue


@pytest.mark.parametrize("nation, born, leaving, rule", [
    # England and Wales: the last Friday in June of the school year (1 September to 31 August) they turn 16 in.
    ("england", date(2010, 8, 31), date(2026, 6, 26), "last-weekday"),   # 16 on 31 August: leaves before it
    ("england", date(2010, 7, 15), date(2026, 6, 26), "last-weekday"),   # a July birthday: leaves in June before it
    ("england", date(2010, 9, 1), date(2027, 6, 25), "last-weekday"),    # 16 on 1 September: the next school year
    ("wales", date(2010, 6, 26), date(2026, 6, 26), "last-weekday"),     # 16 on the leaving date itself
    ("wales", date(2010, 6, 27), date(2026, 6, 26), "last-weekday"),     # 16 the day after it
    ("england", date(2012, 2, 29), date(2028, 6, 30), "last-weekday"),   # 29 February: 16 in a leap year
    # Scotland: 16 from 1 March to 30 September: 31 May; otherwise the Christmas holidays (31 December at the latest).
    ("scotland", date(2010, 3, 1), date(2026, 5, 31), "scotland-summer"),
    ("scotland", date(2010, 2, 28), date(2025, 12, 31), "scotland-winter"),  # the Christmas before the birthday
    ("scotland", date(2010, 9, 30), date(2026, 5, 31), "scotland-summer"),   # leaves in May, before the birthday
    ("scotland", date(2010, 10, 1), date(2026, 12, 31), "scotland-winter"),
    ("scotland", date(2011, 2, 28), date(2026, 12, 31), "scotland-winter"),
    # Northern Ireland: 16 from 1 September to 1 July: 30 June that school year; 2 July to 31 August: the next 30 June.
    ("northern-ireland", date(2010, 7, 1), date(2026, 6, 30), "ni"),
    ("northern-ireland", date(2010, 7, 2), date(2027, 6, 30), "ni"),
    ("northern-ireland", date(2010, 8, 31), date(2027, 6, 30), "ni"),
    ("northern-ireland", date(2010, 9, 1), date(2027, 6, 30), "ni"),
    ("northern-ireland", date(2010, 6, 30), date(2026, 6, 30), "ni"),
])
def test_child_employment_ends_on_each_nations_school_leaving_date(nation, born, leaving, rule):
    on_leaving_day = sound_pa(date_of_birth=born, start_date=leaving)
    [finding] = cc.check_child_employment(on_leaving_day, on=leaving, nation=nation, horizons=H)
    assert finding.params["leaving_date"] == leaving and finding.params["leaving_rule"] == rule
    day_after = sound_pa(date_of_birth=born, start_date=leaving + timedelta(days=1))
    assert cc.check_child_employment(day_after, on=leaving, nation=nation, horizons=H) == []


def test_child_employment_in_scotlands_winter_leaving_is_marked_as_depending_on_the_school():
    leaving = school_age.school_leaving(date(2010, 10, 1), "scotland", load_table("employer_duties").row_on(ON))
    assert not leaving.exact and leaving.rule == school_age.SCOTTISH_WINTER
    summer = school_age.school_leaving(date(2010, 3, 1), "scotland", load_table("employer_duties").row_on(ON))
    assert summer.exact


def test_child_employment_not_raised_for_a_pa_who_has_left():
    pa = sound_pa(date_of_birth=date(2011, 3, 1), start_date=date(2026, 9, 1), end_date=date(2026, 10, 1))
    assert cc.check_child_employment(pa, on=ON, nation="england", horizons=H) == []


def test_written_statement_not_judged_when_the_terms_history_starts_after_the_first_day():
    pa = sound_pa(start_date=date(2021, 2, 3),
                  terms=(TermsFacts(id=10, effective_from=date(2025, 4, 6), issued_on=date(2025, 4, 6)),))
    assert cc.check_written_statement(pa, on=ON, nation="england", horizons=H) == []
