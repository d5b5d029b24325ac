"""What matters to you: the attributes a person weighs, how each option does on them, and how the
person's own weights combine. A transparent sum, never a recommendation.

Public API (Streamlit-free; the summary page and the PDF use it too):

- ``load_attributes(text, evidence) -> tuple[Attribute, ...]``: the attributes and their scoring
  rules from data/content/values.yaml, validated against the evidence. Raises ``RulesError``
  naming the file, the entry and the field of every problem.
- ``fit(evidence, attributes, option_ids, condition_id, weights) -> FitResult``: per option, per
  attribute, the rating (0, 0.5, 1 or None for "not known"), the verdict behind it (from
  backpain_aid.verdicts, the same one every page shows), the points (weight x rating) of what is
  known, how much of what the person weighs is known, and a ranking only when everything
  weighed is known for every option (a total never mixes measured and unmeasured things).
- ``with_weight(weights, attribute_id, value)``: the "what if I cared more about X" weights.
- ``cell_word(cell, text)``, ``cell_reason(cell, evidence, text) -> str``: the verdict or rating
  word of a cell, and why it has it, in plain words.
- ``rationale(attribute) -> str``: the rule behind an attribute, in plain words.
- ``known_lines``, ``standing_text``, ``advice_note``: how much is known for each option, the
  order (equal totals share a place) or why there is none, and the "not a recommendation" box
  (it speaks of "the top" only when there is one), in words.
- ``rating_key(score) -> str``: content key of the rating word (values.fit.rating.*).
- ``default_weights(attributes)``, ``clean_weights(attributes, weights)``.

Weights run from 0 (does not matter) to MAX_WEIGHT (matters very much). The chart of a
FitResult is in backpain_aid/values_chart.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from backpain_aid import verdicts
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import REFERENCE_OPTION_ID, SNAKE_ID, Kind, Outcome
from backpain_aid.language import DEFAULT_LANGUAGE, format_number
from backpain_aid.verdicts import FAVOURABILITY, Verdict, deciding, judge
from backpain_aid.wording import cite, describe_outcome, mid_sentence

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


def _allowed_ratings(ratings: dict[str, float]) -> dict[str, float]:
    for value in ratings.values():
        _allowed_rating(value)
    return ratings


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VerdictRule(_Rule):
    """Rated from the verdicts (backpain_aid.verdicts) of the option's results of these types.

    For a benefit one result speaks (``verdicts.deciding``): the headline result when it is among
    them, else the one with the longest follow-up, the less favourable of a tie, so an option with
    many results is not credited for its best pick. For harms the least favourable counts: the
    worst harm shown. Results with no good evidence are never rated; the rating says when some
    of them are missing."""

    kind: Literal["benefit_verdict", "harm_verdict"]
    outcome_types: tuple[str, ...] = Field(min_length=1)
    min_weeks: float = Field(default=0, ge=0)
    ratings: dict[str, Rating]
    reference_score: Rating

    _reference = field_validator("reference_score")(_allowed_rating)
    _ratings = field_validator("ratings")(_allowed_ratings)

    @property
    def outcome_kind(self) -> Kind:
        return "benefit" if self.kind == "benefit_verdict" else "harm"


class LadderRule(_Rule):
    """A rating for each step of the invasiveness ladder."""

    kind: Literal["ladder"]
    scores: dict[str, Rating]
    reference_score: Rating | None = None

    _scores = field_validator("scores")(_allowed_ratings)


class GroupRule(_Rule):
    """One rating for options in a group (by ladder step or by option id), another for the rest.

    With ``anaesthetic_score``, options outside the group whose ladder step needs an anaesthetic
    (ladder.csv ``anaesthetic``: local or general) get that rating instead: an injection or an
    operation is not a medicine you keep taking, but it does bring medicines with it."""

    kind: Literal["option_group"]
    ladder_steps: tuple[str, ...] = ()
    option_ids: tuple[str, ...] = ()
    in_group_score: Rating
    other_score: Rating
    anaesthetic_score: Rating | None = None

    _ratings = field_validator("in_group_score", "other_score")(_allowed_rating)

    @field_validator("anaesthetic_score")
    @classmethod
    def _anaesthetic(cls, value: float | None) -> float | None:
        return None if value is None else _allowed_rating(value)


ScoringRule = Annotated[VerdictRule | LadderRule | GroupRule, Field(discriminator="kind")]


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
    if isinstance(rule, VerdictRule):
        for type_id in rule.outcome_types:
            if type_id not in evidence.outcome_types:
                found.append(("outcome_types", f"'{type_id}' is not an id in outcome_types.csv"))
            elif evidence.outcome_types[type_id].kind != rule.outcome_kind:
                found.append(
                    ("outcome_types", f"'{type_id}' is not a {rule.outcome_kind} in outcome_types.csv")
                )
        for verdict_id in sorted(set(FAVOURABILITY) - set(rule.ratings)):
            found.append(("ratings", f"no rating for the verdict '{verdict_id}'"))
        for rated_id in sorted(set(rule.ratings) - set(FAVOURABILITY)):
            # "not known" can never be rated: that is the point of keeping it apart.
            found.append(("ratings", f"'{rated_id}' is not a measured verdict and cannot be rated"))
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


def rationale(attribute: Attribute, lang: str = DEFAULT_LANGUAGE) -> str:
    """The rule in plain words, its numbers filled in from the rule itself."""
    numbers = {
        name: format_number(value, lang)
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
    "reference", "baseline", "verdict", "ladder", "in_group", "anaesthetic", "out_group", "no_evidence"
]


@dataclass(frozen=True)
class Rated:
    """How one option does on one attribute, before anyone's weights."""

    score: float | None  # 0, 0.5 or 1; None means not known (no good evidence)
    reason: Reason
    verdict: Verdict | None = None  # the verdict of the result behind the rating, if any
    some_not_known: bool = False  # some results this attribute looks at have no good evidence
    #: A rating that stands in for a result with no good evidence cannot be used to put options
    #: in order: the worst harm among the harms measured, while another harm was not measured; a
    #: benefit read from another result because the headline (or a longer one) is not known.
    blocks_order: bool = False
    kind: Kind | None = None  # benefit or harm, for a rating read from verdicts
    #: A benefit measured elsewhere that says more than the result the rating rests on (faster
    #: relief at 8 weeks beside no clear difference at a year): said beside it, never scored.
    better_elsewhere: Verdict | None = None

    @property
    def basis(self) -> Outcome | None:
        return None if self.verdict is None else self.verdict.outcome

    @property
    def uncertain(self) -> bool:
        """The result the rating rests on is of low or very low certainty. Only that result: that
        other results are not known is said apart (``some_not_known``), never as "not sure"."""
        return self.basis is not None and self.basis.certainty in UNCERTAIN


