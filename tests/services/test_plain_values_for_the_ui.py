"""What the screens are handed is plain values: no live or detached row ever leaves a service for the UI.

The services the UI calls on an open file are found by reading paemployer/ui (every `module.function(`
on a services module it imports, and every function it imports by name, whose first parameter is the
file `ef`), so a new call from the UI needs its recipe here before this test passes.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from paemployer.services import compliance, pay, records, rota
from paemployer.services.compliance import decisions
from paemployer.services.demo import write_demo_file
from paemployer.services.pay import documents as pay_documents
from paemployer.services.pay import exchange as pay_exchange
from paemployer.services.rota import calendar_export, documents, view
from paemployer.services.tax import documents as tax_documents
from paemployer.services.tax import hmrc, year_end
from paemployer.store.db import open_employer_file

UI = Path(__file__).resolve().parents[2] / "paemployer" / "ui"


def _services_functions_the_ui_calls() -> dict[str, object]:
    """'module.function' → function, for every service function the UI calls with an open file."""
    found: dict[str, object] = {}
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules: dict[str, str] = {}  # local name → services module
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("paemployer.services"):
                for alias in node.names:
                    candidate = f"{node.module}.{alias.name}"
                    try:
                        modules[alias.asname or alias.name] = importlib.import_module(candidate).__name__
                    except ModuleNotFoundError:  # a name from the module, not a submodule
                        function = getattr(importlib.import_module(node.module), alias.name)
                        if inspect.isfunction(function):
                            found[f"{function.__module__}.{function.__name__}"] = function
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in modules):
                function = getattr(importlib.import_module(modules[node.func.value.id]), node.func.attr, None)
                if inspect.isfunction(function):
                    found[f"{function.__module__}.{function.__name__}"] = function
    return {name: function for name, function in found.items()
            if next(iter(inspect.signature(function).parameters), None) == "ef"}


def _rows_in(value, path="result") -> list[str]:
    """Where in a returned value (nested in dataclasses, tuples, lists, dicts) a SQLModel row or a dataclass
    that can be changed is."""
    if isinstance(value, SQLModel):
        return [f"{path}: {type(value).__name__} row"]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not value.__dataclass_params__.frozen:
            return [f"{path}: {type(value).__name__} is not frozen"]
        return [row for field in dataclasses.fields(value)
                for row in _rows_in(getattr(value, field.name), f"{path}.{field.name}")]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [row for index, item in enumerate(value) for row in _rows_in(item, f"{path}[{index}]")]
    if isinstance(value, dict):
        return [row for key, item in value.items() for row in _rows_in(item, f"{path}[{key!r}]")]
    return []


@pytest.fixture
def ef(tmp_path, today):
    employer_file = open_employer_file(write_demo_file(tmp_path / "demo.paemployer", today=today))
    employer_file.who = "tester"
    yield employer_file
    employer_file.close()


def _recipes(ef, today: date) -> dict[str, object]:
    """One call per service function the UI calls, in an order that leaves each the records it needs."""
    monday = today - timedelta(days=today.weekday())
    week = (datetime.combine(monday, time()), datetime.combine(monday + timedelta(days=7), time()))
    pa_id = records.list_pas(ef)[0].id
    other_pa_id = records.list_pas(ef)[1].id
    later = datetime.combine(monday + timedelta(days=21), time(9))
    state: dict[str, object] = {}

    def add_shift():
        state["shift"] = rota.add_shift(ef, pa_id=pa_id, start=later, end=later + timedelta(hours=3))
        return state["shift"]

    def add_training():
        state["training"] = records.add_training(ef, pa_id, course="First aid", completed_on=today)
        return state["training"]

    def add_reference():
        state["reference"] = records.add_reference(ef, pa_id, referee_name="A Referee", requested_on=today)
        return state["reference"]

    def add_contact():
        state["contact"] = records.add_cover_contact(ef, name="Cover Person", role="family", phone="01234 567890")
        return state["contact"]

    def add_step():
        state["step"] = records.add_contingency_step(ef, "PA does not arrive", "Ring the backup PA")
        return state["step"]

    def decide():
        warning = compliance.open_warnings(compliance.gather_warnings(ef, on=today))[0]
        state["decision"] = decisions.decide(ef, warning, decision="accepted", reason="Thought about it")
        return state["decision"]

    def add_pa():
        state["pa"] = records.add_pa(ef, first_name="New", last_name="Person", start_date=today)
        return state["pa"]

    now = datetime.combine(today, time(12))

    def record_payment():
        return hmrc.record_hmrc_payment(ef, "2026-27", 8, paid_on=today, amount=Decimal("1.00"), now=now)

    period_end = pay.recent_period_ends(ef, on=today)[0]  # the demo's current pay period: a draft for each PA
    out = ef.path.parent / "pay-out"

    def draft():
        state.setdefault("draft", pay.build_drafts(ef, period_end, now=now)[0])
        return state["draft"]

    def add_line():
        return pay.add_line(ef, draft().run_id, kind="expense", description="Bus fares", amount=Decimal("4.20"),
                            now=now)

    return {
        "paemployer.services.records.get_employer": lambda: records.get_employer(ef),
        "paemployer.services.records.update_employer": lambda: records.update_employer(ef, council="Council"),
        "paemployer.services.records.list_pas": lambda: records.list_pas(ef, employed_on=today),
        "paemployer.services.records.get_pa_record": lambda: records.get_pa_record(ef, pa_id),
        "paemployer.services.records.terms_in_force": lambda: records.terms_in_force(ef, pa_id, today),
        "paemployer.services.records.add_pa": add_pa,
        "paemployer.services.records.update_pa": lambda: records.update_pa(ef, state["pa"].id, phone="01234"),
        "paemployer.services.records.add_contract_terms": lambda: records.add_contract_terms(
            ef, state["pa"].id, effective_from=today, standard_rate=Decimal("13.00"), hours_per_week=Decimal(10)),
        "paemployer.services.records.change_terms_from": lambda: records.change_terms_from(
            ef, state["pa"].id, today + timedelta(days=30), standard_rate=Decimal("13.50")),
        "paemployer.services.records.update_contract_terms": lambda: records.update_contract_terms(
            ef, records.list_contract_terms(ef, state["pa"].id)[-1].id, standard_rate=Decimal("13.60")),
        "paemployer.services.records.add_training": add_training,
        "paemployer.services.records.update_training": lambda: records.update_training(
            ef, state["training"].id, course="First aid at work"),
        "paemployer.services.records.delete_training": lambda: records.delete_training(ef, state["training"].id),
        "paemployer.services.records.add_reference": add_reference,
        "paemployer.services.records.update_reference": lambda: records.update_reference(
            ef, state["reference"].id, received_on=today),
        "paemployer.services.records.delete_reference": lambda: records.delete_reference(ef, state["reference"].id),
        "paemployer.services.records.list_cover_contacts": lambda: records.list_cover_contacts(ef),
        "paemployer.services.records.add_cover_contact": add_contact,
        "paemployer.services.records.update_cover_contact": lambda: records.update_cover_contact(
            ef, state["contact"].id, notes="Evenings"),
        "paemployer.services.records.move_cover_contact": lambda: records.move_cover_contact(
            ef, state["contact"].id, "up"),
        "paemployer.services.records.reorder_cover_contacts": lambda: records.reorder_cover_contacts(
            ef, [c.id for c in reversed(records.list_cover_contacts(ef))]),
        "paemployer.services.records.delete_cover_contact": lambda: records.delete_cover_contact(
            ef, state["contact"].id),
        "paemployer.services.records.list_contingency_steps": lambda: records.list_contingency_steps(ef),
        "paemployer.services.records.add_contingency_step": add_step,
        "paemployer.services.records.update_contingency_step": lambda: records.update_contingency_step(
            ef, state["step"].id, step="Ring the backup PA first"),
        "paemployer.services.records.move_contingency_step": lambda: records.move_contingency_step(
            ef, state["step"].id, "up"),
        "paemployer.services.records.delete_contingency_step": lambda: records.delete_contingency_step(
            ef, state["step"].id),
        "paemployer.services.records.delete_pa": lambda: records.delete_pa(ef, state["pa"].id),
        "paemployer.services.rota.shifts.period": lambda: rota.period(ef, *week, working_time=True),
        "paemployer.services.rota.shifts.week": lambda: rota.week(ef, today),
        "paemployer.services.rota.shifts.support_schedule": lambda: rota.support_schedule(ef),
        "paemployer.services.rota.shifts.replace_support_schedule": lambda: rota.replace_support_schedule(
            ef, rota.support_schedule(ef)),
        "paemployer.services.rota.shifts.add_shift": add_shift,
        "paemployer.services.rota.shifts.get_shift": lambda: rota.get_shift(ef, state["shift"]),
        "paemployer.services.rota.shifts.edit_shift": lambda: rota.edit_shift(ef, state["shift"], notes="Bring keys"),
        "paemployer.services.rota.shifts.move_shift": lambda: rota.move_shift(
            ef, state["shift"], later + timedelta(hours=1)),
        "paemployer.services.rota.cover.cover_options": lambda: rota.cover_options(
            ef, rota.week(ef, today).shifts[0].key),
        "paemployer.services.rota.cover.record_cover": lambda: rota.record_cover(
            ef, state["shift"], covering_pa_id=other_pa_id),
        "paemployer.services.rota.shifts.cancel_shift": lambda: rota.cancel_shift(
            ef, rota.add_shift(ef, pa_id=pa_id, start=later + timedelta(days=1),
                               end=later + timedelta(days=1, hours=2))),
        "paemployer.services.rota.shifts.add_pattern": lambda: state.setdefault("pattern", rota.add_pattern(
            ef, pa_id=pa_id, rrule="FREQ=WEEKLY;BYDAY=SA", first_start=later, first_end=later + timedelta(hours=2))),
        "paemployer.services.rota.shifts.end_pattern": lambda: rota.end_pattern(
            ef, state["pattern"], later.date() + timedelta(days=28)),
        "paemployer.services.rota.timesheet.confirm_as_planned": lambda: rota.confirm_as_planned(
            ef, week[0] - timedelta(days=7), week[0], now=datetime.combine(today, time(12))),
        "paemployer.services.rota.timesheet.record_worked": lambda: rota.record_worked(
            ef, rota.week(ef, today - timedelta(days=7)).shifts[-1].key, now=datetime.combine(today, time(12))),
        "paemployer.services.rota.view.pattern_words": lambda: view.pattern_words(ef),
        "paemployer.services.rota.documents.weekly_rota": lambda: documents.weekly_rota(ef, today, today=today),
        "paemployer.services.rota.documents.emergency_plan": lambda: documents.emergency_plan(ef, today=today),
        "paemployer.services.rota.calendar_export.pa_calendar": lambda: calendar_export.pa_calendar(
            ef, pa_id, monday, monday + timedelta(days=6), stamp=datetime.combine(today, time(12))),
        "paemployer.services.pay.schedule.pay_schedule": lambda: pay.pay_schedule(ef),
        "paemployer.services.pay.schedule.update_pay_schedule": lambda: pay.update_pay_schedule(
            ef, pay_day="friday_after"),
        "paemployer.services.pay.schedule.recent_period_ends": lambda: pay.recent_period_ends(ef, on=today),
        "paemployer.services.pay.schedule.pas_paid_on": lambda: pay.pas_paid_on(ef, period_end),
        "paemployer.services.pay.runs.build_drafts": draft,
        "paemployer.services.pay.runs.runs_for_period": lambda: pay.runs_for_period(ef, period_end),
        "paemployer.services.pay.runs.get_run": lambda: pay.get_run(ef, draft().run_id),
        "paemployer.services.pay.runs.add_line": add_line,
        "paemployer.services.pay.runs.remove_line": lambda: pay.remove_line(
            ef, draft().run_id, len(pay.get_run(ef, draft().run_id).lines) - 1, now=now),
        "paemployer.services.pay.runs.set_deductions": lambda: pay.set_deductions(
            ef, draft().run_id, pay.Deductions(employee_pension=Decimal("1.00")), now=now),
        "paemployer.services.pay.runs.use_computed_deductions": lambda: pay.use_computed_deductions(
            ef, draft().run_id, now=now),
        "paemployer.services.pay.runs.shifts_for_line": lambda: pay.shifts_for_line(ef, draft().run_id, 0),
        # Finalised once the period has ended (not before: shifts could still be worked).
        "paemployer.services.pay.runs.finalise": lambda: pay.finalise(
            ef, draft().run_id, now=datetime.combine(pay.first_finalise_day(pay.get_run(ef, draft().run_id).period),
                                                     time(12))),
        "paemployer.services.pay.documents.write_payslips": lambda: pay_documents.write_payslips(
            ef, period_end, out, force=True, now=now),
        "paemployer.services.pay.documents.write_pay_summary": lambda: pay_documents.write_pay_summary(
            ef, period_end, out / "summary.pdf", force=True, now=now),
        "paemployer.services.pay.exchange.write_hours_export": lambda: pay_exchange.write_hours_export(
            ef, period_end, out / "hours.csv", force=True, now=now),
        "paemployer.services.compliance.gather_warnings": lambda: compliance.gather_warnings(ef, on=today),
        # The HMRC page (services/tax): the demo's finalised pay of 2026-27.
        "paemployer.services.tax.hmrc.hmrc_year": lambda: hmrc.hmrc_year(ef, "2026-27", today=today),
        "paemployer.services.tax.hmrc.fps_payments": lambda: hmrc.fps_payments(ef, "2026-27"),
        "paemployer.services.tax.hmrc.fps_figures": lambda: hmrc.fps_figures(
            ef, hmrc.fps_payments(ef, "2026-27")[0].run_id),
        "paemployer.services.tax.hmrc.mark_fps_sent": lambda: hmrc.mark_fps_sent(
            ef, hmrc.fps_payments(ef, "2026-27")[0].run_id, today, now=now),
        "paemployer.services.tax.hmrc.paper_return_figures": lambda: hmrc.paper_return_figures(ef, "2026-27", 3),
        "paemployer.services.tax.hmrc.record_hmrc_payment": record_payment,
        "paemployer.services.tax.hmrc.delete_hmrc_payment": lambda: hmrc.delete_hmrc_payment(
            ef, record_payment().id, now=now),
        "paemployer.services.tax.year_end.pas_for_p60": lambda: year_end.pas_for_p60(ef, "2026-27"),
        "paemployer.services.tax.documents.write_p60s": lambda: tax_documents.write_p60s(
            ef, "2026-27", out / "p60", force=True, today=date(2027, 4, 6)),  # made once the year has ended
        "paemployer.services.compliance.decisions.decide": decide,
        "paemployer.services.compliance.decisions.withdraw_decision": lambda: decisions.withdraw_decision(
            ef, state["decision"].id),
    }


def test_every_service_function_the_ui_calls_has_a_recipe_here(ef, today):
    missing = sorted(set(_services_functions_the_ui_calls()) - set(_recipes(ef, today)))
    assert not missing, f"add a call for each to _recipes: {missing}"


def test_nothing_the_ui_calls_returns_a_row(ef, today):
    rows = []
    for name, call in _recipes(ef, today).items():
        rows += [f"{name} → {where}" for where in _rows_in(call())]
    assert not rows, "these hand rows to the UI; return plain values (services/values.py):\n" + "\n".join(rows)


def test_the_walk_finds_what_the_ui_calls():
    called = _services_functions_the_ui_calls()
    assert {"paemployer.services.records.list_pas", "paemployer.services.rota.shifts.week",
            "paemployer.services.compliance.decisions.decide"} <= set(called)
