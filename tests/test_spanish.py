"""The Spanish translation: every text exists in both languages, keeps its {placeholders}, reads
"fairly easy" or easier by a Spanish formula, and is up to date with the English it came from; the
locale layer refuses a broken translation naming the file, the row or key and the field; numbers
and dates follow the language."""

import re
import statistics
from datetime import date
from pathlib import Path

import pytest
import yaml
from textstat.textstat import textstatistics

from backpain_aid import consultation, verdicts
from backpain_aid.content import ContentError, load_content, placeholders
from backpain_aid.evidence import EvidenceError, load_evidence
from backpain_aid.evidence.translation import TRANSLATED_COLUMNS, key_columns
from backpain_aid.language import UnknownLanguageError, format_date, format_number
from backpain_aid.paths import DATA_DIR
from backpain_aid.translation_record import RECORD_FILE, evidence_texts, records
from backpain_aid.wording import describe_outcome, format_points
from tests.conftest import read_rows, write_rows
from tests.test_spanish_data import number_mismatch

LANG = "es"
#: Fernández-Huerta 70 is "bastante fácil" (fairly easy), the Spanish match of the English grade 8.
MIN_EASE = 70.0
#: Texts shorter than this are graded together per file, as tests/test_content.py does in English:
#: a formula needs sentences, and a 3-word label scores on one long word.
MIN_WORDS = 10
EXEMPT_FILE = Path(__file__).with_name("plain_language_exempt_es.txt")

# Our own instance, set to Spanish: textstat's shared one stays English for tests/test_content.py.
SPANISH = textstatistics()
SPANISH.set_lang(LANG)

ENGLISH_TEXT = load_content()
ENGLISH_EVIDENCE = load_evidence()


def load_spanish():
    """The Spanish text and evidence, or the problems that stop them loading: a gap in the
    translation then fails test_the_translation_loads, and the checks below still run."""
    try:
        return load_content(lang=LANG), load_evidence(lang=LANG), None
    except (ContentError, EvidenceError) as error:
        return ENGLISH_TEXT, ENGLISH_EVIDENCE, error


SPANISH_TEXT, SPANISH_EVIDENCE, LOAD_ERROR = load_spanish()


def exempt_terms() -> list[str]:
    lines = EXEMPT_FILE.read_text(encoding="utf-8").splitlines()
    terms = [line.split("#")[0].strip() for line in lines]
    return sorted((term for term in terms if term), key=len, reverse=True)


def term_pattern(term: str) -> re.Pattern[str]:
    """The whole word or words, in any case, singular or plural."""
    return re.compile(rf"(?<!\w){re.escape(term)}(?:e?s)?(?!\w)", flags=re.IGNORECASE)


def plain(text: str) -> str:
    """Text as it reads: placeholders and exempt names (drugs, conditions) become one short word."""
    text = re.sub(r"\{[a-z_]+\}", "esto", text)
    for term in exempt_terms():
        text = term_pattern(term).sub("esto", text)
    return text


def ease(text: str) -> float:
    return SPANISH.fernandez_huerta(plain(text))


# Every (English, Spanish) pair; none when the translation does not load (that fails on its own).
LOADED = LOAD_ERROR is None
SPANISH_BY_KEY = dict(SPANISH_TEXT.texts())
CONTENT_PAIRS = [(key, en, SPANISH_BY_KEY[key]) for key, en in ENGLISH_TEXT.texts()] if LOADED else []
ENGLISH_CELLS = evidence_texts(ENGLISH_EVIDENCE)
SPANISH_CELLS = evidence_texts(SPANISH_EVIDENCE)
CELL_PAIRS = [(key, en, SPANISH_CELLS[key]) for key, en in ENGLISH_CELLS.items()] if LOADED else []
ALL_PAIRS = [(f"content:{key}", en, es) for key, en, es in CONTENT_PAIRS] + [
    (f"data:{key}", en, es) for key, en, es in CELL_PAIRS
]


def group_of(where: str) -> str:
    """The file or table a text comes from: labels are graded together per group."""
    kind, rest = where.split(":", 1)
    first = re.split(r"[./\[]", rest, maxsplit=1)[0]
    return f"{kind}:{first}"


SENTENCES = [(where, es) for where, _, es in ALL_PAIRS if len(es.split()) >= MIN_WORDS]
LABEL_GROUPS: dict[str, list[str]] = {}
for _where, _, _es in ALL_PAIRS:
    if _es and len(_es.split()) < MIN_WORDS:
        LABEL_GROUPS.setdefault(group_of(_where), []).append(_es)


