"""docs/evidence-data.md against the files and models it describes: every column of every data/*.csv
and every field of every row model is documented, and nothing is documented that does not exist."""

import csv
import inspect
import re

import pytest
from pydantic import BaseModel

from backpain_aid.evidence import TABLE_FILES
from backpain_aid.evidence import models as evidence_models
from backpain_aid.evidence.loader import META_FILE, VERDICT_RULES_FILE
from backpain_aid.evidence.models import EvidenceMeta, Row, VerdictRules
from backpain_aid.paths import DATA_DIR, PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "evidence-data.md"
#: A section heading that names one data file: ### `options.csv`
FILE_HEADING = re.compile(r"^#+\s+`([\w.]+\.(?:csv|yaml))`\s*$")
#: The models kept in YAML rather than CSV, by file.
YAML_MODELS: dict[str, type[Row]] = {META_FILE: EvidenceMeta, VERDICT_RULES_FILE: VerdictRules}


def documented_names(doc: str) -> dict[str, list[str]]:
    """For each data file with a section of its own, the names in the first cell of its table rows,
    in order ("`md_value`, `md_low`" documents two columns)."""
    found: dict[str, list[str]] = {}
    current = None
    for line in doc.splitlines():
        heading = FILE_HEADING.match(line)
        if heading:
            current = heading.group(1)
            assert current not in found, f"{current} has two sections in {DOC.name}"
            found[current] = []
        elif line.startswith("#"):
            current = None
        elif current and line.startswith("|"):
            first_cell = line.strip("|").split("|")[0]
            if set(first_cell.strip()) <= {"-", " "} or first_cell.strip() in {"column", "key"}:
                continue  # the header row and the line under it
            names = re.findall(r"`([^`]+)`", first_cell)
            assert names, f"{current}: a table row names no column in backticks: {line}"
            found[current] += names
    return found


@pytest.fixture(scope="module")
def documented() -> dict[str, list[str]]:
    return documented_names(DOC.read_text(encoding="utf-8"))


def csv_header(file: str) -> list[str]:
    with (DATA_DIR / file).open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


def model_names(model: type[BaseModel], prefix: str = "") -> list[str]:
    """A model's fields; a field that is itself a model is documented as its own dotted fields."""
    names = []
    for name, field in model.model_fields.items():
        kind = field.annotation
        if inspect.isclass(kind) and issubclass(kind, BaseModel):
            names += model_names(kind, f"{prefix}{name}.")
        else:
            names.append(f"{prefix}{name}")
    return names


def test_every_csv_file_in_data_has_its_section_and_is_read_by_the_loader(documented):
    files = sorted(path.name for path in DATA_DIR.glob("*.csv"))
    assert files == sorted(file for file, _ in TABLE_FILES.values())
    assert sorted(name for name in documented if name.endswith(".csv")) == files


@pytest.mark.parametrize("file", sorted(file for file, _ in TABLE_FILES.values()))
def test_the_doc_lists_each_csv_column_in_file_order_and_no_other(file, documented):
    assert documented[file] == csv_header(file)


@pytest.mark.parametrize("table", sorted(TABLE_FILES))
def test_each_row_model_has_the_fields_the_doc_lists(table, documented):
    file, model = TABLE_FILES[table]
    assert documented[file] == model_names(model)


@pytest.mark.parametrize("file", sorted(YAML_MODELS))
def test_the_doc_lists_each_yaml_key_of_its_model_and_no_other(file, documented):
    assert documented[file] == model_names(YAML_MODELS[file])


def test_every_row_model_is_documented():
    """A new model in models.py needs its file here (and its section in the doc)."""
    defined = {
        model
        for _, model in inspect.getmembers(evidence_models, inspect.isclass)
        if issubclass(model, Row) and model is not Row and model.__module__ == evidence_models.__name__
    }
    nested = {
        field.annotation
        for model in YAML_MODELS.values()
        for field in model.model_fields.values()
        if inspect.isclass(field.annotation) and issubclass(field.annotation, Row)
    }
    assert defined == {model for _, model in TABLE_FILES.values()} | set(YAML_MODELS.values()) | nested


def test_the_check_finds_a_missing_and_an_invented_column():
    """The parser the tests above rely on sees both kinds of mistake."""
    doc = (
        "### `scales.csv`\n\n| column | meaning |\n| --- | --- |\n| `id` | id |\n"
        "| `low_end`, `high_end` | ends |\n| `colour` | not a column |\n## Next\n| `x` | outside |\n"
    )
    listed = documented_names(doc)["scales.csv"]
    assert listed == ["id", "low_end", "high_end", "colour"]
    header = csv_header("scales.csv")
    assert set(header) - set(listed) and set(listed) - set(header)
