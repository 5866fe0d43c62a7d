"""UG1xx — territory: districts that partition their area, ISTAT codes, dated links.

District rules work at the run's date (``as_of``): a link or a territory without a
period holds at every date. A comune belongs to a district through any link to a
territory of kind ``socio_health_district``, and to its metropolitan city or province
through an ``administrative`` link.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

import attrs

from uguaglianza.dates import Period
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Loc, Severity, Text
from uguaglianza.rules.spans import active_on, overlapping

__all__ = ["RULES"]

COMUNE = "comune"
DISTRICT = "socio_health_district"
#: Territories whose comuni the districts partition.
AREA_KINDS = frozenset({"metropolitan_city", "province", "autonomous_province"})
#: ISTAT code lengths by territory kind.
ISTAT_DIGITS = {
    "comune": 6,
    "province": 3,
    "metropolitan_city": 3,
    "autonomous_province": 3,
    "region": 2,
}
_ISTAT = "ISTAT, Codici statistici delle unità amministrative territoriali"
_DISTRICTS = "L. 328/2000 art. 8; D.Lgs. 502/1992 art. 3-quater (distretti socio-sanitari)"


@attrs.frozen(slots=True)
class _Placement:
    """Where each territory stands at ``as_of``."""

    alive: frozenset[str]
    kinds: dict[str, str]
    """Each territory's kind as the rules read it: a kind narrower than ``comune``, a
    district or an area kind counts as that kind."""
    district_ids: frozenset[str]
    """Districts that exist at the date."""
    districts: dict[str, list[tuple[str, Loc]]]
    """comune -> (district, link) for every district link holding at the date."""
    areas: dict[str, list[str]]
    """comune or district -> the metropolitan cities / provinces it lies in at the date."""


def _meaning(ctx: Context, kind: str) -> str:
    """The kind the district rules know that *kind* is, through broader codes."""
    if kind in (COMUNE, DISTRICT) or kind in AREA_KINDS:
        return kind
    for known in (COMUNE, DISTRICT, *AREA_KINDS):
        if ctx.is_a("territory_kinds", kind, known):
            return known
    return kind


def _placement(ctx: Context) -> _Placement:
    meanings = {kind: _meaning(ctx, kind) for kind in {t.kind for t in ctx.doc.territories}}
    kinds = {t.id: meanings[t.kind] for t in ctx.doc.territories}
    alive: set[str] = set()
    districts: dict[str, list[tuple[str, Loc]]] = defaultdict(list)
    areas: dict[str, list[str]] = defaultdict(list)
    for i, territory in enumerate(ctx.doc.territories):
        if not active_on(territory.period, ctx.as_of):
            continue
        alive.add(territory.id)
        kind = kinds[territory.id]
        if kind not in (COMUNE, DISTRICT):
            continue
        for j, link in enumerate(territory.part_of):
            if not active_on(link.period, ctx.as_of):
                continue
            target_kind = kinds.get(link.territory)
            if kind == COMUNE and target_kind == DISTRICT:
                districts[territory.id].append((link.territory, ("territories", i, "part_of", j)))
            elif target_kind in AREA_KINDS and (kind == DISTRICT or link.kind == "administrative"):
                areas[territory.id].append(link.territory)
    district_ids = frozenset(t for t in alive if kinds[t] == DISTRICT)
    return _Placement(frozenset(alive), kinds, district_ids, districts, areas)


def _comuni(ctx: Context) -> Iterator[tuple[int, str]]:
    placement = ctx.memo(_placement)
    for i, territory in enumerate(ctx.doc.territories):
        if placement.kinds[territory.id] == COMUNE and territory.id in placement.alive:
            yield i, territory.id


def _check_many_districts(ctx: Context) -> Iterator[Hit]:
    placement = ctx.memo(_placement)
    for _, comune in _comuni(ctx):
        links = placement.districts.get(comune, [])
        names = list(dict.fromkeys(district for district, _ in links))
        if len(names) > 1:
            yield Hit((*links[-1][1], "territory"), names, {"date": ctx.as_of.isoformat()})


def _partitioned(placement: _Placement) -> set[str]:
    """Metropolitan cities and provinces that some district lies in at the date."""
    return {
        area for district in placement.district_ids for area in placement.areas.get(district, ())
    }


def _check_no_district(ctx: Context) -> Iterator[Hit]:
    placement = ctx.memo(_placement)
    partitioned = _partitioned(placement)
    for i, comune in _comuni(ctx):
        if placement.districts.get(comune):
            continue
        covered = [area for area in placement.areas.get(comune, ()) if area in partitioned]
        if covered:
            args = {"area": covered[0], "date": ctx.as_of.isoformat()}
            yield Hit(("territories", i, "part_of"), comune, args)


def _check_district_elsewhere(ctx: Context) -> Iterator[Hit]:
    placement = ctx.memo(_placement)
    for _, comune in _comuni(ctx):
        own = set(placement.areas.get(comune, ()))
        if not own:
            continue
        for district, loc in placement.districts.get(comune, ()):
            theirs = placement.areas.get(district)
            if theirs and own.isdisjoint(theirs):
                args = {"district": district, "area": ", ".join(sorted(own))}
                yield Hit((*loc, "territory"), district, args)


def _check_unplaced_district(ctx: Context) -> Iterator[Hit]:
    placement = ctx.memo(_placement)
    for i, territory in enumerate(ctx.doc.territories):
        if (
            placement.kinds[territory.id] == DISTRICT
            and territory.id in placement.alive
            and not placement.areas.get(territory.id)
        ):
            yield Hit(("territories", i, "part_of"), territory.id, {"date": ctx.as_of.isoformat()})


def _check_empty_district(ctx: Context) -> Iterator[Hit]:
    placement = ctx.memo(_placement)
    used: set[str] = set()
    mapped: set[str] = set()  # areas whose comuni are mapped to districts in the document
    for comune, links in placement.districts.items():
        used.update(district for district, _ in links)
        mapped.update(placement.areas.get(comune, ()))
    for i, territory in enumerate(ctx.doc.territories):
        if placement.kinds[territory.id] != DISTRICT or territory.id in used:
            continue
        if territory.id in placement.alive and mapped.intersection(
            placement.areas.get(territory.id, ())
        ):
            yield Hit(("territories", i), territory.id, {"date": ctx.as_of.isoformat()})


def _check_istat_format(ctx: Context) -> Iterator[Hit]:
    for i, territory in enumerate(ctx.doc.territories):
        digits = ISTAT_DIGITS.get(territory.kind)
        code = territory.istat_code
        if (
            code is not None
            and digits is not None
            and not re.fullmatch(rf"[0-9]{{{digits}}}", code)
        ):
            args = {"digits": digits, "kind": territory.kind}
            yield Hit(("territories", i, "istat_code"), code, args)


def _province_prefixes(code: str, kind: str) -> set[str]:
    """The prefixes a comune's code may start with, given its area's ISTAT code.

    A metropolitan city may carry its own code (200 + the province's, e.g. 237 for
    Bologna) or the province's historical code (037); comuni keep the latter.
    """
    prefixes = {code}
    if kind == "metropolitan_city" and code.startswith("2"):
        prefixes.add(f"{int(code) - 200:03d}")
    return prefixes


def _check_istat_province(ctx: Context) -> Iterator[Hit]:
    placement = ctx.memo(_placement)
    territories = {t.id: t for t in ctx.doc.territories}
    for i, comune in _comuni(ctx):
        code = ctx.doc.territories[i].istat_code
        if code is None or len(code) != 6 or not code.isdigit():
            continue
        for area_id in placement.areas.get(comune, ()):
            area = territories[area_id]
            if area.istat_code is None or len(area.istat_code) != 3:
                continue
            prefixes = _province_prefixes(area.istat_code, area.kind)
            if code[:3] not in prefixes:
                args = {"area": area.id, "prefix": " / ".join(sorted(prefixes))}
                yield Hit(("territories", i, "istat_code"), code, args)


def _check_istat_duplicates(ctx: Context) -> Iterator[Hit]:
    placement = ctx.memo(_placement)
    first: dict[tuple[str, str], str] = {}
    for i, territory in enumerate(ctx.doc.territories):
        code = territory.istat_code
        if code is None or territory.id not in placement.alive:
            continue
        other = first.setdefault((territory.kind, code), territory.id)
        if other != territory.id:
            yield Hit(("territories", i, "istat_code"), code, {"other": other})


def _check_link_overlaps(ctx: Context) -> Iterator[Hit]:
    kinds = {t.id: t.kind for t in ctx.doc.territories}
    for i, territory in enumerate(ctx.doc.territories):
        if len(territory.part_of) < 2:
            continue
        groups: dict[str, list[tuple[Period | None, int]]] = defaultdict(list)
        for j, link in enumerate(territory.part_of):
            target_kind = kinds.get(link.territory)
            if target_kind is not None and target_kind != DISTRICT:
                groups[target_kind].append((link.period, j))
        for target_kind, links in groups.items():
            if len(links) < 2:
                continue
            for later, earlier in overlapping(links):
                link = territory.part_of[later]
                args = {"kind": target_kind, "other": f"part_of[{earlier}]"}
                yield Hit(("territories", i, "part_of", later), link.territory, args)


_DISTRICT_HINT = Text(
    "aggiungi o correggi il legame `part_of` verso il distretto, con il suo periodo",
    "add or correct the `part_of` link to the district, with its period",
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="UG101",
        name="comune-in-many-districts",
        title=Text(
            "Un comune appartiene a un solo distretto socio-sanitario per volta",
            "A comune belongs to one socio-health district at a time",
        ),
        message=Text(
            "al {date} il comune appartiene a più distretti socio-sanitari",
            "on {date} the comune belongs to more than one socio-health district",
        ),
        hint=Text(
            "lascia un solo distretto valido a quella data, chiudendo i periodi degli altri",
            "keep one district valid at that date by closing the others' periods",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "I distretti ripartiscono il territorio: ogni comune sta in uno e un solo distretto.",
            "Districts partition the territory: every comune lies in exactly one district.",
        ),
        basis="law",
        source=_DISTRICTS,
        check=_check_many_districts,
    ),
    Rule(
        code="UG102",
        name="comune-without-district",
        title=Text(
            "Ogni comune di un'area divisa in distretti appartiene a un distretto",
            "Every comune of an area divided into districts belongs to a district",
        ),
        message=Text(
            "al {date} il comune non appartiene a nessun distretto, ma {area} è diviso in "
            "distretti",
            "on {date} the comune belongs to no district, but {area} is divided into districts",
        ),
        hint=_DISTRICT_HINT,
        severity=Severity.ERROR,
        rationale=Text(
            "Un comune scoperto resta fuori dal coordinamento e dai servizi del distretto.",
            "A comune left out is outside the district's coordination and services.",
        ),
        basis="law",
        source=_DISTRICTS,
        check=_check_no_district,
    ),
    Rule(
        code="UG103",
        name="district-outside-area",
        title=Text(
            "Il distretto di un comune sta nella stessa città metropolitana o provincia",
            "A comune's district lies in the comune's metropolitan city or province",
        ),
        message=Text(
            "il distretto {district} non fa parte di {area}, a cui appartiene il comune",
            "district {district} is not part of {area}, which the comune belongs to",
        ),
        hint=_DISTRICT_HINT,
        severity=Severity.ERROR,
        rationale=Text(
            "I distretti ripartiscono la loro città metropolitana o provincia: un comune non "
            "può stare nel distretto di un'altra area.",
            "Districts partition their metropolitan city or province: a comune cannot lie "
            "in another area's district.",
        ),
        basis="law",
        source=_DISTRICTS,
        check=_check_district_elsewhere,
    ),
    Rule(
        code="UG104",
        name="unplaced-district",
        title=Text(
            "Un distretto fa parte di una città metropolitana o provincia",
            "A district is part of a metropolitan city or province",
        ),
        message=Text(
            "al {date} il distretto non fa parte di nessuna città metropolitana o provincia",
            "on {date} the district is part of no metropolitan city or province",
        ),
        hint=Text(
            "aggiungi un legame `part_of` verso la sua città metropolitana o provincia",
            "add a `part_of` link to its metropolitan city or province",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Senza la sua area non si può verificare che i distretti la ripartiscano.",
            "Without its area one cannot check that the districts partition it.",
        ),
        basis="good_practice",
        source=_DISTRICTS,
        check=_check_unplaced_district,
    ),
    Rule(
        code="UG105",
        name="empty-district",
        title=Text(
            "Ogni distretto di un'area mappata ha almeno un comune",
            "Every district of a mapped area has at least one comune",
        ),
        message=Text(
            "al {date} nessun comune appartiene al distretto, benché i comuni della sua area "
            "siano assegnati ai distretti",
            "on {date} no comune belongs to the district, although the comuni of its area are "
            "assigned to districts",
        ),
        hint=Text(
            "collega i comuni del distretto o chiudi il periodo del distretto",
            "link the district's comuni, or close the district's period",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Un distretto vuoto indica comuni assegnati al distretto sbagliato.",
            "An empty district points at comuni assigned to the wrong district.",
        ),
        basis="consistency",
        source=_DISTRICTS,
        check=_check_empty_district,
    ),
    Rule(
        code="UG106",
        name="malformed-istat-code",
        title=Text(
            "I codici ISTAT hanno la forma prevista per il tipo di territorio",
            "ISTAT codes have the form their kind of territory requires",
        ),
        message=Text(
            "il codice ISTAT di un territorio di tipo {kind} deve avere {digits} cifre",
            "the ISTAT code of a territory of kind {kind} must have {digits} digits",
        ),
        hint=Text(
            'scrivi il codice come stringa con gli zeri iniziali, es. "037006"',
            'write the code as a string with its leading zeros, e.g. "037006"',
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Comuni a 6 cifre, province e città metropolitane a 3, regioni a 2: altrimenti "
            "il codice non si collega alle statistiche ufficiali.",
            "Comuni have 6 digits, provinces and metropolitan cities 3, regions 2: otherwise "
            "the code does not join official statistics.",
        ),
        basis="guideline",
        source=_ISTAT,
        check=_check_istat_format,
    ),
    Rule(
        code="UG107",
        name="istat-code-province-mismatch",
        title=Text(
            "Il codice ISTAT di un comune comincia con quello della sua provincia",
            "A comune's ISTAT code starts with its province's code",
        ),
        message=Text(
            "il codice non comincia con {prefix}, il codice di {area}",
            "the code does not start with {prefix}, the code of {area}",
        ),
        hint=Text(
            "correggi il codice del comune o il legame amministrativo alla provincia",
            "correct the comune's code or its administrative link to the province",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Le prime tre cifre del codice di un comune sono quelle della sua provincia "
            "(per le città metropolitane, il codice storico della provincia: 037 per Bologna).",
            "The first three digits of a comune's code are its province's (for metropolitan "
            "cities, the province's historical code: 037 for Bologna).",
        ),
        basis="guideline",
        source=_ISTAT,
        check=_check_istat_province,
    ),
    Rule(
        code="UG108",
        name="duplicate-istat-code",
        title=Text(
            "Due territori esistenti dello stesso tipo non hanno lo stesso codice ISTAT",
            "Two existing territories of one kind do not share an ISTAT code",
        ),
        message=Text(
            "lo stesso codice ISTAT è già di {other}",
            "the same ISTAT code already belongs to {other}",
        ),
        hint=Text(
            "correggi uno dei due codici, o dai al territorio soppresso il suo periodo",
            "correct one of the codes, or give the abolished territory its period",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un codice ISTAT identifica un solo territorio in vita.",
            "An ISTAT code identifies one living territory.",
        ),
        basis="guideline",
        source=_ISTAT,
        check=_check_istat_duplicates,
    ),
    Rule(
        code="UG109",
        name="overlapping-territorial-links",
        title=Text(
            "I legami verso territori dello stesso tipo non si sovrappongono nel tempo",
            "Links to territories of one kind do not overlap in time",
        ),
        message=Text(
            "il legame verso un territorio di tipo {kind} si sovrappone nel tempo a {other}",
            "the link to a territory of kind {kind} overlaps in time with {other}",
        ),
        hint=Text(
            "dai ai due legami periodi consecutivi (la fine dell'uno prima dell'inizio dell'altro)",
            "give the two links consecutive periods (one ends before the other starts)",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un territorio sta in una sola provincia, regione, unione o ambito per volta; i "
            "distretti sono controllati alla data da UG101.",
            "A territory lies in one province, region, union or area at a time; districts "
            "are checked at the date by UG101.",
        ),
        basis="consistency",
        source="Testo unico degli enti locali (D.Lgs. 267/2000)",
        check=_check_link_overlaps,
    ),
)
