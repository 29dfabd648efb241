"""Read the corpus manifest and its documents, refusing files that are missing, altered or unreadable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from kg.documents import Document
from kg.errors import DocumentError

MANIFEST_NAME = "manifest.yaml"


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_text(path: Path) -> str:
    """Read a document as UTF-8, with a clear error for binary or mis-encoded files."""
    data = path.read_bytes()
    if b"\x00" in data:
        raise DocumentError(f"{path.name}: binary content (NUL bytes), not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DocumentError(f"{path.name}: not valid UTF-8 at byte {err.start}") from err


def load_manifest(corpus_dir: Path) -> list[dict]:
    """Return the manifest entries, each checked for the fields the build needs."""
    manifest = corpus_dir / MANIFEST_NAME
    if not manifest.exists():
        raise DocumentError(f"no corpus manifest at {manifest}")
    entries = (yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}).get("documents") or []
    for entry in entries:
        missing = {"id", "file", "sha256", "title"} - entry.keys()
        if missing:
            raise DocumentError(f"manifest entry {entry.get('id', '?')} lacks {sorted(missing)}")
    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        raise DocumentError("manifest lists a document id twice")
    return entries


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Load every manifest document, verifying its checksum."""
    documents = []
    for entry in load_manifest(corpus_dir):
        path = corpus_dir / entry["file"]
        if not path.exists():
            raise DocumentError(f"{entry['id']}: file {path} is missing")
        digest = sha256_of(path)
        if digest != entry["sha256"]:
            raise DocumentError(f"{entry['id']}: checksum {digest[:12]}... differs from the manifest's {entry['sha256'][:12]}...")
        documents.append(Document(entry["id"], read_text(path), metadata=entry))
    return documents
