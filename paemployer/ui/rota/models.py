"""Qt models over plain rota values: the week (days × that day's shifts in time order) and the month.

A model never reads the file: the page hands it RotaShift values and words from services.rota_view.
Each PA is told apart by name and by the pattern in words, never by colour alone.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from paemployer.i18n import _, day_name, format_date, format_time, ngettext
from paemployer.labels import shift_kind_label
from paemployer.services.rota.engine import RotaShift, clock_range, day_label
from paemployer.services.rota.view import shift_words, status_words

SHIFT_MIME_TYPE = "application/x-paemployer-shift"
KEY_ROLE = Qt.ItemDataRole.UserRole
DATE_ROLE = Qt.ItemDataRole.UserRole + 1


def times_text(shift: RotaShift) -> str:
    return clock_range(shift.start, shift.end)


def day_heading(day: date, today: date, *, lines: bool = False) -> str:
    text = day_label(day)
    if day != today:
        return text
    return text + "\n" + _("today") if lines else _("{day} (today)").format(day=text)


def shift_sentence(shift: RotaShift, patterns: dict[int, str]) -> str:
    """The whole shift in one sentence, for screen readers and tooltips."""
    day = f"{day_name(shift.start.weekday())} {format_date(shift.start.date(), format='d MMMM')}"
    parts = [_("{who}, {day}, {times}, {kind} shift").format(who=shift.who, day=day, times=times_text(shift),
                                                               kind=shift_kind_label(shift.kind)),
             shift_words(shift, patterns)]
    if shift.break_minutes:
        parts.append(_("unpaid break {minutes} minutes").format(minutes=shift.break_minutes))
    if shift.woken_minutes:
        parts.append(_("woken {minutes} minutes").format(minutes=shift.woken_minutes))
    if status_words(shift.status):
        parts.append(status_words(shift.status))
    if shift.notes:
        parts.append(shift.notes)
    return ", ".join(parts)


def _marks(gaps: int, limits: int, *, short: bool = False) -> list[str]:
    """What is wrong on a day, in words: '1 gap', '2 rest problems' ('rest' where room is short)."""
    marks = []
    if gaps:
        marks.append(ngettext("{n} gap", "{n} gaps", gaps).format(n=gaps))
    if limits:
        marks.append(_("rest") if short else
                     ngettext("{n} rest problem", "{n} rest problems", limits).format(n=limits))
    return marks


class WeekModel(QAbstractTableModel):
    """Seven columns (Monday to Sunday); row n of a column is that day's n-th shift by start time.

    A night shift shows on the day it starts. Dropping a dragged shift on another day emits
    `move_requested(key, days)`; the page asks the service to move it, then shows the week again.
    """

    move_requested = Signal(str, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.monday = date(2000, 1, 3)
        self.today = self.monday
        self._days: list[list[RotaShift]] = [[] for _day in range(7)]
        self._patterns: dict[int, str] = {}
        self._names: dict[str, str] = {}
        self._gaps: list[int] = [0] * 7
        self._limits: list[int] = [0] * 7

    def set_limits(self, per_day: list[int]) -> None:
        """Rest and hours-limit problems by day (they come a moment after the shifts): marked in the headings."""
        self._limits = list(per_day)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)

    def set_week(self, monday: date, shifts: list[RotaShift], *, patterns: dict[int, str], names: dict[str, str],
                 gaps_per_day: list[int], today: date) -> None:
        self.beginResetModel()
        self.monday, self.today = monday, today
        self._days = [[] for _day in range(7)]
        for shift in shifts:
            offset = (shift.start.date() - monday).days
            if 0 <= offset < 7:
                self._days[offset].append(shift)
        for day in self._days:
            day.sort(key=lambda s: (s.start, s.who, s.key))
        self._patterns, self._names, self._gaps = dict(patterns), dict(names), list(gaps_per_day)
        self._limits = [0] * 7
        self.endResetModel()

    # -- plain values out
    def day(self, column: int) -> date:
        return self.monday + timedelta(days=column)

    def shifts_on(self, column: int) -> list[RotaShift]:
        return list(self._days[column]) if 0 <= column < 7 else []

    def shift_at(self, index: QModelIndex | QPersistentModelIndex) -> RotaShift | None:
        if not index.isValid():
            return None
        day = self._days[index.column()] if 0 <= index.column() < 7 else []
        return day[index.row()] if 0 <= index.row() < len(day) else None

    def index_of(self, key: str) -> QModelIndex:
        for column, day in enumerate(self._days):
            for row, shift in enumerate(day):
                if shift.key == key:
                    return self.index(row, column)
        return QModelIndex()

    def cell_text(self, shift: RotaShift) -> str:
        name = self._names.get(shift.who, shift.who)
        lines = [times_text(shift), name]
        if shift.kind != "day":  # most shifts are day shifts: only the others say their kind
            lines.append(shift_kind_label(shift.kind))
        lines.append(shift_words(shift, self._patterns))
        status = status_words(shift.status)
        if status:
            lines.append(status.upper() if shift.status in ("cancelled", "absent") else status)
        return "\n".join(lines)

    # -- QAbstractTableModel
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else max(1, max(len(day) for day in self._days))

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shift = self.shift_at(index)
        if shift is None:
            if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid() and index.row() == 0:
                return _("{day}: no shifts").format(day=day_heading(self.day(index.column()), self.today))
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(shift)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return shift_sentence(shift, self._patterns)
        if role == KEY_ROLE:
            return shift.key
        if role == Qt.ItemDataRole.FontRole and not shift.is_active:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 7:
            if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole \
                    and 0 <= section < self.rowCount():
                return str(section + 1)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            lines = role == Qt.ItemDataRole.DisplayRole
            text = day_heading(self.day(section), self.today, lines=lines)
            for words in _marks(self._gaps[section], self._limits[section], short=lines):
                text += ("\n⚠ " + words) if lines else ", " + words
            return text
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if self.shift_at(index) is not None:
            base |= Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        return base

    # -- drag a shift to another day
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [SHIFT_MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        for index in indexes:
            shift = self.shift_at(index)
            if shift is not None:
                data.setData(SHIFT_MIME_TYPE, QByteArray(f"{index.column()}|{shift.key}".encode("utf-8")))
                break
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data is not None and data.hasFormat(SHIFT_MIME_TYPE)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = parent.column() if parent.isValid() else column
        if not 0 <= target < 7:
            return False
        source, key = bytes(data.data(SHIFT_MIME_TYPE)).decode("utf-8").split("|", 1)
        if int(source) != target:
            self.move_requested.emit(key, target - int(source))
        return False  # the view must not change cells itself: the service moves the shift


class MonthModel(QAbstractTableModel):
    """Six weeks of seven days around a month; each day lists its shifts briefly and any gaps in words."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.first = date(2000, 1, 1)
        self.start = date(2000, 1, 3)
        self.today = self.first
        self._by_day: dict[date, list[RotaShift]] = {}
        self._gaps: dict[date, int] = {}
        self._limits: dict[date, int] = {}
        self._names: dict[str, str] = {}

    def set_limits(self, per_day: dict[date, int]) -> None:
        """Rest and hours-limit problems by day, marked in the day's cell."""
        self._limits = dict(per_day)
        self.dataChanged.emit(self.index(0, 0), self.index(5, 6))

    def set_month(self, first: date, shifts: list[RotaShift], *, names: dict[str, str], gaps_per_day: dict[date, int],
                  today: date) -> None:
        self.beginResetModel()
        self.first, self.today = first.replace(day=1), today
        self.start = self.first - timedelta(days=self.first.weekday())
        self._by_day = {}
        for shift in shifts:
            self._by_day.setdefault(shift.start.date(), []).append(shift)
        for day in self._by_day.values():
            day.sort(key=lambda s: (s.start, s.who, s.key))
        self._names, self._gaps = dict(names), dict(gaps_per_day)
        self._limits = {}
        self.endResetModel()

    @property
    def last_day(self) -> date:
        return self.start + timedelta(days=41)

    def day_at(self, index: QModelIndex | QPersistentModelIndex) -> date | None:
        if not index.isValid():
            return None
        return self.start + timedelta(days=index.row() * 7 + index.column())

    def index_of(self, day: date) -> QModelIndex:
        offset = (day - self.start).days
        return self.index(offset // 7, offset % 7) if 0 <= offset < 42 else QModelIndex()

    def shifts_on(self, day: date) -> list[RotaShift]:
        return list(self._by_day.get(day, ()))

    def _text(self, day: date) -> str:
        heading = format_date(day, format="d MMM") if day.day == 1 or day == self.start else str(day.day)
        if day == self.today:
            heading = _("{day} (today)").format(day=heading)
        lines = [heading] + ["⚠ " + words for words in _marks(self._gaps.get(day, 0), self._limits.get(day, 0),
                                                             short=True)]
        for shift in self._by_day.get(day, ()):
            line = f"{format_time(shift.start.time())} {self._names.get(shift.who, shift.who)}"
            if not shift.is_active:
                line += " (" + status_words(shift.status) + ")"
            lines.append(line)
        return "\n".join(lines)

    def _sentence(self, day: date) -> str:
        shifts = self._by_day.get(day, ())
        parts = [f"{day_name(day.weekday())} {format_date(day, format='d MMMM')}"]
        parts += _marks(self._gaps.get(day, 0), self._limits.get(day, 0))
        parts.append(ngettext("{n} shift", "{n} shifts", len(shifts)).format(n=len(shifts)))
        parts += [f"{s.who} {times_text(s)} {status_words(s.status)}".strip() for s in shifts]
        return ", ".join(parts)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        day = self.day_at(index)
        if day is None or not (0 <= index.row() < 6 and 0 <= index.column() < 7):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(day)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self._sentence(day)
        if role == DATE_ROLE:
            return day.isoformat()
        if role == Qt.ItemDataRole.FontRole and day == self.today:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 7:
            return day_name(section, width="abbreviated") if role == Qt.ItemDataRole.DisplayRole else day_name(section)
        if orientation == Qt.Orientation.Vertical and 0 <= section < 6:
            monday = self.start + timedelta(weeks=section)
            return _("Week of {day}").format(day=format_date(monday, format="d MMM"))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
