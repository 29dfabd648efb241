"""Add a paper to the corpus: check it, convert it, extract its statements, rebuild, or change nothing.

``spinekg ingest PAPER...`` runs, for every paper (a ``.txt`` or ``.pdf`` file, or a folder of them):

1. **check** the input: not empty, not over ``Settings.max_paper_bytes``, a PDF that is complete
   (ends with ``%%EOF``) and that ``pdftotext`` can read, text that is UTF-8 without NUL bytes, not
   already in the corpus (same checksum) unless ``replace`` is asked. All papers are checked before
   anything is written, and every problem is one line of the error;
2. **convert** a PDF to text with Debian's ``pdftotext`` (poppler) in its default reading-order mode:
   ``-layout`` keeps the printed columns side by side on one line, which interleaves the sentences of
   a two-column page, while the default mode emits each column's text in reading order. The text file
   is the corpus document, so every evidence offset refers to it;
3. **register** it: ``corpus/<id>.txt`` and a manifest entry (id = a slug of the title + the first 8
   hex digits of the text's SHA-256; title, citation and kind from the command line or a sidecar
   YAML file, by default ``<paper>.yaml`` beside the paper);
4. **extract** its statements (:mod:`kg.extract.pipeline`): confident ones to
   ``extracted/<id>.yaml``, the others to ``review/<id>.yaml``; statements a curator already accepted
   or rejected keep that decision when the paper is ingested again;
5. **build** the release. If the build fails, the paper's extracted statements are moved to the review
   file and the build is tried once more with the document alone; if that fails too, every file the
   ingest touched is restored and the last good release stays current.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.config import Settings
from kg.corpus import MANIFEST_NAME, load_manifest
from kg.documents import Document
from kg.errors import DocumentError, SpineKGError
from kg.extract.pipeline import CONFIDENCE_THRESHOLD, EXTRACTOR, Extraction, Extractor

PAPER_SUFFIXES = {".txt", ".pdf"}
SIDECAR_KEYS = {"title", "citation", "kind"}
PDF_TIMEOUT_SECONDS = 120


class IngestError(DocumentError):
    """One or more papers cannot be ingested; nothing was changed."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems) if len(problems) > 1 else problems[0])


@dataclass
class Paper:
    """A paper checked and ready to be registered."""

    source: Path
    text: str
    sha256: str
    doc_id: str
    metadata: dict
    replaces: bool = False


@dataclass
class IngestReport:
    """What an ingest did, for the summary the command prints."""

    papers: list[Paper] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    demoted: list[str] = field(default_factory=list)
    release: str = ""

    def lines(self) -> list[str]:
        """The summary: statements by kind, the confidence spread, words not recognised."""
        out = []
        for paper, extraction in zip(self.papers, self.extractions):
            verb = "replaced" if paper.replaces else "added"
            out.append(f"{verb} {paper.doc_id} ({paper.source.name}): {len(extraction.accepted)} statement(s) in the graph, "
                       f"{len(extraction.review)} for review (review/{paper.doc_id}.yaml)")
        statements = [s for e in self.extractions for s in e.statements]
        kinds = Counter(s["kind"] for s in statements)
        out.append("statements by kind: " + (", ".join(f"{k} {n}" for k, n in kinds.most_common()) or "none"))
        out.append("confidence: " + confidence_spread([s["confidence"] for s in statements]))
        unknown = Counter()
        for extraction in self.extractions:
            unknown.update(extraction.unrecognised)
        out.append("not recognised: " + (", ".join(f"{w} ({n})" for w, n in unknown.most_common(15)) or "nothing"))
        out += [f"build failed with the extracted statements of {d}; they were moved to review" for d in self.demoted]
        if self.release:
            out.append(f"release: {self.release}")
        return out


