"""One evaluation: facts → CEC requirements, CRS score, categories, language, ruleset used."""

from collections.abc import Mapping
from datetime import date

from eligibility.rules.categories import CategoriesNote, CategoryResult, evaluate_categories
from eligibility.rules.cec import CecResult, JobCount, Requirement, evaluate_cec
from eligibility.rules.crs import CrsResult, Line, crs_inputs, score
from eligibility.rules.facts import Facts
from eligibility.rules.frozen import frozen
from eligibility.rules.language import ABILITIES, TEST_LABELS, LanguageResult, read_test
from eligibility.rules.reasons import said
from eligibility.rules.rulesets import Ruleset, disclaimer, ruleset_for
from eligibility.rules.work import CanadianWork

TEST_VALID = "Valid until {until}"
TEST_EXPIRED = "Expired on {until}"
TEST_TAKEN_LATER = "Taken after {on}: not yet a result on that date"


@frozen
class Result:
    as_of: date
    ruleset: Ruleset
    language: tuple[LanguageResult, ...]  # one per test, in input order
    cec: CecResult
    crs: CrsResult
    spouse_language: tuple[LanguageResult, ...] = ()
    # categories.md §4: one per category in force, in its order; () before 2026-02-18.
    categories: tuple[CategoryResult, ...] = ()
    categories_note: CategoriesNote | None = None

    @property
    def disclaimer(self) -> str:
        return disclaimer(self.ruleset)


def evaluate(facts: Facts, *, noc_titles: Mapping[str, str] | None = None) -> Result:
    """Evaluate ``facts`` on ``facts.as_of``. ``noc_titles`` (NOC code → English title), when
    given, names occupations in the categories' reasons; without it they are named by code."""
    on = facts.as_of
    ruleset = ruleset_for(on)
    tests = tuple(read_test(test, i, on) for i, test in enumerate(facts.language_tests))
    work = CanadianWork.of(facts.jobs, ruleset)
    spouse_tests: tuple[LanguageResult, ...] = ()
    spouse_work = None
    if facts.spouse is not None:
        spouse_tests = tuple(
            read_test(test, i, on) for i, test in enumerate(facts.spouse.language_tests)
        )
        spouse_work = CanadianWork.of(facts.spouse.jobs, ruleset)
    cec = evaluate_cec(facts, tests, ruleset, work)
    crs = score(crs_inputs(facts, tests, work, spouse_tests, spouse_work), ruleset)
    categories, categories_note = evaluate_categories(facts, tests, ruleset, work, cec, noc_titles)
    return Result(
        as_of=on, ruleset=ruleset, language=tests, cec=cec, crs=crs, spouse_language=spouse_tests,
        categories=categories, categories_note=categories_note,
    )


def _test_json(test: LanguageResult, on: date) -> dict:
    if test.taken_on > on:
        note = TEST_TAKEN_LATER.format(on=on)
    elif test.valid:
        note = TEST_VALID.format(until=test.valid_until)
    else:
        note = TEST_EXPIRED.format(until=test.valid_until)
    return {
        "test": test.test,
        "taken_on": test.taken_on.isoformat(),
        "valid_until": test.valid_until.isoformat(),
        "valid": test.valid,
        "clb": dict(zip(ABILITIES, test.clb, strict=True)),
        "label": TEST_LABELS[test.test],
        "expires": note,
    }


def result_to_json(result: Result) -> dict:
    """The result object of ``shared/spec/facts.md`` (its keys, plus a few explanatory ones)."""
    cec, crs, on = result.cec, result.crs, result.as_of
    return {
        "as_of": on.isoformat(),
        "ruleset": result.ruleset.name,
        "disclaimer": result.disclaimer,
        "language": [_test_json(test, on) for test in result.language],
        "cec": {
            "eligible": cec.eligible,
            "needs_review": cec.needs_review,
            "qualifying_hours": cec.qualifying_hours,
            "eligible_on": cec.eligible_on.isoformat() if cec.eligible_on else None,
            "requirements": [_requirement_json(item) for item in cec.requirements],
            "jobs": [_job_json(job) for job in cec.jobs],
            "window": [cec.window[0].isoformat(), cec.window[1].isoformat()],
        },
        "crs": {
            "total": crs.total,
            "core": crs.core,
            "spouse": crs.spouse,
            "transferability": crs.transferability,
            "additional": crs.additional,
            "lines": [_line_json(line) for line in crs.lines],
            "with_spouse": crs.with_spouse,
            "first_language": crs.first_language,
        },
        "categories": [entry.to_json() for entry in result.categories],
        "categories_note": _note_json(result.categories_note),
    }


def _requirement_json(item: Requirement) -> dict:
    reason, params = said(item.why)
    return {
        "code": item.code,
        "met": item.met,
        "reason": reason,
        "reason_code": item.why.code,
        "reason_params": params,
    }


def _job_json(job: JobCount) -> dict:
    why = job.excluded_why
    if why is None:
        excluded = code = params = None
    else:
        (excluded, params), code = said(why), why.code
    return {
        "index": job.index,
        "counted_hours": job.counted_hours,
        "excluded": excluded,
        "excluded_code": code,
        "excluded_params": params,
        "capped": job.capped,
    }


def _line_json(line: Line) -> dict:
    detail, params = said(line.why)
    return {
        "factor": line.factor,
        "points": line.points,
        "detail": detail,
        "detail_code": line.why.code,
        "detail_params": params,
    }


def _note_json(note: CategoriesNote | None) -> dict | None:
    if note is None:
        return None
    return {
        "reason": note.reason,
        "reason_code": note.reason_code,
        "reason_params": note.reason_params.copy(),
    }
