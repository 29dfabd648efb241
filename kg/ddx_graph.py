"""Read what the differential diagnosis needs from a SpineKG release, with SPARQL only.

Two kinds of reads, both through a :data:`Select` function (a SELECT query in, rows of term
values out), so the same code runs on the embedded pyoxigraph store (:func:`store_select`), on a
remote SPARQL server, or through the web server's query workers:

* :func:`load_context`, once per release: the class hierarchy, declared disjointness, the
  location restrictions of lesion classes, labels and synonyms, vertebral levels and regions,
  frequency ranks, the value sets the ontology annotates for the differential (the spine class of
  each region, the years of each age group, the lesion classes too broad to be a diagnosis), and
  the asserted class of every case-report lesion. It is small: the ontology part of the graph,
  not its statements.
* :func:`statements_with_objects`, :func:`statements_with_subjects` and :func:`evidence_for`, per
  question: the statements whose object (or subject) is one of a given set of terms, with their
  qualifiers, and the quoted evidence of the statements a result shows. These are indexed lookups
  (``VALUES`` on predicate and object), so they stay fast as the graph grows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph

from kg.namespaces import OA, OBOINOWL, SK, SKR
from kg.store import iri_ref

Select = Callable[[str], list[dict[str, str]]]
"""Run a SELECT query and return its solutions as ``{variable: lexical value}`` rows."""

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"

SK_BASE = str(SK)
CASE_BASE = str(SKR["case/"])
DOCUMENT_GRAPH_BASE = str(SKR["graph/document/"])
SUBCLASS_OF = RDFS + "subClassOf"

PREFIXES = f"""PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX owl: <{OWL}>
PREFIX skos: <{SKOS}>
PREFIX sk: <{SK}>
PREFIX oa: <{OA}>
PREFIX prov: <{PROV}>
PREFIX dcterms: <{DCTERMS}>
PREFIX oboInOwl: <{OBOINOWL}>
"""

#: Value-set classes whose individuals the findings can name (levels, regions, sexes).
INDIVIDUAL_TYPES = ("VertebralLevel", "SpinalRegion", "Sex")


def store_select(store) -> Select:
    """Wrap a :class:`kg.store.GraphStore` (or a ``pyoxigraph.Store``) as a :data:`Select`.

    Queries run over the union of the release's named graphs, as the web endpoint does.
    """

    def select(query: str) -> list[dict[str, str]]:
        if isinstance(store, pyoxigraph.Store):
            solutions = store.query(query, use_default_graph_as_union=True)
        else:
            solutions = store.query(query)
        names = [variable.value for variable in solutions.variables]
        return [
            {name: solution[name].value for name in names if solution[name] is not None}
            for solution in solutions
        ]

    return select


def values_clause(variable: str, iris: Iterable[str]) -> str:
    """A ``VALUES`` block binding ``?variable`` to each IRI, in a stable order."""
    return f"VALUES ?{variable} {{ {' '.join(iri_ref(iri) for iri in sorted(set(iris)))} }}"


# --------------------------------------------------------------------------------------------
# The per-release context: hierarchy, disjointness, definitions, labels, levels, cases
# --------------------------------------------------------------------------------------------

_HIERARCHY = (
    PREFIXES
    + """
SELECT DISTINCT ?c ?sup WHERE {
  { ?c rdfs:subClassOf ?sup }
  UNION { ?c owl:equivalentClass ?sup }
  UNION { ?sup owl:equivalentClass ?c }
  FILTER(isIRI(?c) && isIRI(?sup) && ?c != ?sup)
}"""
)

_DISJOINT = (
    PREFIXES
    + """
SELECT DISTINCT ?group ?member WHERE {
  { ?group a owl:AllDisjointClasses ; owl:members/rdf:rest*/rdf:first ?member }
  UNION { ?member owl:disjointWith ?other BIND(CONCAT(STR(?member), " ", STR(?other)) AS ?group) }
  UNION { ?other owl:disjointWith ?member BIND(CONCAT(STR(?other), " ", STR(?member)) AS ?group) }
  FILTER(isIRI(?member))
}"""
)

_LOCATION_RESTRICTIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?c ?site WHERE {
  ?c rdfs:subClassOf ?restriction .
  ?restriction owl:onProperty sk:locatedIn ; owl:someValuesFrom ?site .
  FILTER(isIRI(?c) && isIRI(?site))
}"""
)

_DEFINED_CLASSES = (
    PREFIXES
    + """
SELECT DISTINCT ?c WHERE {
  ?c owl:equivalentClass ?definition FILTER(isIRI(?c) && isBlank(?definition))
}"""
)

