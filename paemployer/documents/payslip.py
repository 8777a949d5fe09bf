"""A payslip: one PA's pay for one pay period, itemised as the Employment Rights Act 1996 s.8 asks.

Gross pay and each line of it (with the hours paid and the rate wherever pay varies with the time
worked; rolled-up holiday pay on its own line), each deduction and what it is for, where the
deduction figures came from, net pay, and, in a box of their own, the employer's costs that are not
taken from pay. The period, the pay date, how often the PA is paid and the minimum-wage check of the
pay reference period are on it too; where the deductions were worked out here, the tax code, National
Insurance letter and tax period, and taxable pay, tax, National Insurance and pension for the tax year
so far. A payslip not yet final says so in its heading and across every page. Takes plain values (a
rules.pay.PayRun and the names), returns PDF bytes; every word through _() in the reader's language, in
DejaVu Sans so Welsh ŵ and ŷ print.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import escape

from babel import Locale
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from paemployer.documents.fonts import register_fonts
from paemployer.i18n import _, current_locale, format_date, format_decimal, format_money, hours_text, plain_number
from paemployer.rules.money import PENNY, ZERO
from paemployer.rules.pay import LineKind, PayLine, PayRun, RunSource, RunStatus

MARGIN = 15 * mm
GREY = colors.HexColor("#444444")
LIGHT = colors.HexColor("#EEEEEE")


@dataclass(frozen=True)
class PayslipData:
    """What one payslip shows: the run and the names and address around it."""

    run: PayRun
    employer_name: str
    employer_address: str = ""
    pa_name: str = ""        # as paid; the run's own name when empty
    ni_number: str = ""
    frequency_label: str = ""  # 'Weekly' (labels.py, given by the service); the stored value when empty
    already_paid: Decimal | None = None  # a correction: the net pay of the payslip it corrects (already paid)
    tax_details: PayslipTaxDetails | None = None  # None: figures typed or imported (no working to show)


@dataclass(frozen=True)
class PayslipTaxDetails:
    """The tax and National Insurance working behind a payslip's deductions, and the tax year so far."""

    tax_code: str                 # as used, e.g. "1257L", "S1257L"
    week1_month1: bool
    ni_category: str              # "A"
    tax_period: int | None        # tax week or month number of the pay date
    period_kind: str              # "week" | "month"
    taxable_pay: Decimal          # this period
    taxable_pay_to_date: Decimal  # this employment (+ P45 previous pay if cumulative), after this payment
    tax_to_date: Decimal
    employee_ni_to_date: Decimal
    employee_pension_to_date: Decimal
    student_loan: Decimal         # this period (whole pounds)
    postgraduate_loan: Decimal
    pension_relief: str           # "relief_at_source" | "net_pay" | "" (not in a scheme)


# --- words and figures shared with the pay summary ----------------------------------------------------------


@lru_cache(maxsize=None)
def _currency_pattern(locale: str):
    parsed = Locale.parse(locale)
    return parsed, parsed.currency_formats["standard"]


def money(amount: Decimal) -> str:
    """'£1,234.56' in the reader's locale: what i18n.format_money writes, with the locale's pattern looked up
    once rather than for every figure (a year of payslips has some ten thousand)."""
    if not isinstance(amount, Decimal):
        raise TypeError("money must be a Decimal")
    locale, pattern = _currency_pattern(current_locale())
    return pattern.apply(amount, locale, currency="GBP", currency_digits=True)


def rate_text(rate: Decimal) -> str:
    """An hourly rate: '£12.71', or every place it has when it has more than two ('£12.715')."""
    if rate == rate.quantize(PENNY):
        return format_money(rate)
    return "£" + format_decimal(rate.normalize())


def hours_figure(hours: Decimal) -> str:
    """'37.5': hours as a plain number (the column heading says they are hours)."""
    return plain_number(hours)


def status_words(run: PayRun) -> str:
    words = {
        RunStatus.DRAFT: _("Draft"),
        RunStatus.APPROVED: _("Approved"),
        RunStatus.FINALISED: _("Finalised"),
    }
    return words.get(run.status, str(run.status))


def not_final_heading(run: PayRun) -> str:
    """'DRAFT — not yet paid' for a run not yet finalised; empty for a final one."""
    if run.status == RunStatus.DRAFT:
        return _("DRAFT — not yet paid")
    if run.status == RunStatus.APPROVED:
        return _("APPROVED — not yet paid")
    return ""


