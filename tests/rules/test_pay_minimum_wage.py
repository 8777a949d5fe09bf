"""The minimum wage on the pay made (rules/pay.py over rules/minimum_wage.py), imported payslips checked against
the rota, and one property: cutting a shift at midnight never changes its pay."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from test_pay import PLAIN, TERMS, inputs, shift

from paemployer.rules.bank_holidays import bank_holidays_between
from paemployer.rules.pay import (
    EarlierShortfall,
    LeaveTaken,
    LineKind,
    PayLine,
    PayPeriod,
    PayRun,
    PayTerms,
    RunSource,
    RunStatus,
    WorkedShift,
    build_pay_run,
    check_imported,
)

M = Decimal
D = date.fromisoformat

LOW = PayTerms(D("2026-01-01"), M("11.00"))
NEXT_WEEK = PayPeriod(D("2026-06-08"), D("2026-06-14"), D("2026-06-19"), "weekly")


def eight_hours(day: str = "2026-06-02", key: str = "a") -> WorkedShift:
    return shift(key, f"{day}T09:00", f"{day}T17:00")


# --- shortfalls in pounds ---------------------------------------------------------------------------------------------


def test_a_minimum_wage_shortfall_is_given_in_pounds_with_what_to_do():
    result = build_pay_run(inputs(eight_hours(), terms=(LOW,))).minimum_wage
    # 8 hours at £12.71 = £101.68 required; £88.00 paid.
    assert (result.rate, result.hours_counted, result.pay_counted) == (M("12.71"), M("8.00"), M("88.00"))
    assert (result.required, result.shortfall) == (M("101.68"), M("13.68"))
    assert not result.compliant
    assert "Paid £13.68 less than the minimum wage for 8 hours (£12.71 an hour)" in result.note
    assert "back pay in the next run" in result.note
    assert result.band == "National Living Wage (21 and over)" and result.band_code == "21_and_over"


def test_pay_at_the_standard_rate_above_the_minimum_is_compliant():
    result = build_pay_run(inputs(eight_hours(), terms=(PLAIN,))).minimum_wage
    assert result.compliant and result.shortfall == 0 and result.required == M("101.68")


def test_enhancements_do_not_count_for_the_minimum_wage_but_the_sleep_in_allowance_does():
    terms = PayTerms(D("2026-01-01"), M("12.00"), weekend_rate=M("20.00"), sleep_in_allowance=M("80.00"))
    saturday = shift("w", "2026-06-06T09:00", "2026-06-06T17:00")
    result = build_pay_run(inputs(saturday, terms=(terms,))).minimum_wage
    # £160 gross, but only the standard-rate part (8 x £12 = £96) counts: £5.68 short of £101.68.
    assert (result.pay_counted, result.shortfall) == (M("96.00"), M("5.68"))
    assert "premium pay and does not count towards the minimum wage" in result.note
    sleep_in = shift("s", "2026-06-02T22:00", "2026-06-03T08:00", kind="sleep_in")
    with_sleep_in = build_pay_run(inputs(saturday, sleep_in, terms=(terms,))).minimum_wage
    # The £80 allowance counts; the 10 hours asleep do not.
    assert (with_sleep_in.pay_counted, with_sleep_in.hours_counted) == (M("176.00"), M("8.00"))
    assert with_sleep_in.compliant


def test_time_woken_on_a_sleep_in_counts_and_breaks_asleep_time_and_leave_do_not():
    run = build_pay_run(inputs(
        shift("a", "2026-06-02T09:00", "2026-06-02T17:00", break_minutes=30),
        shift("s", "2026-06-03T22:00", "2026-06-04T08:00", kind="sleep_in", woken_minutes=60),
        leave=(LeaveTaken(D("2026-06-05"), D("2026-06-05"), hours=M("8")),)))
    working = run.minimum_wage.working
    assert run.minimum_wage.hours_counted == M("8.50")
    assert working["hours_counted"]["working"] == "7.5" and working["hours_counted"]["sleep_in_awake_for_work"] == "1"
    assert working["hours_not_counted"] == {"sleep_in_asleep_or_free": "9", "travel_home_to_work": "0",
                                            "unpaid_rest_breaks": "0.5", "absence": "8"}
    assert run.minimum_wage.pay_counted == M("97.50") + M("80.00") + M("13.00")  # holiday pay excluded


# --- the band: set on the first day of the period ------------------------------------------------------------------------


def test_a_21st_birthday_inside_a_period_keeps_the_old_band_until_the_next_period():
    born = D("2005-06-03")  # 21 on Wednesday 3 June 2026, inside the week of 1-7 June
    this = build_pay_run(inputs(eight_hours(), terms=(LOW,), date_of_birth=born)).minimum_wage
    assert (this.band_code, this.rate) == ("18_to_20", M("10.85")) and this.compliant
    following = build_pay_run(inputs(eight_hours("2026-06-09"), period=NEXT_WEEK, terms=(LOW,),
                                     date_of_birth=born)).minimum_wage
    assert (following.band_code, following.rate) == ("21_and_over", M("12.71"))
    assert following.shortfall == M("13.68")


def test_1_april_inside_a_period_keeps_the_old_rate_until_the_next_period():
    march = PayPeriod(D("2026-03-06"), D("2026-04-05"), D("2026-04-10"), "monthly")
    april = PayPeriod(D("2026-04-06"), D("2026-05-05"), D("2026-05-08"), "monthly")
    before = build_pay_run(inputs(eight_hours("2026-04-02"), period=march, terms=(LOW,))).minimum_wage
    assert before.rate == M("12.21") and before.shortfall == M("9.68")
    after = build_pay_run(inputs(eight_hours("2026-04-07"), period=april, terms=(LOW,))).minimum_wage
    assert after.rate == M("12.71") and after.shortfall == M("13.68")


def test_no_date_of_birth_is_checked_at_the_top_band_and_the_note_says_so():
    result = build_pay_run(inputs(eight_hours(), terms=(LOW,), date_of_birth=None)).minimum_wage
    assert result.rate == M("12.71") and result.band_code == "21_and_over"
    assert "No date of birth is recorded, so the check uses the top rate" in result.note


def test_a_15_year_old_is_not_entitled_and_has_no_shortfall():
    result = build_pay_run(inputs(eight_hours(), terms=(LOW,), date_of_birth=D("2011-01-10"))).minimum_wage
    assert result.rate is None and result.shortfall == 0 and result.required == 0
    assert result.band_code == "under_16" and "Under 16" in result.note


def test_a_16_year_old_still_of_school_age_is_not_entitled_until_the_school_leaving_date():
    # 16 in March 2026: in England of compulsory school age to the last Friday in June 2026 (26 June).
    result = build_pay_run(inputs(eight_hours(), terms=(LOW,), date_of_birth=D("2010-03-10"))).minimum_wage
    assert result.rate is None and "compulsory school age" in result.note


def test_an_apprentice_in_the_first_year_has_the_apprentice_rate():
    result = build_pay_run(inputs(eight_hours(), terms=(LOW,), apprentice_since=D("2026-01-05"))).minimum_wage
    assert result.band_code == "apprentice" and result.compliant


# --- earlier arrears ---------------------------------------------------------------------------------------------------------


def test_earlier_arrears_are_uplifted_to_todays_rate_when_it_is_higher():
    earlier = (EarlierShortfall(D("2025-06-01"), D("2025-06-07"), M("12.21"), M("12.21")),   # 1 hour at £12.21
               EarlierShortfall(D("2026-05-04"), D("2026-05-10"), M("5.00"), M("12.71")))    # same rate: as it was
    result = build_pay_run(inputs(eight_hours(), terms=(PLAIN,), earlier_shortfalls=earlier)).minimum_wage
    assert result.earlier_arrears == M("12.71") + M("5.00")
    assert "Earlier periods still owe £17.71" in result.note
    assert len(result.working["earlier_arrears"]) == 2


def test_uplifted_arrears_round_up_to_the_penny():
    earlier = (EarlierShortfall(D("2025-06-01"), D("2025-06-07"), M("1.00"), M("12.21")),)
    result = build_pay_run(inputs(eight_hours(), terms=(PLAIN,), earlier_shortfalls=earlier)).minimum_wage
    assert result.earlier_arrears == M("1.05")  # 1.00 x 12.71 / 12.21 = 1.0409..., rounded up


def test_earlier_arrears_are_uplifted_to_the_current_rate_of_the_band_that_applied_then_not_the_band_now():
    # Aged 20 in March 2026 (18-20 band, £10.00 then), 21 now: the rate now for 18-20 is £10.85, not £12.71.
    earlier = (EarlierShortfall(D("2026-03-02"), D("2026-03-08"), M("10.00"), M("10.00"), band_code="18_to_20"),)
    result = build_pay_run(inputs(eight_hours(), terms=(PLAIN,), date_of_birth=D("2005-05-10"),
                                  earlier_shortfalls=earlier)).minimum_wage
    assert result.band_code == "21_and_over"
    assert result.earlier_arrears == M("10.85")


def test_earlier_arrears_of_an_apprentice_use_todays_apprentice_rate():
    earlier = (EarlierShortfall(D("2025-06-02"), D("2025-06-08"), M("7.55"), M("7.55"), band_code="apprentice"),)
    result = build_pay_run(inputs(eight_hours(), terms=(PLAIN,), earlier_shortfalls=earlier)).minimum_wage
    assert result.earlier_arrears == M("8.00")  # 7.55 x 8.00 / 7.55


# --- imported payslips ---------------------------------------------------------------------------------------------------------


def imported(gross: str, hours: str | None = "8", lines: tuple[PayLine, ...] = ()) -> PayRun:
    run = build_pay_run(inputs())
    return replace(run, lines=lines, status=RunStatus.FINALISED, source=RunSource.IMPORTED, minimum_wage=None,
                   imported_gross=M(gross), imported_net=M(gross), imported_hours=None if hours is None else M(hours))


def test_check_imported_finds_an_imported_payslip_that_underpays():
    check = check_imported(inputs(eight_hours(), terms=(PLAIN,)), imported("90.00"))
    assert check.computed.gross == M("104.00")
    assert (check.minimum_wage.pay_counted, check.minimum_wage.shortfall) == (M("90.00"), M("11.68"))
    assert [(d.item, d.expected, d.received) for d in check.differences] == [("gross", M("104.00"), M("90.00"))]
    assert not check.holiday_pay_below_average


def test_check_imported_takes_off_pay_that_never_counts_as_the_rota_gives_it():
    saturday = shift("w", "2026-06-06T09:00", "2026-06-06T17:00")
    check = check_imported(inputs(saturday), imported("120.00"))
    # The rota says 8 weekend hours at £15 (£16 of it premium above £13): £120 - £16 = £104 counts.
    assert check.minimum_wage.pay_counted == M("104.00") and check.minimum_wage.compliant
    assert check.differences == ()
    assert "less £16.00" in check.minimum_wage.note


def test_check_imported_reports_hours_that_differ():
    check = check_imported(inputs(eight_hours(), terms=(PLAIN,)), imported("104.00", hours="7.5"))
    assert [(d.item, d.expected, d.received) for d in check.differences] == [("hours_paid", M("8.00"), M("7.5"))]


def test_check_imported_compares_an_itemised_payslip_line_by_line():
    history = shift("h", "2026-05-19T09:00", "2026-05-19T17:00")  # £104 for 8 hours: £13 an hour
    facts = inputs(history, eight_hours(), terms=(PLAIN,), start_date=D("2026-05-18"),
                   leave=(LeaveTaken(D("2026-06-03"), D("2026-06-03"), hours=M("8")),))
    lines = (PayLine(LineKind.HOURS, "Hours", M("104.00"), M("8"), M("13.00")),
             PayLine(LineKind.HOLIDAY_PAY, "Holiday", M("50.00"), M("8"), M("6.25")))
    check = check_imported(facts, imported("154.00", lines=lines))
    assert [(d.item, d.expected, d.received) for d in check.differences] == [
        ("gross", M("208.00"), M("154.00")), ("holiday_pay", M("104.00"), M("50.00"))]
    assert check.holiday_pay_below_average


def test_an_imported_payslip_without_lines_is_checked_for_holiday_pay_from_its_gross():
    history = (shift("h", "2026-05-19T09:00", "2026-05-19T17:00"),)  # £104 for 8 hours: £13 an hour
    facts = inputs(*history, eight_hours(), terms=(PLAIN,), start_date=D("2026-05-18"),
                   leave=(LeaveTaken(D("2026-06-03"), D("2026-06-03"), hours=M("8")),))
    assert not check_imported(facts, imported("208.00")).holiday_pay_below_average
    assert check_imported(facts, imported("180.00")).holiday_pay_below_average  # £76 for 8 hours of leave


# --- a property: cutting a shift at midnight never changes its pay ---------------------------------------------------------------

HOLIDAYS = bank_holidays_between("england", D("2026-01-01"), D("2027-12-31"))


@settings(max_examples=150, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 29)).map(
        lambda moment: moment.replace(second=0, microsecond=0)),
    minutes=st.integers(min_value=1, max_value=24 * 60),
    kind=st.sampled_from(["day", "waking_night"]),
)
def test_cutting_a_shift_at_midnight_never_changes_the_total_pay(start, minutes, kind):
    end = start + timedelta(minutes=minutes)
    whole = WorkedShift("w", start, end, kind=kind)
    pieces, moment, index = [], start, 0
    while moment < end:
        cut = min(datetime.combine(moment.date() + timedelta(days=1), datetime.min.time()), end)
        pieces.append(WorkedShift(f"p{index}", moment, cut, kind=kind))
        moment, index = cut, index + 1
    period = PayPeriod(start.date(), start.date() + timedelta(days=6), start.date() + timedelta(days=7), "weekly")
    base = {"period": period, "terms": (TERMS,), "bank_holidays": HOLIDAYS, "date_of_birth": None}
    one = build_pay_run(inputs(whole, **base))
    cut_up = build_pay_run(inputs(*pieces, **base))
    assert cut_up.gross == one.gross
    assert cut_up.hours_paid == one.hours_paid


# --- shifts with no contract terms ----------------------------------------------------------------------------------


def test_hours_worked_with_no_contract_terms_count_for_the_minimum_wage_with_no_pay():
    early = replace(PLAIN, effective_from=D("2026-06-05"))
    run = build_pay_run(inputs(eight_hours("2026-06-02"), terms=(early,)))
    result = run.minimum_wage
    # 8 hours worked, nothing paid for them: £101.68 short at £12.71 an hour, and the note still says why.
    assert run.gross == 0
    assert (result.hours_counted, result.pay_counted) == (M("8.00"), M("0"))
    assert (result.required, result.shortfall) == (M("101.68"), M("101.68"))
    assert not result.compliant
    assert any("no contract terms were in force" in note for note in run.notes)


def test_time_woken_on_a_sleep_in_with_no_contract_terms_counts_and_time_asleep_does_not():
    early = replace(PLAIN, effective_from=D("2026-06-05"))
    sleep_in = shift("s", "2026-06-02T22:00", "2026-06-03T07:00", kind="sleep_in", woken_minutes=60)
    result = build_pay_run(inputs(sleep_in, eight_hours("2026-06-06", "d"), terms=(early,))).minimum_wage
    # 8 paid hours at £13.00 (£104.00) and an unpaid hour woken: 9 hours need £114.39.
    assert (result.hours_counted, result.pay_counted) == (M("9.00"), M("104.00"))
    assert result.shortfall == M("10.39")


# --- living accommodation: the offset (NMW Regulations 2015 regs 14-16) -----------------------------------------------


def test_free_accommodation_counts_as_pay_up_to_the_offset_for_each_day():
    free = replace(LOW, accommodation_provided=True)
    result = build_pay_run(inputs(eight_hours(), terms=(free,))).minimum_wage
    # £88.00 paid, plus 7 days x £11.10 offset (2026/27) = £165.70 that counts: above the £101.68 required.
    assert result.pay_counted == M("165.70") and result.compliant


def test_accommodation_charged_above_the_offset_takes_the_excess_off_the_pay_that_counts():
    charged = replace(PLAIN, accommodation_provided=True, accommodation_charge_per_day=M("20.00"))
    result = build_pay_run(inputs(eight_hours(), terms=(charged,))).minimum_wage
    # £104.00 paid less (7 x £20.00 - 7 x £11.10) = £62.30: £41.70 counts, £59.98 short.
    assert (result.pay_counted, result.shortfall) == (M("41.70"), M("59.98"))


def test_accommodation_charged_within_the_offset_changes_nothing_and_none_provided_is_no_adjustment():
    within = replace(PLAIN, accommodation_provided=True, accommodation_charge_per_day=M("5.00"))
    assert build_pay_run(inputs(eight_hours(), terms=(within,))).minimum_wage.pay_counted == M("104.00")
    assert build_pay_run(inputs(eight_hours(), terms=(PLAIN,))).minimum_wage.pay_counted == M("104.00")


def test_accommodation_counts_only_the_days_employed_in_the_period():
    free = replace(LOW, accommodation_provided=True)
    result = build_pay_run(inputs(eight_hours(), terms=(free,), start_date=D("2026-06-02"),
                                  end_date=D("2026-06-04"))).minimum_wage
    assert result.pay_counted == M("121.30")  # £88.00 + 3 days x £11.10
