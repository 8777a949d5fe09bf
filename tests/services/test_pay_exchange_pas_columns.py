"""pas.csv's optional pay columns: sleep_in_allowance, waking_night_rate and holiday_pay set the first terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from paemployer.errors import ValidationError
from paemployer.services import records
from paemployer.services.importer import CsvRowsError, import_csv
from paemployer.services.records.validation import validate_contract_terms
from paemployer.store.db import open_employer_file

HEADER = ("first_name,last_name,date_of_birth,ni_number,start_date,hourly_rate,hours_type,hours_per_week,"
          "days_per_week,pay_frequency")
ANN = "Ann,Lee,1990-01-02,AB 12 34 56 C,2026-01-05,13.10,fixed,20,4,monthly"
BO = "Bo,Ray,1985-03-04,,2026-02-01,12.71,irregular,,,weekly"


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "import.paemployer", create=True)
    yield employer_file
    employer_file.close()


def _csv(tmp_path, lines, name="pas.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _terms(ef, first_name):
    pa = next(pa for pa in records.list_pas(ef) if pa.first_name == first_name)
    return records.terms_in_force(ef, pa.id, pa.start_date)


def _text(value):
    return getattr(value, "value", value)


def test_sleep_in_allowance_and_waking_night_rate_go_on_the_first_terms(ef, tmp_path):
    path = _csv(tmp_path, [HEADER + ",sleep_in_allowance,waking_night_rate", ANN + ",45.50,14.20", BO + ",,"])
    assert import_csv(ef, path).added == 2
    ann, bo = _terms(ef, "Ann"), _terms(ef, "Bo")
    assert (ann.sleep_in_allowance, ann.waking_night_rate) == (Decimal("45.50"), Decimal("14.20"))
    assert type(ann.sleep_in_allowance) is Decimal
    assert (bo.sleep_in_allowance, bo.waking_night_rate) == (None, None)


def test_a_decimal_comma_in_a_semicolon_file_is_read_for_the_new_money_columns(ef, tmp_path):
    header = HEADER.replace(",", ";") + ";sleep_in_allowance;waking_night_rate"
    row = "Ann;Lee;1990-01-02;AB123456C;2026-01-05;13,10;fixed;20;4;monthly;45,50;14,2"
    assert import_csv(ef, _csv(tmp_path, [header, row])).added == 1
    ann = _terms(ef, "Ann")
    assert (ann.sleep_in_allowance, ann.waking_night_rate) == (Decimal("45.50"), Decimal("14.2"))


@pytest.mark.parametrize(("column", "value", "words"), [
    ("waking_night_rate", "1000.01", "weekly or monthly"),
    ("waking_night_rate", "-3", "less than zero"),
    ("waking_night_rate", "twelve", "not a number"),
    ("sleep_in_allowance", "1500", "for one night"),
    ("sleep_in_allowance", "-45", "less than zero"),
    ("sleep_in_allowance", "1,271", "two ways"),
])
def test_bad_money_in_the_new_columns_is_refused_with_its_line_and_column(ef, tmp_path, column, value, words):
    path = _csv(tmp_path, [HEADER + f",{column}", BO + ",12.00", ANN + f",\"{value}\""])
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, path)
    assert [(problem.line, problem.column) for problem in refused.value.problems] == [(3, column)]
    assert words in refused.value.problems[0].reason
    assert records.list_pas(ef) == []


def test_holiday_pay_when_taken_or_rolled_up_is_set_on_the_terms(ef, tmp_path):
    path = _csv(tmp_path, [HEADER + ",holiday_pay", ANN + ",when_taken", BO + ",Rolled up"])
    assert import_csv(ef, path).added == 2
    assert _text(_terms(ef, "Ann").holiday_pay) == "when_taken"
    assert _text(_terms(ef, "Bo").holiday_pay) == "rolled_up"


def test_an_empty_holiday_pay_cell_leaves_holiday_paid_when_taken(ef, tmp_path):
    assert import_csv(ef, _csv(tmp_path, [HEADER + ",holiday_pay", BO + ","])).added == 1
    assert _text(_terms(ef, "Bo").holiday_pay) == "when_taken"


def test_an_unknown_holiday_pay_is_refused_naming_both_choices(ef, tmp_path):
    path = _csv(tmp_path, [HEADER + ",holiday_pay", BO + ",monthly"])
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, path)
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (2, "holiday_pay")
    assert "when_taken" in problem.reason and "rolled_up" in problem.reason and "monthly" in problem.reason
    assert records.list_pas(ef) == []


def test_rolled_up_holiday_pay_for_a_fixed_hours_pa_is_refused_with_the_reason(ef, tmp_path):
    path = _csv(tmp_path, [HEADER + ",holiday_pay", BO + ",rolled_up", ANN + ",rolled_up"])
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, path)
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (3, "holiday_pay")
    assert "irregular hours or part-year" in problem.reason and "fixed hours" in problem.reason
    assert records.list_pas(ef) == []


def test_a_bad_hours_type_with_rolled_up_is_told_once_for_the_hours_type(ef, tmp_path):
    row = BO.replace("irregular", "sometimes") + ",rolled_up"
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, _csv(tmp_path, [HEADER + ",holiday_pay", row]))
    assert [problem.column for problem in refused.value.problems] == ["hours_type"]


def test_the_forms_share_the_holiday_pay_checks():
    base = {"effective_from": date(2026, 4, 6), "standard_rate": "12.71"}
    with pytest.raises(ValidationError, match="irregular hours or part-year") as fixed:
        validate_contract_terms(base | {"hours_type": "fixed", "holiday_pay": "rolled_up"})
    assert fixed.value.field == "holiday_pay"
    with pytest.raises(ValidationError, match="when_taken") as unknown:
        validate_contract_terms(base | {"hours_type": "irregular", "holiday_pay": "sometimes"})
    assert unknown.value.field == "holiday_pay"
    cleaned = validate_contract_terms(base | {"hours_type": "irregular", "holiday_pay": "rolled_up"})
    assert _text(cleaned["holiday_pay"]) == "rolled_up"


def test_all_three_columns_together_and_the_old_ones_still_work(ef, tmp_path):
    header = HEADER + ",phone,email,sleep_in_allowance,waking_night_rate,holiday_pay"
    path = _csv(tmp_path, [header, BO + ",07700 900123,bo@example.org,40,13.50,rolled_up"])
    assert import_csv(ef, path).added == 1
    bo = _terms(ef, "Bo")
    assert (bo.sleep_in_allowance, bo.waking_night_rate, _text(bo.holiday_pay)) == (
        Decimal(40), Decimal("13.50"), "rolled_up")
    pa = records.list_pas(ef)[0]
    assert (pa.phone, pa.email) == ("07700 900123", "bo@example.org")


def test_a_pa_already_there_whose_row_gives_another_allowance_is_kept_and_the_difference_said(ef, tmp_path):
    import_csv(ef, _csv(tmp_path, [HEADER + ",sleep_in_allowance", BO + ",40"]))
    again = import_csv(ef, _csv(tmp_path, [HEADER + ",sleep_in_allowance,holiday_pay", BO + ",45,"],
                                name="again.csv"))
    assert (again.added, again.already_there) == (0, 1)
    assert any("sleep-in allowance" in note for note in again.notes)
    assert _terms(ef, "Bo").sleep_in_allowance == Decimal(40)
    same = import_csv(ef, _csv(tmp_path, [HEADER, BO], name="same.csv"))
    assert not any("differs" in note for note in same.notes)  # columns not given are not differences
