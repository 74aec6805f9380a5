"""The consultant's own page outside the admin: "my work"."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from consultants.work import my_work
from profiles.roles import CONSULTANT


@login_required
@require_GET
def my_work_page(request: HttpRequest) -> HttpResponse:
    """Deadlines in the next 14 days, documents to review, unread messages and expiries across
    the consultant's own clients (only consultants; the list reads their clients only)."""
    if not request.user.groups.filter(name=CONSULTANT).exists():
        raise PermissionDenied
    return render(request, "consultants/my_work.html",
                  {"work": my_work(consultant=request.user)})
