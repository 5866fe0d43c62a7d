"""What a rule pass finds: :class:`Finding` and :class:`Report`, with their renderings.

Both are frozen attrs value objects computed by the library, never parsed from input.
Every text a user reads exists in Italian and in English (:class:`Text`).
"""

from __future__ import annotations

import enum
import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

    from uguaglianza.rules.catalogue import Rule

__all__ = [
    "Finding",
    "Lang",
    "Loc",
    "PlanProfile",
    "Purpose",
    "Report",
    "Severity",
    "Text",
    "fingerprint",
]

#: A language of messages: Italian or English.
Lang = Literal["it", "en"]
#: Why a document is checked, which decides how "not known" answers are reported:
#: ``record`` (someone else's plan, modelled from its sources: a warning naming what to
#: find out) or ``comply`` (one's own plan, before adoption: the rule's own severity).
Purpose = Literal["record", "comply"]
#: A location inside a document, as a tuple of keys and indexes.
Loc = tuple[str | int, ...]


class Severity(enum.StrEnum):
    """How serious a finding is; only errors make a document fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for information: the order of reports."""
        return _RANK[self]

    def label(self, lang: Lang) -> str:
        """The severity's name in *lang*."""
        return _SEVERITY_LABELS[self].get(lang)


@attrs.frozen(slots=True)
class Text:
    """A text in Italian and English; ``str.format`` fields are filled by :meth:`format`."""

    it: str
    en: str

    def get(self, lang: Lang) -> str:
        """The text in *lang*."""
        return self.it if lang == "it" else self.en

    def format(self, args: Mapping[str, object]) -> Text:
        """Fill the fields of both texts; arguments that are :class:`Text` are localised."""
        if not args:
            return self
        return Text(
            self.it.format_map({k: _localise(v, "it") for k, v in args.items()}),
            self.en.format_map({k: _localise(v, "en") for k, v in args.items()}),
        )


def _localise(value: object, lang: Lang) -> object:
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, tuple | list):
        return ", ".join(str(_localise(item, lang)) for item in value)
    return value


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_SEVERITY_LABELS = {
    Severity.ERROR: Text("errore", "error"),
    Severity.WARNING: Text("avviso", "warning"),
    Severity.INFO: Text("informazione", "info"),
}
_PLURALS = {
    Severity.ERROR: Text("errori", "errors"),
    Severity.WARNING: Text("avvisi", "warnings"),
    Severity.INFO: Text("informazioni", "infos"),
}
_GOT = Text("valore: {value}", "got {value}")


@attrs.frozen(slots=True)
class Finding:
    """One problem found in a document, with where it is and how to fix it.

    ``path`` is the JSON path (``plan.actions[3].lead``) and ``loc`` the same place as a
    tuple; ``file``, ``line`` and ``column`` are set when the document came from a file,
    ``cell`` (``Azioni!D7``) when it came from a workbook.
    ``value`` is the offending value, shortened, or None when a value is missing.
    ``known`` is False when the rule could not tell whether it holds: the document records
    the fact as not stated, or its dates are too imprecise to judge; the message then
    says what to find out. ``fingerprint`` stays the same across edits elsewhere in the
    document (see :func:`fingerprint`); by default it hashes the code and ``loc``.
    """

    code: str
    severity: Severity
    message: Text
    hint: Text
    title: Text
    path: str = ""
    loc: Loc = ()
    value: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    known: bool = True
    fingerprint: str = attrs.field(
        default=attrs.Factory(lambda self: fingerprint(self.code, None, self.loc), takes_self=True)
    )
    cell: str | None = None

    def location(self) -> str:
        """``file:line:col`` or ``file:Sheet!Cell`` as far as known (``<input>`` without a file)."""
        parts = [self.file or "<input>"]
        if self.cell is not None:
            return f"{parts[0]}:{self.cell}"
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, lang: Lang = "en") -> str:
        """One line in the form linters use: ``file:line:col: CODE path: message``."""
        where = self.path or ("" if self.cell else "<document>")  # a cell says where
        text = f"{self.location()}: {self.code} {where + ': ' if where else ''}"
        text += self.message.get(lang)
        if self.value is not None:
            text += f" ({_GOT.format({'value': self.value}).get(lang)})"
        return f"{text} — {self.hint.get(lang)}"

    def __str__(self) -> str:
        """The line the command line prints, in the chosen language."""
        from uguaglianza.display import get_language

        return self.format(get_language())

    def to_html(self, lang: Lang | None = None) -> str:
        """The finding as one line of HTML."""
        from uguaglianza.display import finding_html

        return finding_html(self, lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_record(self, lang: Lang | None = None) -> dict[str, Any]:
        """The finding as one flat row, its texts in *lang* (default: the chosen one)."""
        from uguaglianza.display import get_language

        chosen = lang or get_language()
        return {
            "severity": str(self.severity),
            "code": self.code,
            "known": self.known,
            "path": self.path,
            "value": self.value,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "title": self.title.get(chosen),
            "message": self.message.get(chosen),
            "hint": self.hint.get(chosen),
        }

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-compatible data."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "title": _text_dict(self.title),
            "message": _text_dict(self.message),
            "hint": _text_dict(self.hint),
            "path": self.path,
            "value": self.value,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "known": self.known,
            "fingerprint": self.fingerprint,
            **({"cell": self.cell} if self.cell is not None else {}),
        }

    def sort_key(self) -> tuple[str, float, float]:
        """Order of reports: by file, then position; findings without one come last."""
        return (self.file or "", self.line or math.inf, self.column or 0)


