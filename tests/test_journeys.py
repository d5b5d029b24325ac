"""Whole journeys in a real browser, one session each, moving through the menu as a person would.

Patient: warning signs -> path -> compare 3 options -> what matters -> summary -> PDF download.
Clinician: a shared link -> the consultation grid -> the note for the record, downloaded.
Keyboard: the patient journey again with Tab, Enter, Space, arrows and typing only.
Each step checks what must be on screen and that nothing broke (no exception box, no
"undefined", no empty chart).
"""

import contextlib
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from pypdf import PdfReader

from tests_support.browser import (
    arrived_at,
    assert_healthy,
    focused_text,
    go_to,
    menu,
    open_page,
    summary_pdf_text,
    tab_until,
    wait_until_idle,
    write_notes,
)
from ui.pages import CLINICIAN, COMPARE, PATH, RED_FLAGS, SUMMARY, VALUES

pytestmark = pytest.mark.browser

CONDITION = "sciatica"
THREE_OPTIONS = ("no_treatment", "gabapentinoids", "discectomy")
QUESTION = "Can I keep cycling to work while I wait?"


def squashed(value: str) -> str:
    """PDF text breaks lines inside table cells: compare without any white space."""
    return re.sub(r"\s+", "", value)


def assert_charts_drawn(page: Page) -> None:
    charts = page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg")
    expect(charts.first).to_be_visible()
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box and box["width"] > 50 and box["height"] > 50, "a chart was drawn empty"


def choose_options(page: Page, text, names: list[str]) -> None:
    """Make the Compare multiselect hold exactly these options, as a person would with the mouse."""
    picker = page.get_by_test_id("stMultiSelect").filter(has_text=text("compare.options_label"))
    for chip in picker.get_by_role("button", name=re.compile("^Remove ")).all()[::-1]:
        chip.click()
        wait_until_idle(page)
    for name in names:
        add_option(page, picker, name)
    page.keyboard.press("Escape")
    wait_until_idle(page)


def add_option(page: Page, picker, name: str, tries: int = 3) -> None:
    """Pick one option from the open list and wait for its chip. On a machine at full load, a
    click can land while the list is being drawn again and be lost (seen once in CI, 2026-12-01);
    a person would click again, and so does this, at most `tries` times. The name is typed into
    the box first, as a person looking for it in a long list would, so the list shows it at the top
    (three clean-clone runs under full load never found an option further down the list)."""
    for attempt in range(1, tries + 1):
        last = attempt == tries
        picker.get_by_role("combobox").fill(name)
        try:
            page.get_by_role("option", name=name, exact=True).click(timeout=30_000 if last else 10_000)
            wait_until_idle(page)
            expect(picker).to_contain_text(name, timeout=30_000 if last else 10_000)
            return
        except (AssertionError, PlaywrightTimeoutError):
            if last:
                raise
            page.keyboard.press("Escape")
            wait_until_idle(page)


def test_patient_journey_from_warning_signs_to_the_pdf(page, app_url, evidence, text):
    names = [evidence.options[option_id].name for option_id in THREE_OPTIONS]
    open_page(page, app_url)

    go_to(page, text, RED_FLAGS)
    page.get_by_role("button", name=text("red_flags.ui.done_button")).click()
    wait_until_idle(page)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)  # no sign ticked, no alarm
    assert_healthy(page)

    go_to(page, text, PATH)
    page.get_by_text(evidence.conditions[CONDITION].short_name, exact=True).first.click()
    wait_until_idle(page)
    assert_healthy(page)

    go_to(page, text, COMPARE)
    choose_options(page, text, names)
    grid = page.locator("table.aid-glance")
    for name in names:
        expect(grid.get_by_role("columnheader", name=name, exact=True)).to_be_visible(timeout=30_000)
    page.get_by_test_id("stExpander").filter(has_text=text("compare.chart_section")).locator(
        "summary"
    ).click()
    wait_until_idle(page)
    assert_charts_drawn(page)
    assert_healthy(page)
    assert f"options={','.join(THREE_OPTIONS)}" in page.url.replace("%2C", ",")

    go_to(page, text, VALUES)
    page.get_by_role("button", name=text("values.fit.confirm")).click()
    wait_until_idle(page)
    expect(page.get_by_text(text("values.fit.table_title"))).to_be_visible()
    # Discectomy's harms were not measured: the fit is shown as a table, not put in order.
    expect(page.get_by_text(text("values.fit.no_order"))).to_be_visible()
    assert_healthy(page)

    go_to(page, text, SUMMARY)
    write_notes(page, text, QUESTION)
    pdf = squashed(summary_pdf_text(page, text))
    for name in names:
        assert squashed(name) in pdf
    assert squashed(QUESTION) in pdf
    assert_healthy(page)


def test_clinician_journey_from_a_link_to_the_note(page, app_url, evidence, text, tmp_path):
    names = [evidence.options[option_id].name for option_id in THREE_OPTIONS]
    open_page(page, f"{app_url}/{CLINICIAN.url_path}?condition={CONDITION}&options={','.join(THREE_OPTIONS)}")
    grid = page.locator("table.consult")
    expect(grid).to_be_visible()
    for name in names:
        expect(grid.get_by_text(name, exact=True).first).to_be_visible()
    assert_healthy(page)

    with page.expect_download() as download:
        page.get_by_role("button", name=text("clinician.note.download")).click()
    assert download.value.suggested_filename.endswith(".txt")
    note = Path(download.value.path()).read_text(encoding="utf-8")
    for name in names:
        assert name in note
    assert evidence.meta.version in note


