"""UG705-UG706 — services over time: network memberships and operators by period.

Periods are compared by their readings (see :mod:`uguaglianza.rules.spans`): a change of
operator within one year written as ``2018..2020`` and ``2020..2023`` may or may not
overlap, so the answer is "not known"; an open end means "still so". Operators whose
tenures start on the same date run the service together and are not reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from uguaglianza.dates import Period
from uguaglianza.model import GovernanceBody
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Severity, Text
from uguaglianza.rules.spans import span

__all__ = ["RULES"]


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


def _joint(first: Period | None, second: Period | None) -> bool:
    """Tenures starting on the same written date: operators running the service together."""
    start = first.start if first is not None else None
    return start is not None and second is not None and second.start == start


def _check_two_operators(ctx: Context) -> Iterator[Hit]:
    for i, service in enumerate(ctx.doc.services):
        tenures = service.operators
        for later in range(1, len(tenures)):
            for earlier in range(later):
                first, second = tenures[earlier], tenures[later]
                if first.operator == second.operator or _joint(first.period, second.period):
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
