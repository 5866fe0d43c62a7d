"""``python -m uguaglianza.cli``."""

from uguaglianza.cli import entry

entry()
