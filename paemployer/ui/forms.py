"""Form building blocks: labelled fields with their message underneath, dates, money, choices.

Every field gets a visible label that is its buddy (so Alt+letter reaches it) and an accessible name.
A ValidationError from a service is shown under the field it names, the field gets the focus (its
tab is brought forward first), and the message is repeated in a banner above the form so it is seen
even when the field is scrolled away.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Iterable, Mapping, Sequence

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from paemployer import clock
from paemployer.errors import ValidationError
from paemployer.i18n import _
from paemployer.services.records.validation import to_money

DATE_FORMAT = "dd/MM/yyyy"  # UK order; typed entry accepts it section by section
NOT_SET_DATE = QDate(1900, 1, 1)  # the "no date" value of an optional date field, shown as "Not set"


def plain(label_text: str) -> str:
    """A label without its mnemonic ampersand, for accessible names."""
    return label_text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":")


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RequiredDateEdit(QDateEdit):
    """A date that must have a value: calendar popup, typed entry dd/mm/yyyy."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        if value is not None:
            self.set_value(value)

    def value(self) -> date:
        return from_qdate(self.date())

    def set_value(self, value: date) -> None:
        self.setDate(to_qdate(value))


class OptionalDateEdit(RequiredDateEdit):
    """A date that may be blank ("Not set"). Typing a digit starts a date from today's; Ctrl+Delete
    (or Delete with everything selected) clears it."""

    def __init__(self, value: date | None = None, *, today: date | None = None, parent: QWidget | None = None) -> None:
        self._today = today or clock.today()
        super().__init__(None, parent)
        self.setMinimumDate(NOT_SET_DATE)
        self.setSpecialValueText(_("Not set"))
        self.set_value(value)

    def value(self) -> date | None:  # type: ignore[override]
        current = self.date()
        return None if current == NOT_SET_DATE else from_qdate(current)

    def set_value(self, value: date | None) -> None:  # type: ignore[override]
        self.setDate(NOT_SET_DATE if value is None else to_qdate(value))

    def keyPressEvent(self, event) -> None:
        key = event.key()
        everything_selected = self.lineEdit().selectedText() == self.text() and bool(self.text())
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier or everything_selected
        ):
            self.set_value(None)
            self.selectAll()
            return
        if self.value() is None and event.text().isdigit():
            # Start from a real date so the typed digits fill the day, month and year in turn.
            self.set_value(self._today)
            self.setCurrentSection(QDateEdit.Section.DaySection)
            self.lineEdit().setSelection(0, 2)
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        # "Not set" has no day, month and year to step through: Tab leaves the field (no keyboard trap).
        if self.value() is None:
            return QWidget.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)

    def showPopup(self) -> None:  # noqa: N802 - Qt name
        if self.value() is None:
            self.calendarWidget().setSelectedDate(to_qdate(self._today))
        super().showPopup()


_MONEY_PATTERN = r"^\s*£?\s*[0-9][0-9,]{0,8}(\.[0-9]{0,4})?\s*$|^\s*£?\s*\.[0-9]{1,4}\s*$|^\s*£?\s*$"


class DecimalEdit(QLineEdit):
    """A number typed as text and read as an exact Decimal (never a float). Blank means "not set"."""

    def __init__(self, parent: QWidget | None = None, *, money: bool = False) -> None:
        super().__init__(parent)
        self._money = money
        self.setValidator(QRegularExpressionValidator(QRegularExpression(_MONEY_PATTERN), self))
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(_("for example 12.50") if money else _("for example 37.5"))

    def value(self) -> Decimal | str | None:
        """The number typed, read as the services read it (12,71 is 12.71, never 1271); text that is not
        plainly one number (1,271 could be 1271 or 1.271) is handed on as typed, for the service to refuse
        with a sentence naming the field."""
        text = self.text().strip()
        if not text.strip("£ "):
            return None
        try:
            return to_money(text, field="amount")
        except ValidationError:
            return text

    def set_value(self, value: Decimal | int | None) -> None:
        if isinstance(value, float):
            raise TypeError("money and hours are Decimal, never float")
        if value is None:
            self.clear()
            return
        value = Decimal(value)  # whole numbers (weeks of notice) are shown the same way
        if self._money:
            # Pence shown as two places (12.6 → 12.60); a rate with more places is shown exactly.
            exponent = value.as_tuple().exponent
            self.setText(format(value.quantize(Decimal("0.01")) if exponent >= -2 else value, "f"))
        else:
            self.setText(format(value.normalize(), "f"))


