"""Issue 8 item 11: every command, driven with generated arguments and CSVs, ends in a sentence, never a traceback.

Each subcommand gets arguments from hypothesis: dates at the ends of the calendar and beyond, numbers of
every size and script (`1e26`, `²`, thousands of digits), file paths that are folders, missing, under a
file, too long, or the employer file itself, and CSVs with huge cells and odd bytes. main(argv) is
called in-process. A test fails on any exception escaping main, on the fault exit (70) or its
report, and on exit 1 from anything but `check` (1 means "act now"); the employer files it is given
are never changed unless the command was asked to change them.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import paemployer.cli as cli
from paemployer.cli import main
from paemployer.cli.calc_holiday import NEEDS, OPTION
from paemployer.services import records
from paemployer.services.demo import write_demo_file
from paemployer.store.db import is_employer_file, open_employer_file

# A quick, repeatable run in the suite; PAEMPLOYER_FUZZ_EXAMPLES=2000 for a deeper, random one.
EXAMPLES = int(os.environ.get("PAEMPLOYER_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="PAEMPLOYER_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
TODAY = date(2026, 11, 24)

# --- generated text -----------------------------------------------------------------------------------

ODD_TEXT = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=40)
DATES = st.one_of(
    st.dates().map(date.isoformat),  # 0001-01-01 … 9999-12-31
    st.dates(min_value=date(1890, 1, 1), max_value=date(2210, 12, 31)).map(date.isoformat),
    st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat),  # where rates are known
    st.sampled_from(["0001-01-01", "0001-01-02", "9999-12-31", "9999-06-30", "9998-12-31", "1899-12-31", "1900-01-01", "2200-12-31", "2201-01-01",
                     "2024-02-29", "2026-02-29", "31/12/2026", "2026-1-1", "２０２６-01-01", "", " ", "today",
                     "2026-11-24T09:00", "+2026-11-24"]),
    ODD_TEXT,
)
NUMBERS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.integers(min_value=-10 ** 40, max_value=10 ** 40).map(str),
    st.integers(min_value=0, max_value=200).map(str),
    st.sampled_from(["1e26", "1e18", "-1e18", "1E+999999", "1e-999999", "²", "١٢", "٣٫٥", "9" * 5000,
                     "-" + "9" * 5000, "NaN", "sNaN", "Infinity", "-0", "0", "1_000", "0x10", "12,71", " 7 ",
                     "37.5", "0.001", "7", "24", "168"]),
    st.text(st.characters(whitelist_categories=("Nd", "No", "Pd", "Po")), max_size=8),
    st.builds("{}e{}".format, st.integers(-99, 99), st.integers(-60, 60)),  # 1e18 hours, 1e26 earnings
    st.decimals(min_value=-10 ** 7, max_value=10 ** 7, places=4).map(str),
)
NAMES = st.one_of(ODD_TEXT, st.sampled_from(["Megan Hughes", "Gareth Price", "megan hughes", "x" * 300, " ", ""]))
WEEKDAYS = st.one_of(st.sampled_from(["mon,tue,wed,thu,fri", "sat", "mon,mon", "", "mon,,", "funday", "²"]),
                     ODD_TEXT)

# Paths, by kind; made real for each example in a fresh folder (see Files.path).
READ_PATHS = st.sampled_from(["employer", "own", "missing", "folder", "text", "under_a_file", "long_name",
                              "tilde_missing", "empty_name"])
WRITE_PATHS = st.sampled_from(["new", "employer", "own", "existing", "folder", "missing_folder", "under_a_file",
                               "long_name", "tilde_new", "sidecar"])


class Files:
    """The files one example works on: copies of a sample and of an employer's own file, and odd paths."""

    def __init__(self, templates: dict[str, Path], home: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(dir=home))
        self.home = home
        self.employer = self.folder / "sample.paemployer"
        self.own = self.folder / "own.paemployer"
        shutil.copyfile(templates["sample"], self.employer)
        shutil.copyfile(templates["own"], self.own)
        self.text = self.folder / "notes.txt"
        self.text.write_text("my own notes")
        self.existing = self.folder / "existing.pdf"
        self.existing.write_text("last week's rota")

    def path(self, kind: str) -> str:
        folder = self.folder
        return {
            "employer": str(self.employer), "own": str(self.own), "missing": str(folder / "missing.paemployer"),
            "folder": str(folder), "text": str(self.text), "under_a_file": str(self.text / "x.paemployer"),
            "long_name": str(folder / ("a" * 300 + ".paemployer")), "tilde_missing": "~/nowhere/x.paemployer",
            "empty_name": "", "new": str(folder / "out.file"), "existing": str(self.existing),
            "missing_folder": str(folder / "no such folder" / "out.file"), "tilde_new": f"~/{folder.name}/t.out",
            "sidecar": f"{self.own}-wal",
        }[kind]

    def snapshot(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in (self.employer, self.own, self.text, self.existing)}


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    sample = write_demo_file(folder / "sample.paemployer", today=TODAY)
    own = folder / "own.paemployer"
    assert main(["new", str(own), "--employer", "Jo Bloggs", "--nation", "wales"]) == 0
    with open_employer_file(own) as ef:
        records.add_pa(ef, first_name="Ann", last_name="Lee")
    # Opened once, so their headers are as any later opening leaves them.
    open_employer_file(sample).close()
    return {"sample": sample, "own": own}


