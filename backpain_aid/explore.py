"""What the Explore page shows for one condition: every option, grouped by how invasive it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import Condition, LadderStep, Option, Source, Stance
from backpain_aid.wording import OutcomeStatement, describe_outcome

if TYPE_CHECKING:
    from backpain_aid.compare import Mismatch


@dataclass(frozen=True)
class OptionCard:
    option: Option
    benefit: OutcomeStatement
    harm: OutcomeStatement
    more_outcomes: tuple[OutcomeStatement, ...]
    stances: tuple[Stance, ...]
    guidelines_disagree: bool
    guideline_note: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class LadderGroup:
    step: LadderStep
    cards: tuple[OptionCard, ...]


@dataclass(frozen=True)
class ExploreView:
    condition: Condition
    groups: tuple[LadderGroup, ...]

    @property
    def cards(self) -> list[OptionCard]:
        return [card for group in self.groups for card in group.cards]

    def mismatch(self) -> Mismatch:
        """Whether the results shown first on each card differ in time frame or in scale, as
        Compare flags them: a reader may set them side by side."""
        from backpain_aid.compare import results_mismatch  # compare builds on this module

        return results_mismatch(s.outcome for card in self.cards for s in (card.benefit, card.harm))


def option_card(evidence: Evidence, text: Content, option_id: str, condition_id: str) -> OptionCard:
    benefit = evidence.headline(option_id, condition_id, "benefit")
    harm = evidence.headline(option_id, condition_id, "harm")
    others = [o for o in evidence.outcomes_for(option_id, condition_id) if o not in (benefit, harm)]
    return OptionCard(
        option=evidence.options[option_id],
        benefit=describe_outcome(benefit, evidence, text),
        harm=describe_outcome(harm, evidence, text),
        more_outcomes=tuple(describe_outcome(o, evidence, text) for o in others),
        stances=tuple(evidence.stances_for(option_id, condition_id)),
        guidelines_disagree=evidence.guidelines_disagree(option_id, condition_id),
        guideline_note=evidence.pairing(option_id, condition_id).guideline_note,
        sources=tuple(evidence.sources_for(option_id, condition_id)),
    )


def explore_view(evidence: Evidence, text: Content, condition_id: str) -> ExploreView:
    groups: list[LadderGroup] = []
    for option in evidence.options_for(condition_id):
        step = evidence.ladder[option.ladder_step]
        card = option_card(evidence, text, option.id, condition_id)
        if groups and groups[-1].step == step:
            groups[-1] = LadderGroup(step, (*groups[-1].cards, card))
        else:
            groups.append(LadderGroup(step, (card,)))
    return ExploreView(condition=evidence.conditions[condition_id], groups=tuple(groups))