_TEXTS = (
    PREFIXES
    + """
SELECT ?term ?property ?text WHERE {
  VALUES ?property { rdfs:label skos:definition oboInOwl:hasExactSynonym sk:abbreviation }
  ?term ?property ?text .
  FILTER(isIRI(?term) && STRSTARTS(STR(?term), STR(sk:)))
}"""
)

_INDIVIDUALS = (
    PREFIXES
    + """
SELECT ?x ?type ?region ?rank ?index WHERE {
  VALUES ?type { %s sk:FrequencyLevel }
  ?x a ?type .
  OPTIONAL { ?x sk:inRegion ?region }
  OPTIONAL { ?x sk:frequencyRank ?rank }
  OPTIONAL { ?x sk:levelIndex ?index }
}"""
    % " ".join(f"sk:{name}" for name in INDIVIDUAL_TYPES)
)

_DIFFERENTIAL_ANNOTATIONS = (
    PREFIXES
    + """
SELECT ?term ?property ?value WHERE {
  VALUES ?property { sk:regionClass sk:minimumAgeYears sk:maximumAgeYears sk:groupingClass }
  ?term ?property ?value .
  FILTER(isIRI(?term))
}"""
)

_CASE_TYPES = (
    PREFIXES
    + """
SELECT ?case ?type WHERE {
  GRAPH ?g { ?case a ?type }
  FILTER(STRSTARTS(STR(?g), "%s") && STRSTARTS(STR(?case), "%s") && STRSTARTS(STR(?type), STR(sk:)))
}"""
    % (DOCUMENT_GRAPH_BASE, CASE_BASE)
)


@dataclass
class Context:
    """What the ontology part of a release says, indexed for the differential diagnosis.

    Attributes:
        parents: direct superclasses of each class (equivalent classes count both ways).
        disjoint_groups: sets of classes declared pairwise disjoint.
        located_in: the sites a class is defined to lie in (``locatedIn some Site``).
        defined: classes given by an equivalence to a class expression (the compartment classes).
        labels, definitions: the ``rdfs:label`` and ``skos:definition`` of ``sk:`` terms.
        texts: every label, synonym and abbreviation of a term, for resolving what a user types.
        individual_types: the value-set class of each level, region and sex individual.
        level_region: the spinal region of each vertebral level.
        level_index: the position of each vertebral level (C1 = 1 ... S5 = 29).
        frequency_rank: the rank of each frequency level, 1 (rarely) to 6 (always).
        region_class: the spine class each spinal region individual stands for
            (``sk:regionClass``), cranial region first.
        age_ranges: the first and last year of each age group (``sk:minimumAgeYears``,
            ``sk:maximumAgeYears``); 0 when no minimum is given, None for no upper bound.
        grouping_classes: lesion classes too broad to be a diagnosis (``sk:groupingClass``).
        case_types: the asserted class of each case-report individual.
    """

    release_id: str
    parents: dict[str, frozenset[str]] = field(default_factory=dict)
    disjoint_groups: list[frozenset[str]] = field(default_factory=list)
    located_in: dict[str, frozenset[str]] = field(default_factory=dict)
    defined: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    texts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    individual_types: dict[str, str] = field(default_factory=dict)
    level_region: dict[str, str] = field(default_factory=dict)
    level_index: dict[str, int] = field(default_factory=dict)
    frequency_rank: dict[str, int] = field(default_factory=dict)
    region_class: dict[str, str] = field(default_factory=dict)
    age_ranges: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    grouping_classes: frozenset[str] = frozenset()
    case_types: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._children: dict[str, set[str]] = defaultdict(set)
        for child, parents in self.parents.items():
            for parent in parents:
                self._children[parent].add(child)
        self._disjoint_with: dict[str, set[str]] = defaultdict(set)
        for group in self.disjoint_groups:
            for member in group:
                self._disjoint_with[member] |= group - {member}
        self._ancestors: dict[str, frozenset[str]] = {}
        self._descendants: dict[str, frozenset[str]] = {}

    def ancestors(self, term: str) -> frozenset[str]:
        """Every superclass of ``term``, transitively, without ``term`` itself."""
        if term not in self._ancestors:
            self._ancestors[term] = self._closure(term, self.parents)
        return self._ancestors[term]

    def descendants(self, term: str) -> frozenset[str]:
        """Every subclass of ``term``, transitively, without ``term`` itself."""
        if term not in self._descendants:
            self._descendants[term] = self._closure(term, self._children)
        return self._descendants[term]

    def disjoint_with(self, term: str) -> set[str]:
        """The terms declared disjoint with ``term`` itself (not with its superclasses)."""
        return self._disjoint_with.get(term, set())

    def is_a(self, term: str, ancestor: str) -> bool:
        """True when ``term`` is ``ancestor`` or one of its subclasses."""
        return term == ancestor or ancestor in self.ancestors(term)

    def related(self, first: str, second: str) -> bool:
        """True when one term subsumes the other (or they are the same)."""
        return self.is_a(first, second) or self.is_a(second, first)

    def label(self, term: str) -> str:
        """The term's label, else its local name."""
        return self.labels.get(term) or local_name(term)

    def case_class(self, individual: str) -> str | None:
        """The asserted class of a case-report individual, or None for anything else."""
        return self.case_types.get(individual)

    @staticmethod
    def _closure(term: str, edges) -> frozenset[str]:
        seen: set[str] = set()
        frontier = list(edges.get(term, ()))
        while frontier:
            current = frontier.pop()
            if current not in seen:
                seen.add(current)
                frontier.extend(edges.get(current, ()))
        seen.discard(term)
        return frozenset(seen)


