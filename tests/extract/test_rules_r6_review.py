"""Round 6 constructions of review prose, on sentences written for these tests (none from a paper).

They come from the false positives and misses of a review of a lesion the rules had never seen: a
frequency word that ranks a pitfall, values set against a study's own after two measures, a sign that
points to another diagnosis, a look that a reader infers from, a definition by class and what narrows
it, and a technique that understates the disease. One test shows a construction fires, its neighbour
that it does not misfire.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text, facts

MYELOMA = "Multiple myeloma of the spine"
CHORDOMA = "Sacral chordoma"


def test_a_lesion_called_a_common_tumour_is_common(extractor):
    found = accepted(extractor, "Myeloma is a common tumour of older adults.\n", title=MYELOMA)
    assert ("MultipleMyeloma", "hasPrevalence", "common") in found


def test_a_common_trap_or_pitfall_says_nothing_of_how_often_a_lesion_occurs(extractor):
    text = "Collapsed vertebrae are frequent in myeloma. They are a common pitfall, because many look harmless.\n"
    extraction = extract_text(extractor, text, title=MYELOMA)
    every = facts(extraction.accepted + extraction.review)
    assert not [fact for fact in every if fact[1] == "hasPrevalence" and fact[2] == "common"]


def test_values_set_against_two_measures_are_the_other_techniques_and_wait_for_review(extractor):
    text = (
        "In 50 patients, whole-body MRI found marrow disease with a sensitivity of 88% and a specificity of 82%, "
        "against 61% for PET/CT and 33% for the skeletal survey.\n"
    )
    extraction = extract_text(extractor, text, title=MYELOMA)
    assert {("WholeBodyMRI", "hasSensitivity", 88), ("WholeBodyMRI", "hasSpecificity", 82)} <= facts(
        extraction.accepted
    )
    assert {("PETCT", "hasSensitivity", 61), ("Radiography", "hasSensitivity", 33)} <= facts(extraction.review)
    wrong = {fact for fact in facts(extraction.accepted) if fact[2] in (61, 33)}
    assert not wrong


def test_a_value_set_against_one_measure_keeps_that_measure(extractor):
    text = "CT detected the fractures with a sensitivity of 92%, versus 64% for radiographs.\n"
    found = accepted(extractor, text, title=MYELOMA)
    assert {("CT", "hasSensitivity", 92), ("Radiography", "hasSensitivity", 64)} <= found


def test_a_sign_that_points_to_another_diagnosis_is_not_shown_by_the_lesion_before(extractor):
    text = (
        "Deposits in vertebrae that have kept their height favour myeloma, whereas a fluid sign inside a collapsed "
        "body points to osteoporosis.\n"
    )
    extraction = extract_text(extractor, text, title=MYELOMA)
    assert ("FluidSign", "suggests", "Osteoporosis") in facts(extraction.accepted)
    every = facts(extraction.accepted + extraction.review)
    assert not [fact for fact in every if fact[1] == "showsSign"]


def test_a_lesion_that_shows_a_sign_still_shows_it(extractor):
    found = accepted(extractor, "On MRI myeloma may show the mini-brain sign.\n", title=MYELOMA)
    assert ("MultipleMyeloma", "showsSign", "MiniBrainSign") in found


def test_a_look_a_reader_infers_from_belongs_to_no_lesion_of_an_earlier_clause(extractor):
    text = (
        "Treated deposits may hold only fibrosis, so low signal on T1-weighted images does not indicate live tumour.\n"
    )
    found = accepted(extractor, text, title=MYELOMA)
    assert not [fact for fact in found if fact[1] == "hasSignal"]


def test_a_look_said_of_a_lesion_is_still_its_look(extractor):
    found = accepted(extractor, "Myeloma deposits show low signal on T1-weighted images.\n", title=MYELOMA)
    assert ("MultipleMyeloma", "hasSignal", "Hypointense") in found


def test_a_class_above_the_lesion_narrowed_by_of_defines_it(extractor):
    text = "Chordoma is a malignant tumour arising from notochordal remnants and grows slowly.\n"
    found = accepted(extractor, text, title=CHORDOMA)
    assert ("Chordoma", "definedAs", "a malignant tumour arising from notochordal remnants") in found


def test_a_ranking_or_a_place_after_the_class_is_no_definition(extractor):
    text = "Chordoma is the commonest malignant tumour of the sacrum. Chordoma is a malignant tumour of the sacrum.\n"
    found = accepted(extractor, text, title=CHORDOMA)
    assert not [fact for fact in found if fact[1] == "definedAs"]


def test_a_technique_that_underestimates_a_lesion_may_miss_it(extractor):
    found = accepted(extractor, "Bone scintigraphy may underestimate myeloma.\n", title=MYELOMA)
    assert ("MultipleMyeloma", "mayBeObscuredOn", "BoneScintigraphy") in found


def test_a_technique_that_underestimates_a_measurement_has_a_limitation(extractor):
    found = accepted(extractor, "Radiographs underestimate the degree of collapse.\n", title=MYELOMA)
    assert ("Radiography", "hasLimitation", "underestimate the degree of collapse") in found
    assert not [fact for fact in found if fact[1] == "mayBeObscuredOn"]


def test_a_sex_told_as_affected_more_often_than_the_other_is_a_sex_ratio(extractor):
    text = "Myeloma is a disease of older adults, and women are affected somewhat less often than men.\n"
    found = accepted(extractor, text, title=MYELOMA)
    assert ("MultipleMyeloma", "hasSexRatio", "women are affected somewhat less often than men") in found


def test_a_sex_compared_with_an_expectation_is_no_sex_ratio(extractor):
    found = accepted(
        extractor, "Myeloma is rare in the young. Men are affected more often than expected.\n", title=MYELOMA
    )
    assert not [fact for fact in found if fact[1] == "hasSexRatio"]


def test_a_site_involved_in_most_patients_is_the_topics_site(extractor):
    text = "Myeloma is a malignancy of plasma cells. The ribs are involved in most patients.\n"
    assert ("MultipleMyeloma", "locatedIn", "Rib") in accepted(extractor, text, title=MYELOMA)


def test_a_site_said_involved_without_patients_stays_a_guess(extractor):
    text = "Myeloma is a malignancy of plasma cells. The ribs are involved.\n"
    extraction = extract_text(extractor, text, title=MYELOMA)
    assert ("MultipleMyeloma", "locatedIn", "Rib") not in facts(extraction.accepted)
    assert ("MultipleMyeloma", "locatedIn", "Rib") in facts(extraction.review)


def test_techniques_that_replaced_another_are_preferred_to_it(extractor):
    text = "Whole-body MRI (WB-MRI) and PET/CT have largely replaced the radiographic skeletal survey.\n"
    found = accepted(extractor, text, title=MYELOMA)
    assert {("WholeBodyMRI", "superiorTo", "Radiography"), ("PETCT", "superiorTo", "Radiography")} <= found


def test_a_technique_that_replaced_something_else_is_preferred_to_nothing(extractor):
    text = "In many centres PET/CT has replaced an older staging protocol.\n"
    found = accepted(extractor, text, title=MYELOMA)
    assert not [fact for fact in found if fact[1] == "superiorTo"]


def test_an_opening_generic_deposit_is_the_paragraphs_lesion(extractor):
    text = (
        "Myeloma is a malignancy of plasma cells. A focal deposit is dark on T1-weighted images, bright on STIR "
        "images, and it enhances after gadolinium.\n"
    )
    found = accepted(extractor, text, title=MYELOMA)
    assert {
        ("MultipleMyeloma", "hasSignal", "Hypointense"),
        ("MultipleMyeloma", "hasSignal", "Hyperintense"),
        ("MultipleMyeloma", "hasEnhancement", "ContrastEnhancement"),
    } <= found


def test_an_opening_generic_lesion_beside_other_named_lesions_is_no_topic(extractor):
    text = (
        "Myeloma is a malignancy of plasma cells. A focal lesion that is bright on STIR images may also be a "
        "metastasis or a haemangioma.\n"
    )
    found = accepted(extractor, text, title=MYELOMA)
    assert ("MultipleMyeloma", "hasSignal", "Hyperintense") not in found


CASE_TITLE = "Intramedullary astrocytoma of the cervical cord: a case report\n\nCASE REPORT\n\n"
CASE_OPENING = "A 30-year-old man presented with neck pain. MRI showed an intramedullary tumour from C3 to C5. "


def case_facts(extractor, body: str) -> set[tuple]:
    """The accepted facts of an invented case report of a cord tumour that goes on with ``body``."""
    return accepted(extractor, CASE_TITLE + CASE_OPENING + body + "\n", kind="case report")


def test_an_exam_finding_found_at_a_level_does_not_place_the_lesion(extractor):
    found = case_facts(extractor, "The right arm was weak, and a sensory level was found at T6.")
    assert ("case:lesion", "atLevel", "T6") not in found


def test_a_lesion_found_at_a_level_is_placed_there(extractor):
    found = case_facts(extractor, "The right arm was weak, and the tumour was found at T6.")
    assert ("case:lesion", "atLevel", "T6") in found


def test_a_look_given_as_the_reason_against_a_diagnosis_is_the_case_lesions(extractor):
    found = case_facts(extractor, "A demyelinating plaque was judged unlikely because of the mass effect.")
    assert ("case:lesion", "hasImagingFinding", "MassEffect") in found
    assert ("DemyelinatingDisease", "hasImagingFinding", "MassEffect") not in found


def test_a_look_a_kind_of_lesion_has_in_general_is_that_kinds(extractor):
    body = (
        "An ependymoma was considered. Against it were his age and the irregular margins of the tumour, since "
        "ependymomas tend to lie centrally and to be sharply marginated."
    )
    found = case_facts(extractor, body)
    assert ("Ependymoma", "hasImagingFinding", "WellCircumscribedMargin") in found
    assert ("case:lesion", "hasImagingFinding", "WellCircumscribedMargin") not in found


def test_a_look_of_the_case_lesion_after_a_plural_kind_stays_the_case_lesions(extractor):
    found = case_facts(extractor, "Unlike most ependymomas, the tumour was sharply marginated.")
    assert ("case:lesion", "hasImagingFinding", "WellCircumscribedMargin") in found
