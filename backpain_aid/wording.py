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
from backpain_aid.language import DEFAULT_LANGUAGE, format_number

DENOMINATOR = 100


def count_out_of_100(per_100: float, text: Content) -> str:
    """'23 out of 100 people'; below one in a hundred says so rather than showing 0."""
    if 0 < per_100 < 0.5:
        return text("wording.count_under_one")
    return text("wording.count", n=round_half_up(per_100))


def extra_people_sentence(outcome: Outcome, text: Content, values: dict[str, str]) -> str:
    """A source that gives only how many more people had a harm: said out of 100 like every other
    count, and out of 1,000 as well when that is under 1 in 100, so a rare harm is not shown as 0."""
    extra = outcome.option_per_100 or 0.0
    shown = text("wording.extra_under_one") if 0 < extra < 0.5 else str(round_half_up(extra))
    sentence = text("wording.extra_events", extra=shown, **values)
    if extra < 1:
        sentence += " " + text("wording.extra_per_1000", n=format_number(round(extra * 10, 1), text.lang))
    return sentence


def round_half_up(value: float) -> int:
    # Python's round() rounds half to even (round(2.5) == 2); people expect 3.
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def format_points(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A scale difference with at most one decimal: 5, 0.5, 12.3 (0,5 and 12,3 in Spanish)."""
    return format_number(round(abs(value), 1), lang)


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
        values["option_count"] = count_out_of_100(outcome.option_count, text)
        key = {
            NO_COMPARATOR_ID: "wording.events_natural_course",
            NOT_APPLICABLE_COMPARATOR_ID: "wording.events_treatment_only",
        }.get(outcome.comparator_id, "wording.events_vs_comparator")
        if outcome.has_comparator:
            values["comparator_count"] = count_out_of_100(outcome.comparator_count, text)
        sentence = text(key, **values)
        if outcome.count_interval is not None:
            low, high = (round_half_up(end) for end in outcome.count_interval)
            sentence += " " + text("wording.events_interval", low=low, high=high)
    elif outcome.measure == "extra_events":
        sentence = extra_people_sentence(outcome, text, values)
    elif outcome.measure == "mean_difference":
        sentence = _mean_difference_sentence(outcome, evidence, text, values)
    else:
        sentence = text(f"wording.not_known.{outcome.unknown_reason}")
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
    scale = evidence.scales[outcome.scale_id]
    if outcome.difference == 0:
        return text("wording.md_no_difference", scale=scale.name, **values)
    lower = outcome.difference < 0
    better = lower == (scale.better == "lower")
    sentence = text(
        "wording.mean_difference",
        amount=format_points(outcome.difference, text.lang),
        direction=text("wording.lower" if lower else "wording.higher"),
        meaning=text("wording.better" if better else "wording.worse"),
        scale=scale.name,
        **values,
    )
    if outcome.md_interval is not None:
        sentence += " " + _md_interval(*outcome.md_interval, text)
    return sentence + " " + text("wording.md_is_an_average")


def _md_interval(low: float, high: float, text: Content) -> str:
    """The 95% interval in the same words as the estimate, or plainly as 'could go either way'."""
    if low < 0 < high:
        lower, higher = format_points(low, text.lang), format_points(high, text.lang)
        return text("wording.md_interval_crosses", lower=lower, higher=higher)
    direction = text("wording.lower" if high <= 0 else "wording.higher")
    near, far = sorted((abs(low), abs(high)))
    return text(
        "wording.md_interval",
        low=format_points(near, text.lang),
        high=format_points(far, text.lang),
        direction=direction,
    )


def stance_label(stance: Stance, text: Content) -> str:
    return text(f"wording.stance.{stance.stance}")


def cite(source: Source) -> str:
    """Short citation: 'Qaseem A, et al. 2017'. Authors as given, trimmed to the first name."""
    first = source.authors.split(",")[0].split(";")[0].strip()
    more = "," in source.authors or ";" in source.authors
    return f"{first}{' et al.' if more else ''} ({source.year})"


def full_reference(source: Source) -> str:
    return f"{source.authors} ({source.year}). {source.title}. {source.publisher}. {source.doi_or_url}"
