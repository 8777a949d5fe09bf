"""Argument types the subcommands share (apart from cli/__init__, which imports every subcommand)."""

from __future__ import annotations

import argparse
from datetime import date

from paemployer.errors import ValidationError
from paemployer.i18n import _


def parse_date(text: str, *, field: str) -> date:
    """A date written YYYY-MM-DD, or a ValidationError saying how to write it."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(_("'{text}' is not a date: write it as YYYY-MM-DD, for example 2026-11-24.").format(
            text=text), field=field) from None


def iso_date(text: str) -> date:
    """argparse type: a date written YYYY-MM-DD."""
    try:
        return parse_date(text, field="date")
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None
