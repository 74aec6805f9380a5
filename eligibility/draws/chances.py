"""A person's chances: which rounds can invite them, and how their CRS stands against them.

Computed from the engine's result (the CRS, the categories, a nomination) and the stored rounds
(``shared/rules/categories.md`` §5). The round types a person can be invited in are their
eligible categories, then CEC-only and all-program rounds, then PNP rounds when a nomination is
claimed. For each: the latest round (date, size, lowest score invited), whether the person's CRS
reaches it, and how many of that type's rounds in the last 12 months it would have reached.
Categories met later are listed with the date; the others with the engine's reason.

Pages show a ``Chances`` as it is: every value and yes/no a template needs is on it. A score
equal to a round's lowest score counts as reaching it (the tie-break, entry into the pool before
the round's time, is not known for a person).
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from eligibility.draws.rounds import ROUND_CATEGORY_OF_ENGINE
from eligibility.models import Round, RoundCategory
from eligibility.rules.dates import add_years

RECENT_MONTHS = 12
CHART_MONTHS = 24
CACHED_FOR = 24 * 60 * 60  # a day: the key holds the date anyway
PROGRAM_TYPES = (RoundCategory.CEC, RoundCategory.ALL_PROGRAMS)
_FIELDS = ("number", "sequence", "drawn_on", "name", "category", "size", "crs_cutoff")


class CategoryLike(Protocol):
    code: str
    eligible: bool
    experience_on: date | None
    explained: str  # the reason, in the reader's language


class ResultLike(Protocol):
    """What chances read of an evaluation (``profiles.reading.Result`` has it)."""

    categories: tuple[CategoryLike, ...]
    nominated: bool

    @property
    def crs(self): ...

    @property
    def verdict(self): ...  # .eligible: CEC today


def round_type_label(category: str) -> str:
    return str(RoundCategory(category).label)


@dataclass(frozen=True)
class RoundTypeChance:
    """One type of round the person can be invited in, and where their CRS stands."""

    category: str  # a RoundCategory value
    label: str
    crs: int
    latest: Round | None  # None: no round of this type is loaded
    reaches_latest: bool
    gap: int  # points short of the latest round's lowest score (0 when it is reached)
    rounds_last_year: int
    reached_last_year: int  # of those, how many the CRS would have reached


@dataclass(frozen=True)
class LaterCategory:
    code: str
    label: str
    on: date


@dataclass(frozen=True)
class MissedCategory:
    code: str
    label: str
    reason: str


@dataclass(frozen=True)
class ChartPoint:
    """One round of the chart: its type's cut-off beside the person's CRS."""

    round: Round
    label: str
    reached: bool


@dataclass(frozen=True)
class Chances:
    crs: int
    as_of: date
    # Eligible for CEC on the date: without it (or FSW/FST, not assessed here) no Express
    # Entry round can invite the person yet; the rows then say where the score would stand.
    program_eligible: bool
    round_types: tuple[RoundTypeChance, ...]
    later: tuple[LaterCategory, ...]
    missed: tuple[MissedCategory, ...]
    chart_points: tuple[ChartPoint, ...]  # newest first, the last 24 months

    @property
    def chart_query(self) -> str:
        """The chart's address parameters: the round types and the score, nothing else."""
        return urlencode({
            "types": ",".join(chance.category for chance in self.round_types),
            "crs": self.crs,
            "on": self.as_of.isoformat(),
        })

    @property
    def has_chart(self) -> bool:
        return bool(self.chart_points)


def rounds_of_types(
    categories: Iterable[str], *, since: date, until: date | None = None
) -> tuple[list[Round], dict[str, Round]]:
    """The rounds of these types from ``since`` to ``until`` (newest first), and the latest
    round of each type (however old): two queries at most."""
    categories = list(dict.fromkeys(categories))
    queryset = Round.objects.only(*_FIELDS).filter(category__in=categories)
    if until is not None:
        queryset = queryset.filter(drawn_on__lte=until)
    recent = list(queryset.filter(drawn_on__gte=since))
    latest: dict[str, Round] = {}
    for item in recent:
        latest.setdefault(item.category, item)
    older = [category for category in categories if category not in latest]
    if older:
        for item in queryset.filter(category__in=older, drawn_on__lt=since):
            latest.setdefault(item.category, item)
    return recent, latest


