"""Curated links from SpineKG concepts to RadLex, NCIt, UBERON, FMA, ChEBI, DOID, MONDO, MAxO, HP.

Files (all under ``ontology/``):

* ``mappings/sources/verified_ids.sssom.tsv``: the verified reference table, kept as received.
  Every object id and label in it was read from the source file named in its ``source_file``
  column; its subjects are concept names, not IRIs.
* ``mappings/subject-decisions.tsv``: the curator's word on source concept names that do not
  resolve to one SpineKG term by label (ambiguous, differently worded, or deliberately not mapped).
* ``mappings/spinekg.sssom.tsv``: the curated mapping set the build loads. ``spinekg link assign``
  writes it from the two files above and the ontology, adding ``subject_id`` (an ``sk:`` CURIE) and
  ``subject_label`` (our label) and keeping every source column (``source_subject_label`` holds the
  source's concept name). Rows a curator accepted from ``spinekg link radlex`` (no
  ``source_subject_label``) are kept as they are. The command can be re-run whenever the ontology
  gains terms.

The build stage :func:`add_external_links` reads the curated set with sssom-py and writes, into the
named graph ``skr:graph/mappings``, one ``skos:exactMatch`` or ``skos:closeMatch`` triple per row
plus an ``owl:Axiom`` that annotates it with the row's provenance in SSSOM's RDF vocabulary
(justification, object label, source file, comment, confidence), the way SSSOM's OWL serialisation
does. The RadLex import module goes into ``skr:graph/radlex``. The OWL ontology given to the
reasoner never sees these triples.

Generated enrichment modules (``imports/<prefix>_enrichment.ttl``, see :mod:`kg.enrich`) go into
their ontology's graph.

For the browser, :func:`external_links`, :func:`radlex_path` and :func:`lookup` answer with SPARQL
through any ``select`` function (query text in, rows of ``{variable: value}`` out, such as
``server.page_queries.select_rows``), so they work on the embedded store and on a remote one.

SSSOM: https://mapping-commons.github.io/sssom/ ; SEMAPV: https://w3id.org/semapv/vocab/
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.config import Settings
from kg.errors import SpineKGError, ValidationFailed
from kg.external import (
    ONTOLOGIES,
    RADLEX,
    UnknownIdentifier,
    curie_map,
    from_curie,
    from_iri,
    parse_identifier,
)
from kg.namespaces import MAPPINGS_GRAPH, OBOINOWL, RADLEX_GRAPH, SK, SKR
from kg.radlex import (
    IMPORT_FILE,
    SEEDS_FILE,
    import_module,
    load_import,
    load_table,
    read_seeds,
    terms_path,
    write_atomically,
    write_import,
    write_seeds,
)

SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
MANUAL = "semapv:ManualMappingCuration"
LEXICAL = "semapv:LexicalMatching"
PREDICATES = {"skos:exactMatch": SKOS.exactMatch, "skos:closeMatch": SKOS.closeMatch}
MATCH_KIND = {str(SKOS.exactMatch): "exact", str(SKOS.closeMatch): "close"}
MAPPING_SET_ID = "https://w3id.org/spinekg/mappings/spinekg.sssom.tsv"
ENRICHMENT_SUFFIX = "_enrichment.ttl"

#: Where a concept's names come from, best first; related synonyms are not the same meaning.
NAME_FIELDS = {
    RDFS.label: "rdfs:label",
    OBOINOWL.hasExactSynonym: "oboInOwl:hasExactSynonym",
    SK.abbreviation: "sk:abbreviation",
}
EXTRA_PREFIXES = {
    "sk": str(SK),
    "skos": str(SKOS),
    "semapv": str(SEMAPV),
    "dcterms": str(DCTERMS),
    "oboInOwl": str(OBOINOWL),
    "rdfs": str(RDFS),
}

log = logging.getLogger(__name__)


class MappingError(SpineKGError):
    """The curated mapping set is unreadable, invalid, or names a term the ontology lacks."""

    exit_code = 2


# ---------------------------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MappingPaths:
    """The files of the mapping subsystem, found next to the ontology's edit file."""

    ontology_dir: Path

    @classmethod
    def of(cls, settings: Settings) -> MappingPaths:
        """The paths for a project's settings (``ontology/`` is the folder of the edit file)."""
        return cls(settings.ontology_file.parent)

    @property
    def curated(self) -> Path:
        """The curated SSSOM mapping set."""
        return self.ontology_dir / "mappings" / "spinekg.sssom.tsv"

    @property
    def source(self) -> Path:
        """The verified reference table, as received."""
        return self.ontology_dir / "mappings" / "sources" / "verified_ids.sssom.tsv"

    @property
    def decisions(self) -> Path:
        """The curator's subject decisions for source names that do not resolve by label."""
        return self.ontology_dir / "mappings" / "subject-decisions.tsv"

    @property
    def imports(self) -> Path:
        """The folder of import modules and the shipped RadLex table."""
        return self.ontology_dir / "imports"

    @property
    def radlex_seeds(self) -> Path:
        """The RadLex seed list."""
        return self.imports / SEEDS_FILE

    @property
    def radlex_import(self) -> Path:
        """The generated RadLex import module."""
        return self.imports / IMPORT_FILE

    @property
    def radlex_terms(self) -> Path:
        """The shipped RadLex term table."""
        return terms_path(self.imports)

    def enrichment(self, prefix: str) -> Path:
        """The generated enrichment module of one ontology (``radlex_enrichment.ttl``)."""
        return self.imports / f"{prefix.lower()}{ENRICHMENT_SUFFIX}"


