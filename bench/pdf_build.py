"""The summary PDF for a filled session, against a bare fpdf2 document holding the same pictures.

Both sides turn the same Altair charts into PNG with vl-convert and place them on A4 pages, so
the ratio is what our layout (sections, tables, shaped text, fonts, footers) adds on top.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from fpdf import FPDF

from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.pdf import chart_png, kept_png, render_pdf
from backpain_aid.summary import Chart, Summary, build_summary
from bench.core import Benchmark, Trial
from tests.test_summary import filled_answers


def pictures(summary: Summary) -> list:
    charts = [block for section in summary.sections for block in section.blocks if isinstance(block, Chart)]
    return [picture for chart in charts for picture in chart.pictures]


def bare_pdf(charts: list) -> bytes:
    pdf = FPDF(format="A4")
    for chart in charts:
        pdf.add_page()
        pdf.image(io.BytesIO(chart_png(chart)), x=10, y=10, w=120)
    return bytes(pdf.output())


@contextmanager
def trials() -> Iterator[tuple[Trial, Trial]]:
    evidence, text = load_evidence(), load_content()
    summary = build_summary(evidence, text, filled_answers(evidence, text), date(2026, 11, 23))
    charts = pictures(summary)
    assert charts, "the filled summary should hold pictures"

    def ours() -> None:
        kept_png.cache_clear()  # every picture drawn afresh, as the baseline draws them
        render_pdf(summary, "A4")

    def bare() -> None:
        bare_pdf(charts)

    yield ours, bare


BENCHMARK = Benchmark(
    name="pdf_build",
    subject="summary PDF, filled session, A4",
    baseline="bare fpdf2 document with the same pictures",
    trials=trials,
    target=1.5,
    repeats=9,
)
