"""What matters to you, SURE and the knowledge check: the scoring rules, the questions and their
answers against data/, and the two pages walked through with AppTest."""

import copy
import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from backpain_aid import quiz, sure, verdicts
from backpain_aid.content import Content, load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.values import (
    MAX_WEIGHT,
    RulesError,
    advice_note,
    better_elsewhere_text,
    cell_reason,
    cell_word,
    clean_weights,
    default_weights,
    fit,
    known_lines,
    load_attributes,
    rate,
    rationale,
    standing_text,
    with_weight,
)
from backpain_aid.values_chart import fit_chart, fit_frame
from backpain_aid.verdicts import judge
from backpain_aid.wording import round_half_up
from tests_support.apptest import assert_no_exception, page_text, run_page
from tests_support.browser import full_page_screenshot, open_page, wait_until_idle
from ui import state
from ui.pages import DECIDE, VALUES
from ui.views.values import fit_table

EVIDENCE = load_evidence()
TEXT = load_content()
SPANISH = load_content(lang="es")
ATTRIBUTES = load_attributes(TEXT, EVIDENCE)
IDS = [attribute.id for attribute in ATTRIBUTES]
CLBP = "chronic_low_back_pain"
ALL_PAIRS = [
    (condition_id, pair)
    for condition_id in EVIDENCE.conditions
    for pair in itertools.combinations([o.id for o in EVIDENCE.options_for(condition_id)], 2)
]


def weights(**chosen: int) -> dict[str, int]:
    """Every attribute at 0 except those named."""
    return {attribute_id: chosen.get(attribute_id, 0) for attribute_id in IDS}


# --- The attributes and their rules ---------------------------------------------------------


def test_six_to_eight_attributes_each_explained_with_a_rationale_filled_from_its_rule():
    assert 6 <= len(ATTRIBUTES) <= 8
    for attribute in ATTRIBUTES:
        assert attribute.explain.endswith(".")
        assert "{" not in rationale(attribute)
    lasting = ATTRIBUTES[IDS.index("lasting_relief")]
    assert f"{lasting.scoring.min_weeks:g} weeks" in rationale(lasting)


def broken(change) -> Content:
    tree = copy.deepcopy(dict(TEXT.tree))
    change(tree["values"]["attributes"])
    return Content(tree)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda a: a[0]["scoring"]["outcome_types"].append("no_such_outcome"),
            "attributes[0] (feel_better), field 'scoring.outcome_types': 'no_such_outcome' is not an id",
        ),
        (
            lambda a: a[2]["scoring"]["outcome_types"].append("pain_better"),
            "field 'scoring.outcome_types': 'pain_better' is not a harm",
        ),
        (lambda a: a[3]["scoring"]["scores"].pop("tablets"), "no rating for ladder step 'tablets'"),
        (lambda a: a[4]["scoring"].update(in_group_score=0.3), "a rating must be 0, 0.5 or 1"),
        (lambda a: a[4]["scoring"].update(kind="guess"), "field 'scoring'"),
        (
            lambda a: a[4]["scoring"]["option_ids"].append("magic_pill"),
            "'magic_pill' is not an id in options.csv",
        ),
        (lambda a: a[1].pop("rationale"), "attributes[1] (lasting_relief), field 'rationale'"),
        (lambda a: a.append(copy.deepcopy(a[0])), "'feel_better' is used twice"),
    ],
)
def test_broken_rules_name_the_file_entry_and_field(change, expected):
    with pytest.raises(RulesError) as error:
        load_attributes(broken(change), EVIDENCE)
    assert "content/values.yaml" in str(error.value)
    assert expected in str(error.value)


# --- Ratings come from the verdicts ----------------------------------------------------------


@pytest.mark.parametrize(("condition_id", "option_ids"), ALL_PAIRS[::7])
def test_every_rating_rests_on_a_verdict_of_that_option_or_on_the_ladder(condition_id, option_ids):
    result = fit(EVIDENCE, ATTRIBUTES, option_ids, condition_id, weights())
    for option_fit in result.options:
        for cell in option_fit.cells:
            basis = cell.rated.basis
            if basis is not None:
                assert (basis.option_id, basis.condition_id) == (option_fit.option_id, condition_id)
                assert cell.rated.verdict == judge(basis, EVIDENCE) and cell.rated.verdict.measured
                # The fit view says the same word as every other page for that result.
                assert cell_word(cell, TEXT) == verdicts.label(cell.rated.verdict, TEXT)
            assert cell_reason(cell, EVIDENCE, TEXT)


