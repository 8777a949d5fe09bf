"""The layers in DESIGN.md are checked, not hoped for: import-linter runs with the tests."""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "paemployer" / "rules"

CONTRACTS = (
    "Core layers stay free of Qt",
    "Layers point downwards",
    "Rules know nothing of storage or documents",
    "UI imports services only",
    "Rules never read the clock",
)


def test_import_contracts_hold():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([lint, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS:
        assert f"{name} KEPT" in result.stdout, result.stdout
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken" in result.stdout, result.stdout


# Every way Python hands out "now": rules take the day (or moment) they judge as a parameter.
_CLOCK_READS = re.compile(
    r"\b(?:date|datetime)\s*\.\s*(?:today|now|utcnow)\s*\(|\btime\s*\.\s*(?:time|localtime|gmtime)\s*\(")


def test_rules_never_read_the_clock():
    readers = []
    for path in sorted(RULES.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if _CLOCK_READS.search(code):
                readers.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not readers, "rules/ must take today as a parameter, not read the clock:\n" + "\n".join(readers)


def test_the_clock_pattern_finds_what_it_looks_for():
    for line in ("x = date.today()", "datetime.now().date()", "datetime.utcnow()", "time.time()"):
        assert _CLOCK_READS.search(line), line
    for line in ("today: date", "def now_or_later(now):", "clock_time(start)"):
        assert not _CLOCK_READS.search(line), line


# Query builders: a service that needs one has a read that belongs in store/queries.py.
_QUERY_BUILDERS = {"select", "func", "col", "type_coerce", "text", "and_", "or_"}


def test_reads_go_through_named_queries_in_the_store():
    """Outside paemployer/store, nothing builds a query or runs one on a session: each read is a named
    function in store/queries.py (writes stay in the services, through session.add and session.delete)."""
    found = []
    for path in sorted((ROOT / "paemployer").rglob("*.py")):
        if (ROOT / "paemployer" / "store") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"sqlmodel", "sqlalchemy"}:
                found += [f"{path.relative_to(ROOT)}:{node.lineno} imports {alias.name} from {node.module}"
                          for alias in node.names if alias.name in _QUERY_BUILDERS]
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"exec", "execute", "scalar", "scalars", "query"}
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "session"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} runs session.{node.func.attr}(...)")
    assert not found, "Move these reads into named functions in paemployer/store/queries.py:\n" + "\n".join(found)
