"""Round 4 imaging appearance and sign constructions, on sentences written for these tests (none from the corpus).

Each test names one general construction of radiology prose: a look said only to occur in a paragraph
about one lesion, a finding written as a verb and the structure it acts on, an effect with no technique,
a finding that supports a diagnosis, a finding that resembles a named sign, and case imaging told as a
clause about a structure. One test shows it fires, its neighbour that it does not misfire.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text, facts

CHORDOMA = "Chordoma\n\nChordomas arise from notochordal remnants in the sacrum and clivus. "


def test_a_look_said_only_to_be_common_is_the_paragraph_lesion(extractor):
    text = CHORDOMA + "Because of the myxoid matrix of these tumours, enhancement is common on MRI.\n"
    assert ("Chordoma", "hasEnhancement", "ContrastEnhancement") in accepted(extractor, text)


def test_a_look_said_to_be_common_in_a_clause_naming_another_lesion_is_not_the_topic(extractor):
    text = CHORDOMA + "In vertebral hemangiomas enhancement is common on MRI.\n"
    found = accepted(extractor, text)
    assert ("Chordoma", "hasEnhancement", "ContrastEnhancement") not in found
    assert ("VertebralHemangioma", "hasEnhancement", "ContrastEnhancement") in found


def test_enhancement_said_to_be_absent_is_no_enhancement_and_a_later_look_is_not_negated(extractor):
    text = (
        "Spinal cord infarction\n\nSpinal cord infarction is an uncommon stroke of the cord. "
        "On MRI, enhancement is lacking at first, but patchy enhancement may develop after a week.\n"
    )
    found = accepted(extractor, text, negation=True)
    assert ("CordInfarction", "hasEnhancement", "NoEnhancement", False) in found
    assert ("CordInfarction", "hasEnhancement", "PatchyEnhancement", False) in found
    assert ("CordInfarction", "hasEnhancement", "PatchyEnhancement", True) not in found


def test_a_look_that_does_not_head_its_clause_is_not_given_to_the_topic(extractor):
    text = CHORDOMA + "Radiologists in some centres report that enhancement is common on MRI.\n"
    assert ("Chordoma", "hasEnhancement", "ContrastEnhancement") not in accepted(extractor, text)


def test_a_finding_written_as_a_verb_on_a_structure_is_the_lesion_finding(extractor):
    text = (
        "Myeloma\n\nChordomas tend to destroy the posterior cortex on CT. "
        "Myeloma lesions typically do not cross the disc space on MRI.\n"
    )
    found = accepted(extractor, text, negation=True)
    assert ("Chordoma", "hasImagingFinding", "PosteriorCortexDestruction", False) in found
    assert ("MultipleMyeloma", "hasImagingFinding", "TransdiscalExtension", True) in found


def test_a_verb_on_a_structure_that_is_not_an_effect_gives_no_finding(extractor):
    text = "Myeloma\n\nChordomas tend to outline the posterior cortex on CT.\n"
    found = accepted(extractor, text)
    assert not any(p in ("hasImagingFinding", "causes") for _s, p, _o in found)


def test_an_effect_on_the_cord_named_without_a_technique_is_caused_by_each_joined_lesion(extractor):
    text = "Cord tumours\n\nHemangioblastoma and ependymoma may expand the cord.\n"
    found = accepted(extractor, text)
    assert ("Hemangioblastoma", "causes", "CordEnlargement") in found
    assert ("Ependymoma", "causes", "CordEnlargement") in found


def test_a_look_that_is_no_effect_is_not_stated_as_caused(extractor):
    text = "Cord tumours\n\nHemangioblastomas often show flow voids.\n"
    found = accepted(extractor, text)
    assert ("Hemangioblastoma", "hasImagingFinding", "FlowVoid") in found
    assert ("Hemangioblastoma", "causes", "FlowVoid") not in found


def test_a_coordinated_second_predicate_with_an_effect_verb_is_read(extractor):
    text = "Cord lesions\n\nMS plaques are small and seldom enlarge the cord.\n"
    assert ("MultipleSclerosis", "causes", "CordEnlargement") in accepted(extractor, text)


def test_a_finding_supporting_the_diagnosis_suggests_the_paragraph_lesion_which_shows_it(extractor):
    text = (
        "Spinal cord infarction\n\nSpinal cord infarction is an uncommon stroke of the cord. "
        "On MRI, an associated marrow edema of the next vertebral body supports the diagnosis.\n"
    )
    found = accepted(extractor, text)
    assert ("CordInfarction", "hasImagingFinding", "BoneMarrowEdema") in found
    assert ("BoneMarrowEdema", "suggests", "CordInfarction") in found


def test_the_feature_named_after_the_diagnosis_it_supports(extractor):
    text = (
        "Spinal tumours\n\nThe main feature that supports the diagnosis of hemangiopericytoma is the hypervascular "
        "nature of the mass on angiography.\n"
    )
    found = accepted(extractor, text)
    assert ("Hypervascularity", "suggests", "Hemangiopericytoma") in found
    assert ("Hemangiopericytoma", "hasImagingFinding", "Hypervascularity") in found


def test_a_diagnosis_supported_by_a_test_that_is_no_look_gives_nothing(extractor):
    text = "Spinal tumours\n\nA biopsy supports the diagnosis of hemangiopericytoma.\n"
    found = accepted(extractor, text)
    assert not any(p == "suggests" for _s, p, _o in found)


HEMANGIOMA = "Vertebral hemangioma\n\nVertebral hemangiomas are common benign lesions. "


def test_a_finding_that_resembles_named_signs_gives_the_topic_each_sign_and_the_finding(extractor):
    text = HEMANGIOMA + "On radiographs, the thickened trabeculae look like corduroy or honeycomb.\n"
    found = accepted(extractor, text)
    assert {
        ("VertebralHemangioma", "showsSign", "CorduroySign"),
        ("VertebralHemangioma", "showsSign", "HoneycombSign"),
        ("VertebralHemangioma", "hasImagingFinding", "ThickenedTrabeculae"),
    } <= found


def test_a_sign_after_a_technique_opening_is_still_the_topic_sign(extractor):
    text = HEMANGIOMA + "On axial CT, the thickened trabeculae produce a polka-dot appearance.\n"
    assert ("VertebralHemangioma", "showsSign", "PolkaDotSign") in accepted(extractor, text)


def test_a_sentence_naming_another_lesion_before_the_sign_is_not_read_as_the_topic_sign(extractor):
    text = HEMANGIOMA + "The thickened trabeculae around a vertebral metastasis look like corduroy on radiographs.\n"
    found = accepted(extractor, text)
    assert ("VertebralHemangioma", "showsSign", "CorduroySign") not in found


def test_the_characteristic_finding_of_a_paragraph_is_its_lesion_look(extractor):
    text = CHORDOMA + "The typical MRI finding is a lobulated, intensely enhancing mass of the sacrum.\n"
    assert ("Chordoma", "hasEnhancement", "IntenseEnhancement") in accepted(extractor, text)


def test_a_typical_finding_named_for_another_lesion_is_not_the_topic_look(extractor):
    text = CHORDOMA + "The typical MRI finding of a vertebral hemangioma is an intensely enhancing lesion.\n"
    assert ("Chordoma", "hasEnhancement", "IntenseEnhancement") not in accepted(extractor, text)


CASE_TITLE = "Tumour of the thoracic spine: a case report\n\nCASE REPORT\n\n"
CASE_OPENING = "A 52-year-old woman presented with leg weakness. MRI showed an intradural mass at T6. "


def case_facts(extractor, body: str) -> set[tuple]:
    """The accepted facts, with negation, of a short case report that goes on with ``body``."""
    text = CASE_TITLE + CASE_OPENING + body + "\n"
    return accepted(extractor, text, kind="case report", negation=True)


def test_a_compressed_and_pushed_cord_is_mass_effect(extractor):
    found = case_facts(extractor, "On MRI the cord was markedly compressed and pushed to the right.")
    assert ("case:lesion", "hasImagingFinding", "MassEffect", False) in found


def test_a_cord_that_was_not_displaced_denies_mass_effect(extractor):
    found = case_facts(extractor, "On MRI the cord was not displaced.")
    assert ("case:lesion", "hasImagingFinding", "MassEffect", True) in found
    assert ("case:lesion", "hasImagingFinding", "MassEffect", False) not in found


def test_a_cortical_shell_that_was_breached_is_a_cortical_break(extractor):
    found = case_facts(extractor, "CT showed an expansile lesion whose cortical shell was focally breached laterally.")
    assert ("case:lesion", "hasImagingFinding", "CorticalBreak", False) in found


def test_an_intact_cortical_shell_is_no_cortical_break(extractor):
    found = case_facts(extractor, "CT showed an expansile lesion with a cortical shell that was thin but intact.")
    assert ("case:lesion", "hasImagingFinding", "CorticalBreak", False) not in found


def test_a_soft_tissue_component_is_a_soft_tissue_mass(extractor):
    found = case_facts(extractor, "On MRI no solid soft-tissue component was seen.")
    assert ("case:lesion", "hasImagingFinding", "SoftTissueMass", True) in found


def test_the_infarct_of_a_paragraph_on_cord_infarction_is_that_infarction(extractor):
    text = (
        "Spinal cord infarction\n\nSpinal cord infarction is an uncommon stroke of the cord. "
        "The infarct shows T2 hyperintensity centred on the grey matter.\n"
    )
    assert ("CordInfarction", "hasSignal", "Hyperintense") in accepted(extractor, text)


def test_sharp_margins_are_a_well_circumscribed_margin(extractor):
    text = "Cord tumours\n\nOn MRI an ependymoma usually has sharp margins.\n"
    assert ("Ependymoma", "hasImagingFinding", "WellCircumscribedMargin") in accepted(extractor, text)


def test_a_look_of_the_lesions_a_primary_tumour_seeds_is_not_the_primary_look(extractor):
    text = "Bone metastases\n\nOn CT, thyroid cancer may show mixed lytic and sclerotic lesions in the spine.\n"
    found = accepted(extractor, text)
    assert not any(s == "ThyroidCarcinoma" and p == "hasDensity" for s, p, _o in found)


def test_a_primary_tumour_own_look_is_kept(extractor):
    text = "Primary tumours\n\nOn CT, renal cell carcinoma is usually hypodense relative to muscle.\n"
    assert ("RenalCellCarcinoma", "hasDensity", "Hypodense") in accepted(extractor, text)


def test_a_structure_said_to_be_thickened_is_the_topic_finding(extractor):
    text = (
        "Leptomeningeal metastasis\n\nLeptomeningeal metastases coat the surface of the cord. "
        "On MRI, the lumbar nerve roots are often thickened and nodular.\n"
    )
    assert ("LeptomeningealCarcinomatosis", "hasImagingFinding", "ThickenedNerveRoots") in accepted(extractor, text)


def test_a_structure_state_in_a_clause_naming_a_lesion_is_that_lesion_finding(extractor):
    text = (
        "Leptomeningeal metastasis\n\nLeptomeningeal metastases coat the surface of the cord. "
        "In multiple sclerosis on MRI the cord may be slightly swollen.\n"
    )
    found = accepted(extractor, text)
    assert ("MultipleSclerosis", "hasImagingFinding", "CordEnlargement") in found
    assert ("LeptomeningealCarcinomatosis", "hasImagingFinding", "CordEnlargement") not in found


def test_looks_helpful_in_determining_a_lesion_are_that_lesion_findings(extractor):
    text = (
        "Vascular lesions\n\nOn MRI, prominent flow voids on the cord surface together with intramedullary edema "
        "are helpful in determining whether the lesion is a spinal arteriovenous malformation.\n"
    )
    found = accepted(extractor, text)
    assert ("SpinalArteriovenousMalformation", "hasImagingFinding", "FlowVoid") in found
    assert ("SpinalArteriovenousMalformation", "hasImagingFinding", "CordEdema") in found


def test_a_finding_seen_at_the_level_of_a_lesion_is_that_lesion_finding(extractor):
    text = (
        "Epidural metastasis\n\nEpidural metastases are common. "
        "On CT, bone destruction is often seen at the level of the epidural tumor.\n"
    )
    assert ("EpiduralMetastasis", "hasImagingFinding", "BoneDestruction") in accepted(extractor, text)


OSTEOMYELITIS = "Vertebral osteomyelitis\n\nVertebral osteomyelitis is an infection of the spine. "


def test_looks_of_the_adjacent_structures_are_the_paragraph_lesion_looks(extractor):
    text = OSTEOMYELITIS + "On MRI, the adjacent vertebral bodies show marrow edema and enhancement.\n"
    found = accepted(extractor, text)
    assert ("DiscitisOsteomyelitis", "hasImagingFinding", "BoneMarrowEdema") in found
    assert ("DiscitisOsteomyelitis", "hasEnhancement", "ContrastEnhancement") in found


def test_adjacent_structures_of_a_named_lesion_are_not_the_topic(extractor):
    text = OSTEOMYELITIS + "The adjacent vertebral bodies of a hemangioma show enhancement on MRI.\n"
    assert ("DiscitisOsteomyelitis", "hasEnhancement", "ContrastEnhancement") not in accepted(extractor, text)


FRACTURES = "Osteoporotic fractures\n\nOsteoporotic vertebral fractures are common in the elderly. "


def test_a_share_of_lesions_showing_a_sign_is_the_sign_prevalence(extractor):
    text = FRACTURES + "In one series, 30% of such fractures showed a fluid sign on MRI.\n"
    found = extract_text(extractor, text).accepted
    prevalence = [s for s in found if s["subject"] == "FluidSign" and s["predicate"] == "hasPrevalence"]
    assert [(s["value"], s.get("unit")) for s in prevalence] == [(30, "percent")]


def test_a_share_of_lesions_with_a_finding_that_is_no_sign_gives_no_sign_prevalence(extractor):
    text = FRACTURES + "Up to 30% of these fractures may show marrow edema on MRI.\n"
    found = extract_text(extractor, text).accepted
    assert not any(s["predicate"] == "hasPrevalence" and s["subject"] == "BoneMarrowEdema" for s in found)


def test_a_sign_that_is_a_frequent_finding_in_lesions_is_shown_by_them(extractor):
    text = FRACTURES + ("On MRI, a fluid sign is a typical finding in recent osteoporotic vertebral fractures.\n")
    assert ("OsteoporoticCompressionFracture", "showsSign", "FluidSign") in accepted(extractor, text)


def test_a_sign_that_is_a_finding_of_unnamed_lesions_is_shown_by_none(extractor):
    text = FRACTURES + "On MRI the fluid sign is a feature of many lesions.\n"
    assert not any(p == "showsSign" for _s, p, _o in accepted(extractor, text))


def test_a_look_named_as_a_sign_is_the_topic_sign(extractor):
    text = (
        "Leptomeningeal metastasis\n\nLeptomeningeal metastases coat the cord on MRI. "
        "Such smooth coating enhancement is known as the zuckerguss sign.\n"
    )
    assert ("LeptomeningealCarcinomatosis", "showsSign", "ZuckergussSign") in accepted(extractor, text)


def test_a_lesion_named_before_the_sign_name_keeps_the_topic_out(extractor):
    text = (
        "Leptomeningeal metastasis\n\nLeptomeningeal metastases coat the cord on MRI. "
        "The enhancement of meningiomas has been called sugar icing.\n"
    )
    assert ("LeptomeningealCarcinomatosis", "showsSign", "ZuckergussSign") not in accepted(extractor, text)


def test_enhancement_of_a_named_structure_is_that_structure_enhancement(extractor):
    text = (
        "Leptomeningeal metastasis\n\nLeptomeningeal metastases coat the cord. "
        "There may be enhancement of the cerebrospinal fluid on contrast-enhanced T1-weighted images. "
        "There may also be diffuse enhancement of the leptomeninges on contrast-enhanced T1-weighted images.\n"
    )
    found = accepted(extractor, text)
    assert ("LeptomeningealCarcinomatosis", "hasEnhancement", "CSFEnhancement") in found
    assert ("LeptomeningealCarcinomatosis", "hasEnhancement", "DiffuseLeptomeningealEnhancement") in found


def test_enhancement_of_a_lesion_is_not_a_structure_enhancement(extractor):
    text = "Leptomeningeal metastasis\n\nOn MRI there may be diffuse enhancement of the nodules.\n"
    found = accepted(extractor, text)
    assert not any(o in ("CSFEnhancement", "LeptomeningealEnhancement") for _s, _p, o in found)


def test_a_look_placing_another_does_not_take_its_place_before_suggests(extractor):
    text = "Epidural abscess\n\nOn MRI, rim enhancement around a necrotic core suggests an abscess.\n"
    found = accepted(extractor, text)
    assert ("NecroticCore", "suggests", "Abscess") not in found
    assert any(p == "suggests" and o == "Abscess" and s != "NecroticCore" for s, p, o in found)


def test_areas_of_a_look_described_by_a_copula_are_the_topic_look(extractor):
    text = (
        "Blastic metastases\n\nBlastic metastases are common in prostate cancer. "
        "On CT, foci of sclerosis can be patchy.\n"
    )
    assert ("OsteoblasticMetastasis", "hasDensity", "Sclerosis") in accepted(extractor, text)


def test_areas_of_a_look_described_in_a_clause_naming_a_lesion_are_not_the_topic_look(extractor):
    text = (
        "Blastic metastases\n\nBlastic metastases are common in prostate cancer. "
        "On CT, in vertebral hemangiomas, foci of sclerosis can be patchy.\n"
    )
    found = accepted(extractor, text)
    assert ("OsteoblasticMetastasis", "hasDensity", "Sclerosis") not in found


def test_a_lesion_said_to_be_solitary_is_a_solitary_lesion(extractor):
    text = (
        "Intramedullary metastasis\n\nIntramedullary metastases are rare. "
        "On MRI, intramedullary metastases are usually solitary, rarely multifocal.\n"
    )
    assert ("IntramedullaryMetastasis", "hasImagingFinding", "SolitaryLesion") in accepted(extractor, text)


def test_a_solitary_lesion_named_by_its_class_is_no_solitary_finding(extractor):
    text = "Hemangioma\n\nOn MRI, a solitary vertebral hemangioma shows high T1 signal.\n"
    assert not any(o == "SolitaryLesion" for _s, _p, o in accepted(extractor, text))


def test_a_sequence_said_to_be_normal_makes_the_topic_isointense_on_it(extractor):
    text = "Cord infarction\n\nSpinal cord infarction is an uncommon stroke. T1-weighted sequences are often normal.\n"
    assert ("CordInfarction", "hasSignal", "Isointense") in accepted(extractor, text)


def test_a_normal_sequence_of_a_named_lesion_is_not_the_topic_signal(extractor):
    text = (
        "Spinal cord infarction\n\nSpinal cord infarction is an uncommon stroke. "
        "T2-weighted images of vertebral hemangiomas are rarely normal.\n"
    )
    assert ("CordInfarction", "hasSignal", "Isointense") not in accepted(extractor, text)


def test_a_look_with_a_weighed_diagnosis_in_a_case_is_not_the_case_lesion_look(extractor):
    known = case_facts(extractor, "On MRI the differential diagnosis included a chordoma with secondary cystic change.")
    unknown = case_facts(
        extractor, "On MRI the differential diagnosis included a chondroblastic tumour with secondary cystic change."
    )
    assert ("case:lesion", "hasImagingFinding", "CysticChange", False) not in known | unknown


def test_a_look_with_the_case_lesion_is_its_look(extractor):
    found = case_facts(extractor, "On MRI the tumour appeared as a mass with secondary cystic change.")
    assert ("case:lesion", "hasImagingFinding", "CysticChange", False) in found


def test_a_pronoun_after_a_technique_opening_is_the_topic_waiting_for_review(extractor):
    extraction = extract_text(extractor, CHORDOMA + "On MRI they are typically hyperintense on T2-weighted images.\n")
    assert ("Chordoma", "hasSignal", "Hyperintense") in facts(extraction.review)
    assert ("Chordoma", "hasSignal", "Hyperintense") not in facts(extraction.accepted)


def test_a_structure_said_to_be_widened_or_eroded_is_the_topic_finding(extractor):
    text = (
        "Spinal schwannoma\n\nSchwannomas are common nerve sheath tumours. "
        "The neural foramen is often widened on radiographs. On CT, the adjacent pedicle may be eroded.\n"
    )
    found = accepted(extractor, text)
    assert ("Schwannoma", "hasImagingFinding", "ForaminalWidening") in found
    assert ("Schwannoma", "hasImagingFinding", "PedicleErosion") in found


def test_two_looks_said_to_be_frequent_are_both_the_topic_looks(extractor):
    text = (
        "Spinal schwannoma\n\nSchwannomas are common nerve sheath tumours. "
        "Cystic change and calcification are frequent in large tumours on CT.\n"
    )
    found = accepted(extractor, text)
    assert ("Schwannoma", "hasImagingFinding", "CysticChange") in found
    assert ("Schwannoma", "hasImagingFinding", "Calcification") in found


def test_two_adverbs_after_an_enhancing_verb_each_name_the_enhancement(extractor):
    found = case_facts(extractor, "After gadolinium it enhanced avidly and homogeneously.")
    assert ("case:lesion", "hasEnhancement", "AvidEnhancement", False) in found
    assert ("case:lesion", "hasEnhancement", "HomogeneousEnhancement", False) in found


def test_displaced_nerve_roots_are_mass_effect_and_intact_ones_are_not(extractor):
    assert ("case:lesion", "hasImagingFinding", "MassEffect", False) in case_facts(
        extractor, "On MRI the cauda equina roots were displaced."
    )
    assert ("case:lesion", "hasImagingFinding", "MassEffect", False) not in case_facts(
        extractor, "On MRI the cauda equina roots were normal."
    )


MENINGIOMA = "Spinal meningioma\n\nMeningiomas are common intradural tumours on MRI. "


def test_a_pronoun_opening_a_sentence_of_looks_waits_for_review(extractor):
    # In a new paragraph: right after a sentence on the topic the pronoun is sure (test_machinery_r5).
    extraction = extract_text(
        extractor, MENINGIOMA.rstrip() + "\n\nThey are typically isointense to the cord on T1-weighted images.\n"
    )
    assert ("SpinalMeningioma", "hasSignal", "Isointense") not in facts(extraction.accepted)


def test_a_pronoun_after_a_technique_in_a_sentence_naming_another_lesion_is_not_the_topic(extractor):
    extraction = extract_text(extractor, MENINGIOMA + "On MRI they are isointense, like schwannomas.\n")
    assert ("SpinalMeningioma", "hasSignal", "Isointense") not in facts(extraction.accepted + extraction.review)


def test_a_look_with_an_aside_before_its_verb_is_the_topic_look(extractor):
    text = MENINGIOMA + "Calcification, best seen on CT, is present in a minority of tumours.\n"
    assert ("SpinalMeningioma", "hasImagingFinding", "Calcification") in accepted(extractor, text)


def test_a_displaced_cord_in_general_text_is_the_topic_mass_effect(extractor):
    text = MENINGIOMA + "On MRI the cord is often displaced.\n"
    assert ("SpinalMeningioma", "hasImagingFinding", "MassEffect") in accepted(extractor, text)


def test_a_sign_seen_in_a_share_of_cases_is_shown_by_the_topic_that_often(extractor):
    extraction = extract_text(extractor, MENINGIOMA + "A dural tail is seen in up to 60% of cases.\n")
    found = facts(extraction.accepted)
    assert ("SpinalMeningioma", "showsSign", "DuralTailSign") in found
    assert ("DuralTailSign", "hasPrevalence", 60) in found


def test_a_sign_seen_in_a_share_of_something_else_gives_no_prevalence(extractor):
    extraction = extract_text(extractor, MENINGIOMA + "A dural tail is seen in up to 60% of the images.\n")
    assert ("DuralTailSign", "hasPrevalence", 60) not in facts(extraction.accepted)


def test_a_signal_on_sequences_joined_by_a_bare_prefix_is_read_on_both(extractor):
    text = HEMANGIOMA + "Fatty hemangiomas are hyperintense on both T1- and T2-weighted images.\n"
    found = extract_text(extractor, text).accepted
    sequences = {s.get("qualifiers", {}).get("sequence") for s in found if s.get("object") == "Hyperintense"}
    assert {"T1Weighted", "T2Weighted"} <= sequences


def test_signs_listed_after_a_resembling_verb_are_each_the_topic_sign(extractor):
    text = HEMANGIOMA + (
        "On CT, thickened trabeculae give a polka-dot appearance on axial images and a corduroy appearance "
        "on sagittal images.\n"
    )
    found = accepted(extractor, text)
    assert ("VertebralHemangioma", "showsSign", "PolkaDotSign") in found
    assert ("VertebralHemangioma", "showsSign", "CorduroySign") in found


def test_a_lesion_that_expands_the_vertebral_body_is_expansile(extractor):
    text = HEMANGIOMA + "On CT, aggressive vertebral hemangiomas may expand the vertebral body.\n"
    assert ("VertebralHemangioma", "hasImagingFinding", "ExpansileLesion") in accepted(extractor, text)


def test_a_look_with_a_short_phrase_before_its_copula_is_the_topic_look(extractor):
    text = HEMANGIOMA + "On MRI, enhancement after gadolinium is variable.\n"
    assert ("VertebralHemangioma", "hasEnhancement", "ContrastEnhancement") in accepted(extractor, text)


def test_low_signal_structures_within_the_lesion_are_not_its_signal(extractor):
    found = case_facts(
        extractor,
        "On MRI the mass was hyperintense on STIR images. Curvilinear low-signal structures within the lesion "
        "gave a mini-brain appearance.",
    )
    assert ("case:lesion", "hasSignal", "Hypointense", False) not in found
    assert ("case:lesion", "showsSign", "MiniBrainSign", False) in found


def test_a_low_signal_lesion_is_still_low_signal(extractor):
    found = case_facts(extractor, "On STIR images the mass had low signal.")
    assert ("case:lesion", "hasSignal", "Hypointense", False) in found


def test_a_denied_periosteal_reaction_is_read(extractor):
    found = case_facts(extractor, "CT showed a lytic lesion. There was no periosteal reaction.")
    assert ("case:lesion", "hasImagingFinding", "PeriostealReaction", True) in found


FRACTURE_REVIEW = "Vertebral fractures\n\nTelling benign from malignant vertebral compression fractures is hard. "


def test_a_finding_no_technique_is_named_for_is_seen_on_an_unnamed_modality(extractor):
    text = FRACTURE_REVIEW + "Malignant fractures typically show a convex posterior border.\n"
    found = extract_text(extractor, text).accepted
    border = [s for s in found if s.get("object") == "ConvexPosteriorBorder"]
    assert [s["qualifiers"].get("modality") for s in border] == ["ImagingModality"]


def test_a_diffusion_finding_with_no_technique_is_read_on_dwi(extractor):
    text = FRACTURE_REVIEW + "Diffusion restriction is more common in malignant fractures, although overlap exists.\n"
    found = extract_text(extractor, text).accepted
    restricted = [s for s in found if s.get("object") == "RestrictedDiffusion"]
    assert [(s["subject"], s["qualifiers"].get("sequence")) for s in restricted] == [
        ("MalignantCompressionFracture", "DWI")
    ]


def test_a_finding_told_with_an_operation_in_a_case_borrows_no_technique(extractor):
    found = case_facts(extractor, "At surgery the tumour was removed and calcification was found inside it.")
    assert not any(o == "Calcification" for _s, _p, o, _n in found)


SIGNS = "Nerve sheath tumours\n\nNerve sheath tumours are common intradural lesions. "


def test_a_sign_defined_between_commas_is_what_points_to_the_lesion(extractor):
    text = SIGNS + (
        "The target sign, a central focus of low T2 signal surrounded by high signal, is typical of neurofibroma.\n"
    )
    found = accepted(extractor, text)
    assert ("BullsEyeSign", "indicates", "Neurofibroma") in found
    assert ("Neurofibroma", "hasSignal", "Hyperintense") not in found
    assert ("Hyperintense", "indicates", "Neurofibroma") not in found


def test_a_look_typical_of_a_lesion_outside_a_sign_definition_is_that_lesion_look(extractor):
    text = SIGNS + "On T2-weighted images, high signal is typical of neurofibroma.\n"
    assert ("Neurofibroma", "hasSignal", "Hyperintense") in accepted(extractor, text)


def test_a_sign_also_seen_in_other_lesions_after_but_is_shown_by_each(extractor):
    text = (
        SIGNS + "The dural tail sign is characteristic of meningioma but is also seen in schwannoma and metastasis.\n"
    )
    found = accepted(extractor, text)
    assert ("Schwannoma", "showsSign", "DuralTailSign") in found
    assert ("Metastasis", "showsSign", "DuralTailSign") in found


def test_a_but_clause_with_its_own_subject_does_not_take_the_sign(extractor):
    text = SIGNS + "The dural tail sign is characteristic of meningioma, but schwannoma is also seen in adults.\n"
    assert ("Schwannoma", "showsSign", "DuralTailSign") not in accepted(extractor, text)


def test_a_vacuum_phenomenon_suggesting_a_benign_fracture_is_read(extractor):
    text = FRACTURE_REVIEW + "A vacuum phenomenon within a collapsed vertebra strongly suggests a benign fracture.\n"
    assert ("IntravertebralVacuumCleft", "suggests", "BenignCompressionFracture") in accepted(extractor, text)
