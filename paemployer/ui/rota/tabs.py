"""The Timesheet and Support-needed tabs of the rota page.

Timesheet: the week's shifts; "Confirm week as planned" marks every planned shift that has ended as
worked in one step; a shift's times (and minutes woken on a sleep-in) are corrected one at a time.
Support needed: the weekly schedule gaps are measured against; each change saves the whole schedule.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from paemployer import clock
from paemployer.i18n import _, day_name, format_time, ngettext
from paemployer.services import rota
from paemployer.labels import shift_kind_label, shift_status_label
from paemployer.services.rota.engine import RotaShift, SupportNeedSpec, clock_range, day_label
from paemployer.ui.models import Column, RowsTableModel
from paemployer.ui.operations import SHIFT
from paemployer.ui.rota.dialogs import NeedDialog, WorkedDialog
from paemployer.ui.widgets import RecordTable, button, confirm


def _hours(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _day(shift: RotaShift) -> str:
    return day_label(shift.start.date())


class TimesheetTab(QWidget):
    def __init__(self, page, parent=None) -> None:
        super().__init__(parent)
        self.page = page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        words = QLabel(_("The week's shifts. Confirm them as worked once they have happened; correct any that "
                         "were different, and record minutes a sleep-in PA was woken to work."))
        words.setWordWrap(True)
        layout.addWidget(words)
        self.model: RowsTableModel[RotaShift] = RowsTableModel([
            Column(_("Day"), _day),
            Column(_("Time"), lambda s: clock_range(s.start, s.end)),
            Column(_("PA"), lambda s: s.who),
            Column(_("Kind"), lambda s: shift_kind_label(s.kind)),
            Column(_("Unpaid break"), lambda s: _("{n} min").format(n=s.break_minutes) if s.break_minutes else "",
                   align_right=True),
            Column(_("Woken"), lambda s: _("{n} min").format(n=s.woken_minutes) if s.woken_minutes else "",
                   align_right=True),
            Column(_("Working time"), lambda s: _hours(s.minutes_worked) if s.is_came_to else "", align_right=True),
            Column(_("Status"), lambda s: shift_status_label(s.status)),
        ])
        label = QLabel(_("Shifts this w&eek (Enter corrects the selected one):"))
        self.table = RecordTable(self.model, _("Timesheet"))
        label.setBuddy(self.table)
        self.table.activated_row.connect(lambda row: self.correct())
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.confirm_button = button(_("C&onfirm week as planned"), self.confirm_week)
        self.confirm_button.setToolTip(_("Every planned shift this week that has ended becomes worked (Ctrl+Shift+C)"))
        self.correct_button = button(_("Correct time&s…"), self.correct)
        self.correct_button.setToolTip(_("Record the selected shift as worked with its real times (Enter)"))
        self.woken_button = button(_("Time wo&ken on a sleep-in…"), self.correct)
        self.woken_button.setToolTip(_("Minutes the PA was woken to work during a sleep-in (Enter)"))
        for widget in (self.confirm_button, self.correct_button, self.woken_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.table.selectionModel().currentChanged.connect(lambda *args: self._update_buttons())

    def show_shifts(self, shifts: list[RotaShift], monday) -> None:
        keep = self.current()
        self.model.set_rows([s for s in shifts if (s.start.date() - monday).days in range(7)])
        row = self.model.row_of(lambda s: keep is not None and s.key == keep.key)
        self.table.select_row(row if row >= 0 else 0)
        self._update_buttons()

    def current(self) -> RotaShift | None:
        return self.model.row_at(self.table.current_row())

    def select_key(self, key: str) -> None:
        self.table.select_row(self.model.row_of(lambda s: s.key == key))

    def _update_buttons(self) -> None:
        shift = self.current()
        self.woken_button.setEnabled(shift is not None and shift.kind in ("sleep_in", "on_call"))
        self.correct_button.setEnabled(shift is not None)

    def confirm_week(self) -> None:
        page = self.page
        start, end = page.week_range()
        now = clock.now()
        file = page.context.file
        outcome = page.context.operations.run(lambda: rota.confirm_as_planned(file, start, end, now=now),
                                              changes={SHIFT}, parent=self)
        if outcome.ok:
            count = outcome.value
            page.context.status(
                ngettext("Confirmed {n} shift as worked as planned.", "Confirmed {n} shifts as worked as planned.",
                         count).format(n=count) if count else
                _("No planned shifts this week have ended yet: nothing to confirm."))

    def correct(self) -> None:
        shift = self.current()
        if shift is None:
            return
        if not shift.is_active:
            QMessageBox.information(self, _("Shift as worked"), _(
                "This shift was cancelled or covered by someone else, so there is nothing to confirm. "
                "If someone did work then, add the hours as a new shift."))
            return
        WorkedDialog(self, ef=self.page.context.file, operations=self.page.context.operations, changes={SHIFT},
                     shift=shift).exec()


class SupportTab(QWidget):
    def __init__(self, page, parent=None) -> None:
        super().__init__(parent)
        self.page = page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        words = QLabel(_("The support the person needs each week. Gaps on the rota are measured against this: "
                         "a time needing two people (a double-up) is a gap until two PAs are on. A time that "
                         "ends before it starts runs past midnight."))
        words.setWordWrap(True)
        layout.addWidget(words)
        self.model: RowsTableModel[SupportNeedSpec] = RowsTableModel([
            Column(_("Day"), lambda n: day_name(n.weekday)),
            Column(_("From"), lambda n: format_time(n.start)),
            Column(_("Until"), lambda n: format_time(n.end) + (_(" (next day)") if n.end <= n.start else "")),
            Column(_("People at once"), lambda n: str(n.people), align_right=True),
            Column(_("Kind"), lambda n: shift_kind_label(n.kind)),
            Column(_("What for"), lambda n: n.notes),
        ])
        label = QLabel(_("Times of support each wee&k (Enter edits the selected time):"))
        self.table = RecordTable(self.model, _("Support needed"))
        label.setBuddy(self.table)
        self.table.activated_row.connect(lambda row: self.edit_need())
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = button(_("A&dd a time of support…"), self.add_need)
        self.edit_button = button(_("&Edit…"), self.edit_need)
        self.edit_button.setToolTip(_("Edit the selected time (Enter)"))
        self.delete_button = button(_("De&lete"), self.delete_need)
        self.delete_button.setToolTip(_("Delete the selected time (Delete)"))
        for widget in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)

    def refresh(self) -> None:
        file = self.page.context.file
        keep = self.table.current_row()
        self.model.set_rows(self.page.context.operations.read(lambda: rota.support_schedule(file), parent=self,
                                                              default=[]))
        self.table.select_row(min(max(keep, 0), self.model.rowCount() - 1))

    def _saver(self, build: Callable[[list[SupportNeedSpec]], list[SupportNeedSpec]]):
        file = self.page.context.file

        def save(needs: list[SupportNeedSpec]) -> int:
            return rota.replace_support_schedule(file, build(needs))

        return save

    def add_need(self) -> None:
        current = self.model.rows()
        NeedDialog(self, title=_("Add a time of support"), need=None, operations=self.page.context.operations,
                   changes={SHIFT}, save=self._saver(lambda needs: current + needs)).exec()

    def edit_need(self) -> None:
        row = self.table.current_row()
        need = self.model.row_at(row)
        if need is None:
            return
        current = self.model.rows()
        NeedDialog(self, title=_("Time of support"), need=need, operations=self.page.context.operations,
                   changes={SHIFT}, allow_every_day=False,
                   save=self._saver(lambda needs: current[:row] + needs + current[row + 1:])).exec()

    def delete_need(self) -> None:
        row = self.table.current_row()
        need = self.model.row_at(row)
        if need is None:
            return
        question = _("Delete the support on {day} {start}–{end}?").format(
            day=day_name(need.weekday), start=format_time(need.start), end=format_time(need.end))
        if not confirm(self, question):
            return
        rest = self.model.rows()[:row] + self.model.rows()[row + 1:]
        file = self.page.context.file
        self.page.context.operations.run(lambda: rota.replace_support_schedule(file, rest), changes={SHIFT},
                                         parent=self, done=_("Support schedule saved."))
