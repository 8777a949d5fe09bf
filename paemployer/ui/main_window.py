"""The main window: a list of pages on the left, the page on the right, menus with shortcuts.

One employer file is open at a time. Opening another closes the first and rebuilds every page, so a
support service moving between clients never sees one client's details beside another's. The title
names the person whose file is open.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from paemployer import __version__, clock
from paemployer.errors import NotFoundError, PAEmployerError
from paemployer.i18n import LANGUAGE_NAMES, SUPPORTED_LOCALES, _, current_locale, set_locale
from paemployer.paths import user_data_dir
from paemployer.services import records
from paemployer.services.files import FILE_SUFFIX, open_employer_file
from paemployer.ui import errors
from paemployer.ui.operations import EMPLOYER, Operations
from paemployer.ui.pages import page_classes
from paemployer.ui.page_base import AppContext, Page
from paemployer.ui.settings import FONT_SCALES, AppSettings
from paemployer.ui.widgets import ask_to_save, file_filter, scaled



class WelcomeView(QWidget):
    """Shown when no file is open: make a new employer file or open one."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__()
        self.setObjectName("welcome")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(16)
        heading = QLabel(_("No employer file is open"))
        scaled(heading, 1.5, bold=True)
        layout.addWidget(heading)
        words = QLabel(
            _("An employer file keeps everything about one person's direct-payment employment. "
              "A support service keeps one file for each client.")
        )
        words.setWordWrap(True)
        layout.addWidget(words)
        buttons = QHBoxLayout()
        new_button = QPushButton(_("&New employer file…"))
        new_button.setAccessibleName(_("New employer file"))
        new_button.clicked.connect(window.new_file)
        open_button = QPushButton(_("&Open employer file…"))
        open_button.setAccessibleName(_("Open employer file"))
        open_button.clicked.connect(window.choose_and_open_file)
        buttons.addWidget(new_button)
        buttons.addWidget(open_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        recent = window.settings.recent_files()
        if recent:
            label = QLabel(_("&Recent files (press Enter to open):"))
            self.recent_list = QListWidget()
            self.recent_list.setAccessibleName(_("Recent files"))
            label.setBuddy(self.recent_list)
            for path in recent:
                item = QListWidgetItem(str(path))
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                self.recent_list.addItem(item)
            self.recent_list.itemActivated.connect(
                lambda item: window.open_file(Path(item.data(Qt.ItemDataRole.UserRole)))
            )
            layout.addWidget(label)
            layout.addWidget(self.recent_list)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    file_opened = Signal(object)  # the Path of the file now open
    file_closed = Signal()

    def __init__(self, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or AppSettings()
        self.operations = Operations(self)
        self.operations.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.operations.changed.connect(self._on_changed)
        self._file: Any = None
        self._path: Path | None = None
        self._page_classes: list[type[Page]] = page_classes()
        self._pages: dict[str, Page] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(_("Pages"))
        self.nav.setAccessibleDescription(_("Choose a page with the arrow keys, or press Ctrl and the page's number."))
        self.nav.setSpacing(2)
        self.nav.currentRowChanged.connect(self._show_row)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(8, 8, 8, 8)
        row.setSpacing(12)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.statusBar().setObjectName("statusBar")

        self._build_navigation()
        self._build_menus()
        self._show_welcome()
        self._update_title()
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)

    # ----- what is open
    @property
    def employer_file(self) -> Any:
        return self._file

    @property
    def path(self) -> Path | None:
        return self._path

    def page(self, name: str) -> Page:
        """The page called `name`, made now if it has not been shown yet."""
        for row, page_class in enumerate(self._page_classes):
            if page_class.name == name:
                return self._ensure_page(row)
        raise NotFoundError(_("There is no page called “{name}”. The pages are: {names}.").format(
            name=name, names=", ".join(self.page_names())))

    def page_names(self) -> list[str]:
        return [page_class.name for page_class in self._page_classes]

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def go_to(self, name: str, record_id: Any = None) -> Page:
        page = self.page(name)
        self.nav.setCurrentRow(self.page_names().index(name))
        if record_id is not None:
            page.show_record(record_id)
        return page

    # ----- building
    def _build_navigation(self) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        widest = 0
        for number, page_class in enumerate(self._page_classes, start=1):
            title = page_class.translated_title()
            item = QListWidgetItem(title)
            if number <= 9:
                item.setToolTip(_("Ctrl+{number}").format(number=number))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
            item.setSizeHint(QSize(0, self.nav.fontMetrics().height() * 2))
            self.nav.addItem(item)
            widest = max(widest, self.nav.fontMetrics().horizontalAdvance(title))
        self.nav.setFixedWidth(max(widest + 48, self.nav.fontMetrics().averageCharWidth() * 18))
        self.nav.blockSignals(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("&File"))
        self.action_new = self._action(file_menu, _("&New employer file…"), QKeySequence.StandardKey.New, self.new_file)
        self.action_open = self._action(file_menu, _("&Open…"), QKeySequence.StandardKey.Open, self.choose_and_open_file)
        self.recent_menu = file_menu.addMenu(_("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        self.action_setup = self._action(file_menu, _("&Guided set-up…"), None, self.run_setup_again)
        file_menu.addSeparator()
        self.action_close = self._action(file_menu, _("&Close file"), QKeySequence.StandardKey.Close,
                                         lambda: self.close_file())
        self.action_quit = self._action(file_menu, _("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)

        go_menu = bar.addMenu(_("&Go"))
        self.page_actions: list[QAction] = []
        for number, page_class in enumerate(self._page_classes, start=1):
            shortcut = QKeySequence(f"Ctrl+{number}") if number <= 9 else None
            action = self._action(go_menu, page_class.translated_title(), shortcut,
                                  lambda checked=False, name=page_class.name: self.go_to(name))
            self.page_actions.append(action)
        if "rota" in self.page_names():
            go_menu.addSeparator()
            # No shortcut on the action: the rota page owns F8 and keyPressEvent routes F8 from elsewhere.
            self.action_cant_come = self._action(go_menu, _("My PA &can't come… (F8)"), None, self.cant_come)

        view_menu = bar.addMenu(_("&View"))
        self._action(view_menu, _("&Larger text"), QKeySequence.StandardKey.ZoomIn, lambda: self.change_font_scale(+1))
        self._action(view_menu, _("&Smaller text"), QKeySequence.StandardKey.ZoomOut, lambda: self.change_font_scale(-1))
        self._action(view_menu, _("&Normal text size"), QKeySequence("Ctrl+0"), lambda: self.change_font_scale(0))
        language_menu = view_menu.addMenu(_("L&anguage"))
        group = QActionGroup(self)
        for locale in SUPPORTED_LOCALES:
            action = QAction(LANGUAGE_NAMES[locale], self)
            action.setCheckable(True)
            action.setChecked(locale == current_locale())
            action.triggered.connect(lambda checked=False, loc=locale: self.change_language(loc))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = bar.addMenu(_("&Help"))
        self._action(help_menu, _("&About PA Employer"), None, self.show_about)
        self._update_actions()

    def _action(self, menu, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}  —  {path.parent}")
            action.triggered.connect(lambda checked=False, p=path: self.open_file(p))
        if not files:
            empty = self.recent_menu.addAction(_("No recent files"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(_("Clear the list"))
            clear.triggered.connect(self.settings.clear_recent_files)

    def _update_actions(self) -> None:
        is_open = self._file is not None
        for action in (self.action_close, self.action_setup, *self.page_actions,
                       *([self.action_cant_come] if hasattr(self, "action_cant_come") else [])):
            action.setEnabled(is_open)
        self.nav.setEnabled(is_open)

    # ----- pages
    def _clear_pages(self) -> None:
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages.clear()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()

    def _show_welcome(self) -> None:
        self._clear_pages()
        self.welcome = WelcomeView(self)
        self.stack.addWidget(self.welcome)
        self.stack.setCurrentWidget(self.welcome)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(-1)
        self.nav.blockSignals(False)

    def _context(self) -> AppContext:
        return AppContext(
            file=self._file,
            operations=self.operations,
            settings=self.settings,
            today=clock.today,
            navigate=lambda name, record_id=None: self.go_to(name, record_id),
            status=lambda text: self.statusBar().showMessage(text, 8000),
        )

    def _ensure_page(self, row: int) -> Page:
        page_class = self._page_classes[row]
        page = self._pages.get(page_class.name)
        if page is None:
            if self._file is None:
                raise PAEmployerError(_("Open an employer file first."))
            page = page_class(self._context())
            self._pages[page_class.name] = page
            self.stack.addWidget(page)
            page.refresh()
        return page

    def _show_row(self, row: int) -> None:
        if row < 0 or self._file is None:
            return
        page = self._ensure_page(row)
        self.stack.setCurrentWidget(page)
        page.refresh_if_stale()
        self.statusBar().showMessage(page.translated_title(), 3000)

    def _on_changed(self, names: frozenset[str]) -> None:
        for page in list(self._pages.values()):
            page.on_changed(names)
        if EMPLOYER in names:
            self._update_title()

    def _rebuild(self) -> None:
        """Make the menus and pages again (after a language or text size change), keeping the place.
        Callers settle unsaved typing first."""
        current = self.current_page()
        name = current.name if current is not None else None
        self._build_menus()
        self._build_navigation()
        if self._file is None:
            self._show_welcome()
        else:
            self._clear_pages()
            self.go_to(name or self._page_classes[0].name)
        self._update_title()

    # ----- files
    def _update_title(self) -> None:
        if self._file is None:
            self.setWindowTitle(_("PA Employer"))
            return
        employer = self.operations.read(lambda: records.get_employer(self._file), parent=self)
        name = (getattr(employer, "name", "") or "").strip() or _("employer not named yet")
        self.setWindowTitle(_("{employer} ({file}) — PA Employer").format(employer=name, file=self._path.name))

    def open_file(self, path: Path, *, page: str | None = None, raise_errors: bool = False) -> bool:
        """Open `path`, closing the file open now. A file that cannot be opened leaves things as they were
        (the reason is shown, or raised when `raise_errors`: no dialog for --screenshot)."""
        path = Path(path)
        if self._path is not None and path.resolve() == self._path.resolve():
            return True
        if not self.settle_unsaved_changes():
            return False
        try:
            employer_file = open_employer_file(path)
        except PAEmployerError as error:
            if raise_errors:
                raise
            errors.show_error(self, error)
            return False
        self.close_file(ask=False)
        self._file = employer_file
        self._path = path
        self.settings.add_recent_file(path)
        self._clear_pages()
        self._update_actions()
        self._update_title()
        self.go_to(page or self._page_classes[0].name)
        self.statusBar().showMessage(_("Opened {file}").format(file=path.name), 8000)
        self.file_opened.emit(path)
        return True

    def settle_unsaved_changes(self) -> bool:
        """Before pages are closed: offer to save typing not saved yet. False means "stay"."""
        for page in list(self._pages.values()):
            if not page.has_unsaved_changes():
                continue
            self.go_to(page.name)
            answer = ask_to_save(self, _("details on the “{page}” page").format(page=page.translated_title()))
            if answer == "cancel" or (answer == "save" and not page.save()):
                return False
        return True

    def close_file(self, *, ask: bool = True) -> bool:
        """Close the open file (after offering to save unsaved typing when `ask`); False if the person stays."""
        if self._file is None:
            return True
        if ask and not self.settle_unsaved_changes():
            return False
        self._clear_pages()
        self._file.close()
        self._file = None
        self._path = None
        self._show_welcome()
        self._update_actions()
        self._update_title()
        self.file_closed.emit()
        return True

    def choose_and_open_file(self) -> None:
        start = str(self._path.parent if self._path else user_data_dir())
        chosen, _filter = QFileDialog.getOpenFileName(self, _("Open employer file"), start, file_filter())
        if chosen:
            self.open_file(Path(chosen))

    def new_file(self) -> None:
        from paemployer.ui.setup_wizard import SetupWizard, create_file_from_answers

        wizard = SetupWizard(self, suggested_path=unused_file_name(user_data_dir()))
        if wizard.exec() != SetupWizard.DialogCode.Accepted:
            return
        path = self.operations.run(lambda: create_file_from_answers(wizard.answers()), changes=(), parent=self)
        if path.ok:
            self.open_file(path.value)

    def run_setup_again(self) -> None:
        from paemployer.ui.setup_wizard import SetupWizard, save_answers

        if self._file is None:
            return
        employer = self.operations.read(lambda: records.get_employer(self._file), parent=self)
        wizard = SetupWizard(self, employer=employer, ask_location=False)
        if wizard.exec() == SetupWizard.DialogCode.Accepted:
            self.operations.run(lambda: save_answers(self._file, wizard.answers()), changes={EMPLOYER},
                                parent=self, done=_("Saved the set-up answers."))

    # ----- view
    def change_font_scale(self, step: int) -> None:
        if not self.settle_unsaved_changes():
            return
        scales = list(FONT_SCALES)
        current = self.settings.font_scale()
        position = min(range(len(scales)), key=lambda i: abs(scales[i] - current))
        position = 0 if step == 0 else max(0, min(len(scales) - 1, position + step))
        self.settings.set_font_scale(scales[position])
        from paemployer.ui.appearance import apply_font_scale

        apply_font_scale(QApplication.instance(), scales[position])
        self._rebuild()
        self.statusBar().showMessage(_("Text size {percent}%").format(percent=round(scales[position] * 100)), 5000)

    def change_language(self, locale: str) -> None:
        from paemployer.ui.appearance import install_qt_translations

        if not self.settle_unsaved_changes():
            return
        set_locale(locale)
        self.settings.set_locale(locale)
        install_qt_translations(QApplication.instance(), locale)
        self._rebuild()

    def cant_come(self) -> None:
        """Plan B from anywhere: open the rota on the chosen (or today's) shift and ask who could cover."""
        if self._file is None or "rota" not in self.page_names():
            return
        page = self.go_to("rota")
        page.week_view.setFocus()
        page.cant_come()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # F8 reaches the window only when no page shortcut took it: e.g. focus in the page list or on another page.
        if event.key() == Qt.Key.Key_F8 and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.cant_come()
            event.accept()
            return
        super().keyPressEvent(event)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About PA Employer"),
            _("PA Employer {version}\n\nA free, offline helper for people who employ personal assistants "
              "with a direct payment: records, rota, pay and warnings before a legal duty is missed.").format(
                version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        if not self.settle_unsaved_changes():
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.close_file(ask=False)
        super().closeEvent(event)


def unused_file_name(folder: Path, stem: str = "employer") -> Path:
    """employer.paemployer, or employer-2.paemployer … when that is taken."""
    candidate = folder / f"{stem}{FILE_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{FILE_SUFFIX}"
        number += 1
    return candidate
