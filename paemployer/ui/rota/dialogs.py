"""Dialogs of the rota: a shift, a repeating pattern, a shift as worked, a time of support, a PA's calendar.

Each is a form whose Save runs one service call through ui.operations, so a ValidationError shows at
its field and the dialog stays open; nothing is written unless the whole call succeeds.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, Callable

from PySide6.QtCore import QTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from paemployer import clock
from paemployer.errors import ValidationError
from paemployer.i18n import _, day_name
from paemployer.services import rota
from paemployer.labels import shift_kind_label
from paemployer.services.rota.engine import KINDS, RotaShift, SupportNeedSpec
from paemployer.ui.forms import (
    ChoiceBox,
    ErrorLabel,
    FieldSet,
    NotesEdit,
    OptionalDateEdit,
    RequiredDateEdit,
    form_layout,
    plain,
)
from paemployer.ui.operations import Operations, Outcome

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def kind_choices() -> list[tuple[str, str]]:
    return [(shift_kind_label(kind).capitalize(), kind) for kind in KINDS]


def time_edit(value: time | None = None) -> QTimeEdit:
    widget = QTimeEdit()
    widget.setDisplayFormat("HH:mm")
    if value is not None:
        widget.setTime(QTime(value.hour, value.minute))
    return widget


def minutes_edit(maximum: int = 24 * 60, value: int = 0) -> QSpinBox:
    widget = QSpinBox()
    widget.setRange(0, maximum)
    widget.setSingleStep(5)
    widget.setSuffix(_(" minutes"))
    widget.setValue(value)
    return widget


def clock_of(widget: QTimeEdit) -> time:
    value = widget.time()
    return time(value.hour(), value.minute())


def span(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Local start and end: an end at or before the start is the next day (a night shift)."""
    first = datetime.combine(day, start)
    last = datetime.combine(day if end > start else day + timedelta(days=1), end)
    return first, last


