"""The summary PDF: built in memory from a filled and an empty session, readable back with pypdf,
every page drawn (pdftoppm) with ink on it, any typed text printed or boxed but never a crash."""

import dataclasses
import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from backpain_aid.charts import icon_array_chart
from backpain_aid.medicines import Medicine
from backpain_aid.pdf import (
    MISSING_GLYPH,
    PAPER_SIZES,
    chart_png,
    kept_png,
    needs_shaping,
    printable,
    render_pdf,
)
from backpain_aid.summary import Answers, Chart, build_summary
from backpain_aid.wording import round_half_up
from tests.apptest import assert_no_exception, run_page
from tests.test_summary import (
    CONDITION,
    HOSTILE_NOTES,
    MADE_ON,
    OPTIONS,
    QUESTION,
    RANKED_WEIGHTS,
    filled_answers,
    filled_session,
)
from ui import state
from ui.pages import SUMMARY

POINTS = {"A4": (595, 842), "Letter": (612, 792)}


def squashed(value: str) -> str:
    """Without any white space: words wrapped across lines or table cells still match."""
    return re.sub(r"\s+", "", value)


FOOTER = re.compile(r"Evidence version \S+ Made on \S+ Page (\d+) of (\d+)\.")


def pdf_text(data: bytes) -> str:
    """All text, without the page footers, which may fall in the middle of a wrapped sentence."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return squashed(" ".join(FOOTER.sub("", page) for page in pages))


def footers(data: bytes) -> list[tuple[str, str]]:
    return [
        found for page in PdfReader(io.BytesIO(data)).pages for found in FOOTER.findall(page.extract_text())
    ]


@pytest.fixture(scope="module")
def filled_pdf(evidence, text) -> bytes:
    return render_pdf(build_summary(evidence, text, filled_answers(evidence, text), MADE_ON), "A4")


@pytest.fixture(scope="module")
def empty_pdf(evidence, text) -> bytes:
    return render_pdf(build_summary(evidence, text, Answers(), MADE_ON), "Letter")


def test_filled_pdf_holds_options_figures_question_sources_and_version(filled_pdf, evidence, text):
    found = pdf_text(filled_pdf)
    for option_id in OPTIONS:
        assert squashed(evidence.options[option_id].name) in found
        for kind in ("benefit", "harm"):
            outcome = evidence.headline(option_id, CONDITION, kind)
            for value in (outcome.option_per_100, outcome.comparator_per_100):
                if value is not None and value >= 0.5:
                    assert squashed(f"{round_half_up(value)} out of 100") in found
        for source in evidence.sources_for(option_id, CONDITION):
            assert squashed(source.title) in found
    assert squashed(QUESTION) in found
    assert squashed(text("summary.not_advice")) in found
    assert evidence.meta.version in found
    assert "2026-11-23" in found
    pages = len(PdfReader(io.BytesIO(filled_pdf)).pages)
    assert footers(filled_pdf) == [(str(page), str(pages)) for page in range(1, pages + 1)]
    assert (
        f"Evidence version {evidence.meta.version}. Made on 2026-11-23."
        in PdfReader(io.BytesIO(filled_pdf)).pages[0].extract_text()
    )


def test_empty_pdf_says_what_is_not_done(empty_pdf, text):
    found = pdf_text(empty_pdf)
    assert found.count(squashed(text("summary.not_done"))) >= 6
    assert squashed(text("common.nav.compare")) in found
    assert squashed(text("red_flags.safety_line.text")) in found


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_paper_size(paper, evidence, text):
    data = render_pdf(build_summary(evidence, text, Answers(), MADE_ON), paper)
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == POINTS[paper]


def test_unknown_paper_size_is_refused(evidence, text):
    with pytest.raises(ValueError, match="paper must be one of"):
        render_pdf(build_summary(evidence, text, Answers(), MADE_ON), "A3")


@pytest.mark.parametrize("which", ["filled_pdf", "empty_pdf"])
def test_every_page_renders_with_ink(which, request, tmp_path):
    data = request.getfixturevalue(which)
    assert shutil.which("pdftoppm"), "pdftoppm missing: run `make test` (it installs poppler-utils)"
    (tmp_path / "summary.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(tmp_path / "summary.pdf"), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(data)).pages) >= 2
    for page in pages:
        grey = Image.open(page).convert("L")
        dark = sum(grey.histogram()[:200])  # pixels clearly darker than the paper
        assert dark > 0.01 * grey.width * grey.height, page.name


@pytest.mark.parametrize("name", HOSTILE_NOTES)
def test_hostile_notes_print_as_plain_text_or_boxes(name, evidence, text):
    summary = build_summary(evidence, text, Answers(notes=HOSTILE_NOTES[name]), date(2026, 1, 2))
    found = pdf_text(render_pdf(summary, "A4"))
    if name == "script":
        assert squashed("<script>alert('x')</script>") in found
    if name == "markdown":
        assert "**bold**" in found and "[link](http://example.com)" in found
    if name == "very_long":
        assert squashed(text("summary.cut_note", limit=3000)) in found
    if name in {"cjk", "emoji"}:
        assert squashed(text("summary.glyph_note")) in found
    if name in {"arabic", "hebrew", "script", "markdown", "long_word"}:
        assert squashed(text("summary.glyph_note")) not in found


def test_characters_without_a_glyph_become_boxes():
    assert printable("Café Ωμέγα עולם مرحبا") == ("Café Ωμέγα עולם مرحبا", False)
    assert printable("腰痛") == (MISSING_GLYPH * 2, True)
    assert printable("a\U000e0001b\x00c\td") == ("abc d", False)  # an invisible tag, NUL, tab


def test_only_text_that_needs_it_is_shaped():
    assert not needs_shaping("Plain English, café, Ωμέγα")
    assert needs_shaping("שלום") and needs_shaping("مرحبا") and needs_shaping("e\u0301")


# --- The page ------------------------------------------------------------------------------


def test_pdf_is_made_only_when_asked_and_kept_for_the_same_answers(evidence, text):
    app = run_page(SUMMARY.path, **filled_session(evidence, text))
    assert not app.download_button
    assert state.SUMMARY_PDF not in app.session_state
    next(b for b in app.button if b.label == text("summary.pdf.make")).click().run()
    assert_no_exception(app)
    request, data = app.session_state[state.SUMMARY_PDF]
    assert data.startswith(b"%PDF") and squashed(QUESTION) in pdf_text(data)
    assert [b.label for b in app.download_button] == [text("summary.pdf.download")]
    assert text("summary.pdf.make") not in [b.label for b in app.button]
    app.run()  # same answers: the same PDF, not made again
    assert app.session_state[state.SUMMARY_PDF] == (request, data)
    assert app.download_button
    app.text_area(key="widget.summary.notes").input("A new question").run()
    assert not app.download_button
    assert text("summary.pdf.changed") in [element.value for element in app.info]


def test_letter_paper_from_the_page(evidence, text):
    app = run_page(SUMMARY.path)
    app.radio(key="widget.summary.paper").set_value("Letter").run()
    next(b for b in app.button if b.label == text("summary.pdf.make")).click().run()
    _, data = app.session_state[state.SUMMARY_PDF]
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert round(float(box.width)) == POINTS["Letter"][0]


def test_hostile_medicine_names_print_in_the_table(evidence, text):
    medicines = tuple(
        Medicine(value[:80], "٢ حبة", "👍🏽 " + value[:20])
        for value in (HOSTILE_NOTES["arabic"], HOSTILE_NOTES["hebrew"], HOSTILE_NOTES["script"], "x" * 80)
    )
    data = render_pdf(build_summary(evidence, text, Answers(medicines=medicines), MADE_ON), "A4")
    found = pdf_text(data)
    assert squashed("<script>alert('x')</script>") in found and "x" * 80 in found
    assert squashed(text("summary.glyph_note")) in found


def test_nothing_is_written_to_disk(evidence, text, monkeypatch):
    real_open = open

    def read_only_open(file, mode="r", *args, **kwargs):
        assert not set(mode) & set("wax+"), f"tried to write {file}"
        return real_open(file, mode, *args, **kwargs)

    summary = build_summary(evidence, text, filled_answers(evidence, text), MADE_ON)
    monkeypatch.setattr("builtins.open", read_only_open)
    assert render_pdf(summary, "A4").startswith(b"%PDF")


def test_a_picture_from_the_evidence_is_drawn_once_and_kept_for_the_next_summary():
    kept_png.cache_clear()
    first = chart_png(icon_array_chart("With it: 39 out of 100", 39, "had it", "did not"), keep=True)
    again = chart_png(icon_array_chart("With it: 39 out of 100", 39, "had it", "did not"), keep=True)
    other = chart_png(icon_array_chart("With it: 40 out of 100", 40, "had it", "did not"), keep=True)
    assert again is first and other != first
    assert (kept_png.cache_info().hits, kept_png.cache_info().misses) == (1, 2)
    assert Image.open(io.BytesIO(first)).size[0] > 0


def test_no_picture_made_from_a_persons_answers_is_kept_after_the_pdf(evidence, text):
    """The fit chart holds the person's own weights: it is drawn, used and dropped."""
    answers = dataclasses.replace(filled_answers(evidence, text), weights=RANKED_WEIGHTS)
    summary = build_summary(evidence, text, answers, MADE_ON)
    charts = [block for section in summary.sections for block in section.blocks if isinstance(block, Chart)]
    personal = [chart for chart in charts if not chart.from_data_only]
    shared = [picture for chart in charts if chart.from_data_only for picture in chart.pictures]
    assert personal and shared
    kept_png.cache_clear()
    render_pdf(summary)
    assert kept_png.cache_info().currsize == len({picture.to_json() for picture in shared})
