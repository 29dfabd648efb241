"""Validate a graph against the SHACL shapes of ``ontology/shapes`` with pySHACL.

The shapes are checked on the union of the ontology, the document graphs and the inferences, so
that shapes can follow ``rdfs:subClassOf`` and see the compartments the reasoner inferred. Every
failure is reported with the focus node's label, the property, the shape's message and the
offending value, so that a curator can find and fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.namespaces import SH, SK


@dataclass(frozen=True)
class Failure:
    """One SHACL result: what failed, where, why, and with which value."""

    focus: str
    focus_label: str
    path: str
    message: str
    value: str
    shape: str

    def __str__(self) -> str:
        where = f"{self.focus_label} <{self.focus}>"
        path = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{where}{path}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of a SHACL validation."""

    conforms: bool
    failures: list[Failure]
    results_graph: Graph

    def summary(self) -> str:
        """One line for the build report."""
        return "conforms" if self.conforms else f"{len(self.failures)} failure(s)"


def load_shapes(shapes_dir: Path) -> Graph:
    """Merge every shapes file of a folder into one shapes graph."""
    shapes = Graph()
    for path in sorted(shapes_dir.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return shapes


def validate_graph(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate ``data`` (already holding the ontology and inferences) against ``shapes``."""
    conforms, results, _text = shacl_validate(
        data_graph=data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=False,
        abort_on_first=False,
    )
    failures = [_failure(results, r, data) for r in results.subjects(RDF.type, SH.ValidationResult)]
    failures.sort(key=lambda f: (f.focus_label, f.path, f.message))
    return ValidationReport(bool(conforms), failures, results)


def _failure(results: Graph, result, data: Graph) -> Failure:
    """Render one sh:ValidationResult with labels from the data graph."""
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    message = results.value(result, SH.resultMessage)
    return Failure(
        focus=str(focus),
        focus_label=describe(data, focus),
        path=_short(path) if isinstance(path, URIRef) else "",
        message=str(message or results.value(result, SH.sourceConstraintComponent)),
        value=describe(data, value) if value is not None else "",
        shape=str(results.value(result, SH.sourceShape) or ""),
    )


def describe(data: Graph, node) -> str:
    """A human name for a node: its label, or for a statement its subject, predicate and id."""
    if node is None:
        return ""
    if isinstance(node, Literal):
        return str(node)
    label = data.value(node, RDFS.label)
    if label is not None:
        return str(label)
    if (node, RDF.type, SK.Statement) in data:
        parts = [describe(data, data.value(node, p)) for p in (RDF.subject, RDF.predicate, RDF.object)]
        return f"statement {data.value(node, SK.curationId)} ({' '.join(p for p in parts if p)})"
    return _short(node)


def _short(iri) -> str:
    """The last segment of an IRI."""
    text = str(iri)
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
