"""Red flags, the path questions and the inflammatory back pain check: the rules alone, then
the pages driven through AppTest."""

import itertools

import pytest

from backpain_aid.content import load_content
from backpain_aid.ibp_check import assess, criteria_ids
from backpain_aid.path import RULE_IDS, PathAnswers, route
from backpain_aid.safety import red_flag_signs, triage
from tests_support.apptest import assert_no_exception, page_text, run_page
from ui import state
from ui.pages import IBP_CHECK, PATH, RED_FLAGS

TEXT = load_content()
SIGNS = red_flag_signs(TEXT)
EMERGENCY = [sign for sign in SIGNS if sign.level == "emergency"]
URGENT = [sign for sign in SIGNS if sign.level == "urgent"]
CRITERIA = criteria_ids(TEXT)
ALL_ANSWERS = list(itertools.product([True, False], repeat=len(CRITERIA)))


def test_red_flags_cover_the_cauda_equina_signs_and_the_urgent_ones():
    ids = {sign.id for sign in SIGNS}
    assert {"saddle_numbness", "trouble_passing_urine", "bladder_control_loss", "bowel_control_loss"} <= ids
    assert {"fever_or_unwell", "history_of_cancer", "weight_loss", "serious_accident"} <= ids
    assert EMERGENCY and URGENT


def test_triage_takes_the_most_urgent_sign():
    assert triage(SIGNS, []) == "none"
    assert triage(SIGNS, ["not_a_sign"]) == "none"
    assert triage(SIGNS, [URGENT[0].id]) == "urgent"
    assert triage(SIGNS, [URGENT[0].id, EMERGENCY[0].id]) == "emergency"


@pytest.mark.parametrize("sign", EMERGENCY, ids=lambda s: s.id)
def test_each_emergency_sign_alone_shows_the_emergency_message(sign):
    app = run_page(RED_FLAGS.path)
    app.checkbox(key=f"widget.red_flag.{sign.id}").check().run()
    assert_no_exception(app)
    errors = [e.value for e in app.error]
    assert any(TEXT("red_flags.messages.emergency") in e for e in errors)
    assert any("999" in e and "911" in e and "112" in e for e in errors)
    assert app.session_state[state.RED_FLAGS_TICKED] == [sign.id]


@pytest.mark.parametrize("sign", URGENT, ids=lambda s: s.id)
def test_each_urgent_sign_alone_shows_see_a_doctor_today(sign):
    app = run_page(RED_FLAGS.path)
    app.checkbox(key=f"widget.red_flag.{sign.id}").check().run()
    shown = page_text(app)
    assert TEXT("red_flags.messages.urgent") in shown
    assert TEXT("red_flags.messages.emergency") not in shown


def test_no_sign_gives_no_alarm_and_reassures_only_after_reading_the_list():
    app = run_page(RED_FLAGS.path)
    shown = page_text(app)
    for level in ("emergency", "urgent", "none"):
        assert TEXT(f"red_flags.messages.{level}") not in shown
    app.button[0].click().run()
    assert TEXT("red_flags.messages.none") in page_text(app)
    assert not app.error


def test_ticked_signs_survive_leaving_the_page():
    app = run_page(RED_FLAGS.path)
    app.checkbox(key=f"widget.red_flag.{URGENT[0].id}").check().run()
    app.switch_page(PATH.path)
    app.run()
    app.switch_page(RED_FLAGS.path)
    app.run()
    assert app.checkbox(key=f"widget.red_flag.{URGENT[0].id}").value is True


# The inflammatory back pain check: all 32 combinations of the 5 ASAS items.
@pytest.mark.parametrize("answers", ALL_ANSWERS, ids=lambda a: "".join("y" if x else "n" for x in a))
def test_asas_rule_is_4_of_5(answers):
    expected = "fits" if sum(answers) >= 4 else "does_not_fit"
    assert assess(TEXT, dict(zip(CRITERIA, answers, strict=True)), lasted_over_3_months=True) == expected


def test_asas_needs_pain_over_3_months_and_every_answer():
    assert assess(TEXT, dict.fromkeys(CRITERIA, True), lasted_over_3_months=False) == "too_short"
    assert assess(TEXT, {}, lasted_over_3_months=None) == "incomplete"
    assert assess(TEXT, {CRITERIA[0]: True}, lasted_over_3_months=True) == "incomplete"


