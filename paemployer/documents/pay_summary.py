"""The employer's pay summary for one pay day: each PA's pay and its cost, the totals, and what is left to do.

One row per PA paid for periods ending that day: hours paid, gross, what was taken from pay, net, the
employer's own costs and the total cost; the minimum-wage verdict of each pay reference period; the runs
not yet finalised listed underneath. Landscape A4, money columns as wide as their widest figure so
nothing is clipped, names wrapped in their column. Plain values in, PDF bytes out, every word through _().
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from paemployer.documents.fonts import register_fonts
from paemployer.documents.payslip import (
    GREY,
    LIGHT,
    binary_streams,
    correction_figures,
    hours_figure,
    money,
    numbered_canvas,
    period_words,
    status_words,
    table_style,
    text,
)
from paemployer.i18n import _, current_locale, format_date
from paemployer.rules.money import ZERO
from paemployer.rules.pay import PayRun, RunSource, RunStatus

MARGIN = 12 * mm
FIGURE_SIZE = 10
PADDING = 2 * mm  # reportlab's cell padding is 6 points each side; ours is set to this


@dataclass(frozen=True)
class PaySummaryData:
    employer_name: str
    period_end: date
    runs: tuple[PayRun, ...]
    printed_on: date
    frequency_labels: Mapping[str, str] = field(default_factory=dict)  # 'weekly' -> 'Weekly' (labels.py)
    already_paid: Mapping[int, Decimal] = field(default_factory=dict)  # a correction's run id -> net paid before


def employer_costs(run: PayRun) -> Decimal:
    return run.deductions.employer_ni + run.deductions.employer_pension


def total_cost(run: PayRun) -> Decimal:
    return run.gross + employer_costs(run)


def minimum_wage_verdict(run: PayRun) -> str:
    result = run.minimum_wage
    if result is None:
        return _("Not checked")
    if result.rate is None:
        return _("Not due")
    if result.compliant:
        verdict = _("Met")
    else:
        verdict = _("Short by {amount}").format(amount=money(result.shortfall))
    if result.earlier_arrears > ZERO:
        verdict += "; " + _("{amount} owed from earlier periods").format(amount=money(result.earlier_arrears))
    return verdict


def _styles():
    regular, bold = register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22),
        "intro": ParagraphStyle("intro", fontName=regular, fontSize=11.5, leading=14.5, spaceAfter=3 * mm),
        "heading": ParagraphStyle("heading", fontName=bold, fontSize=13, leading=16, spaceBefore=4 * mm,
                                  spaceAfter=1.5 * mm),
        "head": ParagraphStyle("head", fontName=bold, fontSize=9.5, leading=11.5),
        "head_right": ParagraphStyle("head_right", fontName=bold, fontSize=9.5, leading=11.5, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=FIGURE_SIZE, leading=12.5),
        "name": ParagraphStyle("name", fontName=bold, fontSize=FIGURE_SIZE, leading=12.5),
        "detail": ParagraphStyle("detail", fontName=regular, fontSize=8.5, leading=10.5, textColor=GREY),
        "figure": ParagraphStyle("figure", fontName=regular, fontSize=FIGURE_SIZE, leading=12.5, alignment=TA_RIGHT),
        "figure_bold": ParagraphStyle("figure_bold", fontName=bold, fontSize=FIGURE_SIZE, leading=12.5,
                                      alignment=TA_RIGHT),
        "plain": ParagraphStyle("plain", fontName=regular, fontSize=11, leading=14),
        "small": ParagraphStyle("small", fontName=regular, fontSize=9.5, leading=12, textColor=GREY),
    }


def _figure(value: str, style) -> Paragraph:
    return Paragraph(escape(value).replace(" ", "\u00a0"), style)


def pay_summary_pdf(data: PaySummaryData) -> bytes:
    regular, bold = register_fonts()
    styles = _styles()
    runs = sorted(data.runs, key=lambda run: (run.pa_name.casefold(), run.period.start))
    headings = [_("PA and pay period"), _("Hours paid"), _("Gross pay"), _("Taken from pay"), _("Net pay"),
                _("Employer's costs"), _("Total cost"), _("Minimum wage"), _("Status")]
    figure_columns = range(1, 7)

    body = []
    totals = {key: ZERO for key in ("gross", "deductions", "net", "employer", "cost")}
    total_hours = ZERO
    for run in runs:
        about = [Paragraph(text(run.pa_name), styles["name"]),
                 Paragraph(text(period_words(run)), styles["detail"]),
                 Paragraph(text(_("{how}, paid {date}").format(how=data.frequency_labels.get(
                                                                   run.period.frequency, run.period.frequency),
                                                               date=format_date(run.period.pay_date))),
                           styles["detail"])]
        status = status_words(run)
        if run.source == RunSource.IMPORTED:
            status += " · " + _("from your payroll service")
        if run.corrects_run_id is not None:
            status += " · " + _("a correction")
        figures = [hours_figure(run.hours_paid), money(run.gross), money(run.deductions.total), money(run.net),
                   money(employer_costs(run)), money(total_cost(run))]
        body.append((about, figures, minimum_wage_verdict(run), status, run))
        totals["gross"] += run.gross
        totals["deductions"] += run.deductions.total
        totals["net"] += run.net
        totals["employer"] += employer_costs(run)
        totals["cost"] += total_cost(run)
        total_hours += run.hours_paid
    total_figures = [hours_figure(total_hours), money(totals["gross"]), money(totals["deductions"]),
                     money(totals["net"]), money(totals["employer"]), money(totals["cost"])]

    # Each figure column is as wide as its widest figure or the longest word of its heading, so a
    # £10,000.00 (or a long Welsh heading) is never clipped; the name column takes what is left.
    page = landscape(A4)
    usable = page[0] - 2 * MARGIN
    widths = []
    for column in figure_columns:
        texts = [figures[column - 1] for _about, figures, *_rest in body] + [total_figures[column - 1]]
        widest = max(pdfmetrics.stringWidth(t, bold, FIGURE_SIZE) for t in texts)
        word = max(pdfmetrics.stringWidth(w, bold, 9.5) for w in headings[column].split())
        widths.append(max(widest, word, 18 * mm) + 2 * PADDING + 1)
    verdict_width = 42 * mm
    status_width = 28 * mm
    name_width = usable - sum(widths) - verdict_width - status_width
    if name_width < 45 * mm:
        # Very large figures: give the name its minimum and let the verdict and status columns narrow.
        spare = usable - sum(widths) - 45 * mm
        verdict_width, status_width = spare * 0.6, spare * 0.4
        name_width = 45 * mm
    col_widths = [name_width, *widths, verdict_width, status_width]

    rows = [[Paragraph(text(headings[0]), styles["head"])]
            + [Paragraph(text(h), styles["head_right"]) for h in headings[1:7]]
            + [Paragraph(text(h), styles["head"]) for h in headings[7:]]]
    for about, figures, verdict, status, run in body:
        verdict_style = styles["cell"] if run.minimum_wage is None or run.minimum_wage.compliant else styles["name"]
        rows.append([about] + [_figure(f, styles["figure"]) for f in figures]
                    + [Paragraph(text(verdict), verdict_style), Paragraph(text(status), styles["cell"])])
    if not body:
        rows.append([Paragraph(text(_("No pay runs for periods ending on this day.")), styles["cell"])]
                    + [""] * 8)
    rows.append([Paragraph(text(_("Totals")), styles["name"])]
                + [_figure(f, styles["figure_bold"]) for f in total_figures] + ["", ""])

    table = Table(rows, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, colors.HexColor("#999999")),
        ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8 * mm),
    ]
    if not body:
        style.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(table_style(style))

    title = _("Pay summary for periods ending {date}").format(date=format_date(data.period_end, format="long"))
    story = [Paragraph(text(title), styles["title"])]
    if data.employer_name:
        story.append(Paragraph(text(_("Employer: {name}").format(name=data.employer_name)), styles["intro"]))
    else:
        story.append(Spacer(1, 3 * mm))
    story.append(table)
    story.append(Spacer(1, 1.5 * mm))
    story.append(Paragraph(text(_("Employer's costs are the employer's National Insurance and pension contributions: "
                                  "paid on top of pay, not taken from it. Total cost is gross pay and these.")),
                           styles["small"]))

    corrections = [run for run in runs if run.corrects_run_id is not None and run.run_id in data.already_paid]
    if corrections:
        # A correction's net is the whole period's: what its payslip already paid comes off it.
        lines = [Paragraph(text(_("Corrections")), styles["heading"])]
        for run in corrections:
            said = ". ".join(_("{words}: {amount}").format(words=words, amount=figure) for words, figure
                             in correction_figures(run, data.already_paid[run.run_id], for_employer=True))
            lines.append(Paragraph("• " + text(_("{name}: net pay {net}. {figures}.").format(
                name=run.pa_name, net=money(run.net), figures=said)), styles["plain"]))
        story.append(KeepTogether(lines))
    waiting = [run for run in runs if run.status != RunStatus.FINALISED]
    if waiting:
        lines = [Paragraph(text(_("Not finalised yet")), styles["heading"])]
        for run in waiting:
            lines.append(Paragraph("• " + text(_("{name}: {status}, pay date {date}").format(
                name=run.pa_name, status=status_words(run), date=format_date(run.period.pay_date, format="long"))), styles["plain"]))
        story.append(KeepTogether(lines))
    short = [run for run in runs if run.minimum_wage is not None and not run.minimum_wage.compliant]
    if short:
        lines = [Paragraph(text(_("Below the minimum wage")), styles["heading"])]
        for run in short:
            if run.status == RunStatus.FINALISED:
                advice = _("{name}: short by {amount} for {period}. Pay the shortfall as back pay in the next pay run.")
            else:
                advice = _("{name}: short by {amount} for {period}. Put it right before this pay is finalised: add "
                           "the shortfall to this run, or check the hours and the rate.")
            lines.append(Paragraph("• " + text(advice.format(name=run.pa_name, amount=money(run.minimum_wage.shortfall),
                                                             period=period_words(run))), styles["plain"]))
        story.append(KeepTogether(lines))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(text(_("Printed {date}.").format(date=format_date(data.printed_on, format="long"))),
                           styles["small"]))

    footer = _("Pay summary, {employer}, periods ending {date}").format(
        employer=data.employer_name or "–", date=format_date(data.period_end, format="long"))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=page, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 4 * mm, invariant=1, title=title, author="PA Employer",
                            creator="PA Employer", lang="cy" if current_locale() == "cy" else "en-GB",
                            displayDocTitle=True, initialFontName=regular)
    with binary_streams():
        doc.build(story, canvasmaker=numbered_canvas(footer, margin=MARGIN))
    return buffer.getvalue()
