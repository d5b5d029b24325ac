"""Consultation view: the chosen options as one dense grid, the patient's own answers, a note for
the record and a FHIR file. Built as HTML tables so it fits a laptop screen and prints cleanly;
every value is escaped, so nothing a person typed is ever read as markup."""

from datetime import date, datetime
from html import escape

import streamlit as st

from backpain_aid.compare import MIN_OPTIONS, link_params
from backpain_aid.consultation import (
    AnswerRow,
    FigureLine,
    Grid,
    OptionColumn,
    PatientAnswers,
    build_grid,
    consultation_note,
    patient_answers,
)
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.fhir_export import build_response, load_questionnaire, to_json
from ui import components, markdown, state
from ui.views.compare import apply_link, choose_options
from ui.views.summary import current_answers

TOOLBAR_KEY = "clinician-toolbar"
SIZE_KEY = "clinician-size"
SHEET_KEY = "clinician-sheet"
EXPORTS_KEY = "clinician-exports"
BIGGER_TEXT_SCALE = 1.35

STYLES = """
<style>
table.consult {width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 0.78rem;
  line-height: 1.35;}
table.consult th, table.consult td {border: 1px solid #9aa7b4; padding: 0.3rem 0.45rem;
  vertical-align: top; text-align: left; overflow-wrap: anywhere;}
table.consult thead th {background: #eef3f8;}
table.consult tbody th {background: #eef3f8;}
table.consult col.label {width: 9.5em;}
table.consult .fig {margin: 0 0 0.35rem 0;}
table.consult .meta {display: block; color: #333;}
table.consult .typed {white-space: pre-wrap;}
table.consult .differ {font-weight: 700;}
table.consult td.alert {background: #fdecea; font-weight: 700;}
table.answers col.label {width: 16em;}
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stPageLink"], .st-key-clinician-toolbar, .st-key-clinician-size, .st-key-clinician-exports
  {display: none !important;}
  [data-testid="stMainBlockContainer"] {padding: 0 !important; max-width: 100% !important;}
  [data-testid="stAppViewContainer"], [data-testid="stMain"] {overflow: visible !important;}
  table.consult {font-size: 8pt !important;}
  table.consult tr, table.consult .fig {break-inside: avoid;}
  h1 {font-size: 16pt !important; padding: 0 !important;}
  h2, h3 {font-size: 12pt !important; padding: 0.2rem 0 !important;}
}
</style>
"""


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
    heading.subheader(text("clinician.grid.title"))
    with display, st.container(key=SIZE_KEY):
        bigger = components.remembered_toggle(
            text("clinician.toolbar.bigger_text"),
            text("clinician.toolbar.bigger_text_help"),
            state.CLINICIAN_BIGGER_TEXT,
            "widget.clinician.bigger_text",
        )
    st.html(STYLES + (bigger_text_style() if bigger else ""))
    grid = None
    with st.container(key=SHEET_KEY):
        if len(selection.option_ids) < MIN_OPTIONS:
            st.info(text("clinician.need_two"))
        else:
            st.query_params.from_dict(link_params(selection))
            state.put(state.COMPARE_LINK_SEEN, link_params(selection))
            grid = build_grid(evidence, text, selection)
            st.caption(text("clinician.grid.how_to_read"))
            st.html(grid_table(grid, text, evidence))
        answers = current_answers()
        patient = patient_answers(evidence, text, answers)
        st.subheader(text("clinician.answers.title"))
        show_answers(patient, text)
    with st.container(key=EXPORTS_KEY):
        note_block(evidence, text, grid, patient)
        fhir_block(evidence, text, answers, patient)


def bigger_text_style() -> str:
    return (
        f"<style>.st-key-{SHEET_KEY} table.consult {{font-size: {0.78 * BIGGER_TEXT_SCALE:.2f}rem;}}"
        f" .st-key-{SHEET_KEY} p {{font-size: {BIGGER_TEXT_SCALE}rem;}}</style>"
    )


# --- The grid --------------------------------------------------------------------------------


