"""Cold start of the served app (`streamlit run app.py`) against Streamlit's own hello app, served
the same way with the same config. Each trial starts a fresh server; its shutdown is not timed.

- cold_start_first_run (the one a person feels): from launch until a fresh browser tab has the
  page's first script run done and painted (for the app: loading and checking all the evidence).
- cold_start_health (secondary): from launch until /_stcore/health answers and the start page's
  static HTML has been fetched, before any script runs."""

import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit.hello
from playwright.sync_api import Page, sync_playwright

from bench.core import Benchmark, Trial
from bench.served_rerun import NEXT_PAINT, first_run_done
from tests_support.browser import CHROMIUM, CHROMIUM_ARGS, served_app

HELLO_APP = Path(streamlit.hello.__file__).with_name("streamlit_app.py")
APP = "app.py"


def health_and_first_fetch(script: str | Path, log_dir: Path) -> Trial:
    """Seconds from launch until /_stcore/health answers 200 and the start page has been fetched."""

    def trial() -> float:
        start = time.perf_counter()
        with served_app(log_dir / "streamlit.log", script) as url:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
            return time.perf_counter() - start

    return trial


@contextmanager
def health_trials() -> Iterator[tuple[Trial, Trial]]:
    with tempfile.TemporaryDirectory() as log_dir:
        yield health_and_first_fetch(APP, Path(log_dir)), health_and_first_fetch(HELLO_APP, Path(log_dir))


def first_run(script: str | Path, log_dir: Path, new_page: Callable[[], Page]) -> Trial:
    """Seconds from launch until a fresh browser tab has the first run of the page script done and
    painted: Streamlit marks the run as over when the server says so, not when a heading shows."""

    def trial() -> float:
        start = time.perf_counter()
        with served_app(log_dir / "streamlit.log", script) as url:
            page = new_page()
            try:
                page.goto(url)
                first_run_done(page)
                page.evaluate(NEXT_PAINT)
                return time.perf_counter() - start
            finally:
                page.context.close()

    return trial


@contextmanager
def first_run_trials() -> Iterator[tuple[Trial, Trial]]:
    with tempfile.TemporaryDirectory() as log_dir, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:

            def new_page() -> Page:
                return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

            yield first_run(APP, Path(log_dir), new_page), first_run(HELLO_APP, Path(log_dir), new_page)
        finally:
            browser.close()


HEALTH = Benchmark(
    name="cold_start_health",
    subject="app.py served: launch to /_stcore/health 200 + start page's HTML fetched",
    baseline="Streamlit hello app, same",
    trials=health_trials,
    repeats=5,
    warmups=1,
)
FIRST_RUN = Benchmark(
    name="cold_start_first_run",
    subject="app.py served: launch to the start page's first script run done, painted in Chromium",
    baseline="Streamlit hello app, same",
    trials=first_run_trials,
    repeats=5,
    warmups=1,
)
