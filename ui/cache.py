"""Thin cached wrappers: the data, once per server process, and what the Compare page draws for
each choice (its grid text and chart specs), so a rerun only sends them.

cache_resource for the data: the evidence is immutable and shared read-only by every session,
so there is no need to copy (pickle) it on every rerun.
"""

import pyarrow as pa
import streamlit as st

from backpain_aid import charts
from backpain_aid.compare import Selection, figures_for
from backpain_aid.content import Content, load_content
from backpain_aid.evidence import Evidence, load_evidence
from ui.compare_grid import grid_markdown

# Building an Altair chart and checking it against the Vega-Lite schema (or writing out the grid)
# would take most of a page's rerun, and the same choices always give the same result. A spec is
# a few kB; a grid of 4 options with every row about 22 kB, so fewer of those are kept.
# cache_data gives every caller its own copy, so nothing one session does to a spec (Streamlit
# takes the datasets out of its own shallow copy) reaches another.
CHART_SPECS_KEPT = 2048
GRIDS_KEPT = 256


@st.cache_resource(show_spinner=False)
def evidence() -> Evidence:
    return load_evidence()


@st.cache_resource(show_spinner=False)
def content() -> Content:
    return load_content()


@st.cache_data(show_spinner=False, max_entries=CHART_SPECS_KEPT)
def compare_picture_specs(
    condition_id: str, option_ids: tuple[str, ...], outcome_type_id: str
) -> tuple[list[list[dict]], dict]:
    """Each figure's icon arrays (in the order of figures_for) and the bar chart across the options.
    One call for all of them, as each call of a cached function takes time of its own."""
    selection = Selection(condition_id, option_ids)
    figures, _ = figures_for(evidence(), selection, outcome_type_id)
    icon_arrays = [[chart.to_dict() for chart in charts.figure_icon_arrays(f, content())] for f in figures]
    chart = charts.compare_outcome_chart(evidence(), content(), selection, outcome_type_id)
    return icon_arrays, with_arrow_data(chart.to_dict())


@st.cache_data(show_spinner=False, max_entries=GRIDS_KEPT)
def compare_grid(condition_id: str, option_ids: tuple[str, ...], row_ids: tuple[str, ...]) -> str:
    return grid_markdown(evidence(), content(), Selection(condition_id, option_ids), row_ids)


@st.cache_data(show_spinner=False, max_entries=CHART_SPECS_KEPT)
def ladder_spec(option_ids: tuple[str, ...], axis_title: str) -> dict:
    return with_arrow_data(charts.ladder_chart(evidence(), option_ids, axis_title).to_dict())


def with_arrow_data(spec: dict) -> dict:
    """The chart's data tables as Arrow, once: Streamlit sends an Arrow table as it is, where it
    would rebuild rows through pandas on every rerun."""
    if "datasets" in spec:
        spec["datasets"] = {name: pa.Table.from_pylist(rows) for name, rows in spec["datasets"].items()}
    return spec
