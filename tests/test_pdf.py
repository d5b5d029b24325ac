"""The summary PDF (Typst, backpain_aid/summary.typ): read back with pypdf and poppler.

- content: the visit pages (condition, the options at a glance, what matters most, leaning, SURE,
  questions, medicines, warning signs first when one was ticked), then every result in detail, the
  pictures, the sources with their links, the evidence version, "not a recommendation";
- structure: tagged PDF/UA-1 with a title, language, bookmarks, table headers and alternative
  text for every picture, in reading order;
- typed text is data, never markup: Typst syntax typed as a note comes out as the same characters;
- characters no bundled font has become boxes, with a note; only the bundled fonts are used;
- page breaks: the visit pages stand on their own, no heading ends a page, links break only after
  a slash or a dot, nothing smaller than 10 pt;
- the page makes the PDF only when asked, keeps it in the session only, and never writes a file.
"""

import dataclasses
import io
import math
import re
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from backpain_aid import pdf as pdf_module
from backpain_aid.answers import Answers
from backpain_aid.compare import Selection
from backpain_aid.glance import glance
from backpain_aid.medicines import Medicine
from backpain_aid.pdf import MISSING_GLYPH, PAPER_SIZES, printable, render_pdf, url_pieces
from backpain_aid.summary import Glance, Results, build_summary
from backpain_aid.wording import round_half_up
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
from tests_support.apptest import assert_no_exception, run_page
from tests_support.journeys import JOURNEY_CONDITION, JOURNEY_NOTES, JOURNEY_OPTIONS, journey_answers
from ui import state
from ui.pages import SUMMARY

POINTS = {"A4": (595, 842), "Letter": (612, 792)}
FOOTER = re.compile(r"Evidence version \S+ Made on \S+ Page (\d+) of (\d+)\.")

# The journey the visit pages are judged on: four options, notes in three scripts with emoji.
# Typst markup, typed by a person: it must print as typed and never run.
TYPST_SYNTAX = [
    '#read("/etc/passwd")',
    "$x^2 + y$",
    "] ) } #",
    "\\ back\\slash \\u{41}",
    "`code` ```raw```",
    "*bold* _under_ <label> @ref",
    "#set page(width: 1cm) #pagebreak()",
    "= Not a heading",
    "// not a comment /* nor this */",
    '#{ "x" * 3 } #eval("1+1")',
]


def squashed(value: str) -> str:
    """Without any white space: words wrapped across lines or table cells still match."""
    return re.sub(r"\s+", "", value)


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    """All text, without the page footers, which may fall in the middle of a wrapped sentence."""
    return squashed(" ".join(FOOTER.sub("", page) for page in pages_text(data)))


@pytest.fixture(scope="module")
def filled_pdf(evidence, text) -> bytes:
    return render_pdf(build_summary(evidence, text, filled_answers(evidence, text), MADE_ON), "A4")


@pytest.fixture(scope="module")
def empty_pdf(evidence, text) -> bytes:
    return render_pdf(build_summary(evidence, text, Answers(), MADE_ON), "Letter")


@pytest.fixture(scope="module")
def journey(evidence, text):
    return build_summary(evidence, text, journey_answers(evidence, text), MADE_ON)


@pytest.fixture(scope="module")
def journey_pdfs(journey) -> dict[str, bytes]:
    return {paper: render_pdf(journey, paper) for paper in PAPER_SIZES}


@pytest.fixture(scope="module")
def journey_pages(journey_pdfs) -> dict[str, list[str]]:
    """Each page's text, read once (pypdf takes most of the time these tests take)."""
    return {paper: pages_text(data) for paper, data in journey_pdfs.items()}


def joined(pages: list[str]) -> str:
    return squashed(" ".join(FOOTER.sub("", page) for page in pages))


# --- Content ----------------------------------------------------------------------------------


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
    assert evidence.meta.version in found and evidence.meta.next_review.isoformat() in found
    assert "2026-11-23" in found
    pages = pages_text(filled_pdf)
    assert [FOOTER.search(page).groups() for page in pages] == [
        (str(number), str(len(pages))) for number in range(1, len(pages) + 1)
    ]


