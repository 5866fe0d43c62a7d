"""Seeded landscapes of Italy's equality machinery, at a fraction of national size.

``landscape(scale, seed)`` returns the plain data of a landscape document (dicts, lists
and strings, ready for ``json.dumps``); the same scale and seed always give the same
document. At scale 1.0 it holds 8,000 comuni in 600 socio-health districts, 110 provinces
and metropolitan cities in 20 regions, 2,000 governance bodies of about 10 members,
20,000 organisations, 50,000 actions with partners and indicators and 200,000 dated
relations, with the concepts of format 2.0 at the rates real documents show them:
services whose operator changes after a tender, money passed on by an intermediary,
grants split by year and co-financed, opinions and duties on plans, acts with their
steps and parties, measurements split by staff category and sex. A small share of the
data is deliberately imperfect, so that every rule finds
something and every analysis has work to do: comuni no body reaches, overlapping
memberships, leads that are also partners, periods out of order, unfunded grants... ::

    python bench/generate.py --size 10% --seed 0 -o landscape-10.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The three benchmark sizes, as fractions of national size.
SIZES = {"1%": 0.01, "10%": 0.1, "100%": 1.0}

Data = dict[str, Any]

_ROOTS = ("San", "Castel", "Monte", "Borgo", "Villa", "Porto", "Rocca", "Torre", "Casal", "Pieve")
_STEMS = (
    "Giorgio",
    "Pietro",
    "Lazzaro",
    "Benedetto",
    "Martino",
    "Maggiore",
    "Guelfo",
    "Fiore",
    "Alto",
    "Nuovo",
    "Franco",
    "Rosso",
    "Bianco",
    "Vecchio",
    "Serra",
    "Valle",
    "Ponte",
    "Lago",
)
_TAILS = ("", "", "", " di Sopra", " di Piano", " Terme", " Emilia", " al Mare", " in Colle")
_PLAN_KINDS = ("equality_plan", "anti_violence_plan", "sectoral_objectives", "social_zone_plan")
_GROUNDS = (
    "sex",
    "gender_identity",
    "sexual_orientation",
    "disability",
    "age",
    "ethnic_origin",
    "race",
    "religion_or_belief",
    "nationality",
    "language",
    "social_origin",
)
_TARGETS = (
    "women",
    "girls",
    "migrants",
    "young_people",
    "older_people",
    "persons_with_disabilities",
    "lgbtqia_people",
    "victims_of_violence",
    "unemployed_people",
    "students",
    "workers",
)
_ASSOCIATION_KINDS = ("association", "third_sector", "charity", "school", "business", "foundation")
_BODY_KINDS = ("thematic_table", "working_group", "network", "observatory", "forum", "committee")
_SERVICE_KINDS = (
    "anti_discrimination_desk",
    "anti_violence_centre",
    "legal_advice",
    "helpline",
    "psychological_support",
    "cultural_mediation",
    "employment_support",
    "shelter",
)
#: Relation kinds and their weights.
_RELATION_KINDS = {
    "collaborates_with": 22,
    "coordinates": 10,
    "supports": 12,
    "refers_cases_to": 12,
    "reports_to": 8,
    "participates_in": 10,
    "member_of": 6,
    "monitors": 6,
    "implements": 6,
    "partner_of": 4,
    "funds": 2,
    "hosts": 2,
}
_AREAS = (
    ("Lavoro pagato", "bologna_paid_work"),
    ("Lavoro non pagato e cura", "bologna_unpaid_work"),
    ("Contrasto alla violenza di genere", "bologna_violence"),
    ("Cultura dell'uguaglianza", "bologna_culture_of_equality"),
    ("Contrasto alle discriminazioni multiple", "bologna_multiple_discrimination"),
)
_GEP_AREAS = (
    ("Conciliazione vita-lavoro", "gep_work_life_balance"),
    ("Equilibrio di genere nei vertici", "gep_leadership_decision_making"),
    ("Reclutamento e carriere", "gep_recruitment_career"),
    ("Dimensione di genere nella ricerca", "gep_research_teaching"),
)


@dataclass(frozen=True)
class Counts:
    """How many of each thing a landscape of a given scale holds (at least one of each)."""

    regions: int
    provinces: int
    districts: int
    comuni: int
    organisations: int
    persons: int
    bodies: int
    actions: int
    funds: int
    calls: int
    projects: int
    services: int
    relations: int
    sources: int


def counts(scale: float) -> Counts:
    """The intended number of each entity at *scale* (1.0 is national size)."""

    def n(national: int) -> int:
        return max(1, round(national * scale))

    return Counts(
        regions=n(20),
        provinces=n(110),
        districts=n(600),
        comuni=n(8000),
        organisations=n(20000),
        persons=n(3000),
        bodies=n(2000),
        actions=n(50000),
        funds=min(10, n(10) + 2),
        calls=n(100),
        projects=n(1000),
        services=n(3000),
        relations=n(200000),
        sources=n(200),
    )


class _Maker:
    """Builds one landscape; every random choice goes through one seeded generator."""

    def __init__(self, scale: float, seed: int) -> None:
        self.count = counts(scale)
        self.rng = random.Random(seed)
        self.seed = seed

    # Small helpers ---------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items: Sequence[Any]) -> Any:
        return items[int(self.rng.random() * len(items))]

    def some(self, items: Sequence[Any], low: int, high: int) -> list[Any]:
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def day(self, first: int, last: int) -> str:
        year = self.rng.randint(first, last)
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def period(self, first: int = 2016, last: int = 2024) -> Data:
        start = self.rng.randint(first, last)
        period: Data = {"start": f"{start}-{self.rng.randint(1, 12):02d}"}
        if self.chance(0.7):
            period["end"] = str(start + self.rng.randint(1, 5))
        return period

    def disordered(self) -> Data:
        start = self.rng.randint(2020, 2024)
        return {"start": str(start), "end": str(start - self.rng.randint(1, 3))}

    def cite(self, item: Data, p: float = 0.1) -> Data:
        if self.chance(p):
            item["source"] = {
                "document": self.pick(self.sources),
                "locator": f"p. {self.rng.randint(1, 80)}",
            }
        return item

    def place_name(self) -> str:
        return f"{self.pick(_ROOTS)} {self.pick(_STEMS)}{self.pick(_TAILS)}"

    def money(self, low: int, high: int) -> Data:
        return {"amount": f"{self.rng.randint(low, high) * 100}.00", "currency": "EUR"}

    # The landscape ---------------------------------------------------------------------

    def build(self) -> Data:
        self.sources = [f"src-{i}" for i in range(self.count.sources)]
        data: Data = {
            "document": "landscape",
            "schema_version": "2.0",
            "id": f"italia-{self.count.comuni}-seed-{self.seed}",
            "name": "Piani per l'uguaglianza in Italia (dati generati)",
            "description": "Generated for benchmarks: realistic in shape, invented in detail.",
            "codelists": {
                "body_kinds": [{"code": "tavolo_distrettuale", "name": "Tavolo distrettuale"}]
            },
            "sources": [
                {
                    "id": source,
                    "name": f"Delibera e allegati n. {i}",
                    "date": self.day(2019, 2024),
                    "url": f"https://example.org/atti/{i}",
                }
                for i, source in enumerate(self.sources)
            ],
        }
        data["territories"] = self.territories()
        data["organisations"] = self.organisations()
        data["persons"], data["posts"] = self.people()
        data["bodies"] = self.bodies()
        data["funds"], data["calls"], data["grants"], data["projects"] = self.funding()
        data["services"] = self.services()
        data["plans"], data["acts"] = self.plans()
        data["opinions"], data["obligations"] = self.opinions, self.obligations
        data["transfers"] = self.transfers(data["services"])
        data["relations"] = self.relations()
        return data

    def yearly(self, amount: Data, first: int) -> list[Data]:
        """*amount* split over two years, in whole hundreds, as budgets are."""
        hundreds = int(amount["amount"].split(".")[0]) // 100
        part = self.rng.randint(0, hundreds)
        return [
            {"year": first, "amount": {"amount": f"{part * 100}.00", "currency": "EUR"}},
            {
                "year": first + 1,
                "amount": {"amount": f"{(hundreds - part) * 100}.00", "currency": "EUR"},
                "planned": True,
            },
        ]

    def territories(self) -> list[Data]:
        c = self.count
        self.regions = [f"reg-{i:02d}" for i in range(1, c.regions + 1)]
        self.provinces = [f"prov-{i:03d}" for i in range(1, c.provinces + 1)]
        self.districts = [f"dist-{i:03d}" for i in range(1, c.districts + 1)]
        self.comuni = [f"com-{i:04d}" for i in range(1, c.comuni + 1)]
        self.region_of = {
            p: self.regions[i % len(self.regions)] for i, p in enumerate(self.provinces)
        }
        self.province_of = {
            d: self.provinces[i * len(self.provinces) // len(self.districts)]
            for i, d in enumerate(self.districts)
        }
        self.district_of = {
            m: self.districts[i * len(self.districts) // len(self.comuni)]
            for i, m in enumerate(self.comuni)
        }
        # Provinces without a provincial table, and in them districts without a table of
        # their own, no service and no office in the network: their comuni stay unreached.
        self.untabled = {p for i, p in enumerate(self.provinces) if i % 5 in (0, 3)}
        self.remote = {
            d
            for i, d in enumerate(self.districts)
            if self.province_of[d] in self.untabled and i % 6 == 5
        }
        self.comuni_of: dict[str, list[str]] = {p: [] for p in self.provinces}
        self.district_comuni: dict[str, list[str]] = {d: [] for d in self.districts}
        for comune in self.comuni:
            district = self.district_of[comune]
            self.district_comuni[district].append(comune)
            self.comuni_of[self.province_of[district]].append(comune)
        items: list[Data] = [
            {"id": r, "kind": "region", "name": f"Regione {self.place_name()}", "istat_code": r[4:]}
            for r in self.regions
        ]
        for i, p in enumerate(self.provinces):
            kind = "metropolitan_city" if i % 8 == 0 else "province"
            items.append(
                {
                    "id": p,
                    "kind": kind,
                    "name": f"Provincia di {self.place_name()}",
                    "istat_code": p[5:],
                    "part_of": [{"territory": self.region_of[p]}],
                }
            )
        for d in self.districts:
            items.append(
                {
                    "id": d,
                    "kind": "socio_health_district",
                    "name": f"Distretto {self.place_name()}",
                    "part_of": [{"territory": self.province_of[d]}],
                }
            )
        for number, m in enumerate(self.comuni, 1):
            district = self.district_of[m]
            province = self.province_of[district]
            code = f"{province[5:]}{number % 1000:03d}"
            if self.chance(0.002):  # a code of another province (UG107)
                code = f"{(int(province[5:]) % 110) + 1:03d}{number % 1000:03d}"
            links: list[Data] = [
                {"territory": district, "kind": "socio_health_district"},
                {"territory": province},
            ]
            if self.chance(0.03):  # moved district: the old link has ended
                links[0]["period"] = {"start": "2014-01-01"}
                old = self.pick(self.districts)
                links.insert(
                    0,
                    {
                        "territory": old,
                        "kind": "socio_health_district",
                        "period": {"end": "2013-12-31"},
                    },
                )
            elif self.chance(0.002):  # in two districts at once (UG101)
                links.append(
                    {"territory": self.pick(self.districts), "kind": "socio_health_district"}
                )
            elif self.chance(0.002):  # no district (UG102)
                del links[0]
            item: Data = {"id": m, "kind": "comune", "name": self.place_name(), "istat_code": code}
            item["part_of"] = links
            if self.chance(0.01):
                item["period"] = {"start": f"{self.rng.randint(2014, 2019)}-01-01"}
            items.append(item)
        return items

    def organisations(self) -> list[Data]:
        orgs: list[Data] = []
        self.comune_org = {m: f"org-{m}" for m in self.comuni}
        for m in self.comuni:
            orgs.append(
                {
                    "id": self.comune_org[m],
                    "kind": "comune",
                    "name": f"Comune di {self.place_name()}",
                    "territory": m,
                }
            )
        for d in self.districts:
            orgs.append(
                {
                    "id": f"org-{d}",
                    "kind": "social_area_office",
                    "name": f"Ufficio di piano {d}",
                    "territory": d,
                }
            )
        for p in self.provinces:
            orgs.append({"id": f"org-{p}", "kind": "province", "name": f"Ente {p}", "territory": p})
            orgs.append(
                {"id": f"pref-{p}", "kind": "prefecture", "name": f"Prefettura {p}", "territory": p}
            )
        for r in self.regions:
            orgs.append(
                {"id": f"org-{r}", "kind": "region", "name": f"Regione {r}", "territory": r}
            )
        self.universities: list[tuple[str, str]] = []
        for i in range(max(1, len(self.provinces) * 3 // 4)):
            p = self.provinces[i % len(self.provinces)]
            uid = f"uni-{i:03d}"
            self.universities.append((uid, p))
            orgs.append(
                {"id": uid, "kind": "university", "name": f"Università {i}", "territory": p}
            )
        for i, d in enumerate(self.districts[::5]):
            orgs.append(
                {
                    "id": f"ausl-{i:03d}",
                    "kind": "health_authority",
                    "name": f"Azienda USL {i}",
                    "territory": d,
                    "acts_for": [d],
                }
            )
        self.agencies = [f"agency-{d}" for d in self.districts[::4]]
        for agency in self.agencies:
            d = agency[7:]
            orgs.append(
                {
                    "id": agency,
                    "kind": "special_agency",
                    "name": f"Azienda speciale {d}",
                    "acts_for": [d],
                }
            )
        for r in self.regions:
            orgs.append(
                {
                    "id": f"osservatorio-{r}",
                    "kind": "observatory",
                    "name": f"Osservatorio regionale antidiscriminazioni {r}",
                }
            )
        # Associations, departments and businesses, in the big towns: the first fifth of each
        # province's comuni. Comuni elsewhere are reached only through their own tables.
        self.local: dict[str, list[str]] = {p: [] for p in self.provinces}
        big = {p: ms[: max(1, len(ms) // 5)] for p, ms in self.comuni_of.items()}
        i = 0
        while len(orgs) < self.count.organisations:
            province = self.pick(self.provinces)
            comune = self.pick(big[province])
            if self.chance(0.15):
                org: Data = {
                    "id": f"dept-{i:05d}",
                    "kind": "department",
                    "name": f"Settore pari opportunità {i}",
                    "parent": self.comune_org[comune],
                }
            else:
                org = {
                    "id": f"assoc-{i:05d}",
                    "kind": self.pick(_ASSOCIATION_KINDS),
                    "name": f"Associazione {self.place_name()} {i}",
                    "territory": comune,
                }
                if self.chance(0.2):
                    org["email"] = f"info{i}@example.org"
            orgs.append(self.cite(org, 0.05))
            self.local[province].append(org["id"])
            i += 1
        self.org_ids = [org["id"] for org in orgs]
        self.towns = {p: [self.comune_org[m] for m in ms] for p, ms in big.items()}
        return orgs

    def people(self) -> tuple[list[Data], list[Data]]:
        persons = [
            {
                "id": f"pers-{i:05d}",
                "name": f"Persona {i}",
                "given_name": f"Nome{i}",
                "family_name": f"Cognome{i}",
            }
            for i in range(self.count.persons)
        ]
        posts: list[Data] = []
        kinds = ("sindaco", "assessore", "consigliera_di_parita", "presidente", "dirigente")
        for i, person in enumerate(persons):
            kind = kinds[i % len(kinds)]
            owner = self.comune_org[self.comuni[i % len(self.comuni)]]
            if kind in ("consigliera_di_parita", "presidente"):
                owner = f"org-{self.provinces[i % len(self.provinces)]}"
            post: Data = {
                "id": f"post-{i:05d}",
                "kind": kind,
                "name": f"{kind} {i}",
                "organisation": owner,
                "holder": person["id"],
                "period": self.period(2016, 2023),
            }
            if kind == "assessore":
                post["portfolio"] = "Pari opportunità"
            posts.append(post)
        self.posts = posts
        return persons, posts

    def membership(self, member: str, role: str = "member") -> Data:
        seat: Data = {"member": member}
        if role != "member":
            seat["role"] = role
        if self.chance(0.2):
            seat["period"] = self.period(2018, 2024)
        return seat

    def bodies(self) -> list[Data]:
        bodies: list[Data] = []
        self.networks: dict[str, str] = {}
        # District tables (a few districts have none), province tables for most provinces.
        for i, d in enumerate(self.districts):
            if d in self.remote:
                continue
            members = [self.membership(self.comune_org[m]) for m in self.district_comuni[d]]
            if members:
                members[0]["role"] = "chair"
            body: Data = {
                "id": f"tavolo-{d}",
                "kind": "coordination_table",
                "name": f"Tavolo di coordinamento {d}",
                "level": "political",
                "territory": d,
                "convener": f"org-{d}",
                "members": members,
            }
            if members:
                body["chair"] = members[0]["member"]
            if i % 7 == 0:
                body["kind"] = "tavolo_distrettuale"
            bodies.append(self.cite(body))
        for p in self.provinces:
            if p in self.untabled:
                continue
            bodies.append(
                {
                    "id": f"tavolo-{p}",
                    "kind": "coordination_table",
                    "name": f"Tavolo provinciale pari opportunità {p}",
                    "level": "mixed",
                    "territory": p,
                    "convener": f"org-{p}",
                    "chair": f"org-{p}",
                    "members": [self.membership(f"org-{p}", "chair"), self.membership(f"pref-{p}")]
                    + [self.membership(o) for o in self.towns[p][:8]],
                    "meetings": [
                        {
                            "id": f"seduta-{p}-{k}",
                            "date": self.day(2021, 2024),
                            "agenda": [{"title": "Piano per l'uguaglianza", "plan": f"piano-{p}"}],
                        }
                        for k in range(2)
                    ],
                }
            )
        for r in self.regions:
            self.networks[r] = f"rete-{r}"
            observatory = f"osservatorio-{r}"
            bodies.append(
                {
                    "id": f"rete-{r}",
                    "kind": "network",
                    "level": "technical",
                    "name": f"Rete antidiscriminazione {r}",
                    "convener": observatory,
                    "members": [self.membership(observatory, "coordinator")],
                }
            )
        tables = {body["id"] for body in bodies}
        mayors = [post for post in self.posts if post["kind"] == "sindaco"]
        # Thematic tables, working groups, observatories: associations and big towns.
        i = 0
        while len(bodies) < self.count.bodies:
            p = self.provinces[i % len(self.provinces)]
            pool = self.local[p] + self.towns[p]
            seats = self.some(pool, 6, 14)
            members = [self.membership(seat) for seat in seats]
            if i % 97 == 5 and members:  # the same seat twice at once (UG202)
                members.append({"member": seats[0], "period": {"start": "2020"}})
                members[0]["period"] = {"start": "2019", "end": "2023"}
            body = {
                "id": f"gruppo-{i:05d}",
                "kind": self.pick(_BODY_KINDS),
                "name": f"Gruppo di lavoro {i}",
                "level": "technical",
                "convener": self.towns[p][0],
                "members": members,
            }
            if i % 53 == 7:
                body["members"] = []  # a body without members (UG701)
            if i % 3 == 0 and f"tavolo-{p}" in tables:
                body["parent"] = f"tavolo-{p}"
            if seats and i % 4 == 0:
                body["chair"] = seats[0] if i % 40 else self.pick(mayors)["id"]
            bodies.append(self.cite(body))
            i += 1
        self.body_ids = [body["id"] for body in bodies]
        return bodies

    def funding(self) -> tuple[list[Data], list[Data], list[Data], list[Data]]:
        c = self.count
        funds = [
            {
                "id": f"fondo-{i}",
                "kind": "eu_fund" if i % 2 == 0 else "national_fund",
                "name": f"Fondo {i}",
                "period": {"start": "2021", "end": "2027"},
                "managing_authority": f"org-{self.regions[i % len(self.regions)]}",
                "budget": self.money(10_000_000, 90_000_000),
            }
            for i in range(c.funds)
        ]
        calls = [
            {
                "id": f"avviso-{i:03d}",
                "kind": "call_for_proposals",
                "name": f"Avviso {i}",
                "fund": funds[i % len(funds)]["id"],
                "issuer": f"org-{self.regions[i % len(self.regions)]}",
                "date": self.day(2021, 2024),
                "budget": self.money(500_000, 2_000_000),
            }
            for i in range(c.calls)
        ]
        grants: list[Data] = []
        projects: list[Data] = []
        for i in range(c.projects):
            p = self.pick(self.provinces)
            lead = self.pick(self.local[p] + self.towns[p])
            partners = [{"member": m} for m in self.some(self.local[p] + self.towns[p], 2, 6)]
            if self.chance(0.3):
                agency = self.pick(self.agencies)
                partners.append({"member": agency[7:], "through": agency, "status": "confirmed"})
            if i % 150 == 3:
                partners.append({"member": lead})  # lead also partner (UG402)
            start = self.rng.randint(2021, 2025)
            project: Data = {
                "id": f"prog-{i:04d}",
                "name": f"Progetto {i}",
                "acronym": f"PRJ{i}",
                "lead": lead,
                "partners": partners,
                "territories": [p],
                "period": {"start": str(start), "end": str(start + 2)},
                "phases": [
                    {"id": f"prog-{i:04d}-fase-{k}", "name": name, "order": k}
                    for k, name in enumerate(("Mappatura", "Prevenzione", "Monitoraggio"), 1)
                ],
                "grounds": self.some(_GROUNDS, 1, 3),
            }
            projects.append(self.cite(project))
            if i % 40 == 9:
                continue  # a project without a grant (UG403)
            call = calls[i % len(calls)]
            grant: Data = {
                "id": f"contributo-{i:04d}",
                "name": f"Contributo {i}",
                "call": call["id"],
                "fund": call["fund"],
                "recipient": lead,
                "project": project["id"],
                "amount": self.money(100, 6000),
                "status": "admitted",
                "date": self.day(2021, 2024),
            }
            if i % 120 == 11:
                grant["amount"] = {"amount": "0.00", "currency": "EUR"}  # UG406
            elif self.chance(0.6):
                grant["by_year"] = self.yearly(grant["amount"], start)
            if self.chance(0.2):  # the region pays a share beside the fund
                share = self.pick((10, 20, 25, 30))
                grant["co_financing"] = [
                    {"funder": call["fund"], "share": str(100 - share)},
                    {"funder": call["issuer"], "share": str(share)},
                ]
            grants.append(grant)
        self.project_ids = [project["id"] for project in projects]
        self.grant_ids = [grant["id"] for grant in grants]
        return funds, calls, grants, projects

    def services(self) -> list[Data]:
        services: list[Data] = []
        for i in range(self.count.services):
            j = i * 7
            d = self.districts[j % len(self.districts)]
            while d in self.remote:
                j += 1
                d = self.districts[j % len(self.districts)]
            p = self.province_of[d]
            start = self.rng.randint(2014, 2021)
            tenure: Data = {
                "operator": self.pick(self.local[p] + self.towns[p]),
                "period": {"start": str(start)},
            }
            operators = [tenure]
            if self.chance(0.3):  # another operator won the next tender
                change = start + self.rng.randint(2, 4)
                tenure["period"]["end"] = str(change - 1)
                operators.append(
                    {
                        "operator": self.pick(self.local[p] + self.towns[p]),
                        "period": {"start": str(change)},
                    }
                )
            kind = self.pick(_SERVICE_KINDS)
            service: Data = {
                "id": f"servizio-{i:05d}",
                "kind": kind,
                "name": f"Sportello {i}",
                "operators": operators,
                "territories": [d],
                "networks": [
                    {"network": self.networks[self.region_of[p]], "period": {"start": str(start)}}
                ],
                "grounds": self.some(_GROUNDS, 1, 4),
            }
            if i % 90 == 1:
                del service["operators"]  # UG704
            if kind in ("anti_violence_centre", "shelter"):
                service["capacity"] = [
                    {
                        "places": self.rng.randint(4, 30),
                        "unit": "posti letto",
                        "period": {"start": str(start)},
                    }
                ]
            if self.chance(0.6):
                service["contacts"] = [{"kind": "phone", "value": f"+39 0{i:09d}"}]
                if self.chance(0.5):
                    service["contacts"].append(
                        {"kind": "email", "value": f"sportello{i}@example.org"}
                    )
            if self.chance(0.4):
                service["opening_hours"] = [
                    {"days": ["mo", "we", "fr"], "opens": "09:00", "closes": "13:00"}
                ]
                if self.chance(0.3):
                    service["opening_hours"].append(
                        {"days": ["tu", "th"], "opens": "14:30", "closes": "18:00"}
                    )
            if self.chance(0.05):  # suspended for a while, then reactivated
                pause = start + self.rng.randint(1, 3)
                service["statuses"] = [
                    {"status": "active", "period": {"start": str(start), "end": str(pause)}},
                    {"status": "suspended", "period": {"start": str(pause + 1)}},
                ]
            if i % 10 == 0:
                service["project"] = self.pick(self.project_ids)
            services.append(service)
        self.service_ids = [service["id"] for service in services]
        return services

    def plans(self) -> tuple[list[Data], list[Data]]:
        # (id, owner, scope, kind, weight): regions, provinces, comuni, universities.
        specs: list[tuple[str, str, str, str, int]] = []
        for r in self.regions:
            specs.append((f"piano-{r}", f"org-{r}", r, "equality_plan", 300))
            specs.append((f"programma-{r}", f"org-{r}", r, "anti_discrimination_programme", 100))
        for i, p in enumerate(self.provinces):
            specs.append((f"piano-{p}", f"org-{p}", p, _PLAN_KINDS[i % len(_PLAN_KINDS)], 200))
        for m in self.comuni[::30]:
            kind = "positive_action_plan" if int(m[4:]) % 60 == 1 else "equality_plan"
            specs.append((f"piano-{m}", self.comune_org[m], m, kind, 40))
        for uid, p in self.universities:
            specs.append((f"gep-{uid}", uid, p, "gender_equality_plan", 30))
        total = sum(spec[4] for spec in specs)
        budget = self.count.actions
        plans: list[Data] = []
        acts: list[Data] = []
        self.opinions: list[Data] = []
        self.obligations: list[Data] = []
        for n, (pid, owner, scope, kind, weight) in enumerate(specs):
            share = budget * weight // total if n < len(specs) - 1 else budget
            share = max(1, min(share, budget - (len(specs) - n - 1)))
            budget -= share
            total -= weight
            plans.append(self.plan(pid, owner, scope, kind, share, n, acts))
        return plans, acts

    def plan(
        self, pid: str, owner: str, scope: str, kind: str, size: int, n: int, acts: list[Data]
    ) -> Data:
        start = 2020 + n % 4
        gep = kind == "gender_equality_plan"
        areas = [
            {"id": f"{pid}/area-{k}", "name": name, "reference": code}
            for k, (name, code) in enumerate(_GEP_AREAS if gep else _AREAS, 1)
        ]
        indicators: list[Data] = []
        objectives: list[Data] = []
        for k in range(max(1, size // 10)):
            ind = f"{pid}/ind-{k}"
            people = k % 3 == 0
            indicator: Data = {
                "id": ind,
                "name": f"Persone raggiunte {k}" if people else f"Quota {k}",
                "type": "output" if people else "outcome",
                "unit": "persone" if people else "%",
                "counts_people": people,
                "sex_disaggregated": people and k % 9 != 0,
                "frequency": "annual",
                "baseline": {"value": f"{self.rng.randint(0, 400)}.{k % 10}", "date": str(start)},
                "target": {"value": f"{self.rng.randint(400, 900)}.5", "date": str(start + 5)},
                "measurements": [
                    {
                        "date": str(start + y),
                        "value": str(self.rng.randint(100, 700)),
                        "female": str(self.rng.randint(50, 350)),
                        "male": str(self.rng.randint(50, 350)),
                    }
                    for y in range(1, 1 + k % 3)
                ],
            }
            if k % 4 == 1 and indicator["measurements"]:
                # Staff by category and sex, as a CUG's yearly report tables them.
                indicator["measurements"][0]["breakdown"] = [
                    {
                        "by": [
                            {"dimension": "staff_category", "category": category},
                            {"dimension": "sex", "category": sex},
                        ],
                        "value": str(self.rng.randint(5, 120)),
                    }
                    for category in ("dirigenti", "funzionari", "operatori")
                    for sex in ("female", "male")
                ]
            indicators.append(indicator)
            objective: Data = {
                "id": f"{pid}/ob-{k}",
                "name": f"Obiettivo {k}",
                "areas": [areas[k % len(areas)]["id"]],
            }
            if k % 11 != 5:  # some objectives lack an indicator (UG307)
                objective["indicators"] = [ind]
            objectives.append(objective)
        if scope in self.district_of:  # a comune's plan
            provinces = [self.province_of[self.district_of[scope]]]
            places = [scope]
        else:
            provinces = [p for p in self.provinces if scope in (p, self.region_of[p])]
            places = [m for p in provinces for m in self.comuni_of[p]] or self.comuni
        actors = [o for p in provinces for o in self.local[p] + self.towns[p]] or self.org_ids
        actions: list[Data] = []
        for k in range(size):
            lead = self.pick(actors)
            action: Data = {
                "id": f"{pid}/az-{k:04d}",
                "name": f"Azione {k}",
                "lead": lead,
                "partners": self.some(actors, 0, 4),
                "areas": [areas[k % len(areas)]["id"]],
                "objectives": [objectives[k % len(objectives)]["id"]],
                "territories": [self.pick(places)],
                "grounds": self.some(_GROUNDS, 1, 3),
                "target_groups": self.some(_TARGETS, 1, 2),
                "status": "ongoing" if k % 3 else "planned",
                "indicators": [indicators[k % len(indicators)]["id"]],
            }
            if lead in action["partners"]:
                action["partners"].remove(lead)
            if k % 500 == 17:
                action["partners"].append(lead)  # UG305
            if k % 4 == 0:
                action["period"] = {"start": f"{start + k % 3}-0{1 + k % 9}"}
                if k % 200 == 8:
                    action["period"] = {"start": str(start - 3)}  # before the plan (UG204)
            if k % 6 == 0:
                action["budget"] = self.money(10, 5000)
            if k % 25 == 0 and self.grant_ids:
                action["funding"] = [self.pick(self.grant_ids)]
            if k % 10 == 0:
                action["intersectional"] = True
                action["grounds"] = self.some(_GROUNDS, 2, 3)
                if k % 300 == 0:
                    action["grounds"] = action["grounds"][:1]  # UG310
            if k % 15 == 0:
                action["kind"] = "good_practice"
                action["origin"] = self.pick(places) if k % 450 else self.pick(self.comuni)
            if gep and k == 0:
                action["frameworks"] = ["he_gep_training"]
            actions.append(self.cite(action, 0.02))
        if size >= len(areas) + 1 and n % 9 == 4:
            last = areas[-1]["id"]  # an area no action is in (UG301)
            for action in actions:
                if action["areas"] == [last]:
                    action["areas"] = [areas[0]["id"]]
        status = ("adopted", "implementing", "monitoring", "draft")[n % 4]
        plan: Data = {
            "id": pid,
            "kind": kind,
            "name": f"Piano {pid}",
            "owner": owner,
            "scope": [scope],
            "period": {"start": str(start), "end": str(start + 5)},
            "status": status,
            "frameworks": ["sdg_5", "eu_charter_article_21"],
            "areas": areas,
            "objectives": objectives,
            "actions": actions,
            "indicators": indicators,
        }
        if gep:
            plan["frameworks"] = ["he_gep_public_document", "he_gep_training"]
        if scope in self.region_of and n % 3 == 0:  # a provincial plan under the regional one
            plan["links"] = [{"kind": "implements", "plan": f"piano-{self.region_of[scope]}"}]
        if n % 4 == 1:
            budget = self.money(500, 20_000)
            plan["resources"] = {"budget": budget, "by_year": self.yearly(budget, start)}
        if gep or n % 5 == 0:  # monitored every year, as the GEP criteria ask
            plan["monitoring_frequency"] = "annual"
            self.obligations.append(
                {
                    "id": f"monitoraggio-{pid}",
                    "name": f"Monitoraggio annuale del {plan['name']}",
                    "kind": "monitor",
                    "bearer": owner,
                    "subject": pid,
                    "every": "annual",
                    "period": plan["period"],
                }
            )
        if status != "draft" and n % 13 != 6:  # an adopted plan without its act (UG206)
            year = start if n % 29 != 3 else start + 1  # a protocol of another year (UG210)
            acts.append(
                {
                    "id": f"delibera-{pid}",
                    "kind": "council_resolution",
                    "name": f"Approvazione del {plan['name']}",
                    "number": f"{1000 + n}/{year}",
                    "date": f"{start}-0{1 + n % 9}-15",
                    "issuer": owner,
                    "effects": [{"effect": "adopts", "target": pid}],
                    "steps": [
                        {"step": "approved", "date": f"{start}-0{1 + n % 9}-15", "by": owner},
                        {"step": "published", "date": f"{start}-0{1 + n % 9}-28"},
                    ],
                    "in_force": plan["period"],
                    "url": f"https://example.org/delibere/{n}",
                }
            )
            if n % 6 == 2:  # an agreement other organisations adhere to
                acts[-1]["parties"] = [
                    {"party": party, "role": "adherent"} for party in self.some(actors, 2, 5)
                ]
            if n % 3 != 2:  # an opinion before the adoption, most of them favourable
                opinion: Data = {
                    "id": f"parere-{pid}",
                    "name": f"Parere sul {plan['name']}",
                    "by": self.pick(actors),
                    "on": pid,
                    "date": f"{start}-0{1 + n % 9}-01",
                    "outcome": "favourable",
                }
                if n % 7 == 0:
                    opinion["outcome"] = "favourable_with_conditions"
                    opinion["conditions"] = "Integrare gli indicatori di genere."
                self.opinions.append(opinion)
            plan["milestones"] = [
                {"kind": "adoption", "date": f"{start}-0{1 + n % 9}-15", "act": f"delibera-{pid}"}
            ]
        return self.cite(plan, 0.3)

    def transfers(self, services: list[Data]) -> list[Data]:
        """Regional money for a third of the services, paid on by the district's office."""
        transfers: list[Data] = []
        for service in services[::3]:
            if "operators" not in service:
                continue
            district = service["territories"][0]
            province = self.province_of[district]
            amount = self.money(200, 1500)
            start = int(service["operators"][-1]["period"]["start"])
            transfers.append(
                {
                    "id": f"trasferimento-{service['id']}",
                    "payer": f"org-{self.region_of[province]}",
                    "via": [f"org-{district}"],
                    "payee": service["operators"][-1]["operator"],
                    "amount": amount,
                    "by_year": self.yearly(amount, start),
                    "period": {"start": str(start), "end": str(start + 1)},
                    "purpose": service["id"],
                }
            )
        return transfers

    def relations(self) -> list[Data]:
        kinds = [kind for kind, weight in _RELATION_KINDS.items() for _ in range(weight)]
        # Comuni outside the big towns never appear here, so some stay out of reach.
        # Nothing standing for an untabled province, its region or a remote district.
        remote = {f"org-{d}" for d in self.remote} | {f"agency-{d}" for d in self.remote}
        remote |= {f"ausl-{i:03d}" for i, d in enumerate(self.districts[::5]) if d in self.remote}
        remote |= {f"org-{p}" for p in self.untabled} | {f"pref-{p}" for p in self.untabled}
        remote |= {uid for uid, p in self.universities if p in self.untabled}
        remote |= {f"org-{r}" for r in self.regions}
        ends = [o for o in self.org_ids if not o.startswith("org-com-") and o not in remote]
        ends += [o for towns in self.towns.values() for o in towns]
        ends += self.body_ids + self.service_ids + self.project_ids
        relations: list[Data] = []
        rng = self.rng
        for i in range(self.count.relations):
            relation: Data = {
                "kind": kinds[int(rng.random() * len(kinds))],
                "subject": ends[int(rng.random() * len(ends))],
                "target": ends[int(rng.random() * len(ends))],
            }
            roll = rng.random()
            if roll < 0.85:
                relation["period"] = self.period(2015, 2024)
            elif roll < 0.851:
                relation["period"] = self.disordered()  # UG201
            elif roll < 0.8515:
                relation["target"] = relation["subject"]  # UG007
            elif roll < 0.853 and relations:
                relation = dict(relations[-1])  # the same relation again (UG008)
                relation.pop("id", None)
            if i % 20 == 0:
                relation["id"] = f"rel-{i:06d}"
            relations.append(self.cite(relation, 0.05))
        return relations


def landscape(scale: float = 1.0, seed: int = 0) -> Data:
    """A landscape of national size times *scale*, as plain data; the same for the same seed."""
    return _Maker(scale, seed).build()


def landscape_json(scale: float = 1.0, seed: int = 0) -> bytes:
    """The landscape as compact UTF-8 JSON (the standard library writes it at C speed)."""
    text = json.dumps(landscape(scale, seed), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _size(text: str) -> float:
    if text in SIZES:
        return SIZES[text]
    return float(text.rstrip("%")) / (100 if text.endswith("%") else 1)


def main(argv: list[str] | None = None) -> int:
    """Write a generated landscape to a file or to standard output."""
    parser = argparse.ArgumentParser(description="Generate a seeded benchmark landscape.")
    parser.add_argument("--size", default="1%", help="1%%, 10%%, 100%% or a scale such as 0.5")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    data = landscape_json(_size(args.size), args.seed)
    if args.output is None:
        sys.stdout.buffer.write(data)
    else:
        args.output.write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
