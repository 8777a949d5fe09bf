"""Dialogs of the Pay screen: a line the employer adds (expense, bonus, back pay, family pay, other), and the
deductions typed onto a draft until the tax feature works them out.

Both are RecordDialogs: Save runs one service call; a problem is said under the field it is about and the
dialog stays open.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from paemployer import clock
from paemployer.i18n import _
from paemployer.services import pay
from paemployer.ui.forms import ChoiceBox, DecimalEdit, FieldSet, MoneyEdit
from paemployer.ui.operations import PAY, Operations
from paemployer.ui.pay.words import added_kind_choices
from paemployer.ui.widgets import RecordDialog


DEDUCTION_FIELDS = ("tax", "employee_ni", "employee_pension", "other", "employer_ni", "employer_pension")


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
    fields.add(layout, "tax", _("Income &tax (£):"), MoneyEdit())
    fields.add(layout, "employee_ni", _("Employee's &National Insurance (£):"), MoneyEdit())
    fields.add(layout, "employee_pension", _("Employee's &pension contribution (£):"), MoneyEdit())
    fields.add(layout, "other", _("&Other deduction (£):"), MoneyEdit(),
               help_text=_("Only one the PA agreed to in writing, for example a loan repayment."))
    fields.add(layout, "other_description", _("What the other deduction &is for:"), QLineEdit())
    fields.add(layout, "employer_ni", _("&Employer's National Insurance (£):"), MoneyEdit(),
               help_text=_("Your own cost: not taken from the PA's pay."))
    fields.add(layout, "employer_pension", _("Employer's pension contri&bution (£):"), MoneyEdit())


class DeductionsDialog(RecordDialog):
    """Tax, National Insurance and pension typed onto a draft (until the tax feature works them out)."""

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
                         intro=_("Until the app can work out tax, National Insurance and pension (a later "
                                 "version), type them here from HMRC's Basic PAYE Tools or your payroll "
                                 "service. The payslip says they were typed by you. Blank means none."))
        self.setObjectName("deductionsDialog")
