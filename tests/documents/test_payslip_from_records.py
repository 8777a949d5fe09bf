"""Payslips and the pay summary from a real employer file: the pay service builds the runs from worked shifts,
and the PDFs show them (hours, rate, status, the minimum-wage check) in English and Welsh."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from test_payslip import text_of
from test_payslip_layout import assert_nothing_clipped

from paemployer.i18n import set_locale
from paemployer.services import pay, records, rota
from paemployer.services.pay import documents
from paemployer.store.db import open_employer_file

PERIOD_START = date(2026, 11, 9)
PERIOD_END = date(2026, 11, 15)
NOW = datetime(2026, 11, 24, 10, 0)


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "pay.paemployer", create=True)
    employer_file.who = "tester"
    records.update_employer(employer_file, name="Eleri Davies", nation="wales", address="Tŷ Ŵyn\nLlanbadarn",
                            postcode="SY23 3AA")
    pa = records.add_pa(employer_file, first_name="Gwenllian", last_name="Ŵyn", date_of_birth=date(1990, 5, 1),
                        start_date=date(2026, 4, 6), ni_number="AB123456C")
    records.add_contract_terms(employer_file, pa.id, effective_from=date(2026, 4, 6), standard_rate=Decimal("13.00"),
                               weekend_rate=Decimal("15.50"), pay_frequency="weekly")
    for offset in (0, 1, 2, 5):  # Monday to Wednesday, and Saturday at the weekend rate
        start = datetime.combine(PERIOD_START + timedelta(days=offset), datetime.min.time()) + timedelta(hours=9)
        rota.add_shift(employer_file, pa_id=pa.id, start=start, end=start + timedelta(hours=8), kind="day",
                       break_minutes=30, status="worked")
    employer_file.pa_id = pa.id
    yield employer_file
    employer_file.close()


def test_a_draft_payslip_from_worked_shifts_shows_hours_rates_and_the_check(ef, tmp_path):
    [path] = documents.write_payslips(ef, PERIOD_END, tmp_path / "slips", now=NOW)
    assert path.name == "payslip-2026-11-15-Gwenllian-Ŵyn.pdf"
    text = text_of(path.read_bytes())
    for expected in ("DRAFT — not yet paid", "Eleri Davies", "Tŷ Ŵyn", "SY23 3AA", "Gwenllian Ŵyn",
                     "National Insurance number: AB123456C", "9 November 2026 to 15 November 2026",
                     "20 November 2026", "How often paid: Weekly",
                     "22.5 £13.00 £292.50",        # three weekdays of 7.5 paid hours
                     "7.5 £15.50 £116.25",         # Saturday at the weekend rate
                     "Gross pay (before deductions) 30 £408.75", "Minimum wage: met.",
                     # No tax code, P45 or starter statement: 0T week 1 in Wales (C0T), £408 x 20 % = £81.60; NI
                     # (408.75 - 242 primary threshold) x 8 % = £13.34; employer's (408.75 - 96) x 15 % = £46.91.
                     "Income tax (PAYE) £81.60", "National Insurance (your contribution) £13.34",
                     "Where these figures came from: worked out by PA Employer.", "Net pay (what you receive) £313.81",
                     "Employer's National Insurance £46.91", "C0T on a week 1 / month 1 basis"):
        assert expected in text, expected
    assert_nothing_clipped(path.read_bytes())


def test_a_finalised_run_prints_without_the_draft_marks(ef, tmp_path):
    [run] = pay.build_drafts(ef, PERIOD_END, now=NOW)
    pay.finalise(ef, run.run_id, now=NOW)
    [path] = documents.write_payslips(ef, PERIOD_END, tmp_path, now=NOW)
    text = text_of(path.read_bytes())
    assert "not yet paid" not in text and "£408.75" in text and "£313.81" in text
    summary = documents.write_pay_summary(ef, PERIOD_END, tmp_path / "summary.pdf", now=NOW)
    text = text_of(summary.read_bytes())
    assert "Gwenllian Ŵyn" in text and "30 £408.75 £94.94 £313.81 £46.91 £455.66 Met Finalised" in text
    assert "Not finalised yet" not in text


def test_a_finalised_period_prints_from_the_stored_runs_without_building_again(ef, tmp_path, monkeypatch):
    pay.finalise_period(ef, PERIOD_END, now=NOW)

    def refuse(*_args, **_kwargs):
        raise AssertionError("a finalised period was built again")

    monkeypatch.setattr(pay, "build_drafts", refuse)
    [path] = documents.write_payslips(ef, PERIOD_END, tmp_path, now=NOW)
    assert "£408.75" in text_of(path.read_bytes())


def test_a_draft_in_the_period_is_built_again_before_printing(ef, tmp_path, monkeypatch):
    pay.build_drafts(ef, PERIOD_END, now=NOW)
    calls = []
    build = pay.build_drafts
    monkeypatch.setattr(pay, "build_drafts", lambda *args, **kwargs: calls.append(1) or build(*args, **kwargs))
    documents.write_payslips(ef, PERIOD_END, tmp_path, now=NOW)
    assert calls == [1]


def test_the_welsh_payslip_from_records_keeps_its_layout(ef, tmp_path):
    set_locale("cy")
    [path] = documents.write_payslips(ef, PERIOD_END, tmp_path, now=NOW)
    data = path.read_bytes()
    assert "Gwenllian Ŵyn" in text_of(data) and "Tachwedd" in text_of(data)
    assert_nothing_clipped(data)
    summary = documents.write_pay_summary(ef, PERIOD_END, tmp_path / "crynodeb.pdf", now=NOW)
    assert_nothing_clipped(summary.read_bytes())


def test_payslip_bytes_for_one_stored_run(ef):
    [run] = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert "Gwenllian Ŵyn" in text_of(documents.payslip_bytes(ef, run.run_id))


def test_a_corrections_payslip_and_summary_from_records_show_what_was_already_paid(ef, tmp_path):
    [run] = pay.build_drafts(ef, PERIOD_END, now=NOW)
    pay.finalise(ef, run.run_id, now=NOW)
    start = datetime.combine(PERIOD_START + timedelta(days=3), datetime.min.time()) + timedelta(hours=9)
    rota.add_shift(ef, pa_id=ef.pa_id, start=start, end=start + timedelta(hours=8), kind="day", break_minutes=30,
                   status="worked")
    pay.correct(ef, run.run_id, now=NOW)
    [path] = documents.write_payslips(ef, PERIOD_END, tmp_path, now=NOW)
    text = text_of(path.read_bytes())
    # £506.25 on C0T week 1: tax £506 x 20 % = £101.20, NI (506.25 - 242) x 8 % = £21.14; net £383.91.
    assert "Net pay (what you receive) £383.91" in text
    assert "Already paid (the payslip this corrects) £313.81" in text and "To pay now £70.10" in text
    summary = documents.write_pay_summary(ef, PERIOD_END, tmp_path / "summary.pdf", now=NOW)
    assert "To pay now: £70.10" in text_of(summary.read_bytes())
