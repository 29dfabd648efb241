"""Serve SpineKG with gunicorn: load the release into the store, then answer HTTP on loopback.

Process layout (and why it cannot fork-bomb). With ``H = HTTP_WORKERS`` (default 1) and
``W = WORKER_PROCESSES`` (default 2) the server runs exactly ``2 + H * (1 + W)`` processes::

    gunicorn master (arbiter)                     binds the socket, restarts dead HTTP workers
    ├── multiprocessing resource tracker          started by the first "spawn", shared by all
    └── H x gunicorn HTTP worker (gthread)        HTTP_THREADS threads each, no query evaluation
        └── W x query worker (multiprocessing     opens the store read-only, evaluates one query
              "spawn", daemon)                    at a time, killed and replaced on timeout

Before gunicorn starts, the release is loaded into the store by one short-lived spawned process
(the master itself never opens RocksDB, whose threads a forked worker would inherit broken).

* The master never starts query workers: the app is built in the master but each HTTP worker
  starts its own pool lazily (warmed by the ``post_worker_init`` hook), keyed by process id, so
  forking an HTTP worker never copies a pool. ``worker_exit`` stops the pool.
* A query worker is replaced only after it was killed or died, so the count stays at ``W``; query
  workers are daemons, never fork themselves, and exit when their pipe to the HTTP worker closes.
* gunicorn's control socket and "dirty" workers are off; ``limit_request_line`` is 0 (gunicorn
  then caps request lines at 1 MiB), so a long GET query reaches the app, which answers 413 past
  ``MAX_CONTENT_LENGTH``.
* A request waits for a free query worker at most ``QUERY_TIMEOUT`` seconds, then gets 503 with
  ``Retry-After``; ``HTTP_THREADS`` bounds how many requests wait at once.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from flask import Flask
from gunicorn.app.base import BaseApplication

from kg.store import DEFAULT_BACKEND, LoadedRelease, load_release
from server import create_app, sparql
from server.config import RELEASE_FILE
from server.query_pool import close_pools

LOG = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
GUNICORN_HEARTBEAT_TIMEOUT_SECONDS = 30


class SpineKGServer(BaseApplication):
    """gunicorn configured in code, serving an already-created Flask app."""

    def __init__(self, app: Flask, options: Mapping[str, object]):
        self._app = app
        self._options = dict(options)
        super().__init__()

    def load_config(self) -> None:
        """Copy the options into gunicorn's settings."""
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        """Return the WSGI app."""
        return self._app


def gunicorn_options(app: Flask, host: str, port: int) -> dict[str, object]:
    """Return the gunicorn settings for serving ``app`` (see the module docstring)."""
    config = app.config
    return {
        "bind": f"{host}:{port}",
        "workers": int(config["HTTP_WORKERS"]),
        "worker_class": "gthread",
        "threads": int(config["HTTP_THREADS"]),
        "timeout": max(GUNICORN_HEARTBEAT_TIMEOUT_SECONDS, 3 * int(config["QUERY_TIMEOUT"])),
        "limit_request_line": 0,
        "control_socket_disable": True,
        "dirty_workers": 0,
        "accesslog": "-",
        "post_worker_init": _start_query_pool,
        "worker_exit": _stop_query_pools,
    }


def prepare_store(app: Flask) -> LoadedRelease | None:
    """Load the release named by the app's config into its embedded store (a no-op when current).

    Returns:
        The loaded release, or None for a backend that is not the embedded store.

    Raises:
        kg.store.ReleaseLoadError: if the release file is missing or invalid.
    """
    if app.config["STORE_BACKEND"] != DEFAULT_BACKEND:
        return None
    release_file = Path(app.config["RELEASE_DIR"]) / RELEASE_FILE
    # RocksDB starts background threads that a forked gunicorn worker would inherit half-dead
    # (it aborts at exit), so the master loads the store in a separate, spawned process.
    with ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn")
    ) as loader:
        loaded = loader.submit(load_release, release_file, Path(app.config["STORE_DIR"])).result()
    LOG.info(
        "serving release %s (%d triples)%s",
        loaded.release_id,
        loaded.statistics.triples,
        "" if loaded.newly_loaded else ", already loaded",
    )
    return loaded


def serve(
    host: str = LOOPBACK,
    port: int = 8000,
    workers: int | None = None,
    *,
    http_workers: int | None = None,
    threads: int | None = None,
    config: Mapping[str, object] | None = None,
) -> None:
    """Load the release, then serve the app with gunicorn until stopped (SIGINT or SIGTERM).

    Args:
        host: interface to bind; loopback by default, put a reverse proxy in front for the world.
        port: TCP port.
        workers: query worker processes per HTTP worker (``WORKER_PROCESSES``).
        http_workers: gunicorn worker processes (``HTTP_WORKERS``).
        threads: request threads per gunicorn worker (``HTTP_THREADS``).
        config: further settings over the defaults and ``SPINEKG_*`` variables.

    Raises:
        kg.store.ReleaseLoadError: if the release to serve is missing or invalid.
    """
    overrides = dict(config or {})
    for key, value in (
        ("WORKER_PROCESSES", workers),
        ("HTTP_WORKERS", http_workers),
        ("HTTP_THREADS", threads),
    ):
        if value is not None:
            overrides[key] = value
    app = create_app(overrides)
    prepare_store(app)
    SpineKGServer(app, gunicorn_options(app, host, port)).run()


def _start_query_pool(worker) -> None:
    sparql.query_pool(worker.wsgi)


def _stop_query_pools(server, worker) -> None:
    close_pools()
