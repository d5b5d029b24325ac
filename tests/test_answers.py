"""One answers model, cleaned once: what `clean` keeps and drops, and that the summary, the PDF,
the consultation note and the FHIR export all show the same cleaned answers."""

import dataclasses
import io
import re
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from backpain_aid import values
from backpain_aid.answers import MAX_NOTES_CHARS, NOT_SURE, Answers, clean
from backpain_aid.consultation import patient_answers
from backpain_aid.fhir_export import build_response, load_questionnaire, to_json
from backpain_aid.pdf import render_pdf
from backpain_aid.summary import Table, build_summary
from tests.fhir_reading import answers_from_response, parse_response
from tests.test_summary import CONDITION, MADE_ON, OPTIONS, filled_answers

UNKNOWN = "no_such_id"


def stale(evidence, text) -> Answers:
    """Filled answers gone wrong in every way a kept session or an edited file can go wrong."""
    return dataclasses.replace(
        filled_answers(evidence, text),
        option_ids=(*OPTIONS, OPTIONS[0], UNKNOWN, "discectomy"),  # repeated, unknown, other condition
        pictured_outcome_id=UNKNOWN,
        red_flags_ticked=(UNKNOWN,),
        weights={"feel_better": 99, "few_side_effects": -3, UNKNOWN: 2},
        leaning="spinal_fusion",  # not among the options compared
        sure_before={UNKNOWN: True},
        quiz_answers={UNKNOWN: "a"},
        questions=("what_if_wait", UNKNOWN),
        notes="Can I still lift my grandson? " * 200,
    )


def test_clean_answers_are_kept_as_they_are(evidence, text):
    answers = filled_answers(evidence, text)
    cleaned = clean(answers, evidence, text)
    assert dataclasses.replace(cleaned, weights=answers.weights) == answers  # only missing weights filled
    assert cleaned.weights == values.clean_weights(values.load_attributes(text, evidence), answers.weights)
    assert clean(cleaned, evidence, text) is cleaned  # cleaned once: a second call costs nothing


def test_stale_and_unknown_answers_are_dropped_weights_clamped_and_notes_cut(evidence, text):
    cleaned = clean(stale(evidence, text), evidence, text)
    assert cleaned.option_ids == OPTIONS
    assert cleaned.leaning is None
    assert cleaned.pictured_outcome_id is None
    assert cleaned.red_flags_ticked == ()
    assert cleaned.sure_before == {}
    assert cleaned.quiz_answers == {}
    assert cleaned.questions == ("what_if_wait",)
    assert cleaned.weights["feel_better"] == values.MAX_WEIGHT
    assert cleaned.weights["few_side_effects"] == 0
    assert UNKNOWN not in cleaned.weights
    assert len(cleaned.notes) <= MAX_NOTES_CHARS and cleaned.notes_cut


def test_an_unknown_condition_drops_the_options_and_what_hangs_on_them(evidence, text):
    answers = dataclasses.replace(filled_answers(evidence, text), condition_id=UNKNOWN)
    cleaned = clean(answers, evidence, text)
    assert (cleaned.condition_id, cleaned.option_ids, cleaned.leaning, cleaned.quiz_answers) == (
        None,
        (),
        None,
        {},
    )


def test_not_sure_is_a_leaning_and_weights_on_unknown_things_alone_are_not_done(evidence, text):
    answers = Answers(condition_id=CONDITION, option_ids=OPTIONS, leaning=NOT_SURE, weights={UNKNOWN: 3})
    cleaned = clean(answers, evidence, text)
    assert cleaned.leaning == NOT_SURE
    assert cleaned.weights == {}


def test_a_cut_the_page_made_is_still_said_after_cleaning(evidence, text):
    answers = Answers(notes="short now", notes_cut=True)
    assert clean(answers, evidence, text).notes_cut


@settings(max_examples=60, deadline=None)
@given(
    weights=st.dictionaries(
        st.sampled_from(["feel_better", "few_side_effects", "lasting_relief", UNKNOWN]),
        st.one_of(st.integers(-1000, 1000), st.floats(allow_nan=False, allow_infinity=False)),
    ),
    notes=st.text(max_size=MAX_NOTES_CHARS + 50),
)
def test_cleaning_twice_changes_nothing_and_every_weight_is_in_range(evidence, text, weights, notes):
    answers = Answers(condition_id=CONDITION, option_ids=OPTIONS, weights=weights, notes=notes)
    once = clean(answers, evidence, text)
    fresh_copy = dataclasses.replace(once, is_clean=False)
    assert clean(fresh_copy, evidence, text) == once
    assert all(0 <= weight <= values.MAX_WEIGHT for weight in once.weights.values())
    assert len(once.notes) <= MAX_NOTES_CHARS


def squeeze(words: str) -> str:
    return re.sub(r"\s+", "", words)


def test_summary_pdf_note_and_export_show_the_same_cleaned_answers(evidence, text):
    answers = stale(evidence, text)
    cleaned = clean(answers, evidence, text)
    attributes = values.load_attributes(text, evidence)
    scale = text.text_list("values.scale")

    summary = build_summary(evidence, text, answers, MADE_ON)
    priorities = next(b for b in summary.section("priorities").blocks if isinstance(b, Table))
    assert priorities.rows == tuple((a.label, scale[cleaned.weights[a.id]]) for a in attributes)
    assert summary.notes_cut

    pdf = squeeze(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(summary))).pages))
    assert squeeze(text("summary.cut_note", limit=MAX_NOTES_CHARS)) in pdf

    rows = {row.id: row.value for row in patient_answers(evidence, text, answers).rows}
    assert rows["notes"] == cleaned.notes
    assert "leaning" not in rows
    for attribute in attributes:
        priority = text(
            "clinician.answers.priority", what=attribute.label, weight=cleaned.weights[attribute.id]
        )
        assert priority in rows["priorities"]

    response = build_response(
        evidence, text, answers, load_questionnaire(), datetime(2026, 12, 1, tzinfo=UTC)
    )
    exported = answers_from_response(parse_response(to_json(response)))
    assert exported.option_ids == cleaned.option_ids
    assert dict(exported.weights) == dict(cleaned.weights)
    assert exported.questions == cleaned.questions
    assert exported.notes == cleaned.notes
    assert exported.leaning is None


def test_only_what_a_person_told_is_worth_asking_before_a_reload():
    """Which condition and options were looked at come back from a link; anything else told would
    be lost, so the browser asks first (ui/components.ask_before_leaving)."""
    assert not Answers().worth_keeping
    assert not Answers(condition_id="sciatica", option_ids=("no_treatment", "exercise")).worth_keeping
    for told in ({"weights": {"feel_better": 2}}, {"red_flags_done": True}, {"notes": "Ask about work"}):
        assert Answers(**told).worth_keeping, told
