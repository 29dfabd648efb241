"""Round 4 case-report constructions found missing on a text set nobody had tuned on, tested on invented texts.

Each test reads one general construction and, beside it, a close wording that must not be read the
same way: the case lesion of an impression that also weighs another diagnosis, procedures told as
"followed by" and laboratory tests that "showed", negated symptoms and history told with "had no",
"denied" and "the absence of any known", impressions and diagnoses that "could not be excluded", and
normal variants in a differential list.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text, facts, individual_types

TITLE = "Back pain in an adult: a case report\n\nCASE REPORT\n\n"
OPENING = "A 62-year-old man presented with back pain. "


def case_extraction(extractor, body: str):
    """The extraction of a case report that opens with a presentation and then says ``body``."""
    return extract_text(extractor, TITLE + OPENING + body + "\n", kind="case report")


def case_facts(extractor, body: str) -> set[tuple]:
    """The accepted (subject, predicate, object or value, negated) of such a case report."""
    return facts(case_extraction(extractor, body).accepted, negation=True)


def case_lesion_type(extractor, body: str) -> str | None:
    """The class the extractor gives the case lesion of such a case report."""
    return individual_types(case_extraction(extractor, body)).get("lesion")


# --- the case lesion: a clause that weighs a diagnosis leaves the rest of the sentence standing --------------------


def test_an_impression_with_a_diagnosis_not_excluded_names_the_case_lesion(extractor):
    body = (
        "MRI showed an extradural mass at T4. "
        "The findings were most in keeping with an epidural abscess, although a lymphoma could not be excluded."
    )
    assert case_lesion_type(extractor, body) == "EpiduralAbscess"


def test_a_diagnosis_reached_after_a_concession_is_the_case_lesion(extractor):
    body = "MRI showed an intradural mass at T4. Although a meningioma was considered, biopsy confirmed a schwannoma."
    assert case_lesion_type(extractor, body) == "Schwannoma"


def test_a_diagnosis_only_weighed_is_not_the_case_lesion(extractor):
    body = "MRI showed an extradural mass at T4, and a lymphoma could not be excluded."
    assert case_lesion_type(extractor, body) != "Lymphoma"


def test_a_denied_impression_names_no_case_lesion(extractor):
    body = "MRI showed an extradural mass at T4. The findings were not consistent with a lymphoma."
    assert case_lesion_type(extractor, body) != "Lymphoma"


# --- the timeline: procedures "followed by" others, laboratory tests that "showed" ---------------------------------


def test_procedures_a_sentence_says_followed_are_done(extractor):
    extraction = case_extraction(
        extractor,
        "MRI showed an intradural mass at T4. This was followed by laminectomy and resection of the tumour.",
    )
    types = individual_types(extraction)
    assert {"Laminectomy", "SurgicalResection"} <= set(types.values())
    found = facts(extraction.accepted, negation=True)
    assert ("case:patient", "underwent", "case:laminectomy", False) in found


def test_a_procedure_followed_by_another_is_done_too(extractor):
    types = individual_types(
        case_extraction(extractor, "MRI showed an intradural mass at T4. Biopsy was followed by decompression.")
    )
    assert {"Biopsy", "SurgicalDecompression"} <= set(types.values())


def test_a_planned_sequence_of_procedures_is_not_done(extractor):
    types = individual_types(
        case_extraction(
            extractor, "MRI showed an intradural mass at T4. A plan of surgery followed by radiotherapy was discussed."
        )
    )
    assert "Radiotherapy" not in types.values()


def test_a_laboratory_test_that_showed_a_result_was_done(extractor):
    found = case_facts(extractor, "A full blood count showed a raised white cell count. MRI showed a mass at T4.")
    assert ("case:patient", "underwent", "case:complete-blood-count", False) in found


def test_a_laboratory_test_only_requested_was_not_done(extractor):
    types = individual_types(
        case_extraction(extractor, "A coagulation study was requested. MRI showed a mass at T4.")
    )
    assert "CoagulationStudy" not in types.values()


# --- presentation and history told as what the patient had not -----------------------------------------------------


def test_symptoms_the_patient_had_none_of_are_denied_presentations(extractor):
    found = case_facts(extractor, "She had no bladder or bowel symptoms. MRI showed a mass at T4.")
    assert ("case:patient", "presentsWith", "BladderSymptoms", True) in found
    assert ("case:patient", "presentsWith", "BowelSymptoms", True) in found


def test_a_symptom_gone_at_follow_up_is_no_denied_presentation(extractor):
    found = case_facts(
        extractor, "MRI showed a mass at T4. It was resected. At follow-up she had no back pain."
    )
    assert ("case:patient", "presentsWith", "BackPain", True) not in found


def test_a_disorder_reported_absent_or_denied_is_a_negated_past_history(extractor):
    assert ("case:patient", "hasPastHistory", "Trauma", True) in case_facts(
        extractor, "He reported no trauma. MRI showed a mass at T4."
    )
    assert ("case:patient", "hasPastHistory", "Trauma", True) in case_facts(
        extractor, "He denied any previous injury to the back. MRI showed a mass at T4."
    )


def test_the_absence_of_a_known_disorder_is_a_negated_past_history(extractor):
    found = case_facts(
        extractor,
        "MRI showed an intradural mass at T4. The absence of any known primary tumour made a metastasis less likely.",
    )
    assert ("case:patient", "hasPastHistory", "PrimaryTumour", True) in found


def test_the_absence_of_a_known_sign_is_no_history(extractor):
    found = case_facts(
        extractor,
        "MRI showed an intradural mass at T4. Absence of the known enhancement pattern of a metastasis was noted.",
    )
    assert not any(p == "hasPastHistory" for _s, p, _o, _n in found)


# --- impressions and diagnoses that could not be excluded ------------------------------------------------------------


def test_an_imaging_impression_is_the_initial_diagnosis_and_an_unexcluded_one_a_differential(extractor):
    found = case_facts(
        extractor,
        "MRI showed an extradural mass at T4. The appearance was most likely that of an epidural abscess, although an "
        "underlying metastasis could not be ruled out.",
    )
    assert ("case:patient", "hasInitialDiagnosis", "EpiduralAbscess", False) in found
    assert ("case:lesion", "hasDifferential", "Metastasis", False) in found


def test_appearances_that_favoured_a_diagnosis_give_it_as_initial(extractor):
    found = case_facts(extractor, "MRI showed an intradural mass at T4. Appearances favoured a schwannoma.")
    assert ("case:patient", "hasInitialDiagnosis", "Schwannoma", False) in found


def test_an_impression_denied_or_a_diagnosis_excluded_gives_neither(extractor):
    found = case_facts(
        extractor,
        "MRI showed an extradural mass at T4. The findings were not consistent with a lymphoma. "
        "Infection was excluded.",
    )
    assert not any(p in ("hasInitialDiagnosis", "hasDifferential") for _s, p, _o, _n in found)


# --- normal tissue in a differential list --------------------------------------------------------------------------


def test_a_differential_list_keeps_normal_marrow_beside_diseases(extractor):
    found = accepted(
        extractor,
        "The differential diagnosis of a vertebral hemangioma includes metastasis and focal red marrow.",
        title="Vertebral lesions on MRI",
    )
    assert ("VertebralHemangioma", "hasDifferential", "HematopoieticMarrow") in found
    assert ("VertebralHemangioma", "hasDifferential", "Metastasis") in found


def test_normal_marrow_after_the_list_is_no_differential(extractor):
    found = accepted(
        extractor,
        "The differential diagnosis of a vertebral hemangioma includes metastasis and myeloma, whereas fatty marrow is "
        "bright on T1-weighted images.",
        title="Vertebral lesions on MRI",
    )
    assert ("VertebralHemangioma", "hasDifferential", "FattyMarrow") not in found


def test_a_case_lesion_gets_no_normal_marrow_differential_nor_spread_from_a_weighed_metastasis(extractor):
    found = case_facts(
        extractor,
        "MRI showed a lesion in the L2 vertebral body. "
        "The differential diagnosis included a metastasis and focal fatty marrow.",
    )
    assert ("case:lesion", "hasDifferential", "Metastasis", False) in found
    assert not any(o == "FattyMarrow" for _s, _p, o, _n in found)


# --- outcomes and symptoms that have gone -----------------------------------------------------------------------------


def test_any_neurological_state_that_improved_is_neurological_improvement(extractor):
    found = case_facts(
        extractor, "MRI showed a mass at T4. It was resected. At six months his neurological state had improved."
    )
    assert ("case:patient", "hasOutcome", "ImprovedNeurologically", False) in found


def test_a_neurological_state_that_had_not_improved_is_no_improvement(extractor):
    found = case_facts(
        extractor, "MRI showed a mass at T4. It was resected. At six months his neurological deficit had not improved."
    )
    assert ("case:patient", "hasOutcome", "ImprovedNeurologically", False) not in found


def test_a_symptom_that_had_gone_is_no_finding(extractor):
    found = case_facts(
        extractor,
        "MRI showed a mass at T4. It was resected. At six months her neurological state had improved, and the leg "
        "numbness had almost gone.",
    )
    assert not any(o == "SensoryLoss" for _s, _p, o, _n in found)


# --- cells under the microscope, treatments that name their lesion -------------------------------------------------


def test_cells_a_microscopy_result_denies_are_a_negated_histologic_finding(extractor):
    found = case_facts(
        extractor,
        "MRI showed an extradural mass at T4. It was resected. Histology showed fibrous tissue without tumour cells.",
    )
    assert ("case:lesion", "hasHistologicFinding", "TumourCell", True) in found


def test_cells_named_outside_a_microscopy_result_are_no_histologic_finding(extractor):
    found = case_facts(
        extractor, "MRI showed an extradural mass at T4. Tumour cells were not seen in the cerebrospinal fluid."
    )
    assert not any(p == "hasHistologicFinding" for _s, p, _o, _n in found)


def test_a_treatment_of_the_named_lesion_treats_the_case_lesion(extractor):
    extraction = case_extraction(
        extractor, "MRI showed an intradural mass at T4. She underwent complete resection of the tumour."
    )
    resection = next(i for i, t in individual_types(extraction).items() if "Resection" in t)
    assert ("case:lesion", "treatedWith", f"case:{resection}", False) in facts(extraction.accepted, negation=True)


def test_a_treatment_that_names_no_lesion_leaves_treated_with_to_review(extractor):
    extraction = case_extraction(extractor, "MRI showed an intradural mass at T4. She underwent a laminectomy.")
    assert not any(p == "treatedWith" for _s, p, _o, _n in facts(extraction.accepted, negation=True))
    assert ("case:lesion", "treatedWith", "case:laminectomy") in facts(extraction.review)


# --- what the case's imaging found compressing a structure --------------------------------------------------------


def test_an_unnamed_finding_of_the_case_imaging_compressing_the_cord_is_the_case_lesion(extractor):
    found = case_facts(
        extractor,
        "MRI demonstrated abnormal soft tissue in the ventral epidural space at T4, compressing the spinal cord. "
        "Aspiration confirmed an epidural abscess.",
    )
    assert ("case:lesion", "causes", "SpinalCordCompression", False) in found


def test_another_named_lesion_compressing_the_cord_is_not_the_case_lesion(extractor):
    found = case_facts(
        extractor,
        "MRI demonstrated a disc herniation at T4, compressing the spinal cord. "
        "Aspiration confirmed an epidural abscess.",
    )
    assert ("case:lesion", "causes", "SpinalCordCompression", False) not in found
