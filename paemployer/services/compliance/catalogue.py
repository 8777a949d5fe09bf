"""The one catalogue of warnings: for each code its severity rule, its texts and its legal basis.

Texts are marked with N_() here and translated with _() when a warning is rendered, so a change of
language shows at once. Placeholders are {braces}, filled from the finding's params (dates and money
formatted for the current locale). How far ahead "act soon" looks is a product choice, set here in
HORIZONS with the reason for each figure. A statutory figure is never written into a text: its placeholder
(FIGURES below) is filled from the rates row in force on the warning's date (resources/rates/working_time.toml,
employer_duties.toml, penalties.toml), so a new row changes every text that quotes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Callable, Mapping

from paemployer.i18n import (
    N_, _, day_name, format_date, format_money, hours_text, minutes_text, months_text, plain_number,
    years_text,
)
from paemployer.rules import school_age
from paemployer.rules.compliance_checks import Horizons
from paemployer.rules.rates import RatesRow, load_table
from paemployer.rules.warnings import ActionTarget, Finding, Severity, Warning

HORIZONS = Horizons(
    start_days=28,           # a month's notice is how far ahead people usually arrange a new PA's checks
    el_insurance_days=60,    # renewing or switching insurer can take weeks; two months leaves time to shop around
    right_to_work_days=60,   # a follow-up check needs the PA's new documents or a Home Office share code
    training_days=30,        # booking a refresher course usually takes a few weeks
    probation_days=28,       # time to arrange a review meeting before the probation ends
    pension_days=90,         # declarations and re-enrolment take paperwork with the pension provider
    cover_stale_months=6,    # plan B is only useful if the numbers still work: confirm twice a year
    nmw_band_days=62,        # "next month" and the one after: time to agree a new rate before payday
)

WTR_LOOK_BACK_DAYS = 28   # a breach in the last four weeks still says the rota pattern needs changing
ROTA_LOOK_AHEAD_DAYS = 14  # a rota is usually planned a fortnight ahead; further out, gaps are expected
MAX_GAP_WARNINGS = 3       # more gaps than this are one "the rota is not filled in" warning, not dozens

ACT_NOW_DAYS = 7  # something due within a week cannot wait: it is shown with what must be done now


@dataclass(frozen=True)
class Texts:
    title: str
    explanation: str
    action: str
    basis: str | None = None       # overrides the definition's basis for this variant
    basis_url: str | None = None
    page: str | None = None        # overrides the definition's page for this variant


@dataclass(frozen=True)
class WarningDefinition:
    code: str
    page: str                                   # the page the "go there" button opens
    basis: str
    basis_url: str
    severity: Callable[[Finding, date], Severity]
    texts: Mapping[str, Texts]                  # variant name → texts; "default" always present
    variant: Callable[[Finding], str] = field(default=lambda finding: "default")


# --- Severity rules --------------------------------------------------------------------------------------


def by_due(soon: Severity = Severity.ACT_SOON) -> Callable[[Finding, date], Severity]:
    """Broken already, or due within a week → act now; otherwise `soon` (act soon unless said)."""

    def rule(finding: Finding, on: date) -> Severity:
        if finding.overdue:
            return Severity.ACT_NOW
        if finding.due is not None and finding.due <= on + timedelta(days=ACT_NOW_DAYS):
            return Severity.ACT_NOW
        return soon

    return rule


def fixed(severity: Severity) -> Callable[[Finding, date], Severity]:
    return lambda finding, on: severity


def _overdue_or(severity: Severity) -> Callable[[Finding, date], Severity]:
    return lambda finding, on: Severity.ACT_NOW if finding.overdue else severity


def _working_time(finding: Finding, on: date) -> Severity:
    # A breach already past cannot be undone (for information); a planned one can still be changed in the rota.
    if finding.params.get("opt_out") or finding.due is None:
        return Severity.INFO
    return Severity.ACT_NOW if finding.due <= on + timedelta(days=ACT_NOW_DAYS) else Severity.ACT_SOON


def _written_statement(finding: Finding, on: date) -> Severity:
    if finding.params.get("late"):
        return Severity.INFO
    return by_due()(finding, on)


def _el_expired(finding: Finding, on: date) -> Severity:
    return Severity.INFO if finding.params.get("all_family") else Severity.ACT_NOW


def _training(finding: Finding, on: date) -> Severity:
    return Severity.ACT_SOON if finding.overdue else Severity.INFO


def _background(finding: Finding, on: date) -> Severity:
    if finding.params.get("pvg_required"):
        return by_due()(finding, on)
    return Severity.ACT_SOON


# --- The catalogue ---------------------------------------------------------------------------------------

NMW_URL = "https://www.gov.uk/national-minimum-wage-rates"
WTR_HOURS_URL = "https://www.gov.uk/maximum-weekly-working-hours"
WTR_REST_URL = "https://www.gov.uk/rest-breaks-work"
STATEMENT_URL = "https://www.acas.org.uk/what-must-be-written-in-an-employment-contract"
RTW_URL = "https://www.gov.uk/check-job-applicant-right-to-work"
CARE_ACT_GUIDANCE_URL = (
    "https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance"
)
TPR_EMPLOYERS_URL = "https://www.thepensionsregulator.gov.uk/en/employers"


CATALOGUE: dict[str, WarningDefinition] = {}


def _define(definition: WarningDefinition) -> None:
    CATALOGUE[definition.code] = definition


NMW_CALCULATING_URL = "https://www.gov.uk/government/publications/calculating-the-minimum-wage"
_PAY_MADE_BASIS = N_("National Minimum Wage Act 1998, sections 1 and 17 (arrears are paid at the rate in force "
                     "now); National Minimum Wage Regulations 2015, regulations 7-10 (the pay and the hours that "
                     "count)")


def _nmw_variant(finding: Finding) -> str:
    if not finding.params.get("pay_made"):
        return "default"
    return "pay_made_arrears" if finding.params.get("arrears") else "pay_made"


_define(WarningDefinition(
    code="NMW_SHORTFALL", page="pas",
    basis=N_("National Minimum Wage Act 1998; National Minimum Wage Regulations 2015"), basis_url=NMW_URL,
    severity=fixed(Severity.ACT_NOW), variant=_nmw_variant,
    texts={
        "default": Texts(
            N_("{name} is paid less than the minimum wage"),
            N_("{name}'s {rate_kind} of {rate} is below the legal minimum of {minimum} an hour for their age band "
               "({band}) on {on}. {nmw_penalty}"),
            N_("Agree a new rate of at least {minimum} an hour from {on} and record it as new contract terms."),
        ),
        # The pay actually made for a pay reference period (services/pay): the pounds short, not just the rate.
        "pay_made": Texts(
            N_("{name}'s pay for {period_start} to {period_end} is {shortfall} below the minimum wage"),
            N_("For {hours_counted} hours that count, {name} must be paid at least {required} ({minimum} an hour), "
               "but the pay that counts is {pay_counted}: holiday and sick pay, expenses and the part of a rate "
               "above the standard rate do not count. {nmw_penalty}"),
            N_("Pay {name} the {shortfall} as back pay in the next pay run (add a back pay line), and put the rate "
               "right in their contract terms. If the run is not finalised yet, fix the pay and build it again."),
            _PAY_MADE_BASIS, NMW_CALCULATING_URL, "pay",
        ),
        "pay_made_arrears": Texts(
            N_("{name}'s pay for {period_start} to {period_end} is {shortfall} below the minimum wage"),
            N_("For {hours_counted} hours that count, {name} must be paid at least {required} ({minimum} an hour), "
               "but the pay that counts is {pay_counted}. Earlier pay periods also still owe {arrears}, worked out "
               "at today's rate as the law requires. {nmw_penalty}"),
            N_("Pay {name} the {shortfall} and the {arrears} owed for earlier periods as back pay in the next pay "
               "run, and put the rate right in their contract terms."),
            _PAY_MADE_BASIS, NMW_CALCULATING_URL, "pay",
        ),
    },
))
_define(WarningDefinition(
    code="NMW_BAND_CHANGE", page="pas",
    basis=N_("National Minimum Wage Regulations 2015: the rate for a worker's age applies from the first pay "
             "period starting on or after the birthday"), basis_url=NMW_URL,
    severity=by_due(),
    texts={"default": Texts(
        N_("{name} moves to a higher minimum wage on {due}"),
        N_("{name}'s birthday moves them into the {band} band, with a minimum of {minimum} an hour from the "
           "first pay period starting on or after {due}. Their {rate_kind} of {rate} would then be too low."),
        N_("Agree a rate of at least {minimum} an hour from {due} and record it as new contract terms."),
    )},
))
_define(WarningDefinition(
    code="NMW_UPRATING_AHEAD", page="pas",
    basis=N_("National Minimum Wage rates change every April"), basis_url=NMW_URL,
    severity=by_due(),
    texts={"default": Texts(
        N_("The minimum wage rises on {due}: {name}'s rate will be too low"),
        N_("From {due} the minimum for {name}'s age band ({band}) is {minimum} an hour. Their {rate_kind} of "
           "{rate} will be below it from the first pay period starting on or after that day."),
        N_("Agree a rate of at least {minimum} an hour from {due} and record it as new contract terms. "
           "Check your direct payment covers the rise."),
    )},
))
_define(WarningDefinition(
    code="WTR_48H_AVERAGE", page="rota",
    basis=N_("Working Time Regulations 1998, regulations 4 and 5 (domestic workers in a private household may "
             "be exempt: regulation 19)"), basis_url=WTR_HOURS_URL,
    severity=_working_time,
    variant=lambda f: "opt_out" if f.params.get("opt_out") else "forecast" if f.params.get("forecast") else "default",
    texts={
        "forecast": Texts(
            N_("{name} is on course to average more than {weekly_limit} a week"),
            N_("{detail} Without a signed opt-out the average must not go over {weekly_limit}, counting other jobs "
               "(a PA employed in your home may be exempt as a domestic worker)."),
            N_("Plan fewer hours for {name} or share some of their shifts with others, or ask whether they want to "
               "sign an opt-out."),
        ),
        "default": Texts(
            N_("{name} averages more than {weekly_limit} a week"),
            N_("{detail} Without a signed opt-out the average must not be over {weekly_limit}, counting other jobs "
               "(a PA employed in your home may be exempt as a domestic worker)."),
            N_("Ask {name} whether they want to sign an opt-out, or share some of their shifts with others."),
        ),
        "opt_out": Texts(
            N_("{name} works over {weekly_limit} a week on average (opt-out signed)"),
            N_("{detail} {name} has signed an opt-out, so this is allowed; they can cancel it with notice."),
            N_("Keep the signed opt-out with their records and watch for tiredness."),
        ),
    },
))
_define(WarningDefinition(
    code="WTR_DAILY_REST", page="rota",
    basis=N_("Working Time Regulations 1998, regulation 10: daily rest"),
    basis_url=WTR_REST_URL, severity=_working_time,
    texts={"default": Texts(
        N_("{name} does not get enough rest between shifts ({when})"),
        N_("{detail} A PA must have {daily_rest} in a row off between working days ({young_daily_rest} if under "
           "{young_age})."),
        N_("Move or share one of the shifts so there is enough rest between them."),
    )},
))
_define(WarningDefinition(
    code="WTR_WEEKLY_REST", page="rota",
    basis=N_("Working Time Regulations 1998, regulation 11: weekly rest"),
    basis_url=WTR_REST_URL, severity=_working_time,
    texts={"default": Texts(
        N_("{name} has no full day off in the week of {when}"),
        N_("{detail} A PA must have {weekly_rest} off in a row every week (or {fortnightly_rest} every fortnight)."),
        N_("Give {name} a day off: move a shift to another PA or to cover."),
    )},
))
_define(WarningDefinition(
    code="WTR_BREAK", page="rota",
    basis=N_("Working Time Regulations 1998, regulation 12: rest breaks"),
    basis_url=WTR_REST_URL, severity=_working_time,
    texts={"default": Texts(
        N_("{name}'s long shifts have no proper rest break"),
        N_("{detail} The law requires a break of {break_minutes} when working more than {break_after} "
           "({young_break_minutes} over {young_break_after} for workers under {young_age})."),
        N_("Record a break in the shifts, or split them between two PAs."),
    )},
))
_define(WarningDefinition(
    code="WTR_NIGHT_WORK", page="rota",
    basis=N_("Working Time Regulations 1998, regulation 6 (night work)"), basis_url=WTR_HOURS_URL,
    severity=_working_time,
    texts={"default": Texts(
        N_("{name} works long nights"),
        N_("{detail} Night workers should average no more than {night_limit} a day and be offered a free health "
           "assessment. {notes}"),
        N_("Offer a health assessment and look at sharing the nights."),
    )},
))
_define(WarningDefinition(
    code="WTR_YOUNG_WORKER", page="rota",
    basis=N_("Working Time Regulations 1998, regulations 5A, 6A, 10–12: young workers"),
    basis_url=WTR_REST_URL, severity=_working_time,
    texts={"default": Texts(
        N_("{name} is under {young_age} and their shifts break the young workers' limits"),
        N_("{detail} Workers under {young_age} may work at most {young_daily_limit} a day and {young_weekly_limit} "
           "a week, with no opt-out, and not late at night."),
        N_("Shorten {name}'s shifts or move them to an adult PA."),
    )},
))
_define(WarningDefinition(
    code="NO_WRITTEN_STATEMENT", page="pas",
    basis=N_("Employment Rights Act 1996, section 1: written particulars on or before the first day"),
    basis_url=STATEMENT_URL, severity=_written_statement,
    variant=lambda f: "late" if f.params.get("late") else "default",
    texts={
        "default": Texts(
            N_("{name} has no written statement of their terms"),
            N_("A PA must be given a written statement of their main terms (pay, hours, holiday, notice, "
               "probation…) on or before their first day. None is recorded as given to {name}."),
            N_("Give {name} their written statement and record the date you gave it in their contract terms."),
        ),
        "late": Texts(
            N_("{name}'s written statement was given after they started"),
            N_("The statement was given on {issued_on}, after {name}'s first day. They have it now; this is "
               "kept for your records."),
            N_("Nothing more to do. Give new starters their statement on or before their first day."),
        ),
    },
))
_define(WarningDefinition(
    code="RIGHT_TO_WORK_MISSING", page="pas",
    basis=N_("Immigration, Asylum and Nationality Act 2006, section 15: right to work checks"), basis_url=RTW_URL,
    severity=by_due(),
    texts={"default": Texts(
        N_("No right to work check is recorded for {name}"),
        N_("You must check that a PA is allowed to work in the UK before they start. {right_to_work_penalty}"),
        N_("Check {name}'s documents (or their Home Office share code) and record the date and document."),
    )},
))
_define(WarningDefinition(
    code="RIGHT_TO_WORK_FOLLOW_UP", page="pas",
    basis=N_("Right to work checks: follow-up checks for time-limited permission"), basis_url=RTW_URL,
    severity=by_due(),
    texts={"default": Texts(
        N_("{name}'s right to work needs checking again by {due}"),
        N_("{name}'s permission to work is time-limited. Check again before {due} to keep your protection "
           "against a fine."),
        N_("Repeat the check with {name}'s new documents or share code and record it."),
    )},
))
_define(WarningDefinition(
    code="DBS_DECISION_MISSING", page="pas",
    basis=N_("Safeguarding Vulnerable Groups Act 2006: checks are optional for people employing their own PAs"),
    basis_url="https://www.gov.uk/government/organisations/disclosure-and-barring-service",
    severity=_background,
    variant=lambda f: "pvg" if f.params.get("pvg_required") else "default",
    texts={
        "default": Texts(
            N_("Decide whether to check {name}'s criminal record"),
            N_("You do not have to get a DBS check for a PA you employ yourself, but it is recommended for "
               "personal care. No check, and no decision not to check, is recorded for {name}."),
            N_("Get an enhanced DBS check through an umbrella body, or record your decision not to check."),
        ),
        "pvg": Texts(
            N_("{name} must be a PVG scheme member"),
            N_("In Scotland, since {pvg_from} a PA must be a member of the PVG scheme (unless they are "
               "family or a friend). No PVG membership is recorded for {name}."),
            N_("Ask {name} to join the PVG scheme (you can countersign) and record the check."),
            N_("Disclosure (Scotland) Act 2020: PVG membership for personal assistants"),
            "https://disclosure.gov.scot/pvg-scheme-will-be-a-legal-requirement",
        ),
    },
))
_define(WarningDefinition(
    code="TRAINING_EXPIRED", page="pas",
    basis=N_("Health and Safety at Work etc. Act 1974: training needed to work safely"),
    basis_url="https://www.hse.gov.uk/domestic-work/index.htm", severity=_training,
    variant=lambda f: "expired" if f.overdue else "default",
    texts={
        "default": Texts(
            N_("{name}'s {course} training runs out on {expires_on}"),
            N_("{name}'s {course} training is due for renewal on {expires_on}."),
            N_("Book a refresher and record it when done."),
        ),
        "expired": Texts(
            N_("{name}'s {course} training has run out"),
            N_("{name}'s {course} training ran out on {expires_on}."),
            N_("Book a refresher and record it when done."),
        ),
    },
))
_define(WarningDefinition(
    code="EL_INSURANCE_EXPIRED", page="employer",
    basis=N_("Employers' Liability (Compulsory Insurance) Act 1969: compulsory cover for employees"),
    basis_url="https://www.gov.uk/employers-liability-insurance", severity=_el_expired,
    variant=lambda f: ("family" if f.params.get("all_family")
                       else "expired" if f.params.get("recorded") else "default"),
    texts={
        "default": Texts(
            N_("No employers' liability insurance is recorded"),
            N_("Employing a PA needs employers' liability insurance of at least {el_cover}. You can be fined "
               "up to {el_daily_fine} for every day without it, and your direct payment agreement requires it."),
            N_("Arrange the insurance (many PA insurers include it) and record the insurer and expiry date."),
        ),
        "expired": Texts(
            N_("Your employers' liability insurance ran out on {expiry}"),
            N_("Employing a PA needs employers' liability insurance of at least {el_cover}. You can be fined "
               "up to {el_daily_fine} for every day without it."),
            N_("Renew the insurance today and record the new expiry date."),
        ),
        "family": Texts(
            N_("Employers' liability insurance: check whether you need it"),
            N_("All your PAs are close family, which can exempt you from the law on employers' liability "
               "insurance, but most direct payment agreements still require it."),
            N_("Check your direct payment agreement, and record the insurance if you have it."),
        ),
    },
))
_define(WarningDefinition(
    code="EL_INSURANCE_EXPIRING", page="employer",
    basis=N_("Employers' Liability (Compulsory Insurance) Act 1969: compulsory cover for employees"),
    basis_url="https://www.gov.uk/employers-liability-insurance", severity=by_due(),
    texts={"default": Texts(
        N_("Your employers' liability insurance runs out on {expiry}"),
        N_("Your policy must be renewed before {expiry} to keep your PAs covered without a gap."),
        N_("Renew the policy (or find another) and record the new expiry date."),
    )},
))
_define(WarningDefinition(
    code="PENSION_ASSESSMENT_DUE", page="pas",
    basis=N_("Pensions Act 2008: automatic enrolment duties"), basis_url=TPR_EMPLOYERS_URL,
    severity=by_due(), variant=lambda f: "postponed" if f.params.get("postponed") else "default",
    texts={
        "default": Texts(
            N_("{name} has not been assessed for a workplace pension"),
            N_("Every PA must be assessed for automatic enrolment from their first day, by age and earnings. "
               "This applies to people employing PAs, with no exceptions."),
            N_("Assess {name} (age and earnings), enrol them if eligible and record their pension status."),
        ),
        "postponed": Texts(
            N_("{name}'s pension postponement ends on {due}"),
            N_("You postponed automatic enrolment for {name}. Postponement lasts at most {postponement_period}; then they "
               "must be assessed."),
            N_("Assess {name} by {due} and record their pension status."),
        ),
    },
))
_define(WarningDefinition(
    code="PENSION_DECLARATION_DUE", page="employer",
    basis=N_("Pensions Act 2008: the declaration of compliance after the duties start date"),
    basis_url="https://www.thepensionsregulator.gov.uk/en/employers/new-employers",
    severity=_overdue_or(Severity.ACT_SOON),
    variant=lambda f: "default" if f.params.get("duties_start") else "no_start",
    texts={
        "default": Texts(
            N_("Your pension declaration of compliance is due by {due}"),
            N_("Every employer must tell The Pensions Regulator how they met their duties within "
               "{declaration_period} of the duties start date ({duties_start}), even if no PA had to be enrolled."),
            N_("Complete the declaration online with The Pensions Regulator and record the date."),
        ),
        "no_start": Texts(
            N_("Record your pension duties start date"),
            N_("Your automatic enrolment duties started the day your first PA started. The date is not "
               "recorded, so the app cannot tell when your declarations are due."),
            N_("Record the duties start date and the date of your declaration of compliance."),
        ),
    },
))
_define(WarningDefinition(
    code="PENSION_REDECLARATION_DUE", page="employer",
    basis=N_("Pensions Act 2008: re-enrolment and re-declaration"),
    basis_url="https://www.thepensionsregulator.gov.uk/en/employers/re-enrolment",
    severity=_overdue_or(Severity.ACT_SOON),
    texts={"default": Texts(
        N_("Pension re-enrolment and re-declaration: deadline {due}"),
        N_("Every {reenrolment_period} from your duties start date ({duties_start}) you must re-enrol eligible PAs "
           "who opted out and tell The Pensions Regulator again, within {declaration_period} of {anniversary}."),
        N_("Re-assess your PAs, re-enrol those who qualify, re-declare online and record the date."),
    )},
))
_define(WarningDefinition(
    code="NO_COVER_CONTACT", page="cover",
    basis=N_("Your direct payment agreement: a contingency plan for when a PA cannot come"),
    basis_url=CARE_ACT_GUIDANCE_URL, severity=fixed(Severity.ACT_SOON),
    texts={"default": Texts(
        N_("There is nobody to call if a PA cannot come"),
        N_("No emergency cover contacts are recorded. If a PA is ill or does not arrive, you need a backup "
           "PA, family member, agency or the council's out-of-hours team to call."),
        N_("Add at least one cover contact with their phone number."),
    )},
))
_define(WarningDefinition(
    code="COVER_CONTACTS_STALE", page="cover",
    basis=N_("Your direct payment agreement: a contingency plan that works"), basis_url=CARE_ACT_GUIDANCE_URL,
    severity=fixed(Severity.ACT_SOON),
    texts={"default": Texts(
        N_("Check your cover contacts are still available"),
        N_("Not confirmed for over {stale_period}: {names}. Numbers change and people move on; plan B only works "
           "if it is up to date."),
        N_("Ring each one, check they can still help, and record the date you confirmed."),
    )},
))
_define(WarningDefinition(
    code="PROBATION_ENDING", page="pas",
    basis=N_("The probation written in the PA's statement of terms"), basis_url=STATEMENT_URL,
    severity=by_due(),
    texts={"default": Texts(
        N_("{name}'s probation ends on {probation_end}"),
        N_("Decide before {probation_end} whether to confirm {name} in the job, extend the probation as the "
           "terms allow, or end the employment."),
        N_("Arrange a review meeting with {name} and write down the outcome."),
    )},
))
CHILD_EMPLOYMENT_URL = "https://www.gov.uk/child-employment"
_CHILD_TEXTS = {
    "": (
        N_("{name} is of compulsory school age"),
        N_("{name} (born {date_of_birth}) is of compulsory school age until {leaving_date} ({leaving_rule}), and "
           "works for you from {first_day}. A child of school age may do only light part-time work, in hours the "
           "law limits, usually with a permit from the council; they cannot work as a PA in the ordinary way."),
        N_("Do not give {name} shifts until after {leaving_date}. Check their date of birth, and ask the council's "
           "child employment service what is allowed."),
    ),
    "-past": (
        N_("{name} worked for you while of compulsory school age"),
        N_("{name} (born {date_of_birth}) was of compulsory school age until {leaving_date} ({leaving_rule}), but "
           "worked for you from {first_day}. They are over it now; this is kept for your records."),
        N_("Check that the date of birth and start date are right. If they are, ask the council's child "
           "employment service whether anything more is needed."),
    ),
}
# How the school-leaving date was reached (rules/school_age.py), in words: the day and month come from the date,
# itself from the rates row, so no text writes a figure.
_LEAVING_RULES = {
    school_age.LAST_WEEKDAY_OF_SCHOOL_YEAR: N_("the last {weekday} in {month} of the school year in which they "
                                               "turn {age}"),
    school_age.SCOTTISH_SUMMER: N_("the summer leaving date in Scotland for a child with their date of birth"),
    school_age.SCOTTISH_WINTER: N_("at the latest: they may leave at the start of their school's Christmas "
                                   "holidays, a day the school sets, so ask the school for the exact day"),
    school_age.NI_JUNE: N_("the school-leaving date in Northern Ireland for a child with their date of birth"),
}


def _leaving_rule(params: Mapping[str, Any]) -> str:
    leaving = params.get("leaving_date")
    text = _LEAVING_RULES.get(params.get("leaving_rule"))
    if text is None or not isinstance(leaving, date):
        return "—"
    return _(text).format(weekday=day_name(leaving.weekday()), month=format_date(leaving, format="MMMM"),
                          age=params.get("age", "—"))


_CHILD_BASIS = {
    "england": (N_("Children and Young Persons Act 1933, section 18, and the council's byelaws on child "
                   "employment"), CHILD_EMPLOYMENT_URL),
    "wales": (N_("Children and Young Persons Act 1933, section 18, and the council's byelaws on child "
                 "employment"), CHILD_EMPLOYMENT_URL),
    "scotland": (N_("Children and Young Persons (Scotland) Act 1937, section 28, and the council's byelaws on "
                    "child employment"), CHILD_EMPLOYMENT_URL),
    "northern-ireland": (N_("Children (Northern Ireland) Order 1995, articles 135–136; Employment of Children "
                            "Regulations (Northern Ireland) 1996"),
                         "https://www.legislation.gov.uk/nisi/1995/755/part/XII"),
}


def _child_variant(finding: Finding) -> str:
    nation = finding.params.get("nation", "england")
    return (nation if nation in _CHILD_BASIS else "england") + ("-past" if finding.params.get("past") else "")


_define(WarningDefinition(
    code="CHILD_EMPLOYMENT", page="pas",
    basis=_CHILD_BASIS["england"][0], basis_url=CHILD_EMPLOYMENT_URL,
    severity=lambda finding, on: Severity.INFO if finding.params.get("past") else Severity.ACT_NOW,
    variant=_child_variant,
    texts={
        "default": Texts(*_CHILD_TEXTS[""]),
        **{nation + suffix: Texts(*texts, *basis)
           for nation, basis in _CHILD_BASIS.items() for suffix, texts in _CHILD_TEXTS.items()},
    },
))
_FAMILY_TEXTS = (
    N_("{name} needs the council's agreement to be paid as your PA"),
    N_("Your direct payment cannot pay a close relative who lives with you ({relationship}) unless the "
       "council agrees it is necessary. No agreement is recorded for {name}."),
    N_("Ask your council for written agreement and record the date they agreed."),
)
_define(WarningDefinition(
    code="FAMILY_MEMBER_APPROVAL", page="pas",
    basis=N_("Care and Support (Direct Payments) Regulations 2014, regulation 3"),
    basis_url="https://www.legislation.gov.uk/uksi/2014/2871/regulation/3",
    severity=by_due(), variant=lambda f: f.params.get("nation", "england"),
    texts={
        "england": Texts(*_FAMILY_TEXTS),
        "default": Texts(*_FAMILY_TEXTS),
        "wales": Texts(*_FAMILY_TEXTS,
                       N_("Care and Support (Direct Payments) (Wales) Regulations 2015"),
                       "https://www.legislation.gov.uk/wsi/2015/1815"),
        "northern-ireland": Texts(
            N_("{name} needs the HSC Trust's agreement to be paid as your PA"),
            N_("Your direct payment cannot pay a close relative who lives with you ({relationship}) unless the "
               "HSC Trust is satisfied it is necessary. No agreement is recorded for {name}."),
            N_("Ask your HSC Trust for written agreement and record the date they agreed."),
            N_("Personal Social Services (Direct Payments) Regulations (Northern Ireland) 2004, regulation 7"),
            "https://www.legislation.gov.uk/nisr/2004/120/regulation/7/made",
        ),
        "scotland": Texts(
            N_("{name} needs the council's agreement to be paid as your PA"),
            N_("In Scotland a family member ({relationship}) can be paid from a direct payment only if you, "
               "they and the council agree, and one of the conditions in the regulations applies. No "
               "agreement is recorded for {name}."),
            N_("Ask your council for written agreement and record the date they agreed."),
            N_("Self-directed Support (Direct Payments) (Scotland) Regulations 2014, regulations 7–9"),
            "https://www.legislation.gov.uk/ssi/2014/25/contents/made",
        ),
    },
))
_define(WarningDefinition(
    code="ROTA_GAP", page="rota",
    basis=N_("Your support plan: the hours of support you need"), basis_url=CARE_ACT_GUIDANCE_URL,
    severity=by_due(), variant=lambda f: "many" if f.params.get("count", 1) > 1 else "default",
    texts={
        "default": Texts(
            N_("Nobody is booked for {when}"),
            N_("Your support schedule needs {people_missing} more on the rota at this time."),
            N_("Book a PA, or someone from your cover list, for this time."),
        ),
        "many": Texts(
            N_("{count} times in the next {days} days have nobody booked"),
            N_("The first is {when}. Your support schedule needs more people on the rota than are booked."),
            N_("Fill in the rota for the next {days} days: book PAs or people from your cover list."),
        ),
    },
))
_define(WarningDefinition(
    code="ROTA_CLASH", page="rota",
    basis=N_("Your rota and your PA's leave"), basis_url=WTR_REST_URL,
    severity=by_due(), variant=lambda f: f.params.get("reason", "overlap"),
    texts={
        "default": Texts(
            N_("{name} is booked twice at once"),
            N_("{name} is on two shifts at the same time: {when} and {other}."),
            N_("Move one of the shifts to another PA or to cover."),
        ),
        "overlap": Texts(
            N_("{name} is booked twice at once"),
            N_("{name} is on two shifts at the same time: {when} and {other}."),
            N_("Move one of the shifts to another PA or to cover."),
        ),
        "absence": Texts(
            N_("{name} is on the rota while booked off"),
            N_("{name} is on the rota for {when}, but is booked off from {absence_start} to {absence_end}."),
            N_("Find cover for the shift, or change the leave."),
        ),
    },
))

HOLIDAY_PAY_URL = "https://www.gov.uk/holiday-entitlement-rights/holiday-pay-the-basics"
PAY_RECORDS_URL = "https://www.gov.uk/paye-for-employers/keeping-records"
PAYSLIPS_URL = "https://www.gov.uk/payslips"
_define(WarningDefinition(
    code="HOLIDAY_PAY_BELOW_AVERAGE", page="pay",
    basis=N_("Working Time Regulations 1998, regulation 16: holiday is paid at a week's pay, for irregular hours "
             "the average of recent weeks with pay (Employment Rights Act 1996 sections 221-224)"),
    basis_url=HOLIDAY_PAY_URL, severity=fixed(Severity.ACT_SOON),
    texts={"default": Texts(
        N_("{name}'s holiday pay for {period_start} to {period_end} is below their average pay"),
        N_("Leave must be paid at what {name} would normally earn: for irregular hours, the average pay per hour "
           "over the last {holiday_pay_weeks} weeks with pay. The holiday pay for this period was {paid_per_hour} an hour, against "
           "an average of {average_per_hour}."),
        N_("Pay {name} the difference as back pay in the next pay run, and check how their holiday pay is worked "
           "out (or ask your payroll service to)."),
    )},
))
_define(WarningDefinition(
    code="PAY_RUN_NOT_FINALISED", page="pay",
    basis=N_("National Minimum Wage Regulations 2015, regulation 59, and the PAYE regulations: keep a record of "
             "the pay made (for six years)"),
    basis_url=PAY_RECORDS_URL, severity=_overdue_or(Severity.ACT_SOON),
    texts={"default": Texts(
        N_("{name}'s pay for {period_start} to {period_end} is not finalised"),
        N_("The pay day, {pay_date}, has passed, and the pay run is still {status}. Finalising keeps the pay exactly "
           "as it was paid: it is the record you must keep, and what the minimum-wage check is made on."),
        N_("Check the pay run on the pay page, make sure {name} has been paid, and finalise it."),
    )},
))
_define(WarningDefinition(
    code="PAYSLIP_MISSING", page="pay",
    basis=N_("Employment Rights Act 1996, section 8: an itemised payslip on or before every pay day"),
    basis_url=PAYSLIPS_URL, severity=_overdue_or(Severity.ACT_SOON),
    variant=lambda f: ("unpaid_shifts" if f.params.get("unpaid_shifts")
                       else "many" if f.params.get("count", 1) > 1 else "default"),
    texts={
        # A finalised run (services/pay/findings.py) whose period has worked shifts none of its lines pays.
        "unpaid_shifts": Texts(
            N_("{name} has shifts in {period_start} to {period_end} that were not paid"),
            N_("{name} worked shifts in {period_start} to {period_end} that were confirmed or added after its pay "
               "was finalised, so none of that pay run's lines pays them. A finalised pay run never changes."),
            N_("Pay {name} for those shifts as back pay in the next pay run, or make a correction of the pay for "
               "{period_start} to {period_end}, and give them the new payslip."),
        ),
        "default": Texts(
            N_("No pay is recorded for {name} for {period_start} to {period_end}"),
            N_("{name} worked shifts in the pay period {period_start} to {period_end}, and the pay day ({pay_date}) "
               "has passed, but no pay run or payslip is recorded for it. Every employee must be given an itemised "
               "payslip on or before pay day."),
            N_("Run pay for the period on the pay page (or import the payslip from your payroll service), and give "
               "{name} the payslip."),
        ),
        "many": Texts(
            N_("No pay is recorded for {name} for {count} pay periods"),
            N_("{name} worked shifts in {count} pay periods whose pay day has passed, the latest {period_start} to "
               "{period_end}, but no pay run or payslip is recorded for them. Every employee must be given an "
               "itemised payslip on or before pay day."),
            N_("Run pay for each of those periods on the pay page (or import the payslips from your payroll "
               "service), and give {name} the payslips."),
        ),
    },
))


# --- Tax, National Insurance, pensions and the HMRC year (services/tax/findings.py) -------------------------
PAY_HMRC_URL = "https://www.gov.uk/pay-paye-tax"
FPS_URL = "https://www.gov.uk/running-payroll/reporting-to-hmrc"
P60_URL = "https://www.gov.uk/paye-forms-p45-p60-p11d/p60"
STARTER_URL = "https://www.gov.uk/government/publications/paye-starter-checklist"
EMPLOYMENT_ALLOWANCE_URL = "https://www.gov.uk/claim-employment-allowance"
AUTOMATIC_ENROLMENT_URL = "https://www.thepensionsregulator.gov.uk/en/employers"
_PAY_HMRC_BASIS = N_("Income Tax (Pay As You Earn) Regulations 2003, regulations 68, 69 and 70 (paying each tax "
                     "month, or each quarter when the amounts are small); Social Security (Contributions) Regulations "
                     "2001 (National Insurance is paid with the tax)")
_define(WarningDefinition(
    code="HMRC_PAYMENT_DUE", page="tax", basis=_PAY_HMRC_BASIS, basis_url=PAY_HMRC_URL, severity=by_due(),
    texts={"default": Texts(
        N_("Pay HMRC {amount} for {period} by {due}"),
        N_("The tax, National Insurance and any student loan deductions for {period} come to {amount} still to "
           "pay, after the Employment Allowance and the statutory pay you can take back. It must reach HMRC by "
           "{due} ({method})."),
        N_("Pay HMRC {amount} using your Accounts Office reference, then record the payment on the HMRC page."),
    )},
))
_define(WarningDefinition(
    code="HMRC_PAYMENT_OVERDUE", page="tax",
    basis=N_("Income Tax (Pay As You Earn) Regulations 2003, regulations 68, 69 and 70; Finance Act 2009 (interest "
             "and penalties for paying late)"),
    basis_url=PAY_HMRC_URL, severity=fixed(Severity.ACT_NOW),
    variant=lambda f: "many" if f.params.get("count", 1) > 1 else "default",
    texts={
        "default": Texts(
            N_("{amount} owed to HMRC for {period} is late"),
            N_("The tax and National Insurance for {period} was due by {due} and {amount} of it is not recorded as "
               "paid. HMRC charges interest on late payments and can add a penalty."),
            N_("Pay HMRC {amount} now and record the payment on the HMRC page. If you have paid it, record the "
               "payment so the app knows."),
        ),
        "many": Texts(
            N_("{amount} owed to HMRC for {count} periods is late"),
            N_("The tax and National Insurance for {count} periods, the first {period} (due by {due}), is not all "
               "recorded as paid: {amount} in all. HMRC charges interest on late payments and can add a penalty."),
            N_("Pay HMRC what is owed and record each payment on the HMRC page. If you have paid, record the "
               "payments so the app knows."),
        ),
    },
))
_define(WarningDefinition(
    code="FPS_NOT_SENT", page="tax",
    basis=N_("Income Tax (Pay As You Earn) Regulations 2003, regulation 67B: a Full Payment Submission on or before "
             "each pay day"),
    basis_url=FPS_URL, severity=by_due(),
    variant=lambda f: "many" if f.params.get("count", 1) > 1 else "default",
    texts={
        "default": Texts(
            N_("Tell HMRC about {name}'s pay of {pay_date}"),
            N_("A Full Payment Submission must reach HMRC on or before pay day. No submission is recorded for "
               "{name}'s pay for {period_start} to {period_end}, paid on {pay_date}."),
            N_("Enter the figures the HMRC page shows into Basic PAYE Tools, send them, and mark the pay as sent."),
        ),
        "many": Texts(
            N_("Tell HMRC about {count} of {name}'s payments"),
            N_("A Full Payment Submission must reach HMRC on or before each pay day. No submission is recorded for "
               "{count} of {name}'s payments, the first paid on {pay_date} for {period_start} to {period_end}."),
            N_("Enter the figures the HMRC page shows into Basic PAYE Tools for each payment, oldest first, send "
               "them, and mark each pay as sent."),
        ),
    },
))
_define(WarningDefinition(
    code="P60_DUE", page="tax",
    basis=N_("Income Tax (Pay As You Earn) Regulations 2003, regulation 67: a {form} for every employee employed at the "
             "end of the tax year"),
    basis_url=P60_URL, severity=by_due(),
    texts={"default": Texts(
        N_("Give your PAs their {form}s for {tax_year} by {due}"),
        N_("Every PA who worked for you on the last day of the tax year {tax_year} must be given a {form}, showing "
           "their pay and the tax and National Insurance taken in the year: {count} to give."),
        N_("Print the {form}s on the HMRC page (or get them from your payroll service), give them to your PAs, and "
           "record that they were given."),
    )},
))
_define(WarningDefinition(
    code="TAX_DETAILS_MISSING", page="pas",
    basis=N_("Income Tax (Pay As You Earn) Regulations 2003: a new employee's {leaver_form} or starter information decides "
             "their tax code; without either, HMRC's emergency code is used on a non-cumulative basis"),
    basis_url=STARTER_URL, severity=fixed(Severity.ACT_SOON),
    texts={"default": Texts(
        N_("{name}'s tax code is not recorded"),
        N_("{name} is paid (or about to be), but no tax code, starter checklist answer or {leaver_form} is recorded, so tax is "
           "worked out on {fallback}: all their pay is taxed, which may be far too much."),
        N_("Ask {name} for their {leaver_form} or their starter checklist answer (A, B or C), or the tax code HMRC sent you, "
           "and record it in their tax details."),
    )},
))
_define(WarningDefinition(
    code="PENSION_ENROLMENT_DUE", page="pas",
    basis=N_("Pensions Act 2008, section 3: an eligible jobholder is enrolled from the first day of the pay reference "
             "period in which they become one"),
    basis_url=AUTOMATIC_ENROLMENT_URL, severity=by_due(),
    texts={"default": Texts(
        N_("Enrol {name} in a workplace pension from {due}"),
        N_("{name}'s pay for {period_start} to {period_end} makes them an eligible jobholder (aged {age}, earning "
           "over the earnings trigger for the period). They must be enrolled from the first day of that period, "
           "unless you postponed their enrolment or they opted out."),
        N_("Enrol {name} with your pension provider from {due}, tell them in writing, and record the date they "
           "were enrolled (or the postponement) in their pension details."),
    )},
))
_define(WarningDefinition(
    code="EMPLOYMENT_ALLOWANCE_CHECK", page="employer",
    basis=N_("National Insurance Contributions Act 2014, sections 1 and 2: the Employment Allowance, which a person "
             "employing care and support workers can claim"),
    basis_url=EMPLOYMENT_ALLOWANCE_URL, severity=fixed(Severity.ACT_SOON),
    variant=lambda f: f.params.get("reason", "not_claimed"),
    texts={
        "default": Texts(
            N_("Check whether you can claim the Employment Allowance"),
            N_("You have paid {employer_ni} of employer's National Insurance in {tax_year}. The Employment Allowance "
               "takes up to {allowance} a year off it when every duty of your PAs is care and support for you."),
            N_("Claim the Employment Allowance (in Basic PAYE Tools, or ask your payroll service) and record that "
               "you claim it."),
        ),
        "not_claimed": Texts(
            N_("Claim the Employment Allowance"),
            N_("You have paid {employer_ni} of employer's National Insurance in {tax_year}. As every duty of your "
               "PAs is care and support for you, the Employment Allowance can take up to {allowance} a year off "
               "it, but no claim is recorded."),
            N_("Claim the Employment Allowance (in Basic PAYE Tools, on the paper employer payment summary if you "
               "file on paper, or ask your payroll service) and record that you claim it."),
        ),
        "not_eligible": Texts(
            N_("The Employment Allowance may not be yours to claim"),
            N_("You record a claim for the Employment Allowance, but also that not every duty of your PAs is care "
               "and support. Other household or domestic staff do not count, and a wrong claim must be paid back."),
            N_("Check your PAs' duties. If the claim is wrong, withdraw it with HMRC and record that you do not "
               "claim it."),
        ),
        "unknown": Texts(
            N_("Confirm the Employment Allowance is yours to claim"),
            N_("You record a claim for the Employment Allowance, but not whether every duty of your PAs is care and "
               "support for you. Only then can a household employer claim it."),
            N_("Record on the employer page whether every duty of your PAs is care and support for you."),
        ),
    },
))


# --- Statutory figures in the texts ----------------------------------------------------------------------
# Each placeholder below is filled, when a text uses it, from the rates row in force on the warning's date (its
# due date, or the day looked at): a text never writes a statutory figure itself.

WORKING_TIME_TABLE = "working_time"
DUTIES_TABLE = "employer_duties"
PENALTIES_TABLE = "penalties"
HOLIDAY_TABLE = "holiday"


def _row(table: str, day: date) -> RatesRow:
    return load_table(table).row_on(day)


def _whole_pounds(value: Decimal) -> str:
    """'£5 million', '£2,500': penalties and cover are quoted in whole pounds, as people say them."""
    if value >= 1_000_000 and value % 1_000_000 == 0:
        return _("£{millions} million").format(millions=plain_number(value / 1_000_000))
    text = format_money(value)
    return text[:-3] if value == value.to_integral_value() and text[-3:] in (".00", ",00") else text


def _nmw_penalty(day: date) -> str:
    percent = _row(PENALTIES_TABLE, day)["nmw_penalty_percent"]
    if percent is None:
        return _("Underpaying is an offence: arrears must be paid, with a penalty.")
    return _("Underpaying is an offence: arrears must be paid, with a penalty of up to {percent}%.").format(
        percent=plain_number(percent))


def _right_to_work_penalty(day: date) -> str:
    amount = _row(PENALTIES_TABLE, day)["right_to_work_max_penalty"]
    if amount is None:
        return _("Without the check you can be fined if they are not.")
    return _("Without the check you can be fined up to {amount} if they are not.").format(amount=_whole_pounds(amount))


def _wt_figure(field: str, phrase: Callable[[Any], str]) -> Callable[[date], str]:
    return lambda day: phrase(_row(WORKING_TIME_TABLE, day)[field])


def _duty_figure(field: str, phrase: Callable[[Any], str]) -> Callable[[date], str]:
    return lambda day: phrase(_row(DUTIES_TABLE, day)[field])


def _penalty_figure(field: str, phrase: Callable[[Any], str]) -> Callable[[date], str]:
    return lambda day: phrase(_row(PENALTIES_TABLE, day)[field])


FIGURES: dict[str, Callable[[date], str]] = {
    # Working Time Regulations 1998 (working_time.toml)
    "weekly_limit": _wt_figure("weekly_average_limit_hours", hours_text),
    "daily_rest": _wt_figure("daily_rest_hours", hours_text),
    "young_daily_rest": _wt_figure("young_daily_rest_hours", hours_text),
    "weekly_rest": _wt_figure("weekly_rest_hours", hours_text),
    "fortnightly_rest": _wt_figure("fortnightly_rest_hours", hours_text),
    "break_minutes": _wt_figure("break_minutes", minutes_text),
    "break_after": _wt_figure("break_after_hours", hours_text),
    "young_break_minutes": _wt_figure("young_break_minutes", minutes_text),
    "young_break_after": _wt_figure("young_break_after_hours", hours_text),
    "night_limit": _wt_figure("night_average_limit_hours", hours_text),
    "young_daily_limit": _wt_figure("young_daily_limit_hours", hours_text),
    "young_weekly_limit": _wt_figure("young_weekly_limit_hours", hours_text),
    "young_age": _wt_figure("young_worker_age_limit", plain_number),
    # Employer duties (employer_duties.toml)
    "pvg_from": _duty_figure("pvg_mandatory_from", lambda day: format_date(day, format="long")),
    "postponement_period": _duty_figure("ae_postponement_months", months_text),
    "declaration_period": _duty_figure("ae_declaration_months", months_text),
    "reenrolment_period": _duty_figure("ae_reenrolment_years", years_text),
    # Holiday pay (holiday.toml): the weeks with pay a week's pay is averaged over
    "holiday_pay_weeks": lambda day: plain_number(_row(HOLIDAY_TABLE, day)["pay_reference_weeks"]),
    # Penalties (penalties.toml)
    "el_cover": _penalty_figure("el_minimum_cover", _whole_pounds),
    "el_daily_fine": _penalty_figure("el_daily_fine", _whole_pounds),
    "nmw_penalty": _nmw_penalty,
    "right_to_work_penalty": _right_to_work_penalty,
    # A product choice, not law, but still one figure in one place (HORIZONS above).
    "stale_period": lambda day: months_text(HORIZONS.cover_stale_months),
}


class _Values(dict):
    """A finding's params for the texts; a figure placeholder not in them is read from its rates row on `day`
    (only the figures a text uses are looked up)."""

    def __init__(self, values: Mapping[str, Any], day: date) -> None:
        super().__init__(values)
        self.day = day

    def __missing__(self, key: str) -> Any:
        if key not in FIGURES:
            raise KeyError(key)
        value = self[key] = FIGURES[key](self.day)
        return value


# --- Rendering -------------------------------------------------------------------------------------------


def _display(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, date):
        return format_date(value, format="long")
    if value is None:
        return "—"
    return value


_RATE_KINDS = {"standard": N_("standard hourly rate"), "waking_night": N_("waking night rate")}
_RUN_STATUSES = {"draft": N_("a draft"), "approved": N_("approved, not finalised")}


def render(finding: Finding, *, on: date, subject_name: str) -> Warning:
    """A finding in the reader's words: severity by the catalogue's rule, texts in the current language."""
    definition = CATALOGUE[finding.code]
    texts = definition.texts.get(definition.variant(finding)) or definition.texts["default"]
    values = _Values({key: _display(value) for key, value in finding.params.items()}, finding.due or on)
    values.setdefault("name", subject_name)
    if "relationship" in values and not finding.params.get("relationship"):
        values["relationship"] = _("a relative")
    if "leaving_rule" in values:
        values["leaving_rule"] = _leaving_rule(finding.params)
    if "rate_kind" in values:
        values["rate_kind"] = _(_RATE_KINDS.get(values["rate_kind"], values["rate_kind"]))
    if "status" in values:
        values["status"] = _(_RUN_STATUSES.get(values["status"], values["status"]))
    values["due"] = _display(finding.due)
    return Warning(
        code=finding.code,
        severity=definition.severity(finding, on),
        subject=finding.subject,
        subject_name=subject_name,
        due=finding.due,
        title=_(texts.title).format_map(values),
        explanation=_(texts.explanation).format_map(values),
        action=_(texts.action).format_map(values),
        action_target=ActionTarget(texts.page or definition.page, finding.record_id),
        basis=_(texts.basis or definition.basis).format_map(values),
        basis_url=texts.basis_url or definition.basis_url,
        fact=finding.fact,
    )


def severity_label(severity: Severity) -> str:
    """The heading a group of warnings is shown under: 'Act now', 'Act soon', 'For information'."""
    return {
        Severity.ACT_NOW: _("Act now"),
        Severity.ACT_SOON: _("Act soon"),
        Severity.INFO: _("For information"),
    }[severity]


def due_text(warning: Warning, on: date, *, format: str = "long") -> str | None:
    """'by 14 December 2026', or 'was due 1 February 2026' once the date has passed; None without a date."""
    if warning.due is None:
        return None
    when = format_date(warning.due, format=format)
    if warning.due < on:
        return _("was due {date}").format(date=when)
    return _("by {date}").format(date=when)
