"""Dialogs of the Pay screen: a line the employer adds (expense, bonus, back pay, family pay, other), and the
deductions typed onto a draft in place of the ones the app works out (when a payroll service or Basic PAYE Tools
gave different figures).

Both are RecordDialogs: Save runs one service call; a problem is said under the field it is about and the
dialog stays open.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from paemployer import clock
from paemployer.i18n import _
from paemployer.services import pay
from paemployer.ui.forms import ChoiceBox, DecimalEdit, FieldSet, MoneyEdit
from paemployer.ui.operations import PAY, Operations
from paemployer.ui.pay.words import added_kind_choices
from paemployer.ui.widgets import RecordDialog

DEDUCTION_FIELDS = ("tax", "employee_ni", "employee_pension", "student_loan", "postgraduate_loan", "other",
                    "employer_ni", "employer_pension")

# As MoneyEdit's, with a minus sign allowed in front (before any £): "-12.40", "- £12.40". A lone "-" is only a
# start, not a figure.
_SIGNED_MONEY_PATTERN = (r"^\s*-?\s*£?\s*[0-9][0-9,]{0,8}(\.[0-9]{0,4})?\s*$|^\s*-?\s*£?\s*\.[0-9]{1,4}\s*$"
                         r"|^\s*£?\s*$")


class SignedMoneyEdit(MoneyEdit):
    """Pounds and pence that may be less than nothing, e.g. -12.40 (tax refunded on a cumulative code)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(_SIGNED_MONEY_PATTERN), self))


def add_line_fields(fields: FieldSet, layout: QFormLayout) -> None:
    fields.add(layout, "kind", _("&What it is:"), ChoiceBox(added_kind_choices()))
    fields.add(layout, "description", _("&Description:"), QLineEdit(),
               help_text=_("Said on the payslip, for example “Bus fares for the hospital visit”."))
    fields.add(layout, "amount", _("A&mount (£):"), MoneyEdit())
    fields.add(layout, "hours", _("&Hours (if paid by the hour):"), DecimalEdit(),
               help_text=_("Leave blank for a fixed sum."))
    fields.add(layout, "rate", _("&Rate per hour (£, if paid by the hour):"), MoneyEdit())


class AddLineDialog(RecordDialog):
    """Add an expense, bonus, back pay, family pay or other line to a draft."""

    def __init__(self, parent: QWidget | None, *, file, run_id: int, operations: Operations) -> None:
        def save(values: dict[str, Any]):
            # The service says what is wrong under the field (a blank amount, a missing description).
            return pay.add_line(file, run_id, kind=values["kind"], description=values["description"],
                                amount=values["amount"], hours=values["hours"], rate=values["rate"], now=clock.now())

        super().__init__(parent, _("Add a pay line"), add_line_fields, save, operations=operations,
                         changes={PAY}, done=_("Pay line added."),
                         intro=_("Expenses paid back, a bonus, back pay for an earlier period (a minimum-wage "
                                 "shortfall, for example), or statutory family pay."),
                         ok_text=_("&Add line"))
        self.setObjectName("addLineDialog")


def deduction_fields(fields: FieldSet, layout: QFormLayout) -> None:
    fields.add(layout, "tax", _("Income &tax (£):"), SignedMoneyEdit(),
               help_text=_("Tax paid back to the PA (a refund on a cumulative tax code) is typed with a minus sign, "
                           "for example -12.40."))
    fields.add(layout, "employee_ni", _("Employee's &National Insurance (£):"), MoneyEdit())
    fields.add(layout, "employee_pension", _("Employee's &pension contribution (£):"), MoneyEdit())
    fields.add(layout, "student_loan", _("Student &loan (£):"), MoneyEdit(),
               help_text=_("Plan 1, 2, 4 or 5, as on the payroll service's or Basic PAYE Tools' figures."))
    fields.add(layout, "postgraduate_loan", _("Post&graduate loan (£):"), MoneyEdit())
    fields.add(layout, "other", _("&Other deduction (£):"), MoneyEdit(),
               help_text=_("Only one the PA agreed to in writing, for example a loan repayment."))
    fields.add(layout, "other_description", _("What the other deduction &is for:"), QLineEdit())
    fields.add(layout, "employer_ni", _("&Employer's National Insurance (£):"), MoneyEdit(),
               help_text=_("Your own cost: not taken from the PA's pay."))
    fields.add(layout, "employer_pension", _("Employer's pension contri&bution (£):"), MoneyEdit())


class DeductionsDialog(RecordDialog):
    """Tax, National Insurance, loans and pension typed onto a draft in place of the ones the app works out."""

    def __init__(self, parent: QWidget | None, *, file, run: Any, operations: Operations) -> None:
        def save(values: dict[str, Any]):
            # Blank is none; the service refuses what is not pounds and pence, under the field.
            amounts = {name: Decimal(0) if values[name] is None else values[name] for name in DEDUCTION_FIELDS}
            deductions = replace(run.deductions, other_description=values["other_description"], source="typed",
                                 **amounts)
            return pay.set_deductions(file, run.run_id, deductions, now=clock.now())

        current = run.deductions
        values = {name: getattr(current, name) for name in DEDUCTION_FIELDS}
        values["other_description"] = current.other_description
        super().__init__(parent, _("Deductions for {name}").format(name=run.pa_name), deduction_fields, save,
                         operations=operations, changes={PAY}, done=_("Deductions saved."), values=values,
                         intro=_("The app works out tax, National Insurance, student and postgraduate loans and "
                                 "pension from each PA's tax details. Type figures here only when your payroll "
                                 "service or HMRC's Basic PAYE Tools gave different ones: the payslip then says "
                                 "you typed them. Blank means none. “Back to the worked-out deductions” on the Pay "
                                 "page undoes typed figures."))
        self.setObjectName("deductionsDialog")
