"""Validation where it is typed, shared by the forms, the importer and the record services.

Field checks (`normalise_ni_number`, `normalise_sort_code`, `to_money`, ...) take what a person
typed and return the clean value, or raise ValidationError(message, field=...) whose message says
in plain English what is wrong and how to fix it. Record checks (`validate_pa`, ...) take a whole
record as a mapping of field name to value, coerce every field to its column's type and check the
rules between fields (dates in order), so that nothing half-valid is ever saved.
"""

from __future__ import annotations

import re
import types
import typing
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlmodel import SQLModel

from paemployer import clock
from paemployer.errors import ValidationError
from paemployer.i18n import N_, SUPPORTED_LOCALES, _, format_date, plain_number
from paemployer.rules.dates import FIRST_DAY, LAST_DAY
from paemployer.rules.holiday import rules_for_leave_year
from paemployer.rules.national_insurance import CATEGORIES as NI_CATEGORIES
from paemployer.rules.paye import parse_tax_code
from paemployer.rules.rates import load_table
from paemployer.store.models import (
    PA,
    ContingencyStep,
    ContractTerms,
    CoverContact,
    Employer,
    Reference,
    Training,
)

# Field names in the user's words, for messages. Fields not listed use their name with spaces.
FIELD_LABELS: dict[str, str] = {
    "name": N_("name"),
    "first_name": N_("first name"),
    "last_name": N_("last name"),
    "date_of_birth": N_("date of birth"),
    "ni_number": N_("National Insurance number"),
    "start_date": N_("start date"),
    "end_date": N_("end date"),
    "hourly_rate": N_("hourly rate"),
    "standard_rate": N_("standard hourly rate"),
    "waking_night_rate": N_("waking night rate"),
    "sleep_in_allowance": N_("sleep-in allowance"),
    "bank_holiday_rate": N_("bank holiday rate"),
    "weekend_rate": N_("weekend rate"),
    "hours_per_week": N_("hours per week"),
    "days_per_week": N_("days per week"),
    "hours_type": N_("hours type"),
    "pay_frequency": N_("pay frequency"),
    "holiday_pay": N_("holiday pay"),
    "accommodation_charge_per_day": N_("accommodation charge a day"),
    "effective_from": N_("date these terms start"),
    "right_to_work_checked_on": N_("date of the right-to-work check"),
    "right_to_work_follow_up": N_("right-to-work follow-up date"),
    "bank_sort_code": N_("sort code"),
    "bank_account_number": N_("account number"),
    "course": N_("course"),
    "completed_on": N_("date completed"),
    "expires_on": N_("expiry date"),
    "referee_name": N_("referee's name"),
    "requested_on": N_("date requested"),
    "received_on": N_("date received"),
    "scenario": N_("situation"),
    "step": N_("step"),
    "el_expiry": N_("insurance expiry date"),
    "issued_on": N_("date the written statement was given"),
    "signed_on": N_("date the written statement was signed"),
    "other_employer_hours_per_week": N_("hours per week for other employers"),
    "notice_weeks": N_("notice in weeks"),
    "locale": N_("language"),
    "known_as": N_("name the PA is known by"),
    "manager_name": N_("name of who manages the employment"),
    "emergency_contact_name": N_("emergency contact's name"),
    "bank_account_name": N_("name on the bank account"),
    "tax_code": N_("tax code"),
    "tax_week1_month1": N_("week 1 / month 1 basis"),
    "ni_category": N_("National Insurance category letter"),
    "starter_statement": N_("starter checklist statement"),
    "p45_leaving_date": N_("leaving date on the P45"),
    "p45_tax_code": N_("tax code on the P45"),
    "p45_week1_month1": N_("week 1 / month 1 basis on the P45"),
    "p45_pay_to_date": N_("total pay to date on the P45"),
    "p45_tax_to_date": N_("total tax to date on the P45"),
    "student_loan_plan": N_("student loan plan"),
    "postgraduate_loan": N_("postgraduate loan"),
    "pension_enrolled_on": N_("date enrolled in the pension"),
    "pension_opted_out_on": N_("date opted out of the pension"),
    "pension_postponed_until": N_("date pension enrolment is postponed to"),
    "hmrc_route": N_("way of reporting to HMRC"),
    "hmrc_payment_method": N_("way of paying HMRC"),
    "hmrc_pays_quarterly": N_("paying HMRC every quarter"),
    "care_and_support_only": N_("care and support only"),
    "small_employers_relief": N_("Small Employers' Relief"),
    "pension_relief": N_("pension tax relief"),
    "pension_employer_rate": N_("employer's pension contribution"),
    "pension_employee_rate": N_("PA's pension contribution"),
    "p60s_given_for": N_("tax year of the last P60s given"),
}

# Which list a choice field's values come from, in the user's words (the stored value first).
CHOICE_LABELS: dict[str, str] = {
    "hours_type": N_("fixed, irregular or zero_hours"),
    "pay_frequency": N_("weekly, fortnightly, four_weekly or monthly"),
    "nation": N_("england, wales, scotland or northern-ireland"),
    "holiday_pay": N_("when_taken or rolled_up"),
    "starter_statement": N_("A, B or C, or empty if not known"),
    "student_loan_plan": N_("1, 2, 4 or 5, or empty if none"),
    "hmrc_route": N_("basic_paye_tools, payroll_service or paper"),
    "hmrc_payment_method": N_("electronic or cheque"),
    "pension_relief": N_("relief_at_source or net_pay"),
}