@pytest.mark.parametrize("attribute_id", ["feel_better", "lasting_relief", "few_side_effects"])
def test_evidence_ratings_follow_the_verdict_rules(attribute_id):
    """A benefit rests on the headline result when it is measured and relevant, else on the
    longest follow-up (the less favourable of a tie); harms on the worst harm measured."""
    attribute = ATTRIBUTES[IDS.index(attribute_id)]
    rule = attribute.scoring
    for condition_id in EVIDENCE.conditions:
        for option in EVIDENCE.options_for(condition_id):
            rated = rate(attribute, EVIDENCE, option.id, condition_id)
            if rated.reason in {"baseline", "no_evidence"}:
                assert rated.verdict is None
                continue
            relevant = [
                judge(o, EVIDENCE)
                for o in EVIDENCE.outcomes_for(option.id, condition_id, rule.outcome_kind)
                if o.outcome_type_id in rule.outcome_types and (o.timeframe_weeks or 0) >= rule.min_weeks
            ]
            measured = [v for v in relevant if v.measured]
            assert rated.verdict in measured
            if rule.outcome_kind == "harm":
                assert rated.verdict.favourability == max(v.favourability for v in measured)
            elif any(v.outcome.headline for v in measured):
                assert rated.basis.headline
            else:
                longest = max(v.outcome.timeframe_weeks or 0 for v in measured)
                assert rated.basis.timeframe_weeks == longest
                tied = [v for v in measured if (v.outcome.timeframe_weeks or 0) == longest]
                assert rated.verdict.favourability == max(v.favourability for v in tied)
            assert rated.score == rule.ratings[rated.verdict.id]


def test_not_known_is_never_scored_as_poor():
    option_fit = fit(EVIDENCE, ATTRIBUTES, ["exercise"], CLBP, weights(lasting_relief=3)).options[0]
    cell = option_fit.cell("lasting_relief")
    assert cell.score is None and cell.points == 0 and not cell.known
    assert option_fit.not_known == ("lasting_relief",) and option_fit.measured_weight == 0
    assert cell_word(cell, TEXT) == TEXT("verdicts.label.not_known")
    assert cell_reason(cell, EVIDENCE, TEXT) == TEXT("values.fit.reason.no_evidence")


def test_no_treatment_is_the_starting_point():
    option_fit = fit(EVIDENCE, ATTRIBUTES, ["no_treatment"], CLBP, weights()).options[0]
    assert option_fit.cell("feel_better").rated.reason == "baseline"
    assert cell_word(option_fit.cell("feel_better"), TEXT) == TEXT("verdicts.label.baseline")
    assert option_fit.cell("few_side_effects").score == 1.0


# --- The cases that favoured options the evidence does not support ------------------------------

EQUAL = dict.fromkeys(IDS, 2)


def test_spinal_fusion_never_does_well_on_feeling_better_or_lasting_relief():
    option_fit = fit(EVIDENCE, ATTRIBUTES, ["spinal_fusion"], CLBP, EQUAL).options[0]
    for attribute_id in ("feel_better", "lasting_relief"):
        assert option_fit.cell(attribute_id).score < 1


def test_steroid_tablets_for_axial_spa_do_not_tie_nsaids_or_beat_biologics():
    result = fit(EVIDENCE, ATTRIBUTES, ["oral_steroids", "nsaids", "biologics"], "axial_spa", EQUAL)
    steroids, nsaids, biologics = (result.option(o).cell("feel_better").score for o in result.display_order)
    assert steroids < nsaids and steroids < biologics
    assert result.ranking is None or result.standing("oral_steroids") > result.standing("biologics")


def test_discectomy_says_what_compare_says_and_gabapentinoids_never_beat_it():
    care = weights(feel_better=4, lasting_relief=4, few_side_effects=4)
    result = fit(EVIDENCE, ATTRIBUTES, ["gabapentinoids", "physiotherapy", "discectomy"], "sciatica", care)
    # Discectomy's headline (recovered after 1 year) speaks for it, as on Compare; the faster
    # early relief is on Compare next to it, and not picked out here over the headline.
    discectomy = result.option("discectomy").cell("feel_better").rated
    assert discectomy.basis.headline and discectomy.basis.id == "disc_sciatica_recovered_1y"
    assert result.option("gabapentinoids").cell("feel_better").score == 0.0  # measured, no benefit
    assert result.option("physiotherapy").cell("feel_better").score is None  # not known, not poor
    assert result.ranking is None  # physiotherapy's benefit is not known: no total may mix that in
    assert result.option("gabapentinoids").total <= result.option("discectomy").total


def test_spinal_fusion_rests_on_its_longest_result_not_its_best():
    """Its headline has no figure; the 4-year result (no clear difference) speaks, not the
    2-year one that looked better."""
    option_fit = fit(EVIDENCE, ATTRIBUTES, ["spinal_fusion"], CLBP, EQUAL).options[0]
    for attribute_id in ("feel_better", "lasting_relief"):
        rated = option_fit.cell(attribute_id).rated
        assert rated.basis.id == "fusion_clbp_odi_4y"
        assert rated.verdict.id == "no_clear_difference" and rated.score == 0


