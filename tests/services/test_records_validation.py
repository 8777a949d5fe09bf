"""Validation where it is typed: NI numbers (HMRC NIM39110), bank details, money, dates in order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from paemployer.errors import ValidationError
from paemployer.services.records import validation as v


@pytest.mark.parametrize("typed, clean", [
    ("AB123456C", "AB123456C"),
    ("ab 12 34 56 c", "AB123456C"),
    ("  JM 48 26 93 B ", "JM482693B"),
    ("NH631047A", "NH631047A"),
    ("PZ318806D", "PZ318806D"),
    ("", ""),
    (None, ""),
])
def test_good_ni_numbers_are_normalised(typed, clean):
    assert v.normalise_ni_number(typed) == clean


@pytest.mark.parametrize("letter", list("DFIQUV"))
def test_ni_first_letters_hmrc_never_uses_are_refused(letter):
    with pytest.raises(ValidationError) as refused:
        v.normalise_ni_number(f"{letter}A123456A")
    assert refused.value.field == "ni_number"
    assert refused.value.message_id == "ni_first_letter"
    assert f"never starts with the letter {letter}" in refused.value.message


@pytest.mark.parametrize("letter", list("DFIOQUV"))
def test_ni_second_letters_hmrc_never_uses_are_refused(letter):
    with pytest.raises(ValidationError) as refused:
        v.normalise_ni_number(f"A{letter}123456A")
    assert refused.value.message_id == "ni_second_letter"


@pytest.mark.parametrize("prefix", ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"])
def test_ni_prefixes_hmrc_does_not_allocate_are_refused(prefix):
    with pytest.raises(ValidationError) as refused:
        v.normalise_ni_number(f"{prefix}123456A")
    assert refused.value.message_id == "ni_prefix"
    assert prefix in refused.value.message


@pytest.mark.parametrize("suffix", list("EFXZ"))
def test_ni_suffix_must_be_a_to_d(suffix):
    with pytest.raises(ValidationError) as refused:
        v.normalise_ni_number(f"AB123456{suffix}")
    assert refused.value.message_id == "ni_suffix"


@pytest.mark.parametrize("typed", ["AB12345C", "AB1234567C", "A1234567C", "AB123456", "12AB3456C", "AB12E456C",
                                   "AB-12-34-56-C"])
def test_ni_shape_must_be_two_letters_six_digits_one_letter(typed):
    with pytest.raises(ValidationError) as refused:
        v.normalise_ni_number(typed)
    assert refused.value.message_id == "ni_shape"
    assert "two letters, six numbers" in refused.value.message


def test_ni_numbers_print_the_hmrc_way():
    assert v.format_ni_number("AB123456C") == "AB 12 34 56 C"


@pytest.mark.parametrize("typed, clean", [("123456", "12-34-56"), ("12 34 56", "12-34-56"), ("12-34-56", "12-34-56"),
                                          ("", "")])
def test_sort_codes(typed, clean):
    assert v.normalise_sort_code(typed) == clean


@pytest.mark.parametrize("typed", ["12345", "1234567", "12-34-5a"])
def test_bad_sort_codes(typed):
    with pytest.raises(ValidationError, match="six numbers") as refused:
        v.normalise_sort_code(typed)
    assert refused.value.field == "bank_sort_code"


def test_account_numbers():
    assert v.normalise_account_number("4391 8265") == "43918265"
    for typed in ("4391826", "439182651", "4391826x"):
        with pytest.raises(ValidationError, match="eight numbers"):
            v.normalise_account_number(typed)


def test_money_is_exact_and_a_float_is_refused():
    assert v.to_money("12.60", field="standard_rate") == Decimal("12.60")
    assert v.to_money("£1,012.60", field="standard_rate") == Decimal("1012.60")
    assert v.to_money(13, field="standard_rate") == Decimal("13")
    assert v.to_money("", field="standard_rate") is None
    with pytest.raises(TypeError):
        v.to_money(12.6, field="standard_rate")
    with pytest.raises(ValidationError, match="is not a number") as refused:
        v.to_money("twelve", field="standard_rate")
    assert refused.value.field == "standard_rate"


def test_rates_cannot_be_negative():
    with pytest.raises(ValidationError, match="cannot be less than zero") as refused:
        v.validate_contract_terms({"effective_from": date(2026, 4, 6), "standard_rate": "12.71",
                                   "sleep_in_allowance": "-1"})
    assert refused.value.field == "sleep_in_allowance"


def test_dates_in_order():
    with pytest.raises(ValidationError) as refused:
        v.validate_pa({"first_name": "A", "last_name": "B", "start_date": date(2026, 5, 1),
                       "end_date": date(2026, 4, 30)})
    assert refused.value.field == "end_date"
    assert refused.value.message == "The end date cannot be before the start date. Check both dates."
    # Leaving on the day they started is possible.
    v.validate_pa({"first_name": "A", "last_name": "B", "start_date": date(2026, 5, 1), "end_date": date(2026, 5, 1)})
    with pytest.raises(ValidationError) as refused:
        v.validate_pa({"first_name": "A", "last_name": "B", "right_to_work_checked_on": date(2026, 5, 1),
                       "right_to_work_follow_up": date(2026, 5, 1)})
    assert refused.value.field == "right_to_work_follow_up"
    with pytest.raises(ValidationError) as refused:
        v.validate_training({"pa_id": 1, "course": "First aid", "completed_on": date(2026, 5, 1),
                             "expires_on": date(2025, 5, 1)})
    assert refused.value.field == "expires_on"


def test_required_fields():
    with pytest.raises(ValidationError, match="The first name is missing") as refused:
        v.validate_pa({"first_name": "  ", "last_name": "B"})
    assert refused.value.field == "first_name"
    with pytest.raises(ValidationError) as refused:
        v.validate_contract_terms({"standard_rate": "12"})
    assert refused.value.field == "effective_from"
    with pytest.raises(ValidationError) as refused:
        v.validate_cover_contact({"name": ""})
    assert refused.value.field == "name"


def test_choices_accept_the_stored_value_and_refuse_others():
    assert v.validate_employer({"nation": "wales"})["nation"].value == "wales"
    with pytest.raises(ValidationError, match="england, wales, scotland or northern-ireland") as refused:
        v.validate_employer({"nation": "cymru"})
    assert refused.value.field == "nation"


def test_unknown_fields_are_a_programming_error():
    with pytest.raises(TypeError):
        v.validate_pa({"first_name": "A", "last_name": "B", "shoe_size": 9})


def test_messages_are_translated_through_gettext(monkeypatch):
    from paemployer import i18n

    monkeypatch.setattr(i18n, "_translations", type("Upper", (), {"gettext": staticmethod(str.upper)})())
    with pytest.raises(ValidationError) as refused:
        v.normalise_sort_code("1")
    assert refused.value.message == refused.value.message.upper()


def test_yes_or_no_from_text_is_read_as_meant():
    assert v.validate_pa({"first_name": "A", "last_name": "B", "is_family": "no"})["is_family"] is False
    assert v.validate_pa({"first_name": "A", "last_name": "B", "is_family": "Yes"})["is_family"] is True
    assert v.validate_pa({"first_name": "A", "last_name": "B", "is_family": 1})["is_family"] is True
    with pytest.raises(ValidationError, match="not yes or no") as refused:
        v.validate_pa({"first_name": "A", "last_name": "B", "same_household": "perhaps"})
    assert refused.value.field == "same_household"


# --- names and other short text people type ----------------------------------------------------------------

_PA = {"first_name": "Ann", "last_name": "Lee"}


@pytest.mark.parametrize("field", ["first_name", "last_name", "known_as"])
def test_a_name_part_longer_than_the_limit_is_refused_with_a_sentence(field):
    assert v.validate_pa(_PA | {field: "A" * v.MAX_NAME_PART_LENGTH})[field] == "A" * v.MAX_NAME_PART_LENGTH
    with pytest.raises(ValidationError) as refused:
        v.validate_pa(_PA | {field: "A" * 999})
    assert refused.value.field == field
    assert refused.value.message_id == "text_too_long"
    assert "999" in refused.value.message and str(v.MAX_NAME_PART_LENGTH) in refused.value.message
    assert "A" * 50 not in refused.value.message  # the paste is not echoed back


@pytest.mark.parametrize("typed", ["Ann\nEvil", "Ann\r\nEvil", "Ann\tLee", "Ann\u202eeeL", "Ann\u2066Lee",
                                   "Ann\u200fLee", "Ann\x00", "Ann\x85Lee", "Ann\ufeffLee"])
@pytest.mark.parametrize("field", ["first_name", "last_name", "known_as", "emergency_contact_name"])
def test_a_name_with_a_line_break_or_a_direction_override_is_refused(field, typed):
    with pytest.raises(ValidationError) as refused:
        v.validate_pa(_PA | {field: typed})
    assert refused.value.field == field
    assert refused.value.message_id == "text_control_character"
    assert "line" in refused.value.message
    assert typed not in refused.value.message


def test_names_in_every_language_are_accepted():
    for typed in ["Siân", "Ŷ Gwyn", "O'Brien-Smith", "José María", "محمد", "王 芳", "Ngā", "می‌خواهم"]:
        assert v.validate_pa(_PA | {"first_name": typed})["first_name"] == typed


def test_other_names_people_type_are_held_to_the_same_limits():
    checks = [
        (v.validate_employer, {}, "name"),
        (v.validate_employer, {}, "manager_name"),
        (v.validate_cover_contact, {"name": "Bo"}, "name"),
        (v.validate_reference, {"referee_name": "Bo"}, "referee_name"),
        (v.validate_pa, _PA, "bank_account_name"),
    ]
    for validate, base, field in checks:
        for typed, message_id in [("Bo\nEvil", "text_control_character"),
                                  ("B" * (v.MAX_FULL_NAME_LENGTH + 1), "text_too_long")]:
            with pytest.raises(ValidationError) as refused:
                validate(base | {field: typed})
            assert (refused.value.field, refused.value.message_id) == (field, message_id), (validate, field)
        assert validate(base | {field: "B" * v.MAX_FULL_NAME_LENGTH})[field] == "B" * v.MAX_FULL_NAME_LENGTH


def test_a_full_name_fits_the_command_lines_name_limit():
    from paemployer.cli.args import MAX_NAME_LENGTH
    longest = v.validate_pa({"first_name": "A" * v.MAX_NAME_PART_LENGTH, "last_name": "B" * v.MAX_NAME_PART_LENGTH})
    assert len(f"{longest['first_name']} {longest['last_name']}") == MAX_NAME_LENGTH == v.MAX_FULL_NAME_LENGTH
