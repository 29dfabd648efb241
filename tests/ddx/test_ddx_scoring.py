"""The scoring rules, each on the statements of the papers that exercise it.

Hedges and negation count, conflicting values argue against a finding only when stated as the
rule, subclass evidence is discounted, inherited evidence is used only when nothing closer is
said, case lesions only support and can be left out, and the score is the sum of its parts.
"""

from __future__ import annotations

import pytest

from kg.ddx import (
    BROADER_VALUE_FACTOR,
    CASE_FACTOR,
    FREQUENCY_WEIGHTS,
    ROUTE_FACTORS,
    UNHEDGED_WEIGHT,
)
from kg.namespaces import SK
from tests.ddx.conftest import CAVERNOUS_CASE, HEMANGIOPERICYTOMA_CASE, REVIEW


def sk(name: str) -> str:
    return str(SK[name])


def weigh(engine, lesion: str, *texts: str, exclude=()):
    findings, unrecognised = engine.parse(texts)
    assert not unrecognised, unrecognised
    return engine.weigh(sk(lesion), findings, exclude_case_documents=exclude).assessments


def test_negated_statement_argues_against_the_finding_and_for_its_absence(engine):
    present, absent = weigh(
        engine,
        "SpinalHemangiopericytoma",
        "finding=calcification",
        "finding=calcification,present=no",
    )
    assert present.verdict == "contradicts" and present.score == pytest.approx(-UNHEDGED_WEIGHT)
    assert absent.verdict == "explains" and absent.score == pytest.approx(UNHEDGED_WEIGHT)
    (denial,) = present.contradicting
    assert denial.negated and denial.document_id == HEMANGIOPERICYTOMA_CASE
    assert any("without calcification" in quote.text for quote in denial.quotes)


def test_usual_conflicting_value_argues_against_but_a_possible_one_does_not(engine):
    (t1,) = weigh(engine, "EpiduralMetastasis", "signal=isointense,sequence=T1W")
    assert t1.verdict == "contradicts"
    assert t1.contradicting[0].weight == pytest.approx(FREQUENCY_WEIGHTS["Usually"])
    (stir,) = weigh(
        engine, "VertebralHemangioma", "signal=hyperintense,sequence=STIR", exclude=[REVIEW]
    )
    # "May be hypointense on STIR" does not exclude a hyperintense lesion; "may be hyperintense"
    # supports it.
    assert stir.contradicting == []
    assert stir.supporting[0].weight == pytest.approx(FREQUENCY_WEIGHTS["Possibly"])


def test_a_contrast_enhanced_t1_statement_is_not_compared_with_a_plain_t1_finding(engine):
    (t1,) = weigh(engine, "SpinalMetastasis", "signal=isointense,sequence=T1W")
    assert all(item.route != "direct" for item in t1.supporting)


def test_statement_about_a_subtype_counts_for_the_general_class_discounted(engine):
    (t1,) = weigh(
        engine, "CavernousHemangioma", "signal=isointense,sequence=T1W", exclude=[CAVERNOUS_CASE]
    )
    (item,) = t1.supporting
    assert item.route == "subtype" and item.subject == sk("ExtraduralCavernousHemangioma")
    assert item.weight == pytest.approx(FREQUENCY_WEIGHTS["Usually"] * ROUTE_FACTORS["subtype"])


def test_inherited_statements_count_only_where_the_lesion_itself_is_silent(engine):
    halo, t2 = weigh(
        engine, "EpiduralMetastasis", "sign=halo sign", "signal=hyperintense,sequence=T2W"
    )
    assert halo.verdict == "explains" and {i.route for i in halo.supporting} == {"inherited"}
    assert all(engine.context.is_a(sk("EpiduralMetastasis"), i.about) for i in halo.supporting)
    assert {i.route for i in t2.supporting} == {"direct"}
    assert t2.score == pytest.approx(FREQUENCY_WEIGHTS["Usually"])


def test_case_lesions_support_at_half_weight_and_can_be_left_out(engine):
    # The review's figure 8 shows a mixed lytic and sclerotic metastasis; no sentence says so in
    # general.
    (with_cases,) = weigh(engine, "MixedMetastasis", "density=sclerosis")
    (case_item,) = with_cases.supporting
    assert case_item.route == "case" and case_item.subject.endswith("/figure-8-lesions")
    assert case_item.weight == pytest.approx(UNHEDGED_WEIGHT * CASE_FACTOR)
    (without,) = weigh(engine, "MixedMetastasis", "density=sclerosis", exclude=[REVIEW])
    assert without.verdict == "unknown" and without.supporting == []


def test_a_case_lesion_never_argues_against(engine):
    # The same patient's lesions were T1-hypointense; one patient says nothing against a
    # T1-hyperintense one.
    (t1,) = weigh(engine, "MixedMetastasis", "signal=hyperintense,sequence=T1W")
    (hypo,) = weigh(engine, "MixedMetastasis", "signal=hypointense,sequence=T1W")
    assert any(item.route == "case" for item in hypo.supporting)
    assert all(item.route != "case" for item in t1.contradicting)


def test_ontology_definition_places_the_lesion_and_excludes_other_compartments(engine):
    (site,) = weigh(engine, "IntramedullaryMetastasis", "site=extradural")
    assert site.verdict == "contradicts"
    (item,) = [i for i in site.contradicting if i.route == "definition"]
    assert item.weight == 1.0 and item.statement is None
    (foramen,) = weigh(engine, "ExtraduralCavernousHemangioma", "site=neural foramen")
    assert foramen.score == pytest.approx(BROADER_VALUE_FACTOR)


def test_score_is_the_sum_of_its_visible_parts(engine):
    result = engine.ask(
        ["site=extradural", "signal=isointense,sequence=T1W", "signal=hyperintense,sequence=T2W"]
    )
    for candidate in result.candidates:
        parts = (
            sum(a.support - a.contradiction for a in candidate.assessments)
            + candidate.differential_score
        )
        assert candidate.score == pytest.approx(parts, abs=0.002)
        for a in candidate.assessments:
            best_for = max((i.weight for i in a.supporting), default=0.0)
            assert a.support >= best_for
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)


def test_agreement_counts_supporting_and_conflicting_statements_across_papers(engine):
    rows = {
        text: counts for _, text, counts in engine.agreement(sk("ExtraduralCavernousHemangioma"))
    }
    t2 = rows["hyperintense on T2-weighted imaging"]
    assert (t2.supporting, t2.conflicting, t2.papers) == (2, 0, 1)
    assert t2.describe() == "2 supporting, 0 conflicting, 1 paper"
    hematoma = {text: counts for _, text, counts in engine.agreement(sk("EpiduralHematoma"))}
    # The review calls acute hematoma hyperdense and, elsewhere, hypodense: one of each.
    assert (hematoma["hyperdense"].supporting, hematoma["hyperdense"].conflicting) == (1, 1)


def test_a_paper_named_discriminator_comes_with_its_sentence_and_an_add_link_text(engine):
    result = engine.ask(
        [
            "site=extradural",
            "enhancement=heterogeneous enhancement",
            "finding=hypervascularity",
            "finding=bone destruction",
        ],
        exclude_case_documents=[HEMANGIOPERICYTOMA_CASE],
    )
    calcification = next(d for d in result.discriminators if d.finding.value == sk("Calcification"))
    assert calcification.source == "stated"
    assert calcification.finding.text() == "finding=Calcification"
    assert any("lack of calcification" in q.text for q in calcification.statement.quotes)
    verdicts = {iri: a.verdict for iri, _, a in calcification.verdicts}
    assert verdicts[sk("Hemangiopericytoma")] == "contradicts"
