"""Hand-edited addresses in a real browser: an unknown page or a link carrying script text gives a
short message and a sensible page, and nothing in the address is ever run."""

from urllib.parse import quote

from playwright.sync_api import expect

from tests_support.browser import open_page
from ui.pages import COMPARE


def test_an_unknown_page_falls_back_to_the_start_page(page, app_url, text):
    open_page(page, f"{app_url}/no-such-page")
    expect(page.get_by_role("heading", name=text("home.title"))).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_script_in_a_compare_link_is_never_run(page, app_url, text):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    script = quote("<img src=x onerror=alert(1)><script>alert(2)</script>")
    open_page(page, f"{app_url}/{COMPARE.url_path}?condition={script}&options={script}")
    expect(page.get_by_text(text("compare.link_problems.unknown_condition"))).to_be_visible()
    expect(page.get_by_role("heading", name=text("compare.title"))).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert dialogs == []
    assert "<script>alert(2)</script>" not in page.content()
