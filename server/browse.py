"""Blueprint "browse": the home page, entity and document pages, and dereferenceable IRIs.

SpineKG's IRIs resolve here: ``https://w3id.org/spinekg/ontology/X`` is served at ``/ontology/X``
and ``https://w3id.org/spinekg/resource/Y`` at ``/resource/Y``; ``/entity?iri=...`` shows any other
IRI the graph mentions. Like LodView and Pubby, one URL answers both kinds of client
(https://www.w3.org/TR/cooluris/): a browser gets the HTML page, an RDF client asking for Turtle,
N-Triples, JSON-LD or RDF/XML gets the entity's description in that format (its own triples, the
triples pointing at it and, for a statement, its evidence annotations). ``?format=ttl`` (or
``nt``, ``jsonld``, ``rdfxml``) asks for a format explicitly; every page links to these.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import quote

import pyoxigraph
from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup

from kg.config import Settings
from kg.external import curie_map
from kg.namespaces import ONTOLOGY_IRI, PREFIXES, SK, SKR
from kg.store import StoreError
from server import lookup, saved, search
from server.document_view import read_document
from server.entity_view import CASE_PREFIX, read_entity
from server.entity_view import PREFIXES as QUERY_PREFIXES
from server.errors import SparqlRequestError
from server.formats import GRAPH_FORMATS, HTML, choose_format
from server.page_queries import construct, iri, select, served_release_id

bp = Blueprint("browse", __name__)

SK_BASE = str(SK)
SKR_BASE = str(SKR)
DOCUMENT_BASE = SKR_BASE + "document/"
PAGE_FORMATS = (HTML, *GRAPH_FORMATS)
#: Characters kept as they are in a path segment (RFC 3986 pchar, plus "/").
PATH_SAFE = "/:@!$&'()*+,;=-._~"
#: The RDF formats every page links to: name, ``format`` parameter value, media type.
RDF_LINKS = (
    ("Turtle", "ttl", "text/turtle"),
    ("N-Triples", "nt", "application/n-triples"),
    ("JSON-LD", "jsonld", "application/ld+json"),
    ("RDF/XML", "rdfxml", "application/rdf+xml"),
)

CURIE_PREFIXES = sorted(
    [(str(namespace), prefix) for prefix, namespace in PREFIXES.items()]
    + [(namespace, prefix) for prefix, namespace in curie_map().items()],
    key=lambda pair: -len(pair[0]),
)

_DESCRIBE_QUERY = """{prefixes}
CONSTRUCT {{ {ref} ?p ?o . ?s ?q {ref} . ?part ?partP ?partO }} WHERE {{
  {{ {ref} ?p ?o }}
  UNION {{ ?s ?q {ref} }}
  UNION {{
    {ref} sk:evidence ?ev . ?ev (oa:hasTarget/oa:hasSelector?)? ?part . ?part ?partP ?partO
  }}
}}"""

_COUNTS_QUERY = """{prefixes}
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  {{ ?x a sk:Statement BIND("statements" AS ?what) }}
  UNION {{ ?x a sk:Statement ; sk:negated true BIND("negated statements" AS ?what) }}
  UNION {{ ?x a oa:Annotation BIND("evidence spans" AS ?what) }}
  UNION {{ ?x a sk:Document BIND("documents" AS ?what) }}
  UNION {{ ?x a owl:Class FILTER(STRSTARTS(STR(?x), "{sk}")) BIND("classes" AS ?what) }}
  UNION {{ ?x a ?propertyType FILTER(STRSTARTS(STR(?x), "{sk}"))
           VALUES ?propertyType {{ owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }}
           BIND("properties" AS ?what) }}
  UNION {{ ?x a owl:NamedIndividual FILTER(STRSTARTS(STR(?x), "{case}"))
           BIND("case individuals" AS ?what) }}
  UNION {{ ?x a owl:NamedIndividual FILTER(STRSTARTS(STR(?x), "{sk}"))
           BIND("ontology individuals" AS ?what) }}
  UNION {{ ?x skos:exactMatch|skos:closeMatch ?external
           BIND("terms with external identifiers" AS ?what) }}
}} GROUP BY ?what"""

_KINDS_QUERY = """{prefixes}
SELECT ?kind (COUNT(?st) AS ?n) WHERE {{ ?st a sk:Statement ; sk:statementKind ?kind }}
GROUP BY ?kind ORDER BY DESC(?n)"""

_DOCUMENTS_QUERY = """{prefixes}
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?title ?type (COUNT(DISTINCT ?st) AS ?n) WHERE {{
  ?doc a sk:Document ; dcterms:title ?title .
  OPTIONAL {{ ?doc dcterms:type ?type }}
  OPTIONAL {{ ?st a sk:Statement ; prov:wasDerivedFrom ?doc }}
}} GROUP BY ?doc ?title ?type ORDER BY ?doc"""

_START_QUERY = """{prefixes}
SELECT ?entity (COUNT(DISTINCT ?st) AS ?n) WHERE {{
  ?entity rdfs:subClassOf* {root} .
  ?st rdf:subject ?entity .
}} GROUP BY ?entity ORDER BY DESC(?n) ?entity LIMIT {limit}"""

STARTING_POINTS = (
    ("Lesions", "Lesion", 12),
    ("Named signs", "NamedSign", 8),
    ("Imaging techniques and sequences", "ImagingTechnique", 8),
)


def init_app(app: Flask) -> None:
    """Register the blueprint, its template helpers and the caches of per-release pages."""
    app.extensions["spinekg.home"] = {"lock": threading.Lock(), "release": None, "page": None}
    app.jinja_env.globals.update(
        entity_url=entity_url,
        label=label_for,
        curie=curie,
        rdf_links=rdf_links,
        term_link=term_link,
    )
    app.jinja_env.filters["dictsort_by_label"] = dictsort_by_label
    app.register_blueprint(bp)


# --------------------------------------------------------------------------------------------
# IRIs, links and labels
# --------------------------------------------------------------------------------------------


def entity_url(entity: str) -> str:
    """The local URL of an IRI's page: its own path for SpineKG IRIs, ``/entity?iri=`` otherwise.

    SpineKG paths are joined by hand rather than with ``url_for``: pages link to thousands of
    IRIs, and this is several times faster while giving the same URLs.
    """
    if entity == ONTOLOGY_IRI:
        return request.script_root + "/ontology"
    if entity.startswith(SK_BASE) and _plain_path(entity[len(SK_BASE) :], allow_slash=False):
        return request.script_root + "/ontology/" + quote(entity[len(SK_BASE) :], safe=PATH_SAFE)
    if entity.startswith(SKR_BASE) and _plain_path(entity[len(SKR_BASE) :], allow_slash=True):
        return request.script_root + "/resource/" + quote(entity[len(SKR_BASE) :], safe=PATH_SAFE)
    return url_for("browse.entity", iri=entity)


def _plain_path(path: str, allow_slash: bool) -> bool:
    """True when a local part maps onto a URL path unchanged (no query, fragment or dot segment)."""
    if not path or any(char in path for char in "?#%") or (not allow_slash and "/" in path):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def curie(entity: str) -> str:
    """Write an IRI as ``prefix:local`` when a known prefix fits, else as the IRI."""
    for namespace, prefix in CURIE_PREFIXES:
        if entity.startswith(namespace) and len(entity) > len(namespace):
            return f"{prefix}:{entity[len(namespace) :]}"
    return entity


#: Labels of the W3C vocabulary terms pages show, which the release does not label itself.
VOCABULARY_LABELS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "type",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject": "subject",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate": "predicate",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#object": "object",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#value": "value",
    "http://www.w3.org/2000/01/rdf-schema#subClassOf": "subclass of",
    "http://www.w3.org/2000/01/rdf-schema#subPropertyOf": "subproperty of",
    "http://www.w3.org/2000/01/rdf-schema#domain": "domain",
    "http://www.w3.org/2000/01/rdf-schema#range": "range",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://www.w3.org/2000/01/rdf-schema#comment": "comment",
    "http://www.w3.org/2002/07/owl#equivalentClass": "equivalent class",
    "http://www.w3.org/2002/07/owl#disjointWith": "disjoint with",
    "http://www.w3.org/2002/07/owl#inverseOf": "inverse of",
    "http://www.w3.org/2002/07/owl#versionInfo": "version",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "derived from",
    "http://purl.org/dc/terms/title": "title",
    "http://purl.org/dc/terms/description": "description",
    "http://purl.org/dc/terms/license": "license",
}


def label_for(entity: str) -> str:
    """The entity's label, else the usual name of a W3C vocabulary term, else its compact IRI."""
    return search.label_index().label_of(entity) or VOCABULARY_LABELS.get(entity) or curie(entity)


