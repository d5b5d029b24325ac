"""What matters to you: the attributes a person weighs, how each option does on them, and how the
person's own weights combine. A transparent sum, never a recommendation.

Public API (Streamlit-free; the summary page and the PDF use it too):

- ``load_attributes(text, evidence) -> tuple[Attribute, ...]``: the attributes and their scoring
  rules from data/content/values.yaml, validated against the evidence. Raises ``RulesError``
  naming the file, the entry and the field of every problem.
- ``fit(evidence, attributes, option_ids, condition_id, weights) -> FitResult``: per option, per
  attribute, the rating (0, 0.5, 1 or None for "no good evidence"), the evidence row behind it,
  the points (weight x rating), the total, and flags for close totals and uncertain evidence.
- ``with_weight(weights, attribute_id, value)``: the "what if I cared more about X" weights.
- ``cell_reason(cell, evidence, text) -> str``: why a cell has its rating, in plain words.
- ``rationale(attribute) -> str``: the rule behind an attribute, in plain words.
- ``rating_key(score) -> str``: content key of the rating word (values.fit.rating.*).
- ``default_weights(attributes)``, ``clean_weights(attributes, weights)``.

Weights run from 0 (does not matter) to MAX_WEIGHT (matters very much). The chart of a
FitResult is in backpain_aid/values_chart.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import REFERENCE_OPTION_ID, SNAKE_ID, Outcome
from backpain_aid.wording import cite, describe_outcome

RULES_FILE = "content/values.yaml"
MAX_WEIGHT = 4
DEFAULT_WEIGHT = 2
#: Two totals closer than this share of the largest possible total are "too close to tell apart".
CLOSE_SHARE = 0.1
UNCERTAIN = {"low", "very_low"}
RATINGS = (0.0, 0.5, 1.0)

Rating = Annotated[float, Field(ge=0, le=1)]


def _allowed_rating(value: float) -> float:
    if value not in RATINGS:
        raise ValueError("a rating must be 0, 0.5 or 1")
    return value


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BenefitRule(_Rule):
    """Size of the gain over the comparator, from the main benefit row with a figure."""

    kind: Literal["benefit_size"]
    outcome_types: tuple[str, ...] = Field(min_length=1)
    min_weeks: float = Field(ge=0)
    events_clear: float = Field(gt=0, le=100)
    events_small: float = Field(gt=0, le=100)
    scale_clear: float = Field(gt=0, le=100)
    scale_small: float = Field(gt=0, le=100)
    reference_score: Rating

    _ratings = field_validator("reference_score")(_allowed_rating)


class HarmRule(_Rule):
    """Extra people out of 100 with the worst counted harm, over the comparator."""

    kind: Literal["harm_excess"]
    outcome_types: tuple[str, ...] = Field(min_length=1)
    excess_high: float = Field(gt=0, le=100)
    excess_some: float = Field(gt=0, le=100)
    reference_score: Rating

    _ratings = field_validator("reference_score")(_allowed_rating)


class LadderRule(_Rule):
    """A rating for each step of the invasiveness ladder."""

    kind: Literal["ladder"]
    scores: dict[str, Rating]
    reference_score: Rating | None = None

    @field_validator("scores")
    @classmethod
    def _scores_allowed(cls, scores: dict[str, float]) -> dict[str, float]:
        for value in scores.values():
            _allowed_rating(value)
        return scores


class GroupRule(_Rule):
    """One rating for options in a group (by ladder step or by option id), another for the rest."""

    kind: Literal["option_group"]
    ladder_steps: tuple[str, ...] = ()
    option_ids: tuple[str, ...] = ()
    in_group_score: Rating
    other_score: Rating

    _ratings = field_validator("in_group_score", "other_score")(_allowed_rating)


ScoringRule = Annotated[BenefitRule | HarmRule | LadderRule | GroupRule, Field(discriminator="kind")]


class Attribute(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SNAKE_ID)
    label: str = Field(min_length=3)
    explain: str = Field(min_length=10)
    rationale: str = Field(min_length=20)
    scoring: ScoringRule


class RulesError(Exception):
    """The scoring rules are broken; every problem names the file, the entry and the field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"The scoring rules have {len(problems)} problem(s):\n{lines}")


