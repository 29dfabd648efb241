"""Case-report machinery, round 3: the narrative test, the case lesion, the timeline and the findings a
case tells, on short case reports written for these tests.

Each test reads one phrasing the extractor must read and, beside it, a close phrasing it must not read
the same way.
"""

from __future__ import annotations

from tests.extract.texts import extract_text, facts, individual_types

TITLE = "Tumour of the thoracic spine: a case report\n\nCASE REPORT\n\n"
OPENING = "A 45-year-old man presented with back pain. "


def facts_of(extraction) -> set[tuple]:
    """(subject, predicate, object or value, negated) of the accepted statements."""
    return facts(extraction.accepted, negation=True)


def case(extractor, body: str, opening: str = OPENING) -> set[tuple]:
    """The accepted facts, with negation, of a case report that opens with a presentation and then says ``body``."""
    return facts_of(extract_text(extractor, TITLE + opening + body + "\n", kind="case report"))


# --- the narrative test reads irregular past tenses ------------------------------------------------

def test_a_sentence_with_an_irregular_past_tense_is_case_narrative(extractor):
    facts = case(extractor, "MRI showed an extradural mass at T7. The tumour did not extend into the neural foramen.")
    assert ("case:lesion", "extendsInto", "NeuralForamen", True) in facts


def test_a_general_sentence_in_the_present_is_not_case_narrative(extractor):
    facts = case(extractor, "MRI showed an extradural mass at T7.\n\nSuch tumours should not extend into the neural foramen.")
    assert not any(s == "case:lesion" and o == "NeuralForamen" for s, _p, o, _n in facts)


# --- the case lesion when the report names no diagnosis the ontology knows ------------------------

UNNAMED = ("Cystic lesion of a lumbar vertebra: a case report\n\nCASE REPORT\n\n"
           "A 19-year-old girl had complained of back pain for three months. "
           "Radiographs showed an expansile lytic lesion of the L3 spinous process. ")


def test_an_unnamed_lesion_is_the_case_lesion_and_its_look_is_read(extractor):
    extraction = extract_text(extractor, UNNAMED + "\n", kind="case report")
    facts = facts_of(extraction)
    assert individual_types(extraction)["lesion"] == "OsseousLesion"
    assert ("case:lesion", "locatedIn", "SpinousProcess", False) in facts
    assert ("case:lesion", "hasDensity", "Lucency", False) in facts
    assert ("case:lesion", "hasImagingFinding", "ExpansileLesion", False) in facts
    assert ("case:patient", "hasSex", "Female", False) in facts


def test_a_lytic_lesion_in_a_review_is_still_a_lytic_metastasis(extractor):
    extraction = extract_text(
        extractor, "Imaging of spinal metastases\n\nLytic lesions often involve the pedicle.\n", kind="review"
    )
    assert any(s == "OsteolyticMetastasis" for s, _p, _o, _n in facts_of(extraction))


def test_a_diagnosis_only_weighed_is_not_the_case_lesion(extractor):
    body = ("MRI showed a mass in the L2 vertebral body. The differential diagnosis included chordoma. "
            "A biopsy was performed.")
    extraction = extract_text(extractor, UNNAMED.split("Radiographs")[0] + body + "\n", kind="case report")
    assert individual_types(extraction).get("lesion") != "Chordoma"


def test_a_diagnosis_reached_is_the_case_lesion(extractor):
    body = "MRI showed a mass in the L2 vertebral body. Histology revealed a chordoma."
    extraction = extract_text(extractor, UNNAMED.split("Radiographs")[0] + body + "\n", kind="case report")
    assert individual_types(extraction)["lesion"] == "Chordoma"


def test_a_denied_disorder_is_not_the_case_lesion(extractor):
    body = "There had been no injury. MRI showed a mass in the L2 vertebral body."
    extraction = extract_text(extractor, UNNAMED.split("Radiographs")[0] + body + "\n", kind="case report")
    assert individual_types(extraction).get("lesion") == "OsseousLesion"


# --- procedures of the timeline --------------------------------------------------------------------

