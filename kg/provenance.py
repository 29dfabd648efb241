"""Write documents, statements and their evidence as RDF: the two-layer statement model.

For every statement: a direct triple (``subject predicate object``) for simple querying, unless the
statement is negated; and a statement node (``sk:Statement``) with ``rdf:subject``/``rdf:predicate``/
``rdf:object`` (or ``sk:value``), its qualifiers and its references. Each reference is a W3C Web
Annotation (https://www.w3.org/TR/annotation-model/) whose target selects the quoted span with a
``oa:TextPositionSelector`` (offsets into the original file) and a ``oa:TextQuoteSelector`` (the exact
original text, with a little context).
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from kg.curation import Evidence, Individual, Statement
from kg.documents import Document
from kg.hedges import normalise_hedge
from kg.namespaces import (
    OA,
    SK,
    bind_prefixes,
    document_iri,
    section_iri,
    sentence_iri,
    statement_iri,
)

QUOTE_CONTEXT = 32


def document_triples(graph: Graph, document: Document) -> None:
    """Describe a document, its sections and its sentences."""
    doc = document_iri(document.doc_id)
    meta = document.metadata
    graph.add((doc, RDF.type, SK.Document))
    graph.add((doc, RDFS.label, Literal(meta.get("title", document.doc_id))))
    graph.add((doc, DCTERMS.title, Literal(meta.get("title", document.doc_id))))
    if meta.get("citation"):
        graph.add((doc, DCTERMS.bibliographicCitation, Literal(meta["citation"])))
    if meta.get("kind"):
        graph.add((doc, DCTERMS.type, Literal(meta["kind"])))
    graph.add((doc, SK.fileName, Literal(meta.get("file", f"{document.doc_id}.txt"))))
    graph.add((doc, SK.sha256, Literal(meta.get("sha256", ""))))
    graph.add((doc, DCTERMS.identifier, Literal(document.doc_id)))
    graph.add((doc, SK.characterCount, Literal(len(document.original), datatype=XSD.nonNegativeInteger)))
    for section in document.sections:
        node = section_iri(document.doc_id, section.index)
        graph.add((node, RDF.type, SK.Section))
        graph.add((node, RDFS.label, Literal(section.title)))
        graph.add((node, SK.inDocument, doc))
        _offsets(graph, node, section.start, section.end)
    for sentence in document.sentences:
        node = sentence_iri(document.doc_id, sentence.index)
        graph.add((node, RDF.type, SK.Sentence))
        graph.add((node, RDF.value, Literal(sentence.text)))
        graph.add((node, SK.sentenceIndex, Literal(sentence.index, datatype=XSD.integer)))
        graph.add((node, SK.inDocument, doc))
        graph.add((node, SK.inSection, section_iri(document.doc_id, sentence.section.index)))
        _offsets(graph, node, sentence.start, sentence.end)


def _offsets(graph: Graph, node: URIRef, start: int, end: int) -> None:
    """Attach original-file offsets to a node."""
    graph.add((node, SK.startOffset, Literal(start, datatype=XSD.nonNegativeInteger)))
    graph.add((node, SK.endOffset, Literal(end, datatype=XSD.nonNegativeInteger)))


def individual_triples(graph: Graph, individual: Individual) -> None:
    """Declare a case individual as a member of its ontology class."""
    graph.add((individual.iri, RDF.type, OWL.NamedIndividual))
    graph.add((individual.iri, RDF.type, individual.type))
    graph.add((individual.iri, RDFS.label, Literal(individual.label)))
    graph.add((individual.iri, PROV.wasDerivedFrom, document_iri(individual.doc_id)))


def direct_triple(statement: Statement) -> tuple | None:
    """The plain triple a statement asserts, or None when it is negated or has no object of its predicate's kind.

    A literal (number or text) becomes a direct triple only under a datatype property, so that an
    object property never points at a literal.
    """
    if statement.negated:
        return None
    if statement.object is not None:
        return statement.subject, statement.predicate, statement.object
    if statement.literal_predicate and statement.value is not None:
        return statement.subject, statement.predicate, statement.value
    if statement.literal_predicate and statement.text:
        return statement.subject, statement.predicate, Literal(statement.text)
    return None


def statement_triples(graph: Graph, statement: Statement, document: Document) -> URIRef:
    """Write a statement node with its qualifiers and evidence; return its IRI."""
    node = statement_iri(statement.doc_id, statement.statement_id)
    graph.add((node, RDF.type, SK.Statement))
    graph.add((node, RDF.subject, statement.subject))
    graph.add((node, RDF.predicate, statement.predicate))
    if statement.object is not None:
        graph.add((node, RDF.object, statement.object))
    for prop, literal in ((SK.value, statement.value), (SK.valueMax, statement.value_max)):
        if literal is not None:
            graph.add((node, prop, literal))
    for prop, text in ((SK.unit, statement.unit), (SK.textValue, statement.text), (SK.hedge, statement.hedge)):
        if text:
            graph.add((node, prop, Literal(text)))
    frequency = normalise_hedge(statement.hedge)
    if frequency is not None:
        graph.add((node, SK.frequency, frequency))
    graph.add((node, SK.negated, Literal(statement.negated)))
    graph.add((node, SK.statementKind, _kind_iri(statement.kind)))
    graph.add((node, SK.method, statement.method))
    graph.add((node, SK.curationId, Literal(statement.statement_id)))
    if statement.confidence is not None:
        graph.add((node, SK.confidence, Literal(str(round(statement.confidence, 3)), datatype=XSD.decimal)))
    if statement.rule:
        graph.add((node, PROV.wasGeneratedBy, Literal(statement.rule)))
    if statement.decided_by:
        graph.add((node, SK.decidedBy, Literal(statement.decided_by)))
    if statement.decided_at:
        graph.add((node, SK.decidedAt, Literal(statement.decided_at, datatype=XSD.dateTime)))
    graph.add((node, PROV.wasDerivedFrom, document_iri(statement.doc_id)))
    for key, value in statement.qualifiers.items():
        graph.add((node, SK[key], value))
    for n, evidence in enumerate(statement.evidence, start=1):
        graph.add((node, SK.evidence, annotation_triples(graph, node, n, evidence, document)))
    triple = direct_triple(statement)
    if triple is not None:
        graph.add(triple)
    return node


def _kind_iri(kind: str) -> URIRef:
    """``imaging_appearance`` -> ``sk:ImagingAppearanceKind``."""
    return SK["".join(part.capitalize() for part in kind.split("_")) + "Kind"]


def annotation_triples(graph: Graph, statement: URIRef, n: int, evidence: Evidence, document: Document) -> URIRef:
    """Write the Web Annotation of one evidence span and return its IRI."""
    annotation = URIRef(f"{statement}/evidence/{n}")
    target = URIRef(f"{annotation}/target")
    position = URIRef(f"{annotation}/position")
    quote = URIRef(f"{annotation}/quote")
    doc = document_iri(evidence.doc_id)
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.motivatedBy, OA.describing))
    graph.add((annotation, OA.hasBody, statement))
    graph.add((annotation, OA.hasTarget, target))
    graph.add((annotation, SK.inSentence, sentence_iri(evidence.doc_id, evidence.sentence.index)))
    graph.add((annotation, SK.inSection, section_iri(evidence.doc_id, evidence.section.index)))
    graph.add((annotation, SK.normalisedQuote, Literal(evidence.normalised)))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, doc))
    graph.add((target, OA.hasSelector, position))
    graph.add((target, OA.hasSelector, quote))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(evidence.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(evidence.end, datatype=XSD.nonNegativeInteger)))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(evidence.exact)))
    original = document.original
    graph.add((quote, OA.prefix, Literal(original[max(0, evidence.start - QUOTE_CONTEXT) : evidence.start])))
    graph.add((quote, OA.suffix, Literal(original[evidence.end : evidence.end + QUOTE_CONTEXT])))
    return annotation


def document_graph_for(document: Document, statements: list[Statement], individuals: list[Individual]) -> Graph:
    """The named graph of one document: its description, case individuals and statements."""
    graph = Graph()
    bind_prefixes(graph)
    document_triples(graph, document)
    for individual in individuals:
        individual_triples(graph, individual)
    for statement in statements:
        statement_triples(graph, statement, document)
    return graph