def rate(attribute: Attribute, evidence: Evidence, option_id: str, condition_id: str) -> Rated:
    rule = attribute.scoring
    if isinstance(rule, VerdictRule):
        return _rate_by_verdicts(rule, evidence, option_id, condition_id)
    if isinstance(rule, LadderRule):
        if option_id == REFERENCE_OPTION_ID and rule.reference_score is not None:
            return Rated(rule.reference_score, "reference")
        return Rated(rule.scores[evidence.options[option_id].ladder_step], "ladder")
    option = evidence.options[option_id]
    in_group = option.ladder_step in rule.ladder_steps or option_id in rule.option_ids
    if in_group:
        return Rated(rule.in_group_score, "in_group")
    if rule.anaesthetic_score is not None and evidence.ladder[option.ladder_step].anaesthetic != "none":
        return Rated(rule.anaesthetic_score, "anaesthetic")
    return Rated(rule.other_score, "out_group")


def _rate_by_verdicts(rule: VerdictRule, evidence: Evidence, option_id: str, condition_id: str) -> Rated:
    if option_id == REFERENCE_OPTION_ID:
        return Rated(rule.reference_score, "baseline", kind=rule.outcome_kind)
    relevant = [
        judge(outcome, evidence)
        for outcome in evidence.outcomes_for(option_id, condition_id, rule.outcome_kind)
        if outcome.outcome_type_id in rule.outcome_types
        and (outcome.measure == "no_good_evidence" or (outcome.timeframe_weeks or 0) >= rule.min_weeks)
    ]
    basis = deciding(relevant, rule.outcome_kind)
    some_not_known = any(not verdict.measured for verdict in relevant)
    if basis is None:
        return Rated(None, "no_evidence", some_not_known=True)
    blocks = _stands_in_for_unknown(relevant, rule.outcome_kind)
    better = None
    if rule.outcome_kind == "benefit":
        best = min((v for v in relevant if v.measured), key=lambda v: v.favourability)
        better = best if best.favourability < basis.favourability else None
    return Rated(rule.ratings[basis.id], "verdict", basis, some_not_known, blocks, rule.outcome_kind, better)


def _stands_in_for_unknown(relevant: Sequence[Verdict], kind: Kind) -> bool:
    """Whether a result with no good evidence would be the deciding one had it been measured, even
    with the least favourable verdict (which wins every tie): then the rating speaks for a result
    that is not known, and finding it could lower the rating. For harms that is any harm not
    measured; for benefits an unknown headline, or an unknown result followed up as long or longer.
    So replacing a result with "not known" can never raise a rating that is used for an order."""
    measured = [verdict for verdict in relevant if verdict.measured]
    for unknown in (verdict for verdict in relevant if not verdict.measured):
        stand_in = dataclasses.replace(unknown, id=FAVOURABILITY[-1])
        if deciding([*measured, stand_in], kind) is stand_in:
            return True
    return False


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
    def known(self) -> bool:
        return self.rated.score is not None

    @property
    def points(self) -> float:
        """Weight times rating; nothing where it is not known (never scored as poor)."""
        return 0.0 if self.rated.score is None else self.weight * self.rated.score

    @property
    def blocks_order(self) -> bool:
        return bool(self.weight) and (not self.known or self.rated.blocks_order)


