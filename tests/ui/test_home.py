"""The home page lists the warnings, records a risk decision, and brings a warning back when its fact changes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlmodel import select

from paemployer.store.db import open_employer_file
from paemployer.store.models import PA, ContractTerms, CoverContact, Employer, PensionStatus, RiskDecision
from paemployer.ui.operations import Operations
from paemployer.ui.page_base import AppContext
from paemployer.ui.home.page import HomePage

pytestmark = pytest.mark.gui


@pytest.fixture
def ef(tmp_path):
    employer_file = open_employer_file(tmp_path / "home.paemployer", create=True)
    with employer_file.session() as session:
        session.add(Employer(name="Rhian Evans", el_insurer="PA Cover", el_expiry=date(2026, 12, 20),
                             pension_duties_start=date(2025, 1, 6), declaration_of_compliance_date=date(2025, 2, 1)))
        pa = PA(first_name="Dai", last_name="Hughes", start_date=date(2025, 1, 6), right_to_work_checked_on=None,
                background_check_declined=True, pension_status=PensionStatus.ENROLLED)
        session.add(pa)
        session.flush()
        session.add(ContractTerms(pa_id=pa.id, effective_from=date(2025, 1, 6), standard_rate=Decimal("13.00"),
                                  issued_on=date(2025, 1, 2)))
        session.add(CoverContact(name="Ann", priority=1, last_confirmed=date(2026, 10, 1)))
    yield employer_file
    employer_file.close()


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, *args):
        self.calls.append(args)


@pytest.fixture
def make_home(qtbot, today):
    """make_home(employer_file): the home page on that file, shown with its warnings loaded; it records
    where its buttons navigate and what it says in the status bar."""

    def make(employer_file):
        operations = Operations()
        navigate, status = Recorder(), Recorder()
        context = AppContext(file=employer_file, operations=operations, settings=None, today=lambda: today,
                             navigate=lambda name, record_id=None: navigate(name, record_id), status=status)
        home = HomePage(context)
        operations.changed.connect(home.on_changed)
        home.navigate_calls, home.status_calls = navigate.calls, status.calls
        qtbot.addWidget(home)
        home.resize(1100, 800)
        home.show()
        home.refresh()
        qtbot.waitUntil(lambda: bool(home.cards))
        return home

    return make


@pytest.fixture
def page(make_home, ef):
    return make_home(ef)


def test_lists_the_warnings_grouped_by_urgency(page):
    codes = [card.warning.code for card in page.cards]
    assert codes == ["RIGHT_TO_WORK_MISSING", "EL_INSURANCE_EXPIRING"]
    assert page.findChild(type(page.summary), "group_act_now").text() == "Act now (1)"
    assert page.findChild(type(page.summary), "group_act_soon").text() == "Act soon (1)"
    assert "1 needs acting on now" in page.summary.text()
    # The start-up message: how many need acting on now, in the status bar.
    assert page.status_calls and "1 needs acting on now" in page.status_calls[-1][0]
    el = page.card_for("EL_INSURANCE_EXPIRING")
    assert "20 December 2026" in el.about_label.text()


def test_every_button_has_an_accessible_name_and_takes_focus(page):
    for card in page.cards:
        for widget in (card.decide_button, card.basis_button):
            assert widget.accessibleName() and card.warning.title in widget.accessibleName()
            assert widget.focusPolicy() != widget.focusPolicy().NoFocus


def test_go_there_button_opens_the_record(page, qtbot):
    card = page.card_for("RIGHT_TO_WORK_MISSING")
    if card.go_button is None:
        pytest.skip("the PAs page is not registered in this build")
    card.go_button.click()
    assert page.navigate_calls == [("pas", card.warning.action_target.record_id)]


def test_deciding_moves_a_warning_to_decided_and_changing_the_fact_brings_it_back(page, qtbot, ef):
    page.card_for("EL_INSURANCE_EXPIRING").decide_button.click()
    dialog = page.decision_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.schedule_choice.setChecked(True)
    dialog.review_on.set_value(date(2026, 12, 10))
    qtbot.keyClicks(dialog.reason, "Broker is sending the renewal")
    dialog.save()
    qtbot.waitUntil(lambda: page.card_for("EL_INSURANCE_EXPIRING", decided=True) is not None)
    assert page.findChild(type(page.summary), "group_decided").text() == "Decided (1)"
    decided = page.card_for("EL_INSURANCE_EXPIRING", decided=True)
    assert "10 December 2026" in decided.decision_label.text()
    with ef.session() as session:
        [row] = session.exec(select(RiskDecision)).all()
        assert row.reason == "Broker is sending the renewal"

    # A new policy with a different expiry: the decision was about the old facts.
    with ef.session() as session:
        employer = session.exec(select(Employer)).first()
        employer.el_expiry = date(2027, 1, 5)
        session.add(employer)
    page.on_changed(frozenset({"employer"}))
    qtbot.waitUntil(lambda: page.card_for("EL_INSURANCE_EXPIRING", decided=False) is not None)
    assert page.card_for("EL_INSURANCE_EXPIRING", decided=True) is None


def test_accepting_needs_a_reason_shown_at_the_field(page, qtbot):
    page.card_for("RIGHT_TO_WORK_MISSING").decide_button.click()
    dialog = page.decision_dialog
    dialog.accept_choice.setChecked(True)
    assert not dialog.save()
    assert dialog.isVisible()
    assert "why you accept" in dialog.fields.banner.text()
    assert page.card_for("RIGHT_TO_WORK_MISSING", decided=False) is not None


def test_reopen_withdraws_the_decision(page, qtbot):
    page.card_for("RIGHT_TO_WORK_MISSING").decide_button.click()
    dialog = page.decision_dialog
    dialog.accept_choice.setChecked(True)
    qtbot.keyClicks(dialog.reason, "Checked on paper, recording later")
    assert dialog.save()
    qtbot.waitUntil(lambda: page.card_for("RIGHT_TO_WORK_MISSING", decided=True) is not None)
    assert "0 need acting on now" in page.summary.text()
    page.card_for("RIGHT_TO_WORK_MISSING", decided=True).decide_button.click()
    qtbot.waitUntil(lambda: page.card_for("RIGHT_TO_WORK_MISSING", decided=False) is not None)


# The demo file: the home screen and `paemployer check --json` show the same warnings. ----------------------

@pytest.fixture
def demo_page(make_home, tmp_path, today):
    from paemployer.services.demo import write_demo_file

    path = tmp_path / "demo.paemployer"
    write_demo_file(path, today=today)
    demo_file = open_employer_file(path)
    home = make_home(demo_file)
    home.demo_path = path
    yield home
    demo_file.close()


def test_home_lists_the_demo_warnings_as_check_json_does(demo_page, capsys, today):
    import json

    from paemployer.cli import main

    on_screen = {(c.warning.code, c.warning.subject_name, c.warning.title, c.warning.decided) for c in demo_page.cards}
    assert {code for code, *_ in on_screen} >= {"EL_INSURANCE_EXPIRING", "RIGHT_TO_WORK_MISSING"}
    code = main(["check", str(demo_page.demo_path), "--on", today.isoformat(), "--json"])
    from_cli = {(w["code"], w["subject"], w["title"], w["decided"]) for w in json.loads(capsys.readouterr().out)}
    assert code == 1
    assert on_screen == from_cli


def test_demo_decision_moves_a_warning_and_check_agrees(demo_page, qtbot, capsys, today):
    import json

    from paemployer.cli import main

    demo_page.card_for("RIGHT_TO_WORK_MISSING").decide_button.click()
    dialog = demo_page.decision_dialog
    dialog.schedule_choice.setChecked(True)
    dialog.review_on.set_value(date(2026, 11, 30))
    qtbot.keyClicks(dialog.reason, "Gareth is bringing his passport on Friday")
    assert dialog.save()
    qtbot.waitUntil(lambda: demo_page.card_for("RIGHT_TO_WORK_MISSING", decided=True) is not None)
    main(["check", str(demo_page.demo_path), "--on", today.isoformat(), "--json"])
    [rtw] = [w for w in json.loads(capsys.readouterr().out) if w["code"] == "RIGHT_TO_WORK_MISSING"]
    assert rtw["decided"] is True and rtw["decision"]["review_on"] == "2026-11-30"


def test_tab_reaches_every_button_and_scrolls_it_into_view(page, qtbot):
    page.resize(900, 300)  # small, so the last card is below the fold
    page.activateWindow()
    first = page.cards[0].go_button or page.cards[0].basis_button
    first.setFocus()
    last = page.cards[-1].decide_button
    for _ in range(20):
        if last.hasFocus():
            break
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
    assert last.hasFocus()
    assert page.scroll.verticalScrollBar().value() > 0