def source_words(source: str) -> str:
    """Where the deduction figures came from."""
    words = {
        "typed": _("typed by the employer"),
        "imported": _("from your payroll service"),
        "computed": _("worked out by PA Employer"),
    }
    return words.get(source, source)


def _deductions_source_sentence(run: PayRun) -> str:
    taken = run.deductions
    nothing = ZERO == taken.total == taken.employer_ni == taken.employer_pension
    if nothing and taken.source == "typed":
        # Nothing typed is not the same as nothing due: the PA should see that no figure was entered.
        return _("No tax, National Insurance or pension was entered for this pay: if any is due, it is worked out "
                 "with HMRC's Basic PAYE Tools or by your payroll service.")
    return _("Where these figures came from: {source}.").format(source=source_words(taken.source))


def line_kind_words(kind: LineKind) -> str:
    words = {
        LineKind.HOURS: _("Hours at the standard rate"),
        LineKind.WAKING_NIGHT: _("Waking night hours"),
        LineKind.WEEKEND: _("Weekend hours"),
        LineKind.BANK_HOLIDAY: _("Bank holiday hours"),
        LineKind.SLEEP_IN: _("Sleep-in allowance"),
        LineKind.SLEEP_IN_WOKEN: _("Time woken and working on a sleep-in or on call"),
        LineKind.HOLIDAY_PAY: _("Holiday pay"),
        LineKind.ROLLED_UP_HOLIDAY_PAY: _("Rolled-up holiday pay"),
        LineKind.UNTAKEN_HOLIDAY: _("Pay for holiday not taken"),
        LineKind.SICK_PAY: _("Statutory sick pay"),
        LineKind.FAMILY_PAY: _("Statutory family pay"),
        LineKind.EXPENSE: _("Expenses paid back"),
        LineKind.BONUS: _("Bonus"),
        LineKind.BACK_PAY: _("Back pay for an earlier period"),
        LineKind.OTHER: _("Other pay"),
    }
    return words.get(kind, str(kind))


def band_words(band: str) -> str:
    """The minimum-wage band as people read it; a code the rules use is worded, anything else kept."""
    words = {
        "apprentice": _("apprentice rate"),
        "16_to_17": _("aged 16 to 17"),
        "18_to_20": _("aged 18 to 20"),
        "21_to_22": _("aged 21 to 22"),
        "21_and_over": _("aged 21 and over"),
        "23_and_over": _("aged 23 and over"),
        "25_and_over": _("aged 25 and over"),
        "under_16": _("under school leaving age"),
    }
    return words.get(band, band)


def minimum_wage_sentences(run: PayRun) -> list[str]:
    """The minimum-wage check of the pay reference period in sentences, the verdict first."""
    result = run.minimum_wage
    if result is None:
        return [_("Minimum wage: not checked for this payslip.")]
    if result.rate is None:
        sentences = [_("Minimum wage: not due for this pay period ({band}).").format(band=band_words(result.band))]
    else:
        sentences = [_("Minimum wage: met.") if result.compliant else
                     _("Minimum wage: short by {shortfall}.").format(shortfall=money(result.shortfall))]
        sentences.append(_("{hours} counted, with pay that counts of {pay}. Minimum for this pay period: {rate} an "
                           "hour, so at least {required} ({band}).").format(
            hours=hours_text(result.hours_counted), pay=money(result.pay_counted), band=band_words(result.band),
            rate=rate_text(result.rate), required=money(result.required)))
    if result.earlier_arrears > ZERO:
        sentences.append(_("Still owed from earlier pay periods, at today's rate: {arrears}.").format(
            arrears=money(result.earlier_arrears)))
    if result.note:
        sentences.append(result.note)
    return sentences


