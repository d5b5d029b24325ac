"""The person's own file of answers (backpain_aid/patient_file.py) and the "how am I doing now"
checks (backpain_aid/follow_up.py): every answer comes back, the file is valid FHIR, what changed
since is said in plain words, each bad file in tests/bad_files gets its own message, typed text
stays plain text on every surface, and the checks reach the summary, the PDF and the note."""

import dataclasses
import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pypdf import PdfReader

from backpain_aid import follow_up, patient_file, quiz, sure, values
from backpain_aid.answers import CLEANING_FIELDS, Answers, suggested_questions
from backpain_aid.consultation import consultation_note, patient_answers
from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.fhir_export import load_questionnaire
from backpain_aid.follow_up import REGRET_ITEMS, FollowUp
from backpain_aid.ibp_check import criteria_ids
from backpain_aid.medicines import Medicine
from backpain_aid.patient_file import OptionShown, ResultShown, StanceShown
from backpain_aid.pdf import render_pdf
from backpain_aid.safety import red_flag_signs
from backpain_aid.summary import Chart, Paragraph, Table, build_summary
from backpain_aid.verdicts import judge
from tests.fhir_reading import check_against

EVIDENCE = load_evidence()
TEXT = load_content()
TODAY = date(2026, 12, 1)
SAVED_ON = date(2026, 9, 2)
BAD_FILES = Path(__file__).with_name("bad_files")
EXPECTED = yaml.safe_load((BAD_FILES / "expected.yaml").read_text(encoding="utf-8"))
CONDITION = "sciatica"
OPTIONS = ("no_treatment", "gabapentinoids", "epidural_steroid_injection")


def regret(answer: int) -> dict[str, int]:
    return dict.fromkeys(REGRET_ITEMS, answer)


def every_answer() -> Answers:
    """A person who did every step, with two checks: no field is left at its default."""
    asked = quiz.questions(EVIDENCE, TEXT, CONDITION, OPTIONS)
    attributes = values.load_attributes(TEXT, EVIDENCE)
    sure_ids = sure.question_ids(TEXT)
    return Answers(
        condition_id=CONDITION,
        option_ids=OPTIONS,
        pictured_outcome_id=next(iter(EVIDENCE.outcome_types)),
        red_flags_ticked=(red_flag_signs(TEXT)[-1].id,),
        red_flags_done=True,
        ibp_lasted_over_3_months=True,
        ibp_answers={item_id: index % 2 == 0 for index, item_id in enumerate(criteria_ids(TEXT))},
        medicines=(Medicine("Naproxen", "500 mg", "twice a day"), Medicine("Omeprazole", "20 mg", "")),
        weights={attribute.id: index % 5 for index, attribute in enumerate(attributes)},
        leaning="gabapentinoids",
        sure_before={question_id: False for question_id in sure_ids},
        sure_after={question_id: index != 1 for index, question_id in enumerate(sure_ids)},
        quiz_answers={question.id: question.choices[-1].id for question in asked},
        questions=tuple(suggested_questions(TEXT))[:2],
        notes="Can I keep cycling?\nשלום 👍🏽 <b>not bold</b> #emph[no]",
        follow_ups=(
            FollowUp(date(2026, 9, 2), pain=7, activities=6, option_id=follow_up.NOT_STARTED),
            FollowUp(
                date(2026, 11, 20),
                pain=4,
                activities=3,
                option_id="gabapentinoids",
                still_on_it=False,
                sure={question_id: True for question_id in sure_ids},
                regret={item: 2 for item in REGRET_ITEMS},
            ),
        ),
    )


# --- Saving and reading back ------------------------------------------------------------------


def test_every_answer_and_every_check_comes_back():
    answers = every_answer()
    given = [field for field in dataclasses.fields(Answers) if field.name not in CLEANING_FIELDS]
    for field in given:  # a new field fails here until the file carries it
        assert getattr(answers, field.name) != getattr(Answers(), field.name), field.name
    for field in dataclasses.fields(FollowUp):
        assert any(getattr(check, field.name) not in (None, {}) for check in answers.follow_ups), field.name
    result = patient_file.read(patient_file.save(answers, EVIDENCE, TEXT, SAVED_ON), EVIDENCE, TEXT, TODAY)
    assert result.problems == ()
    for field in given:
        assert getattr(result.answers, field.name) == getattr(answers, field.name), field.name
    assert result.saved_on == SAVED_ON
    assert result.evidence_version == EVIDENCE.meta.version
    assert not result.evidence_changed and result.changes == ()
    assert result.shown == patient_file.snapshot(answers, EVIDENCE)


