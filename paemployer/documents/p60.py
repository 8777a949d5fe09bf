"""A P60 End of Year Certificate: one PA's pay, tax and National Insurance in this employment for a tax year.

The boxes of HMRC's P60 in HMRC's order (Income Tax (PAYE) Regulations 2003 reg.67): the employee's names,
National Insurance number and works number; pay and tax in previous employment(s) (from the P45) and in this
employment, and the year's total; the final tax code; National Insurance by category letter (earnings at the
Lower Earnings Limit, above it up to the Primary Threshold, above that up to the Upper Earnings Limit, and the
employee's contributions); statutory payments included in the pay; student and postgraduate loan deductions
(whole pounds); the employer's name, address and PAYE reference, and the employer's certificate. Plain values
in, PDF bytes out, in the reader's language (DejaVu Sans, so Welsh ŵ and ŷ print), in type large enough to read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from paemployer.documents.fonts import register_fonts
from paemployer.documents.payslip import (
    LIGHT,
    MARGIN,
    WIDTH,
    Words,
    binary_streams,
    document_styles,
    figure_columns,
    money,
    numbered_canvas,
    table_style,
)
from paemployer.i18n import _, current_locale, format_date, format_decimal, set_locale
from paemployer.rules.dates import years_after
from paemployer.rules.money import ZERO
from paemployer.rules.tax_year import tax_year_of

RULE = colors.HexColor("#999999")
LABELLED = [46 * mm, 44 * mm, 46 * mm, WIDTH - 136 * mm]  # label, value, label, value
EMPLOYER = [30 * mm, WIDTH - 30 * mm - 28 * mm - 40 * mm, 28 * mm, 40 * mm]


@dataclass(frozen=True)
class P60NiLine:
    """National Insurance in this employment under one category letter, as the Full Payment Submissions gave it."""

    letter: str                        # "A"
    earnings_at_lel: Decimal           # earnings at the Lower Earnings Limit (where earnings reach it)
    earnings_lel_to_pt: Decimal        # above the LEL, up to and including the Primary Threshold
    earnings_pt_to_uel: Decimal        # above the PT, up to and including the Upper Earnings Limit
    employee_contributions: Decimal    # the employee's contributions due on all earnings above the PT


@dataclass(frozen=True)
class P60Data:
    """What one P60 certifies: plain values, figures for the whole tax year."""

    surname: str
    forenames: str
    ni_number: str                     # "" when not known
    tax_year: str                      # "2026-27"
    tax_code: str                      # the final tax code as used, e.g. "S1257L" (no W1/M1 suffix)
    week1_month1: bool
    pay_in_previous_employments: Decimal   # from the P45(s); zero when none
    tax_in_previous_employments: Decimal
    pay_in_this_employment: Decimal
    tax_in_this_employment: Decimal        # negative: more refunded than taken (marked R, as HMRC's form does)
    ni_lines: tuple[P60NiLine, ...]
    employer_name: str
    employer_address: str              # lines separated by newlines
    paye_reference: str                # "123/AB45678"
    works_number: str = ""             # the PA's works or payroll number, if the employer uses one
    smp: Decimal = ZERO                # statutory payments included in the pay in this employment
    spp: Decimal = ZERO
    sap: Decimal = ZERO
    shpp: Decimal = ZERO
    spbp: Decimal = ZERO
    student_loan: Decimal = ZERO       # deductions in this employment: whole pounds
    postgraduate_loan: Decimal = ZERO

    def __post_init__(self) -> None:
        tax_year_of(self.tax_year)  # a label that is not a tax year is refused here, in plain words

    @property
    def total_pay(self) -> Decimal:
        return self.pay_in_previous_employments + self.pay_in_this_employment

    @property
    def total_tax(self) -> Decimal:
        return self.tax_in_previous_employments + self.tax_in_this_employment

    @property
    def full_name(self) -> str:
        return " ".join(part.strip() for part in (self.forenames, self.surname) if part.strip())


def tax_year_words(tax_year: str) -> str:
    """'6 April 2026 to 5 April 2027'."""
    start = tax_year_of(tax_year)
    end = years_after(start, 1) - timedelta(days=1)  # 5 April
    return _("{start} to {end}").format(start=format_date(start, format="long"), end=format_date(end, format="long"))


def tax_figure(amount: Decimal) -> str:
    """Tax deducted; a refund (negative) as HMRC's P60 marks it: the amount and 'R'."""
    if amount < ZERO:
        return money(-amount) + " " + _("R")
    return money(amount)


