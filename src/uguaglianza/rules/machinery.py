"""UG7xx — the machinery that carries plans out: bodies, their members, services."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from uguaglianza.dates import Period
from uguaglianza.model import GovernanceBody
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Severity, Text
from uguaglianza.rules.spans import overlapping, span

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


def _network_end(ctx: Context, body: GovernanceBody) -> tuple[datetime.date, datetime.date] | None:
    """The earliest and latest readings of when *body* ended: its period, or a closure."""
    ends: list[tuple[datetime.date, datetime.date]] = []
    if body.period is not None and body.period.end is not None:
        ends.append((body.period.end.earliest(), body.period.end.latest()))
    for spell in body.statuses:
        closed = ctx.is_a("operating_statuses", spell.status, "closed")
        if closed and spell.period is not None and spell.period.start is not None:
            ends.append((spell.period.start.earliest(), spell.period.start.latest()))
    return min(ends) if ends else None


def _check_ended_network(ctx: Context) -> Iterator[Hit]:
    for i, service in enumerate(ctx.doc.services):
        for j, membership in enumerate(service.networks):
            record = ctx.entity(membership.network)
            if record is None or record.kind != "body":
                continue
            ended = _network_end(ctx, record.entity)
            if ended is None:
                continue
            reach = span(membership.period)
            if reach.end_lo > ended[1]:
                known = True
            elif reach.end_hi > ended[0]:
                known = False
            else:
                continue
            args = {"network": membership.network, "ended": str(ended[0])}
            value = str(membership.period) if membership.period else membership.network
            yield Hit(("services", i, "networks", j), value, args, known=known)


def _check_two_operators(ctx: Context) -> Iterator[Hit]:
    for i, service in enumerate(ctx.doc.services):
        tenures = service.operators
        for later in range(1, len(tenures)):
            for earlier in range(later):
                first, second = tenures[earlier], tenures[later]
                if first.operator == second.operator:
                    continue
                a, b = span(first.period), span(second.period)
                if a.start_hi < b.end_lo and b.start_hi < a.end_lo:
                    known = True
                elif a.start_lo < b.end_hi and b.start_lo < a.end_hi:
                    known = False
                else:
                    continue
                args = {"other": first.operator, "tenure": f"operators[{earlier}]"}
                loc = ("services", i, "operators", later)
                yield Hit(loc, second.operator, args, known=known)
                break


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
    Rule(
        code="UG705",
        name="service-in-ended-network",
        title=Text(
            "Un servizio non è nella rete dopo la sua fine",
            "A service is not in a network after the network ended",
        ),
        message=Text(
            "l'adesione alla rete {network} prosegue oltre la sua fine ({ended})",
            "the membership of network {network} runs past the network's end ({ended})",
        ),
        hint=Text(
            "chiudi il periodo dell'adesione (`networks[].period.end`) alla fine della rete, "
            "o correggi il periodo o gli stati della rete",
            "end the membership (`networks[].period.end`) when the network ended, or "
            "correct the network's period or statuses",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Una rete chiusa (fine del periodo o stato `closed`) non ha più nodi: chi cerca "
            "aiuto non deve essere indirizzato a una rete che non esiste.",
            "A network that ended (its period's end, or a `closed` status) has no nodes: "
            "people seeking help must not be sent to a network that no longer exists.",
        ),
        basis="consistency",
        source="Practice of anti-discrimination and anti-violence networks (UNAR; Intesa "
        "Stato-Regioni sui centri antiviolenza)",
        check=_check_ended_network,
    ),
    Rule(
        code="UG706",
        name="service-with-two-operators",
        title=Text(
            "Un servizio ha un gestore per volta",
            "A service has one operator at a time",
        ),
        message=Text(
            "nello stesso periodo il servizio è gestito anche da {other} ({tenure})",
            "over the same period the service is also run by {other} ({tenure})",
        ),
        hint=Text(
            "dai ai gestori i periodi dei loro affidamenti, consecutivi; una gestione "
            "congiunta si registra con un gestore capofila e gli altri come partner",
            "give the operators the consecutive periods of their contracts; a joint "
            "operation is recorded with one lead operator and the others as partners",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Un servizio affidato con gara ha un solo gestore per volta: chi ne risponde "
            "deve essere determinabile a ogni data.",
            "A service contracted out has one operator at a time: who answers for it must "
            "be determinable at every date.",
        ),
        basis="consistency",
        source="D.Lgs. 36/2023 (Codice dei contratti pubblici); practice of service contracts",
        check=_check_two_operators,
    ),
)
