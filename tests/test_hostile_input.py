"""Whatever a person types (control characters, right-to-left text, CJK, emoji, combining marks,
Markdown, HTML, 100,000 characters) goes through every free-text path: the medicines list, the
summary notes, the summary, the consultation note, the FHIR export and the PDF. Each is kept, or cut
or refused with a message the person sees; nothing crashes; nothing is read as markup.

Properties run 1,000 examples each, except the PDF: one PDF takes about 0.1-0.3 s, so it runs
PDF_EXAMPLES examples to keep this file near a minute on two cores.
"""

import dataclasses
import io
import json
import unicodedata
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from backpain_aid import fhir_export
from backpain_aid.answers import MAX_NOTES_CHARS, Answers, clean_notes
from backpain_aid.consultation import consultation_note, patient_answers
from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.medicines import MAX_LENGTHS, Medicine, check_medicine, clean_text
from backpain_aid.pdf import printable, render_pdf
from backpain_aid.summary import Paragraph, Table, build_summary
from tests import fhir_reading
from tests_support.apptest import assert_no_exception, run_page
from ui import state
from ui.pages import CLINICIAN, MEDICINES, SUMMARY

EVIDENCE = load_evidence()
TEXT = load_content()
QUESTIONNAIRE = fhir_export.load_questionnaire()
TODAY = date(2026, 11, 23)
ZERO_WIDTH_JOINER = "\u200d"  # kept: it joins emoji such as a family into one picture

# No example database: a test run writes nothing under the project (a failure prints its example).
MANY = settings(
    max_examples=1000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
PDF_EXAMPLES = 100
FEWER = settings(MANY, max_examples=PDF_EXAMPLES)

# Pieces people (or pasted text) bring: controls and invisible format characters, right-to-left and
# bidirectional overrides, CJK, emoji sequences, combining marks, Markdown, HTML and format strings.
PIECES = [
    "\x00", "\x07", "\x1b[31m", "\r\n", "\r", "\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\ufeff",
    "\u200b", "\u202e", "\u2066", "\u00ad",
    "שלום עולם", "مرحبا بكم", "(!ok)", "ا\u0651\u064e",
    "你好，世界", "こんにちは", "한국어", "𠜎𠜱",
    "👩‍👩‍👧", "👍🏽", "🇬🇧", "❤️", "🫠",
    "e\u0301", "\u0301\u0302\u0303", "Z\u0337\u0322\u031ba\u0336l\u0338g\u0335o",
    "**bold**", "# heading", "[link](javascript:alert(1))", "`code`", "> quote", "- item", "|a|b|",
    "$x^2$", ":material/home:", ":red[red]", "\\", "---",
    "<script>alert(1)</script>", "<b>bold</b>", "&amp;", "<img src=x onerror=alert(1)>", "]]>",
    "{placeholder}", "{0}", "%s", "%(x)s", "'; DROP TABLE x; --", "\"",
    " ", "  ", "\n", "\n\n\n",
]
hostile = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join),
)
LONG = [
    "x" * 100_000,
    ("👩‍👩‍👧 שלום e\u0301 <b>**" * 8_000)[:100_000],
    ("\x00\u202e" * 50_000),
    ("word " * 20_000),
]


def long_examples(arguments):
    """Add each 100,000-character string as an explicit example; `arguments` makes the test's
    arguments from it."""

    def decorate(test):
        for value in LONG:
            test = example(*arguments(value))(test)
        return test

    return decorate


ONE = lambda value: (value,)  # noqa: E731
THREE = lambda value: (value, value, value)  # noqa: E731
WITH_LIST = lambda value: (value, [value])  # noqa: E731


def visible(value: str) -> str:
    """The characters a person would see: no white space, no control or format characters."""
    return "".join(
        char
        for char in value
        if not char.isspace() and (unicodedata.category(char)[0] != "C" or char == ZERO_WIDTH_JOINER)
    )


def plain(value: str, allowed: str = "") -> bool:
    """No control or format characters (other than those allowed and the emoji joiner)."""
    return all(
        char in allowed or char == ZERO_WIDTH_JOINER or unicodedata.category(char)[0] != "C" for char in value
    )


# --- The medicines list -----------------------------------------------------------------------


