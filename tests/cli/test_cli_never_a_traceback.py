"""Issue 8 item 11: a fault, a closed pipe and a file another program holds each end in a sentence (or quietly),
never a traceback, and never with exit 1 (which tells a script to act now)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

import paemployer.services.compliance as compliance
from paemployer.cli import EXIT_ACT_NOW, EXIT_BAD_INPUT, EXIT_FAULT, main
from paemployer.paths import user_log_dir
from paemployer.services.demo import write_demo_file

SECRET = "Megan Hughes, NI number QQ123456C"


@pytest.fixture
def employer_path(tmp_path, today):
    return write_demo_file(tmp_path / "client.paemployer", today=today)


def test_a_fault_is_one_sentence_with_no_personal_data_and_its_own_exit_code(employer_path, monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(compliance, "gather_warnings", broken)
    code = main(["check", str(employer_path)])
    assert code == EXIT_FAULT and code not in (EXIT_ACT_NOW, EXIT_BAD_INPUT)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Megan" not in err and "QQ123456C" not in err
    assert len(err.strip().splitlines()) == 1 and "something went wrong inside PA Employer" in err
    log = (user_log_dir() / "paemployer.log").read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in log and "test_cli_never_a_traceback.py" in log  # where, for a fix
    assert "QQ123456C" not in log and "Megan" not in log


def test_a_closed_pipe_ends_quietly(employer_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `paemployer check F | head -1` once head has its line
    try:
        done = subprocess.run([sys.executable, "-m", "paemployer", "check", str(employer_path)], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120, env=os.environ | {"PYTHONWARNINGS": ""})
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141


def test_a_file_another_program_is_changing_is_said(employer_path, tmp_path, capsys):
    sheet = tmp_path / "support.csv"
    sheet.write_text("weekday,start,end,people\nmon,07:00,09:00,1\n", encoding="utf-8")
    other = sqlite3.connect(employer_path, timeout=0)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock past the five seconds' wait
        code = main(["import", str(employer_path), str(sheet)])
    finally:
        other.rollback()
        other.close()
    assert code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "another program has the employer file open" in err and "Traceback" not in err


@pytest.mark.parametrize("argv, said", [
    (["check", "{file}", "--on", "2201-01-01"], "outside the dates"),
    (["check", "{file}", "--on", "1899-12-31"], "outside the dates"),
    (["rota", "{file}", "--week", "0001-01-01"], "outside the dates"),
    (["ics", "{file}", "--pa", "Megan Hughes", "--out", "{out}", "--from", "9999-12-31"], "outside the dates"),
    (["ics", "{file}", "--pa", "Megan Hughes", "--out", "{out}", "--weeks", "521"], "--weeks must be from 1 to 520"),
    (["ics", "{file}", "--pa", "Megan Hughes", "--out", "{out}", "--weeks", "9" * 5000], "not a whole number"),
    (["ics", "{file}", "--pa", "x" * 202, "--out", "{out}"], "at most 201"),
    (["new", "{out}", "--employer", "x" * 202, "--nation", "wales"], "at most 201"),
    (["new", "{out}", "--employer", "Ann\u202eeeL", "--nation", "wales"], "give it on one line"),
    (["ics", "{file}", "--pa", "Megan\u2066 Hughes", "--out", "{out}"], "give it on one line"),
    # An unset variable in a script must never widen a command to every PA (finalising everyone's pay).
    (["payrun", "{file}", "--period-end", "2026-12-05", "--pa", "", "--finalise"], "the name is empty"),
    (["payslips", "{file}", "--period-end", "2026-12-05", "--pa", "   ", "--out", "{out}"], "the name is empty"),
    (["ics", "{file}", "--pa", " ", "--out", "{out}"], "the name is empty"),
    (["hmrc", "{file}", "--tax-year", "2026"], "is not a tax year"),
    (["hmrc", "{file}", "--tax-year", "9999-00"], "outside the dates"),
    (["p60", "{file}", "--tax-year", "26-27", "--out", "{out}"], "is not a tax year"),
    (["p60", "{file}", "--tax-year", "2026-27", "--out", "{out}", "--pa", ""], "the name is empty"),
    (["calc", "minimum-wage", "--date-of-birth", "2000-01-01", "--on", "2026-01-01", "--apprentice-since",
      "9999-12-01"], "outside the dates"),
    (["calc", "holiday", "--basis", "irregular", "--hours-worked", "1e18", "--leave-year-start", "2026-04-01"],
     "outside what PA Employer accepts"),
    (["calc", "holiday", "--basis", "days", "--days-per-week", "²", "--leave-year-start", "2026-04-01"],
     "not a number"),
    (["calc", "sick-pay", "--from", "2026-04-06", "--to", "2026-04-17", "--qualifying-days", "mon",
      "--weekly-earnings", "99999999"], "more than PA Employer accepts"),
])
def test_input_out_of_bounds_is_a_sentence_and_changes_nothing(employer_path, tmp_path, capsys, argv, said):
    out = tmp_path / "out.file"
    argv = [part.format(file=employer_path, out=out) for part in argv]
    try:
        code = main(argv)
    except SystemExit as refused:  # argparse: usage and the sentence
        code = refused.code
    assert code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert not out.exists()
