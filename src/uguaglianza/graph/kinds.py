"""What the coordination graph is made of: node kinds and the catalogue of edge kinds.

Every edge reads ``source KIND target`` ("org-cm lead_of azione-1"). Its ``origin`` names
the document field it comes from (``action.lead``), so an edge can always be traced back.
Typed relations keep their own kind (any code of the ``relation_kinds`` codelist, or one
the document declares) with origin ``relation``.
"""

from __future__ import annotations

import attrs

__all__ = [
    "ACTOR_KINDS",
    "CASE_PATH_NODE_KINDS",
    "EDGE_KINDS",
    "EFFECT_EDGE_KINDS",
    "MILESTONE_EDGE_KINDS",
    "NODE_KINDS",
    "STRUCTURE_EDGE_KINDS",
    "EdgeKind",
]

#: Entity kinds that become nodes. Objectives, indicators, meetings, phases and source
#: documents do not: they describe plans and bodies rather than tie stakeholders together.
NODE_KINDS = (
    "territory",
    "organisation",
    "person",
    "post",
    "body",
    "plan",
    "area",
    "action",
    "act",
    "fund",
    "call",
    "grant",
    "project",
    "service",
)

#: Node kinds that can take part in coordination: the stakeholders analyses report on.
ACTOR_KINDS = frozenset({"territory", "organisation", "person", "post", "body", "service"})

#: Edge kinds that only classify (an action in an area or a plan, a sub-action); analyses
#: of the coordination network leave them out, as they tie no two stakeholders together.
STRUCTURE_EDGE_KINDS = frozenset({"in_area", "in_plan", "details"})

#: Edge kinds that, touching a territory, only say where something lies or works.
CONTAINMENT_EDGE_KINDS = frozenset({"serves", "covers", "part_of"})

#: Node kinds a reported case can travel through: never a territory, plan, act or money.
CASE_PATH_NODE_KINDS = frozenset(
    {"organisation", "person", "post", "body", "service", "project", "action"}
)


@attrs.frozen(slots=True)
class EdgeKind:
    """One row of the edge catalogue: which field gives which edge, in which direction."""

    kind: str
    origin: str
    source: str
    target: str
    meaning: str

    def markdown(self) -> str:
        """The row as written in the table of ``docs/graph.md``."""
        ends = f"{self.source} → {self.target}"
        return f"| `{self.origin}` | `{self.kind}` | {ends} | {self.meaning} |"


def _row(kind: str, origin: str, source: str, target: str, meaning: str) -> EdgeKind:
    return EdgeKind(kind, origin, source, target, meaning)


_PLACES = "territory or organisation"

