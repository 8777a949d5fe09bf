"""Record-based compliance checks: pure functions from plain facts and a date to Findings.

Each check names the duty it watches and where the rule comes from (uk-rules.md section and the
official source). Nothing here reads the clock or the database: services/compliance.py builds the
facts in one pass over the employer file and passes `on`, the day the file is looked at.

How far ahead a check looks is a product choice, not law: it comes in as `Horizons`, whose
defaults (with the reason for each) live in services/warning_catalogue.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Iterable


from paemployer.i18n import _
from paemployer.rules import minimum_wage, school_age
from paemployer.rules.dates import add_years, months_after  # deadlines: corresponding date; anniversaries: 1 March
from paemployer.rules.rates import RatesRow, load_table
from paemployer.rules.warnings import EMPLOYER, Finding, fingerprint, pa_subject

# --- Statutory figures these checks use: resources/rates/employer_duties.toml, each with its source -------
# PVG from 1 April 2025 (uk-rules.md §9.3); automatic enrolment declaration within 5 months, re-enrolment every
# 3 years, postponement up to 3 months (uk-rules.md §8); NI written statement within 2 months (uk-rules.md §6.2);
# the minimum school leaving age, 16, and each nation's school-leaving date (rules/school_age.py; Education Act 1996
# s.8; GOV.UK "School leaving age"; mygov.scot; nidirect).


def _duties(on: date) -> RatesRow:
    return load_table("employer_duties").row_on(on)


SCOTLAND = "scotland"
NORTHERN_IRELAND = "northern-ireland"
PVG = "pvg"


@dataclass(frozen=True)
class Horizons:
    """How far ahead each look-ahead check looks (product choices; defaults set in the catalogue)."""

    start_days: int = 28              # a PA starting within this many days gets pre-start checks
    el_insurance_days: int = 60
    right_to_work_days: int = 60
    training_days: int = 30
    probation_days: int = 28
    pension_days: int = 90
    cover_stale_months: int = 6
    nmw_band_days: int = 62


# --- Facts ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmployerFacts:
    nation: str = "england"
    el_insurer: str = ""
    el_expiry: date | None = None
    pension_duties_start: date | None = None
    declaration_of_compliance_date: date | None = None


@dataclass(frozen=True)
class TermsFacts:
    """One version of a PA's contract terms, in force from effective_from until the next version."""

    id: int
    effective_from: date
    standard_rate: Decimal = Decimal("0")
    waking_night_rate: Decimal | None = None
    pay_frequency: str = "monthly"
    probation_end: date | None = None
    issued_on: date | None = None


@dataclass(frozen=True)
class TrainingFacts:
    id: int
    course: str
    completed_on: date | None = None
    expires_on: date | None = None


@dataclass(frozen=True)
class PAFacts:
    id: int
    full_name: str
    date_of_birth: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    is_family: bool = False
    family_relationship: str = ""
    same_household: bool = False
    council_approved_family: date | None = None
    right_to_work_checked_on: date | None = None
    right_to_work_follow_up: date | None = None
    background_check_kind: str | None = None
    background_check_date: date | None = None
    background_check_declined: bool = False
    apprentice: bool = False
    apprentice_since: date | None = None
    pension_status: str = "not_assessed"
    pension_assessed_on: date | None = None
    wtr_opt_out: bool = False
    other_employer_hours_per_week: Decimal | None = None
    first_day_worked: date | None = None   # the earliest shift on the rota for this PA (stored or from a pattern)
    terms: tuple[TermsFacts, ...] = field(default_factory=tuple)   # ascending by effective_from
    training: tuple[TrainingFacts, ...] = field(default_factory=tuple)

    @property
    def subject(self) -> str:
        return pa_subject(self.id)

    def employed_on(self, on: date) -> bool:
        """Working for the employer on `on` (a PA without a start date is taken as working: records lag)."""
        started = self.start_date is None or self.start_date <= on
        return started and not self.has_left(on)

    def has_left(self, on: date) -> bool:
        return self.end_date is not None and self.end_date < on

    def starts_within(self, on: date, days: int) -> bool:
        return self.start_date is not None and on < self.start_date <= on + timedelta(days=days)

    def relevant(self, on: date, horizons: Horizons) -> bool:
        """Working now, or starting soon enough that pre-start duties matter."""
        return self.employed_on(on) or self.starts_within(on, horizons.start_days)

    def terms_on(self, on: date) -> TermsFacts | None:
        current = None
        for terms in self.terms:
            if terms.effective_from <= on:
                current = terms
        return current


