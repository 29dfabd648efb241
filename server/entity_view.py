"""Read what an entity page shows from the store: description, hierarchy, statements, evidence.

An entity page (modelled on the EBI Ontology Lookup Service's term pages and Wikidata's item
pages) shows one IRI's labels, definition, synonyms, external identifiers, its place in the class
hierarchy, the statements about it grouped by relation (each with its qualifiers, hedge,
negation and quoted evidence), and what points at it. For a lesion type it adds a profile: where
it occurs, how it looks on each sequence and modality, its signs, differential, treatments and
the case-report lesions of that type. Every piece is read with SPARQL through
:mod:`server.page_queries`; nothing here renders HTML.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph

from kg.namespaces import INFERENCES_GRAPH, OA, OBOINOWL, SK, SKR
from server.page_queries import Row, Term, iri, select

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"

RDF_TYPE = RDF + "type"
SUBCLASS_OF = RDFS + "subClassOf"
CASE_PREFIX = str(SKR["case/"])
STATEMENT_PREFIX = str(SKR["statement/"])

PREFIXES = f"""PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX owl: <{OWL}>
PREFIX sk: <{SK}>
PREFIX oa: <{OA}>
PREFIX prov: <{PROV}>
"""

#: Properties shown in the page's header block, in this order, rather than in the property table.
LABEL_PROPERTIES = (RDFS + "label", SKOS + "prefLabel")
DEFINITION_PROPERTIES = (
    SKOS + "definition",
    DCTERMS + "description",
    RDFS + "comment",
)
SYNONYM_PROPERTIES = {
    str(OBOINOWL.hasExactSynonym): "exact",
    SKOS + "altLabel": "exact",
    str(OBOINOWL.hasRelatedSynonym): "related",
}
ABBREVIATION_PROPERTY = str(SK.abbreviation)
#: Mapping properties, each with the word the page uses for it.
MAPPING_PROPERTIES = {
    SKOS + "exactMatch": "exact match",
    SKOS + "closeMatch": "close match",
    SKOS + "broadMatch": "broader match",
    SKOS + "narrowMatch": "narrower match",
    SKOS + "relatedMatch": "related match",
    OWL + "sameAs": "same as",
    OWL + "equivalentClass": "equivalent class",
    str(OBOINOWL.hasDbXref): "cross-reference",
}
HEADER_PROPERTIES = frozenset(
    {
        *LABEL_PROPERTIES,
        *DEFINITION_PROPERTIES,
        *SYNONYM_PROPERTIES,
        ABBREVIATION_PROPERTY,
        *MAPPING_PROPERTIES,
        RDF_TYPE,
        SUBCLASS_OF,
    }
)

#: Statement-node properties that are the statement itself, not qualifiers.
STATEMENT_CORE = frozenset(
    {
        RDF_TYPE,
        RDF + "subject",
        RDF + "predicate",
        RDF + "object",
        str(SK.value),
        str(SK.valueMax),
        str(SK.unit),
        str(SK.textValue),
        str(SK.hedge),
        str(SK.frequency),
        str(SK.negated),
        str(SK.statementKind),
        str(SK.method),
        str(SK.curationId),
        str(SK.confidence),
        str(SK.evidence),
        PROV + "wasDerivedFrom",
        PROV + "wasGeneratedBy",
    }
)

#: How the lesion profile sorts a lesion's statements: section -> predicates (local names).
PROFILE_PREDICATES = {
    "location": ("locatedIn", "canInvolve", "extendsInto", "atLevel", "inRegion"),
    "imaging": ("hasSignal", "hasEnhancement", "hasDensity", "hasImagingFinding"),
    "signs": ("showsSign",),
    "differential": ("hasDifferential", "distinguishedFrom", "mimics"),
    "treatments": ("treatedWith",),
}
#: Columns of the sequence x appearance table, in order.
IMAGING_COLUMNS = (
    (str(SK.hasSignal), "signal"),
    (str(SK.hasDensity), "density"),
    (str(SK.hasEnhancement), "enhancement"),
    (str(SK.hasImagingFinding), "finding"),
)
#: Most statements listed with the entity in roles other than subject and object (qualifier,
#: frequency, method ...); the page gives the full count.
MAX_STATEMENTS_IN_OTHER_ROLES = 60
#: Most triples read that point at an entity (statement roles and other links together).
MAX_INCOMING_TRIPLES = 5000
#: Timeline position of statements without an ``sk:order`` qualifier: after the ordered ones.
TIMELESS = 1 << 30


@dataclass(frozen=True)
class Evidence:
    """One quoted span that states a statement."""

    document: str
    start: int
    end: int
    exact: str
    quote: str
    section: str | None

    @property
    def fragment(self) -> str:
        """The URL fragment that selects this span on the document page."""
        return f"s{self.start}-{self.end}"


@dataclass
class StatementView:
    """A statement node and everything the page shows about it."""

    iri: str
    subject: str | None = None
    predicate: str | None = None
    object: Term | None = None
    value: str | None = None
    value_max: str | None = None
    unit: str | None = None
    text: str | None = None
    hedge: str | None = None
    frequency: str | None = None
    negated: bool = False
    kind: str | None = None
    method: str | None = None
    curation_id: str | None = None
    document: str | None = None
    qualifiers: list[tuple[str, Term]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The element id of the statement on an entity page."""
        return "st-" + self.iri.rsplit("statement/", 1)[-1].replace("/", "-")

    def qualifier(self, prop: str) -> list[Term]:
        """The values of one qualifier."""
        return [value for name, value in self.qualifiers if name == prop]

    def sort_key(self) -> tuple:
        """Order statements by document, then by their place in a case timeline, then by id.

        Curation ids sort by their number (``S9`` before ``S10``).
        """
        order = self.qualifier(str(SK.order))
        position = int(order[0].value) if order and order[0].value.isdigit() else TIMELESS
        number = re.sub(r"\D", "", self.curation_id or "")
        identifier = self.curation_id or self.iri
        return (self.document or "", position, int(number) if number else 0, identifier)