def correction_figures(run: PayRun, already_paid: Decimal, *, for_employer: bool = False) -> list[tuple[str, str]]:
    """A correction's net against what was paid already: (words, figure) rows for the payslip and the summary.
    The net on a correction is the whole period's; only the difference is paid now. Paid too much is an
    overpayment, which the law lets be taken back from later pay (ERA 1996 s.14(1)(a)), best agreed with the PA."""
    rows = [(_("Already paid (the payslip this corrects)"), money(already_paid))]
    to_pay = run.net - already_paid
    if to_pay >= ZERO:
        rows.append((_("To pay now"), money(to_pay)))
    elif for_employer:
        rows.append((_("Overpaid, so nothing to pay now: it may be taken back from later pay (Employment Rights "
                       "Act 1996 s.14); agree with the PA how"),
                     money(-to_pay)))
    else:
        rows.append((_("Overpaid, so nothing to pay now: your employer may take it back from later pay, and should "
                       "agree with you how"),
                     money(-to_pay)))
    return rows


def period_words(run: PayRun) -> str:
    return _("{start} to {end}").format(start=format_date(run.period.start, format="long"),
                                        end=format_date(run.period.end, format="long"))


def text(value: str) -> str:
    """Escape for reportlab's mini-markup and keep line breaks."""
    return "<br/>".join(escape(line) for line in value.strip().splitlines())


@contextmanager
def binary_streams():
    """Streams left binary (zlib only, not also ASCII85 text): smaller files, quicker to write. reportlab reads
    the setting while it writes the file, so it is set for the build and put back after."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def fit(words: str, font: str, size: float, room: float) -> str:
    """`words`, cut short with '…' where they would run past `room` points."""
    if pdfmetrics.stringWidth(words, font, size) <= room:
        return words
    while words and pdfmetrics.stringWidth(words + "…", font, size) > room:
        words = words[:-1]
    return words.rstrip() + "…"


def numbered_canvas(footer: str, *, margin: float = MARGIN):
    """A canvas class that writes `footer` and 'Page n of N' at the foot of every page once N is known."""
    regular, _bold = register_fonts()

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                width, _height = self._pagesize
                self.setFont(regular, 9)
                self.setFillColor(GREY)
                page = _("Page {number} of {total}").format(number=number, total=total)
                self.drawRightString(width - margin, 8 * mm, page)
                room = width - 2 * margin - self.stringWidth(page, regular, 9) - 6 * mm
                self.drawString(margin, 8 * mm, fit(footer, regular, 9, room))
                super().showPage()
            super().save()

    return NumberedCanvas


def watermark(words: str):
    """An onPage callback printing `words` faintly across the page, under everything else."""
    _regular, bold = register_fonts()

    def draw(canv, doc) -> None:
        if not words:
            return
        width, height = doc.pagesize
        canv.saveState()
        canv.setFillColor(colors.HexColor("#E2E2E2"))
        size = 64
        # Shrunk to fit the page's diagonal, whatever the language.
        room = (width ** 2 + height ** 2) ** 0.5 * 0.8
        span = canv.stringWidth(words, bold, size)
        if span > room:
            size = size * room / span
        canv.setFont(bold, size)
        canv.translate(width / 2, height / 2)
        canv.rotate(55 if height > width else 30)
        canv.drawCentredString(0, -size / 3, words)
        canv.restoreState()

    return draw


# --- the payslip ------------------------------------------------------------------------------------------


def table_style(commands: list, *, size: float = 11) -> TableStyle:
    """A table style whose cells' own font is DejaVu too (reportlab's default would embed Helvetica), with
    strings (the figures) at `size` points."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]), ("FONTSIZE", (0, 0), (-1, -1), size),
                       ("LEADING", (0, 0), (-1, -1), size * 1.25), *commands])


def ruled_table_style() -> TableStyle:
    """A headed table of items with their figures: shaded heading, a rule under each item, the total ruled off."""
    return table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, colors.HexColor("#999999")),
        ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 1.1 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3 * mm),
        *figure_columns(1),
    ])


def figure_columns(first: int, *, bold_last_row: bool = True) -> list:
    """Style commands for figure columns from `first` on: right-aligned; the totals row bold. A figure is a
    plain string in its cell: it never wraps, and a string is far quicker to draw than a Paragraph."""
    commands: list = [("ALIGN", (first, 0), (-1, -1), "RIGHT")]
    if bold_last_row:
        commands.append(("FONTNAME", (0, -1), (-1, -1), register_fonts()[1]))
    return commands


