"""Statutory figures come from the dated rates tables, not from code: change a row and the rule follows.

Each test swaps one figure in the table the rule reads (a patched copy, never the file) and checks that the rule's
answer moves with it; the same call with the real table gives the statutory answer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType

import pytest

from paemployer import i18n
from paemployer.rules import minimum_wage as mw
from paemployer.rules import sick_pay as sp
from paemployer.rules import working_time as wt
from paemployer.rules.rates import RatesTable, load_table
from paemployer.rules.warnings import Finding
from paemployer.services.compliance import catalogue
from catalogue_samples import SAMPLE_PARAMS

MON_FRI = (0, 1, 2, 3, 4)


def changed(table: RatesTable, **figures) -> RatesTable:
    """A copy of `table` with `figures` replaced in every row."""
    rows = tuple(replace(row, values=MappingProxyType({**row.values, **figures})) for row in table.rows)
    return RatesTable(table.name, table.title, rows)


def test_every_row_gives_the_moved_figures():
    for row in sp.sick_pay_table().rows:
        assert (row["linked_series_max_years"], row["transition_lookback_weeks"]) == (3, 28)
    for row in mw.minimum_wage_table().rows:
        assert (row["apprentice_first_year_months"], row["pay_reference_period_max_months"]) == (12, 1)
    for row in load_table(wt.TABLE).rows:
        assert row["young_worker_age_limit"] == 18


def _linked_chain():
    """Four-day spells (Mon-Thu) every 7 weeks from January 2014, each linking to the next (gap 45 days)."""
    first = date(2014, 1, 6)
    spells = [sp.Spell(first + timedelta(weeks=7 * n), first + timedelta(weeks=7 * n, days=3)) for n in range(10)]
    return spells[:-1], spells[-1]


def test_the_linked_series_limit_is_read_from_the_table(monkeypatch):
    earlier, spell = _linked_chain()  # the last spell starts on 1 June 2015, 17 months into the series
    real = sp.statutory_sick_pay(spell, MON_FRI, Decimal("300"), earlier_spells=earlier)
    assert {day.status for day in real.days} == {sp.PAID}
    monkeypatch.setattr(sp, "sick_pay_table", lambda: changed(load_table(sp.TABLE), linked_series_max_years=1))
    limited = sp.statutory_sick_pay(spell, MON_FRI, Decimal("300"), earlier_spells=earlier)
    assert {day.status for day in limited.days} == {sp.ENTITLEMENT_ENDED}
    assert "1 year" in limited.days[0].how


def test_the_transition_look_back_is_read_from_the_row_that_changes_the_rules(monkeypatch):
    # Off sick continuously from 1 February 2026 (9 weeks before 6 April), below the old lower earnings limit so no
    # SSP before the change: 80% of earnings from 6 April; with a 4-week look-back it would be the nil rate.
    spell = sp.Spell(date(2026, 2, 1), date(2026, 4, 17))
    real = sp.statutory_sick_pay(spell, MON_FRI, Decimal("100"))
    after = [day for day in real.days if day.day >= date(2026, 4, 6) and day.qualifying]
    assert {day.status for day in after} == {sp.PAID} and after[0].weekly_rate == Decimal("80.00")
    monkeypatch.setattr(sp, "sick_pay_table", lambda: changed(load_table(sp.TABLE), transition_lookback_weeks=4))
    patched = sp.statutory_sick_pay(spell, MON_FRI, Decimal("100"))
    assert {day.status for day in patched.days if day.day >= date(2026, 4, 6) and day.qualifying} == {sp.NIL_RATE}


def test_the_apprentice_first_year_is_read_from_the_table(monkeypatch):
    dob, since, on = date(2000, 1, 1), date(2026, 4, 1), date(2026, 11, 1)
    assert mw.minimum_wage_rate(dob, on, apprentice_since=since).hourly_rate == Decimal("8.00")
    monkeypatch.setattr(mw, "minimum_wage_table",
                        lambda: changed(load_table(mw.TABLE), apprentice_first_year_months=6))
    after = mw.minimum_wage_rate(dob, on, apprentice_since=since)
    assert after.hourly_rate == Decimal("12.71")
    assert after.working["apprenticeship"]["first_year_ends"] == "2026-10-01"


def test_the_young_worker_age_is_read_from_the_table(monkeypatch):
    # A 19-year-old working 9 hours a day: an adult under the real table, a young worker if the limit were 21.
    facts = wt.WorkingTimeFacts(date_of_birth=date(2006, 6, 1))
    shifts = [wt.WorkShift("mon", datetime(2026, 1, 5, 8), datetime(2026, 1, 5, 17, 30), 30)]
    assert wt.WTR_YOUNG_WORKER not in {b.code for b in wt.check_working_time(shifts, facts)}
    real_load = wt.load_table
    monkeypatch.setattr(wt, "load_table", lambda name: changed(real_load(name), young_worker_age_limit=21))
    assert wt.WTR_YOUNG_WORKER in {b.code for b in wt.check_working_time(shifts, facts)}


def _shift(name, day, start_hour, elapsed_minutes, break_minutes=30):
    start = datetime(day.year, day.month, day.day, start_hour)
    return wt.WorkShift(name, start, start + timedelta(minutes=elapsed_minutes), break_minutes)


def test_the_two_rests_in_a_fortnight_are_read_from_the_table(monkeypatch):
    # Week 1: seven days' work, no 24-hour rest. Week 2: Tuesday and Friday off (two rests of 39.5 hours), then the
    # weekend worked. Two rests of 24 hours in the fortnight satisfy reg 11(2)(a); if the table asked for three they
    # would not.
    monday = date(2026, 1, 5)
    days = [monday + timedelta(days=n) for n in range(14)]
    shifts = [_shift(f"d{n}", day, 8, 8 * 60) for n, day in enumerate(days) if n not in (8, 11)]
    assert wt.WTR_WEEKLY_REST not in {b.code for b in wt.check_working_time(shifts)}
    real_load = wt.load_table
    monkeypatch.setattr(wt, "load_table", lambda name: changed(real_load(name), fortnightly_rest_periods=3))
    [breach] = [b for b in wt.check_working_time(shifts) if b.code == wt.WTR_WEEKLY_REST]
    assert breach.first_day == monday and "3 rests of 24 hours" in breach.notes[0]


def test_night_work_average_leaves_out_the_weekly_rest_from_the_table(monkeypatch):
    # A night worker on 9-hour nights (22:00-07:30, 30-minute break) Monday to Friday for 17 weeks: 45 hours over 6
    # days a week (7 less one 24-hour weekly rest) = 7.5 a day, within 8; if weekly rest were 48 hours, 45 / 5 = 9.
    monday = date(2026, 1, 5)
    shifts = [_shift(f"w{week}n{night}", monday + timedelta(weeks=week, days=night), 22, 9 * 60 + 30)
              for week in range(17) for night in range(5)]
    facts = wt.WorkingTimeFacts(night_worker=True)
    assert wt.WTR_NIGHT_WORK not in {b.code for b in wt.check_working_time(shifts, facts)}
    real_load = wt.load_table
    monkeypatch.setattr(wt, "load_table", lambda name: changed(real_load(name), weekly_rest_hours=Decimal(48)))
    [night] = [b for b in wt.check_working_time(shifts, facts) if b.code == wt.WTR_NIGHT_WORK]
    assert night.params["average_hours_per_day"] == "9.00"


# --- The warning texts quote the rates rows, never a figure of their own -----------------------------------------

ON = date(2026, 11, 24)
# Every figure the warnings quote, changed to a value no real row has (and no other figure shares).
CHANGED_FIGURES = {
    "working_time": dict(
        weekly_average_limit_hours=Decimal("47"), daily_rest_hours=Decimal("13"), young_daily_rest_hours=Decimal("14"),
        weekly_rest_hours=Decimal("25"), fortnightly_rest_hours=Decimal("49"), break_minutes=21,
        break_after_hours=Decimal("7"), young_break_minutes=31, young_break_after_hours=Decimal("5.5"),
        night_average_limit_hours=Decimal("9"), young_daily_limit_hours=Decimal("7.5"),
        young_weekly_limit_hours=Decimal("39"), young_worker_age_limit=19),
    "employer_duties": dict(ae_postponement_months=4, ae_declaration_months=6, ae_reenrolment_years=5,
                            pvg_mandatory_from=date(2025, 5, 2), minimum_school_leaving_age=17),
    "penalties": dict(el_minimum_cover=Decimal("6000000"), el_daily_fine=Decimal("2600"), nmw_penalty_percent=250,
                      right_to_work_max_penalty=Decimal("50000")),
    "holiday": dict(pay_reference_weeks=53),
}
# What each changed figure reads as, and what the real one read as: the first must appear, the second must not.
EXPECTED = {
    "weekly_limit": ("47 hours", "48 hours"), "daily_rest": ("13 hours", "11 hours"),
    "young_daily_rest": ("14 hours", "12 hours"), "weekly_rest": ("25 hours", "24 hours"),
    "fortnightly_rest": ("49 hours every", "48 hours every"), "break_minutes": ("21 minutes", "20 minutes"),
    "break_after": ("7 hours", "6 hours"), "young_break_minutes": ("31 minutes", "30 minutes"),
    "young_break_after": ("5.5 hours", "4.5 hours"), "night_limit": ("9 hours", "8 hours"),
    "young_daily_limit": ("7.5 hours", "8 hours"), "young_weekly_limit": ("39 hours", "40"),
    "young_age": ("under 19", "under 18"), "pvg_from": ("2 May 2025", "1 April 2025"),
    "postponement_period": ("4 months", "3 months"), "declaration_period": ("6 months", "5 months"),
    "reenrolment_period": ("5 years", "3 years"), "el_cover": ("£6 million", "£5 million"),
    "el_daily_fine": ("£2,600", "£2,500"), "nmw_penalty": ("250%", "200%"),
    "right_to_work_penalty": ("£50,000", "£45,000"), "holiday_pay_weeks": ("last 53 weeks", "last 52 weeks"),
}
SAMPLE = SAMPLE_PARAMS  # the catalogue tests' facts for every placeholder
# Citations are numbers a person reads but not figures: years of Acts, regulation, section and article numbers.
CITATION = re.compile(r"\b(1[89]|20)\d\d\b|(?i:\b(regulations?|sections?|articles?|reg|s\.))\s*\d+[A-Z]?"
                      r"(\s*(,|–|-|and)\s*\d+[A-Z]?)*")


def _variants():
    for code, definition in sorted(catalogue.CATALOGUE.items()):
        for variant, texts in definition.texts.items():
            yield code, variant, definition, texts


def _render_every_variant(day: date) -> dict[tuple[str, str, str], str]:
    """Every text of every variant, filled as render() fills them for a finding due on `day`."""
    rendered = {}
    for code, variant, definition, texts in _variants():
        finding = Finding(code, "pa:1", "f", due=day, params=SAMPLE, record_id=1)
        values = catalogue._Values({k: catalogue._display(v) for k, v in SAMPLE.items()}, day)
        values["due"] = catalogue._display(day)
        for part in ("title", "explanation", "action"):
            rendered[(code, variant, part)] = i18n._(getattr(texts, part)).format_map(values)
        rendered[(code, variant, "basis")] = i18n._(texts.basis or definition.basis).format_map(values)
        assert catalogue.render(finding, on=day, subject_name="Sam Jones").title
    return rendered


def test_no_warning_text_writes_a_statutory_figure_itself():
    for code, variant, definition, texts in _variants():
        for text in (texts.title, texts.explanation, texts.action):
            bare = re.sub(r"\{[^}]*\}", "", text)
            assert not re.search(r"\d|½", bare), (code, variant, text)
        basis = texts.basis or definition.basis
        assert not re.search(r"\d|½|£", CITATION.sub("", basis)), (code, variant, basis)


def test_warning_texts_quote_the_figures_of_the_rates_rows(monkeypatch):
    i18n.set_locale("en_GB")
    real_texts = " ".join(_render_every_variant(ON).values())
    for key, (changed_text, real_text) in EXPECTED.items():
        assert real_text in real_texts, key
    real_load = catalogue.load_table
    monkeypatch.setattr(catalogue, "load_table",
                        lambda name: changed(real_load(name), **CHANGED_FIGURES.get(name, {})))
    patched = _render_every_variant(ON)
    every_text = " ".join(patched.values())
    for key, (changed_text, real_text) in EXPECTED.items():
        assert changed_text in every_text, key
        assert real_text not in every_text, (key, [k for k, t in patched.items() if real_text in t])
    # Every placeholder a text uses is one of FIGURES or a finding's param: nothing else fills a text.
    for code, variant, definition, texts in _variants():
        for text in (texts.title, texts.explanation, texts.action, texts.basis or definition.basis):
            for name in re.findall(r"\{([^}]*)\}", text):
                assert name in SAMPLE or name in catalogue.FIGURES or name == "due", (code, name)
    assert set(EXPECTED) | {"stale_period"} == set(catalogue.FIGURES)


def test_a_warning_quotes_the_row_in_force_on_its_date():
    i18n.set_locale("en_GB")

    def right_to_work(due):
        finding = Finding("RIGHT_TO_WORK_MISSING", "pa:1", "f", due=due, params={"name": "Sam"})
        return catalogue.render(finding, on=date(2015, 1, 1), subject_name="Sam").explanation

    assert "£45,000" in right_to_work(date(2024, 2, 13))
    assert "£20,000" in right_to_work(date(2024, 2, 12))
    before = right_to_work(date(2015, 6, 1))  # not recorded for then: a penalty, with no figure
    assert "fined if they are not" in before and "£" not in before


def test_the_minimum_school_leaving_age_is_read_from_the_table(monkeypatch):
    from paemployer.rules import compliance_checks as cc

    # 16 on 1 November 2025, started 1 November 2026: past the school-leaving date (26 June 2026) under the real
    # table, a child if the age were 17 (until 25 June 2027).
    pa = cc.PAFacts(id=1, full_name="Sam", date_of_birth=date(2009, 11, 1), start_date=date(2026, 11, 1))
    assert cc.check_child_employment(pa, on=ON, nation="england", horizons=cc.Horizons()) == []
    real_load = cc.load_table
    monkeypatch.setattr(cc, "load_table", lambda name: changed(real_load(name), **CHANGED_FIGURES.get(name, {})))
    [finding] = cc.check_child_employment(pa, on=ON, nation="england", horizons=cc.Horizons())
    assert finding.params["age"] == 17 and finding.params["leaving_date"] == date(2027, 6, 25)


@pytest.mark.parametrize("nation, born, figures, real, moved", [
    ("england", date(2010, 3, 1), dict(england_wales_leaving_month=7, england_wales_leaving_weekday=3),
     date(2026, 6, 26), date(2026, 7, 30)),
    ("england", date(2010, 8, 15), dict(school_year_start_month=8, school_year_start_day=1),
     date(2026, 6, 26), date(2027, 6, 25)),
    ("scotland", date(2010, 9, 15), dict(scotland_summer_to_month=8), date(2026, 5, 31), date(2026, 12, 31)),
    ("scotland", date(2010, 3, 15), dict(scotland_summer_leaving_month=6, scotland_summer_leaving_day=15),
     date(2026, 5, 31), date(2026, 6, 15)),
    ("scotland", date(2010, 2, 15), dict(scotland_summer_from_month=2), date(2025, 12, 31), date(2026, 5, 31)),
    ("scotland", date(2010, 11, 15), dict(scotland_winter_latest_day=24), date(2026, 12, 31), date(2026, 12, 24)),
    ("northern-ireland", date(2010, 7, 2), dict(ni_cutoff_day=2), date(2027, 6, 30), date(2026, 6, 30)),
    ("northern-ireland", date(2010, 3, 1), dict(ni_leaving_month=7, ni_leaving_day=1), date(2026, 6, 30),
     date(2026, 7, 1)),
])
def test_each_nations_school_leaving_date_is_read_from_the_table(nation, born, figures, real, moved):
    from paemployer.rules import school_age

    row = load_table("employer_duties").row_on(ON)
    assert school_age.school_leaving(born, nation, row).day == real
    assert school_age.school_leaving(born, nation, replace(row, values={**row.values, **figures})).day == moved


def test_sick_pay_working_quotes_the_rows_not_its_own_figures(monkeypatch):
    # A spell over the April 2026 change: the basis, the PIW rule and the transition name the rows' figures.
    spell = sp.Spell(date(2026, 4, 1), date(2026, 4, 10))
    i18n.set_locale("en_GB")
    real = sp.statutory_sick_pay(spell, MON_FRI, Decimal("300")).working
    text = " ".join([*real["basis"], real["piw_rule"], real["transition"]])
    assert "6 April 2026" in text and "80%" in text and "4 days from 6 April 2025" in text
    assert "1 day from 6 April 2026" in text
    table = load_table(sp.TABLE)
    rows = tuple(replace(row, effective_from=date(2026, 4, 7), values=MappingProxyType(
        {**row.values, "earnings_percentage_cap": Decimal("0.75"), "min_days_in_piw": 2}))
        if row["earnings_percentage_cap"] is not None else row for row in table.rows)
    monkeypatch.setattr(sp, "sick_pay_table", lambda: RatesTable(table.name, table.title, rows))
    patched = sp.statutory_sick_pay(spell, MON_FRI, Decimal("300")).working
    text = " ".join([*patched["basis"], patched["piw_rule"], patched["transition"]])
    assert "7 April 2026" in text and "75%" in text and "2 days from 7 April 2026" in text
    assert "6 April 2026" not in text and "80%" not in text


def test_the_school_age_note_quotes_the_youngest_band_from_the_table(monkeypatch):
    i18n.set_locale("en_GB")
    on = date(2026, 11, 24)
    assert "a 16-year-old" in mw.minimum_wage_rate(date(2010, 6, 1), on).working["school_age_note"]
    monkeypatch.setattr(mw, "minimum_wage_table", lambda: changed(load_table(mw.TABLE), youth_band_min_age=15))
    note = mw.minimum_wage_rate(date(2011, 6, 1), on).working["school_age_note"]
    assert "a 15-year-old" in note and "turn 15" in note and "16" not in note


def test_the_opt_out_note_quotes_the_weekly_limit_from_the_table(monkeypatch):
    # 60 hours a week for 17 weeks under a signed opt-out: the note names the limit the table gives.
    facts = wt.WorkingTimeFacts(opt_out=True, employment_start=date(2025, 1, 6))
    monday = date(2026, 1, 5)
    shifts = [wt.WorkShift(f"s{week}-{day}", datetime.combine(monday + timedelta(weeks=week, days=day), datetime.min.time()) + timedelta(hours=7),
                           datetime.combine(monday + timedelta(weeks=week, days=day), datetime.min.time()) + timedelta(hours=19), 0)
              for week in range(17) for day in range(5)]
    real_load = wt.load_table
    monkeypatch.setattr(wt, "load_table", lambda name: changed(real_load(name), weekly_average_limit_hours=Decimal(47)))
    notes = [note for b in wt.check_working_time(shifts, facts) if b.code == wt.WTR_48H_AVERAGE for note in b.notes]
    assert any("47-hour average" in note for note in notes) and not any("48-hour" in note for note in notes)


def test_the_command_lines_figures_come_from_the_tables(monkeypatch, capsys):
    from paemployer.cli import main

    real_ssp, real_mw = sp.sick_pay_table(), mw.minimum_wage_table()
    monkeypatch.setattr("paemployer.cli.calc_sick_pay.sick_pay_table", lambda: changed(real_ssp, relevant_period_weeks=9))
    monkeypatch.setattr("paemployer.cli.calc_minimum_wage.minimum_wage_table",
                        lambda: changed(real_mw, youth_band_min_age=15))
    with pytest.raises(SystemExit):
        main(["calc", "sick-pay", "--help"])
    assert "over the 9 weeks" in " ".join(capsys.readouterr().out.split())
    main(["calc", "minimum-wage", "--date-of-birth", "2011-06-01", "--on", "2026-04-06"])
    assert "under 15" in capsys.readouterr().out
