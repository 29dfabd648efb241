"""Read curation files and turn each curated fact into a located statement.

A curation file (format: ``curation/README.md``) states facts with the quote that states them. This
module resolves every term against the ontology, finds every quote in its document and returns
:class:`Statement` objects with their evidence in original-file offsets. Problems are collected,
not raised one at a time, so a curator sees all of them in one run.

Run ``python -m kg.curation check curation/<file>.yaml`` to check one file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.config import Settings
from kg.corpus import load_corpus
from kg.documents import Document, Section, Sentence, fold_for_matching
from kg.errors import CurationError
from kg.namespaces import SK, case_iri

TERM_QUALIFIERS = {"sequence", "modality", "referenceTissue", "target", "comparator", "discriminator", "route"}
TEXT_QUALIFIERS = {"population", "study", "reference", "figure", "view", "fieldStrength", "time", "note"}
INTEGER_QUALIFIERS = {"order"}
STATEMENT_KEYS = {
    "id", "kind", "subject", "predicate", "object", "value", "valueMax", "unit", "text", "hedge",
    "negated", "qualifiers", "quote", "occurrence", "moreQuotes", "method", "confidence", "rule", "decidedBy", "decidedAt",
}
METHODS = {"curated": SK.Curated, "extracted": SK.Extracted}
PREDICATE_ALIASES = {"subClassOf": RDFS.subClassOf, "type": RDF.type}
DECLARING_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual}


@dataclass(frozen=True)
class Evidence:
    """Where a statement is stated: a span of the original document and what it reads."""

    doc_id: str
    start: int
    end: int
    exact: str
    normalised: str
    sentence: Sentence
    section: Section


@dataclass
class Statement:
    """One located fact, ready to become a statement node and (unless negated) a direct triple."""

    doc_id: str
    statement_id: str
    kind: str
    subject: URIRef
    predicate: URIRef
    object: URIRef | None = None
    value: Literal | None = None
    value_max: Literal | None = None
    unit: str | None = None
    text: str | None = None
    hedge: str | None = None
    negated: bool = False
    qualifiers: dict = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    method: URIRef = SK.Curated
    confidence: float | None = None
    rule: str | None = None
    literal_predicate: bool = False
    decided_by: str | None = None
    decided_at: str | None = None


@dataclass
class Individual:
    """A case-report individual declared in a curation file."""

    iri: URIRef
    type: URIRef
    label: str
    doc_id: str


@dataclass
class Curation:
    """Everything the curation files of the corpus state."""

    statements: list[Statement] = field(default_factory=list)
    individuals: list[Individual] = field(default_factory=list)


class Vocabulary:
    """The terms the ontology declares, and the statement kinds by their labels."""

    def __init__(self, ontology: Graph):
        self.terms = {s for t in DECLARING_TYPES for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}
        self.datatype_properties = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
        self.kinds = {str(ontology.value(k, RDFS.label)): k for k in ontology.subjects(RDF.type, SK.StatementKind)}

    def resolve(self, name: str, individuals: dict[str, URIRef]) -> URIRef:
        """Return the IRI of ``Name`` (an ontology term) or ``case:<id>`` (a case individual)."""
        if name.startswith("case:"):
            local = name[5:]
            if local not in individuals:
                raise KeyError(f"case individual '{local}' is not listed under individuals:")
            return individuals[local]
        if name in PREDICATE_ALIASES:
            return PREDICATE_ALIASES[name]
        iri = SK[name]
        if iri not in self.terms:
            raise KeyError(f"'{name}' is not a term of the ontology")
        return iri


def load_curation_files(curation_dir: Path) -> dict[str, list[dict]]:
    """Group the parsed curation files of a folder by the document they name."""
    by_doc: dict[str, list[dict]] = {}
    for path in sorted(curation_dir.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as err:
            raise CurationError([f"{path.name}: not valid YAML: {err}"]) from err
        if "document" not in data:
            raise CurationError([f"{path.name}: no 'document:' key"])
        data["_file"] = path.name
        by_doc.setdefault(data["document"], []).append(data)
    return by_doc


def curate(documents: list[Document], ontology: Graph, curation_dir: Path, *more_dirs: Path) -> Curation:
    """Resolve and locate every statement of every document, or raise all problems at once.

    ``more_dirs`` are further folders of files in the same format, such as the statements that
    ``spinekg ingest`` extracted; a folder that does not exist holds no files.
    """
    vocabulary = Vocabulary(ontology)
    by_doc = load_curation_files(curation_dir)
    for folder in more_dirs:
        if folder.is_dir():
            for doc_id, files in load_curation_files(folder).items():
                by_doc.setdefault(doc_id, []).extend(files)
    known = {d.doc_id: d for d in documents}
    problems = [f"{f['_file']}: document '{doc}' is not in the corpus manifest" for doc, files in by_doc.items() if doc not in known for f in files]
    result = Curation()
    for doc_id, files in by_doc.items():
        if doc_id in known:
            curate_document(known[doc_id], files, vocabulary, result, problems)
    if problems:
        raise CurationError(problems)
    return result


def curate_document(document: Document, files: list[dict], vocabulary: Vocabulary, result: Curation, problems: list[str]) -> None:
    """Curate the files of one document into ``result``, appending problems."""
    individuals = _individuals(document.doc_id, files, vocabulary, result, problems)
    seen_ids: set[str] = set()
    for data in files:
        for raw in data.get("statements") or []:
            where = f"{data['_file']} {raw.get('id', '?')}"
            if raw.get("id") in seen_ids:
                problems.append(f"{where}: statement id used twice in {document.doc_id}")
                continue
            seen_ids.add(raw.get("id"))
            try:
                result.statements.append(_statement(document, raw, vocabulary, individuals))
            except (KeyError, ValueError, TypeError) as err:
                problems.append(f"{where}: {err.args[0] if err.args else err}")


def _individuals(doc_id: str, files: list[dict], vocabulary: Vocabulary, result: Curation, problems: list[str]) -> dict[str, URIRef]:
    """Declare the case individuals of a document's files."""
    declared: dict[str, URIRef] = {}
    for data in files:
        for raw in data.get("individuals") or []:
            try:
                iri = case_iri(doc_id, raw["id"])
                rdf_type = vocabulary.resolve(raw["type"], {})
                declared[raw["id"]] = iri
                result.individuals.append(Individual(iri, rdf_type, raw["label"], doc_id))
            except KeyError as err:
                problems.append(f"{data['_file']} individual {raw.get('id', '?')}: {err.args[0]}")
    return declared


