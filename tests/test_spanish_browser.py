"""The aid in Spanish in a real browser (tests/test_spanish_pages.py checks the rest without one):
- the patient journey once, from a link to the start page with ?lang=es to the PDF download:
  every page in Spanish, the document marked lang="es" for screen readers, the language kept in
  the address from page to page, and a PDF whose /Lang is es; then back to English in the menu;
- the language choice is a labelled group whose names are marked in their own language;
- axe-core on every page in Spanish with no rule switched off and no part of the page left out:
  every page reached through the menu, and the journey's pages with their answers given (the
  warning-signs result, the path, the chosen options, the fit view, the PDF button).
  tests/test_accessibility.py checks every page filled in, at phone size and with larger text, in
  English: the pages are built the same way in both languages, only the words differ.
One session per test, moving through the menu: opening an address afresh costs a new session.
"""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from backpain_aid.content import Content, load_content
from backpain_aid.patient_file import MAX_FILE_BYTES
from tests.test_accessibility import blocking_violations
from tests_support.browser import assert_healthy, go_to, open_page, wait_until_idle, write_notes
from ui.components import LANGUAGE_WIDGETS
from ui.pages import ALL_PAGES, COMPARE, PATH, RED_FLAGS, SUMMARY, VALUES

pytestmark = pytest.mark.browser

QUESTION = "¿Puedo seguir caminando al trabajo mientras espero?"


def in_spanish(page: Page, es_text: Content, title_key: str) -> None:
    """The page is drawn in Spanish, says so to screen readers, and its address keeps the language."""
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1).first).to_have_text(es_text(title_key))
    assert "lang=es" in page.url
    assert_healthy(page)


def squashed(value: str) -> str:
    return re.sub(r"\s+", "", value)


def test_patient_journey_in_spanish_from_the_start_page_to_the_pdf(page, app_url, es_text, es_evidence):
    open_page(page, f"{app_url}/?lang=es")
    in_spanish(page, es_text, "home.title")
    for place in LANGUAGE_WIDGETS:  # on the start page and in the menu
        group = page.locator(f".st-key-aid_language_{place}").get_by_role(
            "radiogroup", name=es_text("common.language.label")
        )
        expect(group.get_by_role("radio", name="Español")).to_be_checked()
        expect(group.get_by_text("English", exact=True)).to_have_attribute("lang", "en")
        expect(group.get_by_text("Español", exact=True)).to_have_attribute("lang", "es")

    go_to(page, es_text, RED_FLAGS)
    in_spanish(page, es_text, "red_flags.ui.title")
    page.get_by_role("button", name=es_text("red_flags.ui.done_button")).click()
    wait_until_idle(page)
    expect(page.get_by_text(es_text("red_flags.ui.none_title"), exact=True)).to_be_visible()
    assert blocking_violations(page) == []

    go_to(page, es_text, PATH)
    in_spanish(page, es_text, "path.title")
    condition = es_evidence.conditions["sciatica"]
    page.get_by_text(condition.short_name, exact=True).first.click()
    wait_until_idle(page)
    assert blocking_violations(page) == []

    go_to(page, es_text, COMPARE)
    in_spanish(page, es_text, "compare.title")
    assert "condition=sciatica" in page.url  # the share link keeps the language with the choice
    grid = page.locator("table.aid-glance")
    for option in es_evidence.options_for("sciatica")[:2]:
        expect(grid.get_by_role("columnheader", name=option.name, exact=True)).to_be_visible()
    assert blocking_violations(page) == []

    go_to(page, es_text, VALUES)
    in_spanish(page, es_text, "values.title")
    page.get_by_role("button", name=es_text("values.fit.confirm")).click()
    wait_until_idle(page)
    expect(page.get_by_text(es_text("values.fit.table_title"))).to_be_visible()
    assert blocking_violations(page) == []

    go_to(page, es_text, SUMMARY)
    in_spanish(page, es_text, "summary.title")
    write_notes(page, es_text, QUESTION)
    page.get_by_role("button", name=es_text("summary.pdf.make")).click()
    button = page.get_by_role("button", name=es_text("summary.pdf.download"))
    button.wait_for(timeout=60_000)
    wait_until_idle(page)
    assert blocking_violations(page) == []
    with page.expect_download() as download:
        button.click()
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    words = squashed(" ".join(p.extract_text() for p in reader.pages))
    for expected in (es_text("summary.pdf_title"), es_text("summary.not_advice"), condition.name, QUESTION):
        assert squashed(expected) in words
    assert_healthy(page)

    page.locator(".st-key-aid_language_menu").get_by_text("English", exact=True).click()
    wait_until_idle(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1).first).to_have_text(load_content()("summary.title"))
    assert "lang=" not in page.url


def test_no_serious_accessibility_problem_on_any_page_in_spanish(page, app_url, es_text):
    """Each page as the menu opens it, in one session (the Compare page with its first choice)."""
    open_page(page, f"{app_url}/?lang=es")
    found = {}
    for spec in ALL_PAGES:
        if spec.url_path:
            go_to(page, es_text, spec)
        expect(page.locator("html")).to_have_attribute("lang", "es")
        assert "lang=es" in page.url
        found[spec.url_path or "start"] = blocking_violations(page)
    assert {name: problems for name, problems in found.items() if problems} == {}


LIMIT_KB = MAX_FILE_BYTES // 1024  # what a saved answers file may weigh


def test_a_file_over_streamlits_own_limit_gets_our_message_in_spanish(page, app_url, es_text):
    """Streamlit refuses a file over 1 MB in the browser, in English; the box says ours instead."""
    open_page(page, f"{app_url}/?lang=es")
    uploader = page.get_by_test_id("stFileUploader").first
    too_big = {"name": "respuestas.json", "mimeType": "application/json", "buffer": b" " * (2 * 1024 * 1024)}
    uploader.locator('input[type="file"]').set_input_files(too_big)
    expect(uploader).to_contain_text(es_text("patient_file.read.refused.too_big", limit=LIMIT_KB))
    expect(uploader).not_to_contain_text("File must be")


def test_streamlits_own_english_words_are_put_in_spanish(page, app_url, es_text, text):
    """The file box's button and size limit and every help button's name, which Streamlit writes in
    English only (ui/aid.js); back in English after switching."""
    open_page(page, f"{app_url}/?lang=es")
    box = page.get_by_test_id("stFileUploaderDropzone")
    expect(box.get_by_role("button", name=es_text("common.framework.upload"))).to_be_visible()
    expect(box).to_contain_text(es_text("common.framework.upload_limit", kilobytes=LIMIT_KB))
    help_label = es_text("common.framework.help_for", label=es_text("common.larger_text.label"))
    expect(page.get_by_role("button", name=help_label, exact=True).first).to_be_attached()
    assert page.locator('button[aria-label^="Help for "]').count() == 0
    page.get_by_test_id("stSidebar").get_by_text(text("common.language.names.en"), exact=True).click()
    wait_until_idle(page)
    expect(box.get_by_role("button", name=text("common.framework.upload"))).to_be_visible()
    expect(box).to_contain_text(text("common.framework.upload_limit", kilobytes=LIMIT_KB))
