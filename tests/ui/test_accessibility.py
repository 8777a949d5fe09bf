"""Every interactive widget on the record pages and in the set-up has an accessible name, and every
field a visible label that is its buddy (so Alt+letter reaches it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from paemployer.ui.setup_wizard import SetupWizard

pytestmark = pytest.mark.gui

FIELD_TYPES = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)
INTERACTIVE_TYPES = FIELD_TYPES + (QAbstractButton, QAbstractItemView)


def own_widgets(root: QWidget):
    """Interactive widgets a person meets, not the parts Qt builds inside them."""
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE_TYPES) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox, QTabBar)):
            continue
        if type(widget).__name__ in {"QToolButton"} and widget.parentWidget() is not None and \
                type(widget.parentWidget()).__name__ in {"QTabBar", "QCalendarWidget", "QScrollBar"}:
            continue
        if widget.window().objectName() != root.window().objectName():
            continue
        yield widget


def check(root: QWidget, *, at_least: int = 1) -> list[str]:
    problems = []
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    widgets = list(own_widgets(root))
    assert len(widgets) >= at_least, "the check must look at the page's controls"
    for widget in widgets:
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip():
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} has no accessible name")
        if isinstance(widget, FIELD_TYPES) and id(widget) not in buddies:
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} has no label pointing at it")
    return problems


@pytest.mark.parametrize("page_name", ["pas", "cover", "employer"])
def test_record_pages_name_and_label_every_control(qtbot, window, page_name):
    page = window.go_to(page_name)
    assert check(page, at_least=10) == []


def test_setup_wizard_names_and_labels_every_control(qtbot, tmp_path):
    wizard = SetupWizard(suggested_path=tmp_path / "x.paemployer")
    qtbot.addWidget(wizard)
    problems = []
    for page_id in wizard.pageIds():
        problems += check(wizard.page(page_id))
    assert problems == []


def test_navigation_and_tables_are_named(qtbot, window):
    assert window.nav.accessibleName() == "Pages"
    assert window.go_to("cover").contact_table.accessibleName() == "Cover contacts"