def document_styles():
    """The paragraph styles of a payslip, shared by the other documents built like it (the P60)."""
    regular, bold = register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=20, leading=24),
        "status": ParagraphStyle("status", fontName=bold, fontSize=15, leading=19, textColor=colors.white),
        "label": ParagraphStyle("label", fontName=regular, fontSize=10, leading=12.5, textColor=GREY),
        "value": ParagraphStyle("value", fontName=bold, fontSize=12.5, leading=15.5),
        "plain": ParagraphStyle("plain", fontName=regular, fontSize=11.5, leading=14.5),
        "heading": ParagraphStyle("heading", fontName=bold, fontSize=13.5, leading=17, spaceBefore=3 * mm,
                                  spaceAfter=1.2 * mm),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=11, leading=13.5),
        "tax_title": ParagraphStyle("tax_title", fontName=regular, fontSize=10, leading=12.5),
        "tax_cell": ParagraphStyle("tax_cell", fontName=regular, fontSize=10.5, leading=13),
        "tax_cell_bold": ParagraphStyle("tax_cell_bold", fontName=bold, fontSize=10.5, leading=13),
        "cell_bold": ParagraphStyle("cell_bold", fontName=bold, fontSize=11, leading=13.5),
        "basis": ParagraphStyle("basis", fontName=regular, fontSize=9, leading=11, textColor=GREY),
        "head": ParagraphStyle("head", fontName=bold, fontSize=10.5, leading=13),
        "head_right": ParagraphStyle("head_right", fontName=bold, fontSize=10.5, leading=13, alignment=TA_RIGHT),
        "figure": ParagraphStyle("figure", fontName=regular, fontSize=11, leading=13.5, alignment=TA_RIGHT),
        "figure_bold": ParagraphStyle("figure_bold", fontName=bold, fontSize=11, leading=13.5, alignment=TA_RIGHT),
        "net_label": ParagraphStyle("net_label", fontName=bold, fontSize=16, leading=20),
        "net": ParagraphStyle("net", fontName=bold, fontSize=18, leading=22, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", fontName=regular, fontSize=10, leading=13, textColor=GREY),
    }


WIDTH = A4[0] - 2 * MARGIN


def _pay_lines(run: PayRun) -> tuple[list[PayLine], bool]:
    """The lines to print, and whether they are the run's own lines (False: one line of an imported gross)."""
    lines = list(run.lines)
    own_sum = sum((line.amount for line in lines), ZERO)
    if run.imported_gross is not None and (not lines or own_sum != run.imported_gross):
        hours = run.imported_hours
        return [PayLine(LineKind.OTHER, _("Gross pay as your payroll service worked it out"), run.imported_gross,
                        hours=hours)], False
    return lines, True


def _line_title(line: PayLine) -> str:
    description = line.description.strip()
    return description or line_kind_words(line.kind)


def _pay_table(run: PayRun, styles) -> Table:
    lines, _own = _pay_lines(run)
    widths = [WIDTH - 26 * mm - 30 * mm - 38 * mm, 26 * mm, 30 * mm, 38 * mm]
    rows = [[Words(_("What for"), styles["head"]), Words(_("Hours"), styles["head_right"]),
             Words(_("Rate"), styles["head_right"]), Words(_("Amount"), styles["head_right"])]]
    for line in lines:
        what = [Words(_line_title(line), styles["cell"])]
        if line.kind == LineKind.ROLLED_UP_HOLIDAY_PAY:
            what.append(Words(_("Holiday pay paid with each payslip (rolled up), not pay for work."),
                                  styles["basis"]))
        rows.append([
            what,
            hours_figure(line.hours) if line.hours is not None else "",
            rate_text(line.rate) if line.rate is not None else "",
            money(line.amount),
        ])
    if not lines:
        rows.append([Words(_("No pay in this period."), styles["cell"]), "", "",
                     money(ZERO)])
    hours_paid = run.hours_paid
    any_hours = any(line.hours is not None for line in lines)
    rows.append([
        Words(_("Gross pay (before deductions)"), styles["cell_bold"]),
        hours_figure(hours_paid) if any_hours else "",
        "",
        money(run.gross),
    ])
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(ruled_table_style())
    return table


