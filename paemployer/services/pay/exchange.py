"""What a payroll service exchanges with the app: the hours export it is sent, and the payslips it sends back.

The hours export (docs/payroll-service-export.md) is one CSV row per PA per pay period per rate set, built
from the same pay runs as the pay screen (services.pay.build_drafts), so the two never disagree: a pay rise
in the middle of a period gives the PA two rows, each with the rates in force and the hours paid at them.

The payslips import takes the service's figures back (`pa,period_start,period_end,pay_date,gross,tax,
employee_ni,employee_pension,net,employer_ni,employer_pension,hours_paid`, and optionally
`other_deductions`): every row is checked before anything is stored (the PA by name, the period is the PA's
pay period, gross less deductions is net to the penny), then each payslip is stored as a finalised run from
the service and checked like the app's own: the minimum wage on the pay made, and what differs from the rota.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from paemployer import clock
from paemployer.errors import FileFormatError, PAEmployerError, ValidationError
from paemployer.i18n import N_, _, format_date, hours_text
from paemployer.labels import pay_frequency_label
from paemployer.rules.money import ZERO, decimal_str, money_str, rate_str
from paemployer.rules.pay import (
    Deductions,
    LineKind,
    MinimumWageResult,
    PayInputs,
    PayLine,
    PayPeriod,
    PayRun,
    PayTerms,
    RunSource,
    RunStatus,
    build_pay_run,
    check_imported,
)
from paemployer.services import pay
from paemployer.services.importer import (
    CsvRowsError,
    ImportResult,
    RowProblem,
    decimal_separator_of,
    kind_for_header,
    read_csv,
    register_csv_kind,
)
from paemployer.services.output import write_output
from paemployer.services.records.validation import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    parse_date_text,
    to_money,
)
from paemployer.store import queries
from paemployer.store.db import EmployerFile

# --- the hours export --------------------------------------------------------------------------------------

HOURS_EXPORT_COLUMNS = (
    "pa", "ni_number", "period_start", "period_end", "pay_date",
    "standard_hours", "standard_rate", "waking_night_hours", "waking_night_rate", "weekend_hours", "weekend_rate",
    "bank_holiday_hours", "bank_holiday_rate", "sleep_ins", "sleep_in_allowance", "sleep_in_woken_hours",
    "holiday_days", "holiday_hours", "sickness_days", "expenses", "notes",
)
# A rate set: the rates of one version of the contract terms, in the export's column names.
_RATE_FIELDS = ("standard_rate", "waking_night_rate", "weekend_rate", "bank_holiday_rate", "sleep_in_allowance")
_RATE_OF_KIND = {LineKind.HOURS: "standard_rate", LineKind.WAKING_NIGHT: "waking_night_rate",
                 LineKind.WEEKEND: "weekend_rate", LineKind.BANK_HOLIDAY: "bank_holiday_rate"}
_HOURS_COLUMN_OF_KIND = {LineKind.HOURS: "standard_hours", LineKind.WAKING_NIGHT: "waking_night_hours",
                         LineKind.WEEKEND: "weekend_hours", LineKind.BANK_HOLIDAY: "bank_holiday_hours"}
# Woken time on a sleep-in is paid at the highest rate applying that day other than the waking-night rate.
_WOKEN_RATE_FIELDS = ("standard_rate", "weekend_rate", "bank_holiday_rate")
_WOKEN_RATE_WORDS = {"standard_rate": N_("standard rate"), "weekend_rate": N_("weekend rate"),
                     "bank_holiday_rate": N_("bank holiday rate")}
DAYS_PLACES = Decimal("0.01")  # days of leave split across two periods: to 2 places, half up (display only)


@dataclass(frozen=True)
class HoursExport:
    """The export for one period end: its rows (column -> text) and sentences for the employer to read before
    sending it (planned shifts not yet confirmed, a PA without an NI number)."""

    period_end: date
    rows: tuple[dict[str, str], ...]
    warnings: tuple[str, ...] = ()

    def csv_bytes(self) -> bytes:
        """The CSV as written: UTF-8 with the byte-order mark Excel's "CSV UTF-8" has, a header row first."""
        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, fieldnames=HOURS_EXPORT_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return text.getvalue().encode("utf-8-sig")


def _rates(terms: PayTerms | None) -> tuple[Decimal | None, ...]:
    return tuple(getattr(terms, name) if terms is not None else None for name in _RATE_FIELDS)


def _rate_sets(inputs: PayInputs) -> list[dict[str, Decimal | None]]:
    """The rates of each version of the terms in force at some time in the period, oldest first, each set
    once (a change of hours alone is not a new rate set)."""
    versions = sorted(inputs.terms, key=lambda terms: terms.effective_from)
    before = [terms for terms in versions if terms.effective_from <= inputs.period.start]
    during = [terms for terms in versions if inputs.period.start < terms.effective_from <= inputs.period.end]
    chosen = before[-1:] + during or versions[:1]
    sets: list[tuple[Decimal | None, ...]] = []
    for terms in chosen or [None]:
        rates = _rates(terms)
        if rates not in sets:
            sets.append(rates)
    return [dict(zip(_RATE_FIELDS, rates, strict=True)) for rates in sets]


