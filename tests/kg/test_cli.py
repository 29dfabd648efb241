"""The ``spinekg`` console script, run as a user runs it: exit codes and one clear error line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.config import PROJECT_ROOT

SPINEKG = str(Path(sys.executable).parent / "spinekg")


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed console script."""
    return subprocess.run([SPINEKG, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=600)


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("build", "eval", "export", "serve"):
        assert command in result.stdout


def test_eval_prints_coverage_per_kind():
    result = run("eval")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["kind", "covered", "total", "share"]
    overall = next(line for line in lines if line.startswith("overall")).split()
    assert overall[1] == overall[2] == "280"


def test_export_without_a_release_says_so(tmp_path):
    result = run("export", env={"SPINEKG_BUILD_DIR": str(tmp_path / "none")})
    assert result.returncode == 2
    assert "no release yet" in result.stderr


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda c: (c / "broken.yaml").write_text("document: [unclosed\n"), "not valid YAML"),
        (lambda c: (c / "ghost.yaml").write_text("document: no_such_paper\nstatements: []\n"), "not in the corpus manifest"),
    ],
)
def test_bad_curation_exits_2_with_one_clear_error_and_no_traceback(tmp_path, damage, expected):
    curation = tmp_path / "curation"
    shutil.copytree(PROJECT_ROOT / "tests" / "data" / "mini" / "curation", curation)
    damage(curation)
    env = {
        "SPINEKG_CORPUS_DIR": str(PROJECT_ROOT / "tests" / "data" / "mini" / "corpus"),
        "SPINEKG_CURATION_DIR": str(curation),
        "SPINEKG_BUILD_DIR": str(tmp_path / "build"),
    }
    result = run("build", "--quiet", env=env)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "build" / "release").exists()


def test_binary_document_is_refused_with_a_clear_error(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "tests" / "data" / "mini" / "corpus", corpus)
    (corpus / "mini_case.txt").write_bytes(b"\x00\x01binary")
    import hashlib

    manifest = (corpus / "manifest.yaml").read_text()
    digest = hashlib.sha256((corpus / "mini_case.txt").read_bytes()).hexdigest()
    (corpus / "manifest.yaml").write_text(manifest.replace("b480e5074b7fac37c2ac0a4c8264701bedef530a88078872bdb738a5524f0330", digest))
    result = run("build", "--quiet", env={"SPINEKG_CORPUS_DIR": str(corpus), "SPINEKG_BUILD_DIR": str(tmp_path / "build")})
    assert result.returncode == 2
    assert "binary content" in result.stderr