# ---------------------------------------------------------------------------------------------
# The concepts of the ontology
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Concept:
    """A domain concept of the ontology with every name it goes by.

    Attributes:
        iri: The term's IRI.
        label: Its ``rdfs:label``.
        names: ``(text, field)`` pairs, label first, then exact synonyms and abbreviations.
        category: The top-level domain class it falls under (``disorder``, ``anatomical entity``).
    """

    iri: URIRef
    label: str
    names: tuple[tuple[str, str], ...]
    category: str

    @property
    def curie(self) -> str:
        """The ``sk:`` CURIE."""
        return "sk:" + self.iri[len(str(SK)) :]


_DOMAIN_QUERY = """
PREFIX sk: <https://w3id.org/spinekg/ontology/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?term ?top WHERE {
  { ?term a owl:Class . BIND(?term AS ?class) }
  UNION
  { ?term a owl:NamedIndividual, ?class . FILTER(?class != owl:NamedIndividual) }
  ?class (rdfs:subClassOf|owl:equivalentClass/owl:intersectionOf/rdf:rest*/rdf:first)* ?top .
  ?top rdfs:subClassOf sk:Entity .
  FILTER(STRSTARTS(STR(?term), STR(sk:)) && ?term != sk:Entity)
}
"""


def domain_concepts(ontology: Graph) -> dict[URIRef, Concept]:
    """Every domain concept: the classes under ``sk:Entity`` and the individuals of those classes.

    The statement model (statements, documents, statement kinds, frequency levels) is not domain
    and is left out: it has no counterpart in the linked ontologies.
    """
    tops: dict[URIRef, set[str]] = defaultdict(set)
    for row in ontology.query(_DOMAIN_QUERY):
        tops[row.term].add(str(ontology.value(row.top, RDFS.label) or row.top))
    concepts = {}
    for term, categories in tops.items():
        label = ontology.value(term, RDFS.label)
        if label is None:
            continue
        names = [(str(label), NAME_FIELDS[RDFS.label])]
        for prop in (OBOINOWL.hasExactSynonym, SK.abbreviation):
            names += sorted((str(o), NAME_FIELDS[prop]) for o in ontology.objects(term, prop))
        concepts[term] = Concept(term, str(label), tuple(names), sorted(categories)[0])
    return concepts


def name_key(text: str) -> str:
    """Compare names the way a reader would: case, apostrophes, hyphens and spacing ignored."""
    text = text.casefold().replace("\u2019", "'").replace("'s ", " ").replace("'", "")
    return " ".join(text.replace("-", " ").replace("/", " ").split())


# ---------------------------------------------------------------------------------------------
# The curated mapping set: rows, reading, writing, validation
# ---------------------------------------------------------------------------------------------


@dataclass
class MappingRow:
    """One row of the curated set, in column order.

    ``source_subject_label`` and ``source_file`` are extension slots declared in the file's
    ``extension_definitions``; the rest are SSSOM slots.
    """

    subject_id: str
    subject_label: str
    predicate_id: str
    object_id: str
    object_label: str
    mapping_justification: str
    confidence: str = ""
    source_subject_label: str = ""
    source_file: str = ""
    comment: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies a mapping: subject, predicate, object."""
        return (self.subject_id, self.predicate_id, self.object_id)

    @property
    def from_source(self) -> bool:
        """Whether the row comes from the verified reference table."""
        return bool(self.source_subject_label)


COLUMNS = [f.name for f in fields(MappingRow)]
EXTENSION_SLOTS = ("source_file", "source_subject_label")


def read_table(path: Path) -> tuple[dict, list[dict[str, str]]]:
    """Read an SSSOM TSV as its YAML metadata and its rows (every column, as text).

    Raises:
        MappingError: the file is missing or its header block is not YAML.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except OSError as error:
        raise MappingError(f"cannot read {path}: {error}") from error
    header = [line[1:] for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#")]
    try:
        metadata = yaml.safe_load("".join(header)) or {}
    except yaml.YAMLError as error:
        raise MappingError(f"{path.name}: the metadata block is not YAML: {error}") from error
    rows = [
        {k: (v or "") for k, v in row.items()}
        for row in csv.DictReader(io.StringIO("".join(body)), delimiter="\t")
    ]
    return metadata, rows


def read_curated(path: Path) -> list[MappingRow]:
    """Read the curated set's rows (every column, extensions included).

    Raises:
        MappingError: a row lacks a required column.
    """
    if not path.exists():
        return []
    _metadata, rows = read_table(path)
    try:
        return [
            MappingRow(**{c: row.get(c, "") for c in COLUMNS})
            for row in rows
            if row.get("subject_id")
        ]
    except TypeError as error:
        raise MappingError(f"{path.name}: {error}") from error


def curated_metadata(source_metadata: dict) -> dict:
    """The curated set's metadata: our id and title, the source's date and licence, curie map."""
    prefixes = dict(sorted({**curie_map(), **EXTRA_PREFIXES}.items(), key=lambda kv: kv[0].lower()))
    return {
        "curie_map": prefixes,
        "mapping_set_id": MAPPING_SET_ID,
        "mapping_set_title": (
            "SpineKG links to RadLex, NCIt, UBERON, FMA, ChEBI, DOID, MONDO, MAxO and HP"
        ),
        "mapping_set_description": (
            "Curated mappings from SpineKG concepts to external ontologies. Rows with a "
            "source_subject_label come from the verified reference table "
            "(ontology/mappings/sources/verified_ids.sssom.tsv), with subject_id and subject_label "
            "assigned by `spinekg link assign`; the others were accepted by a curator from "
            "`spinekg link radlex` candidates."
        ),
        "license": source_metadata.get("license", "https://w3id.org/sssom/license/unspecified"),
        "mapping_date": source_metadata.get("mapping_date"),
        "comment": source_metadata.get("comment"),
        "extension_definitions": [
            {
                "slot_name": "source_file",
                "property": "dcterms:source",
                "type_hint": str(XSD.string),
            },
            {
                "slot_name": "source_subject_label",
                "property": "skos:altLabel",
                "type_hint": str(XSD.string),
            },
        ],
    }


def write_curated(path: Path, rows: Iterable[MappingRow], metadata: dict) -> None:
    """Write the curated set: YAML metadata block, then the rows sorted by subject and object."""
    metadata = {k: v for k, v in metadata.items() if v is not None}
    header = yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True, width=10_000)
    out = io.StringIO()
    out.write("".join(f"#{line}\n" for line in header.splitlines()))
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in sorted(rows, key=lambda r: (r.subject_id, r.object_id, r.predicate_id)):
        writer.writerow([getattr(row, c) for c in COLUMNS])
    write_atomically(path, out.getvalue())


