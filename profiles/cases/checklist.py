"""The document checklist for the application (step 3), built from the person's facts.

``checklist_for`` lists what to upload (``shared/rules/process.md``, "Step 3"): a reference
letter for each Canadian job the rules engine counted, work permits, test results, passport,
police certificates, credentials and ECAs, the spouse's documents, sibling and nomination proof
when claimed, and billing records instead of a letter for a fee-for-service physician. Which
jobs count is read from the engine's result, never decided here.

Each entry has a stable ``key`` so that rebuilding the checklist keeps what was uploaded.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _lazy
from django_countries import countries

from eligibility.rules.language import TEST_LABELS
from profiles.models import Applicant, EducationLevel, Job, MaritalStatus, Person


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str
    subject: str = ""


@dataclass(frozen=True)
class Description:
    title: str
    detail: str


REFERENCE_LETTER_DETAIL = _lazy(
    "On company letterhead with the company's address, phone number and email; signed by your "
    "supervisor or HR with their name and title; your name; and for each position held: job "
    "title, main duties (matching the NOC lead statement and main duties), start and end "
    "dates, hours per week, annual salary and benefits."
)

# kind → (title, instructions). "%(subject)s" is the job, test, credential or country.
KINDS: dict[str, tuple[str, str]] = {
    "reference_letter": (
        _lazy("Employment reference letter: %(subject)s"),
        REFERENCE_LETTER_DETAIL,
    ),
    "physician_billing": (
        _lazy("Billing and payment records: %(subject)s"),
        _lazy(
            "As a self-employed, publicly funded fee-for-service physician you prove this work "
            "with billing and payment records from the province instead of a reference letter."
        ),
    ),
    "work_proof": (
        _lazy("Proof of Canadian work"),
        _lazy(
            "T4 slips, CRA notices of assessment, pay stubs or employment contracts that support "
            "the reference letters."
        ),
    ),
    "work_permits": (
        _lazy("Work permits"),
        _lazy("Every work permit covering the periods of Canadian work counted: %(subject)s."),
    ),
    "language_result": (
        _lazy("Language test result: %(subject)s"),
        _lazy("The test report form; it must still be valid on the day you submit."),
    ),
    "passport": (
        _lazy("Passport"),
        _lazy("Every page with a stamp, visa or personal details."),
    ),
    "photo": (
        _lazy("Digital photo"),
        _lazy("A recent photo that meets IRCC's photo specifications."),
    ),
    "police_certificate": (
        _lazy("Police certificate: %(subject)s"),
        _lazy(
            "A police certificate from each country where you lived 6 months or more since "
            "age 18 — add any country not listed here."
        ),
    ),
    "education_canadian": (
        _lazy("Canadian credential: %(subject)s"),
        _lazy("The diploma, certificate or degree, and the transcripts."),
    ),
    "education_eca": (
        _lazy("Foreign credential and its ECA report: %(subject)s"),
        _lazy(
            "The diploma or degree, and the Educational Credential Assessment report "
            "(less than 5 years old)."
        ),
    ),
    "marriage_certificate": (
        _lazy("Marriage certificate"),
        _lazy("The marriage certificate."),
    ),
    "common_law_proof": (
        _lazy("Proof of common-law relationship"),
        _lazy(
            "Proof of at least 12 months living together: a joint lease, shared bills, the "
            "statutory declaration of common-law union (IMM 5409)."
        ),
    ),
    "spouse_passport": (
        _lazy("Spouse or partner: passport"),
        _lazy("Every page with a stamp, visa or personal details."),
    ),
    "spouse_language_result": (
        _lazy("Spouse or partner: language test result: %(subject)s"),
        _lazy("The test report form, if the test is claimed for points."),
    ),
    "spouse_education": (
        _lazy("Spouse or partner: credential: %(subject)s"),
        _lazy(
            "The diploma or degree; for a credential from outside Canada, its ECA report."
        ),
    ),
    "spouse_reference_letter": (
        _lazy("Spouse or partner: employment reference letter: %(subject)s"),
        REFERENCE_LETTER_DETAIL,
    ),
    "sibling_proof": (
        _lazy("Sibling in Canada"),
        _lazy(
            "Proof that your brother or sister is a Canadian citizen or permanent resident "
            "living in Canada, and birth certificates showing you share a parent."
        ),
    ),
    "nomination_certificate": (
        _lazy("Provincial nomination certificate"),
        _lazy("The nomination certificate from the province or territory."),
    ),
    "certificate_of_qualification": (
        _lazy("Certificate of qualification in a trade"),
        _lazy("The certificate issued by the province, territory or federal authority."),
    ),
}


# Their subject is an education level's code, shown as its label in the reader's language.
EDUCATION_KINDS = ("education_canadian", "education_eca", "spouse_education")


def describe(kind: str, subject: str) -> Description:
    """The item's title and instructions, in the active language."""
    title, detail = KINDS.get(kind, (kind, ""))
    shown = subject
    if kind == "police_certificate":
        shown = str(countries.name(subject)) or subject
    elif kind in EDUCATION_KINDS and subject in EducationLevel.values:
        shown = str(EducationLevel(subject).label)
    return Description(
        title=str(title) % {"subject": shown}, detail=str(detail) % {"subject": shown}
    )


def _job_subject(job: Job) -> str:
    what = " — ".join(part for part in (job.title or job.noc, job.employer) if part)
    end = job.end.isoformat() if job.end else "…"
    return f"{what} ({job.start.isoformat()} – {end})"


def _counted_job_indexes(evaluation: dict | None, jobs: list[Job]) -> set[int]:
    """Indexes (in facts order) of the jobs the engine counted; all Canadian ones without a
    result."""
    if evaluation is None:
        return {index for index, job in enumerate(jobs) if str(job.country) == "CA"}
    return {
        entry["index"]
        for entry in evaluation["cec"]["jobs"]
        if entry["counted_hours"] > 0 and entry["excluded"] is None
    }


def _valid_test_indexes(evaluation: dict | None, count: int) -> set[int]:
    if evaluation is None:
        return set(range(count))
    return {index for index, test in enumerate(evaluation["language"]) if test["valid"]}


def checklist_for(*, applicant: Applicant, evaluation: dict | None) -> list[Entry]:
    """The documents to upload, in the order a person gathers them.

    ``evaluation`` is the engine's result JSON for the ITA date; its ``cec.jobs`` and
    ``language`` entries follow the order of ``facts_for_applicant``, which is the order of the
    applicant's rows below.
    """
    def mine(rows, person):
        return [row for row in rows if row.person == person]

    jobs = list(applicant.jobs.all())
    tests = list(applicant.language_tests.all())
    education = list(applicant.education.all())
    principal_jobs = mine(jobs, Person.PRINCIPAL)
    principal_tests = mine(tests, Person.PRINCIPAL)

    entries: list[Entry] = []
    counted = [
        job for index, job in enumerate(principal_jobs)
        if index in _counted_job_indexes(evaluation, principal_jobs)
    ]
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

    valid = _valid_test_indexes(evaluation, len(principal_tests))
    for index, test in enumerate(principal_tests):
        if index in valid:
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

