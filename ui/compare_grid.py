"""The detail behind each row of the Compare grid at a glance: the full results (verdict, figures,
comparison group, certainty, who was studied, source and a picture of each), the steps, the
practicalities, the guideline stances and the sources, one option per column. Each row's detail
is one block of Markdown with a little HTML for the layout, without Streamlit, so ui/cache.py can
keep it for each choice. Each result is shown once on the page, under one row only.

Only text from data/ goes in, never anything a person typed; the pictures escape their text."""

from backpain_aid import charts
from backpain_aid.compare import Selection, build_comparison
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.explore import OptionCard
from backpain_aid.glance import LASTING_WEEKS
from backpain_aid.glance import ROW_IDS as GLANCE_ROW_IDS
from backpain_aid.wording import OutcomeStatement, cite
from ui import html, markdown

#: One detail per row of the grid, then the sources of everything shown.
ROW_IDS = (*GLANCE_ROW_IDS, "sources")
INVOLVES_FIELDS = ("who_gives", "where", "how_often", "how_long")
PRACTICAL_FIELDS = ("time_and_visits", "how_soon", "recovery", "cost_note")
#: Which results each row's detail shows: (kind, severity), severity None for any.
RESULT_KINDS = {
    "pain": ("benefit", None),
    "side_effects": ("harm", "common"),
    "serious_harms": ("harm", "serious"),
}


def lasting(statement: OutcomeStatement) -> bool:
    return (statement.outcome.timeframe_weeks or 0) >= LASTING_WEEKS and statement.verdict.measured


def details_markdown(evidence: Evidence, text: Content, selection: Selection) -> dict[str, str]:
    """Every row's detail for the chosen options, by row id."""
    comparison = build_comparison(evidence, text, selection)
    return {row_id: row_markdown(evidence, text, comparison.cards, row_id) for row_id in ROW_IDS}


def row_markdown(evidence: Evidence, text: Content, cards: tuple[OptionCard, ...], row_id: str) -> str:
    """One row's detail: what it says first, then the options side by side (stacked on a phone)."""
    blocks = []
    if row_id in RESULT_KINDS:
        found = [s for card in cards for s in outcomes_of(card, evidence, *RESULT_KINDS[row_id])]
        kinds = {s.outcome.measure for s in found}
        if "events" in kinds:
            blocks.append(text("pictures.people_key"))
        if "mean_difference" in kinds:
            blocks.append(text("pictures.average.key"))
    elif row_id == "lasts":
        blocks.append(text("compare.detail.lasting_intro", question=text("glance.questions.pain")))
    elif row_id == "invasive":
        ids = [card.option.id for card in cards]
        blocks.append(charts.ladder_picture(evidence, ids, text))
    cell = CELLS[row_id]
    cells = [(card.option.name, cell(card, text, evidence)) for card in cards]
    blocks.append(html.render("detail_row.html.j2", cells=cells))
    return "\n\n".join(blocks)


def statement_markdown(
    s: OutcomeStatement,
    text: Content,
    evidence: Evidence,
    heading: str | None = None,
    full_certainty: bool = False,
) -> str:
    """One result in full, its picture under its figures (none where there is no good evidence).
    With a heading ("Possible benefit"), the result's name follows it on a line of its own; with
    full_certainty, the certainty says what it means ("new research may change this")."""
    verdict = f"**{text('explore.verdict')}: {s.verdict_label}.** {s.verdict_why}".rstrip()
    lines = [f"**{heading}: {s.label}**", verdict] if heading else [f"*{s.label}.* {verdict}"]
    lines.append(f"{s.sentence} {s.note}".rstrip())
    picture = charts.result_picture(s.outcome, evidence, text)
    if picture:
        lines.append(picture)
    if s.comparator_detail:
        lines.append(f"*{s.comparator_heading}:* {s.comparator_detail}")
    certainty = s.certainty if full_certainty else text(f"wording.certainty_short.{s.outcome.certainty}")
    lines.append(f"{text('explore.certainty')}: {certainty}")
    lines.append(f"*{text('explore.population')}:* {s.outcome.population}")
    lines.append(f"*{text('explore.source')}:* {cite(s.source)}")
    return "\n\n".join(lines)


def statements_cell(statements: list[OutcomeStatement], text: Content, evidence: Evidence) -> str:
    if not statements:
        return text("compare.none_found")
    return markdown.one_result_after_another(statement_markdown(s, text, evidence) for s in statements)


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


def lasting_cell(card: OptionCard, text: Content, evidence: Evidence) -> str:
    """The results at 6 months or more, by name and verdict: their figures are under the first row."""
    found = [s for s in outcomes_of(card, evidence, "benefit") if lasting(s)]
    if not found:
        return text("compare.detail.lasting_none")
    line = "compare.detail.lasting_line"
    return "\n".join(
        "- " + text(line, outcome=s.label, timeframe=s.outcome.timeframe, verdict=s.verdict_label)
        for s in found
    )


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
        heading = text("explore.guidelines_disagree")
        note = html.render("disagree_note.html.j2", heading=heading, note=card.guideline_note)
    else:
        note = card.guideline_note
    return f"{note}\n\n{markdown.stance_lines(card, evidence, text)}".strip()


def results_cell(row_id: str):
    kind, severity = RESULT_KINDS[row_id]

    def cell(card: OptionCard, text: Content, evidence: Evidence) -> str:
        return statements_cell(outcomes_of(card, evidence, kind, severity), text, evidence)

    return cell


#: Each row's cell for one option, as Markdown.
CELLS = {
    "pain": results_cell("pain"),
    "lasts": lasting_cell,
    "side_effects": results_cell("side_effects"),
    "serious_harms": results_cell("serious_harms"),
    "invasive": invasiveness_cell,
    "practicalities": lambda card, text, evidence: fields_cell(
        card, text, (*INVOLVES_FIELDS, *PRACTICAL_FIELDS)
    ),
    "guidelines": guidelines_cell,
    "sources": lambda card, text, evidence: markdown.source_lines(card.sources),
}
