"""The bundled evidence covers what the aid promises, and every sentence is tied to its row."""

import pytest

from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.wording import count_out_of_100, describe_outcome, mid_sentence, round_half_up

REQUIRED_OPTIONS = {
    "no_treatment",
    "exercise",
    "physiotherapy",
    "spinal_manipulation",
    "acupuncture",
    "psychological_therapy",
    "paracetamol_otc",
    "nsaids",
    "opioids",
    "muscle_relaxants",
    "antidepressants",
    "gabapentinoids",
    "oral_steroids",
    "epidural_steroid_injection",
    "nerve_block_rfa",
    "biologics",
    "antibiotics_modic",
    "discectomy",
    "spinal_fusion",
}
REQUIRED_CONDITIONS = {"chronic_low_back_pain", "sciatica", "axial_spa"}

EVIDENCE = load_evidence()
TEXT = load_content()


def test_all_options_and_conditions_are_present():
    assert set(EVIDENCE.options) >= REQUIRED_OPTIONS
    assert set(EVIDENCE.conditions) == REQUIRED_CONDITIONS


@pytest.mark.parametrize("condition_id", sorted(REQUIRED_CONDITIONS))
def test_each_condition_has_the_reference_and_real_choices(condition_id):
    options = [option.id for option in EVIDENCE.options_for(condition_id)]
    assert options[0] == "no_treatment"
    assert len(options) >= 4


@pytest.mark.parametrize("pair", EVIDENCE.option_conditions, ids=lambda p: f"{p.option_id}-{p.condition_id}")
def test_every_pair_has_a_benefit_a_harm_and_its_sources(pair):
    for kind in ("benefit", "harm"):
        assert EVIDENCE.outcomes_for(pair.option_id, pair.condition_id, kind)
        headline = EVIDENCE.headline(pair.option_id, pair.condition_id, kind)
        assert headline.source_id in EVIDENCE.sources
    assert EVIDENCE.sources_for(pair.option_id, pair.condition_id)


@pytest.mark.parametrize("outcome", EVIDENCE.outcomes, ids=lambda o: o.id)
def test_every_sentence_shows_the_figures_of_its_row(outcome):
    statement = describe_outcome(outcome, EVIDENCE, TEXT)
    if outcome.measure == "events":
        assert count_out_of_100(outcome.option_per_100, TEXT) in statement.sentence
        if outcome.has_comparator:
            assert count_out_of_100(outcome.comparator_per_100, TEXT) in statement.sentence
            assert mid_sentence(EVIDENCE.comparators[outcome.comparator_id].name) in statement.sentence
        assert outcome.timeframe in statement.sentence
    elif outcome.measure == "mean_difference":
        # A mean difference is never dressed up as a count of people.
        assert "out of 100" not in statement.sentence
        if outcome.md_value:
            assert f"{round(abs(outcome.md_value), 1):g} points" in statement.sentence
        else:
            assert "the same" in statement.sentence
        assert EVIDENCE.scales[outcome.md_scale].name in statement.sentence
    elif outcome.measure == "extra_events":
        # Only the gap is known: never shown as if each group's count were.
        assert mid_sentence(EVIDENCE.comparators[outcome.comparator_id].name) in statement.sentence
        assert outcome.timeframe in statement.sentence
        if outcome.option_per_100 < 1:  # a rare harm is also given out of 1,000, never as 0
            assert f"about {outcome.option_per_100 * 10:g} more in every 1,000" in statement.sentence
    else:
        assert TEXT(f"wording.not_known.{outcome.unknown_reason}") in statement.sentence
    assert statement.note == outcome.plain_note
    assert statement.source.id == outcome.source_id
    assert statement.certainty == TEXT(f"wording.certainty.{outcome.certainty}")


@pytest.mark.parametrize(
    ("per_100", "expected"),
    [
        (0, "0 out of 100"),
        (0.4, "fewer than 1 out of 100"),
        (0.5, "1 out of 100"),
        (2.5, "3 out of 100"),
        (39.9, "40 out of 100"),
        (100, "100 out of 100"),
    ],
)
def test_counts_round_half_up_and_never_hide_rare_events(per_100, expected):
    assert count_out_of_100(per_100, TEXT).startswith(expected)


def test_round_half_up_is_symmetric():
    assert [round_half_up(v) for v in (-2.5, -0.4, 0.5, 1.49)] == [-3, 0, 1, 1]


def test_disagreeing_guidelines_are_explained():
    disputed = [
        p for p in EVIDENCE.option_conditions if EVIDENCE.guidelines_disagree(p.option_id, p.condition_id)
    ]
    assert disputed, "the evidence is expected to hold at least one guideline disagreement"
    assert all(len(p.guideline_note) >= 20 for p in disputed)