class FormDialog(QDialog):
    """A form of labelled fields (messages under each), Save and Cancel. `call()` builds the service call."""

    def __init__(self, parent: QWidget | None, title: str, *, operations: Operations, changes: set[str],
                 done: str | None = None, intro: str | None = None, ok_text: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._operations, self._changes, self._done = operations, changes, done
        self.outcome: Outcome | None = None
        self._outer = QVBoxLayout(self)
        self._outer.setSpacing(12)
        self._outer.setContentsMargins(18, 18, 18, 18)
        if intro:
            words = QLabel(intro)
            words.setWordWrap(True)
            self._outer.addWidget(words)
        self.fields = FieldSet(ErrorLabel())
        self._outer.addWidget(self.fields.banner)
        self._body = QWidget()
        self.form = form_layout()
        self._body.setLayout(self.form)
        self._ok_text = ok_text or _("&Save")

    def add(self, name: str, label: str, widget: QWidget, help_text: str | None = None) -> QWidget:
        return self.fields.add(self.form, name, label, widget, help_text=help_text)

    def finish(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._outer.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self._ok_text)
        save.setAccessibleName(plain(self._ok_text))
        save.setDefault(True)
        self.save_button = save
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        self._outer.addWidget(self.buttons)
        names = self.fields.names()
        if names:
            self.fields.widget(names[0]).setFocus(Qt.FocusReason.OtherFocusReason)
        width = max(560, self.fontMetrics().averageCharWidth() * 72)
        height = min(self._body.sizeHint().height() + 170, int(self.fontMetrics().height() * 42))
        self.resize(width, max(height, 260))

    def call(self) -> Callable[[], Any]:
        raise NotImplementedError

    def try_save(self) -> None:
        def run():
            return self.call()()

        self.outcome = self._operations.run(run, changes=self._changes, parent=self, form=self.fields,
                                            done=self._done)
        if self.outcome.ok:
            self.accept()


class _TimesMixin:
    """Day, start and end fields with a line saying when the shift ends the next day."""

    def add_times(self, day: date, start: time, end: time, *, day_label: str | None = None) -> None:
        self.day_edit = self.add("day", day_label or _("&Day:"), RequiredDateEdit(day))
        self.start_edit = self.add("start", _("&Starts at:"), time_edit(start))
        self.end_edit = self.add("end", _("&Ends at:"), time_edit(end),
                                 help_text=_("An end at or before the start is the next day, as for a night."))
        self.next_day_note = QLabel()
        self.next_day_note.setObjectName("nextDayNote")
        self.form.addRow("", self.next_day_note)
        for widget in (self.start_edit, self.end_edit):
            widget.timeChanged.connect(self._note_next_day)
        self._note_next_day()

    def _note_next_day(self) -> None:
        over = clock_of(self.end_edit) <= clock_of(self.start_edit)
        self.next_day_note.setText(_("Ends the next day.") if over else "")

    def times(self) -> tuple[datetime, datetime]:
        return span(self.day_edit.value(), clock_of(self.start_edit), clock_of(self.end_edit))


def pa_box(pas: list[tuple[int, str]], *, nobody: bool = True) -> ChoiceBox:
    choices = [(name, pa_id) for pa_id, name in pas]
    if nobody:
        choices.append((_("Nobody yet (a gap to fill)"), None))
    return ChoiceBox(choices)


class ShiftDialog(_TimesMixin, FormDialog):
    """Add a one-off shift, or change one shift (one occurrence of a pattern: the pattern carries on)."""

    def __init__(self, parent, *, ef, operations: Operations, changes: set[str], pas: list[tuple[int, str]],
                 shift: RotaShift | None = None, day: date | None = None, start: time = time(9),
                 end: time = time(13), pa_id: int | None = None, pattern_words: str = "") -> None:
        self.shift = shift
        if shift is None:
            title, intro, done = _("Add a one-off shift"), None, _("Shift added.")
        else:
            title, done = _("Shift"), _("Shift saved.")
            intro = (_("This shift comes from a pattern ({pattern}). Changes here are for this day only; "
                       "the pattern carries on.").format(pattern=pattern_words) if shift.pattern_id is not None
                     else None)
        super().__init__(parent, title, operations=operations, changes=changes, done=done, intro=intro)
        self._ef = ef
        if shift is not None:
            day, start, end, pa_id = shift.start.date(), shift.start.time(), shift.end.time(), shift.pa_id
        self.pa_edit = self.add("pa_id", _("&PA:"), pa_box(pas))
        self.pa_edit.set_value(pa_id)
        self.add_times(day or clock.today(), start, end)
        self.kind_edit = self.add("kind", _("&Kind of shift:"), ChoiceBox(kind_choices()))
        self.kind_edit.set_value(shift.kind if shift else "day")
        self.break_edit = self.add("break_minutes", _("Unpaid &break:"), minutes_edit(value=shift.break_minutes if shift else 0))
        self.notes_edit = self.add("notes", _("No&tes:"), NotesEdit(lines=2))
        self.notes_edit.set_value(shift.notes if shift else "")
        self.finish()

    def call(self):
        start, end = self.times()
        values = dict(pa_id=self.pa_edit.value(), start=start, end=end, kind=self.kind_edit.value(),
                      break_minutes=self.break_edit.value(), notes=self.notes_edit.value())
        ef = self._ef
        if self.shift is None:
            return lambda: rota.add_shift(ef, **values)
        key = self.shift.key
        return lambda: rota.edit_shift(ef, key, **values)


REPEATS = ("weekly", "fortnightly", "other_saturday", "custom")


class PatternDialog(_TimesMixin, FormDialog):
    """Add a repeating shift: weekly or fortnightly on chosen days, every other Saturday, or an RRULE."""

    def __init__(self, parent, *, ef, operations: Operations, changes: set[str], pas: list[tuple[int, str]],
                 day: date, pa_id: int | None = None) -> None:
        super().__init__(parent, _("Add a repeating shift"), operations=operations, changes=changes,
                         done=_("Repeating shift added."),
                         intro=_("The shift repeats from its first day until you stop it. One day can still be "
                                 "changed or cancelled on its own later."))
        self._ef = ef
        self.pa_edit = self.add("pa_id", _("&PA:"), pa_box(pas))
        self.pa_edit.set_value(pa_id)
        self.repeat_edit = self.add("repeat", _("&Repeats:"), ChoiceBox([
            (_("Every week"), "weekly"), (_("Every two weeks"), "fortnightly"),
            (_("Every other Saturday"), "other_saturday"), (_("Custom repeat rule (RRULE)"), "custom")]))
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.day_boxes: list[QCheckBox] = []
        for weekday in range(7):
            box = QCheckBox(day_name(weekday, width="abbreviated"))
            box.setAccessibleName(day_name(weekday))
            box.setChecked(weekday == day.weekday())
            row.addWidget(box)
            self.day_boxes.append(box)
        row.addStretch(1)
        self.add("days", _("On these da&ys:"), holder)
        holder.setFocusProxy(self.day_boxes[0])
        self.rule_edit = self.add("rrule", _("Repeat &rule:"), QLineEdit(),
                                  help_text=_("Only for a custom repeat, as in a calendar: "
                                              "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA is every other Saturday."))
        self.add_times(day, time(9), time(13), day_label=_("&First day:"))
        self.until_edit = self.add("until", _("&Last day (optional):"), OptionalDateEdit(today=day))
        self.kind_edit = self.add("kind", _("&Kind of shift:"), ChoiceBox(kind_choices()))
        self.break_edit = self.add("break_minutes", _("Unpaid &break:"), minutes_edit())
        self.notes_edit = self.add("notes", _("No&tes:"), NotesEdit(lines=2))
        self.repeat_edit.currentIndexChanged.connect(self._repeat_changed)
        self._repeat_changed()
        self.finish()
        self.pa_edit.setFocus()

    def _repeat_changed(self) -> None:
        repeat = self.repeat_edit.value()
        for box in self.day_boxes:
            box.setEnabled(repeat in ("weekly", "fortnightly"))
        self.rule_edit.setEnabled(repeat == "custom")

    def rule_and_first_day(self) -> tuple[str, date]:
        repeat, first = self.repeat_edit.value(), self.day_edit.value()
        if repeat == "custom":
            text = self.rule_edit.text().strip().removeprefix("RRULE:")
            if not text:
                raise ValidationError(_("Write the repeat rule, or choose another kind of repeat."), field="rrule")
            return text, first
        if repeat == "other_saturday":
            days = [5]
        else:
            days = [weekday for weekday, box in enumerate(self.day_boxes) if box.isChecked()]
            if not days:
                raise ValidationError(_("Tick at least one day of the week."), field="days")
        # Start on the first chosen day on or after the first day, so the first shift is a real one.
        while first.weekday() not in days:
            first += timedelta(days=1)
        interval = ";INTERVAL=2" if repeat in ("fortnightly", "other_saturday") else ""
        return f"FREQ=WEEKLY{interval};BYDAY={','.join(WEEKDAY_CODES[d] for d in days)}", first

    def call(self):
        rule, first = self.rule_and_first_day()
        start, end = span(first, clock_of(self.start_edit), clock_of(self.end_edit))
        values = dict(pa_id=self.pa_edit.value(), rrule=rule, first_start=start, first_end=end,
                      until=self.until_edit.value(), kind=self.kind_edit.value(),
                      break_minutes=self.break_edit.value(), notes=self.notes_edit.value())
        ef = self._ef
        return lambda: rota.add_pattern(ef, **values)


class WorkedDialog(_TimesMixin, FormDialog):
    """Confirm one shift as worked with the times it really had, and minutes woken on a sleep-in."""

    def __init__(self, parent, *, ef, operations: Operations, changes: set[str], shift: RotaShift) -> None:
        super().__init__(parent, _("Shift as worked"), operations=operations, changes=changes,
                         done=_("Shift recorded as worked."), ok_text=_("&Record as worked"),
                         intro=_("{who}: correct the times if they were different from the plan.").format(
                             who=shift.who))
        self._ef, self.shift = ef, shift
        self.add_times(shift.start.date(), shift.start.time(), shift.end.time())
        self.break_edit = self.add("break_minutes", _("Unpaid &break:"), minutes_edit(value=shift.break_minutes))
        self.woken_edit = None
        if shift.kind in ("sleep_in", "on_call"):
            self.woken_edit = self.add(
                "woken_minutes", _("Time &woken to work:"), minutes_edit(value=shift.woken_minutes),
                help_text=_("Minutes the PA was woken to work during the night. They count as working time "
                            "and are paid by the hour."))
        self.finish()
        if self.woken_edit is not None:
            self.woken_edit.setFocus()

    def call(self):
        start, end = self.times()
        values = dict(start=start, end=end, break_minutes=self.break_edit.value())
        if self.woken_edit is not None:
            values["woken_minutes"] = self.woken_edit.value()
        ef, key = self._ef, self.shift.key
        return lambda: rota.record_worked(ef, key, now=clock.now(), **values)


class NeedDialog(FormDialog):
    """One time of support in the weekly schedule (or the same time every day)."""

    EVERY_DAY = -1

    def __init__(self, parent, *, title: str, need: SupportNeedSpec | None, save: Callable[[list[SupportNeedSpec]], Any],
                 operations: Operations, changes: set[str], allow_every_day: bool = True) -> None:
        super().__init__(parent, title, operations=operations, changes=changes, done=_("Support schedule saved."))
        self._save = save
        days = [(day_name(d), d) for d in range(7)]
        if allow_every_day:
            days.append((_("Every day"), self.EVERY_DAY))
        self.day_edit = self.add("weekday", _("&Day:"), ChoiceBox(days))
        self.start_edit = self.add("start", _("&From:"), time_edit(need.start if need else time(7)))
        self.end_edit = self.add("end", _("&Until:"), time_edit(need.end if need else time(10)),
                                 help_text=_("A time at or before the start runs past midnight, as for a night."))
        people = QSpinBox()
        people.setRange(1, 6)
        people.setValue(need.people if need else 1)
        self.people_edit = self.add("people", _("&People needed at once:"), people,
                                    help_text=_("2 for a double-up, for example a hoist."))
        self.kind_edit = self.add("kind", _("&Kind:"), ChoiceBox(kind_choices()))
        self.kind_edit.set_value(need.kind if need else "day")
        self.notes_edit = self.add("notes", _("&What for:"), QLineEdit())
        self.notes_edit.setText(need.notes if need else "")
        self.day_edit.set_value(need.weekday if need else 0)
        self.finish()

    def needs(self) -> list[SupportNeedSpec]:
        weekday = self.day_edit.value()
        days = range(7) if weekday == self.EVERY_DAY else [weekday]
        return [SupportNeedSpec(d, clock_of(self.start_edit), clock_of(self.end_edit), self.people_edit.value(),
                                self.kind_edit.value(), self.notes_edit.text().strip()) for d in days]

    def call(self):
        needs = self.needs()  # replace_support_schedule checks each; a mistake reaches its field through run(form=)
        return lambda: self._save(needs)


class CalendarDialog(FormDialog):
    """Which PA and which dates go into the .ics file; Save then asks where to put it."""

    def __init__(self, parent, *, operations: Operations, pas: list[tuple[int, str]], first: date, pa_id: int | None):
        super().__init__(parent, _("Calendar file for a PA"), operations=operations, changes=set(),
                         ok_text=_("&Choose where to save…"),
                         intro=_("A .ics file the PA can open on their phone. Sending a new one later updates "
                                 "the same events instead of adding copies."))
        self.pa_edit = self.add("pa_id", _("&PA:"), pa_box(pas, nobody=False))
        if pa_id is not None:
            self.pa_edit.set_value(pa_id)
        self.first_edit = self.add("first_day", _("&From:"), RequiredDateEdit(first))
        self.last_edit = self.add("last_day", _("&Until:"), RequiredDateEdit(first + timedelta(weeks=12, days=-1)))
        self.finish()

    def call(self):
        if self.pa_edit.value() is None:
            raise ValidationError(_("Add a PA first."), field="pa_id")
        if self.last_edit.value() < self.first_edit.value():
            raise ValidationError(_("The last day must be on or after the first."), field="last_day")
        return lambda: None
