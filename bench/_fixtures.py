"""What the benches set up alike: the applicant at the work step with three jobs and a test,
the body of that step's save, and the quick check's registered nurse."""

from datetime import date
from decimal import Decimal

# A registered nurse in Ontario since 2023 with IELTS at CLB 9: CEC-eligible, healthcare.
NURSE_ANSWERS = {
    "about-birth_date": "1994-03-10", "about-marital_status": "single",
    "about-intended_province": "ON", "spouse-accompanying": "on",
    "education-level": "bachelors", "education-canadian": "on",
    "test-test": "ielts_general", "test-taken_on": "2025-06-14", "test-listening": "8.5",
    "test-reading": "8", "test-writing": "7.5", "test-speaking": "7.5",
    "job-title": "Registered nurse", "job-noc": "31301", "job-start": "2023-01-09",
    "job-hours_per_week": "37.5", "job-paid": "on", "job-permit_type": "pgwp",
    "abroad-paid": "on", "check": "",
}


def applicant_with_three_jobs(email: str):
    """A new account (any earlier one with ``email`` removed) whose applicant has answered the
    steps before the work step, with three jobs as a developer and an IELTS test. Returns
    (user, applicant). Django must be set up."""
    from profiles.models import Applicant, Job, LanguageTest, User
    from profiles.services import applicant_sign_up

    User.objects.filter(email=email).delete()
    user = applicant_sign_up(email=email, password="bench-password-2026-x")
    applicant = Applicant.objects.get(user=user)
    Applicant.objects.filter(pk=applicant.pk).update(
        birth_date=date(1995, 5, 5), marital_status="single", intended_province="ON"
    )
    LanguageTest.objects.create(applicant=applicant, test="ielts_general",
                                taken_on=date(2026, 3, 1), listening=Decimal(8),
                                reading=Decimal(7), writing=Decimal(7), speaking=Decimal(7))
    for start in (date(2022, 1, 3), date(2023, 6, 1), date(2024, 9, 2)):
        Job.objects.create(applicant=applicant, noc="21232", country="CA", province="ON",
                           start=start,
                           end=None if start.year == 2024 else date(start.year, 12, 31),
                           hours_per_week=Decimal(40), employer="Bench Co", title="Developer",
                           permit_type="pgwp")
    return user, Applicant.objects.get(pk=applicant.pk)


def work_step_body(applicant) -> dict:
    """The work step's form as the browser sends it when the three jobs are saved unchanged
    (``in_place``: the page shows the step without errors, so the save answers with only what
    it changed)."""
    body = {"jobs-TOTAL_FORMS": "3", "jobs-INITIAL_FORMS": "3", "jobs-MIN_NUM_FORMS": "0",
            "jobs-MAX_NUM_FORMS": "1000", "action": "save", "in_place": "1"}
    for i, job in enumerate(applicant.jobs.order_by("id")):
        body.update({
            f"jobs-{i}-id": str(job.pk), f"jobs-{i}-employer": job.employer,
            f"jobs-{i}-title": job.title, f"jobs-{i}-noc": job.noc, f"jobs-{i}-province": "ON",
            f"jobs-{i}-start": job.start.isoformat(),
            f"jobs-{i}-end": job.end.isoformat() if job.end else "",
            f"jobs-{i}-hours_per_week": "40", f"jobs-{i}-paid": "on",
            f"jobs-{i}-permit_type": "pgwp",
        })
    return body
