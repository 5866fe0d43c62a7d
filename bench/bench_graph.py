"""Benchmark of the coordination graph on a generated landscape of national size.

Generates a seeded landscape (8,000 comuni, 600 districts, 20,000 organisations, 50,000
actions, 200,000 relations by default), validates it with ``uguaglianza.from_data``, then
times building the graph against a bare ``networkx.MultiDiGraph.add_edges_from`` over the
same edges, measured in the same run, and every analysis ``uguaglianza analyse`` runs::

    python bench/bench_graph.py                 # national size
    python bench/bench_graph.py --scale 0.1     # a tenth of it, for a quick look
    python bench/bench_graph.py --backend networkx   # betweenness and Louvain without igraph
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import networkx as nx

import uguaglianza
from uguaglianza._gc import paused_gc
from uguaglianza.graph import (
    analyse,
    as_of,
    case_paths,
    changes_between,
    communities,
    coordination_graph,
    coordination_network,
    coverage,
    failure_points,
    funding_links,
    hubs,
    isolated,
    what_if,
)

RELATION_KINDS = (
    "coordinates",
    "collaborates_with",
    "member_of",
    "supports",
    "reports_to",
    "refers_cases_to",
    "monitors",
    "implements",
    "participates_in",
)
SERVICE_KINDS = (
    "anti_discrimination_desk",
    "legal_advice",
    "anti_violence_centre",
    "reporting_platform",
    "psychological_support",
)


def _period(rng: random.Random) -> dict[str, str]:
    start = rng.randint(2015, 2024)
    return {"start": str(start), "end": str(start + rng.randint(1, 6))}


def landscape(scale: float = 1.0, seed: int = 0) -> dict[str, Any]:
    """A landscape dict of national size times *scale*, the same for the same seed."""
    rng = random.Random(seed)

    def n(count: int) -> int:
        return max(1, round(count * scale))

    regions = [f"reg-{i}" for i in range(20)]
    provinces = [f"prov-{i}" for i in range(n(107))]
    districts = [f"dist-{i}" for i in range(n(600))]
    comuni = [f"com-{i}" for i in range(n(8000))]
    province_of = {p: regions[i % len(regions)] for i, p in enumerate(provinces)}
    district_in = {d: provinces[i % len(provinces)] for i, d in enumerate(districts)}
    district_of = {c: districts[i % len(districts)] for i, c in enumerate(comuni)}
    territories: list[dict[str, Any]] = [
        {"id": r, "kind": "region", "name": f"Regione {r}"} for r in regions
    ]
    territories += [
        {
            "id": p,
            "kind": "province",
            "name": f"Provincia {p}",
            "part_of": [{"territory": province_of[p]}],
        }
        for p in provinces
    ]
    territories += [
        {
            "id": d,
            "kind": "socio_health_district",
            "name": f"Distretto {d}",
            "part_of": [{"territory": district_in[d]}],
        }
        for d in districts
    ]
    for c in comuni:
        link: dict[str, Any] = {"territory": district_of[c], "kind": "socio_health_district"}
        if rng.random() < 0.05:
            link["period"] = _period(rng)
        territories.append(
            {
                "id": c,
                "kind": "comune",
                "name": f"Comune {c}",
                "istat_code": f"{int(c[4:]):06d}",
                "part_of": [link, {"territory": district_in[district_of[c]]}],
            }
        )

    organisations: list[dict[str, Any]] = [
        {"id": f"org-{c}", "kind": "comune", "name": f"Comune di {c}", "territory": c}
        for c in comuni
    ]
    organisations += [
        {"id": f"org-{d}", "kind": "social_area_office", "name": f"Ufficio {d}", "territory": d}
        for d in districts
    ]
    organisations += [
        {"id": f"org-{t}", "kind": kind, "name": f"Ente {t}", "territory": t}
        for t, kind in [(p, "province") for p in provinces] + [(r, "region") for r in regions]
    ]
    others = n(20000) - len(organisations)
    for i in range(max(0, others)):
        org: dict[str, Any] = {
            "id": f"assoc-{i}",
            "kind": rng.choice(("association", "third_sector", "charity", "department")),
            "name": f"Organizzazione {i}",
        }
        if org["kind"] == "department":
            org["parent"] = f"org-{rng.choice(comuni)}"
        else:
            org["territory"] = rng.choice(comuni)
        organisations.append(org)
    org_ids = [org["id"] for org in organisations]

    persons = [{"id": f"person-{i}", "name": f"Persona {i}"} for i in range(n(2000))]
    posts = [
        {
            "id": f"post-{i}",
            "kind": "sindaco",
            "name": f"Sindaco {i}",
            "organisation": f"org-{comuni[i % len(comuni)]}",
            "holder": persons[i]["id"],
            "period": _period(rng),
        }
        for i in range(len(persons))
    ]

    comuni_in: dict[str, list[str]] = {}
    for c, d in district_of.items():
        comuni_in.setdefault(d, []).append(c)
    bodies: list[dict[str, Any]] = [
        {
            "id": f"tavolo-{d}",
            "kind": "coordination_table",
            "name": f"Tavolo {d}",
            "territory": d,
            "convener": f"org-{d}",
            "members": [{"member": f"org-{c}"} for c in comuni_in.get(d, [])],
        }
        for d in districts
    ]
    bodies += [
        {
            "id": f"rete-{r}",
            "kind": "network",
            "name": f"Rete {r}",
            "territory": r,
            "members": [{"member": f"org-{p}"} for p in provinces if province_of[p] == r],
        }
        for r in regions
    ]
    body_ids = [body["id"] for body in bodies]

    funds = [
        {"id": f"fund-{i}", "name": f"Fondo {i}", "period": {"start": "2021", "end": "2027"}}
        for i in range(5)
    ]
    calls = [
        {
            "id": f"call-{i}",
            "name": f"Avviso {i}",
            "fund": f"fund-{i % 5}",
            "issuer": f"org-{regions[i % 20]}",
        }
        for i in range(n(50))
    ]
    projects, grants = [], []
    for i in range(n(500)):
        lead = rng.choice(org_ids)
        partners = [{"member": rng.choice(org_ids)} for _ in range(rng.randint(2, 5))]
        if rng.random() < 0.3:
            partners.append(
                {"member": rng.choice(districts), "through": f"org-{rng.choice(districts)}"}
            )
        projects.append(
            {
                "id": f"project-{i}",
                "name": f"Progetto {i}",
                "lead": lead,
                "partners": partners,
                "territories": [rng.choice(provinces)],
            }
        )
        grants.append(
            {
                "id": f"grant-{i}",
                "name": f"Contributo {i}",
                "call": rng.choice(calls)["id"],
                "recipient": lead,
                "project": f"project-{i}",
                "amount": {"amount": str(rng.randint(10, 900) * 1000), "currency": "EUR"},
            }
        )

    services = [
        {
            "id": f"service-{i}",
            "kind": SERVICE_KINDS[i % len(SERVICE_KINDS)],
            "name": f"Servizio {i}",
            "operators": [{"operator": rng.choice(org_ids)}],
            "territories": [rng.choice(districts)],
            "networks": [{"network": f"rete-{regions[i % 20]}"}],
        }
        for i in range(n(2000))
    ]

    plans = []
    actions_per_plan = max(1, n(50000) // 100)
    for p in range(100):
        owner = f"org-{provinces[p % len(provinces)]}"
        areas = [{"id": f"area-{p}-{a}", "name": f"Area {a}"} for a in range(5)]
        actions = []
        for a in range(actions_per_plan):
            action: dict[str, Any] = {
                "id": f"action-{p}-{a}",
                "name": f"Azione {a}",
                "lead": rng.choice(org_ids),
                "partners": rng.sample(org_ids, rng.randint(0, 3)),
                "areas": [areas[a % 5]["id"]],
                "territories": [rng.choice(comuni)],
            }
            if rng.random() < 0.5:
                action["period"] = _period(rng)
            if rng.random() < 0.05:
                action["funding"] = [rng.choice(grants)["id"]]
            actions.append(action)
        plans.append(
            {
                "id": f"plan-{p}",
                "kind": "equality_plan",
                "name": f"Piano {p}",
                "owner": owner,
                "scope": [provinces[p % len(provinces)]],
                "areas": areas,
                "actions": actions,
            }
        )

    ends = org_ids + body_ids + [s["id"] for s in services] + [p["id"] for p in projects]
    relations = []
    for _ in range(n(200000)):
        relation: dict[str, Any] = {
            "kind": rng.choice(RELATION_KINDS),
            "subject": rng.choice(ends),
            "target": rng.choice(ends),
        }
        if rng.random() < 0.2:
            relation["period"] = _period(rng)
        relations.append(relation)

    return {
        "document": "landscape",
        "schema_version": "2.0",
        "id": f"bench-landscape-{seed}",
        "name": "Generated national landscape",
        "territories": territories,
        "organisations": organisations,
        "persons": persons,
        "posts": posts,
        "bodies": bodies,
        "funds": funds,
        "calls": calls,
        "grants": grants,
        "projects": projects,
        "services": services,
        "relations": relations,
        "plans": plans,
    }


def timed(label: str, work: Callable[[], Any], rows: list[tuple[str, float]]) -> Any:
    """Run *work* once, print and record its time."""
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    rows.append((label, seconds))
    print(f"  {label:<42} {seconds:8.2f} s", flush=True)
    return result


def best_of(repeat: int, work: Callable[[], Any]) -> float:
    """The best of *repeat* timings of *work*, each after a full collection."""
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def _document(scale: float, seed: int, rows: list[tuple[str, float]]) -> Any:
    """Generate and validate the landscape; the raw data is freed on return."""
    data = timed("generate", lambda: landscape(scale, seed), rows)
    return timed("validate (uguaglianza.from_data)", lambda: uguaglianza.from_data(data), rows)


def main(argv: list[str] | None = None) -> int:
    """Generate, validate, build, analyse; print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backend", choices=("auto", "networkx", "igraph"), default="auto")
    args = parser.parse_args(argv)
    rows: list[tuple[str, float]] = []

    print(f"Generating (scale {args.scale}, seed {args.seed})", flush=True)
    doc = _document(args.scale, args.seed, rows)
    plan_actions = sum(len(plan.actions) for plan in doc.plans_list())
    print(
        f"  {len(doc.territories)} territories, {len(doc.organisations)} organisations, "
        f"{plan_actions} actions, {len(doc.relations)} relations"
    )

    graph = coordination_graph(doc)
    edges = list(graph.edges(keys=True, data=True))
    print(f"Graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")

    def bare() -> None:
        nx.MultiDiGraph().add_edges_from(edges)

    def bare_without_gc() -> None:
        with paused_gc():
            nx.MultiDiGraph().add_edges_from(edges)

    build = best_of(args.repeat, lambda: coordination_graph(doc))
    baseline = best_of(args.repeat, bare)
    baseline_quiet = best_of(args.repeat, bare_without_gc)
    print(f"  build coordination_graph(doc)              {build:8.2f} s")
    print(f"  bare MultiDiGraph.add_edges_from (same)    {baseline:8.2f} s")
    print(f"  the same with the collector paused         {baseline_quiet:8.2f} s")
    print(f"  ratio build / bare add_edges_from          {build / baseline:8.2f}")
    print(f"  ratio build / bare, collector paused       {build / baseline_quiet:8.2f}")

    print(f"Analyses (backend {args.backend}), one core", flush=True)
    network = timed("coordination network", lambda: coordination_network(graph), rows)
    timed("coverage", lambda: coverage(graph), rows)
    central = timed(
        "hubs (degree, betweenness)",
        lambda: hubs(graph, backend=args.backend, network=network),
        rows,
    )
    print(f"    betweenness: sample {central.sample}, backend {central.backend}")
    timed("single points of failure", lambda: failure_points(graph, network=network), rows)
    timed("isolated stakeholders", lambda: isolated(graph, network=network), rows)
    timed("case paths", lambda: case_paths(graph, network=network), rows)
    timed("funding links", lambda: funding_links(graph), rows)
    found = timed(
        "communities (auto)",
        lambda: communities(graph, network=network, backend=args.backend),
        rows,
    )
    print(f"    method {found.method} ({found.backend}), {len(found.groups)} communities")
    timed("as of 2022-07-13", lambda: as_of(graph, dt.date(2022, 7, 13)), rows)
    timed(
        "change 2019-01-01 → 2023-01-01",
        lambda: changes_between(graph, dt.date(2019, 1, 1), dt.date(2023, 1, 1)),
        rows,
    )
    timed(
        "uguaglianza analyse (default sections)",
        lambda: analyse(graph, backend=args.backend),
        rows,
    )
    timed(
        "what-if: remove a province organisation",
        lambda: what_if(graph, remove_nodes=["org-prov-0"], backend=args.backend),
        rows,
    )
    slowest = max(rows[2:], key=lambda row: row[1])
    print(f"Slowest analysis: {slowest[0]} ({slowest[1]:.1f} s)")
    print(f"Median analysis: {statistics.median(s for _, s in rows[2:]):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
