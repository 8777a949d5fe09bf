"""Pay runs over an employer file: build and rebuild drafts, add lines and deductions, approve, finalise,
correct, and keep a payroll service's payslips.

States: draft → approved → finalised. Building a period again rebuilds its draft from the records (the lines the
user added and the deductions typed are kept); an approved or finalised run is shown as stored. A finalised run
never changes: a correction is a new run linked to it (`corrects_id`), and the run it corrects stops standing for
the period. At most one run stands for a PA and a pay period, so running the same period twice never pays twice.
A run with a minimum-wage shortfall is not finalised unless the employer has recorded a decision on the
NMW_SHORTFALL warning for exactly that shortfall (which then keeps showing, as decided).

Every change is one transaction with its audit entry; bad input changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import (
    replace as with_changes,  # `replace` is also save_imported's flag
)
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlmodel import Session

from paemployer.errors import RatesError, ValidationError
from paemployer.i18n import _, format_date, format_money
from paemployer.labels import pay_line_kind_label
from paemployer.rules.money import PENNY, ZERO, to_decimal
from paemployer.rules.pay import (
    ADDED_KINDS,
    Deductions,
    LineKind,
    MinimumWageResult,
    PayLine,
    PayPeriod,
    PayRun,
    RunSource,
    RunStatus,
    TaxWorking,
    build_pay_run,
)
from paemployer.rules.warnings import fingerprint, pa_subject
from paemployer.services import audit
from paemployer.services.pay.inputs import inputs_in, standing_runs
from paemployer.services.pay.schedule import (
    Employment,
    check_period_end,
    employment_in,
    paid_on_in,
    period_in,
)
from paemployer.services.rota import shifts_between
from paemployer.services.rota.engine import RotaShift
from paemployer.services.tax import (
    deductions as tax_deductions,  # the module: services.tax imports pay's inputs
)
from paemployer.store import queries
from paemployer.store.models import PayRun as PayRunRow
from paemployer.store.models import PayRunLine

NMW_SHORTFALL = "NMW_SHORTFALL"
LIVE_STATUSES = (RunStatus.DRAFT.value, RunStatus.APPROVED.value)
# The largest single amount a pay line or deduction may hold: a slip of the keyboard, not a week's pay.
MAX_AMOUNT = Decimal(100000)


class PayRunRefused(ValidationError):
    """A pay run that cannot be finalised (or changed) as asked; the message says why and what to do."""

    message_id = "pay_run_refused"


@dataclass(frozen=True)
class Refusal:
    """A PA whose run was not finalised, and why."""

    pa_name: str
    reason: str
    pa_id: int | None = None
    run_id: int | None = None


def shortfall_fact(run: PayRun) -> str:
    """The fact a decision on a run's NMW_SHORTFALL warning is recorded against: the period and the shortfall
    (a different shortfall is a new warning, and needs a new decision)."""
    shortfall = run.minimum_wage.shortfall if run.minimum_wage is not None else ZERO
    return fingerprint("pay", run.period.start, run.period.end, shortfall)


# --- rows and values ------------------------------------------------------------------------------------------


def _period_of(row: PayRunRow) -> PayPeriod:
    return PayPeriod(row.period_start, row.period_end, row.pay_date, row.pay_frequency)


def _deductions_of(row: PayRunRow) -> Deductions:
    return Deductions(tax=row.tax, employee_ni=row.employee_ni, employee_pension=row.employee_pension,
                      other=row.other_deductions, other_description=row.other_deductions_description,
                      employer_ni=row.employer_ni, employer_pension=row.employer_pension,
                      source=row.deductions_source, student_loan=row.student_loan,
                      postgraduate_loan=row.postgraduate_loan)


def _tax_of(row: PayRunRow) -> TaxWorking | None:
    if row.tax_period is None and not row.tax_code:
        return None
    return TaxWorking(tax_code=row.tax_code, week1_month1=row.tax_week1_month1, ni_category=row.ni_category,
                      tax_period=row.tax_period, taxable_pay=row.taxable_pay, taxable_pay_to_date=row.taxable_pay_to_date,
                      tax_to_date=row.tax_to_date, ni_earnings_at_lel=row.ni_earnings_at_lel,
                      ni_earnings_lel_to_pt=row.ni_earnings_lel_to_pt, ni_earnings_pt_to_uel=row.ni_earnings_pt_to_uel,
                      ni_earnings_above_uel=row.ni_earnings_above_uel, pension_status=row.pension_status,
                      pension_qualifying_earnings=row.pension_qualifying_earnings)


def _line_of(row: PayRunLine) -> PayLine:
    return PayLine(kind=LineKind(row.kind), description=row.description, amount=row.amount, hours=row.hours,
                   rate=row.rate, basis=row.basis,
                   shift_keys=tuple(key for key in row.shift_keys.split(",") if key),
                   counts_for_minimum_wage=row.counts_for_minimum_wage, added_by_user=row.added_by_user)


def _minimum_wage_of(row: PayRunRow) -> MinimumWageResult | None:
    if row.nmw_hours_counted is None:
        return None
    return MinimumWageResult(band=row.nmw_band, rate=row.nmw_rate, hours_counted=row.nmw_hours_counted,
                             pay_counted=row.nmw_pay_counted or ZERO, required=row.nmw_required or ZERO,
                             shortfall=row.nmw_shortfall or ZERO, earlier_arrears=row.nmw_earlier_arrears or ZERO,
                             note=row.nmw_note, band_code=row.nmw_band_code)


def to_value(row: PayRunRow, lines: Sequence[PayRunLine]) -> PayRun:
    """A stored run as the plain PayRun value (exactly as stored: a finalised run as it was paid)."""
    return PayRun(
        pa_id=row.pa_id, pa_name=row.pa_name, period=_period_of(row),
        lines=tuple(_line_of(line) for line in sorted(lines, key=lambda line: (line.position, line.id or 0))),
        deductions=_deductions_of(row), minimum_wage=_minimum_wage_of(row), status=RunStatus(row.status),
        source=RunSource(row.source), run_id=row.id, corrects_run_id=row.corrects_id,
        notes=tuple(note for note in row.notes.split("\n") if note),
        imported_gross=row.imported_gross, imported_net=row.imported_net, imported_hours=row.imported_hours,
        tax=_tax_of(row),
    )


def _lines(session: Session, row: PayRunRow) -> list[PayRunLine]:
    return queries.pay_run_lines(session=session, run_ids=[row.id]) if row.id is not None else []


def values_of(session: Session, rows: Sequence[PayRunRow]) -> list[PayRun]:
    """Stored runs as values, their lines read in one query."""
    by_run: dict[int, list[PayRunLine]] = {row.id: [] for row in rows}
    if rows:
        for line in queries.pay_run_lines(session=session, run_ids=list(by_run)):
            by_run[line.pay_run_id].append(line)
    return [to_value(row, by_run[row.id]) for row in rows]


def _store(session: Session, row: PayRunRow, run: PayRun, *, status: str) -> PayRun:
    """Write a run's figures and lines onto its row (replacing the lines), flushed; returns the stored value."""
    row.pa_name = run.pa_name
    row.period_start, row.period_end = run.period.start, run.period.end
    row.pay_date, row.pay_frequency = run.period.pay_date, run.period.frequency
    row.status, row.source = status, run.source.value
    deductions = run.deductions
    row.tax, row.employee_ni, row.employee_pension = deductions.tax, deductions.employee_ni, deductions.employee_pension
    row.other_deductions, row.other_deductions_description = deductions.other, deductions.other_description
    row.employer_ni, row.employer_pension = deductions.employer_ni, deductions.employer_pension
    row.deductions_source = deductions.source
    row.student_loan, row.postgraduate_loan = deductions.student_loan, deductions.postgraduate_loan
    _store_tax(row, run.tax)
    row.imported_gross, row.imported_net, row.imported_hours = run.imported_gross, run.imported_net, run.imported_hours
    result = run.minimum_wage
    row.nmw_band = result.band if result else ""
    row.nmw_band_code = result.band_code if result else ""
    row.nmw_rate = result.rate if result else None
    row.nmw_hours_counted = result.hours_counted if result else None
    row.nmw_pay_counted = result.pay_counted if result else None
    row.nmw_required = result.required if result else None
    row.nmw_shortfall = result.shortfall if result else None
    row.nmw_earlier_arrears = result.earlier_arrears if result else None
    row.nmw_note = result.note if result else ""
    row.notes = "\n".join(note.replace("\n", " ") for note in run.notes)
    session.add(row)
    session.flush()
    for old in _lines(session, row):
        session.delete(old)
    session.flush()
    stored = []
    for position, line in enumerate(run.lines):
        stored_line = PayRunLine(
            pay_run_id=row.id, position=position, kind=line.kind.value, description=line.description,
            hours=line.hours, rate=line.rate, amount=line.amount, basis=line.basis,
            shift_keys=",".join(line.shift_keys), counts_for_minimum_wage=line.counts_for_minimum_wage,
            added_by_user=line.added_by_user)
        session.add(stored_line)
        stored.append(stored_line)
    session.flush()
    return to_value(row, stored)