def _days_in(first: date, last: date, period: PayPeriod) -> int:
    return max(0, (min(last, period.end) - max(first, period.start)).days + 1)


def _leave_in_period(inputs: PayInputs) -> tuple[Decimal, Decimal | None]:
    """Days of annual leave in the period, and its hours where each leave records them. Leave across the
    period's edge counts the share of its recorded days that falls inside (calendar days when none are)."""
    days, hours, hours_known = ZERO, ZERO, True
    for leave in inputs.leave:
        inside = _days_in(leave.start, leave.end, inputs.period)
        if not inside:
            continue
        whole = (leave.end - leave.start).days + 1
        share = Decimal(inside) / Decimal(whole)
        days += (leave.days * share if leave.days is not None else Decimal(inside))
        if leave.hours is None:
            hours_known = False
        else:
            hours += leave.hours * share
    rounded = days.quantize(DAYS_PLACES, rounding=ROUND_HALF_UP)
    return rounded, (hours.quantize(DAYS_PLACES, rounding=ROUND_HALF_UP) if hours_known else None)


def _sickness_days(inputs: PayInputs) -> int:
    return sum(_days_in(spell.start, spell.end, inputs.period) for spell in inputs.sickness)


def _pounds(amount: Decimal) -> str:
    return "£" + money_str(amount)


def _find_set(sets: Sequence[Mapping[str, Decimal | None]], names: Sequence[str], rate: Decimal | None) -> int | None:
    """The first rate set with `rate` in one of `names`."""
    if rate is None:
        return None
    for index, rates in enumerate(sets):
        if any(rates[name] is not None and rates[name] == rate for name in names):
            return index
    return None


def _sleep_ins(line: PayLine, allowance: Decimal | None) -> int:
    """How many sleep-ins a SLEEP_IN line pays for: its amount over the allowance, else its shifts."""
    rate = line.rate if line.rate is not None else allowance
    if rate:
        count = line.amount / rate
        if count == count.to_integral_value():
            return int(count)
    return len(line.shift_keys)


