"""How values of a document read in the dossier: codes, references, dates, money, absences."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from uguaglianza.codelists import UnknownCodelistError, load_codelist
from uguaglianza.dates import PartialDate, Period
from uguaglianza.dossier._words import Lang, word
from uguaglianza.model import Landscape, PlanDocument
from uguaglianza.model._base import Money, Named, Stated


class Labeller:
    """Turns codes, ids, dates and amounts of one document into text in one language."""

    def __init__(self, doc: PlanDocument | Landscape, lang: Lang) -> None:
        self.doc = doc
        self.lang: Lang = lang
        self.index = doc.index

    def code(self, codelist: str, code: str | None) -> str:
        """The label of *code* in *codelist* (shipped or declared), else the code itself."""
        if code is None:
            return ""
        try:
            entry = load_codelist(codelist).get(code)
        except UnknownCodelistError:
            entry = None
        if entry is not None:
            return entry.label_it if self.lang == "it" else entry.label_en
        for declared in self.doc.codelists.get(codelist, ()):
            if declared.code == code:
                return declared.translations.get(self.lang, declared.name)
        return code

    def ref(self, entity_id: str | None) -> str:
        """The name of the entity *entity_id* in the dossier's language, else the id."""
        if entity_id is None:
            return ""
        record = self.index.get(entity_id)
        if record is None or not isinstance(record.entity, Named):
            return entity_id
        return record.entity.label(self.lang)

    def refs(self, ids: tuple[str, ...]) -> str:
        """Several references, separated by semicolons."""
        return "; ".join(self.ref(item) for item in ids)

    def kind(self, entity_id: str) -> str:
        """The kind of entity *entity_id* names (``organisation``, ``body``...)."""
        return self.index.kind_of(entity_id) or "other"

    def date(self, value: PartialDate | None) -> str:
        """A date as ISO 8601, as precise as it is known (``2022``, ``2022-05``)."""
        return "" if value is None else str(value)

    def period(self, value: Period | None) -> str:
        """``2021 – 2026``; an open end reads as an empty side."""
        if value is None:
            return ""
        head = "" if value.start is None else str(value.start)
        tail = "" if value.end is None else str(value.end)
        return f"{head} – {tail}".strip()

    def money(self, value: Money | None) -> str:
        """An amount with thousands grouped in the dossier's language, and its currency."""
        if value is None:
            return ""
        return f"{self.number(value.amount)} {value.currency}"

    def number(self, value: Decimal | int | float | None) -> str:
        """A number with thousands grouped: ``1.234,5`` in Italian, ``1,234.5`` in English."""
        if value is None:
            return ""
        text = f"{value:,}"
        if self.lang == "it":
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return text

    def name(self, entity: Named) -> str:
        """The entity's name in the dossier's language."""
        return entity.label(self.lang)

    def field(self, model: BaseModel, field: str, text: str) -> str:
        """*text*, or why the source leaves *field* of *model* empty, or a dash."""
        if text:
            return text
        if isinstance(model, Stated) and model.is_absent(field):
            return self.code("absence_reasons", model.absent[field])
        return word("unknown", self.lang)


def strings(value: Any) -> set[str]:
    """Every string held by *value* and the models under it, walking pydantic's fields."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, BaseModel):
            stack.extend(getattr(item, name) for name in type(item).model_fields)
        elif isinstance(item, tuple):
            stack.extend(item)
    return found
