"""Reads from the NOC catalogue for other parts of the portal (the questionnaire, the rules)."""

from django.db.models import Prefetch

from eligibility.models import MainDuty, UnitGroup
from eligibility.noc.search import DEFAULT_LIMIT, SearchHit, unit_groups_search


def unit_group_for_code(code: str) -> UnitGroup | None:
    """The unit group with this five-digit code, with its duties, or None if there is none."""
    code = (code or "").strip()
    if len(code) != 5 or not code.isdigit():
        return None
    return (
        UnitGroup.objects.select_related("minor_group")
        .prefetch_related(Prefetch("duties", queryset=MainDuty.objects.order_by("position")))
        .filter(code=code)
        .first()
    )


def unit_group_search(*, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Up to ``limit`` unit groups for what a person typed, best first (see noc.search)."""
    return unit_groups_search(query, limit=limit)
