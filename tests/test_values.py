"""What matters to you, SURE and the knowledge check: the scoring rules, the questions and their
answers against data/, and the two pages walked through with AppTest."""

import copy
import itertools

import pytest
from playwright.sync_api import expect

from backpain_aid import quiz, sure
from backpain_aid.content import Content, load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.values import (
    MAX_WEIGHT,
    RulesError,
    benefit_gain,
    cell_reason,
    clean_weights,
    default_weights,
    fit,
    harm_excess,
    load_attributes,
    rationale,
    with_weight,
)
from backpain_aid.values_chart import fit_chart, fit_frame
from backpain_aid.wording import round_half_up
from tests.apptest import assert_no_exception, page_text, run_page
from tests.browser import full_page_screenshot, open_page, wait_until_idle
from ui import state
from ui.pages import DECIDE, VALUES

EVIDENCE = load_evidence()
TEXT = load_content()
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
    feel_better = ATTRIBUTES[IDS.index("feel_better")]
    assert f"{feel_better.scoring.events_clear:g} or more" in rationale(feel_better)


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


# --- Ratings come from the evidence ----------------------------------------------------------


@pytest.mark.parametrize(("condition_id", "option_ids"), ALL_PAIRS[::7])
def test_every_rating_rests_on_a_row_of_that_option_or_on_the_ladder(condition_id, option_ids):
    result = fit(EVIDENCE, ATTRIBUTES, option_ids, condition_id, weights())
    for option_fit in result.options:
        for cell in option_fit.cells:
            basis = cell.rated.basis
            if basis is not None:
                assert (basis.option_id, basis.condition_id) == (option_fit.option_id, condition_id)
                assert basis.measure != "no_good_evidence"
            assert cell_reason(cell, EVIDENCE, TEXT)


def test_benefit_rating_follows_the_gap_in_the_data():
    rule = ATTRIBUTES[IDS.index("feel_better")].scoring
    for condition_id, pair in ALL_PAIRS:
        for option_fit in fit(EVIDENCE, ATTRIBUTES, pair, condition_id, weights()).options:
            cell = option_fit.cell("feel_better")
            if cell.rated.basis is None:
                continue
            gain = benefit_gain(cell.rated.basis, EVIDENCE)
            clear = rule.events_clear if cell.rated.basis.measure == "events" else rule.scale_clear
            assert (cell.score == 1.0) == (gain >= clear)


def test_exercise_pain_gain_is_read_from_its_mean_difference():
    cell = fit(EVIDENCE, ATTRIBUTES, ["exercise"], CLBP, weights()).options[0].cell("feel_better")
    row = cell.rated.basis
    assert row.outcome_type_id == "pain_score" and row.headline
    assert benefit_gain(row, EVIDENCE) == -row.md_value  # on a 0-100 scale where lower is better
    assert cell.score == 1.0


def test_harm_rating_uses_the_biggest_extra_harm():
    cell = fit(EVIDENCE, ATTRIBUTES, ["opioids"], CLBP, weights()).options[0].cell("few_side_effects")
    counted = [o for o in EVIDENCE.outcomes_for("opioids", CLBP, "harm") if o.measure == "events"]
    assert harm_excess(cell.rated.basis) == max(harm_excess(o) for o in counted)
    assert cell.score == 0.0


def test_missing_evidence_is_no_good_evidence_not_a_score():
    option_fit = fit(EVIDENCE, ATTRIBUTES, ["exercise"], CLBP, weights(lasting_relief=3)).options[0]
    cell = option_fit.cell("lasting_relief")
    assert cell.score is None and cell.points == 0 and cell.unknown_points == 3
    assert option_fit.possible == option_fit.total + 3
    assert option_fit.uncertain
    assert cell_reason(cell, EVIDENCE, TEXT) == TEXT("values.fit.reason.no_evidence")


def test_no_treatment_is_the_baseline():
    option_fit = fit(EVIDENCE, ATTRIBUTES, ["no_treatment"], CLBP, weights()).options[0]
    assert option_fit.cell("feel_better").rated.reason == "reference"
    assert option_fit.cell("few_side_effects").score == 1.0


