"""Evaluate an applicant with the rules engine and keep the latest result on their record.

The engine decides; this module only feeds it the applicant's facts (through
``facts_and_row_ids``), stores the result's JSON with the ids of the rows it numbers, and copies
the parts that lists sort and filter on into columns. What it returns, and what it reads back,
is the typed ``profiles.reading.Evaluation``.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

import orjson
from django.utils import timezone

from eligibility.rules import (
    CategoryOpening,
    FactsError,
    Improvement,
    category_openings,
    evaluate,
    parse_facts,
    result_to_json,
    score_improvements,
)
from profiles.kept import release_stamp
from profiles.models import Applicant
from profiles.reading import ROW_IDS, Evaluation, read_evaluation, read_summary
from profiles.reasons import say_reason
from profiles.selectors import ApplicantRows, facts_and_row_ids, facts_for_applicant


def evaluated_json(facts: dict, *, on: date, row_ids: dict | None = None) -> dict:
    """The facts JSON evaluated on ``on``, as stored: the engine's result with ``row_ids``
    (which row each job and test is, when they are stored rows), or what is missing."""
    try:
        parsed = parse_facts(facts, today=on)
    except FactsError as error:
        return {"problems": list(error.problems)}
    return {**result_to_json(evaluate(parsed)), ROW_IDS: row_ids or {}}


def evaluate_facts(facts: dict, *, on: date, row_ids: dict | None = None) -> Evaluation:
    """The facts JSON evaluated on ``on``, read (see ``evaluated_json``)."""
    return read_evaluation(evaluated_json(facts, on=on, row_ids=row_ids))


def evaluated_json_of(
    *, applicant: Applicant, on: date | None = None, rows: ApplicantRows | None = None
) -> dict:
    """The applicant evaluated on ``on`` (today), as stored; nothing is stored. ``rows``:
    their rows, when a batch has read them already."""
    on = on or timezone.localdate()
    facts, row_ids = facts_and_row_ids(applicant=applicant, as_of=on, rows=rows)
    return evaluated_json(facts, on=on, row_ids=row_ids.as_json())


def evaluate_applicant(
    *, applicant: Applicant, on: date | None = None, rows: ApplicantRows | None = None
) -> Evaluation:
    """The applicant evaluated on ``on`` (today), read; nothing is stored."""
    return read_evaluation(evaluated_json_of(applicant=applicant, on=on, rows=rows))


def stored_evaluation(applicant: Applicant) -> Evaluation | None:
    """The evaluation stored on the applicant's record, read; None if they never were."""
    return read_evaluation(applicant.evaluation) if applicant.evaluation else None


def categories_column(codes) -> str:
    """The stored form of a set of category codes: ",french,healthcare," ("" for none)."""
    codes = list(codes)
    return f",{','.join(codes)}," if codes else ""


def category_codes(column: str) -> list[str]:
    return [code for code in column.split(",") if code]


def stored_columns(stored: dict, *, now=None) -> dict:
    """The applicant's stored-evaluation columns for an evaluation as stored: the one mapping
    from the engine's result to what lists sort and filter on (used for one applicant and in
    batches), through ``read_summary``."""
    summary = read_summary(stored)
    return {
        "evaluation": stored,
        "evaluated_at": now or timezone.now(),
        "cec_status": summary.verdict.status,
        "cec_eligible_on": summary.verdict.eligible_on,
        "qualifying_hours": summary.qualifying_hours,
        "crs_total": summary.crs_total,
        "language_expires_on": summary.language_expires_on,
        "ruleset": summary.ruleset,
        "eligible_categories": categories_column(summary.eligible_categories),
    }


STORED_FIELDS = tuple(stored_columns({"problems": []}))


def store_evaluation(
    *, applicant: Applicant, evaluation: Evaluation, also: dict | None = None, now=None
) -> Applicant:
    """Copy an evaluation onto the applicant's row (one UPDATE, no history entry), with the
    unaudited columns in ``also`` written by the same statement; ``now``: its time."""
    fields = {**stored_columns(evaluation.stored, now=now), **(also or {})}
    Applicant.objects.filter(pk=applicant.pk).update(**fields)
    for name, value in fields.items():
        setattr(applicant, name, value)
    return applicant


def applicant_reevaluate(
    *, applicant: Applicant, on: date | None = None, also: dict | None = None
) -> Evaluation:
    """Evaluate the applicant today (or on ``on``) and store the result on their record
    (with the unaudited columns in ``also``, in the same UPDATE)."""
    now = timezone.now()
    evaluation = evaluate_applicant(applicant=applicant, on=on or timezone.localdate(now))
    store_evaluation(applicant=applicant, evaluation=evaluation, also=also, now=now)
    return evaluation


def _evaluated_from(evaluated_at, facts: dict, row_ids) -> str:
    """The digest of what an evaluation made at ``evaluated_at`` is made from: the facts, the
    rows they number, the release (the rules' code with it) and the time."""
    payload = orjson.dumps(
        [facts, row_ids.as_json(), release_stamp(), evaluated_at.isoformat()],
        option=orjson.OPT_SORT_KEYS, default=str,
    )
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


