"""Migration 0004 (tax): an employer file written before tax upgrades with every record kept, the tax, NI and
pension defaults filled in (standard NI letter A, no tax code known yet, Basic PAYE Tools, relief at source at 3 % and
5 %), old pay runs kept as paid with no tax working, and the HMRC payments table ready."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal

from alembic import command
from sqlalchemy import create_engine
from sqlmodel import select

from paemployer.store import db
from paemployer.store.backup import list_backups
from paemployer.store.db import current_revision, head_revision, open_employer_file
from paemployer.store.models import PA, Employer, HmrcPayment, PayRun, PayRunLine


def _migrate(path, revision: str, *, down: bool = False) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def _file_at_0003_with_records(tmp_path):
    path = tmp_path / "before-tax.paemployer"
    open_employer_file(path, create=True).close()
    _migrate(path, "0003", down=True)
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO employer (file_uid, name, address, postcode, phone, email, nation, managed_by,"
                       " manager_name, manager_contact, council, direct_payment_reference, paye_reference,"
                       " accounts_office_reference, employment_allowance, pension_scheme, el_insurer,"
                       " el_policy_number, holiday_year_start, default_pay_frequency, locale,"
                       " stand_in_essentials, setup_completed, pay_months, pay_day, pay_week_anchor)"
                       " VALUES ('abc', 'Eleri', '', '', '', '', 'SCOTLAND', 'SELF', '', '', '', '', '123/AB456', '',"
                       " 1, 'NEST', '', '', '2026-04-01', 'WEEKLY', 'en_GB', '', 1, 'tax', 'friday_after',"
                       " '2026-04-06')")
    connection.execute("INSERT INTO pa (id, first_name, last_name, known_as, ni_number, phone, email, address,"
                       " emergency_contact_name, emergency_contact_phone, leaving_reason, is_family,"
                       " family_relationship, same_household, right_to_work_document, background_check_reference,"
                       " background_check_declined, background_check_decision_reason, bank_account_name,"
                       " bank_sort_code, bank_account_number, apprentice, pension_status, wtr_opt_out, notes)"
                       " VALUES (7, 'Megan', 'Hughes', '', 'AB123456C', '', '', '', '', '', '', 0, '', 0, '', '', 0,"
                       " '', '', '', '', 0, 'ENROLLED', 0, 'kind')")
    connection.execute("INSERT INTO payrun (id, pa_id, pa_name, period_start, period_end, pay_date, pay_frequency,"
                       " status, source, tax, employee_ni, employee_pension, other_deductions,"
                       " other_deductions_description, employer_ni, employer_pension, deductions_source,"
                       " nmw_band, nmw_band_code, nmw_note, notes, created_at, finalised_at)"
                       " VALUES (3, 7, 'Megan Hughes', '2026-11-09', '2026-11-15', '2026-11-20', 'weekly',"
                       " 'finalised', 'computed', '12.40', '3.10', '0', '0', '', '4.20', '0', 'typed', '', '', '',"
                       " '', '2026-11-16 09:00:00.000000', '2026-11-16 09:05:00.000000')")
    connection.execute("INSERT INTO payrunline (pay_run_id, position, kind, description, hours, rate, amount, basis,"
                       " shift_keys, counts_for_minimum_wage, added_by_user) VALUES (3, 0, 'hours', '7.5 hours',"
                       " '7.5', '12.71', '95.33', '', '', '95.33', 0)")
    connection.commit()
    connection.close()
    return path


def test_a_file_from_before_tax_upgrades_with_its_records_kept_and_tax_defaults_filled(tmp_path):
    path = _file_at_0003_with_records(tmp_path)
    with open_employer_file(path) as ef:
        assert current_revision(ef) == head_revision()
        with ef.session() as session:
            employer = session.exec(select(Employer)).one()
            pa = session.exec(select(PA)).one()
            run = session.exec(select(PayRun)).one()
            line = session.exec(select(PayRunLine)).one()
            assert session.exec(select(HmrcPayment)).all() == []
    assert (employer.name, employer.file_uid, employer.paye_reference, employer.employment_allowance) == (
        "Eleri", "abc", "123/AB456", True)
    assert (employer.hmrc_route, employer.hmrc_payment_method, employer.hmrc_pays_quarterly) == (
        "basic_paye_tools", "electronic", False)
    assert employer.care_and_support_only is None and employer.small_employers_relief is True
    assert (employer.pension_relief, employer.pension_employer_rate, employer.pension_employee_rate) == (
        "relief_at_source", Decimal("0.03"), Decimal("0.05"))
    assert employer.p60s_given_for == ""
    assert (pa.full_name, pa.ni_number, pa.notes, pa.pension_status.value) == ("Megan Hughes", "AB123456C",
                                                                              "kind", "enrolled")
    assert (pa.tax_code, pa.tax_week1_month1, pa.ni_category, pa.starter_statement) == ("", False, "A", "")
    assert (pa.p45_leaving_date, pa.p45_tax_code, pa.p45_week1_month1, pa.p45_pay_to_date, pa.p45_tax_to_date) == (
        None, "", False, None, None)
    assert (pa.student_loan_plan, pa.postgraduate_loan) == ("", False)
    assert (pa.pension_enrolled_on, pa.pension_opted_out_on, pa.pension_postponed_until) == (None, None, None)
    assert (run.tax, run.employee_ni, run.employer_ni, run.status) == (
        Decimal("12.40"), Decimal("3.10"), Decimal("4.20"), "finalised")
    assert run.finalised_at == datetime(2026, 11, 16, 9, 5)
    assert (run.tax_code, run.tax_week1_month1, run.ni_category, run.tax_period, run.taxable_pay) == (
        "", False, "", None, None)
    # Finalised before FPS reminders existed: taken as reported on its pay day, so no reminder fires for it.
    assert (run.student_loan, run.postgraduate_loan, run.pension_status, run.fps_sent_on) == (
        Decimal(0), Decimal(0), "", date(2026, 11, 20))
    assert line.amount == Decimal("95.33")
    assert list_backups(path), "the 0003 file was backed up before the upgrade"


def test_after_the_upgrade_the_tax_working_and_an_hmrc_payment_are_kept_exactly(tmp_path):
    path = _file_at_0003_with_records(tmp_path)
    with open_employer_file(path) as ef:
        with ef.session() as session:
            run = session.get(PayRun, 3)
            run.tax_code, run.tax_period, run.taxable_pay_to_date = "S1257L", 33, Decimal("3100.55")
            run.ni_earnings_pt_to_uel, run.fps_sent_on = Decimal("0.01"), date(2026, 11, 20)
            pa = session.get(PA, 7)
            pa.p45_pay_to_date, pa.p45_leaving_date = Decimal("4200.10"), date(2026, 6, 30)
            session.add(HmrcPayment(tax_year="2026-27", period_number=8, paid_on=date(2026, 12, 19),
                                    amount=Decimal("123.45")))
        with ef.session() as session:
            run = session.get(PayRun, 3)
            pa = session.get(PA, 7)
            payment = session.exec(select(HmrcPayment)).one()
    assert (run.tax_code, run.tax_period, run.taxable_pay_to_date, run.ni_earnings_pt_to_uel, run.fps_sent_on) == (
        "S1257L", 33, Decimal("3100.55"), Decimal("0.01"), date(2026, 11, 20))
    assert (pa.p45_pay_to_date, pa.p45_leaving_date) == (Decimal("4200.10"), date(2026, 6, 30))
    assert (payment.tax_year, payment.period_number, payment.quarterly, payment.amount, payment.notes) == (
        "2026-27", 8, False, Decimal("123.45"), "")


def test_the_tax_migration_downgrades_to_the_file_before_tax_keeping_pay(tmp_path):
    path = _file_at_0003_with_records(tmp_path)
    open_employer_file(path).close()
    _migrate(path, "0003", down=True)
    connection = sqlite3.connect(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        pa_columns = {row[1] for row in connection.execute("PRAGMA table_info(pa)")}
        run_columns = {row[1] for row in connection.execute("PRAGMA table_info(payrun)")}
        employer_columns = {row[1] for row in connection.execute("PRAGMA table_info(employer)")}
        tax_kept = connection.execute("SELECT tax FROM payrun WHERE id = 3").fetchone()
    finally:
        connection.close()
    assert "hmrcpayment" not in tables and "payrun" in tables
    assert "tax_code" not in pa_columns and "ni_category" not in pa_columns and "first_name" in pa_columns
    assert "tax_period" not in run_columns and "fps_sent_on" not in run_columns and "tax" in run_columns
    assert "hmrc_route" not in employer_columns and "pay_day" in employer_columns
    assert tax_kept == ("12.40",)
