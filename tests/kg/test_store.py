"""The store registry and the embedded store: loading, swapping and counting a release.

The remote SPARQL backend is tested against a real server in tests/server/test_remote_backend.py.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
import rdflib

from kg.store import (
    CURRENT_LINK,
    DATABASE_DIR,
    RELEASES_DIR,
    ReleaseLoadError,
    StoreNotLoaded,
    StoreSettings,
    UnknownBackend,
    backend_names,
    current_release_id,
    load_release,
    open_store,
    served_release_id,
)

# rdflib's own TriG and JSON-LD parsers, and SPARQLWrapper's RDF conversion, call APIs that rdflib
# 7.6 deprecates; those warnings come from inside the libraries, not from this project.
pytestmark = [
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
]

FIXTURE_RELEASE = Path(__file__).resolve().parent.parent / "data" / "server" / "spinekg-small.trig"
ONTOLOGY_GRAPH = "https://w3id.org/spinekg/resource/graph/ontology"
EXTRA_TRIPLE = (
    "\n<https://w3id.org/spinekg/resource/graph/extra> {"
    " <http://example.org/a> <http://example.org/b> <http://example.org/c> . }\n"
)


def _release_variant(folder: Path, name: str, extra: str = "") -> Path:
    path = folder / name
    path.write_text(FIXTURE_RELEASE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def _count(store, query: str) -> int:
    (row,) = store.query(query, union_default_graph=True)
    return int(row["n"].value)


def test_load_release_serves_the_release(tmp_path):
    loaded = load_release(FIXTURE_RELEASE, tmp_path)
    assert loaded.newly_loaded
    assert (tmp_path / CURRENT_LINK).resolve() == (
        tmp_path / RELEASES_DIR / loaded.release_id
    ).resolve()
    store = open_store(StoreSettings(store_dir=tmp_path))
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 112


def test_load_release_is_idempotent_per_checksum(tmp_path):
    first = load_release(FIXTURE_RELEASE, tmp_path)
    database = tmp_path / RELEASES_DIR / first.release_id / DATABASE_DIR
    before = database.stat().st_mtime_ns
    second = load_release(FIXTURE_RELEASE, tmp_path)
    assert not second.newly_loaded
    assert second.release_id == first.release_id
    assert database.stat().st_mtime_ns == before


def test_new_release_is_swapped_in_and_readers_follow(tmp_path):
    first = load_release(FIXTURE_RELEASE, tmp_path)
    store = open_store(StoreSettings(store_dir=tmp_path))
    assert store.graph_names() == first.statistics.graph_names
    second = load_release(_release_variant(tmp_path, "second.trig", EXTRA_TRIPLE), tmp_path)
    assert second.release_id != first.release_id
    assert current_release_id(tmp_path) == second.release_id
    assert "https://w3id.org/spinekg/resource/graph/extra" in store.graph_names()
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 113


def test_previous_release_is_kept_and_older_ones_pruned(tmp_path):
    first = load_release(FIXTURE_RELEASE, tmp_path)
    second = load_release(_release_variant(tmp_path, "2.trig", EXTRA_TRIPLE), tmp_path)
    third = load_release(
        _release_variant(tmp_path, "3.trig", EXTRA_TRIPLE * 2 + "\n# third\n"), tmp_path
    )
    kept = {entry.name for entry in (tmp_path / RELEASES_DIR).iterdir()}
    assert kept == {second.release_id, third.release_id}
    assert first.release_id not in kept


def test_invalid_release_leaves_the_current_one_serving(tmp_path):
    good = load_release(FIXTURE_RELEASE, tmp_path)
    broken = tmp_path / "broken.trig"
    broken.write_text("<http://example.org/g> { <a> <b> ", encoding="utf-8")
    with pytest.raises(ReleaseLoadError, match="not valid TriG"):
        load_release(broken, tmp_path)
    assert current_release_id(tmp_path) == good.release_id
    assert {entry.name for entry in (tmp_path / RELEASES_DIR).iterdir()} == {good.release_id}


def test_missing_release_file_is_an_error(tmp_path):
    with pytest.raises(ReleaseLoadError, match="not found"):
        load_release(tmp_path / "absent.trig", tmp_path / "store")


def test_empty_store_dir_reports_not_loaded(tmp_path):
    with pytest.raises(StoreNotLoaded):
        served_release_id(StoreSettings(store_dir=tmp_path))


def test_unknown_backend_is_refused():
    assert set(backend_names()) == {"oxigraph", "sparql"}
    with pytest.raises(UnknownBackend, match="oxigraph, sparql"):
        open_store(StoreSettings(backend="virtuoso"))


def test_statistics_equal_direct_counts(tmp_path):
    statistics = load_release(FIXTURE_RELEASE, tmp_path).statistics
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE_RELEASE, format="trig")
    triples = {triple for graph in dataset.graphs() for triple in graph}
    assert statistics.triples == len(triples)
    assert statistics.distinct_subjects == len({s for s, _, _ in triples})
    assert statistics.properties == len({p for _, p, _ in triples})
    assert statistics.classes == len({o for _, p, o in triples if p == rdflib.RDF.type})
    per_graph = {graph.name: graph.triples for graph in statistics.graphs}
    assert per_graph == {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}


def test_embedded_store_is_opened_read_only(tmp_path):
    loaded = load_release(FIXTURE_RELEASE, tmp_path)
    reader = pyoxigraph.Store.read_only(
        str(tmp_path / RELEASES_DIR / loaded.release_id / DATABASE_DIR)
    )
    with pytest.raises(RuntimeError, match="read-write"):
        reader.update("CLEAR ALL")
