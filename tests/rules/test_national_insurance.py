"""Class 1 NI rules: 2024-25 worked examples (HMRC publishes no test data for that year), HMRC's rounding, period
thresholds, every category letter, the letters' words and the suggested letter, and refusals.

How the 2024-25 examples are derived. Figures: HMRC "Rates and thresholds for employers 2024 to 2025"
(https://www.gov.uk/guidance/rates-and-thresholds-for-employers-2024-to-2025): weekly LEL 123, PT 242, ST 175,
UEL 967; monthly 533, 1,048, 758, 4,189; annual 6,396, 12,570, 9,100, 50,270; upper secondary thresholds for under
21s, apprentices under 25 and veterans 967 a week (4,189 a month, 50,270 a year), freeport and investment zone 481 a
week (2,083 a month, 25,000 a year); employee 8 % from PT to UEL and 2 % above, category B 1.85 %, categories J and
Z 2 %, C none; employer 13.8 % above ST (or above the category's upper secondary threshold). Method, the one that
reproduces all 925 HMRC rows for 2025-26 and 2026-27 (test_national_insurance_hmrc.py; ../shared/reference/
payroll-rates/ni.json "method"): fortnightly and four-weekly thresholds are annual x weeks / 52 rounded UP to a
whole pound (fortnightly LEL 6,396 x 2 / 52 = 246, PT 483.46 -> 484, ST 350, UEL 1,933.46 -> 1,934; four-weekly
492, 966.92 -> 967, 700, 3,866.92 -> 3,867); each contribution part (up to the UEL, above the UEL) is rounded on its
own by looking at the third decimal place (6 or more up, 5 or less down); bands as an FPS reports them (nothing
below the LEL). Each example's arithmetic is written beside it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest

from paemployer.errors import RatesError, ValidationError
from paemployer.rules import national_insurance as ni
from paemployer.rules.national_insurance import (
    CATEGORIES,
    FREQUENCIES,
    category_words,
    class1_ni,
    period_thresholds,
    round_ni,
    suggested_category,
)
from paemployer.rules.rates import RatesTable, load_table

D = Decimal
SHARED_RATES = Path(__file__).resolve().parents[3] / "shared" / "reference" / "payroll-rates" / "ni.json"


def figures(result):
    return (str(result.employee_ni), str(result.employer_ni), str(result.earnings_at_lel),
            str(result.earnings_lel_to_pt), str(result.earnings_pt_to_uel), str(result.earnings_above_uel))


# (frequency, category, gross, employee, employer, at LEL, LEL-PT, PT-UEL, above UEL), 2024-25, with the working.
EXAMPLES_2024_25 = [
    # 8 % x (500 - 242) = 20.64; 13.8 % x (500 - 175) = 44.85
    ("weekly", "A", "500.00", "20.64", "44.85", "123", "119", "258", "0"),
    # above the LEL, below ST (175 in 2024-25, above the LEL): nothing due, bands 123 and 27 reported
    ("weekly", "A", "150.00", "0.00", "0.00", "123", "27", "0", "0"),
    # below the LEL: nothing reported
    ("weekly", "A", "120.00", "0.00", "0.00", "0", "0", "0", "0"),
    # employer 13.8 % x (175.04 - 175) = 0.00552: third decimal 5, rounds down; x 0.05 = 0.0069: rounds up
    ("weekly", "A", "175.04", "0.00", "0.00", "123", "52.04", "0", "0"),
    ("weekly", "A", "175.05", "0.00", "0.01", "123", "52.05", "0", "0"),
    # 8 % x (2,000 - 1,048) = 76.16; 13.8 % x (2,000 - 758) = 171.396: third decimal 6, rounds up to 171.40
    ("monthly", "A", "2000.00", "76.16", "171.40", "533", "515", "952", "0"),
    # employee 8 % x 3,141 = 251.28 + 2 % x 811 = 16.22 -> 267.50; employer 13.8 % x 3,431 = 473.478 -> 473.48
    # + 13.8 % x 811 = 111.918 -> 111.92 -> 585.40
    ("monthly", "A", "5000.00", "267.50", "585.40", "533", "515", "3141", "811"),
    # fortnightly thresholds 246 / 484 / 350 / 1,934: 8 % x 516 = 41.28; 13.8 % x 650 = 89.70
    ("fortnightly", "A", "1000.00", "41.28", "89.70", "246", "238", "516", "0"),
    # four-weekly thresholds 492 / 967 / 700 / 3,867: 8 % x 1,033 = 82.64; 13.8 % x 1,300 = 179.40
    ("four_weekly", "A", "2000.00", "82.64", "179.40", "492", "475", "1033", "0"),
    # B: 1.85 % x 258 = 4.773 -> 4.77
    ("weekly", "B", "500.00", "4.77", "44.85", "123", "119", "258", "0"),
    # C: no employee NI, the employer's as for A
    ("weekly", "C", "500.00", "0.00", "44.85", "123", "119", "258", "0"),
    # M (under 21): employer nothing up to 967; employee as A
    ("weekly", "M", "500.00", "20.64", "0.00", "123", "119", "258", "0"),
    # M above the UEL: employee 8 % x 725 = 58.00 + 2 % x 33 = 0.66; employer 13.8 % x 33 = 4.554 -> 4.55
    ("weekly", "M", "1000.00", "58.66", "4.55", "123", "119", "725", "33"),
    # H (apprentice under 25): as M
    ("weekly", "H", "1000.00", "58.66", "4.55", "123", "119", "725", "33"),
    # V (veteran): as M
    ("weekly", "V", "1000.00", "58.66", "4.55", "123", "119", "725", "33"),
    # J (deferred): 2 % x 258 = 5.16; employer as A
    ("weekly", "J", "500.00", "5.16", "44.85", "123", "119", "258", "0"),
    # J above the UEL: 2 % x 725 = 14.50 + 2 % x 33 = 0.66; employer 13.8 % x 825 = 113.85
    ("weekly", "J", "1000.00", "15.16", "113.85", "123", "119", "725", "33"),
    # Z (under 21, deferred): employee as J, employer as M
    ("weekly", "Z", "1000.00", "15.16", "4.55", "123", "119", "725", "33"),
    # X: no NI and nothing reported
    ("weekly", "X", "1000.00", "0.00", "0.00", "0", "0", "0", "0"),
    # F (freeport): employer nothing up to 481: 13.8 % x 119 = 16.422 -> 16.42; employee 8 % x 358 = 28.64
    ("weekly", "F", "600.00", "28.64", "16.42", "123", "119", "358", "0"),
]


@pytest.mark.parametrize("case", EXAMPLES_2024_25, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in EXAMPLES_2024_25])
def test_2024_25_worked_examples(case):
    frequency, category, gross, *expected = case
    result = class1_ni(tax_year="2024-25", frequency=frequency, category=category, gross=D(gross))
    assert tuple(D(x) for x in figures(result)) == tuple(D(x) for x in expected)
    assert all(len(x.partition(".")[2]) == 2 for x in figures(result))  # pounds and pence, as an FPS has them
    assert result.category == category


def test_the_employee_rounding_boundary_in_2025_26():
    # 8 % x 0.07 = 0.0056 (third decimal 5: down); 8 % x 0.08 = 0.0064 (third decimal 6: up)
    low = class1_ni(tax_year="2025-26", frequency="weekly", category="A", gross=D("242.07"))
    high = class1_ni(tax_year="2025-26", frequency="weekly", category="A", gross=D("242.08"))
    assert (low.employee_ni, high.employee_ni) == (D("0.00"), D("0.01"))


@pytest.mark.parametrize(("amount", "rounded"), [
    ("0.0056", "0.00"), ("0.0064", "0.01"), ("0.0075", "0.01"), ("0.0059", "0.00"), ("0.0060", "0.01"),
    ("171.396", "171.40"), ("4.773", "4.77"), ("1.2359", "1.23"), ("7", "7.00"), ("0", "0.00"),
])
def test_hmrc_ni_rounding_looks_at_the_third_decimal_only(amount, rounded):
    assert str(round_ni(D(amount))) == rounded


def test_employer_ni_is_due_below_the_lel_from_2025_26():
    # ST 96 < LEL 125: 15 % x (100 - 96) = 0.60, and the FPS reports no bands below the LEL
    result = class1_ni(tax_year="2025-26", frequency="weekly", category="A", gross=D("100.00"))
    assert figures(result) == ("0.00", "0.60", "0.00", "0.00", "0.00", "0.00")


def test_a_payment_covering_two_weeks_doubles_the_weekly_thresholds():
    # LEL 250, PT 484, ST 192 (2 x 96: not the fortnightly 193), UEL 1,934: 8 % x 516 = 41.28; 15 % x 808 = 121.20
    two_weeks = class1_ni(tax_year="2025-26", frequency="weekly", category="A", gross=D("1000"), periods=2)
    assert (two_weeks.employee_ni, two_weeks.employer_ni) == (D("41.28"), D("121.20"))
    assert (two_weeks.earnings_at_lel, two_weeks.earnings_lel_to_pt) == (D("250"), D("234"))
    fortnight = class1_ni(tax_year="2025-26", frequency="fortnightly", category="A", gross=D("1000"))
    assert fortnight.employer_ni == D("121.05")  # 15 % x (1,000 - 193)


@pytest.mark.parametrize(("year", "frequency", "expected"), [
    ("2024-25", "weekly", (123, 242, 175, 967)),
    ("2024-25", "fortnightly", (246, 484, 350, 1934)),
    ("2024-25", "four_weekly", (492, 967, 700, 3867)),
    ("2024-25", "monthly", (533, 1048, 758, 4189)),
    ("2025-26", "weekly", (125, 242, 96, 967)),
    ("2025-26", "fortnightly", (250, 484, 193, 1934)),
    ("2025-26", "four_weekly", (500, 967, 385, 3867)),
    ("2025-26", "monthly", (542, 1048, 417, 4189)),
    ("2026-27", "fortnightly", (258, 484, 193, 1934)),
    ("2026-27", "monthly", (559, 1048, 417, 4189)),
])
def test_period_thresholds(year, frequency, expected):
    limits = period_thresholds(tax_year=year, frequency=frequency)
    assert (limits.lower_earnings_limit, limits.primary_threshold, limits.secondary_threshold,
            limits.upper_earnings_limit) == tuple(D(x) for x in expected)
    assert limits.employer_relief_threshold is None


def test_period_thresholds_agree_with_the_shared_reference_for_every_year_frequency_and_letter():
    if not SHARED_RATES.exists():
        pytest.skip("the shared reference folder is not beside this checkout")
    years = json.loads(SHARED_RATES.read_text(encoding="utf-8"))["years"]
    relief = {"M": "UST", "H": "AUST", "V": "VUST", "F": "FUST", "N": "IZUST", "A": None}
    compared = 0
    for year, data in years.items():
        limits = data["thresholds"]
        for frequency in FREQUENCIES:
            for letter, name in relief.items():
                got = period_thresholds(tax_year=year, frequency=frequency, category=letter)
                assert (got.lower_earnings_limit, got.primary_threshold, got.secondary_threshold,
                        got.upper_earnings_limit) == tuple(
                    D(limits[key][frequency]) for key in ("LEL", "PT", "ST", "UEL")), (year, frequency)
                assert got.employer_relief_threshold == (D(limits[name][frequency]) if name else None)
                compared += 1
    assert compared == 3 * 4 * 6


def test_every_letter_has_words_a_rate_and_lowercase_is_accepted():
    assert set(ni.EMPLOYEE_RATE) | {ni.NO_NI} == set(CATEGORIES) == set(ni.CATEGORY_WORDS)
    words = [category_words(letter) for letter in CATEGORIES]
    assert all(words) and len(set(words)) == len(CATEGORIES)
    assert category_words("a") == "Standard rate (most people)"
    assert class1_ni(tax_year="2025-26", frequency="weekly", category=" m ", gross=D("500")).category == "M"


@pytest.mark.parametrize(("facts", "letter"), [
    ({"age": 30, "over_state_pension_age": False, "apprentice_under_25": False}, "A"),
    ({"age": None, "over_state_pension_age": False, "apprentice_under_25": False}, "A"),
    ({"age": 19, "over_state_pension_age": False, "apprentice_under_25": False}, "M"),
    ({"age": 20, "over_state_pension_age": False, "apprentice_under_25": False}, "M"),
    ({"age": 21, "over_state_pension_age": False, "apprentice_under_25": False}, "A"),
    ({"age": 19, "over_state_pension_age": False, "apprentice_under_25": True}, "H"),
    ({"age": 24, "over_state_pension_age": False, "apprentice_under_25": True}, "H"),
    ({"age": 25, "over_state_pension_age": False, "apprentice_under_25": True}, "A"),
    ({"age": 67, "over_state_pension_age": True, "apprentice_under_25": False}, "C"),
    ({"age": 67, "over_state_pension_age": True, "apprentice_under_25": False, "deferred": True}, "C"),
    ({"age": 40, "over_state_pension_age": False, "apprentice_under_25": False, "deferred": True}, "J"),
    ({"age": 18, "over_state_pension_age": False, "apprentice_under_25": False, "deferred": True}, "Z"),
    ({"age": 15, "over_state_pension_age": False, "apprentice_under_25": False}, "X"),
])
def test_suggested_category(facts, letter):
    assert suggested_category(**facts) == letter


@pytest.mark.parametrize(("arguments", "field"), [
    ({"frequency": "daily"}, "frequency"),
    ({"frequency": "four-weekly"}, "frequency"),  # the rules take the stored spelling; the CLI accepts both
    ({"category": "Q"}, "category"),
    ({"category": ""}, "category"),
    ({"gross": D("-0.01")}, "gross"),
    ({"gross": D("100.001")}, "gross"),
    ({"gross": 100.5}, "gross"),  # a float cannot hold pence exactly
    ({"gross": "lots"}, "gross"),
    ({"gross": D("1e40")}, "gross"),
    ({"periods": 0}, "periods"),
    ({"periods": True}, "periods"),
    ({"tax_year": "2025/26"}, "tax_year"),
    ({"tax_year": "2025-27"}, "tax_year"),
])
def test_bad_input_is_a_validation_error_naming_the_field(arguments, field):
    call = {"tax_year": "2025-26", "frequency": "weekly", "category": "A", "gross": D("500"), "periods": 1} | arguments
    with pytest.raises(ValidationError) as raised:
        class1_ni(**call)
    assert raised.value.field == field


@pytest.mark.parametrize("year", ["2023-24", "2010-11", "2027-28", "1999-00"])
def test_a_tax_year_without_figures_is_a_clear_error(year):
    with pytest.raises(RatesError, match=f"no National Insurance figures for the tax year {year}.*2024-25 to 2026-27"):
        class1_ni(tax_year=year, frequency="weekly", category="A", gross=D("500"))


def test_the_figures_come_from_the_rates_table(monkeypatch):
    real = load_table(ni.TABLE)
    rows = tuple(replace(row, values=MappingProxyType({**row.values, "employer_rate": D("0.10"),
                                                      "secondary_threshold_annual": D("5200")}))
                 for row in real.rows)
    monkeypatch.setattr(ni, "national_insurance_table", lambda: RatesTable(real.name, real.title, rows))
    # 10 % x (500 - 96) = 40.40 weekly; fortnightly ST 5,200 x 2 / 52 = 200: 10 % x 800 = 80.00
    assert class1_ni(tax_year="2025-26", frequency="weekly", category="A", gross=D("500")).employer_ni == D("40.40")
    assert class1_ni(tax_year="2025-26", frequency="fortnightly", category="A", gross=D("1000")).employer_ni == D("80")
