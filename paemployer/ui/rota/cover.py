"""'My PA can't come': who could cover this shift, who to ring (numbers in large type), and what to record.

The list comes from services.rota.cover_options: other PAs free then (with the reason next to any who
would break their rest or hours limits), those who are not free and why, then the emergency cover
contacts in the order to call them. Recording goes through services.rota.record_cover in one step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from paemployer.i18n import _
from paemployer.labels import cover_role_label
from paemployer.services import rota
from paemployer.services.rota import COVER_ABSENCE_KINDS, CoverOptions
from paemployer.labels import absence_kind_label, shift_kind_label
from paemployer.services.rota.engine import describe_shift_time
from paemployer.ui.forms import ChoiceBox, ErrorLabel, FieldSet, NotesEdit, form_layout, plain
from paemployer.ui.operations import Operations, Outcome
from paemployer.ui.widgets import scaled

def _heading(text: str) -> QLabel:
    label = QLabel(text)
    scaled(label, 1.15, bold=True)
    label.setWordWrap(True)
    return label


class CantComeDialog(QDialog):
    """Choose who covered (a PA, a cover contact, or nobody yet) and why the PA is away; Record saves both."""

    def __init__(self, parent, *, ef, operations: Operations, changes: set[str], options: CoverOptions) -> None:
        super().__init__(parent)
        shift = options.shift
        title = _("My PA can't come")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setObjectName("cantComeDialog")
        self._ef, self._operations, self._changes, self.options = ef, operations, changes, options
        self.outcome: Outcome | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 18, 18, 18)
        outer.setSpacing(10)
        if shift.pa_id is not None:
            words = _("{who} cannot come to the {kind} shift on {time}.").format(
                who=shift.who, kind=shift_kind_label(shift.kind), time=describe_shift_time(shift))
        else:  # a shift nobody is on yet: the same list says who could take it
            words = _("Nobody is on the {kind} shift on {time} yet. Who could take it?").format(
                kind=shift_kind_label(shift.kind), time=describe_shift_time(shift))
        summary = QLabel(words)
        scaled(summary, 1.3, bold=True)
        summary.setWordWrap(True)
        outer.addWidget(summary)
        self.fields = FieldSet(ErrorLabel())
        outer.addWidget(self.fields.banner)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.choices: dict[int, tuple[str, int | None]] = {}  # button id → ("pa" | "contact" | "nobody", id)

        column.addWidget(_heading(_("Other PAs free then")))
        if not options.pas:
            column.addWidget(QLabel(_("No other PA is free then.")))
        for candidate in options.pas:
            reason = ("; ".join(candidate.reasons) if candidate.reasons
                      else _("free, within rest and hours limits"))
            radio = self._choice(candidate.pa_name, ("pa", candidate.pa_id),
                                 f"{candidate.pa_name}: {reason}. {candidate.phone}")
            column.addLayout(self._entry(radio, candidate.phone, ("⚠ " if candidate.reasons else "") + reason))
        for name, why in options.unavailable:
            words = QLabel(_("{name} is not free: {why}").format(name=name, why=why))
            words.setWordWrap(True)
            column.addWidget(words)

        column.addWidget(_heading(_("Emergency cover contacts, in the order to call them")))
        if not options.contacts:
            column.addWidget(QLabel(_("No cover contacts yet: add them on the Emergency cover page.")))
        for number, contact in enumerate(options.contacts, start=1):
            phones = " / ".join(p for p in (contact.phone, contact.phone_other) if p)
            text = f"{number}. {contact.name} ({cover_role_label(contact.role)})"
            details = "; ".join(p for p in (contact.available_when, contact.can_help_with) if p)
            radio = self._choice(text, ("contact", contact.contact_id), f"{text}: {phones}. {details}")
            column.addLayout(self._entry(radio, phones, details))
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        column.addWidget(line)
        self.nobody = self._choice(_("Nobody has covered yet (the shift stays a gap)"), ("nobody", None),
                                   _("Nobody has covered yet; the shift stays a gap"))
        column.addWidget(self.nobody)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        form = form_layout()
        self.kind_edit = self.fields.add(form, "absence_kind", _("&Why can't {who} come?").format(who=shift.who),
                                         ChoiceBox([(absence_kind_label(k).capitalize(), k) for k in COVER_ABSENCE_KINDS]),
                                         help_text=_("Recorded as {who}'s absence, for pay and leave.").format(
                                             who=shift.who))
        self.notes_edit = self.fields.add(form, "notes", _("No&tes:"), NotesEdit(lines=2))
        outer.addLayout(form)
        if shift.pa_id is None:  # nobody is away, so there is no absence to record
            holder = self.kind_edit.parentWidget()  # the field with its message and hint
            for widget in (holder, form.labelForField(holder)):
                if widget is not None:
                    widget.hide()
        # "cover" and "shift" errors from the service are about the choice: shown in the banner.
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.record_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.record_button.setText(_("&Record who covered"))
        self.record_button.setAccessibleName(plain(self.record_button.text()))
        self.record_button.setDefault(True)
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        # Nothing is chosen for the person: an Enter pressed too soon must not record the wrong cover.
        self.group.buttons()[0].setFocus()
        self.resize(max(780, self.fontMetrics().averageCharWidth() * 100), int(self.fontMetrics().height() * 46))

    def _choice(self, text: str, value: tuple[str, int | None], accessible: str) -> QRadioButton:
        radio = QRadioButton(text)
        radio.setAccessibleName(accessible)
        number = len(self.choices)
        self.choices[number] = value
        self.group.addButton(radio, number)
        return radio

    def _entry(self, radio: QRadioButton, phone: str, details: str) -> QGridLayout:
        """The choice and its number in large type on one line, what to know underneath."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(0)
        grid.addWidget(radio, 0, 0)
        grid.addWidget(self._big_phone(phone), 0, 1)
        grid.setColumnStretch(1, 1)
        if details:
            words = QLabel(details)
            words.setWordWrap(True)
            words.setContentsMargins(radio.iconSize().width() + 8, 0, 0, 6)
            grid.addWidget(words, 1, 0, 1, 2)
        return grid

    def _big_phone(self, phone: str) -> QLabel:
        label = QLabel(phone or _("no number"))
        scaled(label, 1.8, bold=True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setObjectName("coverPhone")
        return label

    def choose(self, what: str, ident: int | None) -> None:
        for number, value in self.choices.items():
            if value == (what, ident):
                self.group.button(number).setChecked(True)
                return
        raise KeyError((what, ident))

    def chosen(self) -> tuple[str, int | None]:
        return self.choices.get(self.group.checkedId(), ("nobody", None))

    def record(self) -> None:
        if self.group.checkedId() < 0:
            self.fields.banner.show_message(_("Choose who covered, or “Nobody has covered yet”."))
            self.group.buttons()[0].setFocus()
            return
        what, ident = self.chosen()
        kind, notes = self.kind_edit.value(), self.notes_edit.value()
        ef, key = self._ef, self.options.shift.key
        covering = ident if what == "pa" else None
        contact = ident if what == "contact" else None
        if what == "nobody":
            done = _("Recorded that nobody covered: the shift is a gap to fill.")
        else:
            done = _("Cover recorded.")
        self.outcome = self._operations.run(
            lambda: rota.record_cover(ef, key, covering_pa_id=covering, cover_contact_id=contact,
                                      absence_kind=kind, notes=notes),
            changes=self._changes, parent=self, form=self.fields, done=done)
        if self.outcome.ok:
            self.accept()
