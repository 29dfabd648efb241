"""The IRIs SpineKG mints and the vocabularies it uses: one place, imported everywhere else."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

SK = Namespace("https://w3id.org/spinekg/ontology/")
SKR = Namespace("https://w3id.org/spinekg/resource/")
OA = Namespace("http://www.w3.org/ns/oa#")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

ONTOLOGY_IRI = "https://w3id.org/spinekg/ontology"
ONTOLOGY_GRAPH = SKR["graph/ontology"]
INFERENCES_GRAPH = SKR["graph/inferences"]
MAPPINGS_GRAPH = SKR["graph/mappings"]
RADLEX_GRAPH = SKR["graph/radlex"]

PREFIXES = {
    "sk": SK,
    "skr": SKR,
    "oa": OA,
    "oboInOwl": OBOINOWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
}


def document_iri(doc_id: str):
    """IRI of a corpus document."""
    return SKR[f"document/{doc_id}"]


def document_graph(doc_id: str):
    """IRI of the named graph holding a document's statements."""
    return SKR[f"graph/document/{doc_id}"]


def section_iri(doc_id: str, index: int):
    """IRI of a document section."""
    return SKR[f"document/{doc_id}/section/{index}"]


def sentence_iri(doc_id: str, index: int):
    """IRI of a document sentence."""
    return SKR[f"document/{doc_id}/sentence/{index}"]


def statement_iri(doc_id: str, statement_id: str):
    """IRI of a statement node."""
    return SKR[f"statement/{doc_id}/{statement_id}"]


def case_iri(doc_id: str, local_id: str):
    """IRI of a case-report individual (patient, lesion, procedure)."""
    return SKR[f"case/{doc_id}/{local_id}"]


def bind_prefixes(graph) -> None:
    """Bind SpineKG's prefixes on an rdflib graph or dataset, replacing rdflib's defaults."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
