"""Load data once per server process.

cache_resource rather than cache_data: the evidence is immutable and shared read-only by every
session, so there is no need to copy (pickle) it on every rerun.
"""

import streamlit as st

from backpain_aid.content import Content, load_content
from backpain_aid.evidence import Evidence, load_evidence


@st.cache_resource(show_spinner=False)
def evidence() -> Evidence:
    return load_evidence()


@st.cache_resource(show_spinner=False)
def content() -> Content:
    return load_content()