@dataclass(frozen=True)
class CoverContactFacts:
    id: int
    name: str
    last_confirmed: date | None = None


# --- Checks -----------------------------------------------------------------------------------------------


def _before_start(pa: PAFacts, on: date) -> date | None:
    """The due date of a duty owed before a PA's first day: that day if still ahead, else none (it is now)."""
    return pa.start_date if pa.start_date is not None and pa.start_date > on else None


def check_written_statement(pa: PAFacts, *, on: date, nation: str, horizons: Horizons) -> list[Finding]:
    """NO_WRITTEN_STATEMENT: written particulars must be given on or before the first day (GB, ERA 1996
    s.1 from 6 April 2020) or within 2 months (NI, ERO 1996 art.33) — uk-rules.md §6."""
    if not pa.relevant(on, horizons):
        return []
    issued = sorted(t.issued_on for t in pa.terms if t.issued_on is not None and t.issued_on <= on)
    first_day = pa.start_date
    if nation == NORTHERN_IRELAND and first_day is not None:
        deadline = months_after(first_day, _duties(on)["ni_written_statement_months"])
    else:
        deadline = first_day
    if issued and (deadline is None or issued[0] <= deadline):
        return []
    if issued and first_day is not None and pa.terms[0].effective_from > first_day:
        # The terms history starts after the first day: an earlier statement is not on record, not known missing.
        return []
    if issued:
        # Given, but late: the PA has it now; the record shows the duty was missed.
        return [Finding("NO_WRITTEN_STATEMENT", pa.subject, fingerprint("late", pa.start_date, issued[0]),
                        due=None, overdue=False, record_id=pa.id,
                        params={"name": pa.full_name, "issued_on": issued[0], "late": True})]
    # Working without it (GB), or past the two months (NI): the duty is already broken.
    overdue = pa.employed_on(on) and (deadline is None or deadline < on or nation != NORTHERN_IRELAND)
    due = deadline if deadline is not None and deadline >= on else None
    return [Finding("NO_WRITTEN_STATEMENT", pa.subject, fingerprint("missing", pa.start_date),
                    due=due, overdue=overdue, record_id=pa.id,
                    params={"name": pa.full_name, "late": False})]


def check_right_to_work(pa: PAFacts, *, on: date, horizons: Horizons) -> list[Finding]:
    """RIGHT_TO_WORK_MISSING / RIGHT_TO_WORK_FOLLOW_UP: check before employment starts and again before
    time-limited permission ends, or lose the statutory excuse (up to £45,000 per worker; uk-rules.md §9.2)."""
    if not pa.relevant(on, horizons):
        return []
    if pa.right_to_work_checked_on is None:
        return [Finding("RIGHT_TO_WORK_MISSING", pa.subject, fingerprint(pa.start_date),
                        due=_before_start(pa, on), overdue=pa.employed_on(on), record_id=pa.id,
                        params={"name": pa.full_name})]
    follow_up = pa.right_to_work_follow_up
    if follow_up is not None and follow_up <= on + timedelta(days=horizons.right_to_work_days):
        return [Finding("RIGHT_TO_WORK_FOLLOW_UP", pa.subject,
                        fingerprint(pa.right_to_work_checked_on, follow_up),
                        due=follow_up, overdue=follow_up < on, record_id=pa.id,
                        params={"name": pa.full_name, "follow_up": follow_up})]
    return []


def check_background(pa: PAFacts, *, on: date, nation: str, horizons: Horizons) -> list[Finding]:
    """DBS_DECISION_MISSING: England and Wales — an employer making private arrangements has no duty to check
    (SVGA 2006 s.6(5)–(7)) but should check or record a decision not to; Scotland — from 1 April 2025 a PA
    must be a PVG scheme member unless the work is in a family or personal relationship (uk-rules.md §9.3)."""
    if not pa.relevant(on, horizons):
        return []
    facts = fingerprint(nation, pa.background_check_kind, pa.background_check_date,
                        pa.background_check_declined, pa.is_family)
    scottish_duty = nation == SCOTLAND and on >= _duties(on)["pvg_mandatory_from"] and not pa.is_family
    if scottish_duty:
        if pa.background_check_kind == PVG and pa.background_check_date is not None:
            return []
        return [Finding("DBS_DECISION_MISSING", pa.subject, facts, due=_before_start(pa, on),
                        overdue=pa.employed_on(on), record_id=pa.id,
                        params={"name": pa.full_name, "pvg_required": True})]
    checked = pa.background_check_kind is not None and pa.background_check_date is not None
    if checked or pa.background_check_declined:
        return []
    return [Finding("DBS_DECISION_MISSING", pa.subject, facts, due=_before_start(pa, on), overdue=False,
                    record_id=pa.id, params={"name": pa.full_name, "pvg_required": False})]


