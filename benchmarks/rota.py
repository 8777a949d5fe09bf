"""Rota benchmark: what a week switch and a year's gaps cost in a file with up to 10 years of shifts.

Builds employer files with 10 PAs and 1, 2, 5 and 10 years of stored shifts (about 6,000 a year:
two PAs round the clock in 3-hour shifts, a few missed, so there are gaps to find) plus each PA's
current pattern, then times:
  - week: `rota.week(ef, day)` (shifts, patterns expanded, gaps, clashes): what switching week costs;
  - week + WTR: the same with the working-time checks (each PA's 17-week reference period read too),
    which the view runs right after drawing each week;
  - view: the real Rota page (offscreen Qt) switching week by PageDown: the grid drawn, then the grid
    plus the working-time checks the page runs as soon as the event loop is free (what a person waits for);
  - year's gaps: `rota.gaps_between(ef, 1 Jan, 1 Jan)` for the latest full year.
Aim: week switch under 50 ms (with the working-time checks too), a year's gaps under 200 ms, and growth
from 1 to 10 years no worse than linear (the queries read only their window through the shift.start
index, so they should stay flat).

Run: python benchmarks/rota.py [--years 1,2,5,10] [--keep DIR] [--no-view]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time as timer
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import insert

from paemployer.services import rota
from paemployer.services.rota.engine import SupportNeedSpec
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, Shift, ShiftKind, ShiftPattern, ShiftStatus

PAS = 10
SLOT_HOURS = 3
PEOPLE = 2
LAST_DAY = date(2026, 12, 31)


def build(path: Path, years: int) -> int:
    """An employer file with `years` years of worked shifts ending on LAST_DAY; returns the shift count."""
    ef = open_employer_file(path, create=True)
    rng = random.Random(years)
    first_day = date(LAST_DAY.year - years + 1, 1, 1)
    with ef.session() as session:
        for number in range(PAS):
            session.add(PA(first_name=f"PA{number}", last_name="Bench"))
        session.flush()
        # Two people needed round the clock: noon to midnight, then midnight to noon, every day.
        rota.replace_needs(session, [SupportNeedSpec(day, start, end, PEOPLE) for day in range(7)
                                      for start, end in ((time(0), time(12)), (time(12), time(0)))])
        rows = []
        day = first_day
        while day <= LAST_DAY:
            for slot in range(24 // SLOT_HOURS):
                start = datetime.combine(day, time(slot * SLOT_HOURS))
                for person in range(PEOPLE):
                    if rng.random() < 0.01:
                        continue  # a missed shift: a gap for the year's search to find
                    pa_id = 1 + (PEOPLE * slot + person + day.toordinal()) % PAS
                    rows.append({"pa_id": pa_id, "start": start, "end": start + timedelta(hours=SLOT_HOURS),
                                 "kind": ShiftKind.DAY.name, "break_minutes": 0,
                                 "status": ShiftStatus.WORKED.name, "woken_minutes": 0, "notes": ""})
            day += timedelta(days=1)
        session.execute(insert(Shift), rows)
        # Each PA also has a current weekly pattern, expanded on the fly in every week shown.
        for number in range(PAS):
            start = datetime.combine(LAST_DAY - timedelta(days=200 + number), time(9))
            session.add(ShiftPattern(pa_id=number + 1, rrule="FREQ=WEEKLY;INTERVAL=2", first_start=start,
                                     first_end=start + timedelta(hours=1), until=LAST_DAY))
    ef.close()
    return len(rows)


def _time(call, repeat: int) -> float:
    """Median milliseconds of `repeat` calls."""
    samples = []
    for _ in range(repeat):
        started = timer.perf_counter()
        call()
        samples.append((timer.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measure(path: Path, years: int) -> tuple[float, float, float]:
    ef = open_employer_file(path)
    rng = random.Random(7)
    span = years * 365 - 7
    days = [LAST_DAY - timedelta(days=rng.randrange(span)) for _ in range(20)]
    rota.week(ef, days[0])  # warm the connection and caches once
    week_ms = statistics.median(_time(lambda d=day: rota.week(ef, d), 3) for day in days)
    wtr_ms = statistics.median(_time(lambda d=day: rota.week(ef, d, working_time=True), 1) for day in days[:8])
    year_start = datetime(LAST_DAY.year, 1, 1)
    gaps_ms = _time(lambda: rota.gaps_between(ef, year_start, datetime(LAST_DAY.year + 1, 1, 1)), 5)
    ef.close()
    return week_ms, wtr_ms, gaps_ms


def measure_view(path: Path, presses: int = 12) -> tuple[float, float]:
    """Median ms of PageDown on the real Rota page: (grid drawn, grid and working-time checks done)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from paemployer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    try:
        if not window.open_file(path, raise_errors=True):
            raise RuntimeError(f"could not open {path}")
        window.show()
        page = window.go_to("rota")
        page.show_week_of(LAST_DAY - timedelta(days=7 * (presses + 30)))
        app.processEvents()
        grid, total = [], []
        for _ in range(presses):
            page.week_view.setFocus()
            started = timer.perf_counter()
            QTest.keyClick(page.week_view, Qt.Key.Key_PageDown)
            drawn = timer.perf_counter()
            app.processEvents()  # the working-time checks queued behind the grid
            done = timer.perf_counter()
            grid.append((drawn - started) * 1000)
            total.append((done - started) * 1000)
        return statistics.median(grid), statistics.median(total)
    finally:
        window.close_file()
        window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="1,2,5,10", help="comma-separated sizes to build (default 1,2,5,10)")
    parser.add_argument("--keep", metavar="DIR", help="build the files in DIR and keep them")
    parser.add_argument("--no-view", action="store_true", help="skip timing the real Rota page (needs PySide6)")
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.years.split(",")]
    with tempfile.TemporaryDirectory(prefix="paemployer-bench-") as folder:
        # The app's own settings (recent files) go to a scratch folder, not the user's.
        os.environ.setdefault("PAEMPLOYER_DATA_DIR", str(Path(folder) / "data"))
        if args.keep:
            Path(args.keep).mkdir(parents=True, exist_ok=True)
            return run(sizes, Path(args.keep), view=not args.no_view)
        return run(sizes, Path(folder), view=not args.no_view)


