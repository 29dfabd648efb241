"""The pages as a reader uses them, in headless Chromium against the real release.

Search with the autocomplete box, open an entity, follow an evidence link to the highlighted
quote in the paper, run a saved query and download its results as CSV, and read the pages on a
phone-sized screen without sideways scrolling.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect
from rdflib.namespace import RDFS

from kg.config import Settings
from kg.namespaces import SK

pytestmark = pytest.mark.browser

HALO_SPECIFICITY = "st-002_d3f542460b4cce16-S1164"
PHONE = {"width": 390, "height": 844}


def test_autocomplete_leads_to_the_entity_page(page: Page):
    page.goto("/")
    page.fill("input.search-box", "halo")
    suggestion = page.locator("#suggestions li a", has_text="halo sign").first
    expect(suggestion).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#suggestions li.active")).to_have_count(1)
    suggestion.click()
    expect(page).to_have_url(re.compile(r"/ontology/HaloSign$"))
    expect(page.locator("h1")).to_have_text("halo sign")


def test_enter_on_the_highlighted_suggestion_opens_it(page: Page):
    page.goto("/")
    page.fill("input.search-box", "draped")
    first = page.locator("#suggestions li a").first
    expect(first).to_be_visible()
    href = first.get_attribute("href")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))


def test_search_page_from_the_box(page: Page):
    page.goto("/ontology/Lesion")
    page.fill("input.search-box", "T2W")
    page.press("input.search-box", "Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=T2W"))
    first = page.locator("ol.hits li").first
    expect(first.locator("a.hit-label")).to_have_attribute("href", "/ontology/T2Weighted")


def test_evidence_link_lands_on_the_highlighted_quote(page: Page):
    page.goto("/ontology/HaloSign")
    link = page.locator(f"#{HALO_SPECIFICITY} blockquote.evidence a.quote").first
    href = link.get_attribute("href")
    start, end = map(int, re.search(r"#s(\d+)-(\d+)$", href).groups())
    link.click()
    expect(page).to_have_url(
        re.compile(rf"/resource/document/002_d3f542460b4cce16#s{start}-{end}$")
    )
    current = page.locator("#doc-text .current")
    expect(current.first).to_be_in_viewport()
    original = (Settings.from_env().corpus_dir / "002_d3f542460b4cce16.txt").read_text(
        encoding="utf-8"
    )
    assert "".join(current.all_text_contents()) == original[start:end]
    panel = page.locator("#ev-panel")
    expect(panel).to_be_visible()
    expect(panel.locator('a[href="/resource/statement/002_d3f542460b4cce16/S1164"]')).to_have_count(
        1
    )
    expect(panel.locator('a[href="/ontology/HaloSign"]').first).to_be_visible()


def test_pointing_at_a_span_shows_its_statements(page: Page):
    page.goto("/resource/document/000_891c798bf44889b1")
    mark = page.locator("#doc-text mark.ev", has_text="cavernous").first
    mark.hover()
    panel = page.locator("#ev-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("a.st-link").first).to_be_visible()
    panel.locator("button.ev-close").click()
    expect(panel).to_be_hidden()


def test_saved_query_runs_and_downloads_csv(page: Page):
    page.goto("/query")
    page.click("text=Differential diagnosis of a lesion")
    expect(page).to_have_url(re.compile(r"saved=06-differential-diagnosis"))
    table = page.locator("table.results-table")
    expect(table.locator('a[href="/ontology/VertebralHemangioma"]').first).to_be_visible()
    expect(page.locator("#query-text")).to_have_value(re.compile(r"sk:VertebralBodyMetastasis"))
    with page.expect_download() as download_info:
        page.click("a.download:has-text('CSV')")
    download = download_info.value
    assert download.suggested_filename == "06-differential-diagnosis.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert {row["differential"] for row in rows} >= {
        str(SK.VertebralHemangioma),
        str(SK.DiscogenicEndplateChange),
    }


def test_edited_query_runs_with_ctrl_enter(page: Page):
    page.goto("/query")
    editor = page.locator("#query-text")
    editor.fill(f"SELECT ?label WHERE {{ <{SK.DrapedCurtainSign}> <{RDFS.label}> ?label }}")
    editor.press("Control+Enter")
    expect(page.locator("table.results-table td")).to_have_text("draped curtain sign")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ontology/EpiduralMetastasis",
        "/resource/document/002_d3f542460b4cce16",
        "/query?saved=09-technique-performance",
    ],
)
def test_pages_fit_a_phone_screen(page: Page, path: str):
    page.set_viewport_size(PHONE)
    page.goto(path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    expect(page.locator("input.search-box")).to_be_visible()
