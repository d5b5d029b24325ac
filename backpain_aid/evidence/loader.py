"""Load the evidence files in data/ and refuse to go on if any of them is wrong.

Every problem names the file, the row (the line number in the file, header = line 1) and the
field, so whoever edited the file can find and fix it. All problems are collected and reported
together rather than one per start-up.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Generic

import yaml
from pydantic import ValidationError
from typing_extensions import TypeVar

from backpain_aid.content import load_content
from backpain_aid.evidence.models import (
    NO_COMPARATOR_ID,
    NOT_APPLICABLE_COMPARATOR_ID,
    REFERENCE_OPTION_ID,
    Comparator,
    Condition,
    EvidenceMeta,
    Guideline,
    Identified,
    LadderStep,
    Option,
    OptionCondition,
    Outcome,
    OutcomeType,
    Row,
    RowT,
    Scale,
    Source,
    Stance,
    VerdictRules,
    stances_disagree,
)
from backpain_aid.evidence.store import Evidence
from backpain_aid.evidence.translation import translate_meta, translate_tables
from backpain_aid.language import DEFAULT_LANGUAGE, check_language
from backpain_aid.paths import DATA_DIR

#: What a Located holds; a bare `Located` holds any row (typing_extensions: TypeVar defaults, PEP 696).
LocatedRowT = TypeVar("LocatedRowT", bound=Row, default=Row, covariant=True)

META_FILE = "evidence.yaml"
VERDICT_RULES_FILE = "verdict_rules.yaml"

#: Every evidence table: file name and the model of one row. Declared once; the loader,
#: the docs and the broken-data tests all read this.
TABLE_FILES: dict[str, tuple[str, type[Row]]] = {
    "conditions": ("conditions.csv", Condition),
    "ladder": ("ladder.csv", LadderStep),
    "comparators": ("comparators.csv", Comparator),
    "scales": ("scales.csv", Scale),
    "outcome_types": ("outcome_types.csv", OutcomeType),
    "guidelines": ("guidelines.csv", Guideline),
    "sources": ("sources.csv", Source),
    "options": ("options.csv", Option),
    "option_conditions": ("option_conditions.csv", OptionCondition),
    "stances": ("stances.csv", Stance),
    "outcomes": ("outcomes.csv", Outcome),
}


@dataclass(frozen=True)
class DataProblem:
    file: str
    row: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row is not None else "whole file"
        return f"{self.file}, {where}, field '{self.field}': {self.message}"


class EvidenceError(Exception):
    """The evidence files are broken; the app must not start on them."""

    def __init__(self, problems: list[DataProblem]):
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"The evidence data has {len(problems)} problem(s):\n{lines}")


@dataclass(frozen=True)
class Located(Generic[LocatedRowT]):
    """A validated row and the line it came from."""

    line: int
    row: LocatedRowT


def _located(tables: dict[str, list[Located]], table: str, model: type[RowT]) -> list[Located[RowT]]:
    """One table's rows typed as its model (TABLE_FILES says which), for the cross-checks."""
    return [Located(item.line, row) for item in tables[table] if isinstance(row := item.row, model)]


