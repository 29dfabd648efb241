"""The curated mapping set: valid SSSOM, existing subjects, nothing lost from the verified table."""

from __future__ import annotations

import shutil

import pytest

from kg.errors import ValidationFailed
from kg.external import ONTOLOGIES, curie_map
from kg.mappings import (
    MANUAL,
    MappingError,
    MappingPaths,
    MappingRow,
    add_external_links,
    assign_subjects,
    domain_concepts,
    load_curated_rows,
    read_curated,
    read_decisions,
    read_table,
    validate_mapping_set,
    write_curated,
)


@pytest.fixture(scope="module")
def paths(settings) -> MappingPaths:
    """The project's mapping files."""
    return MappingPaths.of(settings)


def test_sssom_py_validates_the_curated_set(paths):
    assert validate_mapping_set(paths.curated) == []


def test_sssom_py_keeps_every_row_and_the_extension_columns(paths):
    parsed = load_curated_rows(paths.curated)
    raw = read_curated(paths.curated)
    assert len(parsed) == len(raw) > 0
    assert {r.key: (r.source_file, r.source_subject_label) for r in parsed} == {
        r.key: (r.source_file, r.source_subject_label) for r in raw
    }


def test_sssom_py_reports_an_undeclared_prefix(paths, tmp_path):
    metadata, _rows = read_table(paths.curated)
    broken = tmp_path / "broken.sssom.tsv"
    write_curated(
        broken,
        [MappingRow("sk:Hemangioma", "hemangioma", "skos:exactMatch", "NOPE:123", "x", MANUAL)],
        metadata,
    )
    problems = validate_mapping_set(broken)
    assert any("NOPE" in problem for problem in problems), problems


def test_every_subject_is_a_concept_of_the_ontology(paths, ontology_graph):
    concepts = {c.curie: c for c in domain_concepts(ontology_graph).values()}
    rows = read_curated(paths.curated)
    assert {r.subject_id for r in rows} <= set(concepts)
    assert all(r.subject_label == concepts[r.subject_id].label for r in rows)


def test_curie_map_is_written_from_the_one_registry(paths):
    metadata, rows = read_table(paths.curated)
    assert {k: v for k, v in metadata["curie_map"].items() if k in ONTOLOGIES} == curie_map()
    assert {r["object_id"].split(":")[0] for r in rows} <= set(ONTOLOGIES)


def test_verified_rows_keep_their_source_columns(paths):
    _metadata, source = read_table(paths.source)
    by_source = {(r["subject_label"], r["predicate_id"], r["object_id"]): r for r in source}
    for row in read_curated(paths.curated):
        if not row.from_source:
            continue
        original = by_source[(row.source_subject_label, row.predicate_id, row.object_id)]
        assert (row.object_label, row.mapping_justification, row.source_file, row.comment) == (
            original["object_label"],
            original["mapping_justification"],
            original["source_file"],
            original["comment"],
        )


def test_no_verified_name_is_lost_silently(settings, paths):
    """Each verified concept name is curated, decided against, or listed by `spinekg link gaps`."""
    from kg.mappings import find_gaps

    _metadata, source = read_table(paths.source)
    curated = {r.source_subject_label for r in read_curated(paths.curated) if r.from_source}
    declined = {name for name, d in read_decisions(paths.decisions).items() if not d.subject}
    waiting = set(find_gaps(settings).waiting)
    assert {r["subject_label"] for r in source} == curated | declined | waiting
    assert not curated & waiting


def test_accepted_candidates_are_marked_as_lexical_matches(paths):
    accepted = [r for r in read_curated(paths.curated) if not r.from_source]
    assert accepted, "the curated set holds reviewed RadLex candidates"
    assert all(
        r.mapping_justification == "semapv:LexicalMatching" and r.confidence for r in accepted
    )
    assert all(
        r.object_id.startswith("RADLEX:") and "accepted on review" in r.comment for r in accepted
    )


def test_assign_is_repeatable_and_keeps_accepted_rows(project_copy):
    paths = MappingPaths.of(project_copy)
    before = paths.curated.read_text(encoding="utf-8")
    report = assign_subjects(project_copy)
    assert paths.curated.read_text(encoding="utf-8") == before
    assert report.kept_accepted == sum(1 for r in read_curated(paths.curated) if not r.from_source)
    assert "osteomyelitis" in report.unresolved


def test_assign_picks_up_a_new_term(project_copy):
    """A term added to the ontology later gets the verified rows waiting for it."""
    with open(project_copy.ontology_file, "a", encoding="utf-8") as edit:
        edit.write(
            "\nsk:SolitaryFibrousTumour a owl:Class ; rdfs:subClassOf sk:Neoplasm ;\n"
            '    rdfs:label "solitary fibrous tumour"@en ;\n'
            '    skos:definition "A fibroblastic tumour, once called hemangiopericytoma."@en .\n'
        )
    report = assign_subjects(project_copy)
    rows = [
        r
        for r in read_curated(MappingPaths.of(project_copy).curated)
        if r.subject_id == "sk:SolitaryFibrousTumour"
    ]
    assert {r.object_id for r in rows} == {"RADLEX:RID4302", "NCIT:C7634", "MONDO:0016238"}
    assert "solitary fibrous tumour" not in report.unresolved
    assert "RID4302" in MappingPaths.of(project_copy).radlex_seeds.read_text(encoding="utf-8")


def test_a_decision_overrides_the_label(project_copy):
    paths = MappingPaths.of(project_copy)
    decisions = paths.decisions.read_text(encoding="utf-8")
    paths.decisions.write_text(
        decisions + "hemangioma\t\tTest: leave hemangioma unmapped.\n", encoding="utf-8"
    )
    report = assign_subjects(project_copy)
    assert report.not_mapped["hemangioma"] == "Test: leave hemangioma unmapped."
    assert not [r for r in read_curated(paths.curated) if r.source_subject_label == "hemangioma"]


def test_a_decision_without_reason_is_refused(project_copy):
    paths = MappingPaths.of(project_copy)
    paths.decisions.write_text(
        "source_subject_label\tsubject\treason\nhemangioma\tHemangioma\t\n", encoding="utf-8"
    )
    with pytest.raises(MappingError, match="three columns"):
        assign_subjects(project_copy)


def test_build_stage_refuses_a_subject_the_ontology_lacks(project_copy, ontology_graph):
    from rdflib import Dataset

    paths = MappingPaths.of(project_copy)
    metadata, _rows = read_table(paths.curated)
    rows = read_curated(paths.curated)
    rows.append(
        MappingRow(
            "sk:NoSuchTerm",
            "no such term",
            "skos:exactMatch",
            "RADLEX:RID3969",
            "hemangioma",
            "semapv:LexicalMatching",
            "0.9",
            "",
            "",
            "test",
        )
    )
    write_curated(paths.curated, rows, metadata)
    with pytest.raises(ValidationFailed, match="sk:NoSuchTerm"):
        add_external_links(Dataset(), ontology_graph, project_copy)


def test_build_stage_refuses_a_stale_radlex_import(project_copy, ontology_graph):
    from rdflib import Dataset

    paths = MappingPaths.of(project_copy)
    shutil.copyfile(paths.radlex_import, paths.radlex_import.with_suffix(".bak"))
    paths.radlex_import.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n", encoding="utf-8"
    )
    with pytest.raises(ValidationFailed, match="spinekg link import"):
        add_external_links(Dataset(), ontology_graph, project_copy)