@dataclass
class HierarchyNode:
    """A class in the hierarchy tree shown on a page."""

    iri: str
    children: list[HierarchyNode] = field(default_factory=list)
    is_focus: bool = False
    has_more: bool = False
    repeated: bool = False


@dataclass
class LesionProfile:
    """What a radiologist looks up first about a lesion type."""

    location: list[StatementView] = field(default_factory=list)
    imaging_rows: list[tuple[Term | None, dict[str, list[StatementView]]]] = field(
        default_factory=list
    )
    imaging_columns: list[tuple[str, str]] = field(default_factory=list)
    signs: list[StatementView] = field(default_factory=list)
    differential: list[tuple[str, StatementView]] = field(default_factory=list)
    treatments: list[StatementView] = field(default_factory=list)
    cases: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """True when nothing of the profile is known."""
        return not (
            self.location
            or self.imaging_rows
            or self.signs
            or self.differential
            or self.treatments
            or self.cases
        )


@dataclass
class EntityView:
    """Everything an entity page shows."""

    iri: str
    types: list[tuple[str, bool]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    synonyms: list[tuple[str, str]] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    mappings: list[tuple[str, str]] = field(default_factory=list)
    parents: list[tuple[str, bool]] = field(default_factory=list)
    other_properties: list[tuple[str, Term, bool]] = field(default_factory=list)
    hierarchy: list[HierarchyNode] = field(default_factory=list)
    statements: dict[str, list[StatementView]] = field(default_factory=dict)
    incoming_statements: dict[str, list[StatementView]] = field(default_factory=dict)
    qualifier_statements: dict[str, list[StatementView]] = field(default_factory=dict)
    role_counts: dict[str, int] = field(default_factory=dict)
    incoming_triples: dict[str, list[str]] = field(default_factory=dict)
    statement: StatementView | None = None
    profile: LesionProfile | None = None

    @property
    def exists(self) -> bool:
        """True when the store says anything about the IRI."""
        return bool(
            self.types
            or self.labels
            or self.other_properties
            or self.statements
            or self.incoming_statements
            or self.qualifier_statements
            or self.incoming_triples
            or self.parents
            or self.statement
        )

    def has_type(self, type_iri: str) -> bool:
        """True when the entity is asserted or inferred to have this type."""
        return any(t == type_iri for t, _ in self.types)

    @property
    def is_class(self) -> bool:
        """True for an OWL class."""
        return self.has_type(OWL + "Class")

    @property
    def is_property(self) -> bool:
        """True for an object, datatype or annotation property."""
        return any(
            self.has_type(OWL + kind)
            for kind in ("ObjectProperty", "DatatypeProperty", "AnnotationProperty")
        )

    @property
    def is_case(self) -> bool:
        """True for an individual of a case report."""
        return self.iri.startswith(CASE_PREFIX)


def read_entity(entity: str) -> EntityView:
    """Read everything the page of ``entity`` shows.

    Raises:
        ValueError: if ``entity`` is not usable as an IRI.
        server.errors.SparqlRequestError: when a query is refused or times out.
    """
    ref = iri(entity)
    view = EntityView(entity)
    _read_description(view, select(f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ {ref} ?p ?o }} }}"))
    if view.has_type(str(SK.Statement)):
        found = read_statements(f"VALUES ?st {{ {ref} }}")
        view.statement = found[0] if found else None
    _read_statements_about(view, ref)
    _drop_stated_triples(view)
    if view.is_class or view.types:
        view.hierarchy = read_hierarchy(view)
    if view.is_class and str(SK.Disorder) in _nodes_of(view.hierarchy):
        view.profile = lesion_profile(view, ref)
    return view


