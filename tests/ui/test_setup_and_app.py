"""The guided set-up, the app's start-up choices (--file, first start, --screenshot, --page), and
switching between employer files."""

from __future__ import annotations

import sys
from argparse import Namespace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QRadioButton, QWizard

from paemployer.paths import default_employer_file
from paemployer.services import records
from paemployer.store.db import open_employer_file
from paemployer.store.models import ManagedBy, Nation
from paemployer.ui import app
from paemployer.ui.setup_wizard import SetupWizard, create_file_from_answers

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("event_loops_still_wait")]


def read_employer(path):
    ef = open_employer_file(path)
    try:
        return records.get_employer(ef)
    finally:
        ef.close()


def choose_radio(wizard, text):
    [button] = [b for b in wizard.currentPage().findChildren(QRadioButton) if b.text() == text]
    button.setFocus()
    button.click()


def test_guided_setup_answers_are_saved_in_a_new_file(qtbot, tmp_path):
    target = tmp_path / "clients" / "rhys.paemployer"
    wizard = SetupWizard(suggested_path=tmp_path / "unused.paemployer")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    fields = wizard.fields
    qtbot.keyClicks(fields.widget("name"), "Rhys Morgan")
    wizard.next()
    choose_radio(wizard, "A support service")
    qtbot.keyClicks(fields.widget("manager_name"), "Cymorth Direct Payments")
    qtbot.keyClicks(fields.widget("manager_contact"), "01234 000000")
    wizard.next()
    choose_radio(wizard, "Wales")
    wizard.next()
    qtbot.keyClicks(fields.widget("council"), "Ceredigion")
    qtbot.keyClicks(fields.widget("direct_payment_reference"), "DP-1234")
    wizard.next()
    fields.widget("holiday_year_start").set_value(date(2026, 1, 1))
    wizard.next()
    wizard.path_edit.clear()
    qtbot.keyClicks(wizard.path_edit, str(target))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    answers = wizard.answers()
    assert answers.path == target
    assert create_file_from_answers(answers, path=tmp_path / "unused.paemployer") == target
    employer = read_employer(target)
    assert (employer.name, employer.managed_by, employer.nation) == ("Rhys Morgan", ManagedBy.SUPPORT_SERVICE, Nation.WALES)
    assert (employer.manager_name, employer.council, employer.direct_payment_reference) == (
        "Cymorth Direct Payments", "Ceredigion", "DP-1234")
    assert employer.holiday_year_start == date(2026, 1, 1)
    assert employer.setup_completed
    assert not (tmp_path / "unused.paemployer").exists()


def test_every_step_can_be_skipped(qtbot, tmp_path):
    wizard = SetupWizard(suggested_path=tmp_path / "employer.paemployer")
    qtbot.addWidget(wizard)
    wizard.show()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    for _page in wizard.pageIds()[:-1]:
        assert finish.isVisible() and finish.isEnabled(), f"Finish is offered on page {wizard.currentId()}"
        wizard.next()
    wizard.restart()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    path = create_file_from_answers(wizard.answers())
    employer = read_employer(path)
    assert path == tmp_path / "employer.paemployer"
    assert employer.name == "" and employer.nation == Nation.ENGLAND and employer.setup_completed


def test_first_start_runs_the_setup_and_opens_the_default_file(qtbot, monkeypatch, when_dialog_opens):
    monkeypatch.setenv(app.EXIT_WHEN_SHOWN_ENV, "1")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own; put it back after
    assert not default_employer_file().exists()

    def answer(wizard):
        qtbot.keyClicks(wizard.fields.widget("name"), "Nia Thomas")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Next
        assert wizard.currentId() == 1
        wizard.button(QWizard.WizardButton.FinishButton).click()

    seen = when_dialog_opens(answer)
    assert app.run(Namespace(file=None, demo=False, screenshot=None, page=None, locale=None)) == 0
    assert isinstance(seen[0], SetupWizard) and len(seen) == 1, seen
    assert read_employer(default_employer_file()).name == "Nia Thomas"


def test_after_the_app_has_run_a_dialog_still_waits_for_its_answer(qtbot, monkeypatch, employer_path):
    # run() shares the one QApplication with whatever comes next in the process (here, the next test):
    # nothing it leaves queued may end a later dialog's exec() before anyone has answered.
    from PySide6.QtCore import QEventLoop, QTimer

    monkeypatch.setenv(app.EXIT_WHEN_SHOWN_ENV, "1")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert app.run(Namespace(file=str(employer_path), demo=False, screenshot=None, page=None, locale=None)) == 0
    QApplication.processEvents()  # as pytest-qt does between tests
    loop = QEventLoop()
    QTimer.singleShot(50, lambda: loop.exit(7))
    assert loop.exec() == 7