def focus_on(page: Page, label: str) -> bool:
    """The focused control is the one with this label (an icon's name may come before it)."""
    return focused_text(page).strip().split("\n")[-1].strip() == label


def keyboard_to_page(page: Page, text, spec) -> None:
    """Tab to the page's link in the menu and press Enter."""
    nav = menu(page, text)
    label = text(spec.title_key)
    tab_until(
        page,
        lambda: nav.evaluate("nav => nav.contains(document.activeElement)") and focus_on(page, label),
        limit=120,
    )
    page.keyboard.press("Enter")
    arrived_at(page, spec)


def keyboard_press_button(page: Page, label: str) -> None:
    tab_until(page, lambda: focus_on(page, label), limit=200)
    page.keyboard.press("Enter")
    wait_until_idle(page)


def test_patient_journey_by_keyboard_alone(page, app_url, evidence, text):
    open_page(page, app_url)
    keyboard_to_page(page, text, RED_FLAGS)
    keyboard_press_button(page, text("red_flags.ui.done_button"))
    expect(page.get_by_text(text("red_flags.ui.none_title"))).to_be_visible()

    keyboard_to_page(page, text, COMPARE)
    picker = page.get_by_role("radiogroup", name=text("explore.condition_label"))
    tab_until(page, lambda: picker.evaluate("group => group.contains(document.activeElement)"))
    page.keyboard.press("ArrowRight")  # the second kind of back pain
    wait_until_idle(page)
    condition = list(evidence.conditions.values())[1]
    expect(picker.get_by_role("radio", name=condition.short_name)).to_be_checked()

    added = evidence.options_for(condition.id)[-1].name
    options = page.get_by_test_id("stMultiSelect").filter(has_text=text("compare.options_label"))
    in_search_box = "box => box.contains(document.activeElement) && document.activeElement.tagName == 'INPUT'"
    tab_until(page, lambda: options.evaluate(in_search_box))
    page.keyboard.type(added)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_until_idle(page)
    expect(options.get_by_text(added, exact=True)).to_be_visible()
    assert_healthy(page)

    keyboard_to_page(page, text, VALUES)
    keyboard_press_button(page, text("values.fit.confirm"))
    expect(page.get_by_text(text("values.fit.table_title"))).to_be_visible()

    keyboard_to_page(page, text, SUMMARY)
    notes = page.get_by_role("textbox", name=text("summary.questions.notes_label"))
    tab_until(page, lambda: notes.evaluate("box => box === document.activeElement"), limit=200)
    page.keyboard.type(QUESTION)
    page.keyboard.press("Control+Enter")
    wait_until_idle(page)
    keyboard_press_button(page, text("summary.pdf.make"))
    download_button = page.get_by_role("button", name=text("summary.pdf.download"))
    download_button.wait_for(timeout=60_000)
    expect(download_button).to_be_focused()  # the focus moves to it once the PDF is made
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    pdf = squashed(
        "\n".join(
            p.extract_text() for p in PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages
        )
    )
    assert squashed(added) in pdf and squashed(QUESTION) in pdf
    assert_healthy(page)


def test_the_path_answer_and_the_condition_picker_below_it_agree(page, app_url, evidence, text):
    """Answers that point to sciatica set the "pick it yourself" choice to sciatica too: the page
    never shows two answers about the person's back pain."""
    open_page(page, app_url)
    go_to(page, text, PATH)
    answers = {"pain_location": "leg_more_than_back", "below_knee": "yes", "duration": "over_3_months"}
    answers["axspa_diagnosed"] = "no"
    for question in text.entries("path.questions"):
        label = next(str(o["label"]) for o in question["options"] if o["id"] == answers[str(question["id"])])
        page.get_by_role("radiogroup", name=str(question["text"])).get_by_text(label, exact=True).click()
        wait_until_idle(page)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("sciatica")
    picker = page.get_by_role("radiogroup", name=text("path.ui.pick_label"))
    expect(picker.get_by_role("radio", name=evidence.conditions["sciatica"].short_name)).to_be_checked()
    assert_healthy(page)


def test_reloading_asks_first_once_something_is_answered(page, app_url, text):
    """Answers live in the tab's session only: once there is one, the browser asks before a reload
    would lose it; before that, a reload just reloads."""
    asked: list[str] = []

    def stay(dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()  # "stay on the page"

    page.on("dialog", stay)
    open_page(page, app_url)
    go_to(page, text, RED_FLAGS)
    page.reload()
    page.get_by_role("heading", level=1).first.wait_for()
    assert asked == []

    go_to(page, text, RED_FLAGS)
    page.get_by_role("button", name=text("red_flags.ui.done_button")).click()
    wait_until_idle(page)
    # The person chooses to stay, so the reload never finishes: its timeout is the expected end.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.reload(timeout=3_000)
    assert asked == ["beforeunload"]
