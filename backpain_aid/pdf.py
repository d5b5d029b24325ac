"""The summary as a PDF, for A4 or Letter paper, built in memory (nothing is written to disk).

Typst lays it out from the template `summary.typ` next to this file. Everything shown reaches the
template as data: one JSON document in `sys.inputs`, which the template reads with `json()` and
only ever shows as strings. So nothing a person typed can become Typst markup. Pictures are drawn
by the template as shapes from counts (no image files). The PDF is tagged (PDF/UA-1): a title,
language, headings as bookmarks, table headers, alternative text for every picture.

Text is set in the bundled fonts only (fonts/, with their licences): DejaVu Sans, and for the
Hebrew and Arabic letters in what a person typed, Noto Sans Hebrew and Noto Sans Arabic. Typst is
told to ignore the machine's own fonts, so a PDF looks the same on every server. A character none
of them can draw (for example Chinese or most emoji) is printed as a box, and the page says so
under that block.

`typst.compile` releases the GIL while it works (checked in tests/test_pdf.py), so other sessions
of the same server keep running while a PDF is made; it needs no thread of its own.
"""

from __future__ import annotations

import dataclasses
import json
import re
import struct
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import typst

from backpain_aid.summary import (
    Block,
    Bullets,
    Chart,
    Glance,
    NotDone,
    Paragraph,
    References,
    Results,
    Section,
    Summary,
    Table,
)

Paper = Literal["A4", "Letter"]
PAPER_SIZES: tuple[Paper, ...] = ("A4", "Letter")
TYPST_PAPER = {"A4": "a4", "Letter": "us-letter"}

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE = PACKAGE_DIR / "summary.typ"
FONT_DIR = PACKAGE_DIR / "fonts"
FONT_FILES = tuple(
    FONT_DIR / name
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "NotoSansArabic-Regular.ttf",
        "NotoSansHebrew-Regular.ttf",
    )
)
MISSING_GLYPH = "\u25a1"  # WHITE SQUARE, which DejaVu Sans has
PDF_STANDARD = "ua-1"

#: A run of letters longer than this (a pasted link, a word typed without spaces) is cut into
#: pieces of CHUNK characters that lines may break between, instead of running off the page.
LONG_WORD = 30
CHUNK = 20
_LONG_RUN = re.compile(rf"(\S{{{LONG_WORD + 1},}})")
_URL_PIECE = re.compile(r"[^/.]*[/.]*")

#: Joiners and marks that only make sense next to what they join: dropped when not drawable.
_KEEP_FORMAT = {"\u200c", "\u200d"}  # zero-width non-joiner and joiner: they shape Arabic and emoji
_SKIN_TONES = range(0x1F3FB, 0x1F400)


# --- Text the fonts can print ------------------------------------------------------------------


def _cmap_codepoints(path: Path) -> set[int]:
    """Code points a TrueType font maps to a glyph (its Unicode cmap, format 4 or 12)."""
    data = path.read_bytes()
    tables = {
        data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
        for i in range(struct.unpack_from(">H", data, 4)[0])
    }
    cmap = tables[b"cmap"]
    subtables = {}
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap + offset)[0]
        if (platform, encoding) in {(3, 1), (3, 10), (0, 3), (0, 4)}:
            subtables[fmt] = cmap + offset
    if 12 in subtables:
        return _format_12(data, subtables[12])
    return _format_4(data, subtables[4])


def _format_12(data: bytes, at: int) -> set[int]:
    found: set[int] = set()
    for i in range(struct.unpack_from(">I", data, at + 12)[0]):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        found.update(code for code in range(start, end + 1) if glyph + code - start)
    return found


