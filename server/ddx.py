"""Blueprint "ddx": the differential-diagnosis page, its JSON and CSV API, and term suggestions.

* ``GET /ddx?finding=...&finding=...``: the page. Each ``finding`` is written as the CLI writes it
  (``signal=Hyperintense,sequence=T2Weighted``). The page's form adds one finding from its fields
  (``kind``, ``value``, ``sequence``, ``reference``, ``present``) and redirects to the URL that
  lists every finding, so a result can be bookmarked and each discriminator's "add" link is a
  plain link.
* ``GET /api/ddx`` with the same parameters, or ``POST /api/ddx`` with a JSON body
  ``{"findings": [...], "exclude_case_documents": [...], "limit": 10}``, where a finding is a
  string as above or an object ``{"kind": "signal", "value": "Hyperintense", "sequence": ...}``:
  the result as JSON, or as CSV with ``format=csv`` or ``Accept: text/csv``.
* ``GET /api/ddx/terms?field=signal&q=hyper``: suggestions for a form field, from the terms that
  field accepts.

Every read goes through the SPARQL endpoint's worker pool (:func:`server.sparql.run_query`), so
the differential obeys the same time limit and read-only checks as any page. The engine and its
per-release context are kept per release.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlencode

import pyoxigraph
from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from kg.ddx import DEFAULT_LIMIT, DifferentialDiagnosis, scoring_table
from kg.ddx_export import result_to_csv, result_to_json
from kg.ddx_findings import FIELD_TITLES, KINDS, Finding
from kg.ddx_graph import local_name
from kg.store import StoreError
from server import sparql
from server.errors import SparqlRequestError
from server.page_queries import served_release_id

bp = Blueprint("ddx", __name__)

EXTENSION = "spinekg.ddx"
MAX_LIMIT = 50
MAX_FINDINGS = 40
CSV_MEDIA_TYPE = "text/csv"


class TruncatedAnswer(StoreError):
    """A query of the differential was cut at the row limit; its answer would be wrong."""


class DdxRequestError(Exception):
    """A request the API cannot read (not JSON, findings not a list); answered with 400."""


def _select(query: str) -> list[dict[str, str]]:
    """Run one query through the worker pool; refuse a truncated answer rather than use it."""
    answer = sparql.run_query(query, result_format="json", trusted=True)
    if answer.truncated:
        raise TruncatedAnswer(
            "a query of the differential diagnosis returned more rows than MAX_RESULT_ROWS allows"
        )
    solutions = pyoxigraph.parse_query_results(
        answer.body, format=pyoxigraph.QueryResultsFormat.JSON
    )
    names = [variable.value for variable in solutions.variables]
    return [
        {name: solution[name].value for name in names if solution[name] is not None}
        for solution in solutions
    ]


class EngineCache:
    """The engine of the served release, rebuilt when a new release is swapped in."""

    def __init__(
        self, release_id: Callable[[], str], select: Callable[[str], list[dict[str, str]]]
    ):
        self._release_id = release_id
        self._select = select
        self._engine: DifferentialDiagnosis | None = None
        self._lock = threading.Lock()

    def get(self) -> DifferentialDiagnosis:
        """Return the engine of the current release."""
        release = self._release_id()
        engine = self._engine
        if engine is not None and engine.release_id == release:
            return engine
        with self._lock:
            if self._engine is None or self._engine.release_id != release:
                self._engine = DifferentialDiagnosis.load(self._select, release)
            return self._engine


def init_app(app: Flask) -> None:
    """Register the blueprint, the engine cache and the entity pages' agreement helper."""
    app.extensions[EXTENSION] = EngineCache(served_release_id, _select)
    app.jinja_env.globals.update(evidence_agreement=evidence_agreement)
    app.register_blueprint(bp)


def engine() -> DifferentialDiagnosis:
    """The differential-diagnosis engine of the served release."""
    return current_app.extensions[EXTENSION].get()


def evidence_agreement(iri: str) -> list[tuple[Finding, str, object]]:
    """For an entity page: per finding a lesion class's statements name, the agreement counts.

    Returns an empty list for anything that is not a lesion class the differential ranks.
    """
    current = engine()
    if not current.is_candidate_class(iri):
        return []
    return current.agreement(iri)


# --------------------------------------------------------------------------------------------
# Reading the request
# --------------------------------------------------------------------------------------------


def _limit(value: object) -> int:
    try:
        return max(1, min(MAX_LIMIT, int(value)))
    except (TypeError, ValueError):
        return DEFAULT_LIMIT


def _query_args() -> tuple[list[str], list[str], int]:
    findings = [f for f in request.args.getlist("finding") if f.strip()][:MAX_FINDINGS]
    excluded = [d for d in request.args.getlist("exclude") if d.strip()]
    return findings, excluded, _limit(request.args.get("limit", DEFAULT_LIMIT))


