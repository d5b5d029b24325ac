"""Pieces of page shared by several pages. Every text comes from data/content."""

from pathlib import Path

import streamlit as st

from backpain_aid import charts
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence, EvidenceError
from backpain_aid.evidence.models import Source
from backpain_aid.explore import OptionCard
from backpain_aid.safety import red_flag_signs, triage
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
#: The same switch twice: in the menu, and at the top of the page where the menu starts closed (a
#: phone or a narrow window; ui/aid.css hides it elsewhere), so nobody has to open the menu for it.
LARGER_TEXT_WIDGETS = ("widget.larger_text", "widget_larger_text_top")
STYLE_SHEET = Path(__file__).with_name("aid.css").read_text(encoding="utf-8")
# Streamlit closes its menu after a page is chosen only on a phone it recognises from the browser's
# name; a narrow window on any device keeps it open over the page. This closes it there too.
CLOSE_MENU_SCRIPT = """<script>
(() => {
  if (window.aidCloseMenu) return;
  window.aidCloseMenu = true;
  document.addEventListener("click", (event) => {
    if (!event.target.closest('[data-testid="stSidebarNav"] a') || window.innerWidth >= 768) return;
    setTimeout(() => {
      const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (button && button.getAttribute("aria-expanded") !== "false") button.click();
    }, 0);
  }, true);
})();
</script>"""


def app_style() -> None:
    """The app's own style sheet (ui/aid.css). Style alone takes no room on the page."""
    st.html(f"<style>{STYLE_SHEET}</style>")


def close_menu_after_choosing() -> None:
    with st.sidebar:
        st.html(CLOSE_MENU_SCRIPT, unsafe_allow_javascript=True)  # our own script, no data in it


def remembered_toggle(label: str, help_text: str, state_key: str, widget_key: str) -> bool:
    """A switch whose value is kept in our own state key, so it survives moving between pages."""
    value = st.toggle(label, value=bool(state.get(state_key, False)), help=help_text, key=widget_key)
    state.put(state_key, value)
    return value


def copy_larger_text(source: str) -> None:
    """One switch was flipped: keep its value, and show it on the other switch too."""
    value = bool(st.session_state.get(source))
    state.put(state.LARGER_TEXT, value)
    for key in LARGER_TEXT_WIDGETS:
        if key != source:
            st.session_state[key] = value


def larger_text_toggle(text: Content) -> None:
    """The switch at the top of a phone's page and in the menu. It scales every page: all sizes
    are in rem, so growing the root font grows all."""
    sidebar_key, top_key = LARGER_TEXT_WIDGETS
    for key, place in ((top_key, st.container()), (sidebar_key, st.sidebar)):
        if key not in st.session_state:  # a widget's value is set once, then it keeps its own
            st.session_state[key] = bool(state.get(state.LARGER_TEXT, False))
        place.toggle(
            text("common.larger_text.label"),
            help=text("common.larger_text.help"),
            key=key,
            on_change=copy_larger_text,
            args=(key,),
        )
    larger = bool(st.session_state[sidebar_key])  # the two switches agree (copy_larger_text)
    state.put(state.LARGER_TEXT, larger)
    if larger:
        size = (st.get_option("theme.baseFontSize") or 16) * LARGER_TEXT_SCALE
        st.html(f"<style>html {{ font-size: {size:g}px !important; }}</style>")


# A page chosen in the menu keeps the scroll of the page before; this shows the top, where the
# emergency message is. Once per page opened: the page's name makes the script new for each page,
# and the same page's reruns (a click on it) leave the scroll alone.
TO_THE_TOP_SCRIPT = """<script>
(() => {
  /* page: PAGE */
  let tries = 0;
  const go = () => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main || !main.querySelector('[role="alert"]')) {
      if (tries++ < 100) setTimeout(go, 30);
      return;
    }
    main.scrollTo(0, 0);
  };
  go();
})();
</script>"""


def emergency_banner(text: Content, page_name: str) -> None:
    """After an emergency sign was ticked, the options pages open with the emergency message,
    in view, until the sign is unticked on the warning-signs page."""
    if triage(red_flag_signs(text), state.get(state.RED_FLAGS_TICKED) or []) != "emergency":
        return
    with st.sidebar:  # a script takes no room in the menu
        st.html(TO_THE_TOP_SCRIPT.replace("PAGE", page_name), unsafe_allow_javascript=True)
    st.error(
        f"**{text('red_flags.ui.emergency_title')}**\n\n{text('red_flags.ui.banner_text')}",
        icon=":material/emergency:",
    )
    link(RED_FLAGS, text, label=text("red_flags.ui.banner_link"))


def footer(text: Content, evidence: Evidence) -> None:
    st.divider()
    st.markdown(text("common.footer", **evidence.meta.text_values()))


def outcome_statement(statement: OutcomeStatement, heading: str, text: Content, evidence: Evidence) -> None:
    st.markdown(f"**{heading}: {statement.label}**")
    st.markdown(f"**{text('explore.verdict')}: {statement.verdict_label}.** {statement.verdict_why}".rstrip())
    st.markdown(statement.sentence)
    if statement.note:
        st.markdown(statement.note)
    picture = charts.result_picture(statement.outcome, evidence, text)
    if picture:
        st.markdown(picture, unsafe_allow_html=True)  # built from data/ only, every text escaped
    if statement.comparator_detail:
        st.markdown(f"*{statement.comparator_heading}:* {statement.comparator_detail}")
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
            outcome_statement(card.benefit, text("explore.benefit"), text, evidence)
        with harm_column:
            outcome_statement(card.harm, text("explore.harm"), text, evidence)
        with st.expander(text("explore.involves_title")):
            involves(option, text)
        with st.expander(text("explore.guidelines_title")):
            guideline_stances(card, evidence, text)
        if card.more_outcomes:
            with st.expander(text("explore.more_title")):
                for statement in card.more_outcomes:
                    kind = evidence.outcome_types[statement.outcome.outcome_type_id].kind
                    outcome_statement(statement, text(f"explore.{kind}"), text, evidence)
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
