"""Every benchmark, in the order `python -m bench` runs them.

To add one: write a module in bench/ with a `Benchmark` (see bench/core.py; `trials` is a context
manager that yields the subject and the baseline as zero-argument callables) and list it here.
"""

from bench import cold_start, compare_rerun, pdf_build, served_new_choice, served_rerun
from bench.core import Benchmark

#: What a person feels comes first (a new choice, a changed choice in the browser, the first run
#: after a cold start); the cached reruns and the server's health answer follow as secondary rows.
BENCHMARKS: list[Benchmark] = [
    compare_rerun.NEW_CHOICE,
    served_new_choice.BENCHMARK,
    cold_start.FIRST_RUN,
    pdf_build.BENCHMARK,
    compare_rerun.BENCHMARK,
    compare_rerun.BARE,
    served_rerun.BENCHMARK,
    cold_start.HEALTH,
]
