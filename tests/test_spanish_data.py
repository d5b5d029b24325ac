"""data/es/*.csv: every English row translated once, text wherever English has text, same numbers.

The loader (backpain_aid/evidence/translation.py) takes ids, numbers and links from the English
tables, so a translation cannot change a figure in a table. It can still change a figure inside a
sentence ("About 41 in 100 people..."), so here each Spanish cell must hold the same numbers as its
English cell: decimals with a comma (2.8 -> 2,8), no thousands comma (1,000 -> 1000; 20,000 ->
20 000 with a no-break space), no number added, none left out.
"""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from backpain_aid.evidence.translation import TRANSLATED_COLUMNS, key_columns

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANG = "es"
TABLES = sorted(TRANSLATED_COLUMNS)

# English writes 1,000 and 2.8; Spanish writes 1000 (or 20 000 with a no-break space) and 2,8.
ENGLISH_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?")
SPANISH_NUMBER = re.compile(r"\d{1,3}(?:\u00a0\d{3})+(?!\d)|\d+(?:,\d+)?")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def english_numbers(text: str) -> set[str]:
    """Each number in an English text, written the Spanish way."""
    return {match.replace(",", "").replace(".", ",") for match in ENGLISH_NUMBER.findall(text)}


def spanish_numbers(text: str) -> set[str]:
    return {match.replace("\u00a0", "") for match in SPANISH_NUMBER.findall(text)}


def number_mismatch(english: str, spanish: str) -> str:
    """'' when both texts hold the same numbers; otherwise what is missing and what was added."""
    wanted, found = english_numbers(english), spanish_numbers(spanish)
    if wanted == found:
        return ""
    return f"missing {sorted(wanted - found)}, added {sorted(found - wanted)}"


def read_rows(table: str, lang: str | None = None) -> tuple[list[str], list[dict[str, str]]]:
    path = DATA_DIR / (f"{lang}/{table}.csv" if lang else f"{table}.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, strict=True)
        return list(reader.fieldnames or []), list(reader)


def pairs(table: str):
    """(key, English row, Spanish row) for every English row that has its translation."""
    keys = key_columns(table)
    _, english = read_rows(table)
    _, spanish = read_rows(table, LANG)
    by_key = {tuple(row[k] for k in keys): row for row in spanish}
    for row in english:
        key = tuple(row[k] for k in keys)
        if key in by_key:
            yield "/".join(key), row, by_key[key]


@pytest.mark.parametrize("table", TABLES)
def test_header_is_the_key_columns_then_every_translated_column(table):
    header, _ = read_rows(table, LANG)
    assert header == [*key_columns(table), *TRANSLATED_COLUMNS[table]]


@pytest.mark.parametrize("table", TABLES)
def test_every_english_row_is_translated_exactly_once(table):
    keys = key_columns(table)
    _, english = read_rows(table)
    _, spanish = read_rows(table, LANG)
    wanted = Counter(tuple(row[k] for k in keys) for row in english)
    found = Counter(tuple(row[k] for k in keys) for row in spanish)
    assert not wanted - found, f"{LANG}/{table}.csv lacks {sorted(wanted - found)}"
    assert not found - wanted, f"{LANG}/{table}.csv has extra or repeated rows {sorted(found - wanted)}"


@pytest.mark.parametrize("table", TABLES)
def test_spanish_text_wherever_english_has_text_and_only_there(table):
    problems = [
        f"{key} {column}: English {'has' if english[column].strip() else 'has no'} text"
        for key, english, spanish in pairs(table)
        for column in TRANSLATED_COLUMNS[table]
        if bool(english[column].strip()) != bool(spanish[column].strip())
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("table", TABLES)
def test_every_number_in_the_english_text_is_in_the_spanish_and_none_added(table):
    problems = []
    for key, english, spanish in pairs(table):
        for column in TRANSLATED_COLUMNS[table]:
            mismatch = number_mismatch(english[column], spanish[column])
            if mismatch:
                problems.append(
                    f"{key} {column}: {mismatch}\n  en: {english[column]}\n  es: {spanish[column]}"
                )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("table", TABLES)
def test_placeholders_stay_exactly_as_in_english(table):
    problems = [
        f"{key} {column}"
        for key, english, spanish in pairs(table)
        for column in TRANSLATED_COLUMNS[table]
        if Counter(PLACEHOLDER.findall(english[column])) != Counter(PLACEHOLDER.findall(spanish[column]))
    ]
    assert not problems, problems


@pytest.mark.parametrize("table", TABLES)
def test_file_is_utf8_with_newline_line_endings(table):
    raw = (DATA_DIR / LANG / f"{table}.csv").read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw
    assert raw.endswith(b"\n")


def test_sources_keep_their_original_titles():
    assert not (DATA_DIR / LANG / "sources.csv").exists()


@pytest.mark.parametrize(
    ("english", "spanish", "same"),
    [
        ("leg pain was 2.8 out of 10", "el dolor de pierna era de 2,8 sobre 10", True),
        ("about 3 more in every 1,000 people", "unas 3 personas más de cada 1000", True),
        ("1 in 20,000 treatments", "1 de cada 20\u00a0000 tratamientos", True),
        ("at least 40% better (ASAS40)", "al menos un 40 % mejor (ASAS40)", True),
        ("leg pain was 2.8 out of 10", "el dolor de pierna era de 2,5 sobre 10", False),
        ("leg pain was 2.8 out of 10", "el dolor de pierna era de 2.8 sobre 10", False),
        ("about 41 in 100 people", "unas 41 de cada 100 personas, 1 año después", False),
        ("about 41 in 100 people after 1 year", "unas 41 de cada 100 personas un año después", False),
    ],
)
def test_the_number_check_catches_a_changed_added_or_missing_number(english, spanish, same):
    assert (number_mismatch(english, spanish) == "") is same
