"""`paemployer calc paye`: PAYE income tax on one payment, as HMRC's tax table routine works it out.

    paemployer calc paye --tax-year 2025-26 --frequency weekly|fortnightly|four-weekly|monthly --period N \\
        --tax-code 1257L [--week1-month1] --gross 500 --pay-to-date-before 4500 --tax-to-date-before 420.40 \\
        [--student-loan-plan 1|2|4|5|postgraduate] --json

`--period` is the tax week of the pay date (weekly, fortnightly, four-weekly pay) or the tax month (monthly).
The code's prefix says which nation's bands apply (S Scotland, C Wales); W1, M1 or X after the code, or
`--week1-month1`, works the payment on its own. A negative tax is a refund.
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
from paemployer.errors import ValidationError
from paemployer.i18n import _, format_money
from paemployer.labels import pay_frequency_label
from paemployer.rules.money import ZERO, money_str
from paemployer.rules.paye import (
    FLAT,
    K_CODE,
    LAST_PERIOD,
    NO_TAX,
    SCOTLAND,
    WALES,
    TaxCode,
    check_period,
    income_tax_row,
    is_extra_pay_day,
    parse_tax_code,
    paye_tax,
)
from paemployer.rules.student_loans import (
    PLANS,
    POSTGRADUATE,
    period_threshold,
    student_loan_deduction,
)

# Far beyond any real pay: larger amounts are typing mistakes (and would strain the arithmetic).
AMOUNT_LIMIT = Decimal(100_000_000)







def money(text: str) -> Decimal:
    """argparse type: an amount of money of 0 or more, like 500 or 500.00."""
    return pay_amount(text, limit=AMOUNT_LIMIT)


def signed_money(text: str) -> Decimal:
    """argparse type: an amount of money that may be below 0, like 420.40."""
    return pay_amount(text, limit=AMOUNT_LIMIT, signed=True)


tax_year = tax_year_label
frequency = pay_frequency

def tax_code(text: str) -> TaxCode:
    """argparse type: a tax code like 1257L, S1257L, C1257L W1, K475, BR, SD0 or NT."""
    try:
        return parse_tax_code(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def student_loan_plan(text: str) -> str:
    """argparse type: 1, 2, 4, 5 (or 'plan 2') or postgraduate."""
    value = text.strip().lower().removeprefix("plan").strip()
    if value in ("pg", "pgl", "postgrad"):
        value = POSTGRADUATE
    if value not in PLANS:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a student loan plan: give 1, 2, 4, 5 or postgraduate").format(text=text[:20]))
    return value


def register(calc_subparsers) -> None:
    parser = calc_subparsers.add_parser(
        "paye",
        help=_("PAYE income tax on one payment"),
        description=_(
            "PAYE income tax on one payment, worked out as HMRC's tax table routine does: free pay from the tax "
            "code, taxable pay to whole pounds, the bands of the code's nation for the period, cumulative or week 1 "
            "/ month 1, and never more than half the payment. A negative amount is a refund."
        ),
    )
    parser.add_argument("--tax-year", type=tax_year, required=True, metavar="YYYY-YY",
                        help=_("the tax year of the pay day, like 2025-26"))
    parser.add_argument("--frequency", type=frequency, required=True,
                        metavar="weekly|fortnightly|four-weekly|monthly", help=_("how often the PA is paid"))
    parser.add_argument("--period", type=argparse_type(bounded_whole_number, low=1, high=max(LAST_PERIOD.values())),
                        required=True, metavar="N",
                        help=_("the tax week of the pay date (tax month for monthly pay); week 1 and month 1 start "
                               "on 6 April"))
    parser.add_argument("--tax-code", type=tax_code, required=True, metavar="CODE",
                        help=_("the PA's tax code, like 1257L, S1257L (Scotland), C1257L (Wales), K475, BR or NT"))
    parser.add_argument("--week1-month1", action="store_true",
                        help=_("the code is on a week 1 / month 1 basis (W1, M1 or X after it on HMRC's notice)"))
    parser.add_argument("--gross", type=money, required=True, metavar="AMOUNT",
                        help=_("the pay in this payment that tax is due on"))
    parser.add_argument("--pay-to-date-before", type=money, metavar="AMOUNT",
                        help=_("taxable pay in the tax year before this payment (0 for the first payment)"))
    parser.add_argument("--tax-to-date-before", type=signed_money, metavar="AMOUNT",
                        help=_("tax deducted in the tax year before this payment (0 for the first payment)"))
    parser.add_argument("--student-loan-plan", type=student_loan_plan, metavar="PLAN",
                        help=_("also work out a student loan deduction: plan 1, 2, 4, 5 or postgraduate (on the "
                               "gross pay, as National Insurance is)"))
    parser.add_argument("--json", action="store_true", help=_("print the answer as JSON"))
    parser.set_defaults(handler=run)


def _first_period(frequency_: str, period: int) -> bool:
    """The pay date falls in the first pay period of the tax year (nothing can have been paid before it)."""
    weeks = {"weekly": 1, "fortnightly": 2, "four_weekly": 4}.get(frequency_)
    return period == 1 if weeks is None else period <= weeks


def run(args) -> int:
    try:
        check_period(args.frequency, args.period)
    except ValidationError as error:
        raise ValidationError(_("argument --period: {reason}").format(reason=error.message), field="period") from None
    income_tax_row(args.tax_year)  # a year without figures is refused before anything else is said
    code: TaxCode = args.tax_code
    week1_month1 = args.week1_month1 or code.week1_month1 or is_extra_pay_day(args.frequency, args.period)
    missing = [name for name, value in (("--pay-to-date-before", args.pay_to_date_before),
                                        ("--tax-to-date-before", args.tax_to_date_before)) if value is None]
    if missing and not week1_month1 and code.kind != NO_TAX and not _first_period(args.frequency, args.period):
        # Cumulative tax depends on the year so far: a forgotten figure must not give a wrong answer silently.
        raise ValidationError(
            _("give {options}: on a cumulative code the tax depends on the pay and tax in the tax year before this "
              "payment (give 0 if nothing was paid before)").format(options=" and ".join(missing)),
            field="pay_to_date_before")
    pay_before = args.pay_to_date_before if args.pay_to_date_before is not None else ZERO
    tax_before = args.tax_to_date_before if args.tax_to_date_before is not None else ZERO
    result = paye_tax(tax_year=args.tax_year, frequency=args.frequency, period=args.period, tax_code=code,
                      week1_month1=args.week1_month1, gross=args.gross, pay_to_date_before=pay_before,
                      tax_to_date_before=tax_before)
    loan = None
    if args.student_loan_plan is not None:
        loan = student_loan_deduction(tax_year=args.tax_year, frequency=args.frequency, plan=args.student_loan_plan,
                                      earnings=args.gross)
    if args.json:
        answer = {
            "tax_due_in_period": money_str(result.tax_due_in_period),
            "tax_due_to_date": money_str(result.tax_due_to_date),
            "taxable_pay_to_date": money_str(result.taxable_pay_to_date),
            "free_pay": money_str(result.free_pay),
            "regulatory_limit_applied": result.regulatory_limit_applied,
            "basis": "week1_month1" if result.week1_month1 else "cumulative",
            "tax_code": code.text,
            "region": code.region,
            "tax_year": args.tax_year,
            "frequency": args.frequency,
            "period": args.period,
            "gross": money_str(args.gross),
        }
        if loan is not None:
            answer["student_loan"] = money_str(loan)
            answer["student_loan_plan"] = args.student_loan_plan
        print(json.dumps(answer, indent=2, ensure_ascii=False))
        return 0
    _explain(args, code, result, loan)
    return 0


def _explain(args, code: TaxCode, result, loan) -> None:
    period_words = (_("tax month {n}") if args.frequency == "monthly" else _("tax week {n}")).format(n=args.period)
    nation = {SCOTLAND: _("Scottish rates (S code)"), WALES: _("Welsh rates (C code)")}.get(
        code.region, _("rest-of-UK rates"))
    print(_("PAYE on {gross} paid {frequency} in {period} of {year}, tax code {code} ({nation}):").format(
        gross=format_money(args.gross), frequency=pay_frequency_label(args.frequency).lower(), period=period_words,
        year=args.tax_year, code=code.text, nation=nation))
    if result.tax_due_in_period < 0:
        print(_("  Tax refunded in this payment: {amount}").format(amount=format_money(-result.tax_due_in_period)))
    else:
        print(_("  Tax to take from this payment: {amount}").format(amount=format_money(result.tax_due_in_period)))
    print(_("  Tax deducted in the tax year, including this payment: {amount}").format(
        amount=format_money(result.tax_due_to_date)))
    if code.kind == NO_TAX:
        print(_("  NT: no tax is due on this pay."))
    elif code.kind == FLAT:
        print(_("  {code} is a flat-rate code: every whole pound of pay is taxed at one rate, with no tax-free "
                "allowance.").format(code=code.text))
    elif code.kind == K_CODE:
        print(_("  {code} adds {amount} to the taxable pay (a K code collects tax on income the allowance does not "
                "cover).").format(code=code.text, amount=format_money(-result.free_pay)))
    else:
        print(_("  Tax-free pay from the code: {amount}").format(amount=format_money(result.free_pay)))
    if result.week1_month1:
        if args.week1_month1 or code.week1_month1:
            print(_("  Week 1 / month 1 basis: this payment is taxed on its own, with one period's allowance and "
                    "bands; pay and tax earlier in the year are not looked at."))
        else:
            print(_("  An extra pay day at the end of the tax year is taxed on its own, with one period's allowance "
                    "(HMRC PAYE Manual PAYE70015)."))
    else:
        print(_("  Cumulative basis: taxable pay in the year so far is {amount}; the tax to date is worked out on "
                "it and what was deducted before is taken off.").format(
            amount=format_money(result.taxable_pay_to_date)))
    if result.regulatory_limit_applied:
        print(_("  Limited to half of this payment: HMRC's rules never take more than 50 % of a payment in tax "
                "(Income Tax (PAYE) Regulations 2003, regulation 23(5)); on a cumulative code the rest is collected "
                "from later pay."))
    if loan is not None:
        threshold = period_threshold(tax_year=args.tax_year, frequency=args.frequency, plan=args.student_loan_plan)
        plan = _("postgraduate loan") if args.student_loan_plan == POSTGRADUATE else _(
            "Plan {plan} student loan").format(plan=args.student_loan_plan)
        period = _("a month") if args.frequency == "monthly" else _("a week")
        print(_("  {plan}: {amount} (on pay above {threshold} {period}, rounded down to whole pounds).").format(
            plan=plan, amount=format_money(loan), threshold=format_money(threshold), period=period))
    print(_("  Rates: {source}").format(source=income_tax_row(args.tax_year).source))
