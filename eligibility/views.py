"""NOC catalogue pages: the search fragment the questionnaire's NOC field asks for as a person
types, and a page to try it on its own."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from eligibility.noc.selectors import unit_group_search

MAX_QUERY_LENGTH = 100


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Up to ten unit groups for ``?q=``, as a list of buttons (an HTMX fragment)."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    hits = unit_group_search(query=query)
    return render(request, "eligibility/_noc_results.html", {"hits": hits, "query": query})


@login_required
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    """A search box over the catalogue; without JavaScript the form reloads the page."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    hits = unit_group_search(query=query) if query else []
    return render(request, "eligibility/noc_catalogue.html", {"hits": hits, "query": query})
