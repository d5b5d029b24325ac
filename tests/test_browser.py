"""End to end in a real browser: the served app shows the evidence and nothing breaks."""

import pytest
from playwright.sync_api import expect

from tests_support.browser import assert_healthy, full_page_screenshot, open_page, wait_until_idle
from ui.pages import ALL_PAGES, COMPARE, EXPLORE, RED_FLAGS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("spec", ALL_PAGES, ids=[spec.url_path or "start" for spec in ALL_PAGES])
def test_every_page_opens_from_its_url_with_the_safety_line(page, app_url, text, spec):
    open_page(page, f"{app_url}/{spec.url_path}")
    expect(page.get_by_text(text("red_flags.safety_line.text"))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_healthy(page)


def test_explore_shows_every_option_for_every_condition(page, app_url, evidence, text, tmp_path):
    open_page(page, f"{app_url}/{EXPLORE.url_path}")
    expect(page.get_by_role("heading", name=text("explore.title"))).to_be_visible()
    for condition_id, condition in evidence.conditions.items():
        page.get_by_text(condition.short_name, exact=True).click()
        wait_until_idle(page)
        for option in evidence.options_for(condition_id):
            expect(page.get_by_role("heading", name=option.name, exact=True)).to_be_visible(timeout=15_000)
        assert_healthy(page)
    full_page_screenshot(page, tmp_path / "explore.png", 1280)


def test_an_emergency_sign_shows_get_help_now(page, app_url, text):
    open_page(page, f"{app_url}/{RED_FLAGS.url_path}")
    page.get_by_text(first_sign_text(text), exact=True).click()
    alert = page.get_by_test_id("stAlertContentError")
    expect(alert).to_contain_text(text("red_flags.ui.emergency_title"))
    expect(alert).to_contain_text("999")
    assert_healthy(page)


def first_sign_text(text) -> str:
    return str(text.node("red_flags.signs")[0]["text"])


def test_start_page_leads_to_explore(page, app_url, text):
    open_page(page, app_url)
    expect(page.get_by_role("heading", name=text("home.title"))).to_be_visible()
    page.get_by_role("link", name=f"3. {text('common.nav.explore')}").click()
    expect(page.get_by_role("heading", name=text("explore.title"))).to_be_visible(timeout=15_000)
    assert_healthy(page)


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_compare_link_shows_three_options(browser, app_url, evidence, text, tmp_path, width):
    option_ids = ("no_treatment", "nsaids", "biologics")
    page = browser.new_page(viewport={"width": width, "height": 900})
    open_page(page, f"{app_url}/{COMPARE.url_path}?condition=axial_spa&options={','.join(option_ids)}")
    expect(page.get_by_role("heading", name=text("compare.title"))).to_be_visible()
    for option_id in option_ids:
        expect(page.get_by_text(evidence.options[option_id].name).first).to_be_visible()
    assert_healthy(page)
    no_sideways_scroll = "() => document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_sideways_scroll)
    # The grid at a glance: columns on a wide screen, one card per option on a phone, where each
    # answer sits under its question and nothing scrolls inside the grid.
    grid = page.locator("table.aid-glance")
    expect(grid).to_have_count(1)
    display = "table => getComputedStyle(table.querySelector('td')).display"
    assert grid.evaluate(display) == ("block" if width < 640 else "table-cell")
    assert grid.evaluate("table => table.scrollWidth <= table.parentElement.clientWidth")
    full_page_screenshot(page, tmp_path / f"compare-{width}.png", width)
    page.close()
