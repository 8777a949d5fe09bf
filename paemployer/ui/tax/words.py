"""The choices the tax, National Insurance and pension fields offer, each in plain words.

The stored values are those of DESIGN-TAX (store/models.py); the words are what a tired employer, not a payroll
clerk, needs to choose the right one. National Insurance letters and their meanings come from labels.py (the
rules hold them), so the list and the sums never disagree.
"""

from __future__ import annotations

from paemployer.i18n import _
from paemployer.labels import ni_category_labels


def ni_category_choices() -> list[tuple[str, str]]:
    """Each category letter with its meaning, e.g. "A: Standard rate (most people)"."""
    return [(_("{letter}: {meaning}").format(letter=letter, meaning=meaning), letter)
            for letter, meaning in ni_category_labels().items()]


def starter_statement_choices() -> list[tuple[str, str]]:
    """HMRC's starter checklist statements A, B and C in plain English."""
    return [
        (_("Not given (the PA brought a P45, or has not filled in a starter checklist yet)"), ""),
        (_("A: This is my first job since 6 April and I have not received taxable benefits or a pension"), "A"),
        (_("B: This is now my only job, but since 6 April I have had another job or received taxable "
           "benefits"), "B"),
        (_("C: I have another job or receive a State or Occupational Pension"), "C"),
    ]


def student_loan_choices() -> list[tuple[str, str]]:
    return [(_("No student loan to repay"), ""), (_("Plan 1"), "1"), (_("Plan 2"), "2"),
            (_("Plan 4 (a loan from Scotland)"), "4"), (_("Plan 5"), "5")]


def hmrc_route_choices() -> list[tuple[str, str]]:
    return [
        (_("Online, yourself, with HMRC's Basic PAYE Tools"), "basic_paye_tools"),
        (_("A payroll service does it for you"), "payroll_service"),
        (_("On paper: a care and support employer exempt from reporting online"), "paper"),
    ]


def hmrc_payment_method_choices() -> list[tuple[str, str]]:
    return [(_("Electronically (bank transfer, online banking or Direct Debit)"), "electronic"),
            (_("By cheque through the post (due a few days earlier)"), "cheque")]


def care_and_support_choices() -> list[tuple[str, bool | None]]:
    return [(_("Not answered yet"), None),
            (_("Yes: every duty is for the person who needs care"), True),
            (_("No: a PA also works for others in the household"), False)]


def pension_relief_choices() -> list[tuple[str, str]]:
    return [
        (_("Relief at source: the PA's share is taken after tax, the scheme claims the tax back "
           "(NEST and most schemes)"), "relief_at_source"),
        (_("Net pay arrangement: the PA's share is taken before tax"), "net_pay"),
    ]


def hmrc_route_label(route: str) -> str:
    return {value: text for text, value in hmrc_route_choices()}.get(route, route)
