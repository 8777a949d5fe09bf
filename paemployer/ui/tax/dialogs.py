"""Dialogs of the HMRC page: a payment made to HMRC, the figures of one payment to report (FPS) with "Copy" and
"Mark as sent", and a paper return's figures box by box.

The figures come from services.tax as (name, value) pairs in the order HMRC's forms ask for them; the dialog
only shows them, copies them as text, and records that they were sent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from paemployer.i18n import _
from paemployer.ui.forms import FieldSet, MoneyEdit, NotesEdit, RequiredDateEdit
from paemployer.ui.models import Column, RowsTableModel
from paemployer.ui.operations import HMRC, Operations
from paemployer.ui.widgets import RecordDialog, RecordTable, button


def payment_fields(today: date) -> Callable[[FieldSet, QFormLayout], None]:
    def build(fields: FieldSet, layout: QFormLayout) -> None:
        fields.add(layout, "paid_on", _("&Paid on:"), RequiredDateEdit(today),
                   help_text=_("The day the money left your account, or you posted the cheque."))
        fields.add(layout, "amount", _("&Amount (£):"), MoneyEdit())
        fields.add(layout, "notes", _("&Notes:"), NotesEdit(lines=2),
                   help_text=_("For example the payment reference you used."))
    return build


class PaymentDialog(RecordDialog):
    """Record a payment made to HMRC for one month or quarter."""

    def __init__(self, parent: QWidget | None, *, title: str, intro: str, today: date, amount: Any,
                 save: Callable[[dict[str, Any]], Any], operations: Operations) -> None:
        super().__init__(parent, title, payment_fields(today), save, operations=operations, changes={HMRC},
                         done=_("Payment to HMRC recorded."), values={"paid_on": today, "amount": amount},
                         intro=intro, ok_text=_("&Record payment"))
        self.setObjectName("hmrcPaymentDialog")


def figures_text(rows: Sequence[Sequence[str]]) -> str:
    """The figures as lines of text, each field and its value separated by a tab (pastes into a spreadsheet)."""
    return "\n".join("\t".join(str(part) for part in row) for row in rows)


def _part(position: int) -> Callable[[Sequence[str]], str]:
    return lambda row: str(row[position])


class FiguresDialog(QDialog):
    """A list of figures to copy into HMRC's program or onto HMRC's form, with a Copy button.

    `columns` names the parts of each row ("What", "Figure", or "Box", "What", "Figure"); `mark_sent`, when
    given, adds "Mark as sent" (it returns True when the service recorded it).
    """

    def __init__(self, parent: QWidget | None, *, title: str, intro: str, rows: Sequence[Sequence[str]],
                 columns: Sequence[str], mark_sent: Callable[[], bool] | None = None,
                 sent_words: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setObjectName("figuresDialog")
        self.rows = [tuple(row) for row in rows]
        self.marked = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 18, 18, 18)
        outer.setSpacing(10)
        words = QLabel(intro)
        words.setWordWrap(True)
        outer.addWidget(words)
        self.model: RowsTableModel = RowsTableModel([
            Column(name, _part(position), align_right=position == len(columns) - 1)
            for position, name in enumerate(columns)])
        self.model.set_rows(self.rows)
        label = QLabel(_("&Figures:"))
        self.table = RecordTable(self.model, title, stretch_column=len(columns) - 2)
        self.table.setObjectName("figuresTable")
        label.setBuddy(self.table)
        outer.addWidget(label)
        outer.addWidget(self.table, 1)
        self.sent_label = QLabel(sent_words)
        self.sent_label.setWordWrap(True)
        self.sent_label.setObjectName("sentWords")
        self.sent_label.setVisible(bool(sent_words))
        outer.addWidget(self.sent_label)
        row = QHBoxLayout()
        self.copy_button = button(_("&Copy all"), self.copy)
        self.copy_button.setToolTip(_("Copy every figure, to paste into a document or spreadsheet"))
        row.addWidget(self.copy_button)
        self.mark_button = None
        if mark_sent is not None:
            self._mark_sent = mark_sent
            self.mark_button = button(_("&Mark as sent"), self.mark)
            self.mark_button.setToolTip(_("You have sent these figures to HMRC: the reminder stops"))
            row.addWidget(self.mark_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_button = close.button(QDialogButtonBox.StandardButton.Close)
        close_button.setText(_("C&lose"))
        close_button.setAccessibleName(_("Close"))
        close.rejected.connect(self.reject)
        row.addWidget(close)
        outer.addLayout(row)
        self.table.select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        width = max(620, self.fontMetrics().averageCharWidth() * 84)
        height = self.fontMetrics().height() * (len(self.rows) * 2 + 12)
        self.resize(width, min(max(height, 360), self.fontMetrics().height() * 44))

    def copy(self) -> str:
        text = figures_text(self.rows)
        QApplication.clipboard().setText(text)
        self.copy_button.setText(_("&Copied"))
        return text

    def mark(self) -> bool:
        if self._mark_sent():
            self.marked = True
            self.accept()
            return True
        return False
