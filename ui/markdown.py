"""Data text as Markdown (and, for tables, HTML), without Streamlit: for pages that send a whole
block in one element, and for the cached blocks in ui/cache.py. Only text from data/ goes in,
never typed text; the HTML escapes it all the same."""

from collections.abc import Iterable, Sequence
from html import escape

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import LadderStep, Source
from backpain_aid.explore import OptionCard
from backpain_aid.wording import full_reference, stance_label

# Below 640 px (where Streamlit stacks its columns) each row becomes a card: its first cell as a
# heading, then every value after its column's name. The header row stays for screen readers.
STACKED_TABLE_STYLE = """<style>
@media (max-width: 640px) {
  table.aid-stack, table.aid-stack tbody, table.aid-stack tr, table.aid-stack th,
  table.aid-stack td {display: block; width: 100%; box-sizing: border-box;}
  table.aid-stack thead {position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%);}
  table.aid-stack tr {margin-bottom: 0.75rem;}
  table.aid-stack tbody th {background: #eef3f8;}
  /* The name is for the eye; the alt text after "/" is empty, so a screen reader, which already
     gives the column header, does not read it twice (browsers without it use the first line). */
  table.aid-stack td::before {content: attr(data-label) ": "; content: attr(data-label) ": " / "";
    font-weight: 600;}
}
</style>"""


def stacked_table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table that reads as a table on a wide screen and as one card per row on a phone. Roles
    are spelled out: some browsers stop telling screen readers it is a table once CSS changes
    how its parts are displayed."""
    head = "".join(f'<th scope="col" role="columnheader">{escape(column)}</th>' for column in columns)
    body = []
    for first, *values in rows:
        cells = [f'<th scope="row" role="rowheader">{escape(str(first))}</th>']
        cells += [
            f'<td role="cell" data-label="{escape(label)}">{escape(str(value))}</td>'
            for label, value in zip(columns[1:], values, strict=True)
        ]
        body.append(f'<tr role="row">{"".join(cells)}</tr>')
    return (
        f"{STACKED_TABLE_STYLE}\n\n"
        f'<table class="aid-stack" role="table"><thead role="rowgroup"><tr role="row">{head}</tr></thead>'
        f'<tbody role="rowgroup">{"".join(body)}</tbody></table>'
    )


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
