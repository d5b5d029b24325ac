import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from ui import cache, components


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("explore.title"))
    st.markdown(text("explore.intro"))
    condition_id = components.condition_picker(evidence, text)
    blocks = cache.explore(condition_id, text.lang)
    st.markdown(blocks.description)
    for flag, icon in (("timeframes", ":material/schedule:"), ("scales", ":material/straighten:")):
        if getattr(blocks.mismatch, flag):
            st.warning(text(f"explore.mismatch_{flag}"), icon=icon)
    for step in blocks.steps:
        st.markdown(step, unsafe_allow_html=True)  # data text only; pictures escape their text
