import pandas as pd
import streamlit as st

from backpain_aid import charts
from backpain_aid.compare import (
    MAX_OPTIONS,
    MIN_OPTIONS,
    Comparison,
    Selection,
    build_comparison,
    clean_selection,
    default_selection,
    figures_for,
    icon_groups,
    link_params,
    mismatch,
    parse_link,
    pictured_outcome_types,
)
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.explore import OptionCard
from backpain_aid.wording import OutcomeStatement, round_half_up
from ui import cache, components, state

ROW_IDS = (
    "involves",
    "benefits",
    "side_effects",
    "serious_harms",
    "invasiveness",
    "practicalities",
    "guidelines",
    "sources",
)
INVOLVES_FIELDS = ("who_gives", "where", "how_often", "how_long")
PRACTICAL_FIELDS = ("time_and_visits", "how_soon", "recovery", "cost_note")


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("compare.title"))
    st.markdown(text("compare.intro"))
    apply_link(text, evidence)
    condition_id = components.condition_picker(evidence, text)
    selection = choose_options(text, evidence, condition_id)
    if len(selection.option_ids) < MIN_OPTIONS:
        st.info(text("compare.need_two"))
        return
    st.query_params.from_dict(link_params(selection))
    state.put(state.COMPARE_LINK_SEEN, link_params(selection))
    comparison = build_comparison(evidence, text, selection)
    rows = choose_rows(text)
    for row_id in rows:
        comparison_row(row_id, comparison, text, evidence)
    picture(comparison, text, evidence)
    ladder(selection, text, evidence)
    st.subheader(text("compare.share_title"))
    st.markdown(text("compare.share"))


def apply_link(text: Content, evidence: Evidence) -> None:
    """A link's choice is applied once when the page opens with it; after that the page leads."""
    params = {key: st.query_params.get(key, "") for key in ("condition", "options")}
    if not any(params.values()) or params == state.get(state.COMPARE_LINK_SEEN):
        return
    state.put(state.COMPARE_LINK_SEEN, params)
    parsed = parse_link(evidence, params)
    for problem in parsed.problems:
        st.warning(text(f"compare.link_problems.{problem}"))
    if parsed.selection:
        state.put(state.CONDITION, parsed.selection.condition_id)
        state.put(state.COMPARE_OPTIONS, parsed.selection.option_ids)
        for key in ("widget.condition", "widget.compare.options"):
            st.session_state.pop(key, None)


def choose_options(text: Content, evidence: Evidence, condition_id: str) -> Selection:
    names = {option.id: option.name for option in evidence.options_for(condition_id)}
    remembered, _ = clean_selection(evidence, condition_id, state.get(state.COMPARE_OPTIONS, ()))
    start = remembered.option_ids or default_selection(evidence, condition_id).option_ids
    chosen = st.multiselect(
        text("compare.options_label"),
        list(names),
        default=[option_id for option_id in start if option_id in names],
        format_func=names.__getitem__,
        max_selections=MAX_OPTIONS,
        key=f"widget.compare.options.{condition_id}",
    )
    state.put(state.COMPARE_OPTIONS, tuple(chosen))
    return Selection(condition_id, tuple(chosen))


def choose_rows(text: Content) -> list[str]:
    labels = {row_id: text(f"compare.rows.{row_id}") for row_id in ROW_IDS}
    chosen = st.multiselect(
        text("compare.rows_label"),
        list(labels),
        default=list(state.get(state.COMPARE_ROWS, ROW_IDS)),
        format_func=labels.__getitem__,
        key="widget.compare.rows",
    )
    state.put(state.COMPARE_ROWS, tuple(chosen))
    if not chosen:
        st.info(text("compare.no_rows"))
    return chosen


def comparison_row(row_id: str, comparison: Comparison, text: Content, evidence: Evidence) -> None:
    st.subheader(text(f"compare.rows.{row_id}"))
    for card, column in zip(comparison.cards, st.columns(len(comparison.cards)), strict=True):
        with column:
            st.markdown(f"**{card.option.name}**")
            CELLS[row_id](card, text, evidence)


def statements_cell(statements: list[OutcomeStatement], text: Content) -> None:
    if not statements:
        st.markdown(text("compare.none_found"))
    for statement in statements:
        st.markdown(f"*{statement.label}.* {statement.sentence} {statement.note}".strip())
        st.markdown(
            f"{text('explore.certainty')}: {text(f'wording.certainty_short.{statement.outcome.certainty}')}"
        )


def outcomes_of(
    card: OptionCard, evidence: Evidence, kind: str, severity: str | None = None
) -> list[OutcomeStatement]:
    statements = (card.benefit, card.harm, *card.more_outcomes)
    return [
        s
        for s in statements
        if evidence.outcome_types[s.outcome.outcome_type_id].kind == kind
        and (severity is None or evidence.outcome_types[s.outcome.outcome_type_id].severity == severity)
    ]


def fields_cell(card: OptionCard, text: Content, fields: tuple[str, ...]) -> None:
    lines = []
    for field in fields:
        value = getattr(card.option, field) or text("explore.cost_not_stated")
        lines.append(f"- **{text(f'explore.involves.{field}')}:** {value}")
    st.markdown("\n".join(lines))


