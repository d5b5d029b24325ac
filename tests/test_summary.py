"""The shared-decision summary: built from plain answers (domain), and the page that shows it
(AppTest). Steps not done show as 'not done' with their page, never as blanks or made-up values;
what a person types stays plain text."""

import dataclasses
from datetime import date

import pytest

from backpain_aid import quiz, sure, verdicts
from backpain_aid.answers import MAX_NOTES_CHARS, Answers, clean_notes, suggested_questions
from backpain_aid.ibp_check import criteria_ids
from backpain_aid.medicines import Medicine
from backpain_aid.page_names import PageName
from backpain_aid.summary import SECTION_IDS, Bullets, Chart, NotDone, Paragraph, Table, build_summary
from backpain_aid.wording import cite, describe_outcome
from tests_support.apptest import assert_no_exception, page_text, run_page
from ui import state
from ui.pages import SUMMARY

MADE_ON = date(2026, 11, 23)
CONDITION = "chronic_low_back_pain"
OPTIONS = ("no_treatment", "exercise", "nsaids")
QUESTION = "Can I still lift my grandson after this?"
HOSTILE_NOTES = {
    "empty": "",
    "very_long": "Will it help? " * 8000,
    "arabic": "هل يمكنني العودة إلى العمل؟",
    "hebrew": "האם אני יכול לחזור לעבודה?",
    "cjk": "我可以回去工作吗？腰痛が心配です。",
    "emoji": "Pain 😣 10/10 👍🏽 👨‍👩‍👧 ❤️",
    "script": "<script>alert('x')</script><b>bold</b>",
    "markdown": "# Big\n**bold** [link](http://example.com) ![img](x.png)\n- list\n| a | b |",
    "long_word": "Pneumonoultramicroscopic" * 100,
    "controls": "tab\there\x00null\x1b[31mred\u202eevil\ud800",
}


def filled_answers(evidence, text) -> Answers:
    """Every step done: the fixture a filled summary and PDF are built from."""
    asked = quiz.questions(evidence, text, CONDITION, OPTIONS)
    return Answers(
        condition_id=CONDITION,
        option_ids=OPTIONS,
        red_flags_done=True,
        medicines=(Medicine("Ibuprofen", "400 mg", "3 times a day"),),
        weights={"feel_better": 4, "few_side_effects": 3, "no_needles_or_surgery": 0},
        leaning="exercise",
        sure_before={question_id: False for question_id in sure.QUESTION_IDS},
        sure_after={question_id: True for question_id in sure.QUESTION_IDS},
        quiz_answers={question.id: question.answer_id for question in asked},
        questions=("what_if_wait", "scan_needed"),
        notes=QUESTION,
    )


#: Only what is known for every option in OPTIONS: the fit can then be put in order.
RANKED_WEIGHTS = {"feel_better": 4, "lasting_relief": 0, "few_side_effects": 0, "no_medicines": 3}


@pytest.fixture
def filled(evidence, text) -> Answers:
    return filled_answers(evidence, text)


def blocks_of(summary, section_id, kind):
    return [block for block in summary.section(section_id).blocks if isinstance(block, kind)]


def test_empty_answers_show_every_step_as_not_done_with_its_page(evidence, text):
    summary = build_summary(evidence, text, Answers(), MADE_ON)
    assert [section.id for section in summary.sections] == list(SECTION_IDS)
    for section_id in (
        "condition",
        "options",
        "priorities",
        "leaning",
        "sure",
        "quiz",
        "medicines",
        "red_flags",
    ):
        markers = blocks_of(summary, section_id, NotDone)
        assert markers, section_id
        for marker in markers:
            assert marker.message.startswith(text("summary.not_done"))
            assert marker.page_title == text(marker.page.title_key) and marker.page_title in marker.message
    assert blocks_of(summary, "questions", Paragraph)[0].text == text("summary.questions.none")
    assert all(section.blocks for section in summary.sections)
    assert summary.made_on == text("summary.made_on", date="2026-11-23")


def test_filled_answers_leave_nothing_not_done(evidence, text, filled):
    summary = build_summary(evidence, text, filled, MADE_ON)
    assert [section.id for section in summary.sections if not section.done] == []