def _rows_for_run(run: PayRun, inputs: PayInputs, pa_cell: str, ni_number: str) -> list[dict[str, str]]:
    sets = _rate_sets(inputs)
    hours = [{column: ZERO for column in (*_HOURS_COLUMN_OF_KIND.values(), "sleep_in_woken_hours")}
             for _set in sets]
    sleep_ins = [0 for _set in sets]
    notes: list[list[str]] = [[] for _set in sets]
    used = [False for _set in sets]
    extras: list[str] = []  # not tied to a rate set: on the PA's first row
    expenses = ZERO
    holiday_line_hours: Decimal | None = None
    for line in run.lines:
        kind = line.kind
        if kind in _RATE_OF_KIND:
            index = _find_set(sets, (_RATE_OF_KIND[kind],), line.rate)
            if index is None:
                index = 0
                notes[0].append(_("{hours} at £{rate} ({what}), a rate not in the contract terms").format(
                    hours=hours_text(line.hours or ZERO), rate=rate_str(line.rate or ZERO),
                    what=line.description))
            else:
                hours[index][_HOURS_COLUMN_OF_KIND[kind]] += line.hours or ZERO
            used[index] = True
        elif kind is LineKind.SLEEP_IN:
            index = _find_set(sets, ("sleep_in_allowance",), line.rate)
            if index is None:
                index = next((i for i, rates in enumerate(sets) if rates["sleep_in_allowance"]), 0)
            sleep_ins[index] += _sleep_ins(line, sets[index]["sleep_in_allowance"])
            used[index] = True
        elif kind is LineKind.SLEEP_IN_WOKEN:
            index = _find_set(sets, _WOKEN_RATE_FIELDS, line.rate)
            index = 0 if index is None else index
            hours[index]["sleep_in_woken_hours"] += line.hours or ZERO
            used[index] = True
            if line.rate is not None and line.rate != sets[index]["standard_rate"]:
                which = next((name for name in _WOKEN_RATE_FIELDS if sets[index][name] == line.rate), None)
                notes[index].append(_("{hours} woken on a sleep-in at £{rate} ({what})").format(
                    hours=hours_text(line.hours or ZERO), rate=rate_str(line.rate),
                    what=_(_WOKEN_RATE_WORDS[which]) if which else line.description))
        elif kind is LineKind.EXPENSE:
            expenses += line.amount
        elif kind is LineKind.HOLIDAY_PAY:
            holiday_line_hours = (holiday_line_hours or ZERO) + (line.hours or ZERO)
            extras.append(_("holiday pay worked out by PA Employer: {amount} for {hours}").format(
                amount=_pounds(line.amount), hours=hours_text(line.hours or ZERO)))
        elif kind is LineKind.ROLLED_UP_HOLIDAY_PAY:
            # The line's own words carry the percentage from the rates table (WTR 1998 reg 16A).
            extras.append(_("{what}: {amount}").format(what=line.description, amount=_pounds(line.amount)))
        elif kind is LineKind.UNTAKEN_HOLIDAY:
            extras.append(_("pay for holiday not taken, on leaving: {amount}").format(amount=_pounds(line.amount)))
        elif kind is LineKind.SICK_PAY:
            extras.append(_("statutory sick pay worked out by PA Employer: {amount}").format(
                amount=_pounds(line.amount)))
        else:  # bonus, back pay, statutory family pay, other lines the employer added
            extras.append(_("{what}: {amount}").format(what=line.description, amount=_pounds(line.amount)))
    leave_days, leave_hours = _leave_in_period(inputs)
    sickness_days = _sickness_days(inputs)
    shown = [index for index, was_used in enumerate(used) if was_used] or [len(sets) - 1]
    rows = []
    for number, index in enumerate(shown):
        rates = sets[index]
        first = number == 0
        holiday_hours = (holiday_line_hours if holiday_line_hours is not None else leave_hours) if first else ZERO
        rows.append({
            "pa": pa_cell, "ni_number": ni_number, "period_start": run.period.start.isoformat(),
            "period_end": run.period.end.isoformat(), "pay_date": run.period.pay_date.isoformat(),
            "standard_hours": decimal_str(hours[index]["standard_hours"]),
            "standard_rate": _rate_text(rates["standard_rate"]),
            "waking_night_hours": decimal_str(hours[index]["waking_night_hours"]),
            "waking_night_rate": _rate_text(rates["waking_night_rate"]),
            "weekend_hours": decimal_str(hours[index]["weekend_hours"]),
            "weekend_rate": _rate_text(rates["weekend_rate"]),
            "bank_holiday_hours": decimal_str(hours[index]["bank_holiday_hours"]),
            "bank_holiday_rate": _rate_text(rates["bank_holiday_rate"]),
            "sleep_ins": str(sleep_ins[index]),
            "sleep_in_allowance": _rate_text(rates["sleep_in_allowance"]),
            "sleep_in_woken_hours": decimal_str(hours[index]["sleep_in_woken_hours"]),
            "holiday_days": decimal_str(leave_days) if first else "0",
            "holiday_hours": decimal_str(holiday_hours) if holiday_hours is not None else "",
            "sickness_days": str(sickness_days) if first else "0",
            "expenses": money_str(expenses) if first else "0.00",
            "notes": "; ".join(notes[index] + (extras if first else [])),
        })
    return rows


_TEXT_COLUMNS = ("pa", "notes")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _no_formula(row: dict[str, str]) -> dict[str, str]:
    """Text a person typed (a name, a line's description) never opens as a spreadsheet formula: a cell starting
    with = + - @ gets an apostrophe in front, as spreadsheets themselves mark text (OWASP's CSV injection advice)."""
    return row | {column: "'" + row[column] for column in _TEXT_COLUMNS if row[column].startswith(_FORMULA_START)}


def _rate_text(rate: Decimal | None) -> str:
    return rate_str(rate) if rate is not None else ""


def _named_for_files(pas: Sequence[Any]) -> dict[int, str]:
    """Each PA's name as the export writes it and the payslips import reads it: the full name, with the date of
    birth in brackets when two PAs share it ("Ann Lee (born 1990-12-13)")."""
    counts: dict[str, int] = {}
    for pa in pas:
        counts[pa.full_name.casefold()] = counts.get(pa.full_name.casefold(), 0) + 1
    named = {}
    for pa in pas:
        shared = counts[pa.full_name.casefold()] > 1 and pa.date_of_birth is not None
        named[pa.id] = (_("{name} (born {date})").format(name=pa.full_name, date=pa.date_of_birth.isoformat())
                        if shared else pa.full_name)
    return named


def _all_pas(ef: EmployerFile) -> list[Any]:
    from paemployer.services.values import frozen_all

    with ef.session() as session:
        return frozen_all(queries.all_pas(session=session))


