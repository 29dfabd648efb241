"""Entity pages, dereferenceable IRIs and the home page, against the real release on loopback.

The expected content comes from the papers (the differential of vertebral body metastasis, the
appearance of epidural metastasis on T1 and T2, the halo sign's specificity), so these tests
fail when the pages stop showing what the graph holds. RDF answers are parsed back with pyoxigraph.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pyoxigraph
import pytest
import requests
from rdflib.namespace import RDF, RDFS

from kg.namespaces import OA, SK, SKR

HTML_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
LABEL = pyoxigraph.NamedNode(str(RDFS.label))


def media_type(response: requests.Response) -> str:
    """The media type of a response, without parameters."""
    return response.headers["Content-Type"].split(";")[0].strip()


class PageParser(HTMLParser):
    """Collect what the tests look at: links, ids, scripts, inline handlers and styles."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.scripts: list[dict] = []
        self.inline_handlers: list[str] = []
        self.inline_styles: int = 0
        self.text: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        """Record ids, scripts, inline styles and handlers; start collecting a link."""
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "script":
            self.scripts.append(attributes)
        if "style" in attributes:
            self.inline_styles += 1
        self.inline_handlers += [name for name in attributes if name.startswith("on")]
        if tag == "a" and "href" in attributes:
            self._href, self._link_text = attributes["href"], []

    def handle_endtag(self, tag):
        """Finish a link."""
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._link_text).strip()))
            self._href = None

    def handle_data(self, data):
        """Keep text, also as the text of the open link."""
        self.text.append(data)
        if self._href is not None:
            self._link_text.append(data)


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def get_page(live, path: str, checked, **kwargs) -> requests.Response:
    response = checked(
        requests.get(live.url + path, headers={"Accept": HTML_ACCEPT}, timeout=30, **kwargs)
    )
    return response


def section(html: str, element_id: str) -> str:
    """The HTML of the ``<section id=...>`` with that id."""
    match = re.search(rf'<section id="{element_id}"[^>]*>(.*?)</section>', html, re.S)
    assert match, f"no section {element_id}"
    return match.group(1)