def _statement(document: Document, raw: dict, vocabulary: Vocabulary, individuals: dict[str, URIRef]) -> Statement:
    """Build one statement from its YAML mapping; raises with a curator-readable message."""
    unknown = set(raw) - STATEMENT_KEYS
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    for key in ("id", "kind", "subject", "predicate", "quote"):
        if key not in raw:
            raise ValueError(f"missing '{key}'")
    if raw["kind"] not in vocabulary.kinds:
        raise ValueError(f"unknown kind '{raw['kind']}' (one of {sorted(vocabulary.kinds)})")
    if sum(k in raw for k in ("object", "value", "text")) != 1:
        raise ValueError("give exactly one of object:, value:, text:")
    statement = Statement(
        doc_id=document.doc_id,
        statement_id=str(raw["id"]),
        kind=raw["kind"],
        subject=vocabulary.resolve(str(raw["subject"]), individuals),
        predicate=vocabulary.resolve(str(raw["predicate"]), individuals),
        object=vocabulary.resolve(str(raw["object"]), individuals) if "object" in raw else None,
        value=_decimal(raw.get("value")),
        value_max=_decimal(raw.get("valueMax")),
        unit=raw.get("unit"),
        text=raw.get("text"),
        hedge=str(raw["hedge"]) if raw.get("hedge") is not None else None,
        negated=bool(raw.get("negated", False)),
        qualifiers=_qualifiers(raw.get("qualifiers") or {}, vocabulary, individuals),
    )
    _provenance(statement, raw)
    statement.literal_predicate = statement.predicate in vocabulary.datatype_properties
    statement.evidence = _located(document, raw["quote"], raw.get("occurrence"))
    for more in raw.get("moreQuotes") or []:
        if not isinstance(more, dict) or "quote" not in more or set(more) - {"quote", "occurrence"}:
            raise ValueError(f"moreQuotes item {more!r} is not a mapping of quote: (and occurrence:)")
        statement.evidence += _located(document, more["quote"], more.get("occurrence"))
    return statement


def _located(document: Document, quote: str | list, occurrence: int | None) -> list[Evidence]:
    """The evidence of one quote: one span, or one per fragment of a sentence quoted in pieces."""
    fragments = quote if isinstance(quote, list) else [quote]
    return [locate_quote(document, str(fragment), occurrence) for fragment in fragments]


