"""Options shipped from the 2026.12 staging (heat, TENS, anti-inflammatory gels): each row is tied
to the source it was read in, says what the comparison was, and where no good evidence exists the
data says so instead of showing a figure (docs/evidence-review-2026-12.md, "Options shipped from
staging")."""

import pytest

from backpain_aid import verdicts
from tests_support.evidence_reads import assert_outcome_read, assert_stance_read

CLBP = "chronic_low_back_pain"
NEW_OPTIONS = ("heat", "tens", "topical_nsaids")

#: (option, guideline) -> (stance, strength, the source's link): read in the guideline or, for
#: NICE on TENS, in the BMJ summary of the NICE guideline by its developers.
STANCES = {
    ("heat", "nice_ng59"): ("not_covered", "", "https://www.nice.org.uk/guidance/ng59"),
    ("heat", "acp_2017"): ("no_recommendation", "", "https://doi.org/10.7326/M16-2367"),
    ("heat", "who_2023"): ("not_covered", "", "https://www.who.int/publications/i/item/9789240081789"),
    ("tens", "nice_ng59"): ("do_not_offer", "", "https://doi.org/10.1136/bmj.i6748"),
    ("tens", "acp_2017"): ("no_recommendation", "", "https://doi.org/10.7326/M16-2367"),
    ("tens", "who_2023"): (
        "do_not_offer",
        "conditional",
        "https://www.who.int/publications/i/item/9789240081789",
    ),
    ("topical_nsaids", "nice_ng59"): ("not_covered", "", "https://www.nice.org.uk/guidance/ng59"),
    ("topical_nsaids", "acp_2017"): ("not_covered", "", "https://doi.org/10.7326/M16-2367"),
    ("topical_nsaids", "who_2023"): (
        "not_covered",
        "",
        "https://www.who.int/publications/i/item/9789240081789",
    ),
}

#: outcome id -> (source link, words of the sentence read, kept in the extraction note).
OUTCOME_SOURCES = {
    "heat_clbp_pain": (
        "https://doi.org/10.1002/14651858.CD004750.pub2",
        "heat wrap therapy significantly reduced pain after five days",
    ),
    "heat_clbp_1y": ("https://doi.org/10.1002/14651858.CD004750.pub2", "no long-term follow-up"),
    "heat_clbp_harm": ("https://doi.org/10.1002/14651858.CD004750.pub2", "no adverse-event figures"),
    "tens_clbp_pain": (
        "https://doi.org/10.1007/s10926-023-10121-7",
        "marginal reduction in pain compared to sham (9 RCTs) in the immediate term (2 weeks)",
    ),
    "tens_clbp_1y": ("https://doi.org/10.1007/s10926-023-10121-7", "No 12-month result"),
    "tens_clbp_function": (
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC7138213",
        "consistent evidence in two trials (410 patients) that it did not improve back-specific",
    ),
    "tens_clbp_harm": ("https://pmc.ncbi.nlm.nih.gov/articles/PMC7138213", "minor skin irritations"),
    "topnsaid_clbp_benefit": (
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC6494263/",
        "There is no evidence for other chronic painful conditions.",
    ),
    "topnsaid_clbp_harm": (
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC6494263/",
        "Drug levels in the blood with topical NSAIDs are very much lower",
    ),
}


@pytest.mark.parametrize(("option_id", "guideline_id"), sorted(STANCES))
def test_each_stance_is_the_one_read_with_its_source(evidence, option_id, guideline_id):
    assert_stance_read(evidence, option_id, CLBP, guideline_id, STANCES[option_id, guideline_id])


def test_each_new_option_has_a_stance_from_every_guideline_that_covers_long_term_back_pain(evidence):
    for option_id in NEW_OPTIONS:
        assert {s.guideline_id for s in evidence.stances_for(option_id, CLBP)} == {
            "nice_ng59",
            "acp_2017",
            "who_2023",
        }


def test_the_tens_note_names_who_says_what(evidence):
    note = evidence.pairing("tens", CLBP).guideline_note
    for words in ("NICE (UK)", "WHO", "conditional, not strong", "ACP (US)"):
        assert words in note


@pytest.mark.parametrize("outcome_id", sorted(OUTCOME_SOURCES))
def test_each_outcome_names_its_source_and_the_sentence_read(evidence, outcome_id):
    assert_outcome_read(evidence, outcome_id, *OUTCOME_SOURCES[outcome_id])


def test_the_new_options_only_apply_to_long_term_back_pain(evidence):
    for option_id in NEW_OPTIONS:
        assert {o.condition_id for o in evidence.outcomes if o.option_id == option_id} == {CLBP}


@pytest.mark.parametrize("option_id", NEW_OPTIONS)
def test_no_figure_is_shown_and_no_good_evidence_is_never_scored(evidence, option_id):
    """None of these has a figure we could show for long-term back pain: each result says "not
    known" and its plain note says in words what exists, with no score or count out of 100."""
    for outcome in evidence.outcomes_for(option_id, CLBP):
        assert outcome.measure == "no_good_evidence"
        assert verdicts.judge(outcome, evidence).id == "not_known"
        assert "point" not in outcome.plain_note and " in 100" not in outcome.plain_note


def test_heat_says_its_studies_were_in_short_lived_pain(evidence):
    headline = evidence.headline("heat", CLBP, "benefit")
    assert "less than 3 months" in headline.population
    assert "more than 3 months" in headline.plain_note


def test_tens_pain_says_a_figure_exists_and_why_it_is_not_shown(evidence):
    headline = evidence.headline("tens", CLBP, "benefit")
    assert headline.comparator_id == "sham"
    assert "could not check which pain scale" in headline.plain_note
    assert "too small to matter" in headline.plain_note
