"""Shared test set-up: headless Qt, an isolated data folder, English text, a fixed 'today'."""

from __future__ import annotations

import os
from datetime import date

# Before anything imports Qt: without a display a pytest run would crash instead of failing a test.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

# The day the whole suite treats as "today" (rules and services take it as a parameter).
TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory, monkeypatch):
    """Every test gets its own data folder, so no test touches a real user's files or settings."""
    data_dir = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("PAEMPLOYER_DATA_DIR", str(data_dir))
    monkeypatch.setenv("PAEMPLOYER_TODAY", TODAY.isoformat())
    from paemployer import i18n

    i18n.set_locale("en_GB")
    yield data_dir
    i18n.set_locale("en_GB")


@pytest.fixture
def today() -> date:
    return TODAY
