"""Links in the graph: SKOS triples with SSSOM provenance, RadLex import, branch queries, lookup."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.external import UnknownIdentifier, parse_identifier
from kg.mappings import (
    SEMAPV,
    SSSOM,
    MappingPaths,
    MappingRow,
    external_links,
    lookup,
    mapping_graph,
    mapping_iri,
    radlex_path,
    read_curated,
)
from kg.namespaces import MAPPINGS_GRAPH, ONTOLOGY_GRAPH, RADLEX_GRAPH, SK
from kg.radlex import GENERATED_HEADER, import_module, load_table, read_seeds

RADLEX = "http://radlex.org/RID/"
NCIT = "http://purl.obolibrary.org/obo/NCIT_"


def test_a_row_becomes_a_skos_triple_with_an_annotated_axiom():
    row = MappingRow(
        "sk:VertebralHemangioma",
        "vertebral hemangioma",
        "skos:closeMatch",
        "RADLEX:RID34647",
        "intraosseous hemangioma",
        "semapv:ManualMappingCuration",
        "",
        "vertebral hemangioma",
        "owner/repo@abc:Radlex.csv",
        "no vertebra-specific term",
    )
    graph = mapping_graph([row])
    subject, target = SK.VertebralHemangioma, URIRef(RADLEX + "RID34647")
    assert (subject, SKOS.closeMatch, target) in graph
    assert (subject, SKOS.exactMatch, target) not in graph
    axiom = mapping_iri(row)
    assert set(graph.predicate_objects(axiom)) >= {
        (RDF.type, OWL.Axiom),
        (OWL.annotatedSource, subject),
        (OWL.annotatedProperty, SKOS.closeMatch),
        (OWL.annotatedTarget, target),
        (SSSOM.mapping_justification, SEMAPV.ManualMappingCuration),
        (SSSOM.object_label, Literal("intraosseous hemangioma")),
        (DCTERMS.source, Literal("owner/repo@abc:Radlex.csv")),
        (RDFS.comment, Literal("no vertebra-specific term")),
    }


def test_mapping_triples_stay_out_of_the_ontology_graph(linked_dataset, settings):
    rows = read_curated(MappingPaths.of(settings).curated)
    mappings = linked_dataset.graph(MAPPINGS_GRAPH)
    ontology = linked_dataset.graph(ONTOLOGY_GRAPH)
    assert len(list(mappings.triples((None, SKOS.exactMatch, None)))) + len(
        list(mappings.triples((None, SKOS.closeMatch, None)))
    ) == len(rows)
    assert not list(ontology.triples((None, SKOS.exactMatch, None)))
    assert (SKOS.exactMatch, RDF.type, OWL.AnnotationProperty) in ontology


def test_import_module_holds_each_seed_with_its_is_a_chain(settings):
    paths = MappingPaths.of(settings)
    module = import_module(["RID34647"], load_table(paths.radlex_terms))
    chain = ["RID34647", "RID3969", "RID3964", "RID3957", "RID34783", "RID4736", "RID34785", "RID1"]
    for child, parent in zip(chain, chain[1:]):
        assert (URIRef(RADLEX + child), RDFS.subClassOf, URIRef(RADLEX + parent)) in module
    assert (URIRef(RADLEX + "RID3957"), RDFS.label, Literal("neoplasm")) in module
    assert len(set(module.subjects(RDF.type, OWL.Class))) == len(chain)


def test_shipped_import_is_generated_from_the_seeds(settings):
    paths = MappingPaths.of(settings)
    text = paths.radlex_import.read_text(encoding="utf-8")
    assert text.startswith(GENERATED_HEADER)
    expected = import_module(read_seeds(paths.radlex_seeds), load_table(paths.radlex_terms))
    from rdflib import Graph
    from rdflib.compare import isomorphic

    assert isomorphic(Graph().parse(data=text, format="turtle"), expected)


BRANCH_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sk: <https://w3id.org/spinekg/ontology/>
SELECT DISTINCT ?concept WHERE {
  GRAPH <%s> { ?term rdfs:subClassOf* <%s> }
  GRAPH <%s> { ?concept skos:exactMatch|skos:closeMatch ?term }
  GRAPH <%s> { ?concept rdfs:subClassOf* sk:Lesion }
}"""


def branch(store, query: str) -> set[str]:
    """Local names of the concepts a branch query finds."""
    return {solution["concept"].value.removeprefix(str(SK)) for solution in store.query(query)}


def test_sparql_finds_our_lesions_under_radlex_neoplasm(linked_store):
    found = branch(
        linked_store,
        BRANCH_QUERY % (RADLEX_GRAPH, RADLEX + "RID3957", MAPPINGS_GRAPH, ONTOLOGY_GRAPH),
    )
    assert {
        "Hemangioma",
        "VertebralHemangioma",
        "Hemangiopericytoma",
        "Meningioma",
        "Chordoma",
        "Neoplasm",
    } <= found
    assert not found & {"SpinalCord", "EpiduralHematoma", "Osteomyelitis", "DiscHerniation"}


