"""Serve the real app with `streamlit run` and drive it in Debian's Chromium through Playwright."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from backpain_aid.paths import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served_app(
    log_path: Path, script: str | Path = "app.py", cwd: Path = PROJECT_ROOT, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve a script (the app by default) with the .streamlit/config.toml in cwd (the project's)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, server)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)


def wait_until_healthy(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("streamlit exited before serving")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


def full_page_screenshot(page, path: Path, width: int, max_height: int = 16000) -> None:
    """Streamlit scrolls inside its main block, not the document, so grow the viewport to the
    content's height before taking the picture."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(max(height, 600), max_height)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(path))


def open_page(page, url: str) -> None:
    """Go to a page of the app and wait until Streamlit has drawn it."""
    page.goto(url)
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    wait_until_idle(page)


def wait_until_idle(page, timeout_ms: int = 30_000) -> None:
    """Wait until Streamlit has finished running the page script and drawing its output."""
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=timeout_ms)
    # Output of the previous run stays on the page, marked stale, until the new run replaces it.
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=timeout_ms)
    page.wait_for_timeout(700)  # charts draw after the script ends


def menu(page: Page, text) -> Locator:
    """The app's menu (ui/components.menu), found as a screen reader finds it: a navigation landmark."""
    return page.get_by_role("navigation", name=text("common.nav.menu_label"), exact=True)


def menu_link(page: Page, text, spec) -> Locator:
    return menu(page, text).get_by_role("link", name=text(spec.title_key))


def go_to(page: Page, text, spec) -> None:
    """Move to another page through the menu: loading a URL afresh would start a new session."""
    menu_link(page, text, spec).click()
    arrived_at(page, spec)


def arrived_at(page: Page, spec) -> None:
    """Wait until the browser shows this page and Streamlit has drawn it."""
    page.wait_for_url(re.compile(rf"/{spec.url_path}(\?.*)?$"))  # Compare adds its choice to the URL
    wait_until_idle(page)


def add_medicine(page: Page, text, name: str, dose: str) -> None:
    page.get_by_role("textbox", name=text("medicines_guide.ui.name")).fill(name)
    page.get_by_role("textbox", name=text("medicines_guide.ui.dose")).fill(dose)
    page.get_by_role("button", name=text("medicines_guide.ui.add")).click()
    wait_until_idle(page)


def write_notes(page: Page, text, notes: str) -> None:
    box = page.get_by_role("textbox", name=text("summary.questions.notes_label"))
    box.fill(notes)
    box.press("Control+Enter")  # a text area sends its value on Ctrl+Enter or when it loses focus
    wait_until_idle(page)


def summary_pdf_text(page: Page, text) -> str:
    page.get_by_role("button", name=text("summary.pdf.make")).click()
    button = page.get_by_role("button", name=text("summary.pdf.download"))
    button.wait_for(timeout=60_000)
    with page.expect_download() as download:
        button.click()
    data = Path(download.value.path()).read_bytes()
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def assert_healthy(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    body = page.locator("body").inner_text()
    assert "undefined" not in body
    assert "Traceback" not in body
    assert "Page not found" not in body


def focused_text(page: Page) -> str:
    return page.evaluate("() => document.activeElement?.innerText || document.activeElement?.ariaLabel || ''")


def tab_until(page: Page, wanted: Callable[[], bool], limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if wanted():
            return
    raise AssertionError(f"Tab never reached the element; focus ended on {focused_text(page)!r}")