def _store_tax(row: PayRunRow, working: TaxWorking | None) -> None:
    """The tax working onto the row (cleared when the deductions were typed or imported)."""
    if working is None:
        working = TaxWorking(tax_code="", week1_month1=False, ni_category="", tax_period=None, taxable_pay=None,
                             taxable_pay_to_date=None, tax_to_date=None)
    row.tax_code, row.tax_week1_month1, row.ni_category = working.tax_code, working.week1_month1, working.ni_category
    row.tax_period, row.taxable_pay = working.tax_period, working.taxable_pay
    row.taxable_pay_to_date, row.tax_to_date = working.taxable_pay_to_date, working.tax_to_date
    row.ni_earnings_at_lel, row.ni_earnings_lel_to_pt = working.ni_earnings_at_lel, working.ni_earnings_lel_to_pt
    row.ni_earnings_pt_to_uel, row.ni_earnings_above_uel = working.ni_earnings_pt_to_uel, working.ni_earnings_above_uel
    row.pension_status, row.pension_qualifying_earnings = working.pension_status, working.pension_qualifying_earnings


def _when(row: PayRunRow | PayRun | PayPeriod) -> str:
    """'9 November 2026 to 15 November 2026': a period in words for messages and the audit trail."""
    if isinstance(row, PayRun):
        row = row.period
    start, end = (row.start, row.end) if isinstance(row, PayPeriod) else (row.period_start, row.period_end)
    return _("{start} to {end}").format(start=format_date(start, format="long"), end=format_date(end, format="long"))


