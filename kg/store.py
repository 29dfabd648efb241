"""Stores that serve a SpineKG release to SPARQL queries, found by name in one registry.

Two backends share one interface (:class:`GraphStore`):

* ``"oxigraph"`` (the default): an embedded pyoxigraph store on disk. :func:`load_release` bulk
  loads a release's ``spinekg.trig`` into a fresh directory, records its checksum and statistics,
  and swaps a ``current`` symlink to it atomically; readers open ``current`` read-only and follow
  the swap on their next query.
* ``"sparql"``: a remote SPARQL 1.1 server reached over HTTP with SPARQLWrapper, for deployments
  larger than one machine's embedded store. Queries are forwarded as they are and the answers are
  parsed back into the same pyoxigraph result objects the embedded store returns.

Layout of an oxigraph store directory::

    <store_dir>/current -> releases/<release id>        (relative symlink, swapped atomically)
    <store_dir>/releases/<release id>/store/             (the pyoxigraph database)
    <store_dir>/releases/<release id>/release.json       (checksum, source, statistics)

The release id is the first 16 hex digits of the SHA-256 of the TriG file, so loading the same
release twice does nothing the second time.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import urllib.error
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol, Union

import pyoxigraph
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from kg.errors import SpineKGError

DEFAULT_BACKEND = "oxigraph"
CURRENT_LINK = "current"
RELEASES_DIR = "releases"
DATABASE_DIR = "store"
RELEASE_RECORD = "release.json"
RELEASE_ID_LENGTH = 16

QueryResult = Union[pyoxigraph.QuerySolutions, pyoxigraph.QueryBoolean, Iterable[pyoxigraph.Triple]]


def iri_ref(value: str) -> str:
    """Write an IRI for a SPARQL query, refusing characters that would end the IRI early.

    Every query SpineKG's own code writes from a value (an entity page's IRI, a finding's term)
    goes through here, so a value can never break out of its ``<...>``.

    Raises:
        ValueError: if ``value`` is not usable as an IRI reference.
    """
    if not value or any(char in value for char in '<>"{}|^`\\ \n\t\r'):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


class StoreError(SpineKGError):
    """A store cannot be opened, loaded or queried."""

    exit_code = 4


class UnknownBackend(StoreError):
    """A store backend name that the registry does not hold."""

    exit_code = 2


class StoreNotLoaded(StoreError):
    """The store directory holds no release yet: run ``spinekg build`` and load the release."""


class ReleaseLoadError(StoreError):
    """A release file is missing or is not valid TriG."""

    exit_code = 2


class StoreUnavailable(StoreError):
    """The store failed while answering (a remote server down, timed out or erroring)."""


class RemoteQueryRejected(StoreError):
    """A remote SPARQL server refused a query as malformed."""


@dataclass(frozen=True)
class GraphStatistics:
    """Counts of one named graph, as VoID reports them for a ``void:subset``."""

    name: str
    triples: int
    classes: int
    properties: int
    distinct_subjects: int
    distinct_objects: int


@dataclass(frozen=True)
class DatasetStatistics:
    """Counts of a whole release: distinct triples over all graphs, and each named graph's."""

    triples: int
    classes: int
    properties: int
    distinct_subjects: int
    distinct_objects: int
    graphs: tuple[GraphStatistics, ...]

    @property
    def graph_names(self) -> frozenset[str]:
        """IRIs of the named graphs of the release."""
        return frozenset(graph.name for graph in self.graphs)

    def to_json(self) -> dict:
        """Return a JSON-ready dictionary."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> DatasetStatistics:
        """Rebuild statistics written by :meth:`to_json`."""
        graphs = tuple(GraphStatistics(**graph) for graph in data["graphs"])
        return cls(**{**data, "graphs": graphs})


@dataclass(frozen=True)
class StoreSettings:
    """What a backend needs to open a store; picklable, so query worker processes receive it."""

    backend: str = DEFAULT_BACKEND
    store_dir: Path | None = None
    endpoint: str | None = None
    timeout_seconds: float = 30.0


@dataclass(frozen=True)
class LoadedRelease:
    """The outcome of :func:`load_release`."""

    release_id: str
    checksum: str
    path: Path
    statistics: DatasetStatistics
    newly_loaded: bool


class GraphStore(Protocol):
    """What every backend offers: read-only SPARQL queries, graph names and statistics."""

    @property
    def release_id(self) -> str:
        """Identify the data being served; it changes when a new release is swapped in."""

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
    ) -> QueryResult:
        """Evaluate a SPARQL query.

        Args:
            sparql: the query text, already checked by the caller.
            default_graphs: graphs merged into the default graph (the protocol's
                ``default-graph-uri``); ``None`` keeps the store's own default graph.
            named_graphs: graphs visible to ``GRAPH`` (``named-graph-uri``); ``None`` for all.
            union_default_graph: let the default graph be the union of all graphs when the
                query and the protocol name no dataset.

        Returns:
            Solutions for SELECT, a boolean for ASK, triples for CONSTRUCT and DESCRIBE.
        """

    def graph_names(self) -> frozenset[str]:
        """Return the IRIs of the named graphs the store holds."""

    def statistics(self) -> DatasetStatistics:
        """Return the counts of the served release."""


@dataclass(frozen=True)
class Backend:
    """A registered backend: how to open it, and how to tell cheaply which release it serves."""

    open: Callable[[StoreSettings], GraphStore]
    release_id: Callable[[StoreSettings], str]


_BACKENDS: dict[str, Backend] = {}


def register_backend(name: str, backend: Backend) -> None:
    """Register a backend under ``name``."""
    _BACKENDS[name] = backend


def backend_names() -> tuple[str, ...]:
    """Return the registered backend names, for CLI choices and config checks."""
    return tuple(sorted(_BACKENDS))


def _backend(settings: StoreSettings) -> Backend:
    try:
        return _BACKENDS[settings.backend]
    except KeyError:
        raise UnknownBackend(
            f"unknown store backend {settings.backend!r}; "
            f"choose one of {', '.join(backend_names())}"
        ) from None


def open_store(settings: StoreSettings) -> GraphStore:
    """Open the store the settings name.

    Raises:
        UnknownBackend: if no backend is registered under ``settings.backend``.
    """
    return _backend(settings).open(settings)


def served_release_id(settings: StoreSettings) -> str:
    """Identify the release a store serves without opening it (to key caches by release).

    Raises:
        UnknownBackend: if no backend is registered under ``settings.backend``.
        StoreNotLoaded: if an oxigraph store directory holds no release yet.
    """
    return _backend(settings).release_id(settings)


# --------------------------------------------------------------------------------------------
# Statistics, computed with SPARQL so that every backend counts the same way
# --------------------------------------------------------------------------------------------

_PER_GRAPH_COUNTS = """
SELECT ?g (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
       (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?o) AS ?objects)
WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g
"""
_PER_GRAPH_CLASSES = """
SELECT ?g (COUNT(DISTINCT ?c) AS ?classes)
WHERE { GRAPH ?g { ?x <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?c } } GROUP BY ?g
"""
_DATASET_COUNTS = """
SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
       (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?o) AS ?objects)
WHERE { SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }
"""
_DATASET_CLASSES = """
SELECT (COUNT(DISTINCT ?c) AS ?classes) WHERE {
  { ?x <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?c }
  UNION { GRAPH ?g { ?x <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?c } }
}
"""


def compute_statistics(store: GraphStore) -> DatasetStatistics:
    """Count triples, classes, properties and distinct subjects, overall and per named graph.

    The dataset's ``triples`` counts distinct triples over the default graph and all named graphs
    (a triple in two graphs counts once); a graph's ``triples`` counts the triples of that graph.
    """
    per_graph = _select_rows(store, _PER_GRAPH_COUNTS)
    classes_by_graph = {
        row["g"]: int(row["classes"]) for row in _select_rows(store, _PER_GRAPH_CLASSES)
    }
    graphs = tuple(
        GraphStatistics(
            name=row["g"],
            triples=int(row["triples"]),
            classes=classes_by_graph.get(row["g"], 0),
            properties=int(row["properties"]),
            distinct_subjects=int(row["subjects"]),
            distinct_objects=int(row["objects"]),
        )
        for row in sorted(per_graph, key=lambda row: row["g"])
    )
    (totals,) = _select_rows(store, _DATASET_COUNTS)
    (classes,) = _select_rows(store, _DATASET_CLASSES)
    return DatasetStatistics(
        triples=int(totals["triples"]),
        classes=int(classes["classes"]),
        properties=int(totals["properties"]),
        distinct_subjects=int(totals["subjects"]),
        distinct_objects=int(totals["objects"]),
        graphs=graphs,
    )


def _select_rows(store: GraphStore, query: str) -> list[dict[str, str]]:
    """Run a SELECT without the union default graph and return rows of term values."""
    solutions = store.query(query, union_default_graph=False)
    names = [variable.value for variable in solutions.variables]
    return [
        {name: solution[name].value for name in names if solution[name] is not None}
        for solution in solutions
    ]


# --------------------------------------------------------------------------------------------
# The embedded oxigraph backend
# --------------------------------------------------------------------------------------------


class OxigraphStore:
    """A pyoxigraph store with the query options SpineKG uses; read-only when opened from disk."""

    def __init__(self, store: pyoxigraph.Store, release_id: str):
        self._store = store
        self._release_id = release_id

    @property
    def release_id(self) -> str:
        """Identify the loaded release."""
        return self._release_id

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
    ) -> QueryResult:
        """Evaluate a query on the pyoxigraph store (see :meth:`GraphStore.query`)."""
        options: dict = {}
        if default_graphs is not None:
            options["default_graph"] = [pyoxigraph.NamedNode(iri) for iri in default_graphs]
        if named_graphs is not None:
            options["named_graphs"] = [pyoxigraph.NamedNode(iri) for iri in named_graphs]
        if not options and union_default_graph:
            options["use_default_graph_as_union"] = True
        try:
            return self._store.query(sparql, **options)
        except OSError as error:
            raise StoreUnavailable(f"the store failed while answering: {error}") from error

    def graph_names(self) -> frozenset[str]:
        """Return the IRIs of the store's named graphs."""
        return frozenset(
            graph.value
            for graph in self._store.named_graphs()
            if isinstance(graph, pyoxigraph.NamedNode)
        )

    def statistics(self) -> DatasetStatistics:
        """Count the store's contents (see :func:`compute_statistics`)."""
        return compute_statistics(self)


