"""`paemployer calc pension`: a worker's automatic enrolment category in one pay reference period, and the minimum
pension contributions on their qualifying earnings.

    paemployer calc pension --tax-year 2025-26 --frequency weekly|fortnightly|four-weekly|monthly --gross 500 \\
        --age 30 [--date-of-birth 1995-06-01 [--on 2025-06-27]] --json

State Pension age: with only --age, it is taken as 66 (whoever is 66 or over has reached it; it is rising to 67 for
people born from 6 April 1960, so for them it is a little later). --date-of-birth gives the exact day (Pensions Acts),
checked on --on, the day the pay is assessed (the first day of the tax year when not given).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from paemployer.cli.args import (
    argparse_type,
    bounded_whole_number,
    iso_date,
    pay_amount,
    pay_frequency,
    tax_year_label,
)
from paemployer.errors import ValidationError
from paemployer.i18n import _, format_date, format_money
from paemployer.labels import pay_frequency_label
from paemployer.rules.minimum_wage import age_on
from paemployer.rules.money import money_str
from paemployer.rules.pensions import (
    ELIGIBLE_JOBHOLDER,
    NON_ELIGIBLE_JOBHOLDER,
    assess_for_pension,
    state_pension_age_date,
    status_words,
)
from paemployer.rules.tax_year import tax_year_of

# Far beyond any real pay for one period: larger amounts are typing mistakes (and would strain the arithmetic).
GROSS_LIMIT = Decimal(1_000_000)
# Without a date of birth: State Pension age is 66 for everyone born from 6 October 1954 to 5 April 1960, and a few
# months more for those born up to 5 March 1961 (Pensions Act 2014 s.26); the command says it assumed this.
ASSUMED_STATE_PENSION_AGE = 66
OLDEST_AGE = 130





def money(text: str) -> Decimal:
    """argparse type: an amount of pay of 0 or more, like 500 or 500.00."""
    return pay_amount(text, limit=GROSS_LIMIT)


tax_year = tax_year_label
frequency = pay_frequency

def register(calc_subparsers) -> None:
    parser = calc_subparsers.add_parser(
        "pension",
        help=_("automatic enrolment: whether a PA must be put into a pension, and the minimum contributions"),
        description=_(
            "Automatic enrolment for one pay period: whether the PA is an eligible jobholder (must be put into a "
            "workplace pension), a non-eligible jobholder or an entitled worker, with the earnings trigger and "
            "qualifying earnings band for the period's length, and the minimum contributions on the qualifying "
            "earnings (Pensions Act 2008 ss.1, 3, 13, 20)."
        ),
    )
    parser.add_argument("--tax-year", type=tax_year, required=True, metavar="YYYY-YY",
                        help=_("the tax year of the pay day, like 2025-26"))
    parser.add_argument("--frequency", type=frequency, required=True,
                        metavar="weekly|fortnightly|four-weekly|monthly", help=_("how often the PA is paid"))
    parser.add_argument("--gross", type=money, required=True, metavar="AMOUNT",
                        help=_("the PA's pay for the period before any deductions"))
    parser.add_argument("--age", type=argparse_type(bounded_whole_number, low=0, high=OLDEST_AGE), metavar="N",
                        help=_("the PA's age in years (needed unless --date-of-birth is given)"))
    parser.add_argument("--date-of-birth", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("the PA's date of birth, for the exact State Pension age (otherwise taken as {age})"
                               ).format(age=ASSUMED_STATE_PENSION_AGE))
    parser.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("the day the pay is assessed, in the tax year (with --date-of-birth; the first day of "
                               "the tax year when not given)"))
    parser.add_argument("--json", action="store_true", help=_("print the answer as JSON"))
    parser.set_defaults(handler=run)


def _assessment_day(args) -> date:
    start = tax_year_of(args.tax_year)
    if args.on is None:
        return start
    last = date(start.year + 1, 4, 5)
    if not start <= args.on <= last:
        raise ValidationError(
            _("argument --on: {day} is not in the tax year {year} ({start} to {last})").format(
                day=args.on.isoformat(), year=args.tax_year, start=start.isoformat(), last=last.isoformat()),
            field="on")
    return args.on


def _age_and_pension_age(args) -> tuple[int, bool, date | None, date]:
    """(age, has reached State Pension age, its day if known, the day assessed)."""
    on = _assessment_day(args)
    if args.date_of_birth is None:
        if args.on is not None:
            raise ValidationError(_("argument --on: give it with --date-of-birth (with only --age, the age is the "
                                    "age on the day assessed)"), field="on")
        if args.age is None:
            raise ValidationError(_("give the PA's age with --age N (or their date of birth with --date-of-birth)"),
                                  field="age")
        return args.age, args.age >= ASSUMED_STATE_PENSION_AGE, None, on
    if args.date_of_birth > on:
        raise ValidationError(
            _("argument --date-of-birth: {born} is after the day assessed, {day}").format(
                born=args.date_of_birth.isoformat(), day=on.isoformat()), field="date_of_birth")
    age = age_on(args.date_of_birth, on)
    if args.age is not None and args.age != age:
        raise ValidationError(
            _("argument --age: {given} does not match --date-of-birth: on {day} the PA is {age}").format(
                given=args.age, day=on.isoformat(), age=age), field="age")
    pension_day = state_pension_age_date(args.date_of_birth)
    return age, on >= pension_day, pension_day, on


def run(args) -> int:
    age, reached, pension_day, on = _age_and_pension_age(args)
    result = assess_for_pension(tax_year=args.tax_year, frequency=args.frequency, gross=args.gross, age=age,
                                reached_state_pension_age=reached)
    if args.json:
        answer = {
            "status": result.status,
            "qualifying_earnings": money_str(result.qualifying_earnings),
            "employer_minimum": money_str(result.employer_minimum),
            "total_minimum": money_str(result.total_minimum),
            "employee_minimum": money_str(result.employee_minimum),
            "employee_deduction_relief_at_source": money_str(result.employee_deduction_relief_at_source),
            "earnings_trigger": money_str(result.earnings_trigger),
            "lower_limit": money_str(result.lower_limit),
            "upper_limit": money_str(result.upper_limit),
            "tax_year": args.tax_year,
            "frequency": args.frequency,
            "gross": money_str(args.gross),
            "age": age,
            "state_pension_age": {
                "reached": reached,
                "basis": "assumed_66" if pension_day is None else "date_of_birth",
                "date": None if pension_day is None else pension_day.isoformat(),
                "assessed_on": None if pension_day is None else on.isoformat(),
            },
        }
        print(json.dumps(answer, indent=2, ensure_ascii=False))
        return 0
    print(_("Automatic enrolment for pay of {gross} ({frequency}, tax year {year}), age {age}: {words}.").format(
        gross=format_money(args.gross), frequency=pay_frequency_label(args.frequency).lower(), year=args.tax_year,
        age=age, words=status_words(result.status)))
    print(_("  For this pay period: earnings trigger {trigger} (enrolled when pay is more than this), qualifying "
            "earnings band {lower} to {upper}.").format(
        trigger=format_money(result.earnings_trigger), lower=format_money(result.lower_limit),
        upper=format_money(result.upper_limit)))
    print(_("  Qualifying earnings (pay above {lower}, up to {upper}): {amount}").format(
        lower=format_money(result.lower_limit), upper=format_money(result.upper_limit),
        amount=format_money(result.qualifying_earnings)))
    if result.status in (ELIGIBLE_JOBHOLDER, NON_ELIGIBLE_JOBHOLDER):
        if result.status == NON_ELIGIBLE_JOBHOLDER:
            print(_("  If the PA opts in, the minimum contributions are:"))
        print(_("  Minimum contributions: {total} in all; the employer pays at least {employer}; the employee's share "
                "is {employee}.").format(total=format_money(result.total_minimum),
                                         employer=format_money(result.employer_minimum),
                                         employee=format_money(result.employee_minimum)))
        print(_("  Taken from the PA's pay: {employee} before tax under a net pay arrangement, or {net} after tax under "
                "relief at source (HMRC adds the basic-rate tax relief, {relief}, to the pension).").format(
            employee=format_money(result.employee_minimum), net=format_money(result.employee_deduction_relief_at_source),
            relief=format_money(result.employee_minimum - result.employee_deduction_relief_at_source)))
        print(_("  Each figure is rounded to the penny; the pension scheme's own rules may round differently."))
    if pension_day is None:
        print(_("  State Pension age taken as {age} (no date of birth given): it is rising to 67 for people born from "
                "6 April 1960, so give --date-of-birth for the exact day.").format(age=ASSUMED_STATE_PENSION_AGE))
    else:
        words = (_("  State Pension age (from the date of birth): {day}; reached by {on}, the day assessed.")
                 if reached else
                 _("  State Pension age (from the date of birth): {day}; not yet reached on {on}, the day assessed."))
        print(words.format(day=format_date(pension_day, format="long"), on=format_date(on, format="long")))
    return 0
