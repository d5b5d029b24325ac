"""The saved-answers file in the served app, driven in Chromium: fill the aid, save the file, close
the browser, open the file in a new one, see the same summary, add a second check; the chart, the
table and the PDF show both visits. The server is a private copy (tests/test_privacy.py): nothing
is written to disk on the way, and its log holds nothing from the file."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.test_privacy import private_server, snapshot
from tests_support.browser import arrived_at, open_page, summary_pdf_text, wait_until_idle, write_notes
from ui.pages import COMPARE, SUMMARY

NOTES = "Ask if I can garden Filenote-6127 <b>not bold</b>"


def menu_to(page: Page, text, spec) -> None:
    """Move to a page by its link in the menu (a new URL would start a new session)."""
    page.get_by_test_id("stSidebar").get_by_role("link", name=text(spec.title_key), exact=True).first.click()
    arrived_at(page, spec)


def answer_radio(page: Page, label: str, choice: str) -> None:
    group = page.get_by_role("radiogroup", name=label)
    group.get_by_text(choice, exact=True).click()


def add_check(page: Page, text, pain: str, activities: str, started: str, still: str | None) -> None:
    """Open the "how am I doing now" section, fill its form as a person would, and send it."""
    page.get_by_test_id("stExpander").get_by_text(text("patient_file.follow_up.title"), exact=True).click()
    wait_until_idle(page)  # the form is drawn once the section is open
    form = page.get_by_test_id("stForm")
    form.scroll_into_view_if_needed()
    answer_radio(
        page, f"{text('patient_file.follow_up.pain')} {text('patient_file.follow_up.pain_help')}", pain
    )
    activities_label = (
        f"{text('patient_file.follow_up.activities')} {text('patient_file.follow_up.activities_help')}"
    )
    answer_radio(page, activities_label, activities)
    form.get_by_test_id("stSelectbox").get_by_role("combobox").click()
    page.get_by_role("option", name=started, exact=True).click()
    if still is not None:
        answer_radio(page, text("patient_file.follow_up.still_on_it"), still)
    for question in text.entries("values.sure.questions"):
        answer_radio(page, str(question["text"]), text("values.sure.yes"))
    form.get_by_role("button", name=text("patient_file.follow_up.add")).click()
    wait_until_idle(page)
    expect(page.get_by_text(text("patient_file.save.follow_up_added"))).to_be_visible()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_saved_file_brings_the_summary_back_in_a_new_browser_and_adds_a_visit(
    browser, text, evidence, tmp_path
):
    today = date.today().isoformat()
    saved_file = tmp_path / "saved-answers.json"  # the person's own device: outside the server's folders
    with private_server(tmp_path / "server") as (url, log_path, watched):
        first = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = first.new_page()
            open_page(page, url)  # the first visit loads and caches everything once
            before = snapshot(*watched)
            menu_to(page, text, COMPARE)  # the first kind of back pain and its first two options
            menu_to(page, text, SUMMARY)
            page.get_by_text(next(iter(text.node("summary.questions.suggested")))["text"], exact=True).click()
            wait_until_idle(page)
            write_notes(page, text, NOTES)
            add_check(page, text, "7", "6", text("patient_file.follow_up.none_started"), None)
            first_pdf = summary_pdf_text(page, text)
            with page.expect_download() as download:
                page.get_by_role("button", name=text("patient_file.save.button")).click()
            assert re.fullmatch(
                r"back-pain-saved-answers-\d{4}-\d{2}-\d{2}\.json", download.value.suggested_filename
            )
            saved_file.write_bytes(Path(download.value.path()).read_bytes())
        finally:
            first.close()  # the tab is closed: those answers are gone

        second = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = second.new_page()
            open_page(page, url)
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(saved_file)
            wait_until_idle(page)
            expect(page.get_by_text(text("patient_file.read.opened", date=today))).to_be_visible()
            page.get_by_role("link", name=text("patient_file.open.go_to_summary")).click()
            arrived_at(page, SUMMARY)
            box = page.get_by_role("textbox", name=text("summary.questions.notes_label"))
            assert box.input_value() == NOTES
            assert summary_pdf_text(page, text) == first_pdf  # the same summary as before

            option = evidence.options_for(next(iter(evidence.conditions)))[1].name
            add_check(page, text, "4", "3", option, text("values.sure.yes"))
            checks = (f"Check 1: {today}", f"Check 2: {today}")
            table = page.locator("table.aid-stack").filter(has_text=checks[0])
            for label in checks:
                expect(table.get_by_text(label)).to_be_visible()
            chart = page.get_by_test_id("stVegaLiteChart").filter(has=page.locator("canvas, svg")).last
            expect(chart).to_be_visible()
            box = chart.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 150
            last_pdf = summary_pdf_text(page, text)
        finally:
            second.close()
        after = snapshot(*watched)
        log = log_path.read_text(encoding="utf-8", errors="replace")

    flat = " ".join(last_pdf.split())
    for expected in (*checks, text("patient_file.follow_up.chart.title"), "7 of 10", "4 of 10", option):
        assert " ".join(expected.split()) in flat
    assert NOTES in last_pdf
    changed = sorted(
        str(p) for p in set(before) ^ set(after) | {p for p in before if before[p] != after.get(p)}
    )
    assert changed == []  # neither the upload nor anything else reached the disk
    saved = saved_file.read_text(encoding="utf-8")
    for marker in ("Filenote-6127", "patient-file-format-version", saved[:60]):
        assert marker not in log
