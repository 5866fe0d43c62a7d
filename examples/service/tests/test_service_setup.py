"""The service's settings, and the throwaway PostgreSQL server its tests rely on."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from uguaglianza_service import Settings, create_app
from uguaglianza_service.settings import DATABASE_URL_VARIABLE, MAX_BYTES_VARIABLE

import uguaglianza

Finder = Callable[[Mapping[str, str]], Path]


def test_settings_default_to_sqlite_in_the_working_directory() -> None:
    settings = Settings.from_environment({})
    assert settings.database_url.render_as_string() == "sqlite:///uguaglianza-service.sqlite3"
    assert settings.max_bytes == 16 * 1024 * 1024


def test_a_postgresql_url_is_read_with_psycopg_3() -> None:
    environ = {
        DATABASE_URL_VARIABLE: "postgresql://app:secret@db.example:5432/plans",
        MAX_BYTES_VARIABLE: "1000",
    }
    settings = Settings.from_environment(environ)
    assert settings.database_url.drivername == "postgresql+psycopg"
    assert (settings.database_url.host, settings.database_url.database) == ("db.example", "plans")
    assert settings.max_bytes == 1000
    assert Settings(database_url="postgres://h/d").database_url.drivername == "postgresql+psycopg"
    assert Settings(database_url="sqlite:///x.db").database_url.drivername == "sqlite"


@pytest.mark.parametrize("value", ["many", "0", "-5"])
def test_a_bad_body_limit_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match=MAX_BYTES_VARIABLE if value == "many" else "max_bytes"):
        Settings.from_environment({MAX_BYTES_VARIABLE: value})


def test_the_app_creates_its_tables(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    app = create_app(Settings(database_url=url))
    assert app.state.store.count() == 0
    assert (tmp_path / "new.sqlite3").exists()
    app.state.store.close()


def test_the_openapi_describes_documents_with_the_library_schema(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'a.sqlite3'}"))
    openapi = app.openapi()
    components = openapi["components"]["schemas"]
    library = uguaglianza.json_schema()
    assert set(library["$defs"]) <= set(components)
    assert components["UguaglianzaDocument"]["oneOf"] == [
        {"$ref": f"#/components/schemas/{ref['$ref'].rsplit('/', 1)[1]}"}
        for ref in library["oneOf"]
    ]
    assert "#/$defs/" not in str(openapi)
    body = openapi["paths"]["/documents"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/UguaglianzaDocument"
    }
    app.state.store.close()


def test_postgresql_tests_fail_without_the_server_programs(
    server_programs: Finder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(server_programs.__globals__, "_server_programs", lambda: None)
    with pytest.raises(pytest.fail.Exception, match="apt-get install postgresql"):
        server_programs({})
    with pytest.raises(pytest.fail.Exception):
        server_programs({"UGUAGLIANZA_SERVICE_SKIP_POSTGRES": "yes"})
    with pytest.raises(pytest.skip.Exception, match="UGUAGLIANZA_SERVICE_SKIP_POSTGRES=1"):
        server_programs({"UGUAGLIANZA_SERVICE_SKIP_POSTGRES": "1"})


def test_the_server_programs_are_found(server_programs: Finder) -> None:
    programs = server_programs({})
    assert (programs / "initdb").is_file()
    assert (programs / "pg_ctl").is_file()
