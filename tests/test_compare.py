"""Compare: the choice from a page or a link, the figures behind the pictures, and the page."""

import re

import pytest
import vl_convert

from backpain_aid.charts import (
    AFFECTED_COLOUR,
    TOOLTIP_FIELDS,
    UNAFFECTED_COLOUR,
    compare_outcome_chart,
    icon_array_chart,
)
from backpain_aid.compare import (
    MAX_OPTIONS,
    Selection,
    build_comparison,
    figures_for,
    icon_array_counts,
    link_params,
    mismatch,
    parse_link,
    pictured_outcome_types,
)
from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.values import default_weights, fit, load_attributes
from backpain_aid.values_chart import fit_chart_in
from backpain_aid.wording import round_half_up
from tests_support.apptest import assert_no_exception, page_text, run_page
from ui import state
from ui.compare_grid import ROW_IDS, details_markdown
from ui.glance_grid import glance_html
from ui.markdown import stacked_table
from ui.pages import COMPARE, EXPLORE
from ui.views.compare import DETAIL_KEYS

EVIDENCE = load_evidence()
TEXT = load_content()

OPTION_SETS = [
    ("chronic_low_back_pain", ("no_treatment", "exercise")),
    ("chronic_low_back_pain", ("nsaids", "opioids", "antidepressants", "spinal_fusion")),
    ("sciatica", ("no_treatment", "gabapentinoids", "epidural_steroid_injection")),
    ("sciatica", ("discectomy", "oral_steroids")),
    ("axial_spa", ("no_treatment", "nsaids", "biologics", "exercise")),
]


@pytest.mark.parametrize("per_100", [0, 0.4, 0.5, 12.5, 39.9, 99.6, 100])
def test_icon_array_counts_add_to_100(per_100):
    affected, unaffected = icon_array_counts(per_100)
    assert affected + unaffected == 100
    assert affected == round_half_up(per_100)


@pytest.mark.parametrize("per_100", [0, 12.5, 39, 100])
def test_icon_array_draws_100_people_with_the_count_filled_in(per_100):
    """Drawn by Vega itself (to SVG): the people are generated in the chart, so count what it draws."""
    chart = icon_array_chart("With it", per_100, 'had "it"', "did not")
    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    affected, unaffected = icon_array_counts(per_100)
    assert (svg.count(AFFECTED_COLOUR), svg.count(UNAFFECTED_COLOUR)) == (affected, unaffected)


def test_figures_come_from_the_data_with_their_comparator():
    selection = Selection("axial_spa", ("no_treatment", "biologics"))
    figures, missing = figures_for(EVIDENCE, selection, "spa_symptoms_better")
    assert missing == ["no_treatment"]
    (figure,) = figures
    headline = EVIDENCE.headline("biologics", "axial_spa", "benefit")
    assert figure.outcome == headline
    assert (figure.option_per_100, figure.comparator_per_100) == (
        headline.option_per_100,
        headline.comparator_per_100,
    )


def test_mismatch_flags_different_timeframes_and_comparators():
    outcomes = [o for o in EVIDENCE.outcomes if o.measure == "events" and o.has_comparator]
    # Any two rows with the same time frame and comparator, whatever order the data is in.
    first, same = next(
        (a, b)
        for a in outcomes
        for b in outcomes
        if a is not b and a.timeframe_weeks == b.timeframe_weeks and a.comparator_id == b.comparator_id
    )
    other_time = next(o for o in outcomes if o.timeframe_weeks != first.timeframe_weeks)
    other_comparator = next(o for o in outcomes if o.comparator_id != first.comparator_id)

    def figure(outcome):
        from backpain_aid.compare import Figure

        return Figure(outcome.option_id, outcome.option_id, outcome, outcome.comparator_id)

    assert mismatch([figure(first), figure(other_time)]).timeframes
    assert mismatch([figure(first), figure(other_comparator)]).comparators
    assert not mismatch([figure(first), figure(same)]).any


