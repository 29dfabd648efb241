"""The SPARQL Service Description and the VoID description of the served release, as triples.

Service Description: https://www.w3.org/TR/sparql11-service-description/
VoID: https://www.w3.org/TR/void/
Both are built from :class:`kg.store.DatasetStatistics`, counted once per release. The VoID
dataset is named ``skr:dataset``; each named graph is a ``void:subset`` carrying ``sd:name``.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.namespaces import DCTERMS, RDF, SD, SKR, VOID
from kg.store import DatasetStatistics, GraphStatistics
from server.formats import FORMATS_NS, GRAPH_FORMATS, RESULT_FORMATS

XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
DATASET_IRI = NamedNode(str(SKR["dataset"]))
TITLE = "SpineKG: an evidence-traced knowledge graph of spinal lesion imaging"
DESCRIPTION_PREFIXES = {"sd": str(SD), "void": str(VOID), "formats": FORMATS_NS}


def _iri(term: object) -> NamedNode:
    return NamedNode(str(term))


def _count(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def service_description(
    endpoint_url: str, void_url: str, statistics: DatasetStatistics, union_default_graph: bool
) -> list[Triple]:
    """Describe the endpoint: its language, result formats, features and dataset.

    Args:
        endpoint_url: absolute URL of the SPARQL endpoint (``sd:endpoint``).
        void_url: absolute URL of the VoID description, linked from the dataset.
        statistics: counts of the served release.
        union_default_graph: whether the default graph is the union of the named graphs.
    """
    service = BlankNode()
    dataset = BlankNode()
    default_graph = BlankNode()
    triples = [
        Triple(service, _iri(RDF.type), _iri(SD.Service)),
        Triple(service, _iri(SD.endpoint), NamedNode(endpoint_url)),
        Triple(service, _iri(SD.supportedLanguage), _iri(SD.SPARQL11Query)),
        Triple(service, _iri(DCTERMS.title), Literal(TITLE, language="en")),
        Triple(service, _iri(SD.defaultDataset), dataset),
        Triple(dataset, _iri(RDF.type), _iri(SD.Dataset)),
        Triple(dataset, _iri(RDF.type), _iri(VOID.Dataset)),
        Triple(dataset, _iri(DCTERMS.source), NamedNode(void_url)),
        Triple(dataset, _iri(SD.defaultGraph), default_graph),
        Triple(default_graph, _iri(RDF.type), _iri(SD.Graph)),
        Triple(default_graph, _iri(VOID.triples), _count(statistics.triples)),
    ]
    if union_default_graph:
        triples.append(Triple(service, _iri(SD.feature), _iri(SD.UnionDefaultGraph)))
    triples.extend(
        Triple(service, _iri(SD.resultFormat), NamedNode(fmt.w3c_iri))
        for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS)
    )
    for graph in statistics.graphs:
        triples.extend(_named_graph(dataset, graph))
    return triples


def _named_graph(dataset: BlankNode, graph: GraphStatistics) -> list[Triple]:
    entry = BlankNode()
    description = BlankNode()
    return [
        Triple(dataset, _iri(SD.namedGraph), entry),
        Triple(entry, _iri(RDF.type), _iri(SD.NamedGraph)),
        Triple(entry, _iri(SD.name), NamedNode(graph.name)),
        Triple(entry, _iri(SD.graph), description),
        Triple(description, _iri(RDF.type), _iri(SD.Graph)),
        Triple(description, _iri(VOID.triples), _count(graph.triples)),
    ]


def void_description(endpoint_url: str, statistics: DatasetStatistics) -> list[Triple]:
    """Describe the release with VoID: overall counts, and one ``void:subset`` per named graph.

    Each subset carries ``sd:name`` with the IRI of the graph it counts.
    """
    triples = [
        Triple(DATASET_IRI, _iri(RDF.type), _iri(VOID.Dataset)),
        Triple(DATASET_IRI, _iri(DCTERMS.title), Literal(TITLE, language="en")),
        Triple(DATASET_IRI, _iri(VOID.sparqlEndpoint), NamedNode(endpoint_url)),
        *_counts(DATASET_IRI, statistics),
    ]
    for graph in statistics.graphs:
        subset = BlankNode()
        triples.extend(
            [
                Triple(DATASET_IRI, _iri(VOID.subset), subset),
                Triple(subset, _iri(RDF.type), _iri(VOID.Dataset)),
                Triple(subset, _iri(SD.name), NamedNode(graph.name)),
                *_counts(subset, graph),
            ]
        )
    return triples


def _counts(
    node: NamedNode | BlankNode, counts: DatasetStatistics | GraphStatistics
) -> list[Triple]:
    return [
        Triple(node, _iri(VOID.triples), _count(counts.triples)),
        Triple(node, _iri(VOID.classes), _count(counts.classes)),
        Triple(node, _iri(VOID.properties), _count(counts.properties)),
        Triple(node, _iri(VOID.distinctSubjects), _count(counts.distinct_subjects)),
        Triple(node, _iri(VOID.distinctObjects), _count(counts.distinct_objects)),
    ]