def label(field: str) -> str:
    """The field's name in the user's words, translated."""
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " ")


# --- field checks --------------------------------------------------------------------------------

# HMRC National Insurance Manual NIM39110 (format of NI numbers): two prefix letters, six digits and
# a suffix letter A-D. The first letter is never D, F, I, Q, U or V; the second never D, F, I, O,
# Q, U or V; and the prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated.
NI_FIRST_LETTER_NOT = frozenset("DFIQUV")
NI_SECOND_LETTER_NOT = frozenset("DFIOQUV")
NI_PREFIXES_NOT = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_NI_SHAPE = re.compile(r"^([A-Z]{2})([0-9]{6})([A-Z])$")


def normalise_ni_number(text: str | None, *, field: str = "ni_number") -> str:
    """'ab 12 34 56 c' -> 'AB123456C'; empty stays empty. Raises ValidationError if not a valid NI number."""
    cleaned = re.sub(r"\s+", "", text or "").upper()
    if not cleaned:
        return ""
    example = "AB 12 34 56 C"
    match = _NI_SHAPE.match(cleaned)
    if not match:
        raise ValidationError(
            _("{value} is not a National Insurance number. It should be two letters, six numbers and "
              "a final letter A, B, C or D, like {example}. Check it on the PA's payslip or NI letter.").format(
                value=text.strip(), example=example),
            field=field, message_id="ni_shape",
        )
    prefix, _digits, suffix = match.groups()
    if suffix not in "ABCD":
        raise ValidationError(
            _("A National Insurance number ends with A, B, C or D, not {letter}. Check the last letter.").format(
                letter=suffix),
            field=field, message_id="ni_suffix",
        )
    if prefix[0] in NI_FIRST_LETTER_NOT:
        raise ValidationError(
            _("A National Insurance number never starts with the letter {letter} (HMRC does not use "
              "D, F, I, Q, U or V first). Check the first two letters.").format(letter=prefix[0]),
            field=field, message_id="ni_first_letter",
        )
    if prefix[1] in NI_SECOND_LETTER_NOT:
        raise ValidationError(
            _("A National Insurance number never has {letter} as its second letter (HMRC does not use "
              "D, F, I, O, Q, U or V second). Check the first two letters.").format(letter=prefix[1]),
            field=field, message_id="ni_second_letter",
        )
    if prefix in NI_PREFIXES_NOT:
        raise ValidationError(
            _("{prefix} is not a prefix HMRC gives to real National Insurance numbers. Check the first "
              "two letters with the PA.").format(prefix=prefix),
            field=field, message_id="ni_prefix",
        )
    return cleaned


def format_ni_number(ni_number: str) -> str:
    """'AB123456C' -> 'AB 12 34 56 C', the way HMRC prints it."""
    if len(ni_number) != 9:
        return ni_number
    return f"{ni_number[:2]} {ni_number[2:4]} {ni_number[4:6]} {ni_number[6:8]} {ni_number[8]}"


def normalise_sort_code(text: str | None, *, field: str = "bank_sort_code") -> str:
    """'12 34 56' or '123456' -> '12-34-56'; empty stays empty."""
    digits = re.sub(r"[\s-]+", "", text or "")
    if not digits:
        return ""
    if not re.fullmatch(r"[0-9]{6}", digits):
        raise ValidationError(
            _("A sort code is six numbers, like 12-34-56. Check it on a bank statement or card."),
            field=field, message_id="sort_code_shape",
        )
    return f"{digits[:2]}-{digits[2:4]}-{digits[4:]}"


def normalise_account_number(text: str | None, *, field: str = "bank_account_number") -> str:
    """Eight digits, spaces removed; empty stays empty."""
    digits = re.sub(r"[\s-]+", "", text or "")
    if not digits:
        return ""
    if not re.fullmatch(r"[0-9]{8}", digits):
        raise ValidationError(
            _("A UK bank account number is eight numbers. If the PA's has seven, put a 0 in front; "
              "check it on a bank statement."),
            field=field, message_id="account_number_shape",
        )
    return digits


