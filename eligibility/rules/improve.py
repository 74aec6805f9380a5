"""How to raise a CRS score (filled in below)."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Improvement:
    code: str
    text: str
    points: int


def score_improvements(facts) -> list[Improvement]:
    return []
