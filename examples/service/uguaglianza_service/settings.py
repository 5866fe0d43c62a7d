"""The service's settings, read from environment variables with safe defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs
from sqlalchemy.engine import URL, make_url

__all__ = ["DATABASE_URL_VARIABLE", "MAX_BYTES_VARIABLE", "Settings", "database_url"]

#: The environment variable naming the database; SQLite in the working directory if unset.
DATABASE_URL_VARIABLE = "UGUAGLIANZA_SERVICE_DATABASE_URL"
#: The environment variable bounding a request body, in bytes.
MAX_BYTES_VARIABLE = "UGUAGLIANZA_SERVICE_MAX_BYTES"
DEFAULT_DATABASE_URL = "sqlite:///uguaglianza-service.sqlite3"
DEFAULT_MAX_BYTES = 16 * 1024 * 1024


def database_url(text: str) -> URL:
    """*text* as an SQLAlchemy URL; a bare ``postgresql://`` URL is read with psycopg 3."""
    url = make_url(text)
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _url(value: str | URL) -> URL:
    return database_url(value if isinstance(value, str) else value.render_as_string(False))


@attrs.frozen
class Settings:
    """Where documents are stored and how large a request body may be."""

    database_url: URL = attrs.field(default=database_url(DEFAULT_DATABASE_URL), converter=_url)
    max_bytes: int = attrs.field(default=DEFAULT_MAX_BYTES, validator=attrs.validators.gt(0))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """The settings named by ``UGUAGLIANZA_SERVICE_*`` variables, defaults elsewhere."""
        text = environ.get(MAX_BYTES_VARIABLE)
        try:
            max_bytes = int(text) if text else DEFAULT_MAX_BYTES
        except ValueError:
            raise ValueError(
                f"{MAX_BYTES_VARIABLE} must be a number of bytes, not {text!r}"
            ) from None
        return cls(
            database_url=environ.get(DATABASE_URL_VARIABLE) or DEFAULT_DATABASE_URL,
            max_bytes=max_bytes,
        )
