"""The table models are thin adapters over plain rows, and each passes pytest-qt's model tester."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from paemployer.i18n import format_date, format_money
from paemployer.ui.models import Column, OrderedRowsModel, RowsTableModel

pytestmark = pytest.mark.gui


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    rate: Decimal
    since: date


ROWS = [Row(1, "Ffion", Decimal("12.60"), date(2025, 1, 6)), Row(2, "Dai", Decimal("13.00"), date(2026, 4, 1))]
COLUMNS = [
    Column("Name", lambda r: r.name),
    Column("Rate", lambda r: format_money(r.rate), align_right=True),
    Column("Since", lambda r: format_date(r.since), tooltip=lambda r: format_date(r.since, format="long")),
]


@pytest.mark.parametrize("model_class", [RowsTableModel, OrderedRowsModel])
def test_empty_models_pass_the_model_tester(qtmodeltester, model_class):
    qtmodeltester.check(model_class(COLUMNS), force_py=True)


@pytest.mark.parametrize("model_class", [RowsTableModel, OrderedRowsModel])
def test_models_pass_the_model_tester(qtmodeltester, model_class):
    model = model_class(COLUMNS)
    model.set_rows(ROWS)
    qtmodeltester.check(model, force_py=True)
    # The tester stays connected and checks every reset from here on.
    model.set_rows([])
    model.set_rows(list(reversed(ROWS)))


def test_model_shows_plain_rows_and_serves_only_its_roles(qtbot):
    model = RowsTableModel(COLUMNS)
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_rows(ROWS)
    assert resets == [True]
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert model.data(model.index(0, 1)) == "£12.60"
    assert model.data(model.index(1, 2), Qt.ItemDataRole.ToolTipRole) == "1 April 2026"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Since"
    assert model.row_at(1) is ROWS[1] and model.row_at(5) is None
    assert model.row_of(lambda r: r.id == 2) == 1 and model.row_of(lambda r: r.id == 9) == -1


def test_ordered_model_asks_for_a_move_instead_of_moving(qtbot):
    model = OrderedRowsModel(COLUMNS)
    model.set_rows(ROWS + [Row(3, "Sam", Decimal("12.71"), date(2026, 9, 1))])
    asked = []
    model.move_requested.connect(lambda source, target: asked.append((source, target)))
    # Dropped onto the first row: the last row goes to the top.
    model.dropMimeData(model.mimeData([model.index(2, 0)]), Qt.DropAction.MoveAction, -1, -1, model.index(0, 0))
    # Dropped in the gap before the third row: the first row goes between the other two.
    model.dropMimeData(model.mimeData([model.index(0, 0)]), Qt.DropAction.MoveAction, 2, 0, model.index(-1, -1))
    # Dropped where it already is: nothing asked.
    model.dropMimeData(model.mimeData([model.index(1, 0)]), Qt.DropAction.MoveAction, 1, 0, model.index(-1, -1))
    assert asked == [(2, 0), (0, 1)]
    assert [row.id for row in model.rows()] == [1, 2, 3]  # unchanged until the service reorders
