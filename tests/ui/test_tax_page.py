"""The HMRC page driven through the real widgets on the sample employer: the tax year opens on today's, its
months with what is due and by when; a payment to HMRC recorded through its dialog and deleted after a question;
a payment's FPS figures copied and marked as sent; the paper route's quarterly figures; P60s made with a progress
bar and the folder offered; every control named and reached with Tab."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlmodel import select
from test_accessibility import check

from paemployer.i18n import format_money
from paemployer.services import records
from paemployer.services.demo import write_demo_file
from paemployer.services.tax import hmrc
from paemployer.ui.tax.page import tax_year_code_on, tax_years_offered

pytestmark = pytest.mark.gui

YEAR = "2026-27"


@pytest.fixture
def employer_path(tmp_path, today):
    """The sample employer: four PAs paid on 6 November (tax month 8), their FPS not sent yet."""
    from paemployer.store.db import open_employer_file
    from paemployer.store.models import PayRun

    path = write_demo_file(tmp_path / "demo.paemployer", today=today)
    ef = open_employer_file(path)
    try:
        with ef.session() as session:  # the sample has sent them: this employer has not yet
            for row in session.exec(select(PayRun)).all():
                row.fps_sent_on = None
                session.add(row)
    finally:
        ef.close()
    return path


@pytest.fixture
def page(qtbot, window, shown_errors):
    window.activateWindow()
    tax_page = window.go_to("tax")
    yield tax_page
    assert not shown_errors, shown_errors


@pytest.fixture
def yes(monkeypatch):
    asked: list[str] = []

    def answer(parent, question, title=None):
        asked.append(question)
        return True

    monkeypatch.setattr("paemployer.ui.tax.page.confirm", answer)
    return asked


def test_the_tax_year_is_worked_out_from_the_day():
    assert tax_year_code_on(date(2026, 4, 5)) == "2025-26"
    assert tax_year_code_on(date(2026, 4, 6)) == "2026-27"
    assert tax_year_code_on(date(2027, 1, 1)) == "2026-27"
    assert tax_years_offered("2026-27") == ["2026-27", "2025-26", "2024-25"]


def test_the_page_opens_on_this_tax_year_and_month_with_what_is_due(qtbot, page, read_file, today):
    assert page.tax_year == YEAR
    assert page.year_combo.currentText() == "2026 to 2027"
    assert page.period_model.rowCount() == 12
    summary = page.current_period()
    assert summary.period.number == 8  # 6 November to 5 December holds 24 November
    expected = read_file(lambda ef: hmrc.hmrc_year(ef, YEAR, today=today))
    cells = [page.period_model.data(page.period_model.index(7, column)) for column in range(8)]
    month = expected.periods[7]
    assert cells[0] == "Month 8 (6 Nov to 5 Dec)"
    assert cells[4] == format_money(month.amount_due)
    assert cells[5] == "22 Dec 2026"  # the 22nd after the month ends, paid electronically
    assert cells[7] == format_money(month.outstanding)
    # The payments of the month to report, one for each PA paid in it.
    assert page.run_model.rowCount() == month.runs == 4
    assert {page.run_model.data(page.run_model.index(row, 3)) for row in range(4)} == {"Not yet"}
    # Which route applies and what to do, in words.
    assert "Basic PAYE Tools" in page.route_words.text() and "Mark as sent" in page.route_words.text()
    assert "Month 8" in page.period_words.text()


def test_the_page_opens_on_this_tax_year_with_no_note(qtbot, page):
    assert [page.year_combo.itemData(index) for index in range(page.year_combo.count())] == [
        "2026-27", "2025-26", "2024-25"]
    assert not page.missing_year_words.isVisibleTo(page)


def test_a_tax_year_without_hmrc_figures_is_not_offered_and_the_page_says_so(qtbot, window, shown_errors,
                                                                            monkeypatch):
    # 1 June 2027 is in 2027-28, a year this version has no HMRC figures for (the service refuses it).
    monkeypatch.setenv("PAEMPLOYER_TODAY", "2027-06-01")
    window.activateWindow()
    page = window.go_to("tax")
    page.refresh()
    assert shown_errors == []  # no error box blocking the page
    assert [page.year_combo.itemData(index) for index in range(page.year_combo.count())] == [
        "2026-27", "2025-26", "2024-25"]
    assert page.tax_year == "2026-27" and page.year_combo.currentText() == "2026 to 2027"
    assert page.year is not None and page.period_model.rowCount() == 12
    assert page.missing_year_words.isVisibleTo(page)
    assert "2027 to 2028" in page.missing_year_words.text()
    assert "not in this version" in page.missing_year_words.text()
    # Another year chosen is kept over a refresh; the note stays while today's year has no figures.
    index = page.year_combo.findData("2025-26")
    page.year_combo.setCurrentIndex(index)
    page.year_combo.activated.emit(index)
    page.refresh()
    assert page.tax_year == "2025-26" and page.missing_year_words.isVisibleTo(page)
    assert shown_errors == []


def test_another_year_is_chosen_from_the_list(qtbot, page):
    index = page.year_combo.findText("2025 to 2026")
    page.year_combo.setCurrentIndex(index)
    page.year_combo.activated.emit(index)
    assert page.tax_year == "2025-26"
    assert page.period_model.rowCount() == 12
    assert page.run_model.rowCount() == 0


def test_a_payment_is_recorded_through_its_dialog_and_deleted_after_a_question(qtbot, page, read_file,
                                                                               when_dialog_opens, yes):
    def fill_in(dialog):
        amount = dialog.fields.widget("amount")
        amount.clear()
        qtbot.keyClicks(amount, "412.60")
        dialog.fields.widget("notes").setPlainText("Reference 123PA0004567 2708")
        qtbot.keyClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.Key.Key_Space)

    seen = when_dialog_opens(fill_in)
    qtbot.keyClick(page.record_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    payments = read_file(lambda ef: hmrc.hmrc_payments(ef, YEAR))
    assert [(p.period_number, p.paid_on, p.amount) for p in payments] == [(8, date(2026, 11, 24), Decimal("412.60"))]
    # Shown at once: the month's payments and its "Paid" column.
    assert page.payment_model.rowCount() == 1
    assert page.payment_model.data(page.payment_model.index(0, 1)) == "£412.60"
    assert page.period_model.data(page.period_model.index(7, 6)) == "£412.60"
    assert page.current_period().period.number == 8

    qtbot.keyClick(page.delete_button, Qt.Key.Key_Space)
    assert yes and "£412.60" in yes[0]
    assert read_file(lambda ef: hmrc.hmrc_payments(ef, YEAR)) == []
    assert page.payment_model.rowCount() == 0


def test_a_payment_refused_by_the_service_is_said_at_the_field(qtbot, page, read_file, when_dialog_opens):
    looked: dict = {}

    def fill_in(dialog):
        dialog.fields.widget("amount").setText("0")
        qtbot.keyClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.Key.Key_Space)
        looked["open"] = dialog.isVisible()
        looked["banner"] = dialog.fields.banner.text()
        dialog.reject()

    seen = when_dialog_opens(fill_in)
    qtbot.keyClick(page.record_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert looked["open"] and "more than nothing" in looked["banner"]
    assert read_file(lambda ef: hmrc.hmrc_payments(ef, YEAR)) == []


def test_the_fps_figures_are_copied_and_marked_as_sent(qtbot, page, read_file, when_dialog_opens, today):
    run = page.current_run()
    looked: dict = {}

    def act(dialog):
        rows = dialog.rows
        looked["names"] = [name for name, _value in rows]
        qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
        looked["clipboard"] = QApplication.clipboard().text()
        qtbot.keyClick(dialog.mark_button, Qt.Key.Key_Space)

    seen = when_dialog_opens(act)
    qtbot.keyClick(page.fps_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    assert "Tax code" in looked["names"] and "Payment date" in looked["names"]
    assert looked["clipboard"].startswith("Pay frequency\t")
    assert f"Payment date\t{run.pay_date:%d/%m/%Y}" in looked["clipboard"]
    sent = {p.run_id: p.fps_sent_on for p in read_file(lambda ef: hmrc.fps_payments(ef, YEAR))}
    assert sent[run.run_id] == today
    row = page.run_model.row_of(lambda r: r.run_id == run.run_id)
    assert page.run_model.data(page.run_model.index(row, 3)) == "Sent 24 Nov 2026"


def test_the_paper_route_gives_the_quarter_s_forms(qtbot, page, read_file, when_dialog_opens, window):
    read_file(lambda ef: records.update_employer(ef, hmrc_route="paper"))
    page = window.go_to("employer") and window.go_to("tax")
    page.refresh()
    assert page.paper_button.isVisibleTo(page) and not page.fps_button.isVisibleTo(page)
    assert "paper" in page.route_words.text()
    assert page.run_model.data(page.run_model.index(0, 3)) == "On the quarter's paper return"
    looked: dict = {}

    def act(dialog):
        looked["title"] = dialog.windowTitle()
        looked["forms"] = {form for form, _what, _value in dialog.rows}
        dialog.reject()

    seen = when_dialog_opens(act)
    qtbot.keyClick(page.paper_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert looked["title"] == "Paper return for quarter 3 of 2026 to 2027"  # month 8 is in quarter 3
    assert "RT5 Employer payment summary" in looked["forms"]
    assert any(form.startswith("RT2 for ") for form in looked["forms"])


def test_p60s_are_made_with_progress_and_the_folder_offered(qtbot, page, tmp_path, monkeypatch):
    offered = []
    monkeypatch.setattr(page, "offer_folder", lambda folder, count: offered.append((folder, count)))
    monkeypatch.setenv("PAEMPLOYER_TODAY", "2027-04-10")  # P60s are made once the tax year 2026-27 has ended
    assert page.tax_year == YEAR
    folder = tmp_path / "p60s"
    paths = page.make_p60s(folder)
    assert len(paths) == 4 and all(path.exists() and path.parent == folder for path in paths)
    assert offered == [(folder, 4)]
    assert page.progress is None  # the progress bar is gone once they are made
    # Made again: asked before the P60s there are replaced.
    asked = []
    monkeypatch.setattr("paemployer.ui.tax.page.confirm", lambda parent, question, title=None: asked.append(question))
    assert page.make_p60s(folder) is None
    assert asked and "4 P60s" in asked[0]


def test_the_folder_of_p60s_is_opened_when_asked(qtbot, page, tmp_path, monkeypatch, when_dialog_opens):
    opened = []
    monkeypatch.setattr("paemployer.ui.tax.page.QDesktopServices.openUrl", lambda url: opened.append(url))

    def open_folder(box):
        assert isinstance(box, QMessageBox) and "P60" in box.text()
        open_button = next(b for b in box.buttons() if b.text() == "&Open folder")
        qtbot.keyClick(open_button, Qt.Key.Key_Space)

    seen = when_dialog_opens(open_folder)
    page.offer_folder(tmp_path, 4)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, page):
    qtmodeltester.check(page.period_model)
    qtmodeltester.check(page.run_model)


def test_every_control_is_named_and_reached_with_tab(qtbot, page, press):
    assert check(page, at_least=8) == []
    page.route_words.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.route_words)
    reached = []
    for _step in range(len(page.tab_order) + 2):
        reached.append(QApplication.focusWidget())
        press(Qt.Key.Key_Tab)
    wanted = [widget for widget in page.tab_order if widget.isVisibleTo(page) and widget.isEnabled()]
    in_order = [widget for widget in reached if widget in wanted]
    assert list(dict.fromkeys(in_order)) == wanted


def test_the_pay_page_shows_the_working_and_goes_back_from_typed_figures(qtbot, window, read_file, monkeypatch):
    """The deductions the app works out show their working (tax code, NI letter, tax period, pay and tax to date);
    typed figures can be dropped for the worked-out ones again."""
    # Test set-up only: the figures a person would type.
    from paemployer.rules.pay import Deductions
    from paemployer.services import pay
    from paemployer.ui.pay import page as pay_page_module

    monkeypatch.setattr(pay_page_module, "confirm", lambda parent, question, title=None: True)
    window.activateWindow()
    pay_page = window.go_to("pay")
    pay_page.choose_period(date(2026, 12, 5))
    qtbot.keyClick(pay_page.run_button, Qt.Key.Key_Space)
    run = pay_page.current_run()
    assert run is not None and run.deductions.source == "computed" and run.tax is not None
    words = pay_page.summary_label.text()
    assert f"tax code {run.tax.tax_code}" in words and f"National Insurance letter {run.tax.ni_category}" in words
    assert f"tax month {run.tax.tax_period}" in words and "tax to date" in words
    assert not pay_page.computed_button.isEnabled()
    read_file(lambda ef: pay.set_deductions(ef, run.run_id, Deductions(tax=Decimal("1.00"), source="typed"),
                                            now=datetime(2026, 11, 24, 12)))
    pay_page.choose_period(date(2026, 12, 5))
    assert pay_page.current_run().deductions.source == "typed" and pay_page.computed_button.isEnabled()
    assert "Worked out with tax code" not in pay_page.summary_label.text()
    qtbot.keyClick(pay_page.computed_button, Qt.Key.Key_Space)
    again = read_file(lambda ef: pay.get_run(ef, run.run_id))
    assert again.deductions.source == "computed" and again.deductions.tax == run.deductions.tax
