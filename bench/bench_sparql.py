"""Time a differential-diagnosis join on SpineKG-shaped graphs, directly and over HTTP.

It synthesises releases shaped like ours (lesion classes, statements with rdf:subject/predicate/
object, qualifiers, Web Annotation evidence, one named graph per document) at the requested sizes,
loads each with :func:`kg.store.load_release`, then times one query:

* directly on pyoxigraph (the store opened read-only, in this process), and
* over HTTP on loopback through the production server (:func:`server.wsgi.serve`, gunicorn and
  the query worker pool), first with one client, then with several concurrent clients.

It prints median and p95 latency and requests per second. Not part of the test suite; timings
depend on the machine. Usage::

    python bench/bench_sparql.py --sizes 100000 1000000 --requests 20 --clients 4
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import requests

from kg.store import DATABASE_DIR, load_release
from server.config import RELEASE_FILE

SK = "https://w3id.org/spinekg/ontology/"
SKR = "https://w3id.org/spinekg/resource/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OA = "http://www.w3.org/ns/oa#"
XSD = "http://www.w3.org/2001/XMLSchema#"

SIGNALS = ["Hypointense", "Isointense", "Hyperintense", "Heterogeneous", "SignalVoid", "Enhancing"]
SEQUENCES = [
    "T1Weighted",
    "T2Weighted",
    "STIR",
    "T1PostContrast",
    "DiffusionWeighted",
    "GradientEcho",
]
FREQUENCIES = ["Always", "Usually", "Often", "Sometimes", "Possibly", "Rarely"]
TRIPLES_PER_STATEMENT = 30
STATEMENTS_PER_DOCUMENT = 200
LESION_CLASSES_PER_10K_TRIPLES = 3

DIFFERENTIAL_QUERY = """PREFIX sk: <https://w3id.org/spinekg/ontology/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?other (COUNT(DISTINCT ?signal) AS ?shared) (SAMPLE(?quote) AS ?evidence) WHERE {
  ?mine rdf:subject sk:%(lesion)s ; rdf:predicate sk:hasSignal ; rdf:object ?signal ;
        sk:sequence ?sequence .
  ?theirs rdf:object ?signal ; sk:sequence ?sequence ; rdf:subject ?other ;
          rdf:predicate sk:hasSignal ; sk:frequency ?frequency ; sk:evidence ?annotation .
  ?annotation oa:hasTarget ?target .
  ?target oa:hasSelector ?selector .
  ?selector oa:exact ?quote .
  FILTER(?other != sk:%(lesion)s)
} GROUP BY ?other ORDER BY DESC(?shared) ?other LIMIT 20"""


@dataclass(frozen=True)
class Timing:
    """Latencies of one way of running the query."""

    label: str
    seconds: list[float]
    wall_seconds: float

    @property
    def median_ms(self) -> float:
        """Median latency in milliseconds."""
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        """95th percentile latency in milliseconds."""
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000

    @property
    def requests_per_second(self) -> float:
        """Completed queries per second of wall time."""
        return len(self.seconds) / self.wall_seconds


@dataclass(frozen=True)
class SyntheticRelease:
    """What :func:`write_release` wrote."""

    triples: int
    lesion_classes: int


def write_release(path: Path, target_triples: int, seed: int = 7) -> SyntheticRelease:
    """Write a SpineKG-shaped TriG release of about ``target_triples`` triples."""
    rng = random.Random(seed)
    lesions = [
        f"Lesion{n}"
        for n in range(max(20, target_triples // 10_000 * LESION_CLASSES_PER_10K_TRIPLES))
    ]
    statements = max(1, (target_triples - 4 * len(lesions)) // TRIPLES_PER_STATEMENT)
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"<{SKR}graph/ontology> {{\n")
        for name in lesions + SIGNALS + SEQUENCES:
            out.write(f"<{SK}{name}> <{RDF}type> <http://www.w3.org/2002/07/owl#Class> .\n")
            out.write(f'<{SK}{name}> <{RDFS}label> "{name.lower()}"@en .\n')
            written += 2
        for name in lesions:
            out.write(f"<{SK}{name}> <{RDFS}subClassOf> <{SK}Lesion> .\n")
            written += 1
        out.write("}\n")
        for first in range(0, statements, STATEMENTS_PER_DOCUMENT):
            document = f"doc{first // STATEMENTS_PER_DOCUMENT:05d}"
            out.write(f"<{SKR}graph/document/{document}> {{\n")
            for number in range(first, min(statements, first + STATEMENTS_PER_DOCUMENT)):
                written += _write_statement(out, rng, document, number, lesions)
            out.write("}\n")
    return SyntheticRelease(triples=written, lesion_classes=len(lesions))


def _write_statement(
    out, rng: random.Random, document: str, number: int, lesions: list[str]
) -> int:
    node = f"<{SKR}statement/{document}/S{number:06d}>"
    annotation = f"<{SKR}statement/{document}/S{number:06d}/evidence/1>"
    target, position, quote = (
        f"<{SKR}statement/{document}/S{number:06d}/evidence/1/{part}>"
        for part in ("target", "position", "quote")
    )
    lesion, signal, sequence = rng.choice(lesions), rng.choice(SIGNALS), rng.choice(SEQUENCES)
    start = rng.randrange(0, 50_000)
    text = f"{lesion} is {rng.choice(FREQUENCIES).lower()} {signal.lower()} on {sequence}"
    lines = [
        f"{node} <{RDF}type> <{SK}Statement>",
        f"{node} <{RDF}subject> <{SK}{lesion}>",
        f"{node} <{RDF}predicate> <{SK}hasSignal>",
        f"{node} <{RDF}object> <{SK}{signal}>",
        f"{node} <{SK}sequence> <{SK}{sequence}>",
        f"{node} <{SK}frequency> <{SK}{rng.choice(FREQUENCIES)}>",
        f'{node} <{SK}hedge> "usually"',
        f'{node} <{SK}negated> "false"^^<{XSD}boolean>',
        f"{node} <{SK}statementKind> <{SK}ImagingAppearanceKind>",
        f"{node} <{SK}method> <{SK}Curated>",
        f'{node} <{SK}curationId> "S{number:06d}"',
        f"{node} <http://www.w3.org/ns/prov#wasDerivedFrom> <{SKR}document/{document}>",
        f"{node} <{SK}evidence> {annotation}",
        f"{annotation} <{RDF}type> <{OA}Annotation>",
        f"{annotation} <{OA}motivatedBy> <{OA}describing>",
        f"{annotation} <{OA}hasBody> {node}",
        f"{annotation} <{OA}hasTarget> {target}",
        f"{annotation} <{SK}inSentence> <{SKR}document/{document}/sentence/{number % 300}>",
        f'{annotation} <{SK}normalisedQuote> "{text}"',
        f"{target} <{RDF}type> <{OA}SpecificResource>",
        f"{target} <{OA}hasSource> <{SKR}document/{document}>",
        f"{target} <{OA}hasSelector> {position}",
        f"{target} <{OA}hasSelector> {quote}",
        f"{position} <{RDF}type> <{OA}TextPositionSelector>",
        f'{position} <{OA}start> "{start}"^^<{XSD}nonNegativeInteger>',
        f'{position} <{OA}end> "{start + len(text)}"^^<{XSD}nonNegativeInteger>',
        f"{quote} <{RDF}type> <{OA}TextQuoteSelector>",
        f'{quote} <{OA}exact> "{text}"',
        f"<{SK}{lesion}> <{SK}hasSignal> <{SK}{signal}>",
        f"{node} <{SK}referenceTissue> <{SK}SpinalCord>",
    ]
    out.write(" .\n".join(lines) + " .\n")
    return len(lines)


def queries(lesion_count: int, count: int) -> list[str]:
    """Return ``count`` differential queries, each about a different lesion class."""
    return [DIFFERENTIAL_QUERY % {"lesion": f"Lesion{n % lesion_count}"} for n in range(count)]


def time_direct(store_path: Path, texts: list[str]) -> Timing:
    """Time the queries on a read-only pyoxigraph store in this process."""
    store = pyoxigraph.Store.read_only(str(store_path))
    return _time_calls(
        "pyoxigraph, direct",
        [
            lambda text=text: list(store.query(text, use_default_graph_as_union=True))
            for text in texts
        ],
        1,
    )


def time_http(endpoint: str, texts: list[str], clients: int) -> Timing:
    """Time the queries over HTTP with ``clients`` concurrent clients."""
    session = requests.Session()

    def ask(text: str) -> None:
        response = session.post(
            endpoint, data={"query": text}, headers={"Accept": "application/sparql-results+json"}
        )
        response.raise_for_status()

    label = f"HTTP, {clients} client{'s' if clients > 1 else ''}"
    return _time_calls(label, [lambda text=text: ask(text) for text in texts], clients)


def _time_calls(label: str, calls: list[Callable[[], object]], clients: int) -> Timing:
    def timed(call: Callable[[], object]) -> float:
        started = time.perf_counter()
        call()
        return time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        seconds = list(pool.map(timed, calls))
    return Timing(label, seconds, time.perf_counter() - started)


def start_server(
    release_dir: Path, store_dir: Path, query_workers: int
) -> tuple[subprocess.Popen, str]:
    """Start the production server on a free loopback port; return it and its endpoint."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "SPINEKG_RELEASE_DIR": str(release_dir),
        "SPINEKG_STORE_DIR": str(store_dir),
        "SPINEKG_QUERY_TIMEOUT": "120",
    }
    command = [
        sys.executable,
        "-c",
        f"from server.wsgi import serve; serve('127.0.0.1', {port}, workers={query_workers})",
    ]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    endpoint = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(endpoint, params={"query": "ASK {}"}, timeout=30).ok:
                return process, endpoint
        except requests.RequestException:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the server did not start")