def parse_mapping_set(path: Path):
    """Parse an SSSOM TSV with sssom-py; returns its ``MappingSetDataFrame``.

    sssom-py is imported here, not at module level, because it takes a second to import and
    only the build, the linker and the tests need it.

    Raises:
        MappingError: sssom-py cannot parse the file.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from sssom.parsers import parse_sssom_table

        parser_log = logging.getLogger("sssom.parsers")
        parser_log.addFilter(_known_extension_notice)
        try:
            return parse_sssom_table(path)
        except (ValueError, KeyError, OSError) as error:
            raise MappingError(f"sssom-py cannot parse {path}: {error}") from error
        finally:
            parser_log.removeFilter(_known_extension_notice)


def _known_extension_notice(record: logging.LogRecord) -> bool:
    """Drop sssom-py's notice that it drops our extension slots (we read them ourselves)."""
    message = record.getMessage()
    return not any(message.startswith(f"No attr for {slot} ") for slot in EXTENSION_SLOTS)


def validate_mapping_set(path: Path) -> list[str]:
    """Validate an SSSOM file with sssom-py (JSON schema, prefix map, CURIE format).

    Returns:
        One line per problem; empty when the file is valid.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from sssom.validators import validate

        reports = validate(parse_mapping_set(path), fail_on_error=False)
    return [
        f"{kind.value}: {result.message}"
        for kind, report in reports.items()
        for result in report.results
    ]


# ---------------------------------------------------------------------------------------------
# Assigning subject ids (``spinekg link assign``)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectDecision:
    """A curator's decision for one source concept name: our term, or none with a reason."""

    source_label: str
    subject: str
    reason: str


def read_decisions(path: Path) -> dict[str, SubjectDecision]:
    """Read the subject decisions (``source_subject_label``, ``subject``, ``reason``).

    Raises:
        MappingError: a line has the wrong number of columns or no reason.
    """
    if not path.exists():
        return {}
    decisions = {}
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for number, row in enumerate(csv.reader(lines[1:], delimiter="\t"), start=2):
        if len(row) != 3 or not row[2].strip():
            raise MappingError(
                f"{path.name}: data line {number} needs three columns (name, subject, reason)"
            )
        decisions[row[0]] = SubjectDecision(row[0], row[1].strip(), row[2].strip())
    return decisions


@dataclass
class AssignReport:
    """What ``spinekg link assign`` did, for the terminal."""

    rows: int = 0
    subjects: int = 0
    kept_accepted: int = 0
    by_label: dict[str, str] = field(default_factory=dict)
    by_decision: dict[str, str] = field(default_factory=dict)
    not_mapped: dict[str, str] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    stale_decisions: list[str] = field(default_factory=list)
    dropped_accepted: list[str] = field(default_factory=list)
    several_exact: dict[str, list[str]] = field(default_factory=dict)
    seeds: int = 0
    imported_terms: int = 0

    def lines(self) -> list[str]:
        """The report as lines of text."""
        out = [
            f"curated rows: {self.rows} for {self.subjects} concept(s) "
            f"({len(self.by_label)} source name(s) resolved by label, "
            f"{len(self.by_decision)} by decision, "
            f"{self.kept_accepted} accepted row(s) kept)",
            f"RadLex import: {self.seeds} seed(s), {self.imported_terms} term(s) with ancestors",
        ]
        out += [
            f"not mapped by decision: {name!r} ({why})"
            for name, why in sorted(self.not_mapped.items())
        ]
        out += [
            f"no SpineKG term yet for {name!r} (its rows wait in the source table)"
            for name in sorted(self.unresolved)
        ]
        out += [
            f"ambiguous, add a decision: {name!r} -> {', '.join(hits)}"
            for name, hits in sorted(self.ambiguous.items())
        ]
        out += [
            f"stale decision (term not in the ontology): {name!r}" for name in self.stale_decisions
        ]
        out += [
            f"dropped accepted row (subject not in the ontology): {key}"
            for key in self.dropped_accepted
        ]
        out += [
            f"note: {subject} has {len(targets)} exactMatch targets in {prefix}: "
            + ", ".join(targets)
            for (subject, prefix), targets in sorted(self.several_exact.items())
        ]
        return out


