"""The emergency plan and the weekly rota PDFs: right text (Welsh letters included), one page, repeatable bytes."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from paemployer.documents.emergency_plan import EmergencyPlanData, PlanContact, PlanStep, emergency_plan_pdf
from paemployer.documents.weekly_rota import RotaCell, RotaRow, WeeklyRotaData, weekly_rota_pdf
from paemployer.i18n import set_locale


def pages(data: bytes):
    return PdfReader(io.BytesIO(data)).pages


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pages(data))


def plan(contacts=None) -> EmergencyPlanData:
    return EmergencyPlanData(
        person_name="Dŵr Ŷ Gwyn",
        address="12 Heol y Dŵr, Aberystwyth",
        home_phone="01970 600000",
        contacts=contacts if contacts is not None else (
            PlanContact("Siân Roberts", "Backup PA", "07700 900610", can_help_with="Everything, hoist included"),
            PlanContact("Rhodri Âl Jones", "Family", "07700 900620", "01970 611222", "Evenings", "Meals"),
        ),
        essentials="Medication at 8am and 8pm.\n\nKey safe by the back door.",
        printed_on=date(2026, 11, 24),
        steps=(PlanStep("A PA does not arrive", ("Wait 15 minutes.", "Ring the first person on the list.")),),
    )


def test_the_emergency_plan_has_who_to_call_in_order_and_the_essentials():
    data = emergency_plan_pdf(plan())
    assert len(pages(data)) == 1
    text = text_of(data)
    for expected in ("If a PA cannot come", "Dŵr Ŷ Gwyn", "Call in this order", "Siân Roberts", "07700 900610",
                     "Rhodri Âl Jones", "01970 611222", "Can help with: Meals", "When: Evenings",
                     "What a stand-in needs to know", "Key safe by the back door", "A PA does not arrive",
                     "1. Wait 15 minutes.", "24 November 2026"):
        assert expected in text, expected
    assert text.index("Siân Roberts") < text.index("Rhodri Âl Jones")


def test_a_long_plan_still_fits_on_one_page():
    many = tuple(PlanContact(f"Contact {n}", "Friend", f"07700 9006{n:02d}", can_help_with="Meals " * 20)
                 for n in range(15))
    data = emergency_plan_pdf(plan(many))
    assert len(pages(data)) == 1
    assert "Contact 14" in text_of(data)


def test_the_plan_is_in_the_users_language_and_repeatable():
    set_locale("cy")
    welsh = text_of(emergency_plan_pdf(plan()))
    set_locale("en_GB")
    assert "Dŵr Ŷ Gwyn" in welsh and "Tachwedd" in welsh  # the date in Welsh
    assert emergency_plan_pdf(plan()) == emergency_plan_pdf(plan())


def test_the_plan_without_contacts_says_how_to_add_them():
    assert "No emergency cover contacts are recorded yet" in text_of(emergency_plan_pdf(plan(())))


def week_data() -> WeeklyRotaData:
    empty = ((),) * 7
    megan = list(empty)
    megan[0] = (RotaCell("07:00–11:00", "day"),)
    megan[5] = (RotaCell("17:00–22:00", "day", "cancelled"),)
    anita = list(empty)
    anita[1] = (RotaCell("22:00–08:30", "sleep-in", "worked"),)
    gaps = list(empty)
    gaps[5] = ("17:00–22:00 (1 missing)",)
    return WeeklyRotaData("Eleri Davies", date(2026, 11, 23),
                          ("Mon 23 Nov", "Tue 24 Nov", "Wed 25 Nov", "Thu 26 Nov", "Fri 27 Nov", "Sat 28 Nov",
                           "Sun 29 Nov"),
                          (RotaRow("Megan Ŵyn", tuple(megan)), RotaRow("Anita Kowalska", tuple(anita))),
                          tuple(gaps), date(2026, 11, 24))


def test_the_weekly_rota_is_one_landscape_page_with_people_shifts_and_gaps():
    data = weekly_rota_pdf(week_data())
    [page] = pages(data)
    assert page.mediabox.width > page.mediabox.height
    text = text_of(data)
    for expected in ("Rota for the week of 23 November 2026", "Megan Ŵyn", "Anita Kowalska", "07:00–11:00",
                     "sleep-in", "(worked)", "(cancelled)", "Gaps", "17:00–22:00 (1 missing)", "Sun 29 Nov"):
        assert expected in text, expected
    # Each person has their own marker on every shift, so the page does not rely on colour.
    assert text.count("● ") >= 2 and text.count("■ ") >= 2
