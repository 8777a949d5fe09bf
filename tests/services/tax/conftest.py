"""Fixtures for the tax service tests; the helpers and dates are in hmrc_records.py (a name no other test folder
uses, so a run of several folders imports the right one)."""

from hmrc_records import ef  # noqa: F401  (a fixture)
