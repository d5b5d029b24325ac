"""Pieces of page shared by several pages. Every text comes from data/content."""

import json
from pathlib import Path

import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence, EvidenceError
from backpain_aid.evidence.models import Source
from backpain_aid.language import LANGUAGES
from backpain_aid.patient_file import MAX_FILE_BYTES
from backpain_aid.safety import red_flag_signs, triage
from ui import cache, html, keys, markdown, state
from ui.pages import RED_FLAGS, link


def page_config(text: Content, page_title: str) -> None:
    """The browser tab's title names the page first, then the app; the page is wide; the tab's
    icon is the app's own file (a Material icon there would be fetched from a font server)."""
    title = text("common.window_title", page=page_title, app=text("common.app_title"))
    st.set_page_config(page_title=title, page_icon=str(TAB_ICON), layout="wide")


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
LARGER_TEXT_WIDGETS = keys.LARGER_TEXT
STYLE_SHEET = Path(__file__).with_name("aid.css").read_text(encoding="utf-8")
TAB_ICON = Path(__file__).with_name("static") / "tab-icon.png"
FRAME_SCRIPT = Path(__file__).with_name("aid.js").read_text(encoding="utf-8")


def frame(text: Content) -> None:
    """The app's style sheet (ui/aid.css) and its help for keyboards and screen readers (ui/aid.js)
    with their words from data/content, as one element: the frame is drawn on every run of every
    page. In the menu, where a style sheet and a script take no room."""
    names = {text(f"common.language.names.{lang}"): lang for lang in LANGUAGES}
    words = {
        "skip": text("common.nav.skip_to_content"),
        "lang": text.lang,
        "names": names,
        "upload": text("common.framework.upload"),
        # The limit a saved file really has (Streamlit's own box can only say whole megabytes).
        "uploadLimit": text("common.framework.upload_limit", kilobytes=MAX_FILE_BYTES // 1024),
        "uploadTooBig": text("patient_file.read.refused.too_big", limit=MAX_FILE_BYTES // 1024),
        "fileInput": text("common.framework.file_input"),
        "helpFor": text("common.framework.help_for", label="{label}"),  # the label is filled in by aid.js
    }
    script = FRAME_SCRIPT.replace("__AID_WORDS__", json.dumps(words).replace("<", "\\u003c"))
    with st.sidebar:
        frame_html = html.render("frame.html.j2", style_sheet=STYLE_SHEET, script=script)
        st.html(frame_html, unsafe_allow_javascript=True)


def menu(text: Content, current: str) -> None:
    """Our menu in the sidebar: the language, then each section a heading with its pages' links
    under it, the page at URL path `current` marked. Streamlit's own menu puts its section titles
    inside its list, which screen readers read as a broken list."""
    with st.sidebar:
        language_choice(text)
        st.html(cache.menu(current, text.lang))  # our own template, every value escaped


#: The language choice's widget keys: in the menu, and on the start page. Both show the same
#: choice (language_choice sets each from the tab's language before drawing it).
LANGUAGE_WIDGETS = keys.LANGUAGE


def language_choice(text: Content, place: str = "menu") -> None:
    """English or Spanish, in the menu above the pages and on the start page. The choice is kept
    in this session and in the link (?lang=es), so it stays from page to page and in a link sent on.
    ui/aid.js marks the page's language, and each language's name in its own, for screen readers."""
    key = LANGUAGE_WIDGETS[place]
    if st.session_state.get(key) != text.lang:  # set before drawing: the two choices always agree
        st.session_state[key] = text.lang
    names = {lang: text(f"common.language.names.{lang}") for lang in LANGUAGES}
    with st.container(key=f"aid_language_{place}"):
        st.radio(
            text("common.language.label"),
            LANGUAGES,
            format_func=names.__getitem__,
            horizontal=True,
            key=key,
            on_change=lambda: state.keep_language(st.session_state[key]),
        )
    if place == "menu":
        state.keep_language(text.lang)  # the link keeps the language, whichever link led here


def focus_next(key: str) -> None:
    """After an action that adds something to the page, move the keyboard focus to it (and so a
    screen reader reads it): `key` is the key of the container or widget that holds it. Done at
    the end of this run (move_focus), or of the next where the action reruns the page."""
    count = int(st.session_state.get(state.FOCUS_COUNT, 0)) + 1
    st.session_state[state.FOCUS_COUNT] = count
    st.session_state[state.FOCUS_REQUEST] = (key, count)


def move_focus() -> None:
    """Called by app.py once the page is drawn: carry out the last focus_next, once."""
    request = st.session_state.pop(state.FOCUS_REQUEST, None)
    if request is None:
        return
    key, count = request
    script = html.render("focus.html.j2", selector=f".st-key-{key}", request=count)
    with st.sidebar:  # a script takes no room in the menu
        st.html(script, unsafe_allow_javascript=True)


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
        st.html(html.render("larger_text.html.j2", pixels=f"{size:g}"))


def emergency_banner(text: Content, url_path: str) -> bool:
    """After an emergency sign was ticked, the options pages open with the emergency message,
    in view, until the sign is unticked on the warning-signs page. True when it is shown."""
    if triage(red_flag_signs(text), state.get(state.RED_FLAGS_TICKED) or []) != "emergency":
        return False
    with st.sidebar:  # a script takes no room in the menu
        # A page chosen in the menu keeps the scroll of the page before; show the top instead.
        st.html(html.render("to_the_top.html.j2", page=url_path), unsafe_allow_javascript=True)
    st.error(
        f"**{text('red_flags.ui.emergency_title')}**\n\n{text('red_flags.ui.banner_text')}",
        icon=":material/emergency:",
    )
    link(RED_FLAGS, text, label=text("red_flags.ui.banner_link"))
    return True


def ask_before_leaving() -> None:
    """Once the person has answered something, the browser asks before a reload or closing the
    tab (ui/aid.js): the answers live in this tab's session only. Drawn after the page, so an
    answer given in this run counts."""
    keep = state.current_answers().worth_keeping
    with st.sidebar:  # a script takes no room in the menu
        st.html(html.render("ask_before_leaving.html.j2", keep=keep), unsafe_allow_javascript=True)


def footer(text: Content, evidence: Evidence) -> None:
    st.divider()
    st.markdown(text("common.footer", **evidence.meta.text_values(text.lang)))


def source_list(sources: list[Source] | tuple[Source, ...]) -> None:
    st.markdown(markdown.source_lines(sources))


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


def condition_picker(
    evidence: Evidence, text: Content, label_key: str = "explore.condition_label", key: str = keys.CONDITION
) -> str:
    """Choose the condition; the choice is kept for every page in the session."""
    names = {condition_id: condition.short_name for condition_id, condition in evidence.conditions.items()}
    current = state.get(state.CONDITION)
    choice = remembered_radio(text(label_key), names, current if current in names else next(iter(names)), key)
    state.put(state.CONDITION, choice)
    return choice


def cited_sources(evidence: Evidence, text: Content, title_key: str, source_ids) -> None:
    """An expander listing the sources behind a page's text."""
    with st.expander(text(title_key)):
        source_list([evidence.sources[source_id] for source_id in dict.fromkeys(source_ids)])


def ladder_heading(step, text: Content) -> None:
    st.subheader(text("explore.step_heading", step=step.step, name=step.name))
    st.markdown(f"{step.meaning} {markdown.ladder_facts(step, text)}")
