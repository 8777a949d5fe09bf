"""Argument types the subcommands share (apart from cli/__init__, which imports every subcommand).

Input is bounded: a date outside FIRST_DAY..LAST_DAY, or a number outside its limits, is refused with
a sentence, so nothing downstream meets a year 9999 or a number with thousands of digits.
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from paemployer.errors import ValidationError
from paemployer.i18n import _, format_money
from paemployer.rules.dates import FIRST_DAY, LAST_DAY  # the days any command accepts
from paemployer.rules.tax_year import tax_year_of
from paemployer.services.records.validation import (
    MAX_FULL_NAME_LENGTH,
    has_control_character,
    to_money,
)


def parse_date(text: str, *, field: str) -> date:
    """A date written YYYY-MM-DD from FIRST_DAY to LAST_DAY, or a ValidationError saying how to write it."""
    try:
        day = date.fromisoformat(text.strip()) if len(text) <= 40 else None
    except ValueError:
        day = None
    if day is None:
        raise ValidationError(_("'{text}' is not a date: write it as YYYY-MM-DD, for example 2026-11-24.").format(
            text=_shorten(text)), field=field)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(_("{day} is outside the dates PA Employer works with ({first} to {last}).").format(
            day=day.isoformat(), first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()), field=field)
    return day


def iso_date(text: str) -> date:
    """argparse type: a date written YYYY-MM-DD."""
    try:
        return parse_date(text, field="date")
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def file_path(text: str) -> Path:
    """argparse type: a file's path, with `~` expanded even when the shell left it alone (it was quoted)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(_("the file name is empty"))
    if "\x00" in text:
        raise argparse.ArgumentTypeError(_("a file name cannot contain a NUL character"))
    if len(text) > 4096:
        raise argparse.ArgumentTypeError(_("that file name is too long"))
    try:
        return Path(text).expanduser()
    except RuntimeError:  # ~someone who is not a user here
        raise argparse.ArgumentTypeError(_("'{text}' names a home folder that does not exist").format(
            text=_shorten(text))) from None


# The longest full name (a PA's or an employer's): two name parts and a space, as the records hold them.
MAX_NAME_LENGTH = MAX_FULL_NAME_LENGTH


def name_text(text: str) -> str:
    """argparse type: a person's name, at most MAX_NAME_LENGTH characters, on one line (no Cc or Cf character)."""
    if len(text) > MAX_NAME_LENGTH:
        raise argparse.ArgumentTypeError(_("the name is {n} characters long; at most {most} are accepted").format(
            n=len(text), most=MAX_NAME_LENGTH))
    if has_control_character(text):
        raise argparse.ArgumentTypeError(_("the name holds a control character (a line break or a tab); "
                                           "give it on one line"))
    if not text.strip():
        # An unset variable in a script ("--pa $NAME") must never widen a command to everyone.
        raise argparse.ArgumentTypeError(_("the name is empty: give the person's name"))
    return text


def bounded_number(text: str, *, low: Decimal, high: Decimal, example: str) -> Decimal:
    """A decimal number from `low` to `high`, or a ValidationError (for argparse types to turn into usage)."""
    try:
        value = Decimal(text.strip()) if len(text) <= 40 and text.strip().isascii() else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValidationError(_("'{text}' is not a number like {example}").format(text=_shorten(text),
                                                                                   example=example))
    if not low <= value <= high:
        raise ValidationError(_("{value} is outside what PA Employer accepts here ({low} to {high})").format(
            value=_shorten(text.strip()), low=low, high=high))
    return value


def bounded_whole_number(text: str, *, low: int, high: int) -> int:
    """A whole number from `low` to `high` written in ASCII digits, or a ValidationError."""
    stripped = text.strip()
    if not (stripped.isascii() and stripped.lstrip("+-").isdigit() and len(stripped) <= 20):
        raise ValidationError(_("'{text}' is not a whole number like 4").format(text=_shorten(text)))
    value = int(stripped)
    if not low <= value <= high:
        raise ValidationError(_("{value} is outside what PA Employer accepts here ({low} to {high})").format(
            value=value, low=low, high=high))
    return value


def argparse_type(function, **limits):
    """An argparse type from one of the bounded parsers above, with its limits."""

    def parse(text: str):
        try:
            return function(text, **limits)
        except ValidationError as error:
            raise argparse.ArgumentTypeError(error.message) from None

    parse.__name__ = function.__name__
    return parse


PAY_FREQUENCIES = ("weekly", "fortnightly", "four_weekly", "monthly")


def pay_amount(text: str, *, limit: Decimal, signed: bool = False) -> Decimal:
    """argparse type (through a lambda): an amount of money in pounds and pence, 0 or more unless `signed`, at
    most `limit` either way (larger amounts are typing mistakes)."""
    try:
        value = to_money(text, field="amount")
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None
    if value is None or (value < 0 and not signed):
        raise argparse.ArgumentTypeError(_("'{text}' must be an amount of money of 0 or more").format(
            text=_shorten(text, 40)))
    if abs(value) > limit:
        raise argparse.ArgumentTypeError(_("'{text}' is more than PA Employer accepts here ({limit} at most)").format(
            text=_shorten(text, 40), limit=format_money(limit)))
    if value != value.quantize(Decimal("0.01")):
        raise argparse.ArgumentTypeError(_("'{text}' has more than two decimal places").format(
            text=_shorten(text, 40)))
    return value


def tax_year_label(text: str) -> str:
    """argparse type: a tax year written 2025-26."""
    try:
        tax_year_of(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text.strip()


def pay_frequency(text: str) -> str:
    """argparse type: weekly, fortnightly, four-weekly (or four_weekly) or monthly."""
    value = text.strip().lower().replace("-", "_")
    if value not in PAY_FREQUENCIES:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a pay frequency: give weekly, fortnightly, four-weekly or monthly").format(
                text=_shorten(text, 20)))
    return value


def _shorten(text: str, limit: int = 60) -> str:
    """Text echoed back in a message: never a screenful."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
