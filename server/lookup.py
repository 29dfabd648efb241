"""Blueprint "lookup": find SpineKG entities by an id of a linked ontology.

``/lookup?id=RADLEX:RID7111`` (or ``/lookup/RADLEX:RID7111``) accepts any CURIE or IRI of a
linked ontology in any form it has used: ``RADLEX:RID7111``, ``RID7111``,
``http://radlex.org/RID/RID7111``, ``http://www.radlex.org/RID/RID7111``, ``NCIT:C3086``,
``http://purl.obolibrary.org/obo/NCIT_C3086``, NCIt's native ``...Thesaurus.owl#C3086``,
``UBERON_0001130``. The answer lists the entities mapped to that id (exact matches first) and, for a
RadLex id, the entities mapped to RadLex terms under it, so that ``RADLEX:RID3957`` (neoplasm)
answers "which of our lesions fall under RadLex's neoplasm". A browser gets an HTML page; a client
asking for ``application/json`` (or ``?format=json``) gets JSON. An id of no linked ontology is a
400, an id nothing is linked to a 404, both with the reason.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, jsonify, render_template, request

from kg.external import ONTOLOGIES, UnknownIdentifier
from kg.mappings import ExternalLink, LookupResult, external_links, lookup
from server.page_queries import select_rows

bp = Blueprint("lookup", __name__)

JSON = "application/json"


def init_app(app: Flask) -> None:
    """Register the blueprint."""
    app.register_blueprint(bp)


def entity_external_links(entity: str) -> list[ExternalLink]:
    """The external ids of an entity for its page: label, link URL, exact or close, RadLex path.

    Render them with ``{% include "lookup/_external_ids.html" %}`` and ``links`` set to this list.

    Raises:
        server.errors.SparqlRequestError: when a query is refused or times out.
    """
    return external_links(select_rows, entity)


def _wants_json() -> bool:
    """True when the client asks for JSON by ``?format=json`` or prefers it in ``Accept``."""
    if request.args.get("format"):
        return request.args["format"] == "json"
    best = request.accept_mimetypes.best_match([JSON, "text/html"], default="text/html")
    return best == JSON


@bp.get("/lookup")
def lookup_page() -> Response | str | tuple:
    """Answer ``?id=``: the SpineKG entities linked to that external id."""
    identifier = request.args.get("id", "").strip()
    if not identifier:
        if _wants_json():
            return jsonify({"error": "give a CURIE or IRI of a linked ontology as ?id="}), 400
        return render_template(
            "lookup/lookup.html", identifier="", result=None, ontologies=ONTOLOGIES.values()
        )
    return _answer(identifier)


@bp.get("/lookup/<path:identifier>")
def lookup_path(identifier: str) -> Response | str | tuple:
    """The same answer with the id in the path (``/lookup/NCIT:C3086``)."""
    return _answer(identifier)


def _answer(identifier: str) -> Response | str | tuple:
    """Look the id up and answer in the negotiated format; 400 or 404 when there is nothing."""
    try:
        result = lookup(select_rows, identifier)
    except UnknownIdentifier as error:
        if _wants_json():
            return jsonify({"query": identifier, "error": str(error)}), 400
        return render_template(
            "error.html", title="Not an id of a linked ontology", message=str(error)
        ), 400
    status = 200 if result.matches or result.narrower else 404
    if _wants_json():
        return jsonify({"query": identifier, **result.to_json()}), status
    return render_template(
        "lookup/lookup.html",
        identifier=identifier,
        result=result,
        summary=summary(result),
        ontologies=ONTOLOGIES.values(),
    ), status


def summary(result: LookupResult) -> str:
    """One sentence saying what was found."""
    found = len(result.matches)
    text = f"{found} SpineKG entit{'y' if found == 1 else 'ies'} linked to {result.curie}"
    if result.narrower:
        text += f"; {len(result.narrower)} more linked to RadLex terms under it"
    return text