def test_a_guided_biopsy_that_showed_something_was_done_and_its_guide_is_no_new_study(extractor):
    extraction = extract_text(
        extractor,
        TITLE + OPENING + "CT showed a lytic mass in T9. CT-guided biopsy showed sheets of plasma cells.\n",
        kind="case report",
    )
    facts = facts_of(extraction)
    assert ("case:patient", "underwent", "case:biopsy", False) in facts
    assert "ct-2" not in individual_types(extraction)


def test_histology_that_revealed_something_is_no_procedure_of_the_timeline(extractor):
    extraction = extract_text(
        extractor, TITLE + OPENING + "MRI showed a mass at T9. Histology revealed a schwannoma.\n", kind="case report"
    )
    assert not any(t == "Histopathology" for t in individual_types(extraction).values())


def test_a_procedure_with_its_levels_before_it_was_undergone(extractor):
    facts = case(extractor, "MRI showed an extradural mass at T5. He underwent a T4-T6 laminectomy.")
    assert ("case:patient", "underwent", "case:laminectomy", False) in facts


def test_removal_and_reconstruction_told_with_verbs_are_procedures(extractor):
    facts = case(extractor, "MRI showed a mass in the T5 lamina. Three days later the mass was removed and the lamina was reconstructed.")
    assert ("case:patient", "underwent", "case:surgical-resection", False) in facts
    assert ("case:patient", "underwent", "case:reconstructive-surgery", False) in facts


def test_a_study_after_a_negated_complaint_was_still_done(extractor):
    text = (TITLE + OPENING + "CT showed a mass at T9. The mass was resected. "
            "At one year she had no pain and CT showed no recurrence.\n")
    extraction = extract_text(extractor, text, kind="case report")
    facts = facts_of(extraction)
    assert ("case:patient", "underwent", "case:ct-2", False) in facts


def test_a_study_that_was_not_done_is_not_undergone(extractor):
    extraction = extract_text(
        extractor, TITLE + OPENING + "MRI showed a mass at T9. No CT was performed.\n", kind="case report"
    )
    assert "ct" not in individual_types(extraction)


def test_the_levels_of_hardware_are_not_the_lesion_levels(extractor):
    facts = case(extractor, "MRI showed an extradural mass at T8. The spine was fixed with pedicle screws from T6 to T10.")
    assert ("case:lesion", "atLevel", "T8", False) in facts
    assert not any(s == "case:lesion" and p == "atLevel" and o in ("T6", "T10") for s, p, o, _n in facts)


# --- findings a case tells ---------------------------------------------------------------------------

def test_spastic_limbs_are_spasticity(extractor):
    facts = case(extractor, "On examination his legs were spastic.")
    assert ("case:patient", "hasExamFinding", "Spasticity", False) in facts


def test_limbs_that_were_not_spastic_are_not_spasticity(extractor):
    facts = case(extractor, "On examination his legs were not spastic.")
    assert not any(o == "Spasticity" and not n for _s, _p, o, n in facts)


def test_an_indented_sac_and_a_denied_compression_are_the_lesion_effects(extractor):
    facts = case(extractor, "MRI showed an extradural mass at L4. The thecal sac was indented, without compression of the cauda equina.")
    assert ("case:lesion", "causes", "ThecalSacCompression", False) in facts
    assert ("case:lesion", "causes", "CaudaEquinaCompression", True) in facts


def test_a_compression_in_a_sentence_about_another_lesion_is_not_the_case_lesion_effect(extractor):
    facts = case(extractor, "MRI showed an extradural mass at L4.\n\nCauda equina compression is caused by disc herniation.")
    assert ("case:lesion", "causes", "CaudaEquinaCompression", False) not in facts


def test_an_imaging_sentence_tells_no_exam_finding(extractor):
    facts = case(extractor, "CT demonstrated a mass with a thin cortical rim at T9.")
    assert not any(o == "ThinHabitus" for _s, _p, o, _n in facts)


def test_an_operation_sentence_borrows_no_technique_for_a_finding(extractor):
    facts = case(extractor, "MRI showed an intradural mass at T4. The tumour was removed completely together with its dural base.")
    assert ("case:lesion", "hasImagingFinding", "DuralAttachment", False) not in facts


def test_a_dural_base_on_imaging_is_a_dural_attachment(extractor):
    facts = case(extractor, "MRI showed an intradural mass at T4 with a broad dural base.")
    assert ("case:lesion", "hasImagingFinding", "DuralAttachment", False) in facts


