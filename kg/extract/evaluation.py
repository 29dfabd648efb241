"""Measure extraction: precision and recall against the curated statements and against the gold facts.

Extraction runs alone, on the text only (no curation file is read), and its statements are located
by the same code that locates curated ones. The measures:

Against the curated statements, an extracted statement *matches* a curated one when all hold:

1. **evidence**: both cite the same document and their evidence spans overlap in the original file;
2. **predicate**: the same property, or two of one family that curators choose between by wording
   (``PREDICATE_FAMILIES``: located in / can involve / extends into; indicates / suggests;
   causes / can cause / has imaging finding (a lesion "causing cord compression" and a lesion with the
   finding *cord compression* say one thing); incidence / prevalence / proportion; superior to / more sensitive than;
   has differential / distinguished from / mimics, where subject and object may also be swapped);
3. **subject and object**: the same term, or one the direct parent of the other (one ``subClassOf``
   step, either way: "bone" for *osseous site*); a case individual stands for its class, so
   ``case:patient`` matches ``case:patient`` and an extracted ``case:mri`` matches a curated
   ``case:lumbar-mri`` of class *MRI*; vertebral levels must be equal. Two lesion individuals of one
   case (classes under *lesion*) match whatever their classes: the extractor knows one case lesion and
   guesses its diagnosis, where a curator may name the primary and its recurrence apart ("a 15 cm
   lesion ... invading the back musculature" is the curated ``case:primary-tumour``); the overlapping
   evidence, the predicate and the object already say which lesion the statement is about;
4. **literal objects**: the same number (and upper bound when both give one), or a text alike by
   rapidfuzz token-set ratio of at least 75;
5. **negation**: both negated or neither.

Precision is the share of extracted statements that match at least one curated statement; recall is
the share of curated statements matched by at least one extracted statement. Kinds are the extracted
statement's kind for precision and the curated one's for recall.

Against the gold facts (``tests/data/gold/dev_facts.tsv``) recall is the gold coverage of
:func:`kg.evaluate.evaluate` applied to the extracted statements. The gold file is a sample of the
facts, not all of them, so precision there is measured on the extracted statements whose evidence
overlaps a gold fact's evidence: the share of those whose object names the object of such a fact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.curation import Curation, Individual, Statement, Vocabulary, curate_document
from kg.documents import Document
from kg.evaluate import GoldFact, ObjectNames, evaluate, gold_spans, object_matches
from kg.extract.pipeline import Extraction, Extractor
from kg.namespaces import SK

PREDICATE_FAMILIES = [
    {"locatedIn", "canInvolve", "extendsInto"},
    {"indicates", "suggests"},
    {"causes", "canCause", "hasImagingFinding"},
    {"hasIncidence", "hasPrevalence", "hasProportion", "hasMetastasisRate"},
    {"superiorTo", "moreSensitiveThan"},
    {"hasDifferential", "distinguishedFrom", "mimics"},
]
SYMMETRIC_FAMILY = {"hasDifferential", "distinguishedFrom", "mimics"}
TEXT_THRESHOLD = 75
LESION = SK.Lesion


@dataclass
class Scores:
    """Matched and total counts per kind, for precision (extracted side) and recall (reference side)."""

    predicted: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    reference: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add_predicted(self, kind: str, matched: bool) -> None:
        self.predicted[kind][0] += matched
        self.predicted[kind][1] += 1

    def add_reference(self, kind: str, matched: bool) -> None:
        self.reference[kind][0] += matched
        self.reference[kind][1] += 1

    def table(self) -> list[tuple[str, int, int, float, int, int, float]]:
        """Rows (kind, matched predictions, predictions, precision, matched references, references, recall).

        Then overall.
        """
        rows = []
        for kind in sorted(set(self.predicted) | set(self.reference)):
            rows.append(_row(kind, self.predicted.get(kind, [0, 0]), self.reference.get(kind, [0, 0])))
        total_p = [sum(v[0] for v in self.predicted.values()), sum(v[1] for v in self.predicted.values())]
        total_r = [sum(v[0] for v in self.reference.values()), sum(v[1] for v in self.reference.values())]
        rows.append(_row("overall", total_p, total_r))
        return rows

    def overall(self) -> tuple[float, float]:
        """Overall (precision, recall)."""
        row = self.table()[-1]
        return row[3], row[6]


def _row(kind: str, predicted: list[int], reference: list[int]) -> tuple:
    precision = predicted[0] / predicted[1] if predicted[1] else 0.0
    recall = reference[0] / reference[1] if reference[1] else 0.0
    return kind, predicted[0], predicted[1], precision, reference[0], reference[1], recall


def format_table(title: str, scores: Scores) -> list[str]:
    """A printable table of precision and recall per kind."""
    lines = [title, f"{'kind':<24}{'tp':>5}{'extr':>6}{'prec':>7}{'hit':>6}{'ref':>6}{'recall':>8}"]
    for kind, tp, n, precision, hit, total, recall in scores.table():
        lines.append(f"{kind:<24}{tp:>5}{n:>6}{precision:>7.2f}{hit:>6}{total:>6}{recall:>8.2f}")
    return lines


class Matcher:
    """Decides whether two statements say the same thing, following the rules of this module's docstring."""

    def __init__(self, ontology: Graph, individuals: list[Individual]):
        self.parents: dict[URIRef, set[URIRef]] = defaultdict(set)
        for child, parent in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(parent, URIRef):
                self.parents[child].add(parent)
        self.types = {i.iri: i.type for i in individuals}
        self.case_lesions = {i.iri for i in individuals if LESION in self._ancestors(i.type)}

    def same(self, predicted: Statement, reference: Statement) -> bool:
        """Whether a predicted statement matches a reference statement."""
        if predicted.doc_id != reference.doc_id or predicted.negated != reference.negated:
            return False
        if not any(a.start < b.end and b.start < a.end for a in predicted.evidence for b in reference.evidence):
            return False
        p, r = _local(predicted.predicate), _local(reference.predicate)
        if p != r and not any(p in family and r in family for family in PREDICATE_FAMILIES):
            return False
        if self._same_ends(predicted, reference):
            return True
        return p in SYMMETRIC_FAMILY and r in SYMMETRIC_FAMILY and self._same_ends(predicted, reference, swapped=True)

    def _same_ends(self, predicted: Statement, reference: Statement, swapped: bool = False) -> bool:
        """Whether subjects and objects (or values) agree."""
        subject, obj = (reference.object, reference.subject) if swapped else (reference.subject, reference.object)
        if not self._same_term(predicted.subject, subject):
            return False
        if predicted.object is not None or obj is not None:
            return predicted.object is not None and obj is not None and self._same_term(predicted.object, obj)
        if swapped:
            return False
        if predicted.value is not None and reference.value is not None:
            same_max = (
                predicted.value_max is None
                or reference.value_max is None
                or float(predicted.value_max) == float(reference.value_max)
            )
            return float(predicted.value) == float(reference.value) and same_max
        if predicted.text and reference.text:
            return fuzz.token_set_ratio(predicted.text.lower(), reference.text.lower()) >= TEXT_THRESHOLD
        return False

    def _same_term(self, a: URIRef, b: URIRef) -> bool:
        """Equal terms, or one the direct parent of the other.

        Case individuals compared by class, case lesions alike.
        """
        if a in self.case_lesions and b in self.case_lesions:
            return True
        a, b = self.types.get(a, a), self.types.get(b, b)
        return a == b or b in self.parents.get(a, ()) or a in self.parents.get(b, ())

    def _ancestors(self, term: URIRef) -> set[URIRef]:
        """A class and every class above it."""
        seen, todo = set(), [term]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo += self.parents.get(current, ())
        return seen