def run(sizes: list[int], folder: Path, *, view: bool = True) -> int:
    results = []
    views = []
    print(f"{'years':>5} {'shifts':>8} {'build s':>8} {'week ms':>8} {'week+WTR ms':>12} {'year gaps ms':>13}"
          + (f" {'view grid ms':>13} {'view+WTR ms':>12}" if view else ""))
    for years in sizes:
        path = folder / f"rota-{years}y.paemployer"
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        started = timer.perf_counter()
        count = build(path, years)
        built = timer.perf_counter() - started
        week_ms, wtr_ms, gaps_ms = measure(path, years)
        results.append((years, count, week_ms, gaps_ms, wtr_ms))
        line = f"{years:>5} {count:>8} {built:>8.1f} {week_ms:>8.1f} {wtr_ms:>12.1f} {gaps_ms:>13.1f}"
        if view:
            views.append(measure_view(path))
            line += f" {views[-1][0]:>13.1f} {views[-1][1]:>12.1f}"
        print(line, flush=True)
    if len(results) > 1:
        (y0, n0, w0, g0, t0), (y1, n1, w1, g1, t1) = results[0], results[-1]
        growth = (f"growth {y0}y -> {y1}y: shifts x{n1 / n0:.1f}, week x{w1 / w0:.2f}, week+WTR x{t1 / t0:.2f}, "
                  f"year's gaps x{g1 / g0:.2f}")
        if view:
            growth += f", view+WTR x{views[-1][1] / views[0][1]:.2f}"
        print(growth)
    def verdict(worst: float, limit: float) -> str:
        return f"{worst:.1f} ms: {'met' if worst < limit else 'NOT met'}"

    print("aim: week switch < 50 ms, year's gaps < 200 ms (worst size shown)")
    print(f"  week (shifts, gaps, clashes)          {verdict(max(r[2] for r in results), 50)}")
    print(f"  week with the working-time checks     {verdict(max(r[4] for r in results), 50)}")
    if view:
        print(f"  view PageDown, grid drawn             {verdict(max(v[0] for v in views), 50)}")
        print(f"  view PageDown, with working-time      {verdict(max(v[1] for v in views), 50)}")
    print(f"  a year's gaps                         {verdict(max(r[3] for r in results), 200)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
