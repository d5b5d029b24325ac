"""Data text as Markdown (and, for tables, HTML), without Streamlit: for pages that send a whole
block in one element, and for the cached blocks in ui/cache.py. Only text from data/ goes in,
never typed text; the HTML templates escape it all the same."""

from collections.abc import Iterable, Sequence

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import LadderStep, Source
from backpain_aid.explore import OptionCard
from backpain_aid.wording import full_reference, stance_label
from ui import html

_BETWEEN_RESULTS = f"\n\n{html.render('between_results.html.j2')}\n\n"


def one_result_after_another(results: Iterable[str]) -> str:
    """Results in one cell or section, each its own Markdown, with a thin line between two."""
    return _BETWEEN_RESULTS.join(results)


def stacked_table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table that reads as a table on a wide screen and as one card per row on a phone
    (ui/templates/stacked_table.html.j2): the first value of each row heads its card."""
    labelled = [(first, list(zip(columns[1:], values, strict=True))) for first, *values in rows]
    return html.render("stacked_table.html.j2", columns=columns, rows=labelled)


def source_lines(sources: list[Source] | tuple[Source, ...]) -> str:
    return "\n".join(f"- {full_reference(source)}" for source in sources)


def stance_lines(card: OptionCard, evidence: Evidence, text: Content) -> str:
    """Each guideline's stance on the option, as a Markdown list."""
    lines = []
    for stance in card.stances:
        guideline = evidence.guidelines[stance.guideline_id]
        detail = f" {stance.detail}" if stance.detail else ""
        lines.append(f"- **{guideline.short_name} ({stance.year}):** {stance_label(stance, text)}.{detail}")
    return "\n".join(lines)


def ladder_facts(step: LadderStep, text: Content) -> str:
    """Needles, anaesthetic and hospital stay of one ladder step, in words."""
    return text(
        "explore.ladder_facts",
        needles=text("explore.needles_yes" if step.needles else "explore.needles_no"),
        anaesthetic=text(f"explore.anaesthetic.{step.anaesthetic}"),
        hospital_stay=text(f"explore.hospital_stay.{step.hospital_stay}"),
    )
