"""PAYE income tax on one payment, as HMRC's "Specification for PAYE Tax Table Routines" (payroll technical
specifications: Income Tax, https://www.gov.uk/government/publications/payroll-technical-specifications-income-tax)
works it out, for rest-of-UK, Welsh (C) and Scottish (S) codes.

Legal basis: Income Tax (Earnings and Pensions) Act 2003 Part 11 and the Income Tax (Pay As You Earn) Regulations
2003: reg. 7 (codes), reg. 22-23 (the cumulative basis: tax to date on pay to date, a refund when tax to date falls),
reg. 28 (non-cumulative, "week 1 / month 1"), regs 23(5) and 28(5) (the overriding limit: no more than 50 % of a
payment taken as tax; all codes from 6 April 2015). The figures are in resources/rates/income_tax.toml.

HMRC's method, step by step (the HMRC test data for software developers, 2025-26 and 2026-27, reproduces it):
1. Free pay from the code number n (L, M, N, T codes; K codes give "additional pay" instead): if n > 500,
   q = (n - 1) div 500 and r = n - 500 q, else q = 0 and r = n; one period's figure is (10 r + 9) / 52 (or / 12)
   rounded UP to the penny, plus q x 96.16 a week (q x 416.67 a month). 1257L: 241.92 a week, 1048.26 a month.
   Cumulative: that figure times the period number; week 1 / month 1: once.
2. Taxable pay = pay to date (including this payment) less free pay (plus additional pay for K codes), rounded
   DOWN to whole pounds. Flat-rate codes (BR, D0, D1; Scottish D0-D3) tax pay rounded down to whole pounds.
3. Band limits for the period: annual limit x n / 52 (or / 12); the tax at the top of each band likewise; both
   carried to four decimal places without rounding the last (truncated). Taxable pay up to a limit rounded up to
   the whole pound stays in the band below. Tax to date = tax at the top of the lower bands + (taxable pay - the
   lower limit) x rate, truncated to four places, then rounded DOWN to the penny.
4. This payment's tax = tax to date - tax deducted before (a refund when negative, cumulative codes only), never
   more than 50 % of this payment (the overriding limit; what it holds back is collected later on a cumulative
   code, because the next tax to date still counts it).
5. NT: no tax; on a cumulative code any tax deducted earlier in the year is refunded, as HMRC's test data does.

Fortnightly and four-weekly pay use the weekly tables for the week number of the pay date, rounded up to the
pay period's length (a fortnightly payment in week 1 uses week 2's figures, one in week 3 or 4 uses week 4's;
Simon's Taxes E4.1142 on the PAYE regulations). On a week 1 basis they use 2 or 4 weeks' free pay and bands.
An extra pay day at the end of the year (week 53 weekly, "week 54" fortnightly, "week 56" four-weekly) is taxed
on a week 1 basis with 1, 2 or 4 weeks' figures (HMRC PAYE Manual PAYE70015, non-standard pay days).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, Decimal

from paemployer.errors import RatesError, ValidationError
from paemployer.i18n import _
from paemployer.rules.money import PENNY, ZERO, to_decimal
from paemployer.rules.rates import RatesRow, RatesTable, load_table
from paemployer.rules.tax_year import PAYE_FREQUENCIES, tax_year_code, tax_year_of

TABLE = "income_tax"
SPECIFICATION_SOURCE = "https://www.gov.uk/government/publications/payroll-technical-specifications-income-tax"

REST_OF_UK, SCOTLAND, WALES = "rest_of_uk", "scotland", "wales"
REGIONS = (REST_OF_UK, SCOTLAND, WALES)
REGION_PREFIX = {REST_OF_UK: "", SCOTLAND: "S", WALES: "C"}
_PREFIX_REGION = {prefix: region for region, prefix in REGION_PREFIX.items()}
# The rates-table field names of each region's bands, lowest first; every band but the last has a "_to" limit.
_FIELD_PREFIX = {REST_OF_UK: "ruk", WALES: "wales", SCOTLAND: "scotland"}
BANDS = {
    REST_OF_UK: ("basic", "higher", "additional"),
    WALES: ("basic", "higher", "additional"),
    SCOTLAND: ("starter", "basic", "intermediate", "higher", "advanced", "top"),
}
# Flat-rate codes and the band whose rate they charge on all pay: D0 is the band above the basic rate, and so on.
FLAT_CODES = {
    REST_OF_UK: {"BR": "basic", "D0": "higher", "D1": "additional"},
    WALES: {"BR": "basic", "D0": "higher", "D1": "additional"},
    SCOTLAND: {"BR": "basic", "D0": "intermediate", "D1": "higher", "D2": "advanced", "D3": "top"},
}
ALLOWANCE, K_CODE, FLAT, NO_TAX = "allowance", "k", "flat", "no_tax"
WEEKS_IN_PERIOD = {"weekly": 1, "fortnightly": 2, "four_weekly": 4}
WEEKS_IN_YEAR, MONTHS_IN_YEAR = 52, 12
# The last pay day of a year paid weekly falls in week 53 at most; HMRC names the fortnightly and four-weekly extra
# pay days "week 54" and "week 56", which are accepted as the period too.
LAST_PERIOD = {"weekly": 53, "fortnightly": 54, "four_weekly": 56, "monthly": 12}

_CODE = re.compile(
    r"(?P<prefix>[SC])?"
    r"(?:(?P<flat>BR|D\d)|(?P<nt>NT)|K(?P<k>\d{1,5})|(?P<number>\d{1,5})(?P<letter>[LMNT]))"
    r"(?:[ /]*(?P<basis>W1|M1|X))?",
    re.ASCII,  # HMRC's codes are plain digits and letters: never other scripts' digits
)
_FOUR_PLACES = Decimal("0.0001")


class TaxCodeError(ValidationError, ValueError):
    """Input PAYE cannot work with (a tax code, period or amount): a ValueError for callers of the rules, and one
    of the app's own errors (exit 2 on the command line, shown plainly in the app)."""


