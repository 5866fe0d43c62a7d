"""How long the semantic rules take compared with loading the same document.

Generates a synthetic plan document (by default 50,000 actions and 200,000 relations),
then times, in one process, ``uguaglianza.loads`` (parse and validate the JSON text),
``uguaglianza.from_data`` (validate parsed data) and ``uguaglianza.rules.check`` (every
rule), and prints the medians and the ratios. Run it on demand::

    python bench/bench_rules.py [--actions 50000] [--relations 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime
import json
from typing import Any

import uguaglianza
from timing import median_seconds
from uguaglianza.rules import check

GROUNDS = ["sex", "age", "disability", "ethnic_origin", "religion_or_belief"]
RELATION_KINDS = ["coordinates", "partner_of", "member_of", "monitors", "supports", "reports_to"]


def generate(actions: int, relations: int) -> dict[str, Any]:
    """A valid plan document with *actions* actions and *relations* relations."""
    districts = 10
    comuni = 300
    territories: list[dict[str, Any]] = [
        {"id": "cm", "kind": "metropolitan_city", "name": "Città", "istat_code": "037"}
    ]
    territories += [
        {
            "id": f"d{i}",
            "kind": "socio_health_district",
            "name": f"D{i}",
            "part_of": [{"territory": "cm"}],
        }
        for i in range(districts)
    ]
    territories += [
        {
            "id": f"c{i}",
            "kind": "comune",
            "name": f"Comune {i}",
            "istat_code": f"037{i + 1:03d}",
            "part_of": [
                {"territory": f"d{i % districts}", "kind": "socio_health_district"},
                {"territory": "cm"},
            ],
        }
        for i in range(comuni)
    ]
    organisations = [
        {"id": f"o{i}", "kind": "comune", "name": f"Ente {i}", "territory": f"c{i % comuni}"}
        for i in range(comuni)
    ]
    persons = [{"id": f"p{i}", "name": f"Persona {i}"} for i in range(200)]
    posts = [
        {
            "id": f"post{i}",
            "kind": "assessore",
            "name": f"Assessore {i}",
            "organisation": f"o{i}",
            "holder": f"p{i}",
            "period": {"start": "2021"},
        }
        for i in range(200)
    ]
    bodies = [
        {
            "id": f"b{i}",
            "kind": "coordination_table",
            "name": f"Tavolo {i}",
            "convener": "o0",
            "chair": f"post{i}",
            "period": {"start": "2021"},
            "members": [{"member": f"post{i}", "role": "chair"}]
            + [{"member": f"o{(i * 20 + j) % comuni}"} for j in range(1, 20)],
            "meetings": [{"id": f"b{i}m{k}", "date": f"2022-0{k + 1}-10"} for k in range(5)],
        }
        for i in range(50)
    ]
    acts = [
        {
            "id": f"act{i}",
            "kind": "council_resolution",
            "name": f"Delibera {i}",
            "number": f"{i + 1}/2022",
            "date": "2022-07-13",
            "issuer": "o0",
            "effects": [{"effect": "adopts" if i == 0 else "takes_note", "target": "plan"}],
        }
        for i in range(100)
    ]
    areas = [{"id": f"a{i}", "name": f"Area {i}"} for i in range(50)]
    indicators = [
        {
            "id": f"i{i}",
            "name": f"Indicatore {i}",
            "counts_people": True,
            "sex_disaggregated": True,
            "frequency": "annual",
            "baseline": {"value": "1", "date": "2021"},
            "target": {"value": "2", "date": "2026"},
        }
        for i in range(2000)
    ]
    objectives = [
        {
            "id": f"obj{i}",
            "name": f"Obiettivo {i}",
            "areas": [f"a{i % 50}"],
            "indicators": [f"i{i % 2000}"],
        }
        for i in range(1000)
    ]
    plan_actions = []
    for i in range(actions):
        action: dict[str, Any] = {
            "id": f"x{i}",
            "name": f"Azione {i}",
            "areas": [f"a{i % 50}"],
            "objectives": [f"obj{i % 1000}"],
            "lead": f"o{i % comuni}",
            "partners": [f"o{(i + 1) % comuni}", f"o{(i + 2) % comuni}"],
            "period": {"start": "2022", "end": "2024"},
            "grounds": [GROUNDS[i % 5]],
        }
        if i % 10:
            action["parent"] = f"x{i - i % 10}"
        plan_actions.append(action)
    # Subjects cycle over 350 actors and targets over the actions: no two relations repeat
    # while relations < 350 * actions / gcd(350, actions).
    nodes = [f"o{i}" for i in range(comuni)] + [f"b{i}" for i in range(50)]
    links = [
        {
            "kind": RELATION_KINDS[i % len(RELATION_KINDS)],
            "subject": nodes[i % len(nodes)],
            "target": f"x{i % actions}",
            **({"period": {"start": str(2000 + i // 1000 % 25)}} if i % 3 == 0 else {}),
        }
        for i in range(relations)
    ]
    return {
        "document": "plan",
        "schema_version": "2.0",
        "id": "bench",
        "territories": territories,
        "organisations": organisations,
        "persons": persons,
        "posts": posts,
        "bodies": bodies,
        "acts": acts,
        "funds": [
            {
                "id": "f",
                "name": "Fondo",
                "period": {"start": "2021", "end": "2027"},
                "budget": {"amount": "10000000", "currency": "EUR"},
            }
        ],
        "calls": [
            {
                "id": "call",
                "name": "Avviso",
                "fund": "f",
                "budget": {"amount": "1000000", "currency": "EUR"},
            }
        ],
        "grants": [
            {
                "id": f"g{i}",
                "name": f"Contributo {i}",
                "call": "call",
                "recipient": f"o{i}",
                "project": f"pr{i}",
                "amount": {"amount": "10000", "currency": "EUR"},
            }
            for i in range(100)
        ],
        "projects": [
            {
                "id": f"pr{i}",
                "name": f"Progetto {i}",
                "lead": f"o{i}",
                "period": {"start": "2022", "end": "2023"},
            }
            for i in range(100)
        ],
        "relations": links,
        "plan": {
            "id": "plan",
            "kind": "equality_plan",
            "name": "Piano",
            "owner": "o0",
            "scope": ["cm"],
            "period": {"start": "2021", "end": "2026"},
            "status": "adopted",
            "areas": areas,
            "objectives": objectives,
            "actions": plan_actions,
            "indicators": indicators,
        },
    }


def main() -> None:
    """Generate, time, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=50_000)
    parser.add_argument("--relations", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    data = generate(args.actions, args.relations)
    text = json.dumps(data)
    doc = uguaglianza.from_data(data)
    as_of = datetime.date(2024, 6, 1)
    report = check(doc, as_of=as_of)
    print(f"document: {args.actions} actions, {args.relations} relations, {len(text):,} bytes")
    print(f"findings: {len(report)} ({report.summary()})")

    loads = median_seconds(args.runs, lambda: uguaglianza.loads(text))
    validate = median_seconds(args.runs, lambda: uguaglianza.from_data(data))
    rules = median_seconds(args.runs, lambda: check(doc, as_of=as_of))
    print(f"loads (parse + validate): {loads:7.3f} s  (median of {args.runs})")
    print(f"from_data (validate):     {validate:7.3f} s")
    print(f"rules (all, one pass):    {rules:7.3f} s")
    print(f"rules / loads:     {rules / loads:.2f}")
    print(f"rules / from_data: {rules / validate:.2f}")


if __name__ == "__main__":
    main()
