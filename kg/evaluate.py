"""Measure how many gold facts the graph's statements cover, per kind.

A gold fact (``tests/data/gold/dev_facts.tsv``, format in its README) is covered when a statement of
the same document (1) cites evidence that overlaps the gold evidence in the original file, and
(2) states the same object: the object's label or a synonym, the text value, the hedge (a gold
object may be a frequency word), the number, or a qualifier's label is alike the gold object (rapidfuzz token-set ratio of at least
``OBJECT_THRESHOLD``, or the same number). Both conditions are needed, so that one sentence with
five facts needs five statements. A gold fact of kind ``negation`` is covered only by a negated
statement.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from kg.curation import Statement
from kg.documents import Document
from kg.namespaces import OBOINOWL, SK

OBJECT_THRESHOLD = 75
NUMBER = re.compile(r"\d+(?:\.\d+)?")
LABEL_PROPERTIES = (RDFS.label, OBOINOWL.hasExactSynonym, OBOINOWL.hasRelatedSynonym, SK.abbreviation, SKOS.altLabel)


@dataclass(frozen=True)
class GoldFact:
    """One row of the gold file."""

    doc: str
    fact_id: str
    subject: str
    relation: str
    object: str
    qualifier: str
    evidence: str
    kind: str


@dataclass
class Coverage:
    """Covered and missed gold facts, per kind."""

    covered: dict = field(default_factory=lambda: defaultdict(list))
    missed: dict = field(default_factory=lambda: defaultdict(list))
    unlocated: list = field(default_factory=list)

    def table(self) -> list[tuple[str, int, int, float]]:
        """Rows (kind, covered, total, share), then the overall row."""
        kinds = sorted(set(self.covered) | set(self.missed))
        rows = []
        for kind in kinds:
            hit, miss = len(self.covered[kind]), len(self.missed[kind])
            rows.append((kind, hit, hit + miss, hit / (hit + miss)))
        hit = sum(len(v) for v in self.covered.values())
        total = hit + sum(len(v) for v in self.missed.values())
        rows.append(("overall", hit, total, hit / total if total else 0.0))
        return rows


def read_gold(path: Path) -> list[GoldFact]:
    """Read the gold TSV (no quoting, one header row)."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [GoldFact(**{k: (row[k] or "") for k in ("doc", "fact_id", "subject", "relation", "object", "qualifier", "evidence", "kind")}) for row in reader]


def gold_spans(fact: GoldFact, document: Document) -> list[tuple[int, int]]:
    """Original-file spans of a gold fact's evidence fragments (white space matched loosely)."""
    spans = []
    for fragment in fact.evidence.split(" [...] "):
        words = [re.escape(w) for w in fragment.strip().split(" ") if w]
        if not words:
            continue
        match = re.search(r"\s+".join(words), document.original)
        if match:
            spans.append((match.start(), match.end()))
    return spans


class ObjectNames:
    """The strings a statement's object can be recognised by."""

    def __init__(self, ontology: Graph, individual_labels: dict):
        self.ontology = ontology
        self.individual_labels = individual_labels

    def names(self, statement: Statement) -> list[str]:
        """Labels and synonyms of the object and term qualifiers, the text value, the hedge, the numbers."""
        names = []
        for node in [statement.object, *statement.qualifiers.values()]:
            names += self._labels(node)
        if statement.text:
            names.append(statement.text)
        if statement.hedge:
            names.append(statement.hedge)
        for literal in (statement.value, statement.value_max):
            if literal is not None:
                names.append(str(literal))
        return names

    def _labels(self, node) -> list[str]:
        """Every label of a term or case individual, with IRI local names split into words."""
        if node is None or isinstance(node, Literal):
            return [str(node)] if node is not None else []
        labels = [str(o) for p in LABEL_PROPERTIES for o in self.ontology.objects(node, p)]
        labels += self.individual_labels.get(node, [])
        labels.append(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(node).rsplit("/", 1)[-1]))
        return labels


def object_matches(gold_object: str, names: list[str]) -> bool:
    """Whether a gold object names the same thing as one of a statement's object names."""
    gold = gold_object.lower()
    gold_numbers = set(NUMBER.findall(gold))
    for name in names:
        if NUMBER.fullmatch(name.strip()) or re.fullmatch(r"\d+\.0+", name.strip()):
            if _same_number(name, gold_numbers):
                return True
            continue
        if fuzz.token_set_ratio(gold, name.lower()) >= OBJECT_THRESHOLD:
            return True
    return False


def _same_number(name: str, gold_numbers: set[str]) -> bool:
    """Whether a numeric name equals one of the numbers of the gold object."""
    value = float(name)
    return any(float(n) == value for n in gold_numbers)


def evaluate(gold: list[GoldFact], documents: list[Document], statements: list[Statement], names: ObjectNames) -> Coverage:
    """Match every gold fact against the statements; return the coverage."""
    by_doc = {d.metadata.get("file", d.doc_id + ".txt"): d for d in documents}
    coverage = Coverage()
    for fact in gold:
        document = by_doc.get(fact.doc)
        spans = gold_spans(fact, document) if document else []
        if not spans:
            coverage.unlocated.append(fact)
            coverage.missed[fact.kind].append(fact)
            continue
        candidates = [s for s in statements if s.doc_id == document.doc_id and _overlaps(s, spans)]
        if fact.kind == "negation":
            candidates = [s for s in candidates if s.negated]
        hit = any(object_matches(fact.object, names.names(s)) for s in candidates)
        (coverage.covered if hit else coverage.missed)[fact.kind].append(fact)
    return coverage


def _overlaps(statement: Statement, spans: list[tuple[int, int]]) -> bool:
    """Whether any evidence span of a statement overlaps any gold span."""
    return any(e.start < end and start < e.end for e in statement.evidence for start, end in spans)


def individual_labels(curation) -> dict[URIRef, list[str]]:
    """Labels of the case individuals of a curation."""
    return {i.iri: [i.label] for i in curation.individuals}
