"""The Pay page driven through the real widgets on the sample employer: pay run for a period with each PA's
lines, a line added and removed, deductions typed, approve and finalise, a minimum-wage shortfall refused and
decided the way the warnings centre decides, the shifts behind a line opened on the rota, the files for the
period, and every button reached with Tab, each with a name."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox
from test_accessibility import check

from paemployer.i18n import format_money, hours_text, plain_number
from paemployer.services import pay, records, rota
from paemployer.services.demo import write_demo_file

pytestmark = pytest.mark.gui

PERIOD_END = date(2026, 12, 5)  # tax month 6 November to 5 December 2026, running on "today" (24 November)
NOW = datetime(2026, 11, 24, 12)


@pytest.fixture
def employer_path(tmp_path, today):
    """The sample employer with the shifts of the period so far confirmed as worked."""
    path = write_demo_file(tmp_path / "demo.paemployer", today=today)
    from paemployer.store.db import open_employer_file

    ef = open_employer_file(path)
    try:
        rota.confirm_as_planned(ef, datetime(2026, 11, 6), NOW, now=NOW)
    finally:
        ef.close()
    return path


@pytest.fixture
def page(qtbot, window, shown_errors):
    window.activateWindow()
    pay_page = window.go_to("pay")
    yield pay_page
    assert not shown_errors, shown_errors


@pytest.fixture
def yes(monkeypatch):
    """Every Yes/No question answered Yes (the questions asked are kept)."""
    asked: list[str] = []

    def answer(parent, question, title=None):
        asked.append(question)
        return True

    monkeypatch.setattr("paemployer.ui.pay.page.confirm", answer)
    return asked


def choose_pa(page, name):
    row = page.run_model.row_of(lambda run: run.pa_name == name)
    assert row >= 0, [run.pa_name for run in page.runs]
    page.run_table.select_row(row)
    return page.current_run()


def ran(qtbot, page):
    if page.period_end != PERIOD_END:
        page.choose_period(PERIOD_END)
    qtbot.keyClick(page.run_button, Qt.Key.Key_Space)
    return page.runs


def test_run_pay_shows_each_pa_with_totals_and_the_minimum_wage_in_words(qtbot, page, read_file):
    runs = ran(qtbot, page)
    assert [run.pa_name for run in runs] == ["Anita Kowalska", "Gareth Price", "Megan Hughes", "Rhys Morgan"]
    stored = read_file(lambda ef: pay.runs_for_period(ef, PERIOD_END))
    assert [run.gross for run in stored] == [run.gross for run in runs]
    assert all(run.status.value == "draft" for run in stored)
    megan = choose_pa(page, "Megan Hughes")
    assert megan.gross > 0 and megan.lines
    row = page.run_table.current_row()
    cells = [page.run_model.data(page.run_model.index(row, column)) for column in range(page.run_model.columnCount())]
    assert cells[0] == "Megan Hughes" and cells[1] == "6 Nov 2026" and cells[2] == "Draft"
    # The deductions the app works out (her pension contribution: tax and NI start above her pay).
    assert megan.deductions.source == "computed" and megan.net == megan.gross - megan.deductions.total
    assert cells[3] == format_money(megan.gross) and cells[4] == format_money(megan.deductions.total)
    assert cells[5] == format_money(megan.net)
    assert cells[6] == "Met"  # the verdict in words, not a colour
    # Paid the Friday after the period ends.
    assert page.period_words.text() == "Pay for the period ending 5 December 2026, paid on 11 December 2026."
    # Her lines, each saying what it is, the sums and where it came from.
    assert page.line_model.rowCount() == len(megan.lines)
    first = megan.lines[0]
    line = [page.line_model.data(page.line_model.index(0, column)) for column in range(6)]
    assert line[0] == "Hours" and line[4] == format_money(first.amount)
    assert line[3] == format_money(first.rate) and line[2] == plain_number(first.hours)
    assert line[5] == f"{len(first.shift_keys)} shifts"
    assert f"{hours_text(first.hours)} at {format_money(first.rate)} = {format_money(first.amount)}" in \
        page.line_words.text()
    summary = page.summary_label.text()
    assert "Megan Hughes: 6 November 2026 to 5 December 2026, paid on 11 December 2026. Draft." in summary
    assert "Minimum wage" in summary and "Met." in summary


def test_notes_on_the_run_are_shown_as_text(qtbot, page, read_file):
    # A shift last week still only planned: not paid, and said.
    def planned(ef):
        rhys = next(pa.id for pa in records.list_pas(ef) if pa.first_name == "Rhys")
        rota.add_shift(ef, pa_id=rhys, start=datetime(2026, 11, 15, 9), end=datetime(2026, 11, 15, 13))

    read_file(planned)
    ran(qtbot, page)
    choose_pa(page, "Rhys Morgan")
    assert "1 planned shift not yet confirmed" in page.run_model.data(
        page.run_model.index(page.run_table.current_row(), 7))
    assert "To know:" in page.summary_label.text()
    assert "1 planned shift not yet confirmed" in page.summary_label.text()


def test_a_line_is_added_through_its_dialog_and_removed_after_a_question(qtbot, page, read_file, when_dialog_opens,
                                                                         yes):
    ran(qtbot, page)
    before = choose_pa(page, "Rhys Morgan")

    def add(dialog):
        fields = dialog.fields
        fields.widget("kind").set_value("expense")
        qtbot.keyClicks(fields.widget("description"), "Bus fares to the hospital")
        qtbot.keyClicks(fields.widget("amount"), "12.40")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    seen = when_dialog_opens(add)
    qtbot.keyClick(page.add_line_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    run = page.current_run()
    assert run.pa_name == "Rhys Morgan"
    assert run.gross == before.gross + Decimal("12.40")
    added = page.line_model.row_at(page.line_table.current_row())
    assert added.added_by_user and added.description == "Bus fares to the hospital"
    assert page.line_model.data(page.line_model.index(page.line_table.current_row(), 0)) == "Expense paid back"
    assert page.remove_line_button.isEnabled()

    qtbot.keyClick(page.remove_line_button, Qt.Key.Key_Space)
    assert "Bus fares to the hospital" in yes[-1]
    assert page.current_run().gross == before.gross
    stored = read_file(lambda ef: pay.runs_for_period(ef, PERIOD_END, pa_id=run.pa_id))[0]
    assert not any(line.added_by_user for line in stored.lines)
    # A line from the rota cannot be removed: the button says so by being unavailable.
    page.line_table.select_row(0)
    assert not page.remove_line_button.isEnabled()


def test_a_line_without_an_amount_is_refused_under_its_field(qtbot, page, read_file, when_dialog_opens):
    ran(qtbot, page)
    choose_pa(page, "Rhys Morgan")
    said: list[str] = []

    def add(dialog):
        fields = dialog.fields
        qtbot.keyClicks(fields.widget("description"), "Birthday bonus")
        fields.widget("kind").set_value("bonus")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        assert dialog.isVisible()
        said.append(fields.banner.text())
        assert fields.widget("amount").hasFocus()
        dialog.reject()

    seen = when_dialog_opens(add)
    page.add_line()
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    assert "amount" in said[0].lower()
    stored = read_file(lambda ef: pay.runs_for_period(ef, PERIOD_END))
    assert not any(line.added_by_user for run in stored for line in run.lines)


def test_deductions_are_typed_and_come_off_the_net(qtbot, page, read_file, when_dialog_opens):
    ran(qtbot, page)
    choose_pa(page, "Megan Hughes")

    def type_them(dialog):
        fields = dialog.fields
        for name, text in (("tax", "120.40"), ("employee_ni", "35.60"), ("employee_pension", "10.00"),
                           ("employer_ni", "60.00")):
            fields.widget(name).clear()
            qtbot.keyClicks(fields.widget(name), text)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    seen = when_dialog_opens(type_them)
    qtbot.keyClick(page.deductions_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    run = page.current_run()
    assert run.deductions.total == Decimal("166.00") and run.net == run.gross - Decimal("166.00")
    assert f"deductions £166.00 (typed by you), net {format_money(run.net)}" in page.summary_label.text()
    assert read_file(lambda ef: pay.get_run(ef, run.run_id)).deductions.employer_ni == Decimal("60.00")


def test_the_student_and_postgraduate_loans_show_and_save(qtbot, page, read_file, when_dialog_opens):
    # Test set-up only: figures already typed by the employer.
    from paemployer.rules.pay import Deductions

    ran(qtbot, page)
    run = choose_pa(page, "Megan Hughes")
    read_file(lambda ef: pay.set_deductions(ef, run.run_id, Deductions(
        tax=Decimal("20.00"), student_loan=Decimal("14.00"), postgraduate_loan=Decimal("6.00"), source="typed"),
        now=NOW))
    page.choose_period(PERIOD_END)  # read again, as after any change
    choose_pa(page, "Megan Hughes")
    shown = {}

    def change_them(dialog):
        fields = dialog.fields
        for name in ("student_loan", "postgraduate_loan"):
            shown[name] = (fields.widget(name).text(), fields.widget(name).accessibleName())
        fields.widget("postgraduate_loan").clear()
        qtbot.keyClicks(fields.widget("postgraduate_loan"), "9.00")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    seen = when_dialog_opens(change_them)
    qtbot.keyClick(page.deductions_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    assert shown == {"student_loan": ("14.00", "Student loan (£)"),
                     "postgraduate_loan": ("6.00", "Postgraduate loan (£)")}
    stored = read_file(lambda ef: pay.get_run(ef, run.run_id)).deductions
    assert (stored.tax, stored.student_loan, stored.postgraduate_loan) == (
        Decimal("20.00"), Decimal("14.00"), Decimal("9.00"))
    assert stored.source == "typed" and stored.total == Decimal("43.00")


def test_the_deductions_dialog_names_every_field_with_its_own_letter(qtbot, page):
    from paemployer.ui.operations import Operations
    from paemployer.ui.pay.dialogs import DeductionsDialog

    runs = ran(qtbot, page)
    dialog = DeductionsDialog(None, file=None, run=runs[0], operations=Operations())
    qtbot.addWidget(dialog)
    assert check(dialog, at_least=10) == []
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text.replace("&&", "")]
    assert len(letters) == len(set(letters)), texts
    assert {"Student &loan (£):", "Post&graduate loan (£):"} <= set(texts)
    intro = [label.text() for label in dialog.findChildren(QLabel) if "Type figures here only" in label.text()]
    assert len(intro) == 1 and "Back to the worked-out deductions" in intro[0] and "later version" not in intro[0]


def test_the_tax_field_takes_a_refund_with_a_minus_sign(qtbot):
    from paemployer.ui.forms import MoneyEdit
    from paemployer.ui.pay.dialogs import SignedMoneyEdit

    tax, ni = SignedMoneyEdit(), MoneyEdit()
    for edit in (tax, ni):
        qtbot.addWidget(edit)
        qtbot.keyClicks(edit, "-12.40")
    assert tax.text() == "-12.40" and tax.value() == Decimal("-12.40")
    assert ni.text() == "12.40"  # a National Insurance figure is never less than nothing
    tax.set_value(Decimal("-3.5"))
    assert tax.text() == "-3.50"


def test_a_tax_refund_is_typed_and_saved(qtbot, page, read_file, when_dialog_opens):
    ran(qtbot, page)
    run = choose_pa(page, "Megan Hughes")

    def type_refund(dialog):
        tax = dialog.fields.widget("tax")
        tax.clear()
        qtbot.keyClicks(tax, "-12.40")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    seen = when_dialog_opens(type_refund)
    qtbot.keyClick(page.deductions_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    stored = read_file(lambda ef: pay.get_run(ef, run.run_id))
    assert stored.deductions.tax == Decimal("-12.40") and stored.deductions.source == "typed"


def test_finalise_waits_for_the_end_of_the_period_and_says_from_when(qtbot, page, monkeypatch):
    ran(qtbot, page)
    choose_pa(page, "Megan Hughes")
    assert not page.finalise_button.isEnabled()  # 24 November: the period runs to 5 December
    assert "It can be finalised from 5 December 2026" in page.summary_label.text()
    monkeypatch.setenv("PAEMPLOYER_TODAY", "2026-12-05")
    choose_pa(page, "Rhys Morgan")
    choose_pa(page, "Megan Hughes")
    assert page.finalise_button.isEnabled()


def test_approve_then_finalise_and_then_only_a_correction(qtbot, page, read_file, yes, monkeypatch):
    monkeypatch.setenv("PAEMPLOYER_TODAY", "2026-12-07")  # the period has ended
    ran(qtbot, page)
    choose_pa(page, "Megan Hughes")
    qtbot.keyClick(page.approve_button, Qt.Key.Key_Space)
    assert page.current_run().status.value == "approved"
    assert page.back_button.isEnabled() and not page.add_line_button.isEnabled()
    qtbot.keyClick(page.finalise_button, Qt.Key.Key_Space)
    run = page.current_run()
    assert run.pa_name == "Megan Hughes" and run.status.value == "finalised"
    assert "Finalised" in page.run_model.data(page.run_model.index(page.run_table.current_row(), 2))
    assert read_file(lambda ef: pay.get_run(ef, run.run_id)).status.value == "finalised"
    for control in (page.approve_button, page.back_button, page.finalise_button, page.add_line_button,
                    page.deductions_button):
        assert not control.isEnabled(), control.text()
    assert page.correct_button.isEnabled()

    qtbot.keyClick(page.correct_button, Qt.Key.Key_Space)
    assert "finalised pay stays as it was paid" in yes[-1]
    corrections = [r for r in read_file(lambda ef: pay.runs_for_pa(ef, run.pa_id)) if r.corrects_run_id == run.run_id]
    assert len(corrections) == 1 and corrections[0].status.value == "draft"


def test_a_shortfall_is_refused_with_the_reason_and_a_decision_lets_it_be_finalised(
        qtbot, window, page, read_file, when_dialog_opens, shown_errors, monkeypatch):
    monkeypatch.setenv("PAEMPLOYER_TODAY", "2026-12-07")  # the period has ended
    # Rhys's rate for the period typed wrongly as £9.00 an hour: below the National Living Wage.
    def cut(ef):
        pa_id = next(pa.id for pa in records.list_pas(ef) if pa.first_name == "Rhys")
        terms = records.terms_in_force(ef, pa_id, PERIOD_END)
        records.update_contract_terms(ef, terms.id, standard_rate=Decimal("9.00"))

    read_file(cut)
    ran(qtbot, page)
    run = choose_pa(page, "Rhys Morgan")
    assert "BELOW the minimum" in page.run_model.data(page.run_model.index(page.run_table.current_row(), 6))
    assert "BELOW the minimum by" in page.summary_label.text()

    told: list[str] = []

    def read_and_close(box):
        assert isinstance(box, QMessageBox)
        told.append(box.text())
        told.append(box.informativeText())
        names = [button.text() for button in box.buttons()]
        assert "&Record a decision…" in names
        box.button(QMessageBox.StandardButton.NoButton)  # nothing else to press
        [close] = [button for button in box.buttons() if button.text() == "&Close"]
        close.click()

    seen = when_dialog_opens(read_and_close)
    qtbot.keyClick(page.finalise_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    assert "below the minimum wage" in told[0] and "Rhys Morgan" in told[0]
    assert "back pay" in told[1]
    assert read_file(lambda ef: pay.get_run(ef, run.run_id)).status.value == "draft"

    # The decision is recorded with the warnings centre's own dialog, on the warning the home page shows.
    warning = page.shortfall_warning(page.current_run())
    assert warning is not None and warning.code == "NMW_SHORTFALL"

    def decide(dialog):
        dialog.accept_choice.setChecked(True)
        qtbot.keyClicks(dialog.reason, "Agreed with the council to pay the arrears next month.")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    seen = when_dialog_opens(decide)
    assert page.decide_shortfall(page.current_run())
    assert not any(isinstance(item, BaseException) for item in seen), seen
    qtbot.keyClick(page.finalise_button, Qt.Key.Key_Space)
    assert read_file(lambda ef: pay.get_run(ef, run.run_id)).status.value == "finalised"
    assert not shown_errors


def test_open_the_shifts_shows_the_rota_week_of_the_first_shift(qtbot, window, page):
    ran(qtbot, page)
    run = choose_pa(page, "Megan Hughes")
    page.line_table.select_row(0)
    keys = run.lines[0].shift_keys
    assert keys and page.open_shifts_button.isEnabled()
    qtbot.keyClick(page.open_shifts_button, Qt.Key.Key_Space)
    rota_page = window.current_page()
    assert rota_page.name == "rota"
    shown = rota_page.current_shift()
    assert shown is not None and shown.key in keys and shown.pa_name == "Megan Hughes"
    assert date(2026, 11, 6) <= shown.start.date() <= PERIOD_END
    assert rota_page.week_model.monday <= shown.start.date() < rota_page.week_model.monday + timedelta(days=7)


def test_another_period_end_is_chosen_from_the_list(qtbot, page, read_file):
    ran(qtbot, page)
    page.period_combo.setFocus()
    position = next(i for i in range(page.period_combo.count()) if page.period_combo.itemData(i) == date(2026, 10, 5))
    page.period_combo.setCurrentIndex(position)
    page.period_combo.activated.emit(position)
    assert page.period_end == date(2026, 10, 5) and page.date_edit.value() == date(2026, 10, 5)
    # What is stored for that period, nothing worked out by choosing it.
    stored = read_file(lambda ef: pay.runs_for_period(ef, date(2026, 10, 5)))
    assert [run.run_id for run in page.runs] == [run.run_id for run in stored]


def test_a_typed_day_that_ends_no_period_says_so(qtbot, page):
    page.date_edit.set_value(date(2026, 11, 20))
    page.date_edit.editingFinished.emit()
    assert page.period_end == date(2026, 11, 20)
    assert page.period_combo.currentIndex() == -1
    assert "Nobody's pay period ends on 20 November 2026" in page.period_words.text()
    assert page.run_model.rowCount() == 0 and not page.payslips_button.isEnabled()


def test_payslips_summary_and_hours_are_written_for_the_period(qtbot, page, tmp_path, yes):
    ran(qtbot, page)
    folder = tmp_path / "payslips"
    paths = page.save_payslips(folder)
    assert len(paths) == 4 and all(path.read_bytes().startswith(b"%PDF") for path in paths)
    assert not yes
    # Again into the same folder: asked first, then replaced.
    assert len(page.save_payslips(folder)) == 4
    assert "4 payslips for this period are already in" in yes[-1]
    summary = page.save_summary(tmp_path / "summary.pdf")
    assert summary.read_bytes().startswith(b"%PDF")
    hours = page.save_hours(tmp_path / "hours.csv")
    assert hours.read_text(encoding="utf-8-sig").startswith("pa,ni_number,")


def test_payslips_are_not_replaced_when_the_answer_is_no(qtbot, page, tmp_path, monkeypatch):
    ran(qtbot, page)
    folder = tmp_path / "payslips"
    first = page.save_payslips(folder)
    stamps = [path.stat().st_mtime_ns for path in first]
    monkeypatch.setattr("paemployer.ui.pay.page.confirm", lambda *args, **kwargs: False)
    assert page.save_payslips(folder) is None
    assert [path.stat().st_mtime_ns for path in first] == stamps


def test_tab_reaches_every_button_in_reading_order(qtbot, window, page, press, monkeypatch):
    monkeypatch.setenv("PAEMPLOYER_TODAY", "2026-12-07")  # the period has ended: Finalise is offered
    ran(qtbot, page)
    choose_pa(page, "Megan Hughes")
    page.period_combo.setFocus()
    qtbot.waitUntil(page.period_combo.hasFocus)
    reached = [QApplication.focusWidget()]
    for _step in range(40):
        press(Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is reached[0]:
            break
        reached.append(widget)
    buttons = [widget for widget in page.tab_order if isinstance(widget, QAbstractButton) and widget.isEnabled()]
    assert {page.approve_button, page.finalise_button, page.open_shifts_button, page.add_line_button,
            page.deductions_button, page.payslips_button, page.summary_button, page.hours_button} <= set(buttons)
    missing = [button.text() for button in buttons if button not in reached]
    assert missing == []
    # In the order they are read: period, run pay, the PAs, their buttons, the details, the lines, the files.
    positions = [reached.index(widget) for widget in page.tab_order if widget in reached]
    assert positions == sorted(positions)
    assert page.summary_label in reached  # the verdict and notes are reached too, for a screen reader


def test_every_control_has_a_name_and_every_field_a_label(qtbot, page):
    ran(qtbot, page)
    assert check(page, at_least=15) == []


def test_the_pay_page_is_in_the_navigation_after_the_rota(window):
    names = window.page_names()
    assert names.index("pay") == names.index("rota") + 1
    assert window.page("pay").accessibleName() == "Pay"


def test_a_warning_goes_to_its_run_or_its_period(qtbot, window, page, read_file):
    ran(qtbot, page)
    rhys = next(run for run in page.runs if run.pa_name == "Rhys Morgan")
    page.choose_period(date(2026, 10, 5))
    window.go_to("pay", rhys.run_id)  # NMW_SHORTFALL, PAY_RUN_NOT_FINALISED: the run
    assert page.period_end == PERIOD_END and page.current_run().run_id == rhys.run_id
    assert page.run_table.hasFocus()
    window.go_to("pay", date(2026, 11, 5))  # PAYSLIP_MISSING: the period
    assert page.period_end == date(2026, 11, 5) and page.date_edit.value() == date(2026, 11, 5)


def test_a_draft_shown_again_follows_shifts_confirmed_since(qtbot, page, read_file):
    before = {run.pa_name: run.gross for run in ran(qtbot, page)}
    # The rest of the period's shifts confirmed elsewhere (the timesheet, another window): the draft follows.
    read_file(lambda ef: rota.confirm_as_planned(ef, datetime(2026, 11, 24, 12), datetime(2026, 12, 6),
                                                 now=datetime(2026, 12, 6)))
    page.choose_period(PERIOD_END)
    after = {run.pa_name: run.gross for run in page.runs}
    assert after["Megan Hughes"] > before["Megan Hughes"]
    assert read_file(lambda ef: pay.runs_for_period(ef, PERIOD_END)) == page.runs
