"""Migration 0003 (pay): an employer file written before pay upgrades with every record kept, the pay schedule and
holiday-pay defaults filled in, and the pay-run tables ready; a PA with pay runs cannot be deleted underneath them."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from paemployer.store import db
from paemployer.store.backup import list_backups
from paemployer.store.db import current_revision, head_revision, open_employer_file
from paemployer.store.models import (
    PA,
    ContractTerms,
    Employer,
    PayRun,
    PayRunLine,
    Shift,
)


def _migrate(path, revision: str, *, down: bool = False) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def _file_at_0002_with_records(tmp_path):
    path = tmp_path / "before-pay.paemployer"
    open_employer_file(path, create=True).close()
    _migrate(path, "0002", down=True)
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO employer (file_uid, name, address, postcode, phone, email, nation, managed_by,"
                       " manager_name, manager_contact, council, direct_payment_reference, paye_reference,"
                       " accounts_office_reference, employment_allowance, pension_scheme, el_insurer,"
                       " el_policy_number, holiday_year_start, default_pay_frequency, locale,"
                       " stand_in_essentials, setup_completed) VALUES ('abc', 'Eleri', '', '', '', '', 'WALES',"
                       " 'SELF', '', '', '', '', '', '', 0, '', '', '', '2026-04-01', 'WEEKLY', 'cy', '', 1)")
    connection.execute("INSERT INTO pa (id, first_name, last_name, known_as, ni_number, phone, email, address,"
                       " emergency_contact_name, emergency_contact_phone, leaving_reason, is_family,"
                       " family_relationship, same_household, right_to_work_document, background_check_reference,"
                       " background_check_declined, background_check_decision_reason, bank_account_name,"
                       " bank_sort_code, bank_account_number, apprentice, pension_status, wtr_opt_out, notes)"
                       " VALUES (7, 'Megan', 'Hughes', '', '', '', '', '', '', '', '', 0, '', 0, '', '', 0, '', '',"
                       " '', '', 0, 'NOT_ASSESSED', 0, '')")
    connection.execute("INSERT INTO contractterms (pa_id, effective_from, job_title, place_of_work, hours_type,"
                       " standard_rate, sleep_in_allowance, pay_frequency, holiday_basis, sick_pay, pension, notes)"
                       " VALUES (7, '2026-04-06', 'PA', '', 'IRREGULAR', '12.71', '55.00', 'WEEKLY', 'statutory',"
                       " 'statutory', '', '')")
    connection.execute("INSERT INTO shift (pa_id, start, \"end\", kind, break_minutes, status, woken_minutes, notes)"
                       " VALUES (7, '2026-11-09 09:00:00.000000', '2026-11-09 17:00:00.000000', 'DAY', 30, 'WORKED',"
                       " 0, '')")
    connection.commit()
    connection.close()
    return path


def test_a_file_from_before_pay_upgrades_with_its_records_kept_and_pay_defaults_filled(tmp_path):
    path = _file_at_0002_with_records(tmp_path)
    with open_employer_file(path) as ef:
        assert current_revision(ef) == head_revision()
        with ef.session() as session:
            employer = session.exec(select(Employer)).one()
            terms = session.exec(select(ContractTerms)).one()
            shift = session.exec(select(Shift)).one()
            pa = session.exec(select(PA)).one()
            assert session.exec(select(PayRun)).all() == []
    assert (employer.name, employer.file_uid, employer.locale) == ("Eleri", "abc", "cy")
    assert (employer.pay_months, employer.pay_day, employer.pay_week_anchor) == ("tax", "friday_after",
                                                                                 date(2026, 4, 6))
    assert terms.standard_rate == Decimal("12.71") and terms.sleep_in_allowance == Decimal("55.00")
    assert terms.holiday_pay == "when_taken"
    assert (shift.start, shift.break_minutes) == (datetime(2026, 11, 9, 9), 30)
    assert pa.full_name == "Megan Hughes"
    assert list_backups(path), "the 0002 file was backed up before the upgrade"


def test_after_the_upgrade_a_pay_run_is_kept_and_its_pa_cannot_be_deleted_under_it(tmp_path):
    path = _file_at_0002_with_records(tmp_path)
    with open_employer_file(path) as ef:
        with ef.session() as session:
            run = PayRun(pa_id=7, pa_name="Megan Hughes", period_start=date(2026, 11, 9),
                         period_end=date(2026, 11, 15), pay_date=date(2026, 11, 20), pay_frequency="weekly",
                         status="finalised", created_at=datetime(2026, 11, 16, 9))
            session.add(run)
            session.flush()
            session.add(PayRunLine(pay_run_id=run.id, position=0, kind="hours", description="7.5 hours",
                                   hours=Decimal("7.5"), rate=Decimal("12.71"), amount=Decimal("95.33")))
        with pytest.raises(IntegrityError), ef.session() as session:
            session.delete(session.get(PA, 7))
            session.flush()
        with ef.session() as session:
            assert session.get(PA, 7) is not None
            assert session.exec(select(PayRunLine)).one().amount == Decimal("95.33")


def test_the_pay_migration_downgrades_to_the_file_before_pay(tmp_path):
    path = tmp_path / "down.paemployer"
    open_employer_file(path, create=True).close()
    _migrate(path, "0002", down=True)
    connection = sqlite3.connect(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {row[1] for row in connection.execute("PRAGMA table_info(employer)")}
    finally:
        connection.close()
    assert "payrun" not in tables and "payrunline" not in tables
    assert "pay_day" not in columns and "file_uid" in columns
