"""Reads of applicant data. Ownership is checked here, so no view can forget it."""

import functools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Min, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from eligibility.compiled import CompiledQuery
from eligibility.models import UnitGroup
from profiles.enums import Person, work_authorized
from profiles.models import Applicant, Education, Job, LanguageTest, Spouse, User

if TYPE_CHECKING:
    from eligibility.noc.matching import DutyCoverage, DutyMatch


def applicant_for_user(*, user: User) -> Applicant:
    """The signed-in person's own applicant record; 404 for anyone without one.

    Read with the account when the request signed it in (``accounts.backends``), so it is the
    record as the request began, and the same object as ``user.applicant``; anything else that
    stands there (a record not stored, or not this account's) is read again."""
    try:
        applicant = user.applicant
    except Applicant.DoesNotExist as exc:
        raise Http404 from exc
    if applicant.pk is None or applicant.user_id != user.pk:
        return get_object_or_404(Applicant, user=user)
    return applicant


def applicant_with_facts(*, user: User) -> Applicant:
    """The user's applicant with every fact row loaded in a fixed number of queries."""
    queryset = Applicant.objects.select_related("spouse", "user").prefetch_related(
        Prefetch("education", queryset=Education.objects.order_by("id")),
        Prefetch("language_tests", queryset=LanguageTest.objects.order_by("id")),
        Prefetch("jobs", queryset=Job.objects.order_by("start", "id")),
    )
    return get_object_or_404(queryset, user=user)


def earliest_dated_fact(*, applicant: Applicant) -> date | None:
    """The earliest date among the person's own jobs, tests and credential assessments (their
    spouse's rows are not theirs): their date of birth cannot come after it."""
    if applicant.pk is None:
        return None
    dates = [
        model.objects.filter(applicant=applicant, person=Person.PRINCIPAL)
        .aggregate(first=Min(field))["first"]
        for model, field in ((Job, "start"), (LanguageTest, "taken_on"), (Education, "eca_date"))
    ]
    return min((day for day in dates if day is not None), default=None)


def _number(value: Decimal) -> int | float:
    # JSON numbers: whole values as integers (40, 7), others as the exact decimal they hold
    # (6.5, 37.5); scores have at most one decimal place and hours two, so float is exact
    # enough to round-trip through the engine's parser.
    return int(value) if value == value.to_integral_value() else float(value)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _education(rows) -> list[dict]:
    return [{"level": row.level, "canadian": row.canadian} for row in rows]


def _tests(rows) -> list[dict]:
    return [
        {
            "test": row.test,
            "taken_on": _iso(row.taken_on),
            "listening": _number(row.listening),
            "reading": _number(row.reading),
            "writing": _number(row.writing),
            "speaking": _number(row.speaking),
        }
        for row in rows
    ]


def _jobs(rows) -> list[dict]:
    return [
        {
            "noc": row.noc,
            "country": str(row.country),
            "start": _iso(row.start),
            "end": _iso(row.end),
            "hours_per_week": _number(row.hours_per_week),
            "paid": row.paid,
            "self_employed": row.self_employed,
            "full_time_student": row.full_time_student,
            "authorized": work_authorized(row.permit_type),
            "physician_fee_for_service": row.physician_fee_for_service,
        }
        for row in rows
    ]


# What the facts read of the applicant and of their spouse's record (``facts_from_rows``): a
# batch reads only these, and the stored columns it compares.
APPLICANT_FACT_FIELDS = (
    "birth_date", "marital_status", "intended_province", "certificate_of_qualification",
    "provincial_nomination", "sibling_in_canada", "job_offer_noc",
)
SPOUSE_FACT_FIELDS = ("accompanying", "canadian_citizen_or_pr")

# What the facts read of each kind of row, besides ``pk`` and ``person``: a batch
# (profiles.reevaluation) reads only these, as plain values, rather than whole model instances.
FACT_COLUMNS = {
    Education: ("level", "canadian"),
    LanguageTest: ("test", "taken_on", "listening", "reading", "writing", "speaking"),
    Job: (
        "noc", "country", "start", "end", "hours_per_week", "paid", "self_employed",
        "full_time_student", "permit_type", "physician_fee_for_service",
    ),
}