def fingerprint(code: str, entity: str | None, field: Loc) -> str:
    """A short hex hash of a rule *code*, an *entity* id and a *field* path inside it."""
    text = "\x1f".join((code, entity or "", "/".join(str(part) for part in field)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _text_dict(text: Text) -> dict[str, str]:
    return {"it": text.it, "en": text.en}


_CHECKED = Text(
    "{where}: piano {plan!r} ({kind}) controllato con il profilo {profile}",
    "{where}: plan {plan!r} ({kind}) checked under profile {profile}",
)
_VIA = Text(", tramite il tipo più ampio {via}", ", through its broader kind {via}")
_FORCED = Text(", scelto con --profile", ", chosen with --profile")


@attrs.frozen(slots=True)
class PlanProfile:
    """Which profile checked one plan of a document, and how it was chosen.

    ``via`` is the broader plan kind whose profile applies when the plan's own kind has
    none (a kind the document declares); ``forced`` is true when the caller chose it.
    """

    plan: str
    path: str
    kind: str
    profile: str
    via: str | None = None
    forced: bool = False
    file: str | None = None

    def format(self, lang: Lang = "en") -> str:
        """One line: ``file: plan 'p' (kind) checked under profile gep``."""
        where = f"{self.file or '<input>'}: {self.path}"
        args = {"where": where, "plan": self.plan, "kind": self.kind, "profile": self.profile}
        text = _CHECKED.format(args).get(lang)
        if self.via is not None:
            text += _VIA.format({"via": self.via}).get(lang)
        if self.forced:
            text += _FORCED.get(lang)
        return text

    def to_dict(self) -> dict[str, Any]:
        """The choice as JSON-compatible data."""
        return {
            "plan": self.plan,
            "path": self.path,
            "kind": self.kind,
            "profile": self.profile,
            "via": self.via,
            "forced": self.forced,
            "file": self.file,
        }


@attrs.frozen(slots=True)
class Report:
    """The findings of a rule pass over one or more documents, and the rules that ran.

    ``ok`` is true when there is no finding of error severity.
    """

    findings: tuple[Finding, ...] = ()
    rules: tuple[Rule, ...] = attrs.field(default=(), eq=False, repr=False)
    """The rules that were checked, for renderings that describe them (SARIF)."""
    profiles: tuple[PlanProfile, ...] = attrs.field(default=(), eq=False, repr=False)
    """The profile each plan was checked under, in document order."""

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def counts(self) -> dict[Severity, int]:
        """How many findings of each severity (every severity present, zero included)."""
        counted = Counter(f.severity for f in self.findings)
        return {severity: counted[severity] for severity in Severity}

    @property
    def unknown(self) -> int:
        """How many findings are "not known" answers rather than violations."""
        return sum(1 for f in self.findings if not f.known)

    @property
    def by_code(self) -> dict[str, int]:
        """How many findings of each code, by code."""
        return dict(sorted(Counter(f.code for f in self.findings).items()))

    def __len__(self) -> int:
        return len(self.findings)

    def codes(self) -> list[str]:
        """The code of every finding, in report order (handy in tests and scripts)."""
        return [f.code for f in self.findings]

    def located(
        self,
        file: str,
        position: Callable[[Loc], tuple[int, int] | None] | None = None,
        *,
        cell: Callable[[Loc], str | None] | None = None,
    ) -> Report:
        """A copy whose findings name *file* and, where *position* finds it, line and column.

        For a workbook, *cell* gives each finding its cell (``Azioni!D7``) instead.
        """
        findings = []
        for finding in self.findings:
            where = position(finding.loc) if position is not None else None
            line, column = where if where is not None else (finding.line, finding.column)
            found = cell(finding.loc) if cell is not None else finding.cell
            findings.append(attrs.evolve(finding, file=file, line=line, column=column, cell=found))
        profiles = tuple(attrs.evolve(profile, file=file) for profile in self.profiles)
        return Report(tuple(sorted(findings, key=Finding.sort_key)), self.rules, profiles)

    @classmethod
    def combine(cls, reports: Iterable[Report]) -> Report:
        """One report holding the findings of *reports* (several files), in order."""
        findings: list[Finding] = []
        rules: dict[str, Rule] = {}
        profiles: list[PlanProfile] = []
        for report in reports:
            findings.extend(report.findings)
            rules.update((rule.code, rule) for rule in report.rules)
            profiles.extend(report.profiles)
        ordered = tuple(rules[code] for code in sorted(rules))
        return cls(tuple(findings), ordered, tuple(profiles))

    def summary(self, lang: Lang = "en") -> str:
        """``2 errors, 1 warning, 0 infos`` in *lang*."""
        counts = self.counts
        return ", ".join(
            f"{counts[s]} {(s.label(lang) if counts[s] == 1 else _PLURALS[s].get(lang))}"
            for s in Severity
        )

    def __repr__(self) -> str:
        """A short form for consoles and notebooks: the counts and the codes found."""
        codes = ", ".join(sorted({finding.code for finding in self.findings}))
        return f"<Report: {self.summary('en')}{'; ' + codes if codes else ''}>"

    def __str__(self) -> str:
        """Whether the document passed and how many findings of each severity."""
        from uguaglianza.display import get_language

        lang = get_language()
        verdict = ("nessun errore", "no errors") if self.ok else ("con errori", "with errors")
        return f"{verdict[0] if lang == 'it' else verdict[1]}: {self.summary(lang)}"

    def to_html(self, lang: Lang | None = None) -> str:
        """The report as HTML: the verdict, the counts and a table of findings."""
        from uguaglianza.display import report_html

        return report_html(self, lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self, lang: Lang | None = None) -> Any:
        """One row per finding as a pandas DataFrame, its texts in *lang*.

        Raises:
            MissingExtraError: pandas is not installed (the ``pandas`` extra).
        """
        from uguaglianza.tables import FINDING_COLUMNS, pandas

        rows = [finding.to_record(lang) for finding in self.findings]
        return pandas().DataFrame.from_records(rows, columns=list(FINDING_COLUMNS))

    def to_text(self, lang: Lang = "en") -> str:
        """One line per finding, ``file:line:col: CODE path: message — hint``."""
        return "".join(f"{finding.format(lang)}\n" for finding in self.findings)

    def profiles_text(self, lang: Lang = "en") -> str:
        """One line per plan: the profile it was checked under, and how it was chosen."""
        return "".join(f"{profile.format(lang)}\n" for profile in self.profiles)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-compatible data: ``ok``, counts and every finding."""
        return {
            "ok": self.ok,
            "counts": {str(s): n for s, n in self.counts.items()},
            "by_code": self.by_code,
            "unknown": self.unknown,
            "profiles": [profile.to_dict() for profile in self.profiles],
            "findings": [finding.to_dict() for finding in self.findings],
        }

    def to_sarif(self, lang: Lang = "en") -> dict[str, Any]:
        """The report as a SARIF 2.1.0 log, for code-review tools."""
        from uguaglianza.rules.sarif import to_sarif

        return to_sarif(self, lang=lang)
