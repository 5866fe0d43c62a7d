"""Safety limits for reading untrusted documents, and a helper for parsing big ones."""

from __future__ import annotations

import attrs

from uguaglianza._gc import paused_gc

__all__ = ["DEFAULT_LIMITS", "Limits", "paused_gc"]


_COUNT = [attrs.validators.instance_of(int), attrs.validators.ge(0)]


@attrs.frozen
class Limits:
    """How much an untrusted document may use before reading it is refused.

    The defaults accept any realistic document while refusing hostile ones quickly.
    """

    max_bytes: int = attrs.field(default=256 * 1024 * 1024, validator=_COUNT)
    """Largest input accepted, in bytes (256 MiB); checked before reading the file."""

    max_depth: int = attrs.field(default=64, validator=_COUNT)
    """Deepest nesting of lists and mappings; the outermost container is level 1."""

    max_aliases: int = attrs.field(default=100, validator=_COUNT)
    """Most YAML aliases (``*name``) in one document."""

    max_alias_expansion: int = attrs.field(default=10_000, validator=_COUNT)
    """Most values reachable through YAML aliases and merges, counted once per use."""

    max_nodes: int = attrs.field(default=20_000_000, validator=_COUNT)
    """Most values (scalars, lists and mappings; keys are not counted) in one document."""


DEFAULT_LIMITS = Limits()
