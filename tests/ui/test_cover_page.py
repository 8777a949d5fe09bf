"""Emergency cover contacts are reordered with the keyboard (and by a drop), and the order is saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt

from paemployer.services import records
from paemployer.ui.models import ROW_MIME_TYPE

pytestmark = pytest.mark.gui


def names(contacts):
    return [contact.name for contact in contacts]


def test_alt_up_and_alt_down_reorder_cover_contacts(qtbot, window, read_file):
    page = window.go_to("cover")
    table = page.contact_table
    assert names(page.contact_model.rows()) == ["Gareth Jones", "Bryn Agency", "Council out of hours"]
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)  # to the second contact
    qtbot.keyClick(table, Qt.Key.Key_Down)  # and the third
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert names(read_file(records.list_cover_contacts)) == ["Gareth Jones", "Council out of hours", "Bryn Agency"]
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    saved = read_file(records.list_cover_contacts)
    assert names(saved) == ["Council out of hours", "Gareth Jones", "Bryn Agency"]
    assert [contact.priority for contact in saved] == [1, 2, 3]
    # The moved contact stays chosen, so it can be moved again, and the table shows the new order.
    assert page.contact_model.row_at(table.current_row()).name == "Council out of hours"
    assert page.contact_model.data(page.contact_model.index(0, 1)) == "Council out of hours"
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert names(read_file(records.list_cover_contacts)) == ["Gareth Jones", "Council out of hours", "Bryn Agency"]


def test_move_buttons_reorder_with_their_mnemonics(qtbot, window, read_file):
    page = window.go_to("cover")
    page.contact_table.select_row(0)
    qtbot.keyClick(page.down_button, Qt.Key.Key_Space)
    assert names(read_file(records.list_cover_contacts)) == ["Bryn Agency", "Gareth Jones", "Council out of hours"]


def test_dropping_a_dragged_row_reorders(qtbot, window, read_file):
    page = window.go_to("cover")
    model = page.contact_model
    data = model.mimeData([model.index(0, 0)])
    assert data.hasFormat(ROW_MIME_TYPE)
    # Dropped in the gap below the last row: the first contact becomes the last to call.
    handled = model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, model.index(-1, -1))
    assert handled is False  # the view must not remove a row itself; the service reordered
    assert names(read_file(records.list_cover_contacts)) == ["Bryn Agency", "Council out of hours", "Gareth Jones"]
    assert not model.canDropMimeData(QMimeData(), Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))


def test_confirmed_today_records_the_date(qtbot, window, read_file, today):
    page = window.go_to("cover")
    page.contact_table.select_row(1)
    qtbot.keyClick(page.confirm_button, Qt.Key.Key_Space)
    saved = read_file(records.list_cover_contacts)
    assert saved[1].last_confirmed == today and saved[0].last_confirmed is None