def resolve_subject(name: str, index: dict[str, list[tuple[int, Concept]]]) -> list[Concept]:
    """Find the SpineKG terms a source concept name stands for, most specific reading first.

    The name is tried whole, then its ``/``-separated alternatives and the name without a
    parenthetical, then the parenthetical itself; the first reading that names any term wins, and
    within it only the best-ranked field (label, then exact synonym, then abbreviation) counts.
    """
    whole = name.strip()
    main = whole.split("(")[0].strip()
    inner = (
        whole[whole.find("(") + 1 : whole.rfind(")")].strip()
        if "(" in whole and ")" in whole
        else ""
    )
    readings = [[whole], [p.strip() for p in whole.split(" / ")] + [main], [inner] if inner else []]
    for reading in readings:
        hits = [hit for text in reading for hit in index.get(name_key(text), [])]
        if hits:
            best = min(rank for rank, _ in hits)
            return sorted(
                {c.iri: c for rank, c in hits if rank == best}.values(), key=lambda c: c.iri
            )
    return []


def name_index(concepts: Iterable[Concept]) -> dict[str, list[tuple[int, Concept]]]:
    """Index concepts by :func:`name_key` of each name, with the rank of the name's field."""
    ranks = {f: i for i, f in enumerate(NAME_FIELDS.values())}
    index: dict[str, list[tuple[int, Concept]]] = defaultdict(list)
    for concept in concepts:
        for text, name_field in concept.names:
            index[name_key(text)].append((ranks[name_field], concept))
    return index


def assign_subjects(settings: Settings) -> AssignReport:
    """Rewrite the curated set from the source table, decisions and ontology; refresh the import.

    Source rows get the subject their name resolves to (or the curator's decision); rows accepted
    from candidates are kept while their subject exists. Names that resolve to no term are
    reported, not guessed, and their rows stay out until the ontology has the term.

    Raises:
        MappingError: a file cannot be read or a decision names no term.
    """
    paths = MappingPaths.of(settings)
    ontology = Graph().parse(settings.ontology_file, format="turtle")
    concepts = domain_concepts(ontology)
    by_curie = {c.curie: c for c in concepts.values()}
    index = name_index(concepts.values())
    decisions = read_decisions(paths.decisions)
    source_metadata, source_rows = read_table(paths.source)
    report = AssignReport()
    rows = _source_rows(source_rows, decisions, index, by_curie, report)
    rows += _accepted_rows(read_curated(paths.curated), by_curie, {r.key for r in rows}, report)
    report.stale_decisions = sorted(
        n for n, d in decisions.items() if d.subject and f"sk:{d.subject}" not in by_curie
    )
    report.rows, report.subjects = len(rows), len({r.subject_id for r in rows})
    report.several_exact = _several_exact(rows)
    write_curated(paths.curated, rows, curated_metadata(source_metadata))
    report.seeds, report.imported_terms = refresh_radlex_import(paths, rows)
    return report


def _source_rows(source_rows, decisions, index, by_curie, report: AssignReport) -> list[MappingRow]:
    """The source table's rows with their SpineKG subject, for every name that resolves."""
    rows = []
    for source in source_rows:
        name = source["subject_label"]
        concept = _subject_for(name, decisions, index, by_curie, report)
        if concept is None:
            continue
        rows.append(
            MappingRow(
                subject_id=concept.curie,
                subject_label=concept.label,
                predicate_id=source["predicate_id"],
                object_id=source["object_id"],
                object_label=source.get("object_label", ""),
                mapping_justification=source["mapping_justification"],
                confidence=source.get("confidence", ""),
                source_subject_label=name,
                source_file=source.get("source_file", ""),
                comment=source.get("comment", ""),
            )
        )
    return rows


def _subject_for(name, decisions, index, by_curie, report: AssignReport) -> Concept | None:
    """The concept a source name stands for, recording how it was found."""
    decision = decisions.get(name)
    if decision is not None:
        if not decision.subject:
            report.not_mapped[name] = decision.reason
            return None
        concept = by_curie.get(f"sk:{decision.subject}")
        if concept is not None:
            report.by_decision[name] = concept.curie
        return concept
    hits = resolve_subject(name, index)
    if len(hits) == 1:
        report.by_label[name] = hits[0].curie
        return hits[0]
    if hits:
        report.ambiguous[name] = [c.curie for c in hits]
    elif name not in report.unresolved:
        report.unresolved.append(name)
    return None


