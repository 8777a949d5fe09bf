"""GOV.UK's own unit tests for its holiday entitlement calculator, ported case by case.

Source: alphagov/smart-answers, test/unit/calculators/holiday_entitlement_test.rb at commit
584b6ab32c324932ec8a605894abd08714741751 (the calculator it tests, lib/smart_answer/calculators/
holiday_entitlement.rb, is at the same commit). Each row keeps the Ruby test's inputs and expected
figures: the displayed figure (formatted_*), and where the Ruby test asserts them, the fraction of the
year and the unrounded entitlement (both to 10 places). "dept" rows are the department's test data.
Starting-and-leaving rows set no leave year in Ruby (the year is measured from the start date), so
they pass the start date as the leave year start here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from paemployer.rules import holiday as h

D = date.fromisoformat


def _dates(start, leaving, leave_year):
    return dict(start=D(start) if start else None, leaving=D(leaving) if leaving else None,
                leave_year_start=D(leave_year or start or "2026-01-01"))


# (start, leaving, leave_year_start, days_per_week, display, fraction_10dp, days_10dp)
DAYS_CASES = [
    # full leave year
    (None, None, None, "5", "28", None, None),
    (None, None, None, "7", "28", None, None),
    (None, None, None, "3.5", "19.6", None, None),
    (None, None, None, "6", "28", None, None),           # dept 1
    (None, None, None, "3.5", "19.6", None, None),       # dept 2
    (None, None, None, "2", "11.2", None, None),         # dept 3
    (None, None, None, "1", "5.6", None, None),          # dept 4
    (None, None, None, "0.5", "2.8", None, None),        # dept 5
    # starting part way, standard year then leap year
    ("2019-06-01", None, "2019-01-01", "5", "16.5", "0.5833333333", "16.3333333333"),
    ("2019-11-23", None, "2019-04-01", "3", "7", "0.4166666667", "7"),
    ("2019-11-14", None, "2019-01-01", "6", "5", "0.1666666667", "4.6666666667"),
    ("2020-06-01", None, "2020-01-01", "5", "16.5", "0.5833333333", "16.3333333333"),
    ("2020-11-23", None, "2020-04-01", "3", "7", "0.4166666667", "7"),
    ("2020-11-14", None, "2020-01-01", "6", "5", "0.1666666667", "4.6666666667"),
    ("2021-02-09", None, "2020-08-01", "3", "8.5", None, None),   # dept 7
    ("2019-09-23", None, "2019-05-01", "5", "19", None, None),    # dept 8
    ("2020-02-13", None, "2019-07-01", "1", "2.5", None, None),   # dept 9
    ("2018-10-28", None, "2018-04-01", "1", "3", None, None),     # dept 10
    ("2019-05-10", None, "2018-06-06", "2", "1", None, None),     # dept 11
    ("2020-03-03", None, "2020-03-01", "4", "22.5", None, None),  # dept 12
    # leaving part way
    (None, "2019-06-01", "2019-01-01", "5", "11.7", "0.4164383562", "11.6602739726"),
    (None, "2018-11-23", "2018-04-01", "3", "11", "0.6493150685", "10.9084931507"),
    (None, "2020-06-01", "2020-01-01", "5", "11.8", "0.4180327869", "11.7049180328"),
    (None, "2019-11-23", "2019-04-01", "3", "10.9", "0.6475409836", "10.8786885246"),
    (None, "2020-08-22", "2020-01-01", "6", "18", "0.6420765027", "17.9781420765"),
    (None, "2020-10-20", "2020-05-01", "5", "13.3", "0.4739726027", "13.2712328767"),  # dept 13
    (None, "2020-06-18", "2019-12-01", "6", "15.4", "0.5491803279", "15.3770491803"),  # dept 14
    (None, "2020-03-17", "2019-06-01", "7", "22.3", "0.7950819672", "22.262295082"),   # dept 15
    (None, "2019-09-06", "2019-03-01", "6", "14.6", "0.5191256831", "14.5355191257"),  # dept 16
    (None, "2018-05-05", "2018-02-01", "3", "4.4", "0.2575342466", "4.3265753425"),    # dept 17
    (None, "2020-06-04", "2019-11-01", "4", "13.3", "0.5928961749", "13.2808743169"),  # dept 18
    # starting and leaving part way
    ("2019-01-20", "2019-07-18", None, "5", "13.9", "0.4931506849", "13.8082191781"),
    ("2018-11-23", "2019-04-07", None, "3", "6.3", "0.3726027397", "6.2597260274"),
    ("2018-08-22", "2019-07-31", None, "6", "26.4", "0.9424657534", "26.3890410959"),
    ("2020-01-20", "2020-07-18", None, "5", "13.9", "0.4945355191", "13.8469945355"),
    ("2019-11-23", "2020-04-07", None, "3", "6.3", "0.3743169399", "6.2885245902"),
    ("2019-08-22", "2020-07-31", None, "6", "26.4", "0.9426229508", "26.3934426230"),
    ("2019-08-09", "2020-01-01", None, "2", "4.5", None, None),   # dept 19
    ("2019-11-01", "2020-05-27", None, "6", "16", None, None),    # dept 20
    ("2019-10-04", "2020-06-23", None, "6", "20.2", None, None),  # dept 21
    ("2019-10-03", "2020-05-26", None, "1", "3.7", None, None),   # dept 22
    ("2018-06-04", "2018-11-13", None, "7", "12.6", None, None),  # dept 23
]


@pytest.mark.parametrize("start,leaving,leave_year,days,display,fraction,exact", DAYS_CASES)
def test_days_per_week_matches_govuk(start, leaving, leave_year, days, display, fraction, exact):
    result = h.entitlement_days(Decimal(days), **_dates(start, leaving, leave_year))
    assert result.display == display
    assert result.unit == "days"
    if fraction is not None:
        assert Decimal(result.working["fraction_of_year"]) == Decimal(fraction)
        assert Decimal(result.working["before_rounding"]) == Decimal(exact)


# (start, leaving, leave_year_start, hours_per_week, days_per_week, display, hours_and_minutes, unrounded_10dp)
HOURS_CASES = [
    # compressed hours department tests
    (None, None, None, "68", "7", "272", (272, 0), None),
    (None, None, None, "73", "7", "292", (292, 0), None),
    (None, None, None, "57", "5", "319.2", (319, 12), None),
    (None, None, None, "80", "6", "373.4", (373, 24), None),
    (None, None, None, "38", "5", "212.8", (212, 48), None),
    (None, None, None, "40", "4", "224", (224, 0), None),
    ("2020-07-14", None, "2019-11-01", "26", "2", "52", (52, 0), None),
    ("2018-09-12", None, "2018-04-01", "49", "5", "161.7", (161, 42), None),
    ("2019-11-08", None, "2019-04-01", "35", "3", "81.7", (81, 42), None),
    (None, "2019-07-10", "2018-11-01", "33", "3", "127.6", (127, 36), None),
    (None, "2020-03-18", "2019-10-01", "73", "7", "135.7", (135, 42), None),
    ("2018-05-10", "2018-12-04", None, "35", "3", "112.3", (112, 18), None),
    ("2018-04-02", "2019-03-08", None, "29", "2", "151.8", (151, 48), None),
    ("2019-11-23", "2020-06-07", None, "47", "6", "118.7", (118, 42), None),
    ("2019-10-30", "2020-10-12", None, "25", "6", "111.3", (111, 18), None),
    ("2020-03-01", "2020-06-01", None, "37.5", "5", "53.6", (53, 36), None),
    # hours worked per week: full year
    (None, None, None, "40", "5", "224", (224, 0), None),
    (None, None, None, "25", "3", "140", (140, 0), None),
    (None, None, None, "36", "6", "168", (168, 0), None),
    (None, None, None, "80", "7", "320", None, None),     # dept 1
    (None, None, None, "49", "4", "274.4", None, None),   # dept 2
    (None, None, None, "76", "6", "354.7", None, None),   # dept 3
    (None, None, None, "55", "3", "308", None, None),     # dept 4
    (None, None, None, "13", "2", "72.8", None, None),    # dept 5
    (None, None, None, "45", "5", "252", None, None),     # dept 6
    # starting part way
    ("2019-06-01", None, "2019-01-01", "40", "5", "132", (132, 0), None),
    ("2020-11-23", None, "2020-04-01", "25", "3", "58.4", (58, 24), None),
    ("2019-11-14", None, "2019-01-01", "36", "6", "30", (30, 0), None),
    ("2020-06-01", None, "2020-01-01", "40", "5", "132", (132, 0), None),
    ("2019-11-23", None, "2019-04-01", "25", "3", "58.4", (58, 24), None),
    ("2020-11-14", None, "2020-01-01", "36", "6", "30", (30, 0), None),
    ("2020-08-21", None, "2019-11-01", "69", "6", "80.5", None, None),    # dept 9
    ("2020-07-28", None, "2020-01-01", "50", "6", "116.7", None, None),   # dept 10
    ("2020-02-03", None, "2019-11-01", "14", "5", "58.8", None, None),    # dept 11
    ("2021-03-04", None, "2020-08-03", "50", "6", "100", None, None),     # dept 12
    # leaving part way
    (None, "2019-06-01", "2019-01-01", "40", "5", "93.3", (93, 18), "93.2821917808"),
    (None, "2020-11-23", "2020-04-01", "25", "3", "91", (91, 0), "90.9041095890"),
    (None, "2019-08-22", "2019-01-01", "36", "6", "107.8", (107, 48), "107.7041095890"),
    (None, "2020-06-01", "2020-01-01", "40", "5", "93.7", (93, 42), "93.6393442623"),
    (None, "2019-11-23", "2019-04-01", "25", "3", "90.7", (90, 42), "90.6557377049"),
    (None, "2020-08-22", "2020-01-01", "36", "6", "107.9", (107, 54), "107.8688524590"),
    (None, "2020-02-11", "2019-06-01", "34", "2", "133.2", None, None),   # dept 13
    (None, "2019-06-26", "2018-10-01", "47", "2", "194", None, None),     # dept 14
    (None, "2020-04-19", "2019-10-01", "71", "7", "156.8", None, None),   # dept 15
    (None, "2020-04-30", "2019-06-01", "63", "5", "323", None, None),     # dept 17
    # starting and leaving part way
    ("2019-01-20", "2019-07-18", None, "40", "5", "110.5", (110, 30), "110.4657534247"),
    ("2018-11-23", "2019-04-07", None, "25", "3", "52.2", (52, 12), "52.1643835616"),
    ("2018-08-22", "2019-07-31", None, "36", "6", "158.4", (158, 24), "158.3342465753"),
    ("2020-01-20", "2020-07-18", None, "40", "5", "110.8", (110, 48), "110.7759562842"),
    ("2019-11-23", "2020-04-07", None, "25", "3", "52.5", (52, 30), "52.4043715847"),
    ("2019-08-22", "2020-07-31", None, "36", "6", "158.4", (158, 24), "158.3606557377"),
    ("2020-11-17", "2021-01-21", None, "55", "3", "55.7", None, None),    # dept 19
    ("2018-10-04", "2018-12-14", None, "25", "6", "23.1", None, None),    # dept 20
    ("2018-05-29", "2019-01-22", None, "61", "3", "223.7", None, None),   # dept 21
    ("2018-12-25", "2019-11-08", None, "26", "6", "106.1", None, None),   # dept 22
    ("2019-04-03", "2020-03-04", None, "44", "6", "189.1", None, None),   # dept 23
    ("2018-01-03", "2018-04-04", None, "32", "4", "45.2", None, None),    # dept 24
]


@pytest.mark.parametrize("start,leaving,leave_year,hours,days,display,hm,unrounded", HOURS_CASES)
@pytest.mark.parametrize("calculate", [h.entitlement_hours, h.entitlement_compressed], ids=["hours", "compressed"])
def test_hours_and_compressed_match_govuk(calculate, start, leaving, leave_year, hours, days, display, hm, unrounded):
    # GOV.UK's hours and compressed-hours outcomes share formatted_full_time_part_time_compressed_hours.
    result = calculate(Decimal(hours), Decimal(days), **_dates(start, leaving, leave_year))
    assert result.display == display
    assert result.unit == "hours"
    if hm is not None:
        assert (result.extra["hours_and_minutes"]["hours"], result.extra["hours_and_minutes"]["minutes"]) == hm
    if unrounded is not None:
        assert result.entitlement == Decimal(unrounded)


def test_compressed_daily_average_matches_govuk():
    # Older GOV.UK unit test (commit 04eaf2688c): 20.5 hours over 3 days -> 6 h 50 min for each day worked.
    result = h.entitlement_compressed(Decimal("20.5"), Decimal("3"), leave_year_start=D("2026-01-01"))
    assert result.extra["daily_average"] == {"hours": 6, "minutes": 50}


# (start, leaving, leave_year_start, shifts_per_pattern, pattern_days, display)
SHIFT_CASES = [
    (None, None, None, 4, "9", "17.5"),     # dept 1
    (None, None, None, 9, "12", "28"),      # dept 2
    (None, None, None, 4, "6", "26.2"),     # dept 3
    (None, None, None, 8, "10", "28"),      # dept 4
    (None, None, None, 5, "5", "28"),       # dept 5
    (None, None, None, 1, "18", "2.2"),     # dept 6
    (None, None, None, 8, "14", "22.4"),
    (None, None, None, 7, "10", "27.5"),
    (None, None, None, 12, "14", "28"),
    ("2020-08-31", None, "2020-02-01", 8, "12", "13.5"),   # dept 7
    ("2020-07-22", None, "2020-01-01", 8, "14", "11.5"),   # dept 8
    ("2020-06-20", None, "2019-09-01", 3, "9", "3.5"),     # dept 9
    ("2019-06-12", None, "2019-03-19", 6, "7", "23.5"),    # dept 11
    ("2020-12-08", None, "2020-04-08", 8, "10", "9.5"),    # dept 12
    ("2019-06-01", None, "2019-01-01", 8, "14", "13.5"),
    ("2020-11-23", None, "2020-04-01", 7, "10", "11.5"),
    ("2019-11-14", None, "2019-01-01", 12, "14", "5"),
    ("2020-06-01", None, "2020-01-01", 8, "14", "13.5"),
    ("2019-11-23", None, "2019-04-01", 7, "10", "11.5"),
    ("2020-11-14", None, "2020-01-01", 12, "14", "5"),
    (None, "2020-10-13", "2020-01-01", 12, "15", "21.96"),  # dept 13
    (None, "2020-12-01", "2020-05-01", 10, "15", "15.40"),  # dept 14
    (None, "2019-08-19", "2019-05-01", 3, "8", "4.46"),     # dept 15
    (None, "2019-09-17", "2018-12-01", 6, "10", "18.76"),   # dept 16
    (None, "2019-04-01", "2019-03-01", 1, "10", "0.35"),    # dept 17
    (None, "2020-12-25", "2020-09-01", 2, "15", "1.67"),    # dept 18
    (None, "2019-06-01", "2019-01-01", 8, "14", "9.33"),
    (None, "2020-11-23", "2020-04-01", 7, "10", "17.82"),
    (None, "2019-11-14", "2019-01-01", 12, "14", "24.40"),
    (None, "2020-06-01", "2020-01-01", 8, "14", "9.37"),
    (None, "2019-11-23", "2019-04-01", 7, "10", "17.77"),
    (None, "2020-11-14", "2020-01-01", 12, "14", "24.41"),
    ("2018-12-08", "2019-05-09", None, 3, "6", "8.22"),     # dept 19
    ("2020-01-07", "2020-10-17", None, 7, "10", "21.37"),   # dept 20
    ("2018-02-19", "2018-04-12", None, 3, "6", "2.85"),     # dept 21
    ("2019-07-07", "2020-03-11", None, 6, "8", "19.05"),    # dept 22
    ("2019-12-03", "2020-09-09", None, 10, "11", "21.58"),  # dept 23
    ("2019-08-04", "2020-06-12", None, 7, "12", "19.62"),   # dept 24
    ("2019-01-20", "2019-07-18", None, 8, "14", "11.05"),
    ("2020-11-23", "2021-04-07", None, 7, "10", "10.23"),
    ("2020-08-22", "2021-07-31", None, 12, "14", "26.39"),
    ("2020-01-20", "2020-07-18", None, 8, "14", "11.08"),
    ("2019-11-23", "2020-04-07", None, 7, "10", "10.28"),
    ("2019-08-22", "2020-07-31", None, 12, "14", "26.40"),
]


@pytest.mark.parametrize("start,leaving,leave_year,shifts,pattern_days,display", SHIFT_CASES)
def test_shifts_match_govuk(start, leaving, leave_year, shifts, pattern_days, display):
    result = h.entitlement_shifts(Decimal("8"), shifts, Decimal(pattern_days), **_dates(start, leaving, leave_year))
    assert result.display == display
    assert result.unit == "shifts"


# (start, leaving, leave_year_start, display, fraction_10dp, weeks_10dp)
ANNUALISED_CASES = [
    (None, None, None, "5.6", None, None),   # dept 1
    ("2019-06-01", None, "2019-01-01", "3.27", "0.5833333333", "3.2666666667"),
    ("2020-11-23", None, "2020-04-01", "2.34", "0.4166666667", "2.3333333333"),
    ("2019-11-14", None, "2019-01-01", "0.94", "0.1666666667", "0.9333333333"),
    ("2020-06-01", None, "2020-01-01", "3.27", "0.5833333333", "3.2666666667"),
    ("2019-11-23", None, "2019-04-01", "2.34", "0.4166666667", "2.3333333333"),
    ("2020-11-14", None, "2020-01-01", "0.94", "0.1666666667", "0.9333333333"),
    ("2020-05-29", None, "2019-12-01", "3.27", None, None),   # dept 2
    ("2020-09-03", None, "2019-12-01", "1.40", None, None),   # dept 3
    ("2019-03-01", None, "2018-10-01", "3.27", None, None),   # dept 4
    ("2020-06-05", None, "2020-01-01", "3.27", None, None),   # dept 5
    ("2019-04-07", None, "2019-11-01", "3.27", None, None),   # dept 6
    ("2019-09-23", None, "2018-08-14", "5.14", None, None),   # dept 7
    ("2020-02-16", None, "2019-04-02", "0.94", None, None),   # dept 8
    (None, "2019-06-01", "2019-01-01", "2.34", "0.4164383562", "2.3320547945"),
    (None, "2020-11-23", "2020-04-01", "3.64", "0.6493150685", "3.6361643836"),
    (None, "2019-08-22", "2019-01-01", "3.60", "0.6410958904", "3.5901369863"),
    (None, "2020-06-01", "2020-01-01", "2.35", "0.4180327869", "2.3409836066"),
    (None, "2019-11-23", "2019-04-01", "3.63", "0.6475409836", "3.6262295082"),
    (None, "2020-08-22", "2020-01-01", "3.60", "0.6420765027", "3.5956284153"),
    (None, "2020-06-24", "2019-12-01", "3.17", None, None),   # dept 9
    (None, "2018-12-30", "2018-06-01", "3.27", None, None),   # dept 11
    (None, "2020-12-13", "2020-08-01", "2.08", None, None),   # dept 12
    (None, "2020-08-31", "2020-01-01", "3.74", None, None),   # dept 13
    (None, "2019-11-07", "2019-08-05", "1.46", None, None),   # dept 14
    (None, "2020-06-18", "2019-10-20", "3.72", None, None),   # dept 15
    ("2019-01-20", "2019-07-18", None, "2.77", "0.4931506849", "2.7616438356"),
    ("2020-11-23", "2021-04-07", None, "2.09", "0.3726027397", "2.0865753425"),
    ("2020-08-22", "2021-07-31", None, "5.28", "0.9424657534", "5.2778082192"),
    ("2020-01-20", "2020-07-18", None, "2.77", "0.4945355191", "2.7693989071"),
    ("2019-11-23", "2020-04-07", None, "2.10", "0.3743169399", "2.0961748634"),
    ("2019-08-22", "2020-07-31", None, "5.28", "0.9426229508", "5.2786885246"),
    ("2019-01-12", "2019-03-27", None, "1.16", None, None),   # dept 16
    ("2018-12-10", "2019-05-14", None, "2.40", None, None),   # dept 17
    ("2018-08-30", "2019-05-27", None, "4.16", None, None),   # dept 18
    ("2019-10-07", "2019-12-20", None, "1.15", None, None),   # dept 19
    ("2019-07-29", "2020-05-23", None, "4.60", None, None),   # dept 20
    ("2020-01-01", "2020-06-01", None, "2.35", None, None),   # dept 21
    ("2019-04-06", "2020-02-03", None, "4.66", None, None),   # dept 22
]


@pytest.mark.parametrize("start,leaving,leave_year,display,fraction,weeks", ANNUALISED_CASES)
def test_annualised_weeks_match_govuk(start, leaving, leave_year, display, fraction, weeks):
    result = h.entitlement_weeks(**_dates(start, leaving, leave_year))
    assert result.display == display
    assert result.unit == "weeks"
    if fraction is not None:
        assert Decimal(result.working["fraction_of_year"]) == Decimal(fraction)
        assert result.entitlement == Decimal(weeks)


@pytest.mark.parametrize("hours_worked,expected", [("30", 4), ("12", 1), ("60", 7)])
def test_irregular_hours_accrual_matches_govuk(hours_worked, expected):
    result = h.irregular_hours_accrual(Decimal(hours_worked), leave_year_start=D("2024-04-01"))
    assert result.entitlement == Decimal(expected)
    assert result.unit == "hours"

