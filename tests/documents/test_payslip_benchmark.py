"""benchmarks/payroll.py is not timed here, but it must keep working as the pay code under it changes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "payroll.py"


def test_the_payroll_benchmark_builds_pays_and_prints_two_weeks(tmp_path):
    spec = importlib.util.spec_from_file_location("benchmark_payroll", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "payroll.paemployer"
    assert module.build(path, 2) > 100  # 10 PAs, five shifts a week each and some sleep-ins
    figures = module.measure(path, 2, tmp_path / "payslips")
    assert figures["finalised"] + figures["refused"] == 20
    assert figures["written"] == figures["drawn"] == 20
    assert len(list((tmp_path / "payslips").glob("payslip-*.pdf"))) == 20
