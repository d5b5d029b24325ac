import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.explore import explore_view
from ui import components


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("explore.title"))
    st.markdown(text("explore.intro"))
    condition_id = components.condition_picker(evidence, text)
    view = explore_view(evidence, text, condition_id)
    st.markdown(view.condition.description)
    found = view.mismatch()
    for flag, icon in (("timeframes", ":material/schedule:"), ("scales", ":material/straighten:")):
        if getattr(found, flag):
            st.warning(text(f"explore.mismatch_{flag}"), icon=icon)
    for group in view.groups:
        components.ladder_heading(group.step, text)
        for card in group.cards:
            components.option_card(card, evidence, text)
