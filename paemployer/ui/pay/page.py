"""The Pay page: choose a pay period, run pay, check each PA's lines and the minimum wage, then approve and
finalise; payslips, the pay summary and the hours for a payroll service from the same place.

Top to bottom, in tab order: the period (a recent period end, or any date), "Run pay", the PAs paid in
the period (state, gross, deductions, net and the minimum-wage verdict in words), what to do with the chosen
PA's run, its summary and notes, its lines (what, hours, rate, amount, where each came from) and what to do
with a line, then the files for the whole period. Every change goes through services.pay.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from paemployer import clock
from paemployer.i18n import N_, _, format_date, hours_text, ngettext
from paemployer.services import compliance, pay, rota
from paemployer.ui.forms import RequiredDateEdit
from paemployer.ui.home.decide import DecisionDialog
from paemployer.ui.models import Column, RowsTableModel
from paemployer.ui.operations import (
    ABSENCE,
    CONTRACT,
    DECISION,
    EMPLOYER,
    PA,
    PAY,
    SHIFT,
)
from paemployer.ui.page_base import Page
from paemployer.ui.pay.dialogs import AddLineDialog, DeductionsDialog
from paemployer.ui.pay.flow import FlowLayout
from paemployer.ui.pay.words import (
    deductions_source_label,
    hours,
    line_kind_label,
    minimum_wage_long,
    minimum_wage_short,
    money,
    period_text,
    status_label,
    tax_working_words,
    value_of,
)
from paemployer.ui.widgets import RecordTable, button, confirm, scaled

# How many recent period ends the chooser offers.
RECENT_PERIODS = 12
RUN_NOTES_COLUMN = 7  # the "To know" column of the table of PAs


@contextmanager
def busy() -> Iterator[None]:
    """A busy cursor while pay is worked out or files are written (it can take a few seconds)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _labelled(text: str, field: QWidget) -> QWidget:
    """A label and its field kept together on one line (the label is the field's buddy, for Alt+letter)."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    label = QLabel(text)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field)
    return holder


def _at_least_rows(table: RecordTable, rows: int) -> None:
    """Tall enough for a header and `rows` rows at the person's text size (the page scrolls beyond that)."""
    height = table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
    table.setMinimumHeight(height + 2 * table.frameWidth())


def _line_source_short(line: Any) -> str:
    """Where a line came from, in a word or two (the whole of it is under the table)."""
    if line.added_by_user:
        return _("Added by you")
    if line.shift_keys:
        count = len(line.shift_keys)
        return ngettext("{count} shift", "{count} shifts", count).format(count=count)
    return _("The records")


def _line_source(line: Any) -> str:
    """Where a line came from in full: the rule or record it was worked out by (which names its shifts)."""
    if line.added_by_user:
        return _("Added by you")
    return line.basis or _line_source_short(line)


def notes_short(run: Any) -> str:
    """The run's notes in one cell: the first, and how many more (all of them in the details below)."""
    if not run.notes:
        return ""
    more = len(run.notes) - 1
    return run.notes[0] + (" " + ngettext("(and {count} more)", "(and {count} more)", more).format(count=more)
                           if more else "")


def line_words(position: int, line: Any) -> str:
    """One line in a sentence: what, how worked out, and where it came from."""
    if line.hours is not None and line.rate is not None:
        sums = _("{hours} at {rate} = {amount}").format(hours=hours_text(line.hours), rate=money(line.rate),
                                                        amount=money(line.amount))
    else:
        sums = money(line.amount)
    text = _("Line {number}, {kind}: {description}, {sums}.").format(
        number=position + 1, kind=line_kind_label(line.kind), description=line.description, sums=sums)
    source = _line_source(line)
    if source:
        text += " " + _("Where it came from: {source}").format(source=source)
    return text



def _runs_up_to_date(file, end: date) -> list:
    """The runs of a period as stored; drafts among them are first brought up to date, so a shift confirmed or a
    rate changed since shows at once (building again writes nothing when nothing changed)."""
    stored = pay.runs_for_period(file, end)
    if any(value_of(run.status) == "draft" and value_of(run.source) == "computed" for run in stored):
        return pay.build_drafts(file, end, now=clock.now())
    return stored

