"""Text and formats for people: gettext catalogues from i18n/ and babel formatting for one locale.

English (en_GB) is the source language; Welsh (cy) has its own catalogue and falls back to English
for any string not yet translated. The .po files are compiled in memory on first use, so a checkout
runs without a build step.
"""

from __future__ import annotations

import gettext as _gettext
import io
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale, dates as babel_dates, numbers as babel_numbers
from babel.messages import mofile, pofile

from paemployer.errors import PAEmployerError
from paemployer.paths import I18N_DIR

DOMAIN = "paemployer"
SOURCE_LOCALE = "en_GB"
SUPPORTED_LOCALES = ("en_GB", "cy")
LANGUAGE_NAMES = {"en_GB": "English", "cy": "Cymraeg"}

_current_locale = SOURCE_LOCALE
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


@lru_cache(maxsize=None)
def _load(locale: str) -> _gettext.NullTranslations:
    if locale == SOURCE_LOCALE:
        return _gettext.NullTranslations()
    po_path = I18N_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.exists():  # an installation without its catalogues must say so, not quietly speak English
        raise PAEmployerError(
            f"The {LANGUAGE_NAMES.get(locale, locale)} text of PA Employer is missing from this installation "
            f"({po_path}). Reinstall PA Employer.", message_id="catalogue_missing")
    with po_path.open("rb") as handle:
        catalog = pofile.read_po(handle, locale=locale, domain=DOMAIN)
    buffer = io.BytesIO()
    # Fuzzy entries are guesses, not translations: leave them out so English shows instead.
    mofile.write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def normalise_locale(locale: str | None) -> str:
    """Map what a person or a setting says ('cy_GB', 'en', 'cy') to a supported locale."""
    if not locale:
        return SOURCE_LOCALE
    language = locale.replace("-", "_").split("_")[0].lower()
    return "cy" if language == "cy" else SOURCE_LOCALE


def set_locale(locale: str | None) -> str:
    """Switch every later _() and format_* call to `locale`; returns the locale now in use."""
    global _current_locale, _translations
    _current_locale = normalise_locale(locale)
    _translations = _load(_current_locale)
    return _current_locale


def current_locale() -> str:
    return _current_locale


def _(message: str) -> str:
    """Translate `message` into the current locale (English when there is no translation)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (catalogue definitions)."""
    return message


def format_money(amount: Decimal, *, locale: str | None = None) -> str:
    """'£1,234.56' in the current locale. Money is never a float."""
    if not isinstance(amount, Decimal):
        raise TypeError("money must be a Decimal")
    return babel_numbers.format_currency(amount, "GBP", locale=locale or _current_locale)


def format_decimal(value: Decimal, *, locale: str | None = None, places: int | None = None) -> str:
    fmt = None if places is None else "#,##0." + "0" * places if places else "#,##0"
    return babel_numbers.format_decimal(value, format=fmt, locale=locale or _current_locale, decimal_quantization=places is not None)


def format_date(value: date, *, format: str = "medium", locale: str | None = None) -> str:
    """'24 Nov 2026' (medium), '24 November 2026' (long), '24/11/2026' (short)."""
    return babel_dates.format_date(value, format=format, locale=locale or _current_locale)


def format_datetime(value: datetime, *, format: str = "medium", locale: str | None = None) -> str:
    return babel_dates.format_datetime(value, format=format, locale=locale or _current_locale)


def format_time(value, *, format: str = "short", locale: str | None = None) -> str:
    return babel_dates.format_time(value, format=format, locale=locale or _current_locale)


def day_name(weekday: int, *, width: str = "wide", locale: str | None = None) -> str:
    """Name of a weekday, Monday = 0."""
    return Locale.parse(locale or _current_locale).days["format"][width][weekday]


# --- quantities with their unit, in the right plural form ---------------------------------------------------


def _plural_n(value) -> int:
    """The count that picks a plural form: a fraction ("4.5 hours") takes the general plural."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else 100


def plain_number(value) -> str:
    """'4.5', '48', '2,500': a quantity as people write it, with no trailing zeros."""
    return format_decimal(Decimal(value).normalize())


def hours_text(value) -> str:
    """'1 hour', '4.5 hours'."""
    return ngettext("{count} hour", "{count} hours", _plural_n(value)).format(count=plain_number(value))


def minutes_text(value) -> str:
    return ngettext("{count} minute", "{count} minutes", _plural_n(value)).format(count=plain_number(value))


def months_text(value) -> str:
    return ngettext("{count} month", "{count} months", _plural_n(value)).format(count=plain_number(value))


def years_text(value) -> str:
    return ngettext("{count} year", "{count} years", _plural_n(value)).format(count=plain_number(value))


def duration_text(minutes: int) -> str:
    """A length of time as people say it: '25 hours', '30 minutes', '24 hours 30 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = [hours_text(hours)] if hours else []
    if rest or not hours:
        parts.append(minutes_text(rest))
    return " ".join(parts)
