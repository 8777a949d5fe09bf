"""What the rota screens show, as plain values (no Qt): patterns in words, short names, problems in words."""

from __future__ import annotations

from datetime import date, datetime

from paemployer.services.rota import view as rota_view
from paemployer.services.rota import RotaPeriod
from paemployer.services.rota.engine import AbsenceSpec, Clash, Gap, RotaShift
from paemployer.services.rota.working_time import WorkingTimeIssue

MONDAY = datetime(2026, 11, 23)


def test_repeat_rules_in_words():
    first = datetime(2026, 11, 23, 7)
    assert rota_view.describe_rule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH", first) == "every Mon–Thu"
    assert rota_view.describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", first) == "every other Sat"
    assert rota_view.describe_rule("FREQ=WEEKLY;BYDAY=SA,SU,MO,TU,WE", first) == "every Mon–Wed, Sat, Sun"
    assert rota_view.describe_rule("FREQ=WEEKLY;BYDAY=TH,FR", first) == "every Thu, Fri"
    assert rota_view.describe_rule("FREQ=WEEKLY", first) == "every Mon"  # the first day's weekday
    assert rota_view.describe_rule("FREQ=WEEKLY;INTERVAL=3;BYDAY=FR", first) == "every 3 weeks: Fri"
    assert rota_view.describe_rule("FREQ=DAILY", first) == "every day"
    assert rota_view.describe_rule("FREQ=MONTHLY;BYMONTHDAY=1", first) == "monthly"
    assert rota_view.describe_rule("not a rule", first) == "repeats (custom rule)"


def test_short_names_tell_pas_apart():
    names = rota_view.short_names(["Megan Hughes", "Rhys Morgan", "Rhys Price", "Megan Hughes"])
    assert names == {"Megan Hughes": "Megan", "Rhys Morgan": "Rhys Morgan", "Rhys Price": "Rhys Price"}


def shift(key, start, end, pa="Megan Hughes", pa_id=1, **extra):
    return RotaShift(key=key, pa_id=pa_id, pa_name=pa, start=start, end=end, **extra)


def test_problems_in_words_in_time_order():
    a = shift("s1", datetime(2026, 11, 24, 7), datetime(2026, 11, 24, 11))
    b = shift("s2", datetime(2026, 11, 24, 9), datetime(2026, 11, 24, 13))
    leave = AbsenceSpec(5, 1, "annual_leave", date(2026, 11, 25), date(2026, 11, 25))
    c = shift("s3", datetime(2026, 11, 25, 17), datetime(2026, 11, 25, 22))
    issue = WorkingTimeIssue("WTR_DAILY_REST", 1, "Megan Hughes", date(2026, 11, 26), date(2026, 11, 27),
                             ("s4", "s5"), "only 9 hours' rest", "reg 10", (), "")
    view = RotaPeriod(MONDAY, MONDAY.replace(day=30), (a, b, c), gaps=(
        Gap(datetime(2026, 11, 23, 8), datetime(2026, 11, 23, 8, 30), 2, 1),
        Gap(datetime(2026, 11, 28, 17), datetime(2026, 11, 28, 22), 1, 0),
        Gap(datetime(2026, 11, 29, 23), datetime(2026, 11, 30, 1), 2, 0),
    ), clashes=(Clash(1, "Megan Hughes", "overlap", (a, b)), Clash(1, "Megan Hughes", "absence", (c,), leave)),
        working_time=(issue,))
    rows = rota_view.problems(view)
    assert [r.kind for r in rows] == ["gap", "clash", "clash", "working_time", "gap", "gap"]
    double_up, overlap, on_leave, rest, evening, night = rows
    assert (double_up.when, double_up.what) == ("Mon 23 Nov 08:00–08:30",
                                                "Second person missing: 2 needed, 1 on the rota")
    assert overlap.what == "Two shifts at once" and overlap.shift_keys == ("s1", "s2")
    assert "Megan Hughes is on two shifts at once" in overlap.who
    assert on_leave.what == "On the rota while booked off" and "annual leave" in on_leave.who
    assert (rest.when, rest.what, rest.shift_keys) == ("Thu 26 Nov–Fri 27 Nov", "Less than 11 hours' rest between "
                                                       "shifts", ("s4", "s5"))
    assert rest.who == "Megan Hughes: only 9 hours' rest"
    assert (evening.what, evening.people_missing) == ("Nobody on the rota", 1)
    assert (night.when, night.what) == ("Sun 29 Nov 23:00–Mon 01:00", "2 people missing: nobody on the rota")
    assert rota_view.problem_counts(rows) == "3 gaps, 2 clashes, 1 rest or hours problem"
    assert rota_view.problem_counts([]) == "No gaps, clashes or rest problems."
    assert rota_view.problem_counts(rows[:3], checking=True) == "1 gap, 2 clashes, checking rest and hours…"


def test_an_opted_out_48_hour_average_is_for_information():
    issue = WorkingTimeIssue("WTR_48H_AVERAGE", 3, "Anita Kowalska", date(2026, 11, 23), date(2026, 11, 23), (),
                             "52 hours on average", "reg 4", (), "", opted_out=True)
    row = rota_view.working_time_problem(issue)
    assert row.what == "Over 48 hours a week on average (opted out: for information)"
    assert row.when == "Mon 23 Nov"


def test_where_a_shift_comes_from():
    patterns = {7: "every Mon–Thu"}
    assert rota_view.shift_words(shift("p7@x", MONDAY, MONDAY, pattern_id=7), patterns) == "every Mon–Thu"
    assert rota_view.shift_words(shift("s1", MONDAY, MONDAY), patterns) == "one-off"
    assert rota_view.shift_words(shift("s2", MONDAY, MONDAY, cover_for_shift_id=1), patterns) == "covering"
    assert rota_view.status_words("cancelled") == "cancelled" and rota_view.status_words("planned") == ""


def test_the_month_view_steps_by_calendar_months():
    assert rota_view.month_start(date(2026, 1, 31), 1) == date(2026, 2, 1)
    assert rota_view.month_start(date(2026, 12, 15), 1) == date(2027, 1, 1)
    assert rota_view.month_start(date(2026, 3, 31), -1) == date(2026, 2, 1)
    assert rota_view.month_start(date(2024, 2, 29)) == date(2024, 2, 1)
