"""Pieces of page shared by several pages. Every text comes from data/content."""

import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence, EvidenceError
from backpain_aid.evidence.models import Source
from backpain_aid.explore import OptionCard
from backpain_aid.wording import OutcomeStatement, cite
from ui import cache, markdown, state
from ui.pages import RED_FLAGS, link


def evidence_or_stop() -> Evidence:
    """The evidence, or a plain error naming every broken file, row and field, and stop."""
    try:
        return cache.evidence()
    except EvidenceError as error:
        st.error(str(error))
        st.stop()


def safety_line(text: Content) -> None:
    """Shown at the top of every page: not advice, and which symptoms mean call for help now."""
    st.warning(text("red_flags.safety_line.text"), icon=":material/emergency:")
    if st.context.url is None or not st.context.url.rstrip("/").endswith(RED_FLAGS.url_path):
        link(RED_FLAGS, text)


LARGER_TEXT_SCALE = 1.25


def remembered_toggle(label: str, help_text: str, state_key: str, widget_key: str) -> bool:
    """A switch whose value is kept in our own state key, so it survives moving between pages."""
    value = st.toggle(label, value=bool(state.get(state_key, False)), help=help_text, key=widget_key)
    state.put(state_key, value)
    return value


def larger_text_toggle(text: Content) -> None:
    """A sidebar switch that scales every page: all sizes are in rem, so growing the root font grows all."""
    with st.sidebar:
        larger = remembered_toggle(
            text("common.larger_text.label"),
            text("common.larger_text.help"),
            state.LARGER_TEXT,
            "widget.larger_text",
        )
    if larger:
        size = (st.get_option("theme.baseFontSize") or 16) * LARGER_TEXT_SCALE
        st.html(f"<style>html {{ font-size: {size:g}px !important; }}</style>")


def footer(text: Content, evidence: Evidence) -> None:
    st.divider()
    st.markdown(text("common.footer", **evidence.meta.text_values()))


def outcome_statement(statement: OutcomeStatement, heading: str, text: Content) -> None:
    st.markdown(f"**{heading}: {statement.label}**")
    st.markdown(f"**{text('explore.verdict')}: {statement.verdict_label}.** {statement.verdict_reason}")
    st.markdown(statement.sentence)
    if statement.note:
        st.markdown(statement.note)
    st.markdown(f"*{text('explore.population')}:* {statement.outcome.population}")
    st.markdown(f"*{text('explore.certainty')}:* {statement.certainty}")
    st.markdown(f"*{text('explore.source')}:* {cite(statement.source)}")


def source_list(sources: list[Source] | tuple[Source, ...]) -> None:
    st.markdown(markdown.source_lines(sources))


def option_card(card: OptionCard, evidence: Evidence, text: Content) -> None:
    option = card.option
    with st.container(border=True):
        st.markdown(f"### {option.name}")
        st.markdown(option.description)
        if option.id == evidence.reference_option.id:
            st.info(text("explore.reference_note"), icon=":material/info:")
        benefit_column, harm_column = st.columns(2)
        with benefit_column:
            outcome_statement(card.benefit, text("explore.benefit"), text)
        with harm_column:
            outcome_statement(card.harm, text("explore.harm"), text)
        with st.expander(text("explore.involves_title")):
            involves(option, text)
        with st.expander(text("explore.guidelines_title")):
            guideline_stances(card, evidence, text)
        if card.more_outcomes:
            with st.expander(text("explore.more_title")):
                for statement in card.more_outcomes:
                    kind = evidence.outcome_types[statement.outcome.outcome_type_id].kind
                    outcome_statement(statement, text(f"explore.{kind}"), text)
        with st.expander(text("explore.sources_title")):
            source_list(card.sources)


def involves(option, text: Content) -> None:
    labels = text.section("explore.involves")
    lines = []
    for field, label in labels.items():
        value = getattr(option, field) or text("explore.cost_not_stated")
        lines.append(f"- **{label}:** {value}")
    st.markdown("\n".join(lines))


def guideline_stances(card: OptionCard, evidence: Evidence, text: Content) -> None:
    if card.guidelines_disagree:
        st.info(f"{text('explore.guidelines_disagree')} {card.guideline_note}", icon=":material/balance:")
    elif card.guideline_note:
        st.markdown(card.guideline_note)
    st.markdown(markdown.stance_lines(card, evidence, text))


def remembered_radio(label: str, choices: dict[str, str], value: str | None, key: str) -> str | None:
    """A radio whose starting value comes from our own state (widget values vanish between pages)."""
    ids = list(choices)
    return st.radio(
        label,
        ids,
        index=ids.index(value) if value in ids else None,
        format_func=choices.__getitem__,
        horizontal=True,
        key=key,
    )


def condition_picker(evidence: Evidence, text: Content, label_key: str = "explore.condition_label") -> str:
    """Choose the condition; the choice is kept for every page in the session."""
    names = {condition_id: condition.short_name for condition_id, condition in evidence.conditions.items()}
    current = state.get(state.CONDITION)
    choice = remembered_radio(
        text(label_key), names, current if current in names else next(iter(names)), "widget.condition"
    )
    state.put(state.CONDITION, choice)
    return choice


def cited_sources(evidence: Evidence, text: Content, title_key: str, source_ids) -> None:
    """An expander listing the sources behind a page's text."""
    with st.expander(text(title_key)):
        source_list([evidence.sources[source_id] for source_id in dict.fromkeys(source_ids)])


def ladder_heading(step, text: Content) -> None:
    st.subheader(text("explore.step_heading", step=step.step, name=step.name))
    st.markdown(f"{step.meaning} {markdown.ladder_facts(step, text)}")
