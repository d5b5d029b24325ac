"""Accessibility in a real browser: axe-core finds no serious or critical problem on any page in a
filled-in state, the keyboard alone is enough to reach and use Explore, charts have text, and the
"larger text" switch makes every page's text bigger."""

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser import focused_text, open_page, served_app, tab_until, wait_until_idle
from ui.pages import (
    ALL_PAGES,
    COMPARE,
    DECIDE,
    EXPLORE,
    HOME,
    IBP_CHECK,
    MEDICINES,
    PATH,
    RED_FLAGS,
    VALUES,
    PageSpec,
)

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
# Streamlit's own sidebar menu puts section headers (<div>) inside its <ul>, so axe's list rules fail
# on markup this app cannot change. Those two rules are checked everywhere except inside that menu.
STREAMLIT_NAV = "[data-testid='stSidebarNavItems']"
FRAMEWORK_LIST_RULES = ["list", "listitem"]


def answer_every_radio(page: Page) -> None:
    """Pick the first answer of each question, again until no unanswered question appears."""
    for _ in range(20):
        unanswered = page.locator("[role=radiogroup]:not(:has(input:checked))")
        if not unanswered.count():
            return
        unanswered.first.locator("label").first.click()
        wait_until_idle(page)


def tick_first_warning_sign(page: Page, text) -> None:
    page.get_by_text(str(text.node("red_flags.signs")[0]["text"]), exact=True).click()
    wait_until_idle(page)


def add_a_medicine(page: Page, text) -> None:
    page.get_by_label(text("medicines_guide.ui.name")).fill("Ibuprofen <b>")
    page.get_by_label(text("medicines_guide.ui.dose")).fill("200 mg")
    page.get_by_label(text("medicines_guide.ui.how_often")).fill("3 times a day")
    page.get_by_role("button", name=text("medicines_guide.ui.add")).click()
    wait_until_idle(page)


# How each page is filled in before it is checked: a query string and/or answers given on the page.
FILLED_QUERY = {COMPARE: "?condition=axial_spa&options=no_treatment,nsaids,biologics"}
FILL: dict[PageSpec, Callable] = {
    RED_FLAGS: tick_first_warning_sign,
    PATH: lambda page, text: answer_every_radio(page),
    IBP_CHECK: lambda page, text: answer_every_radio(page),
    MEDICINES: add_a_medicine,
    VALUES: lambda page, text: answer_every_radio(page),
    DECIDE: lambda page, text: answer_every_radio(page),
}


