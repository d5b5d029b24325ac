"""The condition and the options being weighed: one choice shared by Compare, What matters to you,
Decide and the consultation view, so choosing on one page changes it on the others."""

import streamlit as st

from backpain_aid.compare import MAX_OPTIONS, Selection, clean_selection, default_selection, parse_link
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from ui import components, keys, state


def options_widget_key(condition_id: str) -> str:
    """The options list's widget key: one per condition, so each keeps its own choice on screen."""
    return keys.compare_options(condition_id)


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
        # Drop the widgets' own memory, or they would put back the old choice over the link's.
        for key in (keys.CONDITION, options_widget_key(parsed.selection.condition_id)):
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
        select_all=False,  # the page shows 2 to 4 options, never every option at once
        key=options_widget_key(condition_id),
    )
    state.put(state.COMPARE_OPTIONS, tuple(chosen))
    return Selection(condition_id, tuple(chosen))


def weighed_options(text: Content, evidence: Evidence) -> Selection:
    """The condition and options, shared with Compare: choosing here changes them there too."""
    st.markdown(text("values.options_intro"))
    condition_id = components.condition_picker(evidence, text)
    return choose_options(text, evidence, condition_id)
