"""Lay a translation of the evidence tables' patient-facing text over the English rows.

`data/<lang>/<table>.csv` starts with the English table's key columns (`id`, or the pair or
triple that names a row), followed by translated columns under their English names. Only text a
patient reads can be translated; ids, numbers, codes, dates and links always come from the English
table, so a translation can never change a figure, a source or a rule. `data/<lang>/evidence.yaml`
translates the three statements of data/evidence.yaml shown on the About page.

Every problem names the translated file, its row (line number, header = 1) and the field: a row
missing or extra, a key repeated, a column that is not translated text, an empty cell where English
has text (or text where English has none), a {placeholder} that differs from English, or a text
that breaks the row's own rules (a length limit, say).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from backpain_aid.content import ContentError, placeholders
from backpain_aid.evidence.models import EvidenceMeta

if TYPE_CHECKING:
    from backpain_aid.evidence.loader import Located, _Reader

ModelT = TypeVar("ModelT", bound=BaseModel)

#: The columns that hold text a patient reads, per table: the only ones a translation may hold,
#: and (tests/test_spanish.py) all of which each translation must hold. Sources keep their titles
#: in the language they were published in, so they have none.
TRANSLATED_COLUMNS: dict[str, tuple[str, ...]] = {
    "conditions": ("name", "short_name", "description"),
    "ladder": ("name", "meaning"),
    "comparators": ("name", "description"),
    "scales": ("name",),
    "outcome_types": ("name", "description"),
    "guidelines": ("name", "short_name"),
    "options": (
        "name",
        "description",
        "who_gives",
        "where",
        "how_often",
        "how_long",
        "recovery",
        "time_and_visits",
        "at_a_glance",
        "how_soon",
        "cost_note",
    ),
    "option_conditions": ("guideline_note",),
    "stances": ("detail",),
    "outcomes": ("comparator_detail", "timeframe", "population", "plain_note"),
}

#: The columns that name a row, in the order the translated file starts with them.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "option_conditions": ("option_id", "condition_id"),
    "stances": ("option_id", "condition_id", "guideline_id"),
}
DEFAULT_KEY = ("id",)

#: A cell that is empty in one language and not the other, by whether English has text.
EMPTY_MISMATCH = {
    True: "is empty, but English has text here",
    False: "English has no text here; leave it empty",
}

#: The statements in data/evidence.yaml that the About page shows.
TRANSLATED_META = ("update_policy", "funding_statement", "conflicts_statement")


def key_columns(table: str) -> tuple[str, ...]:
    return KEY_COLUMNS.get(table, DEFAULT_KEY)


def translated_file(lang: str, file: str) -> str:
    """The translation's path inside data/, as errors name it: 'es/options.csv'."""
    return f"{lang}/{file}"


def translate_tables(
    reader: _Reader, tables: dict[str, list[Located]], files: dict[str, str], lang: str
) -> dict[str, list[Located]]:
    """Each table with its patient-facing text in `lang`; problems go to the reader."""
    translated = dict(tables)
    for table, columns in TRANSLATED_COLUMNS.items():
        translated[table] = _translate_table(reader, table, files[table], columns, tables[table], lang)
    return translated


def _translate_table(
    reader: _Reader,
    table: str,
    english_file: str,
    allowed: tuple[str, ...],
    rows: list[Located],
    lang: str,
) -> list[Located]:
    file = translated_file(lang, english_file)
    content = reader.read_text(file)
    if content is None:
        return rows
    keys = key_columns(table)
    by_key = {tuple(str(getattr(item.row, name)) for name in keys): item for item in rows}
    done: dict[tuple[str, ...], Located] = {}
    with io.StringIO(content, newline="") as handle:
        reader_csv = csv.DictReader(handle, strict=True)
        try:
            header = reader_csv.fieldnames or []
            if not _header_fits(reader, file, english_file, header, keys, allowed):
                return rows
            columns = header[len(keys) :]
            record_start = 2
            for raw in reader_csv:
                line, record_start = record_start, reader_csv.line_num + 1
                if None in raw or any(value is None for value in raw.values()):
                    reader.problem(file, line, "-", "row does not have as many fields as the header")
                    continue
                key = tuple(raw[name].strip() for name in keys)
                if key in done:
                    reader.problem(file, line, keys[0], f"{_show(key)} is translated twice")
                    continue
                if key not in by_key:
                    reader.problem(file, line, keys[0], f"{_show(key)} is not a row of {english_file}")
                    continue
                done[key] = _translate_row(reader, file, line, by_key[key], {c: raw[c] for c in columns})
        except csv.Error as error:
            reader.problem(file, record_start, "-", f"not valid CSV from this row on: {error}")
            return rows
    for key, item in by_key.items():
        if key not in done:
            reader.problem(
                file, None, keys[0], f"{_show(key)} ({english_file} row {item.line}) has no translation"
            )
    return [done.get(key, item) for key, item in by_key.items()]