def test_pictured_outcomes_are_only_event_counts():
    for condition_id, option_ids in OPTION_SETS:
        selection = Selection(condition_id, option_ids)
        for type_id in pictured_outcome_types(EVIDENCE, selection):
            figures, _ = figures_for(EVIDENCE, selection, type_id)
            assert figures and all(f.outcome.measure == "events" for f in figures)


# Links: ids only, and anything odd gets a short message and a sensible view.
LINKS = [
    ({"condition": "sciatica", "options": "no_treatment,discectomy"}, ("no_treatment", "discectomy"), ()),
    (
        {"condition": "sciatica", "options": "discectomy,discectomy,nope"},
        None,
        ("unknown_or_repeated_option", "too_few_options"),
    ),
    (
        {"condition": "axial_spa", "options": "no_treatment,nsaids,biologics,exercise,physiotherapy"},
        None,
        ("too_many_options",),
    ),
    ({"condition": "<script>alert(1)</script>", "options": "nsaids"}, None, ("unknown_condition",)),
    (
        {"condition": "sciatica", "options": "x" * 10_000},
        None,
        ("unknown_or_repeated_option", "too_few_options"),
    ),
]


# More hand-edited links: script text in the options, long or odd condition values, an option from
# another condition, stray spaces and commas, options with no condition.
LINKS += [
    (
        {"condition": "sciatica", "options": "discectomy,<img src=x onerror=alert(1)>,oral_steroids"},
        ("discectomy", "oral_steroids"),
        ("unknown_or_repeated_option",),
    ),
    ({"condition": "sciatica" * 5_000, "options": "no_treatment,discectomy"}, None, ("unknown_condition",)),
    ({"condition": "Sciatica", "options": "no_treatment,discectomy"}, None, ("unknown_condition",)),
    ({"condition": "sciatica\u202e\x00", "options": "no_treatment"}, None, ("unknown_condition",)),
    ({"options": "no_treatment,discectomy"}, None, ("unknown_condition",)),
    (
        {"condition": "axial_spa", "options": "discectomy,biologics"},
        None,
        ("unknown_or_repeated_option", "too_few_options"),
    ),
    (
        {"condition": "sciatica", "options": " ,no_treatment , ,discectomy,,"},
        ("no_treatment", "discectomy"),
        (),
    ),
    ({"condition": "sciatica", "options": ""}, None, ("too_few_options",)),
    (
        {"condition": "axial_spa", "options": ",".join(["nsaids"] * 1_000)},
        None,
        ("unknown_or_repeated_option", "too_few_options"),
    ),
]


@pytest.mark.parametrize(("params", "expected", "problems"), LINKS)
def test_links_are_read_safely(params, expected, problems):
    parsed = parse_link(EVIDENCE, params)
    assert parsed.problems == problems
    if parsed.selection:
        assert 2 <= len(parsed.selection.option_ids) <= MAX_OPTIONS
        assert set(parsed.selection.option_ids) <= {
            o.id for o in EVIDENCE.options_for(parsed.selection.condition_id)
        }
    if expected:
        assert parsed.selection.option_ids == expected


def test_link_round_trip():
    selection = Selection("axial_spa", ("no_treatment", "biologics"))
    assert parse_link(EVIDENCE, link_params(selection)).selection == selection


# The page, over several option sets: each option's figures, certainty and stances, as in data/.
@pytest.mark.parametrize(
    ("condition_id", "option_ids"), OPTION_SETS, ids=lambda v: v if isinstance(v, str) else "+".join(v)
)
def test_compare_page_shows_each_options_values_from_the_data(condition_id, option_ids):
    every_detail_open = dict.fromkeys(DETAIL_KEYS.values(), True)
    app = run_page(
        COMPARE.path,
        **{state.CONDITION: condition_id, state.COMPARE_OPTIONS: option_ids, **every_detail_open},
    )
    shown = page_text(app)
    comparison = build_comparison(EVIDENCE, TEXT, Selection(condition_id, option_ids))
    for card in comparison.cards:
        assert f"**{card.option.name}**" in shown
        for statement in (card.benefit, card.harm, *card.more_outcomes):
            assert statement.sentence in shown
            assert TEXT(f"wording.certainty_short.{statement.outcome.certainty}") in shown
        for stance in card.stances:
            assert TEXT(f"wording.stance.{stance.stance}") in shown
    assert app.query_params["condition"] == condition_id
    assert app.query_params["options"] == ",".join(option_ids)