class OxigraphReleaseStore:
    """The served release of an oxigraph store directory, opened read-only.

    It follows the ``current`` symlink: when :func:`load_release` swaps in a new release, the next
    query reopens the store there. Statistics come from the release record written at load time.
    """

    def __init__(self, store_dir: Path):
        self._store_dir = Path(store_dir)
        self._opened: OxigraphStore | None = None
        self._statistics: DatasetStatistics | None = None

    @property
    def release_id(self) -> str:
        """Identify the release ``current`` points to."""
        return current_release_id(self._store_dir)

    def query(self, sparql: str, **options) -> QueryResult:
        """Evaluate a query on the current release (see :meth:`GraphStore.query`)."""
        return self._current().query(sparql, **options)

    def graph_names(self) -> frozenset[str]:
        """Return the IRIs of the current release's named graphs."""
        return self.statistics().graph_names

    def statistics(self) -> DatasetStatistics:
        """Return the statistics recorded when the current release was loaded."""
        self._current()
        return self._statistics

    def _current(self) -> OxigraphStore:
        release_id = current_release_id(self._store_dir)
        if self._opened is None or self._opened.release_id != release_id:
            release_dir = self._store_dir / RELEASES_DIR / release_id
            try:
                store = pyoxigraph.Store.read_only(str(release_dir / DATABASE_DIR))
            except OSError as error:
                raise StoreUnavailable(
                    f"cannot open the store at {release_dir}: {error}"
                ) from error
            self._statistics = read_release_record(release_dir).statistics
            self._opened = OxigraphStore(store, release_id)
        return self._opened


def _oxigraph_store_dir(settings: StoreSettings) -> Path:
    if settings.store_dir is None:
        raise StoreError("the oxigraph backend needs a store directory (STORE_DIR)")
    return Path(settings.store_dir)


