"""Router: build the navigation, show the frame every page shares, run the chosen page."""

import streamlit as st

from ui import cache, components
from ui.pages import OPTIONS_PAGES, streamlit_pages

text = cache.content()
page = st.navigation(streamlit_pages(text), position="hidden")  # the menu is ours: components.menu
components.page_config(text, page.title)
evidence = components.evidence_or_stop()
components.frame(text)
if page.url_path in {spec.url_path for spec in OPTIONS_PAGES}:
    components.emergency_banner(text, page.url_path)  # first of all, while an emergency sign is ticked
components.menu(text, page.url_path)
components.larger_text_toggle(text)
components.safety_line(text)
page.run()
components.footer(text, evidence)
components.move_focus()
