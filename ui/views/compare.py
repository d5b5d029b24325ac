import streamlit as st

from backpain_aid.compare import (
    MIN_OPTIONS,
    Figure,
    Selection,
    figures_for,
    link_params,
    mismatch,
    pictured_outcome_types,
)
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.wording import round_half_up
from ui import cache, components, html, keys, markdown, state
from ui.compare_grid import ROW_IDS
from ui.option_choice import apply_link, choose_options

FLAG_ICONS = {"timeframes": ":material/schedule:", "scales": ":material/straighten:"}


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("compare.title"))
    st.markdown(text("compare.intro"))
    apply_link(text, evidence)
    condition_id = components.condition_picker(evidence, text)
    selection = choose_options(text, evidence, condition_id)
    if len(selection.option_ids) < MIN_OPTIONS:
        st.info(text("compare.need_two"))
        return
    st.query_params.from_dict({**link_params(selection), **state.language_params(text.lang)})
    state.put(state.COMPARE_LINK_SEEN, link_params(selection))
    glance(selection, text)
    picture(selection, text, evidence)
    st.header(text("compare.share_title"))
    st.markdown(text("compare.share"))


#: Each row's closed section, open or not (kept by Streamlit while the page is shown).
DETAIL_KEYS = {row_id: keys.compare_detail(row_id) for row_id in ROW_IDS}


def glance(selection: Selection, text: Content) -> None:
    """The grid at a glance, then each row's detail in its own closed section, in the grid's order.
    A section's detail is sent when it is opened: the page redraws faster after each choice, and
    only what the person asked to read is drawn."""
    ids = (selection.condition_id, selection.option_ids, text.lang)
    grid, flags = cache.compare_glance(*ids)
    # Data text only, escaped, with the table's HTML; the key under it says what the dots mean.
    intro, key = text("glance.intro"), text("glance.certainty_key")
    block = html.render("glance_block.html.j2", intro=intro, grid=grid, key=key)
    st.markdown(block, unsafe_allow_html=True)
    for row_id in ROW_IDS:
        if row_id == "sources":
            label = text("compare.detail.sources_title")
        else:
            label = text("glance.open_detail", question=text(f"glance.questions.{row_id}"))
        section = st.expander(label, on_change="rerun", key=DETAIL_KEYS[row_id])
        if not section.open:
            continue
        with section:
            for flag in flags.get(row_id, ()):
                st.warning(text(f"compare.mismatch_{flag}"), icon=FLAG_ICONS[flag])
            details = cache.compare_details(*ids)
            st.markdown(details[row_id], unsafe_allow_html=True)  # data text, escaped pictures


def picture(selection: Selection, text: Content, evidence: Evidence) -> None:
    """One result across the chosen options as a bar chart, in a closed section drawn only when
    opened (each result's own picture is in its row's detail)."""
    section = st.expander(text("compare.chart_section"), on_change="rerun", key=keys.COMPARE_CHART_OPEN)
    if not section.open:
        return
    with section:
        chart_section(selection, text, evidence)


def chart_section(selection: Selection, text: Content, evidence: Evidence) -> None:
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
        key=keys.COMPARE_OUTCOME,
    )
    state.put(state.COMPARE_OUTCOME, outcome_type_id)
    figures, missing = figures_for(evidence, selection, outcome_type_id)
    found = mismatch(figures)
    if found.timeframes:
        st.warning(text("compare.mismatch_timeframes"), icon=FLAG_ICONS["timeframes"])
    if found.comparators:
        st.warning(text("compare.mismatch_comparators"), icon=":material/compare_arrows:")
    if missing:
        st.markdown(
            text("compare.picture_missing", options=", ".join(evidence.options[m].name for m in missing))
        )
    title = text("compare.chart_title", outcome=names[outcome_type_id])
    chart = cache.compare_chart_spec(selection.condition_id, selection.option_ids, outcome_type_id, text.lang)
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