#: Every edge the builder draws from a structural field, in document order.
EDGE_KINDS: tuple[EdgeKind, ...] = (
    _row("part_of", "territory.part_of", "territory", "territory", "territorial link"),
    _row("serves", "organisation.territory", "organisation", "territory", "governs or serves"),
    _row("part_of", "organisation.parent", "organisation", "organisation", "department of"),
    _row("acts_for", "organisation.acts_for", "organisation", _PLACES, "its agency"),
    _row("post_of", "post.organisation", "post", "organisation or body", "office in"),
    _row("holds", "post.holder", "person", "post", "holds the office"),
    _row("covers", "body.territory", "body", "territory", "territory the body covers"),
    _row("convenes", "body.convener", "organisation, body or post", "body", "runs the body"),
    _row("chairs", "body.chair", "actor", "body", "chairs the body"),
    _row("part_of", "body.parent", "body", "body", "sub-body of"),
    _row("member_of", "body.members", "member", "body", "seat, with role"),
    _row("represents", "body.members.represents", "member", _PLACES, "sits for"),
    _row("participates_in", "body.meetings.participants", "member", "body", "took part"),
    _row("discusses", "body.meetings.agenda", "body", "plan or act", "on the agenda"),
    _row("convenes", "body.meetings.convened_by", "act", "body", "convening act"),
    _row("owns", "plan.owner", "organisation", "plan", "whose plan"),
    _row("covers", "plan.scope", "plan", "territory", "territorial scope"),
    _row("<link kind>", "plan.links", "plan", "plan", "supersedes, part_of, implements..."),
    _row("contributes_to", "plan.contributors", "actor", "plan", "drafted, assisted, with role"),
    _row("in_plan", "plan.areas", "area", "plan", "area of the plan"),
    _row("in_plan", "plan.actions", "action", "plan", "action of the plan"),
    _row("adopts", "plan.milestones.body", "body", "plan", "adoption milestone"),
    _row("gives_opinion_on", "plan.milestones.body", "body", "plan", "opinion milestone"),
    _row("discusses", "plan.milestones.body", "body", "plan", "any other milestone"),
    _row("lead_of", "action.lead", "actor", "action", "the one responsible"),
    _row("partner_of", "action.partners", "actor", "action", "partner"),
    _row("in_area", "action.areas", "action", "area", "intervention area"),
    _row("details", "action.parent", "action", "action", "sub-action of a macro-action"),
    _row("covers", "action.territories", "action", "territory", "where it takes place"),
    _row("funds", "action.funding", "fund, call, grant or project", "action", "pays for"),
    _row("comes_from", "action.origin", "action", _PLACES, "good practice"),
    _row("issues", "act.issuer", "actor", "act", "competent issuer"),
    _row("signs", "act.signatories", "actor", "act", "signatory"),
    _row("addresses", "act.addressees", "act", "member", "addressee"),
    _row("<party role>", "act.parties", "actor", "act", "signs, approves, adheres_to..."),
    _row("<step>", "act.steps.by", "actor", "act", "approves, signs, publishes..."),
    _row("<effect>", "act.effects", "act", "what it acts upon", "adopts, announces..."),
    _row("manages", "fund.managing_authority", "organisation", "fund", "managing authority"),
    _row("funds", "call.fund", "fund", "call", "call under the fund"),
    _row("issues", "call.issuer", "actor", "call", "issuer of the call"),
    _row("launches", "call.act", "act", "call", "act of the call"),
    _row("funds", "grant.call", "call", "grant", "grant under the call"),
    _row("funds", "grant.fund", "fund", "grant", "grant under the fund"),
    _row("awarded_to", "grant.recipient", "grant", "organisation", "recipient of the money"),
    _row("funds", "grant.project", "grant", "project", "project paid for"),
    _row("admits_to_funding", "grant.decision", "act", "grant", "admitting act"),
    _row("co_finances", "grant.co_financing", "funder", "grant", "co-financing share"),
    _row("lead_of", "project.lead", "organisation", "project", "lead applicant (capofila)"),
    _row("partner_of", "project.partners", "member", "project", "partner, with status"),
    _row("acts_for", "project.partners.through", "organisation", "member", "agency for partner"),
    _row("covers", "project.territories", "project", "territory", "where it works"),
    _row("implements", "project.plan", "project", "plan", "plan of its actions"),
    _row("operates", "service.operators", "organisation", "service", "runs it, over a period"),
    _row("covers", "service.territories", "service", "territory", "served territory"),
    _row("member_of", "service.networks", "service", "body", "network, over a period"),
    _row("supports", "service.project", "project", "service", "creates or strengthens"),
    _row("gives_opinion_on", "opinion", "actor", "plan or act", "opinion, with outcome"),
    _row("obliged_to", "obligation", "actor", "subject", "duty with a deadline"),
    _row("pays", "transfer", "payer", "intermediary or payee", "money, link by link"),
    _row("funds", "transfer.purpose", "payee", "purpose", "what the money is for"),
    _row("<relation kind>", "relation", "any", "any", "typed relation, as declared"),
)

#: Roles of an act's parties that become edges of their own kind (others: ``party_to``).
PARTY_EDGE_KINDS = {"signatory": "signs", "approver": "approves", "adherent": "adheres_to"}

#: Steps of an act whose ``by`` becomes an edge of its own kind (others: ``acts_on``).
STEP_EDGE_KINDS = {
    "approved": "approves",
    "adopted": "adopts",
    "signed": "signs",
    "promulgated": "promulgates",
    "published": "publishes",
}

#: Act effects whose code differs from the relation kind with the same meaning.
EFFECT_EDGE_KINDS = {"gives_opinion": "gives_opinion_on"}

#: Plan milestone kinds that become edges of their own kind (others: ``discusses``).
MILESTONE_EDGE_KINDS = {"adoption": "adopts", "opinion": "gives_opinion_on"}
