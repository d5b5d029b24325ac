"""Compare redrawn after a third option is added, as a browser sees it: from the click on the option
in the picker until the server says the run is over and the browser has painted, against a click on
the larger-text switch of an empty page of the same app (the same menu, warning line, switch and
footer), served by the same server.

Both pages are served from a folder of links to the project with one more entry in the menu, the
empty page (bench/empty_page.py), as compare_rerun does with AppTest. Set AID_BENCH_ROOT to another
copy of the project (say, an older one) to measure that one instead; it needs the same option
names and larger-text switch.
"""

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Page, WebSocket, sync_playwright

from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.paths import PROJECT_ROOT
from bench.core import Benchmark, Trial
from bench.served_rerun import NEXT_PAINT, is_script_finished
from tests.browser import CHROMIUM, CHROMIUM_ARGS, served_app, wait_until_idle
from ui.pages import COMPARE

CONDITION = "axial_spa"
TWO = ("no_treatment", "nsaids")
THIRD = "biologics"
LINKED = ("app.py", "app_pages", "ui", "backpain_aid", "bench", "data", ".streamlit")
#: The app with the empty page added to its menu (once: Streamlit runs this file on every rerun).
WITH_EMPTY_PAGE = """import runpy

from ui import pages

EMPTY = pages.PageSpec("bench/empty_page.py", pages.PRIVACY.title_key, "bench-empty",
                       pages.PRIVACY.icon, pages.PRIVACY.section_key)
if EMPTY not in pages.ALL_PAGES:
    pages.ALL_PAGES = (*pages.ALL_PAGES, EMPTY)
runpy.run_path("app.py", run_name="__main__")
"""


def app_folder(folder: Path, root: Path) -> Path:
    for name in LINKED:
        (folder / name).symlink_to(root / name)
    script = folder / "app_with_empty_page.py"
    script.write_text(WITH_EMPTY_PAGE, encoding="utf-8")
    return script


def redrawn(page: Page, websocket: WebSocket, click) -> float:
    """Seconds from the click to the end of the run it starts, painted."""
    start = time.perf_counter()
    with websocket.expect_event("framereceived", predicate=is_script_finished, timeout=60_000):
        click()
    page.evaluate(NEXT_PAINT)
    return time.perf_counter() - start


def add_third_option(page: Page, websocket: WebSocket, picker_label: str, name: str) -> Trial:
    picker = page.get_by_test_id("stMultiSelect").filter(has_text=picker_label)

    def trial() -> float:
        picker.get_by_role("combobox").click()
        option = page.get_by_role("option", name=name, exact=True)
        option.wait_for()
        seconds = redrawn(page, websocket, option.click)
        page.keyboard.press("Escape")
        wait_until_idle(page, timeout_ms=60_000)
        # Back to two options for the next turn (not timed).
        redrawn(page, websocket, picker.get_by_role("button", name=f"Remove {name}").click)
        wait_until_idle(page, timeout_ms=60_000)
        return seconds

    return trial


def flip_switch(page: Page, websocket: WebSocket, label: str) -> Trial:
    switch = page.get_by_test_id("stSidebar").get_by_text(label, exact=True)
    return lambda: redrawn(page, websocket, switch.click)


@contextmanager
def trials() -> Iterator[tuple[Trial, Trial]]:
    text, evidence = load_content(), load_evidence()
    root = Path(os.environ.get("AID_BENCH_ROOT", PROJECT_ROOT)).resolve()
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        script = app_folder(folder, root)
        url = stack.enter_context(served_app(folder / "app.log", script, cwd=folder))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        compare_url = f"{url}/{COMPARE.url_path}?condition={CONDITION}&options={','.join(TWO)}"
        sockets = []
        for address in (compare_url, f"{url}/bench-empty"):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            with page.expect_websocket() as opened:
                page.goto(address)
                # The empty page has no title: wait for the frame's warning line instead.
                page.get_by_test_id("stAlert").first.wait_for(timeout=60_000)
                wait_until_idle(page, timeout_ms=60_000)
            sockets.append((page, opened.value))
        (compare, compare_socket), (empty, empty_socket) = sockets
        yield (
            add_third_option(
                compare, compare_socket, text("compare.options_label"), evidence.options[THIRD].name
            ),
            flip_switch(empty, empty_socket, text("common.larger_text.label")),
        )


BENCHMARK = Benchmark(
    name="compare_add_option_served",
    subject="served Compare, a third option added: click to redrawn page (Chromium)",
    baseline="served empty page of the same app, a switch flipped, same",
    trials=trials,
    repeats=11,
    warmups=2,
)
