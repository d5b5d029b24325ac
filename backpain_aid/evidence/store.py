"""The loaded, validated evidence and the questions pages ask of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from backpain_aid.evidence.models import (
    REFERENCE_OPTION_ID,
    Comparator,
    Condition,
    EvidenceMeta,
    Guideline,
    Identified,
    Kind,
    LadderStep,
    Option,
    OptionCondition,
    Outcome,
    OutcomeType,
    Row,
    Scale,
    Source,
    Stance,
    VerdictRules,
    rows_of,
    stances_disagree,
)

KeyedT = TypeVar("KeyedT", bound=Identified)


def _by_id(rows: Sequence[KeyedT]) -> Mapping[str, KeyedT]:
    return MappingProxyType({row.id: row for row in rows})


@dataclass(frozen=True)
class Evidence:
    meta: EvidenceMeta
    verdict_rules: VerdictRules
    conditions: Mapping[str, Condition]
    ladder: Mapping[str, LadderStep]
    comparators: Mapping[str, Comparator]
    scales: Mapping[str, Scale]
    outcome_types: Mapping[str, OutcomeType]
    guidelines: Mapping[str, Guideline]
    sources: Mapping[str, Source]
    options: Mapping[str, Option]
    option_conditions: tuple[OptionCondition, ...]
    stances: tuple[Stance, ...]
    outcomes: tuple[Outcome, ...]

    @classmethod
    def build(
        cls, meta: EvidenceMeta, verdict_rules: VerdictRules, tables: Mapping[str, Sequence[Row]]
    ) -> Evidence:
        """From the loader's tables, named as in loader.TABLE_FILES."""
        return cls(
            meta=meta,
            verdict_rules=verdict_rules,
            conditions=_by_id(rows_of(tables["conditions"], Condition)),
            ladder=_by_id(rows_of(tables["ladder"], LadderStep)),
            comparators=_by_id(rows_of(tables["comparators"], Comparator)),
            scales=_by_id(rows_of(tables["scales"], Scale)),
            outcome_types=_by_id(rows_of(tables["outcome_types"], OutcomeType)),
            guidelines=_by_id(rows_of(tables["guidelines"], Guideline)),
            sources=_by_id(rows_of(tables["sources"], Source)),
            options=_by_id(rows_of(tables["options"], Option)),
            option_conditions=tuple(rows_of(tables["option_conditions"], OptionCondition)),
            stances=tuple(rows_of(tables["stances"], Stance)),
            outcomes=tuple(rows_of(tables["outcomes"], Outcome)),
        )

    @property
    def reference_option(self) -> Option:
        return self.options[REFERENCE_OPTION_ID]

    def options_for(self, condition_id: str) -> list[Option]:
        """Options for a condition, least invasive first, the reference option leading."""
        ids = {pair.option_id for pair in self.option_conditions if pair.condition_id == condition_id}
        chosen = [option for option in self.options.values() if option.id in ids]
        return sorted(
            chosen,
            key=lambda option: (
                self.ladder[option.ladder_step].step,
                option.id != REFERENCE_OPTION_ID,
            ),
        )

    def pairing(self, option_id: str, condition_id: str) -> OptionCondition:
        for pair in self.option_conditions:
            if (pair.option_id, pair.condition_id) == (option_id, condition_id):
                return pair
        raise KeyError(f"{option_id} is not an option for {condition_id}")

    def outcomes_for(self, option_id: str, condition_id: str, kind: Kind | None = None) -> list[Outcome]:
        return [
            outcome
            for outcome in self.outcomes
            if outcome.option_id == option_id
            and outcome.condition_id == condition_id
            and (kind is None or self.outcome_types[outcome.outcome_type_id].kind == kind)
        ]

    def headline(self, option_id: str, condition_id: str, kind: Kind) -> Outcome:
        matches = [o for o in self.outcomes_for(option_id, condition_id, kind) if o.headline]
        return matches[0]  # the loader guarantees exactly one

    def stances_for(self, option_id: str, condition_id: str) -> list[Stance]:
        order = list(self.guidelines)
        found = [s for s in self.stances if (s.option_id, s.condition_id) == (option_id, condition_id)]
        return sorted(found, key=lambda stance: order.index(stance.guideline_id))

    def guidelines_disagree(self, option_id: str, condition_id: str) -> bool:
        return stances_disagree(s.stance for s in self.stances_for(option_id, condition_id))

    def sources_for(self, option_id: str, condition_id: str) -> list[Source]:
        """Every source behind what is shown for one option and condition, in first-use order."""
        used = [o.source_id for o in self.outcomes_for(option_id, condition_id)]
        used += [s.source_id for s in self.stances_for(option_id, condition_id)]
        return [self.sources[source_id] for source_id in dict.fromkeys(used)]
