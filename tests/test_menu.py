"""The menu and the frame every page shares (ui/components.menu and frame, ui/pages.menu_html,
ui/aid.js): one element each, every page once in menu order, the open page marked, the language
kept in every link, and a script the browser's cleaner leaves alone. The browser side (a click
keeps the session; the landmark and headings as a screen reader finds them) is in
tests/test_accessibility.py and tests/test_journeys.py."""

import re
from html.parser import HTMLParser

import pytest

from tests_support.apptest import run_page
from ui import state
from ui.components import FRAME_SCRIPT, STYLE_SHEET
from ui.pages import ALL_PAGES, COMPARE, HOME, PRIVACY, menu_html, menu_sections


class Links(HTMLParser):
    """The menu's headings and links, in order, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, dict[str, str | None]]] = []
        self.navs: list[dict[str, str | None]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav":
            self.navs.append(dict(attrs))
        if tag in {"h2", "a"}:
            self.items.append((tag, dict(attrs) | {"text": ""}))
            self._open = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.items[-1][1]["text"] = (self.items[-1][1]["text"] or "") + data


ICON = re.compile(r'<span class="aid-menu-icon" aria-hidden="true">(\w+)</span>')


def parsed(markup: str) -> Links:
    """The menu's headings and links; a link's text without its icon's name, which the icon font
    draws as a picture and screen readers skip (aria-hidden)."""
    links = Links()
    links.feed(ICON.sub("", markup))
    return links


def test_the_menu_is_one_landmark_with_each_section_heading_over_its_pages_in_order(text):
    links = parsed(menu_html(text, COMPARE.url_path))
    assert links.navs == [{"class": "aid-menu", "aria-label": text("common.nav.menu_label")}]
    expected = []
    for section_key, specs in menu_sections().items():
        expected.append(("h2", text(section_key)))
        expected += [("a", text(spec.title_key)) for spec in specs]
    assert [(tag, attrs["text"]) for tag, attrs in links.items] == expected
    icons = ICON.findall(menu_html(text, COMPARE.url_path))
    assert icons == [spec.icon.removeprefix(":material/").removesuffix(":") for spec in ALL_PAGES]


@pytest.mark.parametrize("spec", [HOME, COMPARE, PRIVACY], ids=["start", "compare", "privacy"])
def test_only_the_open_pages_link_is_marked_as_current(text, spec):
    links = [attrs for tag, attrs in parsed(menu_html(text, spec.url_path)).items if tag == "a"]
    current = [attrs["href"] for attrs in links if attrs.get("aria-current") == "page"]
    assert current == [spec.url_path or "./"]


def test_every_link_keeps_the_language_and_is_relative_to_the_app(text, es_text):
    english = [attrs["href"] for tag, attrs in parsed(menu_html(text, "")).items if tag == "a"]
    spanish = [attrs["href"] for tag, attrs in parsed(menu_html(es_text, "")).items if tag == "a"]
    assert english == [spec.url_path or "./" for spec in ALL_PAGES]
    assert spanish == [f"{spec.url_path or './'}?lang=es" for spec in ALL_PAGES]
    assert not any(href.startswith(("/", "http")) for href in english + spanish)  # any base path works


class Hostile:
    """Words as a careless translation might write them: markup where text belongs."""

    lang = "en"

    def __call__(self, key: str) -> str:
        return f'<script>alert("{key}")</script>'


def test_the_menus_words_are_shown_as_text_never_as_markup():
    markup = menu_html(Hostile(), "")  # type: ignore[arg-type]
    words = 1 + len(menu_sections()) + len(ALL_PAGES)  # the menu's name, the sections, the pages
    assert "<script>" not in markup and markup.count("&lt;script&gt;") == words


@pytest.mark.parametrize("name, body", [("ui/aid.js", FRAME_SCRIPT), ("ui/aid.css", STYLE_SHEET)])
def test_the_frames_script_and_style_hold_nothing_the_browsers_html_cleaner_would_drop(name, body):
    # DOMPurify removes a script or a style element whose text holds "<" then a letter, "/" or "!".
    found = re.findall(r"<[/\w!].{0,30}", body)
    assert not found, f"{name} would be dropped in the browser: {found}"


def test_every_page_draws_the_menu_and_the_frame_as_two_html_elements_not_one_per_link():
    app = run_page(PRIVACY.path)
    html = [element.proto.body for element in app.get("html")]
    assert sum('<nav class="aid-menu"' in body for body in html) == 1
    assert sum(body.startswith("<style>") and "<script>" in body for body in html) == 1
    menu_links = [link for link in app.get("page_link") if link.proto.label in {"Start here"}]
    assert menu_links == []


def test_the_spanish_menu_links_carry_the_language():
    app = run_page(HOME.path, **{state.LANGUAGE: "es"})
    bodies = [element.proto.body for element in app.get("html")]
    menu = next(body for body in bodies if body.startswith('<nav class="aid-menu"'))
    hrefs = re.findall(r'href="([^"]*)"', menu)
    assert len(hrefs) == len(ALL_PAGES) and all(href.endswith("?lang=es") for href in hrefs)