def _accepted_rows(
    existing: list[MappingRow], by_curie, taken: set, report: AssignReport
) -> list[MappingRow]:
    """Rows a curator added (not from the source) whose subject still exists, with fresh labels."""
    kept = []
    for row in existing:
        if row.from_source or row.key in taken:
            continue
        concept = by_curie.get(row.subject_id)
        if concept is None:
            report.dropped_accepted.append(" ".join(row.key))
            continue
        row.subject_label = concept.label
        kept.append(row)
    report.kept_accepted = len(kept)
    return kept


def _several_exact(rows: list[MappingRow]) -> dict[tuple[str, str], list[str]]:
    """Subjects with more than one exactMatch into the same ontology, for the curator to look at."""
    targets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        if row.predicate_id == "skos:exactMatch":
            targets[(row.subject_id, row.object_id.split(":")[0])].append(row.object_id)
    return {k: v for k, v in targets.items() if len(v) > 1}


def refresh_radlex_import(paths: MappingPaths, rows: Iterable[MappingRow]) -> tuple[int, int]:
    """Add the curated RadLex objects to the seed list and regenerate the import module.

    Returns:
        The number of seeds and of terms in the module.
    """
    table = load_table(paths.radlex_terms)
    linked = {from_curie(r.object_id).local for r in rows if r.object_id.startswith("RADLEX:")}
    seeds = sorted(set(read_seeds(paths.radlex_seeds)) | linked)
    write_seeds(paths.radlex_seeds, seeds, table)
    module = import_module(seeds, table)
    write_import(paths.radlex_import, module)
    return len(seeds), len(set(module.subjects(RDF.type, OWL.Class)))


# ---------------------------------------------------------------------------------------------
# Mapping triples and the build stage
# ---------------------------------------------------------------------------------------------


def load_curated_rows(path: Path) -> list[MappingRow]:
    """Load the curated set with sssom-py and join back the extension columns it does not keep.

    Raises:
        MappingError: sssom-py cannot parse the file, or rows were lost in parsing.
    """
    frame = parse_mapping_set(path).df.astype(object).fillna("")
    raw = {row.key: row for row in read_curated(path)}
    rows = []
    for record in frame.to_dict(orient="records"):
        key = (record["subject_id"], record["predicate_id"], record["object_id"])
        extensions = raw.get(key)
        confidence = record.get("confidence", "")
        rows.append(
            MappingRow(
                subject_id=key[0],
                subject_label=record.get("subject_label", ""),
                predicate_id=key[1],
                object_id=key[2],
                object_label=record.get("object_label", ""),
                mapping_justification=record["mapping_justification"],
                confidence="" if confidence in ("", None) else str(confidence),
                source_subject_label=extensions.source_subject_label if extensions else "",
                source_file=extensions.source_file if extensions else "",
                comment=record.get("comment", ""),
            )
        )
    if len(rows) != len(raw):
        raise MappingError(
            f"sssom-py kept {len(rows)} of the {len(raw)} rows of {path.name}; "
            "check subject_id and predicate_id"
        )
    return rows


def mapping_iri(row: MappingRow) -> URIRef:
    """A stable IRI for the annotated mapping axiom of a row."""
    digest = hashlib.sha256("\t".join(row.key).encode("utf-8")).hexdigest()[:16]
    return SKR[f"mapping/{digest}"]


def mapping_graph(rows: Iterable[MappingRow]) -> Graph:
    """The mapping triples with their provenance, as SSSOM's OWL serialisation writes them.

    Each row gives ``subject skos:exactMatch|closeMatch object`` and an ``owl:Axiom`` on that triple
    carrying ``sssom:mapping_justification``, ``sssom:object_label``, ``sssom:confidence``,
    ``dcterms:source`` (the source file) and ``rdfs:comment``.
    """
    graph = Graph()
    mapping_set = URIRef(MAPPING_SET_ID)
    graph.add((mapping_set, RDF.type, SSSOM.MappingSet))
    for row in rows:
        subject = SK[row.subject_id.removeprefix("sk:")]
        predicate = PREDICATES[row.predicate_id]
        target = URIRef(from_curie(row.object_id).iri)
        graph.add((subject, predicate, target))
        axiom = mapping_iri(row)
        for p, o in _axiom_annotations(row, subject, predicate, target, mapping_set):
            graph.add((axiom, p, o))
    return graph


def _axiom_annotations(row: MappingRow, subject, predicate, target, mapping_set):
    """The ``(property, value)`` pairs of one mapping's axiom."""
    yield RDF.type, OWL.Axiom
    yield OWL.annotatedSource, subject
    yield OWL.annotatedProperty, predicate
    yield OWL.annotatedTarget, target
    yield SSSOM.mapping_justification, SEMAPV[row.mapping_justification.removeprefix("semapv:")]
    yield SSSOM.mapping_set_id, mapping_set
    yield SSSOM.subject_label, Literal(row.subject_label)
    if row.object_label:
        yield SSSOM.object_label, Literal(row.object_label)
    if row.confidence:
        yield SSSOM.confidence, Literal(row.confidence, datatype=XSD.double)
    if row.source_file:
        yield DCTERMS.source, Literal(row.source_file)
    if row.comment:
        yield RDFS.comment, Literal(row.comment)