def local_name(term: str) -> str:
    """The part of an IRI after the SpineKG ontology namespace (or after its last ``/``)."""
    if term.startswith(SK_BASE):
        return term[len(SK_BASE) :]
    return term.rstrip("/").rsplit("/", 1)[-1]


def case_document(individual: str) -> str | None:
    """The document id of a case individual ``skr:case/<doc>/<id>``, or None."""
    if not individual.startswith(CASE_BASE):
        return None
    return individual[len(CASE_BASE) :].split("/", 1)[0]


def load_context(select: Select, release_id: str) -> Context:
    """Read the per-release context with eight SELECT queries."""
    parents: dict[str, set[str]] = defaultdict(set)
    for row in select(_HIERARCHY):
        parents[row["c"]].add(row["sup"])
    groups: dict[str, set[str]] = defaultdict(set)
    for row in select(_DISJOINT):
        groups[row["group"]].add(row["member"])
    located: dict[str, set[str]] = defaultdict(set)
    for row in select(_LOCATION_RESTRICTIONS):
        located[row["c"]].add(row["site"])
    labels, definitions, texts = _read_texts(select(_TEXTS))
    context = Context(
        release_id=release_id,
        parents={term: frozenset(values) for term, values in parents.items()},
        disjoint_groups=[frozenset(members) for members in groups.values() if len(members) > 1],
        located_in={term: frozenset(sites) for term, sites in located.items()},
        defined=frozenset(row["c"] for row in select(_DEFINED_CLASSES)),
        labels=labels,
        definitions=definitions,
        texts=texts,
    )
    _read_individuals(context, select(_INDIVIDUALS))
    _read_differential_annotations(context, select(_DIFFERENTIAL_ANNOTATIONS))
    context.case_types.update(_asserted_case_types(context, select(_CASE_TYPES)))
    return context


def _read_texts(rows: Iterable[dict[str, str]]):
    labels: dict[str, str] = {}
    definitions: dict[str, str] = {}
    texts: dict[str, list[str]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r["term"], r["property"], r["text"])):
        term, prop, text = row["term"], row["property"], row["text"]
        if prop == RDFS + "label":
            labels.setdefault(term, text)
            texts[term].insert(0, text)
        elif prop == SKOS + "definition":
            definitions.setdefault(term, text)
        else:
            texts[term].append(text)
    return labels, definitions, {term: tuple(values) for term, values in texts.items()}


def _read_individuals(context: Context, rows: Iterable[dict[str, str]]) -> None:
    for row in rows:
        individual, type_iri = row["x"], row["type"]
        if type_iri == str(SK.FrequencyLevel):
            if "rank" in row:
                context.frequency_rank[individual] = int(row["rank"])
            continue
        context.individual_types[individual] = type_iri
        if "region" in row:
            context.level_region[individual] = row["region"]
        if "index" in row:
            context.level_index[individual] = int(row["index"])


