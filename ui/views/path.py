import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.path import PathAnswers, route
from backpain_aid.safety import red_flag_signs, triage
from ui import components, keys, state
from ui.pages import EXPLORE, IBP_CHECK, RED_FLAGS, link


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("path.title"))
    st.markdown(text("path.intro"))
    st.info(text("path.not_a_diagnosis.text"), icon=":material/info:")
    answers = dict(state.get(state.PATH_ANSWERS, {}))
    for question in text.node("path.questions"):
        choices = {str(option["id"]): str(option["label"]) for option in question["options"]}
        answers[question["id"]] = components.remembered_radio(
            question["text"], choices, answers.get(question["id"]), key=keys.path_question(question["id"])
        )
        if "help" in question:
            st.markdown(question["help"])
    state.put(state.PATH_ANSWERS, answers)
    path_answers = PathAnswers(**answers)
    any_red_flag = triage(red_flag_signs(text), state.get(state.RED_FLAGS_TICKED, [])) != "none"
    if path_answers.complete or any_red_flag:
        show_route(route(path_answers, any_red_flag, text), text, evidence)
    else:
        st.markdown(text("path.ui.answer_all"))
    st.header(text("path.ui.pick_directly"))
    # A new picker for each answer the questions lead to: the browser keeps a radio's old choice
    # when only its starting value changes, so the same picker would still show the one before.
    components.condition_picker(
        evidence, text, "path.ui.pick_label", keys.path_condition(state.get(state.PATH_ROUTED_TO))
    )
    link(EXPLORE, text)
    components.cited_sources(evidence, text, "explore.sources_title", text.source_ids("path"))


def show_route(result, text: Content, evidence: Evidence) -> None:
    st.success(result.text, icon=":material/alt_route:")
    if result.is_condition:
        # Follow a new answer once; after that a direct pick below is not overridden.
        if state.get(state.PATH_ROUTED_TO) != result.destination:
            state.put(state.PATH_ROUTED_TO, result.destination)
            state.put(state.CONDITION, result.destination)
            st.session_state.pop(keys.CONDITION, None)
        name = evidence.conditions[result.destination].short_name
        link(EXPLORE, text, label=text("path.ui.go_to_options", condition=name))
    if result.rule_id == "red_flags_first":
        link(RED_FLAGS, text, label=text("path.ui.check_red_flags"))
    if result.offer_ibp_check:
        st.markdown(also_offer_text(text))
        link(IBP_CHECK, text, label=text("path.ui.try_ibp_check"))


def also_offer_text(text: Content) -> str:
    rules = {rule["id"]: rule for rule in text.node("path.routing.rules")}
    return str(rules["chronic_lbp"]["also_offer"]["text"])
