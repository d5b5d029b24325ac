"""Pages rendered with Streamlit's AppTest: every page works and shows the safety line, and the
Explore page shows every option and its figures exactly as data/ holds them."""

import pytest

from backpain_aid.content import load_content
from backpain_aid.explore import explore_view
from backpain_aid.page_names import PageName
from backpain_aid.wording import round_half_up
from tests_support.apptest import page_text, run_page
from ui import state
from ui.pages import ALL_PAGES, BY_NAME, EXPLORE


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
    # No figure: the row's own reason why (outcomes.csv unknown_reason), read from the content.
    return [load_content()(f"wording.not_known.{outcome.unknown_reason}")]


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


def test_every_page_name_has_exactly_one_page():
    """The domain package names pages (backpain_aid.page_names); each name is one page of the app,
    and a summary step that is not done links to it."""
    assert sorted(spec.name for spec in ALL_PAGES) == sorted(PageName)
    assert all(BY_NAME[name].name is name for name in PageName)


def test_explore_is_one_block_per_ladder_step_with_no_widget_per_card(evidence, text):
    """A page of 20 cards stays quick to redraw for everyone on the server: each step of the
    ladder is one block of text holding its cards, and every closed section under a card (what it
    involves, the guidelines, more results, the sources) is opened by the browser alone."""
    condition_id = "chronic_low_back_pain"
    view = explore_view(evidence, text, condition_id)
    app = run_page(EXPLORE.path, **{state.CONDITION: condition_id})
    assert not app.expander and len(app.radio) == 2  # the condition and the language, nothing per card
    blocks = [m.value for m in app.markdown if 'class="aid-card"' in m.value]
    assert len(blocks) == len(view.groups)
    shown = "\n".join(blocks)
    assert shown.count('class="aid-card"') == len(view.cards)
    for title in ("involves_title", "guidelines_title", "more_title", "sources_title"):
        assert f"<summary>{text(f'explore.{title}')}</summary>" in shown
    reference = text("explore.reference_note")
    assert shown.count(f'<div class="aid-note">{reference}</div>') == 1
