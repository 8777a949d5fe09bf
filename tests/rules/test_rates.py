"""Rates tables: every table loads and validates; malformed tables are refused; the figures agree with the
GOV.UK calculator data in shared/reference where both have them (and the disagreements are the known ones)."""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from paemployer.errors import RatesError
from paemployer.rules import rates as rates_module
from paemployer.rules.minimum_wage import minimum_wage_rate, minimum_wage_table, validate_minimum_wage_table
from paemployer.rules.money import decimal_str, money_str, rate_str, round_up_to_penny, to_decimal, truncate
from paemployer.rules.rates import load_table, parse_table
from paemployer.rules.sick_pay import sick_pay_table
from paemployer.rules.tax_year import first_sunday_in_april, tax_year_label, tax_year_start

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "govuk-rates"
MY_TABLES = (
    "minimum_wage",
    "statutory_sick_pay",
    "national_insurance",
    "employment_allowance",
    "auto_enrolment",
    "family_pay",
)


def _doc(rows, fields=None, **top):
    return {"title": "Test", "fields": fields or {"adult": "decimal"}, "rows": rows, **top}


def _row(day, **values):
    return {"effective_from": day, "source": "https://www.gov.uk/example", **values}


# --- every table ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(path.stem for path in rates_module.RATES_DIR.glob("*.toml")))
def test_every_table_in_resources_loads_and_validates(name):
    table = load_table(name)
    assert table.rows
    starts = [row.effective_from for row in table.rows]
    assert starts == sorted(set(starts))
    assert all("https://" in row.source or "http://" in row.source for row in table.rows)


@pytest.mark.parametrize("name", MY_TABLES)
def test_a_date_before_the_first_row_is_a_clear_error(name):
    table = load_table(name)
    first = table.rows[0].effective_from
    with pytest.raises(RatesError, match=f"begin on {first.isoformat()}"):
        table.row_on(date.fromordinal(first.toordinal() - 1))
    assert table.row_on(first) is table.rows[0]


def test_tables_are_loaded_once():
    assert load_table("minimum_wage") is load_table("minimum_wage")
    assert minimum_wage_table() is minimum_wage_table()
    assert sick_pay_table() is sick_pay_table()


def test_minimum_wage_and_sick_pay_go_back_to_april_2011():
    assert minimum_wage_table().row_on(date(2011, 4, 1)).effective_from == date(2010, 10, 1)
    assert sick_pay_table().row_on(date(2011, 4, 6)).effective_from == date(2011, 4, 6)
    assert sick_pay_table().row_on(date(2011, 4, 1)).effective_from == date(2010, 4, 6)


# --- malformed tables are refused ------------------------------------------------------------------------------


def test_descending_dates_are_refused():
    rows = [_row(date(2026, 4, 1), adult="12.71"), _row(date(2025, 4, 1), adult="12.21")]
    with pytest.raises(RatesError, match="dates must ascend"):
        parse_table("bad", _doc(rows))


def test_a_repeated_date_is_refused():
    # GOV.UK's statutory_sick_pay.yml has two rows starting 2014-04-06; this loader would refuse that.
    rows = [_row(date(2014, 4, 6), adult="87.55"), _row(date(2014, 4, 6), adult="88.45")]
    with pytest.raises(RatesError, match="dates must ascend"):
        parse_table("bad", _doc(rows))


def test_a_missing_band_is_refused():
    fields = {"adult": "decimal", "youth": "decimal"}
    rows = [_row(date(2025, 4, 1), adult="12.21", youth="7.55"), _row(date(2026, 4, 1), adult="12.71")]
    with pytest.raises(RatesError, match="missing youth"):
        parse_table("bad", _doc(rows, fields))


def test_float_money_is_refused():
    with pytest.raises(RatesError, match="not floats"):
        parse_table("bad", _doc([_row(date(2026, 4, 1), adult=12.71)]))


def test_a_row_without_a_web_address_is_refused():
    row = {"effective_from": date(2026, 4, 1), "source": "HMRC leaflet", "adult": "12.71"}
    with pytest.raises(RatesError, match="web address"):
        parse_table("bad", _doc([row]))


def test_an_unknown_figure_is_refused():
    with pytest.raises(RatesError, match="unknown extra"):
        parse_table("bad", _doc([_row(date(2026, 4, 1), adult="12.71", extra="1")]))


