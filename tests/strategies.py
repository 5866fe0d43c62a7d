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
            known = {"type", "properties", "required", "additionalProperties"}
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
            result.update(draw(st.dictionaries(keys, build(extra), max_size=2)))
        return result

    return objects()


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


@st.composite
def documents(draw: st.DrawFn, *, landscape: bool | None = None) -> dict[str, Any]:
    """A valid plan document or landscape, as data."""
    if landscape is None:
        landscape = draw(st.booleans())
    counter = iter(range(10**6))

    def new_id(prefix: str) -> str:
        return f"{prefix}-{next(counter)}"

    def pick(ids: list[str]) -> str | None:
        return draw(st.sampled_from(ids)) if ids and draw(st.booleans()) else None

    def some(ids: list[str]) -> list[str]:
        return draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)) if ids else []

    sources = [
        _drop_none({"id": new_id("src"), "name": draw(NAME), "url": draw(OPT_TEXT)})
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
            _drop_none(
                {
                    "id": new_id("ter"),
                    "kind": draw(codes("territory_kinds")),
                    "name": draw(NAME),
                    "istat_code": draw(st.none() | st.from_regex(r"[0-9]{3,6}", fullmatch=True)),
                    "part_of": links or None,
                    "source": source_note(),
                }
            )
        )
    territory_ids = [t["id"] for t in territories]

    organisations: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, 5))):
        organisations.append(
            _drop_none(
                {
                    "id": new_id("org"),
                    "kind": draw(codes("organisation_kinds")),
                    "name": draw(NAME),
                    "name_en": draw(OPT_TEXT),
                    "territory": pick(territory_ids),
                    "parent": pick([o["id"] for o in organisations]),
                    "extensions": draw(EXTENSIONS) or None,
                }
            )
        )
    org_ids = [o["id"] for o in organisations]

    persons = [{"id": new_id("per"), "name": draw(NAME)} for _ in range(draw(st.integers(0, 3)))]
    person_ids = [p["id"] for p in persons]
    posts = [
        _drop_none(
            {
                "id": new_id("post"),
                "kind": draw(codes("post_kinds")),
                "name": draw(NAME),
                "organisation": draw(st.sampled_from(org_ids)),
                "holder": pick(person_ids),
                "period": draw(periods()),
            }
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    actor_ids = org_ids + person_ids + [p["id"] for p in posts]

    plan_ids = [new_id("plan") for _ in range(draw(st.integers(1, 3)) if landscape else 1)]

    bodies: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        members = [
            _drop_none(
                {
                    "member": member,
                    "role": draw(codes("membership_roles")),
                    "period": draw(periods()),
                }
            )
            for member in some(actor_ids + territory_ids)
        ]
        meetings = [
            _drop_none(
                {
                    "id": new_id("meet"),
                    "date": draw(st.none() | partial_dates()),
                    "place": draw(OPT_TEXT),
                    "planned": draw(st.booleans()) or None,
                    "agenda": [{"title": draw(NAME), "plan": draw(st.sampled_from(plan_ids))}],
                }
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        bodies.append(
            _drop_none(
                {
                    "id": new_id("body"),
                    "kind": draw(codes("body_kinds")),
                    "level": draw(st.none() | codes("body_levels")),
                    "name": draw(NAME),
                    "territory": pick(territory_ids),
                    "chair": pick(actor_ids),
                    "cadence": draw(
                        st.none()
                        | st.just({"rule": "FREQ=MONTHLY;INTERVAL=2", "description": "bimestrale"})
                    ),
                    "members": members or None,
                    "meetings": meetings or None,
                }
            )
        )
    body_ids = [b["id"] for b in bodies]
    actor_ids += body_ids

    def plan(plan_id: str) -> dict[str, Any]:
        areas = [
            _drop_none(
                {
                    "id": new_id("area"),
                    "name": draw(NAME),
                    "aliases": draw(st.lists(NAME, max_size=2)) or None,
                    "reference": draw(st.none() | codes("reference_areas")),
                }
            )
            for _ in range(draw(st.integers(0, 3)))
        ]
        area_ids = [a["id"] for a in areas]
        indicators = [
            _drop_none(
                {
                    "id": new_id("ind"),
                    "name": draw(NAME),
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
                    "measurements": [
                        {"date": draw(partial_dates()), "female": str(draw(QUANTITIES))}
                    ]
                    if draw(st.booleans())
                    else None,
                }
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        indicator_ids = [i["id"] for i in indicators]
        objectives = [
            _drop_none(
                {
                    "id": new_id("obj"),
                    "name": draw(NAME),
                    "areas": some(area_ids) or None,
                    "indicators": some(indicator_ids) or None,
                }
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        actions: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(0, 4))):
            actions.append(
                _drop_none(
                    {
                        "id": new_id("act"),
                        "kind": draw(codes("action_kinds")),
                        "name": draw(NAME),
                        "description": draw(OPT_TEXT),
                        "parent": pick([a["id"] for a in actions]),
                        "areas": some(area_ids) or None,
                        "objectives": some([o["id"] for o in objectives]) or None,
                        "lead": pick(actor_ids),
                        "partners": some(actor_ids) or None,
                        "territories": some(territory_ids) or None,
                        "period": draw(periods()),
                        "budget": draw(st.none() | money()),
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
                    }
                )
            )
        return _drop_none(
            {
                "id": plan_id,
                "kind": draw(codes("plan_kinds")),
                "name": draw(NAME),
                "owner": pick(org_ids),
                "scope": some(territory_ids) or None,
                "period": draw(periods()),
                "status": draw(st.none() | codes("plan_statuses")),
                "frameworks": draw(st.lists(codes("frameworks"), max_size=3, unique=True)) or None,
                "areas": areas or None,
                "objectives": objectives or None,
                "actions": actions or None,
                "indicators": indicators or None,
                "milestones": [
                    _drop_none(
                        {
                            "kind": draw(codes("plan_milestone_kinds")),
                            "date": draw(partial_dates()),
                            "planned": draw(st.booleans()) or None,
                        }
                    )
                ]
                if draw(st.booleans())
                else None,
            }
        )

    plans = [plan(plan_id) for plan_id in plan_ids]

    acts = [
        _drop_none(
            {
                "id": new_id("atto"),
                "kind": draw(codes("act_kinds")),
                "name": draw(NAME),
                "number": draw(st.none() | st.from_regex(r"[0-9]{1,6}/20[0-9]{2}", fullmatch=True)),
                "date": draw(st.none() | partial_dates()),
                "issuer": pick(actor_ids),
                "signatories": some(person_ids) or None,
                "effects": [
                    {
                        "effect": draw(codes("act_effects")),
                        "target": draw(st.sampled_from(plan_ids)),
                    }
                ],
            }
        )
        for _ in range(draw(st.integers(0, 2)))
    ]

    fund_id, call_id, grant_id, project_id = (
        new_id("fund"),
        new_id("call"),
        new_id("grant"),
        new_id("proj"),
    )
    with_funding = draw(st.booleans())
    funds = [{"id": fund_id, "name": draw(NAME), "period": {"start": "2021", "end": "2027"}}]
    calls = [{"id": call_id, "name": draw(NAME), "fund": fund_id}]
    grants = [
        _drop_none(
            {
                "id": grant_id,
                "name": draw(NAME),
                "call": call_id,
                "recipient": draw(st.sampled_from(org_ids)),
                "project": project_id,
                "amount": draw(money()),
                "duration": draw(st.sampled_from(("P2Y", "P18M", "P1Y6M"))),
            }
        )
    ]
    projects = [
        _drop_none(
            {
                "id": project_id,
                "name": draw(NAME),
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
                "phases": [
                    {"id": new_id("phase"), "name": draw(NAME), "order": order}
                    for order in range(1, draw(st.integers(0, 3)) + 1)
                ]
                or None,
            }
        )
    ]
    services = [
        _drop_none(
            {
                "id": new_id("svc"),
                "kind": draw(codes("service_kinds")),
                "name": draw(NAME),
                "operator": pick(org_ids),
                "territories": some(territory_ids) or None,
                "network": pick(body_ids),
            }
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    every_id = territory_ids + actor_ids + plan_ids
    relations = [
        _drop_none(
            {
                "kind": draw(codes("relation_kinds")),
                "subject": draw(st.sampled_from(every_id)),
                "target": draw(st.sampled_from(every_id)),
                "period": draw(periods()),
                "note": draw(OPT_TEXT),
            }
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    is_landscape = landscape
    root: dict[str, Any] = {
        "document": "landscape" if is_landscape else "plan",
        "schema_version": "1.0",
        "id": new_id("doc"),
        "name": draw(OPT_TEXT),
        "sources": sources or None,
        "codelists": {"target_groups": [{"code": "gruppo_locale", "name": draw(NAME)}]}
        if draw(st.booleans())
        else None,
        "territories": territories,
        "organisations": organisations,
        "persons": persons or None,
        "posts": posts or None,
        "bodies": bodies or None,
        "acts": acts or None,
        "funds": funds if with_funding else None,
        "calls": calls if with_funding else None,
        "grants": grants if with_funding else None,
        "projects": projects if with_funding else None,
        "services": services or None,
        "relations": relations or None,
        "extensions": draw(EXTENSIONS) or None,
    }
    if is_landscape:
        root["plans"] = plans
    else:
        root["plan"] = plans[0]
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