def _local(iri: URIRef) -> str:
    """The local name of an IRI (``subClassOf`` for ``rdfs:subClassOf``)."""
    return str(iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def located(
    document: Document, extraction: Extraction, vocabulary: Vocabulary, statements: str = "accepted"
) -> Curation:
    """The extracted statements of a document, resolved and located as the build would."""
    chosen = extraction.accepted if statements == "accepted" else extraction.statements
    data = {
        "document": document.doc_id,
        "_file": f"{document.doc_id} (extracted)",
        "individuals": extraction.individuals,
        "statements": chosen,
    }
    result, problems = Curation(), []
    curate_document(document, [data], vocabulary, result, problems)
    if problems:
        raise ValueError("extracted statements the build could not place:\n  " + "\n  ".join(problems))
    return result


def score_against_curation(predicted: Curation, reference: Curation, ontology: Graph) -> Scores:
    """Precision and recall of predicted statements against reference statements."""
    matcher = Matcher(ontology, predicted.individuals + reference.individuals)
    by_doc: dict[str, list[Statement]] = defaultdict(list)
    for statement in reference.statements:
        by_doc[statement.doc_id].append(statement)
    scores = Scores()
    matched_references: set[int] = set()
    for statement in predicted.statements:
        hits = [id(r) for r in by_doc[statement.doc_id] if matcher.same(statement, r)]
        matched_references.update(hits)
        scores.add_predicted(statement.kind, bool(hits))
    for statement in reference.statements:
        scores.add_reference(statement.kind, id(statement) in matched_references)
    return scores


def score_against_gold(predicted: Curation, gold: list[GoldFact], documents: list[Document], ontology: Graph) -> Scores:
    """Recall of the gold facts, and precision on the extracted statements whose evidence a gold fact shares."""
    labels = {i.iri: [i.label] for i in predicted.individuals}
    names = ObjectNames(ontology, labels)
    coverage = evaluate(gold, documents, predicted.statements, names)
    scores = Scores()
    for kind, facts in coverage.covered.items():
        for _fact in facts:
            scores.add_reference(kind, True)
    for kind, facts in coverage.missed.items():
        for _fact in facts:
            scores.add_reference(kind, False)
    by_file = {d.metadata.get("file", d.doc_id + ".txt"): d for d in documents}
    spans = defaultdict(list)
    for fact in gold:
        document = by_file.get(fact.doc)
        if document is not None:
            spans[document.doc_id] += [(start, end, fact) for start, end in gold_spans(fact, document)]
    for statement in predicted.statements:
        facts = [
            f
            for start, end, f in spans[statement.doc_id]
            if any(e.start < end and start < e.end for e in statement.evidence)
        ]
        if not facts:
            continue
        hit = any(
            object_matches(f.object, names.names(statement)) and (f.kind != "negation" or statement.negated)
            for f in facts
        )
        scores.add_predicted(statement.kind, hit)
    return scores


def extract_all(documents: list[Document], ontology: Graph, statements: str = "accepted") -> Curation:
    """Extract and locate the statements of every document, as one curation."""
    extractor = Extractor(ontology)
    vocabulary = extractor.vocabulary
    combined = Curation()
    for document in documents:
        result = located(document, extractor.extract(document), vocabulary, statements)
        combined.statements += result.statements
        combined.individuals += result.individuals
    return combined


def score_expected(cases: list[tuple[Document, Path]], extractor: Extractor, ontology: Graph) -> Scores:
    """Precision and recall of extraction on texts with hand-written expected statements (curation format)."""
    predicted, reference = Curation(), Curation()
    for document, expected in cases:
        result = located(document, extractor.extract(document), extractor.vocabulary)
        predicted.statements += result.statements
        predicted.individuals += result.individuals
        data = yaml.safe_load(expected.read_text(encoding="utf-8")) or {}
        data["_file"] = expected.name
        problems: list[str] = []
        curate_document(document, [data], extractor.vocabulary, reference, problems)
        if problems:
            raise ValueError(f"{expected.name}: " + "; ".join(problems))
    return score_against_curation(predicted, reference, ontology)


def mismatches(predicted: Curation, reference: Curation, ontology: Graph) -> list[str]:
    """Printable lines for each extracted statement no curated one matches (false positives).

    Then each curated statement no extracted one matches (misses), with the quote each cites.
    """
    matcher = Matcher(ontology, predicted.individuals + reference.individuals)
    by_doc: dict[str, list[Statement]] = defaultdict(list)
    for statement in reference.statements:
        by_doc[statement.doc_id].append(statement)
    matched: set[int] = set()
    lines = []
    for statement in predicted.statements:
        hits = [r for r in by_doc[statement.doc_id] if matcher.same(statement, r)]
        matched.update(id(r) for r in hits)
        if not hits:
            lines.append("false positive  " + _describe(statement))
    lines += ["missed          " + _describe(s) for s in reference.statements if id(s) not in matched]
    return lines


def _describe(statement: Statement) -> str:
    """One statement on one line: kind, triple, negation and the start of its quote."""
    if statement.object is not None:
        target = _local(statement.object)
    else:
        target = str(statement.value) if statement.value is not None else repr(statement.text)
    negation = " (negated)" if statement.negated else ""
    quote = " ".join(statement.evidence[0].exact.split())[:120] if statement.evidence else ""
    return f"[{statement.kind}] {_local(statement.subject)} {_local(statement.predicate)} {target}{negation} | {quote}"
