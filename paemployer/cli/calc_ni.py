"""`paemployer calc ni`: Class 1 National Insurance on one payment, employee's and employer's.

    paemployer calc ni --tax-year 2025-26 --frequency weekly|fortnightly|four-weekly|monthly --category A \\
        --gross 500 [--periods 2] --json

`--periods` is for a payment that covers more than one pay period (for example two weeks' pay in advance at
holiday): HMRC multiplies each threshold by the number of periods. Employer's NI is before the Employment Allowance.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal

from paemployer.cli.args import (
    argparse_type,
    bounded_whole_number,
    pay_amount,
    pay_frequency,
    tax_year_label,
)
from paemployer.i18n import _, format_money
from paemployer.labels import pay_frequency_label
from paemployer.rules.money import money_str
from paemployer.rules.national_insurance import (
    CATEGORIES,
    category_words,
    class1_ni,
    period_thresholds,
)

# Far beyond any real payment: larger amounts are typing mistakes (and would strain the arithmetic).
GROSS_LIMIT = Decimal(1_000_000)
# A payment covering more pay periods than a year holds is a mistake.
MOST_PERIODS = 53





def money(text: str) -> Decimal:
    """argparse type: an amount of money of 0 or more, like 500 or 500.00."""
    return pay_amount(text, limit=GROSS_LIMIT)


tax_year = tax_year_label
frequency = pay_frequency

def category(text: str) -> str:
    """argparse type: a National Insurance category letter."""
    value = text.strip().upper()
    if value not in CATEGORIES:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a National Insurance category letter: give one of {letters}").format(
                text=text[:20], letters=", ".join(CATEGORIES)))
    return value


def register(calc_subparsers) -> None:
    parser = calc_subparsers.add_parser(
        "ni",
        help=_("Class 1 National Insurance on one payment"),
        description=_(
            "Class 1 National Insurance on one payment: the employee's (taken from pay), the employer's (before the "
            "Employment Allowance) and the earnings bands a Full Payment Submission reports, with HMRC's thresholds "
            "for the pay frequency and HMRC's rounding."
        ),
    )
    parser.add_argument("--tax-year", type=tax_year, required=True, metavar="YYYY-YY",
                        help=_("the tax year of the pay day, like 2025-26"))
    parser.add_argument("--frequency", type=frequency, required=True,
                        metavar="weekly|fortnightly|four-weekly|monthly", help=_("how often the PA is paid"))
    parser.add_argument("--category", type=category, required=True, metavar="LETTER",
                        help=_("the PA's National Insurance category letter, usually A"))
    parser.add_argument("--gross", type=money, required=True, metavar="AMOUNT",
                        help=_("the pay in this payment that National Insurance is due on"))
    parser.add_argument("--periods", type=argparse_type(bounded_whole_number, low=1, high=MOST_PERIODS), default=1,
                        metavar="N", help=_("how many pay periods this payment covers (usually 1)"))
    parser.add_argument("--json", action="store_true", help=_("print the answer as JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    result = class1_ni(tax_year=args.tax_year, frequency=args.frequency, category=args.category, gross=args.gross,
                       periods=args.periods)
    limits = period_thresholds(tax_year=args.tax_year, frequency=args.frequency, category=args.category,
                               periods=args.periods)
    relief = limits.employer_relief_threshold
    if args.json:
        answer = {
            "employee_ni": money_str(result.employee_ni),
            "employer_ni": money_str(result.employer_ni),
            "earnings_at_lel": money_str(result.earnings_at_lel),
            "earnings_lel_to_pt": money_str(result.earnings_lel_to_pt),
            "earnings_pt_to_uel": money_str(result.earnings_pt_to_uel),
            "earnings_above_uel": money_str(result.earnings_above_uel),
            "category": result.category,
            "tax_year": args.tax_year,
            "frequency": args.frequency,
            "periods": args.periods,
            "gross": money_str(args.gross),
            "thresholds": {
                "lower_earnings_limit": money_str(limits.lower_earnings_limit),
                "primary_threshold": money_str(limits.primary_threshold),
                "secondary_threshold": money_str(limits.secondary_threshold),
                "upper_earnings_limit": money_str(limits.upper_earnings_limit),
                "upper_secondary_threshold": None if relief is None else money_str(relief),
            },
        }
        print(json.dumps(answer, indent=2, ensure_ascii=False))
        return 0
    print(_("Class 1 National Insurance on {gross} ({frequency}, tax year {year}), category {letter}: {words}.").format(
        gross=format_money(args.gross), frequency=pay_frequency_label(args.frequency).lower(), year=args.tax_year,
        letter=result.category, words=category_words(result.category)))
    if args.periods > 1:
        print(_("  The payment covers {n} pay periods: each threshold is multiplied by {n}.").format(n=args.periods))
    print(_("  Employee's National Insurance (taken from pay): {amount}").format(amount=format_money(result.employee_ni)))
    print(_("  Employer's National Insurance (before the Employment Allowance): {amount}").format(
        amount=format_money(result.employer_ni)))
    print(_("  Earnings at the lower earnings limit: {amount}").format(amount=format_money(result.earnings_at_lel)))
    print(_("  Earnings above the lower earnings limit, up to the primary threshold: {amount}").format(
        amount=format_money(result.earnings_lel_to_pt)))
    print(_("  Earnings above the primary threshold, up to the upper earnings limit: {amount}").format(
        amount=format_money(result.earnings_pt_to_uel)))
    print(_("  Thresholds for this payment: lower earnings limit {lel}, primary threshold {pt}, secondary threshold "
            "{st}, upper earnings limit {uel}.").format(
        lel=format_money(limits.lower_earnings_limit), pt=format_money(limits.primary_threshold),
        st=format_money(limits.secondary_threshold), uel=format_money(limits.upper_earnings_limit)))
    if relief is not None:
        print(_("  The employer pays nothing on pay up to {amount} for this category (its upper secondary "
                "threshold).").format(amount=format_money(relief)))
    return 0
