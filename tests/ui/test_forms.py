"""Form fields: money and numbers are exact Decimals typed as text; optional dates can be typed and cleared."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from paemployer.ui.forms import DecimalEdit, MoneyEdit, OptionalDateEdit, plain
from paemployer.ui.pas.page import contract_values

pytestmark = pytest.mark.gui


def test_money_is_read_as_an_exact_decimal(qtbot):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "£1,234.5")
    assert edit.value() == Decimal("1234.5") and isinstance(edit.value(), Decimal)
    edit.clear()
    qtbot.keyClicks(edit, "-3")  # a minus sign cannot be typed: rates are never negative
    assert edit.value() == Decimal("3")
    edit.set_value(Decimal("12.6"))
    assert edit.text() == "12.60"
    edit.set_value(Decimal("12.6075"))
    assert edit.text() == "12.6075"  # more places than pence are shown exactly, never rounded away
    edit.set_value(None)
    assert edit.value() is None
    with pytest.raises(TypeError):
        edit.set_value(12.6)


def test_whole_numbers_show_and_part_weeks_reach_the_service_unrounded(qtbot):
    edit = DecimalEdit()
    qtbot.addWidget(edit)
    edit.set_value(4)
    assert edit.text() == "4" and edit.value() == Decimal("4")
    assert contract_values({"notice_weeks": Decimal("2.5")})["notice_weeks"] == "2.5"
    assert contract_values({"notice_weeks": Decimal("4")})["notice_weeks"] == "4"


def test_optional_date_is_typed_day_month_year_and_cleared(qtbot):
    edit = OptionalDateEdit(today=date(2026, 11, 24))
    qtbot.addWidget(edit)
    assert edit.value() is None and edit.text() == "Not set"
    edit.setFocus()
    qtbot.keyClicks(edit, "05032001")
    assert edit.value() == date(2001, 3, 5)
    qtbot.keyClick(edit, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert edit.value() is None
    edit.set_value(date(2027, 4, 1))
    assert edit.text() == "01/04/2027"


def test_plain_label_words_for_accessible_names():
    assert plain("&First name:") == "First name"
    assert plain("Fish && chips") == "Fish & chips"


def test_a_decimal_comma_typed_in_a_number_field_is_pence_not_hundreds(qtbot):
    from paemployer.errors import ValidationError
    from paemployer.services.records.validation import validate_contract_terms

    edit = MoneyEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "12,71")
    assert edit.value() == Decimal("12.71")
    edit.clear()
    qtbot.keyClicks(edit, "1,271")  # 1271 or 1.271: refused by the service with a sentence, never guessed
    assert edit.value() != Decimal("1271")
    with pytest.raises(ValidationError, match="two ways"):
        validate_contract_terms({"pa_id": 1, "effective_from": date(2026, 1, 5), "standard_rate": edit.value()})
