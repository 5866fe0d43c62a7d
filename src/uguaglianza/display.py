"""How documents, entities, reports and analysis results show in a notebook, in a language.

Every HTML fragment is compact (long lists are cut with a count of what is left out),
escaped, and written in the language chosen with :func:`set_language` or a ``lang``
argument: Italian (``it``) or English (``en``) for the library's own words, and the
names' translations in that language where the document has them. An entity shown on
its own links its references to the names they point at when it belongs to a document
that is still in use.
"""

from __future__ import annotations

import html
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from uguaglianza.dates import PartialDate, Period
from uguaglianza.model._base import Entity, Money, Named, Stated
from uguaglianza.model._resolve import _analyse, kind_of_entity

if TYPE_CHECKING:
    from uguaglianza.model import Landscape, PlanDocument
    from uguaglianza.rules.report import Finding, Report
    from uguaglianza.tables import Tabular

__all__ = ["LANGUAGES", "get_language", "language_of_names", "set_language", "to_html"]

Lang = Literal["it", "en"]
#: The languages the library writes its own words in.
LANGUAGES: tuple[Lang, ...] = ("it", "en")
#: At most this many rows of one list are shown; a last line counts the others.
MAX_ROWS = 25

_language: list[Lang] = ["en"]
#: Documents in use, by ``id()``: weak references, so that none is kept alive for display.
_documents: dict[int, weakref.ref[Any]] = {}

_WORDS: dict[str, tuple[str, str]] = {
    "document": ("Documento", "Document"),
    "plan": ("Piano", "Plan"),
    "area": ("Area di intervento", "Intervention area"),
    "action": ("Azione", "Action"),
    "body": ("Organismo", "Body"),
    "actions": ("Azioni", "Actions"),
    "bodies": ("Organismi", "Bodies"),
    "members": ("Componenti", "Members"),
    "contents": ("Contenuto", "Contents"),
    "name": ("Nome", "Name"),
    "lead": ("Capofila", "Lead"),
    "period": ("Periodo", "Period"),
    "budget": ("Budget", "Budget"),
    "status": ("Stato", "Status"),
    "kind": ("Tipo", "Kind"),
    "more": ("e altri {n}", "and {n} more"),
    "severity": ("Gravità", "Severity"),
    "code": ("Codice", "Code"),
    "where": ("Dove", "Where"),
    "message": ("Messaggio", "Message"),
    "hint": ("Come correggere", "How to fix"),
    "ok": ("nessun errore", "no errors"),
    "failed": ("con errori", "with errors"),
    "findings": ("Rilievi", "Findings"),
}


def set_language(lang: str) -> None:
    """Show the library's words and the names in *lang* (``it`` or ``en``) from now on.

    Raises:
        ValueError: *lang* is neither ``it`` nor ``en``.
    """
    _language[0] = _checked(lang)


def get_language() -> Lang:
    """The language chosen with :func:`set_language` (English until then)."""
    return _language[0]


def _checked(lang: str) -> Lang:
    if lang == "it":
        return "it"
    if lang == "en":
        return "en"
    raise ValueError(f"unknown language {lang!r}; the library speaks 'it' and 'en'")


def language_of_names(lang: str | None) -> str:
    """*lang*, or the chosen language when None."""
    return get_language() if lang is None else lang


def _lang(lang: str | None) -> Lang:
    return get_language() if lang is None else _checked(lang)


def _word(key: str, lang: Lang, **fields: object) -> str:
    it, en = _WORDS[key]
    return (it if lang == "it" else en).format(**fields)


def remember(doc: Any) -> None:
    """Let entities of *doc* shown on their own find the names their references point at."""
    key = id(doc)
    _documents[key] = weakref.ref(doc, lambda _ref: _documents.pop(key, None))


def document_of(entity: Entity) -> PlanDocument | Landscape | None:
    """A document in use that holds this very *entity*, or None."""
    for ref in list(_documents.values()):
        doc = ref()
        if doc is None:
            continue
        record = doc.index.get(entity.id)
        if record is not None and record.entity is entity:
            return doc  # type: ignore[no-any-return]
    return None


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _anchor(entity_id: str) -> str:
    return "ug-" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in entity_id)


class _Names:
    """The names ids point at, in one language, with links to where they are shown."""

    def __init__(self, doc: PlanDocument | Landscape | None, lang: Lang) -> None:
        self.doc = doc
        self.lang = lang

    def link(self, entity_id: str) -> str:
        record = self.doc.index.get(entity_id) if self.doc is not None else None
        if record is None:
            return f"<code>{_e(entity_id)}</code>"
        entity = record.entity
        name = entity.label(self.lang) if isinstance(entity, Named) else entity_id
        title = f"{record.kind} {entity_id}"
        return f'<a href="#{_anchor(entity_id)}" title="{_e(title)}">{_e(name)}</a>'