# --- Parity: every text in both languages -------------------------------------------------------


def test_the_translation_loads():
    assert LOAD_ERROR is None, str(LOAD_ERROR)


def test_every_content_text_exists_in_both_languages():
    english, spanish = dict(ENGLISH_TEXT.texts()), dict(SPANISH_TEXT.texts())
    assert english.keys() == spanish.keys()
    assert SPANISH_TEXT.lang == LANG and ENGLISH_TEXT.lang == "en"


def test_every_translated_column_is_in_its_spanish_file():
    for table, columns in TRANSLATED_COLUMNS.items():
        header, _ = read_rows(DATA_DIR / LANG / f"{table}.csv")
        assert header == [*key_columns(table), *columns], f"{LANG}/{table}.csv"


def test_every_evidence_text_exists_in_both_languages():
    assert ENGLISH_CELLS.keys() == SPANISH_CELLS.keys()
    missing = [key for key, en, es in CELL_PAIRS if bool(en) != bool(es)]
    assert not missing


def test_translation_keeps_rules_numbers_and_sources_from_english():
    scoring = [attribute["scoring"] for attribute in ENGLISH_TEXT.node("values.attributes")]
    assert [attribute["scoring"] for attribute in SPANISH_TEXT.node("values.attributes")] == scoring
    rules = [rule["if"] for rule in ENGLISH_TEXT.node("path.routing.rules")]
    assert [rule["if"] for rule in SPANISH_TEXT.node("path.routing.rules")] == rules
    for name in ENGLISH_TEXT.tree:
        assert SPANISH_TEXT.source_ids(name) == ENGLISH_TEXT.source_ids(name)
    for outcome_en, outcome_es in zip(ENGLISH_EVIDENCE.outcomes, SPANISH_EVIDENCE.outcomes, strict=True):
        assert outcome_en.model_dump(exclude=set(TRANSLATED_COLUMNS["outcomes"])) == outcome_es.model_dump(
            exclude=set(TRANSLATED_COLUMNS["outcomes"])
        )
    assert SPANISH_EVIDENCE.meta.version == ENGLISH_EVIDENCE.meta.version


@pytest.mark.parametrize(("where", "english", "spanish"), ALL_PAIRS, ids=[w for w, _, _ in ALL_PAIRS])
def test_placeholders_match(where, english, spanish):
    assert placeholders(spanish) == placeholders(english), where


@pytest.mark.parametrize(("key", "english", "spanish"), CONTENT_PAIRS, ids=[k for k, _, _ in CONTENT_PAIRS])
def test_content_keeps_every_number(key, english, spanish):
    # The same rule as for data/es/*.csv: 2.8 -> 2,8, 100,000 -> 100 000, nothing added or lost.
    assert not number_mismatch(english, spanish), f"{key}: {number_mismatch(english, spanish)}"


def test_sentences_are_translated_not_copied():
    # A sentence of 4 words or more that reads the same in both languages was not translated
    # (placeholders such as {option} are not words: a line of them alone has nothing to translate).
    copied = [
        where
        for where, en, es in ALL_PAIRS
        if len(re.findall(r"\w+", re.sub(r"\{\w+\}", "", en))) >= 4 and en.strip() == es.strip()
    ]
    assert not copied


@pytest.mark.parametrize(("where", "english", "spanish"), ALL_PAIRS, ids=[w for w, _, _ in ALL_PAIRS])
def test_no_markup_in_spanish_text(where, english, spanish):
    assert not re.search(r"<[a-zA-Z/]", spanish), where


def test_translations_are_up_to_date_with_the_english():
    stale = {
        f"{record.path.relative_to(DATA_DIR)}: {key}": reason
        for record in records(LANG)
        for key, reason in record.out_of_date().items()
    }
    assert not stale, (
        "English changed since translation; update the Spanish, then run "
        f"`python -m backpain_aid.translation_record {LANG} --accept KEY...`: {stale}"
    )


# --- Reading level ------------------------------------------------------------------------------


@pytest.mark.parametrize(("where", "value"), SENTENCES, ids=[where for where, _ in SENTENCES])
def test_reading_ease_is_fairly_easy_or_easier(where, value):
    assert ease(value) >= MIN_EASE, f"{where} scores {ease(value):.1f} (Fernández-Huerta): {value}"


