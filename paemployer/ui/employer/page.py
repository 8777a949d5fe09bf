"""The Employer page: every detail of the person supported and how their employment is run."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from paemployer.i18n import LANGUAGE_NAMES, N_, SUPPORTED_LOCALES, _
from paemployer.labels import (
    choices,
    managed_by_labels,
    nation_labels,
    pay_frequency_labels,
)
from paemployer.services import pay, records
from paemployer.services.records.validation import pension_rate_notes
from paemployer.ui.forms import (
    ChoiceBox,
    DecimalEdit,
    ErrorLabel,
    FieldSet,
    NotesEdit,
    OptionalDateEdit,
    RequiredDateEdit,
    form_layout,
    labels_above,
)
from paemployer.ui.operations import EMPLOYER
from paemployer.ui.page_base import Page
from paemployer.ui.tax.words import (
    care_and_support_choices,
    hmrc_payment_method_choices,
    hmrc_route_choices,
    pension_relief_choices,
)
from paemployer.ui.widgets import button

HUNDRED = Decimal(100)


def narrow(combo):
    """A choice of long sentences that asks for no more width than a short one (the open list shows them whole),
    so its section never pushes the page sideways."""
    combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    return combo

# The pay schedule's fields on this page, saved through services.pay (the rest through services.records).
SCHEDULE_FIELDS = ("pay_months", "pay_day", "pay_week_anchor")


def pay_months_choices() -> list[tuple[str, str]]:
    return [(_("Tax months (the 6th to the 5th of the next month)"), "tax"),
            (_("Calendar months (the 1st to the last day)"), "calendar")]


def pay_day_choices() -> list[tuple[str, str]]:
    return [(_("The first Friday after the period ends"), "friday_after"),
            (_("The first working day after the period ends"), "next_working_day"),
            (_("The last working day of the period"), "last_working_day"),
            (_("The last day of the period"), "period_end")]


class PercentEdit(DecimalEdit):
    """A rate typed as a percentage (3 for 3 %) and read as the fraction stored (0.03), exactly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("for example 3"))

    def value(self) -> Decimal | str | None:
        typed = super().value()
        return typed / HUNDRED if isinstance(typed, Decimal) else typed

    def set_value(self, value: Decimal | int | None) -> None:
        super().set_value(None if value is None else Decimal(value) * HUNDRED)