def require_text(value: str | None, *, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(
            _("The {field} is missing. Fill it in and try again.").format(field=label(field)),
            field=field, message_id="required",
        )
    return text


# Names people type. A name part (first name, last name, known as) is at most MAX_NAME_PART_LENGTH characters;
# a full name (an employer's, a cover contact's, a referee's, the command line's `--pa`) at most two parts and
# a space. Not statutory: longer is a paste or a slip, and it would not fit a letter, a rota or a calendar.
MAX_NAME_PART_LENGTH = 100
MAX_FULL_NAME_LENGTH = 2 * MAX_NAME_PART_LENGTH + 1
NAME_PART_FIELDS = ("first_name", "last_name", "known_as")
FULL_NAME_FIELDS = ("name", "manager_name", "emergency_contact_name", "bank_account_name", "referee_name")
# Other one-line fields: no line break or invisible character, whatever their length.
ONE_LINE_FIELDS = ("phone", "phone_other", "email", "postcode", "emergency_contact_phone", "family_relationship",
                   "manager_contact", "council", "referee_contact")
# Zero-width non-joiner and joiner are format characters that join or part letters in Persian, Indic and
# other scripts' names; they move nothing and break no line, so they are allowed.
_ALLOWED_FORMAT_CHARACTERS = frozenset("\u200c\u200d")


def has_control_character(text: str) -> bool:
    """A line break, a tab, a NUL, a direction override or another invisible control (Unicode Cc or Cf)."""
    return any(unicodedata.category(character) in ("Cc", "Cf") and character not in _ALLOWED_FORMAT_CHARACTERS
               for character in text)


def check_one_line_text(text: str, *, field: str, most: int | None = None) -> str:
    """`text` unchanged if it fits on one line (and in `most` characters); otherwise a ValidationError."""
    if most is not None and len(text) > most:
        raise ValidationError(
            _("The {field} is {n} characters long; at most {most} are accepted. Check what was typed or "
              "pasted.").format(field=label(field), n=len(text), most=most),
            field=field, message_id="text_too_long")
    if has_control_character(text):
        raise ValidationError(
            _("The {field} holds a line break, a tab or another invisible character. Type it on one line, "
              "with letters, spaces and punctuation only.").format(field=label(field)),
            field=field, message_id="text_control_character")
    return text


def _check_short_texts(cleaned: Mapping[str, Any]) -> None:
    """Names and other one-line fields present in `cleaned`, held to their limits."""
    for name, most in ([(name, MAX_NAME_PART_LENGTH) for name in NAME_PART_FIELDS]
                       + [(name, MAX_FULL_NAME_LENGTH) for name in FULL_NAME_FIELDS]
                       + [(name, None) for name in ONE_LINE_FIELDS]):
        if isinstance(cleaned.get(name), str):
            check_one_line_text(cleaned[name], field=name, most=most)


# Dates people type: ISO (2026-12-31, 2026/12/31) or as written in the UK (31/12/2026, 31.12.2026, 31-12-2026),
# each optionally with Excel's midnight time (a date cell saved as CSV: "31/12/2026 00:00", "2026-12-31 00:00:00").
# Day before month, always: a date written month first (12/31/2026) is refused, never swapped. Years have
# four digits (31/12/26 could be 1926 or 2026). ASCII digits only.
_MIDNIGHT = r"(?:[T ]0?0:00(?::00(?:\.0+)?)?)?"
_YEAR_FIRST = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})" + _MIDNIGHT)
_DAY_FIRST = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})" + _MIDNIGHT)
EARLIEST_YEAR, LATEST_YEAR = FIRST_DAY.year, LAST_DAY.year  # rules/dates.py: the days the app works with


def parse_date_text(text: str) -> date | None:
    """The day a typed date names (ISO, or UK day/month/year, optionally with a midnight time), or None."""
    text = text.strip()
    if match := _YEAR_FIRST.fullmatch(text):
        year, _sep, month, day = match.groups()
    elif match := _DAY_FIRST.fullmatch(text):
        day, _sep, month, year = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def to_date(value: Any, *, field: str) -> date | None:
    """A date, or a typed date (2026-11-24, 24/11/2026, Excel's 24/11/2026 00:00); empty means no date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        day = parse_date_text(value)
        if day is not None and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise ValidationError(
                _("{value} is too far in the past or the future for the {field}. Check the year.").format(
                    value=value.strip(), field=label(field)),
                field=field, message_id="date_range",
            )
        if day is not None:
            return day
    raise ValidationError(
        _("{value} is not a date the app can read for the {field}. Write it as day/month/year, for example "
          "31/12/2026, or as year-month-day, 2026-12-31.").format(value=_shorten(str(value)), field=label(field)),
        field=field, message_id="date_shape",
    )


def _shorten(text: str, limit: int = 40) -> str:
    """What a person typed, for a message: a long paste is cut, not repeated in full."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


# Money and hours as typed. A point is the decimal separator where the file or form is British; a
# semicolon-separated spreadsheet (Excel in many European languages) writes a comma. A separator that is
# not the decimal one may only group thousands (1,271.50). A lone separator followed by exactly three digits
# (1,271) could be either: it is read as the decimal separator only where that is the convention, and
# otherwise refused, never guessed; a wrong guess multiplies or divides by a thousand.
MAX_WHOLE_DIGITS = 9     # up to £999,999,999: more is a slip, not a rate or an amount
MAX_FRACTION_DIGITS = 6
_NUMBER_TEXT = re.compile(r"([+-]?)\s*£?\s*([0-9.,]+)")


class _TwoWays(Exception):
    def __init__(self, whole: str, fraction: str) -> None:
        super().__init__(whole, fraction)
        self.whole, self.fraction = whole, fraction


class _DecimalGroups(Exception):
    """The decimal separator used to group thousands (1.271.500 where a point marks pence)."""


def _grouped(text: str, group: str) -> bool:
    """Thousands grouped the usual way: 1,271 or 12,345,678 (not 1,27,100 nor 0,125)."""
    return re.fullmatch(r"[1-9][0-9]{0,2}(?:" + re.escape(group) + r"[0-9]{3})+", text) is not None


def _plain_number(body: str, decimal_separator: str) -> str | None:
    """`body` (digits and separators) as plain digits with a point, or None if it is not one number."""
    separators = [char for char in body if char in ",."]
    if not separators:
        return body
    if len(set(separators)) == 2:
        decimal = body[max(body.rfind(","), body.rfind("."))]
        group = "," if decimal == "." else "."
        if group == decimal_separator:
            raise _DecimalGroups
        whole, _point, fraction = body.partition(decimal)
        if body.count(decimal) != 1 or not fraction.isdigit() or not _grouped(whole, group):
            return None
        return whole.replace(group, "") + "." + fraction
    separator = separators[0]
    if len(separators) > 1:
        if separator == decimal_separator and _grouped(body, separator):
            raise _DecimalGroups
        return body.replace(separator, "") if _grouped(body, separator) else None
    whole, _point, fraction = body.partition(separator)
    if not fraction:
        return None
    if len(fraction) == 3 and _grouped(body, separator) and separator != decimal_separator:
        raise _TwoWays(whole + fraction, whole + "." + fraction)
    return (whole or "0") + "." + fraction