# --- Combining weights -----------------------------------------------------------------------


@pytest.mark.parametrize(("condition_id", "option_ids"), ALL_PAIRS[::5])
@pytest.mark.parametrize("attribute_id", IDS)
def test_totals_are_monotone_in_each_weight(condition_id, option_ids, attribute_id):
    base = weights(**dict.fromkeys(IDS, 1))
    before = fit(EVIDENCE, ATTRIBUTES, option_ids, condition_id, base)
    after = fit(EVIDENCE, ATTRIBUTES, option_ids, condition_id, with_weight(base, attribute_id))
    first, second = option_ids
    for option_id in option_ids:
        assert after.option(option_id).total >= before.option(option_id).total
    rating = {o: before.option(o).cell(attribute_id).score or 0 for o in option_ids}
    gap_before = before.option(first).total - before.option(second).total
    gap_after = after.option(first).total - after.option(second).total
    if rating[first] > rating[second]:
        assert gap_after > gap_before
    elif rating[first] == rating[second]:
        assert gap_after == gap_before


def test_the_order_follows_what_matters():
    cares_about_time = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids"], CLBP, weights(little_time=4))
    assert cares_about_time.order == ("nsaids", "exercise")
    cares_about_medicines = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids"], CLBP, weights(no_medicines=4))
    assert cares_about_medicines.order == ("exercise", "nsaids")


def test_all_zero_weights_give_no_order_and_no_flags():
    result = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids", "opioids"], CLBP, weights())
    assert result.all_zero and result.max_total == 0
    assert [o.total for o in result.options] == [0, 0, 0]
    assert result.order == ("exercise", "nsaids", "opioids")
    assert not result.close_pairs and not result.unclear_pairs


def test_ties_keep_the_persons_order_and_are_flagged_too_close():
    # Both are tablets: the same rating on every ladder rule, so only ladder weights give a tie.
    result = fit(EVIDENCE, ATTRIBUTES, ["opioids", "nsaids"], CLBP, weights(no_needles_or_surgery=4))
    assert result.option("opioids").total == result.option("nsaids").total == 4
    assert result.order == ("opioids", "nsaids")
    assert result.close_pairs == (("opioids", "nsaids"),)


def test_weights_are_cleaned():
    cleaned = clean_weights(
        ATTRIBUTES, {"feel_better": 9, "little_time": -2, "bogus": 3, "lasting_relief": True}
    )
    assert cleaned["feel_better"] == MAX_WEIGHT and cleaned["little_time"] == 0
    assert "bogus" not in cleaned and cleaned["lasting_relief"] == 2


def test_chart_segments_add_up_to_each_total():
    result = fit(EVIDENCE, ATTRIBUTES, ["exercise", "nsaids"], CLBP, dict.fromkeys(IDS, 2))
    labels = {a.id: a.label for a in ATTRIBUTES}
    names = {o: EVIDENCE.options[o].name for o in ("exercise", "nsaids")}
    frame = fit_frame(result, labels, names, "No good evidence")
    for option_fit in result.options:
        rows = frame[frame.option == names[option_fit.option_id]]
        assert rows[rows.part != "No good evidence"].points.sum() == option_fit.total
        assert rows.points.sum() == option_fit.possible
    assert fit_chart(result, labels, names, "No good evidence", "Points").to_dict()


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
    assert first_in_order(app, TEXT) in ("exercise", "nsaids")


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
    expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_visible()
    expect(page.get_by_text(TEXT("values.fit.not_advice"))).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    full_page_screenshot(page, tmp_path / f"what-matters-{width}.png", width)

    open_page(page, f"{app_url}/{DECIDE.url_path}")
    first_question = page.get_by_test_id("stRadio").nth(1)
    first_question.get_by_role("radio").first.click(force=True)
    wait_until_idle(page)
    expect(page.get_by_text(TEXT("values.quiz.the_figure")).first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.close()
