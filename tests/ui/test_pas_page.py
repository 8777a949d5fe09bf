"""The PAs page driven through the real widgets: adding a PA with the keyboard only, a pay rise that
makes a second contract version, and bad input refused with the message in view and nothing saved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from paemployer.services import records
from paemployer.ui.forms import ErrorLabel

pytestmark = pytest.mark.gui


def type_into(qtbot, widget, text):
    qtbot.keyClicks(widget, text)


def test_add_a_pa_with_the_keyboard_only(qtbot, window, read_file, when_dialog_opens, press):
    page = window.go_to("pas")

    def fill_in(dialog):
        # Focus starts on the first field; Tab moves through the fields in reading order.
        type_into(qtbot, QApplication.focusWidget(), "Mair")
        press(Qt.Key.Key_Tab)
        type_into(qtbot, QApplication.focusWidget(), "Roberts")
        press(Qt.Key.Key_Tab)
        type_into(qtbot, QApplication.focusWidget(), "05032001")  # date of birth, typed day by day
        press(Qt.Key.Key_Tab)
        type_into(qtbot, QApplication.focusWidget(), "ab 12 34 56 d")
        press(Qt.Key.Key_Tab)
        type_into(qtbot, QApplication.focusWidget(), "01092026")
        press(Qt.Key.Key_Tab)
        type_into(qtbot, QApplication.focusWidget(), "07700 900456")
        press(Qt.Key.Key_Return)  # the default button: Add PA

    seen = when_dialog_opens(fill_in)
    page.add_button.setFocus()
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    pas = read_file(records.list_pas)
    added = [pa for pa in pas if pa.last_name == "Roberts"]
    assert len(added) == 1
    mair = added[0]
    assert (mair.first_name, mair.ni_number, mair.phone) == ("Mair", "AB123456D", "07700 900456")
    assert mair.date_of_birth == date(2001, 3, 5)
    assert mair.start_date == date(2026, 9, 1)
    # The new PA is shown and chosen in the list.
    assert page.current_pa_id() == mair.id
    assert page.details_heading.text() == "Mair Roberts"


def test_invalid_ni_number_is_refused_at_the_field_and_nothing_saved(qtbot, window, read_file, when_dialog_opens,
                                                                     press):
    page = window.go_to("pas")
    before = len(read_file(records.list_pas))
    looked: dict = {}

    def fill_in(dialog):
        fields = dialog.fields
        type_into(qtbot, fields.widget("first_name"), "Tom")
        type_into(qtbot, fields.widget("last_name"), "Price")
        type_into(qtbot, fields.widget("ni_number"), "QQ123456C")
        fields.widget("ni_number").setFocus()
        press(Qt.Key.Key_Return)
        looked["open"] = dialog.isVisible()
        looked["banner"] = fields.banner.isVisible() and fields.banner.text()
        message = fields.widget("ni_number").parentWidget().findChild(ErrorLabel, "validationMessage")
        looked["under_field"] = message.isVisible() and message.text()
        looked["focus"] = QApplication.focusWidget() is fields.widget("ni_number")
        dialog.reject()

    seen = when_dialog_opens(fill_in)
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert looked["open"], "the dialog stays open so the mistake can be put right"
    assert "National Insurance number" in looked["banner"]
    assert looked["under_field"] == looked["banner"]
    assert looked["focus"]
    assert len(read_file(records.list_pas)) == before


def test_end_date_before_start_date_is_refused_and_nothing_saved(qtbot, window, read_file):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()
    fields = page.fields
    page.tabs.setCurrentIndex(1)  # somewhere else: the form must bring the right tab forward
    fields.widget("leaving_reason").setText("Moved away")
    fields.widget("end_date").set_value(date(2024, 12, 31))  # before the start on 6 January 2025
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert fields.banner.isVisible() and "end date" in fields.banner.text()
    message = fields.widget("end_date").parentWidget().findChild(ErrorLabel, "validationMessage")
    assert message.isVisible() and message.text() == fields.banner.text()
    focused = QApplication.focusWidget()
    assert fields.widget("end_date") in (focused, focused.parentWidget())  # the date edit or its line edit
    assert page.tabs.currentIndex() == 0  # the Personal tab, where the dates are
    saved = read_file(lambda ef: records.get_pa(ef, pa_id))
    assert saved.end_date is None and saved.leaving_reason == ""


def test_invalid_ni_number_on_the_details_form_is_refused(qtbot, window, read_file):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()
    fields = page.fields
    fields.widget("ni_number").setText("AB 12 34 56 E")
    fields.widget("phone").setText("01234 567890")
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert fields.banner.isVisible() and "A, B, C or D" in fields.banner.text()
    assert QApplication.focusWidget() is fields.widget("ni_number")
    saved = read_file(lambda ef: records.get_pa(ef, pa_id))
    assert saved.ni_number == "AB123456C" and saved.phone == ""  # the phone was not half-saved either


def test_a_pay_rise_makes_a_second_contract_version(qtbot, window, read_file, when_dialog_opens, press):
    page = window.go_to("pas")
    pa_id = page.current_pa_id()
    page.tabs.setCurrentIndex(page.tabs.count() - 1)

    def pay_rise(dialog):
        fields = dialog.fields
        assert fields.widget("standard_rate").text() == "12.60"  # starts from the terms now
        fields.widget("effective_from").set_value(date(2027, 4, 1))
        rate = fields.widget("standard_rate")
        rate.setFocus()
        rate.selectAll()
        type_into(qtbot, rate, "13.25")
        press(Qt.Key.Key_Return)

    seen = when_dialog_opens(pay_rise)
    qtbot.keyClick(page.new_terms_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    assert not any(isinstance(item, BaseException) for item in seen), seen
    history = read_file(lambda ef: records.list_contract_terms(ef, pa_id))
    assert [(t.effective_from, t.standard_rate) for t in history] == [
        (date(2025, 1, 6), Decimal("12.60")), (date(2027, 4, 1), Decimal("13.25"))]
    assert history[1].hours_per_week == Decimal("20")  # the rest is carried over
    assert isinstance(history[1].standard_rate, Decimal)
    # The history is shown, newest first, and today's terms are still the old ones.
    assert page.contract_model.rowCount() == 2
    assert page.contract_model.data(page.contract_model.index(0, 0)) == "1 Apr 2027"
    assert "£12.60" in page.in_force_label.text()
    assert read_file(lambda ef: records.terms_in_force(ef, pa_id, date(2027, 4, 1))).standard_rate == Decimal("13.25")


def test_page_models_pass_the_model_tester_on_real_records(qtbot, qtmodeltester, window):
    pas = window.go_to("pas")
    cover = window.go_to("cover")
    for model in (pas.pa_model, pas.contract_model, pas.training_model, pas.reference_model,
                  cover.contact_model, cover.step_model):
        qtmodeltester.check(model, force_py=True)


def test_typing_is_not_lost_when_another_pa_is_chosen(qtbot, window, read_file, monkeypatch):
    page = window.go_to("pas")
    ffion_id = page.current_pa_id()
    file = window.employer_file
    records.add_pa(file, first_name="Dai", last_name="Hughes")
    window.operations.changed.emit(frozenset({"pa"}))
    asked = []
    monkeypatch.setattr("paemployer.ui.pas.page.ask_to_save", lambda parent, what: asked.append(what) or "cancel")
    page.fields.widget("phone").setText("01970 000000")
    # Adding training elsewhere refreshes the page, but the typing stays.
    records.add_training(file, ffion_id, course="First aid")
    window.operations.changed.emit(frozenset({"training"}))
    assert page.fields.widget("phone").text() == "01970 000000"
    assert page.training_model.rowCount() == 1
    # Choosing another PA asks first; "Cancel" stays on Ffion with the typing kept.
    dai_row = page.pa_model.row_of(lambda pa: pa.last_name == "Hughes")
    page.pa_table.select_row(dai_row)
    assert asked == ["Ffion Evans"]
    assert page.current_pa_id() == ffion_id and page.fields.widget("phone").text() == "01970 000000"
    # "Save" saves, then moves on.
    monkeypatch.setattr("paemployer.ui.pas.page.ask_to_save", lambda parent, what: "save")
    page.pa_table.select_row(dai_row)
    assert page.details_heading.text() == "Dai Hughes"
    assert read_file(lambda ef: records.get_pa(ef, ffion_id)).phone == "01970 000000"


def test_closing_the_file_offers_to_save_typing(qtbot, window, read_file, monkeypatch):
    page = window.go_to("employer")
    page.fields.widget("council").setText("Cardiff")
    monkeypatch.setattr("paemployer.ui.main_window.ask_to_save", lambda parent, what: "cancel")
    assert window.close_file() is False and window.employer_file is not None
    monkeypatch.setattr("paemployer.ui.main_window.ask_to_save", lambda parent, what: "save")
    assert window.close_file() is True
    assert read_file(records.get_employer).council == "Cardiff"


def test_a_pa_on_their_last_day_still_shows_as_employed(qtbot, window, read_file, today):
    from datetime import timedelta

    [ffion] = read_file(records.list_pas)
    read_file(lambda ef: records.update_pa(ef, ffion.id, end_date=today, leaving_reason="Moved away"))
    page = window.go_to("pas")
    page.refresh()
    status = page.pa_model.index(0, 2)
    assert page.pa_model.data(status) == "Employed"  # as the services count it: employed until end_date
    read_file(lambda ef: records.update_pa(ef, ffion.id, end_date=today - timedelta(days=1)))
    page.refresh()
    assert page.pa_model.data(status).startswith("Left ")


def test_saving_the_details_reads_the_pa_back_once_and_shows_them_as_stored(qtbot, window, read_file, monkeypatch):
    page = window.go_to("pas")
    reads: list[int] = []
    get_pa_record = records.get_pa_record
    monkeypatch.setattr(records, "get_pa_record", lambda *a, **k: reads.append(1) or get_pa_record(*a, **k))
    page.fields.widget("ni_number").setText("ab123456c")
    page.fields.widget("phone").setText("07700 900789")
    assert page.save()
    assert reads == [1]
    assert page.fields.widget("ni_number").text() == "AB 12 34 56 C" and not page.has_unsaved_changes()
    assert read_file(lambda ef: records.get_pa(ef, page.current_pa_id())).phone == "07700 900789"
