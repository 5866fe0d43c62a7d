"""The catalogue's building blocks: rules, families, profiles and rule sets.

A :class:`Rule` is data: a stable code, texts in Italian and English, a default severity,
a rationale, the source it comes from, the plan profiles it applies to, and the function
that checks it. A :class:`RuleSet` is an ordered, user-owned collection of rules; the
built-in catalogue is :meth:`RuleSet.default`. To add a rule of your own::

    from uguaglianza.rules import Hit, Rule, RuleSet, Severity, Text

    def no_acronym(ctx):
        for record in ctx.records("body"):
            if not record.entity.acronym:
                yield Hit((*record.loc, "acronym"))

    rules = RuleSet.default()
    rules.register(Rule(code="XB001", name="body-without-acronym", ...,  check=no_acronym))
    report = uguaglianza.validate(doc, rules=rules)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Literal, Protocol

import attrs

from uguaglianza.rules.report import Loc, Severity, Text

if TYPE_CHECKING:
    from uguaglianza.rules.context import Context

__all__ = [
    "FAMILIES",
    "PROFILES",
    "Basis",
    "Check",
    "Family",
    "Hit",
    "Profile",
    "Rule",
    "RuleSet",
    "profile_for_kind",
]

CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
#: Code prefix reserved for the rules shipped with the library.
RESERVED_PREFIX = "UG"

#: What a rule rests on: the law, an official guideline, good practice, or consistency.
Basis = Literal["law", "guideline", "good_practice", "consistency"]


@attrs.frozen(slots=True)
class Hit:
    """What a check yields: where the problem is, the offending value, the message's fields.

    ``args`` fill the ``{fields}`` of the rule's message and hint; a :class:`Text` value
    is localised. ``value`` is shortened for display; None means the value is missing.
    ``known=False`` says the rule cannot tell (the facts are recorded as not stated, or
    dates too imprecise): the engine reports it by the run's purpose, not as a violation.
    A hit on a field the document records in ``absent`` is not known without saying so.
    """

    loc: Loc
    value: object = None
    args: Mapping[str, object] = attrs.field(factory=dict)
    known: bool = True


class Check(Protocol):
    """A rule's check: given the run's context, yield a :class:`Hit` per problem."""

    def __call__(self, ctx: Context, /) -> Iterable[Hit]: ...


def _check_code(_instance: object, _attribute: object, value: str) -> None:
    if not CODE_RE.match(value):
        raise ValueError(f"rule code {value!r} must be 1-4 capital letters and 3 digits")


def _check_name(_instance: object, _attribute: object, value: str) -> None:
    if not _NAME_RE.match(value):
        raise ValueError(f"rule name {value!r} must be lowercase words joined by hyphens")


def _check_profiles(_instance: object, _attribute: object, value: frozenset[str]) -> None:
    unknown = value - _PROFILE_NAMES
    if unknown:
        known = ", ".join(sorted(_PROFILE_NAMES))
        raise ValueError(f"unknown profiles {sorted(unknown)}; known profiles: {known}")


@attrs.frozen(slots=True)
class Rule:
    """One entry of the catalogue.

    ``profiles`` lists the plan profiles whose plans the rule checks (empty: every plan,
    and rules about the document as a whole). ``check`` is None for rules enforced while
    the document is read (the structure), which the loader reports under the same code.
    """

    code: str = attrs.field(validator=_check_code)
    name: str = attrs.field(validator=_check_name)
    title: Text
    message: Text
    hint: Text
    severity: Severity
    rationale: Text
    basis: Basis
    source: str
    """Where the rule comes from: a law, a guideline, a practice, written as cited."""
    profiles: frozenset[str] = attrs.field(default=frozenset(), validator=_check_profiles)
    check: Check | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def family(self) -> Family | None:
        """The family the code belongs to, or None for rules outside the catalogue."""
        return _FAMILY_BY_PREFIX.get(self.code[:3])

    def applies_to(self, profile: str) -> bool:
        """True when the rule checks plans of *profile*."""
        return not self.profiles or profile in self.profiles


@attrs.frozen(slots=True)
class Family:
    """A group of rules sharing a code prefix, e.g. ``UG1`` for territory."""

    prefix: str
    name: str
    title: Text


FAMILIES: tuple[Family, ...] = (
    Family("UG0", "document", Text("Documento e riferimenti", "Document and references")),
    Family("UG1", "territory", Text("Territorio", "Territory")),
    Family("UG2", "time", Text("Tempi e atti", "Time and acts")),
    Family("UG3", "completeness", Text("Completezza del piano", "Plan completeness")),
    Family("UG4", "funding", Text("Finanziamenti", "Funding")),
    Family("UG5", "gep", Text("Profilo GEP (Horizon Europe)", "GEP profile (Horizon Europe)")),
    Family("UG6", "pap", Text("Profilo PAP", "PAP profile")),
    Family("UG7", "machinery", Text("Machinery e servizi", "Machinery and services")),
    Family(
        "UG8",
        "antidiscrimination",
        Text("Profilo antidiscriminazione", "Anti-discrimination profile"),
    ),
    Family("UG9", "internal", Text("Lettura e funzionamento", "Input and internals")),
)
_FAMILY_BY_PREFIX = {family.prefix: family for family in FAMILIES}
_FAMILY_BY_NAME = {family.name: family for family in FAMILIES}


@attrs.frozen(slots=True)
class Profile:
    """A kind of plan with its own rules, chosen from the plan's ``kind`` or explicitly."""

    name: str
    title: Text
    plan_kinds: frozenset[str]


