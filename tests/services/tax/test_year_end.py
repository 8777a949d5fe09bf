"""The year's end through real pay runs: a year of weekly pay for a Welsh and a Scottish PA, built and finalised by
services/pay, gives P60s whose totals are the sums of the payslips; a PA leaving with a P45 from an earlier job."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from paemployer.errors import PAEmployerError, ValidationError
from paemployer.rules.pay import LineKind
from paemployer.services import pay, records, rota
from paemployer.services.tax.documents import write_p60s
from paemployer.services.tax.hmrc import hmrc_year
from paemployer.services.tax.year_end import family_pay_kind, p45_figures, p60_data

YEAR = "2025-26"
NOW = datetime(2026, 11, 24, 10, 0)
FIRST_END = date(2025, 4, 6)   # the first weekly period paid in 2025-26 ends Sunday 6 April, paid Friday 11 April
LAST_END = date(2026, 3, 29)   # paid Friday 3 April 2026: the last pay day of the tax year


def _pa(ef, first, last, code, **fields):
    pa = records.add_pa(ef, first_name=first, last_name=last, date_of_birth=date(1990, 5, 1),
                        start_date=date(2025, 3, 3), tax_code=code, ni_number=fields.pop("ni_number", ""), **fields)
    records.add_contract_terms(ef, pa.id, effective_from=date(2025, 3, 3), standard_rate=Decimal("13.00"),
                               pay_frequency="weekly")
    return pa


def _week_worked(ef, pa_id, monday: date, days: int) -> None:
    for offset in range(days):
        start = datetime.combine(monday + timedelta(days=offset), datetime.min.time()) + timedelta(hours=9)
        rota.add_shift(ef, pa_id=pa_id, start=start, end=start + timedelta(hours=8), kind="day", break_minutes=30,
                       status="worked")


@pytest.fixture(scope="module")
def year_file(tmp_path_factory):
    """Eleri (Wales) pays Ceri (C1257L) and Iona (S1257L, Scotland) weekly through 2025-26; Iona brought a P45."""
    from paemployer.store.db import open_employer_file

    ef = open_employer_file(tmp_path_factory.mktemp("year") / "year.paemployer", create=True)
    ef.who = "tester"
    records.update_employer(ef, name="Eleri Davies", nation="wales", paye_reference="120/DA45678",
                            address="14 Heol y Castell\nCardiff", postcode="CF11 9AB")
    ceri = _pa(ef, "Ceri", "Jones", "C1257L", ni_number="JM482693B")
    iona = _pa(ef, "Iona", "Reid", "S1257L", p45_leaving_date=date(2025, 4, 12),
               p45_pay_to_date=Decimal("800.00"), p45_tax_to_date=Decimal("12.40"))
    end = FIRST_END
    week = 0
    while end <= LAST_END:
        monday = end - timedelta(days=6)
        _week_worked(ef, ceri.id, monday, 4 if week % 2 else 5)   # £390 or £487.50 a week
        _week_worked(ef, iona.id, monday, 3)                       # £292.50 a week
        pay.finalise_period(ef, end, now=NOW)
        end += timedelta(days=7)
        week += 1
    yield ef, ceri, iona
    ef.close()


def _runs(ef, pa_id):
    return [run for run in pay.runs_for_pa(ef, pa_id)
            if run.status == pay.RunStatus.FINALISED and date(2025, 4, 6) <= run.period.pay_date <= date(2026, 4, 5)]


def test_a_year_of_weekly_pay_gives_a_p60_that_adds_up_the_payslips(year_file):
    ef, ceri, _iona = year_file
    runs = _runs(ef, ceri.id)
    assert len(runs) == 52
    data = p60_data(ef, YEAR, ceri.id)
    pay_total = sum((run.gross - sum((line.amount for line in run.lines if line.kind == LineKind.EXPENSE),
                                     Decimal(0)) for run in runs), Decimal(0))
    assert data.pay_in_this_employment == pay_total
    assert data.tax_in_this_employment == sum((run.deductions.tax for run in runs), Decimal(0))
    assert sum((line.employee_contributions for line in data.ni_lines), Decimal(0)) == \
        sum((run.deductions.employee_ni for run in runs), Decimal(0))
    [line] = data.ni_lines
    assert line.letter == "A" and line.earnings_at_lel == sum((run.tax.ni_earnings_at_lel for run in runs), Decimal(0))
    last = max(runs, key=lambda run: run.period.pay_date)
    assert data.pay_in_this_employment == last.tax.taxable_pay_to_date  # the last payslip's year to date
    assert data.tax_in_this_employment == last.tax.tax_to_date
    assert (data.tax_code, data.week1_month1) == ("C1257L", False)
    assert data.pay_in_previous_employments == 0 and data.ni_number == "JM482693B"
    assert data.employer_name == "Eleri Davies" and data.paye_reference == "120/DA45678"


def test_a_scottish_and_a_welsh_code_in_one_file(year_file):
    from paemployer.rules.paye import paye_tax

    ef, ceri, iona = year_file
    welsh, scottish = p60_data(ef, YEAR, ceri.id), p60_data(ef, YEAR, iona.id)
    assert welsh.tax_code == "C1257L" and scottish.tax_code == "S1257L"
    # Iona's year: her P45's pay and tax first, then her pay here on Scotland's bands, cumulatively.
    assert (scottish.pay_in_previous_employments, scottish.tax_in_previous_employments) == \
        (Decimal("800.00"), Decimal("12.40"))
    assert scottish.total_pay == Decimal("800.00") + scottish.pay_in_this_employment
    runs = sorted(_runs(ef, iona.id), key=lambda run: run.period.pay_date)
    before = Decimal("12.40") + sum((run.deductions.tax for run in runs[:-1]), Decimal(0))
    expected = paye_tax(tax_year=YEAR, frequency="weekly", period=52, tax_code="S1257L", week1_month1=False,
                        gross=Decimal("292.50"), pay_to_date_before=Decimal("800.00") + Decimal("292.50") * 51,
                        tax_to_date_before=before).tax_due_to_date
    assert scottish.total_tax == expected  # 52 equal weeks: the year's tax on her whole year's pay
    assert scottish.tax_in_this_employment == sum((run.deductions.tax for run in runs), Decimal(0))
    # The same pay on the Welsh (rest of UK) bands would be taxed more: Scotland's starter rate is 19 %.
    welsh_rate = paye_tax(tax_year=YEAR, frequency="weekly", period=52, tax_code="C1257L", week1_month1=False,
                          gross=Decimal("292.50"), pay_to_date_before=Decimal("800.00") + Decimal("292.50") * 51,
                          tax_to_date_before=before).tax_due_to_date
    assert welsh_rate > expected
    year = hmrc_year(ef, YEAR, today=date(2026, 11, 24))
    assert year.totals.tax == welsh.tax_in_this_employment + scottish.tax_in_this_employment
    assert year.totals.employee_ni == sum(
        (line.employee_contributions for data in (welsh, scottish) for line in data.ni_lines), Decimal(0))


def test_p60_pdfs_are_written_once_and_say_who_they_are_for(year_file, tmp_path):
    ef, _ceri, _iona = year_file
    paths = write_p60s(ef, YEAR, tmp_path / "p60s")
    assert [path.name for path in paths] == ["p60-2025-26-Ceri-Jones.pdf", "p60-2025-26-Iona-Reid.pdf"]
    text = " ".join(page.extract_text() for page in PdfReader(paths[0]).pages)
    assert "Ceri Jones" in text and "C1257L" in text
    with pytest.raises(PAEmployerError, match="already exists"):
        write_p60s(ef, YEAR, tmp_path / "p60s")  # refuses to overwrite
    assert write_p60s(ef, YEAR, tmp_path / "p60s", force=True) == paths


def test_a_leaver_gets_p45_figures_and_no_p60(year_file, tmp_path):
    ef, _ceri, iona = year_file
    with pytest.raises(ValidationError):
        p45_figures(ef, iona.id)  # not leaving: no P45 yet
    records.update_pa(ef, iona.id, end_date=date(2026, 3, 31), student_loan_plan="2")
    try:
        figures = dict(p45_figures(ef, iona.id))
        data = p60_data(ef, YEAR, iona.id)
        assert figures["Leaving date"] == "31 March 2026"
        assert figures["Tax code at leaving"] == "S1257L" and figures["Week 1 or Month 1 basis"] == "No"
        assert figures["Last entries: tax week or month number"] == "Week 52"
        assert figures["Total pay to date"] == f"{data.total_pay:.2f}"
        assert figures["Total tax to date"] == f"{data.total_tax:.2f}"
        assert figures["Pay in this employment"] == f"{data.pay_in_this_employment:.2f}"
        assert figures["Student loan deductions to continue"] == "Yes"
        assert figures["Postgraduate loan deductions to continue"] == "No"
        paths = write_p60s(ef, YEAR, tmp_path / "after")
        assert [path.name for path in paths] == ["p60-2025-26-Ceri-Jones.pdf"]  # left before 5 April
    finally:
        records.update_pa(ef, iona.id, end_date=None, student_loan_plan="")


def test_a_pa_with_no_pay_in_the_year_has_no_p60(year_file):
    ef, ceri, _iona = year_file
    with pytest.raises(ValidationError):
        p60_data(ef, "2024-25", ceri.id)


@pytest.mark.parametrize("words, kind", [("Statutory maternity pay", "smp"), ("SPP week 1", "spp"),
                                         ("Tâl mabwysiadu statudol", "sap"), ("Shared parental pay", "shpp"),
                                         ("Parental bereavement pay", "spbp"), ("Family pay", "smp")])
def test_family_pay_lines_are_told_apart_by_their_words(words, kind):
    assert family_pay_kind(words) == kind


def test_p60s_are_refused_before_the_tax_year_ends(year_file, tmp_path, monkeypatch):
    ef, ceri, _iona = year_file
    with pytest.raises(ValidationError, match="The tax year 2025-26 ends on 5 April 2026: P60s are made after "
                                              "that, for the PAs employed on its last day."):
        write_p60s(ef, YEAR, tmp_path / "early", today=date(2026, 4, 5))
    monkeypatch.setenv("PAEMPLOYER_TODAY", "2026-03-31")  # the clock's day, as the p60 command uses it
    with pytest.raises(ValidationError, match="ends on 5 April 2026"):
        write_p60s(ef, YEAR, tmp_path / "early", pa_id=ceri.id)
    assert not (tmp_path / "early").exists()
    assert write_p60s(ef, YEAR, tmp_path / "early", pa_id=ceri.id, today=date(2026, 4, 6))


def test_writing_every_pas_p60_records_the_year_as_given(year_file, tmp_path):
    ef, ceri, _iona = year_file
    records.update_employer(ef, p60s_given_for="")
    write_p60s(ef, YEAR, tmp_path / "one", pa_id=ceri.id)
    assert records.get_employer(ef).p60s_given_for == ""  # Iona's is still to give
    write_p60s(ef, YEAR, tmp_path / "all")
    assert records.get_employer(ef).p60s_given_for == YEAR
    records.update_employer(ef, p60s_given_for="2026-27")
    write_p60s(ef, YEAR, tmp_path / "all", force=True)
    assert records.get_employer(ef).p60s_given_for == "2026-27"  # never moved back to an earlier year
    records.update_employer(ef, p60s_given_for="")


def test_the_last_pa_due_one_alone_records_the_year_as_given(ef, tmp_path):
    from hmrc_records import add_pa, paid

    ceri = add_pa(ef)
    paid(ef, ceri, date(2026, 3, 25), gross="1500.00", ni_bands=("542.00", "506.00", "452.00"))
    write_p60s(ef, YEAR, tmp_path / "p60s", pa_id=ceri.id)
    assert records.get_employer(ef).p60s_given_for == YEAR
    with ef.session() as session:
        from paemployer.store import queries

        summaries = [entry.summary for entry in queries.audit_entries(session=session)]
    assert any("P60" in text for text in summaries)  # audited as any change to the employer's details


def test_a_typed_run_after_a_computed_one_adds_its_worked_out_bands_to_the_p60(ef):
    from hmrc_records import add_pa, paid

    from paemployer.store.models import PayRun

    ceri = add_pa(ef)
    paid(ef, ceri, date(2026, 2, 25), gross="1500.00", employee_ni="36.16", ni_bands=("542.00", "506.00", "452.00"))
    typed = paid(ef, ceri, date(2026, 3, 25), gross="1500.00", employee_ni="40.00")
    with ef.session() as session:
        row = session.get(PayRun, typed)
        row.source, row.ni_category = "typed", ""
        row.ni_earnings_at_lel = row.ni_earnings_lel_to_pt = row.ni_earnings_pt_to_uel = None
        session.add(row)
    [line] = p60_data(ef, YEAR, ceri.id).ni_lines
    # 2025-26 monthly: LEL £542, PT £1,048, UEL £4,189; the typed run's NI as deducted, not worked out again.
    assert line.letter == "A"
    assert (line.earnings_at_lel, line.earnings_lel_to_pt, line.earnings_pt_to_uel) == (
        Decimal("1084.00"), Decimal("1012.00"), Decimal("904.00"))
    assert line.employee_contributions == Decimal("76.16")
