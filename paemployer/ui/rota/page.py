"""The Rota page: the week (or month) of shifts, what is wrong with it in words, timesheets, support needed.

Keys (also in the Actions menu): Page Up / Page Down or Alt+Left / Alt+Right for the previous and next
week, Home for this week, arrows through days and shifts, Enter opens a shift, Ctrl+Shift+Left / Right
moves it a day, Ctrl+Shift+Up / Down half an hour, Delete cancels it, F8 "My PA can't come".
Every move goes through services.rota and the week is checked again at once.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHeaderView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from paemployer import clock
from paemployer.services import output
from paemployer.i18n import N_, _, format_date, ngettext
from paemployer.services import records, rota
from paemployer.services.rota import view as rota_view
from paemployer.services.rota.engine import RotaShift, describe_shift_time, week_range, week_start
from paemployer.ui.models import Column, RowsTableModel
from paemployer.ui.operations import ABSENCE, COVER, PA, SHIFT
from paemployer.ui.page_base import Page
from paemployer.ui.rota.cover import CantComeDialog
from paemployer.ui.rota.dialogs import CalendarDialog, PatternDialog, ShiftDialog
from paemployer.ui.rota.models import MonthModel, WeekModel
from paemployer.ui.rota.tabs import SupportTab, TimesheetTab
from paemployer.ui.rota.views import MonthView, WeekView
from paemployer.ui.widgets import RecordTable, button, confirm, scaled

WEEK, MONTH = "week", "month"


class RotaPage(Page):
    name = "rota"
    title = N_("Rota")
    shows = frozenset({SHIFT, ABSENCE, PA, COVER})

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.anchor: date = context.today()
        self.mode = WEEK
        self.period: rota.RotaPeriod | None = None
        self.patterns: dict[int, str] = {}
        self.problem_rows: list[rota_view.Problem] = []
        self._pas: list[tuple[int, str]] = []
        self._all_pas: list[tuple[int, str, date | None]] = []  # (id, full name, end date), read on a change
        self._check_token = 0
        self._checked = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(6)
        top = QHBoxLayout()
        heading_column = QVBoxLayout()
        heading_column.setSpacing(2)
        self.page_heading(_("Rota"), heading_column)
        self.period_label = QLabel()
        self.period_label.setObjectName("periodLabel")
        scaled(self.period_label, 1.0, bold=True)
        heading_column.addWidget(self.period_label)
        top.addLayout(heading_column, 1)
        self.cant_come_button = QPushButton(_("My PA &can't come…"))
        self.cant_come_button.setObjectName("cantComeButton")
        self.cant_come_button.setAccessibleName(_("My PA can't come"))
        self.cant_come_button.setToolTip(_("Who could cover the selected shift, and the emergency numbers (F8)"))
        scaled(self.cant_come_button, 1.3, bold=True)
        self.cant_come_button.setMinimumHeight(int(self.cant_come_button.fontMetrics().height() * 2.2))
        self.cant_come_button.setAutoDefault(False)
        self.cant_come_button.clicked.connect(lambda: self.cant_come())
        top.addWidget(self.cant_come_button, 0, Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(top)

        # Moving through time, and week or month.
        row = QHBoxLayout()
        self.previous_button = button(_("◀ &Previous"), self.previous, name=_("Previous week or month"))
        self.previous_button.setToolTip(_("Page Up or Alt+Left"))
        self.today_button = button(_("Th&is week"), self.this_week)
        self.today_button.setToolTip(_("Home"))
        self.next_button = button(_("&Next ▶"), self.next, name=_("Next week or month"))
        self.next_button.setToolTip(_("Page Down or Alt+Right"))
        self.week_radio = QRadioButton(_("&Week"))
        self.week_radio.setToolTip(_("Ctrl+Shift+W"))
        self.month_radio = QRadioButton(_("&Month"))
        self.month_radio.setToolTip(_("Ctrl+Shift+M"))
        self.week_radio.setAccessibleName(_("Show the week"))
        self.month_radio.setAccessibleName(_("Show the month"))
        self.week_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.week_radio)
        group.addButton(self.month_radio)
        self.week_radio.toggled.connect(lambda on: on and self.set_mode(WEEK))
        self.month_radio.toggled.connect(lambda on: on and self.set_mode(MONTH))
        show_label = QLabel(_("Show:"))
        self.actions_button = QToolButton()
        self.actions_button.setText(_("&Actions"))
        self.actions_button.setAccessibleName(_("Rota actions"))
        self.actions_button.setToolTip(_("Every rota action and its key"))
        self.actions_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.actions_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for widget in (self.previous_button, self.today_button, self.next_button):
            row.addWidget(widget)
        row.addSpacing(16)
        row.addWidget(show_label)
        row.addWidget(self.week_radio)
        row.addWidget(self.month_radio)
        row.addStretch(1)
        row.addWidget(self.actions_button)
        outer.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("rotaTabs")
        self.tabs.setAccessibleName(_("Rota, timesheet and support needed"))
        outer.addWidget(self.tabs, 1)

        # The rota tab: the grid and, beside it, what is wrong in words.
        rota_tab = QWidget()
        column = QVBoxLayout(rota_tab)
        column.setContentsMargins(4, 6, 4, 4)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter = splitter
        splitter.setChildrenCollapsible(False)
        grid_side = QWidget()
        grid_column = QVBoxLayout(grid_side)
        grid_column.setContentsMargins(0, 0, 0, 0)
        self.grid_label = QLabel(self._grid_words())
        self.grid_label.setWordWrap(True)
        self.week_model = WeekModel(self)
        # After the drop has finished: the move reloads the week, which must not happen inside the drop.
        self.week_model.move_requested.connect(
            lambda key, days: QTimer.singleShot(0, lambda: self.move_shift(key, days=days)))
        self.week_view = WeekView(self.week_model, _("Week rota"))
        self.week_view.open_requested.connect(lambda index: self.open_shift())
        self.month_model = MonthModel(self)
        self.month_view = MonthView(self.month_model, _("Month rota"))
        self.month_view.open_requested.connect(self.open_day)
        self.grid_stack = QStackedWidget()
        self.grid_stack.addWidget(self.week_view)
        self.grid_stack.addWidget(self.month_view)
        self.grid_label.setBuddy(self.week_view)
        grid_column.addWidget(self.grid_label)
        grid_column.addWidget(self.grid_stack, 1)
        splitter.addWidget(grid_side)

        problems_side = QWidget()
        problems_column = QVBoxLayout(problems_side)
        problems_column.setContentsMargins(0, 0, 0, 0)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setObjectName("problemsLabel")
        # One column of three lines (when, what, who) so nothing is cut off beside the grid.
        self.problem_model: RowsTableModel[rota_view.Problem] = RowsTableModel([
            Column(_("When, what, who"), lambda p: f"{p.when}\n{p.what}\n{p.who}",
                   tooltip=lambda p: f"{p.when}: {p.what}. {p.who}"),
        ])
        self.problem_table = RecordTable(self.problem_model, _("Gaps, clashes and rest problems"))
        self.problem_table.setWordWrap(True)
        self.problem_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.problem_table.horizontalHeader().sectionResized.connect(
            lambda *args: self.problem_table.resizeRowsToContents())
        self.problem_table.activated_row.connect(self.open_problem)
        self.problems_label.setBuddy(self.problem_table)
        problems_column.addWidget(self.problems_label)
        problems_column.addWidget(self.problem_table, 1)
        hint = QLabel(_("Enter on a gap adds a shift for it; on a clash or rest problem, shows the shift."))
        hint.setWordWrap(True)
        problems_column.addWidget(hint)
        splitter.addWidget(problems_side)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 330])
        column.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.add_shift_button = button(_("A&dd a one-off shift…"), self.add_shift)
        self.add_shift_button.setToolTip(_("Ctrl+Shift+A"))
        self.add_pattern_button = button(_("Add a r&epeating shift…"), self.add_pattern)
        self.add_pattern_button.setToolTip(_("Weekly, every two weeks, every other Saturday or a custom rule "
                                             "(Ctrl+Shift+R)"))
        self.open_button = button(_("&Open shift…"), self.open_shift)
        self.open_button.setToolTip(_("Change this shift only (Enter)"))
        self.cancel_button = button(_("Cance&l this shift…"), self.cancel_shift)
        self.cancel_button.setToolTip(_("Cancel this day only; a pattern carries on (Delete)"))
        self.pdf_button = button(_("Save wee&k as PDF…"), self.save_week_pdf)
        self.pdf_button.setToolTip(_("To print or send (Ctrl+P)"))
        for widget in (self.add_shift_button, self.add_pattern_button, self.open_button, self.cancel_button,
                       self.pdf_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.tabs.addTab(rota_tab, _("&Rota"))

        self.timesheet = TimesheetTab(self)
        self.tabs.addTab(self.timesheet, _("&Timesheet"))
        self.support = SupportTab(self)
        self.tabs.addTab(self.support, _("S&upport needed"))

        self._build_actions()
        self.setTabOrder(self.previous_button, self.today_button)

    # ----- actions: each in the Actions menu with its key
    def _build_actions(self) -> None:
        menu = QMenu(self)
        self.action_menu = menu

        def add(text: str, keys: list[str], slot) -> QAction:
            action = QAction(text, self)
            if keys:
                action.setShortcuts([QKeySequence(k) for k in keys])
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda checked=False: slot())
            self.addAction(action)
            menu.addAction(action)
            return action

        self.action_previous = add(_("&Previous week or month"), ["PgUp", "Alt+Left"], self.previous)
        self.action_next = add(_("&Next week or month"), ["PgDown", "Alt+Right"], self.next)
        self.action_this_week = add(_("&This week"), ["Home"], self.this_week)
        self.action_week = add(_("Show the &week"), ["Ctrl+Shift+W"], lambda: self.week_radio.setChecked(True))
        self.action_month = add(_("Show the &month"), ["Ctrl+Shift+M"], lambda: self.month_radio.setChecked(True))
        menu.addSeparator()
        self.action_cant_come = add(_("My PA &can't come…"), ["F8"], self.cant_come)
        self.action_open = add(_("&Open shift… (Enter)"), [], self.open_shift)
        self.action_add_shift = add(_("&Add a one-off shift…"), ["Ctrl+Shift+A"], self.add_shift)
        self.action_add_pattern = add(_("Add a &repeating shift…"), ["Ctrl+Shift+R"], self.add_pattern)
        self.action_cancel = add(_("Cance&l this shift… (or delete the chosen support time)"), ["Delete"],
                                 self.delete_key)
        self.action_stop_pattern = add(_("&Stop this shift's pattern from this day…"), [], self.stop_pattern)
        menu.addSeparator()
        self.action_day_earlier = add(_("Move shift a day &earlier"), ["Ctrl+Shift+Left"],
                                      lambda: self.move_selected(days=-1))
        self.action_day_later = add(_("Move shift a &day later"), ["Ctrl+Shift+Right"],
                                    lambda: self.move_selected(days=1))
        self.action_earlier = add(_("Move shift &half an hour earlier"), ["Ctrl+Shift+Up"],
                                  lambda: self.move_selected(minutes=-30))
        self.action_later = add(_("Move shift half an ho&ur later"), ["Ctrl+Shift+Down"],
                                lambda: self.move_selected(minutes=30))
        menu.addSeparator()
        self.action_confirm = add(_("Con&firm week as planned"), ["Ctrl+Shift+C"], self.timesheet.confirm_week)
        self.action_pdf = add(_("Save wee&k as PDF…"), ["Ctrl+P"], self.save_week_pdf)
        self.action_plan = add(_("Save the emergenc&y plan as PDF…"), ["Ctrl+Shift+E"], self.save_plan_pdf)
        self.action_ics = add(_("Calendar file (.&ics) for a PA…"), ["Ctrl+Shift+I"], self.export_calendar)
        self.actions_button.setMenu(menu)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        """Problems beside the grid when there is room for both, under it when the text is large."""
        super().resizeEvent(event)
        beside = self.week_view.minimum_day_width() * 7 + self.fontMetrics().averageCharWidth() * 34 + 40
        wanted = Qt.Orientation.Horizontal if self.width() >= beside else Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            total = self.splitter.width() if wanted == Qt.Orientation.Horizontal else self.splitter.height()
            self.splitter.setSizes([total * 5 // 7, total * 2 // 7] if wanted == Qt.Orientation.Horizontal
                                   else [total * 3 // 5, total * 2 // 5])

    def _grid_words(self) -> str:
        if self.mode == WEEK:
            return _("&Shifts (arrows move, Enter opens, Ctrl+Shift+arrows move the shift, F8 if a PA can't come):")
        return _("&Days (arrows move, Enter shows the day's week):")

    # ----- time
    def week_range(self) -> tuple[datetime, datetime]:
        return week_range(self.anchor)

    def previous(self) -> None:
        self._step(-1)

    def next(self) -> None:
        self._step(+1)

    def _step(self, direction: int) -> None:
        if self.mode == WEEK:
            self.anchor += timedelta(weeks=direction)
        else:
            self.anchor = rota_view.month_start(self.anchor, direction)
        self.show_period()

    def this_week(self) -> None:
        self.anchor = self.context.today()
        self.show_period()
        if self.mode == WEEK:
            self.week_view.select(self.week_model.index(0, self.anchor.weekday()))

    def set_mode(self, mode: str) -> None:
        if mode == self.mode:
            return
        self.mode = mode
        self.grid_stack.setCurrentWidget(self.week_view if mode == WEEK else self.month_view)
        self.grid_label.setBuddy(self.week_view if mode == WEEK else self.month_view)
        self.grid_label.setText(self._grid_words())
        self.show_period()

    def show_week_of(self, day: date) -> None:
        self.anchor = day
        if self.mode == WEEK:
            self.show_period()
        else:
            self.week_radio.setChecked(True)  # set_mode shows the period

    # ----- loading
    def refresh(self) -> None:
        """Everything again (after a change): patterns, the support schedule, and the period shown."""
        file, read = self.context.file, self.context.operations.read
        self.patterns = read(lambda: rota_view.pattern_words(file), parent=self, default={})
        pas = read(lambda: records.list_pas(file), parent=self, default=[])
        self._all_pas = [(pa.id, pa.full_name, pa.end_date)
                         for pa in sorted(pas, key=lambda pa: (pa.first_name, pa.last_name))]
        self.support.refresh()
        self.show_period()

    def show_period(self) -> None:
        """The week or month at `anchor`: shifts, gaps and clashes at once; rest and hours limits a moment later."""
        monday = week_start(self.anchor)  # the PAs to choose from leave out those who had left by then
        self._pas = [(pa_id, name) for pa_id, name, end in self._all_pas if end is None or end >= monday]
        if self.mode == WEEK:
            self._refresh_week()
        else:
            self._refresh_month()
        # The working-time checks read each PA's 17 weeks: after the grid is drawn, and only for the
        # period still shown when the event loop gets to them (paging quickly skips the ones passed).
        self._check_token += 1
        token = self._check_token
        QTimer.singleShot(0, lambda: self.check_working_time(token))

    def check_working_time(self, token: int | None = None) -> None:
        """Add the rest and hours-limit problems of the period shown to the list beside the grid."""
        if (token is not None and token != self._check_token) or self.period is None:
            return
        file, start, end = self.context.file, self.period.start, self.period.end
        view = self.context.operations.read(lambda: rota.period(file, start, end, working_time=True), parent=self)
        if view is None:
            return
        self._checked = True
        self.period = view
        rows = self._problems_in_view(view)
        self._show_problems(rows)
        per_day: dict[date, int] = {}
        for problem in rows:
            if problem.kind == "working_time":
                per_day[problem.start.date()] = per_day.get(problem.start.date(), 0) + 1
        if self.mode == WEEK:
            monday = self.week_model.monday
            self.week_model.set_limits([per_day.get(monday + timedelta(days=d), 0) for d in range(7)])
        else:
            self.month_model.set_limits(per_day)

    def _refresh_week(self) -> None:
        file, anchor = self.context.file, self.anchor
        keep = self.current_shift()
        keep_index = self.week_view.currentIndex()
        view = self.context.operations.read(lambda: rota.week(file, anchor), parent=self)
        if view is None:
            return
        self.period = view
        monday = view.start.date()
        self.period_label.setText(_("Week of {day}").format(day=format_date(monday, format="full")))
        gaps_per_day = [0] * 7
        for gap in view.gaps:
            offset = (gap.start.date() - monday).days
            if 0 <= offset < 7:
                gaps_per_day[offset] += 1
        names = rota_view.short_names([s.who for s in view.shifts])
        self.week_model.set_week(monday, list(view.shifts), patterns=self.patterns, names=names,
                                 gaps_per_day=gaps_per_day, today=self.context.today())
        index = self.week_model.index_of(keep.key) if keep is not None else None
        if index is None or not index.isValid():
            column = keep_index.column() if keep_index.isValid() else (
                self.context.today().weekday() if monday == week_start(self.context.today()) else 0)
            index = self.week_model.index(0, max(0, column))
        self.week_view.select(index)
        self.timesheet.show_shifts(list(view.shifts), monday)
        self._checked = False
        self._show_problems(self._problems_in_view(view))

    def _refresh_month(self) -> None:
        file = self.context.file
        first = rota_view.month_start(self.anchor)
        start_day = first - timedelta(days=first.weekday())
        start = datetime.combine(start_day, datetime.min.time())
        end = start + timedelta(days=42)
        view = self.context.operations.read(lambda: rota.period(file, start, end), parent=self)
        if view is None:
            return
        self.period = view
        self.period_label.setText(format_date(first, format="MMMM yyyy"))
        gaps: dict[date, int] = {}
        for gap in view.gaps:
            gaps[gap.start.date()] = gaps.get(gap.start.date(), 0) + 1
        names = rota_view.short_names([s.who for s in view.shifts])
        self.month_model.set_month(first, list(view.shifts), names=names, gaps_per_day=gaps,
                                   today=self.context.today())
        self.month_view.setCurrentIndex(self.month_model.index_of(self.anchor))
        self._checked = False
        self._show_problems(self._problems_in_view(view))
        monday = week_start(self.anchor)
        self.timesheet.show_shifts([s for s in view.shifts if monday <= s.start.date() < monday + timedelta(7)],
                                   monday)

    def _problems_in_view(self, view: rota.RotaPeriod) -> list[rota_view.Problem]:
        rows = rota_view.problems(view)
        if self.mode == MONTH:
            first = rota_view.month_start(self.anchor)
            rows = [p for p in rows if first <= p.start.date() < rota_view.month_start(first, 1)]
        return rows

    def _show_problems(self, rows: list[rota_view.Problem]) -> None:
        self.problem_rows = rows
        self.problem_model.set_rows(rows)
        where = _("this week") if self.mode == WEEK else _("this month")
        counts = rota_view.problem_counts(rows) if self._checked else rota_view.problem_counts(rows, checking=True)
        self.problems_label.setText(_("Pro&blems {where}: {counts}").format(where=where, counts=counts))
        self.problem_table.setAccessibleDescription(self.problems_label.text().replace("&", ""))
        self.problem_table.resizeRowsToContents()

    # ----- the shift in hand
    def current_shift(self) -> RotaShift | None:
        if self.tabs.currentWidget() is self.timesheet:
            return self.timesheet.current()
        if self.tabs.currentWidget() is self.support:
            return None
        if self.mode == WEEK:
            return self.week_model.shift_at(self.week_view.currentIndex())
        return None

    def _need_shift(self) -> RotaShift | None:
        shift = self.current_shift()
        if shift is None:
            self.context.status(_("Choose a shift first: use the arrow keys in the week, then try again."))
        return shift

    def _shift_by_key(self, key: str) -> RotaShift | None:
        """The shift as the period on screen holds it (read after every change); asked of the services
        only when it is outside the period."""
        if self.period is not None:
            for shift in self.period.shifts:
                if shift.key == key:
                    return shift
        return self.context.operations.read(lambda: rota.get_shift(self.context.file, key), parent=self)

    def select_key(self, key: str) -> None:
        index = self.week_model.index_of(key)
        if index.isValid():
            self.week_view.select(index)
        self.timesheet.select_key(key)

    def show_record(self, record_id: Any) -> None:
        """Go to a shift (its key) or a day (a date)."""
        if isinstance(record_id, date):
            self.show_week_of(record_id)
            return
        shift = self.context.operations.read(lambda: rota.get_shift(self.context.file, record_id), parent=self)
        if shift is not None:
            self.show_week_of(shift.start.date())
            self.select_key(shift.key)
            self.week_view.setFocus()

    # ----- planning
    def add_shift(self, *, day: date | None = None, start=None, end=None) -> None:
        if day is None:
            index = self.week_view.currentIndex()
            day = self.week_model.day(index.column()) if self.mode == WEEK and index.isValid() else self.anchor
        extra = {}
        if start is not None:
            extra = {"start": start, "end": end}
        dialog = ShiftDialog(self, ef=self.context.file, operations=self.context.operations, changes={SHIFT},
                             pas=self._pas, day=day, **extra)
        if dialog.exec() and dialog.outcome and dialog.outcome.ok:
            self.select_key(dialog.outcome.value)

    def add_pattern(self) -> None:
        index = self.week_view.currentIndex()
        day = self.week_model.day(index.column()) if self.mode == WEEK and index.isValid() else self.anchor
        shift = self.current_shift()
        PatternDialog(self, ef=self.context.file, operations=self.context.operations, changes={SHIFT},
                      pas=self._pas, day=day, pa_id=shift.pa_id if shift else None).exec()

    def open_shift(self) -> None:
        if self.mode == MONTH and self.tabs.currentWidget() is not self.timesheet:
            self.open_day(self.month_view.currentIndex())
            return
        index = self.week_view.currentIndex()
        if self.tabs.currentWidget() is not self.timesheet and index.isValid() \
                and self.week_model.shift_at(index) is None:
            self.add_shift(day=self.week_model.day(index.column()))  # Enter on an empty day adds a shift there
            return
        shift = self._need_shift()
        if shift is None:
            return
        dialog = ShiftDialog(self, ef=self.context.file, operations=self.context.operations, changes={SHIFT},
                             pas=self._pas, shift=shift,
                             pattern_words=self.patterns.get(shift.pattern_id, "") if shift.pattern_id else "")
        if dialog.exec() and dialog.outcome and dialog.outcome.ok:
            self._follow(dialog.outcome.value)

    def open_day(self, index) -> None:
        day = self.month_model.day_at(index)
        if day is not None:
            self.show_week_of(day)
            self.week_view.select(self.week_model.index(0, day.weekday()))
            self.week_view.setFocus()

    def _follow(self, key: str) -> None:
        """Show the week the shift is now in, with the shift selected."""
        shift = self._shift_by_key(key)
        if shift is None:
            return
        if week_start(shift.start.date()) != week_start(self.anchor) and self.mode == WEEK:
            self.anchor = shift.start.date()
            self.show_period()
        self.select_key(key)

    def delete_key(self) -> None:
        """Delete cancels the chosen shift, or on the Support needed tab deletes the chosen time."""
        if self.tabs.currentWidget() is self.support:
            self.support.delete_need()
        else:
            self.cancel_shift()

    def cancel_shift(self) -> None:
        shift = self._need_shift()
        if shift is None:
            return
        if not shift.is_active:
            self.context.status(_("This shift is already cancelled or covered."))
            return
        question = _("Cancel {who}'s shift on {time}?").format(who=shift.who, time=describe_shift_time(shift))
        if shift.pattern_id is not None:
            question += "\n\n" + _("Only this day is cancelled; the repeating shift carries on.")
        if not confirm(self, question):
            return
        file = self.context.file
        self.context.operations.run(lambda: rota.cancel_shift(file, shift.key), changes={SHIFT}, parent=self,
                                    done=_("Shift cancelled. If nobody else is on, it shows as a gap."))

    def stop_pattern(self) -> None:
        shift = self._need_shift()
        if shift is None:
            return
        if shift.pattern_id is None:
            self.context.status(_("This is a one-off shift, not part of a repeating one."))
            return
        last_day = shift.start.date() - timedelta(days=1)
        question = _("Stop {who}'s repeating shift ({pattern}) so that {day} and later are no longer on the rota? "
                     "Shifts before then, and any already worked, stay.").format(
            who=shift.who, pattern=self.patterns.get(shift.pattern_id, ""),
            day=format_date(shift.start.date(), format="d MMMM"))
        if not confirm(self, question):
            return
        file, pattern_id = self.context.file, shift.pattern_id
        self.context.operations.run(lambda: rota.end_pattern(file, pattern_id, last_day), changes={SHIFT},
                                    parent=self, done=_("The repeating shift is stopped."))

    # ----- moving
    def move_selected(self, *, days: int = 0, minutes: int = 0) -> None:
        shift = self._need_shift()
        if shift is None:
            return
        self.move_shift(shift.key, days=days, minutes=minutes)

    def move_shift(self, key: str, *, days: int = 0, minutes: int = 0) -> None:
        """Move a shift through the service, then show the week (and its problems) checked again."""
        file = self.context.file
        shift = self._shift_by_key(key)
        if shift is None:
            return
        new_start = shift.start + timedelta(days=days, minutes=minutes)
        outcome = self.context.operations.run(lambda: rota.move_shift(file, key, new_start), changes={SHIFT},
                                              parent=self)
        if not outcome.ok:
            return
        self._follow(outcome.value)
        # Checked now, not later: the message below names any rest or hours problem. The check the
        # refresh queued is then stale, so it is skipped.
        self._check_token += 1
        self.check_working_time()
        moved = self._shift_by_key(outcome.value)
        if moved is None:
            return
        mine = [p for p in self.problem_rows
                if moved.key in p.shift_keys or (p.kind != "gap" and moved.pa_name and moved.pa_name in p.who)]
        message = _("Moved {who}'s shift to {time}.").format(who=moved.who, time=describe_shift_time(moved))
        if mine:
            message += " " + _("Check: {problem}").format(problem=f"{mine[0].what} ({mine[0].who})")
        self.context.status(message)

    # ----- plan B
    def cant_come(self) -> None:
        shift = self._need_shift()
        if shift is None:
            return
        if not shift.is_active:
            self.context.status(_("This shift is already cancelled or covered."))
            return
        file = self.context.file
        options = self.context.operations.read(lambda: rota.cover_options(file, shift.key), parent=self)
        if options is None:
            return
        dialog = CantComeDialog(self, ef=file, operations=self.context.operations, changes={SHIFT, ABSENCE},
                                options=options)
        if dialog.exec() and dialog.outcome and dialog.outcome.ok and dialog.outcome.value:
            self.select_key(dialog.outcome.value)

    # ----- problems
    def open_problem(self, row: int) -> None:
        problem = self.problem_model.row_at(row)
        if problem is None:
            return
        if problem.kind == "gap" and problem.end is not None:
            end = problem.end.time()
            self.add_shift(day=problem.start.date(), start=problem.start.time(), end=end)
            return
        if problem.shift_keys:
            if self.mode == MONTH:
                self.show_week_of(problem.start.date())
            self.select_key(problem.shift_keys[0])
            self.week_view.setFocus()

    # ----- files
    def _save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(Path(folder) / suggested), file_filter)
        return Path(chosen) if chosen else None

    # rota_documents (reportlab) and calendar_export (icalendar) are imported where they are used, so
    # start-up does not wait for libraries only these buttons need.
    def save_week_pdf(self, path: Path | None = None) -> bool:
        from paemployer.services.rota import documents as rota_documents

        monday = week_start(self.anchor)
        path = path or self._save_path(_("Save the week's rota as PDF"), f"rota-{monday.isoformat()}.pdf",
                                       _("PDF files (*.pdf)"))
        if path is None:
            return False
        file, today = self.context.file, self.context.today()
        return self.context.operations.run(
            lambda: output.write_output(path, rota_documents.weekly_rota(file, monday, today=today), replace=True),
            changes=(),
            parent=self, done=_("Saved the rota to {path}. Open it to print.").format(path=path)).ok

    def save_plan_pdf(self, path: Path | None = None) -> bool:
        from paemployer.services.rota import documents as rota_documents

        path = path or self._save_path(_("Save the emergency plan as PDF"), "emergency-plan.pdf",
                                       _("PDF files (*.pdf)"))
        if path is None:
            return False
        file, today = self.context.file, self.context.today()
        return self.context.operations.run(
            lambda: output.write_output(path, rota_documents.emergency_plan(file, today=today), replace=True),
            changes=(),
            parent=self, done=_("Saved the emergency plan to {path}. Print it and keep it by the phone.").format(
                path=path)).ok

    def export_calendar(self, path: Path | None = None) -> bool:
        from paemployer.services.rota import calendar_export

        shift = self.current_shift()
        dialog = CalendarDialog(self, operations=self.context.operations, pas=self._pas,
                                first=week_start(self.anchor), pa_id=shift.pa_id if shift else None)
        if not dialog.exec():
            return False
        pa_id, first, last = dialog.pa_edit.value(), dialog.first_edit.value(), dialog.last_edit.value()
        name = dict(self._pas).get(pa_id, "pa")
        path = path or self._save_path(_("Save {name}'s calendar").format(name=name),
                                       f"shifts-{'-'.join(name.lower().split())}.ics", _("Calendar files (*.ics)"))
        if path is None:
            return False
        file, stamp = self.context.file, clock.now()

        def write() -> int:
            data, count = calendar_export.pa_calendar(file, pa_id, first, last, stamp=stamp)
            output.write_output(path, data, replace=True)  # the save dialog asked before replacing a file
            return count

        outcome = self.context.operations.run(write, changes=(), parent=self)
        if outcome.ok:
            self.context.status(ngettext("Saved {n} shift to {path}.", "Saved {n} shifts to {path}.",
                                         outcome.value).format(n=outcome.value, path=path))
        return outcome.ok