def test_a_normal_blood_count_is_a_normal_laboratory_result(extractor):
    facts = case(extractor, "MRI showed a mass at T4. The blood count was within normal limits.")
    assert ("case:patient", "hasLaboratoryFinding", "NormalLaboratoryResults", False) in facts


def test_walking_without_aid_is_an_outcome(extractor):
    facts = case(extractor, "MRI showed a mass at T4. The mass was resected. At six months she was walking without aid.")
    assert ("case:patient", "hasOutcome", "WalkingIndependently", False) in facts


def test_a_study_named_as_where_nothing_was_seen_was_done(extractor):
    text = (TITLE + OPENING + "MRI showed a mass at T9. The mass was resected. "
            "At one year he was well, with no recurrence on follow-up MRI.\n")
    extraction = extract_text(extractor, text, kind="case report")
    assert ("case:patient", "underwent", "case:mri-2", False) in facts_of(extraction)


def test_an_outcome_a_scan_showed_is_not_the_scan_outcome(extractor):
    text = (TITLE + OPENING + "PET/CT showed a mass at T9. She received chemotherapy. "
            "PET/CT at the end of treatment showed a complete response that was successful.\n")
    extraction = extract_text(extractor, text, kind="case report")
    assert not any(s.startswith("case:pet") and p == "hasOutcome" for s, p, _o, _n in facts_of(extraction))


def test_an_unnamed_case_lesion_is_not_the_topic_of_general_sentences(extractor):
    text = (TITLE + OPENING + "MRI showed an extradural mass at T9.\n\nDISCUSSION\n\n"
            "These lesions are usually hyperintense on T2-weighted images.\n")
    facts = facts_of(extract_text(extractor, text, kind="case report"))
    assert ("case:lesion", "locatedIn", "ExtraduralSite", False) in facts
    assert not any(s == "Lesion" for s, _p, _o, _n in facts)


def test_a_disorder_told_in_the_pluperfect_is_past_history(extractor):
    facts = case(extractor, "MRI showed an extradural mass at T9. There had been no injury.")
    assert ("case:patient", "hasPastHistory", "Trauma", True) in facts


def test_a_disorder_told_in_the_present_is_not_past_history(extractor):
    facts = case(extractor, "MRI showed an extradural mass at T9. Injury is a common cause of back pain.")
    assert not any(p == "hasPastHistory" and o == "Trauma" for _s, p, o, _n in facts)


def test_bone_that_showed_no_erosion_denies_erosion(extractor):
    facts = case(extractor, "MRI showed an intradural mass at T9. On CT the adjacent bone showed no erosion.")
    assert ("case:lesion", "hasImagingFinding", "OsseousErosion", True) in facts


def test_sensation_reduced_below_a_landmark_is_a_sensory_level(extractor):
    facts = case(extractor, "On examination light touch was diminished below the umbilicus.")
    assert ("case:patient", "hasExamFinding", "SensoryLevel", False) in facts


def test_sensation_reduced_in_the_feet_is_not_a_sensory_level(extractor):
    facts = case(extractor, "On examination light touch was diminished in both feet.")
    assert not any(o == "SensoryLevel" for _s, _p, o, _n in facts)


def test_a_tumour_attached_to_a_structure_arises_from_it(extractor):
    text = ("Meningioma of the thoracic spine: a case report\n\nCASE REPORT\n\n" + OPENING
            + "MRI showed an intradural mass at T6. At surgery the tumour was attached to the dorsal dura.\n")
    extraction = extract_text(extractor, text, kind="case report")
    assert ("case:lesion", "arisesFrom", "DuraMater", False) in facts_of(extraction)


def test_a_tumour_attached_to_a_bone_lies_in_it(extractor):
    text = ("Meningioma of the thoracic spine: a case report\n\nCASE REPORT\n\n" + OPENING
            + "MRI showed an intradural mass at T6. The tumour was attached to the vertebral body.\n")
    extraction = extract_text(extractor, text, kind="case report")
    facts = facts_of(extraction)
    assert not any(p == "arisesFrom" and o == "VertebralBody" for _s, p, o, _n in facts)
