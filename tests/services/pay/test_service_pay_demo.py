"""The sample employer has a pay history: finalised pay for each whole period since the rota began, a draft for
the period running now, the shifts paid confirmed as worked, and no pay warning raised by it."""

from __future__ import annotations

from datetime import date

import pytest

from paemployer.services import pay
from paemployer.services.compliance import gather_warnings
from paemployer.services.demo import write_demo_file
from paemployer.store.db import open_employer_file

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.paemployer"
    write_demo_file(path, today=TODAY)
    with open_employer_file(path) as ef:
        yield ef


def test_earlier_periods_are_finalised_and_the_current_one_is_a_draft(demo):
    finalised = pay.runs_for_period(demo, date(2026, 11, 5))
    current = pay.runs_for_period(demo, date(2026, 12, 5))
    assert [run.pa_name for run in finalised] == ["Anita Kowalska", "Gareth Price", "Megan Hughes", "Rhys Morgan"]
    assert {run.status for run in finalised} == {pay.RunStatus.FINALISED}
    assert {run.status for run in current} == {pay.RunStatus.DRAFT}
    assert all(run.gross > 0 and run.minimum_wage.shortfall == 0 for run in finalised + current)
    # A period the rota only partly covers is not paid here (its shifts stay planned).
    assert pay.runs_for_period(demo, date(2026, 10, 5)) == []
    kinds = {line.kind for run in finalised + current for line in run.lines}
    assert {pay.LineKind.HOURS, pay.LineKind.SLEEP_IN, pay.LineKind.SLEEP_IN_WOKEN} <= kinds


def test_the_pay_history_raises_no_pay_warning(demo):
    codes = {warning.code for warning in gather_warnings(demo, on=TODAY)}
    assert not codes & {"PAYSLIP_MISSING", "PAY_RUN_NOT_FINALISED", "HOLIDAY_PAY_BELOW_AVERAGE", "NMW_SHORTFALL"}
