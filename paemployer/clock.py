"""The one place outside tests that asks the system for today's date (rules never do: they take `today`).

PAEMPLOYER_TODAY=YYYY-MM-DD fixes the date, for tests, screenshots and reproducible demos.
"""

from __future__ import annotations

import os
from datetime import date, datetime


def today() -> date:
    fixed = os.environ.get("PAEMPLOYER_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def now() -> datetime:
    """Local wall-clock time now (seconds dropped), on the fixed day if PAEMPLOYER_TODAY is set."""
    current = datetime.now().replace(microsecond=0)
    fixed = os.environ.get("PAEMPLOYER_TODAY")
    if fixed:
        return datetime.combine(date.fromisoformat(fixed), current.time())
    return current