def test_compare_page_reads_a_link_and_warns_about_bad_ids():
    app = run_page(COMPARE.path)
    app.query_params["condition"] = "axial_spa"
    app.query_params["options"] = "biologics,nope,nsaids"
    app.run()
    assert_no_exception(app)
    assert app.session_state[state.COMPARE_OPTIONS] == ("biologics", "nsaids")
    assert TEXT("compare.link_problems.unknown_or_repeated_option") in [w.value for w in app.warning]


@pytest.mark.parametrize(
    ("condition", "options"),
    [
        ("<script>alert(1)</script>", "nsaids"),
        ("sciatica", "**bold**,<b>x</b>," + "y" * 50_000),
        ("axial_spa", "no_treatment,nsaids,biologics,exercise,physiotherapy,nsaids"),
    ],
    ids=["script", "markup and long", "too many and repeated"],
)
def test_an_edited_link_gives_a_short_message_and_a_sensible_view(condition, options):
    app = run_page(COMPARE.path)
    app.query_params["condition"] = condition
    app.query_params["options"] = options
    app.run()
    assert_no_exception(app)
    warnings = [w.value for w in app.warning]
    messages = {TEXT(f"compare.link_problems.{key}") for key in TEXT.section("compare.link_problems")}
    assert set(warnings) & messages
    chosen = app.session_state[state.COMPARE_OPTIONS]
    assert 2 <= len(chosen) <= MAX_OPTIONS
    shown = page_text(app)
    for typed in ("<script>", "**bold**", "<b>x</b>", "y" * 300):
        assert typed not in shown  # what the link said is never echoed, so never rendered


def test_compare_choice_survives_moving_between_pages():
    app = run_page(
        COMPARE.path, **{state.CONDITION: "sciatica", state.COMPARE_OPTIONS: ("no_treatment", "discectomy")}
    )
    app.switch_page(EXPLORE.path)
    app.run()
    app.switch_page(COMPARE.path)
    app.run()
    assert app.multiselect[0].value == ["no_treatment", "discectomy"]


def test_compare_shows_a_timeframe_warning_when_figures_differ():
    for condition_id, option_ids in OPTION_SETS:
        selection = Selection(condition_id, option_ids)
        for type_id in pictured_outcome_types(EVIDENCE, selection):
            figures, _ = figures_for(EVIDENCE, selection, type_id)
            if mismatch(figures).timeframes:
                app = run_page(
                    COMPARE.path,
                    **{
                        state.CONDITION: condition_id,
                        state.COMPARE_OPTIONS: option_ids,
                        state.COMPARE_OUTCOME: type_id,
                        "widget.compare.chart_open": True,  # the bar chart's closed section, opened
                    },
                )
                assert TEXT("compare.mismatch_timeframes") in [w.value for w in app.warning]
                return
    pytest.fail("no option set here has figures with different time frames: add one that shows the warning")


def test_every_row_of_the_grid_has_its_detail_with_one_column_per_option():
    selection = Selection("chronic_low_back_pain", ("exercise", "nsaids", "opioids", "spinal_fusion"))
    details = details_markdown(EVIDENCE, TEXT, selection)
    assert tuple(details) == ROW_IDS
    for row_id, detail in details.items():
        assert detail.count('<div class="aid-row aid-row-4">') == 1, row_id
        assert detail.count("<div>\n\n**") == 4  # blank lines: Markdown inside is read
        for option_id in selection.option_ids:
            assert detail.count(f"**{EVIDENCE.options[option_id].name}**") == 1


@pytest.mark.parametrize(
    ("condition_id", "option_ids"), OPTION_SETS, ids=lambda v: v if isinstance(v, str) else "+".join(v)
)
def test_each_result_is_shown_in_full_once_under_one_row(condition_id, option_ids):
    """Every result of the chosen options in full, each once, with its picture where it has a figure."""
    selection = Selection(condition_id, option_ids)
    details = "\n".join(details_markdown(EVIDENCE, TEXT, selection).values())
    for card in build_comparison(EVIDENCE, TEXT, selection).cards:
        for statement in (card.benefit, card.harm, *card.more_outcomes):
            assert details.count(f"{statement.sentence} {statement.note}".rstrip()) == 1, statement.outcome.id