def test_screenshot_writes_a_png_of_the_page(qtbot, tmp_path, employer_path):
    out = tmp_path / "shots" / "cover.png"
    code = app.run(Namespace(file=str(employer_path), demo=False, screenshot=str(out), page="cover", locale=None))
    assert code == 0
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == app.SCREENSHOT_SIZE


def test_screenshot_of_an_unknown_page_or_missing_file_exits_2(qtbot, tmp_path, employer_path, capsys):
    out = tmp_path / "x.png"
    assert app.run(Namespace(file=str(employer_path), demo=False, screenshot=str(out), page="nowhere", locale=None)) == 2
    assert "no page called" in capsys.readouterr().err
    assert app.run(Namespace(file=str(tmp_path / "missing.paemployer"), demo=False, screenshot=str(out),
                             page=None, locale=None)) == 2
    assert "There is no employer file" in capsys.readouterr().err
    assert not out.exists()


def test_title_names_the_employer_and_switching_file_shows_only_the_new_one(qtbot, window, tmp_path, shown_errors):
    assert "Alys Jones" in window.windowTitle()
    pas_page = window.go_to("pas")
    assert pas_page.pa_model.rowCount() == 1
    other = tmp_path / "other.paemployer"
    ef = open_employer_file(other, create=True)
    records.update_employer(ef, name="Owen Price")
    ef.close()
    assert window.open_file(other)
    assert "Owen Price" in window.windowTitle() and "Alys Jones" not in window.windowTitle()
    assert window.go_to("pas").pa_model.rowCount() == 0  # nothing of Alys's file is left on screen
    assert window.settings.recent_files()[:2] == [other.resolve(), window.settings.recent_files()[1]]
    window.close_file()
    assert window.employer_file is None and window.windowTitle() == "PA Employer"
    assert not shown_errors


def test_keyboard_goes_to_pages(qtbot, window):
    names = window.page_names()
    assert names[:0] == [] and {"pas", "cover", "employer"} <= set(names)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    number = names.index("cover") + 1
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().name == "cover"
    window.nav.setFocus()
    window.nav.setCurrentRow(names.index("cover"))
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_page().name == names[names.index("cover") + 1]


def test_opening_a_file_that_is_not_an_employer_file_keeps_the_open_one(qtbot, window, tmp_path, shown_errors):
    junk = tmp_path / "notes.paemployer"
    junk.write_text("shopping list")
    assert not window.open_file(junk)
    assert shown_errors and "not a PA Employer file" in shown_errors[0].message
    assert "Alys Jones" in window.windowTitle()


def test_employer_page_saves_insurance_expiry(qtbot, window, read_file):
    page = window.go_to("employer")
    page.fields.widget("el_insurer").setText("PA Cover Ltd")
    page.fields.widget("el_expiry").set_value(date(2026, 12, 20))
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    employer = read_file(records.get_employer)
    assert (employer.el_insurer, employer.el_expiry) == ("PA Cover Ltd", date(2026, 12, 20))
    assert "Alys Jones" in window.windowTitle()


def test_text_size_and_language_rebuild_the_window_in_place(qtbot, window):
    from paemployer.ui.settings import AppSettings

    window.go_to("cover")
    before = QApplication.font().pointSizeF()
    try:
        window.change_font_scale(+1)
        assert QApplication.font().pointSizeF() > before
        assert AppSettings().font_scale() > 1.0
        assert window.current_page().name == "cover"  # the place is kept
        window.change_language("cy")
        assert AppSettings().locale() == "cy"
        assert window.current_page().name == "cover"
        assert window.employer_file is not None
    finally:
        window.change_language("en_GB")
        window.change_font_scale(0)
    assert QApplication.font().pointSizeF() == pytest.approx(before)
    assert window.menuBar().actions()[0].text() == "&File"


def test_a_hidden_page_waits_to_reload_until_it_is_shown(qtbot, window, monkeypatch):
    home = window.go_to("home")
    window.go_to("cover")
    reloads: list[str] = []
    monkeypatch.setattr(home, "refresh", lambda: reloads.append("home"))
    window.operations.changed.emit(frozenset({"shift"}))
    window.operations.changed.emit(frozenset({"absence"}))
    assert reloads == []  # home is behind the cover page: nothing is worked out for it yet
    window.go_to("home")
    assert reloads == ["home"]  # once, however many changes it missed
    window.operations.changed.emit(frozenset({"shift"}))
    assert reloads == ["home", "home"]  # the page in front reloads at once