def test_options_table_holds_the_headline_figures_with_certainty_and_source(evidence, text, filled):
    summary = build_summary(evidence, text, filled, MADE_ON)
    table = blocks_of(summary, "options", Table)[0]
    assert len(table.rows) == 2 * len(OPTIONS)
    for option_id in OPTIONS:
        for kind in ("benefit", "harm"):
            outcome = evidence.headline(option_id, CONDITION, kind)
            statement = describe_outcome(outcome, evidence, text)
            name = evidence.options[option_id].name
            label = text(f"summary.options.{kind}", name=statement.label)
            row = next(row for row in table.rows if row[:2] == (name, label))
            assert row[2] == verdicts.label(verdicts.judge(outcome, evidence), text)
            assert row[3].startswith(statement.sentence)
            assert row[4] == text(f"wording.certainty_short.{outcome.certainty}")
            assert row[5] == cite(statement.source)


def test_icon_arrays_come_with_their_counts_in_words(evidence, text, filled):
    summary = build_summary(evidence, text, filled, MADE_ON)
    charts = blocks_of(summary, "options", Chart)
    assert charts
    for chart in charts:
        assert len(chart.pictures) == len(chart.words) >= 1
        assert all("out of 100" in words for words in chart.words)


def test_priorities_fit_chart_and_leaning(evidence, text, filled):
    summary = build_summary(evidence, text, filled, MADE_ON)
    weights = blocks_of(summary, "priorities", Table)[0]
    scale = text.node("values.scale")
    assert (weights.rows[0][1], weights.rows[2][1]) == (scale[4], scale[3])
    # Relief that lasts is not known for exercise: no order, and no bars that would invite one.
    assert not blocks_of(summary, "priorities", Chart)
    assert text("values.fit.no_order") in [
        block.text for block in blocks_of(summary, "priorities", Paragraph)
    ]
    known = blocks_of(summary, "priorities", Bullets)[0].items
    names = {evidence.options[option_id].name for option_id in OPTIONS}
    assert {line.split(":")[0] for line in known} == names and len(known) == len(OPTIONS)
    leaning = blocks_of(summary, "leaning", Paragraph)[0]
    assert leaning.text == text("values.leaning.chosen", option=evidence.options["exercise"].name)


def test_when_everything_weighed_is_known_the_summary_orders_and_draws_the_fit(evidence, text, filled):
    summary = build_summary(evidence, text, dataclasses.replace(filled, weights=RANKED_WEIGHTS), MADE_ON)
    assert len(blocks_of(summary, "priorities", Chart)) == 1
    order = blocks_of(summary, "priorities", Bullets)[1].items
    assert [line.split(". ", 1)[0] for line in order] == ["1", "2", "3"]
    assert order[0].startswith("1. " + evidence.options["exercise"].name)


def test_a_leaning_towards_an_option_no_longer_compared_is_not_shown(evidence, text, filled):
    stale = dataclasses.replace(filled, leaning="spinal_fusion")
    summary = build_summary(evidence, text, stale, MADE_ON)
    assert blocks_of(summary, "leaning", NotDone)
    assert not blocks_of(summary, "leaning", Paragraph)


def test_sure_before_only_marks_the_end_as_not_done(evidence, text, filled):
    answers = Answers(sure_before={question_id: True for question_id in sure.QUESTION_IDS})
    summary = build_summary(evidence, text, answers, MADE_ON)
    table = blocks_of(summary, "sure", Table)[0]
    assert {row[2] for row in table.rows} == {text("summary.not_answered")}
    [marker] = blocks_of(summary, "sure", NotDone)
    assert marker.page is PageName.DECIDE
    filled_summary = build_summary(evidence, text, filled, MADE_ON)
    texts = [block.text for block in blocks_of(filled_summary, "sure", Paragraph)]
    assert text("values.sure.meaning.no_conflict") in texts


def test_quiz_result_counts_right_answers(evidence, text, filled):
    summary = build_summary(evidence, text, filled, MADE_ON)
    total = len(filled.quiz_answers)
    first = blocks_of(summary, "quiz", Paragraph)[0]
    assert first.text == text("values.quiz.score", right=total, total=total)


def test_questions_and_notes_are_kept_as_typed(evidence, text, filled):
    summary = build_summary(evidence, text, filled, MADE_ON)
    picked = blocks_of(summary, "questions", Bullets)[0]
    known = suggested_questions(text)
    assert picked.items == (known["what_if_wait"], known["scan_needed"])
    notes = [block for block in blocks_of(summary, "questions", Paragraph) if block.typed]
    assert [block.text for block in notes] == [QUESTION]
    medicines = blocks_of(summary, "medicines", Table)[0]
    assert medicines.typed and medicines.rows == (("Ibuprofen", "400 mg", "3 times a day"),)