def confidence_spread(values: list[float]) -> str:
    """Minimum, median and maximum, and counts in four bands."""
    if not values:
        return "no statements"
    ordered = sorted(values)
    bands = Counter(min(int(v * 4), 3) for v in ordered)
    band_text = ", ".join(f"{k / 4:.2f}-{(k + 1) / 4:.2f}: {bands.get(k, 0)}" for k in range(4))
    return f"min {ordered[0]:.2f}, median {ordered[len(ordered) // 2]:.2f}, max {ordered[-1]:.2f} ({band_text})"


def collect_papers(paths: list[Path]) -> list[Path]:
    """The paper files named, folders expanded to their ``.txt`` and ``.pdf`` files."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in PAPER_SUFFIXES)
        else:
            found.append(path)
    return found


def read_paper(path: Path, limit: int) -> str:
    """The text of a paper file, or a :class:`DocumentError` saying in one line what is wrong with it."""
    if not path.is_file():
        raise DocumentError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(f"{path.name}: the file is empty")
    if size > limit:
        raise DocumentError(f"{path.name}: {size} bytes is over the limit of {limit} bytes (SPINEKG_MAX_PAPER_BYTES)")
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return pdf_to_text(path, data)
    return decode_text(path.name, data)


def decode_text(name: str, data: bytes) -> str:
    """UTF-8 text with something to read in it."""
    if b"\x00" in data:
        raise DocumentError(f"{name}: binary content (NUL bytes), not a text or PDF paper")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DocumentError(f"{name}: not valid UTF-8 at byte {err.start}; save the text as UTF-8") from err
    if not text.strip():
        raise DocumentError(f"{name}: the file holds only white space")
    return text


def pdf_to_text(path: Path, data: bytes) -> str:
    """Text of a complete PDF by ``pdftotext`` (reading order, UTF-8, no page-break characters)."""
    if b"%%EOF" not in data[-1024:]:
        raise DocumentError(f"{path.name}: truncated PDF (no %%EOF marker at its end)")
    if shutil.which("pdftotext") is None:
        raise SpineKGError("pdftotext is not installed (Debian package poppler-utils; scripts/setup.sh installs it)")
    try:
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-nopgbrk", str(path), "-"], capture_output=True, timeout=PDF_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as err:
        raise DocumentError(f"{path.name}: pdftotext took longer than {PDF_TIMEOUT_SECONDS} s") from err
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DocumentError(f"{path.name}: pdftotext could not read the PDF ({reason[-1] if reason else 'exit ' + str(result.returncode)})")
    text = decode_text(path.name, result.stdout)
    return text


def slug(text: str, length: int = 40) -> str:
    """A file-name-safe slug of a title."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:length].rstrip("-") or "paper"


def metadata_for(path: Path, overrides: dict, sidecar: Path | None) -> dict:
    """Citation metadata: the sidecar file (``<paper>.yaml`` if present), then the command line."""
    sidecar = sidecar or next((p for p in (path.with_suffix(".yaml"), path.with_suffix(".yml")) if p.is_file()), None)
    metadata: dict = {}
    if sidecar is not None:
        try:
            loaded = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as err:
            raise DocumentError(f"{sidecar.name}: the sidecar is not readable YAML ({err.__class__.__name__})") from err
        if not isinstance(loaded, dict) or set(loaded) - SIDECAR_KEYS:
            raise DocumentError(f"{sidecar.name}: a sidecar holds only {sorted(SIDECAR_KEYS)}")
        metadata.update({k: str(v) for k, v in loaded.items()})
    metadata.update({k: v for k, v in overrides.items() if v})
    metadata.setdefault("title", path.stem.replace("_", " ").replace("-", " "))
    metadata.setdefault("kind", "article")
    metadata.setdefault("citation", f"Ingested from {path.name}; citation not given")
    return metadata