def _read_description(view: EntityView, rows: list[Row]) -> None:
    """Sort the entity's own triples into the header fields and the property table.

    A triple found in several graphs is shown once, marked inferred only when every copy of it
    is in the inferences graph.
    """
    inferred_graph = str(INFERENCES_GRAPH)
    found: dict[tuple[str, str], tuple[str, Term, bool]] = {}
    for row in rows:
        prop, obj = row["p"].value, row["o"]
        key = (prop, _term_key(obj))
        inferred = row["g"].value == inferred_graph
        if key in found:
            inferred = inferred and found[key][2]
        found[key] = (prop, obj, inferred)
    for prop, obj, inferred in found.values():
        _place(view, prop, obj, inferred)
    view.synonyms.sort(key=lambda pair: (pair[1] != "exact", pair[0].casefold()))
    view.abbreviations.sort()
    view.types.sort(key=lambda pair: (pair[1], pair[0]))
    view.parents.sort(key=lambda pair: (pair[1], pair[0]))
    view.other_properties.sort(key=lambda item: (item[0], _term_key(item[1])))


def _place(view: EntityView, prop: str, obj: Term, inferred: bool) -> None:
    """Put one triple of the entity into the field of the page that shows it."""
    text = obj.value
    if prop in LABEL_PROPERTIES and isinstance(obj, pyoxigraph.Literal):
        view.labels.append(text)
    elif prop in DEFINITION_PROPERTIES and isinstance(obj, pyoxigraph.Literal):
        view.definitions.append(text)
    elif prop in SYNONYM_PROPERTIES:
        view.synonyms.append((text, SYNONYM_PROPERTIES[prop]))
    elif prop == ABBREVIATION_PROPERTY:
        view.abbreviations.append(text)
    elif prop in MAPPING_PROPERTIES and isinstance(obj, pyoxigraph.NamedNode):
        view.mappings.append((MAPPING_PROPERTIES[prop], text))
    elif prop == RDF_TYPE and isinstance(obj, pyoxigraph.NamedNode):
        view.types.append((text, inferred))
    elif prop == SUBCLASS_OF and isinstance(obj, pyoxigraph.NamedNode):
        view.parents.append((text, inferred))
    elif prop not in HEADER_PROPERTIES and not isinstance(obj, pyoxigraph.BlankNode):
        view.other_properties.append((prop, obj, inferred))


def _term_key(term: Term) -> str:
    return f"{type(term).__name__}:{term.value}"


# --------------------------------------------------------------------------------------------
# Statements and their evidence
# --------------------------------------------------------------------------------------------


def read_statements(pattern: str) -> list[StatementView]:
    """Read the statements a graph pattern binds to ``?st``, with qualifiers and evidence.

    One query answers both: rows binding ``?p`` are the statement's own properties, rows binding
    ``?doc`` its evidence spans.

    Args:
        pattern: a SPARQL group body that binds ``?st`` to statement nodes.
    """
    statements: dict[str, StatementView] = {}
    for row in select(_statements_query(pattern)):
        view = statements.setdefault(row["st"].value, StatementView(row["st"].value))
        if "p" in row:
            _fill_statement(view, row["p"].value, row["o"])
        elif "doc" in row:
            view.evidence.append(_evidence_of(row))
    for view in statements.values():
        view.evidence.sort(key=lambda ev: (ev.document, ev.start))
        view.qualifiers.sort(key=lambda pair: (pair[0], _term_key(pair[1])))
    return sorted(
        (view for view in statements.values() if view.predicate), key=StatementView.sort_key
    )


