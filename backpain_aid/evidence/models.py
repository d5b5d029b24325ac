"""Row models for the evidence files in data/.

Each model is one row of one CSV file. Field names match the CSV headers exactly, so a
validation error names the same field a reviewer sees in the file. Closed vocabularies are
Literal types: an unknown value fails at load, not on a page.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from backpain_aid.language import DEFAULT_LANGUAGE, format_date

Kind = Literal["benefit", "harm"]
Certainty = Literal["high", "moderate", "low", "very_low"]
#: events: people out of 100 in each group; extra_events: only how many more people out of 100
#: had it with the option than in the comparison group (a source that gives the difference alone,
#: as for rare harms over a year); mean_difference: points on a scale; no_good_evidence: nothing.
Measure = Literal["events", "extra_events", "mean_difference", "no_good_evidence"]
#: Why a no_good_evidence row shows no figure: no good studies either way; studies found something
#: but its figures could not be read or checked; only people who had the option were counted; a
#: regulator's warning that gives no figure.
UnknownReason = Literal["no_evidence", "figures_not_checked", "one_group_only", "warning_only"]
UNKNOWN_REASONS: tuple[str, ...] = typing.get_args(UnknownReason)
StanceValue = Literal["recommends", "consider", "do_not_offer", "no_recommendation", "not_covered"]
#: How strong a guideline says its recommendation is: "strong", "conditional" (also called weak,
#: or NICE's "consider"), "not_stated" (the guideline gives no strength); empty means not yet
#: filled in from a source.
Strength = Literal["", "strong", "conditional", "not_stated"]
SourceType = Literal["guideline", "systematic_review", "trial", "cohort", "criteria", "other"]
CostBand = Literal["free_or_low", "moderate", "high", "not_stated"]

SNAKE_ID = r"^[a-z][a-z0-9_]*$"

#: Which way a stance points. Guidelines disagree only when they point different ways (for,
#: against, no advice); "recommends" and "consider" differ in strength, not in direction.
STANCE_DIRECTION: dict[str, str | None] = {
    "recommends": "for",
    "consider": "for",
    "do_not_offer": "against",
    "no_recommendation": "no_advice",
    "not_covered": None,
}


def stances_disagree(stances: Iterable[str]) -> bool:
    """True when the given stances point in more than one direction."""
    directions = {STANCE_DIRECTION[stance] for stance in stances} - {None}
    return len(directions) > 1


#: The option every other option is set against.
REFERENCE_OPTION_ID = "no_treatment"
#: The comparator id used only by the reference option's own rows.
NO_COMPARATOR_ID = "none"
#: For harms that only the treatment itself can cause (e.g. a complication of surgery).
NOT_APPLICABLE_COMPARATOR_ID = "not_applicable"
#: Comparator ids whose rows hold no comparator figure.
WITHOUT_COMPARATOR_FIGURE = {NO_COMPARATOR_ID, NOT_APPLICABLE_COMPARATOR_ID}


#: The latest year a source or stance can carry: next year at most (a journal may date an article
#: by the issue it will appear in); anything later is a typo.
LATEST_YEAR = date.today().year + 1


class Row(BaseModel):
    """Common settings: strict about unknown columns, immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


RowT = TypeVar("RowT", bound=Row)


@runtime_checkable
class Identified(Protocol):
    """A row of a table keyed by its `id` column."""

    @property
    def id(self) -> str: ...


def rows_of(rows: Sequence[Row], model: type[RowT]) -> list[RowT]:
    """A table's rows as the model they were validated with; any other row is a bug in the caller."""
    typed = [row for row in rows if isinstance(row, model)]
    if len(typed) != len(rows):
        raise TypeError(f"expected only {model.__name__} rows")
    return typed


def _yes_no(value: object) -> object:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"yes", "no"}:
            return lowered == "yes"
        raise ValueError("must be 'yes' or 'no'")
    return value


def _blank_to_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


class Condition(Row):
    id: str = Field(pattern=SNAKE_ID)
    name: str = Field(min_length=3)
    short_name: str = Field(min_length=3)
    description: str = Field(min_length=20)


class LadderStep(Row):
    step: int = Field(ge=1, le=10)
    id: str = Field(pattern=SNAKE_ID)
    name: str = Field(min_length=3)
    meaning: str = Field(min_length=10)
    needles: bool
    anaesthetic: Literal["none", "local", "general"]
    hospital_stay: Literal["none", "same_day", "short", "several_nights"]

    _needles = field_validator("needles", mode="before")(_yes_no)


