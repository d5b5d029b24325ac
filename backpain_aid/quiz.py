"""Knowledge check: a few questions built from the evidence rows of the options being compared,
with the right answer and the figure behind it. Every answer is read from data/, never typed in.

Public API (Streamlit-free):

- ``questions(evidence, text, condition_id, option_ids) -> list[Question]``: 4 to 6 questions
  where the data allows (fewer if the options have few figures), ids stable across reruns.
- ``mark(questions, answers) -> QuizResult``: per question whether the answer was right, and
  the counts. Not a grade: the page shows every right figure whatever was chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from backpain_aid.content import Content, whole_number
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import Outcome
from backpain_aid.wording import cite, describe_outcome, mid_sentence, round_half_up

MAX_QUESTIONS = 6
CERTAINTIES = ("high", "moderate", "low", "very_low")


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str  # "<kind>.<outcome row id>": stable, so answers kept in session state still fit
    kind: str  # count | compare | certainty | no_evidence
    option_id: str
    outcome: Outcome
    prompt: str
    choices: tuple[Choice, ...]
    answer_id: str
    figure: str  # the evidence sentence that holds the right answer
    evidence_line: str  # certainty and source

    def choice(self, choice_id: str) -> Choice:
        return next(choice for choice in self.choices if choice.id == choice_id)


def questions(
    evidence: Evidence, text: Content, condition_id: str, option_ids: Sequence[str]
) -> list[Question]:
    """Take turns between the options, so each gets a fair share of questions."""
    queues = [_candidates(evidence, text, condition_id, option_id) for option_id in option_ids]
    chosen: list[Question] = []
    for turn in range(max(map(len, queues), default=0)):
        for queue in queues:
            if turn < len(queue) and len(chosen) < MAX_QUESTIONS:
                chosen.append(queue[turn])
    return chosen


def _candidates(evidence: Evidence, text: Content, condition_id: str, option_id: str) -> list[Question]:
    rows = evidence.outcomes_for(option_id, condition_id)
    events = sorted(
        (o for o in rows if o.measure == "events"),
        key=lambda o: (not o.headline, evidence.outcome_types[o.outcome_type_id].kind != "benefit"),
    )
    compared = [o for o in events if o.has_comparator]
    # "Is there good evidence?" has the answer "no" only where no good studies exist at all.
    unknown = [o for o in rows if o.measure == "no_good_evidence" and o.unknown_reason == "no_evidence"]
    with_figure = sorted((o for o in rows if o.measure != "no_good_evidence"), key=lambda o: not o.headline)
    plans: list[tuple[Callable[..., Question], list[Outcome]]] = [
        (_count, events[:1]),
        # A second row if there is one, so the two questions teach different facts.
        (_compare, compared[1:2] or compared[:1]),
        (_no_evidence, unknown[:1]),
        (_certainty, with_figure[:1]),
    ]
    found: list[Question] = []
    for build, outcomes in plans:
        found += [build(outcome, evidence, text) for outcome in outcomes]
    return found


def _names(outcome: Outcome, evidence: Evidence) -> dict[str, str]:
    return {
        "option": mid_sentence(evidence.options[outcome.option_id].name),
        "comparator": mid_sentence(evidence.comparators[outcome.comparator_id].name),
        "outcome": mid_sentence(evidence.outcome_types[outcome.outcome_type_id].name),
        "outcome_name": evidence.outcome_types[outcome.outcome_type_id].name,  # to open a question
        "timeframe": outcome.timeframe,
    }


def _question(
    kind: str, outcome: Outcome, evidence: Evidence, text: Content, choices: Sequence[Choice], answer_id: str
) -> Question:
    statement = describe_outcome(outcome, evidence, text)
    figure = (
        statement.sentence
        if outcome.measure != "no_good_evidence"
        else f"{statement.sentence} {statement.note}"
    )
    return Question(
        id=f"{kind}.{outcome.id}",
        kind=kind,
        option_id=outcome.option_id,
        outcome=outcome,
        prompt=text(f"values.quiz.{kind}", **_names(outcome, evidence)),
        choices=tuple(choices),
        answer_id=answer_id,
        figure=figure,
        evidence_line=text(
            "values.quiz.evidence",
            certainty=text(f"wording.certainty_short.{outcome.certainty}"),
            source=cite(statement.source),
        ),
    )


def _count(outcome: Outcome, evidence: Evidence, text: Content) -> Question:
    key = "values.quiz.bands"
    bands = text.entries(key)
    count = round_half_up(outcome.option_count)
    answer = next(
        str(b["id"]) for b in bands if whole_number(b["low"], key) <= count <= whole_number(b["high"], key)
    )
    choices = [Choice(str(b["id"]), str(b["label"])) for b in bands]
    return _question("count", outcome, evidence, text, choices, answer)


def _compare(outcome: Outcome, evidence: Evidence, text: Content) -> Question:
    names = _names(outcome, evidence)
    gap = round_half_up(outcome.option_count) - round_half_up(outcome.comparator_count)
    same_within = text.number("values.quiz.same_within")
    answer = "same" if abs(gap) <= same_within else "more_option" if gap > 0 else "more_comparator"
    choices = [
        Choice(choice_id, text(f"values.quiz.choices.{choice_id}", **names))
        for choice_id in ("more_option", "same", "more_comparator")
    ]
    return _question("compare", outcome, evidence, text, choices, answer)


def _certainty(outcome: Outcome, evidence: Evidence, text: Content) -> Question:
    choices = [Choice(level, text(f"wording.certainty_short.{level}")) for level in CERTAINTIES]
    return _question("certainty", outcome, evidence, text, choices, outcome.certainty)


def _no_evidence(outcome: Outcome, evidence: Evidence, text: Content) -> Question:
    choices = [Choice(answer, text(f"values.quiz.choices.{answer}")) for answer in ("yes", "no")]
    return _question("no_evidence", outcome, evidence, text, choices, "no")


@dataclass(frozen=True)
class QuizResult:
    correct: Mapping[str, bool | None]  # question id -> right, wrong, or None if not answered

    @property
    def total(self) -> int:
        return len(self.correct)

    @property
    def answered(self) -> int:
        return sum(value is not None for value in self.correct.values())

    @property
    def right(self) -> int:
        return sum(value is True for value in self.correct.values())

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.answered == self.total


def mark(questions: Sequence[Question], answers: Mapping[str, str] | None) -> QuizResult:
    """Answers to questions no longer asked (other options picked since) are ignored."""
    answers = answers or {}
    return QuizResult(
        {
            question.id: None
            if answers.get(question.id) is None
            else answers[question.id] == question.answer_id
            for question in questions
        }
    )
