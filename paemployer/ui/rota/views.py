"""The week and month grids: arrow keys move through days and shifts, Enter opens, drag moves a shift."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from paemployer.ui.rota.models import MonthModel, WeekModel


class WeekView(QTableView):
    """Days across, each day's shifts down in time order. Left/Right go to the next day's shift nearest the
    same place in the list; Enter (or a double-click) asks to open the shift; a drag to another day asks to
    move it."""

    open_requested = Signal(QModelIndex)

    def __init__(self, model: WeekModel, accessible_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("weekView")
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move inside it
        self.setWordWrap(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # A day is never narrower than its times: with large text the grid scrolls instead of cutting them.
        header.setMinimumSectionSize(self.minimum_day_width())
        self.setMinimumHeight(self.fontMetrics().height() * 10)
        self.doubleClicked.connect(self.open_requested.emit)
        model.modelReset.connect(self.resizeRowsToContents)
        # Wrapped cells need their height again whenever the day columns change width.
        header.sectionResized.connect(lambda *args: self.resizeRowsToContents())

    def minimum_day_width(self) -> int:
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance("00:00–00:00"), metrics.horizontalAdvance("Wed 30 Sep")) + 14

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.horizontalHeader().setMinimumSectionSize(self.minimum_day_width())
            self.resizeRowsToContents()

    def week_model(self) -> WeekModel:
        return self.model()  # type: ignore[return-value]

    def moveCursor(self, action, modifiers):  # noqa: N802 - Qt name
        current = self.currentIndex()
        model = self.week_model()
        if not current.isValid():
            return model.index(0, 0)
        row, column = current.row(), current.column()
        count = lambda col: len(model.shifts_on(col))  # noqa: E731 - tiny helper
        Action = QAbstractItemView.CursorAction
        if action in (Action.MoveLeft, Action.MoveRight):
            column = max(0, min(6, column + (-1 if action == Action.MoveLeft else 1)))
            return model.index(max(0, min(row, count(column) - 1)), column)
        if action in (Action.MoveUp, Action.MoveDown):
            row = row + (-1 if action == Action.MoveUp else 1)
            return model.index(max(0, min(row, count(column) - 1)), column)
        if action == Action.MoveHome:
            return model.index(0, column)
        if action == Action.MoveEnd:
            return model.index(max(0, count(column) - 1), column)
        return super().moveCursor(action, modifiers)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def select(self, index: QModelIndex) -> None:
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)


class MonthView(QTableView):
    """Six weeks of days; arrows move a day or a week, Enter opens the day's week."""

    open_requested = Signal(QModelIndex)

    def __init__(self, model: MonthModel, accessible_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("monthView")
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)  # each cell names its own date
        self.setMinimumHeight(self.fontMetrics().height() * 12)
        self.doubleClicked.connect(self.open_requested.emit)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)