def test_a_gap_longer_than_the_table_allows_is_refused():
    rows = [_row(date(2024, 4, 1), adult="11.44"), _row(date(2026, 4, 1), adult="12.71")]
    with pytest.raises(RatesError, match="missing"):
        parse_table("bad", _doc(rows, max_days_between_rows=366))
    assert len(parse_table("ok", _doc(rows)).rows) == 2


def test_an_optional_figure_may_be_left_out_and_reads_as_none():
    fields = {"rate": "decimal", "limit": "decimal?"}
    rows = [_row(date(2025, 4, 6), rate="118.75", limit="125"), _row(date(2026, 4, 6), rate="123.25")]
    table = parse_table("ok", _doc(rows, fields))
    assert table.value_on("limit", date(2025, 5, 1)) == Decimal("125")
    assert table.value_on("limit", date(2026, 5, 1)) is None
    with pytest.raises(RatesError, match="unknown type"):
        parse_table("bad", _doc(rows, {"rate": "decimal", "limit": "money"}))


def test_minimum_wage_bands_out_of_order_are_refused():
    table = minimum_wage_table()
    row = table.rows[-1]

    def with_values(**changes):
        values = dict(row.values) | changes
        document = {
            "fields": {name: "decimal" if isinstance(value, Decimal) else ("int" if isinstance(value, int) else "text")
                       for name, value in values.items()},
            "rows": [{"effective_from": row.effective_from, "source": row.source,
                      **{k: (str(v) if isinstance(v, Decimal) else v) for k, v in values.items()}}],
        }
        return validate_minimum_wage_table(parse_table("minimum_wage", document))

    assert with_values().rows[0]["top_band_rate"] == Decimal("12.71")
    with pytest.raises(RatesError, match="ages must ascend"):
        with_values(development_band_min_age=22)
    with pytest.raises(RatesError, match="empty"):
        with_values(second_band_rate=Decimal("12.00"))
    with pytest.raises(RatesError, match="younger band"):
        with_values(youth_band_rate=Decimal("11.00"))


# --- the figures against GOV.UK's calculator data ---------------------------------------------------------------


def _reference(name: str) -> Path:
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"shared/reference/govuk-rates/{name} is not beside this checkout")
    return path


def test_minimum_wage_agrees_with_govuk_history_for_every_age():
    """Every row from October 2010 against minimum_wage_history.csv (GOV.UK calculator data, every version)."""
    compared = 0
    with _reference("minimum_wage_history.csv").open() as handle:
        for line in csv.DictReader(handle):
            start = date.fromisoformat(line["start_date"])
            if start < date(2010, 10, 1):
                continue
            row = minimum_wage_table().row_on(start)
            assert row.effective_from == start
            bands = []
            for part in line["age_bands(min_age-max_age:rate)"].split(";"):
                ages, rate = part.strip().split(":")
                low, high = (int(age) for age in ages.split("-"))
                bands.append((low, high, Decimal(rate)))
            for age in range(16, 40):
                expected = next(rate for low, high, rate in bands if low <= age < high)
                dob = date(start.year - age - 1, 12, 31)
                assert minimum_wage_rate(dob, start).hourly_rate == expected, (start, age)
                compared += 1
            assert row["apprentice_rate"] == Decimal(line["apprentice_rate"])
            assert row["accommodation_offset_daily"] == Decimal(line["accommodation_offset_daily"])
    assert compared == 18 * 24


def test_sick_pay_agrees_with_govuk_data_except_its_duplicate_2014_row():
    text = _reference("statutory_sick_pay.yml").read_text()
    entries = re.findall(
        r"start_date: (\S+)\n\s+end_date: \S+\n(?:\s+lower_earning_limit_rate: (\S+)\n)?\s+ssp_weekly_rate: (\S+)", text
    )
    assert len(entries) == 16  # 2010/11 to 2026/27, with 2014-04-06 twice and no 2015 or 2016 row
    table = sick_pay_table()
    disagreements = []
    for start, lel, weekly in entries:
        start = date.fromisoformat(start)
        row = table.row_on(start)
        if (row["weekly_rate"], row["lower_earnings_limit"]) != (Decimal(weekly), Decimal(lel) if lel else None):
            disagreements.append((start, lel, weekly))
    # The second 2014-04-06 row (88.45, LEL 112) is the 2015/16 figures misdated; the official start is 2015-04-06.
    assert disagreements == [(date(2014, 4, 6), "112", "88.45")]
    assert table.row_on(date(2015, 4, 6))["weekly_rate"] == Decimal("88.45")
    assert table.row_on(date(2015, 4, 5))["weekly_rate"] == Decimal("87.55")