class Comparator(Row):
    id: str = Field(pattern=SNAKE_ID)
    name: str = Field(min_length=3)
    description: str = Field(min_length=10)


class Scale(Row):
    id: str = Field(pattern=SNAKE_ID)
    name: str = Field(min_length=5)
    low_end: float
    high_end: float
    better: Literal["lower", "higher"]
    #: The smallest difference on this scale that matters to people, in scale points, and where
    #: that figure comes from. A result smaller than this can never be called clear.
    smallest_change: float = Field(gt=0)
    smallest_change_source_id: str

    @model_validator(mode="after")
    def _ends_in_order(self) -> Scale:
        if self.high_end <= self.low_end:
            raise ValueError("high_end must be greater than low_end")
        if self.smallest_change >= self.span:
            raise ValueError("smallest_change must be smaller than the whole scale")
        return self

    @property
    def span(self) -> float:
        return self.high_end - self.low_end


class OutcomeType(Row):
    id: str = Field(pattern=SNAKE_ID)
    kind: Kind
    severity: Literal["common", "serious", ""] = ""  # harms only: which Compare row shows it
    name: str = Field(min_length=3)
    description: str = Field(min_length=10)

    @model_validator(mode="after")
    def _severity_for_harms_only(self) -> OutcomeType:
        if (self.kind == "harm") != bool(self.severity):
            raise ValueError("severity is 'common' or 'serious' for a harm, and empty for a benefit")
        return self


class Guideline(Row):
    id: str = Field(pattern=SNAKE_ID)
    name: str = Field(min_length=5)
    short_name: str = Field(min_length=3)
    conditions: tuple[str, ...] = Field(min_length=1)
    covers_all_options: bool

    _covers = field_validator("covers_all_options", mode="before")(_yes_no)

    @field_validator("conditions", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(";") if part.strip())
        return value


class Source(Row):
    id: str = Field(pattern=SNAKE_ID)
    authors: str = Field(min_length=3)
    year: int = Field(ge=1950, le=LATEST_YEAR)
    title: str = Field(min_length=5)
    publisher: str = Field(min_length=2)
    doi_or_url: str = Field(pattern=r"^https?://\S+$")
    type: SourceType
    #: Empty when doi_or_url is a primary place (a DOI, PubMed, the guideline body, a regulator,
    #: a health service); otherwise the plain reason why no primary link exists.
    link_exception: str = ""

    @field_validator("link_exception")
    @classmethod
    def _exception_is_a_reason(cls, value: str) -> str:
        if value and len(value) < 20:
            raise ValueError(
                "link_exception must say in plain words why no primary link exists "
                "(20 characters or more), or be empty"
            )
        return value


class Option(Row):
    id: str = Field(pattern=SNAKE_ID)
    name: str = Field(min_length=3)
    ladder_step: str
    description: str = Field(min_length=20)
    who_gives: str = Field(min_length=3)
    where: str = Field(min_length=3)
    how_often: str = Field(min_length=3)
    how_long: str = Field(min_length=3)
    recovery: str = Field(min_length=3)
    time_and_visits: str = Field(min_length=3)
    #: Time, visits and recovery in about 12 words, for the comparison at a glance.
    at_a_glance: str = Field(min_length=3, max_length=90)
    how_soon: str = Field(min_length=3)
    cost_band: CostBand
    cost_note: str = ""


class OptionCondition(Row):
    option_id: str
    condition_id: str
    guideline_note: str = ""


class Stance(Row):
    option_id: str
    condition_id: str
    guideline_id: str
    stance: StanceValue
    year: int = Field(ge=1990, le=LATEST_YEAR)
    source_id: str
    detail: str = ""
    #: The strength the guideline gives this recommendation, only where it was read in a source.
    strength: Strength = ""

    @model_validator(mode="after")
    def _detail_unless_not_covered(self) -> Stance:
        if self.stance != "not_covered" and len(self.detail) < 10:
            raise ValueError("detail must say in plain words what the guideline says")
        if self.strength and self.stance in {"not_covered", "no_recommendation"}:
            raise ValueError("strength must be empty when the guideline makes no recommendation")
        return self


