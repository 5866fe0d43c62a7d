"""The dossier of a plan: one self-contained HTML page, or Markdown, for people to read.

::

    import uguaglianza
    from uguaglianza.dossier import dossier

    doc = uguaglianza.load("examples/udine-gep.yaml")
    html = dossier(doc, to="html", lang="en")

The page holds the plan at a glance, its areas and actions, the governance machinery,
a timeline and the coordination picture as inline SVG, funding, opinions and obligations,
indicators and the findings of :func:`uguaglianza.validate`. It makes no network request
and runs no script. The same document and reference date always give the same text:
time-dependent parts (overdue deadlines, rules "at a date") are judged at *as_of*, by
default the date of the newest source. Templates are rendered with Jinja2 (the ``report``
extra), imported on first use.
"""

from __future__ import annotations

import datetime
import importlib
import re
from typing import Any, Literal

from uguaglianza.dossier._content import Gatherer
from uguaglianza.dossier._svg import gantt, network
from uguaglianza.dossier._words import WORDS, Lang, word
from uguaglianza.errors import MissingExtraError, UguaglianzaError
from uguaglianza.model import Landscape, Plan, PlanDocument
from uguaglianza.rules import Report

__all__ = ["FALLBACK_AS_OF", "DossierFormat", "UnknownPlanError", "dossier", "reference_date"]

DossierFormat = Literal["html", "md"]

#: The reference date when neither ``as_of`` nor a dated source is given.
FALLBACK_AS_OF = datetime.date(2000, 1, 1)


class UnknownPlanError(UguaglianzaError, LookupError):
    """The plan asked for is not in the document, or a landscape needs one named."""


def reference_date(
    doc: PlanDocument | Landscape, as_of: datetime.date | None = None
) -> tuple[datetime.date, str]:
    """The date time-dependent parts are judged at, and why: given, newest source, fallback."""
    if as_of is not None:
        return as_of, "given"
    dated = [source.date for source in doc.sources if source.date is not None]
    if dated:
        return max(dated).latest(), "sources"
    return FALLBACK_AS_OF, "none"


def pick_plan(doc: PlanDocument | Landscape, plan: str | None) -> Plan:
    """The plan with id *plan*; by default a plan document's own plan or a lone plan."""
    plans = doc.plans_list()
    if plan is None:
        if isinstance(doc, PlanDocument):
            return doc.plan
        if len(plans) == 1:
            return plans[0]
        ids = ", ".join(p.id for p in plans[:10]) + (", ..." if len(plans) > 10 else "")
        raise UnknownPlanError(
            f"the landscape {doc.id!r} holds {len(plans)} plans; name one with plan= "
            f"(--plan ID): {ids}"
            if plans
            else f"the landscape {doc.id!r} holds no plan"
        )
    for item in plans:
        if item.id == plan:
            return item
    ids = ", ".join(p.id for p in plans[:10]) + (", ..." if len(plans) > 10 else "")
    raise UnknownPlanError(f"no plan {plan!r} in the document {doc.id!r}; its plans: {ids}")


def dossier(
    doc: PlanDocument | Landscape,
    *,
    to: DossierFormat = "html",
    lang: Lang = "it",
    as_of: datetime.date | None = None,
    plan: str | None = None,
    report: Report | None = None,
) -> str:
    """The dossier of a plan of *doc* as HTML or Markdown text.

    *report* reuses findings already computed with ``uguaglianza.validate(doc, as_of=...)``.

    Raises:
        MissingExtraError: the ``report`` extra (Jinja2) is not installed.
        UnknownPlanError: *plan* is not in *doc*, or *doc* is a landscape of several plans.
    """
    if to not in ("html", "md"):
        raise ValueError(f"unknown dossier format {to!r}; use 'html' or 'md'")
    if lang not in ("it", "en"):
        raise ValueError(f"unknown dossier language {lang!r}; use 'it' or 'en'")
    jinja2 = _jinja2()
    chosen = pick_plan(doc, plan)
    day, why = reference_date(doc, as_of)
    if report is None:
        from uguaglianza._validate_api import validate

        report = validate(doc, as_of=day)
    context = _context(doc, chosen, lang, day, why, report)
    environment = _environment(jinja2, to)
    return str(environment.get_template(f"dossier.{to}.j2").render(context))


