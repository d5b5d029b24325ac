"""Guidelines since 2023 (evidence 2026.12): the BMJ Rapid Recommendation of 2025 on spine
procedures, its disagreement with NICE NG59 shown (not resolved) on every page that shows
stances, and the strength of each recommendation where a source gives it."""

import pytest
from markupsafe import escape  # as the templates escape (Jinja2 autoescape, ui/html.py)

from backpain_aid.evidence import EvidenceError, load_evidence
from tests.conftest import read_rows, write_rows
from tests.test_content import MAX_GRADE, MIN_WORDS, grade
from tests_support.apptest import page_text, run_page
from ui import state
from ui.pages import CLINICIAN, COMPARE, EXPLORE
from ui.views.compare import DETAIL_KEYS

BMJ = "bmj_rapidrec_2025"
BMJ_DOI = "https://doi.org/10.1136/bmj-2024-079970"

#: The option-condition pairs the BMJ panel's strong recommendations against apply to.
BMJ_PAIRS = [
    ("nerve_block_rfa", "chronic_low_back_pain"),
    ("epidural_steroid_injection", "sciatica"),
]


def bmj_stance(evidence, option_id, condition_id):
    found = [s for s in evidence.stances_for(option_id, condition_id) if s.guideline_id == BMJ]
    assert len(found) == 1, (option_id, condition_id)
    return found[0]


@pytest.mark.parametrize(("option_id", "condition_id"), BMJ_PAIRS)
def test_bmj_2025_stance_is_a_strong_recommendation_against(evidence, option_id, condition_id):
    stance = bmj_stance(evidence, option_id, condition_id)
    assert stance.year == 2025
    assert stance.stance == "do_not_offer"
    assert stance.strength == "strong"
    assert "strong" in stance.detail
    assert "3 months or more" in stance.detail
    assert "international panel" in stance.detail
    assert evidence.sources[stance.source_id].doi_or_url == BMJ_DOI


def test_bmj_guideline_covers_only_the_procedures_it_looked_at(evidence):
    guideline = evidence.guidelines[BMJ]
    assert not guideline.covers_all_options
    assert set(guideline.conditions) == {"chronic_low_back_pain", "sciatica"}
    assert {(s.option_id, s.condition_id) for s in evidence.stances if s.guideline_id == BMJ} == set(
        BMJ_PAIRS
    )


@pytest.mark.parametrize(("option_id", "condition_id"), BMJ_PAIRS)
def test_disagreement_with_nice_is_flagged_and_explained(evidence, option_id, condition_id):
    nice = next(s for s in evidence.stances_for(option_id, condition_id) if s.guideline_id == "nice_ng59")
    assert nice.stance == "consider"
    assert evidence.guidelines_disagree(option_id, condition_id)
    note = evidence.pairing(option_id, condition_id).guideline_note
    assert "NICE" in note
    assert "BMJ panel" in note
    assert "3 months or more" in note


def test_nice_epidural_advice_and_bmj_advice_name_their_different_groups(evidence):
    note = evidence.pairing("epidural_steroid_injection", "sciatica").guideline_note
    assert "new and severe" in note
    assert "different groups of people" in note


def stance_details() -> list[tuple[str, str]]:
    evidence = load_evidence()
    return [
        (f"{s.option_id}/{s.condition_id}/{s.guideline_id}", s.detail) for s in evidence.stances if s.detail
    ]


DETAILS = stance_details()
LONG_DETAILS = [(where, detail) for where, detail in DETAILS if len(detail.split()) >= MIN_WORDS]


@pytest.mark.parametrize(("where", "detail"), LONG_DETAILS, ids=[where for where, _ in LONG_DETAILS])
def test_every_stance_detail_reads_at_grade_8_or_below(where, detail):
    assert grade(detail) <= MAX_GRADE, f"{where} reads at grade {grade(detail):.1f}: {detail}"


def test_short_stance_details_read_at_grade_8_or_below_together():
    # As in test_content: reading formulas need sentences, so short texts are graded together.
    short = [detail for _, detail in DETAILS if len(detail.split()) < MIN_WORDS]
    joined = " ".join(short)
    assert grade(joined) <= MAX_GRADE


def test_strength_is_refused_where_no_recommendation_is_made(data_copy):
    header, rows = read_rows(data_copy / "stances.csv")
    index = next(i for i, row in enumerate(rows) if row["stance"] == "not_covered")
    rows[index]["strength"] = "strong"
    write_rows(data_copy / "stances.csv", header, rows)
    with pytest.raises(EvidenceError, match="strength must be empty"):
        load_evidence(data_copy)


def test_unknown_strength_is_refused(data_copy):
    header, rows = read_rows(data_copy / "stances.csv")
    rows[0]["strength"] = "very strong"
    write_rows(data_copy / "stances.csv", header, rows)
    with pytest.raises(EvidenceError, match="stances.csv, row 2, field 'strength'"):
        load_evidence(data_copy)


# The pages: the new guideline's name and year, and the disagreement, through the shared code.


def shown_name(evidence) -> str:
    return f"{evidence.guidelines[BMJ].short_name} (2025)"


@pytest.mark.parametrize(("option_id", "condition_id"), BMJ_PAIRS)
def test_explore_shows_the_bmj_stance_and_the_disagreement(evidence, text, option_id, condition_id):
    shown = page_text(run_page(EXPLORE.path, **{state.CONDITION: condition_id}))
    assert shown_name(evidence) in shown
    assert bmj_stance(evidence, option_id, condition_id).detail in shown
    # Set apart in a box of HTML (ui/templates/disagree_note.html.j2), so escaped as HTML text.
    assert escape(evidence.pairing(option_id, condition_id).guideline_note) in shown
    assert escape(text("explore.guidelines_disagree")) in shown


@pytest.mark.parametrize(("option_id", "condition_id"), BMJ_PAIRS)
def test_compare_shows_the_bmj_stance_and_the_disagreement(evidence, text, option_id, condition_id):
    session = {state.CONDITION: condition_id, state.COMPARE_OPTIONS: ("no_treatment", option_id)}
    session[DETAIL_KEYS["guidelines"]] = True  # the row's detail, opened
    shown = page_text(run_page(COMPARE.path, **session))
    assert shown_name(evidence) in shown
    assert bmj_stance(evidence, option_id, condition_id).detail in shown
    # Set apart in a box of HTML (ui/templates/disagree_note.html.j2), so escaped as HTML text.
    assert escape(evidence.pairing(option_id, condition_id).guideline_note) in shown
    assert escape(text("explore.guidelines_disagree")) in shown


@pytest.mark.parametrize(("option_id", "condition_id"), BMJ_PAIRS)
def test_consultation_view_shows_the_bmj_stance_and_the_disagreement(evidence, text, option_id, condition_id):
    session = {state.CONDITION: condition_id, state.COMPARE_OPTIONS: ("no_treatment", option_id)}
    app = run_page(CLINICIAN.path, **session)
    grid = "\n".join(element.value for element in app.html)
    assert escape(shown_name(evidence)) in grid
    assert escape(bmj_stance(evidence, option_id, condition_id).detail) in grid
    assert escape(text("clinician.grid.disagree")) in grid
