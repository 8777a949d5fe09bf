"""The "Decide…" dialog: accept a warning's risk with a reason, or schedule the fix for a date."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from paemployer.i18n import _
from paemployer.services.compliance import decisions
from paemployer.services.compliance.values import DecisionKind, Warning
from paemployer.ui.forms import ErrorLabel, FieldSet, NotesEdit, RequiredDateEdit, form_layout
from paemployer.ui.operations import DECISION, Operations


class DecisionDialog(QDialog):
    """Records who decided, when and why; the warning then moves to the "Decided" list."""

    def __init__(self, warning: Warning, *, file, operations: Operations, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.warning = warning
        self._file = file
        self._operations = operations
        self.setWindowTitle(_("Decide: {title}").format(title=warning.title))
        self.setAccessibleName(_("Decide about this warning"))
        # Wide enough for the words at the person's own text size, not a fixed pixel width.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        title = QLabel(warning.title)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        layout.addWidget(title)
        intro = QLabel(_("Nothing is hidden without a decision. Accept the risk if you have thought about it and "
                         "chosen it, or choose a date to sort it out by. The warning comes back if the facts "
                         "change or the date passes."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.accept_choice = QRadioButton(_("&Accept the risk"))
        self.schedule_choice = QRadioButton(_("&Schedule the fix for a date"))
        self.accept_choice.setAccessibleName(_("Accept the risk"))
        self.schedule_choice.setAccessibleName(_("Schedule the fix for a date"))
        self._choices = QButtonGroup(self)
        self._choices.addButton(self.accept_choice)
        self._choices.addButton(self.schedule_choice)
        self.schedule_choice.setChecked(True)
        layout.addWidget(self.accept_choice)
        layout.addWidget(self.schedule_choice)

        self.fields = FieldSet(ErrorLabel())
        layout.addWidget(self.fields.banner)
        form = form_layout()
        # Labels above the fields: the reason box gets the whole width, also at large text sizes.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        layout.addLayout(form)
        default_date = warning.due if warning.due and warning.due > today else today + timedelta(days=14)
        self.review_on = self.fields.add(form, "review_on", _("Sort it out &by:"), RequiredDateEdit(default_date))
        self.reason = self.fields.add(form, "reason", _("&Why (what you decided and the reason):"), NotesEdit(lines=4))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Record decision"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("&Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.accept_choice.toggled.connect(self._update)
        self._update()
        self.accept_choice.setFocus()

    def _update(self) -> None:
        self.review_on.setEnabled(self.schedule_choice.isChecked())

    def kind(self) -> DecisionKind:
        return DecisionKind.ACCEPTED if self.accept_choice.isChecked() else DecisionKind.SCHEDULED

    def save(self) -> bool:
        kind = self.kind()
        review_on = self.review_on.value() if kind == DecisionKind.SCHEDULED else None
        reason = self.reason.value()
        outcome = self._operations.run(
            lambda: decisions.decide(self._file, self.warning, decision=kind, reason=reason, review_on=review_on),
            changes={DECISION}, parent=self, form=self.fields, done=_("Decision recorded."),
        )
        if outcome.ok:
            self.accept()
        return outcome.ok