def whole_pounds(amount: Decimal) -> str:
    """'£1,234' for the boxes HMRC asks in whole pounds; an amount with pence keeps them rather than lose them."""
    if amount != amount.to_integral_value():
        return money(amount)
    return ("-" if amount < ZERO else "") + "£" + format_decimal(abs(amount), places=0)


def tax_code_words(data: P60Data) -> str:
    code = data.tax_code.strip() or "–"
    return code + (", " + _("Week 1/Month 1") if data.week1_month1 else "")


# --- drawing ----------------------------------------------------------------------------------------------


def _styles():
    styles = dict(document_styles())
    base = styles["heading"]
    styles["heading"] = base.clone("p60_heading", fontSize=14, leading=18, spaceBefore=3 * mm, spaceAfter=1.2 * mm)
    styles["tax_year"] = base.clone("p60_tax_year", fontSize=14, leading=18, spaceBefore=1 * mm, spaceAfter=0)
    styles["label"] = styles["cell"].clone("p60_label", fontSize=11, leading=13.5)
    styles["value_right"] = styles["value"].clone("p60_value_right", alignment=TA_RIGHT)
    styles["small_plain"] = styles["plain"].clone("p60_small_plain", fontSize=10.5, leading=13)
    styles["column_head"] = styles["head"].clone("p60_column_head", fontSize=10, leading=12)
    styles["column_head_right"] = styles["head_right"].clone("p60_column_head_right", fontSize=10, leading=12)
    return styles


def _labelled_rows(rows: list[list[tuple[str, object]]], styles, *, widths: list[float]) -> Table:
    """A box of labelled values: each row one or more (label, value) pairs, the label shaded, the value in bold
    beside it (a value that is a flowable is put in as it is). A row of fewer pairs spans its last value."""
    cells, commands = [], []
    columns = len(widths)
    for number, pairs in enumerate(rows):
        row: list = []
        for label, value in pairs:
            commands.append(("BACKGROUND", (len(row), number), (len(row), number), LIGHT))
            row += [Words(label, styles["label"]), value if not isinstance(value, str) else Words(value, styles["value"])]
        if len(row) < columns:
            commands.append(("SPAN", (len(row) - 1, number), (-1, number)))
            row += [""] * (columns - len(row))
        cells.append(row)
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 1, colors.black),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
        *commands,
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.1 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3 * mm),
    ]))
    return table


def _figures_box(heading: str, rows: list[tuple[str, str]], styles, *, width: float,
                 figure_width: float = 30 * mm) -> Table:
    """A headed box of items and their figures (right-aligned), with no total."""
    cells = [[Words(heading, styles["head"]), ""]]
    cells += [[Words(words, styles["cell"]), figure] for words, figure in rows]
    table = Table(cells, colWidths=[width - figure_width, figure_width], hAlign="LEFT")
    table.setStyle(table_style([
        ("SPAN", (0, 0), (-1, 0)),
        ("BOX", (0, 0), (-1, -1), 1, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 0.9 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.1 * mm),
        *figure_columns(1, bold_last_row=False),
    ]))
    return table


def _employee(data: P60Data, styles) -> list:
    rows = [
        [(_("Surname"), data.surname.strip() or "–")],
        [(_("Forenames"), data.forenames.strip() or "–")],
        [(_("National Insurance number"), data.ni_number.strip().replace(" ", "\u00a0") or "–"),
         (_("Works or payroll number"), data.works_number.strip() or "–")],
    ]
    return [Words(_("Employee's details"), styles["heading"]), _labelled_rows(rows, styles, widths=LABELLED)]


