"""Building the coordination graph of a plan document or a landscape.

One pass over the document collects node and edge tuples, then one call adds each to a
``networkx.MultiDiGraph``: the walk costs less than the graph insertion it feeds. Edge
keys are the edge kind, with ``#2``, ``#3``... for repeated edges of one kind between the
same two nodes; they are assigned before any filtering, so a filtered graph keeps the keys
of the full one.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Collection, Iterable
from typing import Any, ParamSpec, TypeAlias, TypeVar

import networkx as nx

from uguaglianza._gc import paused_gc, settle
from uguaglianza.codelists import load_codelist
from uguaglianza.dates import Period
from uguaglianza.graph._nodes import node_attributes, period_span
from uguaglianza.graph.kinds import (
    EFFECT_EDGE_KINDS,
    MILESTONE_EDGE_KINDS,
    PARTY_EDGE_KINDS,
    STEP_EDGE_KINDS,
)
from uguaglianza.model import (
    Act,
    Action,
    Call,
    Fund,
    GovernanceBody,
    Grant,
    Landscape,
    Obligation,
    Opinion,
    Organisation,
    Plan,
    PlanDocument,
    Post,
    Project,
    Relation,
    Service,
    SourceNote,
    Territory,
    Transfer,
)
from uguaglianza.model._resolve import declared_codelist

__all__ = [
    "Attrs",
    "CoordinationGraph",
    "active_on",
    "add_keyed_edges",
    "collector_paused",
    "coordination_graph",
]

#: Attributes of a node or an edge: plain JSON-compatible values, never None.
Attrs: TypeAlias = dict[str, Any]
#: The graph users receive: nodes are entity ids.
CoordinationGraph: TypeAlias = "nx.MultiDiGraph[str]"


_P = ParamSpec("_P")
_R = TypeVar("_R")


def collector_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run *function* with the cyclic garbage collector paused.

    Graphs hold millions of small dicts and tuples, none of them cyclic: while a large
    graph or document is alive, every automatic collection rescans all of it, which makes
    building or copying a graph several times slower for nothing. What the function
    built and kept then moves to the collector's oldest generation (``settle``), so that
    the next automatic collections do not scan it all at once.
    """

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused_gc():
            result = function(*args, **kwargs)
        settle()  # what it built and keeps skips the young generations
        return result

    return wrapper


def active_on(attrs: Attrs, day: str) -> bool:
    """Whether a node or edge with *attrs* is valid on *day* (an ISO date string).

    ``start`` and ``end`` are inclusive ISO dates (a partial date counts from its first
    to its last day), so plain string comparison is date comparison.
    """
    start = attrs.get("start")
    if start is not None and start > day:
        return False
    end = attrs.get("end")
    return end is None or day <= end


def add_keyed_edges(graph: CoordinationGraph, edges: Iterable[tuple[str, str, str, Attrs]]) -> None:
    """Add ``(u, v, key, attributes)`` edges to *graph* in one call."""
    # networkx accepts keyed 4-tuples for multigraphs; its type stubs only list 2 and 3.
    keyed: Iterable[Any] = edges
    graph.add_edges_from(keyed)


def _insert_new_nodes(graph: CoordinationGraph, nodes: Iterable[tuple[str, Attrs]]) -> None:
    """Add nodes whose attribute dicts are new and become the graph's own.

    ``add_nodes_from`` copies each dict twice; a new plain graph is filled the way it
    fills one, in the same order (a node given again has its attributes updated), and
    any other graph goes through ``add_nodes_from``.
    """
    if not _plain_multidigraph(graph):
        graph.add_nodes_from(nodes)
        return
    node: dict[str, Attrs] = graph._node  # type: ignore[attr-defined]
    succ: dict[str, dict[str, Any]] = graph._succ  # type: ignore[attr-defined]
    pred: dict[str, dict[str, Any]] = graph._pred  # type: ignore[attr-defined]
    for n, attrs in nodes:
        known = node.get(n)
        if known is None:
            succ[n] = {}
            pred[n] = {}
            node[n] = attrs
        else:
            known.update(attrs)
    cache = getattr(graph, "__networkx_cache__", None)
    if cache:
        cache.clear()  # what networkx does whenever nodes change