@dataclass(frozen=True)
class TaxCode:
    """A tax code as HMRC issues it, taken apart."""

    text: str            # normalised as printed, e.g. "S1257L", "K585", "CBR", "0T", "NT" (no W1/M1 suffix)
    region: str          # "rest_of_uk" | "scotland" | "wales" (prefix S -> scotland, C -> wales)
    kind: str            # "allowance" (L/M/N/T suffix incl 0T), "k", "flat" (BR, D0-D3), "no_tax" (NT)
    number: int          # code number (0 for flat/NT)
    flat_band: str = ""  # for kind flat: the band whose rate applies, "basic", "higher", "intermediate", ...
    week1_month1: bool = False   # the text carried W1, M1 or X


@dataclass(frozen=True)
class PayeResult:
    tax_due_in_period: Decimal      # negative = refund
    tax_due_to_date: Decimal
    taxable_pay_to_date: Decimal    # pay to date incl. this period (before free pay), as HMRC's column
    free_pay: Decimal               # allowance used (negative for K = additional pay) for the period(s)
    regulatory_limit_applied: bool
    week1_month1: bool = False      # worked on a week 1 / month 1 basis (asked for, or an extra pay day)


def _bad_code(text: object) -> TaxCodeError:
    return TaxCodeError(
        _("Tax codes look like 1257L, S1257L, C1257L, K475, BR, D0, 0T or NT, sometimes with W1, M1 or X after "
          "them; '{text}' is not one.").format(text=str(text).strip()[:20]),
        field="tax_code", message_id="tax_code_shape")


def parse_tax_code(text: str) -> TaxCode:
    """A tax code taken apart: '1257L', 's1257l', 'C1257L W1', 'K475', 'SK475', 'BR', 'SD2', 'CBR', '0T', 'NT',
    '1257L M1', '1257L X'. Anything else is a TaxCodeError (a ValueError) saying what codes look like."""
    if not isinstance(text, str):
        raise _bad_code(text)
    typed = text.strip().upper()
    match = _CODE.fullmatch(typed)
    if match is None:
        raise _bad_code(text)
    prefix = match.group("prefix") or ""
    region = _PREFIX_REGION[prefix]
    week1_month1 = match.group("basis") is not None
    if match.group("flat"):
        flat = match.group("flat")
        band = FLAT_CODES[region].get(flat)
        if band is None:
            raise TaxCodeError(
                _("{code} is not a tax code: {prefix}D codes go from D0 to {last}.").format(
                    code=prefix + flat, prefix=prefix, last=max(code for code in FLAT_CODES[region] if code != "BR")),
                field="tax_code", message_id="tax_code_shape")
        return TaxCode(prefix + flat, region, FLAT, 0, band, week1_month1)
    if match.group("nt"):
        return TaxCode(prefix + "NT", region, NO_TAX, 0, "", week1_month1)
    if match.group("k") is not None:
        number = int(match.group("k"))
        if number == 0:
            raise TaxCodeError(_("K0 is not a tax code: a K code has a number of 1 or more after the K."),
                               field="tax_code", message_id="tax_code_shape")
        return TaxCode(f"{prefix}K{number}", region, K_CODE, number, "", week1_month1)
    number = int(match.group("number"))
    return TaxCode(f"{prefix}{number}{match.group('letter')}", region, ALLOWANCE, number, "", week1_month1)