def check_training(pa: PAFacts, *, on: date, horizons: Horizons) -> list[Finding]:
    """TRAINING_EXPIRED: a course recorded with an expiry date that has passed or is close.
    The latest record of a course counts: a renewed course replaces the expired one."""
    if not pa.employed_on(on):
        return []
    latest: dict[str, TrainingFacts] = {}
    for course in pa.training:
        name = course.course.strip().casefold()
        held = latest.get(name)
        if held is None or (course.completed_on or date.min, course.expires_on or date.max) > (
            held.completed_on or date.min, held.expires_on or date.max
        ):
            latest[name] = course
    findings = []
    for course in latest.values():
        expiry = course.expires_on
        if expiry is None or expiry > on + timedelta(days=horizons.training_days):
            continue
        findings.append(Finding("TRAINING_EXPIRED", pa.subject, fingerprint(course.id, course.course, expiry),
                                due=expiry, overdue=expiry < on, record_id=pa.id,
                                params={"name": pa.full_name, "course": course.course, "expires_on": expiry}))
    return findings


def check_probation(pa: PAFacts, *, on: date, horizons: Horizons) -> list[Finding]:
    """PROBATION_ENDING: the probation end written in the terms in force is close (no statutory probation;
    its length must be in the written statement — uk-rules.md §10)."""
    if not pa.employed_on(on):
        return []
    terms = pa.terms_on(on)
    if terms is None or terms.probation_end is None:
        return []
    end = terms.probation_end
    if on <= end <= on + timedelta(days=horizons.probation_days):
        return [Finding("PROBATION_ENDING", pa.subject, fingerprint(terms.id, end), due=end, record_id=pa.id,
                        params={"name": pa.full_name, "probation_end": end})]
    return []


def check_family_approval(pa: PAFacts, *, on: date, nation: str, horizons: Horizons) -> list[Finding]:
    """FAMILY_MEMBER_APPROVAL: paying a close relative who lives in the same household needs the council's
    (or HSC Trust's) agreement — England reg 3 SI 2014/2871, Wales SI 2015/1815, NI reg 7 SR 2004/120; in
    Scotland any family member needs the authority's agreement (SDS regs 7–9) — uk-rules.md §11."""
    if not pa.relevant(on, horizons) or not pa.is_family:
        return []
    needs_agreement = pa.same_household or nation == SCOTLAND
    if not needs_agreement or pa.council_approved_family is not None:
        return []
    return [Finding("FAMILY_MEMBER_APPROVAL", pa.subject,
                    fingerprint(nation, pa.family_relationship, pa.same_household),
                    due=_before_start(pa, on), overdue=pa.employed_on(on), record_id=pa.id,
                    params={"name": pa.full_name, "relationship": pa.family_relationship,
                            "same_household": pa.same_household, "nation": nation})]


def check_child_employment(pa: PAFacts, *, on: date, nation: str, horizons: Horizons) -> list[Finding]:
    """CHILD_EMPLOYMENT: a PA of compulsory school age on their first day, or on the first day they are on the
    rota, is a child in law: their work is restricted by the Children and Young Persons Act 1933 s.18 and the
    council's byelaws (England and Wales), the Children and Young Persons (Scotland) Act 1937 s.28, or the Children
    (NI) Order 1995 arts 135-136 and the Employment of Children Regulations (NI) 1996 (GOV.UK "Child employment").
    Compulsory school age ends at the end of the nation's school-leaving date (rules/school_age.py), not on the 16th
    birthday. Act now while they are still of that age; once they are over it, kept for information (the records
    show a child was employed)."""
    if pa.date_of_birth is None or not pa.relevant(on, horizons):
        return []
    leaving = school_age.school_leaving(pa.date_of_birth, nation, _duties(on))
    known = [day for day in (pa.start_date, pa.first_day_worked) if day is not None]
    first_day = min(known) if known else on
    if first_day > leaving.day:
        return []
    past = leaving.day < on
    return [Finding("CHILD_EMPLOYMENT", pa.subject, fingerprint(pa.date_of_birth, first_day, leaving.day),
                    due=first_day if first_day > on else None, overdue=not past and first_day <= on,
                    record_id=pa.id,
                    params={"name": pa.full_name, "age": leaving.age, "date_of_birth": pa.date_of_birth,
                            "first_day": first_day, "leaving_date": leaving.day, "leaving_rule": leaving.rule,
                            "past": past, "nation": nation})]


