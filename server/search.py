"""Search the release by label, synonym and abbreviation; the autocomplete JSON endpoint.

The blueprint keeps one :class:`LabelIndex` per release: the labels, synonyms and abbreviations
of every named entity (classes, properties, individuals, documents), read from the store with one
SPARQL query the first time a page needs them after a release is swapped in. Pages use the same
index to name the IRIs they link to, so a page never waits for a label query.

Ranking follows what a reader expects from a lookup box (as the EBI Ontology Lookup Service
does): exact matches first, then labels that start with the query, then labels with a word that
starts with it, then any substring; when those leave room, labels within one or two typing errors
of the query (rapidfuzz edit similarity) come last.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask import Blueprint, Flask, current_app, g, jsonify, render_template, request
from rapidfuzz import fuzz

from kg.namespaces import OBOINOWL, SK, SKR
from server.page_queries import select_rows, served_release_id

bp = Blueprint("search", __name__)

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"

#: Properties whose literals are searched, and how a match on each is described.
LABEL_KINDS = {
    RDFS_LABEL: "label",
    SKOS + "prefLabel": "label",
    str(SK.abbreviation): "abbreviation",
    str(OBOINOWL.hasExactSynonym): "synonym",
    SKOS + "altLabel": "synonym",
    str(OBOINOWL.hasRelatedSynonym): "related synonym",
}
LABEL_KIND_RANK = {"label": 0, "abbreviation": 1, "synonym": 2, "related synonym": 3}

#: What an entity is, from its types; the first matching type wins.
CATEGORIES = (
    (str(SK.Document), "document"),
    (str(SK.Statement), "statement"),
    (OWL + "Class", "class"),
    (OWL + "ObjectProperty", "property"),
    (OWL + "DatatypeProperty", "property"),
    (OWL + "AnnotationProperty", "property"),
    (OWL + "NamedIndividual", "individual"),
)
CATEGORY_RANK = {"class": 0, "property": 1, "individual": 2, "case": 3, "document": 4, "entity": 5}
CASE_PREFIX = str(SKR["case/"])
#: SpineKG's own terms come before imported ones (RadLex) that match as well.
OWN_NAMESPACES = (str(SK), str(SKR))
#: Sections and sentences are reached from their document, not from the search box.
UNSEARCHED_TYPES = (str(SK.Section), str(SK.Sentence))

EXACT, PREFIX, WORD_PREFIX, SUBSTRING, SIMILAR = range(5)
TIER_NAMES = {
    EXACT: "exact",
    PREFIX: "prefix",
    WORD_PREFIX: "word",
    SUBSTRING: "substring",
    SIMILAR: "similar",
}

#: Fuzzy matching is tried only for queries at least this long, and keeps matches this similar.
FUZZY_MIN_LENGTH = 4
FUZZY_MIN_SIMILARITY = 80.0
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
AUTOCOMPLETE_LIMIT = 10

_LABEL_QUERY = """
SELECT DISTINCT ?entity ?property ?text WHERE {
  VALUES ?property { %s }
  ?entity ?property ?text .
  FILTER(isIRI(?entity) && isLiteral(?text))
}
""" % " ".join(f"<{iri}>" for iri in LABEL_KINDS)

_TYPE_QUERY = """
SELECT DISTINCT ?entity ?type WHERE {
  VALUES ?type { %s }
  ?entity a ?type .
  FILTER(isIRI(?entity))
}
""" % " ".join(f"<{iri}>" for iri, _ in CATEGORIES + tuple((t, "") for t in UNSEARCHED_TYPES))


def search_key(text: str) -> str:
    """Fold a label or query for comparison: no accents or case, words of letters and digits.

    ``"T2-weighted"`` and ``"t2 weighted"`` share the key ``"t2 weighted"``.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"[0-9a-z]+", plain))


@dataclass(frozen=True)
class LabelEntry:
    """One searchable text of an entity."""

    iri: str
    text: str
    kind: str
    key: str

    @property
    def compact(self) -> str:
        """The key without spaces, so that ``t2weighted`` finds ``T2-weighted``."""
        return self.key.replace(" ", "")


@dataclass(frozen=True)
class SearchHit:
    """An entity that matched a query, with the text that matched and how."""

    iri: str
    label: str
    matched: str
    matched_kind: str
    tier: int
    category: str

    @property
    def match(self) -> str:
        """How the query matched: exact, prefix, word, substring or similar."""
        return TIER_NAMES[self.tier]

    def to_json(self, url: str) -> dict:
        """The hit as the autocomplete endpoint returns it."""
        return {
            "iri": self.iri,
            "label": self.label,
            "matched": self.matched,
            "matchedKind": self.matched_kind,
            "match": self.match,
            "category": self.category,
            "url": url,
        }