def _read_differential_annotations(context: Context, rows: Iterable[dict[str, str]]) -> None:
    """Store the region classes, age ranges and grouping classes the ontology annotates."""
    region_class: dict[str, str] = {}
    minimum: dict[str, int] = {}
    maximum: dict[str, int] = {}
    grouping: set[str] = set()
    for row in rows:
        term, prop, value = row["term"], row["property"], row["value"]
        if prop == SK_BASE + "regionClass":
            region_class[term] = value
        elif prop == SK_BASE + "minimumAgeYears":
            minimum[term] = int(value)
        elif prop == SK_BASE + "maximumAgeYears":
            maximum[term] = int(value)
        elif prop == SK_BASE + "groupingClass" and value in ("true", "1"):
            grouping.add(term)
    context.region_class = dict(
        sorted(region_class.items(), key=lambda item: _region_order(context, item[0]))
    )
    context.age_ranges = {
        group: (minimum.get(group, 0), maximum.get(group))
        for group in sorted(minimum.keys() | maximum.keys())
    }
    context.grouping_classes = frozenset(grouping)


def _region_order(context: Context, region: str) -> tuple[int, str]:
    """Sort key of a spinal region: the index of its most cranial level, then its IRI."""
    indexes = [
        context.level_index[level]
        for level, level_region in context.level_region.items()
        if level_region == region and level in context.level_index
    ]
    return (min(indexes, default=len(context.level_index) + 1), region)


def _asserted_case_types(context: Context, rows: Iterable[dict[str, str]]) -> dict[str, str]:
    """The most specific asserted class of each case individual."""
    types: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        types[row["case"]].add(row["type"])
    chosen = {}
    for individual, classes in types.items():
        specific = [
            c
            for c in classes
            if not any(other != c and context.is_a(other, c) for other in classes)
        ]
        chosen[individual] = sorted(specific)[0]
    return chosen


# --------------------------------------------------------------------------------------------
# Per-question reads: statements by object or subject, and the evidence of shown statements
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementRecord:
    """One statement node with the parts the scoring reads.

    ``hedge``, ``modalities`` and ``discriminators`` are read only when asked for (``details``):
    the scoring needs the normalised frequency, not the words, and reads the words of the
    statements a result shows afterwards (:func:`statement_details`).
    """

    iri: str
    subject: str
    predicate: str
    object: str | None
    negated: bool
    frequency: str | None
    sequences: frozenset[str]
    references: frozenset[str]
    document: str | None
    hedge: str | None = None
    modalities: frozenset[str] = frozenset()
    discriminators: frozenset[str] = frozenset()

    @property
    def document_id(self) -> str | None:
        """The corpus document id the statement comes from."""
        return local_name(self.document) if self.document else None


_STATEMENT_COLUMNS = "?st ?s ?p ?o ?neg ?freq ?seq ?ref ?doc"
_DETAIL_COLUMNS = " ?hedge ?mod ?disc"
_STATEMENT_OPTIONALS = """
  OPTIONAL { ?st sk:negated ?neg }
  OPTIONAL { ?st sk:frequency ?freq }
  OPTIONAL { ?st sk:sequence ?seq }
  OPTIONAL { ?st sk:referenceTissue ?ref }
  OPTIONAL { ?st prov:wasDerivedFrom ?doc }"""
_DETAIL_OPTIONALS = """
  OPTIONAL { ?st sk:hedge ?hedge }
  OPTIONAL { ?st sk:modality ?mod }
  OPTIONAL { ?st sk:discriminator ?disc }"""


def statements_with_objects(
    select: Select, predicates: Iterable[str], objects: Iterable[str], details: bool = False
) -> list[StatementRecord]:
    """Statements whose predicate and object are among the given IRIs."""
    return statements_matching(select, by_object=(predicates, objects), details=details)


def statements_with_subjects(
    select: Select, predicates: Iterable[str], subjects: Iterable[str], details: bool = False
) -> list[StatementRecord]:
    """Statements whose predicate and subject are among the given IRIs."""
    return statements_matching(select, by_subject=(predicates, subjects), details=details)


def statements_matching(
    select: Select,
    *,
    by_object: tuple[Iterable[str], Iterable[str]] = ((), ()),
    by_subject: tuple[Iterable[str], Iterable[str]] = ((), ()),
    details: bool = False,
) -> list[StatementRecord]:
    """Statements keyed by (predicate, object) or by (predicate, subject), in one query.

    Args:
        select: runs the query.
        by_object: predicates and objects; a statement with one of each matches.
        by_subject: predicates and subjects; a statement with one of each matches.
        details: also read the hedge words, modalities and discriminators.
    """
    blocks = []
    object_predicates, objects = set(by_object[0]), set(by_object[1])
    if object_predicates and objects:
        blocks.append(
            f"{{ {values_clause('p', object_predicates)} {values_clause('o', objects)}\n"
            "    ?st rdf:object ?o ; rdf:predicate ?p ; rdf:subject ?s . }"
        )
    subject_predicates, subjects = set(by_subject[0]), set(by_subject[1])
    if subject_predicates and subjects:
        blocks.append(
            f"{{ {values_clause('p', subject_predicates)} {values_clause('s', subjects)}\n"
            "    ?st rdf:subject ?s ; rdf:predicate ?p . OPTIONAL { ?st rdf:object ?o } }"
        )
    if not blocks:
        return []
    columns = _STATEMENT_COLUMNS + (_DETAIL_COLUMNS if details else "")
    optionals = _STATEMENT_OPTIONALS + (_DETAIL_OPTIONALS if details else "")
    query = f"""{PREFIXES}
SELECT {columns} WHERE {{
  {" UNION ".join(blocks)}{optionals}
}}"""
    return _records(select(query))