def _insert_new_edges(
    graph: CoordinationGraph, edges: Iterable[tuple[str, str, str, Attrs]]
) -> None:
    """Add keyed edges whose attribute dicts are new and become the graph's own.

    ``add_edges_from`` copies each dict and walks networkx's views to reach it, which
    costs more than gathering the edges. A new graph made with networkx's default dict
    factories is filled the way ``add_edge`` fills it, with the same order of nodes,
    successors and predecessors; any other graph goes through ``add_edges_from``.
    """
    if not _plain_multidigraph(graph):
        add_keyed_edges(graph, edges)
        return
    succ: dict[str, dict[str, dict[str, Attrs]]] = graph._succ  # type: ignore[attr-defined]
    pred: dict[str, dict[str, dict[str, Attrs]]] = graph._pred  # type: ignore[attr-defined]
    add_node = graph.add_node
    for u, v, key, attrs in edges:
        out = succ.get(u)
        if out is None:
            add_node(u)
            out = succ[u]
        keys = out.get(v)
        if keys is None:
            if v not in succ:
                add_node(v)
            keys = out[v] = pred[v][u] = {}
        keys[key] = attrs
    cache = getattr(graph, "__networkx_cache__", None)
    if cache:
        cache.clear()  # what networkx does whenever edges change


def _plain_multidigraph(graph: nx.Graph[str]) -> bool:
    cls = type(graph)
    return (
        cls is nx.MultiDiGraph
        and all(
            getattr(cls, factory, None) is dict
            for factory in (
                "node_dict_factory",
                "adjlist_outer_dict_factory",
                "adjlist_inner_dict_factory",
                "edge_key_dict_factory",
                "edge_attr_dict_factory",
            )
        )
        and isinstance(getattr(graph, "_succ", None), dict)
        and isinstance(getattr(graph, "_pred", None), dict)
    )


def _cited(note: SourceNote | None, fallback: str | None) -> str | None:
    if note is not None and note.document is not None:
        return note.document
    return fallback


def _cited_by(entity: Any) -> str | None:
    note: SourceNote | None = entity.source
    return None if note is None else note.document


class _Edges:
    """Collects edges with their keys and ids, in document order.

    This is the hot loop of the build (one call per edge): each method does its work
    inline rather than through a shared function.
    """

    __slots__ = ("items", "seen")

    def __init__(self) -> None:
        self.items: list[tuple[str, str, str, Attrs]] = []
        self.seen: dict[tuple[str, str, str], int] = {}

    def add(self, u: str, v: str, attrs: Attrs) -> None:
        """Add an edge whose attributes (``kind`` included) are already gathered."""
        kind: str = attrs["kind"]
        triple = (u, v, kind)
        count = self.seen.get(triple)
        if count is None:
            self.seen[triple] = 1
            key = kind
        else:
            self.seen[triple] = count = count + 1
            key = f"{kind}#{count}"
        attrs["id"] = f"{u}|{key}|{v}"
        self.items.append((u, v, key, attrs))

    def simple(self, u: str, v: str, kind: str, origin: str, cited: str | None) -> Attrs:
        """Add an edge with no period; return its attributes for details."""
        triple = (u, v, kind)
        count = self.seen.get(triple)
        if count is None:
            self.seen[triple] = 1
            key = kind
        else:
            self.seen[triple] = count = count + 1
            key = f"{kind}#{count}"
        if cited is None:
            attrs = {"kind": kind, "origin": origin, "id": f"{u}|{key}|{v}"}
        else:
            attrs = {
                "kind": kind,
                "origin": origin,
                "source_document": cited,
                "id": f"{u}|{key}|{v}",
            }
        self.items.append((u, v, key, attrs))
        return attrs

    def dated(
        self,
        u: str,
        v: str,
        kind: str,
        origin: str,
        cited: str | None,
        period: Period | None,
    ) -> Attrs:
        """Add an edge valid over *period*; return its attributes for details."""
        attrs: Attrs = {"kind": kind, "origin": origin}
        if period is not None:
            period_span(period, attrs)
        if cited is not None:
            attrs["source_document"] = cited
        self.add(u, v, attrs)
        return attrs


def _territory(edges: _Edges, item: Territory) -> None:
    cited = _cited_by(item)
    for link in item.part_of:
        attrs = edges.dated(
            item.id, link.territory, "part_of", "territory.part_of", None, link.period
        )
        attrs["link_kind"] = link.kind
        source = _cited(link.source, cited)
        if source is not None:
            attrs["source_document"] = source