def test_steroid_tablets_for_sciatica_say_what_compares_headline_says():
    option_fit = fit(EVIDENCE, ATTRIBUTES, ["oral_steroids"], "sciatica", EQUAL).options[0]
    feel = option_fit.cell("feel_better").rated
    assert feel.basis.headline and feel.verdict.id == "no_clear_difference"
    # After 1 year, function (maybe a small benefit) and leg pain (no clear difference) tie on
    # follow-up: the less favourable speaks.
    lasting = option_fit.cell("lasting_relief").rated
    assert lasting.basis.id == "steroids_sci_leg_pain_52w" and lasting.verdict.id == "no_clear_difference"


def test_the_headline_speaks_for_a_benefit_even_when_a_secondary_result_is_better():
    """deciding() on its own: a clear secondary result never outweighs the headline."""
    found = [judge(o, EVIDENCE) for o in EVIDENCE.outcomes_for("muscle_relaxants", CLBP, "benefit")]
    better = [v for v in found if v.measured and not v.outcome.headline and v.id == "clear_benefit"]
    headline = next(v for v in found if v.outcome.headline)
    assert better and headline.id == "no_clear_difference"
    assert verdicts.deciding(found, "benefit") == headline
    assert verdicts.deciding(better, "benefit") == better[0]
    assert verdicts.deciding([v for v in found if not v.measured], "benefit") is None


def test_opioids_do_not_do_well_on_feeling_better():
    cell = fit(EVIDENCE, ATTRIBUTES, ["opioids"], CLBP, EQUAL).options[0].cell("feel_better")
    assert cell.score == 0.5 and "too_small" in cell.rated.verdict.reasons


def test_not_sure_is_only_about_the_result_the_cell_rests_on():
    """Exercise: a clear benefit at moderate certainty, while the 12-month result is not known.
    The cell is not "not sure"; that other results are missing is said in words of its own."""
    result = fit(EVIDENCE, ATTRIBUTES, ["exercise", "opioids"], CLBP, EQUAL)
    rated = result.option("exercise").cell("feel_better").rated
    assert rated.verdict.id == "clear_benefit" and rated.some_not_known
    assert not rated.uncertain
    names = {o: EVIDENCE.options[o].name for o in ("exercise", "opioids")}
    table = fit_table(TEXT, EVIDENCE, ATTRIBUTES, result, names)
    clear = TEXT("values.fit.table_cell", rating=TEXT("verdicts.label.clear_benefit"), points=2, weight=2)
    assert f"{clear}. {TEXT('values.fit.reason.some_not_known')}" in table
    assert f"{clear} {TEXT('values.fit.table_unsure')}" not in table
    # Opioids' result is of low certainty: that cell is "not sure".
    assert result.option("opioids").cell("few_side_effects").rated.uncertain


@pytest.mark.parametrize(("condition_id", "option_ids"), ALL_PAIRS[::3])
def test_every_not_sure_is_the_certainty_of_its_own_result(condition_id, option_ids):
    for option_fit in fit(EVIDENCE, ATTRIBUTES, option_ids, condition_id, EQUAL).options:
        for cell in option_fit.cells:
            basis = cell.rated.basis
            assert cell.rated.uncertain == (basis is not None and basis.certainty in {"low", "very_low"})
            if cell.rated.verdict is not None and cell.rated.verdict.id == "clear_benefit":
                assert not cell.rated.uncertain


def test_harms_partly_not_measured_keep_options_out_of_order():
    result = fit(EVIDENCE, ATTRIBUTES, ["nsaids", "biologics"], "axial_spa", weights(few_side_effects=4))
    assert result.ranking is None
    assert "few_side_effects" in result.option("biologics").blocking


# --- Combining weights -----------------------------------------------------------------------


@pytest.mark.parametrize(("condition_id", "option_ids"), ALL_PAIRS[::5])
@pytest.mark.parametrize("attribute_id", IDS)
def test_known_totals_are_monotone_in_each_weight(condition_id, option_ids, attribute_id):
    base = weights(**dict.fromkeys(IDS, 1))
    before = fit(EVIDENCE, ATTRIBUTES, option_ids, condition_id, base)
    after = fit(EVIDENCE, ATTRIBUTES, option_ids, condition_id, with_weight(base, attribute_id))
    for option_id in option_ids:
        assert after.option(option_id).total >= before.option(option_id).total
    if after.ranked:
        assert before.ranked  # raising a weight never turns an unknown into a known


def test_options_are_ordered_only_when_everything_weighed_is_known():
    for condition_id, pair in ALL_PAIRS:
        result = fit(EVIDENCE, ATTRIBUTES, pair, condition_id, EQUAL)
        unknown = any(option_fit.blocking for option_fit in result.options)
        assert result.ranked == (not unknown)


def test_the_order_follows_what_matters():
    cares_about_time = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids"], CLBP, weights(little_time=4))
    assert cares_about_time.ranking == ("nsaids", "exercise")
    cares_about_medicines = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids"], CLBP, weights(no_medicines=4))
    assert cares_about_medicines.ranking == ("exercise", "nsaids")