def blocking_violations(page: Page) -> list[str]:
    axe = Axe()
    everywhere = axe.run(
        page, options={"rules": {rule: {"enabled": False} for rule in FRAMEWORK_LIST_RULES}}
    ).response["violations"]
    outside_menu = axe.run(
        page, context={"exclude": [[STREAMLIT_NAV]]}, options={"runOnly": FRAMEWORK_LIST_RULES}
    ).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
        for v in everywhere + outside_menu
        if v["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("spec", ALL_PAGES, ids=[spec.url_path or "start" for spec in ALL_PAGES])
def test_no_serious_accessibility_problem_on_a_filled_in_page(page, app_url, text, spec):
    open_page(page, f"{app_url}/{spec.url_path}{FILLED_QUERY.get(spec, '')}")
    if spec in FILL:
        FILL[spec](page, text)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert blocking_violations(page) == []


def test_no_serious_accessibility_problem_with_larger_text_and_four_options(page, app_url, text):
    four = "no_treatment,exercise,nsaids,discectomy"
    open_page(page, f"{app_url}/{COMPARE.url_path}?condition=sciatica&options={four}")
    page.get_by_test_id("stSidebar").get_by_text(text("common.larger_text.label"), exact=True).click()
    wait_until_idle(page)
    assert blocking_violations(page) == []


def test_no_serious_accessibility_problem_on_compare_on_a_phone(browser, app_url):
    """On a phone the grid becomes cards: it must still read as a table to a screen reader."""
    page = browser.new_page(viewport={"width": 390, "height": 900})
    open_page(page, f"{app_url}/{COMPARE.url_path}?condition=axial_spa&options=no_treatment,nsaids,biologics")
    assert blocking_violations(page) == []
    roles = page.locator("table.aid-glance").first.evaluate(
        "table => [...table.querySelectorAll('[role]')].map(node => node.getAttribute('role'))"
    )
    assert {"row", "columnheader", "rowheader", "cell"} <= set(roles)
    page.close()


def test_captions_and_hints_keep_their_contrast(page, tmp_path):
    """Streamlit's default caption grey fails contrast; the theme in .streamlit/config.toml must fix it
    for any page that uses st.caption now or later."""
    script = tmp_path / "captions.py"
    script.write_text(
        "import streamlit as st\n"
        "st.title('Captions')\n"
        "st.caption('A caption on the page.')\n"
        "st.sidebar.caption('A caption in the sidebar.')\n"
        "st.toggle('A switch', help='A hint.')\n"
    )
    with served_app(tmp_path / "streamlit.log", script) as url:
        open_page(page, url)
        assert blocking_violations(page) == []


def test_keyboard_alone_reaches_explore_and_picks_a_condition(page, app_url, text, evidence):
    open_page(page, f"{app_url}/{HOME.url_path}")
    explore_label = text(EXPLORE.title_key)
    tab_until(page, lambda: explore_label in focused_text(page))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=text("explore.title"), level=1)).to_be_visible(timeout=15_000)
    wait_until_idle(page)

    condition_picker = page.get_by_role("radiogroup", name=text("explore.condition_label"))
    tab_until(page, lambda: condition_picker.evaluate("group => group.contains(document.activeElement)"))
    page.keyboard.press("ArrowRight")  # in a radio group the arrow keys move the choice
    wait_until_idle(page)

    second = list(evidence.conditions.values())[1]
    expect(condition_picker.get_by_role("radio", name=second.short_name)).to_be_checked()
    first_option = evidence.options_for(second.id)[0]
    expect(page.get_by_role("heading", name=first_option.name, exact=True)).to_be_visible()


def test_every_chart_on_compare_has_a_table_that_says_the_same(page, app_url, text, evidence):
    """Charts are pictures; the bar chart comes with a table of the same figures for screen readers
    and print, the ladder is a list of its steps in words, and each result's picture says its figures
    (role img, with its words)."""
    open_page(page, f"{app_url}/{COMPARE.url_path}{FILLED_QUERY[COMPARE]}")
    page.get_by_test_id("stExpander").filter(has_text=text("compare.chart_section")).locator(
        "summary"
    ).click()
    wait_until_idle(page)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(1)
    expect(page.get_by_text(text("compare.picture_table_title"), exact=True)).to_be_visible()
    block = page.get_by_test_id("stMarkdownContainer").filter(has_text=text("compare.picture_table_title"))
    expect(block.get_by_role("table")).to_have_count(1)  # a real table, under its title
    expect(block.get_by_role("columnheader").first).to_be_visible()
    question = text("glance.questions.invasive")
    page.get_by_test_id("stExpander").filter(has_text=question).locator("summary").click()
    wait_until_idle(page)
    ladder = page.get_by_role("list", name=text("pictures.ladder.title"))
    for step in evidence.ladder.values():
        expect(ladder).to_contain_text(text("explore.step_heading", step=step.step, name=step.name))
    for picture in page.locator(".aid-pic[role='img']").all():
        assert picture.get_attribute("aria-label")


def test_larger_text_grows_every_page_and_stays_on(page, app_url, text):
    open_page(page, f"{app_url}/{EXPLORE.url_path}")

    def sizes() -> tuple[float, float]:
        return page.evaluate(
            """() => [document.documentElement, document.querySelector('[data-testid=stMain] p')]
                .map(element => parseFloat(getComputedStyle(element).fontSize))"""
        )

    root_before, paragraph_before = sizes()
    page.get_by_test_id("stSidebar").get_by_text(text("common.larger_text.label"), exact=True).click()
    wait_until_idle(page)
    root_after, paragraph_after = sizes()
    assert root_after >= root_before * 1.2
    assert paragraph_after >= paragraph_before * 1.2

    page.get_by_role("link", name=text(COMPARE.title_key)).first.click()
    wait_until_idle(page)
    assert sizes()[0] == root_after
