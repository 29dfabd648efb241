"""Reading findings: every input names an ontology term, or is reported as unrecognised."""

from __future__ import annotations

import pytest

from kg.ddx_findings import Finding, Unrecognised, parse_finding
from kg.namespaces import SK


def sk(name: str) -> str:
    return str(SK[name])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "signal=Hyperintense,sequence=T2Weighted",
            Finding("signal", sk("Hyperintense"), sequence=sk("T2Weighted")),
        ),
        (
            "signal=sk:Hyperintense,sequence=T2W",
            Finding("signal", sk("Hyperintense"), sequence=sk("T2Weighted")),
        ),
        (
            f"signal=iso signal,sequence={sk('T1Weighted')}",
            Finding("signal", sk("Isointense"), sequence=sk("T1Weighted")),
        ),
        (
            "signal=hypointense,sequence=T1W,reference=intervertebral disc",
            Finding(
                "signal",
                sk("Hypointense"),
                sequence=sk("T1Weighted"),
                reference=sk("IntervertebralDisc"),
            ),
        ),
        ("compartment=extradural", Finding("site", sk("ExtraduralSite"))),
        ("site=Neural foramen", Finding("site", sk("NeuralForamen"))),
        ("level=T11", Finding("level", sk("T11"))),
        ("density=lytic", Finding("density", sk("Lucency"))),
        ("density=blastic", Finding("density", sk("Sclerosis"))),
        ("sign=halo sign", Finding("sign", sk("HaloSign"))),
        (
            "finding=calcification,present=no",
            Finding("finding", sk("Calcification"), present=False),
        ),
        ("calcification", Finding("finding", sk("Calcification"))),
        ("primary=renal cell carcinoma", Finding("primary", sk("RenalCellCarcinoma"))),
        ("age=40", Finding("age", age=40)),
        ("sex=M", Finding("sex", sk("Male"))),
    ],
)
def test_findings_name_ontology_terms_by_name_label_synonym_or_abbreviation(engine, text, expected):
    assert parse_finding(text, engine.vocabulary) == expected


def test_a_finding_round_trips_through_its_text(engine):
    finding = Finding(
        "signal",
        sk("Hypointense"),
        sequence=sk("T1Weighted"),
        reference=sk("Muscle"),
        present=False,
    )
    assert finding.text() == "signal=Hypointense,sequence=T1Weighted,reference=Muscle,present=no"
    assert parse_finding(finding.text(), engine.vocabulary) == finding


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("signal=hyperintense", "needs the sequence"),
        ("signal=glowing,sequence=T2W", "no signal of the ontology"),
        ("colour=red", "not a finding field"),
        ("signal=hyperintense,site=extradural", "exactly one of"),
        ("age=forty", "whole number"),
        ("finding=calcification,present=maybe", "yes or no"),
        ("site=hyper", "no compartment or site"),
    ],
)
def test_unreadable_findings_say_why(engine, text, reason_part):
    parsed = parse_finding(text, engine.vocabulary)
    assert isinstance(parsed, Unrecognised)
    assert parsed.text == text
    assert reason_part in parsed.reason


def test_free_text_gets_suggestions_written_as_findings(engine):
    parsed = parse_finding("foraminal", engine.vocabulary)
    assert isinstance(parsed, Unrecognised)
    suggested = {finding for _, _, finding in parsed.suggestions}
    assert {"finding=ForaminalExtension", "site=NeuralForamen"} <= suggested
    for _, _, finding in parsed.suggestions:
        assert isinstance(parse_finding(finding, engine.vocabulary), Finding)


def test_an_ambiguous_prefix_is_not_guessed(engine):
    parsed = parse_finding("signal=hyper,sequence=T2W", engine.vocabulary)
    assert isinstance(parsed, Unrecognised)
    labels = [label for _, label, _ in parsed.suggestions]
    assert "hyperintense" in labels


def test_unrecognised_input_is_reported_beside_the_ranking(engine):
    result = engine.ask(["site=extradural", "T2 bright", "signal=isointense,sequence=T1W"])
    assert [f.text() for f in result.findings] == [
        "site=ExtraduralSite",
        "signal=Isointense,sequence=T1Weighted",
    ]
    assert [u.text for u in result.unrecognised] == ["T2 bright"]
    assert result.candidates


def test_autocomplete_offers_the_terms_of_the_field(engine):
    signals = engine.vocabulary.complete("signal", "iso")
    assert signals[0]["value"] == "Isointense"
    assert all(s["iri"] in engine.vocabulary.terms["signal"] for s in signals)
    sequences = [s["value"] for s in engine.vocabulary.complete("sequence", "T2")]
    assert "T2Weighted" in sequences
    assert engine.vocabulary.complete("no-such-field", "iso") == []