def to_money(value: Any, *, field: str, decimal_separator: str = ".") -> Decimal | None:
    """An exact Decimal from a Decimal, an int or typed text ('12.71', '£12.71', '1,271.50'); empty means none.

    `decimal_separator` is the convention where the text was typed ("," in a semicolon-separated
    spreadsheet). A float is refused: it cannot hold pence exactly.
    """
    if value is None or value == "":
        return None
    if isinstance(value, (bool, float)):
        raise TypeError("money and rates must be Decimal, int or text, never float or bool")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    else:
        text = str(value)
        match = _NUMBER_TEXT.fullmatch(text.strip())
        try:
            plain = _plain_number(match.group(2), decimal_separator) if match else None
        except _TwoWays as two_ways:
            fraction = two_ways.fraction if decimal_separator == "." else two_ways.fraction.replace(".", ",")
            raise ValidationError(
                _("{value} can be read two ways for the {field}: {whole} or {fraction}. Write {whole} without "
                  "the separator if that is what you mean, or {fraction_text} for {fraction}.").format(
                    value=text.strip(), field=label(field), whole=two_ways.whole, fraction=two_ways.fraction,
                    fraction_text=fraction),
                field=field, message_id="number_two_ways",
            ) from None
        except _DecimalGroups:
            template = (_("{value} is not a number the app can read for the {field}: here a point marks the pence, "
                          "so it cannot also group thousands. Write the number without grouping, like 1271.50.")
                        if decimal_separator == "." else
                        _("{value} is not a number the app can read for the {field}: in this file a comma marks "
                          "the decimal part, so it cannot also group thousands. Write the number without "
                          "grouping, like 1271,50."))
            raise ValidationError(template.format(value=_shorten(text), field=label(field)),
                                  field=field, message_id="number_decimal_groups") from None
        whole, _point, fraction = (plain or "").partition(".")
        if plain is not None and (len(whole.lstrip("0")) > MAX_WHOLE_DIGITS or len(fraction) > MAX_FRACTION_DIGITS):
            raise ValidationError(
                _("{value} has more digits than the app can take for the {field}. Check the number.").format(
                    value=_shorten(text), field=label(field)),
                field=field, message_id="number_too_long",
            )
        amount = Decimal(match.group(1) + plain) if plain is not None else Decimal("NaN")
    if not amount.is_finite():
        raise ValidationError(
            _("{value} is not a number the app can read for the {field}. Type digits, with a point "
              "for pence, like 12.60.").format(value=_shorten(str(value)), field=label(field)),
            field=field, message_id="number_shape",
        )
    return amount


def check_not_negative(value: Decimal | int | None, *, field: str) -> None:
    if value is not None and value < 0:
        raise ValidationError(
            _("The {field} cannot be less than zero. Type an amount of zero or more.").format(
                field=label(field)),
            field=field, message_id="negative",
        )


def check_not_more_than(value: Decimal | int | None, limit: int, *, field: str) -> None:
    if value is not None and value > limit:
        raise ValidationError(
            _("The {field} cannot be more than {limit}. Check the number.").format(field=label(field), limit=limit),
            field=field, message_id="too_large",
        )


HOURLY_RATE_FIELDS = ("standard_rate", "waking_night_rate", "bank_holiday_rate", "weekend_rate")
MOST_HOURLY_RATE = Decimal(1000)  # not a statutory figure: a rate above it is a week's or month's pay mistyped


def check_hourly_rate(value: Decimal | int | None, *, field: str) -> None:
    """A rate for one hour is plausible: far above any PA's, it is probably a week's or a month's pay."""
    if value is not None and value > MOST_HOURLY_RATE:
        raise ValidationError(
            _("The {field} of £{value} is more than £{most} for one hour: it may be weekly or monthly pay typed "
              "as the hourly rate. Type what the PA is paid for one hour, like 13.50.").format(
                field=label(field), value=value, most=MOST_HOURLY_RATE),
            field=field, message_id="rate_implausible",
        )


MOST_SLEEP_IN_ALLOWANCE = MOST_HOURLY_RATE  # not statutory either: a night's flat sum above it is a slip


def check_sleep_in_allowance(value: Decimal | int | None, *, field: str = "sleep_in_allowance") -> None:
    """A sleep-in allowance is a flat sum for one night: far above any PA's, it is a week's or month's pay."""
    if value is not None and value > MOST_SLEEP_IN_ALLOWANCE:
        raise ValidationError(
            _("The {field} of £{value} is more than £{most} for one night: it may be a week's or a month's "
              "allowances typed as one. Type what the PA is paid for one sleep-in, like 45.00.").format(
                field=label(field), value=value, most=MOST_SLEEP_IN_ALLOWANCE),
            field=field, message_id="sleep_in_allowance_implausible",
        )


# How an irregular-hours or part-year PA's holiday is paid (rules.pay.HolidayPay; the PAs CSV column).
HOLIDAY_PAY_WHEN_TAKEN, HOLIDAY_PAY_ROLLED_UP = "when_taken", "rolled_up"
HOLIDAY_PAY_CHOICES = (HOLIDAY_PAY_WHEN_TAKEN, HOLIDAY_PAY_ROLLED_UP)


