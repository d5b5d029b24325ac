"""The Compare page's grid at a glance (backpain_aid.glance) as one table of HTML, without
Streamlit, so ui/cache.py can keep it for each choice.

A table on a wide screen: one row per question, one column per option. On a phone (640 px or
less, ui/aid.css) the same cells become one card per option, each with every question, in the
option's order; the roles stay spelled out, so a screen reader still reads a table. Every text
is escaped: the grid is sent with HTML allowed, for its layout."""

from __future__ import annotations

from html import escape

from backpain_aid.compare import Selection, results_mismatch
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.glance import GlanceCell, GlanceRow, glance

#: Filled dots out of 4 for each GRADE certainty; the words beside them say the same.
CERTAINTY_DOTS = {"high": 4, "moderate": 3, "low": 2, "very_low": 1}
#: Rows about results: these carry a verdict and can mix time frames and scales.
RESULT_ROWS = ("pain", "lasts", "side_effects", "serious_harms")
FLAGS = ("timeframes", "scales")
#: On a phone, cell (option c, row r) comes at place c * PLACE + r: each option's card in turn.
PLACE = 100


def dots(certainty_id: str) -> str:
    filled = CERTAINTY_DOTS[certainty_id]
    return "●" * filled + "○" * (len(CERTAINTY_DOTS) - filled)


def row_flags(row: GlanceRow) -> tuple[str, ...]:
    """Which of FLAGS hold for the row: its options' results differ in time frame or in scale."""
    if row.id not in RESULT_ROWS:
        return ()
    found = results_mismatch(cell.verdict.outcome for cell in row.cells if cell.verdict is not None)
    return tuple(flag for flag in FLAGS if getattr(found, flag))


def step_marks(step: int, steps: int) -> str:
    """A small stair of `steps` marks, the first `step` filled: the words beside it say the step."""
    marks = "".join(f'<i class="{"on" if index < step else "off"}"></i>' for index in range(steps))
    return f'<span class="aid-g-steps" aria-hidden="true">{marks}</span>'


def cell_html(cell: GlanceCell, row: GlanceRow, evidence: Evidence, text: Content) -> str:
    parts = []
    if cell.verdict_label:
        parts.append(f'<strong class="aid-g-verdict">{escape(cell.verdict_label)}</strong>')
    if row.id == "invasive":
        step = evidence.ladder[evidence.options[cell.option_id].ladder_step].step
        parts.append(step_marks(step, len(evidence.ladder)))
    parts.append(f'<span class="aid-g-answer">{escape(cell.answer)}</span>')
    if cell.certainty and cell.verdict is not None:
        sure = escape(text("glance.certainty", certainty=cell.certainty))
        mark = dots(cell.verdict.outcome.certainty)
        mark = f'<span class="aid-dots" aria-hidden="true">{mark}</span>'
        parts.append(f'<span class="aid-g-sure">{sure} {mark}</span>')
    return "".join(parts)


Flags = dict[str, tuple[str, ...]]


def glance_html(evidence: Evidence, text: Content, selection: Selection) -> tuple[str, Flags]:
    """The whole grid for the chosen options, in the person's order, and the flags of each row
    (so the row's detail can say them in full)."""
    rows = glance(evidence, text, selection)
    names = [evidence.options[option_id].name for option_id in selection.option_ids]
    head = [
        '<th scope="col" role="columnheader" class="aid-g-corner">'
        f'<span class="aid-sr">{escape(text("glance.corner"))}</span></th>'
    ]
    head += [
        f'<th scope="col" role="columnheader" class="aid-g-option" style="--o:{column * PLACE}">'
        f"{escape(name)}</th>"
        for column, name in enumerate(names, start=1)
    ]
    body = []
    for number, row in enumerate(rows, start=1):
        flags = [text(f"glance.flags.{flag}") for flag in row_flags(row)]
        flag_html = "".join(f'<span class="aid-g-flag">{escape(flag)}</span>' for flag in flags)
        label = " ".join([row.question, *(f"({flag})" for flag in flags)])
        last = " aid-g-end" if number == len(rows) else ""
        cells = [f'<th scope="row" role="rowheader" class="aid-g-q">{escape(row.question)}{flag_html}</th>']
        cells += [
            f'<td role="cell" class="aid-g-cell{last}" data-label="{escape(label)}" '
            f'style="--o:{column * PLACE + number}">{cell_html(cell, row, evidence, text)}</td>'
            for column, cell in enumerate(row.cells, start=1)
        ]
        body.append(f'<tr role="row">{"".join(cells)}</tr>')
    title = escape(text("glance.title"))
    table = (
        f'<table class="aid-glance aid-glance-{len(names)}" role="table" aria-label="{title}">'
        f'<thead role="rowgroup"><tr role="row">{"".join(head)}</tr></thead>'
        f'<tbody role="rowgroup">{"".join(body)}</tbody></table>'
    )
    return table, {row.id: row_flags(row) for row in rows}
