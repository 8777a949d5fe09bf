"""`paemployer calc holiday`: the command line answers as issue 3 specifies."""

from __future__ import annotations

import json
import re

import pytest

from paemployer.cli import main


def run_json(capsys, *args):
    code = main(["calc", "holiday", *args, "--json"])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_days_for_a_starter_rounds_up_to_the_half_day(capsys):
    # GOV.UK unit test: start 1 June 2019, leave year from 1 January, 5 days a week -> 16.5 days.
    result = run_json(capsys, "--basis", "days", "--days-per-week", "5", "--leave-year-start", "2019-01-01",
                      "--start", "2019-06-01")
    assert result["entitlement"] == "16.5"
    assert result["unit"] == "days"
    assert result["working"]["before_rounding"] == "16.3333333333"
    assert result["working"]["months_counted"] == 7


def test_days_for_a_leaver_keeps_the_exact_figure_and_gives_govuks_display(capsys):
    result = run_json(capsys, "--basis", "days", "--days-per-week", "5", "--leave-year-start", "2019-01-01",
                      "--leaving", "2019-06-01")
    assert result["entitlement"] == "11.6602739726"
    assert result["display"] == "11.7"


def test_hours_per_week_full_year(capsys):
    result = run_json(capsys, "--basis", "hours", "--hours-per-week", "25", "--days-per-week", "3",
                      "--leave-year-start", "2026-04-01")
    assert (result["entitlement"], result["unit"]) == ("140", "hours")
    assert result["hours_and_minutes"] == {"hours": 140, "minutes": 0}


def test_compressed_hours_give_hours_and_the_daily_equivalent(capsys):
    result = run_json(capsys, "--basis", "compressed", "--hours-per-week", "57", "--days-per-week", "5",
                      "--leave-year-start", "2026-04-01")
    assert result["display"] == "319.2"
    assert result["hours_and_minutes"] == {"hours": 319, "minutes": 12}
    assert result["daily_average"] == {"hours": 11, "minutes": 24}


def test_shifts_for_a_leaver(capsys):
    result = run_json(capsys, "--basis", "shifts", "--shift-hours", "12", "--shifts-per-pattern", "12",
                      "--pattern-days", "15", "--leave-year-start", "2020-01-01", "--leaving", "2020-10-13")
    assert result["unit"] == "shifts"
    assert result["display"] == "21.96"


def test_annualised_answers_in_weeks(capsys):
    result = run_json(capsys, "--basis", "annualised", "--leave-year-start", "2018-08-14", "--start", "2019-09-23")
    assert result["unit"] == "weeks"
    assert result["display"] == "5.14"


def test_irregular_answers_hours_accrued_in_one_pay_period(capsys):
    result = run_json(capsys, "--basis", "irregular", "--hours-worked", "60", "--leave-year-start", "2025-04-01")
    assert (result["entitlement"], result["unit"]) == ("7", "hours")
    assert result["accrued"] == "7.242"


def test_irregular_pay_period_with_no_hours_accrues_nothing(capsys):
    # A pay period in which no hours were worked is normal for irregular hours: 12.07% of 0 is 0 hours.
    result = run_json(capsys, "--basis", "irregular", "--hours-worked", "0", "--leave-year-start", "2026-04-01")
    assert (result["entitlement"], result["unit"], result["accrued"]) == ("0", "hours", "0")


