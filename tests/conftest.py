"""Shared fixtures: the real corpus, ontology and settings pointing at the project's files."""

from __future__ import annotations

import pytest

from kg.config import PROJECT_ROOT, Settings
from kg.corpus import load_corpus


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings of the real project (corpus, curation, ontology), with builds kept out of the tree."""
    return Settings.from_env()


@pytest.fixture(scope="session")
def corpus(settings):
    """The three real corpus documents, checksums verified."""
    return {d.doc_id: d for d in load_corpus(settings.corpus_dir)}


@pytest.fixture(scope="session")
def project_root():
    """The repository's root folder."""
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def release(settings):
    """The real release of the three papers, built once per test session unless already current."""
    from kg.build import build, release_is_current
    from kg.release import current_release

    if not release_is_current(settings):
        build(settings)
    return current_release(settings.build_dir)
