"""The payslip's tax block: tax code (and week 1/month 1), NI letter, tax period and the tax year so far; student and
postgraduate loans in the deductions; nothing of it when the figures were typed or imported."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from test_payslip import LONG_NAME, pages, payslip, sample_run, text_of
from test_payslip_layout import assert_nothing_clipped, big_run, longer_words  # noqa: F401 (a fixture)

from paemployer import i18n
from paemployer.documents.payslip import PayslipData, PayslipTaxDetails, payslip_pdf
from paemployer.rules.pay import (
    Deductions,
    LineKind,
    MinimumWageResult,
    PayLine,
    PayPeriod,
    PayRun,
    RunStatus,
)

DETAILS = PayslipTaxDetails(
    tax_code="S1257L", week1_month1=True, ni_category="A", tax_period=32, period_kind="week",
    taxable_pay=D("652.28"), taxable_pay_to_date=D("20873.12"), tax_to_date=D("2345.60"),
    employee_ni_to_date=D("590.08"), employee_pension_to_date=D("384.00"), student_loan=D("17"),
    postgraduate_loan=D("6"), pension_relief="relief_at_source")


def with_loans(run: PayRun, student: str = "17", postgraduate: str = "6") -> PayRun:
    return replace(run, deductions=replace(run.deductions, student_loan=D(student), postgraduate_loan=D(postgraduate),
                                           source="computed"))


def typical_run() -> PayRun:
    """A month's pay as the app works it out for most PAs: hours, holiday pay and a sleep-in, then tax, NI,
    pension and both loans."""
    period = PayPeriod(date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 30), "monthly")
    lines = (
        PayLine(LineKind.HOURS, "Hours at the standard rate", D("1652.30"), hours=D("130"), rate=D("12.71")),
        PayLine(LineKind.HOLIDAY_PAY, "Holiday pay", D("203.36"), hours=D("16"), rate=D("12.71")),
        PayLine(LineKind.SLEEP_IN, "4 sleep-ins at £50.00", D("200.00")),
    )
    deductions = Deductions(tax=D("158.40"), employee_ni=D("78.12"), employee_pension=D("61.23"),
                            student_loan=D("35"), postgraduate_loan=D("12"), employer_ni=D("120.50"),
                            employer_pension=D("36.74"), source="computed")
    minimum_wage = MinimumWageResult("21_and_over", D("12.71"), D("146"), D("1855.66"), D("1855.66"), D("0"))
    return PayRun(11, "Megan Ŵyn Prŷs", period, lines, deductions, minimum_wage, status=RunStatus.FINALISED)


def month_details(**changes) -> PayslipTaxDetails:
    month = {"tax_code": "1257L", "week1_month1": False, "tax_period": 8, "period_kind": "month",
             "taxable_pay": D("1994.43")}
    return replace(DETAILS, **{**month, **changes})


def test_the_tax_block_shows_the_code_with_week1_month1_the_letter_the_week_and_the_year_so_far():
    text = text_of(payslip(with_loans(sample_run()), tax_details=DETAILS))
    assert "Tax and National Insurance" in text
    assert "Tax code: S1257L, Week 1/Month 1 · National Insurance letter: A · Tax week 32" in text
    assert "Taxable pay Income tax National Insurance Pension" in text
    # This payment's tax, NI and pension are the deductions' own.
    assert "This payment £652.28 £42.20 £18.44 £12.00" in text
    assert "This tax year so far £20,873.12 £2,345.60 £590.08 £384.00" in text


def test_a_cumulative_monthly_code_says_tax_month_and_no_week1_month1():
    text = text_of(payslip(typical_run(), tax_details=month_details()))
    assert "Tax code: 1257L · National Insurance letter: A · Tax month 8" in text
    assert "Week 1/Month 1" not in text
    assert "This payment £1,994.43 £158.40 £78.12 £61.23" in text


def test_no_tax_period_leaves_it_out():
    text = text_of(payslip(typical_run(), tax_details=month_details(tax_period=None)))
    assert "Tax and National Insurance Tax code: 1257L · National Insurance letter: A Taxable pay" in text
    assert "Tax month" not in text and "Tax week" not in text


def test_how_pension_tax_relief_is_given_is_said_only_for_a_scheme_member():
    relief_at_source = text_of(payslip(typical_run(), tax_details=month_details()))
    assert "Your pension scheme claims the tax relief on your contribution from HMRC (relief at source)." \
        in relief_at_source
    net_pay = text_of(payslip(typical_run(), tax_details=month_details(pension_relief="net_pay")))
    assert "Your pension contribution is taken before tax, so you get the tax relief straight away (net pay)." \
        in net_pay
    none = text_of(payslip(typical_run(), tax_details=month_details(pension_relief="")))
    assert "tax relief" not in none


def test_loans_are_deductions_of_their_own_and_in_the_total():
    text = text_of(payslip(typical_run(), tax_details=month_details()))
    assert "Student loan £35.00" in text
    assert "Postgraduate loan £12.00" in text
    # 158.40 + 78.12 + 61.23 + 35 + 12
    assert "Total taken from pay £344.75" in text
    assert "Net pay (what you receive) £1,710.91" in text


def test_a_loan_with_nothing_taken_is_not_listed():
    run = typical_run()
    text = text_of(payslip(replace(run, deductions=replace(run.deductions, postgraduate_loan=D("0"))),
                           tax_details=month_details()))
    assert "Student loan £35.00" in text
    assert "Postgraduate loan" not in text
    text = text_of(payslip(sample_run()))
    assert "Student loan" not in text and "Postgraduate loan" not in text


def test_without_tax_details_there_is_no_tax_block():
    text = text_of(payslip(with_loans(sample_run())))
    assert "Tax and National Insurance" not in text
    assert "Tax code" not in text and "This tax year so far" not in text
    assert "Student loan £17.00" in text  # the loans typed are still deductions


def test_a_typical_payslip_with_its_tax_block_is_one_page():
    run = typical_run()
    run = replace(run, deductions=replace(run.deductions, postgraduate_loan=D("0")))  # a student loan only
    data = payslip(run, tax_details=month_details(), frequency_label="Monthly")
    assert len(pages(data)) == 1
    assert "Page 1 of 1" in text_of(data)
    i18n.set_locale("cy")
    assert len(pages(payslip(run, tax_details=month_details(), frequency_label="Misol"))) == 1


def test_the_tax_block_is_neither_clipped_nor_overlapping_with_long_names_large_figures_or_welsh():
    big = PayslipTaxDetails("S1257L", True, "A", 53, "week", D("99999.99"), D("999999.99"), D("99999.99"),
                            D("99999.99"), D("99999.99"), D("999"), D("999"), "net_pay")
    for run in (with_loans(big_run(), "999", "999"), typical_run()):
        data = payslip_pdf(PayslipData(run, "Gwenhwyfar Ŵyn Llewellyn-Prydderch ap Dafydd ab Ifan", "Tŷ'r Ŵyn",
                                       pa_name=LONG_NAME, ni_number="QQ 12 34 56 C", tax_details=big))
        assert_nothing_clipped(data)
        assert "£999,999.99" in text_of(data)
    i18n.set_locale("cy")
    assert_nothing_clipped(payslip(with_loans(sample_run()), tax_details=DETAILS))


def test_longer_words_still_fit_in_the_tax_block(longer_words):  # noqa: F811 (the fixture)
    assert "ŵ" in i18n._("Taxable pay")
    assert_nothing_clipped(payslip(with_loans(sample_run()), tax_details=DETAILS))
    assert_nothing_clipped(payslip(typical_run(), tax_details=month_details()))
