import streamlit as st

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.medicines import MAX_LENGTHS, Medicine, check_medicine, clean_text
from ui import components, keys, markdown, state

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
    st.header(text("medicines_guide.ui.tips_title"))
    st.markdown("\n".join(f"- {tip['text']}" for tip in text.node("medicines_guide.general_tips")))
    st.header(text("medicines_guide.ui.classes_title"))
    for drug_class in text.node("medicines_guide.drug_classes"):
        with st.expander(drug_class["name"]):
            lines = [
                f"**{text('medicines_guide.ui.' + FIELD_LABELS[field])}:** {drug_class[field]}"
                for field in CLASS_FIELDS
                if field in drug_class
            ]
            st.markdown("\n\n".join(lines))
    st.header(text("medicines_guide.ui.review_title"))
    st.markdown(text("medicines_guide.when_to_come_back_for_review.text"))
    st.header(text("medicines_guide.ui.questions_title"))
    st.markdown(
        "\n".join(f"- {question}" for question in text.node("medicines_guide.questions_to_ask.items"))
    )
    my_medicines(text)
    components.cited_sources(
        evidence, text, "medicines_guide.ui.sources_title", text.source_ids("medicines_guide")
    )


def my_medicines(text: Content) -> None:
    """The person's own list. What they type is only ever shown as plain text in a table."""
    st.header(text("medicines_guide.ui.my_medicines_title"))
    st.markdown(text("medicines_guide.ui.my_medicines_intro"))
    medicines: list[Medicine] = list(state.get(state.MEDICINES, []))
    typed_fields = ("name", "dose", "how_often")
    st.markdown(text("medicines_guide.ui.limits", **MAX_LENGTHS))
    with st.form("medicine_form", clear_on_submit=True):
        # No max_chars on the boxes: Streamlit drops a paste longer than that whole, which leaves an
        # empty box. Each field is cut to its limit when added instead, and the page says so.
        typed = {
            field: st.text_input(text(f"medicines_guide.ui.{field}"), key=keys.medicine_field(field))
            for field in typed_fields
        }
        added = st.form_submit_button(text("medicines_guide.ui.add"))
    if added:
        kept, cut = cut_to_limits(typed)
        medicine, problems = check_medicine(**kept, existing=len(medicines))
        for problem in problems:
            st.error(text(f"medicines_guide.ui.problems.{problem}"))
        if medicine:
            medicines.append(medicine)
            state.put(state.MEDICINES, medicines)
            for field in cut:
                label = text(f"medicines_guide.ui.cut_names.{field}")
                st.warning(
                    text("medicines_guide.ui.cut", field=label, limit=MAX_LENGTHS[field]),
                    icon=":material/content_cut:",
                )
    if not medicines:
        st.markdown(text("medicines_guide.ui.empty_list"))
        return
    labels = [text(f"medicines_guide.ui.{field}") for field in ("name", "dose", "how_often")]
    # As HTML, never Markdown: what a person typed is escaped and shown as typed, and on a phone
    # each medicine is a card with its dose and how often under its name.
    st.html(markdown.stacked_table(labels, [(m.name, m.dose, m.how_often) for m in medicines]))
    names = {str(index): f"{index + 1}. {m.name}" for index, m in enumerate(medicines)}
    with st.form("remove_medicine_form"):
        chosen = st.selectbox(
            text("medicines_guide.ui.remove_label"), list(names), format_func=names.__getitem__
        )
        if st.form_submit_button(text("medicines_guide.ui.remove")):
            medicines.pop(int(chosen))
            state.put(state.MEDICINES, medicines)
            st.rerun()


def cut_to_limits(typed: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Each field cleaned and cut to its limit, and the fields that were cut."""
    kept, cut = {}, []
    for field, value in typed.items():
        cleaned = clean_text(value)
        kept[field] = clean_text(cleaned[: MAX_LENGTHS[field]])
        if len(cleaned) > MAX_LENGTHS[field]:
            cut.append(field)
    return kept, cut