def test_all_zero_weights_give_no_order_and_no_flags():
    result = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids", "opioids"], CLBP, weights())
    assert result.all_zero and result.max_total == 0
    assert [o.total for o in result.options] == [0, 0, 0]
    assert result.ranking is None and result.display_order == ("exercise", "nsaids", "opioids")
    assert not result.close_pairs


def names_of(result) -> dict[str, str]:
    return {
        option_fit.option_id: EVIDENCE.options[option_fit.option_id].name for option_fit in result.options
    }


def test_equal_totals_are_level_not_numbered_and_there_is_no_top():
    # Both are tablets: the same rating on every ladder rule, so only ladder weights give a tie.
    result = fit(EVIDENCE, ATTRIBUTES, ["opioids", "nsaids"], CLBP, weights(no_needles_or_surgery=4))
    assert result.option("opioids").total == result.option("nsaids").total == 4
    assert result.ranked and not result.ordered
    assert result.levels == (("opioids", "nsaids"),)
    assert result.standing("opioids") == result.standing("nsaids") == 1
    assert not result.close_pairs  # level, which is said plainly, not "too close to tell apart"
    intro, lines = standing_text(result, names_of(result), TEXT)
    assert intro == TEXT("values.fit.all_level", points=4, max_points=4) and lines == []
    assert advice_note(result, TEXT) == TEXT("values.fit.not_advice")
    assert TEXT("values.fit.top_not_advice") not in advice_note(result, TEXT)


def test_equal_totals_share_one_numbered_place():
    options = ["no_treatment", "exercise", "nsaids", "opioids"]
    result = fit(EVIDENCE, ATTRIBUTES, options, CLBP, weights(little_time=4))
    assert [result.option(o).total for o in options] == [4, 0, 4, 4]
    assert result.levels == (("no_treatment", "nsaids", "opioids"), ("exercise",))
    assert [result.standing(o) for o in options] == [1, 2, 1, 1]
    assert result.ordered and not result.close_pairs
    names = names_of(result)
    intro, lines = standing_text(result, names, TEXT)
    shared = "; ".join(names[o] for o in ("no_treatment", "nsaids", "opioids"))
    assert lines == [
        "1. " + TEXT("values.fit.order_line_level", points=4, max_points=4, options=shared),
        "2. " + TEXT("values.fit.order_line", option=names["exercise"], points=0, max_points=4),
    ]
    assert advice_note(result, TEXT).endswith(TEXT("values.fit.top_not_advice"))


def test_close_totals_that_differ_are_still_flagged_too_close():
    chosen = weights(little_time=4, do_it_myself=3, no_medicines=2)
    result = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids", "opioids"], CLBP, chosen)
    assert [o.total for o in result.options] == [5, 5.5, 5.5]
    assert result.levels == (("nsaids", "opioids"), ("exercise",))
    # Half a point apart of 9 is too close to tell apart; the two level ones are not a "close" pair.
    assert result.close_pairs == (("exercise", "nsaids"), ("exercise", "opioids"))


def test_a_full_tie_on_the_page_has_no_numbers_and_no_top():
    tie = weights(no_needles_or_surgery=4)
    app = run_page(
        VALUES.path,
        **{state.CONDITION: CLBP, state.COMPARE_OPTIONS: ("opioids", "nsaids"), state.VALUES_WEIGHTS: tie},
    )
    shown = page_text(app)
    assert TEXT("values.fit.all_level", points=4, max_points=4) in shown
    assert TEXT("values.fit.top_not_advice") not in shown and TEXT("values.fit.not_advice") in shown
    for option_id in ("opioids", "nsaids"):
        assert f"1. {EVIDENCE.options[option_id].name}" not in shown
        assert f"2. {EVIDENCE.options[option_id].name}" not in shown
    assert TEXT("values.fit.close").split(".")[0] not in shown
    # "What if": still level, so it says so rather than numbering them.
    app.selectbox(key="widget.values.what_if").set_value("no_medicines").run()
    shown = page_text(app)
    assert TEXT("values.fit.what_if_level", attribute="no medicines") in shown
    assert f"1. {EVIDENCE.options['opioids'].name}" not in shown


@pytest.mark.parametrize("content", [TEXT, SPANISH], ids=["en", "es"])
def test_one_thing_marked_reads_naturally(content):
    result = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids"], CLBP, weights(lasting_relief=3))
    labels = {a.id: a.label for a in load_attributes(content, EVIDENCE)}
    lines = known_lines(result, labels, names_of(result), content)
    names = names_of(result)
    missing = labels["lasting_relief"][0].lower() + labels["lasting_relief"][1:]
    assert lines == [
        content("values.fit.known_line_one_missing", option=names[o], missing=missing)
        for o in ("exercise", "nsaids")
    ]
    feel = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids"], CLBP, weights(feel_better=3))
    assert known_lines(feel, labels, names, content)[0] == content(
        "values.fit.known_line_one", option=names["exercise"]
    )
    for line in lines + known_lines(feel, labels, names, content):
        assert " 1 of the 1 " not in line and " 1 de las 1 " not in line