def _audit(ef, session: Session, action: str, row: PayRunRow, summary: str, now: datetime) -> None:
    audit.record(session, who=getattr(ef, "who", ""), action=action, table_name="payrun", row_id=row.id,
                 summary=summary, at=now)


# --- building -------------------------------------------------------------------------------------------------


def _standing_overlapping(session: Session, pa_id: int, period: PayPeriod) -> list[PayRunRow]:
    return standing_runs(queries.pay_runs_overlapping(session=session, pa_id=pa_id, first=period.start,
                                                      last=period.end))


def _compute(session: Session, pa_id: int, period: PayPeriod, *, user_lines: Sequence[PayLine],
             deductions: Deductions, now: datetime, employment: Employment,
             run_id: int | None = None) -> PayRun:
    """The run built from the records, with its tax, NI, pension and loans worked out (services/tax) unless the
    employer typed them or a payroll service works them out. `run_id`: the stored row being rebuilt, if any."""
    inputs = inputs_in(session, pa_id, period, now=now, added_lines=tuple(user_lines), deductions=deductions,
                       employment=employment)
    # The builder puts the lines the user added after the lines from the records, marked added_by_user.
    run = build_pay_run(inputs)  # deductions are copied from the inputs
    if tax_deductions.typed_by_employer(deductions):
        return run
    try:
        computed = tax_deductions.compute_deductions(session, run, exclude_run_id=run_id, other=deductions.other,
                                                     other_description=deductions.other_description)
    except RatesError as missing:  # a tax year the rates tables do not hold yet: said, never guessed
        return with_changes(run, notes=(*run.notes, _("{reason} The tax, National Insurance and pension are not "
                                                      "worked out: type them from HMRC's tools.").format(
            reason=missing.message)))
    if computed is None:  # a payroll service works them out: what was typed (or nothing) stays
        return run
    return with_changes(run, deductions=computed.deductions, tax=computed.working, notes=run.notes + computed.notes)


def _rebuild(session: Session, row: PayRunRow, period: PayPeriod, *, user_lines: Sequence[PayLine],
             deductions: Deductions, now: datetime, employment: Employment) -> PayRun:
    run = _compute(session, row.pa_id, period, user_lines=user_lines, deductions=deductions, now=now,
                   employment=employment, run_id=row.id)
    return _store(session, row, run, status=RunStatus.DRAFT.value)


def _same_pay(stored: PayRun, built: PayRun) -> bool:
    """The stored draft already says what building it again says: nothing to write (and nothing to audit)."""
    return (stored.pa_name, stored.period, stored.lines, stored.notes, stored.minimum_wage, stored.deductions,
            stored.tax) == \
        (built.pa_name, built.period, built.lines, built.notes, built.minimum_wage, built.deductions, built.tax)


def _holds_typed_work(session: Session, row: PayRunRow) -> bool:
    """Whether a draft holds what the employer typed (a line added or a deduction): not deleted silently.
    Figures the app worked out are not the employer's work: they are worked out again."""
    deductions = _deductions_of(row)
    return tax_deductions.typed_by_employer(deductions) or bool(deductions.other) \
        or bool(deductions.other_description) or any(line.added_by_user for line in _lines(session, row))


