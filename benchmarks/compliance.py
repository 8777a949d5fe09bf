"""Warnings benchmark: the time to work out every warning for a day this year, on files of growing size.

Builds employer files with 1, 5 and 10 PAs and 1 and 10 years of history: each PA works five 8-hour
days a week (stored, worked shifts), has a pay rise every April (a new contract terms version), a
refresher course every year, and a weekly pattern going forward; the employer has a support schedule
and cover contacts. Then times `compliance.gather_warnings(ef, on=…)` — every check: records,
minimum wage with look-ahead, working time over the PAs' shifts, rota gaps and clashes, decisions.
Aim: under 200 ms for 10 PAs x 10 years, and close to flat in the years of history (the rota and
working-time checks read only their window of shifts through the shift.start index).

Run: python benchmarks/compliance.py [--pas 1,5,10] [--years 1,10] [--repeat 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time as timer
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from paemployer.services import compliance, rota
from paemployer.services.rota.engine import SupportNeedSpec
from paemployer.store.db import open_employer_file
from paemployer.store.models import (
    PA, ContractTerms, CoverContact, Employer, PensionStatus, Shift, ShiftKind, ShiftPattern, ShiftStatus, Training,
)

ON = date(2026, 11, 24)


def build(path: Path, pas: int, years: int) -> int:
    """An employer file with `pas` PAs and `years` years of history up to ON; returns the shift count."""
    first_day = date(ON.year - years, ON.month, 1)
    ef = open_employer_file(path, create=True)
    with ef.session() as session:
        session.add(Employer(name="Benchmark", el_expiry=ON + timedelta(days=40), pension_duties_start=first_day,
                             declaration_of_compliance_date=first_day + timedelta(days=30)))
        for number in range(3):
            session.add(CoverContact(name=f"Cover {number}", priority=number + 1,
                                     last_confirmed=ON - timedelta(days=60 * (number + 1))))
        rota.replace_needs(session, [SupportNeedSpec(day, time(8), time(20), 1) for day in range(7)])
        pa_rows = []
        for number in range(pas):
            pa = PA(first_name=f"PA{number}", last_name="Bench", date_of_birth=date(1980 + number, 3, 1 + number),
                    start_date=first_day, right_to_work_checked_on=first_day - timedelta(days=7),
                    background_check_declined=(number % 2 == 0), pension_status=PensionStatus.ENROLLED)
            session.add(pa)
            pa_rows.append(pa)
        session.flush()
        rows = []
        for index, pa in enumerate(pa_rows):
            april = date(first_day.year, 4, 1)
            aprils = sum(1 for year in range(first_day.year, ON.year + 1) if first_day < date(year, 4, 1) <= ON)
            rate = Decimal("13.00") - Decimal("0.60") * aprils  # ends at £13.00 an hour this year
            session.add(ContractTerms(pa_id=pa.id, effective_from=first_day, standard_rate=rate,
                                      issued_on=first_day))
            while april <= ON:
                if april > first_day:
                    rate += Decimal("0.60")
                    session.add(ContractTerms(pa_id=pa.id, effective_from=april, standard_rate=rate,
                                              issued_on=april - timedelta(days=20)))
                session.add(Training(pa_id=pa.id, course="Moving and handling", completed_on=april,
                                     expires_on=april + timedelta(days=365 + index)))
                april = date(april.year + 1, 4, 1)
            day = first_day
            while day < ON:
                if (day.weekday() + index) % 7 < 5:
                    start = datetime.combine(day, time(8 + (index % 4)))
                    rows.append({"pa_id": pa.id, "start": start, "end": start + timedelta(hours=8),
                                 "kind": ShiftKind.DAY.name, "break_minutes": 30,
                                 "status": ShiftStatus.WORKED.name, "woken_minutes": 0, "notes": ""})
                day += timedelta(days=1)
            pattern_start = datetime.combine(ON + timedelta(days=(index % 7)), time(8))
            session.add(ShiftPattern(pa_id=pa.id, rrule="FREQ=WEEKLY", first_start=pattern_start,
                                     first_end=pattern_start + timedelta(hours=8), break_minutes=30))
        session.execute(insert(Shift), rows)
    ef.close()
    return len(rows)


def _median_ms(call, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = timer.perf_counter()
        call()
        samples.append((timer.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pas", default="1,5,10")
    parser.add_argument("--years", default="1,10")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the files in this folder and keep them")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="paemployer-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'PAs':>4} {'years':>5} {'shifts':>8} {'warnings':>8} {'median ms':>10}")
    results = {}
    for pas in (int(n) for n in args.pas.split(",")):
        for years in (int(n) for n in args.years.split(",")):
            path = folder / f"bench-{pas}pa-{years}y.paemployer"
            path.unlink(missing_ok=True)
            shifts = build(path, pas, years)
            with open_employer_file(path) as ef:
                warnings = compliance.gather_warnings(ef, on=ON)  # warm-up: rates tables, imports
                ms = _median_ms(lambda: compliance.gather_warnings(ef, on=ON), args.repeat)
            results[(pas, years)] = ms
            print(f"{pas:>4} {years:>5} {shifts:>8} {len(warnings):>8} {ms:>10.1f}")
    largest = results.get((10, 10))
    if largest is not None:
        verdict = "within" if largest < 200 else "OVER"
        print(f"10 PAs x 10 years: {largest:.1f} ms ({verdict} the 200 ms aim)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
