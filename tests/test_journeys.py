"""Whole journeys in a real browser, one session each, moving through the menu as a person would.

Patient: warning signs -> path -> compare 3 options -> what matters -> summary -> PDF download.
Clinician: a shared link -> the consultation grid -> the note for the record, downloaded.
Each step checks what must be on screen and that nothing broke (no exception box, no
"undefined", no empty chart).
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import assert_healthy, go_to, open_page, summary_pdf_text, wait_until_idle, write_notes
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
        picker.get_by_role("combobox").click()
        page.get_by_role("option", name=name, exact=True).click()
        wait_until_idle(page)
    page.keyboard.press("Escape")


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
    for name in names:
        expect(page.get_by_text(name, exact=True).first).to_be_visible()
    assert_charts_drawn(page)
    assert_healthy(page)
    assert f"options={','.join(THREE_OPTIONS)}" in page.url.replace("%2C", ",")

    go_to(page, text, VALUES)
    page.get_by_role("button", name=text("values.fit.confirm")).click()
    wait_until_idle(page)
    expect(page.get_by_text(text("values.fit.chart_title"))).to_be_visible()
    assert_charts_drawn(page)
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
