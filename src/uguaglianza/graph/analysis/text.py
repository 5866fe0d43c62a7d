"""The analyses as text, in Italian or English: what ``uguaglianza analyse`` prints.

Kinds of service and territory are shown with their codelist label in the chosen
language, then their code; codes a document declares are shown as written.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from uguaglianza.codelists import load_codelist

if TYPE_CHECKING:
    from uguaglianza.graph.analysis.report import Analysis, Why

__all__ = ["LABELS", "Lang", "render", "render_frameworks", "why_text"]

Lang = Literal["it", "en"]

#: Every phrase of the text output, in Italian and English.
LABELS: dict[str, tuple[str, str]] = {
    "summary": (
        "{document}: {nodes} nodi, {edges} archi, {ties} legami",
        "{document}: {nodes} nodes, {edges} edges, {ties} ties",
    ),
    "as_of": (", al {day}", ", as of {day}"),
    "coverage": (
        "Copertura di {count} territori ({kinds})",
        "Coverage of {count} territories ({kinds})",
    ),
    "lacking": ("  senza {kind} presente: {count}", "  with no {kind} present: {count}"),
    "absent": (
        "  nessun servizio di tipo {kind} nella rete: manca ovunque",
        "  no service of kind {kind} in the network: missing everywhere",
    ),
    "unserved": ("  senza alcun servizio presente: {count}", "  with no service present: {count}"),
    "unreached": (
        "  fuori dalla competenza di ogni organismo di coordinamento: {count}",
        "  outside the remit of every coordination body: {count}",
    ),
    "reach_counts": (
        "  territori raggiunti, per organismo o servizio:",
        "  territories reached, by body or service:",
    ),
    "hubs": ("Snodi (vicini distinti)", "Hubs (distinct neighbours)"),
    "exact": ("esatta", "exact"),
    "sampled": (
        "campione di {sample} sorgenti, seme {seed}",
        "sampled from {sample} sources, seed {seed}",
    ),
    "brokers": (
        "Intermediari (betweenness, {how}, {backend})",
        "Brokers (betweenness, {how}, {backend})",
    ),
    "broker_error": (
        "  ± un errore standard, dallo scarto tra {batches} gruppi di sorgenti",
        "  ± one standard error, from the spread over {batches} batches of sources",
    ),
    "not_told_apart": (
        "  il campione non distingue questi intermediari: un --sample più grande li separa",
        "  the sample does not tell these brokers apart: a larger --sample separates them",
    ),
    "failures": (
        "Punti critici: {count} punti di articolazione",
        "Single points of failure: {count} articulation points",
    ),
    "bridges": (
        "Ponti (legami la cui perdita divide la rete): {count}",
        "Bridges (ties whose loss splits the network): {count}",
    ),
    "isolated": ("Soggetti isolati: {count}", "Isolated stakeholders: {count}"),
    "weakly_tied": (
        "Legati debolmente (un solo legame): {count}",
        "Weakly tied (a single tie): {count}",
    ),
    "detached": (
        "Separati dalla rete principale: {count} gruppi",
        "Apart from the main network: {count} groups",
    ),
    "paths": ("Percorsi dei casi da {desks} a {targets}", "Case paths from {desks} to {targets}"),
    "referral": (" (invio)", " (referral)"),
    "itself": (" (offerto dal servizio stesso)", " (offered by the service itself)"),
    "no_path": ("  nessun percorso: {count}", "  no path: {count}"),
    "absent_desk": (
        "  nessun servizio di tipo {kind} nella rete: nessun percorso da esso",
        "  no service of kind {kind} in the network: no path from it",
    ),
    "absent_target": (
        "  nessun servizio di tipo {kind} nella rete: nessun percorso cercato",
        "  no service of kind {kind} in the network: no path looked for",
    ),
    "idle_desk": (
        "  nessun servizio di tipo {kind} operativo il {day}: nessun percorso da esso",
        "  no service of kind {kind} operating on {day}: no path from it",
    ),
    "idle_target": (
        "  nessun servizio di tipo {kind} operativo il {day}: nessun percorso verso di esso",
        "  no service of kind {kind} operating on {day}: no path to it",
    ),
    "funding": ("Flussi di finanziamento", "Funding flows"),
    "fund": ("  {payer} raggiunge {count}", "  {payer} reaches {count}"),
    "co_financer": (
        "  {payer} (cofinanziatore) raggiunge {count}",
        "  {payer} (co-financer) reaches {count}",
    ),
    "transfer_payer": (
        "  {payer} (trasferimenti) raggiunge {count}",
        "  {payer} (transfers) reaches {count}",
    ),
    "communities": (
        "Comunità ({method}, modularità {modularity:.3f}): {count}",
        "Communities ({method}, modularity {modularity:.3f}): {count}",
    ),
    "community": ("{hub} e altri {more}", "{hub} and {more} more"),
    "more": ("… e altri {count}", "… and {count} more"),
    "cuts_off": ("{what} (ne separa {count})", "{what} (cuts off {count})"),
    "only_through": ("{what} (solo tramite {other})", "{what} (only through {other})"),
    "how.funds": ("finanzia", "funds"),
    "how.awarded_to": ("assegnato a", "awarded to"),
    "how.co_finances": ("cofinanzia", "co-finances"),
    "how.pays": ("paga", "pays"),
    "how.purpose": ("destinazione", "purpose"),
    "how.lead": ("capofila", "lead"),
    "how.partner": ("partner", "partner"),
    "how.through": ("tramite", "through"),
    "left_out": ("Sezioni tralasciate: {sections}", "Sections left out: {sections}"),
    "left_out_hint": (
        "  (--all-sections le calcola comunque)",
        "  (--all-sections computes them anyway)",
    ),
    "note": ("  Nota: {why}", "  Note: {why}"),
    "organisational_plans": (
        "i piani sono di un'organizzazione per sé ({about}) e non c'è alcun servizio: la "
        "copertura dei comuni non dice nulla",
        "the plans are an organisation's own ({about}) and no service is described: "
        "coverage of comuni says nothing of them",
    ),
    "no_territories": (
        "nessun territorio di tipo {about}",
        "no territory of kind {about}",
    ),
    "no_desks": (
        "nessun servizio di tipo {about} da cui partire",
        "no service of kind {about} to start from",
    ),
    "no_targets": (
        "nessun servizio di tipo {about} da raggiungere",
        "no service of kind {about} to reach",
    ),
    "no_payers": (
        "nessun fondo, cofinanziamento o trasferimento",
        "no fund, co-financing or transfer",
    ),
}


def _say(key: str, lang: Lang, **values: Any) -> str:
    italian, english = LABELS[key]
    return (italian if lang == "it" else english).format(**values)


@functools.cache
def _labels(codelist: str, lang: Lang) -> dict[str, str]:
    return {
        code.code: code.label_it if lang == "it" else code.label_en
        for code in load_codelist(codelist)
    }


def kind_label(code: str, lang: Lang, codelist: str = "service_kinds") -> str:
    """A kind's label in *lang* with its code, or the code alone when not shipped."""
    label = _labels(codelist, lang).get(code)
    return f"{label} ({code})" if label else code


