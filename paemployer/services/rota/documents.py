"""Builds the emergency plan and the weekly rota PDFs from an employer file (documents/ only draws them)."""

from __future__ import annotations

from datetime import date, timedelta

from paemployer.documents.emergency_plan import EmergencyPlanData, PlanContact, PlanStep, emergency_plan_pdf
from paemployer.documents.weekly_rota import RotaCell, RotaRow, WeeklyRotaData, weekly_rota_pdf
from paemployer.i18n import _
from paemployer.labels import cover_role_label, shift_kind_label
from paemployer.services import records, rota
from paemployer.services.rota.engine import Gap, RotaShift, clock_range, day_label
from paemployer.services.rota.view import status_words
from paemployer.store import queries


def emergency_plan_data(ef, *, today: date) -> EmergencyPlanData:
    with ef.session() as session:
        employer = queries.get_employer(session=session)
        contacts = tuple(
            PlanContact(c.name, cover_role_label(c.role), c.phone, c.phone_other, c.available_when, c.can_help_with)
            for c in queries.cover_contacts(session=session)
        )
        by_scenario: dict[str, list[str]] = {}
        for row in queries.contingency_steps(session=session):
            by_scenario.setdefault(row.scenario, []).append(row.step)
    address = ", ".join(part for part in (employer.address.replace("\n", ", "), employer.postcode) if part)
    return EmergencyPlanData(
        person_name=employer.name, address=address, home_phone=employer.phone, contacts=contacts,
        essentials=employer.stand_in_essentials, printed_on=today,
        steps=tuple(PlanStep(scenario, tuple(steps)) for scenario, steps in by_scenario.items()),
    )


def emergency_plan(ef, *, today: date) -> bytes:
    """The one-page emergency plan as PDF bytes."""
    return emergency_plan_pdf(emergency_plan_data(ef, today=today))


def weekly_rota_data(ef, day: date, *, today: date) -> WeeklyRotaData:
    view = rota.week(ef, day)
    monday = view.start.date()
    people: dict[str, list[list[RotaShift]]] = {}
    for shift in view.shifts:
        if not (monday <= shift.start.date() < monday + timedelta(days=7)):
            continue  # last Sunday's night shows on Sunday's rota, not this Monday's
        days = people.setdefault(shift.who, [[] for _day in range(7)])
        days[shift.start.weekday()].append(shift)
    rows = tuple(
        RotaRow(person, tuple(tuple(RotaCell(clock_range(s.start, s.end), shift_kind_label(s.kind), status_words(s.status))
                                    for s in shifts) for shifts in days))
        for person, days in sorted(people.items())
    )
    gaps: list[list[str]] = [[] for _day in range(7)]
    for gap in view.gaps:
        gaps[gap.start.weekday()].append(_gap_text(gap))
    headings = tuple(day_label(monday + timedelta(days=i)) for i in range(7))
    return WeeklyRotaData(records.get_employer(ef).name, monday, headings, rows,
                          tuple(tuple(g) for g in gaps), today)


def _gap_text(gap: Gap) -> str:
    return _("{times} ({count} missing)").format(times=clock_range(gap.start, gap.end), count=gap.people_missing)


def weekly_rota(ef, day: date, *, today: date) -> bytes:
    """The week containing `day` as a landscape PDF."""
    return weekly_rota_pdf(weekly_rota_data(ef, day, today=today))