def invasiveness_cell(card: OptionCard, text: Content, evidence: Evidence) -> None:
    step = evidence.ladder[card.option.ladder_step]
    st.markdown(f"{text('explore.step_heading', step=step.step, name=step.name)}. {step.meaning}")
    st.markdown(components.ladder_facts(step, text))


CELLS = {
    "involves": lambda card, text, evidence: fields_cell(card, text, INVOLVES_FIELDS),
    "benefits": lambda card, text, evidence: statements_cell(outcomes_of(card, evidence, "benefit"), text),
    "side_effects": lambda card, text, evidence: statements_cell(
        outcomes_of(card, evidence, "harm", "common"), text
    ),
    "serious_harms": lambda card, text, evidence: statements_cell(
        outcomes_of(card, evidence, "harm", "serious"), text
    ),
    "invasiveness": invasiveness_cell,
    "practicalities": lambda card, text, evidence: fields_cell(card, text, PRACTICAL_FIELDS),
    "guidelines": lambda card, text, evidence: components.guideline_stances(card, evidence, text),
    "sources": lambda card, text, evidence: components.source_list(card.sources),
}


def picture(comparison: Comparison, text: Content, evidence: Evidence) -> None:
    st.subheader(text("compare.picture_title"))
    selection = comparison.selection
    types = pictured_outcome_types(evidence, selection)
    if not types:
        st.info(text("compare.picture_none"))
        return
    names = {type_id: evidence.outcome_types[type_id].name for type_id in types}
    remembered = state.get(state.COMPARE_OUTCOME)
    outcome_type_id = st.selectbox(
        text("compare.picture_label"),
        types,
        index=types.index(remembered) if remembered in types else 0,
        format_func=names.__getitem__,
        key="widget.compare.outcome",
    )
    state.put(state.COMPARE_OUTCOME, outcome_type_id)
    figures, missing = figures_for(evidence, selection, outcome_type_id)
    found = mismatch(figures)
    if found.timeframes:
        st.warning(text("compare.mismatch_timeframes"), icon=":material/schedule:")
    if found.comparators:
        st.warning(text("compare.mismatch_comparators"), icon=":material/compare_arrows:")
    if missing:
        st.markdown(
            text("compare.picture_missing", options=", ".join(evidence.options[m].name for m in missing))
        )
    st.markdown(text("compare.picture_intro"))
    had, did_not = text("compare.picture_had"), text("compare.picture_not")
    for figure in figures:
        st.markdown(f"**{figure.option_name}: {figure.outcome.timeframe}**")
        groups = icon_groups(figure, text)
        # Columns sit side by side on a wide screen and stack on a phone.
        counts = [text("compare.picture_count", group=group, count=round_half_up(n)) for group, n in groups]
        title_lines = max(len(charts.title_lines_of(count)) for count in counts)
        for column, count, (_, per_100) in zip(st.columns(len(groups)), counts, groups, strict=True):
            spec = cache.icon_array_spec(count, per_100, had, did_not, title_lines)
            column.vega_lite_chart(spec, width="stretch")  # its description states the count
    spec = cache.compare_outcome_spec(selection.condition_id, selection.option_ids, outcome_type_id)
    title = text("compare.chart_title", outcome=names[outcome_type_id])
    st.vega_lite_chart(spec, width="stretch", alt=title)
    st.markdown(f"**{text('compare.picture_table_title')}**")
    st.table(figures_table(figures, text))


def figures_table(figures, text: Content) -> pd.DataFrame:
    columns = text.section("compare.table")
    rows = [
        {
            columns["option"]: figure.option_name,
            columns["with_option"]: str(round_half_up(figure.option_per_100)),
            # Text throughout, so the column does not mix numbers and words.
            columns["with_comparator"]: text("compare.table.not_compared")
            if figure.comparator_per_100 is None
            else str(round_half_up(figure.comparator_per_100)),
            columns["comparator"]: figure.comparator_name,
            columns["timeframe"]: figure.outcome.timeframe,
            columns["certainty"]: text(f"wording.certainty_short.{figure.outcome.certainty}"),
        }
        for figure in figures
    ]
    return pd.DataFrame(rows).set_index(columns["option"])


def ladder(selection: Selection, text: Content, evidence: Evidence) -> None:
    st.subheader(text("compare.ladder_title"))
    spec = cache.ladder_spec(selection.option_ids, text("compare.ladder_axis"))
    st.vega_lite_chart(spec, width="stretch", alt=text("compare.ladder_title"))
    st.markdown(f"**{text('compare.ladder_table_title')}**")
    columns = text.section("compare.ladder_columns")
    rows = []
    for option_id in selection.option_ids:
        step = evidence.ladder[evidence.options[option_id].ladder_step]
        rows.append(
            {
                columns["option"]: evidence.options[option_id].name,
                columns["step"]: f"{step.step}: {step.name}",
                columns["meaning"]: step.meaning,
            }
        )
    st.table(pd.DataFrame(rows).set_index(columns["option"]))
