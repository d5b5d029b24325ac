import streamlit as st

from backpain_aid.compare import (
    MAX_OPTIONS,
    MIN_OPTIONS,
    Figure,
    Selection,
    clean_selection,
    default_selection,
    figures_for,
    link_params,
    mismatch,
    parse_link,
    pictured_outcome_types,
)
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.wording import round_half_up
from ui import cache, components, markdown, state
from ui.compare_grid import ROW_IDS


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
    grid = cache.compare_grid(selection.condition_id, selection.option_ids, tuple(choose_rows(text)))
    st.markdown(grid, unsafe_allow_html=True)  # text from data/ only, with the layout's HTML
    picture(selection, text, evidence)
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


def picture(selection: Selection, text: Content, evidence: Evidence) -> None:
    st.subheader(text("compare.picture_title"))
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
    ids = (selection.condition_id, selection.option_ids, outcome_type_id)
    icon_arrays, chart = cache.compare_picture_specs(*ids)
    for figure, specs in zip(figures, icon_arrays, strict=True):
        st.markdown(f"**{figure.option_name}: {figure.outcome.timeframe}**")
        # Columns sit side by side on a wide screen and stack on a phone.
        for column, spec in zip(st.columns(len(specs)), specs, strict=True):
            column.vega_lite_chart(spec, width="stretch")  # its description states the count
    title = text("compare.chart_title", outcome=names[outcome_type_id])
    st.vega_lite_chart(chart, width="stretch", alt=title)
    table = figures_table(figures, text)
    st.markdown(f"**{text('compare.picture_table_title')}**\n\n{table}", unsafe_allow_html=True)


def figures_table(figures: list[Figure], text: Content) -> str:
    columns = text.section("compare.table")
    rows = [
        (
            figure.option_name,
            str(round_half_up(figure.option_per_100)),
            text("compare.table.not_compared")
            if figure.comparator_per_100 is None
            else str(round_half_up(figure.comparator_per_100)),
            figure.comparator_name,
            figure.outcome.timeframe,
            text(f"wording.certainty_short.{figure.outcome.certainty}"),
        )
        for figure in figures
    ]
    order = ("option", "with_option", "with_comparator", "comparator", "timeframe", "certainty")
    return markdown.stacked_table([columns[key] for key in order], rows)


def ladder(selection: Selection, text: Content, evidence: Evidence) -> None:
    st.subheader(text("compare.ladder_title"))
    spec = cache.ladder_spec(selection.option_ids, text("compare.ladder_axis"))
    st.vega_lite_chart(spec, width="stretch", alt=text("compare.ladder_title"))
    columns = text.section("compare.ladder_columns")
    rows = []
    for option_id in selection.option_ids:
        step = evidence.ladder[evidence.options[option_id].ladder_step]
        rows.append((evidence.options[option_id].name, f"{step.step}: {step.name}", step.meaning))
    table = markdown.stacked_table([columns[key] for key in ("option", "step", "meaning")], rows)
    st.markdown(f"**{text('compare.ladder_table_title')}**\n\n{table}", unsafe_allow_html=True)