class Outcome(Row):
    id: str = Field(pattern=SNAKE_ID)
    option_id: str
    condition_id: str
    outcome_type_id: str
    measure: Measure
    option_per_100: float | None = Field(default=None, ge=0, le=100)
    option_per_100_low: float | None = Field(default=None, ge=0, le=100)
    option_per_100_high: float | None = Field(default=None, ge=0, le=100)
    comparator_id: str
    comparator_per_100: float | None = Field(default=None, ge=0, le=100)
    #: What the comparison group really got (for the reference option: what these people had), in
    #: plain words, from the source's methods. Required for every row with a figure.
    comparator_detail: str = ""
    #: events: the 95% interval of the relative effect (risk or odds ratio) as the source states
    #: it, for when it gives no interval in people out of 100. Never turned into counts.
    ratio_low: float | None = Field(default=None, gt=0)
    ratio_high: float | None = Field(default=None, gt=0)
    md_value: float | None = None
    md_low: float | None = None
    md_high: float | None = None
    md_scale: str | None = None
    timeframe: str = ""
    timeframe_weeks: float | None = Field(default=None, gt=0, le=1000)
    population: str = Field(min_length=5)
    certainty: Certainty
    source_id: str
    headline: bool
    #: What the source's own test of this comparison found, when it gives no interval.
    source_test: Literal["", "significant", "not_significant"] = ""
    #: The smallest change that matters, when the source names its own for this result (scale
    #: points, or people out of 100 for counts); empty means the scale's or the rules' default.
    smallest_change: float | None = Field(default=None, gt=0)
    #: no_good_evidence only: why nothing can be shown, so the page never says "no good evidence
    #: either way" where studies found something whose figures could not be checked.
    unknown_reason: UnknownReason | Literal[""] = ""
    plain_note: str = ""
    extraction_note: str = Field(min_length=10)

    _headline = field_validator("headline", mode="before")(_yes_no)
    _blanks = field_validator(
        "option_per_100",
        "option_per_100_low",
        "option_per_100_high",
        "comparator_per_100",
        "ratio_low",
        "ratio_high",
        "md_value",
        "md_low",
        "md_high",
        "md_scale",
        "timeframe_weeks",
        "smallest_change",
        mode="before",
    )(_blank_to_none)

    @field_validator("comparator_detail")
    @classmethod
    def _detail_for_every_figure(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("measure") not in (None, "no_good_evidence") and len(value) < 20:
            raise ValueError(
                "comparator_detail must say in plain words what the comparison group really got "
                "(20 characters or more) for every row with a figure"
            )
        return value

    @model_validator(mode="after")
    def _fields_match_measure(self) -> Outcome:
        if self.measure != "no_good_evidence" and (len(self.timeframe) < 3 or self.timeframe_weeks is None):
            raise ValueError("timeframe and timeframe_weeks are required for a figure")
        events = (self.option_per_100, self.comparator_per_100)
        mean_diff = (self.md_value, self.md_scale)
        if self.measure == "events":
            if self.option_per_100 is None:
                raise ValueError("option_per_100 is required when measure is 'events'")
            if self.has_comparator and self.comparator_per_100 is None:
                raise ValueError("comparator_per_100 is required when there is a comparator")
            if not self.has_comparator and self.comparator_per_100 is not None:
                raise ValueError(
                    f"comparator_per_100 must be empty when comparator_id is '{self.comparator_id}'"
                )
            if any(value is not None for value in mean_diff):
                raise ValueError("md_value and md_scale must be empty when measure is 'events'")
            _check_interval(self.option_per_100_low, self.option_per_100, self.option_per_100_high)
            _check_interval(self.ratio_low, None, self.ratio_high)
        elif self.measure == "extra_events":
            if self.option_per_100 is None or not self.has_comparator:
                raise ValueError(
                    "extra_events needs option_per_100 (how many more people out of 100) and a comparator"
                )
            if self.comparator_per_100 is not None or any(value is not None for value in mean_diff):
                raise ValueError("comparator_per_100, md_value and md_scale must be empty for 'extra_events'")
            _check_interval(self.option_per_100_low, self.option_per_100, self.option_per_100_high)
            _check_interval(self.ratio_low, None, self.ratio_high)
        elif self.measure == "mean_difference":
            if self.md_value is None or self.md_scale is None:
                raise ValueError("md_value and md_scale are required when measure is 'mean_difference'")
            if any(value is not None for value in (*events, self.ratio_low, self.ratio_high)):
                raise ValueError("per-100 figures and ratios must be empty when measure is 'mean_difference'")
            _check_interval(self.md_low, self.md_value, self.md_high)
        else:
            if any(value is not None for value in (*events, *mean_diff, self.ratio_low, self.ratio_high)):
                raise ValueError("figures must be empty when measure is 'no_good_evidence'")
            if self.source_test:
                raise ValueError("source_test must be empty when measure is 'no_good_evidence'")
            if len(self.plain_note) < 10:
                raise ValueError("plain_note must say in plain words what is and is not known")
            if not self.unknown_reason:
                allowed = ", ".join(UNKNOWN_REASONS)
                raise ValueError(f"unknown_reason must be one of {allowed} for 'no_good_evidence'")
        if self.measure != "no_good_evidence" and self.unknown_reason:
            raise ValueError("unknown_reason must be empty for a row with a figure")
        return self

    @property
    def has_comparator(self) -> bool:
        return self.comparator_id not in WITHOUT_COMPARATOR_FIGURE

    # Typed reads of the figures a row's measure guarantees (checked in _fields_match_measure
    # above). Asking an 'events' row for its mean difference, or the reverse, is a bug: it raises.

    @property
    def option_count(self) -> float:
        """option_per_100: people out of 100 with the option ('events'), or how many more than in
        the comparison group ('extra_events')."""
        return _required(self.option_per_100, "option_per_100", self)

    @property
    def comparator_count(self) -> float:
        """People out of 100 in the comparison group: an 'events' row with a comparator."""
        return _required(self.comparator_per_100, "comparator_per_100", self)

    @property
    def difference(self) -> float:
        """The mean difference in scale points: a 'mean_difference' row's md_value."""
        return _required(self.md_value, "md_value", self)

    @property
    def scale_id(self) -> str:
        """The scale a 'mean_difference' row is measured on (an id in scales.csv)."""
        return _required(self.md_scale, "md_scale", self)

    @property
    def count_interval(self) -> tuple[float, float] | None:
        """The 95% interval of option_per_100, when the source gives one (both ends or neither)."""
        return _interval(self.option_per_100_low, self.option_per_100_high)

    @property
    def ratio_interval(self) -> tuple[float, float] | None:
        """The 95% interval of the relative effect, when the source gives only that."""
        return _interval(self.ratio_low, self.ratio_high)

    @property
    def md_interval(self) -> tuple[float, float] | None:
        """The 95% interval of md_value, when the source gives one."""
        return _interval(self.md_low, self.md_high)


FigureT = TypeVar("FigureT", float, str)


def _required(value: FigureT | None, field: str, outcome: Outcome) -> FigureT:
    if value is None:
        raise ValueError(f"outcome '{outcome.id}' ({outcome.measure}) has no {field}")
    return value


def _interval(low: float | None, high: float | None) -> tuple[float, float] | None:
    return (low, high) if low is not None and high is not None else None


def _check_interval(low: float | None, value: float | None, high: float | None) -> None:
    if (low is None) != (high is None):
        raise ValueError("give both ends of the interval or neither")
    if low is not None and high is not None and value is not None and not low <= value <= high:
        raise ValueError("the interval must contain the value (low <= value <= high)")
    if low is not None and high is not None and low > high:
        raise ValueError("the interval's low end must not be above its high end")


class EventsSmallestChange(Row):
    """The smallest gap between groups, in people out of 100, that counts as mattering. No
    published threshold exists for counts, so `basis` says plainly whose choice it is."""

    benefit: float = Field(gt=0, le=100)
    harm: float = Field(gt=0, le=100)
    basis: str = Field(min_length=40)
    source_id: str | None = None


class VerdictRules(Row):
    """data/verdict_rules.yaml: what a result needs to be called clear (see backpain_aid.verdicts)."""

    clear_needs_certainty: tuple[Certainty, ...] = Field(min_length=1)
    events_smallest_change: EventsSmallestChange

    @field_validator("clear_needs_certainty")
    @classmethod
    def _never_weak_evidence(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        # Low or very low certainty can never make a result clear, whatever the file says.
        if set(value) & {"low", "very_low"}:
            raise ValueError("low or very low certainty can never make a result clear")
        return value


class EvidenceMeta(Row):
    version: str = Field(pattern=r"^\d{4}\.\d{2}\.\d+$")
    last_reviewed: date
    next_review: date
    update_policy: str = Field(min_length=40)
    funding_statement: str = Field(min_length=20)
    conflicts_statement: str = Field(min_length=20)

    def text_values(self, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
        """The {version}, {last_reviewed} and {next_review} placeholders of content texts."""
        return {
            "version": self.version,
            "last_reviewed": format_date(self.last_reviewed, lang),
            "next_review": format_date(self.next_review, lang),
        }

    @model_validator(mode="after")
    def _review_after_last(self) -> EvidenceMeta:
        if self.next_review <= self.last_reviewed:
            raise ValueError("next_review must be after last_reviewed")
        return self
