"""The summary as a PDF, for A4 or Letter paper, built in memory (nothing is written to disk).

Text is set in the bundled DejaVu Sans (fonts/, with its licence) with HarfBuzz text shaping, so
accents, Greek, Arabic and Hebrew come out right. A character the font has no glyph for (for
example Chinese or most emoji) is printed as a box and the page says so, instead of vanishing
or failing. Pictures are Altair charts turned into PNG by vl-convert.
"""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Literal

import altair as alt
import vl_convert
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

from backpain_aid.summary import Block, Bullets, Chart, NotDone, Paragraph, Section, Summary, Table

Paper = Literal["A4", "Letter"]
PAPER_SIZES: tuple[Paper, ...] = ("A4", "Letter")

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
FONT = "DejaVu"
MISSING_GLYPH = "\u25a1"  # WHITE SQUARE, which DejaVu Sans has

MARGIN = 15  # mm
BODY_SIZE = 11  # pt: large enough to read without glasses on paper
LINE = 6  # mm per line of body text
INK = (26, 26, 26)
ACCENT = (11, 92, 173)  # the charts' blue
SOFT_FILL = (238, 242, 247)
ALERT_FILL = (255, 243, 205)
MUTED = (90, 90, 90)
PICTURE_WIDTH_PX = 300  # width given to charts that fill their container on the page
PICTURE_SCALE = 2  # PNG pixels per chart pixel: sharp on paper
PX_TO_MM = 25.4 / 96


# --- Text the font can print --------------------------------------------------------------


@lru_cache(maxsize=1)
def _printable_codepoints() -> frozenset[int]:
    """Code points that both the regular and the bold font can draw."""
    sets = [set(TTFont(path, lazy=True).getBestCmap()) for path in FONT_FILES.values()]
    return frozenset(set.intersection(*sets))


def printable(value: str) -> tuple[str, bool]:
    """The text with each character the font cannot draw shown as a box. Marks and invisible
    joiners the font lacks are dropped: on their own they mean nothing on paper. Also says
    whether anything was replaced."""
    known = _printable_codepoints()
    out: list[str] = []
    replaced = False
    for char in value:
        if char == "\n" or ord(char) in known:
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) in {"Mn", "Me", "Cf", "Cc"}:
            continue
        else:
            out.append(MISSING_GLYPH)
            replaced = True
    return "".join(out), replaced


def needs_shaping(value: str) -> bool:
    """Anything beyond Latin, Greek and Cyrillic letters, or any combining mark."""
    return any(ord(char) >= 0x0590 or unicodedata.category(char) == "Mn" for char in value)


# --- Pictures -----------------------------------------------------------------------------


def chart_png(chart: alt.TopLevelMixin, keep: bool = False) -> bytes:
    """The chart as PNG. keep=True only for pictures drawn from the evidence alone: a picture
    made from a person's answers must not outlive their session in the server's memory."""
    if getattr(chart, "width", None) == "container":  # there is no container on paper
        chart = chart.properties(width=PICTURE_WIDTH_PX)
    spec = chart.to_json()
    return kept_png(spec) if keep else vl_convert.vegalite_to_png(spec, scale=PICTURE_SCALE)


#: Pictures kept: many people's summaries show the same icon arrays (the same option and outcome),
#: and drawing them is half the time a PDF takes. About 110 to 130 kB each, so at most about 8 MB.
PICTURES_KEPT = 64


@lru_cache(maxsize=PICTURES_KEPT)
def kept_png(spec_json: str) -> bytes:
    return vl_convert.vegalite_to_png(spec_json, scale=PICTURE_SCALE)


def png_size_mm(png: bytes) -> tuple[float, float]:
    """Width and height the picture has on screen, in mm (PNG header holds the pixel size)."""
    width = int.from_bytes(png[16:20], "big") / PICTURE_SCALE
    height = int.from_bytes(png[20:24], "big") / PICTURE_SCALE
    return width * PX_TO_MM, height * PX_TO_MM


# --- The document -------------------------------------------------------------------------


class _SummaryPDF(FPDF):
    def __init__(self, paper: Paper, footer_template: str):
        super().__init__(orientation="portrait", unit="mm", format=paper)
        self.footer_template = footer_template
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 5)
        for style, path in FONT_FILES.items():
            self.add_font(FONT, style, str(path))

    def shape_if_needed(self, *values: str) -> None:
        """Turn HarfBuzz shaping on only for text that needs it (right-to-left scripts, joined
        letters, combining marks): it makes line breaking several times slower."""
        self.set_text_shaping(any(needs_shaping(value) for value in values))

    def footer(self) -> None:
        self.set_y(-MARGIN)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        # The page count is filled in at the end, which only works on text that is not shaped.
        text = self.footer_template.format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.set_text_shaping(False)
        self.cell(0, 5, printable(text)[0], align=Align.C)
        self.set_text_color(*INK)