def why_text(why: Why, lang: Lang) -> str:
    """Why a section means nothing here, as a sentence in *lang*."""
    codelist = "territory_kinds" if why.reason == "no_territories" else "service_kinds"
    about = (
        ", ".join(why.about)
        if why.reason == "organisational_plans"
        else ", ".join(kind_label(code, lang, codelist) for code in why.about)
    )
    return _say(why.reason, lang, about=about)


def _listed(
    items: Sequence[Any],
    top: int,
    lang: Lang,
    indent: str = "  ",
    show: Callable[[Any], object] = str,
) -> Iterable[str]:
    for item in items[:top]:
        yield f"{indent}{show(item)}"
    if len(items) > top:
        yield indent + _say("more", lang, count=len(items) - top)


def _cut(item: Any, lang: Lang) -> str:
    """An articulation point or a bridge, with how many it cuts off."""
    what = getattr(item, "node", None) or " – ".join(end.id for end in item.ends)
    return _say("cuts_off", lang, what=what, count=item.cut_off)


def _coverage(cov: Any, top: int, lang: Lang) -> list[str]:
    kinds = ", ".join(kind_label(kind, lang, "territory_kinds") for kind in cov.territory_kinds)
    lines = ["", _say("coverage", lang, count=len(cov), kinds=kinds)]
    for kind, refs in cov.gaps().items():
        lines.append(_say("lacking", lang, kind=kind_label(kind, lang), count=len(refs)))
        lines += _listed([str(ref) for ref in refs], top, lang, "    ")
    lines += [_say("absent", lang, kind=kind_label(kind, lang)) for kind in cov.absent_kinds]
    lines.append(_say("unserved", lang, count=len(cov.unserved)))
    lines += _listed([str(ref) for ref in cov.unserved], top, lang, "    ")
    lines.append(_say("unreached", lang, count=len(cov.unreached)))
    lines += _listed([str(ref) for ref in cov.unreached], top, lang, "    ")
    lines.append(_say("reach_counts", lang))
    lines += _listed([f"{k}: {v}" for k, v in cov.reach_counts().items()], top, lang, "    ")
    return lines


