"""``profiles.reading``: the stored evaluation read once into typed values — the verdict by one
precedence rule, jobs and tests by row id, dates as dates, and keys it does not know ignored."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from profiles.enums import CecStatus, Person
from profiles.evaluation import (
    applicant_reevaluate,
    current_evaluation,
    evaluate_applicant,
    stored_evaluation,
)
from profiles.models import Applicant
from profiles.reading import ROW_IDS, Problem, Verdict, read_evaluation, read_summary
from profiles.selectors import facts_and_row_ids
from tests.factories import ApplicantFactory, JobFactory, LanguageTestFactory, SpouseFactory

ON = date(2026, 11, 1)


@pytest.fixture
def applicant_with_rows_out_of_order(db):
    """Rows created in an order that is not the facts' order (the facts list jobs by start)."""
    applicant = SpouseFactory(applicant__marital_status="married").applicant
    canadian = JobFactory(applicant=applicant, title="Developer", start=date(2023, 9, 1))
    abroad = JobFactory(applicant=applicant, title="Abroad", country="IN",
                        start=date(2016, 1, 1), end=date(2017, 12, 31))
    spouse_job = JobFactory(applicant=applicant, person=Person.SPOUSE, start=date(2020, 1, 1))
    expired = LanguageTestFactory(applicant=applicant, taken_on=date(2024, 1, 10))
    valid = LanguageTestFactory(applicant=applicant, taken_on=date(2025, 6, 14))
    return applicant, {"canadian": canadian, "abroad": abroad, "spouse_job": spouse_job,
                       "expired": expired, "valid": valid}


def test_the_bridge_says_which_row_each_job_and_test_of_the_facts_is(
    applicant_with_rows_out_of_order
):
    applicant, rows = applicant_with_rows_out_of_order
    facts, row_ids = facts_and_row_ids(applicant=applicant, as_of=ON)
    assert row_ids.jobs == (rows["abroad"].pk, rows["canadian"].pk)  # by start date
    assert [job["country"] for job in facts["jobs"]] == ["IN", "CA"]
    assert row_ids.language_tests == (rows["expired"].pk, rows["valid"].pk)


def test_counted_hours_are_read_by_job_id(applicant_with_rows_out_of_order):
    applicant, rows = applicant_with_rows_out_of_order
    result = evaluate_applicant(applicant=applicant, on=ON).result
    canadian, abroad = result.job(rows["canadian"].pk), result.job(rows["abroad"].pk)
    assert canadian.counted and canadian.counted_hours > 1560
    assert not abroad.counted
    assert result.job(rows["spouse_job"].pk) is None  # the spouse's work is not CEC work
    assert result.counted_job_ids == {rows["canadian"].pk}


def test_valid_tests_are_read_by_test_id_with_dates(applicant_with_rows_out_of_order):
    applicant, rows = applicant_with_rows_out_of_order
    result = evaluate_applicant(applicant=applicant, on=ON).result
    assert result.valid_test_ids == {rows["valid"].pk}
    (valid,) = result.valid_tests
    assert (valid.taken_on, valid.valid_until) == (date(2025, 6, 14), date(2027, 6, 13))
    assert valid.label == "IELTS General Training"
    assert str(valid.clb) == "9/9/9/9"  # IELTS 8/7/7/7


def test_the_summary_agrees_with_the_whole_reading(applicant_with_rows_out_of_order):
    applicant, rows = applicant_with_rows_out_of_order
    evaluation = evaluate_applicant(applicant=applicant, on=ON)
    result, summary = evaluation.result, read_summary(evaluation.stored)
    assert summary.verdict == evaluation.verdict
    assert (summary.qualifying_hours, summary.crs_total, summary.ruleset) == (
        result.qualifying_hours, result.crs.total, result.ruleset
    )
    assert summary.eligible_categories == tuple(
        entry.code for entry in result.categories if entry.eligible
    )


def test_the_summary_dates_the_language_by_the_first_valid_test_to_expire(
    applicant_with_rows_out_of_order
):
    applicant, rows = applicant_with_rows_out_of_order
    stored = evaluate_applicant(applicant=applicant, on=ON).stored
    # Listed out of date order, an expired test among them: the earliest valid expiry counts.
    stored["language"] = [
        {**stored["language"][0], "valid": True, "valid_until": "2028-02-28"},
        {**stored["language"][0], "valid": False, "valid_until": "2026-01-09"},
        {**stored["language"][0], "valid": True, "valid_until": "2027-06-13"},
    ]
    assert read_summary(stored).language_expires_on == date(2027, 6, 13)


def test_the_summary_of_missing_facts_is_incomplete_and_empty(db):
    applicant = ApplicantFactory(birth_date=None)
    summary = read_summary(evaluate_applicant(applicant=applicant, on=ON).stored)
    assert summary.verdict.status == CecStatus.INCOMPLETE
    assert (summary.crs_total, summary.language_expires_on, summary.eligible_categories) == (
        None, None, ()
    )


def test_the_stored_evaluation_reads_back_as_it_was_written(applicant_with_rows_out_of_order):
    applicant, _rows = applicant_with_rows_out_of_order
    written = applicant_reevaluate(applicant=applicant).stored
    assert Applicant.objects.get(pk=applicant.pk).evaluation == written


def test_a_result_is_typed_through_and_through(applicant_with_rows_out_of_order):
    applicant, _rows = applicant_with_rows_out_of_order
    evaluation = evaluate_applicant(applicant=applicant, on=ON)
    result = evaluation.result
    assert evaluation.complete and evaluation.verdict is result.verdict
    assert result.as_of == ON and isinstance(result.ruleset, str)
    assert [r.code for r in result.requirements] == ["work", "language", "province"]
    assert [r.label for r in result.requirements] == [
        "Skilled work in Canada", "Language", "Where you will live"]
    assert [s.code for s in result.crs.sections] == [
        "core", "spouse", "transferability", "additional"]
    assert sum(s.points for s in result.crs.sections) == result.crs.total
    assert sum(line.points for line in result.crs.lines) == result.crs.total
    assert result.crs.lines[0].label == "Age"
    assert result.disclaimer