def _organisation(edges: _Edges, item: Organisation) -> None:
    cited = _cited_by(item)
    if item.territory is not None:
        edges.simple(item.id, item.territory, "serves", "organisation.territory", cited)
    if item.parent is not None:
        edges.simple(item.id, item.parent, "part_of", "organisation.parent", cited)
    for other in item.acts_for:
        edges.simple(item.id, other, "acts_for", "organisation.acts_for", cited)


def _post(edges: _Edges, item: Post) -> None:
    cited = _cited_by(item)
    edges.simple(item.id, item.organisation, "post_of", "post.organisation", cited)
    if item.holder is not None:
        edges.dated(item.holder, item.id, "holds", "post.holder", cited, item.period)


def _body(edges: _Edges, item: GovernanceBody) -> None:
    body, cited = item.id, _cited_by(item)
    if item.territory is not None:
        edges.simple(body, item.territory, "covers", "body.territory", cited)
    if item.convener is not None:
        edges.simple(item.convener, body, "convenes", "body.convener", cited)
    if item.chair is not None:
        edges.simple(item.chair, body, "chairs", "body.chair", cited)
    if item.parent is not None:
        edges.simple(body, item.parent, "part_of", "body.parent", cited)
    for seat in item.members:
        if seat.member is None:  # seats counted by category, with no one named
            continue
        attrs = edges.dated(seat.member, body, "member_of", "body.members", cited, seat.period)
        attrs["role"] = seat.role
        if seat.represents is not None:
            attrs["represents"] = seat.represents
            sits = edges.dated(
                seat.member,
                seat.represents,
                "represents",
                "body.members.represents",
                cited,
                seat.period,
            )
            sits["body"] = body
    for meeting in item.meetings:
        when: Attrs = {}
        if meeting.date is not None:
            when["start"] = meeting.date.earliest().isoformat()
        source = _cited(meeting.source, cited)
        extra = {"meeting": meeting.id, **when}
        for who in meeting.participants:
            attrs = {"kind": "participates_in", "origin": "body.meetings.participants", **extra}
            edges.add(who, body, _with_source(attrs, source))
        for item_ in meeting.agenda:
            for topic in (item_.plan, item_.act):
                if topic is not None:
                    attrs = {"kind": "discusses", "origin": "body.meetings.agenda", **extra}
                    edges.add(body, topic, _with_source(attrs, source))
        if meeting.convened_by is not None:
            attrs = {"kind": "convenes", "origin": "body.meetings.convened_by", **extra}
            edges.add(meeting.convened_by, body, _with_source(attrs, source))


def _with_source(attrs: Attrs, source: str | None) -> Attrs:
    if source is not None:
        attrs["source_document"] = source
    return attrs


def _plan(edges: _Edges, plan: Plan) -> None:
    cited = _cited_by(plan)
    if plan.owner is not None:
        edges.simple(plan.owner, plan.id, "owns", "plan.owner", cited)
    for territory in plan.scope:
        edges.simple(plan.id, territory, "covers", "plan.scope", cited)
    for area in plan.areas:
        edges.simple(area.id, plan.id, "in_plan", "plan.areas", _cited_by(area) or cited)
    for milestone in plan.milestones:
        if milestone.body is None:
            continue
        kind = MILESTONE_EDGE_KINDS.get(milestone.kind, "discusses")
        attrs: Attrs = {"kind": kind, "origin": "plan.milestones.body"}
        attrs["milestone"] = milestone.kind
        if milestone.date is not None:
            attrs["start"] = milestone.date.earliest().isoformat()
        if milestone.planned:
            attrs["planned"] = True
        edges.add(milestone.body, plan.id, _with_source(attrs, _cited(milestone.source, cited)))
    for link in plan.links:
        attrs = {"kind": link.kind, "origin": "plan.links"}
        if link.date is not None:
            attrs["start"] = link.date.earliest().isoformat()
        edges.add(plan.id, link.plan, _with_source(attrs, _cited(link.source, cited)))
    for contribution in plan.contributors:
        attrs = edges.simple(
            contribution.actor,
            plan.id,
            "contributes_to",
            "plan.contributors",
            _cited(contribution.source, cited),
        )
        attrs["role"] = contribution.role
    for action in plan.actions:
        _action(edges, action, plan.id, cited)


