"""A whole journey through the aid, as the answers a person would leave: the PDF tests read it
back, and the PDF benchmark builds it."""

from backpain_aid import quiz, sure
from backpain_aid.answers import Answers
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.medicines import Medicine

JOURNEY_CONDITION = "sciatica"
JOURNEY_OPTIONS = ("no_treatment", "gabapentinoids", "epidural_steroid_injection", "discectomy")
JOURNEY_NOTES = (
    "Can I keep cycling to work while I wait?\n"
    "هل يمكنني العودة إلى العمل؟\n"
    "האם אני יכול לחזור לעבודה?\n"
    "Pain 😣 10/10 👍🏽 👨‍👩‍👧 (my wife's question is in Hebrew)"
)


def journey_answers(evidence: Evidence, text: Content) -> Answers:
    asked = quiz.questions(evidence, text, JOURNEY_CONDITION, JOURNEY_OPTIONS)
    return Answers(
        condition_id=JOURNEY_CONDITION,
        option_ids=JOURNEY_OPTIONS,
        red_flags_done=True,
        medicines=(
            Medicine("Naproxen", "500 mg", "twice a day"),
            Medicine("Omeprazole", "20 mg", "once a day"),
        ),
        weights={"feel_better": 4, "few_side_effects": 3, "no_needles_or_surgery": 4, "lasting_relief": 2},
        leaning="epidural_steroid_injection",
        sure_before={question_id: False for question_id in sure.QUESTION_IDS},
        sure_after={**{question_id: True for question_id in sure.QUESTION_IDS}, "encouragement": False},
        quiz_answers={question.id: question.answer_id for question in asked},
        questions=("what_if_wait", "side_effects"),
        notes=JOURNEY_NOTES,
    )
