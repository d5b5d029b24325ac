"""The Compare page with 4 options (AppTest): the grid at a glance and every row's detail (closed,
but sent), against an empty page of the same app. Both runs go through the same router and frame
(menu, warning line, larger-text switch, footer), so the ratio is what the Compare page itself costs.

- compare_new_choice (the headline, <= 5x): each run shows 4 options no session has chosen since
  the process started, as a person does who changes the choice: nothing is kept for it yet.
- compare_rerun (secondary, <= 3x): a rerun of the same choice, which finds its grid, details and
  chart already kept (ui/cache.py); what a second look at the same choice costs.
- compare_rerun_bare (secondary, reported only): the cached rerun against a one-title script outside
  the app, as in earlier READMEs. That ratio also counts the frame every page of the app pays.
"""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from streamlit.testing.v1 import AppTest

from backpain_aid.evidence import Evidence
from bench.core import Benchmark, Trial
from tests_support.apptest import assert_no_exception, run_page
from ui import cache, pages, state
from ui.option_choice import options_widget_key
from ui.pages import COMPARE, PRIVACY, PageSpec

CONDITION = "chronic_low_back_pain"
FOUR_OPTIONS = ("exercise", "nsaids", "opioids", "spinal_fusion")
BARE_PAGE = "import streamlit as st\nst.title('Hello')\n"
#: A page of the app with nothing on it, for this benchmark only (its file is bench/empty_page.py).
EMPTY_PAGE = PageSpec(
    "bench/empty_page.py", PRIVACY.name, "bench-empty", PRIVACY.icon, PRIVACY.section_key
)


def rerun(app: AppTest) -> Trial:
    def trial() -> None:
        app.run()
        assert_no_exception(app)

    return trial


def unseen_choices(evidence: Evidence) -> Iterator[tuple[str, ...]]:
    """Sets of 4 options for CONDITION in a fixed order, each once: 4,845 of them, more than any run
    asks for. Nothing in this process has drawn them before (FOUR_OPTIONS comes last, if ever)."""
    options = [option.id for option in evidence.options_for(CONDITION)]
    for chosen in itertools.combinations(options, 4):
        if chosen != FOUR_OPTIONS:
            yield chosen


def new_choice(app: AppTest, choices: Iterator[tuple[str, ...]]) -> Trial:
    """Each run with the next unseen set, chosen in the options list as a person would."""
    picker = options_widget_key(CONDITION)

    def trial() -> None:
        chosen = next(choices)
        app.multiselect(key=picker).set_value(list(chosen))
        app.run()
        assert_no_exception(app)
        assert app.session_state[state.COMPARE_OPTIONS] == chosen

    return trial


def compare_page() -> AppTest:
    app = run_page(COMPARE.path, **{state.CONDITION: CONDITION, state.COMPARE_OPTIONS: FOUR_OPTIONS})
    assert app.session_state[state.COMPARE_OPTIONS] == FOUR_OPTIONS
    return app


@contextmanager
def against_empty_app_page(new_choices: bool = False) -> Iterator[tuple[Trial, Trial]]:
    # Both apps get the extra menu entry, so their frames stay the same.
    with mock.patch.object(pages, "ALL_PAGES", (*pages.ALL_PAGES, EMPTY_PAGE)):
        compare, empty = compare_page(), run_page(EMPTY_PAGE.path)
        subject = new_choice(compare, unseen_choices(cache.evidence())) if new_choices else rerun(compare)
        yield subject, rerun(empty)


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
    subject="Compare, a new set of 4 options each run, none seen since start-up (AppTest)",
    baseline="rerun of an empty page of the same app (AppTest)",
    trials=lambda: against_empty_app_page(new_choices=True),
    target=5.0,
    repeats=9,
)
BARE = Benchmark(
    name="compare_rerun_bare",
    subject="rerun of Compare, 4 options, grid and details (AppTest)",
    baseline="rerun of a one-title script outside the app (AppTest)",
    trials=against_bare_script,
    repeats=25,
)