def round_types_for(result: ResultLike) -> list[str]:
    """The round types that can invite the person: eligible categories, CEC, all programs,
    and PNP when they are nominated."""
    types = [
        ROUND_CATEGORY_OF_ENGINE[entry.code]
        for entry in result.categories
        if entry.eligible and entry.code in ROUND_CATEGORY_OF_ENGINE
    ]
    types.extend(PROGRAM_TYPES)
    if result.nominated:
        types.append(RoundCategory.PNP)
    return list(dict.fromkeys(types))


def _chance(category, crs, latest, recent, year_ago) -> RoundTypeChance:
    last_year = [item for item in recent if item.category == category and item.drawn_on > year_ago]
    return RoundTypeChance(
        category=category,
        label=round_type_label(category),
        crs=crs,
        latest=latest,
        reaches_latest=latest is not None and crs >= latest.crs_cutoff,
        gap=max(latest.crs_cutoff - crs, 0) if latest is not None else 0,
        rounds_last_year=len(last_year),
        reached_last_year=sum(crs >= item.crs_cutoff for item in last_year),
    )


def chart_points(
    categories: Iterable[str], *, crs: int, on: date
) -> tuple[ChartPoint, ...]:
    """The rounds of these types in the 24 months before ``on``, newest first."""
    recent, _latest = rounds_of_types(categories, since=add_years(on, -2), until=on)
    return tuple(
        ChartPoint(item, round_type_label(item.category), crs >= item.crs_cutoff)
        for item in recent
    )


def chances_for(*, result: ResultLike, on: date) -> Chances:
    """The person's chances on ``on`` (today), from their evaluation's result."""
    crs = result.crs.total
    types = round_types_for(result)
    recent, latest = rounds_of_types(types, since=add_years(on, -2), until=on)
    year_ago = add_years(on, -1)
    later, missed = [], []
    for entry in result.categories:
        if entry.eligible:
            continue
        label = round_type_label(ROUND_CATEGORY_OF_ENGINE.get(entry.code, entry.code))
        if entry.experience_on is not None:
            later.append(LaterCategory(entry.code, label, entry.experience_on))
        else:
            missed.append(MissedCategory(entry.code, label, entry.explained))
    return Chances(
        crs=crs,
        as_of=on,
        program_eligible=result.verdict.eligible,
        round_types=tuple(
            _chance(category, crs, latest.get(category), recent, year_ago) for category in types
        ),
        later=tuple(later),
        missed=tuple(missed),
        chart_points=tuple(
            ChartPoint(item, round_type_label(item.category), crs >= item.crs_cutoff)
            for item in recent
        ),
    )


def rounds_stamp() -> str:
    """What the stored rounds are now, in one cheap query: how many, and when one was last
    written (every import rewrites the rows it reads; an edit or a new round moves it too; a
    removal lowers the count)."""
    found = Round.objects.aggregate(count=Count("id"), changed=Max("changed_at"))
    changed = found["changed"].isoformat() if found["changed"] else "-"
    return f"{found['count']}:{changed}"


def chances_html(*, result: ResultLike, on: date) -> str:
    """The chances section (``eligibility/_chances.html`` as an applicant reads it, without
    openings) for this result on ``on``, kept in the cache: the same answers give the same
    table until the rounds change. The key holds everything the section shows: the language,
    the date, the stored rounds' stamp, and what it reads of the result (the CRS, the CEC
    verdict, a nomination, each category's judgement and reason)."""
    categories = tuple(
        (entry.code, entry.eligible, entry.experience_on, entry.reason_code,
         sorted(entry.reason_params.items()), entry.reason)
        for entry in result.categories
    )
    what = repr((get_language(), on, rounds_stamp(), result.crs.total, result.verdict.eligible,
                 result.nominated, categories))
    key = "chances:" + hashlib.sha256(what.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string("eligibility/_chances.html",
                                {"chances": chances_for(result=result, on=on)})
        cache.set(key, html, CACHED_FOR)
    return mark_safe(html)  # noqa: S308 - the template's own escaped output