def test_the_stored_json_carries_the_row_ids_and_keeps_the_engines_keys(
    applicant_with_rows_out_of_order
):
    applicant, rows = applicant_with_rows_out_of_order
    applicant_reevaluate(applicant=applicant, on=ON)
    applicant.refresh_from_db()
    assert applicant.evaluation[ROW_IDS]["jobs"] == [rows["abroad"].pk, rows["canadian"].pk]
    assert {"as_of", "ruleset", "language", "cec", "crs"} <= set(applicant.evaluation)
    assert stored_evaluation(applicant).result.job(rows["canadian"].pk).counted


def test_keys_the_reader_does_not_know_are_kept_and_ignored(applicant_with_rows_out_of_order):
    applicant, _rows = applicant_with_rows_out_of_order
    stored = {**evaluate_applicant(applicant=applicant, on=ON).stored,
              "added_later": [{"code": "healthcare", "eligible": False}]}
    evaluation = read_evaluation(stored)
    assert evaluation.complete
    assert evaluation.stored["added_later"][0]["code"] == "healthcare"


def test_categories_are_read_with_their_dates(applicant_with_rows_out_of_order):
    applicant, _rows = applicant_with_rows_out_of_order
    stored = evaluate_applicant(applicant=applicant, on=ON).stored
    entry = {**stored["categories"][1], "experience_on": "2027-06-30"}
    result = read_evaluation({**stored, "categories": [entry]}).result
    (category,) = result.categories
    assert (category.code, category.experience_on) == (entry["code"], date(2027, 6, 30))
    assert category.reason == entry["reason"]


def test_a_result_stored_before_categories_reads_with_none(applicant_with_rows_out_of_order):
    applicant, _rows = applicant_with_rows_out_of_order
    stored = dict(evaluate_applicant(applicant=applicant, on=ON).stored)
    del stored["categories"]
    assert read_evaluation(stored).result.categories == ()


@pytest.mark.parametrize(("eligible", "needs_review", "eligible_on", "status"), [
    (True, True, date(2027, 3, 14), CecStatus.ELIGIBLE),
    (False, True, date(2027, 3, 14), CecStatus.NEEDS_REVIEW),
    (False, False, date(2027, 3, 14), CecStatus.ELIGIBLE_LATER),
    (False, False, None, CecStatus.NOT_ELIGIBLE),
])
def test_the_verdicts_one_precedence_rule(eligible, needs_review, eligible_on, status):
    verdict = Verdict.of(eligible=eligible, needs_review=needs_review, eligible_on=eligible_on)
    assert verdict.status == status
    assert verdict.eligible_on == (eligible_on if status == CecStatus.ELIGIBLE_LATER else None)


def test_a_verdict_is_named_and_said():
    later = Verdict(CecStatus.ELIGIBLE_LATER, date(2027, 3, 14))
    assert later.label == "Eligible on 2027-03-14"
    assert later.sentence == (
        "Not yet: if your work goes on as it is, you meet the work requirement on 2027-03-14.")
    assert Verdict(CecStatus.NOT_ELIGIBLE).label == "Not eligible"
    assert Verdict(CecStatus.ELIGIBLE_LATER).label == "Eligible on a later date"


def test_incomplete_facts_are_read_as_problems_said_where_they_are_asked():
    evaluation = read_evaluation({"problems": [
        "birth_date: required",
        "jobs[0].hours_per_week: must be between 1 and 168",
        "as_of: before 2022-11-16",
    ]})
    assert not evaluation.complete
    assert evaluation.verdict.status == CecStatus.INCOMPLETE
    assert evaluation.problems == (
        Problem("birth_date", "required", "about", "About you: your date of birth is missing"),
        Problem("jobs[0].hours_per_week", "must be between 1 and 168", "work_canada",
                "Work — must be between 1 and 168"),
        Problem("as_of", "before 2022-11-16", "", "as_of: before 2022-11-16"),
    )


def test_a_result_stored_without_row_ids_is_read_from_a_fresh_evaluation(db):
    applicant = ApplicantFactory()
    job = JobFactory(applicant=applicant)
    LanguageTestFactory(applicant=applicant)
    evaluation = applicant_reevaluate(applicant=applicant)
    old_style = {key: value for key, value in evaluation.stored.items() if key != ROW_IDS}
    Applicant.objects.filter(pk=applicant.pk).update(evaluation=old_style)
    applicant.refresh_from_db()
    assert stored_evaluation(applicant).result.jobs[0].job_id is None
    assert current_evaluation(applicant=applicant).result.job(job.pk) is not None


def test_the_stored_columns_come_from_the_reading(db):
    applicant = ApplicantFactory()
    LanguageTestFactory(applicant=applicant)
    JobFactory(applicant=applicant, start=timezone.localdate() - timedelta(days=200),
               hours_per_week=Decimal("40"))
    evaluation = applicant_reevaluate(applicant=applicant)
    applicant.refresh_from_db()
    assert applicant.cec_status == evaluation.verdict.status == CecStatus.ELIGIBLE_LATER
    assert applicant.cec_eligible_on == evaluation.verdict.eligible_on > timezone.localdate()
    assert applicant.qualifying_hours == evaluation.result.qualifying_hours
    assert applicant.crs_total == evaluation.result.crs.total
