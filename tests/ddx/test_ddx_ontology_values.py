"""The value sets the differential reads from the ontology instead of keeping lists of its own.

Exclusive values are disjointness axioms, the spine class of a region is ``sk:regionClass``, the
years of an age group are ``sk:minimumAgeYears``/``sk:maximumAgeYears`` and the classes too
broad to be a diagnosis carry ``sk:groupingClass``. The context is read here from the hand-edited
ontology file itself, so these tests need no release; the scoring tests use the release.
"""

from __future__ import annotations

import pyoxigraph
import pytest

from kg.ddx_findings import Vocabulary
from kg.ddx_graph import Context, load_context, store_select
from kg.namespaces import SK


def sk(name: str) -> str:
    return str(SK[name])


@pytest.fixture(scope="module")
def ontology_context(settings) -> Context:
    """The differential's context read from ``ontology/spinekg-edit.ttl`` alone."""
    store = pyoxigraph.Store()
    store.load(path=str(settings.ontology_file), format=pyoxigraph.RdfFormat.TURTLE)
    return load_context(store_select(store), "edit-file")


@pytest.mark.parametrize(
    ("value", "excluded"),
    [
        ("HomogeneousEnhancement", {"HeterogeneousEnhancement"}),
        ("NoEnhancement", {"ContrastEnhancement"}),
        ("Hyperdense", {"Hypodense", "Isodense"}),
        ("Isodense", {"Hyperdense", "Hypodense"}),
        ("Lucency", {"Sclerosis"}),
        ("Hypointense", {"Hyperintense", "Isointense"}),
    ],
)
def test_exclusive_values_are_declared_disjoint(ontology_context, value, excluded):
    assert {sk(name) for name in excluded} <= ontology_context.disjoint_with(sk(value))


def test_mixed_density_is_a_density_that_excludes_neither_lucency_nor_sclerosis(
    ontology_context,
):
    mixed = Vocabulary(ontology_context).resolve("density", "mixed lytic and blastic")
    assert mixed == sk("MixedLyticSclerotic")
    assert ontology_context.is_a(mixed, sk("CTDensity"))
    assert not ontology_context.disjoint_with(mixed) & {sk("Lucency"), sk("Sclerosis")}


def test_each_region_stands_for_its_spine_class_in_cranial_order(ontology_context):
    assert list(ontology_context.region_class.items()) == [
        (sk("CervicalRegion"), sk("CervicalSpine")),
        (sk("ThoracicRegion"), sk("ThoracicSpine")),
        (sk("LumbarRegion"), sk("LumbarSpine")),
        (sk("SacralRegion"), sk("Sacrum")),
    ]


def test_age_groups_have_their_years_and_adulthood_no_upper_bound(ontology_context):
    assert ontology_context.age_ranges == {
        sk("Childhood"): (0, 17),
        sk("Adulthood"): (18, None),
    }


def test_grouping_classes_are_lesion_classes_marked_in_the_ontology(ontology_context):
    grouping = ontology_context.grouping_classes
    assert {sk("Lesion"), sk("Neoplasm"), sk("VascularLesion"), sk("EpiduralLesion")} <= grouping
    assert sk("CavernousHemangioma") not in grouping
    assert all(ontology_context.is_a(term, sk("Lesion")) for term in grouping)


def test_grouping_classes_are_never_candidates(engine):
    assert engine.context.grouping_classes
    assert not any(engine.is_candidate_class(term) for term in engine.context.grouping_classes)
    assert engine.is_candidate_class(sk("CavernousHemangioma"))


@pytest.mark.parametrize(("age", "verdict"), [(17, "explains"), (18, "contradicts")])
def test_an_age_is_weighed_against_the_years_of_the_age_group(engine, age, verdict):
    # The cavernous hemangioma case report: "mostly during childhood".
    findings, unrecognised = engine.parse([f"age={age}"])
    assert not unrecognised
    (assessment,) = engine.weigh(sk("CavernousHemangioma"), findings).assessments
    assert assessment.verdict == verdict


def test_a_region_finding_matches_a_site_stated_as_its_spine_class(engine):
    # The review's bone scan (figure 2) shows metastases "in the ribs and sacrum".
    findings, unrecognised = engine.parse(["region=SacralRegion"])
    assert not unrecognised
    (assessment,) = engine.weigh(sk("BoneMetastasis"), findings).assessments
    assert assessment.verdict == "explains"
    assert any("sacrum" in item.reason for item in assessment.supporting)