class PayPage(Page):
    name = "pay"
    title = N_("Pay")
    shows = frozenset({PAY, SHIFT, ABSENCE, PA, CONTRACT, EMPLOYER, DECISION})

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.period_end: date | None = None
        self.runs: list[Any] = []
        self.paid_on: list[tuple[int, str, Any]] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(8)
        self.page_heading(_("Pay"), outer,
                          _("Work out each PA's pay from the shifts they worked, check it and the minimum wage, "
                            "then approve, finalise and make the payslips."))
        # Everything below the heading scrolls when the window is small or the text is large: nothing is cut off.
        column = self.scrolling_body(outer)

        # ----- the period
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        self.period_combo.setAccessibleName(_("Pay period ending"))
        self.period_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.date_edit = RequiredDateEdit(context.today())
        self.date_edit.setObjectName("periodEndEdit")
        self.date_edit.setAccessibleName(_("Other period end date"))
        self.date_edit.setAccessibleDescription(_("Type or choose the last day of a pay period."))
        self.run_button = button(_("&Run pay"), self.run_pay)
        self.run_button.setToolTip(_("Work out the pay for this period from the rota (drafts are worked out "
                                     "again; approved and finalised pay is kept as it is)"))
        scaled(self.run_button, 1.0, bold=True)
        period_row = FlowLayout(spacing=10)
        period_row.add(_labelled(_("Pay period &ending:"), self.period_combo),
                       _labelled(_("&Other end date:"), self.date_edit), self.run_button)
        column.addLayout(period_row)
        self.period_combo.activated.connect(self._combo_chosen)
        self.date_edit.editingFinished.connect(self._date_typed)
        self.date_edit.dateChanged.connect(lambda _qdate: self._date_typed() if not self.date_edit.hasFocus()
                                           else None)

        # ----- the PAs paid in the period
        self.period_words = _wrapped()
        self.period_words.setObjectName("periodWords")
        scaled(self.period_words, 1.0, bold=True)
        column.addWidget(self.period_words)
        self.runs_label = QLabel(_("PAs pa&id in this period:"))
        self.runs_label.setObjectName("runsLabel")
        self.run_model: RowsTableModel[Any] = RowsTableModel([
            Column(_("PA"), lambda r: r.pa_name),
            Column(_("Period from"), lambda r: format_date(r.period.start), tooltip=lambda r: period_text(r.period)),
            Column(_("State"), status_label),
            Column(_("Gross"), lambda r: money(r.gross), align_right=True),
            Column(_("Deductions"), lambda r: money(r.deductions.total), align_right=True),
            Column(_("Net"), lambda r: money(r.net), align_right=True),
            Column(_("Minimum wage"), minimum_wage_short, tooltip=minimum_wage_long),
            Column(_("To know"), notes_short, tooltip=lambda r: "\n".join(r.notes)),
        ])
        self.run_table = RecordTable(self.run_model, _("PAs paid in this period"), stretch_column=RUN_NOTES_COLUMN)
        self.run_table.setObjectName("runTable")
        _at_least_rows(self.run_table, 4)
        self.runs_label.setBuddy(self.run_table)
        column.addWidget(self.runs_label)
        column.addWidget(self.run_table, 2)
        self.approve_button = button(_("&Approve"), self.approve)
        self.approve_button.setToolTip(_("You have checked this pay: it is ready to finalise"))
        self.back_button = button(_("&Back to draft"), self.back_to_draft)
        self.finalise_button = button(_("Fi&nalise"), self.finalise)
        self.finalise_button.setToolTip(_("Pay made: it is kept exactly as it is and never changes"))
        self.correct_button = button(_("&Correct…"), self.correct)
        self.correct_button.setToolTip(_("Start a correction of finalised pay: a new draft linked to it"))
        run_buttons = FlowLayout()
        run_buttons.add(self.approve_button, self.back_button, self.finalise_button, self.correct_button)
        column.addLayout(run_buttons)

        # ----- the chosen PA's pay
        self.summary_label = _wrapped()
        self.summary_label.setObjectName("runSummary")
        # Reachable with Tab, so a screen reader reads the verdict and the notes as a person moves through.
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                   | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.summary_label.setAccessibleName(_("The chosen PA's pay in words"))
        self.summary_label.setContentsMargins(0, 6, 0, 0)
        column.addWidget(self.summary_label)
        self.lines_label = QLabel(_("Pay &lines:"))
        self.line_model: RowsTableModel[Any] = RowsTableModel([
            Column(_("What"), lambda line: line_kind_label(line.kind)),
            Column(_("Description"), lambda line: line.description, tooltip=lambda line: line.description),
            Column(_("Hours"), lambda line: hours(line.hours), align_right=True),
            Column(_("Rate"), lambda line: money(line.rate), align_right=True),
            Column(_("Amount"), lambda line: money(line.amount), align_right=True),
            Column(_("From"), _line_source_short, tooltip=_line_source),
        ])
        self.line_table = RecordTable(self.line_model, _("Pay lines"), stretch_column=1)
        self.line_table.setObjectName("lineTable")
        _at_least_rows(self.line_table, 2)
        self.line_table.activated_row.connect(lambda row: self.open_shifts())
        self.lines_label.setBuddy(self.line_table)
        column.addWidget(self.lines_label)
        column.addWidget(self.line_table, 3)
        self.line_words = _wrapped()
        self.line_words.setObjectName("lineWords")
        column.addWidget(self.line_words)
        self.open_shifts_button = button(_("Open the shif&ts"), self.open_shifts)
        self.open_shifts_button.setToolTip(_("Show the shifts this line was worked out from on the rota (Enter)"))
        self.add_line_button = button(_("A&dd line…"), self.add_line)
        self.add_line_button.setToolTip(_("An expense, bonus, back pay or family pay"))
        self.remove_line_button = button(_("Re&move line…"), self.remove_line)
        self.remove_line_button.setToolTip(_("Only lines you added can be removed"))
        self.deductions_button = button(_("Ded&uctions…"), self.edit_deductions)
        self.deductions_button.setToolTip(_("Type your own tax, National Insurance and pension figures (from "
                                            "Basic PAYE Tools or a payroll service) instead of the app's"))
        self.computed_button = button(_("Bac&k to the worked-out deductions"), self.use_computed)
        self.computed_button.setToolTip(_("Drop the figures you typed: the app works out the tax, National Insurance "
                                          "and pension again"))
        line_buttons = FlowLayout()
        line_buttons.add(self.open_shifts_button, self.add_line_button, self.remove_line_button,
                         self.deductions_button, self.computed_button)
        column.addLayout(line_buttons)

        # ----- the whole period
        self.confirm_shifts_button = button(_("Confirm planned shifts as &worked…"), self.confirm_planned)
        self.confirm_shifts_button.setToolTip(_("Shifts in this period that have ended and are still only "
                                                "planned are marked worked, as planned"))
        self.payslips_button = button(_("Pa&yslips…"), self.save_payslips)
        self.payslips_button.setToolTip(_("One PDF payslip for each PA, in a folder you choose"))
        self.summary_button = button(_("Pay &summary…"), self.save_summary)
        self.summary_button.setToolTip(_("A printable summary of everyone's pay for your records"))
        self.hours_button = button(_("Hours for &payroll service…"), self.save_hours)
        self.hours_button.setToolTip(_("The hours worked, by rate, as a CSV file for a payroll service"))
        files_label = QLabel(_("For the whole period:"))
        files_label.setMinimumHeight(self.payslips_button.sizeHint().height())
        file_buttons = FlowLayout()
        file_buttons.add(files_label, self.confirm_shifts_button, self.payslips_button, self.summary_button,
                         self.hours_button)
        column.addLayout(file_buttons)

        self.run_table.selectionModel().currentRowChanged.connect(lambda *args: self._show_run())
        self.line_table.selectionModel().currentRowChanged.connect(lambda *args: self._show_line())
        order = [self.period_combo, self.date_edit, self.run_button, self.run_table, self.approve_button,
                 self.back_button, self.finalise_button, self.correct_button, self.summary_label,
                 self.line_table, self.open_shifts_button, self.add_line_button, self.remove_line_button,
                 self.deductions_button, self.computed_button, self.confirm_shifts_button, self.payslips_button, self.summary_button,
                 self.hours_button]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self.tab_order = order
        self._update_buttons()

    # ----- what is chosen
    def current_run(self) -> Any | None:
        return self.run_model.row_at(self.run_table.current_row())

    def current_line(self) -> tuple[int, Any] | None:
        row = self.line_table.current_row()
        line = self.line_model.row_at(row)
        return (row, line) if line is not None else None

    # ----- loading
    def refresh(self) -> None:
        file, today = self.context.file, self.context.today()
        ends = self.context.operations.read(lambda: pay.recent_period_ends(file, on=today, count=RECENT_PERIODS),
                                            parent=self, default=[])
        ends = sorted(set(ends), reverse=True)
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for end in ends:
            self.period_combo.addItem(format_date(end, format="long"), end)
        self.period_combo.blockSignals(False)
        if self.period_end is None:
            self.period_end = self._period_to_pay(ends, today)
        self._show_period()

    def _period_to_pay(self, ends: list[date], today: date) -> date:
        """The period to open on: the latest that has ended, unless its pay is all finalised; then the one
        running now (its draft grows as the timesheets are confirmed)."""
        ended = [end for end in ends if end <= today]
        running = [end for end in ends if end > today]
        if not ended:
            return running[-1] if running else today
        latest = ended[0]
        if running:
            file = self.context.file
            stored = self.context.operations.read(lambda: pay.runs_for_period(file, latest), parent=self, default=[])
            if stored and all(value_of(run.status) == "finalised" for run in stored):
                return running[-1]
        return latest

    def choose_period(self, period_end: date) -> None:
        """Show the pay for the period ending `period_end`: as stored, its drafts brought up to date."""
        self.period_end = period_end
        self._show_period()

    def _combo_chosen(self, index: int) -> None:
        end = self.period_combo.itemData(index)
        if isinstance(end, date):
            self.choose_period(end)

    def _date_typed(self) -> None:
        value = self.date_edit.value()
        if value != self.period_end:
            self.choose_period(value)

    def _show_period(self, *, select_pa: int | None = None) -> None:
        end = self.period_end
        if end is None:
            return
        file = self.context.file
        self.date_edit.blockSignals(True)
        self.date_edit.set_value(end)
        self.date_edit.blockSignals(False)
        # findData does not match Python dates: look for the day itself.
        position = next((index for index in range(self.period_combo.count())
                         if self.period_combo.itemData(index) == end), -1)
        self.period_combo.setCurrentIndex(position)
        if select_pa is None:
            chosen = self.current_run()
            select_pa = chosen.pa_id if chosen is not None else None
        self.runs = self.context.operations.read(lambda: _runs_up_to_date(file, end), parent=self, default=[])
        self.paid_on = self.context.operations.read(lambda: pay.pas_paid_on(file, end), parent=self, default=[])
        self.run_model.set_rows(self.runs)
        self.period_words.setText(self._runs_words())
        self._select_pa(select_pa)

    def _select_pa(self, pa_id: int | None) -> None:
        """Choose a PA's run in the table as it is (after a change, the page's refresh has already reloaded it)."""
        row = self.run_model.row_of(lambda r: r.pa_id == pa_id) if pa_id is not None else -1
        self.run_table.select_row(max(row, 0))
        self._show_run()

    def _runs_words(self) -> str:
        day = format_date(self.period_end, format="long")
        pay_days = sorted({run.period.pay_date for run in self.runs} | {period.pay_date for *_pa, period in self.paid_on})
        if self.runs:
            return _("Pay for the period ending {day}, paid on {pay_day}.").format(
                day=day, pay_day=", ".join(format_date(when, format="long") for when in pay_days))
        if self.paid_on:
            names = ", ".join(name for _pa_id, name, _period in self.paid_on)
            return _("No pay worked out yet for the period ending {day} ({names}). Press Run pay (Alt+R).").format(
                day=day, names=names)
        return _("Nobody's pay period ends on {day}. Choose a period end from the list.").format(day=day)

    def _show_run(self) -> None:
        run = self.current_run()
        self.line_model.set_rows(list(run.lines) if run is not None else [])
        if self.line_model.rowCount():
            self.line_table.select_row(0)
        self.summary_label.setText(self.run_words(run) if run is not None else
                                   _("Choose a PA above to see their pay lines."))
        self.summary_label.setAccessibleDescription(self.summary_label.text())
        self.lines_label.setText(_("Pay &lines for {name}:").format(name=run.pa_name) if run is not None
                                 else _("Pay &lines:"))
        self._show_line()

    def run_words(self, run: Any) -> str:
        """The chosen PA's pay in sentences: period, state, totals, the minimum wage and the notes."""
        period = run.period
        parts = [_("{name}: {start} to {end}, paid on {pay_day}. {status}.").format(
            name=run.pa_name, start=format_date(period.start, format="long"),
            end=format_date(period.end, format="long"), pay_day=format_date(period.pay_date, format="long"),
            status=status_label(run))]
        deductions = run.deductions
        parts.append(_("Gross {gross}, deductions {deductions} ({source}), net {net}. Your own costs: "
                       "National Insurance {employer_ni}, pension {employer_pension}.").format(
            gross=money(run.gross), deductions=money(deductions.total),
            source=deductions_source_label(deductions.source), net=money(run.net),
            employer_ni=money(deductions.employer_ni), employer_pension=money(deductions.employer_pension)))
        working = tax_working_words(run)
        if working:
            parts.append(working)
        parts.append(minimum_wage_long(run))
        first = pay.first_finalise_day(run.period)
        if value_of(run.status) in ("draft", "approved") and clock.today() < first:
            parts.append(_("It can be finalised from {day}, once the period has ended or its pay day has come: until "
                           "then shifts can still be worked and changed.").format(day=format_date(first, format="long")))
        text = "\n".join(parts)
        if run.notes:
            text += "\n" + "\n".join(_("To know: {note}").format(note=note) for note in run.notes)
        return text

    def _show_line(self) -> None:
        """The chosen line in full under the table (its source is often longer than the column)."""
        chosen = self.current_line()
        if chosen is None:
            self.line_words.setText("")
        else:
            position, line = chosen
            self.line_words.setText(line_words(position, line))
        self.line_table.setAccessibleDescription(self.line_words.text())
        self._update_buttons()

    def _update_buttons(self) -> None:
        run = self.current_run()
        status = value_of(run.status) if run is not None else ""
        line = self.current_line()
        computed = run is not None and value_of(getattr(run, "source", "computed")) == "computed"
        self.approve_button.setEnabled(status == "draft")
        self.back_button.setEnabled(status == "approved")
        self.finalise_button.setEnabled(status in ("draft", "approved") and run is not None
                                        and clock.today() >= pay.first_finalise_day(run.period))
        self.correct_button.setEnabled(status == "finalised")
        self.add_line_button.setEnabled(status == "draft" and computed)
        self.deductions_button.setEnabled(status == "draft")
        self.computed_button.setEnabled(status == "draft" and computed and run is not None
                                        and value_of(run.deductions.source) == "typed")
        self.remove_line_button.setEnabled(status == "draft" and line is not None and line[1].added_by_user)
        self.open_shifts_button.setEnabled(line is not None and bool(line[1].shift_keys))
        has_runs = bool(self.runs)
        self.payslips_button.setEnabled(has_runs)
        self.summary_button.setEnabled(has_runs)
        self.hours_button.setEnabled(has_runs or bool(self.paid_on))
        self.confirm_shifts_button.setEnabled(bool(self.paid_on) or has_runs)

    def show_record(self, record_id: Any) -> None:
        """Go to a period (its end date) or a stored run (its id)."""
        if isinstance(record_id, date):
            self.choose_period(record_id)
            return
        if isinstance(record_id, int):
            run = self.context.operations.read(lambda: pay.get_run(self.context.file, record_id), parent=self)
            if run is not None:
                self.period_end = run.period.end
                self._show_period(select_pa=run.pa_id)
                self.run_table.setFocus()

    # ----- running pay
    def run_pay(self) -> bool:
        end = self.period_end or self.date_edit.value()
        file = self.context.file
        chosen = self.current_run()
        with busy():
            outcome = self.context.operations.run(lambda: pay.build_drafts(file, end, now=clock.now()),
                                                  changes={PAY}, parent=self)
        if not outcome.ok:
            return False
        runs = outcome.value or []
        self.context.status(ngettext("Pay worked out for {count} PA.", "Pay worked out for {count} PAs.",
                                     len(runs)).format(count=len(runs)))
        self._select_pa(chosen.pa_id if chosen is not None else None)  # the change's refresh reloaded the period
        self.run_table.setFocus()
        return True

    def _state_change(self, call, done: str) -> Any | None:
        run = self.current_run()
        if run is None or run.run_id is None:
            return None
        file, run_id = self.context.file, run.run_id
        outcome = self.context.operations.run(lambda: call(file, run_id, now=clock.now()), changes={PAY},
                                              parent=self, done=done)
        if outcome.ok:
            self._select_pa(run.pa_id)
        return outcome.value if outcome.ok else None

    def approve(self) -> Any | None:
        return self._state_change(pay.approve, _("Pay approved."))

    def back_to_draft(self) -> Any | None:
        return self._state_change(pay.back_to_draft, _("Pay is a draft again."))

    def finalise(self) -> Any | None:
        run = self.current_run()
        if run is None or run.run_id is None:
            return None
        file, run_id = self.context.file, run.run_id

        def call():
            try:
                return pay.finalise(file, run_id, now=clock.now())
            except pay.PayRunRefused as refusal:  # said here with what can be done, not as a plain error
                return refusal

        outcome = self.context.operations.run(call, changes=(), parent=self)
        if not outcome.ok:
            return None
        if isinstance(outcome.value, pay.PayRunRefused):
            self.refused(run, outcome.value)
            return None
        self.context.operations.changed.emit(frozenset({PAY}))
        self.context.status(_("Pay finalised for {name}. It is kept exactly as it is.").format(name=run.pa_name))
        self._select_pa(run.pa_id)
        return outcome.value

    def refused(self, run: Any, refusal: Exception) -> None:
        """Say why finalising was refused; for a minimum-wage shortfall, offer to record a decision."""
        self.refusal_box = box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Not finalised"))
        box.setAccessibleName(_("Not finalised"))
        box.setText(getattr(refusal, "message", str(refusal)))
        shortfall = run.minimum_wage is not None and run.minimum_wage.shortfall > 0
        decide_button = None
        if shortfall:
            box.setInformativeText(_("To put it right, add the shortfall as back pay (Add line) and finalise again. "
                                     "Or, if you have thought about it, record a decision: the warning keeps "
                                     "showing on the home page."))
            decide_button = box.addButton(_("&Record a decision…"), QMessageBox.ButtonRole.ActionRole)
            decide_button.setAccessibleName(_("Record a decision"))
        close = box.addButton(_("&Close"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(close)
        box.setEscapeButton(close)
        box.exec()
        clicked = box.clickedButton()
        self.refusal_box = None
        box.deleteLater()
        if decide_button is not None and clicked is decide_button:
            self.decide_shortfall(run)

    def shortfall_warning(self, run: Any) -> Any | None:
        """The warnings centre's minimum-wage shortfall warning on this run, as the home page shows it."""
        file, today = self.context.file, self.context.today()
        warnings = self.context.operations.read(lambda: compliance.gather_warnings(file, on=today), parent=self,
                                                default=[]) or []
        subject, fact = f"pa:{run.pa_id}", pay.shortfall_fact(run)
        for warning in warnings:
            if warning.code == pay.NMW_SHORTFALL and warning.subject == subject and warning.fact == fact:
                return warning
        return None

    def decide_shortfall(self, run: Any) -> bool:
        """Record a decision on the shortfall, with the dialog the home page uses for every warning."""
        warning = self.shortfall_warning(run)
        if warning is None:
            QMessageBox.information(self, _("Record a decision"),
                                    _("The minimum-wage warning for this period could not be found. Open "
                                      "“What needs attention” and decide there."))
            return False
        self.decision_dialog = DecisionDialog(warning, file=self.context.file, operations=self.context.operations,
                                              today=self.context.today(), parent=self)
        accepted = self.decision_dialog.exec() == DecisionDialog.DialogCode.Accepted
        self.decision_dialog = None
        if accepted:
            self.context.status(_("Decision recorded. You can finalise {name}'s pay now.").format(name=run.pa_name))
        return accepted

    def correct(self) -> Any | None:
        run = self.current_run()
        if run is None or run.run_id is None:
            return None
        if not confirm(self, _("Start a correction of {name}'s finalised pay for {period}? The finalised pay "
                               "stays as it was paid; the correction is a new draft linked to it.").format(
                name=run.pa_name, period=period_text(run.period))):
            return None
        return self._state_change(pay.correct, _("A correction was started as a new draft."))

    # ----- lines
    def open_shifts(self) -> bool:
        run, chosen = self.current_run(), self.current_line()
        if run is None or chosen is None or not chosen[1].shift_keys:
            return False
        file, position = self.context.file, chosen[0]
        shifts = self.context.operations.read(lambda: pay.shifts_for_line(file, run.run_id, position),
                                              parent=self, default=[])
        if not shifts:
            self.context.status(_("The shifts of this line are no longer on the rota."))
            return False
        first = min(shifts, key=lambda shift: shift.start)
        self.context.status(ngettext("This line was worked out from {count} shift; the first is shown.",
                                     "This line was worked out from {count} shifts; the first is shown.",
                                     len(shifts)).format(count=len(shifts)))
        self.context.navigate("rota", first.key)
        return True

    def add_line(self) -> bool:
        run = self.current_run()
        if run is None or run.run_id is None:
            return False
        dialog = AddLineDialog(self, file=self.context.file, run_id=run.run_id, operations=self.context.operations)
        self.line_dialog = dialog
        accepted = bool(dialog.exec()) and dialog.outcome is not None and dialog.outcome.ok
        self.line_dialog = None
        if accepted:
            self._select_pa(run.pa_id)
            self.line_table.select_row(self.line_model.rowCount() - 1)
            self.line_table.setFocus()
        return accepted

    def remove_line(self) -> bool:
        run, chosen = self.current_run(), self.current_line()
        if run is None or chosen is None or not chosen[1].added_by_user:
            return False
        position, line = chosen
        if not confirm(self, _("Remove the line “{description}” ({amount}) from {name}'s pay?").format(
                description=line.description, amount=money(line.amount), name=run.pa_name)):
            return False
        file = self.context.file
        outcome = self.context.operations.run(lambda: pay.remove_line(file, run.run_id, position, now=clock.now()),
                                              changes={PAY}, parent=self, done=_("Pay line removed."))
        if outcome.ok:
            self._select_pa(run.pa_id)
        return outcome.ok

    def edit_deductions(self) -> bool:
        run = self.current_run()
        if run is None or run.run_id is None:
            return False
        dialog = DeductionsDialog(self, file=self.context.file, run=run, operations=self.context.operations)
        self.deductions_dialog = dialog
        accepted = bool(dialog.exec()) and dialog.outcome is not None and dialog.outcome.ok
        self.deductions_dialog = None
        if accepted:
            self._select_pa(run.pa_id)
        return accepted

    def use_computed(self) -> bool:
        """Back from typed deductions to the ones the app works out from the PA's tax details."""
        run = self.current_run()
        if run is None or run.run_id is None:
            return False
        if not confirm(self, _("Drop the deductions you typed for {name} and use the ones the app works out?").format(
                name=run.pa_name)):
            return False
        file = self.context.file
        outcome = self.context.operations.run(
            lambda: pay.use_computed_deductions(file, run.run_id, now=clock.now()), changes={PAY}, parent=self,
            done=_("The deductions are worked out by the app again."))
        if outcome.ok:
            self._select_pa(run.pa_id)
        return outcome.ok

    def confirm_planned(self) -> bool:
        """The timesheet's "confirm as planned" over the chosen period, then the pay is worked out again."""
        run = self.current_run()
        if run is not None:
            start, end = run.period.start, run.period.end
        elif self.paid_on:
            start, end = self.paid_on[0][2].start, self.paid_on[0][2].end
        else:
            return False
        if not confirm(self, _("Mark every shift from {start} to {end} that has ended and is still only planned "
                               "as worked, as planned? Change any that went differently on the rota's "
                               "timesheet.").format(start=format_date(start), end=format_date(end))):
            return False
        file, now = self.context.file, clock.now()
        first, last = datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())
        outcome = self.context.operations.run(lambda: rota.confirm_as_planned(file, first, last, now=now),
                                              changes={SHIFT}, parent=self)
        if not outcome.ok:
            return False
        count = outcome.value or 0
        self.context.status(ngettext("Confirmed {n} shift as worked as planned.",
                                     "Confirmed {n} shifts as worked as planned.", count).format(n=count)
                            if count else _("No planned shifts in this period have ended yet: nothing to confirm."))
        if count and self.runs:
            self.run_pay()
        return True

    # ----- files for the period
    def _documents_folder(self) -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())

    def _save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(Path(self._documents_folder()) / suggested),
                                                      file_filter)
        return Path(chosen) if chosen else None

    def save_payslips(self, folder: Path | None = None) -> list[Path] | None:
        """One payslip PDF per PA for the period into a chosen folder; asks before replacing payslips there."""
        from paemployer.services.pay import documents as pay_documents

        end = self.period_end
        if end is None or not self.runs:
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, _("Choose the folder for the payslips"),
                                                      self._documents_folder())
            if not chosen:
                return None
            folder = Path(chosen)
        there = [name for name in pay_documents.payslip_file_names(self.runs, end) if (folder / name).exists()]
        if there:
            question = ngettext("A payslip for this period is already in {folder}: {names}. Replace it?",
                                "{count} payslips for this period are already in {folder}: {names}. Replace them?",
                                len(there)).format(count=len(there), folder=folder, names=", ".join(there))
            if not confirm(self, question, _("Replace the payslips?")):
                return None
        file, chosen_run = self.context.file, self.current_run()
        with busy():
            # Drafts are worked out again first, so each payslip shows what the records say now.
            outcome = self.context.operations.run(
                lambda: pay_documents.write_payslips(file, end, folder, force=bool(there), now=clock.now()),
                changes={PAY}, parent=self)
        if not outcome.ok:
            return None
        paths = outcome.value
        self.context.status(ngettext("Saved {count} payslip in {folder}.", "Saved {count} payslips in {folder}.",
                                     len(paths)).format(count=len(paths), folder=folder))
        self._select_pa(chosen_run.pa_id if chosen_run is not None else None)
        return paths

    def save_summary(self, path: Path | None = None) -> Path | None:
        from paemployer.services.pay import documents as pay_documents

        end = self.period_end
        if end is None:
            return None
        path = path or self._save_path(_("Save the pay summary"), f"pay-summary-{end.isoformat()}.pdf",
                                       _("PDF files (*.pdf)"))
        if path is None:
            return None
        file = self.context.file
        with busy():
            # The save dialog has already asked before replacing a file.
            outcome = self.context.operations.run(
                lambda: pay_documents.write_pay_summary(file, end, path, force=True, now=clock.now()),
                changes={PAY}, parent=self,
                done=_("Saved the pay summary to {path}. Open it to print.").format(path=path))
        return outcome.value if outcome.ok else None

    def save_hours(self, path: Path | None = None) -> Path | None:
        from paemployer.services.pay import exchange

        end = self.period_end
        if end is None:
            return None
        path = path or self._save_path(_("Save the hours for the payroll service"), f"hours-{end.isoformat()}.csv",
                                       _("CSV files (*.csv)"))
        if path is None:
            return None
        file = self.context.file
        with busy():
            outcome = self.context.operations.run(
                lambda: exchange.write_hours_export(file, end, path, force=True, now=clock.now()),
                changes={PAY}, parent=self,
                done=_("Saved the hours to {path}. Send it to your payroll service.").format(path=path))
        return outcome.value if outcome.ok else None
