"""Duty matching: which NOC unit groups does a person's description of their duties fit?

IRCC expects the duties an applicant lists for a job to match the lead statement and most of
the main duties of the NOC code they give. Two questions are answered here:

* ``match_duties(text)``: the unit groups whose lead statement, main duties and titles are
  closest to the text, best first, each with the main duties the text comes closest to;
* ``duty_coverage(text, code)``: for a chosen code, which main duties the text covers and
  which it does not.

Similarity is scikit-learn's TF-IDF with cosine similarity over a light stemmer, fitted on the
catalogue itself: nothing is downloaded. The fitted index is kept in memory per process and
rebuilt when the catalogue's history shows a newer change (a staff edit or an import).
"""

import re
import threading
from dataclasses import dataclass

import numpy as np
from django.db.models import Max
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

from eligibility.models import ExampleTitle, MainDuty, UnitGroup
from eligibility.noc.text import fold_words

DEFAULT_LIMIT = 5
# A main duty counts as covered when one sentence of the person's text is at least this
# similar to it; chosen on the bench's descriptions (bench/noc_match.py reports coverage).
COVERED_THRESHOLD = 0.1
MATCHED_DUTIES_SHOWN = 3
# Words that say nothing about an occupation in a job description.
_EXTRA_STOP_WORDS = frozenset(
    (
        "may", "also", "including", "include", "includes", "various", "related", "duties",
        "duty", "work", "worked", "working", "job", "jobs", "responsible", "responsibilities",
        "daily", "day", "etc", "using", "use", "used", "make", "sure",
    )
)
_STOP_WORDS = ENGLISH_STOP_WORDS | _EXTRA_STOP_WORDS
_SENTENCE_SPLIT = re.compile(r"[\n;:,•·]+|(?<=[.!?])\s+|\s+-\s+|\s+and\s+(?=I\s)")


def stem(word: str) -> str:
    """A deliberately crude suffix stripper so "repairs", "repaired", "repairing" meet.

    A final "e" goes too, so that "prepare" and "prepared", "engine" and "engines" agree.
    """
    for suffix, keep in (
        ("ational", "ate"), ("ization", "ize"), ("isation", "ize"), ("ically", "ic"),
        ("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"),
        ("xes", "x"), ("ing", ""), ("ers", ""), ("ors", "or"), ("er", ""), ("ed", ""),
        ("s", ""),
    ):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                break
            word = word[: len(word) - len(suffix)] + keep
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def analyse(text: str) -> list[str]:
    """Folded, stop-worded, stemmed words plus their adjacent pairs."""
    words = [stem(w) for w in fold_words(text) if w not in _STOP_WORDS and not w.isdigit()]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def sentences(text: str) -> list[str]:
    return [s.strip(" -*") for s in _SENTENCE_SPLIT.split(text or "") if analyse(s)]


@dataclass(frozen=True)
class DutyMatch:
    code: str
    title: str
    score: float  # 0 to 1, cosine similarity
    matched_duties: tuple[str, ...]  # the group's main duties closest to the text


@dataclass(frozen=True)
class CoveredDuty:
    duty: str
    score: float
    sentence: str  # the person's sentence that comes closest to the duty


@dataclass(frozen=True)
class DutyCoverage:
    code: str
    title: str
    covered: tuple[CoveredDuty, ...]
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        """How many main duties the unit group has (covered or not)."""
        return len(self.covered) + len(self.missing)

    @property
    def share_covered(self) -> float:
        return len(self.covered) / self.total if self.total else 0.0


@dataclass
class _Index:
    stamp: tuple
    vectorizer: TfidfVectorizer
    codes: list[str]
    titles: list[str]
    groups: object  # sparse matrix, one normalised row per unit group
    duties: list[list[str]]  # per unit group, its main duties (no headings)
    duty_rows: list[range]  # per unit group, its rows in duty_matrix
    duty_matrix: object


_cache: dict[str, _Index] = {}
_lock = threading.Lock()


def _catalogue_stamp() -> tuple:
    # Every write to the catalogue leaves a historical record, so the newest history date of
    # each table tells whether the fitted index is stale.
    return tuple(
        model.history.aggregate(latest=Max("history_date"))["latest"]
        for model in (UnitGroup, MainDuty, ExampleTitle)
    )


