"""The aid in Spanish, end to end without a browser (tests/test_spanish_browser.py drives it in one):
- every page is drawn in Spanish, from a link (?lang=es) or from the choice on the start page and
  in the menu, and the language stays from page to page and in the links the app writes;
- a language the aid does not have, typed into a link, means English and never an error;
- the page tells screen readers its language; the cached Compare grid and chart are kept per language;
- the PDF (its /Lang and its words), the consultation note, the FHIR answers and the saved answers
  file follow the language, with the same linkIds and codes; charts write 0,5 in Spanish.
"""

import io
import json
import re
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from backpain_aid.compare import Selection
from backpain_aid.consultation import build_grid, consultation_note, patient_answers
from backpain_aid.content import Content
from backpain_aid.fhir_export import build_response, load_questionnaire
from backpain_aid.language import format_date
from backpain_aid.pdf import render_pdf
from backpain_aid.summary import build_summary
from backpain_aid.values import fit, load_attributes
from backpain_aid.values_chart import fit_chart
from tests_support.apptest import TIMEOUT, assert_no_exception, page_text, run_page
from tests_support.journeys import JOURNEY_CONDITION, JOURNEY_OPTIONS, journey_answers
from ui import cache, keys, state
from ui.components import LANGUAGE_WIDGETS
from ui.pages import ALL_PAGES, CLINICIAN, COMPARE, HOME, SUMMARY

MADE_ON = date(2026, 12, 1)


def spanish_only(es_text: Content, english: Content) -> set[str]:
    """Texts that read differently in Spanish: seeing one means the page is in Spanish."""
    english_texts = dict(english.texts())
    return {value for key, value in es_text.texts() if english_texts.get(key) != value}


def open_with_link(page_path: str, **params: str):
    """The app opened from a link with these query parameters, then on the given page."""
    from streamlit.testing.v1 import AppTest

    from backpain_aid.paths import PROJECT_ROOT

    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    if page_path != HOME.path:
        app.switch_page(page_path)
        app.run()
    assert_no_exception(app)
    return app


def language_radio(app, place: str):
    return app.radio(key=LANGUAGE_WIDGETS[place])


# --- Pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", ALL_PAGES, ids=[spec.url_path or "start" for spec in ALL_PAGES])
def test_every_page_renders_in_spanish(spec, es_text, es_evidence, text):
    app = run_page(spec.path, **{state.LANGUAGE: "es"})
    shown = page_text(app)
    spanish = spanish_only(es_text, text)
    assert app.title and app.title[0].value in spanish  # the page's own heading, from data/content/es
    assert es_text("red_flags.safety_line.text") in shown
    assert text("red_flags.safety_line.text") not in shown
    footer = es_text("common.footer", **es_evidence.meta.text_values("es"))
    assert footer in shown and format_date(es_evidence.meta.last_reviewed, "es") in footer
    assert language_radio(app, "menu").value == "es"
    links = app.get("page_link")
    assert links and all(link.proto.query_string == "lang=es" for link in links)


def test_a_link_with_lang_es_opens_the_start_page_in_spanish(es_text):
    app = open_with_link(HOME.path, lang="es")
    assert app.title[0].value == es_text("home.title")
    assert language_radio(app, "start").value == language_radio(app, "menu").value == "es"
    assert app.session_state[state.LANGUAGE] == "es"
    assert app.query_params["lang"] == "es"


@pytest.mark.parametrize("asked", ["xx", "", "<script>alert(1)</script>", "en-GB", "😀", "es" * 500])
def test_a_language_the_aid_does_not_have_means_english_without_an_error(asked, text):
    app = open_with_link(HOME.path, lang=asked)
    assert app.title[0].value == text("home.title")
    assert not app.error
    assert "lang" not in app.query_params  # the link is written back as English


def test_the_language_code_may_be_typed_in_capitals(es_text):
    app = open_with_link(HOME.path, lang=" ES ")
    assert app.title[0].value == es_text("home.title")
    assert app.query_params["lang"] == "es"