def test_all_things_known_is_a_plain_count_not_praise():
    result = fit(EVIDENCE, ATTRIBUTES, ["spinal_fusion", "exercise"], CLBP, dict.fromkeys(IDS, 2))
    lines = known_lines(result, {a.id: a.label for a in ATTRIBUTES}, names_of(result), TEXT)
    fusion = TEXT("values.fit.known_line", option=EVIDENCE.options["spinal_fusion"].name, known=7, weighed=7)
    assert "known for 7" not in fusion.lower() and "care about" not in fusion
    assert "results for 7 of the 7 things you marked" in fusion
    # Having results is not the same as the main result being known: the line says so.
    main = TEXT("values.fit.main_result_not_known", attributes="feeling better, relief that lasts")
    assert lines[0] == f"{fusion} {TEXT('values.fit.harms_partly_known')} {main}"


def test_operations_and_spine_injections_are_not_counted_as_free_of_medicines():
    attribute = ATTRIBUTES[IDS.index("no_medicines")]
    for option in EVIDENCE.options.values():
        rated = rate(attribute, EVIDENCE, option.id, CLBP)
        step = EVIDENCE.ladder[option.ladder_step]
        if rated.reason == "anaesthetic":
            assert rated.score == 0.5 and step.anaesthetic != "none"
        if rated.score == 1:
            assert step.anaesthetic == "none" and step.id != "tablets"
    for option_id, anaesthetic in (
        ("spinal_fusion", "general"),
        ("discectomy", "general"),
        ("nerve_block_rfa", "local"),
    ):
        cell = (
            fit(EVIDENCE, ATTRIBUTES, [option_id], CLBP, weights(no_medicines=4))
            .options[0]
            .cell("no_medicines")
        )
        assert cell.score == 0.5 and cell_word(cell, TEXT) == TEXT("values.fit.rating.middle")
        assert cell_reason(cell, EVIDENCE, TEXT) == TEXT(f"values.fit.reason.anaesthetic.{anaesthetic}")
    # A gel you rub on is a medicine too; heat and exercise are not.
    assert rate(attribute, EVIDENCE, "topical_nsaids", CLBP).score == 0
    assert rate(attribute, EVIDENCE, "heat", CLBP).score == 1
    assert rate(attribute, EVIDENCE, "exercise", CLBP).score == 1


def test_weights_are_cleaned():
    cleaned = clean_weights(
        ATTRIBUTES, {"feel_better": 9, "little_time": -2, "bogus": 3, "lasting_relief": True}
    )
    assert cleaned["feel_better"] == MAX_WEIGHT and cleaned["little_time"] == 0
    assert "bogus" not in cleaned and cleaned["lasting_relief"] == 2


def test_chart_segments_add_up_to_each_known_total():
    result = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids"], CLBP, dict.fromkeys(IDS, 2))
    labels = {a.id: a.label for a in ATTRIBUTES}
    names = {o: EVIDENCE.options[o].name for o in ("exercise", "nsaids")}
    frame = fit_frame(result, labels, names, "Not known")
    for option_fit in result.options:
        rows = frame[frame.option == names[option_fit.option_id]]
        assert rows[rows.part != "Not known"].points.sum() == option_fit.total
        unknown = sum(cell.weight for cell in option_fit.cells if not cell.known)
        assert rows[rows.part == "Not known"].points.sum() == unknown
    assert fit_chart(result, labels, names, "Not known", "Points", ("Option", "What matters")).to_dict()


# --- Properties over many weights and evidence edits ---------------------------------------------

WEIGHTS = st.fixed_dictionaries({attribute_id: st.integers(0, MAX_WEIGHT) for attribute_id in IDS})
PAIRS = st.sampled_from(ALL_PAIRS)


def without(evidence, outcome_id: str):
    """The same evidence with one result replaced by "no good evidence"."""
    outcomes = tuple(
        o.model_copy(
            update={
                "measure": "no_good_evidence",
                "option_per_100": None,
                "option_per_100_low": None,
                "option_per_100_high": None,
                "comparator_per_100": None,
                "ratio_low": None,
                "ratio_high": None,
                "md_value": None,
                "md_low": None,
                "md_high": None,
                "md_scale": None,
                "source_test": "",
            }
        )
        if o.id == outcome_id
        else o
        for o in evidence.outcomes
    )
    return dataclasses.replace(evidence, outcomes=outcomes)


