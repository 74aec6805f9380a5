"""Database check constraints built from the rules engine's own tables.

The ranges and steps of test scores are stated once, in ``eligibility.rules.language``; the
database refuses the same values the engine refuses, on SQLite and on PostgreSQL alike.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast
from django.db.models.lookups import Exact


def _on_step(field: str, step: Decimal) -> Exact:
    # value / step is a whole number. Multiply by the (whole) inverse rather than divide, so
    # both databases compare exact decimals: 6.5 × 2 = 13 = CAST(13 AS INTEGER).
    factor = int(1 / step)
    scaled = F(field) * factor
    return Exact(Cast(scaled, models.IntegerField()), scaled)


def score_constraints(
    ranges: Mapping[str, Mapping[str, tuple[Decimal, Decimal, Decimal]]],
    abilities: Iterable[str],
) -> list[models.CheckConstraint]:
    abilities = tuple(abilities)
    constraints = [
        models.CheckConstraint(
            condition=Q(test__in=sorted(ranges)), name="languagetest_accepted_test"
        )
    ]
    for test, by_ability in sorted(ranges.items()):
        in_range = Q()
        for ability in abilities:
            low, high, step = by_ability[ability]
            in_range &= Q(**{f"{ability}__gte": low, f"{ability}__lte": high})
            in_range &= Q(_on_step(ability, step))
        constraints.append(
            models.CheckConstraint(
                condition=~Q(test=test) | in_range,
                name=f"languagetest_{test}_scores_in_range",
            )
        )
    return constraints
