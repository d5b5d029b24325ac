"""The saved-answers file on the pages (AppTest): opened on the summary page and the start page,
the answers come back into every box; what changed since comes first; a bad file changes nothing;
a "how am I doing now" check is added from the form."""

import json
from datetime import date
from pathlib import Path

from backpain_aid import patient_file, sure
from backpain_aid.answers import Answers, suggested_questions
from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.follow_up import REGRET_ITEMS, FollowUp
from backpain_aid.medicines import Medicine
from tests_support.apptest import assert_no_exception, page_text, run_page
from ui import keys, state
from ui.pages import HOME, SUMMARY

EVIDENCE = load_evidence()
TEXT = load_content()
BAD_FILES = Path(__file__).with_name("bad_files")
NOTES = "Ask about <b>walking</b> **far**"
ANSWERS = Answers(
    condition_id="chronic_low_back_pain",
    option_ids=("no_treatment", "exercise", "spinal_manipulation"),
    red_flags_done=True,
    leaning="exercise",
    questions=(next(iter(suggested_questions(TEXT))),),
    notes=NOTES,
    medicines=(Medicine("Paracetamol", "1 g", "when needed"),),
    follow_ups=(FollowUp(date(2026, 9, 2), pain=6, activities=5, option_id="none"),),
)


def saved(answers: Answers = ANSWERS, evidence_version: str | None = None) -> bytes:
    data = patient_file.save(answers, EVIDENCE, TEXT, date(2026, 9, 2))
    if evidence_version is None:
        return data
    document = json.loads(data)
    for extension in document["extension"]:
        if extension["url"] == patient_file.EVIDENCE_URL:
            extension["valueString"] = evidence_version
        if extension["url"] == patient_file.SHOWN_URL:  # as if the figures were different then
            for part in extension["extension"]:
                for field in part.get("extension", []):
                    if field["url"] == "figures":
                        field["valueString"] = "[]"
    return json.dumps(document).encode()


def open_file(app, data: bytes, name: str = "answers.json"):
    app.file_uploader[0].set_value((name, data, "application/json"))
    app.run()
    assert_no_exception(app)
    return app


def test_a_file_opened_on_the_summary_page_brings_every_answer_back_into_its_box():
    app = open_file(run_page(SUMMARY.path, **{state.SUMMARY_NOTES: "typed before opening"}), saved())
    for key, value in {
        state.CONDITION: ANSWERS.condition_id,
        state.COMPARE_OPTIONS: ANSWERS.option_ids,
        state.VALUES_LEANING: ANSWERS.leaning,
        state.SUMMARY_NOTES: NOTES,
        state.SUMMARY_QUESTIONS: list(ANSWERS.questions),
        state.MEDICINES: list(ANSWERS.medicines),
        state.FOLLOW_UPS: ANSWERS.follow_ups,
    }.items():
        assert app.session_state[key] == value, key
    assert app.text_area(key="widget.summary.notes").value == NOTES
    ticked = [
        box.key.rsplit(".", 1)[1] for box in app.checkbox if box.key.startswith("widget.summary.question")
    ]
    assert [key for key in ticked if app.checkbox(key=f"widget.summary.question.{key}").value] == list(
        ANSWERS.questions
    )
    assert app.success[0].value == TEXT("patient_file.read.opened", date="2026-09-02")
    assert TEXT("patient_file.read.checks_kept", count=1) in page_text(app)
    assert not app.file_uploader[0].value  # a fresh box: the file itself is let go


def test_typed_text_from_a_file_is_shown_as_plain_text_only():
    app = open_file(run_page(SUMMARY.path), (BAD_FILES / "markup.json").read_bytes())
    markdown = "\n".join(str(element.value) for element in app.markdown)
    assert "<script>" not in markdown and "#read(" not in markdown
    typed_tables = [str(element.proto.body) for element in app.get("html")]
    assert any("&lt;b&gt;Paracetamol&lt;/b&gt;" in table for table in typed_tables)
    assert app.text_area(key="widget.summary.notes").value.startswith("<script>alert('hi')</script>")


