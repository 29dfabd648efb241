"""Ontology QC checks: silent on the real edit file, firing on a fixture with one defect each."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.qc import CheckDefinitionError, live_checks, run_check, run_checks

CHECKS_DIR = Path(__file__).resolve().parents[2] / "ontology" / "checks"
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "ontology"
LIVE = [p.name.removesuffix("-violation.rq") for p in live_checks(CHECKS_DIR)]


@pytest.fixture(scope="module")
def edit_file_results(settings):
    """Every live check run once on the real hand-edited ontology."""
    ontology = Graph().parse(settings.ontology_file, format="turtle")
    return {r.name: r for r in run_checks(ontology, settings.checks_dir)}


def test_the_expected_checks_are_live():
    assert set(LIVE) >= {
        "missing-label",
        "multiple-labels",
        "missing-definition",
        "duplicate-label",
        "property-missing-domain",
        "property-missing-range",
        "undeclared-term",
        "level-missing-index",
    }


@pytest.mark.parametrize("name", LIVE)
def test_check_finds_nothing_in_the_edit_file(edit_file_results, name):
    result = edit_file_results[name]
    assert result.description, f"{name} has an empty description"
    assert result.rows == [], f"{name}: {result.description}\n" + "\n".join(
        map(str, result.rows[:20])
    )


def test_good_fixture_passes_every_check():
    graph = Graph().parse(FIXTURES / "good.ttl", format="turtle")
    failing = {r.name: r.rows for r in run_checks(graph, CHECKS_DIR) if r.rows}
    assert failing == {}


@pytest.mark.parametrize("name", LIVE)
def test_check_fires_on_its_bad_fixture(name):
    fixture = FIXTURES / f"bad-{name}.ttl"
    assert fixture.exists(), f"live check {name} has no bad fixture {fixture.name}"
    graph = Graph().parse(FIXTURES / "good.ttl", format="turtle").parse(fixture, format="turtle")
    result = run_check(graph, CHECKS_DIR / f"{name}-violation.rq")
    offending = [value for row in result.rows for value in row.values()]
    assert any("/ontology/Bad" in v or "/ontology/bad" in v for v in offending), result.rows


def test_duplicate_label_names_both_terms():
    graph = Graph().parse(FIXTURES / "good.ttl").parse(FIXTURES / "bad-duplicate-label.ttl")
    (row,) = run_check(graph, CHECKS_DIR / "duplicate-label-violation.rq").rows
    assert row["label"] == "lesion"
    assert set(row["terms"].split()) == {
        "https://w3id.org/spinekg/ontology/Lesion",
        "https://w3id.org/spinekg/ontology/BadDuplicate",
    }


def test_parked_checks_are_not_run(tmp_path):
    (tmp_path / "inactive").mkdir()
    (tmp_path / "inactive" / "parked-violation.rq").write_text(
        "# description: parked\nSELECT ?s WHERE { ?s ?p ?o }\n"
    )
    assert run_checks(Graph().parse(FIXTURES / "good.ttl"), tmp_path) == []


def test_check_without_description_is_rejected(tmp_path):
    (tmp_path / "nameless-violation.rq").write_text("SELECT ?s WHERE { ?s ?p ?o }\n")
    with pytest.raises(CheckDefinitionError, match="nameless-violation.rq"):
        run_checks(Graph(), tmp_path)


def test_check_that_does_not_parse_is_rejected(tmp_path):
    (tmp_path / "broken-violation.rq").write_text(
        "# description: broken\nSELEC ?s WHERE { ?s ?p }\n"
    )
    with pytest.raises(CheckDefinitionError, match="does not parse"):
        run_checks(Graph(), tmp_path)
