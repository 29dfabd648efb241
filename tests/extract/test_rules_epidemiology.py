"""Epidemiology and primary-to-metastasis rules on sentences written for these tests (none from the corpus).

Each test gives one general way papers state rates, counts, ages, spread and the kinds of metastasis
primaries give, and checks what the extractor accepts; a second sentence of the same shape where the
reading would be wrong checks that the rule stays quiet.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text


# --- kinds of bone metastasis and the primaries that give them ---------------------------------------

def test_organs_listed_after_primaries_that_produce_a_kind_of_metastasis_name_their_carcinomas(extractor):
    facts = accepted(extractor, "Bone metastases\n\nPrimary tumours that usually produce sclerotic metastases are prostate, bladder and stomach.\n")
    assert {("ProstateCarcinoma", "causes", "OsteoblasticMetastasis"), ("BladderCarcinoma", "causes", "OsteoblasticMetastasis"),
            ("GastrointestinalCarcinoma", "causes", "OsteoblasticMetastasis")} <= facts


def test_organ_primaries_before_a_density_word_and_metastases_cause_that_kind(extractor):
    facts = accepted(extractor, "Bone metastases\n\nKidney, thyroid and adrenal primaries typically have lytic-appearing bone metastases.\n")
    assert {(p, "causes", "OsteolyticMetastasis") for p in ("RenalCellCarcinoma", "ThyroidCarcinoma", "AdrenalCarcinoma")} <= facts
    assert not any(o == "BoneMetastasis" and p == "causes" for _s, p, o in facts)


def test_carcinomas_a_mixed_lesion_is_seen_with_cause_mixed_metastases(extractor):
    facts = accepted(extractor, "Bone metastases\n\nMixed lytic and sclerotic lesions are often seen with ovarian and cervical carcinomas.\n")
    assert {("OvarianCarcinoma", "causes", "MixedMetastasis"), ("CervicalCarcinoma", "causes", "MixedMetastasis")} <= facts
    assert not any(o == "OsteoblasticMetastasis" for _s, _p, o in facts)


def test_lytic_lesions_of_a_tumour_that_is_no_carcinoma_are_not_metastases_it_causes(extractor):
    myeloma = accepted(extractor, "Bone\n\nMultiple myeloma typically produces lytic lesions.\n")
    carcinoma = accepted(extractor, "Bone\n\nRenal cell carcinoma typically produces lytic lesions.\n")
    assert not any(p == "causes" and o == "OsteolyticMetastasis" for _s, p, o in myeloma)
    assert ("RenalCellCarcinoma", "causes", "OsteolyticMetastasis") in carcinoma


def test_a_bare_primaries_head_is_no_primary_that_causes_a_kind(extractor):
    facts = accepted(extractor, "Bone\n\nSome primaries commonly have blastic metastases.\n")
    assert not any(p == "causes" for _s, p, _o in facts)


def test_organs_where_lesions_are_seen_are_no_primaries(extractor):
    facts = accepted(extractor, "Bone metastases\n\nLytic lesions are often seen in the lung and liver.\n")
    assert not any(p == "causes" for _s, p, _o in facts)


# --- spread, routes and timing ----------------------------------------------------------------------

def test_a_tumour_a_relative_clause_hangs_on_metastasizes_into_the_named_compartment(extractor):
    facts = accepted(extractor, "Spread\n\nWe describe a melanoma which metastasized to the epidural spinal cord.\n")
    assert ("Melanoma", "metastasizesTo", "EpiduralSpace") in facts
    assert ("Melanoma", "metastasizesTo", "SpinalCord") not in facts


def test_a_rate_of_spread_to_a_site_is_no_claim_that_something_spreads_there(extractor):
    facts = accepted(extractor, "Spread\n\nThe rate of spread to the leptomeninges is highest for melanoma.\n")
    assert not any(p == "metastasizesTo" for _s, p, _o in facts)


def test_the_years_after_which_a_tumour_metastasized_are_its_time_to_metastasis(extractor):
    facts = accepted(extractor, "Spread\n\nMelanoma metastasized to the spine four years after excision of the primary.\n")
    assert {("Melanoma", "hasTimeToMetastasis", 4), ("Melanoma", "metastasizesTo", "VertebralColumn")} <= facts


def test_the_time_for_a_tumour_to_metastasize_says_nothing_of_where_it_went(extractor):
    text = "Spread\n\nMelanoma is an aggressive tumour. The median time for the tumour to metastasize to bone was three years.\n"
    assert not any(p == "metastasizesTo" for _s, p, _o in accepted(extractor, text))


def test_the_route_of_a_named_tumour_is_how_it_spreads(extractor):
    facts = accepted(extractor, "Spread\n\nHaematogenous spread of breast carcinoma is common.\n")
    assert ("BreastCarcinoma", "spreadsVia", "HematogenousSpread") in facts


def test_a_route_after_presenting_with_or_occurring_by_is_no_spread_of_the_lesion(extractor):
    presenting = accepted(extractor, "Spread\n\nA myeloma presenting with cord compression by direct extension was treated.\n")
    occurring = accepted(extractor, "Spread\n\nMetastases that occur by hematogenous spread rarely form a soft tissue mass.\n")
    assert not any(p == "spreadsVia" for _s, p, _o in presenting | occurring)


def test_metastases_of_a_primary_named_in_passing_wait_for_review(extractor):
    passing = accepted(extractor, "Enhancement\n\nLesions such as metastases of renal cell carcinoma enhance avidly.\n")
    stated = accepted(extractor, "Enhancement\n\nMetastases from renal cell carcinoma enhance avidly.\n")
    assert ("Metastasis", "hasPrimaryTumour", "RenalCellCarcinoma") not in passing
    assert ("Metastasis", "hasPrimaryTumour", "RenalCellCarcinoma") in stated


# --- rates, counts, ages and associations ------------------------------------------------------------

def test_organs_after_cancers_of_each_carry_their_bracketed_metastasis_rate(extractor):
    text = "Bone metastases\n\nTumours with a high rate of metastasis to bone include cancers of the prostate (80%), breast (70%) and kidney (35%).\n"
    rates = {(s["subject"], s["value"], s["qualifiers"].get("target")) for s in extract_text(extractor, text).accepted
             if s["predicate"] == "hasMetastasisRate"}
    assert rates == {("ProstateCarcinoma", 80, "Bone"), ("BreastCarcinoma", 70, "Bone"), ("RenalCellCarcinoma", 35, "Bone")}


def test_organs_with_bracketed_shares_where_lesions_lie_are_no_primaries(extractor):
    facts = accepted(extractor, "Bone metastases\n\nMetastases were found in the lung (31%) and liver (20%).\n")
    assert not any(s == "LungCarcinoma" for s, _p, _o in facts)


def test_rates_listed_after_a_rate_cue_each_keep_the_subject_and_their_population(extractor):
    text = ("Meninges\n\nLeptomeningeal carcinomatosis has an incidence of 5% in patients with breast carcinoma, "
            "10% in patients with melanoma and 2% in patients with lymphoma.\n")
    rates = {(s["value"], s["qualifiers"].get("population")) for s in extract_text(extractor, text).accepted
             if s["subject"] == "LeptomeningealCarcinomatosis" and s["predicate"] == "hasIncidence"}
    assert rates == {(5, "patients with breast carcinoma"), (10, "patients with melanoma"), (2, "patients with lymphoma")}


def test_a_rate_from_series_of_a_lesion_is_that_lesion_rate(extractor):
    facts = accepted(extractor, "Chordoma\n\nThe local recurrence rate in series of chordomas is 40-60 percent.\n")
    assert ("Chordoma", "hasRecurrenceRate", 40) in facts


def test_a_share_of_cases_in_brackets_after_in_some_cases_is_a_proportion(extractor):
    facts = accepted(extractor, "Hemangioma\n\nVertebral hemangiomas become painful in some cases (about 2%).\n")
    assert ("VertebralHemangioma", "hasProportion", 2) in facts


def test_the_number_of_reported_patients_is_the_lesion_incidence(extractor):
    reported = accepted(extractor, "Hemangioblastoma\n\nSeven patients have been reported to have an intramedullary hemangioblastoma.\n")
    treated = accepted(extractor, "Chordoma\n\nNine patients were treated for chordoma.\n")
    assert ("Hemangioblastoma", "hasIncidence", 7) in reported
    assert not any(p == "hasIncidence" for _s, p, _o in treated)


def test_few_case_reports_of_a_lesion_is_its_incidence_in_words(extractor):
    facts = accepted(extractor, "Cord\n\nThere have been very few reports of intramedullary metastasis in children.\n")
    assert ("IntramedullaryMetastasis", "hasIncidence", "very few reports") in facts


def test_a_median_age_and_sex_ratio_without_a_named_lesion_belong_to_the_topic(extractor):
    text = ("Chordoma\n\nChordoma is a tumour of notochordal remnants. The median patient age was 58 years and there was a "
            "clear male predominance. The male-to-female ratio was 2:1.\n")
    facts = accepted(extractor, text)
    assert {("Chordoma", "hasMedianAge", 58), ("Chordoma", "hasSexRatio", "clear male predominance"), ("Chordoma", "hasSexRatio", "2:1")} <= facts


def test_a_denied_sex_preference_is_no_sex_ratio(extractor):
    facts = accepted(extractor, "Chordoma\n\nChordoma is a tumour of notochordal remnants. There was no male predominance.\n")
    assert not any(p == "hasSexRatio" for _s, p, _o in facts)


def test_settings_a_lesion_has_been_reported_in_are_associated_with_it(extractor):
    reported = accepted(extractor, "Hematoma\n\nSpinal epidural hematoma has been reported in patients on anticoagulation and in pregnancy.\n")
    denied = accepted(extractor, "Hematoma\n\nSpinal epidural hematoma has not been reported in pregnancy.\n")
    assert {("EpiduralHematoma", "associatedWith", "AnticoagulantTherapy"), ("EpiduralHematoma", "associatedWith", "Pregnancy")} <= reported
    assert not any(p == "associatedWith" for _s, p, _o in denied)


def test_rare_qualifying_a_figure_leaves_the_figure_as_the_fact(extractor):
    facts = accepted(extractor, "Cord\n\nIntramedullary metastases are rare, representing only 2% of spinal metastases.\n")
    assert ("IntramedullaryMetastasis", "hasProportion", 2) in facts
    assert ("IntramedullaryMetastasis", "hasPrevalence", "rare") not in facts


def test_a_finding_said_to_be_seen_in_a_share_of_cases_has_that_share(extractor):
    seen = accepted(extractor, "Bone\n\nBone destruction is found in about 70% of cases.\n")
    shown = accepted(extractor, "Bone\n\nMRI shows bone destruction in 70% of cases.\n")
    assert ("BoneDestruction", "hasProportion", 70) in seen
    assert not any(s == "BoneDestruction" and p == "hasProportion" for s, p, _o in shown)


def test_a_lesion_ranked_most_common_of_its_kind_has_that_prevalence(extractor):
    ranked = accepted(extractor, "Cord\n\nEpendymoma is the most common primary cord tumour of adults.\n")
    site = accepted(extractor, "Spine\n\nThe thoracic spine is the most common site of metastases.\n")
    assert ("Ependymoma", "hasPrevalence", "most common primary cord tumour of adults") in ranked
    assert not any(p == "hasPrevalence" for _s, p, _o in site)


def test_common_in_another_lesion_is_no_prevalence_of_its_own(extractor):
    facts = accepted(extractor, "Myeloma\n\nVertebral compression fractures are frequent in multiple myeloma.\n")
    assert ("VertebralCompressionFracture", "hasPrevalence", "frequent") not in facts