def _deductions_table(run: PayRun, styles) -> Table:
    d = run.deductions
    widths = [WIDTH - 38 * mm, 38 * mm]
    rows = [[Words(_("Taken from pay, and what for"), styles["head"]),
             Words(_("Amount"), styles["head_right"])]]
    items = [
        (_("Income tax (PAYE)"), d.tax),
        (_("National Insurance (your contribution)"), d.employee_ni),
        (_("Workplace pension (your contribution)"), d.employee_pension),
    ]
    # Loan repayments collected for the Student Loans Company: a line each, only when something was taken.
    for words, amount in ((_("Student loan"), d.student_loan), (_("Postgraduate loan"), d.postgraduate_loan)):
        if amount != ZERO:
            items.append((words, amount))
    if d.other != ZERO or d.other_description.strip():
        items.append((_("Other: {what}").format(what=d.other_description.strip() or _("not described")), d.other))
    for words, amount in items:
        rows.append([Words(words, styles["cell"]), money(amount)])
    rows.append([Words(_("Total taken from pay"), styles["cell_bold"]),
                 money(d.total)])
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(ruled_table_style())
    return table


def _employer_costs_box(run: PayRun, styles) -> Table:
    d = run.deductions
    widths = [WIDTH - 38 * mm, 38 * mm]
    rows = [
        [Words(_("Paid by your employer on top of your pay — not taken from your pay"), styles["head"]), ""],
        [Words(_("Employer's National Insurance"), styles["cell"]), money(d.employer_ni)],
        [Words(_("Employer's pension contribution"), styles["cell"]),
         money(d.employer_pension)],
        [Words(_("Cost of this pay to your employer (gross pay and these)"), styles["cell_bold"]),
         money(run.gross + d.employer_ni + d.employer_pension)],
    ]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(table_style([
        ("SPAN", (0, 0), (-1, 0)),
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 1.1 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3 * mm),
        *figure_columns(1),
    ]))
    return table


def tax_period_words(details: PayslipTaxDetails) -> str:
    """'Tax week 32' or 'Tax month 8': the PAYE period of the pay date."""
    if details.period_kind == "month":
        words = _("Tax month {number}").format(number=details.tax_period)
    else:
        words = _("Tax week {number}").format(number=details.tax_period)
    return words.replace(" ", "\u00a0")  # kept on one line


def pension_relief_sentence(details: PayslipTaxDetails) -> str:
    """How the PA gets tax relief on their pension contribution (empty when not in a scheme)."""
    if details.pension_relief == "net_pay":
        return _("Your pension contribution is taken before tax, so you get the tax relief straight away (net pay).")
    if details.pension_relief == "relief_at_source":
        return _("Your pension scheme claims the tax relief on your contribution from HMRC (relief at source).")
    return ""


def tax_facts_sentence(details: PayslipTaxDetails) -> str:
    """'tax code 1257L, Week 1/Month 1 · National Insurance letter A · tax week 32' (markup: the codes in bold)."""
    code = escape(details.tax_code or "–")
    if details.week1_month1:
        code += ", " + escape(_("Week 1/Month 1"))
    # A label and its code never part across lines.
    parts = [escape(_("Tax code:")) + f"\u00a0<b>{code}</b>",
             escape(_("National Insurance letter:")) + f"\u00a0<b>{escape(details.ni_category or '–')}</b>"]
    if details.tax_period is not None:
        parts.append(f"<b>{escape(tax_period_words(details))}</b>")
    return " \u00a0·\u00a0 ".join(parts)


