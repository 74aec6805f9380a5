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
from functools import lru_cache, reduce
from operator import and_

from django.db import connection
from django.db.models import Q

from eligibility.models import ExampleTitle, UnitGroup
from eligibility.noc.text import fold_words, padded

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
    matched_lang: str = "en"  # the language of ``matched`` (an example title may be French)
    title_lang: str = "en"  # the language of ``title`` (see noc.selectors)

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
    rows = _ranked_rows(words, limit + 10)  # spare rows: see the loop below
    examples = _matching_examples([pk for pk, *_, r in rows if MatchKind(r).on_example], words)
    hits = []
    # An example-title match whose words are spread over several example titles is dropped.
    for pk, code, title, teer, rank in rows:
        kind = MatchKind(rank)
        if not kind.on_example:
            hits.append(SearchHit(code, title, teer, kind, title))
        elif pk in examples:
            example, language = examples[pk]
            hits.append(SearchHit(code, title, teer, kind, example, matched_lang=language))
    return hits[:limit]


@lru_cache(maxsize=MAX_WORDS)
def _ranked_sql(word_count: int) -> str:
    """The ranking query for a number of words, built once: as the ORM would write it.

    Plain SQL (LIKE, CASE, LENGTH) that SQLite and PostgreSQL read alike; building the
    equivalent ORM expression on every keystroke cost as much as running it. The words are
    folded to [0-9a-z] before they get here, so no LIKE wildcard or escape can reach it.
    """
    table = connection.ops.quote_name(UnitGroup._meta.db_table)
    all_words = " AND ".join(["{column} LIKE %s"] * word_count)
    title_words = all_words.format(column="search_title")
    example_words = all_words.format(column="search_examples")
    return f"""
        SELECT id, code, title, teer,
            CASE
                WHEN search_title LIKE %s THEN {MatchKind.TITLE_START.value}
                WHEN search_title LIKE %s THEN {MatchKind.TITLE_PHRASE.value}
                WHEN {title_words} THEN {MatchKind.TITLE_WORDS.value}
                WHEN search_examples LIKE %s THEN {MatchKind.EXAMPLE_START.value}
                WHEN search_examples LIKE %s THEN {MatchKind.EXAMPLE_PHRASE.value}
                ELSE {MatchKind.EXAMPLE_WORDS.value}
            END AS match_rank,
            CASE
                WHEN search_title LIKE %s OR search_title LIKE %s OR search_title LIKE %s
                THEN 0 ELSE 1
            END AS whole_word
        FROM {table}
        WHERE ({title_words}) OR ({example_words})
        ORDER BY match_rank, whole_word, LENGTH(title), code
        LIMIT %s
    """


def _ranked_rows(words: list[str], limit: int) -> list[tuple[int, str, str, int, int]]:
    """(pk, code, title, TEER, MatchKind) of the best matches, best first.

    Ranked by kind of match; among titles that match alike, whole words ("nurse" in
    "nurses") beat word starts ("nurse" in "nursery"); then shorter titles, then code.
    """
    phrase = " " + " ".join(words)
    word_starts = [f"% {w}%" for w in words]
    params = [
        f"{phrase}%",  # title starts with the phrase (search_title begins with a space)
        f"%{phrase}%",
        *word_starts,
        f"%|{phrase}%",  # an example title starts with the phrase
        f"%{phrase}%",
        f"%{phrase} %",
        f"%{phrase}s %",
        f"%{phrase}es %",
        *word_starts,
        *word_starts,
        limit,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_ranked_sql(len(words)), params)
        return [row[:5] for row in cursor.fetchall()]


def _by_code(prefix: str, limit: int) -> list[SearchHit]:
    rows = UnitGroup.objects.filter(code__startswith=prefix).order_by("code")
    return [
        SearchHit(
            u.code, u.title, u.teer,
            MatchKind.CODE if u.code == prefix else MatchKind.CODE_PREFIX, u.code,
        )
        for u in rows.only("code", "title", "teer")[:limit]
    ]


def _matching_examples(unit_group_ids: list[int], words: list[str]) -> dict[int, tuple[str, str]]:
    """For each unit group found through its examples, the best example title that matched and
    its language: an English example title, or else a French one."""
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
    # Found through a French example title (stored one a line on the unit group).
    french: set[int] = set()
    for unit_group_id, lines in UnitGroup.objects.filter(
        pk__in=set(unit_group_ids) - set(best)
    ).exclude(example_titles_fr="").values_list("pk", "example_titles_fr"):
        for title in lines.splitlines():
            folded = padded(title)
            if all(f" {w}" in folded for w in words):
                quality = 0 if folded.startswith(phrase) else 1 if phrase in folded else 2
                key = (quality, len(title))
                if unit_group_id not in best or key < best[unit_group_id][0]:
                    best[unit_group_id] = (key, title)
                    french.add(unit_group_id)
    return {pk: (title, "fr" if pk in french else "en") for pk, (_, title) in best.items()}
