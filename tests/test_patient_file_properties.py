"""Property tests of the saved-answers reader: whatever the bytes, `read` returns, never raises;
what it keeps from a file changed at random is always an answer the aid could have given itself;
no message repeats what the file holds; and any answers the aid can hold come back unchanged.

1,050 examples in all (about 12 s on one core): no example database, so nothing is written.
"""

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpain_aid import follow_up, patient_file, quiz, sure, values
from backpain_aid.answers import MAX_NOTES_CHARS, NOT_SURE, Answers, clean_notes, suggested_questions
from backpain_aid.compare import MAX_OPTIONS
from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.follow_up import NOT_STARTED, REGRET_ITEMS, SCORE_MAX, FollowUp
from backpain_aid.ibp_check import criteria_ids
from backpain_aid.medicines import MAX_LENGTHS, MAX_MEDICINES, Medicine, clean_text
from backpain_aid.safety import red_flag_signs

EVIDENCE = load_evidence()
TEXT = load_content()
TODAY = date(2026, 12, 1)
MARK = "QQplantedQQ"  # planted in every text a file holds: no message may ever repeat it


def cases(count: int) -> settings:
    return settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


SURE_IDS = sure.question_ids(TEXT)
CRITERIA = criteria_ids(TEXT)
ATTRIBUTES = [attribute.id for attribute in values.load_attributes(TEXT, EVIDENCE)]
SIGNS = [sign.id for sign in red_flag_signs(TEXT)]
QUESTIONS = list(suggested_questions(TEXT))
KEYS = [
    "resourceType", "questionnaire", "status", "authored", "item", "linkId", "answer", "valueCoding",
    "code", "system", "valueString", "valueBoolean", "valueInteger", "valueDate", "valueCode",
    "extension", "url", MARK,
]  # fmt: skip

texts = st.one_of(
    st.just(MARK),
    st.text(max_size=12).map(lambda t: t + MARK),
    st.sampled_from(["<script>" + MARK, '#read("/etc/passwd")' + MARK, "[x](javascript:1)" + MARK]),
    st.sampled_from(
        [*EVIDENCE.options, *EVIDENCE.conditions, *SURE_IDS, *REGRET_ITEMS, "2999-01-01", "none"]
    ),
    st.sampled_from([patient_file.FORMAT_URL, patient_file.FOLLOW_UP_URL, patient_file.SHOWN_URL]),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    ),
    max_leaves=20,
)


def base_answers() -> Answers:
    condition, options = "axial_spa", ("no_treatment", "nsaids", "biologics")
    asked = quiz.questions(EVIDENCE, TEXT, condition, options)
    return Answers(
        condition_id=condition,
        option_ids=options,
        red_flags_done=True,
        weights=dict.fromkeys(ATTRIBUTES, 3),
        leaning="nsaids",
        sure_before=dict.fromkeys(SURE_IDS, True),
        quiz_answers={question.id: question.answer_id for question in asked},
        questions=tuple(QUESTIONS[:2]),
        notes="My notes " + MARK,
        medicines=(Medicine("Name " + MARK, "1 mg", "daily"),),
        follow_ups=(FollowUp(date(2026, 10, 1), pain=5, regret=dict.fromkeys(REGRET_ITEMS, 2)),),
    )


BASE = json.loads(patient_file.save(base_answers(), EVIDENCE, TEXT, date(2026, 10, 2)))


