"""Payslip layout: nothing clipped or overlapping with a very long name, large figures, Welsh or longer words.

The text of a page is read back with its positions (pypdf), each piece measured in the font it was set
in, and no two pieces may overlap and none may run off the page. The helpers here serve the pay summary's
layout tests too.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from decimal import Decimal as D

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from paemployer import i18n
from paemployer.documents.fonts import register_fonts
from paemployer.documents.payslip import PayslipData, payslip_pdf
from paemployer.rules.pay import LineKind, PayLine, RunStatus
from test_payslip import LONG_NAME, sample_run

Box = tuple[str, float, float, float, float, int]  # text, left, bottom, right, top, page


def text_boxes(data: bytes) -> list[Box]:
    """Every upright piece of text on every page, with the box it takes (rotated watermarks left out)."""
    regular, bold = register_fonts()
    boxes: list[Box] = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        # pypdf gives each piece the position its line started at; a piece set straight after another
        # (a change of font inside a line) starts where the one before it ended.
        last: dict = {"at": None, "right": 0.0}

        def visit(text, cm, tm, font, size, number=number, last=last):
            text = text.rstrip("\n")
            if not text.strip() or not font or cm[1] or cm[2] or tm[1] or tm[2]:
                return
            name = bold if str(font.get("/BaseFont", "")).endswith("Bold") else regular
            scale = cm[0] * tm[0]
            at = (tuple(cm), tuple(tm))
            left = last["right"] if at == last["at"] else cm[4] + tm[4] * cm[0]
            bottom = cm[5] + tm[5] * cm[3]
            width = pdfmetrics.stringWidth(text, name, size * scale)
            last.update(at=at, right=left + width)
            boxes.append((text, left, bottom - 0.2 * size * scale, left + width, bottom + 0.72 * size * scale, number))

        page.extract_text(visitor_text=visit)
    return boxes


def page_size(data: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width), float(box.height)


def assert_nothing_clipped(data: bytes, *, margin: float = 20) -> None:
    """No two pieces of text overlap, and all are inside the page less `margin` points."""
    width, height = page_size(data)
    boxes = text_boxes(data)
    assert boxes
    for text, left, bottom, right, top, _page in boxes:
        assert left >= margin - 0.5 and right <= width - margin + 0.5, f"{text!r} runs off the page ({left}, {right})"
        assert bottom >= 0 and top <= height, text
    for index, (text, left, bottom, right, top, page) in enumerate(boxes):
        for other, o_left, o_bottom, o_right, o_top, o_page in boxes[index + 1:]:
            if page != o_page:
                continue
            overlap_x = min(right, o_right) - max(left, o_left)
            overlap_y = min(top, o_top) - max(bottom, o_bottom)
            assert overlap_x <= 0.6 or overlap_y <= 0.6, f"{text!r} overlaps {other!r}"


class LongerWords:
    """A stand-in catalogue making every word about half as long again (as Welsh often is), keeping
    {placeholders} and ending each text with ŵ, to test layout before the real translation exists."""

    @staticmethod
    def _longer(message: str) -> str:
        parts = re.split(r"(\{[^}]*\})", message)
        longer = [part if part.startswith("{") else re.sub(r"[A-Za-z]{3,}", lambda m: m.group(0) + "ŵ" * (
            len(m.group(0)) // 2), part) for part in parts]
        return "".join(longer)

    def gettext(self, message: str) -> str:
        return self._longer(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._longer(singular if n == 1 else plural)


@pytest.fixture
def longer_words(monkeypatch):
    monkeypatch.setattr(i18n, "_translations", LongerWords())


def big_run():
    lines = (
        PayLine(LineKind.HOURS, "Hours at the standard rate", D("98765.43"), hours=D("744"), rate=D("132.75")),
        PayLine(LineKind.WAKING_NIGHT, "Waking night hours", D("10000.00"), hours=D("400.25"), rate=D("24.985")),
        PayLine(LineKind.BONUS, "A bonus with a very long description that goes on and on and on and still goes on "
                "past the end of one line", D("12345.67"), added_by_user=True),
    )
    run = sample_run(pa_name=LONG_NAME, status=RunStatus.FINALISED)
    return replace(run, lines=lines)


def payslip_of(run):
    return payslip_pdf(PayslipData(run, "Gwenhwyfar Ŵyn Llewellyn-Prydderch ap Dafydd ab Ifan", "Tŷ'r Ŵyn\nLlanfair",
                                   ni_number="QQ 12 34 56 C"))


def test_a_very_long_name_and_large_figures_are_neither_clipped_nor_overlapping():
    data = payslip_of(big_run())
    assert_nothing_clipped(data)
    text = " ".join(box[0] for box in text_boxes(data))
    for figure in ("£98,765.43", "£10,000.00", "£12,345.67", "£121,111.10", "£24.985", "1,144.25"):
        assert figure in text, figure


def test_a_welsh_payslip_keeps_its_layout():
    i18n.set_locale("cy")
    assert_nothing_clipped(payslip_of(big_run()))
    assert_nothing_clipped(payslip_of(sample_run()))


def test_longer_words_in_every_text_still_fit(longer_words):
    assert "ŵ" in i18n._("Payslip")
    for run in (big_run(), sample_run(), sample_run(status=RunStatus.APPROVED)):
        assert_nothing_clipped(payslip_of(run))


def test_the_overlap_check_catches_text_written_over_text():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    regular, _bold = register_fonts()
    page = canvas.Canvas(buffer)
    page.setFont(regular, 12)
    page.drawString(100, 500, "£10,000.00")
    page.drawString(130, 500, "overlapping")
    page.save()
    with pytest.raises(AssertionError, match="overlaps"):
        assert_nothing_clipped(buffer.getvalue())
