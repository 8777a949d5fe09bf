"""The week's rota on one landscape page: a row per person, a column per day, the gaps underneath.

Each person is told apart by name and by a marker shape repeated on every one of their shifts, and
rows are shaded by pattern as well, so the page reads the same printed in black and white.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Table, TableStyle

from paemployer.documents.fonts import register_fonts
from paemployer.i18n import _, format_date

MARKERS = ("●", "■", "▲", "◆", "★", "▼", "✚", "◗", "♣", "♠")
SHADES = ("#FFFFFF", "#EEEEEE")


@dataclass(frozen=True)
class RotaCell:
    """One shift as the page shows it: '07:00–10:00', 'sleep-in', 'covered', any note."""

    times: str
    kind: str = ""
    status: str = ""


@dataclass(frozen=True)
class RotaRow:
    person: str
    days: tuple[tuple[RotaCell, ...], ...]  # seven tuples, Monday first


@dataclass(frozen=True)
class WeeklyRotaData:
    person_supported: str
    week_start: date
    day_headings: tuple[str, ...]      # seven, Monday first, e.g. "Mon 23 Nov"
    rows: tuple[RotaRow, ...]
    gaps: tuple[tuple[str, ...], ...]  # seven tuples of '07:00–10:00 (1 missing)'
    printed_on: date


def weekly_rota_pdf(data: WeeklyRotaData) -> bytes:
    regular, bold = register_fonts()
    title = ParagraphStyle("title", fontName=bold, fontSize=17, leading=21, spaceAfter=3 * mm)
    head = ParagraphStyle("head", fontName=bold, fontSize=10, leading=12)
    person = ParagraphStyle("person", fontName=bold, fontSize=10, leading=12)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11)
    small = ParagraphStyle("small", fontName=regular, fontSize=8, leading=10)

    header = [Paragraph(escape(_("Who")), head)] + [Paragraph(escape(h), head) for h in data.day_headings]
    rows = [header]
    for index, row in enumerate(data.rows):
        marker = MARKERS[index % len(MARKERS)]
        line = [Paragraph(f"{marker} {escape(row.person)}", person)]
        for shifts in row.days:
            parts = []
            for shift in shifts:
                text = f"{marker} <b>{escape(shift.times)}</b>"
                if shift.kind:
                    text += f"<br/>{escape(shift.kind)}"
                if shift.status:
                    text += f" <i>({escape(shift.status)})</i>"
                parts.append(Paragraph(text, cell))
            line.append(parts or "")
        rows.append(line)
    gap_line = [Paragraph(escape(_("Gaps")), person)]
    for day_gaps in data.gaps:
        gap_line.append([Paragraph("⚠ " + escape(g), cell) for g in day_gaps] or Paragraph("–", cell))
    rows.append(gap_line)

    page = landscape(A4)
    margin = 12 * mm
    usable = page[0] - 2 * margin
    first = 38 * mm
    day_width = (usable - first) / 7
    table = Table(rows, colWidths=[first] + [day_width] * 7, repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDDDDD")),
        ("LINEABOVE", (0, -1), (-1, -1), 1.5, colors.black),
    ]
    for index in range(len(data.rows)):
        style.append(("BACKGROUND", (0, index + 1), (-1, index + 1), colors.HexColor(SHADES[index % 2])))
    table.setStyle(TableStyle(style))

    heading = _("Rota for the week of {date}").format(date=format_date(data.week_start, format="long"))
    if data.person_supported:
        heading += " · " + data.person_supported
    story = [
        Paragraph(escape(heading), title),
        table,
        Paragraph(escape(_("Printed {date}.").format(date=format_date(data.printed_on, format="long"))), small),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, invariant=1, title=_("Weekly rota"), author="PA Employer",
                            creator="PA Employer")
    doc.build([KeepInFrame(doc.width, doc.height, story, mode="shrink")])
    return buffer.getvalue()
