"""A rerun of the served Compare page with 4 options, as a browser sees it: from a click on a switch
until the server says the run is over and the browser has painted, against the same click on a
served one-switch page. Unlike AppTest, this includes the trip to the browser and drawing there,
and whatever the server does around the run (such as runner.postScriptGC)."""

import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Page, WebSocket, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from backpain_aid.content import load_content
from bench.core import Benchmark, Trial
from tests.browser import CHROMIUM, CHROMIUM_ARGS, open_page, served_app
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


def click_and_wait_for_redraw(page: Page, websocket: WebSocket, switch_label: str) -> Trial:
    def trial() -> float:
        start = time.perf_counter()
        with websocket.expect_event("framereceived", predicate=is_script_finished, timeout=60_000):
            page.get_by_test_id("stSidebar").get_by_text(switch_label, exact=True).click()
        page.evaluate(NEXT_PAINT)
        return time.perf_counter() - start

    return trial


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
            with page.expect_websocket() as opened:
                open_page(page, url)
            pages.append(click_and_wait_for_redraw(page, opened.value, label))
        yield pages[0], pages[1]


BENCHMARK = Benchmark(
    name="compare_rerun_served",
    subject="served Compare with 4 options: click to redrawn page (Chromium)",
    baseline="served one-switch page, same",
    trials=trials,
    repeats=15,
    warmups=2,
)
