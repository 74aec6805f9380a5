"""The public history of Express Entry rounds, with where a signed-in applicant's score stands.

Eligibility knows rounds, not people: the person's score comes from ``score_of``, which the
project's root URLconf hands to the view (``profiles.evaluation.crs_of_user``), so this app
imports nothing above it.
"""

from collections.abc import Callable

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from eligibility.draws import selectors, standing
from eligibility.models import RoundCategory

ROUNDS_PER_PAGE = 50


@require_GET
def rounds(
    request: HttpRequest, score_of: Callable[..., int | None] | None = None
) -> HttpResponse:
    """Every round, newest first, filtered by type; for an applicant, their CRS today against
    the last cut-offs and the pool (``score_of(user=...)``: None without a score)."""
    category = request.GET.get("category") or ""
    if category not in RoundCategory.values:
        category = ""
    page = Paginator(selectors.rounds_page(category=category or None), ROUNDS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    crs = score_of(user=request.user) if score_of is not None else None
    return render(
        request,
        "eligibility/rounds.html",
        {
            "page": page,
            "category": category,
            "categories": RoundCategory.choices,
            "standing": standing.standing_for(crs=crs),
        },
    )
