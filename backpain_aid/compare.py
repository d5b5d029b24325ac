"""Side-by-side comparison of 2 to 4 options for one condition: the choice (from a page or a
link), the rows of the comparison, and the figures behind its pictures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import REFERENCE_OPTION_ID, Outcome
from backpain_aid.explore import OptionCard, option_card
from backpain_aid.wording import mid_sentence, round_half_up

MIN_OPTIONS = 2
MAX_OPTIONS = 4
#: Longest query value we look at; anything longer is an edited or hostile link.
MAX_QUERY_LENGTH = 300


@dataclass(frozen=True)
class Selection:
    condition_id: str
    option_ids: tuple[str, ...]


@dataclass(frozen=True)
class ParsedLink:
    selection: Selection | None
    problems: tuple[str, ...]  # content keys under compare.link_problems


def default_selection(evidence: Evidence, condition_id: str) -> Selection:
    """No treatment and the next least invasive option: a neutral start, not a suggestion."""
    ids = [option.id for option in evidence.options_for(condition_id)]
    return Selection(condition_id, tuple(ids[:MIN_OPTIONS]))


def clean_selection(
    evidence: Evidence, condition_id: str, option_ids: Sequence[str]
) -> tuple[Selection, list[str]]:
    """Keep known options for the condition, once each, at most MAX_OPTIONS; say what was dropped."""
    allowed = {option.id for option in evidence.options_for(condition_id)}
    problems: list[str] = []
    kept = list(dict.fromkeys(option_id for option_id in option_ids if option_id in allowed))
    if len(kept) < len(option_ids):
        problems.append("unknown_or_repeated_option")
    if len(kept) > MAX_OPTIONS:
        kept = kept[:MAX_OPTIONS]
        problems.append("too_many_options")
    return Selection(condition_id, tuple(kept)), problems


def parse_link(evidence: Evidence, params: Mapping[str, str]) -> ParsedLink:
    """Read `?condition=…&options=a,b,c` from a shared link. Nothing personal is ever in it."""
    condition_id = str(params.get("condition", ""))[:MAX_QUERY_LENGTH]
    options_value = str(params.get("options", ""))[:MAX_QUERY_LENGTH]
    if not condition_id and not options_value:
        return ParsedLink(None, ())
    if condition_id not in evidence.conditions:
        return ParsedLink(None, ("unknown_condition",))
    requested = [part.strip() for part in options_value.split(",") if part.strip()]
    selection, problems = clean_selection(evidence, condition_id, requested)
    if len(selection.option_ids) < MIN_OPTIONS:
        fallback = default_selection(evidence, condition_id).option_ids
        merged = list(dict.fromkeys([*selection.option_ids, *fallback]))[:MIN_OPTIONS]
        selection = Selection(condition_id, tuple(merged))
        problems.append("too_few_options")
    return ParsedLink(selection, tuple(problems))


def link_params(selection: Selection) -> dict[str, str]:
    return {"condition": selection.condition_id, "options": ",".join(selection.option_ids)}


@dataclass(frozen=True)
class Comparison:
    selection: Selection
    cards: tuple[OptionCard, ...]


def build_comparison(evidence: Evidence, text: Content, selection: Selection) -> Comparison:
    cards = tuple(
        option_card(evidence, text, option_id, selection.condition_id) for option_id in selection.option_ids
    )
    return Comparison(selection, cards)


# --- The outcome pictured across options -------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One option's events for one outcome, set against its comparator."""

    option_id: str
    option_name: str
    outcome: Outcome
    comparator_name: str

    @property
    def option_per_100(self) -> float:
        return self.outcome.option_count

    @property
    def comparator_per_100(self) -> float | None:
        return self.outcome.comparator_per_100


