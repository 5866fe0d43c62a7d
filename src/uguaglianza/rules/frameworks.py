"""UG012-UG013 — frameworks: the version a plan follows exists, and its mappings fit it.

A plan names the version of each framework it follows in ``follows``; the items its
actions, areas and the plan itself map to (``frameworks``, an area's ``reference``) must
belong to that version: an article added in 2022 does not exist for a plan that follows
the Charter of 2006. Versions and items are shipped data (``uguaglianza.codelists.frameworks``).
"""

from __future__ import annotations

from collections.abc import Iterator

from uguaglianza.codelists.frameworks import Framework, FrameworkVersion, load_frameworks
from uguaglianza.model import Plan
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Loc, Severity, Text

__all__ = ["RULES", "mapped_codes"]


def mapped_codes(plan: Plan, loc: Loc) -> Iterator[tuple[str, str, Loc]]:
    """Every framework mapping of *plan*: (codelist, code, where it is written)."""
    for i, code in enumerate(plan.frameworks):
        yield "frameworks", code, (*loc, "frameworks", i)
    for k, area in enumerate(plan.areas):
        if area.reference is not None:
            yield "reference_areas", area.reference, (*loc, "areas", k, "reference")
    for a, action in enumerate(plan.actions):
        for i, code in enumerate(action.frameworks):
            yield "frameworks", code, (*loc, "actions", a, "frameworks", i)


def _followed(plan: Plan) -> list[tuple[Framework, FrameworkVersion]]:
    shipped = load_frameworks()
    found = []
    for entry in plan.follows:
        framework = shipped.get(entry.framework)
        version = None if framework is None else framework.version(entry.version)
        if framework is not None and version is not None:
            found.append((framework, version))
    return found


def _check_mappings(ctx: Context) -> Iterator[Hit]:
    for info in ctx.plans:
        followed = _followed(info.plan)
        if not followed:
            continue
        for codelist, code, where in mapped_codes(info.plan, info.loc):
            lineage = ctx.codelist(codelist).lineage(code) or (code,)
            for framework, version in followed:
                if not any(c in framework.item_codes() for c in lineage):
                    continue
                if not any(version.has(c) for c in lineage):
                    args = {"framework": framework.code, "version": version.version}
                    yield Hit(where, code, args)


def _check_versions(ctx: Context) -> Iterator[Hit]:
    shipped = load_frameworks()
    for info in ctx.plans:
        for j, entry in enumerate(info.plan.follows):
            where = (*info.loc, "follows", j)
            framework = shipped.get(entry.framework)
            args: dict[str, object] = {"framework": entry.framework, "version": entry.version}
            if framework is None:
                args["known"] = _FRAMEWORKS.format({"names": ", ".join(sorted(shipped))})
                yield Hit((*where, "framework"), entry.framework, args)
            elif framework.version(entry.version) is None:
                args["known"] = _VERSIONS.format({"names": ", ".join(framework.version_names())})
                yield Hit((*where, "version"), entry.version, args)


_FRAMEWORKS = Text("quadri con versioni: {names}", "frameworks with versions: {names}")
_VERSIONS = Text("versioni: {names}", "versions: {names}")


RULES: tuple[Rule, ...] = (
    Rule(
        code="UG012",
        name="framework-item-not-in-version",
        title=Text(
            "I riferimenti ai quadri appartengono alla versione che il piano segue",
            "Framework mappings belong to the version the plan follows",
        ),
        message=Text(
            "questo elemento non fa parte della versione {version} di {framework}, che il "
            "piano dichiara di seguire",
            "this item is not part of version {version} of {framework}, which the plan "
            "says it follows",
        ),
        hint=Text(
            "collega l'azione a un elemento di quella versione, o correggi la versione in "
            "`follows` se il piano segue un altro testo",
            "map the action to an item of that version, or correct the version in `follows` "
            "if the plan follows another text",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un articolo aggiunto alla Carta nel 2022 non esiste per chi ha aderito al testo "
            "del 2006: un'analisi di copertura su una versione sbagliata conta elementi che "
            "il piano non deve coprire.",
            "An article added to the Charter in 2022 does not exist for a signatory of the "
            "2006 text: coverage measured against the wrong version counts items the plan "
            "is not bound to.",
        ),
        basis="consistency",
        source="The frameworks' own texts: CEMR Charter (2006; update of 6 December 2022), "
        "Horizon Europe GEP guidance (2021), Istanbul Convention (CETS No. 210), "
        "D.Lgs. 198/2006 art. 48, Strategia nazionale per la parità di genere 2021-2026, "
        "A/RES/70/1",
        check=_check_mappings,
    ),
    Rule(
        code="UG013",
        name="unknown-framework-version",
        title=Text(
            "La versione di un quadro seguita dal piano esiste",
            "The framework version a plan follows exists",
        ),
        message=Text(
            "la versione {version} di {framework} non è nota ({known})",
            "version {version} of {framework} is not known ({known})",
        ),
        hint=Text(
            "scrivi una delle versioni elencate, come le nomina la pagina delle liste di "
            "codici; se il quadro non ha versioni note, citalo solo in `frameworks`",
            "write one of the versions listed, as the codelists page names them; if the "
            "framework has no known versions, cite it in `frameworks` only",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Senza una versione nota i riferimenti delle azioni non si possono verificare.",
            "Without a known version, the actions' mappings cannot be checked.",
        ),
        basis="consistency",
        source="uguaglianza document format (docs/model.md): versions shipped with the "
        "library (uguaglianza.codelists.frameworks)",
        check=_check_versions,
    ),
)