def _context(
    doc: PlanDocument | Landscape,
    plan: Plan,
    lang: Lang,
    day: datetime.date,
    why: str,
    report: Report,
) -> dict[str, Any]:
    gather = Gatherer(doc, plan, lang, day)
    timeline = gather.timeline()
    ties = gather.ties()
    picture, shown, total = network(ties, gather.say)
    if why == "none":
        as_of_note = word("as_of_none", lang, date=day)
    else:
        reason = word("as_of_given" if why == "given" else "as_of_sources", lang)
        as_of_note = f"{word('as_of', lang)} {day} ({reason})"
    tie_rows = [
        {
            "from": gather.say.ref(source),
            "to": gather.say.ref(target),
            "tie": word(kind, lang),
            "count": count,
        }
        for (source, target, kind), count in sorted(ties.items())
    ]
    return {
        "w": {key: pair[0 if lang == "it" else 1] for key, pair in WORDS.items()},
        "lang": lang,
        "doc_id": doc.id,
        "title": plan.label(lang),
        "plan_id": plan.id,
        "description": plan.description or "",
        "as_of": as_of_note,
        "glance": gather.glance(),
        "areas": gather.areas(),
        "actions": gather.actions(),
        "bodies": gather.governance(),
        "timeline": timeline,
        "gantt": gantt(timeline, gather.say, day if why == "given" else None),
        "network": picture,
        "network_note": word("coordination_more", lang, shown=shown, total=total)
        if shown < total
        else "",
        "ties": tie_rows,
        "grants": gather.grants(),
        "transfers": gather.transfers(),
        "opinions": gather.opinions(),
        "obligations": gather.obligations(),
        "indicators": gather.indicators(),
        "findings": gather.findings(report),
    }


def _jinja2() -> Any:
    """The ``jinja2`` module, imported on first use."""
    try:
        return importlib.import_module("jinja2")
    except ImportError:
        raise MissingExtraError(
            "writing a dossier needs the jinja2 package, which is not installed; "
            "install the 'report' extra: pip install 'uguaglianza[report]'"
        ) from None


_ENVIRONMENTS: dict[str, Any] = {}


def _environment(jinja2: Any, to: str) -> Any:
    """The Jinja2 environment of *to*, escaping every value the templates print."""
    found = _ENVIRONMENTS.get(to)
    if found is not None:
        return found
    options: dict[str, Any] = {
        "loader": jinja2.PackageLoader("uguaglianza.dossier", "templates"),
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if to == "html":
        environment = jinja2.Environment(autoescape=True, **options)
    else:
        environment = jinja2.Environment(autoescape=False, finalize=md_escape, **options)
    _ENVIRONMENTS[to] = environment
    return environment


#: Characters Markdown (CommonMark and GitHub's tables) reads as markup.
_MD_SPECIAL = str.maketrans(
    {
        **{c: f"\\{c}" for c in "\\`*_[]|~"},
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        "\n": " ",
        "\r": " ",
    }
)


#: What makes a line a heading, a list item or a rule when a value starts it.
_MD_LINE_START = re.compile(r"^[#+=-]")
_MD_NUMBERED = re.compile(r"^(\d+)([.)])")


def md_escape(value: object) -> str:
    """*value* as Markdown text that reads as written: markup and HTML characters escaped."""
    if value is None:
        return ""
    text = str(value).translate(_MD_SPECIAL)
    if _MD_LINE_START.match(text):
        return f"\\{text}"
    return _MD_NUMBERED.sub(r"\1\\\2", text, count=1)