def fact_rows(model, **where) -> list:
    """The rows of ``model`` that match ``where``, in the model's order, as plain values of what
    the facts read (``FACT_COLUMNS``, with ``pk``, ``applicant_id`` and ``person``): no model
    instances to build for rows that are only read (a re-evaluation's batches)."""
    return list(_fact_rows_query(model, **where))


def _fact_rows_query(model, **where):
    return model.objects.filter(**where).values_list(
        "pk", "applicant_id", "person", *FACT_COLUMNS[model], named=True
    )


# One applicant's rows, read on every save: their SQL is built once per process.
_APPLICANT_FACT_ROWS = {
    model: CompiledQuery(
        lambda applicant_id, model=model: _fact_rows_query(model, applicant_id=applicant_id),
        int,
    )
    for model in FACT_COLUMNS
}


def applicant_fact_rows(applicant: Applicant) -> "ApplicantRows":
    """One applicant's rows as ``fact_rows`` reads them."""
    return ApplicantRows(
        education=_APPLICANT_FACT_ROWS[Education](applicant.pk),
        tests=_APPLICANT_FACT_ROWS[LanguageTest](applicant.pk),
        jobs=_APPLICANT_FACT_ROWS[Job](applicant.pk),
    )


@dataclass(frozen=True)
class RowIds:
    """The rows behind the engine's indexes: ``jobs[i]`` and ``language_tests[i]`` of the facts
    are the rows ``jobs[i]`` and ``language_tests[i]`` here (the principal applicant's)."""

    jobs: tuple[int, ...]
    language_tests: tuple[int, ...]

    def as_json(self) -> dict:
        return {"jobs": list(self.jobs), "language_tests": list(self.language_tests)}


@dataclass(frozen=True)
class ApplicantRows:
    """An applicant's education, language tests and jobs (both people's), in the models'
    order; batch readers fetch them for many applicants at once instead of per applicant."""

    education: list
    tests: list
    jobs: list


@dataclass(frozen=True)
class SpouseRows:
    """The spouse's record and rows, for ``facts_from_rows``."""

    record: "Spouse | None"
    education: list
    tests: list
    jobs: list


def facts_from_rows(
    *, applicant: Applicant, education: list, tests: list, jobs: list,
    spouse: SpouseRows | None = None, as_of: date | None = None,
) -> dict:
    """The facts JSON of ``shared/spec/facts.md`` from an applicant and their rows (the
    principal's), stored or not: ``facts_and_row_ids`` reads them from the database, the quick
    check builds them from its answers without storing anything."""
    spouse_facts = None
    if applicant.has_spouse:
        record = spouse.record if spouse else None
        spouse_facts = {
            "accompanying": record.accompanying if record else True,
            "canadian_citizen_or_pr": record.canadian_citizen_or_pr if record else False,
            "education": _education(spouse.education if spouse else []),
            "language_tests": _tests(spouse.tests if spouse else []),
            "jobs": _jobs(spouse.jobs if spouse else []),
        }
    return {
        "as_of": _iso(as_of or timezone.localdate()),
        "birth_date": _iso(applicant.birth_date),
        "marital_status": applicant.marital_status or None,
        "spouse": spouse_facts,
        "intended_province": applicant.intended_province or None,
        "education": _education(education),
        "language_tests": _tests(tests),
        "jobs": _jobs(jobs),
        "certificate_of_qualification": applicant.certificate_of_qualification,
        "provincial_nomination": applicant.provincial_nomination,
        "sibling_in_canada": applicant.sibling_in_canada,
        "job_offer": {"noc": applicant.job_offer_noc} if applicant.job_offer_noc else None,
    }


