"""The words people see for stored choices (nations, who manages, pay frequency …), translated when asked.

No Qt here: the screens, the PDFs and the command line all word a choice the same way. The choices
themselves (the enums) are offered from here too, so the screens need not import the store.
"""

from __future__ import annotations

from paemployer.i18n import _
from enum import Enum

from paemployer.rules.pay import LineKind
from paemployer.store.models import (
    AbsenceKind,
    BackgroundCheckKind,
    CoverRole,
    HoursType,
    ManagedBy,
    Nation,
    PayFrequency,
    PensionStatus,
    ShiftKind,
    ShiftStatus,
)


def nation_labels() -> dict:
    return {
        Nation.ENGLAND: _("England"),
        Nation.WALES: _("Wales"),
        Nation.SCOTLAND: _("Scotland"),
        Nation.NORTHERN_IRELAND: _("Northern Ireland"),
    }


def managed_by_labels() -> dict:
    return {
        ManagedBy.SELF: _("The person supported, themselves"),
        ManagedBy.SUITABLE_PERSON: _("A family member or other suitable person on their behalf"),
        ManagedBy.REPRESENTATIVE: _("A representative appointed to act for them"),
        ManagedBy.SUPPORT_SERVICE: _("A support service"),
    }


def pay_frequency_labels() -> dict:
    return {
        PayFrequency.WEEKLY: _("Weekly"),
        PayFrequency.FORTNIGHTLY: _("Every two weeks"),
        PayFrequency.FOUR_WEEKLY: _("Every four weeks"),
        PayFrequency.MONTHLY: _("Monthly"),
    }


def hours_type_labels() -> dict:
    return {
        HoursType.FIXED: _("Fixed hours"),
        HoursType.IRREGULAR: _("Irregular hours (for example a bank PA)"),
        HoursType.ZERO_HOURS: _("Zero hours"),
    }


def background_check_labels() -> dict:
    return {
        None: _("No check recorded"),
        BackgroundCheckKind.DBS_BASIC: _("Basic DBS"),
        BackgroundCheckKind.DBS_STANDARD: _("Standard DBS"),
        BackgroundCheckKind.DBS_ENHANCED: _("Enhanced DBS"),
        BackgroundCheckKind.DBS_ENHANCED_BARRED: _("Enhanced DBS with barred list"),
        BackgroundCheckKind.PVG: _("PVG scheme (Scotland)"),
        BackgroundCheckKind.ACCESSNI: _("AccessNI (Northern Ireland)"),
    }


def pension_status_labels() -> dict:
    return {
        PensionStatus.NOT_ASSESSED: _("Not assessed yet"),
        PensionStatus.ENROLLED: _("Enrolled"),
        PensionStatus.OPTED_OUT: _("Opted out"),
        PensionStatus.OPTED_IN: _("Opted in"),
        PensionStatus.NOT_ELIGIBLE: _("Not eligible"),
        PensionStatus.POSTPONED: _("Postponed"),
    }


def cover_role_labels() -> dict:
    return {
        CoverRole.BACKUP_PA: _("Backup PA"),
        CoverRole.FAMILY: _("Family"),
        CoverRole.FRIEND: _("Friend"),
        CoverRole.AGENCY: _("Care agency"),
        CoverRole.COUNCIL_OUT_OF_HOURS: _("Council out-of-hours team"),
        CoverRole.OTHER: _("Other"),
    }


def shift_kind_labels() -> dict:
    return {
        ShiftKind.DAY: _("day"),
        ShiftKind.WAKING_NIGHT: _("waking night"),
        ShiftKind.SLEEP_IN: _("sleep-in"),
        ShiftKind.ON_CALL: _("on call"),
    }


def shift_status_labels() -> dict:
    return {
        ShiftStatus.PLANNED: _("planned"),
        ShiftStatus.WORKED: _("worked"),
        ShiftStatus.CANCELLED: _("cancelled"),
        ShiftStatus.ABSENT: _("nobody came"),
        ShiftStatus.COVERED: _("covered by someone else"),
    }


