import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.ibp_check import assess
from ui import components, keys, state

RESULT_ALERTS = {"fits": st.warning, "does_not_fit": st.info, "too_short": st.info}


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("asas_ibp.name"))
    st.markdown(text("asas_ibp.about"))
    st.markdown(text("asas_ibp.applies_when.text"))
    yes_no = {"yes": text("asas_ibp.ui.answer_yes"), "no": text("asas_ibp.ui.answer_no")}
    lasted = as_bool(
        components.remembered_radio(
            text("asas_ibp.ui.duration_question"),
            yes_no,
            as_choice(state.get(state.IBP_LASTED_3_MONTHS)),
            keys.IBP_DURATION,
        )
    )
    state.put(state.IBP_LASTED_3_MONTHS, lasted)
    answers = dict(state.get(state.IBP_ANSWERS, {}))
    if lasted:
        for item in text.node("asas_ibp.items"):
            choice = components.remembered_radio(
                item["question"], yes_no, as_choice(answers.get(item["id"])), keys.ibp_item(item["id"])
            )
            answers[item["id"]] = as_bool(choice)
        state.put(state.IBP_ANSWERS, answers)
    st.markdown(text("asas_ibp.rule.text"))
    result = assess(text, answers, lasted)
    if result == "incomplete":
        st.markdown(text("asas_ibp.ui.incomplete"))
    else:
        RESULT_ALERTS[result](
            f"**{text(f'asas_ibp.results.{result}.title')}**\n\n{text(f'asas_ibp.results.{result}.text')}"
        )
    st.info(text("asas_ibp.caveat.text"), icon=":material/info:")
    with st.expander(text("asas_ibp.ui.accuracy_title")):
        st.markdown(text("asas_ibp.accuracy.text"))
    components.cited_sources(evidence, text, "asas_ibp.ui.sources_title", text.source_ids("asas_ibp"))


def as_choice(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def as_bool(choice: str | None) -> bool | None:
    return None if choice is None else choice == "yes"
