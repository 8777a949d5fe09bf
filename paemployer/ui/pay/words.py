"""The words the Pay screen shows for a pay run: its state, each kind of line, the minimum-wage verdict.

Every verdict is said in words (never by colour alone), so a screen reader and a printout say the same.
Values are read by their `.value` (or as text) so the screen needs nothing from the rules layer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from paemployer.i18n import _, format_date, format_money, hours_text, plain_number
from paemployer.labels import pay_line_kind_labels


def value_of(choice: Any) -> str:
    """An enum's public value, or the text itself."""
    return str(getattr(choice, "value", choice))


def line_kind_labels() -> dict[str, str]:
    """Each line kind's words (labels.py), by its public value."""
    return {kind.value: words for kind, words in pay_line_kind_labels().items()}


# The kinds a person adds by hand, in the order the "Add line" dialog offers them.
ADDED_KIND_VALUES = ("expense", "bonus", "back_pay", "family_pay", "other")


def line_kind_label(kind: Any) -> str:
    text = value_of(kind)
    return line_kind_labels().get(text, text)


def added_kind_choices() -> list[tuple[str, str]]:
    labels = line_kind_labels()
    return [(labels[kind], kind) for kind in ADDED_KIND_VALUES]


def status_label(run: Any) -> str:
    status = value_of(run.status)
    words = {"draft": _("Draft"), "approved": _("Approved"), "finalised": _("Finalised")}.get(status, status)
    if getattr(run, "corrects_run_id", None):
        words = _("{status}, correcting an earlier run").format(status=words)
    if value_of(getattr(run, "source", "computed")) == "imported":
        words = _("{status}, from the payroll service").format(status=words)
    return words


def money(value: Decimal | None) -> str:
    return format_money(value) if value is not None else ""


def hours(value: Decimal | None) -> str:
    return plain_number(value) if value is not None else ""


def period_text(period: Any) -> str:
    return _("{start} to {end}").format(start=format_date(period.start), end=format_date(period.end))


def minimum_wage_short(run: Any) -> str:
    """The verdict in a few words, for the table of PAs."""
    result = getattr(run, "minimum_wage", None)
    if result is None:
        return _("Not checked")
    if result.rate is None:
        return _("No minimum applies")
    if result.shortfall > 0:
        text = _("BELOW the minimum: {amount} short").format(amount=format_money(result.shortfall))
    else:
        text = _("Met")
    if result.earlier_arrears > 0:
        text += "; " + _("{amount} owed from earlier periods").format(amount=format_money(result.earlier_arrears))
    return text


def minimum_wage_long(run: Any) -> str:
    """The verdict with its working, for the chosen PA's details."""
    result = getattr(run, "minimum_wage", None)
    if result is None:
        return _("Minimum wage: not checked for this run.")
    if result.rate is None:
        text = _("Minimum wage: no minimum applies ({band}).").format(band=result.band)
    else:
        text = _("Minimum wage ({band}, {rate} an hour): {hours} counted, pay that counts {pay}, "
                 "at least {required} needed.").format(
            band=result.band, rate=format_money(result.rate), hours=hours_text(result.hours_counted),
            pay=format_money(result.pay_counted), required=format_money(result.required))
        if result.shortfall > 0:
            text += " " + _("BELOW the minimum by {amount}. Put it right by paying the shortfall as back pay "
                            "(Add line), or record a decision when you finalise.").format(
                amount=format_money(result.shortfall))
        else:
            text += " " + _("Met.")
    if result.earlier_arrears > 0:
        text += " " + _("Still owed from earlier periods, at today's rate: {amount}.").format(
            amount=format_money(result.earlier_arrears))
    if result.note:
        text += " " + result.note
    return text


def deductions_source_label(source: Any) -> str:
    text = value_of(source)
    return {"typed": _("typed by you"), "imported": _("from the payroll service"),
            "computed": _("worked out by the app")}.get(text, text)


def tax_working_words(run: Any) -> str:
    """How the app worked out the tax and National Insurance (tax code, NI letter, tax period, pay and tax to
    date), or "" when the deductions were typed or imported (no working to show)."""
    working = getattr(run, "tax", None)
    if working is None or value_of(run.deductions.source) != "computed":
        return ""
    code = working.tax_code + (" " + _("(week 1 / month 1)") if working.week1_month1 else "")
    monthly = value_of(getattr(run.period, "frequency", "")) == "monthly"
    if working.tax_period is None:
        period = ""
    elif monthly:
        period = _("tax month {number}").format(number=working.tax_period)
    else:
        period = _("tax week {number}").format(number=working.tax_period)
    text = _("Worked out with tax code {code} and National Insurance letter {letter}").format(
        code=code, letter=working.ni_category)
    if period:
        text += ", " + period
    text += "."
    if working.taxable_pay_to_date is not None and working.tax_to_date is not None:
        text += " " + _("Taxable pay to date {pay}, tax to date {tax}.").format(
            pay=money(working.taxable_pay_to_date), tax=money(working.tax_to_date))
    return text