def pictured_outcome_types(evidence: Evidence, selection: Selection) -> list[str]:
    """Outcome types with an event count for at least one chosen option: those that most of the
    chosen options have come first, then headline outcomes, then benefits before harms."""
    options_with: dict[str, set[str]] = {}
    headlines: dict[str, int] = {}
    for option_id in selection.option_ids:
        for outcome in evidence.outcomes_for(option_id, selection.condition_id):
            if outcome.measure == "events":
                options_with.setdefault(outcome.outcome_type_id, set()).add(option_id)
                headlines[outcome.outcome_type_id] = (
                    headlines.get(outcome.outcome_type_id, 0) + outcome.headline
                )
    kinds = {"benefit": 0, "harm": 1}
    return sorted(
        options_with,
        key=lambda type_id: (
            -len(options_with[type_id]),
            -headlines[type_id],
            kinds[evidence.outcome_types[type_id].kind],
            type_id,
        ),
    )


def figures_for(
    evidence: Evidence, selection: Selection, outcome_type_id: str
) -> tuple[list[Figure], list[str]]:
    """The event figures of one outcome for each chosen option, and the options with none.

    Where an option has several rows for the outcome, the headline row wins, then the
    longest time frame."""
    figures: list[Figure] = []
    missing: list[str] = []
    for option_id in selection.option_ids:
        rows = [
            outcome
            for outcome in evidence.outcomes_for(option_id, selection.condition_id)
            if outcome.outcome_type_id == outcome_type_id and outcome.measure == "events"
        ]
        if not rows:
            missing.append(option_id)
            continue
        best = max(rows, key=lambda o: (o.headline, o.timeframe_weeks or 0))
        figures.append(
            Figure(
                option_id=option_id,
                option_name=evidence.options[option_id].name,
                outcome=best,
                comparator_name=evidence.comparators[best.comparator_id].name,
            )
        )
    return figures, missing


@dataclass(frozen=True)
class Mismatch:
    timeframes: bool
    comparators: bool
    scales: bool = False

    @property
    def any(self) -> bool:
        return self.timeframes or self.comparators or self.scales


def mismatch(figures: Sequence[Figure]) -> Mismatch:
    """Whether figures shown together differ in time frame or in what they were compared with."""
    return results_mismatch([figure.outcome for figure in figures])


def scale_of(outcome: Outcome) -> str:
    """What a result is counted in: people out of 100, or the points of its own scale."""
    return outcome.scale_id if outcome.measure == "mean_difference" else "people_per_100"


def results_mismatch(outcomes: Iterable[Outcome]) -> Mismatch:
    """Whether results shown side by side differ in time frame, in what they were compared with,
    or in what they are counted in (people out of 100, or one scale or another). Results with no
    good evidence have no figure, so they differ in nothing."""
    measured = [outcome for outcome in outcomes if outcome.measure != "no_good_evidence"]
    timeframes = {outcome.timeframe_weeks for outcome in measured}
    comparators = {outcome.comparator_id for outcome in measured if outcome.option_id != REFERENCE_OPTION_ID}
    scales = {scale_of(outcome) for outcome in measured}
    return Mismatch(timeframes=len(timeframes) > 1, comparators=len(comparators) > 1, scales=len(scales) > 1)


def icon_array_counts(per_100: float) -> tuple[int, int]:
    """(people with the outcome, people without) out of 100; always adds up to 100."""
    affected = min(100, max(0, round_half_up(per_100)))
    return affected, 100 - affected


def icon_groups(figure: Figure, text: Content) -> list[tuple[str, float]]:
    """(label, people out of 100) to picture: the option, then its comparator where the source gives one."""
    # "No specific treatment" is a group already: "With no specific treatment" (and in Spanish
    # "Con sin tratamiento") would say it twice.
    if figure.option_id == REFERENCE_OPTION_ID:
        label = figure.option_name
    else:
        label = text("compare.picture_with", option=mid_sentence(figure.option_name))
    groups = [(label, figure.option_per_100)]
    if figure.comparator_per_100 is not None:
        comparator = text("compare.picture_compared", comparator=mid_sentence(figure.comparator_name))
        groups.append((comparator, figure.comparator_per_100))
    return groups
