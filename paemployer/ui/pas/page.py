"""The PAs page: the list of PAs, and one PA's details in tabs.

Personal details, checks and bank details are one form saved together; training, references and
contract terms are lists of their own. A pay rise (or any change of terms) from a date adds a new
version of the contract terms; the earlier versions stay, and the history is shown.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from paemployer.i18n import N_, _, format_date, format_money
from paemployer.labels import (
    background_check_labels,
    choices,
    hours_type_labels,
    pay_frequency_labels,
    pension_status_labels,
)
from paemployer.services import records
from paemployer.services.records.validation import format_ni_number
from paemployer.services.rota import view as rota_view
from paemployer.services.values import as_dict
from paemployer.ui.forms import (
    ChoiceBox,
    DecimalEdit,
    ErrorLabel,
    FieldSet,
    MoneyEdit,
    NotesEdit,
    OptionalDateEdit,
    RequiredDateEdit,
    form_layout,
)
from paemployer.ui.models import Column, RowsTableModel
from paemployer.ui.operations import CONTRACT, PA, REFERENCE, TRAINING
from paemployer.ui.page_base import Page
from paemployer.ui.tax.words import (
    ni_category_choices,
    starter_statement_choices,
    student_loan_choices,
)
from paemployer.ui.widgets import (
    RecordDialog,
    RecordTable,
    ask_to_save,
    button,
    confirm,
    scaled,
)


def narrow(combo: ChoiceBox) -> ChoiceBox:
    """A choice of long sentences that asks for no more width than a short one (the open list shows them whole)."""
    combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    return combo


# The PA record's own fields, by the tab they are on.
PERSONAL_FIELDS = (
    "first_name", "last_name", "known_as", "date_of_birth", "ni_number", "phone", "email", "address",
    "emergency_contact_name", "emergency_contact_phone", "start_date", "end_date", "leaving_reason",
    "is_family", "family_relationship", "same_household", "council_approved_family",
    "apprentice", "apprentice_since", "pension_status", "pension_assessed_on",
    "wtr_opt_out", "wtr_opt_out_date", "other_employer_hours_per_week", "notes",
)
CHECK_FIELDS = (
    "right_to_work_checked_on", "right_to_work_document", "right_to_work_follow_up",
    "background_check_kind", "background_check_date", "background_check_reference",
    "background_check_declined", "background_check_decision_reason", "background_check_decision_date",
)
BANK_FIELDS = ("bank_account_name", "bank_sort_code", "bank_account_number")
TAX_FIELDS = (
    "tax_code", "tax_week1_month1", "ni_category", "starter_statement", "p45_leaving_date", "p45_tax_code",
    "p45_week1_month1", "p45_pay_to_date", "p45_tax_to_date", "student_loan_plan", "postgraduate_loan",
    "pension_enrolled_on", "pension_postponed_until", "pension_opted_out_on",
)


def _date_text(value: date | None) -> str:
    return format_date(value) if value else ""


def _money_text(value) -> str:
    return format_money(value) if value is not None else ""


def _scrolling(widget: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(widget)
    return scroll


def add_pa_fields(fields: FieldSet, layout: QFormLayout, today: date) -> None:
    """The few details needed to add a PA; the rest can follow on the PA's tabs."""
    fields.add(layout, "first_name", _("&First name:"), QLineEdit())
    fields.add(layout, "last_name", _("&Last name:"), QLineEdit())
    fields.add(layout, "date_of_birth", _("Date of &birth:"), OptionalDateEdit(today=today))
    fields.add(layout, "ni_number", _("&National Insurance number:"), QLineEdit(),
               help_text=_("Two letters, six numbers and A, B, C or D, like AB 12 34 56 C."))
    fields.add(layout, "start_date", _("&Start date:"), OptionalDateEdit(today=today))
    fields.add(layout, "phone", _("&Phone:"), QLineEdit())


def holiday_pay_choices() -> list[tuple[str, str]]:
    return [(_("Paid when taken"), "when_taken"), (_("Rolled up (12.07% added to every payslip)"), "rolled_up")]


