import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("privacy.title"))
    st.markdown(text("privacy.intro"))
    for part in ("kept", "not_kept", "yours"):
        st.header(text(f"privacy.{part}_title"))
        points = text.node(f"privacy.{part}")
        st.markdown("\n".join(f"- {point}" for point in points))
    st.header(text("privacy.server_title"))
    st.markdown(text("privacy.server"))