def _statements_query(pattern: str) -> str:
    return f"""{PREFIXES}
SELECT ?st ?p ?o ?doc ?start ?end ?exact ?quote ?section WHERE {{
  {{ {pattern} }}
  {{ ?st ?p ?o }}
  UNION {{
    ?st sk:evidence ?ev .
    ?ev oa:hasTarget ?target .
    ?target oa:hasSource ?doc ; oa:hasSelector ?position, ?quoteSelector .
    ?position oa:start ?start ; oa:end ?end .
    ?quoteSelector oa:exact ?exact .
    OPTIONAL {{ ?ev sk:normalisedQuote ?quote }}
    OPTIONAL {{ ?ev sk:inSection ?section }}
  }}
}}"""


def _evidence_of(row: Row) -> Evidence:
    return Evidence(
        document=row["doc"].value,
        start=int(row["start"].value),
        end=int(row["end"].value),
        exact=row["exact"].value,
        quote=row["quote"].value if "quote" in row else row["exact"].value,
        section=row["section"].value if "section" in row else None,
    )


def _fill_statement(view: StatementView, prop: str, obj: Term) -> None:
    """Set one property of a statement view."""
    simple = {
        RDF + "subject": "subject",
        RDF + "predicate": "predicate",
        str(SK.value): "value",
        str(SK.valueMax): "value_max",
        str(SK.unit): "unit",
        str(SK.textValue): "text",
        str(SK.hedge): "hedge",
        str(SK.frequency): "frequency",
        str(SK.statementKind): "kind",
        str(SK.method): "method",
        str(SK.curationId): "curation_id",
        PROV + "wasDerivedFrom": "document",
    }
    if prop == RDF + "object":
        view.object = obj
    elif prop in simple:
        setattr(view, simple[prop], obj.value)
    elif prop == str(SK.negated):
        view.negated = obj.value in ("true", "1")
    elif prop not in STATEMENT_CORE:
        view.qualifiers.append((prop, obj))


def _read_statements_about(view: EntityView, ref: str) -> None:
    """Read everything that points at the entity, then the statements it takes part in.

    One query finds every triple with the entity as object: from statement nodes these are the
    entity's roles (subject, object, a qualifier, a frequency ...), counted per role; from
    anything else they are the "what points here" links. A second query reads the statements
    with the entity as subject or object, and the first of the statements in other roles.
    """
    role_members: dict[str, list[str]] = defaultdict(list)
    for row in select(f"SELECT ?s ?p WHERE {{ ?s ?p {ref} }} LIMIT {MAX_INCOMING_TRIPLES}"):
        subject, prop = row["s"], row["p"].value
        if not isinstance(subject, pyoxigraph.NamedNode) or prop == SUBCLASS_OF:
            continue
        if _is_statement_node(subject.value):
            if prop != RDF_TYPE:
                role_members[prop].append(subject.value)
        elif not subject.value.startswith(STATEMENT_PREFIX):
            view.incoming_triples.setdefault(prop, []).append(subject.value)
    view.role_counts = {role: len(set(members)) for role, members in role_members.items()}
    other_roles = [role for role in role_members if role not in (RDF + "subject", RDF + "object")]
    others = sorted({node for role in other_roles for node in role_members[role]})[
        :MAX_STATEMENTS_IN_OTHER_ROLES
    ]
    patterns = [f"{{ ?st rdf:subject {ref} }}", f"{{ ?st rdf:object {ref} }}"]
    if others:
        patterns.append("{ VALUES ?st { " + " ".join(iri(node) for node in others) + " } }")
    if not role_members:
        return
    for statement in read_statements(" UNION ".join(patterns)):
        if statement.subject == view.iri:
            view.statements.setdefault(statement.predicate or "", []).append(statement)
        if (
            isinstance(statement.object, pyoxigraph.NamedNode)
            and statement.object.value == view.iri
        ):
            view.incoming_statements.setdefault(statement.predicate or "", []).append(statement)
        for role in other_roles:
            if any(value.value == view.iri for value in _role_values(statement, role)):
                view.qualifier_statements.setdefault(role, []).append(statement)
    for subjects in view.incoming_triples.values():
        subjects.sort()


