"""The rota as use cases over an employer file: read a week, plan, edit, cover, confirm as worked.

Planning and reading live in `shifts`, "my PA can't come" in `cover`, timesheets in `timesheet`;
the pure engine (`engine`), the 48-hour and rest checks over stored shifts (`working_time`), the
month view (`view`), documents, calendars and CSV import each have their own module here.
"""

from paemployer.services.rota.cover import (
    COVER_ABSENCE_KINDS, CoverCandidate, CoverContactOption, CoverOptions, cover_options, record_cover,
)
from paemployer.services.rota.shifts import (
    RotaPeriod, add_pattern, add_shift, cancel_shift, delete_shift, edit_shift, end_pattern, gaps_between,
    get_shift, list_patterns, materialise, move_shift, period, replace_needs, replace_support_schedule,
    shifts_between, shifts_in, support_schedule, validate_need, week,
)
from paemployer.services.rota.timesheet import confirm_as_planned, find_pa, record_worked, stage_confirm_as_planned

__all__ = [
    "COVER_ABSENCE_KINDS", "CoverCandidate", "CoverContactOption", "CoverOptions", "RotaPeriod", "add_pattern",
    "add_shift", "cancel_shift", "confirm_as_planned", "cover_options", "delete_shift", "edit_shift",
    "end_pattern", "find_pa", "gaps_between", "get_shift", "list_patterns", "materialise", "move_shift", "period",
    "record_cover", "record_worked", "replace_needs", "replace_support_schedule", "shifts_between", "shifts_in",
    "stage_confirm_as_planned", "support_schedule", "validate_need", "week",
]
