"""Small shared widgets: the Yes/No confirmation."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from paemployer.ui.widgets import confirm

pytestmark = pytest.mark.gui


def test_confirm_asks_yes_or_no_with_no_as_the_default(qtbot, monkeypatch):
    asked = []

    def answer(parent, title, question, buttons, default):
        asked.append((title, question, buttons, default))
        return QMessageBox.StandardButton.Yes if "yes" in question else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert confirm(None, "Say yes?") is True
    assert confirm(None, "Say no?", "Delete PA") is False
    yes_no = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    assert asked == [("Please confirm", "Say yes?", yes_no, QMessageBox.StandardButton.No),
                     ("Delete PA", "Say no?", yes_no, QMessageBox.StandardButton.No)]


def test_the_file_filter_names_the_employer_file_suffix_and_all_files():
    from paemployer.store.db import FILE_SUFFIX
    from paemployer.ui.widgets import file_filter

    ours, everything = file_filter().split(";;")
    assert ours == f"PA Employer files (*{FILE_SUFFIX})" and everything == "All files (*)"
