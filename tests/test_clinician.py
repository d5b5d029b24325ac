"""The consultation view: the grid of the chosen options with every figure from data/, the
patient's own answers (or a plain 'none'), the note for the record, and a laptop-width check in a
real browser."""

from datetime import date

import pytest
from markupsafe import escape  # as the templates escape (Jinja2 autoescape, ui/html.py)
from playwright.sync_api import expect
from streamlit.testing.v1 import AppTest

from backpain_aid.answers import Answers
from backpain_aid.compare import Selection
from backpain_aid.consultation import build_grid, consultation_note, figure_result, patient_answers
from backpain_aid.paths import PROJECT_ROOT
from backpain_aid.wording import cite
from tests.test_fhir import CONDITION, NOTES, OPTIONS, filled_answers
from tests_support.apptest import TIMEOUT, assert_no_exception, page_text
from tests_support.browser import full_page_screenshot, open_page, wait_until_idle
from ui import state
from ui.pages import CLINICIAN

MADE_ON = date(2026, 11, 23)


def session_from(answers: Answers) -> dict:
    """The session state a patient who gave these answers leaves behind."""
    return {
        state.CONDITION: answers.condition_id,
        state.COMPARE_OPTIONS: answers.option_ids,
        state.RED_FLAGS_TICKED: list(answers.red_flags_ticked),
        state.RED_FLAGS_DONE: answers.red_flags_done,
        state.IBP_LASTED_3_MONTHS: answers.ibp_lasted_over_3_months,
        state.IBP_ANSWERS: dict(answers.ibp_answers),
        state.MEDICINES: list(answers.medicines),
        state.VALUES_WEIGHTS: dict(answers.weights),
        state.VALUES_LEANING: answers.leaning,
        state.SURE_BEFORE: dict(answers.sure_before),
        state.SURE_AFTER: dict(answers.sure_after),
        state.SUMMARY_QUESTIONS: list(answers.questions),
        state.SUMMARY_NOTES: answers.notes,
    }


def open_view(query: dict[str, str] | None = None, **session) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in session.items():
        app.session_state[key] = value
    app.run()
    app.switch_page(CLINICIAN.path)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    assert_no_exception(app)
    return app


def shown_html(app: AppTest) -> str:
    return "\n".join(element.value for element in app.html)


LINKS = {
    "axial_spa": (CONDITION, OPTIONS),
    "chronic_4_options": ("chronic_low_back_pain", ("no_treatment", "exercise", "opioids", "spinal_fusion")),
}


@pytest.mark.parametrize(("condition_id", "option_ids"), LINKS.values(), ids=LINKS.keys())
def test_link_opens_the_grid_with_every_figure_from_data(evidence, text, condition_id, option_ids):
    app = open_view({"condition": condition_id, "options": ",".join(option_ids)})
    assert app.session_state[state.COMPARE_OPTIONS] == option_ids
    grid = shown_html(app)
    for option_id in option_ids:
        assert escape(evidence.options[option_id].name) in grid
        assert escape(evidence.ladder[evidence.options[option_id].ladder_step].name) in grid
        for outcome in evidence.outcomes_for(option_id, condition_id):
            assert escape(figure_result(outcome, evidence, text)) in grid
            assert escape(cite(evidence.sources[outcome.source_id])) in grid
            assert escape(outcome.population) in grid
            if outcome.measure == "events":
                assert f"{outcome.option_per_100:g}" in figure_result(outcome, evidence, text)
                assert escape(outcome.timeframe) in grid
        for stance in evidence.stances_for(option_id, condition_id):
            assert escape(evidence.guidelines[stance.guideline_id].short_name) in grid
            assert escape(text(f"wording.stance.{stance.stance}")) in grid
    disagree = any(evidence.guidelines_disagree(option_id, condition_id) for option_id in option_ids)
    assert (escape(text("clinician.grid.disagree")) in grid) == disagree


def test_a_link_with_unknown_ids_says_so_and_still_shows_a_grid(evidence, text):
    app = open_view({"condition": CONDITION, "options": "nsaids,made_up,biologics"})
    assert text("compare.link_problems.unknown_or_repeated_option") in page_text(app)
    grid = shown_html(app)
    assert escape(evidence.options["nsaids"].name) in grid
    assert escape(evidence.options["biologics"].name) in grid
    assert "made_up" not in grid


def test_events_figure_is_the_raw_per_100_values_against_the_comparator(evidence, text):
    outcome = evidence.headline("biologics", CONDITION, "benefit")
    assert figure_result(outcome, evidence, text) == text(
        "clinician.figure.events_vs",
        option=f"{outcome.option_per_100:g}",
        comparator=f"{outcome.comparator_per_100:g}",
    )


def test_with_no_answers_the_view_says_so(text):
    app = open_view({"condition": CONDITION, "options": ",".join(OPTIONS)})
    shown = page_text(app)
    assert text("clinician.answers.none") in shown
    assert text("clinician.fhir.no_answers") in shown
    assert not app.get("download_button")[1:]  # only the note can be saved
    assert text("clinician.note.no_answers") in app.code[0].value