def _paths(paths: Any, top: int, lang: Lang) -> list[str]:
    desks = ", ".join(kind_label(kind, lang) for kind in paths.desk_kinds)
    targets = ", ".join(kind_label(kind, lang) for kind in paths.target_kinds)
    lines = ["", _say("paths", lang, desks=desks, targets=targets)]
    for path in paths.paths[:top]:
        mark = _say("itself", lang) if path.itself else ""
        mark += _say("referral", lang) if path.referral else ""
        lines.append(f"  {path.target_kind}: {path}{mark}")
    if len(paths.paths) > top:
        lines.append("  " + _say("more", lang, count=len(paths.paths) - top))
    lines += [
        _say("absent_desk", lang, kind=kind_label(kind, lang)) for kind in paths.absent_desk_kinds
    ]
    lines += [
        _say("absent_target", lang, kind=kind_label(kind, lang))
        for kind in paths.absent_target_kinds
    ]
    lines += [
        _say("idle_desk", lang, kind=kind_label(kind, lang), day=paths.as_of)
        for kind in paths.idle_desk_kinds
    ]
    lines += [
        _say("idle_target", lang, kind=kind_label(kind, lang), day=paths.as_of)
        for kind in paths.idle_target_kinds
    ]
    missing = [f"{desk} → {kind}" for desk, kind in paths.unreachable]
    lines += [_say("no_path", lang, count=len(missing)), *_listed(missing, top, lang, "    ")]
    return lines


def _funding(funding: Any, top: int, lang: Lang) -> list[str]:
    lines = ["", _say("funding", lang)]
    for reach in funding.funds[:top]:
        lines.append(_say(reach.payer_kind, lang, payer=reach.fund, count=len(reach.reached)))
        lines += _listed(
            reach.reached,
            top,
            lang,
            "    ",
            lambda item: f"{' → '.join(item.chain)} ({_say('how.' + item.how, lang)})",
        )
    if len(funding.funds) > top:
        lines.append("  " + _say("more", lang, count=len(funding.funds) - top))
    return lines


def _hubs(hubs: Any, top: int, lang: Lang) -> list[str]:
    how = (
        _say("exact", lang)
        if hubs.exact
        else _say("sampled", lang, sample=hubs.sample, seed=hubs.seed)
    )
    return [
        "",
        _say("hubs", lang),
        *_listed(hubs.degree, top, lang),
        _say("brokers", lang, how=how, backend=hubs.backend),
        *_listed(hubs.betweenness, top, lang),
        *([_say("broker_error", lang, batches=hubs.batches)] if hubs.batches else []),
        *([] if hubs.told_apart else [_say("not_told_apart", lang)]),
    ]


def _failures(failures: Any, top: int, lang: Lang) -> list[str]:
    return [
        "",
        _say("failures", lang, count=len(failures.articulation_points)),
        *_listed(failures.articulation_points, top, lang, show=lambda i: _cut(i, lang)),
        _say("bridges", lang, count=len(failures.bridges)),
        *_listed(failures.bridges, top, lang, show=lambda i: _cut(i, lang)),
    ]


def _isolated(alone: Any, top: int, lang: Lang) -> list[str]:
    groups = [", ".join(ref.id for ref in group) for group in alone.detached]
    return [
        "",
        _say("isolated", lang, count=len(alone.isolated)),
        *_listed(alone.isolated, top, lang),
        _say("weakly_tied", lang, count=len(alone.weakly_tied)),
        *_listed(
            alone.weakly_tied,
            top,
            lang,
            show=lambda t: _say("only_through", lang, what=t.node, other=t.neighbour.id),
        ),
        _say("detached", lang, count=len(alone.detached)),
        *_listed(groups, top, lang),
    ]


