"""One verdict per result: the rules hold on every row of the data, the reviewers' table says the
same, the cases that misled patients before are fixed, and guidelines disagree only when they
point different ways."""

import csv
import io
import re
import subprocess
import sys

import pytest

from backpain_aid import verdicts
from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.evidence.models import NO_COMPARATOR_ID, STANCE_DIRECTION
from backpain_aid.paths import PROJECT_ROOT

EVIDENCE = load_evidence()
TEXT = load_content()
VERDICTS = {outcome.id: verdicts.judge(outcome, EVIDENCE) for outcome in EVIDENCE.outcomes}
RULES = EVIDENCE.verdict_rules


def by_id(outcome_id: str) -> verdicts.Verdict:
    return VERDICTS[outcome_id]


# --- The rules, over every row ------------------------------------------------------------------


@pytest.mark.parametrize("outcome", EVIDENCE.outcomes, ids=lambda outcome: outcome.id)
def test_the_rules_hold_on_every_row(outcome):
    verdict = VERDICTS[outcome.id]
    assert (verdict.id == "not_known") == (outcome.measure == "no_good_evidence")
    assert (verdict.id == "baseline") == (
        outcome.measure != "no_good_evidence" and outcome.comparator_id == NO_COMPARATOR_ID
    )
    if not verdict.measured:
        assert verdict.effect is None
        return
    effect = verdict.effect
    if verdict.id.startswith("clear_"):
        assert effect.interval_excludes_no_effect is True
        assert outcome.certainty in {"moderate", "high"}
        assert abs(effect.gain) >= effect.smallest_change
    if outcome.certainty in {"low", "very_low"} or not effect.interval_excludes_no_effect:
        assert not verdict.id.startswith("clear_")
    if effect.interval_excludes_no_effect is False or outcome.source_test == "not_significant":
        assert verdict.id == "no_clear_difference"
    if verdict.id.endswith("_benefit"):
        assert effect.gain > 0
    if verdict.id.endswith("_harm"):
        assert effect.gain < 0
    if verdict.id.startswith("probable_") and not effect.has_interval:
        assert abs(effect.gain) >= effect.smallest_change


@pytest.mark.parametrize("outcome", EVIDENCE.outcomes, ids=lambda outcome: outcome.id)
def test_the_threshold_is_the_rows_own_else_its_scales_else_the_rules(outcome):
    effect = VERDICTS[outcome.id].effect
    if effect is None:
        return
    if outcome.smallest_change is not None:
        expected = outcome.smallest_change
    elif outcome.measure == "mean_difference":
        expected = EVIDENCE.scales[outcome.md_scale].smallest_change
    else:
        kind = EVIDENCE.outcome_types[outcome.outcome_type_id].kind
        expected = getattr(RULES.events_smallest_change, kind)
    assert effect.smallest_change == expected


def test_each_scale_keeps_its_own_smallest_change_with_a_source():
    thresholds = {scale.id: scale.smallest_change for scale in EVIDENCE.scales.values()}
    # Not one flat figure: on a 0-10 scale the same change is a tenth of that on a 0-100 one.
    assert thresholds["pain_0_10"] * 10 == thresholds["pain_0_100"]
    assert len(set(thresholds.values())) > 1
    for scale in EVIDENCE.scales.values():
        assert scale.smallest_change_source_id in EVIDENCE.sources


def test_every_verdict_has_its_words_and_a_plain_reason():
    for verdict_id in verdicts.VERDICT_IDS:
        assert TEXT(f"verdicts.label.{verdict_id}")
    for verdict in VERDICTS.values():
        reason = verdicts.reason(verdict, TEXT)
        assert reason.endswith(".") and "{" not in reason


# --- The reviewers' table ---------------------------------------------------------------------


def test_the_verdict_table_has_one_row_per_outcome_with_the_same_verdicts():
    result = subprocess.run(
        [sys.executable, "-m", "backpain_aid.verdicts"],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
    )
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert tuple(reader.fieldnames) == verdicts.CSV_COLUMNS
    rows = list(reader)
    assert [row["outcome_id"] for row in rows] == [outcome.id for outcome in EVIDENCE.outcomes]
    for row in rows:
        verdict = VERDICTS[row["outcome_id"]]
        assert row["verdict"] == verdict.id
        assert row["certainty"] == verdict.outcome.certainty
        assert (row["option_id"], row["condition_id"]) == (
            verdict.outcome.option_id,
            verdict.outcome.condition_id,
        )
        assert row["reason"] == verdicts.reason(verdict, TEXT)


