"""Location, epidemiology and definition rules of round 4, on sentences written for these tests (none from the corpus).

Each test states one general construction of spine imaging prose and checks the statements the extractor
accepts from it; a near miss of the same shape checks that the reading is not forced where it does not hold.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text


def case_report(extractor, title: str, body: str) -> set[tuple]:
    """The accepted facts, with negation, of a case report with the given title line."""
    return accepted(extractor, f"{title}: a case report\n\n{body}\n", kind="case report", negation=True)


# --- the case lesion, however the sentence reached it -------------------------------------------------


def test_a_demonstrative_naming_the_case_lesion_places_it_where_its_class_lies(extractor):
    facts = case_report(
        extractor,
        "Thoracic hemangioma",
        "A 50-year-old woman presented with back pain. MRI showed a hemangioma at T7. "
        "This vertebral hemangioma compressed the cord.",
    )
    assert ("case:lesion", "locatedIn", "VertebralBody", False) in facts


def test_another_lesion_class_in_case_narrative_does_not_place_the_case_lesion(extractor):
    facts = case_report(
        extractor,
        "Thoracic hemangioma",
        "A 50-year-old woman presented with back pain. MRI showed a hemangioma at T7. "
        "An epidural abscess was considered in the differential.",
    )
    assert ("case:lesion", "locatedIn", "EpiduralSpace", False) not in facts


# --- counts of a series by site -----------------------------------------------------------------------


def test_counts_of_a_series_by_site_give_each_site_its_share(extractor):
    facts = accepted(
        extractor,
        "Spinal meningioma\n\nSpinal meningiomas were localized in 6/10 cases to the thoracic spine, "
        "in 3/10 cases to the cervical spine and in 1/10 cases to the lumbar spine.\n",
    )
    assert {
        ("SpinalMeningioma", "hasProportion", 6.0),
        ("SpinalMeningioma", "hasProportion", 3.0),
        ("SpinalMeningioma", "hasProportion", 1.0),
        ("SpinalMeningioma", "locatedIn", "ThoracicSpine"),
        ("SpinalMeningioma", "locatedIn", "CervicalSpine"),
    } <= facts


def test_each_series_count_keeps_its_own_site_as_target(extractor):
    extraction = extract_text(
        extractor,
        "Chordoma\n\nChordomas were located in the sacrum in 5/8 cases and in the cervical spine in 2/8 cases.\n",
    )
    targets = {
        (s["value"], s["qualifiers"]["target"]) for s in extraction.accepted if s["predicate"] == "hasProportion"
    }
    assert targets == {(5.0, "Sacrum"), (2.0, "CervicalSpine")}


def test_a_series_count_without_a_site_is_no_location_share(extractor):
    extraction = extract_text(extractor, "Meningioma\n\nMeningiomas recurred in 7/12 cases after radiation therapy.\n")
    assert not [s for s in extraction.statements if s["kind"] == "lesion_location"]


def test_a_count_over_a_series_is_a_count_of_cases_not_a_percentage(extractor):
    text = "Ependymoma\n\nMyxopapillary ependymomas were seen in 4/9 cases of the series.\n"
    extraction = extract_text(extractor, text)
    rates = [s for s in extraction.accepted if s["predicate"] == "hasProportion"]
    assert [(s["value"], s["unit"]) for s in rates] == [(4.0, "case")]


def test_a_series_figure_in_a_case_report_is_about_the_class_not_the_patient(extractor):
    facts = case_report(
        extractor,
        "Lumbar schwannoma",
        "A 38-year-old man presented with sciatica. MRI showed a schwannoma at L3.\n\n"
        "Figure 2: Schwannomas were localized in 4/11 cases to the cervical spine in earlier reports.",
    )
    assert ("Schwannoma", "locatedIn", "CervicalSpine", False) in facts
    assert not any(s == "case:lesion" and o == "CervicalSpine" for s, _p, o, _n in facts)


# --- staging denials in case narrative ----------------------------------------------------------------


def test_denying_lesions_at_a_site_in_case_narrative_does_not_locate_the_case_lesion(extractor):
    facts = case_report(
        extractor,
        "Spinal metastasis of renal cell carcinoma",
        "A 66-year-old man presented with back pain. MRI showed a metastasis at T9. "
        "There was no evidence of metastases present in the liver or the lungs.",
    )
    assert not any(s == "case:lesion" and o in ("Liver", "Lung") for s, _p, o, _n in facts)


def test_denying_that_the_case_lesion_reached_a_site_still_reads(extractor):
    facts = case_report(
        extractor,
        "Sacral chordoma",
        "A 61-year-old woman presented with back pain. MRI showed a chordoma in the sacrum. "
        "The tumour did not extend into the spinal canal.",
    )
    assert ("case:lesion", "extendsInto", "SpinalCanal", True) in facts


# --- spread told as a noun, and how often it happens ----------------------------------------------------


def test_spread_told_as_a_noun_reaches_each_coordinated_site_with_the_frequency_after_it(extractor):
    extraction = extract_text(
        extractor, "Hemangioma\n\nAggression of hemangiomas into the epidural space and neural foramen is rare.\n"
    )
    spread = {(s["object"], s.get("hedge")) for s in extraction.accepted if s["predicate"] == "extendsInto"}
    assert spread == {("EpiduralSpace", "rare"), ("NeuralForamen", "rare")}


def test_a_frequency_word_in_another_clause_is_no_hedge_of_the_spread(extractor):
    extraction = extract_text(
        extractor, "Schwannoma\n\nExtension of schwannomas into the neural foramen widens it; bleeding is rare.\n"
    )
    spread = [s for s in extraction.accepted if s["predicate"] == "extendsInto"]
    assert [(s["object"], s.get("hedge")) for s in spread] == [("NeuralForamen", None)]


def test_a_vessel_that_supplies_the_site_is_not_where_the_lesion_lies(extractor):
    facts = accepted(
        extractor,
        "Epidural hematoma\n\nEpidural hematomas usually involve the dorsal epidural space, a space supplied by the "
        "radicular artery.\n",
    )
    assert ("EpiduralHematoma", "canInvolve", "DorsalEpiduralSpace") in facts
    assert not any(o == "RadicularArtery" for _s, _p, o in facts)


# --- the compartments of the kinds a lesion comes in ----------------------------------------------------


def test_kinds_listed_after_in_n_ways_give_the_compartments_the_lesion_involves(extractor):
    facts = accepted(
        extractor,
        "Lymphoma\n\nLymphoma has been described to involve the spine in three ways: (1) osseous lymphoma; "
        "(2) epidural lymphoma; and (3) leptomeningeal spread.\n",
    )
    assert {("Lymphoma", "canInvolve", "OsseousSite"), ("Lymphoma", "canInvolve", "EpiduralSpace")} <= facts


def test_kinds_listed_without_ways_of_involvement_place_nothing(extractor):
    text = "Lymphoma\n\nLymphoma was diagnosed in two patients: epidural lymphoma and bone lymphoma.\n"
    facts = accepted(extractor, text)
    assert not any(s == "Lymphoma" and p == "canInvolve" for s, p, _o in facts)


# --- prevalence in a population, and rarity said in passing ---------------------------------------------


def test_a_lesion_that_affects_a_share_of_patients_has_that_prevalence(extractor):
    facts = accepted(
        extractor,
        "Intramedullary metastases\n\nIntramedullary metastases affect about 1-3% of patients with cancer and "
        "comprise 2% of all cord tumours.\n",
    )
    assert ("IntramedullaryMetastasis", "hasPrevalence", 1.0) in facts
    assert ("IntramedullaryMetastasis", "hasProportion", 2.0) in facts


def test_a_lesion_that_affects_a_share_of_segments_is_no_prevalence(extractor):
    facts = accepted(
        extractor, "Intramedullary metastases\n\nIntramedullary metastases affect 4% of the cord segments examined.\n"
    )
    assert not any(p == "hasPrevalence" for _s, p, _o in facts)


def test_a_demonstrative_calling_the_lesion_rare_gives_its_incidence(extractor):
    facts = accepted(
        extractor,
        "Chordoma\n\nChordoma is a tumour of the notochord. The incidence of this tumour is very low, and this rare "
        "entity is often missed.\n",
    )
    assert {("Chordoma", "hasIncidence", "low"), ("Chordoma", "hasIncidence", "rare")} <= facts


def test_a_rare_case_is_not_a_rare_lesion(extractor):
    facts = accepted(extractor, "Chordoma\n\nThis rare case of a chordoma in a child was treated by surgery.\n")
    assert not any(p == "hasIncidence" for _s, p, _o in facts)


def test_in_a_case_report_a_rare_entity_is_the_case_lesion_class(extractor):
    facts = case_report(
        extractor,
        "Sacral chordoma",
        "A 61-year-old woman presented with back pain. MRI showed a chordoma in the sacrum. "
        "We describe this uncommon tumour to draw attention to its imaging.",
    )
    assert ("Chordoma", "hasIncidence", "uncommon", False) in facts


# --- involvement said with "with", and sites a topic's own compartment confirms ----------------------------


def test_a_lesion_with_involvement_of_a_site_can_involve_it(extractor):
    facts = accepted(
        extractor,
        "Meningioma\n\nFlow voids may separate schwannomas from meningiomas, which often present with bony "
        "involvement.\n",
        negation=True,
    )
    assert ("Meningioma", "canInvolve", "Bone", False) in facts
    assert not any(s == "Schwannoma" and o == "Bone" for s, _p, o, _n in facts)


def test_a_lesion_without_involvement_of_a_compartment_is_denied_there(extractor):
    facts = accepted(
        extractor, "Lymphoma\n\nBone lymphoma usually presents without epidural involvement.\n", negation=True
    )
    assert ("BoneLymphoma", "canInvolve", "EpiduralSpace", True) in facts


def test_involvement_of_people_is_no_site(extractor):
    facts = accepted(extractor, "Schwannoma\n\nSchwannoma surgery was planned with involvement of the neurosurgeons.\n")
    assert not any(p == "canInvolve" for _s, p, _o in facts)


def test_a_part_of_the_topics_own_compartment_confirms_the_topic_as_the_lesion_involved(extractor):
    extraction = extract_text(
        extractor,
        "Epidural abscess\n\nEpidural abscess is an infection. The dorsal epidural space is involved more often than "
        "the ventral epidural space.\n",
    )
    placed = [s for s in extraction.accepted if s["predicate"] == "locatedIn"]
    assert [(s["subject"], s["object"], s["hedge"], s["qualifiers"]["comparator"]) for s in placed] == [
        ("EpiduralAbscess", "DorsalEpiduralSpace", "more often", "VentralEpiduralSpace")
    ]


def test_a_site_outside_the_topics_compartment_leaves_the_topic_a_guess(extractor):
    text = "Epidural abscess\n\nEpidural abscess is an infection. The thoracic spine is involved more often.\n"
    extraction = extract_text(extractor, text)
    assert not any(s["object"] == "ThoracicSpine" for s in extraction.accepted)
    assert any(s["object"] == "ThoracicSpine" for s in extraction.review)


# --- counts of reported cases, and the make-up of a tissue ------------------------------------------------


def test_a_count_of_cases_reported_to_date_is_the_lesions_incidence(extractor):
    facts = accepted(
        extractor,
        "Chordoma\n\nIntradural chordoma is exceptional, with only 12 cases (including ours) reported to date3,4.\n",
    )
    assert ("Chordoma", "hasIncidence", 12.0) in facts


def test_cases_treated_to_date_are_no_reports(extractor):
    text = "Chordoma\n\nChordoma is slow growing. In our department 12 cases were treated to date.\n"
    facts = accepted(extractor, text)
    assert not any(p == "hasIncidence" for _s, p, _o in facts)


def test_the_share_of_each_component_of_a_tissue_is_read_with_the_tissue(extractor):
    extraction = extract_text(
        extractor,
        "Marrow\n\nNormal marrow holds fat and water (yellow marrow 80% fat, but also 15% water, and red marrow "
        "about 40% fat).\n",
    )
    shares = {
        (s["subject"], s["value"], s["qualifiers"]["target"])
        for s in extraction.accepted
        if s["predicate"] == "hasProportion"
    }
    assert shares == {
        ("FattyMarrow", 80.0, "Fat"),
        ("FattyMarrow", 15.0, "Water"),
        ("HematopoieticMarrow", 40.0, "Fat"),
    }


def test_a_participle_of_composition_only_describes_the_tissue(extractor):
    text = "Marrow\n\nFatty marrow containing 80% fat is bright on T1-weighted images.\n"
    assert not any(p == "hasProportion" for _s, p, _o in accepted(extractor, text))


# --- sites ranked ahead of another, and a lesion's share at each site -------------------------------------


def test_sites_a_ranking_puts_ahead_of_the_spine_are_where_the_lesion_lies_too(extractor):
    facts = accepted(
        extractor,
        "Metastases\n\nThe spine is the third most common site of metastatic disease, following the lung and the "
        "liver.\n",
    )
    assert {("Metastasis", "locatedIn", "Lung"), ("Metastasis", "locatedIn", "Liver")} <= facts


def test_a_ranking_followed_by_a_time_names_no_site_ahead(extractor):
    facts = accepted(extractor, "Metastases\n\nThe liver is the second most common site of metastasis after surgery.\n")
    assert not any(o == "Lung" for _s, _p, o in facts)


def test_the_share_of_a_lesion_at_a_site_and_at_the_site_compared(extractor):
    extraction = extract_text(
        extractor,
        "Cord compression\n\nThe thoracic spine is more often (~60%) involved in epidural spinal cord compression as "
        "compared to ~30% in the lumbar spine.\n",
    )
    shares = {
        (s["subject"], s["value"], s["qualifiers"]["target"])
        for s in extraction.accepted
        if s["predicate"] == "hasProportion"
    }
    assert shares == {
        ("EpiduralSpinalCordCompression", 60.0, "ThoracicSpine"),
        ("EpiduralSpinalCordCompression", 30.0, "LumbarSpine"),
    }


def test_a_share_of_patients_after_an_operation_is_no_share_of_a_lesion_at_a_site(extractor):
    extraction = extract_text(extractor, "Chordoma\n\nThe sacrum is involved in 50% of patients after surgery.\n")
    assert not any(s["rule"] == "epidemiology.site_share" for s in extraction.statements)


def test_a_rarity_word_joined_to_a_figure_by_and_only_hedges_the_figure(extractor):
    extraction = extract_text(
        extractor, "Cord infarction\n\nSpinal cord infarction is uncommon and accounts for about 1% of all strokes.\n"
    )
    assert [(s["predicate"], s["value"]) for s in extraction.accepted] == [("hasProportion", 1.0)]
    assert any(s.get("text") == "uncommon" for s in extraction.review)


def test_a_rarity_word_joined_to_another_fact_stays_the_lesions_prevalence(extractor):
    text = "Cord infarction\n\nSpinal cord infarction is uncommon and mostly affects older adults.\n"
    assert ("CordInfarction", "hasPrevalence", "uncommon") in accepted(extractor, text)


# --- the sequences an examination uses, and a second figure on the same lesion ---------------------------


def test_the_sequences_listed_after_with_the_use_of_are_what_the_examination_uses(extractor):
    facts = accepted(
        extractor,
        "Whole body MRI\n\nA moving table facilitates whole body MR imaging and, with the use of fast gradient echo, "
        "T1-weighted, and STIR techniques, allows imaging within an hour.\n",
    )
    assert {("WholeBodyMRI", "usesTechnique", s) for s in ("FastGradientEcho", "T1Weighted", "STIR")} <= facts


def test_a_modality_used_to_find_a_lesion_is_no_technique_of_an_examination(extractor):
    facts = accepted(extractor, "Screening\n\nThe lesion was found using MRI and then biopsied.\n")
    assert not any(p == "usesTechnique" for _s, p, _o in facts)


def test_a_second_figure_that_names_no_new_lesion_keeps_the_first_ones_subject_as_surely(extractor):
    facts = accepted(
        extractor,
        "Hemangiopericytoma\n\nThe local recurrence rate from series of hemangiopericytomas is between 50-80 percent "
        "and the literature reports rates of metastasis ranging from 23-78 percent.\n",
    )
    assert ("Hemangiopericytoma", "hasRecurrenceRate", 50.0) in facts
    assert ("Hemangiopericytoma", "hasMetastasisRate", 23.0) in facts


def test_sites_each_with_a_series_count_are_each_as_sure_as_the_first(extractor):
    facts = accepted(
        extractor,
        "Spinal meningioma\n\nSpinal meningiomas were located in 6/10 cases in the thoracic spine, in 3/10 cases in "
        "the cervical spine and in 1/10 cases in the lumbar spine.\n",
    )
    assert {("SpinalMeningioma", "locatedIn", s) for s in ("ThoracicSpine", "CervicalSpine", "LumbarSpine")} <= facts


def test_a_lesion_that_may_occur_anywhere_keeps_the_place_as_written(extractor):
    facts = accepted(
        extractor, "Schwannoma\n\nSchwannomas may occur anywhere along the spinal canal but favour the lumbar region.\n"
    )
    assert ("Schwannoma", "canInvolve", "anywhere along the spinal canal") in facts


def test_a_symptom_felt_anywhere_is_no_place_of_a_lesion(extractor):
    facts = accepted(extractor, "Schwannoma\n\nSchwannoma is slow growing. Pain may occur anywhere in the body.\n")
    assert not any(isinstance(o, str) and o.startswith("anywhere") for _s, _p, o in facts)


# --- more verbs of place: centred on, occupying, filling, favouring, and extension told with "with" -------


def test_verbs_of_place_common_in_radiology_reports_place_the_lesion(extractor):
    facts = accepted(
        extractor, "Schwannoma\n\nSchwannomas favour the lumbar spine and are usually centred on the neural foramen.\n"
    )
    assert {("Schwannoma", "locatedIn", "LumbarSpine"), ("Schwannoma", "locatedIn", "NeuralForamen")} <= facts
    contained = accepted(
        extractor, "Epidural hematoma\n\nEpidural hematoma is generally contained in the dorsal epidural space.\n"
    )
    assert ("EpiduralHematoma", "locatedIn", "DorsalEpiduralSpace") in contained


def test_a_case_mass_occupying_and_filling_sites_lies_there(extractor):
    facts = case_report(
        extractor,
        "Thoracic schwannoma",
        "A 44-year-old man presented with chest pain. MRI showed a mass occupying the left neural foramen at T6 and "
        "filling the spinal canal.",
    )
    assert ("case:lesion", "locatedIn", "NeuralForamen", False) in facts
    assert ("case:lesion", "locatedIn", "SpinalCanal", False) in facts


def test_findings_that_favour_a_diagnosis_place_nothing(extractor):
    facts = accepted(extractor, "Schwannoma\n\nThe imaging findings favoured a schwannoma rather than a meningioma.\n")
    assert not any(p in ("locatedIn", "canInvolve", "extendsInto") for _s, p, _o in facts)


def test_a_lesion_with_epidural_extension_extends_into_the_epidural_space(extractor):
    facts = accepted(extractor, "Chordoma\n\nChordomas often present with epidural extension.\n")
    assert ("Chordoma", "extendsInto", "EpiduralSpace") in facts


def test_a_collection_in_case_narrative_is_the_case_lesion_where_it_lies(extractor):
    facts = case_report(
        extractor,
        "Lumbar epidural abscess",
        "A 57-year-old man presented with fever and back pain. MRI showed a collection in the dorsal epidural space "
        "from L2 to L4.",
    )
    assert ("case:lesion", "locatedIn", "DorsalEpiduralSpace", False) in facts


def test_collection_is_recognised_as_a_fluid_collection(lexicon):
    names = {m.concept.name for m in lexicon.recognise("a small collection behind the vertebral body")}
    assert "FluidCollection" in names


def test_a_structure_the_lesion_lies_anterior_or_posterior_to_is_not_where_it_lies(extractor):
    facts = case_report(
        extractor,
        "Thoracic meningioma",
        "A 61-year-old woman presented with gait disturbance. MRI showed an intradural mass at T4. The mass was "
        "located anterior to the spinal cord and posterior to the vertebral body. It was lying within the spinal "
        "canal.",
    )
    assert ("case:lesion", "locatedIn", "SpinalCanal", False) in facts
    assert not any(o in ("SpinalCord", "VertebralBody") for _s, p, o, _n in facts if p == "locatedIn")


def test_intradural_extramedullary_is_one_compartment_and_no_denial_of_the_cord(extractor):
    facts = case_report(
        extractor,
        "Thoracic meningioma",
        "A 58-year-old woman presented with gait disturbance. MRI demonstrated an intradural extramedullary mass "
        "at T5.",
    )
    assert ("case:lesion", "locatedIn", "IntraduralExtramedullarySite", False) in facts
    assert not any(o == "IntramedullarySite" for _s, _p, o, _n in facts)


def test_a_metastatic_hemangiopericytoma_of_the_spine_is_a_spinal_metastasis(lexicon):
    mention = next(m for m in lexicon.recognise("metastatic hemangiopericytoma to the spine"))
    assert "SpinalMetastasis" in mention.concept.ancestors


def test_common_spinal_sites_and_the_conus_tumour_are_recognised(lexicon):
    text = (
        "a myxopapillary ependymoma of the conus medullaris and filum terminale, a lesion of the facet joint and the "
        "transverse process, the coccyx, the thoracolumbar junction and the craniocervical junction"
    )
    names = {m.concept.name for m in lexicon.recognise(text)}
    assert {
        "MyxopapillaryEpendymoma",
        "ConusMedullaris",
        "FilumTerminale",
        "FacetJoint",
        "TransverseProcess",
        "Coccyx",
        "ThoracolumbarSpine",
        "CraniocervicalJunction",
    } <= names


def test_a_lesion_of_the_conus_lies_in_the_cord(extractor):
    facts = accepted(extractor, "Ependymoma\n\nMyxopapillary ependymomas typically arise in the conus or the filum.\n")
    assert {
        ("MyxopapillaryEpendymoma", "locatedIn", "ConusMedullaris"),
        ("MyxopapillaryEpendymoma", "locatedIn", "FilumTerminale"),
    } <= facts


def test_a_bracketed_share_after_each_site_a_lesion_occurs_in_targets_that_site(extractor):
    extraction = extract_text(
        extractor,
        "Spinal metastases\n\nSpinal metastases occur in the thoracic spine (70%), the lumbar spine (20%) and the "
        "cervical spine (10%).\n",
    )
    shares = {
        (s["value"], s["qualifiers"].get("target")) for s in extraction.accepted if s["predicate"] == "hasProportion"
    }
    assert shares == {(70.0, "ThoracicSpine"), (20.0, "LumbarSpine"), (10.0, "CervicalSpine")}


def test_a_bracketed_figure_after_a_site_without_a_verb_of_place_is_no_share_there(extractor):
    extraction = extract_text(extractor, "Spinal metastases\n\nMRI of the thoracic spine (70%) was abnormal.\n")
    assert not any(s["rule"] == "epidemiology.site_share" for s in extraction.statements)


def test_a_lesion_rare_in_an_age_group_keeps_the_group_as_population(extractor):
    extraction = extract_text(extractor, "Ependymoma\n\nEpendymomas are rare in children.\n")
    rare = [s for s in extraction.accepted if s.get("text") == "rare"]
    assert [(s["subject"], s["qualifiers"]["population"]) for s in rare] == [("Ependymoma", "children")]
