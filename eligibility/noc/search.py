"""Find unit groups as a person types: by code prefix, title words and example titles.

Matching is on word starts ("engin" finds "engineers"), accent- and case-insensitive, and
works the same on SQLite and PostgreSQL: the importer stores pre-folded copies of the title and
example titles (``search_title``, ``search_examples``) and the query is folded the same way, so
the database only runs plain LIKE comparisons over 516 rows.

Best first: an exact code, then code prefixes; then titles that start with the words as typed,
contain them as a phrase, or contain them all; then example titles in the same order.
"""

from dataclasses import dataclass
from enum import IntEnum
from functools import reduce
from operator import and_

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length

from eligibility.models import ExampleTitle, UnitGroup
from eligibility.noc.text import fold_words

DEFAULT_LIMIT = 10
MAX_WORDS = 8


class MatchKind(IntEnum):
    CODE = 0
    CODE_PREFIX = 1
    TITLE_START = 2
    TITLE_PHRASE = 3
    TITLE_WORDS = 4
    EXAMPLE_START = 5
    EXAMPLE_PHRASE = 6
    EXAMPLE_WORDS = 7

    @property
    def on_example(self) -> bool:
        return self >= MatchKind.EXAMPLE_START


@dataclass(frozen=True)
class SearchHit:
    code: str
    title: str
    teer: int
    kind: MatchKind
    matched: str  # the text that matched: the code, the title or an example title

    @property
    def via_example(self) -> bool:
        return self.kind.on_example


def unit_groups_search(query: str, *, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    query = query.strip()
    if not query:
        return []
    if query.isdigit():
        return _by_code(query, limit)
    words = fold_words(query)[:MAX_WORDS]
    if not words:
        return []
    phrase = " " + " ".join(words)
    title_words = reduce(and_, (Q(search_title__contains=f" {w}") for w in words))
    example_words = reduce(and_, (Q(search_examples__contains=f" {w}") for w in words))
    rank = Case(
        When(search_title__startswith=phrase, then=Value(MatchKind.TITLE_START.value)),
        When(search_title__contains=phrase, then=Value(MatchKind.TITLE_PHRASE.value)),
        When(title_words, then=Value(MatchKind.TITLE_WORDS.value)),
        When(search_examples__contains=f"|{phrase}",
             then=Value(MatchKind.EXAMPLE_START.value)),
        When(search_examples__contains=phrase, then=Value(MatchKind.EXAMPLE_PHRASE.value)),
        default=Value(MatchKind.EXAMPLE_WORDS.value),
        output_field=IntegerField(),
    )
    # Among titles that match alike, whole words ("nurse" in "nurses") beat word starts
    # ("nurse" in "nursery").
    whole_word = Case(
        When(
            Q(search_title__contains=f"{phrase} ")
            | Q(search_title__contains=f"{phrase}s ")
            | Q(search_title__contains=f"{phrase}es "),
            then=Value(0),
        ),
        default=Value(1),
        output_field=IntegerField(),
    )
    rows = list(
        UnitGroup.objects.filter(title_words | example_words)
        .annotate(rank=rank, whole_word=whole_word)
        .order_by("rank", "whole_word", Length("title"), "code")
        # A few spare rows: an example-title match whose words are spread over several
        # example titles is dropped below.
        .values_list("pk", "code", "title", "teer", "rank")[: limit + 10]
    )
    examples = _matching_examples([pk for pk, *_, r in rows if MatchKind(r).on_example], words)
    hits = []
    for pk, code, title, teer, rank in rows:
        kind = MatchKind(rank)
        if not kind.on_example:
            hits.append(SearchHit(code, title, teer, kind, title))
        elif pk in examples:
            hits.append(SearchHit(code, title, teer, kind, examples[pk]))
    return hits[:limit]


def _by_code(prefix: str, limit: int) -> list[SearchHit]:
    rows = UnitGroup.objects.filter(code__startswith=prefix).order_by("code")
    return [
        SearchHit(
            u.code, u.title, u.teer,
            MatchKind.CODE if u.code == prefix else MatchKind.CODE_PREFIX, u.code,
        )
        for u in rows.only("code", "title", "teer")[:limit]
    ]


def _matching_examples(unit_group_ids: list[int], words: list[str]) -> dict[int, str]:
    """For each unit group found through its examples, the best example title that matched."""
    if not unit_group_ids:
        return {}
    phrase = " " + " ".join(words)
    matching = ExampleTitle.objects.filter(
        reduce(and_, (Q(search_title__contains=f" {w}") for w in words)),
        unit_group_id__in=unit_group_ids,
    )
    best: dict[int, tuple[tuple[int, int], str]] = {}
    for unit_group_id, title, folded in matching.values_list(
        "unit_group_id", "title", "search_title"
    ):
        quality = 0 if folded.startswith(phrase) else 1 if phrase in folded else 2
        key = (quality, len(title))
        if unit_group_id not in best or key < best[unit_group_id][0]:
            best[unit_group_id] = (key, title)
    return {pk: title for pk, (_, title) in best.items()}
