"""Contract terms stay inside the PA's employment, and a decision not to DBS/PVG-check is a real decision:
a reason, a date, and never together with a recorded check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from paemployer.errors import ValidationError
from paemployer.services import records
from paemployer.store.db import open_employer_file
from paemployer.store.models import ContractTerms


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "employment.paemployer", create=True)
    employer_file.who = "tester"
    yield employer_file
    employer_file.close()


def _pa(ef, **fields):
    values = {"first_name": "Ceri", "last_name": "Jones", "start_date": date(2026, 1, 5)} | fields
    return records.add_pa(ef, values)


# --- contract terms and the PA's start and end dates --------------------------------------------

def test_terms_cannot_start_before_the_pa_started(ef):
    pa = _pa(ef)
    with pytest.raises(ValidationError) as refused:
        records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 4), standard_rate="12.60")
    assert refused.value.field == "effective_from"
    assert refused.value.message == ("These terms start on 4 Jan 2026, before Ceri Jones started on 5 Jan 2026. "
                                     "Choose a date on or after 5 Jan 2026, or change Ceri Jones's start date first.")
    assert records.list_contract_terms(ef, pa.id) == []
    # The first day itself is fine.
    records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 5), standard_rate="12.60")


def test_terms_cannot_start_after_the_pa_left(ef):
    pa = _pa(ef, end_date=date(2026, 6, 30), leaving_reason="Moved away")
    records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 5), standard_rate="12.60")
    with pytest.raises(ValidationError, match="after Ceri Jones left on 30 Jun 2026") as refused:
        records.change_terms_from(ef, pa.id, date(2026, 7, 1), standard_rate="13.00")
    assert refused.value.field == "effective_from"
    records.change_terms_from(ef, pa.id, date(2026, 6, 30), standard_rate="13.00")  # their last day is fine
    assert len(records.list_contract_terms(ef, pa.id)) == 2


def test_a_correction_cannot_move_terms_before_the_start(ef):
    pa = _pa(ef)
    terms = records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 5), standard_rate="12.60")
    with pytest.raises(ValidationError, match="before Ceri Jones started") as refused:
        records.update_contract_terms(ef, terms.id, effective_from=date(2025, 12, 1))
    assert refused.value.field == "effective_from"
    assert records.list_contract_terms(ef, pa.id)[0].effective_from == date(2026, 1, 5)


def test_a_later_start_date_cannot_leave_terms_before_it(ef):
    pa = _pa(ef)
    records.add_contract_terms(ef, pa.id, effective_from=date(2026, 1, 5), standard_rate="12.60")
    with pytest.raises(ValidationError, match="first contract terms start on 5 Jan 2026") as refused:
        records.update_pa(ef, pa.id, start_date=date(2026, 2, 1))
    assert refused.value.field == "start_date"
    assert records.get_pa(ef, pa.id).start_date == date(2026, 1, 5)
    records.update_pa(ef, pa.id, start_date=date(2025, 12, 1))  # earlier is fine


def test_terms_in_force_never_answer_before_the_pa_started(ef):
    pa = _pa(ef)
    # An older file may hold terms dated before the start (nothing refused them then).
    with ef.session() as session:
        session.add(ContractTerms(pa_id=pa.id, effective_from=date(2025, 12, 1), standard_rate=Decimal("12.21")))
    assert records.terms_in_force(ef, pa.id, date(2025, 12, 15)) is None
    assert records.terms_in_force(ef, pa.id, date(2026, 1, 4)) is None
    assert records.terms_in_force(ef, pa.id, date(2026, 1, 5)).standard_rate == Decimal("12.21")


# --- a decision not to DBS/PVG-check -------------------------------------------------------------

def test_a_decision_not_to_check_needs_a_reason(ef):
    with pytest.raises(ValidationError) as refused:
        _pa(ef, background_check_declined=True)
    assert refused.value.field == "background_check_decision_reason"
    assert "Say why you decided not to DBS/PVG-check" in refused.value.message
    assert records.list_pas(ef) == []
    with pytest.raises(ValidationError):
        _pa(ef, background_check_declined=True, background_check_decision_reason="   ")


def test_a_decision_without_a_date_is_dated_the_day_it_is_recorded(ef, today):
    pa = _pa(ef, background_check_declined=True, background_check_decision_reason="My sister, known all her life")
    assert records.get_pa(ef, pa.id).background_check_decision_date == today
    other = _pa(ef, first_name="Megan", background_check_declined=True,
                background_check_decision_reason="Known for years", background_check_decision_date=date(2025, 3, 1))
    assert records.get_pa(ef, other.id).background_check_decision_date == date(2025, 3, 1)
    # Deciding later, on a PA already saved, dates it too.
    later = _pa(ef, first_name="Owen")
    records.update_pa(ef, later.id, background_check_declined=True, background_check_decision_reason="Family")
    assert records.get_pa(ef, later.id).background_check_decision_date == today


def test_declined_and_a_recorded_check_together_are_refused(ef):
    with pytest.raises(ValidationError) as refused:
        _pa(ef, background_check_kind="dbs_enhanced_barred", background_check_date=date(2025, 12, 1),
            background_check_declined=True, background_check_decision_reason="Known for years")
    assert refused.value.field == "background_check_declined"
    assert "Choose one" in refused.value.message
    pa = _pa(ef, background_check_kind="dbs_enhanced_barred", background_check_date=date(2025, 12, 1))
    with pytest.raises(ValidationError, match="Choose one"):
        records.update_pa(ef, pa.id, background_check_declined=True, background_check_decision_reason="Known")
    assert records.get_pa(ef, pa.id).background_check_declined is False
