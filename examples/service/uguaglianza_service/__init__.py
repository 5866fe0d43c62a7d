"""A reference web service over uguaglianza: validate, store with versions, serve graphs."""

from uguaglianza_service.app import create_app
from uguaglianza_service.settings import Settings

__all__ = ["Settings", "create_app"]
