"""The production entry point: :func:`server.wsgi.serve` runs gunicorn in a subprocess.

The fixture starts ``serve`` on a free loopback port with a fresh store directory, so the
release is loaded by ``serve`` itself; the tests then talk to gunicorn with real clients, check
the process layout the module docstring promises, and that stopping the server leaves no process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
import requests
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.namespaces import SD, SK, SKR
from kg.store import CURRENT_LINK, current_release_id, file_checksum
from server.config import RELEASE_FILE
from tests.support import free_port

HTTP_WORKERS = 1
QUERY_WORKERS = 2
START_TIMEOUT_SECONDS = 60
CARTESIAN = """SELECT (COUNT(*) AS ?n) WHERE {
  GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } GRAPH ?g3 { ?h ?i ?j }
  GRAPH ?g4 { ?k ?l ?m } GRAPH ?g5 { ?n1 ?o ?p } GRAPH ?g6 { ?q ?r ?s }
}"""


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            children.append(int(entry.name))
    return children


def _descendants(pid: int) -> list[int]:
    found = []
    for child in _children(pid):
        found.append(child)
        found.extend(_descendants(child))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within {START_TIMEOUT_SECONDS} s")


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory, release_dir):
    """``serve`` running in a subprocess; yields (endpoint URL, master pid, store dir)."""
    store_dir = tmp_path_factory.mktemp("gunicorn-store")
    port = free_port()
    env = {
        **os.environ,
        "SPINEKG_RELEASE_DIR": str(release_dir),
        "SPINEKG_STORE_DIR": str(store_dir),
        "SPINEKG_QUERY_TIMEOUT": "1",
    }
    command = [
        sys.executable,
        "-c",
        "from server.wsgi import serve; "
        f"serve('127.0.0.1', {port}, workers={QUERY_WORKERS}, http_workers={HTTP_WORKERS})",
    ]
    log = tmp_path_factory.mktemp("gunicorn-log") / "stderr.log"
    with open(log, "wb") as stderr:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    endpoint = f"http://127.0.0.1:{port}/sparql"
    try:
        _wait_until_serving(endpoint, process, log)
        yield endpoint, process.pid, store_dir
    finally:
        descendants = _descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in descendants) and time.monotonic() < deadline:
            time.sleep(0.1)
        leftover = [pid for pid in descendants if _alive(pid)]
        for pid in leftover:
            os.kill(pid, signal.SIGKILL)
        assert leftover == [], f"processes left after shutdown: {leftover}"


def test_serve_loaded_the_release_into_the_store(gunicorn, release_dir):
    _, _, store_dir = gunicorn
    assert (store_dir / CURRENT_LINK).is_symlink()
    assert file_checksum(release_dir / RELEASE_FILE).startswith(current_release_id(store_dir))


def test_sparqlwrapper_through_gunicorn(gunicorn):
    endpoint, _, _ = gunicorn
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery(
        "PREFIX sk: <https://w3id.org/spinekg/ontology/> "
        "SELECT ?s WHERE { ?s a sk:Statement } ORDER BY ?s"
    )
    wrapper.setReturnFormat(JSON)
    rows = [b["s"]["value"] for b in wrapper.query().convert()["results"]["bindings"]]
    assert rows == [
        str(SKR["statement/000_891c798bf44889b1/S001"]),
        str(SKR["statement/000_891c798bf44889b1/S002"]),
    ]


def test_rdflib_sparqlstore_through_gunicorn(gunicorn):
    endpoint, _, _ = gunicorn
    graph = rdflib.Graph(SPARQLStore(endpoint))
    assert (SK.ExtraduralCavernousHemangioma, SK.hasSignal, SK.Hyperintense) in graph
    assert len(set(graph.subjects(RDF.type, SK.Statement))) == 2


def test_service_description_through_gunicorn(checked, gunicorn):
    endpoint, _, _ = gunicorn
    response = checked(requests.get(endpoint, headers={"Accept": "text/turtle"}))
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert graph.value(service, SD.endpoint) == rdflib.URIRef(endpoint)


def _is_resource_tracker(pid: int) -> bool:
    return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()


def _http_workers(master: int) -> list[int]:
    return [pid for pid in _children(master) if not _is_resource_tracker(pid)]


def test_process_layout(checked, gunicorn):
    endpoint, master, _ = gunicorn
    checked(requests.get(endpoint, params={"query": "ASK { ?s ?p ?o }"}))
    everything = _descendants(master)
    assert len(everything) == 1 + HTTP_WORKERS * (1 + QUERY_WORKERS)
    assert len([pid for pid in _children(master) if _is_resource_tracker(pid)]) == 1
    http_workers = _http_workers(master)
    assert len(http_workers) == HTTP_WORKERS
    query_workers = [pid for worker in http_workers for pid in _children(worker)]
    assert len(query_workers) == HTTP_WORKERS * QUERY_WORKERS
    assert all(_children(pid) == [] for pid in query_workers)


def test_expensive_query_is_killed_under_gunicorn_and_the_next_is_answered(checked, gunicorn):
    endpoint, master, _ = gunicorn
    (http_worker,) = _http_workers(master)
    before = set(_children(http_worker))
    response = checked(requests.get(endpoint, params={"query": CARTESIAN}))
    assert response.status_code == 503
    assert "exceeded the 1 s limit" in response.text
    after = checked(requests.get(endpoint, params={"query": "ASK { ?s ?p ?o }"}))
    assert after.status_code == 200
    assert after.json()["boolean"] is True
    now = set(_children(http_worker))
    assert len(now) == len(before)
    assert len(before - now) == 1


def test_long_get_query_is_413_under_gunicorn(checked, gunicorn):
    endpoint, _, _ = gunicorn
    comment = "#" + "x" * (300 * 1024)
    response = checked(requests.get(endpoint, params={"query": "ASK {}\n" + comment}))
    assert response.status_code == 413


def test_update_is_refused_under_gunicorn(checked, gunicorn):
    endpoint, _, _ = gunicorn
    response = checked(requests.post(endpoint, data={"update": "CLEAR ALL"}))
    assert response.status_code == 403
