"""Every benchmark, in the order `python -m bench` runs them.

To add one: write a module in bench/ with a `Benchmark` (see bench/core.py; `trials` is a context
manager that yields the subject and the baseline as zero-argument callables) and list it here.
"""

from bench import cold_start, compare_rerun, pdf_build, served_add_option, served_rerun
from bench.core import Benchmark

BENCHMARKS: list[Benchmark] = [
    compare_rerun.BENCHMARK,
    compare_rerun.BARE,
    compare_rerun.NEW_CHOICE,
    served_rerun.BENCHMARK,
    served_add_option.BENCHMARK,
    cold_start.HEALTH,
    cold_start.FIRST_RENDER,
    pdf_build.BENCHMARK,
]