def _choice_text(value: Any) -> str:
    return str(value.value if isinstance(value, Enum) else value or "").strip()


def _rolled_up_percent() -> str:
    """'12.07%': the rolled-up holiday pay percentage for a leave year starting today, from the rates table."""
    return f"{plain_number(rules_for_leave_year(clock.today())['irregular_accrual_percent'])}%"


def to_holiday_pay(value: Any, *, field: str = "holiday_pay") -> str | None:
    """'when_taken' or 'rolled_up' from what was typed (any case; a space or hyphen for the underscore);
    empty means none given (the contract's default, when_taken)."""
    text = _choice_text(value)
    if not text:
        return None
    wanted = re.sub(r"[\s-]+", "_", text.casefold())
    if wanted in HOLIDAY_PAY_CHOICES:
        return wanted
    raise ValidationError(
        _("{value} is not a way of paying holiday the app knows. Write when_taken (holiday is paid when the PA "
          "takes leave) or rolled_up ({percent} of pay for work added to every payslip, for irregular hours or "
          "part-year work only).").format(value=_shorten(text), percent=_rolled_up_percent()),
        field=field, message_id="holiday_pay_choice",
    )


def check_holiday_pay_fits_hours(holiday_pay: Any, hours_type: Any, *, field: str = "holiday_pay") -> None:
    """Rolled-up holiday pay is lawful only for irregular-hours and part-year workers (Working Time
    Regulations 1998 reg 16A, leave years from 1 April 2024): a PA on fixed hours has paid leave when taken."""
    if _choice_text(holiday_pay) == HOLIDAY_PAY_ROLLED_UP and _choice_text(hours_type or "fixed") == "fixed":
        raise ValidationError(
            _("Rolled-up holiday pay is only for PAs on irregular hours or part-year contracts (Working Time "
              "Regulations 1998, regulation 16A). A PA on fixed hours is paid their normal pay when they take "
              "leave: write when_taken, or change the hours type to irregular if their hours really vary."),
            field=field, message_id="rolled_up_fixed_hours",
        )


def check_dates_in_order(earlier_field: str, earlier: date | None, later_field: str, later: date | None,
                         *, strictly: bool = False) -> None:
    """The later date must not come before the earlier one (nor on it when `strictly`); the later field is blamed."""
    if earlier is None or later is None:
        return
    if later < earlier or (strictly and later == earlier):
        template = (_("The {later} must be after the {earlier}. Check both dates.") if strictly
                    else _("The {later} cannot be before the {earlier}. Check both dates."))
        raise ValidationError(
            template.format(later=label(later_field), earlier=label(earlier_field)),
            field=later_field, message_id="dates_out_of_order",
        )


def to_choice(value: Any, enum_type: type[Enum], *, field: str) -> Enum:
    """An enum member from itself, its value ('wales') or its name ('WALES')."""
    if isinstance(value, enum_type):
        return value
    text = str(value or "").strip()
    for member in enum_type:
        if text == member.value or text.upper() == member.name:
            return member
    choices = _(CHOICE_LABELS[field]) if field in CHOICE_LABELS else ", ".join(m.value for m in enum_type)
    raise ValidationError(
        _("{value} is not a {field} the app knows. Choose one of: {choices}.").format(
            value=text or _("(empty)"), field=label(field), choices=choices),
        field=field, message_id="unknown_choice",
    )


# --- tax, National Insurance and pension ---------------------------------------------------------

STARTER_STATEMENTS = ("", "A", "B", "C")           # HMRC starter checklist: statement A, B or C
STUDENT_LOAN_PLANS = ("", "1", "2", "4", "5")      # HMRC student loan plan types
HMRC_ROUTES = ("basic_paye_tools", "payroll_service", "paper")
HMRC_PAYMENT_METHODS = ("electronic", "cheque")
PENSION_RELIEFS = ("relief_at_source", "net_pay")


def _plain_choice(value: Any, choices: tuple[str, ...], *, field: str, upper: bool = False) -> str:
    """One of `choices` from what was typed (any case; a space or hyphen for the underscore)."""
    text = _choice_text(value)
    wanted = text.upper() if upper else re.sub(r"[\s-]+", "_", text.casefold())
    if wanted in choices:
        return wanted
    raise ValidationError(
        _("{value} is not a {field} the app knows. Choose one of: {choices}.").format(
            value=_shorten(wanted if upper else text) or _("(empty)"), field=label(field),
            choices=_(CHOICE_LABELS[field]) if field in CHOICE_LABELS else ", ".join(c for c in choices if c)),
        field=field, message_id="unknown_choice")


def normalise_tax_code(text: Any, *, field: str = "tax_code") -> tuple[str, bool]:
    """('S1257L', week1_month1) from what was typed ('s1257l w1', '1257L M1', '0T X'); ('', False) when empty.
    Raises ValidationError with HMRC's shapes explained when it is not a tax code."""
    typed = re.sub(r"\s+", "", str(text or "")).upper()
    if not typed:
        return "", False
    try:
        code = parse_tax_code(typed)
    except ValueError as error:
        raise ValidationError(
            _("{reason} Copy the {field} exactly as HMRC's letter, the P45 or a payslip shows it.").format(
                reason=getattr(error, "message", str(error)), field=label(field)),
            field=field, message_id="tax_code_shape") from None
    return code.text, code.week1_month1