@settings(max_examples=300, deadline=None)
@given(pair=PAIRS, chosen=WEIGHTS, attribute_id=st.sampled_from(IDS))
def test_raising_a_weight_never_lifts_an_unknown_above_a_measured_benefit(pair, chosen, attribute_id):
    condition_id, option_ids = pair
    after = fit(EVIDENCE, ATTRIBUTES, option_ids, condition_id, with_weight(chosen, attribute_id))
    cells = {o: after.option(o).cell(attribute_id) for o in option_ids}
    for unknown in (o for o in option_ids if not cells[o].known):
        for measured in (o for o in option_ids if cells[o].known and cells[o].score > 0):
            assert after.standing(unknown) is None or after.standing(unknown) > after.standing(measured)


@settings(max_examples=300, deadline=None)
@given(pair=PAIRS, chosen=WEIGHTS, data=st.data())
def test_a_result_becoming_not_known_never_improves_an_options_standing(pair, chosen, data):
    condition_id, option_ids = pair
    rows = [o for option_id in option_ids for o in EVIDENCE.outcomes_for(option_id, condition_id)]
    measured = [o for o in rows if o.measure != "no_good_evidence"]
    if not measured:
        return
    outcome = data.draw(st.sampled_from(measured))
    before = fit(EVIDENCE, ATTRIBUTES, option_ids, condition_id, chosen)
    after = fit(without(EVIDENCE, outcome.id), ATTRIBUTES, option_ids, condition_id, chosen)
    was, now = before.standing(outcome.option_id), after.standing(outcome.option_id)
    assert now is None or (was is not None and now >= was)
    for attribute_id in IDS:
        old = before.option(outcome.option_id).cell(attribute_id)
        new = after.option(outcome.option_id).cell(attribute_id)
        if new.known and not new.rated.blocks_order:
            assert old.known and new.score <= old.score


# --- SURE ------------------------------------------------------------------------------------


def test_sure_questions_match_the_code_and_cite_legare_2010():
    assert tuple(sure.question_ids(TEXT)) == sure.QUESTION_IDS
    source = EVIDENCE.sources["legare_2010_sure"]
    assert source.year == 2010 and "Are you SURE?" in source.title
    assert "legare_2010_sure" in TEXT.source_ids("values.sure")


@pytest.mark.parametrize(
    ("answers", "expected_score", "meaning", "no_ids"),
    [
        (dict.fromkeys(sure.QUESTION_IDS, True), 4, "no_conflict", ()),
        (
            {**dict.fromkeys(sure.QUESTION_IDS, True), "encouragement": False},
            3,
            "possible_conflict",
            ("encouragement",),
        ),
        (dict.fromkeys(sure.QUESTION_IDS, False), 0, "possible_conflict", sure.QUESTION_IDS),
        ({"sure_of_myself": True}, 1, "incomplete", ()),
        (None, 0, "incomplete", ()),
    ],
)
def test_sure_score(answers, expected_score, meaning, no_ids):
    result = sure.score(answers)
    assert (result.score, result.meaning, result.no_ids) == (expected_score, meaning, no_ids)
    assert TEXT(result.meaning_key)


# --- Knowledge check -------------------------------------------------------------------------


def assert_answer_matches_data(question: quiz.Question) -> None:
    outcome = question.outcome
    if question.kind == "count":
        band = next(b for b in TEXT.node("values.quiz.bands") if b["id"] == question.answer_id)
        assert band["low"] <= round_half_up(outcome.option_per_100) <= band["high"]
        assert f"{round_half_up(outcome.option_per_100)} out of 100" in question.figure
    elif question.kind == "compare":
        gap = round_half_up(outcome.option_per_100) - round_half_up(outcome.comparator_per_100)
        expected = {True: "more_option", False: "more_comparator"}[gap > 0]
        assert question.answer_id == (
            "same" if abs(gap) <= TEXT.node("values.quiz.same_within") else expected
        )
    elif question.kind == "certainty":
        assert question.answer_id == outcome.certainty
    else:
        assert outcome.measure == "no_good_evidence" and question.answer_id == "no"
    assert question.answer_id in {choice.id for choice in question.choices}


@pytest.mark.parametrize(("condition_id", "option_ids"), ALL_PAIRS)
def test_quiz_answers_match_the_data(condition_id, option_ids):
    questions = quiz.questions(EVIDENCE, TEXT, condition_id, option_ids)
    assert 1 <= len(questions) <= quiz.MAX_QUESTIONS
    assert len({q.id for q in questions}) == len(questions)
    for question in questions:
        assert question.option_id in option_ids and question.outcome.condition_id == condition_id
        assert_answer_matches_data(question)


def test_quiz_asks_4_to_6_questions_when_there_are_figures():
    for option_ids in (["no_treatment", "exercise"], ["exercise", "nsaids", "opioids", "spinal_fusion"]):
        assert 4 <= len(quiz.questions(EVIDENCE, TEXT, CLBP, option_ids)) <= 6


