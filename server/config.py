"""Defaults of the SpineKG web server, the bottom layer of the configuration.

:func:`server.create_app` layers ``SPINEKG_*`` environment variables (``SPINEKG_QUERY_TIMEOUT=5``,
values parsed as JSON where they can be) and then the test dictionary over these defaults. Paths
start from :class:`kg.config.Settings`, so the build and the server agree on where releases live.
"""

from __future__ import annotations

from kg.config import Settings
from kg.store import DEFAULT_BACKEND

KIB = 1024
GIB = 1024**3

RELEASE_FILE = "spinekg.trig"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def default_config() -> dict:
    """Return the default settings, keyed as Flask config keys.

    Keys:
        RELEASE_DIR: folder of the served release; its ``spinekg.trig`` is loaded at start.
        STORE_DIR: folder of the embedded oxigraph store (see :mod:`kg.store`).
        STORE_BACKEND: ``"oxigraph"`` (embedded) or ``"sparql"`` (a remote server).
        STORE_ENDPOINT: URL of the remote SPARQL server for the ``"sparql"`` backend.
        QUERY_TIMEOUT: seconds a query may run before its worker process is killed.
        STATISTICS_TIMEOUT: seconds allowed for counting the dataset (VoID), once per release.
        MAX_RESULT_ROWS: solutions or triples returned at most; more are cut off and the
            response carries ``X-SpineKG-Truncated: true``.
        MAX_CONTENT_LENGTH: largest request body, and largest GET query string, in bytes (413).
        WORKER_PROCESSES: query worker processes per HTTP worker process.
        WORKER_MEMORY_LIMIT: bytes of heap a query worker may use (``RLIMIT_DATA``); 0 for none.
        HTTP_WORKERS: gunicorn worker processes.
        HTTP_THREADS: request threads per gunicorn worker process.
        UNION_DEFAULT_GRAPH: answer queries that name no dataset over the union of all graphs.
        CONTENT_SECURITY_POLICY: the ``Content-Security-Policy`` header of every response.
    """
    settings = Settings.from_env()
    return {
        "RELEASE_DIR": str(settings.current_release),
        "STORE_DIR": str(settings.build_dir / "store"),
        "STORE_BACKEND": DEFAULT_BACKEND,
        "STORE_ENDPOINT": None,
        "QUERY_TIMEOUT": 10,
        "STATISTICS_TIMEOUT": 300,
        "MAX_RESULT_ROWS": 10_000,
        "MAX_CONTENT_LENGTH": 256 * KIB,
        "WORKER_PROCESSES": 2,
        "WORKER_MEMORY_LIMIT": 4 * GIB,
        "HTTP_WORKERS": 1,
        "HTTP_THREADS": 8,
        "UNION_DEFAULT_GRAPH": True,
        "CONTENT_SECURITY_POLICY": CONTENT_SECURITY_POLICY,
    }