def to_ni_category(value: Any, *, field: str = "ni_category") -> str:
    """A National Insurance category letter (HMRC's list); empty means the standard letter A."""
    letter = _choice_text(value).upper() or "A"
    if letter in NI_CATEGORIES:
        return letter
    raise ValidationError(
        _("{value} is not a National Insurance category letter. Most PAs are A; HMRC's letters are {letters}. "
          "Check the PA's payslip from another job, or HMRC's guidance on category letters.").format(
            value=_shorten(letter), letters=", ".join(NI_CATEGORIES)),
        field=field, message_id="ni_category_unknown")


def to_student_loan_plan(value: Any, *, field: str = "student_loan_plan") -> str:
    """'1', '2', '4' or '5' ('plan 2' and 'Plan 4' accepted); empty means no student loan."""
    text = re.sub(r"^plan\s*", "", _choice_text(value).casefold())
    return _plain_choice(text, STUDENT_LOAN_PLANS, field=field)


def to_pension_rate(value: Any, *, field: str) -> Decimal | None:
    """A contribution rate as a fraction of qualifying earnings: '0.03' or '3%' -> 0.03. Below nothing or above
    the whole of the pay is refused; a rate under the legal minimum is allowed (pension_rate_notes says so)."""
    if isinstance(value, str) and value.strip().endswith("%"):
        percent = to_money(value.strip()[:-1], field=field)
        rate = None if percent is None else percent / 100
    else:
        rate = to_money(value, field=field)
    if rate is not None and not Decimal(0) <= rate <= 1:
        raise ValidationError(
            _("The {field} must be between 0 and 100%. Type it as a percentage, like 3%, or as a fraction of "
              "pay, like 0.03.").format(field=label(field)),
            field=field, message_id="pension_rate_range")
    return rate


def pension_rate_notes(employer_rate: Decimal, employee_rate: Decimal, *, on: date) -> list[str]:
    """Plain-English notes when the contribution rates are below the minimum for automatic enrolment (Pensions
    Act 2008 s.20: a total on qualifying earnings with an employer's share). A scheme may set other bases, so the
    notes inform and never refuse."""
    row = load_table("auto_enrolment").row_on(on)
    lowest_employer, lowest_total = row["minimum_employer_contribution"], row["minimum_total_contribution"]
    notes = []
    if employer_rate < lowest_employer:
        notes.append(_("The employer's pension contribution of {rate} is less than the {least} of qualifying "
                       "earnings the law asks for (Pensions Act 2008, section 20). Check it with the pension "
                       "scheme.").format(rate=percent_text(employer_rate), least=percent_text(lowest_employer)))
    if employer_rate + employee_rate < lowest_total:
        notes.append(_("Together the contributions make {rate}, less than the {least} of qualifying earnings the "
                       "law asks for in all (Pensions Act 2008, section 20). The employer must pay any "
                       "difference the PA does not.").format(
            rate=percent_text(employer_rate + employee_rate), least=percent_text(lowest_total)))
    return notes


def percent_text(rate: Decimal) -> str:
    """0.03 -> '3%', 0.035 -> '3.5%'."""
    return f"{plain_number(rate * 100)}%"


def _check_tax_fields(cleaned: dict[str, Any], values: Mapping[str, Any]) -> None:
    """A PA's tax code, NI letter, starter statement, P45 and loans, normalised in `cleaned`."""
    for code_field, basis_field in (("tax_code", "tax_week1_month1"), ("p45_tax_code", "p45_week1_month1")):
        if code_field in cleaned:
            cleaned[code_field], suffixed = normalise_tax_code(values.get(code_field), field=code_field)
            if suffixed:  # 'W1', 'M1' or 'X' typed after the code: the basis it names
                cleaned[basis_field] = True
    if "ni_category" in cleaned:
        cleaned["ni_category"] = to_ni_category(values.get("ni_category"))
    if "starter_statement" in cleaned:
        cleaned["starter_statement"] = _plain_choice(
            re.sub(r"^statement\s*", "", _choice_text(values.get("starter_statement")).casefold()),
            STARTER_STATEMENTS, field="starter_statement", upper=True)
    if "student_loan_plan" in cleaned:
        cleaned["student_loan_plan"] = to_student_loan_plan(values.get("student_loan_plan"))
    _check_money_fields(cleaned, ("p45_pay_to_date", "p45_tax_to_date"))
    p45_figures = any(cleaned.get(name) for name in ("p45_pay_to_date", "p45_tax_to_date", "p45_tax_code"))
    if p45_figures and cleaned.get("p45_leaving_date") is None:
        raise ValidationError(
            _("P45 figures are given without the leaving date on the P45. Add the leaving date (it is on the P45): "
              "it says which tax year the pay and tax to date belong to."),
            field="p45_leaving_date", message_id="p45_without_leaving_date")
    leaving = cleaned.get("p45_leaving_date")
    if leaving is not None and leaving > clock.today():
        raise ValidationError(
            _("The leaving date on the P45 is {date}, which has not come yet. A P45 is given when someone has "
              "left: check the date on it.").format(date=format_date(leaving)),
            field="p45_leaving_date", message_id="p45_leaving_in_future")
    check_dates_in_order("pension_enrolled_on", cleaned.get("pension_enrolled_on"),
                         "pension_opted_out_on", cleaned.get("pension_opted_out_on"))