register_backend(
    "oxigraph",
    Backend(
        open=lambda settings: OxigraphReleaseStore(_oxigraph_store_dir(settings)),
        release_id=lambda settings: current_release_id(_oxigraph_store_dir(settings)),
    ),
)


def current_release_id(store_dir: Path) -> str:
    """Return the id of the release ``<store_dir>/current`` points to.

    Raises:
        StoreNotLoaded: if no release has been loaded into ``store_dir``.
    """
    try:
        target = os.readlink(Path(store_dir) / CURRENT_LINK)
    except FileNotFoundError:
        raise StoreNotLoaded(
            f"no release is loaded in {store_dir}; build one (spinekg build) and serve it"
        ) from None
    return Path(target).name


@dataclass(frozen=True)
class ReleaseRecord:
    """What ``release.json`` records about a loaded release."""

    checksum: str
    source: str
    statistics: DatasetStatistics


def read_release_record(release_dir: Path) -> ReleaseRecord:
    """Read ``release.json`` of a loaded release directory."""
    data = json.loads((Path(release_dir) / RELEASE_RECORD).read_text(encoding="utf-8"))
    return ReleaseRecord(
        checksum=data["checksum"],
        source=data["source"],
        statistics=DatasetStatistics.from_json(data["statistics"]),
    )