@pytest.fixture
def run(templates, tmp_path, monkeypatch):
    """run(argv_builder) -> exit code; argv_builder(files) gives the argv for fresh files."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))

    def fault(error: BaseException) -> None:
        raise AssertionError("the command ended in a fault (exit 70)") from error

    monkeypatch.setattr(cli, "_report_fault", fault, raising=False)

    def call(build, *, may_change=()) -> int:
        files = Files(templates, home)
        argv = build(files)
        before = files.snapshot()
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(argv)
        except SystemExit as stop:  # argparse refusing an argument: usage and exit 2
            code = stop.code
        assert "Traceback" not in err.getvalue() + out.getvalue(), argv
        assert code in (0, 1, 2), (argv, code, err.getvalue())
        if argv[0] != "check":
            assert code != 1, (argv, err.getvalue())
        if code == 2:
            assert err.getvalue().strip(), argv  # a sentence saying why
        after = files.snapshot()
        for name, content in before.items():
            if name not in may_change:
                assert after[name] == content, (argv, name)
        for name in ("sample.paemployer", "own.paemployer"):
            assert is_employer_file(files.folder / name), (argv, name)
        shutil.rmtree(files.folder, ignore_errors=True)
        return code

    return call


def _optional(flag: str, values) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), values.map(lambda value: [flag, value]))


FLAG = st.sampled_from([[], ["--json"]])


# --- the commands ---------------------------------------------------------------------------------------


@FUZZ
@given(dob=DATES, on=DATES, apprentice=_optional("--apprentice-since", DATES), json=FLAG)
@example(dob="2000-01-01", on="2026-01-01", apprentice=["--apprentice-since", "9999-12-01"], json=[])
@example(dob="9999-12-31", on="9999-12-31", apprentice=[], json=["--json"])
def test_calc_minimum_wage_never_ends_in_a_traceback(run, dob, on, apprentice, json):
    run(lambda f: ["calc", "minimum-wage", "--date-of-birth", dob, "--on", on, *apprentice, *json])


@FUZZ
@given(start=DATES, end=DATES, days=WEEKDAYS, earnings=NUMBERS,
       linked=st.one_of(st.just([]), st.tuples(DATES, DATES).map(lambda d: ["--linked-from", d[0], "--linked-to", d[1]]),
                        _optional("--linked-from", DATES)), json=FLAG)
@example(start="2026-04-06", end="2026-04-17", days="mon,tue", earnings="1e26", linked=[], json=[])
@example(start="0001-01-01", end="9999-12-31", days="mon", earnings="²", linked=[], json=[])
def test_calc_sick_pay_never_ends_in_a_traceback(run, start, end, days, earnings, linked, json):
    run(lambda f: ["calc", "sick-pay", "--from", start, "--to", end, "--qualifying-days", days,
                   "--weekly-earnings", earnings, *linked, *json])


SENSIBLE = st.sampled_from(["5", "37.5", "8", "4", "14", "0", "7", "1", "168", "24"])


@FUZZ
@given(basis=st.sampled_from([*NEEDS, "weeks"]), values=st.lists(st.one_of(NUMBERS, SENSIBLE), min_size=3, max_size=3),
       extra=st.one_of(st.just([]), st.tuples(st.sampled_from(list(OPTION.values())[:6]), NUMBERS).map(list)),
       year=DATES, start=_optional("--start", DATES), leaving=_optional("--leaving", DATES), json=FLAG)
@example(basis="irregular", values=["1e18", "", ""], extra=[], year="2026-04-01", start=[], leaving=[], json=[])
@example(basis="hours", values=["1e18", "5", ""], extra=[], year="2026-04-01", start=[], leaving=[], json=[])
@example(basis="shifts", values=["8", "9" * 5000, "²"], extra=[], year="2026-04-01", start=[], leaving=[], json=[])
def test_calc_holiday_never_ends_in_a_traceback(run, basis, values, extra, year, start, leaving, json):
    # The numbers the way of working needs (so the rules are reached), and now and then one more.
    options = [part for name, value in zip(NEEDS.get(basis, ()), values) for part in (OPTION[name], value)]
    run(lambda f: ["calc", "holiday", "--basis", basis, *options, *extra, "--leave-year-start", year, *start,
                   *leaving, *json])


@FUZZ
@given(file=READ_PATHS, on=_optional("--on", DATES), json=FLAG)
@example(file="employer", on=["--on", "9999-12-31"], json=[])
@example(file="employer", on=["--on", "0001-01-01"], json=["--json"])
def test_check_never_ends_in_a_traceback(run, file, on, json):
    run(lambda f: ["check", f.path(file), *on, *json])


@FUZZ
@given(file=READ_PATHS, week=_optional("--week", DATES), json=FLAG, pdf=_optional("--pdf", WRITE_PATHS),
       force=st.sampled_from([[], ["--force"]]))
@example(file="employer", week=["--week", "0001-01-01"], json=[], pdf=[], force=[])
@example(file="employer", week=["--week", "9999-12-31"], json=["--json"], pdf=["--pdf", "employer"], force=["--force"])
def test_rota_never_ends_in_a_traceback(run, file, week, json, pdf, force):
    may_change = ("existing.pdf",) if pdf == ["--pdf", "existing"] and force else ()
    run(lambda f: ["rota", f.path(file), *week, *json, *(["--pdf", f.path(pdf[1])] if pdf else []), *force],
        may_change=may_change)


@FUZZ
@given(file=READ_PATHS, pa=NAMES, out=WRITE_PATHS, start=_optional("--from", DATES),
       weeks=_optional("--weeks", NUMBERS), force=st.sampled_from([[], ["--force"]]))
@example(file="employer", pa="Megan Hughes", out="new", start=["--from", "9999-12-31"], weeks=[], force=[])
@example(file="employer", pa="Megan Hughes", out="new", start=[], weeks=["--weeks", "9" * 5000], force=[])
@example(file="employer", pa="Megan Hughes", out="new", start=[], weeks=["--weeks", "100000000"], force=[])
@example(file="employer", pa="Megan Hughes", out="employer", start=[], weeks=[], force=["--force"])
def test_ics_never_ends_in_a_traceback(run, file, pa, out, start, weeks, force):
    may_change = ("existing.pdf",) if out == "existing" and force else ()
    run(lambda f: ["ics", f.path(file), "--pa", pa, "--out", f.path(out), *start, *weeks, *force],
        may_change=may_change)


@FUZZ
@given(file=READ_PATHS, out=WRITE_PATHS, force=st.sampled_from([[], ["--force"]]))
def test_plan_never_ends_in_a_traceback(run, file, out, force):
    may_change = ("existing.pdf",) if out == "existing" and force else ()
    run(lambda f: ["plan", f.path(file), "--out", f.path(out), *force], may_change=may_change)


@FUZZ
@given(path=WRITE_PATHS, employer=NAMES, nation=st.sampled_from(["wales", "england", "scotland", "northern-ireland",
                                                                  "cymru", ""]))
@example(path="under_a_file", employer="Jo", nation="wales")
@example(path="long_name", employer="Jo", nation="wales")
@example(path="own", employer="Jo", nation="wales")
def test_new_never_ends_in_a_traceback(run, path, employer, nation):
    run(lambda f: ["new", f.path(path), "--employer", employer, "--nation", nation])


@settings(FUZZ, max_examples=EXAMPLES // 3)
@given(path=WRITE_PATHS, force=st.sampled_from([[], ["--force"]]))
@example(path="folder", force=["--force"])
@example(path="own", force=["--force"])
def test_demo_never_ends_in_a_traceback(run, path, force):
    # Only the sample (or a file that is no employer file) may be replaced, and only with --force.
    run(lambda f: ["demo", f.path(path), *force], may_change=("sample.paemployer", "existing.pdf") if force else ())


# CSVs: the header of each kind the importer knows, or none, then rows of generated cells.
PA_HEADER = ("first_name,last_name,date_of_birth,ni_number,start_date,hourly_rate,hours_type,hours_per_week,"
             "days_per_week,pay_frequency")
HEADERS = st.sampled_from([PA_HEADER, PA_HEADER + ",phone,email", "pa,start,end,kind,break_minutes,status",
                           "weekday,start,end,people", "name,age", ""])
CELLS = st.one_of(DATES, NUMBERS, NAMES, st.sampled_from(["x" * 131_073, '"unclosed', "a\nb", "Megan Hughes",
                                                          "2026-11-24 09:00", "mon", "07:00", "day", "fixed",
                                                          "weekly", "AB123456C"]))
CSVS = st.tuples(HEADERS, st.lists(st.lists(CELLS, max_size=11), max_size=4),
                 st.sampled_from(["utf-8", "utf-16", "latin-1", "utf-8-sig"]))


def _csv_bytes(header: str, rows: list[list[str]], encoding: str) -> bytes:
    text = "\n".join([header, *(",".join(row) for row in rows)]) + "\n"
    return text.encode(encoding, errors="replace")


@FUZZ
@given(file=READ_PATHS, csv=CSVS, replace=st.sampled_from([[], ["--replace"]]))
@example(file="own", csv=(PA_HEADER, [["x" * 131_073] * 10], "utf-8"), replace=[])
@example(file="own", csv=(PA_HEADER, [["Ann", "Lee", "2000-01-01", "AB123456C", "2026-01-01", "²", "fixed", "9" * 5000,
                                        "5", "weekly"]], "utf-8"), replace=[])
def test_import_never_ends_in_a_traceback(run, file, csv, replace):
    def build(f: Files) -> list[str]:
        sheet = f.folder / "sheet.csv"
        sheet.write_bytes(_csv_bytes(*csv))
        return ["import", f.path(file), str(sheet), *replace]

    # An import may add to the employer files it was given; it must still leave them employer files.
    run(build, may_change=("sample.paemployer", "own.paemployer"))
