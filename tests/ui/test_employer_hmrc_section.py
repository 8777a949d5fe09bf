"""The Employer page's HMRC and pension fields driven through the real widgets: how the employer reports to
HMRC and pays, quarterly payment, the care-and-support question behind the Employment Allowance, small
employers' relief and the pension relief and rates (typed as percentages, stored as fractions); a rate over 100%
refused at its field; a rate under the legal minimum said in words; every control named and reached with Tab."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_accessibility import check

from paemployer.services import records
from paemployer.ui.forms import ErrorLabel

pytestmark = pytest.mark.gui

HMRC_FIELDS = ("hmrc_route", "hmrc_payment_method", "hmrc_pays_quarterly", "care_and_support_only",
               "employment_allowance", "small_employers_relief", "pension_relief", "pension_employer_rate",
               "pension_employee_rate")


def test_the_stored_defaults_are_shown(qtbot, window):
    page = window.go_to("employer")
    fields = page.fields
    assert fields.widget("hmrc_route").value() == "basic_paye_tools"
    assert fields.widget("hmrc_payment_method").value() == "electronic"
    assert fields.widget("care_and_support_only").value() is None
    assert fields.widget("care_and_support_only").currentText() == "Not answered yet"
    assert fields.widget("small_employers_relief").isChecked()
    assert fields.widget("pension_relief").value() == "relief_at_source"
    # 3% and 5% as people write them; the stored fractions read back exactly.
    assert fields.widget("pension_employer_rate").text() == "3"
    assert fields.widget("pension_employee_rate").text() == "5"
    assert fields.widget("pension_employer_rate").value() == Decimal("0.03")
    assert not page.pension_notes.isVisible()
    assert not page.has_unsaved_changes()


def test_the_hmrc_and_pension_choices_are_saved(qtbot, window, read_file):
    page = window.go_to("employer")
    fields = page.fields
    fields.widget("hmrc_route").set_value("paper")
    fields.widget("hmrc_payment_method").set_value("cheque")
    fields.widget("hmrc_pays_quarterly").setChecked(True)
    fields.widget("care_and_support_only").set_value(True)
    fields.widget("employment_allowance").setChecked(True)
    fields.widget("small_employers_relief").setChecked(False)
    fields.widget("pension_relief").set_value("net_pay")
    fields.widget("pension_employer_rate").setText("4.5")
    fields.widget("pension_employee_rate").setText("3.5")
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert not fields.banner.isVisible(), fields.banner.text()
    saved = read_file(records.get_employer)
    assert (saved.hmrc_route, saved.hmrc_payment_method, saved.hmrc_pays_quarterly) == ("paper", "cheque", True)
    assert (saved.care_and_support_only, saved.employment_allowance, saved.small_employers_relief) == (
        True, True, False)
    assert saved.pension_relief == "net_pay"
    assert (saved.pension_employer_rate, saved.pension_employee_rate) == (Decimal("0.045"), Decimal("0.035"))
    assert not page.has_unsaved_changes()
    # "No" is kept as no, not as "not answered".
    fields.widget("care_and_support_only").set_value(False)
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert read_file(records.get_employer).care_and_support_only is False


def test_a_rate_over_the_whole_of_pay_is_refused_at_its_field(qtbot, window, read_file):
    page = window.go_to("employer")
    fields = page.fields
    fields.widget("pension_employee_rate").setText("150")
    fields.widget("hmrc_route").set_value("paper")
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert fields.banner.isVisible() and "100%" in fields.banner.text()
    message = fields.widget("pension_employee_rate").parentWidget().findChild(ErrorLabel, "validationMessage")
    assert message.isVisible()
    assert QApplication.focusWidget() is fields.widget("pension_employee_rate")
    saved = read_file(records.get_employer)
    assert saved.pension_employee_rate == Decimal("0.05") and saved.hmrc_route == "basic_paye_tools"


def test_rates_under_the_legal_minimum_are_said_in_words(qtbot, window, read_file):
    page = window.go_to("employer")
    fields = page.fields
    fields.widget("pension_employer_rate").setText("2")
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert read_file(records.get_employer).pension_employer_rate == Decimal("0.02")  # a note, never a refusal
    assert page.pension_notes.isVisible()
    assert "Pensions Act 2008" in page.pension_notes.text() and "2%" in page.pension_notes.text()


def test_the_employment_allowance_question_is_explained(qtbot, window):
    fields = window.go_to("employer").fields
    words = fields.widget("care_and_support_only").accessibleDescription()
    assert "Employment Allowance" in words and "Care and Support Workers" in words, words


def test_every_hmrc_and_pension_control_is_named_and_reached_with_tab(qtbot, window, press):
    page = window.go_to("employer")
    window.activateWindow()
    assert check(page, at_least=20) == []
    wanted = {id(page.fields.widget(name)): name for name in HMRC_FIELDS}
    page.fields.widget("paye_reference").setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.fields.widget("paye_reference"))
    reached = set()
    for _step in range(150):
        focused = QApplication.focusWidget()
        for widget in (focused, focused.parentWidget() if focused is not None else None):
            if widget is not None and id(widget) in wanted:
                reached.add(wanted[id(widget)])
        press(Qt.Key.Key_Tab)
    assert reached == set(HMRC_FIELDS)