def build_in(session: Session, pa, period: PayPeriod, *, now: datetime, employment: Employment,
             ef=None) -> tuple[PayRun, bool]:
    """Build or rebuild the PA's draft for `period` in the caller's transaction: (the run standing for the period,
    whether it was built now). An approved, finalised or imported run is returned as stored."""
    standing = _standing_overlapping(session, pa.id, period)
    same = [row for row in standing if (row.period_start, row.period_end) == (period.start, period.end)]
    for other in standing:
        if other in same:
            continue
        if other.status == RunStatus.DRAFT.value and other.source == RunSource.COMPUTED.value \
                and other.corrects_id is None and not _holds_typed_work(session, other):
            # A draft for a period the schedule no longer has, holding nothing typed: built again below.
            if ef is not None:
                _audit(ef, session, "delete", other, _(
                    "Deleted the draft pay of {name} for {other}: their pay frequency or the pay schedule changed, "
                    "and the period is now {period}").format(name=pa.full_name, other=_when(other),
                                                             period=_when(period)), now)
            session.delete(other)
            session.flush()
            continue
        raise ValidationError(
            _("{name} already has pay for {other}, which overlaps the period {period}. Their pay frequency or the "
              "pay schedule may have changed since; pay the days not yet paid as a line on the next run.").format(
                name=pa.full_name, other=_when(other), period=_when(period)),
            field="period_end")
    if same:
        row = same[0]
        if row.status != RunStatus.DRAFT.value or row.source != RunSource.COMPUTED.value:
            return to_value(row, _lines(session, row)), False
        stored = to_value(row, _lines(session, row))
        user_lines = [line for line in stored.lines if line.added_by_user]
        deductions = stored.deductions
        built = _compute(session, pa.id, period, user_lines=user_lines, deductions=deductions, now=now,
                         employment=employment, run_id=row.id)
        if _same_pay(stored, built):
            return stored, False
    else:
        row = PayRunRow(pa_id=pa.id, pa_name=pa.full_name, period_start=period.start, period_end=period.end,
                        pay_date=period.pay_date, pay_frequency=period.frequency, created_at=now)
        built = _compute(session, pa.id, period, user_lines=[], deductions=Deductions(), now=now,
                         employment=employment)
    run = _store(session, row, built, status=RunStatus.DRAFT.value)  # what was just built, not built again
    if ef is not None:
        _audit(ef, session, "build", row, _("Built the draft pay of {name} for {period}").format(
            name=pa.full_name, period=_when(row)), now)
    return run, True


def _paid(session: Session, period_end: date, pa_id: int | None) -> list:
    paid = paid_on_in(session, period_end)
    if pa_id is not None:
        pa = queries.get_pa(session=session, pa_id=pa_id)
        paid = [(row, period) for row, period in paid if row.id == pa_id]
        if not paid:
            try:
                period_in(session, pa_id, period_end)
            except ValidationError as error:
                raise ValidationError(_("{name}: {reason}").format(name=pa.full_name, reason=error.message),
                                      field="period_end") from None
            raise ValidationError(_("{name} is not employed in the pay period ending on {day}.").format(
                name=pa.full_name, day=format_date(period_end, format="long")), field="period_end")
    elif not paid:
        check_period_end(session, period_end)
    return paid


def build_drafts(ef, period_end: date, *, pa_id: int | None = None, now: datetime) -> list[PayRun]:
    """Build (or rebuild) the drafts of every PA paid for a period ending on `period_end` (or only `pa_id`), save
    them, and return the run standing for each PA, by name: approved, finalised and imported ones as stored."""
    with ef.session() as session:
        employment = employment_in(session)
        runs = [build_in(session, pa, period, now=now, employment=employment, ef=ef)[0]
                for pa, period in _paid(session, period_end, pa_id)]
    return sorted(runs, key=lambda run: (run.pa_name.casefold(), run.pa_id))  # by name, as runs_for_period


def runs_for_period(ef, period_end: date, *, pa_id: int | None = None) -> list[PayRun]:
    """The stored runs standing for periods ending on `period_end` (nothing built or changed), by PA name."""
    with ef.session() as session:
        rows = standing_runs(queries.pay_runs_ending(session=session, period_end=period_end,
                                                     pa_ids=None if pa_id is None else [pa_id]))
        return sorted(values_of(session, rows), key=lambda run: (run.pa_name.casefold(), run.pa_id))


def get_run(ef, run_id: int) -> PayRun:
    with ef.session() as session:
        row = queries.get_row(session=session, model=PayRunRow, row_id=run_id)
        return to_value(row, _lines(session, row))


def runs_for_pa(ef, pa_id: int) -> list[PayRun]:
    """Every stored run of a PA, corrected ones too, by period and then oldest first."""
    with ef.session() as session:
        queries.get_pa(session=session, pa_id=pa_id)
        return values_of(session, queries.pay_runs_for(session=session, pa_id=pa_id))


# --- changing a draft -----------------------------------------------------------------------------------------


def _draft_row(session: Session, run_id: int) -> PayRunRow:
    row = queries.get_row(session=session, model=PayRunRow, row_id=run_id)
    if row.source != RunSource.COMPUTED.value:
        raise PayRunRefused(_("This pay came from your payroll service's payslip and is kept as received: import "
                              "the corrected payslip to change it."), field="run")
    if row.status == RunStatus.APPROVED.value:
        raise PayRunRefused(_("This pay run is approved. Put it back to draft to change it."), field="run")
    if row.status == RunStatus.FINALISED.value:
        raise PayRunRefused(_("This pay run is finalised and never changes. Make a correction to change it."),
                            field="run")
    return row