def test_what_changed_since_comes_first_when_the_evidence_was_updated():
    app = open_file(run_page(SUMMARY.path), saved(evidence_version="2025.01.0"))
    assert app.header[0].value == TEXT("patient_file.changes.title")
    intro = TEXT("patient_file.changes.intro", old="2025.01.0", new=EVIDENCE.meta.version)
    assert app.markdown[1].value == intro  # after the page's own intro, before anything else
    assert f"**{EVIDENCE.options['exercise'].name}**" in page_text(app)
    app.button(key="widget.patient_file.hide").click().run()
    assert TEXT("patient_file.changes.title") not in page_text(app)
    assert app.session_state[state.CONDITION] == ANSWERS.condition_id  # the answers stay


def test_a_bad_file_changes_nothing_and_says_why():
    app = run_page(SUMMARY.path, **{state.SUMMARY_NOTES: "keep me", state.CONDITION: "sciatica"})
    open_file(app, (BAD_FILES / "picture.png").read_bytes(), "photo.png")
    assert [error.value for error in app.error] == [TEXT("patient_file.read.refused.picture")]
    assert app.session_state[state.SUMMARY_NOTES] == "keep me"
    assert app.session_state[state.CONDITION] == "sciatica"


def test_the_start_page_opens_a_file_and_leads_to_the_summary():
    app = open_file(run_page(HOME.path), saved())
    assert app.session_state[state.FOLLOW_UPS] == ANSWERS.follow_ups
    assert app.success[0].value == TEXT("patient_file.read.opened", date="2026-09-02")
    links = [element.proto.label for element in app.get("page_link")]
    assert TEXT("patient_file.open.go_to_summary") in links


def test_a_check_is_added_from_the_form_and_shown_with_the_ones_before():
    app = open_file(run_page(SUMMARY.path, **{keys.FOLLOW_UP_OPEN: True}), saved())
    app.radio(key="widget.follow_up.pain").set_value("3")
    app.radio(key="widget.follow_up.activities").set_value("2")
    app.selectbox(key="widget.follow_up.started").set_value("exercise")
    app.radio(key="widget.follow_up.still_on_it").set_value("yes")
    for question_id in sure.question_ids(TEXT):
        app.radio(key=f"widget.follow_up.sure.{question_id}").set_value("yes")
    for item in REGRET_ITEMS:
        app.radio(key=f"widget.follow_up.regret.{item}").set_value("3")
    next(button for button in app.button if button.label == TEXT("patient_file.follow_up.add")).click().run()
    assert_no_exception(app)
    first, added = app.session_state[state.FOLLOW_UPS]
    assert first == ANSWERS.follow_ups[0]
    assert (added.pain, added.activities, added.option_id, added.still_on_it) == (3, 2, "exercise", True)
    assert added.on == date.today() and added.regret_score == 50.0 and len(added.sure) == 4
    assert TEXT("patient_file.save.follow_up_added") in [s.value for s in app.success]
    axis = TEXT("patient_file.follow_up.chart.axis")
    (chart,) = [c for c in app.get("vega_lite_chart") if axis in c.proto.spec]
    assert (
        "Check 1: 2026-09-02" in chart.proto.spec
        and f"Check 2: {date.today().isoformat()}" in chart.proto.spec
    )
    table = "\n".join(str(element.value) for element in app.markdown if "aid-stack" in str(element.value))
    assert "Check 1: 2026-09-02" in table and f"Check 2: {date.today().isoformat()}" in table


def test_an_empty_check_is_not_added():
    app = run_page(SUMMARY.path, **{keys.FOLLOW_UP_OPEN: True})
    next(button for button in app.button if button.label == TEXT("patient_file.follow_up.add")).click().run()
    assert state.FOLLOW_UPS not in app.session_state
    assert TEXT("patient_file.follow_up.nothing_given") in [w.value for w in app.warning]


def test_the_check_form_is_drawn_only_once_its_section_is_opened():
    """The summary stays short (a phone showed 19 screens with the form open) and quick to redraw."""
    closed = run_page(SUMMARY.path)
    assert not closed.get("form")
    assert TEXT("patient_file.follow_up.title") in [e.label for e in closed.expander]
    assert run_page(SUMMARY.path, **{keys.FOLLOW_UP_OPEN: True}).get("form")
