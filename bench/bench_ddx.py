"""Time the differential diagnosis at seed size and on a synthetic graph of about a million triples.

Seed size: the current release (``spinekg build``) is loaded with :func:`kg.store.load_release`
into an on-disk store of its own, and the engine (:class:`kg.ddx.DifferentialDiagnosis`) answers
the patients of ``tests/ddx/test_ddx_cases.py`` (the two case reports and the review's cases)
several times each through the store API. With ``--http`` it also times ``GET /api/ddx`` on a
loopback server (the Flask app with the SPARQL worker pool), the path the page and the API take.

Synthetic size: the release itself plus generated documents shaped like ours (one named graph per
document; statements with rdf:subject/predicate/object, hedge, frequency, negation, sequence or
modality, curation id, provenance; Web Annotation evidence with quote and position selectors; a
sentence node per statement), about new lesion subclasses and case lesions, with values drawn from
the ontology's own signal, enhancement, density, finding and site terms, until the requested
number of triples is reached. It is written as TriG, loaded the same way, and asked the same
questions.

Reports the context load (once per release) and per-question latency: median, p95 and maximum.
Not part of the test suite; timings depend on the machine. Run it from the project root as a
module, so that it can read the test patients::

    python -m bench.bench_ddx                      # seed size and 10^6 triples
    python -m bench.bench_ddx --triples 0 --http   # seed size only, library and HTTP
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph
import requests
from werkzeug.serving import make_server

from kg.config import Settings
from kg.ddx import DifferentialDiagnosis
from kg.ddx_graph import store_select
from kg.store import StoreSettings, load_release, open_store
from server import create_app
from server.config import RELEASE_FILE
from server.query_pool import close_pools
from tests.ddx.conftest import CAVERNOUS_CASE, HEMANGIOPERICYTOMA_CASE
from tests.ddx.test_ddx_cases import CAVERNOUS_FINDINGS, HEMANGIOPERICYTOMA_FINDINGS, REVIEW_CASES

SK = "https://w3id.org/spinekg/ontology/"
SKR = "https://w3id.org/spinekg/resource/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"

STATEMENTS_PER_DOCUMENT = 250
NEW_CLASS_SHARE = 0.3
CASE_SHARE = 0.15
FREQUENCIES = ("Always", "Usually", "Often", "Sometimes", "Possibly", "Rarely")
SIGNAL_SEQUENCES = ("T1Weighted", "T2Weighted", "STIR", "DWI", "T1PostGadolinium")
#: (predicate, root of its values): the statement shapes of the curation files.
SHAPES = (
    ("hasSignal", "SignalIntensity"),
    ("hasEnhancement", "EnhancementPattern"),
    ("hasDensity", "CTDensity"),
    ("hasImagingFinding", "ImagingFinding"),
    ("showsSign", "NamedSign"),
    ("locatedIn", "SpinalCompartmentSite"),
    ("extendsInto", "SpinalCompartmentSite"),
    ("hasDifferential", "Lesion"),
)


def questions() -> list[tuple[str, list[str], list[str]]]:
    """The patients of the test cases: name, findings, case documents left out."""
    asked = [
        ("cavernous hemangioma case", CAVERNOUS_FINDINGS, [CAVERNOUS_CASE]),
        ("hemangiopericytoma case", HEMANGIOPERICYTOMA_FINDINGS, [HEMANGIOPERICYTOMA_CASE]),
    ]
    return asked + [(case.name, list(case.findings), []) for case in REVIEW_CASES]


def summary(samples: list[float]) -> dict:
    """Median, p95 and maximum of latencies in milliseconds."""
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


def time_library(trig: Path, store_dir: Path, repeats: int) -> dict:
    """Load a release into a store, build the engine, and time every question."""
    started = time.perf_counter()
    loaded = load_release(trig, store_dir)
    load_seconds = time.perf_counter() - started
    store = open_store(StoreSettings(store_dir=store_dir))
    started = time.perf_counter()
    engine = DifferentialDiagnosis.load(store_select(store), loaded.release_id)
    context_ms = (time.perf_counter() - started) * 1000
    fresh, repeated, first = [], [], {}
    for name, findings, excluded in questions():
        for attempt in range(repeats):
            started = time.perf_counter()
            result = engine.ask(findings, exclude_case_documents=excluded)
            elapsed = (time.perf_counter() - started) * 1000
            if attempt == 0:
                first[name] = result.candidates[0].label if result.candidates else None
                fresh.append(elapsed)
            else:
                repeated.append(elapsed)
    return {
        "triples": loaded.statistics.triples,
        "load_seconds": round(load_seconds, 1),
        "context_ms": round(context_ms, 1),
        "ask": summary(fresh),
        "ask_again": summary(repeated) if repeated else None,
        "first_candidate": first,
    }


def time_http(trig: Path, store_dir: Path, repeats: int) -> dict:
    """Time ``GET /api/ddx`` on a loopback server over the loaded store."""
    app = create_app(
        {"RELEASE_DIR": str(trig.parent), "STORE_DIR": str(store_dir), "QUERY_TIMEOUT": 60}
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/api/ddx"
    try:
        warm = time.perf_counter()
        requests.get(url, params={"finding": CAVERNOUS_FINDINGS}, timeout=300).raise_for_status()
        first_ms = (time.perf_counter() - warm) * 1000
        fresh, repeated = [], []
        for _, findings, excluded in questions():
            for attempt in range(repeats):
                started = time.perf_counter()
                response = requests.get(
                    url, params={"finding": findings, "exclude": excluded}, timeout=300
                )
                response.raise_for_status()
                (fresh if attempt == 0 else repeated).append((time.perf_counter() - started) * 1000)
    finally:
        server.shutdown()
        thread.join()
        close_pools()
    return {
        "first_request_ms": round(first_ms, 1),
        "api": summary(fresh),
        "api_again": summary(repeated) if repeated else None,
    }


# --------------------------------------------------------------------------------------------
# A synthetic release shaped like ours
# --------------------------------------------------------------------------------------------


def iri(value: str) -> str:
    """An IRI written for TriG."""
    return f"<{value}>"


def literal(text: str) -> str:
    """A plain string literal written for TriG."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typed(value, datatype: str) -> str:
    """A typed literal written for TriG."""
    return f'"{value}"^^<{XSD}{datatype}>'