def test_choosing_spanish_on_the_start_page_lasts_from_page_to_page_and_back_to_english(es_text, text):
    app = run_page(HOME.path)
    assert language_radio(app, "start").value == "en"
    language_radio(app, "start").set_value("es").run()
    assert app.title[0].value == es_text("home.title")
    assert app.query_params["lang"] == "es"
    assert language_radio(app, "menu").value == "es"  # both choices agree
    app.query_params.clear()  # a menu link in the browser: the page's own address, kept language
    app.switch_page(SUMMARY.path)
    app.run()
    assert_no_exception(app)
    assert app.title[0].value == es_text("summary.title")
    assert app.query_params["lang"] == "es"  # written back into the address
    language_radio(app, "menu").set_value("en").run()
    assert app.title[0].value == text("summary.title")
    assert "lang" not in app.query_params
    assert app.session_state[state.LANGUAGE] == "en"


def test_the_compare_link_keeps_the_language(es_evidence):
    options = ("no_treatment", "nsaids", "biologics")
    app = open_with_link(COMPARE.path, lang="es", condition="axial_spa", options=",".join(options))
    assert dict(app.query_params) == {
        "lang": "es",
        "condition": "axial_spa",
        "options": ",".join(options),
    }
    grid = "".join(element.value for element in app.markdown)
    for option_id in options:
        assert es_evidence.options[option_id].name in grid


def test_the_consultation_link_keeps_the_language():
    app = open_with_link(CLINICIAN.path, lang="es", condition="sciatica", options="no_treatment,discectomy")
    assert app.query_params["lang"] == "es"
    assert app.query_params["condition"] == "sciatica"


def test_clearing_every_answer_keeps_the_language(es_text):
    app = open_with_link(SUMMARY.path, lang="es")
    app.session_state[state.SUMMARY_CONFIRM_CLEAR] = True
    app.run()
    next(b for b in app.button if b.label == es_text("summary.clear.confirm_yes")).click().run()
    assert_no_exception(app)
    assert app.title[0].value == es_text("summary.title")


def test_the_page_tells_screen_readers_its_language():
    for lang in ("es", "en"):
        app = run_page(HOME.path, **{state.LANGUAGE: lang})
        bodies = [element.proto.body for element in app.get("html")]
        scripts = [body for body in bodies if "frame.words" in body]
        assert len(scripts) == 1  # ui/aid.js, with its words
        assert f'"lang": "{lang}"' in scripts[0]
        assert '"English": "en"' in scripts[0] and '"Espa\\u00f1ol": "es"' in scripts[0]


def test_a_pdf_made_in_one_language_is_made_again_in_the_other(evidence, text, es_text):
    app = run_page(
        SUMMARY.path, **{state.CONDITION: JOURNEY_CONDITION, state.COMPARE_OPTIONS: JOURNEY_OPTIONS}
    )
    next(b for b in app.button if b.label == text("summary.pdf.make")).click().run()
    assert state.SUMMARY_PDF in app.session_state
    language_radio(app, "menu").set_value("es").run()
    assert es_text("summary.pdf.changed") in [element.value for element in app.info]
    next(b for b in app.button if b.label == es_text("summary.pdf.make")).click().run()
    _, data = app.session_state[state.SUMMARY_PDF]
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "es"


def test_a_new_paper_size_asks_for_the_pdf_again_without_saying_the_answers_changed(text):
    app = run_page(
        SUMMARY.path, **{state.CONDITION: JOURNEY_CONDITION, state.COMPARE_OPTIONS: JOURNEY_OPTIONS}
    )
    next(b for b in app.button if b.label == text("summary.pdf.make")).click().run()
    app.radio(key=keys.SUMMARY_PAPER).set_value("Letter").run()
    shown = [element.value for element in app.info]
    assert text("summary.pdf.paper_changed") in shown and text("summary.pdf.changed") not in shown


def test_the_compare_grid_and_chart_are_kept_per_language(es_evidence, evidence):
    ids = ("sciatica", ("no_treatment", "gabapentinoids", "discectomy"))
    english, _ = cache.compare_glance(*ids, "en")
    spanish, _ = cache.compare_glance(*ids, "es")
    assert evidence.options["gabapentinoids"].name in english
    assert es_evidence.options["gabapentinoids"].name in spanish
    assert english != spanish
    chart = cache.compare_chart_spec(*ids, "recovered", "es")
    assert chart["config"]["locale"]["number"]["decimal"] == ","
    assert "locale" not in cache.compare_chart_spec(*ids, "recovered", "en")["config"]


# --- What is taken away: PDF, note, FHIR, saved file, charts -----------------------------------


@pytest.fixture(scope="module")
def es_summary(es_evidence, es_text):
    return build_summary(es_evidence, es_text, journey_answers(es_evidence, es_text), MADE_ON)