def check_pension_assessment(pa: PAFacts, *, on: date, employer: EmployerFacts, horizons: Horizons) -> list[Finding]:
    """PENSION_ASSESSMENT_DUE: every worker is assessed for automatic enrolment from their first day (or the
    duties start), postponement at most 3 months — uk-rules.md §8 (no exceptions for PA employers)."""
    if not pa.relevant(on, horizons):
        return []
    status = pa.pension_status
    if status not in ("not_assessed", "postponed"):
        return []
    starts = [d for d in (pa.start_date, employer.pension_duties_start) if d is not None]
    from_day = max(starts) if starts else None
    if status == "postponed":
        postponed_from = pa.pension_assessed_on or from_day
        if postponed_from is None:
            return []
        due = months_after(postponed_from, _duties(on)["ae_postponement_months"])
        if due > on + timedelta(days=horizons.pension_days):
            return []
    else:
        due = from_day if from_day is not None and from_day > on else None
    return [Finding("PENSION_ASSESSMENT_DUE", pa.subject, fingerprint(status, pa.pension_assessed_on, from_day),
                    due=due, overdue=pa.employed_on(on) and (due is None or due < on), record_id=pa.id,
                    params={"name": pa.full_name, "postponed": status == "postponed"})]


def redeclaration_cycle(duties_start: date, on: date, lead_days: int) -> tuple[date, date] | None:
    """The re-enrolment anniversary whose re-declaration is open on `on` (looked at `lead_days` ahead),
    and its deadline: (anniversary, anniversary + 5 months). None before the first third anniversary."""
    cycle = None
    duties = _duties(on)
    years = duties["ae_reenrolment_years"]
    while True:
        anniversary = add_years(duties_start, years)
        if anniversary - timedelta(days=lead_days) > on:
            return cycle
        cycle = (anniversary, months_after(anniversary, duties["ae_declaration_months"]))
        years += duties["ae_reenrolment_years"]


def check_pension_declarations(employer: EmployerFacts, *, on: date, anyone_employed: bool,
                               horizons: Horizons) -> list[Finding]:
    """PENSION_DECLARATION_DUE: the declaration of compliance within 5 months of the duties start;
    PENSION_REDECLARATION_DUE: re-enrolment every 3 years and a re-declaration within 5 months of each
    third anniversary of the duties start — uk-rules.md §8 (TPR)."""
    start = employer.pension_duties_start
    declared = employer.declaration_of_compliance_date
    if start is None:
        if not anyone_employed:
            return []
        return [Finding("PENSION_DECLARATION_DUE", EMPLOYER, fingerprint("no-duties-start"), due=None,
                        overdue=False, params={"duties_start": None})]
    first_deadline = months_after(start, _duties(on)["ae_declaration_months"])
    if declared is None or declared < start:
        if first_deadline > on + timedelta(days=horizons.pension_days):
            return []
        return [Finding("PENSION_DECLARATION_DUE", EMPLOYER, fingerprint(start, declared), due=first_deadline,
                        overdue=first_deadline < on, params={"duties_start": start})]
    cycle = redeclaration_cycle(start, on, horizons.pension_days)
    if cycle is None:
        return []
    anniversary, deadline = cycle
    # A declaration made in the re-enrolment window (from 3 months before the anniversary) covers this cycle.
    if declared >= months_after(anniversary, -_duties(on)["ae_postponement_months"]):
        return []
    return [Finding("PENSION_REDECLARATION_DUE", EMPLOYER, fingerprint(start, declared, anniversary),
                    due=deadline, overdue=deadline < on,
                    params={"duties_start": start, "anniversary": anniversary})]


