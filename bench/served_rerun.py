"""A rerun of the served Compare page with 4 options, as a browser sees it: from a click on a switch
until the server says the run is over and the browser has painted, against the same click on a
served one-switch page. Unlike AppTest, this includes the trip to the browser and drawing there,
and whatever the server does around the run (such as runner.postScriptGC).

Secondary: the larger-text switch changes nothing Compare keeps for its choice, so this run finds
everything kept; compare_new_choice_served (bench/served_new_choice.py) times a changed choice.
Also the helpers the served benchmarks share: no fixed waits, only Streamlit's own signals."""

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Page, WebSocket, expect, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from backpain_aid.content import load_content
from bench.core import Benchmark, Trial
from tests_support.browser import CHROMIUM, CHROMIUM_ARGS, served_app
from ui.pages import COMPARE

FOUR_OPTIONS = "?condition=chronic_low_back_pain&options=exercise,nsaids,opioids,spinal_fusion"
SWITCH_PAGE = "import streamlit as st\nst.title('Hello')\nst.sidebar.toggle('Switch')\n"
NEXT_PAINT = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def is_script_finished(payload: bytes | str) -> bool:
    """The server's own "the run is over" message. The page's DOM cannot tell a fast rerun apart from
    none at all, but this message comes once per run."""
    if isinstance(payload, str):
        return False
    message = ForwardMsg()
    message.ParseFromString(payload)
    return message.WhichOneof("type") == "script_finished"


def redrawn(page: Page, websocket: WebSocket, click: Callable[[], None]) -> float:
    """Seconds from the click to the end of the run it starts, painted."""
    start = time.perf_counter()
    with websocket.expect_event("framereceived", predicate=is_script_finished, timeout=60_000):
        click()
    page.evaluate(NEXT_PAINT)
    return time.perf_counter() - start


def first_run_done(page: Page) -> None:
    """Wait until the page's first script run is over: Streamlit marks its root "notRunning" only
    after a run ("initial" before the first)."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)


def open_served_page(page: Page, url: str) -> WebSocket:
    """Open a page of a served app and wait for its first run; its websocket, for timing reruns."""
    with page.expect_websocket() as opened:
        page.goto(url)
    first_run_done(page)
    page.evaluate(NEXT_PAINT)
    return opened.value


def click_and_wait_for_redraw(page: Page, websocket: WebSocket, switch_label: str) -> Trial:
    switch = page.get_by_test_id("stSidebar").get_by_text(switch_label, exact=True)
    return lambda: redrawn(page, websocket, switch.click)


@contextmanager
def trials() -> Iterator[tuple[Trial, Trial]]:
    switch_label = load_content()("common.larger_text.label")
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        script = folder / "switch.py"
        script.write_text(SWITCH_PAGE)
        app_url = stack.enter_context(served_app(folder / "app.log"))
        switch_url = stack.enter_context(served_app(folder / "switch.log", script))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        pages = []
        compare_url = f"{app_url}/{COMPARE.url_path}{FOUR_OPTIONS}"
        for url, label in ((compare_url, switch_label), (switch_url, "Switch")):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            pages.append(click_and_wait_for_redraw(page, open_served_page(page, url), label))
        yield pages[0], pages[1]


BENCHMARK = Benchmark(
    name="compare_rerun_served",
    subject="served Compare with 4 options: click to redrawn page (Chromium)",
    baseline="served one-switch page, same",
    trials=trials,
    repeats=15,
    warmups=2,
)