def test_a_table_escapes_its_text_and_labels_each_value_for_the_phone_layout():
    table = stacked_table(["Option", "Note <b>"], [("A | B", "<script>alert(1)</script>")])
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert '<th scope="row" role="rowheader" dir="auto">A | B</th>' in table
    assert '<td role="cell" data-label="Note &lt;b&gt;" dir="auto">' in table
    assert table.count('role="columnheader"') == 2


#: The HTML the grid, its details and the pictures are allowed to bring: their own layout. Data
#: text inside attributes is escaped, so it holds no "<" or ">" of its own.
LAYOUT_TAGS = re.compile(
    r"<style>.*?</style>|</?(table|thead|tbody|tr|th|td|span|strong|i|div|p|svg|rect|line|circle|ol|li|hr)"
    r'(\s+[a-zA-Z0-9-]+="[^"<>]*")*\s*/?>',
    flags=re.DOTALL,
)


@pytest.mark.parametrize("condition_id", sorted(EVIDENCE.conditions))
def test_no_text_in_the_grid_brings_html_of_its_own(condition_id):
    """The grid and its details are rendered with HTML allowed (for their layout), so data text must
    carry none."""
    option_ids = [option.id for option in EVIDENCE.options_for(condition_id)]
    # Every option once, in groups of up to 4 (the last group takes an earlier option if alone).
    groups = [option_ids[start : start + MAX_OPTIONS] for start in range(0, len(option_ids), MAX_OPTIONS)]
    for group in groups:
        selection = Selection(condition_id, tuple(group) if len(group) > 1 else (option_ids[0], *group))
        grid, _ = glance_html(EVIDENCE, TEXT, selection)
        for block in (grid, *details_markdown(EVIDENCE, TEXT, selection).values()):
            body = LAYOUT_TAGS.sub("", block)
            assert "<" not in body and ">" not in body, (condition_id, body[:300])


def tooltips_of(spec: dict) -> list:
    """Every tooltip of a Vega-Lite spec, in any layer."""
    found = []
    for layer in [spec, *spec.get("layer", [])]:
        tooltip = layer.get("encoding", {}).get("tooltip")
        found += tooltip if isinstance(tooltip, list) else [tooltip] if tooltip else []
    return found


@pytest.mark.parametrize("lang", ["en", "es"])
def test_chart_tooltips_name_what_they_show_in_words_not_by_the_datas_column_names(lang):
    text, evidence = load_content(lang=lang), load_evidence(lang=lang)
    selection = Selection("chronic_low_back_pain", ("no_treatment", "exercise", "nsaids"))
    drawn = [kind for kind in evidence.outcome_types if figures_for(evidence, selection, kind)[0]]
    bars = tooltips_of(compare_outcome_chart(evidence, text, selection, drawn[0]).to_dict())
    names_shown = [text(f"compare.chart_tooltip.{field}") for field in TOOLTIP_FIELDS]
    assert [tip["title"] for tip in bars] == names_shown
    # One field alone: the pointer shows the value ("had it") with no name before it.
    people = icon_array_chart("With it", 30, "had it", "did not").to_dict()["encoding"]["tooltip"]
    assert isinstance(people, dict) and "title" not in people
    attributes = load_attributes(text, evidence)
    weights = default_weights(attributes)
    result = fit(evidence, attributes, selection.option_ids, selection.condition_id, weights)
    names = {option_id: evidence.options[option_id].name for option_id in selection.option_ids}
    labels = {attribute.id: attribute.label for attribute in attributes}
    parts = tooltips_of(fit_chart_in(text, result, labels, names).to_dict())
    assert [tip["title"] for tip in parts] == [
        text("compare.chart_tooltip.option"),
        text("values.fit.chart_tooltip_part"),
        text("values.fit.chart_axis"),
    ]
