"""Statutory figures come from the dated rates tables, not from code: change a row and the rule follows.

Each test swaps one figure in the table the rule reads (a patched copy, never the file) and checks that the rule's
answer moves with it; the same call with the real table gives the statutory answer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType

import pytest

from paemployer.rules import minimum_wage as mw
from paemployer.rules import sick_pay as sp
from paemployer.rules import working_time as wt
from paemployer.rules.rates import RatesTable, load_table

MON_FRI = (0, 1, 2, 3, 4)


def changed(table: RatesTable, **figures) -> RatesTable:
    """A copy of `table` with `figures` replaced in every row."""
    rows = tuple(replace(row, values=MappingProxyType({**row.values, **figures})) for row in table.rows)
    return RatesTable(table.name, table.title, rows)


def test_every_row_gives_the_moved_figures():
    for row in sp.sick_pay_table().rows:
        assert (row["linked_series_max_years"], row["transition_lookback_weeks"]) == (3, 28)
    for row in mw.minimum_wage_table().rows:
        assert (row["apprentice_first_year_months"], row["pay_reference_period_max_months"]) == (12, 1)
    for row in load_table(wt.TABLE).rows:
        assert row["young_worker_age_limit"] == 18


def _linked_chain():
    """Four-day spells (Mon-Thu) every 7 weeks from January 2014, each linking to the next (gap 45 days)."""
    first = date(2014, 1, 6)
    spells = [sp.Spell(first + timedelta(weeks=7 * n), first + timedelta(weeks=7 * n, days=3)) for n in range(10)]
    return spells[:-1], spells[-1]


def test_the_linked_series_limit_is_read_from_the_table(monkeypatch):
    earlier, spell = _linked_chain()  # the last spell starts on 1 June 2015, 17 months into the series
    real = sp.statutory_sick_pay(spell, MON_FRI, Decimal("300"), earlier_spells=earlier)
    assert {day.status for day in real.days} == {sp.PAID}
    monkeypatch.setattr(sp, "sick_pay_table", lambda: changed(load_table(sp.TABLE), linked_series_max_years=1))
    limited = sp.statutory_sick_pay(spell, MON_FRI, Decimal("300"), earlier_spells=earlier)
    assert {day.status for day in limited.days} == {sp.ENTITLEMENT_ENDED}
    assert "1 year" in limited.days[0].how


def test_the_transition_look_back_is_read_from_the_row_that_changes_the_rules(monkeypatch):
    # Off sick continuously from 1 February 2026 (9 weeks before 6 April), below the old lower earnings limit so no
    # SSP before the change: 80% of earnings from 6 April; with a 4-week look-back it would be the nil rate.
    spell = sp.Spell(date(2026, 2, 1), date(2026, 4, 17))
    real = sp.statutory_sick_pay(spell, MON_FRI, Decimal("100"))
    after = [day for day in real.days if day.day >= date(2026, 4, 6) and day.qualifying]
    assert {day.status for day in after} == {sp.PAID} and after[0].weekly_rate == Decimal("80.00")
    monkeypatch.setattr(sp, "sick_pay_table", lambda: changed(load_table(sp.TABLE), transition_lookback_weeks=4))
    patched = sp.statutory_sick_pay(spell, MON_FRI, Decimal("100"))
    assert {day.status for day in patched.days if day.day >= date(2026, 4, 6) and day.qualifying} == {sp.NIL_RATE}


def test_the_apprentice_first_year_is_read_from_the_table(monkeypatch):
    dob, since, on = date(2000, 1, 1), date(2026, 4, 1), date(2026, 11, 1)
    assert mw.minimum_wage_rate(dob, on, apprentice_since=since).hourly_rate == Decimal("8.00")
    monkeypatch.setattr(mw, "minimum_wage_table",
                        lambda: changed(load_table(mw.TABLE), apprentice_first_year_months=6))
    after = mw.minimum_wage_rate(dob, on, apprentice_since=since)
    assert after.hourly_rate == Decimal("12.71")
    assert after.working["apprenticeship"]["first_year_ends"] == "2026-10-01"


def test_the_young_worker_age_is_read_from_the_table(monkeypatch):
    # A 19-year-old working 9 hours a day: an adult under the real table, a young worker if the limit were 21.
    facts = wt.WorkingTimeFacts(date_of_birth=date(2006, 6, 1))
    shifts = [wt.WorkShift("mon", datetime(2026, 1, 5, 8), datetime(2026, 1, 5, 17, 30), 30)]
    assert wt.WTR_YOUNG_WORKER not in {b.code for b in wt.check_working_time(shifts, facts)}
    real_load = wt.load_table
    monkeypatch.setattr(wt, "load_table", lambda name: changed(real_load(name), young_worker_age_limit=21))
    assert wt.WTR_YOUNG_WORKER in {b.code for b in wt.check_working_time(shifts, facts)}


def _shift(name, day, start_hour, elapsed_minutes, break_minutes=30):
    start = datetime(day.year, day.month, day.day, start_hour)
    return wt.WorkShift(name, start, start + timedelta(minutes=elapsed_minutes), break_minutes)


def test_the_two_rests_in_a_fortnight_are_read_from_the_table(monkeypatch):
    # Week 1: seven days' work, no 24-hour rest. Week 2: Tuesday and Friday off (two rests of 39.5 hours), then the
    # weekend worked. Two rests of 24 hours in the fortnight satisfy reg 11(2)(a); if the table asked for three they
    # would not.
    monday = date(2026, 1, 5)
    days = [monday + timedelta(days=n) for n in range(14)]
    shifts = [_shift(f"d{n}", day, 8, 8 * 60) for n, day in enumerate(days) if n not in (8, 11)]
    assert wt.WTR_WEEKLY_REST not in {b.code for b in wt.check_working_time(shifts)}
    real_load = wt.load_table
    monkeypatch.setattr(wt, "load_table", lambda name: changed(real_load(name), fortnightly_rest_periods=3))
    [breach] = [b for b in wt.check_working_time(shifts) if b.code == wt.WTR_WEEKLY_REST]
    assert breach.first_day == monday and "3 rests of 24 hours" in breach.notes[0]


def test_night_work_average_leaves_out_the_weekly_rest_from_the_table(monkeypatch):
    # A night worker on 9-hour nights (22:00-07:30, 30-minute break) Monday to Friday for 17 weeks: 45 hours over 6
    # days a week (7 less one 24-hour weekly rest) = 7.5 a day, within 8; if weekly rest were 48 hours, 45 / 5 = 9.
    monday = date(2026, 1, 5)
    shifts = [_shift(f"w{week}n{night}", monday + timedelta(weeks=week, days=night), 22, 9 * 60 + 30)
              for week in range(17) for night in range(5)]
    facts = wt.WorkingTimeFacts(night_worker=True)
    assert wt.WTR_NIGHT_WORK not in {b.code for b in wt.check_working_time(shifts, facts)}
    real_load = wt.load_table
    monkeypatch.setattr(wt, "load_table", lambda name: changed(real_load(name), weekly_rest_hours=Decimal(48)))
    [night] = [b for b in wt.check_working_time(shifts, facts) if b.code == wt.WTR_NIGHT_WORK]
    assert night.params["average_hours_per_day"] == "9.00"
