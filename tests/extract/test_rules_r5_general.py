"""Round 5 constructions of general and case imaging prose, on sentences written for these tests (none from a paper).

Each test names one construction that unseen papers use: a named sign set after a comma, a pronoun that
gives a sign on a technique, a negated case finding in a purpose clause, the make-up of a lesion, a
structure that looks a certain way, and in case narrative the looks that are not the lesion's (the
structures around it, a look searched for elsewhere, a diagnosis only weighed). One test shows a
construction fires, its neighbour that it does not misfire.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text, facts

HEMANGIOMA = "Vertebral hemangioma"
CASE_OPENING = "An unusual tumour: a case report\n\nCASE REPORT\n\nA 64-year-old woman presented with back pain. "


def test_a_sign_named_after_a_comma_is_shown_by_the_paragraph_lesion(extractor):
    text = "On axial images the thickened trabeculae appear as low-signal dots, the polka-dot sign.\n"
    assert ("VertebralHemangioma", "showsSign", "PolkaDotSign") in accepted(extractor, text, title=HEMANGIOMA)


def test_a_sign_followed_by_more_words_is_not_an_apposition(extractor):
    text = "On axial images the thickened trabeculae appear as low-signal dots, the polka-dot sign being rare.\n"
    found = accepted(extractor, text, title=HEMANGIOMA)
    assert ("VertebralHemangioma", "showsSign", "PolkaDotSign") not in found


def test_a_pronoun_that_gives_a_sign_on_a_technique_is_the_paragraph_lesion(extractor):
    text = "These tumours are usually found by chance. On plain films they produce a honeycomb pattern.\n"
    extraction = extract_text(extractor, text, title=HEMANGIOMA)
    signs = [s for s in extraction.accepted if s["predicate"] == "showsSign"]
    assert [(s["subject"], s["object"], s["qualifiers"].get("modality")) for s in signs] == [
        ("VertebralHemangioma", "HoneycombSign", "Radiography")
    ]


def test_a_sign_given_by_a_named_lesion_is_not_the_paragraph_lesion(extractor):
    text = "On plain films chordomas produce a honeycomb pattern.\n"
    found = accepted(extractor, text, title=HEMANGIOMA)
    assert ("VertebralHemangioma", "showsSign", "HoneycombSign") not in found


def test_no_finding_seen_to_suggest_a_diagnosis_keeps_the_general_relation_positive(extractor):
    text = (
        CASE_OPENING + "MRI showed an intramedullary lesion at T4. No serpiginous flow voids were identified to "
        "suggest a dural fistula. Histology confirmed an ependymoma.\n"
    )
    found = accepted(extractor, text, kind="case report", negation=True)
    assert ("FlowVoid", "suggests", "SpinalDuralArteriovenousFistula", False) in found
    assert ("FlowVoid", "suggests", "SpinalDuralArteriovenousFistula", True) not in found
    assert ("case:lesion", "hasImagingFinding", "FlowVoid", True) in found


def test_a_finding_denied_without_a_purpose_clause_still_negates_its_relation(extractor):
    text = "In this series, flow voids did not suggest a vascular malformation.\n"
    found = accepted(extractor, text, negation=True)
    assert ("FlowVoid", "suggests", "SpinalVascularMalformation", False) not in found


def test_what_a_lesion_consists_of_is_its_histology_and_not_a_look(extractor):
    text = "The tumour consists of dilated vessels interspersed with mature fat and thickened trabeculae.\n"
    found = accepted(extractor, text, title=HEMANGIOMA)
    assert ("VertebralHemangioma", "hasHistologicFinding", "Fat") in found
    assert ("VertebralHemangioma", "hasHistologicFinding", "ThickenedTrabeculae") in found
    assert ("VertebralHemangioma", "hasImagingFinding", "ThickenedTrabeculae") not in found


def test_little_fat_in_a_lesion_is_a_negated_histologic_finding(extractor):
    text = "These lesions usually contain scant fat.\n"
    found = accepted(extractor, text, title="Atypical vertebral hemangioma", negation=True)
    assert ("AtypicalVertebralHemangioma", "hasHistologicFinding", "Fat", True) in found
    assert ("AtypicalVertebralHemangioma", "hasHistologicFinding", "Fat", False) not in found


def test_a_component_after_a_participle_is_not_part_of_the_make_up(extractor):
    text = "The tumour is composed of spindle-shaped cells derived from pericytes.\n"
    found = accepted(extractor, text, title="Hemangiopericytoma")
    assert not any(o == "Pericyte" for _s, p, o in found if p == "hasHistologicFinding")


def test_a_lesion_that_contains_an_imaging_finding_has_that_finding(extractor):
    text = "Metastases seldom contain intradiscal fluid on MRI.\n"
    found = accepted(extractor, text, title="Spinal metastases")
    assert ("Metastasis", "hasImagingFinding", "IntradiscFluid") in found
    assert not any(p == "hasHistologicFinding" for _s, p, _o in found)


def test_a_structure_opening_a_sentence_after_a_technique_has_the_look(extractor):
    text = "On coronal images the thickened trabeculae appear as dark vertical lines.\n"
    found = accepted(extractor, text, title=HEMANGIOMA)
    assert ("ThickenedTrabeculae", "hasSignal", "Hypointense") in found
    assert ("VertebralHemangioma", "hasSignal", "Hypointense") not in found


def test_a_signal_of_the_structure_around_a_case_lesion_is_not_the_lesion_signal(extractor):
    text = (
        CASE_OPENING + "MRI showed an intradural schwannoma at L2. The adjacent conus was hyperintense on "
        "T2-weighted images, in keeping with cord edema.\n"
    )
    found = accepted(extractor, text, kind="case report")
    assert ("case:lesion", "hasSignal", "Hyperintense") not in found
    assert ("case:lesion", "hasImagingFinding", "CordEdema") in found


def test_a_signal_of_the_involved_structure_is_still_the_lesion_signal(extractor):
    text = (
        CASE_OPENING + "MRI showed an intradural schwannoma at L2. The tumour was hyperintense on T2-weighted images.\n"
    )
    assert ("case:lesion", "hasSignal", "Hyperintense") in accepted(extractor, text, kind="case report")


def test_a_look_searched_for_elsewhere_is_the_patient_look(extractor):
    text = (
        CASE_OPENING + "MRI showed an intradural schwannoma at L2. "
        "There was no leptomeningeal enhancement elsewhere along the neuraxis.\n"
    )
    found = accepted(extractor, text, kind="case report", negation=True)
    assert ("case:patient", "hasEnhancement", "LeptomeningealEnhancement", True) in found
    assert ("case:lesion", "hasEnhancement", "LeptomeningealEnhancement", True) not in found


def test_what_was_seen_in_the_reason_against_a_diagnosis_is_the_case_lesion_look(extractor):
    text = (
        CASE_OPENING + "MRI showed an intramedullary mass at T4. Histology confirmed an ependymoma. "
        "A hemangioblastoma seemed unlikely because no flow voids were seen around the mass.\n"
    )
    found = accepted(extractor, text, kind="case report", negation=True)
    assert ("case:lesion", "hasImagingFinding", "FlowVoid", True) in found
    assert not any(s == "Hemangioblastoma" for s, p, *_rest in found if p == "hasImagingFinding")


def test_a_level_range_is_not_read_as_a_sequence(extractor):
    text = (
        CASE_OPENING
        + "MRI showed an intradural mass from T2 to T4, compressing the cord. Histology confirmed a meningioma.\n"
    )
    extraction = extract_text(extractor, text, kind="case report")
    compressions = [s for s in extraction.accepted if s.get("object") == "CordCompression"]
    assert compressions
    assert all(s["qualifiers"].get("sequence") != "T2Weighted" for s in compressions)


def test_a_weighed_diagnosis_does_not_place_the_case_lesion(extractor):
    text = CASE_OPENING + "MRI showed a mass at L3. The appearance was most likely that of an epidural abscess.\n"
    found = facts(extract_text(extractor, text, kind="case report").accepted)
    assert ("case:lesion", "locatedIn", "EpiduralSpace") not in found


def test_a_lesion_named_outright_is_placed_by_its_definition(extractor):
    text = CASE_OPENING + "MRI showed an epidural abscess at L3.\n"
    found = accepted(extractor, text, kind="case report")
    assert ("case:lesion", "locatedIn", "EpiduralSpace") in found


ABSCESS = "Spinal epidural abscess"


def test_the_paragraph_lesion_reaching_the_spine_by_a_route_spreads_by_it(extractor):
    text = "In children the disease typically reaches the spine via the bloodstream.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert ("EpiduralAbscess", "spreadsVia", "HematogenousSpread") in found


def test_a_route_named_without_a_verb_of_arrival_is_not_a_spread(extractor):
    text = "In children the disease is treated before the bloodstream is cultured.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert not any(p == "spreadsVia" for _s, p, _o in found)


def test_a_route_called_a_less_common_route_is_a_route_of_the_paragraph_lesion(extractor):
    text = "Direct inoculation after spinal injection is an uncommon route.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert ("EpiduralAbscess", "spreadsVia", "DirectInoculation") in found


def test_extension_of_a_general_word_for_the_lesion_is_the_paragraph_lesion_extension(extractor):
    text = "Extension of the infection through the foramina into the paraspinal soft tissues is typical.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert ("EpiduralAbscess", "extendsInto", "ParaspinalSoftTissue") in found


def test_extension_of_a_named_lesion_is_not_given_to_the_paragraph_lesion(extractor):
    text = "Extension of a chordoma into the paraspinal soft tissues is unusual.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert ("EpiduralAbscess", "extendsInto", "ParaspinalSoftTissue") not in found


def test_an_opening_pronoun_that_breaks_into_a_site_is_the_paragraph_lesion(extractor):
    text = "Later it breaks into the neural foramen.\n"
    extraction = extract_text(extractor, text, title=ABSCESS)
    everything = facts(extraction.accepted + extraction.review)
    assert ("EpiduralAbscess", "extendsInto", "NeuralForamen") in everything


def test_a_pronoun_after_a_named_lesion_is_not_the_paragraph_lesion(extractor):
    text = "When a chordoma recurs, it breaks into the neural foramen.\n"
    extraction = extract_text(extractor, text, title=ABSCESS)
    everything = facts(extraction.accepted + extraction.review)
    assert ("EpiduralAbscess", "extendsInto", "NeuralForamen") not in everything


def test_a_symptom_called_the_usual_complaint_is_how_the_paragraph_lesion_presents(extractor):
    text = "Neck pain is the commonest presenting symptom, and fever is often absent.\n"
    assert ("EpiduralAbscess", "presentsWith", "NeckPain") in accepted(extractor, text, title=ABSCESS)


def test_a_symptom_called_a_poor_guide_is_not_a_presentation(extractor):
    text = "Neck pain is a poor guide to the diagnosis.\n"
    assert ("EpiduralAbscess", "presentsWith", "NeckPain") not in accepted(extractor, text, title=ABSCESS)


def test_a_technique_of_choice_with_no_target_is_used_for_the_paragraph_lesion(extractor):
    text = "CT is the examination of choice.\n"
    assert ("CT", "usedFor", "EpiduralAbscess") in accepted(extractor, text, title=ABSCESS)


def test_a_technique_of_choice_for_a_named_target_is_not_given_the_paragraph_lesion(extractor):
    text = "CT is the examination of choice for cortical destruction.\n"
    assert ("CT", "usedFor", "EpiduralAbscess") not in accepted(extractor, text, title=ABSCESS)


def test_a_median_age_between_two_ages_is_a_range(extractor):
    text = "The median age at presentation lies between 50 and 65 years.\n"
    extraction = extract_text(extractor, text, title=ABSCESS)
    ages = [(s["value"], s.get("valueMax")) for s in extraction.accepted if s["predicate"] == "hasMedianAge"]
    assert ages == [(50.0, 65.0)]


def test_a_median_age_with_one_figure_stays_one_figure(extractor):
    text = "The median age at presentation was 58 years, between the fifth and the seventh decade.\n"
    extraction = extract_text(extractor, text, title=ABSCESS)
    ages = [(s["value"], s.get("valueMax")) for s in extraction.accepted if s["predicate"] == "hasMedianAge"]
    assert ages == [(58.0, None)]


def test_one_sex_affected_more_often_than_the_other_is_a_sex_ratio(extractor):
    text = "Women are affected about three times as often as men.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert ("EpiduralAbscess", "hasSexRatio", "women are affected about three times as often as men") in found


def test_a_sex_named_without_a_comparison_is_not_a_sex_ratio(extractor):
    text = "Women are affected at any age.\n"
    assert not any(p == "hasSexRatio" for _s, p, _o in accepted(extractor, text, title=ABSCESS))


def test_a_treatment_opening_a_joined_clause_and_reserved_for_an_act_treats_the_paragraph_lesion(extractor):
    text = "Most patients improve with rest, and surgery is reserved for abscess drainage or a progressing deficit.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert ("EpiduralAbscess", "treatedWith", "Surgery") in found
    assert not any(p == "presentsWith" for _s, p, _o in found)


def test_a_treatment_reserved_for_a_named_lesion_treats_that_lesion(extractor):
    text = "Most patients improve with rest, and surgery is reserved for vertebral hemangiomas.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert ("EpiduralAbscess", "treatedWith", "Surgery") not in found


def test_a_case_lesion_weighed_by_its_own_finding_gives_no_general_relation(extractor):
    text = (
        CASE_OPENING + "MRI showed an intramedullary mass at C5. Its sharp margins favoured an ependymoma. "
        "Histology confirmed an ependymoma.\n"
    )
    found = accepted(extractor, text, kind="case report")
    assert ("WellCircumscribedMargin", "suggests", "Ependymoma") not in found


def test_a_finding_that_suggests_a_diagnosis_in_case_discussion_is_still_general(extractor):
    text = (
        CASE_OPENING + "MRI showed an intramedullary mass at C5. Histology confirmed an ependymoma. "
        "Sharp margins suggest an ependymoma.\n"
    )
    found = accepted(extractor, text, kind="case report")
    assert ("WellCircumscribedMargin", "suggests", "Ependymoma") in found


def test_a_component_that_explains_a_look_causes_it_on_the_sequence_named(extractor):
    text = "Their high water content explains why these tumours are bright on T2-weighted images.\n"
    extraction = extract_text(extractor, text, title="Chordoma")
    causes = [
        (s["subject"], s["object"], s["qualifiers"].get("sequence"))
        for s in extraction.accepted
        if s["predicate"] == "causes"
    ]
    assert causes == [("Water", "Hyperintense", "T2Weighted")]


def test_a_component_that_explains_nothing_named_causes_nothing(extractor):
    text = "The fat was removed at surgery, which explains why the patient recovered.\n"
    found = accepted(extractor, text, title="Chordoma")
    assert not any(p == "causes" for _s, p, _o in found)


def test_an_event_said_to_happen_in_a_state_goes_with_that_state(extractor):
    text = "Hemangiomas may enlarge and compress the cord. This occurs mainly in pregnancy.\n"
    found = accepted(extractor, text, title=HEMANGIOMA)
    assert ("VertebralHemangioma", "associatedWith", "Pregnancy") in found


def test_an_event_in_a_state_of_a_named_lesion_is_not_the_paragraph_lesion(extractor):
    text = "Hemangiomas may enlarge. This occurs in pregnancy in chordomas too.\n"
    found = accepted(extractor, text, title=HEMANGIOMA)
    assert ("VertebralHemangioma", "associatedWith", "Pregnancy") not in found


def test_a_lesion_that_begins_in_a_site_lies_there(extractor):
    text = "Chordomas usually begin in the vertebral body.\n"
    assert ("Chordoma", "locatedIn", "VertebralBody") in accepted(extractor, text, title="Chordoma")


def test_symptoms_that_begin_in_an_age_do_not_place_a_lesion(extractor):
    text = "Symptoms usually begin in the lumbar spine region after a fall.\n"
    assert not any(p == "locatedIn" for _s, p, _o in accepted(extractor, text, title="Chordoma"))


def test_a_cord_named_by_its_region_gives_the_region_not_the_cord(extractor):
    text = "Hemangioblastomas most often lie in the upper thoracic cord.\n"
    found = accepted(extractor, text)
    assert ("Hemangioblastoma", "inRegion", "ThoracicRegion") in found
    assert ("Hemangioblastoma", "locatedIn", "SpinalCord") not in found


def test_a_cord_named_without_a_region_is_still_the_cord(extractor):
    text = "Hemangioblastomas most often lie in the spinal cord.\n"
    assert ("Hemangioblastoma", "locatedIn", "SpinalCord") in accepted(extractor, text)


def test_a_verb_joined_to_an_opening_pronoun_clause_shares_its_subject(extractor):
    text = "Later it breaks into the neural foramen, which widens, and then spreads to the adjacent vertebra.\n"
    extraction = extract_text(extractor, text, title=ABSCESS)
    everything = facts(extraction.accepted + extraction.review)
    assert ("EpiduralAbscess", "extendsInto", "Vertebra") in everything


def test_bone_named_as_the_subject_of_a_case_signal_holds_the_lesion(extractor):
    text = (
        CASE_OPENING + "MRI showed an expansile mass at L4. The lamina and the right pedicle were hypointense on "
        "T1-weighted images. Histology confirmed a plasmacytoma.\n"
    )
    assert ("case:lesion", "locatedIn", "Pedicle") in accepted(extractor, text, kind="case report")


def test_bone_around_the_case_lesion_with_a_signal_does_not_hold_it(extractor):
    text = (
        CASE_OPENING + "MRI showed an expansile mass at L4. The adjacent pedicle was hyperintense on STIR images. "
        "Histology confirmed a plasmacytoma.\n"
    )
    assert ("case:lesion", "locatedIn", "Pedicle") not in accepted(extractor, text, kind="case report")


def test_the_structure_the_disease_involves_looks_as_the_disease_does(extractor):
    text = "The involved vertebral body is hypointense on T1-weighted images and hyperintense on STIR images.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert ("EpiduralAbscess", "hasSignal", "Hypointense") in found
    assert ("EpiduralAbscess", "hasSignal", "Hyperintense") in found


def test_a_structure_not_said_to_be_involved_is_not_given_the_disease_look_outright(extractor):
    text = "Elsewhere, the vertebral body is hypointense on T1-weighted images in elderly patients.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert ("EpiduralAbscess", "hasSignal", "Hypointense") not in found


def test_endplates_that_become_eroded_are_an_endplate_erosion_of_the_paragraph_lesion(extractor):
    text = "On MRI the adjacent endplates become irregular and eroded.\n"
    assert ("EpiduralAbscess", "hasImagingFinding", "EndplateErosion") in accepted(extractor, text, title=ABSCESS)


def test_endplates_that_are_merely_irregular_are_not_eroded(extractor):
    text = "On MRI the adjacent endplates become irregular.\n"
    found = accepted(extractor, text, title=ABSCESS)
    assert ("EpiduralAbscess", "hasImagingFinding", "EndplateErosion") not in found


def test_a_case_vertebral_body_that_had_collapsed_is_a_vertebral_collapse(extractor):
    text = (
        CASE_OPENING + "CT showed a lytic lesion of the L2 vertebral body. The body had partly collapsed. "
        "Histology confirmed a plasmacytoma.\n"
    )
    assert ("case:lesion", "hasImagingFinding", "VertebralCollapse") in accepted(extractor, text, kind="case report")