def test_unknown_ids_from_a_tampered_session_are_ignored(evidence, text):
    answers = Answers(
        condition_id="<script>",
        option_ids=("nope", "no_treatment"),
        leaning="<b>x</b>",
        questions=("unknown", "scan_needed"),
        red_flags_ticked=("made_up",),
    )
    summary = build_summary(evidence, text, answers, MADE_ON)
    assert blocks_of(summary, "condition", NotDone) and blocks_of(summary, "options", NotDone)
    assert blocks_of(summary, "leaning", NotDone)
    assert blocks_of(summary, "questions", Bullets)[0].items == (suggested_questions(text)["scan_needed"],)


def test_ticked_warning_signs_are_listed_with_their_message(evidence, text):
    sign = next(s for s in text.node("red_flags.signs") if s["level"] == "emergency")
    summary = build_summary(evidence, text, Answers(red_flags_ticked=(sign["id"],)), MADE_ON)
    assert blocks_of(summary, "red_flags", Bullets)[0].items == (sign["text"],)
    shown = [block.text for block in blocks_of(summary, "red_flags", Paragraph)]
    assert text("red_flags.safety_line.text") in shown
    assert text("red_flags.messages.emergency") in shown


def test_evidence_section_lists_version_dates_and_sources(evidence, text, filled):
    summary = build_summary(evidence, text, filled, MADE_ON)
    shown = " ".join(block.text for block in blocks_of(summary, "evidence", Paragraph))
    meta = evidence.meta
    assert meta.version in shown and meta.next_review.isoformat() in shown
    sources = blocks_of(summary, "evidence", Bullets)[0].items
    for option_id in OPTIONS:
        for source in evidence.sources_for(option_id, CONDITION):
            assert any(source.title in item for item in sources)


@pytest.mark.parametrize("name", HOSTILE_NOTES)
def test_hostile_notes_are_cleaned_and_cut_never_lost_silently(name, evidence, text):
    notes, cut = clean_notes(HOSTILE_NOTES[name])
    assert len(notes) <= MAX_NOTES_CHARS
    assert cut == (name == "very_long")
    assert not any(char in notes for char in "\x00\x1b\u202e\ud800")
    summary = build_summary(evidence, text, Answers(notes=HOSTILE_NOTES[name]), MADE_ON)
    alerts = [b.text for b in blocks_of(summary, "questions", Paragraph) if b.style == "alert"]
    assert alerts == ([text("summary.cut_note", limit=MAX_NOTES_CHARS)] if cut else [])
    assert summary.notes_cut == cut


def test_notes_keep_their_line_breaks():
    assert clean_notes("  first line \n\n\n\n second\tline ") == ("first line\n\nsecond line", False)


# --- The page ------------------------------------------------------------------------------


def filled_session(evidence, text) -> dict:
    answers = filled_answers(evidence, text)
    return {
        state.CONDITION: answers.condition_id,
        state.COMPARE_OPTIONS: answers.option_ids,
        state.RED_FLAGS_DONE: True,
        state.MEDICINES: list(answers.medicines),
        state.VALUES_WEIGHTS: dict(answers.weights),
        state.VALUES_LEANING: answers.leaning,
        state.SURE_BEFORE: dict(answers.sure_before),
        state.SURE_AFTER: dict(answers.sure_after),
        state.QUIZ_ANSWERS: dict(answers.quiz_answers),
        state.SUMMARY_QUESTIONS: list(answers.questions),
        state.SUMMARY_NOTES: answers.notes,
    }


def test_page_with_nothing_done_links_to_each_step(text):
    app = run_page(SUMMARY.path)
    shown = page_text(app)
    assert text("summary.not_advice") in shown
    assert shown.count(text("summary.not_done")) >= 6
    links = {element.proto.label for element in app.get("page_link")}
    for key in ("explore", "compare", "values", "decide", "medicines", "red_flags"):
        assert text(f"common.nav.{key}") in links


def test_page_with_everything_done_shows_the_answers(evidence, text):
    app = run_page(SUMMARY.path, **filled_session(evidence, text))
    shown = page_text(app)
    assert text("summary.not_done") not in shown
    assert evidence.conditions[CONDITION].name in shown
    assert text("values.leaning.chosen", option=evidence.options["exercise"].name) in shown
    assert app.text_area(key="widget.summary.notes").value == QUESTION
    ticked = {box.label for box in app.checkbox if box.value}
    known = suggested_questions(text)
    assert ticked == {known["what_if_wait"], known["scan_needed"]}


