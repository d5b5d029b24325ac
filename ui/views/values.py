"""What matters to you: SURE at the start, the options being weighed, a slider per attribute, and
how the person's own weights meet each option (with the rules shown on request)."""

import streamlit as st

from backpain_aid import verdicts
from backpain_aid.compare import MIN_OPTIONS, Selection
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.language import format_number
from backpain_aid.values import (
    CLOSE_SHARE,
    MAX_WEIGHT,
    Attribute,
    FitResult,
    advice_note,
    better_elsewhere_text,
    cell_reason,
    cell_word,
    clean_weights,
    default_weights,
    fit,
    known_lines,
    load_attributes,
    rationale,
    standing_text,
    with_weight,
)
from backpain_aid.values_chart import fit_chart_in
from backpain_aid.wording import mid_sentence
from ui import components, keys, markdown, pages, state
from ui.option_choice import weighed_options
from ui.sure_questions import sure_questions, sure_sources

#: The container of the fit view, where the focus goes once the person has said what matters.
FIT_KEY = "values_fit"


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("values.title"))
    st.markdown(text("values.intro"))
    st.info(text("values.not_advice"), icon=":material/info:")
    st.header(text("values.steps.sure_before"))
    st.markdown(text("values.sure.intro_before"))
    sure_questions(text, state.SURE_BEFORE, "before")
    sure_sources(text, evidence)
    st.header(text("values.steps.options"))
    selection = weighed_options(text, evidence)
    attributes = load_attributes(text, evidence)
    st.header(text("values.steps.weights"))
    weights = weight_sliders(text, attributes)
    st.header(text("values.steps.fit"))
    if len(selection.option_ids) < MIN_OPTIONS:
        st.info(text("values.need_two"))
        return
    if state.get(state.VALUES_WEIGHTS) is None:
        # No order is shown until the person has said what matters: the starting sliders are ours.
        st.info(text("values.fit.waiting"))
        if st.button(text("values.fit.confirm"), type="primary"):
            state.put(state.VALUES_WEIGHTS, weights)
            components.focus_next(FIT_KEY)  # the button is gone: the keyboard goes on from what replaced it
            st.rerun()
        return
    result = fit(evidence, attributes, selection.option_ids, selection.condition_id, weights)
    with st.container(key=FIT_KEY):
        if result.all_zero:
            st.info(text("values.fit.all_zero"))
            return
        fit_view(text, evidence, attributes, result)
    if result.ranked:  # raising a weight can only add unknowns, so only a ranking can change
        what_if(text, evidence, attributes, selection, weights, result)
    st.header(text("values.next"))
    pages.link(pages.DECIDE, text)


def weight_sliders(text: Content, attributes: tuple[Attribute, ...]) -> dict[str, int]:
    st.markdown(text("values.weights_intro"))
    scale = [str(label) for label in text.node("values.scale")]
    weights = clean_weights(attributes, state.get(state.VALUES_WEIGHTS))
    for attribute in attributes:
        # The label is shown in bold above the slider; screen readers get it as plain words.
        st.markdown(f"**{attribute.label}.** {attribute.explain}")
        weights[attribute.id] = st.select_slider(
            f"{attribute.label}. {attribute.explain}",
            label_visibility="collapsed",
            options=list(range(MAX_WEIGHT + 1)),
            value=weights[attribute.id],
            format_func=scale.__getitem__,
            key=keys.weight(attribute.id),
        )
    if state.get(state.VALUES_WEIGHTS) is not None or weights != default_weights(attributes):
        state.put(state.VALUES_WEIGHTS, weights)  # kept only once the person has said something
    st.caption(text("values.cost_note"))
    return weights


def option_names(evidence: Evidence, result: FitResult) -> dict[str, str]:
    return {fit.option_id: evidence.options[fit.option_id].name for fit in result.options}


def fit_view(text: Content, evidence: Evidence, attributes: tuple[Attribute, ...], result: FitResult) -> None:
    names = option_names(evidence, result)
    labels = {attribute.id: attribute.label for attribute in attributes}
    st.info(advice_note(result, text), icon=":material/info:")
    st.markdown(text("values.fit.known_intro"))
    st.markdown("\n".join(f"- {line}" for line in known_lines(result, labels, names, text)))
    intro, lines = standing_text(result, names, text)
    st.markdown(intro)
    if lines:
        st.markdown("\n".join(lines))
    pair_notes(text("values.fit.close"), result.close_pairs, names, ":material/balance:")
    if result.uncertain:
        st.warning(text("values.fit.uncertain"), icon=":material/help:")
    table = fit_table(text, evidence, attributes, result, names)
    st.markdown(f"**{text('values.fit.table_title')}**\n\n{table}", unsafe_allow_html=True)
    if result.ranked:  # bars of unequal knowledge side by side would invite the comparison we refuse
        st.markdown(f"**{text('values.fit.chart_title')}**")
        st.altair_chart(
            fit_chart_in(text, result, labels, names),
            width="stretch",
        )
        st.caption(text("values.fit.chart_caption"))
    with st.expander(text("values.fit.how_title")):
        how_it_works(text, evidence, attributes, result, names)


