"""The comparison at a glance: the questions people ask, one short answer per option, each
answer carrying the one verdict every other page shows for the same result.

Built from the evidence alone (no Streamlit), so Compare, the summary and the PDF can all draw the
same grid. Each evidence cell names the outcome rows behind it, so a page can open the detail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from backpain_aid import verdicts
from backpain_aid.compare import Selection
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import STANCE_DIRECTION, Outcome
from backpain_aid.language import format_number
from backpain_aid.verdicts import Verdict
from backpain_aid.wording import count_out_of_100, format_points, mid_sentence, round_half_up

ROW_IDS = ("pain", "lasts", "side_effects", "serious_harms", "invasive", "practicalities", "guidelines")
#: Results measured this many weeks or more after the start answer "Does it last?".
LASTING_WEEKS = 26
#: Direction words in the order they are listed.
DIRECTIONS = ("for", "against", "no_advice")


@dataclass(frozen=True)
class GlanceCell:
    option_id: str
    answer: str  # about 12 words at most
    verdict: Verdict | None = None  # rows about results only
    verdict_label: str = ""  # the same words every page uses for that result
    certainty: str = ""  # "Moderate", ... for rows about results
    outcome_ids: tuple[str, ...] = ()  # every result the row looked at, for the detail


@dataclass(frozen=True)
class GlanceRow:
    id: str
    question: str
    cells: tuple[GlanceCell, ...]


def short_answer(outcome: Outcome, evidence: Evidence, text: Content) -> str:
    """One result in about 12 words: what was measured, the figures, and when."""
    name = evidence.outcome_types[outcome.outcome_type_id].name
    if outcome.measure == "no_good_evidence":
        return text(f"glance.answer.not_known.{outcome.unknown_reason}")
    # The source's own time frame in words ("short term (weeks after the programme)"), never a
    # figure made from timeframe_weeks, which is sometimes our estimate for putting rows in order.
    values = {"outcome": name, "when": outcome.timeframe}
    if outcome.measure == "mean_difference":
        scale = evidence.scales[outcome.scale_id]
        better = (outcome.difference < 0) == (scale.better == "lower")
        key = "glance.answer.md_same" if outcome.difference == 0 else "glance.answer.md"
        return text(
            key,
            amount=format_points(outcome.difference, text.lang),
            direction=text("wording.better" if better else "wording.worse"),
            top=format_number(scale.high_end, text.lang),
            **values,
        )
    if outcome.measure == "extra_events":
        per_1000 = round((outcome.option_per_100 or 0.0) * 10, 1)
        return text("glance.answer.extra_per_1000", n=format_number(per_1000, text.lang), **values)
    option = round_half_up(outcome.option_count)
    if outcome.has_comparator:
        return text(
            "glance.answer.events",
            option=option,
            comparator=round_half_up(outcome.comparator_count),
            **values,
        )
    return text("glance.answer.events_alone", option=count_out_of_100(outcome.option_count, text), **values)


def _result_cell(
    option_id: str,
    outcomes: list[Outcome],
    pick: Callable[[list[Verdict]], Verdict | None],
    evidence: Evidence,
    text: Content,
) -> GlanceCell:
    ids = tuple(outcome.id for outcome in outcomes)
    judged = [verdicts.judge(outcome, evidence) for outcome in outcomes]
    chosen = pick(judged) if judged else None
    if chosen is None:  # nothing measured: the first "no good evidence" row speaks, or nothing does
        shown = next((v for v in judged if v.id in {"not_known", "baseline"}), None)
        if shown is None:  # nothing at all: as unknown as "no good evidence", and said the same way
            label = text("verdicts.label.not_known")
            return GlanceCell(
                option_id, text("glance.answer.none_found"), verdict_label=label, outcome_ids=ids
            )
        chosen = shown
    return GlanceCell(
        option_id,
        short_answer(chosen.outcome, evidence, text),
        chosen,
        verdicts.label(chosen, text),
        # How sure, only beside a figure: beside "Not known" it would read as how sure we are
        # that nothing is known.
        ""
        if chosen.outcome.measure == "no_good_evidence"
        else text(f"wording.certainty_short.{chosen.outcome.certainty}"),
        ids,
    )


def _benefits(evidence: Evidence, option_id: str, condition_id: str) -> list[Outcome]:
    return evidence.outcomes_for(option_id, condition_id, "benefit")


def _harms(evidence: Evidence, option_id: str, condition_id: str, severity: str) -> list[Outcome]:
    return [
        outcome
        for outcome in evidence.outcomes_for(option_id, condition_id, "harm")
        if evidence.outcome_types[outcome.outcome_type_id].severity == severity
    ]


def _headline(found: list[Verdict]) -> Verdict | None:
    return next((v for v in found if v.outcome.headline and v.measured), None) or verdicts.deciding(
        found, "benefit"
    )


def _evidence_cells(evidence: Evidence, text: Content, selection: Selection) -> dict[str, list[GlanceCell]]:
    cells: dict[str, list[GlanceCell]] = {row_id: [] for row_id in ROW_IDS[:4]}
    for option_id in selection.option_ids:
        benefits = _benefits(evidence, option_id, selection.condition_id)
        lasting = [
            o
            for o in benefits
            if o.measure == "no_good_evidence" or (o.timeframe_weeks or 0) >= LASTING_WEEKS
        ]
        cells["pain"].append(_result_cell(option_id, benefits, _headline, evidence, text))
        cells["lasts"].append(
            _result_cell(
                option_id, lasting, lambda found: verdicts.deciding(found, "benefit"), evidence, text
            )
        )
        for row_id, severity in (("side_effects", "common"), ("serious_harms", "serious")):
            harms = _harms(evidence, option_id, selection.condition_id, severity)
            cells[row_id].append(
                _result_cell(option_id, harms, lambda found: verdicts.deciding(found, "harm"), evidence, text)
            )
    return cells


def _guidelines_answer(evidence: Evidence, text: Content, option_id: str, condition_id: str) -> str:
    names: dict[str, list[str]] = {direction: [] for direction in DIRECTIONS}
    for stance in evidence.stances_for(option_id, condition_id):
        direction = STANCE_DIRECTION[stance.stance]
        if direction is not None:
            names[direction].append(evidence.guidelines[stance.guideline_id].short_name)
    parts = [
        text(f"glance.guidelines.{direction}", names=", ".join(found))
        for direction, found in names.items()
        if found
    ]
    return " ".join(parts) or text("glance.guidelines.none")


def glance(evidence: Evidence, text: Content, selection: Selection) -> tuple[GlanceRow, ...]:
    """The grid: one row per question in ROW_IDS, one cell per chosen option, in the person's order."""
    evidence_cells = _evidence_cells(evidence, text, selection)
    options = [evidence.options[option_id] for option_id in selection.option_ids]
    steps = len(evidence.ladder)
    plain_cells: dict[str, Iterable[GlanceCell]] = {
        "invasive": (
            GlanceCell(
                option.id,
                text(
                    "glance.answer.step",
                    step=evidence.ladder[option.ladder_step].step,
                    steps=steps,
                    name=mid_sentence(evidence.ladder[option.ladder_step].name),
                ),
            )
            for option in options
        ),
        "practicalities": (GlanceCell(option.id, option.at_a_glance) for option in options),
        "guidelines": (
            GlanceCell(option.id, _guidelines_answer(evidence, text, option.id, selection.condition_id))
            for option in options
        ),
    }
    return tuple(
        GlanceRow(
            row_id,
            text(f"glance.questions.{row_id}"),
            tuple(evidence_cells.get(row_id) or plain_cells[row_id]),
        )
        for row_id in ROW_IDS
    )
