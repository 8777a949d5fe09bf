"""The app's "today" comes from paemployer.clock, so PAEMPLOYER_TODAY fixes it for tests, screenshots
and demos: no widget asks the system clock itself."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import paemployer
from paemployer.ui.forms import OptionalDateEdit
from paemployer.ui.operations import Operations
from paemployer.ui.rota.dialogs import ShiftDialog

pytestmark = pytest.mark.gui

FIXED = date(2031, 5, 7)  # a day the system clock will not be showing when these tests run


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("PAEMPLOYER_TODAY", FIXED.isoformat())


def test_typing_into_a_blank_date_starts_from_the_fixed_today(qtbot):
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    assert edit.value() is None
    qtbot.keyClick(edit, Qt.Key.Key_1)  # starts the day; the month and year are those of "today"
    typed = edit.value()
    assert (typed.year, typed.month) == (FIXED.year, FIXED.month)


def test_a_new_shift_is_offered_on_the_fixed_today(qtbot):
    dialog = ShiftDialog(None, ef=None, operations=Operations(), changes=set(), pas=[])
    qtbot.addWidget(dialog)
    assert dialog.day_edit.value() == FIXED


def test_nothing_in_the_app_asks_the_system_clock_but_clock_py():
    package = Path(paemployer.__file__).parent
    asking = re.compile(r"\b(date\.today|datetime\.now|datetime\.today|datetime\.utcnow|QDate\.currentDate|"
                        r"QDateTime\.currentDateTime)\(")
    found = [f"{path.relative_to(package)}:{number}"
             for path in sorted(package.rglob("*.py")) if path.name != "clock.py" or path.parent != package
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if asking.search(line)]
    assert found == []