def hours_export(ef: EmployerFile, period_end: date, *, now: datetime | None = None) -> HoursExport:
    """The hours export for every PA whose pay period ends on `period_end`, from the pay runs the pay screen
    shows (drafts built or rebuilt now; approved and finalised runs as stored)."""
    now = now or clock.now()
    runs = pay.build_drafts(ef, period_end, now=now)
    if not runs:
        raise ValidationError(
            _("No PA is paid for a period ending on {date}, so there are no hours to export. Choose the last "
              "day of a pay period.").format(date=format_date(period_end)),
            field="period_end", message_id="hours_export_no_period")
    pas = {pa.id: pa for pa in _all_pas(ef)}
    names = _named_for_files(list(pas.values()))
    rows: list[dict[str, str]] = []
    warnings: list[str] = []
    for run in sorted(runs, key=lambda run: (run.pa_name.casefold(), run.pa_id)):
        inputs = pay.inputs_for(ef, run.pa_id, run.period, now=now)
        if run.source is RunSource.IMPORTED and not run.lines:  # the service's payslip: its hours from the rota
            run = replace(build_pay_run(inputs), run_id=run.run_id)
        pa = pas.get(run.pa_id)
        ni_number = pa.ni_number if pa is not None else ""
        rows += [_no_formula(row) for row in _rows_for_run(run, inputs, names.get(run.pa_id, run.pa_name),
                                                            ni_number or "")]
        for note in run.notes:
            warnings.append(_("{name}: {note}").format(name=run.pa_name, note=note))
        if not ni_number:
            warnings.append(_("{name} has no National Insurance number in the file: the payroll service needs it. "
                              "Add it on the PA's page.").format(name=run.pa_name))
    return HoursExport(period_end=period_end, rows=tuple(rows), warnings=tuple(warnings))


def hours_export_rows(ef: EmployerFile, period_end: date, *, now: datetime | None = None) -> list[dict[str, str]]:
    """The rows of the hours export (column name -> text), one per PA per rate set."""
    return list(hours_export(ef, period_end, now=now).rows)


def save_hours_export(export: HoursExport, out: Path | str, *, force: bool = False) -> Path:
    """Write an hours export whole or not at all; an existing file is replaced only with `force`, and an
    employer file never."""
    return write_output(out, export.csv_bytes(), replace=force)


def write_hours_export(ef: EmployerFile, period_end: date, out: Path | str, *, force: bool = False,
                       now: datetime | None = None) -> Path:
    """Write the hours export for the period ending `period_end` to `out` (see docs/payroll-service-export.md)."""
    return save_hours_export(hours_export(ef, period_end, now=now), out, force=force)


# --- the payslips import -------------------------------------------------------------------------------------

PAYSLIP_COLUMNS = ("pa", "period_start", "period_end", "pay_date", "gross", "tax", "employee_ni",
                   "employee_pension", "net", "employer_ni", "employer_pension", "hours_paid")
PAYSLIP_OPTIONAL_COLUMNS = ("other_deductions",)  # a student loan, an attachment of earnings: any other deduction
PAYSLIPS_DESCRIPTION = N_("payslips")
_MONEY_COLUMNS = ("gross", "tax", "employee_ni", "employee_pension", "net", "employer_ni", "employer_pension",
                  "other_deductions")
_REQUIRED_MONEY = ("gross", "net")  # the others may be empty on a payslip without them: none
_DEDUCTION_COLUMNS = ("tax", "employee_ni", "employee_pension", "other_deductions")
_COLUMN_WORDS = {"gross": N_("gross pay"), "tax": N_("tax"), "employee_ni": N_("employee's National Insurance"),
                 "employee_pension": N_("employee's pension"), "net": N_("net pay"),
                 "employer_ni": N_("employer's National Insurance"),
                 "employer_pension": N_("employer's pension"), "other_deductions": N_("other deductions"),
                 "hours_paid": N_("hours paid")}
_DIFFERENCE_WORDS = {"gross": N_("gross pay"), "hours_paid": N_("hours paid"), "holiday_pay": N_("holiday pay"),
                     "sick_pay": N_("sick pay")}
_HOURS_ITEMS = frozenset({"hours_paid"})
PENNY = Decimal("0.01")
# "Ann Lee (born 1990-12-13)": a name, then a date in brackets after a word in any language (or none).
_NAME_AND_BIRTH = re.compile(r"(.*?)\s*\(\s*[^\d()]*?\s*([0-9][0-9./-]*[0-9])\s*\)\s*")