def test_an_empty_session_saves_and_says_nothing_came_back():
    data = patient_file.save(Answers(), EVIDENCE, TEXT, SAVED_ON)
    result = patient_file.read(data, EVIDENCE, TEXT, TODAY)
    assert not result.opened
    assert result.problems == (TEXT("patient_file.read.refused.nothing_usable"),)


def test_the_file_is_valid_fhir_for_the_shipped_questionnaire():
    data = patient_file.save(every_answer(), EVIDENCE, TEXT, SAVED_ON)
    response = QuestionnaireResponse.model_validate_json(data)  # fhir.resources' own validation
    assert check_against(response, load_questionnaire()) == []
    document = json.loads(data)
    assert document["authored"] == SAVED_ON.isoformat()  # the day only: no time, no time zone
    urls = [extension["url"] for extension in document["extension"]]
    assert urls[:2] == [patient_file.FORMAT_URL, patient_file.EVIDENCE_URL]
    assert document["extension"][0]["valueInteger"] == patient_file.FORMAT_VERSION
    assert document["extension"][1]["valueString"] == EVIDENCE.meta.version
    assert urls.count(patient_file.FOLLOW_UP_URL) == 2
    assert urls.count(patient_file.SHOWN_URL) == len(OPTIONS)
    assert len(data) < patient_file.MAX_FILE_BYTES / 4


def test_the_snapshot_holds_each_result_verdict_figures_and_stance_of_the_chosen_options():
    shown = patient_file.snapshot(every_answer(), EVIDENCE)
    assert [option.option_id for option in shown] == list(OPTIONS)
    for option in shown:
        outcomes = EVIDENCE.outcomes_for(option.option_id, CONDITION)
        assert [result.outcome_id for result in option.results] == [outcome.id for outcome in outcomes]
        for result, outcome in zip(option.results, outcomes, strict=True):
            assert result.verdict == judge(outcome, EVIDENCE).id
            assert result.figures == patient_file.figures_key(outcome)
        stances = EVIDENCE.stances_for(option.option_id, CONDITION)
        assert [(s.guideline_id, s.stance, s.year) for s in option.stances] == [
            (s.guideline_id, s.stance, s.year) for s in stances
        ]


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused():
    data = patient_file.save(every_answer(), EVIDENCE, TEXT, SAVED_ON)
    padded = data + b" " * (patient_file.MAX_FILE_BYTES - len(data))
    assert patient_file.read(padded, EVIDENCE, TEXT, TODAY).opened
    too_big = patient_file.read(padded + b" ", EVIDENCE, TEXT, TODAY)
    assert too_big.problems == (TEXT("patient_file.read.refused.too_big", limit=200),)


def test_checks_past_the_limit_keep_the_latest():
    checks = tuple(FollowUp(date(2026, 1, 1).replace(day=1 + n % 28), pain=n % 11) for n in range(70))
    answers = dataclasses.replace(every_answer(), follow_ups=())
    for check in checks:
        answers = patient_file.with_follow_up(answers, check)
    assert len(answers.follow_ups) == follow_up.MAX_FOLLOW_UPS
    assert answers.follow_ups == tuple(follow_up.sorted_checks(checks))[-follow_up.MAX_FOLLOW_UPS :]


# --- What changed since -------------------------------------------------------------------------


def name_of(outcome_type_id: str, timeframe: str) -> str:
    kind = EVIDENCE.outcome_types[outcome_type_id].name
    return TEXT("patient_file.changes.result", kind=kind, timeframe=timeframe) if timeframe else kind


def test_nothing_changed_when_the_evidence_is_the_same():
    assert patient_file.changes_since(patient_file.snapshot(every_answer(), EVIDENCE), EVIDENCE, TEXT) == ()


