"""The P60 PDF: every box of HMRC's End of Year Certificate and its figure, long names and large figures neither
clipped nor overlapping, Welsh without a missing letter, one page for an ordinary year."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal as D

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from test_payslip_layout import assert_nothing_clipped, text_boxes

from paemployer.documents.fonts import register_fonts
from paemployer.documents.p60 import P60Data, P60NiLine, p60_pdf, whole_pounds
from paemployer.i18n import current_locale, set_locale

SURNAME_40 = "Prydderch-Llewellyn-Ŷstwyth-Fychan-Ŵynne"
FORENAMES_40 = "Gwenllian Angharad Ŵynne Elisabeth Mairi"


def sample(**changes) -> P60Data:
    data = P60Data(
        surname="Prŷs", forenames="Megan Ŵyn", ni_number="QQ 12 34 56 C", tax_year="2026-27",
        tax_code="C1257L", week1_month1=True,
        pay_in_previous_employments=D("4321.00"), tax_in_previous_employments=D("210.40"),
        pay_in_this_employment=D("18765.43"), tax_in_this_employment=D("1234.56"),
        ni_lines=(P60NiLine("A", D("6500.00"), D("6070.00"), D("6195.43"), D("495.63")),
                  P60NiLine("C", D("125.00"), D("0.00"), D("0.00"), D("0.00"))),
        employer_name="Eleri Davies", employer_address="Tŷ'r Ŵyn\n12 Heol y Dŵr\nAberystwyth\nSY23 1AA",
        paye_reference="123/AB45678", works_number="PA-7",
        smp=D("1234.56"), spp=D("210.00"), sap=D("0.00"), shpp=D("45.67"), spbp=D("0.00"),
        student_loan=D("312"), postgraduate_loan=D("48"))
    return replace(data, **changes)


def largest() -> P60Data:
    big = D("99999.99")
    return sample(surname=SURNAME_40, forenames=FORENAMES_40, pay_in_previous_employments=big,
                  tax_in_previous_employments=big, pay_in_this_employment=big, tax_in_this_employment=big,
                  ni_lines=(P60NiLine("A", big, big, big, big), P60NiLine("M", big, big, big, big)),
                  smp=big, spp=big, sap=big, shpp=big, spbp=big, student_loan=D("99999"),
                  postgraduate_loan=D("99999"), employer_name="Gwenhwyfar Ŵyn Llewellyn-Prydderch ap Dafydd",
                  works_number="PAYROLL-0000000001")


def pages(data: bytes):
    return PdfReader(io.BytesIO(data)).pages


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pages(data))


def test_every_box_of_the_certificate_is_there_with_its_figure_in_hmrcs_order():
    text = text_of(p60_pdf(sample()))
    expected = [
        "P60 End of Year Certificate", "Tax year: 6 April 2026 to 5 April 2027",
        ("To the employee: Keep this certificate in a safe place as you will need it if you have to fill in a tax "
         "return. You can also use it to check that your employer is using the correct National Insurance number "
         "and deducting the right rate of National Insurance contributions."),
        "Employee's details", "Surname Prŷs", "Forenames Megan Ŵyn", "National Insurance number QQ 12 34 56 C",
        "Works or payroll number PA-7",
        "Pay and Income Tax details Pay Tax deducted",
        "In previous employment(s) £4,321.00 £210.40",
        "In this employment £18,765.43 £1,234.56",
        "Total for year £23,086.43 £1,444.96",
        "Final tax code C1257L, Week 1/Month 1",
        "National Insurance contributions in this employment",
        "Earnings at the Lower Earnings Limit (LEL)",
        "Earnings above the LEL, up to and including the Primary Threshold (PT)",
        "Earnings above the PT, up to and including the Upper Earnings Limit (UEL)",
        "Employee's contributions due on all earnings above the PT",
        "A £6,500.00 £6,070.00 £6,195.43 £495.63",
        "C £125.00 £0.00 £0.00 £0.00",
        "Statutory payments included in the pay 'In this employment' above",
        "Statutory Maternity Pay £1,234.56", "Statutory Paternity Pay £210.00", "Statutory Adoption Pay £0.00",
        "Statutory Shared Parental Pay £45.67", "Statutory Parental Bereavement Pay £0.00",
        "Student loan (whole pounds only) £312", "Postgraduate loan (whole pounds only) £48",
        "Employer's name and address Eleri Davies Tŷ'r Ŵyn, 12 Heol y Dŵr, Aberystwyth, SY23 1AA",
        "Employer PAYE reference 123/AB45678",
        ("Certificate by employer: This form shows your total pay for Income Tax purposes in this employment for "
         "the year."),
        "Page 1 of 1",
    ]
    at = 0
    for words in expected:
        found = text.find(words, at)
        assert found >= 0, f"{words!r} missing or out of order"
        at = found + len(words)


def test_the_totals_for_the_year_add_previous_and_this_employment():
    data = sample()
    assert data.total_pay == D("23086.43")
    assert data.total_tax == D("1444.96")


def test_a_cumulative_code_has_no_week1_month1():
    text = text_of(p60_pdf(sample(tax_code="1257L", week1_month1=False)))
    assert "Final tax code 1257L" in text
    assert "Week 1/Month 1" not in text


def test_a_refund_is_marked_r_and_said_in_words():
    text = text_of(p60_pdf(sample(tax_in_this_employment=D("-120.00"), tax_in_previous_employments=D("0"))))
    assert "In this employment £18,765.43 £120.00 R" in text
    assert "Total for year £23,086.43 £120.00 R" in text
    assert "R: a refund (more tax was given back than taken)." in text
    assert " R:" not in text_of(p60_pdf(sample()))


def test_no_previous_employment_shows_noughts_and_no_national_insurance_says_so():
    text = text_of(p60_pdf(sample(pay_in_previous_employments=D("0"), tax_in_previous_employments=D("0"),
                                  ni_lines=())))
    assert "In previous employment(s) £0.00 £0.00" in text
    assert "Total for year £18,765.43 £1,234.56" in text
    assert "No National Insurance earnings in this employment." in text


def test_missing_numbers_show_a_dash_rather_than_an_empty_box():
    text = text_of(p60_pdf(sample(ni_number="", works_number="")))
    assert "National Insurance number – Works or payroll number –" in text


def test_loans_are_in_whole_pounds_and_pence_are_never_dropped():
    assert whole_pounds(D("1234")) == "£1,234"
    assert whole_pounds(D("0")) == "£0"
    assert whole_pounds(D("12.50")) == "£12.50"


def test_a_tax_year_that_is_not_one_is_refused_in_plain_words():
    with pytest.raises(ValueError, match="is not a tax year"):
        sample(tax_year="2026-28")


def test_the_document_says_what_it_is_and_whose():
    reader = PdfReader(io.BytesIO(p60_pdf(sample())))
    info = reader.metadata
    assert info.title == "P60 End of Year Certificate for Megan Ŵyn Prŷs, tax year 6 April 2026 to 5 April 2027"
    assert info.author == "Eleri Davies"
    assert info.subject == "P60 End of Year Certificate"
    assert str(reader.trailer["/Root"]["/Lang"]) == "en-GB"


def test_an_ordinary_year_is_one_a4_portrait_page_in_large_type():
    data = p60_pdf(sample())
    assert len(pages(data)) == 1
    box = pages(data)[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    boxes = text_boxes(data)
    footer = min(box[2] for box in boxes)  # the footer line is the lowest text, in small type
    body = [box for box in boxes if box[2] > footer + 5]
    heights = {round((top - bottom) / 0.92, 1) for _text, _left, bottom, _right, top, _page in body}
    assert min(heights) >= 10, heights  # every word of the certificate at 10 points or more


def test_forty_letter_names_and_the_largest_figures_are_neither_clipped_nor_overlapping():
    assert len(SURNAME_40) == len(FORENAMES_40) == 40
    data = p60_pdf(largest())
    assert_nothing_clipped(data)
    pieces = [box[0] for box in text_boxes(data)]
    # Each name is one unbroken piece of text, as wide as it needs.
    assert SURNAME_40 in pieces and FORENAMES_40 in pieces
    bold = register_fonts()[1]
    assert pdfmetrics.stringWidth(SURNAME_40, bold, 12.5) < 125 * 72 / 25.4  # the value column's width
    text = text_of(data)
    assert text.count("£99,999.99") == 4 + 8 + 5  # pay and tax, NI by two letters, statutory payments
    assert "£199,999.98" in text and "£99,999" in text


def test_welsh_renders_every_letter_in_the_embedded_font_and_puts_the_language_back():
    data = p60_pdf(largest(), locale="cy_GB")
    assert current_locale() == "en_GB"  # the language in use before
    text = text_of(data)
    assert "Ebrill" in text  # April, in Welsh
    assert SURNAME_40 in text and "Tŷ'r Ŵyn" in text
    fonts = {str(font.get_object()["/BaseFont"]) for page in pages(data)
             for font in page["/Resources"]["/Font"].values()}
    assert all("DejaVuSans" in name for name in fonts), fonts
    regular, bold = register_fonts()
    for name in (regular, bold):
        glyphs = pdfmetrics.getFont(name).face.charToGlyph
        missing = {letter for letter in text if not letter.isspace() and ord(letter) not in glyphs}
        assert not missing, missing
    assert_nothing_clipped(data)
    assert_nothing_clipped(p60_pdf(sample(), locale="cy"))


def test_the_same_certificate_gives_the_same_bytes_whatever_the_language_before():
    first = p60_pdf(sample())
    set_locale("cy")
    assert p60_pdf(sample()) == first
    assert current_locale() == "cy"
