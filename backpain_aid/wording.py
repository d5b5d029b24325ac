"""Turn evidence rows into plain sentences: natural frequencies out of 100, never a
frequency made up from a mean difference. All templates come from data/content/wording.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass

from backpain_aid import verdicts
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import (
    NO_COMPARATOR_ID,
    NOT_APPLICABLE_COMPARATOR_ID,
    Outcome,
    Source,
    Stance,
)

DENOMINATOR = 100


def count_out_of_100(per_100: float, text: Content) -> str:
    """'23 out of 100 people'; below one in a hundred says so rather than showing 0."""
    if 0 < per_100 < 0.5:
        return text("wording.count_under_one")
    return text("wording.count", n=round_half_up(per_100))


def round_half_up(value: float) -> int:
    # Python's round() rounds half to even (round(2.5) == 2); people expect 3.
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def format_points(value: float) -> str:
    """A scale difference with at most one decimal: 5, 0.5, 12.3."""
    rounded = round(abs(value), 1)
    return f"{rounded:g}"


def mid_sentence(name: str) -> str:
    """'Spinal fusion' -> 'spinal fusion' inside a sentence; 'NSAIDs' and 'CBT' stay as they are."""
    first_word = name.split(" ", 1)[0]
    if any(char.isupper() for char in first_word[1:]):
        return name
    return name[:1].lower() + name[1:]


@dataclass(frozen=True)
class OutcomeStatement:
    """One outcome as the patient reads it."""

    outcome: Outcome
    label: str
    sentence: str  # the figures, built from the row's numbers
    note: str  # the row's own plain note, if any
    certainty: str
    source: Source
    verdict: verdicts.Verdict  # the one judgement of this result, shown wherever it is shown
    verdict_label: str
    verdict_reason: str
    #: What the comparison group really got (for the reference option: what these people had),
    #: and its heading, "Compared with" or "About this group". Empty where the row has no figure.
    comparator_detail: str = ""
    comparator_heading: str = ""

    @property
    def verdict_why(self) -> str:
        """The reason, where it adds to the sentence: "not known" and the starting point say it all."""
        return self.verdict_reason if self.verdict.measured else ""


def describe_outcome(outcome: Outcome, evidence: Evidence, text: Content) -> OutcomeStatement:
    option = evidence.options[outcome.option_id]
    comparator = evidence.comparators[outcome.comparator_id]
    values = {
        "option": mid_sentence(option.name),
        "comparator": mid_sentence(comparator.name),
        "timeframe": outcome.timeframe,
    }
    if outcome.measure == "events":
        values["option_count"] = count_out_of_100(outcome.option_per_100, text)
        key = {
            NO_COMPARATOR_ID: "wording.events_natural_course",
            NOT_APPLICABLE_COMPARATOR_ID: "wording.events_treatment_only",
        }.get(outcome.comparator_id, "wording.events_vs_comparator")
        if outcome.has_comparator:
            values["comparator_count"] = count_out_of_100(outcome.comparator_per_100, text)
        sentence = text(key, **values)
        if outcome.option_per_100_low is not None:
            sentence += " " + text(
                "wording.events_interval",
                low=round_half_up(outcome.option_per_100_low),
                high=round_half_up(outcome.option_per_100_high),
            )
    elif outcome.measure == "mean_difference":
        sentence = _mean_difference_sentence(outcome, evidence, text, values)
    else:
        sentence = text("wording.no_good_evidence")
    verdict = verdicts.judge(outcome, evidence)
    return OutcomeStatement(
        outcome=outcome,
        label=evidence.outcome_types[outcome.outcome_type_id].name,
        sentence=sentence,
        note=outcome.plain_note,
        certainty=text(f"wording.certainty.{outcome.certainty}"),
        source=evidence.sources[outcome.source_id],
        verdict=verdict,
        verdict_label=verdicts.label(verdict, text),
        verdict_reason=verdicts.reason(verdict, text),
        comparator_detail=outcome.comparator_detail,
        comparator_heading=text(
            "explore.own_group" if outcome.comparator_id == NO_COMPARATOR_ID else "explore.compared_with"
        ),
    )


def _mean_difference_sentence(
    outcome: Outcome, evidence: Evidence, text: Content, values: dict[str, str]
) -> str:
    scale = evidence.scales[outcome.md_scale]
    if outcome.md_value == 0:
        return text("wording.md_no_difference", scale=scale.name, **values)
    lower = outcome.md_value < 0
    better = lower == (scale.better == "lower")
    sentence = text(
        "wording.mean_difference",
        amount=format_points(outcome.md_value),
        direction=text("wording.lower" if lower else "wording.higher"),
        meaning=text("wording.better" if better else "wording.worse"),
        scale=scale.name,
        **values,
    )
    if outcome.md_low is not None:
        sentence += " " + _md_interval(outcome.md_low, outcome.md_high, text)
    return sentence + " " + text("wording.md_is_an_average")


def _md_interval(low: float, high: float, text: Content) -> str:
    """The 95% interval in the same words as the estimate, or plainly as 'could go either way'."""
    if low < 0 < high:
        return text("wording.md_interval_crosses", lower=format_points(low), higher=format_points(high))
    direction = text("wording.lower" if high <= 0 else "wording.higher")
    near, far = sorted((abs(low), abs(high)))
    return text("wording.md_interval", low=format_points(near), high=format_points(far), direction=direction)


def stance_label(stance: Stance, text: Content) -> str:
    return text(f"wording.stance.{stance.stance}")


def cite(source: Source) -> str:
    """Short citation: 'Qaseem A, et al. 2017'. Authors as given, trimmed to the first name."""
    first = source.authors.split(",")[0].split(";")[0].strip()
    more = "," in source.authors or ";" in source.authors
    return f"{first}{' et al.' if more else ''} ({source.year})"


def full_reference(source: Source) -> str:
    return f"{source.authors} ({source.year}). {source.title}. {source.publisher}. {source.doi_or_url}"