@MANY
@given(hostile)
@long_examples(ONE)
def test_clean_text_keeps_every_visible_character(value):
    cleaned = clean_text(value)
    assert visible(cleaned) == visible(value)
    assert plain(cleaned)
    assert cleaned == cleaned.strip() and "  " not in cleaned


@MANY
@given(hostile, hostile, hostile)
@long_examples(THREE)
def test_a_medicine_is_kept_or_refused_with_a_reason(name, dose, how_often):
    medicine, problems = check_medicine(name, dose, how_often, existing=0)
    if medicine:
        assert problems == []
        assert (medicine.name, medicine.dose, medicine.how_often) == tuple(
            clean_text(value) for value in (name, dose, how_often)
        )
        assert medicine.name
    else:
        assert problems
        for problem in problems:  # each reason has words the person is shown
            assert TEXT(f"medicines_guide.ui.problems.{problem}")
        typed = {"name": name, "dose": dose, "how_often": how_often}
        lengths = {field: len(clean_text(value)) for field, value in typed.items()}
        too_long = {f"{field}_too_long" for field, limit in MAX_LENGTHS.items() if lengths[field] > limit}
        assert too_long <= set(problems)


# --- Notes and the summary ----------------------------------------------------------------------


@MANY
@given(hostile)
@long_examples(ONE)
def test_notes_are_kept_or_cut_with_a_note(value):
    notes, cut = clean_notes(value)
    assert len(notes) <= MAX_NOTES_CHARS
    assert plain(notes, allowed="\n")
    if cut:
        assert len(visible(value)) > len(visible(notes)) and visible(value).startswith(visible(notes))
    else:
        assert visible(notes) == visible(value)


def medicines_from(values: list[str]) -> tuple[Medicine, ...]:
    kept = [check_medicine(value, value[:30], value[-30:], existing=0)[0] for value in values]
    return tuple(medicine for medicine in kept if medicine)


def blocks_of(summary, section_id: str):
    return summary.section(section_id).blocks


@MANY
@given(hostile, st.lists(hostile, max_size=3))
@long_examples(WITH_LIST)
def test_the_summary_holds_typed_text_only_as_plain_text(notes, medicine_names):
    medicines = medicines_from(list(medicine_names))
    answers = Answers(notes=notes, medicines=medicines)
    summary = build_summary(EVIDENCE, TEXT, answers, TODAY)
    kept, cut = clean_notes(notes)
    questions = blocks_of(summary, "questions")
    typed = [block.text for block in questions if isinstance(block, Paragraph) and block.typed]
    assert typed == ([kept] if kept else [])
    assert summary.notes_cut == cut
    cut_note = TEXT("summary.cut_note", limit=MAX_NOTES_CHARS)
    assert (cut_note in [block.text for block in questions if isinstance(block, Paragraph)]) == cut
    if medicines:
        (table,) = [block for block in blocks_of(summary, "medicines") if isinstance(block, Table)]
        assert table.typed  # shown in a data grid on the page, never as Markdown
        assert table.rows == tuple((m.name, m.dose, m.how_often) for m in medicines)


# --- The consultation note and the FHIR export ----------------------------------------------------


@MANY
@given(hostile, st.lists(hostile, max_size=3))
@long_examples(WITH_LIST)
def test_the_consultation_note_is_plain_text_with_the_typed_words(notes, medicine_names):
    medicines = medicines_from(list(medicine_names))
    answers = Answers(notes=notes, medicines=medicines)
    patient = patient_answers(EVIDENCE, TEXT, answers)
    note = consultation_note(EVIDENCE, TEXT, None, patient, TODAY)
    assert plain(note, allowed="\n")
    kept, _ = clean_notes(notes)
    assert visible(kept) in visible(note)
    for medicine in medicines:
        assert visible(medicine.name) in visible(note)
    assert all(row.typed for row in patient.rows if row.id in {"notes", "medicines"})


