import pandas as pd
import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.medicines import Medicine, check_medicine
from ui import components, state

CLASS_FIELDS = ("examples", "side_effects_to_watch", "get_help_when", "talk_first_if", "guideline_note")
FIELD_LABELS = {
    "examples": "examples",
    "side_effects_to_watch": "side_effects",
    "get_help_when": "get_help",
    "talk_first_if": "talk_first",
    "guideline_note": "guideline",
}


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("medicines_guide.title"))
    st.markdown(text("medicines_guide.intro"))
    st.error(text("medicines_guide.emergency_signs_any_medicine.text"), icon=":material/emergency:")
    st.subheader(text("medicines_guide.ui.tips_title"))
    st.markdown("\n".join(f"- {tip['text']}" for tip in text.node("medicines_guide.general_tips")))
    st.subheader(text("medicines_guide.ui.classes_title"))
    for drug_class in text.node("medicines_guide.drug_classes"):
        with st.expander(drug_class["name"]):
            lines = [
                f"**{text('medicines_guide.ui.' + FIELD_LABELS[field])}:** {drug_class[field]}"
                for field in CLASS_FIELDS
                if field in drug_class
            ]
            st.markdown("\n\n".join(lines))
    st.subheader(text("medicines_guide.ui.review_title"))
    st.markdown(text("medicines_guide.when_to_come_back_for_review.text"))
    st.subheader(text("medicines_guide.ui.questions_title"))
    st.markdown(
        "\n".join(f"- {question}" for question in text.node("medicines_guide.questions_to_ask.items"))
    )
    my_medicines(text)
    components.cited_sources(
        evidence, text, "medicines_guide.ui.sources_title", text.source_ids("medicines_guide")
    )


def my_medicines(text: Content) -> None:
    """The person's own list. What they type is only ever shown as plain text in a table."""
    st.subheader(text("medicines_guide.ui.my_medicines_title"))
    st.markdown(text("medicines_guide.ui.my_medicines_intro"))
    medicines: list[Medicine] = list(state.get(state.MEDICINES, []))
    with st.form("medicine_form", clear_on_submit=True):
        name = st.text_input(text("medicines_guide.ui.name"), max_chars=200)
        dose = st.text_input(text("medicines_guide.ui.dose"), max_chars=200)
        how_often = st.text_input(text("medicines_guide.ui.how_often"), max_chars=200)
        added = st.form_submit_button(text("medicines_guide.ui.add"))
    if added:
        medicine, problems = check_medicine(name, dose, how_often, existing=len(medicines))
        for problem in problems:
            st.error(text(f"medicines_guide.ui.problems.{problem}"))
        if medicine:
            medicines.append(medicine)
            state.put(state.MEDICINES, medicines)
    if not medicines:
        st.markdown(text("medicines_guide.ui.empty_list"))
        return
    labels = [text(f"medicines_guide.ui.{field}") for field in ("name", "dose", "how_often")]
    table = pd.DataFrame([(m.name, m.dose, m.how_often) for m in medicines], columns=labels)
    st.dataframe(table, hide_index=True, width="stretch")
    names = {str(index): f"{index + 1}. {m.name}" for index, m in enumerate(medicines)}
    with st.form("remove_medicine_form"):
        chosen = st.selectbox(
            text("medicines_guide.ui.remove_label"), list(names), format_func=names.__getitem__
        )
        if st.form_submit_button(text("medicines_guide.ui.remove")):
            medicines.pop(int(chosen))
            state.put(state.MEDICINES, medicines)
            st.rerun()