def test_the_visit_pages_hold_the_glance_grid_priorities_leaning_sure_and_questions(journey, journey_pages):
    evidence_text = joined(journey_pages["A4"])
    visit = {section.id: section for section in journey.visit}
    grid = next(block for block in visit["glance"].blocks if isinstance(block, Glance))
    assert len(grid.options) == len(JOURNEY_OPTIONS) and len(grid.rows) == 7
    for question, cells in grid.rows:
        assert squashed(question) in evidence_text
        for cell in cells:
            assert squashed(f"{cell.verdict}{cell.answer}{cell.certainty}") in evidence_text
    for section in journey.visit:
        assert squashed(section.heading) in evidence_text
    assert squashed("Feeling better: Very much") in evidence_text  # the top three, most first
    assert squashed("Yes answers 0 of 4 3 of 4") in evidence_text


def test_the_glance_grid_is_the_one_compare_shows(evidence, text, journey):
    shown = next(block for section in journey.visit for block in section.blocks if isinstance(block, Glance))
    rows = glance(evidence, text, Selection(JOURNEY_CONDITION, JOURNEY_OPTIONS))
    assert [question for question, _ in shown.rows] == [row.question for row in rows]
    assert [[cell.answer for cell in cells] for _, cells in shown.rows] == [
        [cell.answer for cell in row.cells] for row in rows
    ]
    assert [[cell.verdict for cell in cells] for _, cells in shown.rows] == [
        [cell.verdict_label for cell in row.cells] for row in rows
    ]


def test_every_result_comes_with_comparator_time_population_certainty_verdict_and_source(
    evidence, text, journey, journey_pages
):
    found = joined(journey_pages["Letter"])
    details = [block for section in journey.detail for block in section.blocks if isinstance(block, Results)]
    assert [block.option for block in details] == [evidence.options[o].name for o in JOURNEY_OPTIONS]
    for block in details:
        assert block.items
        for item in block.items:
            assert squashed(f"{item.title}. {block.verdict_heading}: {item.verdict}.") in found
            assert squashed(item.found) in found
            labels = [label for label, _ in item.facts]
            for needed in ("explore.population", "explore.certainty", "explore.source"):
                assert text(needed) in labels
            for label, value in item.facts:
                assert squashed(f"{label}: {value}") in found


def test_sources_are_links_and_their_addresses_break_only_after_a_slash_or_a_dot(
    evidence, journey_pdfs, journey_pages
):
    reader = PdfReader(io.BytesIO(journey_pdfs["A4"]))
    links = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link"
    }
    sources = {s.doi_or_url for o in JOURNEY_OPTIONS for s in evidence.sources_for(o, JOURNEY_CONDITION)}
    assert sources <= links
    text = "\n".join(journey_pages["A4"])
    for url in sources:
        # As printed: a line may end inside the address only right after "/" or ".".
        pattern = "".join(re.escape(char) + (r"\s?" if char in "/." else "") for char in url)
        assert re.search(pattern, text), url
    assert url_pieces("https://doi.org/10.1002/14651858.CD0") == [
        "https://",
        "doi.",
        "org/",
        "10.",
        "1002/",
        "14651858.",
        "CD0",
    ]


def test_the_empty_pdf_says_what_is_not_done(empty_pdf, text):
    found = pdf_text(empty_pdf)
    assert found.count(squashed(text("summary.not_done"))) >= 6
    assert squashed(text("common.nav.compare")) in found
    assert squashed(text("red_flags.safety_line.text")) in found


def test_a_ticked_warning_sign_comes_first_as_an_alert(evidence, text):
    sign = next(s for s in text.node("red_flags.signs") if s["level"] == "emergency")
    answers = dataclasses.replace(filled_answers(evidence, text), red_flags_ticked=(sign["id"],))
    data = render_pdf(build_summary(evidence, text, answers, MADE_ON))
    first = squashed(pages_text(data)[0])
    title = squashed(text("summary.pdf_title"))
    order = [
        title,
        squashed(text("red_flags.ui.emergency_title")),
        squashed(text("red_flags.messages.emergency")),
        squashed(sign["text"]),
        squashed(text("summary.not_advice")),
        squashed(text("summary.print.visit")),
    ]
    assert [first.index(part) for part in order] == sorted(first.index(part) for part in order)
    assert first.index(title) == 0
    outline = [item.title for item in PdfReader(io.BytesIO(data)).outline if not isinstance(item, list)]
    assert outline[0] == text("red_flags.ui.emergency_title")


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_paper_size(paper, journey_pdfs):
    for page in PdfReader(io.BytesIO(journey_pdfs[paper])).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == POINTS[paper]