@dataclass(frozen=True)
class OptionFit:
    option_id: str
    cells: tuple[Cell, ...]

    @property
    def total(self) -> float:
        """Points from what is known only."""
        return sum(cell.points for cell in self.cells)

    @property
    def measured_weight(self) -> int:
        """How much of what the person cares about is known for this option, in weight."""
        return sum(cell.weight for cell in self.cells if cell.known)

    @property
    def not_known(self) -> tuple[str, ...]:
        """Attributes the person weighs whose rating is not known for this option."""
        return tuple(cell.attribute_id for cell in self.cells if cell.weight and not cell.known)

    @property
    def blocking(self) -> tuple[str, ...]:
        """Attributes that keep this option out of any order: not known, or harms partly unknown."""
        return tuple(cell.attribute_id for cell in self.cells if cell.blocks_order)

    @property
    def uncertain(self) -> bool:
        """Some of what the person cares about rests on weak or missing evidence."""
        return any(
            cell.weight and (cell.rated.uncertain or cell.rated.some_not_known or not cell.known)
            for cell in self.cells
        )

    def cell(self, attribute_id: str) -> Cell:
        return next(cell for cell in self.cells if cell.attribute_id == attribute_id)


@dataclass(frozen=True)
class FitResult:
    options: tuple[OptionFit, ...]  # in the order the person picked them
    max_total: int  # the sum of the weights: what an option that does well on everything gets
    #: Best fit first, or None: options are put in order only when everything the person weighs
    #: is known for every option, so a total never mixes measured and unmeasured things. Equal
    #: totals keep the person's order here, but they share a place (``levels``).
    ranking: tuple[str, ...] | None
    #: In the ranking, too close to tell apart: totals that differ, but by little. Equal totals
    #: are not listed here: they share a place.
    close_pairs: tuple[tuple[str, str], ...]

    @property
    def all_zero(self) -> bool:
        return self.max_total == 0

    @property
    def ranked(self) -> bool:
        return self.ranking is not None

    @property
    def levels(self) -> tuple[tuple[str, ...], ...] | None:
        """The ranking as places, best first: options with equal totals share one place."""
        if self.ranking is None:
            return None
        places: list[list[str]] = []
        for option_id in self.ranking:
            if places and self.option(places[-1][0]).total == self.option(option_id).total:
                places[-1].append(option_id)
            else:
                places.append([option_id])
        return tuple(tuple(place) for place in places)

    @property
    def ordered(self) -> bool:
        """An order is given: there is a ranking and not every option has the same total."""
        return self.levels is not None and len(self.levels) > 1

    @property
    def display_order(self) -> tuple[str, ...]:
        """The ranking when there is one, else the person's own order."""
        return self.ranking or tuple(fit.option_id for fit in self.options)

    @property
    def uncertain(self) -> bool:
        return any(fit.uncertain for fit in self.options)

    def option(self, option_id: str) -> OptionFit:
        return next(fit for fit in self.options if fit.option_id == option_id)

    def standing(self, option_id: str) -> int | None:
        """Place in the ranking (1 = best fit; equal totals share a place), or None when the
        options are not put in order."""
        if self.levels is None:
            return None
        return next(place for place, level in enumerate(self.levels, start=1) if option_id in level)


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
    if not max_total or any(option_fit.blocking for option_fit in fits):
        return FitResult(fits, max_total, None, ())
    # Equal totals keep the person's order (sorted is stable).
    ranking = tuple(fit.option_id for fit in sorted(fits, key=lambda fit: -fit.total))
    close = tuple(
        (first.option_id, second.option_id)
        for index, first in enumerate(fits)
        for second in fits[index + 1 :]
        if 0 < abs(first.total - second.total) < CLOSE_SHARE * max_total
    )
    return FitResult(fits, max_total, ranking, close)


# --- In words ---------------------------------------------------------------------------------


def rating_key(score: float | None) -> str:
    name = {None: "unknown", 0.0: "poor", 0.5: "middle", 1.0: "good"}[score]
    return f"values.fit.rating.{name}"


def cell_word(cell: Cell, text: Content) -> str:
    """The word in a cell: the verdict of the result behind it, the same word every other page
    uses for that result; the starting point for no treatment; else the rule's rating."""
    if cell.rated.verdict is not None:
        return verdicts.label(cell.rated.verdict, text)
    if cell.rated.reason == "baseline":
        return text("verdicts.label.baseline")
    return text(rating_key(cell.score))


