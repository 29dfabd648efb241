"""Export a release: one row per statement (TSV, JSON lines), or the whole graph (Turtle, TriG, JSON-LD)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.namespaces import OA, SK

COLUMNS = [
    "statement", "subject", "subject_label", "predicate", "predicate_label", "object", "object_label",
    "qualifiers", "negated", "hedge", "document", "start", "end", "quote", "method",
]
QUALIFIERS = [
    "sequence", "modality", "referenceTissue", "target", "comparator", "discriminator", "route", "population",
    "study", "reference", "figure", "view", "fieldStrength", "order", "time", "note", "frequency", "unit",
    "valueMax", "confidence",
]
GRAPH_FILES = {"ttl": "spinekg.ttl", "trig": "spinekg.trig", "jsonld": "spinekg.jsonld"}
FORMATS = ["tsv", "jsonl", *GRAPH_FILES]


def load_release_dataset(release: Path) -> Dataset:
    """Parse a release's TriG into a dataset whose default graph is the union of its graphs."""
    dataset = Dataset(default_union=True)
    dataset.parse(release / "spinekg.trig", format="trig")
    return dataset


def statement_rows(dataset: Dataset) -> list[dict]:
    """One flat row per statement, ordered by document and position of the evidence."""
    rows = [_row(dataset, node) for node in set(dataset.subjects(RDF.type, SK.Statement))]
    return sorted(rows, key=lambda r: (r["document"], r["start"], r["statement"]))


def _label(dataset: Dataset, node) -> str:
    """A node's label, or the literal's text, or empty."""
    if node is None:
        return ""
    if isinstance(node, Literal):
        return str(node)
    return str(dataset.value(node, RDFS.label) or "")


def _row(dataset: Dataset, node: URIRef) -> dict:
    """The flat row of one statement."""
    value = dataset.value(node, RDF.object) or dataset.value(node, SK.value) or dataset.value(node, SK.textValue)
    spans = sorted(_evidence_spans(dataset, node))
    qualifiers = {}
    for key in QUALIFIERS:
        for q in dataset.objects(node, SK[key]):
            qualifiers[key] = str(q) if isinstance(q, Literal) else {"iri": str(q), "label": _label(dataset, q)}
    predicate = dataset.value(node, RDF.predicate)
    subject = dataset.value(node, RDF.subject)
    return {
        "statement": str(node),
        "subject": str(subject),
        "subject_label": _label(dataset, subject),
        "predicate": str(predicate),
        "predicate_label": _label(dataset, predicate),
        "object": str(value) if value is not None else "",
        "object_label": _label(dataset, value),
        "qualifiers": qualifiers,
        "negated": str(dataset.value(node, SK.negated)).lower() == "true",
        "hedge": str(dataset.value(node, SK.hedge) or ""),
        "document": str(spans[0][2]) if spans else "",
        "start": spans[0][0] if spans else -1,
        "end": spans[-1][1] if spans else -1,
        "quote": " [...] ".join(s[3] for s in spans),
        "method": _label(dataset, dataset.value(node, SK.method)),
    }


def _evidence_spans(dataset: Dataset, node: URIRef):
    """(start, end, document, exact) of each evidence annotation of a statement."""
    for annotation in dataset.objects(node, SK.evidence):
        target = dataset.value(annotation, OA.hasTarget)
        source = dataset.value(target, OA.hasSource)
        start = end = exact = None
        for selector in dataset.objects(target, OA.hasSelector):
            start = dataset.value(selector, OA.start, default=start)
            end = dataset.value(selector, OA.end, default=end)
            exact = dataset.value(selector, OA.exact, default=exact)
        yield int(start), int(end), source, str(exact)


def export(release: Path, fmt: str, out) -> None:
    """Write the release in ``fmt`` to the text stream ``out``."""
    if fmt in GRAPH_FILES:
        with open(release / GRAPH_FILES[fmt], encoding="utf-8") as source:
            shutil.copyfileobj(source, out)
        return
    rows = statement_rows(load_release_dataset(release))
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in COLUMNS])


def _cell(value) -> str:
    """A TSV cell: JSON for the qualifiers, tabs and newlines folded to spaces."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, dict) else str(value)
    return text.replace("\t", " ").replace("\n", " ")


def export_to_string(release: Path, fmt: str) -> str:
    """The export as a string (for tests and small graphs)."""
    buffer = io.StringIO()
    export(release, fmt, buffer)
    return buffer.getvalue()
