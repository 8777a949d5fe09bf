"""The plain values the warnings centre hands to the screens: warnings, their severity and subjects,
and the kinds of risk decision. The UI takes them from here, never from rules/ or the store.
"""

from __future__ import annotations

from paemployer.rules.warnings import EMPLOYER, Decision, Severity, Warning
from paemployer.store.models import DecisionKind

__all__ = ["EMPLOYER", "Decision", "DecisionKind", "Severity", "Warning"]
