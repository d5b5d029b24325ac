"""Load data once per server process.

cache_resource rather than cache_data: the evidence is immutable and shared read-only by every
session, so there is no need to copy (pickle) it on every rerun.
"""

import streamlit as st

from backpain_aid import charts
from backpain_aid.compare import Selection
from backpain_aid.content import Content, load_content
from backpain_aid.evidence import Evidence, load_evidence

# Chart specs: building an Altair chart and checking it against the Vega-Lite schema takes most
# of a page's rerun, and the same choices always give the same chart.
CHART_SPECS_KEPT = 2048


@st.cache_resource(show_spinner=False)
def evidence() -> Evidence:
    return load_evidence()


@st.cache_resource(show_spinner=False)
def content() -> Content:
    return load_content()


@st.cache_data(show_spinner=False, max_entries=CHART_SPECS_KEPT)
def icon_array_spec(group: str, per_100: float, affected: str, unaffected: str, title_lines: int) -> dict:
    return charts.icon_array_chart(group, per_100, affected, unaffected, title_lines).to_dict()


@st.cache_data(show_spinner=False, max_entries=CHART_SPECS_KEPT)
def compare_outcome_spec(condition_id: str, option_ids: tuple[str, ...], outcome_type_id: str) -> dict:
    selection = Selection(condition_id, option_ids)
    return charts.compare_outcome_chart(evidence(), content(), selection, outcome_type_id).to_dict()


@st.cache_data(show_spinner=False, max_entries=CHART_SPECS_KEPT)
def ladder_spec(option_ids: tuple[str, ...], axis_title: str) -> dict:
    return charts.ladder_chart(evidence(), option_ids, axis_title).to_dict()
