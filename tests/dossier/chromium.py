"""A small Chrome DevTools Protocol client over ``--remote-debugging-pipe``, for the tests.

Chromium reads commands from file descriptor 3 and writes answers and events to file
descriptor 4, each a JSON message ended by a NUL byte; no network port is opened.
:func:`open_page` loads a file and records what a reader would miss: console errors,
uncaught exceptions, failed requests and any request that is not for the file itself.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import attrs

#: Flags that keep Chromium off the network and quiet in a container.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)
_TIMEOUT = 60.0


def chromium_binary() -> str:
    """The Chromium executable on PATH; the tests fail, never skip, without one."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise AssertionError(
        "no Chromium on PATH: install Debian's package (apt-get install chromium), as .ci/run does"
    )


@attrs.define
class Visit:
    """What happened while a page loaded, and what it shows."""

    console_errors: list[str] = attrs.Factory(list)
    exceptions: list[str] = attrs.Factory(list)
    failed_requests: list[str] = attrs.Factory(list)
    requests: list[str] = attrs.Factory(list)
    text: str = ""
    screenshot: bytes = b""
    pdf: bytes = b""
    checks: dict[str, Any] = attrs.Factory(dict)


class Browser:
    """One headless Chromium, driven over its debugging pipe."""

    def __init__(self) -> None:
        self._profile = tempfile.mkdtemp(prefix="dossier-chromium-")
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()

        def plumb() -> None:  # runs in the child: the pipe on descriptors 3 and 4
            high_in = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
            high_out = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self._process = subprocess.Popen(
            [chromium_binary(), *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=plumb,
            pass_fds=(3, 4),
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def close(self) -> None:
        """Ask Chromium to quit, then make sure it did, and remove its profile."""
        with suppress(OSError, AssertionError):
            self.send("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._write)
        os.close(self._read)
        shutil.rmtree(self._profile, ignore_errors=True)

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise AssertionError("Chromium did not answer in time")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise AssertionError("Chromium closed its debugging pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer, keeping the events that come first."""
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            command["sessionId"] = session
        os.write(self._write, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + _TIMEOUT
        while True:
            message = self._message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise AssertionError(f"{method} failed: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._events.append(message)

    def wait_for(self, method: str, session: str) -> None:
        """Wait until the event *method* arrives for *session*."""
        deadline = time.monotonic() + _TIMEOUT
        while True:
            for event in self._events:
                if event.get("method") == method and event.get("sessionId") == session:
                    return
            self._events.append(self._message(deadline))

    def visit(self, path: Path, script: str) -> Visit:
        """Load *path* in a new tab; record its problems, text, screenshot, PDF and *script*."""
        self._events.clear()
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=1000,
            height=1400,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send("Page.navigate", session, url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired", session)
        visit = Visit()
        text = self.send(
            "Runtime.evaluate", session, expression="document.body.innerText", returnByValue=True
        )
        visit.text = str(text["result"].get("value", ""))
        checks = self.send("Runtime.evaluate", session, expression=script, returnByValue=True)
        visit.checks = dict(checks["result"].get("value") or {})
        shot = self.send("Page.captureScreenshot", session, format="png")
        visit.screenshot = base64.b64decode(shot["data"])
        pdf = self.send("Page.printToPDF", session, preferCSSPageSize=True, printBackground=True)
        visit.pdf = base64.b64decode(pdf["data"])
        self.send("Target.closeTarget", targetId=target)
        page = path.resolve().as_uri()
        for event in self._events:
            if event.get("sessionId") != session:
                continue
            params = event.get("params", {})
            method = event.get("method")
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                visit.console_errors.append(json.dumps(params.get("args")))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                visit.console_errors.append(params["entry"].get("text", ""))
            elif method == "Runtime.exceptionThrown":
                visit.exceptions.append(json.dumps(params.get("exceptionDetails")))
            elif method == "Network.loadingFailed":
                visit.failed_requests.append(json.dumps(params))
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if url != page:
                    visit.requests.append(url)
        return visit


@contextmanager
def browser() -> Iterator[Browser]:
    """A headless Chromium for the duration of the block."""
    opened = Browser()
    try:
        opened.send("Target.getTargets")
        yield opened
    finally:
        opened.close()