def _amount(value, field: str, *, what: str, allow_none: bool = False,
            allow_refund: bool = False) -> Decimal | None:
    if value is None and allow_none:
        return None
    try:
        amount = to_decimal(value if value is not None else "")
    except (TypeError, ValueError):
        raise ValidationError(_("{what} must be an amount in pounds and pence, like 12.50.").format(what=what),
                              field=field) from None
    if amount < ZERO and not allow_refund:
        raise ValidationError(_("{what} cannot be less than zero.").format(what=what), field=field)
    if abs(amount) > MAX_AMOUNT:
        raise ValidationError(_("{what} of {amount} is more than {limit}: check the figure.").format(
            what=what, amount=format_money(amount), limit=format_money(MAX_AMOUNT)), field=field)
    return amount


def _pence(value, field: str, *, what: str, allow_refund: bool = False) -> Decimal:
    amount = _amount(value, field, what=what, allow_refund=allow_refund)
    if amount.quantize(PENNY) != amount:
        raise ValidationError(_("{what} must be whole pence, like 12.50.").format(what=what), field=field)
    return amount.quantize(PENNY)


def _user_line(kind, description: str, amount, hours, rate) -> PayLine:
    try:
        line_kind = LineKind(getattr(kind, "value", kind))
    except ValueError:
        line_kind = None
    if line_kind not in ADDED_KINDS:
        raise ValidationError(_("A line you add is one of: {kinds}.").format(
            kinds=", ".join(kind.value for kind in ADDED_KINDS)), field="kind")
    amount = _pence(amount, "amount", what=_("The amount"))
    hours = _amount(hours, "hours", what=_("The hours"), allow_none=True)
    rate = _amount(rate, "rate", what=_("The rate"), allow_none=True)
    description = " ".join(str(description or "").split())
    if not description:
        raise ValidationError(_("Say what the line is for, so the payslip can show it."), field="description")
    if len(description) > 200:
        raise ValidationError(_("Keep the description under 200 characters."), field="description")
    # A bonus is pay that counts for the minimum wage (NMW Regulations 2015 reg 9); expenses, back pay for another
    # period and statutory family pay do not (reg 10); "other" is not counted, in the worker's favour.
    counts = amount if line_kind == LineKind.BONUS else ZERO
    return PayLine(kind=line_kind, description=description, amount=amount, hours=hours, rate=rate,
                   basis=_("added by you"), counts_for_minimum_wage=counts, added_by_user=True)


def add_line(ef, run_id: int, *, kind: str, description: str, amount: Decimal, hours: Decimal | None = None,
             rate: Decimal | None = None, now: datetime) -> PayRun:
    """Add an expense, bonus, back pay, family pay or other line to a draft; the draft is rebuilt around it."""
    line = _user_line(kind, description, amount, hours, rate)
    with ef.session() as session:
        row = _draft_row(session, run_id)
        stored = to_value(row, _lines(session, row))
        user_lines = [existing for existing in stored.lines if existing.added_by_user] + [line]
        run = _rebuild(session, row, stored.period, user_lines=user_lines, deductions=stored.deductions, now=now,
                       employment=employment_in(session))
        _audit(ef, session, "change", row, _("Added a line to the pay of {name} for {period}: {kind}, {amount}").format(
            kind=pay_line_kind_label(line.kind), amount=format_money(line.amount), name=row.pa_name,
            period=_when(row)), now)
        return run


def remove_line(ef, run_id: int, position: int, *, now: datetime) -> PayRun:
    """Remove a line the user added (by its position in the run's lines); lines from the records stay."""
    with ef.session() as session:
        row = _draft_row(session, run_id)
        stored = to_value(row, _lines(session, row))
        if not 0 <= position < len(stored.lines):
            raise ValidationError(_("There is no line {number} on this pay run.").format(number=position + 1),
                                  field="position")
        if not stored.lines[position].added_by_user:
            raise PayRunRefused(_("Only lines you added can be removed. This one comes from the rota and the records: "
                                  "change the shifts, absences or contract terms, and the draft follows."),
                                field="position")
        user_lines = [line for index, line in enumerate(stored.lines) if line.added_by_user and index != position]
        run = _rebuild(session, row, stored.period, user_lines=user_lines, deductions=stored.deductions, now=now,
                       employment=employment_in(session))
        _audit(ef, session, "change", row, _("Removed a line from the pay of {name} for {period}").format(
            name=row.pa_name, period=_when(row)), now)
        return run


