import json

import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.safety import Sign, red_flag_signs, triage
from ui import components, state
from ui.pages import PATH, link

ALERTS = {"emergency": st.error, "urgent": st.warning, "none": st.success}
ICONS = {
    "emergency": ":material/emergency:",
    "urgent": ":material/warning:",
    "none": ":material/check_circle:",
}


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("red_flags.ui.title"))
    st.markdown(text("red_flags.intro"))
    st.markdown(text("red_flags.note_on_red_flags.text"))
    signs = red_flag_signs(text)
    before = set(state.get(state.RED_FLAGS_TICKED, []))
    st.subheader(text("red_flags.ui.checklist_label"))
    ticked = []
    for level in ("emergency", "urgent"):  # the signs that need help soonest come first
        st.markdown(f"**{text(f'red_flags.ui.group_{level}')}**")
        ticked += [sign.id for sign in signs if sign.level == level and sign_box(sign, before)]
    state.put(state.RED_FLAGS_TICKED, ticked)
    level = triage(signs, ticked)
    if level == "none" and not state.get(state.RED_FLAGS_DONE):
        if st.button(text("red_flags.ui.done_button"), type="primary"):
            state.put(state.RED_FLAGS_DONE, True)
            st.rerun()
        link(PATH, text, label=text("red_flags.ui.skip"))
    else:
        result(level, text)
        emergency = {sign.id for sign in signs if sign.level == "emergency"}
        newly_ticked = sorted(emergency & (set(ticked) - before))
        if level == "emergency" and newly_ticked:
            bring_into_view(text("red_flags.ui.emergency_title"), sorted(emergency & set(ticked)))
        link(PATH, text, label=text("red_flags.ui.next"))
    st.markdown(text("red_flags.background.text"))
    components.cited_sources(evidence, text, "red_flags.ui.sources_title", text.source_ids("red_flags"))


def sign_box(sign: Sign, ticked_before: set[str]) -> bool:
    return st.checkbox(
        sign.text, value=sign.id in ticked_before, help=sign.why, key=f"widget.red_flag.{sign.id}"
    )


def result(level: str, text: Content) -> None:
    """The message for the most urgent sign ticked, in a box that cannot be missed."""
    ALERTS[level](
        f"**{text(f'red_flags.ui.{level}_title')}**\n\n{text(f'red_flags.messages.{level}')}",
        icon=ICONS[level],
    )


# Scrolls the emergency message to the middle of the screen and moves the keyboard focus to it,
# so it is seen, and read out (it is an alert), at once; the list above can be long.
BRING_INTO_VIEW = """<script>
(() => {
  /* ticked: TICKED */
  const title = TITLE;
  let tries = 0;
  const go = () => {
    const box = [...document.querySelectorAll('[data-testid="stMain"] [role="alert"]')]
      .find((alert) => alert.innerText.includes(title));
    if (!box) {
      if (tries++ < 100) setTimeout(go, 30);
      return;
    }
    box.setAttribute("tabindex", "-1");
    box.scrollIntoView({block: "center"});
    box.focus({preventScroll: true});
  };
  go();
})();
</script>"""


def bring_into_view(title: str, ticked: list[str]) -> None:
    """Run once for each new emergency sign: the ticked ids make the script new, so it runs again."""
    script = BRING_INTO_VIEW.replace("TITLE", json.dumps(title)).replace("TICKED", " ".join(ticked))
    with st.sidebar:  # a script takes no room in the menu; on the page it would push the link down
        st.html(script, unsafe_allow_javascript=True)
