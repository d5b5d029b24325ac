"""Altair charts for the comparison, built from domain data only (no Streamlit), so the same
chart can be shown on a page and rendered to PNG for the PDF. Each chart comes with the table
that says the same thing in words, for screen readers and for print."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from backpain_aid.compare import Figure, icon_array_counts
from backpain_aid.evidence import Evidence

GRID = 10  # 10 x 10 = 100 people
AFFECTED_COLOUR = "#0b5cad"
UNAFFECTED_COLOUR = "#c9d3de"
COMPARATOR_SHADES = ["#6b7785", "#9aa7b4", "#4d5966", "#b8c2cc", "#2f3a45"]
# A simple person: head and body, drawn in a 1x1 box around the point.
PERSON = (
    "M0 -0.6 A0.22 0.22 0 1 1 0 -0.16 A0.22 0.22 0 1 1 0 -0.6 "  # head
    "M-0.32 0.7 L-0.32 0.08 Q0 -0.12 0.32 0.08 L0.32 0.7 Z"  # body
)


def icon_array_frame(
    groups: Sequence[tuple[str, float]], affected_label: str, unaffected_label: str
) -> pd.DataFrame:
    """One row per person: 100 per group, filled row by row from the top left."""
    rows = []
    for group, per_100 in groups:
        affected, _ = icon_array_counts(per_100)
        for index in range(GRID * GRID):
            rows.append(
                {
                    "group": group,
                    "column": index % GRID,
                    "row": index // GRID,
                    "status": affected_label if index < affected else unaffected_label,
                }
            )
    return pd.DataFrame(rows)


def icon_array_chart(
    groups: Sequence[tuple[str, float]], affected_label: str, unaffected_label: str, title: str
) -> alt.Chart:
    frame = icon_array_frame(groups, affected_label, unaffected_label)
    return (
        alt.Chart(frame, title=title)
        .mark_point(shape=PERSON, filled=True, size=620, opacity=1)
        .encode(
            x=alt.X("column:O", axis=None),
            y=alt.Y("row:O", axis=None),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(
                    domain=[affected_label, unaffected_label], range=[AFFECTED_COLOUR, UNAFFECTED_COLOUR]
                ),
                legend=alt.Legend(title=None, orient="bottom", labelFontSize=14, labelLimit=400),
            ),
            column=alt.Column(
                "group:N",
                title=None,
                sort=[g for g, _ in groups],
                header=alt.Header(labelFontSize=15, labelLimit=300),
            ),
        )
        .properties(width=250, height=250)
        .configure_view(stroke=None)
    )


def figures_frame(figures: Sequence[Figure], option_label: str, comparator_label: str) -> pd.DataFrame:
    rows = []
    for figure in figures:
        outcome = figure.outcome
        rows.append(
            {
                "option": figure.option_name,
                "group": option_label,
                "per_100": outcome.option_per_100,
                "low": outcome.option_per_100_low,
                "high": outcome.option_per_100_high,
            }
        )
        if outcome.has_comparator:
            rows.append(
                {
                    "option": figure.option_name,
                    "group": f"{comparator_label}: {figure.comparator_name}",
                    "per_100": outcome.comparator_per_100,
                    "low": None,
                    "high": None,
                }
            )
    return pd.DataFrame(rows)


def outcome_chart(
    figures: Sequence[Figure], option_label: str, comparator_label: str, axis_title: str
) -> alt.LayerChart:
    """Each option's figure next to its own comparator's, with the interval where known."""
    frame = figures_frame(figures, option_label, comparator_label)
    groups = list(dict.fromkeys(frame["group"]))  # the option first, then each comparator
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "option:N",
            title=None,
            sort=[f.option_name for f in figures],
            axis=alt.Axis(labelLimit=360, labelFontSize=14),
        ),
        yOffset=alt.YOffset("group:N"),
    )
    bars = base.mark_bar().encode(
        x=alt.X("per_100:Q", title=axis_title, scale=alt.Scale(domain=[0, 100])),
        color=alt.Color(
            "group:N",
            scale=alt.Scale(domain=groups, range=[AFFECTED_COLOUR, *COMPARATOR_SHADES[: len(groups) - 1]]),
            legend=alt.Legend(title=None, orient="bottom", labelLimit=400, labelFontSize=13),
        ),
        tooltip=["option", "group", "per_100", "low", "high"],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=13).encode(
        x="per_100:Q", text=alt.Text("per_100:Q", format=".0f")
    )
    intervals = (
        base.transform_filter("isValid(datum.low)")
        .mark_rule(strokeWidth=2, color="#1a1a1a")
        .encode(x="low:Q", x2="high:Q")
    )
    return alt.layer(bars, intervals, labels).properties(width=520, height=alt.Step(26))


def ladder_frame(evidence: Evidence, option_ids: Sequence[str]) -> pd.DataFrame:
    rows = []
    for option_id in option_ids:
        step = evidence.ladder[evidence.options[option_id].ladder_step]
        rows.append({"option": evidence.options[option_id].name, "step": step.step, "step_name": step.name})
    return pd.DataFrame(rows)


def ladder_chart(evidence: Evidence, option_ids: Sequence[str], axis_title: str) -> alt.LayerChart:
    """Each chosen option placed on the invasiveness ladder, 1 (self-care) to 7 (major surgery)."""
    frame = ladder_frame(evidence, option_ids)
    steps = sorted(evidence.ladder.values(), key=lambda step: step.step)
    names = [step.step for step in steps]
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "option:N",
            title=None,
            sort=list(frame["option"]),
            axis=alt.Axis(labelLimit=360, labelFontSize=14),
        ),
        x=alt.X(
            "step:Q",
            title=axis_title,
            scale=alt.Scale(domain=[0.5, len(steps) + 0.5]),
            axis=alt.Axis(values=list(names), labelFontSize=13, grid=True),
        ),
    )
    points = base.mark_point(filled=True, size=220, color=AFFECTED_COLOUR)
    labels = base.mark_text(align="left", dx=12, fontSize=13).encode(text="step_name:N")
    return alt.layer(points, labels).properties(width=560, height=alt.Step(44))