def _index() -> _Index:
    stamp = _catalogue_stamp()
    cached = _cache.get("index")
    if cached is not None and cached.stamp == stamp:
        return cached
    with _lock:
        cached = _cache.get("index")
        if cached is None or cached.stamp != stamp:
            cached = _cache["index"] = _build_index(stamp)
    return cached


def _build_index(stamp: tuple) -> _Index:
    groups = list(UnitGroup.objects.order_by("code").values_list("pk", "code", "title",
                                                                  "lead_statement"))
    duties: dict[int, list[str]] = {}
    for unit_group_id, text in (
        MainDuty.objects.filter(is_heading=False)
        .order_by("position", "id")
        .values_list("unit_group_id", "text")
    ):
        duties.setdefault(unit_group_id, []).append(text)
    examples: dict[int, list[str]] = {}
    for unit_group_id, title in ExampleTitle.objects.values_list("unit_group_id", "title"):
        examples.setdefault(unit_group_id, []).append(title)

    documents = []
    for pk, _code, title, lead in groups:
        # Titles twice: an occupation's name is the strongest hint in everyday descriptions.
        documents.append(
            "\n".join([title, title, lead, *duties.get(pk, []), *examples.get(pk, [])])
        )
    vectorizer = TfidfVectorizer(analyzer=analyse, sublinear_tf=True, min_df=1)
    group_matrix = vectorizer.fit_transform(documents) if documents else None

    duty_texts, duty_rows, per_group = [], [], []
    for pk, *_ in groups:
        texts = duties.get(pk, [])
        duty_rows.append(range(len(duty_texts), len(duty_texts) + len(texts)))
        duty_texts += texts
        per_group.append(texts)
    duty_matrix = vectorizer.transform(duty_texts) if duty_texts else None
    return _Index(
        stamp=stamp,
        vectorizer=vectorizer,
        codes=[g[1] for g in groups],
        titles=[g[2] for g in groups],
        groups=group_matrix,
        duties=per_group,
        duty_rows=duty_rows,
        duty_matrix=duty_matrix,
    )


def _similar_duties(index: _Index, position: int, query_vector) -> list[tuple[str, float]]:
    rows = index.duty_rows[position]
    if not len(rows):
        return []
    scores = (index.duty_matrix[rows.start : rows.stop] @ query_vector.T).toarray().ravel()
    order = np.argsort(-scores, kind="stable")
    return [(index.duties[position][i], float(scores[i])) for i in order]


def match_duties(text: str, *, limit: int = DEFAULT_LIMIT) -> list[DutyMatch]:
    """The unit groups whose description best matches ``text``, best first."""
    if not analyse(text or ""):
        return []
    index = _index()
    if index.groups is None:
        return []
    query = normalize(index.vectorizer.transform([text]))
    scores = (index.groups @ query.T).toarray().ravel()
    best = np.argsort(-scores, kind="stable")[:limit]
    matches = []
    for position in best:
        if scores[position] <= 0:
            break
        similar = _similar_duties(index, position, query)
        matches.append(
            DutyMatch(
                code=index.codes[position],
                title=index.titles[position],
                score=round(float(scores[position]), 4),
                matched_duties=tuple(d for d, s in similar[:MATCHED_DUTIES_SHOWN] if s > 0),
            )
        )
    return matches


def duty_coverage(text: str, code: str) -> DutyCoverage | None:
    """Which of the unit group's main duties the text covers (None for an unknown code)."""
    index = _index()
    try:
        position = index.codes.index(code)
    except ValueError:
        return None
    duties = index.duties[position]
    parts = sentences(text)
    if not duties or not parts:
        return DutyCoverage(code, index.titles[position], (), tuple(duties))
    rows = index.duty_rows[position]
    duty_vectors = index.duty_matrix[rows.start : rows.stop]
    sentence_vectors = normalize(index.vectorizer.transform(parts))
    similarity = (duty_vectors @ sentence_vectors.T).toarray()  # duties × sentences
    covered, missing = [], []
    for i, duty in enumerate(duties):
        j = int(np.argmax(similarity[i]))
        if similarity[i, j] >= COVERED_THRESHOLD:
            covered.append(CoveredDuty(duty, round(float(similarity[i, j]), 4), parts[j]))
        else:
            missing.append(duty)
    return DutyCoverage(code, index.titles[position], tuple(covered), tuple(missing))
