"""pas.csv: told from its header, every row checked first, one bad row means nothing is imported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from paemployer.errors import FileFormatError, ValidationError
from paemployer.services import importer, records
from paemployer.services.importer import CsvRowsError, import_csv, register_csv_kind
from paemployer.services.records.importing import stage_pa_import
from paemployer.services.records.validation import to_money, validate_contract_terms
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
        "Io,Ab,03/24/1985,,2026-02-01,12,fixed,20,4,weekly",           # 10: not a UK date (month 24)
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
    assert "31/12/2026" in reasons[10]
    assert "Nothing was imported: 11 rows are wrong." in refused.value.message
    assert records.list_pas(ef) == []


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
             ",Lee,03/24/1985,DA123456A,2026-01-05,-2,fixed,,,yearly",
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


# --- numbers, dates and files read strictly (issue 8, items 6 and 9) --------------------------------

SEMICOLON_HEADER = HEADER.replace(",", ";")


def _rate(ef, first_name):
    pa = next(pa for pa in records.list_pas(ef) if pa.first_name == first_name)
    return records.terms_in_force(ef, pa.id, pa.start_date)


def test_a_decimal_comma_in_a_semicolon_file_is_read_as_pence_not_hundreds(ef, tmp_path):
    path = _csv(tmp_path, [SEMICOLON_HEADER, "Ann;Lee;1990-01-02;;2026-01-05;12,71;fixed;37,5;4,5;monthly",
                           "Bo;Ray;1985-03-04;;2026-02-01;0.012,50;irregular;;;weekly",
                           "Cy;Tan;1985-03-04;;2026-02-01;12.71;irregular;;;weekly"], name="semi.csv")
    with pytest.raises(CsvRowsError) as refused:  # 0.012 is not a thousands group
        import_csv(ef, path)
    assert [(p.line, p.column) for p in refused.value.problems] == [(3, "hourly_rate")]
    path = _csv(tmp_path, [SEMICOLON_HEADER, "Ann;Lee;1990-01-02;;2026-01-05;12,71;fixed;37,5;4,5;monthly",
                           "Cy;Tan;1985-03-04;;2026-02-01;12.71;irregular;;;weekly"], name="semi.csv")
    assert import_csv(ef, path).added == 2
    ann = _rate(ef, "Ann")
    assert (ann.standard_rate, ann.hours_per_week, ann.days_per_week) == (Decimal("12.71"), Decimal("37.5"),
                                                                          Decimal("4.5"))
    assert _rate(ef, "Cy").standard_rate == Decimal("12.71")
    assert to_money("1.271,50", field="standard_rate", decimal_separator=",") == Decimal("1271.50")


@pytest.mark.parametrize(("text", "decimal_separator"), [("1.271.500", "."), ("1.271,50", "."),
                                                         ("1,271,500", ","), ("1,271.50", ",")])
def test_the_files_decimal_separator_is_never_read_as_a_thousands_group(text, decimal_separator):
    with pytest.raises(ValidationError) as refused:
        to_money(text, field="standard_rate", decimal_separator=decimal_separator)
    assert refused.value.field == "standard_rate" and text in refused.value.message
    assert ("point" if decimal_separator == "." else "comma") in refused.value.message


def test_a_point_grouping_thousands_in_a_comma_file_is_refused_not_stored_as_millions(ef, tmp_path):
    path = _csv(tmp_path, [HEADER, "Ann,Lee,1990-01-01,AB123456C,2026-01-05,1.271.500,fixed,20,4,weekly"])
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, path)
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "hourly_rate")]
    assert records.list_pas(ef) == []


def test_an_hourly_rate_over_a_thousand_pounds_is_refused_as_perhaps_weekly_or_monthly_pay(ef, tmp_path):
    path = _csv(tmp_path, [HEADER, "Ann,Lee,1990-01-01,AB123456C,2026-01-05,\"1,271.00\",fixed,20,4,monthly",
                           "Bo,Ray,1985-03-04,,2026-02-01,1000,irregular,,,weekly"])
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, path)
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "hourly_rate")]
    assert "weekly or monthly" in refused.value.problems[0].reason
    assert records.list_pas(ef) == []
    for rate_field in ("standard_rate", "waking_night_rate", "bank_holiday_rate", "weekend_rate"):
        values = {"effective_from": date(2026, 4, 6), "standard_rate": "12.71", rate_field: "1000.01"}
        with pytest.raises(ValidationError, match="weekly or monthly") as form_refused:  # forms share the check
            validate_contract_terms(values)
        assert form_refused.value.field == rate_field


def test_a_number_that_can_be_read_two_ways_is_refused_with_its_line_and_column(ef, tmp_path):
    comma_file = _csv(tmp_path, [HEADER, 'Ann,Lee,1990-01-02,,2026-01-05,"1,271",irregular,,,monthly',
                                 'Bo,Ray,1990-01-02,,2026-01-05,"12,71",irregular,,,monthly'])
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, comma_file)
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "hourly_rate")]
    assert "1,271" in refused.value.problems[0].reason and "two ways" in refused.value.problems[0].reason
    semicolon_file = _csv(tmp_path, [SEMICOLON_HEADER, "Ann;Lee;1990-01-02;;2026-01-05;1.271;fixed;20;4;monthly"],
                          name="semi.csv")
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, semicolon_file)
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "hourly_rate")]
    assert records.list_pas(ef) == []


@pytest.mark.parametrize("text", ["12 71", "1e3", "²", "12.7.1", "(12.71)", "$12.71", "NaN", "Infinity", "12,71.5",
                                  "1,27,100", "١٢"])
def test_money_that_is_not_plainly_a_number_is_refused(text):
    with pytest.raises(ValidationError):
        to_money(text, field="standard_rate")


@pytest.mark.parametrize(("text", "expected"), [("12.71", "12.71"), ("£12.71", "12.71"), (" £ 12.71 ", "12.71"),
                                                ("12,71", "12.71"), ("1,271.50", "1271.50"), ("1271", "1271"),
                                                ("0,125", "0.125"), ("12.715", "12.715"), ("-1", "-1")])
def test_money_typed_the_usual_ways_is_read_exactly(text, expected):
    assert to_money(text, field="standard_rate") == Decimal(expected)


def test_money_with_a_thousands_comma_that_could_be_pence_is_refused_not_multiplied():
    with pytest.raises(ValidationError, match="two ways"):
        to_money("1,271", field="standard_rate")


def test_dates_as_written_in_the_uk_and_by_excel_are_read(ef, tmp_path):
    lines = [HEADER,
             "Ann,Lee,02/01/1990,,05/01/2026,13.10,irregular,,,monthly",
             "Bo,Ray,04/03/1985 00:00,,2026-02-01 00:00:00,12.71,irregular,,,weekly",
             "Cy,Tan,1985-03-04T00:00,,1/2/2026,12.71,irregular,,,weekly"]
    assert import_csv(ef, _csv(tmp_path, lines)).added == 3
    pas = {pa.first_name: pa for pa in records.list_pas(ef)}
    assert (pas["Ann"].date_of_birth, pas["Ann"].start_date) == (date(1990, 1, 2), date(2026, 1, 5))
    assert (pas["Bo"].date_of_birth, pas["Bo"].start_date) == (date(1985, 3, 4), date(2026, 2, 1))
    assert (pas["Cy"].date_of_birth, pas["Cy"].start_date) == (date(1985, 3, 4), date(2026, 2, 1))


@pytest.mark.parametrize("text", ["12/31/2026", "31/12/26", "2026-12-31 09:30", "31/12/2026 7am", "2026-W53-4",
                                  "20261231", "31.13.2026", "9999-12-31"])
def test_a_date_that_is_not_plainly_one_day_is_refused(ef, tmp_path, text):
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, _csv(tmp_path, [HEADER, f"Ann,Lee,1990-01-02,,{text},13.10,irregular,,,monthly"]))
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "start_date")]


def test_a_utf16_file_or_a_workbook_renamed_csv_gets_one_plain_sentence(ef, tmp_path):
    utf16 = _csv(tmp_path, [HEADER, GOOD_ROWS[0]], name="utf16.csv", encoding="utf-16")
    xlsx = tmp_path / "book.csv"
    xlsx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)
    old_xls = tmp_path / "old.csv"
    old_xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)))
    for path in (utf16, xlsx, old_xls):
        with pytest.raises(FileFormatError) as refused:
            import_csv(ef, path)
        message = refused.value.message
        assert "save it as CSV UTF-8 from your spreadsheet" in message
        assert "\n" not in message and "first_name" not in message and "\x00" not in message
    assert records.list_pas(ef) == []


def test_a_huge_cell_or_a_huge_file_is_refused_with_a_sentence(ef, tmp_path, monkeypatch):
    huge = _csv(tmp_path, [HEADER, "Ann," + "L" * 140_000 + ",1990-01-02,,2026-01-05,13.10,irregular,,,monthly"])
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, huge)
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "last_name")]
    assert len(refused.value.message) < 1000
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1000)
    big = _csv(tmp_path, [HEADER, *GOOD_ROWS * 20], name="big.csv")
    with pytest.raises(FileFormatError, match="too large"):
        import_csv(ef, big)
    assert records.list_pas(ef) == []


def test_an_unknown_header_of_garbage_is_not_echoed_in_full(ef, tmp_path):
    path = tmp_path / "garbage.csv"
    path.write_bytes(b"\xff\xfe" * 3 + b"x" * 5000 + b"\n1,2\n")
    with pytest.raises(FileFormatError) as refused:
        import_csv(ef, path)
    assert len(refused.value.message) < 1500


def test_arbitrary_bytes_are_refused_with_a_sentence_or_imported(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    employer_file = open_employer_file(tmp_path / "fuzz.paemployer", create=True)
    header = HEADER.encode()

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.binary(max_size=400), st.binary(max_size=400).map(lambda body: header + b"\n" + body),
                     st.text(max_size=200).map(lambda body: (HEADER + "\n" + body).encode("utf-8"))))
    def import_anything(raw):
        path = tmp_path / "fuzz.csv"
        path.write_bytes(raw)
        try:
            import_csv(employer_file, path)
        except (FileFormatError, ValidationError) as refused:
            assert refused.message.strip()

    try:
        import_anything()
    finally:
        employer_file.close()


def test_phone_and_email_are_optional_columns(ef, tmp_path):
    lines = [HEADER + ",phone,email",
             GOOD_ROWS[0] + ",07700 900123,ann@example.org",
             GOOD_ROWS[1] + ",,"]
    assert import_csv(ef, _csv(tmp_path, lines)).added == 2
    pas = {pa.first_name: pa for pa in records.list_pas(ef)}
    assert (pas["Ann"].phone, pas["Ann"].email) == ("07700 900123", "ann@example.org")
    assert (pas["Bo"].phone, pas["Bo"].email) == ("", "")
    only_phone = [HEADER + ",phone", GOOD_ROWS[2] + ",+44 29 2000 0000"]
    assert import_csv(ef, _csv(tmp_path, only_phone, name="phone.csv")).added == 1
    bad = [HEADER + ",phone,email", "Di,Vu,1985-03-04,,2026-02-01,12,irregular,,,weekly,call me,not-an-email"]
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, _csv(tmp_path, bad, name="bad.csv"))
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "phone"), (2, "email")]


# --- importing the same file twice (issue 8, item 7) ------------------------------------------------

def test_importing_the_same_pas_twice_adds_them_once(ef, tmp_path):
    path = _csv(tmp_path, [HEADER, *GOOD_ROWS])
    first = import_csv(ef, path)
    again = import_csv(ef, path)
    assert (first.added, first.already_there) == (3, 0)
    assert (again.added, again.already_there, again.replaced, again.imported) == (0, 3, 0, 0)
    assert len(records.list_pas(ef)) == 3
    assert any("Ann Lee" in note for note in again.notes)


def test_a_pa_without_an_ni_number_is_matched_by_name_and_date_of_birth(ef, tmp_path):
    import_csv(ef, _csv(tmp_path, [HEADER, GOOD_ROWS[1]]))
    twin = "bo,RAY,1985-03-04,,2026-02-01,12.71,irregular,,,weekly"
    namesake = "Bo,Ray,1999-09-09,,2026-02-01,12.71,irregular,,,weekly"
    result = import_csv(ef, _csv(tmp_path, [HEADER, twin, namesake], name="again.csv"))
    assert (result.added, result.already_there) == (1, 1)
    assert sorted(pa.date_of_birth for pa in records.list_pas(ef)) == [date(1985, 3, 4), date(1999, 9, 9)]


def test_a_pa_already_there_with_other_details_is_kept_and_the_difference_said(ef, tmp_path):
    import_csv(ef, _csv(tmp_path, [HEADER, GOOD_ROWS[0]]))
    changed = GOOD_ROWS[0].replace("13.10", "13.50")
    result = import_csv(ef, _csv(tmp_path, [HEADER, changed], name="again.csv"))
    assert (result.added, result.already_there) == (0, 1)
    assert any("hourly rate" in note for note in result.notes)
    assert _rate(ef, "Ann").standard_rate == Decimal("13.10")


def test_an_ni_number_that_belongs_to_someone_else_in_the_file_is_refused(ef, tmp_path):
    import_csv(ef, _csv(tmp_path, [HEADER, GOOD_ROWS[0]]))
    other = "Cy,Tan,1970-05-06,AB123456C,2026-01-05,13.10,fixed,20,4,monthly"
    with pytest.raises(CsvRowsError, match="already has this National Insurance number") as refused:
        import_csv(ef, _csv(tmp_path, [HEADER, other], name="other.csv"))
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "ni_number")]
    assert [pa.first_name for pa in records.list_pas(ef)] == ["Ann"]


def test_replace_is_refused_for_pas(ef, tmp_path):
    with pytest.raises(ValidationError, match="--replace"):
        import_csv(ef, _csv(tmp_path, [HEADER, GOOD_ROWS[0]]), replace=True)
    assert records.list_pas(ef) == []


# --- two PAs with one name (audit of issue 8, item 7) -----------------------------------------------------

def test_a_pa_with_the_name_of_one_already_there_but_another_date_of_birth_is_added_with_a_note(ef, tmp_path):
    import_csv(ef, _csv(tmp_path, [HEADER, "Ann,Lee,1990-12-31,,2026-01-05,12.71,fixed,20,4,weekly"]))
    result = import_csv(ef, _csv(tmp_path, [HEADER, " ann , LEE ,1990-12-13,,2026-01-05,12.71,fixed,20,4,weekly"],
                                 name="typo.csv"))
    assert (result.added, result.already_there) == (1, 0)
    note = next(note for note in result.notes if "Line 2" in note)
    assert "Ann Lee" in note and "31 Dec 1990" in note and "13 Dec 1990" in note and "date of birth" in note
    assert len(records.list_pas(ef)) == 2


def test_two_rows_of_one_file_with_one_name_and_two_dates_of_birth_get_a_note(ef, tmp_path):
    result = import_csv(ef, _csv(tmp_path, [HEADER, "Ann,Lee,1990-12-31,,2026-01-05,12.71,fixed,20,4,weekly",
                                            "Ann,Lee,,,2026-01-05,12.71,fixed,20,4,weekly"]))
    assert result.added == 2
    assert any("Line 3" in note and "line 2" in note for note in result.notes)
    unrelated = import_csv(ef, _csv(tmp_path, [HEADER, "Bo,Ray,1985-03-04,,2026-02-01,12.71,irregular,,,weekly"],
                                    name="bo.csv"))
    assert unrelated.notes == ()


def test_a_pa_name_with_a_line_break_or_too_long_is_refused_with_its_line_and_column(ef, tmp_path):
    rest = ",Lee,1990-01-02,,2026-01-05,13.10,fixed,20,4,monthly"
    lines = [HEADER, '"Ann' + "\n" + 'Evil"' + rest, "A" * 999 + rest, "Ann\u202e" + rest]
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, _csv(tmp_path, lines))
    assert [(p.column) for p in refused.value.problems] == ["first_name"] * 3
    assert all("\n" not in p.reason and "\u202e" not in p.reason for p in refused.value.problems)
    assert records.list_pas(ef) == []


# --- how the file itself is read (audit of issue 8, item 9) -----------------------------------------------

def test_trailing_empty_header_columns_from_excel_are_dropped_when_empty_in_every_row(ef, tmp_path):
    path = _csv(tmp_path, [HEADER + ",,", GOOD_ROWS[0] + ",,", GOOD_ROWS[1] + ","])
    assert import_csv(ef, path).added == 2
    cy = "Cy,Tan,1985-03-04,,2026-02-01,12.71,irregular,,,weekly,,07700 900123"
    with_data = _csv(tmp_path, [HEADER + ",,", GOOD_ROWS[2] + ",,", cy], name="data.csv")
    with pytest.raises(FileFormatError) as refused:
        import_csv(ef, with_data)
    assert "no name" in refused.value.message and "line 3" in refused.value.message
    assert len(records.list_pas(ef)) == 2


def test_a_long_unknown_header_is_shown_with_its_end(ef, tmp_path):
    header = HEADER + ",notes"
    with pytest.raises(FileFormatError) as refused:
        import_csv(ef, _csv(tmp_path, [header, GOOD_ROWS[0] + ",x"]))
    shown = refused.value.message.split("(", 1)[1].split(")", 1)[0]
    assert shown.startswith("first_name,") and shown.endswith("pay_frequency,notes") and "…" in shown


def test_an_employer_file_or_a_pdf_given_as_the_csv_is_named_as_what_it_is(ef, tmp_path):
    employer_file = tmp_path / "other.paemployer"
    open_employer_file(employer_file, create=True).close()
    with pytest.raises(FileFormatError) as refused:
        import_csv(ef, employer_file)
    assert "employer file" in refused.value.message and "UTF-16" not in refused.value.message
    pdf = tmp_path / "rota.csv"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00\x00\nendobj\n")
    with pytest.raises(FileFormatError) as refused:
        import_csv(ef, pdf)
    assert "PDF" in refused.value.message and "UTF-16" not in refused.value.message
    other_binary = tmp_path / "photo.csv"
    other_binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(FileFormatError) as refused:
        import_csv(ef, other_binary)
    assert "UTF-16" not in refused.value.message
    no_bom = tmp_path / "u16.csv"
    no_bom.write_bytes((HEADER + "\n" + GOOD_ROWS[0] + "\n").encode("utf-16-le"))
    with pytest.raises(FileFormatError, match="UTF-16"):
        import_csv(ef, no_bom)


def test_an_unclosed_quote_is_named_with_the_line_that_opens_it(ef, tmp_path):
    swallowing = _csv(tmp_path, [HEADER, GOOD_ROWS[0], '"Bo,Ray,1985-03-04,,2026-02-01,12.71,irregular,,,weekly',
                                 GOOD_ROWS[2]])
    with pytest.raises(FileFormatError) as refused:
        import_csv(ef, swallowing)
    assert "line 3 opens a quote" in refused.value.message.lower()
    at_the_end = tmp_path / "end.csv"
    at_the_end.write_text(HEADER + '\n"Ann,Lee,1990-01-01,,2026-01-05,12.71,fixed,20,4,weekly', encoding="utf-8")
    with pytest.raises(FileFormatError, match="(?i)line 2 opens a quote"):
        import_csv(ef, at_the_end)
    quoted = _csv(tmp_path, [HEADER, 'Ann,Lee,1990-01-02,,2026-01-05,"1,271.00",irregular,,,monthly'], name="ok.csv")
    with pytest.raises(CsvRowsError, match="weekly or monthly"):  # a closed quote around a comma is read as usual
        import_csv(ef, quoted)
    assert records.list_pas(ef) == []


def test_a_closed_quote_around_a_line_break_is_not_called_unclosed(ef, tmp_path):
    path = tmp_path / "multi.csv"
    path.write_text(HEADER + '\n"Ann\nLee, Jr",Lee,1990-01-02,,2026-01-05,13.10,irregular,,,monthly\n', encoding="utf-8")
    with pytest.raises(CsvRowsError) as refused:
        import_csv(ef, path)
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "first_name")]