def sparql_rows(live, query: str) -> list[dict]:
    response = requests.get(
        live.endpoint,
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


# --------------------------------------------------------------------------------------------
# Entity pages
# --------------------------------------------------------------------------------------------


def test_lesion_page_shows_label_definition_synonyms_and_hierarchy(release_live, checked):
    response = get_page(release_live, "/ontology/VertebralHemangioma", checked)
    assert response.status_code == 200
    assert media_type(response) == "text/html"
    html = response.text
    assert "<h1>vertebral hemangioma</h1>" in html
    assert "vertebral body hemangioma" in html
    page = parse_page(html)
    hierarchy = section(html, "hierarchy")
    assert 'aria-current="page">vertebral hemangioma<' in hierarchy
    assert 'href="/ontology/Hemangioma"' in hierarchy
    assert 'href="/ontology/AtypicalVertebralHemangioma"' in hierarchy
    assert ("/ontology/Lesion", "lesion") in page.links


def test_external_identifiers_link_to_their_ontologies(release_live, checked):
    html = get_page(release_live, "/ontology/Hemangioma", checked).text
    identifiers = re.search(r'<section class="external-ids">(.*?)</section>', html, re.S).group(1)
    assert (
        '<a href="https://radlex.org/RID/RID3969" rel="external">RADLEX:RID3969</a>' in identifiers
    )
    assert "NCIT:C3085" in identifiers
    assert "RadLex path:" in identifiers


def test_differential_of_vertebral_body_metastasis(release_live, checked):
    html = get_page(release_live, "/ontology/VertebralBodyMetastasis", checked).text
    differential = section(html, "profile").split("<h3>Differential</h3>", 1)[1].split("<h3>", 1)[0]
    for mimic in ("VertebralHemangioma", "DiscogenicEndplateChange", "DiscitisOsteomyelitis"):
        assert f'href="/ontology/{mimic}"' in differential
    assert 'href="/ontology/TransdiscalExtension"' in differential


def test_sequence_table_of_epidural_metastasis(release_live, checked):
    html = get_page(release_live, "/ontology/EpiduralMetastasis", checked).text
    table = re.search(r'<table class="seq-table">(.*?)</table>', html, re.S).group(1)
    rows = {
        re.search(r'<th scope="row">(.*?)</th>', row, re.S).group(1): row
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    }
    t1 = next(row for header, row in rows.items() if '/ontology/T1Weighted"' in header)
    t2 = next(row for header, row in rows.items() if '/ontology/T2Weighted"' in header)
    assert ">hypointense</a>" in t1 and "tend to" in t1
    assert ">hyperintense</a>" in t2


def test_statements_carry_qualifiers_hedges_and_evidence_links(release_live, checked):
    html = get_page(release_live, "/ontology/HaloSign", checked).text
    statements = section(html, "statements")
    assert 'id="st-002_d3f542460b4cce16-S1164"' in statements, (
        "the statement is listed with its anchor"
    )
    block = statements.split('id="st-002_d3f542460b4cce16-S1164"', 1)[1].split(
        '<li class="statement', 1
    )[0]
    assert "99.5" in block and "percent" in block
    assert 'href="/ontology/SpinalMetastasis"' in block
    link = re.search(r'href="(/resource/document/002_d3f542460b4cce16#s(\d+)-(\d+))"', block)
    assert link, "the evidence links to its span in the document"
    (row,) = sparql_rows(
        release_live,
        f"""PREFIX oa: <{OA}> PREFIX sk: <{SK}>
        SELECT ?start ?end WHERE {{
          <{SKR["statement/002_d3f542460b4cce16/S1164"]}> sk:evidence ?e .
          ?e oa:hasTarget/oa:hasSelector ?s . ?s oa:start ?start ; oa:end ?end }}""",
    )
    assert (link.group(2), link.group(3)) == (row["start"], row["end"])


def test_negated_statement_is_marked(release_live, checked):
    html = get_page(release_live, "/ontology/OsseousMetastasis", checked).text
    negated = re.findall(r'<li class="statement is-negated"[^>]*>(.*?)</li>', html, re.S)
    assert any(
        'href="/ontology/IntervertebralDisc"' in block and "negated" in block for block in negated
    )


def test_what_points_here_lists_incoming_statements(release_live, checked):
    html = get_page(release_live, "/ontology/DrapedCurtainSign", checked).text
    incoming = section(html, "incoming")
    assert 'href="/ontology/EpiduralMetastasis"' in incoming
    assert "shows sign" in incoming


def test_property_page_lists_statements_that_use_it(release_live, checked):
    html = get_page(release_live, "/ontology/hasSensitivity", checked).text
    assert re.search(r"owl:(Object|Datatype)Property", html)
    uses = section(html, "incoming")
    assert re.search(r"Statements of this relation <small>\d+</small>", uses)
    assert 'href="/ontology/HaloSign"' in uses and "75 percent" in uses


def test_case_individual_shows_inferred_compartment(release_live, checked):
    html = get_page(
        release_live, "/resource/case/001_629860b7f85b83dc/recurrent-tumour", checked
    ).text
    assert "case individual" in html
    types = re.search(r"<dt>Type</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1)
    assert re.search(
        r'href="/ontology/ExtraduralLesion">extradural lesion</a> <small class="inferred">inferred',
        types,
    )


def test_case_patient_procedures_follow_the_timeline(release_live, checked):
    html = get_page(release_live, "/resource/case/001_629860b7f85b83dc/patient", checked).text
    underwent = section(html, "statements").split('href="/ontology/underwent">underwent</a>', 1)[1]
    underwent = underwent.split('<h3 class="relation">', 1)[0]
    orders = [
        int(n) for n in re.findall(r'class="q">order</span> <span class="literal">(\d+)', underwent)
    ]
    assert orders[:3] == [1, 2, 3] and orders == sorted(orders)
    first = re.search(r'<p class="claim"><a href="([^"]+)"', underwent).group(1)
    assert first == "/resource/case/001_629860b7f85b83dc/primary-resection"


def test_statement_page_shows_its_parts_and_evidence(release_live, checked):
    html = get_page(release_live, "/resource/statement/002_d3f542460b4cce16/S1164", checked).text
    main = section(html, "statement")
    assert 'href="/ontology/HaloSign"' in main
    assert 'href="/ontology/hasSpecificity"' in main
    assert "99.5" in main
    assert "strong indicator of metastatic disease" in main


def test_unknown_iri_is_not_found(release_live, checked):
    response = get_page(release_live, "/ontology/NoSuchTermAnywhere", checked)
    assert response.status_code == 404
    turtle = requests.get(
        release_live.url + "/ontology/NoSuchTermAnywhere",
        headers={"Accept": "text/turtle"},
        timeout=30,
    )
    assert turtle.status_code == 404


def test_any_iri_through_entity_parameter(release_live, checked):
    response = get_page(release_live, "/entity", checked, params={"iri": str(OA.Annotation)})
    assert response.status_code == 200
    assert "<h1>Web Annotation</h1>" in response.text
    redirected = checked(
        requests.get(
            release_live.url + "/entity",
            params={"iri": str(SK.HaloSign)},
            allow_redirects=False,
            timeout=30,
        )
    )
    assert redirected.status_code == 303
    assert redirected.headers["Location"].endswith("/ontology/HaloSign")


# --------------------------------------------------------------------------------------------
# Content negotiation
# --------------------------------------------------------------------------------------------


def rdf_triples(response: requests.Response) -> set[tuple[str, str, str]]:
    """Parse an RDF response in its own media type; return (subject, predicate, object) values."""
    rdf_format = pyoxigraph.RdfFormat.from_media_type(media_type(response))
    return {
        (t.subject.value, t.predicate.value, t.object.value)
        for t in pyoxigraph.parse(response.content, format=rdf_format)
    }


@pytest.mark.parametrize("accept", RDF_TYPES)
def test_iri_answers_rdf_clients_in_their_format(release_live, checked, accept):
    response = checked(
        requests.get(
            release_live.url + "/ontology/HaloSign", headers={"Accept": accept}, timeout=30
        )
    )
    assert response.status_code == 200
    assert media_type(response) == accept
    assert "Accept" in response.headers["Vary"]
    triples = rdf_triples(response)
    halo = str(SK.HaloSign)
    assert (halo, str(RDFS.label), "halo sign") in triples
    assert (halo, str(RDFS.subClassOf), str(SK.NamedSign)) in triples
    assert any(p == str(RDF.subject) and o == halo for _, p, o in triples), (
        "statements about the sign point at it"
    )


def test_browser_accept_gets_html_and_format_parameter_wins(release_live, checked):
    html = get_page(release_live, "/ontology/HaloSign", checked)
    assert media_type(html) == "text/html"
    links = html.headers["Link"]
    assert '/ontology/HaloSign?format=ttl>; rel="alternate"; type="text/turtle"' in links
    forced = checked(
        requests.get(
            release_live.url + "/ontology/HaloSign?format=ttl",
            headers={"Accept": HTML_ACCEPT},
            timeout=30,
        )
    )
    assert media_type(forced) == "text/turtle"
    page = parse_page(html.text)
    assert ("/ontology/HaloSign?format=jsonld", "JSON-LD") in page.links


def test_statement_rdf_includes_its_evidence_annotation(release_live, checked):
    response = checked(
        requests.get(
            release_live.url + "/resource/statement/002_d3f542460b4cce16/S1164",
            headers={"Accept": "text/turtle"},
            timeout=30,
        )
    )
    triples = rdf_triples(response)
    statement = str(SKR["statement/002_d3f542460b4cce16/S1164"])
    assert (statement, str(RDF.predicate), str(SK.hasSpecificity)) in triples
    assert any(p == str(OA.exact) and "99.5%" in o for _, p, o in triples)
    assert any(p == str(OA.start) for _, p, o in triples), (
        "the position selector comes with the statement"
    )


def test_unacceptable_format_is_refused(release_live, checked):
    response = checked(
        requests.get(
            release_live.url + "/ontology/HaloSign", headers={"Accept": "image/png"}, timeout=30
        )
    )
    assert response.status_code == 406


# --------------------------------------------------------------------------------------------
# Home page and page hygiene
# --------------------------------------------------------------------------------------------


def test_home_page_counts_match_the_store(release_live, checked):
    html = get_page(release_live, "/", checked).text
    (row,) = sparql_rows(
        release_live, f"PREFIX sk: <{SK}> SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a sk:Statement }}"
    )
    assert f'<span class="count">{row["n"]}</span> statements' in html
    for doc in ("000_891c798bf44889b1", "001_629860b7f85b83dc", "002_d3f542460b4cce16"):
        assert f'href="/resource/document/{doc}"' in html
    assert 'href="/query?saved=01-appearance-by-sequence"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ontology/EpiduralMetastasis",
        "/resource/document/000_891c798bf44889b1",
        "/search?q=halo",
        "/query?saved=06-differential-diagnosis",
    ],
)
def test_pages_have_csp_and_no_inline_script_or_style(release_live, checked, path):
    response = get_page(release_live, path, checked)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    page = parse_page(response.text)
    assert page.scripts and all(
        script.get("src", "").startswith("/static/") for script in page.scripts
    )
    assert page.inline_handlers == []
    assert page.inline_styles == 0
    assert 'name="viewport"' in response.text
    assert page.ids >= {"suggestions"}, "every page has the search box with suggestions"