class EmployerPage(Page):
    name = "employer"
    title = N_("Employer")
    shows = frozenset({EMPLOYER})

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        today = context.today()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(10)
        self.page_heading(_("Employer"), outer,
                          _("The person supported is the employer. These details go on contracts, payslips "
                            "and the council's paperwork."))
        self.fields = FieldSet(ErrorLabel())
        outer.addWidget(self.fields.banner)

        body = QWidget()
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(14)
        f = self.fields

        # Two columns of sections, or one with large text.
        one_column = labels_above()

        def section(title: str, row: int, column: int):
            box = QGroupBox(title)
            layout = form_layout()
            box.setLayout(layout)
            # At the top of its cell: a tall section beside it (HMRC) must not spread this one's rows apart.
            if one_column:
                grid.addWidget(box, row + 4 * column, 0, alignment=Qt.AlignmentFlag.AlignTop)
            else:
                grid.addWidget(box, row, column, alignment=Qt.AlignmentFlag.AlignTop)
            return layout

        person = section(_("The person supported"), 0, 0)
        f.add(person, "name", _("&Name:"), QLineEdit())
        f.add(person, "address", _("A&ddress:"), NotesEdit(lines=3))
        f.add(person, "postcode", _("Post&code:"), QLineEdit())
        f.add(person, "phone", _("&Phone:"), QLineEdit())
        f.add(person, "email", _("&Email:"), QLineEdit())
        f.add(person, "nation", _("Na&tion:"), ChoiceBox(choices(nation_labels())))
        f.add(person, "locale", _("&Language for letters and payslips:"),
              ChoiceBox([(LANGUAGE_NAMES[code], code) for code in SUPPORTED_LOCALES]))

        manager = section(_("Who manages the employment"), 1, 0)
        f.add(manager, "managed_by", _("&Managed by:"), ChoiceBox(choices(managed_by_labels())))
        f.add(manager, "manager_name", _("Manager's na&me:"), QLineEdit())
        f.add(manager, "manager_contact", _("Manager's c&ontact:"), QLineEdit())

        council = section(_("Council and direct payment"), 2, 0)
        f.add(council, "council", _("Co&uncil:"), QLineEdit())
        f.add(council, "direct_payment_reference", _("Direct-payment &reference:"), QLineEdit())

        care = section(_("For someone standing in"), 3, 0)
        f.add(care, "stand_in_essentials", _("What a stand-in must &know:"), NotesEdit(lines=4),
              help_text=_("Medication, routines, how to get in: printed on the emergency plan."))

        hmrc = section(_("HMRC"), 0, 1)
        f.add(hmrc, "paye_reference", _("Employer PA&YE reference:"), QLineEdit(),
              help_text=_("On HMRC's letter when you registered as an employer, like 123/AB45678."))
        f.add(hmrc, "accounts_office_reference", _("Accounts Office re&ference:"), QLineEdit(),
              help_text=_("13 characters, like 123PA00045678: you quote it when you pay HMRC."))
        f.add(hmrc, "hmrc_route", _("Reportin&g pay to HMRC:"), narrow(ChoiceBox(hmrc_route_choices())),
              help_text=_("Each payment to a PA is reported to HMRC. Basic PAYE Tools is HMRC's free program; "
                          "the app gives you its figures in the order it asks for them. With a payroll service, "
                          "their figures are used and the app does not work out tax. Employers of care and "
                          "support workers may report on paper if HMRC agreed to it."))
        f.add(hmrc, "hmrc_payment_method", _("Paying HMRC by:"), narrow(ChoiceBox(hmrc_payment_method_choices())),
              help_text=_("HMRC must have a cheque a few days earlier than an electronic payment; the HMRC page "
                          "shows each due date."))
        f.add(hmrc, "hmrc_pays_quarterly", _("Pay HMRC &quarterly instead of monthly"), QCheckBox(),
              help_text=_("Allowed when you expect to owe HMRC less than their limit a month on average; tell "
                          "HMRC's payment enquiry helpline first."))
        f.add(hmrc, "care_and_support_only", _("E&very duty of every PA is for the person who needs care:"),
              narrow(ChoiceBox(care_and_support_choices())),
              help_text=_("Employers of care and support workers can claim the Employment Allowance, which takes "
                          "the employer's National Insurance off up to a yearly limit, when every duty of the "
                          "job is for the person who needs care (Employment Allowance (Care and Support "
                          "Workers) Regulations 2015). Other household staff cannot (National Insurance "
                          "Contributions Act 2014 section 2)."))
        f.add(hmrc, "employment_allowance", _("Claims Employment &Allowance"), QCheckBox(),
              help_text=_("Tick once you have claimed it in Basic PAYE Tools (an Employer Payment Summary) or "
                          "asked your payroll service to; the HMRC page then takes it off what you owe."))
        f.add(hmrc, "small_employers_relief", _("Small employers' relief"), QCheckBox(),
              help_text=_("For statutory maternity, paternity, adoption or shared parental pay: with it you "
                          "get it all back from HMRC and a little more, without it most of it. Almost every PA "
                          "employer qualifies (National Insurance paid last tax year under HMRC's limit)."))

        insurance = section(_("Employer's liability insurance"), 1, 1)
        f.add(insurance, "el_insurer", _("&Insurer:"), QLineEdit())
        f.add(insurance, "el_policy_number", _("Polic&y number:"), QLineEdit())
        f.add(insurance, "el_expiry", _("E&xpires on:"), OptionalDateEdit(today=today),
              help_text=_("Employer's liability insurance is a legal duty; renew before this date."))

        pension = section(_("Workplace pension"), 2, 1)
        f.add(pension, "pension_scheme", _("Pension sc&heme:"), QLineEdit())
        f.add(pension, "pension_duties_start", _("Duties &start date:"), OptionalDateEdit(today=today))
        f.add(pension, "declaration_of_compliance_date", _("Declaration of &compliance made on:"),
              OptionalDateEdit(today=today))
        f.add(pension, "pension_relief", _("How the PA gets tax relief:"), narrow(ChoiceBox(pension_relief_choices())),
              help_text=_("The pension scheme says which it uses."))
        f.add(pension, "pension_employer_rate", _("Your contribution (% of qualifying earnings):"), PercentEdit(),
              help_text=_("The law sets the least you must pay, and the least you and the PA must pay together, "
                          "as a percentage of qualifying earnings (Pensions Act 2008 section 20). Paying more "
                          "than your least lowers what the PA must pay."))
        f.add(pension, "pension_employee_rate", _("The PA's contribution (% of qualifying earnings):"),
              PercentEdit(), help_text=_("Taken from the PA's pay. If it and yours together are below the "
                                         "least the law sets, it is said below."))
        self.pension_notes = QLabel()
        self.pension_notes.setWordWrap(True)
        self.pension_notes.setObjectName("pensionRateNotes")
        pension.addRow(self.pension_notes)

        pay = section(_("Holiday and pay"), 3, 1)
        f.add(pay, "holiday_year_start", _("&Holiday year starts on:"), RequiredDateEdit(today))
        f.add(pay, "default_pay_frequency", _("Usual &pay frequency:"), ChoiceBox(choices(pay_frequency_labels())))

        periods = section(_("Pay periods and pay day"), 4, 1)
        f.add(periods, "pay_months", _("Monthly pay periods follo&w:"), ChoiceBox(pay_months_choices()),
              help_text=_("Tax months are what HMRC counts in; calendar months suit pay on the last day of the "
                          "month."))
        f.add(periods, "pay_day", _("Pa&y day:"), ChoiceBox(pay_day_choices()),
              help_text=_("Working days are Monday to Friday, not bank holidays where you live."))
        f.add(periods, "pay_week_anchor", _("Weekly pay periods &begin on:"), RequiredDateEdit(today),
              help_text=_("Weekly, two-weekly and four-weekly periods run in blocks from this day: usually "
                          "6 April, the first day of the tax year. Change it only if your PAs' pay weeks "
                          "begin on another day."))
        grid.setColumnStretch(0, 1)
        if not one_column:
            grid.setColumnStretch(1, 1)
        grid.setRowStretch(grid.rowCount(), 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        actions = QHBoxLayout()
        actions.addStretch(1)
        self.revert_button = button(_("&Undo changes"), self.refresh)
        self.save_button = button(_("&Save changes"), self.save)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        outer.addLayout(actions)

    def refresh(self) -> None:
        file, read = self.context.file, self.context.operations.read
        employer = read(lambda: records.get_employer(file), parent=self)
        schedule = read(lambda: pay.pay_schedule(file), parent=self)
        if employer is not None:
            self.fields.clear_validation_errors()
            self.fields.set_values(employer)
            if schedule is not None:
                self.fields.set_values({"pay_months": schedule.months, "pay_day": schedule.pay_day,
                                        "pay_week_anchor": schedule.week_anchor})
            self.fields.mark_clean()
            self._show_pension_notes(employer)

    def has_unsaved_changes(self) -> bool:
        return self.fields.is_dirty()

    def save(self) -> bool:
        values = self.fields.values()
        schedule = {name: values.pop(name) for name in SCHEDULE_FIELDS}
        file = self.context.file

        def save_both():
            # A problem is said under its field: the service names this page's fields.
            pay.update_pay_schedule(file, months=schedule["pay_months"], pay_day=schedule["pay_day"],
                                    week_anchor=schedule["pay_week_anchor"])
            return records.update_employer(file, **values)

        outcome = self.context.operations.run(
            save_both, changes={EMPLOYER}, parent=self, form=self.fields, done=_("Employer details saved."))
        if outcome.ok:
            self.fields.mark_clean()
            self._show_pension_notes(outcome.value)
        return outcome.ok

    def _show_pension_notes(self, employer) -> None:
        """Say when the contribution rates are below the legal minimums (a note: a scheme may use other bases)."""
        if employer is None:
            return
        notes = pension_rate_notes(employer.pension_employer_rate, employer.pension_employee_rate,
                                   on=self.context.today())
        self.pension_notes.setText("\n".join(notes))
        self.pension_notes.setVisible(bool(notes))