def contract_fields(fields: FieldSet, layout: QFormLayout, today: date) -> None:
    fields.add(layout, "effective_from", _("These terms &start on:"), RequiredDateEdit(today),
               help_text=_("A pay rise or other change starts a new version from this date; earlier versions are kept."))
    fields.add(layout, "job_title", _("&Job title:"), QLineEdit())
    fields.add(layout, "place_of_work", _("&Place of work:"), QLineEdit())
    fields.add(layout, "hours_type", _("&Hours:"), ChoiceBox(choices(hours_type_labels())))
    fields.add(layout, "hours_per_week", _("Hours per &week:"), DecimalEdit())
    fields.add(layout, "days_per_week", _("&Days per week:"), DecimalEdit())
    fields.add(layout, "standard_rate", _("Standard hourly &rate (£):"), MoneyEdit())
    fields.add(layout, "waking_night_rate", _("&Waking night hourly rate (£):"), MoneyEdit())
    fields.add(layout, "sleep_in_allowance", _("S&leep-in allowance per night (£):"), MoneyEdit())
    fields.add(layout, "bank_holiday_rate", _("&Bank holiday hourly rate (£):"), MoneyEdit())
    fields.add(layout, "weekend_rate", _("Wee&kend hourly rate (£):"), MoneyEdit())
    fields.add(layout, "accommodation_provided", _("Acco&mmodation provided (a live-in PA)"), QCheckBox(),
               help_text=_("Living accommodation you provide counts towards the minimum wage up to a daily amount "
                           "(the accommodation offset); a charge above it reduces the pay that counts."))
    fields.add(layout, "accommodation_charge_per_day", _("Accommodation &charge a day (£):"), MoneyEdit(),
               help_text=_("What the PA pays or has taken from pay for it each day; leave empty if it is free."))
    fields.add(layout, "pay_frequency", _("Pay &frequency:"), ChoiceBox(choices(pay_frequency_labels())))
    fields.add(layout, "holiday_basis", _("H&oliday basis:"), QLineEdit())
    fields.add(layout, "holiday_pay", _("Holiday pa&y for irregular hours:"), ChoiceBox(holiday_pay_choices()),
               help_text=_("Rolled-up holiday pay (12.07% of pay for work on every payslip) is only for "
                           "irregular hours or part-year work, in Great Britain. Fixed hours: holiday is paid "
                           "when taken."))
    fields.add(layout, "notice_weeks", _("&Notice (weeks):"), DecimalEdit())
    fields.add(layout, "probation_end", _("Probation &ends on:"), OptionalDateEdit(today=today))
    fields.add(layout, "sick_pay", _("S&ick pay:"), QLineEdit())
    fields.add(layout, "pension", _("Pensio&n:"), QLineEdit())
    fields.add(layout, "issued_on", _("Written statement &given on:"), OptionalDateEdit(today=today))
    fields.add(layout, "signed_on", _("Written statement si&gned on:"), OptionalDateEdit(today=today))
    fields.add(layout, "notes", _("No&tes:"), NotesEdit())


def contract_values(values: dict[str, Any]) -> dict[str, Any]:
    """Form values as the service takes them: notice is whole weeks, and the service says so
    at the field if a part week is typed (never rounded here)."""
    values = dict(values)
    if values.get("notice_weeks") is not None:
        values["notice_weeks"] = format(values["notice_weeks"].normalize(), "f")
    return values


