"""The app's pages, declared once: file, name (backpain_aid.page_names), URL path, menu section."""

from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from backpain_aid.content import Content
from backpain_aid.page_names import PageName
from ui import html, state


@dataclass(frozen=True)
class PageSpec:
    path: str
    name: PageName
    url_path: str
    icon: str
    section_key: str

    @property
    def title_key(self) -> str:
        return self.name.title_key


HOME = PageSpec("app_pages/home.py", PageName.HOME, "", ":material/home:", "common.nav.sections.start")
RED_FLAGS = PageSpec(
    "app_pages/red_flags.py",
    PageName.RED_FLAGS,
    "warning-signs",
    ":material/emergency:",
    "common.nav.sections.start",
)
PATH = PageSpec(
    "app_pages/path.py", PageName.PATH, "your-path", ":material/alt_route:", "common.nav.sections.start"
)
EXPLORE = PageSpec(
    "app_pages/explore.py",
    PageName.EXPLORE,
    "explore",
    ":material/view_list:",
    "common.nav.sections.options",
)
COMPARE = PageSpec(
    "app_pages/compare.py",
    PageName.COMPARE,
    "compare",
    ":material/compare:",
    "common.nav.sections.options",
)
VALUES = PageSpec(
    "app_pages/values.py",
    PageName.VALUES,
    "what-matters",
    ":material/tune:",
    "common.nav.sections.options",
)
DECIDE = PageSpec(
    "app_pages/decide.py",
    PageName.DECIDE,
    "check-and-decide",
    ":material/fact_check:",
    "common.nav.sections.options",
)
SUMMARY = PageSpec(
    "app_pages/summary.py",
    PageName.SUMMARY,
    "summary",
    ":material/summarize:",
    "common.nav.sections.options",
)
IBP_CHECK = PageSpec(
    "app_pages/ibp_check.py",
    PageName.IBP_CHECK,
    "inflammatory-back-pain-check",
    ":material/checklist:",
    "common.nav.sections.learn",
)
CONDITIONS = PageSpec(
    "app_pages/conditions.py",
    PageName.CONDITIONS,
    "back-pain-explained",
    ":material/school:",
    "common.nav.sections.learn",
)
MEDICINES = PageSpec(
    "app_pages/medicines.py",
    PageName.MEDICINES,
    "medicines",
    ":material/medication:",
    "common.nav.sections.learn",
)
ABOUT = PageSpec(
    "app_pages/about.py", PageName.ABOUT, "evidence", ":material/menu_book:", "common.nav.sections.learn"
)
PRIVACY = PageSpec(
    "app_pages/privacy.py", PageName.PRIVACY, "privacy", ":material/lock:", "common.nav.sections.learn"
)
CLINICIAN = PageSpec(
    "app_pages/clinician.py",
    PageName.CLINICIAN,
    "consultation",
    ":material/stethoscope:",
    "common.nav.sections.clinicians",
)

ALL_PAGES = (
    HOME,
    RED_FLAGS,
    PATH,
    EXPLORE,
    COMPARE,
    VALUES,
    DECIDE,
    SUMMARY,
    IBP_CHECK,
    CONDITIONS,
    MEDICINES,
    ABOUT,
    PRIVACY,
    CLINICIAN,
)
#: Each page by its name: where a summary step that is not done yet sends the person.
BY_NAME = {spec.name: spec for spec in ALL_PAGES}
#: The pages about choosing an option, and the summary taken to a visit: each opens with the
#: emergency message while an emergency sign is ticked (app.py).
OPTIONS_PAGES = (EXPLORE, COMPARE, VALUES, DECIDE, SUMMARY)


def streamlit_pages(text: Content) -> list[st.Page]:
    """Every page, for Streamlit's router. People choose them in our own menu (components.menu)."""
    return [
        st.Page(
            spec.path,
            title=text(spec.title_key),
            url_path=spec.url_path or None,  # the default page lives at the root URL
            # No icon: Streamlit would make it the tab's icon, fetched from a font server. The
            # menu and the page links draw it from the font Streamlit bundles.
            default=spec is HOME,
        )
        for spec in ALL_PAGES
    ]


def menu_sections() -> dict[str, list[PageSpec]]:
    """The menu: each section's title key with its pages, in ALL_PAGES order."""
    sections: dict[str, list[PageSpec]] = {}
    for spec in ALL_PAGES:
        sections.setdefault(spec.section_key, []).append(spec)
    return sections


def menu_html(text: Content, current: str) -> str:
    """The menu as one block of HTML (templates/menu.html.j2), the page at URL path `current`
    marked. One element instead of a heading and a link element each: the menu is drawn on every
    run of every page, so its cost is paid by everyone under load."""
    query = urlencode(state.language_params(text.lang))
    sections = [
        {
            "title": text(section_key),
            "links": [
                {
                    # Relative, so the app works under any base path; "./" is the start page.
                    "href": (spec.url_path or "./") + (f"?{query}" if query else ""),
                    "title": text(spec.title_key),
                    "icon": spec.icon.removeprefix(":material/").removesuffix(":"),
                    "current": spec.url_path == current,
                }
                for spec in specs
            ],
        }
        for section_key, specs in menu_sections().items()
    ]
    return html.render("menu.html.j2", label=text("common.nav.menu_label"), sections=sections)


def link(spec: PageSpec, text: Content, label: str | None = None) -> None:
    """A link to a page in the language being read (?lang=es), also when opened in a new tab."""
    params = state.language_params(text.lang)
    st.page_link(spec.path, label=label or text(spec.title_key), icon=spec.icon, query_params=params or None)
