"""Altair charts for the comparison, built from domain data only (no Streamlit), so the same
chart can be shown on a page and rendered to PNG for the PDF. Each chart comes with the table
that says the same thing in words, for screen readers and for print."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import altair as alt
import pandas as pd

from backpain_aid.compare import Figure, Selection, figures_for, icon_array_counts
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence

GRID = 10  # 10 x 10 = 100 people
AFFECTED_COLOUR = "#0b5cad"
UNAFFECTED_COLOUR = "#c9d3de"
COMPARATOR_SHADES = ["#6b7785", "#9aa7b4", "#4d5966", "#b8c2cc", "#2f3a45"]
# A simple person: head and body, drawn in a 1x1 box around the point.
LABEL_WIDTH = 24  # characters per line of an option name on a chart axis
TITLE_WIDTH = 36  # characters per line of a chart title
PERSON_STEP = 28  # pixels from one row of people to the next
LADDER_ROW = 100  # pixels per option on the ladder chart: its name (up to 3 lines) and its point
SPLIT_LINES = "split(datum.label, '\\n')"  # Vega draws a list of strings as lines
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


def wrapped(label: str, width: int = LABEL_WIDTH) -> str:
    """Long option names on several lines, so charts fit a phone without cutting words off."""
    return "\n".join(textwrap.wrap(label, width)) or label


def title_lines_of(title: str, width: int = TITLE_WIDTH) -> list[str]:
    """A chart or axis title as lines that fit a phone screen (Vega draws a list as lines)."""
    return textwrap.wrap(title, width) or [title]


def icon_array_chart(
    group: str, per_100: float, affected_label: str, unaffected_label: str, title_lines: int = 1
) -> alt.Chart:
    """100 people for one group, as wide as the space it is given; the title states the count.
    `title_lines` pads the title so that pictures placed side by side start at the same height."""
    frame = icon_array_frame([(group, per_100)], affected_label, unaffected_label)
    lines = title_lines_of(group)
    title = lines + [" "] * (title_lines - len(lines))
    return (
        # Screen readers get the count in words from `description`, not 100 separate people.
        alt.Chart(frame, title=alt.TitleParams(title, fontSize=15, anchor="start"), description=group)
        .mark_point(shape=PERSON, filled=True, size=900, opacity=1, aria=False)
        .encode(
            x=alt.X("column:O", axis=None),
            y=alt.Y("row:O", axis=None, scale=alt.Scale(paddingOuter=0.3)),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(
                    domain=[affected_label, unaffected_label], range=[AFFECTED_COLOUR, UNAFFECTED_COLOUR]
                ),
                legend=None,  # the page says in words what the colours mean
            ),
            tooltip=["status:N"],
        )
        .properties(width="container", height=alt.Step(PERSON_STEP))
        .configure_view(stroke=None)
    )


def figures_frame(figures: Sequence[Figure], option_label: str, comparator_label: str) -> pd.DataFrame:
    rows = []
    for figure in figures:
        outcome = figure.outcome
        rows.append(
            {
                "option": wrapped(figure.option_name),
                "group": option_label,
                "per_100": outcome.option_per_100,
                "low": outcome.option_per_100_low,
                "high": outcome.option_per_100_high,
            }
        )
        if outcome.has_comparator:
            rows.append(
                {
                    "option": wrapped(figure.option_name),
                    "group": wrapped(f"{comparator_label}: {figure.comparator_name}", TITLE_WIDTH),
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
            sort=[wrapped(f.option_name) for f in figures],
            axis=alt.Axis(labelExpr=SPLIT_LINES, labelLimit=0, labelFontSize=14, labelOverlap=False),
        ),
        yOffset=alt.YOffset("group:N"),
    )
    bars = base.mark_bar().encode(
        x=alt.X(
            "per_100:Q",
            title=title_lines_of(axis_title),
            scale=alt.Scale(domain=[0, 100]),
            axis=alt.Axis(values=list(range(0, 101, 10))),
        ),
        color=alt.Color(
            "group:N",
            scale=alt.Scale(domain=groups, range=[AFFECTED_COLOUR, *COMPARATOR_SHADES[: len(groups) - 1]]),
            legend=alt.Legend(
                title=None,
                orient="bottom",
                direction="vertical",
                labelExpr=SPLIT_LINES,
                labelLimit=0,
                labelFontSize=13,
            ),
        ),
        tooltip=["option", "group", "per_100", "low", "high"],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=13).encode(
        x="per_100:Q", text=alt.Text("per_100:Q", format=".0f")
    )
    intervals = (
        base.transform_filter("isValid(datum.low)")
        # Hidden from screen readers (the sentences give the interval in words); an empty layer would
        # otherwise be an unlabelled image.
        .mark_rule(strokeWidth=2, color="#1a1a1a", aria=False)
        .encode(x="low:Q", x2="high:Q")
    )
    return alt.layer(bars, intervals, labels).properties(width="container", height=alt.Step(32))


def ladder_frame(evidence: Evidence, option_ids: Sequence[str]) -> pd.DataFrame:
    rows = []
    for option_id in option_ids:
        step = evidence.ladder[evidence.options[option_id].ladder_step]
        name = wrapped(evidence.options[option_id].name, TITLE_WIDTH)
        rows.append({"option": name, "step": step.step, "step_name": step.name})
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
            # Option names sit inside the plot, above their row, so the plot keeps the full width.
            axis=alt.Axis(
                labelExpr=SPLIT_LINES,
                labelLimit=0,
                labelFontSize=14,
                labelColor="#1a1a1a",
                labelOverlap=False,
                labelAlign="left",
                labelBaseline="top",
                labelPadding=0,
                labelOffset=-(LADDER_ROW / 2 - 6),  # from the middle of the row to its top
                ticks=False,
                domain=False,
            ),
            scale=alt.Scale(type="band"),
            bandPosition=0.8,  # the point sits low in its row, under the option's name
        ),
        x=alt.X(
            "step:Q",
            title=title_lines_of(axis_title),
            scale=alt.Scale(domain=[0.5, len(steps) + 0.5]),
            axis=alt.Axis(values=list(names), labelFontSize=13, grid=True),
        ),
    )
    points = base.mark_point(filled=True, size=220, color=AFFECTED_COLOUR)
    # Step names sit beside the point, on the side with room, so none runs off a narrow screen.
    middle = (len(steps) + 1) / 2
    left_half = base.transform_filter(f"datum.step <= {middle}").mark_text(align="left", dx=12, fontSize=13)
    right_half = base.transform_filter(f"datum.step > {middle}").mark_text(align="right", dx=-12, fontSize=13)
    labels = [half.encode(text="step_name:N") for half in (left_half, right_half)]
    return alt.layer(points, *labels).properties(width="container", height=alt.Step(LADDER_ROW))


def compare_outcome_chart(
    evidence: Evidence, text: Content, selection: Selection, outcome_type_id: str
) -> alt.LayerChart:
    """The Compare page's bar chart for one outcome, titled, from ids alone (so it can be cached)."""
    figures, _ = figures_for(evidence, selection, outcome_type_id)
    chart = outcome_chart(
        figures, text("compare.chart_option"), text("compare.chart_comparator"), text("compare.chart_axis")
    )
    title = text("compare.chart_title", outcome=evidence.outcome_types[outcome_type_id].name)
    return chart.properties(title=title_lines_of(title))
