"""The sample employer: a realistic file to explore the app with, and for screenshots and tests.

Eleri Davies lives in Cardiff, Wales, and employs four PAs with her direct payment: Megan (19),
Gareth (a bank PA on irregular hours), Anita (who does sleep-ins) and Rhys (started this year).
Every date is relative to `today`, so the demo always looks current. The rota and the pay history
(services/demo/rota.py, pay.py) are built on them. A few real risks are left for
the warnings to find: the employer's liability insurance runs out next month, Gareth's
right-to-work check was never recorded, and Anita's first aid certificate has expired.

Phone numbers are from Ofcom's ranges kept for drama (029 2018 0xxx, 07700 900xxx), so none is real.
Each part is its own function, so later features can add their own sample data (a rota, absences).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel

from paemployer.errors import PAEmployerError, ValidationError
from paemployer.i18n import _
from paemployer.rules.dates import add_years, months_after, years_after
from paemployer.rules.tax_year import tax_year_start
from paemployer.services import audit
from paemployer.services.demo.pay import add_demo_pay
from paemployer.services.demo.rota import add_demo_rota, rota_first_day
from paemployer.services.records import stage_contract_terms, stage_pa
from paemployer.services.records.validation import (
    validate_contingency_step,
    validate_cover_contact,
    validate_employer,
    validate_reference,
    validate_training,
)
from paemployer.store import queries
from paemployer.store.db import create_employer_file, expand_path, is_employer_file, open_employer_file, path_exists
from paemployer.store.models import (
    PA,
    BackgroundCheckKind,
    ContingencyStep,
    ContractTerms,
    CoverContact,
    CoverRole,
    HoursType,
    ManagedBy,
    Nation,
    PayFrequency,
    PensionStatus,
    Reference,
    Training,
)

DEMO_WHO = "demo"


@dataclass(frozen=True)
class DemoPAs:
    """The four sample PAs, for later parts of the demo (a rota, absences) to refer to."""

    young: PA       # Megan, aged 19
    bank: PA        # Gareth, bank PA on irregular hours
    sleep_in: PA    # Anita, does sleep-ins
    new_starter: PA  # Rhys, started this year


def _years_before(day: date, years: int) -> date:
    """The same day `years` earlier (29 February → 28 February: someone born then is `years` old on `day`)."""
    return years_after(day, -years)


def _start_of_next_month(today: date) -> date:
    return months_after(today.replace(day=1), 1)


def _duties_start(today: date) -> date:
    """The employer's pension duties start: Gareth's first day, four years and two months ago."""
    return _years_before(today, 4) - timedelta(days=60)


def _add(session: Session, model: type[SQLModel], validator: Callable[[Mapping[str, Any]], dict[str, Any]],
         values: Mapping[str, Any]) -> SQLModel:
    row = model(**validator(values))
    session.add(row)
    return row


def _add_employer(session: Session, today: date) -> None:
    employer = queries.get_employer(session=session)
    cleaned = validate_employer({
        "name": "Eleri Davies",
        "address": "14 Heol y Castell\nCanton\nCardiff",
        "postcode": "CF11 9AB",
        "phone": "029 2018 0123",
        "email": "eleri.davies@example.org",
        "nation": Nation.WALES,
        "managed_by": ManagedBy.SELF,
        "council": "Cardiff Council",
        "direct_payment_reference": "DP-204517",
        "paye_reference": "120/DA45678",
        "accounts_office_reference": "120PA00456789",
        "employment_allowance": True,
        "care_and_support_only": True,  # every PA's duties are Eleri's care and support: the allowance is hers
        "pension_scheme": "NEST",
        # Duties began when Gareth started; the last three-yearly re-declaration was made on time.
        "pension_duties_start": _duties_start(today),
        # The re-declaration is due after the third anniversary of the duties start, as the checks count it.
        "declaration_of_compliance_date": add_years(_duties_start(today), 3) + timedelta(days=40),
        "el_insurer": "Fortis Care Insurance (sample)",
        "el_policy_number": "PA-EL-558201",
        # A real risk for the warnings: the insurance runs out next month.
        "el_expiry": _start_of_next_month(today) + timedelta(days=13),
        "holiday_year_start": date(2019, 4, 1),
        "default_pay_frequency": PayFrequency.MONTHLY,
        "locale": "en_GB",
        "stand_in_essentials": (
            "Medication: Baclofen 10 mg at 8am, 2pm and 8pm from the blister pack in the kitchen drawer.\n"
            "Morning routine: hoist transfer (two-strap sling, hook colours: grey to grey) and shower chair.\n"
            "Access: key safe by the front door; the code is given by phone, never written down.\n"
            "Diet: soft food, thickened drinks (one scoop per 200 ml).\n"
            "GP: Canton Health Centre, 029 2018 0456."
        ),
        "setup_completed": True,
    })
    for name, value in cleaned.items():
        setattr(employer, name, value)


def _add_young_pa(session: Session, today: date) -> PA:
    started = _years_before(tax_year_start(today), 1) + timedelta(days=90)
    pa = stage_pa(session, {
        "first_name": "Megan",
        "last_name": "Hughes",
        "date_of_birth": _years_before(today, 19) - timedelta(days=200),
        "ni_number": "JM 48 26 93 B",
        "tax_code": "C1257L",  # Eleri lives in Wales: the Welsh rates
        "phone": "07700 900112",
        "email": "megan.hughes@example.org",
        "address": "3 Cowbridge Road East, Cardiff CF11 9AF",
        "emergency_contact_name": "Sarah Hughes (mother)",
        "emergency_contact_phone": "07700 900113",
        "start_date": started,
        "right_to_work_checked_on": started - timedelta(days=10),
        "right_to_work_document": "UK passport",
        "background_check_kind": BackgroundCheckKind.DBS_ENHANCED_BARRED,
        "background_check_date": started - timedelta(days=20),
        "background_check_reference": "001784522361",
        "bank_account_name": "M Hughes",
        "bank_sort_code": "20-45-77",
        "bank_account_number": "43918265",
        "pension_status": PensionStatus.ENROLLED,
        "pension_assessed_on": started,
    }, who=DEMO_WHO)
    first = stage_contract_terms(session, pa, {
        "effective_from": started,
        "place_of_work": "Eleri's home, Canton",
        "hours_type": HoursType.FIXED,
        "hours_per_week": Decimal("16"),
        "days_per_week": Decimal("4"),
        "standard_rate": Decimal("12.30"),
        "bank_holiday_rate": Decimal("18.45"),
        "pay_frequency": PayFrequency.MONTHLY,
        "notice_weeks": 1,
        "probation_end": started + timedelta(days=91),
        "issued_on": started,
        "signed_on": started + timedelta(days=3),
    }, who=DEMO_WHO)
    _pay_rise(session, pa, first, tax_year_start(today), standard_rate=Decimal("13.00"),
              bank_holiday_rate=Decimal("19.50"))
    _add_training(session, pa, "Moving and handling", today - timedelta(days=100), years=1)
    _add_training(session, pa, "Medication awareness", started + timedelta(days=30), years=3)
    _add_references(session, pa, started, ("Mr D Rees, Head of Sixth Form, Fitzalan High School", "029 2018 0321"),
                    ("Joanne Pugh, manager, Canton Café", "07700 900221"))
    return pa


def _add_bank_pa(session: Session, today: date) -> PA:
    started = _duties_start(today)
    pa = stage_pa(session, {
        "first_name": "Gareth",
        "last_name": "Price",
        "date_of_birth": date(today.year - 52, 8, 19),
        "ni_number": "NH 63 10 47 A",
        "tax_code": "C1257L",  # Eleri lives in Wales: the Welsh rates
        "phone": "07700 900154",
        "address": "21 Lansdowne Road, Cardiff CF5 1PQ",
        "emergency_contact_name": "Helen Price",
        "emergency_contact_phone": "07700 900155",
        "start_date": started,
        # A real risk for the warnings: no right-to-work check was ever recorded.
        "background_check_kind": BackgroundCheckKind.DBS_ENHANCED_BARRED,
        "background_check_date": started - timedelta(days=30),
        "background_check_reference": "001523398714",
        "bank_account_name": "G R Price",
        "bank_sort_code": "30-96-18",
        "bank_account_number": "11846502",
        "pension_status": PensionStatus.OPTED_OUT,
        "pension_assessed_on": started,
        "other_employer_hours_per_week": Decimal("20"),
        "notes": "Bank PA: covers holidays and sickness when he can. Also works for a school.",
    }, who=DEMO_WHO)
    first = stage_contract_terms(session, pa, {
        "effective_from": started,
        "job_title": "Bank personal assistant",
        "place_of_work": "Eleri's home, Canton",
        "hours_type": HoursType.IRREGULAR,
        "standard_rate": Decimal("10.50"),
        "weekend_rate": Decimal("11.50"),
        "bank_holiday_rate": Decimal("15.75"),
        "pay_frequency": PayFrequency.MONTHLY,
        "holiday_basis": "12.07% of hours worked, accrued each pay period",
        "notice_weeks": 1,
        "issued_on": started,
        "signed_on": started + timedelta(days=2),
    }, who=DEMO_WHO)
    second = _pay_rise(session, pa, first, _years_before(tax_year_start(today), 1), standard_rate=Decimal("12.60"),
                       weekend_rate=Decimal("13.60"), bank_holiday_rate=Decimal("18.90"))
    # This year's terms add the sleep-in allowance for the Friday night he now covers.
    _pay_rise(session, pa, second, tax_year_start(today), standard_rate=Decimal("13.25"),
              weekend_rate=Decimal("14.25"), bank_holiday_rate=Decimal("19.85"), sleep_in_allowance=Decimal("55.00"))
    _add_training(session, pa, "Moving and handling", today - timedelta(days=200), years=1)
    _add_training(session, pa, "Emergency first aid at work", today - timedelta(days=400), years=3)
    _add_references(session, pa, started, ("Cardiff Carers' Hub", "029 2018 0777"),
                    ("Alun Bevan (former employer)", "07700 900301"))
    return pa


def _add_sleep_in_pa(session: Session, today: date) -> PA:
    started = date(today.year - 3, 10, 10)
    pa = stage_pa(session, {
        "first_name": "Anita",
        "last_name": "Kowalska",
        "date_of_birth": date(today.year - 38, 3, 2),
        "ni_number": "SK 72 55 10 C",
        "tax_code": "C1257L",  # Eleri lives in Wales: the Welsh rates
        "phone": "07700 900187",
        "email": "anita.k@example.org",
        "address": "Flat 4, 88 Albany Road, Cardiff CF24 3RS",
        "emergency_contact_name": "Piotr Kowalski",
        "emergency_contact_phone": "07700 900188",
        "start_date": started,
        "right_to_work_checked_on": started - timedelta(days=14),
        "right_to_work_document": "Share code (EU Settlement Scheme, pre-settled status)",
        "right_to_work_follow_up": today + timedelta(days=150),  # time-limited permission: check again
        "background_check_kind": BackgroundCheckKind.DBS_ENHANCED_BARRED,
        "background_check_date": started - timedelta(days=21),
        "background_check_reference": "001692204538",
        "bank_account_name": "A Kowalska",
        "bank_sort_code": "09-01-28",
        "bank_account_number": "70352841",
        "pension_status": PensionStatus.ENROLLED,
        "pension_assessed_on": started,
        "wtr_opt_out": True,
        "wtr_opt_out_date": started,
    }, who=DEMO_WHO)
    first = stage_contract_terms(session, pa, {
        "effective_from": started,
        "place_of_work": "Eleri's home, Canton",
        "hours_type": HoursType.FIXED,
        "hours_per_week": Decimal("30"),
        "days_per_week": Decimal("3"),
        "standard_rate": Decimal("11.50"),
        "waking_night_rate": Decimal("12.00"),
        "sleep_in_allowance": Decimal("45.00"),
        "bank_holiday_rate": Decimal("17.25"),
        "pay_frequency": PayFrequency.MONTHLY,
        "notice_weeks": 4,
        "issued_on": started,
        "signed_on": started,
        "notes": "Two sleep-ins a week (10pm to 7am); woken time is paid at the standard rate.",
    }, who=DEMO_WHO)
    second = _pay_rise(session, pa, first, _years_before(tax_year_start(today), 1), standard_rate=Decimal("12.90"),
                       waking_night_rate=Decimal("13.40"), sleep_in_allowance=Decimal("50.00"),
                       bank_holiday_rate=Decimal("19.35"))
    _pay_rise(session, pa, second, tax_year_start(today), standard_rate=Decimal("13.50"),
              waking_night_rate=Decimal("14.00"), sleep_in_allowance=Decimal("55.00"),
              bank_holiday_rate=Decimal("20.25"))
    _add_training(session, pa, "Moving and handling", today - timedelta(days=120), years=1)
    # A real risk for the warnings: her first aid certificate ran out last month.
    expired = today - timedelta(days=today.day + 3)
    _add_training(session, pa, "Emergency first aid at work", _years_before(expired, 3), years=3)
    _add_training(session, pa, "Epilepsy awareness and rescue medication", today - timedelta(days=300), years=2)
    _add_references(session, pa, started, ("Ty Hafan Care Home (former employer)", "029 2018 0654"),
                    ("Revd Mair Evans", "07700 900402"))
    return pa


def _add_new_starter(session: Session, today: date) -> PA:
    started = max(date(today.year, 1, 1), today - timedelta(days=70))
    pa = stage_pa(session, {
        "first_name": "Rhys",
        "last_name": "Morgan",
        "date_of_birth": date(today.year - 27, 11, 30),
        "ni_number": "PZ 31 88 06 D",
        "tax_code": "C1257L",  # Eleri lives in Wales: the Welsh rates
        "phone": "07700 900231",
        "email": "rhys.morgan@example.org",
        "address": "7 Llandaff Road, Cardiff CF11 9NJ",
        "emergency_contact_name": "Owain Morgan",
        "emergency_contact_phone": "07700 900232",
        "start_date": started,
        "right_to_work_checked_on": started - timedelta(days=7),
        "right_to_work_document": "UK birth certificate and National Insurance letter",
        "background_check_declined": True,
        "background_check_decision_reason": (
            "Rhys worked for me for two years through an agency that checked him; I decided not to pay "
            "for a new check. I will review this in a year."),
        "background_check_decision_date": started - timedelta(days=7),
        "bank_account_name": "R Morgan",
        "bank_sort_code": "40-11-62",
        "bank_account_number": "52839017",
        "pension_status": PensionStatus.ENROLLED,
        "pension_assessed_on": started,
    }, who=DEMO_WHO)
    stage_contract_terms(session, pa, {
        "effective_from": started,
        "place_of_work": "Eleri's home, Canton, and out in the community",
        "hours_type": HoursType.FIXED,
        "hours_per_week": Decimal("24"),
        "days_per_week": Decimal("3"),
        "standard_rate": Decimal("13.00"),
        "bank_holiday_rate": Decimal("19.50"),
        "pay_frequency": PayFrequency.MONTHLY,
        "notice_weeks": 1,
        "probation_end": started + timedelta(days=91),
        "issued_on": started,
        "signed_on": started,
    }, who=DEMO_WHO)
    _add_training(session, pa, "Moving and handling", started + timedelta(days=5), years=1)
    _add_references(session, pa, started, ("Support Matters agency, Cardiff", "029 2018 0555"),
                    ("Dr Nia Lloyd (character reference)", "07700 900503"))
    return pa


def _pay_rise(session: Session, pa: PA, base: ContractTerms, effective_from: date,
              **changes: Decimal) -> ContractTerms:
    values = {name: getattr(base, name) for name in type(base).model_fields if name not in ("id", "pa_id")}
    values.update(changes, effective_from=effective_from, issued_on=effective_from - timedelta(days=20),
                  signed_on=effective_from - timedelta(days=18))
    return stage_contract_terms(session, pa, values, who=DEMO_WHO)


def _add_training(session: Session, pa: PA, course: str, completed_on: date, *, years: int) -> None:
    _add(session, Training, validate_training, {
        "pa_id": pa.id, "course": course, "completed_on": completed_on,
        "expires_on": years_after(completed_on, years),
    })


def _add_references(session: Session, pa: PA, started: date, *referees: tuple[str, str]) -> None:
    for name, contact in referees:
        _add(session, Reference, validate_reference, {
            "pa_id": pa.id, "referee_name": name, "referee_contact": contact,
            "requested_on": started - timedelta(days=28), "received_on": started - timedelta(days=18),
        })


def _add_cover_contacts(session: Session, today: date) -> None:
    contacts = [
        {"name": "Siân Roberts", "role": CoverRole.BACKUP_PA, "phone": "07700 900610",
         "available_when": "Weekdays after 3pm; most weekends",
         "can_help_with": "Everything: knows the hoist, medication and routines",
         "last_confirmed": today - timedelta(days=21)},
        {"name": "Catrin Davies (daughter)", "role": CoverRole.FAMILY, "phone": "07700 900620",
         "phone_other": "029 2018 0620", "available_when": "Evenings and weekends; lives 20 minutes away",
         "can_help_with": "Meals, medication, staying overnight; not the hoist on her own",
         "last_confirmed": today - timedelta(days=40)},
        {"name": "Valley Home Care (agency)", "role": CoverRole.AGENCY, "phone": "029 2018 0630",
         "available_when": "Office 8am to 6pm; on-call line until 10pm",
         "can_help_with": "A trained carer at a few hours' notice (about £28 an hour)",
         "last_confirmed": today - timedelta(days=75)},
        {"name": "Cardiff Council emergency duty team", "role": CoverRole.COUNCIL_OUT_OF_HOURS,
         "phone": "029 2018 0640", "available_when": "Evenings, nights, weekends and bank holidays",
         "can_help_with": "Emergency care when nobody else can come",
         "last_confirmed": today - timedelta(days=75)},
    ]
    for priority, values in enumerate(contacts, start=1):
        contact = _add(session, CoverContact, validate_cover_contact, values)
        contact.priority = priority


def _add_contingency_plan(session: Session) -> None:
    plan = {
        "A PA does not arrive": [
            "Wait 15 minutes, then ring the PA and their emergency contact.",
            "Ring Siân Roberts, the backup PA.",
            "If Siân cannot come, ring Catrin.",
            "In office hours, ring Valley Home Care for an agency carer.",
            "Out of hours, ring the council's emergency duty team.",
            "Write down what happened and who covered, for the timesheet.",
        ],
        "The hoist breaks down": [
            "Do not lift by hand. Make Eleri comfortable where she is.",
            "Ring the hoist repair line on the sticker (24 hours).",
            "If it cannot be fixed today, ring the council's equipment service for a loan hoist.",
        ],
        "Eleri is taken into hospital": [
            "Go with her if you can, and take the stand-in essentials sheet and medication.",
            "Ring Catrin.",
            "Tell the other PAs whether their shifts will go ahead; shifts cancelled at short notice are still paid.",
        ],
    }
    for scenario, steps in plan.items():
        for position, step in enumerate(steps, start=1):
            row = _add(session, ContingencyStep, validate_contingency_step, {"scenario": scenario, "step": step})
            row.position = position


def _fill(ef, today: date) -> None:
    with ef.session() as session:
        _add_employer(session, today)
        pas = DemoPAs(
            young=_add_young_pa(session, today),
            bank=_add_bank_pa(session, today),
            sleep_in=_add_sleep_in_pa(session, today),
            new_starter=_add_new_starter(session, today),
        )
        _add_cover_contacts(session, today)
        _add_contingency_plan(session)
        add_demo_rota(session, pas, today)
        session.flush()
        audit.record(session, who=DEMO_WHO, action="add", table_name="employer", row_id=None,
                     summary=_("Wrote the sample employer ({count} PAs)").format(
                         count=len((pas.young, pas.bank, pas.sleep_in, pas.new_starter))))
    add_demo_pay(ef, rota_first_day(today), today)


def is_sample_file(path: Path) -> bool:
    """True when the employer file at `path` was written as the sample (its first entry in the trail is the demo's)."""
    try:
        ef = open_employer_file(path)
    except PAEmployerError:
        return False
    try:
        with ef.session() as session:
            first = queries.first_audit_entry(session=session)
            return first is not None and first.who == DEMO_WHO
    finally:
        ef.close()


def write_demo_file(path: Path | str, *, today: date, overwrite: bool = False) -> Path:
    """Write the sample employer to `path` (a new file) and return its path.

    Refuses an existing file unless `overwrite`, and even then never replaces a folder or an
    employer's own file: only another file (a sample, or one that is not an employer file). The file
    is built under a temporary name and appears at `path` only when complete.
    """
    path = expand_path(path)
    if path_exists(path):
        if path.is_dir():
            raise ValidationError(
                _("{path} is a folder. Give the name of the sample file to write inside it, for example "
                  "{example}.").format(path=path, example=path / "demo.paemployer"),
                field="path", message_id="folder")
        if not overwrite:
            raise ValidationError(
                _("{path} already exists. Choose another name for the sample file, or ask to replace it.").format(
                    path=path),
                field="path", message_id="file_exists",
            )
        if is_employer_file(path) and not is_sample_file(path):
            raise ValidationError(
                _("{path} is an employer's own file, so the sample was not written over it. Choose another name "
                  "for the sample file.").format(path=path),
                field="path", message_id="employer_file_target",
            )
    return create_employer_file(path, lambda ef: _fill(ef, today), replace=overwrite)
