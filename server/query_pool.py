"""A pool of query worker processes that enforces the per-query time limit by killing.

Each worker is a process started with the ``spawn`` method (never ``fork``, since the HTTP process
runs threads), opens the store read-only once, and answers jobs sent over a pipe one at a time.
The HTTP thread that sent a job waits for the answer for at most the time limit; when the limit
passes it kills the worker with SIGKILL, starts a replacement and reports
:class:`~server.errors.QueryTimeout`, so one runaway query never holds the server. A worker that
dies on its own (past its memory limit, say) is replaced the same way. The start-up of a worker
(imports, opening the store) is awaited before the query is sent and does not count against the
query's time.

Each worker may also be given a heap limit (``RLIMIT_DATA``): a query that allocates past it makes
the worker abort, which is answered as :class:`~server.errors.QueryWorkerFailed` (503).

Each HTTP worker process owns one pool, created on its first use (see :func:`pool_for`), so a
process forked from one that owned a pool never shares its pipes. Because "spawn" re-imports the
main module in each worker, a script that starts the app must guard its entry point with
``if __name__ == "__main__":`` (console scripts, gunicorn and pytest already do).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection

from kg.store import StoreError, StoreSettings, open_store
from server.errors import QueryTimeout, QueryWorkerFailed, ServiceBusy, SparqlRequestError
from server.query_execution import QueryRequest, execute

LOG = logging.getLogger(__name__)

STARTUP_TIMEOUT_SECONDS = 60.0
STOP_GRACE_SECONDS = 2.0
#: RDFLib's SPARQL parser recurses per nesting level and per '.'-separated pattern; Python's
#: default limit (1000) stops it near 90 patterns. 20000 admits about 1500 on the main thread's
#: 8 MiB stack; past that the parser reports a clear error instead of crashing the worker.
PARSER_RECURSION_LIMIT = 20_000


@dataclass(frozen=True)
class PoolSettings:
    """How many workers to run, what they open and how much memory each may take."""

    store: StoreSettings
    processes: int = 2
    memory_limit_bytes: int = 0


@dataclass(frozen=True)
class StatisticsJob:
    """Ask a worker for the served release's id and statistics."""


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    ready: bool = False


class QueryPool:
    """A fixed number of query worker processes, each used by one request at a time."""

    def __init__(self, settings: PoolSettings):
        self._settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[int] = set()
        self._closed = False
        for _ in range(settings.processes):
            self._idle.put(self._start_worker())
        atexit.register(self.close)

    @property
    def worker_pids(self) -> frozenset[int]:
        """Process ids of the live workers."""
        with self._lock:
            return frozenset(self._workers)

    def run(self, job: QueryRequest | StatisticsJob, timeout_seconds: float) -> object:
        """Run one job on a free worker and return its answer.

        Args:
            job: the query, or a request for statistics.
            timeout_seconds: how long the job may run before its worker is killed; a request also
                waits at most this long for a worker to become free.

        Returns:
            A :class:`~server.query_execution.QueryResponse`, or ``(release_id, statistics)``.

        Raises:
            SparqlRequestError: what the worker reported, or QueryTimeout, QueryWorkerFailed or
                ServiceBusy.
            kg.store.StoreError: when the store failed.
        """
        worker = self._acquire(timeout_seconds)
        try:
            status, answer = self._exchange(worker, job, timeout_seconds)
        except BaseException:
            # The worker's state is unknown after any failure of the exchange: start afresh.
            self._replace(worker)
            raise
        self._idle.put(worker)
        if status == "error":
            raise answer
        return answer

    def close(self) -> None:
        """Stop every worker: close its pipe so it exits, and kill it if it does not."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            self._stop(worker)

    def _acquire(self, wait_seconds: float) -> _Worker:
        try:
            return self._idle.get(timeout=wait_seconds)
        except queue.Empty:
            raise ServiceBusy(
                f"all {self._settings.processes} query workers stayed busy for {wait_seconds:g} s; "
                "try again shortly"
            ) from None

    def _exchange(self, worker: _Worker, job: object, timeout_seconds: float) -> tuple[str, object]:
        try:
            if not worker.ready:
                self._await_ready(worker)
            worker.connection.send(job)
            if not worker.connection.poll(timeout_seconds):
                LOG.warning(
                    "query exceeded %g s; killing worker %s", timeout_seconds, worker.process.pid
                )
                raise QueryTimeout(
                    f"the query exceeded the {timeout_seconds:g} s limit and was stopped; "
                    "narrow it down (add LIMIT, fewer joins) or use a query the limit allows"
                )
            return worker.connection.recv()
        except (EOFError, OSError) as error:
            raise QueryWorkerFailed(
                "the query worker stopped while answering (it may have exceeded its memory limit)"
            ) from error

    def _await_ready(self, worker: _Worker) -> None:
        if not worker.connection.poll(STARTUP_TIMEOUT_SECONDS):
            raise QueryWorkerFailed(
                f"a query worker did not start within {STARTUP_TIMEOUT_SECONDS:g} s"
            )
        status, answer = worker.connection.recv()
        if status != "ready":
            raise answer
        worker.ready = True

    def _start_worker(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=worker_main,
            args=(child_end, self._settings),
            name="spinekg-query-worker",
            daemon=True,
        )
        process.start()
        child_end.close()
        with self._lock:
            self._workers.add(process.pid)
        return _Worker(process=process, connection=parent_end)

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        if not self._closed:
            self._idle.put(self._start_worker())

    def _stop(self, worker: _Worker) -> None:
        worker.connection.close()
        worker.process.join(STOP_GRACE_SECONDS)
        self._kill(worker)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.connection.close()
        with self._lock:
            self._workers.discard(worker.process.pid)


def worker_main(connection: Connection, settings: PoolSettings) -> None:
    """Serve jobs from the pipe until it closes (the body of a worker process)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.setrecursionlimit(PARSER_RECURSION_LIMIT)
    if settings.memory_limit_bytes:
        resource.setrlimit(
            resource.RLIMIT_DATA, (settings.memory_limit_bytes, settings.memory_limit_bytes)
        )
    try:
        store = open_store(settings.store)
    except StoreError as error:
        connection.send(("error", error))
        return
    connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        connection.send(_answer(store, job))


def _answer(store, job: QueryRequest | StatisticsJob) -> tuple[str, object]:
    try:
        if isinstance(job, StatisticsJob):
            return "ok", (store.release_id, store.statistics())
        return "ok", execute(store, job)
    except (SparqlRequestError, StoreError) as error:
        return "error", error


_POOLS: dict[tuple[int, PoolSettings], QueryPool] = {}
_POOLS_LOCK = threading.Lock()


def pool_for(settings: PoolSettings) -> QueryPool:
    """Return this process's pool for these settings, starting it on first use.

    Pools are kept per process id, so a process forked from one that owned a pool starts its own.
    """
    key = (os.getpid(), settings)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            pool = _POOLS[key] = QueryPool(settings)
        return pool


def close_pools() -> None:
    """Stop every pool this process started."""
    with _POOLS_LOCK:
        mine = [key for key in _POOLS if key[0] == os.getpid()]
        pools = [_POOLS.pop(key) for key in mine]
    for pool in pools:
        pool.close()