class _Reader:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.problems: list[DataProblem] = []

    def problem(self, file: str, row: int | None, field: str, message: str) -> None:
        self.problems.append(DataProblem(file, row, field, message))

    def invalid(self, file: str, row: int | None, error: ValidationError) -> None:
        """Each field a row's model refused, as a problem of its own."""
        for detail in error.errors():
            field = ".".join(str(part) for part in detail["loc"]) or "-"
            self.problem(file, row, field, detail["msg"])

    def read_text(self, file: str) -> str | None:
        """The file's text, or None after naming the problem: missing, or not UTF-8 (hand edits in
        spreadsheet programs often save another encoding)."""
        path = self.data_dir / file
        if not path.is_file():
            self.problem(file, None, "-", "file is missing")
            return None
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8-sig")  # a byte-order mark, as Excel writes, is not part of the header
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            self.problem(file, line, "-", "not UTF-8 text: save the file as UTF-8")
            return None

    def read_table(self, file: str, model: type[RowT]) -> list[Located]:
        content = self.read_text(file)
        if content is None:
            return []
        expected = list(model.model_fields)
        located: list[Located] = []
        with io.StringIO(content, newline="") as handle:
            reader = csv.DictReader(handle, strict=True)
            try:
                header = reader.fieldnames or []
                missing = [name for name in expected if name not in header]
                unknown = [name for name in header if name not in expected]
                for name in missing:
                    self.problem(file, 1, name, "column is missing from the header")
                for name in unknown:
                    self.problem(file, 1, name, "column is not known (check its spelling)")
                if missing or unknown:
                    return []
                record_start = 2  # a quoted field may span lines: report where a record starts
                for raw in reader:
                    line, record_start = record_start, reader.line_num + 1
                    if None in raw:
                        self.problem(file, line, "-", "row has more fields than the header")
                        continue
                    if any(value is None for value in raw.values()):
                        self.problem(file, line, "-", "row has fewer fields than the header")
                        continue
                    try:
                        located.append(Located(line, model.model_validate(raw)))
                    except ValidationError as error:
                        self.invalid(file, line, error)
            except csv.Error as error:
                self.problem(file, record_start, "-", f"not valid CSV from this row on: {error}")
        if not located and not any(p.file == file for p in self.problems):
            self.problem(file, None, "-", "file has no rows")
        return located

    def read_yaml(self, file: str, model: type[RowT]) -> RowT | None:
        content = self.read_text(file)
        if content is None:
            return None
        try:
            raw = yaml.safe_load(content)
        except yaml.YAMLError as error:
            self.problem(file, None, "-", f"not valid YAML: {error}")
            return None
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            self.invalid(file, None, error)
            return None


def load_evidence(data_dir: Path = DATA_DIR, lang: str = DEFAULT_LANGUAGE) -> Evidence:
    """Read, validate and cross-check every evidence file; raise EvidenceError if any is wrong.
    For another language, its translation in data/<lang>/ replaces the text patients read."""
    check_language(lang)
    reader = _Reader(Path(data_dir))
    meta = reader.read_yaml(META_FILE, EvidenceMeta)
    rules = reader.read_yaml(VERDICT_RULES_FILE, VerdictRules)
    tables = {name: reader.read_table(file, model) for name, (file, model) in TABLE_FILES.items()}
    if reader.problems:
        raise EvidenceError(reader.problems)
    assert meta is not None and rules is not None
    _check_cross_references(reader, tables, rules)
    if reader.problems:
        raise EvidenceError(reader.problems)
    if lang != DEFAULT_LANGUAGE:
        meta = translate_meta(reader, meta, lang, META_FILE)
        files = {name: file for name, (file, _) in TABLE_FILES.items()}
        tables = translate_tables(reader, tables, files, lang)
        if reader.problems:
            raise EvidenceError(reader.problems)
    rows = {name: [item.row for item in located] for name, located in tables.items()}
    return Evidence.build(meta, rules, rows)


def _file(table: str) -> str:
    return TABLE_FILES[table][0]


def _check_cross_references(reader: _Reader, tables: dict[str, list[Located]], rules: VerdictRules) -> None:
    ids = _check_unique_ids(reader, tables)
    _check_references(reader, tables, ids)
    rules_source = rules.events_smallest_change.source_id
    rules_sources = {rules_source} if rules_source is not None else set()
    for source_id in sorted(rules_sources - ids["sources"]):
        reader.problem(
            VERDICT_RULES_FILE,
            None,
            "events_smallest_change.source_id",
            f"'{source_id}' is not an id in {_file('sources')}",
        )
    if reader.problems:
        return  # coverage rules below assume every reference resolves
    _check_option_conditions(reader, tables)
    _check_stance_coverage(reader, tables)
    _check_outcome_coverage(reader, tables)
    _check_sources_used(reader, tables, rules_sources)


def _check_unique_ids(reader: _Reader, tables: dict[str, list[Located]]) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for table, rows in tables.items():
        if "id" not in TABLE_FILES[table][1].model_fields:
            continue
        seen: set[str] = set()
        for item in rows:
            if not isinstance(item.row, Identified):
                continue
            row_id = item.row.id
            if row_id in seen:
                reader.problem(_file(table), item.line, "id", f"duplicate id '{row_id}'")
            seen.add(row_id)
        ids[table] = seen
    ladder = _located(tables, "ladder", LadderStep)
    steps = Counter(item.row.step for item in ladder)
    for item in ladder:
        if steps[item.row.step] > 1:
            reader.problem(_file("ladder"), item.line, "step", "step number is used twice")
    return ids


