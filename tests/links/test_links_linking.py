"""The RadLex candidate matcher: normalisation, stages, SSSOM output, and its measured quality."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.cli import cli
from kg.linking import evaluate, link_concepts, normalise, run_radlex_linking, word_order_key
from kg.mappings import (
    Concept,
    MappingPaths,
    MappingRow,
    read_curated,
    read_table,
    validate_mapping_set,
)
from kg.radlex import RadLexTable, RadLexTerm, load_table

#: Measured on the curated set (93 concepts with a verified RadLex id): precision 0.930 (66 of 71),
#: recall 0.710 (66 of 93). The floors leave room for the ontology to grow, not for regressions.
PRECISION_FLOOR = 0.88
RECALL_FLOOR = 0.66


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("Extradural Tumours", "extradural tumor"),
        ("haemangiopericytoma", "hemangiopericytoma"),
        ("Schmorl's nodes", "schmorl node"),
        ("T1-weighted", "t1 weighted"),
        ("intervertebral discs", "intervertebral disk"),
        ("embolisation", "embolization"),
        ("vertebrae", "vertebra"),
        ("leptomeninges", "leptomeninx"),
        ("oedema of the cord", "edema of cord"),
        ("metastases", "metastasis"),
        ("T2*", "t2*"),
    ],
)
def test_normalise_sets_aside_case_spelling_plurals_and_punctuation(british, american):
    assert normalise(british) == american


def test_word_order_key_ignores_order():
    assert word_order_key(normalise("body, vertebral")) == word_order_key(
        normalise("vertebral body")
    )


def concept(local: str, label: str, *synonyms: tuple[str, str]) -> Concept:
    return Concept(
        URIRef("https://w3id.org/spinekg/ontology/" + local),
        label,
        ((label, "rdfs:label"), *synonyms),
        "test",
    )


TABLE = RadLexTable(
    [
        RadLexTerm("RID1001", "hemangioma", "RID1"),
        RadLexTerm("RID1002", "epidural tumor", "RID1"),
        RadLexTerm("RID1003", "posterior longitudinal ligament", "RID1"),
        RadLexTerm("RID1004", "T1", "RID1"),
        RadLexTerm("RID1005", "T1 weighted", "RID1"),
        RadLexTerm("RID1006", "spinal cord hemangioblastomas", "RID1"),
        RadLexTerm("RID1007", "vertebral body", "RID1"),
    ]
)


@pytest.mark.parametrize(
    ("our", "rid", "stage", "predicate"),
    [
        (concept("Hemangioma", "hemangioma"), "RID1001", "exact", "skos:exactMatch"),
        (concept("EpiduralTumour", "Epidural Tumours"), "RID1002", "normalised", "skos:exactMatch"),
        (concept("BodyOfVertebra", "body vertebral"), "RID1007", "word order", "skos:exactMatch"),
        (concept("PLL", "posterior longitudnal ligament"), "RID1003", "fuzzy", "skos:closeMatch"),
        (
            concept("CordHemangioblastoma", "spinal cord hemangioblastoma"),
            "RID1006",
            "normalised",
            "skos:exactMatch",
        ),
    ],
)
def test_each_stage_finds_its_match(our, rid, stage, predicate):
    (top, *_rest) = link_concepts([our], TABLE)[our.curie]
    assert (top.rid, top.stage, top.predicate) == (rid, stage, predicate)
    assert top.row().mapping_justification == "semapv:LexicalMatching"


def test_stage_confidences_are_ordered():
    exact = link_concepts([concept("A", "hemangioma")], TABLE)["sk:A"][0]
    normalised = link_concepts([concept("B", "Epidural Tumours")], TABLE)["sk:B"][0]
    fuzzy = link_concepts([concept("C", "posterior longitudnal ligament")], TABLE)["sk:C"][0]
    assert exact.confidence > normalised.confidence > fuzzy.confidence > 0


def test_a_short_ambiguous_synonym_loses_to_a_longer_name():
    t1 = concept(
        "T1Weighted",
        "T1-weighted imaging",
        ("T1", "oboInOwl:hasExactSynonym"),
        ("T1-weighted", "oboInOwl:hasExactSynonym"),
    )
    assert link_concepts([t1], TABLE)["sk:T1Weighted"][0].rid == "RID1005"


def test_unrelated_names_get_no_candidate():
    assert link_concepts([concept("Pacemaker", "cardiac pacemaker battery")], TABLE) == {}


def test_evaluation_counts_top_candidates_against_verified_rows():
    candidates = link_concepts(
        [concept("Hemangioma", "hemangioma"), concept("Tumour", "epidural tumour")], TABLE
    )
    verified = [
        MappingRow(
            "sk:Hemangioma",
            "hemangioma",
            "skos:exactMatch",
            "RADLEX:RID1001",
            "hemangioma",
            "semapv:ManualMappingCuration",
        ),
        MappingRow(
            "sk:Tumour",
            "epidural tumour",
            "skos:exactMatch",
            "NCIT:C3019",
            "x",
            "semapv:ManualMappingCuration",
        ),
        MappingRow(
            "sk:Other",
            "other",
            "skos:exactMatch",
            "RADLEX:RID9",
            "x",
            "semapv:ManualMappingCuration",
        ),
    ]
    result = evaluate(candidates, verified)
    assert (result.concepts, result.with_gold, result.proposed, result.correct) == (3, 2, 2, 1)
    assert result.precision == 0.5 and result.recall == 0.5
    assert result.errors[0][0] == "sk:Tumour" and result.missed == ["sk:Other"]


@pytest.fixture(scope="module")
def linking_run(settings, tmp_path_factory):
    """The real matcher over the real ontology and RadLex table."""
    return run_radlex_linking(
        settings, tmp_path_factory.mktemp("links") / "radlex-candidates.sssom.tsv"
    )


def test_matcher_precision_and_recall_against_the_verified_table(linking_run):
    evaluation = linking_run.evaluation
    assert evaluation.with_gold >= 90
    assert evaluation.precision >= PRECISION_FLOOR, evaluation.errors
    assert evaluation.recall >= RECALL_FLOOR, evaluation.missed


def test_candidates_are_valid_sssom_with_confidence(linking_run):
    assert validate_mapping_set(linking_run.output) == []
    metadata, rows = read_table(linking_run.output)
    assert metadata["mapping_tool"] == "spinekg link radlex"
    assert rows and all(
        r["mapping_justification"] == "semapv:LexicalMatching" and 0 < float(r["confidence"]) <= 1
        for r in rows
    )
    hemangioma = [r for r in rows if r["subject_id"] == "sk:Hemangioma"]
    assert (
        hemangioma[0]["object_id"] == "RADLEX:RID3969" and float(hemangioma[0]["confidence"]) == 1.0
    )


def test_every_candidate_names_a_real_radlex_term(linking_run, settings):
    table = load_table(MappingPaths.of(settings).radlex_terms)
    _metadata, rows = read_table(linking_run.output)
    for row in rows:
        rid = row["object_id"].removeprefix("RADLEX:")
        assert table.label(rid) == row["object_label"]


def test_verified_rows_are_not_from_the_matcher(settings):
    """The measurement uses only hand-verified rows; accepted candidates do not grade themselves."""
    rows = read_curated(MappingPaths.of(settings).curated)
    assert {r.mapping_justification for r in rows if r.from_source} == {
        "semapv:ManualMappingCuration"
    }


def test_link_radlex_command_prints_precision_and_recall(project_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("SPINEKG_ONTOLOGY_FILE", str(project_copy.ontology_file))
    output = tmp_path / "candidates.sssom.tsv"
    result = CliRunner().invoke(cli, ["link", "radlex", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert re.search(r"top candidate precision: [01]\.\d{3} \(\d+ of \d+ proposed\)", result.output)
    assert "top candidate recall:" in result.output
    assert output.exists()
