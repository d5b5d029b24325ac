"""Reading an exported FHIR QuestionnaireResponse back, for the tests only: the app writes these
files and never reads them, so this code lives with the tests that check what was written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from backpain_aid.answers import Answers
from backpain_aid.fhir_export import LASTED, canonical
from backpain_aid.medicines import Medicine

# Which value[x] each item type answers with.
VALUE_FIELDS = {
    "boolean": "valueBoolean",
    "integer": "valueInteger",
    "choice": "valueCoding",
    "string": "valueString",
    "text": "valueString",
}


def parse_response(raw: str) -> QuestionnaireResponse:
    return QuestionnaireResponse.model_validate_json(raw)


def walk(items: Iterable[Any] | None) -> Iterator[Any]:
    """Every item, and the items inside it, depth first (responses and questionnaires alike)."""
    for item in items or ():
        yield item
        yield from walk(item.item)


def _values(response: QuestionnaireResponse, link_id: str, field: str) -> list[Any]:
    found = []
    for item in walk(response.item):
        if item.linkId == link_id:
            found += [getattr(answer, field) for answer in item.answer or ()]
    return found


def _codes(response: QuestionnaireResponse, link_id: str) -> list[str]:
    return [coding.code for coding in _values(response, link_id, "valueCoding")]


def _booleans_back(response: QuestionnaireResponse, prefix: str) -> dict[str, bool]:
    return {
        item.linkId.removeprefix(f"{prefix}."): item.answer[0].valueBoolean
        for item in walk(response.item)
        if item.linkId.startswith(f"{prefix}.") and item.answer and item.answer[0].valueBoolean is not None
    }


def answers_from_response(response: QuestionnaireResponse) -> Answers:
    """The answers a response holds, as the Answers the app builds from."""
    ibp = _booleans_back(response, "ibp")
    lasted = ibp.pop(LASTED, None)
    medicines = []
    for item in walk(response.item):
        if item.linkId == "medicines":
            fields = {sub.linkId: sub.answer[0].valueString for sub in item.item or () if sub.answer}
            medicines.append(
                Medicine(
                    fields.get("medicine.name", ""),
                    fields.get("medicine.dose", ""),
                    fields.get("medicine.how-often", ""),
                )
            )
    weights = {
        item.linkId.removeprefix("priority."): item.answer[0].valueInteger
        for item in walk(response.item)
        if item.linkId.startswith("priority.") and item.answer
    }
    return Answers(
        condition_id=next(iter(_codes(response, "condition")), None),
        option_ids=tuple(_codes(response, "options")),
        red_flags_ticked=tuple(_codes(response, "red-flags.ticked")),
        red_flags_done=bool(_values(response, "red-flags.done", "valueBoolean")),
        ibp_lasted_over_3_months=lasted,
        ibp_answers=ibp,
        medicines=tuple(medicines),
        weights=weights,
        leaning=next(iter(_codes(response, "leaning")), None),
        sure_before=_booleans_back(response, "sure-before"),
        sure_after=_booleans_back(response, "sure-after"),
        questions=tuple(_codes(response, "questions")),
        notes=next(iter(_values(response, "notes", "valueString")), ""),
    )


def check_against(response: QuestionnaireResponse, questionnaire: Questionnaire) -> list[str]:
    """What does not fit the Questionnaire: unknown items, wrong answer types, codes not offered,
    several answers where one is allowed. Empty when the response fits."""
    problems = []
    if response.questionnaire != canonical(questionnaire):
        problems.append(f"questionnaire is '{response.questionnaire}', not '{canonical(questionnaire)}'")
    defined = {item.linkId: item for item in walk(questionnaire.item)}
    for item in walk(response.item):
        definition = defined.get(item.linkId)
        if definition is None:
            problems.append(f"item '{item.linkId}' is not in the Questionnaire")
            continue
        answers = item.answer or ()
        if definition.type == "group":
            if answers:
                problems.append(f"group '{item.linkId}' cannot have answers")
            continue
        if len(answers) > 1 and not definition.repeats:
            problems.append(f"item '{item.linkId}' takes one answer, has {len(answers)}")
        field = VALUE_FIELDS[definition.type]
        offered = {option.valueCoding.code for option in definition.answerOption or ()}
        for answer in answers:
            value = getattr(answer, field)
            if value is None:
                problems.append(f"item '{item.linkId}' needs {field}")
            elif field == "valueCoding" and value.code not in offered:
                problems.append(f"item '{item.linkId}': code '{value.code}' is not an answer option")
    return problems
