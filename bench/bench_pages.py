"""Time the browser over HTTP on loopback, beside the same queries run directly on the store.

It serves the project's current release with the production server (:func:`server.wsgi.serve`:
gunicorn and the query worker pool) on a free loopback port, or uses ``--url`` of a running one,
and measures, one client at a time:

* entity pages, a document page, the search page and the autocomplete endpoint;
* every saved query of ``queries/`` through the query page (``format=json``);

then requests per second and latency under concurrent load over a mix of those URLs. Beside the
HTTP figures it times the same SPARQL directly on a read-only pyoxigraph store of the release:
each saved query, and for each page the queries that page runs (recorded by rendering it once
in this process), so the server's own overhead (query checks, worker hand-off, rendering, HTTP)
shows as the difference. Not part of the test suite; run by hand::

    python bench/bench_pages.py --requests 30 --clients 8 --duration 20
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

from kg.config import Settings
from kg.store import StoreSettings, load_release, open_store
from server.config import RELEASE_FILE
from server.saved import load_saved_queries

PAGES = (
    ("entity: epidural metastasis", "/ontology/EpiduralMetastasis"),
    ("entity: vertebral hemangioma", "/ontology/VertebralHemangioma"),
    ("entity: T1-weighted imaging", "/ontology/T1Weighted"),
    ("entity: case patient", "/resource/case/001_629860b7f85b83dc/patient"),
    ("entity: statement", "/resource/statement/002_d3f542460b4cce16/S1164"),
    ("document: review (37 kB)", "/resource/document/002_d3f542460b4cce16"),
    ("search: metastasis", "/search?q=metastasis"),
    ("autocomplete: hemangi", "/api/autocomplete?q=hemangi"),
    ("home", "/"),
)
START_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class Timing:
    """Latencies of one measured thing, in milliseconds."""

    label: str
    count: int
    median_ms: float
    p95_ms: float

    @classmethod
    def of(cls, label: str, seconds: list[float]) -> Timing:
        """Summarise a list of durations."""
        ordered = sorted(seconds)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return cls(label, len(ordered), statistics.median(ordered) * 1000, p95 * 1000)


def time_calls(label: str, call: Callable[[], object], repeat: int) -> Timing:
    """Time ``repeat`` sequential calls after one warm-up call."""
    call()
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        durations.append(time.perf_counter() - started)
    return Timing.of(label, durations)


def fetch(session: requests.Session, url: str) -> None:
    """GET a URL and fail loudly on anything but 200."""
    response = session.get(url, timeout=60)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}: {response.text[:200]}")


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(release: Path, store_dir: Path, http_workers: int, query_workers: int) -> Iterator[str]:
    """Run the production server on loopback for the duration of the block; yield its base URL."""
    port = _free_port()
    env = {**os.environ, "SPINEKG_RELEASE_DIR": str(release), "SPINEKG_STORE_DIR": str(store_dir)}
    command = [
        sys.executable,
        "-c",
        "from server.wsgi import serve; "
        f"serve('127.0.0.1', {port}, workers={query_workers}, http_workers={http_workers})",
    ]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError("the server exited while starting")
            try:
                requests.get(url + "/static/spinekg.css", timeout=5)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


# --------------------------------------------------------------------------------------------
# Direct store timings
# --------------------------------------------------------------------------------------------


def page_queries(release: Path, store_dir: Path, path: str) -> list[str]:
    """The SPARQL queries a page runs, recorded by rendering it once in this process.

    The label index is built first (by one autocomplete request) so that its queries, which run
    once per release, are not counted against the page. The home page is rendered once per
    release and then served from memory, so its HTTP figure is the cached page.
    """
    from server import create_app, sparql
    from server.query_pool import close_pools

    app = create_app(
        {"RELEASE_DIR": str(release), "STORE_DIR": str(store_dir), "WORKER_PROCESSES": 1}
    )
    recorded: list[str] = []
    original = sparql.run_query

    def recording(query: str, **formats):
        recorded.append(query)
        return original(query, **formats)

    sparql.run_query = recording
    try:
        with app.test_client() as client:
            client.get("/api/autocomplete?q=a")
            recorded.clear()
            client.get(path)
    finally:
        sparql.run_query = original
        close_pools()
    return recorded


def time_direct(store, label: str, texts: list[str], repeat: int) -> Timing:
    """Time running (and fully reading) a list of queries on the store, as one unit."""

    def run_all() -> None:
        for text in texts:
            result = store.query(text)
            if hasattr(result, "__iter__"):
                for _ in result:
                    pass

    return time_calls(label, run_all, repeat)


# --------------------------------------------------------------------------------------------
# Load
# --------------------------------------------------------------------------------------------


def load_test(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    """Hit a mix of URLs from ``clients`` threads for ``seconds``; count and time the answers."""
    stop = time.monotonic() + seconds
    durations: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client(offset: int) -> None:
        nonlocal errors
        session = requests.Session()
        index = offset
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                fetch(session, base + paths[index % len(paths)])
                with lock:
                    durations.append(time.perf_counter() - started)
            except (RuntimeError, requests.RequestException):
                with lock:
                    errors += 1
            index += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - started
    summary = Timing.of(f"mixed load, {clients} clients", durations) if durations else None
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(durations),
        "errors": errors,
        "requests_per_second": round(len(durations) / elapsed, 1),
        "median_ms": round(summary.median_ms, 1) if summary else None,
        "p95_ms": round(summary.p95_ms, 1) if summary else None,
    }


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict:
    """Measure everything and return the figures."""
    release = Path(args.release_dir or Settings.from_env().current_release).resolve()
    work = Path(tempfile.mkdtemp(prefix="spinekg-bench-"))
    store_dir = work / "store"
    load_release(release / RELEASE_FILE, store_dir)
    store = open_store(StoreSettings(store_dir=store_dir))
    saved = load_saved_queries(Settings.from_env().queries_dir)
    http: list[Timing] = []
    direct: list[Timing] = []
    with (
        served(release, store_dir, args.http_workers, args.query_workers)
        if not args.url
        else _given(args.url)
    ) as base:
        session = requests.Session()
        for label, path in PAGES:
            http.append(
                time_calls(label, lambda path=path: fetch(session, base + path), args.requests)
            )
            if not path.startswith(("/search", "/api/")):
                direct.append(
                    time_direct(store, label, page_queries(release, store_dir, path), args.requests)
                )
        for query in saved:
            label = f"query {query.name}"
            url = f"{base}/query?saved={query.name}&format=json"
            http.append(time_calls(label, lambda url=url: fetch(session, url), args.requests))
            direct.append(time_direct(store, label, [query.text], args.requests))
        load_paths = [path for _, path in PAGES] + [
            f"/query?saved={q.name}&format=json" for q in saved
        ]
        load = load_test(base, load_paths, args.clients, args.duration)
    return {
        "release": str(release),
        "http": [asdict(t) for t in http],
        "direct": [asdict(t) for t in direct],
        "load": load,
    }


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url.rstrip("/")


def print_report(figures: dict) -> None:
    """Print HTTP and direct timings side by side, then the load figures."""
    direct = {row["label"]: row for row in figures["direct"]}
    print(f"release: {figures['release']}")
    print(
        f"{'what':58} {'n':>4} {'HTTP median':>12} {'HTTP p95':>9} "
        f"{'store median':>13} {'store p95':>10}"
    )
    for row in figures["http"]:
        store = direct.get(row["label"])
        store_cells = (
            f"{store['median_ms']:13.1f} {store['p95_ms']:10.1f}"
            if store
            else f"{'-':>13} {'-':>10}"
        )
        timing = f"{row['count']:4d} {row['median_ms']:12.1f} {row['p95_ms']:9.1f}"
        print(f"{row['label'][:58]:58} {timing} {store_cells}")
    load = figures["load"]
    print(
        f"load: {load['clients']} clients for {load['seconds']} s: {load['requests']} requests, "
        f"{load['errors']} errors, {load['requests_per_second']} requests/s, "
        f"median {load['median_ms']} ms, p95 {load['p95_ms']} ms"
    )
    print(
        "(all times in ms; 'store' = the same SPARQL run directly on a read-only pyoxigraph store)"
    )


def main() -> None:
    """Parse the command line, run the benchmark and print (and optionally save) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="benchmark a running server instead of starting one")
    parser.add_argument(
        "--release-dir", help="release folder to serve (default: build/release/current)"
    )
    parser.add_argument(
        "--requests", type=int, default=30, help="sequential requests per page or query"
    )
    parser.add_argument(
        "--clients", type=int, default=8, help="concurrent clients of the load test"
    )
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of the load test")
    parser.add_argument("--http-workers", type=int, default=1, help="gunicorn worker processes")
    parser.add_argument(
        "--query-workers", type=int, default=2, help="query worker processes per HTTP worker"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    figures = run(args)
    print_report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
