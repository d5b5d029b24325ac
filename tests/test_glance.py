"""The comparison at a glance: every question answered for every option in a few words, each
result-based answer carrying the one verdict, and each answer traceable to its rows."""

import pytest

from backpain_aid import verdicts
from backpain_aid.compare import MAX_OPTIONS, Selection
from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.evidence.models import STANCE_DIRECTION
from backpain_aid.glance import LASTING_WEEKS, ROW_IDS, glance, short_answer
from tests.test_content import MAX_GRADE, grade, plain

EVIDENCE = load_evidence()
TEXT = load_content()
MAX_WORDS = 13  # "about 12 words"
SELECTIONS = [
    Selection(condition_id, ids[start : start + MAX_OPTIONS])
    for condition_id in EVIDENCE.conditions
    for ids in [tuple(option.id for option in EVIDENCE.options_for(condition_id))]
    for start in range(0, len(ids), MAX_OPTIONS)
]
TIMEFRAMES = {outcome.id: outcome.timeframe for outcome in EVIDENCE.outcomes}
GRIDS = {selection: glance(EVIDENCE, TEXT, selection) for selection in SELECTIONS}


@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: f"{s.condition_id}:{'+'.join(s.option_ids)}")
def test_every_question_has_one_short_answer_per_option(selection):
    grid = GRIDS[selection]
    assert tuple(row.id for row in grid) == ROW_IDS
    for row in grid:
        assert tuple(cell.option_id for cell in row.cells) == selection.option_ids
        for cell in row.cells:
            # Short, but for the time frame, which is the source's own words (see glance.yaml).
            timeframes = [TIMEFRAMES[outcome_id] for outcome_id in cell.outcome_ids]
            short = next((cell.answer.removesuffix(f", {t}") for t in timeframes if t), cell.answer)
            assert cell.answer and len(short.split()) <= MAX_WORDS, cell.answer


@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: f"{s.condition_id}:{'+'.join(s.option_ids)}")
def test_result_answers_carry_the_one_verdict_of_their_row(selection):
    for row in GRIDS[selection][:4]:
        for cell in row.cells:
            if cell.verdict is None:
                assert cell.verdict_label == TEXT("verdicts.label.not_known") and not cell.certainty
                continue
            outcome = cell.verdict.outcome
            assert outcome.id in cell.outcome_ids and outcome.option_id == cell.option_id
            assert cell.verdict_label == verdicts.label(verdicts.judge(outcome, EVIDENCE), TEXT)
            assert cell.answer == short_answer(outcome, EVIDENCE, TEXT)
            if outcome.measure == "no_good_evidence":  # no "how sure" beside "Not known"
                assert cell.certainty == ""
            else:
                assert cell.certainty == TEXT(f"wording.certainty_short.{outcome.certainty}")
            if row.id == "lasts" and outcome.measure != "no_good_evidence":
                assert outcome.timeframe_weeks >= LASTING_WEEKS
            if row.id == "pain" and cell.verdict.measured:
                assert outcome.headline or not any(
                    o.headline and o.measure != "no_good_evidence"
                    for o in EVIDENCE.outcomes_for(cell.option_id, selection.condition_id, "benefit")
                )


@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: f"{s.condition_id}:{'+'.join(s.option_ids)}")
def test_the_guidelines_answer_names_every_guideline_by_direction(selection):
    row = next(row for row in GRIDS[selection] if row.id == "guidelines")
    for cell in row.cells:
        for stance in EVIDENCE.stances_for(cell.option_id, selection.condition_id):
            if STANCE_DIRECTION[stance.stance]:
                assert EVIDENCE.guidelines[stance.guideline_id].short_name in cell.answer


def test_short_answers_read_at_grade_8_or_below():
    answers = sorted({cell.answer for grid in GRIDS.values() for row in grid for cell in row.cells})
    # Graded together: a single 10-word answer is not a sentence a formula can grade.
    assert grade(plain(". ".join(answers))) <= MAX_GRADE