def check_el_insurance(employer: EmployerFacts, pas: Iterable[PAFacts], *, on: date,
                       horizons: Horizons) -> list[Finding]:
    """EL_INSURANCE_EXPIRED / EL_INSURANCE_EXPIRING: employers' liability insurance (at least £5 million) is
    compulsory for employing PAs (ELCI Act 1969); a family employer whose employees are all close relatives
    is exempt, though the direct-payment agreement may still require it — uk-rules.md §9.1."""
    working = [pa for pa in pas if pa.relevant(on, horizons)]
    if not working:
        return []
    all_family = all(pa.is_family for pa in working)
    expiry = employer.el_expiry
    if expiry is None or expiry < on:
        return [Finding("EL_INSURANCE_EXPIRED", EMPLOYER, fingerprint(employer.el_insurer, expiry, all_family),
                        due=None, overdue=not all_family,
                        params={"expiry": expiry, "recorded": expiry is not None, "all_family": all_family})]
    if expiry <= on + timedelta(days=horizons.el_insurance_days):
        return [Finding("EL_INSURANCE_EXPIRING", EMPLOYER, fingerprint(employer.el_insurer, expiry),
                        due=expiry, params={"expiry": expiry, "insurer": employer.el_insurer})]
    return []


def check_cover_contacts(contacts: Iterable[CoverContactFacts], *, on: date, anyone_employed: bool,
                         horizons: Horizons) -> list[Finding]:
    """NO_COVER_CONTACT / COVER_CONTACTS_STALE: plan B — someone to call when a PA cannot come, confirmed
    recently enough to be relied on (a product rule: councils ask for a contingency plan, not a figure)."""
    contacts = list(contacts)
    if not contacts:
        if not anyone_employed:
            return []
        return [Finding("NO_COVER_CONTACT", EMPLOYER, fingerprint("none"))]
    stale_before = months_after(on, -horizons.cover_stale_months)
    stale = sorted((c for c in contacts if c.last_confirmed is None or c.last_confirmed < stale_before),
                   key=lambda c: (c.last_confirmed or date.min, c.id))
    if not stale:
        return []
    return [Finding("COVER_CONTACTS_STALE", EMPLOYER,
                    fingerprint(*[(c.id, c.last_confirmed) for c in stale]), due=None,
                    params={"names": ", ".join(c.name for c in stale), "count": len(stale),
                            "all": len(stale) == len(contacts)})]


def _lowest_rate(terms: TermsFacts) -> tuple[str, Decimal] | None:
    """The lowest hourly rate in the terms. A rate of 0 is a rate (unpaid work), compared like any other;
    only a rate not given (None: no waking-night rate agreed) is left out."""
    rates = [("standard", terms.standard_rate), ("waking_night", terms.waking_night_rate)]
    rates = [(kind, rate) for kind, rate in rates if rate is not None]
    return min(rates, key=lambda item: item[1]) if rates else None


def check_minimum_wage(pa: PAFacts, *, on: date, horizons: Horizons) -> list[Finding]:
    """NMW_SHORTFALL / NMW_BAND_CHANGE / NMW_UPRATING_AHEAD: the hourly rates in a PA's terms against the
    minimum for their age band (rules/minimum_wage.py; NMW Regulations 2015 regs 4–5; the rate for a pay
    reference period is read on its first day, NMWM03050). Taking `on` as a period's first day, a shortfall
    shows from the day the higher rate could first apply: a warning a few days early, never late.
    Sleep-in allowances are not hourly pay and are checked per pay period, not here."""
    if not pa.relevant(on, horizons):
        return []
    first_day = max(on, pa.start_date) if pa.start_date else on
    if pa.date_of_birth is None:
        return _below_every_band(pa, on=on, first_day=first_day)
    apprentice_since = pa.apprentice_since if pa.apprentice else None
    terms = pa.terms_on(first_day)
    lowest = _lowest_rate(terms) if terms else None
    if lowest is not None:
        current = minimum_wage.minimum_wage_rate(pa.date_of_birth, first_day, apprentice_since=apprentice_since)
        if current.hourly_rate is not None and lowest[1] < current.hourly_rate:
            return [Finding("NMW_SHORTFALL", pa.subject,
                            fingerprint(terms.id, lowest, current.band, current.hourly_rate, current.effective_from),
                            due=first_day, overdue=pa.employed_on(on), record_id=pa.id,
                            params={"name": pa.full_name, "rate_kind": lowest[0], "rate": lowest[1],
                                    "minimum": current.hourly_rate, "band": current.band_label, "on": first_day})]
    findings: list[Finding] = []
    seen: set[str] = set()
    for change in minimum_wage.next_changes(pa.date_of_birth, first_day, apprentice_since=apprentice_since):
        code = "NMW_UPRATING_AHEAD" if change.reasons == ("uprating",) else "NMW_BAND_CHANGE"
        # A birthday is looked at a couple of months ahead; a published uprating as soon as it is known.
        if code == "NMW_BAND_CHANGE" and change.on > on + timedelta(days=horizons.nmw_band_days):
            continue
        if code in seen or change.hourly_rate is None:
            continue
        terms_then = pa.terms_on(change.on)
        rate_then = _lowest_rate(terms_then) if terms_then else None
        if rate_then is None or rate_then[1] >= change.hourly_rate:
            continue
        seen.add(code)
        findings.append(Finding(code, pa.subject,
                                fingerprint(terms_then.id, rate_then, change.on, change.band, change.hourly_rate),
                                due=change.on, record_id=pa.id,
                                params={"name": pa.full_name, "rate_kind": rate_then[0], "rate": rate_then[1],
                                        "minimum": change.hourly_rate, "band": change.band_label}))
    return findings


