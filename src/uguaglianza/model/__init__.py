"""The domain model: immutable pydantic v2 models for plans, their machinery and funding.

Reach every model through this namespace; the most used are also exported from the
package root. See ``docs/model.md`` for how the entities relate.
"""

from uguaglianza.model._base import (
    Entity,
    FormerName,
    Identifier,
    Model,
    Money,
    Named,
    SourceNote,
    Stated,
)
from uguaglianza.model._resolve import DocumentIndex, EntityRecord, format_loc
from uguaglianza.model.actors import Organisation, Person, Post
from uguaglianza.model.acts import (
    Act,
    ActEffect,
    ActParty,
    ActStep,
    Conclusion,
    LegalReference,
    Obligation,
    Opinion,
)
from uguaglianza.model.documents import (
    FORMAT_VERSION,
    OLDER_VERSIONS,
    Document,
    Landscape,
    PlanDocument,
)
from uguaglianza.model.funding import Call, Fund, Grant, Participant, Phase, Project
from uguaglianza.model.machinery import AgendaItem, Cadence, GovernanceBody, Meeting, Membership
from uguaglianza.model.merge import Merged, merge, merge_documents
from uguaglianza.model.money import CoFinancing, Transfer, YearlyAmount
from uguaglianza.model.monitoring import Cell, CellKey, Indicator, Measurement, Observation
from uguaglianza.model.plan import (
    Action,
    Condition,
    Contribution,
    FollowedFramework,
    InterventionArea,
    Milestone,
    Objective,
    Plan,
    PlanLink,
    Resources,
    Staffing,
)
from uguaglianza.model.relations import DeclaredCode, Relation, SourceDocument
from uguaglianza.model.services import (
    Capacity,
    Contact,
    NetworkMembership,
    OpeningHours,
    Service,
    StatusSpell,
    Tenure,
)
from uguaglianza.model.territory import TerritorialLink, Territory
from uguaglianza.model.upgrade import upgrade

__all__ = [
    "FORMAT_VERSION",
    "OLDER_VERSIONS",
    "Act",
    "ActEffect",
    "ActParty",
    "ActStep",
    "Action",
    "AgendaItem",
    "Cadence",
    "Call",
    "Capacity",
    "Cell",
    "CellKey",
    "CoFinancing",
    "Conclusion",
    "Condition",
    "Contact",
    "Contribution",
    "DeclaredCode",
    "Document",
    "DocumentIndex",
    "Entity",
    "EntityRecord",
    "FollowedFramework",
    "FormerName",
    "Fund",
    "GovernanceBody",
    "Grant",
    "Identifier",
    "Indicator",
    "InterventionArea",
    "Landscape",
    "LegalReference",
    "Measurement",
    "Meeting",
    "Membership",
    "Merged",
    "Milestone",
    "Model",
    "Money",
    "Named",
    "NetworkMembership",
    "Objective",
    "Obligation",
    "Observation",
    "OpeningHours",
    "Opinion",
    "Organisation",
    "Participant",
    "Person",
    "Phase",
    "Plan",
    "PlanDocument",
    "PlanLink",
    "Post",
    "Project",
    "Relation",
    "Resources",
    "Service",
    "SourceDocument",
    "SourceNote",
    "Staffing",
    "Stated",
    "StatusSpell",
    "Tenure",
    "TerritorialLink",
    "Territory",
    "Transfer",
    "YearlyAmount",
    "format_loc",
    "merge",
    "merge_documents",
    "upgrade",
]
