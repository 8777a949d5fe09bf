"""Facts for every placeholder a warning text can use, shared by the catalogue tests."""

from datetime import date
from decimal import Decimal

ON = date(2026, 11, 24)

SAMPLE_PARAMS = {
    "name": "Sam Jones", "rate_kind": "standard", "rate": Decimal("12.00"), "minimum": Decimal("12.71"),
    "band": "National Living Wage", "on": ON, "when": ON, "detail": "Details.", "notes": "", "opt_out": False,
    "issued_on": ON, "late": False, "follow_up": ON, "pvg_required": False, "course": "First aid",
    "expires_on": ON, "expiry": ON, "recorded": True, "all_family": False, "insurer": "PA Cover",
    "postponed": False, "duties_start": ON, "anniversary": ON, "names": "Ann, Bob", "count": 2, "all": True,
    "probation_end": ON, "relationship": "son", "same_household": True, "nation": "england",
    "people_missing": 1, "days": 14, "reason": "overlap", "other": "later", "absence_start": ON, "absence_end": ON,
    "age": 16, "date_of_birth": ON, "first_day": ON, "leaving_date": ON, "leaving_rule": "last-weekday", "past": False,
    # pay (services/pay/findings.py)
    "pay_made": False, "period_start": ON, "period_end": ON, "pay_date": ON, "shortfall": Decimal("3.18"),
    "arrears": Decimal("0"), "required": Decimal("193.83"), "pay_counted": Decimal("190.65"), "hours_counted": "15.25",
    "finalised": True, "paid_per_hour": Decimal("11.50"), "average_per_hour": Decimal("13.02"), "status": "draft",
    # tax and the HMRC year (services/tax/findings.py)
    "amount": Decimal("412.60"), "period": "tax month 8 (6 November to 5 December 2026)",
    "method": "paid electronically", "tax_year": "2025/26", "employer_ni": Decimal("1204.50"),
    "allowance": Decimal("10500"), "fallback": "code 0T on a week 1 or month 1 basis", "form": "P60",
    "leaver_form": "P45",
}