def test_quiz_marking_is_per_question_and_ignores_old_answers():
    questions = quiz.questions(EVIDENCE, TEXT, CLBP, ["no_treatment", "exercise"])
    first, second = questions[:2]
    wrong = next(c.id for c in second.choices if c.id != second.answer_id)
    result = quiz.mark(questions, {first.id: first.answer_id, second.id: wrong, "count.gone": "x"})
    assert result.correct[first.id] is True and result.correct[second.id] is False
    assert (result.right, result.answered, result.total) == (1, 2, len(questions))
    assert not result.complete


# --- The pages -------------------------------------------------------------------------------


def set_weights(app, chosen: dict[str, int]) -> None:
    for attribute_id in IDS:
        app.select_slider(key=f"widget.values.weight.{attribute_id}").set_value(chosen.get(attribute_id, 0))
    app.run()
    assert_no_exception(app)


def answer_sure(app, moment: str, answers: dict[str, str]) -> None:
    for question_id, answer in answers.items():
        app.radio(key=f"widget.sure.{moment}.{question_id}").set_value(answer)
    app.run()
    assert_no_exception(app)


def first_in_order(app, text) -> str:
    shown = page_text(app)
    return next(o for o in ("exercise", "nsaids") if f"1. {EVIDENCE.options[o].name}:" in shown)


def test_walk_through_what_matters_and_check_and_decide():
    options = ("exercise", "nsaids")
    app = run_page(VALUES.path, **{state.CONDITION: CLBP, state.COMPARE_OPTIONS: options})
    answer_sure(app, "before", dict.fromkeys(sure.QUESTION_IDS, "no"))
    assert TEXT("values.sure.score", score=0) in page_text(app)
    assert app.session_state[state.SURE_BEFORE] == dict.fromkeys(sure.QUESTION_IDS, False)

    set_weights(app, {})
    assert TEXT("values.fit.all_zero") in page_text(app)
    set_weights(app, {"little_time": 4})
    assert first_in_order(app, TEXT) == "nsaids"
    set_weights(app, {"no_medicines": 2, "feel_better": 1})
    assert first_in_order(app, TEXT) == "exercise"
    assert app.session_state[state.VALUES_WEIGHTS] == weights(no_medicines=2, feel_better=1)
    shown = page_text(app)
    assert TEXT("values.fit.not_advice") in shown
    assert rationale(ATTRIBUTES[IDS.index("no_medicines")]) in shown

    app.selectbox(key="widget.values.what_if").set_value("little_time").run()
    assert TEXT("values.fit.what_if_changed", attribute="not much of my time") in page_text(app)
    assert app.session_state[state.VALUES_WEIGHTS]["little_time"] == 0  # trying is not choosing

    app.switch_page(DECIDE.path).run()
    assert_no_exception(app)
    questions = quiz.questions(EVIDENCE, TEXT, CLBP, options)
    for question in questions:
        app.radio(key=f"widget.quiz.{question.id}").set_value(question.answer_id)
    app.run()
    shown = page_text(app)
    assert TEXT("values.quiz.score", right=len(questions), total=len(questions)) in shown
    for question in questions:
        assert question.figure in shown
    assert app.session_state[state.QUIZ_ANSWERS] == {q.id: q.answer_id for q in questions}

    app.radio(key="widget.values.leaning").set_value("not_sure").run()
    assert app.session_state[state.VALUES_LEANING] == "not_sure"
    answer_sure(app, "after", {**dict.fromkeys(sure.QUESTION_IDS, "yes"), "encouragement": "no"})
    shown = page_text(app)
    assert TEXT("values.sure.meaning.possible_conflict") in shown
    assert TEXT("values.sure.before_after", before=0, after=3) in shown
    assert app.session_state[state.SURE_AFTER]["encouragement"] is False

    # Back on the first page, the sliders and answers are as the person left them.
    app.switch_page(VALUES.path).run()
    assert app.select_slider(key="widget.values.weight.no_medicines").value == 2
    assert app.radio(key="widget.sure.before.sure_of_myself").value == "no"
    assert first_in_order(app, TEXT) == "exercise"


def test_no_order_is_shown_until_the_person_says_what_matters():
    app = run_page(VALUES.path, **{state.CONDITION: CLBP, state.COMPARE_OPTIONS: ("exercise", "nsaids")})
    shown = page_text(app)
    assert TEXT("values.fit.waiting") in shown
    assert "1. " + EVIDENCE.options["exercise"].name not in shown
    assert "1. " + EVIDENCE.options["nsaids"].name not in shown
    assert state.VALUES_WEIGHTS not in app.session_state
    confirm = next(button for button in app.button if button.label == TEXT("values.fit.confirm"))
    confirm.click().run()
    assert_no_exception(app)
    assert app.session_state[state.VALUES_WEIGHTS] == default_weights(ATTRIBUTES)
    # With every slider in the middle, lasting relief counts: it is not known for either option,
    # so the page says how much is known and puts nothing first.
    shown = page_text(app)
    assert TEXT("values.fit.no_order") in shown
    assert "1. " + EVIDENCE.options["exercise"].name not in shown