PROFILES: tuple[Profile, ...] = (
    Profile(
        "equality_plan",
        Text("Piano per l'uguaglianza", "Equality plan"),
        frozenset(
            {
                "equality_plan",
                "anti_violence_plan",
                "strategy",
                "charter_action_plan",
                "municipal_equality_plan",
                "regional_plan",
                "national_strategic_plan",
            }
        ),
    ),
    Profile(
        "gep",
        Text("Piano per l'uguaglianza di genere (GEP)", "Gender equality plan (GEP)"),
        frozenset({"gender_equality_plan"}),
    ),
    Profile(
        "pap",
        Text("Piano triennale di azioni positive (PAP)", "Positive-action plan (PAP)"),
        frozenset({"positive_action_plan", "piao"}),
    ),
    Profile(
        "anti_discrimination",
        Text("Programma o progetto antidiscriminazione", "Anti-discrimination programme"),
        frozenset({"anti_discrimination_programme", "project"}),
    ),
    Profile(
        "basic",
        Text("Obiettivi e altri programmi", "Objectives and other programmes"),
        frozenset({"sectoral_objectives", "social_zone_plan", "gender_budget", "hrs4r", "other"}),
    ),
)
_PROFILE_NAMES = frozenset(profile.name for profile in PROFILES)
_PROFILE_BY_KIND = {kind: profile.name for profile in PROFILES for kind in profile.plan_kinds}

#: The profiles of formal plans, which are expected to be measurable and dated.
FORMAL_PLANS = frozenset({"equality_plan", "gep", "pap", "anti_discrimination"})


def profile_for_kind(plan_kind: str, lineage: Iterable[str] = ()) -> str:
    """The profile of a plan of *plan_kind*, or of the nearest broader kind that has one.

    *lineage* is the kind followed by its broader kinds (``Codelist.lineage``), so that a
    kind a document declares under ``gender_equality_plan`` is checked as a GEP; a kind
    with no profile up its lineage gets ``basic``.
    """
    return profile_and_kind(plan_kind, lineage)[0]


def profile_and_kind(plan_kind: str, lineage: Iterable[str] = ()) -> tuple[str, str | None]:
    """The profile of *plan_kind* and the kind of its lineage that gave it (None: basic)."""
    for code in (plan_kind, *lineage):
        found = _PROFILE_BY_KIND.get(code)
        if found is not None:
            return found, code
    return "basic", None


def check_profile(name: str) -> str:
    """Return *name* if it is a known profile.

    Raises:
        ValueError: there is no such profile.
    """
    if name not in _PROFILE_NAMES:
        known = ", ".join(profile.name for profile in PROFILES)
        raise ValueError(f"unknown profile {name!r}; known profiles: {known}")
    return name


class RuleSet:
    """An ordered collection of rules with unique codes: the catalogue, or yours.

    Each call of :meth:`default` returns a new set, so registering a rule never changes
    what other code sees.
    """

    __slots__ = ("_rules",)

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            self._add(rule)

    @classmethod
    def default(cls) -> RuleSet:
        """A new rule set holding the built-in catalogue."""
        from uguaglianza.rules.builtin import BUILTIN_RULES

        return cls(BUILTIN_RULES)

    def _add(self, rule: Rule) -> None:
        if rule.code in self._rules:
            raise ValueError(f"a rule with code {rule.code!r} is already registered")
        self._rules[rule.code] = rule

    def register(self, rule: Rule) -> Rule:
        """Add a rule of your own; its code must not start with ``UG`` (reserved).

        Raises:
            ValueError: the code is reserved or already registered, or the rule has no check.
        """
        if rule.code.startswith(RESERVED_PREFIX):
            raise ValueError(
                f"codes starting with {RESERVED_PREFIX!r} are reserved for the built-in "
                f"catalogue; give {rule.code!r} a prefix of your own, e.g. 'X{rule.code[-3:]}'"
            )
        if rule.check is None:
            raise ValueError(f"rule {rule.code} has no check function")
        self._add(rule)
        return rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def get(self, code: str) -> Rule | None:
        """The rule with *code*, or None."""
        return self._rules.get(code)

    def select(
        self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
    ) -> tuple[Rule, ...]:
        """The rules chosen by *select* and not removed by *ignore*, in catalogue order.

        Selectors are codes, code prefixes (``UG3``) or family names (``territory``); the
        most specific selector wins, so ``select=["UG3"], ignore=["UG301"]`` keeps every
        UG3xx rule but UG301. Without *select*, every rule is selected.

        Raises:
            ValueError: a selector matches no rule.
        """
        chosen = [_prefix(s, self) for s in select] if select is not None else [""]
        dropped = [_prefix(s, self) for s in ignore or ()]
        result = []
        for rule in self._rules.values():
            keep = max((len(p) for p in chosen if rule.code.startswith(p)), default=-1)
            drop = max((len(p) for p in dropped if rule.code.startswith(p)), default=-1)
            if keep > drop:
                result.append(rule)
        return tuple(result)

    def resolve(self, selector: str) -> str:
        """The code prefix *selector* stands for (a family name becomes its prefix).

        Raises:
            ValueError: the selector matches no rule of this set.
        """
        return _prefix(selector, self)


def _prefix(selector: str, rules: RuleSet) -> str:
    text = selector.strip()
    family = _FAMILY_BY_NAME.get(text.lower())
    prefix = family.prefix if family is not None else text.upper()
    if prefix == "ALL":
        return ""
    if not any(code.startswith(prefix) for code in rules._rules):
        raise ValueError(
            f"{selector!r} matches no rule; use a code (UG301), a code prefix (UG3) or a "
            f"family name ({', '.join(f.name for f in FAMILIES)})"
        )
    return prefix
