"""Money over time: amounts by year, co-financing shares, and transfers through intermediaries."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, WithJsonSchema

from uguaglianza.dates import PartialDate, Period
from uguaglianza.model._base import Entity, Money, Quantity, SourceNote, Stated
from uguaglianza.model._types import ActRef, AnyRef, GrantRef, PayerRef

__all__ = ["CoFinancing", "Transfer", "YearlyAmount"]

Year = Annotated[int, Field(ge=1800, le=2300)]

#: A percentage from 0 to 100, exact; the schema states the bounds for other validators.
Percentage = Annotated[
    Quantity,
    Field(ge=0, le=100),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?)$"},
                {"type": "number", "minimum": 0, "maximum": 100},
            ],
            "description": "A percentage from 0 to 100, preferably written as a string.",
        }
    ),
]


class YearlyAmount(Stated):
    """The part of an amount that falls in one year (a budget or grant split by year)."""

    year: Year
    amount: Money
    planned: bool = False
    """The amount is foreseen (budgeted), not yet spent or paid."""
    note: str | None = None
    source: SourceNote | None = None


class CoFinancing(Stated):
    """One funder's share of a co-financed amount: its money, its percentage, or both."""

    funder: PayerRef
    amount: Money | None = None
    share: Percentage | None = None
    """Percentage of the total, from 0 to 100."""
    note: str | None = None
    source: SourceNote | None = None


class Transfer(Entity):
    """Money paid by one party to another, possibly through intermediaries.

    ``via`` lists who passes the money on, in order: a region funds a district, which
    pays the anti-violence centre. Funding analyses follow the chain to who pays whom.
    """

    payer: PayerRef
    payee: PayerRef
    via: tuple[PayerRef, ...] = ()
    """Intermediaries the money passes through, from the payer's side to the payee's."""
    amount: Money | None = None
    by_year: tuple[YearlyAmount, ...] = ()
    period: Period | None = None
    date: PartialDate | None = None
    purpose: AnyRef | None = None
    """What the money is for: a service, project, action, plan or body."""
    grant: GrantRef | None = None
    """The grant the money comes from, when it is one."""
    act: ActRef | None = None
    """The act deciding or recording the transfer."""