def test_changes_since_names_each_changed_result_and_stance():
    option = patient_file.snapshot(every_answer(), EVIDENCE)[2]  # the epidural injection
    first, second, *rest = option.results
    other_verdict = "clear_harm" if first.verdict != "clear_harm" else "clear_benefit"
    stance = option.stances[0]
    old_stance = "do_not_offer" if stance.stance != "do_not_offer" else "recommends"
    before = dataclasses.replace(
        option,
        results=(
            dataclasses.replace(first, verdict=other_verdict),
            dataclasses.replace(second, figures="[]"),
            ResultShown("a_row_since_taken_out", first.outcome_type_id, "", "not_known", "[]"),
            *rest[1:],
        ),
        stances=(dataclasses.replace(stance, stance=old_stance, year=stance.year - 3), *option.stances[1:]),
    )
    (change,) = patient_file.changes_since((before,), EVIDENCE, TEXT)
    assert change.option == EVIDENCE.options[option.option_id].name
    now = {outcome.id: outcome for outcome in EVIDENCE.outcomes_for(option.option_id, CONDITION)}

    def label(verdict_id: str) -> str:
        return TEXT(f"verdicts.label.{verdict_id}")

    dropped = now[rest[0].outcome_id]
    guideline = EVIDENCE.guidelines[stance.guideline_id].short_name
    assert change.lines == (
        TEXT(
            "patient_file.changes.verdict",
            result=name_of(first.outcome_type_id, first.timeframe),
            old=label(other_verdict),
            new=label(first.verdict),
        ),
        TEXT(
            "patient_file.changes.figures",
            result=name_of(second.outcome_type_id, second.timeframe),
            verdict=label(second.verdict),
        ),
        TEXT(
            "patient_file.changes.new_result",
            result=name_of(dropped.outcome_type_id, dropped.timeframe),
            verdict=label(rest[0].verdict),
        ),
        TEXT("patient_file.changes.gone_results", count=1),
        TEXT(
            "patient_file.changes.stance",
            guideline=guideline,
            new=TEXT(f"wording.stance.{stance.stance}"),
            year=stance.year,
            old=TEXT(f"wording.stance.{old_stance}"),
            old_year=stance.year - 3,
        ),
    )


def test_a_stance_added_or_taken_away_is_said():
    option = patient_file.snapshot(every_answer(), EVIDENCE)[1]
    kept, *others = option.stances
    extra = StanceShown(
        next(g for g in EVIDENCE.guidelines if g not in {s.guideline_id for s in option.stances}),
        "consider",
        2019,
    )
    (change,) = patient_file.changes_since(
        (dataclasses.replace(option, stances=(*others, extra)),), EVIDENCE, TEXT
    )
    name = EVIDENCE.guidelines[kept.guideline_id].short_name
    assert (
        TEXT(
            "patient_file.changes.stance_new",
            guideline=name,
            new=TEXT(f"wording.stance.{kept.stance}"),
            year=kept.year,
        )
        in change.lines
    )
    assert (
        TEXT("patient_file.changes.stance_gone", guideline=EVIDENCE.guidelines[extra.guideline_id].short_name)
        in change.lines
    )


def test_an_option_no_longer_offered_for_the_condition_says_so():
    option = OptionShown("spinal_fusion", CONDITION, (), ())
    assert "spinal_fusion" not in {o.id for o in EVIDENCE.options_for(CONDITION)}
    (change,) = patient_file.changes_since((option,), EVIDENCE, TEXT)
    assert change.lines == (TEXT("patient_file.changes.no_longer_listed"),)


def older_file(edit_snapshot: bool = True, keep_snapshot: bool = True) -> bytes:
    """The saved file as if saved with an older evidence version, whose figures then differed."""
    document = json.loads(patient_file.save(every_answer(), EVIDENCE, TEXT, SAVED_ON))
    kept = []
    for extension in document["extension"]:
        if extension["url"] == patient_file.EVIDENCE_URL:
            extension["valueString"] = "2025.01.0"
        if extension["url"] == patient_file.SHOWN_URL:
            if not keep_snapshot:
                continue
            if edit_snapshot:
                for part in extension["extension"]:
                    for field in part.get("extension", []):
                        if field["url"] == "figures":
                            field["valueString"] = "[]"
        kept.append(extension)
    document["extension"] = kept
    return json.dumps(document).encode()


def test_a_file_from_another_evidence_version_says_what_changed():
    result = patient_file.read(older_file(), EVIDENCE, TEXT, TODAY)
    assert result.evidence_changed and result.evidence_version == "2025.01.0"
    assert [change.option for change in result.changes] == [EVIDENCE.options[o].name for o in OPTIONS]
    assert result.problems == ()
    same = patient_file.read(older_file(edit_snapshot=False), EVIDENCE, TEXT, TODAY)
    assert same.evidence_changed and same.changes == ()  # the page then says nothing changed


def test_a_file_from_another_evidence_version_without_a_snapshot_says_it_cannot_tell():
    result = patient_file.read(older_file(keep_snapshot=False), EVIDENCE, TEXT, TODAY)
    assert result.problems == (TEXT("patient_file.read.problems.no_snapshot"),)


# --- Bad files ---------------------------------------------------------------------------------


def expected_message(entry: dict) -> str:
    values = dict(entry.get("values", {}))
    if "parts" in entry:
        values["parts"] = ", ".join(TEXT(f"patient_file.read.parts.{part}") for part in entry["parts"])
    return TEXT(f"patient_file.read.{entry['key']}", **values)


