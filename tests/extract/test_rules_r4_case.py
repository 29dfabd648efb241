"""Round 4 rules for case reports, differentials and metastases, on short texts written for these tests.

Each test reads one general construction the extractor must read and, beside it, a close wording it
must not read the same way: the timeline's chemotherapy told by its drugs, outcomes told in the
sentence after a treatment, worsening symptoms, diagnoses "shown to be", staging of a metastatic case
lesion, and the differential and primary-site constructions of reviews.
"""

from __future__ import annotations

from kg.extract.case import CHEMOTHERAPY
from tests.extract.texts import accepted, extract_text, facts, individual_types

TITLE = "Tumour of the lumbar spine: a case report\n\nCASE REPORT\n\n"
OPENING = "A 58-year-old woman presented with low back pain. "


def case_extraction(extractor, body: str):
    """The extraction of a case report that opens with a presentation and then says ``body``."""
    return extract_text(extractor, TITLE + OPENING + body + "\n", kind="case report")


def case_facts(extractor, body: str) -> set[tuple]:
    """The accepted (subject, predicate, object or value, negated) of such a case report."""
    return facts(case_extraction(extractor, body).accepted, negation=True)


# --- chemotherapy told by the drugs given -----------------------------------------------------------


def test_drugs_given_in_cycles_are_a_chemotherapy_the_patient_underwent(extractor):
    extraction = case_extraction(
        extractor, "MRI showed a mass at L2. She was then given two cycles of cisplatin and etoposide."
    )
    types = individual_types(extraction)
    assert "Chemotherapy" in types.values()
    chemotherapy = next(i for i, t in types.items() if t == "Chemotherapy")
    assert ("case:patient", "underwent", f"case:{chemotherapy}", False) in facts(extraction.accepted, negation=True)


def test_a_drug_only_named_is_no_chemotherapy(extractor):
    extraction = case_extraction(extractor, "MRI showed a mass at L2. Cisplatin toxicity was a concern of the family.")
    assert "Chemotherapy" not in individual_types(extraction).values()


def test_a_named_chemotherapy_is_not_told_twice_by_its_drugs(extractor):
    extraction = case_extraction(
        extractor, "MRI showed a mass at L2. She received chemotherapy with cisplatin and etoposide."
    )
    assert list(individual_types(extraction).values()).count("Chemotherapy") == 1


# --- outcomes of a treatment, and of the disease ----------------------------------------------------


def test_no_improvement_after_drugs_is_the_chemotherapy_outcome_and_does_not_deny_what_follows(extractor):
    extraction = case_extraction(
        extractor,
        "MRI showed an extradural mass at L2. She was treated with three cycles of doxorubicin. "
        "No improvement was seen and eventually there was progression as her leg weakness worsened.",
    )
    types = individual_types(extraction)
    chemotherapy = next(i for i, t in types.items() if t == "Chemotherapy")
    found = facts(extraction.accepted, negation=True)
    assert (f"case:{chemotherapy}", "hasOutcome", "NoImprovement", False) in found
    assert ("case:lesion", "hasOutcome", "Progression", False) in found
    assert ("case:patient", "hasComplication", "ExtremityWeakness", False) in found


def test_no_progression_stays_the_patients_denied_outcome(extractor):
    found = case_facts(extractor, "MRI showed a mass at L2. At one year there was no progression of disease.")
    assert ("case:patient", "hasOutcome", "Progression", True) in found
    assert not any(s == "case:lesion" and o == "Progression" for s, _p, o, _n in found)


def test_partial_decompression_in_the_sentence_after_an_operation_is_its_outcome(extractor):
    extraction = case_extraction(
        extractor, "MRI showed a mass at L2. A laminectomy was performed. Partial decompression was obtained."
    )
    types = individual_types(extraction)
    operation = next(i for i, t in types.items() if t == "Laminectomy")
    assert (f"case:{operation}", "hasOutcome", "PartialDecompression", False) in facts(
        extraction.accepted, negation=True
    )


def test_an_outcome_a_later_scan_shows_is_not_given_to_the_treatment_before(extractor):
    extraction = case_extraction(
        extractor,
        "MRI showed a mass at L2. A laminectomy was performed. Follow-up MRI showed partial decompression was "
        "achieved.",
    )
    types = individual_types(extraction)
    operation = next(i for i, t in types.items() if t == "Laminectomy")
    assert not any(
        s == f"case:{operation}" and p == "hasOutcome" for s, p, _o, _n in facts(extraction.accepted, negation=True)
    )


def test_a_pain_worse_by_lying_is_no_complication(extractor):
    found = case_facts(extractor, "MRI showed a mass at L2. Her back pain worsened by lying supine.")
    assert not any(p == "hasComplication" for _s, p, _o, _n in found)


