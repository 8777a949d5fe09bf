"""Warnings from pay, each raised when it should be and silent when all is well: NMW_SHORTFALL on pay made,
HOLIDAY_PAY_BELOW_AVERAGE, PAY_RUN_NOT_FINALISED and PAYSLIP_MISSING; and the warnings centre shows them."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from pay_records import (
    NOW,
    PAY_DATE,
    PERIOD_END,
    PERIOD_START,
    a_week_worked,
    add_pa,
    leave,
    worked,
)

from paemployer.services import pay, records
from paemployer.services.compliance import gather_warnings
from paemployer.services.compliance.catalogue import CATALOGUE

TODAY = date(2026, 11, 24)


def _codes(ef, on=TODAY):
    return sorted(finding.code for finding in pay.pay_findings(ef, on=on))


def test_every_code_the_pay_service_raises_is_catalogued():
    source = (Path(pay.__file__).parent / "findings.py").read_text()
    raised = set(re.findall(r'Finding\(\s*"([A-Z0-9_]+)"', source)) | {pay.NMW_SHORTFALL}
    assert raised == {"NMW_SHORTFALL", "PAY_RUN_NOT_FINALISED", "PAYSLIP_MISSING", "HOLIDAY_PAY_BELOW_AVERAGE"}
    assert raised <= set(CATALOGUE)


def test_nothing_is_said_when_pay_is_built_in_time_finalised_and_at_the_minimum(ef, pa):
    a_week_worked(ef, pa.id)
    pay.finalise_period(ef, PERIOD_END, now=NOW)
    assert _codes(ef) == []


def test_a_shortfall_on_the_pay_made_warns_with_the_period_and_the_pounds(ef):
    low = add_pa(ef, rate="11.00")
    a_week_worked(ef, low.id)
    (run,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    (finding,) = [f for f in pay.pay_findings(ef, on=TODAY) if f.code == "NMW_SHORTFALL"]
    assert finding.subject == f"pa:{low.id}" and finding.fact == pay.shortfall_fact(run)
    assert finding.params["shortfall"] == Decimal("38.48") and finding.params["pay_made"]
    warning = next(w for w in gather_warnings(ef, on=TODAY)
                   if w.code == "NMW_SHORTFALL" and w.action_target.page == "pay")
    assert warning.title == "Ceri Jones's pay for 9 November 2026 to 15 November 2026 is £38.48 below the minimum wage"
    assert "£285.98" in warning.explanation and "back pay" in warning.action
    assert warning.action_target.page == "pay" and warning.action_target.record_id == run.run_id
    assert "section" in warning.basis and "17" in warning.basis


def test_a_decided_shortfall_keeps_showing_as_decided_once_finalised(ef):
    from paemployer.services.compliance.decisions import record_decision

    low = add_pa(ef, rate="11.00")
    a_week_worked(ef, low.id)
    (run,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    record_decision(ef, code="NMW_SHORTFALL", subject=f"pa:{low.id}", fact=pay.shortfall_fact(run),
                    decision="accepted", reason="paying it back next week", at=NOW)
    pay.finalise(ef, run.run_id, now=NOW)
    # The contract rate's own warning stays open; the one on the pay made is decided.
    (warning,) = [w for w in gather_warnings(ef, on=TODAY)
                  if w.code == "NMW_SHORTFALL" and w.action_target.page == "pay"]
    assert warning.decided


def test_earlier_arrears_are_named_and_paid_back_arrears_are_not(ef):
    from paemployer.services.compliance.decisions import record_decision

    low = add_pa(ef, rate="11.00")
    a_week_worked(ef, low.id, monday=PERIOD_START - timedelta(days=7))
    a_week_worked(ef, low.id)
    (first,) = pay.build_drafts(ef, PERIOD_END - timedelta(days=7), now=NOW)
    record_decision(ef, code="NMW_SHORTFALL", subject=f"pa:{low.id}", fact=pay.shortfall_fact(first),
                    decision="accepted", reason="r", at=NOW)
    pay.finalise(ef, first.run_id, now=NOW)
    (second,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert second.minimum_wage.earlier_arrears == Decimal("38.48")
    warning = next(w for w in gather_warnings(ef, on=TODAY)
                   if w.code == "NMW_SHORTFALL" and w.action_target.page == "pay" and not w.decided)
    assert "still owe £38.48" in warning.explanation
    pay.add_line(ef, second.run_id, kind="back_pay", description="Arrears for 2 to 8 November",
                 amount="38.48", now=NOW)
    (terms,) = records.list_contract_terms(ef, low.id)
    records.update_contract_terms(ef, terms.id, standard_rate=Decimal("12.71"))
    paid_back = pay.finalise(ef, second.run_id, now=NOW)
    (third,) = pay.build_drafts(ef, PERIOD_END + timedelta(days=7), now=NOW)
    assert paid_back.minimum_wage.shortfall == 0 and third.minimum_wage.earlier_arrears == 0


def test_a_run_not_finalised_after_its_pay_day_warns_and_finalising_it_silences_it(ef, pa):
    a_week_worked(ef, pa.id)
    (run,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert _codes(ef, on=PAY_DATE) == []  # on the pay day itself there is still time
    assert _codes(ef) == ["PAY_RUN_NOT_FINALISED"]
    warning = next(w for w in gather_warnings(ef, on=TODAY) if w.code == "PAY_RUN_NOT_FINALISED")
    assert "still a draft" in warning.explanation and warning.action_target.page == "pay"
    pay.finalise(ef, run.run_id, now=NOW)
    assert _codes(ef) == []


def test_hours_worked_in_a_period_with_no_pay_at_all_warn_once_per_pa(ef, pa):
    a_week_worked(ef, pa.id, monday=PERIOD_START - timedelta(days=7))
    a_week_worked(ef, pa.id)
    findings = pay.pay_findings(ef, on=TODAY)
    assert [f.code for f in findings] == ["PAYSLIP_MISSING"]
    assert findings[0].params["count"] == 2 and findings[0].params["period_end"] == PERIOD_END
    warning = next(w for w in gather_warnings(ef, on=TODAY) if w.code == "PAYSLIP_MISSING")
    assert warning.title == "No pay is recorded for Ceri Jones for 2 pay periods"
    pay.finalise_period(ef, PERIOD_END - timedelta(days=7), now=NOW)
    pay.finalise_period(ef, PERIOD_END, now=NOW)
    assert _codes(ef) == []


def test_a_period_not_yet_paid_is_not_missing(ef, pa):
    a_week_worked(ef, pa.id, monday=date(2026, 11, 16))  # paid on Friday 27 November
    assert _codes(ef) == []


def test_pay_older_than_thirteen_months_is_history_not_a_warning(ef, pa):
    a_week_worked(ef, pa.id)
    assert _codes(ef, on=date(2027, 12, 24)) == []


def _irregular_pa_with_history(ef):
    irregular = add_pa(ef, "Iris", "Reg", hours_type="irregular")
    for week in range(1, 9):
        a_week_worked(ef, irregular.id, monday=PERIOD_START - timedelta(days=7 * week), days=5)
    a_week_worked(ef, irregular.id, days=2)
    leave(ef, irregular.id, date(2026, 11, 12), date(2026, 11, 13), days="2", hours="15")
    return irregular


def test_holiday_pay_paid_here_at_the_average_is_silent(ef):
    irregular = _irregular_pa_with_history(ef)
    (run,) = pay.build_drafts(ef, PERIOD_END, pa_id=irregular.id, now=NOW)
    assert any(line.kind == pay.LineKind.HOLIDAY_PAY for line in run.lines)
    pay.finalise(ef, run.run_id, now=NOW)
    assert "HOLIDAY_PAY_BELOW_AVERAGE" not in _codes(ef)


def test_a_payslip_paying_holiday_below_the_average_warns(ef):
    irregular = _irregular_pa_with_history(ef)
    (run,) = pay.build_drafts(ef, PERIOD_END, pa_id=irregular.id, now=NOW)
    work = sum(line.amount for line in run.lines if line.kind == pay.LineKind.HOURS)
    payslip = pay.PayRun(pa_id=irregular.id, pa_name="Iris Reg", period=run.period, lines=(),
                         deductions=pay.Deductions(source="imported"), minimum_wage=run.minimum_wage,
                         source=pay.RunSource.IMPORTED, imported_gross=work + Decimal("100.00"),
                         imported_net=work + Decimal("100.00"))
    pay.save_imported(ef, payslip, replace=False, now=NOW)
    (finding,) = [f for f in pay.pay_findings(ef, on=TODAY) if f.code == "HOLIDAY_PAY_BELOW_AVERAGE"]
    assert finding.params["average_per_hour"] == Decimal("13.00")
    assert finding.params["paid_per_hour"] == Decimal("6.67")
    warning = next(w for w in gather_warnings(ef, on=TODAY) if w.code == "HOLIDAY_PAY_BELOW_AVERAGE")
    assert "£6.67 an hour" in warning.explanation and "£13.00" in warning.explanation


def test_shifts_worked_in_a_finalised_period_that_no_line_pays_are_warned_of(ef):
    pa = add_pa(ef)
    a_week_worked(ef, pa.id)
    pay.finalise_period(ef, PERIOD_END, now=NOW)
    worked(ef, pa.id, date(2026, 11, 13))  # confirmed after the pay was finalised
    (finding,) = [f for f in pay.pay_findings(ef, on=TODAY) if f.code == "PAYSLIP_MISSING"]
    assert finding.params["unpaid_shifts"] and finding.overdue
    warning = next(w for w in gather_warnings(ef, on=TODAY) if w.code == "PAYSLIP_MISSING")
    assert warning.title == ("Ceri Jones has shifts in 9 November 2026 to 15 November 2026 that were not paid")
    assert "after its pay was finalised" in warning.explanation
    assert "back pay" in warning.action and "correction" in warning.action
    # A correction pays them: the warning goes.
    run = pay.runs_for_period(ef, PERIOD_END)[0]
    correction = pay.correct(ef, run.run_id, now=NOW)
    pay.finalise(ef, correction.run_id, now=NOW)
    assert _codes(ef) == []


def test_a_finalised_period_whose_shifts_are_all_paid_warns_of_none_unpaid(ef):
    pa = add_pa(ef, sleep_in_allowance=Decimal("50.00"))
    a_week_worked(ef, pa.id)
    worked(ef, pa.id, date(2026, 11, 12), start_hour=22, hours=9, break_minutes=0, kind="sleep_in")
    worked(ef, pa.id, date(2026, 11, 13), start_hour=18, hours=4, break_minutes=0, kind="on_call")  # not called
    pay.finalise_period(ef, PERIOD_END, now=NOW)
    assert _codes(ef) == []


def test_a_shortfall_paid_back_in_a_later_finalised_run_stops_warning_and_that_run_owes_nothing_earlier(ef):
    from paemployer.services.compliance.decisions import record_decision

    low = add_pa(ef, rate="11.00")
    a_week_worked(ef, low.id, monday=PERIOD_START - timedelta(days=7))
    a_week_worked(ef, low.id)
    (first,) = pay.build_drafts(ef, PERIOD_END - timedelta(days=7), now=NOW)
    record_decision(ef, code="NMW_SHORTFALL", subject=f"pa:{low.id}", fact=pay.shortfall_fact(first),
                    decision="accepted", reason="paying it back next week", at=NOW)
    pay.finalise(ef, first.run_id, now=NOW)
    (terms,) = records.list_contract_terms(ef, low.id)
    records.update_contract_terms(ef, terms.id, standard_rate=Decimal("12.71"))
    (second,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    assert second.minimum_wage.earlier_arrears == Decimal("38.48")
    second = pay.add_line(ef, second.run_id, kind="back_pay", description="Arrears for 2 to 8 November",
                          amount="38.48", now=NOW)
    # The run paying the arrears counts its own back pay against them.
    assert second.minimum_wage.earlier_arrears == 0 and "still owe" not in second.minimum_wage.note
    pay.finalise(ef, second.run_id, now=NOW)
    assert [f for f in pay.pay_findings(ef, on=TODAY) if f.code == "NMW_SHORTFALL"] == []


def test_a_shortfall_part_paid_back_warns_of_what_is_still_owed(ef):
    from paemployer.services.compliance.decisions import record_decision

    low = add_pa(ef, rate="11.00")
    a_week_worked(ef, low.id, monday=PERIOD_START - timedelta(days=7))
    a_week_worked(ef, low.id)
    (first,) = pay.build_drafts(ef, PERIOD_END - timedelta(days=7), now=NOW)
    record_decision(ef, code="NMW_SHORTFALL", subject=f"pa:{low.id}", fact=pay.shortfall_fact(first),
                    decision="accepted", reason="r", at=NOW)
    pay.finalise(ef, first.run_id, now=NOW)
    (terms,) = records.list_contract_terms(ef, low.id)
    records.update_contract_terms(ef, terms.id, standard_rate=Decimal("12.71"))
    (second,) = pay.build_drafts(ef, PERIOD_END, now=NOW)
    pay.add_line(ef, second.run_id, kind="back_pay", description="Part of the arrears", amount="8.48", now=NOW)
    pay.finalise(ef, second.run_id, now=NOW)
    (finding,) = [f for f in pay.pay_findings(ef, on=TODAY) if f.code == "NMW_SHORTFALL"]
    assert finding.record_id == first.run_id and finding.params["shortfall"] == Decimal("30.00")