def statement_details(
    select: Select, statements: Iterable[str]
) -> dict[str, tuple[str | None, frozenset[str]]]:
    """The hedge words and modalities of each statement (those a result shows)."""
    statements = set(statements)
    if not statements:
        return {}
    query = f"""{PREFIXES}
SELECT ?st ?hedge ?mod WHERE {{
  {values_clause("st", statements)}
  OPTIONAL {{ ?st sk:hedge ?hedge }}
  OPTIONAL {{ ?st sk:modality ?mod }}
}}"""
    hedges: dict[str, str | None] = {}
    modalities: dict[str, set[str]] = defaultdict(set)
    for row in select(query):
        hedges.setdefault(row["st"], row.get("hedge"))
        if "mod" in row:
            modalities[row["st"]].add(row["mod"])
    return {st: (hedges[st], frozenset(modalities[st])) for st in hedges}


def _records(rows: Sequence[dict[str, str]]) -> list[StatementRecord]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        grouped[row["st"]].append(row)
    return [_record(iri, group) for iri, group in sorted(grouped.items())]


def _record(iri: str, rows: list[dict[str, str]]) -> StatementRecord:
    first = rows[0]

    def collected(name: str) -> frozenset[str]:
        return frozenset(row[name] for row in rows if name in row)

    return StatementRecord(
        iri=iri,
        subject=first["s"],
        predicate=first["p"],
        object=first.get("o"),
        negated=any(row.get("neg") == "true" for row in rows),
        frequency=first.get("freq"),
        hedge=first.get("hedge"),
        sequences=collected("seq"),
        modalities=collected("mod"),
        references=collected("ref"),
        discriminators=collected("disc"),
        document=first.get("doc"),
    )


@dataclass(frozen=True)
class Quote:
    """The quoted evidence of a statement: the span, its sentence and where it is."""

    text: str
    sentence: str | None
    document: str
    document_title: str | None
    start: int | None
    end: int | None

    @property
    def fragment(self) -> str | None:
        """The document page's URL fragment that selects the span (``s<start>-<end>``)."""
        if self.start is None or self.end is None:
            return None
        return f"s{self.start}-{self.end}"


_EVIDENCE = (
    PREFIXES
    + """
SELECT ?st ?quote ?exact ?sentence ?doc ?title ?start ?end WHERE {
  %s
  ?st sk:evidence ?ev .
  ?ev oa:hasTarget ?target .
  OPTIONAL { ?ev sk:normalisedQuote ?quote }
  OPTIONAL { ?target oa:hasSource ?doc }
  OPTIONAL { ?target oa:hasSelector ?position . ?position oa:start ?start ; oa:end ?end }
  OPTIONAL { ?target oa:hasSelector ?selector . ?selector oa:exact ?exact }
  OPTIONAL { ?ev sk:inSentence ?sentenceNode . ?sentenceNode rdf:value ?sentence }
  OPTIONAL { ?target oa:hasSource ?source . ?source dcterms:title ?title }
}"""
)


def evidence_for(select: Select, statements: Iterable[str]) -> dict[str, tuple[Quote, ...]]:
    """The quotes of each statement, in document order."""
    statements = set(statements)
    if not statements:
        return {}
    found: dict[str, set[Quote]] = defaultdict(set)
    for row in select(_EVIDENCE % values_clause("st", statements)):
        text = row.get("quote") or row.get("exact")
        if not text:
            continue
        found[row["st"]].add(
            Quote(
                text=" ".join(text.split()),
                sentence=" ".join(row["sentence"].split()) if "sentence" in row else None,
                document=row.get("doc", ""),
                document_title=row.get("title"),
                start=int(row["start"]) if "start" in row else None,
                end=int(row["end"]) if "end" in row else None,
            )
        )
    return {
        statement: tuple(sorted(quotes, key=lambda q: (q.document, q.start or 0, q.text)))
        for statement, quotes in found.items()
    }
