"""ROTA_GAP and ROTA_CLASH reach the warnings centre through the rota service's public API."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from paemployer.services import rota
from paemployer.services.compliance import gather_warnings
from paemployer.services.rota.engine import SupportNeedSpec
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, CoverContact, Employer

ON = date(2026, 11, 24)  # a Tuesday


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "r.paemployer", create=True)
    with employer_file.session() as session:
        session.add(Employer(name="E", el_expiry=date(2027, 9, 1), pension_duties_start=date(2025, 1, 6),
                             declaration_of_compliance_date=date(2025, 2, 1)))
        session.add(CoverContact(name="Ann", priority=1, last_confirmed=date(2026, 10, 1)))
        for first in ("Dai", "Eve"):
            session.add(PA(first_name=first, last_name="Test", start_date=date(2025, 1, 6),
                           right_to_work_checked_on=date(2025, 1, 2), background_check_declined=True,
                           pension_status="enrolled"))
    yield employer_file
    employer_file.close()


def rota_codes(ef, on=ON):
    return [w for w in gather_warnings(ef, on=on) if w.code.startswith("ROTA_")]


def test_a_gap_in_the_next_fortnight(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(weekday=4, start=time(9), end=time(12))])  # Fridays
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 27, 9), end=datetime(2026, 11, 27, 12))
    [warning] = rota_codes(ef)
    assert warning.code == "ROTA_GAP" and warning.due == date(2026, 12, 4)
    assert "4 December 2026" in warning.title and warning.action_target.page == "rota"


def test_a_fully_booked_rota_is_silent(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(weekday=4, start=time(9), end=time(12))])
    for day in (27, 4):
        month = 11 if day == 27 else 12
        rota.add_shift(ef, pa_id=1, start=datetime(2026, month, day, 9), end=datetime(2026, month, day, 12))
    assert rota_codes(ef) == []


def test_many_gaps_are_one_warning(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(weekday=d, start=time(9), end=time(12)) for d in range(7)])
    [warning] = rota_codes(ef)
    assert warning.code == "ROTA_GAP" and "14" in warning.title


def test_a_clash_is_raised_and_a_separate_booking_is_not(ef):
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 26, 9), end=datetime(2026, 11, 26, 13))
    rota.add_shift(ef, pa_id=2, start=datetime(2026, 11, 26, 9), end=datetime(2026, 11, 26, 13))
    assert rota_codes(ef) == []
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 26, 12), end=datetime(2026, 11, 26, 15))
    [warning] = rota_codes(ef)
    assert warning.code == "ROTA_CLASH" and warning.subject == "pa:1" and "Dai Test" in warning.title


def test_go_there_opens_the_day_or_the_shift_on_the_rota(ef):
    rota.replace_support_schedule(ef, [SupportNeedSpec(weekday=4, start=time(9), end=time(12))])
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 27, 9), end=datetime(2026, 11, 27, 12))
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 27, 11), end=datetime(2026, 11, 27, 14))
    found = {w.code: w for w in rota_codes(ef)}
    assert found["ROTA_GAP"].action_target.record_id == date(2026, 12, 4)
    assert rota.get_shift(ef, found["ROTA_CLASH"].action_target.record_id).start.date() == date(2026, 11, 27)
