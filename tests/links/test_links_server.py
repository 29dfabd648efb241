"""The lookup route and the saved queries of the links, on a real store through the real app."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import Settings
from kg.namespaces import MAPPINGS_GRAPH, ONTOLOGY_GRAPH, RADLEX_GRAPH, SK
from kg.store import load_release
from server import create_app
from server.config import RELEASE_FILE
from server.query_pool import close_pools
from server.saved import missing_expectations, read_saved_query

LINK_QUERIES = (
    "20-concepts-with-radlex-ids.rq",
    "21-concepts-under-a-radlex-branch.rq",
    "22-lesions-by-ncit-code.rq",
)


@pytest.fixture(scope="module")
def client(linked_dataset, tmp_path_factory):
    """A test client of the app serving a release of the ontology, mappings and RadLex graphs."""
    release = tmp_path_factory.mktemp("links-release")
    with open(release / RELEASE_FILE, "w", encoding="utf-8") as trig:
        for name in (ONTOLOGY_GRAPH, MAPPINGS_GRAPH, RADLEX_GRAPH):
            triples = linked_dataset.graph(name).serialize(format="nt")
            trig.write(f"<{name}> {{\n{triples}}}\n")
    store = tmp_path_factory.mktemp("links-store")
    load_release(release / RELEASE_FILE, store)
    app = create_app({"RELEASE_DIR": str(release), "STORE_DIR": str(store), "TESTING": True})
    yield app.test_client()
    close_pools()


def test_lookup_answers_json_for_a_radlex_curie(client):
    response = client.get(
        "/lookup", query_string={"id": "RADLEX:RID3969"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == {
        "curie": "RADLEX:RID3969",
        "iri": "http://radlex.org/RID/RID3969",
        "ontology": "RadLex",
        "url": "https://radlex.org/RID/RID3969",
        "label": "hemangioma",
    }
    assert body["matches"] == [
        {"iri": str(SK.Hemangioma), "label": "hemangioma", "match": "exact", "via": ""}
    ]


@pytest.mark.parametrize("identifier", ["http://radlex.org/RID/RID7111", "RADLEX:RID7111"])
def test_lookup_page_links_to_the_entity(client, identifier):
    response = client.get("/lookup", query_string={"id": identifier})
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert 'href="/ontology/EpiduralSpace"' in page
    assert "close match" in page and "https://radlex.org/RID/RID7111" in page


def test_lookup_in_the_path_with_ncit(client):
    response = client.get("/lookup/NCIT:C3086?format=json")
    assert response.status_code == 200
    assert [m["iri"] for m in response.get_json()["matches"]] == [str(SK.CavernousHemangioma)]


def test_lookup_of_a_branch_lists_concepts_under_it(client):
    body = client.get("/lookup?id=RID3957&format=json").get_json()
    assert [m["iri"] for m in body["matches"]] == [str(SK.Neoplasm)]
    assert {m["iri"] for m in body["narrower"]} >= {str(SK.Hemangioma), str(SK.Meningioma)}


def test_lookup_of_an_unlinked_id_is_404(client):
    response = client.get("/lookup?id=UBERON:0000955&format=json")
    assert response.status_code == 404 and response.get_json()["matches"] == []


def test_lookup_of_a_foreign_id_is_400_with_the_reason(client):
    response = client.get("/lookup?id=FOO:1", headers={"Accept": "application/json"})
    assert (
        response.status_code == 400
        and "not an identifier of a linked ontology" in response.get_json()["error"]
    )
    page = client.get("/lookup?id=FOO:1")
    assert page.status_code == 400 and "FOO:1" in page.get_data(as_text=True)


def test_lookup_form_without_an_id(client):
    response = client.get("/lookup")
    assert response.status_code == 200 and "RADLEX:" in response.get_data(as_text=True)


@pytest.mark.parametrize("name", LINK_QUERIES)
def test_saved_link_queries_meet_their_expectations(linked_store, name):
    query = read_saved_query(Settings.from_env().queries_dir / name)
    solutions = linked_store.query(query.text, use_default_graph_as_union=True)
    names = [variable.value for variable in solutions.variables]
    rows = [
        {name: solution[name] for name in names if solution[name] is not None}
        for solution in solutions
    ]
    assert rows and query.expectations
    assert missing_expectations(query, rows) == []


def test_link_queries_are_in_the_queries_folder():
    folder = Path(Settings.from_env().queries_dir)
    assert all((folder / name).exists() for name in LINK_QUERIES)


def test_entity_external_ids_render_with_links_match_and_path(client):
    from flask import render_template

    from server.lookup import entity_external_links

    with client.application.test_request_context():
        links = entity_external_links(str(SK.Hemangioma))
        html = render_template("lookup/_external_ids.html", links=links)
    assert [link.curie for link in links][:1] == ["RADLEX:RID3969"]
    assert 'href="https://radlex.org/RID/RID3969"' in html and "exact match" in html
    assert "neoplasm ›" in html and "RSNA" in html