def test_the_corpus_is_complete():
    files = {path.name for path in BAD_FILES.iterdir()} - {"README.md", "expected.yaml"}
    assert files == set(EXPECTED)
    readme = (BAD_FILES / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in files)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gets_its_message(name):
    expected = EXPECTED[name]
    result = patient_file.read((BAD_FILES / name).read_bytes(), EVIDENCE, TEXT, TODAY)
    assert result.opened is expected["opened"]
    assert list(result.problems) == [expected_message(entry) for entry in expected["problems"]]
    if result.opened:
        assert result.answers != Answers()
        assert result.messages[-len(result.kept) :] == result.kept
    else:
        assert result.answers is None and result.kept == ()


def test_a_hand_edited_file_keeps_every_answer_that_is_still_right():
    result = patient_file.read((BAD_FILES / "hand_edited_values.json").read_bytes(), EVIDENCE, TEXT, TODAY)
    good = patient_file.read((BAD_FILES / "good.json").read_bytes(), EVIDENCE, TEXT, TODAY).answers
    assert result.answers.weights == {k: v for k, v in good.weights.items() if k != "feel_better"}
    assert result.answers.sure_before == {}
    (check,) = result.answers.follow_ups
    assert (check.pain, check.activities, check.still_on_it) == (None, 5, None)
    assert (
        dataclasses.replace(
            result.answers, weights=good.weights, sure_before=good.sure_before, follow_ups=good.follow_ups
        )
        == good
    )


def test_unicode_saved_by_an_editor_reads_the_same():
    utf16 = patient_file.read((BAD_FILES / "notepad_utf16.json").read_bytes(), EVIDENCE, TEXT, TODAY)
    good = patient_file.read((BAD_FILES / "good.json").read_bytes(), EVIDENCE, TEXT, TODAY)
    assert utf16.answers == good.answers


MARKUP_NOTES = (
    '<script>alert(\'hi\')</script>\n#import "/etc/passwd"\n#read("/etc/passwd")\n$ x^2 $ #{ panic() }\n'
    "[click me](javascript:alert(1)) **bold** <img src=x onerror=alert(1)>\n---\n| a | b |"
)


def test_markup_in_a_file_is_kept_as_plain_text_everywhere():
    result = patient_file.read((BAD_FILES / "markup.json").read_bytes(), EVIDENCE, TEXT, TODAY)
    answers = result.answers
    assert answers.notes == MARKUP_NOTES
    assert answers.medicines[0].name == "<b>Paracetamol</b> #emph[x]"
    summary = build_summary(EVIDENCE, TEXT, answers, TODAY)
    typed = [b for s in summary.sections for b in s.blocks if getattr(b, "typed", False)]
    assert any(isinstance(b, Paragraph) and b.text == MARKUP_NOTES for b in typed)
    assert any(isinstance(b, Table) and b.rows[0][0] == answers.medicines[0].name for b in typed)
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(summary))).pages)
    for literal in ("<script>alert('hi')</script>", '#read("/etc/passwd")', "<b>Paracetamol</b> #emph[x]"):
        assert literal in pdf
    note = consultation_note(EVIDENCE, TEXT, None, patient_answers(EVIDENCE, TEXT, answers), TODAY)
    assert "<script>alert('hi')</script>" in note and "#emph[x]" in note


def test_no_message_repeats_what_the_file_holds():
    for name in EXPECTED:
        data = (BAD_FILES / name).read_bytes()
        result = patient_file.read(data, EVIDENCE, TEXT, TODAY)
        for message in result.messages:
            for planted in ("<script>", "magic_cure", "lumbago_x", "javascript:", "seven", "PainDiary"):
                assert planted not in message, (name, message)


# --- How am I doing now ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "score"),
    [
        (
            regret(1) | {"regret_choice": 5, "did_harm": 5},
            0.0,
        ),  # right, wise, would do again; no regret, no harm
        (regret(5) | {"regret_choice": 1, "did_harm": 1}, 100.0),
        (regret(3), 50.0),
        (regret(2), 45.0),  # agree with all five: 25 x 3 and 75 x 2
        (regret(2) | {"did_harm": 4}, 35.0),  # 25 for each statement but "I regret the choice" (75)
    ],
)
def test_the_decision_regret_score_turns_round_the_two_regret_statements(answers, score):
    assert follow_up.regret_score(answers) == score


@pytest.mark.parametrize(
    "answers", [{}, regret(2) | {"wise_decision": None}, regret(2) | {"did_harm": 6}, regret(0)]
)
def test_no_regret_score_unless_all_five_are_answered_in_range(answers):
    assert follow_up.regret_score({k: v for k, v in answers.items() if v is not None}) is None


