"""The PA form's "Tax, NI and pension" tab driven through the real widgets: a PA's tax code, NI letter,
starter statement, P45 figures, loans and pension dates saved through the records service; a tax code HMRC
never gives, and P45 figures without their leaving date, refused at the field with the tab brought forward and
nothing saved; each choice in plain words; every field reached with Tab and named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from test_accessibility import check

from paemployer.services import records
from paemployer.ui.forms import ErrorLabel
from paemployer.ui.pas.page import TAX_FIELDS

pytestmark = pytest.mark.gui


def tax_tab_index(page) -> int:
    return next(index for index in range(page.tabs.count()) if page.tabs.tabText(index) == "Ta&x, NI and pension")


def message_under(fields, name) -> ErrorLabel:
    return fields.widget(name).parentWidget().findChild(ErrorLabel, "validationMessage")


def help_under(fields, name) -> str:
    holder = fields.widget(name).parentWidget()
    return " ".join(label.text() for label in holder.findChildren(QLabel) if not isinstance(label, ErrorLabel))


def test_the_tax_details_are_saved_through_the_records_service(qtbot, window, read_file):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()
    fields = page.fields
    page.tabs.setCurrentIndex(tax_tab_index(page))
    # The stored defaults: no code yet, letter A, no statement, no loans.
    assert fields.widget("tax_code").text() == ""
    assert fields.widget("ni_category").value() == "A"
    assert fields.widget("starter_statement").value() == ""
    assert fields.widget("student_loan_plan").value() == ""
    qtbot.keyClicks(fields.widget("tax_code"), "s1257l")
    fields.widget("ni_category").set_value("M")
    fields.widget("starter_statement").set_value("B")
    fields.widget("student_loan_plan").set_value("2")
    fields.widget("postgraduate_loan").setChecked(True)
    fields.widget("pension_enrolled_on").set_value(date(2026, 4, 6))
    assert page.has_unsaved_changes()
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert not fields.banner.isVisible(), fields.banner.text()
    saved = read_file(lambda ef: records.get_pa(ef, pa_id))
    assert (saved.tax_code, saved.tax_week1_month1, saved.ni_category) == ("S1257L", False, "M")
    assert (saved.starter_statement, saved.student_loan_plan, saved.postgraduate_loan) == ("B", "2", True)
    assert saved.pension_enrolled_on == date(2026, 4, 6)
    # Shown as stored (the code as HMRC prints it), nothing left unsaved.
    assert fields.widget("tax_code").text() == "S1257L"
    assert not page.has_unsaved_changes()


def test_a_code_typed_with_month_1_sets_its_basis(qtbot, window, read_file):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()
    fields = page.fields
    fields.widget("tax_code").setText("1257L M1")
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    saved = read_file(lambda ef: records.get_pa(ef, pa_id))
    assert (saved.tax_code, saved.tax_week1_month1) == ("1257L", True)
    assert fields.widget("tax_week1_month1").isChecked()


def test_p45_figures_are_saved_with_their_leaving_date(qtbot, window, read_file):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()
    fields = page.fields
    fields.widget("p45_leaving_date").set_value(date(2026, 7, 31))
    fields.widget("p45_tax_code").setText("1257L")
    fields.widget("p45_week1_month1").setChecked(True)
    fields.widget("p45_pay_to_date").setText("4,250.00")
    fields.widget("p45_tax_to_date").setText("£301.40")
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    saved = read_file(lambda ef: records.get_pa(ef, pa_id))
    assert saved.p45_leaving_date == date(2026, 7, 31)
    assert (saved.p45_tax_code, saved.p45_week1_month1) == ("1257L", True)
    assert (saved.p45_pay_to_date, saved.p45_tax_to_date) == (Decimal("4250.00"), Decimal("301.40"))


def test_a_tax_code_hmrc_never_gives_is_refused_at_its_field_and_nothing_saved(qtbot, window, read_file):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()
    fields = page.fields
    page.tabs.setCurrentIndex(0)  # elsewhere: the form must bring the tax tab forward
    fields.widget("tax_code").setText("12X")
    fields.widget("phone").setText("01234 567890")
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert fields.banner.isVisible() and "12X" in fields.banner.text()
    message = message_under(fields, "tax_code")
    assert message.isVisible() and message.text() == fields.banner.text()
    assert page.tabs.currentIndex() == tax_tab_index(page)
    assert QApplication.focusWidget() is fields.widget("tax_code")
    assert fields.widget("tax_code").accessibleDescription() == fields.banner.text()
    saved = read_file(lambda ef: records.get_pa(ef, pa_id))
    assert saved.tax_code == "" and saved.phone == ""  # nothing half-saved


def test_p45_figures_without_the_leaving_date_are_refused_there(qtbot, window, read_file):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()
    fields = page.fields
    fields.widget("p45_pay_to_date").setText("1000")
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert "leaving date" in fields.banner.text()
    assert message_under(fields, "p45_leaving_date").isVisible()
    focused = QApplication.focusWidget()
    assert fields.widget("p45_leaving_date") in (focused, focused.parentWidget())
    assert read_file(lambda ef: records.get_pa(ef, pa_id)).p45_pay_to_date is None


def test_each_choice_says_what_it_means(qtbot, window):
    fields = window.go_to("pas").fields
    letters = fields.widget("ni_category")
    texts = {letters.itemData(i): letters.itemText(i) for i in range(letters.count())}
    assert {"A", "B", "C", "H", "J", "M", "V", "X", "Z"} <= set(texts)
    assert texts["A"].startswith("A: ") and len(texts["A"]) > 10
    statements = fields.widget("starter_statement")
    words = {statements.itemData(i): statements.itemText(i) for i in range(statements.count())}
    assert words["A"] == ("A: This is my first job since 6 April and I have not received taxable benefits or a "
                          "pension")
    assert words["B"].startswith("B: This is now my only job")
    assert words["C"] == "C: I have another job or receive a State or Occupational Pension"
    plans = fields.widget("student_loan_plan")
    assert [plans.itemData(i) for i in range(plans.count())] == ["", "1", "2", "4", "5"]
    # Where to find each: said under the field.
    assert "P45 part 1A box 6" in help_under(fields, "tax_code") and "P6" in help_under(fields, "tax_code")
    assert "starter checklist" in help_under(fields, "starter_statement")
    assert "box 4" in help_under(fields, "p45_leaving_date")
    assert "SL1" in help_under(fields, "student_loan_plan")


def test_every_field_of_the_tax_tab_is_reached_with_tab_and_named(qtbot, window, press):
    page = window.go_to("pas")
    window.activateWindow()
    page.tabs.setCurrentIndex(tax_tab_index(page))
    tab: QWidget = page.tabs.currentWidget()
    assert check(tab, at_least=len(TAX_FIELDS)) == []
    wanted = {id(page.fields.widget(name)): name for name in TAX_FIELDS}
    page.fields.widget("tax_code").setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.fields.widget("tax_code"))
    reached = set()
    for _step in range(60):
        focused = QApplication.focusWidget()
        for widget in (focused, focused.parentWidget() if focused is not None else None):
            if widget is not None and id(widget) in wanted:
                reached.add(wanted[id(widget)])
        press(Qt.Key.Key_Tab)
    assert reached == set(TAX_FIELDS)



def test_tab_leaves_a_date_that_is_not_set(qtbot, window, press):
    """A blank ("Not set") date has no day, month and year to step through: Tab goes on to the next field."""
    page = window.go_to("pas")
    window.activateWindow()
    page.tabs.setCurrentIndex(tax_tab_index(page))
    leaving = page.fields.widget("p45_leaving_date")
    assert leaving.value() is None
    leaving.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is leaving)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.fields.widget("p45_tax_code")
