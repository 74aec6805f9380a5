"""Sessions that need a second factor get nowhere else until it is passed; staff sessions end
after ``CEC_STAFF_SESSION_HOURS``."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts import selectors, sessions

# Views a person must reach before passing the second factor: setting it up, giving a code,
# logging in and out.
OPEN_VIEWS = frozenset(
    {"two_factor_setup", "two_factor_verify", "login", "logout", "health", "set_language"}
)


class SessionBackendMiddleware:
    """A session signed in before the portal had its own sign-in backend names Django's
    ``ModelBackend``, which is no longer listed, so Django would sign that person out: it is
    given the portal's (``accounts.backends.PortalBackend``, the same accounts checked the same
    way). Before the authentication middleware; only a request with a session cookie reads its
    session here. Can go once every session from before 2026-11-28 has ended
    (``SESSION_COOKIE_AGE``)."""

    BEFORE = "django.contrib.auth.backends.ModelBackend"
    NOW = "accounts.backends.PortalBackend"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (settings.SESSION_COOKIE_NAME in request.COOKIES
                and request.session.get(BACKEND_SESSION_KEY) == self.BEFORE):
            request.session[BACKEND_SESSION_KEY] = self.NOW
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and sessions.staff_session_over(request):
            path = request.get_full_path()
            logout(request)
            messages.info(
                request,
                _("Your session ended after %(hours)s hours. Please log in again.")
                % {"hours": settings.CEC_STAFF_SESSION_HOURS},
            )
            return redirect_to_login(path)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or request.resolver_match.view_name in OPEN_VIEWS:
            return None
        if not sessions.needs_second_factor(request) or user.is_verified():
            return None
        name = "two_factor_verify" if selectors.has_authenticator(user) else "two_factor_setup"
        url = f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return redirect(url)


class AccountLanguageMiddleware:
    """A signed-in person reads the portal in the language remembered on their account.

    After ``LocaleMiddleware`` (which follows the cookie, then the browser's Accept-Language)
    and the authentication middleware: for a signed-in person the account's language wins, and
    the language cookie is set to it, so the choice holds on every device they log in on and
    after they log out. Switching (``accounts.views.language_choose``) saves it on the account.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        language = user.language if user.is_authenticated else None
        if language and language != request.LANGUAGE_CODE:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # On login the person is signed in only now: their language, from the next page on.
        user = request.user
        if user.is_authenticated and user.language:
            cookie = settings.LANGUAGE_COOKIE_NAME
            if request.COOKIES.get(cookie) != user.language:
                response.set_cookie(
                    cookie, user.language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    path=settings.LANGUAGE_COOKIE_PATH,
                    domain=settings.LANGUAGE_COOKIE_DOMAIN,
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                    httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                )
        return response
