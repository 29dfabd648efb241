"""Fixtures for the differential diagnosis: the real release in a store, the engine, a live server.

The facts the differential must find are the papers' own, so these tests read the project's
current release (``spinekg build``); without one they skip and name the command that makes it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import pytest
from flask import Flask
from werkzeug.serving import make_server

from kg.ddx import DifferentialDiagnosis
from kg.ddx_graph import store_select
from kg.store import load_release
from server import create_app
from server.config import RELEASE_FILE
from server.query_pool import close_pools

CAVERNOUS_CASE = "000_891c798bf44889b1"
HEMANGIOPERICYTOMA_CASE = "001_629860b7f85b83dc"
REVIEW = "002_d3f542460b4cce16"


@dataclass(frozen=True)
class LiveServer:
    """A running server: its base URL and the app it serves."""

    url: str
    app: Flask


@pytest.fixture(scope="session")
def release_trig(release) -> Path:
    """The current release's TriG file (the session's ``release`` fixture builds it when stale)."""
    return (release / RELEASE_FILE).resolve()


@pytest.fixture(scope="session")
def release_store(release_trig) -> pyoxigraph.Store:
    """The release loaded into an in-memory pyoxigraph store."""
    store = pyoxigraph.Store()
    store.bulk_load(path=str(release_trig), format=pyoxigraph.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="session")
def engine(release_store) -> DifferentialDiagnosis:
    """The differential-diagnosis engine over the real release."""
    return DifferentialDiagnosis.load(store_select(release_store), "test-release")


@pytest.fixture(scope="session")
def live(release_trig, tmp_path_factory) -> Iterator[LiveServer]:
    """The app serving the real release on a free loopback port, from a store of its own."""
    store_dir = tmp_path_factory.mktemp("ddx-store")
    load_release(release_trig, store_dir)
    app = create_app(
        {"RELEASE_DIR": str(release_trig.parent), "STORE_DIR": str(store_dir), "QUERY_TIMEOUT": 30}
    )
    http_server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http_server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(url=f"http://127.0.0.1:{http_server.server_port}", app=app)
    http_server.shutdown()
    thread.join()
    close_pools()