def facts_and_row_ids(
    *, applicant: Applicant, as_of: date | None = None, rows: ApplicantRows | None = None
) -> tuple[dict, RowIds]:
    """The applicant's rows as the facts JSON of ``shared/spec/facts.md``, and which row each
    job and test of the facts is.

    This is the one bridge between the database and the rules engine: the questionnaire, the
    admin and the batch commands all evaluate what this returns. Missing answers stay ``None``
    so the engine's parser says which ones are missing. The engine's result numbers jobs and
    tests by their place in these facts; the row ids say which row that is, so nothing else
    depends on the order of the rows.
    """
    def mine(rows, person):
        return [row for row in rows if row.person == person]

    if rows is None:
        prefetched = getattr(applicant, "_prefetched_objects_cache", {})
        if all(name in prefetched for name in ("education", "language_tests", "jobs")):
            # Rows prefetched with the applicant (applicant_with_facts) are not read again.
            rows = ApplicantRows(
                education=list(applicant.education.all()),
                tests=list(applicant.language_tests.all()),
                jobs=list(applicant.jobs.all()),
            )
        else:
            rows = applicant_fact_rows(applicant)
    education, tests, jobs = rows.education, rows.tests, rows.jobs
    principal_tests = mine(tests, Person.PRINCIPAL)
    principal_jobs = mine(jobs, Person.PRINCIPAL)
    spouse_rows = None
    if applicant.has_spouse:
        spouse_rows = SpouseRows(
            record=getattr(applicant, "spouse", None),
            education=mine(education, Person.SPOUSE),
            tests=mine(tests, Person.SPOUSE),
            jobs=mine(jobs, Person.SPOUSE),
        )
    facts = facts_from_rows(
        applicant=applicant, education=mine(education, Person.PRINCIPAL),
        tests=principal_tests, jobs=principal_jobs, spouse=spouse_rows, as_of=as_of,
    )
    row_ids = RowIds(
        jobs=tuple(row.pk for row in principal_jobs),
        language_tests=tuple(row.pk for row in principal_tests),
    )
    return facts, row_ids


def facts_for_applicant(*, applicant: Applicant, as_of: date | None = None) -> dict:
    """The applicant's rows as the facts JSON (see ``facts_and_row_ids``)."""
    return facts_and_row_ids(applicant=applicant, as_of=as_of)[0]


@dataclass(frozen=True)
class DutyCheck:
    """A job's duties, as the person wrote them, against its NOC unit group's main duties."""

    job: Job
    coverage: "DutyCoverage | None"  # None: the code is not in the catalogue
    best_matches: tuple["DutyMatch", ...]


def duty_checks_for(*, jobs) -> list[DutyCheck]:
    """For each job with duties written: which main duties they cover, and the closest codes.

    The comparison only informs; a person confirms the match (IRPR 87.1(2)(b)(c) asks for the
    lead statement and a substantial number of the main duties, including the essential ones).
    """
    # Imported here: the matcher loads scikit-learn, which no other page or command needs.
    from eligibility.noc.matching import duty_coverage, match_duties

    return [
        DutyCheck(
            job=job,
            coverage=duty_coverage(job.duties, job.noc),
            best_matches=tuple(match_duties(job.duties, limit=3)),
        )
        for job in jobs
        if job.duties.strip()
    ]


def known_noc_codes(codes: set[str]) -> set[str]:
    """Those of ``codes`` that are NOC 2021 unit groups, in one query.

    While no catalogue is loaded (a fresh development database) every code passes here; the
    rules engine still refuses a code whose TEER digit is not 0 to 5.
    """
    if not codes:
        return set()
    if len(codes) <= MOST_CODES_AT_ONCE:
        found = set(_known_codes_query(len(codes))(*sorted(codes)))
    else:
        found = set(UnitGroup.objects.filter(code__in=codes).values_list("code", flat=True))
    if found != codes and not UnitGroup.objects.exists():
        return set(codes)
    return found


# A step holds at most 20 jobs, so at most 20 codes are checked at once: the SQL for each count
# is built once per process (for more, it is built each time).
MOST_CODES_AT_ONCE = 20


@functools.cache
def _known_codes_query(count: int) -> CompiledQuery:
    return CompiledQuery(
        lambda *codes: UnitGroup.objects.filter(code__in=codes).values_list("code", flat=True),
        *[str] * count,
    )
