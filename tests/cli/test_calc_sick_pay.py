"""`paemployer calc sick-pay`: the answer as issue 3 writes it, linked spells only when they link in law,
text without --json, bad input exits 2."""

from __future__ import annotations

import json

import pytest

from paemployer.cli import main


def run_json(capsys, *args):
    assert main(["calc", "sick-pay", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_week_off_after_6_april_2026(capsys):
    answer = run_json(capsys, "--from", "2026-04-13", "--to", "2026-04-17", "--qualifying-days", "mon,tue,wed,thu,fri",
                      "--weekly-earnings", "300")
    assert (answer["days_paid"], answer["amount"], answer["daily_rate"]) == (5, "123.25", "24.6500")
    assert answer["waiting_days"] == [] and answer["weeks"] == [
        {"week_start": "2026-04-12", "week_end": "2026-04-18", "days_paid": 5, "amount": "123.25"}
    ]


def test_govuk_scenario_1_crossing_the_2012_uprating(capsys):
    # smart-answers "test scenario 1 - M-F, no waiting days, cross tax years"
    answer = run_json(capsys, "--from", "2012-03-26", "--to", "2012-04-13", "--qualifying-days", "mon,tue,wed,thu,fri",
                      "--weekly-earnings", "200")
    assert (answer["days_paid"], answer["amount"], answer["daily_rate"]) == (12, "200.94", "16.3200")
    assert [run["daily_rate"] for run in answer["daily_rates"]] == ["16.3200", "17.1700"]
    assert len(answer["waiting_days"]) == 3


def test_early_april_2011_is_answered_from_the_2010_11_row(capsys):
    # Issue 3: records go back to April 2011. 4-6 April 2011 are waiting days; 7-12 April paid at 81.60 / 5.
    # Earnings 99.50 pass the 2010/11 lower earnings limit (97) in force when the spell starts, not 2011/12's 102.
    answer = run_json(capsys, "--from", "2011-04-04", "--to", "2011-04-12", "--qualifying-days", "mon,tue,wed,thu,fri",
                      "--weekly-earnings", "99.50")
    assert answer["waiting_days"] == ["2011-04-04", "2011-04-05", "2011-04-06"]
    assert (answer["days_paid"], answer["amount"], answer["daily_rate"]) == (4, "65.28", "16.3200")
    assert [week["amount"] for week in answer["weeks"]] == ["32.64", "32.64"]


def test_linked_spell_counts_when_it_links(capsys):
    # smart-answers "2014/2015 scenario 5": earlier spell 1-14 June 2014, this one 10-20 July 2014.
    answer = run_json(capsys, "--from", "2014-07-10", "--to", "2014-07-20", "--qualifying-days", "mon,tue,wed,thu,fri",
                      "--weekly-earnings", "200", "--linked-from", "2014-06-01", "--linked-to", "2014-06-14")
    assert answer["linked"] is True and (answer["days_paid"], answer["amount"]) == (7, "122.57")


def test_earlier_spell_more_than_8_weeks_before_does_not_link(capsys):
    answer = run_json(capsys, "--from", "2025-03-10", "--to", "2025-03-14", "--qualifying-days", "mon,tue,wed,thu,fri",
                      "--weekly-earnings", "200", "--linked-from", "2024-12-02", "--linked-to", "2024-12-13")
    assert answer["linked"] is False and len(answer["waiting_days"]) == 3
    assert answer["working"]["earlier_spells_not_linked"][0]["why"].startswith("86 days")


def test_below_the_lower_earnings_limit_before_2026(capsys):
    answer = run_json(capsys, "--from", "2025-03-10", "--to", "2025-03-21", "--qualifying-days", "mon,tue,wed,thu,fri",
                      "--weekly-earnings", "100")
    assert (answer["days_paid"], answer["amount"], answer["daily_rate"]) == (0, "0.00", None)


def test_text_answer(capsys):
    assert main(["calc", "sick-pay", "--from", "2026-03-23", "--to", "2026-04-10", "--qualifying-days",
                 "mon,tue,wed,thu,fri", "--weekly-earnings", "140"]) == 0
    out = capsys.readouterr().out
    assert "£289.50" in out and "12 days" in out and "flat weekly rate kept" in out and "Waiting days" in out


@pytest.mark.parametrize(
    "args, says",
    [
        (["--from", "2026-04-31", "--to", "2026-05-01", "--qualifying-days", "mon", "--weekly-earnings", "100"], "--from"),
        (["--from", "2026-04-06", "--to", "2026-05-01", "--qualifying-days", "mon,funday", "--weekly-earnings", "100"],
         "--qualifying-days"),
        (["--from", "2026-04-06", "--to", "2026-05-01", "--qualifying-days", "mon", "--weekly-earnings", "-5"],
         "--weekly-earnings"),
        (["--from", "2026-04-06", "--to", "2026-05-01", "--qualifying-days", "mon", "--weekly-earnings", "12.345"],
         "--weekly-earnings"),
        (["--from", "2026-04-06", "--to", "2026-05-01", "--qualifying-days", "mon"], "--weekly-earnings"),
    ],
)
def test_bad_arguments_exit_2_naming_the_argument(capsys, args, says):
    with pytest.raises(SystemExit) as stopped:
        main(["calc", "sick-pay", *args])
    assert stopped.value.code == 2
    assert says in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, says",
    [
        (["--from", "2026-04-10", "--to", "2026-04-06"], "--to"),
        (["--from", "2026-04-10", "--to", "2026-04-16", "--linked-from", "2026-03-01"], "--linked-from"),
        (["--from", "2026-04-10", "--to", "2026-04-16", "--linked-from", "2026-03-01", "--linked-to", "2026-04-09"],
         "--linked-to"),
        (["--from", "2026-04-10", "--to", "2026-04-16", "--linked-from", "2026-03-09", "--linked-to", "2026-03-01"],
         "--linked-to"),
        (["--from", "2010-03-10", "--to", "2010-03-16"], "2010-04-06"),
    ],
)
def test_checks_across_arguments_exit_2_with_a_message(capsys, args, says):
    code = main(["calc", "sick-pay", *args, "--qualifying-days", "mon,tue", "--weekly-earnings", "200"])
    assert code == 2
    assert says in capsys.readouterr().err
