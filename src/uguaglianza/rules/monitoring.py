"""UG315 — monitoring: an indicator declared disaggregated by sex is measured by sex."""

from __future__ import annotations

from collections.abc import Iterator

from uguaglianza.model import Measurement
from uguaglianza.rules.acts import located_plans
from uguaglianza.rules.catalogue import Hit, Rule
from uguaglianza.rules.context import Context
from uguaglianza.rules.report import Severity, Text

__all__ = ["RULES", "by_sex"]


def by_sex(ctx: Context, measurement: Measurement) -> bool:
    """Whether *measurement* splits its value by sex: female/male, or a ``sex`` breakdown."""
    if measurement.female is not None or measurement.male is not None:
        return True
    return any(
        ctx.is_a("breakdown_dimensions", key.dimension, "sex")
        for cell in measurement.breakdown
        for key in cell.by
    )


def _check_sex_measurements(ctx: Context) -> Iterator[Hit]:
    for plan, loc in located_plans(ctx.doc):
        for k, indicator in enumerate(plan.indicators):
            if not indicator.sex_disaggregated:
                continue
            for m, measurement in enumerate(indicator.measurements):
                numeric = measurement.value is not None or measurement.breakdown
                if not numeric or by_sex(ctx, measurement):
                    continue
                withheld = measurement.is_absent("female") or measurement.is_absent("male")
                where = (*loc, "indicators", k, "measurements", m)
                yield Hit(where, str(measurement.date), {}, known=not withheld)


RULES: tuple[Rule, ...] = (
    Rule(
        code="UG315",
        name="sex-disaggregated-not-measured-by-sex",
        title=Text(
            "Un indicatore disaggregato per sesso è misurato per sesso",
            "An indicator disaggregated by sex is measured by sex",
        ),
        message=Text(
            "l'indicatore è dichiarato disaggregato per sesso, ma questa misurazione non "
            "distingue donne e uomini",
            "the indicator is declared disaggregated by sex, but this measurement does not "
            "tell women and men apart",
        ),
        hint=Text(
            "aggiungi `female` e `male`, o una tabella `breakdown` con dimensione `sex`; se "
            "la fonte non li dà, registralo in `absent`",
            "add `female` and `male`, or a `breakdown` table with dimension `sex`; if the "
            "source does not give them, record that in `absent`",
        ),
        severity=Severity.WARNING,
        rationale=Text(
            "Dichiarare un indicatore disaggregato per sesso e poi misurarlo solo in totale "
            "nasconde proprio il divario che il piano vuole vedere.",
            "Declaring an indicator disaggregated by sex and then measuring only its total "
            "hides the very gap the plan means to see.",
        ),
        basis="law",
        source="D.Lgs. 198/2006 art. 46 (rapporto sulla situazione del personale); "
        "Horizon Europe GEP eligibility criterion (sex-disaggregated data)",
        check=_check_sex_measurements,
    ),
)
