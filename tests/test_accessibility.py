"""Accessibility in a real browser, with no axe rule switched off and no part of the page left out:
- axe-core finds no serious or critical problem on any page, empty and with answers given, at a
  desktop (1280 x 900) and a phone (390 wide) size, with "Larger text" on (and off when empty);
- the menu is a navigation landmark with a heading per section, and says which page is open;
- the keyboard alone: a "skip to main content" link comes first, every control is reached by Tab and
  shows where the focus is, and after an action that adds something (the warning-signs result, the
  fit view, the PDF button) the focus moves to it;
- charts have text, and "Larger text" makes every page's text bigger.
Chart text colours, which axe cannot see inside a canvas, are checked in tests/test_chart_contrast.py."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image, ImageChops
from playwright.sync_api import Page, expect

from backpain_aid.answers import suggested_questions
from tests.screens import DESKTOP, PHONE, close, in_view, larger_text, new_page
from tests_support.browser import (
    focused_text,
    menu,
    menu_link,
    open_page,
    served_app,
    tab_until,
    wait_until_idle,
    wait_until_still,
    write_notes,
)
from ui.pages import (
    ALL_PAGES,
    CLINICIAN,
    COMPARE,
    DECIDE,
    EXPLORE,
    HOME,
    IBP_CHECK,
    MEDICINES,
    PATH,
    RED_FLAGS,
    SUMMARY,
    VALUES,
    PageSpec,
    menu_sections,
)
from ui.views.red_flags import RESULT_KEY
from ui.views.summary import PDF_BUTTON_KEY
from ui.views.values import FIT_KEY

pytestmark = pytest.mark.browser

#: Every impact blocks, the moderate and minor ones too (such as a heading level skipped).
BLOCKING_IMPACTS = {"critical", "serious", "moderate", "minor"}
SIZE_NAMES = {"1280": DESKTOP, "390": PHONE}


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


def say_what_matters(page: Page, text) -> None:
    """The questions answered, then the fit view shown."""
    answer_every_radio(page)
    page.get_by_role("button", name=text("values.fit.confirm")).click()
    wait_until_idle(page)
    expect(page.locator(f".st-key-{FIT_KEY}")).to_be_visible()


def fill_the_summary(page: Page, text) -> None:
    """A question ticked, notes typed, and the PDF made (its download button shown)."""
    page.get_by_text(next(iter(suggested_questions(text).values())), exact=True).click()
    wait_until_idle(page)
    write_notes(page, text, "Can I keep cycling? 😣 <script>x</script>")
    page.get_by_role("button", name=text("summary.pdf.make")).click()
    page.get_by_role("button", name=text("summary.pdf.download")).wait_for(timeout=60_000)
    wait_until_idle(page)


# How each page is filled in: a query string and/or answers given on the page.
FILLED_QUERY = {COMPARE: "?condition=axial_spa&options=no_treatment,nsaids,biologics"}
FILL: dict[PageSpec, Callable[[Page, object], None]] = {
    RED_FLAGS: tick_first_warning_sign,
    PATH: lambda page, text: answer_every_radio(page),
    IBP_CHECK: lambda page, text: answer_every_radio(page),
    MEDICINES: add_a_medicine,
    VALUES: say_what_matters,
    DECIDE: lambda page, text: answer_every_radio(page),
    SUMMARY: fill_the_summary,
}


def blocking_violations(page: Page) -> list[str]:
    """axe-core on the whole page with its default rules: no rule off, no region left out."""
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]


PAGE_SIZES = [(spec, size) for spec in ALL_PAGES for size in SIZE_NAMES]


@pytest.mark.parametrize(
    ("spec", "size"), PAGE_SIZES, ids=[f"{spec.url_path or 'start'}-{size}" for spec, size in PAGE_SIZES]
)
def test_no_serious_accessibility_problem_empty_or_filled_with_larger_text(
    browser, app_url, text, spec, size
):
    page = new_page(browser, SIZE_NAMES[size])
    found: dict[str, list[str]] = {}
    open_page(page, f"{app_url}/{spec.url_path}")
    found["empty"] = blocking_violations(page)
    larger_text(page)
    if spec not in FILLED_QUERY and spec not in FILL:  # else the filled page checks larger text
        found["empty, larger text"] = blocking_violations(page)
    if spec in FILLED_QUERY or spec in FILL:
        if spec in FILLED_QUERY:  # a new address is a new session: larger text again
            open_page(page, f"{app_url}/{spec.url_path}{FILLED_QUERY[spec]}")
            larger_text(page)
        if spec in FILL:
            FILL[spec](page, text)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        found["filled, larger text"] = blocking_violations(page)
    close(page)
    assert {state: problems for state, problems in found.items() if problems} == {}


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


# --- The menu ---------------------------------------------------------------------------------


def test_the_menu_is_a_landmark_with_a_heading_per_section_and_marks_the_open_page(page, app_url, text):
    open_page(page, f"{app_url}/{COMPARE.url_path}")
    nav = menu(page, text)
    expect(nav).to_have_count(1)
    sections = menu_sections()
    headings = nav.get_by_role("heading", level=2)
    expect(headings).to_have_text([text(key) for key in sections])
    # Each page's link comes after its own section's heading and before the next one.
    order = nav.evaluate(
        """nav => [...nav.querySelectorAll('h2, a[href]')].map(node => node.tagName === 'H2'
            ? '# ' + node.innerText : node.innerText.split('\\n').pop().trim())"""
    )
    expected = []
    for key, specs in sections.items():
        expected += [f"# {text(key)}".upper(), *(text(spec.title_key) for spec in specs)]
    assert [line.upper() if line.startswith("# ") else line for line in order] == expected
    current = nav.locator("[aria-current='page']")
    expect(current).to_have_count(1)
    expect(current).to_contain_text(text(COMPARE.title_key))

    menu_link(page, text, EXPLORE).click()
    wait_until_idle(page)
    expect(current).to_have_count(1)
    expect(current).to_contain_text(text(EXPLORE.title_key))


def test_a_page_chosen_in_the_menu_by_keyboard_gets_the_focus_on_its_title_and_names_the_tab(
    page, app_url, text
):
    """The menu is drawn again with the new page marked, and the focused link with it: the focus
    goes to the new page's title (not back to the top of the document), and the browser tab says
    which page this is. Choosing the page already open changes nothing, not even the history."""
    open_page(page, f"{app_url}/{COMPARE.url_path}")
    menu_link(page, text, EXPLORE).focus()
    page.keyboard.press("Enter")
    wait_until_idle(page)
    expect(menu(page, text).locator("[aria-current='page']")).to_contain_text(text(EXPLORE.title_key))
    title = page.get_by_test_id("stMain").get_by_role("heading", level=1)
    expect(title).to_be_focused()
    app = text("common.app_title")
    expect(page).to_have_title(text("common.window_title", page=text(EXPLORE.title_key), app=app))
    entries = page.evaluate("() => history.length")
    menu_link(page, text, EXPLORE).click()
    wait_until_idle(page)
    assert page.evaluate("() => history.length") == entries


# --- Keyboard ---------------------------------------------------------------------------------

ACTIVE = "() => document.activeElement"


@pytest.mark.parametrize("size", SIZE_NAMES)
@pytest.mark.parametrize("spec", [HOME, COMPARE], ids=["start", "compare"])
def test_the_first_tab_reaches_a_skip_link_that_moves_the_focus_to_the_page_title(
    browser, app_url, text, spec, size
):
    page = new_page(browser, SIZE_NAMES[size])
    open_page(page, f"{app_url}/{spec.url_path}")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=text("common.nav.skip_to_content"), exact=True)
    expect(skip).to_be_focused()
    assert in_view(page, skip), "the skip link is focused but not on the screen"
    page.keyboard.press("Enter")
    title = page.get_by_test_id("stMain").get_by_role("heading", level=1)
    expect(title).to_be_focused()
    page.keyboard.press("Tab")  # on into the page, not back to the menu
    assert page.get_by_test_id("stMain").evaluate("main => main.contains(document.activeElement)")
    close(page)


# Where the focus mark is looked for: the control's own box, or its label's (a tick box, a switch
# and a round choice hide their real input), or for a hidden input (a slider's) the first box around
# it big enough to see; with a margin for a mark drawn outside the box.
FOCUS_REGION = """el => {
  let box = el.closest('label') || el;
  const tiny = (node) => node.getBoundingClientRect().width < 8 || node.getBoundingClientRect().height < 8;
  while (box.parentElement && tiny(box)) box = box.parentElement;
  const r = box.getBoundingClientRect(), margin = 8;
  const x = Math.max(0, r.left - margin), y = Math.max(0, r.top - margin);
  const right = Math.min(innerWidth, r.right + margin), bottom = Math.min(innerHeight, r.bottom + margin);
  return {x, y, width: right - x, height: bottom - y};
}"""
# What kind of control it is: one of each kind on a page is looked at closely.
KIND = """el => [el.tagName, el.type || '', el.getAttribute('role') || '',
  el.closest('[data-testid]')?.getAttribute('data-testid') || '',
  !!el.closest('[data-testid=stSidebar]')].join(' ')"""
DESCRIBE = """el => (el.tagName + ' ' + (el.getAttribute('aria-label') || el.innerText || '')).slice(0, 80)"""
# Every control a person could use: what Tab must reach. Some controls are one stop of a composite
# widget (the choices of one question, the chosen items of a list, a list's open button, a file
# box's hidden input behind its button): Tab reaches the widget once, then the arrow keys, Backspace
# or its button do the rest. Such a widget counts as reached when any of its parts is.
CONTROLS = """() => [...document.querySelectorAll(
    'a[href], button, input, textarea, select, summary, [tabindex="0"],'
    + '[role=button], [role=link], [role=slider], [role=switch]')]
  .filter(el => !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .filter(el => !el.closest('[aria-hidden=true], [inert]'))
  .map(el => el.closest('[role=radiogroup], [data-testid=stMultiSelect], [data-testid=stSelectbox],'
    + '[data-testid=stSlider], [data-testid=stFileUploader]') || el)"""
CHANGED_PIXELS = 20  # a focus mark changes at least this many pixels clearly (each by over 60 of 255)


def clearly_changed_pixels(before: bytes, after: bytes) -> int:
    first, second = (Image.open(io.BytesIO(shot)).convert("L") for shot in (before, after))
    if first.size != second.size:
        return CHANGED_PIXELS
    difference = ImageChops.difference(first, second).point(lambda value: 255 if value > 60 else 0)
    return sum(1 for value in difference.get_flattened_data() if value)


def focus_mark_seen(page: Page, element) -> str | None:
    """Why the focus on this control cannot be seen, or None when it can."""
    region = element.evaluate(FOCUS_REGION)
    if region["width"] <= 0 or region["height"] <= 0:
        return "focused off the screen"
    wait_until_still(page)  # a focus mark may fade in
    focused = page.screenshot(clip=region)
    element.evaluate("el => el.blur()")
    wait_until_still(page)
    blurred = page.screenshot(clip=region)
    element.evaluate("el => el.focus()")
    return None if clearly_changed_pixels(focused, blurred) >= CHANGED_PIXELS else "no visible focus mark"


def walk_with_tab(page: Page, limit: int = 400) -> tuple[list[str], object]:
    """Tab round the whole page, from wherever the focus is until it comes round again. Returns the
    controls whose focus could not be seen (one of each kind looked at), and a handle on the list
    of controls reached."""
    page.evaluate("() => { window.aidReached = []; }")
    unseen, kinds = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = page.evaluate_handle(ACTIVE)
        if element.evaluate("el => el === document.body"):
            continue  # past the last control: the next Tab starts again at the top
        if element.evaluate("el => el === window.aidReached.at(-1)"):
            continue  # Tab stayed on the same element (one that moves the focus within itself)
        if element.evaluate("el => window.aidReached.includes(el)"):
            break
        element.evaluate("el => window.aidReached.push(el)")
        kind = element.evaluate(KIND)
        if kind in kinds:
            continue
        kinds.add(kind)
        problem = focus_mark_seen(page, element)
        if problem:
            unseen.append(f"{element.evaluate(DESCRIBE)}: {problem}")
    else:
        raise AssertionError("the focus never came round to the start again")
    return unseen, page.evaluate_handle("() => window.aidReached")


#: One page for each kind of control the aid uses (links, ticks, round choices, sliders, text
#: boxes, a multi-select, buttons, downloads, an upload), at both sizes where the menu
#: differs. The other pages hold only those kinds again; walking them all took minutes of the
#: 15-minute CI budget for no new control.
WALKS = [(spec, "1280") for spec in (RED_FLAGS, MEDICINES, VALUES, SUMMARY, CLINICIAN)] + [
    (HOME, "390"),
    (COMPARE, "390"),
]


@pytest.mark.parametrize(
    ("spec", "size"), WALKS, ids=[f"{spec.url_path or 'start'}-{size}" for spec, size in WALKS]
)
def test_tab_reaches_every_control_and_shows_where_the_focus_is(browser, app_url, text, spec, size):
    page = new_page(browser, SIZE_NAMES[size])
    open_page(page, f"{app_url}/{spec.url_path}{FILLED_QUERY.get(spec, '')}")
    if spec in FILL:
        FILL[spec](page, text)
    unseen, reached = walk_with_tab(page)
    missed = page.evaluate(
        f"""reached => ({CONTROLS})()
            .filter(control => !reached.some(el => el === control || control.contains(el)))
            .map({DESCRIBE})""",
        reached,
    )
    close(page)
    assert (missed, unseen) == ([], [])  # reached by Tab, and the focus seen on each


def press_on(page: Page, label: str, key: str = "Enter") -> None:
    """Tab to the control with this label (its last line: an icon's name may come first), press a key."""
    tab_until(page, lambda: focused_text(page).strip().split("\n")[-1].strip() == label, limit=300)
    page.keyboard.press(key)
    wait_until_idle(page)


def focus_is_in(page: Page, key: str) -> bool:
    return page.evaluate(
        "key => { const el = document.activeElement; return !!el.closest('.st-key-' + key)"
        " && el.matches(':focus-visible'); }",
        key,
    )


def test_an_emergency_sign_ticked_by_keyboard_moves_the_focus_to_the_message(page, app_url, text):
    open_page(page, f"{app_url}/{RED_FLAGS.url_path}")
    sign = str(text.node("red_flags.signs")[0]["text"])
    tab_until(page, lambda: page.evaluate("() => document.activeElement.getAttribute('aria-label')") == sign)
    page.keyboard.press("Space")
    wait_until_idle(page)
    page.wait_for_function(f"() => document.activeElement.closest('.st-key-{RESULT_KEY}')", timeout=5_000)
    assert focus_is_in(page, RESULT_KEY)
    expect(page.locator(f".st-key-{RESULT_KEY}").get_by_role("alert")).to_contain_text(
        text("red_flags.ui.emergency_title")
    )
    assert in_view(page, page.locator(f".st-key-{RESULT_KEY}"))


def test_saying_none_of_the_signs_applies_moves_the_focus_to_the_result(page, app_url, text):
    open_page(page, f"{app_url}/{RED_FLAGS.url_path}")
    press_on(page, text("red_flags.ui.done_button"))
    page.wait_for_function(f"() => document.activeElement.closest('.st-key-{RESULT_KEY}')", timeout=5_000)
    assert focus_is_in(page, RESULT_KEY)
    expect(page.locator(f".st-key-{RESULT_KEY}")).to_contain_text(text("red_flags.ui.none_title"))


def test_the_fit_view_takes_the_focus_when_shown_and_tab_goes_on_from_there(page, app_url, text):
    open_page(page, f"{app_url}/{VALUES.url_path}")
    press_on(page, text("values.fit.confirm"))
    page.wait_for_function(f"() => document.activeElement.closest('.st-key-{FIT_KEY}')", timeout=5_000)
    assert focus_is_in(page, FIT_KEY)
    fit_view = page.locator(f".st-key-{FIT_KEY}")
    expect(fit_view).to_contain_text(text("values.fit.table_title"))
    assert fit_view.bounding_box()["y"] < page.viewport_size["height"], "the fit view is not on the screen"
    page.keyboard.press("Tab")  # the next control after the start of the fit view, not the top of the page
    assert fit_view.evaluate(
        "view => view.contains(document.activeElement)"
        " || !!(view.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )


def test_the_pdf_button_takes_the_focus_once_the_pdf_is_made(page, app_url, text):
    open_page(page, f"{app_url}/{SUMMARY.url_path}")
    press_on(page, text("summary.pdf.make"))
    download = page.get_by_role("button", name=text("summary.pdf.download"))
    download.wait_for(timeout=60_000)
    expect(download).to_be_focused(timeout=5_000)
    assert focus_is_in(page, PDF_BUTTON_KEY)
    assert in_view(page, download)
    with page.expect_download() as made:
        page.keyboard.press("Enter")
    assert made.value.suggested_filename.endswith(".pdf")


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


# --- Charts and larger text -------------------------------------------------------------------


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

    menu_link(page, text, COMPARE).click()
    wait_until_idle(page)
    assert sizes()[0] == root_after

