"""The person's own file of answers on the page: save it, open it (on the start page and the
summary), say what was wrong and what came back, what changed since, and add a "how am I doing
now" check. The file is read in memory and let go; nothing is written to disk or to the log, and
nothing read from the file is ever shown as markup (messages never repeat what it holds)."""

from collections.abc import Callable, Mapping
from datetime import date

import streamlit as st
from starlette.formparsers import MultiPartParser

from backpain_aid import follow_up, patient_file, sure
from backpain_aid.answers import Answers
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from ui import components, keys, state
from ui.pages import SUMMARY, link

#: The upload box refuses a bigger file in the browser; patient_file refuses above 200 KB.
MAX_UPLOAD_MB = 1
# The server accepts a request body up to the upload limit plus 1 MB of framing, and Starlette
# keeps a file part in memory only up to this size, spilling past it into a temporary file on disk.
# Raised above that body limit, so an uploaded file is never written to disk, whatever its size;
# from the server's own limit too (.streamlit/config.toml), in case that is ever set higher.
_BODY_LIMIT_MB = max(MAX_UPLOAD_MB, int(st.get_option("server.maxUploadSize"))) + 1
MultiPartParser.spool_max_size = (2 * _BODY_LIMIT_MB) * 1024 * 1024

FORM_KEY = keys.FOLLOW_UP_FORM
REPORT_KEY = "patient_file_report"  # the box that says what a file gave back: the focus goes there
SENT_KEY = "follow_up_sent"  # where the page says a check was added: the focus goes there


# --- Saving and opening ----------------------------------------------------------------------


def save_button(text: Content, evidence: Evidence, answers: Answers, today: date) -> None:
    st.header(text("patient_file.save.title"))
    st.markdown(text("patient_file.save.intro"))
    st.info(text("patient_file.save.privacy"), icon=":material/lock:")
    st.download_button(
        text("patient_file.save.button"),
        # Made when the button is pressed, on a thread of its own: not on every run of the page.
        data=lambda: patient_file.save(answers, evidence, text, today),
        file_name=f"back-pain-saved-answers-{today.isoformat()}.json",
        mime=patient_file.MEDIA_TYPE,
        icon=":material/save:",
        on_click="ignore",
    )


def open_box(
    text: Content,
    evidence: Evidence,
    title_key: str = "patient_file.open.title",
    after_opening: Callable[[], None] | None = None,
) -> None:
    """The upload box. A new box (new key) after each file, so the file is let go at once.
    `after_opening` sets the page's own widgets to the answers that came back."""
    st.header(text(title_key))
    st.markdown(text("patient_file.open.intro"))
    key = keys.patient_file_upload(state.get(state.PATIENT_FILE_UPLOADS, 0))
    st.file_uploader(
        text("patient_file.open.label"),
        help=text("patient_file.open.help"),
        key=key,
        max_upload_size=MAX_UPLOAD_MB,
        on_change=open_file,
        args=(key, text, evidence, after_opening),
    )


def open_file(
    key: str, text: Content, evidence: Evidence, after_opening: Callable[[], None] | None = None
) -> None:
    """Read the chosen file, put its answers in place of this tab's, and keep only the report."""
    uploaded = st.session_state.get(key)
    if uploaded is None:
        return
    result = patient_file.read(uploaded.getvalue(), evidence, text, date.today())
    if result.answers is not None:
        state.restore_answers(result.answers)
        if after_opening is not None:
            after_opening()
    state.put(state.PATIENT_FILE_REPORT, result)
    state.put(state.PATIENT_FILE_UPLOADS, state.get(state.PATIENT_FILE_UPLOADS, 0) + 1)
    components.focus_next(REPORT_KEY)  # it is drawn above the box: the keyboard and the eye go to it


def file_report(text: Content, evidence: Evidence, link_to_summary: bool = False) -> None:
    """After a file was opened: what changed since it was saved (first), what was wrong, what came
    back. Every line is from data/ or counts and dates the reader checked, never the file's text."""
    result: patient_file.ReadResult | None = state.get(state.PATIENT_FILE_REPORT)
    if result is None:
        return
    with st.container(border=True, key=REPORT_KEY):
        if result.evidence_changed:
            changes(text, evidence, result)
        if not result.opened:
            for problem in result.problems:
                st.error(problem, icon=":material/error:")
        else:
            for problem in result.problems:
                st.warning(problem, icon=":material/warning:")
            st.success(result.opened_line, icon=":material/check_circle:")
            st.markdown(text("patient_file.read.kept_intro"))
            st.markdown("\n".join(f"- {line}" for line in result.kept))
            if link_to_summary:
                link(SUMMARY, text, label=text("patient_file.open.go_to_summary"))
        st.button(
            text("patient_file.open.hide"),
            key=keys.PATIENT_FILE_HIDE,
            on_click=state.put,
            args=(state.PATIENT_FILE_REPORT, None),
        )


