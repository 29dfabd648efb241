"""HermiT via owlready2 on the real ontology: consistency, compartment classification, clashes."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, RDFS

from kg.namespaces import SK
from kg.reason import reason

pytestmark = pytest.mark.slow

CASE = Namespace("https://w3id.org/spinekg/resource/case/test-doc/")


def case_abox(*triples) -> Graph:
    """A small case ABox made of the given triples."""
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


@pytest.fixture(scope="module")
def empty_abox_result(settings):
    """The ontology reasoned on its own."""
    return reason(settings.ontology_file, Graph())


def test_ontology_is_consistent_with_no_unsatisfiable_class(empty_abox_result):
    assert empty_abox_result.consistent, empty_abox_result.explanation
    assert empty_abox_result.unsatisfiable == []


def test_defined_compartments_classify_named_lesion_classes(empty_abox_result):
    inferred = empty_abox_result.inferred
    assert (SK.EpiduralMetastasis, RDFS.subClassOf, SK.EpiduralLesion) in inferred
    assert (SK.VertebralHemangioma, RDFS.subClassOf, SK.OsseousLesion) in inferred
    assert (SK.LeptomeningealLesion, RDFS.subClassOf, SK.IntraduralExtramedullaryLesion) in inferred


def test_epidural_case_lesion_is_inferred_extradural(settings):
    abox = case_abox(
        (CASE.tumour, RDF.type, SK.Hemangiopericytoma),
        (CASE.tumour, SK.locatedIn, SK.EpiduralSpace),
        (CASE.tumour, SK.atLevel, SK.T2),
    )
    result = reason(settings.ontology_file, abox)
    assert result.consistent, result.explanation
    assert (CASE.tumour, RDF.type, SK.ExtraduralLesion) in result.inferred
    assert (CASE.tumour, RDF.type, SK.IntramedullaryLesion) not in result.inferred
    assert (CASE.tumour, RDF.type, SK.Hemangiopericytoma) not in result.inferred, (
        "asserted triples are not new"
    )


def test_cord_case_lesion_is_inferred_intramedullary(settings):
    abox = case_abox((CASE.lesion, RDF.type, SK.Lesion), (CASE.lesion, SK.locatedIn, SK.SpinalCord))
    result = reason(settings.ontology_file, abox)
    assert (CASE.lesion, RDF.type, SK.IntramedullaryLesion) in result.inferred
    assert (CASE.lesion, RDF.type, SK.ExtraduralLesion) not in result.inferred


def test_extension_into_a_site_locates_the_lesion_there(settings):
    abox = case_abox(
        (CASE.tumour, RDF.type, SK.Lesion),
        (CASE.tumour, SK.locatedIn, SK.PosteriorParavertebralTissue),
        (CASE.tumour, SK.extendsInto, SK.EpiduralSpace),
    )
    inferred = reason(settings.ontology_file, abox).inferred
    assert (CASE.tumour, RDF.type, SK.ParaspinalLesion) in inferred
    assert (CASE.tumour, RDF.type, SK.ExtraduralLesion) in inferred


def test_procedure_types_and_timeline_links_are_kept_apart(settings):
    abox = case_abox(
        (CASE.embolization, RDF.type, SK.PreoperativeEmbolization),
        (CASE.resection, RDF.type, SK.SurgicalResection),
        (CASE.resection, SK.precededBy, CASE.embolization),
    )
    result = reason(settings.ontology_file, abox)
    assert (CASE.resection, RDF.type, SK.Treatment) in result.inferred
    assert (CASE.resection, SK.precededBy, CASE.embolization) not in result.inferred


def test_two_sexes_make_the_abox_inconsistent(settings):
    abox = case_abox(
        (CASE.patient, RDF.type, SK.Patient),
        (CASE.patient, SK.hasAge, Literal(53)),
        (CASE.patient, SK.hasSex, SK.Male),
        (CASE.patient, SK.hasSex, SK.Female),
    )
    result = reason(settings.ontology_file, abox)
    assert result.consistent is False
    assert len(result.inferred) == 0
    assert "hasSex" in result.explanation


def test_individual_in_disjoint_classes_is_reported(settings):
    abox = case_abox(
        (CASE.thing, RDF.type, SK.Patient), (CASE.thing, RDF.type, SK.EpiduralHematoma)
    )
    result = reason(settings.ontology_file, abox)
    assert result.consistent is False
    assert "disjoint" in result.explanation and "thing" in result.explanation


def test_literal_outside_the_range_is_reported(settings):
    abox = case_abox((CASE.patient, RDF.type, SK.Patient), (CASE.patient, SK.hasAge, Literal("53")))
    result = reason(settings.ontology_file, abox)
    assert result.consistent is False
    assert "hasAge" in result.explanation and "decimal" in result.explanation


def test_object_outside_the_range_is_reported(settings):
    abox = case_abox(
        (CASE.resection, RDF.type, SK.SurgicalResection),
        (CASE.interval, RDF.type, SK.TimeInterval),
        (CASE.resection, SK.precededBy, CASE.interval),
    )
    result = reason(settings.ontology_file, abox)
    assert result.consistent is False
    assert "interval" in result.explanation and "precededBy" in result.explanation


def test_triples_the_reasoner_cannot_use_are_reported_not_dropped_silently(settings):
    abox = case_abox(
        (CASE.lesion, RDF.type, SK.Lesion),
        (CASE.lesion, RDFS.label, Literal("a lesion")),
        (CASE.lesion, SK.locatedIn, Literal("spinal canal")),
    )
    result = reason(settings.ontology_file, abox)
    assert result.consistent
    reasons = {
        (str(p).rsplit("/", 1)[-1].rsplit("#", 1)[-1], why) for _s, p, _o, why in result.ignored
    }
    assert ("label", "predicate is not an object or datatype property of the ontology") in reasons
    assert ("locatedIn", "object property with a literal value") in reasons
