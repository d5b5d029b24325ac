"""The Compare page's side-by-side rows (what each option involves, its benefits, harms, ...) as
one block of Markdown with a little HTML for the layout. Without Streamlit, so ui/cache.py can keep
the block for each choice. Only text from data/ goes in, never anything a person typed."""

from collections.abc import Sequence

from backpain_aid.compare import Selection, build_comparison
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.explore import OptionCard
from backpain_aid.wording import OutcomeStatement
from ui import markdown

ROW_IDS = (
    "involves",
    "benefits",
    "side_effects",
    "serious_harms",
    "invasiveness",
    "practicalities",
    "guidelines",
    "sources",
)
INVOLVES_FIELDS = ("who_gives", "where", "how_often", "how_long")
PRACTICAL_FIELDS = ("time_and_visits", "how_soon", "recovery", "cost_note")
# The same break point as Streamlit's own columns, below which they stack.
GRID_STYLE = """<style>
.aid-row {display: grid; gap: 0 1rem;}
.aid-row-2 {grid-template-columns: repeat(2, minmax(0, 1fr));}
.aid-row-3 {grid-template-columns: repeat(3, minmax(0, 1fr));}
.aid-row-4 {grid-template-columns: repeat(4, minmax(0, 1fr));}
.aid-disagree {background: #e8f0fb; border-radius: 0.5rem; padding: 0.75rem 1rem 0.1rem; margin-bottom: 1rem;}
@media (max-width: 640px) {.aid-row {grid-template-columns: minmax(0, 1fr); gap: 0.75rem;}
  .aid-row > div + div {border-top: 1px solid #c9d3de; padding-top: 0.75rem;}}
</style>"""


def grid_markdown(evidence: Evidence, text: Content, selection: Selection, row_ids: Sequence[str]) -> str:
    """Every chosen row as one block of Markdown, where columns would take ten elements a row
    (each costs rerun time). Its style lays the cells side by side and stacks them on a phone."""
    comparison = build_comparison(evidence, text, selection)
    width = len(comparison.cards)
    blocks = [GRID_STYLE]
    for row_id in row_ids:
        # Blank lines around each cell's text, so Markdown inside the <div>s is still read as Markdown.
        cells = (
            f"<div>\n\n**{card.option.name}**\n\n{CELLS[row_id](card, text, evidence)}\n\n</div>"
            for card in comparison.cards
        )
        blocks.append(f"### {text(f'compare.rows.{row_id}')}")
        blocks.append(f'<div class="aid-row aid-row-{width}">\n' + "\n".join(cells) + "\n</div>")
    return "\n\n".join(blocks)


def statements_cell(statements: list[OutcomeStatement], text: Content) -> str:
    if not statements:
        return text("compare.none_found")
    certainty = text("explore.certainty")
    verdict = text("explore.verdict")
    return "\n\n".join(
        f"*{s.label}.* **{verdict}: {s.verdict_label}.** {s.verdict_reason}"
        + f"\n\n{s.sentence} {s.note}".rstrip()
        + f"\n\n{certainty}: {text(f'wording.certainty_short.{s.outcome.certainty}')}"
        for s in statements
    )


def outcomes_of(
    card: OptionCard, evidence: Evidence, kind: str, severity: str | None = None
) -> list[OutcomeStatement]:
    statements = (card.benefit, card.harm, *card.more_outcomes)
    return [
        s
        for s in statements
        if evidence.outcome_types[s.outcome.outcome_type_id].kind == kind
        and (severity is None or evidence.outcome_types[s.outcome.outcome_type_id].severity == severity)
    ]


def fields_cell(card: OptionCard, text: Content, fields: tuple[str, ...]) -> str:
    lines = []
    for field in fields:
        value = getattr(card.option, field) or text("explore.cost_not_stated")
        lines.append(f"- **{text(f'explore.involves.{field}')}:** {value}")
    return "\n".join(lines)


def invasiveness_cell(card: OptionCard, text: Content, evidence: Evidence) -> str:
    step = evidence.ladder[card.option.ladder_step]
    heading = text("explore.step_heading", step=step.step, name=step.name)
    return f"{heading}. {step.meaning}\n\n{markdown.ladder_facts(step, text)}"


def guidelines_cell(card: OptionCard, text: Content, evidence: Evidence) -> str:
    if card.guidelines_disagree:
        disagree = f"**{text('explore.guidelines_disagree')}** {card.guideline_note}"
        note = f'<div class="aid-disagree">\n\n{disagree}\n\n</div>'
    else:
        note = card.guideline_note
    return f"{note}\n\n{markdown.stance_lines(card, evidence, text)}".strip()


#: Each row's cell for one option, as Markdown.
CELLS = {
    "involves": lambda card, text, evidence: fields_cell(card, text, INVOLVES_FIELDS),
    "benefits": lambda card, text, evidence: statements_cell(outcomes_of(card, evidence, "benefit"), text),
    "side_effects": lambda card, text, evidence: statements_cell(
        outcomes_of(card, evidence, "harm", "common"), text
    ),
    "serious_harms": lambda card, text, evidence: statements_cell(
        outcomes_of(card, evidence, "harm", "serious"), text
    ),
    "invasiveness": invasiveness_cell,
    "practicalities": lambda card, text, evidence: fields_cell(card, text, PRACTICAL_FIELDS),
    "guidelines": guidelines_cell,
    "sources": lambda card, text, evidence: markdown.source_lines(card.sources),
}
