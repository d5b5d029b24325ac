"""Router: build the navigation, show the frame every page shares, run the chosen page."""

import streamlit as st

from ui import cache, components
from ui.pages import OPTIONS_PAGES, streamlit_pages

text = cache.content()
page = st.navigation(streamlit_pages(text), position="hidden")  # the menu is ours: components.menu
components.page_config(text, page.title)
evidence = components.evidence_or_stop()
components.frame(text)
emergency = False
if page.url_path in {spec.url_path for spec in OPTIONS_PAGES}:
    # First of all, while an emergency sign is ticked; it says all the warning line says, so that goes.
    emergency = components.emergency_banner(text, page.url_path)
components.menu(text, page.url_path)
components.larger_text_toggle(text)
if not emergency:
    components.safety_line(text)
page.run()
components.footer(text, evidence)
components.ask_before_leaving()
components.move_focus()
