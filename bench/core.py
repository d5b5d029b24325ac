"""Run a benchmark: time the subject and its baseline in turns, take the median of each, divide."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass

#: One timed call. It returns its own measured seconds when only part of it counts (e.g. not the
#: shutdown of a server it started), or None to be timed as a whole.
Trial = Callable[[], float | None]


@dataclass(frozen=True)
class Benchmark:
    name: str
    subject: str  # what is timed, in words
    baseline: str  # what it is divided by, in words
    #: Sets up whatever both need, yields (subject trial, baseline trial), and cleans up after.
    trials: Callable[[], AbstractContextManager[tuple[Trial, Trial]]]
    target: float | None = None  # the ratio it should stay at or under; None: reported only
    #: An absolute budget an issue set for the subject's median, in seconds, judged beside the ratio.
    budget_seconds: float | None = None
    repeats: int = 15
    warmups: int = 2


@dataclass(frozen=True)
class Result:
    benchmark: Benchmark
    subject_seconds: float
    baseline_seconds: float

    @property
    def ratio(self) -> float:
        return self.subject_seconds / self.baseline_seconds

    @property
    def passed(self) -> bool | None:
        """Whether the ratio and the budget are both met; None if it has neither (reported only)."""
        target, budget = self.benchmark.target, self.benchmark.budget_seconds
        checks = [
            *([] if target is None else [self.ratio <= target]),
            *([] if budget is None else [self.subject_seconds <= budget]),
        ]
        return all(checks) if checks else None


def timed(trial: Trial) -> float:
    start = time.perf_counter()
    own = trial()
    return own if own is not None else time.perf_counter() - start


def run(benchmark: Benchmark, repeats: int | None = None) -> Result:
    """Subject and baseline alternate, so a busy moment on the machine hits both alike."""
    subject_times: list[float] = []
    baseline_times: list[float] = []
    with benchmark.trials() as (subject, baseline):
        for _ in range(benchmark.warmups):
            timed(baseline)
            timed(subject)
        for _ in range(repeats or benchmark.repeats):
            baseline_times.append(timed(baseline))
            subject_times.append(timed(subject))
    return Result(benchmark, statistics.median(subject_times), statistics.median(baseline_times))


def targets(benchmark: Benchmark) -> str:
    said = []
    if benchmark.target is not None:
        said.append(f"<= {benchmark.target:g}x")
    if benchmark.budget_seconds is not None:
        said.append(f"<= {benchmark.budget_seconds:g} s")
    return ", ".join(said) or "-"


def table(results: list[Result]) -> Iterator[str]:
    header = ("benchmark", "subject (median s)", "baseline (median s)", "ratio", "target", "")
    rows = [
        (
            r.benchmark.name,
            f"{r.subject_seconds:.3f}",
            f"{r.baseline_seconds:.3f}",
            f"{r.ratio:.2f}x",
            targets(r.benchmark),
            {True: "ok", False: "SLOW", None: ""}[r.passed],
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        yield "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
