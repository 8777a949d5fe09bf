"""Pay settings through the real widgets: how holiday is paid in a PA's contract terms (paid when taken, or
rolled up for irregular hours), and how the employer's pay periods run (tax or calendar months, the pay day,
the first day of the weekly blocks)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from paemployer.services import records

pytestmark = pytest.mark.gui


def _correct_terms(qtbot, page, when_dialog_opens, act):
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    page.contract_table.select_row(0)
    seen = when_dialog_opens(act)
    page.edit_terms()
    qtbot.waitUntil(lambda: len(seen) >= 1)
    return seen


def test_rolled_up_holiday_pay_is_chosen_in_the_contract_terms_of_an_irregular_hours_pa(
        qtbot, window, read_file, when_dialog_opens):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()

    def choose(dialog):
        fields = dialog.fields
        holiday_pay = fields.widget("holiday_pay")
        assert holiday_pay.value() == "when_taken"  # the contract's default
        assert holiday_pay.accessibleName() == "Holiday pay for irregular hours"
        fields.widget("hours_type").set_value("irregular")
        holiday_pay.set_value("rolled_up")
        assert "12.07%" in holiday_pay.currentText()
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    seen = _correct_terms(qtbot, page, when_dialog_opens, choose)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    terms = read_file(lambda ef: records.list_contract_terms(ef, pa_id))
    assert [t.holiday_pay for t in terms] == ["rolled_up"]


def test_rolled_up_holiday_pay_for_fixed_hours_is_refused_at_its_field_and_nothing_saved(
        qtbot, window, read_file, when_dialog_opens):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()
    said: list[str] = []

    def choose(dialog):
        fields = dialog.fields
        fields.widget("hours_type").set_value("fixed")
        fields.widget("holiday_pay").set_value("rolled_up")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        assert dialog.isVisible()  # stays open with the reason
        said.append(fields.banner.text())
        assert fields.widget("holiday_pay").hasFocus()
        dialog.reject()

    seen = _correct_terms(qtbot, page, when_dialog_opens, choose)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    assert "irregular hours" in said[0]
    assert [t.holiday_pay for t in read_file(lambda ef: records.list_contract_terms(ef, pa_id))] == ["when_taken"]


def test_the_contract_history_keeps_the_holiday_pay_choice_in_a_pay_rise(qtbot, window, read_file,
                                                                          when_dialog_opens):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()
    read_file(lambda ef: records.update_contract_terms(
        ef, records.list_contract_terms(ef, pa_id)[0].id, hours_type="irregular", holiday_pay="rolled_up"))
    page.refresh()
    page.tabs.setCurrentIndex(page.tabs.count() - 1)

    def rise(dialog):
        assert dialog.fields.widget("holiday_pay").value() == "rolled_up"  # carried over from the terms now
        dialog.fields.widget("effective_from").set_value(date(2027, 4, 1))
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    seen = when_dialog_opens(rise)
    qtbot.keyClick(page.new_terms_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    assert [t.holiday_pay for t in read_file(lambda ef: records.list_contract_terms(ef, pa_id))] == [
        "rolled_up", "rolled_up"]


def test_the_employer_page_sets_how_pay_periods_run_and_the_pay_page_follows(qtbot, window, read_file):
    from paemployer.services import pay

    page = window.go_to("employer")
    fields = page.fields
    # The defaults: tax months, paid the Friday after, weekly blocks from 6 April 2026.
    assert fields.widget("pay_months").value() == "tax"
    assert fields.widget("pay_day").value() == "friday_after"
    assert fields.widget("pay_week_anchor").value() == date(2026, 4, 6)
    for name in ("pay_months", "pay_day", "pay_week_anchor"):
        assert fields.widget(name).accessibleName()
    fields.widget("pay_months").set_value("calendar")
    fields.widget("pay_day").set_value("last_working_day")
    assert page.has_unsaved_changes()
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert not page.has_unsaved_changes()
    schedule = read_file(pay.pay_schedule)
    assert (schedule.months, schedule.pay_day, schedule.week_anchor) == ("calendar", "last_working_day",
                                                                         date(2026, 4, 6))
    assert read_file(records.get_employer).name == "Alys Jones"  # the rest saved as before

    # The pay page now offers calendar month ends, paid on the last working day.
    pay_page = window.go_to("pay")
    assert pay_page.period_end == date(2026, 10, 31)
    assert [period.pay_date for _pa, _name, period in pay_page.paid_on] == [date(2026, 10, 30)]


def test_the_employer_page_shows_the_stored_pay_schedule(qtbot, window, read_file):
    from paemployer.services import pay

    read_file(lambda ef: pay.update_pay_schedule(ef, pay_day="period_end", week_anchor=date(2026, 4, 8)))
    page = window.go_to("employer")
    assert page.fields.widget("pay_day").value() == "period_end"
    assert page.fields.widget("pay_week_anchor").value() == date(2026, 4, 8)
    assert not page.has_unsaved_changes()


def test_the_pay_page_opens_on_the_last_period_ended_until_its_pay_is_all_finalised(qtbot, window, read_file):
    from datetime import datetime

    from paemployer.services import pay

    page = window.go_to("pay")
    # Ffion is paid by tax month: 6 October to 5 November has ended, 6 November to 5 December is running.
    assert page.period_end == date(2026, 11, 5)
    assert page.period_combo.currentData() == date(2026, 11, 5)
    assert page.run_model.rowCount() == 0 and "Press Run pay" in page.period_words.text()
    read_file(lambda ef: pay.finalise_period(ef, date(2026, 11, 5), now=datetime(2026, 11, 24, 9)))
    window.close_file(ask=False)
    assert window.open_file(window.settings.recent_files()[0])
    # That pay made, the page opens on the period running now.
    assert window.go_to("pay").period_end == date(2026, 12, 5)
