"""The patient's answers as a FHIR R4 QuestionnaireResponse, for a clinician's record system.

The Questionnaire it answers ships in data/fhir/questionnaire.json. It is built from data/ by
`build_questionnaire`, and a test checks that the shipped file still matches, so a new option or
question cannot slip out of step. Regenerate it with `python -m backpain_aid.fhir_export`.

Models are fhir.resources' R4B package: R4B keeps R4's Questionnaire and QuestionnaireResponse
unchanged, and it imports offline. Nothing that names the patient is ever put in the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from backpain_aid import sure, values
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.ibp_check import criteria_ids
from backpain_aid.medicines import Medicine
from backpain_aid.paths import DATA_DIR
from backpain_aid.safety import red_flag_signs
from backpain_aid.summary import NOT_SURE, Answers, clean_notes, suggested_questions

QUESTIONNAIRE_PATH = DATA_DIR / "fhir" / "questionnaire.json"
#: The project's own canonical base. There is no server behind it: it only names things.
BASE_URL = "https://back-pain-options.example/fhir"
QUESTIONNAIRE_URL = f"{BASE_URL}/Questionnaire/patient-answers"
#: Bump when the items change shape (not when an option or a question is added).
QUESTIONNAIRE_VERSION = "1.0.0"

LASTED = "lasted-over-3-months"  # the IBP check's first question: it decides whether the rest apply

# Which value[x] each item type answers with.
VALUE_FIELDS = {
    "boolean": "valueBoolean",
    "integer": "valueInteger",
    "choice": "valueCoding",
    "string": "valueString",
    "text": "valueString",
}


def code_system(name: str) -> str:
    return f"{BASE_URL}/CodeSystem/{name}"


# --- The Questionnaire -----------------------------------------------------------------------


def _choice(link_id: str, label: str, system: str, codes: Iterable[tuple[str, str]], repeats=False) -> dict:
    return {
        "linkId": link_id,
        "text": label,
        "type": "choice",
        "repeats": repeats,
        "answerOption": [
            {"valueCoding": {"system": code_system(system), "code": code, "display": display}}
            for code, display in codes
        ],
    }


def _item(link_id: str, label: str, item_type: str, **more) -> dict:
    return {"linkId": link_id, "text": label, "type": item_type, **more}


def build_questionnaire(evidence: Evidence, text: Content) -> Questionnaire:
    """The Questionnaire definition, from the ids and texts in data/."""
    label = text.section("clinician.fhir.items")
    option_codes = [(option.id, option.name) for option in evidence.options.values()]
    sure_questions = text.node("values.sure.questions")
    ibp_items = {str(item["id"]): str(item["question"]) for item in text.node("asas_ibp.items")}
    items = [
        _choice(
            "condition",
            label["condition"],
            "condition",
            [(condition.id, condition.name) for condition in evidence.conditions.values()],
        ),
        _choice("options", label["options"], "option", option_codes, repeats=True),
        _item(
            "red-flags",
            label["red_flags"],
            "group",
            item=[
                _item("red-flags.done", label["red_flags_done"], "boolean"),
                _choice(
                    "red-flags.ticked",
                    label["red_flags_ticked"],
                    "warning-sign",
                    [(sign.id, sign.text) for sign in red_flag_signs(text)],
                    repeats=True,
                ),
            ],
        ),
        _item(
            "ibp",
            label["ibp"],
            "group",
            item=[
                _item(f"ibp.{LASTED}", label["ibp_lasted"], "boolean"),
                *(_item(f"ibp.{item_id}", question, "boolean") for item_id, question in ibp_items.items()),
            ],
        ),
        _item(
            "priorities",
            label["priorities"],
            "group",
            item=[
                _item(f"priority.{attribute.id}", attribute.label, "integer")
                for attribute in values.load_attributes(text, evidence)
            ],
        ),
        _choice(
            "leaning",
            label["leaning"],
            "option",
            [*option_codes, (NOT_SURE, str(label["leaning_not_sure"]))],
        ),
        *(
            _item(
                group,
                label[group.replace("-", "_")],
                "group",
                item=[
                    _item(f"{group}.{question['id']}", str(question["text"]), "boolean")
                    for question in sure_questions
                ],
            )
            for group in ("sure-before", "sure-after")
        ),
        _choice(
            "questions",
            label["questions"],
            "suggested-question",
            suggested_questions(text).items(),
            repeats=True,
        ),
        _item("notes", label["notes"], "text"),
        _item(
            "medicines",
            label["medicines"],
            "group",
            repeats=True,
            item=[
                _item("medicine.name", label["medicine_name"], "string"),
                _item("medicine.dose", label["medicine_dose"], "string"),
                _item("medicine.how-often", label["medicine_how_often"], "string"),
            ],
        ),
    ]
    return Questionnaire.model_validate(
        {
            "resourceType": "Questionnaire",
            "id": "back-pain-options-patient-answers",
            "url": QUESTIONNAIRE_URL,
            "version": QUESTIONNAIRE_VERSION,
            "name": "BackPainOptionsPatientAnswers",
            "title": text("clinician.fhir.questionnaire_title"),
            "status": "active",
            "subjectType": ["Patient"],
            "item": items,
        }
    )


def to_json(resource) -> str:
    plain = resource.model_dump(mode="json", exclude_none=True)
    return json.dumps(plain, indent=2, ensure_ascii=False) + "\n"


def load_questionnaire(path: Path = QUESTIONNAIRE_PATH) -> Questionnaire:
    return Questionnaire.model_validate_json(path.read_text(encoding="utf-8"))


def canonical(questionnaire: Questionnaire) -> str:
    return f"{questionnaire.url}|{questionnaire.version}"


# --- The QuestionnaireResponse ---------------------------------------------------------------


def _coding(system: str, code: str) -> dict:
    return {"valueCoding": {"system": code_system(system), "code": code}}


def _answered(link_id: str, answers: list[dict]) -> list[dict]:
    """An item only where there is an answer: FHIR wants no empty items."""
    return [{"linkId": link_id, "answer": answers}] if answers else []


def _group(link_id: str, items: list[dict]) -> list[dict]:
    return [{"linkId": link_id, "item": items}] if items else []


def _booleans(prefix: str, given: dict, ids: Iterable[str]) -> list[dict]:
    return [
        {"linkId": f"{prefix}.{item_id}", "answer": [{"valueBoolean": bool(given[item_id])}]}
        for item_id in ids
        if given.get(item_id) is not None
    ]


def build_response(
    evidence: Evidence, text: Content, answers: Answers, questionnaire: Questionnaire, authored: datetime
) -> QuestionnaireResponse:
    """The answers the patient gave, item by item; steps they did not do are left out."""
    notes, _ = clean_notes(answers.notes)
    condition = [answers.condition_id] if answers.condition_id in evidence.conditions else []
    options = [option_id for option_id in answers.option_ids if option_id in evidence.options]
    red_flags = []
    if answers.red_flags_done:
        red_flags.append({"linkId": "red-flags.done", "answer": [{"valueBoolean": True}]})
    red_flags += _answered("red-flags.ticked", [_coding("warning-sign", i) for i in answers.red_flags_ticked])
    ibp_given = {**answers.ibp_answers, LASTED: answers.ibp_lasted_over_3_months}
    ibp = _booleans("ibp", ibp_given, [LASTED, *criteria_ids(text)])
    priorities = []
    if answers.weights:
        attributes = values.load_attributes(text, evidence)
        weights = values.clean_weights(attributes, answers.weights)
        priorities = [
            {"linkId": f"priority.{attribute.id}", "answer": [{"valueInteger": weights[attribute.id]}]}
            for attribute in attributes
        ]
    leaning = answers.current_leaning(evidence)
    sure_ids = sure.question_ids(text)
    known_questions = suggested_questions(text)
    items = [
        *_answered("condition", [_coding("condition", c) for c in condition]),
        *_answered("options", [_coding("option", o) for o in options]),
        *_group("red-flags", red_flags),
        *_group("ibp", ibp),
        *_group("priorities", priorities),
        *_answered("leaning", [_coding("option", leaning)] if leaning else []),
        *_group("sure-before", _booleans("sure-before", dict(answers.sure_before), sure_ids)),
        *_group("sure-after", _booleans("sure-after", dict(answers.sure_after), sure_ids)),
        *_answered(
            "questions",
            [_coding("suggested-question", q) for q in answers.questions if q in known_questions],
        ),
        *_answered("notes", [{"valueString": notes}] if notes else []),
        *(
            {
                "linkId": "medicines",
                "item": [
                    {"linkId": link_id, "answer": [{"valueString": value}]}
                    for link_id, value in (
                        ("medicine.name", medicine.name),
                        ("medicine.dose", medicine.dose),
                        ("medicine.how-often", medicine.how_often),
                    )
                    if value
                ],
            }
            for medicine in answers.medicines
        ),
    ]
    response = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": canonical(questionnaire),
        "status": "completed",
        "authored": authored.isoformat(timespec="seconds"),
    }
    if items:
        response["item"] = items
    return QuestionnaireResponse.model_validate(response)


def parse_response(raw: str) -> QuestionnaireResponse:
    return QuestionnaireResponse.model_validate_json(raw)


# --- Reading it back -------------------------------------------------------------------------


def _walk(items) -> Iterator:
    for item in items or ():
        yield item
        yield from _walk(item.item)


def _values(response: QuestionnaireResponse, link_id: str, field: str) -> list:
    found = []
    for item in _walk(response.item):
        if item.linkId == link_id:
            found += [getattr(answer, field) for answer in item.answer or ()]
    return found


def _codes(response: QuestionnaireResponse, link_id: str) -> list[str]:
    return [coding.code for coding in _values(response, link_id, "valueCoding")]


def _booleans_back(response: QuestionnaireResponse, prefix: str) -> dict[str, bool]:
    return {
        item.linkId.removeprefix(f"{prefix}."): item.answer[0].valueBoolean
        for item in _walk(response.item)
        if item.linkId.startswith(f"{prefix}.") and item.answer and item.answer[0].valueBoolean is not None
    }


def answers_from_response(response: QuestionnaireResponse) -> Answers:
    """The answers a response holds, as the Answers the app builds from (for checks and imports)."""
    ibp = _booleans_back(response, "ibp")
    lasted = ibp.pop(LASTED, None)
    medicines = []
    for item in _walk(response.item):
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
        for item in _walk(response.item)
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
    defined = {item.linkId: item for item in _walk(questionnaire.item)}
    for item in _walk(response.item):
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


if __name__ == "__main__":  # regenerate the shipped Questionnaire after data/ changes
    from backpain_aid.content import load_content
    from backpain_aid.evidence import load_evidence

    QUESTIONNAIRE_PATH.parent.mkdir(parents=True, exist_ok=True)
    questionnaire = build_questionnaire(load_evidence(), load_content())
    QUESTIONNAIRE_PATH.write_text(to_json(questionnaire), encoding="utf-8")
    print(QUESTIONNAIRE_PATH)