def _check_hmrc_and_pension_fields(cleaned: dict[str, Any], values: Mapping[str, Any]) -> None:
    """The employer's HMRC route, payment method and pension relief choices and contribution rates."""
    for name, choices in (("hmrc_route", HMRC_ROUTES), ("hmrc_payment_method", HMRC_PAYMENT_METHODS),
                          ("pension_relief", PENSION_RELIEFS)):
        if name in cleaned:
            cleaned[name] = _plain_choice(values.get(name), choices, field=name)
    for name in ("pension_employer_rate", "pension_employee_rate"):
        if name in cleaned:
            rate = to_pension_rate(values.get(name), field=name)
            if rate is None:
                raise ValidationError(
                    _("The {field} is missing. Type the rate the pension scheme uses, like 3%, or 0 for "
                      "none.").format(field=label(name)), field=name, message_id="required")
            cleaned[name] = rate
    if cleaned.get("p60s_given_for"):
        given = str(cleaned["p60s_given_for"])
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", given) or (int(given[:4]) + 1) % 100 != int(given[5:]):
            raise ValidationError(
                _("{value} is not a tax year. Write it like 2025-26.").format(value=_shorten(given)),
                field="p60s_given_for", message_id="tax_year_shape")


# --- whole records -------------------------------------------------------------------------------

def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if (origin is typing.Union or origin is types.UnionType) and type(None) in args:
        rest = [arg for arg in args if arg is not type(None)]
        return rest[0], True
    return annotation, False


def _coerce(model: type[SQLModel], values: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of `values` converted to its column's type; unknown fields are a programming error."""
    fields = model.model_fields
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name == "id":
            continue
        if name not in fields:
            raise TypeError(f"{model.__name__} has no field {name!r}")
        kind, optional = _unwrap_optional(fields[name].annotation)
        if isinstance(kind, type) and issubclass(kind, Enum):
            cleaned[name] = None if optional and value in (None, "") else to_choice(value, kind, field=name)
        elif kind is date:
            cleaned[name] = to_date(value, field=name)
        elif kind is Decimal:
            cleaned[name] = to_money(value, field=name)
        elif kind is bool:
            # An optional yes/no keeps "not answered yet" (None, or blank text) apart from "no".
            unanswered = optional and (value is None or (isinstance(value, str) and not value.strip()))
            cleaned[name] = None if unanswered else _to_bool(value, field=name)
        elif kind is int:
            cleaned[name] = _to_int(value, field=name, optional=optional)
        elif kind is str:
            cleaned[name] = "" if value is None else str(value).strip()
        else:
            cleaned[name] = value
    _check_short_texts(cleaned)
    return cleaned


_TRUE_TEXTS = frozenset({"true", "yes", "y", "1"})
_FALSE_TEXTS = frozenset({"false", "no", "n", "0", ""})


def _to_bool(value: Any, *, field: str) -> bool:
    # Text from a spreadsheet: bool("no") would be True.
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE_TEXTS or text in _FALSE_TEXTS:
            return text in _TRUE_TEXTS
        raise ValidationError(
            _("{value} is not yes or no for the {field}. Write yes or no.").format(value=value, field=label(field)),
            field=field, message_id="bool_shape",
        )
    return bool(value)


def _to_int(value: Any, *, field: str, optional: bool) -> int | None:
    if value is None or value == "":
        if optional:
            return None
        value = 0
    if isinstance(value, bool):
        raise TypeError(f"{field} must be a whole number, not a bool")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"[+-]?[0-9]{1,9}", text):  # ASCII digits: int() would also take '١٢' and 5,000 digits
        return int(text)
    raise ValidationError(
        _("{value} is not a whole number for the {field}. Type digits only.").format(
            value=_shorten(text), field=label(field)),
        field=field, message_id="int_shape",
    )