def test_decide_page_lets_people_pick_options_when_they_have_not_compared():
    app = run_page(DECIDE.path, **{state.CONDITION: "sciatica"})
    app.multiselect(key="widget.compare.options.sciatica").set_value(["nsaids"]).run()
    assert TEXT("values.need_two") in page_text(app)
    app.multiselect(key="widget.compare.options.sciatica").set_value(["nsaids", "discectomy"]).run()
    assert_no_exception(app)
    assert app.session_state[state.COMPARE_OPTIONS] == ("nsaids", "discectomy")
    assert TEXT("values.quiz.intro") in page_text(app)


# --- In a real browser -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_sliders_and_quiz_work_in_the_browser(browser, app_url, tmp_path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    open_page(page, f"{app_url}/{VALUES.url_path}")
    expect(page.get_by_role("heading", name=TEXT("values.title"))).to_be_visible()
    slider = page.get_by_role("slider").first
    slider.focus()
    page.keyboard.press("End")
    wait_until_idle(page)
    expect(page.get_by_role("slider").first).to_have_value(str(MAX_WEIGHT))
    # Relief that lasts is not known for exercise: the table, with no order and no bars.
    expect(page.get_by_text(TEXT("values.fit.table_title"))).to_be_visible()
    expect(page.get_by_text(TEXT("values.fit.no_order"))).to_be_visible()
    expect(page.locator("[data-testid='stVegaLiteChart']")).to_have_count(0)
    expect(page.get_by_text(TEXT("values.fit.not_advice"))).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    full_page_screenshot(page, tmp_path / f"what-matters-{width}.png", width)

    open_page(page, f"{app_url}/{DECIDE.url_path}")
    first_question = page.get_by_test_id("stMain").get_by_test_id("stRadio").nth(1)  # not the menu's language
    first_question.get_by_role("radio").first.click(force=True)
    wait_until_idle(page)
    expect(page.get_by_text(TEXT("values.quiz.the_figure")).first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


def test_a_better_result_the_cell_does_not_count_is_still_said():
    """Discectomy: the headline (recovered at a year, 95 vs 95 in 100) decides "feeling better",
    as on Compare; its faster relief in the first weeks is said beside it, never scored."""
    weights = {"feel_better": MAX_WEIGHT}
    result = fit(EVIDENCE, ATTRIBUTES, ["no_treatment", "discectomy"], "sciatica", weights)
    cell = result.option("discectomy").cell("feel_better")
    assert cell.rated.verdict.outcome.id == "disc_sciatica_recovered_1y"
    assert cell.rated.verdict.id == "no_clear_difference"
    better = cell.rated.better_elsewhere
    assert better is not None and better.outcome.id == "disc_sciatica_leg_pain_6wk"
    said = cell_reason(cell, EVIDENCE, TEXT)
    assert better_elsewhere_text(better, EVIDENCE, TEXT) in said
    assert "harm" not in said.split(".")[2]  # "too small" for a benefit, not in a harm's words


def test_no_harm_cell_says_a_better_result_was_passed_over():
    for condition_id in EVIDENCE.conditions:
        options = [o.id for o in EVIDENCE.options_for(condition_id)]
        result = fit(EVIDENCE, ATTRIBUTES, options[:4], condition_id, {"few_side_effects": MAX_WEIGHT})
        assert all(f.cell("few_side_effects").rated.better_elsewhere is None for f in result.options)


@pytest.mark.parametrize("text", [TEXT, SPANISH], ids=["en", "es"])
def test_no_treatment_is_rated_by_rule_and_never_counted_as_having_results(text):
    """No treatment's ratings are the starting point, not study results: its line never counts
    "results for", and its no-side-effects rating says it comes from the rule, not a result
    (on Compare its harm, staying in pain, is "not known")."""
    options = ("no_treatment", "exercise", "nsaids")
    result = fit(EVIDENCE, ATTRIBUTES, options, CLBP, default_weights(ATTRIBUTES))
    labels = {attribute.id: attribute.label for attribute in ATTRIBUTES}
    names = {option_id: EVIDENCE.options[option_id].name for option_id in options}
    lines = known_lines(result, labels, names, text)
    reference_line = text("values.fit.known_line_reference", option=names["no_treatment"])
    assert lines[0] == reference_line and all(reference_line != line for line in lines[1:])
    harm = next(cell for cell in result.options[0].cells if cell.attribute_id == "few_side_effects")
    assert cell_reason(harm, EVIDENCE, text) == text("values.fit.reason.baseline_harm")
    benefit = next(cell for cell in result.options[0].cells if cell.attribute_id == "feel_better")
    assert cell_reason(benefit, EVIDENCE, text) == text("values.fit.reason.baseline")
