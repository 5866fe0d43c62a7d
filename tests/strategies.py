"""Hypothesis strategies for whole, valid documents (as JSON-compatible data).

Documents are drawn as data first, with every reference pointing at an entity drawn
earlier, so that ``uguaglianza.from_data`` accepts them; tests then check invariants
such as lossless round trips.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import strategies as st

from uguaglianza.codelists import load_codelist
from uguaglianza.model._base import MAX_EXTENSION_DEPTH

# Any Unicode except surrogates, which cannot be encoded in UTF-8 files.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
NAME = TEXT.filter(lambda s: len(s) > 0)
OPT_TEXT = st.none() | TEXT


def codes(codelist: str) -> st.SearchStrategy[str]:
    """A code from a shipped codelist."""
    return st.sampled_from(sorted(load_codelist(codelist).codes_set()))


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    """An ISO partial date: year, year-month or full date."""
    year = draw(st.integers(1990, 2040))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{draw(st.integers(1, 28)):02d}"


@st.composite
def periods(draw: st.DrawFn) -> dict[str, str] | None:
    """A period with possibly open ends (not necessarily ordered: rules check that)."""
    period = {}
    if draw(st.booleans()):
        period["start"] = draw(partial_dates())
    if draw(st.booleans()):
        period["end"] = draw(partial_dates())
    return period or None


AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
QUANTITIES = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False)


def money() -> st.SearchStrategy[dict[str, str]]:
    """Money written the way files write it: amount as a string."""
    return st.builds(
        lambda amount, currency: {"amount": str(amount), "currency": currency},
        AMOUNTS,
        st.sampled_from(("EUR", "USD", "CHF")),
    )


# Extensions hold JSON values with whole numbers (of any size) and text without
# surrogates, nesting at most MAX_EXTENSION_DEPTH lists and mappings.
EXTENSION_SCALARS = (
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.integers(-(10**30), 10**30) | TEXT
)
EXTENSIONS = st.dictionaries(
    NAME.filter(lambda key: len(key) <= 8),
    st.recursive(
        EXTENSION_SCALARS,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
        max_leaves=6,
    ),
    max_size=2,
)


@st.composite
def deepest_extension_values(draw: st.DrawFn) -> Any:
    """A value nesting exactly as deep as extensions allow, lists and mappings mixed."""
    value = draw(EXTENSION_SCALARS)
    for _ in range(MAX_EXTENSION_DEPTH):
        value = [value] if draw(st.booleans()) else {draw(NAME): value}
    return value


def _schema_strings(node: dict[str, Any]) -> st.SearchStrategy[str]:
    low = node.get("minLength", 0)
    high = node.get("maxLength")
    if "pattern" in node:
        # The schema's patterns are anchored and use only what Python's re reads alike.
        return st.from_regex(node["pattern"], fullmatch=True).filter(
            lambda text: low <= len(text) and (high is None or len(text) <= high)
        )
    return st.text(
        st.characters(blacklist_categories=("Cs",)),
        min_size=low,
        max_size=min(high if high is not None else 12, low + 12),
    )


def _schema_numbers(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    low, high = node.get("minimum"), node.get("maximum")
    if node["type"] == "integer":
        return st.integers(low, high)
    return st.integers(low, high) | st.floats(
        min_value=low, max_value=high, allow_nan=False, allow_infinity=False
    )


_SCHEMA_ANNOTATIONS = frozenset(
    {"title", "description", "default", "$comment", "$schema", "$id", "$defs", "if", "then"}
)


def from_json_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Instances of a JSON Schema, for the keywords the document schema uses.

    ``if``/``then`` (a format restating a pattern) is not generated from; an unknown
    keyword is an error, so that a new construct in the schema is noticed here.
    """
    definitions: dict[str, st.SearchStrategy[Any]] = {}

    def ref(name: str) -> st.SearchStrategy[Any]:
        if name not in definitions:
            definitions[name] = st.deferred(lambda: build(schema["$defs"][name]))
        return definitions[name]

    def build(node: dict[str, Any]) -> st.SearchStrategy[Any]:
        keys = set(node) - _SCHEMA_ANNOTATIONS
        if "$ref" in node:
            return ref(node["$ref"].removeprefix("#/$defs/"))
        if "const" in node:
            return st.just(node["const"])
        if "enum" in node:  # a closed list (why a field is absent): any of its values
            if keys - {"enum", "type"}:
                raise ValueError(f"no strategy for the keywords {sorted(keys - {'enum', 'type'})}")
            return st.sampled_from(node["enum"])
        if "anyOf" in node or "oneOf" in node:
            return st.one_of([build(branch) for branch in node.get("anyOf", node.get("oneOf"))])
        kind = node.get("type")
        if kind == "string":
            known = {"type", "pattern", "minLength", "maxLength", "format"}
            strategy: st.SearchStrategy[Any] = _schema_strings(node)
        elif kind in ("integer", "number"):
            known = {"type", "minimum", "maximum"}
            strategy = _schema_numbers(node)
        elif kind == "boolean":
            known, strategy = {"type"}, st.booleans()
        elif kind == "null":
            known, strategy = {"type"}, st.none()
        elif kind == "array":
            known, strategy = {"type", "items"}, st.lists(build(node["items"]), max_size=2)
        elif kind == "object":
            known = {"type", "properties", "required", "additionalProperties", "propertyNames"}
            strategy = _schema_objects(node, build)
        else:
            raise ValueError(f"no strategy for the schema {node}")
        if keys - known:
            raise ValueError(f"no strategy for the keywords {sorted(keys - known)}")
        return strategy

    return build(schema)