def _finding_text(item: object) -> str:
    """A finding of a JSON body as the ``key=value,...`` text."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        kind = item.get("kind")
        if kind not in KINDS:
            raise DdxRequestError(f"a finding object needs a kind, one of {', '.join(KINDS)}")
        parts = [f"{kind}={item.get('value', item.get('age', ''))}"]
        parts += [
            f"{key}={item[key]}"
            for key in ("sequence", "reference", "modality", "present")
            if item.get(key) not in (None, "")
        ]
        return ",".join(str(part) for part in parts)
    raise DdxRequestError("each finding is a string or an object")


def _json_args() -> tuple[list[str], list[str], int]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("findings"), list):
        raise DdxRequestError('send a JSON object with "findings": a list of findings')
    excluded = body.get("exclude_case_documents", [])
    if not isinstance(excluded, list) or not all(isinstance(d, str) for d in excluded):
        raise DdxRequestError('"exclude_case_documents" is a list of document ids')
    findings = [_finding_text(item) for item in body["findings"][:MAX_FINDINGS]]
    return findings, excluded, _limit(body.get("limit", DEFAULT_LIMIT))


def _form_finding() -> str | None:
    """The finding the page's "add" form describes, or None when its value is empty."""
    kind = request.args.get("kind", "")
    value = request.args.get("value", "").strip()
    if kind not in KINDS or not value:
        return None
    parts = [f"{kind}={value}"]
    if kind == "signal":
        for key in ("sequence", "reference"):
            extra = request.args.get(key, "").strip()
            if extra:
                parts.append(f"{key}={extra}")
    if request.args.get("present") == "no":
        parts.append("present=no")
    return ",".join(parts)


def ddx_url(findings: list[str], excluded: list[str] | tuple[str, ...] = (), **extra) -> str:
    """The page's URL for a list of findings (and case documents left out)."""
    pairs = [("finding", f) for f in findings] + [("exclude", d) for d in excluded]
    pairs += [(key, value) for key, value in extra.items() if value is not None]
    return url_for("ddx.page") + ("?" + urlencode(pairs) if pairs else "")


# --------------------------------------------------------------------------------------------
# Routes
# --------------------------------------------------------------------------------------------


@bp.get("/ddx")
def page() -> Response | str:
    """The differential-diagnosis page: findings, ranking with evidence, discriminators."""
    findings, excluded, limit = _query_args()
    added = _form_finding()
    if added is not None or "kind" in request.args:
        return redirect(ddx_url(findings + ([added] if added else []), excluded), code=303)
    current = engine()
    texts = current.canonical(findings)
    result = current.ask(texts, exclude_case_documents=excluded, limit=limit) if texts else None
    return render_template(
        "ddx/page.html",
        result=result,
        engine=current,
        findings=texts,
        excluded=excluded,
        kinds=KINDS,
        titles=FIELD_TITLES,
        scoring=scoring_table(),
        ddx_url=ddx_url,
        local_name=local_name,
        json_url=url_for("ddx.api", **_api_params(texts, excluded)),
        csv_url=url_for("ddx.api", format="csv", **_api_params(texts, excluded)),
    )


def _api_params(findings: list[str], excluded: list[str]) -> dict:
    params: dict = {}
    if findings:
        params["finding"] = findings
    if excluded:
        params["exclude"] = excluded
    return params


@bp.route("/api/ddx", methods=["GET", "POST"])
def api() -> Response:
    """The ranking as JSON (default) or CSV."""
    findings, excluded, limit = _json_args() if request.method == "POST" else _query_args()
    current = engine()
    result = current.ask(findings, exclude_case_documents=excluded, limit=limit)
    wants_csv = request.args.get("format") == "csv" or (
        "format" not in request.args
        and request.accept_mimetypes.best_match(["application/json", CSV_MEDIA_TYPE])
        == CSV_MEDIA_TYPE
    )
    if wants_csv:
        response = Response(result_to_csv(result, current), mimetype=CSV_MEDIA_TYPE)
        response.headers["Content-Disposition"] = 'attachment; filename="spinekg-ddx.csv"'
    else:
        response = jsonify(result_to_json(result, current))
    response.vary.add("Accept")
    return response


@bp.get("/api/ddx/terms")
def terms() -> Response:
    """Suggestions for one field of the form: ``{"field", "query", "results": [...]}``."""
    field = request.args.get("field", "")
    query = request.args.get("q", "")
    results = engine().vocabulary.complete(field, query) if query.strip() else []
    return jsonify({"field": field, "query": query, "results": results})


@bp.errorhandler(DdxRequestError)
def _bad_request(error: DdxRequestError) -> tuple[Response, int]:
    return jsonify({"error": str(error)}), 400


@bp.errorhandler(SparqlRequestError)
def _refused(error: SparqlRequestError) -> tuple[str, int]:
    return _failure(error.message, error.status)


@bp.errorhandler(StoreError)
def _store_failed(error: StoreError) -> tuple[str, int]:
    current_app.logger.error("store error: %s", error)
    return _failure(str(error), 503)


def _failure(message: str, status: int):
    if request.path.startswith("/api/"):
        return jsonify({"error": message}), status
    return render_template(
        "error.html", status=status, title="The differential could not be computed", message=message
    ), status
