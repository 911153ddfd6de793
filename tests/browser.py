"""Headless Chromium for tests, driven over the DevTools protocol through a pipe.

No extra Python package and no port: Chromium's ``--remote-debugging-pipe`` reads commands on
fd 3 and writes replies on fd 4, each a JSON message ending in a NUL byte. A :class:`Page`
records console errors, uncaught exceptions and every URL the page requested, so a test can
assert that a page opened from disk loads everything from disk.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google at start, which this
# machine's closed network refuses many times over.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required", "--mute-audio",
    # Let a page opened from disk read its neighbouring files (videos, subtitles) as a user
    # double-clicking the file would; no network is allowed either way.
    "--allow-file-access-from-files",
)  # fmt: skip


class BrowserError(Exception):
    pass


class Page:
    """One tab of a fresh headless Chromium (a new profile each time)."""

    def __init__(self, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self._profile = tempfile.mkdtemp(prefix="llmfacts-chromium-")
        to_chrome_read, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_write = os.pipe()

        def child_fds() -> None:
            os.dup2(to_chrome_read, 3)
            os.dup2(from_chrome_write, 4)

        self._process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self._profile}", "--remote-debugging-pipe"],
            # preexec_fn runs before the child closes inherited descriptors, so 3 and 4
            # themselves must be on the keep list.
            pass_fds=(3, 4, to_chrome_read, from_chrome_write),
            preexec_fn=child_fds,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self._buffer = b""
        self._next_id = 0
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self._session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._process.kill()
        self._process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        shutil.rmtree(self._profile, ignore_errors=True)

    # -- protocol --------------------------------------------------------------------------
    def _write(self, message: dict[str, Any]) -> int:
        self._next_id += 1
        message["id"] = self._next_id
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise BrowserError("Chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        self._record(message)
        return message

    def _record(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.console_errors.append(" ".join(str(a.get("value")) for a in params["args"]))
        elif method == "Runtime.exceptionThrown":
            self.console_errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.console_errors.append(params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])

    def _call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A browser-level command (no session)."""
        number = self._write({"method": method, "params": params or {}})
        return self._await_reply(number)

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A command to the page's session; its result."""
        number = self._write({"method": method, "params": params or {}, "sessionId": self._session})
        return self._await_reply(number)

    def _await_reply(self, number: int) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._read(deadline)
            if message.get("id") == number:
                if "error" in message:
                    raise BrowserError(str(message["error"]))
                result: dict[str, Any] = message.get("result", {})
                return result

    # -- what tests use ----------------------------------------------------------------------
    def open(self, path: Path) -> None:
        """Load a file and wait for its load event."""
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        self.wait_for("document.readyState === 'complete'")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (promises awaited)."""
        reply = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in reply:
            raise BrowserError(str(reply["exceptionDetails"].get("text")))
        return reply["result"].get("value")

    def wait_for(self, expression: str) -> None:
        """Poll until ``expression`` is true (a load, not a timing assertion: the timeout only
        stops a broken page from hanging the test run)."""
        deadline = time.monotonic() + self.timeout
        while not self.evaluate(expression):
            if time.monotonic() > deadline:
                raise BrowserError(f"still false after {self.timeout:.0f} s: {expression}")
            time.sleep(0.1)

    def remote_requests(self) -> list[str]:
        """Requested URLs that are neither on disk nor inline."""
        return [u for u in self.requests if not u.startswith(("file:", "data:", "blob:"))]
