"""The Explore page as Markdown blocks, without Streamlit, so ui/cache.py keeps them for each
condition and language: one block per step of the ladder, holding its heading and every option's
card. A card shows the option's name, what it is and its two first results side by side; what it
involves, what guidelines say, every other result and the sources sit in closed sections the
browser opens by itself. A page of 20 options is then a handful of elements and no widget, which
keeps it quick to redraw for every person using the server at once.

Only text from data/ goes in, never anything a person typed; the pictures escape their text."""

from __future__ import annotations

from dataclasses import dataclass

from backpain_aid.compare import Mismatch
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import LadderStep
from backpain_aid.explore import LadderGroup, OptionCard, explore_view
from ui import html, markdown
from ui.compare_grid import guidelines_cell, statement_markdown


@dataclass(frozen=True)
class ExploreBlocks:
    description: str
    mismatch: Mismatch
    steps: tuple[str, ...]  # one Markdown block per step of the ladder, its cards in it


def explore_blocks(evidence: Evidence, text: Content, condition_id: str) -> ExploreBlocks:
    view = explore_view(evidence, text, condition_id)
    return ExploreBlocks(
        description=view.condition.description,
        mismatch=view.mismatch(),
        steps=tuple(step_block(evidence, text, group) for group in view.groups),
    )


def step_block(evidence: Evidence, text: Content, group: LadderGroup) -> str:
    return "\n\n".join(
        [
            step_heading(group.step, text),
            *(card_block(evidence, text, card) for card in group.cards),
        ]
    )


def step_heading(step: LadderStep, text: Content) -> str:
    heading = text("explore.step_heading", step=step.step, name=step.name)
    return f"## {heading}\n\n{step.meaning} {markdown.ladder_facts(step, text)}"


def card_block(evidence: Evidence, text: Content, card: OptionCard) -> str:
    first = [
        (text("explore.benefit"), statement_markdown(card.benefit, text, evidence, full_certainty=True)),
        (text("explore.harm"), statement_markdown(card.harm, text, evidence, full_certainty=True)),
    ]
    sections = [
        closed_section(text, "involves", involves_markdown(card, text)),
        closed_section(text, "guidelines", guidelines_cell(card, text, evidence)),
    ]
    if card.more_outcomes:
        sections.append(closed_section(text, "more", more_markdown(card, text, evidence)))
    sections.append(closed_section(text, "sources", markdown.source_lines(card.sources)))
    is_reference = card.option.id == evidence.reference_option.id
    return html.render(
        "explore_card.html.j2",
        heading=f"### {card.option.name}\n\n{card.option.description}",
        note=text("explore.reference_note") if is_reference else "",
        body="\n\n".join([html.render("detail_row.html.j2", cells=first), *sections]),
    )


def closed_section(text: Content, section_id: str, body: str) -> str:
    return html.render("closed_section.html.j2", title=text(f"explore.{section_id}_title"), body=body)


def involves_markdown(card: OptionCard, text: Content) -> str:
    lines = []
    for field, label in text.section("explore.involves").items():
        value = getattr(card.option, field) or text("explore.cost_not_stated")
        lines.append(f"- **{label}:** {value}")
    return "\n".join(lines)


def more_markdown(card: OptionCard, text: Content, evidence: Evidence) -> str:
    """Every other result, each under what kind of result it is ("Possible benefit")."""
    return markdown.one_result_after_another(
        statement_markdown(
            statement,
            text,
            evidence,
            heading=text(f"explore.{evidence.outcome_types[statement.outcome.outcome_type_id].kind}"),
            full_certainty=True,
        )
        for statement in card.more_outcomes
    )