def _code_label(codelist: str, code: str, lang: Lang) -> str:
    from uguaglianza.codelists import load_codelist

    found = load_codelist(codelist).get(code)
    label = (found.label_it if lang == "it" else found.label_en) if found else code
    return f'<span title="{_e(code)}">{_e(label)}</span>'


def _value(name: str, value: Any, info: Any, names: _Names) -> str | None:
    """A field's value as HTML, or None when empty or shown elsewhere."""
    if value is None or value == () or value == {}:
        return None
    found = _analyse(info.annotation, list(info.metadata))
    items = value if isinstance(value, tuple) else (value,)
    if found is not None and found[0] == "ref":
        return ", ".join(names.link(item) for item in items)
    if found is not None and found[0] == "code":
        return ", ".join(_code_label(found[2], item, names.lang) for item in items)
    if isinstance(value, Money | Period | PartialDate | str | int):
        return _e(value)
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return _e(", ".join(value))
    if isinstance(value, tuple) and value and isinstance(value[0], Stated):
        return _list(_summary(item, names) for item in value)
    if isinstance(value, Stated) and not isinstance(value, Entity):
        return _summary(value, names)
    return None


def _summary(model: BaseModel, names: _Names) -> str:
    """One line for a part of an entity: its names, codes, dates and amounts."""
    if isinstance(model, Named):
        return names.link(model.id)
    parts = []
    for field, info in type(model).model_fields.items():
        if field in ("source", "absent", "extensions", "note"):
            continue
        shown = _value(field, getattr(model, field), info, names)
        if shown is not None and not shown.startswith("<ul"):
            parts.append(shown)
    return " · ".join(parts)


def _list(lines: Iterable[str]) -> str:
    items = list(lines)
    shown = "".join(f"<li>{line}</li>" for line in items[:MAX_ROWS])
    if len(items) > MAX_ROWS:
        shown += f"<li>… {len(items) - MAX_ROWS}</li>"
    return f'<ul style="margin:0;padding-left:1.2em">{shown}</ul>'


_STYLE = 'style="border-collapse:collapse;font-size:90%"'
_SKIP = frozenset({"id", "name", "translations", "extensions", "absent"})


def entity_html(
    entity: Entity, lang: str | None = None, doc: PlanDocument | Landscape | None = None
) -> str:
    """One entity as a small table of its filled fields, references shown by name."""
    chosen = _lang(lang)
    names = _Names(doc if doc is not None else document_of(entity), chosen)
    kind = kind_of_entity(entity) or type(entity).__name__
    title = _e(_WORDS[kind][0 if chosen == "it" else 1] if kind in _WORDS else kind)
    heading = f"<strong>{title}</strong> <code>{_e(entity.id)}</code>"
    if isinstance(entity, Named):
        heading += f" — <b>{_e(entity.label(names.lang))}</b>"
    rows = []
    for field, info in type(entity).model_fields.items():
        if field in _SKIP:
            continue
        shown = _value(field, getattr(entity, field), info, names)
        if shown is not None:
            rows.append(f'<tr><th style="text-align:left">{_e(field)}</th><td>{shown}</td></tr>')
    return (
        f'<div class="uguaglianza" id="{_anchor(entity.id)}">{heading}'
        f"<table {_STYLE}>{''.join(rows)}</table></div>"
    )


def _table(headers: Iterable[str], rows: list[list[str]], lang: Lang) -> str:
    head = "".join(f'<th style="text-align:left">{_e(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows[:MAX_ROWS]
    )
    if len(rows) > MAX_ROWS:
        body += f"<tr><td>… {_e(_word('more', lang, n=len(rows) - MAX_ROWS))}</td></tr>"
    return f"<table {_STYLE}><tr>{head}</tr>{body}</table>"


