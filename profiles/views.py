from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from eligibility.draws.chances import chances_for
from profiles.enums import Person
from profiles.evaluation import current_evaluation, improvements_for, openings_for
from profiles.selectors import applicant_with_facts, duty_checks_for


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "home.html")


@login_required
def result(request: HttpRequest) -> HttpResponse:
    """The full explanation: every requirement, every CRS line, and how to raise the score."""
    applicant = applicant_with_facts(user=request.user)
    evaluation = current_evaluation(applicant=applicant)
    principal_jobs = [job for job in applicant.jobs.all() if job.person == Person.PRINCIPAL]
    by_id = {job.pk: job for job in principal_jobs}
    # Each job the engine counted, with its row (found by id, never by position).
    job_rows = (
        [(by_id.get(counted.job_id), counted) for counted in evaluation.result.jobs]
        if evaluation.complete else []
    )
    return render(
        request,
        "profiles/result.html",
        {
            "applicant": applicant,
            "evaluation": evaluation,
            "job_rows": job_rows,
            "improvements": improvements_for(applicant=applicant),
            "openings": openings_for(applicant=applicant),
            "chances": (
                chances_for(result=evaluation.result, on=evaluation.result.as_of)
                if evaluation.complete else None
            ),
            "duty_checks": duty_checks_for(
                jobs=[job for job in principal_jobs if job.country == "CA"]
            ),
        },
    )


@require_http_methods(["GET", "HEAD"])
def health(request: HttpRequest) -> HttpResponse:
    """A liveness check for the load balancer; also the framework's floor in bench/."""
    return HttpResponse("ok", content_type="text/plain")