@pytest.mark.parametrize("group", sorted(LABEL_GROUPS))
def test_short_labels_are_fairly_easy_together(group):
    joined = ". ".join(LABEL_GROUPS[group]) + "."
    assert ease(joined) >= MIN_EASE, f"labels in {group} score {ease(joined):.1f}"


def test_szigriszt_pazos_agrees_over_the_whole_text():
    # The second Spanish formula (INFLESZ: 55-65 "normal", 65-80 "bastante fácil") over everything.
    corpus = " ".join(plain(es).strip().rstrip(".") + "." for _, _, es in ALL_PAIRS if es)
    assert SPANISH.szigriszt_pazos(corpus) >= 65


def test_every_exempt_term_is_used():
    # The list stays short: a name no Spanish text uses has no reason to be on it.
    texts = " ".join(es for _, _, es in ALL_PAIRS)
    unused = [term for term in exempt_terms() if not term_pattern(term).search(texts)]
    assert not unused


def reading_figures() -> dict[str, tuple[float, float]]:
    """Min and median Fernández-Huerta per file or table, for the report and docs."""
    scores: dict[str, list[float]] = {}
    for where, value in SENTENCES:
        scores.setdefault(group_of(where), []).append(ease(value))
    return {group: (min(found), statistics.median(found)) for group, found in sorted(scores.items())}


# --- Numbers and dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang", "written"),
    [
        (1.5, "es", "1,5"),
        (1.5, "en", "1.5"),
        (12, "es", "12"),
        (12.0, "es", "12"),
        (0.25, "es", "0,25"),
        (-3.5, "es", "-3,5"),
        (2_000_000, "es", "2000000"),
    ],
)
def test_format_number(value, lang, written):
    assert format_number(value, lang) == written


def test_format_date_follows_the_language():
    assert format_date(date(2026, 12, 1), "en") == "2026-12-01"
    assert format_date(date(2026, 12, 1), "es") == "01/12/2026"


def test_unknown_language_fails_loudly():
    with pytest.raises(UnknownLanguageError, match="'fr'"):
        format_number(1, "fr")
    with pytest.raises(UnknownLanguageError, match="'fr'"):
        load_content(lang="fr")
    with pytest.raises(UnknownLanguageError, match="'fr'"):
        load_evidence(lang="fr")


def a_mean_difference_with_a_decimal():
    return next(
        o
        for o in SPANISH_EVIDENCE.outcomes
        if o.measure == "mean_difference" and round(abs(o.md_value), 1) % 1 and o.md_low is not None
    )


def test_sentences_write_decimals_as_the_language_does():
    outcome = a_mean_difference_with_a_decimal()
    amount = format_points(outcome.md_value)
    spanish = describe_outcome(outcome, SPANISH_EVIDENCE, SPANISH_TEXT).sentence
    english = describe_outcome(outcome, ENGLISH_EVIDENCE, ENGLISH_TEXT).sentence
    assert amount.replace(".", ",") in spanish and amount in english
    assert "En promedio" in spanish
    clinician = consultation.figure_result(outcome, SPANISH_EVIDENCE, SPANISH_TEXT)
    assert format_number(abs(outcome.md_value), "es") in clinician


def test_verdict_thresholds_and_evidence_dates_follow_the_language():
    with_threshold = next(
        v
        for v in (verdicts.judge(o, SPANISH_EVIDENCE) for o in SPANISH_EVIDENCE.outcomes)
        if v.effect is not None and v.effect.smallest_change % 1
    )
    reason = verdicts.reason(with_threshold, SPANISH_TEXT)
    assert format_number(with_threshold.effect.smallest_change, "es") in reason
    values = SPANISH_EVIDENCE.meta.text_values(LANG)
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", values["last_reviewed"])


# --- The locale layer refuses a broken translation ----------------------------------------------


def content_pair(tmp_path: Path, english: dict, spanish: dict | None) -> Path:
    (tmp_path / LANG).mkdir()
    (tmp_path / "page.yaml").write_text(yaml.safe_dump(english, allow_unicode=True), encoding="utf-8")
    if spanish is not None:
        (tmp_path / LANG / "page.yaml").write_text(
            yaml.safe_dump(spanish, allow_unicode=True), encoding="utf-8"
        )
    return tmp_path


ENGLISH_PAGE = {
    "title": "Hello {name}",
    "items": [{"id": "one", "text": "First", "source_ids": ["a"], "if": "rule"}],
    "limit": 3,
}
SPANISH_PAGE = {"title": "Hola {name}", "items": [{"id": "one", "text": "Primero"}]}


