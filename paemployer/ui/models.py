"""Thin Qt table models over plain lists of rows (STYLE.md habit 2).

A model never talks to the file: a page gives it plain rows from a service and calls `set_rows`
again after a change. Each column says how to show a row; roles a column does not serve return None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal

R = TypeVar("R")

ROW_MIME_TYPE = "application/x-paemployer-row"


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    # Extra words for a screen reader or tooltip, e.g. a full date behind a short one.
    tooltip: Callable[[R], str] | None = None
    align_right: bool = False


class RowsTableModel(QAbstractTableModel, Generic[R]):
    """Shows `rows` (plain values) in `columns`. Read-only: changes go through ui.operations."""

    def __init__(self, columns: Sequence[Column[R]], parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []

    # -- plain data in and out
    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, predicate: Callable[[R], bool]) -> int:
        for number, item in enumerate(self._rows):
            if predicate(item):
                return number
        return -1

    # -- QAbstractTableModel
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._columns):
            return None
        column = self._columns[index.column()]
        item = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(item)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title if 0 <= section < len(self._columns) else None
        return str(section + 1) if 0 <= section < len(self._rows) else None


class OrderedRowsModel(RowsTableModel[R]):
    """A table whose rows are in a meaningful order (cover contacts) and can be dragged into a new one.

    A drop does not move anything itself: it emits `move_requested(from_row, to_row)` and the page
    asks the service to reorder, then shows the new order.
    """

    move_requested = Signal(int, int)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(ROW_MIME_TYPE, QByteArray(str(rows[0]).encode("ascii")))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return action == Qt.DropAction.MoveAction and data is not None and data.hasFormat(ROW_MIME_TYPE)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        source = int(bytes(data.data(ROW_MIME_TYPE)).decode("ascii"))
        # Dropped on a row means "put it there"; dropped between rows gives the row below the gap.
        if row < 0 and parent.isValid():
            target = parent.row()
        elif row < 0:
            target = len(self._rows) - 1
        else:
            target = row - 1 if row > source else row  # the gap is counted before the dragged row is taken out
        target = max(0, min(target, len(self._rows) - 1))
        if target != source:
            self.move_requested.emit(source, target)
        # False: the view must not remove the source row itself; the service reorders.
        return False
