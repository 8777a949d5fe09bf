"""PAYE income tax: tax codes taken apart (and refused), free pay, and 2024-25 worked examples.

HMRC published no PAYE test data for 2024-25, so the 2024-25 figures below are worked by hand from the published
2024-25 bands (HMRC "Rates and thresholds for employers 2024 to 2025": personal allowance 12,570; rest of UK and
Wales basic 20 % to 37,700, higher 40 % to 125,140, additional 45 %; Scotland starter 19 % to 2,306, basic 20 % to
13,991, intermediate 21 % to 31,092, higher 42 % to 62,430, advanced 45 % to 125,140, top 48 %) and HMRC's method
(Specification for PAYE Tax Table Routines), each step written in the test. The same method reproduces all 336 of
HMRC's 2025-26 and 2026-27 rows (test_paye_hmrc.py), which is why these hand workings are trusted.

Free pay of code 1257L, used throughout: 1257 > 500, so q = (1257 - 1) div 500 = 2 and r = 1257 - 1000 = 257.
A month: (10 x 257 + 9) / 12 = 214.9166.. rounded up to 214.92, plus 2 x 416.67 = 1,048.26.
A week: 2579 / 52 = 49.5961.. rounded up to 49.60, plus 2 x 96.16 = 241.92.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType

import pytest

from paemployer.errors import PAEmployerError, RatesError, ValidationError
from paemployer.rules import paye
from paemployer.rules.paye import (
    TaxCode,
    emergency_tax_code,
    free_pay_for_one_period,
    income_tax_row,
    parse_tax_code,
    paye_tax,
)
from paemployer.rules.rates import RatesTable, load_table

D = Decimal


def tax(code, *, year="2024-25", frequency="monthly", period=1, gross, before=("0", "0"), w1=False):
    return paye_tax(tax_year=year, frequency=frequency, period=period, tax_code=code, week1_month1=w1,
                    gross=D(gross), pay_to_date_before=D(before[0]), tax_to_date_before=D(before[1]))


# --- Tax codes -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("1257L", TaxCode("1257L", "rest_of_uk", "allowance", 1257)),
    (" s1257l ", TaxCode("S1257L", "scotland", "allowance", 1257)),
    ("C1257L", TaxCode("C1257L", "wales", "allowance", 1257)),
    ("1100M", TaxCode("1100M", "rest_of_uk", "allowance", 1100)),
    ("1131N", TaxCode("1131N", "rest_of_uk", "allowance", 1131)),
    ("500T", TaxCode("500T", "rest_of_uk", "allowance", 500)),
    ("0T", TaxCode("0T", "rest_of_uk", "allowance", 0)),
    ("S0T", TaxCode("S0T", "scotland", "allowance", 0)),
    ("C0T", TaxCode("C0T", "wales", "allowance", 0)),
    ("K475", TaxCode("K475", "rest_of_uk", "k", 475)),
    ("SK585", TaxCode("SK585", "scotland", "k", 585)),
    ("CK27", TaxCode("CK27", "wales", "k", 27)),
    ("BR", TaxCode("BR", "rest_of_uk", "flat", 0, "basic")),
    ("D0", TaxCode("D0", "rest_of_uk", "flat", 0, "higher")),
    ("D1", TaxCode("D1", "rest_of_uk", "flat", 0, "additional")),
    ("CBR", TaxCode("CBR", "wales", "flat", 0, "basic")),
    ("CD0", TaxCode("CD0", "wales", "flat", 0, "higher")),
    ("CD1", TaxCode("CD1", "wales", "flat", 0, "additional")),
    ("SBR", TaxCode("SBR", "scotland", "flat", 0, "basic")),
    ("SD0", TaxCode("SD0", "scotland", "flat", 0, "intermediate")),
    ("SD1", TaxCode("SD1", "scotland", "flat", 0, "higher")),
    ("SD2", TaxCode("SD2", "scotland", "flat", 0, "advanced")),
    ("SD3", TaxCode("SD3", "scotland", "flat", 0, "top")),
    ("NT", TaxCode("NT", "rest_of_uk", "no_tax", 0)),
    ("SNT", TaxCode("SNT", "scotland", "no_tax", 0)),
    ("1257L W1", TaxCode("1257L", "rest_of_uk", "allowance", 1257, week1_month1=True)),
    ("1257LM1", TaxCode("1257L", "rest_of_uk", "allowance", 1257, week1_month1=True)),
    ("1257L/M1", TaxCode("1257L", "rest_of_uk", "allowance", 1257, week1_month1=True)),
    ("1257L X", TaxCode("1257L", "rest_of_uk", "allowance", 1257, week1_month1=True)),
    ("s1257l w1", TaxCode("S1257L", "scotland", "allowance", 1257, week1_month1=True)),
    ("K475 M1", TaxCode("K475", "rest_of_uk", "k", 475, week1_month1=True)),
    ("BR M1", TaxCode("BR", "rest_of_uk", "flat", 0, "basic", week1_month1=True)),
    ("NT W1", TaxCode("NT", "rest_of_uk", "no_tax", 0, week1_month1=True)),
    ("01257L", TaxCode("1257L", "rest_of_uk", "allowance", 1257)),
])
def test_every_form_of_code_is_taken_apart(text, expected):
    assert parse_tax_code(text) == expected


@pytest.mark.parametrize("text", [
    "", "   ", "1257", "L1257", "1257LL", "1257P", "1257Y", "1257L W2", "1257L M12", "1257L XX", "S 1257L",
    "K", "K0", "SK0", "BR1", "BRR", "D2", "D9", "CD2", "SD4", "XD0", "S", "C", "T", "123456L", "K123456", "NTT",
    "£1257L", "1257L;", "1257L\nBR", "１２５７L", "1257L\u00a0W1",
])
def test_anything_else_is_refused_with_what_codes_look_like(text):
    with pytest.raises(ValueError) as raised:
        parse_tax_code(text)
    assert isinstance(raised.value, PAEmployerError)  # exit 2 on the command line, shown plainly in the app
    assert "1257L" in str(raised.value) or "D0" in str(raised.value) or "K code" in str(raised.value)


def test_the_refusal_says_what_codes_look_like():
    with pytest.raises(ValueError, match=r"Tax codes look like 1257L, S1257L, C1257L, K475, BR.*'1257Q' is not one"):
        parse_tax_code("1257Q")
    with pytest.raises(ValueError, match="SD codes go from D0 to D3"):
        parse_tax_code("SD4")
    with pytest.raises(ValueError, match="D codes go from D0 to D1"):
        parse_tax_code("D2")
    for not_text in (None, 1257, b"1257L"):
        with pytest.raises(ValueError):
            parse_tax_code(not_text)


def test_emergency_codes_come_from_the_personal_allowance():
    assert [emergency_tax_code(region, "2024-25") for region in ("rest_of_uk", "scotland", "wales")] == [
        "1257L", "S1257L", "C1257L"]
    assert emergency_tax_code("wales") == "C1257L"  # the latest year the table holds
    with pytest.raises(ValueError):
        emergency_tax_code("england")


def test_the_emergency_code_follows_the_table(monkeypatch):
    table = load_table("income_tax")
    rows = tuple(replace(row, values=MappingProxyType({**row.values, "personal_allowance": D("13000")}))
                 for row in table.rows)
    monkeypatch.setattr(paye, "income_tax_table", lambda: RatesTable(table.name, table.title, rows))
    assert emergency_tax_code("scotland", "2025-26") == "S1300L"


# --- Free pay ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("number, monthly, expected", [
    (1257, True, "1048.26"),   # q 2, r 257: 2579 / 12 = 214.9166 -> 214.92 + 833.34
    (1257, False, "241.92"),   # 2579 / 52 = 49.5961 -> 49.60 + 192.32
    (45, True, "38.25"),       # 459 / 12 = 38.25 exactly
    (145, False, "28.06"),     # 1459 / 52 = 28.0576 -> 28.06
    (500, True, "417.42"),     # r = 500, q = 0: 5009 / 12 = 417.4166 -> 417.42
    (501, True, "418.26"),     # q 1, r 1: 19 / 12 = 1.5833 -> 1.59 + 416.67
    (585, True, "488.26"),     # K585 in HMRC's data: q 1, r 85: 859 / 12 = 71.5833 -> 71.59 + 416.67
    (1000, True, "834.09"),    # q 1, r 500: 417.42 + 416.67
    (1001, True, "834.93"),    # q 2, r 1: 1.59 + 833.34
    (0, True, "0"),
])
def test_free_pay_by_quotient_and_remainder(number, monthly, expected):
    assert free_pay_for_one_period(number, monthly=monthly, row=income_tax_row("2024-25")) == D(expected)


# --- 2024-25 worked examples -----------------------------------------------------------------------------------

def test_2024_25_cumulative_monthly_with_a_refund():
    """1257L, monthly, cumulative.
    Month 1: pay 2,000.00 - free pay 1,048.26 = 951.74, rounded down 951; basic band for 1 month
      37,700 / 12 = 3,141.6666; 951 x 20 % = 190.20.
    Month 2: pay to date 4,000.00 - 2 x 1,048.26 = 1,903.48 -> 1,903 x 20 % = 380.60; less 190.20 = 190.40.
    Month 3, no pay: 4,000.00 - 3 x 1,048.26 = 855.22 -> 855 x 20 % = 171.00; less 380.60 = -209.60, a refund."""
    first = tax("1257L", gross="2000.00")
    assert (first.tax_due_in_period, first.tax_due_to_date, first.free_pay) == (D("190.20"), D("190.20"),
                                                                                 D("1048.26"))
    second = tax("1257L", period=2, gross="2000.00", before=("2000.00", "190.20"))
    assert (second.tax_due_in_period, second.tax_due_to_date) == (D("190.40"), D("380.60"))
    third = tax("1257L", period=3, gross="0.00", before=("4000.00", "380.60"))
    assert (third.tax_due_in_period, third.tax_due_to_date) == (D("-209.60"), D("171.00"))
    assert third.taxable_pay_to_date == D("4000.00") and third.free_pay == D("3144.78")


def test_2024_25_month_1_into_the_additional_rate():
    """1257L M1, pay 12,000.00: 12,000.00 - 1,048.26 = 10,951.74 -> 10,951. Month limits: basic 3,141.6666
    (rounded up 3,142), higher 125,140 / 12 = 10,428.3333 (rounded up 10,429): 10,951 is above both. Tax at the top of
    the higher band: (37,700 x 20 % + 87,440 x 40 %) / 12 = 42,516 / 12 = 3,543.00; (10,951 - 10,428.3333) x 45 % =
    235.200015 -> 235.2000; 3,778.2000 -> 3,778.20."""
    result = tax("1257L M1", gross="12000.00")
    assert (result.tax_due_in_period, result.tax_due_to_date) == (D("3778.20"), D("3778.20"))
    assert result.week1_month1


def test_2024_25_0t_uses_no_allowance():
    """0T, monthly. Month 1: 1,000.00 -> 1,000 x 20 % = 200.00. Month 2 (cumulative): 5,000.00 to date, basic band
    for 2 months 37,700 x 2 / 12 = 6,283.3333, 5,000 x 20 % = 1,000.00, less 200.00 = 800.00.
    0T M1 on 4,000.00: above the basic band 3,141.6666: 628.3333 + (4,000 - 3,141.6666) x 40 % = 628.3333 +
    343.3333 = 971.6666 -> 971.66."""
    assert tax("0T", gross="1000.00").tax_due_in_period == D("200.00")
    assert tax("0T", period=2, gross="4000.00", before=("1000.00", "200.00")).tax_due_in_period == D("800.00")
    assert tax("0T", gross="4000.00", w1=True).tax_due_in_period == D("971.66")


def test_2024_25_scottish_code_week_1():
    """S1257L, weekly, week 1, pay 600.00: 600.00 - 241.92 = 358.08 -> 358. Week 1 limits (x 1 / 52, four places):
    starter 2,306 -> 44.3461, basic 13,991 -> 269.0576, intermediate 31,092 -> 597.9230; 358 is above 270 (269.0576
    rounded up) and not above 598: intermediate band. Tax at the top of the basic band: (2,306 x 19 % + 11,685 x 20 %)
    / 52 = 2,775.14 / 52 = 53.3680; (358 - 269.0576) x 21 % = 18.6779; 72.0459 -> 72.04."""
    result = tax("S1257L", frequency="weekly", gross="600.00")
    assert (result.tax_due_in_period, result.tax_due_to_date) == (D("72.04"), D("72.04"))
    # The same pay on a rest-of-UK or Welsh code: 358 x 20 % = 71.60.
    assert tax("1257L", frequency="weekly", gross="600.00").tax_due_in_period == D("71.60")
    assert tax("C1257L", frequency="weekly", gross="600.00").tax_due_in_period == D("71.60")


def test_2024_25_k_code_held_to_half_the_pay_and_collected_later():
    """K500, monthly: additional pay for K500 is 5,009 / 12 = 417.4166 -> 417.42 a month.
    Month 1, pay 100.00: 100.00 + 417.42 = 517.42 -> 517 x 20 % = 103.40; but no more than 50 % of 100.00 = 50.00
    may be taken (the overriding limit, PAYE Regulations 2003 reg. 23(5)): 50.00.
    Month 2, pay 2,000.00: 2,100.00 + 834.84 = 2,934.84 -> 2,934 x 20 % = 586.80; less 50.00 = 536.80 (the 53.40 held
    back in month 1 is collected; 536.80 is under half of 2,000.00)."""
    first = tax("K500", gross="100.00")
    assert (first.tax_due_in_period, first.tax_due_to_date, first.regulatory_limit_applied) == (
        D("50.00"), D("50.00"), True)
    assert first.free_pay == D("-417.42")
    second = tax("K500", period=2, gross="2000.00", before=("100.00", "50.00"))
    assert (second.tax_due_in_period, second.tax_due_to_date, second.regulatory_limit_applied) == (
        D("536.80"), D("586.80"), False)
    # On a month 1 basis the limit applies to each payment on its own: 50.00 again, nothing carried.
    assert tax("K500 M1", period=2, gross="100.00", before=("100.00", "50.00")).tax_due_in_period == D("50.00")
    # Half of an odd penny is rounded down: 50 % of 99.99 = 49.995 -> 49.99.
    assert tax("K500", gross="99.99").tax_due_in_period == D("49.99")


def test_2024_25_flat_rate_codes():
    """BR, D0, D1, SD0 tax every whole pound at one rate. BR weekly, week 2, cumulative: 250.50 + 250.99 = 501.49 ->
    501 x 20 % = 100.20, less 50.00 = 50.20. BR W1: 250.99 -> 250 x 20 % = 50.00. D0 99.99 -> 99 x 40 % = 39.60;
    D1 99 x 45 % = 44.55; SD0 (Scottish intermediate) 99 x 21 % = 20.79; SD3 99 x 48 % = 47.52."""
    assert tax("BR", frequency="weekly", period=2, gross="250.99",
               before=("250.50", "50.00")).tax_due_in_period == D("50.20")
    assert tax("BR W1", frequency="weekly", period=2, gross="250.99",
               before=("250.50", "50.00")).tax_due_in_period == D("50.00")
    assert [tax(code, gross="99.99", w1=True).tax_due_in_period for code in ("D0", "D1", "SD0", "SD3", "CBR")] == [
        D("39.60"), D("44.55"), D("20.79"), D("47.52"), D("19.80")]


def test_2024_25_nt_takes_no_tax_and_refunds_the_year_on_a_cumulative_basis():
    """NT, weekly, week 3, with 120.00 deducted earlier: tax to date 0, so 120.00 is refunded (as in HMRC's data).
    NT W1 takes nothing and refunds nothing."""
    cumulative = tax("NT", frequency="weekly", period=3, gross="500.00", before=("1000.00", "120.00"))
    assert (cumulative.tax_due_in_period, cumulative.tax_due_to_date) == (D("-120.00"), D("0.00"))
    week1 = tax("NT", frequency="weekly", period=3, gross="500.00", before=("1000.00", "120.00"), w1=True)
    assert (week1.tax_due_in_period, week1.tax_due_to_date) == (D("0"), D("120.00"))


def test_2024_25_week_1_basis_never_refunds():
    """1257L W1, weekly, week 10, pay 100.00 after 5,000.00 paid: 100.00 - 241.92 is below 0, so no tax and no
    refund; on the cumulative basis the same payment refunds (5,100.00 - 10 x 241.92 = 2,680.80 -> 2,680; 2,680 x
    20 % = 536.00; less 900.00 = -364.00)."""
    week1 = tax("1257L", frequency="weekly", period=10, gross="100.00", before=("5000.00", "900.00"), w1=True)
    assert (week1.tax_due_in_period, week1.tax_due_to_date) == (D("0"), D("900.00"))
    cumulative = tax("1257L", frequency="weekly", period=10, gross="100.00", before=("5000.00", "900.00"))
    assert cumulative.tax_due_in_period == D("-364.00")


def test_2024_25_fortnightly_and_four_weekly_use_the_weekly_tables():
    """1257L fortnightly. First payment, pay date in week 1: week 2's figures (free pay 2 x 241.92 = 483.84; basic
    band 37,700 x 2 / 52 = 1,450): 1,000.00 - 483.84 = 516.16 -> 516 x 20 % = 103.20. Next payment, pay date in week 3:
    week 4's figures: 2,000.00 - 967.68 = 1,032.32 -> 1,032 x 20 % = 206.40, less 103.20 = 103.20.
    Four-weekly, pay date in week 4: 2,000.00 - 967.68 -> 1,032 -> 206.40."""
    first = tax("1257L", frequency="fortnightly", period=1, gross="1000.00")
    assert (first.tax_due_in_period, first.free_pay) == (D("103.20"), D("483.84"))
    second = tax("1257L", frequency="fortnightly", period=3, gross="1000.00", before=("1000.00", "103.20"))
    assert (second.tax_due_in_period, second.free_pay) == (D("103.20"), D("967.68"))
    assert tax("1257L", frequency="four_weekly", period=4, gross="2000.00").tax_due_in_period == D("206.40")
    # On a week 1 basis a fortnight has two weeks' free pay and bands whatever the week.
    assert tax("1257L", frequency="fortnightly", period=30, gross="1000.00", before=("9000", "800"),
               w1=True).tax_due_in_period == D("103.20")


def test_2024_25_the_extra_pay_day_is_on_a_week_1_basis():
    """PAYE Manual PAYE70015: week 53 (weekly), the 27th fortnightly payment ("week 54") and the 14th four-weekly
    payment ("week 56") use the week 1, week 2 or week 4 figures on their own. Weekly, week 53, 500.00:
    500.00 - 241.92 = 258.08 -> 258 x 20 % = 51.60, whatever was paid before. Fortnightly in week 53: 1,000.00 ->
    103.20 (as week 2). Four-weekly in week 53: 2,000.00 -> 206.40 (as week 4)."""
    weekly = tax("1257L", frequency="weekly", period=53, gross="500.00", before=("26000.00", "2700.00"))
    assert (weekly.tax_due_in_period, weekly.tax_due_to_date, weekly.week1_month1) == (
        D("51.60"), D("2751.60"), True)
    assert tax("1257L", frequency="fortnightly", period=53, gross="1000.00",
               before=("26000.00", "2700.00")).tax_due_in_period == D("103.20")
    assert tax("1257L", frequency="fortnightly", period=54, gross="1000.00").tax_due_in_period == D("103.20")
    assert tax("1257L", frequency="four_weekly", period=53, gross="2000.00",
               before=("26000.00", "2700.00")).tax_due_in_period == D("206.40")
    assert tax("1257L", frequency="four_weekly", period=56, gross="2000.00").tax_due_in_period == D("206.40")


def test_the_week1_month1_flag_and_the_suffix_are_the_same():
    one = tax("1257L", period=4, gross="2000.00", before=("100", "0"), w1=True)
    other = tax("1257L M1", period=4, gross="2000.00", before=("100", "0"))
    assert one == other and one.tax_due_in_period == D("190.20")


def test_a_parsed_code_is_accepted_as_well_as_text():
    assert tax(parse_tax_code("S1257L"), frequency="weekly", gross="600.00").tax_due_in_period == D("72.04")


# --- Refusals ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("changes", [
    {"frequency": "yearly"},
    {"frequency": "monthly", "period": 13},
    {"frequency": "monthly", "period": 0},
    {"frequency": "weekly", "period": 54},
    {"frequency": "fortnightly", "period": 55},
    {"frequency": "four_weekly", "period": 57},
    {"period": True},
    {"gross": D("-1")},
    {"gross": D("1.001")},
    {"gross": 1.5},
    {"pay_to_date_before": D("-0.01")},
    {"tax_to_date_before": D("1.234")},
    {"tax_code": "1257"},
    {"tax_year": "2025/26"},
    {"tax_year": "2025-27"},
])
def test_bad_input_is_a_plain_refusal(changes):
    arguments = {"tax_year": "2025-26", "frequency": "monthly", "period": 1, "tax_code": "1257L",
                 "week1_month1": False, "gross": D("1000"), "pay_to_date_before": D(0), "tax_to_date_before": D(0)}
    arguments.update(changes)
    with pytest.raises(ValidationError) as raised:
        paye_tax(**arguments)
    assert isinstance(raised.value, ValueError) and raised.value.message


@pytest.mark.parametrize("year", ["2023-24", "2027-28"])
def test_a_year_without_figures_is_refused_never_guessed(year):
    with pytest.raises(RatesError, match=r"no income tax figures for the tax year .*2024-25 to 2026-27"):
        tax("1257L", year=year, gross="1000.00")


def test_the_table_holds_the_reference_figures():
    """Every figure in resources/rates/income_tax.toml is the one in ../shared/reference/payroll-rates/income_tax.json
    (bands on taxable pay above the allowance)."""
    import json
    from pathlib import Path

    reference = Path(__file__).resolve().parents[3] / "shared" / "reference" / "payroll-rates" / "income_tax.json"
    if not reference.exists():
        pytest.skip("the shared reference folder is not beside this checkout")
    years = json.loads(reference.read_text(encoding="utf-8"))["years"]
    assert set(years) == {"2024-25", "2025-26", "2026-27"}
    for year, facts in years.items():
        row = income_tax_row(year)
        assert row["personal_allowance"] == D(facts["personal_allowance"]["annual"])
        for region, prefix in (("rest_of_uk", "ruk"), ("wales", "wales"), ("scotland", "scotland")):
            for band in facts["bands_above_personal_allowance"][region]:
                assert row[f"{prefix}_{band['name']}_rate"] == D(str(band["rate"])), (year, region, band)
                if band["taxable_pay_to"] is not None:
                    assert row[f"{prefix}_{band['name']}_to"] == D(band["taxable_pay_to"]), (year, region, band)
        for region, code in facts["emergency_code"].items():
            assert emergency_tax_code(region, year) == code
        for code, rate in facts["flat_rate_codes"].items():
            if code.startswith("NT"):
                continue
            parsed = parse_tax_code(code)
            assert paye.band_rate(row, parsed.region, parsed.flat_band) == D(str(rate)), (year, code)
