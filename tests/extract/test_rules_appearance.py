"""Imaging appearance and sign rules on sentences written for these tests (none taken from the corpus).

Each test gives one general shape of radiology prose: whose signal a sentence describes (the lesion,
its rim, the edema it causes, another lesion it names), on which sequences, and when a finding is
said of a lesion rather than merely named near it.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text, text_document

REVIEW_OPENING = "Imaging of the spine\n\nMetastases are common in the spine.\n\n"


def signals(extractor, text: str) -> set[tuple]:
    """(subject, signal, sequence) of the accepted hasSignal statements of a short review."""
    return {
        (s["subject"], s["object"], s.get("qualifiers", {}).get("sequence"))
        for s in extract_text(extractor, text).accepted
        if s["predicate"] == "hasSignal"
    }


def test_each_coordinated_lesion_keeps_its_own_signal(extractor):
    text = (
        "Fractures\n\nIn one series, benign vertebral compression fractures were isointense to normal marrow on DWI "
        "and pathologic fractures were hyperintense to normal marrow.\n"
    )
    found = accepted(extractor, text)
    assert ("PathologicFracture", "hasSignal", "Hyperintense") in found
    assert ("BenignCompressionFracture", "hasSignal", "Isointense") in found
    assert ("BenignCompressionFracture", "hasSignal", "Hyperintense") not in found


def test_a_range_written_with_a_bare_prefix_gives_both_ends(extractor):
    found = signals(
        extractor, "Epidural metastasis\n\nEpidural metastases are hypo- to isointense on T1-weighted images.\n"
    )
    assert {
        ("EpiduralMetastasis", "Hypointense", "T1Weighted"),
        ("EpiduralMetastasis", "Isointense", "T1Weighted"),
    } <= found


def test_a_plain_signal_word_is_not_doubled_into_a_range(extractor):
    found = signals(extractor, "Epidural metastasis\n\nEpidural metastases are isointense on T1-weighted images.\n")
    assert found == {("EpiduralMetastasis", "Isointense", "T1Weighted")}


def test_a_signal_due_to_edema_is_the_edema_signal(extractor):
    text = REVIEW_OPENING + (
        "Figure 2: Sagittal T2-weighted image shows an intramedullary metastasis. "
        "There is surrounding hyperintensity due to cord edema.\n"
    )
    found = signals(extractor, text)
    assert ("CordEdema", "Hyperintense", "T2Weighted") in found
    assert ("case:figure-2-lesion", "Hyperintense", "T2Weighted") not in found


def test_the_signal_of_a_rim_is_not_the_lesion_signal(extractor):
    text = (
        REVIEW_OPENING
        + "Figure 3: Axial T2-weighted image shows a hypointense metastasis with a surrounding hyperintense rim.\n"
    )
    assert signals(extractor, text) == {("case:figure-3-lesion", "Hypointense", "T2Weighted")}


def test_a_bright_signal_rim_written_with_of_is_the_rim_signal(extractor):
    text = "Metastasis\n\nSpinal metastases often have a rim of bright T2 signal around them.\n"
    assert not any(p == "hasSignal" for _s, p, _o in accepted(extractor, text))


def test_a_density_word_in_an_mr_caption_names_a_lesion_kind_not_a_density(extractor):
    text = REVIEW_OPENING + "Figure 5: Sagittal T1-weighted image shows hypointense blastic lesions in L2.\n"
    found = accepted(extractor, text)
    assert ("case:figure-5-lesion", "hasSignal", "Hypointense") in found
    assert not any(p == "hasDensity" for _s, p, _o in found)


def test_a_density_seen_on_ct_is_still_read(extractor):
    text = REVIEW_OPENING + "Figure 6: Axial CT image shows a large sclerotic area in the L4 vertebral body.\n"
    assert ("case:figure-6-lesion", "hasDensity", "Sclerosis") in accepted(extractor, text)


def test_a_look_written_as_the_adjective_of_another_lesion_is_that_lesion_kind(extractor):
    found = accepted(extractor, "Breast cancer\n\nBreast carcinoma typically produces lytic spinal metastases.\n")
    assert not any(s == "BreastCarcinoma" and p == "hasDensity" for s, p, _o in found)


def test_a_technique_detecting_a_finding_in_patients_with_a_disease_is_no_appearance(extractor):
    found = accepted(
        extractor, "Lymphoma\n\nPET was shown to detect bone marrow involvement in patients with lymphoma.\n"
    )
    assert not any(p == "hasImagingFinding" for _s, p, _o in found)


def test_a_lesion_that_shows_a_finding_has_it(extractor):
    found = accepted(extractor, "Hemangiopericytoma\n\nSpinal hemangiopericytomas often show bone destruction on CT.\n")
    assert ("SpinalHemangiopericytoma", "hasImagingFinding", "BoneDestruction") in found


def test_coordinated_sequences_each_carry_the_signal(extractor):
    text = (
        REVIEW_OPENING
        + "Figure 4: Sagittal T1-weighted (a) and T2-weighted (b) images show a hypointense lesion in L3.\n"
    )
    found = signals(extractor, text)
    assert {
        ("case:figure-4-lesion", "Hypointense", "T1Weighted"),
        ("case:figure-4-lesion", "Hypointense", "T2Weighted"),
    } <= found


def test_opposite_signals_on_one_sequence_in_a_caption_are_two_lesions(extractor):
    text = REVIEW_OPENING + "Figure 7: The STIR image shows hyperintense and hypointense lesions in the lumbar spine.\n"
    assert not signals(extractor, text)


def test_opposite_signals_of_a_lesion_class_may_both_hold(extractor):
    text = "Hemangioma\n\nVertebral hemangiomas may be hypointense or hyperintense on STIR images.\n"
    found = signals(extractor, text)
    assert {("VertebralHemangioma", "Hypointense", "STIR"), ("VertebralHemangioma", "Hyperintense", "STIR")} <= found


def test_a_lesion_noun_standing_for_the_topic_is_accepted(extractor):
    text = (
        "Intramedullary metastasis\n\nIntramedullary metastases are rare and usually small. "
        "Lesions tend to be T1 hypointense and T2 hyperintense.\n"
    )
    found = signals(extractor, text)
    assert {
        ("IntramedullaryMetastasis", "Hypointense", "T1Weighted"),
        ("IntramedullaryMetastasis", "Hyperintense", "T2Weighted"),
    } <= found


def test_a_topic_guessed_without_a_lesion_noun_waits_for_review(extractor):
    text = (
        "Intramedullary metastasis\n\nIntramedullary metastases are rare and usually small. "
        "The combination of sequences shows bright signal on T2-weighted images.\n"
    )
    assert not signals(extractor, text)


def test_a_proportion_of_findings_is_no_indication(extractor):
    found = accepted(extractor, "Bone scan\n\nOnly 30% of solitary foci represent metastases in these series.\n")
    assert not any(p in ("indicates", "suggests") for _s, p, _o in found)


def test_a_finding_indicates_a_lesion(extractor):
    found = accepted(extractor, "Bone scan\n\nSolitary foci on bone scans often represent metastases.\n")
    assert ("SolitaryFocalUptake", "indicates", "Metastasis") in found


def test_what_a_finding_is_read_as_does_not_replace_it_as_the_subject(extractor):
    found = accepted(extractor, "Vessels\n\nFlow voids representing dilated vessels suggest a hypervascular lesion.\n")
    assert ("FlowVoid", "suggests", "HypervascularLesion") in found
    assert not any(s != "FlowVoid" and p == "suggests" for s, p, _o in found)


def test_a_finding_said_with_a_copula_belongs_to_the_lesion(extractor):
    found = accepted(extractor, "Metastasis\n\nMost bone metastases are hot on bone scintigraphy.\n")
    assert ("BoneMetastasis", "hasImagingFinding", "IncreasedRadionuclideUptake") in found


def test_a_finding_seen_in_a_lesion_named_after_it_belongs_to_that_lesion(extractor):
    found = accepted(extractor, "Fractures\n\nLow ADC values on DWI are found in pathologic fractures.\n")
    assert ("PathologicFracture", "hasImagingFinding", "LowADC") in found


def test_a_signal_seen_in_patients_with_a_disease_is_not_the_disease_signal(extractor):
    text = "Metastasis\n\nHyperintensity of the cord on T2-weighted images is seen in patients with metastasis.\n"
    assert not any(p == "hasSignal" for _s, p, _o in accepted(extractor, text))


def test_the_signal_of_a_lesion_named_after_of_is_that_lesion_signal(extractor):
    found = accepted(
        extractor, "Metastasis\n\nDWI may show decreased signal intensity of osseous metastases after treatment.\n"
    )
    assert ("OsseousMetastasis", "hasSignal", "DecreasedSignal") in found


def test_a_lesion_shown_as_findings_has_them(extractor):
    found = accepted(
        extractor, "Metastasis\n\nCT myelography can show leptomeningeal metastases as thickened nerve roots.\n"
    )
    assert ("LeptomeningealCarcinomatosis", "hasImagingFinding", "ThickenedNerveRoots") in found


def test_enhancement_written_as_a_verb_with_an_adverb(extractor):
    found = accepted(
        extractor, "Meningioma\n\nSpinal meningiomas usually enhance homogeneously after gadolinium administration.\n"
    )
    assert {
        ("SpinalMeningioma", "hasEnhancement", "ContrastEnhancement"),
        ("SpinalMeningioma", "hasEnhancement", "HomogeneousEnhancement"),
    } <= found


def test_enhance_as_a_transitive_verb_is_no_enhancement(extractor):
    text = "Technique\n\nFat suppression may enhance the conspicuity of spinal metastases on T1-weighted images.\n"
    assert not any(p == "hasEnhancement" for _s, p, _o in accepted(extractor, text))


def test_a_negated_enhancing_verb_is_negated(extractor):
    text = "Meningioma\n\nSpinal meningiomas do not enhance on T1-weighted images.\n"
    found = [s for s in extract_text(extractor, text).accepted if s["predicate"] == "hasEnhancement"]
    assert found and all(s.get("negated") for s in found)


def test_stacked_enhancement_modifiers_each_name_a_kind(extractor):
    text = (
        REVIEW_OPENING
        + "Figure 2: Axial T1-weighted post-gadolinium image shows an intense heterogeneous enhancing mass in the epidural space.\n"
    )
    found = accepted(extractor, text)
    assert {
        ("case:figure-2-lesion", "hasEnhancement", "IntenseEnhancement"),
        ("case:figure-2-lesion", "hasEnhancement", "HeterogeneousEnhancement"),
    } <= found
    assert ("case:figure-2-lesion", "hasEnhancement", "HomogeneousEnhancement") not in found


def test_a_caption_lesion_that_enhances_takes_the_sequence_of_its_sentence(extractor):
    text = (
        REVIEW_OPENING
        + "Figure 3: Sagittal T1-weighted image shows several hypointense lesions, some of which enhance on the postcontrast images.\n"
    )
    assert ("case:figure-3-lesion", "hasEnhancement", "ContrastEnhancement") in accepted(extractor, text)


def test_a_caption_image_that_depicts_a_sign_shows_it_in_its_lesion(extractor):
    text = REVIEW_OPENING + "Figure 4: Sagittal T2-weighted MR image depicts the halo sign around a metastasis in L2.\n"
    assert ("case:figure-4-lesion", "showsSign", "HaloSign") in accepted(extractor, text)


def test_a_sign_seen_in_a_caption_and_what_it_is_typical_of(extractor):
    text = REVIEW_OPENING + (
        "Figure 5: Sagittal STIR image of an elderly woman. A fluid sign is seen in the collapsed L1 vertebral body, "
        "which is typical of an osteoporotic fracture.\n"
    )
    found = accepted(extractor, text)
    assert ("case:figure-5-lesion", "showsSign", "FluidSign") in found
    assert ("FluidSign", "indicates", "OsteoporoticCompressionFracture") in found


def test_a_relative_clause_after_a_site_is_not_said_of_a_sign(extractor):
    text = REVIEW_OPENING + (
        "Figure 5: Sagittal STIR image of an elderly woman. The collapsed L1 vertebral body shows a fluid sign in its centre, "
        "which is typical of an osteoporotic fracture.\n"
    )
    assert ("FluidSign", "indicates", "OsteoporoticCompressionFracture") not in accepted(extractor, text)


def test_findings_called_signs_of_a_lesion_indicate_it(extractor):
    text = "Fractures\n\nAn epidural soft tissue mass and diffuse marrow infiltration are reliable signs of a malignant fracture on MRI.\n"
    assert ("SoftTissueMass", "indicates", "MalignantCompressionFracture") in accepted(extractor, text)


def test_clinical_signs_of_a_condition_are_no_imaging_indication(extractor):
    text = "Clinical\n\nPatients with back pain and clinical signs of cord compression need urgent MRI.\n"
    assert not any(p in ("indicates", "suggests") for _s, p, _o in accepted(extractor, text))


def test_features_cited_to_suggest_a_lesion_listed_after_a_colon(extractor):
    text = (
        "Fractures\n\nSeveral MRI features have been proposed to suggest a pathologic fracture: a convex posterior border of the "
        "vertebral body, an epidural mass, and a paraspinal mass.\n"
    )
    found = accepted(extractor, text)
    assert {
        ("ConvexPosteriorBorder", "suggests", "PathologicFracture"),
        ("ParavertebralSoftTissueMass", "suggests", "PathologicFracture"),
    } <= found


def test_a_finding_indicates_an_outcome(extractor):
    found = accepted(
        extractor,
        "Response\n\nProgressive sclerosis of a lytic focus on CT often indicates a positive response to treatment.\n",
    )
    assert ("ProgressiveSclerosis", "indicates", "TreatmentSuccess") in found


def test_a_finding_worrisome_for_a_process_suggests_it(extractor):
    found = accepted(
        extractor, "Hematoma\n\nFocal enhancement within a hematoma is worrisome for active extravasation.\n"
    )
    assert ("FocalEnhancement", "suggests", "ActiveExtravasation") in found


def test_a_tissue_opening_a_sentence_has_the_signal_it_names(extractor):
    found = signals(
        extractor, "Marrow\n\nRed marrow is hypointense to fat on T1-weighted images but hyperintense to muscle.\n"
    )
    assert {
        ("HematopoieticMarrow", "Hypointense", "T1Weighted"),
        ("HematopoieticMarrow", "Hyperintense", "T1Weighted"),
    } <= found


def test_a_site_in_a_sentence_about_a_lesion_does_not_take_the_signal(extractor):
    text = "Marrow\n\nThe vertebral body shows hypointense signal in patients with metastases on T1-weighted images.\n"
    assert not any(s == "VertebralBody" for s, _o, _q in signals(extractor, text))


def test_a_finding_said_to_exist_belongs_to_the_paragraph_lesion(extractor):
    text = "Leptomeningeal metastasis\n\nLeptomeningeal metastases coat the cord surface. On MRI there may be subarachnoid nodules.\n"
    assert ("LeptomeningealCarcinomatosis", "hasImagingFinding", "SubarachnoidNodules") in accepted(extractor, text)


def test_an_existing_finding_goes_to_the_lesion_its_clause_names(extractor):
    text = (
        "Leptomeningeal metastasis\n\nLeptomeningeal metastases coat the cord surface. "
        "In discitis-osteomyelitis, there are endplate erosions on MRI.\n"
    )
    found = accepted(extractor, text)
    assert ("DiscitisOsteomyelitis", "hasImagingFinding", "EndplateErosion") in found
    assert ("LeptomeningealCarcinomatosis", "hasImagingFinding", "EndplateErosion") not in found


def test_a_caption_lesion_named_sclerotic_on_ct_has_that_density(extractor):
    text = REVIEW_OPENING + "Figure 6: Axial CT image shows a large sclerotic lesion in the L4 vertebral body.\n"
    assert ("case:figure-6-lesion", "hasDensity", "Sclerosis") in accepted(extractor, text)


def test_a_lesion_kind_named_in_general_text_states_no_density(extractor):
    found = accepted(extractor, "Prostate cancer\n\nSclerotic metastases on CT are common in prostate cancer.\n")
    assert not any(p == "hasDensity" for _s, p, _o in found)


def test_findings_a_technique_shows_belong_to_the_paragraph_lesion(extractor):
    text = (
        "Leptomeningeal metastasis\n\nLeptomeningeal metastases coat the cord surface. "
        "MRI may demonstrate hydrocephalus and thickened nerve roots.\n"
    )
    found = accepted(extractor, text)
    assert {
        ("LeptomeningealCarcinomatosis", "hasImagingFinding", "Hydrocephalus"),
        ("LeptomeningealCarcinomatosis", "hasImagingFinding", "ThickenedNerveRoots"),
    } <= found


def test_findings_a_technique_shows_in_a_sentence_naming_a_lesion_are_not_the_topic_ones(extractor):
    text = (
        "Leptomeningeal metastasis\n\nLeptomeningeal metastases coat the cord surface. "
        "MRI may demonstrate thickened nerve roots in patients with lymphoma.\n"
    )
    assert ("LeptomeningealCarcinomatosis", "hasImagingFinding", "ThickenedNerveRoots") not in accepted(extractor, text)


def test_each_of_a_long_coordinated_list_of_signs_is_accepted(extractor):
    text = (
        "Fractures\n\nParavertebral soft-tissue masses and diffuse marrow infiltration of the posterior elements "
        "are the most reliable signs of a malignant fracture.\n"
    )
    found = accepted(extractor, text)
    assert {
        ("ParavertebralSoftTissueMass", "indicates", "MalignantCompressionFracture"),
        ("DiffuseMarrowInfiltration", "indicates", "MalignantCompressionFracture"),
    } <= found


def test_a_sign_seen_in_a_lesion_is_shown_by_it(extractor):
    found = accepted(extractor, "Fractures\n\nThe fluid sign is often seen in acute osteoporotic fractures on MRI.\n")
    assert ("OsteoporoticCompressionFracture", "showsSign", "FluidSign") in found


def test_a_sign_found_in_places_is_located_there(extractor):
    found = accepted(
        extractor, "Leptomeningeal metastasis\n\nThe zuckerguss sign can be found in the brain, the spine, or both.\n"
    )
    assert {("ZuckergussSign", "locatedIn", "Brain"), ("ZuckergussSign", "locatedIn", "VertebralColumn")} <= found


def test_a_sign_seen_in_a_share_of_cases_names_no_lesion(extractor):
    found = accepted(extractor, "Fractures\n\nThe fluid sign is seen in 40% of cases on MRI.\n")
    assert not any(p in ("showsSign", "locatedIn") for _s, p, _o in found)


def test_a_finding_called_a_feature_of_a_lesion_in_apposition_is_that_lesion_finding(extractor):
    text = "Chordoma\n\nOn CT, the tumour shows bone destruction with a large soft tissue mass, a common feature of sacral chordomas.\n"
    assert ("Chordoma", "hasImagingFinding", "SoftTissueMass") in accepted(extractor, text)


def test_a_finding_right_before_which_suggests_is_what_suggests(extractor):
    found = accepted(
        extractor, "Metastasis\n\nOn CT the lesion shows cortical destruction, which suggests a metastasis.\n"
    )
    assert ("CorticalDestruction", "suggests", "Metastasis") in found


def test_which_after_a_site_does_not_make_an_earlier_finding_suggest(extractor):
    found = accepted(
        extractor,
        "Metastasis\n\nOn CT the lesion shows cortical destruction in the vertebral body, which suggests a metastasis.\n",
    )
    assert ("CorticalDestruction", "suggests", "Metastasis") not in found


def test_a_shorthand_sequence_after_the_signal_wins_over_one_before(extractor):
    found = signals(
        extractor,
        "Ependymoma\n\nEpendymomas are hypointense relative to the spinal cord on T1 and hyperintense on T2.\n",
    )
    assert {("Ependymoma", "Hypointense", "T1Weighted"), ("Ependymoma", "Hyperintense", "T2Weighted")} <= found
    assert ("Ependymoma", "Hyperintense", "T1Weighted") not in found


def test_an_enhancement_described_by_a_copula_takes_its_modifier(extractor):
    found = accepted(extractor, "Ependymoma\n\nIn ependymomas, the enhancement pattern is variable on MRI.\n")
    assert ("Ependymoma", "hasEnhancement", "VariableEnhancement") in found


def test_an_enhancement_pattern_named_without_description_says_nothing(extractor):
    found = accepted(
        extractor, "Ependymoma\n\nIn ependymomas, the enhancement pattern on MRI depends on the tumour grade.\n"
    )
    assert not any(p == "hasEnhancement" for _s, p, _o in found)


def test_a_sign_defined_by_a_verb_keeps_its_definition(extractor):
    paper = text_document(
        "Signs\n\nThe halo sign refers to a rim of high T2 signal surrounding a dark metastasis [12].\n"
    )
    defined = [s for s in extractor.extract(paper).accepted if s["predicate"] == "definedAs"]
    assert [(s["subject"], s["text"]) for s in defined] == [
        ("HaloSign", "a rim of high T2 signal surrounding a dark metastasis")
    ]


def test_a_sign_seen_somewhere_is_not_defined(extractor):
    found = accepted(extractor, "Signs\n\nThe halo sign is seen around metastases on T2-weighted images.\n")
    assert not any(p == "definedAs" for _s, p, _o in found)


def test_a_relative_clause_describes_the_lesion_right_before_it(extractor):
    text = "Hemangioma\n\nMetastases are more common than vertebral hemangiomas, which are hyperintense on T1-weighted images.\n"
    found = signals(extractor, text)
    assert ("VertebralHemangioma", "Hyperintense", "T1Weighted") in found
    assert ("Metastasis", "Hyperintense", "T1Weighted") not in found


def test_a_relative_clause_after_a_broader_name_of_the_subject_describes_the_subject(extractor):
    text = "Hemangioma\n\nVertebral hemangiomas are benign vascular tumours, which are hyperintense on T1-weighted images.\n"
    found = signals(extractor, text)
    assert ("VertebralHemangioma", "Hyperintense", "T1Weighted") in found
    assert ("VascularTumour", "Hyperintense", "T1Weighted") not in found


def test_coordinated_lesions_share_a_look(extractor):
    found = signals(
        extractor, "Myeloma\n\nBoth metastases and multiple myeloma may appear hypointense on T1-weighted images.\n"
    )
    assert {("Metastasis", "Hypointense", "T1Weighted"), ("MultipleMyeloma", "Hypointense", "T1Weighted")} <= found


def test_a_lesion_joined_by_from_is_no_coordinated_subject(extractor):
    found = signals(
        extractor, "Metastasis\n\nMetastases from breast carcinoma are hypointense on T1-weighted images.\n"
    )
    assert ("BreastCarcinoma", "Hypointense", "T1Weighted") not in found


def test_a_lesion_named_for_contrast_shows_no_sign(extractor):
    found = accepted(extractor, "Hemangioma\n\nIn contrast to metastases, hemangiomas show a corduroy sign on CT.\n")
    assert ("Hemangioma", "showsSign", "CorduroySign") in found
    assert ("Metastasis", "showsSign", "CorduroySign") not in found


def test_a_finding_opening_a_sentence_has_the_signal_it_names(extractor):
    text = "Marrow\n\nMarrow replacement always appears hypointense relative to normal marrow on T1-weighted images.\n"
    found = [s for s in extract_text(extractor, text).accepted if s["predicate"] == "hasSignal"]
    assert [(s["subject"], s["object"], s["qualifiers"].get("referenceTissue")) for s in found] == [
        ("MarrowReplacement", "Hypointense", "NormalBoneMarrow")
    ]


def test_a_finding_in_a_lesion_leaves_the_signal_to_the_lesion(extractor):
    found = signals(extractor, "Edema\n\nBone marrow edema in metastases is hyperintense on STIR images.\n")
    assert ("BoneMarrowEdema", "Hyperintense", "STIR") not in found