class PAsPage(Page):
    name = "pas"
    title = N_("PAs")
    shows = frozenset({PA, CONTRACT, TRAINING, REFERENCE})

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self._pa_id: int | None = None
        self._selected_now = False  # set by _select, so refresh loads a PA once however it got there
        self._form_pa_id: int | None = None  # whose details the form holds
        today = context.today()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(10)
        self.page_heading(_("PAs"), outer, _("The personal assistants you employ, or have employed."))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        # The list of PAs.
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        self.pa_model: RowsTableModel = RowsTableModel([
            Column(_("Name"), lambda pa: pa.full_name),
            Column(_("Started"), lambda pa: _date_text(pa.start_date)),
            Column(_("Status"), lambda pa: _("Left {date}").format(date=format_date(pa.end_date))
                   if pa.end_date and pa.end_date < today else _("Employed")),  # the last day is still worked
        ])
        label = QLabel(_("P&As:"))
        self.pa_table = RecordTable(self.pa_model, _("PAs"), stretch_column=0)
        label.setBuddy(self.pa_table)
        self.pa_table.setMinimumWidth(self.fontMetrics().averageCharWidth() * 28)
        left_column.addWidget(label)
        left_column.addWidget(self.pa_table, 1)
        row = QHBoxLayout()
        self.add_button = button(_("&Add a PA…"), self.add_pa)
        self.delete_button = button(_("De&lete PA…"), self.delete_pa)
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        left_column.addLayout(row)
        splitter.addWidget(left)

        # One PA's details.
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        self.details_heading = QLabel()
        scaled(self.details_heading, 1.2, bold=True)
        right_column.addWidget(self.details_heading)
        self.fields = FieldSet(ErrorLabel())
        right_column.addWidget(self.fields.banner)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("PA details"))
        right_column.addWidget(self.tabs, 1)
        self._build_personal_tab(today)
        self._build_checks_tab(today)
        self._build_training_tab()
        self._build_references_tab()
        self._build_bank_tab()
        self._build_tax_tab(today)
        self._build_contract_tab()
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.revert_button = button(_("&Undo changes"), lambda: self._reload_details(keep_typing=False))
        self.save_button = button(_("&Save changes"), self.save)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        right_column.addLayout(actions)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([self.fontMetrics().averageCharWidth() * 38, self.fontMetrics().averageCharWidth() * 110])
        self.details = right

        self.pa_table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._select(current.row()))
        self.setTabOrder(self.pa_table, self.add_button)
        self.setTabOrder(self.add_button, self.delete_button)
        self.setTabOrder(self.delete_button, self.tabs)

    # ----- building the tabs
    def _form_tab(self, title: str) -> QFormLayout:
        body = QWidget()
        layout = form_layout()
        body.setLayout(layout)
        self.tabs.addTab(_scrolling(body), title)
        return layout

    def _build_personal_tab(self, today: date) -> None:
        f, form = self.fields, self._form_tab(_("&Personal"))
        f.add(form, "first_name", _("&First name:"), QLineEdit())
        f.add(form, "last_name", _("&Last name:"), QLineEdit())
        f.add(form, "known_as", _("&Known as:"), QLineEdit())
        f.add(form, "date_of_birth", _("Date of &birth:"), OptionalDateEdit(today=today))
        f.add(form, "ni_number", _("&National Insurance number:"), QLineEdit())
        f.add(form, "phone", _("P&hone:"), QLineEdit())
        f.add(form, "email", _("&Email:"), QLineEdit())
        f.add(form, "address", _("A&ddress:"), NotesEdit())
        f.add(form, "emergency_contact_name", _("PA's emergency &contact:"), QLineEdit())
        f.add(form, "emergency_contact_phone", _("Emergency contact's p&hone:"), QLineEdit())
        f.add(form, "start_date", _("&Start date:"), OptionalDateEdit(today=today))
        f.add(form, "end_date", _("&Leaving date:"), OptionalDateEdit(today=today))
        f.add(form, "leaving_reason", _("Reason for leaving:"), QLineEdit())
        f.add(form, "is_family", _("A relative of the person supported"), QCheckBox())
        f.add(form, "family_relationship", _("Relationship:"), QLineEdit())
        f.add(form, "same_household", _("Lives in the same household as the person supported"), QCheckBox())
        f.add(form, "council_approved_family", _("Council agreed to employ this relative on:"),
              OptionalDateEdit(today=today))
        f.add(form, "apprentice", _("Apprentice"), QCheckBox())
        f.add(form, "apprentice_since", _("Apprentice since:"), OptionalDateEdit(today=today))
        f.add(form, "pension_status", _("Workplace pension:"), ChoiceBox(choices(pension_status_labels())))
        f.add(form, "pension_assessed_on", _("Pension assessed on:"), OptionalDateEdit(today=today))
        f.add(form, "wtr_opt_out", _("Signed an opt-out of the {hours}-hour average week").format(
            hours=rota_view.weekly_average_limit(today)), QCheckBox())
        f.add(form, "wtr_opt_out_date", _("Opt-out signed on:"), OptionalDateEdit(today=today))
        f.add(form, "other_employer_hours_per_week", _("Hours a week for other employers:"), DecimalEdit())
        f.add(form, "notes", _("Notes:"), NotesEdit())

    def _build_checks_tab(self, today: date) -> None:
        f, form = self.fields, self._form_tab(_("&Checks"))
        f.add(form, "right_to_work_checked_on", _("&Right to work checked on:"), OptionalDateEdit(today=today),
              help_text=_("Check before the first day of work and keep a copy of the document."))
        f.add(form, "right_to_work_document", _("&Document seen:"), QLineEdit())
        f.add(form, "right_to_work_follow_up", _("Check again &by:"), OptionalDateEdit(today=today),
              help_text=_("Only for time-limited permission to work."))
        f.add(form, "background_check_kind", _("&Background check:"), ChoiceBox(choices(background_check_labels())))
        f.add(form, "background_check_date", _("Check d&ate:"), OptionalDateEdit(today=today))
        f.add(form, "background_check_reference", _("Certificate &number:"), QLineEdit())
        f.add(form, "background_check_declined", _("The employer decided &not to check"), QCheckBox())
        f.add(form, "background_check_decision_reason", _("Reason for the &decision:"), NotesEdit())
        f.add(form, "background_check_decision_date", _("Decision made &on:"), OptionalDateEdit(today=today))

    def _build_bank_tab(self) -> None:
        f, form = self.fields, self._form_tab(_("Ban&k details"))
        f.add(form, "bank_account_name", _("Account &name:"), QLineEdit())
        f.add(form, "bank_sort_code", _("&Sort code:"), QLineEdit(), help_text=_("Six numbers, like 12-34-56."))
        f.add(form, "bank_account_number", _("Account n&umber:"), QLineEdit(), help_text=_("Eight numbers."))

    def _build_tax_tab(self, today: date) -> None:
        """Tax, National Insurance and pension: what HMRC or the PA gave, each with where to find it."""
        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(12)
        intro = QLabel(_("The pay is worked out from these. Copy them from the papers named under each one; "
                         "leave a field empty until you have it."))
        intro.setWordWrap(True)
        column.addWidget(intro)

        def group(title: str) -> QFormLayout:
            box = QGroupBox(title)
            layout = form_layout()
            box.setLayout(layout)
            column.addWidget(box)
            return layout

        f = self.fields
        code = group(_("Tax code and National Insurance"))
        f.add(code, "tax_code", _("Tax co&de:"), QLineEdit(),
              help_text=_("As HMRC gave it, for example 1257L, S1257L (Scotland) or C1257L (Wales). It is on "
                          "HMRC's tax code notice (P6 or P9), or for a new PA on the P45 part 1A box 6. Leave "
                          "it empty if you have neither: the starter statement below then decides."))
        f.add(code, "tax_week1_month1", _("&Week 1 or month 1 basis (W1, M1 or X after the code)"), QCheckBox(),
              help_text=_("Tick only when the notice or P45 says so: the tax is then worked out on each payment "
                          "on its own, not on the tax year so far."))
        f.add(code, "ni_category", _("National &Insurance category letter:"), narrow(ChoiceBox(ni_category_choices())),
              help_text=_("Most PAs are A. The letter goes by the PA's age and circumstances; it is on payslips "
                          "from another job, or ask HMRC."))

        starter = group(_("A new PA: starter checklist or P45"))
        f.add(starter, "starter_statement", _("New starter state&ment:"), narrow(ChoiceBox(starter_statement_choices())),
              help_text=_("The statement the PA ticked on HMRC's starter checklist, for a PA without a P45 "
                          "from their last job. It decides the tax code until HMRC sends one."))
        f.add(starter, "p45_leaving_date", _("L&eft the previous job on:"), OptionalDateEdit(today=today),
              help_text=_("On the P45 part 1A box 4."))
        f.add(starter, "p45_tax_code", _("Tax code on the P4&5:"), QLineEdit(),
              help_text=_("On the P45 part 1A box 6."))
        f.add(starter, "p45_week1_month1", _("The P45 code is on a week 1 or month 1 &basis"), QCheckBox(),
              help_text=_("The P45 part 1A box 6 says “Week 1/Month 1”."))
        f.add(starter, "p45_pay_to_date", _("Total pa&y to date on the P45 (£):"), MoneyEdit(),
              help_text=_("On the P45 part 1A box 7: pay this tax year in the last job."))
        f.add(starter, "p45_tax_to_date", _("Total tax to date on t&he P45 (£):"), MoneyEdit(),
              help_text=_("On the P45 part 1A box 7: tax paid this tax year in the last job."))

        loans = group(_("Student and postgraduate loans"))
        f.add(loans, "student_loan_plan", _("Student loan pla&n:"), narrow(ChoiceBox(student_loan_choices())),
              help_text=_("On the PA's starter checklist, or HMRC's student loan start notice (SL1)."))
        f.add(loans, "postgraduate_loan", _("Repays a post&graduate loan"), QCheckBox(),
              help_text=_("On the PA's starter checklist, or HMRC's postgraduate loan start notice (PGL1)."))

        pension = group(_("Workplace pension"))
        f.add(pension, "pension_enrolled_on", _("&Joined the pension scheme on:"), OptionalDateEdit(today=today),
              help_text=_("The day you enrolled the PA (automatic enrolment, or because they asked to join)."))
        f.add(pension, "pension_postponed_until", _("Enrolment postponed until:"), OptionalDateEdit(today=today),
              help_text=_("Only if you postponed it and told the PA in writing: the last day of the postponement."))
        f.add(pension, "pension_opted_out_on", _("Opted out on:"), OptionalDateEdit(today=today),
              help_text=_("The day the PA gave the scheme their opt-out notice, if they did."))
        column.addStretch(1)
        self.tabs.addTab(_scrolling(body), _("Ta&x, NI and pension"))

    def _list_tab(self, title: str, model: RowsTableModel, name: str, buttons: list) -> RecordTable:
        tab = QWidget()
        column = QVBoxLayout(tab)
        table = RecordTable(model, name)
        column.addWidget(table, 1)
        row = QHBoxLayout()
        for widget in buttons:
            row.addWidget(widget)
        row.addStretch(1)
        column.addLayout(row)
        self.tabs.addTab(tab, title)
        return table

    def _build_training_tab(self) -> None:
        today = self.context.today()
        self.training_model: RowsTableModel = RowsTableModel([
            Column(_("Course"), lambda t: t.course),
            Column(_("Completed"), lambda t: _date_text(t.completed_on)),
            Column(_("Expires"), lambda t: (_("{date} (expired)").format(date=format_date(t.expires_on))
                                            if t.expires_on and t.expires_on < today else _date_text(t.expires_on))),
            Column(_("Notes"), lambda t: t.notes),
        ])
        self.training_table = self._list_tab(_("&Training"), self.training_model, _("Training"), [
            button(_("Add t&raining…"), self.add_training),
            button(_("Ed&it training…"), self.edit_training),
            button(_("Delete trainin&g…"), self.delete_training),
        ])
        self.training_table.activated_row.connect(lambda row: self.edit_training())

    def _build_references_tab(self) -> None:
        self.reference_model: RowsTableModel = RowsTableModel([
            Column(_("Referee"), lambda r: r.referee_name),
            Column(_("Contact"), lambda r: r.referee_contact),
            Column(_("Requested"), lambda r: _date_text(r.requested_on)),
            Column(_("Received"), lambda r: _date_text(r.received_on) or _("not yet")),
        ])
        self.reference_table = self._list_tab(_("Refe&rences"), self.reference_model, _("References"), [
            button(_("Add a refere&nce…"), self.add_reference),
            button(_("Ed&it reference…"), self.edit_reference),
            button(_("Delete referen&ce…"), self.delete_reference),
        ])
        self.reference_table.activated_row.connect(lambda row: self.edit_reference())

    def _build_contract_tab(self) -> None:
        tab = QWidget()
        column = QVBoxLayout(tab)
        self.in_force_label = QLabel()
        self.in_force_label.setWordWrap(True)
        self.in_force_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                    | Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.in_force_label)
        self.contract_model: RowsTableModel = RowsTableModel([
            Column(_("From"), lambda t: format_date(t.effective_from)),
            Column(_("Job title"), lambda t: t.job_title),
            Column(_("Hours"), lambda t: hours_type_labels().get(t.hours_type, str(t.hours_type))),
            Column(_("Hours a week"), lambda t: "" if t.hours_per_week is None else str(t.hours_per_week), align_right=True),
            Column(_("Standard rate"), lambda t: _money_text(t.standard_rate), align_right=True),
            Column(_("Paid"), lambda t: pay_frequency_labels().get(t.pay_frequency, str(t.pay_frequency))),
            Column(_("Statement given"), lambda t: _date_text(t.issued_on)),
        ])
        label = QLabel(_("Contract terms, newest first (each version is in force until the next one starts):"))
        label.setWordWrap(True)
        column.addWidget(label)
        self.contract_table = RecordTable(self.contract_model, _("Contract terms history"))
        label.setBuddy(self.contract_table)
        column.addWidget(self.contract_table, 1)
        row = QHBoxLayout()
        self.new_terms_button = button(_("Pay &rise or new terms from a date…"), self.new_terms)
        row.addWidget(self.new_terms_button)
        row.addWidget(button(_("Corr&ect this version…"), self.edit_terms))
        row.addStretch(1)
        column.addLayout(row)
        self.contract_table.activated_row.connect(lambda row: self.edit_terms())
        self.tabs.addTab(tab, _("C&ontract terms"))

    # ----- loading
    def refresh(self) -> None:
        pas = self.context.operations.read(lambda: records.list_pas(self.context.file), parent=self, default=[])
        keep = self._pa_id
        self.pa_model.set_rows(pas)
        row = self.pa_model.row_of(lambda pa: pa.id == keep) if keep is not None else -1
        if row < 0 and pas:
            row = 0
        self._selected_now = False
        if row >= 0:
            self.pa_table.select_row(row)  # after the reset this moves the current row, which calls _select
        if not self._selected_now:
            self._select(row)

    def show_record(self, record_id: Any) -> None:
        row = self.pa_model.row_of(lambda pa: pa.id == record_id)
        if row >= 0:
            self.pa_table.select_row(row)
            self._select(row)

    def current_pa_id(self) -> int | None:
        return self._pa_id

    def has_unsaved_changes(self) -> bool:
        return self._pa_id is not None and self.fields.is_dirty()

    def _select(self, row: int) -> None:
        self._selected_now = True
        pa = self.pa_model.row_at(row)
        new_id = pa.id if pa is not None else None
        if new_id != self._pa_id and self.has_unsaved_changes():
            answer = ask_to_save(self, self.details_heading.text())
            if answer == "save" and not self.save():
                answer = "cancel"
            if answer == "cancel":
                # Stay on the PA whose typing is not saved yet.
                self.pa_table.blockSignals(True)
                self.pa_table.selectionModel().blockSignals(True)
                self.pa_table.select_row(self.pa_model.row_of(lambda item: item.id == self._pa_id))
                self.pa_table.selectionModel().blockSignals(False)
                self.pa_table.blockSignals(False)
                return
        self._pa_id = new_id
        self.details.setEnabled(pa is not None)
        self.delete_button.setEnabled(pa is not None)
        self._reload_details()

    def _reload_details(self, *, keep_typing: bool = True) -> None:
        """Show the chosen PA. Typing not saved yet on the same PA's form is kept unless `keep_typing` is False
        (Undo changes), so adding training or a reference never wipes it."""
        keep_form = keep_typing and self._pa_id is not None and self._pa_id == self._form_pa_id and self.fields.is_dirty()
        if not keep_form:
            self.fields.clear_validation_errors()
        if self._pa_id is None:
            self._form_pa_id = None
            self.details_heading.setText(_("No PA chosen. Add a PA to start."))
            for model in (self.training_model, self.reference_model, self.contract_model):
                model.set_rows([])
            self.in_force_label.clear()
            return
        file, pa_id, read = self.context.file, self._pa_id, self.context.operations.read
        record = read(lambda: records.get_pa_record(file, pa_id), parent=self)
        if record is None:
            return
        pa = record.pa
        self.details_heading.setText(pa.full_name)
        if not keep_form:
            self.fields.set_values(pa)
            # Shown the way HMRC prints it; the service takes it with or without spaces.
            self.fields.widget("ni_number").setText(format_ni_number(pa.ni_number))
            self.fields.mark_clean()
            self._form_pa_id = pa.id
        self.training_model.set_rows(list(record.training))
        self.reference_model.set_rows(list(record.references))
        self.contract_model.set_rows(sorted(record.contract_terms, key=lambda t: t.effective_from, reverse=True))
        today = self.context.today()
        in_force = read(lambda: records.terms_in_force(file, pa_id, today), parent=self)
        if in_force is None:
            self.in_force_label.setText(_("No contract terms are in force today. Add the terms the PA works on."))
        else:
            self.in_force_label.setText(_("In force today: {rate} an hour, {frequency}, since {date}.").format(
                rate=_money_text(in_force.standard_rate),
                frequency=pay_frequency_labels().get(in_force.pay_frequency, "").lower(),
                date=format_date(in_force.effective_from)))

    # ----- PAs
    def add_pa(self) -> None:
        today = self.context.today()
        file = self.context.file
        dialog = RecordDialog(
            self, _("Add a PA"), lambda fields, layout: add_pa_fields(fields, layout, today),
            lambda values: records.add_pa(file, **values),
            operations=self.context.operations, changes={PA}, done=_("PA added."),
            intro=_("The rest (checks, training, contract terms) can be added on the PA's tabs."),
            ok_text=_("&Add PA"))
        if dialog.exec() and dialog.outcome and dialog.outcome.ok:
            self.show_record(dialog.outcome.value.id)

    def save(self) -> bool:
        if self._pa_id is None:
            return False
        file, pa_id = self.context.file, self._pa_id
        values = self.fields.values()

        def update():
            saved = records.update_pa(file, pa_id, **values)
            # Saved, so nothing is left to keep: the one reload the change brings shows it as stored (NI tidied).
            self.fields.mark_clean()
            return saved

        return self.context.operations.run(update, changes={PA}, parent=self, form=self.fields,
                                           done=_("PA's details saved.")).ok

    def delete_pa(self) -> None:
        pa = self.pa_model.row_at(self.pa_table.current_row())
        if pa is None:
            return
        question = _("Delete {name} and all their records (training, references, contract terms)? "
                     "If they have left, record a leaving date instead: their history is kept.").format(
            name=pa.full_name)
        if confirm(self, question, _("Delete PA")):
            self._pa_id = None
            file = self.context.file
            self.context.operations.run(lambda: records.delete_pa(file, pa.id), changes={PA, CONTRACT, TRAINING, REFERENCE},
                                        parent=self, done=_("PA deleted."))

    # ----- training
    def _training_fields(self, fields: FieldSet, layout: QFormLayout) -> None:
        today = self.context.today()
        fields.add(layout, "course", _("&Course:"), QLineEdit())
        fields.add(layout, "completed_on", _("C&ompleted on:"), OptionalDateEdit(today=today))
        fields.add(layout, "expires_on", _("&Expires on:"), OptionalDateEdit(today=today))
        fields.add(layout, "notes", _("&Notes:"), NotesEdit())

    def add_training(self) -> None:
        if self._pa_id is None:
            return
        file, pa_id = self.context.file, self._pa_id
        RecordDialog(self, _("Add training"), self._training_fields,
                     lambda values: records.add_training(file, pa_id, **values),
                     operations=self.context.operations, changes={TRAINING}, done=_("Training added.")).exec()

    def edit_training(self) -> None:
        item = self.training_model.row_at(self.training_table.current_row())
        if item is None:
            return
        file = self.context.file
        RecordDialog(self, _("Training"), self._training_fields,
                     lambda values: records.update_training(file, item.id, **values), values=item,
                     operations=self.context.operations, changes={TRAINING}, done=_("Training saved.")).exec()

    def delete_training(self) -> None:
        item = self.training_model.row_at(self.training_table.current_row())
        if item is None or not confirm(self, _("Delete the training record “{name}”?").format(name=item.course)):
            return
        file = self.context.file
        self.context.operations.run(lambda: records.delete_training(file, item.id), changes={TRAINING},
                                    parent=self, done=_("Training deleted."))

    # ----- references
    def _reference_fields(self, fields: FieldSet, layout: QFormLayout) -> None:
        today = self.context.today()
        fields.add(layout, "referee_name", _("&Referee's name:"), QLineEdit())
        fields.add(layout, "referee_contact", _("&Contact:"), QLineEdit())
        fields.add(layout, "requested_on", _("Re&quested on:"), OptionalDateEdit(today=today))
        fields.add(layout, "received_on", _("Recei&ved on:"), OptionalDateEdit(today=today))
        fields.add(layout, "notes", _("&Notes:"), NotesEdit())

    def add_reference(self) -> None:
        if self._pa_id is None:
            return
        file, pa_id = self.context.file, self._pa_id
        RecordDialog(self, _("Add a reference"), self._reference_fields,
                     lambda values: records.add_reference(file, pa_id, **values),
                     operations=self.context.operations, changes={REFERENCE}, done=_("Reference added.")).exec()

    def edit_reference(self) -> None:
        item = self.reference_model.row_at(self.reference_table.current_row())
        if item is None:
            return
        file = self.context.file
        RecordDialog(self, _("Reference"), self._reference_fields,
                     lambda values: records.update_reference(file, item.id, **values), values=item,
                     operations=self.context.operations, changes={REFERENCE}, done=_("Reference saved.")).exec()

    def delete_reference(self) -> None:
        item = self.reference_model.row_at(self.reference_table.current_row())
        if item is None or not confirm(self, _("Delete the reference from {name}?").format(name=item.referee_name)):
            return
        file = self.context.file
        self.context.operations.run(lambda: records.delete_reference(file, item.id), changes={REFERENCE},
                                    parent=self, done=_("Reference deleted."))

    # ----- contract terms
    def new_terms(self) -> None:
        """A pay rise or any change of terms: a new version from a date, starting from the terms now."""
        if self._pa_id is None:
            return
        file, pa_id, today = self.context.file, self._pa_id, self.context.today()
        latest = self.contract_model.row_at(0)
        values: dict[str, Any] = as_dict(latest) if latest is not None else {}
        values.update(effective_from=today, issued_on=None, signed_on=None)

        def save(form_values: dict[str, Any]):
            form_values = contract_values(form_values)
            if latest is None:
                return records.add_contract_terms(file, pa_id, **form_values)
            # A new version from that date; the versions before it stay as they were.
            return records.change_terms_from(file, pa_id, form_values.pop("effective_from"), **form_values)

        RecordDialog(self, _("New contract terms from a date"), lambda f, l: contract_fields(f, l, today), save,
                     values=values, operations=self.context.operations, changes={CONTRACT},
                     intro=_("Change what is new (for example the hourly rate) and the date it starts. "
                             "The terms before that date are kept as they were."),
                     done=_("New contract terms saved.")).exec()

    def edit_terms(self) -> None:
        item = self.contract_model.row_at(self.contract_table.current_row())
        if item is None:
            return
        file, today = self.context.file, self.context.today()
        RecordDialog(self, _("Correct contract terms"), lambda f, l: contract_fields(f, l, today),
                     lambda values: records.update_contract_terms(file, item.id, **contract_values(values)),
                     values=item, operations=self.context.operations, changes={CONTRACT},
                     intro=_("Correct a mistake in this version. For a pay rise, use “Pay rise or new terms "
                             "from a date” instead, so the history stays true."),
                     done=_("Contract terms saved.")).exec()