class MoneyEdit(DecimalEdit):
    """Pounds and pence, e.g. 12.60 (a £ sign and commas are accepted)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, money=True)


class ChoiceBox(QComboBox):
    """A choice among fixed values (enums), each shown in words."""

    def __init__(self, choices: Sequence[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for text, data in choices:
            self.addItem(text, data)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        for position in range(self.count()):
            if self.itemData(position) == value:
                self.setCurrentIndex(position)
                return
        self.setCurrentIndex(0)


class NotesEdit(QPlainTextEdit):
    """Several lines of text; Tab moves on to the next field instead of typing a tab."""

    def __init__(self, parent: QWidget | None = None, *, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 12
        self.setFixedHeight(height)

    def value(self) -> str:
        return self.toPlainText().strip()

    def set_value(self, value: str | None) -> None:
        self.setPlainText(value or "")


def get_value(widget: QWidget) -> Any:
    if isinstance(widget, (RequiredDateEdit, DecimalEdit, ChoiceBox, NotesEdit)):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    raise TypeError(f"no value reader for {type(widget).__name__}")


def set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, (RequiredDateEdit, DecimalEdit, ChoiceBox, NotesEdit)):
        if isinstance(widget, RequiredDateEdit) and not isinstance(widget, OptionalDateEdit) and value is None:
            return
        widget.set_value(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
    else:
        raise TypeError(f"no value writer for {type(widget).__name__}")


class ErrorLabel(QLabel):
    """A validation message shown as text (not only colour), read out by screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("validationMessage")
        self.setAccessibleName(_("Problem"))
        self.setStyleSheet("QLabel#validationMessage { color: #a4000f; font-weight: bold; }")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setAccessibleDescription(message)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


class FieldSet:
    """The named fields of one record form, however they are laid out (sections, tabs).

    `add` puts a label and the field into a QFormLayout, with the field's message slot underneath.
    """

    def __init__(self, banner: ErrorLabel | None = None) -> None:
        self.banner = banner or ErrorLabel()
        self._widgets: dict[str, QWidget] = {}
        self._messages: dict[str, ErrorLabel] = {}
        self._labels: dict[str, QLabel] = {}
        self._help: dict[str, str] = {}  # said again to a screen reader once a problem's message is cleared

    def add(self, layout: QFormLayout, name: str, label_text: str, widget: QWidget, *, help_text: str | None = None) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = ErrorLabel(holder)
        column.addWidget(message)
        if help_text:
            hint = QLabel(help_text, holder)
            hint.setWordWrap(True)
            column.addWidget(hint)
            widget.setAccessibleDescription(help_text)
            self._help[name] = help_text
        widget.setAccessibleName(plain(label_text))
        if isinstance(widget, QCheckBox):
            # A check box carries its own words: the row label stays empty so nothing is said twice.
            widget.setText(label_text)
            layout.addRow("", holder)
            label = None
        else:
            label = QLabel(label_text)
            label.setBuddy(widget)
            layout.addRow(label, holder)
            self._labels[name] = label
        widget.setObjectName(f"field_{name}")
        self._widgets[name] = widget
        self._messages[name] = message
        return widget

    def widget(self, name: str) -> QWidget:
        return self._widgets[name]

    def names(self) -> list[str]:
        return list(self._widgets)

    def values(self, names: Iterable[str] | None = None) -> dict[str, Any]:
        return {name: get_value(self._widgets[name]) for name in (names or self._widgets)}

    def set_values(self, source: Mapping[str, Any] | Any) -> None:
        for name, widget in self._widgets.items():
            if isinstance(source, Mapping):
                if name not in source:
                    continue
                value = source[name]
            elif hasattr(source, name):
                value = getattr(source, name)
            else:
                continue
            if isinstance(value, Enum) and not isinstance(widget, ChoiceBox):
                value = value.value
            set_value(widget, value)

    def mark_clean(self) -> None:
        """Remember what the fields hold now as saved (after loading or saving a record)."""
        self._clean = self.values()

    def is_dirty(self) -> bool:
        """True when something was typed since the record was loaded or saved."""
        return getattr(self, "_clean", None) is not None and self.values() != self._clean

    def clear_validation_errors(self) -> None:
        self.banner.clear_message()
        for name, message in self._messages.items():
            message.clear_message()
            self._widgets[name].setAccessibleDescription(self._help.get(name, ""))

    def show_validation_error(self, error: ValidationError) -> None:
        self.banner.show_message(error.message)
        widget = self._widgets.get(error.field or "")
        if widget is None:
            return
        self._messages[error.field].show_message(error.message)
        widget.setAccessibleDescription(error.message)
        _bring_forward(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _bring_forward(widget: QWidget) -> None:
    """Make the tab or stacked page holding `widget` the current one, outermost first."""
    chain = []
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget):
            chain.append((parent, child))
        child, parent = parent, parent.parentWidget()
    for stack, page in reversed(chain):
        tabs = stack.parentWidget()
        if isinstance(tabs, QTabWidget):
            tabs.setCurrentWidget(page)
        else:
            stack.setCurrentWidget(page)


# With large text, labels go above their fields so neither is squeezed (set from the font scale).
_labels_above = False


def set_labels_above(value: bool) -> None:
    global _labels_above
    _labels_above = value


def labels_above() -> bool:
    return _labels_above


def form_layout() -> QFormLayout:
    """A form layout with room to breathe; labels above fields when the text is large."""
    layout = QFormLayout()
    layout.setRowWrapPolicy(
        QFormLayout.RowWrapPolicy.WrapAllRows if _labels_above else QFormLayout.RowWrapPolicy.WrapLongRows)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    layout.setVerticalSpacing(10)
    layout.setHorizontalSpacing(16)
    return layout
