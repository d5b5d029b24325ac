"""Pages rendered with Streamlit's AppTest: every page works and shows the safety line, and the
Explore page shows every option and its figures exactly as data/ holds them."""

import pytest

from backpain_aid.explore import explore_view
from backpain_aid.wording import round_half_up
from tests_support.apptest import page_text, run_page
from ui import state
from ui.pages import ALL_PAGES, EXPLORE


@pytest.mark.parametrize("spec", ALL_PAGES, ids=[spec.url_path or "start" for spec in ALL_PAGES])
def test_every_page_renders_with_safety_line_and_evidence_version(spec, text, evidence):
    app = run_page(spec.path)
    shown = page_text(app)
    assert text("red_flags.safety_line.text") in shown
    assert evidence.meta.version in shown


def figures(statement) -> list[str]:
    """The numbers a sentence must show, read straight from the outcome row."""
    outcome = statement.outcome
    if outcome.measure == "events":
        values = [outcome.option_per_100, outcome.comparator_per_100]
        return [f"{round_half_up(v)} out of 100" for v in values if v is not None and v >= 0.5]
    if outcome.measure == "mean_difference":
        return [f"{round(abs(outcome.md_value), 1):g} points"] if outcome.md_value else ["the same"]
    if outcome.measure == "extra_events":  # only the gap is known: out of 1,000 when under 1 in 100
        return [f"{outcome.option_per_100 * 10:g} more in every 1,000"]
    return ["No good evidence either way"]


@pytest.mark.parametrize("condition_id", ["chronic_low_back_pain", "sciatica", "axial_spa"])
def test_explore_shows_every_option_with_its_figures(condition_id, evidence, text):
    app = run_page(EXPLORE.path, **{state.CONDITION: condition_id})
    shown = page_text(app)
    view = explore_view(evidence, text, condition_id)
    assert len(view.cards) == len(evidence.options_for(condition_id)) >= 4
    for card in view.cards:
        assert f"### {card.option.name}" in shown
        for statement in (card.benefit, card.harm, *card.more_outcomes):
            assert statement.sentence in shown
            assert statement.note in shown
            for figure in figures(statement):
                assert figure in statement.sentence
            assert text(f"wording.certainty.{statement.outcome.certainty}") in shown
        for stance in card.stances:
            assert evidence.guidelines[stance.guideline_id].short_name in shown
            assert text(f"wording.stance.{stance.stance}") in shown
        for source in card.sources:
            assert source.title in shown


def test_explore_remembers_the_condition_across_pages(evidence):
    app = run_page(EXPLORE.path, **{state.CONDITION: "sciatica"})
    app.switch_page(ALL_PAGES[0].path)
    app.run()
    app.switch_page(EXPLORE.path)
    app.run()
    assert app.session_state[state.CONDITION] == "sciatica"
    assert app.radio(key="widget.condition").value == "sciatica"
