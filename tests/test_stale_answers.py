"""Answers that went stale (the options changed after a leaning was chosen) read the same on every
surface, and a second Compare link in the same session wins over the widget's old choice."""

import dataclasses
import io
import re
from datetime import UTC, datetime

from pypdf import PdfReader

from backpain_aid.answers import clean
from backpain_aid.compare import Selection
from backpain_aid.consultation import build_grid, consultation_note, patient_answers
from backpain_aid.fhir_export import build_response, load_questionnaire, to_json
from backpain_aid.pdf import render_pdf
from backpain_aid.summary import build_summary
from tests.fhir_reading import answers_from_response, parse_response
from tests.test_summary import MADE_ON, filled_answers
from tests_support.apptest import assert_no_exception, run_page
from ui import state
from ui.pages import COMPARE

STALE = "spinal_fusion"  # leaned towards, then dropped from the options being compared


def note_and_fhir_leaning(evidence, text, answers) -> tuple[str, str | None]:
    """The consultation note, and the leaning the FHIR export reads back."""
    selection = Selection(answers.condition_id, answers.option_ids)
    grid = build_grid(evidence, text, selection)
    note = consultation_note(evidence, text, grid, patient_answers(evidence, text, answers), MADE_ON)
    response = build_response(
        evidence, text, answers, load_questionnaire(), datetime(2026, 12, 1, tzinfo=UTC)
    )
    return note, answers_from_response(parse_response(to_json(response))).leaning


def test_a_leaning_no_longer_compared_is_shown_nowhere(evidence, text):
    answers = dataclasses.replace(filled_answers(evidence, text), leaning=STALE)
    assert STALE not in answers.option_ids and clean(answers, evidence, text).leaning is None
    name = evidence.options[STALE].name
    leaning_line = text("values.leaning.chosen", option=name)

    summary = build_summary(evidence, text, answers, MADE_ON)
    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(summary))).pages)
    assert re.sub(r"\s+", "", leaning_line) not in re.sub(r"\s+", "", pdf)

    note, fhir_leaning = note_and_fhir_leaning(evidence, text, answers)
    assert name not in note
    assert fhir_leaning is None


def test_a_current_leaning_is_shown_everywhere(evidence, text):
    answers = filled_answers(evidence, text)
    leaning = clean(answers, evidence, text).leaning
    assert leaning == answers.leaning
    note, fhir_leaning = note_and_fhir_leaning(evidence, text, answers)
    assert fhir_leaning == leaning
    assert evidence.options[leaning].name in note


def test_a_second_link_in_the_same_session_wins_over_the_old_choice():
    app = run_page(COMPARE.path)
    app.query_params["condition"] = "sciatica"
    app.query_params["options"] = "nsaids,discectomy"
    app.run()
    assert app.multiselect(key="widget.compare.options.sciatica").value == ["nsaids", "discectomy"]
    app.query_params["options"] = "exercise,gabapentinoids,opioids"
    app.run()
    assert_no_exception(app)
    assert app.session_state[state.COMPARE_OPTIONS] == ("exercise", "gabapentinoids", "opioids")
    assert app.multiselect(key="widget.compare.options.sciatica").value == [
        "exercise",
        "gabapentinoids",
        "opioids",
    ]
