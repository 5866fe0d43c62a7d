"""Territories (regions, metropolitan cities, comuni, districts...) and their dated links."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from uguaglianza.dates import Period
from uguaglianza.model._base import Named, SourceNote, Stated
from uguaglianza.model._types import TerritorialLinkKind, TerritoryKind, TerritoryRef

__all__ = ["TerritorialLink", "Territory"]


class TerritorialLink(Stated):
    """A territory's membership of a larger one, valid over a period.

    Units change over time (Valsamoggia was formed in 2014), so every link may carry a
    validity period; an open period means "still valid".
    """

    territory: TerritoryRef
    """The larger territory, e.g. the district a comune belongs to."""
    kind: TerritorialLinkKind = "administrative"
    """How the territory belongs: administratively, as part of a socio-health district..."""
    period: Period | None = None
    """When the link holds; absent means always, as far as the document knows."""
    source: SourceNote | None = None


class Territory(Named):
    """A place with a public identity: region, province, comune, district, social area."""

    kind: TerritoryKind
    istat_code: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,9}$")] | None = None
    """ISTAT code as a string of digits, e.g. ``"037006"`` for Bologna.

    Codes of other registers (NUTS, LAU, a foreign statistics office) go in ``identifiers``.
    """
    part_of: tuple[TerritorialLink, ...] = ()
    """The larger territories this one belongs to, each with its kind and period."""
    period: Period | None = None
    """When the territory existed (a comune formed by a merger has a start)."""
