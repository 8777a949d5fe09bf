"""`paemployer calc minimum-wage`: the answer as issue 3 writes it, text without --json, bad input exits 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from paemployer.cli import main


def run_json(capsys, *args):
    assert main(["calc", "minimum-wage", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_adult_on_1_april_2026(capsys):
    answer = run_json(capsys, "--date-of-birth", "1990-05-01", "--on", "2026-04-01")
    assert answer["band"] == "21_and_over"
    assert answer["hourly_rate"] == "12.71"
    assert answer["effective_from"] == "2026-04-01"
    assert answer["working"]["age_on_first_day"] == 35
    assert answer["next_changes"] == []


def test_twenty_year_old_with_the_birthday_ahead(capsys):
    answer = run_json(capsys, "--date-of-birth", "2005-06-30", "--on", "2026-04-01")
    assert (answer["band"], answer["hourly_rate"]) == ("18_to_20", "10.85")
    [change] = answer["next_changes"]
    assert (change["date"], change["hourly_rate"], change["reasons"]) == ("2026-06-30", "12.71", ["birthday"])


def test_apprentice(capsys):
    answer = run_json(capsys, "--date-of-birth", "2000-01-01", "--on", "2026-04-01", "--apprentice-since", "2025-09-01")
    assert (answer["band"], answer["hourly_rate"], answer["apprentice_rate_applies"]) == ("apprentice", "8.00", True)
    assert answer["next_changes"][0]["date"] == "2026-09-01"
    assert answer["next_changes"][0]["reasons"] == ["apprenticeship_first_year_ends"]


def test_before_april_2026_the_old_rates(capsys):
    answer = run_json(capsys, "--date-of-birth", "1990-05-01", "--on", "2026-03-31")
    assert (answer["hourly_rate"], answer["effective_from"]) == ("12.21", "2025-04-01")
    assert answer["next_changes"][0]["date"] == "2026-04-01"


def test_text_answer(capsys):
    assert main(["calc", "minimum-wage", "--date-of-birth", "2005-06-30", "--on", "2026-04-01"]) == 0
    out = capsys.readouterr().out
    assert "£10.85 an hour" in out and "Aged 18 to 20" in out and "30 June 2026" in out


@pytest.mark.parametrize(
    "args, says",
    [
        (["--date-of-birth", "30/06/2005", "--on", "2026-04-01"], "--date-of-birth"),
        (["--date-of-birth", "2005-06-30", "--on", "tomorrow"], "--on"),
        (["--date-of-birth", "2005-06-30"], "--on"),
        (["--date-of-birth", "2005-06-30", "--on", "2026-04-01", "--apprentice-since", "2026-13-01"],
         "--apprentice-since"),
    ],
)
def test_bad_arguments_exit_2_naming_the_argument(capsys, args, says):
    with pytest.raises(SystemExit) as stopped:
        main(["calc", "minimum-wage", *args])
    assert stopped.value.code == 2
    assert says in capsys.readouterr().err


def test_checks_across_arguments_exit_2_with_a_message(capsys):
    assert main(["calc", "minimum-wage", "--date-of-birth", "2005-06-30", "--on", "2004-01-01"]) == 2
    assert "--on" in capsys.readouterr().err
    assert main(["calc", "minimum-wage", "--date-of-birth", "1970-01-01", "--on", "2010-09-30"]) == 2
    assert "2010-10-01" in capsys.readouterr().err


def test_runs_as_a_command():
    result = subprocess.run(
        [sys.executable, "-m", "paemployer", "calc", "minimum-wage", "--date-of-birth", "2008-02-29", "--on",
         "2026-04-01", "--json"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(result.stdout)["hourly_rate"] == "10.85"  # 18 since 1 March 2026 (a 29 February birthday)