@dataclass(frozen=True)
class PayslipCheck:
    """One imported payslip, checked: the minimum wage on the pay made, and each figure that differs from what
    the rota says (`differences`, rules.pay.Difference: item, expected from the rota, received)."""

    line: int
    pa_id: int
    pa_name: str
    period: PayPeriod
    outcome: str                      # added | already_there | replaced
    minimum_wage: MinimumWageResult | None
    differences: tuple[Any, ...] = ()
    holiday_pay_below_average: bool = False

    @property
    def underpaid(self) -> bool:
        """Below the minimum wage for the period's hours (the figures in `minimum_wage`)."""
        return self.minimum_wage is not None and self.minimum_wage.shortfall > ZERO

    def sentences(self) -> list[str]:
        """What the check found, for a person: the minimum-wage verdict, then each difference on its line."""
        heading = _("{name}, {start} to {end}:").format(
            name=self.pa_name, start=format_date(self.period.start), end=format_date(self.period.end))
        result = self.minimum_wage
        if result is None:
            verdict = _("the minimum wage could not be checked.")
        elif result.rate is None:
            verdict = result.note or _("no minimum wage applies.")
        elif self.underpaid:
            verdict = _("UNDERPAID: {shortfall} below the minimum wage ({band}, £{rate} an hour): {pay} counts as pay "
                        "for {hours} worked, and at least {required} is due.").format(
                shortfall=_pounds(result.shortfall), band=result.band, rate=rate_str(result.rate),
                pay=_pounds(result.pay_counted), hours=hours_text(result.hours_counted),
                required=_pounds(result.required))
        else:
            verdict = _("minimum wage met ({band}, £{rate} an hour): {pay} counts as pay for {hours} worked; at "
                        "least {required} is due.").format(
                band=result.band, rate=rate_str(result.rate), pay=_pounds(result.pay_counted),
                hours=hours_text(result.hours_counted), required=_pounds(result.required))
        lines = [f"{heading} {verdict}"]
        if result is not None and result.note and result.rate is not None:
            lines.append("  " + result.note)
        if self.underpaid:
            lines.append("  " + _("Tell the payroll service, so that the shortfall is paid as back pay in the next pay "
                                  "run."))
        if result is not None and result.earlier_arrears > ZERO:
            lines.append("  " + _("Earlier periods still owe {amount} of minimum-wage arrears, at today's rate.").format(
                amount=_pounds(result.earlier_arrears)))
        for difference in self.differences:
            lines.append("  " + _difference_sentence(difference))
        if self.holiday_pay_below_average:
            lines.append("  " + _("Holiday pay on this payslip is below the 52-week average pay for an hour: ask the "
                                  "payroll service how it was worked out."))
        return lines


def _difference_sentence(difference: Any) -> str:
    item = difference.item
    words = _(_DIFFERENCE_WORDS[item]) if item in _DIFFERENCE_WORDS else item.replace("_", " ")
    words = words[:1].upper() + words[1:]  # it starts the sentence
    if item in _HOURS_ITEMS:
        expected, received = hours_text(difference.expected), hours_text(difference.received)
        gap = hours_text(abs(difference.received - difference.expected))
    else:
        expected, received = _pounds(difference.expected), _pounds(difference.received)
        gap = _pounds(abs(difference.received - difference.expected))
    template = (_("{what}: the rota says {expected}, the payslip says {received} ({gap} more).")
                if difference.received > difference.expected else
                _("{what}: the rota says {expected}, the payslip says {received} ({gap} less)."))
    return template.format(what=words, expected=expected, received=received, gap=gap)


@dataclass(frozen=True)
class PayslipImportResult(ImportResult):
    """An import's counts and notes, and each payslip's check, in the file's order."""

    checks: tuple[PayslipCheck, ...] = field(default=())

    @property
    def underpaid(self) -> tuple[PayslipCheck, ...]:
        return tuple(check for check in self.checks if check.underpaid)


@dataclass(frozen=True)
class _PayslipRow:
    line: int
    pa_id: int
    pa_name: str
    period: PayPeriod
    money: dict[str, Decimal]
    hours_paid: Decimal | None


