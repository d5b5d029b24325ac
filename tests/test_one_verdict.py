"""The same verdict word for the same result on every surface that shows it: Explore, Compare,
the fit view, the summary page, the PDF and the consultation view (grid and note). Each surface is
rendered the way a person or clinician meets it and read back."""

import io
import re
from collections import Counter

import pytest
from pypdf import PdfReader

from backpain_aid import verdicts
from backpain_aid.compare import Selection, build_comparison
from backpain_aid.consultation import build_grid, consultation_note, patient_answers
from backpain_aid.pdf import render_pdf
from backpain_aid.summary import build_summary
from backpain_aid.values import fit, load_attributes
from tests.test_clinician import MADE_ON, open_view, session_from, shown_html
from tests.test_summary import CONDITION, OPTIONS, filled_answers
from tests_support.apptest import page_text, run_page
from ui import state
from ui.pages import COMPARE, EXPLORE, VALUES
from ui.views.compare import DETAIL_KEYS

CHOSEN = (*OPTIONS, "opioids")  # a clear benefit, maybe a small benefit, the starting point, harms


@pytest.fixture(scope="module")
def cards(evidence, text):
    return build_comparison(evidence, text, Selection(CONDITION, CHOSEN)).cards


def statements(card):
    return (card.benefit, card.harm, *card.more_outcomes)


def word(statement, evidence, text) -> str:
    """The verdict word, worked out here from the rules, not taken from the page model."""
    return verdicts.label(verdicts.judge(statement.outcome, evidence), text)


def squashed(value: str) -> str:
    return re.sub(r"\s+", "", value)


def test_explore_says_each_results_verdict_next_to_it(evidence, text, cards):
    shown = page_text(run_page(EXPLORE.path, **{state.CONDITION: CONDITION}))
    verdict = text("explore.verdict")
    for card in cards:
        for statement in statements(card):
            said = f"**{verdict}: {word(statement, evidence, text)}.**"
            # On the card: "*Pain.* **What it shows: …**"; under "More results" the result's name
            # ends its heading line ("**Possible benefit: Pain**") and the verdict opens the next.
            assert f"*{statement.label}.* {said}" in shown or f"{statement.label}**\n\n{said}" in shown


def test_compare_says_each_results_verdict_next_to_it(evidence, text, cards):
    every_detail_open = dict.fromkeys(DETAIL_KEYS.values(), True)  # each row's detail, opened
    app = run_page(
        COMPARE.path, **{state.CONDITION: CONDITION, state.COMPARE_OPTIONS: CHOSEN, **every_detail_open}
    )
    shown = page_text(app)
    verdict = text("explore.verdict")
    for card in cards:
        for statement in statements(card):
            assert f"*{statement.label}.* **{verdict}: {word(statement, evidence, text)}.**" in shown


def test_the_fit_view_names_the_verdict_of_the_result_behind_each_cell(evidence, text):
    weights = {"feel_better": 4}
    app = run_page(
        VALUES.path,
        **{state.CONDITION: CONDITION, state.COMPARE_OPTIONS: CHOSEN, state.VALUES_WEIGHTS: weights},
    )
    shown = page_text(app)
    attributes = load_attributes(text, evidence)
    result = fit(evidence, attributes, CHOSEN, CONDITION, weights)
    for option_fit in result.options:
        cell = option_fit.cell("feel_better")
        if cell.rated.verdict is not None:
            expected = verdicts.label(verdicts.judge(cell.rated.basis, evidence), text)
            assert (
                text("values.fit.table_cell", rating=expected, points=f"{cell.points:g}", weight=4) in shown
            )


def test_the_summary_pdf_and_note_say_the_same_words(evidence, text):
    answers = filled_answers(evidence, text)
    summary_cards = build_comparison(evidence, text, Selection(CONDITION, answers.option_ids)).cards
    headlines = [s for card in summary_cards for s in (card.benefit, card.harm)]
    expected = Counter(word(s, evidence, text) for s in headlines)

    table = build_summary(evidence, text, answers, MADE_ON).section("options").blocks[1]
    assert Counter(row[2] for row in table.rows) == expected

    document = render_pdf(build_summary(evidence, text, answers, MADE_ON))
    pdf = squashed(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages))
    for card in summary_cards:  # the PDF's detail: every result, each with the verdict worked out here
        for statement in statements(card):
            kind = evidence.outcome_types[statement.outcome.outcome_type_id].kind
            title = text(f"summary.options.{kind}", name=statement.label)
            shown = f"{title}. {text('explore.verdict')}: {word(statement, evidence, text)}."
            assert squashed(shown) in pdf, shown

    grid = build_grid(evidence, text, Selection(CONDITION, answers.option_ids))
    note = consultation_note(evidence, text, grid, patient_answers(evidence, text, answers), MADE_ON)
    for statement in headlines:
        assert f"{statement.label}: {word(statement, evidence, text)}." in note


def test_the_consultation_grid_shows_each_results_verdict(evidence, text, cards):
    answers = filled_answers(evidence, text)
    app = open_view({"condition": CONDITION, "options": ",".join(CHOSEN)}, **session_from(answers))
    html = shown_html(app)
    for card in cards:
        for statement in statements(card):
            assert f"{statement.label}:</strong> <em>{word(statement, evidence, text)}.</em>" in html