def grid_table(grid: Grid, text: Content, evidence: Evidence) -> str:
    rows = text.section("clinician.grid.rows")
    cells = {
        "invasiveness": lambda column: invasiveness_cell(column, text, evidence),
        "benefits": lambda column: figures_cell(column.benefits, text),
        "harms": lambda column: figures_cell(column.harms, text),
        "guidelines": lambda column: guidelines_cell(column, text),
    }
    head = "".join(f'<th scope="col">{escape(column.name)}</th>' for column in grid.columns)
    body = "".join(
        f'<tr><th scope="row">{escape(str(rows[row_id]))}</th>'
        + "".join(f"<td>{cell(column)}</td>" for column in grid.columns)
        + "</tr>"
        for row_id, cell in cells.items()
    )
    return (
        f'<table class="consult grid"><colgroup><col class="label">{"<col>" * len(grid.columns)}</colgroup>'
        f'<thead><tr><th scope="col">{escape(grid.condition.short_name)}</th>'
        f"{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def invasiveness_cell(column: OptionColumn, text: Content, evidence: Evidence) -> str:
    step = column.step
    heading = text("clinician.grid.step", step=step.step, steps=len(evidence.ladder), name=step.name)
    return f"<strong>{escape(heading)}</strong> {escape(markdown.ladder_facts(step, text))}"


def figures_cell(lines: tuple[FigureLine, ...], text: Content) -> str:
    if not lines:
        return escape(text("clinician.grid.none"))
    return "".join(figure_html(line, text) for line in lines)


def figure_html(line: FigureLine, text: Content) -> str:
    who = text("clinician.grid.population", population=line.population)
    if line.has_figure:
        versus = text("clinician.grid.versus", comparator=line.comparator)
        certainty = text("clinician.grid.certainty", certainty=line.certainty)
        meta = " · ".join((versus, line.timeframe, who, certainty, line.source))
        note = ""
    else:  # say what is and is not known, in the row's own words
        meta, note = " · ".join((who, line.source)), f" {escape(line.note)}"
    # What the comparison group really got, on its own line after the result.
    compared = f'<span class="meta">{escape(line.compared_with)}</span>' if line.compared_with else ""
    return (
        f'<div class="fig"><strong>{escape(line.label)}:</strong> <em>{escape(line.verdict)}.</em> '
        f'{escape(line.result)}{note}{compared}<span class="meta">{escape(meta)}</span></div>'
    )


def guidelines_cell(column: OptionColumn, text: Content) -> str:
    parts = []
    if column.guidelines_disagree:
        parts.append(f'<div class="fig differ">{escape(text("clinician.grid.disagree"))}</div>')
    if column.guideline_note:
        parts.append(f'<div class="fig">{escape(column.guideline_note)}</div>')
    for stance in column.stances:
        detail = f" {escape(stance.detail)}" if stance.detail else ""
        parts.append(
            f'<div class="fig"><strong>{escape(stance.guideline)} ({stance.year}):</strong> '
            f"{escape(stance.stance)}.{detail}</div>"
        )
    return "".join(parts) or escape(text("clinician.grid.none"))


# --- The patient's answers -------------------------------------------------------------------


def show_answers(patient: PatientAnswers, text: Content) -> None:
    st.info(text("clinician.answers.marker"), icon=":material/person:")
    if not patient.any:
        st.markdown(text("clinician.answers.none"))
        return
    body = "".join(
        f'<tr><th scope="row">{escape(row.label)}</th>'
        f'<td class="{answer_classes(row)}">{escape(row.value)}</td></tr>'
        for row in patient.rows
    )
    columns = '<colgroup><col class="label"><col></colgroup>'
    st.html(f'<table class="consult answers">{columns}<tbody>{body}</tbody></table>')


def answer_classes(row: AnswerRow) -> str:
    return " ".join(name for name, wanted in (("typed", row.typed), ("alert", row.alert)) if wanted)


# --- The note and the FHIR file --------------------------------------------------------------


def note_block(evidence: Evidence, text: Content, grid: Grid | None, patient: PatientAnswers) -> None:
    today = date.today()
    note = consultation_note(evidence, text, grid, patient, today)
    st.subheader(text("clinician.note.section_title"))
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


def fhir_block(evidence: Evidence, text: Content, answers, patient: PatientAnswers) -> None:
    st.subheader(text("clinician.fhir.section_title"))
    st.markdown(text("clinician.fhir.intro"))
    if not patient.any:
        st.markdown(text("clinician.fhir.no_answers"))
        return
    authored = datetime.now().astimezone()
    response = build_response(evidence, text, answers, load_questionnaire(), authored)
    st.download_button(
        text("clinician.fhir.download"),
        data=to_json(response),
        file_name=f"back-pain-answers-{authored.date().isoformat()}.json",
        mime="application/fhir+json",
        icon=":material/download:",
        on_click="ignore",
    )
