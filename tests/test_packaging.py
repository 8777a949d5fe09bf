"""A user's `pip install .` builds a wheel: it must carry the rates tables, fonts and Welsh catalogue."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # A copy of the source, so a build/ folder left in the checkout cannot stand in for a real build.
    source = shutil.copytree(ROOT, out / "source", ignore=shutil.ignore_patterns(
        ".venv", "build", "dist", "*.egg-info", "__pycache__", ".git", ".hypothesis", "_data"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                   check=True, capture_output=True, cwd=out)
    return next(out.glob("paemployer-*.whl"))


@pytest.mark.slow
def test_the_wheel_carries_every_rates_table_font_and_catalogue(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    needed = [f"paemployer/_data/resources/rates/{p.name}" for p in (ROOT / "resources" / "rates").glob("*.toml")]
    needed += [f"paemployer/_data/resources/fonts/{p.name}" for p in (ROOT / "resources" / "fonts").glob("*.ttf")]
    needed += ["paemployer/_data/i18n/cy/LC_MESSAGES/paemployer.po", "paemployer/store/migrations/script.py.mako"]
    assert [name for name in needed if name not in names] == []


@pytest.mark.slow
def test_an_installed_wheel_finds_its_rates_and_speaks_welsh_away_from_the_checkout(wheel, tmp_path):
    installed = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(installed)
    env = {**os.environ, "PYTHONPATH": str(installed), "PAEMPLOYER_DATA_DIR": str(tmp_path / "data")}
    script = ("import sys; from paemployer.cli import main; import paemployer.paths as p; "
              "print(p.RESOURCES_DIR); sys.exit(main(sys.argv[1:]))")
    args = ["calc", "minimum-wage", "--date-of-birth", "2000-05-01", "--on", "2026-04-06"]
    english = subprocess.run([sys.executable, "-c", script, *args], env=env, cwd=tmp_path,
                             capture_output=True, text=True)
    welsh = subprocess.run([sys.executable, "-c", script, "--locale", "cy", *args], env=env, cwd=tmp_path,
                           capture_output=True, text=True)
    assert english.returncode == 0, english.stderr
    assert english.stdout.splitlines()[0].startswith(str(installed))
    assert welsh.returncode == 0, welsh.stderr
    assert "oed" in welsh.stdout and welsh.stdout != english.stdout


def test_every_declared_dependency_is_in_the_lock():
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    names = {re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].lower().replace("_", "-") for spec in declared}
    lines = (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines()
    locked = {line.split("==")[0].lower().replace("_", "-") for line in lines if "==" in line}
    assert sorted(names - locked) == []