@dataclass
class LabelIndex:
    """The searchable texts of one release, and each entity's display label and category."""

    release_id: str
    entries: list[LabelEntry] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls, release_id: str, label_rows: Iterable[dict], type_rows: Iterable[dict]
    ) -> LabelIndex:
        """Build the index from the rows of the label and type queries.

        Args:
            release_id: the release the rows were read from.
            label_rows: rows with ``entity``, ``property`` and ``text`` (string values).
            type_rows: rows with ``entity`` and ``type``.
        """
        types: dict[str, set[str]] = {}
        for row in type_rows:
            types.setdefault(row["entity"], set()).add(row["type"])
        index = cls(release_id)
        for row in sorted(
            label_rows,
            key=lambda r: (r["entity"], LABEL_KIND_RANK[LABEL_KINDS[r["property"]]], r["text"]),
        ):
            iri, kind, text = row["entity"], LABEL_KINDS[row["property"]], row["text"]
            if kind == "label":
                index.labels.setdefault(iri, text)
            if types.get(iri, set()) & set(UNSEARCHED_TYPES):
                continue
            index.categories.setdefault(iri, _category(iri, types.get(iri, set())))
            index.entries.append(LabelEntry(iri, text, kind, search_key(text)))
        return index

    def label_of(self, iri: str) -> str | None:
        """The entity's label, or None when it has none."""
        return self.labels.get(iri)

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
        """Rank the entities whose texts match ``query``; at most one hit per entity.

        Args:
            query: what the reader typed.
            limit: how many hits to return at most.

        Returns:
            Hits ordered by tier (exact, prefix, word prefix, substring, similar), then SpineKG's
            own terms before imported ones, then by the kind of text matched (label before
            abbreviation before synonym), then shorter first.
        """
        key = search_key(query)
        if not key:
            return []
        best: dict[str, tuple] = {}
        for entry in self.entries:
            tier = _literal_tier(key, entry)
            if tier is not None:
                _keep_best(best, entry, tier, self)
        if len(best) < limit and len(key) >= FUZZY_MIN_LENGTH:
            for entry in self.entries:
                if entry.iri not in best and _similarity(key, entry.key) >= FUZZY_MIN_SIMILARITY:
                    _keep_best(best, entry, SIMILAR, self)
        ranked = sorted(best.values(), key=lambda item: item[0])
        return [hit for _, hit in ranked[:limit]]


def _category(iri: str, types: set[str]) -> str:
    if iri.startswith(CASE_PREFIX):
        return "case"
    return next((name for type_iri, name in CATEGORIES if type_iri in types), "entity")


def _literal_tier(key: str, entry: LabelEntry) -> int | None:
    """The best non-fuzzy tier at which ``key`` matches an entry, or None."""
    if entry.key == key or entry.compact == key.replace(" ", ""):
        return EXACT
    if entry.key.startswith(key):
        return PREFIX
    if f" {key}" in f" {entry.key}":
        return WORD_PREFIX
    if key in entry.key or key.replace(" ", "") in entry.compact:
        return SUBSTRING
    return None


def _similarity(key: str, candidate: str) -> float:
    """Edit similarity of the query to the closest run of as many words in the candidate."""
    words = candidate.split()
    width = len(key.split())
    if len(words) <= width:
        return fuzz.ratio(key, candidate)
    windows = (" ".join(words[i : i + width]) for i in range(len(words) - width + 1))
    return max(fuzz.ratio(key, window) for window in windows)


def _keep_best(best: dict, entry: LabelEntry, tier: int, index: LabelIndex) -> None:
    category = index.categories.get(entry.iri, "entity")
    imported = not entry.iri.startswith(OWN_NAMESPACES)
    rank = (
        tier,
        imported,
        LABEL_KIND_RANK[entry.kind],
        CATEGORY_RANK[category],
        len(entry.key),
        entry.key,
        entry.iri,
    )
    current = best.get(entry.iri)
    if current is None or rank < current[0]:
        label = index.label_of(entry.iri) or entry.text
        best[entry.iri] = (
            rank,
            SearchHit(entry.iri, label, entry.text, entry.kind, tier, category),
        )


class LabelIndexCache:
    """The label index of the served release, rebuilt when the release changes.

    Args:
        release_id: returns the id of the release the store serves now.
        load: builds the index for that release.
    """

    def __init__(self, release_id: Callable[[], str], load: Callable[[str], LabelIndex]):
        self._release_id = release_id
        self._load = load
        self._index: LabelIndex | None = None
        self._lock = threading.Lock()

    def get(self) -> LabelIndex:
        """Return the index of the current release, building it if the release changed."""
        release = self._release_id()
        index = self._index
        if index is not None and index.release_id == release:
            return index
        with self._lock:
            if self._index is None or self._index.release_id != release:
                self._index = self._load(release)
            return self._index


def load_label_index(release_id: str) -> LabelIndex:
    """Read every label, synonym and abbreviation and the entity types from the store."""
    return LabelIndex.from_rows(release_id, select_rows(_LABEL_QUERY), select_rows(_TYPE_QUERY))


def label_index() -> LabelIndex:
    """The label index of the release the app serves now, looked up once per request."""
    if "spinekg_labels" not in g:
        g.spinekg_labels = current_app.extensions["spinekg.labels"].get()
    return g.spinekg_labels


def init_app(app: Flask) -> None:
    """Register the blueprint and attach the label index cache to the app."""
    app.extensions["spinekg.labels"] = LabelIndexCache(served_release_id, load_label_index)
    app.register_blueprint(bp)


def _limit(default: int) -> int:
    try:
        return max(1, min(MAX_LIMIT, int(request.args.get("limit", default))))
    except ValueError:
        return default


@bp.get("/search")
def search_page():
    """Show the entities matching ``q``; one exact hit still lists, so the reader sees why."""
    from server.browse import entity_url

    query = request.args.get("q", "").strip()
    hits = label_index().search(query, _limit(MAX_LIMIT)) if query else []
    return render_template("search/results.html", query=query, hits=hits, entity_url=entity_url)


@bp.get("/api/autocomplete")
def autocomplete():
    """Answer the autocomplete box: ``{"query": ..., "results": [hit, ...]}`` as JSON."""
    from server.browse import entity_url

    query = request.args.get("q", "").strip()
    hits = label_index().search(query, _limit(AUTOCOMPLETE_LIMIT)) if query else []
    response = jsonify(
        {"query": query, "results": [hit.to_json(entity_url(hit.iri)) for hit in hits]}
    )
    response.headers["Cache-Control"] = "public, max-age=60"
    return response
