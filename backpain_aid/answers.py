"""What the person told the aid, as one model, cleaned once before anything shows it.

The summary page, the PDF, the consultation note, the FHIR export and the patient-held file all
read `Answers` after `clean(answers, evidence, text)`, so no surface decides for itself which
leaning, weights or notes still count. Cleaning drops ids the evidence or the content no longer
knows (a leaning towards an option no longer compared, a ticked sign that was renamed), clamps
weights, and cuts the notes with a flag that says so. It is idempotent and cheap on clean input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from backpain_aid import quiz, sure, values
from backpain_aid.compare import clean_selection
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.follow_up import FollowUp
from backpain_aid.ibp_check import criteria_ids
from backpain_aid.medicines import Medicine, clean_text
from backpain_aid.safety import red_flag_signs

#: Longest notes kept. The page's text box is cut at this length too; this guards everything else.
MAX_NOTES_CHARS = 3000
#: The leaning "I am not sure yet", kept beside option ids.
NOT_SURE = "not_sure"
#: Fields that say how the answers were cleaned, not what the person said: a saved file leaves them
#: out (backpain_aid/patient_file.py writes only what the person answered; a test checks it).
CLEANING_FIELDS = ("notes_cut", "is_clean")


@dataclass(frozen=True)
class Answers:
    """Everything the person told the aid, as plain values (the page copies them from its state)."""

    condition_id: str | None = None
    option_ids: tuple[str, ...] = ()
    pictured_outcome_id: str | None = None
    red_flags_ticked: tuple[str, ...] = ()
    red_flags_done: bool = False
    ibp_lasted_over_3_months: bool | None = None
    ibp_answers: Mapping[str, bool | None] = field(default_factory=dict)
    medicines: tuple[Medicine, ...] = ()
    weights: Mapping[str, int] = field(default_factory=dict)  # empty: the step was not done
    leaning: str | None = None
    sure_before: Mapping[str, bool] = field(default_factory=dict)
    sure_after: Mapping[str, bool] = field(default_factory=dict)
    quiz_answers: Mapping[str, str] = field(default_factory=dict)
    questions: tuple[str, ...] = ()  # ids of suggested questions
    notes: str = ""
    follow_ups: tuple[FollowUp, ...] = ()  # "how am I doing now" checks, from later visits
    notes_cut: bool = False  # the notes were longer than MAX_NOTES_CHARS and were cut
    is_clean: bool = field(default=False, compare=False)  # set by clean() only

    @property
    def worth_keeping(self) -> bool:
        """The person has told the aid something a reload would lose: more than which condition
        and options were looked at, which a page sets on its own and a link gives back."""
        told: tuple[object, ...] = (self.red_flags_ticked, self.ibp_answers, self.medicines, self.weights)
        told += (self.leaning, self.sure_before, self.sure_after, self.quiz_answers, self.questions)
        return any(told) or bool(self.notes or self.follow_ups) or self.red_flags_done


def clean(answers: Answers, evidence: Evidence, text: Content) -> Answers:
    """The answers every surface shows: only ids the evidence and the content know, a leaning
    only towards an option still compared (or "not sure"), weights whole numbers from 0 to
    values.MAX_WEIGHT for every attribute, notes as plain text cut to MAX_NOTES_CHARS."""
    if answers.is_clean:
        return answers
    condition_id = answers.condition_id if answers.condition_id in evidence.conditions else None
    option_ids: tuple[str, ...] = ()
    quiz_answers: dict[str, str] = {}
    if condition_id is not None:
        option_ids = clean_selection(evidence, condition_id, answers.option_ids)[0].option_ids
        asked = {question.id for question in quiz.questions(evidence, text, condition_id, option_ids)}
        quiz_answers = {k: v for k, v in answers.quiz_answers.items() if k in asked and isinstance(v, str)}
    leaning = answers.leaning if answers.leaning == NOT_SURE or answers.leaning in option_ids else None
    sure_ids = set(sure.question_ids(text))
    sign_ids = {sign.id for sign in red_flag_signs(text)}
    ibp_ids = set(criteria_ids(text))
    known_questions = suggested_questions(text)
    notes, cut = clean_notes(answers.notes)
    return replace(
        answers,
        condition_id=condition_id,
        option_ids=option_ids,
        pictured_outcome_id=answers.pictured_outcome_id
        if answers.pictured_outcome_id in evidence.outcome_types
        else None,
        red_flags_ticked=tuple(dict.fromkeys(i for i in answers.red_flags_ticked if i in sign_ids)),
        ibp_answers={k: v for k, v in answers.ibp_answers.items() if k in ibp_ids and v in (True, False)},
        weights=_clean_weights(answers.weights, evidence, text),
        leaning=leaning,
        sure_before=_known_booleans(answers.sure_before, sure_ids),
        sure_after=_known_booleans(answers.sure_after, sure_ids),
        quiz_answers=quiz_answers,
        questions=tuple(dict.fromkeys(q for q in answers.questions if q in known_questions)),
        notes=notes,
        notes_cut=answers.notes_cut or cut,
        is_clean=True,
    )


def clean_notes(raw: str) -> tuple[str, bool]:
    """Notes as plain text: control characters dropped, line breaks kept, cut to MAX_NOTES_CHARS.
    Returns the text and whether it was cut."""
    lines = [clean_text(line) for line in str(raw).splitlines()]
    kept = "\n".join(lines).strip()
    while "\n\n\n" in kept:
        kept = kept.replace("\n\n\n", "\n\n")
    if len(kept) <= MAX_NOTES_CHARS:
        return kept, False
    return kept[:MAX_NOTES_CHARS].rstrip(), True


def suggested_questions(text: Content) -> dict[str, str]:
    """The questions a person may pick to ask at the visit, by id."""
    return {str(item["id"]): str(item["text"]) for item in text.entries("summary.questions.suggested")}


def _clean_weights(weights: Mapping[str, int], evidence: Evidence, text: Content) -> dict[str, int]:
    """Every attribute's weight when the person set any known one; empty (not done) otherwise."""
    attributes = values.load_attributes(text, evidence)
    if not any(attribute.id in weights for attribute in attributes):
        return {}
    return values.clean_weights(attributes, weights)


def _known_booleans(given: Mapping[str, bool], known: set[str]) -> dict[str, bool]:
    return {k: v for k, v in given.items() if k in known and isinstance(v, bool)}