@pytest.mark.parametrize("answers", ALL_ANSWERS, ids=lambda a: "".join("y" if x else "n" for x in a))
def test_ibp_page_shows_the_right_result_for_every_combination(answers):
    app = run_page(IBP_CHECK.path)
    app.radio(key="widget.ibp.duration").set_value("yes").run()
    for criterion, answer in zip(CRITERIA, answers, strict=True):
        app.radio(key=f"widget.ibp.{criterion}").set_value("yes" if answer else "no")
    app.run()
    assert_no_exception(app)
    expected = "fits" if sum(answers) >= 4 else "does_not_fit"
    other = "does_not_fit" if expected == "fits" else "fits"
    shown = page_text(app)
    # Result titles are shown in bold at the top of the result box.
    assert f"**{TEXT(f'asas_ibp.results.{expected}.title')}**" in shown
    assert f"**{TEXT(f'asas_ibp.results.{other}.title')}**" not in shown
    assert TEXT("asas_ibp.caveat.text") in shown


def test_ibp_page_says_the_check_is_for_pain_over_3_months():
    app = run_page(IBP_CHECK.path)
    app.radio(key="widget.ibp.duration").set_value("no").run()
    assert TEXT("asas_ibp.results.too_short.title") in page_text(app)


# Finding your path.
ROUTES = [
    (PathAnswers("low_back", "no", "over_3_months", "no"), False, "chronic_lbp", "chronic_low_back_pain"),
    (PathAnswers("low_back", "yes", "over_3_months", "no"), False, "sciatica", "sciatica"),
    (PathAnswers("leg_more_than_back", "no", "under_6_weeks", "no"), False, "sciatica", "sciatica"),
    (PathAnswers("low_back", "no", "over_3_months", "yes"), False, "axspa", "axial_spa"),
    (
        PathAnswers("upper_back_or_neck", "no", "over_3_months", "no"),
        False,
        "outside_scope_upper",
        "outside_scope",
    ),
    (PathAnswers("low_back", "no", "under_6_weeks", "no"), False, "short_duration", "short_term_message"),
    (
        PathAnswers("low_back", "not_sure", "6_weeks_to_3_months", "not_sure"),
        False,
        "short_duration",
        "short_term_message",
    ),
    (PathAnswers("low_back", "no", "over_3_months", "yes"), True, "red_flags_first", "red_flags_message"),
]


@pytest.mark.parametrize(("answers", "red_flag", "rule", "destination"), ROUTES)
def test_path_rules(answers, red_flag, rule, destination):
    result = route(answers, red_flag, TEXT)
    assert (result.rule_id, result.destination) == (rule, destination)


def test_every_rule_has_its_text():
    rules = {rule["id"] for rule in TEXT.node("path.routing.rules")}
    assert set(RULE_IDS) <= rules


def test_long_low_back_pain_is_offered_the_ibp_check():
    result = route(PathAnswers("low_back", "no", "over_3_months", "not_sure"), False, TEXT)
    assert result.offer_ibp_check


@pytest.mark.parametrize(
    ("answers", "condition"),
    [
        (answers, destination)
        for answers, red_flag, _, destination in ROUTES
        if not red_flag
        and "_" in destination
        and destination in {"chronic_low_back_pain", "sciatica", "axial_spa"}
    ],
)
def test_path_page_routes_to_the_condition_and_remembers_it(answers, condition):
    app = run_page(PATH.path)
    for question in ("pain_location", "below_knee", "duration", "axspa_diagnosed"):
        app.radio(key=f"widget.path.{question}").set_value(getattr(answers, question))
    app.run()
    assert_no_exception(app)
    assert app.session_state[state.CONDITION] == condition
    assert route(answers, False, TEXT).text in page_text(app)


def test_path_page_sends_red_flags_first():
    app = run_page(PATH.path, **{state.RED_FLAGS_TICKED: [EMERGENCY[0].id]})
    assert TEXT("path.ui.check_red_flags") in [link.label for link in app.get("page_link")]