def test_irregular_negative_hours_are_refused_naming_the_argument(capsys):
    code = main(["calc", "holiday", "--basis", "irregular", "--hours-worked", "-1", "--leave-year-start",
                 "2026-04-01", "--json"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--hours-worked" in err and "negative" in err


def test_irregular_before_april_2024_answers_in_weeks(capsys):
    result = run_json(capsys, "--basis", "irregular", "--leave-year-start", "2024-01-01")
    assert (result["entitlement"], result["unit"]) == ("5.6", "weeks")


def test_text_output_is_readable(capsys):
    code = main(["calc", "holiday", "--basis", "days", "--days-per-week", "3", "--leave-year-start", "2026-04-01"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Statutory holiday entitlement: 16.8 days" in out
    assert "Working:" in out


@pytest.mark.parametrize("args,option", [
    (["--basis", "days", "--leave-year-start", "2026-04-01"], "--days-per-week"),
    (["--basis", "days", "--days-per-week", "9", "--leave-year-start", "2026-04-01"], "--days-per-week"),
    (["--basis", "days", "--days-per-week", "5", "--hours-worked", "3", "--leave-year-start", "2026-04-01"],
     "--hours-worked"),
    (["--basis", "hours", "--hours-per-week", "60", "--days-per-week", "2", "--leave-year-start", "2026-04-01"],
     "--hours-per-week"),
    (["--basis", "shifts", "--shift-hours", "8", "--shifts-per-pattern", "6", "--pattern-days", "4",
      "--leave-year-start", "2026-04-01"], "--pattern-days"),
    (["--basis", "days", "--days-per-week", "5", "--leave-year-start", "2026-04-01", "--start", "2026-06-01",
      "--leaving", "2026-05-01"], "--leaving"),
    (["--basis", "irregular", "--hours-worked", "10", "--leave-year-start", "2025-04-01", "--start", "2025-05-01"],
     "--start"),
])
def test_bad_input_exits_2_naming_the_argument(capsys, args, option):
    code = main(["calc", "holiday", *args])
    err = capsys.readouterr().err
    assert code == 2
    assert option in err


@pytest.mark.parametrize("args,option", [
    (["--basis", "days", "--days-per-week", "five", "--leave-year-start", "2026-04-01"], "--days-per-week"),
    (["--basis", "days", "--days-per-week", "5", "--leave-year-start", "1 April"], "--leave-year-start"),
    (["--basis", "weekly", "--leave-year-start", "2026-04-01"], "--basis"),
])
def test_unreadable_values_exit_2_naming_the_argument(capsys, args, option):
    with pytest.raises(SystemExit) as exit_info:
        main(["calc", "holiday", *args])
    assert exit_info.value.code == 2
    assert option in capsys.readouterr().err


def test_irregular_hours_text_gives_the_exact_accrual_to_add_up(capsys):
    """4 hours a week accrues 0.4828 hours: the rounded 0 must not be what a person adds up over the year."""
    assert main(["calc", "holiday", "--basis", "irregular", "--hours-worked", "4", "--leave-year-start", "2026-04-01"]) == 0
    out = capsys.readouterr().out
    assert "Exactly 0.4828 hours accrued" in out


def _refused(capsys, *args):
    try:
        code = main(["calc", "holiday", *args])
    except SystemExit as stopped:
        code = stopped.code
    captured = capsys.readouterr()
    assert code == 2, captured
    assert "Traceback" not in captured.err and captured.out == ""
    return captured.err


def test_hours_worked_in_a_pay_period_beyond_what_a_period_holds_are_refused_with_a_sentence(capsys):
    err = _refused(capsys, "--basis", "irregular", "--hours-worked", "999999", "--leave-year-start", "2026-04-01")
    assert "744" in err and "31" in err
    most = run_json(capsys, "--basis", "irregular", "--hours-worked", "744", "--leave-year-start", "2026-04-01")
    assert most["display"] == "90"  # 12.07% of 744 = 89.8


@pytest.mark.parametrize("args, said", [
    (["--basis", "days", "--days-per-week", "0.0000001"], "decimal places"),
    (["--basis", "days", "--days-per-week", "7.01"], "more than 7"),
    (["--basis", "days", "--days-per-week", "0"], "more than 0"),
    (["--basis", "hours", "--hours-per-week", "168.5", "--days-per-week", "7"], "more than 168"),
    (["--basis", "hours", "--hours-per-week", "37.123", "--days-per-week", "5"], "decimal places"),
    (["--basis", "irregular", "--hours-worked", "0.001"], "decimal places"),
    (["--basis", "shifts", "--shift-hours", "12", "--shifts-per-pattern", "4", "--pattern-days", "999999"],
     "more than 366"),
    (["--basis", "shifts", "--shift-hours", "0.001", "--shifts-per-pattern", "4", "--pattern-days", "8"],
     "decimal places"),
])
def test_impossible_weeks_and_periods_are_refused_with_a_sentence(capsys, args, said):
    err = _refused(capsys, *args, "--leave-year-start", "2026-04-01")
    assert said in err


@pytest.mark.parametrize("args", [
    ["--basis", "days", "--days-per-week", "0.0000001"],
    ["--basis", "hours", "--hours-per-week", "0.0000001", "--days-per-week", "7"],
    ["--basis", "irregular", "--hours-worked", "0.0000001"],
    ["--basis", "days", "--days-per-week", "0.01"],
    ["--basis", "days", "--days-per-week", "0.01", "--leaving", "2026-04-01"],
    ["--basis", "hours", "--hours-per-week", "0.01", "--days-per-week", "7", "--leaving", "2026-04-01"],
    ["--basis", "compressed", "--hours-per-week", "0.01", "--days-per-week", "7", "--start", "2027-03-01"],
    ["--basis", "shifts", "--shift-hours", "0.01", "--shifts-per-pattern", "1", "--pattern-days", "366",
     "--leaving", "2026-04-01"],
    ["--basis", "irregular", "--hours-worked", "0.01"],
    ["--basis", "irregular", "--hours-worked", "1E+2"],
])
@pytest.mark.parametrize("as_json", [False, True])
def test_every_number_calc_holiday_prints_is_written_without_an_exponent(capsys, args, as_json):
    try:
        code = main(["calc", "holiday", *args, "--leave-year-start", "2026-04-01", *(["--json"] if as_json else [])])
    except SystemExit as stopped:
        code = stopped.code
    out = capsys.readouterr().out
    assert code in (0, 2)  # an answer, or a sentence saying why not
    assert not re.search(r"[0-9]E[+-]?[0-9]", out, flags=re.IGNORECASE), out
