"""Funding flows: who each payer's money reaches, and along which chain.

A *payer* is a fund, an organisation that co-finances a grant, or the first payer of a
transfer that no grant pays for. Money flows along ``funds`` edges (fund → call → grant →
project or action), ``awarded_to`` (grant → recipient) and ``co_finances`` (co-funder →
grant). A transfer pays, link by link, from its payer through its intermediaries (``via``)
to its payee, then to its purpose; a transfer that names its grant continues that grant's
flow, so a lead that passes part of a grant on to a partner is followed to the partner.
A fund that is the payee of transfers reaches what those transfers are for (its own
money is what is paid into it), as well as what it funds directly.
A funded project or action answers for the money through its lead (``lead``); its
partners, and the agencies they act through, are linked through the project or action
itself (``partner``, ``through``), not through the lead, so that a lead's departure is no
invented single point of failure of the partnership.

Each flow is a breadth-first walk over an index of the money edges built once per call,
so the work grows with what the money reaches, never with funds times graph size.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import attrs

from uguaglianza.graph._access import adjacency, edges_by_kind, node_kinds
from uguaglianza.graph.analysis._common import NodeRef, node_ref, preview
from uguaglianza.graph.build import CoordinationGraph, collector_paused
from uguaglianza.tables import Tabular

__all__ = ["FundReach", "Funded", "FundingLinks", "funding_links"]

_FLOWS = frozenset({"funds", "awarded_to", "co_finances"})
_UNDERTAKINGS = frozenset({"project", "action"})
_PAYERS = ("fund", "co_financer", "transfer_payer")


@attrs.frozen(slots=True)
class Funded:
    """Something a payer's money reaches, with the chain from the payer to it.

    Attributes:
        node: what the money reaches.
        chain: node ids from the payer to *node*.
        how: the last link: ``funds``, ``awarded_to``, ``co_finances``, ``pays`` (a
            transfer, ``via`` an intermediary or to its payee), ``purpose`` (what a
            transfer is for), ``lead``, ``partner`` or ``through`` (a partner's agency).
    """

    node: NodeRef
    chain: tuple[str, ...]
    how: str

    def __str__(self) -> str:
        return f"{' → '.join(self.chain)} ({self.how})"

    def to_dict(self) -> dict[str, Any]:
        """The link as a JSON-compatible mapping."""
        return {"node": self.node.to_dict(), "chain": list(self.chain), "how": self.how}


@attrs.frozen(slots=True)
class FundReach:
    """Everything one payer's money reaches.

    Attributes:
        fund: the payer: a fund, or an organisation that co-finances or transfers money.
        payer_kind: ``fund``, ``co_financer`` or ``transfer_payer``.
        reached: what its money reaches, nearest first.
    """

    fund: NodeRef
    reached: tuple[Funded, ...]
    payer_kind: str = "fund"

    def ids(self) -> frozenset[str]:
        """The ids of everything the payer's money reaches."""
        return frozenset(item.node.id for item in self.reached)

    def __str__(self) -> str:
        return f"{self.fund.id} → {len(self.reached)}"

    def to_dict(self) -> dict[str, Any]:
        """The reach as a JSON-compatible mapping."""
        return {
            "fund": self.fund.to_dict(),
            "payer_kind": self.payer_kind,
            "reached": [item.to_dict() for item in self.reached],
        }


@attrs.frozen(slots=True, repr=False)
class FundingLinks(Tabular):
    """For each payer of the graph (funds first), what its money reaches."""

    funds: tuple[FundReach, ...]

    def reached(self, fund: str) -> frozenset[str]:
        """The ids of everything *fund*'s money reaches (empty for an unknown payer)."""
        return next((item.ids() for item in self.funds if item.fund.id == fund), frozenset())

    def linked(self, fund: str, node: str) -> bool:
        """Whether *fund*'s money reaches *node*."""
        return node in self.reached(fund)

    def __repr__(self) -> str:
        return f"FundingLinks({preview(self.funds)})"

    def to_dict(self) -> dict[str, Any]:
        """The links as a JSON-compatible mapping."""
        return {"funds": [item.to_dict() for item in self.funds]}


class _Money:
    """The money edges of a graph, indexed once: what every walk follows.

    The edges are read from :func:`edges_by_kind`, which the other analyses of the same
    graph share, and only the out-edges of the nodes money flows from are read again.
    """

    def __init__(self, graph: CoordinationGraph) -> None:
        self.kind = node_kinds(graph)
        self.flows: dict[str, list[tuple[str, str]]] = {}
        self._graph = graph
        succ = adjacency(graph, "succ")
        self._pred = adjacency(graph, "pred")
        self._position: dict[str, int] = {}  # each node's place in graph order, when needed
        self._undertakings: dict[str, tuple[list[str], list[tuple[str, str | None]]]] = {}
        self.steps: dict[tuple[str, str], list[str]] = {}  # (transfer, payer) → next
        self.purpose: dict[str, list[str]] = {}  # transfer → what it is for
        self.spent: dict[str, list[str]] = {}  # payee → what the transfers it receives are for
        self.grant_of: dict[str, str] = {}  # transfer → the grant it pays out
        self.transfers_of: dict[str, list[str]] = {}  # payer or grant → transfers it starts
        self.co_financers: list[str] = []
        received: set[tuple[str, str]] = set()
        first: dict[str, list[str]] = {}
        by_kind = edges_by_kind(graph)  # shared with the other analyses of the graph
        starts: dict[str, None] = {}
        for kind in sorted(_FLOWS):
            for u, v, data in by_kind.get(kind, ()):
                transfer = data.get("transfer")
                if kind == "funds" and isinstance(transfer, str):
                    self.purpose.setdefault(transfer, []).append(v)
                    self.spent.setdefault(u, []).append(v)  # drawn from the transfer's payee
                    continue
                starts[u] = None
                if kind == "co_finances" and self.kind.get(u) != "fund":
                    self.co_financers.append(u)
        for u in starts:  # each node's flows in graph order, whatever their kind
            self.flows[u] = [
                (v, kind)
                for v, keyed in succ[u].items()
                for data in keyed.values()
                if (kind := str(data.get("kind"))) in _FLOWS
                and not (kind == "funds" and isinstance(data.get("transfer"), str))
            ]
        for u, v, data in by_kind.get("pays", ()):
            transfer = data.get("transfer")
            if isinstance(transfer, str):
                self.steps.setdefault((transfer, u), []).append(v)
                received.add((transfer, v))
                first.setdefault(transfer, []).append(u)
                grant = data.get("grant")
                if isinstance(grant, str) and grant in graph:
                    self.grant_of[transfer] = grant
        for transfer, payers in first.items():
            for payer in dict.fromkeys(payers):
                if (transfer, payer) in received:
                    continue  # an intermediary, not where the money starts
                owner = self.grant_of.get(transfer, payer)
                self.transfers_of.setdefault(owner, []).append(transfer)
                self.steps.setdefault((transfer, owner), [])
                if owner != payer:  # the grant's money starts at the transfer's payer
                    self.steps[transfer, owner].append(payer)
        self.co_financers = list(dict.fromkeys(self.co_financers))

    def payers(self) -> list[tuple[str, str]]:
        """Every payer and its kind: funds, co-financers, payers of grant-free transfers."""
        found = {node: "fund" for node, kind in self.kind.items() if kind == "fund"}
        for node in self.co_financers:
            found.setdefault(node, "co_financer")
        for owner in self.transfers_of:
            if self.kind.get(owner) != "grant":
                found.setdefault(owner, "transfer_payer")
        return sorted(found.items(), key=lambda item: (_PAYERS.index(item[1]), item[0]))

    def undertaking(self, node: str) -> tuple[list[str], list[tuple[str, str | None]]]:
        """The leads of the project or action *node*, and its partners with their agencies.

        Read from the edges reaching *node*, once, when money first reaches it: so the
        work grows with what the money reaches, not with every lead in the graph.
        """
        found = self._undertakings.get(node)
        if found is not None:
            return found
        graph = self._graph
        sources = list(self._pred[node].items())
        if len(sources) > 1:  # in graph order, as the edges are everywhere else
            if not self._position:
                self._position = {other: i for i, other in enumerate(graph)}
            sources.sort(key=lambda item: self._position[item[0]])
        leads: list[str] = []
        partners: list[tuple[str, str | None]] = []
        for u, keyed in sources:
            for data in keyed.values():
                kind = data.get("kind")
                if kind == "lead_of":
                    leads.append(u)
                elif kind == "partner_of":
                    through = data.get("through")
                    agency = through if isinstance(through, str) and through in graph else None
                    partners.append((u, agency))
        found = self._undertakings[node] = (leads, partners)
        return found

    def flow(self, root: str) -> dict[str, tuple[str | None, str]]:
        """Breadth-first from *root*: for each node reached, where it came from and how."""
        came: dict[str, tuple[str | None, str]] = {root: (None, "")}
        queue = deque([root])

        def reach(node: str, previous: str, how: str) -> None:
            if node not in came:
                came[node] = (previous, how)
                queue.append(node)

        while queue:
            node = queue.popleft()
            for target, how in self.flows.get(node, ()):
                if how != "co_finances" or node == root:  # a co-funder pays its own share
                    reach(target, node, how)
            if node == root and self.kind.get(node) == "fund":  # what is paid into it
                for purpose in self.spent.get(node, ()):
                    reach(purpose, node, "purpose")
            if node == root or self.kind.get(node) == "grant":  # whose money it is
                for transfer in self.transfers_of.get(node, ()):
                    self._transfer(transfer, node, reach)
            if self.kind.get(node) in _UNDERTAKINGS:
                leads, partners = self.undertaking(node)
                for lead in leads:
                    reach(lead, node, "lead")
                for partner, agency in partners:
                    reach(partner, node, "partner")
                    if agency is not None:
                        reach(agency, partner, "through")
        return came

    def _transfer(self, transfer: str, start: str, reach: Any) -> None:
        """Follow *transfer* from *start* link by link, then to its purpose."""
        order = [start]
        seen = {start}
        for payer in order:
            for payee in self.steps.get((transfer, payer), ()):
                if payee not in seen:
                    seen.add(payee)
                    order.append(payee)
                    reach(payee, payer, "pays")
        last = order[-1]
        for purpose in self.purpose.get(transfer, ()):
            reach(purpose, last, "purpose")


@collector_paused
def funding_links(graph: CoordinationGraph) -> FundingLinks:
    """What the money of every payer in *graph* reaches (see the module's description)."""
    money = _Money(graph)
    refs: dict[str, NodeRef] = {}

    def ref(node: str) -> NodeRef:
        found = refs.get(node)
        if found is None:
            found = refs[node] = node_ref(graph, node)
        return found

    result = []
    for root, payer_kind in money.payers():
        came = money.flow(root)
        chains: dict[str, tuple[str, ...]] = {root: (root,)}
        reached = []
        for node, (previous, how) in came.items():
            if previous is None:
                continue
            chains[node] = chain = (*chains[previous], node)
            reached.append(Funded(ref(node), chain, how))
        result.append(FundReach(ref(root), tuple(reached), payer_kind))
    return FundingLinks(tuple(result))