def absence_kind_labels() -> dict:
    return {
        AbsenceKind.ANNUAL_LEAVE: _("annual leave"),
        AbsenceKind.SICKNESS: _("sickness"),
        AbsenceKind.MATERNITY: _("maternity leave"),
        AbsenceKind.PATERNITY: _("paternity leave"),
        AbsenceKind.ADOPTION: _("adoption leave"),
        AbsenceKind.SHARED_PARENTAL: _("shared parental leave"),
        AbsenceKind.CARERS: _("carer's leave"),
        AbsenceKind.UNPAID: _("unpaid leave"),
        AbsenceKind.NO_SHOW: _("did not come"),
        AbsenceKind.OTHER: _("other absence"),
    }


def _label(labels: dict, choice: type[Enum], value: Enum | str) -> str:
    """One stored value in words; a value this version does not know is shown as stored."""
    try:
        return labels[choice(value)]
    except ValueError:
        return str(value)


def cover_role_label(role: CoverRole | str) -> str:
    """One cover contact's role in words; a value this version does not know is shown as stored."""
    return _label(cover_role_labels(), CoverRole, role)


def shift_kind_label(kind: ShiftKind | str) -> str:
    """'day', 'waking night', 'sleep-in', 'on call'."""
    return _label(shift_kind_labels(), ShiftKind, kind)


def shift_status_label(status: ShiftStatus | str) -> str:
    """'planned', 'worked', 'cancelled', 'nobody came', 'covered by someone else'."""
    return _label(shift_status_labels(), ShiftStatus, status)


def absence_kind_label(kind: AbsenceKind | str) -> str:
    """'annual leave', 'sickness', … 'did not come'."""
    return _label(absence_kind_labels(), AbsenceKind, kind)


def choices(labels: dict) -> list[tuple[str, object]]:
    """(words, value) pairs for a ChoiceBox in the order given."""
    return [(text, value) for value, text in labels.items()]


def pay_frequency_label(frequency: PayFrequency | str) -> str:
    """'Weekly', 'Every two weeks', 'Every four weeks', 'Monthly'."""
    return _label(pay_frequency_labels(), PayFrequency, frequency)


def pay_line_kind_labels() -> dict:
    """What each kind of pay line is, as the pay screen's column and the hours export's notes say it."""
    return {
        LineKind.HOURS: _("Hours"),
        LineKind.WAKING_NIGHT: _("Waking night"),
        LineKind.WEEKEND: _("Weekend"),
        LineKind.BANK_HOLIDAY: _("Bank holiday"),
        LineKind.SLEEP_IN: _("Sleep-in allowance"),
        LineKind.SLEEP_IN_WOKEN: _("Time woken on a sleep-in"),
        LineKind.HOLIDAY_PAY: _("Holiday pay"),
        LineKind.ROLLED_UP_HOLIDAY_PAY: _("Rolled-up holiday pay"),
        LineKind.UNTAKEN_HOLIDAY: _("Holiday not taken"),
        LineKind.SICK_PAY: _("Statutory sick pay"),
        LineKind.FAMILY_PAY: _("Family pay (maternity, paternity, adoption)"),
        LineKind.EXPENSE: _("Expense paid back"),
        LineKind.BONUS: _("Bonus"),
        LineKind.BACK_PAY: _("Back pay"),
        LineKind.OTHER: _("Other"),
    }


def pay_line_kind_label(kind: LineKind | str) -> str:
    return _label(pay_line_kind_labels(), LineKind, kind)


def ni_category_labels() -> dict[str, str]:
    """Each National Insurance category letter HMRC uses, with its meaning in plain words (rules hold both)."""
    from paemployer.rules.national_insurance import CATEGORIES, category_words

    return {letter: category_words(letter) for letter in CATEGORIES}
