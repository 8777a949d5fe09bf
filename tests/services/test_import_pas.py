"""pas.csv: told from its header, every row checked first, one bad row means nothing is imported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from paemployer.errors import FileFormatError
from paemployer.services import importer, records
from paemployer.services.importer import CsvRowsError, import_csv, register_csv_kind
from paemployer.services.records.importing import stage_pa_import
from paemployer.store.db import open_employer_file
from paemployer.store.models import HoursType, PayFrequency

HEADER = ("first_name,last_name,date_of_birth,ni_number,start_date,hourly_rate,hours_type,hours_per_week,"
          "days_per_week,pay_frequency")
GOOD_ROWS = [
    "Ann,Lee,1990-01-02,AB 12 34 56 C,2026-01-05,13.10,fixed,20,4,monthly",
    "Bo,Ray,1985-03-04,,2026-02-01,12.71,irregular,,,weekly",
    "Dŵr,Ŷ Gwyn,2001-07-30,JM482693B,2026-03-01,12.715,fixed,37.5,5,four_weekly",
]


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "import.paemployer", create=True)
    yield employer_file
    employer_file.close()


def _csv(tmp_path, lines, name="pas.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_a_good_file_imports_every_pa_with_their_first_terms(ef, tmp_path):
    result = import_csv(ef, _csv(tmp_path, [HEADER, *GOOD_ROWS]))
    assert (result.kind, result.description, result.imported) == ("pas", "PAs", 3)
    pas = {pa.first_name: pa for pa in records.list_pas(ef)}
    assert set(pas) == {"Ann", "Bo", "Dŵr"}
    assert pas["Ann"].ni_number == "AB123456C" and pas["Ann"].date_of_birth == date(1990, 1, 2)
    ann = records.terms_in_force(ef, pas["Ann"].id, date(2026, 1, 5))
    assert (ann.hours_type, ann.hours_per_week, ann.days_per_week, ann.pay_frequency) == (
        HoursType.FIXED, Decimal("20"), Decimal("4"), PayFrequency.MONTHLY)
    dwr = records.terms_in_force(ef, pas["Dŵr"].id, date(2026, 3, 1))
    assert type(dwr.standard_rate) is Decimal and str(dwr.standard_rate) == "12.715"
    bo = records.terms_in_force(ef, pas["Bo"].id, date(2026, 2, 1))
    assert bo.hours_type is HoursType.IRREGULAR and bo.hours_per_week is None
    assert any(entry.action == "import" and "Imported 3 PAs" in entry.summary for entry in records.list_audit(ef))


def test_one_bad_row_means_nothing_is_imported(ef, tmp_path):
    audit_before = records.list_audit(ef, limit=None)
    bad = "Cy,Tan,1990-01-02,DA123456A,2026-01-05,13.10,fixed,20,4,monthly"
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, _csv(tmp_path, [HEADER, GOOD_ROWS[0], bad, GOOD_ROWS[1]]))
    assert [(p.line, p.column) for p in refused.value.problems] == [(3, "ni_number")]
    assert refused.value.message.startswith("Nothing was imported: 1 row is wrong.")
    assert "Line 3 (ni_number): A National Insurance number never starts with the letter D" in refused.value.message
    assert records.list_pas(ef) == []
    assert len(records.list_audit(ef, limit=None)) == len(audit_before)


def test_each_bad_row_is_reported_with_its_line_and_reason(ef, tmp_path):
    lines = [
        HEADER,
        GOOD_ROWS[0],
        "Di,Vu,1985-03-04,,2026-02-01,-1,fixed,20,4,weekly",           # 3: negative rate
        "",                                                            # 4: blank, skipped
        "Ed,Wu,1985-03-04,,2026-02-01,12,fixed,20,4,yearly",           # 5: unknown frequency
        "Fi,Xi,1985-03-04,,2026-02-01,12,zero_hours,,,weekly",         # 6: not fixed/irregular
        "Gu,Yo,2027-03-04,,2026-02-01,12,fixed,20,4,weekly",           # 7: born after starting
        "Ha,Zi,1985-03-04,,,12,fixed,20,4,weekly",                     # 8: no start date
        ",Zu,1985-03-04,,2026-02-01,12,fixed,20,4,weekly",             # 9: no first name
        "Io,Ab,04/03/1985,,2026-02-01,12,fixed,20,4,weekly",           # 10: not an ISO date
        "Jo,Ab,1985-03-04,AB123456C,2026-02-01,12,fixed,20,4,weekly",  # 11: same NI as line 2
        "Ki,Ab,1985-03-04,,2026-02-01,12,fixed,200,4,weekly",          # 12: more hours than a week has
        "Lu,Ab,1985-03-04,,2026-02-01,,fixed,20,4,weekly",             # 13: no rate
        "Mo,Ab,1985-03-04,,2026-02-01,12,fixed,20,4,weekly,surprise",  # 14: an extra cell
    ]
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, _csv(tmp_path, lines))
    assert [(p.line, p.column) for p in refused.value.problems] == [
        (3, "hourly_rate"), (5, "pay_frequency"), (6, "hours_type"), (7, "start_date"), (8, "start_date"),
        (9, "first_name"), (10, "date_of_birth"), (11, "ni_number"), (12, "hours_per_week"), (13, "hourly_rate"),
        (14, None)]
    reasons = {p.line: p.reason for p in refused.value.problems}
    assert "also on line 2" in reasons[11]
    assert "year-month-day" in reasons[10]
    assert "Nothing was imported: 11 rows are wrong." in refused.value.message
    assert records.list_pas(ef) == []


def test_a_pa_already_in_the_file_is_refused(ef, tmp_path):
    import_csv(ef, _csv(tmp_path, [HEADER, GOOD_ROWS[0]]))
    with pytest.raises(CsvRowsError, match="already in the file"):
        import_csv(ef, _csv(tmp_path, [HEADER, GOOD_ROWS[1], GOOD_ROWS[0]], name="again.csv"))
    assert [pa.first_name for pa in records.list_pas(ef)] == ["Ann"]


def test_spreadsheet_exports_in_other_shapes_are_read(ef, tmp_path):
    # Excel's UTF-8 with a byte-order mark, Windows line ends, columns in another order, headers in capitals.
    columns = HEADER.split(",")
    reordered = ",".join(column.upper() for column in reversed(columns))
    row = ",".join(reversed(GOOD_ROWS[0].split(",")))
    path = tmp_path / "excel.csv"
    path.write_bytes(("\r\n".join([reordered, row]) + "\r\n").encode("utf-8-sig"))
    assert import_csv(ef, path).imported == 1
    # Older Excel: Windows-1252, semicolons.
    old = _csv(tmp_path, [HEADER.replace(",", ";"), "Zoë;Ng;1990-01-02;;2026-01-05;13.10;fixed;20;4;monthly"],
               name="old.csv", encoding="cp1252")
    assert import_csv(ef, old).imported == 1
    assert "Zoë" in [pa.first_name for pa in records.list_pas(ef)]


def test_a_file_whose_header_is_not_known_is_refused_plainly(ef, tmp_path):
    with pytest.raises(FileFormatError) as refused:
        import_csv(ef, _csv(tmp_path, ["name,rate", "Ann,12"]))
    assert "cannot tell what this file holds" in refused.value.message
    assert HEADER in refused.value.message
    with pytest.raises(FileFormatError, match="cannot tell"):
        import_csv(ef, _csv(tmp_path, [HEADER + ",first_name", GOOD_ROWS[0] + ",Ann"], name="dup.csv"))
    with pytest.raises(FileFormatError, match="is empty"):
        import_csv(ef, _csv(tmp_path, [""], name="empty.csv"))
    with pytest.raises(FileFormatError, match="cannot be read"):
        import_csv(ef, tmp_path / "missing.csv")


def test_later_kinds_register_by_their_header_without_changing_the_importer(ef, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "_KINDS", dict(importer._KINDS))
    seen = []

    def import_notes(session, rows, *, who):
        seen.extend((row.line, row["note"]) for row in rows)
        return len(rows)

    register_csv_kind(("note", "day"), import_notes, name="notes", description="notes")
    result = import_csv(ef, _csv(tmp_path, ["day,note", "2026-11-24,hello", "", "2026-11-25,again"], name="n.csv"))
    assert (result.kind, result.imported) == ("notes", 2)
    assert seen == [(2, "hello"), (4, "again")]
    register_csv_kind(("note", "day"), import_notes, name="notes")  # the same module imported twice
    with pytest.raises(ValueError):
        register_csv_kind(("day", "note"), lambda session, rows, *, who: 0)


def test_an_importer_that_fails_leaves_nothing_behind(ef, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "_KINDS", dict(importer._KINDS))

    def add_then_fail(session, rows, *, who):
        stage_pa_import(session, [dict(zip(HEADER.split(","), GOOD_ROWS[0].split(",")))], who=who)
        raise FileFormatError("the second half of the file is damaged")

    register_csv_kind(("a", "b"), add_then_fail, name="failing")
    with pytest.raises(FileFormatError):
        import_csv(ef, _csv(tmp_path, ["a,b", "1,2"], name="f.csv"))
    assert records.list_pas(ef) == []


def test_a_fixed_hours_pa_needs_their_hours_and_days(ef, tmp_path):
    lines = [HEADER,
             "Ann,Lee,1990-01-02,,2026-01-05,13.10,fixed,,4,monthly",   # 2: no hours per week
             "Bo,Ray,1985-03-04,,2026-02-01,12.71,fixed,20,,weekly",    # 3: no days per week
             "Cy,Tan,1985-03-04,,2026-02-01,12.71,irregular,,,weekly"]  # 4: irregular: none needed
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, _csv(tmp_path, lines))
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "hours_per_week"), (3, "days_per_week")]
    assert "A PA on fixed hours needs their hours per week" in refused.value.problems[0].reason
    assert records.list_pas(ef) == []


def test_every_problem_of_a_row_is_reported_not_only_the_first(ef, tmp_path):
    lines = [HEADER,
             GOOD_ROWS[0],
             ",Lee,04/03/1985,DA123456A,2026-01-05,-2,fixed,,,yearly",
             "Bo,Ray,2027-03-04,,2026-02-01,12.71,irregular,200,,weekly,extra"]
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, _csv(tmp_path, lines))
    assert [(p.line, p.column) for p in refused.value.problems] == [
        (3, "first_name"), (3, "date_of_birth"), (3, "ni_number"), (3, "hours_per_week"), (3, "days_per_week"),
        (3, "pay_frequency"), (3, "hourly_rate"),
        (4, None), (4, "start_date"), (4, "hours_per_week")]
    message = refused.value.message
    assert message.startswith("Nothing was imported: 2 rows are wrong.")
    assert "Line 3 (ni_number): A National Insurance number never starts with the letter D" in message
    assert "Line 3 (hourly_rate):" in message and "Line 3 (pay_frequency):" in message
    assert records.list_pas(ef) == []


def test_a_long_list_of_problems_says_how_many_more(ef, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_LISTED", 3)
    lines = [HEADER, "x,,,,,,,,,", ",x,,,,,,,,"]
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, _csv(tmp_path, lines))
    problems = refused.value.problems
    assert len(problems) > 3
    assert refused.value.message.startswith("Nothing was imported: 2 rows are wrong.")
    assert refused.value.message.endswith(f"... and {len(problems) - 3} more problems.")