def _tax_block(run: PayRun, details: PayslipTaxDetails, styles) -> Table:
    """Tax code, National Insurance letter and tax period, then taxable pay, tax, the PA's National Insurance and
    pension for this payment and for the tax year so far (this employment, and an earlier one's P45 pay when the
    code is cumulative). Compact, so that a payslip of one page stays one page with it."""
    d = run.deductions
    widths = [WIDTH - 136 * mm, 40 * mm, 29 * mm, 42 * mm, 25 * mm]  # Welsh headings on one line each
    title = "<b>" + escape(_("Tax and National Insurance")) + "</b> \u00a0 " + tax_facts_sentence(details)
    rows = [
        [Paragraph(title, styles["tax_title"]), "", "", "", ""],
        ["", Words(_("Taxable pay"), styles["head_right"]), Words(_("Income tax"), styles["head_right"]),
         Words(_("National Insurance"), styles["head_right"]), Words(_("Pension"), styles["head_right"])],
        [Words(_("This payment"), styles["tax_cell"]), money(details.taxable_pay), money(d.tax), money(d.employee_ni),
         money(d.employee_pension)],
        [Words(_("This tax year so far"), styles["tax_cell_bold"]), money(details.taxable_pay_to_date),
         money(details.tax_to_date), money(details.employee_ni_to_date), money(details.employee_pension_to_date)],
    ]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(table_style([
        ("SPAN", (0, 0), (-1, 0)),
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEBELOW", (0, 1), (-1, 1), 0.6, colors.black),
        ("LINEBELOW", (0, 2), (-1, 2), 0.3, colors.HexColor("#999999")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 0.8 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
        *figure_columns(1),
    ], size=10.5))
    return table


def _facts_table(data: PayslipData, styles) -> Table:
    run = data.run
    employer = [Words(_("Employer"), styles["label"]), Words(data.employer_name or "–",
                                                                           styles["value"])]
    address = ", ".join(line.strip() for line in data.employer_address.splitlines() if line.strip())
    if address:
        employer.append(Words(address, styles["plain"]))
    employee = [Words(_("Paid to"), styles["label"]),
                Words(data.pa_name or run.pa_name, styles["value"])]
    if data.ni_number.strip():
        number = data.ni_number.strip().replace(" ", "\u00a0")  # never split across lines
        employee.append(Words(_("National Insurance number:") + " " + number, styles["plain"]))
    period = [Words(_("Pay period"), styles["label"]), Words(period_words(run), styles["value"])]
    pay_day = [Words(_("Pay date"), styles["label"]),
               Words(format_date(run.period.pay_date, format="long"), styles["value"]),
               Words(_("How often paid: {how}").format(how=data.frequency_label or run.period.frequency),
                         styles["plain"])]
    half = WIDTH / 2
    table = Table([[employer, employee], [period, pay_day]], colWidths=[half, half], hAlign="LEFT")
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
        ("LINEBELOW", (0, 0), (-1, 0), 0.3, colors.HexColor("#999999")),
        ("TOPPADDING", (0, 1), (-1, 1), 2 * mm),
    ]))
    return table


def _minimum_wage_box(run: PayRun, styles) -> Table:
    verdict, *rest = minimum_wage_sentences(run)
    note = run.minimum_wage.note if run.minimum_wage is not None else ""
    if note and rest and rest[-1] == note:
        rest = rest[:-1]  # the rules' note on how the check was made: in smaller type below
    words = f"<b>{text(verdict)}</b> " + " ".join(text(sentence) for sentence in rest)
    cell = [Paragraph(words, styles["plain"])]
    if note:
        cell.append(Paragraph(text(note), styles["basis"]))
    box = Table([[cell]], colWidths=[WIDTH], hAlign="LEFT")
    box.setStyle(table_style([("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                             ("BACKGROUND", (0, 0), (-1, -1), colors.white),
                             ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm)]))
    return box


def _net_box(run: PayRun, styles) -> Table:
    table = Table([[Words(_("Net pay (what you receive)"), styles["net_label"]),
                    money(run.net)]],
                  colWidths=[WIDTH - 60 * mm, 60 * mm], hAlign="LEFT")
    table.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 2, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
        *figure_columns(1),
    ], size=18))
    return table


def _correction_box(run: PayRun, already_paid: Decimal, styles) -> Table:
    """Under a correction's net pay: what the payslip it corrects paid, and what is paid now (or overpaid)."""
    rows = [[Words(words, styles["cell"] if index == 0 else styles["cell_bold"]), figure]
            for index, (words, figure) in enumerate(correction_figures(run, already_paid))]
    table = Table(rows, colWidths=[WIDTH - 60 * mm, 60 * mm], hAlign="LEFT")
    table.setStyle(table_style([
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, GREY),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
        *figure_columns(1),
    ]))
    return table


