"""The FHIR export: the shipped Questionnaire matches data/, and a QuestionnaireResponse of the
patient's answers validates with fhir.resources, points at that Questionnaire and reads back to the
same answers."""

import json
from datetime import UTC, datetime

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from backpain_aid import sure, values
from backpain_aid.answers import Answers
from backpain_aid.fhir_export import (
    QUESTIONNAIRE_PATH,
    build_questionnaire,
    build_response,
    canonical,
    load_questionnaire,
    to_json,
)
from backpain_aid.ibp_check import criteria_ids
from backpain_aid.medicines import Medicine
from tests.fhir_reading import answers_from_response, check_against, parse_response

AUTHORED = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
CONDITION = "axial_spa"
OPTIONS = ("no_treatment", "nsaids", "biologics")
NOTES = "Can I keep <b>cycling</b>?\n# not a heading | 😣 عربى"


def filled_answers(evidence, text) -> Answers:
    """A patient who did every step: shared with the consultation view's tests."""
    attributes = values.load_attributes(text, evidence)
    return Answers(
        condition_id=CONDITION,
        option_ids=OPTIONS,
        red_flags_ticked=("fever_or_unwell",),
        red_flags_done=True,
        ibp_lasted_over_3_months=True,
        ibp_answers={item_id: index != 1 for index, item_id in enumerate(criteria_ids(text))},
        medicines=(Medicine("Naproxen", "500 mg", "twice a day"),),
        weights={attribute.id: index % 5 for index, attribute in enumerate(attributes)},
        leaning="biologics",
        sure_before={question_id: index % 2 == 0 for index, question_id in enumerate(sure.QUESTION_IDS)},
        sure_after={question_id: True for question_id in sure.QUESTION_IDS},
        questions=("what_if_wait", "side_effects"),
        notes=NOTES,
    )


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire()


def test_shipped_questionnaire_matches_the_data(evidence, text, questionnaire):
    """Run `python -m backpain_aid.fhir_export` to regenerate it after changing data/."""
    built = build_questionnaire(evidence, text)
    assert to_json(questionnaire) == to_json(built), "run: python -m backpain_aid.fhir_export"
    assert json.loads(QUESTIONNAIRE_PATH.read_text(encoding="utf-8")) == json.loads(to_json(built))


def test_questionnaire_offers_every_option_and_condition(evidence, questionnaire):
    options = next(item for item in questionnaire.item if item.linkId == "options")
    assert {option.valueCoding.code for option in options.answerOption} == set(evidence.options)
    condition = next(item for item in questionnaire.item if item.linkId == "condition")
    assert {option.valueCoding.code for option in condition.answerOption} == set(evidence.conditions)


def test_response_validates_and_links_to_the_questionnaire(evidence, text, questionnaire):
    response = build_response(evidence, text, filled_answers(evidence, text), questionnaire, AUTHORED)
    raw = to_json(response)
    parsed = QuestionnaireResponse.model_validate_json(raw)  # fhir.resources' own validation
    assert json.loads(raw)["resourceType"] == "QuestionnaireResponse"
    assert parsed.status == "completed"
    assert parsed.questionnaire == f"{questionnaire.url}|{questionnaire.version}" == canonical(questionnaire)
    assert check_against(parsed, questionnaire) == []


def test_response_round_trips_to_the_same_answers(evidence, text, questionnaire):
    answers = filled_answers(evidence, text)
    raw = to_json(build_response(evidence, text, answers, questionnaire, AUTHORED))
    assert answers_from_response(parse_response(raw)) == answers


def test_partial_and_empty_answers_round_trip(evidence, text, questionnaire):
    for answers in (Answers(), Answers(sure_before={"sure_of_myself": False}, leaning="not_sure")):
        response = build_response(evidence, text, answers, questionnaire, AUTHORED)
        assert check_against(response, questionnaire) == []
        assert answers_from_response(parse_response(to_json(response))) == answers


def test_typed_notes_are_kept_as_plain_text_without_control_characters(evidence, text, questionnaire):
    answers = Answers(notes="line one\x00\x1b[31m\nline <i>two</i>")
    response = build_response(evidence, text, answers, questionnaire, AUTHORED)
    assert answers_from_response(response).notes == "line one[31m\nline <i>two</i>"


def test_check_against_names_what_does_not_fit(evidence, text, questionnaire):
    response = build_response(evidence, text, filled_answers(evidence, text), questionnaire, AUTHORED)
    broken = json.loads(to_json(response))
    broken["questionnaire"] = "https://elsewhere.example/Questionnaire/other|1"
    broken["item"][0]["answer"][0]["valueCoding"]["code"] = "not_a_condition"
    broken["item"].append({"linkId": "made-up", "answer": [{"valueString": "x"}]})
    problems = check_against(QuestionnaireResponse.model_validate(broken), questionnaire)
    assert any("elsewhere.example" in problem for problem in problems)
    assert any("'not_a_condition' is not an answer option" in problem for problem in problems)
    assert any("'made-up' is not in the Questionnaire" in problem for problem in problems)
