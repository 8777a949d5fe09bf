"""The payroll service's two files against a real employer file: the hours export and the payslips import."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest

from paemployer.errors import FileFormatError, ValidationError
from paemployer.services import pay, records, rota
from paemployer.services.importer import CsvRowsError, import_csv
from paemployer.services.output import OutputFileError
from paemployer.services.pay import exchange
from paemployer.store.db import open_employer_file

NOW = datetime(2026, 11, 24, 10, 0)
PERIOD_END = date(2026, 11, 22)  # a weekly period from the default anchor, Monday 6 April 2026: 16 to 22 November
HEADER = ",".join(exchange.PAYSLIP_COLUMNS)


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "pay.paemployer", create=True)
    records.update_employer(employer_file, name="Eleri Davies", nation="england")
    ann = records.add_pa(employer_file, first_name="Ann", last_name="Lee", date_of_birth=date(1990, 1, 2),
                         ni_number="AB123456C", start_date=date(2026, 4, 6))
    records.add_contract_terms(employer_file, ann.id, effective_from=date(2026, 4, 6), standard_rate="12.71",
                               weekend_rate="15.00", hours_type="irregular", pay_frequency="weekly")
    records.change_terms_from(employer_file, ann.id, date(2026, 11, 19), standard_rate="13.10")  # a pay rise
    for start, end in ((datetime(2026, 11, 16, 9), datetime(2026, 11, 16, 17)),   # Monday, 8 h at 12.71
                       (datetime(2026, 11, 19, 9), datetime(2026, 11, 19, 15)),   # Thursday, 6 h at 13.10
                       (datetime(2026, 11, 21, 9), datetime(2026, 11, 21, 13))):  # Saturday, 4 h at 15.00
        rota.add_shift(employer_file, pa_id=ann.id, start=start, end=end, status="worked")
    yield employer_file
    employer_file.close()


def _ann(ef):
    return next(pa for pa in records.list_pas(ef) if pa.first_name == "Ann")


def _csv(tmp_path, lines, name="payslips.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _computed_gross(ef):
    [run] = pay.build_drafts(ef, PERIOD_END, now=NOW)
    return run.gross


def _row(gross, net=None, *, pa="Ann Lee", start="2026-11-16", end="2026-11-22", tax="0.00", hours="18",
         pension="0.00"):
    net = Decimal(gross) - Decimal(tax) - Decimal(pension) if net is None else Decimal(net)
    return f"{pa},{start},{end},2026-11-27,{gross},{tax},0.00,{pension},{net},0.00,0.00,{hours}"


# --- the hours export ---------------------------------------------------------------------------------------

def test_the_export_has_a_row_per_rate_set_with_the_hours_the_pay_run_pays(ef):
    rows = exchange.hours_export_rows(ef, PERIOD_END, now=NOW)
    assert [(row["pa"], row["standard_rate"]) for row in rows] == [("Ann Lee", "12.71"), ("Ann Lee", "13.10")]
    assert all(row["ni_number"] == "AB123456C" and row["pay_date"] == "2026-11-27" for row in rows)
    assert sum(Decimal(row["standard_hours"]) for row in rows) == 14
    assert sum(Decimal(row["weekend_hours"]) for row in rows) == 4
    assert {row["weekend_rate"] for row in rows} == {"15.00"}


def test_the_export_and_the_pay_run_agree_on_every_hour(ef):
    [run] = pay.build_drafts(ef, PERIOD_END, now=NOW)
    rows = exchange.hours_export_rows(ef, PERIOD_END, now=NOW)
    exported = sum(Decimal(row[column]) for row in rows
                   for column in ("standard_hours", "waking_night_hours", "weekend_hours", "bank_holiday_hours"))
    assert exported == run.hours_paid == 18


def test_the_export_is_written_whole_and_never_over_a_file_without_force(ef, tmp_path):
    out = tmp_path / "hours.csv"
    assert exchange.write_hours_export(ef, PERIOD_END, out, now=NOW) == out
    text = out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(exchange.HOURS_EXPORT_COLUMNS)
    assert len(list(csv.DictReader(io.StringIO(text)))) == 2
    out.write_text("the employer's own notes", encoding="utf-8")
    with pytest.raises(OutputFileError, match="already exists"):
        exchange.write_hours_export(ef, PERIOD_END, out, now=NOW)
    assert out.read_text(encoding="utf-8") == "the employer's own notes"
    exchange.write_hours_export(ef, PERIOD_END, out, force=True, now=NOW)
    assert out.read_bytes().startswith("\ufeffpa,ni_number".encode())
    with pytest.raises(OutputFileError, match="employer file"):
        exchange.write_hours_export(ef, PERIOD_END, ef.path, force=True, now=NOW)


def test_a_day_that_ends_no_pay_period_exports_nothing_and_says_why(ef, tmp_path):
    with pytest.raises(ValidationError):
        exchange.write_hours_export(ef, date(2026, 11, 20), tmp_path / "hours.csv", now=NOW)
    assert not (tmp_path / "hours.csv").exists()


def test_a_pa_without_an_ni_number_is_exported_with_a_warning(ef):
    records.update_pa(ef, _ann(ef).id, ni_number="")
    export = exchange.hours_export(ef, PERIOD_END, now=NOW)
    assert {row["ni_number"] for row in export.rows} == {""}
    assert any("National Insurance number" in warning for warning in export.warnings)


def test_namesakes_are_exported_with_their_date_of_birth_as_the_import_reads_them(ef, tmp_path):
    other = records.add_pa(ef, first_name="Ann", last_name="Lee", date_of_birth=date(1999, 9, 9),
                           start_date=date(2026, 4, 6))
    records.add_contract_terms(ef, other.id, effective_from=date(2026, 4, 6), standard_rate="12.71",
                               hours_type="irregular", pay_frequency="monthly")
    rows = exchange.hours_export_rows(ef, PERIOD_END, now=NOW)
    assert {row["pa"] for row in rows} == {"Ann Lee (born 1990-01-02)"}
    gross = _computed_gross(ef)
    result = exchange.import_payslips(ef, _csv(tmp_path, [HEADER, _row(gross, pa=rows[0]["pa"])]), now=NOW)
    assert (result.added, result.checks[0].pa_id) == (1, _ann(ef).id)


# --- the payslips import -------------------------------------------------------------------------------------

def test_a_payslip_that_pays_what_the_rota_says_is_stored_as_finalised_imported_pay(ef, tmp_path):
    gross = _computed_gross(ef)
    path = _csv(tmp_path, [HEADER, _row(gross, tax="12.40", pension="5.00")])
    result = exchange.import_payslips(ef, path, now=NOW)
    assert (result.kind, result.added, result.already_there, result.replaced, result.imported) == (
        "payslips", 1, 0, 0, 1)
    [check] = result.checks
    assert not check.underpaid and check.minimum_wage is not None
    assert [d.item for d in check.differences] == []
    [stored] = pay.runs_for_period(ef, PERIOD_END)
    assert (stored.status.value, stored.source.value) == ("finalised", "imported")
    assert (stored.gross, stored.net, stored.deductions.tax, stored.deductions.source) == (
        gross, gross - Decimal("17.40"), Decimal("12.40"), "imported")
    assert stored.period.pay_date == date(2026, 11, 27)


def test_an_imported_payslip_that_underpays_says_by_how_much(ef, tmp_path):
    result = exchange.import_payslips(ef, _csv(tmp_path, [HEADER, _row("100.00")]), now=NOW)
    [check] = result.checks
    assert check.underpaid and result.underpaid == (check,)
    assert check.minimum_wage.shortfall > 0
    assert check.minimum_wage.hours_counted == 18
    words = "\n".join(check.sentences())
    assert "UNDERPAID" in words and "£" + str(check.minimum_wage.shortfall) in words
    assert any(d.item == "gross" and d.received == Decimal("100.00") for d in check.differences)
    assert "Gross pay: the rota says" in words and "less" in words
    [stored] = pay.runs_for_period(ef, PERIOD_END)
    assert stored.minimum_wage.shortfall == check.minimum_wage.shortfall  # kept with the run


def test_a_row_whose_net_does_not_add_up_is_refused_with_the_figures_and_nothing_stored(ef, tmp_path):
    good = _row(_computed_gross(ef))
    bad = "Ann Lee,2026-11-23,2026-11-29,2026-12-04,300.00,10.00,5.00,0.00,280.00,0.00,0.00,20"
    with pytest.raises(CsvRowsError) as refused:
        exchange.import_payslips(ef, _csv(tmp_path, [HEADER, good, bad]), now=NOW)
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (3, "net")
    assert "£300.00" in problem.reason and "£285.00" in problem.reason and "£280.00" in problem.reason
    assert "£5.00 apart" in problem.reason
    assert [run for run in pay.runs_for_period(ef, PERIOD_END) if run.source.value == "imported"] == []


def test_other_deductions_take_part_in_the_sum(ef, tmp_path):
    gross = _computed_gross(ef)
    header = HEADER + ",other_deductions"
    row = _row(gross, net=gross - Decimal("20.00")) + ",20.00"
    result = exchange.import_payslips(ef, _csv(tmp_path, [header, row]), now=NOW)
    assert result.added == 1
    [stored] = pay.runs_for_period(ef, PERIOD_END)
    assert stored.deductions.other == Decimal("20.00")


def test_a_period_that_is_not_the_pas_is_refused_naming_the_pas_own(ef, tmp_path):
    not_an_end = _row("200.00", start="2026-11-15", end="2026-11-21")
    wrong_start = _row("200.00", start="2026-11-15", end="2026-11-22")
    with pytest.raises(CsvRowsError) as refused:
        exchange.import_payslips(ef, _csv(tmp_path, [HEADER, not_an_end, wrong_start]), now=NOW)
    first, second = refused.value.problems
    assert (first.line, first.column) == (2, "period_end")
    assert "not the last day of one of Ann Lee's pay periods" in first.reason
    assert (second.line, second.column) == (3, "period_start")
    assert "weekly" in second.reason and "16 Nov 2026" in second.reason
    assert pay.runs_for_period(ef, PERIOD_END) == []


def test_importing_the_same_file_again_finds_each_payslip_already_there(ef, tmp_path):
    path = _csv(tmp_path, [HEADER, _row(_computed_gross(ef))])
    first = exchange.import_payslips(ef, path, now=NOW)
    again = exchange.import_payslips(ef, path, now=NOW)
    assert (first.added, again.added, again.already_there, again.imported) == (1, 0, 1, 0)
    assert any("Already in the file" in note for note in again.notes)
    assert len([run for run in pay.runs_for_pa(ef, _ann(ef).id) if run.source.value == "imported"]) == 1


def test_other_figures_for_a_period_already_imported_need_replace(ef, tmp_path):
    exchange.import_payslips(ef, _csv(tmp_path, [HEADER, _row("200.00")]), now=NOW)
    corrected = _csv(tmp_path, [HEADER, _row("250.00")], name="corrected.csv")
    with pytest.raises(CsvRowsError) as refused:
        exchange.import_payslips(ef, corrected, now=NOW)
    assert "--replace" in refused.value.problems[0].reason and "£200.00" in refused.value.problems[0].reason
    assert [run.gross for run in pay.runs_for_period(ef, PERIOD_END)] == [Decimal("200.00")]
    result = exchange.import_payslips(ef, corrected, replace=True, now=NOW)
    assert (result.added, result.replaced, result.imported) == (0, 1, 1)
    assert [run.gross for run in pay.runs_for_period(ef, PERIOD_END)] == [Decimal("250.00")]


def test_a_draft_built_here_gives_way_to_the_services_payslip(ef, tmp_path):
    exchange.hours_export_rows(ef, PERIOD_END, now=NOW)  # builds the draft, as the pay screen would
    result = exchange.import_payslips(ef, _csv(tmp_path, [HEADER, _row(_computed_gross(ef))]), now=NOW)
    assert result.added == 1
    [standing] = pay.runs_for_period(ef, PERIOD_END)
    assert standing.source.value == "imported"


def test_bad_cells_are_each_named_with_their_line_and_column(ef, tmp_path):
    rows = [HEADER,
            "Nobody Here,2026-11-16,2026-11-22,2026-11-27,200.00,0,0,0,200.00,0,0,18",
            "Ann Lee,16/11/2026,22/11/2026,someday,200.005,0,0,0,200.00,0,0,18",
            "Ann Lee,2026-11-16,2026-11-22,2026-11-27,,0,0,-5.00,200.00,0,0,500"]
    with pytest.raises(CsvRowsError) as refused:
        exchange.import_payslips(ef, _csv(tmp_path, rows), now=NOW)
    found = [(problem.line, problem.column) for problem in refused.value.problems]
    assert found == [(2, "pa"), (3, "pay_date"), (3, "gross"), (4, "gross"), (4, "employee_pension"),
                     (4, "hours_paid")]
    assert "to the penny" in refused.value.problems[2].reason
    assert "168" in refused.value.problems[5].reason  # 24 hours a day for the period's 7 days


def test_one_payslip_twice_in_a_file_is_refused(ef, tmp_path):
    gross = _computed_gross(ef)
    with pytest.raises(CsvRowsError) as refused:
        exchange.import_payslips(ef, _csv(tmp_path, [HEADER, _row(gross), _row(gross)]), now=NOW)
    [problem] = refused.value.problems
    assert problem.line == 3 and "also on line 2" in problem.reason


def test_a_refund_of_tax_is_taken_and_empty_deductions_are_none(ef, tmp_path):
    path = _csv(tmp_path, [HEADER, "Ann Lee,2026-11-16,2026-11-22,2026-11-27,200.00,-10.00,,,210.00,,,"])
    result = exchange.import_payslips(ef, path, now=NOW)
    assert result.added == 1
    [stored] = pay.runs_for_period(ef, PERIOD_END)
    assert (stored.deductions.tax, stored.deductions.employee_ni, stored.imported_hours) == (
        Decimal("-10.00"), Decimal(0), None)


def test_a_semicolon_file_with_decimal_commas_is_read(ef, tmp_path):
    path = _csv(tmp_path, [HEADER.replace(",", ";"), "Ann Lee;2026-11-16;2026-11-22;2026-11-27;200,50;0;0;0;200,50;0;0;18"])
    assert exchange.import_payslips(ef, path, now=NOW).added == 1
    assert [run.gross for run in pay.runs_for_period(ef, PERIOD_END)] == [Decimal("200.50")]


def test_a_namesake_without_a_date_of_birth_in_brackets_is_refused_listing_both(ef, tmp_path):
    records.add_pa(ef, first_name="Ann", last_name="Lee", date_of_birth=date(1999, 9, 9))
    with pytest.raises(CsvRowsError) as refused:
        exchange.import_payslips(ef, _csv(tmp_path, [HEADER, _row("200.00")]), now=NOW)
    reason = refused.value.problems[0].reason
    assert "Ann Lee (born 1990-01-02)" in reason and "Ann Lee (born 1999-09-09)" in reason


def test_a_file_of_another_kind_is_not_taken_as_payslips(ef, tmp_path):
    pas = _csv(tmp_path, ["weekday,start,end,people", "mon,09:00,12:00,1"], name="support.csv")
    with pytest.raises(FileFormatError, match="not payslips"):
        exchange.import_payslips(ef, pas, now=NOW)
    assert exchange.is_payslips_file(_csv(tmp_path, [HEADER], name="p.csv"))


def test_the_general_importer_knows_the_payslips_header_and_hands_it_on(ef, tmp_path):
    with pytest.raises(Exception, match="import_payslips"):
        import_csv(ef, _csv(tmp_path, [HEADER, _row("200.00")]))
    assert pay.runs_for_period(ef, PERIOD_END) == []


def test_after_the_services_payslips_are_imported_the_export_still_gives_the_rotas_hours(ef, tmp_path):
    before = exchange.hours_export_rows(ef, PERIOD_END, now=NOW)
    exchange.import_payslips(ef, _csv(tmp_path, [HEADER, _row("200.00")]), now=NOW)
    assert exchange.hours_export_rows(ef, PERIOD_END, now=NOW) == before


def test_a_check_that_cannot_be_made_stores_no_payslip_at_all(ef, tmp_path, monkeypatch):
    bo = records.add_pa(ef, first_name="Bo", last_name="Ray", start_date=date(2026, 4, 6))
    records.add_contract_terms(ef, bo.id, effective_from=date(2026, 4, 6), standard_rate="12.71",
                               hours_type="irregular", pay_frequency="weekly")
    real = exchange.check_imported

    def failing_for_bo(inputs, imported):
        if imported.pa_id == bo.id:
            raise ValidationError("no rates known")
        return real(inputs, imported)

    monkeypatch.setattr(exchange, "check_imported", failing_for_bo)
    path = _csv(tmp_path, [HEADER, _row("200.00"), _row("100.00", pa="Bo Ray")])
    with pytest.raises(ValidationError, match="no rates known"):
        exchange.import_payslips(ef, path, now=NOW)
    assert pay.runs_for_period(ef, PERIOD_END) == []


def test_a_name_that_would_open_as_a_formula_is_exported_as_text(ef):
    records.update_pa(ef, _ann(ef).id, first_name="=HYPERLINK(1)")
    [first, *_rest] = exchange.hours_export_rows(ef, PERIOD_END, now=NOW)
    assert first["pa"] == "'=HYPERLINK(1) Lee"


def test_a_pa_without_a_date_of_birth_is_checked_at_the_top_band_and_says_so(ef, tmp_path):
    records.update_pa(ef, _ann(ef).id, date_of_birth=None)
    result = exchange.import_payslips(ef, _csv(tmp_path, [HEADER, _row("100.00")]), now=NOW)
    [check] = result.checks
    assert check.underpaid and check.minimum_wage.note
    assert check.minimum_wage.note in "\n".join(check.sentences())


def test_pay_finalised_here_with_other_figures_is_corrected_by_the_payslip_only_with_replace(ef, tmp_path):
    [run] = pay.build_drafts(ef, PERIOD_END, now=NOW)
    pay.finalise(ef, run.run_id, now=NOW)
    path = _csv(tmp_path, [HEADER, _row(run.gross + Decimal("10.00"))])
    with pytest.raises(CsvRowsError) as refused:
        exchange.import_payslips(ef, path, now=NOW)
    assert "finalised in PA Employer" in refused.value.problems[0].reason
    result = exchange.import_payslips(ef, path, replace=True, now=NOW)
    assert result.replaced == 1
    [standing] = pay.runs_for_period(ef, PERIOD_END)
    assert (standing.source.value, standing.corrects_run_id, standing.gross) == (
        "imported", run.run_id, run.gross + Decimal("10.00"))
    assert pay.get_run(ef, run.run_id).gross == run.gross  # what was finalised is kept as it was


def test_a_payslip_with_the_figures_of_the_pay_finalised_here_is_already_there_and_said_to_match(ef, tmp_path):
    [run] = pay.build_drafts(ef, PERIOD_END, now=NOW)
    run = pay.set_deductions(ef, run.run_id, pay.Deductions(tax=Decimal("10.00")), now=NOW)
    finalised = pay.finalise(ef, run.run_id, now=NOW)
    path = _csv(tmp_path, [HEADER, _row(finalised.gross, tax="10.00", hours=f"{finalised.hours_paid:f}")])
    result = exchange.import_payslips(ef, path, now=NOW)
    assert (result.added, result.already_there, result.replaced, result.imported) == (0, 1, 0, 0)
    assert any("match the pay finalised in PA Employer" in note for note in result.notes)
    assert not any("--replace" in note for note in result.notes)
    assert pay.runs_for_period(ef, PERIOD_END) == [finalised]
    # Other figures are still refused without replace.
    with pytest.raises(CsvRowsError, match="other figures"):
        exchange.import_payslips(ef, _csv(tmp_path, [HEADER, _row(finalised.gross, tax="11.00")], name="o.csv"),
                                 now=NOW)