#: (table, field) -> the table whose ids it must name.
REFERENCES: dict[tuple[str, str], str] = {
    ("options", "ladder_step"): "ladder",
    ("scales", "smallest_change_source_id"): "sources",
    ("option_conditions", "option_id"): "options",
    ("option_conditions", "condition_id"): "conditions",
    ("stances", "option_id"): "options",
    ("stances", "condition_id"): "conditions",
    ("stances", "guideline_id"): "guidelines",
    ("stances", "source_id"): "sources",
    ("outcomes", "option_id"): "options",
    ("outcomes", "condition_id"): "conditions",
    ("outcomes", "outcome_type_id"): "outcome_types",
    ("outcomes", "comparator_id"): "comparators",
    ("outcomes", "md_scale"): "scales",
    ("outcomes", "source_id"): "sources",
}


def _check_references(reader: _Reader, tables: dict[str, list[Located]], ids: dict[str, set[str]]) -> None:
    for (table, field), target in REFERENCES.items():
        for item in tables[table]:
            value = getattr(item.row, field)
            if value is not None and value not in ids[target]:
                reader.problem(_file(table), item.line, field, f"'{value}' is not an id in {_file(target)}")
    for item in _located(tables, "guidelines", Guideline):
        for condition_id in item.row.conditions:
            if condition_id not in ids["conditions"]:
                reader.problem(
                    _file("guidelines"),
                    item.line,
                    "conditions",
                    f"'{condition_id}' is not an id in {_file('conditions')}",
                )
    kinds = {item.row.id: item.row.kind for item in _located(tables, "outcome_types", OutcomeType)}
    for item in _located(tables, "outcomes", Outcome):
        outcome = item.row
        if (
            outcome.comparator_id == NOT_APPLICABLE_COMPARATOR_ID
            and kinds.get(outcome.outcome_type_id) != "harm"
        ):
            reader.problem(
                _file("outcomes"),
                item.line,
                "comparator_id",
                f"'{NOT_APPLICABLE_COMPARATOR_ID}' is only for harms that the treatment itself causes",
            )
        is_reference = outcome.option_id == REFERENCE_OPTION_ID
        if is_reference != (outcome.comparator_id == NO_COMPARATOR_ID):
            reader.problem(
                _file("outcomes"),
                item.line,
                "comparator_id",
                f"'{NO_COMPARATOR_ID}' is for the {REFERENCE_OPTION_ID} option only, and that "
                "option's rows must use it",
            )


def _pairs(tables: dict[str, list[Located]]) -> dict[tuple[str, str], Located[OptionCondition]]:
    located = _located(tables, "option_conditions", OptionCondition)
    return {(item.row.option_id, item.row.condition_id): item for item in located}


def _check_option_conditions(reader: _Reader, tables: dict[str, list[Located]]) -> None:
    seen: set[tuple[str, str]] = set()
    for item in _located(tables, "option_conditions", OptionCondition):
        pair = (item.row.option_id, item.row.condition_id)
        if pair in seen:
            reader.problem(_file("option_conditions"), item.line, "option_id", f"pair {pair} is listed twice")
        seen.add(pair)
    used_options = {option for option, _ in seen}
    for option in _located(tables, "options", Option):
        if option.row.id not in used_options:
            reader.problem(
                _file("options"), option.line, "id", "option is tied to no condition in option_conditions.csv"
            )
    for condition in _located(tables, "conditions", Condition):
        if (REFERENCE_OPTION_ID, condition.row.id) not in seen:
            reader.problem(
                _file("conditions"),
                condition.line,
                "id",
                f"condition has no '{REFERENCE_OPTION_ID}' row in option_conditions.csv to compare against",
            )
    pairs = _pairs(tables)
    linked: list[tuple[str, Located[Stance | Outcome]]] = [
        *(("stances", stance) for stance in _located(tables, "stances", Stance)),
        *(("outcomes", outcome) for outcome in _located(tables, "outcomes", Outcome)),
    ]
    for table, row in linked:
        pair = (row.row.option_id, row.row.condition_id)
        if pair not in pairs:
            message = f"pair {pair} is not in option_conditions.csv"
            reader.problem(_file(table), row.line, "condition_id", message)


