"""Every table keeps every value exactly: write one full row of each, read it back in a new session."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlmodel import select

from paemployer.store.db import open_employer_file
from paemployer.store.models import (
    ALL_TABLES,
    PA,
    Absence,
    AbsenceKind,
    AuditEntry,
    BackgroundCheckKind,
    ContingencyStep,
    ContractTerms,
    CoverContact,
    CoverRole,
    DecisionKind,
    Employer,
    HmrcPayment,
    HoursType,
    ManagedBy,
    Nation,
    PayFrequency,
    PayRun,
    PayRunLine,
    PensionStatus,
    Reference,
    RiskDecision,
    Shift,
    ShiftKind,
    ShiftPattern,
    ShiftStatus,
    SupportNeed,
    Training,
)


def _rows() -> list:
    """One row of every table, every field away from its default (ids fixed so foreign keys line up)."""
    return [
        Employer(id=1, file_uid="5c0e7a1d9b2f4e6a8c3d1f0b7a9e2c4d", name="Eleri Davies", address="14 Heol y Castell\nCardiff", postcode="CF11 9AB",
                 phone="029 2018 0123", email="e@example.org", nation=Nation.WALES,
                 managed_by=ManagedBy.SUITABLE_PERSON, manager_name="Catrin Davies", manager_contact="07700 900620",
                 council="Cardiff Council", direct_payment_reference="DP-1", paye_reference="120/DA45678",
                 accounts_office_reference="120PA00456789", employment_allowance=True, pension_scheme="NEST",
                 pension_duties_start=date(2022, 9, 1), declaration_of_compliance_date=date(2022, 10, 1),
                 el_insurer="Insurer", el_policy_number="P-1", el_expiry=date(2026, 12, 14),
                 holiday_year_start=date(2026, 1, 1), default_pay_frequency=PayFrequency.FOUR_WEEKLY,
                 pay_months="calendar", pay_day="last_working_day", pay_week_anchor=date(2025, 4, 7),
                 locale="cy", stand_in_essentials="Baclofen 10 mg; ŵ ŷ", setup_completed=True,
                 hmrc_route="paper", hmrc_payment_method="cheque", hmrc_pays_quarterly=True,
                 care_and_support_only=True, small_employers_relief=False, pension_relief="net_pay",
                 pension_employer_rate=Decimal("0.035"), pension_employee_rate=Decimal("0.045"),
                 p60s_given_for="2025-26"),
        PA(id=1, first_name="Megan", last_name="Hughes", known_as="Meg", date_of_birth=date(2007, 5, 8),
           ni_number="JM482693B", phone="07700 900112", email="m@example.org", address="3 Road",
           emergency_contact_name="Sarah", emergency_contact_phone="07700 900113", start_date=date(2025, 7, 5),
           end_date=date(2027, 1, 31), leaving_reason="University", is_family=True, family_relationship="niece",
           same_household=True, council_approved_family=date(2025, 6, 1), right_to_work_checked_on=date(2025, 6, 25),
           right_to_work_document="UK passport", right_to_work_follow_up=date(2027, 6, 25),
           background_check_kind=BackgroundCheckKind.DBS_ENHANCED_BARRED, background_check_date=date(2025, 6, 15),
           background_check_reference="001784522361", background_check_declined=True,
           background_check_decision_reason="reason", background_check_decision_date=date(2025, 6, 16),
           bank_account_name="M Hughes", bank_sort_code="20-45-77", bank_account_number="43918265",
           apprentice=True, apprentice_since=date(2025, 7, 5), pension_status=PensionStatus.OPTED_IN,
           pension_assessed_on=date(2025, 7, 5), wtr_opt_out=True, wtr_opt_out_date=date(2025, 7, 5),
           other_employer_hours_per_week=Decimal("7.50"), notes="notes", tax_code="C1257L",
           tax_week1_month1=True, ni_category="M", starter_statement="B", p45_leaving_date=date(2025, 6, 30),
           p45_tax_code="1100L", p45_week1_month1=True, p45_pay_to_date=Decimal("4200.10"),
           p45_tax_to_date=Decimal("310.40"), student_loan_plan="2", postgraduate_loan=True,
           pension_enrolled_on=date(2025, 10, 5), pension_opted_out_on=date(2025, 10, 20),
           pension_postponed_until=date(2025, 10, 4)),
        Reference(id=1, pa_id=1, referee_name="Mr Rees", referee_contact="029 2018 0321",
                  requested_on=date(2025, 6, 1), received_on=date(2025, 6, 10), notes="good"),
        Training(id=1, pa_id=1, course="First aid", completed_on=date(2025, 8, 1), expires_on=date(2028, 8, 1),
                 notes="St John"),
        ContractTerms(id=1, pa_id=1, effective_from=date(2026, 4, 6), job_title="PA", place_of_work="Home",
                      hours_type=HoursType.ZERO_HOURS, hours_per_week=Decimal("16.25"), days_per_week=Decimal(4),
                      standard_rate=Decimal("12.71"), waking_night_rate=Decimal("13.10"),
                      sleep_in_allowance=Decimal("55.00"), bank_holiday_rate=Decimal("19.065"),
                      weekend_rate=Decimal("0.10"), pay_frequency=PayFrequency.WEEKLY, holiday_pay="rolled_up",
                      holiday_basis="12.07%",
                      notice_weeks=2, probation_end=date(2026, 7, 6), sick_pay="SSP only", pension="NEST 3%",
                      issued_on=date(2026, 3, 20), signed_on=date(2026, 3, 22), notes="n"),
        CoverContact(id=1, name="Siân", role=CoverRole.COUNCIL_OUT_OF_HOURS, phone="1", phone_other="2",
                     available_when="nights", can_help_with="all", priority=3, last_confirmed=date(2026, 11, 1),
                     notes="n"),
        ContingencyStep(id=1, scenario="PA does not arrive", step="Ring Siân", position=2),
        SupportNeed(id=1, weekday=6, start=time(22, 0), end=time(7, 30), people=2, kind=ShiftKind.SLEEP_IN,
                    notes="n"),
        ShiftPattern(id=1, pa_id=1, rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", first_start=datetime(2026, 3, 28, 22),
                     first_end=datetime(2026, 3, 29, 7), until=date(2026, 12, 31), kind=ShiftKind.WAKING_NIGHT,
                     break_minutes=20, notes="n"),
        Shift(id=1, pa_id=1, start=datetime(2026, 3, 28, 22), end=datetime(2026, 3, 29, 7), kind=ShiftKind.ON_CALL,
              break_minutes=30, status=ShiftStatus.COVERED, pattern_id=1, occurrence_start=datetime(2026, 3, 28, 22),
              woken_minutes=45, cover_for_shift_id=None, cover_contact_id=1, notes="n"),
        Shift(id=2, pa_id=None, start=datetime(2026, 3, 29, 9), end=datetime(2026, 3, 29, 12),
              status=ShiftStatus.ABSENT, cover_for_shift_id=1),
        Absence(id=1, pa_id=1, kind=AbsenceKind.SHARED_PARENTAL, start_date=date(2026, 5, 1),
                end_date=date(2026, 5, 3), hours=Decimal("22.5"), days=Decimal("2.5"), evidence="fit note",
                shift_id=2, notes="n"),
        RiskDecision(id=1, code="EL_INSURANCE_EXPIRED", subject="employer", fact="abc",
                     decision=DecisionKind.SCHEDULED, reason="renewing", decided_by="Eleri",
                     decided_at=datetime(2026, 11, 24, 10, 15, 30), review_on=date(2026, 12, 1)),
        AuditEntry(id=1, at=datetime(2026, 11, 24, 10, 15, 30), who="eleri", action="change", table_name="pa",
                   row_id=1, summary="Changed PA Megan Hughes: phone"),
        PayRun(id=1, pa_id=1, pa_name="Megan Hughes", period_start=date(2026, 11, 9), period_end=date(2026, 11, 15),
               pay_date=date(2026, 11, 20), pay_frequency="weekly", status="finalised", source="imported",
               tax=Decimal("1.20"), employee_ni=Decimal("0.40"), employee_pension=Decimal("3.01"),
               other_deductions=Decimal("5.00"), other_deductions_description="loan", employer_ni=Decimal("2.22"),
               employer_pension=Decimal("1.81"), deductions_source="imported", imported_gross=Decimal("190.65"),
               imported_net=Decimal("181.04"), imported_hours=Decimal("15.25"), nmw_band="21 and over", nmw_band_code="21_and_over",
               nmw_rate=Decimal("12.71"), nmw_hours_counted=Decimal("15.25"), nmw_pay_counted=Decimal("190.65"),
               nmw_required=Decimal("193.83"), nmw_shortfall=Decimal("3.18"), nmw_earlier_arrears=Decimal("0.005"),
               nmw_note="no date of birth", notes="one\ntwo", created_at=datetime(2026, 11, 16, 9, 0),
               approved_at=datetime(2026, 11, 17, 9, 0, 5), finalised_at=datetime(2026, 11, 18, 9, 30),
               tax_code="S1257L", tax_week1_month1=True, ni_category="H", tax_period=33,
               taxable_pay=Decimal("187.64"), taxable_pay_to_date=Decimal("5120.33"), tax_to_date=Decimal("39.60"),
               ni_earnings_at_lel=Decimal("129.00"), ni_earnings_lel_to_pt=Decimal("56.00"),
               ni_earnings_pt_to_uel=Decimal("5.65"), ni_earnings_above_uel=Decimal("0.01"),
               student_loan=Decimal(3), postgraduate_loan=Decimal(1), pension_status="eligible_jobholder",
               pension_qualifying_earnings=Decimal("59.65"), fps_sent_on=date(2026, 11, 20)),
        PayRun(id=2, pa_id=1, pa_name="Meg Hughes", period_start=date(2026, 11, 9), period_end=date(2026, 11, 15),
               pay_date=date(2026, 11, 20), corrects_id=1, created_at=datetime(2026, 11, 19, 8, 0)),
        PayRunLine(id=1, pay_run_id=1, position=3, kind="sleep_in_woken", description="Woken 45 minutes",
                   hours=Decimal("0.75"), rate=Decimal("12.71"), amount=Decimal("9.53"), basis="contract 6 Apr",
                   shift_keys="s1,p1@20261110T2200", counts_for_minimum_wage=Decimal("9.53"), added_by_user=True),
        HmrcPayment(id=1, tax_year="2026-27", period_number=3, quarterly=True, paid_on=date(2027, 1, 19),
                    amount=Decimal("412.37"), notes="cheque 100231"),
    ]


def test_every_table_is_covered():
    assert {type(row) for row in _rows()} == set(ALL_TABLES)


def test_every_value_of_every_table_comes_back_exactly(tmp_path):
    path = tmp_path / "round.paemployer"
    written = {(type(row), row.id): row.model_dump() for row in _rows()}
    with open_employer_file(path, create=True) as ef, ef.session() as session:
        for row in _rows():
            session.add(row)
            session.flush()
    # A fresh open, so nothing can come from a cache.
    with open_employer_file(path) as ef, ef.session() as session:
        for model in ALL_TABLES:
            for row in session.exec(select(model)).all():
                assert row.model_dump() == written[(model, row.id)], model.__name__
        assert len([1 for model in ALL_TABLES for _ in session.exec(select(model)).all()]) == len(written)


def test_money_stays_decimal_with_its_exact_digits(tmp_path):
    path = tmp_path / "money.paemployer"
    with open_employer_file(path, create=True) as ef, ef.session() as session:
        for row in _rows()[:5]:
            session.add(row)
            session.flush()
    with open_employer_file(path) as ef, ef.session() as session:
        terms = session.exec(select(ContractTerms)).one()
        for value, expected in ((terms.standard_rate, "12.71"), (terms.weekend_rate, "0.10"),
                                (terms.bank_holiday_rate, "19.065"), (terms.sleep_in_allowance, "55.00")):
            assert type(value) is Decimal
            assert str(value) == expected
        stored = session.connection().exec_driver_sql("SELECT standard_rate, typeof(standard_rate) FROM contractterms")
        assert stored.one() == ("12.71", "text")