@dataclass
class LinkSummary:
    """What the build's linking stage added."""

    mappings: int = 0
    linked_concepts: int = 0
    domain_concepts: int = 0
    radlex_terms: int = 0
    enriched: dict[str, int] = field(default_factory=dict)

    @property
    def unlinked(self) -> int:
        """Domain concepts without any external id."""
        return self.domain_concepts - self.linked_concepts

    def line(self) -> str:
        """The summary as one line of build progress."""
        text = (
            f"{self.mappings} external link(s) for {self.linked_concepts} of "
            f"{self.domain_concepts} concept(s); "
            f"{self.unlinked} without one (`spinekg link gaps` lists them); "
            f"{self.radlex_terms} RadLex term(s) imported"
        )
        if self.enriched:
            text += "; enriched: " + ", ".join(f"{p} {n}" for p, n in sorted(self.enriched.items()))
        return text


def add_external_links(
    dataset: Dataset,
    ontology: Graph,
    settings: Settings,
    progress: Callable[[str], None] = lambda _m: None,
) -> LinkSummary:
    """Build stage: put the curated mappings and the RadLex import into their named graphs.

    Raises:
        ValidationFailed: a mapping names a subject the ontology does not declare, or a linked
            RadLex term is missing from the import module (run ``spinekg link assign``).
        MappingError: the curated set cannot be read.
    """
    paths = MappingPaths.of(settings)
    rows = load_curated_rows(paths.curated)
    concepts = domain_concepts(ontology)
    _check_subjects(rows, concepts)
    target = dataset.graph(MAPPINGS_GRAPH)
    for triple in mapping_graph(rows):
        target.add(triple)
    radlex = load_import(paths.radlex_import)
    _check_import(rows, radlex)
    radlex_graph = dataset.graph(RADLEX_GRAPH)
    for triple in radlex:
        radlex_graph.add(triple)
    summary = LinkSummary(
        mappings=len(rows),
        linked_concepts=len({r.subject_id for r in rows} & {c.curie for c in concepts.values()}),
        domain_concepts=len(concepts),
        radlex_terms=len(set(radlex.subjects(RDF.type, OWL.Class))),
    )
    summary.enriched = _add_enrichments(dataset, paths)
    progress(summary.line())
    return summary


def external_graph(prefix: str) -> URIRef:
    """The named graph that holds the imported or enriched terms of one ontology."""
    return RADLEX_GRAPH if prefix == RADLEX.prefix else SKR[f"graph/{prefix.lower()}"]


def enrichment_record(prefix: str) -> URIRef:
    """The node that says where an ontology's enrichment came from; enriched terms point to it."""
    return SKR[f"enrichment/{prefix.lower()}"]


def _add_enrichments(dataset: Dataset, paths: MappingPaths) -> dict[str, int]:
    """Load every generated enrichment module into its ontology's graph; count terms per prefix."""
    counts = {}
    for prefix in ONTOLOGIES:
        path = paths.enrichment(prefix)
        if not path.exists():
            continue
        enrichment = Graph().parse(path, format="turtle")
        graph = dataset.graph(external_graph(prefix))
        for triple in enrichment:
            graph.add(triple)
        counts[prefix] = len(
            set(enrichment.subjects(PROV.wasDerivedFrom, enrichment_record(prefix)))
        )
    return counts


def _check_subjects(rows: list[MappingRow], concepts: dict[URIRef, Concept]) -> None:
    """Fail when a mapping's subject is not a domain concept of the ontology."""
    known = {c.curie for c in concepts.values()}
    missing = sorted({r.subject_id for r in rows} - known)
    if missing:
        raise ValidationFailed(
            "the curated mapping set names subject(s) the ontology does not declare: "
            + ", ".join(missing)
            + "; run `spinekg link assign` after renaming or removing terms"
        )


def _check_import(rows: list[MappingRow], radlex: Graph) -> None:
    """Fail when a linked RadLex term is missing from the import module."""
    imported = {str(s) for s in radlex.subjects(RDF.type, OWL.Class)}
    missing = sorted(
        {
            r.object_id
            for r in rows
            if r.object_id.startswith("RADLEX:") and from_curie(r.object_id).iri not in imported
        }
    )
    if missing:
        raise ValidationFailed(
            "linked RadLex term(s) missing from ontology/imports/radlex_import.ttl: "
            + ", ".join(missing)
            + "; run `spinekg link import`"
        )


# ---------------------------------------------------------------------------------------------
# Gaps: concepts without any external id
# ---------------------------------------------------------------------------------------------


@dataclass
class Gaps:
    """Concepts with no mapping, and source names still waiting for a SpineKG term."""

    unlinked: list[Concept]
    domain_concepts: int
    waiting: list[str]

    def lines(self) -> list[str]:
        """The gaps as lines of text, grouped by category."""
        out = [f"{len(self.unlinked)} of {self.domain_concepts} concept(s) have no external id:"]
        by_category: dict[str, list[Concept]] = defaultdict(list)
        for concept in self.unlinked:
            by_category[concept.category].append(concept)
        for category in sorted(by_category):
            out.append(f"  {category} ({len(by_category[category])}):")
            out += [
                f"    {c.curie}  {c.label}"
                for c in sorted(by_category[category], key=lambda c: c.label.casefold())
            ]
        if self.waiting:
            out.append(
                f"{len(self.waiting)} verified concept name(s) wait for a SpineKG term "
                "(`spinekg link assign`):"
            )
            out += [f"  {name}" for name in self.waiting]
        return out


