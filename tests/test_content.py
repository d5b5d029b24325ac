"""Patient-facing text: it exists, holds no markup, and reads at grade 8 or below."""

import re
from collections.abc import Mapping
from pathlib import Path

import pytest
import textstat

from backpain_aid.content import ContentError, load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.evidence.translation import TRANSLATED_COLUMNS

MAX_GRADE = 8.0
EXEMPT_FILE = Path(__file__).with_name("plain_language_exempt.txt")


def exempt_terms() -> list[str]:
    lines = EXEMPT_FILE.read_text(encoding="utf-8").splitlines()
    terms = [line.split("#")[0].strip() for line in lines]
    return sorted((term for term in terms if term), key=len, reverse=True)


def plain(text: str) -> str:
    """Text as it reads: placeholders and exempt names (drugs, scales) become one short word."""
    text = re.sub(r"\{[a-z_]+\}", "it", text)
    for term in exempt_terms():
        text = re.sub(re.escape(term), "it", text, flags=re.IGNORECASE)
    return text


#: Patient-facing columns (the ones a translation holds) not graded here: option, scale and
#: guideline names are proper names of drugs, procedures and bodies; a short name repeats its
#: name; a time frame ("after 12 weeks") is not a sentence.
NOT_GRADED = {
    ("options", "name"),
    ("conditions", "short_name"),
    ("scales", "name"),
    ("guidelines", "name"),
    ("guidelines", "short_name"),
    ("outcomes", "timeframe"),
}


def patient_texts() -> list[tuple[str, str]]:
    """(where, text) for every patient-facing text in data/."""
    evidence = load_evidence()
    found = [(f"content:{key}", value) for key, value in load_content().texts()]
    tables = {}
    for table, columns in TRANSLATED_COLUMNS.items():
        fields = [column for column in columns if (table, column) not in NOT_GRADED]
        # Who was studied is a phrase with no full stop: last, so it runs into no sentence.
        fields.sort(key=lambda column: column == "population")
        rows = getattr(evidence, table)
        tables[table] = (rows.values() if isinstance(rows, Mapping) else rows, fields)
    for table, (rows, fields) in tables.items():
        for row in rows:
            label = getattr(row, "id", None) or f"{row.option_id}/{row.condition_id}"
            joined = " ".join(getattr(row, field) for field in fields if getattr(row, field))
            if joined:
                found.append((f"{table}:{label}", joined))
    return found


TEXTS = patient_texts()
# Reading formulas need sentences: a 3-word label like "About the evidence" scores grade 9 on
# one long word. Texts of MIN_WORDS or more are graded one by one; shorter labels are graded
# together, grouped by the file or table they come from.
MIN_WORDS = 10
SENTENCES = [(where, value) for where, value in TEXTS if len(value.split()) >= MIN_WORDS]
LABEL_GROUPS: dict[str, list[str]] = {}
for where, value in TEXTS:
    if len(value.split()) < MIN_WORDS:
        LABEL_GROUPS.setdefault(
            where.split(".")[0].split(":")[0] + ":" + where.split(":")[1].split(".")[0], []
        ).append(value)


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(plain(text))


@pytest.mark.parametrize(("where", "value"), SENTENCES, ids=[where for where, _ in SENTENCES])
def test_reading_grade_is_8_or_below(where, value):
    assert grade(value) <= MAX_GRADE, f"{where} reads at grade {grade(value):.1f}: {value}"


@pytest.mark.parametrize("group", sorted(LABEL_GROUPS))
def test_short_labels_read_at_grade_8_or_below_together(group):
    joined = ". ".join(LABEL_GROUPS[group]) + "."
    assert grade(joined) <= MAX_GRADE, f"labels in {group} read at grade {grade(joined):.1f}"


def as_sentence(text: str) -> str:
    """Headings, labels and populations stand alone on the page, so each ends a sentence."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":")) else text + "."


def test_whole_text_smog_is_8_or_below():
    corpus = " ".join(as_sentence(plain(value)) for _, value in TEXTS)
    assert textstat.smog_index(corpus) <= MAX_GRADE


@pytest.mark.parametrize(("where", "value"), TEXTS, ids=[where for where, _ in TEXTS])
def test_no_markup_in_patient_text(where, value):
    assert not re.search(r"<[a-zA-Z/]", value), where


def test_missing_text_fails_loudly():
    with pytest.raises(ContentError, match="no content text at 'explore.nothing_here'"):
        load_content()("explore.nothing_here")


def test_empty_text_fails_at_load(tmp_path):
    (tmp_path / "page.yaml").write_text("title: ''\n", encoding="utf-8")
    with pytest.raises(ContentError, match="page.yaml, key 'title': text is empty"):
        load_content(tmp_path)
