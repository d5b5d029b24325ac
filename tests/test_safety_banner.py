"""Safety that cannot be missed (issue #16): ticking an emergency sign brings the emergency message
into view and focus at once, above the "Next" link; after that every options page opens with the
message first, until the sign is unticked. In Chromium at 1280 x 900 and 390 x 844, with and
without larger text; the page tests (AppTest) at the end need no browser."""

import pytest
from playwright.sync_api import Page, expect

from backpain_aid.safety import red_flag_signs
from tests.screens import MENU_CLOSED_BELOW, SIZE_IDS, SIZES, close, in_view, open_at
from tests_support.apptest import run_page
from tests_support.browser import arrived_at, assert_healthy, menu_link, wait_until_idle
from ui import state
from ui.pages import ALL_PAGES, COMPARE, EXPLORE, OPTIONS_PAGES, RED_FLAGS, SUMMARY


def emergency_signs(text):
    return [sign for sign in red_flag_signs(text) if sign.level == "emergency"]


def emergency_alert(page: Page, text):
    return (
        page.get_by_test_id("stMain")
        .get_by_role("alert")
        .filter(has_text=text("red_flags.ui.emergency_title"))
    )


def go_by_menu(page: Page, text, spec) -> None:
    """Choose a page in the menu, opening the menu first where it starts closed."""
    if page.viewport_size["width"] < MENU_CLOSED_BELOW:
        page.get_by_test_id("stExpandSidebarButton").click()
    menu_link(page, text, spec).click()
    arrived_at(page, spec)


@pytest.mark.browser
@pytest.mark.parametrize(("size", "larger"), SIZES, ids=SIZE_IDS)
def test_an_emergency_sign_brings_the_message_into_view_and_focus_then_leads_every_options_page(
    browser, app_url, text, size, larger
):
    page = open_at(browser, f"{app_url}/{RED_FLAGS.url_path}", size, larger)
    first_sign = emergency_signs(text)[0]
    page.get_by_text(first_sign.text, exact=True).click()
    wait_until_idle(page)
    alert = emergency_alert(page, text)
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text("999")
    page.wait_for_function(
        "title => [...(document.activeElement?.querySelectorAll('[role=alert]') ?? [])]"
        ".some((alert) => alert.innerText.includes(title))",  # the focus is on the box holding it
        arg=text("red_flags.ui.emergency_title"),
        timeout=5_000,
    )
    assert in_view(page, alert), "the message is not on the screen"
    # Nothing offers to go on beside "get help now".
    expect(page.get_by_role("link", name=text("red_flags.ui.next"))).to_have_count(0)

    # Every options page and the summary now open with the message, before their own title.
    for spec in (COMPARE, EXPLORE, SUMMARY):
        go_by_menu(page, text, spec)
        banner = emergency_alert(page, text)
        expect(banner).to_have_count(1)
        assert in_view(page, banner)
        assert banner.bounding_box()["y"] < page.get_by_role("heading", level=1).bounding_box()["y"]
        expect(page.get_by_role("link", name=text("red_flags.ui.banner_link"))).to_be_visible()
        # The red message says all the yellow warning line says: only one of them, not both.
        expect(page.get_by_text(text("red_flags.safety_line.text"))).to_have_count(0)
        assert_healthy(page)

    # Unticked, the options pages open as usual.
    go_by_menu(page, text, RED_FLAGS)
    page.get_by_text(first_sign.text, exact=True).click()
    wait_until_idle(page)
    go_by_menu(page, text, COMPARE)
    expect(emergency_alert(page, text)).to_have_count(0)
    close(page)


# --- The same pages without a browser (AppTest) -----------------------------------------------


@pytest.mark.parametrize("spec", ALL_PAGES, ids=[spec.url_path or "start" for spec in ALL_PAGES])
def test_an_emergency_sign_puts_the_message_first_on_the_options_pages_only(spec, text):
    sign = emergency_signs(text)[-1]
    app = run_page(spec.path, **{state.RED_FLAGS_TICKED: [sign.id]})
    errors = [error.value for error in app.error]
    leads = bool(errors) and text("red_flags.ui.banner_text") in errors[0]
    if spec in OPTIONS_PAGES:
        # The first element of the page: before the larger-text switch and the warning line.
        first = app.main.children[0]
        assert leads and text("red_flags.ui.emergency_title") in first.value
    elif spec is not RED_FLAGS:
        assert not any(text("red_flags.ui.banner_text") in error for error in errors)


def test_an_urgent_sign_alone_does_not_put_the_emergency_message_first(text):
    urgent = next(sign for sign in red_flag_signs(text) if sign.level == "urgent")
    app = run_page(COMPARE.path, **{state.RED_FLAGS_TICKED: [urgent.id]})
    assert not app.error
