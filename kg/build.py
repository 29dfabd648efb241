"""Build a SpineKG release: corpus -> located statements -> graph -> checks, reasoning, SHACL -> release.

Each stage is one function; :func:`build` runs them in order and reports progress through a
callback. Nothing reaches ``build/release/current`` unless the ontology checks pass, the reasoner
finds the graph consistent and SHACL validation conforms; otherwise the last good release stays.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from kg.config import Settings
from kg.corpus import load_corpus, sha256_of
from kg.curation import Curation, curate
from kg.documents import Document
from kg.errors import InconsistentGraph, SpineKGError, ValidationFailed
from kg.mappings import add_external_links
from kg.namespaces import INFERENCES_GRAPH, ONTOLOGY_GRAPH, SK, SKR, bind_prefixes, document_graph
from kg.provenance import document_graph_for
from kg.qc import run_checks
from kg.reason import reason
from kg.release import write_release
from kg.validate import ValidationReport, load_shapes, validate_graph

CASE_PREFIX = str(SKR["case/"])


@dataclass
class BuildReport:
    """What a build made and found, printed at its end and stored in the release manifest."""

    statements_by_document: dict = field(default_factory=dict)
    statements_by_kind: dict = field(default_factory=dict)
    negated: int = 0
    classes: int = 0
    individuals: int = 0
    external_links: int = 0
    triples: int = 0
    checks: dict = field(default_factory=dict)
    reasoning: dict = field(default_factory=dict)
    validation: str = ""
    seconds: float = 0.0
    release: str = ""

    def lines(self) -> list[str]:
        """The report as lines of text."""
        out = ["statements per document:"]
        out += [f"  {doc}: {n}" for doc, n in sorted(self.statements_by_document.items())]
        out.append("statements per kind:")
        out += [f"  {kind}: {n}" for kind, n in sorted(self.statements_by_kind.items(), key=lambda kv: -kv[1])]
        out += [
            f"negated statements: {self.negated}",
            f"classes: {self.classes}, individuals: {self.individuals}, external links: {self.external_links}",
            f"triples: {self.triples}",
            f"ontology checks: {sum(self.checks.values())} violation(s) in {len(self.checks)} check(s)",
            f"reasoning: {'consistent' if self.reasoning.get('consistent') else 'INCONSISTENT'}, "
            f"{self.reasoning.get('inferred', 0)} inferred triple(s), {self.reasoning.get('seconds', 0):.1f} s",
            f"validation: {self.validation}",
            f"time: {self.seconds:.1f} s",
        ]
        if self.release:
            out.append(f"release: {self.release}")
        return out


def load_ontology(settings: Settings) -> Graph:
    """Parse the hand-edited ontology."""
    graph = Graph()
    graph.parse(settings.ontology_file, format="turtle")
    return graph


def assemble(documents: list[Document], curation: Curation, ontology: Graph) -> Dataset:
    """Put the ontology and one named graph per document into a dataset."""
    dataset = Dataset()
    bind_prefixes(dataset)
    onto = dataset.graph(ONTOLOGY_GRAPH)
    for triple in ontology:
        onto.add(triple)
    for document in documents:
        statements = [s for s in curation.statements if s.doc_id == document.doc_id]
        individuals = [i for i in curation.individuals if i.doc_id == document.doc_id]
        named = dataset.graph(document_graph(document.doc_id))
        for triple in document_graph_for(document, statements, individuals):
            named.add(triple)
    return dataset


def case_abox(dataset: Dataset) -> Graph:
    """The case individuals and the facts asserted about them: what the reasoner classifies."""
    abox = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        if isinstance(s, URIRef) and str(s).startswith(CASE_PREFIX) and (p == RDF.type or str(p).startswith(str(SK))):
            abox.add((s, p, o))
    return abox


def union_of(dataset: Dataset) -> Graph:
    """All triples of all named graphs in one graph (for SHACL and counting)."""
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def build(settings: Settings, progress: Callable[[str], None] = lambda _m: None) -> BuildReport:
    """Run the whole pipeline and publish a release; raise a typed error when a gate fails."""
    started = time.perf_counter()
    report = BuildReport()
    progress("reading the ontology")
    ontology = load_ontology(settings)
    progress("running ontology checks")
    check_results = run_checks(ontology, settings.checks_dir)
    report.checks = {c.name: len(c.rows) for c in check_results}
    failing = [c for c in check_results if c.rows]
    if failing:
        raise ValidationFailed("ontology checks failed:\n  " + "\n  ".join(_check_line(c) for c in failing))
    progress("reading the corpus")
    documents = load_corpus(settings.corpus_dir)
    progress(f"locating curated and extracted statements in {len(documents)} document(s)")
    curation = curate(documents, ontology, settings.curation_dir, settings.extracted_dir)
    progress(f"assembling the graph from {len(curation.statements)} statement(s)")
    dataset = assemble(documents, curation, ontology)
    progress("linking to external ontologies")
    add_external_links(dataset, ontology, settings, progress)
    progress("reasoning with HermiT")
    reasoning = reason(settings.ontology_file, case_abox(dataset))
    report.reasoning = {"consistent": reasoning.consistent, "inferred": len(reasoning.inferred), "seconds": reasoning.seconds}
    if not reasoning.consistent:
        raise InconsistentGraph(f"the reasoner found the graph inconsistent: {reasoning.explanation}")
    inferred = dataset.graph(INFERENCES_GRAPH)
    for triple in reasoning.inferred:
        inferred.add(triple)
    progress("validating with SHACL")
    union = union_of(dataset)
    validation = validate_graph(union, load_shapes(settings.shapes_dir))
    report.validation = validation.summary()
    _count(report, curation, union)
    if not validation.conforms:
        _write_failure_report(settings, validation)
        raise ValidationFailed(_validation_message(validation))
    progress("writing the release")
    report.seconds = time.perf_counter() - started
    manifest = {"inputs": _inputs(settings, documents), "report": report.__dict__}
    release = write_release(dataset, manifest, settings.build_dir, settings.keep_releases)
    report.release = str(release)
    return report


def release_is_current(settings: Settings) -> bool:
    """Whether the current release was built from exactly the inputs on disk now."""
    import json

    from kg.release import current_release

    release = current_release(settings.build_dir)
    if release is None or not (release / "manifest.json").exists():
        return False
    try:
        documents = load_corpus(settings.corpus_dir)
    except SpineKGError:
        return False
    recorded = json.loads((release / "manifest.json").read_text(encoding="utf-8")).get("inputs", {})
    return recorded == _inputs(settings, documents)


def _check_line(check) -> str:
    """One line per failing ontology check."""
    return f"{check.name}: {len(check.rows)} row(s), e.g. {check.rows[0]}"


def _count(report: BuildReport, curation: Curation, union: Graph) -> None:
    """Fill the report's counts."""
    report.statements_by_document = dict(Counter(s.doc_id for s in curation.statements))
    report.statements_by_kind = dict(Counter(s.kind for s in curation.statements))
    report.negated = sum(s.negated for s in curation.statements)
    report.classes = len(set(union.subjects(RDF.type, OWL.Class)))
    report.individuals = len(set(union.subjects(RDF.type, OWL.NamedIndividual)))
    report.external_links = len(list(union.triples((None, SKOS.exactMatch, None)))) + len(list(union.triples((None, SKOS.closeMatch, None))))
    report.triples = len(union)


