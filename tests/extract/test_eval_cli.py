"""``spinekg eval --extraction``: extraction alone over the corpus, measured against curation and gold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SPINEKG = str(Path(sys.executable).parent / "spinekg")


def test_eval_extraction_prints_precision_and_recall_tables():
    result = subprocess.run([SPINEKG, "eval", "--extraction"], capture_output=True, text=True, env=dict(os.environ), timeout=600)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "extraction vs curated statements"
    assert lines[1].split() == ["kind", "tp", "extr", "prec", "hit", "ref", "recall"]
    overall = [line.split() for line in lines if line.startswith("overall")]
    assert len(overall) == 2
    curated, gold = overall
    assert curated[5] == "946" and gold[5] == "280"
    assert 0 < float(curated[3]) <= 1 and 0 < float(curated[6]) <= 1


def test_eval_extraction_show_lists_false_positives_and_misses_with_their_quotes():
    result = subprocess.run([SPINEKG, "eval", "--extraction", "--show"], capture_output=True, text=True, env=dict(os.environ), timeout=600)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    false_positives = [line for line in lines if line.startswith("false positive  [")]
    missed = [line for line in lines if line.startswith("missed          [")]
    tables = [line.split() for line in lines if line.startswith("overall")]
    extracted, matched, references, hit = int(tables[0][2]), int(tables[0][1]), int(tables[0][5]), int(tables[0][4])
    assert len(false_positives) == extracted - matched and len(missed) == references - hit
    assert all(" | " in line for line in false_positives + missed)