class Synthesiser:
    """Writes documents of statements about lesions, drawing terms from the real ontology."""

    def __init__(self, store: pyoxigraph.Store, seed: int = 7):
        self.random = random.Random(seed)
        self.values = {root: self._descendants(store, root) for _, root in SHAPES}
        self.lesions = [v for v in self.values["Lesion"]]
        self.new_classes: list[str] = []
        self.cases: list[tuple[str, str]] = []

    @staticmethod
    def _descendants(store: pyoxigraph.Store, root: str) -> list[str]:
        query = (
            f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS}subClassOf>+ <{SK}{root}> "
            f'FILTER(STRSTARTS(STR(?c), "{SK}")) }}'
        )
        return sorted(row["c"].value for row in store.query(query, use_default_graph_as_union=True))

    def ontology_block(self, count: int) -> list[str]:
        """New lesion subclasses, in the ontology graph."""
        lines = []
        for number in range(count):
            parent = self.random.choice(self.lesions)
            new = f"{SK}SyntheticLesion{number}"
            self.new_classes.append(new)
            lines += [
                f"{iri(new)} {iri(RDF + 'type')} {iri(OWL + 'Class')} .",
                f"{iri(new)} {iri(RDFS + 'subClassOf')} {iri(parent)} .",
                f"{iri(new)} {iri(RDFS + 'label')} {literal(f'synthetic lesion {number}')} .",
            ]
        return lines

    def document(self, number: int) -> tuple[str, list[str]]:
        """One document graph: its node, sentences, case lesions and statements."""
        doc_id = f"synthetic_{number:06d}"
        doc = f"{SKR}document/{doc_id}"
        lines = [
            f"{iri(doc)} {iri(RDF + 'type')} {iri(SK + 'Document')} .",
            f"{iri(doc)} {iri(DCTERMS + 'title')} {literal(f'Synthetic paper {number}')} .",
        ]
        cases = []
        for index in range(3):
            case = f"{SKR}case/{doc_id}/lesion-{index}"
            kind = self.random.choice(self.lesions + self.new_classes)
            cases.append(case)
            lines.append(f"{iri(case)} {iri(RDF + 'type')} {iri(kind)} .")
        for index in range(STATEMENTS_PER_DOCUMENT):
            lines += self.statement(doc_id, doc, index, cases)
        return f"{SKR}graph/document/{doc_id}", lines

    def statement(self, doc_id: str, doc: str, index: int, cases: list[str]) -> list[str]:
        """One statement node, its evidence annotation and sentence, and its direct triple."""
        pick = self.random.random()
        if pick < CASE_SHARE:
            subject = self.random.choice(cases)
        elif pick < CASE_SHARE + NEW_CLASS_SHARE and self.new_classes:
            subject = self.random.choice(self.new_classes)
        else:
            subject = self.random.choice(self.lesions)
        predicate, root = self.random.choice(SHAPES)
        value = self.random.choice(self.values[root])
        st = f"{SKR}statement/{doc_id}/S{index:04d}"
        ev = f"{st}/evidence/1"
        sentence = f"{doc}/sentence/{index}"
        start = index * 120
        text = f"Synthetic sentence {index} states that the lesion is {value.rsplit('/', 1)[-1]}."
        negated = self.random.random() < 0.05
        frequency = self.random.choice(FREQUENCIES + (None,))
        lines = [
            f"{iri(st)} {iri(RDF + 'type')} {iri(SK + 'Statement')} .",
            f"{iri(st)} {iri(RDF + 'subject')} {iri(subject)} .",
            f"{iri(st)} {iri(RDF + 'predicate')} {iri(SK + predicate)} .",
            f"{iri(st)} {iri(RDF + 'object')} {iri(value)} .",
            f"{iri(st)} {iri(SK + 'statementKind')} {iri(SK + 'ImagingAppearanceKind')} .",
            f"{iri(st)} {iri(SK + 'method')} {iri(SK + 'Curated')} .",
            f"{iri(st)} {iri(SK + 'negated')} {typed(str(negated).lower(), 'boolean')} .",
            f"{iri(st)} {iri(SK + 'curationId')} {literal(f'S{index:04d}')} .",
            f"{iri(st)} {iri(PROV + 'wasDerivedFrom')} {iri(doc)} .",
            f"{iri(st)} {iri(SK + 'evidence')} {iri(ev)} .",
            f"{iri(ev)} {iri(RDF + 'type')} {iri(OA + 'Annotation')} .",
            f"{iri(ev)} {iri(OA + 'hasBody')} {iri(st)} .",
            f"{iri(ev)} {iri(OA + 'hasTarget')} {iri(ev + '/target')} .",
            f"{iri(ev)} {iri(SK + 'normalisedQuote')} {literal(text)} .",
            f"{iri(ev)} {iri(SK + 'inSentence')} {iri(sentence)} .",
            f"{iri(ev + '/target')} {iri(OA + 'hasSource')} {iri(doc)} .",
            f"{iri(ev + '/target')} {iri(OA + 'hasSelector')} {iri(ev + '/quote')} .",
            f"{iri(ev + '/target')} {iri(OA + 'hasSelector')} {iri(ev + '/position')} .",
            f"{iri(ev + '/quote')} {iri(RDF + 'type')} {iri(OA + 'TextQuoteSelector')} .",
            f"{iri(ev + '/quote')} {iri(OA + 'exact')} {literal(text)} .",
            f"{iri(ev + '/position')} {iri(RDF + 'type')} {iri(OA + 'TextPositionSelector')} .",
            f"{iri(ev + '/position')} {iri(OA + 'start')} {typed(start, 'integer')} .",
            f"{iri(ev + '/position')} {iri(OA + 'end')} {typed(start + len(text), 'integer')} .",
            f"{iri(sentence)} {iri(RDF + 'type')} {iri(SK + 'Sentence')} .",
            f"{iri(sentence)} {iri(RDF + 'value')} {literal(text)} .",
            f"{iri(sentence)} {iri(SK + 'inDocument')} {iri(doc)} .",
            f"{iri(sentence)} {iri(SK + 'startOffset')} {typed(start, 'integer')} .",
        ]
        if frequency:
            lines.append(f"{iri(st)} {iri(SK + 'frequency')} {iri(SK + frequency)} .")
            lines.append(f"{iri(st)} {iri(SK + 'hedge')} {literal(frequency.lower())} .")
        if predicate == "hasSignal":
            lines.append(
                f"{iri(st)} {iri(SK + 'sequence')} "
                f"{iri(SK + self.random.choice(SIGNAL_SEQUENCES))} ."
            )
        if not negated:
            lines.append(f"{iri(subject)} {iri(SK + predicate)} {iri(value)} .")
        return lines


