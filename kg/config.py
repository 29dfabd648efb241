"""Settings: defaults, then ``SPINEKG_*`` environment variables; every path resolved once here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Where the pipeline reads and writes, and its limits.

    Each field can be overridden by an environment variable named ``SPINEKG_`` plus the field name
    in upper case (``SPINEKG_BUILD_DIR=/tmp/kg``).
    """

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    curation_dir: Path = PROJECT_ROOT / "curation"
    ontology_file: Path = PROJECT_ROOT / "ontology" / "spinekg-edit.ttl"
    shapes_dir: Path = PROJECT_ROOT / "ontology" / "shapes"
    checks_dir: Path = PROJECT_ROOT / "ontology" / "checks"
    queries_dir: Path = PROJECT_ROOT / "queries"
    build_dir: Path = PROJECT_ROOT / "build"
    extracted_dir: Path | None = None
    review_dir: Path | None = None
    keep_releases: int = 5
    max_paper_bytes: int = 5_000_000
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Extracted and review statements live beside the corpus they come from, unless set."""
        if self.extracted_dir is None:
            object.__setattr__(self, "extracted_dir", Path(self.corpus_dir).parent / "extracted")
        if self.review_dir is None:
            object.__setattr__(self, "review_dir", Path(self.corpus_dir).parent / "review")

    @property
    def releases_dir(self) -> Path:
        """Folder of all releases, each in its own timestamped folder."""
        return self.build_dir / "releases"

    @property
    def current_release(self) -> Path:
        """Symlink to the last good release."""
        return self.build_dir / "release" / "current"

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        """Read overrides from ``SPINEKG_*`` variables, then from keyword arguments."""
        values = {}
        for f in fields(cls):
            env = os.environ.get(f"SPINEKG_{f.name.upper()}")
            if env is not None and f.name != "extra":
                values[f.name] = int(env) if f.type in ("int", int) else Path(env)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
