"""Automatic enrolment (rules/pensions.py): each category at the edges of its band for every pay frequency and tax
year, qualifying earnings capped at the upper limit, the minimum contributions and their rounding, State Pension age
(the Acts' tables and the Pensions Act 2014 explanatory notes' own examples), postponement and the opt-out window.

The period figures are checked against shared/reference/payroll-rates/auto_enrolment.json (The Pensions
Regulator's table), so the expected thresholds come from outside our table."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest

from paemployer.errors import RatesError, ValidationError
from paemployer.rules import pensions
from paemployer.rules.pensions import (
    ELIGIBLE_JOBHOLDER,
    ENTITLED_WORKER,
    FREQUENCIES,
    NO_DUTY,
    NON_ELIGIBLE_JOBHOLDER,
    STATUSES,
    assess_for_pension,
    has_reached_state_pension_age,
    opt_out_window,
    pension_contributions,
    period_limits,
    postponement_end,
    state_pension_age_date,
    status_words,
)
from paemployer.rules.rates import RatesTable, load_table

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "payroll-rates" / "auto_enrolment.json"
YEARS = ("2024-25", "2025-26", "2026-27")
PENNY = Decimal("0.01")


def reference_years() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))["years"]


def assess(gross, *, age=30, reached=False, frequency="monthly", tax_year="2025-26"):
    return assess_for_pension(tax_year=tax_year, frequency=frequency, gross=Decimal(gross), age=age,
                              reached_state_pension_age=reached)


# --- the figures for each pay reference period ---------------------------------------------------------------------


@pytest.mark.parametrize("tax_year", YEARS)
@pytest.mark.parametrize("frequency", FREQUENCIES)
def test_period_figures_are_the_pensions_regulators(tax_year, frequency):
    figures = reference_years()[tax_year]
    trigger, lower, upper = period_limits(tax_year=tax_year, frequency=frequency)
    assert trigger == Decimal(figures["earnings_trigger"][frequency])
    assert lower == Decimal(figures["lower_qualifying_earnings"][frequency])
    assert upper == Decimal(figures["upper_qualifying_earnings"][frequency])
    row = load_table("auto_enrolment").row_on(date(int(tax_year[:4]), 4, 6))
    assert row["earnings_trigger_annual"] == Decimal(figures["earnings_trigger"]["annual"])
    assert row["qualifying_earnings_lower_annual"] == Decimal(figures["lower_qualifying_earnings"]["annual"])
    assert row["qualifying_earnings_upper_annual"] == Decimal(figures["upper_qualifying_earnings"]["annual"])


# --- each category at the edges of its band ------------------------------------------------------------------------


@pytest.mark.parametrize("tax_year", YEARS)
@pytest.mark.parametrize("frequency", FREQUENCIES)
def test_band_edges_for_every_frequency(tax_year, frequency):
    trigger, lower, upper = period_limits(tax_year=tax_year, frequency=frequency)

    def status(gross, age=30, reached=False):
        return assess(gross, age=age, reached=reached, frequency=frequency, tax_year=tax_year).status

    assert status(trigger) == NON_ELIGIBLE_JOBHOLDER          # at the trigger exactly: not "more than" it
    assert status(trigger + PENNY) == ELIGIBLE_JOBHOLDER      # a penny above
    assert status(lower) == ENTITLED_WORKER                   # at the lower limit: no qualifying earnings
    assert status(lower + PENNY) == NON_ELIGIBLE_JOBHOLDER
    assert status(Decimal(0)) == ENTITLED_WORKER
    assert status(upper * 3) == ELIGIBLE_JOBHOLDER
    # The ages, with pay a penny above the trigger.
    above = trigger + PENNY
    assert status(above, age=15) == NO_DUTY
    assert status(above, age=16) == NON_ELIGIBLE_JOBHOLDER
    assert status(lower, age=16) == ENTITLED_WORKER
    assert status(above, age=21) == NON_ELIGIBLE_JOBHOLDER
    assert status(above, age=22) == ELIGIBLE_JOBHOLDER
    assert status(above, age=66, reached=False) == ELIGIBLE_JOBHOLDER   # State Pension age not yet reached
    assert status(above, age=66, reached=True) == NON_ELIGIBLE_JOBHOLDER
    assert status(above, age=74, reached=True) == NON_ELIGIBLE_JOBHOLDER
    assert status(lower, age=74, reached=True) == ENTITLED_WORKER
    assert status(above, age=75, reached=True) == NO_DUTY
    assert status(lower, age=75, reached=True) == NO_DUTY


def test_qualifying_earnings_are_capped_at_the_upper_limit():
    at_cap = assess("4189.00")
    above_cap = assess("6000.00")
    assert at_cap.qualifying_earnings == above_cap.qualifying_earnings == Decimal("3669.00")
    assert (above_cap.employer_minimum, above_cap.total_minimum, above_cap.employee_minimum,
            above_cap.employee_deduction_relief_at_source) == (
        Decimal("110.07"), Decimal("293.52"), Decimal("183.45"), Decimal("146.76"))
    assert assess("4188.99").qualifying_earnings == Decimal("3668.99")
    weekly = assess("1500.00", frequency="weekly")
    assert weekly.qualifying_earnings == Decimal("847.00")  # 967 - 120


def test_minimum_contributions_on_a_weekly_wage():
    # £300 a week, aged 30: qualifying earnings 300 - 120 = 180; 3 % = 5.40, 8 % = 14.40, employee 9.00;
    # under relief at source the PA pays 80 % of 9.00 = 7.20 and HMRC adds 1.80.
    result = assess("300.00", frequency="weekly")
    assert result.status == ELIGIBLE_JOBHOLDER and result.must_enrol
    assert (result.qualifying_earnings, result.employer_minimum, result.total_minimum, result.employee_minimum,
            result.employee_deduction_relief_at_source) == (
        Decimal("180.00"), Decimal("5.40"), Decimal("14.40"), Decimal("9.00"), Decimal("7.20"))
    assert (result.earnings_trigger, result.lower_limit, result.upper_limit) == (
        Decimal(192), Decimal(120), Decimal(967))


def test_contributions_round_to_the_penny_half_up_and_the_employee_pays_the_rest():
    # Qualifying earnings 1.50: employer 0.045 -> 0.05, total 0.12, employee 0.07, relief at source 0.056 -> 0.06.
    result = assess("121.50", frequency="weekly", age=19)
    assert result.status == NON_ELIGIBLE_JOBHOLDER and not result.must_enrol
    assert (result.employer_minimum, result.total_minimum, result.employee_minimum,
            result.employee_deduction_relief_at_source) == (
        Decimal("0.05"), Decimal("0.12"), Decimal("0.07"), Decimal("0.06"))
    # Qualifying earnings 0.50: employer 0.015 -> 0.02, total 0.04, employee 0.02, relief at source 0.016 -> 0.02.
    small = assess("120.50", frequency="weekly", age=19)
    assert (small.employer_minimum, small.total_minimum, small.employee_minimum) == (
        Decimal("0.02"), Decimal("0.04"), Decimal("0.02"))


def test_opting_in_a_non_eligible_jobholder_has_the_same_minimums():
    young = assess("700.00", age=19)
    grown = assess("700.00", age=40)  # above the lower limit, not above the trigger
    assert young.status == grown.status == NON_ELIGIBLE_JOBHOLDER
    assert young.total_minimum == grown.total_minimum == Decimal("14.40")  # 8 % of 180


def test_no_contributions_are_required_for_entitled_workers_or_outside_the_duties():
    for result in (assess("520.00"), assess("5000.00", age=15), assess("5000.00", age=80, reached=True)):
        assert (result.employer_minimum, result.total_minimum, result.employee_minimum,
                result.employee_deduction_relief_at_source) == (Decimal(0),) * 4
    assert assess("5000.00", age=80, reached=True).qualifying_earnings == Decimal("3669.00")


def test_every_status_has_words():
    for status in STATUSES:
        assert status_words(status)
    assert "must" in status_words(ELIGIBLE_JOBHOLDER)


def test_bad_input_is_refused_plainly():
    with pytest.raises(ValidationError, match="pay frequency"):
        assess("300.00", frequency="daily")
    with pytest.raises(ValidationError, match="less than nothing"):
        assess("-1.00")
    with pytest.raises(ValidationError, match="whole number of pence"):
        assess("300.005")
    with pytest.raises(ValidationError, match="age"):
        assess("300.00", age=-1)
    with pytest.raises(ValueError, match="not a tax year"):
        assess("300.00", tax_year="2025/26")
    with pytest.raises(RatesError, match="2027-28"):
        assess("300.00", tax_year="2027-28")  # next year's figures are a data change, never this year's carried on
    with pytest.raises(RatesError, match="2023-24"):
        assess("300.00", tax_year="2023-24")  # no period figures in the table before 2024-25


def _changed(table: RatesTable, **figures) -> RatesTable:
    rows = tuple(replace(row, values=MappingProxyType({**row.values, **figures})) for row in table.rows)
    return RatesTable(table.name, table.title, rows)


def test_the_figures_come_from_the_table(monkeypatch):
    real = load_table("auto_enrolment")
    assert assess("250.00", frequency="weekly").status == ELIGIBLE_JOBHOLDER
    monkeypatch.setattr(pensions, "auto_enrolment_table",
                        lambda: _changed(real, earnings_trigger_weekly=Decimal(260), eligible_jobholder_minimum_age=25,
                                         minimum_employer_contribution=Decimal("0.04"), relief_at_source_rate=Decimal("0.25")))
    assert assess("250.00", frequency="weekly").status == NON_ELIGIBLE_JOBHOLDER
    assert assess("261.00", frequency="weekly", age=24).status == NON_ELIGIBLE_JOBHOLDER
    raised = assess("261.00", frequency="weekly", age=25)
    assert raised.status == ELIGIBLE_JOBHOLDER
    assert raised.employer_minimum == Decimal("5.64")                      # 4 % of 141
    assert raised.employee_deduction_relief_at_source == Decimal("4.23")   # 75 % of (11.28 - 5.64)


# --- an employer paying more than the minimum ---------------------------------------------------------------------


def test_pension_contributions_at_the_schemes_rates():
    on = date(2025, 6, 1)
    assert pension_contributions(qualifying_earnings=Decimal("1000.00"), employer_rate=Decimal("0.05"),
                                 employee_rate=Decimal("0.05"), relief="net_pay", on=on) == (
        Decimal("50.00"), Decimal("50.00"))
    assert pension_contributions(qualifying_earnings=Decimal("1000.00"), employer_rate=Decimal("0.05"),
                                 employee_rate=Decimal("0.05"), relief="relief_at_source", on=on) == (
        Decimal("50.00"), Decimal("40.00"))
    # 333.33 x 4 % = 13.3332 -> 13.33; x 6 % = 19.9998 -> 20.00, less 20 % = 16.00.
    assert pension_contributions(qualifying_earnings=Decimal("333.33"), employer_rate=Decimal("0.04"),
                                 employee_rate=Decimal("0.06"), relief="relief_at_source", on=on) == (
        Decimal("13.33"), Decimal("16.00"))
    with pytest.raises(ValidationError, match="net_pay or relief_at_source"):
        pension_contributions(qualifying_earnings=Decimal(1), employer_rate=Decimal("0.03"),
                              employee_rate=Decimal("0.05"), relief="salary_sacrifice", on=on)
    with pytest.raises(ValidationError, match="100 %"):
        pension_contributions(qualifying_earnings=Decimal(1), employer_rate=Decimal(3),
                              employee_rate=Decimal("0.05"), relief="net_pay", on=on)
    with pytest.raises(TypeError):
        pension_contributions(qualifying_earnings=Decimal(1), employer_rate=0.03,
                              employee_rate=Decimal("0.05"), relief="net_pay", on=on)


# --- State Pension age -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("born", "reaches"), [
    # Pensions Act 2014 explanatory notes, paras 124-125 (and s.26(3), para 1(7A) of Sch. 4 to the 1995 Act).
    (date(1960, 4, 15), date(2026, 5, 15)),
    (date(1960, 9, 10), date(2027, 3, 10)),
    (date(1961, 1, 22), date(2027, 11, 22)),
    (date(1960, 7, 31), date(2026, 11, 30)),
    (date(1960, 12, 31), date(2027, 9, 30)),
    (date(1961, 1, 31), date(2027, 11, 30)),
    # The edges of each band.
    (date(1953, 12, 5), date(2018, 12, 5)),    # 65
    (date(1953, 12, 6), date(2019, 3, 6)),     # Pensions Act 2011 table, first band
    (date(1954, 10, 5), date(2020, 9, 6)),     # its last band
    (date(1954, 10, 6), date(2020, 10, 6)),    # 66
    (date(1960, 4, 5), date(2026, 4, 5)),      # 66, the last birthday before the rise to 67
    (date(1960, 4, 6), date(2026, 5, 6)),      # 66 and 1 month
    (date(1961, 3, 5), date(2028, 2, 5)),      # 66 and 11 months
    (date(1961, 3, 6), date(2028, 3, 6)),      # 67
    (date(1977, 4, 5), date(2044, 4, 5)),      # 67
    (date(1977, 4, 6), date(2044, 5, 6)),      # Pensions Act 2007 table, first band
    (date(1977, 5, 6), date(2044, 7, 6)),
    (date(1978, 4, 5), date(2046, 3, 6)),      # its last band
    (date(1978, 4, 6), date(2046, 4, 6)),      # 68
    (date(1956, 2, 29), date(2022, 3, 1)),     # 66, born on 29 February: 1 March in a common year
])
def test_state_pension_age_dates(born, reaches):
    assert state_pension_age_date(born) == reaches
    assert has_reached_state_pension_age(born, reaches)
    assert not has_reached_state_pension_age(born, reaches - timedelta(days=1))


def test_state_pension_age_never_goes_backwards_and_is_65_to_68():
    day, last = date(1950, 1, 1), date(1990, 12, 31)
    previous = state_pension_age_date(day)
    while day <= last:
        reaches = state_pension_age_date(day)
        assert reaches >= previous, day
        assert date(day.year + 65, 1, 1) <= reaches <= date(day.year + 69, 1, 1), day
        previous = reaches
        day += timedelta(days=1)


# --- postponement and opting out -----------------------------------------------------------------------------------


def test_postponement_lasts_up_to_three_months():
    assert postponement_end(date(2026, 1, 15)) == date(2026, 4, 15)
    assert postponement_end(date(2025, 11, 30)) == date(2026, 2, 28)   # no 30 February: the month's last day
    assert postponement_end(date(2026, 5, 31)) == date(2026, 8, 31)


def test_the_opt_out_window_is_one_month_from_the_later_day():
    # Enrolled 1 March, told 10 March: the month begins on 10 March and ends on 9 April.
    assert opt_out_window(date(2026, 3, 1), date(2026, 3, 10)) == (date(2026, 3, 10), date(2026, 4, 9))
    # Told before enrolment: the month begins on the enrolment day.
    assert opt_out_window(date(2026, 3, 10), date(2026, 3, 1)) == (date(2026, 3, 10), date(2026, 4, 9))
    # Not recorded: the earliest it can be, from the enrolment day.
    assert opt_out_window(date(2026, 3, 10), None) == (date(2026, 3, 10), date(2026, 4, 9))
    # A month beginning on 31 January ends on the last day of February.
    assert opt_out_window(date(2026, 1, 31), None) == (date(2026, 1, 31), date(2026, 2, 28))
    assert opt_out_window(date(2028, 1, 31), None) == (date(2028, 1, 31), date(2028, 2, 29))


def test_the_opt_out_period_comes_from_the_table(monkeypatch):
    real = load_table("auto_enrolment")
    monkeypatch.setattr(pensions, "auto_enrolment_table", lambda: _changed(real, opt_out_period_months=2))
    assert opt_out_window(date(2026, 3, 10), None) == (date(2026, 3, 10), date(2026, 5, 9))