def _is_statement_node(node: str) -> bool:
    """True for ``skr:statement/<document>/<id>``, not for its evidence nodes below it."""
    return node.startswith(STATEMENT_PREFIX) and node[len(STATEMENT_PREFIX) :].count("/") == 1


def _role_values(statement: StatementView, role: str) -> list[Term]:
    """The values a statement holds for a property, whether qualifier or core."""
    core = {
        RDF + "predicate": statement.predicate,
        str(SK.frequency): statement.frequency,
        str(SK.statementKind): statement.kind,
        str(SK.method): statement.method,
        PROV + "wasDerivedFrom": statement.document,
    }
    if role in core:
        return [pyoxigraph.NamedNode(core[role])] if core[role] else []
    return statement.qualifier(role)


def _drop_stated_triples(view: EntityView) -> None:
    """Leave out the direct triples that a listed statement states, so each fact shows once."""
    outgoing = [s for group in view.statements.values() for s in group if not s.negated]
    stated = {(s.predicate, _object_text(s)) for s in outgoing}
    view.other_properties = [
        item for item in view.other_properties if (item[0], item[1].value) not in stated
    ]
    pointing = {
        (s.subject, s.predicate)
        for group in view.incoming_statements.values()
        for s in group
        if not s.negated
    }
    for prop in list(view.incoming_triples):
        kept = [
            subject for subject in view.incoming_triples[prop] if (subject, prop) not in pointing
        ]
        if kept:
            view.incoming_triples[prop] = kept
        else:
            del view.incoming_triples[prop]


def _object_text(statement: StatementView) -> str | None:
    """The lexical form of what a statement's direct triple points at."""
    if statement.object is not None:
        return statement.object.value
    return statement.value if statement.value is not None else statement.text


# --------------------------------------------------------------------------------------------
# Hierarchy
# --------------------------------------------------------------------------------------------


def read_hierarchy(view: EntityView) -> list[HierarchyNode]:
    """The asserted class hierarchy above the entity (or its types) and one level below.

    A class with several parents appears under each, as in the Ontology Lookup Service's tree.
    Subclass links of the inferences graph are left out of the tree (the page lists inferred
    parents separately), as are anonymous superclasses (restrictions). One query reads both
    directions: ``?child ?parent`` links above, and the entity's subclasses (``?isChild``) with
    one of their own subclasses (``?grandchild``) when they have any.
    """
    starts = [view.iri] if view.is_class else [t for t, _ in view.types if not t.startswith(OWL)]
    if not starts:
        return []
    values = " ".join(iri(start) for start in starts)
    below = (
        f"""UNION {{
    GRAPH ?g {{ ?child rdfs:subClassOf {iri(view.iri)} }}
    BIND(true AS ?isChild)
    OPTIONAL {{ ?grandchild rdfs:subClassOf ?child }}
  }}"""
        if view.is_class
        else ""
    )
    rows = select(
        f"""{PREFIXES} SELECT DISTINCT ?child ?parent ?g ?isChild ?grandchild WHERE {{
  {{
    VALUES ?start {{ {values} }}
    ?start rdfs:subClassOf* ?child .
    GRAPH ?g {{ ?child rdfs:subClassOf ?parent }}
  }}
  {below}
}}"""
    )
    inferences = str(INFERENCES_GRAPH)
    parents: dict[str, set[str]] = defaultdict(set)
    children: dict[str, bool] = {}
    for row in rows:
        child = row["child"]
        if (
            row["g"].value == inferences
            or not isinstance(child, pyoxigraph.NamedNode)
            or child.value == view.iri
            and "isChild" in row
        ):
            continue
        if "isChild" in row:
            grandchild = row.get("grandchild")
            has_more = (
                isinstance(grandchild, pyoxigraph.NamedNode) and grandchild.value != child.value
            )
            children[child.value] = children.get(child.value, False) or has_more
        elif isinstance(row["parent"], pyoxigraph.NamedNode) and row["parent"].value != child.value:
            parents[child.value].add(row["parent"].value)
    return _build_tree(starts, parents, view.iri, children)


