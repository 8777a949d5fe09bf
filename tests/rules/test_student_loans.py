"""Student and postgraduate loan deductions at the thresholds, by HMRC's method (Collection of Student Loans Manual
CSLM17065, CSLM18025): period threshold = annual / 52 or / 12 rounded down to the penny (the weekly and monthly
figures HMRC publishes), 9 % (6 % postgraduate) of earnings above it, rounded down to whole pounds; fortnightly and
four-weekly pay worked week by week and multiplied. Thresholds from HMRC "Rates and thresholds for employers"
2024 to 2025, 2025 to 2026 and 2026 to 2027."""

from __future__ import annotations

from decimal import Decimal

import pytest

from paemployer.errors import PAEmployerError, RatesError
from paemployer.rules.student_loans import (
    annual_threshold,
    period_threshold,
    student_loan_deduction,
)

D = Decimal


def deduction(year, frequency, plan, earnings):
    return student_loan_deduction(tax_year=year, frequency=frequency, plan=plan, earnings=D(earnings))


@pytest.mark.parametrize("year, plan, annual, monthly, weekly", [
    ("2024-25", "1", "24990", "2082.50", "480.57"),
    ("2024-25", "2", "27295", "2274.58", "524.90"),
    ("2024-25", "4", "31395", "2616.25", "603.75"),
    ("2024-25", "postgraduate", "21000", "1750.00", "403.84"),
    ("2025-26", "1", "26065", "2172.08", "501.25"),
    ("2025-26", "2", "28470", "2372.50", "547.50"),
    ("2025-26", "4", "32745", "2728.75", "629.71"),
    ("2025-26", "postgraduate", "21000", "1750.00", "403.84"),
    ("2026-27", "1", "26900", "2241.66", "517.30"),
    ("2026-27", "2", "29385", "2448.75", "565.09"),
    ("2026-27", "4", "33795", "2816.25", "649.90"),
    ("2026-27", "5", "25000", "2083.33", "480.76"),
    ("2026-27", "postgraduate", "21000", "1750.00", "403.84"),
])
def test_thresholds_as_hmrc_publishes_them(year, plan, annual, monthly, weekly):
    assert annual_threshold(tax_year=year, plan=plan) == D(annual)
    assert period_threshold(tax_year=year, frequency="monthly", plan=plan) == D(monthly)
    assert period_threshold(tax_year=year, frequency="weekly", plan=plan) == D(weekly)


@pytest.mark.parametrize("year, frequency, plan, earnings, expected", [
    # At the threshold and just either side of the first whole pound (9 % of 11.12 = 1.0008; of 11.11 = 0.9999).
    ("2024-25", "monthly", "1", "2082.50", "0"),
    ("2024-25", "monthly", "1", "2082.49", "0"),
    ("2024-25", "monthly", "1", "2093.61", "0"),
    ("2024-25", "monthly", "1", "2093.62", "1"),
    ("2024-25", "weekly", "1", "491.68", "0"),
    ("2024-25", "weekly", "1", "491.69", "1"),
    ("2024-25", "weekly", "2", "536.02", "1"),       # 11.12 above 524.90
    ("2024-25", "monthly", "4", "2627.37", "1"),     # 11.12 above 2,616.25
    # Postgraduate at 6 %: 16.67 x 6 % = 1.0002, 16.66 x 6 % = 0.9996.
    ("2024-25", "weekly", "postgraduate", "420.50", "0"),
    ("2024-25", "weekly", "postgraduate", "420.51", "1"),
    ("2025-26", "monthly", "postgraduate", "2500.00", "45"),   # 750 x 6 % = 45.00
    ("2025-26", "monthly", "2", "2500.00", "11"),    # 127.50 x 9 % = 11.475
    ("2025-26", "weekly", "4", "700.00", "6"),       # 70.29 x 9 % = 6.3261
    ("2025-26", "monthly", "1", "2172.08", "0"),
    ("2026-27", "monthly", "5", "2094.45", "1"),     # 11.12 above 2,083.33
    ("2026-27", "monthly", "5", "2094.44", "0"),
    ("2026-27", "weekly", "1", "1517.30", "90"),     # 1,000 x 9 % = 90.00
    ("2026-27", "monthly", "4", "0.00", "0"),
    # Fortnightly: the pay split into two equal weeks, the week's deduction rounded down, times two (CSLM17065):
    # 1,200 / 2 = 600; 600 - 547.50 = 52.50; x 9 % = 4.725 -> 4; x 2 = 8 (one two-week threshold would give 9).
    ("2025-26", "fortnightly", "2", "1200.00", "8"),
    # Four-weekly: 2,400 / 4 = 600; 600 - 480.57 = 119.43; x 9 % = 10.7487 -> 10; x 4 = 40.
    ("2024-25", "four_weekly", "1", "2400.00", "40"),
    ("2024-25", "four_weekly", "1", "1922.28", "0"),  # 480.57 a week
])
def test_deductions_at_and_around_the_thresholds(year, frequency, plan, earnings, expected):
    result = deduction(year, frequency, plan, earnings)
    assert result == D(expected) and result == result.quantize(D("1"))


def test_a_plan_that_does_not_exist_that_year_is_refused():
    for year in ("2024-25", "2025-26"):
        with pytest.raises(ValueError, match=r"no Plan 5 student loan deductions .* 2026-27"):
            deduction(year, "monthly", "5", "3000.00")


@pytest.mark.parametrize("changes", [
    {"plan": "3"}, {"plan": "plan 2"}, {"plan": ""}, {"frequency": "daily"}, {"earnings": "-1"},
    {"earnings": "1.005"}, {"tax_year": "2025"},
])
def test_bad_input_is_refused(changes):
    arguments = {"year": "2025-26", "frequency": "monthly", "plan": "1", "earnings": "3000.00"}
    arguments.update({"year" if key == "tax_year" else key: value for key, value in changes.items()})
    with pytest.raises(ValueError) as raised:
        deduction(arguments["year"], arguments["frequency"], arguments["plan"], arguments["earnings"])
    assert isinstance(raised.value, PAEmployerError)


def test_a_year_without_figures_is_refused():
    with pytest.raises(RatesError, match="2024-25 to 2026-27"):
        deduction("2027-28", "monthly", "1", "3000.00")
