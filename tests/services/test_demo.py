"""The sample employer: a person in Wales with four PAs, cover contacts, a plan and a few real risks."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta

from paemployer.errors import ValidationError
from paemployer.services import records
from paemployer.services.demo import write_demo_file
from paemployer.store.db import open_employer_file
from paemployer.store.models import CoverRole, HoursType, Nation


def _age(born: date, on: date) -> int:
    return relativedelta(on, born).years


@pytest.fixture
def demo(tmp_path, today):
    path = write_demo_file(tmp_path / "demo.paemployer", today=today)
    ef = open_employer_file(path)
    yield ef
    ef.close()


def test_the_employer_lives_in_wales_and_has_set_up(demo):
    employer = records.get_employer(demo)
    assert employer.nation is Nation.WALES
    assert employer.setup_completed and employer.council and employer.stand_in_essentials


def test_four_pas_each_as_the_brief_describes(demo, today):
    pas = records.list_pas(demo)
    assert len(pas) == 4
    terms = {pa.first_name: records.terms_in_force(demo, pa.id, today) for pa in pas}
    assert all(t is not None for t in terms.values())
    by_name = {pa.first_name: pa for pa in pas}
    assert _age(by_name["Megan"].date_of_birth, today) == 19
    assert terms["Gareth"].hours_type is HoursType.IRREGULAR and "Bank" in terms["Gareth"].job_title
    assert terms["Anita"].sleep_in_allowance == Decimal("55.00")
    assert by_name["Rhys"].start_date.year == today.year and by_name["Rhys"].start_date <= today
    for pa in pas:
        record = records.get_pa_record(demo, pa.id)
        assert record.training and len(record.references) == 2
        assert all(type(t.standard_rate) is Decimal for t in record.contract_terms)
    histories = [records.list_contract_terms(demo, pa.id) for pa in pas]
    assert sum(len(history) > 1 for history in histories) >= 1  # at least one pay rise in the history
    rises = [b.standard_rate > a.standard_rate for h in histories for a, b in zip(h, h[1:])]
    assert rises and all(rises)


def test_cover_contacts_and_contingency_plan(demo):
    contacts = records.list_cover_contacts(demo)
    assert {c.role for c in contacts} >= {CoverRole.BACKUP_PA, CoverRole.FAMILY, CoverRole.AGENCY,
                                          CoverRole.COUNCIL_OUT_OF_HOURS}
    assert [c.priority for c in contacts] == list(range(1, len(contacts) + 1))
    assert all(c.phone and c.last_confirmed for c in contacts)
    scenarios = {step.scenario for step in records.list_contingency_steps(demo)}
    assert "A PA does not arrive" in scenarios and len(scenarios) >= 2


def test_the_real_risks_are_there_and_only_a_few(demo, today):
    employer = records.get_employer(demo)
    next_month = today + relativedelta(months=1)
    assert (employer.el_expiry.year, employer.el_expiry.month) == (next_month.year, next_month.month)
    pas = records.list_pas(demo)
    assert [pa.first_name for pa in pas if pa.right_to_work_checked_on is None] == ["Gareth"]
    expired = [t for pa in pas for t in records.list_training(demo, pa.id) if t.expires_on < today]
    assert [t.course for t in expired] == ["Emergency first aid at work"]
    # Every PA has a background check or a recorded decision not to check.
    assert all(pa.background_check_date or (pa.background_check_declined and pa.background_check_decision_reason)
               for pa in pas)


@pytest.mark.parametrize("other_today", [date(2027, 1, 3), date(2028, 2, 29), date(2026, 12, 31)])
def test_dates_follow_today(tmp_path, other_today):
    with open_employer_file(write_demo_file(tmp_path / "later.paemployer", today=other_today)) as ef:
        pas = {pa.first_name: pa for pa in records.list_pas(ef)}
        assert _age(pas["Megan"].date_of_birth, other_today) == 19
        assert pas["Rhys"].start_date.year == other_today.year and pas["Rhys"].start_date <= other_today
        assert other_today < records.get_employer(ef).el_expiry <= other_today + timedelta(days=62)


def test_an_existing_file_is_only_replaced_when_asked(tmp_path, today):
    path = tmp_path / "demo.paemployer"
    path.write_text("precious")
    with pytest.raises(ValidationError, match="already exists"):
        write_demo_file(path, today=today)
    assert path.read_text() == "precious"
    write_demo_file(path, today=today, overwrite=True)
    with open_employer_file(path) as ef:
        assert len(records.list_pas(ef)) == 4
