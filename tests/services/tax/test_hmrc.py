"""The HMRC year over a real employer file: what is due per tax month or quarter, the Employment Allowance used up
part way through the year, statutory pay taken back, due dates (a weekend 22nd), payments recorded, and the
figures for Basic PAYE Tools and the paper forms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hmrc_records import NOW, add_pa, monthly_pay_dates, paid, set_employer

from paemployer.errors import ValidationError
from paemployer.services.tax.hmrc import (
    delete_hmrc_payment,
    fps_figures,
    fps_payments,
    hmrc_payments,
    hmrc_year,
    mark_fps_sent,
    paper_return_figures,
    record_hmrc_payment,
)
from paemployer.store import queries

TODAY = date(2026, 11, 24)
YEAR = "2026-27"


def test_a_month_is_its_tax_ni_and_loans_and_due_by_the_22nd(ef):
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 11, 25), tax="120.40", employee_ni="41.20", employer_ni="77.25", student_loan="12",
         postgraduate_loan="5")
    year = hmrc_year(ef, YEAR, today=TODAY)
    assert len(year.periods) == 12 and not year.quarterly
    month = year.periods[7]  # tax month 8: 6 November to 5 December
    assert (month.period.start, month.period.end) == (date(2026, 11, 6), date(2026, 12, 5))
    assert (month.tax, month.student_loans, month.employee_ni, month.employer_ni) == (
        Decimal("120.40"), Decimal(17), Decimal("41.20"), Decimal("77.25"))
    assert month.employment_allowance_used == 0  # not claimed
    assert month.amount_due == Decimal("255.85") and month.outstanding == Decimal("255.85")
    assert month.due_date == date(2026, 12, 22) and month.runs == 1
    assert year.totals.amount_due == Decimal("255.85")
    assert all(other.amount_due == 0 for other in year.periods if other is not month)


def test_the_period_is_set_by_the_pay_date_not_the_period_worked(ef):
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 11, 6), tax="10.00", days=30)   # worked in October, paid 6 November: month 8
    paid(ef, pa, date(2027, 4, 5), tax="15.00", days=30)    # paid 5 April 2027: the year's last tax month
    paid(ef, pa, date(2027, 4, 6), tax="20.00", days=30)    # worked in March, paid 6 April: next tax year
    year = hmrc_year(ef, YEAR, today=TODAY)
    assert year.periods[7].tax == Decimal("10.00") and year.periods[6].tax == 0
    assert year.periods[11].tax == Decimal("15.00")
    assert year.totals.tax == Decimal("25.00")


def test_only_finalised_runs_count_and_a_correction_replaces_what_it_corrects(ef):
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 5, 25), tax="99.00", status="draft")
    paid(ef, pa, date(2026, 5, 28), tax="88.00", status="approved")
    original = paid(ef, pa, date(2026, 6, 25), tax="50.00")
    paid(ef, pa, date(2026, 6, 25), tax="55.00", corrects_id=original)
    paid(ef, pa, date(2026, 7, 25), tax="30.00", source="imported")  # a payroll service's payslip counts too
    corrected = paid(ef, pa, date(2026, 8, 25), tax="40.00")
    paid(ef, pa, date(2026, 8, 25), tax="45.00", corrects_id=corrected, status="draft")  # not paid yet
    year = hmrc_year(ef, YEAR, today=TODAY)
    assert year.periods[1].tax == 0 and year.periods[1].runs == 0
    assert year.periods[2].tax == Decimal("55.00") and year.periods[2].runs == 1
    assert year.periods[3].tax == Decimal("30.00")
    assert year.periods[4].tax == Decimal("40.00")


def test_employment_allowance_is_used_month_by_month_until_it_runs_out(ef):
    set_employer(ef, employment_allowance=True, care_and_support_only=True)
    pa = add_pa(ef)
    for day in monthly_pay_dates():
        paid(ef, pa, day, tax="100.00", employee_ni="80.00", employer_ni="1000.00")
    year = hmrc_year(ef, YEAR, today=TODAY)
    assert year.employment_allowance == Decimal(10500)  # 2026-27, resources/rates/employment_allowance.toml
    used = [period.employment_allowance_used for period in year.periods]
    assert used == [Decimal("1000.00")] * 10 + [Decimal("500.00"), Decimal(0)]
    assert [period.amount_due for period in year.periods] == \
        [Decimal("180.00")] * 10 + [Decimal("680.00"), Decimal("1180.00")]
    assert year.totals.employment_allowance_used == Decimal("10500.00")
    assert any("used up in tax month 11" in note for note in year.notes)


@pytest.mark.parametrize("claimed, care_only", [(True, None), (True, False), (False, True)])
def test_no_employment_allowance_unless_claimed_and_every_duty_is_care_and_support(ef, claimed, care_only):
    set_employer(ef, employment_allowance=claimed, care_and_support_only=care_only)
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 4, 25), employer_ni="300.00")
    year = hmrc_year(ef, YEAR, today=TODAY)
    assert year.employment_allowance == 0 and year.periods[0].amount_due == Decimal("300.00")
    assert any("not that every duty" in note for note in year.notes) == claimed


def test_statutory_pay_taken_back_at_92_or_108_5_percent_and_what_hmrc_owes(ef):
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 9, 25), tax="20.00", employee_ni="10.00", family_pay="1000.00")
    set_employer(ef, small_employers_relief=False)
    month = hmrc_year(ef, YEAR, today=TODAY).periods[5]
    assert month.statutory_pay == Decimal("1000.00") and month.statutory_pay_recovered == Decimal("920.00")
    assert month.amount_due == 0 and month.hmrc_owes == Decimal("890.00")
    set_employer(ef, small_employers_relief=True)
    year = hmrc_year(ef, YEAR, today=TODAY)
    assert year.periods[5].statutory_pay_recovered == Decimal("1085.00")
    assert year.periods[5].hmrc_owes == Decimal("1055.00")
    assert any("HMRC owes you £1,055.00" in note for note in year.notes)


def test_a_22nd_on_a_weekend_is_due_the_friday_before_and_a_cheque_by_the_19th(ef):
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 7, 25), tax="10.00")   # tax month 4 ends 5 August; 22 August 2026 is a Saturday
    paid(ef, pa, date(2026, 10, 25), tax="10.00")  # tax month 7 ends 5 November; 22 November 2026 is a Sunday
    year = hmrc_year(ef, YEAR, today=TODAY)
    assert year.periods[3].due_date == date(2026, 8, 21)
    assert year.periods[6].due_date == date(2026, 11, 20)
    set_employer(ef, hmrc_payment_method="cheque")
    year = hmrc_year(ef, YEAR, today=TODAY)
    assert year.periods[3].due_date == date(2026, 8, 19) and year.periods[6].due_date == date(2026, 11, 19)


def test_a_quarterly_payer_pays_by_quarter_and_is_told_when_the_average_is_too_high(ef):
    set_employer(ef, hmrc_pays_quarterly=True)
    pa = add_pa(ef)
    for day in monthly_pay_dates(1, 3):
        paid(ef, pa, day, tax="150.00", employee_ni="60.00", employer_ni="90.00")
    year = hmrc_year(ef, YEAR, today=date(2026, 7, 1))
    assert year.quarterly and len(year.periods) == 4
    first = year.periods[0]
    assert (first.period.start, first.period.end) == (date(2026, 4, 6), date(2026, 7, 5))
    assert first.amount_due == Decimal("900.00") and first.runs == 3
    assert first.due_date == date(2026, 7, 22)  # a Wednesday
    assert year.notes == ()  # £300 a month on average: quarterly is allowed
    paid(ef, pa, date(2026, 6, 26), tax="4000.00")
    year = hmrc_year(ef, YEAR, today=date(2026, 7, 1))
    assert year.periods[0].amount_due == Decimal("4900.00")
    assert any("quarterly" in note and "£1,633.33" in note for note in year.notes)  # 4,900 over 3 months


def test_payments_recorded_reduce_what_is_outstanding_and_deleting_one_restores_it(ef):
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 11, 25), tax="200.00", employee_ni="50.00")
    payment = record_hmrc_payment(ef, YEAR, 8, paid_on=date(2026, 12, 18), amount=Decimal("180.00"),
                                  notes="  bank   transfer ", now=NOW)
    assert payment.notes == "bank transfer" and not payment.quarterly
    month = hmrc_year(ef, YEAR, today=TODAY).periods[7]
    assert (month.paid, month.outstanding) == (Decimal("180.00"), Decimal("70.00"))
    assert [p.id for p in month.payments] == [payment.id]
    record_hmrc_payment(ef, YEAR, 8, paid_on=date(2026, 12, 20), amount=Decimal("100.00"), now=NOW)
    month = hmrc_year(ef, YEAR, today=TODAY).periods[7]
    assert month.outstanding == 0 and month.paid == Decimal("280.00")
    delete_hmrc_payment(ef, payment.id, now=NOW)
    assert [p.amount for p in hmrc_payments(ef, YEAR)] == [Decimal("100.00")]
    assert hmrc_year(ef, YEAR, today=TODAY).periods[7].outstanding == Decimal("150.00")
    with ef.session() as session:
        summaries = [entry.summary for entry in queries.audit_entries(session=session)]
    assert any("Recorded a payment to HMRC of £180.00" in text for text in summaries)
    assert any("Deleted the payment to HMRC of £180.00" in text for text in summaries)


@pytest.mark.parametrize("year, number, amount, field", [
    ("2026/27", 1, "10.00", "tax_year"), ("2026-27", 13, "10.00", "period_number"),
    ("2026-27", 0, "10.00", "period_number"), ("2026-27", 1, "0", "amount"), ("2026-27", 1, "-5", "amount"),
    ("2026-27", 1, "10.001", "amount"), ("2026-27", 1, "abc", "amount"), ("2026-27", 1, "2000000", "amount"),
])
def test_a_payment_that_is_not_one_is_refused_and_nothing_is_recorded(ef, year, number, amount, field):
    with pytest.raises(ValidationError) as refused:
        record_hmrc_payment(ef, year, number, paid_on=date(2026, 5, 20), amount=amount, now=NOW)
    assert refused.value.field == field and refused.value.message
    assert hmrc_payments(ef, "2026-27") == []


def test_a_quarterly_payer_records_a_payment_for_a_quarter(ef):
    set_employer(ef, hmrc_pays_quarterly=True)
    with pytest.raises(ValidationError):
        record_hmrc_payment(ef, YEAR, 5, paid_on=date(2026, 7, 20), amount=Decimal("10.00"), now=NOW)
    payment = record_hmrc_payment(ef, YEAR, 1, paid_on=date(2026, 7, 20), amount=Decimal("10.00"), now=NOW)
    assert payment.quarterly
    assert hmrc_year(ef, YEAR, today=TODAY).periods[0].paid == Decimal("10.00")


def test_fps_figures_come_in_basic_paye_tools_order_with_the_year_to_date(ef):
    set_employer(ef, pension_relief="net_pay")
    pa = add_pa(ef)
    paid(ef, pa, date(2026, 10, 23), gross="1500.00", tax="110.00", employee_ni="40.00", employer_ni="150.00",
         ni_bands=("559.00", "489.00", "452.00"), student_loan="20", hours="130", employee_pension="30.00")
    run_id = paid(ef, pa, date(2026, 11, 25), gross="1600.00", tax="120.00", employee_ni="48.00",
                  employer_ni="165.00", ni_bands=("559.00", "489.00", "552.00"), student_loan="29", hours="140",
                  expenses="12.50", employee_pension="32.00")
    figures = fps_figures(ef, run_id)
    names = [name for name, _value in figures]
    assert names[:7] == ["Pay frequency", "Payment date", "Tax month number",
                         "Number of earnings periods covered by this payment", "Number of normal hours worked",
                         "Tax code", "Week 1 or Month 1 basis (non-cumulative)"]
    values = dict(figures)
    assert values["Pay frequency"] == "Monthly" and values["Payment date"] == "25/11/2026"
    assert values["Tax month number"] == "8"
    assert values["Number of normal hours worked"].startswith("D:")  # 140 hours a month: over 30 a week
    assert values["Taxable pay in this pay period"] == "1600.00"
    assert values["Payments not subject to tax or National Insurance (expenses paid back)"] == "12.50"
    assert values["Employee pension contributions paid under a net pay arrangement"] == "32.00"
    assert values["Tax deducted or refunded from this payment"] == "120.00"
    assert values["Taxable pay to date in this employment"] == "3100.00"
    assert values["Total tax to date in this employment"] == "230.00"
    assert values["Student loan deductions to date"] == "49.00"
    assert values["Earnings at the Lower Earnings Limit year to date"] == "1118.00"
    assert values["Earnings above the Primary Threshold up to the Upper Earnings Limit year to date"] == "1004.00"
    assert values["Employee's National Insurance year to date"] == "88.00"
    assert values["Employer's National Insurance in this period"] == "165.00"
    assert names.index("Tax code") < names.index("Taxable pay in this pay period") \
        < names.index("National Insurance category letter") < names.index("Employee's National Insurance in this period")


def test_a_weekly_payment_gives_its_tax_week_and_hours_band(ef):
    pa = add_pa(ef)
    run_id = paid(ef, pa, date(2026, 11, 20), frequency="weekly", hours="20", days=6)
    values = dict(fps_figures(ef, run_id))
    assert values["Tax week number"] == "33" and values["Pay frequency"] == "Weekly"
    assert values["Number of normal hours worked"].startswith("B:")


def test_marking_an_fps_sent_is_for_finalised_pay_built_here(ef):
    pa = add_pa(ef)
    run_id = paid(ef, pa, date(2026, 11, 20))
    draft = paid(ef, pa, date(2026, 12, 20), status="draft")
    imported = paid(ef, pa, date(2026, 10, 20), source="imported")
    assert mark_fps_sent(ef, run_id, date(2026, 11, 19), now=NOW) == date(2026, 11, 19)
    sent = {payment.run_id: payment.fps_sent_on for payment in fps_payments(ef, YEAR)}
    assert sent[run_id] == date(2026, 11, 19) and sent[imported] is None and draft not in sent
    for refused in (draft, imported):
        with pytest.raises(ValidationError):
            mark_fps_sent(ef, refused, date(2026, 11, 19), now=NOW)


def test_paper_figures_name_each_box_for_each_pa_and_the_rt5(ef):
    set_employer(ef, employment_allowance=True, care_and_support_only=True, hmrc_route="paper")
    ann = add_pa(ef, "Ann", "Lee", ni_number="AB123456C")
    bob = add_pa(ef, "Bob", "Hughes")
    for day in monthly_pay_dates(7, 3):  # quarter 3: 6 October to 5 January
        paid(ef, ann, day, tax="50.00", employee_ni="20.00", employer_ni="40.00", ni_bands=("559", "489", "100"))
    paid(ef, bob, date(2026, 12, 1), tax="10.00", employer_ni="5.00")
    paid(ef, ann, date(2026, 9, 25), tax="7.00")  # quarter 2: to date, not this quarter
    rows = paper_return_figures(ef, YEAR, 3)
    ann_rows = {name: value for box, name, value in rows if box.startswith("RT2 for Ann Lee")}
    assert ann_rows["National Insurance number"] == "AB123456C"
    assert ann_rows["Tax deducted or refunded in this quarter"] == "150.00"
    assert ann_rows["Tax deducted to date in this employment"] == "157.00"
    assert ann_rows["Employee's and employer's National Insurance in this quarter"] == "180.00"
    assert ann_rows["Earnings at the Lower Earnings Limit year to date"] == "1677.00"
    boxes = [box for box, _name, _value in rows]
    assert boxes.index("RT2 for Ann Lee: Your employee's personal details") < \
        boxes.index("RT2 for Bob Hughes: Your employee's personal details")  # by name
    rt5 = {name: value for box, name, value in rows if box == "RT5 Employer payment summary"}
    assert rt5["Employment Allowance used in this quarter"] == "125.00"
    assert rt5["Amount due to HMRC for this quarter"] == "220.00"
    assert rt5["No payments to employees in this quarter"] == "No"
    assert paper_return_figures(ef, YEAR, 4)[-5:][0][2] == "Yes"  # nobody paid in quarter 4
    with pytest.raises(ValidationError):
        paper_return_figures(ef, YEAR, 5)


def test_a_tax_year_written_wrongly_or_without_figures_is_refused_plainly(ef):
    from paemployer.errors import PAEmployerError

    with pytest.raises(ValidationError):
        hmrc_year(ef, "2026", today=TODAY)
    with pytest.raises(PAEmployerError):
        hmrc_year(ef, "2019-20", today=TODAY)  # no HMRC payment figures held for that year


def _bands_not_stored(ef, run_id, **fields):
    """Make a stored run look typed or taken in: no NI letter or earnings bands on record."""
    from paemployer.store.models import PayRun

    with ef.session() as session:
        row = session.get(PayRun, run_id)
        row.ni_category, row.ni_earnings_at_lel, row.ni_earnings_lel_to_pt, row.ni_earnings_pt_to_uel = \
            "", None, None, None
        row.source = fields.get("source", "typed")
        session.add(row)


def test_monthly_payments_count_in_their_quarter_after_switching_to_quarterly(ef):
    pa = add_pa(ef)
    for day in (date(2026, 4, 25), date(2026, 5, 25), date(2026, 6, 25)):
        paid(ef, pa, day, tax="100.00")
    record_hmrc_payment(ef, YEAR, 1, paid_on=date(2026, 5, 20), amount=Decimal("100.00"), now=NOW)
    record_hmrc_payment(ef, YEAR, 2, paid_on=date(2026, 6, 20), amount=Decimal("100.00"), now=NOW)
    record_hmrc_payment(ef, YEAR, 4, paid_on=date(2026, 8, 20), amount=Decimal("7.00"), now=NOW)
    set_employer(ef, hmrc_pays_quarterly=True)
    year = hmrc_year(ef, YEAR, today=TODAY)
    first, second = year.periods[0], year.periods[1]
    assert (first.amount_due, first.paid, first.outstanding) == (Decimal("300.00"), Decimal("200.00"),
                                                                 Decimal("100.00"))
    assert second.paid == Decimal("7.00") and len(first.payments) == 2


def test_a_quarters_payment_settles_its_months_after_switching_to_monthly(ef):
    set_employer(ef, hmrc_pays_quarterly=True)
    pa = add_pa(ef)
    for day in (date(2026, 4, 25), date(2026, 5, 25), date(2026, 6, 25)):
        paid(ef, pa, day, tax="100.00")
    payment = record_hmrc_payment(ef, YEAR, 1, paid_on=date(2026, 7, 20), amount=Decimal("310.00"), now=NOW)
    set_employer(ef, hmrc_pays_quarterly=False)
    months = hmrc_year(ef, YEAR, today=TODAY).periods
    assert [month.paid for month in months[:4]] == [Decimal("100.00"), Decimal("100.00"), Decimal("110.00"), 0]
    assert all(month.outstanding == 0 for month in months[:3])
    assert [p.id for p in months[0].payments] == [payment.id] and months[3].payments == ()
    assert sum((month.paid for month in months), Decimal(0)) == Decimal("310.00")


def test_a_short_quarters_payment_leaves_the_later_months_owed(ef):
    set_employer(ef, hmrc_pays_quarterly=True)
    pa = add_pa(ef)
    for day in (date(2026, 4, 25), date(2026, 5, 25), date(2026, 6, 25)):
        paid(ef, pa, day, tax="100.00")
    record_hmrc_payment(ef, YEAR, 1, paid_on=date(2026, 7, 20), amount=Decimal("150.00"), now=NOW)
    set_employer(ef, hmrc_pays_quarterly=False)
    months = hmrc_year(ef, YEAR, today=TODAY).periods
    assert [month.outstanding for month in months[:3]] == [0, Decimal("50.00"), Decimal("100.00")]


def test_a_payment_dated_more_than_a_year_before_its_period_is_refused(ef):
    with pytest.raises(ValidationError, match="more than a year before") as refused:
        record_hmrc_payment(ef, YEAR, 8, paid_on=date(2025, 11, 5), amount=Decimal("10.00"), now=NOW)
    assert refused.value.field == "paid_on" and hmrc_payments(ef, YEAR) == []
    # A year before to the day is still taken (paid early, not mistyped).
    assert record_hmrc_payment(ef, YEAR, 8, paid_on=date(2025, 11, 6), amount="10", now=NOW).amount == \
        Decimal("10.00")


def test_an_amount_is_stored_to_the_penny_and_exponent_text_is_refused(ef):
    with pytest.raises(ValidationError) as refused:
        record_hmrc_payment(ef, YEAR, 1, paid_on=date(2026, 5, 20), amount="1e3", now=NOW)
    assert refused.value.field == "amount"
    record_hmrc_payment(ef, YEAR, 1, paid_on=date(2026, 5, 20), amount=Decimal("1E+3"), now=NOW)
    record_hmrc_payment(ef, YEAR, 1, paid_on=date(2026, 5, 20), amount="£412.6", now=NOW)
    assert [str(p.amount) for p in hmrc_payments(ef, YEAR)] == ["1000.00", "412.60"]


def test_fps_figures_work_out_the_bands_of_typed_pay_with_the_pas_letter(ef):
    pa = add_pa(ef, ni_category="B")
    computed = paid(ef, pa, date(2025, 10, 24), gross="1500.00", ni_bands=("542.00", "506.00", "452.00"),
                    ni_category="B")
    typed = paid(ef, pa, date(2025, 11, 25), gross="1500.00", expenses="12.50", employee_ni="30.00")
    _bands_not_stored(ef, typed)
    assert computed != typed
    values = dict(fps_figures(ef, typed))
    assert values["National Insurance category letter"] == "B"
    # 2025-26 monthly: LEL £542, PT £1,048; NI earnings £1,500 (the £12.50 of expenses left out).
    assert values["Earnings at the Lower Earnings Limit year to date"] == "1084.00"
    assert values["Earnings above the Lower Earnings Limit up to the Primary Threshold year to date"] == "1012.00"
    assert values["Earnings above the Primary Threshold up to the Upper Earnings Limit year to date"] == "904.00"
    assert values["Employee's National Insurance in this period"] == "30.00"  # as deducted, not worked out


def test_typed_pay_in_a_year_without_ni_figures_has_no_bands(ef):
    pa = add_pa(ef)
    typed = paid(ef, pa, date(2019, 11, 25), gross="1500.00")
    _bands_not_stored(ef, typed)
    values = dict(fps_figures(ef, typed))
    assert values["National Insurance category letter"] == "A"
    assert values["Earnings at the Lower Earnings Limit year to date"] == "0.00"
