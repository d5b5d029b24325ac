import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from ui import components
from ui import patient_file as saved_answers
from ui.pages import ABOUT, COMPARE, DECIDE, EXPLORE, PATH, RED_FLAGS, SUMMARY, VALUES, link

JOURNEY = (RED_FLAGS, PATH, EXPLORE, COMPARE, VALUES, DECIDE, SUMMARY)  # the order a person goes in


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("home.title"))
    components.language_choice(text, "start")  # first, for a reader of the other language
    st.markdown(text("home.intro"))
    st.markdown(text("common.not_advice"))
    st.header(text("home.steps_title"))
    for number, spec in enumerate(JOURNEY, start=1):
        link(spec, text, label=f"{number}. {text(spec.title_key)}")
    saved_answers.open_box(text, evidence, "patient_file.open.home_title")  # for a second visit
    saved_answers.file_report(text, evidence, link_to_summary=True)
    st.header(text("home.who_for_title"))
    st.markdown(text("home.who_for"))
    st.header(text("home.how_title"))
    st.markdown(text("home.how"))
    st.header(text("home.evidence_title"))
    st.markdown(text("home.evidence", **evidence.meta.text_values(text.lang)))
    link(ABOUT, text)
