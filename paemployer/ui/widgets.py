"""Shared widgets: record tables, a dialog for one record, buttons with mnemonics."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from paemployer.i18n import _
from paemployer.services.files import FILE_SUFFIX
from paemployer.ui.forms import ErrorLabel, FieldSet, form_layout, plain
from paemployer.ui.models import RowsTableModel
from paemployer.ui.operations import Operations, Outcome


def button(text: str, slot: Callable[[], Any] | None = None, *, name: str | None = None) -> QPushButton:
    """A push button whose mnemonic (&) gives it an Alt+letter shortcut; its accessible name is its words."""
    widget = QPushButton(text)
    widget.setAccessibleName(name or plain(text))
    widget.setAutoDefault(False)
    if slot is not None:
        widget.clicked.connect(lambda checked=False: slot())
    return widget


class RecordTable(QTableView):
    """A table of records: whole rows selected one at a time; Enter or double-click opens the record."""

    activated_row = Signal(int)

    def __init__(self, model: RowsTableModel, accessible_name: str, parent: QWidget | None = None, *,
                 stretch_column: int | None = None) -> None:
        super().__init__(parent)
        self._stretch_column = stretch_column
        self.setModel(model)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(stretch_column is None)
        if stretch_column is not None:
            # One column takes the spare width, the others fit their text: no sideways scrolling.
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.9))
        self.doubleClicked.connect(lambda index: self.activated_row.emit(index.row()))
        model.modelReset.connect(self._after_reset)

    def _after_reset(self) -> None:
        if self._stretch_column is not None:
            return
        self.resizeColumnsToContents()
        limit = max(120, self.fontMetrics().averageCharWidth() * 36)
        for column in range(self.model().columnCount()):
            if self.columnWidth(column) > limit:
                self.setColumnWidth(column, limit)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def current_row(self) -> int:
        index = self.selectionModel().currentIndex() if self.selectionModel() else self.currentIndex()
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if rows:
            return rows[0].row()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model().rowCount():
            index = self.model().index(row, 0)
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.scrollTo(index)

    def add_shortcut(self, sequence: str | QKeySequence, slot: Callable[[], Any]) -> QShortcut:
        shortcut = QShortcut(QKeySequence(sequence), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)
        return shortcut


class RecordDialog(QDialog):
    """A dialog for one record: fields in a form, messages under them, OK saves through operations.

    `build(fields, layout)` adds the fields; `save(values)` is the service call. The dialog closes only
    when the save worked; after a ValidationError it stays open with the message at the field.
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        build: Callable[[FieldSet, QFormLayout], None],
        save: Callable[[dict[str, Any]], Any],
        *,
        operations: Operations,
        changes: set[str],
        done: str | None = None,
        values: Any = None,
        intro: str | None = None,
        ok_text: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setObjectName("recordDialog")
        self._save = save
        self._operations = operations
        self._changes = changes
        self._done = done
        self.outcome: Outcome | None = None
        outer = QVBoxLayout(self)
        outer.setSpacing(12)
        outer.setContentsMargins(18, 18, 18, 18)
        if intro:
            from PySide6.QtWidgets import QLabel

            words = QLabel(intro)
            words.setWordWrap(True)
            outer.addWidget(words)
        self.fields = FieldSet(ErrorLabel())
        outer.addWidget(self.fields.banner)
        body = QWidget()
        layout = form_layout()
        body.setLayout(layout)
        build(self.fields, layout)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(scroll, 1)
        names = self.fields.names()
        if names:
            self.fields.widget(names[0]).setFocus(Qt.FocusReason.OtherFocusReason)
        if values is not None:
            self.fields.set_values(values)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setText(ok_text or _("&Save"))
        save_button.setAccessibleName(plain(save_button.text()))
        save_button.setDefault(True)
        self.buttons.accepted.connect(self._try_save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        width = max(560, self.fontMetrics().averageCharWidth() * 70)
        height = min(body.sizeHint().height() + 160, int(self.fontMetrics().height() * 40))
        self.resize(width, max(height, 240))

    def _try_save(self) -> None:
        values = self.fields.values()
        self.outcome = self._operations.run(
            lambda: self._save(values), changes=self._changes, parent=self, form=self.fields, done=self._done)
        if self.outcome.ok:
            self.accept()


def file_filter() -> str:
    """The file-type choice in Open and Save dialogs, in the person's language."""
    return _("PA Employer files ({pattern})").format(pattern=f"*{FILE_SUFFIX}") + ";;" + _("All files (*)")


def scaled(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """Text `factor` times the person's own text size (never a fixed pixel size), bold or not."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def confirm(parent: QWidget | None, question: str, title: str | None = None) -> bool:
    """Ask a Yes/No question before something is deleted or cancelled; No is the default. True on Yes."""
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox.question(parent, title or _("Please confirm"), question,
                                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes


def ask_to_save(parent: QWidget | None, what: str) -> str:
    """Ask before typing would be lost: "save", "discard" or "cancel" (stay where you are)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Unsaved changes"))
    box.setText(_("You have changed {what} without saving. Save the changes?").format(what=what))
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
        QMessageBox.StandardButton(answer), "cancel")
