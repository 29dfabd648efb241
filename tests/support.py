"""Helpers shared by several test folders: the Oxigraph CLI server on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

START_TIMEOUT_SECONDS = 30


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def oxigraph_cli() -> str:
    """The ``oxigraph`` executable installed next to this Python (the ``test`` extra)."""
    executable = shutil.which("oxigraph", path=os.path.dirname(sys.executable))
    if executable is None:
        pytest.fail("the oxigraph CLI (test extra) is not installed: run scripts/setup.sh")
    return executable


@contextmanager
def oxigraph_read_only_server(location: Path) -> Iterator[str]:
    """Serve an Oxigraph store folder read-only on a free loopback port; yield its query URL."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_cli(), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    try:
        while True:
            try:
                requests.get(url, params={"query": "ASK {}"}, timeout=2)
                break
            except requests.ConnectionError:
                assert process.poll() is None and time.monotonic() < deadline, "the oxigraph server did not start"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
