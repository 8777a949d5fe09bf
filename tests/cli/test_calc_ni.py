"""`paemployer calc ni`: the answer as issue 10 writes it (money as strings with two decimals), HMRC's figures,
four-weekly spelt either way, text without --json, bad input and a tax year without figures exit 2 with a sentence."""

from __future__ import annotations

import json

import pytest

from paemployer.cli import main

ISSUE_FIELDS = ("employee_ni", "employer_ni", "earnings_at_lel", "earnings_lel_to_pt", "earnings_pt_to_uel")


def run_json(capsys, *args):
    assert main(["calc", "ni", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_weekly_category_a_2025_26_as_hmrc_test_data(capsys):
    # HMRC NIC test data v1.1 Cat_A: weekly 966.64 -> employee 57.97, employer 130.60
    answer = run_json(capsys, "--tax-year", "2025-26", "--frequency", "weekly", "--category", "A", "--gross", "966.64")
    assert {field: answer[field] for field in ISSUE_FIELDS} == {
        "employee_ni": "57.97", "employer_ni": "130.60", "earnings_at_lel": "125.00", "earnings_lel_to_pt": "117.00",
        "earnings_pt_to_uel": "724.64"}
    assert (answer["category"], answer["frequency"], answer["earnings_above_uel"]) == ("A", "weekly", "0.00")


@pytest.mark.parametrize("spelling", ["four-weekly", "four_weekly", "Four-Weekly"])
def test_four_weekly_is_accepted_with_a_hyphen_or_an_underscore(capsys, spelling):
    # HMRC four-weekly secondary threshold 385 (annual 5,000 x 4 / 52 rounded up): 385.04 -> employer 0.01
    answer = run_json(capsys, "--tax-year", "2025-26", "--frequency", spelling, "--category", "A", "--gross", "385.04")
    assert (answer["employee_ni"], answer["employer_ni"], answer["frequency"]) == ("0.00", "0.01", "four_weekly")
    assert answer["thresholds"]["secondary_threshold"] == "385.00"


def test_fortnightly_and_monthly_and_a_lowercase_letter(capsys):
    answer = run_json(capsys, "--tax-year", "2025-26", "--frequency", "fortnightly", "--category", "m",
                      "--gross", "1934.04")
    assert (answer["employee_ni"], answer["employer_ni"], answer["category"]) == ("116.00", "0.01", "M")
    assert answer["thresholds"]["upper_secondary_threshold"] == "1934.00"
    answer = run_json(capsys, "--tax-year", "2025-26", "--frequency", "monthly", "--category", "A", "--gross", "1048.08")
    assert (answer["employee_ni"], answer["employer_ni"], answer["earnings_pt_to_uel"]) == ("0.01", "94.66", "0.08")


def test_2024_25_and_2026_27(capsys):
    # 2024-25 weekly: 8 % x (500 - 242) = 20.64; 13.8 % x (500 - 175) = 44.85
    answer = run_json(capsys, "--tax-year", "2024-25", "--frequency", "weekly", "--category", "A", "--gross", "500")
    assert (answer["employee_ni"], answer["employer_ni"], answer["earnings_at_lel"]) == ("20.64", "44.85", "123.00")
    # HMRC calculator Years2026to2027.csv: fortnightly E 1,995.00 -> employee 28.04, employer 154.95
    answer = run_json(capsys, "--tax-year", "2026-27", "--frequency", "fortnightly", "--category", "E",
                      "--gross", "1995.00")
    assert (answer["employee_ni"], answer["employer_ni"]) == ("28.04", "154.95")


def test_periods_multiply_the_thresholds(capsys):
    answer = run_json(capsys, "--tax-year", "2025-26", "--frequency", "weekly", "--category", "A", "--gross", "1000",
                      "--periods", "2")
    assert (answer["employee_ni"], answer["employer_ni"], answer["periods"]) == ("41.28", "121.20", 2)


def test_category_x_pays_nothing(capsys):
    answer = run_json(capsys, "--tax-year", "2025-26", "--frequency", "weekly", "--category", "X", "--gross", "800")
    assert {answer[field] for field in ISSUE_FIELDS} == {"0.00"}


def test_text_output(capsys):
    assert main(["calc", "ni", "--tax-year", "2025-26", "--frequency", "weekly", "--category", "A",
                 "--gross", "500"]) == 0
    out = capsys.readouterr().out
    assert "category A: Standard rate (most people)" in out
    assert "Employee's National Insurance (taken from pay): £20.64" in out
    assert "Employer's National Insurance (before the Employment Allowance): £60.60" in out
    assert "Earnings above the primary threshold, up to the upper earnings limit: £258.00" in out
    assert "secondary threshold £96.00" in out


@pytest.mark.parametrize(("arguments", "says"), [
    (["--tax-year", "2025/26"], "not a tax year: write it like 2025-26"),
    (["--tax-year", "2025-27"], "not a tax year"),
    (["--frequency", "daily"], "not a pay frequency"),
    (["--category", "Q"], "not a National Insurance category letter"),
    (["--gross", "-1"], "0 or more"),
    (["--gross", "12.345"], "more than two decimal places"),
    (["--gross", "lots"], "gross"),
    (["--gross", "5000000"], "more than PA Employer accepts"),
    (["--periods", "0"], "outside what PA Employer accepts"),
])
def test_bad_input_exits_2_with_a_sentence(capsys, arguments, says):
    base = {"--tax-year": "2025-26", "--frequency": "weekly", "--category": "A", "--gross": "500"}
    base.update(dict(zip(arguments[::2], arguments[1::2], strict=True)))
    with pytest.raises(SystemExit) as raised:
        main(["calc", "ni", *[part for pair in base.items() for part in pair]])
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


@pytest.mark.parametrize("year", ["2023-24", "2027-28"])
def test_a_tax_year_without_figures_exits_2_with_a_sentence(capsys, year):
    assert main(["calc", "ni", "--tax-year", year, "--frequency", "weekly", "--category", "A", "--gross", "500",
                 "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"no National Insurance figures for the tax year {year}" in captured.err
    assert "2024-25 to 2026-27" in captured.err and "Traceback" not in captured.err
