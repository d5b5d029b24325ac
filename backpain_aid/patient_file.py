"""The person's own file of answers: saved at one visit, opened again at the next. Streamlit-free.

The file is a FHIR R4 QuestionnaireResponse (the same items as the clinician's export in
fhir_export.py), with extensions for what the Questionnaire has no item for: the file's format
version, the evidence version and date it was saved with, the knowledge-check answers, the result
pictured on Compare, the dated "how am I doing" checks (follow_up.py), and a snapshot of what was
shown for each option chosen (each result's verdict and figures, each guideline's stance), so that
a later visit can say what has changed since.

`read` never raises and never trusts the file: it is cut off at MAX_FILE_BYTES, every value is
checked for its type and range and against the evidence, and each problem becomes a plain message
saying what was wrong and what was kept. Messages never repeat what the file holds, and what a
person typed (notes, medicines) is only ever kept as plain text. Nothing is written to disk.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import TypeVar

from fhir.resources.R4B.questionnaire import Questionnaire

from backpain_aid import quiz, sure, values
from backpain_aid.answers import MAX_NOTES_CHARS, NOT_SURE, Answers, clean, clean_notes, suggested_questions
from backpain_aid.compare import MAX_OPTIONS, clean_selection
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import Outcome, Stance, StanceValue, Strength
from backpain_aid.fhir_export import (
    BASE_URL,
    LASTED,
    QUESTIONNAIRE_URL,
    Json,
    build_response,
    load_questionnaire,
)
from backpain_aid.follow_up import (
    AGREE_LEVELS,
    MAX_FOLLOW_UPS,
    NOT_STARTED,
    REGRET_ITEMS,
    SCORE_MAX,
    FollowUp,
    in_range,
    sorted_checks,
)
from backpain_aid.ibp_check import criteria_ids
from backpain_aid.language import format_date
from backpain_aid.medicines import MAX_MEDICINES, Medicine, check_medicine
from backpain_aid.safety import red_flag_signs
from backpain_aid.verdicts import VERDICT_IDS, judge

#: Bump when the file changes shape; a file with a higher number is refused, never half-read.
FORMAT_VERSION = 1
MAX_FILE_BYTES = 200 * 1024
MAX_ITEM_DEPTH = 4  # groups in groups: the Questionnaire has two levels
EXTENSION = f"{BASE_URL}/StructureDefinition/patient-file-"
FORMAT_URL = EXTENSION + "format-version"
EVIDENCE_URL = EXTENSION + "evidence-version"
PICTURED_URL = EXTENSION + "pictured-outcome"
QUIZ_URL = EXTENSION + "quiz-answer"
FOLLOW_UP_URL = EXTENSION + "follow-up"
SHOWN_URL = EXTENSION + "shown-option"
MEDIA_TYPE = "application/fhir+json"

_EVIDENCE_VERSION = re.compile(r"^\d{4}\.\d{2}\.\d+$")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(T[0-9:.+\-Z]*)?$")
_ID = re.compile(r"^[a-z][a-z0-9_.]{0,120}$")
#: The first bytes of files people may pick by mistake.
_PICTURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM", b"\x00\x00\x00")
_PDF = b"%PDF"

T = TypeVar("T")


# --- What was shown: the snapshot --------------------------------------------------------------


@dataclass(frozen=True)
class ResultShown:
    outcome_id: str
    outcome_type_id: str
    timeframe: str
    verdict: str  # a verdict id (verdicts.VERDICT_IDS)
    figures: str  # every figure of the row and how sure it is, as one compact string


@dataclass(frozen=True)
class StanceShown:
    guideline_id: str
    stance: str
    year: int
    strength: str = ""


@dataclass(frozen=True)
class OptionShown:
    option_id: str
    condition_id: str
    results: tuple[ResultShown, ...]
    stances: tuple[StanceShown, ...]


def figures_key(outcome: Outcome) -> str:
    """The figures of a row as one string: two rows show the same figures when these are equal."""
    fields = (
        "measure",
        "option_per_100",
        "option_per_100_low",
        "option_per_100_high",
        "comparator_id",
        "comparator_per_100",
        "ratio_low",
        "ratio_high",
        "md_value",
        "md_low",
        "md_high",
        "md_scale",
        "timeframe",
        "certainty",
    )
    return json.dumps([getattr(outcome, name) for name in fields], separators=(",", ":"))


def _stance_shown(stance: Stance) -> StanceShown:
    return StanceShown(stance.guideline_id, stance.stance, stance.year, stance.strength)


def snapshot(answers: Answers, evidence: Evidence) -> tuple[OptionShown, ...]:
    """Each option chosen for the kind of back pain chosen, as the evidence shows it today."""
    condition_id = answers.condition_id
    if condition_id is None or condition_id not in evidence.conditions:
        return ()
    selection, _ = clean_selection(evidence, condition_id, answers.option_ids)
    return tuple(
        OptionShown(
            option_id,
            selection.condition_id,
            tuple(
                ResultShown(
                    outcome.id,
                    outcome.outcome_type_id,
                    outcome.timeframe,
                    judge(outcome, evidence).id,
                    figures_key(outcome),
                )
                for outcome in evidence.outcomes_for(option_id, selection.condition_id)
            ),
            tuple(_stance_shown(s) for s in evidence.stances_for(option_id, selection.condition_id)),
        )
        for option_id in selection.option_ids
    )


# --- What changed since -------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionChange:
    option: str  # the option's name today
    lines: tuple[str, ...]  # what changed, in plain words


def _result_name(evidence: Evidence, text: Content, type_id: str, timeframe: str) -> str:
    outcome_type = evidence.outcome_types.get(type_id)
    kind = outcome_type.name if outcome_type else text("patient_file.changes.result_unnamed")
    if not timeframe:
        return kind
    return text("patient_file.changes.result", kind=kind, timeframe=timeframe)


def _verdict(text: Content, verdict_id: str) -> str:
    return text(f"verdicts.label.{verdict_id}")


def _stance_words(text: Content, stance: str) -> str:
    return text(f"wording.stance.{stance}")


def changes_since(
    shown: Sequence[OptionShown], evidence: Evidence, text: Content
) -> tuple[OptionChange, ...]:
    """For each option in the snapshot whose results or guideline advice differ today: what changed."""
    found = []
    for before in shown:
        option = evidence.options.get(before.option_id)
        if option is None:
            continue
        lines = _result_changes(before, evidence, text) + _stance_changes(before, evidence, text)
        if lines:
            found.append(OptionChange(option.name, tuple(lines)))
    return tuple(found)


def _result_changes(before: OptionShown, evidence: Evidence, text: Content) -> list[str]:
    allowed = {option.id for option in evidence.options_for(before.condition_id)}
    if before.option_id not in allowed:
        return [text("patient_file.changes.no_longer_listed")]
    now = {o.id: o for o in evidence.outcomes_for(before.option_id, before.condition_id)}
    old = {result.outcome_id: result for result in before.results}
    lines = []
    for outcome_id, outcome in now.items():
        name = _result_name(evidence, text, outcome.outcome_type_id, outcome.timeframe)
        verdict = judge(outcome, evidence).id
        was = old.get(outcome_id)
        if was is None:
            lines.append(
                text("patient_file.changes.new_result", result=name, verdict=_verdict(text, verdict))
            )
        elif was.verdict != verdict:
            lines.append(
                text(
                    "patient_file.changes.verdict",
                    result=name,
                    old=_verdict(text, was.verdict),
                    new=_verdict(text, verdict),
                )
            )
        elif was.figures != figures_key(outcome):
            lines.append(text("patient_file.changes.figures", result=name, verdict=_verdict(text, verdict)))
    gone = [outcome_id for outcome_id in old if outcome_id not in now]
    if gone:
        lines.append(text("patient_file.changes.gone_results", count=len(gone)))
    return lines


def _stance_changes(before: OptionShown, evidence: Evidence, text: Content) -> list[str]:
    now = {
        s.guideline_id: _stance_shown(s) for s in evidence.stances_for(before.option_id, before.condition_id)
    }
    old = {stance.guideline_id: stance for stance in before.stances}
    lines = []
    for guideline_id in dict.fromkeys([*old, *now]):
        guideline = evidence.guidelines.get(guideline_id)
        if guideline is None:
            continue
        was, is_now = old.get(guideline_id), now.get(guideline_id)
        if was == is_now:
            continue
        if is_now is None:
            lines.append(text("patient_file.changes.stance_gone", guideline=guideline.short_name))
        elif was is None:
            lines.append(
                text(
                    "patient_file.changes.stance_new",
                    guideline=guideline.short_name,
                    new=_stance_words(text, is_now.stance),
                    year=is_now.year,
                )
            )
        else:
            lines.append(
                text(
                    "patient_file.changes.stance",
                    guideline=guideline.short_name,
                    new=_stance_words(text, is_now.stance),
                    year=is_now.year,
                    old=_stance_words(text, was.stance),
                    old_year=was.year,
                )
            )
    return lines


# --- Saving ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _questionnaire() -> Questionnaire:
    return load_questionnaire()


def _ext(url: str, **value: object) -> Json:
    return {"url": url, **value}


def _group(url: str, *fields: tuple[str, str, object]) -> Json:
    """An extension made of sub-extensions, one per (name, FHIR value type, value) that has a value."""
    return _ext(
        url,
        extension=[_ext(name, **{kind: value}) for name, kind, value in fields if value not in (None, "")],
    )


def _follow_up_extension(check: FollowUp) -> Json:
    return _group(
        FOLLOW_UP_URL,
        ("date", "valueDate", check.on.isoformat()),
        ("pain", "valueInteger", check.pain),
        ("activities", "valueInteger", check.activities),
        ("option", "valueCode", check.option_id),
        ("still-on-it", "valueBoolean", check.still_on_it),
        *((f"sure.{key}", "valueBoolean", value) for key, value in check.sure.items()),
        *((f"regret.{key}", "valueInteger", value) for key, value in check.regret.items()),
    )


def _shown_extension(option: OptionShown) -> Json:
    results = [
        _group(
            "result",
            ("outcome", "valueCode", result.outcome_id),
            ("type", "valueCode", result.outcome_type_id),
            ("verdict", "valueCode", result.verdict),
            ("figures", "valueString", result.figures),
            ("timeframe", "valueString", result.timeframe),
        )
        for result in option.results
    ]
    stances = [
        _group(
            "stance",
            ("guideline", "valueCode", stance.guideline_id),
            ("stance", "valueCode", stance.stance),
            ("year", "valueInteger", stance.year),
            ("strength", "valueCode", stance.strength),
        )
        for stance in option.stances
    ]
    shown = _group(
        SHOWN_URL, ("option", "valueCode", option.option_id), ("condition", "valueCode", option.condition_id)
    )
    shown["extension"] += [*results, *stances]
    return shown


def save(answers: Answers, evidence: Evidence, text: Content, today: date) -> bytes:
    """The answers, the checks and what was shown, as one small FHIR JSON file (UTF-8 bytes)."""
    answers = clean(answers, evidence, text)
    response = build_response(
        evidence, text, answers, _questionnaire(), datetime.combine(today, time(), tzinfo=UTC)
    )
    document = response.model_dump(mode="json", exclude_none=True)
    document["authored"] = today.isoformat()  # the day is enough; the hour says nothing useful
    extensions = [
        _ext(FORMAT_URL, valueInteger=FORMAT_VERSION),
        _ext(EVIDENCE_URL, valueString=evidence.meta.version),
    ]
    if answers.pictured_outcome_id is not None:
        extensions.append(_ext(PICTURED_URL, valueCode=answers.pictured_outcome_id))
    extensions += [
        _ext(QUIZ_URL, extension=[_ext("question", valueCode=q), _ext("answer", valueCode=a)])
        for q, a in answers.quiz_answers.items()
        if _ID.match(str(q)) and _ID.match(str(a))
    ]
    extensions += [
        _follow_up_extension(check) for check in sorted_checks(answers.follow_ups)[-MAX_FOLLOW_UPS:]
    ]
    extensions += [_shown_extension(option) for option in snapshot(answers, evidence)]
    document["extension"] = extensions
    # Valid FHIR by construction (tests/test_patient_file.py validates it): checking the whole
    # tree again here would take most of the time of every summary page.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- Reading ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadResult:
    """What a file gave back. `answers` is None when nothing could be opened; `problems` then says why."""

    answers: Answers | None
    problems: tuple[str, ...]  # what was wrong, in plain words
    kept: tuple[str, ...] = ()  # what came back, one short line each
    opened_line: str = ""  # "We opened your answers from <date>."
    saved_on: date | None = None
    evidence_version: str | None = None
    shown: tuple[OptionShown, ...] = ()
    changes: tuple[OptionChange, ...] = ()
    evidence_changed: bool = False  # saved with another evidence version than today's

    @property
    def opened(self) -> bool:
        return self.answers is not None

    @property
    def follow_ups(self) -> tuple[FollowUp, ...]:
        return self.answers.follow_ups if self.answers is not None else ()

    @property
    def messages(self) -> tuple[str, ...]:
        """Everything to say, in order: what was wrong, then what was kept."""
        if self.answers is None:
            return self.problems
        return (*self.problems, self.opened_line, *self.kept)


def read(data: bytes, evidence: Evidence, text: Content, today: date) -> ReadResult:
    """The answers in a saved file, as far as they can be trusted. Never raises."""
    try:
        return _Reader(evidence, text, today).read(data)
    except Exception:  # a last guard: whatever the file holds, the page carries on
        return ReadResult(None, (text("patient_file.read.refused.broken"),))


def _refused(text: Content, key: str, **values: object) -> ReadResult:
    return ReadResult(None, (text(f"patient_file.read.refused.{key}", **values),))


def _decoded(data: bytes) -> str:
    """UTF-8; or UTF-16 with its byte-order mark, as some editors save a file edited by hand."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _first_kind(data: bytes) -> str | None:
    """Why the bytes cannot be a saved file before reading them, or None."""
    if not data.strip():
        return "empty"
    if len(data) > MAX_FILE_BYTES:
        return "too_big"
    if data.startswith(_PDF):
        return "pdf"
    if data.startswith(_PICTURES):
        return "picture"
    return None


