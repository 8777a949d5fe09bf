"""What every page of the main window is: a widget with a stable name, a title, and the changes it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from paemployer.i18n import _
from paemployer.ui.operations import Operations
from paemployer.ui.settings import AppSettings
from paemployer.ui.widgets import scaled


@dataclass
class AppContext:
    """What a page may use: the open file (only through services), the one way to change it, the date."""

    file: Any  # paemployer.store.db.EmployerFile: handed to services, never queried here
    operations: Operations
    settings: AppSettings
    today: Callable[[], date]
    # Go to another page, optionally at a record: navigate("pas", pa_id).
    navigate: Callable[[str, Any], None]
    status: Callable[[str], None]


class Page(QWidget):
    """One page of the main window. Subclasses set `name` (stable: used by --page and "go there"
    buttons), `title` (marked with N_, shown through _), and `shows` (the change names it displays)."""

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    shows: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"page_{self.name}")
        self.setAccessibleName(self.translated_title())
        self._stale = False

    @classmethod
    def translated_title(cls) -> str:
        return _(cls.title)

    def refresh(self) -> None:
        """Load what the page shows from the services again."""

    def on_changed(self, names: frozenset[str]) -> None:
        """Called after every change that touched what this page shows: refreshes now when the page is in
        front, otherwise marks it stale so a hidden page does no work until it is shown again."""
        if not names & self.shows:
            return
        if self.is_current():
            self.refresh()
        else:
            self._stale = True

    def is_current(self) -> bool:
        """True when the page is the one in front (a page outside a stack, as in tests, always is)."""
        stack = self.parentWidget()
        return not isinstance(stack, QStackedWidget) or stack.currentWidget() is self

    def refresh_if_stale(self) -> None:
        """Catch up on changes made while the page was hidden (the window calls this when it shows the page)."""
        if self._stale:
            self._stale = False
            self.refresh()

    def has_unsaved_changes(self) -> bool:
        """True when the page holds typing that is not saved yet (the window asks before it is lost)."""
        return False

    def save(self) -> bool:
        """Save what the page holds; True when saved. Pages with forms override this."""
        return True

    def show_record(self, record_id: Any) -> None:
        """Bring one record forward (a "go there" button elsewhere). Pages with records override this."""

    def scrolling_body(self, outer: QVBoxLayout, *, spacing: int = 6, right_margin: int = 4,
                       follow_margin: int = 24) -> QVBoxLayout:
        """Everything below the heading in one scrolling column (`self.body` in `self.scroll`), so nothing is cut
        off in a small window or with large text; moving with Tab scrolls the control with the focus into view."""
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, right_margin, 0)
        column.setSpacing(spacing)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)
        self._follow_margin = follow_margin
        QApplication.instance().focusChanged.connect(self._follow_focus)
        return column

    def _follow_focus(self, _old, new) -> None:
        try:
            if new is not None and self.body.isAncestorOf(new):
                self.scroll.ensureWidgetVisible(new, 16, self._follow_margin)
        except RuntimeError:  # this page was deleted (another file opened) while Qt still had the signal
            pass

    def page_heading(self, text: str, layout: QVBoxLayout, intro: str | None = None) -> QLabel:
        """A large heading (relative to the person's font size) and an optional line saying what the page is for."""
        heading = QLabel(text)
        scaled(heading, 1.5, bold=True)
        heading.setAccessibleName(text)
        layout.addWidget(heading)
        if intro:
            words = QLabel(intro)
            words.setWordWrap(True)
            layout.addWidget(words)
        return heading