def set_deductions(ef, run_id: int, deductions: Deductions, *, now: datetime) -> PayRun:
    """Type the tax, National Insurance, pension, loan and other deductions (and the employer's costs) onto a
    draft: kept as typed over rebuilds. With `deductions.source` "computed", only the other deduction is taken and
    the rest is worked out (as use_computed_deductions)."""
    figures = {}
    names = {"tax": _("Tax"), "employee_ni": _("National Insurance"), "employee_pension": _("Pension"),
             "student_loan": _("Student loan"), "postgraduate_loan": _("Postgraduate loan"),
             "other": _("The other deduction"), "employer_ni": _("Employer's National Insurance"),
             "employer_pension": _("Employer's pension contribution")}
    for field, what in names.items():
        # Tax may be a refund (below zero) on a cumulative code, as Basic PAYE Tools or a payroll service says.
        figures[field] = _pence(getattr(deductions, field), field, what=what, allow_refund=field == "tax")
    description = " ".join((deductions.other_description or "").split())
    if figures["other"] and not description:
        raise ValidationError(_("Say what the other deduction is for (it must be agreed with the PA in writing)."),
                              field="other_description")
    source = deductions.source or tax_deductions.TYPED
    with ef.session() as session:
        row = _draft_row(session, run_id)
        stored = to_value(row, _lines(session, row))
        if source == tax_deductions.COMPUTED:
            return _work_out_again(ef, session, row, stored, other=figures["other"], other_description=description,
                                   now=now)
        typed = Deductions(**figures, other_description=description, source=source)
        if typed.total > stored.gross:
            raise ValidationError(_("The deductions come to {total}, more than the gross pay of {gross}.").format(
                total=format_money(typed.total), gross=format_money(stored.gross)), field="tax")
        run = _store(session, row, with_changes(stored, deductions=typed, tax=None), status=row.status)
        _audit(ef, session, "change", row, _("Changed the deductions on the pay of {name} for {period}").format(
            name=row.pa_name, period=_when(row)), now)
        return run


def _work_out_again(ef, session: Session, row: PayRunRow, stored: PayRun, *, other: Decimal, other_description: str,
                    now: datetime) -> PayRun:
    if not tax_deductions.computes_for(queries.get_employer(session=session)):
        raise PayRunRefused(_("Your payroll service works out the tax, National Insurance and pension, so the app "
                              "does not: type their figures, or take in their payslip."), field="run")
    deductions = Deductions(other=other, other_description=other_description, source=tax_deductions.COMPUTED)
    run = _rebuild(session, row, stored.period, user_lines=[line for line in stored.lines if line.added_by_user],
                   deductions=deductions, now=now, employment=employment_in(session))
    _audit(ef, session, "change", row, _("The app works out the tax, National Insurance and pension on the pay of "
                                         "{name} for {period} again").format(name=row.pa_name, period=_when(row)), now)
    return run


def use_computed_deductions(ef, run_id: int, *, now: datetime) -> PayRun:
    """Go back from typed deductions to the ones the app works out (an agreed other deduction is kept)."""
    with ef.session() as session:
        row = _draft_row(session, run_id)
        stored = to_value(row, _lines(session, row))
        return _work_out_again(ef, session, row, stored, other=stored.deductions.other,
                               other_description=stored.deductions.other_description, now=now)


# --- states ---------------------------------------------------------------------------------------------------


def approve(ef, run_id: int, *, now: datetime) -> PayRun:
    """Draft → approved: the figures are agreed and will not be rebuilt."""
    with ef.session() as session:
        row = _draft_row(session, run_id)
        row.status, row.approved_at = RunStatus.APPROVED.value, now
        session.add(row)
        session.flush()
        _audit(ef, session, "approve", row, _("Approved the pay of {name} for {period}").format(
            name=row.pa_name, period=_when(row)), now)
        return to_value(row, _lines(session, row))


def back_to_draft(ef, run_id: int, *, now: datetime) -> PayRun:
    """Approved → draft, to change it (it is rebuilt the next time the period is built)."""
    with ef.session() as session:
        row = queries.get_row(session=session, model=PayRunRow, row_id=run_id)
        if row.status != RunStatus.APPROVED.value or row.source != RunSource.COMPUTED.value:
            raise PayRunRefused(_("Only an approved pay run can go back to draft; a finalised one is changed by a "
                                  "correction."), field="run")
        row.status, row.approved_at = RunStatus.DRAFT.value, None
        session.add(row)
        session.flush()
        _audit(ef, session, "change", row, _("Put the pay of {name} for {period} back to draft").format(
            name=row.pa_name, period=_when(row)), now)
        return to_value(row, _lines(session, row))


def _decided(session: Session, run: PayRun, on: date) -> bool:
    """Whether a decision stands on this run's NMW_SHORTFALL warning (same shortfall, review date not reached)."""
    fact = shortfall_fact(run)
    subject = pa_subject(run.pa_id)
    return any(row.code == NMW_SHORTFALL and row.subject == subject and row.fact == fact
               and (row.review_on is None or row.review_on > on)
               for row in queries.risk_decisions(session=session))


