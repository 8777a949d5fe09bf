"""Money as exact Decimal, with every rounding named.

Money is never a float. Each helper says which way it rounds and why the law or HMRC rounds that way:

- `round_up_to_penny`: away from zero (HMRC's SSP daily-rate tables and GOV.UK's SSP calculator round each
  week's amount UP to the next penny; NMW arrears are rounded in the worker's favour).
- `round_half_up_to_penny`: the ordinary commercial rounding (used only for display of derived figures).
- `truncate`: drop digits (HMRC's unrounded SSP daily rates keep four decimal places, truncated).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from typing import Any

PENNY = Decimal("0.01")
ZERO = Decimal("0")


def to_decimal(value: Decimal | int | str) -> Decimal:
    """An exact Decimal from a Decimal, int or numeric string. Floats are refused: they are not exact."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"money and rates must be Decimal, int or str, not {type(value).__name__}")
    if isinstance(value, Decimal):
        result = value
    else:
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"'{value}' is not a number") from None
    if not result.is_finite():
        raise ValueError(f"'{value}' is not a finite number")
    return result


def round_up_to_penny(amount: Decimal) -> Decimal:
    """Round away from zero to whole pence (HMRC SSP tables; arrears in the worker's favour)."""
    return amount.quantize(PENNY, rounding=ROUND_UP)


def round_half_up_to_penny(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def truncate(amount: Decimal, places: int) -> Decimal:
    """Drop digits after `places` decimal places (toward zero), e.g. HMRC's 4-place SSP daily rates."""
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)


def money_str(amount: Decimal) -> str:
    """'12.71': two places, for JSON and working. The amount must already be whole pence."""
    quantized = amount.quantize(PENNY)
    if quantized != amount:
        raise ValueError(f"{amount} is not a whole number of pence; round it first, naming the rounding")
    return f"{quantized:f}"


def decimal_str(value: Decimal) -> str:
    """A Decimal as plain text without exponent ('0.8', '37.5', '123.25')."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def rate_str(value: Decimal) -> str:
    """A rate as text with at least two decimal places ('80.00', '80.008', '123.25')."""
    text = decimal_str(value)
    whole, _, places = text.partition(".")
    return f"{whole}.{places.ljust(2, '0')}"


def plain(value: Any) -> Any:
    """A result's working as JSON-ready values: mappings to dicts, tuples to lists, Decimal and dates to text."""
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, Decimal):
        return decimal_str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