def _pay_and_tax(data: P60Data, styles) -> list:
    figure = 42 * mm
    rows = [
        [Words(_("Pay and Income Tax details"), styles["head"]), Words(_("Pay"), styles["head_right"]),
         Words(_("Tax deducted"), styles["head_right"])],
        [Words(_("In previous employment(s)"), styles["cell"]), money(data.pay_in_previous_employments),
         tax_figure(data.tax_in_previous_employments)],
        [Words(_("In this employment"), styles["cell"]), money(data.pay_in_this_employment),
         tax_figure(data.tax_in_this_employment)],
        [Words(_("Total for year"), styles["cell_bold"]), money(data.total_pay), tax_figure(data.total_tax)],
        [Words(_("Final tax code"), styles["cell_bold"]), Words(tax_code_words(data), styles["value_right"]), ""],
    ]
    table = Table(rows, colWidths=[WIDTH - 2 * figure, figure, figure], hAlign="LEFT")
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, 2), 0.3, RULE),
        ("LINEABOVE", (0, 3), (-1, 3), 1.2, colors.black),
        ("FONTNAME", (0, 3), (-1, 3), register_fonts()[1]),
        ("LINEABOVE", (0, 4), (-1, 4), 1.2, colors.black),
        ("SPAN", (1, 4), (2, 4)),
        ("TOPPADDING", (0, 0), (-1, -1), 1.1 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3 * mm),
        *figure_columns(1, bold_last_row=False),
    ]))
    # The table's own heading row names the section: no heading above it, so the P60 fits on one page.
    story = [Spacer(1, 4 * mm), table]
    refunds = (data.tax_in_previous_employments, data.tax_in_this_employment, data.total_tax)
    if any(amount < ZERO for amount in refunds):
        story.append(Words(_("R: a refund (more tax was given back than taken)."), styles["small"]))
    return story


def _national_insurance(data: P60Data, styles) -> list:
    letter_width = 24 * mm
    figure = (WIDTH - letter_width) / 4
    rows = [[
        Paragraph(escape(_("Category letter")), styles["column_head"]),
        Paragraph(escape(_("Earnings at the Lower Earnings Limit (LEL), where earnings reach it")),
                  styles["column_head_right"]),
        Paragraph(escape(_("Earnings above the LEL, up to and including the Primary Threshold (PT)")),
                  styles["column_head_right"]),
        Paragraph(escape(_("Earnings above the PT, up to and including the Upper Earnings Limit (UEL)")),
                  styles["column_head_right"]),
        Paragraph(escape(_("Employee's contributions due on all earnings above the PT")), styles["column_head_right"]),
    ]]
    for line in data.ni_lines:
        rows.append([line.letter, money(line.earnings_at_lel), money(line.earnings_lel_to_pt),
                     money(line.earnings_pt_to_uel), money(line.employee_contributions)])
    commands: list = [
        ("BOX", (0, 0), (-1, -1), 1, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.1 * mm),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3 * mm),
        ("FONTNAME", (0, 1), (0, -1), register_fonts()[1]),
        *figure_columns(1, bold_last_row=False),
    ]
    if not data.ni_lines:
        rows.append([Words(_("No National Insurance earnings in this employment."), styles["cell"]), "", "", "", ""])
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(rows, colWidths=[letter_width] + [figure] * 4, hAlign="LEFT")
    table.setStyle(table_style(commands))
    return [Words(_("National Insurance contributions in this employment"), styles["heading"]), table]


def _statutory_payments_and_loans(data: P60Data, styles) -> list:
    gap = 4 * mm
    left = WIDTH * 0.6
    right = WIDTH - left - gap
    statutory = _figures_box(_("Statutory payments included in the pay 'In this employment' above"), [
        (_("Statutory Maternity Pay"), money(data.smp)),
        (_("Statutory Paternity Pay"), money(data.spp)),
        (_("Statutory Adoption Pay"), money(data.sap)),
        (_("Statutory Shared Parental Pay"), money(data.shpp)),
        (_("Statutory Parental Bereavement Pay"), money(data.spbp)),
    ], styles, width=left)
    loans = _figures_box(_("Other details: deductions in this employment"), [
        (_("Student loan (whole pounds only)"), whole_pounds(data.student_loan)),
        (_("Postgraduate loan (whole pounds only)"), whole_pounds(data.postgraduate_loan)),
    ], styles, width=right, figure_width=24 * mm)
    # Side by side: both are short lists, and the P60 then fits on one page.
    pair = Table([[statutory, "", loans]], colWidths=[left, gap, right], hAlign="LEFT")
    pair.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return [Spacer(1, 3 * mm), pair]