def _schema_objects(
    node: dict[str, Any], build: Callable[[dict[str, Any]], st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    properties = node.get("properties", {})
    required = set(node.get("required", ()))
    extra = node.get("additionalProperties", True)

    @st.composite
    def objects(draw: st.DrawFn) -> dict[str, Any]:
        result = {}
        for name, subschema in properties.items():
            if name in required or draw(st.integers(0, 3)) == 0:
                result[name] = draw(build(subschema))
        if isinstance(extra, dict) and not properties:
            keys = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6)
            names = node.get("propertyNames")
            if names is not None:  # keys of a given form (language tags)
                keys = st.from_regex(names["pattern"], fullmatch=True)
            result.update(draw(st.dictionaries(keys, build(extra), max_size=2)))
        return result

    return objects()


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


LANGUAGES = st.sampled_from(("en", "es", "fr", "de", "ca", "pt-BR", "sl", "sr-Latn"))
CLOCKS = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from((0, 30)))
SHARES = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)
YEARS = st.integers(1990, 2040)


@st.composite
def translations(draw: st.DrawFn) -> dict[str, str] | None:
    """A name's translations, keyed by language tag."""
    return draw(st.dictionaries(LANGUAGES, NAME, max_size=2)) or None


@st.composite
def identifiers(draw: st.DrawFn) -> list[dict[str, Any]] | None:
    """Identifiers in public registers, by scheme."""
    return (
        draw(
            st.lists(
                st.builds(
                    lambda scheme, value, period: _drop_none(
                        {"scheme": scheme, "value": value, "period": period}
                    ),
                    codes("identifier_schemes"),
                    st.from_regex(r"[A-Z0-9]{1,12}", fullmatch=True),
                    periods(),
                ),
                max_size=2,
            )
        )
        or None
    )


@st.composite
def named(draw: st.DrawFn, entity_id: str) -> dict[str, Any]:
    """The fields every named entity has: id, name, translations, other names, identifiers."""
    return _drop_none(
        {
            "id": entity_id,
            "name": draw(NAME),
            "translations": draw(translations()),
            "aliases": draw(st.lists(NAME, max_size=2)) or None,
            "former_names": draw(
                st.lists(
                    st.builds(
                        lambda name, period: _drop_none({"name": name, "period": period}),
                        NAME,
                        periods(),
                    ),
                    max_size=1,
                )
            )
            or None,
            "identifiers": draw(identifiers()),
        }
    )


def with_absent(draw: st.DrawFn, data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """*data* recording some of its empty *fields* as not known, each with a reason."""
    empty = [name for name in fields if name not in data]
    if empty and draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(empty), min_size=1, max_size=2, unique=True))
        data["absent"] = {name: draw(codes("absence_reasons")) for name in chosen}
    return data


@st.composite
def yearly_amounts(draw: st.DrawFn) -> list[dict[str, Any]] | None:
    """An amount split by year: distinct years, some only planned."""
    years = draw(st.lists(YEARS, max_size=3, unique=True))
    return [
        _drop_none({"year": year, "amount": draw(money()), "planned": draw(st.booleans()) or None})
        for year in sorted(years)
    ] or None


