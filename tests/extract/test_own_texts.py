"""Extraction on three short case reports written for these tests, scored against hand-written statements.

The texts (``data/*.txt``) tell three cases the corpus does not hold (an epidural breast carcinoma
metastasis, a cervical intramedullary ependymoma, a lumbar myeloma) in wording of their own; the
expected statements (``data/expected/*.yaml``) were written by hand in the curation format before
extraction first ran on them. They then served to find general faults (sentence fragments, case
narrative without a heading, compartment classes), so they are development texts, not held out; the
text in ``data/heldout/`` is, and was never tuned on. The thresholds sit a little under the figures
measured when the tests were written (development texts: precision 0.93, recall 0.85 over 79
statements), so that a rule change that loses ground fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.documents import Document
from kg.extract.evaluation import located, score_expected

DATA = Path(__file__).parent / "data"
TEXTS = sorted(DATA.glob("*.txt"))


def document(path: Path, kind: str = "case report") -> Document:
    """A test text as a corpus document of the given kind."""
    return Document(path.stem, path.read_text(encoding="utf-8"), metadata={"title": path.stem, "kind": kind, "file": path.name})


def test_precision_and_recall_on_own_case_reports(extractor, ontology):
    scores = score_expected([(document(p), DATA / "expected" / f"{p.stem}.yaml") for p in TEXTS], extractor, ontology)
    precision, recall = scores.overall()
    assert precision >= 0.88, scores.table()
    assert recall >= 0.78, scores.table()


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_every_extracted_statement_is_located_by_the_build_code(extractor, path):
    paper = document(path)
    extraction = extractor.extract(paper)
    result = located(paper, extraction, extractor.vocabulary, "all")
    assert len(result.statements) == len(extraction.statements) > 0
    assert all(s.evidence and paper.original[s.evidence[0].start : s.evidence[0].end] for s in result.statements)
    assert all(s["method"] == "extracted" and s["rule"] and 0 < s["confidence"] <= 1 for s in extraction.statements)


def test_case_frame_of_a_case_report(extractor):
    extraction = extractor.extract(document(DATA / "breast_epidural.txt"))
    facts = {(s["subject"], s["predicate"], s.get("object", s.get("value"))) for s in extraction.accepted}
    assert ("case:patient", "hasAge", 58) in facts
    assert ("case:patient", "hasSex", "Female") in facts
    assert {("case:lesion", "atLevel", "T9"), ("case:lesion", "atLevel", "T10")} <= facts
    orders = [s["qualifiers"]["order"] for s in extraction.accepted if s["predicate"] == "underwent"]
    assert orders == sorted(orders) and len(orders) >= 4
    denied = next(s for s in extraction.statements if s.get("object") == "BladderSymptoms")
    assert denied["negated"] is True


def test_reextraction_gives_the_same_statement_ids(extractor):
    paper = DATA / "cervical_ependymoma.txt"
    first = [s["id"] for s in extractor.extract(document(paper)).statements]
    assert first == [s["id"] for s in extractor.extract(document(paper)).statements]
    assert len(set(first)) == len(first)


def test_held_out_case_report(extractor, ontology):
    """Texts written with their expected statements before they were first extracted.

    ``cervical_abscess`` was never tuned on. Measured when written: precision 1.00, recall 0.50 over 20
    statements ("a collection in the ventral epidural space" names no lesion the ontology knows, so the
    case lesion is never placed and its statements stay out). ``lumbar_prostate_metastasis`` (a case
    and general statements in the shapes of review prose) measured precision 0.83, recall 0.64 over 25
    statements when written; the rule work that followed read its misses, so it is held out no longer
    and now scores 0.91 / 0.84. Together: 0.94 / 0.69; 0.94 / 0.71 after the case-frame rules of the timeline work. The figures here guard against losing ground;
    they are not a target.
    """
    heldout = DATA / "heldout"
    cases = [(document(heldout / f"{name}.txt"), heldout / "expected" / f"{name}.yaml") for name in ("cervical_abscess", "lumbar_prostate_metastasis")]
    precision, recall = score_expected(cases, extractor, ontology).overall()
    assert precision >= 0.9 and recall >= 0.6


def test_held_out_case_timeline(extractor, ontology):
    """``sacral_chordoma``: a case told as a timeline of eight procedures, written with its expected
    statements before it was first extracted. Measured when written, before the case-frame rules for
    timelines (``precededBy``), presentation and outcomes: precision 0.89, recall 0.46 over 35 statements.
    After those rules (written on other sentences, not tuned on this text): 0.93 / 0.71. Its misses were
    then read, and one general fix came of them ("a mass of the sacrum" places the case lesion), so it is
    held out no longer and now scores 0.94 / 0.86.
    """
    heldout = DATA / "heldout"
    case = (document(heldout / "sacral_chordoma.txt"), heldout / "expected" / "sacral_chordoma.yaml")
    precision, recall = score_expected([case], extractor, ontology).overall()
    assert precision >= 0.9 and recall >= 0.8


def held_out_set(folder: str) -> list[tuple[Document, Path]]:
    """The texts of a held-out folder with their expected files; a text named ``*_review`` is a review."""
    base = DATA / folder
    return [(document(path, "review" if path.stem.endswith("_review") else "case report"), base / "expected" / f"{path.stem}.yaml")
            for path in sorted(base.glob("*.txt"))]


def test_held_out_set_2(extractor, ontology):
    """``heldout2``: a thoracic schwannoma case, a vertebral lymphoma case and a review passage on
    intramedullary tumours (105 statements), written with their expected statements before any
    extraction. Untouched, they measured precision 0.84 / recall 0.35 before the rule work of the second
    extraction session and 0.85 / 0.41 after its first round; the second round then read their misses
    (so they are development texts since) and they score 0.93 / 0.91.
    """
    precision, recall = score_expected(held_out_set("heldout2"), extractor, ontology).overall()
    assert precision >= 0.9 and recall >= 0.85


def test_held_out_set_3(extractor, ontology):
    """``heldout3``: a thoracic meningioma case, a lumbar aneurysmal bone cyst case and a review passage
    on spinal cord infarction (96 statements). Untouched: 0.85 / 0.23 before the second extraction
    session, 0.85 / 0.34 after its first round, 0.84 / 0.39 after its second; its third round read their
    misses (development texts since) and they score 0.91 / 0.80.
    """
    precision, recall = score_expected(held_out_set("heldout3"), extractor, ontology).overall()
    assert precision >= 0.88 and recall >= 0.75


def test_held_out_set_4(extractor, ontology):
    """``heldout4``: an epidural hematoma on anticoagulation, a cervical cord hemangioblastoma and a review
    passage on vertebral hemangiomas (84 statements). Untouched: 0.87 / 0.31 before the second extraction
    session, 0.87 / 0.31, 0.85 / 0.40 and 0.86 / 0.43 after its rounds, and still 0.86 / 0.43 midway through
    the third session's rule work while the papers rose from 0.59 to 0.74 in recall. Its misses were then
    read to find the general causes (development texts since; 0.93 / 0.93 at the session's end), and
    ``heldout5`` took over as the untouched set.
    """
    precision, recall = score_expected(held_out_set("heldout4"), extractor, ontology).overall()
    assert precision >= 0.88 and recall >= 0.88


def test_held_out_set_5(extractor, ontology):
    """``heldout5``: a cervical ependymoma case, a thoracic vertebral plasmacytoma case and a review
    passage on pyogenic spondylodiscitis (107 statements), written at the start of the third extraction
    session by a helper who never ran the extractor or read its rules. Untouched: 0.71 / 0.39 at commit
    f1a1687, before that session's rule work, and 0.71 / 0.43 after its fourth round (during which one
    helper's search printed about 25 of its expected statements by mistake). Its misses were then read
    in the fifth round (development texts since; 0.87 / 0.81 at the session's end), and ``heldout6`` took
    over as the untouched set.
    """
    precision, recall = score_expected(held_out_set("heldout5"), extractor, ontology).overall()
    assert precision >= 0.83 and recall >= 0.75


def test_held_out_set_6(extractor, ontology):
    """``heldout6``: a sacral chordoma case, a thoracic cord astrocytoma case and a review passage on
    myeloma of the spine (137 statements), written in the third extraction session's fifth round by a
    helper who never ran the extractor or read its rules. Untouched: the rules of commit f1a1687 (before
    that session) scored 0.64 / 0.27 on it with the vocabulary of its fifth round, those after its fourth
    round 0.67 / 0.28 and after its fifth 0.68 / 0.31. Its misses were then read in the sixth round
    (development texts since; 0.94 / 0.61 at the session's end), and ``heldout7`` took over as the
    untouched set.
    """
    precision, recall = score_expected(held_out_set("heldout6"), extractor, ontology).overall()
    assert precision >= 0.9 and recall >= 0.55


def test_held_out_set_7(extractor, ontology):
    """``heldout7``: a sequestered lumbar disc fragment taken for a tumour, a tuberculous spondylitis case
    and a review passage on drop metastases (114 statements), written in the third extraction session's
    sixth round by a helper who never ran the extractor or read its rules, and never read by anyone tuning
    them: the measure of how extraction generalises. With the vocabulary of that session's fifth round,
    the rules of commit f1a1687 (before the session) scored 0.66 / 0.20 on it and those after its fifth
    round 0.65 / 0.32, after its sixth 0.65 / 0.33. The thresholds guard against losing ground; whoever
    reads these texts' misses must say so here.
    """
    precision, recall = score_expected(held_out_set("heldout7"), extractor, ontology).overall()
    assert precision >= 0.6 and recall >= 0.28
