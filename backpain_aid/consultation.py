"""The clinician's consultation view, Streamlit-free: the chosen options as one dense grid (every
figure with its time frame, comparator, certainty and source), the patient's own answers in short
rows, and a plain-text note for the medical record. All words come from data/content/clinician.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from backpain_aid import quiz, sure, values
from backpain_aid.answers import NOT_SURE, Answers, clean, suggested_questions
from backpain_aid.compare import Comparison, Selection, build_comparison
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import NO_COMPARATOR_ID, Condition, LadderStep, Outcome, Stance
from backpain_aid.explore import OptionCard
from backpain_aid.follow_up import NOT_STARTED, sorted_checks
from backpain_aid.ibp_check import assess
from backpain_aid.language import DEFAULT_LANGUAGE, format_date, format_number
from backpain_aid.safety import red_flag_signs, triage
from backpain_aid.wording import OutcomeStatement, cite, mid_sentence, stance_label

# --- The grid ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureLine:
    """One outcome row as a clinician reads it: the figures exactly as data/ holds them."""

    outcome: Outcome
    label: str  # the outcome's name
    verdict: str  # the one verdict word for this result, as every page shows it
    result: str  # "45 vs 30 per 100", a mean difference, or "no good evidence"
    comparator: str
    timeframe: str
    certainty: str
    source: str  # short citation
    population: str
    note: str  # the row's plain note, shown where there is no figure
    comparator_detail: str = ""  # what the comparison group really got, in the row's own words
    compared_with: str = ""  # the same with its heading, as the grid and the note show it; "" if none

    @property
    def has_figure(self) -> bool:
        return self.outcome.measure != "no_good_evidence"

    @property
    def set_against_nothing(self) -> bool:
        """The starting-point group's own figure: there is no other group to name."""
        return self.outcome.comparator_id == NO_COMPARATOR_ID


@dataclass(frozen=True)
class StanceLine:
    guideline: str  # short name
    year: int
    stance: str
    detail: str


@dataclass(frozen=True)
class OptionColumn:
    option_id: str
    name: str
    step: LadderStep
    benefits: tuple[FigureLine, ...]
    harms: tuple[FigureLine, ...]
    stances: tuple[StanceLine, ...]
    guidelines_disagree: bool
    guideline_note: str


@dataclass(frozen=True)
class Grid:
    condition: Condition
    comparison: Comparison
    columns: tuple[OptionColumn, ...]


