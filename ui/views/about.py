import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from ui import components


def render(text: Content, evidence: Evidence) -> None:
    meta = evidence.meta
    st.title(text("about.title"))
    st.header(text("about.version_title"))
    st.markdown(text("about.version", **meta.text_values(text.lang)))
    st.header(text("about.policy_title"))
    st.markdown(meta.update_policy)
    st.header(text("about.funding_title"))
    st.markdown(f"{meta.funding_statement} {meta.conflicts_statement}")
    st.header(text("about.certainty_title"))
    st.markdown(text("about.certainty_intro"))
    st.markdown("\n".join(f"- {line}" for line in text.section("wording.certainty").values()))
    st.header(text("about.ladder_title"))
    st.markdown(text("about.ladder_intro"))
    for step in sorted(evidence.ladder.values(), key=lambda s: s.step):
        components.ladder_heading(step, text)
    st.header(text("about.sources_title"))
    components.source_list(sorted(evidence.sources.values(), key=lambda s: (s.authors, s.year)))