def check_papers(paths: list[Path], settings: Settings, overrides: dict, sidecar: Path | None, replace: bool) -> list[Paper]:
    """Read and check every paper; raise one :class:`IngestError` listing every problem."""
    known = {e["sha256"]: e["id"] for e in load_manifest(settings.corpus_dir)}
    papers, problems, seen = [], [], {}
    if not paths:
        raise IngestError(["no paper given (a .txt or .pdf file, or a folder of them)"])
    for path in paths:
        try:
            text = read_paper(path, settings.max_paper_bytes)
            Document(path.stem, text)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest in seen:
                raise DocumentError(f"{path.name}: duplicate of {seen[digest]} in this ingest")
            if digest in known and not replace:
                raise DocumentError(f"{path.name}: duplicate of {known[digest]} already in the corpus (same SHA-256); use --replace to re-extract it")
            seen[digest] = path.name
            metadata = metadata_for(path, overrides, sidecar)
            doc_id = known.get(digest) or f"{slug(metadata['title'])}_{digest[:8]}"
            papers.append(Paper(path, text, digest, doc_id, metadata, replaces=digest in known))
        except DocumentError as err:
            problems.append(str(err))
    if problems:
        raise IngestError(problems)
    return papers


class Snapshot:
    """The files an ingest may change, kept so that a failed ingest can put them back."""

    def __init__(self):
        self.saved: dict[Path, bytes | None] = {}

    def keep(self, path: Path) -> None:
        """Remember a file's bytes (or its absence) before the first change."""
        if path not in self.saved:
            self.saved[path] = path.read_bytes() if path.exists() else None

    def write(self, path: Path, text: str) -> None:
        """Write a file, remembering what was there."""
        self.keep(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def restore(self) -> None:
        """Put every remembered file back as it was."""
        for path, data in self.saved.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)


def register(paper: Paper, settings: Settings, snapshot: Snapshot) -> Document:
    """Write the paper's text into the corpus and its entry into the manifest."""
    file_name = f"{paper.doc_id}.txt"
    snapshot.write(settings.corpus_dir / file_name, paper.text)
    manifest = settings.corpus_dir / MANIFEST_NAME
    entry = {"id": paper.doc_id, "file": file_name, "sha256": paper.sha256, **paper.metadata,
             "source": f"ingested by spinekg ingest from {paper.source.name}"}
    if not paper.replaces:
        snapshot.keep(manifest)
        block = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=200)
        indented = "".join("  " + line if line.strip() else line for line in block.splitlines(keepends=True))
        with open(manifest, "a", encoding="utf-8") as handle:
            handle.write(("\n" if not manifest.read_text(encoding="utf-8").endswith("\n") else "") + indented)
    return Document(paper.doc_id, paper.text, metadata=entry)


def write_statements(extraction: Extraction, settings: Settings, snapshot: Snapshot) -> None:
    """Write the extracted and review files, carrying over a curator's earlier decisions."""
    extracted_path = settings.extracted_dir / f"{extraction.doc_id}.yaml"
    review_path = settings.review_dir / f"{extraction.doc_id}.yaml"
    accepted, review = list(extraction.accepted), list(extraction.review)
    decided = _earlier_decisions(extracted_path, review_path)
    rejected = [dict(s, **decided[s["id"]]) for s in accepted + review if decided.get(s["id"], {}).get("decision") == "rejected"]
    kept_ids = {s["id"] for s in rejected}
    promoted = [dict(s, **_accept_fields(decided[s["id"]])) for s in review if decided.get(s["id"], {}).get("decision") == "accepted"]
    promoted_ids = {s["id"] for s in promoted}
    accepted = [dict(s, **_accept_fields(decided[s["id"]])) if decided.get(s["id"], {}).get("decision") == "accepted" else s
                for s in accepted if s["id"] not in kept_ids] + promoted
    review = [s for s in review if s["id"] not in kept_ids | promoted_ids]
    header = f"# Statements extracted by `spinekg ingest` from corpus/{extraction.doc_id}.txt. Format: curation/README.md.\n"
    snapshot.write(extracted_path, header + yaml.safe_dump(
        {"document": extraction.doc_id, "individuals": extraction.individuals, "statements": accepted}, sort_keys=False, allow_unicode=True, width=200))
    snapshot.write(review_path, REVIEW_HEADER + yaml.safe_dump(
        {"document": extraction.doc_id, "statements": review, "rejected": rejected}, sort_keys=False, allow_unicode=True, width=200))


