"""The SURE test (Légaré et al. 2010): four yes/no questions that screen for decisional conflict,
asked at the start and again at the end. A score below 4 suggests the person is not yet sure.

Public API (Streamlit-free):

- ``question_ids(text) -> list[str]``: the question ids, in order, from data/content/values.yaml.
- ``score(answers, question_ids) -> SureResult``: the score, and ``meaning_key`` (a content key
  under values.sure.meaning) that says in plain words what it means.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from backpain_aid.content import Content

#: Légaré 2010: 4 of 4 means no decisional conflict; 3 or less suggests it.
NO_CONFLICT_SCORE = 4
QUESTION_IDS = ("sure_of_myself", "understand_information", "risk_benefit_ratio", "encouragement")

Meaning = Literal["incomplete", "no_conflict", "possible_conflict"]


def question_ids(text: Content) -> list[str]:
    return [str(question["id"]) for question in text.entries("values.sure.questions")]


@dataclass(frozen=True)
class SureResult:
    score: int  # yes answers
    answered: int
    total: int
    no_ids: tuple[str, ...]  # questions answered no, in order

    @property
    def complete(self) -> bool:
        return self.answered == self.total

    @property
    def meaning(self) -> Meaning:
        if not self.complete:
            return "incomplete"
        return "no_conflict" if self.score >= NO_CONFLICT_SCORE else "possible_conflict"

    @property
    def meaning_key(self) -> str:
        return f"values.sure.meaning.{self.meaning}"


def score(answers: Mapping[str, bool | None] | None, ids: Sequence[str] = QUESTION_IDS) -> SureResult:
    """Yes counts 1, no counts 0; unknown question ids in the answers are ignored."""
    answers = answers or {}
    given = {question: answers[question] for question in ids if answers.get(question) is not None}
    return SureResult(
        score=sum(bool(value) for value in given.values()),
        answered=len(given),
        total=len(ids),
        no_ids=tuple(question for question in ids if given.get(question) is False),
    )
