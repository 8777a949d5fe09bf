"""Pay runs over an employer file: building and rebuilding drafts, the states, corrections, lines the user adds,
deductions typed, and running the same period twice never paying twice."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from pay_records import (
    NOW,
    PAY_DATE,
    PERIOD_END,
    PERIOD_START,
    a_week_worked,
    add_pa,
    worked,
)
from sqlmodel import select

from paemployer.errors import NotFoundError, ValidationError
from paemployer.services import pay, records
from paemployer.store.models import AuditEntry, PayRun, PayRunLine


def _stored_runs(ef):
    with ef.session() as session:
        return session.exec(select(PayRun)).all()


def _audit(ef, action):
    with ef.session() as session:
        return [entry.summary for entry in session.exec(select(AuditEntry).where(AuditEntry.action == action))]


def test_a_draft_is_built_from_the_worked_shifts_of_the_period_and_stored(ef, pa):
    keys = a_week_worked(ef, pa.id)
    worked(ef, pa.id, PERIOD_START - timedelta(days=1))  # Sunday before: another period
    (run,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert (run.status, run.source) == (pay.RunStatus.DRAFT, pay.RunSource.COMPUTED)
    assert run.period == pay.PayPeriod(PERIOD_START, PERIOD_END, PAY_DATE, "weekly")
    (line,) = run.lines
    assert (line.kind, line.hours, line.rate, line.amount) == (pay.LineKind.HOURS, Decimal("22.50"),
                                                               Decimal("13.00"), Decimal("292.50"))
    assert set(line.shift_keys) == set(keys)
    assert run.minimum_wage.shortfall == 0
    assert pay.get_run(ef, run.run_id) == run
    assert pay.runs_for_period(ef, PERIOD_END) == [run]
    assert _audit(ef, "build") == ["Built the draft pay of Ceri Jones for 9 November 2026 to 15 November 2026"]


def test_planned_shifts_that_have_ended_are_not_paid_and_are_counted_as_unconfirmed(ef, pa):
    a_week_worked(ef, pa.id, days=1)
    worked(ef, pa.id, date(2026, 11, 12), status="planned")
    (run,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert run.lines[0].hours == Decimal("7.50")
    assert any("1 planned shift not yet confirmed" in note for note in run.notes)


def test_building_again_keeps_the_lines_added_and_the_deductions_typed_and_never_pays_twice(ef, pa):
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    pay.add_line(ef, draft.run_id, kind="expense", description="Bus fares", amount=Decimal("6.40"), now=NOW)
    pay.set_deductions(ef, draft.run_id, pay.Deductions(tax=Decimal("10.20"), employee_ni=Decimal("3.00")), now=NOW)
    worked(ef, pa.id, date(2026, 11, 14))  # a Saturday confirmed since: the rebuild pays it
    (again,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    (third,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert again == third and again.run_id == draft.run_id
    assert [line.kind for line in again.lines] == [pay.LineKind.HOURS, pay.LineKind.EXPENSE]
    assert again.lines[0].hours == Decimal("30.00")
    assert again.lines[1].added_by_user and again.lines[1].amount == Decimal("6.40")
    assert again.deductions.tax == Decimal("10.20") and again.deductions.source == "typed"
    assert again.gross == Decimal("396.40") and again.net == Decimal("383.20")
    assert len(_stored_runs(ef)) == 1
    with ef.session() as session:
        assert len(session.exec(select(PayRunLine)).all()) == 2


def test_building_again_with_nothing_changed_writes_nothing_and_audits_once(ef, pa):
    a_week_worked(ef, pa.id)
    (first,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    (again,) = pay.build_drafts(ef, PERIOD_END, now=NOW + timedelta(hours=1))
    assert again == first
    assert len(_audit(ef, "build")) == 1
    worked(ef, pa.id, date(2026, 11, 14))  # a change in the records: built again, and said
    pay.build_drafts(ef, PERIOD_END, now=NOW + timedelta(hours=2))
    assert len(_audit(ef, "build")) == 2


def test_a_line_the_user_added_can_be_removed_but_not_one_from_the_records(ef, pa):
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    run = pay.add_line(ef, draft.run_id, kind="bonus", description="Christmas", amount="25.00", now=NOW)
    assert run.lines[-1].counts_for_minimum_wage == Decimal("25.00")
    with pytest.raises(pay.PayRunRefused):
        pay.remove_line(ef, draft.run_id, 0, now=NOW)
    run = pay.remove_line(ef, draft.run_id, 1, now=NOW)
    assert [line.kind for line in run.lines] == [pay.LineKind.HOURS]


@pytest.mark.parametrize("changes, field", [
    ({"kind": "hours"}, "kind"), ({"amount": 6.4}, "amount"), ({"amount": "6.405"}, "amount"),
    ({"amount": "-1"}, "amount"), ({"description": "  "}, "description"), ({"amount": "lots"}, "amount"),
])
def test_a_bad_line_is_refused_and_changes_nothing(ef, pa, changes, field):
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    values = {"kind": "expense", "description": "Bus", "amount": "6.40"} | changes
    with pytest.raises(ValidationError) as refused:
        pay.add_line(ef, draft.run_id, **values, now=NOW)
    assert refused.value.field == field
    assert pay.get_run(ef, draft.run_id) == draft


def test_deductions_above_the_gross_or_in_part_pence_are_refused(ef, pa):
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    with pytest.raises(ValidationError):
        pay.set_deductions(ef, draft.run_id, pay.Deductions(tax=Decimal("300.00")), now=NOW)
    with pytest.raises(ValidationError):
        pay.set_deductions(ef, draft.run_id, pay.Deductions(tax=Decimal("1.001")), now=NOW)
    with pytest.raises(ValidationError) as refused:
        pay.set_deductions(ef, draft.run_id, pay.Deductions(other=Decimal("5.00")), now=NOW)
    assert refused.value.field == "other_description"
    assert pay.get_run(ef, draft.run_id) == draft


def test_an_approved_run_is_shown_as_stored_until_it_goes_back_to_draft(ef, pa):
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    approved = pay.approve(ef, draft.run_id, now=NOW)
    assert approved.status == pay.RunStatus.APPROVED
    worked(ef, pa.id, date(2026, 11, 14))
    (shown,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert shown == approved
    with pytest.raises(pay.PayRunRefused):
        pay.add_line(ef, draft.run_id, kind="expense", description="Bus", amount="1.00", now=NOW)
    pay.back_to_draft(ef, draft.run_id, now=NOW)
    (rebuilt,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert rebuilt.status == pay.RunStatus.DRAFT and rebuilt.lines[0].hours == Decimal("30.00")
    assert _audit(ef, "approve")


def test_a_finalised_run_never_changes_and_a_correction_is_a_new_run_linked_to_it(ef, pa):
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    finalised = pay.finalise(ef, draft.run_id, now=NOW)
    assert finalised.status == pay.RunStatus.FINALISED
    worked(ef, pa.id, date(2026, 11, 14))
    assert pay.build_drafts(ef, PERIOD_END, now=NOW) == [finalised]
    for change in (lambda: pay.add_line(ef, draft.run_id, kind="bonus", description="x", amount="1", now=NOW),
                   lambda: pay.approve(ef, draft.run_id, now=NOW),
                   lambda: pay.finalise(ef, draft.run_id, now=NOW)):
        with pytest.raises(pay.PayRunRefused):
            change()
    correction = pay.correct(ef, draft.run_id, now=NOW)
    assert correction.corrects_run_id == draft.run_id and correction.status == pay.RunStatus.DRAFT
    assert correction.lines[0].hours == Decimal("30.00")
    assert pay.get_run(ef, draft.run_id) == finalised  # kept as it was paid
    assert pay.runs_for_period(ef, PERIOD_END) == [correction]
    assert [run.run_id for run in pay.runs_for_pa(ef, pa.id)] == [draft.run_id, correction.run_id]
    assert pay.build_drafts(ef, PERIOD_END, now=NOW)[0].run_id == correction.run_id
    with pytest.raises(pay.PayRunRefused):
        pay.correct(ef, draft.run_id, now=NOW)
    assert len(_audit(ef, "finalise")) == 1 and len(_audit(ef, "correct")) == 1


def test_finalising_is_refused_on_a_shortfall_and_allowed_once_the_rate_is_fixed_and_rebuilt(ef):
    low = add_pa(ef, rate="11.00")
    a_week_worked(ef, low.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert draft.minimum_wage.shortfall == Decimal("38.48")  # 22.5 h x (12.71 - 11.00), rounded up
    with pytest.raises(pay.PayRunRefused) as refused:
        pay.finalise(ef, draft.run_id, now=NOW)
    assert "Ceri Jones" in refused.value.message and "£38.48 below the minimum wage" in refused.value.message
    assert pay.get_run(ef, draft.run_id).status == pay.RunStatus.DRAFT
    (terms,) = records.list_contract_terms(ef, low.id)
    records.update_contract_terms(ef, terms.id, standard_rate=Decimal("12.71"))
    finalised = pay.finalise(ef, draft.run_id, now=NOW)  # a draft is rebuilt before it is finalised
    assert finalised.status == pay.RunStatus.FINALISED and finalised.minimum_wage.shortfall == 0


def test_finalising_a_shortfall_is_allowed_with_a_decision_recorded_on_exactly_that_shortfall(ef):
    from paemployer.services.compliance.decisions import record_decision

    low = add_pa(ef, rate="11.00")
    a_week_worked(ef, low.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    record_decision(ef, code="NMW_SHORTFALL", subject=f"pa:{low.id}", fact="another shortfall", decision="accepted",
                    reason="not this one", at=NOW)
    with pytest.raises(pay.PayRunRefused):
        pay.finalise(ef, draft.run_id, now=NOW)
    record_decision(ef, code="NMW_SHORTFALL", subject=f"pa:{low.id}", fact=pay.shortfall_fact(draft),
                    decision="accepted", reason="back pay agreed for next week", at=NOW)
    assert pay.finalise(ef, draft.run_id, now=NOW).status == pay.RunStatus.FINALISED


def test_finalise_period_finalises_those_it_may_and_names_each_pa_refused(ef):
    fine = add_pa(ef, "Ann", "Lee")
    low = add_pa(ef, "Bo", "Ray", rate="11.00")
    a_week_worked(ef, fine.id)
    a_week_worked(ef, low.id)
    finalised, refusals = pay.finalise_period(ef, PERIOD_END, now=NOW)
    assert [run.pa_name for run in finalised] == ["Ann Lee"]
    assert [(refusal.pa_name, refusal.pa_id) for refusal in refusals] == [("Bo Ray", low.id)]
    assert "below the minimum wage" in refusals[0].reason
    statuses = {run.pa_name: run.status for run in pay.runs_for_period(ef, PERIOD_END)}
    assert statuses == {"Ann Lee": pay.RunStatus.FINALISED, "Bo Ray": pay.RunStatus.DRAFT}
    again, _refused = pay.finalise_period(ef, PERIOD_END, now=NOW)
    assert [run.run_id for run in again] == [finalised[0].run_id]  # never finalised (or paid) twice


def test_a_day_that_ends_no_period_is_refused_and_nothing_is_stored(ef, pa):
    a_week_worked(ef, pa.id)
    with pytest.raises(ValidationError) as refused:
        pay.build_drafts(ef, date(2026, 11, 14), now=NOW)
    assert refused.value.field == "period_end" and "15 November 2026" in refused.value.message
    assert _stored_runs(ef) == []


def test_only_the_pas_paid_that_day_and_employed_then_are_built(ef, pa):
    monthly = add_pa(ef, "Mo", "Nthly", frequency="monthly")
    assert [(pa_id, name) for pa_id, name, _period in pay.pas_paid_on(ef, PERIOD_END)] == [(pa.id, "Ceri Jones")]
    ((_id, _name, period),) = pay.pas_paid_on(ef, date(2026, 12, 5))
    assert (period.start, period.end, period.frequency) == (date(2026, 11, 6), date(2026, 12, 5), "monthly")
    assert pay.period_for(ef, monthly.id, date(2026, 12, 5)) == period
    with pytest.raises(ValidationError):
        pay.build_drafts(ef, PERIOD_END, pa_id=monthly.id, now=NOW)
    with pytest.raises(NotFoundError):
        pay.build_drafts(ef, PERIOD_END, pa_id=999, now=NOW)
    # The period containing the day looked at, then those before, of every frequency in use.
    assert pay.recent_period_ends(ef, on=date(2026, 11, 24), count=4) == [
        date(2026, 12, 5), date(2026, 11, 29), date(2026, 11, 22), date(2026, 11, 15)]


def test_the_pay_schedule_can_be_changed_and_bad_values_are_refused(ef):
    assert pay.pay_schedule(ef) == pay.PaySchedule("tax", "friday_after", date(2026, 4, 6))
    schedule = pay.update_pay_schedule(ef, months="calendar", pay_day="last_working_day")
    assert (schedule.months, schedule.pay_day) == ("calendar", "last_working_day")
    for bad in ({"months": "lunar"}, {"pay_day": "whenever"}):
        with pytest.raises(ValidationError):
            pay.update_pay_schedule(ef, **bad)
    assert pay.pay_schedule(ef) == schedule


def test_the_shifts_of_a_line_can_be_opened(ef, pa):
    keys = a_week_worked(ef, pa.id)
    (run,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    shifts = pay.shifts_for_line(ef, run.run_id, 0)
    assert [shift.key for shift in shifts] == list(run.lines[0].shift_keys) and set(keys) == {s.key for s in shifts}
    assert all(shift.start.date() >= PERIOD_START for shift in shifts)


def test_a_payroll_services_payslip_is_kept_once_and_replaced_only_when_asked(ef, pa):
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    payslip = pay.PayRun(pa_id=pa.id, pa_name="Ceri Jones", period=draft.period, lines=(),
                         deductions=pay.Deductions(tax=Decimal("12.00"), source="imported"),
                         minimum_wage=draft.minimum_wage, source=pay.RunSource.IMPORTED,
                         imported_gross=Decimal("292.50"), imported_net=Decimal("280.50"),
                         imported_hours=Decimal("22.5"))
    assert pay.save_imported(ef, payslip, replace=False, now=NOW) == "added"  # the draft built here gives way
    assert pay.save_imported(ef, payslip, replace=False, now=NOW) == "already_there"
    (stored,) = pay.runs_for_period(ef, PERIOD_END)
    assert (stored.status, stored.source, stored.gross, stored.net) == (
        pay.RunStatus.FINALISED, pay.RunSource.IMPORTED, Decimal("292.50"), Decimal("280.50"))
    different = pay.PayRun(**{**payslip.__dict__, "imported_net": Decimal("281.50"),
                              "deductions": pay.Deductions(tax=Decimal("11.00"), source="imported")})
    with pytest.raises(ValidationError):
        pay.save_imported(ef, different, replace=False, now=NOW)
    assert pay.save_imported(ef, different, replace=True, now=NOW) == "replaced"
    (now_standing,) = pay.runs_for_period(ef, PERIOD_END)
    assert now_standing.net == Decimal("281.50") and now_standing.corrects_run_id == stored.run_id
    assert len(pay.runs_for_pa(ef, pa.id)) == 2


def test_a_payroll_services_payslip_is_not_changed_here(ef, pa):
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    payslip = pay.PayRun(pa_id=pa.id, pa_name="Ceri Jones", period=draft.period, lines=(),
                         deductions=pay.Deductions(source="imported"), minimum_wage=None,
                         source=pay.RunSource.IMPORTED, imported_gross=Decimal("292.50"),
                         imported_net=Decimal("292.50"))
    pay.save_imported(ef, payslip, replace=False, now=NOW)
    (stored,) = pay.runs_for_period(ef, PERIOD_END)
    with pytest.raises(pay.PayRunRefused):
        pay.correct(ef, stored.run_id, now=NOW)
    with pytest.raises(pay.PayRunRefused):
        pay.add_line(ef, stored.run_id, kind="bonus", description="x", amount="1.00", now=NOW)


def test_every_write_is_one_transaction(ef, pa, monkeypatch):
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    from paemployer.services.pay import runs

    def broken_audit(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(runs.audit, "record", broken_audit)
    with pytest.raises(RuntimeError):
        pay.add_line(ef, draft.run_id, kind="expense", description="Bus", amount="3.00", now=NOW)
    with pytest.raises(RuntimeError):
        pay.build_drafts(ef, date(2026, 11, 22), now=NOW)
    assert pay.get_run(ef, draft.run_id) == draft
    assert len(_stored_runs(ef)) == 1



def test_a_period_is_not_finalised_before_its_last_day_or_its_pay_day(ef, pa):
    # The period ending 15 November 2027 (a typo of 2027 for 2026) is a year ahead: nothing is worked in it yet.
    ahead = date(2027, 11, 14)
    (draft,) = pay.build_drafts(ef, ahead, now=NOW)
    with pytest.raises(pay.PayRunRefused, match="cannot be finalised before 14 November 2027"):
        pay.finalise(ef, draft.run_id, now=NOW)
    finalised, refusals = pay.finalise_period(ef, ahead, now=NOW)
    assert finalised == [] and [refusal.pa_name for refusal in refusals] == ["Ceri Jones"]
    assert "14 November 2027" in refusals[0].reason and "the year too" in refusals[0].reason
    assert pay.get_run(ef, draft.run_id).status == pay.RunStatus.DRAFT and _audit(ef, "finalise") == []
    # On the period's last day (before its pay day) it may be finalised.
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    with pytest.raises(pay.PayRunRefused, match="15 November 2026"):
        pay.finalise(ef, draft.run_id, now=NOW.replace(day=14))
    assert pay.finalise(ef, draft.run_id, now=NOW.replace(day=15)).status == pay.RunStatus.FINALISED


def test_a_draft_holding_lines_added_or_deductions_typed_is_not_deleted_when_the_pay_frequency_changes(ef):
    monthly = add_pa(ef, frequency="monthly")
    a_week_worked(ef, monthly.id)
    month_end = date(2026, 12, 5)  # tax month 6 November to 5 December
    (draft,) = pay.build_drafts(ef, month_end, now=NOW)
    pay.add_line(ef, draft.run_id, kind="expense", description="Taxi to hospital", amount="42.50", now=NOW)
    records.change_terms_from(ef, monthly.id, date(2026, 11, 6), pay_frequency="weekly")
    with pytest.raises(ValidationError, match="already has pay for 6 November 2026 to 5 December 2026"):
        pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert pay.get_run(ef, draft.run_id).lines[-1].description == "Taxi to hospital"
    # Typed deductions are kept the same way; a draft with neither gives way, and the audit trail says so.
    pay.remove_line(ef, draft.run_id, len(pay.get_run(ef, draft.run_id).lines) - 1, now=NOW)
    pay.set_deductions(ef, draft.run_id, pay.Deductions(tax=Decimal("20.00")), now=NOW)
    with pytest.raises(ValidationError):
        pay.build_drafts(ef, PERIOD_END, now=NOW)
    pay.set_deductions(ef, draft.run_id, pay.Deductions(), now=NOW)
    (_weekly,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert [(run.period_start, run.period_end) for run in _stored_runs(ef)] == [(PERIOD_START, PERIOD_END)]
    assert _audit(ef, "delete") == [("Deleted the draft pay of Ceri Jones for 6 November 2026 to 5 December 2026: "
                                    "their pay frequency or the pay schedule changed, and the period is now "
                                    "9 November 2026 to 15 November 2026")]


def test_the_audit_trail_names_a_line_added_by_its_kinds_words(ef, pa):
    a_week_worked(ef, pa.id)
    (draft,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    pay.add_line(ef, draft.run_id, kind="expense", description="Taxi to hospital", amount="42.50", now=NOW)
    assert _audit(ef, "change")[-1:] == [("Added a line to the pay of Ceri Jones for 9 November 2026 to 15 November 2026: "
                                    "Expense paid back, £42.50")]


def test_accommodation_in_the_contract_terms_reaches_the_minimum_wage_check(ef, pa):
    a_week_worked(ef, pa.id)
    terms = records.terms_in_force(ef, pa.id, PERIOD_END)
    records.update_contract_terms(ef, terms.id, accommodation_provided=True)
    (run,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert run.minimum_wage.pay_counted == Decimal("292.50") + 7 * Decimal("11.10")  # the 2026/27 daily offset


def test_an_accommodation_charge_without_accommodation_provided_is_refused_and_changes_nothing(ef, pa):
    terms = records.terms_in_force(ef, pa.id, PERIOD_END)
    with pytest.raises(ValidationError) as refused:
        records.update_contract_terms(ef, terms.id, accommodation_charge_per_day=Decimal("5.00"))
    assert refused.value.field == "accommodation_charge_per_day"
    assert records.terms_in_force(ef, pa.id, PERIOD_END).accommodation_charge_per_day is None