def _provenance(statement: Statement, raw: dict) -> None:
    """Copy how a statement was made (curated or extracted, rule, confidence, who decided) onto it."""
    method = raw.get("method", "curated")
    if method not in METHODS:
        raise ValueError(f"unknown method '{method}' (one of {sorted(METHODS)})")
    statement.method = METHODS[method]
    if raw.get("confidence") is not None:
        confidence = float(raw["confidence"])
        if not 0.0 <= confidence <= 1.0:
            raise ValueError(f"confidence {confidence} is not between 0 and 1")
        statement.confidence = confidence
    statement.rule = raw.get("rule")
    statement.decided_by = raw.get("decidedBy")
    statement.decided_at = str(raw["decidedAt"]) if raw.get("decidedAt") is not None else None


def _decimal(value) -> Literal | None:
    """A YAML number as an xsd:decimal literal."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"value {value!r} is not a number")
    return Literal(str(value), datatype=XSD.decimal)


def _qualifiers(raw: dict, vocabulary: Vocabulary, individuals: dict[str, URIRef]) -> dict:
    """Resolve qualifier values: terms to IRIs, the rest to literals."""
    resolved = {}
    for key, value in raw.items():
        if key in TERM_QUALIFIERS:
            resolved[key] = vocabulary.resolve(str(value), individuals)
        elif key in TEXT_QUALIFIERS:
            resolved[key] = Literal(str(value))
        elif key in INTEGER_QUALIFIERS:
            resolved[key] = Literal(int(value), datatype=XSD.integer)
        else:
            raise ValueError(f"unknown qualifier '{key}'")
    return resolved


def locate_quote(document: Document, quote: str, occurrence: int | None = None) -> Evidence:
    """Find a quote in the repaired document text and return its evidence in original offsets.

    Raises:
        ValueError: the quote is not in the document, or occurs more than once and ``occurrence``
            does not say which.
    """
    needle = fold_for_matching(quote)
    if not needle:
        raise ValueError("empty quote")
    hits = _all_occurrences(document.folded, needle)
    if not hits:
        raise ValueError(f"quote not found in {document.doc_id}: \"{quote[:80]}\"{_nearest_hint(document, needle)}")
    if occurrence is None and len(hits) > 1:
        raise ValueError(f"quote occurs {len(hits)} times in {document.doc_id}; add occurrence: 1..{len(hits)}")
    index = (occurrence or 1) - 1
    if not 0 <= index < len(hits):
        raise ValueError(f"occurrence {occurrence} asked, quote occurs {len(hits)} time(s)")
    at = hits[index]
    start, end = document.mapped.original_span(at, at + len(needle))
    return Evidence(
        doc_id=document.doc_id,
        start=start,
        end=end,
        exact=document.original[start:end],
        normalised=document.mapped.text[at : at + len(needle)],
        sentence=document.sentence_at(start),
        section=document.section_at(start),
    )


def _all_occurrences(haystack: str, needle: str) -> list[int]:
    """Start indices of every (possibly overlapping) occurrence of ``needle``."""
    hits, at = [], haystack.find(needle)
    while at != -1:
        hits.append(at)
        at = haystack.find(needle, at + 1)
    return hits


def _nearest_hint(document: Document, needle: str) -> str:
    """A pointer to the closest text in the document, so the curator sees what differs."""
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(needle, document.folded)
    if alignment is None or alignment.score < 60:
        return ""
    near = document.folded[alignment.dest_start : alignment.dest_end]
    return f" (closest text, {alignment.score:.0f}% alike: \"{near[:100]}\")"


def main(argv: list[str]) -> int:
    """``python -m kg.curation check FILE...``: report every problem of the named curation files."""
    if len(argv) < 2 or argv[0] != "check":
        print("usage: python -m kg.curation check curation/<file>.yaml ...", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    ontology = Graph().parse(settings.ontology_file, format="turtle")
    documents = load_corpus(settings.corpus_dir)
    vocabulary = Vocabulary(ontology)
    known = {d.doc_id: d for d in documents}
    problems: list[str] = []
    count = 0
    for name in argv[1:]:
        data = yaml.safe_load(Path(name).read_text(encoding="utf-8")) or {}
        data["_file"] = Path(name).name
        doc_id = data.get("document")
        if doc_id not in known:
            problems.append(f"{name}: document '{doc_id}' is not in the corpus manifest")
            continue
        siblings = [data] + [
            dict(yaml.safe_load(p.read_text(encoding="utf-8")) or {}, _file=p.name)
            for p in sorted(settings.curation_dir.glob(f"{doc_id}*.yaml"))
            if p.resolve() != Path(name).resolve()
        ]
        result = Curation()
        individuals_only = [dict(s, statements=[]) for s in siblings[1:]]
        curate_document(known[doc_id], [data] + individuals_only, vocabulary, result, problems)
        count += len(result.statements)
    for problem in problems:
        print(problem)
    print(f"{count} statement(s) located, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
