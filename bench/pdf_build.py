"""The summary PDF for a filled four-option journey, against the same template with fixture data only.

Both sides do all of `render_pdf`'s work once the summary is built: the summary turned into data for
the template (`print_data`), then Typst (`compile_data`) with the bundled fonts, to a tagged PDF/UA-1.
The baseline's summary is the empty one (every step "not done", no pictures, 2 pages): the fixed
cost of the template, its fonts and the PDF writer. So the ratio is what a filled summary adds: the
options at a glance, every result, the pictures drawn from counts, the sources.

Issue 17 also set an absolute budget: a median of 0.1 s for the subject (`budget_seconds`).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from backpain_aid.answers import Answers
from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.pdf import compile_data, print_data
from backpain_aid.summary import build_summary
from bench.core import Benchmark, Trial
from tests_support.journeys import journey_answers

MADE_ON = date(2026, 11, 23)
WARMUPS = 2


@contextmanager
def trials() -> Iterator[tuple[Trial, Trial]]:
    evidence, text = load_evidence(), load_content()
    filled = build_summary(evidence, text, journey_answers(evidence, text), MADE_ON)
    fixture = build_summary(evidence, text, Answers(), MADE_ON)

    def ours() -> None:
        compile_data(print_data(filled, "A4"))

    def bare() -> None:
        compile_data(print_data(fixture, "A4"))

    yield ours, bare


BENCHMARK = Benchmark(
    name="pdf_build",
    subject="summary PDF, filled four-option journey, A4 (10 pages)",
    baseline="the same template with fixture data only (the empty summary, 2 pages)",
    trials=trials,
    target=6.0,
    budget_seconds=0.1,
    repeats=15,
    warmups=WARMUPS,
)
