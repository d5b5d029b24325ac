"""Finding your path: a few plain answers point to one of the aid's conditions, or to a message
when the aid does not fit. Not a diagnosis. Rule texts live in data/content/path.yaml; the order
of the rules is the order below (the first that matches wins)."""

from __future__ import annotations

from dataclasses import dataclass

from backpain_aid.content import Content

CONDITION_DESTINATIONS = {"chronic_low_back_pain", "sciatica", "axial_spa"}


@dataclass(frozen=True)
class PathAnswers:
    pain_location: str | None = None  # low_back | leg_more_than_back | upper_back_or_neck
    below_knee: str | None = None  # yes | no | not_sure
    duration: str | None = None  # under_6_weeks | 6_weeks_to_3_months | over_3_months
    axspa_diagnosed: str | None = None  # yes | no | not_sure

    @property
    def complete(self) -> bool:
        return None not in (self.pain_location, self.below_knee, self.duration, self.axspa_diagnosed)


@dataclass(frozen=True)
class Route:
    rule_id: str
    destination: str
    text: str
    offer_ibp_check: bool

    @property
    def is_condition(self) -> bool:
        return self.destination in CONDITION_DESTINATIONS


def route(answers: PathAnswers, any_red_flag: bool, text: Content) -> Route:
    rule_id = _matching_rule(answers, any_red_flag)
    rules = {str(rule["id"]): rule for rule in text.entries("path.routing.rules")}
    rule = rules[rule_id]
    offer = rule_id == "chronic_lbp" and answers.axspa_diagnosed in {"no", "not_sure"}
    return Route(rule_id, str(rule["go_to"]), str(rule["text"]), offer)


def _matching_rule(answers: PathAnswers, any_red_flag: bool) -> str:
    if any_red_flag:
        return "red_flags_first"
    if answers.axspa_diagnosed == "yes":
        return "axspa"
    if answers.pain_location == "leg_more_than_back" or answers.below_knee == "yes":
        return "sciatica"
    if answers.pain_location == "upper_back_or_neck":
        return "outside_scope_upper"
    if answers.pain_location == "low_back" and answers.duration in {"under_6_weeks", "6_weeks_to_3_months"}:
        return "short_duration"
    if answers.pain_location == "low_back" and answers.duration == "over_3_months":
        return "chronic_lbp"
    return "fallback"


#: Every rule the code can return; a test checks path.yaml has a text for each.
RULE_IDS = (
    "red_flags_first",
    "axspa",
    "sciatica",
    "outside_scope_upper",
    "short_duration",
    "chronic_lbp",
    "fallback",
)
