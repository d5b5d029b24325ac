"""The four SURE questions on decisional conflict, asked at the start (What matters to you) and
again at the end (Decide), each time kept under its own state key."""

import streamlit as st

from backpain_aid import sure
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from ui import components, keys, state


def sure_questions(text: Content, key: str, moment: str) -> sure.SureResult:
    """The four SURE questions; answers kept under `key` (state.SURE_BEFORE or SURE_AFTER)."""
    yes_no = {"yes": text("values.sure.yes"), "no": text("values.sure.no")}
    answers = dict(state.get(key) or {})
    for question in text.node("values.sure.questions"):
        question_id = str(question["id"])
        known = answers.get(question_id)
        choice = components.remembered_radio(
            str(question["text"]),
            yes_no,
            None if known is None else ("yes" if known else "no"),
            keys.sure_question(moment, question_id),
        )
        if choice is not None:
            answers[question_id] = choice == "yes"
    state.put(key, answers)
    result = sure.score(answers, sure.question_ids(text))
    sure_result(text, result)
    return result


def sure_sources(text: Content, evidence: Evidence) -> None:
    st.caption(text("values.sure.about"))
    components.cited_sources(evidence, text, "values.sure.sources_title", text.source_ids("values.sure"))


def sure_result(text: Content, result: sure.SureResult) -> None:
    if not result.complete:
        st.markdown(text(result.meaning_key))
        return
    message = f"{text('values.sure.score', score=result.score)} {text(result.meaning_key)}"
    if result.meaning == "no_conflict":
        st.success(message, icon=":material/check_circle:")
        return
    hints = {str(q["id"]): str(q["if_no"]) for q in text.node("values.sure.questions")}
    st.warning(message, icon=":material/forum:")
    st.markdown("\n".join(f"- {hints[question_id]}" for question_id in result.no_ids))