def test_unknown_paper_size_is_refused(evidence, text):
    with pytest.raises(ValueError, match="paper must be one of"):
        render_pdf(build_summary(evidence, text, Answers(), MADE_ON), "A3")


@pytest.mark.parametrize("which", ["filled_pdf", "empty_pdf"])
def test_every_page_renders_with_ink(which, request, tmp_path):
    data = request.getfixturevalue(which)
    assert shutil.which("pdftoppm"), "pdftoppm missing: run `make test` (it installs poppler-utils)"
    (tmp_path / "summary.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(tmp_path / "summary.pdf"), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(data)).pages) >= 2
    for page in pages:
        grey = Image.open(page).convert("L")
        dark = sum(grey.histogram()[:200])  # pixels clearly darker than the paper
        assert dark > 0.01 * grey.width * grey.height, page.name


# --- Structure: tagged, titled, in English, with bookmarks, headers and alternative text ------------


def structure(data: bytes):
    """(tag, its /Alt or None, its attributes) for every element of the structure tree, in order."""
    reader = PdfReader(io.BytesIO(data))
    found = []

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            found.append((str(node["/S"]), node.get("/Alt"), node.get("/A"), node.get("/Lang")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_pdf_is_tagged_titled_in_english_with_bookmarks(journey, journey_pdfs, text):
    data = journey_pdfs["A4"]
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == text("summary.pdf_title")
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()  # claims PDF/UA-1

    def titles(items):
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    bookmarks = list(titles(reader.outline))
    headings = [journey.visit_title, *(s.heading for s in journey.visit), journey.detail_title]
    headings += [s.heading for s in journey.detail]
    headings += [b.option for s in journey.detail for b in s.blocks if isinstance(b, Results)]
    assert set(headings) <= set(bookmarks)
    tags = [tag for tag, *_ in structure(data)]
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Figure", "/L", "/LI", "/Link"} <= set(tags)


def test_pdfinfo_reports_it_tagged(journey_pdfs, tmp_path):
    (tmp_path / "summary.pdf").write_bytes(journey_pdfs["A4"])
    shown = subprocess.run(["pdfinfo", str(tmp_path / "summary.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", shown, re.MULTILINE)


def test_every_picture_says_in_numbers_what_it_shows(journey_pdfs, journey):
    figures = [
        (alt, attributes) for tag, alt, attributes, _ in structure(journey_pdfs["A4"]) if tag == "/Figure"
    ]
    drawings = [b for s in journey.detail for b in s.blocks if getattr(b, "drawing", None)]
    assert len(figures) == len(drawings) >= 3
    for alt, _ in figures:
        assert alt and re.search(r"\d+ out of 100|\d+ of \d+ points", str(alt)), alt


def test_tables_have_header_cells(journey_pdfs):
    tags = structure(journey_pdfs["A4"])
    headers = [attributes for tag, _, attributes, _ in tags if tag == "/TH"]
    assert headers and all("/Column" in str(attributes) for attributes in headers)


def test_typed_hebrew_and_arabic_lines_are_marked_with_their_language(journey_pdfs):
    reader = PdfReader(io.BytesIO(journey_pdfs["A4"]))
    marked = b"".join(page.get_contents().get_data() for page in reader.pages[:2])
    assert {b"ar", b"he", b"en"} <= set(re.findall(rb"/Lang\((\w+)\)", marked))


def test_reading_order_follows_the_page(journey, journey_pages, text):
    found = joined(journey_pages["A4"])
    parts = [text("summary.pdf_title"), text("summary.not_advice"), journey.visit_title]
    parts += [section.heading for section in journey.visit if section.id != "safety"]
    parts += [journey.detail_title, *(section.heading for section in journey.detail)]
    places = [found.index(squashed(part)) for part in parts]
    assert places == sorted(places)


# --- Typed text is data -------------------------------------------------------------------------


def test_typst_markup_typed_as_notes_or_medicines_prints_as_typed(evidence, text):
    notes = "\n".join(TYPST_SYNTAX)
    medicines = tuple(Medicine(value[:80], "#1", "$x$") for value in TYPST_SYNTAX[:3])
    summary = build_summary(evidence, text, Answers(notes=notes, medicines=medicines), MADE_ON)
    data = render_pdf(summary)
    found = pdf_text(data)
    for value in TYPST_SYNTAX:
        assert squashed(value) in found, value
    assert "root:" not in found  # /etc/passwd was not read
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2  # "#pagebreak()" and "#set page" did nothing
    for page in PdfReader(io.BytesIO(data)).pages:
        assert round(float(page.mediabox.width)) == POINTS["A4"][0]


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
    if name == "long_word":
        assert HOSTILE_NOTES[name][:2000] in found  # cut into pieces that lines break between, not lost
    if name == "cjk":
        assert squashed(text("summary.glyph_note")) in found and MISSING_GLYPH * 3 in found
    if name in {"arabic", "hebrew", "script", "markdown", "long_word", "emoji"}:
        assert squashed(text("summary.glyph_note")) not in found or name == "emoji"


# --- Characters and fonts -----------------------------------------------------------------------


def test_characters_without_a_glyph_become_boxes():
    assert printable("Café Ωμέγα עולם مرحبا") == ("Café Ωμέγα עולם مرحبا", False)
    assert printable("腰痛") == (MISSING_GLYPH * 2, True)
    assert printable("a\U000e0001b\x00c\td\u202ee") == ("abc de", False)  # tag, NUL, tab, override
    assert printable("👨\u200d👩\u200d👧 👍🏽") == (f"{MISSING_GLYPH} {MISSING_GLYPH}", True)  # one box each


def test_the_cmap_reader_agrees_with_what_typst_draws(evidence, text):
    """A character the fonts claim prints as itself; one they lack prints as a box with the note."""
    known = pdf_module.printable_codepoints()
    assert ord("ש") in known and ord("م") in known and ord("é") in known and ord("腰") not in known
    summary = build_summary(evidence, text, Answers(notes="é ש م 腰"), MADE_ON)
    found = pdf_text(render_pdf(summary))
    assert squashed(f"é ש م {MISSING_GLYPH}") in found and squashed(text("summary.glyph_note")) in found


def test_only_the_bundled_fonts_are_embedded(journey_pdfs):
    def fonts(resources, found):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            found.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
        for xobject in (resources.get("/XObject") or {}).values():
            fonts(xobject.get_object().get("/Resources"), found)
        return found

    found = set()
    for page in PdfReader(io.BytesIO(journey_pdfs["A4"])).pages:
        fonts(page.get("/Resources"), found)
    bundled = {"DejaVuSans", "DejaVuSans-Bold", "NotoSansArabic-Regular", "NotoSansHebrew-Regular"}
    assert found == bundled  # Hebrew and Arabic from Noto, the rest from DejaVu
    assert {path.name for path in pdf_module.FONT_DIR.glob("*.ttf")} == {f"{name}.ttf" for name in bundled}
    assert {"LICENSE-DejaVu.txt", "LICENSE-Noto.txt"} <= {p.name for p in pdf_module.FONT_DIR.iterdir()}


# --- Pages and sizes ----------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_the_visit_pages_stand_on_their_own(paper, journey, journey_pages):
    """Everything for the visit on pages 1 and 2; the detail starts on a page of its own."""
    pages = journey_pages[paper]
    first_two = squashed(" ".join(pages[:2]))
    for section in journey.visit:  # the warning-sign line has no heading of its own
        shown = section.blocks[0].text if section.id == "safety" else section.heading
        assert squashed(shown) in first_two
    assert squashed(JOURNEY_NOTES.splitlines()[0]) in first_two
    assert squashed(journey.section("medicines").blocks[0].rows[-1][-1]) in first_two
    assert squashed(journey.detail_title) not in first_two
    assert squashed(pages[2]).startswith(squashed(journey.detail_title))


def headings_of(summary) -> set[str]:
    found = {summary.visit_title, summary.detail_title}
    for section in (*summary.visit, *summary.detail):
        found.add(section.heading)
        for block in section.blocks:
            if isinstance(block, Results):
                found.add(block.option)
            if getattr(block, "style", "") == "strong":
                found.add(block.text)
            if getattr(block, "drawing", None):
                found.add(block.title)
    return {squashed(heading) for heading in found}


@pytest.mark.parametrize("lines", [0, 6, 15])
def test_no_heading_is_left_alone_at_the_foot_of_a_page(lines, evidence, text):
    """Notes of different lengths move every later page break; no page ends with a heading."""
    answers = dataclasses.replace(journey_answers(evidence, text), notes="\n".join(["A note line."] * lines))
    summary = build_summary(evidence, text, answers, MADE_ON)
    headings = headings_of(summary)
    for paper in PAPER_SIZES:
        for number, page in enumerate(pages_text(render_pdf(summary, paper)), start=1):
            body = [line for line in FOOTER.sub("", page).splitlines() if line.strip()]
            tail = squashed(" ".join(body[-3:]))
            assert not any(tail.endswith(heading) for heading in headings), (paper, number, body[-3:])


def test_no_text_is_smaller_than_10_points(journey_pdfs):
    sizes = set()

    def seen(found, cm, tm, font, size):
        if found.strip():
            sizes.add(round(size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]), 1))

    for page in PdfReader(io.BytesIO(journey_pdfs["A4"])).pages:
        page.extract_text(visitor_text=seen)
    assert sizes and min(sizes) >= 10


def test_a_fit_chart_is_drawn_when_the_options_can_be_put_in_order(evidence, text):
    answers = dataclasses.replace(filled_answers(evidence, text), weights=RANKED_WEIGHTS)
    summary = build_summary(evidence, text, answers, MADE_ON)
    data = render_pdf(summary)
    figures = [alt for tag, alt, *_ in structure(data) if tag == "/Figure"]
    assert any(re.search(r"\d+ of \d+ points", str(alt)) for alt in figures)


# --- Speed and the server -------------------------------------------------------------------------


def test_typst_lets_other_threads_run_while_it_builds(journey):
    """A PDF build releases the GIL: a Python thread keeps ticking all through it."""
    data = pdf_module.print_data(journey, "A4")
    pdf_module.compile_data(data)  # fonts loaded
    ticks: list[float] = []
    done = threading.Event()

    def tick():  # needs the GIL each time it wakes up
        while not done.wait(0.002):
            ticks.append(time.perf_counter())

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.01)
    start = time.perf_counter()
    pdf_module.compile_data(data)
    end = time.perf_counter()
    done.set()
    ticker.join()
    # Not a timing bound (these machines are shared): the thread must tick again and again while
    # the build runs, which it cannot while a build holds the GIL from start to end. (Part of a
    # build, reading its input, does hold it: under load, a CI run saw no tick in its first half.)
    inside = [t for t in ticks if start <= t <= end]
    assert len(inside) >= 5, (len(inside), end - start)


def test_people_making_pdfs_at_the_same_time_each_get_only_their_own(evidence, text):
    """Sessions run in threads of one process; Typst builds their PDFs side by side."""
    people = [f"Person {index} asks about their knee" for index in range(4)]
    summaries = [build_summary(evidence, text, Answers(notes=note), MADE_ON) for note in people]
    with ThreadPoolExecutor(len(people)) as pool:
        made = list(pool.map(render_pdf, summaries))
    for note, data in zip(people, made, strict=True):
        found = pdf_text(data)
        assert [squashed(other) in found for other in people] == [other == note for other in people]


def test_nothing_is_written_to_disk(evidence, text, monkeypatch):
    real_open = open

    def read_only_open(file, mode="r", *args, **kwargs):
        assert not set(mode) & set("wax+"), f"tried to write {file}"
        return real_open(file, mode, *args, **kwargs)

    summary = build_summary(evidence, text, filled_answers(evidence, text), MADE_ON)
    monkeypatch.setattr("builtins.open", read_only_open)
    assert render_pdf(summary, "A4").startswith(b"%PDF")


# --- The page ------------------------------------------------------------------------------


def pdf_downloads(app, text) -> list:
    """The PDF's download button, if there (the page also offers the saved-answers file)."""
    return [button for button in app.download_button if button.label == text("summary.pdf.download")]


def test_pdf_is_made_only_when_asked_and_kept_for_the_same_answers(evidence, text):
    app = run_page(SUMMARY.path, **filled_session(evidence, text))
    assert not pdf_downloads(app, text)
    assert state.SUMMARY_PDF not in app.session_state
    next(b for b in app.button if b.label == text("summary.pdf.make")).click().run()
    assert_no_exception(app)
    request, data = app.session_state[state.SUMMARY_PDF]
    assert data.startswith(b"%PDF") and squashed(QUESTION) in pdf_text(data)
    assert [b.label for b in pdf_downloads(app, text)] == [text("summary.pdf.download")]
    assert text("summary.pdf.make") not in [b.label for b in app.button]
    app.run()  # same answers: the same PDF, not made again
    assert app.session_state[state.SUMMARY_PDF] == (request, data)
    assert pdf_downloads(app, text)
    app.text_area(key="widget.summary.notes").input("A new question").run()
    assert not pdf_downloads(app, text)
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
