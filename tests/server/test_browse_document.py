"""The document page: the original text, every evidence span highlighted, escaping kept.

The page is checked against the corpus file and against the evidence selectors the release
holds (read through the SPARQL endpoint), so a lost span, a shifted offset or a broken escape
fails a test. The highlighting function is also given hostile text directly.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
import requests

from kg.config import Settings
from kg.namespaces import OA
from kg.store import load_release
from server.config import RELEASE_FILE
from server.document_view import Section, Span, highlight

DOCUMENTS = ("000_891c798bf44889b1", "001_629860b7f85b83dc", "002_d3f542460b4cce16")
MARK = re.compile(r'<mark class="ev" data-o="(\d+)" data-e="(\d+)" data-ev="([^"]*)"[^>]*>')


def document_html(live, doc_id: str, checked) -> str:
    response = checked(
        requests.get(
            f"{live.url}/resource/document/{doc_id}", headers={"Accept": "text/html"}, timeout=30
        )
    )
    assert response.status_code == 200
    return response.text


def text_block(page: str) -> str:
    return re.search(r'<div class="doc-text" id="doc-text">(.*?)</div>\s*\n', page, re.S).group(1)


def corpus_text(doc_id: str) -> str:
    return (Settings.from_env().corpus_dir / f"{doc_id}.txt").read_text(encoding="utf-8")


def evidence_spans(live, doc_id: str) -> list[tuple[int, int, str]]:
    query = f"""PREFIX oa: <{OA}>
    SELECT DISTINCT ?start ?end ?exact WHERE {{
      ?target oa:hasSource <https://w3id.org/spinekg/resource/document/{doc_id}> ;
              oa:hasSelector ?p, ?q .
      ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact }}"""
    response = requests.get(
        live.endpoint,
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    rows = response.json()["results"]["bindings"]
    return [(int(r["start"]["value"]), int(r["end"]["value"]), r["exact"]["value"]) for r in rows]


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_page_text_is_the_original_file(release_live, checked, doc_id):
    block = text_block(document_html(release_live, doc_id, checked))
    shown = html_lib.unescape(re.sub(r"<[^>]+>", "", block))
    assert shown == corpus_text(doc_id)


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_every_evidence_span_is_highlighted_and_anchored(release_live, checked, doc_id):
    page = document_html(release_live, doc_id, checked)
    block = text_block(page)
    text = corpus_text(doc_id)
    covered: dict[str, list[tuple[int, int]]] = {}
    for start, end, keys in MARK.findall(block):
        for key in keys.split():
            covered.setdefault(key, []).append((int(start), int(end)))
    spans = evidence_spans(release_live, doc_id)
    assert spans, "the release has evidence in every document"
    for start, end, exact in spans:
        key = f"s{start}-{end}"
        assert text[start:end] == exact, f"selector {key} and quote disagree"
        assert f'<span class="anchor" id="{key}"></span>' in block
        pieces = sorted(covered[key])
        assert pieces[0][0] == start and pieces[-1][1] == end
        assert all(left[1] == right[0] for left, right in zip(pieces, pieces[1:])), (
            f"{key} has a gap"
        )
        assert f'id="ev-{key}"' in page, "the span's statements are there for the panel"


def test_panel_details_name_the_statements_of_a_span(release_live, checked):
    page = document_html(release_live, "002_d3f542460b4cce16", checked)
    (start, end) = next(
        (s, e)
        for s, e, exact in evidence_spans(release_live, "002_d3f542460b4cce16")
        if "99.5%" in exact and "halo sign" in exact
    )
    detail = re.search(
        rf'<div class="ev-detail" id="ev-s{start}-{end}">(.*?)</div>', page, re.S
    ).group(1)
    assert 'href="/ontology/HaloSign"' in detail
    assert 'href="/resource/statement/002_d3f542460b4cce16/S1164"' in detail


def test_document_description_and_sections(release_live, checked):
    page = document_html(release_live, "001_629860b7f85b83dc", checked)
    assert (
        "<h1>Metastatic hemangiopericytoma presenting as an epidural spinal cord lesion</h1>"
        in page
    )
    assert "ed258f035d4d5f4e062d15e36fc26a0653c3b997e2dfd24e5122933e2f911a01" in page
    sections = re.findall(r'<li><a href="#(section-\d+)">', page)
    assert sections, "the table of contents lists the sections"
    assert all(f'id="{anchor}"' in page for anchor in sections)


def test_changed_corpus_file_is_not_highlighted(start_server, real_release_dir, tmp_path, checked):
    """A corpus file that differs from the release's checksum is refused, not mis-highlighted."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    original = Settings.from_env().corpus_dir / "000_891c798bf44889b1.txt"
    (corpus / original.name).write_text(
        original.read_text(encoding="utf-8") + "\nappended\n", encoding="utf-8"
    )
    live = start_server(
        RELEASE_DIR=str(real_release_dir),
        STORE_DIR=_store_of(real_release_dir, tmp_path),
        CORPUS_DIR=str(corpus),
    )
    page = document_html(live, "000_891c798bf44889b1", checked)
    assert "SHA-256 mismatch" in page
    assert 'id="doc-text"' not in page


def _store_of(release_dir: Path, tmp_path: Path) -> str:
    store = tmp_path / "store"
    load_release(release_dir / RELEASE_FILE, store)
    return str(store)


def test_highlight_escapes_hostile_text():
    text = 'plain <script>alert("x")</script> & <b onmouseover="y">bold</b> end'
    evidence = [Span(6, 33), Span(20, 40)]
    html = highlight(text, evidence, [Span(0, len(text))], [Section("urn:s", "s", 0, len(text))])
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert html_lib.unescape(re.sub(r"<[^>]+>", "", str(html))) == text
    overlapped = re.findall(r'data-o="(\d+)" data-e="(\d+)" data-ev="s6-33 s20-40"', str(html))
    assert overlapped == [("20", "33")]


def test_highlight_skips_spans_outside_the_text():
    html = str(highlight("short text", [Span(3, 50), Span(0, 5)], [], []))
    assert 'id="s0-5"' in html and "s3-50" not in html
