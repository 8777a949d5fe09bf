"""Fixtures for the pay service tests; the helpers and dates are in pay_records.py (a name no other test folder
uses, so a run of several folders imports the right one)."""

from pay_records import ef, pa  # noqa: F401  (fixtures)
