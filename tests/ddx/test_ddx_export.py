"""The result as JSON, CSV and a terminal table, as the API, the downloads and the CLI give it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kg.ddx_export import CSV_COLUMNS, render, result_to_csv, result_to_json
from tests.ddx.conftest import CAVERNOUS_CASE

FINDINGS = [
    "site=extradural",
    "signal=isointense,sequence=T1W",
    "signal=hyperintense,sequence=T2W",
    "no such thing",
]


@pytest.fixture(scope="module")
def result(engine):
    return engine.ask(FINDINGS, exclude_case_documents=[CAVERNOUS_CASE], limit=5)


def test_json_carries_findings_parts_evidence_and_quotes(engine, result):
    data = json.loads(json.dumps(result_to_json(result, engine)))
    assert [f["text"] for f in data["findings"]] == [
        "site=ExtraduralSite",
        "signal=Isointense,sequence=T1Weighted",
        "signal=Hyperintense,sequence=T2Weighted",
    ]
    assert data["unrecognised"][0]["text"] == "no such thing"
    assert data["excluded_case_documents"] == [CAVERNOUS_CASE]
    assert data["scoring"]["frequency"]["Usually"] == 0.9
    top = data["candidates"][0]
    assert top["rank"] == 1 and top["label"] == "extradural cavernous hemangioma"
    assert top["score"] == pytest.approx(sum(part["score"] for part in top["parts"]), abs=0.002)
    t1 = next(f for f in top["findings"] if f["finding"] == "signal=Isointense,sequence=T1Weighted")
    assert t1["verdict"] == "explains" and t1["agreement"]["supporting"] == 1
    evidence = t1["supporting"][0]
    assert evidence["hedge"] == "usually"
    assert {"factor", "value"} <= set(evidence["factors"][0])
    quote = evidence["quotes"][0]
    assert (
        quote["text"] == "Extradural cavernous hemangiomas are usually isointense on T1W (Figure 1)"
    )
    assert quote["fragment"] == f"s{quote['start']}-{quote['end']}"
    assert len(data["candidates"]) == 5


def test_csv_has_a_row_per_candidate_and_finding(engine, result):
    rows = list(csv.DictReader(io.StringIO(result_to_csv(result, engine))))
    assert tuple(rows[0]) == CSV_COLUMNS
    expected = sum(len(c.assessments) + (1 if c.differential else 0) for c in result.candidates)
    assert len(rows) == expected
    first = [row for row in rows if row["rank"] == "1"]
    assert {row["finding"] for row in first if row["finding"]} == {
        f.text() for f in result.findings
    }
    t1 = next(row for row in first if row["finding"] == "signal=Isointense,sequence=T1Weighted")
    assert t1["verdict"] == "explains" and t1["papers"] == "1"
    assert t1["best_quote"].startswith("Extradural cavernous hemangiomas are usually isointense")


def test_table_lists_the_ranking_and_the_unrecognised(engine, result):
    text = render(result, engine, "table")
    assert "unrecognised: no such thing" in text
    assert "   1 " in text and "extradural cavernous hemangioma" in text
    with pytest.raises(ValueError):
        render(result, engine, "xml")