@st.composite
def documents(draw: st.DrawFn, *, landscape: bool | None = None) -> dict[str, Any]:
    """A valid plan document or landscape, as data, using every kind of entity."""
    if landscape is None:
        landscape = draw(st.booleans())
    counter = iter(range(10**6))

    def new_id(prefix: str) -> str:
        return f"{prefix}-{next(counter)}"

    def pick(ids: list[str]) -> str | None:
        return draw(st.sampled_from(ids)) if ids and draw(st.booleans()) else None

    def some(ids: list[str]) -> list[str]:
        return draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)) if ids else []

    def entity(prefix: str, fields: dict[str, Any], absent: tuple[str, ...] = ()) -> dict[str, Any]:
        data = {**draw(named(new_id(prefix))), **_drop_none(fields)}
        return with_absent(draw, data, absent)

    sources = [
        entity(
            "src",
            {
                "url": draw(OPT_TEXT),
                "language": draw(st.none() | LANGUAGES),
                "date": draw(st.none() | partial_dates()),
            },
            ("url", "publisher", "date"),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    source_ids = [s["id"] for s in sources]

    def source_note() -> dict[str, Any] | None:
        if not draw(st.booleans()):
            return None
        return _drop_none({"document": pick(source_ids), "quote": draw(OPT_TEXT)})

    territories: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, 5))):
        earlier = [t["id"] for t in territories]
        links = [
            _drop_none(
                {
                    "territory": target,
                    "kind": draw(codes("territorial_link_kinds")),
                    "period": draw(periods()),
                }
            )
            for target in some(earlier)
        ]
        territories.append(
            entity(
                "ter",
                {
                    "kind": draw(codes("territory_kinds")),
                    "istat_code": draw(st.none() | st.from_regex(r"[0-9]{3,6}", fullmatch=True)),
                    "part_of": links or None,
                    "source": source_note(),
                },
                ("istat_code", "period"),
            )
        )
    territory_ids = [t["id"] for t in territories]

    organisations: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, 5))):
        organisations.append(
            entity(
                "org",
                {
                    "kind": draw(codes("organisation_kinds")),
                    "territory": pick(territory_ids),
                    "parent": pick([o["id"] for o in organisations]),
                    "extensions": draw(EXTENSIONS) or None,
                },
                ("territory", "parent", "acronym"),
            )
        )
    org_ids = [o["id"] for o in organisations]

    persons = [entity("per", {}) for _ in range(draw(st.integers(0, 3)))]
    person_ids = [p["id"] for p in persons]
    posts = [
        entity(
            "post",
            {
                "kind": draw(codes("post_kinds")),
                "organisation": draw(st.sampled_from(org_ids)),
                "holder": pick(person_ids),
                "period": draw(periods()),
            },
            ("holder", "period"),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    post_ids = [p["id"] for p in posts]
    actor_ids = org_ids + person_ids + post_ids

    plan_ids = [new_id("plan") for _ in range(draw(st.integers(1, 3)))]
    act_ids = [new_id("atto") for _ in range(draw(st.integers(0, 3)))]

    def contacts() -> list[dict[str, Any]] | None:
        return [
            _drop_none(
                {"kind": draw(codes("contact_kinds")), "value": draw(NAME), "label": draw(OPT_TEXT)}
            )
            for _ in range(draw(st.integers(0, 2)))
        ] or None

    def statuses() -> list[dict[str, Any]] | None:
        return [
            _drop_none({"status": draw(codes("operating_statuses")), "period": draw(periods())})
            for _ in range(draw(st.integers(0, 2)))
        ] or None

    bodies: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        members = [
            _drop_none(
                {
                    "member": member,
                    "role": draw(codes("membership_roles")),
                    "period": draw(periods()),
                    "seats": draw(st.none() | st.integers(1, 12)),
                    "category": draw(st.none() | NAME),
                }
            )
            for member in some(actor_ids + territory_ids)
        ]
        members += [
            {"seats": draw(st.integers(1, 12)), "category": draw(NAME), "role": "member"}
            for _ in range(draw(st.integers(0, 2)))
        ]
        meetings = [
            with_absent(
                draw,
                _drop_none(
                    {
                        "id": new_id("meet"),
                        "date": draw(st.none() | partial_dates()),
                        "place": draw(OPT_TEXT),
                        "planned": draw(st.booleans()) or None,
                        "agenda": [{"title": draw(NAME), "plan": draw(st.sampled_from(plan_ids))}],
                    }
                ),
                ("date", "place"),
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        bodies.append(
            entity(
                "body",
                {
                    "kind": draw(codes("body_kinds")),
                    "level": draw(st.none() | codes("body_levels")),
                    "territory": pick(territory_ids),
                    "convener": pick(org_ids + post_ids + [b["id"] for b in bodies]),
                    "chair": pick(actor_ids),
                    "statuses": statuses(),
                    "contacts": contacts(),
                    "cadence": draw(
                        st.none()
                        | st.just({"rule": "FREQ=MONTHLY;INTERVAL=2", "description": "bimestrale"})
                    ),
                    "members": members or None,
                    "meetings": meetings or None,
                },
                ("chair", "cadence", "territory"),
            )
        )
    body_ids = [b["id"] for b in bodies]
    actor_ids += body_ids

    def legal_basis() -> list[dict[str, Any]] | None:
        return [
            _drop_none(
                {
                    "text": draw(NAME),
                    "act": pick(act_ids),
                    "framework": draw(st.none() | codes("frameworks")),
                }
            )
            for _ in range(draw(st.integers(0, 1)))
        ] or None

    def plan(plan_id: str) -> dict[str, Any]:
        areas = [
            entity("area", {"reference": draw(st.none() | codes("reference_areas"))})
            for _ in range(draw(st.integers(0, 3)))
        ]
        area_ids = [a["id"] for a in areas]

        def measurement() -> dict[str, Any]:
            cells = [
                {
                    "by": [
                        {"dimension": dimension, "category": draw(NAME)}
                        for dimension in draw(
                            st.lists(
                                codes("breakdown_dimensions"), min_size=1, max_size=2, unique=True
                            )
                        )
                    ],
                    "value": str(draw(QUANTITIES)),
                }
                for _ in range(draw(st.integers(0, 3)))
            ]
            return with_absent(
                draw,
                _drop_none(
                    {
                        "date": draw(partial_dates()),
                        "published": draw(st.none() | partial_dates()),
                        "female": draw(st.none() | QUANTITIES.map(str)),
                        "male": draw(st.none() | QUANTITIES.map(str)),
                        "breakdown": cells or None,
                        "text": draw(OPT_TEXT),
                    }
                ),
                ("value", "other"),
            )

        indicators = [
            entity(
                "ind",
                {
                    "type": draw(st.none() | codes("indicator_types")),
                    "counts_people": draw(st.booleans()) or None,
                    "sex_disaggregated": draw(st.booleans()) or None,
                    "baseline": draw(
                        st.none() | st.builds(lambda v: {"value": str(v)}, QUANTITIES)
                    ),
                    "target": draw(
                        st.none()
                        | st.builds(
                            lambda v, d: {"value": str(v), "date": d}, QUANTITIES, partial_dates()
                        )
                    ),
                    "measurements": [measurement() for _ in range(draw(st.integers(0, 2)))] or None,
                },
                ("baseline", "target"),
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        indicator_ids = [i["id"] for i in indicators]
        objectives = [
            entity(
                "obj",
                {
                    "areas": some(area_ids) or None,
                    "indicators": some(indicator_ids) or None,
                },
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        actions: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(0, 4))):
            actions.append(
                entity(
                    "act",
                    {
                        "kind": draw(codes("action_kinds")),
                        "description": draw(OPT_TEXT),
                        "parent": pick([a["id"] for a in actions]),
                        "areas": some(area_ids) or None,
                        "objectives": some([o["id"] for o in objectives]) or None,
                        "lead": pick(actor_ids),
                        "partners": some(actor_ids) or None,
                        "territories": some(territory_ids) or None,
                        "period": draw(periods()),
                        "budget": draw(st.none() | money()),
                        "budget_by_year": draw(yearly_amounts()),
                        "audience": draw(OPT_TEXT),
                        "hours": draw(st.none() | AMOUNTS.map(str)),
                        "grounds": draw(
                            st.lists(codes("discrimination_grounds"), max_size=3, unique=True)
                        )
                        or None,
                        "intersectional": draw(st.booleans()) or None,
                        "target_groups": draw(
                            st.lists(codes("target_groups"), max_size=2, unique=True)
                        )
                        or None,
                        "conditions": [{"kind": "funding_available", "text": draw(NAME)}]
                        if draw(st.booleans())
                        else None,
                        "indicators": some(indicator_ids) or None,
                        "source": source_note(),
                    },
                    ("lead", "budget", "period"),
                )
            )
        others = [other for other in plan_ids if other != plan_id]
        resources = _drop_none(
            {
                "budget": draw(st.none() | money()),
                "by_year": draw(yearly_amounts()),
                "staff": [
                    _drop_none(
                        {
                            "role": draw(OPT_TEXT),
                            "persons": draw(st.none() | st.integers(0, 50)),
                            "fte": draw(st.none() | SHARES.map(str)),
                            "unit": pick(actor_ids),
                        }
                    )
                    for _ in range(draw(st.integers(0, 2)))
                ]
                or None,
                "structures": some(actor_ids) or None,
                "description": draw(OPT_TEXT),
            }
        )
        return entity(
            "plan",
            {
                "id": plan_id,
                "kind": draw(codes("plan_kinds")),
                "owner": pick(org_ids),
                "scope": some(territory_ids) or None,
                "period": draw(periods()),
                "status": draw(st.none() | codes("plan_statuses")),
                "frameworks": draw(st.lists(codes("frameworks"), max_size=3, unique=True)) or None,
                "links": [
                    _drop_none(
                        {
                            "kind": draw(codes("plan_link_kinds")),
                            "plan": other,
                            "date": draw(st.none() | partial_dates()),
                        }
                    )
                    for other in some(others)
                ]
                or None,
                "legal_basis": legal_basis(),
                "principles": draw(st.lists(NAME, max_size=2)) or None,
                "grounds": draw(st.lists(codes("discrimination_grounds"), max_size=2, unique=True))
                or None,
                "resources": resources or None,
                "monitoring_frequency": draw(st.none() | codes("frequencies")),
                "contributors": [
                    {"actor": actor, "role": draw(codes("contribution_roles"))}
                    for actor in some(actor_ids)
                ]
                or None,
                "areas": areas or None,
                "objectives": objectives or None,
                "actions": actions or None,
                "indicators": indicators or None,
                "milestones": [
                    _drop_none(
                        {
                            "kind": draw(codes("plan_milestone_kinds")),
                            "date": draw(partial_dates()),
                            "date_as_written": draw(OPT_TEXT),
                            "place": draw(OPT_TEXT),
                            "planned": draw(st.booleans()) or None,
                        }
                    )
                ]
                if draw(st.booleans())
                else None,
            },
            ("owner", "period", "status", "resources", "monitoring_frequency"),
        )

    plans = [plan(plan_id) for plan_id in plan_ids]
    targets = plan_ids + act_ids + body_ids + org_ids

    acts = [
        entity(
            "atto",
            {
                "id": act_id,
                "kind": draw(codes("act_kinds")),
                "number": draw(st.none() | st.from_regex(r"[0-9]{1,6}/20[0-9]{2}", fullmatch=True)),
                "date": draw(st.none() | partial_dates()),
                "issuer": pick(actor_ids),
                "signatories": some(person_ids + org_ids) or None,
                "parties": [
                    _drop_none(
                        {
                            "party": party,
                            "role": draw(codes("act_party_roles")),
                            "date": draw(st.none() | partial_dates()),
                            "through": pick(person_ids + post_ids),
                        }
                    )
                    for party in some(actor_ids)
                ]
                or None,
                "steps": [
                    _drop_none(
                        {
                            "step": draw(codes("act_steps")),
                            "date": draw(st.none() | partial_dates()),
                            "by": pick(actor_ids),
                            "number": draw(OPT_TEXT),
                        }
                    )
                    for _ in range(draw(st.integers(0, 2)))
                ]
                or None,
                "in_force": draw(periods()),
                "effects": [
                    _drop_none(
                        {
                            "effect": draw(codes("act_effects")),
                            "target": draw(st.sampled_from(targets)),
                            "period": draw(periods()),
                        }
                    )
                ],
                "frameworks": draw(st.lists(codes("frameworks"), max_size=2, unique=True)) or None,
                "legal_basis": legal_basis(),
                "conclusions": [{"text": draw(NAME), "about": pick(plan_ids)}]
                if draw(st.booleans())
                else None,
            },
            ("number", "date", "issuer", "in_force"),
        )
        for act_id in act_ids
    ]

    fund_id, call_id, grant_id, project_id = (
        new_id("fund"),
        new_id("call"),
        new_id("grant"),
        new_id("proj"),
    )
    with_funding = draw(st.booleans())
    funds = [
        entity(
            "fund",
            {
                "id": fund_id,
                "period": {"start": "2021", "end": "2027"},
                "by_year": draw(yearly_amounts()),
            },
        )
    ]
    calls = [entity("call", {"id": call_id, "fund": fund_id})]
    shares = draw(st.lists(SHARES, max_size=2))
    grants = [
        entity(
            "grant",
            {
                "id": grant_id,
                "call": call_id,
                "recipient": draw(st.sampled_from(org_ids)),
                "project": project_id,
                "amount": draw(money()),
                "by_year": draw(yearly_amounts()),
                "co_financing": [
                    _drop_none(
                        {
                            "funder": draw(st.sampled_from([fund_id, *org_ids])),
                            "share": str(share),
                            "amount": draw(st.none() | money()),
                        }
                    )
                    for share in shares
                ]
                or None,
                "duration": draw(st.sampled_from(("P2Y", "P18M", "P1Y6M"))),
            },
            ("period", "status", "date"),
        )
    ]
    projects = [
        entity(
            "proj",
            {
                "id": project_id,
                "acronym": draw(OPT_TEXT),
                "lead": draw(st.sampled_from(org_ids)),
                "partners": [
                    _drop_none(
                        {
                            "member": member,
                            "through": pick(org_ids),
                            "status": draw(st.none() | codes("participation_statuses")),
                        }
                    )
                    for member in some(org_ids + territory_ids)
                ]
                or None,
                "open_to_new_partners": draw(st.booleans()) or None,
                "budget": draw(st.none() | money()),
                "by_year": draw(yearly_amounts()),
                "phases": [
                    {"id": new_id("phase"), "name": draw(NAME), "order": order}
                    for order in range(1, draw(st.integers(0, 3)) + 1)
                ]
                or None,
            },
            ("period", "duration"),
        )
    ]
    services = [
        entity(
            "svc",
            {
                "kind": draw(codes("service_kinds")),
                "operators": [
                    _drop_none({"operator": operator, "period": draw(periods())})
                    for operator in some(org_ids)
                ]
                or None,
                "territories": some(territory_ids) or None,
                "networks": [
                    _drop_none({"network": network, "period": draw(periods())})
                    for network in some(body_ids)
                ]
                or None,
                "offers": draw(st.lists(codes("service_kinds"), max_size=2, unique=True)) or None,
                "statuses": statuses(),
                "capacity": [
                    _drop_none(
                        {
                            "places": draw(st.integers(0, 200)),
                            "unit": draw(OPT_TEXT),
                            "period": draw(periods()),
                        }
                    )
                    for _ in range(draw(st.integers(0, 2)))
                ]
                or None,
                "contacts": contacts(),
                "opening_hours": [
                    {
                        "days": draw(
                            st.lists(codes("weekdays"), min_size=1, max_size=5, unique=True)
                        ),
                        "opens": draw(CLOCKS),
                        "closes": draw(CLOCKS),
                    }
                    for _ in range(draw(st.integers(0, 2)))
                ]
                or None,
                "opening_hours_text": draw(OPT_TEXT),
            },
            ("operators", "networks", "description", "capacity"),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    service_ids = [s["id"] for s in services]
    opinions = [
        entity(
            "opinion",
            {
                "by": pick(actor_ids),
                "on": draw(st.sampled_from(plan_ids + act_ids + service_ids)),
                "date": draw(st.none() | partial_dates()),
                "date_as_written": draw(OPT_TEXT),
                "outcome": draw(st.none() | codes("opinion_outcomes")),
                "conditions": draw(OPT_TEXT),
                "act": pick(act_ids),
                "planned": draw(st.booleans()) or None,
            },
            ("by", "date", "outcome"),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    obligations = [
        entity(
            "obligation",
            {
                "kind": draw(codes("obligation_kinds")),
                "bearer": pick(actor_ids),
                "subject": pick(plan_ids),
                "arises_from": some(act_ids) or None,
                "framework": draw(st.none() | codes("frameworks")),
                "within": draw(st.none() | st.sampled_from(("P1Y", "P2Y", "P6M"))),
                "due": draw(st.none() | partial_dates()),
                "every": draw(st.none() | codes("frequencies")),
                "period": draw(periods()),
                "fulfilled_by": some(plan_ids + act_ids) or None,
            },
            ("bearer", "due", "within"),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    payers = org_ids + body_ids + territory_ids + ([fund_id] if with_funding else [])
    transfers = [
        with_absent(
            draw,
            _drop_none(
                {
                    "id": new_id("transfer"),
                    "payer": draw(st.sampled_from(payers)),
                    "payee": draw(st.sampled_from(payers)),
                    "via": some(payers) or None,
                    "amount": draw(st.none() | money()),
                    "by_year": draw(yearly_amounts()),
                    "period": draw(periods()),
                    "purpose": pick(service_ids + plan_ids),
                    "grant": grant_id if with_funding and draw(st.booleans()) else None,
                    "act": pick(act_ids),
                }
            ),
            ("amount", "date", "period"),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    every_id = territory_ids + actor_ids + plan_ids
    relations = [
        with_absent(
            draw,
            _drop_none(
                {
                    "kind": draw(codes("relation_kinds")),
                    "subject": draw(st.sampled_from(every_id)),
                    "target": draw(st.sampled_from(every_id)),
                    "period": draw(periods()),
                    "note": draw(OPT_TEXT),
                }
            ),
            ("period",),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    declared = draw(
        st.sampled_from(
            (
                None,
                {"target_groups": [{"code": "gruppo_locale", "name": draw(NAME)}]},
                {
                    "territory_kinds": [
                        {
                            "code": "municipio",
                            "name": draw(NAME),
                            "translations": {"es": "Municipio"},
                            "broader": "municipality",
                        },
                        {"code": "barrio", "name": draw(NAME), "broader": "municipio"},
                    ]
                },
            )
        )
    )
    root: dict[str, Any] = {
        "document": "landscape" if landscape else "plan",
        "schema_version": "2.0",
        "id": new_id("doc"),
        "language": draw(st.none() | st.sampled_from(("it", "en", "es", "pt-BR"))),
        "name": draw(OPT_TEXT),
        "sources": sources or None,
        "codelists": declared,
        "territories": territories,
        "organisations": organisations,
        "persons": persons or None,
        "posts": posts or None,
        "bodies": bodies or None,
        "acts": acts or None,
        "opinions": opinions or None,
        "obligations": obligations or None,
        "funds": funds if with_funding else None,
        "calls": calls if with_funding else None,
        "grants": grants if with_funding else None,
        "projects": projects if with_funding else None,
        "services": services or None,
        "transfers": transfers or None,
        "relations": relations or None,
        "extensions": draw(EXTENSIONS) or None,
    }
    if landscape:
        root["plans"] = plans
    else:
        root["plan"] = plans[0]
        root["related_plans"] = plans[1:] or None
    return _drop_none(root)


#: Values a corruption puts in place of another: wrong types, impossible dates, inexact
#: or oddly written numbers, strings a lax reader would take for booleans or numbers.
CORRUPT_VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    -3,
    7,
    1.5,
    "",
    "x",
    "zz-unknown",
    "0000",
    "2023-02-30",
    "2021-02-29",
    "2024-02-29",
    "2024-13",
    "1500.10",
    "1_000",
    "-0",
    "yes",
    "5",
    "P1Y",
    "FREQ=MONTHLY",
    [],
    ["x"],
    {},
    {"x": 1},
)


def paths_in(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of *node* and of every value inside it, keys and indexes."""
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(paths_in(value, (*here, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(paths_in(value, (*here, index)))
    return found


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    """The list or mapping holding the value at *path*."""
    for part in path[:-1]:
        data = data[part]
    return data


def corrupt(data: Any, choose: Callable[[Sequence[Any]], Any]) -> Any:
    """*data* (changed in place) with one value replaced, one key removed or one added.

    *choose* picks one of the items it is given: ``random.Random(seed).choice``, or a
    Hypothesis draw.
    """
    path = choose(paths_in(data)[1:])
    parent = parent_of(data, path)
    how = choose(("replace", "remove", "add"))
    if how == "replace":
        parent[path[-1]] = choose(CORRUPT_VALUES)
    elif how == "remove":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[choose(("surprise", "extension", "id", "name"))] = choose(CORRUPT_VALUES)
    else:
        parent.append(choose(CORRUPT_VALUES))
    return data
