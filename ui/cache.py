"""Thin cached wrappers: the data, once per server process and language, what the Compare page
draws for each choice and language (its grid, the details under it and its bar chart), and the
Explore page's cards for each condition and language, so a rerun only sends them. `evidence()`
and `content()` are in the language of the tab (ui/state.py).

cache_resource for the data: the evidence is immutable and shared read-only by every session,
so there is no need to copy (pickle) it on every rerun.
"""

import pyarrow as pa
import streamlit as st

from backpain_aid import charts
from backpain_aid.compare import Selection
from backpain_aid.content import Content, load_content
from backpain_aid.evidence import Evidence, load_evidence
from ui import state
from ui.compare_grid import details_markdown
from ui.explore_cards import ExploreBlocks, explore_blocks
from ui.glance_grid import glance_html
from ui.pages import menu_html

# Building an Altair chart and checking it against the Vega-Lite schema (or writing out the grid
# and its details) would take most of a page's rerun, and the same choices always give the same
# result. A spec is a few kB; the details of 4 options about 40 kB, so fewer of those are kept.
# cache_data gives every caller its own copy, so nothing one session does to a spec (Streamlit
# takes the datasets out of its own shallow copy) reaches another.
CHART_SPECS_KEPT = 2048
GRIDS_KEPT = 256


def evidence() -> Evidence:
    """The evidence in this tab's language."""
    return evidence_for(state.language())


def content() -> Content:
    """The page texts in this tab's language."""
    return content_for(state.language())


@st.cache_resource(show_spinner=False)
def evidence_for(lang: str) -> Evidence:
    return load_evidence(lang=lang)


@st.cache_resource(show_spinner=False)
def content_for(lang: str) -> Content:
    return load_content(lang=lang)


# Each builder takes the language, so a Spanish page never gets the English grid kept for the
# same choice (the language is part of the cache key).


@st.cache_data(show_spinner=False, max_entries=CHART_SPECS_KEPT)
def compare_chart_spec(
    condition_id: str, option_ids: tuple[str, ...], outcome_type_id: str, lang: str
) -> dict:
    """The bar chart of one result across the chosen options."""
    selection = Selection(condition_id, option_ids)
    chart = charts.compare_outcome_chart(evidence_for(lang), content_for(lang), selection, outcome_type_id)
    return with_arrow_data(chart.to_dict())


@st.cache_data(show_spinner=False, max_entries=GRIDS_KEPT)
def compare_glance(
    condition_id: str, option_ids: tuple[str, ...], lang: str
) -> tuple[str, dict[str, tuple[str, ...]]]:
    """The grid at a glance (HTML) and each row's flags."""
    return glance_html(evidence_for(lang), content_for(lang), Selection(condition_id, option_ids))


@st.cache_data(show_spinner=False, max_entries=GRIDS_KEPT)
def compare_details(condition_id: str, option_ids: tuple[str, ...], lang: str) -> dict[str, str]:
    """The detail of every row of the grid (Markdown), by row id."""
    return details_markdown(evidence_for(lang), content_for(lang), Selection(condition_id, option_ids))


# Read-only text shared by every session, a few per server (conditions x languages): no copy.
@st.cache_resource(show_spinner=False)
def explore(condition_id: str, lang: str) -> ExploreBlocks:
    """Every option card on Explore for a condition, and the closed sections under each."""
    return explore_blocks(evidence_for(lang), content_for(lang), condition_id)


@st.cache_resource(show_spinner=False)
def menu(current: str, lang: str) -> str:
    """The menu's HTML with the page at URL path `current` marked: a few per server, no copy."""
    return menu_html(content_for(lang), current)


def with_arrow_data(spec: dict) -> dict:
    """The chart's data tables as Arrow, once: Streamlit sends an Arrow table as it is, where it
    would rebuild rows through pandas on every rerun."""
    if "datasets" in spec:
        spec["datasets"] = {name: pa.Table.from_pylist(rows) for name, rows in spec["datasets"].items()}
    return spec