def _shortfall_reason(run: PayRun) -> str:
    result = run.minimum_wage
    return _("{name}'s pay for {period} is {shortfall} below the minimum wage ({hours} hours counted need at least "
             "{required}; {paid} counts). Put the pay right (the rate in the contract terms, or a missing line) and "
             "build the draft again, or record a decision on the minimum-wage warning.").format(
        name=run.pa_name, period=_when(run), shortfall=format_money(result.shortfall),
        hours=f"{result.hours_counted:f}", required=format_money(result.required),
        paid=format_money(result.pay_counted))


def first_finalise_day(period: PayPeriod) -> date:
    """The first day a period's pay may be finalised: its last day, or its pay day when that comes first (a pay
    day on the last working day before a weekend end). Before then shifts can still be worked and changed."""
    return min(period.end, period.pay_date)


def _refuse_early(name: str, period: PayPeriod, today: date) -> None:
    first = first_finalise_day(period)
    if today < first:
        raise PayRunRefused(_("{name}'s pay for {period} cannot be finalised before {day}: the period has not ended "
                              "and its pay day has not come, so shifts can still be worked and changed. Finalise it "
                              "on or after {day}, or check the period's end date (the year too) if you meant an "
                              "earlier period.").format(name=name, period=_when(period),
                                                        day=format_date(first, format="long")), field="run")


def _finalise_in(ef, session: Session, row: PayRunRow, *, now: datetime, employment: Employment,
                 up_to_date: bool = False) -> PayRun:
    if row.status == RunStatus.FINALISED.value:
        raise PayRunRefused(_("The pay of {name} for {period} is already finalised.").format(
            name=row.pa_name, period=_when(row)), field="run")
    _refuse_early(row.pa_name, _period_of(row), now.date())
    if row.status == RunStatus.DRAFT.value and row.source == RunSource.COMPUTED.value and not up_to_date:
        # What is finalised is what the records say now: the draft is rebuilt first.
        stored = to_value(row, _lines(session, row))
        run = _rebuild(session, row, stored.period, user_lines=[line for line in stored.lines if line.added_by_user],
                       deductions=stored.deductions, now=now, employment=employment)
    else:
        run = to_value(row, _lines(session, row))
    if run.minimum_wage is not None and run.minimum_wage.shortfall > ZERO and not _decided(session, run, now.date()):
        raise PayRunRefused(_shortfall_reason(run), field="run")
    row.status, row.finalised_at = RunStatus.FINALISED.value, now
    row.approved_at = row.approved_at or now
    session.add(row)
    session.flush()
    _audit(ef, session, "finalise", row, _("Finalised the pay of {name} for {period}").format(
        name=row.pa_name, period=_when(row)), now)
    return to_value(row, _lines(session, row))


def finalise(ef, run_id: int, *, now: datetime) -> PayRun:
    """Finalise a draft (rebuilt first) or approved run: it never changes again. PayRunRefused says why not."""
    with ef.session() as session:
        row = queries.get_row(session=session, model=PayRunRow, row_id=run_id)
        return _finalise_in(ef, session, row, now=now, employment=employment_in(session))


def finalise_period(ef, period_end: date, *, pa_id: int | None = None,
                    now: datetime) -> tuple[list[PayRun], list[Refusal]]:
    """Build the period's drafts, then finalise every run that may be: (the runs finalised, by name, and those
    refused with the reason). One transaction: a refusal leaves that PA's draft as it is and the others finalised."""
    finalised: list[PayRun] = []
    refusals: list[Refusal] = []
    with ef.session() as session:
        employment = employment_in(session)
        for pa, period in _paid(session, period_end, pa_id):
            run, _built = build_in(session, pa, period, now=now, employment=employment, ef=ef)
            if run.status == RunStatus.FINALISED:
                finalised.append(run)
                continue
            row = session.get(PayRunRow, run.run_id)
            try:
                # A refusal comes before any change but the draft's rebuild, which stands.
                finalised.append(_finalise_in(ef, session, row, now=now, employment=employment,
                                              up_to_date=True))  # build_in has just built it
            except PayRunRefused as refused:
                refusals.append(Refusal(pa.full_name, refused.message, pa_id=pa.id, run_id=run.run_id))
    return finalised, refusals


def correct(ef, run_id: int, *, now: datetime) -> PayRun:
    """A new draft correcting a finalised run, built from the records as they are now (the lines the user added
    and the deductions are copied). The finalised run is kept as it was paid."""
    with ef.session() as session:
        row = queries.get_row(session=session, model=PayRunRow, row_id=run_id)
        if row.status != RunStatus.FINALISED.value:
            raise PayRunRefused(_("Only a finalised pay run is corrected; change a draft directly."), field="run")
        if row.source != RunSource.COMPUTED.value:
            raise PayRunRefused(_("This pay came from your payroll service's payslip: import their corrected payslip "
                                  "to replace it."), field="run")
        corrections = queries.corrections_of(session=session, run_id=row.id)
        if corrections:
            raise PayRunRefused(_("This pay run is already corrected (pay run {number}); correct that one "
                                  "instead.").format(number=corrections[-1].id), field="run")
        stored = to_value(row, _lines(session, row))
        new = PayRunRow(pa_id=row.pa_id, pa_name=row.pa_name, period_start=row.period_start,
                        period_end=row.period_end, pay_date=row.pay_date, pay_frequency=row.pay_frequency,
                        corrects_id=row.id, created_at=now)
        run = _rebuild(session, new, stored.period, user_lines=[line for line in stored.lines if line.added_by_user],
                       deductions=stored.deductions, now=now, employment=employment_in(session))
        _audit(ef, session, "correct", new, _("Started a correction of the pay of {name} for {period}").format(
            name=row.pa_name, period=_when(row)), now)
        return run