@MANY
@given(hostile, st.lists(hostile, max_size=3))
@long_examples(WITH_LIST)
def test_the_fhir_export_carries_typed_words_unchanged(notes, medicine_names):
    medicines = medicines_from(list(medicine_names))
    answers = Answers(notes=notes, medicines=medicines)
    response = fhir_export.build_response(
        EVIDENCE, TEXT, answers, QUESTIONNAIRE, datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    )
    raw = fhir_export.to_json(response)
    json.loads(raw)  # valid JSON, whatever was typed
    back = fhir_reading.parse_response(raw)
    strings = [
        answer.valueString
        for item in fhir_reading.walk(back.item)
        for answer in item.answer or ()
        if answer.valueString is not None
    ]
    kept, _ = clean_notes(notes)
    expected = [kept] if kept else []
    expected += [value for m in medicines for value in (m.name, m.dose, m.how_often) if value]
    assert strings == expected


# --- The PDF ------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@FEWER
@given(hostile, st.lists(hostile, max_size=2))
@example("x" * 100_000, [])
@example(LONG[1], [LONG[1]])
@example(LONG[2], [])
@example("D\u0300\u0700", [])  # an accent with no single code, then a letter no font has
def test_the_pdf_is_made_whatever_was_typed(notes, medicine_names):
    medicines = medicines_from(list(medicine_names))
    full = build_summary(EVIDENCE, TEXT, Answers(notes=notes, medicines=medicines), TODAY)
    # Only the sections that hold typed words: the rest of the summary is the same every time.
    summary = dataclasses.replace(full, sections=(full.section("questions"), full.section("medicines")))
    data = render_pdf(summary)
    assert data.startswith(b"%PDF")
    kept, cut = clean_notes(notes)
    typed = [kept] + [value for m in medicines for value in (m.name, m.dose, m.how_often)]
    if any(printable(value)[1] for value in typed):  # a box stands in for a character: say so
        assert letters(summary.glyph_note) in letters(pdf_text(data))


def letters(value: str) -> str:
    """Text without spaces or accents: an accent no letter has a single code for (D plus a grave)
    is drawn right, but the PDF's text layer then reads it back on every D in that font."""
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(c for c in decomposed if not c.isspace() and not unicodedata.combining(c))


def test_an_accent_typed_apart_from_its_letter_leaves_other_words_alone():
    decomposed = "Jose\u0301 Pe\u0301rez"  # as some keyboards and copied text give it
    answers = Answers(notes=decomposed)
    summary = build_summary(EVIDENCE, TEXT, answers, TODAY)
    summary = dataclasses.replace(summary, sections=(summary.section("questions"),))
    words = pdf_text(render_pdf(summary))
    assert "José Pérez" in words
    assert "Made on" in words and "medical" in words  # no accent crept onto other e's


# --- The pages: typed words are shown as text, never as Markdown or HTML -------------------------

MARKUP = ["**bold**", "<script>alert(1)</script>", "<b>bold</b>", "[link](javascript:alert(1))", "# heading"]
TYPED = " ".join(MARKUP) + " שלום 你好 👩‍👩‍👧 e\u0301\x00\u202e"


def rendered_as_markup(app) -> list[str]:
    """Markdown elements that hold a piece of typed markup as it was typed, and HTML elements that
    hold a typed tag unescaped."""
    found = [str(e.value) for e in app.markdown for piece in MARKUP if piece in str(e.value)]
    tags = [piece for piece in MARKUP if "<" in piece]
    found += [str(e.proto) for e in app.get("html") for piece in tags if piece in str(e.proto)]
    return found


@pytest.mark.parametrize("spec", [SUMMARY, CLINICIAN, MEDICINES], ids=lambda spec: spec.url_path)
def test_pages_never_render_typed_words_as_markup(spec):
    medicine = Medicine(*(clean_text(TYPED)[:limit] for limit in MAX_LENGTHS.values()))
    app = run_page(
        spec.path,
        **{
            state.SUMMARY_NOTES: TYPED * 3,
            state.MEDICINES: [medicine],
            state.CONDITION: "sciatica",
            state.COMPARE_OPTIONS: ("no_treatment", "discectomy"),
        },
    )
    assert_no_exception(app)
    assert rendered_as_markup(app) == []


def test_very_long_notes_are_cut_with_a_note_on_the_summary_page():
    app = run_page(SUMMARY.path, **{state.SUMMARY_NOTES: LONG[1]})
    assert_no_exception(app)
    assert TEXT("summary.cut_note", limit=MAX_NOTES_CHARS) in [w.value for w in app.warning]
    assert len(app.session_state[state.SUMMARY_NOTES]) <= MAX_NOTES_CHARS
