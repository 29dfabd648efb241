"""``spinekg ddx``, run as a user runs it: formats, exit codes, unrecognised input on stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.ddx.conftest import CAVERNOUS_CASE

SPINEKG = str(Path(sys.executable).parent / "spinekg")
CASE = [
    "site=extradural",
    "signal=isointense,sequence=T1W",
    "signal=hyperintense,sequence=T2W",
    "enhancement=homogeneous enhancement",
]


def ddx(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [SPINEKG, "ddx"]
    for finding in CASE:
        command += ["--finding", finding]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_json_output_ranks_the_case_and_names_left_out_cases(release_trig):
    result = ddx("--format", "json", "--exclude-cases-from", CAVERNOUS_CASE, "--limit", "3")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["candidates"][0]["label"] == "extradural cavernous hemangioma"
    assert len(data["candidates"]) == 3
    assert data["excluded_case_documents"] == [CAVERNOUS_CASE]


def test_csv_output_to_a_file(release_trig, tmp_path):
    target = tmp_path / "ddx.csv"
    result = ddx("--format", "csv", "--output", str(target), "--finding", "sparkly")
    assert result.returncode == 0, result.stderr
    assert "unrecognised: sparkly" in result.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0]["candidate_label"] == "extradural cavernous hemangioma"


def test_table_is_the_default(release_trig):
    result = ddx()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("findings: extradural site; isointense on T1-weighted")
    assert "what would tell the leading candidates apart:" in result.stdout


def test_no_readable_finding_exits_2(release_trig):
    result = subprocess.run(
        [SPINEKG, "ddx", "--finding", "nothing I know"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 2
    assert "unrecognised: nothing I know" in result.stderr
    assert "none of the findings could be read" in result.stderr


def test_without_a_release_it_says_so(tmp_path):
    result = ddx(env={"SPINEKG_BUILD_DIR": str(tmp_path / "none")})
    assert result.returncode == 2
    assert "run `spinekg build` first" in result.stderr