def term_link(
    term: pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode | str,
) -> Markup:
    """An RDF term as HTML: a linked label for an IRI (a plain string is an IRI), text otherwise."""
    if isinstance(term, pyoxigraph.Literal):
        return Markup('<span class="literal">{}</span>').format(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return Markup('<span class="literal">_:{}</span>').format(term.value)
    value = term.value if isinstance(term, pyoxigraph.NamedNode) else term
    return Markup('<a href="{}" title="{}">{}</a>').format(
        entity_url(value), curie(value), label_for(value)
    )


def dictsort_by_label(mapping: dict[str, object]) -> list[tuple[str, object]]:
    """Items of an IRI-keyed mapping, ordered by the keys' labels (a template filter)."""
    return sorted(mapping.items(), key=lambda item: (label_for(item[0]).casefold(), item[0]))


def rdf_links(entity: str) -> list[tuple[str, str, str]]:
    """Links to an entity's description in each RDF format: name, URL, media type."""
    base = entity_url(entity)
    joiner = "&" if "?" in base else "?"
    return [(name, f"{base}{joiner}format={key}", media) for name, key, media in RDF_LINKS]


# --------------------------------------------------------------------------------------------
# Routes
# --------------------------------------------------------------------------------------------


@bp.get("/")
def home() -> str:
    """Tell a newcomer what SpineKG holds and where to start; counted once per release."""
    state = current_app.extensions["spinekg.home"]
    release = served_release_id()
    with state["lock"]:
        if state["release"] == release:
            return state["page"]
    page = render_template("browse/home.html", **_home_data())
    with state["lock"]:
        state["release"], state["page"] = release, page
    return page


def _home_data() -> dict:
    """The counts, documents and starting points of the home page."""
    fill = {"prefixes": QUERY_PREFIXES, "sk": SK_BASE, "case": CASE_PREFIX}
    counts = {
        row["what"].value: int(row["n"].value) for row in select(_COUNTS_QUERY.format(**fill))
    }
    kinds = [
        (row["kind"].value, int(row["n"].value)) for row in select(_KINDS_QUERY.format(**fill))
    ]
    documents = [
        {
            "iri": row["doc"].value,
            "title": row["title"].value,
            "type": row["type"].value if "type" in row else "",
            "statements": int(row["n"].value),
        }
        for row in select(_DOCUMENTS_QUERY.format(**fill))
    ]
    starts = []
    for title, root, limit in STARTING_POINTS:
        rows = select(
            _START_QUERY.format(prefixes=QUERY_PREFIXES, root=iri(str(SK[root])), limit=limit)
        )
        starts.append(
            (title, str(SK[root]), [(row["entity"].value, int(row["n"].value)) for row in rows])
        )
    return {
        "counts": counts,
        "kinds": kinds,
        "documents": documents,
        "starts": starts,
        "examples": saved.load_saved_queries()[:6],
    }


@bp.get("/ontology")
def ontology_root() -> Response | str:
    """The ontology's own IRI, ``https://w3id.org/spinekg/ontology``."""
    return describe(ONTOLOGY_IRI)


@bp.get("/ontology/<name>")
def ontology_term(name: str) -> Response | str:
    """An ontology term: ``https://w3id.org/spinekg/ontology/<name>``."""
    return describe(SK_BASE + name)


@bp.get("/resource/<path:path>")
def resource(path: str) -> Response | str:
    """A resource ``https://w3id.org/spinekg/resource/<path>``: document, statement, case ..."""
    return describe(SKR_BASE + path)


@bp.get("/entity")
def entity() -> Response | str:
    """Any IRI the graph mentions, given as ``?iri=``; SpineKG's own IRIs redirect to their path."""
    target = request.args.get("iri", "").strip()
    if not target:
        abort(400, description="give the IRI to show as ?iri=")
    local = entity_url(target)
    if not local.startswith(url_for("browse.entity")):
        query = f"?format={request.args['format']}" if "format" in request.args else ""
        return redirect(local + query, code=303)
    return describe(target)


def describe(entity_iri: str) -> Response | str:
    """Answer an entity's URL in the negotiated format: its HTML page or its RDF description.

    Raises:
        NotFound: when the graph says nothing about the IRI.
    """
    chosen = choose_format(PAGE_FORMATS, request.accept_mimetypes, request.args.getlist("format"))
    try:
        ref = iri(entity_iri)
    except ValueError:
        abort(400, description="that is not an IRI")
    if chosen is HTML:
        response = Response(_page(entity_iri), mimetype="text/html")
    else:
        if not select(f"SELECT ?p WHERE {{ {{ {ref} ?p ?o }} UNION {{ ?s ?p {ref} }} }} LIMIT 1"):
            abort(404, description=f"the graph says nothing about {entity_iri}")
        answer = construct(_DESCRIBE_QUERY.format(prefixes=QUERY_PREFIXES, ref=ref), chosen.key)
        response = Response(answer.body, mimetype=answer.media_type)
        if answer.truncated:
            response.headers["X-SpineKG-Truncated"] = "true"
    response.vary.add("Accept")
    for _name, link, media in rdf_links(entity_iri):
        response.headers.add("Link", f'<{link}>; rel="alternate"; type="{media}"')
    return response


def _page(entity_iri: str) -> str:
    """Render the HTML page of an entity, or of a document with its text."""
    if entity_iri.startswith(DOCUMENT_BASE) and "/" not in entity_iri[len(DOCUMENT_BASE) :]:
        document = read_document(entity_iri, _corpus_dir())
        if document.fields:
            return render_template("browse/document.html", doc=document, iri=entity_iri)
    view = read_entity(entity_iri)
    if not view.exists:
        abort(404, description=f"the graph says nothing about {entity_iri}")
    external_ids = lookup.entity_external_links(entity_iri) if view.mappings else []
    return render_template(
        "browse/entity.html", view=view, iri=entity_iri, external_ids=external_ids
    )


def _corpus_dir() -> Path:
    """Where the document texts are: the ``CORPUS_DIR`` setting, else the project's corpus."""
    configured = current_app.config.get("CORPUS_DIR")
    return Path(configured) if configured else Settings.from_env().corpus_dir


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


@bp.app_errorhandler(404)
def _not_found(error) -> tuple[str, int]:
    return render_template(
        "error.html", status=404, title="Not found", message=error.description
    ), 404


@bp.errorhandler(400)
def _bad_request(error) -> tuple[str, int]:
    return render_template(
        "error.html", status=400, title="Bad request", message=error.description
    ), 400


@bp.errorhandler(SparqlRequestError)
def _query_refused(error: SparqlRequestError) -> tuple[str, int]:
    return render_template(
        "error.html", status=error.status, title="The store did not answer", message=error.message
    ), error.status


@bp.errorhandler(StoreError)
def _store_failed(error: StoreError) -> tuple[str, int]:
    current_app.logger.error("store error: %s", error)
    return render_template(
        "error.html", status=503, title="The store is unavailable", message=str(error)
    ), 503