def render_pdf(summary: Summary, paper: Paper = "A4") -> bytes:
    """The summary as PDF bytes, laid out for the given paper size."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {PAPER_SIZES}, not {paper!r}")
    pdf = _SummaryPDF(paper, summary.footer)
    pdf.set_title(summary.title)
    pdf.set_lang("en")
    pdf.add_page()
    pdf.set_text_color(*INK)
    _text(pdf, summary.title, size=18, bold=True, line=9)
    _text(pdf, summary.made_on)
    pdf.ln(2)
    _boxed(pdf, summary.not_advice, SOFT_FILL, bold=True)
    for section in summary.sections:
        _section(pdf, section, summary.glyph_note)
    return bytes(pdf.output())


def _section(pdf: _SummaryPDF, section: Section, glyph_note: str) -> None:
    if pdf.will_page_break(30):  # keep a heading with what follows it
        pdf.add_page()
    pdf.ln(4)
    pdf.set_text_color(*ACCENT)
    _text(pdf, section.heading, size=14, bold=True, line=8)
    pdf.set_draw_color(*ACCENT)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_text_color(*INK)
    pdf.ln(2)
    for block in section.blocks:
        if _block(pdf, block):
            _text(pdf, glyph_note, size=9, colour=MUTED)
        pdf.ln(1.5)


def _block(pdf: _SummaryPDF, block: Block) -> bool:
    """Draw one block; True when some character had to be shown as a box."""
    if isinstance(block, Paragraph):
        if block.style == "alert":
            return _boxed(pdf, block.text, ALERT_FILL)
        if block.typed:
            return _typed(pdf, block.text)
        return _text(pdf, block.text, bold=block.style == "strong")
    if isinstance(block, Bullets):
        return _bullets(pdf, block.items)
    if isinstance(block, Table):
        return _table(pdf, block)
    if isinstance(block, Chart):
        return _chart(pdf, block)
    if isinstance(block, NotDone):
        return _boxed(pdf, block.message, SOFT_FILL, bold=True)
    raise TypeError(f"unknown summary block {block!r}")


def _text(
    pdf: _SummaryPDF,
    value: str,
    size: float = BODY_SIZE,
    bold: bool = False,
    line: float = LINE,
    colour: tuple[int, int, int] | None = None,
    fill: bool = False,
    padding: int | tuple[int, ...] | None = None,
    align: Align = Align.L,
) -> bool:
    shown, replaced = printable(value)
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.shape_if_needed(shown)
    if colour:
        pdf.set_text_color(*colour)
    pdf.multi_cell(
        0,
        line,
        shown,
        align=align,
        fill=fill,
        padding=(2 if fill else 0) if padding is None else padding,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    if colour:
        pdf.set_text_color(*INK)
    return replaced


def _boxed(pdf: _SummaryPDF, value: str, colour: tuple[int, int, int], bold: bool = False) -> bool:
    pdf.set_fill_color(*colour)
    return _text(pdf, value, bold=bold, fill=True)


def _typed(pdf: _SummaryPDF, value: str) -> bool:
    """What the person wrote, in a shaded box, one paragraph per line so that each line takes its
    own direction: a Hebrew or Arabic line reads from the right, with its punctuation on the left."""
    pdf.set_fill_color(*SOFT_FILL)
    lines = value.split("\n")
    replaced = False
    for index, line in enumerate(lines):
        top, bottom = (2 if index == 0 else 0), (2 if index == len(lines) - 1 else 0)
        align = Align.R if right_to_left(line) else Align.L
        replaced |= _text(pdf, line or " ", fill=True, padding=(top, 2, bottom, 2), align=align)
    return replaced


def right_to_left(value: str) -> bool:
    """Whether the first letter with a direction is Hebrew, Arabic or another right-to-left script."""
    for char in value:
        direction = unicodedata.bidirectional(char)
        if direction in {"L", "R", "AL"}:
            return direction != "L"
    return False


def _bullets(pdf: _SummaryPDF, items: tuple[str, ...]) -> bool:
    replaced = False
    indent = 6
    for item in items:
        shown, changed = printable(item)
        replaced |= changed
        pdf.set_font(FONT, "", BODY_SIZE)
        pdf.set_x(pdf.l_margin)
        pdf.shape_if_needed(shown)
        pdf.cell(indent, LINE, "\u2022")
        pdf.multi_cell(0, LINE, shown, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return replaced


def _table(pdf: _SummaryPDF, table: Table) -> bool:
    replaced = False
    pdf.set_font(FONT, "", BODY_SIZE - 1.5)
    pdf.set_draw_color(170, 178, 189)
    heading = FontFace(emphasis="BOLD", fill_color=SOFT_FILL)
    pdf.set_fill_color(255, 255, 255)
    pdf.shape_if_needed(*table.columns, *(value for row in table.rows for value in row))
    with pdf.table(
        col_widths=table.widths or None,
        text_align="LEFT",
        line_height=LINE - 1,
        headings_style=heading,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        padding=1.5,
    ) as grid:
        for values in (table.columns, *table.rows):
            row = grid.row()
            for value in values:
                shown, changed = printable(value)
                replaced |= changed
                row.cell(shown)
    return replaced


def _chart(pdf: _SummaryPDF, chart: Chart) -> bool:
    pngs = [chart_png(picture, keep=chart.from_data_only) for picture in chart.pictures]
    gap = 6
    per_row = max(chart.per_row, len(pngs))
    room = (pdf.epw - gap * (per_row - 1)) / per_row
    sizes = []
    for png in pngs:
        width, height = png_size_mm(png)
        scale = min(1.0, room / width)
        sizes.append((width * scale, height * scale))
    tallest = max((height for _, height in sizes), default=0)
    if pdf.will_page_break(tallest + 2 * LINE):  # keep the title with its pictures
        pdf.add_page()
    replaced = _text(pdf, chart.title, bold=True)
    top = pdf.get_y()
    x = pdf.l_margin
    for index, (png, (width, height)) in enumerate(zip(pngs, sizes, strict=True)):
        words = chart.words[index] if index < len(chart.words) else chart.title
        pdf.image(io.BytesIO(png), x=x, y=top, w=width, h=height, alt_text=printable(words)[0])
        x += width + gap
    pdf.set_y(top + tallest + 1)
    for words in chart.words:
        replaced |= _text(pdf, words, size=BODY_SIZE - 1)
    return replaced