def number(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A figure as data/ holds it: 41, 0.3, 12.5 (no rounding: the clinician sees the source value)."""
    return format_number(value, lang)


def signed(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    sign = f"{value:+g}"[0].replace("-", "\u2212")
    return sign + format_number(abs(value), lang)


def figure_result(outcome: Outcome, evidence: Evidence, text: Content) -> str:
    if outcome.measure == "events":
        values = {"option": number(outcome.option_count, text.lang)}
        if outcome.has_comparator:
            values["comparator"] = number(outcome.comparator_count, text.lang)
            result = text("clinician.figure.events_vs", **values)
        else:
            result = text("clinician.figure.events", **values)
        if outcome.count_interval is not None:
            low, high = outcome.count_interval
            result += " " + text(
                "clinician.figure.interval", low=number(low, text.lang), high=number(high, text.lang)
            )
        return result
    if outcome.measure == "extra_events":
        result = text("clinician.figure.extra_events", extra=number(outcome.option_per_100 or 0.0, text.lang))
        if outcome.ratio_low is not None:
            result += " " + text(
                "clinician.figure.ratio_interval",
                low=number(outcome.ratio_low, text.lang),
                high=number(outcome.ratio_high or 0.0, text.lang),
            )
        return result
    if outcome.measure == "mean_difference":
        scale = evidence.scales[outcome.scale_id]
        result = text(
            "clinician.figure.mean_difference",
            value=signed(outcome.difference, text.lang),
            scale=scale.name,
            better=text(f"clinician.figure.better_{scale.better}"),
        )
        if outcome.md_interval is not None:
            low, high = outcome.md_interval
            result += " " + text(
                "clinician.figure.interval", low=signed(low, text.lang), high=signed(high, text.lang)
            )
        return result
    return text(f"wording.not_known.{outcome.unknown_reason}")


def figure_line(statement: OutcomeStatement, evidence: Evidence, text: Content) -> FigureLine:
    outcome = statement.outcome
    return FigureLine(
        outcome=outcome,
        label=statement.label,
        verdict=statement.verdict_label,
        result=figure_result(outcome, evidence, text),
        comparator=mid_sentence(evidence.comparators[outcome.comparator_id].name),
        timeframe=outcome.timeframe or text("clinician.figure.no_timeframe"),
        certainty=text(f"wording.certainty_short.{outcome.certainty}"),
        source=cite(statement.source),
        population=outcome.population,
        note=statement.note,
        comparator_detail=statement.comparator_detail,
        compared_with=text(
            "clinician.figure.own_group"
            if outcome.comparator_id == NO_COMPARATOR_ID
            else "clinician.figure.compared_with",
            detail=statement.comparator_detail,
        )
        if statement.comparator_detail
        else "",
    )


def _column(card: OptionCard, evidence: Evidence, text: Content) -> OptionColumn:
    """Headline rows first, then the rest in data order, split into benefits and harms."""
    statements = (card.benefit, card.harm, *card.more_outcomes)
    lines = [figure_line(statement, evidence, text) for statement in statements]

    def of_kind(kind: str) -> tuple[FigureLine, ...]:
        return tuple(
            line for line in lines if evidence.outcome_types[line.outcome.outcome_type_id].kind == kind
        )

    return OptionColumn(
        option_id=card.option.id,
        name=card.option.name,
        step=evidence.ladder[card.option.ladder_step],
        benefits=of_kind("benefit"),
        harms=of_kind("harm"),
        stances=tuple(_stance_line(stance, evidence, text) for stance in card.stances),
        guidelines_disagree=card.guidelines_disagree,
        guideline_note=card.guideline_note,
    )


def _stance_line(stance: Stance, evidence: Evidence, text: Content) -> StanceLine:
    return StanceLine(
        guideline=evidence.guidelines[stance.guideline_id].short_name,
        year=stance.year,
        stance=stance_label(stance, text),
        detail=stance.detail,
    )


def build_grid(evidence: Evidence, text: Content, selection: Selection) -> Grid:
    comparison = build_comparison(evidence, text, selection)
    return Grid(
        condition=evidence.conditions[selection.condition_id],
        comparison=comparison,
        columns=tuple(_column(card, evidence, text) for card in comparison.cards),
    )


# --- The patient's own answers -------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    id: str
    label: str
    value: str
    typed: bool = False  # the patient wrote it: plain text only, never markup
    alert: bool = False  # needs the clinician's attention first (a warning sign was ticked)


@dataclass(frozen=True)
class PatientAnswers:
    rows: tuple[AnswerRow, ...]  # only the steps the patient did

    @property
    def any(self) -> bool:
        return bool(self.rows)


def patient_answers(evidence: Evidence, text: Content, answers: Answers) -> PatientAnswers:
    """The answers in short rows, in the order a consultation goes: safety first, then the
    patient's view of the options. Steps not done are left out."""
    answers = clean(answers, evidence, text)
    found = [
        _red_flags(text, answers),
        _ibp(text, answers),
        _priorities(evidence, text, answers),
        _leaning(evidence, text, answers),
        _sure(text, answers.sure_before, "sure_before"),
        _sure(text, answers.sure_after, "sure_after"),
        _quiz(evidence, text, answers),
        _questions(text, answers),
    ]
    rows = [row for row in found if row is not None]
    rows += follow_up_rows(evidence, text, answers)
    if answers.notes:
        rows.append(AnswerRow("notes", text("clinician.answers.notes"), answers.notes, typed=True))
    if answers.medicines:
        listed = "; ".join(
            " ".join(part for part in (m.name, m.dose, m.how_often) if part) for m in answers.medicines
        )
        rows.append(AnswerRow("medicines", text("clinician.answers.medicines"), listed, typed=True))
    return PatientAnswers(tuple(rows))


def follow_up_rows(evidence: Evidence, text: Content, answers: Answers) -> list[AnswerRow]:
    """One row per "how am I doing now" check, oldest first: only what was answered."""
    words = text.section("patient_file.clinician")
    rows = []
    for check in sorted_checks(answers.follow_ups):
        parts = [
            text(f"patient_file.clinician.{name}", value=value)
            for name, value in (("pain", check.pain), ("activities", check.activities))
            if value is not None
        ]
        if check.option_id == NOT_STARTED:
            parts.append(str(words["not_started"]))
        elif check.option_id is not None and check.option_id in evidence.options:
            started = text("patient_file.clinician.started", option=evidence.options[check.option_id].name)
            if check.still_on_it is not None:
                started += f" ({words['still' if check.still_on_it else 'stopped']})"
            parts.append(started)
        result = sure.score(check.sure, sure.question_ids(text))
        if result.complete:
            parts.append(text("patient_file.clinician.sure", score=result.score, total=result.total))
        if check.regret_score is not None:
            parts.append(
                text("patient_file.clinician.regret", score=format_number(check.regret_score, text.lang))
            )
        label = text("patient_file.clinician.check", date=format_date(check.on, text.lang))
        rows.append(AnswerRow("follow_up", label, "; ".join(parts)))
    return rows


def _row(row_id: str, text: Content, value: str, alert: bool = False) -> AnswerRow:
    return AnswerRow(row_id, text(f"clinician.answers.{row_id}"), value, alert=alert)


def _red_flags(text: Content, answers: Answers) -> AnswerRow | None:
    signs = red_flag_signs(text)
    level = triage(signs, answers.red_flags_ticked)
    if level != "none":
        ticked = "; ".join(sign.text for sign in signs if sign.id in answers.red_flags_ticked)
        return _row("red_flags", text, text(f"clinician.answers.red_flags_{level}", signs=ticked), alert=True)
    if answers.red_flags_done:
        return _row("red_flags", text, text("clinician.answers.red_flags_none"))
    return None


def _ibp(text: Content, answers: Answers) -> AnswerRow | None:
    result = assess(text, answers.ibp_answers, answers.ibp_lasted_over_3_months)
    if result == "incomplete":
        return None
    criteria = {str(item["id"]): str(item["criterion"]) for item in text.entries("asas_ibp.items")}
    yes = [criterion for item_id, criterion in criteria.items() if answers.ibp_answers.get(item_id)]
    value = text(f"clinician.answers.ibp_{result}", count=len(yes), total=len(criteria))
    if yes:
        value += " " + text("clinician.answers.ibp_yes_to", criteria="; ".join(yes))
    return _row("ibp", text, value)


def _priorities(evidence: Evidence, text: Content, answers: Answers) -> AnswerRow | None:
    if not answers.weights:
        return None
    attributes = values.load_attributes(text, evidence)
    weights = answers.weights
    # Most important first; equal weights keep the questionnaire's order.
    ranked = sorted(attributes, key=lambda attribute: -weights[attribute.id])
    listed = "; ".join(
        text("clinician.answers.priority", what=attribute.label, weight=weights[attribute.id])
        for attribute in ranked
    )
    return _row("priorities", text, listed)


def _leaning(evidence: Evidence, text: Content, answers: Answers) -> AnswerRow | None:
    leaning = answers.leaning
    if leaning == NOT_SURE:
        return _row("leaning", text, text("clinician.answers.leaning_not_sure"))
    if leaning is not None:
        return _row("leaning", text, evidence.options[leaning].name)
    return None


def sure_line(text: Content, given: Mapping[str, bool | None]) -> str | None:
    """'3/4 (no to: ...)', 'answered 2 of 4', or None when not asked at all."""
    result = sure.score(given, sure.question_ids(text))
    if not result.answered:
        return None
    if not result.complete:
        return text("clinician.answers.sure_partial", answered=result.answered, total=result.total)
    line = text("clinician.answers.sure_score", score=result.score, total=result.total)
    if result.no_ids:
        names = text.section("clinician.sure_items")
        items = "; ".join(str(names[question_id]) for question_id in result.no_ids)
        line += " " + text("clinician.answers.sure_no_to", items=items)
    return line


def _sure(text: Content, given: Mapping[str, bool | None], row_id: str) -> AnswerRow | None:
    line = sure_line(text, given)
    return None if line is None else _row(row_id, text, line)


def _quiz(evidence: Evidence, text: Content, answers: Answers) -> AnswerRow | None:
    condition_id = answers.condition_id
    if condition_id is None or not answers.quiz_answers:
        return None
    asked = quiz.questions(evidence, text, condition_id, answers.option_ids)
    result = quiz.mark(asked, answers.quiz_answers)
    if not result.answered:
        return None
    counts = {"right": result.right, "answered": result.answered, "total": result.total}
    return _row("quiz", text, text("clinician.answers.quiz_result", **counts))


def _questions(text: Content, answers: Answers) -> AnswerRow | None:
    known = suggested_questions(text)
    picked = [known[question_id] for question_id in answers.questions]
    return _row("questions", text, " ".join(picked)) if picked else None


# --- The note for the record ---------------------------------------------------------------


def _is_serious(outcome: Outcome, evidence: Evidence) -> bool:
    """A harm of the kinds the "Serious harms?" row shows (outcome_types.csv `severity`), or a
    regulator's warning."""
    severity = evidence.outcome_types[outcome.outcome_type_id].severity
    return severity == "serious" or outcome.unknown_reason == "warning_only"


def key_figure_lines(grid: Grid, evidence: Evidence, text: Content) -> list[str]:
    """Each option's headline benefit and harm, and every serious harm and regulator's warning (a
    clinician is expected to have talked them through), with everything needed to read them."""
    lines = []
    for column, card in zip(grid.columns, grid.comparison.cards, strict=True):
        headline_ids = {card.benefit.outcome.id, card.harm.outcome.id}
        for line in (*column.benefits, *column.harms):
            if line.outcome.id in headline_ids or _is_serious(line.outcome, evidence):
                key = "clinician.note.figure" if line.has_figure else "clinician.note.figure_none"
                if line.has_figure and line.set_against_nothing:
                    key = "clinician.note.figure_alone"
                lines.append(
                    text(
                        key,
                        option=column.name,
                        outcome=line.label,
                        verdict=line.verdict,
                        result=line.result,
                        comparator=line.comparator,
                        timeframe=line.timeframe,
                        population=line.population,
                        compared_with=line.compared_with,
                        certainty=line.certainty,
                        source=line.source,
                        note=line.note,
                    )
                )
    return lines


def consultation_note(
    evidence: Evidence, text: Content, grid: Grid | None, patient: PatientAnswers, made_on: date
) -> str:
    """The plain-text note: what was discussed, the key figures, the patient's answers, and the
    evidence version. Plain text only, so it pastes into any record system."""
    note = text.section("clinician.note")
    lines = [str(note["title"]), text("clinician.note.date", date=format_date(made_on, text.lang)), ""]
    if grid is None:
        lines.append(str(note["no_options"]))
    else:
        lines.append(text("clinician.note.condition", condition=grid.condition.name))
        lines.append(str(note["options_title"]))
        lines += [f"- {column.name}" for column in grid.columns]
        lines += ["", str(note["figures_title"])]
        lines += [f"- {line}" for line in key_figure_lines(grid, evidence, text)]
    lines += ["", str(note["answers_title"])]
    if patient.any:
        # Typed notes keep their line breaks, indented under their label.
        lines += [f"- {row.label}: {row.value}".replace("\n", "\n  ") for row in patient.rows]
    else:
        lines.append(str(note["no_answers"]))
    lines += [
        "",
        text("clinician.note.evidence", **evidence.meta.text_values(text.lang)),
        str(note["not_advice"]),
    ]
    return "\n".join(lines) + "\n"