def test_the_regret_items_are_the_five_statements_of_the_scale_and_cite_it():
    items = TEXT.entries("patient_file.follow_up.regret_items")
    assert tuple(item["id"] for item in items) == REGRET_ITEMS
    assert len(TEXT.text_list("patient_file.follow_up.agree")) == follow_up.AGREE_LEVELS
    (source_id,) = TEXT.source_ids("patient_file.follow_up")
    source = EVIDENCE.sources[source_id]
    assert (source.year, source.doi_or_url) == (2003, "https://doi.org/10.1177/0272989X03256005")


def test_the_form_keeps_only_answers_of_the_right_kind():
    check = follow_up.from_form(
        on=TODAY,
        pain=11,
        activities=True,
        option_id="not_an_option",
        still_on_it="yes",
        sure_answers={"sure_of_myself": True, "made_up": True, "encouragement": "no"},
        regret_answers={"right_decision": 1, "did_harm": 0, "made_up": 3},
        allowed_options=["exercise", follow_up.NOT_STARTED],
        sure_ids=sure.question_ids(TEXT),
    )
    assert check == FollowUp(TODAY, sure={"sure_of_myself": True}, regret={"right_decision": 1})
    assert not follow_up.from_form(TODAY, None, None, None, None, {}, {}, [], []).answered


def test_checks_show_as_a_chart_and_a_table_in_date_order():
    later, earlier = reversed(every_answer().follow_ups)
    rows = follow_up.table_rows((later, earlier), EVIDENCE, TEXT)
    assert [row[0] for row in rows] == [
        TEXT("patient_file.follow_up.check_label", number=1, date="2026-09-02"),
        TEXT("patient_file.follow_up.check_label", number=2, date="2026-11-20"),
    ]
    assert rows[0][1:5] == ("7 of 10", "6 of 10", TEXT("patient_file.follow_up.none_started"), "Not asked")
    assert rows[1][3:] == (EVIDENCE.options["gabapentinoids"].name, "No", "4 of 4 yes", "45 of 100")
    spec = follow_up.visits_chart((later, earlier), TEXT).to_dict()
    points = spec["data"]["values"]
    assert [(p["check"], p["score"]) for p in points] == [
        (rows[0][0], 7),
        (rows[1][0], 4),
        (rows[0][0], 6),
        (rows[1][0], 3),
    ]
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, follow_up.SCORE_MAX]
    assert len(follow_up.chart_words((later, earlier), TEXT)) == 2


def test_the_summary_shows_the_checks_and_takes_them_to_the_visit_pages():
    answers = every_answer()
    summary = build_summary(EVIDENCE, TEXT, answers, TODAY)
    blocks = summary.section("follow_ups").blocks
    chart = next(block for block in blocks if isinstance(block, Chart))
    assert chart.drawing["kind"] == "visits"
    assert chart.drawing["series"][0]["values"] == [7, 4]
    table = next(block for block in blocks if isinstance(block, Table))
    assert len(table.rows) == 2 and not table.typed
    assert "follow_ups" in [section.id for section in summary.visit]
    none = build_summary(EVIDENCE, TEXT, dataclasses.replace(answers, follow_ups=()), TODAY)
    assert none.section("follow_ups").blocks == (Paragraph(TEXT("patient_file.follow_up.none_yet")),)
    assert "follow_ups" not in [section.id for section in none.visit]


def test_the_pdf_and_the_consultation_note_carry_both_checks():
    answers = every_answer()
    pdf = "\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(render_pdf(build_summary(EVIDENCE, TEXT, answers, TODAY)))).pages
    )
    for label in ("Check 1: 2026-09-02", "Check 2: 2026-11-20", TEXT("patient_file.follow_up.chart.title")):
        assert label in pdf
    assert "45 of 100" in " ".join(pdf.split())
    rows = [row for row in patient_answers(EVIDENCE, TEXT, answers).rows if row.id == "follow_up"]
    assert [row.label for row in rows] == ["Check on 2026-09-02", "Check on 2026-11-20"]
    started = EVIDENCE.options["gabapentinoids"].name
    assert rows[1].value == (
        f"pain now 4/10; stops daily tasks 3/10; started {started} (stopped); "
        "SURE 4/4; Decision Regret Scale 45/100"
    )
    note = consultation_note(EVIDENCE, TEXT, None, patient_answers(EVIDENCE, TEXT, answers), TODAY)
    assert f"- Check on 2026-11-20: {rows[1].value}" in note
