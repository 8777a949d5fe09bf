"""The payslip PDF: everything ERA 1996 s.8 asks for is on it, the hours paid show, a draft says so."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from pypdf import PdfReader

from paemployer.documents.payslip import PayslipData, payslip_pdf
from paemployer.i18n import set_locale
from paemployer.rules.pay import (
    Deductions,
    LineKind,
    MinimumWageResult,
    PayLine,
    PayPeriod,
    PayRun,
    RunSource,
    RunStatus,
)

LONG_NAME = "Gwenllian Angharad Ŵynne Prydderch-Llewellyn ap Dafydd ab Ifan Ŷstwyth-Fychan"


def sample_run(*, pa_name: str = "Megan Ŵyn Prŷs", status: RunStatus = RunStatus.FINALISED, **changes) -> PayRun:
    period = PayPeriod(date(2026, 4, 6), date(2026, 4, 12), date(2026, 4, 17), "weekly")
    lines = (
        PayLine(LineKind.HOURS, "Hours at the standard rate", D("381.30"), hours=D("30"), rate=D("12.71"),
                basis="6 shifts, 6 to 10 April"),
        PayLine(LineKind.WEEKEND, "Weekend hours", D("112.00"), hours=D("8"), rate=D("14.00")),
        PayLine(LineKind.SLEEP_IN, "2 sleep-ins at £50.00", D("100.00")),
        PayLine(LineKind.SLEEP_IN_WOKEN, "Time woken on sleep-ins", D("19.07"), hours=D("1.5"), rate=D("12.71")),
        PayLine(LineKind.ROLLED_UP_HOLIDAY_PAY, "Rolled-up holiday pay: 12.07% of £612.37", D("73.91")),
        PayLine(LineKind.EXPENSE, "Bus fares", D("8.40"), added_by_user=True),
    )
    deductions = Deductions(tax=D("42.20"), employee_ni=D("18.44"), employee_pension=D("12.00"),
                            other=D("5.00"), other_description="Repaying the advance agreed on 1 March",
                            employer_ni=D("3.10"), employer_pension=D("7.20"))
    minimum_wage = MinimumWageResult("21_and_over", D("12.71"), D("39.5"), D("612.37"), D("502.05"), D("0"))
    run = PayRun(7, pa_name, period, lines, deductions, minimum_wage, status=status,
                 notes=("2 planned shifts not yet confirmed as worked",))
    return replace(run, **changes)


def payslip(run: PayRun, **data) -> bytes:
    defaults = dict(employer_name="Eleri Davies", employer_address="12 Heol y Dŵr\nAberystwyth SY23 1AA",
                    ni_number="QQ 12 34 56 C", frequency_label="Weekly")
    return payslip_pdf(PayslipData(run, **{**defaults, **data}))


def pages(data: bytes):
    return PdfReader(io.BytesIO(data)).pages


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pages(data))


def test_the_payslip_itemises_gross_each_deduction_and_net_with_names_period_and_pay_date():
    text = text_of(payslip(sample_run()))
    for expected in (
        "Payslip", "Eleri Davies", "12 Heol y Dŵr, Aberystwyth SY23 1AA",      # the employer
        "Megan Ŵyn Prŷs", "National Insurance number: QQ 12 34 56 C",          # the PA
        "6 April 2026 to 12 April 2026", "Pay date", "17 April 2026", "How often paid: Weekly",
        "Hours at the standard rate", "£381.30", "Weekend hours", "£112.00", "2 sleep-ins at £50.00", "£100.00",
        "Bus fares", "£8.40",
        "Gross pay (before deductions)", "£694.68",
        "Income tax (PAYE) £42.20", "National Insurance (your contribution) £18.44",
        "Workplace pension (your contribution) £12.00", "Other: Repaying the advance agreed on 1 March £5.00",
        "Total taken from pay £77.64",
        "Net pay (what you receive) £617.04",
        "Page 1 of 1",
    ):
        assert expected in text, expected


def test_hours_and_rates_show_wherever_pay_varies_with_the_hours():
    text = text_of(payslip(sample_run()))
    assert "What for Hours Rate Amount" in text
    assert "30 £12.71 £381.30" in text
    assert "8 £14.00 £112.00" in text
    assert "1.5 £12.71 £19.07" in text
    # The hours paid in all: the time lines, not the sleep-in allowance or the rolled-up holiday pay.
    assert "Gross pay (before deductions) 39.5 £694.68" in text


def test_rolled_up_holiday_pay_is_a_line_of_its_own_saying_what_it_is():
    text = text_of(payslip(sample_run()))
    line = text[text.index("Rolled-up holiday pay: 12.07% of £612.37"):text.index("Bus fares")]
    assert "Holiday pay paid with each payslip (rolled up), not pay for work." in line
    assert "£73.91" in line


def test_the_employers_costs_are_in_a_box_of_their_own_marked_as_not_taken_from_pay():
    text = text_of(payslip(sample_run()))
    assert "Paid by your employer on top of your pay — not taken from your pay" in text
    assert "Employer's National Insurance £3.10" in text
    assert "Employer's pension contribution £7.20" in text
    assert "Cost of this pay to your employer (gross pay and these) £704.98" in text
    # Not counted in what was taken from pay.
    assert "Total taken from pay £77.64" in text


def test_the_minimum_wage_check_of_the_period_is_on_the_payslip():
    text = text_of(payslip(sample_run()))
    assert ("Minimum wage: met. 39.5 hours counted, with pay that counts of £612.37. Minimum for this pay period: "
            "£12.71 an hour, so at least £502.05 (aged 21 and over).") in text


def test_a_shortfall_and_earlier_arrears_are_said_in_pounds():
    short = MinimumWageResult("18_to_20", D("10.00"), D("40"), D("380.00"), D("400.00"), D("20.00"),
                              earlier_arrears=D("12.34"), note="No date of birth is recorded.")
    text = text_of(payslip(sample_run(minimum_wage=short)))
    assert "Minimum wage: short by £20.00." in text
    assert "Minimum for this pay period: £10.00 an hour, so at least £400.00 (aged 18 to 20)." in text
    assert "Still owed from earlier pay periods, at today's rate: £12.34." in text
    assert "No date of birth is recorded." in text


def test_a_pa_not_entitled_to_the_minimum_wage_is_told_so():
    under = MinimumWageResult("under_16", None, D("10"), D("80.00"), D("0"), D("0"), note="Under school leaving age.")
    text = text_of(payslip(sample_run(minimum_wage=under)))
    assert "Minimum wage: not due for this pay period (under school leaving age)." in text


def test_where_the_deduction_figures_came_from_is_said():
    for source, words in (("typed", "typed by the employer"), ("imported", "from your payroll service"),
                          ("computed", "worked out by PA Employer")):
        run = sample_run()
        run = replace(run, deductions=replace(run.deductions, source=source))
        assert f"Where these figures came from: {words}." in text_of(payslip(run)), source


def test_no_deductions_typed_is_said_as_nothing_entered_not_as_figures_typed():
    run = sample_run()
    run = replace(run, deductions=Deductions())
    text = text_of(payslip(run))
    assert "No tax, National Insurance or pension was entered for this pay" in text
    assert "Where these figures came from" not in text


def test_a_draft_is_marked_in_its_heading_and_across_every_page():
    text = text_of(payslip(sample_run(status=RunStatus.DRAFT)))
    assert text.count("DRAFT — not yet paid") >= 2  # the heading and the watermark
    assert "Notes for the employer before paying" in text
    assert "2 planned shifts not yet confirmed as worked" in text


def test_an_approved_run_is_not_yet_paid_either():
    assert "APPROVED — not yet paid" in text_of(payslip(sample_run(status=RunStatus.APPROVED)))


def test_a_finalised_payslip_carries_no_draft_marks_or_employer_notes():
    text = text_of(payslip(sample_run()))
    assert "not yet paid" not in text
    assert "planned shifts" not in text


def test_a_correction_says_it_corrects_an_earlier_payslip():
    assert "This payslip corrects one issued earlier for the same period." in text_of(
        payslip(sample_run(corrects_run_id=3)))


def test_an_imported_payslip_without_lines_shows_the_services_gross_hours_and_net():
    run = sample_run(lines=(), source=RunSource.IMPORTED, imported_gross=D("450.00"), imported_net=D("400.00"),
                     imported_hours=D("35.25"))
    run = replace(run, deductions=Deductions(tax=D("30.00"), employee_ni=D("20.00"), source="imported"))
    text = text_of(payslip(run))
    assert "Gross pay as your payroll service worked it out 35.25 £450.00" in text
    assert "Gross pay (before deductions) 35.25 £450.00" in text
    assert "Net pay (what you receive) £400.00" in text
    assert "Where these figures came from: from your payroll service." in text
    assert "The figures on this payslip are your payroll service's." in text


def test_an_imported_net_that_does_not_add_up_is_pointed_out():
    run = sample_run(lines=(), source=RunSource.IMPORTED, imported_gross=D("450.00"), imported_net=D("390.00"))
    run = replace(run, deductions=Deductions(tax=D("30.00"), employee_ni=D("20.00"), source="imported"))
    assert ("Your payroll service's net pay differs from gross pay less these deductions by -£10.00."
            in text_of(payslip(run)))


def test_no_ni_number_leaves_the_line_out():
    assert "National Insurance number" not in text_of(payslip(sample_run(), ni_number=""))


def test_a_welsh_payslip_prints_welsh_letters_and_dates():
    set_locale("cy")
    data = payslip(sample_run(), employer_address="Tŷ Ŵyn, Ffordd y Dŵr")
    text = text_of(data)
    assert "Megan Ŵyn Prŷs" in text and "Tŷ Ŵyn, Ffordd y Dŵr" in text
    assert "Ebrill" in text  # April, in Welsh
    fonts = {str(font["/BaseFont"]) for page in pages(data)
             for font in page["/Resources"]["/Font"].values()
             for font in [font.get_object()]}
    assert all("DejaVuSans" in name for name in fonts), fonts  # the embedded font that has ŵ and ŷ


def test_many_lines_run_onto_numbered_pages():
    lines = tuple(PayLine(LineKind.BONUS, f"Bonus {n}", D("1.00")) for n in range(60))
    data = payslip(sample_run(lines=lines))
    assert len(pages(data)) >= 2
    text = text_of(data)
    assert "Page 1 of " in text and "Bonus 59" in text and "£60.00" in text
    assert text.count("What for Hours Rate Amount") >= 2  # the heading row repeats


def test_the_same_payslip_gives_the_same_bytes():
    assert payslip(sample_run()) == payslip(sample_run())


def test_a_corrections_payslip_says_what_was_paid_already_and_what_is_paid_now():
    run = sample_run(corrects_run_id=3)  # net £617.04
    text = text_of(payslip(run, already_paid=D("500.00")))
    assert "Net pay (what you receive) £617.04 Already paid (the payslip this corrects) £500.00 To pay now £117.04" \
        in text
    text = text_of(payslip(run, already_paid=D("700.00")))
    assert "Overpaid, so nothing to pay now: your employer may take it back from later pay, and should agree with you how £82.96" in text
    assert "To pay now" not in text and "Already paid" not in text_of(payslip(run))