def _below_every_band(pa: PAFacts, *, on: date, first_day: date) -> list[Finding]:
    """NMW_SHORTFALL without a date of birth: the band is not guessed, but a rate below the lowest minimum of any
    band (the 16-17 or apprentice rate in force on `first_day`) is too low at every age above school age."""
    terms = pa.terms_on(first_day)
    lowest = _lowest_rate(terms) if terms else None
    if lowest is None:
        return []
    row = minimum_wage.minimum_wage_table().row_on(first_day)
    floor = min(row["youth_band_rate"], row["apprentice_rate"])
    if lowest[1] >= floor:
        return []
    return [Finding("NMW_SHORTFALL", pa.subject, fingerprint(terms.id, lowest, "no-date-of-birth", floor,
                                                             row.effective_from),
                    due=first_day, overdue=pa.employed_on(on), record_id=pa.id,
                    params={"name": pa.full_name, "rate_kind": lowest[0], "rate": lowest[1], "minimum": floor,
                            "band": _("the lowest band: no date of birth is recorded"), "on": first_day})]


def minimum_wage_checks(pas: Iterable[PAFacts], *, on: date, horizons: Horizons) -> list[Finding]:
    """check_minimum_wage for every PA in the file: National Minimum Wage Act 1998 s.1 (every worker is paid at
    least the minimum), NMW Regulations 2015 (SI 2015/621) regs 4, 4A and 5 (rates by age band and the apprentice
    rate) and reg 7 (checked per pay reference period, the rate read on its first day, NMWM03050)."""
    findings: list[Finding] = []
    for pa in pas:
        findings += check_minimum_wage(pa, on=on, horizons=horizons)
    return findings


def record_checks(employer: EmployerFacts, pas: Iterable[PAFacts], contacts: Iterable[CoverContactFacts],
                  *, on: date, horizons: Horizons) -> list[Finding]:
    """Every record-based finding for the file on `on` (minimum wage and working time are checked apart)."""
    pas = list(pas)
    nation = employer.nation
    anyone = any(pa.relevant(on, horizons) for pa in pas)
    findings: list[Finding] = []
    for pa in pas:
        findings += check_written_statement(pa, on=on, nation=nation, horizons=horizons)
        findings += check_right_to_work(pa, on=on, horizons=horizons)
        findings += check_background(pa, on=on, nation=nation, horizons=horizons)
        findings += check_training(pa, on=on, horizons=horizons)
        findings += check_probation(pa, on=on, horizons=horizons)
        findings += check_family_approval(pa, on=on, nation=nation, horizons=horizons)
        findings += check_child_employment(pa, on=on, nation=nation, horizons=horizons)
        findings += check_pension_assessment(pa, on=on, employer=employer, horizons=horizons)
    findings += check_el_insurance(employer, pas, on=on, horizons=horizons)
    findings += check_pension_declarations(employer, on=on, anyone_employed=anyone, horizons=horizons)
    findings += check_cover_contacts(contacts, on=on, anyone_employed=anyone, horizons=horizons)
    return findings
