"""Consultation view: the chosen options as one dense grid, the patient's own answers, a note for
the record and a FHIR file. Built as HTML tables (ui/templates/consult.html.j2) so it fits a laptop
screen and prints cleanly; every value is escaped, so nothing a person typed is ever read as markup."""

from dataclasses import dataclass
from datetime import date, datetime

import streamlit as st

from backpain_aid.answers import Answers, clean
from backpain_aid.compare import MIN_OPTIONS, link_params
from backpain_aid.consultation import (
    AnswerRow,
    FigureLine,
    Grid,
    OptionColumn,
    PatientAnswers,
    StanceLine,
    build_grid,
    consultation_note,
    patient_answers,
)
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.fhir_export import build_response, load_questionnaire, to_json
from ui import components, html, keys, markdown, state
from ui.option_choice import apply_link, choose_options

TOOLBAR_KEY = "clinician-toolbar"
SIZE_KEY = "clinician-size"
SHEET_KEY = "clinician-sheet"
EXPORTS_KEY = "clinician-exports"
BIGGER_TEXT_SCALE = 1.35
BIGGER_TABLE_REM = round(0.78 * BIGGER_TEXT_SCALE, 2)  # the grid's 0.78rem (clinician.css), made bigger

CONSULT = "consult.html.j2"  # the templates of this view, as macros (ui/templates/)


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("clinician.title"))
    st.markdown(f"{text('clinician.intro')} {text('clinician.not_advice')}")
    apply_link(text, evidence)
    # The grid comes first (a link's options, the remembered ones or a neutral default);
    # the pickers stay folded until wanted, so the grid starts on the first screen.
    with st.container(key=TOOLBAR_KEY):  # left out of the printout
        pickers = st.expander(text("clinician.toolbar.pick"), icon=":material/tune:")
        st.caption(text("clinician.toolbar.print_hint"))
    with pickers:
        condition_id = components.condition_picker(evidence, text)
        selection = choose_options(text, evidence, condition_id)
    heading, display = st.columns([3, 1], vertical_alignment="bottom")
    heading.header(text("clinician.grid.title"))
    with display, st.container(key=SIZE_KEY):
        bigger = components.remembered_toggle(
            text("clinician.toolbar.bigger_text"),
            text("clinician.toolbar.bigger_text_help"),
            state.CLINICIAN_BIGGER_TEXT,
            keys.CLINICIAN_BIGGER_TEXT,
        )
    st.html(html.macro(CONSULT, "styles", bigger, SHEET_KEY, BIGGER_TABLE_REM, BIGGER_TEXT_SCALE))
    grid = None
    with st.container(key=SHEET_KEY):
        if len(selection.option_ids) < MIN_OPTIONS:
            st.info(text("clinician.need_two"))
        else:
            st.query_params.from_dict({**link_params(selection), **state.language_params(text.lang)})
            state.put(state.COMPARE_LINK_SEEN, link_params(selection))
            grid = build_grid(evidence, text, selection)
            st.caption(text("clinician.grid.how_to_read"))
            st.html(grid_table(grid, text, evidence))
        answers = clean(state.current_answers(), evidence, text)  # once, for the note and the file
        patient = patient_answers(evidence, text, answers)
        st.header(text("clinician.answers.title"))
        show_answers(patient, text)
    with st.container(key=EXPORTS_KEY):
        note_block(evidence, text, grid, patient)
        fhir_block(evidence, text, answers, patient)


# --- The grid --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureView:
    """One result line of the grid, as plain text for the template."""

    label: str
    verdict: str
    result: str
    note: str  # what is and is not known, for a result with no figure
    compared: str  # what the comparison group really got
    meta: str  # comparator, time, who was studied, certainty and source


@dataclass(frozen=True)
class ColumnView:
    name: str
    step_heading: str
    step_facts: str
    benefits: tuple[FigureView, ...]
    harms: tuple[FigureView, ...]
    disagree: bool
    guideline_note: str
    stances: tuple[StanceLine, ...]


def grid_table(grid: Grid, text: Content, evidence: Evidence) -> str:
    rows = text.section("clinician.grid.rows")
    labels = {row_id: str(rows[row_id]) for row_id in ("invasiveness", "benefits", "harms", "guidelines")}
    columns = [column_view(column, text, evidence) for column in grid.columns]
    nothing, disagree = text("clinician.grid.none"), text("clinician.grid.disagree")
    return html.macro(CONSULT, "grid_table", grid.condition.short_name, labels, columns, nothing, disagree)


def column_view(column: OptionColumn, text: Content, evidence: Evidence) -> ColumnView:
    step = column.step
    return ColumnView(
        name=column.name,
        step_heading=text("clinician.grid.step", step=step.step, steps=len(evidence.ladder), name=step.name),
        step_facts=markdown.ladder_facts(step, text),
        benefits=tuple(figure_view(line, text) for line in column.benefits),
        harms=tuple(figure_view(line, text) for line in column.harms),
        disagree=column.guidelines_disagree,
        guideline_note=column.guideline_note,
        stances=tuple(column.stances),
    )


def figure_view(line: FigureLine, text: Content) -> FigureView:
    who = text("clinician.grid.population", population=line.population)
    if line.has_figure:
        certainty = text("clinician.grid.certainty", certainty=line.certainty)
        parts = (line.timeframe, who, certainty, line.source)
        if not line.set_against_nothing:
            parts = (text("clinician.grid.versus", comparator=line.comparator), *parts)
        meta, note = " · ".join(parts), ""
    else:  # say what is and is not known, in the row's own words
        meta, note = " · ".join((who, line.source)), line.note
    return FigureView(line.label, line.verdict, line.result, note, line.compared_with, meta)


# --- The patient's answers -------------------------------------------------------------------


def show_answers(patient: PatientAnswers, text: Content) -> None:
    st.info(text("clinician.answers.marker"), icon=":material/person:")
    if not patient.any:
        st.markdown(text("clinician.answers.none"))
        return
    rows = [{"label": row.label, "value": row.value, "classes": answer_classes(row)} for row in patient.rows]
    st.html(html.macro(CONSULT, "answers_table", rows))


def answer_classes(row: AnswerRow) -> str:
    return " ".join(name for name, wanted in (("typed", row.typed), ("alert", row.alert)) if wanted)


# --- The note and the FHIR file --------------------------------------------------------------


def note_block(evidence: Evidence, text: Content, grid: Grid | None, patient: PatientAnswers) -> None:
    today = date.today()
    note = consultation_note(evidence, text, grid, patient, today)
    st.header(text("clinician.note.section_title"))
    st.markdown(text("clinician.note.intro"))
    st.code(note, language=None, wrap_lines=True)
    st.download_button(
        text("clinician.note.download"),
        data=note,
        file_name=f"consultation-note-{today.isoformat()}.txt",
        mime="text/plain",
        icon=":material/download:",
        on_click="ignore",
    )


def fhir_block(evidence: Evidence, text: Content, answers: Answers, patient: PatientAnswers) -> None:
    st.header(text("clinician.fhir.section_title"))
    st.markdown(text("clinician.fhir.intro"))
    if not patient.any:
        st.markdown(text("clinician.fhir.no_answers"))
        return

    def exported() -> str:  # made when the button is pressed, not on every run of the page
        authored = datetime.now().astimezone()
        return to_json(build_response(evidence, text, answers, load_questionnaire(), authored))

    st.download_button(
        text("clinician.fhir.download"),
        data=exported,
        file_name=f"back-pain-answers-{date.today().isoformat()}.json",
        mime="application/fhir+json",
        icon=":material/download:",
        on_click="ignore",
    )
