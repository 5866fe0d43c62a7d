"""UG0xx — the document as a whole: structure, references, identity, relations.

UG000-UG005 are also enforced while a document is read (the loader reports them under
the same codes); the checks here catch documents assembled in Python without validation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from uguaglianza.codelists import codelist_names, load_codelist
from uguaglianza.rules.catalogue import Check, Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Loc, Severity, Text

__all__ = ["RULES"]

_CONSISTENCY = "uguaglianza document format (docs/model.md)"


def _problems(kind: str) -> Check:
    """A check reporting the index problems of *kind* (found in one pass for all five)."""

    def check(ctx: Context) -> Iterator[Hit]:
        for problem in ctx.problems:
            if problem.kind == kind:
                yield Hit(problem.loc, problem.value)

    return check


def _parent_edges(ctx: Context) -> dict[str, list[tuple[str, Loc]]]:
    """``child -> [(parent, where the link is written)]`` for every hierarchy."""
    edges: dict[str, list[tuple[str, Loc]]] = {}
    for kind in ("action", "organisation", "body"):
        for record in ctx.records(kind):
            parent = record.entity.parent
            if parent is not None:
                edges[record.entity.id] = [(parent, (*record.loc, "parent"))]
    for i, territory in enumerate(ctx.doc.territories):
        if territory.part_of:
            edges[territory.id] = [
                (link.territory, ("territories", i, "part_of", j, "territory"))
                for j, link in enumerate(territory.part_of)
            ]
    return edges


def _cycles(edges: Mapping[str, Sequence[tuple[str, Loc]]]) -> Iterator[tuple[Loc, list[str]]]:
    """Each cycle once, as the link that closes it and the ids around it (iterative DFS)."""
    state: dict[str, bool] = {}  # False while on the current path, True once finished
    for root in edges:
        if root in state:
            continue
        path = [root]
        state[root] = False
        stack = [iter(edges[root])]
        while stack:
            for parent, loc in stack[-1]:
                seen = state.get(parent)
                if seen is None:
                    state[parent] = False
                    path.append(parent)
                    stack.append(iter(edges.get(parent, ())))
                    break
                if seen is False:
                    yield loc, [*path[path.index(parent) :], parent]
            else:
                state[path.pop()] = True
                stack.pop()


def _check_cycles(ctx: Context) -> Iterator[Hit]:
    for loc, cycle in _cycles(_parent_edges(ctx)):
        yield Hit(loc, cycle[-1], {"cycle": " → ".join(cycle)})


def _check_self_relations(ctx: Context) -> Iterator[Hit]:
    for i, relation in enumerate(ctx.doc.relations):
        if relation.subject == relation.target:
            yield Hit(("relations", i, "target"), relation.target)


def _check_duplicate_relations(ctx: Context) -> Iterator[Hit]:
    first: dict[tuple[object, ...], int] = {}
    for i, relation in enumerate(ctx.doc.relations):
        period = relation.period
        bounds = None if period is None else (period.start, period.end)
        key = (relation.kind, relation.subject, relation.target, bounds)
        earlier = first.setdefault(key, i)
        if earlier != i:
            yield Hit(("relations", i), relation.kind, {"first": f"relations[{earlier}]"})


def _check_declared_codes(ctx: Context) -> Iterator[Hit]:
    names = set(codelist_names())
    for name, declared in ctx.doc.codelists.items():
        shipped = load_codelist(name).codes_set() if name in names else frozenset()
        seen: set[str] = set()
        for i, item in enumerate(declared):
            if item.code in shipped or item.code in seen:
                yield Hit(("codelists", name, i, "code"), item.code, {"codelist": name})
            seen.add(item.code)


_REF_HINT = Text(
    "definisci l'entità con questo id o correggi il riferimento",
    "define the entity with this id, or correct the reference",
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="UG000",
        name="invalid-structure",
        title=Text(
            "Il documento rispetta la struttura del formato",
            "The document follows the format's structure",
        ),
        message=Text("struttura non valida: {detail}", "invalid structure: {detail}"),
        hint=Text(
            "correggi il valore secondo lo schema del formato (comando `uguaglianza schema`)",
            "fix the value to match the format's schema (command `uguaglianza schema`)",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Campi, tipi e formati sbagliati rendono il documento illeggibile per ogni altro "
            "controllo; il dettaglio viene dal validatore ed è in inglese.",
            "Wrong fields, types and formats make the document unreadable for every other "
            "check; the detail comes from the validator, in English.",
        ),
        basis="consistency",
        source=_CONSISTENCY,
    ),
    Rule(
        code="UG001",
        name="dangling-reference",
        title=Text(
            "Ogni riferimento punta a un'entità esistente",
            "Every reference points at an existing entity",
        ),
        message=Text(
            "il riferimento non corrisponde a nessuna entità del documento",
            "the reference matches no entity in the document",
        ),
        hint=_REF_HINT,
        severity=Severity.ERROR,
        rationale=Text(
            "Un riferimento a vuoto spezza i legami tra piano, attori e territori.",
            "A reference to nothing breaks the links between plan, actors and territories.",
        ),
        basis="consistency",
        source=_CONSISTENCY,
        check=_problems("dangling_reference"),
    ),
    Rule(
        code="UG002",
        name="duplicate-id",
        title=Text("Gli id sono unici nel documento", "Ids are unique in the document"),
        message=Text(
            "l'id è già usato da un'altra entità del documento",
            "the id is already used by another entity of the document",
        ),
        hint=Text("rinomina una delle due entità", "rename one of the two entities"),
        severity=Severity.ERROR,
        rationale=Text(
            "Con due entità dallo stesso id ogni riferimento diventa ambiguo.",
            "With two entities sharing an id every reference to it is ambiguous.",
        ),
        basis="consistency",
        source=_CONSISTENCY,
        check=_problems("duplicate_id"),
    ),
    Rule(
        code="UG003",
        name="wrong-reference-kind",
        title=Text(
            "Ogni riferimento punta a un'entità del tipo giusto",
            "Every reference points at an entity of the right kind",
        ),
        message=Text(
            "il riferimento punta a un'entità di un tipo che questo campo non ammette",
            "the reference points at an entity of a kind this field does not accept",
        ),
        hint=Text(
            "punta a un'entità del tipo previsto dal campo (vedi docs/model.md)",
            "point at an entity of the kind the field expects (see docs/model.md)",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un capofila che è un territorio, o un'area che è un'azione, non ha senso.",
            "A lead that is a territory, or an area that is an action, makes no sense.",
        ),
        basis="consistency",
        source=_CONSISTENCY,
        check=_problems("wrong_reference_kind"),
    ),
    Rule(
        code="UG004",
        name="unknown-code",
        title=Text(
            "Ogni codice è nella lista o dichiarato dal documento",
            "Every code is in its codelist or declared by the document",
        ),
        message=Text(
            "il codice non è nella lista e il documento non lo dichiara",
            "the code is not in the codelist and the document does not declare it",
        ),
        hint=Text(
            "usa un codice della lista, oppure dichiaralo sotto `codelists`",
            "use a code from the list, or declare it under `codelists`",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "I vocabolari condivisi rendono i piani confrontabili.",
            "Shared vocabularies make plans comparable.",
        ),
        basis="consistency",
        source=_CONSISTENCY,
        check=_problems("unknown_code"),
    ),
    Rule(
        code="UG005",
        name="unknown-codelist",
        title=Text(
            "I codici dichiarati appartengono a liste esistenti",
            "Declared codes belong to existing codelists",
        ),
        message=Text(
            "il documento dichiara codici per una lista che non esiste",
            "the document declares codes for a codelist that does not exist",
        ),
        hint=Text(
            "usa il nome di una lista esistente (uguaglianza.codelists.codelist_names())",
            "use the name of an existing codelist (uguaglianza.codelists.codelist_names())",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Codici dichiarati per una lista sconosciuta non servono a nessun campo.",
            "Codes declared for an unknown codelist serve no field.",
        ),
        basis="consistency",
        source=_CONSISTENCY,
        check=_problems("unknown_codelist"),
    ),
    Rule(
        code="UG006",
        name="hierarchy-cycle",
        title=Text(
            "Le gerarchie non tornano su se stesse",
            "Hierarchies do not loop back on themselves",
        ),
        message=Text(
            "la catena di appartenenza è circolare: {cycle}",
            "the chain of parents is circular: {cycle}",
        ),
        hint=Text(
            "correggi il `parent` o il `part_of` che chiude il cerchio",
            "correct the `parent` or `part_of` that closes the loop",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "Un'azione, un'organizzazione, un organo o un territorio non può contenere se "
            "stesso; le analisi per livelli non terminerebbero.",
            "An action, organisation, body or territory cannot contain itself; analyses "
            "by level would never end.",
        ),
        basis="consistency",
        source=_CONSISTENCY,
        check=_check_cycles,
    ),
    Rule(
        code="UG007",
        name="self-relation",
        title=Text(
            "Una relazione collega due entità diverse",
            "A relation connects two different entities",
        ),
        message=Text(
            "la relazione collega un'entità a se stessa",
            "the relation connects an entity to itself",
        ),
        hint=Text(
            "correggi `subject` o `target`, o togli la relazione",
            "correct `subject` or `target`, or remove the relation",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Nel grafo del coordinamento un anello su se stesso è quasi sempre un refuso.",
            "In the coordination graph a self-loop is almost always a typo.",
        ),
        basis="consistency",
        source=_CONSISTENCY,
        check=_check_self_relations,
    ),
    Rule(
        code="UG008",
        name="duplicate-relation",
        title=Text("Le relazioni non si ripetono", "Relations are not repeated"),
        message=Text(
            "relazione identica a {first}",
            "relation identical to {first}",
        ),
        hint=Text("togli la copia", "remove the copy"),
        severity=Severity.WARNING,
        rationale=Text(
            "Una relazione ripetuta pesa due volte nelle analisi della rete.",
            "A repeated relation counts twice in network analyses.",
        ),
        basis="consistency",
        source=_CONSISTENCY,
        check=_check_duplicate_relations,
    ),
    Rule(
        code="UG009",
        name="redundant-declared-code",
        title=Text(
            "I codici dichiarati sono nuovi",
            "Declared codes are new",
        ),
        message=Text(
            "il codice è già nella lista {codelist} o è dichiarato due volte",
            "the code is already in the {codelist} codelist or declared twice",
        ),
        hint=Text("togli la dichiarazione ripetuta", "remove the repeated declaration"),
        severity=Severity.INFO,
        rationale=Text(
            "Le liste si estendono aggiungendo codici, mai ridefinendoli.",
            "Codelists are extended by adding codes, never by redefining them.",
        ),
        basis="good_practice",
        source="uguaglianza codelists (docs/model.md, Values)",
        check=_check_declared_codes,
    ),
)
