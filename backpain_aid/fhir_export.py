"""The patient's answers as a FHIR R4 QuestionnaireResponse, for a clinician's record system.

The Questionnaire it answers ships in data/fhir/questionnaire.json. It is built from data/ by
`build_questionnaire`, and a test checks that the shipped file still matches, so a new option or
question cannot slip out of step. Regenerate it with `python -m backpain_aid.fhir_export`.

Models are fhir.resources' R4B package: R4B keeps R4's Questionnaire and QuestionnaireResponse
unchanged, and it imports offline. Nothing that names the patient is ever put in the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from backpain_aid import sure, values
from backpain_aid.answers import NOT_SURE, Answers, clean, suggested_questions
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.ibp_check import criteria_ids
from backpain_aid.paths import DATA_DIR
from backpain_aid.safety import red_flag_signs

QUESTIONNAIRE_PATH = DATA_DIR / "fhir" / "questionnaire.json"
#: The project's own canonical base. There is no server behind it: it only names things.
BASE_URL = "https://back-pain-options.example/fhir"
QUESTIONNAIRE_URL = f"{BASE_URL}/Questionnaire/patient-answers"
#: Bump when the items change shape (not when an option or a question is added).
QUESTIONNAIRE_VERSION = "1.0.0"

LASTED = "lasted-over-3-months"  # the IBP check's first question: it decides whether the rest apply

#: A FHIR element as plain JSON, before fhir.resources validates it.
Json = dict[str, Any]


def code_system(name: str) -> str:
    return f"{BASE_URL}/CodeSystem/{name}"


# --- The Questionnaire -----------------------------------------------------------------------


def _choice(
    link_id: str, label: str, system: str, codes: Iterable[tuple[str, str]], repeats: bool = False
) -> Json:
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


def _item(link_id: str, label: str, item_type: str, **more: Any) -> Json:
    return {"linkId": link_id, "text": label, "type": item_type, **more}


def build_questionnaire(evidence: Evidence, text: Content) -> Questionnaire:
    """The Questionnaire definition, from the ids and texts in data/."""

    def label(item: str) -> str:
        return text(f"clinician.fhir.items.{item}")

    option_codes = [(option.id, option.name) for option in evidence.options.values()]
    sure_questions = text.entries("values.sure.questions")
    ibp_items = {str(item["id"]): str(item["question"]) for item in text.entries("asas_ibp.items")}
    items = [
        _choice(
            "condition",
            label("condition"),
            "condition",
            [(condition.id, condition.name) for condition in evidence.conditions.values()],
        ),
        _choice("options", label("options"), "option", option_codes, repeats=True),
        _item(
            "red-flags",
            label("red_flags"),
            "group",
            item=[
                _item("red-flags.done", label("red_flags_done"), "boolean"),
                _choice(
                    "red-flags.ticked",
                    label("red_flags_ticked"),
                    "warning-sign",
                    [(sign.id, sign.text) for sign in red_flag_signs(text)],
                    repeats=True,
                ),
            ],
        ),
        _item(
            "ibp",
            label("ibp"),
            "group",
            item=[
                _item(f"ibp.{LASTED}", label("ibp_lasted"), "boolean"),
                *(_item(f"ibp.{item_id}", question, "boolean") for item_id, question in ibp_items.items()),
            ],
        ),
        _item(
            "priorities",
            label("priorities"),
            "group",
            item=[
                _item(f"priority.{attribute.id}", attribute.label, "integer")
                for attribute in values.load_attributes(text, evidence)
            ],
        ),
        _choice(
            "leaning",
            label("leaning"),
            "option",
            [*option_codes, (NOT_SURE, label("leaning_not_sure"))],
        ),
        *(
            _item(
                group,
                label(group.replace("-", "_")),
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
            label("questions"),
            "suggested-question",
            suggested_questions(text).items(),
            repeats=True,
        ),
        _item("notes", label("notes"), "text"),
        _item(
            "medicines",
            label("medicines"),
            "group",
            repeats=True,
            item=[
                _item("medicine.name", label("medicine_name"), "string"),
                _item("medicine.dose", label("medicine_dose"), "string"),
                _item("medicine.how-often", label("medicine_how_often"), "string"),
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


def to_json(resource: Questionnaire | QuestionnaireResponse) -> str:
    plain = resource.model_dump(mode="json", exclude_none=True)
    return json.dumps(plain, indent=2, ensure_ascii=False) + "\n"


def load_questionnaire(path: Path = QUESTIONNAIRE_PATH) -> Questionnaire:
    return Questionnaire.model_validate_json(path.read_text(encoding="utf-8"))


def canonical(questionnaire: Questionnaire) -> str:
    return f"{questionnaire.url}|{questionnaire.version}"


# --- The QuestionnaireResponse ---------------------------------------------------------------


def _coding(system: str, code: str) -> Json:
    return {"valueCoding": {"system": code_system(system), "code": code}}


def _answered(link_id: str, answers: list[Json]) -> list[Json]:
    """An item only where there is an answer: FHIR wants no empty items."""
    return [{"linkId": link_id, "answer": answers}] if answers else []


def _group(link_id: str, items: list[Json]) -> list[Json]:
    return [{"linkId": link_id, "item": items}] if items else []


def _booleans(prefix: str, given: Mapping[str, bool | None], ids: Iterable[str]) -> list[Json]:
    return [
        {"linkId": f"{prefix}.{item_id}", "answer": [{"valueBoolean": bool(given[item_id])}]}
        for item_id in ids
        if given.get(item_id) is not None
    ]


def build_response(
    evidence: Evidence, text: Content, answers: Answers, questionnaire: Questionnaire, authored: datetime
) -> QuestionnaireResponse:
    """The answers the patient gave, item by item; steps they did not do are left out."""
    answers = clean(answers, evidence, text)
    condition = [answers.condition_id] if answers.condition_id is not None else []
    options = list(answers.option_ids)
    red_flags: list[Json] = []
    if answers.red_flags_done:
        red_flags.append({"linkId": "red-flags.done", "answer": [{"valueBoolean": True}]})
    red_flags += _answered("red-flags.ticked", [_coding("warning-sign", i) for i in answers.red_flags_ticked])
    ibp_given = {**answers.ibp_answers, LASTED: answers.ibp_lasted_over_3_months}
    ibp = _booleans("ibp", ibp_given, [LASTED, *criteria_ids(text)])
    priorities: list[Json] = []
    if answers.weights:
        priorities = [
            {"linkId": f"priority.{attribute_id}", "answer": [{"valueInteger": weight}]}
            for attribute_id, weight in answers.weights.items()
        ]
    leaning = answers.leaning
    sure_ids = sure.question_ids(text)
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
            [_coding("suggested-question", q) for q in answers.questions],
        ),
        *_answered("notes", [{"valueString": answers.notes}] if answers.notes else []),
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
    response: Json = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": canonical(questionnaire),
        "status": "completed",
        "authored": authored.isoformat(timespec="seconds"),
        # The language the person read the questions in (BCP-47); the linkIds and codes are the
        # same in every language, so a record system reads the answers alike.
        "language": text.lang,
    }
    if items:
        response["item"] = items
    return QuestionnaireResponse.model_validate(response)


if __name__ == "__main__":  # regenerate the shipped Questionnaire after data/ changes
    from backpain_aid.content import load_content
    from backpain_aid.evidence import load_evidence

    QUESTIONNAIRE_PATH.parent.mkdir(parents=True, exist_ok=True)
    questionnaire = build_questionnaire(load_evidence(), load_content())
    QUESTIONNAIRE_PATH.write_text(to_json(questionnaire), encoding="utf-8")
    print(QUESTIONNAIRE_PATH)
