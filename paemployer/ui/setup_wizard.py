"""The guided set-up: a few questions on first start (or File ▸ New), every one of which can be skipped.

Who the employer is (the person supported), who manages, the nation, the council and direct-payment
reference, when the holiday year starts, and where to keep the file. "Finish" is offered on every
page, so the rest can be filled in later on the Employer page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from paemployer import clock
from paemployer.i18n import _
from paemployer.services import records
from paemployer.services.files import FILE_SUFFIX, create_employer_file
from paemployer.ui.forms import FieldSet, RequiredDateEdit, form_layout, plain
from paemployer.ui.widgets import file_filter
from paemployer.labels import ManagedBy, Nation, managed_by_labels, nation_labels


@dataclass(frozen=True)
class SetupAnswers:
    """What the set-up collected. Blank text means "skipped"; the employer page can fill it in later."""

    name: str = ""
    managed_by: ManagedBy = ManagedBy.SELF
    manager_name: str = ""
    manager_contact: str = ""
    nation: Nation = Nation.ENGLAND
    council: str = ""
    direct_payment_reference: str = ""
    holiday_year_start: date | None = None
    path: Path | None = None

    def employer_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "name": self.name,
            "managed_by": self.managed_by,
            "manager_name": self.manager_name,
            "manager_contact": self.manager_contact,
            "nation": self.nation,
            "council": self.council,
            "direct_payment_reference": self.direct_payment_reference,
            "setup_completed": True,
        }
        if self.holiday_year_start is not None:
            fields["holiday_year_start"] = self.holiday_year_start
        return fields


def save_answers(employer_file, answers: SetupAnswers) -> Any:
    """Write the answers to the employer record of an open file (one service call)."""
    return records.update_employer(employer_file, **answers.employer_fields())


def create_file_from_answers(answers: SetupAnswers | None, *, path: Path | None = None) -> Path:
    """Make the employer file (where the person chose, else `path`) and save the answers in it."""
    target = Path((answers.path if answers and answers.path else None) or path).expanduser()
    # The answers go in before the file appears; a file already there is refused, never given new answers.
    create_employer_file(target, (lambda ef: save_answers(ef, answers)) if answers is not None else None).close()
    return target


def _radio_group(page: QWizardPage, layout: QVBoxLayout, labels: dict, heading: str) -> QButtonGroup:
    group = QButtonGroup(page)
    title = QLabel(heading)
    title.setWordWrap(True)
    layout.addWidget(title)
    for number, (value, text) in enumerate(labels.items()):
        button = QRadioButton(text)
        button.setAccessibleName(text)
        button.setProperty("choice", value)
        group.addButton(button, number)
        layout.addWidget(button)
    group.buttons()[0].setChecked(True)
    return group


def _chosen(group: QButtonGroup) -> Any:
    button = group.checkedButton()
    return button.property("choice") if button is not None else None


def _choose(group: QButtonGroup, value: Any) -> None:
    for button in group.buttons():
        if button.property("choice") == value:
            button.setChecked(True)


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.column = QVBoxLayout(self)
        self.column.setSpacing(12)
        note = QLabel(_("You can skip this: press Next, or Finish to fill in the rest later."))
        note.setWordWrap(True)
        self.note = note

    def finish_layout(self) -> None:
        self.column.addStretch(1)
        self.column.addWidget(self.note)
        # Every page may be the last one answered: Finish stays enabled beside Next.
        self.setFinalPage(True)


class SetupWizard(QWizard):
    """Asks the set-up questions. `answers()` after it is accepted."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        suggested_path: Path | None = None,
        employer: Any = None,
        ask_location: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWindowTitle(_("Setting up PA Employer"))
        self.setAccessibleName(_("Guided set-up"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.fields = FieldSet()
        self._ask_location = ask_location

        # 1. The employer: the person supported.
        page = _Page(_("Who is the employer?"),
                     _("The employer is the person who receives the direct payment and is supported by the PAs."))
        form = form_layout()
        self.fields.add(form, "name", _("&Name of the person supported:"), QLineEdit())
        page.column.addLayout(form)
        page.finish_layout()
        self.addPage(page)

        # 2. Who manages the employment.
        page = _Page(_("Who manages the employment?"),
                     _("Sometimes a family member, another suitable person or a support service runs things "
                       "on the employer's behalf."))
        self.managed_by = _radio_group(page, page.column, managed_by_labels(), _("Managed by:"))
        form = form_layout()
        self.fields.add(form, "manager_name", _("Name of the person or service &managing:"), QLineEdit())
        self.fields.add(form, "manager_contact", _("Their &phone or email:"), QLineEdit())
        page.column.addLayout(form)
        page.finish_layout()
        self.addPage(page)

        # 3. The nation: bank holidays, DBS or PVG, and council rules differ.
        page = _Page(_("Where does the employer live?"),
                     _("The nation decides the bank holidays, the kind of background check (DBS, PVG or AccessNI) "
                       "and some council rules."))
        self.nation = _radio_group(page, page.column, nation_labels(), _("Nation:"))
        page.finish_layout()
        self.addPage(page)

        # 4. The council and the direct payment.
        page = _Page(_("The council and the direct payment"),
                     _("The council that pays the direct payment, and its reference, as on their letters."))
        form = form_layout()
        self.fields.add(form, "council", _("&Council:"), QLineEdit())
        self.fields.add(form, "direct_payment_reference", _("Direct-payment &reference:"), QLineEdit())
        page.column.addLayout(form)
        page.finish_layout()
        self.addPage(page)

        # 5. The holiday year.
        page = _Page(_("When does the holiday year start?"),
                     _("PAs' holiday is counted over a holiday year. Many employers use 1 April; check the contracts."))
        form = form_layout()
        today = clock.today()
        first_april = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
        self.fields.add(form, "holiday_year_start", _("Holiday year &starts on:"), RequiredDateEdit(first_april),
                        help_text=_("Only the day and month matter; the year is the first one you keep records for."))
        page.column.addLayout(form)
        page.finish_layout()
        self.addPage(page)

        # 6. Where to keep the file.
        self.path_edit: QLineEdit | None = None
        if ask_location:
            page = _Page(_("Where should the file be kept?"),
                         _("Everything is kept in one file on this computer. The usual place is fine for most people; "
                           "a support service may keep one file for each client in a folder of its own."))
            form = form_layout()
            self.path_edit = QLineEdit(str(suggested_path or ""))
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(self.path_edit, 1)
            browse = QPushButton(_("C&hoose…"))
            browse.setAccessibleName(_("Choose where to keep the file"))
            browse.clicked.connect(self._browse)
            line.addWidget(browse)
            label = QLabel(_("&File:"))
            label.setBuddy(self.path_edit)
            self.path_edit.setAccessibleName(plain(_("&File:")))
            self.path_edit.setObjectName("field_path")
            form.addRow(label, row)
            page.column.addLayout(form)
            page.finish_layout()
            self.addPage(page)

        if employer is not None:
            self.fields.set_values(employer)
            _choose(self.managed_by, getattr(employer, "managed_by", ManagedBy.SELF))
            _choose(self.nation, getattr(employer, "nation", Nation.ENGLAND))
        # Room for the longest answers without crowding, in the person's own text size.
        metrics = self.fontMetrics()
        self.resize(self.sizeHint().expandedTo(
            QSize(metrics.averageCharWidth() * 90, metrics.lineSpacing() * 26)))

    def _browse(self) -> None:
        assert self.path_edit is not None
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Where should the file be kept?"), self.path_edit.text(),
            file_filter())
        if chosen:
            if not chosen.endswith(FILE_SUFFIX):
                chosen += FILE_SUFFIX
            self.path_edit.setText(chosen)

    def answers(self) -> SetupAnswers:
        values = self.fields.values()
        path_text = self.path_edit.text().strip() if self.path_edit is not None else ""
        return SetupAnswers(
            name=values["name"],
            managed_by=_chosen(self.managed_by) or ManagedBy.SELF,
            manager_name=values["manager_name"],
            manager_contact=values["manager_contact"],
            nation=_chosen(self.nation) or Nation.ENGLAND,
            council=values["council"],
            direct_payment_reference=values["direct_payment_reference"],
            holiday_year_start=values["holiday_year_start"],
            path=Path(path_text).expanduser() if path_text else None,
        )