# --- The cases that misled ------------------------------------------------------------------------


def test_spinal_fusion_is_never_a_clear_benefit():
    for outcome in EVIDENCE.outcomes_for("spinal_fusion", "chronic_low_back_pain", "benefit"):
        assert not VERDICTS[outcome.id].id.startswith("clear_")


def test_steroid_tablets_for_axial_spa_are_no_clear_difference():
    for outcome in EVIDENCE.outcomes_for("oral_steroids", "axial_spa", "benefit"):
        assert VERDICTS[outcome.id].id in {"no_clear_difference", "not_known"}
    assert "not_significant" in by_id("steroids_axspa_basdai50_50mg").reasons


def test_biologics_asas40_is_clear_from_its_stated_risk_ratio():
    verdict = by_id("bio_axspa_asas40_adalimumab")
    assert verdict.outcome.option_per_100_low is None and verdict.outcome.ratio_low > 1
    assert verdict.id == "clear_benefit"


def test_snri_for_sciatica_crosses_no_effect_and_is_not_clear():
    verdict = by_id("antidep_sci_pain_score_snri")
    assert verdict.id == "no_clear_difference" and verdict.reasons == ("crosses",)


def test_opioids_are_held_to_their_reviews_own_20_points():
    verdict = by_id("opioids_clbp_pain_score")
    assert verdict.effect.smallest_change == 20
    assert verdict.id == "probable_benefit" and "too_small" in verdict.reasons
    assert "20 points" in verdicts.reason(verdict, TEXT)


def test_a_count_with_no_interval_is_at_most_probable():
    verdict = by_id("gaba_sci_dizzy")  # 40 vs 13 in 100, one trial, no interval in the source
    assert verdict.id == "probable_harm" and verdict.reasons == ("no_interval",)


def test_exercise_meets_the_cochrane_reviews_own_15_points():
    verdict = by_id("ex_clbp_pain")
    assert verdict.effect.smallest_change == 15 and verdict.id == "clear_benefit"


# --- Headlines: the primary result, never a favourable pick ------------------------------------

CLAIMS = re.compile(
    r"\b(helped|helps|works|worked|improved|reduced|relieved|lowered|eased|better)\b", re.IGNORECASE
)
HEDGES = re.compile(
    r"could be (chance|no better)|no better|no clear|uncertain|too small|about the same|not clear|"
    r"may have|the same|due to chance|do not know|little or no difference|could not check|"
    r"less than (the|most|a dummy)",
    re.IGNORECASE,
)


def test_no_headline_says_it_helped_when_its_verdict_does_not():
    misleading = []
    for pair in EVIDENCE.option_conditions:
        verdict = VERDICTS[EVIDENCE.headline(pair.option_id, pair.condition_id, "benefit").id]
        note = verdict.outcome.plain_note
        if (
            verdict.id in {"no_clear_difference", "not_known"}
            and CLAIMS.search(note)
            and not HEDGES.search(note)
        ):
            misleading.append(f"{verdict.outcome.id}: {note}")
    assert not misleading, "\n".join(misleading)


def test_no_headline_is_a_more_favourable_pick_among_results_of_its_kind():
    """A headline is not chosen because it looks good: no other result of the same outcome, at
    the same or higher certainty, says less for the option."""
    order = ("high", "moderate", "low", "very_low")
    picked = []
    for pair in EVIDENCE.option_conditions:
        headline = VERDICTS[EVIDENCE.headline(pair.option_id, pair.condition_id, "benefit").id]
        if not headline.measured:
            continue
        for outcome in EVIDENCE.outcomes_for(pair.option_id, pair.condition_id, "benefit"):
            other = VERDICTS[outcome.id]
            if (
                outcome.outcome_type_id == headline.outcome.outcome_type_id
                and other.measured
                and order.index(outcome.certainty) <= order.index(headline.outcome.certainty)
                and other.favourability > headline.favourability
            ):
                picked.append(f"{headline.outcome.id} over {outcome.id}")
    assert not picked, picked


# --- Guidelines disagree only in direction ---------------------------------------------------


