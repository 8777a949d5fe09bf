"""The employer's pay summary: each PA's pay and cost, the totals, minimum-wage verdicts, runs not finalised."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from test_payslip import LONG_NAME, pages, sample_run, text_of
from test_payslip_layout import assert_nothing_clipped, longer_words  # noqa: F401 - a fixture

from paemployer.documents.pay_summary import PaySummaryData, pay_summary_pdf
from paemployer.i18n import set_locale
from paemployer.rules.pay import Deductions, MinimumWageResult, PayPeriod, RunSource, RunStatus

END = date(2026, 4, 12)


def runs():
    megan = sample_run(status=RunStatus.DRAFT)
    anita = replace(sample_run(pa_name="Anita Kowalska"), pa_id=8,
                    minimum_wage=MinimumWageResult("21_and_over", D("12.71"), D("50"), D("600.00"), D("635.50"),
                                                   D("35.50"), earlier_arrears=D("12.00")))
    sion = replace(sample_run(pa_name="Siôn Pŵl", lines=()), pa_id=9, source=RunSource.IMPORTED,
                   imported_gross=D("450.00"), imported_net=D("400.00"), imported_hours=D("35"),
                   deductions=Deductions(tax=D("30.00"), employee_ni=D("20.00"), source="imported"),
                   period=PayPeriod(date(2026, 3, 6), END, date(2026, 4, 17), "monthly"))
    return megan, anita, sion


def summary(items=None, employer="Eleri Davies") -> bytes:
    return pay_summary_pdf(PaySummaryData(employer, END, tuple(runs() if items is None else items),
                                          date(2026, 4, 13),
                                          {"weekly": "Weekly", "monthly": "Monthly", "four_weekly": "Every four weeks",
                                           "fortnightly": "Every two weeks"}))


def test_each_pa_has_gross_deductions_net_employer_costs_and_total_cost():
    text = text_of(summary())
    for expected in ("Pay summary for periods ending 12 April 2026", "Employer: Eleri Davies",
                     "PA and pay period", "Hours paid", "Gross pay", "Taken from pay", "Net pay", "Employer's costs",
                     "Total cost", "Minimum wage", "Status",
                     # Megan: 39.5 hours, £694.68 gross, £77.64 taken, £617.04 net, £10.30 employer, £704.98 cost
                     "Megan Ŵyn Prŷs", "39.5 £694.68 £77.64 £617.04 £10.30 £704.98 Met Draft",
                     "Siôn Pŵl", "6 March 2026 to 12 April 2026", "Monthly, paid 17 Apr 2026",
                     "35 £450.00 £50.00 £400.00 £0.00 £450.00 Met Finalised · from your payroll service",
                     "Printed 13 April 2026.", "Page 1 of 1"):
        assert expected in text, expected


def test_the_totals_add_every_run():
    # gross 694.68 × 2 + 450 = 1839.36; taken 77.64 × 2 + 50 = 205.28; net 617.04 × 2 + 400 = 1634.08;
    # employer 10.30 × 2 = 20.60; cost 704.98 × 2 + 450 = 1859.96; hours 39.5 × 2 + 35 = 114
    assert "Totals 114 £1,839.36 £205.28 £1,634.08 £20.60 £1,859.96" in text_of(summary())


def test_minimum_wage_verdicts_and_what_to_do_about_a_shortfall():
    text = text_of(summary())
    assert "Short by £35.50; £12.00 owed from earlier periods" in text
    assert ("Anita Kowalska: short by £35.50 for 6 April 2026 to 12 April 2026. Pay the shortfall as back pay in "
            "the next pay run.") in text


def test_a_shortfall_on_a_draft_is_to_be_put_right_before_finalising():
    draft = replace(runs()[1], status=RunStatus.DRAFT)
    assert ("Anita Kowalska: short by £35.50 for 6 April 2026 to 12 April 2026. Put it right before this pay is "
            "finalised: add the shortfall to this run, or check the hours and the rate.") in text_of(summary([draft]))


def test_runs_not_finalised_are_listed():
    text = text_of(summary())
    tail = text[text.index("Not finalised yet"):]
    assert "Megan Ŵyn Prŷs: Draft, pay date 17 April 2026" in tail
    assert "Anita Kowalska" not in tail.split("Below the minimum wage")[0]


def test_all_finalised_and_met_leaves_the_lists_out():
    text = text_of(summary([sample_run()]))
    assert "Not finalised yet" not in text and "Below the minimum wage" not in text


def test_no_runs_says_so():
    assert "No pay runs for periods ending on this day." in text_of(summary([]))


def test_the_summary_is_landscape():
    page = pages(summary())[0]
    assert page.mediabox.width > page.mediabox.height


def test_long_names_and_ten_thousand_pound_figures_are_not_clipped():
    big = replace(sample_run(pa_name=LONG_NAME), imported_gross=D("123456.78"), imported_net=D("100000.00"),
                  deductions=Deductions(tax=D("20000.00"), employee_ni=D("3456.78"), employer_ni=D("15000.00"),
                                        employer_pension=D("9999.99")))
    items = [*runs(), big, replace(big, pa_id=12, pa_name=LONG_NAME + " the Second")]
    data = summary(items)
    assert_nothing_clipped(data)
    text = text_of(data)
    for figure in ("£123,456.78", "£100,000.00", "£23,456.78", "£24,999.99", "£148,456.77"):
        assert figure in text, figure


def test_welsh_and_longer_words_keep_the_columns_apart(longer_words):  # noqa: F811 - the fixture
    assert_nothing_clipped(summary())


def test_a_welsh_summary_prints_welsh_letters():
    set_locale("cy")
    data = summary()
    assert_nothing_clipped(data)
    text = text_of(data)
    assert "Siôn Pŵl" in text and "Ebrill" in text


def test_many_pas_run_onto_numbered_pages_with_the_heading_row_repeated():
    many = [replace(sample_run(pa_name=f"PA number {n}"), pa_id=n) for n in range(40)]
    data = summary(many)
    assert len(pages(data)) >= 2
    text = text_of(data)
    assert text.count("PA and pay period") >= 2 and "Page 2 of" in text


def test_a_correction_in_the_summary_says_what_was_paid_already_and_what_is_paid_now():
    correction = replace(sample_run(), run_id=12, corrects_run_id=3)  # net £617.04
    text = text_of(pay_summary_pdf(PaySummaryData("Eleri Davies", END, (correction,), date(2026, 4, 13),
                                                  already_paid={12: D("600.00")})))
    assert ("Corrections • Megan Ŵyn Prŷs: net pay £617.04. Already paid (the payslip this corrects): £600.00. "
            "To pay now: £17.04.") in text
