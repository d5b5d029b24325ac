"""Privacy in the running app: two people at once never see each other's answers, and nothing a
person enters is written to disk or to the server log (the privacy page promises both)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from backpain_aid.paths import PROJECT_ROOT
from tests_support.browser import add_medicine, go_to, open_page, served_app, summary_pdf_text, write_notes
from ui.pages import ALL_PAGES, MEDICINES, SUMMARY

# What the app needs to run; the copy lets the test see every file the server touches, undisturbed
# by anyone editing the working tree meanwhile.
APP_PARTS = ("app.py", "app_pages", "backpain_aid", "ui", "data", ".streamlit")


def page_url(base: str, url_path: str) -> str:
    return f"{base}/{url_path}"


def journey(page: Page, base: str, text, medicine: str, notes: str) -> str:
    """A person's walk: list a medicine, write notes for the clinician, make the PDF. Its text."""
    open_page(page, page_url(base, MEDICINES.url_path))
    add_medicine(page, text, medicine, "200 mg")
    go_to(page, text, SUMMARY)
    write_notes(page, text, notes)
    return summary_pdf_text(page, text)


def test_two_people_at_once_never_see_each_others_answers(browser, app_url, text):
    people = {
        "alpha": ("Alphamed-4417", "Ask about Alphanote-9051"),
        "bravo": ("Bravomed-2290", "Bravonote-6624"),
    }
    contexts = {name: browser.new_context(viewport={"width": 1280, "height": 900}) for name in people}
    try:
        pages = {name: contexts[name].new_page() for name in people}
        # Step by step in turns, so both sessions are live on the server at once.
        for page in pages.values():
            open_page(page, page_url(app_url, MEDICINES.url_path))
        for name, page in pages.items():
            add_medicine(page, text, people[name][0], "100 mg")
        for page in pages.values():
            go_to(page, text, SUMMARY)
        for name, page in pages.items():
            write_notes(page, text, people[name][1])
        for name, page in pages.items():
            other = next(person for person in people if person != name)
            pdf = summary_pdf_text(page, text)
            notes = page.get_by_role("textbox", name=text("summary.questions.notes_label")).input_value()
            assert notes == people[name][1]
            assert people[name][0] in pdf and people[name][1] in pdf
            for marker in people[other]:
                assert marker not in pdf
                assert marker not in page.content()
    finally:
        for context in contexts.values():
            context.close()


def snapshot(*roots: Path) -> dict[Path, tuple[int, int]]:
    """Every file under the roots, with its size and modification time."""
    found = {}
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file():
                stat = path.stat()
                found[path] = (stat.st_size, stat.st_mtime_ns)
    return found


@contextmanager
def private_server(root: Path) -> Iterator[tuple[str, Path, list[Path]]]:
    """Serve a copy of the app with its own temp and home directories; yield URL, log, watched dirs."""
    project, temp, home = root / "project", root / "tmp", root / "home"
    for part in APP_PARTS:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__", "incoming"))
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / part)
    temp.mkdir()
    home.mkdir()
    # As in the container (Dockerfile): no bytecode files; everything else is the production config.
    env = {**os.environ, "TMPDIR": str(temp), "HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}
    log_path = root / "server.log"
    with served_app(log_path, cwd=project, env=env) as url:
        yield url, log_path, [project, temp, home]


def test_nothing_a_person_enters_is_written_to_disk_or_the_log(browser, text, tmp_path):
    medicine, notes = "Secretmed-5581", "My private worry Secretnote-7303"
    with private_server(tmp_path) as (url, log_path, watched):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            open_page(page, url)  # the first visit loads and caches everything once
            before = snapshot(*watched)
            pdf = journey(page, url, text, medicine, notes)
            assert medicine in pdf and notes in pdf  # the answers did reach the server
            after = snapshot(*watched)
        finally:
            context.close()
        log = log_path.read_text(encoding="utf-8", errors="replace")
    changed = sorted(
        str(path) for path in set(before) ^ set(after) | {p for p in before if before[p] != after.get(p)}
    )
    assert changed == []
    for marker in (medicine, "Secretnote-7303"):
        assert marker not in log


@pytest.mark.parametrize("url_path", ["privacy"])
def test_privacy_page_says_what_is_kept(page, app_url, text, url_path):
    open_page(page, page_url(app_url, url_path))
    expect(page.get_by_role("heading", name=text("privacy.title"))).to_be_visible()
    expect(page.get_by_text(text("privacy.intro"))).to_be_visible()


def test_the_browser_asks_nothing_of_any_server_but_the_apps_own(page, app_url):
    """No font, icon or script from elsewhere: a person's browser tells no third party that they
    use the aid, and the aid works without the internet (the tab's icon is the app's own file)."""
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: None
        if request.url.startswith((app_url, "data:", "blob:"))
        else elsewhere.append(request.url),
    )
    for spec in ALL_PAGES:
        open_page(page, page_url(app_url, spec.url_path))
    assert elsewhere == []