class Words(Flowable):
    """Plain text in a style: drawn as one string when it fits the width it is given (much quicker than a
    Paragraph, and most labels do), else wrapped by a Paragraph. Line breaks in the text are kept."""

    def __init__(self, words: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.words = words.strip()
        self.style = style
        self._para: Paragraph | None = None
        self._one_line = None if "\n" in self.words else pdfmetrics.stringWidth(self.words, style.fontName,
                                                                                style.fontSize)

    def wrap(self, avail_width, avail_height):
        style = self.style
        if self._one_line is not None and self._one_line <= avail_width:
            self._para = None
            self.width, self.height = avail_width, style.leading
        else:
            self._para = Paragraph(text(self.words), style)
            self.width, self.height = self._para.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        return self._para.split(avail_width, avail_height) if self._para is not None else []

    def draw(self):
        if self._para is not None:
            self._para.drawOn(self.canv, 0, 0)
            return
        style, canv = self.style, self.canv
        canv.setFont(style.fontName, style.fontSize)
        canv.setFillColor(style.textColor)
        baseline = self.height - style.fontSize
        if style.alignment == TA_RIGHT:
            canv.drawRightString(self.width, baseline, self.words)
        else:
            canv.drawString(0, baseline, self.words)


def payslip_story(data: PayslipData) -> list:
    """The payslip as flowables (the pay summary and tests may reuse them)."""
    styles = document_styles()
    run = data.run
    title = Words(_("Payslip"), styles["title"])
    heading = not_final_heading(run)
    if heading:
        # The title and, beside it in white on dark red, that this is not yet pay made.
        top = Table([[title, Words(heading, styles["status"])]], colWidths=[WIDTH * 0.4, WIDTH * 0.6],
                    hAlign="LEFT")
        top.setStyle(table_style([("BACKGROUND", (1, 0), (1, 0), colors.HexColor("#8B0000")),
                                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("LEFTPADDING", (0, 0), (0, 0), 0),
                                 ("LEFTPADDING", (1, 0), (1, 0), 3 * mm),
                                 ("TOPPADDING", (1, 0), (1, 0), 1.5 * mm),
                                 ("BOTTOMPADDING", (1, 0), (1, 0), 2 * mm)]))
        story: list = [top]
    else:
        story = [title]
    if run.corrects_run_id is not None:
        story.append(Words(_("This payslip corrects one issued earlier for the same period."),
                               styles["plain"]))
    story += [Spacer(1, 3 * mm), _facts_table(data, styles)]

    story.append(Words(_("Pay"), styles["heading"]))
    story.append(_pay_table(run, styles))
    story += [Spacer(1, 2 * mm), _minimum_wage_box(run, styles)]

    story.append(KeepTogether([
        Words(_("Deductions"), styles["heading"]),
        _deductions_table(run, styles),
        Spacer(1, 1.5 * mm),
        Words(_deductions_source_sentence(run), styles["small"]),
    ]))
    net = [Spacer(1, 3 * mm), _net_box(run, styles)]
    difference = run.net - (run.gross - run.deductions.total)
    if difference != ZERO:
        net.append(Words(_("Your payroll service's net pay differs from gross pay less these deductions by "
                                    "{amount}.").format(amount=money(difference)), styles["small"]))
    if data.already_paid is not None:
        net.append(_correction_box(run, data.already_paid, styles))
    story.append(KeepTogether(net))
    story += [Spacer(1, 3 * mm), KeepTogether([_employer_costs_box(run, styles)])]
    details = data.tax_details
    if details is not None:
        block = [Spacer(1, 2 * mm), _tax_block(run, details, styles)]
        relief = pension_relief_sentence(details)
        if relief:
            block += [Spacer(1, 0.8 * mm), Words(relief, styles["small"])]
        story.append(KeepTogether(block))

    if run.source == RunSource.IMPORTED:
        story.append(Words(_("The figures on this payslip are your payroll service's."), styles["small"]))
    if heading and run.notes:
        story.append(KeepTogether([Words(_("Notes for the employer before paying"), styles["heading"])]
                                  + [Paragraph("• " + text(note), styles["plain"]) for note in run.notes]))
    return story


def payslip_pdf(data: PayslipData) -> bytes:
    """One payslip as PDF bytes (A4, as many pages as its lines need, each numbered)."""
    run = data.run
    name = data.pa_name or run.pa_name
    footer = _("Payslip for {name}, {period}").format(name=name, period=period_words(run))
    buffer = io.BytesIO()
    # Top and bottom margins leave room for the tax block under a one-page payslip; the footer is 8 mm up.
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=10 * mm,
                            bottomMargin=14 * mm, invariant=1, title=footer, author="PA Employer",
                            creator="PA Employer", lang="cy" if current_locale() == "cy" else "en-GB",
                            displayDocTitle=True, initialFontName=register_fonts()[0])
    on_page = watermark(not_final_heading(run))
    with binary_streams():
        doc.build(payslip_story(data), onFirstPage=on_page, onLaterPages=on_page, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()
