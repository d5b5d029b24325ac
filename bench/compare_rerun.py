"""A rerun of the Compare page with 4 options chosen, against a rerun of a page that only says hello."""

from collections.abc import Iterator
from contextlib import contextmanager

from streamlit.testing.v1 import AppTest

from bench.core import Benchmark, Trial
from tests.apptest import assert_no_exception, run_page
from ui import state
from ui.pages import COMPARE

CONDITION = "chronic_low_back_pain"
FOUR_OPTIONS = ("exercise", "nsaids", "opioids", "spinal_fusion")
EMPTY_PAGE = "import streamlit as st\nst.title('Hello')\n"


def rerun(app: AppTest) -> Trial:
    def trial() -> None:
        app.run()
        assert_no_exception(app)

    return trial


@contextmanager
def trials() -> Iterator[tuple[Trial, Trial]]:
    compare = run_page(COMPARE.path, **{state.CONDITION: CONDITION, state.COMPARE_OPTIONS: FOUR_OPTIONS})
    assert compare.session_state[state.COMPARE_OPTIONS] == FOUR_OPTIONS
    empty = AppTest.from_string(EMPTY_PAGE, default_timeout=60).run()
    yield rerun(compare), rerun(empty)


BENCHMARK = Benchmark(
    name="compare_rerun",
    subject="rerun of Compare with 4 options (AppTest)",
    baseline="rerun of a one-title page (AppTest)",
    trials=trials,
    target=3.0,
    repeats=25,
)
