"""The home page: what needs attention, grouped act now / act soon / for information, then what is decided.

Each warning says what is wrong in plain words, why it matters, what to do (with a button that goes
to the right page and record), and the law or guidance behind it (with a link). "Decide…" records an
accepted risk or a date to fix it by. The warnings are worked out after the window is shown, so the
app starts as fast without them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
)

from paemployer.i18n import N_, _, format_date, ngettext
from paemployer.services import compliance
from paemployer.services.compliance import decisions
from paemployer.services.compliance.catalogue import due_text, severity_label
from paemployer.services.compliance.values import EMPLOYER, Severity, Warning
from paemployer.ui.home.decide import DecisionDialog
from paemployer.ui.operations import DECISION, EVERYTHING
from paemployer.ui.page_base import Page
from paemployer.ui.widgets import button, scaled

# Colour is a second cue only: every group also has its words, and each card says its urgency.
_ACCENT = {Severity.ACT_NOW: "#a4000f", Severity.ACT_SOON: "#8a5300", Severity.INFO: "#1d5a8c"}
_DECIDED_ACCENT = "#4d4d4d"


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class WarningCard(QFrame):
    """One warning: title, who and by when, why, what to do, the basis, and its buttons."""

    def __init__(self, warning: Warning, page: HomePage) -> None:
        super().__init__()
        self.warning = warning
        accent = _DECIDED_ACCENT if warning.decided else _ACCENT[warning.severity]
        self.setObjectName("warningCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame#warningCard {{ border: 1px solid #b8b8b8; border-left: 6px solid {accent};"
                           f" border-radius: 4px; background: palette(base); }}")
        self.setAccessibleName(warning.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)

        self.title_label = _wrapped(warning.title)
        scaled(self.title_label, 1.15, bold=True)
        layout.addWidget(self.title_label)

        about = [_("You (the employer)") if warning.subject == EMPLOYER else warning.subject_name]
        when = due_text(warning, page.context.today())
        if when:
            about.append(when)
        if not warning.decided:
            about.append(severity_label(warning.severity))
        self.about_label = _wrapped(" · ".join(about))
        layout.addWidget(self.about_label)

        self.explanation_label = _wrapped(warning.explanation)
        layout.addWidget(self.explanation_label)
        self.action_label = _wrapped(_("What to do: {action}").format(action=warning.action))
        scaled(self.action_label, 1.0, bold=True)
        layout.addWidget(self.action_label)
        self.basis_label = _wrapped(_("The law or guidance: {basis}").format(basis=warning.basis))
        layout.addWidget(self.basis_label)

        if warning.decided and warning.decision is not None:
            decision = warning.decision
            if decision.decision == "scheduled":
                said = _("Decided: to be sorted out by {date}.").format(
                    date=format_date(decision.review_on, format="long"))
            else:
                said = _("Decided: risk accepted.")
            if decision.reason:
                said += " " + _("Reason: {reason}").format(reason=decision.reason)
            who = decision.decided_by or _("someone")
            when = format_date(decision.decided_at.date()) if decision.decided_at else ""
            said += " " + _("({who}, {when})").format(who=who, when=when)
            self.decision_label = _wrapped(said)
            layout.addWidget(self.decision_label)

        row = QHBoxLayout()
        row.setSpacing(10)
        title = page.page_title(warning.action_target.page)
        self.go_button = None
        if title is not None:
            self.go_button = button(_("Go to {page}").format(page=title), lambda: page.go_to_target(warning),
                                    name=_("Go to {page} for: {title}").format(page=title, title=warning.title))
            row.addWidget(self.go_button)
        self.basis_button = None
        if warning.basis_url:
            self.basis_button = button(_("Read the official guidance"), lambda: page.open_basis(warning),
                                       name=_("Read the official guidance for: {title}").format(title=warning.title))
            self.basis_button.setToolTip(warning.basis_url)
            row.addWidget(self.basis_button)
        if warning.decided:
            self.decide_button = button(_("Reopen"), lambda: page.reopen(warning),
                                        name=_("Reopen: {title}").format(title=warning.title))
        else:
            self.decide_button = button(_("Decide…"), lambda: page.open_decision(warning),
                                        name=_("Decide about: {title}").format(title=warning.title))
        row.addWidget(self.decide_button)
        row.addStretch(1)
        layout.addLayout(row)


class HomePage(Page):
    name = "home"
    title = N_("What needs attention")
    shows = EVERYTHING  # any record can raise or settle a warning

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.warnings: list[Warning] = []
        self.cards: list[WarningCard] = []
        self.decision_dialog: DecisionDialog | None = None
        self._load_pending = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(10)
        self.page_heading(_("What needs attention"), outer)
        self.summary = _wrapped(_("Checking your records…"))
        self.summary.setObjectName("warningsSummary")
        scaled(self.summary, 1.15, bold=True)
        outer.addWidget(self.summary)

        self.body_layout = self.scrolling_body(outer, spacing=12, right_margin=12, follow_margin=48)

    # ----- loading
    def refresh(self) -> None:
        """Work the warnings out on the next turn of the event loop: the page (and window) show first."""
        if not self._load_pending:
            self._load_pending = True
            QTimer.singleShot(0, self, self.load_now)  # never runs once this page is gone (file closed)

    def load_now(self) -> None:
        self._load_pending = False
        file = self.context.file
        if file is None:
            return
        today = self.context.today()
        warnings = self.context.operations.read(lambda: compliance.gather_warnings(file, on=today),
                                                parent=self, default=None)
        if warnings is None:
            self.summary.setText(_("The warnings could not be worked out. The problem has been logged."))
            return
        self.warnings = warnings
        self._rebuild()
        self.context.status(self.summary_text())

    def summary_text(self) -> str:
        open_ones = compliance.open_warnings(self.warnings)
        act_now = compliance.count_act_now(self.warnings)
        if not open_ones:
            return _("Nothing needs your attention now.")
        act_soon = sum(1 for w in open_ones if w.severity == Severity.ACT_SOON)
        parts = [ngettext("{count} needs acting on now", "{count} need acting on now", act_now).format(count=act_now),
                 ngettext("{count} soon", "{count} soon", act_soon).format(count=act_soon)]
        return _("Warnings: {parts}.").format(parts=", ".join(parts))

    def _rebuild(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.cards = []
        self.summary.setText(self.summary_text())
        self.summary.setAccessibleName(self.summary.text())
        open_ones = compliance.open_warnings(self.warnings)
        for severity in Severity:
            group = [w for w in open_ones if w.severity == severity]
            if group:
                self._add_group(f"{severity_label(severity)} ({len(group)})", group, f"group_{severity.value}")
        decided = [w for w in self.warnings if w.decided]
        if decided:
            self._add_group(_("Decided ({count})").format(count=len(decided)), decided, "group_decided")
        if not self.warnings:
            self.body_layout.addWidget(_wrapped(_("Your records show nothing that needs doing. Well done.")))
        self.body_layout.addStretch(1)

    def _add_group(self, heading_text: str, warnings: list[Warning], object_name: str) -> None:
        heading = QLabel(heading_text)
        heading.setObjectName(object_name)
        heading.setAccessibleName(heading_text)
        scaled(heading, 1.3, bold=True)
        self.body_layout.addWidget(heading)
        for warning in warnings:
            card = WarningCard(warning, self)
            self.cards.append(card)
            self.body_layout.addWidget(card)

    # ----- what the buttons do
    def page_title(self, page_name: str) -> str | None:
        """The title of a page of the app, or None when the app has no such page (yet)."""
        from paemployer.ui.pages import page_classes

        for page_class in page_classes():
            if page_class.name == page_name:
                return page_class.translated_title()
        return None

    def go_to_target(self, warning: Warning) -> None:
        target = warning.action_target
        self.context.navigate(target.page, target.record_id)

    def open_basis(self, warning: Warning) -> None:
        QDesktopServices.openUrl(QUrl(warning.basis_url))

    def open_decision(self, warning: Warning) -> DecisionDialog:
        dialog = DecisionDialog(warning, file=self.context.file, operations=self.context.operations,
                                today=self.context.today(), parent=self)
        self.decision_dialog = dialog
        dialog.open()
        return dialog

    def reopen(self, warning: Warning) -> None:
        if warning.decision is None:
            return
        self.context.operations.run(lambda: decisions.withdraw_decision(self.context.file, warning.decision.id),
                                    changes={DECISION}, parent=self, done=_("The warning is open again."))

    def card_for(self, code: str, *, decided: bool | None = None) -> WarningCard | None:
        for card in self.cards:
            if card.warning.code == code and (decided is None or card.warning.decided == decided):
                return card
        return None