@pytest.mark.parametrize("name", HOSTILE_NOTES)
def test_page_shows_hostile_notes_as_plain_text_only(name, text):
    app = run_page(SUMMARY.path, **{state.SUMMARY_NOTES: HOSTILE_NOTES[name]})
    notes, cut = clean_notes(HOSTILE_NOTES[name])
    assert app.text_area(key="widget.summary.notes").value == notes
    rendered = "\n".join(str(element.value) for element in app.markdown)
    assert "<script>" not in rendered and "**bold**" not in rendered and "Pneumono" not in rendered
    assert (text("summary.cut_note", limit=MAX_NOTES_CHARS) in page_text(app)) == cut


def test_typing_notes_and_ticking_questions_are_remembered(text):
    app = run_page(SUMMARY.path)
    app.text_area(key="widget.summary.notes").input("Is swimming OK?").run()
    app.checkbox(key="widget.summary.question.side_effects").check().run()
    assert_no_exception(app)
    assert app.session_state[state.SUMMARY_NOTES] == "Is swimming OK?"
    assert app.session_state[state.SUMMARY_QUESTIONS] == ["side_effects"]


def test_a_paste_over_the_limit_keeps_the_first_part_and_says_it_was_cut(text):
    app = run_page(SUMMARY.path)
    pasted = "Can I keep working? " * (MAX_NOTES_CHARS // 10)
    app.text_area(key="widget.summary.notes").input(pasted).run()
    assert_no_exception(app)
    kept = app.text_area(key="widget.summary.notes").value
    assert kept == pasted[:MAX_NOTES_CHARS].rstrip()  # never an empty box
    assert app.session_state[state.SUMMARY_NOTES] == kept
    assert text("summary.cut_note", limit=MAX_NOTES_CHARS) in page_text(app)


def test_clear_my_answers_empties_the_session_after_asking(evidence, text):
    app = run_page(SUMMARY.path, **filled_session(evidence, text))
    app.button[-1].click().run()
    assert text("summary.clear.confirm") in page_text(app)
    assert app.session_state[state.SUMMARY_NOTES] == QUESTION  # nothing gone yet
    next(b for b in app.button if b.label == text("summary.clear.confirm_yes")).click().run()
    assert_no_exception(app)
    assert text("summary.clear.done") in page_text(app)
    for key in (
        state.CONDITION,
        state.COMPARE_OPTIONS,
        state.MEDICINES,
        state.VALUES_WEIGHTS,
        state.SURE_AFTER,
    ):
        assert key not in app.session_state
    assert app.session_state[state.SUMMARY_NOTES] == ""


def test_clear_can_be_cancelled(evidence, text):
    app = run_page(SUMMARY.path, **filled_session(evidence, text))
    app.button[-1].click().run()
    next(b for b in app.button if b.label == text("summary.clear.confirm_no")).click().run()
    assert app.session_state[state.SUMMARY_NOTES] == QUESTION
    assert text("summary.clear.confirm") not in page_text(app)


def strings_in(value) -> list[str]:
    """Every string a summary holds, however deep: what the page and the PDF can show."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for field in dataclasses.fields(value) for s in strings_in(getattr(value, field.name))]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_in(item)]
    return []


@pytest.mark.parametrize("condition_id", ["chronic_low_back_pain", "sciatica", "axial_spa"])
def test_the_summary_never_names_a_kind_of_back_pain_the_person_did_not_choose(condition_id, evidence, text):
    options = tuple(option.id for option in evidence.options_for(condition_id))[:3]
    asked = quiz.questions(evidence, text, condition_id, options)
    answers = dataclasses.replace(
        filled_answers(evidence, text),
        condition_id=condition_id,
        option_ids=options,
        leaning=options[1],
        ibp_answers=dict.fromkeys(criteria_ids(text), True),
        ibp_lasted_over_3_months=True,
        quiz_answers={question.id: question.answer_id for question in asked},
    )
    # Source titles are references, quoted as published: they may name more than one condition.
    titles = [source.title for source in evidence.sources.values()]
    shown = [
        s
        for s in strings_in(build_summary(evidence, text, answers, MADE_ON))
        if "http" not in s and not any(title in s for title in titles)
    ]
    others = [c for c in evidence.conditions.values() if c.id != condition_id]
    names = {name.lower() for c in others for name in (c.name, c.short_name)}
    assert not {name for name in names for s in shown if name in s.lower()}