def test_a_filled_session_shows_the_patients_own_answers(evidence, text):
    answers = filled_answers(evidence, text)
    app = open_view(**session_from(answers))
    shown, tables = page_text(app), shown_html(app)
    assert text("clinician.answers.marker") in shown
    assert text("clinician.answers.none") not in shown
    for row in patient_answers(evidence, text, answers).rows:
        assert f'<th scope="row">{escape(row.label)}</th>' in tables
        assert escape(row.value) in tables
    assert "<b>cycling</b>" not in tables  # typed markup shows as text, never as markup
    assert escape(evidence.options["biologics"].name) in tables
    assert len(app.get("download_button")) == 2  # the note and the FHIR file
    assert NOTES.splitlines()[0] in app.code[0].value


def test_bigger_text_toggle_is_remembered(evidence, text):
    app = open_view({"condition": CONDITION, "options": ",".join(OPTIONS)})
    app.toggle(key="widget.clinician.bigger_text").set_value(True).run()
    assert_no_exception(app)
    assert app.session_state[state.CLINICIAN_BIGGER_TEXT] is True


def test_note_holds_key_figures_answers_and_evidence_version(evidence, text):
    answers = filled_answers(evidence, text)
    grid = build_grid(evidence, text, Selection(CONDITION, OPTIONS))
    note = consultation_note(evidence, text, grid, patient_answers(evidence, text, answers), MADE_ON)
    for option_id in OPTIONS:
        assert evidence.options[option_id].name in note
        for kind in ("benefit", "harm"):
            outcome = evidence.headline(option_id, CONDITION, kind)
            if outcome.measure != "no_good_evidence":
                assert figure_result(outcome, evidence, text) in note
                assert outcome.timeframe in note
                assert outcome.population in note
            assert cite(evidence.sources[outcome.source_id]) in note
    biologics = evidence.headline("biologics", CONDITION, "benefit")
    assert f"{biologics.option_per_100:g} vs {biologics.comparator_per_100:g} per 100" in note
    assert f"{text('clinician.answers.leaning')}: {evidence.options['biologics'].name}" in note
    assert text("clinician.answers.sure_score", score=4, total=4) in note  # at the end
    assert text("clinician.answers.sure_score", score=2, total=4) in note  # at the start
    assert text("clinician.answers.priorities") in note
    assert evidence.meta.version in note and evidence.meta.last_reviewed.isoformat() in note
    assert MADE_ON.isoformat() in note
    assert "\n  # not a heading" in note  # typed lines stay indented under their label


def test_note_without_options_or_answers_says_so(evidence, text):
    note = consultation_note(evidence, text, None, patient_answers(evidence, text, Answers()), MADE_ON)
    assert text("clinician.note.no_options") in note
    assert text("clinician.note.no_answers") in note


@pytest.mark.browser
def test_grid_of_three_options_fits_a_laptop_screen(browser, app_url, evidence, text, tmp_path):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    open_page(page, f"{app_url}/{CLINICIAN.url_path}?condition={CONDITION}&options={','.join(OPTIONS)}")
    grid = page.locator("table.grid")
    expect(grid).to_be_visible()
    for option_id in OPTIONS:
        expect(grid.get_by_role("columnheader", name=evidence.options[option_id].name)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    fits = "() => document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(fits)
    page.screenshot(path=str(tmp_path / "consultation-1366.png"))
    page.get_by_text(text("clinician.toolbar.bigger_text"), exact=True).click()
    wait_until_idle(page)
    assert page.evaluate(fits)
    full_page_screenshot(page, tmp_path / "consultation-1366-bigger.png", 1366)
    page.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_note_for_the_record_keeps_every_serious_harm_and_regulator_warning(lang):
    """The note is pasted into the record: each serious harm and each regulator's warning of the
    chosen options is in it, with what the warning says, and no-treatment figures are never set
    "against" a group that does not exist."""
    from backpain_aid.content import load_content
    from backpain_aid.evidence import load_evidence

    evidence, text = load_evidence(lang=lang), load_content(lang=lang)
    selection = Selection("sciatica", ("no_treatment", "gabapentinoids", "epidural_steroid_injection"))
    note = consultation_note(
        evidence,
        text,
        build_grid(evidence, text, selection),
        patient_answers(evidence, text, Answers()),
        date(2026, 12, 2),
    )
    serious = [
        outcome
        for option_id in selection.option_ids
        for outcome in evidence.outcomes_for(option_id, selection.condition_id, "harm")
        if evidence.outcome_types[outcome.outcome_type_id].severity == "serious"
        or outcome.unknown_reason == "warning_only"
    ]
    assert any(outcome.unknown_reason == "warning_only" for outcome in serious)
    for outcome in serious:
        assert outcome.plain_note in note, outcome.id
    assert evidence.comparators["none"].name.lower() not in note.lower()
