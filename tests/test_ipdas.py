"""Decision-aid standards (IPDAS v4, see docs/ipdas.md): the parts code can check on the evidence
and on the pages. Each test names the criteria it covers."""

import re

import pytest

from backpain_aid.evidence.models import NO_COMPARATOR_ID, NOT_APPLICABLE_COMPARATOR_ID, REFERENCE_OPTION_ID
from backpain_aid.explore import explore_view
from backpain_aid.wording import DENOMINATOR, describe_outcome
from tests_support.apptest import page_text, run_page
from ui import state
from ui.pages import ABOUT, COMPARE, EXPLORE

GRADE = {"high", "moderate", "low", "very_low"}
CONDITIONS = ["chronic_low_back_pain", "sciatica", "axial_spa"]
WITHOUT_COMPARATOR = {NO_COMPARATOR_ID, NOT_APPLICABLE_COMPARATOR_ID}


def pairs(evidence):
    return [(pair.option_id, pair.condition_id) for pair in evidence.option_conditions]


def test_event_rates_are_out_of_100_with_time_frame_and_comparator(evidence, text):
    """Probabilities: event rates, one denominator, a time period and a comparison (quality 3.2.x)."""
    events = [o for o in evidence.outcomes if o.measure == "events"]
    assert events
    for outcome in events:
        where = f"outcomes.csv {outcome.id}"
        assert DENOMINATOR == 100
        assert 0 <= outcome.option_per_100 <= DENOMINATOR, where
        assert outcome.timeframe and outcome.timeframe_weeks, f"{where}: no time frame"
        assert outcome.comparator_id in evidence.comparators, where
        if outcome.comparator_id in WITHOUT_COMPARATOR:
            assert outcome.comparator_per_100 is None, where
            # "No comparison" is only for the natural course, i.e. the no-treatment option itself.
            if outcome.comparator_id == NO_COMPARATOR_ID:
                assert outcome.option_id == REFERENCE_OPTION_ID, where
        else:
            assert 0 <= outcome.comparator_per_100 <= DENOMINATOR, where
        sentence = describe_outcome(outcome, evidence, text).sentence
        assert "out of 100" in sentence or text("wording.count_under_one") in sentence, where
        assert outcome.timeframe in sentence, where


def test_every_outcome_names_its_source_population_and_certainty(evidence, text):
    """Evidence: citations (certification 2.2.1) and the quality of the evidence (quality 3.6.x)."""
    for outcome in evidence.outcomes:
        where = f"outcomes.csv {outcome.id}"
        assert outcome.source_id in evidence.sources, where
        assert evidence.sources[outcome.source_id].doi_or_url.startswith(("http://", "https://")), where
        assert outcome.certainty in GRADE, where
        assert text(f"wording.certainty.{outcome.certainty}"), where
        assert len(outcome.population) >= 5, f"{where}: no population (reference class)"
        assert len(outcome.extraction_note) >= 10, f"{where}: no note on where the figure was read"


def test_every_option_has_a_benefit_and_a_harm_for_each_condition(evidence):
    """Positive and negative features of each option (qualifying 1.1.4, 1.1.5); a 'no good evidence'
    row counts, so gaps are said out loud rather than left out."""
    kinds = {type_id: outcome_type.kind for type_id, outcome_type in evidence.outcome_types.items()}
    for option_id, condition_id in pairs(evidence):
        outcomes = evidence.outcomes_for(option_id, condition_id)
        found = {kinds[o.outcome_type_id] for o in outcomes}
        assert found >= {"benefit", "harm"}, f"{option_id} for {condition_id}: only {sorted(found)}"
        for kind in ("benefit", "harm"):
            assert evidence.headline(option_id, condition_id, kind), f"{option_id}/{condition_id}: {kind}"


def test_natural_course_is_described_for_every_condition(evidence):
    """What happens with no treatment (quality 3.1.1): the reference option is there for each condition."""
    for condition_id in evidence.conditions:
        options = evidence.options_for(condition_id)
        assert options[0].id == REFERENCE_OPTION_ID, condition_id
        assert evidence.outcomes_for(REFERENCE_OPTION_ID, condition_id), condition_id


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_benefit_and_harm_are_shown_with_equal_detail(evidence, text, condition_id):
    """Equal detail (certification 2.1.1): each card shows one headline benefit and one headline harm,
    each with its figures, certainty and source, in the same layout."""
    for card in explore_view(evidence, text, condition_id).cards:
        benefit, harm = card.benefit, card.harm
        assert evidence.outcome_types[benefit.outcome.outcome_type_id].kind == "benefit"
        assert evidence.outcome_types[harm.outcome.outcome_type_id].kind == "harm"
        for statement in (benefit, harm):
            assert statement.sentence and statement.certainty and statement.source


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_explore_says_who_was_studied_and_how_sure_for_every_figure(evidence, text, condition_id):
    """Reference class and uncertainty (quality 3.2.x, certification 2.2.4), on the page itself."""
    shown = page_text(run_page(EXPLORE.path, **{state.CONDITION: condition_id}))
    for card in explore_view(evidence, text, condition_id).cards:
        for statement in (card.benefit, card.harm, *card.more_outcomes):
            assert statement.outcome.population in shown, statement.outcome.id
            assert statement.certainty in shown, statement.outcome.id


def test_about_page_shows_date_update_policy_funding_and_conflicts(evidence, text):
    """Publication date, update policy and funding (certification 2.2.2, 2.2.3, 2.3.1) and conflicts
    of interest, as the About page shows them."""
    shown = page_text(run_page(ABOUT.path))
    meta = evidence.meta
    for fact in (
        meta.version,
        meta.last_reviewed.isoformat(),
        meta.next_review.isoformat(),
        meta.update_policy,
        meta.funding_statement,
        meta.conflicts_statement,
    ):
        assert fact in shown
    for source in evidence.sources.values():
        assert source.title in shown


@pytest.mark.parametrize("spec", [EXPLORE, COMPARE], ids=["explore", "compare"])
def test_option_pages_show_certainty_and_the_date_of_the_evidence(evidence, text, spec):
    """Uncertainty around the figures (certification 2.2.4) and the evidence date on the option pages."""
    shown = page_text(run_page(spec.path))
    assert evidence.meta.last_reviewed.isoformat() in shown
    assert any(text(f"wording.certainty_short.{level}") in shown for level in GRADE)


# The aid informs and never recommends: no text speaks for the makers in favour of a choice.
RECOMMENDING = re.compile(
    r"\b(we|I) (recommend|advise|suggest)\b|\b(is|are) the best (option|choice|treatment)\b", re.IGNORECASE
)


def test_no_text_recommends_an_option(evidence, text):
    texts = [value for _, value in text.texts()]
    texts += [pair.guideline_note for pair in evidence.option_conditions]
    texts += [outcome.plain_note for outcome in evidence.outcomes]
    texts += [option.description for option in evidence.options.values()]
    found = [value for value in texts if RECOMMENDING.search(value)]
    assert found == []
