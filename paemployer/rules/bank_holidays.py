"""The bank holidays of each UK nation, for the bank-holiday rate and for working days (pay days).

Source: the `holidays` package (`holidays.country_holidays("GB", subdiv=...)`: ENG, WLS, SCT, NIR), checked by
tests/rules/test_bank_holidays.py against GOV.UK's own list (alphagov/frontend lib/data/bank-holidays.json) for
every nation and year GOV.UK publishes. Where the two differ, GOV.UK wins, and the difference is written here:

1. A holiday falling on a Saturday or Sunday is not itself a bank holiday: the substitute weekday is (Banking
   and Financial Dealings Act 1971 s.1 and Sch. 1: "27th December in a year in which 25th or 26th December is
   a Sunday", and the substitute days appointed by royal proclamation). The package lists both the weekend day
   (e.g. Christmas Day on Saturday 25 December 2027) and the "(observed)" weekday; GOV.UK lists only the
   weekday. So weekend days are left out: every bank holiday is a Monday to Friday.
2. One-off days the package does not know (EXTRA_DAYS): Monday 15 June 2026 in Scotland, a bank holiday for
   Scotland's first match at the 2026 FIFA World Cup, on GOV.UK's list.

Nothing here reads the clock; years are whatever the caller asks for.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from functools import lru_cache
from types import MappingProxyType

from paemployer.errors import ValidationError
from paemployer.i18n import N_, _

NATIONS = ("england", "wales", "scotland", "northern-ireland")
SUBDIVISIONS = MappingProxyType({"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"})

# Days on GOV.UK's list that the package does not have (reason 2 above), by nation.
WORLD_CUP_2026 = N_("Bank holiday for the FIFA World Cup")
EXTRA_DAYS: MappingProxyType[str, MappingProxyType[date, str]] = MappingProxyType({
    "scotland": MappingProxyType({date(2026, 6, 15): WORLD_CUP_2026}),
})

# The package's English names, marked for translation (a name not listed here is shown as the package gives it).
NAMES = {
    "New Year's Day": N_("New Year's Day"),
    "New Year Holiday": N_("2 January"),
    "Saint Patrick's Day": N_("St Patrick's Day"),
    "Good Friday": N_("Good Friday"),
    "Easter Monday": N_("Easter Monday"),
    "May Day": N_("Early May bank holiday"),
    "Spring Bank Holiday": N_("Spring bank holiday"),
    "Battle of the Boyne": N_("Battle of the Boyne (Orangemen's Day)"),
    "Summer Bank Holiday": N_("Summer bank holiday"),
    "Late Summer Bank Holiday": N_("Summer bank holiday"),
    "Saint Andrew's Day": N_("St Andrew's Day"),
    "Christmas Day": N_("Christmas Day"),
    "Boxing Day": N_("Boxing Day"),
    WORLD_CUP_2026: WORLD_CUP_2026,
}
OBSERVED_SUFFIX = " (observed)"


def _subdivision(nation: str) -> str:
    try:
        return SUBDIVISIONS[nation]
    except KeyError:
        raise ValidationError(
            _("The nation must be england, wales, scotland or northern-ireland, not '{nation}'.").format(nation=nation),
            field="nation",
        ) from None


@lru_cache(maxsize=512)  # a nation-year each: a few hundred at most
def _year(nation: str, year: int) -> MappingProxyType[date, str]:
    """The nation's bank holidays in one calendar year: day -> the package's English name (or ours)."""
    import holidays  # here, not at the top: it takes 40 ms to import and start-up rarely needs it

    days = holidays.country_holidays("GB", subdiv=_subdivision(nation), years=year)
    # Reason 1: a weekend day is never the bank holiday itself; the "(observed)" weekday is.
    found = {day: name for day, name in days.items() if day.weekday() < 5}
    # Reason 2: one-off days GOV.UK lists and the package does not.
    found.update({day: name for day, name in EXTRA_DAYS.get(nation, {}).items() if day.year == year})
    return MappingProxyType(found)


def bank_holidays_between(nation: str, first: date, last: date) -> frozenset[date]:
    """Every bank holiday of `nation` (england | wales | scotland | northern-ireland) from `first` to `last`
    inclusive. Empty when `last` is before `first`."""
    _subdivision(nation)
    if last < first:
        return frozenset()
    result: set[date] = set()
    for year in range(first.year, last.year + 1):
        result.update(day for day in _year(nation, year) if first <= day <= last)
    return frozenset(result)


def bank_holiday_name(nation: str, day: date) -> str | None:
    """The name of the bank holiday on `day` in `nation`, in the reader's language; None when it is not one."""
    name = _year(nation, day.year).get(day)
    if name is None:
        return None
    observed = name.endswith(OBSERVED_SUFFIX)
    base = name[: -len(OBSERVED_SUFFIX)] if observed else name
    known = NAMES.get(base)
    text = _(known) if known else base
    return _("{name} (substitute day)").format(name=text) if observed else text


def is_working_day(day: date, bank_holidays: Collection[date]) -> bool:
    """Monday to Friday and not one of `bank_holidays` (a working day for a pay-day rule)."""
    return day.weekday() < 5 and day not in bank_holidays