def test_home_care_the_patient_is_discharged_with_is_care_she_underwent_last(extractor):
    extraction = case_extraction(
        extractor,
        "MRI showed a mass at L2. The mass was resected. She was discharged home after two weeks with home care.",
    )
    types = individual_types(extraction)
    care = next(i for i, t in types.items() if t == "HomeCare")
    found = facts(extraction.accepted, negation=True)
    assert ("case:patient", "underwent", f"case:{care}", False) in found
    assert not any(s == f"case:{care}" and p == "precededBy" for s, p, _o, _n in found)


# --- the diagnosis a resection shows ----------------------------------------------------------------


def test_a_lesion_resected_and_shown_to_be_a_tumour_gives_the_diagnosis(extractor):
    found = case_facts(
        extractor, "MRI showed a mass at L2. It was resected and proved to be a primary Grade II schwannoma."
    )
    assert ("case:patient", "hasDiagnosis", "Schwannoma", False) in found
    assert not any(p == "hasDiagnosis" and o == "PrimaryTumour" for _s, p, o, _n in found)


def test_shown_to_be_without_a_lesion_gives_no_diagnosis(extractor):
    found = case_facts(extractor, "MRI showed a mass at L2. The cord was shown to be compressed.")
    assert not any(p == "hasDiagnosis" for _s, p, _o, _n in found)


# --- staging of a case lesion that is itself a metastasis -------------------------------------------

METASTATIC = (
    "Spinal metastasis of renal cell carcinoma: a case report\n\nCASE REPORT\n\n"
    "A 61-year-old man presented with back pain. "
    "MRI showed a metastasis of renal cell carcinoma in the T9 vertebral body. "
)


def test_a_metastatic_case_lesion_denied_further_spread_is_read(extractor):
    found = facts(
        extract_text(
            extractor, METASTATIC + "CT showed no evidence of other metastases in the liver.\n", kind="case report"
        ).accepted,
        negation=True,
    )
    assert any(p == "metastasizesTo" and o == "Liver" and n for _s, p, o, n in found)


def test_metastases_found_elsewhere_are_not_the_metastatic_case_lesions_spread(extractor):
    found = facts(
        extract_text(
            extractor, METASTATIC + "CT showed further metastases in the liver.\n", kind="case report"
        ).accepted,
        negation=True,
    )
    assert not any(p == "metastasizesTo" and o == "Liver" for _s, p, o, _n in found)


# --- differentials: the other lesions of a compartment, and what makes a lesion more suspicious -----

METASTASES = "Imaging of spinal metastases"
OTHER_LESIONS = "Other lesions that can involve the epidural space include epidural hematoma and epidural abscess."


def test_other_lesions_of_a_compartment_are_differentials_of_the_topics_lesions_there(extractor):
    found = accepted(extractor, "Spinal metastases are common in adults.\n\n" + OTHER_LESIONS, title=METASTASES)
    assert ("EpiduralMetastasis", "hasDifferential", "EpiduralHematoma") in found
    assert ("EpiduralMetastasis", "hasDifferential", "EpiduralAbscess") in found
    assert ("EpiduralLesion", "hasDifferential", "EpiduralMetastasis") in found


def test_lesions_of_a_compartment_not_called_other_are_not_set_against_the_topic(extractor):
    text = "Spinal metastases are common in adults.\n\n" + OTHER_LESIONS.replace("Other lesions", "Lesions")
    found = accepted(extractor, text, title=METASTASES)
    assert ("EpiduralLesion", "hasDifferential", "EpiduralHematoma") in found
    assert not any(s == "EpiduralMetastasis" or o == "EpiduralMetastasis" for s, _p, o in found)


def test_a_clue_that_makes_a_described_lesion_more_suspicious_suggests_the_diagnosis(extractor):
    found = accepted(
        extractor, "A dural tail would make an enhancing intradural mass more suspicious for a meningioma."
    )
    assert ("DuralTailSign", "suggests", "Meningioma") in found
    found = accepted(
        extractor, "Known lung cancer would make a vertebral lesion more suspicious for an osteolytic metastasis."
    )
    assert ("OsseousLesion", "hasDifferential", "OsteolyticMetastasis") in found


def test_making_something_more_difficult_is_no_clue(extractor):
    found = accepted(extractor, "A dural tail would make surgery more difficult for a meningioma.")
    assert not any(p in ("suggests", "hasDifferential") for _s, p, _o in found)


# --- vocabulary: radionuclide uptake ----------------------------------------------------------------


def test_radionuclide_uptake_that_accompanies_several_lesions_has_them_in_its_differential(extractor):
    found = accepted(extractor, "Radionuclide uptake can also accompany arthropathy and osteopenia of disuse.")
    assert ("IncreasedRadionuclideUptake", "hasDifferential", "Arthropathy") in found
    assert ("IncreasedRadionuclideUptake", "hasDifferential", "OsteopeniaOfDisuse") in found


