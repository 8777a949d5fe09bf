"""The app's own settings (QSettings): window state, recent files, locale, font scale.

Tests and support services that set PAEMPLOYER_DATA_DIR get an INI file in that folder, so they never
read or change a real person's settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from paemployer.paths import APP_AUTHOR, APP_NAME, user_data_dir

MAX_RECENT_FILES = 8
FONT_SCALES = (1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


class AppSettings:
    def __init__(self) -> None:
        if os.environ.get("PAEMPLOYER_DATA_DIR"):
            self._qs = QSettings(str(user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(APP_AUTHOR, APP_NAME)

    def sync(self) -> None:
        self._qs.sync()

    # Recent files, newest first; files that no longer exist are dropped when read.
    def recent_files(self) -> list[Path]:
        value = self._qs.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        paths = [Path(item) for item in (value or [])]
        return [path for path in paths if path.exists()][:MAX_RECENT_FILES]

    def add_recent_file(self, path: Path) -> None:
        path = Path(path).resolve()
        files = [item for item in self.recent_files() if item.resolve() != path]
        files.insert(0, path)
        self._qs.setValue("recent_files", [str(item) for item in files[:MAX_RECENT_FILES]])

    def clear_recent_files(self) -> None:
        self._qs.setValue("recent_files", [])

    def locale(self) -> str | None:
        value = self._qs.value("locale", "")
        return str(value) or None

    def set_locale(self, locale: str) -> None:
        self._qs.setValue("locale", locale)

    def font_scale(self) -> float:
        try:
            value = float(self._qs.value("font_scale", 1.0))
        except (TypeError, ValueError):
            return 1.0
        return min(max(value, FONT_SCALES[0]), FONT_SCALES[-1])

    def set_font_scale(self, scale: float) -> None:
        self._qs.setValue("font_scale", float(scale))

    def window_geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)