def changes(text: Content, evidence: Evidence, result: patient_file.ReadResult) -> None:
    st.header(text("patient_file.changes.title"))
    st.markdown(text("patient_file.changes.intro", old=result.evidence_version, new=evidence.meta.version))
    if not result.changes:
        st.markdown(text("patient_file.changes.none"))
        return
    for change in result.changes:
        st.markdown(f"**{change.option}**\n\n" + "\n".join(f"- {line}" for line in change.lines))
    st.markdown(text("patient_file.changes.see_compare"))


# --- How am I doing now ------------------------------------------------------------------------


def follow_up_form(text: Content, evidence: Evidence) -> None:
    """A short dated check, in a closed section: its 13 questions are drawn only once it is opened,
    so the summary stays short on a phone and quick to redraw. Only what is answered is kept; the
    check is added when sent."""
    words = text.section("patient_file.follow_up")
    section = st.expander(str(words["title"]), on_change="rerun", key=keys.FOLLOW_UP_OPEN)
    if section.open:
        with section:
            follow_up_questions(text, evidence, words)


def follow_up_questions(text: Content, evidence: Evidence, words: Mapping[str, object]) -> None:
    st.markdown(str(words["intro"]))
    sent = st.session_state.pop(state.FOLLOW_UP_SENT, None)  # said once, where the person clicked
    with st.container(key=SENT_KEY):
        if sent == "added":
            st.success(text("patient_file.save.follow_up_added"), icon=":material/check_circle:")
        elif sent == "empty":
            st.warning(text("patient_file.follow_up.nothing_given"), icon=":material/info:")
    with st.form(FORM_KEY, clear_on_submit=True):
        st.markdown(f"**{words['form_title']}**")
        scores = {str(n): str(n) for n in range(follow_up.SCORE_MAX + 1)}
        for name in ("pain", "activities"):
            label = f"{words[name]} {words[f'{name}_help']}"
            components.remembered_radio(label, scores, None, f"{FORM_KEY}.{name}")
        options = started_choices(text, evidence)
        st.selectbox(
            str(words["started"]),
            list(options),
            index=None,
            format_func=options.__getitem__,
            placeholder=str(words["started_placeholder"]),
            key=f"{FORM_KEY}.started",
        )
        yes_no = {"yes": text("values.sure.yes"), "no": text("values.sure.no")}
        components.remembered_radio(str(words["still_on_it"]), yes_no, None, f"{FORM_KEY}.still_on_it")
        st.markdown(f"**{words['sure_title']}**")
        for question in text.entries("values.sure.questions"):
            components.remembered_radio(
                str(question["text"]), yes_no, None, f"{FORM_KEY}.sure.{question['id']}"
            )
        with st.expander(str(words["regret_title"])):  # only for those who have made a choice
            st.markdown(str(words["regret_intro"]))
            levels = text.text_list(
                "patient_file.follow_up.agree"
            )  # 1 strongly agree ... 5 strongly disagree
            agree = {str(level): label for level, label in enumerate(levels, 1)}
            for item in text.entries("patient_file.follow_up.regret_items"):
                components.remembered_radio(str(item["text"]), agree, None, f"{FORM_KEY}.regret.{item['id']}")
            st.caption(str(words["regret_source"]))
        st.form_submit_button(
            str(words["add"]),
            type="primary",
            icon=":material/add:",
            on_click=add_check,
            args=(text, evidence),
        )


def started_choices(text: Content, evidence: Evidence) -> dict[str, str]:
    """The answers to "which option did you start": none yet, then the options compared, then the
    others for the kind of back pain."""
    condition_id = state.get(state.CONDITION)
    listed = (
        evidence.options_for(condition_id)
        if condition_id in evidence.conditions
        else evidence.options.values()
    )
    compared = [i for i in state.get(state.COMPARE_OPTIONS) or () if i in evidence.options]
    ordered = dict.fromkeys([*compared, *(option.id for option in listed)])
    return {
        follow_up.NOT_STARTED: text("patient_file.follow_up.none_started"),
        **{option_id: evidence.options[option_id].name for option_id in ordered},
    }


def add_check(text: Content, evidence: Evidence) -> None:
    """The form was sent: keep the check if anything was answered, else say so."""

    def given(name: str) -> object:
        return st.session_state.get(f"{FORM_KEY}.{name}")

    def number(name: str) -> int | None:
        value = given(name)
        return int(value) if isinstance(value, str) and value.isdigit() else None

    yes = {"yes": True, "no": False}
    check = follow_up.from_form(
        on=date.today(),
        pain=number("pain"),
        activities=number("activities"),
        option_id=given("started"),
        still_on_it=yes.get(str(given("still_on_it"))),
        sure_answers={q: yes.get(str(given(f"sure.{q}"))) for q in sure.question_ids(text)},
        regret_answers={item: number(f"regret.{item}") for item in follow_up.REGRET_ITEMS},
        allowed_options=list(started_choices(text, evidence)),
        sure_ids=sure.question_ids(text),
    )
    components.focus_next(SENT_KEY)
    if not check.answered:
        state.put(state.FOLLOW_UP_SENT, "empty")
        return
    answers = patient_file.with_follow_up(state.current_answers(), check)
    state.put(state.FOLLOW_UPS, answers.follow_ups)
    state.put(state.FOLLOW_UP_SENT, "added")