def cell_reason(cell: Cell, evidence: Evidence, text: Content) -> str:
    """Why the cell has its rating: the result with its verdict, certainty and source, or the
    ladder step, or the plain rule."""
    rated = cell.rated
    if rated.basis is not None:
        statement = describe_outcome(rated.basis, evidence, text)
        certainty = text(f"wording.certainty_short.{rated.basis.certainty}")
        why = (
            f"{statement.label}: {statement.sentence} {statement.verdict_label}. {statement.verdict_reason} "
        )
        why += text("values.quiz.evidence", certainty=certainty, source=cite(statement.source))
        if rated.better_elsewhere is not None:
            why += " " + better_elsewhere_text(rated.better_elsewhere, evidence, text)
        if rated.some_not_known:
            why += " " + text("values.fit.reason.some_not_known")
        return why
    step = evidence.ladder[evidence.options[cell.option_id].ladder_step]
    if rated.reason == "ladder":
        return text("values.fit.reason.ladder", step=step.step, name=step.name)
    if rated.reason == "anaesthetic":
        return text(f"values.fit.reason.anaesthetic.{step.anaesthetic}")
    if rated.reason == "baseline" and rated.kind == "harm":  # no side effects of a treatment: by rule
        return text("values.fit.reason.baseline_harm")
    return text(f"values.fit.reason.{rated.reason}")


def better_elsewhere_text(verdict: Verdict, evidence: Evidence, text: Content) -> str:
    """"Another result says more: …", for a benefit the cell shows but does not score."""
    outcome = verdict.outcome
    return text(
        "values.fit.reason.better_elsewhere",
        outcome=mid_sentence(evidence.outcome_types[outcome.outcome_type_id].name),
        timeframe=outcome.timeframe,
        verdict=verdicts.label(verdict, text),
    )


def advice_note(result: FitResult, text: Content) -> str:
    """The boxed "this is not a recommendation"; it speaks of an option at the top only when the
    options are in an order with a top."""
    note = text("values.fit.not_advice")
    return f"{note} {text('values.fit.top_not_advice')}" if result.ordered else note


def known_lines(
    result: FitResult, labels: Mapping[str, str], names: Mapping[str, str], text: Content
) -> list[str]:
    """One line per option: for how many of the things the person marked there are results, and
    which have none. Plain counts, so that "all of them" never reads as praise."""
    weighed = sum(1 for cell in result.options[0].cells if cell.weight)
    # One thing marked reads "the one thing you marked", never "1 of the 1 things".
    key = "values.fit.known_line_one" if weighed == 1 else "values.fit.known_line"
    lines = []
    for option_fit in result.options:
        values = {"option": names[option_fit.option_id], "weighed": weighed}
        if option_fit.option_id == REFERENCE_OPTION_ID:  # rated by rule, so no count of results
            lines.append(text("values.fit.known_line_reference", option=values["option"]))
            continue
        values["known"] = weighed - len(option_fit.not_known)
        if option_fit.not_known:
            missing = ", ".join(mid_sentence(labels[attribute_id]) for attribute_id in option_fit.not_known)
            line = text(f"{key}_missing", missing=missing, **values)
        else:
            line = text(key, **values)
        standing_in = [cell for cell in option_fit.cells if cell.known and cell.blocks_order]
        if any(cell.rated.kind == "harm" for cell in standing_in):
            line += " " + text("values.fit.harms_partly_known")
        main_unknown = [
            mid_sentence(labels[cell.attribute_id]) for cell in standing_in if cell.rated.kind == "benefit"
        ]
        if main_unknown:
            line += " " + text("values.fit.main_result_not_known", attributes=", ".join(main_unknown))
        lines.append(line)
    return lines


def standing_text(result: FitResult, names: Mapping[str, str], text: Content) -> tuple[str, list[str]]:
    """The ranking in words when there is one (intro, one numbered line per place: options with
    equal totals share a line and a number), else why there is none, or that they are all level."""
    if result.levels is None:
        return text("values.fit.no_order"), []
    if not result.ordered:
        points = format_number(result.options[0].total, text.lang)
        return text("values.fit.all_level", points=points, max_points=result.max_total), []
    lines = []
    for place, level in enumerate(result.levels, start=1):
        values = {
            "points": format_number(result.option(level[0]).total, text.lang),
            "max_points": result.max_total,
        }
        if len(level) == 1:
            line = text("values.fit.order_line", option=names[level[0]], **values)
        else:
            shared = "; ".join(names[option_id] for option_id in level)
            line = text("values.fit.order_line_level", options=shared, **values)
        lines.append(f"{place}. {line}")
    return text("values.fit.order_intro"), lines