def test_family_pay_changes_on_the_first_sunday_in_april_and_agrees_with_govuk():
    from paemployer.rules.rates import load_table as load

    table = load("family_pay")
    for row in table.rows:
        assert row.effective_from == first_sunday_in_april(row.effective_from.year), row.effective_from
    text = _reference("smp_spp_flat_rates_EXTRACTED_from_code.yml").read_text()
    for low, high, rate in re.findall(r"min_year: (\d+), max_year: (\d+), weekly_flat_rate: ([\d.]+)", text):
        low = int(low)
        if (low, int(high)) == (2014, 2017):
            low = 2015  # GOV.UK's code starts this range in 2014; the 139.58 rate started in April 2015
        assert table.value_on("flat_weekly_rate", first_sunday_in_april(low)) == Decimal(rate), low


def test_national_insurance_spot_figures():
    table = load_table("national_insurance")
    assert table.value_on("lower_earnings_limit", date(2026, 4, 6)) == Decimal("129")
    assert table.value_on("secondary_threshold", date(2025, 4, 6)) == Decimal("96")
    assert table.value_on("employer_rate", date(2025, 4, 6)) == Decimal("0.15")
    assert table.value_on("employer_rate", date(2022, 11, 5)) == Decimal("0.1505")
    assert table.value_on("employer_rate", date(2022, 11, 6)) == Decimal("0.138")
    assert table.value_on("primary_threshold", date(2022, 7, 5)) == Decimal("190")
    assert table.value_on("primary_threshold", date(2022, 7, 6)) == Decimal("242")
    assert table.value_on("employee_main_rate", date(2024, 1, 6)) == Decimal("0.10")
    assert table.value_on("upper_secondary_threshold", date(2014, 4, 6)) is None
    # The NI lower earnings limit matches the SSP one in every year SSP had a limit.
    for row in sick_pay_table().rows:
        # The NI table starts in April 2011; the SSP table reaches back to 2010/11 to cover 1-5 April 2011.
        if row["lower_earnings_limit"] is not None and row.effective_from >= table.rows[0].effective_from:
            assert table.value_on("lower_earnings_limit", row.effective_from) == row["lower_earnings_limit"]


def test_employment_allowance_and_auto_enrolment_spot_figures():
    allowance = load_table("employment_allowance")
    assert allowance.value_on("annual_amount", date(2026, 5, 1)) == Decimal("10500")
    assert allowance.value_on("prior_year_liability_limit", date(2026, 5, 1)) is None
    assert allowance.value_on("care_and_support_employers_eligible", date(2014, 5, 1)) is False
    assert allowance.value_on("care_and_support_employers_eligible", date(2015, 4, 6)) is True
    enrolment = load_table("auto_enrolment")
    row = enrolment.row_on(date(2026, 11, 24))
    assert (row["earnings_trigger_annual"], row["qualifying_earnings_lower_annual"],
            row["qualifying_earnings_upper_annual"]) == (Decimal("10000"), Decimal("6240"), Decimal("50270"))
    assert (row["minimum_total_contribution"], row["minimum_employer_contribution"]) == (Decimal("0.08"), Decimal("0.03"))


# --- money and tax years ---------------------------------------------------------------------------------------


def test_money_helpers_name_their_rounding():
    assert round_up_to_penny(Decimal("85.841")) == Decimal("85.85")
    assert round_up_to_penny(Decimal("85.85")) == Decimal("85.85")
    assert truncate(Decimal("85.85") / 3, 4) == Decimal("28.6166")
    assert truncate(Decimal("85.85") / 7, 4) == Decimal("12.2642")
    assert money_str(Decimal("12.7")) == "12.70"
    with pytest.raises(ValueError):
        money_str(Decimal("12.705"))
    assert decimal_str(Decimal("37.50")) == "37.5" and decimal_str(Decimal("0")) == "0"
    assert rate_str(Decimal("80")) == "80.00" and rate_str(Decimal("80.008")) == "80.008"
    with pytest.raises(TypeError):
        to_decimal(12.71)
    assert to_decimal("12.71") == Decimal("12.71")


def test_tax_years_and_first_sundays():
    assert tax_year_start(date(2026, 4, 5)) == date(2025, 4, 6)
    assert tax_year_start(date(2026, 4, 6)) == date(2026, 4, 6)
    assert tax_year_label(date(2026, 11, 24)) == "2026/27"
    assert first_sunday_in_april(2026) == date(2026, 4, 5)
    assert first_sunday_in_april(2025) == date(2025, 4, 6)
    assert first_sunday_in_april(2018) == date(2018, 4, 1)