def file_checksum(path: Path) -> str:
    """Return the SHA-256 hex digest of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_release(trig_path: Path, store_dir: Path) -> LoadedRelease:
    """Load a release's TriG into a fresh on-disk store and make it the served one.

    The store is written aside (``releases/.loading-*``), statistics are computed and recorded,
    the directory is renamed into place and the ``current`` symlink is swapped atomically, so a
    reader sees either the old release or the new one, never a half-loaded store. Loading a file
    whose checksum is already current does nothing. The release before the new one is kept,
    since running readers may still have it open; older ones are removed.

    Args:
        trig_path: the release's ``spinekg.trig``.
        store_dir: the store directory (created if missing).

    Returns:
        The loaded release, with ``newly_loaded`` false when it was already current.

    Raises:
        ReleaseLoadError: if the file is missing or is not valid TriG.
    """
    trig_path, store_dir = Path(trig_path), Path(store_dir)
    if not trig_path.is_file():
        raise ReleaseLoadError(f"release file not found: {trig_path}")
    releases = store_dir / RELEASES_DIR
    releases.mkdir(parents=True, exist_ok=True)
    checksum = file_checksum(trig_path)
    release_id = checksum[:RELEASE_ID_LENGTH]
    target = releases / release_id
    with _exclusive_lock(store_dir / ".load.lock"):
        if _is_current(store_dir, release_id, checksum):
            record = read_release_record(target)
            return LoadedRelease(
                release_id, checksum, target, record.statistics, newly_loaded=False
            )
        if not _is_complete(target, checksum):
            shutil.rmtree(target, ignore_errors=True)
            _build_release_dir(trig_path, checksum, releases, target)
        previous_id = _swap_current(store_dir, release_id)
        _prune_releases(releases, keep={release_id, previous_id})
    record = read_release_record(target)
    return LoadedRelease(release_id, checksum, target, record.statistics, newly_loaded=True)


def _build_release_dir(trig_path: Path, checksum: str, releases: Path, target: Path) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".loading-", dir=releases))
    try:
        store = pyoxigraph.Store(str(staging / DATABASE_DIR))
        try:
            store.bulk_load(path=str(trig_path), format=pyoxigraph.RdfFormat.TRIG)
        except SyntaxError as error:
            raise ReleaseLoadError(f"{trig_path} is not valid TriG: {error}") from error
        statistics = OxigraphStore(store, target.name).statistics()
        store.flush()
        del store
        record = {
            "checksum": checksum,
            "source": str(trig_path),
            "statistics": statistics.to_json(),
        }
        (staging / RELEASE_RECORD).write_text(json.dumps(record, indent=2), encoding="utf-8")
        os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _is_complete(release_dir: Path, checksum: str) -> bool:
    try:
        return read_release_record(release_dir).checksum == checksum
    except FileNotFoundError:
        return False


def _is_current(store_dir: Path, release_id: str, checksum: str) -> bool:
    try:
        current = current_release_id(store_dir)
    except StoreNotLoaded:
        return False
    return current == release_id and _is_complete(store_dir / RELEASES_DIR / release_id, checksum)


def _swap_current(store_dir: Path, release_id: str) -> str | None:
    """Point ``current`` at ``release_id`` atomically; return the id it pointed at before."""
    link = store_dir / CURRENT_LINK
    try:
        previous_id = Path(os.readlink(link)).name
    except FileNotFoundError:
        previous_id = None
    staged_link = store_dir / f".{CURRENT_LINK}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        staged_link.unlink()
    os.symlink(f"{RELEASES_DIR}/{release_id}", staged_link)
    os.replace(staged_link, link)
    return previous_id


def _prune_releases(releases: Path, keep: set[str]) -> None:
    for entry in releases.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)


@contextlib.contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    with open(path, "a+b") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


# --------------------------------------------------------------------------------------------
# The remote SPARQL backend
# --------------------------------------------------------------------------------------------


class RemoteSparqlStore:
    """A remote SPARQL 1.1 server, queried over HTTP with SPARQLWrapper.

    Answers come back as SPARQL JSON results (SELECT, ASK) or Turtle (CONSTRUCT, DESCRIBE) and are
    parsed with pyoxigraph, so callers get the same objects as from the embedded store. The
    remote server decides what its default graph is; ``union_default_graph`` cannot change it.
    Graph names and statistics are asked once per instance and kept.
    """

    def __init__(self, endpoint: str, timeout_seconds: float = 30.0):
        self._endpoint = endpoint
        self._timeout_seconds = timeout_seconds
        self._statistics: DatasetStatistics | None = None

    @property
    def release_id(self) -> str:
        """Identify the data by the endpoint serving it."""
        return self._endpoint

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
    ) -> QueryResult:
        """Forward a query to the remote server (see :meth:`GraphStore.query`)."""
        wrapper = SPARQLWrapper(self._endpoint)
        wrapper.setMethod(POST)
        wrapper.setOnlyConneg(True)
        wrapper.setTimeout(max(1, round(self._timeout_seconds)))
        wrapper.setQuery(sparql)
        for iri in default_graphs or ():
            wrapper.addDefaultGraph(iri)
        for iri in named_graphs or ():
            wrapper.addNamedGraph(iri)
        graph_result = wrapper.queryType in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if graph_result else JSON)
        body = self._fetch(wrapper)
        if graph_result:
            return _triples(pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.TURTLE))
        return pyoxigraph.parse_query_results(body, format=pyoxigraph.QueryResultsFormat.JSON)

    def graph_names(self) -> frozenset[str]:
        """Return the remote dataset's named graphs."""
        return self.statistics().graph_names

    def statistics(self) -> DatasetStatistics:
        """Count the remote dataset once and keep the answer."""
        if self._statistics is None:
            self._statistics = compute_statistics(self)
        return self._statistics

    def _fetch(self, wrapper: SPARQLWrapper) -> bytes:
        try:
            with contextlib.closing(wrapper.query().response) as response:
                return response.read()
        except QueryBadFormed as error:
            raise RemoteQueryRejected(
                f"the remote SPARQL server rejected the query: {error}"
            ) from error
        except (
            SPARQLWrapperException,
            urllib.error.URLError,
            TimeoutError,
            ConnectionError,
        ) as error:
            raise StoreUnavailable(
                f"the remote SPARQL server {self._endpoint} failed: {error}"
            ) from error


def _triples(quads: Iterable[pyoxigraph.Quad]) -> Iterator[pyoxigraph.Triple]:
    for quad in quads:
        yield quad.triple


def _remote_endpoint(settings: StoreSettings) -> str:
    if not settings.endpoint:
        raise StoreError("the sparql backend needs the remote endpoint URL (STORE_ENDPOINT)")
    return settings.endpoint


register_backend(
    "sparql",
    Backend(
        open=lambda settings: RemoteSparqlStore(
            _remote_endpoint(settings), settings.timeout_seconds
        ),
        release_id=_remote_endpoint,
    ),
)
