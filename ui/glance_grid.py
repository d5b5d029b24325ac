"""The Compare page's grid at a glance (backpain_aid.glance) as one table of HTML, without
Streamlit, so ui/cache.py can keep it for each choice.

A table on a wide screen: one row per question, one column per option. On a phone (640 px or
less, ui/aid.css) the same cells become one card per option, each with every question, in the
option's order; the roles stay spelled out, so a screen reader still reads a table. The HTML
comes from ui/templates/glance.html.j2, which escapes every text: the grid is sent with HTML
allowed, for its layout."""

from __future__ import annotations

from dataclasses import dataclass

from backpain_aid.compare import Selection, results_mismatch
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.glance import GlanceCell, GlanceRow, glance
from ui import html

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


@dataclass(frozen=True)
class CellView:
    """What one cell of the grid shows, as plain text for the template."""

    answer: str
    verdict_label: str = ""
    step: int | None = None  # the ladder step, drawn as a small stair (the "invasive" row only)
    sure: str = ""  # how sure the evidence is, in words, with its certainty as dots
    dots: str = ""


def cell_view(cell: GlanceCell, row: GlanceRow, evidence: Evidence, text: Content) -> CellView:
    step = None
    if row.id == "invasive":
        step = evidence.ladder[evidence.options[cell.option_id].ladder_step].step
    if cell.certainty and cell.verdict is not None:  # only beside a figure (backpain_aid/glance.py)
        sure = text("glance.certainty", certainty=cell.certainty)
        return CellView(cell.answer, cell.verdict_label, step, sure, dots(cell.verdict.outcome.certainty))
    return CellView(cell.answer, cell.verdict_label, step)


Flags = dict[str, tuple[str, ...]]


def glance_html(evidence: Evidence, text: Content, selection: Selection) -> tuple[str, Flags]:
    """The whole grid for the chosen options, in the person's order, and the flags of each row
    (so the row's detail can say them in full)."""
    rows = glance(evidence, text, selection)
    shown = []
    for number, row in enumerate(rows, start=1):
        flags = [text(f"glance.flags.{flag}") for flag in row_flags(row)]
        shown.append(
            {
                "question": row.question,
                "flags": flags,
                "label": " ".join([row.question, *(f"({flag})" for flag in flags)]),
                "number": number,
                "last": number == len(rows),
                "cells": [cell_view(cell, row, evidence, text) for cell in row.cells],
            }
        )
    table = html.render(
        "glance.html.j2",
        title=text("glance.title"),
        corner=text("glance.corner"),
        names=[evidence.options[option_id].name for option_id in selection.option_ids],
        rows=shown,
        place=PLACE,
        steps=len(evidence.ladder),
    )
    return table, {row.id: row_flags(row) for row in rows}