@pytest.fixture(scope="module")
def es_pdf(es_summary) -> bytes:
    return render_pdf(es_summary, "A4")


def test_the_spanish_pdf_says_it_is_in_spanish(es_pdf, es_summary, es_text, text):
    assert es_summary.lang == "es"
    reader = PdfReader(io.BytesIO(es_pdf))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert reader.metadata.title == es_text("summary.pdf_title") != text("summary.pdf_title")
    words = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert es_text("summary.pdf_title") in words
    assert f"Hecho el {format_date(MADE_ON, 'es')}" in words  # the date as Spanish writes it
    assert re.search(r"\b\d+,\d+ puntos\b", words)  # a decimal comma in a figure
    assert text("summary.pdf_title") not in words


def test_the_english_pdf_still_says_english(evidence, text):
    summary = build_summary(evidence, text, journey_answers(evidence, text), MADE_ON)
    assert summary.lang == "en"
    assert PdfReader(io.BytesIO(render_pdf(summary, "A4"))).trailer["/Root"]["/Lang"] == "en"


def test_the_consultation_note_is_in_spanish(es_evidence, es_text, text):
    answers = journey_answers(es_evidence, es_text)
    grid = build_grid(es_evidence, es_text, Selection(JOURNEY_CONDITION, JOURNEY_OPTIONS))
    note = consultation_note(
        es_evidence, es_text, grid, patient_answers(es_evidence, es_text, answers), MADE_ON
    )
    assert note.startswith(str(es_text.node("clinician.note.title")))
    assert es_text("clinician.note.date", date=format_date(MADE_ON, "es")) in note
    assert text("clinician.note.date", date=format_date(MADE_ON, "en")) not in note
    for option_id in JOURNEY_OPTIONS:
        assert es_evidence.options[option_id].name in note


def link_ids(node) -> list[str]:
    found = []
    for item in node.get("item", []):
        found.append(item["linkId"])
        found += link_ids(item)
    return found


def test_the_fhir_answers_say_spanish_with_the_same_link_ids(evidence, text, es_evidence, es_text):
    authored = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    questionnaire = load_questionnaire()
    english = build_response(evidence, text, journey_answers(evidence, text), questionnaire, authored)
    spanish = build_response(
        es_evidence, es_text, journey_answers(es_evidence, es_text), questionnaire, authored
    )
    assert english.language == "en" and spanish.language == "es"
    english_json = english.model_dump(mode="json", exclude_none=True)
    spanish_json = spanish.model_dump(mode="json", exclude_none=True)
    assert link_ids(spanish_json) == link_ids(english_json) != []
    # Answers are codes, never words: only the language differs (and the typed words, the same here).
    assert {**spanish_json, "language": "en"} == english_json


def test_a_file_saved_in_spanish_opens_in_english_and_in_spanish(evidence, text, es_evidence, es_text):
    from backpain_aid import patient_file

    answers = journey_answers(es_evidence, es_text)
    data = patient_file.save(answers, es_evidence, es_text, MADE_ON)
    assert json.loads(data)["language"] == "es"
    for reading_evidence, reading_text in ((evidence, text), (es_evidence, es_text)):
        result = patient_file.read(data, reading_evidence, reading_text, MADE_ON)
        assert result.opened and not result.problems
        assert result.answers.option_ids == answers.option_ids


def test_the_charts_write_a_decimal_comma_in_spanish(es_evidence, es_text):
    attributes = load_attributes(es_text, es_evidence)
    weights = {attribute.id: 1 for attribute in attributes}
    result = fit(es_evidence, attributes, ("no_treatment", "exercise"), "chronic_low_back_pain", weights)
    labels = {attribute.id: attribute.label for attribute in attributes}
    names = {option.id: option.name for option in es_evidence.options_for("chronic_low_back_pain")}
    spanish = fit_chart(result, labels, names, "?", "Puntos", ("Opción", "Parte"), "es").to_dict()
    english = fit_chart(result, labels, names, "?", "Points", ("Option", "Part")).to_dict()
    assert spanish["config"]["locale"] == {
        "number": {"decimal": ",", "thousands": "", "grouping": [3], "currency": ["", ""]}
    }
    assert "locale" not in english["config"]
    assert spanish["config"]["axis"] == english["config"]["axis"]  # the dark text is kept as well
