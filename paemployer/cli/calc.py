"""`paemployer calc …`: the statutory rules with no employer file, for scripts and cross-checks."""

from __future__ import annotations

import importlib

from paemployer.i18n import _

# Each module adds one calculation with register(calc_subparsers).
CALC_MODULES: list[str] = [
    "paemployer.cli.calc_minimum_wage",
    "paemployer.cli.calc_sick_pay",
    "paemployer.cli.calc_holiday",
    "paemployer.cli.calc_paye",
    "paemployer.cli.calc_ni",
    "paemployer.cli.calc_pension",
]


def register(subparsers) -> None:
    parser = subparsers.add_parser("calc", help=_("run a statutory calculation (minimum wage, holiday, sick pay, PAYE, NI, pension)"))
    calc_subparsers = parser.add_subparsers(dest="calculation", metavar="CALCULATION", required=True)
    for module_name in CALC_MODULES:
        importlib.import_module(module_name).register(calc_subparsers)
