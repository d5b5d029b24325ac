"""The summary page: the person's answers and the evidence in one place, a PDF on request, and a
button that clears every answer. What a person typed is only ever shown as plain text."""

from datetime import date

import pandas as pd
import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.pdf import PAPER_SIZES, render_pdf
from backpain_aid.summary import (
    MAX_NOTES_CHARS,
    SECTION_IDS,
    Answers,
    Block,
    Bullets,
    Chart,
    NotDone,
    Paragraph,
    Summary,
    Table,
    build_summary,
    clean_notes,
    suggested_questions,
)
from ui import markdown, state
from ui.pages import ALL_PAGES, link


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("summary.title"))
    st.markdown(text("summary.intro"))
    top = st.container()  # filled last: it needs the notes typed further down
    slots = {section_id: st.container() for section_id in SECTION_IDS}
    with slots["questions"]:
        st.subheader(text("summary.sections.questions"))
        question_inputs(text)
    made_on = date.today()
    answers = current_answers()
    summary = build_summary(evidence, text, answers, made_on)
    for section in summary.sections:
        if section.id != "questions":  # on the page the inputs above show these answers
            with slots[section.id]:
                st.subheader(section.heading)
                for block in section.blocks:
                    if not getattr(block, "print_only", False):
                        show_block(block, text)
    with top:
        st.info(f"{summary.made_on} {summary.not_advice}", icon=":material/info:")
        pdf_download(summary, (answers, made_on), made_on, text)
    clear_answers(text)


def current_answers() -> Answers:
    """The answers held in session state, as the plain values the summary is built from."""
    return Answers(
        condition_id=state.get(state.CONDITION),
        option_ids=tuple(state.get(state.COMPARE_OPTIONS) or ()),
        pictured_outcome_id=state.get(state.COMPARE_OUTCOME),
        red_flags_ticked=tuple(state.get(state.RED_FLAGS_TICKED) or ()),
        red_flags_done=bool(state.get(state.RED_FLAGS_DONE)),
        ibp_lasted_over_3_months=state.get(state.IBP_LASTED_3_MONTHS),
        ibp_answers=dict(state.get(state.IBP_ANSWERS) or {}),
        medicines=tuple(state.get(state.MEDICINES) or ()),
        weights=dict(state.get(state.VALUES_WEIGHTS) or {}),
        leaning=state.get(state.VALUES_LEANING),
        sure_before=dict(state.get(state.SURE_BEFORE) or {}),
        sure_after=dict(state.get(state.SURE_AFTER) or {}),
        quiz_answers=dict(state.get(state.QUIZ_ANSWERS) or {}),
        questions=tuple(state.get(state.SUMMARY_QUESTIONS) or ()),
        notes=str(state.get(state.SUMMARY_NOTES) or ""),
    )


def question_inputs(text: Content) -> None:
    """Suggested questions to tick and a box for the person's own words, copied into state."""
    before = set(state.get(state.SUMMARY_QUESTIONS) or ())
    st.markdown(f"**{text('summary.questions.pick_label')}**")
    picked = [
        question_id
        for question_id, question in suggested_questions(text).items()
        if st.checkbox(question, value=question_id in before, key=f"widget.summary.question.{question_id}")
    ]
    state.put(state.SUMMARY_QUESTIONS, picked)
    notes, cut = clean_notes(str(state.get(state.SUMMARY_NOTES) or ""))
    if cut:
        st.warning(text("summary.cut_note", limit=MAX_NOTES_CHARS), icon=":material/content_cut:")
    typed = st.text_area(
        text("summary.questions.notes_label"),
        value=notes,
        max_chars=MAX_NOTES_CHARS,
        help=text("summary.questions.notes_help"),
        height=180,
        key="widget.summary.notes",
    )
    state.put(state.SUMMARY_NOTES, typed)


def show_block(block: Block, text: Content) -> None:
    if isinstance(block, Paragraph):
        if block.typed:
            st.text(block.text)
        elif block.style == "alert":
            st.warning(block.text, icon=":material/warning:")
        elif block.style == "strong":
            st.markdown(f"**{block.text}**")
        else:
            st.markdown(block.text)
    elif isinstance(block, Bullets):
        if block.typed:
            for item in block.items:
                st.text(f"\u2022 {item}")
        else:
            st.markdown("\n".join(f"- {item}" for item in block.items))
    elif isinstance(block, Table):
        if block.typed:  # a data grid shows what a person typed as plain text, never as markup
            frame = pd.DataFrame(list(block.rows), columns=list(block.columns))
            st.dataframe(frame, hide_index=True, width="stretch")
        else:
            st.markdown(markdown.stacked_table(block.columns, block.rows), unsafe_allow_html=True)
    elif isinstance(block, Chart):
        st.markdown(f"**{block.title}**")
        columns = st.columns(max(block.per_row, len(block.pictures)))
        for column, picture in zip(columns, block.pictures, strict=False):
            column.altair_chart(picture, width="stretch")
        st.markdown("\n\n".join(block.words))
    elif isinstance(block, NotDone):
        st.info(block.message, icon=":material/pending:")
        spec = next((spec for spec in ALL_PAGES if spec.title_key == block.page_key), None)
        if spec:
            link(spec, text)


def pdf_download(summary: Summary, built_from: tuple, made_on: date, text: Content) -> None:
    """Made only when asked; kept in this session for the same answers and paper, never on disk."""
    st.subheader(text("summary.pdf.section_title"))
    paper = st.radio(
        text("summary.pdf.paper_label"),
        PAPER_SIZES,
        format_func=lambda size: text(f"summary.pdf.paper.{size}"),
        horizontal=True,
        key="widget.summary.paper",
    )
    request = (*built_from, paper)
    made = state.get(state.SUMMARY_PDF)
    if made and made[0] == request:
        st.success(text("summary.pdf.ready"), icon=":material/check_circle:")
        st.download_button(
            text("summary.pdf.download"),
            data=made[1],
            file_name=f"back-pain-summary-{made_on.isoformat()}.pdf",
            mime="application/pdf",
            icon=":material/download:",
            type="primary",
            on_click="ignore",
        )
        return
    if made:
        st.info(text("summary.pdf.changed"))
    if st.button(text("summary.pdf.make"), icon=":material/picture_as_pdf:"):
        with st.spinner(text("summary.pdf.making")):
            state.put(state.SUMMARY_PDF, (request, render_pdf(summary, paper)))
        st.rerun()


def clear_answers(text: Content) -> None:
    st.divider()
    st.subheader(text("summary.clear.title"))
    st.markdown(text("summary.clear.intro"))
    if state.get(state.SUMMARY_CLEARED):  # said here, where the person clicked
        st.success(text("summary.clear.done"), icon=":material/check_circle:")
        st.session_state.pop(state.SUMMARY_CLEARED)
    if not state.get(state.SUMMARY_CONFIRM_CLEAR):
        st.button(
            text("summary.clear.button"),
            icon=":material/delete:",
            on_click=state.put,
            args=(state.SUMMARY_CONFIRM_CLEAR, True),
        )
        return
    st.warning(text("summary.clear.confirm"), icon=":material/warning:")
    yes, no = st.columns(2)
    yes.button(text("summary.clear.confirm_yes"), type="primary", on_click=clear_everything)
    no.button(text("summary.clear.confirm_no"), on_click=state.put, args=(state.SUMMARY_CONFIRM_CLEAR, False))


def clear_everything() -> None:
    """Empty everything this session holds (answers, widgets, the PDF), then say so once."""
    st.session_state.clear()
    state.put(state.SUMMARY_CLEARED, True)
