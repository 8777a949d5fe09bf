"""Record services: one transaction each, nothing half-saved, plain frozen results, audit for every change."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import SQLModel

from paemployer.errors import NotFoundError, ValidationError
from paemployer.services import records
from paemployer.store.db import open_employer_file
from paemployer.store.models import CoverRole, Nation, PayFrequency


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "records.paemployer", create=True)
    employer_file.who = "tester"
    yield employer_file
    employer_file.close()


def _is_plain_value(value) -> bool:
    """Not a row (live or detached), and read-only: a change has to go back through a service."""
    if isinstance(value, SQLModel) or not dataclasses.is_dataclass(value):
        return False
    try:
        value.id = -1
    except dataclasses.FrozenInstanceError:
        return True
    return False


def _pa(ef, **fields):
    values = {"first_name": "Ceri", "last_name": "Jones", "ni_number": "ab 12 34 56 c",
              "start_date": date(2026, 1, 5), "bank_sort_code": "204577", "bank_account_number": "43918265"}
    values.update(fields)
    return records.add_pa(ef, values)


def test_the_employer_is_there_from_the_start_and_every_field_can_be_changed(ef):
    assert records.get_employer(ef).name == ""
    employer = records.update_employer(ef, name="Eleri Davies", nation="wales", el_insurer="Insurer",
                                       el_policy_number="P-1", el_expiry=date(2026, 12, 14),
                                       default_pay_frequency=PayFrequency.FOUR_WEEKLY)
    assert _is_plain_value(employer)
    again = records.get_employer(ef)
    assert (again.name, again.nation, again.el_expiry) == ("Eleri Davies", Nation.WALES, date(2026, 12, 14))
    assert again.default_pay_frequency is PayFrequency.FOUR_WEEKLY
    assert records.list_audit(ef)[0].summary.startswith("Changed employer details: name, nation")


def test_a_bad_employer_change_changes_nothing(ef):
    records.update_employer(ef, name="Eleri")
    with pytest.raises(ValidationError):
        records.update_employer(ef, name="Someone else", nation="atlantis")
    assert records.get_employer(ef).name == "Eleri"


def test_add_get_update_delete_a_pa(ef):
    pa = _pa(ef)
    assert _is_plain_value(pa)
    assert (pa.ni_number, pa.bank_sort_code) == ("AB123456C", "20-45-77")
    assert records.get_pa(ef, pa.id).full_name == "Ceri Jones"
    changed = records.update_pa(ef, pa.id, phone="07700 900112", end_date=date(2026, 12, 31),
                                leaving_reason="Moving away")
    assert changed.end_date == date(2026, 12, 31)
    assert records.get_pa(ef, pa.id).phone == "07700 900112"
    assert [p.id for p in records.list_pas(ef)] == [pa.id]
    assert records.list_pas(ef, employed_on=date(2027, 1, 1)) == []
    records.delete_pa(ef, pa.id)
    with pytest.raises(NotFoundError, match="no longer in this file"):
        records.get_pa(ef, pa.id)
    assert [entry.action for entry in records.list_audit(ef)] == ["delete", "change", "add"]


def test_a_pa_with_a_bad_ni_number_is_not_saved_at_all(ef):
    audit_before = len(records.list_audit(ef))
    with pytest.raises(ValidationError) as refused:
        _pa(ef, ni_number="QQ 12 34 56 C")
    assert refused.value.field == "ni_number"
    assert records.list_pas(ef) == []
    assert len(records.list_audit(ef)) == audit_before


def test_two_pas_cannot_share_an_ni_number(ef):
    ceri = _pa(ef)
    with pytest.raises(ValidationError, match="Ceri Jones already has this National Insurance number") as refused:
        _pa(ef, first_name="Megan", ni_number="AB123456C")
    assert refused.value.field == "ni_number"
    megan = _pa(ef, first_name="Megan", ni_number="JM482693B")
    with pytest.raises(ValidationError, match="Ceri Jones already has"):
        records.update_pa(ef, megan.id, ni_number="ab 12 34 56 c")
    records.update_pa(ef, ceri.id, ni_number="AB123456C", phone="1")  # their own number is fine
    assert len(records.list_pas(ef)) == 2


def test_an_end_date_before_the_start_is_refused_and_the_pa_is_unchanged(ef):
    pa = _pa(ef)
    with pytest.raises(ValidationError) as refused:
        records.update_pa(ef, pa.id, phone="changed", end_date=date(2025, 1, 1))
    assert refused.value.field == "end_date"
    kept = records.get_pa(ef, pa.id)
    assert (kept.phone, kept.end_date) == ("", None)


def test_every_pa_field_is_kept(ef):
    pa = _pa(ef, known_as="C", date_of_birth=date(2000, 2, 29), email="c@example.org", address="1 Road",
             emergency_contact_name="Mam", emergency_contact_phone="1", is_family=True, family_relationship="son",
             same_household=True, council_approved_family=date(2025, 12, 1),
             right_to_work_checked_on=date(2026, 1, 2), right_to_work_document="passport",
             right_to_work_follow_up=date(2027, 1, 2), background_check_declined=True,
             background_check_decision_reason="Family member known all his life",
             background_check_decision_date=date(2026, 1, 2), apprentice=True, apprentice_since=date(2026, 1, 5),
             pension_status="enrolled", wtr_opt_out=True, other_employer_hours_per_week="10.5", notes="n")
    kept = records.get_pa(ef, pa.id)
    assert kept == pa
    assert kept.other_employer_hours_per_week == Decimal("10.5")
    assert kept.pension_status.value == "enrolled"


def test_audit_summaries_never_hold_ni_numbers_or_bank_details(ef):
    pa = _pa(ef)
    records.update_pa(ef, pa.id, ni_number="JM482693B", bank_sort_code="30-96-18", bank_account_number="11846502",
                      bank_account_name="C JONES")
    summaries = " ".join(entry.summary for entry in records.list_audit(ef))
    for secret in ("AB123456C", "JM482693B", "20-45-77", "30-96-18", "43918265", "11846502", "C JONES"):
        assert secret not in summaries
    assert "Changed PA Ceri Jones: National Insurance number, bank details" in summaries


def test_training_and_references(ef):
    pa = _pa(ef)
    course = records.add_training(ef, pa.id, course="First aid", completed_on=date(2026, 2, 1),
                                  expires_on=date(2029, 2, 1))
    records.add_reference(ef, pa.id, referee_name="Mr Rees", requested_on=date(2025, 12, 1),
                          received_on=date(2025, 12, 10))
    with pytest.raises(ValidationError):
        records.update_training(ef, course.id, expires_on=date(2025, 1, 1))
    records.update_training(ef, course.id, expires_on=date(2029, 3, 1))
    record = records.get_pa_record(ef, pa.id)
    assert [(t.course, t.expires_on) for t in record.training] == [("First aid", date(2029, 3, 1))]
    assert [r.referee_name for r in record.references] == ["Mr Rees"]
    records.delete_training(ef, course.id)
    records.delete_reference(ef, record.references[0].id)
    assert records.list_training(ef, pa.id) == [] and records.list_references(ef, pa.id) == []


def test_deleting_a_pa_deletes_their_records(ef):
    pa = _pa(ef)
    records.add_training(ef, pa.id, course="First aid")
    records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 5), standard_rate="12.71")
    records.delete_pa(ef, pa.id)
    with ef.session() as session:
        from sqlmodel import select

        from paemployer.store.models import ContractTerms, Training
        assert session.exec(select(Training)).all() == []
        assert session.exec(select(ContractTerms)).all() == []


# --- contract terms ------------------------------------------------------------------------------

def test_a_pay_rise_makes_a_new_version_and_keeps_the_history(ef):
    pa = _pa(ef)
    first = records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 5), standard_rate="12.21",
                                       hours_per_week="20", sleep_in_allowance=Decimal("50.00"),
                                       pay_frequency="weekly", issued_on=date(2026, 1, 5))
    rise = records.change_terms_from(ef, pa.id, date(2026, 4, 6), standard_rate=Decimal("12.71"))
    assert rise.id != first.id
    # The new version copies what did not change (but not the issue date of the old statement).
    assert (rise.hours_per_week, rise.sleep_in_allowance, rise.pay_frequency) == (
        Decimal("20"), Decimal("50.00"), PayFrequency.WEEKLY)
    assert rise.issued_on is None
    history = records.list_contract_terms(ef, pa.id)
    assert [(t.effective_from, t.standard_rate) for t in history] == [
        (date(2026, 1, 5), Decimal("12.21")), (date(2026, 4, 6), Decimal("12.71"))]
    assert all(type(t.standard_rate) is Decimal for t in history)
    assert "New contract terms for Ceri Jones from 6 Apr 2026: standard hourly rate" in [
        entry.summary for entry in records.list_audit(ef)]


@pytest.mark.parametrize("on, expected", [
    (date(2026, 1, 4), None),              # the day before the first terms
    (date(2026, 1, 5), Decimal("12.21")),  # the first day
    (date(2026, 4, 5), Decimal("12.21")),  # the last day before the rise
    (date(2026, 4, 6), Decimal("12.71")),  # the rise's first day
    (date(2030, 1, 1), Decimal("12.71")),  # long after
])
def test_terms_in_force_on_boundary_dates(ef, on, expected):
    pa = _pa(ef)
    records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 5), standard_rate="12.21")
    records.change_terms_from(ef, pa.id, date(2026, 4, 6), standard_rate="12.71")
    terms = records.terms_in_force(ef, pa.id, on)
    assert (terms.standard_rate if terms else None) == expected


def test_terms_in_force_belong_to_the_pa_asked_about(ef):
    ceri, megan = _pa(ef), _pa(ef, first_name="Megan", ni_number="")
    records.add_contract_terms(ef, ceri.id, effective_from=date(2026, 1, 5), standard_rate="12.21")
    records.add_contract_terms(ef, megan.id, effective_from=date(2026, 2, 1), standard_rate="13.00")
    assert records.terms_in_force(ef, megan.id, date(2026, 3, 1)).standard_rate == Decimal("13.00")
    assert records.terms_in_force(ef, megan.id, date(2026, 1, 20)) is None


def test_two_versions_on_the_same_date_are_refused(ef):
    pa = _pa(ef)
    records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 5), standard_rate="12.21")
    with pytest.raises(ValidationError, match="already has contract terms starting on 5 Jan 2026") as refused:
        records.change_terms_from(ef, pa.id, date(2026, 1, 5), standard_rate="13")
    assert refused.value.field == "effective_from"
    with pytest.raises(ValidationError, match="already has contract terms"):
        records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 5), standard_rate="13")
    later = records.change_terms_from(ef, pa.id, date(2026, 4, 6), standard_rate="12.71")
    with pytest.raises(ValidationError, match="already has contract terms"):
        records.update_contract_terms(ef, later.id, effective_from=date(2026, 1, 5))
    assert len(records.list_contract_terms(ef, pa.id)) == 2


def test_a_change_needs_terms_to_change(ef):
    pa = _pa(ef)
    with pytest.raises(ValidationError, match="no contract terms in force"):
        records.change_terms_from(ef, pa.id, date(2026, 4, 6), standard_rate="12.71")


def test_a_correction_changes_one_version_in_place(ef):
    pa = _pa(ef)
    terms = records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 5), standard_rate="12.12")
    records.update_contract_terms(ef, terms.id, standard_rate="12.21")
    assert [t.standard_rate for t in records.list_contract_terms(ef, pa.id)] == [Decimal("12.21")]
    with pytest.raises(ValidationError):
        records.update_contract_terms(ef, terms.id, standard_rate="-12.21")
    assert records.list_contract_terms(ef, pa.id)[0].standard_rate == Decimal("12.21")
    records.delete_contract_terms(ef, terms.id)
    assert records.list_contract_terms(ef, pa.id) == []


# --- cover contacts ------------------------------------------------------------------------------

def _contacts(ef):
    for name, role in (("Siân", "backup_pa"), ("Catrin", "family"), ("Agency", "agency"),
                       ("Council", CoverRole.COUNCIL_OUT_OF_HOURS)):
        records.add_cover_contact(ef, name=name, role=role, phone="07700 900000", last_confirmed=date(2026, 11, 1))
    return records.list_cover_contacts(ef)


def _order(contacts):
    return [(contact.name, contact.priority) for contact in contacts]


def test_cover_contacts_are_kept_in_the_order_added(ef):
    assert _order(_contacts(ef)) == [("Siân", 1), ("Catrin", 2), ("Agency", 3), ("Council", 4)]


def test_moving_a_contact_up_and_down(ef):
    contacts = _contacts(ef)
    agency = contacts[2]
    assert _order(records.move_cover_contact(ef, agency.id, "up")) == [
        ("Siân", 1), ("Agency", 2), ("Catrin", 3), ("Council", 4)]
    assert _order(records.move_cover_contact(ef, agency.id, "up")) == [
        ("Agency", 1), ("Siân", 2), ("Catrin", 3), ("Council", 4)]
    # Already first: nothing moves.
    assert _order(records.move_cover_contact(ef, agency.id, "up"))[0] == ("Agency", 1)
    assert _order(records.move_cover_contact(ef, agency.id, "down")) == [
        ("Siân", 1), ("Agency", 2), ("Catrin", 3), ("Council", 4)]
    council = contacts[3]
    assert _order(records.move_cover_contact(ef, council.id, "down"))[-1] == ("Council", 4)
    assert _order(records.list_cover_contacts(ef)) == [("Siân", 1), ("Agency", 2), ("Catrin", 3), ("Council", 4)]
    with pytest.raises(ValueError):
        records.move_cover_contact(ef, council.id, "sideways")


def test_reordering_all_contacts_at_once(ef):
    contacts = _contacts(ef)
    wanted = [contacts[3].id, contacts[0].id, contacts[2].id, contacts[1].id]
    assert [c.id for c in records.reorder_cover_contacts(ef, wanted)] == wanted
    assert _order(records.list_cover_contacts(ef)) == [("Council", 1), ("Siân", 2), ("Agency", 3), ("Catrin", 4)]
    with pytest.raises(ValidationError, match="has changed since it was shown"):
        records.reorder_cover_contacts(ef, wanted[:3])
    assert [c.id for c in records.list_cover_contacts(ef)] == wanted


def test_deleting_a_contact_closes_the_gap(ef):
    contacts = _contacts(ef)
    records.delete_cover_contact(ef, contacts[1].id)
    assert _order(records.list_cover_contacts(ef)) == [("Siân", 1), ("Agency", 2), ("Council", 3)]
    records.update_cover_contact(ef, contacts[0].id, phone_other="029 2018 0640", priority=99)
    assert records.list_cover_contacts(ef)[0].phone_other == "029 2018 0640"
    assert records.list_cover_contacts(ef)[0].priority == 1


# --- contingency plan ----------------------------------------------------------------------------

def test_contingency_steps_stay_in_order_within_their_scenario(ef):
    first = records.add_contingency_step(ef, "PA does not arrive", "Ring the PA")
    second = records.add_contingency_step(ef, "PA does not arrive", "Ring Siân")
    other = records.add_contingency_step(ef, "Hoist breaks", "Do not lift by hand")
    assert (first.position, second.position, other.position) == (1, 2, 1)
    moved = records.move_contingency_step(ef, second.id, "up")
    assert [s.step for s in moved] == ["Ring Siân", "Ring the PA"]
    records.update_contingency_step(ef, first.id, step="Wait 15 minutes, then ring the PA")
    records.delete_contingency_step(ef, second.id)
    steps = records.list_contingency_steps(ef, "PA does not arrive")
    assert [(s.step, s.position) for s in steps] == [("Wait 15 minutes, then ring the PA", 1)]
    with pytest.raises(ValidationError):
        records.add_contingency_step(ef, "Hoist breaks", "   ")
    assert len(records.list_contingency_steps(ef)) == 2


def test_a_deleted_row_is_reported_plainly(ef):
    with pytest.raises(NotFoundError, match="cover contact"):
        records.update_cover_contact(ef, 404, name="Nobody")
