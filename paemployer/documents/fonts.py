"""DejaVu Sans for every PDF: reportlab's built-in Helvetica has no Welsh ŵ or ŷ."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from paemployer.paths import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@lru_cache(maxsize=None)
def register_fonts() -> tuple[str, str]:
    """Register the bundled fonts once; returns (regular, bold) names for styles."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf"))))
    # <b> in a Paragraph picks the bold face of the family.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
