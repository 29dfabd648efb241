"""``spinekg ingest`` and ``spinekg review`` end to end, on a private copy of the small corpus.

Each test runs the installed console script as a user does, with real builds (HermiT, pySHACL) into
a temporary build folder, and checks the release it leaves behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rdflib import Dataset, Literal
from rdflib.namespace import PROV, RDF

from kg.config import PROJECT_ROOT
from kg.namespaces import SK, document_graph

SPINEKG = str(Path(sys.executable).parent / "spinekg")
MINI = PROJECT_ROOT / "tests" / "data" / "mini"
DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.slow


def make_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF (Helvetica) that shows the given lines of ASCII text."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({escape(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


class Project:
    """A private project folder (corpus, curation, build) and the environment that points at it."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(MINI / "corpus", root / "corpus")
        shutil.copytree(MINI / "curation", root / "curation")
        self.env = {
            "SPINEKG_CORPUS_DIR": str(root / "corpus"),
            "SPINEKG_CURATION_DIR": str(root / "curation"),
            "SPINEKG_BUILD_DIR": str(root / "build"),
            "SPINEKG_MAX_PAPER_BYTES": "20000",
        }

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([SPINEKG, *args], capture_output=True, text=True, env={**os.environ, **self.env}, timeout=600)

    def release(self) -> Path:
        return (self.root / "build" / "release" / "current").resolve()

    def manifest(self) -> list[dict]:
        return yaml.safe_load((self.root / "corpus" / "manifest.yaml").read_text())["documents"]

    def dataset(self) -> Dataset:
        dataset = Dataset()
        dataset.parse(self.release() / "spinekg.trig", format="trig")
        return dataset

    def state(self) -> tuple:
        """What must not change when an ingest is refused: the release and every input file."""
        files = sorted(p for p in self.root.rglob("*") if p.is_file() and "build" not in p.parts)
        return self.release(), {p: p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    """The small corpus with a first release, then one paper ingested (the state the tests below share)."""
    project = Project(tmp_path_factory.mktemp("ingest"))
    assert project.run("build", "--quiet").returncode == 0
    project.first_release = project.release()
    shutil.copy(DATA / "breast_epidural.txt", project.root / "breast.txt")
    shutil.copy(DATA / "breast_epidural.yaml", project.root / "breast.yaml")
    project.ingest = project.run("ingest", str(project.root / "breast.txt"), "--quiet")
    project.doc_id = project.manifest()[-1]["id"]
    return project


def statements_of(dataset: Dataset, doc_id: str) -> set:
    graph = dataset.graph(document_graph(doc_id))
    return set(graph.subjects(RDF.type, SK.Statement))


def test_a_new_paper_becomes_part_of_a_release_in_its_own_named_graph(built):
    assert built.ingest.returncode == 0, built.ingest.stderr
    assert "statements by kind:" in built.ingest.stdout and "confidence: min" in built.ingest.stdout
    assert built.release() != built.first_release
    entry = built.manifest()[-1]
    assert entry["title"] == "Epidural metastasis from breast carcinoma: a case report"
    assert entry["kind"] == "case report"
    dataset = built.dataset()
    graph = dataset.graph(document_graph(built.doc_id))
    statements = statements_of(dataset, built.doc_id)
    assert len(statements) >= 15
    for node in statements:
        assert graph.value(node, SK.method) == SK.Extracted
        assert graph.value(node, PROV.wasGeneratedBy) is not None
        assert 0 < float(graph.value(node, SK.confidence)) <= 1
        assert str(graph.value(node, SK.decidedBy)).startswith("spinekg-extract")
        assert graph.value(node, SK.evidence) is not None
    assert statements_of(dataset, "mini_case")


def test_reingesting_the_same_paper_is_refused_then_replaces_with_replace(built):
    before = len(statements_of(built.dataset(), built.doc_id))
    refused = built.run("ingest", str(built.root / "breast.txt"), "--quiet")
    assert refused.returncode == 2
    assert refused.stderr.count("error:") == 1 and "duplicate" in refused.stderr
    replaced = built.run("ingest", str(built.root / "breast.txt"), "--replace", "--quiet")
    assert replaced.returncode == 0, replaced.stderr
    assert len([e for e in built.manifest() if e["id"] == built.doc_id]) == 1
    assert len(statements_of(built.dataset(), built.doc_id)) == before


def test_review_accept_records_who_decided_and_reject_keeps_it_out(built):
    strict = built.run("ingest", str(built.root / "breast.txt"), "--replace", "--threshold", "0.99", "--quiet")
    assert strict.returncode == 0, strict.stderr
    waiting = yaml.safe_load((built.root / "review" / f"{built.doc_id}.yaml").read_text())["statements"]
    acceptable = [s for s in waiting if not s["subject"].startswith("case:") and "object" in s]
    assert len(acceptable) >= 2, waiting
    accept, reject = acceptable[0]["id"], acceptable[1]["id"]
    accepted = built.run("review", "accept", built.doc_id, accept, "--by", "Dr Example")
    assert accepted.returncode == 0, accepted.stderr
    rejected = built.run("review", "reject", built.doc_id, reject, "--by", "Dr Example")
    assert rejected.returncode == 0, rejected.stderr
    dataset = built.dataset()
    graph = dataset.graph(document_graph(built.doc_id))
    ids = {str(graph.value(n, SK.curationId)): n for n in statements_of(dataset, built.doc_id)}
    assert graph.value(ids[accept], SK.decidedBy) == Literal("Dr Example")
    assert graph.value(ids[accept], SK.decidedAt) is not None
    assert reject not in ids
    review = yaml.safe_load((built.root / "review" / f"{built.doc_id}.yaml").read_text())
    assert [s["id"] for s in review["rejected"]] == [reject]
    assert review["rejected"][0]["decidedBy"] == "Dr Example"
    again = built.run("ingest", str(built.root / "breast.txt"), "--replace", "--no-build", "--quiet")
    assert again.returncode == 0, again.stderr
    extracted = yaml.safe_load((built.root / "extracted" / f"{built.doc_id}.yaml").read_text())
    assert next(s for s in extracted["statements"] if s["id"] == accept)["decidedBy"] == "Dr Example"
    assert reject not in {s["id"] for s in extracted["statements"]}


def test_a_pdf_paper_is_converted_with_pdftotext_and_ingested(built):
    pdf = built.root / "case.pdf"
    pdf.write_bytes(make_pdf([
        "Thoracic epidural hematoma: a case report",
        "A 62-year-old man presented with sudden back pain.",
        "MRI showed a mass in the dorsal epidural space at T5-T6.",
        "The lesion was hyperintense on T2-weighted images.",
    ]))
    result = built.run("ingest", str(pdf), "--title", "Thoracic epidural hematoma", "--kind", "case report", "--no-build", "--quiet")
    assert result.returncode == 0, result.stderr
    entry = next(e for e in built.manifest() if e["title"] == "Thoracic epidural hematoma")
    text = (built.root / "corpus" / entry["file"]).read_text()
    assert "A 62-year-old man presented with sudden back pain." in text
    extracted = yaml.safe_load((built.root / "extracted" / f"{entry['id']}.yaml").read_text())
    facts = {(s["subject"], s["predicate"], s.get("object", s.get("value"))) for s in extracted["statements"]}
    assert ("case:patient", "hasAge", 62) in facts and ("case:lesion", "atLevel", "T5") in facts


BAD_INPUTS = {
    "empty": (lambda p: p.write_bytes(b""), "empty"),
    "binary": (lambda p: p.write_bytes(b"\x00\x01\x02binary data"), "binary content"),
    "non-utf8": (lambda p: p.write_bytes("Un cas clinique décrit en Latin-1.".encode("latin-1")), "not valid UTF-8"),
    "truncated-pdf": (lambda p: p.write_bytes(make_pdf(["A 40-year-old man."])[:300]), "truncated PDF"),
    "huge": (lambda p: p.write_text("The spine. " * 3000), "over the limit"),
    "duplicate": (lambda p: shutil.copy(DATA / "breast_epidural.txt", p), "duplicate"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_one_error_line_and_changes_nothing(built, case):
    write, expected = BAD_INPUTS[case]
    paper = built.root / "incoming" / (f"{case}.pdf" if "pdf" in case else f"{case}.txt")
    paper.parent.mkdir(exist_ok=True)
    write(paper)
    before = built.state()
    result = built.run("ingest", str(paper), "--quiet")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert built.state() == before
    paper.unlink()


def test_a_failing_build_restores_every_file_and_keeps_the_release(built, tmp_path):
    broken_shapes = tmp_path / "shapes"
    shutil.copytree(PROJECT_ROOT / "ontology" / "shapes", broken_shapes)
    (broken_shapes / "always-fails.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix sk: <https://w3id.org/spinekg/ontology/> .\n"
        "<urn:x> a sh:NodeShape ; sh:targetClass sk:Document ; sh:property [ sh:path sk:noSuchProperty ; sh:minCount 1 ] .\n"
    )
    (built.root / "other.txt").write_text((DATA / "lumbar_myeloma.txt").read_text())
    before = built.state()
    result = subprocess.run([SPINEKG, "ingest", str(built.root / "other.txt"), "--quiet"], capture_output=True, text=True,
                            env={**os.environ, **built.env, "SPINEKG_SHAPES_DIR": str(broken_shapes)}, timeout=600)
    assert result.returncode == 1
    assert "error:" in result.stderr and "Traceback" not in result.stderr
    assert built.state() == before