def _check_money_fields(cleaned: Mapping[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        check_not_negative(cleaned.get(name), field=name)


def validate_employer(values: Mapping[str, Any]) -> dict[str, Any]:
    rates = {name: to_pension_rate(values[name], field=name)
             for name in ("pension_employer_rate", "pension_employee_rate") if name in values}
    cleaned = _coerce(Employer, dict(values) | rates)
    _check_hmrc_and_pension_fields(cleaned, dict(values) | rates)
    if "locale" in cleaned and cleaned["locale"] not in SUPPORTED_LOCALES:
        raise ValidationError(
            _("The language must be English (en_GB) or Welsh (cy)."), field="locale", message_id="unknown_locale")
    if "holiday_year_start" in cleaned and cleaned["holiday_year_start"] is None:
        raise ValidationError(
            _("The holiday year needs a start date, such as 1 April. Choose the day the PAs' holiday year begins."),
            field="holiday_year_start", message_id="required")
    return cleaned


def validate_pa(values: Mapping[str, Any]) -> dict[str, Any]:
    """A whole PA record (first and last names required); returns clean values or raises ValidationError."""
    cleaned = _coerce(PA, values)
    for name in ("first_name", "last_name"):
        cleaned[name] = require_text(cleaned.get(name), field=name)
    if "ni_number" in cleaned:
        cleaned["ni_number"] = normalise_ni_number(cleaned["ni_number"])
    if "bank_sort_code" in cleaned:
        cleaned["bank_sort_code"] = normalise_sort_code(cleaned["bank_sort_code"])
    if "bank_account_number" in cleaned:
        cleaned["bank_account_number"] = normalise_account_number(cleaned["bank_account_number"])
    check_dates_in_order("date_of_birth", cleaned.get("date_of_birth"), "start_date", cleaned.get("start_date"),
                         strictly=True)
    check_dates_in_order("start_date", cleaned.get("start_date"), "end_date", cleaned.get("end_date"))
    check_dates_in_order("right_to_work_checked_on", cleaned.get("right_to_work_checked_on"),
                         "right_to_work_follow_up", cleaned.get("right_to_work_follow_up"), strictly=True)
    _check_money_fields(cleaned, ("other_employer_hours_per_week",))
    check_not_more_than(cleaned.get("other_employer_hours_per_week"), 168, field="other_employer_hours_per_week")
    if cleaned.get("leaving_reason") and not cleaned.get("end_date"):
        raise ValidationError(
            _("A leaving reason is given but no end date. Add the PA's last day, or clear the leaving reason."),
            field="end_date", message_id="leaving_without_end")
    _check_background_check_decision(cleaned)
    _check_tax_fields(cleaned, values)
    return cleaned


def _check_background_check_decision(cleaned: Mapping[str, Any]) -> None:
    """A decision not to check is either a check or a decision, and a decision says why."""
    if not cleaned.get("background_check_declined"):
        return
    if cleaned.get("background_check_date") is not None:
        raise ValidationError(
            _("A DBS/PVG check is recorded and so is a decision not to check. Choose one: clear the check's "
              "date if you decided not to check, or untick the decision if the check was done."),
            field="background_check_declined", message_id="check_and_declined")
    if not str(cleaned.get("background_check_decision_reason") or "").strip():
        raise ValidationError(
            _("Say why you decided not to DBS/PVG-check this PA (for example, you have known them for years). "
              "The reason is kept with the decision."),
            field="background_check_decision_reason", message_id="required")


def check_terms_during_employment(effective_from: date | None, *, name: str, start_date: date | None,
                                  end_date: date | None) -> None:
    """Contract terms apply only while the PA is employed: not before their first day nor after their last."""
    if effective_from is None:
        return
    if start_date is not None and effective_from < start_date:
        raise ValidationError(
            _("These terms start on {date}, before {name} started on {start}. Choose a date on or after "
              "{start}, or change {name}'s start date first.").format(
                date=format_date(effective_from), name=name, start=format_date(start_date)),
            field="effective_from", message_id="terms_before_start")
    if end_date is not None and effective_from > end_date:
        raise ValidationError(
            _("These terms start on {date}, after {name} left on {end}. Choose a date on or before {end}, "
              "or change {name}'s end date first.").format(
                date=format_date(effective_from), name=name, end=format_date(end_date)),
            field="effective_from", message_id="terms_after_end")


def validate_contract_terms(values: Mapping[str, Any]) -> dict[str, Any]:
    if "holiday_pay" in values:  # checked first, so a wrong value is told with both choices explained
        values = dict(values) | {"holiday_pay": to_holiday_pay(values["holiday_pay"]) or HOLIDAY_PAY_WHEN_TAKEN}
    cleaned = _coerce(ContractTerms, values)
    if cleaned.get("effective_from") is None:
        raise ValidationError(
            _("The terms need the date they start from. Choose the first day these terms apply."),
            field="effective_from", message_id="required")
    if cleaned.get("standard_rate") is None:
        raise ValidationError(
            _("The standard hourly rate is missing. Type the hourly rate agreed with the PA."),
            field="standard_rate", message_id="required")
    _check_money_fields(cleaned, ("hours_per_week", "days_per_week", "standard_rate", "waking_night_rate",
                                  "sleep_in_allowance", "bank_holiday_rate", "weekend_rate",
                                  "accommodation_charge_per_day"))
    # Not a statutory figure: a day's charge above a week's worth of rent is a week's or month's charge mistyped.
    check_not_more_than(cleaned.get("accommodation_charge_per_day"), 1000, field="accommodation_charge_per_day")
    if cleaned.get("accommodation_charge_per_day") and not cleaned.get("accommodation_provided"):
        raise ValidationError(
            _("A charge for accommodation is given, but the terms do not say accommodation is provided. Tick "
              "\"Accommodation provided\", or clear the charge."),
            field="accommodation_charge_per_day", message_id="charge_without_accommodation")
    for name in HOURLY_RATE_FIELDS:
        check_hourly_rate(cleaned.get(name), field=name)
    check_sleep_in_allowance(cleaned.get("sleep_in_allowance"))
    if "holiday_pay" in cleaned:
        check_holiday_pay_fits_hours(cleaned["holiday_pay"], cleaned.get("hours_type"))
    check_not_more_than(cleaned.get("hours_per_week"), 168, field="hours_per_week")
    check_not_more_than(cleaned.get("days_per_week"), 7, field="days_per_week")
    check_not_negative(cleaned.get("notice_weeks"), field="notice_weeks")
    check_dates_in_order("issued_on", cleaned.get("issued_on"), "signed_on", cleaned.get("signed_on"))
    return cleaned


def validate_training(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _coerce(Training, values)
    cleaned["course"] = require_text(cleaned.get("course"), field="course")
    check_dates_in_order("completed_on", cleaned.get("completed_on"), "expires_on", cleaned.get("expires_on"),
                         strictly=True)
    return cleaned


def validate_reference(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _coerce(Reference, values)
    cleaned["referee_name"] = require_text(cleaned.get("referee_name"), field="referee_name")
    check_dates_in_order("requested_on", cleaned.get("requested_on"), "received_on", cleaned.get("received_on"))
    return cleaned


def validate_cover_contact(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _coerce(CoverContact, values)
    cleaned["name"] = require_text(cleaned.get("name"), field="name")
    return cleaned


def validate_contingency_step(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _coerce(ContingencyStep, values)
    cleaned["scenario"] = require_text(cleaned.get("scenario"), field="scenario")
    cleaned["step"] = require_text(cleaned.get("step"), field="step")
    return cleaned

