"""The hours export's rows from a pay run: one per rate set, hours by rate, sleep-ins, leave, sickness, expenses."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from paemployer.rules.pay import (
    Deductions,
    HolidayPay,
    LeaveTaken,
    LineKind,
    PayInputs,
    PayLine,
    PayPeriod,
    PayRun,
    PayTerms,
    SicknessSpell,
)
from paemployer.services.pay.exchange import (
    HOURS_EXPORT_COLUMNS,
    HoursExport,
    _rows_for_run,
)

PERIOD = PayPeriod(start=date(2026, 11, 16), end=date(2026, 11, 22), pay_date=date(2026, 11, 27), frequency="weekly")
OLD = PayTerms(effective_from=date(2026, 4, 6), standard_rate=Decimal("12.71"), weekend_rate=Decimal("15.00"),
               waking_night_rate=Decimal("13.50"), sleep_in_allowance=Decimal("45.00"), hours_type="irregular",
               holiday_pay=HolidayPay.WHEN_TAKEN)
RISE = PayTerms(effective_from=date(2026, 11, 19), standard_rate=Decimal("13.10"), weekend_rate=Decimal("15.00"),
                waking_night_rate=Decimal("13.50"), sleep_in_allowance=Decimal("45.00"), hours_type="irregular")


def _inputs(*terms, leave=(), sickness=(), period=PERIOD):
    return PayInputs(pa_id=1, pa_name="Ann Lee", period=period, nation="england", leave_year_start=date(2026, 4, 1),
                     week_anchor=date(2026, 4, 6), terms=tuple(terms), shifts=(), bank_holidays=frozenset(),
                     leave=tuple(leave), sickness=tuple(sickness))


def _run(*lines, period=PERIOD):
    return PayRun(pa_id=1, pa_name="Ann Lee", period=period, lines=tuple(lines), deductions=Deductions(),
                  minimum_wage=None)


def _line(kind, amount, hours=None, rate=None, description="", keys=()):
    return PayLine(kind=kind, description=description or kind.value, amount=Decimal(amount),
                   hours=Decimal(hours) if hours is not None else None,
                   rate=Decimal(rate) if rate is not None else None, shift_keys=tuple(keys))


def test_one_rate_set_gives_one_row_with_the_hours_at_each_rate():
    run = _run(_line(LineKind.HOURS, "101.68", "8", "12.71"), _line(LineKind.WEEKEND, "60.00", "4", "15.00"),
               _line(LineKind.WAKING_NIGHT, "135.00", "10", "13.50"))
    [row] = _rows_for_run(run, _inputs(OLD), "Ann Lee", "AB123456C")
    assert list(row) == list(HOURS_EXPORT_COLUMNS)
    assert {name: row[name] for name in ("pa", "ni_number", "period_start", "period_end", "pay_date")} == {
        "pa": "Ann Lee", "ni_number": "AB123456C", "period_start": "2026-11-16", "period_end": "2026-11-22",
        "pay_date": "2026-11-27"}
    assert (row["standard_hours"], row["standard_rate"]) == ("8", "12.71")
    assert (row["weekend_hours"], row["weekend_rate"]) == ("4", "15.00")
    assert (row["waking_night_hours"], row["waking_night_rate"]) == ("10", "13.50")
    assert (row["bank_holiday_hours"], row["bank_holiday_rate"]) == ("0", "")
    assert (row["sleep_ins"], row["sleep_in_allowance"], row["sleep_in_woken_hours"]) == ("0", "45.00", "0")
    assert (row["holiday_days"], row["sickness_days"], row["expenses"], row["notes"]) == ("0", "0", "0.00", "")


def test_a_pay_rise_in_the_period_gives_two_rows_each_with_its_own_rates():
    run = _run(_line(LineKind.HOURS, "101.68", "8", "12.71"), _line(LineKind.HOURS, "78.60", "6", "13.10"),
               _line(LineKind.WEEKEND, "60.00", "4", "15.00"))
    first, second = _rows_for_run(run, _inputs(RISE, OLD), "Ann Lee", "AB123456C")
    assert (first["standard_hours"], first["standard_rate"], first["weekend_hours"]) == ("8", "12.71", "4")
    assert (second["standard_hours"], second["standard_rate"], second["weekend_hours"]) == ("6", "13.10", "0")
    assert first["period_end"] == second["period_end"] == "2026-11-22"


def test_terms_changed_in_the_period_with_the_same_rates_are_one_row():
    same_rates = PayTerms(effective_from=date(2026, 11, 19), standard_rate=Decimal("12.71"),
                          weekend_rate=Decimal("15.00"), waking_night_rate=Decimal("13.50"),
                          sleep_in_allowance=Decimal("45.00"), hours_per_week=Decimal(30))
    run = _run(_line(LineKind.HOURS, "177.94", "14", "12.71"))
    rows = _rows_for_run(run, _inputs(OLD, same_rates), "Ann Lee", "")
    assert [row["standard_hours"] for row in rows] == ["14"]


def test_terms_from_before_the_period_are_not_a_rate_set_of_it():
    older = PayTerms(effective_from=date(2025, 4, 6), standard_rate=Decimal("12.21"))
    run = _run(_line(LineKind.HOURS, "101.68", "8", "12.71"))
    [row] = _rows_for_run(run, _inputs(older, OLD), "Ann Lee", "")
    assert row["standard_rate"] == "12.71"


def test_sleep_ins_are_counted_and_woken_time_is_its_own_column():
    run = _run(_line(LineKind.SLEEP_IN, "90.00", rate="45.00", keys=("s1", "s2")),
               _line(LineKind.SLEEP_IN_WOKEN, "19.07", "1.5", "12.71"))
    [row] = _rows_for_run(run, _inputs(OLD), "Ann Lee", "")
    assert (row["sleep_ins"], row["sleep_in_allowance"], row["sleep_in_woken_hours"]) == ("2", "45.00", "1.5")
    assert row["notes"] == ""


def test_woken_time_at_a_weekend_rate_is_said_in_the_notes():
    run = _run(_line(LineKind.SLEEP_IN, "45.00", rate="45.00", keys=("s1",)),
               _line(LineKind.SLEEP_IN_WOKEN, "15.00", "1", "15.00"))
    [row] = _rows_for_run(run, _inputs(OLD), "Ann Lee", "")
    assert row["sleep_in_woken_hours"] == "1"
    assert "1 hour woken on a sleep-in at £15.00 (weekend rate)" in row["notes"]


def test_a_sleep_in_line_without_a_rate_is_counted_by_its_shifts():
    run = _run(_line(LineKind.SLEEP_IN, "90.00", keys=("s1", "s2")))
    terms = PayTerms(effective_from=date(2026, 4, 6), standard_rate=Decimal("12.71"))
    [row] = _rows_for_run(run, _inputs(terms), "Ann Lee", "")
    assert (row["sleep_ins"], row["sleep_in_allowance"]) == ("2", "")


def test_leave_sickness_and_expenses_go_on_the_first_row_only():
    leave = [LeaveTaken(start=date(2026, 11, 17), end=date(2026, 11, 18), hours=Decimal(12), days=Decimal(2))]
    sickness = [SicknessSpell(start=date(2026, 11, 20), end=date(2026, 11, 25))]  # runs past the period end
    run = _run(_line(LineKind.HOURS, "101.68", "8", "12.71"), _line(LineKind.HOURS, "78.60", "6", "13.10"),
               _line(LineKind.HOLIDAY_PAY, "152.52", "12", "12.71"),
               _line(LineKind.EXPENSE, "12.40", description="Bus fares"),
               _line(LineKind.EXPENSE, "3.10", description="Parking"))
    first, second = _rows_for_run(run, _inputs(OLD, RISE, leave=leave, sickness=sickness), "Ann Lee", "")
    assert (first["holiday_days"], first["holiday_hours"], first["sickness_days"], first["expenses"]) == (
        "2", "12", "3", "15.50")
    assert (second["holiday_days"], second["holiday_hours"], second["sickness_days"], second["expenses"]) == (
        "0", "0", "0", "0.00")
    assert "holiday pay worked out by PA Employer: £152.52 for 12 hours" in first["notes"]
    assert second["notes"] == ""


def test_leave_across_the_period_edge_counts_the_share_inside():
    leave = [LeaveTaken(start=date(2026, 11, 20), end=date(2026, 11, 23), days=Decimal(4))]  # Fri to Mon
    [row] = _rows_for_run(_run(), _inputs(OLD, leave=leave), "Ann Lee", "")
    assert (row["holiday_days"], row["holiday_hours"]) == ("3", "")  # 3 of its 4 days; no hours recorded


def test_lines_the_columns_cannot_hold_are_said_in_the_notes_with_their_amounts():
    run = _run(_line(LineKind.HOURS, "101.68", "8", "12.71"),
               _line(LineKind.ROLLED_UP_HOLIDAY_PAY, "12.27",
                     description="Rolled-up holiday pay (12.07% of pay for work)"),
               _line(LineKind.SICK_PAY, "23.90"),
               _line(LineKind.BONUS, "50.00", description="Christmas bonus"),
               _line(LineKind.UNTAKEN_HOLIDAY, "80.00"))
    [row] = _rows_for_run(run, _inputs(OLD), "Ann Lee", "")
    notes = row["notes"]
    for expected in ("Rolled-up holiday pay (12.07% of pay for work): £12.27",
                     "statutory sick pay worked out by PA Employer: £23.90", "Christmas bonus: £50.00",
                     "pay for holiday not taken, on leaving: £80.00"):
        assert expected in notes


def test_a_run_with_nothing_in_it_still_gives_the_pa_a_row_at_the_rates_in_force_at_the_end():
    [row] = _rows_for_run(_run(), _inputs(OLD, RISE), "Ann Lee", "AB123456C")
    assert (row["standard_hours"], row["standard_rate"]) == ("0", "13.10")


def test_the_csv_has_the_header_then_a_line_per_row_and_reads_back_the_same():
    run = _run(_line(LineKind.HOURS, "101.68", "8", "12.71"), _line(LineKind.BONUS, "5.00", description='a "tip", y'))
    rows = _rows_for_run(run, _inputs(OLD), "Dŵr Ŷ Gwyn", "")
    data = HoursExport(period_end=PERIOD.end, rows=tuple(rows)).csv_bytes()
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    read = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert read == rows
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join(HOURS_EXPORT_COLUMNS)