def _action(edges: _Edges, item: Action, plan: str, plan_cited: str | None) -> None:
    action = item.id
    cited = _cited_by(item) or plan_cited
    edges.simple(action, plan, "in_plan", "plan.actions", cited)
    if item.lead is not None:
        edges.simple(item.lead, action, "lead_of", "action.lead", cited)
    for partner in item.partners:
        edges.simple(partner, action, "partner_of", "action.partners", cited)
    for area in item.areas:
        edges.simple(action, area, "in_area", "action.areas", cited)
    if item.parent is not None:
        edges.simple(action, item.parent, "details", "action.parent", cited)
    for territory in item.territories:
        edges.simple(action, territory, "covers", "action.territories", cited)
    for source in item.funding:
        edges.simple(source, action, "funds", "action.funding", cited)
    if item.origin is not None:
        edges.simple(action, item.origin, "comes_from", "action.origin", cited)


def _act(edges: _Edges, item: Act) -> None:
    act, cited = item.id, _cited_by(item)
    day = None if item.date is None else item.date.earliest().isoformat()
    if item.issuer is not None:
        edges.simple(item.issuer, act, "issues", "act.issuer", cited)
    for signatory in item.signatories:
        edges.simple(signatory, act, "signs", "act.signatories", cited)
    for addressee in item.addressees:
        edges.simple(act, addressee, "addresses", "act.addressees", cited)
    attrs: Attrs
    for party in item.parties:
        kind = PARTY_EDGE_KINDS.get(party.role, "party_to")
        attrs = {"kind": kind, "origin": "act.parties", "role": party.role}
        when = party.date.earliest().isoformat() if party.date is not None else day
        if when is not None:
            attrs["start"] = when
        if party.through is not None:
            attrs["through"] = party.through
        edges.add(party.party, act, _with_source(attrs, _cited(party.source, cited)))
    for step in item.steps:
        if step.by is None:
            continue
        attrs = {"kind": STEP_EDGE_KINDS.get(step.step, "acts_on"), "origin": "act.steps.by"}
        attrs["step"] = step.step
        if step.date is not None:
            attrs["start"] = step.date.earliest().isoformat()
        edges.add(step.by, act, _with_source(attrs, _cited(step.source, cited)))
    for effect in item.effects:
        kind = EFFECT_EDGE_KINDS.get(effect.effect, effect.effect)
        attrs = {"kind": kind, "origin": "act.effects"}
        start = day if effect.date is None else effect.date.earliest().isoformat()
        if start is not None:
            attrs["start"] = start
        if effect.planned:
            attrs["planned"] = True
        edges.add(act, effect.target, _with_source(attrs, cited))


def _opinion(edges: _Edges, item: Opinion) -> None:
    if item.by is None:
        return
    attrs: Attrs = {"kind": "gives_opinion_on", "origin": "opinion", "opinion": item.id}
    if item.date is not None:
        attrs["start"] = item.date.earliest().isoformat()
    if item.outcome is not None:
        attrs["outcome"] = item.outcome
    if item.planned:
        attrs["planned"] = True
    edges.add(item.by, item.on, _with_source(attrs, _cited_by(item)))


def _obligation(edges: _Edges, item: Obligation) -> None:
    if item.bearer is None or item.subject is None:
        return
    attrs: Attrs = {"kind": "obliged_to", "origin": "obligation", "obligation": item.id}
    attrs["duty"] = item.kind
    if item.due is not None:
        attrs["due"] = item.due.latest().isoformat()
    edges.add(item.bearer, item.subject, _with_source(attrs, _cited_by(item)))


def _transfer(edges: _Edges, item: Transfer) -> None:
    cited = _cited_by(item)
    chain = (item.payer, *item.via, item.payee)
    for payer, payee in itertools.pairwise(chain):
        attrs = edges.dated(payer, payee, "pays", "transfer", cited, item.period)
        attrs["transfer"] = item.id
        if item.grant is not None:
            attrs["grant"] = item.grant
        if item.amount is not None:
            attrs["amount"] = str(item.amount.amount)
            attrs["currency"] = item.amount.currency
    if item.purpose is not None:
        attrs = edges.dated(item.payee, item.purpose, "funds", "transfer.purpose", cited, None)
        attrs["transfer"] = item.id


