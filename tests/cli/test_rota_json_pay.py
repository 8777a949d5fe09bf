"""Issue 8 item 12: a shift someone else covered pays the person who came, once, in `rota --json`."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from paemployer.cli import main
from paemployer.services import rota
from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, CoverContact, Employer


@pytest.fixture
def employer_path(tmp_path):
    path = tmp_path / "pay.paemployer"
    ef = open_employer_file(path, create=True)
    with ef.session() as session:
        session.add(Employer(name="Eleri Davies"))
        session.add(PA(first_name="Ann", last_name="Lee"))
        session.add(PA(first_name="Bo", last_name="Evans"))
        session.add(CoverContact(name="Siân Roberts", phone="07700 900610", priority=1))
    covered = rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 23, 9), end=datetime(2026, 11, 23, 12))
    rota.record_cover(ef, covered, covering_pa_id=2)
    missed = rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 24, 9), end=datetime(2026, 11, 24, 11))
    rota.record_cover(ef, missed)  # nobody covers: nobody is paid for it
    by_contact = rota.add_shift(ef, pa_id=2, start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10))
    rota.record_cover(ef, by_contact, cover_contact_id=1)
    rota.add_shift(ef, pa_id=2, start=datetime(2026, 11, 26, 9), end=datetime(2026, 11, 26, 13))
    rota.add_shift(ef, pa_id=None, start=datetime(2026, 11, 27, 9), end=datetime(2026, 11, 27, 12))  # nobody yet
    ef.close()
    return path


def _week(path, capsys) -> list[dict]:
    assert main(["rota", str(path), "--week", "2026-11-23", "--json"]) == 0
    return json.loads(capsys.readouterr().out)["shifts"]


def test_a_covered_shift_pays_only_the_person_who_came(employer_path, capsys):
    shifts = _week(employer_path, capsys)
    paid = {}
    for shift in shifts:
        who = shift["pa"] or shift["cover_contact"]
        paid[who] = paid.get(who, 0) + shift["paid_minutes"]
    # Bo came for Ann's 3 hours and worked 4 of his own; Siân came for Bo's hour; Ann's missed 2 hours pay nobody.
    assert paid == {"Ann Lee": 0, "Bo Evans": 7 * 60, "Siân Roberts": 60, None: 0}  # nobody yet on Friday: unpaid
    assert sum(s["paid_minutes"] for s in shifts) == (3 + 4 + 1) * 60


def test_a_shift_nobody_came_to_counts_no_working_time(employer_path, capsys):
    for shift in _week(employer_path, capsys):
        if shift["status"] in ("covered", "absent", "cancelled") or not (shift["pa"] or shift["cover_contact"]):
            assert (shift["paid_minutes"], shift["working_minutes"]) == (0, 0), shift
        else:
            assert shift["paid_minutes"] == shift["working_minutes"] > 0, shift


def test_the_rota_shift_itself_pays_only_a_shift_someone_came_to(employer_path):
    with open_employer_file(employer_path) as ef:
        shifts = rota.shifts_between(ef, datetime(2026, 11, 23), datetime(2026, 11, 30))
    assert {s.status: s.paid_minutes for s in shifts if not s.is_active} == {"covered": 0, "absent": 0}
    assert sum(s.paid_minutes for s in shifts) == (3 + 4 + 1) * 60


def test_a_shift_with_nobody_on_it_pays_nobody_in_the_json(employer_path, capsys):
    nobody = [s for s in _week(employer_path, capsys) if s["pa"] is None and s["cover_contact"] is None]
    assert [(s["start"], s["paid_minutes"], s["working_minutes"]) for s in nobody] == [("2026-11-27T09:00", 0, 0)]


def test_a_night_across_two_weeks_is_paid_in_the_week_it_starts(tmp_path, capsys):
    path = tmp_path / "night.paemployer"
    ef = open_employer_file(path, create=True)
    with ef.session() as session:
        session.add(PA(first_name="Ann", last_name="Lee"))
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 11, 29, 22), end=datetime(2026, 11, 30, 7))  # Sun -> Mon
    rota.add_shift(ef, pa_id=1, start=datetime(2026, 12, 1, 9), end=datetime(2026, 12, 1, 12))
    ef.close()
    paid = 0
    for week in ("2026-11-23", "2026-11-30"):
        assert main(["rota", str(path), "--week", week, "--json"]) == 0
        shifts = json.loads(capsys.readouterr().out)["shifts"]
        paid += sum(s["paid_minutes"] for s in shifts if s["starts_in_week"])
        # The night is listed in both weeks (the rota shows it there) but starts only in the first.
        assert [(s["start"], s["starts_in_week"]) for s in shifts if s["start"] == "2026-11-29T22:00"] == [
            ("2026-11-29T22:00", week == "2026-11-23")]
    assert paid == (9 + 3) * 60


def test_a_clash_lists_its_shifts_with_the_same_fields(employer_path, capsys):
    with open_employer_file(employer_path) as ef:
        rota.add_shift(ef, pa_id=2, start=datetime(2026, 11, 26, 12), end=datetime(2026, 11, 26, 14))
    assert main(["rota", str(employer_path), "--week", "2026-11-23", "--json"]) == 0
    week = json.loads(capsys.readouterr().out)
    assert week["clashes"] and all(set(s) == set(week["shifts"][0]) for c in week["clashes"] for s in c["shifts"])
