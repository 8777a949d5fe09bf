"""`paemployer calc pension`: the answer as issue 10 writes it, each category at the trigger and the lower limit for
every frequency, State Pension age assumed 66 or from a date of birth, text without --json, bad input exits 2."""

from __future__ import annotations

import json

import pytest

from paemployer.cli import main

TRIGGERS = {"weekly": "192", "fortnightly": "384", "four-weekly": "768", "monthly": "833"}
LOWER = {"weekly": "120", "fortnightly": "240", "four-weekly": "480", "monthly": "520"}


def exit_code(args) -> int:
    """The exit code: argparse's usage errors end in SystemExit(2), the command's own refusals return 2."""
    try:
        return main(args)
    except SystemExit as stopped:
        return stopped.code


def run_json(capsys, *args, tax_year="2025-26"):
    assert main(["calc", "pension", "--tax-year", tax_year, *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_issues_fields_for_a_weekly_wage(capsys):
    answer = run_json(capsys, "--frequency", "weekly", "--gross", "300", "--age", "30")
    assert {key: answer[key] for key in ("status", "qualifying_earnings", "employer_minimum", "total_minimum",
                                         "employee_minimum", "employee_deduction_relief_at_source")} == {
        "status": "eligible_jobholder",
        "qualifying_earnings": "180.00",
        "employer_minimum": "5.40",
        "total_minimum": "14.40",
        "employee_minimum": "9.00",
        "employee_deduction_relief_at_source": "7.20",
    }
    assert (answer["earnings_trigger"], answer["lower_limit"], answer["upper_limit"]) == ("192.00", "120.00", "967.00")
    assert answer["frequency"] == "weekly" and answer["gross"] == "300.00" and answer["age"] == 30
    assert answer["state_pension_age"] == {"reached": False, "basis": "assumed_66", "date": None, "assessed_on": None}


@pytest.mark.parametrize("frequency", list(TRIGGERS))
@pytest.mark.parametrize("tax_year", ["2024-25", "2025-26", "2026-27"])
def test_the_edges_of_each_band(capsys, frequency, tax_year):
    trigger, lower = TRIGGERS[frequency], LOWER[frequency]

    def status(gross, age="30"):
        return run_json(capsys, "--frequency", frequency, "--gross", gross, "--age", age, tax_year=tax_year)["status"]

    assert status(trigger) == "non_eligible_jobholder"
    assert status(f"{trigger}.01") == "eligible_jobholder"
    assert status(lower) == "entitled_worker"
    assert status(f"{lower}.01") == "non_eligible_jobholder"
    assert status(f"{trigger}.01", age="21") == "non_eligible_jobholder"
    assert status(f"{trigger}.01", age="15") == "no_duty"
    assert status(f"{trigger}.01", age="75") == "no_duty"


def test_qualifying_earnings_stop_at_the_upper_limit(capsys):
    answer = run_json(capsys, "--frequency", "four_weekly", "--gross", "9999.99", "--age", "45")
    assert answer["qualifying_earnings"] == "3387.00"  # 3,867 - 480
    assert (answer["employer_minimum"], answer["total_minimum"]) == ("101.61", "270.96")


def test_state_pension_age_assumed_66_without_a_date_of_birth(capsys):
    assert run_json(capsys, "--frequency", "monthly", "--gross", "1000", "--age", "65")["status"] == "eligible_jobholder"
    answer = run_json(capsys, "--frequency", "monthly", "--gross", "1000", "--age", "66")
    assert answer["status"] == "non_eligible_jobholder" and answer["state_pension_age"]["reached"] is True
    assert main(["calc", "pension", "--tax-year", "2025-26", "--frequency", "monthly", "--gross", "1000",
                 "--age", "40"]) == 0
    assert "taken as 66" in capsys.readouterr().out


def test_a_date_of_birth_gives_the_exact_state_pension_age(capsys):
    # Born 31 July 1960: 66 years and 4 months, which is 30 November 2026 (Pensions Act 1995 Sch. 4 para. 1(7A)).
    before = run_json(capsys, "--frequency", "weekly", "--gross", "300", "--date-of-birth", "1960-07-31",
                      "--on", "2026-11-29", tax_year="2026-27")
    assert before["status"] == "eligible_jobholder" and before["age"] == 66
    assert before["state_pension_age"] == {"reached": False, "basis": "date_of_birth", "date": "2026-11-30",
                                           "assessed_on": "2026-11-29"}
    after = run_json(capsys, "--frequency", "weekly", "--gross", "300", "--date-of-birth", "1960-07-31", "--age", "66",
                     "--on", "2026-11-30", tax_year="2026-27")
    assert after["status"] == "non_eligible_jobholder" and after["state_pension_age"]["reached"] is True
    # Without --on, the first day of the tax year.
    first = run_json(capsys, "--frequency", "weekly", "--gross", "300", "--date-of-birth", "2004-04-07")
    assert first["age"] == 20 and first["state_pension_age"]["assessed_on"] == "2025-04-06"


def test_text_output_says_what_it_means(capsys):
    assert main(["calc", "pension", "--tax-year", "2025-26", "--frequency", "monthly", "--gross", "1500",
                 "--age", "30"]) == 0
    out = capsys.readouterr().out
    assert "eligible jobholder" in out and "£980.00" in out and "£78.40" in out and "£39.20" in out
    assert "round differently" in out
    assert main(["calc", "pension", "--tax-year", "2025-26", "--frequency", "weekly", "--gross", "150",
                 "--age", "30"]) == 0
    assert "opts in" in capsys.readouterr().out
    assert main(["calc", "pension", "--tax-year", "2026-27", "--frequency", "weekly", "--gross", "300",
                 "--date-of-birth", "1960-07-31", "--on", "2026-12-01"]) == 0
    assert "30 November 2026" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["--frequency", "daily", "--gross", "300", "--age", "30"], "not a pay frequency"),
    (["--frequency", "weekly", "--gross", "300.001", "--age", "30"], "two decimal places"),
    (["--frequency", "weekly", "--gross", "-5", "--age", "30"], "0 or more"),
    (["--frequency", "weekly", "--gross", "lots", "--age", "30"], "gross"),
    (["--frequency", "weekly", "--gross", "300"], "--age"),
    (["--frequency", "weekly", "--gross", "300", "--age", "200"], "outside"),
    (["--frequency", "weekly", "--gross", "300", "--age", "30", "--on", "2025-06-01"], "--on"),
    (["--frequency", "weekly", "--gross", "300", "--date-of-birth", "1990-01-01", "--on", "2024-06-01"], "not in the tax year"),
    (["--frequency", "weekly", "--gross", "300", "--date-of-birth", "1990-01-01", "--age", "40"], "does not match"),
    (["--frequency", "weekly", "--gross", "300", "--date-of-birth", "2030-01-01"], "after the day assessed"),
])
def test_bad_input_exits_2_with_a_sentence(capsys, args, message):
    assert exit_code(["calc", "pension", "--tax-year", "2025-26", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(("tax_year", "message"), [("2025/26", "not a tax year"), ("2027-28", "2024-25 to 2026-27"),
                                                   ("2023-24", "no automatic enrolment figures")])
def test_a_year_without_figures_exits_2(capsys, tax_year, message):
    assert exit_code(["calc", "pension", "--tax-year", tax_year, "--frequency", "weekly", "--gross", "300",
                      "--age", "30"]) == 2
    assert message in capsys.readouterr().err
