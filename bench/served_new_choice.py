"""Compare redrawn after the person changes the options, as a browser sees it: from the click that
adds an option in the picker until the server says the run is over and the browser has painted.
Every timed click makes a set of options no session has chosen since the server started (the two
options the page opened with, and each time another third one), so nothing is kept for it yet:
this is what a person feels when they change their choice. Against a click on the larger-text
switch of an empty page of the same app (the same menu, warning line, switch and footer), served by
the same server.

Both pages are served from a folder of links to the project with one more entry in the menu, the
empty page (bench/empty_page.py), as compare_rerun does with AppTest. Set AID_BENCH_ROOT to another
copy of the project (say, an older one) to measure that one instead; it needs the same option
names and larger-text switch.

No fixed waits: each run's end is the server's own "script finished" message on the page's
websocket, and each page is ready when Streamlit marks its first run as done.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, WebSocket, sync_playwright

from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.paths import PROJECT_ROOT
from bench.core import Benchmark, Trial
from bench.served_rerun import open_served_page, redrawn
from tests_support.browser import CHROMIUM, CHROMIUM_ARGS, served_app
from ui.pages import COMPARE

CONDITION = "chronic_low_back_pain"
TWO = ("no_treatment", "exercise")
LINKED = ("app.py", "app_pages", "ui", "backpain_aid", "bench", "data", ".streamlit")
#: The app with the empty page added to its menu (once: Streamlit runs this file on every rerun).
WITH_EMPTY_PAGE = """import runpy

from ui import pages

EMPTY = pages.PageSpec("bench/empty_page.py", pages.PRIVACY.name, "bench-empty",
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


def add_a_new_third_option(
    page: Page, websocket: WebSocket, picker_label: str, names: Iterator[str]
) -> Trial:
    """Each turn adds the next option not yet added (timed), then takes it out again (not timed:
    the two options left are a choice the server has kept)."""
    picker = page.get_by_test_id("stMultiSelect").filter(has_text=picker_label)

    def trial() -> float:
        name = next(names, None)
        if name is None:
            raise RuntimeError(f"every option for {CONDITION} has been added once: ask for fewer --repeats")
        # Typed to find it, as a person would in a long list: the list only draws what is in view.
        picker.get_by_role("combobox").fill(name)
        seconds = redrawn(page, websocket, page.get_by_role("option", name=name, exact=True).click)
        page.keyboard.press("Escape")
        redrawn(page, websocket, picker.get_by_role("button", name=f"Remove {name}").click)
        return seconds

    return trial


def flip_switch(page: Page, websocket: WebSocket, label: str) -> Trial:
    switch = page.get_by_test_id("stSidebar").get_by_text(label, exact=True)
    return lambda: redrawn(page, websocket, switch.click)


def in_new_tab(browser: Browser, url: str) -> tuple[Page, WebSocket]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    return page, open_served_page(page, url)


@contextmanager
def trials() -> Iterator[tuple[Trial, Trial]]:
    text, evidence = load_content(), load_evidence()
    thirds = [option.name for option in evidence.options_for(CONDITION) if option.id not in TWO]
    root = Path(os.environ.get("AID_BENCH_ROOT", PROJECT_ROOT)).resolve()
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        script = app_folder(folder, root)
        url = stack.enter_context(served_app(folder / "app.log", script, cwd=folder))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        compare, compare_socket = in_new_tab(
            browser, f"{url}/{COMPARE.url_path}?condition={CONDITION}&options={','.join(TWO)}"
        )
        empty, empty_socket = in_new_tab(browser, f"{url}/bench-empty")
        label = text("compare.options_label")
        yield (
            add_a_new_third_option(compare, compare_socket, label, iter(thirds)),
            flip_switch(empty, empty_socket, text("common.larger_text.label")),
        )


BENCHMARK = Benchmark(
    name="compare_new_choice_served",
    subject="served Compare, an option added: a choice unseen since start-up, click to redrawn page",
    baseline="served empty page of the same app, a switch flipped, same",
    trials=trials,
    budget_seconds=0.59,  # issue 16: no slower than that to a redrawn page
    repeats=13,
    warmups=2,
)

