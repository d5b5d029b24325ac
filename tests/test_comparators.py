"""What the comparison group really got: every figure says so in plain words, wherever it is
shown (Explore, Compare, the consultation grid and note, the summary), and the comparator
labels say what the sources describe, not a kinder or simpler story."""

import re
from datetime import date

import pytest
from markupsafe import escape  # as the templates escape (Jinja2 autoescape, ui/html.py)

from backpain_aid.answers import Answers
from backpain_aid.compare import MAX_OPTIONS, Selection, figures_for, mismatch
from backpain_aid.consultation import build_grid, consultation_note, figure_line, patient_answers
from backpain_aid.content import load_content
from backpain_aid.evidence import EvidenceError, load_evidence
from backpain_aid.evidence.models import NO_COMPARATOR_ID, REFERENCE_OPTION_ID
from backpain_aid.summary import Table, build_summary
from backpain_aid.wording import describe_outcome
from tests.conftest import read_rows, write_rows
from tests.test_content import TEXTS
from tests_support.apptest import page_text, run_page
from ui import html as ui_html
from ui import state
from ui.compare_grid import details_markdown
from ui.pages import EXPLORE
from ui.views.clinician import CONSULT, figure_view

EVIDENCE = load_evidence()
TEXT = load_content()
WITH_FIGURE = [o for o in EVIDENCE.outcomes if o.measure != "no_good_evidence"]
MADE_ON = date(2026, 12, 1)


def option_sets() -> list[Selection]:
    """Every option of every condition, in groups the Compare page allows (at most 4)."""
    selections = []
    for condition_id in EVIDENCE.conditions:
        ids = [option.id for option in EVIDENCE.options_for(condition_id)]
        for start in range(0, len(ids), MAX_OPTIONS):
            chunk = ids[start : start + MAX_OPTIONS]
            if len(chunk) == 1:  # Compare needs two: pair the last one with the first
                chunk = [ids[0], *chunk]
            selections.append(Selection(condition_id, tuple(chunk)))
    return selections


SELECTIONS = option_sets()


def ids_of(selection: Selection) -> str:
    return f"{selection.condition_id}:{'+'.join(selection.option_ids)}"


def with_figure_in(selection: Selection) -> list:
    return [
        o
        for option_id in selection.option_ids
        for o in EVIDENCE.outcomes_for(option_id, selection.condition_id)
        if o.measure != "no_good_evidence"
    ]


# --- The data --------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", WITH_FIGURE, ids=[o.id for o in WITH_FIGURE])
def test_every_figure_says_what_the_comparison_group_got(outcome):
    assert len(outcome.comparator_detail) >= 20
    assert outcome.comparator_detail.endswith("."), "a whole sentence, so it reads on after the heading"


def test_every_figure_says_where_its_comparison_group_was_read():
    for outcome in WITH_FIGURE:
        assert "Comparison group" in outcome.extraction_note, outcome.id


def test_a_figure_without_a_comparator_detail_is_refused(data_copy):
    header, rows = read_rows(data_copy / "outcomes.csv")
    index = next(i for i, row in enumerate(rows) if row["measure"] == "events")
    rows[index]["comparator_detail"] = ""
    write_rows(data_copy / "outcomes.csv", header, rows)
    with pytest.raises(EvidenceError, match=rf"outcomes.csv, row {index + 2}, field 'comparator_detail'"):
        load_evidence(data_copy)


def test_comparator_detail_is_reading_level_tested():
    """tests/test_content.py grades every patient text; the details must be among them."""
    graded = " ".join(value for where, value in TEXTS if where.startswith("outcomes:"))
    for outcome in WITH_FIGURE:
        assert outcome.comparator_detail in graded, outcome.id


def test_every_comparator_is_used():
    used = {o.comparator_id for o in EVIDENCE.outcomes}
    assert set(EVIDENCE.comparators) <= used, set(EVIDENCE.comparators) - used


