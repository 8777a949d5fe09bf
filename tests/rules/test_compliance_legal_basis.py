"""Every public check in rules/compliance_checks.py says what it does in a docstring; the legal checks cite law."""

from __future__ import annotations

import inspect

import pytest

from paemployer.rules import compliance_checks

PUBLIC = sorted(
    name
    for name, function in inspect.getmembers(compliance_checks, inspect.isfunction)
    if function.__module__ == compliance_checks.__name__ and not name.startswith("_")
)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_check_has_a_docstring(name):
    assert (getattr(compliance_checks, name).__doc__ or "").strip(), name


@pytest.mark.parametrize("name", ["check_minimum_wage", "minimum_wage_checks"])
def test_minimum_wage_checks_cite_the_act_and_regulations(name):
    doc = " ".join(getattr(compliance_checks, name).__doc__.split())
    assert "NMW Regulations 2015" in doc
    assert "NMWM03050" in doc
