import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.safety import Sign, red_flag_signs, triage
from ui import components, keys, state
from ui.pages import PATH, link

ALERTS = {"emergency": st.error, "urgent": st.warning, "none": st.success}
ICONS = {
    "emergency": ":material/emergency:",
    "urgent": ":material/warning:",
    "none": ":material/check_circle:",
}
#: The container of the result, where the focus goes after an emergency sign is ticked or the list is
#: read (components.focus_next).
RESULT_KEY = "red_flags_result"


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("red_flags.ui.title"))
    st.markdown(text("red_flags.intro"))
    st.markdown(text("red_flags.note_on_red_flags.text"))
    signs = red_flag_signs(text)
    before = set(state.get(state.RED_FLAGS_TICKED, []))
    st.header(text("red_flags.ui.checklist_label"))
    ticked = []
    for level in ("emergency", "urgent"):  # the signs that need help soonest come first
        st.markdown(f"**{text(f'red_flags.ui.group_{level}')}**")
        ticked += [sign.id for sign in signs if sign.level == level and sign_box(sign, before)]
    state.put(state.RED_FLAGS_TICKED, ticked)
    level = triage(signs, ticked)
    if level == "none" and not state.get(state.RED_FLAGS_DONE):
        if st.button(text("red_flags.ui.done_button"), type="primary"):
            state.put(state.RED_FLAGS_DONE, True)
            components.focus_next(RESULT_KEY)  # the button is gone: the keyboard goes on from the result
            st.rerun()
        link(PATH, text, label=text("red_flags.ui.skip"))
    else:
        with st.container(key=RESULT_KEY):
            result(level, text)
        emergency = {sign.id for sign in signs if sign.level == "emergency"}
        if level == "emergency" and emergency & (set(ticked) - before):
            # Seen and read out at once, in the middle of the screen: the list above can be long.
            components.focus_next(RESULT_KEY)
        if level != "emergency":  # nothing to go on to beside "get help now"
            link(PATH, text, label=text("red_flags.ui.next"))
    st.markdown(text("red_flags.background.text"))
    components.cited_sources(evidence, text, "red_flags.ui.sources_title", text.source_ids("red_flags"))


def sign_box(sign: Sign, ticked_before: set[str]) -> bool:
    return st.checkbox(
        sign.text, value=sign.id in ticked_before, help=sign.why, key=keys.red_flag(sign.id)
    )


def result(level: str, text: Content) -> None:
    """The message for the most urgent sign ticked, in a box that cannot be missed."""
    ALERTS[level](
        f"**{text(f'red_flags.ui.{level}_title')}**\n\n{text(f'red_flags.messages.{level}')}",
        icon=ICONS[level],
    )