def _communities(found: Any, top: int, lang: Lang) -> list[str]:
    head = _say(
        "communities",
        lang,
        method=found.method,
        modularity=found.modularity,
        count=len(found.groups),
    )
    return [
        "",
        head,
        *_listed(
            found.groups,
            top,
            lang,
            show=lambda g: _say("community", lang, hub=g.hub, more=len(g.members) - 1),
        ),
    ]


_FRAMEWORK_TEXTS = {
    "it": {
        "plan": "Quadri di riferimento del piano {plan}",
        "none": "Quadri di riferimento: nessun piano segue un quadro con versioni note",
        "version": "  {label}, versione {version}{how}: {covered} elementi coperti su {total}",
        "assumed": " (la più recente: il piano non dice quale segue)",
        "through": " — tramite {actions}",
        "by_plan": " — dal piano stesso",
        "uncovered": "    non coperti da nessuna azione né dal piano: {count}",
    },
    "en": {
        "plan": "Frameworks of plan {plan}",
        "none": "Frameworks: no plan follows or maps to a framework with known versions",
        "version": "  {label}, version {version}{how}: {covered} of {total} items covered",
        "assumed": " (the latest: the plan does not say which it follows)",
        "through": " — through {actions}",
        "by_plan": " — by the plan itself",
        "uncovered": "    covered by no action and not by the plan: {count}",
    },
}


def _cut_lines(items: Sequence[str], top: int, indent: str) -> list[str]:
    lines = [f"{indent}{item}" for item in items[:top]]
    if len(items) > top:
        lines.append(f"{indent}… {len(items) - top}")
    return lines


def render_frameworks(report: Any, top: int, lang: Lang = "en") -> list[str]:
    """The frameworks section as lines of text in *lang*, each list cut to *top* rows."""
    texts = _FRAMEWORK_TEXTS[lang]
    lines: list[str] = []
    mapped = [plan for plan in report.plans if plan.frameworks]
    if not mapped:
        return ["", texts["none"]]
    for plan in mapped:
        lines += ["", texts["plan"].format(plan=plan.plan)]
        for coverage in plan.frameworks:
            how = "" if coverage.version_stated else texts["assumed"]
            lines.append(
                texts["version"].format(
                    label=coverage.label(lang),
                    version=coverage.version,
                    how=how,
                    covered=len(coverage.covered),
                    total=len(coverage.items),
                )
            )
            covered = []
            for item in coverage.covered:
                line = f"{item.code}: {item.label(lang)}"
                if item.actions:
                    line += texts["through"].format(actions=", ".join(item.actions))
                if item.by_plan:
                    line += texts["by_plan"]
                covered.append(line)
            lines += _cut_lines(covered, top, "    ")
            lines.append(texts["uncovered"].format(count=len(coverage.uncovered)))
            missing = [f"{item.code}: {item.label(lang)}" for item in coverage.uncovered]
            lines += _cut_lines(missing, top, "      ")
    return lines


_SECTIONS: dict[str, Callable[[Any, int, Lang], list[str]]] = {
    "frameworks": render_frameworks,
    "coverage": _coverage,
    "hubs": _hubs,
    "failures": _failures,
    "isolated": _isolated,
    "paths": _paths,
    "funding": _funding,
    "communities": _communities,
}


def render(result: Analysis, top: int, lang: Lang = "en") -> list[str]:
    """The analysis as lines of text in *lang*, each list cut to *top* rows."""
    info = result.graph
    lines = [
        _say("summary", lang, **{k: info[k] for k in ("document", "nodes", "edges", "ties")})
        + (_say("as_of", lang, day=info["as_of"]) if info.get("as_of") else "")
    ]
    for name, section in result.results.items():
        part = _SECTIONS[name](section, top, lang)
        why = result.notes.get(name)
        if why is not None:  # right under the section's heading
            part.insert(2, _say("note", lang, why=why_text(why, lang)))
        lines += part
    if result.left_out:
        lines += ["", _say("left_out", lang, sections=", ".join(result.left_out))]
        lines += [f"  {name}: {why_text(why, lang)}" for name, why in result.left_out.items()]
        lines.append(_say("left_out_hint", lang))
    return lines
