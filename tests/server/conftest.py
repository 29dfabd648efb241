"""Fixtures for the SPARQL endpoint: a small release in a real store, and live servers on loopback.

The release is ``tests/data/server/spinekg-small.trig`` (three named graphs shaped like a SpineKG
release). Servers are real: the Flask app under Werkzeug's threaded WSGI server in a thread, or
gunicorn through :func:`server.wsgi.serve` in a subprocess (see ``test_gunicorn.py``). Every
response a test reads goes through the ``checked`` fixture, which fails on a 500 or a traceback.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
import requests
from flask import Flask
from werkzeug.serving import make_server

from kg.store import DATABASE_DIR, load_release
from server import create_app
from server.config import RELEASE_FILE
from server.query_pool import close_pools
from tests.support import oxigraph_read_only_server

FIXTURE_RELEASE = Path(__file__).resolve().parent.parent / "data" / "server" / "spinekg-small.trig"


@dataclass(frozen=True)
class LiveServer:
    """A running server: its base URL and the app it serves."""

    url: str
    app: Flask

    @property
    def endpoint(self) -> str:
        """URL of the SPARQL endpoint."""
        return self.url + "/sparql"


def never_broken(response: requests.Response) -> requests.Response:
    """Fail on any response the endpoint must never give: a 500 or a traceback."""
    assert response.status_code != 500, response.text
    assert "Traceback" not in response.text
    return response


@pytest.fixture(scope="session")
def checked() -> Callable[[requests.Response], requests.Response]:
    """Return the check every test applies to the responses it reads (no 500, no traceback)."""
    return never_broken


@pytest.fixture(scope="session")
def release_dir(tmp_path_factory) -> Path:
    """A release folder holding the fixture as ``spinekg.trig``, as a build would leave it."""
    folder = tmp_path_factory.mktemp("release")
    shutil.copyfile(FIXTURE_RELEASE, folder / RELEASE_FILE)
    return folder


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory, release_dir) -> Path:
    """An oxigraph store directory with the fixture release loaded."""
    folder = tmp_path_factory.mktemp("store")
    load_release(release_dir / RELEASE_FILE, folder)
    return folder


@pytest.fixture(scope="session")
def fixture_dataset() -> rdflib.Dataset:
    """The fixture release parsed by rdflib, for counting directly."""
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE_RELEASE, format="trig")
    return dataset


@pytest.fixture(scope="session")
def start_server(release_dir, store_dir) -> Iterator[Callable[..., LiveServer]]:
    """Start the app under Werkzeug's threaded server on a free loopback port.

    Call it with config overrides; every server started is stopped, and its query workers with
    it, at the end of the session.
    """
    running = []

    def start(**overrides) -> LiveServer:
        config = {"RELEASE_DIR": str(release_dir), "STORE_DIR": str(store_dir), **overrides}
        app = create_app(config)
        http_server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=http_server.serve_forever, daemon=True)
        thread.start()
        running.append((http_server, thread))
        return LiveServer(url=f"http://127.0.0.1:{http_server.server_port}", app=app)

    yield start
    for http_server, thread in running:
        http_server.shutdown()
        thread.join()
    close_pools()


@pytest.fixture(scope="session")
def live(start_server) -> LiveServer:
    """The endpoint with test limits: 5 s per query and 50 result rows."""
    return start_server(QUERY_TIMEOUT=5, MAX_RESULT_ROWS=50)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The fixture release served read-only by the Oxigraph CLI server (a test extra) on loopback.

    Yields its query URL and the store directory it serves.
    """
    store_dir = tmp_path_factory.mktemp("remote-store")
    loaded = load_release(FIXTURE_RELEASE, store_dir)
    with oxigraph_read_only_server(loaded.path / DATABASE_DIR) as url:
        yield url, store_dir


@pytest.fixture(scope="session")
def real_release_dir(release) -> Path:
    """The project's current release folder, built by the session's ``release`` fixture if stale.

    The browser pages and saved queries are tested against it, since what they must show are
    facts of the papers.
    """
    return release.resolve()


@pytest.fixture(scope="session")
def release_live(start_server, real_release_dir, tmp_path_factory) -> LiveServer:
    """The app serving the project's real release on loopback, from a store of its own."""
    store = tmp_path_factory.mktemp("real-release-store")
    load_release(real_release_dir / RELEASE_FILE, store)
    return start_server(RELEASE_DIR=str(real_release_dir), STORE_DIR=str(store))