def applicant_reevaluate_after_save(*, applicant: Applicant, also: dict | None = None) -> None:
    """``applicant_reevaluate`` after the person saved a step, unless the save left every fact
    as it was: when the facts (today's date among them) are those this same release evaluated
    into the evaluation stored now (``Applicant.evaluated_from``), that evaluation is kept (a
    job's title, a passport number or an unchanged step changes nothing the rules read) and
    only ``also`` is written. Anything else that stores an evaluation (the admin, the nightly
    run) changes its time, so the facts are evaluated again."""
    now = timezone.now()
    on = timezone.localdate(now)  # the evaluation's day is its time's, even around midnight
    facts, row_ids = facts_and_row_ids(applicant=applicant, as_of=on)
    if (stored_evaluation_is_current(applicant)
            and applicant.evaluated_from
            == _evaluated_from(applicant.evaluated_at, facts, row_ids)):
        if also:
            Applicant.objects.filter(pk=applicant.pk).update(**also)
        return
    evaluation = evaluate_facts(facts, on=on, row_ids=row_ids.as_json())
    store_evaluation(applicant=applicant, evaluation=evaluation, now=now, also={
        **(also or {}), "evaluated_from": _evaluated_from(now, facts, row_ids),
    })


def stored_evaluation_is_current(applicant: Applicant) -> bool:
    """Whether the evaluation stored on the record is today's, in the current format."""
    stored = applicant.evaluation
    return (
        bool(stored)
        and applicant.evaluated_at is not None
        and timezone.localdate(applicant.evaluated_at) == timezone.localdate()
        # A result stored before the row ids were kept cannot be matched to the jobs: it is
        # evaluated afresh on every read (not stored) until a save or the nightly run
        # stores a new one.
        and ("problems" in stored or ROW_IDS in stored)
    )


def current_evaluation(*, applicant: Applicant) -> Evaluation:
    """Today's evaluation, read only: the stored one if it was made today, else a fresh one that
    is not stored (a GET never writes; saves, the admin's save and the nightly run store)."""
    if stored_evaluation_is_current(applicant):
        return read_evaluation(applicant.evaluation)
    return evaluate_applicant(applicant=applicant, on=timezone.localdate())


def applicant_show_current_evaluation(*, applicant: Applicant) -> Evaluation:
    """Put today's evaluation on this instance (not in the database), for a page that reads
    the stored columns: a consultant's client page shows today's verdict without writing."""
    evaluation = current_evaluation(applicant=applicant)
    for name, value in stored_columns(evaluation.stored).items():
        setattr(applicant, name, value)
    return evaluation


@dataclass(frozen=True)
class Suggestion:
    """One way to raise the CRS score, said in the active language."""

    improvement: Improvement

    @property
    def text(self) -> str:
        return say_reason(self.improvement.why)

    @property
    def points(self) -> int:
        return self.improvement.points

    @property
    def code(self) -> str:
        return self.improvement.code


@dataclass(frozen=True)
class Opening:
    """What would open a category round, said in the active language."""

    opening: CategoryOpening

    @property
    def text(self) -> str:
        return say_reason(self.opening.why)

    @property
    def category(self) -> str:
        return self.opening.category

    @property
    def code(self) -> str:
        return self.opening.code

    @property
    def on(self) -> date | None:
        return self.opening.on


def _parsed_facts(applicant: Applicant, on: date | None):
    on = on or timezone.localdate()
    try:
        return parse_facts(facts_for_applicant(applicant=applicant, as_of=on), today=on)
    except FactsError:
        return None


def improvements_for(*, applicant: Applicant, on: date | None = None) -> list[Suggestion]:
    """The engine's 'how to raise your score' suggestions, best first ([] while incomplete)."""
    parsed = _parsed_facts(applicant, on)
    if parsed is None:
        return []
    return [Suggestion(improvement) for improvement in score_improvements(parsed)]


def _openings(facts: dict, on: date) -> list[Opening]:
    try:
        parsed = parse_facts(facts, today=on)
    except FactsError:
        return []
    return [Opening(opening) for opening in category_openings(parsed)]


def openings_for(*, applicant: Applicant, on: date | None = None) -> list[Opening]:
    """The engine's 'what would open a category' (a French test at NCLC 7, more months of the
    work going on, CEC arriving), in the categories' order ([] while incomplete)."""
    on = on or timezone.localdate()
    return _openings(facts_for_applicant(applicant=applicant, as_of=on), on)


def evaluate_with_openings(
    *, applicant: Applicant, on: date | None = None
) -> tuple[Evaluation, list[Opening]]:
    """``evaluate_applicant`` and ``openings_for`` from one read of the applicant's rows."""
    on = on or timezone.localdate()
    facts, row_ids = facts_and_row_ids(applicant=applicant, as_of=on)
    return evaluate_facts(facts, on=on, row_ids=row_ids.as_json()), _openings(facts, on)


def crs_of_user(*, user) -> int | None:
    """The signed-in person's CRS today, evaluated afresh and not stored (the rounds page
    compares it with the cut-offs); None for a visitor, a staff member with no applicant
    record, or answers not complete enough for a score."""
    applicant = getattr(user, "applicant", None)  # None too when the user has no record
    if applicant is None:
        return None
    result = evaluate_applicant(applicant=applicant).result
    return result.crs.total if result else None
