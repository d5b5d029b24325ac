"""A rerun of the Compare page with 4 options (AppTest): the grid at a glance and every row's detail
(closed, but sent), against two baselines:

- compare_rerun (the target, <= 3x): an empty page of the same app. Both runs go through the same
  router and frame (menu, warning line, larger-text switch, footer), so the ratio is what the
  Compare page itself costs.
- compare_rerun_bare (reported only): a one-title script outside the app, as in earlier READMEs.
  That ratio also counts the frame every page of the app pays.
- compare_new_choice (reported only): the same Compare run when nothing is kept for the choice
  yet (its grid and details are built again), against the empty app page.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from streamlit.testing.v1 import AppTest

from bench.core import Benchmark, Trial
from tests.apptest import assert_no_exception, run_page
from ui import cache, pages, state
from ui.pages import COMPARE, PRIVACY, PageSpec

CONDITION = "chronic_low_back_pain"
FOUR_OPTIONS = ("exercise", "nsaids", "opioids", "spinal_fusion")
BARE_PAGE = "import streamlit as st\nst.title('Hello')\n"
#: A page of the app with nothing on it, for this benchmark only (its file is bench/empty_page.py).
EMPTY_PAGE = PageSpec(
    "bench/empty_page.py", PRIVACY.title_key, "bench-empty", PRIVACY.icon, PRIVACY.section_key
)


def rerun(app: AppTest, as_if_new: bool = False) -> Trial:
    """as_if_new: forget what Compare keeps for each choice first, so the run draws it all afresh,
    as for a choice nobody has made since the server started."""

    def trial() -> None:
        if as_if_new:
            for kept in (cache.compare_glance, cache.compare_details, cache.compare_chart_spec):
                kept.clear()
        app.run()
        assert_no_exception(app)

    return trial


def compare_page() -> AppTest:
    app = run_page(COMPARE.path, **{state.CONDITION: CONDITION, state.COMPARE_OPTIONS: FOUR_OPTIONS})
    assert app.session_state[state.COMPARE_OPTIONS] == FOUR_OPTIONS
    return app


@contextmanager
def against_empty_app_page(as_if_new: bool = False) -> Iterator[tuple[Trial, Trial]]:
    # Both apps get the extra menu entry, so their frames stay the same.
    with mock.patch.object(pages, "ALL_PAGES", (*pages.ALL_PAGES, EMPTY_PAGE)):
        compare, empty = compare_page(), run_page(EMPTY_PAGE.path)
        yield rerun(compare, as_if_new), rerun(empty)


@contextmanager
def against_bare_script() -> Iterator[tuple[Trial, Trial]]:
    yield rerun(compare_page()), rerun(AppTest.from_string(BARE_PAGE, default_timeout=60).run())


BENCHMARK = Benchmark(
    name="compare_rerun",
    subject="rerun of Compare, 4 options, grid and details (AppTest)",
    baseline="rerun of an empty page of the same app (AppTest)",
    trials=against_empty_app_page,
    target=3.0,
    repeats=25,
)
NEW_CHOICE = Benchmark(
    name="compare_new_choice",
    subject="Compare, 4 options, nothing kept from before (AppTest)",
    baseline="rerun of an empty page of the same app (AppTest)",
    trials=lambda: against_empty_app_page(as_if_new=True),
    repeats=9,
)
BARE = Benchmark(
    name="compare_rerun_bare",
    subject="rerun of Compare, 4 options, grid and details (AppTest)",
    baseline="rerun of a one-title script outside the app (AppTest)",
    trials=against_bare_script,
    repeats=25,
)
