"""Stored rows as plain frozen values, for the screens and anything else outside a transaction.

`frozen(row)` copies a row's fields into a frozen dataclass made once per table, with the same field
names and the table's own properties (a PA's `full_name`), so code reading `pa.first_name` reads the
same. Nothing holding one can change the file by accident or needs a live session to read it;
changes go back through a service. Services keep using rows inside their own transactions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, make_dataclass
from functools import cache
from typing import Any

from sqlmodel import SQLModel

from paemployer.store import models


@cache
def value_class(model: type[SQLModel]) -> type:
    """The frozen dataclass for one table: its fields (same names and types) and its properties."""
    fields = [(name, info.annotation) for name, info in model.model_fields.items()]
    properties = {name: member for name, member in vars(model).items() if isinstance(member, property)}
    return make_dataclass(
        model.__name__, fields, frozen=True,
        namespace=properties | {"__module__": __name__,
                                "__doc__": f"A {model.__name__} record as a plain value (services/values.py)."},
    )


def frozen(row: SQLModel) -> Any:
    """A row's current values as its table's frozen dataclass (read inside the session, after a flush)."""
    model = type(row)
    return value_class(model)(**{name: getattr(row, name) for name in model.model_fields})


def frozen_all(rows: Iterable[SQLModel]) -> list[Any]:
    return [frozen(row) for row in rows]


def as_dict(value: Any) -> dict[str, Any]:
    """A value's fields by name, for example to start a form from a record's current values."""
    return asdict(value)


# The values the record services return, by the name of their table.
Employer = value_class(models.Employer)
PA = value_class(models.PA)
ContractTerms = value_class(models.ContractTerms)
Training = value_class(models.Training)
Reference = value_class(models.Reference)
CoverContact = value_class(models.CoverContact)
ContingencyStep = value_class(models.ContingencyStep)
AuditEntry = value_class(models.AuditEntry)
PayRunRecord = value_class(models.PayRun)
PayRunLineRecord = value_class(models.PayRunLine)
HmrcPaymentRecord = value_class(models.HmrcPayment)
