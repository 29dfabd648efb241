"""The Differential page as a radiologist uses it, in headless Chromium against the real release.

Enter the cavernous hemangioma case's findings through the form (with the suggestions of each
field, and once by typing a label without picking a suggestion), read the ranking, follow a
quoted sentence to the highlighted span of the paper, and add a discriminator with one click.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from kg.config import Settings

pytestmark = pytest.mark.browser

CASE_DOCUMENT = "000_891c798bf44889b1"


def add_finding(
    page: Page, kind: str, term: str, pick: str | None = None, sequence: str | None = None
) -> None:
    """Fill the form; with ``pick``, choose that suggestion instead of submitting the typed text."""
    page.select_option("#ddx-kind", kind)
    page.fill("#ddx-value", term)
    if pick:
        suggestion = page.locator("#ddx-value-list li", has_text=pick).first
        expect(suggestion).to_be_visible()
        suggestion.click()
    if sequence:
        expect(page.locator("#ddx-sequence")).to_be_visible()
        page.fill("#ddx-sequence", sequence)
        option = page.locator("#ddx-sequence-list li", has_text=sequence).first
        expect(option).to_be_visible()
        option.click()
    page.click("#ddx-add")
    page.wait_for_load_state()


def findings_in_url(page: Page) -> list[str]:
    return parse_qs(urlsplit(page.url).query).get("finding", [])


def test_enter_findings_read_the_ranking_and_follow_the_evidence(page: Page):
    page.goto(f"/ddx?exclude={CASE_DOCUMENT}")
    expect(page.locator("#ddx-sequence")).to_be_hidden()
    add_finding(page, "site", "extradur", pick="extradural site")
    assert findings_in_url(page) == ["site=ExtraduralSite"]
    add_finding(page, "signal", "isoint", pick="isointense", sequence="T1-weighted imaging")
    add_finding(page, "signal", "hyperintense", sequence="T2-weighted imaging")
    add_finding(page, "enhancement", "homogeneous enhancement")
    # Each add writes the findings before it as their terms; the newest stays as typed until then.
    assert findings_in_url(page) == [
        "site=ExtraduralSite",
        "signal=Isointense,sequence=T1Weighted",
        "signal=Hyperintense,sequence=T2Weighted",
        "enhancement=homogeneous enhancement",
    ]
    expect(page.locator(".finding-list li")).to_have_count(4)

    first = page.locator("li.candidate").first
    expect(first.locator(".candidate-label")).to_have_text("extradural cavernous hemangioma")
    scores = [
        float(s)
        for s in page.locator("li.candidate").evaluate_all("els => els.map(e => e.dataset.score)")
    ]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[1]

    t1 = first.locator('li.assessment[data-finding="signal=Isointense,sequence=T1Weighted"]')
    expect(t1.locator(".verdict")).to_have_text("fits")
    quote = t1.locator("blockquote.evidence a.quote").first
    expect(quote).to_have_text(
        "Extradural cavernous hemangiomas are usually isointense on T1W (Figure 1)"
    )
    href = quote.get_attribute("href")
    start, end = map(
        int, re.search(rf"/resource/document/{CASE_DOCUMENT}#s(\d+)-(\d+)$", href).groups()
    )
    quote.click()
    expect(page).to_have_url(re.compile(rf"/resource/document/{CASE_DOCUMENT}#s{start}-{end}$"))
    current = page.locator("#doc-text .current")
    expect(current.first).to_be_in_viewport()
    original = (Settings.from_env().corpus_dir / f"{CASE_DOCUMENT}.txt").read_text(encoding="utf-8")
    assert "".join(current.all_text_contents()) == original[start:end]


def test_unrecognised_text_is_reported_and_a_suggestion_replaces_it(page: Page):
    page.goto("/ddx?finding=site%3Dextradural&finding=foraminal")
    warning = page.locator(".unrecognised")
    expect(warning).to_contain_text("foraminal")
    warning.locator("a.suggestion", has_text="neural foramen").click()
    assert findings_in_url(page) == ["site=ExtraduralSite", "site=NeuralForamen"]
    expect(page.locator(".finding-list li")).to_have_count(2)


def test_a_discriminator_is_added_with_one_click(page: Page):
    page.goto(
        "/ddx?finding=site%3Dextradural&finding=enhancement%3Dheterogeneous+enhancement"
        "&finding=finding%3Dhypervascularity"
    )
    discriminator = page.locator(
        "li.discriminator", has=page.locator("strong", has_text="calcification")
    ).first
    expect(discriminator).to_contain_text("a paper names it")
    expect(discriminator.locator("blockquote.evidence")).to_contain_text("lack of calcification")
    discriminator.locator("a.add", has_text="add as absent").click()
    assert findings_in_url(page)[-1] == "finding=Calcification,present=no"
    expect(page.locator(".finding-list li").last).to_have_text(re.compile(r"^no calcification"))