def _employer(data: P60Data, styles) -> list:
    address = ", ".join(line.strip() for line in data.employer_address.splitlines() if line.strip())
    name_and_address = [Words(data.employer_name.strip() or "–", styles["value"])]
    if address:
        name_and_address.append(Words(address, styles["plain"]))
    rows = [[(_("Employer's name and address"), name_and_address),
             (_("Employer PAYE reference"), data.paye_reference.strip() or "–")]]
    certificate = Paragraph(
        "<b>" + escape(_("Certificate by employer:")) + "</b> " + escape(_(
            "This form shows your total pay for Income Tax purposes in this employment for the year. Any overtime, "
            "bonus, commission, Statutory Sick Pay, Statutory Maternity Pay, Statutory Paternity Pay, Statutory "
            "Adoption Pay, Statutory Shared Parental Pay or Statutory Parental Bereavement Pay is included.")),
        styles["small_plain"])
    return [KeepTogether([Spacer(1, 3 * mm), _labelled_rows(rows, styles, widths=EMPLOYER),
                          Spacer(1, 2 * mm), certificate])]


def _to_the_employee(styles) -> Table:
    words = ("<b>" + escape(_("To the employee:")) + "</b> " + escape(_(
        "Keep this certificate in a safe place as you will need it if you have to fill in a tax return. You can "
        "also use it to check that your employer is using the correct National Insurance number and deducting the "
        "right rate of National Insurance contributions.")) + " " + escape(_(
            "By law you are required to tell HM Revenue and Customs about any income that is not fully taxed, even "
            "if you are not sent a tax return.")))
    box = Table([[Paragraph(words, styles["small_plain"])]], colWidths=[WIDTH], hAlign="LEFT")
    box.setStyle(table_style([("BOX", (0, 0), (-1, -1), 1, colors.black),
                              ("TOPPADDING", (0, 0), (-1, -1), 1.8 * mm),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2 * mm)]))
    return box


def p60_story(data: P60Data) -> list:
    """The P60 as flowables, in the current language."""
    styles = _styles()
    story: list = [
        Words(_("P60 End of Year Certificate"), styles["title"]),
        Words(_("Tax year: {years}").format(years=tax_year_words(data.tax_year)), styles["tax_year"]),
        Spacer(1, 2 * mm),
        _to_the_employee(styles),
    ]
    story += _employee(data, styles)
    story.append(KeepTogether(_pay_and_tax(data, styles)))
    story.append(KeepTogether(_national_insurance(data, styles)))
    story += _statutory_payments_and_loans(data, styles)
    story += _employer(data, styles)
    return story


def p60_pdf(data: P60Data, *, locale: str = "en_GB") -> bytes:
    """One PA's P60 as PDF bytes (A4 portrait), in `locale` ('en_GB' or 'cy'); the language in use before is put
    back afterwards."""
    before = current_locale()
    set_locale(locale)
    try:
        name = data.full_name or "–"
        years = tax_year_words(data.tax_year)
        title = _("P60 End of Year Certificate for {name}, tax year {years}").format(name=name, years=years)
        footer = _("P60 for {name}, tax year {years}").format(name=name, years=years)
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=10 * mm,
                                bottomMargin=14 * mm, invariant=1, title=title,
                                author=data.employer_name.strip() or "PA Employer", creator="PA Employer",
                                subject=_("P60 End of Year Certificate"),
                                lang="cy" if current_locale() == "cy" else "en-GB", displayDocTitle=True,
                                initialFontName=register_fonts()[0])
        with binary_streams():
            doc.build(p60_story(data), canvasmaker=numbered_canvas(footer))
        return buffer.getvalue()
    finally:
        set_locale(before)