def _validation_message(validation: ValidationReport, limit: int = 40) -> str:
    """The failures, one per line, for the terminal."""
    lines = [str(f) for f in validation.failures[:limit]]
    more = len(validation.failures) - limit
    if more > 0:
        lines.append(f"... and {more} more (see build/reports/validation-failed.txt)")
    return f"SHACL validation failed with {len(validation.failures)} failure(s); the last good release is kept:\n  " + "\n  ".join(lines)


def _write_failure_report(settings: Settings, validation: ValidationReport) -> None:
    """Keep the full failure list and the SHACL results graph beside the releases."""
    reports = settings.build_dir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "validation-failed.txt").write_text("\n".join(str(f) for f in validation.failures) + "\n", encoding="utf-8")
    validation.results_graph.serialize(reports / "validation-failed.ttl", format="turtle")


def _inputs(settings: Settings, documents: list[Document]) -> dict:
    """Hashes of every input, so a release says exactly what it was built from."""
    ontology_dir = settings.ontology_file.parent
    files: list[Path] = [
        settings.ontology_file,
        *sorted(settings.curation_dir.glob("*.yaml")),
        *sorted(settings.extracted_dir.glob("*.yaml")),
        *sorted(settings.shapes_dir.glob("*.ttl")),
        *sorted(settings.checks_dir.glob("*.rq")),
        *sorted((ontology_dir / "mappings").glob("*.tsv")),
        *sorted((ontology_dir / "imports").glob("*")),
    ]
    inputs = {f"{p.parent.name}/{p.name}": sha256_of(p) for p in files}
    inputs.update({f"corpus/{d.metadata['file']}": d.metadata["sha256"] for d in documents})
    return inputs