def document_html(doc: PlanDocument | Landscape, lang: str | None = None) -> str:
    """A document: its header, how many things of each kind, its plans and bodies."""
    chosen = _lang(lang)
    names = _Names(doc, chosen)
    counts: dict[str, int] = {}
    for record in doc.index.entities.values():
        counts[record.kind] = counts.get(record.kind, 0) + 1
    title = doc.name or doc.id
    parts = [
        f'<div class="uguaglianza"><strong>{_e(_word("document", chosen))}</strong> '
        f"<code>{_e(doc.id)}</code> — <b>{_e(title)}</b> "
        f"<small>({_e(doc.document)}, {_e(doc.schema_version)}, {_e(doc.language)})</small>",
        f"<p>{_e(_word('contents', chosen))}: "
        + _e(", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())))
        + "</p>",
    ]
    for plan in doc.plans_list():
        parts.append(
            f'<h4 id="{_anchor(plan.id)}">{_e(plan.label(chosen))} '
            f"<small>{_e(plan.period or '')} {_e(plan.status or '')}</small></h4>"
        )
        rows = [
            [
                f'<span id="{_anchor(action.id)}"><code>{_e(action.id)}</code></span>',
                _e(action.label(chosen)),
                ", ".join(names.link(area) for area in action.areas),
                names.link(action.lead) if action.lead else "",
                _e(action.period or ""),
                _e(action.budget or ""),
            ]
            for action in plan.actions
        ]
        if rows:
            headers = ["id", _word("name", chosen), _word("area", chosen)]
            headers += [_word(key, chosen) for key in ("lead", "period", "budget")]
            parts.append(_table(headers, rows, chosen))
    bodies = [
        [
            f'<span id="{_anchor(body.id)}"><code>{_e(body.id)}</code></span>',
            _e(body.label(chosen)),
            _code_label("body_kinds", body.kind, chosen),
            ", ".join(names.link(m.member) for m in body.members if m.member)[:2000],
        ]
        for body in doc.bodies
    ]
    if bodies:
        parts.append(f"<h4>{_e(_word('bodies', chosen))}</h4>")
        headers = ["id", _word("name", chosen), _word("kind", chosen), _word("members", chosen)]
        parts.append(_table(headers, bodies, chosen))
    parts.append("</div>")
    return "".join(parts)


def finding_html(finding: Finding, lang: str | None = None) -> str:
    """One finding as a line of HTML."""
    chosen = _lang(lang)
    return f'<div class="uguaglianza"><code>{_e(finding.format(chosen))}</code></div>'


def report_html(report: Report, lang: str | None = None) -> str:
    """A report: whether it passed, how many findings of each severity, and each finding."""
    chosen = _lang(lang)
    verdict = _word("ok" if report.ok else "failed", chosen)
    rows = [
        [
            _e(f.severity.label(chosen)),
            f"<code>{_e(f.code)}</code>",
            f"<code>{_e(f.path or '<document>')}</code>",
            _e(f.message.get(chosen))
            + ("" if f.value is None else f" (<code>{_e(f.value)}</code>)"),
            _e(f.hint.get(chosen)),
        ]
        for f in report.findings
    ]
    headers = [_word(key, chosen) for key in ("severity", "code", "where", "message", "hint")]
    table = _table(headers, rows, chosen) if rows else ""
    return (
        f'<div class="uguaglianza"><strong>{_e(_word("findings", chosen))}</strong>: '
        f"{_e(verdict)} — {_e(report.summary(chosen))}{table}</div>"
    )


def tabular_html(result: Tabular, lang: str | None = None) -> str:
    """An analysis result: its own figures, then one table per list it holds."""
    from uguaglianza.tables import flatten

    chosen = _lang(lang)
    sections, scalars = flatten(result.to_dict())
    head = ", ".join(f"{_e(k)}: <b>{_e(v)}</b>" for k, v in scalars.items() if v is not None)
    parts = [f'<div class="uguaglianza"><strong>{_e(type(result).__name__)}</strong> {head}']
    for section, rows in sections.items():
        columns = list(dict.fromkeys(key for row in rows for key in row))
        cells = [[_e("" if row.get(c) is None else row[c]) for c in columns] for row in rows]
        parts.append(f"<h5>{_e(section)}</h5>{_table(columns, cells, chosen)}")
    parts.append("</div>")
    return "".join(parts)


def to_html(obj: Any, lang: str | None = None) -> str:
    """*obj* as HTML: a document, an entity, a report, a finding or an analysis result.

    Raises:
        TypeError: *obj* is none of those.
    """
    from uguaglianza.model import Landscape, PlanDocument
    from uguaglianza.rules.report import Finding, Report
    from uguaglianza.tables import Tabular

    if isinstance(obj, PlanDocument | Landscape):
        return document_html(obj, lang)
    if isinstance(obj, Entity):
        return entity_html(obj, lang)
    if isinstance(obj, Report):
        return report_html(obj, lang)
    if isinstance(obj, Finding):
        return finding_html(obj, lang)
    if isinstance(obj, Tabular):
        return tabular_html(obj, lang)
    raise TypeError(f"cannot show a {type(obj).__name__} as HTML")
