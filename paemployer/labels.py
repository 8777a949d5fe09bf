"""The words people see for stored choices (nations, who manages, pay frequency …), translated when asked.

No Qt here: the screens, the PDFs and the command line all word a choice the same way. The choices
themselves (the enums) are offered from here too, so the screens need not import the store.
"""

from __future__ import annotations

from paemployer.i18n import _
from paemployer.store.models import (
    BackgroundCheckKind,
    CoverRole,
    HoursType,
    ManagedBy,
    Nation,
    PayFrequency,
    PensionStatus,
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


def cover_role_label(role: CoverRole | str) -> str:
    """One cover contact's role in words; a value this version does not know is shown as stored."""
    try:
        return cover_role_labels()[CoverRole(role)]
    except ValueError:
        return str(role)


def choices(labels: dict) -> list[tuple[str, object]]:
    """(words, value) pairs for a ChoiceBox in the order given."""
    return [(text, value) for value, text in labels.items()]
