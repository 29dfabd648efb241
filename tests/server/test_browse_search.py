"""Search and autocomplete over labels, synonyms and abbreviations of the real release.

Ranking is checked on real terms: an abbreviation the papers write (STIR, T2W) finds its term
first, exact matches come before prefixes and substrings, and a misspelt lesion is still found.
The ranking rules are also checked on a small index built from rows, with no store.
"""

from __future__ import annotations

import pytest
import requests

from kg.namespaces import SK
from server.search import EXACT, PREFIX, SIMILAR, SUBSTRING, WORD_PREFIX, LabelIndex, search_key

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"


def media_type(response: requests.Response) -> str:
    """The media type of a response, without parameters."""
    return response.headers["Content-Type"].split(";")[0].strip()


def autocomplete(live, checked, query: str, limit: int = 10) -> list[dict]:
    response = checked(
        requests.get(
            f"{live.url}/api/autocomplete", params={"q": query, "limit": limit}, timeout=30
        )
    )
    assert response.status_code == 200
    assert media_type(response) == "application/json"
    body = response.json()
    assert body["query"] == query.strip()
    return body["results"]


@pytest.mark.parametrize(
    ("query", "expected", "matched_kind"),
    [
        ("STIR", SK.STIR, "abbreviation"),
        ("t2w", SK.T2Weighted, "abbreviation"),
        ("halo sign", SK.HaloSign, "label"),
        ("Halo-Sign", SK.HaloSign, "label"),
        ("vertebral hemangioma", SK.VertebralHemangioma, "label"),
    ],
)
def test_exact_label_or_abbreviation_comes_first(
    release_live, checked, query, expected, matched_kind
):
    first = autocomplete(release_live, checked, query)[0]
    assert first["iri"] == str(expected)
    assert first["match"] == "exact"
    assert first["matchedKind"] == matched_kind
    assert first["url"] == "/ontology/" + str(expected).rsplit("/", 1)[1]


def test_ranking_goes_exact_prefix_word_substring(release_live, checked):
    results = autocomplete(release_live, checked, "metastasis", limit=60)
    tiers = [result["match"] for result in results]
    order = ["exact", "prefix", "word", "substring", "similar"]
    assert tiers == sorted(tiers, key=order.index)
    assert results[0]["iri"] == str(SK.Metastasis)
    assert "word" in tiers, (
        "labels with a word starting with the query are found (epidural metastasis)"
    )
    assert any(r["iri"] == str(SK.EpiduralMetastasis) for r in results)


def test_synonyms_are_searched(release_live, checked):
    results = autocomplete(release_live, checked, "vertebral body hemangioma")
    assert results[0]["iri"] == str(SK.VertebralHemangioma)
    assert results[0]["matchedKind"] == "synonym"
    assert results[0]["label"] == "vertebral hemangioma"


def test_typing_errors_are_tolerated(release_live, checked):
    results = autocomplete(release_live, checked, "hemangiopericytma")
    assert results and results[0]["iri"] == str(SK.Hemangiopericytoma)
    assert results[0]["match"] == "similar"


def test_nothing_matches_nonsense_and_empty_query(release_live, checked):
    assert autocomplete(release_live, checked, "qqqzzzxxy") == []
    assert autocomplete(release_live, checked, "   ") == []


def test_search_page_lists_hits_with_links(release_live, checked):
    response = checked(
        requests.get(f"{release_live.url}/search", params={"q": "draped curtain"}, timeout=30)
    )
    assert response.status_code == 200
    assert 'href="/ontology/DrapedCurtainSign">draped curtain sign</a>' in response.text
    assert 'value="draped curtain"' in response.text, "the box keeps the query"


def test_search_page_escapes_the_query(release_live, checked):
    response = checked(
        requests.get(
            f"{release_live.url}/search", params={"q": '<img src=x onerror="a()">'}, timeout=30
        )
    )
    assert "<img src=x" not in response.text
    assert "&lt;img src=x" in response.text


def _index(labels: dict[str, list[tuple[str, str]]]) -> LabelIndex:
    rows = [
        {"entity": iri, "property": prop, "text": text}
        for iri, pairs in labels.items()
        for prop, text in pairs
    ]
    types = [{"entity": iri, "type": OWL_CLASS} for iri in labels]
    return LabelIndex.from_rows("test", rows, types)


def test_tiers_on_a_small_index():
    abbreviation = str(SK.abbreviation)
    index = _index(
        {
            "urn:stir": [(RDFS_LABEL, "short tau inversion recovery"), (abbreviation, "STIR")],
            "urn:stirring": [(RDFS_LABEL, "stirring artefact")],
            "urn:fast-stir": [(RDFS_LABEL, "fast STIR")],
            "urn:mixed": [(RDFS_LABEL, "bestirred lesion")],
            "urn:star": [(RDFS_LABEL, "star")],
        }
    )
    hits = index.search("stir")
    assert [(hit.iri, hit.tier) for hit in hits] == [
        ("urn:stir", EXACT),
        ("urn:stirring", PREFIX),
        ("urn:fast-stir", WORD_PREFIX),
        ("urn:mixed", SUBSTRING),
    ]
    assert [hit.iri for hit in index.search("stirr artefact")] == ["urn:stirring"]
    assert index.search("stirring artefakt")[0].tier == SIMILAR
    assert index.label_of("urn:stir") == "short tau inversion recovery"


def test_search_key_folds_case_accents_and_punctuation():
    assert search_key("T2-Weighted") == search_key("t2 weighted") == "t2 weighted"
    assert search_key("Résumé") == "resume"


def test_own_terms_come_before_imported_ones_with_the_same_label():
    index = _index(
        {
            "http://radlex.org/RID/RID1": [(RDFS_LABEL, "metastasis")],
            str(SK.Metastasis): [(RDFS_LABEL, "metastasis")],
        }
    )
    assert [hit.iri for hit in index.search("metastasis")] == [
        str(SK.Metastasis),
        "http://radlex.org/RID/RID1",
    ]
