"""The document checklist for the application (step 3), built from the person's facts.

``checklist_for`` lists what to upload (``shared/rules/process.md``, "Step 3"): a reference
letter for each Canadian job the rules engine counted, work permits, test results, passport,
police certificates (the spouse's too), credentials and ECAs, the spouse's documents, sibling
and nomination proof when claimed, and billing records instead of a letter for a
fee-for-service physician. Which jobs count is read from the engine's result, never decided
here.

Each entry has a stable ``key`` so that rebuilding the checklist keeps what was uploaded.
"""

from dataclasses import dataclass

from eligibility.rules.language import TEST_LABELS
from profiles.enums import MaritalStatus, Person
from profiles.models import Applicant, Job
from profiles.reading import Result


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str
    subject: str = ""


def _job_subject(job: Job) -> str:
    what = " — ".join(part for part in (job.title or job.noc, job.employer) if part)
    end = job.end.isoformat() if job.end else "…"
    return f"{what} ({job.start.isoformat()} – {end})"


def checklist_for(*, applicant: Applicant, result: Result | None) -> list[Entry]:
    """The documents to upload, in the order a person gathers them.

    ``result`` is the engine's result for the ITA date (None while the answers are
    incomplete: then every Canadian job and every test is listed). Which jobs were counted and
    which tests are valid it says by row id.
    """
    def mine(rows, person):
        return [row for row in rows if row.person == person]

    jobs = list(applicant.jobs.all())
    tests = list(applicant.language_tests.all())
    education = list(applicant.education.all())
    principal_jobs = mine(jobs, Person.PRINCIPAL)
    principal_tests = mine(tests, Person.PRINCIPAL)

    entries: list[Entry] = []
    if result is None:
        counted = [job for job in principal_jobs if str(job.country) == "CA"]
        valid_tests = principal_tests
    else:
        counted_ids, valid_ids = result.counted_job_ids, result.valid_test_ids
        counted = [job for job in principal_jobs if job.pk in counted_ids]
        valid_tests = [test for test in principal_tests if test.pk in valid_ids]
    for job in counted:
        kind = "physician_billing" if job.physician_fee_for_service else "reference_letter"
        entries.append(Entry(f"{kind}:job:{job.pk}", kind, _job_subject(job)))
    if counted:
        entries.append(Entry("work_proof", "work_proof"))
        periods = "; ".join(
            f"{job.start.isoformat()} – {job.end.isoformat() if job.end else '…'}"
            for job in counted
        )
        entries.append(Entry("work_permits", "work_permits", periods))

    for test in valid_tests:
        subject = f"{TEST_LABELS[test.test]}, {test.taken_on.isoformat()}"
        entries.append(Entry(f"language_result:test:{test.pk}", "language_result", subject))

    entries.append(Entry("passport", "passport"))
    entries.append(Entry("photo", "photo"))

    # Canada (where the person works now) and every other country they worked in.
    police_countries = ["CA"] + sorted(
        {str(job.country) for job in principal_jobs if str(job.country) != "CA"}
    )
    for code in police_countries:
        entries.append(Entry(f"police_certificate:{code}", "police_certificate", code))

    for row in mine(education, Person.PRINCIPAL):
        kind = "education_canadian" if row.canadian else "education_eca"
        entries.append(Entry(f"{kind}:education:{row.pk}", kind, row.level))

    if applicant.has_spouse:
        relationship = (
            "marriage_certificate"
            if applicant.marital_status == MaritalStatus.MARRIED
            else "common_law_proof"
        )
        entries.append(Entry(relationship, relationship))
        entries.append(Entry("spouse_passport", "spouse_passport"))
        # Canada, where the couple lives now, and every other country the spouse worked in.
        spouse_countries = ["CA"] + sorted(
            {str(job.country) for job in mine(jobs, Person.SPOUSE) if str(job.country) != "CA"}
        )
        for code in spouse_countries:
            entries.append(Entry(f"spouse_police_certificate:{code}",
                                 "spouse_police_certificate", code))
        for test in mine(tests, Person.SPOUSE):
            subject = f"{TEST_LABELS[test.test]}, {test.taken_on.isoformat()}"
            entries.append(
                Entry(f"spouse_language_result:test:{test.pk}", "spouse_language_result",
                      subject)
            )
        for row in mine(education, Person.SPOUSE):
            entries.append(
                Entry(f"spouse_education:education:{row.pk}", "spouse_education",
                      row.level)
            )
        for job in mine(jobs, Person.SPOUSE):
            if str(job.country) == "CA":
                entries.append(
                    Entry(f"spouse_reference_letter:job:{job.pk}", "spouse_reference_letter",
                          _job_subject(job))
                )

    if applicant.sibling_in_canada:
        entries.append(Entry("sibling_proof", "sibling_proof"))
    if applicant.provincial_nomination:
        entries.append(Entry("nomination_certificate", "nomination_certificate"))
    if applicant.certificate_of_qualification:
        entries.append(Entry("certificate_of_qualification", "certificate_of_qualification"))
    return entries

