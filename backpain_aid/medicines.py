"""'My medicines': a short list a person types in, checked so that anything they type is kept
safely (as plain text) or refused with a clear reason, never crashing a page or the PDF."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_MEDICINES = 20
MAX_LENGTHS = {"name": 80, "dose": 60, "how_often": 60}


@dataclass(frozen=True)
class Medicine:
    name: str
    dose: str
    how_often: str


def clean_text(value: str) -> str:
    """Drop control and format characters (keep letters of any script, emoji and spaces) and
    fold runs of white space. What remains is shown as plain text, never as markup."""
    kept = [
        " " if char.isspace() else char
        for char in value
        if char.isspace() or unicodedata.category(char)[0] != "C" or char == "\u200d"
    ]
    return " ".join("".join(kept).split())


def check_medicine(name: str, dose: str, how_often: str, existing: int) -> tuple[Medicine | None, list[str]]:
    """A cleaned entry, or the reasons (as problem keys for data/content) it cannot be added."""
    fields = {"name": clean_text(name), "dose": clean_text(dose), "how_often": clean_text(how_often)}
    problems = []
    if existing >= MAX_MEDICINES:
        problems.append("too_many")
    if not fields["name"]:
        problems.append("name_missing")
    problems += [f"{field}_too_long" for field, value in fields.items() if len(value) > MAX_LENGTHS[field]]
    if problems:
        return None, problems
    return Medicine(**fields), []
