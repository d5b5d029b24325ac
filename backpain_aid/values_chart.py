"""The fit chart: one bar per option, broken down by what matters to the person, so they can see
how their own weights add up. Built from a FitResult alone (no Streamlit), so the summary page and
the PDF can draw the same chart. The same numbers are always shown as a table next to it."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import altair as alt
import pandas as pd

from backpain_aid.charts import readable
from backpain_aid.content import Content
from backpain_aid.language import DEFAULT_LANGUAGE
from backpain_aid.values import FitResult

#: Okabe-Ito colours: told apart by people with colour blindness, one per attribute.
ATTRIBUTE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# No good evidence: an empty dashed box, so it cannot be read as points the option earned.
NO_EVIDENCE_FILL = "#ffffff"
NO_EVIDENCE_STROKE = "#6b6b6b"
ROW_HEIGHT = 86
BAR_OFFSET = 24  # pixels from the middle of an option's row down to the middle of its bar
LINE_HEIGHT = 17
LABEL_WIDTH = 40  # characters per line of an option's name: fits a 390-pixel phone screen


def fit_frame(
    result: FitResult, attribute_names: Mapping[str, str], option_names: Mapping[str, str], no_evidence: str
) -> pd.DataFrame:
    """One row per bar segment: the points an attribute adds to an option, and the weight of
    attributes that are not known (an empty dashed box: counted neither good nor poor)."""
    rows = []
    for fit in result.options:
        for order, cell in enumerate(fit.cells):
            if cell.points:
                rows.append(
                    {
                        "option": option_names[fit.option_id],
                        "part": attribute_names[cell.attribute_id],
                        "points": cell.points,
                        "order": order,
                    }
                )
        unknown = sum(cell.weight for cell in fit.cells if not cell.known)
        if unknown:
            rows.append(
                {"option": option_names[fit.option_id], "part": no_evidence, "points": unknown, "order": 99}
            )
    return pd.DataFrame(rows, columns=["option", "part", "points", "order"])


def fit_chart_in(
    text: Content, result: FitResult, attribute_names: Mapping[str, str], option_names: Mapping[str, str]
) -> alt.LayerChart:
    """fit_chart with its words from data/content, in the reader's language."""
    tooltips = (text("compare.chart_tooltip.option"), text("values.fit.chart_tooltip_part"))
    no_evidence, axis = text("values.fit.no_evidence"), text("values.fit.chart_axis")
    return fit_chart(result, attribute_names, option_names, no_evidence, axis, tooltips, text.lang)


def fit_chart(
    result: FitResult,
    attribute_names: Mapping[str, str],
    option_names: Mapping[str, str],
    no_evidence: str,
    axis_title: str,
    tooltip_titles: tuple[str, str],
    lang: str = DEFAULT_LANGUAGE,
) -> alt.LayerChart:
    """attribute_names in the order of the sliders; option_names for the options in the result;
    tooltip_titles the plain names of the option and the part a bar's piece stands for (its points
    go under axis_title). Points are written the language's way (0,5 in Spanish)."""
    frame = fit_frame(result, attribute_names, option_names, no_evidence)
    parts = [*attribute_names.values(), no_evidence]
    colours = [*ATTRIBUTE_COLOURS[: len(attribute_names)], NO_EVIDENCE_FILL]
    is_unknown = alt.datum.part == no_evidence
    options = [option_names[option_id] for option_id in result.display_order]
    # The option's name sits above its bar, not beside it, so a phone screen keeps the bar wide.
    y = alt.Y("option:N", sort=options, title=None, axis=None, scale=alt.Scale(paddingInner=0))
    bars = (
        alt.Chart(frame)
        .mark_bar(size=22, yOffset=BAR_OFFSET, strokeWidth=1.5)
        .encode(
            x=alt.X(
                "sum(points):Q",
                title=axis_title,
                scale=alt.Scale(domain=[0, max(result.max_total, 1)]),
                axis=alt.Axis(tickMinStep=1, labelFontSize=13, titleFontSize=13),
            ),
            y=y,
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=parts, range=colours),
                legend=alt.Legend(
                    title=None,
                    orient="bottom",
                    columns=2,
                    labelFontSize=13,
                    labelLimit=300,
                    symbolStrokeColor=NO_EVIDENCE_STROKE,
                    symbolStrokeWidth=1,
                ),
            ),
            stroke=alt.condition(is_unknown, alt.value(NO_EVIDENCE_STROKE), alt.value("white")),
            strokeDash=alt.condition(is_unknown, alt.value([4, 3]), alt.value([1, 0])),
            order=alt.Order("order:Q"),
            # "~g": 2 and 1.5 (1,5 in Spanish); Vega's plain "g" writes 2.00000 and 1.50000.
            tooltip=[
                alt.Tooltip("option:N", title=tooltip_titles[0]),
                alt.Tooltip("part:N", title=tooltip_titles[1]),
                alt.Tooltip("points:Q", title=axis_title, format="~g"),
            ],
        )
    )
    lines = [wrapped(name) for name in options]
    labels = pd.DataFrame(
        {
            "option": options,
            "label": lines,
            "x": 0,
            "lift": [-LINE_HEIGHT * (name.count("\n") + 1) for name in lines],
        }
    )
    names = (
        alt.Chart(labels)
        # Each name ends just above its bar, however many lines it takes (a y offset puts the
        # text at the top of its row, not the middle).
        .mark_text(
            align="left",
            baseline="top",
            dy=ROW_HEIGHT // 2 + BAR_OFFSET - 14,
            fontSize=14,
            fontWeight="bold",
            lineBreak="\n",
            tooltip=None,  # the name is the text itself
        )
        .encode(x="x:Q", y=y, yOffset=alt.YOffset("lift:Q", scale=None), text="label:N")
    )
    return readable(alt.LayerChart(layer=[bars, names]).properties(height=alt.Step(ROW_HEIGHT)), lang)


def wrapped(name: str, width: int = LABEL_WIDTH) -> str:
    """Long option names on two or more lines, so they fit above a bar on a phone."""
    return "\n".join(textwrap.wrap(name, width)) or name
