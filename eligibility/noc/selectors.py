"""Reads from the NOC catalogue for other parts of the portal (the questionnaire, the rules)."""

from dataclasses import dataclass, replace
from datetime import datetime
from functools import reduce
from operator import and_

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from eligibility.models import ExampleTitle, MainDuty, UnitGroup, reading_french
from eligibility.noc.importer import IMPORT_REASON
from eligibility.noc.search import DEFAULT_LIMIT, SearchHit, unit_groups_search
from eligibility.noc.text import fold_words


def unit_group_page(*, code: str) -> UnitGroup | None:
    """A unit group for its public page: its groups above, its duties in order and its example
    titles (illustrative ones first), in a fixed number of queries; None if there is none."""
    if len(code) != 5 or not code.isdigit():
        return None
    return (
        UnitGroup.objects.select_related(
            "minor_group"
        )
        .prefetch_related(
            Prefetch("duties", queryset=MainDuty.objects.order_by("position", "id")),
            Prefetch(
                "example_titles",
                queryset=ExampleTitle.objects.order_by("-illustrative", "title"),
            ),
        )
        .filter(code=code)
        .first()
    )


def unit_group_search(*, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Up to ``limit`` unit groups for what a person typed, best first (see noc.search), titled
    in the active language."""
    return hits_in_active_language(unit_groups_search(query, limit=limit))


def hits_in_active_language(hits: list[SearchHit]) -> list[SearchHit]:
    """The hits with their French titles when French is active (one query); as they are in
    English. The words matched are searched in English, so ``matched`` stays as found."""
    if not hits or not reading_french():
        return hits
    french = dict(
        UnitGroup.objects.filter(code__in=[hit.code for hit in hits])
        .exclude(title_fr="")
        .values_list("code", "title_fr")
    )
    return [replace(hit, title=french[hit.code], title_lang="fr") if hit.code in french else hit
            for hit in hits]


def unit_group_admin_search(*, queryset: QuerySet[UnitGroup], query: str) -> QuerySet[UnitGroup]:
    """The admin's search box: a code prefix, or every word in the title or example titles."""
    query = query.strip()
    if query.isdigit():
        return queryset.filter(code__startswith=query)
    words = fold_words(query)
    if not words:
        return queryset.none()
    return queryset.filter(
        reduce(
            and_,
            (
                Q(search_title__contains=f" {w}") | Q(search_examples__contains=f" {w}")
                for w in words
            ),
        )
    )


@dataclass(frozen=True)
class ChildChange:
    when: datetime
    who: str
    what: str  # "main duty" or "example title"
    change: str  # added, changed, deleted
    text: str
    reason: str


CHANGE_TYPES = {"+": _("added"), "~": _("changed"), "-": _("deleted")}


def unit_group_child_history(*, unit_group_id: int | str, limit: int = 200) -> list[ChildChange]:
    """The latest changes to a unit group's main duties and example titles, newest first.

    The rows the first import created are left out: they are the starting point, not changes.
    """
    first = UnitGroup.history.filter(id=unit_group_id).order_by("history_date").first()
    changes = []
    for model, label, attribute in (
        (MainDuty, _("main duty"), "text"),
        (ExampleTitle, _("example title"), "title"),
    ):
        records = model.history.filter(unit_group_id=unit_group_id)
        if first is not None:
            records = records.exclude(
                history_type="+",
                history_change_reason=IMPORT_REASON,
                history_date__lte=first.history_date,
            )
        records = (
            records.select_related("history_user")
            .order_by("-history_date")[:limit]
        )
        changes += [
            ChildChange(
                when=r.history_date,
                who=str(r.history_user) if r.history_user else "",
                what=label,
                change=CHANGE_TYPES.get(r.history_type, r.history_type),
                text=getattr(r, attribute),
                reason=r.history_change_reason or "",
            )
            for r in records
        ]
    return sorted(changes, key=lambda c: c.when, reverse=True)[:limit]
