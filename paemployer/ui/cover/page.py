"""Plan B: emergency cover contacts in the order to call them, and the contingency plan's steps.

The order matters (who to ring first), so it can be changed with Alt+Up / Alt+Down, with the Move
buttons, or by dragging a row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from paemployer.i18n import N_, _, format_date
from paemployer.services import records
from paemployer.ui.forms import ChoiceBox, FieldSet, NotesEdit, OptionalDateEdit
from paemployer.labels import choices, cover_role_labels
from paemployer.ui.models import Column, OrderedRowsModel, RowsTableModel
from paemployer.ui.operations import CONTINGENCY, COVER
from paemployer.ui.page_base import Page
from paemployer.ui.widgets import RecordDialog, RecordTable, button, confirm


class CoverPage(Page):
    name = "cover"
    title = N_("Emergency cover")
    shows = frozenset({COVER, CONTINGENCY})

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(10)
        self.page_heading(_("Emergency cover"), outer,
                          _("Who to call when a PA cannot come, in the order to call them, and what to do step by step."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        # Cover contacts.
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        roles = cover_role_labels()
        self.contact_model: OrderedRowsModel = OrderedRowsModel([
            Column(_("Call"), lambda c: str(c.priority), align_right=True),
            Column(_("Name"), lambda c: c.name),
            Column(_("Role"), lambda c: roles.get(c.role, str(c.role))),
            Column(_("Phone"), lambda c: c.phone),
            Column(_("Other phone"), lambda c: c.phone_other),
            Column(_("Available"), lambda c: c.available_when),
            Column(_("Can help with"), lambda c: c.can_help_with),
            Column(_("Last confirmed"), lambda c: format_date(c.last_confirmed) if c.last_confirmed else _("never")),
        ])
        self.contact_model.move_requested.connect(self._move_to)
        label = QLabel(_("Cover &contacts, first to call at the top (Alt+Up and Alt+Down change the order):"))
        label.setWordWrap(True)
        self.contact_table = RecordTable(self.contact_model, _("Cover contacts"))
        label.setBuddy(self.contact_table)
        self.contact_table.setDragEnabled(True)
        self.contact_table.setAcceptDrops(True)
        self.contact_table.setDropIndicatorShown(True)
        self.contact_table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.contact_table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.contact_table.setDragDropOverwriteMode(False)
        self.contact_table.add_shortcut("Alt+Up", lambda: self.move_contact("up"))
        self.contact_table.add_shortcut("Alt+Down", lambda: self.move_contact("down"))
        self.contact_table.activated_row.connect(lambda row: self.edit_contact())
        column.addWidget(label)
        column.addWidget(self.contact_table, 1)
        row = QHBoxLayout()
        self.add_contact_button = button(_("&Add a contact…"), self.add_contact)
        self.edit_contact_button = button(_("&Edit…"), self.edit_contact)
        self.up_button = button(_("Move &up"), lambda: self.move_contact("up"), name=_("Move up: call sooner"))
        self.down_button = button(_("Move &down"), lambda: self.move_contact("down"), name=_("Move down: call later"))
        self.confirm_button = button(_("Con&firmed today"), self.confirm_contact,
                                     name=_("Mark as confirmed today"))
        self.delete_contact_button = button(_("De&lete…"), self.delete_contact)
        for widget in (self.add_contact_button, self.edit_contact_button, self.up_button, self.down_button,
                       self.confirm_button, self.delete_contact_button):
            row.addWidget(widget)
        row.addStretch(1)
        column.addLayout(row)
        splitter.addWidget(top)

        # Contingency plan.
        bottom = QWidget()
        column = QVBoxLayout(bottom)
        column.setContentsMargins(0, 0, 0, 0)
        self.step_model: RowsTableModel = RowsTableModel([
            Column(_("If this happens"), lambda s: s.scenario),
            Column(_("Step"), lambda s: str(s.position), align_right=True),
            Column(_("What to do"), lambda s: s.step),
        ])
        label = QLabel(_("Contingency &plan:"))
        self.step_table = RecordTable(self.step_model, _("Contingency plan"))
        label.setBuddy(self.step_table)
        self.step_table.add_shortcut("Alt+Up", lambda: self.move_step("up"))
        self.step_table.add_shortcut("Alt+Down", lambda: self.move_step("down"))
        self.step_table.activated_row.connect(lambda row: self.edit_step())
        column.addWidget(label)
        column.addWidget(self.step_table, 1)
        row = QHBoxLayout()
        for widget in (button(_("Add a ste&p…"), self.add_step), button(_("Edi&t step…"), self.edit_step),
                       button(_("Step u&p"), lambda: self.move_step("up"), name=_("Move step up")),
                       button(_("Step do&wn"), lambda: self.move_step("down"), name=_("Move step down")),
                       button(_("Delete ste&p…"), self.delete_step)):
            row.addWidget(widget)
        row.addStretch(1)
        column.addLayout(row)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

    # ----- loading
    def refresh(self) -> None:
        read, file = self.context.operations.read, self.context.file
        keep = self._current_contact()
        self.contact_model.set_rows(read(lambda: records.list_cover_contacts(file), parent=self, default=[]))
        self._select_contact(keep.id if keep else None)
        keep_step = self.step_model.row_at(self.step_table.current_row())
        self.step_model.set_rows(read(lambda: records.list_contingency_steps(file), parent=self, default=[]))
        if keep_step is not None:
            self.step_table.select_row(self.step_model.row_of(lambda s: s.id == keep_step.id))

    def show_record(self, record_id: Any) -> None:
        self._select_contact(record_id)
        self.contact_table.setFocus()

    def _current_contact(self):
        return self.contact_model.row_at(self.contact_table.current_row())

    def _select_contact(self, contact_id: int | None) -> None:
        row = self.contact_model.row_of(lambda c: c.id == contact_id) if contact_id is not None else -1
        self.contact_table.select_row(row if row >= 0 else 0)

    # ----- contacts
    def _contact_fields(self, fields: FieldSet, layout: QFormLayout) -> None:
        today = self.context.today()
        fields.add(layout, "name", _("&Name:"), QLineEdit())
        fields.add(layout, "role", _("&Role:"), ChoiceBox(choices(cover_role_labels())))
        fields.add(layout, "phone", _("&Phone:"), QLineEdit())
        fields.add(layout, "phone_other", _("&Other phone:"), QLineEdit())
        fields.add(layout, "available_when", _("&Available when:"), QLineEdit(),
                   help_text=_("For example: weekday evenings; not Sundays."))
        fields.add(layout, "can_help_with", _("&Can help with:"), NotesEdit(),
                   help_text=_("For example: personal care, hoist, medication prompts."))
        fields.add(layout, "last_confirmed", _("&Last confirmed on:"), OptionalDateEdit(today=today),
                   help_text=_("When they last said they can still help. Ask again every few months."))
        fields.add(layout, "notes", _("No&tes:"), NotesEdit())

    def add_contact(self) -> None:
        file = self.context.file
        dialog = RecordDialog(self, _("Add a cover contact"), self._contact_fields,
                              lambda values: records.add_cover_contact(file, **values),
                              operations=self.context.operations, changes={COVER}, done=_("Cover contact added."))
        if dialog.exec() and dialog.outcome and dialog.outcome.ok:
            self._select_contact(dialog.outcome.value.id)

    def edit_contact(self) -> None:
        contact = self._current_contact()
        if contact is None:
            return
        file = self.context.file
        RecordDialog(self, _("Cover contact"), self._contact_fields,
                     lambda values: records.update_cover_contact(file, contact.id, **values), values=contact,
                     operations=self.context.operations, changes={COVER}, done=_("Cover contact saved.")).exec()

    def move_contact(self, up_or_down: str) -> None:
        contact = self._current_contact()
        if contact is None:
            return
        file = self.context.file
        outcome = self.context.operations.run(lambda: records.move_cover_contact(file, contact.id, up_or_down),
                                              changes={COVER}, parent=self)
        if outcome.ok:
            position = self.contact_model.row_of(lambda c: c.id == contact.id)
            self._select_contact(contact.id)
            self.context.status(_("{name} is now number {position} to call.").format(
                name=contact.name, position=position + 1))

    def _move_to(self, source: int, target: int) -> None:
        """A drag and drop: put the dragged contact at `target` and keep the others' order."""
        contacts = self.contact_model.rows()
        moving = contacts.pop(source)
        contacts.insert(target, moving)
        ids = [contact.id for contact in contacts]
        file = self.context.file
        outcome = self.context.operations.run(lambda: records.reorder_cover_contacts(file, ids),
                                              changes={COVER}, parent=self)
        if outcome.ok:
            self._select_contact(moving.id)

    def confirm_contact(self) -> None:
        contact = self._current_contact()
        if contact is None:
            return
        file, today = self.context.file, self.context.today()
        self.context.operations.run(lambda: records.update_cover_contact(file, contact.id, last_confirmed=today),
                                    changes={COVER}, parent=self,
                                    done=_("{name} confirmed today.").format(name=contact.name))

    def delete_contact(self) -> None:
        contact = self._current_contact()
        if contact is None:
            return
        if not confirm(self, _("Delete the cover contact {name}?").format(name=contact.name)):
            return
        file = self.context.file
        self.context.operations.run(lambda: records.delete_cover_contact(file, contact.id), changes={COVER},
                                    parent=self, done=_("Cover contact deleted."))

    # ----- contingency steps
    def _step_fields(self, fields: FieldSet, layout: QFormLayout) -> None:
        fields.add(layout, "scenario", _("&If this happens:"), QLineEdit(),
                   help_text=_("For example: the PA does not arrive; the hoist breaks."))
        fields.add(layout, "step", _("&What to do:"), NotesEdit())

    def add_step(self) -> None:
        file = self.context.file
        current = self.step_model.row_at(self.step_table.current_row())
        RecordDialog(self, _("Add a step to the plan"), self._step_fields,
                     lambda values: records.add_contingency_step(file, values["scenario"], values["step"]),
                     values={"scenario": current.scenario} if current else None,
                     operations=self.context.operations, changes={CONTINGENCY}, done=_("Step added.")).exec()

    def edit_step(self) -> None:
        step = self.step_model.row_at(self.step_table.current_row())
        if step is None:
            return
        file = self.context.file
        RecordDialog(self, _("Step of the plan"), self._step_fields,
                     lambda values: records.update_contingency_step(file, step.id, **values), values=step,
                     operations=self.context.operations, changes={CONTINGENCY}, done=_("Step saved.")).exec()

    def move_step(self, up_or_down: str) -> None:
        step = self.step_model.row_at(self.step_table.current_row())
        if step is None:
            return
        file = self.context.file
        outcome = self.context.operations.run(lambda: records.move_contingency_step(file, step.id, up_or_down),
                                              changes={CONTINGENCY}, parent=self)
        if outcome.ok:
            self.step_table.select_row(self.step_model.row_of(lambda s: s.id == step.id))

    def delete_step(self) -> None:
        step = self.step_model.row_at(self.step_table.current_row())
        if step is None:
            return
        if not confirm(self, _("Delete this step of the plan?")):
            return
        file = self.context.file
        self.context.operations.run(lambda: records.delete_contingency_step(file, step.id), changes={CONTINGENCY},
                                    parent=self, done=_("Step deleted."))
