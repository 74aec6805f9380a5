"""NOC catalogue pages: the search fragment the questionnaire's NOC field asks for as a person
types, and the public catalogue: a search page and a page per unit group."""

import re
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from eligibility.noc.selectors import unit_group_page, unit_group_search

MAX_QUERY_LENGTH = 100
# The id the picker's listbox takes (its search box names it in aria-controls); anything else
# sent is ignored rather than echoed into the page.
LIST_ID = re.compile(r"^noc-list-[A-Za-z0-9_-]{1,40}$")
DEFAULT_LIST_ID = "noc-list"


def login_required_htmx(view):
    """Like login_required, but an HTMX request is sent to the login page as a whole page.

    A plain redirect would be followed inside the XHR and the login form swapped into the
    results list.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.htmx:
            login = redirect_to_login(
                request.htmx.current_url_abs_path or "/", resolve_url(settings.LOGIN_URL)
            )
            return HttpResponseClientRedirect(login["Location"])
        return login_required(view)(request, *args, **kwargs)

    return wrapper


@login_required_htmx
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Up to ten unit groups for ``?q=``, as the options of a listbox (an HTMX fragment).

    ``?list=`` is the listbox's id, which the questionnaire's search box refers to.
    """
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    list_id = request.GET.get("list", "")
    if not LIST_ID.match(list_id):
        list_id = DEFAULT_LIST_ID
    hits = unit_group_search(query=query)
    return render(
        request,
        "eligibility/_noc_results.html",
        {"hits": hits, "query": query, "list_id": list_id},
    )


@require_GET
@vary_on_headers("HX-Request")
def catalogue(request: HttpRequest) -> HttpResponse:
    """The public catalogue's search page. As a person types, HTMX asks this same page for its
    results only; without JavaScript the form reloads the whole page."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    hits = unit_group_search(query=query) if query.strip() else []
    partial = request.htmx and not request.htmx.history_restore_request
    template = (
        "eligibility/_catalogue_results.html" if partial else "eligibility/noc_catalogue.html"
    )
    return render(request, template, {"hits": hits, "query": query})


@require_GET
def unit_group(request: HttpRequest, code: str) -> HttpResponse:
    """One unit group: title, TEER, lead statement, main duties and example titles. Public."""
    found = unit_group_page(code=code)
    if found is None:
        raise Http404
    return render(request, "eligibility/unit_group.html", {"unit_group": found})
