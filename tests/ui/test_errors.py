"""One way to show errors: expected ones in plain words; bugs logged (never their message, which may
hold personal data) and shown calmly; a ValidationError goes to the form's field."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from paemployer.errors import NotFoundError, ValidationError
from paemployer.paths import user_log_dir
from paemployer.ui import errors
from paemployer.ui.operations import Operations

pytestmark = pytest.mark.gui


@pytest.fixture
def boxes(monkeypatch):
    shown = []

    def fake_exec(box):
        shown.append((box.windowTitle(), box.text(), box.informativeText()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def test_a_bug_is_logged_without_its_message_and_shown_calmly(qtbot, boxes):
    errors.configure_logging()
    operations = Operations()
    announced = []
    operations.changed.connect(announced.append)

    def broken():
        raise RuntimeError("NI number AB123456C for Ffion")

    outcome = operations.run(broken, changes={"pa"})
    assert not outcome.ok and announced == []
    [(title, text, detail)] = boxes
    assert title == "Something went wrong" and "Nothing you saved before has been lost" in text
    assert str(user_log_dir()) in detail
    for handler in errors.log.handlers:
        handler.flush()
    log_text = (user_log_dir() / errors.LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in log_text and "broken" in log_text
    assert "AB123456C" not in log_text and "Ffion" not in log_text


def test_an_expected_error_is_shown_in_its_own_words(qtbot, boxes):
    Operations().run(lambda: (_ for _ in ()).throw(NotFoundError("That PA is no longer in this file.")), changes=())
    assert boxes == [("Please check", "That PA is no longer in this file.", "")]


def test_a_validation_error_goes_to_the_form_and_nothing_is_announced(qtbot, boxes):
    class Form:
        def __init__(self):
            self.calls = []

        def clear_validation_errors(self):
            self.calls.append("clear")

        def show_validation_error(self, error):
            self.calls.append(error.field)

    form, operations, announced = Form(), Operations(), []
    operations.changed.connect(announced.append)
    outcome = operations.run(lambda: (_ for _ in ()).throw(ValidationError("Bad date", field="end_date")),
                             changes={"pa"}, form=form)
    assert form.calls == ["clear", "end_date"] and boxes == [] and announced == [] and not outcome.ok
    outcome = operations.run(lambda: 42, changes={"pa", "contract"}, form=form)
    assert outcome.ok and outcome.value == 42 and announced == [frozenset({"pa", "contract"})]
