"""Class 1 NI against HMRC's own expected values: every one of the 925 rows of hmrc-ni-cases.json, to the penny.

tests/rules/data/hmrc-ni-cases.json is a verbatim copy of ../shared/reference/test-data/hmrc-ni-cases.json (kept
here so a clean checkout runs it). 896 rows are HMRC's "Software developers: payroll test data 2025 to 2026" NI
test data (16 category letters x weekly, fortnightly, four-weekly and monthly x pay on each side of every threshold;
employee and employer NI and the three earnings bands an FPS reports), as transcribed by payetools/Payetools @
8c7a186; 29 rows are HMRC's NI calculator test tables (hmrc/calculate-ni-frontend @ b698c30, Years2025to2026.csv and
Years2026to2027.csv; employee and employer NI only). Each row's `provenance` says which. Employer NI is before the
Employment Allowance, as HMRC's figures are.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from paemployer.rules.national_insurance import CATEGORIES, FREQUENCIES, class1_ni

HERE = Path(__file__).parent
COPY = HERE / "data" / "hmrc-ni-cases.json"
SHARED = HERE.parents[2] / "shared" / "reference" / "test-data" / "hmrc-ni-cases.json"
CASES = json.loads(COPY.read_text(encoding="utf-8"))["cases"]
# The expected field names in the file and the NiResult attribute each is compared with.
BANDS = {"earnings_at_LEL": "earnings_at_lel", "earnings_LEL_to_PT": "earnings_lel_to_pt",
         "earnings_PT_to_UEL": "earnings_pt_to_uel"}


def test_the_copy_is_the_shared_file():
    if not SHARED.exists():
        pytest.skip("the shared reference folder is not beside this checkout")
    assert json.loads(COPY.read_text(encoding="utf-8")) == json.loads(SHARED.read_text(encoding="utf-8"))


def test_the_file_holds_every_row_and_covers_every_letter_and_frequency():
    assert len(CASES) == 925 and len({case["id"] for case in CASES}) == 925
    assert Counter(case["tax_year"] for case in CASES) == {"2025-26": 912, "2026-27": 13}
    assert sum(1 for case in CASES if set(BANDS) <= set(case["expected"])) == 896
    assert {case["pay_frequency"] for case in CASES} == set(FREQUENCIES)
    # Every letter but X (no NI at all, tested in test_national_insurance.py) has HMRC rows.
    assert {case["ni_category"] for case in CASES} == set(CATEGORIES) - {"X"}
    assert all(case["tolerance"] == "0.00" for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_hmrc_row(case):
    result = class1_ni(tax_year=case["tax_year"], frequency=case["pay_frequency"], category=case["ni_category"],
                       gross=Decimal(case["gross_pay"]), periods=case.get("periods_covered", 1))
    expected = case["expected"]
    assert (result.employee_ni, result.employer_ni) == (Decimal(expected["employee_ni"]),
                                                        Decimal(expected["employer_ni"]))
    for field, attribute in BANDS.items():
        if field in expected:
            assert getattr(result, attribute) == Decimal(expected[field]), field
    assert result.category == case["ni_category"]
