"""The emergency plan: one page to keep by the phone for when a PA cannot come.

Who to call and in what order, with the numbers in large type; what each can do and when; what a
stand-in must know. Takes plain values, returns PDF bytes; every word through _() in the user's language.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from paemployer.documents.fonts import register_fonts
from paemployer.i18n import _, format_date


@dataclass(frozen=True)
class PlanContact:
    name: str
    role: str            # already in the user's words ("Backup PA", "Council out-of-hours team")
    phone: str
    phone_other: str = ""
    available_when: str = ""
    can_help_with: str = ""


@dataclass(frozen=True)
class PlanStep:
    scenario: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class EmergencyPlanData:
    person_name: str
    address: str
    home_phone: str
    contacts: tuple[PlanContact, ...]
    essentials: str
    printed_on: date
    steps: tuple[PlanStep, ...] = ()


def _styles():
    regular, bold = register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=22, leading=27, spaceAfter=2 * mm),
        "intro": ParagraphStyle("intro", fontName=regular, fontSize=13, leading=17),
        "heading": ParagraphStyle("heading", fontName=bold, fontSize=16, leading=20, spaceBefore=3 * mm,
                                  spaceAfter=2 * mm),
        "order": ParagraphStyle("order", fontName=bold, fontSize=26, leading=30, alignment=TA_CENTER),
        "name": ParagraphStyle("name", fontName=bold, fontSize=15, leading=19),
        "detail": ParagraphStyle("detail", fontName=regular, fontSize=11.5, leading=14),
        "phone": ParagraphStyle("phone", fontName=bold, fontSize=21, leading=26),
        "phone_other": ParagraphStyle("phone_other", fontName=regular, fontSize=15, leading=19),
        "body": ParagraphStyle("body", fontName=regular, fontSize=12, leading=15.5, spaceAfter=1.5 * mm),
        "step_heading": ParagraphStyle("step_heading", fontName=bold, fontSize=13, leading=16, spaceAfter=1 * mm),
        "step": ParagraphStyle("step", fontName=regular, fontSize=11, leading=13.5, spaceAfter=0.5 * mm),
        "small": ParagraphStyle("small", fontName=regular, fontSize=10, leading=13, textColor=colors.HexColor("#333333")),
    }


def _text(value: str) -> str:
    """Escape for reportlab's mini-markup and keep the person's line breaks."""
    return "<br/>".join(escape(line) for line in value.strip().splitlines())


def _phone(number: str) -> str:
    """A phone number never split across lines: its spaces become non-breaking."""
    return _text(number).replace(" ", "\u00a0")


def emergency_plan_pdf(plan: EmergencyPlanData) -> bytes:
    styles = _styles()
    story = [Paragraph(_text(_("If a PA cannot come")), styles["title"])]
    intro = _("Emergency plan for {name}").format(name=plan.person_name or _("the person supported"))
    if plan.address:
        intro += " · " + plan.address
    story.append(Paragraph(_text(intro), styles["intro"]))
    if plan.home_phone:
        story.append(Paragraph(_text(_("Home phone: {phone}").format(phone=plan.home_phone)), styles["intro"]))

    story.append(Paragraph(_text(_("Call in this order")), styles["heading"]))
    if plan.contacts:
        rows = []
        for order, contact in enumerate(plan.contacts, start=1):
            about = [Paragraph(_text(contact.name), styles["name"])]
            if contact.role:
                about.append(Paragraph(_text(contact.role), styles["detail"]))
            if contact.can_help_with:
                about.append(Paragraph(_text(_("Can help with: {what}").format(what=contact.can_help_with)),
                                       styles["detail"]))
            if contact.available_when:
                about.append(Paragraph(_text(_("When: {when}").format(when=contact.available_when)),
                                       styles["detail"]))
            phones = [Paragraph(_phone(contact.phone) or _text(_("no number")), styles["phone"])]
            if contact.phone_other:
                phones.append(Paragraph(_phone(contact.phone_other), styles["phone_other"]))
            rows.append([Paragraph(str(order), styles["order"]), about, phones])
        table = Table(rows, colWidths=[14 * mm, 94 * mm, 72 * mm], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.8, colors.black),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
        ]))
        story.append(table)
    else:
        story.append(Paragraph(_text(_("No emergency cover contacts are recorded yet. Add them in PA Employer "
                                        "under Emergency cover.")), styles["body"]))

    story.append(Paragraph(_text(_("What a stand-in needs to know")), styles["heading"]))
    essentials = plan.essentials.strip() or _("Nothing recorded yet.")
    for paragraph in essentials.split("\n\n"):
        story.append(Paragraph(_text(paragraph), styles["body"]))

    if plan.steps:
        # Side by side in two columns, so the plan stays on one page without shrinking the phone numbers.
        cells = []
        for scenario in plan.steps:
            cell = [Paragraph(_text(scenario.scenario), styles["step_heading"])]
            cell += [Paragraph(f"{number}. {_text(step)}", styles["step"])
                     for number, step in enumerate(scenario.steps, start=1)]
            cells.append(cell)
        if len(cells) % 2:
            cells.append("")
        steps = Table([cells[i:i + 2] for i in range(0, len(cells), 2)], colWidths=[88 * mm, 88 * mm],
                      hAlign="LEFT")
        steps.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
        ]))
        story.append(Spacer(1, 2 * mm))
        story.append(steps)

    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(_text(_("Printed {date}. Check the numbers every few months and print a new copy "
                                   "when anything changes.").format(date=format_date(plan.printed_on, format="long"))),
                           styles["small"]))

    buffer = io.BytesIO()
    margin = 15 * mm
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, invariant=1, title=_("Emergency plan"),
                            author="PA Employer", creator="PA Employer")
    # One page to keep by the phone: a long plan is shrunk to fit rather than spilling onto a second page.
    frame = KeepInFrame(doc.width, doc.height, story, mode="shrink")
    doc.build([frame])
    return buffer.getvalue()
