"""Fixtures for the browser tests: gunicorn serving the real release, and headless Chromium.

The production server (gunicorn) runs on loopback; Debian's Chromium is driven by Playwright.

The server is started with :func:`server.wsgi.serve` in a subprocess, as ``spinekg serve`` does,
with a store directory of its own; it is stopped with SIGTERM at the end of the session.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from tests.support import free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
START_TIMEOUT_SECONDS = 90


@pytest.fixture(scope="session")
def site(tmp_path_factory, release) -> Iterator[str]:
    """The base URL of gunicorn serving the project's current release (built first if stale)."""
    port = free_port()
    env = {
        **os.environ,
        "SPINEKG_RELEASE_DIR": str(release.resolve()),
        "SPINEKG_STORE_DIR": str(tmp_path_factory.mktemp("browser-store")),
    }
    command = [sys.executable, "-c", f"from server.wsgi import serve; serve('127.0.0.1', {port})"]
    log = tmp_path_factory.mktemp("browser-server") / "server.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(url, process, log)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            if requests.get(url + "/static/spinekg.css", timeout=5).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    output = log.read_text(errors="replace")
    pytest.fail(f"the server did not answer within {START_TIMEOUT_SECONDS} s:\n{output}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium package is not installed: run scripts/setup.sh")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    """A fresh laptop-sized page; the test fails if the browser logged an error (CSP included)."""
    context = browser.new_context(
        base_url=site, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    tab = context.new_page()
    errors: list[str] = []

    def keep_errors(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    tab.on("console", keep_errors)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], f"the browser reported errors: {errors}"
