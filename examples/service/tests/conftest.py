"""The service under test: a live server on SQLite and on a throwaway PostgreSQL server.

PostgreSQL tests start their own server (``initdb`` and ``pg_ctl`` from Debian's
``postgresql`` package, as the ``postgres`` user when run as root) on a free local port,
and never skip: without the server programs they fail, unless
``UGUAGLIANZA_SERVICE_SKIP_POSTGRES=1`` says to leave PostgreSQL out.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import httpx
import psycopg
import pytest
import uvicorn
from uguaglianza_service import Settings, create_app

SKIP_POSTGRES = "UGUAGLIANZA_SERVICE_SKIP_POSTGRES"
BACKENDS = ["sqlite", "postgresql"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _server_programs() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, the newest version first."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


class PostgresServer:
    """A PostgreSQL server in a temporary folder, trusting local connections, on *port*."""

    def __init__(self, programs: Path) -> None:
        self.programs = programs
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="uguaglianza-pg-"))
        self.data = self.folder / "data"
        self.user: pwd.struct_passwd | None = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                pytest.fail("running as root, PostgreSQL needs a 'postgres' user to run as")
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)

    def _run(self, *args: str) -> None:
        command = [str(self.programs / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user.pw_name, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}{tail}")

    def start(self) -> None:
        """Create the cluster and start the server; returns once it accepts connections."""
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C", "--no-sync")  # fmt: skip
        options = f"-F -p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")  # fmt: skip

    def stop(self) -> None:
        """Stop the server at once and delete its folder."""
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """The URL of *database* on this server, as the service reads it."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


def require_server_programs(environ: Mapping[str, str] = os.environ) -> Path:
    """The folder of the PostgreSQL server programs; fails the test if there is none.

    Skips instead only when *environ* sets ``UGUAGLIANZA_SERVICE_SKIP_POSTGRES=1``.
    """
    programs = _server_programs()
    if programs is not None:
        return programs
    if environ.get(SKIP_POSTGRES) == "1":
        pytest.skip(f"PostgreSQL left out: {SKIP_POSTGRES}=1")
    pytest.fail(
        "the PostgreSQL server programs (initdb, pg_ctl) are not installed: install "
        "Debian's postgresql package (apt-get install postgresql), or set "
        f"{SKIP_POSTGRES}=1 to leave the PostgreSQL tests out"
    )


@pytest.fixture
def server_programs() -> Callable[[Mapping[str, str]], Path]:
    """:func:`require_server_programs`, for the tests of this set-up itself."""
    return require_server_programs


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the whole run."""
    programs = require_server_programs()
    server = PostgresServer(programs)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a new SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'service.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"t_{uuid.uuid4().hex}"
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield server.url(name)
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


class LiveService:
    """The service running in uvicorn on a free local port, in a background thread."""

    def __init__(self, settings: Settings) -> None:
        self.app = create_app(settings)
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveService:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the service did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def service(database_url: str) -> Iterator[LiveService]:
    """The service on an empty database of each backend."""
    with LiveService(Settings(database_url=database_url, max_bytes=1024 * 1024)) as live:
        yield live


@pytest.fixture
def client(service: LiveService) -> Iterator[httpx.Client]:
    """An HTTP client of the live service."""
    with httpx.Client(base_url=service.url, timeout=60) as http:
        yield http
