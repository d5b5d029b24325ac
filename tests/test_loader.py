"""The loader accepts the bundled data and rejects each kind of broken data with a message that
names the file, the row and the field."""

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from backpain_aid import check_data
from backpain_aid.evidence import TABLE_FILES, EvidenceError, load_evidence
from backpain_aid.paths import PROJECT_ROOT
from tests.conftest import read_rows, write_rows


def test_bundled_data_loads(evidence):
    assert evidence.meta.version
    assert len(evidence.options) >= 19


def set_cell(file: str, index: int, field: str, value: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        header, rows = read_rows(data / file)
        rows[index][field] = value
        write_rows(data / file, header, rows)

    return edit


def copy_row(file: str, index: int) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        header, rows = read_rows(data / file)
        write_rows(data / file, header, [*rows, dict(rows[index])])

    return edit


def drop_column(file: str, field: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        header, rows = read_rows(data / file)
        kept = [name for name in header if name != field]
        write_rows(data / file, kept, [{k: v for k, v in row.items() if k != field} for row in rows])

    return edit


def append_line(file: str, line: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        with (data / file).open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    return edit


def remove_rows(file: str, keep: Callable[[dict[str, str]], bool]) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        header, rows = read_rows(data / file)
        write_rows(data / file, header, [row for row in rows if keep(row)])

    return edit


def replace_text(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    return edit


def delete_file(file: str) -> Callable[[Path], None]:
    return lambda data: (data / file).unlink()


def write_bytes(file: str, content: bytes) -> Callable[[Path], None]:
    return lambda data: (data / file).write_bytes(content)


# (case id, how to break the data, file, row or None, field) - rows are line numbers, header = 1.
BROKEN_DATA = [
    ("missing file", delete_file("outcomes.csv"), "outcomes.csv", None, "-"),
    ("missing column", drop_column("options.csv", "description"), "options.csv", 1, "description"),
    ("unknown column", replace_text("sources.csv", "publisher", "publsher"), "sources.csv", 1, "publsher"),
    ("extra field", append_line("conditions.csv", "a,b,c,d,e"), "conditions.csv", 5, "-"),
    ("short row", append_line("conditions.csv", "x_y,Name"), "conditions.csv", 5, "-"),
    ("unclosed quote", append_line("scales.csv", 'pain_x,"a pain scale,0,10,lower'), "scales.csv", 8, "-"),
    (
        "unknown vocabulary",
        set_cell("outcomes.csv", 0, "certainty", "medium"),
        "outcomes.csv",
        2,
        "certainty",
    ),
    (
        "out of range",
        set_cell("outcomes.csv", 0, "option_per_100", "140"),
        "outcomes.csv",
        2,
        "option_per_100",
    ),
    (
        "not a number",
        set_cell("outcomes.csv", 0, "timeframe_weeks", "soon"),
        "outcomes.csv",
        2,
        "timeframe_weeks",
    ),
    ("bad yes/no", set_cell("ladder.csv", 0, "needles", "maybe"), "ladder.csv", 2, "needles"),
    ("bad year", set_cell("sources.csv", 0, "year", "20166"), "sources.csv", 2, "year"),
    ("bad url", set_cell("sources.csv", 0, "doi_or_url", "nice.org.uk"), "sources.csv", 2, "doi_or_url"),
    ("duplicate id", copy_row("sources.csv", 0), "sources.csv", None, "id"),
    (
        "unknown reference",
        set_cell("outcomes.csv", 0, "source_id", "nobody_2020"),
        "outcomes.csv",
        2,
        "source_id",
    ),
    (
        "unknown ladder step",
        set_cell("options.csv", 0, "ladder_step", "magic"),
        "options.csv",
        2,
        "ladder_step",
    ),
    (
        "unknown condition",
        set_cell("stances.csv", 0, "condition_id", "neck_pain"),
        "stances.csv",
        2,
        "condition_id",
    ),
    (
        "bad date",
        replace_text("evidence.yaml", "last_reviewed: 20", "last_reviewed: 31-"),
        "evidence.yaml",
        None,
        "last_reviewed",
    ),
    (
        "review dates backwards",
        replace_text("evidence.yaml", "next_review: 20", "next_review: 19"),
        "evidence.yaml",
        None,
        "-",
    ),
    (
        "interval not around value",
        set_cell("outcomes.csv", 0, "option_per_100_low", "99"),
        "outcomes.csv",
        2,
        "-",
    ),
    # Hand edits in a spreadsheet or a text editor.
    ("not UTF-8", write_bytes("conditions.csv", b"id,name\nx,caf\xe9\n"), "conditions.csv", 2, "-"),
    ("empty file", write_bytes("scales.csv", b""), "scales.csv", 1, "id"),
    ("missing yaml", delete_file("evidence.yaml"), "evidence.yaml", None, "-"),
    ("yaml not a mapping", write_bytes("evidence.yaml", b"- a list\n"), "evidence.yaml", None, "-"),
    (
        "negative number",
        set_cell("outcomes.csv", 0, "option_per_100", "-3"),
        "outcomes.csv",
        2,
        "option_per_100",
    ),
    (
        "not a finite number",
        set_cell("outcomes.csv", 0, "option_per_100", "nan"),
        "outcomes.csv",
        2,
        "option_per_100",
    ),
    ("blank required field", set_cell("options.csv", 0, "name", ""), "options.csv", 2, "name"),
    ("duplicate id row", copy_row("conditions.csv", 0), "conditions.csv", 5, "id"),
    (
        "unknown option id",
        set_cell("outcomes.csv", 0, "option_id", "magic_cure"),
        "outcomes.csv",
        2,
        "option_id",
    ),
    # The thresholds and rules behind every verdict.
    (
        "no smallest change",
        set_cell("scales.csv", 0, "smallest_change", ""),
        "scales.csv",
        2,
        "smallest_change",
    ),
    ("smallest change too big", set_cell("scales.csv", 0, "smallest_change", "100"), "scales.csv", 2, "-"),
    (
        "unknown threshold source",
        set_cell("scales.csv", 0, "smallest_change_source_id", "nobody_2020"),
        "scales.csv",
        2,
        "smallest_change_source_id",
    ),
    ("ratio interval half given", set_cell("outcomes.csv", 0, "ratio_low", "2"), "outcomes.csv", 2, "-"),
    (
        "test result without a figure",
        set_cell("outcomes.csv", 2, "source_test", "significant"),
        "outcomes.csv",
        4,
        "-",
    ),
    (
        "unknown test result",
        set_cell("outcomes.csv", 0, "source_test", "sort of"),
        "outcomes.csv",
        2,
        "source_test",
    ),
    (
        "weak evidence called clear",
        replace_text("verdict_rules.yaml", "[moderate, high]", "[low, moderate, high]"),
        "verdict_rules.yaml",
        None,
        "clear_needs_certainty",
    ),
    ("missing verdict rules", delete_file("verdict_rules.yaml"), "verdict_rules.yaml", None, "-"),
]


@pytest.mark.parametrize(
    ("edit", "file", "row", "field"),
    [case[1:] for case in BROKEN_DATA],
    ids=[case[0] for case in BROKEN_DATA],
)
def test_broken_data_names_file_row_and_field(data_copy, edit, file, row, field):
    edit(data_copy)
    with pytest.raises(EvidenceError) as raised:
        load_evidence(data_copy)
    matching = [p for p in raised.value.problems if p.file == file and (row is None or p.row == row)]
    assert matching, str(raised.value)
    assert any(field in (p.field, "-") or p.field.startswith(field) for p in matching), str(raised.value)
    message = str(raised.value)
    assert file in message
    if row is not None:
        assert f"row {row}" in message


def first_outcome_row_for_reference(data: Path) -> int:
    _, rows = read_rows(data / "outcomes.csv")
    return next(i for i, row in enumerate(rows) if row["option_id"] == "no_treatment")


def test_events_with_a_comparator_need_its_figure(data_copy):
    _, rows = read_rows(data_copy / "outcomes.csv")
    index = next(i for i, row in enumerate(rows) if row["measure"] == "events" and row["comparator_per_100"])
    set_cell("outcomes.csv", index, "comparator_per_100", "")(data_copy)
    with pytest.raises(
        EvidenceError, match=rf"outcomes.csv, row {index + 2}, .*comparator_per_100 is required"
    ):
        load_evidence(data_copy)


def test_reference_option_must_use_no_comparator(data_copy):
    index = first_outcome_row_for_reference(data_copy)
    set_cell("outcomes.csv", index, "comparator_id", "placebo")(data_copy)
    set_cell("outcomes.csv", index, "comparator_per_100", "10")(data_copy)
    with pytest.raises(EvidenceError, match=r"outcomes.csv, row \d+, field 'comparator_id'"):
        load_evidence(data_copy)


def test_every_option_condition_needs_a_harm_row(data_copy, evidence):
    pair = evidence.option_conditions[1]
    harm_types = {t.id for t in evidence.outcome_types.values() if t.kind == "harm"}
    remove_rows(
        "outcomes.csv",
        lambda row: (
            not (
                (row["option_id"], row["condition_id"]) == (pair.option_id, pair.condition_id)
                and row["outcome_type_id"] in harm_types
            )
        ),
    )(data_copy)
    with pytest.raises(
        EvidenceError, match=rf"no harm row in outcomes.csv for \({pair.option_id}, {pair.condition_id}\)"
    ):
        load_evidence(data_copy)


def test_two_headlines_are_rejected(data_copy, evidence):
    headline = next(o for o in evidence.outcomes if o.headline)
    _, rows = read_rows(data_copy / "outcomes.csv")
    twin = next(i for i, row in enumerate(rows) if row["id"] == headline.id)
    copy_row("outcomes.csv", twin)(data_copy)
    set_cell("outcomes.csv", len(rows), "id", headline.id + "_twin")(data_copy)
    with pytest.raises(EvidenceError, match="needs exactly one headline"):
        load_evidence(data_copy)


def test_missing_stance_is_rejected(data_copy, evidence):
    stance = evidence.stances[0]
    remove_rows(
        "stances.csv",
        lambda row: (
            row
            != {
                **row,
                "option_id": stance.option_id,
                "condition_id": stance.condition_id,
                "guideline_id": stance.guideline_id,
            }
        ),
    )(data_copy)
    with pytest.raises(EvidenceError, match="no stance from"):
        load_evidence(data_copy)


def test_unused_source_is_rejected(data_copy):
    append_line(
        "sources.csv", "unused_2020,Nobody A,2020,A title here,A journal,https://doi.org/10.1/x,trial,"
    )(data_copy)
    with pytest.raises(EvidenceError, match="source is not used"):
        load_evidence(data_copy)


def test_disagreement_needs_a_note(data_copy, evidence):
    disputed = next(
        p for p in evidence.option_conditions if evidence.guidelines_disagree(p.option_id, p.condition_id)
    )
    _, rows = read_rows(data_copy / "option_conditions.csv")
    index = next(
        i
        for i, row in enumerate(rows)
        if (row["option_id"], row["condition_id"]) == (disputed.option_id, disputed.condition_id)
    )
    set_cell("option_conditions.csv", index, "guideline_note", "")(data_copy)
    with pytest.raises(EvidenceError, match="guidelines disagree"):
        load_evidence(data_copy)


def test_all_problems_are_reported_together(data_copy):
    set_cell("outcomes.csv", 0, "certainty", "medium")(data_copy)
    set_cell("sources.csv", 0, "year", "1800")(data_copy)
    with pytest.raises(EvidenceError) as raised:
        load_evidence(data_copy)
    assert {p.file for p in raised.value.problems} >= {"outcomes.csv", "sources.csv"}


def test_table_files_are_all_in_data(evidence):
    from backpain_aid.paths import DATA_DIR

    for file, _ in TABLE_FILES.values():
        assert (DATA_DIR / file).is_file()


def test_a_byte_order_mark_is_not_part_of_the_header(data_copy):
    path = data_copy / "conditions.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # "UTF-8 with BOM", as Excel saves it
    assert load_evidence(data_copy).conditions


def test_the_check_refuses_broken_data_naming_file_row_and_field(data_copy):
    """`make run` and the container run this before serving, so broken data stops the start."""
    set_cell("outcomes.csv", 0, "certainty", "medium")(data_copy)
    done = subprocess.run(
        [sys.executable, "-m", "backpain_aid.check_data", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert done.returncode == 1
    assert "outcomes.csv, row 2, field 'certainty'" in done.stderr


def test_the_check_refuses_broken_content(data_copy):
    (data_copy / "content" / "common.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "backpain_aid.check_data", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert done.returncode == 1
    assert "common.yaml" in done.stderr


def test_the_check_refuses_broken_scoring_rules(data_copy, capsys):
    """Rules that a page parses from content are checked before serving too, not on first visit."""
    rules = data_copy / "content" / "values.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("kind: harm_verdict", "kind: guess", 1))
    assert check_data.main([str(data_copy)]) == 1
    assert "values.yaml" in capsys.readouterr().err


def test_the_app_shows_only_the_data_problem_when_data_is_broken(data_copy, monkeypatch):
    """If the server is started without the check, every page shows the problem and nothing else."""
    from streamlit.testing.v1 import AppTest

    import ui.cache

    set_cell("outcomes.csv", 0, "option_per_100", "140")(data_copy)
    monkeypatch.setattr(ui.cache, "load_evidence", lambda lang: load_evidence(data_copy, lang))
    ui.cache.evidence_for.clear()
    try:
        app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    finally:
        ui.cache.evidence_for.clear()
    assert not app.exception
    assert "outcomes.csv, row 2, field 'option_per_100'" in app.error[0].value
    assert not app.title
