import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from ui import components, markdown


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("conditions_explained.title"))
    st.markdown(text("conditions_explained.intro"))
    for section in text.node("conditions_explained.sections"):
        st.header(section["title"])
        st.markdown(section["text"])
        if "figures" in section:
            figures_table(section["figures"], text)
        for key in ("can_help", "cannot_do"):
            if key in section:
                st.markdown(f"**{text('conditions_explained.ui.' + key)}**")
                st.markdown("\n".join(f"- {line}" for line in section[key]))
    components.cited_sources(
        evidence, text, "conditions_explained.ui.sources_title", text.source_ids("conditions_explained")
    )


def figures_table(figures: list[dict], text: Content) -> None:
    columns = [text(f"conditions_explained.ui.{key}") for key in ("finding", "at_20", "at_80")]
    rows = [(f["finding"], str(f["age_20_per_100"]), str(f["age_80_per_100"])) for f in figures]
    table = markdown.stacked_table(columns, rows)
    st.markdown(f"**{text('conditions_explained.ui.figures_title')}**\n\n{table}", unsafe_allow_html=True)
