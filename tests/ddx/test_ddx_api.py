"""The differential over HTTP, on a live loopback server serving the real release.

The JSON and CSV API (GET and POST), term suggestions, the page with its "add" form and links,
and the evidence-agreement counts on a lesion's entity page.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import requests

from tests.ddx.conftest import CAVERNOUS_CASE

CASE = [
    "site=extradural",
    "signal=isointense,sequence=T1W",
    "signal=hyperintense,sequence=T2W",
    "enhancement=homogeneous enhancement",
]
TIMEOUT = 60


def get(live, path: str, **params) -> requests.Response:
    response = requests.get(live.url + path, params=params, timeout=TIMEOUT)
    assert response.status_code != 500, response.text
    return response


def test_api_answers_json(live):
    response = get(live, "/api/ddx", finding=CASE, exclude=CAVERNOUS_CASE)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["candidates"][0]["iri"].endswith("/ExtraduralCavernousHemangioma")
    assert data["excluded_case_documents"] == [CAVERNOUS_CASE]
    quotes = [
        q["text"]
        for f in data["candidates"][0]["findings"]
        for e in f["supporting"]
        for q in e["quotes"]
    ]
    assert "hyperintense on T2W images (Figure 2)" in quotes


def test_api_answers_csv_by_parameter_and_by_accept(live):
    by_parameter = get(live, "/api/ddx", finding=CASE, format="csv")
    by_accept = requests.get(
        live.url + "/api/ddx",
        params={"finding": CASE},
        headers={"Accept": "text/csv"},
        timeout=TIMEOUT,
    )
    for response in (by_parameter, by_accept):
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert (
            rows[0]["rank"] == "1"
            and rows[0]["candidate_label"] == "extradural cavernous hemangioma"
        )


def test_api_takes_a_json_body_with_finding_objects(live):
    body = {
        "findings": [
            {"kind": "site", "value": "EpiduralSpace"},
            {"kind": "sign", "value": "draped curtain sign"},
            {"kind": "signal", "value": "Hypointense", "sequence": "T1Weighted"},
            "enhancement=avid enhancement",
            {"kind": "finding", "value": "calcification", "present": "no"},
            "glitter",
        ],
        "limit": 3,
    }
    response = requests.post(live.url + "/api/ddx", json=body, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["candidates"][0]["label"] == "epidural metastasis"
    assert len(data["candidates"]) == 3
    assert "finding=Calcification,present=no" in [f["text"] for f in data["findings"]]
    assert [u["text"] for u in data["unrecognised"]] == ["glitter"]


def test_api_refuses_a_body_it_cannot_read(live):
    for body in (
        {"findings": "site=extradural"},
        {"findings": [{"value": "x"}]},
        {"findings": [], "exclude_case_documents": "x"},
    ):
        response = requests.post(live.url + "/api/ddx", json=body, timeout=TIMEOUT)
        assert response.status_code == 400
        assert "error" in response.json()
    response = requests.post(live.url + "/api/ddx", data="not json", timeout=TIMEOUT)
    assert response.status_code == 400


def test_term_suggestions_come_from_the_field(live):
    data = get(live, "/api/ddx/terms", field="enhancement", q="homog").json()
    assert data["results"][0] == {
        "value": "HomogeneousEnhancement",
        "label": "homogeneous enhancement",
        "iri": "https://w3id.org/spinekg/ontology/HomogeneousEnhancement",
    }
    assert get(live, "/api/ddx/terms", field="signal", q="").json()["results"] == []


def test_page_shows_the_ranking_evidence_and_discriminators(live):
    response = get(live, "/ddx", finding=CASE + ["shiny"], exclude=CAVERNOUS_CASE)
    assert response.status_code == 200
    html = response.text
    first = html.index('id="candidate-1"')
    assert "extradural cavernous hemangioma" in html[first : first + 600]
    assert "Extradural cavernous hemangiomas are usually isointense on T1W (Figure 1)" in html
    assert re.search(r'href="/resource/document/000_891c798bf44889b1#s\d+-\d+"', html)
    assert "Not recognised" in html and "shiny" in html
    assert 'class="add"' in html
    assert "What would tell the leading candidates apart" in html


def test_the_form_adds_a_finding_and_redirects_to_the_listing_url(live):
    response = requests.get(
        live.url + "/ddx",
        params={
            "finding": CASE[:1],
            "kind": "signal",
            "value": "Isointense",
            "sequence": "T1W",
            "present": "yes",
        },
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert response.status_code == 303
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["finding"] == ["site=extradural", "signal=Isointense,sequence=T1W"]


def test_a_discriminator_link_adds_its_finding(live):
    html = get(live, "/ddx", finding=CASE).text
    link = re.search(r'<a class="add" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(link).query)
    assert len(query["finding"]) == len(CASE) + 1
    added = get(live, link.split("?")[0], **query)
    assert added.status_code == 200
    assert added.text.count('class="remove"') == len(CASE) + 1


def test_entity_page_shows_evidence_agreement(live):
    html = get(live, "/ontology/ExtraduralCavernousHemangioma").text
    assert "Evidence agreement" in html
    assert re.search(
        r"hyperintense on T2-weighted imaging</span>: 2 supporting, 0 conflicting, 1 paper", html
    )
    assert "Evidence agreement" not in get(live, "/ontology/T2Weighted").text


def test_unrecognised_text_is_kept_when_a_finding_is_added(live):
    html = get(live, "/ddx", finding=["site=extradural", "shiny"]).text
    assert '<input type="hidden" name="finding" value="shiny">' in html
    assert '<input type="hidden" name="finding" value="site=ExtraduralSite">' in html
