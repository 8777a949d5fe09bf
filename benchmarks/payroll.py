"""Payroll benchmark: a year of weekly pay for 10 PAs, and a year of their payslips as PDFs.

Builds an employer file with 10 PAs paid weekly (five on fixed hours, five on irregular hours, three of those
with rolled-up holiday pay), a pay rise in October for half of them, and a year of worked shifts from
6 April 2026 (tax year 2026/27): five day shifts a week each with an unpaid break, weekend days at the
weekend rate, a sleep-in a week (woken for half an hour) for the PAs with an allowance, and a week of
annual leave each in the summer. Then times:
  - one period: `pay.build_drafts(ef, period_end)` for the 10 PAs of one week (the drafts built and
    saved again, as the pay screen does when a period is opened); median of several weeks;
  - a year of pay runs: for each of the 52 weekly periods in turn, `pay.finalise_period` (which builds the
    period's drafts, then finalises them), as an employer who pays every week would;
  - a year of payslips: `write_payslips` for each of the 52 periods (520 PDFs written to a folder),
    and separately the PDF drawing alone (`payslip_pdf`), so the cost per payslip is plain.
Aim: one period's runs for 10 PAs under 100 ms; a year of payslips for 10 PAs under 5 s.

Run: python benchmarks/payroll.py [--weeks 52] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time as timer
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from paemployer.services import records
from paemployer.store.db import open_employer_file
from paemployer.store.models import (
    PA,
    Absence,
    AbsenceKind,
    ContractTerms,
    HoursType,
    PayFrequency,
    Shift,
    ShiftKind,
    ShiftStatus,
)

PAS = 10
FIRST_DAY = date(2026, 4, 6)        # the first day of tax year 2026/27 and of the first weekly pay period
FIRST_PERIOD_END = date(2026, 4, 12)
NOW = datetime(2027, 4, 20, 9, 0)   # every period of the year has ended and been paid


def build(path: Path, weeks: int = 52) -> int:
    """An employer file with 10 weekly-paid PAs and `weeks` weeks of worked shifts; returns the shift count."""
    ef = open_employer_file(path, create=True)
    ef.who = "benchmark"
    records.update_employer(ef, name="Eleri Davies", address="12 Heol y Dŵr\nAberystwyth", postcode="SY23 1AA")
    last_day = FIRST_DAY + timedelta(days=7 * weeks - 1)
    with ef.session() as session:
        pas = []
        for number in range(PAS):
            pa = PA(first_name=f"PA{number}", last_name="Payroll", date_of_birth=date(1980 + number, 5, 1 + number),
                    ni_number=f"AB12345{number}C", start_date=date(2026, 1, 5))
            session.add(pa)
            pas.append(pa)
        session.flush()
        for number, pa in enumerate(pas):
            irregular = number >= 5
            terms = dict(pa_id=pa.id, pay_frequency=PayFrequency.WEEKLY,
                         hours_type=HoursType.IRREGULAR if irregular else HoursType.FIXED,
                         hours_per_week=None if irregular else Decimal("37.5"),
                         days_per_week=None if irregular else Decimal("5"),
                         weekend_rate=Decimal("14.50"),
                         sleep_in_allowance=Decimal("50.00") if number % 2 == 0 else None,
                         holiday_pay="rolled_up" if number >= 7 else "when_taken")
            session.add(ContractTerms(effective_from=date(2026, 1, 5), standard_rate=Decimal("12.75"), **terms))
            if number % 2:
                session.add(ContractTerms(effective_from=date(2026, 10, 1), standard_rate=Decimal("13.25"), **terms))
            # A week of leave in the summer.
            leave_start = date(2026, 7, 6) + timedelta(days=7 * number)
            session.add(Absence(pa_id=pa.id, kind=AbsenceKind.ANNUAL_LEAVE, start_date=leave_start,
                                end_date=leave_start + timedelta(days=4), days=Decimal("5")))
        session.flush()
        rows = []
        day = FIRST_DAY
        while day <= last_day:
            for number, pa in enumerate(pas):
                leave_start = date(2026, 7, 6) + timedelta(days=7 * number)
                if leave_start <= day <= leave_start + timedelta(days=4):
                    continue
                if (day.toordinal() + number) % 7 < 5:  # five days a week, a different pattern each
                    start = datetime.combine(day, time(8 + number % 3))
                    rows.append({"pa_id": pa.id, "start": start, "end": start + timedelta(hours=8),
                                 "kind": ShiftKind.DAY.name, "break_minutes": 30, "status": ShiftStatus.WORKED.name,
                                 "woken_minutes": 0, "notes": ""})
                if number % 2 == 0 and day.weekday() == (number // 2) % 7:  # a sleep-in a week
                    start = datetime.combine(day, time(22))
                    rows.append({"pa_id": pa.id, "start": start, "end": start + timedelta(hours=9),
                                 "kind": ShiftKind.SLEEP_IN.name, "break_minutes": 0,
                                 "status": ShiftStatus.WORKED.name, "woken_minutes": 30, "notes": ""})
            day += timedelta(days=1)
        session.execute(insert(Shift), rows)
    ef.close()
    return len(rows)


def period_ends(weeks: int) -> list[date]:
    return [FIRST_PERIOD_END + timedelta(days=7 * week) for week in range(weeks)]


def measure(path: Path, weeks: int = 52, out: Path | None = None) -> dict[str, float]:
    """Times in seconds (per-call figures in milliseconds), and counts."""
    from paemployer.documents.payslip import payslip_pdf
    from paemployer.services import pay
    from paemployer.services.pay.documents import payslip_data, write_payslips

    ends = period_ends(weeks)
    ef = open_employer_file(path)
    try:
        pay.build_drafts(ef, ends[0], now=NOW)  # warm the connection, the caches and the fonts
        samples = []
        for end in ends[:: max(1, len(ends) // 8)]:
            started = timer.perf_counter()
            runs = pay.build_drafts(ef, end, now=NOW)
            samples.append((timer.perf_counter() - started) * 1000)
            assert len(runs) == PAS, (end, len(runs))
        one_period_ms = statistics.median(samples)

        started = timer.perf_counter()
        finalised = refused = 0
        for end in ends:
            done, refusals = pay.finalise_period(ef, end, now=NOW)  # builds the drafts, then finalises them
            finalised += len(done)
            refused += len(refusals)
        year_runs_s = timer.perf_counter() - started

        folder = out or Path(tempfile.mkdtemp(prefix="paemployer-payslips-"))
        started, cpu = timer.perf_counter(), timer.process_time()
        written = 0
        for end in ends:
            written += len(write_payslips(ef, end, folder, force=True, now=NOW))
        year_files_s = timer.perf_counter() - started
        year_files_cpu_s = timer.process_time() - cpu

        runs = [run for end in ends for run in pay.runs_for_period(ef, end)]
        data = payslip_data(ef, runs)
        started, cpu = timer.perf_counter(), timer.process_time()
        size = 0
        for item in data:
            size += len(payslip_pdf(item))
        drawing_s = timer.perf_counter() - started
        drawing_cpu_s = timer.process_time() - cpu
    finally:
        ef.close()
    return {"one_period_ms": one_period_ms, "year_runs_s": year_runs_s, "finalised": finalised, "refused": refused,
            "year_files_s": year_files_s, "year_files_cpu_s": year_files_cpu_s, "written": written,
            "drawing_s": drawing_s, "drawing_cpu_s": drawing_cpu_s, "drawn": len(data), "bytes": size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=52, help="weekly pay periods to build and print (default 52)")
    parser.add_argument("--keep", metavar="DIR", help="build the file and write the payslips in DIR and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="paemployer-bench-") as scratch:
        os.environ.setdefault("PAEMPLOYER_DATA_DIR", str(Path(scratch) / "data"))
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        return run(folder, args.weeks)


def run(folder: Path, weeks: int) -> int:
    path = folder / "payroll.paemployer"
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    started = timer.perf_counter()
    shifts = build(path, weeks)
    built = timer.perf_counter() - started
    print(f"file: {PAS} PAs paid weekly, {weeks} weeks, {shifts} worked shifts (built in {built:.1f} s)")
    figures = measure(path, weeks, folder / "payslips")
    runs = figures["finalised"] + figures["refused"]
    print(f"one period's runs for {PAS} PAs (build_drafts, median)   {figures['one_period_ms']:8.1f} ms")
    print(f"a year of pay runs: {weeks} periods built and finalised  {figures['year_runs_s']:8.2f} s"
          f"  ({figures['year_runs_s'] * 1000 / max(weeks, 1):.1f} ms a period; {figures['finalised']} finalised,"
          f" {figures['refused']} refused)")
    print(f"a year of payslips written: {figures['written']} PDFs        {figures['year_files_s']:8.2f} s"
          f"  ({figures['year_files_s'] * 1000 / max(figures['written'], 1):.1f} ms a payslip;"
          f" CPU {figures['year_files_cpu_s']:.2f} s)")
    print(f"  of which drawing the PDFs alone: {figures['drawn']} PDFs   {figures['drawing_s']:8.2f} s"
          f"  ({figures['drawing_s'] * 1000 / max(figures['drawn'], 1):.1f} ms a payslip,"
          f" {figures['bytes'] / max(figures['drawn'], 1) / 1024:.0f} KiB each; CPU {figures['drawing_cpu_s']:.2f} s)")
    print(f"machine load while measuring (1-minute average): {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"runs per period: {runs / max(weeks, 1):.0f}")

    def verdict(value: float, limit: float, unit: str) -> str:
        return f"{value:.2f} {unit}: {'met' if value < limit else 'NOT met'}"

    print("aim: one period's runs < 100 ms; a year of payslips for 10 PAs < 5 s")
    print(f"  one period's runs        {verdict(figures['one_period_ms'], 100, 'ms')}")
    print(f"  a year of payslips       {verdict(figures['year_files_s'], 5, 's')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
