"""One verdict per result: the single judgement that every page, the PDF and the consultation
view show, so no two places can disagree about what a result means.

The rules (data/verdict_rules.yaml and the `smallest_change` of each scale in data/scales.csv):

- a result is **clear** only when its whole 95% interval is on one side of "no difference", its
  certainty is one the rules allow (moderate or high) and its size reaches the smallest change
  that matters for its scale (or the one its own source names);
- an interval that crosses "no difference" is **no clear difference**, however large the middle;
- with no interval, a result is at most **probable**, and only when its size reaches the
  smallest change that matters;
- low or very low certainty, or a size below the smallest change that matters, makes a result
  that is otherwise clear **probable**;
- "no good evidence" is **not known**, never scored as good or poor; the no-treatment option's
  own figures are the **baseline** others are set against.

Benefit and harm rows are judged on the same footing: a result that favours the option (more
people better, fewer people harmed) is a benefit; one that favours the comparison is a harm.

Run ``python -m backpain_aid.verdicts`` for the reviewers' table: one CSV row per outcome.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, TextIO

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import NO_COMPARATOR_ID, Outcome
from backpain_aid.language import format_number

VerdictId = Literal[
    "clear_benefit",
    "probable_benefit",
    "no_clear_difference",
    "probable_harm",
    "clear_harm",
    "not_known",
    "baseline",
]
ReasonId = Literal[
    "no_evidence",
    "baseline",
    "clear",
    "crosses",
    "not_significant",
    "no_interval",
    "weak_certainty",
    "too_small",
    "too_small_harm",
    "figures_not_checked",
    "one_group_only",
    "warning_only",
]
Unit = Literal["points", "people"]

#: From most to least favourable to the option; "not known" and "baseline" have no place in it.
FAVOURABILITY: tuple[VerdictId, ...] = (
    "clear_benefit",
    "probable_benefit",
    "no_clear_difference",
    "probable_harm",
    "clear_harm",
)
VERDICT_IDS: tuple[VerdictId, ...] = (*FAVOURABILITY, "not_known", "baseline")
CSV_COLUMNS = ("outcome_id", "option_id", "condition_id", "verdict", "certainty", "reason")


@dataclass(frozen=True)
class Effect:
    """A result as a gain for the option over its comparison: positive favours the option.
    In scale points for a mean difference, in people out of 100 for a count."""

    gain: float
    #: Whether the source's 95% interval leaves out "no difference": None when the source gives
    #: no interval. Read from the interval in points or people, else from a stated ratio's.
    interval_excludes_no_effect: bool | None
    smallest_change: float
    unit: Unit
    #: The source's own test found no clear difference (it gives a p-value, not an interval).
    source_test_not_significant: bool = False

    @property
    def has_interval(self) -> bool:
        return self.interval_excludes_no_effect is not None

    @property
    def big_enough(self) -> bool:
        return abs(self.gain) >= self.smallest_change


def _excludes(interval: tuple[float, float] | None, no_effect: float) -> bool | None:
    """Whether the interval leaves out no effect; None when the source gives no interval."""
    if interval is None:
        return None
    low, high = interval
    return low > no_effect or high < no_effect


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    id: VerdictId
    reasons: tuple[ReasonId, ...]
    effect: Effect | None = None  # None for "not known" and "baseline"

    @property
    def measured(self) -> bool:
        return self.id in FAVOURABILITY

    @property
    def favourability(self) -> int:
        """0 for a clear benefit up to 4 for a clear harm; only for measured results."""
        return FAVOURABILITY.index(self.id)


def effect(outcome: Outcome, evidence: Evidence) -> Effect | None:
    """The result as a gain for the option, or None when there is no figure to compare."""
    if outcome.measure == "no_good_evidence" or outcome.comparator_id == NO_COMPARATOR_ID:
        return None
    not_significant = outcome.source_test == "not_significant"
    if outcome.measure == "mean_difference":
        scale = evidence.scales[outcome.scale_id]
        sign = -1 if scale.better == "lower" else 1
        threshold = outcome.smallest_change or scale.smallest_change
        excludes = _excludes(outcome.md_interval, 0.0)
        return Effect(sign * outcome.difference, excludes, threshold, "points", not_significant)
    kind = evidence.outcome_types[outcome.outcome_type_id].kind
    # A harm that only the treatment can cause is set against nobody having it; a source that
    # gives only the extra people has its figure measured from zero, which is the same thing.
    comparator = outcome.comparator_count if outcome.measure == "events" and outcome.has_comparator else 0.0
    excludes = _excludes(outcome.count_interval, comparator)
    if excludes is None:
        excludes = _excludes(outcome.ratio_interval, 1.0)
    if excludes is None and outcome.measure == "events" and not outcome.has_comparator:
        # Nobody gets this harm without the treatment: once it was seen at all, no effect (nobody
        # harmed) is ruled out, as any interval around a count above zero would show.
        excludes = outcome.option_count > 0
    rules = evidence.verdict_rules.events_smallest_change
    threshold = outcome.smallest_change or (rules.benefit if kind == "benefit" else rules.harm)
    sign = 1 if kind == "benefit" else -1
    gain = sign * (outcome.option_count - comparator)
    return Effect(gain, excludes, threshold, "people", not_significant)


def judge(outcome: Outcome, evidence: Evidence) -> Verdict:
    """The one verdict for one result. Pure: the same row and rules always give the same verdict."""
    if outcome.measure == "no_good_evidence":
        return Verdict(outcome, "not_known", (outcome.unknown_reason or "no_evidence",))
    found = effect(outcome, evidence)
    if found is None:
        return Verdict(outcome, "baseline", ("baseline",))
    benefit = found.gain > 0
    probable: VerdictId = "probable_benefit" if benefit else "probable_harm"
    # "Too small" in the words of what was measured: a harm's line is named as our own choice.
    kind = evidence.outcome_types[outcome.outcome_type_id].kind
    small: ReasonId = "too_small" if kind == "benefit" else "too_small_harm"
    if found.source_test_not_significant:
        return Verdict(outcome, "no_clear_difference", ("not_significant",), found)
    if not found.has_interval:
        if found.big_enough and found.gain != 0:
            return Verdict(outcome, probable, ("no_interval",), found)
        return Verdict(outcome, "no_clear_difference", ("no_interval", small), found)
    if not found.interval_excludes_no_effect:
        return Verdict(outcome, "no_clear_difference", ("crosses",), found)
    weaker: list[ReasonId] = []
    if outcome.certainty not in evidence.verdict_rules.clear_needs_certainty:
        weaker.append("weak_certainty")
    if not found.big_enough:
        weaker.append(small)
    if weaker:
        return Verdict(outcome, probable, tuple(weaker), found)
    return Verdict(outcome, "clear_benefit" if benefit else "clear_harm", ("clear",), found)


def deciding(found: Iterable[Verdict], kind: Literal["benefit", "harm"]) -> Verdict | None:
    """The verdict that speaks for a set of results, or None when none is measured.

    Benefits: the headline result when it is among them and measured (what Compare shows first),
    else the result with the longest follow-up; between results of the same follow-up, the less
    favourable. So an option is never credited for its best pick among many secondary results.
    Harms: the least favourable (the worst harm shown); ties go to the headline result, then the
    longest follow-up."""
    measured = [verdict for verdict in found if verdict.measured]
    if not measured:
        return None
    if kind == "benefit":
        return max(
            measured,
            key=lambda v: (v.outcome.headline, v.outcome.timeframe_weeks or 0, v.favourability),
        )
    return max(
        measured,
        key=lambda v: (v.favourability, v.outcome.headline, v.outcome.timeframe_weeks or 0),
    )


# --- In words ---------------------------------------------------------------------------------


def label(verdict: Verdict, text: Content) -> str:
    """The verdict word a patient reads, the same on every page."""
    return text(f"verdicts.label.{verdict.id}")


def rules_text(evidence: Evidence, text: Content) -> str:
    """How a result gets its verdict, in plain words, with the count thresholds from the rules."""
    counts = evidence.verdict_rules.events_smallest_change
    return text(
        "verdicts.rules",
        benefit=format_number(counts.benefit, text.lang),
        harm=format_number(counts.harm, text.lang),
    )


def reason(verdict: Verdict, text: Content) -> str:
    """Why the result has its verdict, in plain words, with the threshold it was held to."""
    values: dict[str, object] = {
        "certainty": text(f"wording.certainty_short.{verdict.outcome.certainty}").lower(),
    }
    if verdict.effect is not None:
        smallest = format_number(verdict.effect.smallest_change, text.lang)
        values["threshold"] = text(f"verdicts.threshold.{verdict.effect.unit}", n=smallest)
    return " ".join(text(f"verdicts.reason.{reason_id}", **values) for reason_id in verdict.reasons)


# --- The reviewers' table ---------------------------------------------------------------------


def table_rows(evidence: Evidence, text: Content) -> Iterator[dict[str, str]]:
    for outcome in evidence.outcomes:
        verdict = judge(outcome, evidence)
        yield {
            "outcome_id": outcome.id,
            "option_id": outcome.option_id,
            "condition_id": outcome.condition_id,
            "verdict": verdict.id,
            "certainty": outcome.certainty,
            "reason": reason(verdict, text),
        }


def write_table(evidence: Evidence, text: Content, out: TextIO) -> None:
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table_rows(evidence, text))


def main() -> int:
    from backpain_aid.content import load_content
    from backpain_aid.evidence import load_evidence

    try:
        write_table(load_evidence(), load_content(), sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # read through `head`: the reader has what it wanted
        # As Python's docs advise: point stdout at nothing, so the flush at exit cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