def _format_4(data: bytes, at: int) -> set[int]:
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    range_at = at + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, range_at)
    found: set[int] = set()
    for i, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets, strict=True)):
        for code in range(start, end + 1):
            if code == 0xFFFF:
                continue
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                glyph = struct.unpack_from(">H", data, range_at + 2 * i + offset + 2 * (code - start))[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                found.add(code)
    return found


@lru_cache(maxsize=1)
def printable_codepoints() -> frozenset[int]:
    """Code points some bundled font can draw (Typst falls back from one font to the next)."""
    return frozenset().union(*(_cmap_codepoints(path) for path in FONT_FILES))


@lru_cache(maxsize=1)
def _plain_characters() -> frozenset[str]:
    """Characters printed as they are: drawable, and neither control nor format characters."""
    plain = {chr(code) for code in printable_codepoints()}
    return frozenset(
        {char for char in plain if unicodedata.category(char) not in {"Cc", "Cf", "Cs"}}
        | (_KEEP_FORMAT & plain)
        | {"\n"}
    )


def printable(value: str) -> tuple[str, bool]:
    """The text with each character no font can draw shown as a box, and whether any was. Control
    characters go (a tab becomes a space); so do invisible marks and joiners no font draws (on
    their own they mean nothing on paper) and direction overrides. A sequence of emoji joined into
    one picture becomes one box. Letters typed as a letter plus an accent are joined first (NFC):
    the PDF's text layer maps each drawn letter to one text, so a loose accent on "e" would read
    back as part of every other "e" in the same font."""
    value = unicodedata.normalize("NFC", value)
    if _plain_characters().issuperset(value):  # nearly all text: nothing to change
        return value, False
    known = printable_codepoints()
    out: list[str] = []
    replaced = joining = False
    for char in value:
        category = unicodedata.category(char)
        if char == "\n":
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif category in {"Cc", "Cs"} or (category == "Cf" and char not in _KEEP_FORMAT):
            continue
        elif char == "\u200d" and out and out[-1] == MISSING_GLYPH:
            joining = True  # the next picture joins the box before it: one box for the whole
        elif ord(char) in known:
            out.append(char)
        elif category in {"Mn", "Me", "Cf"} or ord(char) in _SKIN_TONES:
            continue
        elif not joining:
            out.append(MISSING_GLYPH)
            replaced = True
        joining = joining and char == "\u200d"
    return "".join(out), replaced


def right_to_left(value: str) -> bool:
    """Whether the first letter with a direction is Hebrew, Arabic or another right-to-left script."""
    for char in value:
        direction = unicodedata.bidirectional(char)
        if direction in {"L", "R", "AL"}:
            return direction != "L"
    return False


def language_of(value: str) -> str | None:
    """'he' or 'ar' for a line that reads from the right in Hebrew or Arabic letters, else None."""
    for char in value:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return None
        if direction in {"R", "AL"}:
            return "he" if 0x0590 <= ord(char) <= 0x05FF or 0xFB1D <= ord(char) <= 0xFB4F else "ar"
    return None


# --- The summary as data for the template --------------------------------------------------------


class _Glyphs:
    """Turns text into what the template shows, and remembers whether a box stood in for a letter."""

    def __init__(self) -> None:
        self.replaced = False

    def text(self, value: str) -> str | list[Any]:
        """Plain text, or a list of runs where a word too long for a line is cut into boxed pieces."""
        shown, replaced = printable(value)
        self.replaced |= replaced
        if not _LONG_RUN.search(shown):
            return shown
        runs: list[Any] = []
        for piece in _LONG_RUN.split(shown):
            if _LONG_RUN.fullmatch(piece):  # after a slash or a dot where there is one, else anywhere
                for part in url_pieces(piece):
                    step = CHUNK if len(part) > LONG_WORD else len(part)
                    runs += [{"box": part[i : i + step]} for i in range(0, len(part), step)]
            elif piece:
                runs.append(piece)
        return runs

    def typed(self, value: str) -> dict[str, Any]:
        """Something a person typed, one line: it takes its own direction and language."""
        return {"line": self.text(value), "rtl": right_to_left(value), "lang": language_of(value)}


def url_pieces(url: str) -> list[str]:
    """A web address in pieces that each end at a slash or a dot: lines break only there."""
    return [piece for piece in _URL_PIECE.findall(url) if piece]


def _block(block: Block, glyphs: _Glyphs) -> dict[str, Any]:
    t = glyphs.text
    if isinstance(block, Paragraph):
        if block.typed:
            return {"kind": "typed", "lines": [glyphs.typed(line) for line in block.text.split("\n")]}
        return {"kind": "p", "style": block.style, "text": t(block.text)}
    if isinstance(block, Bullets):
        return {"kind": "list", "items": [glyphs.typed(i) if block.typed else t(i) for i in block.items]}
    if isinstance(block, Table):
        cell = glyphs.typed if block.typed else t
        return {
            "kind": "table",
            "columns": [t(column) for column in block.columns],
            "rows": [[cell(value) for value in row] for row in block.rows],
            "widths": list(block.widths) or [1] * len(block.columns),
        }
    if isinstance(block, NotDone):
        return {"kind": "not_done", "text": t(block.message)}
    if isinstance(block, Chart):
        if block.drawing is None:
            raise ValueError(f"a chart needs a drawing to be printed: {block.title!r}")
        drawing = dict(block.drawing)
        given = drawing.pop("words", block.words)
        if not isinstance(given, (list, tuple)):
            raise ValueError(f"a chart's drawing words must be a list: {block.title!r}")
        words = [str(w) for w in given]
        return {
            "kind": "chart",
            "title": t(block.title),
            "alt": " ".join(printable(w)[0] for w in words),
            # Icon arrays carry their words as titles; the checks over visits have a table after them.
            "words": [t(w) for w in block.words] if drawing["kind"] not in {"icons", "visits"} else [],
            "drawing": drawing,
        }
    if isinstance(block, Glance):
        return {
            "kind": "glance",
            "corner": t(block.corner),
            "options": [t(name) for name in block.options],
            "rows": [
                {
                    "question": t(question),
                    "cells": [{k: t(v) for k, v in dataclasses.asdict(c).items()} for c in cells],
                }
                for question, cells in block.rows
            ],
        }
    if isinstance(block, Results):
        return {
            "kind": "results",
            "option": t(block.option),
            "verdict_heading": t(block.verdict_heading),
            "items": [
                {
                    "title": t(item.title),
                    "verdict": t(item.verdict),
                    "why": t(item.why),
                    "found": t(item.found),
                    "facts": [[t(label), t(value)] for label, value in item.facts],
                }
                for item in block.items
            ],
        }
    if isinstance(block, References):
        return {
            "kind": "references",
            "items": [{"text": t(r.text), "url": r.url, "pieces": url_pieces(r.url)} for r in block.items],
        }
    raise TypeError(f"unknown summary block {block!r}")


def _sections(sections: Iterable[Section]) -> list[dict[str, Any]]:
    found = []
    for section in sections:
        blocks = []
        for block in section.blocks:
            glyphs = _Glyphs()
            shown = _block(block, glyphs)
            shown["glyphs"] = glyphs.replaced  # the template says so under the block
            blocks.append(shown)
        found.append({"id": section.id, "heading": printable(section.heading)[0], "blocks": blocks})
    return found


def _footer(template: str) -> list[dict[str, str]]:
    """The footer as pieces of text and the two numbers the template fills in."""
    pieces = re.split(r"(\{page\}|\{pages\})", template)
    return [
        {"field": piece[1:-1]} if piece in {"{page}", "{pages}"} else {"text": piece}
        for piece in pieces
        if piece
    ]


def print_data(summary: Summary, paper: Paper = "A4") -> dict[str, Any]:
    """Everything the template shows, as JSON-ready data."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {PAPER_SIZES}, not {paper!r}")
    visit = _sections(summary.visit)
    first = [section for section in visit if section["id"] in {"warning", "safety"}]
    return {
        "paper": TYPST_PAPER[paper],
        "lang": summary.lang,  # the document's language (/Lang), read by screen readers
        "title": printable(summary.title)[0],
        "made_on": printable(summary.made_on)[0],
        "not_advice": printable(summary.not_advice)[0],
        "glyph_note": printable(summary.glyph_note)[0],
        "footer": _footer(printable(summary.footer)[0]),
        "first": first[0] if first else None,  # a warning sign ticked, or the line on every page
        "visit_title": printable(summary.visit_title)[0],
        "visit": [section for section in visit if section not in first],
        "detail_title": printable(summary.detail_title)[0],
        "detail_intro": printable(summary.detail_intro)[0],
        "detail": _sections(summary.detail),
    }


# --- Typst -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _fonts() -> typst.Fonts:
    """The bundled fonts, read once; never the machine's own, nor Typst's built-in ones."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONT_DIR)])


@lru_cache(maxsize=1)
def _template() -> bytes:
    return TEMPLATE.read_bytes()


def compile_data(data: dict[str, Any]) -> bytes:
    """The template with this data, as PDF bytes. Nothing is read but the template and the fonts."""
    # typst's stubs give `input` and `root` one type variable, so template bytes with a folder
    # path match no overload, though the library takes them (tests/test_pdf.py builds PDFs so).
    pdf: bytes = typst.compile(  # type: ignore[call-overload]
        _template(),
        format="pdf",
        root=str(PACKAGE_DIR),
        font_paths=_fonts(),
        ignore_system_fonts=True,
        sys_inputs={"summary": json.dumps(data, ensure_ascii=False)},
        pdf_standards=PDF_STANDARD,
    )
    return pdf


def render_pdf(summary: Summary, paper: Paper = "A4") -> bytes:
    """The summary as PDF bytes, laid out for the given paper size."""
    return compile_data(print_data(summary, paper))