def run(
    size: int, workdir: Path, repetitions: int, clients: int, query_workers: int
) -> list[tuple[str, Timing]]:
    """Build, load and time one size; return labelled timings."""
    release_dir = workdir / f"release-{size}"
    release_dir.mkdir()
    started = time.perf_counter()
    release = write_release(release_dir / RELEASE_FILE, size)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    loaded = load_release(release_dir / RELEASE_FILE, workdir / f"store-{size}")
    load_seconds = time.perf_counter() - started
    triples = release.triples
    print(
        f"\n{triples:,} triples written in {generated:.1f} s, "
        f"loaded with statistics in {load_seconds:.1f} s"
    )
    texts = queries(release.lesion_classes, repetitions)
    timings = [time_direct(loaded.path / DATABASE_DIR, texts)]
    process, endpoint = start_server(release_dir, workdir / f"store-{size}", query_workers)
    try:
        timings.append(time_http(endpoint, texts, 1))
        timings.append(time_http(endpoint, texts, clients))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    return [(f"{triples:,}", timing) for timing in timings]


def print_table(rows: list[tuple[str, Timing]]) -> None:
    """Print the timings as a fixed-width table."""
    header = (
        f"{'triples':>11}  {'how':<22} {'queries':>7} {'median ms':>10} {'p95 ms':>10} {'req/s':>8}"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for triples, timing in rows:
        print(
            f"{triples:>11}  {timing.label:<22} {len(timing.seconds):>7} {timing.median_ms:>10.1f}"
            f" {timing.p95_ms:>10.1f} {timing.requests_per_second:>8.1f}"
        )


def main() -> None:
    """Parse arguments, run every size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="triples per graph"
    )
    parser.add_argument("--requests", type=int, default=20, help="queries per measurement")
    parser.add_argument("--clients", type=int, default=4, help="concurrent HTTP clients")
    parser.add_argument(
        "--query-workers", type=int, default=2, help="query worker processes of the server"
    )
    arguments = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="spinekg-bench-") as workdir:
        for size in arguments.sizes:
            rows.extend(
                run(
                    size,
                    Path(workdir),
                    arguments.requests,
                    arguments.clients,
                    arguments.query_workers,
                )
            )
    print_table(rows)


if __name__ == "__main__":
    main()