# --- Labels that would have misled -----------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome_id", "comparator_id"),
    [
        # MINT: radiofrequency added to an exercise programme, against the programme alone.
        ("rfa_clbp_pain_better_3m", "exercise_programme"),
        ("rfa_clbp_pain_better_12m", "exercise_programme"),
        ("rfa_clbp_pain_score_3m", "exercise_programme"),
        # Haas 2014: a light-massage control, not a fake manipulation.
        ("smt_clbp_pain", "attention_control"),
        # Hayden 2021: no treatment, usual care or placebo pooled; Cashin 2021 the same plus waiting list.
        ("ex_clbp_pain", "mixed_controls"),
        ("ex_clbp_function", "mixed_controls"),
        ("mr_clbp_pain_antispastic", "mixed_controls"),
        ("mr_clbp_pain_misc", "mixed_controls"),
        ("mr_acute_pain_nonbenzo", "mixed_controls"),
        # Fernandez 2015: advice to stay active.
        ("ex_sciatica_leg_pain", "advice_only"),
        # Surgery trials: what the group without an operation really had.
        ("disc_sciatica_recovered_1y", "conservative_care_surgery_if_needed"),
        ("disc_sciatica_leg_pain_6m", "structured_nonsurgical_care"),
        ("fusion_clbp_odi_2y", "intensive_rehab"),
        ("fusion_clbp_better_2y", "unstructured_nonsurgical_care"),
        # Oliveira 2020: some "placebo" injections were numbing medicine, some into the spine.
        ("esi_sciatica_leg_pain_short", "placebo_injection"),
    ],
)
def test_comparators_name_what_the_source_describes(outcome_id, comparator_id):
    outcome = next(o for o in EVIDENCE.outcomes if o.id == outcome_id)
    assert outcome.comparator_id == comparator_id


def test_radiofrequency_is_not_set_against_usual_care_nor_massage_against_sham():
    by_id = {o.id: o for o in EVIDENCE.outcomes}
    rfa = [o for o in WITH_FIGURE if o.option_id == "nerve_block_rfa"]
    assert rfa and all(o.comparator_id != "usual_care" for o in rfa)
    assert all("exercise" in o.comparator_detail for o in rfa)
    assert by_id["smt_clbp_pain"].comparator_id != "sham"
    assert "massage" in by_id["smt_clbp_pain"].comparator_detail


NO_ONE_OPERATED = re.compile(r"\bno(?: ?one|body)\b[^.]*\b(?:surgery|operation)", re.IGNORECASE)


def test_no_comparator_claims_that_no_one_had_an_operation():
    """Every surgery trial in the data had people in the other group who had an operation later."""
    for comparator in EVIDENCE.comparators.values():
        assert not NO_ONE_OPERATED.search(comparator.description), comparator.id


def test_surgery_comparisons_say_that_the_other_group_could_have_an_operation_later():
    surgery = [o for o in WITH_FIGURE if o.option_id in ("discectomy", "spinal_fusion")]
    assert surgery
    for outcome in surgery:
        if outcome.comparator_id == "not_applicable":
            continue
        description = EVIDENCE.comparators[outcome.comparator_id].description
        assert "at the start" in description or "later" in description, outcome.comparator_id
        assert "no one" not in outcome.comparator_detail.lower()


def test_no_treatment_rows_claim_no_care_the_source_does_not_report():
    """Neither Peul (sciatica) nor Costa (back pain) reports GP care or "normal care"."""
    for outcome in EVIDENCE.outcomes:
        if outcome.option_id != REFERENCE_OPTION_ID:
            continue
        words = f"{outcome.plain_note} {outcome.comparator_detail} {outcome.population}"
        assert "normal care" not in words.lower(), outcome.id
        assert "own clinicians" not in words.lower(), outcome.id
        if outcome.condition_id == "sciatica":
            assert not re.search(r"\bGPs?\b", words), outcome.id


def test_the_sciatica_starting_point_is_not_a_surgery_trial_figure():
    """Peul 2008's 20 in 100 mixes both groups of a surgery trial: most had an operation."""
    rows = [
        o for o in EVIDENCE.outcomes if o.option_id == REFERENCE_OPTION_ID and o.condition_id == "sciatica"
    ]
    for outcome in rows:
        if outcome.measure != "no_good_evidence":
            assert "both groups" not in outcome.population, outcome.id
            assert outcome.source_id != "peul_2008_sciatica_2yr", outcome.id
    still = next(o for o in rows if o.id == "notx_sciatica_still_pain")
    assert still.measure == "no_good_evidence" and still.headline
    assert "operation" in still.plain_note
    recovered = next(o for o in rows if o.id == "notx_sciatica_recovered")
    assert "39 in 100" in recovered.comparator_detail and "39 in 100" in recovered.plain_note