def income_tax_table() -> RatesTable:
    """resources/rates/income_tax.toml (load_table reads it once a process)."""
    return load_table(TABLE)


def income_tax_row(tax_year: str) -> RatesRow:
    """The income tax figures of the tax year written '2025-26': the row starting on its 6 April, unchanged to
    5 April. A year the table does not hold is a RatesError naming the years it does, never last year's figures."""
    start = tax_year_of(tax_year)
    table = income_tax_table()
    row = table.tax_year_row(start)
    if row is None:
        raise RatesError(
            _("PA Employer has no income tax figures for the tax year {year}: it works out PAYE for {first} to "
              "{last}.").format(year=tax_year.strip(), first=tax_year_code(table.rows[0].effective_from),
                                last=tax_year_code(table.rows[-1].effective_from)),
            message_id="paye_no_figures_for_year")
    return row


def emergency_tax_code(region: str, tax_year: str | None = None) -> str:
    """The emergency code ('1257L', 'S1257L', 'C1257L'): the personal allowance's first digits with L, and the
    region's prefix (HMRC: starter checklist statement A, or no P45). Without a tax year, the latest year known."""
    if region not in REGIONS:
        raise TaxCodeError(_("'{text}' is not a tax region: give rest_of_uk, scotland or wales.").format(
            text=str(region)[:20]), field="region", message_id="tax_region")
    row = income_tax_row(tax_year) if tax_year is not None else income_tax_table().rows[-1]
    allowance = int(row["personal_allowance"]) // 10
    return f"{REGION_PREFIX[region]}{allowance}L"


def free_pay_for_one_period(number: int, *, monthly: bool, row: RatesRow) -> Decimal:
    """Week 1 or month 1 free pay (or K additional pay) of a code number, by HMRC's quotient and remainder rule:
    (10 r + 9) / 52 or / 12 rounded up to the penny, plus q whole code blocks (96.16 a week, 416.67 a month)."""
    if number <= 0:
        return ZERO
    block = row["code_block_number"]
    quotient, remainder = divmod(number - 1, block)
    remainder += 1
    divisor = MONTHS_IN_YEAR if monthly else WEEKS_IN_YEAR
    part = (Decimal(10 * remainder + 9) / divisor).quantize(PENNY, rounding=ROUND_CEILING)
    return part + quotient * row["code_block_monthly" if monthly else "code_block_weekly"]


def band_rate(row: RatesRow, region: str, band: str) -> Decimal:
    return row[f"{_FIELD_PREFIX[region]}_{band}_rate"]


def bands(row: RatesRow, region: str) -> list[tuple[Decimal | None, Decimal]]:
    """The region's bands of annual taxable pay: (upper limit, rate), lowest first; the last has no limit."""
    prefix = _FIELD_PREFIX[region]
    names = BANDS[region]
    return [(row[f"{prefix}_{name}_to"] if index < len(names) - 1 else None, row[f"{prefix}_{name}_rate"])
            for index, name in enumerate(names)]


def _truncate4(amount: Decimal) -> Decimal:
    return amount.quantize(_FOUR_PLACES, rounding=ROUND_DOWN)


def tax_on_taxable_pay(taxable: Decimal, band_list: list[tuple[Decimal | None, Decimal]], *, share: int,
                       of: int) -> Decimal:
    """Tax on whole-pound taxable pay with every band limit taken `share`/`of` of the year (n/52 or n/12).

    HMRC's tax formula: limit c = annual limit x share / of and the tax at each limit k likewise, to four
    decimal places truncated; the band is the first whose limit rounded up to the pound is not below the taxable
    pay; tax = k below + (taxable - c below) x rate, truncated to four places, then rounded down to the penny."""
    if taxable <= ZERO:
        return ZERO
    lower_limit = ZERO          # c of the band below, for the period
    lower_tax = ZERO            # k of the band below, for the period
    annual_below = ZERO
    annual_tax_below = ZERO
    for limit, rate in band_list:
        if limit is not None:
            period_limit = _truncate4(limit * share / of)
            if taxable <= period_limit.to_integral_value(rounding=ROUND_CEILING):
                break
            annual_tax_below += (limit - annual_below) * rate
            annual_below = limit
            lower_limit = period_limit
            lower_tax = _truncate4(annual_tax_below * share / of)
    tax = lower_tax + _truncate4((taxable - lower_limit) * rate)
    return tax.quantize(PENNY, rounding=ROUND_FLOOR)


