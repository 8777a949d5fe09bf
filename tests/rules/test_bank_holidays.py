"""Bank holidays by nation: the `holidays` package as rules/bank_holidays.py reads it, checked day by day against
GOV.UK's own list for every nation and year GOV.UK publishes.

tests/rules/data/govuk-bank-holidays.json is a verbatim copy of alphagov/frontend lib/data/bank-holidays.json
(MIT licence; last_updated 24/11/2025; 2019-2028), as kept in the shared reference folder
../shared/reference/govuk-rates/bank-holidays.json. Dates are dd/mm/yyyy; divisions england-and-wales, scotland,
northern-ireland.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from paemployer.errors import ValidationError
from paemployer.rules.bank_holidays import (
    EXTRA_DAYS,
    NATIONS,
    bank_holiday_name,
    bank_holidays_between,
    is_working_day,
)

HERE = Path(__file__).parent
COPY = HERE / "data" / "govuk-bank-holidays.json"
SHARED = HERE.parents[2] / "shared" / "reference" / "govuk-rates" / "bank-holidays.json"

DIVISION_NATIONS = {
    "england-and-wales": ("england", "wales"),
    "scotland": ("scotland",),
    "northern-ireland": ("northern-ireland",),
}


def _govuk() -> dict[str, dict[int, set[date]]]:
    """{division: {year: dates}} from GOV.UK's file (its keys are 'common.nations.<division>_slug')."""
    raw = json.loads(COPY.read_text(encoding="utf-8"))["divisions"]
    result: dict[str, dict[int, set[date]]] = {}
    for key, years in raw.items():
        division = key.removeprefix("common.nations.").removesuffix("_slug")
        result[division] = {
            int(year): {datetime.strptime(item["date"], "%d/%m/%Y").date() for item in items}
            for year, items in years.items() if year.isdigit()
        }
    return result


GOVUK = _govuk()
CASES = [(nation, year) for division, years in GOVUK.items() for nation in DIVISION_NATIONS[division]
         for year in sorted(years)]


def test_the_copy_is_govuk_file_as_shared():
    if not SHARED.exists():
        pytest.skip("the shared reference folder is not beside this checkout")
    assert json.loads(COPY.read_text(encoding="utf-8")) == json.loads(SHARED.read_text(encoding="utf-8"))


def test_govuk_file_covers_every_nation_and_ten_years():
    assert set(GOVUK) == set(DIVISION_NATIONS)
    assert {nation for nations in DIVISION_NATIONS.values() for nation in nations} == set(NATIONS)
    assert all(sorted(years) == list(range(2019, 2029)) for years in GOVUK.values())


@pytest.mark.parametrize(("nation", "year"), CASES, ids=[f"{n}-{y}" for n, y in CASES])
def test_bank_holidays_match_govuk_for_every_nation_and_year(nation, year):
    division = next(d for d, nations in DIVISION_NATIONS.items() if nation in nations)
    ours = bank_holidays_between(nation, date(year, 1, 1), date(year, 12, 31))
    assert ours == GOVUK[division][year]


def test_christmas_on_a_saturday_is_not_a_bank_holiday_but_the_monday_and_tuesday_are():
    # The package lists Saturday 25 and Sunday 26 December 2027 as well as the substitute days; GOV.UK does not.
    days = bank_holidays_between("england", date(2027, 12, 24), date(2027, 12, 31))
    assert days == {date(2027, 12, 27), date(2027, 12, 28)}
    assert bank_holiday_name("england", date(2027, 12, 25)) is None
    assert bank_holiday_name("england", date(2027, 12, 27)) == "Christmas Day (substitute day)"


def test_no_bank_holiday_falls_at_a_weekend():
    for nation in NATIONS:
        days = bank_holidays_between(nation, date(2019, 1, 1), date(2035, 12, 31))
        assert all(day.weekday() < 5 for day in days), nation


def test_scotland_world_cup_day_2026_is_added_from_govuk():
    assert date(2026, 6, 15) in EXTRA_DAYS["scotland"]
    assert date(2026, 6, 15) in bank_holidays_between("scotland", date(2026, 6, 1), date(2026, 6, 30))
    assert bank_holiday_name("scotland", date(2026, 6, 15)) == "Bank holiday for the FIFA World Cup"
    assert date(2026, 6, 15) not in bank_holidays_between("england", date(2026, 6, 1), date(2026, 6, 30))


def test_st_andrews_day_is_a_bank_holiday_in_scotland_only():
    day = date(2026, 11, 30)
    assert bank_holiday_name("scotland", day) == "St Andrew's Day"
    for nation in ("england", "wales", "northern-ireland"):
        assert bank_holiday_name(nation, day) is None


def test_twelfth_of_july_is_a_bank_holiday_in_northern_ireland_only():
    day = date(2027, 7, 12)
    assert bank_holiday_name("northern-ireland", day) == "Battle of the Boyne (Orangemen's Day)"
    for nation in ("england", "wales", "scotland"):
        assert bank_holiday_name(nation, day) is None


def test_easter_monday_is_not_a_bank_holiday_in_scotland():
    day = date(2026, 4, 6)
    assert bank_holiday_name("england", day) == "Easter Monday"
    assert bank_holiday_name("scotland", day) is None


def test_between_is_inclusive_and_spans_years():
    days = bank_holidays_between("scotland", date(2026, 12, 25), date(2027, 1, 4))
    assert days == {date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1), date(2027, 1, 4)}
    assert bank_holidays_between("wales", date(2026, 1, 2), date(2026, 1, 1)) == frozenset()


def test_an_unknown_nation_is_refused_by_name():
    with pytest.raises(ValidationError) as caught:
        bank_holidays_between("cornwall", date(2026, 1, 1), date(2026, 12, 31))
    assert "cornwall" in caught.value.message and caught.value.field == "nation"


def test_a_working_day_is_monday_to_friday_and_not_a_bank_holiday():
    holidays = bank_holidays_between("england", date(2026, 4, 1), date(2026, 4, 30))
    assert not is_working_day(date(2026, 4, 3), holidays)   # Good Friday
    assert not is_working_day(date(2026, 4, 4), holidays)   # Saturday
    assert is_working_day(date(2026, 4, 7), holidays)       # Tuesday