# --- a payroll service's payslips -----------------------------------------------------------------------------


def same_pay(stored: PayRun, payslip: PayRun) -> bool:
    """Whether a payroll service's payslip has the figures of a stored run for its period: the same payslip
    imported before, or the pay finalised here (gross, net, hours paid where the payslip gives them, and every
    deduction and employer's cost the same). Importing it again changes nothing."""
    def taken(run: PayRun) -> tuple:
        d = run.deductions
        return d.tax, d.employee_ni, d.employee_pension, d.other, d.employer_ni, d.employer_pension
    if (stored.period.start, stored.period.end) != (payslip.period.start, payslip.period.end):
        return False
    if stored.source == RunSource.IMPORTED:
        return (stored.period, stored.imported_gross, stored.imported_net, stored.imported_hours, taken(stored)) \
            == (payslip.period, payslip.imported_gross, payslip.imported_net, payslip.imported_hours, taken(payslip))
    return (stored.status == RunStatus.FINALISED and stored.gross == payslip.imported_gross
            and stored.net == payslip.imported_net
            and (payslip.imported_hours is None or payslip.imported_hours == stored.hours_paid)
            and taken(stored) == taken(payslip))


def save_imported(ef, run: PayRun, *, replace: bool, now: datetime) -> str:
    """Keep a payroll service's payslip as the PA's finalised pay for its period: "added", "already_there" (the
    same figures are stored) or "replaced" (different figures, with `replace`: a finalised run is corrected by
    it, a draft or approved run built here gives way to it). Different figures without `replace` are refused."""
    with ef.session() as session:
        pa = queries.get_pa(session=session, pa_id=run.pa_id)
        standing = _standing_overlapping(session, pa.id, run.period)
        same = [row for row in standing if (row.period_start, row.period_end) == (run.period.start, run.period.end)]
        overlapping = [row for row in standing if row not in same]
        if overlapping:
            raise ValidationError(_("{name} already has pay for {other}, which overlaps the payslip's period "
                                    "{period}.").format(name=pa.full_name, other=_when(overlapping[0]),
                                                        period=_when(run)), field="period_start")
        corrects_id, outcome = None, "added"
        if same:
            existing = same[0]
            if same_pay(to_value(existing, _lines(session, existing)), run):
                return "already_there"
            if existing.status == RunStatus.FINALISED.value:
                if not replace:
                    raise ValidationError(
                        _("{name}'s pay for {period} is already recorded with other figures. Import with replace "
                          "to take the payslip's figures (the earlier ones are kept, as corrected).").format(
                            name=pa.full_name, period=_when(run)), field="pa")
                corrects_id = existing.id
            else:
                # A draft or approved run built here gives way: the payslip is what was paid.
                corrects_id = existing.corrects_id
                session.delete(existing)
                session.flush()
            outcome = "replaced" if replace else "added"
        row = PayRunRow(pa_id=pa.id, pa_name=run.pa_name or pa.full_name, period_start=run.period.start,
                        period_end=run.period.end, pay_date=run.period.pay_date, pay_frequency=run.period.frequency,
                        corrects_id=corrects_id, created_at=now, approved_at=now, finalised_at=now)
        imported = with_changes(run, source=RunSource.IMPORTED, pa_name=row.pa_name)
        _store(session, row, imported, status=RunStatus.FINALISED.value)
        _audit(ef, session, "import", row, _("Recorded the payroll service's payslip of {name} for {period}").format(
            name=row.pa_name, period=_when(row)), now)
        return outcome


def shifts_for_line(ef, run_id: int, position: int) -> list[RotaShift]:
    """The shifts a pay line was built from, as they are on the rota now, in the line's order."""
    run = get_run(ef, run_id)
    if not 0 <= position < len(run.lines):
        raise ValidationError(_("There is no line {number} on this pay run.").format(number=position + 1),
                              field="position")
    keys = run.lines[position].shift_keys
    if not keys:
        return []
    start = datetime.combine(run.period.start, time())
    end = datetime.combine(run.period.end + timedelta(days=2), time())
    by_key = {shift.key: shift for shift in shifts_between(ef, start, end)}
    return [by_key[key] for key in keys if key in by_key]