class _Reader:
    """One read of one file: what it found, and what was wrong on the way."""

    def __init__(self, evidence: Evidence, text: Content, today: date) -> None:
        self.evidence, self.text, self.today = evidence, text, today
        self.problems: list[str] = []
        self.wrong: dict[str, None] = {}  # parts with a value of the wrong form, in order
        self.unknown_parts = False

    def problem(self, key: str, **values: object) -> None:
        self.problems.append(self.text(f"patient_file.read.problems.{key}", **values))

    def read(self, data: object) -> ReadResult:  # object: whatever a caller passes is checked
        text = self.text
        if not isinstance(data, (bytes, bytearray)):
            return _refused(text, "not_text")
        kind = _first_kind(bytes(data))
        if kind is not None:
            return _refused(text, kind, limit=MAX_FILE_BYTES // 1024)
        try:
            decoded = _decoded(bytes(data))
        except UnicodeDecodeError:
            return _refused(text, "not_text")
        if "\x00" in decoded:
            return _refused(text, "not_text")
        try:
            document = json.loads(decoded)
        except (ValueError, RecursionError):
            return _refused(text, "not_json")
        if not isinstance(document, dict) or document.get("resourceType") != "QuestionnaireResponse":
            return _refused(text, "other_tool")
        canonical = document.get("questionnaire")
        if not isinstance(canonical, str) or canonical.split("|")[0] != QUESTIONNAIRE_URL:
            return _refused(text, "other_tool")
        extensions = [e for e in _list(document.get("extension")) if isinstance(e, dict)]
        if len(extensions) < len(_list(document.get("extension"))) or any(
            not isinstance(e.get("url"), str) for e in extensions
        ):
            self.unknown_parts = True
        version = self._format_version(extensions)
        if version is not None and version > FORMAT_VERSION:
            return _refused(text, "newer")
        if version is None:
            self.problem("no_format")
        return self._answers(document, extensions)

    # -- the parts of the file --

    def _format_version(self, extensions: list[Json]) -> int | None:
        for extension in _with_url(extensions, FORMAT_URL):
            value = extension.get("valueInteger")
            if in_range(value, 10**6, low=1):
                return value
        return None

    def _answers(self, document: Json, extensions: list[Json]) -> ReadResult:
        saved_on = self._saved_on(document.get("authored"))
        items = _Items(document.get("item"), self)
        condition_id = self._condition(items)
        option_ids = self._options(items, condition_id)
        notes, cut = self._notes(items)
        medicines = self._medicines(items)
        answers = Answers(
            condition_id=condition_id,
            option_ids=option_ids,
            pictured_outcome_id=self._pictured(extensions),
            red_flags_ticked=self._red_flags(items),
            red_flags_done=self._boolean(items, "red-flags.done", "red_flags") is True,
            ibp_lasted_over_3_months=self._boolean(items, f"ibp.{LASTED}", "ibp"),
            ibp_answers=self._booleans(items, "ibp", criteria_ids(self.text), "ibp"),
            medicines=medicines,
            weights=self._weights(items),
            leaning=self._leaning(items),
            sure_before=self._booleans(items, "sure-before", sure.question_ids(self.text), "sure"),
            sure_after=self._booleans(items, "sure-after", sure.question_ids(self.text), "sure"),
            quiz_answers=self._quiz(extensions, condition_id, option_ids),
            questions=self._questions(items),
            notes=notes,
            follow_ups=self._follow_ups(extensions),
        )
        if cut:
            self.problem("notes_cut", limit=MAX_NOTES_CHARS)
        items.report_unknown()
        if answers == Answers():  # nothing usable: the answers already in this tab stay as they are
            return _refused(self.text, "nothing_usable")
        evidence_version = self._evidence_version(extensions)
        changed = evidence_version is not None and evidence_version != self.evidence.meta.version
        shown = self._shown(extensions)
        if changed and shown is None:
            self.problem("no_snapshot")
        if self.wrong:
            parts = ", ".join(self.text(f"patient_file.read.parts.{part}") for part in self.wrong)
            self.problem("wrong_form", parts=parts)
        if self.unknown_parts:
            self.problem("unknown_parts")
        return ReadResult(
            answers=answers,
            problems=tuple(self.problems),
            kept=self._kept(answers),
            opened_line=self.text("patient_file.read.opened", date=format_date(saved_on, self.text.lang))
            if saved_on
            else self.text("patient_file.read.opened_no_date"),
            saved_on=saved_on,
            evidence_version=evidence_version,
            shown=shown or (),
            changes=changes_since(shown or (), self.evidence, self.text) if changed else (),
            evidence_changed=changed,
        )

    def _condition(self, items: _Items) -> str | None:
        codes = items.codes("condition", "condition")
        if not codes:
            return None
        if codes[0] not in self.evidence.conditions:
            self.problem("unknown_condition")
            return None
        return codes[0]

    def _options(self, items: _Items, condition_id: str | None) -> tuple[str, ...]:
        codes = list(dict.fromkeys(items.codes("options", "options")))
        allowed = (
            {option.id for option in self.evidence.options_for(condition_id)}
            if condition_id
            else set(self.evidence.options)
        )
        known = [code for code in codes if code in allowed]
        if len(known) < len(codes):
            self.problem("unknown_options", count=len(codes) - len(known))
        if len(known) > MAX_OPTIONS:
            self.problem("too_many_options", limit=MAX_OPTIONS)
            known = known[:MAX_OPTIONS]
        return tuple(known)

    def _red_flags(self, items: _Items) -> tuple[str, ...]:
        known = {sign.id for sign in red_flag_signs(self.text)}
        return tuple(dict.fromkeys(self._known_codes(items.codes("red-flags.ticked", "red_flags"), known)))

    def _questions(self, items: _Items) -> tuple[str, ...]:
        known = set(suggested_questions(self.text))
        return tuple(dict.fromkeys(self._known_codes(items.codes("questions", "questions"), known)))

    def _known_codes(self, codes: list[str], known: set[str]) -> list[str]:
        kept = [code for code in codes if code in known]
        if len(kept) < len(codes):
            self.unknown_parts = True
        return kept

    def _leaning(self, items: _Items) -> str | None:
        codes = items.codes("leaning", "leaning")
        if not codes:
            return None
        if codes[0] == NOT_SURE or codes[0] in self.evidence.options:
            return codes[0]
        self.unknown_parts = True
        return None

    def _boolean(self, items: _Items, link_id: str, part: str) -> bool | None:
        found = items.values(link_id, "valueBoolean", part, bool)
        return found[0] if found else None

    def _booleans(self, items: _Items, prefix: str, ids: Sequence[str], part: str) -> dict[str, bool]:
        found = {}
        for item_id in ids:
            value = self._boolean(items, f"{prefix}.{item_id}", part)
            if value is not None:
                found[item_id] = value
        return found

    def _weights(self, items: _Items) -> dict[str, int]:
        weights = {}
        for attribute in values.load_attributes(self.text, self.evidence):
            found = items.values(f"priority.{attribute.id}", "valueInteger", "priorities", int)
            if found and in_range(found[0], values.MAX_WEIGHT):
                weights[attribute.id] = found[0]
            elif found:
                self.wrong["priorities"] = None
        return weights

    def _notes(self, items: _Items) -> tuple[str, bool]:
        found = items.values("notes", "valueString", "notes", str)
        return clean_notes(found[0]) if found else ("", False)

    def _medicines(self, items: _Items) -> tuple[Medicine, ...]:
        kept: list[Medicine] = []
        groups = items.groups("medicines")
        for group in groups:
            fields = {}
            for link_id, name in (
                ("medicine.name", "name"),
                ("medicine.dose", "dose"),
                ("medicine.how-often", "how_often"),
            ):
                found = group.values(link_id, "valueString", "medicines", str)
                fields[name] = found[0] if found else ""
            medicine, problems = check_medicine(
                fields["name"], fields["dose"], fields["how_often"], len(kept)
            )
            if medicine is not None:
                kept.append(medicine)
        if len(kept) < len(groups):
            self.problem("medicines_cut", count=len(kept))
        return tuple(kept[:MAX_MEDICINES])

    def _pictured(self, extensions: list[Json]) -> str | None:
        for extension in _with_url(extensions, PICTURED_URL):
            value = extension.get("valueCode")
            if isinstance(value, str) and value in self.evidence.outcome_types:
                return value
            self.wrong["picture"] = None
        return None

    def _quiz(
        self, extensions: list[Json], condition_id: str | None, option_ids: Sequence[str]
    ) -> dict[str, str]:
        given = {}
        for extension in _with_url(extensions, QUIZ_URL):
            parts = _sub(extension)
            question, answer = (
                parts.get("question", {}).get("valueCode"),
                parts.get("answer", {}).get("valueCode"),
            )
            if isinstance(question, str) and isinstance(answer, str):
                given[question] = answer
            else:
                self.wrong["quiz"] = None
        if not given:
            return {}
        asked = quiz.questions(self.evidence, self.text, condition_id, option_ids) if condition_id else []
        choices = {question.id: {choice.id for choice in question.choices} for question in asked}
        kept = {q: a for q, a in given.items() if a in choices.get(q, ())}
        if len(kept) < len(given):
            self.unknown_parts = True
        return kept

    def _saved_on(self, authored: object) -> date | None:
        day = _day(authored)
        if day is None:
            self.problem("no_date")
        elif day > self.today:
            self.problem("future_date")
            return None
        return day

    def _evidence_version(self, extensions: list[Json]) -> str | None:
        for extension in _with_url(extensions, EVIDENCE_URL):
            value = extension.get("valueString")
            if isinstance(value, str) and _EVIDENCE_VERSION.match(value):
                return value
            self.wrong["evidence_version"] = None
        return None

    def _follow_ups(self, extensions: list[Json]) -> tuple[FollowUp, ...]:
        checks: list[FollowUp] = []
        future = bad = 0
        for extension in _with_url(extensions, FOLLOW_UP_URL):
            check = self._follow_up(_sub(extension))
            if check is None:
                bad += 1
            elif check.on > self.today:
                future += 1
            else:
                checks.append(check)
        if future:
            self.problem("checks_future", count=future)
        if bad:
            self.problem("checks_bad", count=bad)
        checks = sorted_checks(checks)
        if len(checks) > MAX_FOLLOW_UPS:
            self.problem("checks_cut", limit=MAX_FOLLOW_UPS)
            checks = checks[-MAX_FOLLOW_UPS:]
        return tuple(checks)

    def _follow_up(self, parts: dict[str, Json]) -> FollowUp | None:
        on = _day(parts.get("date", {}).get("valueDate"))
        if on is None:
            return None
        scores = {}
        for name in ("pain", "activities"):
            value = parts.get(name, {}).get("valueInteger")
            if name in parts and not in_range(value, SCORE_MAX):
                self.wrong["checks"] = None
            scores[name] = value if in_range(value, SCORE_MAX) else None
        option = parts.get("option", {}).get("valueCode")
        if option is not None and option != NOT_STARTED and option not in self.evidence.options:
            self.wrong["checks"] = None
            option = None
        still = parts.get("still-on-it", {}).get("valueBoolean")
        sure_ids = sure.question_ids(self.text)
        sure_answers = {
            key: parts[f"sure.{key}"]["valueBoolean"]
            for key in sure_ids
            if isinstance(parts.get(f"sure.{key}", {}).get("valueBoolean"), bool)
        }
        regret = {
            key: parts[f"regret.{key}"]["valueInteger"]
            for key in REGRET_ITEMS
            if in_range(parts.get(f"regret.{key}", {}).get("valueInteger"), AGREE_LEVELS, low=1)
        }
        given = sum(key.startswith(("sure.", "regret.")) for key in parts)
        if given != len(sure_answers) + len(regret) or (still is not None and not isinstance(still, bool)):
            self.wrong["checks"] = None
        check = FollowUp(
            on=on,
            pain=scores["pain"],
            activities=scores["activities"],
            option_id=option if isinstance(option, str) else None,
            still_on_it=still if isinstance(still, bool) and option not in (None, NOT_STARTED) else None,
            sure=sure_answers,
            regret=regret,
        )
        return check if check.answered else None

    def _shown(self, extensions: list[Json]) -> tuple[OptionShown, ...] | None:
        """The snapshot, or None when the file has none or it cannot be read whole."""
        found = []
        for extension in _with_url(extensions, SHOWN_URL):
            option = _shown_option(extension)
            if option is None:
                return None
            found.append(option)
        return tuple(found) if found else None

    def _kept(self, answers: Answers) -> tuple[str, ...]:
        part = self.text.section("patient_file.read.parts")
        present = {
            "condition": answers.condition_id is not None,
            "options": bool(answers.option_ids),
            "red_flags": answers.red_flags_done or bool(answers.red_flags_ticked),
            "ibp": answers.ibp_lasted_over_3_months is not None,
            "priorities": bool(answers.weights),
            "leaning": answers.leaning is not None,
            "sure": bool(answers.sure_before or answers.sure_after),
            "quiz": bool(answers.quiz_answers),
            "questions": bool(answers.questions),
            "notes": bool(answers.notes),
            "medicines": bool(answers.medicines),
        }
        lines = [_capital(str(part[name])) for name, there in present.items() if there]
        if answers.follow_ups:
            lines.append(_capital(self.text("patient_file.read.checks_kept", count=len(answers.follow_ups))))
        return tuple(lines) or (self.text("patient_file.read.kept_none"),)


class _Items:
    """The answers of a response by linkId, read without trusting their shape."""

    def __init__(self, raw: object, reader: _Reader, depth: int = 0) -> None:
        self.reader = reader
        self.answers: dict[str, list[Json]] = {}
        self.group_items: dict[str, list[_Items]] = {}
        self.seen: set[str] = set()
        self._walk(raw, depth)

    def _walk(self, raw: object, depth: int) -> None:
        if depth > MAX_ITEM_DEPTH:
            self.reader.unknown_parts = True
            return
        if raw is not None and not isinstance(raw, list):
            self.reader.wrong["answers"] = None
        for item in _list(raw):
            if not isinstance(item, dict) or not isinstance(item.get("linkId"), str):
                self.reader.unknown_parts = True
                continue
            link_id: str = item["linkId"]
            if link_id == "medicines":  # a repeating group: one medicine each
                self.group_items.setdefault(link_id, []).append(
                    _Items(item.get("item"), self.reader, depth + 1)
                )
                continue
            given = item.get("answer")
            if given is not None and not isinstance(given, list):
                self.reader.wrong["answers"] = None
            answers = [a for a in _list(given) if isinstance(a, dict)]
            if len(answers) < len(_list(given)) or ("answer" in item and given is None):
                self.reader.wrong["answers"] = None
            self.answers.setdefault(link_id, []).extend(answers)
            if "item" in item:
                self._walk(item.get("item"), depth + 1)

    def values(self, link_id: str, field: str, part: str, kind: type[T]) -> list[T]:
        """Answers of one kind; any answer of another kind marks the part as in the wrong form."""
        self.seen.add(link_id)
        found: list[T] = []
        for answer in self.answers.get(link_id, ()):
            value = answer.get(field)
            if isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
                found.append(value)
            else:
                self.reader.wrong[part] = None
        return found

    def codes(self, link_id: str, part: str) -> list[str]:
        codings = self.values(link_id, "valueCoding", part, dict)
        found = [coding.get("code") for coding in codings]
        if not all(isinstance(code, str) for code in found):
            self.reader.wrong[part] = None
        return [code for code in found if isinstance(code, str)]

    def groups(self, link_id: str) -> list[_Items]:
        self.seen.add(link_id)
        return self.group_items.get(link_id, [])

    def report_unknown(self) -> None:
        known_groups = {"red-flags", "ibp", "priorities", "sure-before", "sure-after"}
        if set(self.answers) - self.seen - known_groups:
            self.reader.unknown_parts = True


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _with_url(extensions: list[Json], url: str) -> Iterator[Json]:
    return (extension for extension in extensions if extension.get("url") == url)


def _sub(extension: Json) -> dict[str, Json]:
    """Sub-extensions by their url; the first of each wins."""
    found: dict[str, Json] = {}
    for part in _list(extension.get("extension")):
        if isinstance(part, dict) and isinstance(part.get("url"), str):
            found.setdefault(part["url"], part)
    return found


def _sub_all(extension: Json, url: str) -> list[dict[str, Json]]:
    return [
        _sub(part)
        for part in _list(extension.get("extension"))
        if isinstance(part, dict) and part.get("url") == url
    ]


def _day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _capital(line: str) -> str:
    return line[:1].upper() + line[1:]


def _code(parts: dict[str, Json], name: str) -> str | None:
    value = parts.get(name, {}).get("valueCode")
    return value if isinstance(value, str) and _ID.match(value) else None


def _shown_option(extension: Json) -> OptionShown | None:
    parts = _sub(extension)
    option_id, condition_id = _code(parts, "option"), _code(parts, "condition")
    if option_id is None or condition_id is None:
        return None
    results = []
    for result in _sub_all(extension, "result"):
        outcome_id, type_id, verdict = (
            _code(result, "outcome"),
            _code(result, "type"),
            _code(result, "verdict"),
        )
        figures = result.get("figures", {}).get("valueString")
        timeframe = result.get("timeframe", {}).get("valueString", "")
        if (
            outcome_id is None
            or type_id is None
            or verdict is None
            or not isinstance(figures, str)
            or not isinstance(timeframe, str)
        ):
            return None
        results.append(ResultShown(outcome_id, type_id, timeframe, verdict, figures))
    stances = []
    for stance in _sub_all(extension, "stance"):
        guideline_id, value = _code(stance, "guideline"), _code(stance, "stance")
        year = stance.get("year", {}).get("valueInteger")
        strength = stance.get("strength", {}).get("valueCode", "")
        if (
            guideline_id is None
            or value is None
            or value not in _STANCES
            or not in_range(year, 3000)
            or strength not in _STRENGTHS
        ):
            return None
        stances.append(StanceShown(guideline_id, value, year, strength))
    if any(result.verdict not in _VERDICTS for result in results):
        return None
    return OptionShown(option_id, condition_id, tuple(results), tuple(stances))


_STANCES = frozenset(typing.get_args(StanceValue))
_STRENGTHS = frozenset(typing.get_args(Strength))
_VERDICTS = frozenset(VERDICT_IDS)


def with_follow_up(answers: Answers, check: FollowUp) -> Answers:
    """The answers with one more check, the oldest dropped past MAX_FOLLOW_UPS."""
    return replace(answers, follow_ups=tuple(sorted_checks([*answers.follow_ups, check]))[-MAX_FOLLOW_UPS:])
