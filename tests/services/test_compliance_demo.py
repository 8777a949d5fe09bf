"""The demo file raises a realistic handful of warnings, not dozens, including the risks it was given."""

from __future__ import annotations

from datetime import date

import pytest

from paemployer.rules.warnings import Severity
from paemployer.services.compliance import count_act_now, gather_warnings
from paemployer.services.demo import write_demo_file
from paemployer.store.db import open_employer_file

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo_warnings(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.paemployer"
    write_demo_file(path, today=TODAY)
    with open_employer_file(path) as ef:
        return gather_warnings(ef, on=TODAY)


def test_a_realistic_handful(demo_warnings):
    assert 3 <= len(demo_warnings) <= 10, [w.code for w in demo_warnings]


def test_the_risks_the_demo_was_given_are_found(demo_warnings):
    found = {(w.code, w.subject_name) for w in demo_warnings}
    assert ("EL_INSURANCE_EXPIRING", "employer") in found
    assert ("RIGHT_TO_WORK_MISSING", "Gareth Price") in found
    assert any(code == "ROTA_GAP" for code, _ in found)


def test_nothing_is_said_twice_and_a_few_things_need_acting_on_now(demo_warnings):
    keys = [w.key for w in demo_warnings]
    assert len(keys) == len(set(keys))
    assert 1 <= count_act_now(demo_warnings) <= 4
    assert demo_warnings[0].severity == Severity.ACT_NOW
    # A repeating rota pattern is one warning per PA and rule, not one per week.
    per_pa_and_code = [(w.code, w.subject) for w in demo_warnings if w.code.startswith("WTR_")]
    assert len(per_pa_and_code) == len(set(per_pa_and_code))


def test_the_young_pa_is_paid_at_least_the_minimum(demo_warnings):
    assert not any(w.code == "NMW_SHORTFALL" for w in demo_warnings)