def _money(value: Decimal | int | str, *, field: str, signed: bool = False) -> Decimal:
    try:
        amount = to_decimal(value)
    except (TypeError, ValueError):
        amount = None
    if amount is None or amount != amount.quantize(PENNY) or (amount < ZERO and not signed):
        raise TaxCodeError(
            _("The amount must be in pounds and pence, 0 or more.") if not signed
            else _("The amount must be in pounds and pence."), field=field, message_id="paye_bad_amount")
    return amount


def check_period(frequency: str, period: int) -> None:
    """A TaxCodeError unless `period` is a tax week (weekly kinds) or tax month (monthly) the frequency can have."""
    if frequency not in PAYE_FREQUENCIES:
        raise TaxCodeError(
            _("'{text}' is not a pay frequency: give weekly, fortnightly, four-weekly or monthly.").format(
                text=str(frequency)[:20]), field="frequency", message_id="paye_bad_frequency")
    last = LAST_PERIOD[frequency]
    if isinstance(period, bool) or not isinstance(period, int) or not 1 <= period <= last:
        if frequency == "monthly":
            message = _("The tax month must be a whole number from 1 to 12 (month 1 is 6 April to 5 May).")
        else:
            message = _("The tax week must be a whole number from 1 to {last} (week 1 is 6 to 12 April; it is the "
                        "week of the pay date).").format(last=last)
        raise TaxCodeError(message, field="period", message_id="paye_bad_period")


def is_extra_pay_day(frequency: str, period: int) -> bool:
    """The payment falls beyond the year's 52 weeks (week 53, "54" or "56"): HMRC taxes it on a week 1 basis."""
    if frequency == "monthly":
        return False
    weeks = WEEKS_IN_PERIOD[frequency]
    return -(-period // weeks) * weeks > WEEKS_IN_YEAR


def paye_tax(*, tax_year: str, frequency: str, period: int, tax_code: str | TaxCode, week1_month1: bool,
             gross: Decimal, pay_to_date_before: Decimal, tax_to_date_before: Decimal) -> PayeResult:
    """PAYE income tax on one payment of `gross` (pay subject to tax in this payment).

    `period` is the tax week of the pay date for weekly, fortnightly and four-weekly pay, the tax month for monthly
    pay. `pay_to_date_before` and `tax_to_date_before` are the taxable pay and tax of the tax year before this
    payment (this employment's, plus a P45's when the code is cumulative). `week1_month1` (or a W1, M1 or X on the
    code) works the payment on its own. Bad input is a TaxCodeError (a ValueError); a tax year without figures a
    RatesError. See the module docstring for HMRC's method and its sources."""
    code = tax_code if isinstance(tax_code, TaxCode) else parse_tax_code(tax_code)
    check_period(frequency, period)
    gross = _money(gross, field="gross")
    pay_before = _money(pay_to_date_before, field="pay_to_date_before")
    tax_before = _money(tax_to_date_before, field="tax_to_date_before", signed=True)
    row = income_tax_row(tax_year)

    monthly = frequency == "monthly"
    weeks = 1 if monthly else WEEKS_IN_PERIOD[frequency]
    # The weekly tables' week for the payment: the pay date's week rounded up to the pay period's length.
    table_period = period if monthly else -(-period // weeks) * weeks
    extra_pay_day = is_extra_pay_day(frequency, period)
    non_cumulative = week1_month1 or code.week1_month1 or extra_pay_day
    share = weeks if non_cumulative else table_period
    of = MONTHS_IN_YEAR if monthly else WEEKS_IN_YEAR
    pay = gross if non_cumulative else pay_before + gross

    free_pay = ZERO
    if code.kind == NO_TAX:
        tax_to_date = ZERO
    elif code.kind == FLAT:
        whole_pounds = pay.to_integral_value(rounding=ROUND_FLOOR)
        tax_to_date = (whole_pounds * band_rate(row, code.region, code.flat_band)).quantize(
            PENNY, rounding=ROUND_FLOOR)
    else:
        free_pay = free_pay_for_one_period(code.number, monthly=monthly, row=row) * share
        if code.kind == K_CODE:
            free_pay = -free_pay
        taxable = (pay - free_pay).to_integral_value(rounding=ROUND_FLOOR)
        tax_to_date = tax_on_taxable_pay(taxable, bands(row, code.region), share=share, of=of)

    due = tax_to_date if non_cumulative else tax_to_date - tax_before
    limit = (gross * row["regulatory_limit"]).quantize(PENNY, rounding=ROUND_FLOOR)
    limited = due > limit
    if limited:
        due = limit
    return PayeResult(
        tax_due_in_period=due,
        tax_due_to_date=tax_before + due,
        taxable_pay_to_date=pay_before + gross,
        free_pay=free_pay,
        regulatory_limit_applied=limited,
        week1_month1=non_cumulative,
    )
