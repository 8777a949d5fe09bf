"""The sample employer's rota: Eleri's support schedule, her PAs' shift patterns, last week's timesheet.

Eleri needs someone 07:00–10:00 and 17:00–22:00 every day, two people for the hoist and shower at
08:00–08:30, and a sleep-in every night (the sleep-in PA stays until 08:30 to be the second pair of
hands). Megan does weekday mornings and two evenings, Rhys weekend mornings and other evenings,
Anita six sleep-ins a week (she has signed the 48-hour opt-out, so that finding is for information)
and Gareth, the bank PA, one evening and one sleep-in. Last week is confirmed as worked (Anita was
woken for 40 minutes one night). Left for the app to find: next Saturday Megan is on annual leave,
so that evening is the one real gap; and Rhys works both ends of Sunday, 07:00 to 22:00, which
leaves him less than 11 hours' rest in 24 (WTR_DAILY_REST).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlmodel import Session

from paemployer.i18n import _
from paemployer.services import audit, rota
from paemployer.services.rota.engine import MAX_SHIFT, SupportNeedSpec, occurrence_key, week_range, week_start
from paemployer.store.models import PA, Absence, AbsenceKind, ShiftKind, ShiftPattern, ShiftStatus

DEMO_WHO = "demo"
SATURDAY = 5

SUPPORT = (
    [SupportNeedSpec(day, time(7), time(10), notes="Getting up, breakfast, medication") for day in range(7)]
    + [SupportNeedSpec(day, time(8), time(8, 30), people=2, notes="Hoist and shower: two people")
       for day in range(7)]
    + [SupportNeedSpec(day, time(17), time(22), notes="Tea, evening medication, bed") for day in range(7)]
    + [SupportNeedSpec(day, time(22), time(7), kind="sleep_in", notes="Sleep-in") for day in range(7)]
)


def rota_first_day(today: date) -> date:
    """The Monday the sample's shift patterns begin: eight weeks before this week's."""
    return week_start(today) - timedelta(weeks=8)


def add_demo_rota(session: Session, pas, today: date) -> None:
    """Add the schedule, patterns and last week's worked shifts for the demo PAs (young, bank, sleep_in, new_starter)."""
    rota.replace_needs(session, SUPPORT)
    monday = rota_first_day(today)

    def pattern(pa: PA, days: str, start: time, end: time, kind: str = "day") -> ShiftPattern:
        first_start = datetime.combine(monday, start)
        first_end = datetime.combine(monday if end > start else monday + timedelta(days=1), end)
        row = ShiftPattern(pa_id=pa.id, rrule=f"FREQ=WEEKLY;BYDAY={days}", first_start=first_start,
                           first_end=first_end, kind=ShiftKind(kind))
        session.add(row)
        return row

    megan, rhys, anita, gareth = pas.young, pas.new_starter, pas.sleep_in, pas.bank
    pattern(megan, "MO,TU,WE,TH", time(7), time(11))
    megan_evenings = pattern(megan, "FR,SA", time(17), time(22))
    pattern(rhys, "FR,SA,SU", time(7), time(11))
    pattern(rhys, "MO,TU,WE,SU", time(17), time(22))
    anita_nights = pattern(anita, "SA,SU,MO,TU,WE,TH", time(22), time(8, 30), "sleep_in")
    pattern(gareth, "TH", time(17), time(22))
    pattern(gareth, "FR", time(22), time(8, 30), "sleep_in")
    session.flush()

    # Last week's timesheet, confirmed as planned; one of Anita's nights she was woken for 40 minutes.
    last_week_start, last_week_end = week_range(today - timedelta(weeks=1))
    rota.stage_confirm_as_planned(session, last_week_start, last_week_end, now=last_week_end + MAX_SHIFT)
    tuesday_night = datetime.combine(last_week_start.date() + timedelta(days=1), time(22))
    woken = rota.materialise(session, occurrence_key(anita_nights.id, tuesday_night))
    woken.woken_minutes = 40
    woken.notes = "Woken at 3am: Eleri needed turning"
    session.add(woken)

    # Megan's annual leave next Saturday: her evening is cancelled, which leaves the gap to fill.
    next_saturday = week_start(today) + timedelta(weeks=1, days=SATURDAY)
    session.add(Absence(pa_id=megan.id, kind=AbsenceKind.ANNUAL_LEAVE, start_date=next_saturday,
                        end_date=next_saturday, days=Decimal("1"), hours=Decimal("5"), notes="Cousin's wedding"))
    cancelled = rota.materialise(session, occurrence_key(megan_evenings.id, datetime.combine(next_saturday, time(17))))
    cancelled.status = ShiftStatus.CANCELLED
    cancelled.notes = "Megan on annual leave"
    session.add(cancelled)
    session.flush()
    audit.record(session, who=DEMO_WHO, action="add", table_name="shiftpattern", row_id=None,
                 summary=_("Added the sample rota"))