def _check_stance_coverage(reader: _Reader, tables: dict[str, list[Located]]) -> None:
    guidelines = {item.row.id: item.row for item in _located(tables, "guidelines", Guideline)}
    by_pair: dict[tuple[str, str], dict[str, Located[Stance]]] = defaultdict(dict)
    for item in _located(tables, "stances", Stance):
        stance = item.row
        pair = (stance.option_id, stance.condition_id)
        guideline = guidelines[stance.guideline_id]
        if stance.condition_id not in guideline.conditions:
            reader.problem(
                _file("stances"),
                item.line,
                "guideline_id",
                f"{guideline.short_name} does not cover {stance.condition_id}",
            )
        if stance.guideline_id in by_pair[pair]:
            reader.problem(
                _file("stances"),
                item.line,
                "guideline_id",
                f"a second stance from {guideline.short_name} for {pair}",
            )
        by_pair[pair][stance.guideline_id] = item
    for pair, pairing in _pairs(tables).items():
        _, condition_id = pair
        for guideline in guidelines.values():
            if (
                guideline.covers_all_options
                and condition_id in guideline.conditions
                and guideline.id not in by_pair[pair]
            ):
                reader.problem(
                    _file("option_conditions"),
                    pairing.line,
                    "option_id",
                    f"no stance from {guideline.short_name} for {pair} in stances.csv",
                )
        if (
            stances_disagree(row.row.stance for row in by_pair[pair].values())
            and len(pairing.row.guideline_note) < 20
        ):
            reader.problem(
                _file("option_conditions"),
                pairing.line,
                "guideline_note",
                "guidelines disagree on this option; say so in plain words",
            )


def _check_outcome_coverage(reader: _Reader, tables: dict[str, list[Located]]) -> None:
    kinds = {item.row.id: item.row.kind for item in _located(tables, "outcome_types", OutcomeType)}
    rows_by_pair_kind: Counter[tuple[str, str, str]] = Counter()
    headlines: dict[tuple[str, str, str], list[Located[Outcome]]] = defaultdict(list)
    for item in _located(tables, "outcomes", Outcome):
        outcome = item.row
        key = (outcome.option_id, outcome.condition_id, kinds[outcome.outcome_type_id])
        rows_by_pair_kind[key] += 1
        if outcome.headline:
            headlines[key].append(item)
    for (option_id, condition_id), pairing in _pairs(tables).items():
        for kind in ("benefit", "harm"):
            key = (option_id, condition_id, kind)
            if not rows_by_pair_kind[key]:
                reader.problem(
                    _file("option_conditions"),
                    pairing.line,
                    "option_id",
                    f"no {kind} row in outcomes.csv for ({option_id}, {condition_id}); "
                    "add one, or a 'no_good_evidence' row",
                )
            elif len(headlines[key]) != 1:
                reader.problem(
                    _file("outcomes"),
                    headlines[key][1].line if headlines[key] else None,
                    "headline",
                    f"({option_id}, {condition_id}) needs exactly one headline {kind}, "
                    f"has {len(headlines[key])}",
                )


def content_source_ids(content_dir: Path) -> dict[str, set[str]]:
    """Source ids cited by the text files in data/content, per file."""
    content = load_content(content_dir)
    return {f"content/{name}.yaml": set(content.source_ids(name)) for name in content.tree}


def _check_sources_used(reader: _Reader, tables: dict[str, list[Located]], also_used: set[str]) -> None:
    sources = _located(tables, "sources", Source)
    known = {item.row.id for item in sources}
    cited = content_source_ids(reader.data_dir / "content")
    for file, ids in cited.items():
        for source_id in sorted(ids - known):
            reader.problem(file, None, "source_ids", f"'{source_id}' is not an id in sources.csv")
    used = {item.row.source_id for item in _located(tables, "stances", Stance)}
    used |= {item.row.source_id for item in _located(tables, "outcomes", Outcome)}
    used |= {item.row.smallest_change_source_id for item in _located(tables, "scales", Scale)}
    used |= also_used | set().union(*cited.values())
    for item in sources:
        if item.row.id not in used:
            reader.problem(_file("sources"), item.line, "id", "source is not used by any stance or outcome")
