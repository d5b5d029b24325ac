"""Spinal cord stimulation, shipped from the 2026.12 staging in evidence 2026.12.3 with only what was
read on primary pages (docs/evidence-review-2026-12.md, "Evidence 2026.12.3"): each row tied to its
source and the sentence read, the stances as read, the placebo-controlled result as the headline and
the unblinded trial's result never in its place, and nothing from copies of the FDA letter or of a
complications review whose primary pages were not read."""

import pytest

from backpain_aid import verdicts
from tests_support.evidence_reads import assert_outcome_read, assert_stance_read

SCS = "spinal_cord_stimulation"
CLBP, SCIATICA = "chronic_low_back_pain", "sciatica"
TRAEGER = "https://doi.org/10.1002/14651858.CD014789.pub2"
PROCESS = "https://doi.org/10.1016/j.pain.2007.07.028"

#: (condition, guideline) -> (stance, strength, the source's link)
STANCES = {
    (CLBP, "nice_ng59"): ("not_covered", "", "https://www.nice.org.uk/guidance/ng59"),
    (CLBP, "acp_2017"): ("not_covered", "", "https://doi.org/10.7326/M16-2367"),
    (CLBP, "who_2023"): ("not_covered", "", "https://www.who.int/publications/i/item/9789240081789"),
    (SCIATICA, "nice_ng59"): ("not_covered", "", "https://www.nice.org.uk/guidance/ng59"),
    (SCIATICA, "acp_2017"): ("not_covered", "", "https://doi.org/10.7326/M16-2367"),
    (SCIATICA, "nice_ta159"): (
        "recommends",
        "not_stated",
        "https://www.nice.org.uk/guidance/TA159/chapter/1-recommendations",
    ),
}

#: outcome id -> (source link, words of the sentence read, kept in the extraction note)
OUTCOME_SOURCES = {
    "scs_clbp_pain_6m": (TRAEGER, "their pain was 4 points better (8.2 points better to 0.2 points worse)"),
    "scs_clbp_1y": (TRAEGER, "followed up for longer than 6 months"),
    "scs_clbp_lead_migration": (
        "https://pubmed.ncbi.nlm.nih.gov/37204361/",
        "pooled incidence of overall lead migration was 9.97%",
    ),
    "scs_sciatica_placebo": (
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC9579901",
        "mean change, -10.6 points vs -9.3 points",
    ),
    "scs_sciatica_leg_pain_6m": (PROCESS, "24 SCS patients (48%) and 4 CMM patients (9%)"),
    "scs_sciatica_12m": (PROCESS, "32 CMM patients crossed to SCS"),
    "scs_sciatica_device_complications": (PROCESS, "27 SCS patients (32%) had experienced device-related"),
}


@pytest.mark.parametrize(("condition_id", "guideline_id"), sorted(STANCES))
def test_each_stance_is_the_one_read_with_its_source(evidence, condition_id, guideline_id):
    assert_stance_read(evidence, SCS, condition_id, guideline_id, STANCES[condition_id, guideline_id])


@pytest.mark.parametrize("outcome_id", sorted(OUTCOME_SOURCES))
def test_each_outcome_names_its_source_and_the_sentence_read(evidence, outcome_id):
    assert_outcome_read(evidence, outcome_id, *OUTCOME_SOURCES[outcome_id])


def test_every_row_is_one_that_was_read(evidence):
    assert {o.id for o in evidence.outcomes if o.option_id == SCS} == set(OUTCOME_SOURCES)
    assert not {"blackburn_2021_scs_complications", "fda_scs_2020"} & set(evidence.sources)


def test_the_long_term_back_pain_headline_is_the_placebo_comparison_with_no_clear_difference(evidence):
    headline = evidence.headline(SCS, CLBP, "benefit")
    assert headline.id == "scs_clbp_pain_6m" and headline.comparator_id == "sham"
    assert (headline.md_value, headline.md_low, headline.md_high) == (-4, -8.2, 0.2)
    verdict = verdicts.judge(headline, evidence)
    assert verdict.id == "no_clear_difference" and headline.certainty == "moderate"


def test_the_unblinded_trials_benefit_is_never_the_sciatica_headline_and_says_why(evidence):
    headline = evidence.headline(SCS, SCIATICA, "benefit")
    assert headline.id == "scs_sciatica_placebo" and headline.comparator_id == "sham"
    process = next(o for o in evidence.outcomes if o.id == "scs_sciatica_leg_pain_6m")
    assert not process.headline
    assert "knew which group" in process.plain_note
    assert "paid" not in process.plain_note  # its funding was seen only in passing, with no source row


def test_the_usual_care_group_is_described_only_as_far_as_it_was_read(evidence):
    """PROCESS says "conventional medical management" and no more: nothing about whose care it was."""
    described = evidence.comparators["medical_management"].description
    process = next(o for o in evidence.outcomes if o.id == "scs_sciatica_leg_pain_6m")
    assert "own doctor" not in described and "own doctor" not in process.comparator_detail
    assert "conventional medical management" in process.comparator_detail


def test_the_wires_moving_says_what_it_led_to_and_that_follow_up_varied(evidence):
    migration = next(o for o in evidence.outcomes if o.id == "scs_clbp_lead_migration")
    assert "another operation" in migration.plain_note and "same time" in migration.plain_note
    assert "96% of the reported lead migrations required a revision" in migration.extraction_note
    assert "many kinds" in migration.population


def test_no_comparison_after_the_crossover_is_scored(evidence):
    for outcome_id in ("scs_clbp_1y", "scs_sciatica_12m"):
        outcome = next(o for o in evidence.outcomes if o.id == outcome_id)
        assert outcome.measure == "no_good_evidence"
        assert verdicts.judge(outcome, evidence).id == "not_known"