def load_attributes(text: Content, evidence: Evidence) -> tuple[Attribute, ...]:
    raw = text.node("values.attributes")
    if not isinstance(raw, list) or not raw:
        raise RulesError([f"{RULES_FILE}, key 'attributes': must be a list of attributes"])
    problems: list[str] = []
    attributes: list[Attribute] = []
    for index, entry in enumerate(raw):
        where = f"{RULES_FILE}, attributes[{index}]"
        if isinstance(entry, Mapping) and "id" in entry:
            where += f" ({entry['id']})"
        try:
            attribute = Attribute.model_validate(entry)
        except ValidationError as error:
            for detail in error.errors():
                field = ".".join(str(part) for part in detail["loc"]) or "-"
                problems.append(f"{where}, field '{field}': {detail['msg']}")
            continue
        problems += [
            f"{where}, field 'scoring.{field}': {message}" for field, message in _check(attribute, evidence)
        ]
        attributes.append(attribute)
    ids = [attribute.id for attribute in attributes]
    problems += [
        f"{RULES_FILE}, field 'id': '{i}' is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    if problems:
        raise RulesError(problems)
    return tuple(attributes)


def _check(attribute: Attribute, evidence: Evidence) -> list[tuple[str, str]]:
    """Cross-check one rule against the evidence vocabularies: (field, message) pairs."""
    rule = attribute.scoring
    found: list[tuple[str, str]] = []
    if isinstance(rule, (BenefitRule, HarmRule)):
        kind = "benefit" if isinstance(rule, BenefitRule) else "harm"
        for type_id in rule.outcome_types:
            if type_id not in evidence.outcome_types:
                found.append(("outcome_types", f"'{type_id}' is not an id in outcome_types.csv"))
            elif evidence.outcome_types[type_id].kind != kind:
                found.append(("outcome_types", f"'{type_id}' is not a {kind} in outcome_types.csv"))
    if isinstance(rule, BenefitRule) and rule.events_small > rule.events_clear:
        found.append(("events_small", "must not be more than events_clear"))
    if isinstance(rule, BenefitRule) and rule.scale_small > rule.scale_clear:
        found.append(("scale_small", "must not be more than scale_clear"))
    if isinstance(rule, HarmRule) and rule.excess_some > rule.excess_high:
        found.append(("excess_some", "must not be more than excess_high"))
    if isinstance(rule, LadderRule):
        for step_id in sorted(set(evidence.ladder) - set(rule.scores)):
            found.append(("scores", f"no rating for ladder step '{step_id}'"))
        for step_id in sorted(set(rule.scores) - set(evidence.ladder)):
            found.append(("scores", f"'{step_id}' is not an id in ladder.csv"))
    if isinstance(rule, GroupRule):
        found += [
            ("ladder_steps", f"'{s}' is not an id in ladder.csv")
            for s in rule.ladder_steps
            if s not in evidence.ladder
        ]
        found += [
            ("option_ids", f"'{o}' is not an id in options.csv")
            for o in rule.option_ids
            if o not in evidence.options
        ]
    return found


def rationale(attribute: Attribute) -> str:
    """The rule in plain words, its numbers filled in from the rule itself."""
    numbers = {
        name: f"{value:g}"
        for name, value in attribute.scoring.model_dump().items()
        if isinstance(value, float)
    }
    return attribute.rationale.format(**numbers)


def default_weights(attributes: Sequence[Attribute]) -> dict[str, int]:
    return {attribute.id: DEFAULT_WEIGHT for attribute in attributes}


def clean_weights(attributes: Sequence[Attribute], weights: Mapping[str, object] | None) -> dict[str, int]:
    """Known attributes only, each a whole number from 0 to MAX_WEIGHT; missing ones at the default."""
    cleaned = default_weights(attributes)
    for attribute_id, value in (weights or {}).items():
        if attribute_id in cleaned and isinstance(value, (int, float)) and not isinstance(value, bool):
            cleaned[attribute_id] = int(min(MAX_WEIGHT, max(0, round(value))))
    return cleaned


def with_weight(weights: Mapping[str, int], attribute_id: str, value: int = MAX_WEIGHT) -> dict[str, int]:
    """'What if this mattered very much to me?': the same weights with one changed."""
    return {**weights, attribute_id: value}


# --- Rating one option on one attribute -----------------------------------------------------


Reason = Literal[
    "reference",
    "clear",
    "small",
    "none",
    "harm_many",
    "harm_some",
    "harm_few",
    "ladder",
    "in_group",
    "out_group",
    "no_evidence",
    "no_evidence_harms",
]


@dataclass(frozen=True)
class Rated:
    """How one option does on one attribute, before anyone's weights."""

    score: float | None  # 0, 0.5 or 1; None means no good evidence
    reason: Reason
    basis: Outcome | None = None  # the evidence row behind the rating, if any
    uncertain: bool = False  # low or very low certainty, or some harms lack good evidence


def rate(attribute: Attribute, evidence: Evidence, option_id: str, condition_id: str) -> Rated:
    rule = attribute.scoring
    if isinstance(rule, BenefitRule):
        return _rate_benefit(rule, evidence, option_id, condition_id)
    if isinstance(rule, HarmRule):
        return _rate_harm(rule, evidence, option_id, condition_id)
    if isinstance(rule, LadderRule):
        if option_id == REFERENCE_OPTION_ID and rule.reference_score is not None:
            return Rated(rule.reference_score, "reference")
        return Rated(rule.scores[evidence.options[option_id].ladder_step], "ladder")
    option = evidence.options[option_id]
    in_group = option.ladder_step in rule.ladder_steps or option_id in rule.option_ids
    if in_group:
        return Rated(rule.in_group_score, "in_group")
    return Rated(rule.other_score, "out_group")


def _rate_benefit(rule: BenefitRule, evidence: Evidence, option_id: str, condition_id: str) -> Rated:
    if option_id == REFERENCE_OPTION_ID:
        return Rated(rule.reference_score, "reference")
    rows = [
        outcome
        for outcome in evidence.outcomes_for(option_id, condition_id, "benefit")
        if outcome.outcome_type_id in rule.outcome_types
        and (outcome.timeframe_weeks or 0) >= rule.min_weeks
        and (outcome.measure == "mean_difference" or (outcome.measure == "events" and outcome.has_comparator))
    ]
    if not rows:
        return Rated(None, "no_evidence")
    # The main (headline) result first, then the longest follow-up.
    basis = max(rows, key=lambda o: (o.headline, o.timeframe_weeks or 0))
    gain = benefit_gain(basis, evidence)
    clear, small = (
        (rule.events_clear, rule.events_small)
        if basis.measure == "events"
        else (rule.scale_clear, rule.scale_small)
    )
    score, reason = (1.0, "clear") if gain >= clear else (0.5, "small") if gain >= small else (0.0, "none")
    return Rated(score, reason, basis, basis.certainty in UNCERTAIN)


def benefit_gain(outcome: Outcome, evidence: Evidence) -> float:
    """Gain over the comparator: extra people out of 100, or points on the scale set to 0-100.
    Negative when the option did worse."""
    if outcome.measure == "events":
        return outcome.option_per_100 - outcome.comparator_per_100
    scale = evidence.scales[outcome.md_scale]
    improvement = -outcome.md_value if scale.better == "lower" else outcome.md_value
    return improvement / scale.span * 100


def _rate_harm(rule: HarmRule, evidence: Evidence, option_id: str, condition_id: str) -> Rated:
    if option_id == REFERENCE_OPTION_ID:
        return Rated(rule.reference_score, "reference")
    listed = [
        outcome
        for outcome in evidence.outcomes_for(option_id, condition_id, "harm")
        if outcome.outcome_type_id in rule.outcome_types
    ]
    counted = [outcome for outcome in listed if outcome.measure == "events"]
    if not counted:
        return Rated(None, "no_evidence_harms")
    basis = max(counted, key=harm_excess)
    excess = harm_excess(basis)
    if excess >= rule.excess_high:
        score, reason = 0.0, "harm_many"
    elif excess >= rule.excess_some:
        score, reason = 0.5, "harm_some"
    else:
        score, reason = 1.0, "harm_few"
    partly_unknown = any(outcome.measure == "no_good_evidence" for outcome in listed)
    return Rated(score, reason, basis, basis.certainty in UNCERTAIN or partly_unknown)


def harm_excess(outcome: Outcome) -> float:
    """Extra people out of 100 with the harm; all of them when only the treatment can cause it."""
    if outcome.has_comparator:
        return outcome.option_per_100 - outcome.comparator_per_100
    return outcome.option_per_100


# --- Combining ratings with a person's weights ----------------------------------------------


@dataclass(frozen=True)
class Cell:
    option_id: str
    attribute_id: str
    weight: int
    rated: Rated

    @property
    def score(self) -> float | None:
        return self.rated.score

    @property
    def points(self) -> float:
        """Weight times rating; no points where there is no good evidence."""
        return 0.0 if self.rated.score is None else self.weight * self.rated.score

    @property
    def unknown_points(self) -> float:
        """The points this cell could add if the missing evidence were good."""
        return float(self.weight) if self.rated.score is None else 0.0


@dataclass(frozen=True)
class OptionFit:
    option_id: str
    cells: tuple[Cell, ...]

    @property
    def total(self) -> float:
        return sum(cell.points for cell in self.cells)

    @property
    def possible(self) -> float:
        """The total if every missing piece of evidence turned out as good as it could be."""
        return self.total + sum(cell.unknown_points for cell in self.cells)

    @property
    def uncertain(self) -> bool:
        """Some of what the person cares about rests on weak or missing evidence."""
        return any(cell.weight and (cell.rated.uncertain or cell.score is None) for cell in self.cells)

    def cell(self, attribute_id: str) -> Cell:
        return next(cell for cell in self.cells if cell.attribute_id == attribute_id)


@dataclass(frozen=True)
class FitResult:
    options: tuple[OptionFit, ...]  # in the order the person picked them
    max_total: int  # the sum of the weights: what an option that does well on everything gets
    close_pairs: tuple[tuple[str, str], ...]  # totals too close to tell apart
    unclear_pairs: tuple[tuple[str, str], ...]  # missing evidence could swap their order

    @property
    def all_zero(self) -> bool:
        return self.max_total == 0

    @property
    def order(self) -> tuple[str, ...]:
        """Option ids, best fit first; equal totals keep the person's order."""
        return tuple(fit.option_id for fit in sorted(self.options, key=lambda fit: -fit.total))

    @property
    def uncertain(self) -> bool:
        return any(fit.uncertain for fit in self.options)

    def option(self, option_id: str) -> OptionFit:
        return next(fit for fit in self.options if fit.option_id == option_id)


def fit(
    evidence: Evidence,
    attributes: Sequence[Attribute],
    option_ids: Sequence[str],
    condition_id: str,
    weights: Mapping[str, int],
) -> FitResult:
    """How the person's weights meet each option. Pure: same inputs, same result."""
    weights = clean_weights(attributes, weights)
    fits = tuple(
        OptionFit(
            option_id,
            tuple(
                Cell(
                    option_id,
                    attribute.id,
                    weights[attribute.id],
                    rate(attribute, evidence, option_id, condition_id),
                )
                for attribute in attributes
            ),
        )
        for option_id in option_ids
    )
    max_total = sum(weights.values())
    close: list[tuple[str, str]] = []
    unclear: list[tuple[str, str]] = []
    if max_total:
        for index, first in enumerate(fits):
            for second in fits[index + 1 :]:
                if abs(first.total - second.total) < CLOSE_SHARE * max_total:
                    close.append((first.option_id, second.option_id))
                elif _could_swap(first, second):
                    unclear.append((first.option_id, second.option_id))
    return FitResult(fits, max_total, tuple(close), tuple(unclear))


def _could_swap(first: OptionFit, second: OptionFit) -> bool:
    lower, higher = sorted((first, second), key=lambda fit: fit.total)
    return lower.possible > higher.total


# --- In words ---------------------------------------------------------------------------------


def rating_key(score: float | None) -> str:
    name = {None: "unknown", 0.0: "poor", 0.5: "middle", 1.0: "good"}[score]
    return f"values.fit.rating.{name}"


def cell_reason(cell: Cell, evidence: Evidence, text: Content) -> str:
    """Why the cell has its rating: the evidence sentence with its certainty and source, or the
    ladder step, or the plain rule."""
    rated = cell.rated
    if rated.basis is not None:
        statement = describe_outcome(rated.basis, evidence, text)
        certainty = text(f"wording.certainty_short.{rated.basis.certainty}")
        return f"{statement.label}: {statement.sentence} " + text(
            "values.quiz.evidence", certainty=certainty, source=cite(statement.source)
        )
    if rated.reason == "ladder":
        step = evidence.ladder[evidence.options[cell.option_id].ladder_step]
        return text("values.fit.reason.ladder", step=step.step, name=step.name)
    return text(f"values.fit.reason.{rated.reason}")