@pytest.mark.parametrize("pair", EVIDENCE.option_conditions, ids=lambda p: f"{p.option_id}-{p.condition_id}")
def test_disagreement_means_different_directions_not_strengths(pair):
    stances = EVIDENCE.stances_for(pair.option_id, pair.condition_id)
    directions = {STANCE_DIRECTION[s.stance] for s in stances} - {None}
    assert EVIDENCE.guidelines_disagree(pair.option_id, pair.condition_id) == (len(directions) > 1)


@pytest.mark.parametrize("option_id", ["exercise", "psychological_therapy"])
def test_exercise_and_cbt_are_supported_by_every_guideline_so_no_disagreement(option_id):
    stances = EVIDENCE.stances_for(option_id, "chronic_low_back_pain")
    assert {STANCE_DIRECTION[s.stance] for s in stances} == {"for"}
    assert not EVIDENCE.guidelines_disagree(option_id, "chronic_low_back_pain")


def test_a_harm_given_only_as_extra_people_is_measured_not_unknown(evidence):
    """CNT 2013 gives only the excess (3 more in 1,000 a year with a coxib or diclofenac) and a rate
    ratio whose interval leaves out 1: a measured harm, too small for our 1-in-100 rule to call clear."""
    outcome = next(o for o in evidence.outcomes if o.id == "nsaids_clbp_heart_stomach_long_use")
    assert (outcome.measure, outcome.option_per_100, outcome.ratio_low, outcome.ratio_high) == (
        "extra_events",
        0.3,
        1.14,
        1.66,
    )
    verdict = verdicts.judge(outcome, evidence)
    assert verdict.id == "probable_harm"
    assert verdict.reasons == ("too_small_harm",)  # worded so that the risk is not played down
    assert verdict.effect.gain == pytest.approx(-0.3)


def test_a_small_harm_is_called_real_and_the_line_our_own_choice(evidence, text):
    """A harm under the 1-in-100 line must not read as a change that "does not matter"."""
    outcome = next(o for o in evidence.outcomes if o.id == "nsaids_clbp_heart_stomach_long_use")
    said = verdicts.reason(verdicts.judge(outcome, evidence), text)
    assert "smallest change that matters" not in said
    assert "our own" in said or "ourselves" in said
    assert "real" in said


def test_a_harm_only_the_treatment_can_cause_leaves_out_no_effect_once_seen(evidence):
    """Repeat surgery after fusion (23 in 100, nobody without the operation can have it): the
    count rules out "nobody harmed", so only its low certainty keeps it from being clear."""
    verdict = by_id("fusion_clbp_further_surgery_4y")
    assert verdict.effect.interval_excludes_no_effect is True
    assert (verdict.id, verdict.reasons) == ("probable_harm", ("weak_certainty",))


@pytest.mark.parametrize(
    "outcome", [o for o in EVIDENCE.outcomes if o.measure == "no_good_evidence"], ids=lambda o: o.id
)
def test_not_known_says_why_in_the_rows_own_terms(outcome, text):
    """No "no good evidence either way" where studies found something whose figures were not
    checked, where only the treated group was counted, or where a regulator's warning has no figure."""
    verdict = verdicts.judge(outcome, EVIDENCE)
    assert verdict.id == "not_known"
    assert verdict.reasons == (outcome.unknown_reason,)
    assert verdicts.reason(verdict, text) == text(f"verdicts.reason.{outcome.unknown_reason}")


@pytest.mark.parametrize(
    ("outcome_id", "why"),
    [
        ("exercise_axspa_function", "figures_not_checked"),  # a Cochrane review: probably helps
        ("fusion_clbp_complications", "one_group_only"),
        ("esi_sciatica_fda_neuro_warning", "warning_only"),
        ("physio_sciatica_benefit", "no_evidence"),
    ],
)
def test_each_kind_of_not_known_is_told_apart(outcome_id, why):
    assert by_id(outcome_id).reasons == (why,)


def test_the_rules_text_gives_the_count_lines_from_the_rules(evidence, text):
    rules = evidence.verdict_rules
    said = verdicts.rules_text(evidence, text)
    for n in (rules.events_smallest_change.benefit, rules.events_smallest_change.harm):
        assert f"{n:g} in 100" in said
    for level in rules.clear_needs_certainty:
        assert text(f"wording.certainty_short.{level}").lower() in said
