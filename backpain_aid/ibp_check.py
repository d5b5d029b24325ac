"""The ASAS expert criteria for inflammatory back pain (Sieper 2009): at least 4 of 5 features,
for back pain that has lasted more than 3 months. A screen, not a diagnosis."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from backpain_aid.content import Content

Result = Literal["fits", "does_not_fit", "too_short", "incomplete"]


def criteria_ids(text: Content) -> list[str]:
    return [str(item["id"]) for item in text.entries("asas_ibp.items")]


def assess(text: Content, answers: Mapping[str, bool | None], lasted_over_3_months: bool | None) -> Result:
    if lasted_over_3_months is None:
        return "incomplete"
    if not lasted_over_3_months:
        return "too_short"
    ids = criteria_ids(text)
    if any(answers.get(item) is None for item in ids):
        return "incomplete"
    yes = sum(bool(answers[item]) for item in ids)
    return "fits" if yes >= text.number("asas_ibp.rule.min_yes") else "does_not_fit"
