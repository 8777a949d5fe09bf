"""How the whole app looks: the person's text size and the language of Qt's own words."""

from __future__ import annotations

# From this text size up, form labels sit above their fields (side by side they squeeze each other at 1280 wide).
LABELS_ABOVE_FROM_SCALE = 1.3

_base_point_size: float | None = None
_qt_translator = None


def apply_font_scale(app, scale: float) -> None:
    """Scale the system's own font size (never a fixed pixel size) by the person's chosen factor."""
    global _base_point_size
    from PySide6.QtGui import QFont

    font = QFont(app.font())
    if _base_point_size is None:
        _base_point_size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(_base_point_size * scale)
    app.setFont(font)
    from paemployer.ui.forms import set_labels_above

    set_labels_above(scale >= LABELS_ABOVE_FROM_SCALE)


def install_qt_translations(app, locale: str) -> None:
    """Qt's own words (OK, Cancel, calendar) from the bundled qtbase_*.qm when one exists for the locale."""
    global _qt_translator
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    QLocale.setDefault(QLocale("cy_GB" if locale == "cy" else "en_GB"))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    language = locale.split("_")[0]
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
        _qt_translator = translator
