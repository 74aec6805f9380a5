"""Evaluate an applicant with the rules engine and keep the latest result on their record.

The engine decides; this module only feeds it the applicant's facts (through
``facts_for_applicant``) and copies the parts that lists sort and filter on into columns.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from eligibility.rules import (
    FactsError,
    evaluate,
    parse_facts,
    result_to_json,
    score_improvements,
)
from profiles.enums import CecStatus
from profiles.models import Applicant
from profiles.selectors import facts_for_applicant


@dataclass(frozen=True)
class Evaluation:
    """The engine's result JSON, or the list of facts still missing or wrong."""

    result: dict | None
    problems: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.result is not None


def evaluate_applicant(*, applicant: Applicant, on: date | None = None) -> Evaluation:
    on = on or timezone.localdate()
    facts = facts_for_applicant(applicant=applicant, as_of=on)
    try:
        parsed = parse_facts(facts, today=on)
    except FactsError as error:
        return Evaluation(result=None, problems=tuple(error.problems))
    return Evaluation(result=result_to_json(evaluate(parsed)))


def cec_status_of(result: dict | None) -> str:
    if result is None:
        return CecStatus.INCOMPLETE
    cec = result["cec"]
    if cec["eligible"]:
        return CecStatus.ELIGIBLE
    if cec["needs_review"]:
        return CecStatus.NEEDS_REVIEW
    if cec["eligible_on"]:
        return CecStatus.ELIGIBLE_LATER
    return CecStatus.NOT_ELIGIBLE


def _earliest_valid_test_expiry(result: dict) -> date | None:
    dates = [test["valid_until"] for test in result["language"] if test["valid"]]
    return date.fromisoformat(min(dates)) if dates else None


def evaluation_columns(evaluation: Evaluation, *, now=None) -> dict:
    """The applicant's stored-evaluation columns for an evaluation: the one mapping from the
    engine's result to what lists sort and filter on (used for one applicant and in batches)."""
    result = evaluation.result
    columns = {
        "evaluation": result if result is not None else {"problems": list(evaluation.problems)},
        "evaluated_at": now or timezone.now(),
        "cec_status": cec_status_of(result),
        "cec_eligible_on": None,
        "qualifying_hours": None,
        "crs_total": None,
        "language_expires_on": None,
        "ruleset": "",
    }
    if result is not None:
        eligible_on = result["cec"]["eligible_on"]
        columns.update(
            cec_eligible_on=date.fromisoformat(eligible_on) if eligible_on else None,
            qualifying_hours=result["cec"]["qualifying_hours"],
            crs_total=result["crs"]["total"],
            language_expires_on=_earliest_valid_test_expiry(result),
            ruleset=result["ruleset"],
        )
    return columns


STORED_FIELDS = tuple(evaluation_columns(Evaluation(result=None)))


def store_evaluation(*, applicant: Applicant, evaluation: Evaluation) -> Applicant:
    """Copy an evaluation onto the applicant's row (one UPDATE, no history entry)."""
    fields = evaluation_columns(evaluation)
    Applicant.objects.filter(pk=applicant.pk).update(**fields)
    for name, value in fields.items():
        setattr(applicant, name, value)
    return applicant


def applicant_reevaluate(*, applicant: Applicant, on: date | None = None) -> Evaluation:
    """Evaluate the applicant today (or on ``on``) and store the result on their record."""
    evaluation = evaluate_applicant(applicant=applicant, on=on)
    store_evaluation(applicant=applicant, evaluation=evaluation)
    return evaluation


def current_evaluation(*, applicant: Applicant) -> Evaluation:
    """Today's evaluation, read only: the stored one if it was made today, else a fresh one that
    is not stored (a GET never writes; saves, the admin's save and the nightly run store)."""
    today = timezone.localdate()
    stored = applicant.evaluation
    if (
        stored is not None
        and applicant.evaluated_at is not None
        and timezone.localdate(applicant.evaluated_at) == today
    ):
        if "problems" in stored:
            return Evaluation(result=None, problems=tuple(stored["problems"]))
        return Evaluation(result=stored)
    return evaluate_applicant(applicant=applicant, on=today)


def applicant_show_current_evaluation(*, applicant: Applicant) -> Evaluation:
    """Put today's evaluation on this instance (not in the database), for a page that reads
    the stored columns: a consultant's client page shows today's verdict without writing."""
    evaluation = current_evaluation(applicant=applicant)
    for name, value in evaluation_columns(evaluation).items():
        setattr(applicant, name, value)
    return evaluation


def improvements_for(*, applicant: Applicant, on: date | None = None) -> list:
    """The engine's 'how to raise your score' suggestions, best first ([] while incomplete)."""
    on = on or timezone.localdate()
    try:
        parsed = parse_facts(facts_for_applicant(applicant=applicant, as_of=on), today=on)
    except FactsError:
        return []
    return list(score_improvements(parsed))
