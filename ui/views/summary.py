"""The summary page: the person's answers and the evidence in one place, a PDF on request, and a
button that clears every answer. What a person typed is only ever shown as plain text."""

from datetime import date

import streamlit as st

from backpain_aid.answers import MAX_NOTES_CHARS, Answers, clean_notes, suggested_questions
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.pdf import PAPER_SIZES, render_pdf
from backpain_aid.summary import (
    SECTION_IDS,
    Block,
    Bullets,
    Chart,
    NotDone,
    Paragraph,
    Summary,
    Table,
    build_summary,
)
from ui import components, keys, markdown, state
from ui import patient_file as saved_answers
from ui.pages import BY_NAME, link


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("summary.title"))
    st.markdown(text("summary.intro"))
    saved_answers.file_report(text, evidence)  # just after a file was opened: what changed comes first
    top = st.container()  # filled last: it needs the notes typed further down
    slots = {section_id: st.container() for section_id in SECTION_IDS}
    with slots["questions"]:
        st.header(text("summary.sections.questions"))
        question_inputs(text)
    made_on = date.today()
    answers = state.current_answers()
    summary = summary_of(evidence, text, answers, made_on)
    for section in summary.sections:
        if section.id != "questions":  # on the page the inputs above show these answers
            with slots[section.id]:
                st.header(section.heading)
                for block in section.blocks:
                    if not getattr(block, "print_only", False):
                        show_block(block, text)
                if section.id == "follow_ups":
                    saved_answers.follow_up_form(text, evidence)
    with top:
        st.info(f"{summary.made_on} {summary.not_advice}", icon=":material/info:")
        pdf_download(summary, (answers, made_on, summary.lang), made_on, text)  # a new PDF per language
        save, open_ = st.columns(2, gap="large")
        with save:
            saved_answers.save_button(text, evidence, answers, made_on)
        with open_:
            saved_answers.open_box(text, evidence, after_opening=lambda: show_opened_answers(text))
    clear_answers(text)


def summary_of(evidence: Evidence, text: Content, answers: Answers, made_on: date) -> Summary:
    """The summary of these answers, built again only when they (or the day, the language or the
    evidence) change: the page runs again for every click on it, such as making the PDF."""
    built_from = (answers, made_on, text.lang, evidence.meta.version)
    kept = state.get(state.SUMMARY_BUILT)
    if kept is not None and kept[0] == built_from:
        return kept[1]
    summary = build_summary(evidence, text, answers, made_on)
    state.put(state.SUMMARY_BUILT, (built_from, summary))
    return summary


def show_opened_answers(text: Content) -> None:
    """A file was opened on this page: its questions and notes go into the boxes already drawn."""
    picked = set(state.get(state.SUMMARY_QUESTIONS) or ())
    for question_id in suggested_questions(text):
        st.session_state[keys.summary_question(question_id)] = question_id in picked
    st.session_state[NOTES_WIDGET] = clean_notes(str(state.get(state.SUMMARY_NOTES) or ""))[0]


def question_inputs(text: Content) -> None:
    """Suggested questions to tick and a box for the person's own words, copied into state."""
    before = set(state.get(state.SUMMARY_QUESTIONS) or ())
    st.markdown(f"**{text('summary.questions.pick_label')}**")
    picked = [
        question_id
        for question_id, question in suggested_questions(text).items()
        if st.checkbox(question, value=question_id in before, key=keys.summary_question(question_id))
    ]
    state.put(state.SUMMARY_QUESTIONS, picked)
    notes, cut = clean_notes(str(state.get(state.SUMMARY_NOTES) or ""))
    if cut or state.get(state.SUMMARY_NOTES_CUT):
        st.warning(text("summary.cut_note", limit=MAX_NOTES_CHARS), icon=":material/content_cut:")
    # No max_chars: Streamlit drops a paste longer than that whole, leaving an empty box. The
    # text is cut to the limit as it arrives instead, and the page says so.
    typed = st.text_area(
        text("summary.questions.notes_label"),
        value=notes,
        help=text("summary.questions.notes_help"),
        height=180,
        key=NOTES_WIDGET,
        on_change=keep_notes,
    )
    state.put(state.SUMMARY_NOTES, typed)


NOTES_WIDGET = keys.SUMMARY_NOTES


def keep_notes() -> None:
    """Runs before the page is drawn again: the box keeps the first part of an over-long text."""
    kept, cut = clean_notes(str(st.session_state.get(NOTES_WIDGET) or ""))
    if cut:
        st.session_state[NOTES_WIDGET] = kept
    state.put(state.SUMMARY_NOTES_CUT, cut)


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
        if block.typed:  # as HTML, never Markdown: what a person typed is escaped and shown as typed
            st.html(markdown.stacked_table(block.columns, block.rows))
        else:
            st.markdown(markdown.stacked_table(block.columns, block.rows), unsafe_allow_html=True)
    elif isinstance(block, Chart):
        st.markdown(f"**{block.title}**")
        columns = st.columns(max(block.per_row, len(block.pictures)))
        for column, picture in zip(columns, block.pictures, strict=False):
            column.vega_lite_chart(picture, width="stretch")
        if not (block.drawing and block.drawing.get("kind") == "visits"):  # a table of the same follows
            st.markdown("\n\n".join(block.words))
    elif isinstance(block, NotDone):
        st.info(block.message, icon=":material/pending:")
        link(BY_NAME[block.page], text)


PDF_BUTTON_KEY = "summary_pdf_download"  # the focus goes to it once the PDF is made


def pdf_download(summary: Summary, built_from: tuple, made_on: date, text: Content) -> None:
    """Made only when asked; kept in this session for the same answers and paper, never on disk.
    The PDF made replaces the button in the same run: no second run of this long page."""
    st.header(text("summary.pdf.section_title"))
    paper = st.radio(
        text("summary.pdf.paper_label"),
        PAPER_SIZES,
        format_func=lambda size: text(f"summary.pdf.paper.{size}"),
        horizontal=True,
        key=keys.SUMMARY_PAPER,
    )
    request = (*built_from, paper)
    made = state.get(state.SUMMARY_PDF)
    if made and made[0] == request:
        download(made[1], made_on, text)
        return
    slot = st.empty()
    with slot.container():
        if made:  # made for other answers, or only for the other paper size
            same_answers = made[0][:-1] == request[:-1]
            st.info(text("summary.pdf.paper_changed" if same_answers else "summary.pdf.changed"))
        asked = st.button(text("summary.pdf.make"), icon=":material/picture_as_pdf:")
    if asked:
        with slot.container(), st.spinner(text("summary.pdf.making")):
            pdf = render_pdf(summary, paper)
        state.put(state.SUMMARY_PDF, (request, pdf))
        with slot.container():
            download(pdf, made_on, text)
        components.focus_next(PDF_BUTTON_KEY)  # the button is gone: the keyboard goes on to the download


def download(pdf: bytes, made_on: date, text: Content) -> None:
    st.success(text("summary.pdf.ready"), icon=":material/check_circle:")
    st.download_button(
        text("summary.pdf.download"),
        data=pdf,
        file_name=f"back-pain-summary-{made_on.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/download:",
        type="primary",
        on_click="ignore",
        key=PDF_BUTTON_KEY,
    )


def clear_answers(text: Content) -> None:
    st.divider()
    st.header(text("summary.clear.title"))
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