def write_synthetic_release(seed_trig: Path, target: Path, triples: int) -> int:
    """Write the seed release plus synthetic documents up to about ``triples`` triples."""
    seed = pyoxigraph.Store()
    seed.bulk_load(path=str(seed_trig), format=pyoxigraph.RdfFormat.TRIG)
    synthesiser = Synthesiser(seed)
    written = len(seed)
    with open(target, "wb") as out:
        seed.dump(out, format=pyoxigraph.RdfFormat.TRIG)
    with open(target, "a", encoding="utf-8") as out:
        new_classes = max(50, triples // 2500)
        block = synthesiser.ontology_block(new_classes)
        out.write(f"\n{iri(SKR + 'graph/ontology')} {{\n" + "\n".join(block) + "\n}\n")
        written += len(block)
        number = 0
        while written < triples:
            graph, lines = synthesiser.document(number)
            out.write(f"{iri(graph)} {{\n" + "\n".join(lines) + "\n}\n")
            written += len(lines)
            number += 1
    return written


def main() -> None:
    """Run the benchmark and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--triples", type=int, default=1_000_000, help="size of the synthetic graph (0: none)"
    )
    parser.add_argument("--repeats", type=int, default=5, help="times each question is asked")
    parser.add_argument(
        "--http", action="store_true", help="also time GET /api/ddx on a loopback server"
    )
    parser.add_argument("--json", type=Path, help="write the report here as JSON too")
    args = parser.parse_args()
    seed_trig = (Settings.from_env().current_release / RELEASE_FILE).resolve()
    if not seed_trig.is_file():
        raise SystemExit(f"no release at {seed_trig.parent}; run `spinekg build` first")
    report: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-ddx-") as scratch:
        scratch_dir = Path(scratch)
        report["seed"] = time_library(seed_trig, scratch_dir / "seed-store", args.repeats)
        if args.http:
            report["seed"].update(time_http(seed_trig, scratch_dir / "seed-store", args.repeats))
        print_report("seed", report["seed"])
        if args.triples:
            release_dir = scratch_dir / "synthetic"
            release_dir.mkdir()
            trig = release_dir / RELEASE_FILE
            started = time.perf_counter()
            written = write_synthetic_release(seed_trig, trig, args.triples)
            generated = time.perf_counter() - started
            report["synthetic"] = time_library(trig, scratch_dir / "synthetic-store", args.repeats)
            report["synthetic"]["generated_triples"] = written
            report["synthetic"]["generate_seconds"] = round(generated, 1)
            if args.http:
                report["synthetic"].update(
                    time_http(trig, scratch_dir / "synthetic-store", args.repeats)
                )
            print_report("synthetic", report["synthetic"])
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


def line(title: str, numbers: dict) -> str:
    """One report line of latencies."""
    return (
        f"  {title}: median {numbers['median_ms']} ms, p95 {numbers['p95_ms']} ms, "
        f"max {numbers['max_ms']} ms (n={numbers['n']})"
    )


def print_report(name: str, part: dict) -> None:
    """Print one part (seed or synthetic) of the report."""
    print(
        f"{name}: {part['triples']} triples, loaded in {part['load_seconds']} s, "
        f"context {part['context_ms']} ms"
    )
    print(line("library, each question first time", part["ask"]))
    if part.get("ask_again"):
        print(line("library, asked again (remembered answers)", part["ask_again"]))
    if "api" in part:
        print(
            "  GET /api/ddx, very first request (starts workers, reads context): "
            f"{part['first_request_ms']} ms"
        )
        print(line("GET /api/ddx, each question first time", part["api"]))
        if part.get("api_again"):
            print(line("GET /api/ddx, asked again", part["api_again"]))
    for question, label in part["first_candidate"].items():
        print(f"  {question}: first candidate {label}")


if __name__ == "__main__":
    main()
