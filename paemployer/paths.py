"""Where the app's own files (resources, catalogues) and the user's files live. No Qt."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "PA Employer"
APP_AUTHOR = "paemployer"


def _data_root() -> Path:
    """The folder holding resources/ and i18n/, wherever this copy of the app was installed from."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # a PyInstaller bundle unpacks data beside the executable
        return Path(frozen_root)
    packaged = Path(__file__).resolve().parent / "_data"
    if (packaged / "resources").is_dir():  # a wheel (pip install .) carries them inside the package: setup.py
        return packaged
    return Path(__file__).resolve().parent.parent  # a checkout or an editable install keeps them at the top level


RESOURCES_DIR = _data_root() / "resources"
I18N_DIR = _data_root() / "i18n"


def resource(*parts: str) -> Path:
    """Path of a file under resources/ (rates tables, fonts, icons)."""
    return RESOURCES_DIR.joinpath(*parts)


def user_data_dir() -> Path:
    """The platform's user data folder; PAEMPLOYER_DATA_DIR overrides it (tests, support services)."""
    override = os.environ.get("PAEMPLOYER_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_log_dir() -> Path:
    override = os.environ.get("PAEMPLOYER_DATA_DIR")
    path = Path(override) / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_employer_file() -> Path:
    """The file the app opens when none is named: one employer file in the user data folder."""
    return user_data_dir() / "employer.paemployer"
