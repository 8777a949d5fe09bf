"""Pay records are kept six years: a PA with any stored pay run cannot be deleted (record a leaving date instead);
a PA with none still can."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from paemployer.errors import ValidationError
from paemployer.services import records
from paemployer.store import queries
from paemployer.store.db import open_employer_file
from paemployer.store.models import PayRun


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "keep.paemployer", create=True)
    employer_file.who = "tester"
    yield employer_file
    employer_file.close()


def test_a_pa_with_a_pay_run_cannot_be_deleted_and_is_told_to_record_a_leaving_date(ef):
    pa = records.add_pa(ef, first_name="Ceri", last_name="Jones", start_date=date(2026, 4, 6))
    with ef.session() as session:
        session.add(PayRun(pa_id=pa.id, pa_name="Ceri Jones", period_start=date(2026, 11, 9),
                           period_end=date(2026, 11, 15), pay_date=date(2026, 11, 20),
                           created_at=datetime(2026, 11, 16, 9)))
    with pytest.raises(ValidationError) as refused:
        records.delete_pa(ef, pa.id)
    assert "six years" in refused.value.message and "leaving date" in refused.value.message
    assert "Ceri Jones has 1 pay run on record" in refused.value.message
    assert records.get_pa(ef, pa.id).full_name == "Ceri Jones"
    with ef.session() as session:
        assert queries.pay_run_count(session=session, pa_id=pa.id) == 1


def test_a_pa_never_paid_can_still_be_deleted(ef):
    pa = records.add_pa(ef, first_name="Ceri", last_name="Jones", start_date=date(2026, 4, 6))
    records.delete_pa(ef, pa.id)
    assert records.list_pas(ef) == []
