"""The pages of the main window, in the order the navigation list shows them.

Each entry is "module:Class" so adding a page is one line here; the class is imported when the
window starts. Page names are stable: `--page NAME` and "go there" buttons use them.
"""

from __future__ import annotations

import importlib

PAGES: list[str] = [
    "paemployer.ui.home.page:HomePage",
    "paemployer.ui.rota.page:RotaPage",
    "paemployer.ui.pay.page:PayPage",
    "paemployer.ui.tax.page:HmrcPage",
    "paemployer.ui.pas.page:PAsPage",
    "paemployer.ui.cover.page:CoverPage",
    "paemployer.ui.employer.page:EmployerPage",
]


def page_classes() -> list[type]:
    classes = []
    for entry in PAGES:
        module_name, class_name = entry.split(":")
        classes.append(getattr(importlib.import_module(module_name), class_name))
    return classes


def page_names() -> list[str]:
    return [page_class.name for page_class in page_classes()]