def test_decreased_radionuclide_uptake_is_a_cold_lesion_not_increased_uptake(extractor):
    found = accepted(
        extractor, "Decreased radionuclide uptake may accompany avascular necrosis and osteopenia of disuse."
    )
    assert ("ColdLesion", "hasDifferential", "OsteopeniaOfDisuse") in found
    assert not any(s == "IncreasedRadionuclideUptake" for s, _p, _o in found)


DESCRIBED_DIFFERENTIAL = (
    "When an MRI shows an intramedullary enhancing lesion, the differential diagnosis includes demyelinating disease, "
    "cord infarction and primary cord tumour (such as ependymoma)."
)


def mimics_section(extractor, heading: str) -> set[tuple]:
    """The accepted facts of a review of spinal metastases with the described differential under ``heading``."""
    text = f"Spinal metastases are common in adults.\n\n{heading}\n\n{DESCRIBED_DIFFERENTIAL}\n"
    return accepted(extractor, text, title=METASTASES)


def test_a_described_lesions_differential_under_a_mimics_heading_is_the_metastasis_differential_there(extractor):
    found = mimics_section(extractor, "4. Mimics of Spinal Metastases")
    assert ("IntramedullaryMetastasis", "hasDifferential", "DemyelinatingDisease") in found
    assert ("IntramedullaryMetastasis", "hasDifferential", "CordInfarction") in found


def test_a_described_lesions_differential_under_another_heading_stays_its_own(extractor):
    found = mimics_section(extractor, "4. Intramedullary Lesions")
    assert ("IntramedullaryEnhancingLesion", "hasDifferential", "CordInfarction") in found
    assert not any(s == "IntramedullaryMetastasis" for s, _p, _o in found)


# --- routes of spread told by where the spread goes --------------------------------------------------


def test_routes_of_spread_to_a_site_are_the_routes_of_its_metastases(extractor):
    found = accepted(
        extractor,
        "The routes of spread to the leptomeninges include hematogenous spread, direct extension and "
        "perineural spread.",
        title=METASTASES,
    )
    assert ("LeptomeningealCarcinomatosis", "spreadsVia", "HematogenousSpread") in found
    assert ("LeptomeningealCarcinomatosis", "spreadsVia", "DirectExtension") in found
    assert ("LeptomeningealCarcinomatosis", "spreadsVia", "PerineuralSpread") in found


def test_a_route_to_the_skeleton_is_a_route_of_bone_metastases(extractor):
    found = accepted(extractor, "Lymphatic spread to the skeleton is uncommon in these tumours.")
    assert ("BoneMetastasis", "spreadsVia", "LymphaticSpread") in found


def test_a_route_to_a_site_in_a_text_on_an_infection_is_no_route_of_metastases(extractor):
    found = accepted(extractor, "Direct extension to the epidural space is common.", title="Spinal epidural abscess")
    assert not any(s == "EpiduralMetastasis" for s, _p, _o in found)


def test_a_route_of_a_named_tumour_is_not_given_to_the_sites_metastases(extractor):
    found = accepted(extractor, "Lymphatic spread to the skeleton is uncommon in breast carcinoma.")
    assert not any(s == "BoneMetastasis" for s, _p, _o in found)


def test_the_noun_of_an_earlier_route_is_no_verb_of_spread(extractor):
    extraction = extract_text(
        extractor,
        "Vertebral metastases may invade the epidural space by hematogenous dissemination or by lymphatic "
        "infiltration.",
    )
    found = facts(extraction.accepted) | facts(extraction.review)
    assert ("OsseousMetastasis", "spreadsVia", "LymphaticSpread") not in found


# --- which procedure a sequence word places ---------------------------------------------------------


def test_followed_by_places_the_procedure_after_it_not_the_one_before(extractor):
    extraction = case_extraction(
        extractor,
        "MRI showed an extradural mass at L2. A biopsy was performed. "
        "She received four cycles of cisplatin, followed by radiation therapy.",
    )
    types = {t: i for i, t in individual_types(extraction).items()}
    found = facts(extraction.accepted, negation=True)
    assert (f"case:{types['RadiationTherapy']}", "precededBy", f"case:{types['Chemotherapy']}", False) in found
    assert not any(s == f"case:{types['Chemotherapy']}" and p == "precededBy" for s, p, _o, _n in found)


def test_enhancement_after_gadolinium_is_no_sequence_of_studies(extractor):
    extraction = case_extraction(
        extractor, "CT showed a lytic lesion at L2. MRI showed homogeneous enhancement after gadolinium."
    )
    found = facts(extraction.accepted, negation=True)
    assert not any(p == "precededBy" for _s, p, _o, _n in found)


# --- primaries listed before "the most common primaries", and "gives" a kind of metastasis -----------


