"""`paemployer calc paye`: the answer as issue 10 writes it ({"tax_due_in_period", "tax_due_to_date"}, money as
strings with two decimals, a refund negative), HMRC's own figures, the code's prefix choosing the nation, fortnightly
and four-weekly, a student loan when asked, text without --json, and bad input exiting 2 with a sentence."""

from __future__ import annotations

import json

import pytest

from paemployer.cli import main


def run_json(capsys, *args):
    assert main(["calc", "paye", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_issue_s_fields_from_hmrc_test_data(capsys):
    # HMRC 2026-27 rest of UK Gen_cumul-wkly week 7: 242.84 after 28,241.45 and 10,463.08 -> refund 264.87.
    answer = run_json(capsys, "--tax-year", "2026-27", "--frequency", "weekly", "--period", "7", "--tax-code", "1257L",
                      "--gross", "242.84", "--pay-to-date-before", "28241.45", "--tax-to-date-before", "10463.08")
    assert (answer["tax_due_in_period"], answer["tax_due_to_date"]) == ("-264.87", "10198.21")
    assert (answer["basis"], answer["taxable_pay_to_date"], answer["region"]) == ("cumulative", "28484.29",
                                                                                 "rest_of_uk")
    assert "student_loan" not in answer


def test_month_1_of_2025_26(capsys):
    # HMRC 2025-26 Gen_cumul-mthly month 1 (README: 1,156.25 gives 21.40).
    answer = run_json(capsys, "--tax-year", "2025-26", "--frequency", "monthly", "--period", "1", "--tax-code", "1257L",
                      "--gross", "1156.25", "--pay-to-date-before", "0", "--tax-to-date-before", "0")
    assert (answer["tax_due_in_period"], answer["tax_due_to_date"], answer["free_pay"]) == ("21.40", "21.40",
                                                                                           "1048.26")


@pytest.mark.parametrize("code_args", [["--tax-code", "S45L", "--week1-month1"], ["--tax-code", "S45L M1"],
                                       ["--tax-code", "s45lm1"]])
def test_a_scottish_code_on_a_month_1_basis(capsys, code_args):
    # HMRC 2026-27 Scottish Gen_W1M1_mthly: S45L M1 on 3,164.24 -> 750.95 (rest of UK 625.00).
    answer = run_json(capsys, "--tax-year", "2026-27", "--frequency", "monthly", "--period", "5", *code_args,
                      "--gross", "3164.24")
    assert (answer["tax_due_in_period"], answer["tax_due_to_date"], answer["tax_code"], answer["basis"]) == (
        "750.95", "750.95", "S45L", "week1_month1")


def test_welsh_and_rest_of_uk_codes(capsys):
    for code in ("C45L", "45L"):
        answer = run_json(capsys, "--tax-year", "2026-27", "--frequency", "monthly", "--period", "1",
                          "--tax-code", code, "--week1-month1", "--gross", "3164.24")
        assert answer["tax_due_in_period"] == "625.00"


def test_a_k_code_held_to_half_the_pay(capsys):
    answer = run_json(capsys, "--tax-year", "2024-25", "--frequency", "monthly", "--period", "1", "--tax-code", "K500",
                      "--gross", "100")
    assert (answer["tax_due_in_period"], answer["regulatory_limit_applied"]) == ("50.00", True)


@pytest.mark.parametrize("spelling", ["four-weekly", "four_weekly"])
def test_fortnightly_and_four_weekly(capsys, spelling):
    answer = run_json(capsys, "--tax-year", "2024-25", "--frequency", "fortnightly", "--period", "1",
                      "--tax-code", "1257L", "--gross", "1000")
    assert answer["tax_due_in_period"] == "103.20" and answer["frequency"] == "fortnightly"
    answer = run_json(capsys, "--tax-year", "2024-25", "--frequency", spelling, "--period", "4", "--tax-code", "1257L",
                      "--gross", "2000")
    assert answer["tax_due_in_period"] == "206.40" and answer["frequency"] == "four_weekly"


def test_week_53_needs_no_figures_before_it(capsys):
    answer = run_json(capsys, "--tax-year", "2024-25", "--frequency", "weekly", "--period", "53", "--tax-code",
                      "1257L", "--gross", "500")
    assert (answer["tax_due_in_period"], answer["basis"]) == ("51.60", "week1_month1")


def test_a_student_loan_when_asked(capsys):
    answer = run_json(capsys, "--tax-year", "2025-26", "--frequency", "monthly", "--period", "1", "--tax-code",
                      "1257L", "--gross", "2500", "--student-loan-plan", "plan 2")
    assert (answer["student_loan"], answer["student_loan_plan"]) == ("11.00", "2")
    answer = run_json(capsys, "--tax-year", "2025-26", "--frequency", "monthly", "--period", "1", "--tax-code",
                      "1257L", "--gross", "2500", "--student-loan-plan", "postgraduate")
    assert answer["student_loan"] == "45.00"


def test_text_output_explains_in_plain_english(capsys):
    assert main(["calc", "paye", "--tax-year", "2026-27", "--frequency", "weekly", "--period", "7", "--tax-code",
                 "1257L", "--gross", "242.84", "--pay-to-date-before", "28241.45", "--tax-to-date-before",
                 "10463.08"]) == 0
    out = capsys.readouterr().out
    assert "tax week 7 of 2026-27, tax code 1257L (rest-of-UK rates)" in out
    assert "Tax refunded in this payment: £264.87" in out
    assert "Tax deducted in the tax year, including this payment: £10,198.21" in out
    assert "Cumulative basis" in out and "rates-and-thresholds-for-employers-2026-to-2027" in out
    assert main(["calc", "paye", "--tax-year", "2024-25", "--frequency", "monthly", "--period", "1", "--tax-code",
                 "K500", "--gross", "100", "--student-loan-plan", "1"]) == 0
    out = capsys.readouterr().out
    assert "Tax to take from this payment: £50.00" in out and "Limited to half of this payment" in out
    assert "Plan 1 student loan: £0.00 (on pay above £2,082.50 a month" in out


@pytest.mark.parametrize(("arguments", "says"), [
    (["--tax-code", "1257X"], "Tax codes look like 1257L, S1257L, C1257L, K475, BR"),
    (["--tax-code", "SD4"], "SD codes go from D0 to D3"),
    (["--gross", "12.345"], "more than two decimal places"),
    (["--gross", "-5"], "0 or more"),
    (["--gross", "lots"], "amount"),
    (["--pay-to-date-before", "-1"], "0 or more"),
    (["--tax-year", "2025/26"], "not a tax year: write it like 2025-26"),
    (["--frequency", "daily"], "not a pay frequency"),
    (["--period", "0"], "outside what PA Employer accepts"),
    (["--student-loan-plan", "3"], "not a student loan plan"),
])
def test_bad_arguments_exit_2_with_a_sentence(capsys, arguments, says):
    base = {"--tax-year": "2025-26", "--frequency": "monthly", "--period": "1", "--tax-code": "1257L",
            "--gross": "500"}
    base.update(dict(zip(arguments[::2], arguments[1::2], strict=True)))
    with pytest.raises(SystemExit) as raised:
        main(["calc", "paye", *[part for pair in base.items() for part in pair], "--json"])
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


@pytest.mark.parametrize(("arguments", "says"), [
    (["--period", "13"], "The tax month must be a whole number from 1 to 12"),
    (["--frequency", "weekly", "--period", "54"], "The tax week must be a whole number from 1 to 53"),
    (["--tax-year", "2027-28"], "no income tax figures for the tax year 2027-28"),
    (["--tax-year", "2023-24"], "it works out PAYE for 2024-25 to 2026-27"),
    (["--period", "3"], "give --pay-to-date-before and --tax-to-date-before"),
    (["--period", "3", "--pay-to-date-before", "1000"], "give --tax-to-date-before"),
    (["--student-loan-plan", "5"], "no Plan 5 student loan deductions from pay in the tax year 2025-26"),
])
def test_input_refused_after_reading_exits_2_with_a_sentence(capsys, arguments, says):
    base = {"--tax-year": "2025-26", "--frequency": "monthly", "--period": "1", "--tax-code": "1257L",
            "--gross": "500"}
    base.update(dict(zip(arguments[::2], arguments[1::2], strict=True)))
    assert main(["calc", "paye", *[part for pair in base.items() for part in pair], "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert says in captured.err and "Traceback" not in captured.err
