"""When compulsory school age ends: the school-leaving date, which depends on the nation, not the 16th birthday.

Pure: the figures (the age, each nation's months and days) come from the employer_duties.toml row passed in.

- England and Wales (Education Act 1996 s.8; GOV.UK "School leaving age",
  https://www.gov.uk/know-when-you-can-leave-school): the last Friday in June of the school year (1 September to
  31 August) in which the child turns 16. A child turning 16 in July or August may leave in June, before the birthday.
- Scotland (Education (Scotland) Act 1980 s.33; https://www.mygov.scot/school-leaving-age): 16 from 1 March to
  30 September: 31 May of that year. 16 from 1 October to the last day of February: the start of the Christmas
  holidays that fall in that period, a day each school sets; the latest it can be (31 December) is used, and
  marked as not exact.
- Northern Ireland (Education and Libraries (NI) Order 1986 art.46; https://www.nidirect.gov.uk/articles/school-
  leaving-age): 16 from 1 September to 1 July: 30 June of that school year; 16 from 2 July to 31 August: 30 June of
  the next year.

A child is of compulsory school age until the end of the school-leaving date (s.8(3): "at the end of the day"), so
they are a child in law on it and over the age from the next day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from paemployer.rules.dates import add_years
from paemployer.rules.rates import RatesRow

SCOTLAND = "scotland"
NORTHERN_IRELAND = "northern-ireland"

# How the date was reached, for the words that explain it (the catalogue maps each to a sentence).
LAST_WEEKDAY_OF_SCHOOL_YEAR = "last-weekday"
SCOTTISH_SUMMER = "scotland-summer"
SCOTTISH_WINTER = "scotland-winter"
NI_JUNE = "ni"


@dataclass(frozen=True)
class SchoolLeaving:
    """The last day of compulsory school age (`day`), the age it is tied to, and how it was reached. `exact` is
    False where the law ties it to a day the school sets (Scotland's Christmas holidays): `day` is then the latest
    it can be."""

    day: date
    age: int
    rule: str
    exact: bool = True


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def school_leaving(date_of_birth: date, nation: str, row: RatesRow) -> SchoolLeaving:
    """The school-leaving date of a child born on `date_of_birth` in `nation` ("england", "wales", "scotland",
    "northern-ireland"; any other reads as England), from the figures in `row` (employer_duties.toml)."""
    age = row["minimum_school_leaving_age"]
    birthday = add_years(date_of_birth, age)  # 29 February: 1 March in a common year (the law's answer in each nation)
    year = birthday.year
    if nation == SCOTLAND:
        if row["scotland_summer_from_month"] <= birthday.month <= row["scotland_summer_to_month"]:
            day = date(year, row["scotland_summer_leaving_month"], row["scotland_summer_leaving_day"])
            return SchoolLeaving(day, age, SCOTTISH_SUMMER)
        # The Christmas holidays inside the winter period: those of this year for an autumn birthday, of the year
        # before for one in January or February.
        winter_year = year if birthday.month > row["scotland_summer_to_month"] else year - 1
        day = date(winter_year, row["scotland_winter_latest_month"], row["scotland_winter_latest_day"])
        return SchoolLeaving(day, age, SCOTTISH_WINTER, exact=False)
    if nation == NORTHERN_IRELAND:
        cutoff = date(year, row["ni_cutoff_month"], row["ni_cutoff_day"])
        leaving_year = year if birthday <= cutoff else year + 1
        return SchoolLeaving(date(leaving_year, row["ni_leaving_month"], row["ni_leaving_day"]), age, NI_JUNE)
    school_year_start = date(year, row["school_year_start_month"], row["school_year_start_day"])
    school_year_end = year + 1 if birthday >= school_year_start else year
    day = _last_weekday(school_year_end, row["england_wales_leaving_month"], row["england_wales_leaving_weekday"])
    return SchoolLeaving(day, age, LAST_WEEKDAY_OF_SCHOOL_YEAR)
