"""Router: build the navigation, show the frame every page shares, run the chosen page."""

import streamlit as st

from ui import cache, components
from ui.pages import streamlit_pages

text = cache.content()
st.set_page_config(page_title=text("common.app_title"), page_icon=":material/healing:", layout="wide")
evidence = components.evidence_or_stop()
page = st.navigation(streamlit_pages(text), expanded=True)  # every page in view, none behind "more"
components.safety_line(text)
components.larger_text_toggle(text)
page.run()
components.footer(text, evidence)
