from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from profiles.cases.selectors import case_summary_for
from profiles.evaluation import current_evaluation, improvements_for
from profiles.models import Person
from profiles.questionnaire.steps import progress
from profiles.selectors import applicant_for_user, applicant_with_facts, duty_checks_for


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    applicant = applicant_for_user(user=request.user)
    done, total = progress(applicant)
    context = {
        "applicant": applicant,
        "progress_done": done,
        "progress_total": total,
        "evaluation": current_evaluation(applicant=applicant),
        "case_summary": case_summary_for(applicant=applicant),
    }
    return render(request, "profiles/dashboard.html", context)


@login_required
def result(request: HttpRequest) -> HttpResponse:
    """The full explanation: every requirement, every CRS line, and how to raise the score."""
    applicant = applicant_with_facts(user=request.user)
    evaluation = current_evaluation(applicant=applicant)
    jobs = list(applicant.jobs.all())
    principal_jobs = [job for job in jobs if job.person == Person.PRINCIPAL]
    job_rows = []
    if evaluation.complete:
        for entry in evaluation.result["cec"]["jobs"]:
            job = principal_jobs[entry["index"]] if entry["index"] < len(principal_jobs) else None
            job_rows.append((job, entry))
    return render(
        request,
        "profiles/result.html",
        {
            "applicant": applicant,
            "evaluation": evaluation,
            "job_rows": job_rows,
            "improvements": improvements_for(applicant=applicant),
            "duty_checks": duty_checks_for(
                jobs=[job for job in principal_jobs if job.country == "CA"]
            ),
        },
    )


@require_http_methods(["GET", "HEAD"])
def health(request: HttpRequest) -> HttpResponse:
    """A liveness check for the load balancer; also the framework's floor in bench/."""
    return HttpResponse("ok", content_type="text/plain")
