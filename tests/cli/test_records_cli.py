"""`paemployer new`, `demo` and `import`: exit codes, messages, and nothing changed on bad input."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from paemployer.cli import main
from paemployer.services import records
from paemployer.store.db import open_employer_file
from paemployer.store.models import Nation

HEADER = ("first_name,last_name,date_of_birth,ni_number,start_date,hourly_rate,hours_type,hours_per_week,"
          "days_per_week,pay_frequency")


def test_new_makes_an_empty_employer_file(tmp_path, capsys):
    path = tmp_path / "client-042.paemployer"
    assert main(["new", str(path), "--employer", "Jo Bloggs", "--nation", "northern-ireland"]) == 0
    assert "Made the employer file" in capsys.readouterr().out
    with open_employer_file(path) as ef:
        employer = records.get_employer(ef)
        assert (employer.name, employer.nation) == ("Jo Bloggs", Nation.NORTHERN_IRELAND)
        assert records.list_pas(ef) == []


def test_new_refuses_to_overwrite_a_file(tmp_path, capsys):
    path = tmp_path / "client.paemployer"
    path.write_text("someone's records")
    assert main(["new", str(path), "--employer", "Jo", "--nation", "wales"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "someone's records"


def test_new_refuses_an_unknown_nation_and_an_empty_name(tmp_path, capsys):
    path = tmp_path / "client.paemployer"
    with pytest.raises(SystemExit) as refused:  # argparse refuses a choice it does not know
        main(["new", str(path), "--employer", "Jo", "--nation", "cymru"])
    assert refused.value.code == 2
    with pytest.raises(SystemExit) as refused:  # a blank name is refused as the argument is read
        main(["new", str(path), "--employer", "  ", "--nation", "wales"])
    assert refused.value.code == 2
    assert "name is empty" in capsys.readouterr().err
    assert not path.exists()


def test_demo_writes_the_sample_and_only_replaces_with_force(tmp_path, capsys):
    path = tmp_path / "demo.paemployer"
    assert main(["demo", str(path)]) == 0
    assert "Wrote the sample employer" in capsys.readouterr().out
    with open_employer_file(path) as ef:
        records.add_pa(ef, first_name="Extra", last_name="Person")
    assert main(["demo", str(path)]) == 2
    assert "--force" in capsys.readouterr().err
    with open_employer_file(path) as ef:
        assert len(records.list_pas(ef)) == 5
    assert main(["demo", str(path), "--force"]) == 0
    with open_employer_file(path) as ef:
        assert len(records.list_pas(ef)) == 4


def test_import_a_good_file_then_a_bad_one(tmp_path, capsys):
    path = tmp_path / "client.paemployer"
    main(["new", str(path), "--employer", "Jo", "--nation", "england"])
    good = tmp_path / "pas.csv"
    good.write_text("\n".join([HEADER, "Ann,Lee,1990-01-02,AB 12 34 56 C,2026-01-05,13.10,fixed,20,4,monthly",
                               "Bo,Ray,1985-03-04,,2026-02-01,12.71,irregular,,,weekly"]) + "\n")
    capsys.readouterr()
    assert main(["import", str(path), str(good)]) == 0
    assert "PAs: 2 imported" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([HEADER, "Cy,Tan,1990-01-02,,2026-01-05,13.10,fixed,20,4,monthly",
                              "Di,Vu,1985-03-04,TN123456A,2026-02-01,12.71,fixed,,,weekly",
                              "Ed,Wu,1985-03-04,,2026-02-01,12.71,fixed,,,daily"]) + "\n")
    assert main(["import", str(path), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Nothing was imported: 2 rows are wrong." in err
    assert "Line 3 (ni_number)" in err and "Line 4 (pay_frequency)" in err
    with open_employer_file(path) as ef:
        assert sorted(pa.first_name for pa in records.list_pas(ef)) == ["Ann", "Bo"]


def test_import_into_a_missing_file_or_from_a_missing_csv(tmp_path, capsys):
    assert main(["import", str(tmp_path / "none.paemployer"), str(tmp_path / "pas.csv")]) == 2
    assert "There is no employer file" in capsys.readouterr().err
    path = tmp_path / "client.paemployer"
    main(["new", str(path), "--employer", "Jo", "--nation", "scotland"])
    assert main(["import", str(path), str(tmp_path / "pas.csv")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_the_installed_command_runs_headless(tmp_path):
    path = tmp_path / "script.paemployer"
    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-m", "paemployer", "new", str(path), "--employer", "A B",
                             "--nation", "wales"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    again = subprocess.run([sys.executable, "-m", "paemployer", "new", str(path), "--employer", "A B",
                            "--nation", "wales"], capture_output=True, text=True, env=env, timeout=60)
    assert again.returncode == 2 and "already exists" in again.stderr


def _client(tmp_path, capsys):
    path = tmp_path / "client.paemployer"
    main(["new", str(path), "--employer", "Jo", "--nation", "england"])
    capsys.readouterr()
    return path


def test_importing_the_same_file_twice_says_they_are_already_there(tmp_path, capsys):
    path = _client(tmp_path, capsys)
    pas = tmp_path / "pas.csv"
    pas.write_text("\n".join([HEADER, "Ann,Lee,1990-01-02,AB 12 34 56 C,2026-01-05,13.10,fixed,20,4,monthly"]) + "\n")
    assert main(["import", str(path), str(pas)]) == 0
    assert "PAs: 1 imported" in capsys.readouterr().out
    assert main(["import", str(path), str(pas)]) == 0
    out = capsys.readouterr().out
    assert "PAs: 0 imported" in out and "1 already there" in out and "Ann Lee (line 2)" in out
    with open_employer_file(path) as ef:
        assert len(records.list_pas(ef)) == 1


def test_a_support_schedule_import_adds_unless_replace_and_says_what_was_removed(tmp_path, capsys):
    path = _client(tmp_path, capsys)
    first = tmp_path / "support.csv"
    first.write_text("weekday,start,end,people\nmon,09:00,17:00,1\nsat,08:00,12:00,1\n")
    second = tmp_path / "support2.csv"
    second.write_text("weekday,start,end,people\nmon,09:00,17:00,1\n")
    assert main(["import", str(path), str(first)]) == 0
    capsys.readouterr()
    assert main(["import", str(path), str(second)]) == 0
    out = capsys.readouterr().out
    assert "1 already there" in out and "--replace" in out and "removed" not in out.replace("nothing was removed", "")
    assert main(["import", str(path), str(second), "--replace"]) == 0
    out = capsys.readouterr().out
    assert "1 removed" in out and "sat 08:00-12:00" in out
    with open_employer_file(path) as ef:
        from paemployer.services import rota
        assert len(rota.support_schedule(ef)) == 1


def test_import_replace_for_pas_is_refused_and_changes_nothing(tmp_path, capsys):
    path = _client(tmp_path, capsys)
    pas = tmp_path / "pas.csv"
    pas.write_text("\n".join([HEADER, "Ann,Lee,1990-01-02,,2026-01-05,13.10,fixed,20,4,monthly"]) + "\n")
    assert main(["import", str(path), str(pas), "--replace"]) == 2
    assert "--replace" in capsys.readouterr().err
    with open_employer_file(path) as ef:
        assert records.list_pas(ef) == []


def test_import_of_a_workbook_or_utf16_file_is_one_sentence_and_exit_2(tmp_path, capsys):
    path = _client(tmp_path, capsys)
    utf16 = tmp_path / "pas.csv"
    utf16.write_bytes((HEADER + "\nAnn,Lee,1990-01-02,,2026-01-05,13.10,fixed,20,4,monthly\n").encode("utf-16"))
    assert main(["import", str(path), str(utf16)]) == 2
    err = capsys.readouterr().err
    assert "save it as CSV UTF-8 from your spreadsheet" in err
    assert "Traceback" not in err and "first_name" not in err and len(err.strip().splitlines()) == 1


def test_import_never_ends_in_a_traceback_whatever_the_bytes(tmp_path, capsys):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    path = _client(tmp_path, capsys)
    headers = [HEADER, "pa,start,end,kind,break_minutes,status", "weekday,start,end,people"]

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(headers), st.text(max_size=300), st.booleans())
    def run(header, body, replace):
        csv_path = tmp_path / "any.csv"
        csv_path.write_bytes((header + "\n" + body).encode("utf-8"))
        code = main(["import", str(path), str(csv_path), *(["--replace"] if replace else [])])
        assert code in (0, 2)

    run()


def test_two_pas_with_one_name_are_noted_on_import_and_told_apart_by_date_of_birth(tmp_path, capsys):
    path = _client(tmp_path, capsys)
    first, typo = tmp_path / "pas1.csv", tmp_path / "pas2.csv"
    first.write_text("\n".join([HEADER, "Ann,Lee,1990-12-31,,2026-01-05,12.71,fixed,20,4,weekly"]) + "\n")
    typo.write_text("\n".join([HEADER, "Ann,Lee,1990-12-13,,2026-01-05,12.71,fixed,20,4,weekly"]) + "\n")
    assert main(["import", str(path), str(first)]) == 0
    capsys.readouterr()
    assert main(["import", str(path), str(typo)]) == 0
    out = capsys.readouterr().out
    assert "1 added" in out and "mistyped" in out and "31 Dec 1990" in out
    shifts = tmp_path / "shifts.csv"
    shifts.write_text("pa,start,end,kind,break_minutes,status\nAnn Lee,2026-12-14T07:00,2026-12-14T15:00,day,30,"
                      "planned\n")
    assert main(["import", str(path), str(shifts)]) == 2
    err = capsys.readouterr().err
    assert "Line 2 (pa)" in err and "13/12/1990" in err and "31/12/1990" in err
    shifts.write_text("pa,start,end,kind,break_minutes,status,pa_date_of_birth\n"
                      "Ann Lee,2026-12-14T07:00,2026-12-14T15:00,day,30,planned,13/12/1990\n")
    assert main(["import", str(path), str(shifts)]) == 0
    capsys.readouterr()
    out_file = tmp_path / "ann.ics"
    assert main(["ics", str(path), "--pa", "Ann Lee", "--out", str(out_file), "--from", "2026-12-14",
                 "--weeks", "1"]) == 2
    err = capsys.readouterr().err
    assert "Ann Lee (born 1990-12-13)" in err and "Ann Lee (born 1990-12-31)" in err and not out_file.exists()
    assert main(["ics", str(path), "--pa", "ann lee (born 1990-12-13)", "--out", str(out_file), "--from",
                 "2026-12-14", "--weeks", "1"]) == 0
    assert "Wrote 1 shift" in capsys.readouterr().out
    other = tmp_path / "ann2.ics"
    assert main(["ics", str(path), "--pa", "Ann Lee (born 31/12/1990)", "--out", str(other), "--from",
                 "2026-12-14", "--weeks", "1"]) == 0
    assert "Wrote 0 shifts" in capsys.readouterr().out
    assert main(["ics", str(path), "--pa", "Ann Lee (born 1990-01-01)", "--out", str(other), "--force"]) == 2
    assert "Ann Lee (born 1990-12-13)" in capsys.readouterr().err
