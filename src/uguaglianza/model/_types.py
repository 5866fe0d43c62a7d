"""Named reference and code types, so that each field says what it points at."""

from __future__ import annotations

from typing import Annotated

from uguaglianza.model._base import CODE, ENTITY_KINDS, REF, CodeIn, Ref

# References, by what they may point at.
TerritoryRef = Annotated[str, REF, Ref("territory")]
OrganisationRef = Annotated[str, REF, Ref("organisation")]
PersonRef = Annotated[str, REF, Ref("person")]
PlanRef = Annotated[str, REF, Ref("plan")]
AreaRef = Annotated[str, REF, Ref("area")]
ObjectiveRef = Annotated[str, REF, Ref("objective")]
ActionRef = Annotated[str, REF, Ref("action")]
IndicatorRef = Annotated[str, REF, Ref("indicator")]
ActRef = Annotated[str, REF, Ref("act")]
BodyRef = Annotated[str, REF, Ref("body")]
FundRef = Annotated[str, REF, Ref("fund")]
CallRef = Annotated[str, REF, Ref("call")]
ProjectRef = Annotated[str, REF, Ref("project")]
GrantRef = Annotated[str, REF, Ref("grant")]
ServiceRef = Annotated[str, REF, Ref("service")]
#: Who can act: lead an action, chair a body, issue or sign an act.
ActorRef = Annotated[str, REF, Ref("organisation", "person", "post", "body")]
#: Who can take part in an act or an agreement (sign, approve, adhere): any actor.
PartyRef = ActorRef
#: Who gives or receives money: an actor, or a fund paying out directly.
PayerRef = Annotated[str, REF, Ref("organisation", "body", "post", "fund", "territory")]
#: Who convenes a body: an organisation, another body, or an office.
ConvenerRef = Annotated[str, REF, Ref("organisation", "body", "post")]
#: Who can be a member of a body or a partner of a project.
MemberRef = Annotated[str, REF, Ref("organisation", "person", "post", "body", "territory")]
#: Where an office belongs: an organisation or a body (the president of a conference).
PostOwnerRef = Annotated[str, REF, Ref("organisation", "body")]
#: A person, or the post they hold (when the holder is unknown or changes).
SignerRef = Annotated[str, REF, Ref("person", "post")]
#: Who signs an act: a person or post, or an organisation or body as a party.
SignatoryRef = ActorRef
#: Where funding for an action comes from.
FundingRef = Annotated[str, REF, Ref("fund", "call", "grant", "project")]
#: What an act acts upon.
ActTargetRef = Annotated[
    str,
    REF,
    Ref(
        "plan",
        "project",
        "body",
        "action",
        "act",
        "call",
        "grant",
        "service",
        "organisation",
        "post",
        "fund",
        "obligation",
    ),
]
#: What an opinion is given on.
OpinionTargetRef = Annotated[
    str, REF, Ref("plan", "act", "project", "action", "body", "service", "grant")
]
#: Where a good practice comes from.
OriginRef = Annotated[str, REF, Ref("territory", "organisation")]
#: Any entity that takes part in the coordination network (relations connect anything
#: but source documents, and relations themselves).
AnyRef = Annotated[str, REF, Ref(*sorted(ENTITY_KINDS - {"source", "relation"}))]

# Codes, by codelist.
TerritoryKind = Annotated[str, CODE, CodeIn("territory_kinds")]
TerritorialLinkKind = Annotated[str, CODE, CodeIn("territorial_link_kinds")]
OrganisationKind = Annotated[str, CODE, CodeIn("organisation_kinds")]
PostKind = Annotated[str, CODE, CodeIn("post_kinds")]
PlanKind = Annotated[str, CODE, CodeIn("plan_kinds")]
PlanStatus = Annotated[str, CODE, CodeIn("plan_statuses")]
MilestoneKind = Annotated[str, CODE, CodeIn("plan_milestone_kinds")]
ActionKind = Annotated[str, CODE, CodeIn("action_kinds")]
ActionStatus = Annotated[str, CODE, CodeIn("action_statuses")]
ConditionKind = Annotated[str, CODE, CodeIn("condition_kinds")]
Ground = Annotated[str, CODE, CodeIn("discrimination_grounds")]
Domain = Annotated[str, CODE, CodeIn("discrimination_domains")]
TargetGroup = Annotated[str, CODE, CodeIn("target_groups")]
IndicatorType = Annotated[str, CODE, CodeIn("indicator_types")]
Frequency = Annotated[str, CODE, CodeIn("frequencies")]
ActKind = Annotated[str, CODE, CodeIn("act_kinds")]
ActEffectKind = Annotated[str, CODE, CodeIn("act_effects")]
BodyKind = Annotated[str, CODE, CodeIn("body_kinds")]
BodyLevel = Annotated[str, CODE, CodeIn("body_levels")]
MembershipRole = Annotated[str, CODE, CodeIn("membership_roles")]
ServiceKind = Annotated[str, CODE, CodeIn("service_kinds")]
RelationKind = Annotated[str, CODE, CodeIn("relation_kinds")]
ParticipationStatus = Annotated[str, CODE, CodeIn("participation_statuses")]
CallKind = Annotated[str, CODE, CodeIn("call_kinds")]
GrantStatus = Annotated[str, CODE, CodeIn("grant_statuses")]
FundKind = Annotated[str, CODE, CodeIn("fund_kinds")]
Framework = Annotated[str, CODE, CodeIn("frameworks")]
ReferenceArea = Annotated[str, CODE, CodeIn("reference_areas")]
IdentifierScheme = Annotated[str, CODE, CodeIn("identifier_schemes")]
ActStepKind = Annotated[str, CODE, CodeIn("act_steps")]
ActPartyRole = Annotated[str, CODE, CodeIn("act_party_roles")]
OpinionOutcome = Annotated[str, CODE, CodeIn("opinion_outcomes")]
ObligationKind = Annotated[str, CODE, CodeIn("obligation_kinds")]
PlanLinkKind = Annotated[str, CODE, CodeIn("plan_link_kinds")]
ContributionRole = Annotated[str, CODE, CodeIn("contribution_roles")]
OperatingStatus = Annotated[str, CODE, CodeIn("operating_statuses")]
ContactKind = Annotated[str, CODE, CodeIn("contact_kinds")]
BreakdownDimension = Annotated[str, CODE, CodeIn("breakdown_dimensions")]
Weekday = Annotated[str, CODE, CodeIn("weekdays")]