def test_compare_still_flags_results_set_against_different_groups():
    selection = Selection("chronic_low_back_pain", ("nerve_block_rfa", "antidepressants"))
    figures, missing = figures_for(EVIDENCE, selection, "pain_better")
    assert not missing
    assert mismatch(figures).comparators  # an exercise programme alone vs a dummy pill


# --- Shown wherever a result is shown ---------------------------------------------------------


@pytest.mark.parametrize("outcome", WITH_FIGURE, ids=[o.id for o in WITH_FIGURE])
def test_the_statement_carries_the_detail_with_its_heading(outcome):
    statement = describe_outcome(outcome, EVIDENCE, TEXT)
    assert statement.comparator_detail == outcome.comparator_detail
    own = outcome.comparator_id == NO_COMPARATOR_ID
    assert statement.comparator_heading == TEXT("explore.own_group" if own else "explore.compared_with")


@pytest.mark.parametrize("condition_id", list(EVIDENCE.conditions))
def test_explore_page_shows_every_comparator_detail(condition_id):
    shown = page_text(run_page(EXPLORE.path, **{state.CONDITION: condition_id}))
    for outcome in WITH_FIGURE:
        if outcome.condition_id == condition_id:
            statement = describe_outcome(outcome, EVIDENCE, TEXT)
            assert f"*{statement.comparator_heading}:* {outcome.comparator_detail}" in shown, outcome.id


@pytest.mark.parametrize("selection", SELECTIONS, ids=ids_of)
def test_compare_grid_shows_every_comparator_detail(selection):
    details = details_markdown(EVIDENCE, TEXT, selection)
    grid = "\n".join(details[row_id] for row_id in ("pain", "side_effects", "serious_harms"))
    for outcome in with_figure_in(selection):
        heading = describe_outcome(outcome, EVIDENCE, TEXT).comparator_heading
        assert f"*{heading}:* {outcome.comparator_detail}" in grid, outcome.id


@pytest.mark.parametrize("selection", SELECTIONS, ids=ids_of)
def test_consultation_grid_and_note_show_the_comparator_detail(selection):
    grid = build_grid(EVIDENCE, TEXT, selection)
    lines = {line.outcome.id: line for column in grid.columns for line in (*column.benefits, *column.harms)}
    for outcome in with_figure_in(selection):
        line = lines[outcome.id]
        assert line.comparator_detail == outcome.comparator_detail
        assert outcome.comparator_detail in line.compared_with
        assert escape(line.compared_with) in figure_html(line)
    note = consultation_note(EVIDENCE, TEXT, grid, patient_answers(EVIDENCE, TEXT, Answers()), MADE_ON)
    for option_id in selection.option_ids:
        for kind in ("benefit", "harm"):
            headline = EVIDENCE.headline(option_id, selection.condition_id, kind)
            if headline.measure != "no_good_evidence":
                assert headline.comparator_detail in note, headline.id


def figure_html(line):
    """One result line as the consultation grid draws it (its template macro)."""
    return ui_html.macro(CONSULT, "figure_div", figure_view(line, TEXT))


def test_consultation_html_escapes_the_detail():
    outcome = WITH_FIGURE[0]
    hostile = outcome.model_copy(update={"comparator_detail": "<script>alert(1)</script> & more."})
    line = figure_line(describe_outcome(hostile, EVIDENCE, TEXT), EVIDENCE, TEXT)
    html = figure_html(line)
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("selection", SELECTIONS, ids=ids_of)
def test_summary_table_shows_the_headline_comparator_details(selection):
    answers = Answers(condition_id=selection.condition_id, option_ids=selection.option_ids)
    summary = build_summary(EVIDENCE, TEXT, answers, MADE_ON)
    (table,) = [block for block in summary.section("options").blocks if isinstance(block, Table)]
    found = " ".join(row[3] for row in table.rows)
    for option_id in selection.option_ids:
        for kind in ("benefit", "harm"):
            headline = EVIDENCE.headline(option_id, selection.condition_id, kind)
            assert headline.comparator_detail in found, headline.id
