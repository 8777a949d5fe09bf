"""The Rota page driven through the real widgets on the sample employer: the week by keyboard, moving a
shift (keyboard and drag) with the week checked again, "My PA can't come" to a recorded cover, the
timesheet, the support schedule, repeating shifts, and the files it saves."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlmodel import select

from paemployer.services import output
from paemployer.services import rota
from paemployer.services.demo import write_demo_file
from paemployer.store.models import Absence
from paemployer.ui.rota.models import MonthModel, WeekModel

pytestmark = pytest.mark.gui

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def employer_path(tmp_path, today):
    """The rota tests run on the demo employer (conftest's window and read_file open this file)."""
    return write_demo_file(tmp_path / "demo.paemployer", today=today)


@pytest.fixture
def page(qtbot, window, shown_errors):
    window.activateWindow()
    rota_page = window.go_to("rota")
    rota_page.week_view.setFocus()
    qtbot.waitUntil(lambda: rota_page.week_view.hasFocus())
    yield rota_page
    assert not shown_errors, shown_errors


@pytest.fixture
def press(press, page):
    """Keys go where the focus is, or to the week grid when nothing has it."""
    return lambda key, modifier=Qt.KeyboardModifier.NoModifier: press(key, modifier, otherwise=page.week_view)


def selected(page):
    return page.week_model.shift_at(page.week_view.currentIndex())


def test_the_week_by_keyboard(qtbot, page, today, when_dialog_opens, press):
    # Opens on this week with today's first shift chosen.
    assert page.week_model.monday == date(2026, 11, 23)
    assert "23 November 2026" in page.period_label.text()
    first = selected(page)
    assert first.start == datetime(2026, 11, 24, 7) and first.pa_name == "Megan Hughes"

    press(Qt.Key.Key_Right)  # Wednesday, same place in the list
    assert selected(page).start == datetime(2026, 11, 25, 7)
    press(Qt.Key.Key_Down)  # Wednesday's next shift
    press(Qt.Key.Key_Down)
    assert selected(page).start == datetime(2026, 11, 25, 22)
    press(Qt.Key.Key_Down)  # nothing further that day: stays on the last shift
    assert selected(page).start == datetime(2026, 11, 25, 22)
    assert selected(page).kind == "sleep_in"

    press(Qt.Key.Key_PageDown)
    assert page.week_model.monday == date(2026, 11, 30)
    # Next Saturday evening was Megan's, cancelled for her leave: a gap, said in words beside the grid.
    gaps = [p for p in page.problem_rows if p.kind == "gap"]
    assert [(g.start, g.end) for g in gaps] == [(datetime(2026, 12, 5, 17), datetime(2026, 12, 5, 22))]
    assert "Nobody on the rota" in page.problem_model.data(page.problem_model.index(0, 0))
    assert "1 gap" in page.week_model.headerData(5, Qt.Orientation.Horizontal)
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.week_model.monday == date(2026, 12, 7)
    press(Qt.Key.Key_Home)
    assert page.week_model.monday == date(2026, 11, 23)
    press(Qt.Key.Key_PageUp)
    assert page.week_model.monday == date(2026, 11, 16)
    press(Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.week_model.monday == date(2026, 11, 9)

    # Enter opens the chosen shift, saying it belongs to a pattern that carries on.
    seen = when_dialog_opens(lambda dialog: dialog.reject())
    wanted = selected(page)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    dialog = seen[0]
    assert dialog.windowTitle() == "Shift"
    assert dialog.shift.key == wanted.key


def test_each_pa_is_told_apart_by_name_and_pattern_in_words(page):
    cell = page.week_model.data(page.week_view.currentIndex())
    assert cell.splitlines() == ["07:00–11:00", "Megan", "every Mon–Thu"]
    night = page.week_model.data(page.week_model.index(2, 0))
    assert night.splitlines()[:3] == ["22:00–08:30", "Anita", "sleep-in"]
    spoken = page.week_model.data(page.week_view.currentIndex(), Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Megan Hughes, Tuesday 24 November, 07:00–11:00, day shift")


def test_moving_a_shift_by_keyboard_goes_through_the_service_and_is_checked_again(qtbot, page, read_file, press):
    shift = selected(page)
    assert shift.start == datetime(2026, 11, 24, 7)
    press(Qt.Key.Key_Right, CTRL_SHIFT)  # a day later
    moved = read_file(lambda ef: rota.get_shift(ef, shift.key))
    assert (moved.start, moved.end) == (datetime(2026, 11, 25, 7), datetime(2026, 11, 25, 11))
    # Still chosen after the move, and the pattern's other days are untouched.
    assert selected(page).key == shift.key and selected(page).start == moved.start
    wednesday = [s for s in page.week_model.shifts_on(2) if s.pa_name == "Megan Hughes"]
    assert len(wednesday) == 2
    # Megan is now on two shifts at once on Wednesday: shown at once, and said in the status bar.
    clashes = [p for p in page.problem_rows if p.kind == "clash"]
    assert clashes and shift.key in clashes[0].shift_keys
    assert "Megan Hughes" in clashes[0].who
    assert "Check:" in page.window().statusBar().currentMessage()

    press(Qt.Key.Key_Down, CTRL_SHIFT)  # half an hour later
    moved = read_file(lambda ef: rota.get_shift(ef, shift.key))
    assert moved.start == datetime(2026, 11, 25, 7, 30)
    press(Qt.Key.Key_Left, CTRL_SHIFT)
    press(Qt.Key.Key_Up, CTRL_SHIFT)
    moved = read_file(lambda ef: rota.get_shift(ef, shift.key))
    assert moved.start == datetime(2026, 11, 24, 7)
    assert not [p for p in page.problem_rows if p.kind == "clash"]


def test_dragging_a_shift_to_another_day_moves_it(qtbot, page, read_file):
    source = page.week_view.currentIndex()
    shift = page.week_model.shift_at(source)
    data = page.week_model.mimeData([source])
    target = page.week_model.index(0, 4)  # Friday
    page.week_model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    qtbot.waitUntil(lambda: selected(page).start.date() == date(2026, 11, 27))
    moved = read_file(lambda ef: rota.get_shift(ef, shift.key))
    assert moved.start == datetime(2026, 11, 27, 7)
    assert selected(page).key == shift.key


def test_my_pa_cant_come_to_a_recorded_cover(qtbot, page, read_file, when_dialog_opens, press):
    shift = selected(page)
    looked = {}

    def choose_gareth(dialog):
        looked["pas"] = [c.pa_name for c in dialog.options.pas]
        looked["contacts"] = [c.name for c in dialog.options.contacts]
        looked["phones"] = [label.text() for label in dialog.findChildren(QLabel, "coverPhone")]
        gareth = next(c for c in dialog.options.pas if c.pa_name == "Gareth Price")
        dialog.choose("pa", gareth.pa_id)
        dialog.kind_edit.set_value("sickness")
        qtbot.keyClick(dialog.record_button, Qt.Key.Key_Space)

    seen = when_dialog_opens(choose_gareth)
    press(Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    # Free PAs first, then the plan B contacts in the order to call them, numbers in large type.
    assert "Gareth Price" in looked["pas"] and "Megan Hughes" not in looked["pas"]
    assert looked["contacts"][0] == "Siân Roberts"
    assert "07700 900610" in looked["phones"]

    week = read_file(lambda ef: rota.week(ef, date(2026, 11, 24)))
    original = next(s for s in week.shifts if s.key == shift.key)
    assert original.status == "covered"
    cover = [s for s in week.shifts if s.cover_for_shift_id == original.shift_id]
    assert [(c.pa_name, c.start, c.end) for c in cover] == [("Gareth Price", shift.start, shift.end)]

    def absences(ef):
        with ef.session() as session:
            return [(a.pa_id, a.kind.value, a.start_date, a.shift_id) for a in session.exec(select(Absence)).all()
                    if a.shift_id is not None]

    assert absences and (shift.pa_id, "sickness", date(2026, 11, 24), original.shift_id) in read_file(absences)
    # The week shows Gareth on the shift now, with no new gap.
    assert selected(page).pa_name == "Gareth Price"
    assert not [p for p in page.problem_rows if p.kind == "gap"]


def test_cant_come_with_nobody_yet_leaves_a_gap(qtbot, page, read_file, when_dialog_opens):
    def nobody(dialog):
        dialog.choose("nobody", None)
        dialog.kind_edit.set_value("no_show")
        dialog.record_button.click()

    seen = when_dialog_opens(nobody)
    page.cant_come_button.click()
    qtbot.waitUntil(lambda: len(seen) >= 1)
    # Anita's sleep-in runs to 08:30: the second pair of hands for the hoist is missing, then nobody until 10.
    gaps = [(p.start, p.end, p.people_missing) for p in page.problem_rows if p.kind == "gap"]
    assert gaps == [(datetime(2026, 11, 24, 8), datetime(2026, 11, 24, 8, 30), 1),
                    (datetime(2026, 11, 24, 8, 30), datetime(2026, 11, 24, 10), 1)]


def test_confirm_a_week_as_planned(qtbot, page, read_file, press, today):
    # The demo's timesheets are confirmed up to the start of this week (its pay history); this week's are not.
    monday = today - timedelta(days=today.weekday())
    assert page.week_model.monday == monday
    before = read_file(lambda ef: rota.week(ef, monday))
    now = datetime.combine(today, datetime.min.time())
    done = [s.key for s in before.shifts if s.start >= before.start and s.end <= now]
    assert done and all(s.status == "planned" for s in before.shifts if s.key in done)
    page.tabs.setCurrentWidget(page.timesheet)
    qtbot.keyClick(page.timesheet.confirm_button, Qt.Key.Key_Space)
    after = read_file(lambda ef: rota.week(ef, monday))
    assert [s.status for s in after.shifts if s.key in done] == ["worked"] * len(done)
    # Those that ended by midnight, and any ended since then today.
    confirmed = [s for s in after.shifts if s.start >= after.start and s.status == "worked"]
    assert len(confirmed) >= len(done)
    assert f"Confirmed {len(confirmed)} shifts" in page.window().statusBar().currentMessage()


def test_record_minutes_woken_on_a_sleep_in(qtbot, page, read_file, when_dialog_opens):
    page.tabs.setCurrentWidget(page.timesheet)
    model = page.timesheet.model
    row = model.row_of(lambda s: s.kind == "sleep_in" and s.start == datetime(2026, 11, 23, 22))
    page.timesheet.table.select_row(row)
    sleep_in = model.row_at(row)
    assert page.timesheet.woken_button.isEnabled()

    def woken(dialog):
        assert dialog.focusWidget() is dialog.woken_edit  # the field this button is for
        dialog.woken_edit.setValue(45)
        qtbot.keyClick(dialog.woken_edit, Qt.Key.Key_Return)

    seen = when_dialog_opens(woken)
    qtbot.keyClick(page.timesheet.woken_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    saved = read_file(lambda ef: rota.get_shift(ef, sleep_in.key))
    assert (saved.status, saved.woken_minutes) == ("worked", 45)


def test_correct_times_refuses_an_end_before_the_start_at_the_field(qtbot, page, read_file, when_dialog_opens):
    page.tabs.setCurrentWidget(page.timesheet)
    shift = page.timesheet.current()
    looked = {}

    def bad_break(dialog):
        dialog.break_edit.setValue(600)  # longer than the shift
        dialog.save_button.click()
        looked["open"] = dialog.isVisible()
        looked["banner"] = dialog.fields.banner.text()
        dialog.reject()

    seen = when_dialog_opens(bad_break)
    page.timesheet.correct_button.click()
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert looked["open"] and "break" in looked["banner"]
    assert read_file(lambda ef: rota.get_shift(ef, shift.key)).status == "planned"


def test_cancel_one_occurrence_keeps_the_pattern(qtbot, page, read_file, monkeypatch, press):
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    shift = selected(page)
    press(Qt.Key.Key_Delete)
    assert read_file(lambda ef: rota.get_shift(ef, shift.key)).status == "cancelled"
    next_week = read_file(lambda ef: rota.week(ef, date(2026, 12, 1)))
    same_slot = [s for s in next_week.shifts if s.pattern_id == shift.pattern_id and s.start.date() == date(2026, 12, 1)]
    assert [s.status for s in same_slot] == ["planned"]
    assert any(p.kind == "gap" and shift.start <= p.start < shift.end for p in page.problem_rows)


def test_add_every_other_saturday(qtbot, page, read_file, when_dialog_opens, press):
    def fill(dialog):
        dialog.pa_edit.setCurrentText("Gareth Price")
        dialog.repeat_edit.set_value("other_saturday")
        dialog.start_edit.setTime(dialog.start_edit.time().fromString("17:00", "HH:mm"))
        dialog.end_edit.setTime(dialog.end_edit.time().fromString("22:00", "HH:mm"))
        dialog.save_button.click()

    seen = when_dialog_opens(fill)
    press(Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    patterns = read_file(lambda ef: rota.list_patterns(ef))
    added = patterns[-1]
    assert added.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"
    assert added.first_start == datetime(2026, 11, 28, 17) and added.first_end == datetime(2026, 11, 28, 22)
    # Shown on the next two Saturdays it falls on, not the one between.
    saturdays = read_file(lambda ef: rota.shifts_between(ef, datetime(2026, 11, 28), datetime(2026, 12, 13)))
    days = sorted({s.start.date() for s in saturdays if s.pattern_id == added.pattern_id})
    assert days == [date(2026, 11, 28), date(2026, 12, 12)]


def test_a_gap_in_the_list_offers_a_shift_for_it(qtbot, page, read_file, when_dialog_opens, press):
    press(Qt.Key.Key_PageDown)
    def fill(dialog):
        assert (dialog.day_edit.value(), dialog.start_edit.time().hour(), dialog.end_edit.time().hour()) == (
            date(2026, 12, 5), 17, 22)
        dialog.pa_edit.setCurrentText("Gareth Price")
        dialog.save_button.click()

    seen = when_dialog_opens(fill)
    page.problem_table.setFocus()
    page.problem_table.select_row(0)
    qtbot.keyClick(page.problem_table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    assert not [p for p in page.problem_rows if p.kind == "gap"]
    week = read_file(lambda ef: rota.week(ef, date(2026, 12, 5)))
    assert not week.gaps


def test_support_schedule_editor_adds_a_double_up_past_midnight(qtbot, page, read_file, when_dialog_opens, press):
    page.tabs.setCurrentWidget(page.support)
    before = len(read_file(rota.support_schedule))

    def fill(dialog):
        dialog.day_edit.set_value(6)  # Sunday
        dialog.start_edit.setTime(dialog.start_edit.time().fromString("23:00", "HH:mm"))
        dialog.end_edit.setTime(dialog.end_edit.time().fromString("01:00", "HH:mm"))
        dialog.people_edit.setValue(2)
        dialog.save_button.click()

    seen = when_dialog_opens(fill)
    page.support.add_button.click()
    qtbot.waitUntil(lambda: len(seen) >= 1)
    needs = read_file(rota.support_schedule)
    assert len(needs) == before + 1
    added = [n for n in needs if n.weekday == 6 and n.start == time(23)]
    assert [(n.end, n.people) for n in added] == [(time(1), 2)]
    # Sunday 23:00-01:00 now needs two people and only Anita is there: a gap for the second person.
    press(Qt.Key.Key_Home)
    assert any(p.kind == "gap" and p.start == datetime(2026, 11, 29, 23) and p.people_missing == 1
               for p in page.problem_rows)


def test_month_view_by_keyboard_and_back_to_the_week(qtbot, page, press):
    press(Qt.Key.Key_M, CTRL_SHIFT)
    assert page.grid_stack.currentWidget() is page.month_view
    assert page.period_label.text() == "November 2026"
    page.month_view.setFocus()
    qtbot.keyClick(page.month_view, Qt.Key.Key_PageDown)
    assert page.period_label.text() == "December 2026"
    day = page.month_model.day_at(page.month_view.currentIndex())
    assert day == date(2026, 12, 1)
    qtbot.keyClick(page.month_view, Qt.Key.Key_Right)
    qtbot.keyClick(page.month_view, Qt.Key.Key_Down)
    assert page.month_model.day_at(page.month_view.currentIndex()) == date(2026, 12, 9)
    text = page.month_model.data(page.month_model.index_of(date(2026, 12, 5)))
    assert "1 gap" in text and "(cancelled)" in text
    # Rhys Morgan's short Sunday rest is marked on each Sunday once the checks have run.
    sunday = page.month_model.index_of(date(2026, 12, 6))
    qtbot.waitUntil(lambda: "⚠ rest" in page.month_model.data(sunday))
    assert "1 rest problem" in page.month_model.data(sunday, Qt.ItemDataRole.AccessibleTextRole)
    qtbot.keyClick(page.month_view, Qt.Key.Key_Return)
    assert page.grid_stack.currentWidget() is page.week_view
    assert page.week_model.monday == date(2026, 12, 7)
    assert page.week_view.currentIndex().column() == 2


def test_saves_the_week_the_plan_and_a_calendar(qtbot, page, tmp_path, when_dialog_opens):
    week_pdf, plan_pdf, ics = tmp_path / "week.pdf", tmp_path / "plan.pdf", tmp_path / "megan.ics"
    assert page.save_week_pdf(week_pdf)
    assert page.save_plan_pdf(plan_pdf)
    assert week_pdf.read_bytes().startswith(b"%PDF") and plan_pdf.read_bytes().startswith(b"%PDF")

    def choose(dialog):
        assert dialog.pa_edit.currentText() == "Megan Hughes"  # the chosen shift's PA
        dialog.save_button.click()

    seen = when_dialog_opens(choose)
    assert page.export_calendar(ics)
    assert seen
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) > 12 and all(e.get("dtstart").dt.hour in (7, 17) for e in events)


def test_a_pdf_that_cannot_be_written_is_said_plainly(page, tmp_path, shown_errors):
    nowhere = tmp_path / "no such folder" / "week.pdf"
    assert not page.save_week_pdf(nowhere)
    [error] = shown_errors
    assert isinstance(error, output.OutputFileError) and "Could not write" in error.message
    shown_errors.clear()  # expected here; the fixture checks no other error was shown


def test_every_action_is_in_the_menu_with_its_key(page):
    texts = {action.text(): [k.toString() for k in action.shortcuts()] for action in page.action_menu.actions()
             if not action.isSeparator()}
    assert texts["My PA &can't come…"] == ["F8"]
    assert texts["Move shift a &day later"] == ["Ctrl+Shift+Right"]
    assert texts["&Previous week or month"] == ["PgUp", "Alt+Left"]
    # Buttons say their key in the tooltip.
    assert "F8" in page.cant_come_button.toolTip() and "Page Down" in page.next_button.toolTip()
    for widget in (page.previous_button, page.today_button, page.next_button, page.week_radio, page.month_radio,
                   page.cant_come_button, page.tabs, page.week_view, page.month_view, page.problem_table,
                   page.add_shift_button, page.timesheet.table, page.support.table):
        assert widget.accessibleName()


def test_models_pass_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.week_model)
    page.month_radio.setChecked(True)
    qtmodeltester.check(page.month_model)
    empty_week, empty_month = WeekModel(), MonthModel()
    qtmodeltester.check(empty_week)
    qtmodeltester.check(empty_month)
    assert empty_week.shift_at(QModelIndex()) is None
    assert empty_week.rowCount() == 1 and empty_week.index_of("s1") == QModelIndex()
    assert timedelta(days=41) == empty_month.last_day - empty_month.start


def test_delete_on_the_support_tab_deletes_the_chosen_time_not_a_shift(qtbot, page, read_file, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    shift = selected(page)
    page.tabs.setCurrentWidget(page.support)
    page.support.table.setFocus()
    page.support.table.select_row(1)
    chosen = page.support.model.row_at(1)
    before = read_file(rota.support_schedule)
    qtbot.keyClick(page.support.table, Qt.Key.Key_Delete)
    after = read_file(rota.support_schedule)
    assert len(after) == len(before) - 1 and chosen not in after
    assert read_file(lambda ef: rota.get_shift(ef, shift.key)).status == "planned"


def _mnemonic(text: str) -> str | None:
    cleaned = text.replace("&&", "")
    at = cleaned.find("&")
    return cleaned[at + 1].lower() if 0 <= at < len(cleaned) - 1 else None


@pytest.mark.parametrize("tab", ["rota", "timesheet", "support"])
def test_alt_letters_on_each_tab_are_unique(page, tab):
    from PySide6.QtWidgets import QAbstractButton

    page.tabs.setCurrentWidget({"rota": page.tabs.widget(0), "timesheet": page.timesheet,
                                "support": page.support}[tab])
    window = page.window()
    letters = [_mnemonic(action.text()) for action in window.menuBar().actions()]
    letters += [_mnemonic(page.tabs.tabText(i)) for i in range(page.tabs.count())]
    for widget in page.findChildren(QAbstractButton) + page.findChildren(QLabel):
        if widget.isVisible():
            letters.append(_mnemonic(widget.text()))
    letters = [letter for letter in letters if letter]
    assert len(letters) >= 12 and len(letters) == len(set(letters)), sorted(letters)


def test_cant_come_records_nothing_until_a_choice_is_made(qtbot, page, read_file, when_dialog_opens):
    shift = selected(page)
    looked = {}

    def press_enter_at_once(dialog):
        qtbot.keyClick(dialog.record_button, Qt.Key.Key_Return)
        looked["open"] = dialog.isVisible()
        looked["banner"] = dialog.fields.banner.text()
        dialog.reject()

    seen = when_dialog_opens(press_enter_at_once)
    page.cant_come_button.click()
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert looked["open"] and "Choose who covered" in looked["banner"]
    assert read_file(lambda ef: rota.get_shift(ef, shift.key)).status == "planned"


def test_enter_on_an_empty_day_adds_a_shift_that_day(qtbot, page, read_file, when_dialog_opens, press):
    page.week_view.select(page.week_model.index(0, 3))
    for _press in range(4):
        press(Qt.Key.Key_Down)
    assert page.week_view.currentIndex().row() == 2  # Thursday's last shift: the cursor stops there
    page.show_week_of(date(2026, 9, 16))  # before the sample rota began: an empty week
    assert page.week_model.rowCount() == 1 and not page.week_model.shifts_on(2)
    page.week_view.select(page.week_model.index(0, 2))
    looked = []

    def fill(dialog):
        looked.append((dialog.windowTitle(), dialog.day_edit.value()))
        dialog.pa_edit.setCurrentText("Rhys Morgan")
        dialog.save_button.click()

    seen = when_dialog_opens(fill)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert looked == [("Add a one-off shift", date(2026, 9, 16))]
    added = read_file(lambda ef: rota.week(ef, date(2026, 9, 16))).shifts
    assert [(s.pa_name, s.start) for s in added] == [("Rhys Morgan", datetime(2026, 9, 16, 9))]
    assert selected(page).pa_name == "Rhys Morgan"  # the new shift is chosen in the grid


def test_editing_one_occurrence_changes_that_day_only(qtbot, page, read_file, when_dialog_opens):
    shift = selected(page)
    assert shift.pattern_id is not None

    def give_to_gareth(dialog):
        assert "the pattern carries on" in dialog.findChild(QLabel).text()
        dialog.pa_edit.setCurrentText("Gareth Price")
        dialog.save_button.click()

    seen = when_dialog_opens(give_to_gareth)
    page.open_button.click()
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    assert read_file(lambda ef: rota.get_shift(ef, shift.key)).pa_name == "Gareth Price"
    week = read_file(lambda ef: rota.week(ef, date(2026, 11, 23)))
    megan_mornings = [s.start.date() for s in week.shifts if s.pattern_id == shift.pattern_id and
                      s.pa_name == "Megan Hughes"]
    assert megan_mornings == [date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 26)]
    assert selected(page).pa_name == "Gareth Price"


def test_large_text_puts_the_problems_under_the_grid(qtbot, page):
    from PySide6.QtGui import QFont

    assert page.splitter.orientation() == Qt.Orientation.Horizontal
    font = QFont(page.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    page.setFont(font)  # children without their own font follow, as after View > Larger text
    page.window().resize(1280, 801)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Vertical)
    header = page.week_view.horizontalHeader()
    times = page.week_view.fontMetrics().horizontalAdvance("07:00–11:00")
    assert all(header.sectionSize(day) > times for day in range(7))


def test_rest_problems_follow_the_grid_and_moves_name_them(qtbot, page, read_file, press):
    press(Qt.Key.Key_PageDown)
    # Rhys Morgan's Sunday (evening until 22:00, then 07:00 on Monday) is short of 11 hours' rest.
    qtbot.waitUntil(lambda: any(p.kind == "working_time" for p in page.problem_rows))
    rest = next(p for p in page.problem_rows if p.kind == "working_time" and "Rhys Morgan" in p.who)
    assert rest.what == "Less than 11 hours' rest between shifts"
    # Anita's six sleep-ins a week are over the night-work and (opted-out) 48-hour averages, as the warnings say.
    assert "3 rest or hours problems" in page.problems_label.text()
    heading = rest.start.weekday()
    assert page.week_model.headerData(heading, Qt.Orientation.Horizontal).endswith("\n⚠ rest")
    assert "1 rest problem" in page.week_model.headerData(heading, Qt.Orientation.Horizontal,
                                                          Qt.ItemDataRole.AccessibleTextRole)
    # Enter on it chooses one of the shifts involved in the grid.
    page.problem_table.setFocus()
    page.problem_table.select_row(page.problem_rows.index(rest))
    qtbot.keyClick(page.problem_table, Qt.Key.Key_Return)
    assert selected(page).key in rest.shift_keys
    # Half an hour is not enough to mend it: after the move the status bar names the problem still there.
    page.week_view.setFocus()
    press(Qt.Key.Key_Up, CTRL_SHIFT)
    assert "Less than 11 hours' rest" in page.window().statusBar().currentMessage()


def test_a_keyboard_move_reads_the_rota_and_checks_working_time_once(qtbot, page, monkeypatch, press):
    qtbot.wait(50)  # the check queued when the page opened has run
    calls: list[str] = []
    period, get_shift = rota.period, rota.get_shift

    def counted_period(*args, **kwargs):
        calls.append("checked" if kwargs.get("working_time") else "period")
        return period(*args, **kwargs)

    monkeypatch.setattr(rota, "period", counted_period)
    monkeypatch.setattr(rota, "get_shift", lambda *a, **k: calls.append("get_shift") or get_shift(*a, **k))
    before = selected(page)
    press(Qt.Key.Key_Right, CTRL_SHIFT)
    qtbot.wait(50)  # anything queued by the move has had its turn
    assert selected(page).start == before.start + timedelta(days=1)
    assert calls.count("checked") == 1 and "get_shift" not in calls
    assert "Moved" in page.window().statusBar().currentMessage()


def test_paging_weeks_does_not_read_the_pas_again_but_leaves_out_those_who_left(qtbot, page, monkeypatch, read_file,
                                                                                press):
    from paemployer.services import records

    [megan] = [pa for pa in read_file(records.list_pas) if pa.full_name == "Megan Hughes"]
    read_file(lambda ef: records.update_pa(ef, megan.id, end_date=date(2026, 12, 4)))
    page.context.operations.changed.emit(frozenset({"pa"}))
    reads: list[int] = []
    monkeypatch.setattr(records, "list_pas", lambda *a, **k: reads.append(1) or [])
    assert megan.id in dict(page._pas)  # still employed this week
    press(Qt.Key.Key_PageDown)
    press(Qt.Key.Key_PageDown)
    assert reads == [] and megan.id not in dict(page._pas)  # gone by the week of 7 December


def test_a_time_of_support_that_ends_when_it_starts_is_refused_at_its_field(qtbot, page, read_file):
    from PySide6.QtCore import QTime

    from paemployer.ui.forms import ErrorLabel
    from paemployer.ui.rota.dialogs import NeedDialog

    before = read_file(rota.support_schedule)
    file = page.context.file
    dialog = NeedDialog(page, title="Add a time of support", need=None, operations=page.context.operations,
                        changes=set(), save=lambda needs: rota.replace_support_schedule(file, before + needs))
    qtbot.addWidget(dialog)
    dialog.start_edit.setTime(QTime(9, 0))
    dialog.end_edit.setTime(QTime(9, 0))
    dialog.try_save()
    assert not dialog.outcome.ok
    message = dialog.end_edit.parentWidget().findChild(ErrorLabel, "validationMessage")
    assert message.text() == "Support must end at a different time from when it starts."
    assert read_file(rota.support_schedule) == before


def test_f8_on_a_shift_nobody_is_on_yet_finds_someone_to_take_it(qtbot, page, read_file, when_dialog_opens, press):
    key_added = read_file(lambda ef: rota.add_shift(ef, pa_id=None, start=datetime(2026, 11, 27, 12),
                                                   end=datetime(2026, 11, 27, 15)))
    page.refresh()
    page.select_key(key_added)
    looked = {}

    def take_it(dialog):
        looked["summary"] = dialog.findChild(QLabel).text()
        looked["absence shown"] = any(label.isVisible() for label in dialog.findChildren(QLabel)
                                      if "absence" in label.text() or "come?" in label.text())
        dialog.choose("pa", next(c.pa_id for c in dialog.options.pas if c.pa_name == "Anita Kowalska"))
        dialog.record_button.click()

    seen = when_dialog_opens(take_it)
    press(Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    assert looked == {"summary": "Nobody is on the day shift on Fri 27 Nov 12:00–15:00 yet. Who could take it?",
                      "absence shown": False}
    fri = read_file(lambda ef: rota.week(ef, date(2026, 11, 27))).shifts_on(date(2026, 11, 27))
    assert [(s.pa_name, s.status) for s in fri if s.start.hour == 12] == [("", "covered"), ("Anita Kowalska", "planned")]


def test_f8_from_another_page_opens_plan_b_on_the_rota(qtbot, page, when_dialog_opens):
    """Plan B is one keystroke away from anywhere: F8 on the home page goes to the rota and asks who could cover."""
    main = page.window()
    main.go_to("home")
    main.nav.setFocus()
    qtbot.waitUntil(lambda: main.nav.hasFocus())
    seen_titles = []

    def look_and_cancel(dialog):
        seen_titles.append(dialog.windowTitle())
        dialog.reject()

    seen = when_dialog_opens(look_and_cancel)
    qtbot.keyClick(main.nav, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert main.current_page() is page
    assert seen_titles == ["My PA can't come"]
