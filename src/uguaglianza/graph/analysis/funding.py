"""Funding links: who each fund's money reaches, and along which chain.

Money flows along ``funds`` edges (fund → call → grant → project or action) and
``awarded_to`` edges (grant → recipient). A funded project or action passes it on to its
lead; its partners, and the agencies they act through, are linked to the fund only
*through the lead*: a grant is awarded to the lead applicant (capofila), who answers for
the partnership. A project that has lost its lead leaves its partners without a link.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import attrs

from uguaglianza.graph._access import node_kinds, out_kinds
from uguaglianza.graph.analysis._common import NodeRef, node_ref, preview
from uguaglianza.graph.build import CoordinationGraph, collector_paused

__all__ = ["FundReach", "Funded", "FundingLinks", "funding_links"]

_MONEY = frozenset({"funds", "awarded_to"})
_UNDERTAKINGS = frozenset({"project", "action"})


@attrs.frozen(slots=True)
class Funded:
    """Something a fund's money reaches, with the chain from the fund to it.

    Attributes:
        node: what the money reaches.
        chain: node ids from the fund to *node*.
        lead: for a partner (or its agency), the lead it is linked through.
    """

    node: NodeRef
    chain: tuple[str, ...]
    lead: str | None = None

    def __str__(self) -> str:
        text = " → ".join(self.chain)
        return text + (f" (through lead {self.lead})" if self.lead else "")

    def to_dict(self) -> dict[str, Any]:
        """The link as a JSON-compatible mapping."""
        return {"node": self.node.to_dict(), "chain": list(self.chain), "lead": self.lead}


@attrs.frozen(slots=True)
class FundReach:
    """Everything one fund reaches."""

    fund: NodeRef
    reached: tuple[Funded, ...]

    def ids(self) -> frozenset[str]:
        """The ids of everything the fund reaches."""
        return frozenset(item.node.id for item in self.reached)

    def __str__(self) -> str:
        return f"{self.fund.id} → {len(self.reached)}"

    def to_dict(self) -> dict[str, Any]:
        """The reach as a JSON-compatible mapping."""
        return {"fund": self.fund.to_dict(), "reached": [item.to_dict() for item in self.reached]}


@attrs.frozen(slots=True, repr=False)
class FundingLinks:
    """For each fund of the graph, what its money reaches."""

    funds: tuple[FundReach, ...]

    def reached(self, fund: str) -> frozenset[str]:
        """The ids of everything *fund* reaches (empty for an unknown fund)."""
        return next((item.ids() for item in self.funds if item.fund.id == fund), frozenset())

    def linked(self, fund: str, node: str) -> bool:
        """Whether *fund*'s money reaches *node*."""
        return node in self.reached(fund)

    def __repr__(self) -> str:
        return f"FundingLinks({preview(self.funds)})"

    def to_dict(self) -> dict[str, Any]:
        """The links as a JSON-compatible mapping."""
        return {"funds": [item.to_dict() for item in self.funds]}


def _flow(
    graph: CoordinationGraph, kinds: dict[str, str], fund: str
) -> tuple[dict[str, str | None], dict[str, str]]:
    """Breadth-first along the money: where each node came from, and partners' leads."""
    came_from: dict[str, str | None] = {fund: None}
    leads_of: dict[str, str] = {}
    queue = deque([fund])

    def reach(node: str, previous: str, lead: str | None = None) -> None:
        if node not in came_from:
            came_from[node] = previous
            queue.append(node)
            if lead is not None:
                leads_of[node] = lead

    while queue:
        node = queue.popleft()
        for target, kind in out_kinds(graph, node):
            if kind in _MONEY:
                reach(target, node)
        if kinds.get(node) not in _UNDERTAKINGS:
            continue
        roles = [(source, data) for source, _, data in graph.in_edges(node, data=True)]
        leads = [source for source, data in roles if data.get("kind") == "lead_of"]
        for lead in leads:
            reach(lead, node)
        if not leads:
            continue
        for source, data in roles:
            if data.get("kind") == "partner_of":
                reach(source, node, leads[0])
                through = data.get("through")
                if isinstance(through, str) and through in graph:
                    reach(through, source, leads[0])
    return came_from, leads_of


@collector_paused
def funding_links(graph: CoordinationGraph) -> FundingLinks:
    """What the money of every fund in *graph* reaches (see the module's description)."""
    kinds = node_kinds(graph)
    result = []
    for fund in (node for node, kind in kinds.items() if kind == "fund"):
        came_from, leads_of = _flow(graph, kinds, fund)
        reached = []
        for node in came_from:
            if node == fund:
                continue
            chain = [node]
            previous = came_from[node]
            while previous is not None:
                chain.append(previous)
                previous = came_from[previous]
            chain.reverse()
            reached.append(Funded(node_ref(graph, node), tuple(chain), leads_of.get(node)))
        result.append(FundReach(node_ref(graph, fund), tuple(reached)))
    return FundingLinks(tuple(result))