def paths(node: object, at: tuple = ()) -> list[tuple]:
    """Every place in a JSON tree, as the keys and indexes that lead to it."""
    found = [at]
    if isinstance(node, dict):
        for key, child in node.items():
            found += paths(child, (*at, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += paths(child, (*at, index))
    return found


BASE_PATHS = paths(BASE)


def change(document: object, at: tuple, value: object, drop: bool) -> object:
    """The document with the value at `at` replaced, or dropped where it can be: changed in place,
    except the whole document. A place an earlier change took away is left as it is."""
    if not at:
        return value
    parent = document
    try:
        for step in at[:-1]:
            parent = parent[step]
        if drop:
            del parent[at[-1]]
        else:
            parent[at[-1]] = value
    except (KeyError, IndexError, TypeError):
        pass
    return document


def assert_only_valid_answers(result: patient_file.ReadResult) -> None:
    """Whatever came back is an answer the aid itself could hold; no message repeats the file."""
    for message in result.messages:
        assert MARK not in message
        assert isinstance(message, str) and message
    answers = result.answers
    if answers is None:
        assert not result.kept
        return
    assert answers.condition_id is None or answers.condition_id in EVIDENCE.conditions
    allowed = (
        {option.id for option in EVIDENCE.options_for(answers.condition_id)}
        if answers.condition_id
        else set(EVIDENCE.options)
    )
    assert set(answers.option_ids) <= allowed and len(answers.option_ids) <= MAX_OPTIONS
    assert len(set(answers.option_ids)) == len(answers.option_ids)
    assert answers.pictured_outcome_id is None or answers.pictured_outcome_id in EVIDENCE.outcome_types
    assert set(answers.red_flags_ticked) <= set(SIGNS) and isinstance(answers.red_flags_done, bool)
    assert set(answers.ibp_answers) <= set(CRITERIA)
    assert all(isinstance(value, bool) for value in answers.ibp_answers.values())
    assert answers.ibp_lasted_over_3_months in (None, True, False)
    assert set(answers.weights) <= set(ATTRIBUTES)
    assert all(follow_up.in_range(value, values.MAX_WEIGHT) for value in answers.weights.values())
    assert answers.leaning is None or answers.leaning == NOT_SURE or answers.leaning in EVIDENCE.options
    for given_sure in (answers.sure_before, answers.sure_after):
        assert set(given_sure) <= set(SURE_IDS) and all(isinstance(v, bool) for v in given_sure.values())
    assert set(answers.questions) <= set(QUESTIONS)
    assert clean_notes(answers.notes) == (answers.notes, False) and len(answers.notes) <= MAX_NOTES_CHARS
    assert len(answers.medicines) <= MAX_MEDICINES
    for medicine in answers.medicines:
        for field, limit in MAX_LENGTHS.items():
            value = getattr(medicine, field)
            assert len(value) <= limit and clean_text(value) == value
    if answers.quiz_answers:
        asked = {q.id: q for q in quiz.questions(EVIDENCE, TEXT, answers.condition_id, answers.option_ids)}
        for question_id, choice_id in answers.quiz_answers.items():
            assert choice_id in {choice.id for choice in asked[question_id].choices}
    assert len(answers.follow_ups) <= follow_up.MAX_FOLLOW_UPS
    for check in answers.follow_ups:
        assert check.answered and check.on <= TODAY
        assert check.pain is None or follow_up.in_range(check.pain, SCORE_MAX)
        assert check.activities is None or follow_up.in_range(check.activities, SCORE_MAX)
        assert check.option_id in (None, NOT_STARTED) or check.option_id in EVIDENCE.options
        assert check.still_on_it in (None, True, False)
        assert set(check.sure) <= set(SURE_IDS) and set(check.regret) <= set(REGRET_ITEMS)
        assert all(follow_up.in_range(v, follow_up.AGREE_LEVELS, low=1) for v in check.regret.values())
        assert check.regret_score is None or 0 <= check.regret_score <= 100
    assert result.saved_on is None or result.saved_on <= TODAY


@cases(300)
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_without_error(data):
    assert_only_valid_answers(patient_file.read(data, EVIDENCE, TEXT, TODAY))


@cases(250)
@given(json_values)
def test_any_json_is_read_without_error(document):
    data = json.dumps(document).encode()
    assert_only_valid_answers(patient_file.read(data, EVIDENCE, TEXT, TODAY))


@cases(400)
@given(st.data())
def test_a_saved_file_changed_at_random_keeps_only_valid_answers(data):
    document = json.loads(json.dumps(BASE))
    for _ in range(data.draw(st.integers(min_value=1, max_value=4), label="changes")):
        at = data.draw(st.sampled_from(BASE_PATHS), label="where")
        drop = bool(at) and data.draw(st.booleans(), label="drop")
        document = change(document, at, data.draw(json_values, label="value"), drop)
    assert_only_valid_answers(patient_file.read(json.dumps(document).encode(), EVIDENCE, TEXT, TODAY))


# --- Any answers the aid can hold come back unchanged ----------------------------------------------


@st.composite
def any_answers(draw) -> Answers:
    condition = draw(st.sampled_from(list(EVIDENCE.conditions)))
    offered = [option.id for option in EVIDENCE.options_for(condition)]
    options = tuple(draw(st.lists(st.sampled_from(offered), min_size=2, max_size=MAX_OPTIONS, unique=True)))
    asked = quiz.questions(EVIDENCE, TEXT, condition, options)
    quiz_answers = {
        question.id: draw(st.sampled_from([choice.id for choice in question.choices]))
        for question in asked
        if draw(st.booleans())
    }
    booleans = st.booleans()
    plain = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("C",)), max_size=30)
    medicine = st.builds(
        Medicine,
        *(
            plain.map(lambda v, n=MAX_LENGTHS[f]: clean_text(clean_text(v)[:n]))
            for f in ("name", "dose", "how_often")
        ),
    ).filter(lambda m: bool(m.name))
    check = st.builds(
        FollowUp,
        on=st.dates(min_value=date(2020, 1, 1), max_value=TODAY),
        pain=st.none() | st.integers(0, SCORE_MAX),
        activities=st.integers(0, SCORE_MAX),  # so every check has an answer
        option_id=st.none() | st.sampled_from([NOT_STARTED, *offered]),
        sure=st.dictionaries(st.sampled_from(SURE_IDS), booleans),
        regret=st.dictionaries(st.sampled_from(REGRET_ITEMS), st.integers(1, follow_up.AGREE_LEVELS)),
    )
    checks = draw(st.lists(check, max_size=5))
    checks = [
        c if c.option_id in (None, NOT_STARTED) else FollowUp(**{**c.__dict__, "still_on_it": draw(booleans)})
        for c in checks
    ]
    return Answers(
        condition_id=condition,
        option_ids=options,
        pictured_outcome_id=draw(st.none() | st.sampled_from(list(EVIDENCE.outcome_types))),
        red_flags_ticked=tuple(draw(st.lists(st.sampled_from(SIGNS), unique=True, max_size=3))),
        red_flags_done=draw(booleans),
        ibp_lasted_over_3_months=draw(st.none() | booleans),
        ibp_answers=draw(st.dictionaries(st.sampled_from(CRITERIA), booleans)),
        medicines=tuple(draw(st.lists(medicine, max_size=3))),
        weights={attribute: draw(st.integers(0, values.MAX_WEIGHT)) for attribute in ATTRIBUTES}
        if draw(booleans)
        else {},
        leaning=draw(st.none() | st.sampled_from([NOT_SURE, *options])),
        sure_before=draw(st.dictionaries(st.sampled_from(SURE_IDS), booleans)),
        sure_after=draw(st.dictionaries(st.sampled_from(SURE_IDS), booleans)),
        quiz_answers=quiz_answers,
        questions=tuple(draw(st.lists(st.sampled_from(QUESTIONS), unique=True, max_size=3))),
        notes=clean_notes(draw(st.text(max_size=200)))[0],
        follow_ups=tuple(follow_up.sorted_checks(checks)),
    )


@cases(100)
@given(any_answers(), st.dates(min_value=date(2020, 1, 1), max_value=TODAY))
def test_any_answers_the_aid_can_hold_come_back_unchanged(answers, saved_on):
    saved_on = max([saved_on, *(check.on for check in answers.follow_ups)])
    result = patient_file.read(patient_file.save(answers, EVIDENCE, TEXT, saved_on), EVIDENCE, TEXT, TODAY)
    assert result.problems == ()
    assert result.answers == answers
    assert result.saved_on == saved_on <= TODAY
