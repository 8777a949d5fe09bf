"""The pay-reference-period check against worked examples published by GOV.UK, HMRC and Acas.

Each case is ported as published: the same pay, hours, accommodation days and charges, the same period length and
age, the rates in force on the example's date (the rates table's row for that date). The published answer is the
pay that counts, the average hourly rate (pay that counts / hours that count, shown to the penny) and whether the
minimum was met; where a source also gives the accommodation adjustment, that is checked too.

Sources:
- SA: GOV.UK's minimum wage calculator, alphagov/smart-answers test/unit/calculators/minimum_wage_calculator_test.rb
  ("Test cases from the Minimum National Wage docs"), https://github.com/alphagov/smart-answers/blob/
  01d4ebbf85e33e9224697665d0a8ae95a9b8c468/test/unit/calculators/minimum_wage_calculator_test.rb — scenarios 1, 2,
  3, 4 and 8, and "Historical adjustment for apprentices". The calculator pays overtime hours at the LOWER of the
  basic and overtime hourly rates (the premium above basic does not count, reg 10; NMWM09270) and multiplies the
  accommodation nights a week by the weeks in the period. Scenarios 5, 6, 7 and 12 are dated 2007-2009, before the
  rates table starts (1 October 2010), so they cannot be ported.
- NMWM: HMRC National Minimum Wage Manual accommodation examples, "rates based on those that applied for the
  2012/13 rate year: main rate 6.19, accommodation offset 4.82 a day" (the row from 1 October 2012):
  https://www.gov.uk/hmrc-internal-manuals/national-minimum-wage-manual/nmwm10200 (free accommodation, examples 1-2),
  .../nmwm10210 (charge at or below the offset, examples 1-2), .../nmwm10220 (charge above the offset, example 1).
- Acas: "National Minimum Wage and National Living Wage", section 4 "Checking pay", https://acas.org.uk/guide-print/68
  ("Example of working out average hourly rate"; "Example of including a bonus when checking pay"). Written for
  2025/26 (24-year-old on 12.50 "above the minimum wage"), so checked against the row from 1 April 2025.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from paemployer.rules.minimum_wage import (
    Accommodation,
    HoursInPeriod,
    PayInPeriod,
    check_pay_reference_period,
    minimum_wage_rate,
    minimum_wage_table,
)

D = Decimal


@dataclass(frozen=True)
class Example:
    source: str
    age: int
    start: date
    days: int  # length of the pay reference period
    basic_hours: Decimal
    basic_pay: Decimal
    overtime_hours: Decimal = D(0)
    overtime_rate: Decimal | None = None
    accommodation_days: int = 0
    accommodation_charge_per_day: Decimal | None = None  # None: no accommodation; 0: free
    accommodation_charge_total: Decimal | None = None  # when published as a total for the period
    counting_allowance: Decimal = D(0)  # e.g. a bonus, which counts
    # Published answers:
    hourly_minimum: Decimal = D(0)
    average_hourly: Decimal = D(0)
    compliant: bool = True
    accommodation_adjustment: Decimal | None = None  # + added to pay, - taken off pay, 0 none
    pay_that_counts: Decimal | None = None


def _run(example: Example, *, apprentice_since: date | None = None):
    # The calculator rounds the basic hourly rate to the penny before valuing overtime hours at it.
    basic_rate = (example.basic_pay / example.basic_hours).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    overtime_counted = D(0)
    premium = D(0)
    if example.overtime_hours:
        counted_rate = min(basic_rate, example.overtime_rate)
        # smart-answers rounds the counted overtime pay to the penny, as its published totals show.
        overtime_counted = (example.overtime_hours * counted_rate).quantize(D("0.01"), rounding=ROUND_HALF_UP)
        premium = example.overtime_hours * example.overtime_rate - overtime_counted
    accommodation = None
    if example.accommodation_charge_per_day is not None or example.accommodation_charge_total is not None:
        total = (example.accommodation_charge_total if example.accommodation_charge_total is not None
                 else example.accommodation_charge_per_day * example.accommodation_days)
        accommodation = Accommodation(days=example.accommodation_days, charge=total)
    born = example.start.replace(year=example.start.year - example.age) - timedelta(days=40)
    return check_pay_reference_period(
        date_of_birth=born,
        period_start=example.start,
        period_end=example.start + timedelta(days=example.days - 1),
        hours=HoursInPeriod(working=example.basic_hours + example.overtime_hours),
        pay=PayInPeriod(basic_pay=example.basic_pay + overtime_counted, premium_pay=premium,
                        allowances_that_count=example.counting_allowance, accommodation=accommodation),
        apprentice_since=apprentice_since,
    )


def _sa(source, **kw):
    return Example(source=f"smart-answers minimum_wage_calculator_test.rb {source}", **kw)


S1 = dict(age=24, start=date(2012, 8, 1), days=7, basic_hours=D(40), basic_pay=D(168), hourly_minimum=D("6.08"))
S1_OT = dict(S1, overtime_hours=D(7), overtime_rate=D("5.70"))
S2 = dict(age=23, start=date(2012, 10, 1), days=14, basic_hours=D(70), basic_pay=D(420), hourly_minimum=D("6.19"))
S2_OT = dict(S2, overtime_hours=D(2), overtime_rate=D(8))
S3 = dict(age=24, start=date(2011, 10, 1), days=7, basic_hours=D(40), basic_pay=D(100), hourly_minimum=D("6.08"))
S4 = dict(S3, overtime_hours=D(10))
S8 = dict(age=24, start=date(2012, 8, 21), days=7, basic_hours=D(35), basic_pay=D(350), overtime_hours=D(10),
          overtime_rate=D(12), hourly_minimum=D("6.08"))

SMART_ANSWERS = [
    _sa("scenario 1: 24, weekly, 168 for 40 hours",
        **S1, average_hourly=D("4.20"), compliant=False),
    _sa("scenario 1: + 7 hours overtime at 5.70 (29.40 counts)",
        **S1_OT, average_hourly=D("4.20"), compliant=False, pay_that_counts=D("197.40")),
    _sa("scenario 1: + free accommodation 7 nights (33.11)",
        **S1_OT, accommodation_days=7, accommodation_charge_per_day=D(0), accommodation_adjustment=D("33.11"),
        average_hourly=D("4.90"), compliant=False),
    _sa("scenario 1: + accommodation charged 7.50 a night above the offset (-19.39)",
        **S1_OT, accommodation_days=7, accommodation_charge_per_day=D("7.50"), accommodation_adjustment=D("-19.39"),
        average_hourly=D("3.79"), compliant=False),
    _sa("scenario 1: + accommodation charged 3 a night below the offset",
        **S1_OT, accommodation_days=7, accommodation_charge_per_day=D(3), accommodation_adjustment=D(0),
        average_hourly=D("4.20"), compliant=False),
    _sa("scenario 2: 23, fortnightly, 420 for 70 hours",
        **S2, average_hourly=D("6.00"), compliant=False),
    _sa("scenario 2: + 2 hours overtime at 8 (12 counts)",
        **S2_OT, average_hourly=D("6.00"), compliant=False, pay_that_counts=D("432")),
    _sa("scenario 2: + free accommodation 6 nights a week (57.84)",
        **S2_OT, accommodation_days=12, accommodation_charge_per_day=D(0), accommodation_adjustment=D("57.84"),
        average_hourly=D("6.80"), compliant=True),
    _sa("scenario 2: + accommodation charged 7.50 a night (-32.16)",
        **S2_OT, accommodation_days=12, accommodation_charge_per_day=D("7.50"), accommodation_adjustment=D("-32.16"),
        average_hourly=D("5.55"), compliant=False),
    _sa("scenario 2: + accommodation charged 4.50 a night, below the offset",
        **S2_OT, accommodation_days=12, accommodation_charge_per_day=D("4.50"), accommodation_adjustment=D(0),
        average_hourly=D("6.00"), compliant=False),
    _sa("scenario 3: 24, weekly, 100 for 40 hours",
        **S3, average_hourly=D("2.50"), compliant=False),
    _sa("scenario 3: + free accommodation 5 nights (23.65)",
        **S3, accommodation_days=5, accommodation_charge_per_day=D(0), accommodation_adjustment=D("23.65"),
        average_hourly=D("3.09"), compliant=False),
    _sa("scenario 3: + accommodation charged 6 a night (-6.35)",
        **S3, accommodation_days=5, accommodation_charge_per_day=D(6), accommodation_adjustment=D("-6.35"),
        average_hourly=D("2.34"), compliant=False),
    _sa("scenario 3: + accommodation charged 4 a night, below the offset",
        **S3, accommodation_days=5, accommodation_charge_per_day=D(4), accommodation_adjustment=D(0),
        average_hourly=D("2.50"), compliant=False),
    _sa("scenario 4: 10 hours overtime at 2, below the basic rate (20 counts)",
        **S4, overtime_rate=D(2), average_hourly=D("2.40"), compliant=False, pay_that_counts=D("120")),
    _sa("scenario 4: 10 hours overtime at 6 (25 counts)",
        **S4, overtime_rate=D(6), average_hourly=D("2.50"), compliant=False, pay_that_counts=D("125")),
    _sa("scenario 8: 24, 350 for 35 hours + 10 hours overtime at 12 (100 counts)",
        **S8, average_hourly=D("10.00"), compliant=True, pay_that_counts=D("450")),
    _sa("scenario 8: + free accommodation 7 nights (33.11)",
        **S8, accommodation_days=7, accommodation_charge_per_day=D(0), accommodation_adjustment=D("33.11"),
        average_hourly=D("10.74"), compliant=True),
    _sa("scenario 8: + accommodation charged 30 a night (-176.89)",
        **S8, accommodation_days=7, accommodation_charge_per_day=D(30), accommodation_adjustment=D("-176.89"),
        average_hourly=D("6.07"), compliant=False),
]

NMWM_WEEK = dict(age=30, start=date(2012, 10, 1), days=7, basic_hours=D(45), hourly_minimum=D("6.19"))
NMWM = [
    Example("NMWM10200 example 1: main rate for 45 hours, free accommodation 5 days (+24.10)",
            **NMWM_WEEK, basic_pay=D("278.55"), accommodation_days=5, accommodation_charge_per_day=D(0),
            accommodation_adjustment=D("24.10"), pay_that_counts=D("302.65"), average_hourly=D("6.73")),
    # Example 2's page gives 880.00 + 149.42; the total and the hourly figure are that sum and 1029.42 / 160.
    Example("NMWM10200 example 2: 5.50 x 160 hours a calendar month, free accommodation 31 days (+149.42)",
            age=30, start=date(2012, 10, 1), days=31, basic_hours=D(160), basic_pay=D("880.00"),
            accommodation_days=31, accommodation_charge_per_day=D(0), accommodation_adjustment=D("149.42"),
            hourly_minimum=D("6.19"), pay_that_counts=D("1029.42"), average_hourly=D("6.43")),
    Example("NMWM10210 example 1: rent 24.10 for 5 days, equal to the offset: no change",
            **NMWM_WEEK, basic_pay=D("278.55"), accommodation_days=5, accommodation_charge_total=D("24.10"),
            accommodation_adjustment=D(0), pay_that_counts=D("278.55"), average_hourly=D("6.19")),
    Example("NMWM10210 example 2: 6.10 x 45 hours, 4.00 a day for 7 days (below the offset): still below the rate",
            **NMWM_WEEK, basic_pay=D("274.50"), accommodation_days=7, accommodation_charge_per_day=D("4.00"),
            accommodation_adjustment=D(0), pay_that_counts=D("274.50"), average_hourly=D("6.10"), compliant=False),
    Example("NMWM10220 example 1: rent 75 a week for 5 days: 50.90 above the offset reduces pay",
            **NMWM_WEEK, basic_pay=D("278.55"), accommodation_days=5, accommodation_charge_total=D("75.00"),
            accommodation_adjustment=D("-50.90"), pay_that_counts=D("227.65"), average_hourly=D("5.06"),
            compliant=False),
]

ACAS = [
    Example("Acas guide 4 'Checking pay': Sam, 24, 500 for 40 hours a week = 12.50",
            age=24, start=date(2025, 4, 7), days=7, basic_hours=D(40), basic_pay=D(500),
            hourly_minimum=D("12.21"), average_hourly=D("12.50"), pay_that_counts=D(500)),
    Example("Acas guide 4 'Checking pay': Pat, 22, 560 for 40 hours including a 100 bonus = 14.00",
            age=22, start=date(2025, 4, 7), days=7, basic_hours=D(40), basic_pay=D(460), counting_allowance=D(100),
            hourly_minimum=D("12.21"), average_hourly=D("14.00"), pay_that_counts=D(560)),
]

AUG_2012 = dict(start=date(2012, 8, 5), days=7, basic_hours=D(39), hourly_minimum=D("6.08"))
SMART_ANSWERS_MORE = [
    _sa("'non-historical total entitlement and underpayment': 24, 100 for 39 hours, 5 Aug 2012",
        age=24, **AUG_2012, basic_pay=D(100), average_hourly=D("2.56"), compliant=False, pay_that_counts=D(100)),
    _sa("'non-historical ...': + 20 hours overtime at 10 (51.20 counts at the 2.56 basic rate)",
        age=24, **AUG_2012, basic_pay=D(100), overtime_hours=D(20), overtime_rate=D(10), average_hourly=D("2.56"),
        compliant=False, pay_that_counts=D("151.20")),
    _sa("'non-historical ...': 25, 300 for 39 hours + 20 hours overtime at 10: no underpayment",
        age=25, **AUG_2012, basic_pay=D(300), overtime_hours=D(20), overtime_rate=D(10), average_hourly=D("7.69"),
        compliant=True, pay_that_counts=D("453.80")),
    # The next four are undated in the source (the calculator's date of use); they assert pay only, so they are
    # dated here in August 2012 and, for 'Zero overtime rate', April 2026.
    _sa("'basic_rate tests': 312 for 39 hours (8 an hour) + 10 hours overtime at 7: total 382",
        age=25, start=date(2012, 8, 5), days=5, basic_hours=D(39), basic_pay=D(312), overtime_hours=D(10),
        overtime_rate=D(7), hourly_minimum=D("6.08"), average_hourly=D("7.80"), pay_that_counts=D(382)),
    _sa("'total_pay and basic_rate calculations': 260 for 40 hours + 10 hours overtime at 5: total 310",
        age=25, start=date(2012, 8, 1), days=5, basic_hours=D(40), basic_pay=D(260), overtime_hours=D(10),
        overtime_rate=D(5), hourly_minimum=D("6.08"), average_hourly=D("6.20"), pay_that_counts=D(310)),
    _sa("'total_pay and basic_rate calculations': 260 for 40 hours + 10 hours overtime at 25: total 325",
        age=25, start=date(2012, 8, 1), days=5, basic_hours=D(40), basic_pay=D(260), overtime_hours=D(10),
        overtime_rate=D(25), hourly_minimum=D("6.08"), average_hourly=D("6.50"), pay_that_counts=D(325)),
    _sa("'Zero overtime rate': 2230 for 148 hours over 28 days + 8 unpaid overtime hours: 14.29",
        age=25, start=date(2026, 4, 1), days=28, basic_hours=D(148), basic_pay=D(2230), overtime_hours=D(8),
        overtime_rate=D(0), hourly_minimum=D("12.71"), average_hourly=D("14.29"), pay_that_counts=D(2230)),
]

ALL = SMART_ANSWERS + SMART_ANSWERS_MORE + NMWM + ACAS


@pytest.mark.parametrize("example", ALL, ids=[example.source for example in ALL])
def test_published_example(example):
    result = _run(example)
    assert result.rate.hourly_rate == example.hourly_minimum
    average = (result.pay_that_counts / result.hours_that_count).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert average == example.average_hourly
    assert result.compliant is example.compliant
    assert (result.shortfall == 0) is example.compliant
    if example.pay_that_counts is not None:
        assert result.pay_that_counts == example.pay_that_counts
    if example.accommodation_adjustment is not None:
        adjustment = sum((line.amount if line.treatment == "added" else -line.amount)
                         for line in result.pay_lines if line.item.startswith("accommodation"))
        assert adjustment == example.accommodation_adjustment


def test_smart_answers_required_amounts_5_august_2012():
    # "non-historical total entitlement and underpayment": 39 hours x 6.08 = 237.12 due, 137.12 short on 100 paid;
    # with 10 overtime hours 49 x 6.08 = 297.92; with 20 overtime hours at 10, 59 x 6.08 - 151.20 = 207.52 short.
    base = dict(age=24, **AUG_2012, basic_pay=D(100))
    result = _run(Example("", **base))
    assert (result.required_to_penny, result.shortfall_to_penny) == (D("237.12"), D("137.12"))
    assert _run(Example("", **base, overtime_hours=D(10), overtime_rate=D(0))).required_to_penny == D("297.92")
    assert _run(Example("", **base, overtime_hours=D(20), overtime_rate=D(10))).shortfall_to_penny == D("207.52")


def test_smart_answers_accommodation_adjustment_1_august_2012():
    # "accommodation adjustment" (age 22, 1 Aug 2012, offset 4.73): 3.50 a night for 5 nights is under the offset,
    # so 0; free for 4 nights adds 4.73 x 4; 10.12 a night for 5 nights takes off 10.12 x 5 - 4.73 x 5 = 26.95.
    def adjustment(nights, per_night):
        result = _run(Example("", age=22, start=date(2012, 8, 1), days=7, basic_hours=D(40), basic_pay=D(300),
                              accommodation_days=nights, accommodation_charge_per_day=D(per_night)))
        return sum((line.amount if line.treatment == "added" else -line.amount)
                   for line in result.pay_lines if line.item.startswith("accommodation"))
    assert adjustment(5, "3.50") == 0
    assert adjustment(4, "0") == D("4.73") * 4
    assert adjustment(5, "10.12") == D("-26.95")


# smart-answers "per hour minimum wage" and "non-historical minimum wage": the rate for an age on a date, the
# apprentice rate and the accommodation offset. Its "under 18" ages 0 and 17 are read here as 16 and 17 (under 16
# is not entitled); "over 25" ages 25 and 999 as 25 and 90.
RATE_CASES = [
    ("2012-08-01", 17, "3.68"), ("2012-08-01", 21, "6.08"), ("2010-10-01", 17, "3.64"), ("2010-10-01", 18, "4.92"),
    ("2012-08-05", 24, "6.08"), ("2012-08-05", 19, "4.98"), ("2012-08-05", 17, "3.68"),
    ("2013-10-01", 16, "3.72"), ("2013-10-01", 17, "3.72"), ("2013-10-01", 18, "5.03"), ("2013-10-01", 20, "5.03"),
    ("2013-10-01", 25, "6.31"), ("2013-10-01", 90, "6.31"),
    ("2014-10-01", 16, "3.79"), ("2014-10-01", 17, "3.79"), ("2014-10-01", 18, "5.13"), ("2014-10-01", 20, "5.13"),
    ("2014-10-01", 25, "6.50"), ("2014-10-01", 90, "6.50"),
    ("2015-10-01", 16, "3.87"), ("2015-10-01", 17, "3.87"), ("2015-10-01", 18, "5.30"), ("2015-10-01", 20, "5.30"),
    ("2015-10-01", 25, "6.70"), ("2015-10-01", 90, "6.70"),
    ("2016-04-01", 16, "3.87"), ("2016-04-01", 17, "3.87"), ("2016-04-01", 18, "5.30"), ("2016-04-01", 20, "5.30"),
    ("2016-04-01", 21, "6.70"), ("2016-04-01", 24, "6.70"), ("2016-04-01", 25, "7.20"), ("2016-04-01", 90, "7.20"),
    ("2016-10-02", 16, "4.00"), ("2016-10-02", 17, "4.00"), ("2016-10-02", 18, "5.55"), ("2016-10-02", 20, "5.55"),
    ("2016-10-02", 21, "6.95"), ("2016-10-02", 24, "6.95"), ("2016-10-02", 25, "7.20"), ("2016-10-02", 90, "7.20"),
]
APPRENTICE_AND_OFFSET = [
    ("2013-10-01", "2.68", "4.91"), ("2014-10-01", "2.73", "5.08"), ("2015-10-01", "3.30", "5.35"),
    ("2016-04-01", "3.30", "5.35"), ("2016-10-02", "3.40", "6.00"),
]


@pytest.mark.parametrize("on, age, rate", RATE_CASES)
def test_smart_answers_rate_for_an_age_on_a_date(on, age, rate):
    on = date.fromisoformat(on)
    born = on.replace(year=on.year - age) - timedelta(days=40)
    assert minimum_wage_rate(born, on).hourly_rate == D(rate)


@pytest.mark.parametrize("on, apprentice, offset", APPRENTICE_AND_OFFSET)
def test_smart_answers_apprentice_rate_and_accommodation_offset(on, apprentice, offset):
    on = date.fromisoformat(on)
    apprentice_17 = minimum_wage_rate(on.replace(year=on.year - 17) - timedelta(days=40), on,
                                      apprentice_since=on - timedelta(days=30))
    assert apprentice_17.hourly_rate == D(apprentice)
    assert minimum_wage_table().row_on(on)["accommodation_offset_daily"] == D(offset)


def test_smart_answers_apprentice_under_19_in_november_2010():
    # "Historical adjustment for apprentices (hours:35, pay:78)": rate 2.50, average 2.23; the shortfall is
    # 35 x 2.50 - 78 = 9.50 (the published 10.07 revalues it at the 2013 rate, arrears under NMWA s.17).
    example = Example("smart-answers apprentice", age=17, start=date(2010, 11, 1), days=7, basic_hours=D(35),
                      basic_pay=D(78), hourly_minimum=D("2.50"))
    result = _run(example, apprentice_since=date(2010, 9, 1))
    assert result.rate.band == "apprentice" and result.rate.hourly_rate == D("2.50")
    assert (result.pay_that_counts / result.hours_that_count).quantize(D("0.01")) == D("2.23")
    assert (result.required_to_penny, result.shortfall_to_penny) == (D("87.50"), D("9.50"))

