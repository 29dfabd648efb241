"""Accept or reject extracted statements that waited for review, recording who decided and when.

``spinekg review accept <doc id> <statement id>... --by NAME`` moves statements from
``review/<doc id>.yaml`` into ``extracted/<doc id>.yaml`` with ``decidedBy: NAME`` and ``decidedAt``
(written into the graph as ``sk:decidedBy`` and ``sk:decidedAt``) and rebuilds the release; if the
build fails the files are restored and the last good release stays. ``reject`` moves them to the review
file's ``rejected:`` list with the same two fields, so that the next ingest of the paper does not offer
them again. ``list`` shows what waits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import yaml

from kg.config import Settings
from kg.errors import DocumentError
from kg.ingest import REVIEW_HEADER, Snapshot


class ReviewError(DocumentError):
    """A review command names a document or statement that has nothing to review."""


def _load(path: Path, doc_id: str) -> dict:
    """A parsed statement file, or a clear error when the document has none."""
    if not path.exists():
        raise ReviewError(f"{doc_id}: no file {path} (was the paper ingested?)")
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def pending(settings: Settings, doc_id: str) -> list[dict]:
    """The statements of a document that wait for review."""
    return _load(settings.review_dir / f"{doc_id}.yaml", doc_id).get("statements") or []


def decide(settings: Settings, doc_id: str, statement_ids: list[str], decision: str, by: str, *,
           build: bool = True, progress: Callable[[str], None] = lambda _m: None) -> list[dict]:
    """Accept or reject statements of the review file; return the statements decided."""
    if decision not in ("accept", "reject"):
        raise ReviewError(f"unknown decision '{decision}' (accept or reject)")
    if not by.strip():
        raise ReviewError("say who decides with --by NAME")
    review_path = settings.review_dir / f"{doc_id}.yaml"
    extracted_path = settings.extracted_dir / f"{doc_id}.yaml"
    review = _load(review_path, doc_id)
    waiting = {s["id"]: s for s in review.get("statements") or []}
    unknown = [i for i in statement_ids if i not in waiting]
    if unknown:
        raise ReviewError(f"{doc_id}: no statement {', '.join(unknown)} waits for review (see `spinekg review list {doc_id}`)")
    stamp = {"decidedBy": by.strip(), "decidedAt": datetime.now(timezone.utc).replace(microsecond=0).isoformat()}
    chosen = [dict(waiting[i], **stamp) for i in statement_ids]
    review["statements"] = [s for s in review.get("statements") or [] if s["id"] not in statement_ids]
    snapshot = Snapshot()
    if decision == "reject":
        review["rejected"] = (review.get("rejected") or []) + [dict(s, decision="rejected") for s in chosen]
    else:
        extracted = _load(extracted_path, doc_id)
        extracted["statements"] = (extracted.get("statements") or []) + chosen
        snapshot.write(extracted_path, _dump(extracted, header=_extracted_header(extracted_path)))
    snapshot.write(review_path, REVIEW_HEADER + _dump(review))
    if decision == "accept" and build:
        from kg.build import build as run_build

        try:
            run_build(settings, progress)
        except BaseException:
            snapshot.restore()
            raise
    return chosen


def _extracted_header(path: Path) -> str:
    """The comment lines at the top of an extracted file, kept as they were."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if line.startswith("#"))


def _dump(data: dict, header: str = "") -> str:
    """YAML in the layout ``spinekg ingest`` writes."""
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200)