def test_a_good_translation_is_laid_over_the_english(tmp_path):
    content = load_content(content_pair(tmp_path, ENGLISH_PAGE, SPANISH_PAGE), LANG)
    assert content("page.title", name="Ana") == "Hola Ana"
    assert content.node("page.items")[0] == {
        "id": "one",
        "text": "Primero",
        "source_ids": ["a"],
        "if": "rule",
    }
    assert content.node("page.limit") == 3


@pytest.mark.parametrize(
    ("spanish", "message"),
    [
        ({"items": SPANISH_PAGE["items"]}, "es/page.yaml, key 'title': text is missing"),
        ({**SPANISH_PAGE, "subtitle": "Extra"}, "es/page.yaml, key 'subtitle': no such key in English"),
        ({**SPANISH_PAGE, "title": "Hola {nombre}"}, "key 'title': placeholders ['nombre'] do not match"),
        ({**SPANISH_PAGE, "title": "Hola"}, "key 'title': placeholders [] do not match the English ['name']"),
        ({**SPANISH_PAGE, "items": []}, "key 'items': must be a list of 1 items, as in English (has 0)"),
        ({**SPANISH_PAGE, "items": [{"id": "two", "text": "x"}]}, "key 'items[0].id': is 'two', the English"),
        (
            {**SPANISH_PAGE, "items": [{"text": "x", "if": "otra"}]},
            "key 'items[0].if': comes from the English",
        ),
        ({**SPANISH_PAGE, "limit": 4}, "key 'limit': comes from the English file"),
        ({**SPANISH_PAGE, "title": "  "}, "es/page.yaml, key 'title': text is empty"),
        ({**SPANISH_PAGE, "title": ["Hola"]}, "key 'title': must be a text, as in English"),
    ],
    ids=[
        "missing",
        "extra",
        "renamed-placeholder",
        "dropped-placeholder",
        "short-list",
        "other-id",
        "rule",
        "number",
        "empty",
        "not-text",
    ],
)
def test_a_broken_translation_fails_naming_file_and_key(tmp_path, spanish, message):
    with pytest.raises(ContentError, match=re.escape(message)):
        load_content(content_pair(tmp_path, ENGLISH_PAGE, spanish), LANG)


def test_a_missing_translation_file_fails(tmp_path):
    folder = content_pair(tmp_path, ENGLISH_PAGE, SPANISH_PAGE)
    (folder / "other.yaml").write_text("title: Other\n", encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape("es/other.yaml: file is missing")):
        load_content(folder, LANG)


def test_a_translation_with_no_english_file_fails(tmp_path):
    folder = content_pair(tmp_path, ENGLISH_PAGE, SPANISH_PAGE)
    (folder / LANG / "gone.yaml").write_text("title: Ido\n", encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape("es/gone.yaml: there is no English gone.yaml")):
        load_content(folder, LANG)


def test_an_english_text_added_without_spanish_fails(data_copy):
    path = data_copy / "content" / "about.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "new_title: Something new\n", encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape("es/about.yaml, key 'new_title': text is missing")):
        load_content(data_copy / "content", LANG)


def edit_spanish_table(table: str, change) -> callable:
    def edit(data: Path) -> None:
        header, rows = read_rows(data / LANG / f"{table}.csv")
        header, rows = change(header, rows)
        write_rows(data / LANG / f"{table}.csv", header, rows)

    return edit


def set_spanish_cell(table: str, index: int, field: str, value: str):
    def change(header, rows):
        rows[index][field] = value
        return header, rows

    return edit_spanish_table(table, change)


def english_row_line(table: str, key: str) -> int:
    _, rows = read_rows(DATA_DIR / f"{table}.csv")
    ids = ["/".join(row[name] for name in key_columns(table)) for row in rows]
    return ids.index(key) + 2


FIRST_OPTION = read_rows(DATA_DIR / LANG / "options.csv")[1][0]["id"]
FIRST_STANCE = read_rows(DATA_DIR / LANG / "stances.csv")[1][0]
FIRST_STANCE_KEY = "/".join(FIRST_STANCE[name] for name in key_columns("stances"))

