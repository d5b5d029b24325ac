"""Domain package of the back-pain decision aid: evidence, comparison and text, no Streamlit."""