def test_sparql_branch_query_on_anatomy(linked_store):
    found = branch(
        linked_store,
        BRANCH_QUERY.replace("sk:Lesion", "sk:AnatomicalEntity")
        % (RADLEX_GRAPH, RADLEX + "RID3", MAPPINGS_GRAPH, ONTOLOGY_GRAPH),
    )
    assert {"SpinalCord", "VertebralBody", "EpiduralSpace"} <= found
    assert "Hemangioma" not in found


def test_entity_external_links_with_labels_urls_and_match(linked_select):
    links = {link.curie: link for link in external_links(linked_select, str(SK.Hemangioma))}
    assert set(links) == {"RADLEX:RID3969", "NCIT:C3085", "MONDO:0006500", "DOID:255"}
    radlex = links["RADLEX:RID3969"]
    assert (radlex.label, radlex.match, radlex.url, radlex.ontology) == (
        "hemangioma",
        "exact",
        "https://radlex.org/RID/RID3969",
        "RadLex",
    )
    assert radlex.justification == str(SEMAPV.ManualMappingCuration)
    assert radlex.source.startswith("tekram/radlex-mapper@")
    assert [c for c, _ in radlex.path] == [
        "RADLEX:RID1",
        "RADLEX:RID34785",
        "RADLEX:RID4736",
        "RADLEX:RID34783",
        "RADLEX:RID3957",
        "RADLEX:RID3964",
        "RADLEX:RID3969",
    ]
    assert (
        links["NCIT:C3085"].url
        == "https://evsexplore.semantics.cancer.gov/evsexplore/concept/ncit/C3085"
    )
    assert links["MONDO:0006500"].url == "http://purl.obolibrary.org/obo/MONDO_0006500"
    assert links["NCIT:C3085"].path == ()


def test_close_matches_come_after_exact_ones_with_their_comment(linked_select):
    links = external_links(linked_select, str(SK.ThecalSac), with_paths=False)
    assert [link.match for link in links] == sorted(
        (link.match for link in links), key=lambda m: m != "exact"
    )
    dura = next(link for link in links if link.curie == "RADLEX:RID13747")
    assert dura.match == "close" and "dural" in dura.comment
    fma = next(link for link in links if link.curie.startswith("FMA:"))
    assert fma.label == ""


def test_radlex_path_root_first(linked_select):
    path = radlex_path(linked_select, RADLEX + "RID7741")
    assert path[0] == ("RADLEX:RID1", "RadLex entity")
    assert path[-1] == ("RADLEX:RID7741", "spine")


@pytest.mark.parametrize(
    "identifier",
    [
        "RADLEX:RID3969",
        "radlex:rid3969",
        "RID3969",
        RADLEX + "RID3969",
        "http://www.radlex.org/RID/RID3969",
        "<http://radlex.org/RID/RID3969>",
    ],
)
def test_lookup_reads_every_radlex_form(linked_select, identifier):
    result = lookup(linked_select, identifier)
    assert result.curie == "RADLEX:RID3969" and result.label == "hemangioma"
    assert [m.iri for m in result.matches] == [str(SK.Hemangioma)]


@pytest.mark.parametrize(
    "identifier",
    [
        "NCIT:C3086",
        NCIT + "C3086",
        "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl#C3086",
        "NCIT_C3086",
    ],
)
def test_lookup_reads_ncit_forms(linked_select, identifier):
    result = lookup(linked_select, identifier)
    assert [(m.iri, m.match) for m in result.matches] == [(str(SK.CavernousHemangioma), "exact")]
    assert result.url.endswith("/ncit/C3086")


def test_lookup_of_a_radlex_branch_lists_what_falls_under_it(linked_select):
    result = lookup(linked_select, "RADLEX:RID7111")
    assert [m.iri for m in result.matches] == [str(SK.EpiduralSpace)]
    neoplasm = lookup(linked_select, "RADLEX:RID3957")
    under = {m.iri.removeprefix(str(SK)): m.via for m in neoplasm.narrower}
    assert under["Hemangioma"] == "RADLEX:RID3969"
    assert "Neoplasm" not in under and [m.iri for m in neoplasm.matches] == [str(SK.Neoplasm)]


def test_lookup_of_an_unlinked_id_finds_nothing(linked_select):
    result = lookup(linked_select, "UBERON:0000955")
    assert result.matches == () and result.narrower == ()


@pytest.mark.parametrize(
    "text", ["FOO:123", "http://example.org/x", "RADLEX:12", "NCIT:abc", "hemangioma"]
)
def test_lookup_refuses_what_no_linked_ontology_names(text):
    with pytest.raises(UnknownIdentifier):
        parse_identifier(text)