# (case id, how to break data/es, file, row or None, field, words in the message)
BROKEN_TRANSLATIONS = [
    (
        "row-missing",
        edit_spanish_table("options", lambda h, r: (h, r[1:])),
        "es/options.csv",
        None,
        "id",
        f"'{FIRST_OPTION}' (options.csv row {english_row_line('options', FIRST_OPTION)}) has no translation",
    ),
    (
        "row-extra",
        edit_spanish_table("options", lambda h, r: (h, [*r, {**r[0], "id": "no_such_option"}])),
        "es/options.csv",
        len(read_rows(DATA_DIR / LANG / "options.csv")[1]) + 2,
        "id",
        "'no_such_option' is not a row of options.csv",
    ),
    (
        "row-twice",
        edit_spanish_table("options", lambda h, r: (h, [*r, dict(r[0])])),
        "es/options.csv",
        len(read_rows(DATA_DIR / LANG / "options.csv")[1]) + 2,
        "id",
        f"'{FIRST_OPTION}' is translated twice",
    ),
    (
        "pair-key-missing",
        edit_spanish_table("stances", lambda h, r: (h, r[1:])),
        "es/stances.csv",
        None,
        "option_id",
        f"'{FIRST_STANCE_KEY}' (stances.csv row {english_row_line('stances', FIRST_STANCE_KEY)})",
    ),
    (
        "unknown-column",
        edit_spanish_table("stances", lambda h, r: ([*h, "year"], [{**row, "year": "2020"} for row in r])),
        "es/stances.csv",
        1,
        "year",
        "column is not text that is translated",
    ),
    (
        "keys-out-of-order",
        edit_spanish_table(
            "stances",
            lambda h, r: (["condition_id", "option_id", *h[2:]], r),
        ),
        "es/stances.csv",
        1,
        "-",
        "the header must start with option_id, condition_id, guideline_id",
    ),
    (
        "empty-cell",
        set_spanish_cell("options", 0, "description", ""),
        "es/options.csv",
        2,
        "description",
        "is empty, but English has text here",
    ),
    (
        "placeholder",
        set_spanish_cell("options", 0, "description", "Texto con {marcador} que el inglés no tiene."),
        "es/options.csv",
        2,
        "description",
        "placeholders ['marcador'] do not match the English []",
    ),
    (
        "too-long-for-the-row",
        set_spanish_cell("options", 0, "at_a_glance", "x" * 91),
        "es/options.csv",
        2,
        "at_a_glance",
        "at most 90 characters",
    ),
    (
        "file-missing",
        lambda data: (data / LANG / "ladder.csv").unlink(),
        "es/ladder.csv",
        None,
        "-",
        "file is missing",
    ),
    (
        "statement-missing",
        lambda data: (data / LANG / "evidence.yaml").write_text("update_policy: Algo\n", encoding="utf-8"),
        "es/evidence.yaml",
        None,
        "funding_statement",
        "text is missing",
    ),
    (
        "statement-unknown",
        lambda data: (data / LANG / "evidence.yaml").write_text(
            (DATA_DIR / LANG / "evidence.yaml").read_text(encoding="utf-8") + "version: '9.9.9'\n",
            encoding="utf-8",
        ),
        "es/evidence.yaml",
        None,
        "version",
        "not a translated statement",
    ),
]


@pytest.mark.parametrize(
    ("case", "breaks", "file", "row", "field", "words"),
    BROKEN_TRANSLATIONS,
    ids=[case[0] for case in BROKEN_TRANSLATIONS],
)
def test_a_broken_evidence_translation_fails_naming_file_row_and_field(
    data_copy, case, breaks, file, row, field, words
):
    breaks(data_copy)
    with pytest.raises(EvidenceError) as raised:
        load_evidence(data_copy, LANG)
    where = f"row {row}" if row is not None else "whole file"
    expected = f"{file}, {where}, field '{field}': "
    assert any(str(p).startswith(expected) and words in str(p) for p in raised.value.problems), str(
        raised.value
    )
    load_evidence(data_copy)  # the English still loads: a broken translation never stops English


def test_the_record_lists_an_english_change(data_copy):
    before = records(LANG, data_copy)[0].out_of_date()
    path = data_copy / "content" / "about.yaml"
    text = path.read_text(encoding="utf-8").replace("All sources", "Every source")
    path.write_text(text, encoding="utf-8")
    record = records(LANG, data_copy)[0]
    assert record.path == data_copy / "content" / LANG / RECORD_FILE
    changed = {"about.sources_title": "English changed since it was translated"}
    assert record.out_of_date() == {**before, **changed}
    record.accept({"about.sources_title"}, LANG)
    assert record.out_of_date() == before