def find_gaps(settings: Settings) -> Gaps:
    """List the domain concepts without any curated mapping, and source names not yet assigned."""
    paths = MappingPaths.of(settings)
    ontology = Graph().parse(settings.ontology_file, format="turtle")
    concepts = domain_concepts(ontology)
    rows = read_curated(paths.curated)
    linked = {r.subject_id for r in rows}
    _metadata, source = read_table(paths.source)
    assigned = {r.source_subject_label for r in rows}
    decided = {n for n, d in read_decisions(paths.decisions).items() if not d.subject}
    waiting = sorted({r["subject_label"] for r in source} - assigned - decided)
    unlinked = [c for c in concepts.values() if c.curie not in linked]
    return Gaps(unlinked, len(concepts), waiting)


# ---------------------------------------------------------------------------------------------
# For the browser: external ids of an entity, the RadLex path, lookup by external id
# ---------------------------------------------------------------------------------------------

Select = Callable[[str], list[dict[str, str]]]


@dataclass(frozen=True)
class ExternalLink:
    """One external id of an entity, as an entity page shows it.

    Attributes:
        curie: ``RADLEX:RID3969``.
        iri: The canonical IRI.
        ontology: The ontology's name (``RadLex``).
        label: The external term's label (from the mapping, or from the imported terms).
        url: The term's page in its ontology's browser.
        match: ``"exact"`` or ``"close"``.
        justification: The SEMAPV justification IRI.
        source: The file the id was verified in, when known.
        comment: The curator's comment (how a close match differs).
        path: For RadLex terms, ``(curie, label)`` pairs from the RadLex root down to the term.
    """

    curie: str
    iri: str
    ontology: str
    label: str
    url: str
    match: str
    justification: str = ""
    source: str = ""
    comment: str = ""
    path: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict:
        """A JSON-ready dict."""
        return {
            "curie": self.curie,
            "iri": self.iri,
            "ontology": self.ontology,
            "label": self.label,
            "url": self.url,
            "match": self.match,
            "justification": self.justification,
            "source": self.source,
            "comment": self.comment,
            "path": [{"curie": c, "label": lab} for c, lab in self.path],
        }


def _iri_literal(iri: str) -> str:
    """An IRI as SPARQL writes it, refusing anything that could break out of the brackets."""
    if any(ch in iri for ch in '<>"{}|^`\\ \n\t'):
        raise UnknownIdentifier(f"not an IRI: {iri!r}")
    return f"<{iri}>"


_LINKS_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX sssom: <https://w3id.org/sssom/>
SELECT ?p ?target ?label ?justification ?source ?comment ?termLabel WHERE {
  GRAPH <%(mappings)s> {
    %(entity)s ?p ?target . FILTER(?p IN (skos:exactMatch, skos:closeMatch))
    OPTIONAL {
      ?axiom owl:annotatedSource %(entity)s ; owl:annotatedProperty ?p ;
          owl:annotatedTarget ?target .
      OPTIONAL { ?axiom sssom:object_label ?label }
      OPTIONAL { ?axiom sssom:mapping_justification ?justification }
      OPTIONAL { ?axiom dcterms:source ?source }
      OPTIONAL { ?axiom rdfs:comment ?comment }
    }
  }
  OPTIONAL { GRAPH ?g { ?target skos:prefLabel|rdfs:label ?termLabel } }
}
"""


def external_links(select: Select, entity: str, with_paths: bool = True) -> list[ExternalLink]:
    """The external ids of an entity: exact matches first, then by ontology, with RadLex paths.

    Args:
        select: Runs a SPARQL SELECT on the release and returns rows of ``{variable: value}``.
        entity: The entity's IRI.
        with_paths: Also fetch the RadLex path of each RadLex id.
    """
    rows = select(_LINKS_QUERY % {"mappings": MAPPINGS_GRAPH, "entity": _iri_literal(entity)})
    found: dict[tuple[str, str], ExternalLink] = {}
    for row in rows:
        external = from_iri(row["target"])
        if external is None or (row["p"], row["target"]) in found:
            continue
        path = (
            tuple(radlex_path(select, external.iri))
            if with_paths and external.ontology is RADLEX
            else ()
        )
        found[(row["p"], row["target"])] = ExternalLink(
            curie=external.curie,
            iri=external.iri,
            ontology=external.ontology.name,
            label=row.get("label") or row.get("termLabel") or "",
            url=external.home_url,
            match=MATCH_KIND[row["p"]],
            justification=row.get("justification", ""),
            source=row.get("source", ""),
            comment=row.get("comment", ""),
            path=path,
        )
    order = list(ONTOLOGIES)
    return sorted(
        found.values(),
        key=lambda link: (link.match != "exact", order.index(link.curie.split(":")[0]), link.curie),
    )


_PATH_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?term ?parent ?label ?prefLabel WHERE {
  GRAPH <%(radlex)s> {
    %(start)s rdfs:subClassOf* ?term .
    OPTIONAL { ?term rdfs:subClassOf ?parent }
    OPTIONAL { ?term rdfs:label ?label }
    OPTIONAL { ?term skos:prefLabel ?prefLabel }
  }
}
"""


