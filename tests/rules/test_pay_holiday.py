"""Holiday pay and sick pay on a pay run (rules/pay.py): fixed hours paid when taken, the 52-week average for
irregular hours, rolled-up holiday pay and where it is refused, pay for untaken leave on leaving, and SSP."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from test_pay import ANCHOR, PLAIN, TERMS, WEEK, inputs, lines_of, only

from paemployer.rules.pay import (
    HolidayPay,
    LeaveTaken,
    LineKind,
    PayLine,
    PayPeriod,
    PayTerms,
    SicknessSpell,
    WorkedShift,
    build_pay_run,
    holiday_pay_check,
)

M = Decimal
D = date.fromisoformat

IRREGULAR = PayTerms(D("2024-01-01"), M("12.00"), weekend_rate=M("15.00"), hours_type="irregular")
ROLLED_UP = replace(IRREGULAR, holiday_pay=HolidayPay.ROLLED_UP)


def day_shift(key: str, day: date, hours: int = 8, start_hour: int = 9) -> WorkedShift:
    start = datetime.combine(day, datetime.min.time()).replace(hour=start_hour)
    return WorkedShift(key, start, start + timedelta(hours=hours))


def weekdays(first: date, last: date, hours: int = 8) -> list[WorkedShift]:
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [day_shift(f"s{day.isoformat()}", day, hours) for day in days if day.weekday() < 5]


# --- fixed hours: normal pay when leave is taken ----------------------------------------------------------------------


def test_fixed_hours_leave_is_paid_at_the_standard_rate_for_its_hours():
    run = build_pay_run(inputs(leave=(LeaveTaken(D("2026-06-02"), D("2026-06-02"), hours=M("8")),)))
    line = only(run, LineKind.HOLIDAY_PAY)
    assert (line.hours, line.rate, line.amount, line.counts_for_minimum_wage) == (M("8.00"), M("13.00"),
                                                                                M("104.00"), 0)
    assert line.description == "Holiday pay, leave 2 June 2026"
    assert run.minimum_wage.hours_counted == 0  # absence is not time work


def test_fixed_hours_leave_in_days_is_turned_into_hours_from_the_contract_week():
    run = build_pay_run(inputs(leave=(LeaveTaken(D("2026-06-02"), D("2026-06-03"), days=M("2")),)))
    line = only(run, LineKind.HOLIDAY_PAY)
    assert (line.hours, line.amount) == (M("15.00"), M("195.00"))  # 37.5 hours over 5 days = 7.5 a day
    assert line.description == "Holiday pay, leave 2 June 2026 to 3 June 2026"


def test_leave_running_past_the_period_is_shared_by_calendar_days():
    run = build_pay_run(inputs(leave=(LeaveTaken(D("2026-06-06"), D("2026-06-09"), hours=M("16")),)))
    assert only(run, LineKind.HOLIDAY_PAY).hours == M("8.00")  # 2 of its 4 days are in the week


def test_leave_with_no_hours_and_no_contract_week_is_not_paid_and_the_note_says_what_is_missing():
    run = build_pay_run(inputs(leave=(LeaveTaken(D("2026-06-02"), D("2026-06-02")),),
                               terms=(replace(TERMS, hours_per_week=None),)))
    assert not lines_of(run, LineKind.HOLIDAY_PAY)
    assert any("its hours are not recorded" in note for note in run.notes)


# --- irregular hours: the 52-week average -------------------------------------------------------------------------------


def _irregular_history():
    # Three pay weeks before the leave on Tuesday 2 June 2026: 10 hours (£120) in the week of 4 May, nothing in
    # the week of 11 May (skipped), 4 Saturday hours (£60) in the week of 18 May, nothing in the week of 25 May.
    return (day_shift("a", D("2026-05-05"), 10), day_shift("b", D("2026-05-23"), 4))


def test_irregular_hours_leave_is_paid_at_the_52_week_average_skipping_weeks_without_pay():
    run = build_pay_run(inputs(*_irregular_history(), terms=(IRREGULAR,), start_date=D("2026-05-04"),
                               leave=(LeaveTaken(D("2026-06-02"), D("2026-06-02"), hours=M("7")),)))
    line = only(run, LineKind.HOLIDAY_PAY)
    # £180 for 14 hours in the 2 weeks with pay = £12.857... an hour, rounded up to £12.86 (worker's favour).
    assert (line.rate, line.hours, line.amount) == (M("12.86"), M("7.00"), M("90.02"))
    assert "last 2 weeks with pay" in line.basis
    assert holiday_pay_check(inputs(*_irregular_history(), terms=(IRREGULAR,), start_date=D("2026-05-04"),
                                    leave=(LeaveTaken(D("2026-06-02"), D("2026-06-02"), hours=M("7")),)),
                             run).below is False


def test_irregular_leave_in_days_uses_the_average_hours_a_day_worked():
    run = build_pay_run(inputs(*_irregular_history(), terms=(IRREGULAR,), start_date=D("2026-05-04"),
                               leave=(LeaveTaken(D("2026-06-02"), D("2026-06-02"), days=M("1")),)))
    assert only(run, LineKind.HOLIDAY_PAY).hours == M("7.00")  # 14 hours on 2 days


def test_irregular_leave_with_no_week_with_pay_falls_back_to_the_standard_rate_and_says_so():
    run = build_pay_run(inputs(terms=(IRREGULAR,), leave=(LeaveTaken(D("2026-06-02"), D("2026-06-02"),
                                                                      hours=M("5")),)))
    line = only(run, LineKind.HOLIDAY_PAY)
    assert line.rate == M("12.00") and "No earlier week with pay" in line.basis


def test_holiday_pay_check_finds_holiday_pay_below_the_average():
    facts = inputs(*_irregular_history(), terms=(IRREGULAR,), start_date=D("2026-05-04"),
                   leave=(LeaveTaken(D("2026-06-02"), D("2026-06-02"), hours=M("7")),))
    run = build_pay_run(facts)
    low = replace(run, lines=tuple(replace(line, amount=M("84.00"), rate=M("12.00"))
                                   if line.kind is LineKind.HOLIDAY_PAY else line for line in run.lines))
    check = holiday_pay_check(facts, low)
    assert check.below and check.paid_per_hour == M("12")
    assert check.shortfall == M("6.00")  # (12.857... - 12) x 7 = 5.9999..., rounded up
    assert "below the average" in check.note


def test_holiday_pay_check_is_none_without_leave():
    facts = inputs(*_irregular_history(), terms=(IRREGULAR,))
    assert holiday_pay_check(facts, build_pay_run(facts)) is None


# --- rolled-up holiday pay ------------------------------------------------------------------------------------------------


def test_rolled_up_holiday_pay_is_12_07_percent_of_pay_for_work_on_its_own_line():
    run = build_pay_run(inputs(day_shift("a", D("2026-06-02"), 8), day_shift("b", D("2026-06-06"), 4),
                               terms=(ROLLED_UP,)))
    line = only(run, LineKind.ROLLED_UP_HOLIDAY_PAY)
    assert line.amount == M("18.83")  # 12.07% of (£96 + £60) = £18.8292, half up
    assert line.description == "Rolled-up holiday pay (12.07% of pay for work)"
    assert line.counts_for_minimum_wage == 0
    assert run.minimum_wage.pay_counted == M("96.00") + M("48.00")  # neither premium nor holiday pay counts


def test_rolled_up_leave_taken_pays_nothing_more_and_says_so():
    run = build_pay_run(inputs(day_shift("a", D("2026-06-02"), 8), terms=(ROLLED_UP,),
                               leave=(LeaveTaken(D("2026-06-04"), D("2026-06-04"), hours=M("8")),)))
    assert not lines_of(run, LineKind.HOLIDAY_PAY)
    assert any("is not paid again: holiday pay is rolled up" in note for note in run.notes)


def test_rolled_up_is_refused_for_a_leave_year_before_1_april_2024_and_falls_back_with_a_note():
    period = PayPeriod(D("2024-03-04"), D("2024-03-10"), D("2024-03-15"), "weekly")
    terms = replace(ROLLED_UP, effective_from=D("2023-01-01"))
    run = build_pay_run(inputs(day_shift("a", D("2024-03-05"), 8), period=period, terms=(terms,),
                               leave_year_start=D("2023-04-06"), week_anchor=D("2023-04-03"),
                               leave=(LeaveTaken(D("2024-03-07"), D("2024-03-07"), hours=M("8")),)))
    assert not lines_of(run, LineKind.ROLLED_UP_HOLIDAY_PAY)
    assert only(run, LineKind.HOLIDAY_PAY).hours == M("8.00")
    assert any("only lawful for leave years starting on or after 1 April 2024" in note for note in run.notes)


def test_rolled_up_is_refused_in_northern_ireland_and_falls_back_with_a_note():
    run = build_pay_run(inputs(day_shift("a", D("2026-06-02"), 8), terms=(ROLLED_UP,), nation="northern-ireland",
                               leave=(LeaveTaken(D("2026-06-04"), D("2026-06-04"), hours=M("8")),)))
    assert not lines_of(run, LineKind.ROLLED_UP_HOLIDAY_PAY)
    assert lines_of(run, LineKind.HOLIDAY_PAY)
    assert any("not lawful in Northern Ireland" in note for note in run.notes)


def test_rolled_up_is_refused_for_fixed_hours():
    run = build_pay_run(inputs(day_shift("a", D("2026-06-02"), 8),
                               terms=(replace(TERMS, holiday_pay=HolidayPay.ROLLED_UP),)))
    assert not lines_of(run, LineKind.ROLLED_UP_HOLIDAY_PAY)
    assert any("only for irregular-hours and part-year PAs" in note for note in run.notes)


# --- untaken holiday on leaving ---------------------------------------------------------------------------------------------


def test_untaken_leave_on_leaving_with_fixed_hours_is_the_pro_rata_entitlement_less_leave_taken():
    run = build_pay_run(inputs(start_date=D("2025-01-06"), end_date=D("2026-06-05"),
                               leave=(LeaveTaken(D("2026-05-11"), D("2026-05-12"), days=M("2")),)))
    line = only(run, LineKind.UNTAKEN_HOLIDAY)
    # 5.6 weeks x 37.5 hours = 210 a year; 1 April to 5 June is 66 of 365 days: 37.9726 hours; less 15 taken.
    assert (line.hours, line.rate, line.amount) == (M("22.97"), M("13.00"), M("298.61"))
    assert line.counts_for_minimum_wage == 0


def test_untaken_leave_on_leaving_with_irregular_hours_is_12_07_percent_of_hours_worked():
    shifts = weekdays(D("2026-04-06"), D("2026-04-17"), hours=10)  # 10 shifts of 10 hours at £12
    period = PayPeriod(D("2026-04-13"), D("2026-04-19"), D("2026-04-24"), "weekly")
    run = build_pay_run(inputs(*shifts, period=period, terms=(IRREGULAR,), start_date=D("2026-01-05"),
                               end_date=D("2026-04-17")))
    line = only(run, LineKind.UNTAKEN_HOLIDAY)
    # 12.07% of 100 hours = 12.07 hours, at the average £12.00 an hour.
    assert (line.hours, line.rate, line.amount) == (M("12.07"), M("12.00"), M("144.84"))
    assert "12.07% of the hours worked" in line.basis


def test_more_leave_taken_than_accrued_on_leaving_is_a_note_not_a_negative_line():
    run = build_pay_run(inputs(start_date=D("2025-01-06"), end_date=D("2026-06-05"),
                               leave=(LeaveTaken(D("2026-04-06"), D("2026-04-15"), hours=M("60")),)))
    assert not lines_of(run, LineKind.UNTAKEN_HOLIDAY)
    assert any("took more leave than accrued" in note and "recovering it needs a written agreement" in note
               for note in run.notes)


def test_no_untaken_leave_line_when_holiday_is_rolled_up():
    run = build_pay_run(inputs(day_shift("a", D("2026-06-02"), 8), terms=(ROLLED_UP,), end_date=D("2026-06-05")))
    assert not lines_of(run, LineKind.UNTAKEN_HOLIDAY)
    assert lines_of(run, LineKind.ROLLED_UP_HOLIDAY_PAY)


def test_no_untaken_leave_line_when_the_leaving_day_is_in_another_period():
    run = build_pay_run(inputs(start_date=D("2025-01-06"), end_date=D("2026-06-12")))
    assert not lines_of(run, LineKind.UNTAKEN_HOLIDAY)


# --- statutory sick pay -------------------------------------------------------------------------------------------------------


def test_ssp_in_a_period_is_paid_for_the_qualifying_days_in_it():
    history = weekdays(D("2026-04-06"), D("2026-05-29"))  # 8 weeks of Monday-Friday, 8 hours at £13
    run = build_pay_run(inputs(*history, terms=(PLAIN,), sickness=(SicknessSpell(D("2026-06-01"), D("2026-06-05")),)))
    line = only(run, LineKind.SICK_PAY)
    # From 6 April 2026: no waiting days; the lower of £123.25 and 80% of £520 a week = £24.65 a day.
    assert line.amount == M("123.25")
    assert line.description == "Statutory sick pay, 5 days"
    assert line.counts_for_minimum_wage == 0
    assert any("divided by 8 (£520.00)" in note for note in run.notes)


def test_ssp_for_a_spell_running_into_the_next_period_pays_only_this_periods_days():
    history = weekdays(D("2026-04-06"), D("2026-05-29"))
    run = build_pay_run(inputs(*history, sickness=(SicknessSpell(D("2026-06-04"), D("2026-06-10")),)))
    assert only(run, LineKind.SICK_PAY).description == "Statutory sick pay, 2 days"


def test_ssp_without_earlier_shifts_takes_monday_to_friday_and_says_so():
    run = build_pay_run(inputs(sickness=(SicknessSpell(D("2026-06-01"), D("2026-06-05")),)))
    assert any("Monday to Friday are taken as the qualifying days" in note for note in run.notes)


def test_week_anchor_is_the_default_one():
    assert ANCHOR == D("2026-04-06") and WEEK.start.weekday() == 0


# May 2026 has two bank holidays (4 and 25 May): without a bank-holiday rate they pay the standard rate.
NO_BANK_HOLIDAY_RATE = replace(TERMS, bank_holiday_rate=None)


def test_fixed_hours_leave_after_regular_weekend_hours_is_paid_at_the_average_not_the_lower_standard_rate():
    # Saturdays at £15 every week besides the weekdays at £13: the average hour is above the standard rate.
    history = [*weekdays(D("2026-05-04"), D("2026-05-29")),
               *(day_shift(f"sat{n}", D("2026-05-09") + timedelta(weeks=n)) for n in range(4))]
    facts = inputs(*history, start_date=D("2026-05-04"), terms=(NO_BANK_HOLIDAY_RATE,),
                   leave=(LeaveTaken(D("2026-06-02"), D("2026-06-02"), hours=M("8")),))
    run = build_pay_run(facts)
    line = only(run, LineKind.HOLIDAY_PAY)
    assert line.rate == M("13.34")  # (40 x 13 + 8 x 15) / 48 = 13.333..., rounded up to the penny
    assert "Employment Rights Act 1996 s.222" in line.basis
    assert holiday_pay_check(facts, run).below is False


def test_fixed_hours_leave_with_only_standard_rate_history_stays_at_the_standard_rate():
    facts = inputs(*weekdays(D("2026-05-04"), D("2026-05-29")), start_date=D("2026-05-04"),
                   terms=(NO_BANK_HOLIDAY_RATE,), leave=(LeaveTaken(D("2026-06-02"), D("2026-06-02"), hours=M("8")),))
    line = only(build_pay_run(facts), LineKind.HOLIDAY_PAY)
    assert line.rate == M("13.00") and "standard rate in the contract terms" in line.basis


# --- SSP average weekly earnings (SSP (General) Regulations 1982 reg 19) ---------------------------------------------

SSP_TERMS = PayTerms(D("2024-01-01"), M("12.50"), hours_per_week=M("10"), days_per_week=M("2"))


def mondays_and_tuesdays(first: date, weeks: int, hours: int = 5, skip: tuple[int, ...] = ()) -> list[WorkedShift]:
    return [day_shift(f"s{first + timedelta(weeks=week, days=day)}", first + timedelta(weeks=week, days=day), hours)
            for week in range(weeks) if week not in skip for day in (0, 1)]


def sick_week(facts, period_start: str) -> Decimal:
    period = PayPeriod(D(period_start), D(period_start) + timedelta(days=6), D(period_start) + timedelta(days=11),
                       "weekly")
    return sum((line.amount for line in build_pay_run(replace(facts, period=period)).lines
                if line.kind is LineKind.SICK_PAY), M("0"))


def test_ssp_average_weekly_earnings_include_holiday_pay_in_the_eight_weeks():
    # 8 weeks of Monday and Tuesday, 5 hours at £12.50 (£125 a week); week 5 is two days of leave (£125 holiday pay).
    history = mondays_and_tuesdays(D("2026-04-06"), 8, skip=(4,))
    facts = inputs(*history, terms=(SSP_TERMS,), leave=(LeaveTaken(D("2026-05-04"), D("2026-05-05"), days=M("2")),),
                   sickness=(SicknessSpell(D("2026-06-01"), D("2026-06-07")),))
    # AWE £1,000 / 8 = £125: the lower of £123.25 and 80% (£100) is £100 for the week (not 80% of £109.38).
    assert sick_week(facts, "2026-06-01") == M("100.00")


def test_ssp_for_a_pa_employed_less_than_eight_weeks_averages_over_the_weeks_employed():
    history = mondays_and_tuesdays(D("2026-06-01"), 3, hours=4)  # £100 a week for 3 weeks
    facts = inputs(*history, terms=(SSP_TERMS,), start_date=D("2026-06-01"),
                   sickness=(SicknessSpell(D("2026-06-22"), D("2026-06-28")),))
    assert sick_week(facts, "2026-06-22") == M("80.00")  # 80% of £100, not of £300 / 8
    run = build_pay_run(replace(facts, period=PayPeriod(D("2026-06-22"), D("2026-06-28"), D("2026-07-03"), "weekly")))
    assert any("employed 21 days" in note and "reg 19(7)" in note for note in run.notes)


def test_ssp_for_a_pa_sick_before_any_pay_uses_the_contracts_weekly_pay():
    terms = PayTerms(D("2024-01-01"), M("13.00"), hours_per_week=M("30"), days_per_week=M("5"))
    facts = inputs(terms=(terms,), start_date=D("2026-06-01"),
                   sickness=(SicknessSpell(D("2026-06-01"), D("2026-06-07")),))
    # 30 hours at £13 = £390 a week: the lower of £123.25 and 80% (£312) for Monday to Friday.
    assert sick_week(facts, "2026-06-01") == M("123.25")


def test_ssp_for_a_linked_spell_keeps_the_earnings_of_the_first_spell():
    # £200 a week (Mondays and Tuesdays, 8 hours) until sick for 4 weeks from 1 June, back for 2 weeks, sick again.
    history = mondays_and_tuesdays(D("2026-04-06"), 14, hours=8, skip=(8, 9, 10, 11))
    facts = inputs(*history, terms=(SSP_TERMS,), sickness=(SicknessSpell(D("2026-06-01"), D("2026-06-28")),
                                                           SicknessSpell(D("2026-07-13"), D("2026-07-19"))))
    # At the first spell AWE is £200 (80% £160 > £123.25); the 8 weeks before the second hold only £800 (£100).
    assert sick_week(facts, "2026-07-13") == M("123.25")


def test_ssp_sickness_records_back_to_back_are_one_spell():
    history = weekdays(D("2025-04-28"), D("2025-06-20"), hours=6)
    facts = inputs(*history, terms=(SSP_TERMS,), sickness=(SicknessSpell(D("2025-06-23"), D("2025-06-25")),
                                                          SicknessSpell(D("2025-06-26"), D("2025-06-29"))))
    # One spell Monday to Sunday under the 2025/26 rules: 3 waiting days, then Thursday and Friday at £23.75.
    assert sick_week(facts, "2025-06-23") == M("47.50")


def test_untaken_holiday_for_fixed_hours_after_regular_weekend_hours_is_paid_at_the_average_not_the_standard_rate():
    terms = PayTerms(D("2024-01-01"), M("13.00"), weekend_rate=M("15.00"), hours_per_week=M("16"),
                     days_per_week=M("2"))
    weekends = [day_shift(f"s{week}{day}", D("2026-04-11") + timedelta(weeks=week, days=day))
                for week in range(20) for day in (0, 1)]  # every Saturday and Sunday, 8 hours at £15
    facts = inputs(*weekends, terms=(terms,), start_date=D("2026-04-01"), end_date=D("2026-08-30"),
                   period=PayPeriod(D("2026-08-24"), D("2026-08-30"), D("2026-09-04"), "weekly"))
    line = only(build_pay_run(facts), LineKind.UNTAKEN_HOLIDAY)
    assert line.rate == M("15.00")
    assert "s.222" in line.basis


def test_untaken_holiday_for_irregular_hours_is_capped_at_5_6_weeks_and_the_basis_says_so():
    history = weekdays(D("2026-03-30"), D("2027-04-02"), hours=6)  # 30 hours every week of the leave year
    facts = inputs(*history, terms=(IRREGULAR,), start_date=D("2024-01-01"), end_date=D("2027-03-31"),
                   period=PayPeriod(D("2027-03-29"), D("2027-04-04"), D("2027-04-09"), "weekly"))
    line = only(build_pay_run(facts), LineKind.UNTAKEN_HOLIDAY)
    # 12.07% of a year's hours is about 189 hours; the cap is 5.6 weeks of the 30-hour average week.
    assert line.hours == M("168.00")
    assert "capped at 5.6 weeks (28 days) of the average week of 30 hours" in line.basis


def test_rolled_up_holiday_pay_includes_a_bonus_for_the_period():
    bonus = PayLine(LineKind.BONUS, "Bonus", M("100.00"))
    run = build_pay_run(inputs(day_shift("a", D("2026-06-02"), 8), terms=(ROLLED_UP,), added_lines=(bonus,)))
    # 12.07% of (8 hours at £12 + £100 bonus) = 12.07% of £196 = £23.66.
    assert only(run, LineKind.ROLLED_UP_HOLIDAY_PAY).amount == M("23.66")


def test_rolled_up_holiday_pay_in_a_period_off_sick_is_the_average_for_a_pay_period_before_the_sickness():
    history = weekdays(D("2026-04-06"), D("2026-05-29"), hours=6)  # 8 weeks of 30 hours at £12: £360 a week
    run = build_pay_run(inputs(*history, terms=(ROLLED_UP,), start_date=D("2026-04-06"),
                               sickness=(SicknessSpell(D("2026-06-01"), D("2026-06-07")),)))
    line = only(run, LineKind.ROLLED_UP_HOLIDAY_PAY)
    assert line.amount == M("43.45")  # 12.07% of £360
    assert "reg 16A(4)-(6)" in line.basis


def test_rolled_up_holiday_pay_while_sick_averages_over_every_pay_period_of_the_52_weeks():
    # Worked 4 of the 8 weeks since starting (£360 each): the average for a week is 12.07% of £1,440 / 8.
    history = [*weekdays(D("2026-04-06"), D("2026-04-24"), hours=6), *weekdays(D("2026-05-25"), D("2026-05-29"),
                                                                              hours=6)]
    fortnight = PayPeriod(D("2026-06-01"), D("2026-06-14"), D("2026-06-19"), "fortnightly")
    run = build_pay_run(inputs(*history, terms=(ROLLED_UP,), start_date=D("2026-04-06"), period=fortnight,
                               sickness=(SicknessSpell(D("2026-06-01"), D("2026-06-14")),)))
    assert only(run, LineKind.ROLLED_UP_HOLIDAY_PAY).amount == M("43.45")  # 12.07% of £180 a week x 2 weeks