def _funding(
    edges: _Edges, funds: Iterable[Fund], calls: Iterable[Call], grants: Iterable[Grant]
) -> None:
    for fund in funds:
        if fund.managing_authority is not None:
            edges.simple(
                fund.managing_authority,
                fund.id,
                "manages",
                "fund.managing_authority",
                _cited_by(fund),
            )
    for call in calls:
        cited = _cited_by(call)
        if call.fund is not None:
            edges.simple(call.fund, call.id, "funds", "call.fund", cited)
        if call.issuer is not None:
            edges.simple(call.issuer, call.id, "issues", "call.issuer", cited)
        if call.act is not None:
            edges.simple(call.act, call.id, "launches", "call.act", cited)
    for grant in grants:
        cited = _cited_by(grant)
        if grant.call is not None:
            edges.simple(grant.call, grant.id, "funds", "grant.call", cited)
        if grant.fund is not None:
            edges.simple(grant.fund, grant.id, "funds", "grant.fund", cited)
        if grant.recipient is not None:
            edges.simple(grant.id, grant.recipient, "awarded_to", "grant.recipient", cited)
        if grant.project is not None:
            edges.simple(grant.id, grant.project, "funds", "grant.project", cited)
        if grant.decision is not None:
            edges.simple(grant.decision, grant.id, "admits_to_funding", "grant.decision", cited)
        for share in grant.co_financing:
            attrs = edges.simple(share.funder, grant.id, "co_finances", "grant.co_financing", cited)
            if share.share is not None:
                attrs["share"] = str(share.share)


def _project(edges: _Edges, item: Project) -> None:
    project, cited = item.id, _cited_by(item)
    if item.lead is not None:
        edges.simple(item.lead, project, "lead_of", "project.lead", cited)
    for partner in item.partners:
        attrs: Attrs = {"kind": "partner_of", "origin": "project.partners"}
        if partner.joined is not None:
            attrs["start"] = partner.joined.earliest().isoformat()
        if partner.status is not None:
            attrs["status"] = partner.status
        if partner.role is not None:
            attrs["role"] = partner.role
        if partner.through is not None:
            attrs["through"] = partner.through
        edges.add(partner.member, project, _with_source(attrs, cited))
        if partner.through is not None:
            agency: Attrs = {"kind": "acts_for", "origin": "project.partners.through"}
            agency["project"] = project
            edges.add(partner.through, partner.member, _with_source(agency, cited))
    for territory in item.territories:
        edges.simple(project, territory, "covers", "project.territories", cited)
    if item.plan is not None:
        edges.simple(project, item.plan, "implements", "project.plan", cited)


def _service(edges: _Edges, item: Service) -> None:
    service, cited = item.id, _cited_by(item)
    for tenure in item.operators:
        source = _cited(tenure.source, cited)
        edges.dated(
            tenure.operator, service, "operates", "service.operators", source, tenure.period
        )
    for territory in item.territories:
        edges.simple(service, territory, "covers", "service.territories", cited)
    for link in item.networks:
        source = _cited(link.source, cited)
        edges.dated(service, link.network, "member_of", "service.networks", source, link.period)
    if item.project is not None:
        edges.simple(item.project, service, "supports", "service.project", cited)


def _relations(
    edges: _Edges, relations: Iterable[Relation], nodes: Collection[str], mutual: Collection[str]
) -> int:
    skipped = 0
    for relation in relations:
        subject, target = relation.subject, relation.target
        if subject not in nodes or target not in nodes:
            skipped += 1
            continue
        note = relation.source
        cited = None if note is None else note.document
        if relation.period is None:
            attrs = edges.simple(subject, target, relation.kind, "relation", cited)
        else:
            attrs = edges.dated(subject, target, relation.kind, "relation", cited, relation.period)
        if relation.id is not None:
            attrs["relation"] = relation.id
        if relation.kind in mutual:
            attrs["mutual"] = True
    return skipped


def _mutual_kinds() -> frozenset[str]:
    """Relation kinds read both ways (``directed: false`` in the shipped codelist)."""
    codes = load_codelist("relation_kinds")
    return frozenset(code.code for code in codes if code.extra.get("directed") is False)