def radlex_path(select: Select, term: str) -> list[tuple[str, str]]:
    """The RadLex is_a chain of a term, root first, as ``(curie, label)`` pairs.

    Where enrichment from a newer RadLex gave a term a second parent, the path follows the parent
    with the longer known chain, so that it reaches as close to the root as the graph allows.
    """
    rows = select(_PATH_QUERY % {"radlex": RADLEX_GRAPH, "start": _iri_literal(term)})
    parents: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in rows:
        if row.get("parent"):
            parents[row["term"]].add(row["parent"])
        label = row.get("prefLabel") or row.get("label")
        if label and (row.get("prefLabel") or row["term"] not in labels):
            labels[row["term"]] = label
    chain = _longest_chain(term, parents)
    return [(_curie_or_iri(iri), labels.get(iri, "")) for iri in reversed(chain)]


def _longest_chain(start: str, parents: dict[str, set[str]]) -> list[str]:
    """The longest acyclic chain of parents from ``start`` (start first)."""
    memo: dict[str, list[str]] = {}

    def walk(node: str, seen: frozenset[str]) -> list[str]:
        if node in memo:
            return memo[node]
        options = [walk(p, seen | {node}) for p in sorted(parents.get(node, ())) if p not in seen]
        memo[node] = [node] + max(options, key=len, default=[])
        return memo[node]

    return walk(start, frozenset())


def _curie_or_iri(iri: str) -> str:
    external = from_iri(iri)
    return external.curie if external else iri


@dataclass(frozen=True)
class LookupMatch:
    """A SpineKG entity found for an external id."""

    iri: str
    label: str
    match: str
    via: str = ""

    def to_json(self) -> dict:
        """A JSON-ready dict."""
        return {"iri": self.iri, "label": self.label, "match": self.match, "via": self.via}


@dataclass(frozen=True)
class LookupResult:
    """What a lookup of an external id found.

    Attributes:
        curie, iri, ontology, url, label: The external id read back to its canonical form.
        matches: Entities mapped to the id itself.
        narrower: For a RadLex id, entities mapped to a RadLex term under it (``via`` names it).
    """

    curie: str
    iri: str
    ontology: str
    url: str
    label: str
    matches: tuple[LookupMatch, ...]
    narrower: tuple[LookupMatch, ...]

    def to_json(self) -> dict:
        """A JSON-ready dict."""
        return {
            "id": {
                "curie": self.curie,
                "iri": self.iri,
                "ontology": self.ontology,
                "url": self.url,
                "label": self.label,
            },
            "matches": [m.to_json() for m in self.matches],
            "narrower": [m.to_json() for m in self.narrower],
        }


_LOOKUP_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?p ?label WHERE {
  GRAPH <%(mappings)s> { ?entity ?p %(target)s . FILTER(?p IN (skos:exactMatch, skos:closeMatch)) }
  OPTIONAL { GRAPH ?g { ?entity rdfs:label ?label } }
}
"""

_NARROWER_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?p ?label ?term WHERE {
  GRAPH <%(radlex)s> { ?term rdfs:subClassOf+ %(target)s }
  GRAPH <%(mappings)s> { ?entity ?p ?term . FILTER(?p IN (skos:exactMatch, skos:closeMatch)) }
  OPTIONAL { GRAPH ?g { ?entity rdfs:label ?label } }
}
"""

_TERM_LABEL_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sssom: <https://w3id.org/sssom/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?label WHERE {
  { GRAPH ?g { %(target)s skos:prefLabel|rdfs:label ?label } }
  UNION {
    GRAPH <%(mappings)s> { ?axiom owl:annotatedTarget %(target)s ; sssom:object_label ?label }
  }
} LIMIT 1
"""


def lookup(select: Select, identifier: str) -> LookupResult:
    """Find the SpineKG entities linked to an external id, given as CURIE or IRI in any form.

    Raises:
        UnknownIdentifier: the text is not an id of a linked ontology.
    """
    external = parse_identifier(identifier)
    target = _iri_literal(external.iri)
    matches = _matches(select(_LOOKUP_QUERY % {"mappings": MAPPINGS_GRAPH, "target": target}))
    narrower: tuple[LookupMatch, ...] = ()
    if external.ontology is RADLEX:
        direct = {m.iri for m in matches}
        rows = select(
            _NARROWER_QUERY % {"mappings": MAPPINGS_GRAPH, "radlex": RADLEX_GRAPH, "target": target}
        )
        narrower = tuple(m for m in _matches(rows) if m.iri not in direct)
    labels = select(_TERM_LABEL_QUERY % {"mappings": MAPPINGS_GRAPH, "target": target})
    return LookupResult(
        curie=external.curie,
        iri=external.iri,
        ontology=external.ontology.name,
        url=external.home_url,
        label=labels[0]["label"] if labels else "",
        matches=matches,
        narrower=narrower,
    )


def _matches(rows: list[dict[str, str]]) -> tuple[LookupMatch, ...]:
    """Lookup rows as matches, one per entity (exact preferred), sorted by label."""
    best: dict[str, LookupMatch] = {}
    for row in rows:
        match = LookupMatch(
            row["entity"],
            row.get("label", ""),
            MATCH_KIND[row["p"]],
            _curie_or_iri(row["term"]) if row.get("term") else "",
        )
        current = best.get(match.iri)
        if current is None or (current.match == "close" and match.match == "exact"):
            best[match.iri] = match
    return tuple(
        sorted(best.values(), key=lambda m: (m.match != "exact", m.label.casefold(), m.iri))
    )