def _show(key: tuple[str, ...]) -> str:
    return "'" + "/".join(key) + "'"


def _header_fits(
    reader: _Reader,
    file: str,
    english_file: str,
    header: Sequence[str],
    keys: tuple[str, ...],
    allowed: tuple[str, ...],
) -> bool:
    fits = True
    if tuple(header[: len(keys)]) != keys:
        reader.problem(file, 1, "-", f"the header must start with {', '.join(keys)}, as in {english_file}")
        fits = False
    columns = header[len(keys) :]
    if not columns:
        reader.problem(file, 1, "-", "there are no translated columns after the key columns")
        fits = False
    for name in columns:
        if columns.count(name) > 1:
            reader.problem(file, 1, name, "column is listed twice")
            fits = False
        elif name not in allowed:
            reader.problem(
                file, 1, name, f"column is not text that is translated (those are: {', '.join(allowed)})"
            )
            fits = False
    return fits


def _translate_row(reader: _Reader, file: str, line: int, item: Located, cells: dict[str, str]) -> Located:
    english = item.row
    changes: dict[str, str] = {}
    for field, value in cells.items():
        original = getattr(english, field)
        if _text_fits(reader, file, line, field, original, value.strip()):
            changes[field] = value
    row = _validated(reader, file, line, english, changes)
    return replace(item, line=line, row=row) if row is not None else item


def _text_fits(reader: _Reader, file: str, line: int | None, field: str, english: str, text: str) -> bool:
    if bool(english) != bool(text):
        reader.problem(file, line, field, EMPTY_MISMATCH[bool(english)])
        return False
    try:
        wanted, found = placeholders(english), placeholders(text)
    except ContentError as error:
        reader.problem(file, line, field, str(error))
        return False
    if found != wanted:
        reader.problem(
            file, line, field, f"placeholders {sorted(found)} do not match the English {sorted(wanted)}"
        )
        return False
    return True


def _validated(
    reader: _Reader, file: str, line: int | None, english: ModelT, changes: dict[str, str]
) -> ModelT | None:
    """The English row with its texts replaced, checked by the row's own rules (length limits)."""
    try:
        return type(english).model_validate({**english.model_dump(), **changes})
    except ValidationError as error:
        reader.invalid(file, line, error)
        return None


def translate_meta(reader: _Reader, meta: EvidenceMeta, lang: str, meta_file: str) -> EvidenceMeta:
    """The evidence statements (update policy, funding, conflicts) in `lang`."""
    file = translated_file(lang, meta_file)
    content = reader.read_text(file)
    if content is None:
        return meta
    try:
        raw = yaml.safe_load(content)
    except yaml.YAMLError as error:
        reader.problem(file, None, "-", f"not valid YAML: {error}")
        return meta
    if not isinstance(raw, dict):
        reader.problem(file, None, "-", f"must hold the keys {', '.join(TRANSLATED_META)}")
        return meta
    for key in raw:
        if key not in TRANSLATED_META:
            reader.problem(file, None, str(key), f"not a translated statement ({', '.join(TRANSLATED_META)})")
    changes = {}
    for key in TRANSLATED_META:
        value = raw.get(key)
        if not isinstance(value, str):
            reader.problem(file, None, key, "text is missing")
        elif _text_fits(reader, file, None, key, getattr(meta, key), value.strip()):
            changes[key] = value
    translated = _validated(reader, file, None, meta, changes)
    return translated if isinstance(translated, EvidenceMeta) else meta
