"""UG9xx — problems with the input or with the library itself, not with the plan."""

from __future__ import annotations

from uguaglianza.rules.catalogue import Rule
from uguaglianza.rules.report import Severity, Text

__all__ = ["CRASH", "RULES", "UNREADABLE"]

CRASH = Rule(
    code="UG900",
    name="rule-crashed",
    title=Text("Ogni controllo arriva in fondo", "Every check runs to completion"),
    message=Text(
        "il controllo {rule} si è interrotto con un errore interno ({error}): il documento "
        "non è stato verificato per questa regola",
        "check {rule} stopped on an internal error ({error}): the document was not checked "
        "for this rule",
    ),
    hint=Text(
        "segnala il problema allegando il documento; intanto puoi ignorare la regola",
        "report the problem with the document attached; meanwhile you may ignore the rule",
    ),
    severity=Severity.ERROR,
    rationale=Text(
        "Un controllo che non arriva in fondo non può dire che il documento va bene; gli "
        "altri controlli proseguono comunque.",
        "A check that does not finish cannot say the document is fine; the other checks still run.",
    ),
    basis="consistency",
    source="uguaglianza",
)

UNREADABLE = Rule(
    code="UG901",
    name="unreadable-input",
    title=Text("Il file si legge come JSON o YAML", "The file reads as JSON or YAML"),
    message=Text("il file non si può leggere: {detail}", "the file cannot be read: {detail}"),
    hint=Text(
        "controlla percorso, estensione (.json, .yaml, .yml, .xlsx), codifica UTF-8 e sintassi",
        "check the path, the extension (.json, .yaml, .yml, .xlsx), UTF-8 encoding and syntax",
    ),
    severity=Severity.ERROR,
    rationale=Text(
        "Un file mancante, binario o mal formato non si può controllare; il dettaglio "
        "viene dal lettore ed è in inglese.",
        "A missing, binary or malformed file cannot be checked; the detail comes from the "
        "reader, in English.",
    ),
    basis="consistency",
    source="uguaglianza document format (docs/model.md)",
)

RULES: tuple[Rule, ...] = (CRASH, UNREADABLE)
