"""The benchmarks are not timed here, but they must keep working as the code under them changes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from paemployer.services import compliance

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rota_benchmark_builds_and_measures_its_smallest_file(tmp_path):
    rota_benchmark = _load("rota")
    path = tmp_path / "rota.paemployer"
    assert rota_benchmark.build(path, 1) > 5000  # 10 PAs round the clock for a year
    week_ms, wtr_ms, gaps_ms = rota_benchmark.measure(path, 1)
    assert min(week_ms, wtr_ms, gaps_ms) > 0


def test_the_compliance_benchmark_builds_a_file_with_warnings(tmp_path):
    compliance_benchmark = _load("compliance")
    path = tmp_path / "compliance.paemployer"
    assert compliance_benchmark.build(path, 1, 1) > 0
    from paemployer.store.db import open_employer_file

    with open_employer_file(path) as ef:
        assert compliance.gather_warnings(ef, on=compliance_benchmark.ON)


def test_the_startup_benchmark_loads():
    assert callable(_load("startup").main)
