"""Writing payslips and the pay summary from an employer file: names and NI numbers from the records, one file
per PA, nothing written over without asking, never over an employer file."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from test_payslip import sample_run, text_of

from paemployer.errors import ValidationError
from paemployer.services import pay, records
from paemployer.services.output import OutputFileError
from paemployer.services.pay import documents
from paemployer.store.db import open_employer_file

END = date(2026, 4, 12)
NOW = datetime(2026, 4, 13, 9, 0)


@pytest.fixture
def ef(tmp_path, monkeypatch):
    employer_file = open_employer_file(tmp_path / "records.paemployer", create=True)
    records.update_employer(employer_file, name="Eleri Davies", address="12 Heol y Dŵr\nAberystwyth",
                            postcode="SY23 1AA")
    megan = records.add_pa(employer_file, first_name="Megan", last_name="Ŵyn", ni_number="AB123456C",
                           start_date=date(2026, 1, 5))
    anita = records.add_pa(employer_file, first_name="Anita", last_name="Kowalska", start_date=date(2026, 1, 5))
    built = {"calls": []}

    def build_drafts(ef, period_end, *, pa_id=None, now):
        built["calls"].append((period_end, pa_id, now))
        runs = [replace(sample_run(pa_name="Megan Ŵyn"), pa_id=megan.id),
                replace(sample_run(pa_name="Anita Kowalska"), pa_id=anita.id)]
        return [run for run in runs if pa_id in (None, run.pa_id)] if period_end == END else []

    # The pay service's own build_drafts is tested with it; here the runs are fixed so the files can be read.
    monkeypatch.setattr(pay, "build_drafts", build_drafts, raising=False)
    employer_file.built = built
    employer_file.ids = (megan.id, anita.id)
    yield employer_file
    employer_file.close()


def test_one_payslip_per_pa_with_the_employer_address_and_ni_number_from_the_records(ef, tmp_path):
    paths = documents.write_payslips(ef, END, tmp_path / "payslips", now=NOW)
    assert [path.name for path in paths] == ["payslip-2026-04-12-Anita-Kowalska.pdf",
                                             "payslip-2026-04-12-Megan-Ŵyn.pdf"]
    megan = text_of(paths[1].read_bytes())
    assert "Eleri Davies 12 Heol y Dŵr, Aberystwyth, SY23 1AA" in megan
    assert "Megan Ŵyn National Insurance number: AB123456C" in megan
    anita = text_of(paths[0].read_bytes())
    assert "Anita Kowalska" in anita and "National Insurance number" not in anita
    assert ef.built["calls"] == [(END, None, NOW)]


def test_one_pa_only(ef, tmp_path):
    paths = documents.write_payslips(ef, END, tmp_path, pa_id=ef.ids[0], now=NOW)
    assert [path.name for path in paths] == ["payslip-2026-04-12-Megan-Ŵyn.pdf"]


def test_existing_payslips_are_replaced_only_when_asked_and_then_none_is_written(ef, tmp_path):
    documents.write_payslips(ef, END, tmp_path, now=NOW)
    (tmp_path / "payslip-2026-04-12-Anita-Kowalska.pdf").unlink()
    with pytest.raises(OutputFileError, match="already exists"):
        documents.write_payslips(ef, END, tmp_path, now=NOW)
    # Refused before anything was written: Anita's was not made again.
    assert not (tmp_path / "payslip-2026-04-12-Anita-Kowalska.pdf").exists()
    assert len(documents.write_payslips(ef, END, tmp_path, force=True, now=NOW)) == 2


def test_a_payslip_never_goes_over_an_employer_file(ef, tmp_path):
    target = tmp_path / "payslip-2026-04-12-Megan-Ŵyn.pdf"
    other = open_employer_file(target, create=True)
    other.close()
    with pytest.raises(OutputFileError, match="employer file"):
        documents.write_payslips(ef, END, tmp_path, force=True, now=NOW)


def test_a_day_that_ends_no_pay_period_is_refused(ef, tmp_path):
    with pytest.raises(ValidationError, match="No PA is paid for a period ending on"):
        documents.write_payslips(ef, date(2026, 4, 13), tmp_path, now=NOW)
    assert list(tmp_path.glob("payslip-*")) == []


def test_a_file_where_the_folder_should_be_is_said(ef, tmp_path):
    (tmp_path / "slips").write_text("not a folder")
    with pytest.raises(OutputFileError):
        documents.write_payslips(ef, END, tmp_path / "slips", now=NOW)


def test_pas_sharing_a_name_get_files_of_their_own():
    runs = [replace(sample_run(pa_name="Ann Lee"), pa_id=3), replace(sample_run(pa_name="ann lee"), pa_id=4),
            replace(sample_run(pa_name="Siôn / Pŵl: \"Jr\""), pa_id=5)]
    assert documents.payslip_file_names(runs, END) == [
        "payslip-2026-04-12-Ann-Lee-3.pdf", "payslip-2026-04-12-ann-lee-4.pdf", "payslip-2026-04-12-Siôn-Pŵl-Jr.pdf"]


def test_the_pay_summary_is_written_once_and_replaced_only_when_asked(ef, tmp_path):
    out = documents.write_pay_summary(ef, END, tmp_path / "summary.pdf", now=NOW)
    text = text_of(out.read_bytes())
    assert "Pay summary for periods ending 12 April 2026" in text and "Employer: Eleri Davies" in text
    assert "Anita Kowalska" in text and "Megan Ŵyn" in text
    page = PdfReader(io.BytesIO(out.read_bytes())).pages[0]
    assert page.mediabox.width > page.mediabox.height
    with pytest.raises(OutputFileError, match="already exists"):
        documents.write_pay_summary(ef, END, out, now=NOW)
    documents.write_pay_summary(ef, END, out, force=True, now=NOW)


def test_the_pay_summary_never_goes_over_the_employer_file(ef):
    with pytest.raises(OutputFileError, match="employer file"):
        documents.write_pay_summary(ef, END, ef.path, force=True, now=NOW)