def _broader_kinds(doc: PlanDocument | Landscape, nodes: list[tuple[str, Attrs]]) -> None:
    """Give territory and service nodes the broader codes of their kinds.

    Analyses then treat a node by its meaning: a declared ``municipio`` whose broader code
    is ``municipality`` counts wherever municipalities do, like a ``comune``; a
    ``casa_rifugio`` counts as a ``shelter``. ``territory_broader`` and ``service_broader``
    hold the broader codes, ``service_offers`` what a service offers with their broader
    codes, comma-separated.
    """
    lists = {
        name: declared_codelist(name, doc.codelists.get(name, ()))
        for name in ("territory_kinds", "service_kinds")
    }
    lineages: dict[tuple[str, str], tuple[str, ...]] = {}

    def lineage(name: str, code: str) -> tuple[str, ...]:
        found = lineages.get((name, code))
        if found is None:
            found = lineages[name, code] = lists[name].lineage(code)
        return found

    for _, attrs in nodes:
        node_kind = attrs["kind"]
        if node_kind == "territory" and "territory_kind" in attrs:
            broader = lineage("territory_kinds", attrs["territory_kind"])[1:]
            if broader:
                attrs["territory_broader"] = ",".join(broader)
        elif node_kind == "service" and "service_kind" in attrs:
            broader = lineage("service_kinds", attrs["service_kind"])[1:]
            if broader:
                attrs["service_broader"] = ",".join(broader)
            offers = attrs.get("service_offers")
            if offers:
                codes = (
                    code
                    for offer in offers.split(",")
                    for code in lineage("service_kinds", offer) or (offer,)
                )
                attrs["service_offers"] = ",".join(dict.fromkeys(codes))


def _collect(doc: PlanDocument | Landscape) -> tuple[list[tuple[str, Attrs]], _Edges, int]:
    plans = doc.plans_list()
    nodes: list[tuple[str, Attrs]] = []
    for kind, items in (
        ("territory", doc.territories),
        ("organisation", doc.organisations),
        ("person", doc.persons),
        ("post", doc.posts),
        ("body", doc.bodies),
        ("act", doc.acts),
        ("fund", doc.funds),
        ("call", doc.calls),
        ("grant", doc.grants),
        ("project", doc.projects),
        ("service", doc.services),
    ):
        nodes.extend((item.id, node_attributes(kind, item)) for item in items)
    _broader_kinds(doc, nodes)
    for plan in plans:
        nodes.append((plan.id, node_attributes("plan", plan)))
        nodes.extend((area.id, node_attributes("area", area, plan.id)) for area in plan.areas)
        nodes.extend(
            (action.id, node_attributes("action", action, plan.id)) for action in plan.actions
        )

    edges = _Edges()
    for territory in doc.territories:
        _territory(edges, territory)
    for organisation in doc.organisations:
        _organisation(edges, organisation)
    for post in doc.posts:
        _post(edges, post)
    for body in doc.bodies:
        _body(edges, body)
    for plan in plans:
        _plan(edges, plan)
    for act in doc.acts:
        _act(edges, act)
    _funding(edges, doc.funds, doc.calls, doc.grants)
    for project in doc.projects:
        _project(edges, project)
    for service in doc.services:
        _service(edges, service)
    for opinion in doc.opinions:
        _opinion(edges, opinion)
    for obligation in doc.obligations:
        _obligation(edges, obligation)
    for transfer in doc.transfers:
        _transfer(edges, transfer)
    ids = {node for node, _ in nodes}
    skipped = _relations(edges, doc.relations, ids, _mutual_kinds())
    return nodes, edges, skipped


@collector_paused
def coordination_graph(
    doc: PlanDocument | Landscape,
    *,
    as_of: dt.date | None = None,
    kinds: Iterable[str] | None = None,
) -> CoordinationGraph:
    """The coordination graph of *doc*: entities as nodes, every tie between them as an edge.

    Args:
        doc: a validated plan document or landscape.
        as_of: keep only the nodes and edges valid on this date.
        kinds: keep only edges of these kinds (every node stays).

    Returns:
        A new ``networkx.MultiDiGraph`` whose attributes are plain JSON values.
    """
    nodes, edges, skipped = _collect(doc)
    day = None if as_of is None else as_of.isoformat()
    wanted = None if kinds is None else frozenset(kinds)
    graph: CoordinationGraph = nx.MultiDiGraph()
    graph.graph["document"] = doc.id
    if doc.name is not None:
        graph.graph["name"] = doc.name
    if skipped:
        graph.graph["skipped_relations"] = skipped
    if day is not None:
        graph.graph["as_of"] = day
        nodes = [node for node in nodes if active_on(node[1], day)]
    if wanted is not None:
        graph.graph["kinds"] = ",".join(sorted(wanted))
    _insert_new_nodes(graph, nodes)  # the attribute dicts were made for this graph
    items = edges.items
    if day is not None or wanted is not None:
        present = {node for node, _ in nodes}
        items = [
            item
            for item in items
            if (wanted is None or item[3]["kind"] in wanted)
            and item[0] in present
            and item[1] in present
            and (day is None or active_on(item[3], day))
        ]
    _insert_new_edges(graph, items)  # the attribute dicts were made for this graph
    return graph