def pair_notes(intro: str, pairs, names: dict[str, str], icon: str) -> None:
    if pairs:
        lines = "\n".join(f"- {names[first]} / {names[second]}" for first, second in pairs)
        st.info(f"{intro}\n{lines}", icon=icon)


def fit_table(
    text: Content,
    evidence: Evidence,
    attributes: tuple[Attribute, ...],
    result: FitResult,
    names: dict[str, str],
) -> str:
    """One row per thing that matters, one column per option; one card per thing on a phone."""
    rows = []
    for attribute in attributes:
        weight = result.options[0].cell(attribute.id).weight
        row = [text("values.fit.table_row", label=attribute.label, weight=weight)]
        for option_fit in result.options:
            cell = option_fit.cell(attribute.id)
            key = (
                "values.fit.table_cell_not_counted"
                if not cell.weight
                else "values.fit.table_cell"
                if cell.known
                else "values.fit.table_cell_not_known"
            )
            shown = text(
                key,
                rating=cell_word(cell, text),
                points=format_number(cell.points, text.lang),
                weight=cell.weight,
            )
            if cell.weight and cell.known and cell.rated.uncertain:
                shown += " " + text("values.fit.table_unsure")
            if cell.weight and cell.known and cell.rated.better_elsewhere is not None:
                shown += ". " + better_elsewhere_text(cell.rated.better_elsewhere, evidence, text)
            if cell.weight and cell.known and cell.rated.some_not_known:
                # Said apart from "not sure", which is only about the result the cell rests on.
                shown += ". " + text("values.fit.reason.some_not_known")
            row.append(shown)
        rows.append(row)
    weighed = sum(1 for attribute in attributes if result.options[0].cell(attribute.id).weight)
    known = [text("values.fit.table_known")]
    for option_fit in result.options:
        known.append(
            text("values.fit.table_known_value", known=weighed - len(option_fit.not_known), weighed=weighed)
        )
    rows.append(known)
    if result.ranked:  # a total only where nothing it adds up is unknown
        totals = [text("values.fit.table_total")]
        for option_fit in result.options:
            totals.append(
                text(
                    "values.fit.table_total_value",
                    points=format_number(option_fit.total, text.lang),
                    max_points=result.max_total,
                )
            )
        rows.append(totals)
    columns = [text("values.fit.table_attribute"), *(names[fit.option_id] for fit in result.options)]
    return markdown.stacked_table(columns, rows)


def how_it_works(
    text: Content,
    evidence: Evidence,
    attributes: tuple[Attribute, ...],
    result: FitResult,
    names: dict[str, str],
) -> None:
    st.markdown(text("values.fit.how_intro"))
    st.markdown(f"**{text('verdicts.rules_title')}.** {verdicts.rules_text(evidence, text)}")
    st.markdown(text("values.fit.how_order", percent=round(CLOSE_SHARE * 100)))
    for attribute in attributes:
        st.markdown(f"**{attribute.label}.** {rationale(attribute, text.lang)}")
        lines = []
        for option_fit in result.options:
            cell = option_fit.cell(attribute.id)
            word = cell_word(cell, text)
            lines.append(f"- *{names[option_fit.option_id]}: {word}.* {cell_reason(cell, evidence, text)}")
        st.markdown("\n".join(lines))


def what_if(
    text: Content,
    evidence: Evidence,
    attributes: tuple[Attribute, ...],
    selection: Selection,
    weights: dict[str, int],
    result: FitResult,
) -> None:
    st.subheader(text("values.fit.what_if_title"))  # within the fit, under its heading
    labels = {attribute.id: attribute.label for attribute in attributes}
    chosen = st.selectbox(
        text("values.fit.what_if_label"),
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        placeholder=text("values.fit.what_if_none"),
        key=keys.VALUES_WHAT_IF,
    )
    if chosen is None:
        return
    changed = fit(
        evidence, attributes, selection.option_ids, selection.condition_id, with_weight(weights, chosen)
    )
    attribute = mid_sentence(labels[chosen])
    if changed.levels is None:
        st.markdown(text("values.fit.what_if_no_order", attribute=attribute))
        return
    if not changed.ordered:
        st.markdown(text("values.fit.what_if_level", attribute=attribute))
    else:
        key = "values.fit.what_if_same" if changed.levels == result.levels else "values.fit.what_if_changed"
        st.markdown(text(key, attribute=attribute))
        st.markdown("\n".join(standing_text(changed, option_names(evidence, changed), text)[1]))
    st.caption(text("values.fit.what_if_keep"))
