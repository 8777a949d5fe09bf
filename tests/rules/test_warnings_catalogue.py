"""Every code the checks raise is in the catalogue, and every text of every variant renders in both languages."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest

from paemployer import i18n
from paemployer.rules.warnings import Finding, Severity
from catalogue_samples import SAMPLE_PARAMS
from paemployer.services.compliance.catalogue import CATALOGUE, FIGURES, HORIZONS, render

ON = date(2026, 11, 24)
SOURCES = [Path(__file__).resolve().parents[2] / "paemployer" / path
           for path in ("rules/compliance_checks.py", "services/compliance/__init__.py", "rules/working_time.py")]
REQUIRED = {
    "NMW_SHORTFALL", "NMW_BAND_CHANGE", "NMW_UPRATING_AHEAD", "WTR_48H_AVERAGE", "WTR_DAILY_REST",
    "WTR_WEEKLY_REST", "WTR_BREAK", "WTR_YOUNG_WORKER", "NO_WRITTEN_STATEMENT", "RIGHT_TO_WORK_MISSING",
    "RIGHT_TO_WORK_FOLLOW_UP", "DBS_DECISION_MISSING", "TRAINING_EXPIRED", "EL_INSURANCE_EXPIRED",
    "EL_INSURANCE_EXPIRING", "PENSION_ASSESSMENT_DUE", "PENSION_REDECLARATION_DUE", "NO_COVER_CONTACT",
    "COVER_CONTACTS_STALE", "PROBATION_ENDING", "FAMILY_MEMBER_APPROVAL", "ROTA_GAP", "ROTA_CLASH",
    "CHILD_EMPLOYMENT",
}


def test_every_required_code_is_catalogued():
    assert REQUIRED <= set(CATALOGUE)


def test_every_code_raised_in_the_code_is_catalogued():
    raised = set()
    for source in SOURCES:
        raised |= set(re.findall(r'Finding\(\s*"([A-Z0-9_]+)"', source.read_text()))
        raised |= set(re.findall(r'^(WTR_[A-Z0-9_]+) = "', source.read_text(), flags=re.M))
    assert raised and raised <= set(CATALOGUE)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
@pytest.mark.parametrize("locale", ["en_GB", "cy"])
def test_every_variant_renders(code, locale):
    i18n.set_locale(locale)
    definition = CATALOGUE[code]
    for variant, texts in definition.texts.items():
        for text in (texts.title, texts.explanation, texts.action):
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            known = set(SAMPLE_PARAMS) | set(FIGURES) | {"due"}
            assert fields <= known, (code, variant, fields - known)
    finding = Finding(code, "pa:1", "fact", due=ON, params=SAMPLE_PARAMS, record_id=1)
    warning = render(finding, on=ON, subject_name="Sam Jones")
    assert warning.title and warning.explanation and warning.action and warning.basis
    assert warning.basis_url.startswith("https://")
    assert isinstance(warning.severity, Severity)
    assert "{" not in warning.title + warning.explanation + warning.action


def test_money_and_dates_are_formatted_for_people():
    finding = Finding("NMW_SHORTFALL", "pa:1", "f", due=ON, params=SAMPLE_PARAMS)
    warning = render(finding, on=ON, subject_name="Sam Jones")
    assert "£12.00" in warning.explanation and "24 November 2026" in warning.explanation
    assert "standard hourly rate" in warning.explanation


def test_a_blank_relationship_reads_naturally():
    params = dict(SAMPLE_PARAMS, relationship="")
    warning = render(Finding("FAMILY_MEMBER_APPROVAL", "pa:1", "f", params=params), on=ON, subject_name="Sam")
    assert "(a relative)" in warning.explanation


@pytest.mark.parametrize("nation, words", [("england", "2014/2871"), ("wales", "wsi/2015/1815"),
                                           ("northern-ireland", "nisr/2004/120"), ("scotland", "ssi/2014/25")])
def test_family_approval_cites_the_nations_own_regulations(nation, words):
    params = dict(SAMPLE_PARAMS, nation=nation)
    warning = render(Finding("FAMILY_MEMBER_APPROVAL", "pa:1", "f", params=params), on=ON, subject_name="Sam")
    assert words in warning.basis_url


def test_look_ahead_choices_are_sensible():
    assert HORIZONS.cover_stale_months == 6  # the "not confirmed for six months"
    assert all(value > 0 for value in vars(HORIZONS).values())


@pytest.mark.parametrize("nation, words", [("england", "1933"), ("wales", "1933"), ("scotland", "(Scotland) Act 1937"),
                                           ("northern-ireland", "Northern Ireland")])
def test_child_employment_cites_the_nations_own_law_and_acts_now(nation, words):
    i18n.set_locale("en_GB")
    params = dict(SAMPLE_PARAMS, nation=nation, age=16, first_day=date(2026, 11, 1), leaving_date=date(2027, 6, 25),
                  leaving_rule="last-weekday")
    warning = render(Finding("CHILD_EMPLOYMENT", "pa:1", "f", params=params), on=ON, subject_name="Sam")
    assert words in warning.basis and warning.severity == Severity.ACT_NOW
    assert "25 June 2027 (the last Friday in June of the school year in which they turn 16)" in warning.explanation
    past = render(Finding("CHILD_EMPLOYMENT", "pa:1", "f", params=dict(params, past=True)), on=ON, subject_name="Sam")
    assert past.severity == Severity.INFO and words in past.basis and past.title != warning.title


def test_child_employment_in_scotlands_winter_says_the_day_depends_on_the_schools_christmas_holidays():
    i18n.set_locale("en_GB")
    params = dict(SAMPLE_PARAMS, nation="scotland", age=16, first_day=date(2026, 11, 1),
                  leaving_date=date(2026, 12, 31), leaving_rule="scotland-winter")
    warning = render(Finding("CHILD_EMPLOYMENT", "pa:1", "f", params=params), on=ON, subject_name="Sam")
    assert "until 31 December 2026 (at the latest" in warning.explanation
    assert "Christmas holidays" in warning.explanation and "ask the school" in warning.explanation
