"""Fixtures for driving the real widgets: a small employer file, the main window open on it, and
errors collected instead of shown in a blocking message box."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from paemployer.services import records
from paemployer.store.db import open_employer_file


@pytest.fixture
def event_loops_still_wait():
    """Fail the test that leaves Qt quitting (a Quit event handled outside app.exec() makes every later
    dialog.exec() return at once), rather than some later test whose dialog then never shows.

    Used by the tests that run the whole app (test_setup_and_app.py), not after every test: an extra event
    loop after each rota test trips a PySide6 refcount crash at interpreter exit (bool_dealloc)."""
    yield
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    loop = QEventLoop()
    QTimer.singleShot(0, lambda: loop.exit(7))
    assert loop.exec() == 7, "an event loop ended at once: this test left the application quitting"


@pytest.fixture
def shown_errors(monkeypatch):
    """Errors the app would show in a message box, collected so a test can look at them."""
    collected: list[BaseException] = []
    monkeypatch.setattr("paemployer.ui.errors.show_error", lambda parent, error: collected.append(error))
    return collected


@pytest.fixture
def employer_path(tmp_path):
    """An employer file with one PA (with terms), two cover contacts and a contingency step."""
    path = tmp_path / "alys.paemployer"
    ef = open_employer_file(path, create=True)
    try:
        records.update_employer(ef, name="Alys Jones", nation="wales")
        pa = records.add_pa(ef, first_name="Ffion", last_name="Evans", ni_number="AB123456C",
                            start_date=date(2025, 1, 6))
        records.add_contract_terms(ef, pa.id, effective_from=date(2025, 1, 6), standard_rate=Decimal("12.60"),
                                   hours_per_week=Decimal("20"))
        records.add_cover_contact(ef, name="Gareth Jones", role="family", phone="07700 900123")
        records.add_cover_contact(ef, name="Bryn Agency", role="agency", phone="029 2000 0000")
        records.add_cover_contact(ef, name="Council out of hours", role="council_out_of_hours", phone="0300 000 0000")
        records.add_contingency_step(ef, "PA does not arrive", "Ring the first cover contact")
    finally:
        ef.close()
    return path


@pytest.fixture
def read_file(employer_path):
    """Read what is saved, through the services, on a fresh connection."""

    def read(call):
        ef = open_employer_file(employer_path)
        try:
            return call(ef)
        finally:
            ef.close()

    return read


@pytest.fixture
def window(qtbot, employer_path, shown_errors):
    from paemployer.ui.main_window import MainWindow

    main = MainWindow()
    assert main.open_file(employer_path)
    main.show()
    qtbot.waitExposed(main)
    yield main
    # Closed here rather than by qtbot: a test may leave typing unsaved on purpose, and closing the
    # window would then (rightly) ask whether to save it.
    main.close_file(ask=False)
    main.close()
    main.deleteLater()


@pytest.fixture
def when_dialog_opens(qtbot):
    """Act on a modal dialog once it is showing (from the event loop, as a person would), e.g.

    seen = when_dialog_opens(lambda dialog: ...); qtbot.keyClick(button, Qt.Key_Space)
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def arrange(act):
        seen: list = []

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None or not dialog.isVisible():
                QTimer.singleShot(20, poll)
                return
            seen.append(dialog)
            try:
                dialog.activateWindow()
                qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
                qtbot.wait(20)
                act(dialog)
                if dialog.isVisible():  # the action should have closed it: never leave a test hanging
                    seen.append(AssertionError(f"dialog still open: {getattr(dialog, 'fields', None) and dialog.fields.banner.text()}"))
                    dialog.reject()
            except BaseException as error:  # the test sees it; a modal loop is never left running
                seen.append(error)
                dialog.reject()

        QTimer.singleShot(0, poll)
        return seen

    return arrange


@pytest.fixture
def press(qtbot):
    """press(Qt.Key.Key_Tab) or press(key, modifier): a key pressed where the keyboard focus is, as a person
    would; `otherwise` takes it when nothing has the focus (the window not active again yet after a dialog)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    def press_key(key, modifier=Qt.KeyboardModifier.NoModifier, *, otherwise=None):
        widget = QApplication.focusWidget() or otherwise
        assert widget is not None, "nothing has the keyboard focus"
        qtbot.keyClick(widget, key, modifier)

    return press_key
