"""The domain model: immutable pydantic v2 models for plans, their machinery and funding.

Reach every model through this namespace; the most used are also exported from the
package root. See ``docs/model.md`` for how the entities relate.
"""

from uguaglianza.model._base import Entity, Model, Money, Named, SourceNote
from uguaglianza.model._resolve import DocumentIndex, EntityRecord, format_loc
from uguaglianza.model.actors import Organisation, Person, Post
from uguaglianza.model.acts import Act, ActEffect
from uguaglianza.model.documents import FORMAT_VERSION, Document, Landscape, PlanDocument
from uguaglianza.model.funding import Call, Fund, Grant, Participant, Phase, Project
from uguaglianza.model.machinery import AgendaItem, Cadence, GovernanceBody, Meeting, Membership
from uguaglianza.model.merge import merge
from uguaglianza.model.monitoring import Indicator, Measurement, Observation
from uguaglianza.model.plan import Action, Condition, InterventionArea, Milestone, Objective, Plan
from uguaglianza.model.relations import DeclaredCode, Relation, SourceDocument
from uguaglianza.model.services import Service
from uguaglianza.model.territory import TerritorialLink, Territory

__all__ = [
    "FORMAT_VERSION",
    "Act",
    "ActEffect",
    "Action",
    "AgendaItem",
    "Cadence",
    "Call",
    "Condition",
    "DeclaredCode",
    "Document",
    "DocumentIndex",
    "Entity",
    "EntityRecord",
    "Fund",
    "GovernanceBody",
    "Grant",
    "Indicator",
    "InterventionArea",
    "Landscape",
    "Measurement",
    "Meeting",
    "Membership",
    "Milestone",
    "Model",
    "Money",
    "Named",
    "Objective",
    "Observation",
    "Organisation",
    "Participant",
    "Person",
    "Phase",
    "Plan",
    "PlanDocument",
    "Post",
    "Project",
    "Relation",
    "Service",
    "SourceDocument",
    "SourceNote",
    "TerritorialLink",
    "Territory",
    "format_loc",
    "merge",
]
