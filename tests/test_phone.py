"""On a phone (issue #16): the menu closes after a page is chosen, the larger-text switch is at the
top of the page without opening the menu, and a text box given more than its limit keeps the first
part and says so (Streamlit's own limit dropped a long paste whole, leaving an empty box). In
Chromium at 390 x 844 (and 1280 x 900 where the desktop must not change), with and without larger
text; the page tests (AppTest) at the end need no browser."""

import pytest
from playwright.sync_api import Page, expect

from backpain_aid.medicines import MAX_LENGTHS
from tests.screens import DESKTOP, PHONE, SIZE_IDS, SIZES, close, in_view, larger_text, new_page, open_at
from tests_support.apptest import assert_no_exception, run_page
from tests_support.browser import arrived_at, menu, menu_link, open_page, wait_until_idle
from ui import state
from ui.pages import COMPARE, EXPLORE, HOME, MEDICINES

FIELDS = ("name", "dose", "how_often")
ROOT_FONT = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"


def menu_is_open(page: Page) -> bool:
    box = page.get_by_test_id("stSidebar").bounding_box()
    return bool(box) and box["x"] + box["width"] > 10


def top_switch(page: Page):
    return page.locator(".st-key-widget_larger_text_top")


@pytest.mark.browser
@pytest.mark.parametrize("larger", [False, True], ids=["390", "390-larger"])
def test_the_menu_closes_after_choosing_a_page_on_a_phone(browser, app_url, text, larger):
    page = open_at(browser, f"{app_url}/{HOME.url_path}", PHONE, larger)
    assert not menu_is_open(page)
    for spec in (EXPLORE, COMPARE):
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(menu(page, text)).to_be_in_viewport()
        menu_link(page, text, spec).click()
        arrived_at(page, spec)
        sidebar = expect(page.get_by_test_id("stSidebar"), f"the menu stayed open over {spec.url_path}")
        sidebar.to_have_attribute("data-collapsed", "true")
        sidebar.not_to_be_in_viewport()  # it has slid out of sight
        assert not menu_is_open(page), f"the menu stayed open over {spec.url_path}"
        expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    close(page)


@pytest.mark.browser
def test_the_menu_stays_open_on_a_wide_screen(browser, app_url, text):
    page = new_page(browser, DESKTOP)
    open_page(page, f"{app_url}/{HOME.url_path}")
    menu_link(page, text, EXPLORE).click()
    arrived_at(page, EXPLORE)
    assert menu_is_open(page)
    close(page)


@pytest.mark.browser
@pytest.mark.parametrize(("size", "larger"), SIZES, ids=SIZE_IDS)
def test_the_larger_text_switch_is_reachable_without_the_menu(browser, app_url, text, size, larger):
    page = open_at(
        browser, f"{app_url}/{EXPLORE.url_path}", size, larger
    )  # larger_text: the switch seen first
    on_phone = size is PHONE
    if on_phone:
        assert in_view(page, top_switch(page)), "the switch is not at the top of the page"
        assert not menu_is_open(page)
    else:
        expect(top_switch(page)).to_be_hidden()  # the menu is open, with its own switch
    before = page.evaluate(ROOT_FONT)
    larger_text(page)  # flip it once more
    after = page.evaluate(ROOT_FONT)
    assert (after < before) if larger else (after >= before * 1.2)
    # Both switches say the same, wherever it was flipped.
    checked = page.locator("[data-testid='stToggle'] input, .stToggle input, input[role='switch']")
    states = {box.is_checked() for box in checked.all()}
    assert states == {not larger}, states
    close(page)


@pytest.mark.browser
@pytest.mark.parametrize(("size", "larger"), SIZES, ids=SIZE_IDS)
def test_a_long_paste_into_a_medicine_box_keeps_the_first_part_and_says_so(
    browser, app_url, text, size, larger
):
    page = open_at(browser, f"{app_url}/{MEDICINES.url_path}", size, larger)
    pasted = {field: (field.upper() + " ") * 40 for field in FIELDS}  # well over each limit
    for field in FIELDS:
        box = page.get_by_role("textbox", name=text(f"medicines_guide.ui.{field}"))
        box.click()
        page.keyboard.insert_text(pasted[field])  # one input event, as a paste gives
        expect(box).to_have_value(pasted[field])  # never an empty box
    page.get_by_role("button", name=text("medicines_guide.ui.add")).click()
    wait_until_idle(page)
    for field in FIELDS:
        said = text(
            "medicines_guide.ui.cut",
            field=text(f"medicines_guide.ui.cut_names.{field}"),
            limit=MAX_LENGTHS[field],
        )
        expect(page.get_by_text(said)).to_be_visible()
    expect(page.get_by_text(text("medicines_guide.ui.empty_list"))).to_have_count(0)  # it was added
    close(page)


# --- The same pages without a browser (AppTest) -----------------------------------------------


def add_medicine(app, **typed: str):
    for field, value in typed.items():
        app.text_input(key=f"widget.medicine.{field}").input(value)
    app.button[0].click().run()  # the form's "Add" button
    assert_no_exception(app)
    return app


def test_every_medicine_field_is_cut_to_its_limit_and_the_page_says_so(text):
    app = run_page(MEDICINES.path)
    typed = {field: "x" * 500 for field in FIELDS}
    add_medicine(app, **typed)
    (medicine,) = app.session_state[state.MEDICINES]
    for field in FIELDS:
        assert getattr(medicine, field) == "x" * MAX_LENGTHS[field]
    warnings = [warning.value for warning in app.warning]
    for field in FIELDS:
        label = text(f"medicines_guide.ui.cut_names.{field}")
        assert text("medicines_guide.ui.cut", field=label, limit=MAX_LENGTHS[field]) in warnings


def test_the_medicine_form_states_its_limits_and_has_no_hidden_one(text):
    app = run_page(MEDICINES.path)
    assert MAX_LENGTHS["dose"] == MAX_LENGTHS["how_often"]  # the sentence gives one limit for both
    assert text("medicines_guide.ui.limits", **MAX_LENGTHS) in [block.value for block in app.markdown]
    for field in FIELDS:
        box = app.text_input(key=f"widget.medicine.{field}")
        assert box.max_chars in (None, 0)  # Streamlit's own limit drops a longer paste whole


def test_a_medicine_within_the_limits_is_kept_as_typed_without_a_note():
    app = add_medicine(run_page(MEDICINES.path), name="Ibuprofen", dose="200 mg", how_often="3 times a day")
    (medicine,) = app.session_state[state.MEDICINES]
    assert (medicine.name, medicine.dose, medicine.how_often) == ("Ibuprofen", "200 mg", "3 times a day")
    assert not app.warning[1:]  # only the warning line every page shows
