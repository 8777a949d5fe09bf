"""The 48-hour average warns as soon as planned work puts it over the limit (issue 8, item 2): weeks before a PA's
records began are unknown, not zero, and the rota is read a whole reference period ahead."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from paemployer.rules.warnings import Severity
from paemployer.services import rota
from paemployer.services.compliance import gather_warnings
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, ContractTerms, CoverContact, Employer

ON = date(2026, 11, 24)  # a Tuesday
MONDAY = date(2026, 11, 30)
SIX_DAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA"


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "wt.paemployer", create=True)
    with employer_file.session() as session:
        session.add(Employer(name="E", el_expiry=date(2027, 9, 1), pension_duties_start=date(2019, 9, 2),
                             declaration_of_compliance_date=date(2019, 10, 1)))
        session.add(CoverContact(name="Ann", priority=1, last_confirmed=date(2026, 10, 1)))
        pa = PA(first_name="Sam", last_name="Jones", date_of_birth=date(1990, 1, 1), start_date=date(2019, 9, 2),
                right_to_work_checked_on=date(2019, 9, 1), background_check_declined=True,
                pension_status="enrolled")
        session.add(pa)
        session.flush()
        session.add(ContractTerms(pa_id=pa.id, effective_from=date(2019, 9, 2), standard_rate=Decimal("14"),
                                  issued_on=date(2019, 9, 2)))
    yield employer_file
    employer_file.close()


def plan_weeks(ef, *, hours_a_day: int, first: date = MONDAY, until: date | None = None) -> None:
    """Six days a week from `first`, `hours_a_day` hours' work with a 30-minute break, as a pattern."""
    start = datetime.combine(first, datetime.min.time()) + timedelta(hours=7)
    rota.add_pattern(ef, pa_id=1, rrule=SIX_DAYS, first_start=start,
                     first_end=start + timedelta(hours=hours_a_day, minutes=30), break_minutes=30, until=until)


def average_warnings(ef, on=ON):
    return [w for w in gather_warnings(ef, on=on) if w.code == "WTR_48H_AVERAGE"]


def test_a_rota_planned_at_72_hours_a_week_warns_from_its_first_week(ef):
    # Sam has worked here since 2019, but the file's records begin with next week's 72-hour rota, planned on and
    # on: from its 12th week the planned work alone (12 x 72 = 864 hours) is over 17 x 48 = 816, so the average
    # will be over the limit whatever the weeks before the records held. Said now, not 16 weeks on.
    plan_weeks(ef, hours_a_day=12)
    [warning] = average_warnings(ef)
    assert warning.severity != Severity.INFO and warning.due == MONDAY
    assert "on course" not in warning.title.lower()


def test_a_rota_planned_at_72_hours_a_week_warns_on_course_to_exceed_the_48_hour_average(ef):
    # Eight weeks planned at 72 hours: not yet over 17 x 48 on their own, but on course to be.
    plan_weeks(ef, hours_a_day=12, until=MONDAY + timedelta(weeks=8))
    [warning] = average_warnings(ef)
    assert warning.severity != Severity.INFO
    assert "on course" in warning.title.lower() and "72" in warning.explanation
    assert warning.due == MONDAY
    # The rota shows it on the first week too.
    start = datetime.combine(MONDAY, datetime.min.time())
    shown = rota.period(ef, start, start + timedelta(weeks=1), working_time=True)
    [issue] = [i for i in shown.working_time if i.code == "WTR_48H_AVERAGE"]
    assert issue.forecast


def test_the_48_hour_forecast_is_silent_for_a_rota_within_the_limit(ef):
    plan_weeks(ef, hours_a_day=7)  # 42 hours a week
    assert average_warnings(ef) == []


def test_the_48_hour_forecast_is_silent_for_a_pa_who_opted_out(ef):
    with ef.session() as session:
        row = session.get(PA, 1)
        row.wtr_opt_out = True
        session.add(row)
    plan_weeks(ef, hours_a_day=12, until=MONDAY + timedelta(weeks=4))
    assert average_warnings(ef) == []


def test_weeks_on_record_without_work_count_as_no_work(ef):
    # A shift 30 weeks ago begins the records; nothing since until two planned 72-hour weeks: 144 / 17 = 8.5 hours
    # a week, nothing to say - though those two weeks alone are all the reference period the rota reads back.
    old = datetime.combine(MONDAY - timedelta(weeks=30), datetime.min.time()) + timedelta(hours=9)
    rota.add_shift(ef, pa_id=1, start=old, end=old + timedelta(hours=4))
    plan_weeks(ef, hours_a_day=12, until=MONDAY + timedelta(days=13))
    assert average_warnings(ef) == []
    start = datetime.combine(MONDAY, datetime.min.time())
    shown = rota.period(ef, start, start + timedelta(weeks=1), working_time=True)
    assert "WTR_48H_AVERAGE" not in {i.code for i in shown.working_time}


def test_a_decision_on_the_forecast_does_not_cover_the_breach_when_it_is_certain(ef):
    plan_weeks(ef, hours_a_day=12, until=MONDAY + timedelta(weeks=8))
    [forecast] = average_warnings(ef)
    plan_weeks(ef, hours_a_day=12, first=MONDAY + timedelta(weeks=9))  # and on and on: certain now
    [certain] = average_warnings(ef)
    assert "on course" not in certain.title.lower() and certain.fact != forecast.fact


def test_a_pa_with_no_start_date_is_warned_of_a_72_hour_rota_from_its_first_week(ef):
    # Start date is optional in the app: without it the weeks before the records are unknown, not weeks off, so the
    # 72-hour rota warns just as it does for a PA known to have been employed for years.
    with ef.session() as session:
        row = session.get(PA, 1)
        row.start_date = None
        session.add(row)
    plan_weeks(ef, hours_a_day=12, until=MONDAY + timedelta(weeks=8))
    [warning] = average_warnings(ef)
    assert warning.severity != Severity.INFO and warning.due == MONDAY
    assert "on course" in warning.title.lower() and "72" in warning.explanation


def test_a_forecast_and_the_breach_of_the_same_weeks_are_one_occasion(ef):
    # 72 hours a week on and on: on course to exceed from the first week, certain from the 12th. That is one
    # occasion of the 48-hour average going over, not "It happens 2 times".
    plan_weeks(ef, hours_a_day=12)
    [warning] = average_warnings(ef)
    assert "It happens" not in warning.explanation
