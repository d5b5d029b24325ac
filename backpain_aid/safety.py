"""Red-flag check: which warning signs were ticked, and how urgent that makes things."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backpain_aid.content import Content

Level = Literal["emergency", "urgent"]
Triage = Literal["emergency", "urgent", "none"]


class Sign(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: str = Field(min_length=10)
    level: Level
    why: str = Field(min_length=10)
    source_ids: tuple[str, ...] = Field(min_length=1)


def red_flag_signs(text: Content) -> list[Sign]:
    signs = [Sign.model_validate(raw) for raw in text.entries("red_flags.signs")]
    ids = [sign.id for sign in signs]
    if len(set(ids)) != len(ids):
        raise ValueError("red_flags.yaml: sign ids must be unique")
    return signs


def triage(signs: Iterable[Sign], ticked: Iterable[str]) -> Triage:
    """The most urgent level among the ticked signs; unknown ids are ignored."""
    chosen = set(ticked)
    levels = {sign.level for sign in signs if sign.id in chosen}
    if "emergency" in levels:
        return "emergency"
    if "urgent" in levels:
        return "urgent"
    return "none"