def test_primaries_ranked_before_the_cue_are_the_metastasis_primaries_organs_included(extractor):
    found = accepted(
        extractor, "Kidney, thyroid and breast carcinoma are the most common primary tumours of epidural metastases."
    )
    assert ("EpiduralMetastasis", "hasPrimaryTumour", "RenalCellCarcinoma") in found
    assert ("EpiduralMetastasis", "hasPrimaryTumour", "ThyroidCarcinoma") in found
    assert ("EpiduralMetastasis", "hasPrimaryTumour", "BreastCarcinoma") in found


def test_a_primary_ranked_most_common_of_something_else_is_no_metastasis_primary(extractor):
    found = accepted(extractor, "Kidney and breast carcinoma are the most common primary tumours in women.")
    assert not any(p == "hasPrimaryTumour" for _s, p, _o in found)


def test_a_primary_that_gives_a_kind_of_metastasis_causes_it(extractor):
    found = accepted(extractor, "Thyroid carcinoma usually gives lytic metastases.")
    assert ("ThyroidCarcinoma", "causes", "OsteolyticMetastasis") in found
    assert not any(p == "causes" for _s, p, _o in accepted(extractor, "Thyroid carcinoma gives few symptoms."))


def test_after_contrast_is_not_when_a_study_was_done(extractor):
    extraction = case_extraction(extractor, "MRI showed an extradural mass at L2 that enhanced after contrast.")
    study = next(s for s in extraction.accepted if s["predicate"] == "underwent")
    assert "time" not in study.get("qualifiers", {})
    extraction = case_extraction(
        extractor, "MRI showed an extradural mass at L2. After surgery, she received chemotherapy."
    )
    chemotherapy = next(s for s in extraction.accepted if s.get("object") == "case:chemotherapy")
    assert chemotherapy["qualifiers"]["time"] == "After surgery"


def test_a_metastasis_seen_in_patients_with_primaries_has_them_as_primary_tumours(extractor):
    found = accepted(
        extractor, "Leptomeningeal metastases are most commonly seen in breast carcinoma, lung carcinoma and melanoma."
    )
    assert ("LeptomeningealCarcinomatosis", "hasPrimaryTumour", "BreastCarcinoma") in found
    assert ("LeptomeningealCarcinomatosis", "hasPrimaryTumour", "Melanoma") in found
    found = accepted(extractor, "Intramedullary metastases occur most often in patients with lung cancer.")
    assert ("IntramedullaryMetastasis", "hasPrimaryTumour", "LungCarcinoma") in found


def test_a_metastasis_seen_in_a_region_or_in_a_grouping_has_no_primary_read(extractor):
    found = accepted(extractor, "Spinal metastases are found in the thoracic spine.")
    assert not any(p == "hasPrimaryTumour" for _s, p, _o in found)
    found = accepted(extractor, "Osseous metastases are seen in patients with primary tumours.")
    assert not any(p == "hasPrimaryTumour" for _s, p, _o in found)


def test_a_histopathological_examination_gives_the_diagnosis(extractor):
    found = case_facts(
        extractor,
        "MRI showed an extradural mass at L2. Histopathological examination was consistent with a schwannoma.",
    )
    assert ("case:patient", "hasDiagnosis", "Schwannoma", False) in found


def test_a_wound_infection_after_the_operation_is_a_complication(extractor):
    found = case_facts(
        extractor, "MRI showed an extradural mass at L2. The mass was resected. She then developed a wound infection."
    )
    assert ("case:patient", "hasComplication", "WoundInfection", False) in found


def test_a_period_between_primary_and_metastasis_of_a_named_tumour_is_its_time_to_metastasis(extractor):
    text = (
        "A notable feature of chordoma is the long interval, up to 10 years, between the diagnosis of the primary "
        "and the metastases."
    )
    assert ("Chordoma", "hasTimeToMetastasis", 10) in accepted(extractor, text)


def test_a_period_between_primary_and_metastasis_of_no_named_tumour_waits_for_review(extractor):
    text = (
        "Chordoma is a rare tumour. The interval between the diagnosis of the primary and the metastases may reach "
        "10 years."
    )
    extraction = extract_text(extractor, text, title="Sacral chordoma")
    assert not any(p == "hasTimeToMetastasis" for _s, p, _o in facts(extraction.accepted))
    assert any(p == "hasTimeToMetastasis" for _s, p, _o in facts(extraction.review))


def test_the_chemotherapy_the_timeline_mints_from_drugs_is_the_ontologys(lexicon):
    declared = lexicon.concepts[CHEMOTHERAPY.iri]
    assert (CHEMOTHERAPY.name, CHEMOTHERAPY.label, CHEMOTHERAPY.category) == (
        declared.name,
        declared.label,
        declared.category,
    )
    assert CHEMOTHERAPY.ancestors == declared.ancestors