def _cell(row: Mapping[str, str], column: str) -> str:
    return (row.get(column) or "").strip()


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _shown(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _born(pa: Any) -> str:
    if pa.date_of_birth is None:
        return _("{name} (no date of birth recorded)").format(name=pa.full_name)
    return _("{name} (born {date})").format(name=pa.full_name, date=pa.date_of_birth.isoformat())


def _pa_for(text: str, pas: Sequence[Any]) -> tuple[Any | None, str | None]:
    """The PA a cell names (full name or known-as, any case; "Ann Lee (born 1990-12-13)" for namesakes), or
    why not."""
    wanted, born = _name_key(text), None
    match = _NAME_AND_BIRTH.fullmatch(text)
    if match and parse_date_text(match.group(2)) is not None:
        born = parse_date_text(match.group(2))
        wanted = _name_key(match.group(1))
    if not wanted:
        return None, _("the PA's name is missing. Write it as recorded in the app.")
    named = [pa for pa in pas if wanted in (_name_key(pa.full_name), _name_key(pa.known_as or ""))]
    matches = [pa for pa in named if born is None or pa.date_of_birth == born]
    if len(matches) == 1:
        return matches[0], None
    if not named:
        return None, _("no PA called '{name}' (use the full name as recorded in the app).").format(name=_shown(text))
    listed = ", ".join(sorted(_born(pa) for pa in named))
    if not matches:
        return None, _("no PA called '{name}' has that date of birth. The PAs of that name are: {pas}.").format(
            name=_shown(text), pas=listed)
    return None, _("more than one PA is called '{name}': {pas}. Write the name with the date of birth in "
                   "brackets, as in this list.").format(name=_shown(text), pas=listed)


def _date_cell(row: Mapping[str, str], column: str, line: int, problems: list[RowProblem]) -> date | None:
    text = _cell(row, column)
    day = parse_date_text(text) if text else None
    if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        problems.append(RowProblem(line, column, (
            _("the date is missing. Write it as day/month/year, like 05/12/2026, or as 2026-12-05.") if not text
            else _("'{value}' is not a date. Write it as day/month/year, like 05/12/2026, or as 2026-12-05.").format(
                value=_shown(text, 40)))))
        return None
    return day


def _money_cell(row: Mapping[str, str], column: str, line: int, problems: list[RowProblem]) -> Decimal | None:
    text = _cell(row, column)
    words = _(_COLUMN_WORDS[column])
    if not text:
        if column in _REQUIRED_MONEY:
            problems.append(RowProblem(line, column, _("the {what} is missing: copy it from the payslip.").format(
                what=words)))
            return None
        return ZERO
    try:
        amount = to_money(text, field=column, decimal_separator=decimal_separator_of(row))
    except ValidationError as error:
        problems.append(RowProblem(line, column, error.message))
        return None
    assert amount is not None
    if amount != amount.quantize(PENNY):
        problems.append(RowProblem(line, column, _("{value} is not pounds and pence: a payslip's {what} is to the "
                                                   "penny, like 123.45.").format(value=_shown(text, 40), what=words)))
        return None
    if amount < 0 and column != "tax":  # only tax is given back (a refund) on a payslip
        problems.append(RowProblem(line, column, _("the {what} cannot be less than zero. Copy it from the "
                                                   "payslip.").format(what=words)))
        return None
    return amount


def _hours_cell(row: Mapping[str, str], line: int, period: PayPeriod | None,
                problems: list[RowProblem]) -> Decimal | None:
    text = _cell(row, "hours_paid")
    if not text:
        return None  # a payslip that does not say: the check counts the rota's hours
    try:
        hours = to_money(text, field="hours_paid", decimal_separator=decimal_separator_of(row))
    except ValidationError as error:
        problems.append(RowProblem(line, "hours_paid", error.message))
        return None
    assert hours is not None
    most = Decimal(24 * (period.days if period is not None else 31))
    if hours < 0 or hours > most:
        problems.append(RowProblem(line, "hours_paid", _(
            "{hours} hours cannot be paid in this period: it has at most {most} hours. Check the number.").format(
                hours=_shown(text, 40), most=decimal_str(most))))
        return None
    return hours


def _parse_rows(ef: EmployerFile, rows: Sequence[Mapping[Any, str]]) -> list[_PayslipRow]:
    pas = _all_pas(ef)
    problems: list[RowProblem] = []
    parsed: list[_PayslipRow] = []
    seen: dict[tuple[int, date], int] = {}
    for index, row in enumerate(rows):
        line = getattr(row, "line", index + 2)
        if None in row:
            problems.append(RowProblem(line, None, _("this row has more cells than the header. Remove the extra "
                                                     "cells.")))
            continue
        before = len(problems)
        pa, why = _pa_for(_cell(row, "pa"), pas)
        if why is not None:
            problems.append(RowProblem(line, "pa", why))
        start = _date_cell(row, "period_start", line, problems)
        end = _date_cell(row, "period_end", line, problems)
        pay_date = _date_cell(row, "pay_date", line, problems)
        money = {column: _money_cell(row, column, line, problems) for column in _MONEY_COLUMNS}
        period = None
        if pa is not None and start is not None and end is not None:
            period = _period_of(ef, pa, start, end, line, problems)
        hours_paid = _hours_cell(row, line, period, problems)
        if len(problems) > before or pa is None or period is None or pay_date is None:
            continue
        amounts = {column: amount for column, amount in money.items() if amount is not None}
        deductions = sum((amounts[column] for column in _DEDUCTION_COLUMNS), ZERO)
        if amounts["gross"] - deductions != amounts["net"]:
            problems.append(RowProblem(line, "net", _net_problem(amounts, deductions)))
            continue
        key = (pa.id, period.end)
        if key in seen:
            problems.append(RowProblem(line, "period_end", _(
                "{name}'s payslip for the period ending {date} is also on line {line}. Keep one of the rows.").format(
                    name=pa.full_name, date=format_date(period.end), line=seen[key])))
            continue
        seen[key] = line
        parsed.append(_PayslipRow(line=line, pa_id=pa.id, pa_name=pa.full_name,
                                  period=replace(period, pay_date=pay_date), money=amounts, hours_paid=hours_paid))
    if problems:
        raise CsvRowsError(problems, description=PAYSLIPS_DESCRIPTION)
    return parsed


def _net_problem(amounts: Mapping[str, Decimal], deductions: Decimal) -> str:
    taken = " − ".join(_("{what} {amount}").format(what=_(_COLUMN_WORDS[column]), amount=_pounds(amounts[column]))
                       for column in _DEDUCTION_COLUMNS if amounts[column] or column == "tax")
    worked_out = amounts["gross"] - deductions
    return _("the figures do not add up: gross pay {gross} − {taken} = {worked_out}, but the net pay is {net} "
             "({gap} apart). Check them against the payslip; if it has another deduction (a student loan, for "
             "example), add an other_deductions column with it.").format(
        gross=_pounds(amounts["gross"]), taken=taken, worked_out=_pounds(worked_out), net=_pounds(amounts["net"]),
        gap=_pounds(abs(worked_out - amounts["net"])))


def _period_of(ef: EmployerFile, pa: Any, start: date, end: date, line: int,
               problems: list[RowProblem]) -> PayPeriod | None:
    """The PA's pay period ending on `end`, when it starts on `start`; otherwise the row's problem."""
    if end < start:
        problems.append(RowProblem(line, "period_end", _("the period ends on {end}, before it starts on {start}. "
                                                         "Check both dates.").format(
            end=format_date(end), start=format_date(start))))
        return None
    try:
        period = pay.period_for(ef, pa.id, end)
    except ValidationError as error:
        problems.append(RowProblem(line, "period_end", _("{date} is not the last day of one of {name}'s pay periods. "
                                                         "{reason}").format(
            date=format_date(end), name=pa.full_name, reason=error.message)))
        return None
    if period.start != start:
        problems.append(RowProblem(line, "period_start", _(
            "{name} is paid {frequency}: the pay period ending {end} starts on {start}, not {given}. Check the "
            "dates with the payroll service, or {name}'s pay frequency in the app.").format(
                name=pa.full_name, frequency=pay_frequency_label(period.frequency).lower(), end=format_date(period.end),
                start=format_date(period.start), given=format_date(start))))
        return None
    return period


def _refused_by_pay_stored(ef: EmployerFile, parsed: Sequence[_PayslipRow], *, replace: bool) -> list[RowProblem]:
    """Rows the pay already stored refuses, found before anything is stored so that the file goes in whole or not
    at all: pay for another period overlapping the payslip's, or finalised pay for the period with other figures
    (without `replace`)."""
    problems: list[RowProblem] = []
    by_pa: dict[int, list[PayRun]] = {}
    for row in parsed:
        if row.pa_id not in by_pa:
            runs = pay.runs_for_pa(ef, row.pa_id)
            corrected = {run.corrects_run_id for run in runs if run.corrects_run_id is not None}
            by_pa[row.pa_id] = [run for run in runs if run.run_id not in corrected]
        for stored in by_pa[row.pa_id]:
            if stored.period.end < row.period.start or stored.period.start > row.period.end:
                continue
            if (stored.period.start, stored.period.end) != (row.period.start, row.period.end):
                problems.append(RowProblem(row.line, "period_start", _(
                    "{name} already has pay for {start} to {end}, which overlaps this payslip's period. Check the "
                    "dates with the payroll service.").format(name=row.pa_name, start=format_date(stored.period.start),
                                                              end=format_date(stored.period.end))))
            elif (stored.status is RunStatus.FINALISED and not replace
                  and not pay.same_pay(stored, _imported_run(row, None))):
                where = (_("imported from the payroll service") if stored.source is RunSource.IMPORTED
                         else _("finalised in PA Employer"))
                problems.append(RowProblem(row.line, "gross", _(
                    "{name}'s pay for this period is already recorded ({where}: gross {gross}, net {net}) with other "
                    "figures. To take the payslip's figures instead, import the file with --replace; the figures "
                    "there now are kept as corrected.").format(
                        name=row.pa_name, where=where, gross=_pounds(stored.gross), net=_pounds(stored.net))))
    return problems


def _imported_run(row: _PayslipRow, minimum_wage: MinimumWageResult | None,
                  notes: Sequence[str] = ()) -> PayRun:
    money = row.money
    deductions = Deductions(
        tax=money["tax"], employee_ni=money["employee_ni"], employee_pension=money["employee_pension"],
        other=money["other_deductions"],
        other_description=_("other deductions on the payroll service's payslip") if money["other_deductions"] else "",
        employer_ni=money["employer_ni"], employer_pension=money["employer_pension"], source="imported")
    return PayRun(pa_id=row.pa_id, pa_name=row.pa_name, period=row.period, lines=(), deductions=deductions,
                  minimum_wage=minimum_wage, status=RunStatus.FINALISED, source=RunSource.IMPORTED,
                  notes=tuple(notes), imported_gross=money["gross"], imported_net=money["net"],
                  imported_hours=row.hours_paid)


def _check_notes(check: Any) -> list[str]:
    """The check's differences as the stored run's notes, so the pay screen and payslip say them too."""
    return [_difference_sentence(difference) for difference in check.differences]


def import_payslips(ef: EmployerFile, path: Path | str, *, replace: bool = False,
                    now: datetime) -> PayslipImportResult:
    """Import a payroll service's payslip figures: every row checked first (nothing is stored if one is wrong),
    then each stored as a finalised run from the service and checked for the minimum wage and against the rota.

    A payslip already in the file for the PA and period is kept and reported (already there); with `replace`
    the file's figures replace it. Raises CsvRowsError naming each bad row, or FileFormatError.
    """
    header, rows = read_csv(path)
    kind = kind_for_header(header)
    if kind.name != "payslips":
        raise FileFormatError(
            _("This file holds {what}, not payslips: its first row must be {columns}.").format(
                what=_(kind.description), columns=",".join(PAYSLIP_COLUMNS)),
            message_id="csv_not_payslips")
    parsed = _parse_rows(ef, rows)
    problems = _refused_by_pay_stored(ef, parsed, replace=replace)
    if problems:
        raise CsvRowsError(problems, description=PAYSLIPS_DESCRIPTION)
    # Every payslip is checked before any is stored, so a check that cannot be made stores nothing either.
    checked = []
    for row in parsed:
        check = check_imported(pay.inputs_for(ef, row.pa_id, row.period, now=now), _imported_run(row, None))
        checked.append((row, check, _imported_run(row, check.minimum_wage, _check_notes(check))))
    checks: list[PayslipCheck] = []
    counts = {"added": 0, "already_there": 0, "replaced": 0}
    for row, check, run in checked:
        outcome = pay.save_imported(ef, run, replace=replace, now=now)
        counts[outcome] = counts.get(outcome, 0) + 1
        checks.append(PayslipCheck(line=row.line, pa_id=row.pa_id, pa_name=row.pa_name, period=row.period,
                                   outcome=outcome, minimum_wage=check.minimum_wage,
                                   differences=tuple(check.differences),
                                   holiday_pay_below_average=bool(check.holiday_pay_below_average)))
    notes = []
    finalised_here = _finalised_here(ef, checks)
    matching = [check for check in checks if check.outcome == "already_there" and check.line in finalised_here]
    kept = [check for check in checks if check.outcome == "already_there" and check.line not in finalised_here]
    if matching:
        notes.append(_("These payslips match the pay finalised in PA Employer, so nothing was added: {payslips}.")
                     .format(payslips=", ".join(
                         _("{name} to {date} (line {line})").format(name=check.pa_name,
                                                                    date=format_date(check.period.end),
                                                                    line=check.line) for check in matching)))
    if kept:
        notes.append(_("Already in the file, so kept as they are: {payslips}. To take the file's figures instead, "
                       "import it again with --replace.").format(payslips=", ".join(
            _("{name} to {date} (line {line})").format(name=check.pa_name, date=format_date(check.period.end),
                                                       line=check.line) for check in kept)))
    added, replaced_count = counts["added"], counts["replaced"]
    return PayslipImportResult(kind="payslips", description=_(PAYSLIPS_DESCRIPTION), imported=added + replaced_count,
                               path=Path(path), added=added, already_there=counts["already_there"],
                               replaced=replaced_count, notes=tuple(notes), checks=tuple(checks))


def _finalised_here(ef: EmployerFile, checks: Sequence[PayslipCheck]) -> set[int]:
    """The lines of payslips kept as already there whose period's pay was finalised here (not imported before)."""
    lines = set()
    for check in checks:
        if check.outcome != "already_there":
            continue
        standing = [run for run in pay.runs_for_period(ef, check.period.end, pa_id=check.pa_id)
                    if run.period.start == check.period.start]
        if standing and standing[0].source is RunSource.COMPUTED:
            lines.add(check.line)
    return lines


def _through_import_payslips(*_args: Any, **_kwargs: Any) -> Any:
    """A payslip is checked against the rota and stored by the pay service, which works on the whole employer
    file, not inside another import's transaction: import_csv hands these files to import_payslips."""
    raise PAEmployerError(_("Payslips are imported with import_payslips (paemployer import FILE payslips.csv)."))


# Registered so a payslips file is told from its first row, and listed among the files the app knows.
PAYSLIPS_KIND = register_csv_kind(PAYSLIP_COLUMNS, _through_import_payslips, name="payslips",
                                  description=PAYSLIPS_DESCRIPTION, optional_columns=PAYSLIP_OPTIONAL_COLUMNS,
                                  can_replace=True)


def is_payslips_file(path: Path | str) -> bool:
    """Whether a CSV's first row is the payslips header (so `paemployer import` hands it to import_payslips)."""
    header, _rows = read_csv(path)
    return kind_for_header(header).name == "payslips"
