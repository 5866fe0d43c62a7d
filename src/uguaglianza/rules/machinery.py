"""UG7xx — the machinery that carries plans out: bodies, their members, services."""

from __future__ import annotations

from collections.abc import Iterator

from uguaglianza.dates import Period
from uguaglianza.model import GovernanceBody
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Severity, Text
from uguaglianza.rules.spans import overlapping

__all__ = ["RULES"]

_PRACTICE = "Practice of governance bodies (Beijing Platform for Action, national machineries)"


def _check_no_members(ctx: Context) -> Iterator[Hit]:
    for i, body in enumerate(ctx.doc.bodies):
        if not body.members:
            yield Hit(("bodies", i, "members"), None)


def _seats_of(ctx: Context, actor: str) -> set[str]:
    """*actor* and what stands for it in a body: a post's holder, a person's posts."""
    found = {actor}
    record = ctx.entity(actor)
    if record is not None and record.kind == "post" and record.entity.holder is not None:
        found.add(record.entity.holder)
    elif record is not None and record.kind == "person":
        found.update(ctx.posts_held(actor))
    return found


def _check_chair_member(ctx: Context) -> Iterator[Hit]:
    for i, body in enumerate(ctx.doc.bodies):
        if body.chair is None or not body.members:
            continue
        members = {membership.member for membership in body.members}
        if members.isdisjoint(_seats_of(ctx, body.chair)):
            yield Hit(("bodies", i, "chair"), body.chair)


def _chairs(body: GovernanceBody) -> list[tuple[Period | None, int]]:
    return [(m.period, j) for j, m in enumerate(body.members) if m.role == "chair"]


def _check_two_chairs(ctx: Context) -> Iterator[Hit]:
    for i, body in enumerate(ctx.doc.bodies):
        chairs = _chairs(body)
        if len(chairs) < 2:
            continue
        for later, earlier in overlapping(chairs):
            if body.members[later].member != body.members[earlier].member:
                args = {"other": body.members[earlier].member}
                yield Hit(("bodies", i, "members", later), body.members[later].member, args)


def _check_service_operator(ctx: Context) -> Iterator[Hit]:
    for i, service in enumerate(ctx.doc.services):
        if not service.operators:
            yield Hit(("services", i, "operators"), None)


RULES: tuple[Rule, ...] = (
    Rule(
        code="UG701",
        name="body-without-members",
        title=Text("Ogni organo ha dei membri", "Every body has members"),
        message=Text("l'organo non ha membri", "the body has no members"),
        hint=Text(
            "elenca in `members` gli enti, gli incarichi o le persone che ne fanno parte",
            "list under `members` the organisations, posts or persons that sit in it",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Senza composizione non si può valutare chi coordina cosa, né l'equilibrio di "
            "genere dell'organo.",
            "Without its composition one can assess neither who coordinates what nor the "
            "body's gender balance.",
        ),
        basis="good_practice",
        source=_PRACTICE,
        check=_check_no_members,
    ),
    Rule(
        code="UG702",
        name="chair-not-member",
        title=Text("Chi presiede un organo ne è membro", "A body's chair is one of its members"),
        message=Text(
            "chi presiede l'organo non compare tra i membri",
            "the body's chair is not among its members",
        ),
        hint=Text(
            "aggiungi il presidente tra i `members` con `role: chair`",
            "add the chair to `members` with `role: chair`",
        ),
        severity=Severity.INFO,
        rationale=Text(
            "La composizione completa comprende chi presiede.",
            "A complete composition includes whoever chairs.",
        ),
        basis="consistency",
        source=_PRACTICE,
        check=_check_chair_member,
    ),
    Rule(
        code="UG703",
        name="two-chairs",
        title=Text("Un organo ha un solo presidente per volta", "A body has one chair at a time"),
        message=Text(
            "l'organo ha già un presidente nello stesso periodo ({other})",
            "the body already has a chair over the same period ({other})",
        ),
        hint=Text(
            "dai ai due presidenti periodi consecutivi, o cambia il ruolo di uno dei due",
            "give the two chairs consecutive periods, or change one's role",
        ),
        severity=Severity.ERROR,
        rationale=Text(
            "La presidenza è unica: dice chi convoca e chi firma per l'organo.",
            "The chair is single: it tells who convenes and who signs for the body.",
        ),
        basis="consistency",
        source=_PRACTICE,
        check=_check_two_chairs,
    ),
    Rule(
        code="UG704",
        name="service-without-operator",
        title=Text("Ogni servizio ha un gestore", "Every service has an operator"),
        message=Text("il servizio non indica chi lo gestisce", "the service names no operator"),
        hint=Text(
            "indica in `operators` l'ente che gestisce il servizio e da quando",
            "list in `operators` the organisation running the service, with its period",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Chi si rivolge a uno sportello deve sapere chi ne risponde.",
            "Whoever turns to a desk must know who answers for it.",
        ),
        basis="good_practice",
        source="Practice of anti-discrimination networks (UNAR)",
        check=_check_service_operator,
    ),
)
