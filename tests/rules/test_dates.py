"""Calendar arithmetic: one module, three named conventions for a day the later month lacks (29 February, the 31st)."""

from __future__ import annotations

import ast
import pathlib
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paemployer.rules.dates import add_years, anniversary, months_after, period_after, period_end, years_after

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_a_deadline_months_after_falls_on_the_corresponding_date_or_the_months_last_day():
    assert months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_after(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert months_after(date(2026, 3, 15), 2) == date(2026, 5, 15)
    assert years_after(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_a_calendar_month_beginning_on_any_day_is_one_month_however_long():
    assert period_end(date(2026, 1, 30), months=1) == date(2026, 2, 28)
    assert period_end(date(2026, 1, 31), months=1) == date(2026, 2, 28)
    assert period_end(date(2024, 1, 30), months=1) == date(2024, 2, 29)
    assert period_end(date(2026, 3, 1), months=1) == date(2026, 3, 31)
    assert period_end(date(2026, 2, 1), months=1) == date(2026, 2, 28)
    assert period_after(date(2026, 1, 30), months=1) == date(2026, 3, 1)


def test_a_year_beginning_on_29_february_ends_on_28_february_and_the_next_begins_on_1_march():
    assert period_end(date(2024, 2, 29), months=12) == date(2025, 2, 28)
    assert period_after(date(2024, 2, 29), months=12) == date(2025, 3, 1)
    assert period_after(date(2024, 2, 29), months=48) == date(2028, 2, 29)


def test_someone_born_on_29_february_has_a_birthday_on_1_march_in_a_common_year():
    assert add_years(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert add_years(date(2008, 2, 29), 16) == date(2024, 2, 29)
    assert anniversary(date(2008, 2, 29), 2007) == date(2007, 3, 1)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(min_value=1, max_value=36))
def test_periods_of_months_follow_each_other_without_gap_or_overlap(first, months):
    end = period_end(first, months=months)
    assert end >= first and period_after(first, months=months) == end + timedelta(days=1)
    # One month at a time reaches the same day as all the months at once, unless the start day is missing from
    # a month on the way (then each later month begins on the 1st: a chain starting on the 31st drifts).
    if first.day <= 28:
        day = first
        for _ in range(months):
            day = period_after(day, months=1)
        assert day == period_after(first, months=months)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2150, 12, 31)), st.integers(min_value=0, max_value=60))
def test_an_anniversary_is_the_first_day_after_that_many_years(start, years):
    assert add_years(start, years) == period_after(start, months=12 * years)


def test_no_other_module_moves_dates_by_months_or_years_itself():
    """Every month or year step goes through rules/dates.py: relativedelta, date.replace(year=/month=), `% 12`
    month arithmetic and private add_months-style helpers nowhere else (rules, services, ui, cli)."""
    offenders = []
    for path in sorted((ROOT / "paemployer").rglob("*.py")):
        if path.name == "dates.py" and path.parent.name == "rules":
            continue
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [alias.name for alias in node.names] + [getattr(node, "module", "") or ""]
                if any("relativedelta" in name for name in names):
                    offenders.append(f"{path.name}:{node.lineno} imports relativedelta")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "replace":
                if any(keyword.arg in ("year", "month") for keyword in node.keywords):
                    offenders.append(f"{path.name}:{node.lineno} moves a date with replace()")
            if isinstance(node, ast.FunctionDef) and node.name in ("add_months", "add_years", "_on_day_of_year",
                                                                   "_add_year"):
                offenders.append(f"{path.name}:{node.lineno} defines its own {node.name}")
            if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.right, ast.Constant)
                    and node.right.value == 12 and "month" in ast.unparse(node.left)):
                offenders.append(f"{path.name}:{node.lineno} does month arithmetic by hand")
        text = path.read_text(encoding="utf-8")
        if "replace(day=28) + timedelta" in text:
            offenders.append(f"{path.name} steps to the next month by hand")
    assert offenders == []


def test_every_layer_accepts_the_same_days():
    """Records, imports and the command line bound typed dates by one pair of days, not their own."""
    from paemployer.cli.args import parse_date
    from paemployer.errors import ValidationError
    from paemployer.rules.dates import FIRST_DAY, LAST_DAY
    from paemployer.services.records.validation import to_date

    for day in (FIRST_DAY, LAST_DAY):
        assert parse_date(day.isoformat(), field="on") == day == to_date(day.isoformat(), field="on")
    for outside in (FIRST_DAY - timedelta(days=1), LAST_DAY + timedelta(days=1)):
        for parse in (lambda text: parse_date(text, field="on"), lambda text: to_date(text, field="on")):
            with pytest.raises(ValidationError):
                parse(outside.isoformat())
