"""NOC catalogue pages: the search fragment the questionnaire's NOC field asks for as a person
types, and a page to try it on its own."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRedirect

from eligibility.noc.selectors import unit_group_search

MAX_QUERY_LENGTH = 100


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