def _build_tree(
    starts: list[str], parents: dict[str, set[str]], focus: str, children: dict[str, bool]
) -> list[HierarchyNode]:
    """Turn child -> parent links into trees from the roots down to the start classes.

    With several parents a class is reached more than once; it is expanded the first time and
    shown as a repeat (without its subtree) afterwards, so the tree stays short.
    """
    above: set[str] = set(starts)
    frontier = list(starts)
    while frontier:
        node = frontier.pop()
        for parent in parents.get(node, ()):
            if parent not in above:
                above.add(parent)
                frontier.append(parent)
    below: dict[str, list[str]] = defaultdict(list)
    for child in above:
        for parent in parents.get(child, ()):
            below[parent].append(child)
    roots = sorted(node for node in above if not parents.get(node))
    expanded: set[str] = set()

    def grow(node: str) -> HierarchyNode:
        tree = HierarchyNode(node, is_focus=node == focus)
        if node in expanded:
            tree.repeated = True
            return tree
        expanded.add(node)
        for child in sorted(below.get(node, ())):
            tree.children.append(grow(child))
        if node == focus:
            tree.children.extend(
                HierarchyNode(child, has_more=more) for child, more in sorted(children.items())
            )
        return tree

    return [grow(root) for root in roots]


def _nodes_of(trees: list[HierarchyNode]) -> set[str]:
    """Every class named in a hierarchy tree."""
    names: set[str] = set()
    stack = list(trees)
    while stack:
        node = stack.pop()
        names.add(node.iri)
        stack.extend(node.children)
    return names


# --------------------------------------------------------------------------------------------
# Lesion profile
# --------------------------------------------------------------------------------------------


def lesion_profile(view: EntityView, ref: str) -> LesionProfile:
    """Sort a lesion type's statements into the profile sections and find its case lesions."""
    profile = LesionProfile()
    outgoing = [statement for group in view.statements.values() for statement in group]
    by_section = {
        section: {str(SK[name]) for name in names} for section, names in PROFILE_PREDICATES.items()
    }
    profile.location = [s for s in outgoing if s.predicate in by_section["location"]]
    profile.signs = [s for s in outgoing if s.predicate in by_section["signs"]]
    profile.treatments = [s for s in outgoing if s.predicate in by_section["treatments"]]
    profile.differential = [
        (_other_side(s, view.iri), s)
        for s in outgoing + [s for group in view.incoming_statements.values() for s in group]
        if s.predicate in by_section["differential"] and _other_side(s, view.iri)
    ]
    imaging = [s for s in outgoing if s.predicate in by_section["imaging"]]
    profile.imaging_columns, profile.imaging_rows = _imaging_table(imaging)
    profile.cases = _case_lesions(ref)
    return profile


def _other_side(statement: StatementView, entity: str) -> str | None:
    """For a differential statement, the entity on the other side from ``entity``."""
    if statement.subject == entity and isinstance(statement.object, pyoxigraph.NamedNode):
        return statement.object.value
    if statement.subject != entity:
        return statement.subject
    return None


def _imaging_table(
    statements: list[StatementView],
) -> tuple[list[tuple[str, str]], list[tuple[Term | None, dict[str, list[StatementView]]]]]:
    """Arrange imaging statements as rows (sequence or modality) by columns (signal ...)."""
    rows: dict[str, tuple[Term | None, dict[str, list[StatementView]]]] = {}
    for statement in statements:
        where = (
            statement.qualifier(str(SK.sequence)) or statement.qualifier(str(SK.modality)) or [None]
        )
        for term in where:
            key = term.value if term is not None else ""
            cells = rows.setdefault(key, (term, defaultdict(list)))[1]
            cells[statement.predicate].append(statement)
    used = {column for _, cells in rows.values() for column in cells}
    columns = [(prop, name) for prop, name in IMAGING_COLUMNS if prop in used]
    ordered = sorted(rows.items(), key=lambda item: (item[0] == "", item[0]))
    return columns, [row for _, row in ordered]


def _case_lesions(ref: str) -> list[tuple[str, str, str]]:
    """Case-report individuals whose type is the class or one of its subclasses."""
    rows = select(
        f"""{PREFIXES} SELECT DISTINCT ?case ?type ?doc WHERE {{
  ?type rdfs:subClassOf* {ref} .
  ?case a ?type ; prov:wasDerivedFrom ?doc .
}} ORDER BY ?case"""
    )
    cases: dict[str, tuple[str, str, str]] = {}
    for row in rows:
        case = row["case"].value
        if not case.startswith(CASE_PREFIX):
            continue
        if case not in cases or row["type"].value == ref.strip("<>"):
            cases[case] = (case, row["type"].value, row["doc"].value)
    return list(cases.values())