REVIEW_HEADER = ("# Low-confidence statements extracted by `spinekg ingest`. Accept or reject them with\n"
                 "# `spinekg review accept|reject <document id> <statement id>... --by NAME`. Not read by the build.\n")


def _earlier_decisions(extracted_path: Path, review_path: Path) -> dict[str, dict]:
    """Decisions a curator recorded with ``spinekg review`` in the files of an earlier ingest, by statement id.

    An accepted statement sits in the extracted file with ``decidedBy`` naming a curator (not the
    extractor); a rejected one sits in the review file's ``rejected:`` list.
    """
    decisions: dict[str, dict] = {}
    if extracted_path.exists():
        for statement in (yaml.safe_load(extracted_path.read_text(encoding="utf-8")) or {}).get("statements") or []:
            if statement.get("decidedBy") and not str(statement["decidedBy"]).startswith(EXTRACTOR):
                decisions[statement["id"]] = {"decision": "accepted", **{k: statement[k] for k in ("decidedBy", "decidedAt") if k in statement}}
    if review_path.exists():
        for statement in (yaml.safe_load(review_path.read_text(encoding="utf-8")) or {}).get("rejected") or []:
            decisions[statement["id"]] = {"decision": "rejected", **{k: statement[k] for k in ("decidedBy", "decidedAt") if k in statement}}
    return decisions


def _accept_fields(decision: dict) -> dict:
    """The fields an accepted statement keeps (the decision word itself is not a statement key)."""
    return {k: v for k, v in decision.items() if k in ("decidedBy", "decidedAt")}


def ingest(paths: list[Path], settings: Settings, *, overrides: dict | None = None, sidecar: Path | None = None,
           replace: bool = False, build: bool = True, show_progress: bool = False, threshold: float = CONFIDENCE_THRESHOLD,
           progress: Callable[[str], None] = lambda _m: None) -> IngestReport:
    """Ingest papers; on any failure restore every file touched and raise.

    Statements whose confidence reaches ``threshold`` enter the graph; the others wait for review.
    """
    from tqdm import tqdm

    from kg.build import build as run_build
    from kg.build import load_ontology

    papers = check_papers(collect_papers(paths), settings, overrides or {}, sidecar, replace)
    extractor = Extractor(load_ontology(settings), threshold=threshold)
    snapshot, report = Snapshot(), IngestReport(papers=papers)
    try:
        for paper in tqdm(papers, desc="papers", unit="paper", disable=not show_progress or len(papers) < 2):
            document = register(paper, settings, snapshot)
            extraction = extractor.extract(document, show_progress=show_progress)
            write_statements(extraction, settings, snapshot)
            report.extractions.append(extraction)
        if build:
            progress("building the release")
            report.release = _build_or_demote(settings, report, snapshot, run_build, progress)
    except BaseException:
        snapshot.restore()
        raise
    return report


def _build_or_demote(settings: Settings, report: IngestReport, snapshot: Snapshot, run_build, progress) -> str:
    """Build; if the extracted statements break the build, move them to review and build once more."""
    try:
        return run_build(settings, progress).release
    except SpineKGError as first:
        progress(f"the build failed ({str(first).splitlines()[0]}); moving the extracted statements to review")
        for extraction in report.extractions:
            undecided = [{k: v for k, v in s.items() if k not in ("decidedBy", "decidedAt")} for s in extraction.accepted]
            extraction.review = undecided + extraction.review
            extraction.accepted = []
            extraction.individuals = [i for i in extraction.individuals if i["id"] != "lesion"]
            write_statements(extraction, settings, snapshot)
            report.demoted.append(extraction.doc_id)
        return run_build(settings, progress).release
