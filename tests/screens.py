"""Helpers for browser tests at a desktop and a phone size, with and without larger text."""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from backpain_aid.content import load_content
from tests_support.browser import open_page, wait_until_idle

LARGER_TEXT = load_content()("common.larger_text.label")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: Below this width Streamlit starts with its menu closed, and the page shows its own switch.
MENU_CLOSED_BELOW = 768
SIZES = [(DESKTOP, False), (DESKTOP, True), (PHONE, False), (PHONE, True)]
SIZE_IDS = ["1280", "1280-larger", "390", "390-larger"]

#: How tall the page is, in screens. Streamlit scrolls its main block, not the document, so the
#: document's own height (what the issue asks for) is only the window's; both are read and the
#: larger one counts.
SCREENS_TALL = """() => Math.max(document.documentElement.scrollHeight,
    document.querySelector('[data-testid="stMain"]').scrollHeight) / window.innerHeight"""


def new_page(browser: Browser, size: dict[str, int]) -> Page:
    return browser.new_context(viewport=size).new_page()


def larger_text(page: Page) -> None:
    """Turn on larger text with the switch a person at this size sees first."""
    if page.viewport_size["width"] < MENU_CLOSED_BELOW:
        switch = page.locator(".st-key-widget_larger_text_top")
    else:
        switch = page.get_by_test_id("stSidebar")
    switch.get_by_text(LARGER_TEXT, exact=True).click()
    wait_until_idle(page)


def open_at(browser: Browser, url: str, size: dict[str, int], larger: bool) -> Page:
    page = new_page(browser, size)
    open_page(page, url)
    if larger:
        larger_text(page)
    return page


def screens_tall(page: Page) -> float:
    return page.evaluate(SCREENS_TALL)


def in_view(page: Page, selector_or_locator) -> bool:
    """The element's box lies within the window (what the person sees without scrolling)."""
    locator = (
        page.locator(selector_or_locator) if isinstance(selector_or_locator, str) else selector_or_locator
    )
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + min(box["height"], size["height"]) <= size["height"] + 1


def close(page: Page) -> None:
    page.context.close()
