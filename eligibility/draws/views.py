"""The public history of Express Entry rounds, with where a signed-in applicant's score stands.

Eligibility knows rounds, not people: the person's score comes from ``score_of``, which the
project's root URLconf hands to the view (``profiles.evaluation.crs_of_user``), so this app
imports nothing above it.
"""

from collections.abc import Callable
from datetime import date

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from eligibility.draws import selectors, standing
from eligibility.draws.chances import chart_points
from eligibility.draws.chart import cutoff_chart_svg
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


MAX_CHART_CRS = 1200  # the CRS grid's top


@require_GET
@csp_update({"style-src": [UNSAFE_INLINE]})  # the SVG's own <style>; it holds no script
def rounds_chart(request: HttpRequest, **_url_kwargs) -> HttpResponse:
    """The cut-offs of some round types over the 24 months before a date, with a score as a
    line: public, like the rounds themselves (the address carries only types and a number).
    It takes the score from the address, not from ``score_of``, which the URLconf passes to
    every view it mounts here."""
    types = [item for item in request.GET.get("types", "").split(",") if item]
    try:
        crs = int(request.GET.get("crs", ""))
        on = date.fromisoformat(request.GET.get("on", "")) if request.GET.get("on") else None
    except ValueError:
        raise Http404 from None
    if not types or len(types) > len(RoundCategory.values) or not (0 <= crs <= MAX_CHART_CRS):
        raise Http404
    if any(item not in RoundCategory.values for item in types):
        raise Http404
    on = min(on or timezone.localdate(), timezone.localdate())
    svg = cutoff_chart_svg(chart_points(types, crs=crs, on=on), crs=crs)
    return HttpResponse(svg, content_type="image/svg+xml")
